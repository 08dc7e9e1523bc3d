"""The rules of the plan-do-check-act cycle, one readable function each, with their source.

Pure functions; the selectors apply them to the stored activities. ``docs/plans.md`` lists
every rule with its function and source line.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import ActivityStatus

# 000_3b7fd33ccc1b5778.txt:435 -- "De doelen van het jaarplan zijn voor 75 procent behaald."
# 000_3b7fd33ccc1b5778.txt:437 -- "De projecten zijn voor 75 procent binnen het aantal toegekende
# uren uitgevoerd."
YEAR_PLAN_TARGET = Decimal("0.75")

# A status that closes an activity needs evidence: what was delivered, or why it cannot be done
# (002 reports "Afgerond, niet haalbaar" with its reasons in the chapter's conclusion, e.g. 002:129).
STATUSES_NEEDING_EVIDENCE = frozenset({ActivityStatus.DONE, ActivityStatus.NOT_ACHIEVED, ActivityStatus.NOT_FEASIBLE})
EVIDENCE_MIN_LENGTH = 10


def evidence_problem(status: str, evidence: str) -> str | None:
    """A Dutch message when a status change lacks the evidence it needs; None when fine."""
    if status in STATUSES_NEEDING_EVIDENCE and len(evidence.strip()) < EVIDENCE_MIN_LENGTH:
        return _(
            "Describe the evidence for this status (at least %(n)d characters): what was delivered, or why not."
        ) % {"n": EVIDENCE_MIN_LENGTH}
    return None


def counts_as_carried_out(status: str) -> bool:
    """ "Uitgevoerd" in the tussenevaluatie's summary (002:20): the activities that are done."""
    return status == ActivityStatus.DONE


def within(planned: Decimal | None, spent: Decimal | None) -> bool | None:
    """Spent within what was planned (equal is within); None when either is unknown."""
    if planned is None or spent is None:
        return None
    return spent <= planned


def share(part: int, whole: int) -> Decimal | None:
    """part / whole, or None for nothing to count."""
    if whole == 0:
        return None
    return Decimal(part) / Decimal(whole)


def meets_target(value: Decimal | None, target: Decimal = YEAR_PLAN_TARGET) -> bool | None:
    """At or above the year plan's 75% (000:435, 000:437); None when nothing could be counted."""
    if value is None:
        return None
    return value >= target


def total_budget(amounts: Iterable[Decimal | None]) -> Decimal:
    """A speerpunt's "Totaal" (004:52): the sum of its goals' budgets; "p.m." and "--" count as nothing."""
    return sum((amount for amount in amounts if amount is not None), Decimal(0))


def discussed_on_time(planned_on, discussed_on) -> bool | None:
    """A document is discussed on time when discussed on or before the planned date (000:440-442
    "volgens de jaarkalender besproken in de juiste overleggen en periode"). None while it is not
    discussed or had no planned date: it cannot be counted yet."""
    if planned_on is None or discussed_on is None:
        return None
    return discussed_on <= planned_on


# 000_3b7fd33ccc1b5778.txt:440 -- "De formele documenten zijn voor 100 procent volgens de
# jaarkalender besproken".
CALENDAR_TARGET = Decimal("1")


def accounting_overdue(accounting_due, accounted_on, today) -> bool:
    """A subsidy's accounting is overdue the day after its due date while not accounted for
    ("In de subsidieverantwoording van iedere subsidie toetsen we of we de doelen uit de
    subsidieaanvraag behalen", 000:534-536; the dates are the funder's, kept per subsidy)."""
    return accounting_due is not None and accounted_on is None and today > accounting_due
