"""The programme budgets of Bijlage VII: every derived total equals the printed total."""

from decimal import Decimal

import pytest

from dekkend.finance import selectors
from dekkend.finance.models import Budget, BudgetLine

from .seed_tables import BUDGET_COLUMNS, BUDGET_TOTALS, PROGRAMME_TOTALS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["almere-po", "almere-vo"])
@pytest.mark.parametrize("column", range(5))
def test_derived_totals_equal_the_printed_totals(code, column, almere_po, almere_vo):
    swv = {"almere-po": almere_po, "almere-vo": almere_vo}[code]
    year, scenario = BUDGET_COLUMNS[column]
    overview = selectors.budget_overview(budget=Budget.objects.get(swv=swv, year=year, scenario=scenario))

    for total, printed in BUDGET_TOTALS[code].items():
        assert getattr(overview, total) == Decimal(printed[column]), total
    programmes = {programme.name: programme.total for programme in overview.programmes}
    assert programmes == {name: Decimal(values[column]) for name, values in PROGRAMME_TOTALS[code].items()}


def test_a_changed_line_changes_the_totals(almere_po):
    """Totals are derived, never stored: one line more moves every total below it."""
    budget = Budget.objects.get(swv=almere_po, year=2024, scenario="begroting")
    line = budget.lines.get(name="Maatwerkbudget")
    line.amount += 1000
    line.save(update_fields=["amount"])

    overview = selectors.budget_overview(budget=budget)
    assert overview.needed == Decimal(7927329 + 1000)
    assert overview.result == Decimal(-627129 - 1000)


def test_loading_twice_keeps_one_budget_per_column(almere_po):
    from dekkend.audit.services import AuditContext
    from dekkend.finance.services import budgets_load

    before = BudgetLine.objects.count()
    budgets_load(swv=almere_po, context=AuditContext(purpose="test"))
    assert Budget.objects.filter(swv=almere_po).count() == 5
    assert BudgetLine.objects.count() == before
