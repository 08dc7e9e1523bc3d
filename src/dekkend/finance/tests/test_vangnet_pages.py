"""The vangnet pages: a school starts its declaration, adds inflow and outflow (a date outside
2 February - 1 June gives a Dutch message and keeps what was typed), confirms before sending;
the SWV confirms before approving; other SWVs and roles are refused."""

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.finance.models import DeclarationStatus, VangnetDeclaration
from dekkend.organisations.tests.factories import SwvFactory

pytestmark = pytest.mark.django_db


def _start(client, school):
    return client.post(
        reverse("finance:vangnet_list"),
        {
            "school": school.pk,
            "year": "2025",
            "tlv_pupils_sep_1": "40",
            "tlv_pupils_feb_1": "41",
            "tlv_pupils_jun_1": "47",
            "growth_explanation": "Nieuwe groep na de voorjaarsvakantie",
        },
    )


def test_a_school_declares_and_the_swv_approves_after_confirming(client, vangnet_swv):
    client.force_login(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))
    response = _start(client, vangnet_swv.so_school)
    declaration = VangnetDeclaration.objects.get()
    assert response.status_code == 302

    add = reverse("finance:vangnet_movement_add", args=[declaration.pk])
    refused = client.post(add, {"day": "2025-02-01", "category": "cat1", "direction": "in", "pupils": "2"})
    assert refused.status_code == 400
    assert "Alleen instroom en uitstroom van 02-02-2025 tot en met 01-06-2025 telt mee." in refused.content.decode()
    assert 'value="2025-02-01"' in refused.content.decode()
    accepted = client.post(add, {"day": "2025-06-01", "category": "cat1", "direction": "in", "pupils": "2"})
    assert accepted.status_code == 302

    submit = reverse("finance:vangnet_submit", args=[declaration.pk])
    confirm_page = client.get(submit).content.decode()
    assert "U gaat de declaratie" in confirm_page
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DRAFT  # looking at the confirmation sends nothing
    assert client.post(submit, {"confirmed": "1"}).status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.SUBMITTED

    client.force_login(user_with_role(Role.MANAGER, swv=vangnet_swv))
    verify = reverse("finance:vangnet_verify", args=[declaration.pk])
    first = client.post(verify, {"outcome": "approve", "reasons": ""})
    assert "kan niet meer worden gewijzigd" in first.content.decode()
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.SUBMITTED
    client.post(verify, {"outcome": "approve", "reasons": "", "confirmed": "1"})
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.APPROVED
    page = client.get(reverse("finance:vangnet_detail", args=[declaration.pk])).content.decode()
    assert "Goedgekeurd" in page


def test_a_negative_total_is_not_sent(client, vangnet_swv):
    client.force_login(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))
    _start(client, vangnet_swv.so_school)
    declaration = VangnetDeclaration.objects.get()
    client.post(
        reverse("finance:vangnet_movement_add", args=[declaration.pk]),
        {"day": "2025-03-01", "category": "cat3", "direction": "out", "pupils": "1"},
    )
    response = client.post(reverse("finance:vangnet_submit", args=[declaration.pk]), {"confirmed": "1"})
    assert response.status_code == 400
    assert "de school stuurt geen declaratie" in response.content.decode()
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DRAFT


def test_rejecting_without_reasons_keeps_the_form(client, vangnet_swv):
    client.force_login(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))
    _start(client, vangnet_swv.so_school)
    declaration = VangnetDeclaration.objects.get()
    client.post(
        reverse("finance:vangnet_movement_add", args=[declaration.pk]),
        {"day": "2025-03-01", "category": "cat1", "direction": "in", "pupils": "1"},
    )
    client.post(reverse("finance:vangnet_submit", args=[declaration.pk]), {"confirmed": "1"})

    client.force_login(user_with_role(Role.DIRECTOR, swv=vangnet_swv))
    response = client.post(reverse("finance:vangnet_verify", args=[declaration.pk]), {"outcome": "reject"})
    assert response.status_code == 400
    assert "Geef de redenen" in response.content.decode()


def test_bad_counts_keep_what_was_typed(client, vangnet_swv):
    client.force_login(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))
    response = client.post(
        reverse("finance:vangnet_list"),
        {"school": vangnet_swv.so_school.pk, "year": "twintig", "tlv_pupils_sep_1": "-1"},
    )
    assert response.status_code == 400
    assert 'value="twintig"' in response.content.decode()
    assert not VangnetDeclaration.objects.exists()


def test_other_swv_and_other_roles(client, vangnet_swv):
    client.force_login(user_with_role(Role.SCHOOL, school=vangnet_swv.so_school))
    _start(client, vangnet_swv.so_school)
    declaration = VangnetDeclaration.objects.get()

    client.force_login(user_with_role(Role.MANAGER, swv=SwvFactory()))
    assert client.get(reverse("finance:vangnet_detail", args=[declaration.pk])).status_code == 404
    client.force_login(user_with_role(Role.SECRETARIAT, swv=vangnet_swv))
    assert client.get(reverse("finance:vangnet_list")).status_code == 403
    client.force_login(user_with_role(Role.SCHOOL, school=vangnet_swv.sbo_school))
    assert client.get(reverse("finance:vangnet_detail", args=[declaration.pk])).status_code == 404


def test_the_controller_sets_a_rate_and_a_negative_one_is_refused(client, vangnet_swv):
    from decimal import Decimal

    from dekkend.audit.models import AuditEvent
    from dekkend.finance.models import VangnetRate

    client.force_login(user_with_role(Role.POLICY, swv=vangnet_swv))
    url = reverse("finance:vangnet_rate_set")

    refused = client.post(url, {"swv": vangnet_swv.pk, "year": "2027", "category": "cat2", "amount": "-1"})
    assert refused.status_code == 400
    assert "Een tarief kan niet negatief zijn." in refused.content.decode()
    assert 'value="-1"' in refused.content.decode()
    assert not VangnetRate.objects.filter(year=2027).exists()

    saved = client.post(url, {"swv": vangnet_swv.pk, "year": "2027", "category": "cat2", "amount": "17900,50"})
    assert saved.status_code == 302
    assert VangnetRate.objects.get(swv=vangnet_swv, year=2027, category="cat2").amount == Decimal("17900.50")
    assert AuditEvent.objects.filter(object_type="vangnet_rate", action="create").exists()


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.SCHOOL])
def test_only_the_controller_seat_sets_rates(client, vangnet_swv, role):
    user = (
        user_with_role(role, school=vangnet_swv.so_school)
        if role == Role.SCHOOL
        else user_with_role(role, swv=vangnet_swv)
    )
    client.force_login(user)
    response = client.post(
        reverse("finance:vangnet_rate_set"), {"swv": vangnet_swv.pk, "year": "2027", "category": "cat2", "amount": "1"}
    )
    assert response.status_code == 403


def test_a_controller_of_another_swv_cannot_set_this_swvs_rate(client, vangnet_swv):
    from dekkend.finance.models import VangnetRate

    client.force_login(user_with_role(Role.POLICY, swv=SwvFactory()))
    response = client.post(
        reverse("finance:vangnet_rate_set"), {"swv": vangnet_swv.pk, "year": "2027", "category": "cat2", "amount": "1"}
    )
    assert response.status_code == 400  # not one of the SWVs offered
    assert not VangnetRate.objects.filter(year=2027).exists()
