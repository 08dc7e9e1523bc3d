"""The financial rules of Bijlage VII of the Almere ondersteuningsplan
(``seeds/001_28cb0100de53310c.txt``), one readable function each, with its source line.

Pure functions on ``Decimal`` amounts in euros; nothing here reads the database. The
selectors apply them to the stored lines and years; ``docs/finance.md`` lists every rule with
its function and source line.
"""

import datetime
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


# --- Vangnet (safety-net funding), 001:4045-4141 ---------------------------------------------
#
# A school of specialised education (SBO/SO/VSO) is funded for a more than average growth of its
# pupils with a TLV between 2 February and 1 June. The amounts per support category come from
# the ministerial regulation (001:4123); they are not in the source, so the rates table is an
# argument (kept as data per year by the SWV), never a constant here.

SBO_CATEGORY = "sbo"  # 001:4115 "De SBO-school maakt geen onderscheid naar een ondersteuningscategorie."


def vangnet_period(year: int) -> tuple[datetime.date, datetime.date]:
    """The counting period "2 februari t/m 1 juni" of ``year`` (001:4063, 4105), both days included."""
    return datetime.date(year, 2, 2), datetime.date(year, 6, 1)


def in_vangnet_period(day: datetime.date) -> bool:
    start, end = vangnet_period(day.year)
    return start <= day <= end


def more_than_average_growth(*, growth_feb_jun: int, growth_sep_feb: int) -> bool:
    """Step 1 (001:4079-4089): the TLV pupils grew more between 2 February and 1 June than between
    1 September and 1 February. Equal growth is not more."""
    return growth_feb_jun > growth_sep_feb


def net_inflow(*, inflow: int, outflow: int) -> int:
    """Step 2b (001:4103): "netto instroom (instroom minus uitstroom)" per support category."""
    return inflow - outflow


def vangnet_amounts(net_inflow_per_category: dict[str, int], rates: dict[str, Decimal]) -> dict[str, Decimal]:
    """Step 2c (001:4119-4123): net inflow × the rate of its category. A category without a
    rate is an error, not a zero: the declaration would silently be too low."""
    missing = sorted(set(net_inflow_per_category) - set(rates))
    if missing:
        raise KeyError(f"no rate for categories {missing}")
    return {category: rates[category] * count for category, count in net_inflow_per_category.items()}


def vangnet_total(amounts: dict[str, Decimal]) -> Decimal:
    """Step 2d (001:4125-4127): the sum of the amounts per category."""
    return total(amounts.values())


def vangnet_declaration_allowed(total_amount: Decimal) -> bool:
    """Step 2d (001:4127-4129): a negative total is not declared (zero is not negative)."""
    return total_amount >= 0


def vangnet_declaration_due(year: int) -> datetime.date:
    """Step 2 (001:4093): the declaration is sent at the latest on 1 October."""
    return datetime.date(year, 10, 1)


def vangnet_declaration_in_time(sent_on: datetime.date, year: int) -> bool:
    return sent_on <= vangnet_declaration_due(year)


def vangnet_funding_year(year: int) -> int:
    """001:4073 and 4139-4141: paid for the calendar year after the period, after the SWV has
    verified the declaration against DUO's data."""
    return year + 1


# Which schools declare (001:4051-4063 "onze scholen", 4097 "go-school"): the schools of
# specialised education. An SBO school has one category (001:4115); SO and VSO schools declare
# per support category of the regulation (the three categories are the regulation's, not the
# source's).
VANGNET_SCHOOL_CATEGORIES: dict[str, tuple[str, ...]] = {
    "sbo": (SBO_CATEGORY,),
    "so": ("cat1", "cat2", "cat3"),
    "vso": ("cat1", "cat2", "cat3"),
}


def vangnet_categories(school_type: str) -> tuple[str, ...]:
    """The support categories a school declares in; empty for a school that does not declare
    (regular education has no vangnet)."""
    return VANGNET_SCHOOL_CATEGORIES.get(school_type, ())


def growth(*, start: int, end: int) -> int:
    """Step 1 (001:4079-4083): the change in the number of TLV pupils between two counting days."""
    return end - start


def net_inflow_per_category(movements: Iterable[tuple[str, str, int]]) -> dict[str, int]:
    """Step 2b (001:4103-4113) from dated movements already checked to lie in the period:
    ``(category, "in" | "out", pupils)`` → inflow minus outflow per category."""
    result: dict[str, int] = {}
    for category, direction, pupils in movements:
        signed = pupils if direction == "in" else -pupils
        result[category] = result.get(category, 0) + signed
    return result


# --- Editing a budget line -------------------------------------------------------------------

# Income and the costs before the plan are printed positive throughout Bijlage VII (001:3333-3381,
# 3641-3699); a programme may return money ("Nt2 maatjes -80.000", 001:3406) and an adjustment
# may go either way (001:3558).
SIGNED_KINDS = ("programme", "adjustment")


def amount_sign_allowed(kind: str, amount: Decimal) -> bool:
    """A funding, subsidy, transfer, organisation or statutory-task line is never negative;
    a programme line or an adjustment may be."""
    return kind in SIGNED_KINDS or amount >= 0


# --- Arrangement funds (Bijlage X, 001:4145-4330) ---------------------------------------------


def general_fund_amount(*, rate_per_pupil: Decimal, pupils: int) -> Decimal:
    """ "Algemene arrangementsmiddelen (bedrag per leerling)" (001:4162, 4181-4183; 611): the
    amount per pupil × the pupils on the counting date."""
    return rate_per_pupil * pupils


def rate_per_pupil(*, budget_amount: Decimal, pupils: int) -> Decimal | None:
    """The amount per pupil that spends a budget line exactly over ``pupils`` (to the cent,
    rounded down so the sum never exceeds the line); None without pupils."""
    if pupils <= 0:
        return None
    return (budget_amount / pupils).quantize(CENT, rounding="ROUND_DOWN")


ORIENTED = ("area", "school", "group")


def oriented_share(amount_per_orientation: dict[str, Decimal]) -> Decimal | None:
    """The indicator of 001:1868-1876 (and 000:404-406): the share of the funds used area-,
    school- or group-oriented against all funds; None when there are no funds."""
    everything = total(amount_per_orientation.values())
    if everything <= 0:
        return None
    return (
        total(amount for orientation, amount in amount_per_orientation.items() if orientation in ORIENTED) / everything
    )


def agreement_due(year: int) -> datetime.date:
    """001:4258-4260: the agreement on next calendar year's funds is made before the May
    holiday. The holiday's start differs per region and year; we use 1 May of the year before
    (docs/finance.md)."""
    return datetime.date(year - 1, 5, 1)


def agreement_in_time(agreed_on: datetime.date, year: int) -> bool:
    return agreed_on < agreement_due(year)


def accountability_period(year: int) -> tuple[datetime.date, datetime.date]:
    """001:4266-4270: the yearly accountability takes place in January/February after the year."""
    end_of_february = datetime.date(year + 1, 3, 1) - datetime.timedelta(days=1)
    return datetime.date(year + 1, 1, 1), end_of_february
