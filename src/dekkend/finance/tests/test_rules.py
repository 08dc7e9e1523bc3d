"""The reserves rules at their edges: exactly at the signalling value, a cent above or below,
no income, negative equity; the euro rounding of the source."""

from decimal import Decimal

import pytest

from dekkend.finance import rules


def test_signalling_value_is_three_and_a_half_percent_of_income():
    # 001:3325 -- 617.236 for 17.635.300
    assert rules.round_euro(rules.signalling_value(Decimal("17635300"))) == Decimal("617236")


def test_exactly_at_the_signalling_value_is_not_excessive():
    baten = Decimal("1000000")
    at = rules.signalling_value(baten)  # 35.000
    assert at == Decimal("35000")
    assert rules.excess_reserves(at, baten) == 0
    assert rules.is_excessive(at, baten) is False
    assert rules.reserves_ratio(at, baten) == 1


def test_one_cent_above_the_signalling_value_is_excessive():
    baten = Decimal("1000000")
    assert rules.is_excessive(Decimal("35000.01"), baten) is True
    assert rules.is_excessive(Decimal("34999.99"), baten) is False


def test_negative_equity_has_a_negative_ratio():
    assert rules.reserves_ratio(Decimal("-35000"), Decimal("1000000")) == -1
    assert rules.is_excessive(Decimal("-1"), Decimal("1000000")) is False


def test_no_income_has_no_ratio():
    assert rules.reserves_ratio(Decimal("100"), Decimal("0")) is None


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [("818436.5", "818437"), ("-12464.5", "-12465"), ("669870.25", "669870"), ("-42907.25", "-42907")],
)
def test_euros_round_halves_away_from_zero_as_the_source_prints(amount, rounded):
    assert rules.round_euro(Decimal(amount)) == Decimal(rounded)


def test_ratio_has_two_decimals():
    assert rules.round_ratio(Decimal("0.98534")) == Decimal("0.99")
    assert rules.round_ratio(Decimal("3.355")) == Decimal("3.36")


def test_available_for_the_plan_subtracts_transfers_organisation_and_tasks():
    # 001:3381 for 2023: 17.503.000 + 132.300 - 9.402.000 - 1.256.900 - 650.700
    available = rules.available_for_plan(
        funding=Decimal(17503000),
        subsidies=Decimal(132300),
        transfers=Decimal(9402000),
        organisation=Decimal(1256900),
        statutory_tasks=Decimal(650700),
    )
    assert available == Decimal(6325700)


def test_closing_balance_adds_the_result_to_the_opening():
    assert rules.closing_balance(Decimal(2072645), Decimal(-674900)) == Decimal(1397745)
