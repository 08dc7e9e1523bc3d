"""The statutory rules of toeleiding, one readable function each, with its source line in
Bijlage XII of the Almere ondersteuningsplan (``seeds/001_28cb0100de53310c.txt``).

Pure functions: dates in, dates or Dutch messages out. The workflow in ``services.py`` calls
them; ``docs/toeleiding.md`` lists every rule with its function and source line.
"""

import datetime
import functools
from collections.abc import Iterable
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .models import FUNDED_BY_CATEGORY, TLV_TYPES, ApplicationType, DocumentKind, Duration, ProvisionType

OPP_TYPES = TLV_TYPES | {ApplicationType.ONDERWIJSARRANGEMENT}


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def is_recent(document_date: datetime.date, on: datetime.date, years: int) -> bool:
    """A document is "not older than N years" on ``on`` when dated on or after the same
    calendar day N years earlier (so 365 days in a common year is still in time)."""
    return years_before(on, years) <= document_date <= on


# 001_28cb0100de53310c.txt:5684 -- "de leerling (vanaf 16 jaar verplicht)"
PUPIL_VIEW_FROM_AGE = 16
# 001_28cb0100de53310c.txt:5688 -- OPP "max. 1 jaar oud"
OPP_MAX_YEARS = 1
# 001_28cb0100de53310c.txt:5702 -- "Hulpverleningsverslagen (niet ouder dan 1 jaar)"
CARE_REPORT_MAX_YEARS = 1
# 001_28cb0100de53310c.txt:5708 -- "Psychologisch onderzoek (niet ouder dan 2 jaar)"
PSYCHOLOGICAL_MAX_YEARS = 2


def pupil_view_required(birth_date: datetime.date, on: datetime.date) -> bool:
    """The pupil's own view is mandatory from age 16 on the submission date."""
    # 001_28cb0100de53310c.txt:5684
    return years_before(on, PUPIL_VIEW_FROM_AGE) >= birth_date


def documents_complete(application, on: datetime.date) -> list[str]:
    """What is missing or too old in the dossier on ``on`` (the submission date), as Dutch
    sentences a school can act on. An empty list means complete."""
    problems: list[str] = []
    documents = list(application.documents.all())
    by_kind: dict[str, list] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document)

    # 001_28cb0100de53310c.txt:5682 -- gegevens en zienswijze van de ouders
    if not application.parent_view.strip():
        problems.append(_("The parents' view (zienswijze) is missing."))
    # 001_28cb0100de53310c.txt:5684 -- zienswijze van de leerling, vanaf 16 jaar verplicht
    if pupil_view_required(application.pupil.birth_date, on) and not application.pupil_view.strip():
        problems.append(_("The pupil is 16 or older: the pupil's own view is required."))

    # 001_28cb0100de53310c.txt:5686-5692 -- OPP max. 1 jaar oud, handelingsdeel ondertekend
    # door ouders, of hun zienswijze opgenomen
    if application.type in OPP_TYPES:
        opps = by_kind.get(DocumentKind.OPP, [])
        recent = [d for d in opps if is_recent(d.document_date, on, OPP_MAX_YEARS)]
        if not opps:
            problems.append(_("The development plan (OPP) is missing."))
        elif not recent:
            problems.append(_("The development plan (OPP) is older than 1 year: add an evaluated OPP."))
        elif not any(d.signed_by_parents for d in recent) and not application.parent_view.strip():
            problems.append(
                _("The action part of the OPP is not signed by the parents and their view is not recorded.")
            )

    # 001_28cb0100de53310c.txt:5698 -- gegevens uit het leerlingvolgsysteem
    if not by_kind.get(DocumentKind.LVS):
        problems.append(_("Data from the pupil monitoring system (LVS) is missing."))

    # 001_28cb0100de53310c.txt:5702 and :5708 -- optional reports, but not too old when present
    problems += _too_old(by_kind.get(DocumentKind.HULPVERLENINGSVERSLAG, []), on, CARE_REPORT_MAX_YEARS)
    problems += _too_old(by_kind.get(DocumentKind.PSYCHOLOGISCH_ONDERZOEK, []), on, PSYCHOLOGICAL_MAX_YEARS)
    return problems


def _too_old(documents: Iterable, on: datetime.date, years: int) -> list[str]:
    return [
        _("%(kind)s of %(date)s is older than %(years)d year(s).")
        % {"kind": document.get_kind_display(), "date": document.document_date.strftime("%d-%m-%Y"), "years": years}
        for document in documents
        if not is_recent(document.document_date, on, years)
    ]


# 001_28cb0100de53310c.txt:5716 -- "een termijn van maximaal 4 weken"
DOCUMENTS_PERIOD = datetime.timedelta(weeks=4)
# 001_28cb0100de53310c.txt:6411 -- "uiterlijk 6 weken na ontvangst van een complete aanvraag"
DECISION_PERIOD = datetime.timedelta(weeks=6)
# 001_28cb0100de53310c.txt:6418 -- uitstel "hoogstens 4 weken"
MAX_EXTENSION_WEEKS = 4


def documents_due(incomplete_on: datetime.date) -> datetime.date:
    """The school supplies missing documents within at most 4 weeks."""
    # 001_28cb0100de53310c.txt:5716
    return incomplete_on + DOCUMENTS_PERIOD


def decision_due(complete_on: datetime.date) -> datetime.date:
    """The decision comes at the latest 6 weeks after the application was complete."""
    # 001_28cb0100de53310c.txt:6411
    return complete_on + DECISION_PERIOD


def decision_overdue(due: datetime.date, on: datetime.date) -> bool:
    """On the due date itself the decision is still in time; the day after it is late."""
    return on > due


def extension_problem(*, weeks: int, already_extended: bool, due: datetime.date, on: datetime.date) -> str:
    """Why an extension of the decision period is not allowed ('' when it is): once, at most
    4 weeks, announced before the 6 weeks have passed."""
    # 001_28cb0100de53310c.txt:6413-6418
    if already_extended:
        return _("The decision period has already been extended once; it cannot be extended again.")
    if weeks < 1 or weeks > MAX_EXTENSION_WEEKS:
        return _("The decision period can be extended by at most %(max)d weeks.") % {"max": MAX_EXTENSION_WEEKS}
    if decision_overdue(due, on):
        return _("The decision period ended on %(due)s; an extension must be announced before that.") % {
            "due": due.strftime("%d-%m-%Y")
        }
    return ""


# --- Experts --------------------------------------------------------------------------------

# 001_28cb0100de53310c.txt:6276-6278 -- "De deskundigen zijn een orthopedagoog of psycholoog en ..."
FIRST_EXPERT_DISCIPLINES = frozenset({"orthopedagoog", "psycholoog"})


def first_expert_problem(profile) -> str:
    """The first expert is an orthopedagoog or a psycholoog."""
    # 001_28cb0100de53310c.txt:6276-6278
    if profile.discipline not in FIRST_EXPERT_DISCIPLINES:
        return _("The first expert must be an orthopedagoog or a psycholoog.")
    return ""


def independence_problem(profile, swv_board_ids: set[int]) -> str:
    """An expert has no employment relation with a school organisation in the SWV."""
    # 001_28cb0100de53310c.txt:6286-6290
    if profile.employed_by_board_id and profile.employed_by_board_id in swv_board_ids:
        return _("%(expert)s is employed by a school board of this samenwerkingsverband and is not independent.") % {
            "expert": profile.user
        }
    return ""


# 001_28cb0100de53310c.txt:6284-6286 -- "Dossiers worden gekoppeld aan een deskundige met de
# benodigde expertise op het ontwikkelingsgebied." The areas: lines 6656-6660.


def expertise_matches(profile, areas: Iterable[str]) -> list[str]:
    """The application's development areas in which the expert has expertise."""
    # 001_28cb0100de53310c.txt:6284-6286
    own = set(profile.expertise_areas or [])
    return [area for area in areas if area in own]


def expertise_problem(profiles: list, areas: Iterable[str]) -> str:
    """The experts assigned together cover every development area of the application ('' when
    they do, or when the application names no area). One expert without a matching area may be
    assigned (the first is chosen for being an orthopedagoog or psycholoog, lines 6276-6278) as
    long as the other covers the areas; a third expert must match at least one of them."""
    # 001_28cb0100de53310c.txt:6284-6286
    areas = list(areas)
    if not areas:
        return ""
    if len(profiles) == 1:
        if expertise_matches(profiles[0], areas):
            return ""
        return _("%(expert)s has no expertise in the development areas of this application (%(areas)s).") % {
            "expert": profiles[0].user,
            "areas": _area_names(areas),
        }
    covered = {area for profile in profiles for area in expertise_matches(profile, areas)}
    missing = [area for area in areas if area not in covered]
    if missing:
        return _("None of the experts has expertise in: %(areas)s. Choose an expert with that expertise.") % {
            "areas": _area_names(missing)
        }
    return ""


def assignment_problems(placed: dict, team: list, swv_board_ids: set[int], areas: Iterable[str]) -> list[str]:
    """Why experts may not take these places on a dossier (empty when they may). ``placed`` maps
    a place (1, 2 or 3) to the expert who would take it; ``team`` are the experts judged together
    on the development areas (:func:`team_with`). The first place is for an orthopedagoog or a
    psycholoog, no expert is employed by a school board of the SWV, and the team covers the
    areas. The same at the assignment and when an expert is replaced."""
    # 001_28cb0100de53310c.txt:6272-6290
    problems = [first_expert_problem(profile) for place, profile in placed.items() if place == 1]
    problems += [independence_problem(profile, swv_board_ids) for profile in placed.values()]
    problems.append(expertise_problem(team, areas))
    return [problem for problem in problems if problem]


def team_with(assigned: dict, place: int, expert) -> list:
    """The experts judged together on the development areas once ``expert`` takes ``place``
    (``assigned`` maps the places taken to their experts): the first two experts together; a
    third expert, brought in when their advices differ, alone."""
    # 001_28cb0100de53310c.txt:6272-6286 (two experts) and :6418-6420 (the third)
    if place == 3:
        return [expert]
    return [expert if order == place else assigned[order] for order in (1, 2)]


def areas_correction_problem(profiles: list, areas: Iterable[str]) -> str:
    """A correction of the development areas after experts were assigned: the experts already
    on the dossier must together still cover every area ('' when they do, or when no expert is
    assigned yet -- the assignment checks the areas then, :func:`expertise_problem`)."""
    # 001_28cb0100de53310c.txt:6284-6286
    if not profiles:
        return ""
    covered = {area for profile in profiles for area in expertise_matches(profile, areas)}
    missing = [area for area in areas if area not in covered]
    if missing:
        return _(
            "The experts assigned to this dossier have no expertise in: %(areas)s. "
            "An area they do not cover cannot be added."
        ) % {"areas": _area_names(missing)}
    return ""


def _area_names(areas: Iterable[str]) -> str:
    from dekkend.network.rules import AREA_LABELS

    return ", ".join(str(AREA_LABELS.get(area, area)) for area in areas)


def third_expert_needed(advices: list) -> bool:
    """When the first two advices differ, a third independent expert is brought in."""
    # 001_28cb0100de53310c.txt:6418-6420
    first_two = [a for a in advices if a.assignment.order in (1, 2)]
    return len(first_two) == 2 and first_two[0].terms() != first_two[1].terms()


def decisive_advice(advices: list):
    """The advice the decision follows: the one at least two experts agree on, else None."""
    for advice in advices:
        if sum(1 for other in advices if other.terms() == advice.terms()) >= 2:
            return advice
    return None


# --- Intended refusal and hearing -----------------------------------------------------------


def final_decision_problem(application) -> str:
    """After an intended refusal the final decision (refused, or granted after all) comes only
    once the conversation with school and parents was held, or the parents declined it."""
    # 001_28cb0100de53310c.txt:6430-6446 -- voornemen, gesprek, heroverweging, dan het besluit
    if application.hearing_held_on is None and not application.hearing_declined:
        return _("First record the conversation with the school and the parents (or that the parents declined it).")
    return ""


def hearing_report_problems(*, held: bool, attendees: str, outcome: str) -> dict[str, str]:
    """A held hearing names who attended and what came out of it; a declined one needs neither."""
    # 001_28cb0100de53310c.txt:6438-6442 -- "De informatie vanuit het gesprek ... wordt meegewogen"
    errors = {}
    if held and not attendees.strip():
        errors["attendees"] = _("Write down who attended the conversation.")
    if held and not outcome.strip():
        errors["outcome"] = _("Write down what came out of the conversation.")
    return errors


# --- TLV validity ---------------------------------------------------------------------------


def school_year_end(day: datetime.date) -> datetime.date:
    """The last day (31 July) of the school year that contains ``day``. The school year runs
    from 1 August to 31 July (WPO art. 1 / WVO art. 1; not stated in the seed)."""
    return datetime.date(day.year + 1 if day.month >= 8 else day.year, 7, 31)


def tlv_valid_until(
    *,
    valid_from: datetime.date,
    duration: str,
    provision_type: str,
    birth_date: datetime.date,
    school_years: int | None = None,
    emb: bool = False,
) -> datetime.date | None:
    """The last day a TLV is valid; ``None`` for the whole school career (EMB)."""
    # 001_28cb0100de53310c.txt:6401-6405 -- EMB: "voor de gehele schoolloopbaan"
    if emb:
        return None
    # 001_28cb0100de53310c.txt:6399-6401 -- PrO: "tot het 18e levensjaar" (the day before the 18th birthday)
    if provision_type == ProvisionType.PRO:
        return years_before(birth_date, -18) - datetime.timedelta(days=1)
    # 001_28cb0100de53310c.txt:6397-6399 -- langdurig: "voor vier schooljaren"
    # 001_28cb0100de53310c.txt:6379-6381 -- activerend: "minimaal één tot twee schooljaren"
    years = 4 if duration == Duration.LANGDURIG else (school_years or 2)
    return school_year_end(valid_from).replace(year=school_year_end(valid_from).year + years - 1)


def advice_terms_problem(*, recommendation: str, provision_type: str, funding_category, duration: str, school_years):
    """The terms a 'grant' advice must give: type, category (so/vso only) and duration."""
    # 001_28cb0100de53310c.txt:6371-6405
    errors: dict[str, str] = {}
    if recommendation != "grant":
        return errors
    if not provision_type:
        errors["provision_type"] = _("Give the type of provision (sbo, so, vso or pro).")
    if provision_type in FUNDED_BY_CATEGORY and funding_category is None:
        errors["funding_category"] = _("A TLV for so or vso needs a funding category (1, 2 or 3).")
    if provision_type and provision_type not in FUNDED_BY_CATEGORY and funding_category is not None:
        errors["funding_category"] = _("Only a TLV for so or vso has a funding category.")
    if not duration:
        errors["duration"] = _("Give the duration: activerend or langdurig.")
    if duration == Duration.ACTIVEREND and school_years not in (None, 1, 2):
        errors["school_years"] = _("An activating TLV lasts 1 or 2 school years.")
    if duration == Duration.LANGDURIG and school_years not in (None, 4):
        errors["school_years"] = _("A long-term TLV lasts 4 school years.")
    return errors


# --- Retention ------------------------------------------------------------------------------


def documents_destroy_on(granted_on: datetime.date) -> datetime.date:
    """The underlying documents are destroyed 3 years after the TLV was granted."""
    # 001_28cb0100de53310c.txt:6533-6539
    return years_before(granted_on, -3)


def decision_destroy_on(granted_on: datetime.date) -> datetime.date:
    """The TLV decision (without health data) is kept 7 years from the grant."""
    # 001_28cb0100de53310c.txt:6541-6543
    return years_before(granted_on, -7)


# --- Reminders (our choice: the source sets the deadlines, not the reminders) ----------------

REMINDER_WORKING_DAYS = 5


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The date ``count`` working days (Monday to Friday) before ``day``."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def reminder_stage(due: datetime.date, today: datetime.date) -> str | None:
    """Which reminder is due on ``today`` for a deadline on ``due``: 'overdue' the day after the
    deadline, 'one_day' the day before and on the day itself, 'five_working_days' from 5
    working days before; ``None`` earlier. A missed run sends only the most urgent stage."""
    if today > due:
        return "overdue"
    if (due - today).days <= 1:
        return "one_day"
    if today >= working_days_before(due, REMINDER_WORKING_DAYS):
        return "five_working_days"
    return None


# --- Application types (Bijlage XII) ---------------------------------------------------------


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier when negative); the last day of the month
    when that month is shorter (31 May + 3 months = 31 August; 30 November + 3 = 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover -- every month has 28 days


# 001_28cb0100de53310c.txt:5957, :6044, :6124 -- "minimaal een half jaar extra ondersteuning"
SCHOOL_SUPPORT_MIN_MONTHS = 6
# 001_28cb0100de53310c.txt:5928 and :5967 -- maatwerkbudget "voor maximaal drie maanden"
MAATWERK_MAX_MONTHS = 3
# 001_28cb0100de53310c.txt:6103-6109 and :6187-6195 -- "drie maanden vóór de einddatum", "voor de periode van een jaar"
ARRANGEMENT_REVIEW_MONTHS_BEFORE_END = 3
ARRANGEMENT_RENEWAL_MONTHS = 12


def school_support_problem(support_since: datetime.date | None, on: datetime.date) -> str:
    """Extra support at the school for at least half a year before a maatwerkbudget or an
    onderwijsarrangement is requested."""
    # 001_28cb0100de53310c.txt:5957 (maatwerkbudget), :6044 (arrangement PO), :6124 (arrangement VO)
    if support_since is None:
        return _("Give the date since when the school has given extra support (at least half a year).")
    if support_since > months_after(on, -SCHOOL_SUPPORT_MIN_MONTHS):
        return _("The school has given extra support since %(day)s: that is less than half a year.") % {
            "day": support_since.strftime("%d-%m-%Y")
        }
    return ""


def maatwerkbudget_problems(application, on: datetime.date) -> dict[str, str]:
    """A maatwerkbudget: at most 3 months, and only when (1) it prevents a TLV application or
    (2) it prevents the pupil from staying at home, and (3) the SWV's general arrangement funds
    of the school are spent and (4) the school and its board have explored their own funding;
    after at least half a year of extra support at school."""
    # 001_28cb0100de53310c.txt:5926-5944 (the four conditions), :5957 (half a year), :5967 (max. 3 months)
    errors: dict[str, str] = {}
    # Our reading: conditions 1 and 2 are alternatives (step 3, line 5967: "een TLV-aanvraag
    # of thuiszitten voorkomen"); conditions 3 and 4 are both required.
    if not (application.prevents_tlv or application.prevents_absence):
        errors["prevents_tlv"] = _(
            "A maatwerkbudget is only possible when it prevents a TLV application or prevents the pupil "
            "from staying at home."
        )
    if not application.general_funds_spent:
        errors["general_funds_spent"] = _(
            "A maatwerkbudget is only possible when the general arrangement funds are spent."
        )
    if not application.school_funding_explored:
        errors["school_funding_explored"] = _(
            "A maatwerkbudget is only possible when funding by the school and its board has been explored."
        )
    errors.update(period_problems(application, MAATWERK_MAX_MONTHS))
    problem = school_support_problem(application.school_support_since, on)
    if problem:
        errors["school_support_since"] = problem
    return errors


def period_problems(application, max_months: int | None) -> dict[str, str]:
    start, end = application.period_start, application.period_end
    if start is None or end is None:
        return {"period_end": _("Give the period: from and until.")}
    if end < start:
        return {"period_end": _("The end of the period is before its start.")}
    if max_months is not None and end >= months_after(start, max_months):
        return {
            "period_end": _("This budget lasts at most %(months)d months: until %(last)s at the latest.")
            % {
                "months": max_months,
                "last": (months_after(start, max_months) - datetime.timedelta(days=1)).strftime("%d-%m-%Y"),
            }
        }
    return {}


def arrangement_reviewer(sector: str) -> str:
    """Who reviews an onderwijsarrangement: in primary education the SWV's coordinator of the
    arrangement; in secondary education the orthopedagoog or zorgcoördinator of the school with
    the arrangement."""
    # 001_28cb0100de53310c.txt:6061-6069 (PO) and :6148-6156 (VO)
    if sector == "vo":
        return _("the orthopedagoog or zorgcoördinator of the school with the arrangement")
    return _("the coordinator of the samenwerkingsverband for the arrangement")


def onderwijsarrangement_problems(application, on: datetime.date) -> dict[str, str]:
    """An onderwijsarrangement: after at least half a year of extra support at school, for a
    period with an end date (renewed each year)."""
    # 001_28cb0100de53310c.txt:6044 / :6124 (half a year), :6103-6109 / :6187-6195 (end date, yearly)
    errors = period_problems(application, None)
    problem = school_support_problem(application.school_support_since, on)
    if problem:
        errors["school_support_since"] = problem
    return errors


def arrangement_review_on(end: datetime.date) -> datetime.date:
    """The renewal of an onderwijsarrangement is decided 3 months before its end date."""
    # 001_28cb0100de53310c.txt:6103-6109 (PO) and :6187-6195 (VO)
    return months_after(end, -ARRANGEMENT_REVIEW_MONTHS_BEFORE_END)


def arrangement_renewed_until(end: datetime.date) -> datetime.date:
    """A renewed onderwijsarrangement runs one more year."""
    # 001_28cb0100de53310c.txt:6107-6109 -- "verlengd wordt voor de periode van een jaar"
    return months_after(end, ARRANGEMENT_RENEWAL_MONTHS)


def tlv_renewal_problem(renewal, tlv) -> str:
    """A TLV renewal names the TLV it extends: a granted TLV of the same pupil. It is assessed
    again by two independent experts (the TLV workflow)."""
    # 001_28cb0100de53310c.txt:6545-6560
    if tlv is None:
        return _("Choose the TLV that this renewal extends.")
    if tlv.type not in TLV_TYPES or tlv.status != "granted":
        return _("Only a granted TLV can be renewed.")
    if tlv.pupil_id != renewal.pupil_id:
        return _("The TLV to renew belongs to another pupil.")
    return ""


def follow_up_on(type: str, valid_until: datetime.date | None) -> datetime.date | None:
    """The date someone must act after a grant: the arrangement's renewal review 3 months
    before its end; the end of a TLV (renewal?); the end of a budget (its evaluation)."""
    # 001_28cb0100de53310c.txt:6103-6109 (arrangement), :6547-6549 (TLV expires), :6004-6010 (evaluation)
    if valid_until is None:
        return None
    if type == ApplicationType.ONDERWIJSARRANGEMENT:
        return arrangement_review_on(valid_until)
    return valid_until


# --- Overbruggingsbudget and school holidays --------------------------------------------------


def school_year_label(day: datetime.date) -> str:
    """'2024-2025' for any day from 1 August 2024 to 31 July 2025."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


@functools.cache
def _holidays() -> dict:
    """``data/school_holidays.yaml``, read once."""
    with open(Path(__file__).parent / "data" / "school_holidays.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def region_for(swv) -> str | None:
    """The holiday region (noord, midden, zuid) of an SWV: by its code, else its municipality."""
    data = _holidays()
    return (data.get("swv_regions") or {}).get(swv.code) or (data.get("municipality_regions") or {}).get(
        swv.municipality
    )


def holiday(name: str, region: str, day: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """(first, last) day of holiday ``name`` in ``region`` in the school year of ``day``; None
    when that school year is not in the data."""
    year = _holidays()["school_years"].get(school_year_label(day))
    if not year or region not in year.get(name, {}):
        return None
    first, last = year[name][region]
    return first, last


def overbrugging_problems(application, tlv, region: str | None) -> dict[str, str]:
    """An overbruggingsbudget only when the TLV was requested before the voorjaarsvakantie of
    that school year (in the SWV's region), the pupil can only start at the new school the next
    school year, and the budget prevents the pupil from staying at home."""
    # 001_28cb0100de53310c.txt:6570-6588
    errors: dict[str, str] = {}
    if tlv is None or tlv.type not in TLV_TYPES or tlv.pupil_id != application.pupil_id:
        return {"tlv": _("Choose the TLV of this pupil that the budget bridges.")}
    requested = tlv.submitted_on
    if requested is None:
        return {"tlv": _("The TLV has not been requested (submitted) yet.")}
    if region is None:
        return {"tlv": _("The school holiday region of this samenwerkingsverband is unknown.")}
    spring = holiday("voorjaarsvakantie", region, requested)
    if spring is None:
        return {
            "tlv": _("The school holidays of %(year)s are not in the data yet.")
            % {"year": school_year_label(requested)}
        }
    if requested >= spring[0]:
        errors["tlv"] = _(
            "The TLV was requested on %(requested)s, not before the voorjaarsvakantie (from %(start)s): "
            "an overbruggingsbudget is not possible."
        ) % {"requested": requested.strftime("%d-%m-%Y"), "start": spring[0].strftime("%d-%m-%Y")}
    if application.placement_on is None:
        errors["placement_on"] = _("Give the date the pupil can start at the new school.")
    elif (
        school_year_label(application.placement_on) == school_year_label(requested)
        or application.placement_on < requested
    ):
        errors["placement_on"] = _(
            "An overbruggingsbudget is only possible when the pupil can start only the next school year."
        )
    if not application.prevents_absence:
        errors["prevents_absence"] = _(
            "An overbruggingsbudget is only possible when it prevents the pupil from staying at home."
        )
    return errors


def type_problems(application, on: datetime.date) -> dict[str, str]:
    """What the specific conditions of the application's type say, on the submission date."""
    if application.type == ApplicationType.MAATWERKBUDGET:
        return maatwerkbudget_problems(application, on)
    if application.type == ApplicationType.ONDERWIJSARRANGEMENT:
        return onderwijsarrangement_problems(application, on)
    if application.type == ApplicationType.TLV_VERLENGING:
        problem = tlv_renewal_problem(application, application.tlv)
        return {"tlv": problem} if problem else {}
    if application.type == ApplicationType.OVERBRUGGINGSBUDGET:
        return overbrugging_problems(application, application.tlv, region_for(application.swv))
    return {}
