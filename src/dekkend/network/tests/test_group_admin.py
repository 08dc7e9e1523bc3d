"""A functional administrator keeps the network's groups up to date in the admin (beheer)."""

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from dekkend.accounts.models import User
from dekkend.network.models import ProvisionGroup

from .factories import ProvisionGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return User.objects.create_superuser("beheerder", "beheer@example.org", "een-lang-wachtwoord-1")


def _admin_form(group, user, **changes):
    model_admin = admin.site._registry[ProvisionGroup]
    request = RequestFactory().post("/")
    request.user = user
    data = {name: value for name, value in model_to_dict(group).items() if value is not None}
    data.update(changes)
    return model_admin.get_form(request, group)(data, instance=group)


def test_a_plan_for_only_some_funding_levels_is_refused(superuser):
    group = ProvisionGroupFactory()
    form = _admin_form(group, superuser, planned_category_1=10)
    assert not form.is_valid()
    assert {"planned_without_category", "planned_category_2", "planned_category_3"} <= set(form.errors)


def test_a_whole_plan_is_saved_and_counts_for_next_year(superuser):
    group = ProvisionGroupFactory(current_pupils=0)
    form = _admin_form(
        group, superuser, planned_without_category=0, planned_category_1=6, planned_category_2=4, planned_category_3=2
    )
    assert form.is_valid(), form.errors
    form.save()
    group.refresh_from_db()
    assert group.places_planned == {0: 0, 1: 6, 2: 4, 3: 2}
    assert group.planned_places_next_year == 12


def test_the_group_list_in_the_admin_shows_the_groups(client, superuser):
    group = ProvisionGroupFactory(name="Groep Zonnebloem")
    client.force_login(superuser)
    response = client.get(reverse("admin:network_provisiongroup_changelist"))
    assert response.status_code == 200
    assert group.name in response.content.decode()
