"""The subsidy register: kept apart with its own accounting date (000:500-549)."""

import datetime

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.plans import rules, selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("due", "accounted", "today", "overdue"),
    [
        (datetime.date(2026, 7, 1), None, datetime.date(2026, 7, 1), False),
        (datetime.date(2026, 7, 1), None, datetime.date(2026, 7, 2), True),
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 3), datetime.date(2026, 8, 1), False),
        (None, None, datetime.date(2026, 8, 1), False),
    ],
)
def test_accounting_is_overdue_from_the_day_after_its_due_date(due, accounted, today, overdue):
    assert rules.accounting_overdue(due, accounted, today) is overdue


def test_register_marks_an_overdue_subsidy(plans):
    plan = plans["Jaarplan 2025-2026"]
    subsidy = plan.subsidies.get(name__startswith="Subsidie Ondersteuning en preventie")
    subsidy.accounting_due = datetime.date(2026, 9, 1)
    subsidy.save(update_fields=["accounting_due"])

    rows = selectors.plan_subsidies(plan=plan, today=datetime.date(2026, 9, 2))

    assert [row.name for row in rows if row.overdue] == [subsidy.name]


def test_subsidies_page_for_staff_of_the_swv(client, plans, swvs):
    client.force_login(user_with_role(Role.SECRETARIAT, swv=swvs["almere-vo"]))
    page = client.get(reverse("plans:plan_subsidies", args=[plans["Jaarplan 2025-2026"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Begaafde Leerlingen primair- en voortgezet onderwijs 2023-2025" in html
    assert "Aangevraagd" in html
