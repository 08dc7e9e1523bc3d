"""The vangnet rules of Bijlage IX (001:4045-4141) at their edges."""

import datetime
from decimal import Decimal

import pytest

from dekkend.finance import rules

RATES = {"1": Decimal("10000"), "2": Decimal("20000"), "3": Decimal("30000")}  # test rates, not the regulation's


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (datetime.date(2025, 2, 1), False),
        (datetime.date(2025, 2, 2), True),
        (datetime.date(2025, 6, 1), True),
        (datetime.date(2025, 6, 2), False),
    ],
)
def test_counting_period_is_2_february_to_1_june_inclusive(day, inside):
    assert rules.in_vangnet_period(day) is inside


@pytest.mark.parametrize(("spring", "autumn", "expected"), [(5, 4, True), (4, 4, False), (0, 3, False)])
def test_only_more_than_average_growth_counts(spring, autumn, expected):
    assert rules.more_than_average_growth(growth_feb_jun=spring, growth_sep_feb=autumn) is expected


def test_amounts_are_net_inflow_times_the_rate_per_category():
    net = {"1": rules.net_inflow(inflow=3, outflow=1), "3": rules.net_inflow(inflow=0, outflow=1)}
    amounts = rules.vangnet_amounts(net, RATES)
    assert amounts == {"1": Decimal("20000"), "3": Decimal("-30000")}
    assert rules.vangnet_total(amounts) == Decimal("-10000")
    assert rules.vangnet_declaration_allowed(rules.vangnet_total(amounts)) is False


def test_a_zero_total_is_not_negative():
    assert rules.vangnet_declaration_allowed(Decimal(0)) is True


def test_sbo_has_one_category_and_a_missing_rate_is_an_error():
    assert rules.vangnet_amounts({rules.SBO_CATEGORY: 2}, {rules.SBO_CATEGORY: Decimal("5000")}) == {
        "sbo": Decimal("10000")
    }
    with pytest.raises(KeyError):
        rules.vangnet_amounts({"2": 1}, {"1": Decimal(1)})


def test_declaration_due_1_october_and_paid_the_next_year():
    assert rules.vangnet_declaration_in_time(datetime.date(2025, 10, 1), 2025) is True
    assert rules.vangnet_declaration_in_time(datetime.date(2025, 10, 2), 2025) is False
    assert rules.vangnet_funding_year(2025) == 2026
