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


def months_between(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Every calendar month that overlaps [start, end], in order."""
    months = []
    day = start.replace(day=1)
    while day <= end:
        following = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        months.append((day, following - datetime.timedelta(days=1)))
        day = following
    return months


def periods_between(
    start: datetime.date, end: datetime.date, period: str
) -> list[tuple[str, datetime.date, datetime.date]]:
    """(label, first day, last day) of every month or quarter overlapping [start, end]."""
    if period == "month":
        return [(f"{first:%Y-%m}", first, last) for first, last in months_between(start, end)]
    return [(quarter_label(first), first, last) for first, last in quarters_between(start, end)]


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


# --- Escalations: the doorbraakfunctionaris' impasse clock ----------------------------------
# 001_28cb0100de53310c.txt:1611-1615 -- "Bestuurders mandateren doorbraakfunctionarissen en komen
#   bij een impasse binnen een week tot een oplossing. We volgen dit actief en proberen dit in 80%
#   van de situaties terug te brengen tot 48 uur." (also 002_db4167b82468325d.txt:309-310)
IMPASSE_SOLVED_WITHIN = datetime.timedelta(days=7)
FAST_SOLVED_WITHIN = datetime.timedelta(hours=48)
FAST_SHARE_TARGET = 0.8


class Clock:
    SOLVED_FAST = "solved_48h"
    SOLVED_IN_WEEK = "solved_week"
    SOLVED_LATE = "solved_late"
    OPEN_FAST = "open_48h"
    OPEN_IN_WEEK = "open_week"
    OVERDUE = "overdue"


CLOCK_LABELS = {
    Clock.SOLVED_FAST: _("solved within 48 hours"),
    Clock.SOLVED_IN_WEEK: _("solved within a week"),
    Clock.SOLVED_LATE: _("solved after more than a week"),
    Clock.OPEN_FAST: _("open, still within 48 hours"),
    Clock.OPEN_IN_WEEK: _("open, past 48 hours, within a week"),
    Clock.OVERDUE: _("open for more than a week"),
}


def solved_within_48_hours(opened_at: datetime.datetime, solved_at: datetime.datetime | None) -> bool:
    """Solved at most 48 hours after the impasse was reported (exactly 48:00:00 is in time)."""
    # 001_28cb0100de53310c.txt:1615
    return solved_at is not None and solved_at - opened_at <= FAST_SOLVED_WITHIN


def solved_within_week(opened_at: datetime.datetime, solved_at: datetime.datetime | None) -> bool:
    """Solved at most seven days (7 × 24 hours) after the impasse (exactly 7 days is in time)."""
    # 001_28cb0100de53310c.txt:1611-1613
    return solved_at is not None and solved_at - opened_at <= IMPASSE_SOLVED_WITHIN


def impasse_deadline(opened_at: datetime.datetime) -> datetime.datetime:
    """When the week for a solution runs out."""
    return opened_at + IMPASSE_SOLVED_WITHIN


def clock_state(opened_at: datetime.datetime, solved_at: datetime.datetime | None, now: datetime.datetime) -> str:
    """Where an escalation stands on the impasse clock (see ``CLOCK_LABELS``)."""
    if solved_at is not None:
        if solved_within_48_hours(opened_at, solved_at):
            return Clock.SOLVED_FAST
        return Clock.SOLVED_IN_WEEK if solved_within_week(opened_at, solved_at) else Clock.SOLVED_LATE
    if now - opened_at <= FAST_SOLVED_WITHIN:
        return Clock.OPEN_FAST
    return Clock.OPEN_IN_WEEK if now - opened_at <= IMPASSE_SOLVED_WITHIN else Clock.OVERDUE


def hours_open(opened_at: datetime.datetime, solved_at: datetime.datetime | None, now: datetime.datetime) -> float:
    return round(((solved_at or now) - opened_at).total_seconds() / 3600, 1)


def fast_share_met(solved_fast: int, solved: int) -> bool | None:
    """Is the target "80% within 48 hours" met? None when nothing was solved (no share)."""
    # 001_28cb0100de53310c.txt:1613-1615
    if solved == 0:
        return None
    return solved_fast / solved >= FAST_SHARE_TARGET


def next_level(levels: list, current_order: int):
    """The level above ``current_order`` on the ladder (the lowest higher order), or None at the top."""
    higher = sorted((level for level in levels if level.order > current_order), key=lambda level: level.order)
    return higher[0] if higher else None


# The Almere ladder as delivered with the demo. The seeds name the bodies and functionaries that
# must be on it (001_28cb0100de53310c.txt:1627-1631: "ITA, ATA, Leerplicht, Steunpunt en de aanpak
# thuiszitters"), the doorbraakfunctionaris (1611-1615) and the duo of municipality and SWV
# (1617-1625); the ORDER of the levels is ours, the SWV changes it as data.
ALMERE_LADDER = (
    (
        "Steunpunt Passend Onderwijs Almere",
        "ouderconsulent",
        "",
        "001_28cb0100de53310c.txt:1631, 3246-3248, 5435-5437",
    ),
    ("Integrale Tafel Almere", "", "ITA", "001_28cb0100de53310c.txt:1631; 002_db4167b82468325d.txt:633-634"),
    ("ATA", "", "ATA", "001_28cb0100de53310c.txt:1631"),
    ("Leerplicht", "leerplichtambtenaar", "", "001_28cb0100de53310c.txt:1631"),
    ("Aanpak thuiszitters", "", "", "001_28cb0100de53310c.txt:1631"),
    (
        "Doorbraakfunctionaris",
        "doorbraakfunctionaris (gemandateerd door de besturen)",
        "",
        "001_28cb0100de53310c.txt:1611-1615",
    ),
    (
        "Duo gemeente en samenwerkingsverband",
        "duo van gemeente en samenwerkingsverband",
        "",
        "001_28cb0100de53310c.txt:1617-1625",
    ),
)
# Plein 013 (004_1b42683098db768b.txt:104): "een duidelijke 'escalatieladder' ... binnen de school
# en het samenwerkingsverband"; Ouderlicht is its ouder- en jeugdsteunpunt (004:109).
PLEIN_LADDER = (
    ("School", "", "", "004_1b42683098db768b.txt:104"),
    (
        "Ouderlicht (ouder- en jeugdsteunpunt)",
        "medewerker ouder- en jeugdsteunpunt",
        "",
        "004_1b42683098db768b.txt:104, 109",
    ),
    ("Samenwerkingsverband", "", "", "004_1b42683098db768b.txt:104"),
)


# --- Steunpunt questions --------------------------------------------------------------------
# 001_28cb0100de53310c.txt:1771-1815 (Bijlage III) -- the informatiepunt supports "snel, goed en
#   begrijpelijk": "Snel: doorlooptijd van vraag naar antwoord" (1791-1793), "Goed: aantal vragen in
#   het geheel van vragen dat leidt tot gewenst resultaat" (1795-1799), B1 and A2 (1801-1809).
# 004_1b42683098db768b.txt:109 -- Ouderlicht: "Trendanalyse op casuïstiek".


def lead_time_hours(received_at: datetime.datetime, answered_at: datetime.datetime | None) -> float | None:
    """Snel: hours from question to answer (001_28cb0100de53310c.txt:1791-1793); None while open."""
    if answered_at is None:
        return None
    return (answered_at - received_at).total_seconds() / 3600


def wanted_result_share(outcomes: Iterable[bool | None]) -> float | None:
    """Goed: the share of the answered questions with a known outcome that reached the wanted
    result (001_28cb0100de53310c.txt:1795-1799). Unknown outcomes are left out; None if none known."""
    known = [outcome for outcome in outcomes if outcome is not None]
    return sum(known) / len(known) if known else None


def within_parents_hours(at: datetime.datetime, slots: Iterable[tuple[int, datetime.time, datetime.time]]) -> bool:
    """A call-back appointment starts inside one of the parents' hours slots (weekday, from,
    until); the closing time itself is outside. ``at`` in local time.
    001_28cb0100de53310c.txt:3246-3252 -- "Drie ochtenden per week hebben we een ouderspreekuur
    ... wordt er een terugbelafspraak ingepland." Which mornings is data per SWV."""
    moment = at.time()
    return any(at.weekday() == weekday and starts <= moment < ends for weekday, starts, ends in slots)


def link_allowed(consent_on: datetime.date | None) -> bool:
    """A question is linked to a school or pupil only when the asker's consent is recorded (ours:
    the seeds ask for "zo min mogelijk administratieve last", 003_d11f7d0de4f96991.txt:9)."""
    return consent_on is not None


# --- Escalations: time left on the impasse clock (shown on the list and the case page) -----


def hours_left(opened_at: datetime.datetime, now: datetime.datetime, within: datetime.timedelta) -> float:
    """Hours until ``within`` (48 hours or one week) after the impasse runs out; negative once past."""
    return round((opened_at + within - now).total_seconds() / 3600, 1)


# --- Satisfaction surveys -------------------------------------------------------------------
# 004_1b42683098db768b.txt:108 -- "Tevredenheidsenquête uitvoeren onder ouders waarvan hun kind een
#   TLV heeft ontvangen" / "een enquête onder ouders waarvan hun kind een TLV of arrangement ontvangt"
# 004_1b42683098db768b.txt:89 -- "Tevredenheidsvragenlijst onder de scholen die een TLV hebben
#   aangevraagd"
# The statements, the 1-5 scale, the link lifetime and the threshold of 5 are ours.

SURVEY_TYPES_PARENTS = ("tlv", "tlv_verlenging", "onderwijsarrangement")  # "een TLV of arrangement" (108)
SURVEY_TYPES_SCHOOLS = ("tlv", "tlv_verlenging")  # "die een TLV hebben aangevraagd" (89)
SURVEY_LINK_DAYS_DEFAULT = 30
SURVEY_LINK_DAYS_MAX = 90
SURVEY_SMALL_CELL = 5  # a count under 5 is shown as "<5"; no average below 5 answers
SURVEY_SCALE = (1, 2, 3, 4, 5)
SURVEY_SCALE_LABELS = {
    1: _("I fully disagree"),
    2: _("I disagree"),
    3: _("neutral"),
    4: _("I agree"),
    5: _("I fully agree"),
}
SURVEY_STATEMENTS = {
    "parents": (
        ("uitleg", _("We got clear information about the help for our child.")),
        ("gehoord", _("The school and the SWV listened to us.")),
        ("past", _("The extra help fits our child.")),
        ("snel", _("It all went fast enough.")),
    ),
    "schools": (
        ("duidelijk", _("It was clear what the application needed.")),
        ("snel", _("We got a decision fast enough.")),
        ("hulp", _("The SWV helped us well.")),
        ("past", _("The decision fits the pupil.")),
    ),
}


def survey_link_valid(*, expires_at: datetime.datetime, used: bool, now: datetime.datetime) -> bool:
    """A one-time link works once, until the moment it expires (that moment itself is too late)."""
    return not used and now < expires_at


def survey_suppress(counts: dict[int, int]) -> dict[int, int | None]:
    """One statement's counts per score as shown: every cell under 5 (a zero too, so a lone small
    cell cannot be read off from the zeros around it) becomes None, shown as "<5". When exactly
    one cell is suppressed, the smallest other cell is suppressed too, so the total minus the
    shown cells does not give it away."""
    shown: dict[int, int | None] = {
        score: (None if counts.get(score, 0) < SURVEY_SMALL_CELL else counts.get(score, 0)) for score in SURVEY_SCALE
    }
    hidden = [score for score, value in shown.items() if value is None]
    if len(hidden) == 1:
        others = [score for score, value in shown.items() if value is not None]
        if others:
            shown[min(others, key=lambda score: (shown[score], score))] = None
    return shown


def survey_agree_share(scores: dict[int, int]) -> float | None:
    """Share of the answers that agree (4 or 5); None under 5 answers (too few to show)."""
    total = sum(scores.values())
    if total < SURVEY_SMALL_CELL:
        return None
    return (scores.get(4, 0) + scores.get(5, 0)) / total


def survey_mean(scores: dict[int, int]) -> float | None:
    """The mean score; None under 5 answers."""
    total = sum(scores.values())
    if total < SURVEY_SMALL_CELL:
        return None
    return sum(score * count for score, count in scores.items()) / total
