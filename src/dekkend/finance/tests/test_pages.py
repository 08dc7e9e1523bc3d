"""The finance pages: reserves tables with the what-if, budget pages, per role and SWV."""

import re

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.finance.models import Budget

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def test_controller_sees_the_reserves_table_as_printed(client, almere_po):
    page = _client(client, user_with_role(Role.POLICY, swv=almere_po)).get(reverse("finance:reserves"))

    assert page.status_code == 200
    html = page.content.decode()
    excess = re.findall(r'data-cell="excess">([^<]*)', html)
    assert excess[:5] == ["1.455.410 ", "774.500 ", "100.746 ", "-42.907", "-180.134"]
    assert re.findall(r'data-cell="ratio">([^<]*)', html) == ["3,36", "2,24", "1,15", "0,94", "0,73"]


def test_what_if_shows_the_outcome(client, almere_po):
    page = _client(client, user_with_role(Role.MANAGER, swv=almere_po)).get(
        reverse("finance:reserves"), {"baten": "1000000", "eigen_vermogen": "35000,01"}
    )
    assert "Het eigen vermogen is bovenmatig." in page.content.decode()


def test_what_if_with_bad_input_keeps_what_was_typed(client, almere_po):
    page = _client(client, user_with_role(Role.MANAGER, swv=almere_po)).get(
        reverse("finance:reserves"), {"baten": "0", "eigen_vermogen": "12abc"}
    )
    html = page.content.decode()
    assert "Totale baten moeten meer dan nul zijn." in html
    assert 'value="12abc"' in html


@pytest.mark.parametrize("role", [Role.SCHOOL, Role.SECRETARIAT, Role.PARTNER, Role.BOARD])
def test_other_roles_are_refused(client, almere_po, role):
    page = _client(client, user_with_role(role, swv=almere_po)).get(reverse("finance:reserves"))
    assert page.status_code == 403


def test_budget_page_shows_derived_totals_and_a_chart(client, almere_po):
    budget = Budget.objects.get(swv=almere_po, year=2024, scenario="begroting")
    page = _client(client, user_with_role(Role.DIRECTOR, swv=almere_po)).get(
        reverse("finance:budget_detail", args=[budget.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'data-total="needed">7.927.329<', html)
    assert re.search(r'data-total="result">-627.129<', html)
    assert "<svg" in html and 'role="img"' in html


def test_budget_of_another_swv_is_not_found(client, almere_po, almere_vo):
    budget = Budget.objects.get(swv=almere_vo, year=2024, scenario="begroting")
    page = _client(client, user_with_role(Role.POLICY, swv=almere_po)).get(
        reverse("finance:budget_detail", args=[budget.pk])
    )
    assert page.status_code == 404


def test_a_negative_programme_gets_no_bar_but_stays_in_the_table(client, almere_vo):
    budget = Budget.objects.get(swv=almere_vo, year=2023, scenario="begroting")
    page = _client(client, user_with_role(Role.POLICY, swv=almere_vo)).get(
        reverse("finance:budget_detail", args=[budget.pk])
    )
    html = page.content.decode()
    assert 'height="-' not in html
    assert "-70.000" in html  # Prog 5 OPDC, 001:3835
