"""Writes of the complaint register, one function per business action: register a complaint,
and handle it (acknowledge, assign a handler, close it with an outcome).

Each asks :mod:`dekkend.core.permissions` first (outside its transaction, so a denied attempt
stays in the audit log), refuses bad input with a Dutch ``ValidationError`` naming the field
(nothing changes), and writes the change with an audit event (old and new values) in one
transaction.

The seeds state no term for handling a complaint (seeds/000:156, 001:1278-1280, 001:1946,
002:70 only count and report complaints), so no deadline is computed: the pages show how long
a complaint has been open (docs/complaints.md).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action, Basis
from dekkend.organisations.models import School
from dekkend.referrals.models import Application

from . import selectors
from .models import SUMMARY_MAX_LENGTH, Complaint

MAX_ID = selectors.MAX_ID
_UNSET = object()


def _on(day: datetime.date | None, *, field: str, not_before: datetime.date | None = None) -> datetime.date:
    today = timezone.localdate()
    on = day or today
    if on > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before and on < not_before:
        raise ValidationError(
            {field: _("The date cannot be before %(day)s.") % {"day": not_before.strftime("%d-%m-%Y")}}
        )
    return on


def _denied(context: AuditContext, action: AuditAction, **detail) -> None:
    audit_event_record(
        context=context,
        action=action,
        outcome=AuditOutcome.DENIED,
        object_type=selectors.KIND,
        access_basis=Basis.NONE,
        detail={k: str(v) for k, v in detail.items()},
    )


def _valid_id(value) -> bool:
    return isinstance(value, int) and 0 < value <= MAX_ID


def _handler(swv_id: int, handler_id: int | None):
    if handler_id is None:
        return None
    if not _valid_id(handler_id) or handler_id not in permissions.complaint_handler_ids(swv_id):
        raise ValidationError({"handler": _("Choose a handler from the office of this samenwerkingsverband.")})
    return handler_id


def _swv_for(user, swv_id: int | None) -> int:
    swv_ids = permissions.complaint_swv_ids(user)
    if swv_id is None:
        if len(swv_ids) != 1:
            raise ValidationError({"swv": _("Choose the samenwerkingsverband the complaint is for.")})
        return next(iter(swv_ids))
    if swv_id not in swv_ids:
        raise ValidationError({"swv": _("You cannot register complaints for this samenwerkingsverband.")})
    return swv_id


def _links(swv_id: int, application_id: int | None, school_id: int | None) -> tuple[Application | None, int | None]:
    """The application and school a complaint names; both must belong to the complaint's SWV. A
    complaint about an application counts at the application's school unless another is given."""
    application = None
    if application_id is not None:
        application = (
            Application.objects.filter(pk=application_id, swv_id=swv_id).first() if _valid_id(application_id) else None
        )
        if application is None:
            raise ValidationError(
                {"application": _("This application is unknown or not of this samenwerkingsverband.")}
            )
    if school_id is not None:
        if not _valid_id(school_id) or not School.objects.filter(pk=school_id, swv_id=swv_id).exists():
            raise ValidationError({"school": _("This school is unknown or not of this samenwerkingsverband.")})
    elif application is not None:
        school_id = application.school_id
    return application, school_id


def complaint_register(
    *,
    complainant: str,
    procedure: str,
    summary: str,
    received_on: datetime.date | None = None,
    swv_id: int | None = None,
    application_id: int | None = None,
    school_id: int | None = None,
    handler_id: int | None = None,
    context: AuditContext,
) -> Complaint:
    """Record a complaint received by the SWV: when, from whom, about which procedure, optionally
    the application or school it is about, a short summary (no health data) and its handler."""
    user = context.user
    if not permissions.has_action(user, Action.MANAGE_COMPLAINTS):
        _denied(context, AuditAction.CREATE, swv=swv_id)
        raise PermissionDenied
    swv_id = _swv_for(user, swv_id)
    received = _on(received_on, field="received_on")
    if complainant not in Complaint.Complainant.values:
        raise ValidationError({"complainant": _("Choose who made the complaint.")})
    if procedure not in Complaint.Procedure.values:
        raise ValidationError({"procedure": _("Choose the procedure the complaint is about.")})
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Write a short summary of the complaint.")})
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise ValidationError({"summary": _("Keep the summary under %(n)d characters.") % {"n": SUMMARY_MAX_LENGTH}})
    application, school_id = _links(swv_id, application_id, school_id)
    handler = _handler(swv_id, handler_id)
    with transaction.atomic():
        complaint = Complaint(
            swv_id=swv_id,
            received_on=received,
            complainant=complainant,
            procedure=procedure,
            application=application,
            school_id=school_id,
            summary=summary,
            handler_id=handler,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        complaint.full_clean()
        complaint.save()
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type=selectors.KIND,
            object_id=complaint.pk,
            pupil_id=complaint.pupil_id,
            swv_id=swv_id,
            access_basis=Basis.SCOPE,
            detail={
                "received_on": received.isoformat(),
                "complainant": complainant,
                "procedure": procedure,
                "application": application.pk if application else None,
                "school": school_id,
                "handler": handler,
            },
        )
    return complaint


_TRACKED = ("status", "handler_id", "acknowledged_on", "handled_on", "outcome", "explanation")


def _snapshot(complaint: Complaint) -> dict:
    return {name: getattr(complaint, name) for name in _TRACKED}


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def complaint_handle(
    *,
    complaint_id: int,
    handler_id=_UNSET,
    acknowledged_on: datetime.date | None = None,
    close: bool = False,
    handled_on: datetime.date | None = None,
    outcome: str = "",
    explanation: str = "",
    context: AuditContext,
) -> Complaint:
    """Follow a complaint up: give it a handler, record when receipt was acknowledged, and (with
    ``close``) close it with its handling date, outcome and explanation. A closed complaint
    cannot be changed."""
    selectors.complaint_get(
        complaint_id=complaint_id, context=context, action=Action.MANAGE_COMPLAINTS, audit_success=False
    )
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if not complaint.is_open:
            raise ValidationError(_("This complaint is closed; it cannot be changed."))
        before = _snapshot(complaint)
        fields: list[str] = []
        if handler_id is not _UNSET:
            complaint.handler_id = _handler(complaint.swv_id, handler_id)
            fields.append("handler")
        if acknowledged_on is not None:
            complaint.acknowledged_on = _on(acknowledged_on, field="acknowledged_on", not_before=complaint.received_on)
            if complaint.status == Complaint.Status.RECEIVED:
                complaint.status = Complaint.Status.ACKNOWLEDGED
            fields += ["acknowledged_on", "status"]
        if close:
            if outcome not in Complaint.Outcome.values:
                raise ValidationError({"outcome": _("Choose the outcome of the complaint.")})
            explanation = (explanation or "").strip()
            if not explanation:
                raise ValidationError({"explanation": _("Explain the outcome.")})
            complaint.handled_on = _on(
                handled_on,
                field="handled_on",
                not_before=complaint.acknowledged_on or complaint.received_on,
            )
            complaint.outcome = outcome
            complaint.explanation = explanation
            complaint.status = Complaint.Status.CLOSED
            fields += ["handled_on", "outcome", "explanation", "status"]
        if not fields:
            raise ValidationError(_("Nothing to record: give a handler, the date of acknowledgement or an outcome."))
        complaint.full_clean()
        complaint.save(update_fields=sorted(set(fields)))
        after = _snapshot(complaint)
        changed = {
            name: {"old": _json(before[name]), "new": _json(after[name])}
            for name in _TRACKED
            if before[name] != after[name]
        }
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.SUCCESS,
            object_type=selectors.KIND,
            object_id=complaint.pk,
            pupil_id=complaint.pupil_id,
            swv_id=complaint.swv_id,
            access_basis=Basis.SCOPE,
            detail={"step": "closed" if close else "followed_up", "changes": changed},
        )
    return complaint
