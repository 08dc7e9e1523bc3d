"""Reads of the finance app: the reserves table and the programme budget with every total
derived from the lines (``rules``). Callers pass the SWVs the permissions module allows."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import Swv

from . import rules
from .models import (
    ArrangementFund,
    BoardAgreement,
    Budget,
    BudgetLine,
    DeclarationStatus,
    FundKind,
    LineKind,
    MovementDirection,
    Orientation,
    ReserveYear,
    SupportCategory,
    VangnetDeclaration,
    VangnetRate,
)


def finance_swvs(user) -> list[Swv]:
    """The SWVs whose finances the user may read."""
    return list(Swv.objects.filter(pk__in=permissions.finance_swv_ids(user)).order_by("name"))


# --- Reserves -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReserveRow:
    """One column of the reserves table, every figure derived and unrounded; templates round
    with ``rules.round_euro`` / ``rules.round_ratio`` through the ``rounded`` property."""

    year: int
    scenario: str
    scenario_label: str
    opening: Decimal | None
    result: Decimal | None
    closing: Decimal
    baten: Decimal
    signalling_value: Decimal
    excess: Decimal
    excessive: bool
    ratio: Decimal | None
    source: str

    @property
    def rounded(self) -> dict:
        def euro(value):
            return None if value is None else rules.round_euro(value)

        return {
            "opening": euro(self.opening),
            "result": euro(self.result),
            "closing": euro(self.closing),
            "baten": euro(self.baten),
            "signalling_value": euro(self.signalling_value),
            "excess": euro(self.excess),
            "ratio": None if self.ratio is None else rules.round_ratio(self.ratio),
        }


def reserves_rows(years: Iterable[ReserveYear]) -> list[ReserveRow]:
    """Chain the years: each opening balance is the previous closing balance. A year that
    gives its own closing balance (annual accounts) starts or resets the chain."""
    rows: list[ReserveRow] = []
    previous: Decimal | None = None
    for year in sorted(years, key=lambda item: item.year):
        if year.closing_balance is not None:
            opening, closing = None, year.closing_balance
        elif previous is None or year.result is None:
            continue  # nothing to chain from: the year cannot be shown
        else:
            opening = previous
            closing = rules.closing_balance(previous, year.result, year.rounding_difference)
        ratio = rules.reserves_ratio(closing, year.baten)
        rows.append(
            ReserveRow(
                year=year.year,
                scenario=year.scenario,
                scenario_label=year.get_scenario_display(),
                opening=opening,
                result=year.result if opening is not None else None,
                closing=closing,
                baten=year.baten,
                signalling_value=rules.signalling_value(year.baten),
                excess=rules.excess_reserves(closing, year.baten),
                excessive=rules.is_excessive(closing, year.baten),
                ratio=ratio,
                source=year.source,
            )
        )
        previous = closing
    return rows


def reserves_table(*, swv: Swv) -> list[ReserveRow]:
    return reserves_rows(ReserveYear.objects.filter(swv=swv))


@dataclass(frozen=True)
class ReserveCalculation:
    baten: Decimal
    equity: Decimal
    signalling_value: Decimal
    excess: Decimal
    excessive: bool
    ratio: Decimal | None


def reserves_calculate(*, baten: Decimal, equity: Decimal) -> ReserveCalculation:
    """The controller's what-if: the signalling value for a given income and equity."""
    return ReserveCalculation(
        baten=baten,
        equity=equity,
        signalling_value=rules.signalling_value(baten),
        excess=rules.excess_reserves(equity, baten),
        excessive=rules.is_excessive(equity, baten),
        ratio=rules.reserves_ratio(equity, baten),
    )


# --- Programme budget -----------------------------------------------------------------------


@dataclass
class Programme:
    name: str
    lines: list[BudgetLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return rules.total(line.amount for line in self.lines)


@dataclass
class BudgetOverview:
    budget: Budget
    sections: dict[str, list[BudgetLine]]
    programmes: list[Programme]

    def section_total(self, kind: str) -> Decimal:
        return rules.total(line.amount for line in self.sections.get(kind, []))

    @property
    def funding(self) -> Decimal:
        return self.section_total(LineKind.FUNDING)

    @property
    def subsidies(self) -> Decimal:
        return self.section_total(LineKind.SUBSIDY)

    @property
    def transfers(self) -> Decimal:
        return self.section_total(LineKind.TRANSFER)

    @property
    def organisation(self) -> Decimal:
        return self.section_total(LineKind.ORGANISATION)

    @property
    def statutory_tasks(self) -> Decimal:
        return self.section_total(LineKind.STATUTORY_TASK)

    @property
    def available(self) -> Decimal:
        return rules.available_for_plan(
            funding=self.funding,
            subsidies=self.subsidies,
            transfers=self.transfers,
            organisation=self.organisation,
            statutory_tasks=self.statutory_tasks,
        )

    @property
    def needed(self) -> Decimal:
        return rules.total(programme.total for programme in self.programmes)

    @property
    def operating_result(self) -> Decimal:
        return rules.operating_result(available=self.available, needed=self.needed)

    @property
    def adjustments(self) -> list[BudgetLine]:
        return self.sections.get(LineKind.ADJUSTMENT, [])

    @property
    def result(self) -> Decimal:
        return rules.result_after_adjustments(
            result=self.operating_result, adjustments=(line.amount for line in self.adjustments)
        )


def budget_overview(*, budget: Budget) -> BudgetOverview:
    """The budget's lines grouped by part and programme (one query)."""
    sections: dict[str, list[BudgetLine]] = {}
    programmes: dict[str, Programme] = {}
    for line in budget.lines.order_by("position"):
        sections.setdefault(line.kind, []).append(line)
        if line.kind == LineKind.PROGRAMME:
            programmes.setdefault(line.programme, Programme(line.programme)).lines.append(line)
    return BudgetOverview(budget=budget, sections=sections, programmes=list(programmes.values()))


def budgets_for(*, swv_ids: Iterable[int]):
    return (
        Budget.objects.filter(swv_id__in=list(swv_ids)).select_related("swv").order_by("swv__name", "year", "scenario")
    )


# --- Vangnet ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VangnetCategoryRow:
    category: str
    label: str
    inflow: int
    outflow: int
    net: int
    rate: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class VangnetCalculation:
    """Everything a declaration derives: step 1's growth, step 2b's net inflow, 2c's amounts
    and 2d's total (001:4079-4129)."""

    growth_sep_feb: int
    growth_feb_jun: int
    more_than_average_growth: bool
    rows: list[VangnetCategoryRow]
    rates: dict[str, Decimal]
    missing_rates: list[str]
    total: Decimal
    declaration_allowed: bool


def vangnet_rates(*, swv_id: int, year: int) -> dict[str, Decimal]:
    return {rate.category: rate.amount for rate in VangnetRate.objects.filter(swv_id=swv_id, year=year)}


def vangnet_rates_per_swv(user) -> list[tuple[Swv, list[VangnetRate]]]:
    """The rates tables of the SWVs whose declarations the user verifies, by year and category."""
    swvs = Swv.objects.filter(pk__in=permissions.swv_ids_for(user, Action.VERIFY_VANGNET))
    return [
        (swv, sorted(VangnetRate.objects.filter(swv=swv), key=lambda rate: (rate.year, rate.category))) for swv in swvs
    ]


def vangnet_rate_tables(declarations) -> dict[tuple[int, int], dict[str, Decimal]]:
    """The rates tables the given declarations need, in one query (for lists)."""
    keys = {(declaration.swv_id, declaration.year) for declaration in declarations}
    tables: dict[tuple[int, int], dict[str, Decimal]] = {key: {} for key in keys}
    if keys:
        rows = VangnetRate.objects.filter(
            swv_id__in={swv_id for swv_id, _year in keys}, year__in={year for _swv, year in keys}
        )
        for rate in rows:
            if (rate.swv_id, rate.year) in tables:
                tables[(rate.swv_id, rate.year)][rate.category] = rate.amount
    return tables


def vangnet_calculation(declaration: VangnetDeclaration, rate_tables: dict | None = None) -> VangnetCalculation:
    """The figures of a declaration. Once sent, the rates copied at submission hold (a later
    change of the rates table does not change a sent or approved declaration)."""
    categories = rules.vangnet_categories(declaration.school.school_type)
    if declaration.status in (DeclarationStatus.SUBMITTED, DeclarationStatus.APPROVED):
        rates = {category: Decimal(amount) for category, amount in declaration.rates.items()}
    elif rate_tables is not None and (declaration.swv_id, declaration.year) in rate_tables:
        rates = rate_tables[(declaration.swv_id, declaration.year)]
    else:
        rates = vangnet_rates(swv_id=declaration.swv_id, year=declaration.year)
    movements = list(declaration.movements.all())
    inflow: dict[str, int] = {}
    outflow: dict[str, int] = {}
    for movement in movements:
        target = inflow if movement.direction == MovementDirection.IN else outflow
        target[movement.category] = target.get(movement.category, 0) + movement.pupils
    net = rules.net_inflow_per_category((m.category, m.direction, m.pupils) for m in movements)
    used = [category for category in categories if category in net]
    missing = [str(SupportCategory(category).label) for category in used if category not in rates]
    amounts = rules.vangnet_amounts({c: net[c] for c in used if c in rates}, rates)
    labels = dict(SupportCategory.choices)
    rows = [
        VangnetCategoryRow(
            category=category,
            label=str(labels[category]),
            inflow=inflow.get(category, 0),
            outflow=outflow.get(category, 0),
            net=net.get(category, 0),
            rate=rates.get(category),
            amount=amounts.get(category),
        )
        for category in categories
    ]
    growth_sep_feb = rules.growth(start=declaration.tlv_pupils_sep_1, end=declaration.tlv_pupils_feb_1)
    growth_feb_jun = rules.growth(start=declaration.tlv_pupils_feb_1, end=declaration.tlv_pupils_jun_1)
    total_amount = rules.vangnet_total(amounts)
    return VangnetCalculation(
        growth_sep_feb=growth_sep_feb,
        growth_feb_jun=growth_feb_jun,
        more_than_average_growth=rules.more_than_average_growth(
            growth_feb_jun=growth_feb_jun, growth_sep_feb=growth_sep_feb
        ),
        rows=rows,
        rates=rates,
        missing_rates=missing,
        total=total_amount,
        declaration_allowed=rules.vangnet_declaration_allowed(total_amount),
    )


def vangnet_declarations(user):
    """The declarations the user may see: a school its own, a board its schools', SWV staff
    their SWV's."""
    return (
        VangnetDeclaration.objects.filter(permissions.finance_school_scope_q(user, Action.VIEW_VANGNET))
        .select_related("school", "swv")
        .order_by("-year", "school__name", "id")
    )


def vangnet_declarable_schools(user):
    """The go-schools (SBO, SO, VSO) the user may declare for."""
    from dekkend.organisations.models import School

    return (
        School.objects.filter(permissions.vangnet_declarable_school_q(user))
        .filter(school_type__in=list(rules.VANGNET_SCHOOL_CATEGORIES))
        .order_by("name")
    )


# --- Arrangement funds ---------------------------------------------------------------------------


@dataclass
class SchoolFunds:
    school_id: int
    school_name: str
    board_name: str
    general: Decimal = Decimal(0)
    specific: Decimal = Decimal(0)
    lwa: Decimal = Decimal(0)
    pupils: int | None = None
    rate_per_pupil: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return self.general + self.specific + self.lwa


@dataclass
class FundsOverview:
    year: int
    schools: list[SchoolFunds]
    per_orientation: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return rules.total(school.total for school in self.schools)

    @property
    def oriented_share(self) -> Decimal | None:
        return rules.oriented_share(self.per_orientation)

    @property
    def orientation_rows(self) -> list[tuple[str, str, Decimal, Decimal | None]]:
        everything = rules.total(self.per_orientation.values())
        return [
            (
                value,
                str(label),
                self.per_orientation.get(value, Decimal(0)),
                (self.per_orientation.get(value, Decimal(0)) / everything) if everything > 0 else None,
            )
            for value, label in Orientation.choices
        ]


def fund_amount(fund: ArrangementFund) -> Decimal:
    """A general fund: amount per pupil × pupils on the counting date; the others: their amount."""
    if fund.kind == FundKind.GENERAL and fund.rate_per_pupil is not None and fund.pupils_on_counting_date is not None:
        return rules.general_fund_amount(rate_per_pupil=fund.rate_per_pupil, pupils=fund.pupils_on_counting_date)
    return fund.amount or Decimal(0)


def fund_years(user) -> list[int]:
    scope = permissions.finance_school_scope_q(user, Action.VIEW_ARRANGEMENT_FUNDS)
    return sorted(set(ArrangementFund.objects.filter(scope).values_list("year", flat=True)), reverse=True)


def funds_overview(user, *, year: int, swv_id: int | None = None) -> FundsOverview:
    """Per school the three kinds of funds and the share per orientation (Bijlage X; 001:1868-1876)."""
    funds = ArrangementFund.objects.filter(
        permissions.finance_school_scope_q(user, Action.VIEW_ARRANGEMENT_FUNDS), year=year
    ).select_related("school", "school__board")
    if swv_id is not None:
        funds = funds.filter(swv_id=swv_id)
    schools: dict[int, SchoolFunds] = {}
    per_orientation: dict[str, Decimal] = {}
    for fund in funds.order_by("school__name", "kind", "name"):
        row = schools.setdefault(fund.school_id, SchoolFunds(fund.school_id, fund.school.name, fund.school.board.name))
        amount = fund_amount(fund)
        setattr(row, fund.kind, getattr(row, fund.kind) + amount)
        if fund.kind == FundKind.GENERAL:
            row.pupils, row.rate_per_pupil = fund.pupils_on_counting_date, fund.rate_per_pupil
        per_orientation[fund.orientation] = per_orientation.get(fund.orientation, Decimal(0)) + amount
    return FundsOverview(year=year, schools=list(schools.values()), per_orientation=per_orientation)


def school_funds(user, *, school_id: int, year: int) -> list[ArrangementFund]:
    return list(
        ArrangementFund.objects.filter(
            permissions.finance_school_scope_q(user, Action.VIEW_ARRANGEMENT_FUNDS), school_id=school_id, year=year
        ).order_by("kind", "name")
    )


def board_agreements(user, *, year: int | None = None):
    agreements = BoardAgreement.objects.filter(permissions.board_agreement_scope_q(user)).select_related("board")
    if year is not None:
        agreements = agreements.filter(year=year)
    return agreements.order_by("-year", "board__name")


def budget_line_history(line: BudgetLine):
    return line.changes.select_related("changed_by").order_by("-changed_at", "-id")
