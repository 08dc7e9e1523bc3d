"""The controller edits a budget line in the browser: the totals follow from the lines; bad
input (a negative income line, not a number, a year without a budget) gives a Dutch message
and changes nothing; every change is kept and audited."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.finance.models import Budget, BudgetLine, BudgetLineChange
from dekkend.finance.selectors import budget_overview
from dekkend.organisations.tests.factories import SwvFactory

pytestmark = pytest.mark.django_db


def _line(swv, name, year=2024, scenario="begroting"):
    return BudgetLine.objects.get(budget__swv=swv, budget__year=year, budget__scenario=scenario, name=name)


def _post(client, user, line, **data):
    client.force_login(user)
    fields = {"year": line.budget.year, "scenario": line.budget.scenario, "amount": "", "reason": ""}
    fields.update(data)
    return client.post(reverse("finance:budget_line_edit", args=[line.pk]), fields)


def test_controller_changes_a_line_and_the_totals_follow(client, almere_po):
    line = _line(almere_po, "Algemene arrangementsmiddelen")
    before = budget_overview(budget=line.budget)
    controller = user_with_role(Role.POLICY, swv=almere_po)

    response = _post(client, controller, line, amount="1418300", reason="Meer leerlingen op 1 februari")

    assert response.status_code == 302
    after = budget_overview(budget=Budget.objects.get(pk=line.budget_id))
    assert after.needed - before.needed == Decimal("1418300") - line.amount
    assert after.result == before.result - (Decimal("1418300") - line.amount)
    page = client.get(reverse("finance:budget_detail", args=[line.budget_id])).content.decode()
    needed = re.search(r'data-total="needed">([^<]*)<', page).group(1)
    assert needed == f"{after.needed:,.0f}".replace(",", ".")
    change = BudgetLineChange.objects.get(line=line)
    assert (change.old_amount, change.new_amount, change.changed_by) == (line.amount, Decimal("1418300"), controller)
    assert AuditEvent.objects.filter(object_type="budget_line", object_id=str(line.pk), action="update").exists()
    history = client.get(reverse("finance:budget_line_edit", args=[line.pk])).content.decode()
    assert "Meer leerlingen op 1 februari" in history


def test_the_same_line_in_another_column(client, almere_po):
    line = _line(almere_po, "Algemene arrangementsmiddelen")
    target = _line(almere_po, "Algemene arrangementsmiddelen", year=2025)

    _post(client, user_with_role(Role.MANAGER, swv=almere_po), line, year=2025, amount="1000000")

    target.refresh_from_db()
    line.refresh_from_db()
    assert target.amount == Decimal("1000000")
    assert line.amount != Decimal("1000000")


def test_an_income_line_cannot_be_negative(client, almere_po):
    line = BudgetLine.objects.filter(budget__swv=almere_po, budget__year=2024, kind="funding").first()
    before = line.amount

    response = _post(client, user_with_role(Role.POLICY, swv=almere_po), line, amount="-5")

    assert response.status_code == 400
    assert "kan niet negatief zijn" in response.content.decode()
    line.refresh_from_db()
    assert line.amount == before
    assert not BudgetLineChange.objects.exists()


def test_a_programme_line_may_be_negative(client, almere_po):
    line = _line(almere_po, "Nt2 maatjes", year=2023, scenario="prognose")
    response = _post(client, user_with_role(Role.POLICY, swv=almere_po), line, amount="-90000")
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("-90000")


def test_not_a_number_keeps_what_was_typed(client, almere_po):
    line = _line(almere_po, "Algemene arrangementsmiddelen")
    response = _post(client, user_with_role(Role.POLICY, swv=almere_po), line, amount="veel")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een bedrag in euro" in html
    assert 'value="veel"' in html


def test_a_year_without_a_budget_changes_nothing(client, almere_po):
    line = _line(almere_po, "Algemene arrangementsmiddelen")
    before = line.amount
    response = _post(client, user_with_role(Role.POLICY, swv=almere_po), line, year=2031, amount="1")
    assert response.status_code == 400
    assert "Er is geen" in response.content.decode()
    line.refresh_from_db()
    assert line.amount == before


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.SCHOOL, Role.BOARD])
def test_only_the_controller_seat_edits(client, almere_po, role):
    line = _line(almere_po, "Algemene arrangementsmiddelen")
    response = _post(client, user_with_role(role, swv=almere_po), line, amount="1")
    assert response.status_code == 403


def test_a_controller_of_another_swv_cannot_find_the_line(client, almere_po):
    line = _line(almere_po, "Algemene arrangementsmiddelen")
    response = _post(client, user_with_role(Role.POLICY, swv=SwvFactory()), line, amount="1")
    assert response.status_code == 404
