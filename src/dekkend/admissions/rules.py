"""The rules after a decision, one readable function each, with their source: Bijlage XI and
XII of the Almere ondersteuningsplan (``seeds/001_28cb0100de53310c.txt``) and, for objections,
the Algemene wet bestuursrecht (AwB) to which the seed refers (line 6523-6529).

Pure functions: dates in, dates, booleans or Dutch messages out. ``docs/admissions.md`` lists
every rule with its function and source line.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# --- Zorgplicht: registration and the decision on placement -----------------------------------

# 001_28cb0100de53310c.txt:5746-5748 -- "De school heeft 6 weken (inclusief vakanties) de tijd
# (na aanmelding) om te onderzoeken of de school een passend aanbod heeft en te beslissen"
ZORGPLICHT_PERIOD = datetime.timedelta(weeks=6)
# 001_28cb0100de53310c.txt:5750-5756 -- "verlenging van de procedure mogelijk van 4 weken. Dit
# moet schriftelijk aan de ouders/wettelijke verzorgers worden gemeld"
MAX_EXTENSION_WEEKS = 4
# 001_28cb0100de53310c.txt:5756-5760 -- "Als het besluit na 10 weken niet is genomen, dan heeft de
# leerling recht op een tijdelijke plaatsing op de school van aanmelding"
FINAL_PERIOD = datetime.timedelta(weeks=10)
# 001_28cb0100de53310c.txt:7139 -- "Ouders melden hun kind minimaal 10 weken vóór de overstap
# schriftelijk aan"
TRANSFER_NOTICE = datetime.timedelta(weeks=10)
# 001_28cb0100de53310c.txt:5589-5593 -- "De tlv is een bewijs dat een leerling recht heeft op een
# plek in het speciaal basisonderwijs, speciaal onderwijs, speciaal voortgezet onderwijs of
# praktijkonderwijs"
SCHOOL_TYPES_NEEDING_TLV = frozenset({"sbo", "so", "vso", "pro"})


def zorgplicht_decision_due(registered_on: datetime.date) -> datetime.date:
    """The last day on which the school decides: 6 weeks after the written registration,
    holidays included."""
    # 001_28cb0100de53310c.txt:5746-5748 (and Bijlage XI, :4916-4920)
    return registered_on + ZORGPLICHT_PERIOD


def zorgplicht_final_due(registered_on: datetime.date) -> datetime.date:
    """The last day of the longest period: 10 weeks after the registration."""
    # 001_28cb0100de53310c.txt:5750-5758 (and :4918-4920 "uitloop tot maximaal tien weken")
    return registered_on + FINAL_PERIOD


def zorgplicht_extension_problem(
    *,
    weeks: int,
    already_extended: bool,
    registered_on: datetime.date,
    due: datetime.date,
    on: datetime.date,
    parents_notified_on: datetime.date | None,
) -> dict[str, str]:
    """Why the decision period cannot be extended (field → message), or nothing."""
    # 001_28cb0100de53310c.txt:5750-5756
    if already_extended:
        return {"weeks": _("The decision period has already been extended once; it cannot be extended again.")}
    if weeks < 1 or weeks > MAX_EXTENSION_WEEKS:
        return {
            "weeks": _("The decision period can be extended by at most %(max)d weeks.") % {"max": MAX_EXTENSION_WEEKS}
        }
    if on > due:
        return {
            "date": _("The 6 weeks ended on %(due)s; an extension must be given before that.")
            % {"due": due.strftime("%d-%m-%Y")}
        }
    if parents_notified_on is None:
        return {"parents_notified_on": _("The parents must be told of the extension in writing: give the date.")}
    if parents_notified_on < registered_on or parents_notified_on > due:
        return {
            "parents_notified_on": _("The parents must be told between the registration and %(due)s.")
            % {"due": due.strftime("%d-%m-%Y")}
        }
    return {}


def zorgplicht_decision_late(due: datetime.date, on: datetime.date) -> bool:
    """A decision taken after its due date is late (recorded anyway, and flagged)."""
    # 001_28cb0100de53310c.txt:5746-5756
    return on > due


def temporary_placement_right(registered_on: datetime.date, on: datetime.date) -> bool:
    """Without a decision after 10 weeks, the pupil may be placed temporarily at the school of
    registration: from the day after the 10th week."""
    # 001_28cb0100de53310c.txt:5756-5760
    return on > zorgplicht_final_due(registered_on)


def refusal_problem(*, school_id: int, offer_school_id: int | None, motivation: str) -> dict[str, str]:
    """A school that cannot offer a fitting place itself must find a school that can: a
    refusal names that school and says why."""
    # 001_28cb0100de53310c.txt:5732-5742 ("een andere school vinden die de leerling wel een passend
    # aanbod kan doen") and :5772-5774; Bijlage XI :4924-4926
    problems = {}
    if not motivation.strip():
        problems["motivation"] = _("Say why the school cannot offer a fitting place.")
    if offer_school_id is None:
        problems["offer_school"] = _(
            "Zorgplicht: name the school that offers a fitting place. "
            "Found none? Put the pupil on the plaatsingstafel."
        )
    elif offer_school_id == school_id:
        problems["offer_school"] = _("The fitting place must be at another school.")
    return problems


def tlv_problem(*, school_type: str, application, on: datetime.date) -> str:
    """A place at an sbo, so, vso or pro school needs a granted TLV of that type, valid on the
    placement date."""
    # 001_28cb0100de53310c.txt:5589-5593
    if school_type not in SCHOOL_TYPES_NEEDING_TLV:
        return ""
    if application is None or application.status != "granted":
        return _("A place at this school needs a granted TLV; none is linked to the registration.")
    if application.provision_type != school_type:
        return _("The TLV is for %(granted)s, not for this school (%(type)s).") % {
            "granted": application.provision_type,
            "type": school_type,
        }
    if application.valid_from and on < application.valid_from:
        return _("The TLV is valid from %(day)s.") % {"day": application.valid_from.strftime("%d-%m-%Y")}
    if application.valid_until and on > application.valid_until:
        return _("The TLV ended on %(day)s.") % {"day": application.valid_until.strftime("%d-%m-%Y")}
    return ""


def transfer_notice_short(registered_on: datetime.date, placement_date: datetime.date) -> bool:
    """A warning, not a refusal: parents register at least 10 weeks before the transfer."""
    # 001_28cb0100de53310c.txt:7139-7140
    return placement_date < registered_on + TRANSFER_NOTICE


def handover_missing(handover) -> list[str]:
    """What the warme overdracht still lacks, as a checklist a school can act on."""
    # 001_28cb0100de53310c.txt:5762-5770 (current and new school with the parents; the goals and the
    # way back), Bijlage XI :4939-4941 (the pupil's data available to the new school)
    missing = []
    if handover is None or handover.conversation_on is None:
        missing.append(_("The handover conversation has not been held."))
    elif not handover.parents_present:
        missing.append(_("The parents did not take part in the handover conversation."))
    if handover is None or not handover.goals.strip():
        missing.append(_("The goals and the way back to regular education are not recorded."))
    if handover is None or handover.documents_shared_on is None:
        missing.append(_("The pupil's documents have not been shared with the new school."))
    return missing


def handover_consent_problem(*, documents_shared_on, parents_consent: bool) -> str:
    """Documents go to the new school only with the parents' consent (our choice, AVG)."""
    if documents_shared_on is not None and not parents_consent:
        return _("Documents are shared only with the parents' consent.")
    return ""


# --- Plaatsingstafel -------------------------------------------------------------------------


def table_problem(*, reason: str, boards_disagreed: bool) -> str:
    """A dispute comes to the plaatsingstafel only after the school boards tried to agree."""
    # 001_28cb0100de53310c.txt:6505-6515
    if reason == "dispute" and not boards_disagreed:
        return _("A dispute comes to the plaatsingstafel only when the school boards could not agree.")
    return ""


# 001_28cb0100de53310c.txt:6519-6521 -- "Indien er nog steeds geen overeenstemming wordt bereikt,
# heeft de manager Toeleiding doorzettingsmacht." (Action.FORCE_TABLE_OUTCOME)


# --- Objections (AwB) ------------------------------------------------------------------------

# The TLV is a beschikking; interested parties may object at the SWV (seed 001:6523-6529).
# AwB art. 6:7 -- "De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken."
OBJECTION_TERM = datetime.timedelta(weeks=6)
# AwB art. 7:10 lid 1 -- decide within six weeks, or twelve with an advisory committee (art. 7:13),
# from the end of the objection term; lid 3 -- "kan de beslissing ten hoogste zes weken verdagen"
HANDLING_TERM = datetime.timedelta(weeks=6)
HANDLING_TERM_COMMITTEE = datetime.timedelta(weeks=12)
MAX_HANDLING_EXTENSION_WEEKS = 6
# AwB art. 6:9 lid 2 -- posted in time and received within a week after the term: in time
POSTAL_GRACE = datetime.timedelta(weeks=1)


def next_working_day(day: datetime.date) -> datetime.date:
    """A statutory term ending on a Saturday or Sunday ends on the next Monday."""
    # Algemene termijnenwet art. 1 (public holidays are not in our data: our choice, see the docs)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def objection_term_end(decision_sent_on: datetime.date) -> datetime.date:
    """The last day to object: six weeks from the day after the decision was sent."""
    # AwB art. 6:7 and 6:8 lid 1; Algemene termijnenwet art. 1
    return next_working_day(decision_sent_on + OBJECTION_TERM)


def objection_timely(*, term_end: datetime.date, received_on: datetime.date, posted_on=None) -> bool:
    """Received on or before the last day, or posted in time and received within a week."""
    # AwB art. 6:9
    if received_on <= term_end:
        return True
    return posted_on is not None and posted_on <= term_end and received_on <= term_end + POSTAL_GRACE


def objection_decision_due(term_end: datetime.date, *, advisory_committee: bool = False) -> datetime.date:
    """The last day for the decision on the objection: six weeks (twelve with an advisory
    committee) after the end of the objection term."""
    # AwB art. 7:10 lid 1 (and art. 7:13)
    period = HANDLING_TERM_COMMITTEE if advisory_committee else HANDLING_TERM
    return next_working_day(term_end + period)


def objection_extension_problem(
    *, weeks: int, already_extended: bool, due: datetime.date, on: datetime.date
) -> dict[str, str]:
    """The decision on an objection may be postponed once, by at most six weeks, before the
    term has passed (the objector is told in writing)."""
    # AwB art. 7:10 lid 3
    if already_extended:
        return {"weeks": _("The decision has already been postponed once; it cannot be postponed again.")}
    if weeks < 1 or weeks > MAX_HANDLING_EXTENSION_WEEKS:
        return {
            "weeks": _("The decision can be postponed by at most %(max)d weeks.")
            % {"max": MAX_HANDLING_EXTENSION_WEEKS}
        }
    if on > due:
        return {
            "date": _("The term ended on %(due)s; a postponement must be given before that.")
            % {"due": due.strftime("%d-%m-%Y")}
        }
    return {}


def objection_decision_problem(
    *, outcome: str, is_late: bool, late_excused: bool, hearing_on, hearing_waived: bool, motivation: str
) -> dict[str, str]:
    """What stands in the way of this decision on the objection."""
    problems = {}
    if not motivation.strip():
        problems["motivation"] = _("Give the motivation of the decision on the objection.")
    if outcome == "niet_ontvankelijk":
        return problems  # AwB art. 7:3 sub a: no hearing needed for an inadmissible objection
    # AwB art. 6:11 -- a late objection is inadmissible unless the lateness is excusable
    if is_late and not late_excused:
        problems["late_excused"] = _(
            "The objection came in after the term: declare it inadmissible, or record that the lateness is excused."
        )
    # AwB art. 7:2 lid 1 -- the objector is heard before the decision; art. 7:3 sub c -- unless waived
    if hearing_on is None and not hearing_waived:
        problems["hearing"] = _("The objector must be heard first (or must have waived the hearing).")
    return problems


# --- The next statutory date ---------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    day: datetime.date
    label: str

    def days_left(self, today: datetime.date) -> int:
        return (self.day - today).days

    def words(self, today: datetime.date) -> str:
        """ "over 3 dagen", "vandaag", "2 dagen verstreken": overdue never only in colour."""
        left = self.days_left(today)
        if left == 0:
            return _("today")
        if left > 0:
            return ngettext("in %(n)d day", "in %(n)d days", left) % {"n": left}
        return ngettext("overdue by %(n)d day", "overdue by %(n)d days", -left) % {"n": -left}


def admission_next_deadline(admission) -> Deadline | None:
    """The next statutory date of an admission: the decision (6 weeks, or as extended); once
    the 10 weeks have passed, the date from which temporary placement is a right."""
    # 001_28cb0100de53310c.txt:5746-5760
    status = admission.status
    if status == "registered":
        if admission.extended_to:
            return Deadline(admission.extended_to, _("decision (extended)"))
        return Deadline(admission.decision_due, _("decision or extension"))
    if status == "temporary":
        return Deadline(zorgplicht_final_due(admission.registered_on), _("decision (pupil temporarily placed)"))
    return None


def objection_next_deadline(objection) -> Deadline | None:
    """The decision on the objection (AwB art. 7:10)."""
    if objection.status == "decided":
        return None
    if objection.extended_to:
        return Deadline(objection.extended_to, _("decision on the objection (postponed)"))
    return Deadline(objection.decision_due, _("decision on the objection"))
