"""Writes of the steunpunt, one function per business action, named ``<noun>_<verb>``. Each
checks the permission through :mod:`dekkend.core.permissions` (outside its transaction, so a
denied attempt stays in the audit log), validates with ``full_clean()`` (bad input: a Dutch
``ValidationError`` and nothing changes) and writes its audit event in the same transaction.
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
from dekkend.pupils.models import Pupil

from . import selectors
from .models import AbsenceKind, Thuiszitter, ThuiszitterFollowUp


def _not_future(day: datetime.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _user(context: AuditContext):
    return context.user if getattr(context.user, "is_authenticated", False) else None


def _record(context: AuditContext, object_type: str, row, step: str, action=AuditAction.UPDATE, **detail) -> None:
    audit_event_record(
        context=context,
        action=action,
        outcome=AuditOutcome.SUCCESS,
        object_type=object_type,
        object_id=row.pk,
        pupil_id=getattr(row, "pupil_id", None),
        swv_id=row.swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={"step": step, **{k: str(v) for k, v in detail.items()}},
    )


# --- Thuiszitters ---------------------------------------------------------------------------


def thuiszitter_register(
    *,
    pupil_id: int,
    kind: str,
    reported_on: datetime.date,
    reason: str,
    absent_since: datetime.date | None = None,
    plan: str = "",
    responsible_name: str = "",
    next_follow_up: datetime.date | None = None,
    context: AuditContext,
) -> Thuiszitter:
    """Register a (threatened) thuiszitter for a pupil the user may see. The school is the
    pupil's school of enrolment (none for absolute absence)."""
    user = context.user
    if not permissions.has_action(user, Action.REGISTER_THUISZITTERS):
        raise PermissionDenied
    pupil = Pupil.objects.select_related("school").filter(pk=pupil_id).first() if 0 < pupil_id <= 2**63 - 1 else None
    if pupil is None or not permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil).allowed:
        raise ValidationError({"pupil": _("This pupil is unknown or not in your scope.")})
    _not_future(reported_on, "reported_on")
    _not_future(absent_since, "absent_since")
    case = Thuiszitter(
        swv_id=pupil.swv_id,
        pupil=pupil,
        school=None if kind == AbsenceKind.ABSOLUUT else pupil.school,
        kind=kind,
        absent_since=absent_since,
        reported_on=reported_on,
        reason=reason,
        plan=plan,
        responsible=_user(context) if not responsible_name else None,
        responsible_name=responsible_name,
        next_follow_up=next_follow_up,
    )
    if not permissions.decide_steunpunt_case(user, Action.REGISTER_THUISZITTERS, case).allowed:
        raise ValidationError({"pupil": _("You cannot register a thuiszitter for this pupil.")})
    with transaction.atomic():
        case.full_clean()
        case.save()
        _record(context, "thuiszitter", case, "registered", AuditAction.CREATE, kind=kind, reason=reason)
    return case


def thuiszitter_plan_update(
    *,
    thuiszitter_id: int,
    plan: str,
    responsible_name: str = "",
    next_follow_up: datetime.date | None = None,
    context: AuditContext,
) -> Thuiszitter:
    """Record the plan, the responsible person and the next follow-up date."""
    selectors.thuiszitter_get(
        thuiszitter_id=thuiszitter_id, context=context, action=Action.REGISTER_THUISZITTERS, audit_success=False
    )
    with transaction.atomic():
        case = Thuiszitter.objects.select_for_update().get(pk=thuiszitter_id)
        if case.ended_on:
            raise ValidationError(_("This case has ended; it cannot be changed."))
        case.plan = plan
        case.responsible_name = responsible_name
        case.responsible = None if responsible_name else _user(context)
        case.next_follow_up = next_follow_up
        case.full_clean()
        case.save(update_fields=["plan", "responsible_name", "responsible", "next_follow_up"])
        _record(context, "thuiszitter", case, "plan_updated", next_follow_up=next_follow_up or "")
    return case


def thuiszitter_follow_up_record(
    *,
    thuiszitter_id: int,
    done_on: datetime.date,
    note: str,
    next_follow_up: datetime.date | None = None,
    context: AuditContext,
) -> ThuiszitterFollowUp:
    """A follow-up happened: note what was done and plan the next one."""
    selectors.thuiszitter_get(
        thuiszitter_id=thuiszitter_id, context=context, action=Action.REGISTER_THUISZITTERS, audit_success=False
    )
    _not_future(done_on, "done_on")
    if next_follow_up and next_follow_up <= done_on:
        raise ValidationError({"next_follow_up": _("The next follow-up must come after this one.")})
    with transaction.atomic():
        case = Thuiszitter.objects.select_for_update().get(pk=thuiszitter_id)
        if case.ended_on:
            raise ValidationError(_("This case has ended; it cannot be changed."))
        if done_on < case.reported_on:
            raise ValidationError({"done_on": _("The follow-up cannot be before the report.")})
        follow_up = ThuiszitterFollowUp(
            thuiszitter=case,
            planned_on=case.next_follow_up or done_on,
            done_on=done_on,
            note=note,
            recorded_by=_user(context),
        )
        follow_up.full_clean()
        follow_up.save()
        case.next_follow_up = next_follow_up
        case.save(update_fields=["next_follow_up"])
        _record(context, "thuiszitter", case, "follow_up", done_on=done_on)
    return follow_up


def thuiszitter_end(
    *, thuiszitter_id: int, ended_on: datetime.date, end_note: str, context: AuditContext
) -> Thuiszitter:
    """The pupil is back in education (or the case ends otherwise)."""
    selectors.thuiszitter_get(
        thuiszitter_id=thuiszitter_id, context=context, action=Action.REGISTER_THUISZITTERS, audit_success=False
    )
    _not_future(ended_on, "ended_on")
    with transaction.atomic():
        case = Thuiszitter.objects.select_for_update().get(pk=thuiszitter_id)
        if case.ended_on:
            raise ValidationError(_("This case has already ended."))
        case.ended_on = ended_on
        case.end_note = end_note
        case.next_follow_up = None
        case.full_clean()
        case.save(update_fields=["ended_on", "end_note", "next_follow_up"])
        _record(context, "thuiszitter", case, "ended", ended_on=ended_on)
    return case
