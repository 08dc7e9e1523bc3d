"""The year calendar: documents discussed on time (000:440-442), the real discussions of the
support plan (001:23-47), and bad dates refused in Dutch."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.plans import rules, selectors, services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("planned", "discussed", "expected"),
    [
        (datetime.date(2026, 3, 1), datetime.date(2026, 2, 28), True),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), True),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 2), False),
        (datetime.date(2026, 3, 1), None, None),
        (None, datetime.date(2026, 3, 1), None),
    ],
)
def test_on_time_is_on_or_before_the_planned_day(planned, discussed, expected):
    assert rules.discussed_on_time(planned, discussed) is expected


def test_the_support_plans_discussions_are_loaded_but_not_counted(plans):
    calendar = selectors.plan_calendar(plan=plans["Ondersteuningsplan 2023-2027"])
    assert [entry.body for entry in calendar.entries] == ["bestuur", "opr", "alv", "oogo"]
    assert calendar.entries[2].discussed_on == datetime.date(2024, 4, 17)
    assert calendar.counted == 0 and calendar.share is None


def test_share_on_time_against_the_100_percent_target(plans, swvs):
    plan = plans["Jaarplan 2025-2026"]
    context = AuditContext(user=user_with_role(Role.MANAGER, swv=swvs["almere-po"]))
    today = datetime.date(2026, 7, 1)
    for planned, discussed in [((2025, 12, 1), (2025, 11, 20)), ((2026, 3, 1), (2026, 3, 8)), ((2026, 6, 1), None)]:
        services.calendar_entry_add(
            plan_id=plan.pk,
            document="Jaarverslag",
            body="alv",
            planned_on=datetime.date(*planned),
            discussed_on=datetime.date(*discussed) if discussed else None,
            today=today,
            context=context,
        )
    calendar = selectors.plan_calendar(plan=plan)
    assert (calendar.on_time, calendar.counted) == (1, 2)
    assert calendar.meets_target is False


def test_a_date_outside_the_plan_period_or_in_the_future_is_refused(plans, swvs):
    plan = plans["Jaarplan 2025-2026"]
    context = AuditContext(user=user_with_role(Role.POLICY, swv=swvs["almere-vo"]))
    with pytest.raises(ValidationError) as error:
        services.calendar_entry_add(
            plan_id=plan.pk,
            document="Begroting 2027",
            body="bestuur",
            planned_on=datetime.date(2026, 8, 1),  # the day after the year plan ends
            discussed_on=datetime.date(2026, 7, 2),
            today=datetime.date(2026, 7, 1),
            context=context,
        )
    assert set(error.value.message_dict) == {"planned_on", "discussed_on"}
    assert plan.calendar.count() == 0


def test_a_board_member_may_not_add(plans, swvs):
    with pytest.raises(PermissionDenied):
        services.calendar_entry_add(
            plan_id=plans["Jaarplan 2025-2026"].pk,
            document="x",
            body="mt",
            planned_on=datetime.date(2026, 1, 1),
            context=AuditContext(user=user_with_role(Role.BOARD, swv=swvs["almere-po"])),
        )


def test_calendar_page_keeps_bad_input_and_says_why_in_dutch(client, plans, swvs):
    client.force_login(user_with_role(Role.POLICY, swv=swvs["almere-po"]))
    plan = plans["Jaarplan 2025-2026"]
    url = reverse("plans:plan_calendar", args=[plan.pk])
    page = client.post(url, {"document": "Jaarplan 2026-2027", "body": "opr", "planned_on": "2030-01-01"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "Kies een datum binnen de periode van het plan" in html
    assert 'value="Jaarplan 2026-2027"' in html
    ok = client.post(url, {"document": "Jaarplan 2026-2027", "body": "opr", "planned_on": "2026-05-01"})
    assert ok.status_code == 302
    assert "Jaarplan 2026-2027" in client.get(url).content.decode()
