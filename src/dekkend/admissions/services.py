"""The steps after a decision, one function per step: registration (aanmelding) and the
zorgplicht clock, the decision on placement, the placement and the warme overdracht, the
plaatsingstafel, and objections (bezwaar) against a TLV decision.

Each step asks :mod:`dekkend.core.permissions` (outside its transaction, so a denied attempt
stays in the audit log), checks the order of steps (out of order: a Dutch ``ValidationError``
and nothing changes), writes a ``TimelineEvent`` and an audit event in the same transaction,
and takes an optional ``date`` (default today) so that history can be entered. The rules live
in :mod:`dekkend.admissions.rules`.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, SchoolLocation, Sector
from dekkend.pupils.models import Placement, Pupil
from dekkend.pupils.services import placement_change
from dekkend.referrals.models import TLV_TYPES, Application

from . import rules, selectors
from .models import Admission, Handover, Objection, TableCase, TimelineEvent

Status = Admission.Status


# --- helpers --------------------------------------------------------------------------------


def _on(date: datetime.date | None, *, not_before: datetime.date | None = None, field: str = "date") -> datetime.date:
    today = timezone.localdate()
    on = date or today
    if on > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before and on < not_before:
        raise ValidationError(
            {field: _("The date cannot be before %(day)s.") % {"day": not_before.strftime("%d-%m-%Y")}}
        )
    return on


def _require_status(obj, *allowed: str) -> None:
    if obj.status not in allowed:
        raise ValidationError(
            _("This step is not possible now: the status is “%(status)s”.") % {"status": obj.get_status_display()}
        )


def _record(subject, context: AuditContext, what: str, on: datetime.date, old_status: str, **detail) -> None:
    kind = {Admission: "admission", Objection: "objection", TableCase: "table_case"}[type(subject)]
    TimelineEvent.objects.create(
        swv_id=subject.swv_id,
        actor=context.user if getattr(context.user, "is_authenticated", False) else None,
        what=what,
        on=on,
        old_status=old_status,
        new_status=subject.status,
        detail=detail,
        **{kind: subject},
    )
    audit_event_record(
        context=context,
        action=AuditAction.CREATE if what in ("registered", "tabled", "objection_registered") else AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type=kind,
        object_id=subject.pk,
        pupil_id=selectors.pupil_id_of(subject),
        swv_id=subject.swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={"step": what, "on": on.isoformat(), "old_status": old_status, "new_status": subject.status, **detail},
    )


def _save(obj, fields: list[str]) -> None:
    obj.full_clean()
    obj.save(update_fields=fields)


def _lock(model, pk: int):
    return model.objects.select_for_update().get(pk=pk)


def _denied(context: AuditContext, kind: str, **detail) -> None:
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.DENIED,
        object_type=kind,
        access_basis=permissions.Basis.NONE,
        detail=detail,
    )


# --- Registration and the zorgplicht clock -------------------------------------------------


def _find_pupil(user, pupil_id, pupil_number: str, birth_date) -> Pupil | None:
    """A pupil the school may see, or one it identifies by pupil number and date of birth (the
    parents registered the child; the child is not yet at this school)."""
    if pupil_id:
        pupil = Pupil.objects.select_related("school").filter(pk=pupil_id).first()
        if pupil and permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil).allowed:
            return pupil
        if pupil is None or birth_date is None or pupil.birth_date != birth_date:
            return None
        return pupil
    if pupil_number and birth_date:
        matches = list(
            Pupil.objects.select_related("school").filter(pupil_number=pupil_number.strip(), birth_date=birth_date)[:2]
        )
        return matches[0] if len(matches) == 1 else None
    return None


def _granted_tlv(pupil: Pupil, application_id: int | None) -> Application | None:
    queryset = Application.objects.filter(pupil=pupil, type__in=TLV_TYPES, status=Application.Status.GRANTED)
    if application_id:
        application = queryset.filter(pk=application_id).first()
        if application is None:
            raise ValidationError({"application": _("This is not a granted TLV of this pupil.")})
        return application
    return queryset.order_by("-decided_on", "-id").first()


def admission_register(
    *,
    school_id: int,
    pupil_id: int | None = None,
    pupil_number: str = "",
    birth_date: datetime.date | None = None,
    application_id: int | None = None,
    date: datetime.date | None = None,
    context: AuditContext,
) -> Admission:
    """The school records the parents' written registration of a pupil: from that day the
    school's board has the zorgplicht and the 6 weeks run. A granted TLV of the pupil is linked
    (the one given, or the latest)."""
    # 001_28cb0100de53310c.txt:5728-5730 (written registration), :5732-5744 (zorgplicht)
    user = context.user
    if not permissions.has_action(user, Action.MANAGE_ADMISSION):
        _denied(context, "admission", school=str(school_id))
        raise PermissionDenied
    school = School.objects.select_related("board").filter(pk=school_id).first() if school_id else None
    draft = Admission(swv_id=school.swv_id if school else None, school=school)
    if school is None or not permissions.decide_admission(user, Action.MANAGE_ADMISSION, draft).allowed:
        raise ValidationError({"school": _("You can register pupils only at your own school.")})
    pupil = _find_pupil(user, pupil_id, pupil_number, birth_date)
    if pupil is None:
        _denied(context, "admission", school=str(school_id), pupil=str(pupil_id or pupil_number))
        raise ValidationError({"pupil": _("No pupil found with this pupil number and date of birth.")})
    on = _on(date)
    if Admission.objects.filter(pupil=pupil, school=school, status__in=[Status.REGISTERED, Status.TEMPORARY]).exists():
        raise ValidationError({"pupil": _("This pupil is already registered at this school.")})
    with transaction.atomic():
        admission = Admission(
            swv_id=school.swv_id,
            pupil=pupil,
            school=school,
            from_school=pupil.school if pupil.school_id != school.pk else None,
            application=_granted_tlv(pupil, application_id),
            registered_on=on,
            decision_due=rules.zorgplicht_decision_due(on),
        )
        admission.full_clean()
        admission.save()
        _record(
            admission,
            context,
            "registered",
            on,
            "",
            decision_due=admission.decision_due.isoformat(),
            application=admission.application_id,
        )
    return admission


def _authorise_admission(admission_id: int, context: AuditContext) -> None:
    selectors.admission_get(
        admission_id=admission_id, context=context, action=Action.MANAGE_ADMISSION, audit_success=False
    )


def admission_extend(
    *,
    admission_id: int,
    reason: str,
    parents_notified_on: datetime.date | None,
    weeks: int = rules.MAX_EXTENSION_WEEKS,
    date: datetime.date | None = None,
    context: AuditContext,
) -> Admission:
    """Once, within the 6 weeks, the school extends the period by (at most) 4 weeks and tells
    the parents in writing."""
    # 001_28cb0100de53310c.txt:5750-5756
    _authorise_admission(admission_id, context)
    with transaction.atomic():
        admission = _lock(Admission, admission_id)
        _require_status(admission, Status.REGISTERED)
        on = _on(date, not_before=admission.registered_on)
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the extension.")})
        problems = rules.zorgplicht_extension_problem(
            weeks=weeks,
            already_extended=admission.extended_to is not None,
            registered_on=admission.registered_on,
            due=admission.decision_due,
            on=on,
            parents_notified_on=parents_notified_on,
        )
        if problems:
            raise ValidationError(problems)
        admission.extended_to = admission.decision_due + datetime.timedelta(weeks=weeks)
        admission.extension_reason = reason
        admission.parents_notified_on = parents_notified_on
        _save(admission, ["extended_to", "extension_reason", "parents_notified_on"])
        _record(
            admission,
            context,
            "extended",
            on,
            admission.status,
            weeks=weeks,
            new_due=admission.extended_to.isoformat(),
        )
    return admission


def _default_location(school: School, location_id: int | None) -> SchoolLocation:
    locations = SchoolLocation.objects.filter(school=school)
    location = locations.filter(pk=location_id).first() if location_id else locations.order_by("code", "id").first()
    if location is None:
        raise ValidationError({"location": _("Choose a location of the school of registration.")})
    return location


def _placement_reason(pupil: Pupil, school: School) -> str:
    if school.school_type in rules.SCHOOL_TYPES_NEEDING_TLV:
        return Placement.Reason.TLV
    if pupil.sector == Sector.PO and school.sector == Sector.VO:
        return Placement.Reason.TRANSITION
    if pupil.school.school_type in rules.SCHOOL_TYPES_NEEDING_TLV:
        return Placement.Reason.RETURN
    return Placement.Reason.PARENTS_CHOICE


def _move(admission: Admission, location: SchoolLocation, start: datetime.date, reason: str, context) -> bool:
    """Record the change of location on the pupil (unless the pupil is already there)."""
    pupil = admission.pupil
    if pupil.location_id == location.pk:
        return False
    if pupil.placements.filter(end_date__isnull=True, start_date__gte=start).exists():
        raise ValidationError({"placement_date": _("The pupil's current placement started on or after this date.")})
    placement_change(pupil_id=pupil.pk, location_id=location.pk, start_date=start, reason=reason, context=context)
    return True


def admission_place_temporarily(
    *, admission_id: int, location_id: int | None = None, date: datetime.date | None = None, context: AuditContext
) -> Admission:
    """No decision after 10 weeks: the pupil is placed temporarily at the school of
    registration (its location is recorded on the pupil) while the decision is still due."""
    # 001_28cb0100de53310c.txt:5756-5760
    _authorise_admission(admission_id, context)
    with transaction.atomic():
        admission = _lock(Admission, admission_id)
        _require_status(admission, Status.REGISTERED)
        on = _on(date, not_before=admission.registered_on)
        if not rules.temporary_placement_right(admission.registered_on, on):
            raise ValidationError(
                {
                    "date": _("Temporary placement is a right only from %(day)s (after 10 weeks without a decision).")
                    % {
                        "day": (
                            rules.zorgplicht_final_due(admission.registered_on) + datetime.timedelta(days=1)
                        ).strftime("%d-%m-%Y")
                    }
                }
            )
        location = _default_location(admission.school, location_id)
        moved = _move(admission, location, on, Placement.Reason.ENROLMENT, context)
        old = admission.status
        admission.status = Status.TEMPORARY
        admission.temporary_from = on
        admission.location = location
        _save(admission, ["status", "temporary_from", "location"])
        _record(admission, context, "temporarily_placed", on, old, location=location.pk, moved=moved)
    return admission


def admission_decide(
    *,
    admission_id: int,
    outcome: str,
    motivation: str = "",
    offer_school_id: int | None = None,
    offer_note: str = "",
    planned_start: datetime.date | None = None,
    date: datetime.date | None = None,
    context: AuditContext,
) -> Admission:
    """The school decides: the pupil is placed (a place at an sbo/so/vso/pro school needs a
    granted TLV of that type), or refused with the school that does offer a fitting place."""
    # 001_28cb0100de53310c.txt:5746-5748 (decide), :5732-5742 and :5772-5774 (refused: a place elsewhere)
    _authorise_admission(admission_id, context)
    with transaction.atomic():
        admission = _lock(Admission, admission_id)
        _require_status(admission, Status.REGISTERED, Status.TEMPORARY)
        on = _on(date, not_before=admission.registered_on)
        late = rules.zorgplicht_decision_late(admission.effective_decision_due, on)
        old = admission.status
        if outcome == Admission.Outcome.PLACED:
            problem = rules.tlv_problem(
                school_type=admission.school.school_type, application=admission.application, on=planned_start or on
            )
            if problem:
                raise ValidationError({"outcome": problem})
            if planned_start and planned_start < on:
                raise ValidationError({"planned_start": _("The planned start cannot be before the decision.")})
            admission.status = Status.ADMITTED
            admission.planned_start = planned_start
        elif outcome == Admission.Outcome.REFUSED:
            problems = rules.refusal_problem(
                school_id=admission.school_id, offer_school_id=offer_school_id, motivation=motivation
            )
            if offer_school_id and not School.objects.filter(pk=offer_school_id).exists():
                problems["offer_school"] = _("This school is unknown.")
            if problems:
                raise ValidationError(problems)
            admission.status = Status.REFUSED
            admission.offer_school_id = offer_school_id
            admission.offer_note = offer_note
        else:
            raise ValidationError({"outcome": _("Choose placed or refused.")})
        admission.outcome = outcome
        admission.decided_on = on
        admission.motivation = motivation
        _save(
            admission, ["status", "outcome", "decided_on", "motivation", "offer_school", "offer_note", "planned_start"]
        )
        _record(admission, context, f"decided_{outcome}", on, old, late=late, offer_school=offer_school_id)
    return admission


def admission_place(
    *,
    admission_id: int,
    placement_date: datetime.date | None = None,
    location_id: int | None = None,
    context: AuditContext,
) -> Admission:
    """The pupil starts at the school: the placement date is recorded and, when the pupil
    changes location, a new placement on the pupil (the open one ends on that date). Record
    it on or after the first school day."""
    # 001_28cb0100de53310c.txt:5762 ("toegelaten en geplaatst"); the TLV: :5589-5593
    _authorise_admission(admission_id, context)
    with transaction.atomic():
        admission = _lock(Admission, admission_id)
        _require_status(admission, Status.ADMITTED)
        start = _on(placement_date, not_before=admission.decided_on, field="placement_date")
        problem = rules.tlv_problem(
            school_type=admission.school.school_type, application=admission.application, on=start
        )
        if problem:
            raise ValidationError({"placement_date": problem})
        location = _default_location(admission.school, location_id)
        moved = _move(admission, location, start, _placement_reason(admission.pupil, admission.school), context)
        old = admission.status
        admission.status = Status.PLACED
        admission.placement_date = start
        admission.location = location
        _save(admission, ["status", "placement_date", "location"])
        _record(
            admission,
            context,
            "placed",
            start,
            old,
            location=location.pk,
            moved=moved,
            short_notice=rules.transfer_notice_short(admission.registered_on, start),
        )
    return admission


def handover_record(
    *,
    admission_id: int,
    conversation_on: datetime.date | None = None,
    parents_present: bool = False,
    swv_present: bool = False,
    goals: str = "",
    parents_consent_documents: bool = False,
    documents_shared_on: datetime.date | None = None,
    documents: str = "",
    context: AuditContext,
) -> Handover:
    """The warme overdracht: the conversation of the current and the new school with the
    parents (the SWV on request), the goals, and the documents shared with the parents'
    consent. Recorded (and completed) in one or more steps once the pupil is admitted."""
    # 001_28cb0100de53310c.txt:5762-5770; Bijlage XI :4939-4941
    _authorise_admission(admission_id, context)
    with transaction.atomic():
        admission = _lock(Admission, admission_id)
        _require_status(admission, Status.ADMITTED, Status.PLACED)
        if conversation_on:
            _on(conversation_on, not_before=admission.registered_on, field="conversation_on")
        if documents_shared_on:
            _on(documents_shared_on, not_before=admission.registered_on, field="documents_shared_on")
        problem = rules.handover_consent_problem(
            documents_shared_on=documents_shared_on, parents_consent=parents_consent_documents
        )
        if problem:
            raise ValidationError({"parents_consent_documents": problem})
        handover, _created = Handover.objects.get_or_create(admission=admission)
        handover.conversation_on = conversation_on
        handover.parents_present = parents_present
        handover.swv_present = swv_present
        handover.goals = goals
        handover.parents_consent_documents = parents_consent_documents
        handover.documents_shared_on = documents_shared_on
        handover.documents = documents
        handover.updated_at = timezone.now()
        handover.full_clean()
        handover.save()
        _record(
            admission,
            context,
            "handover",
            conversation_on or timezone.localdate(),
            admission.status,
            missing=rules.handover_missing(handover),
        )
    return handover


# --- Plaatsingstafel -----------------------------------------------------------------------


def table_case_open(
    *,
    reason: str,
    parties: str,
    admission_id: int | None = None,
    pupil_id: int | None = None,
    boards_disagreed: bool = False,
    date: datetime.date | None = None,
    context: AuditContext,
) -> TableCase:
    """Put a pupil on the plaatsingstafel: a dispute the school boards could not settle, or a
    pupil without a fitting place."""
    # 001_28cb0100de53310c.txt:6505-6517
    user = context.user
    if not permissions.has_action(user, Action.MANAGE_TABLE_CASES):
        _denied(context, "table_case")
        raise PermissionDenied
    admission = None
    if admission_id:
        admission = selectors.admission_get(admission_id=admission_id, context=context, audit_success=False)
        pupil = admission.pupil
        swv_id = admission.swv_id
    else:
        pupil = Pupil.objects.filter(pk=pupil_id).first() if pupil_id else None
        if pupil is None or not permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil).allowed:
            raise ValidationError({"pupil": _("This pupil is unknown or not in your samenwerkingsverband.")})
        swv_id = pupil.swv_id
    if swv_id not in permissions.swv_ids_for(user, Action.MANAGE_TABLE_CASES):
        raise ValidationError({"admission": _("This case is not of your samenwerkingsverband.")})
    on = _on(date)
    problems = {}
    if reason not in TableCase.Reason.values:
        problems["reason"] = _("Choose the reason.")
    elif problem := rules.table_problem(reason=reason, boards_disagreed=boards_disagreed):
        problems["boards_disagreed"] = problem
    if not parties.strip():
        problems["parties"] = _("Name the parties at the table.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        case = TableCase(
            swv_id=swv_id,
            pupil=pupil,
            admission=admission,
            reason=reason,
            boards_disagreed=boards_disagreed,
            tabled_on=on,
            parties=parties,
        )
        case.full_clean()
        case.save()
        _record(case, context, "tabled", on, "", reason=reason)
    return case


def table_case_decide(
    *,
    case_id: int,
    outcome: str,
    outcome_school_id: int | None = None,
    by_doorzettingsmacht: bool = False,
    follow_up: str = "",
    follow_up_on: datetime.date | None = None,
    date: datetime.date | None = None,
    context: AuditContext,
) -> TableCase:
    """Record what the table agreed (the school, the follow-up); without agreement the
    manager toeleiding decides (doorzettingsmacht)."""
    # 001_28cb0100de53310c.txt:6517-6521
    selectors.table_case_get(case_id=case_id, context=context, action=Action.MANAGE_TABLE_CASES, audit_success=False)
    if by_doorzettingsmacht:
        case = TableCase.objects.get(pk=case_id)
        if not permissions.decide_swv_case(context.user, Action.FORCE_TABLE_OUTCOME, case).allowed:
            raise ValidationError(
                {
                    "by_doorzettingsmacht": _(
                        "Only the manager toeleiding decides without agreement (doorzettingsmacht)."
                    )
                }
            )
    with transaction.atomic():
        case = _lock(TableCase, case_id)
        _require_status(case, TableCase.Status.OPEN)
        on = _on(date, not_before=case.tabled_on)
        problems = {}
        if not outcome.strip():
            problems["outcome"] = _("Describe the outcome.")
        if outcome_school_id and not School.objects.filter(pk=outcome_school_id).exists():
            problems["outcome_school"] = _("This school is unknown.")
        if follow_up_on and follow_up_on < on:
            problems["follow_up_on"] = _("The follow-up cannot be before the meeting.")
        if problems:
            raise ValidationError(problems)
        old = case.status
        case.status = TableCase.Status.CLOSED
        case.meeting_on = on
        case.outcome = outcome
        case.outcome_school_id = outcome_school_id
        case.by_doorzettingsmacht = by_doorzettingsmacht
        case.follow_up = follow_up
        case.follow_up_on = follow_up_on
        _save(
            case,
            ["status", "meeting_on", "outcome", "outcome_school", "by_doorzettingsmacht", "follow_up", "follow_up_on"],
        )
        _record(case, context, "table_decided", on, old, school=outcome_school_id, forced=by_doorzettingsmacht)
    return case


# --- Objections (bezwaar, AwB) -------------------------------------------------------------


def objection_register(
    *,
    application_id: int,
    objector: str,
    grounds: str,
    received_on: datetime.date | None = None,
    decision_sent_on: datetime.date | None = None,
    posted_on: datetime.date | None = None,
    advisory_committee: bool = False,
    context: AuditContext,
) -> Objection:
    """Register an objection against a TLV decision with its receipt date. An objection after
    the 6-week term is registered and flagged as late (never refused silently)."""
    # 001_28cb0100de53310c.txt:6523-6529 (the TLV is a beschikking; bezwaar at the SWV); AwB 6:7-6:9
    user = context.user
    if not permissions.has_action(user, Action.HANDLE_OBJECTION):
        _denied(context, "objection", application=str(application_id))
        raise PermissionDenied
    application = Application.objects.filter(pk=application_id).first() if 0 < application_id < 2**63 else None
    if application is None or application.swv_id not in permissions.swv_ids_for(user, Action.HANDLE_OBJECTION):
        _denied(context, "objection", application=str(application_id))
        raise ValidationError({"application": _("This TLV decision is unknown or not of your samenwerkingsverband.")})
    if application.type not in TLV_TYPES or application.status not in (
        Application.Status.GRANTED,
        Application.Status.REFUSED,
    ):
        raise ValidationError(
            {
                "application": _(
                    "An objection is possible against a TLV decision (granted or refused), not against an intention."
                )
            }
        )
    if objector not in Objection.Objector.values:
        raise ValidationError({"objector": _("Choose who objects.")})
    if not grounds.strip():
        raise ValidationError({"grounds": _("Give the grounds of the objection.")})
    sent_on = decision_sent_on or application.decided_on
    if sent_on < application.decided_on:
        raise ValidationError({"decision_sent_on": _("The letter cannot be sent before the decision was taken.")})
    received = _on(received_on, not_before=sent_on, field="received_on")
    if posted_on and (posted_on < sent_on or posted_on > received):
        raise ValidationError({"posted_on": _("The postmark must lie between the letter and the receipt.")})
    term_end = rules.objection_term_end(sent_on)
    late = not rules.objection_timely(term_end=term_end, received_on=received, posted_on=posted_on)
    with transaction.atomic():
        objection = Objection(
            swv_id=application.swv_id,
            application=application,
            objector=objector,
            grounds=grounds,
            decision_sent_on=sent_on,
            received_on=received,
            posted_on=posted_on,
            term_ends_on=term_end,
            is_late=late,
            advisory_committee=advisory_committee,
            # Our choice: a late objection is handled within the term counted from its receipt.
            decision_due=rules.objection_decision_due(max(term_end, received), advisory_committee=advisory_committee),
        )
        objection.full_clean()
        objection.save()
        _record(
            objection,
            context,
            "objection_registered",
            received,
            "",
            late=late,
            term_ends_on=term_end.isoformat(),
            decision_due=objection.decision_due.isoformat(),
        )
    return objection


def _authorise_objection(objection_id: int, action: Action, context: AuditContext) -> None:
    selectors.objection_get(objection_id=objection_id, context=context, action=action, audit_success=False)


def objection_extend(
    *, objection_id: int, weeks: int, reason: str, date: datetime.date | None = None, context: AuditContext
) -> Objection:
    """Postpone the decision on the objection once, by at most 6 weeks (AwB art. 7:10 lid 3)."""
    _authorise_objection(objection_id, Action.HANDLE_OBJECTION, context)
    with transaction.atomic():
        objection = _lock(Objection, objection_id)
        _require_status(objection, Objection.Status.RECEIVED, Objection.Status.HEARD)
        on = _on(date, not_before=objection.received_on)
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the postponement.")})
        problems = rules.objection_extension_problem(
            weeks=weeks, already_extended=objection.extended_to is not None, due=objection.decision_due, on=on
        )
        if problems:
            raise ValidationError(problems)
        objection.extended_to = objection.decision_due + datetime.timedelta(weeks=weeks)
        objection.extension_reason = reason
        _save(objection, ["extended_to", "extension_reason"])
        _record(
            objection,
            context,
            "objection_extended",
            on,
            objection.status,
            weeks=weeks,
            new_due=objection.extended_to.isoformat(),
        )
    return objection


def objection_hear(
    *,
    objection_id: int,
    hearing_on: datetime.date | None = None,
    waived: bool = False,
    notes: str = "",
    context: AuditContext,
) -> Objection:
    """Record the hearing of the objector (AwB art. 7:2), or that the objector waived it
    (art. 7:3 sub c)."""
    _authorise_objection(objection_id, Action.HANDLE_OBJECTION, context)
    with transaction.atomic():
        objection = _lock(Objection, objection_id)
        _require_status(objection, Objection.Status.RECEIVED)
        if waived:
            hearing_on = None
            on = timezone.localdate()
        else:
            if hearing_on is None:
                raise ValidationError({"hearing_on": _("Give the date of the hearing, or record that it was waived.")})
            on = _on(hearing_on, not_before=objection.received_on, field="hearing_on")
            if not notes.strip():
                raise ValidationError({"notes": _("Write down what was said at the hearing.")})
        old = objection.status
        objection.status = Objection.Status.HEARD
        objection.hearing_on = hearing_on
        objection.hearing_waived = waived
        objection.hearing_notes = notes
        _save(objection, ["status", "hearing_on", "hearing_waived", "hearing_notes"])
        _record(objection, context, "objection_heard", on, old, waived=waived)
    return objection


def objection_advice_record(
    *, objection_id: int, advice_outcome: str, advice: str, date: datetime.date | None = None, context: AuditContext
) -> Objection:
    """The advisory committee's advice (AwB art. 7:13), where one is set up for the objection."""
    _authorise_objection(objection_id, Action.HANDLE_OBJECTION, context)
    with transaction.atomic():
        objection = _lock(Objection, objection_id)
        _require_status(objection, Objection.Status.RECEIVED, Objection.Status.HEARD)
        if not objection.advisory_committee:
            raise ValidationError(_("No advisory committee was set up for this objection."))
        on = _on(date, not_before=objection.received_on)
        if advice_outcome not in Objection.Outcome.values:
            raise ValidationError({"advice_outcome": _("Choose what the committee advises.")})
        if not advice.strip():
            raise ValidationError({"advice": _("Write down the committee's advice.")})
        objection.advice_on = on
        objection.advice_outcome = advice_outcome
        objection.advice = advice
        _save(objection, ["advice_on", "advice_outcome", "advice"])
        _record(objection, context, "objection_advised", on, objection.status, advice_outcome=advice_outcome)
    return objection


def objection_decide(
    *,
    objection_id: int,
    outcome: str,
    motivation: str,
    late_excused: bool = False,
    date: datetime.date | None = None,
    context: AuditContext,
) -> Objection:
    """The decision on the objection: gegrond, ongegrond or niet-ontvankelijk. A late decision
    is recorded and flagged."""
    # AwB art. 6:11 (late), 7:2-7:3 (hearing), 7:10 (term), 7:13 (committee)
    _authorise_objection(objection_id, Action.DECIDE_OBJECTION, context)
    with transaction.atomic():
        objection = _lock(Objection, objection_id)
        _require_status(objection, Objection.Status.RECEIVED, Objection.Status.HEARD)
        on = _on(date, not_before=objection.received_on)
        if outcome not in Objection.Outcome.values:
            raise ValidationError({"outcome": _("Choose gegrond, ongegrond or niet_ontvankelijk.")})
        problems = rules.objection_decision_problem(
            outcome=outcome,
            is_late=objection.is_late,
            late_excused=late_excused,
            hearing_on=objection.hearing_on,
            hearing_waived=objection.hearing_waived,
            motivation=motivation,
        )
        if objection.advisory_committee and not objection.advice_on and outcome != "niet_ontvankelijk":
            problems["advice"] = _("The advisory committee advises before the decision.")
        if problems:
            raise ValidationError(problems)
        old = objection.status
        objection.status = Objection.Status.DECIDED
        objection.outcome = outcome
        objection.motivation = motivation
        objection.late_excused = late_excused and objection.is_late
        objection.decided_on = on
        _save(objection, ["status", "outcome", "motivation", "late_excused", "decided_on"])
        _record(
            objection,
            context,
            "objection_decided",
            on,
            old,
            outcome=outcome,
            late=on > objection.effective_decision_due,
        )
    return objection
