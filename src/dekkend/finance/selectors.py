"""Reads of the finance app: the reserves table and the programme budget with every total
derived from the lines (``rules``). Callers pass the SWVs the permissions module allows."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dekkend.core import permissions
from dekkend.organisations.models import Swv

from . import rules
from .models import Budget, BudgetLine, LineKind, ReserveYear


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
