"""The financial rules of Bijlage VII of the Almere ondersteuningsplan
(``seeds/001_28cb0100de53310c.txt``), one readable function each, with its source line.

Pure functions on ``Decimal`` amounts in euros; nothing here reads the database. The
selectors apply them to the stored lines and years; ``docs/finance.md`` lists every rule with
its function and source line.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

# 001_28cb0100de53310c.txt:3325 / 3633 -- "Maximaal obv 0,35 * totale baten". The label says
# 0,35 but every printed figure is 3.5% of the income (617.236 = 0,035 x 17.635.300), which is
# also the national signalling value for an SWV's reserves. The figures decide: 0.035.
SIGNALLING_RATE = Decimal("0.035")

EURO = Decimal("1")
CENT = Decimal("0.01")


def round_euro(amount: Decimal) -> Decimal:
    """Whole euros, halves away from zero -- as the source's spreadsheet prints them
    (001:3633 818.436,5 -> 818.437; 001:3868 -12.464,5 -> -12.465)."""
    return amount.quantize(EURO, rounding=ROUND_HALF_UP)


def round_ratio(ratio: Decimal) -> Decimal:
    """Two decimals, as the source prints the ratio (001:3331 "3,36")."""
    return ratio.quantize(CENT, rounding=ROUND_HALF_UP)


# --- Reserves (eigen vermogen), 001:3313-3331 (PO) and 001:3621-3639 (VO) -------------------


def signalling_value(baten: Decimal) -> Decimal:
    """The signalling value for excessive reserves: 3.5% of the total income (001:3325)."""
    return baten * SIGNALLING_RATE


def excess_reserves(equity: Decimal, baten: Decimal) -> Decimal:
    """ "Bovenmatig deel" (001:3329): the equity above the signalling value; negative when the
    equity stays below it."""
    return equity - signalling_value(baten)


def is_excessive(equity: Decimal, baten: Decimal) -> bool:
    """Excessive when the equity is above the signalling value; exactly at it is not."""
    return excess_reserves(equity, baten) > 0


def reserves_ratio(equity: Decimal, baten: Decimal) -> Decimal | None:
    """ "Ratio" (001:3331): equity divided by the signalling value (1,00 = exactly at it).
    None when there is no income to compare with."""
    value = signalling_value(baten)
    if value <= 0:
        return None
    return equity / value


def closing_balance(opening: Decimal, result: Decimal, rounding_difference: Decimal = Decimal(0)) -> Decimal:
    """ "Eindstand" = "Beginstand" + "Resultaat" (001:3317-3321); the next year's opening
    balance is this year's closing balance (001:3317: 2.072.645 closes 2022 and opens 2023)."""
    return opening + result + rounding_difference


# --- Programme budget, 001:3333-3560 (PO) and 001:3641-3851 (VO) ----------------------------


def total(amounts: Iterable[Decimal]) -> Decimal:
    """A "Totaal ..." line is the sum of the lines above it (e.g. 001:3341)."""
    return sum(amounts, Decimal(0))


def available_for_plan(
    *, funding: Decimal, subsidies: Decimal, transfers: Decimal, organisation: Decimal, statutory_tasks: Decimal
) -> Decimal:
    """ "Beschikbare middelen voor het ondersteuningsplan" (001:3381): funding plus subsidies,
    minus the compulsory transfers, the organisation costs and the statutory tasks
    (2023: 17.503.000 + 132.300 - 9.402.000 - 1.256.900 - 650.700 = 6.325.700)."""
    return funding + subsidies - transfers - organisation - statutory_tasks


def operating_result(*, available: Decimal, needed: Decimal) -> Decimal:
    """ "Exploitatieresultaat" (001:3556): available minus needed for the plan's programmes."""
    return available - needed


def result_after_adjustments(*, result: Decimal, adjustments: Iterable[Decimal]) -> Decimal:
    """The final result (001:3560): the operating result plus the adjustments printed below it
    ("Extra toekenningen 2023 PO -300.350": -374.550 - 300.350 = -674.900)."""
    return result + total(adjustments)
