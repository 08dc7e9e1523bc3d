"""The reserves tables of Bijlage VII (PO and VO, 2022-2026) are reproduced to the euro."""

from decimal import Decimal

import pytest

from dekkend.finance import selectors

from .seed_tables import BUDGET_COLUMNS, RESERVES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["almere-po", "almere-vo"])
@pytest.mark.parametrize("cell", list(RESERVES["almere-po"]))
def test_every_cell_equals_the_source(code, cell, almere_po, almere_vo):
    swv = {"almere-po": almere_po, "almere-vo": almere_vo}[code]
    rows = selectors.reserves_table(swv=swv)

    assert [row.year for row in rows] == [2022, 2023, 2024, 2025, 2026]
    derived = [row.rounded[cell] for row in rows]
    expected = [None if value is None else Decimal(value) for value in RESERVES[code][cell]]
    assert derived == expected


@pytest.mark.parametrize("code", ["almere-po", "almere-vo"])
def test_the_results_of_the_reserves_equal_the_budgets_results(code, almere_po, almere_vo):
    """The reserves' results for 2023-2026 are the budgets' final results (prognose for 2023)."""
    from dekkend.finance.models import Budget

    swv = {"almere-po": almere_po, "almere-vo": almere_vo}[code]
    rows = {row.year: row for row in selectors.reserves_table(swv=swv)}
    for year, scenario in BUDGET_COLUMNS:
        if (year, scenario) == (2023, "begroting"):
            continue
        overview = selectors.budget_overview(budget=Budget.objects.get(swv=swv, year=year, scenario=scenario))
        assert overview.result == rows[year].result


def test_excessive_flag_follows_the_excess(almere_po):
    rows = selectors.reserves_table(swv=almere_po)
    assert [row.excessive for row in rows] == [True, True, True, False, False]


def test_a_year_without_a_start_is_not_shown(almere_po):
    from dekkend.finance.models import ReserveYear

    ReserveYear.objects.filter(swv=almere_po, year=2022).delete()
    assert selectors.reserves_table(swv=almere_po) == []


def test_no_reserves_gives_an_empty_table(db):
    from dekkend.organisations.tests.factories import SwvFactory

    assert selectors.reserves_table(swv=SwvFactory()) == []
