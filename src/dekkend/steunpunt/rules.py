"""The rules of the steunpunt, the oplossingsroutes and the thuiszitter register, one readable
function each, with its source: a seed line (``seeds/<file>:<line>``) or, where the seeds only
ask for a shared definition, the national definition we chose (named as ours).

Pure functions: dates and numbers in, answers out. ``docs/steunpunt.md`` lists every rule.
"""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

# --- Thuiszitters ---------------------------------------------------------------------------
# The seeds ask for shared definitions but do not give them:
# 000_3b7fd33ccc1b5778.txt:459-460 -- "Er zijn in Almere gedeelde definities en rapportages van
#   thuiszitters en schoolverzuim."
# 002_db4167b82468325d.txt:364 -- "Aantal meldingen van formele thuiszitters"
# 004_1b42683098db768b.txt:76 -- "Minder leerlingen die (dreigen) thuis te zitten" and "de
#   thuiszitterslijst vanuit de gemeente. Deze wordt per kwartaal bijgewerkt"
# We use the national definitions (Leerplichtwet 1969; the definition of OCW and Ingrado):
# absolute absence = of compulsory school age and not enrolled at any school; a thuiszitter =
# enrolled and absent without permission for more than four weeks, without exemption;
# threatened = still at school or absent for less than four weeks, at risk of staying home.

THUISZITTER_AFTER_DAYS = 28  # "langer dan vier weken" (national definition, not in the seeds)


class Category:
    ABSOLUTE = "absoluut_verzuim"
    THUISZITTER = "thuiszitter"
    THREATENED = "dreigend"
    ENDED = "beeindigd"


CATEGORY_LABELS = {
    Category.ABSOLUTE: _("absolute absence"),
    Category.THUISZITTER: _("thuiszitter (enrolled, absent for more than 4 weeks)"),
    Category.THREATENED: _("threatened thuiszitter"),
    Category.ENDED: _("ended"),
}


def thuiszitter_category(
    *, kind: str, absent_since: datetime.date | None, on: datetime.date, ended_on: datetime.date | None = None
) -> str:
    """The category of a registered case on day ``on``.

    Absolute absence counts from the report; a relatively absent pupil is a thuiszitter once the
    absence has lasted more than four weeks (day 29 on), before that a threatened thuiszitter;
    a case with ``ended_on`` on or before ``on`` is ended.
    """
    if ended_on is not None and ended_on <= on:
        return Category.ENDED
    if kind == "absoluut":
        return Category.ABSOLUTE
    if kind == "relatief" and absent_since is not None and (on - absent_since).days > THUISZITTER_AFTER_DAYS:
        return Category.THUISZITTER
    return Category.THREATENED


def duration_days(*, reported_on: datetime.date, ended_on: datetime.date | None, on: datetime.date) -> int:
    """How long the case has lasted on ``on`` (or lasted, when ended): days from the report."""
    end = min(ended_on, on) if ended_on else on
    return max((end - reported_on).days, 0)


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar quarter holding ``day``: its first and last day.

    004_1b42683098db768b.txt:76 -- the thuiszitter list "wordt per kwartaal bijgewerkt".
    """
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    next_start = datetime.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, next_start - datetime.timedelta(days=1)


def quarters_between(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Every calendar quarter that overlaps [start, end], in order."""
    quarters = []
    day = quarter_of(start)[0]
    while day <= end:
        quarter = quarter_of(day)
        quarters.append(quarter)
        day = quarter[1] + datetime.timedelta(days=1)
    return quarters


def quarter_label(start: datetime.date) -> str:
    return f"{start.year}-K{(start.month - 1) // 3 + 1}"


def active_in(
    *, reported_on: datetime.date, ended_on: datetime.date | None, start: datetime.date, end: datetime.date
) -> bool:
    """Was the case open on some day of [start, end]? (Reported by ``end``, not ended before ``start``.)"""
    return reported_on <= end and (ended_on is None or ended_on >= start)


def follow_up_overdue(
    *, next_follow_up: datetime.date | None, ended_on: datetime.date | None, on: datetime.date
) -> bool:
    """An open case whose planned follow-up date has passed (the day itself is still in time)."""
    return ended_on is None and next_follow_up is not None and next_follow_up < on


def quartiles(values: Iterable[float]) -> dict[str, float | None]:
    """Mean, P25, median and P75 (linear interpolation), as MEASURES.md asks for lead times."""
    data = sorted(values)
    if not data:
        return {"n": 0, "mean": None, "p25": None, "median": None, "p75": None}

    def at(fraction: float) -> float:
        position = (len(data) - 1) * fraction
        low = int(position)
        high = min(low + 1, len(data) - 1)
        return data[low] + (data[high] - data[low]) * (position - low)

    return {"n": len(data), "mean": sum(data) / len(data), "p25": at(0.25), "median": at(0.5), "p75": at(0.75)}
