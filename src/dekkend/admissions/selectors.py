"""Reads of admissions, objections and plaatsingstafel cases. Each names a pupil, so every read
of one case is permission-checked by :mod:`dekkend.core.permissions` and written to the audit
log, allowed or denied; a list is audited with the ids of the rows it showed."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action, Basis

from .models import Admission, Objection, TableCase, TimelineEvent

MAX_ID = 2**63 - 1  # ids are 64-bit; a larger one in a path is simply not found
ADMISSION_RELATED = ("swv", "pupil", "school", "school__board", "from_school", "offer_school", "application")
OBJECTION_RELATED = ("swv", "application", "application__pupil", "application__school")
TABLE_CASE_RELATED = ("swv", "pupil", "admission", "outcome_school")

# object type in the audit log → (model, related, view action, how the row names its pupil)
_KINDS: dict[str, tuple[type[Model], tuple[str, ...], Action, str]] = {
    "admission": (Admission, ADMISSION_RELATED, Action.VIEW_ADMISSIONS, "pupil_id"),
    "objection": (Objection, OBJECTION_RELATED, Action.VIEW_OBJECTIONS, "application.pupil_id"),
    "table_case": (TableCase, TABLE_CASE_RELATED, Action.MANAGE_TABLE_CASES, "pupil_id"),
}


def pupil_id_of(obj) -> int:
    return obj.application.pupil_id if isinstance(obj, Objection) else obj.pupil_id


def _decide(user, action: Action, obj):
    if isinstance(obj, Admission):
        return permissions.decide_admission(user, action, obj)
    return permissions.decide_swv_case(user, action, obj)


def _get(kind: str, object_id: int, context: AuditContext, action: Action | None, audit_success: bool):
    model, related, view_action, _pupil = _KINDS[kind]
    action = action or view_action
    user = context.user
    audit_action = AuditAction.READ if action == view_action else AuditAction.UPDATE
    if not permissions.has_action(user, action):
        _audit(context, kind, audit_action, AuditOutcome.DENIED, object_id, access_basis=Basis.NONE)
        raise PermissionDenied
    obj = model.objects.select_related(*related).filter(pk=object_id).first() if 0 < object_id <= MAX_ID else None
    if obj is None:
        _audit(context, kind, audit_action, AuditOutcome.ERROR, object_id)
        raise Http404
    decision = _decide(user, action, obj)
    if not decision.allowed or audit_success:
        _audit(
            context,
            kind,
            audit_action,
            AuditOutcome.SUCCESS if decision.allowed else AuditOutcome.DENIED,
            obj.pk,
            pupil_id=pupil_id_of(obj),
            swv_id=obj.swv_id,
            role=decision.role,
            access_basis=decision.basis,
        )
    if not decision.allowed:
        raise Http404
    return obj


def _audit(context, kind, action, outcome, object_id, **fields) -> None:
    audit_event_record(
        context=context, action=action, outcome=outcome, object_type=kind, object_id=object_id, **fields
    )


def admission_get(
    *, admission_id: int, context: AuditContext, action: Action | None = None, audit_success: bool = True
) -> Admission:
    """One admission for ``context.user``: ``PermissionDenied`` when no role allows ``action``,
    ``Http404`` when it does not exist or lies outside the scope. Denials are always audited;
    a successful read too unless ``audit_success`` is off (a service writes its own event)."""
    return _get("admission", admission_id, context, action, audit_success)


def objection_get(
    *, objection_id: int, context: AuditContext, action: Action | None = None, audit_success: bool = True
) -> Objection:
    """One objection, checked and audited like :func:`admission_get`."""
    return _get("objection", objection_id, context, action, audit_success)


def table_case_get(
    *, case_id: int, context: AuditContext, action: Action | None = None, audit_success: bool = True
) -> TableCase:
    """One plaatsingstafel case, checked and audited like :func:`admission_get`."""
    return _get("table_case", case_id, context, action, audit_success)


def admission_queryset(*, user, action: Action = Action.VIEW_ADMISSIONS) -> QuerySet[Admission]:
    """The admissions the user may see (not audited by itself: see :func:`list_audit`)."""
    return Admission.objects.filter(permissions.admission_scope_q(user, action)).select_related(
        "swv", "pupil", "school", "from_school"
    )


def objection_queryset(*, user, action: Action = Action.VIEW_OBJECTIONS) -> QuerySet[Objection]:
    return Objection.objects.filter(permissions.swv_case_scope_q(user, action)).select_related(
        "swv", "application", "application__pupil"
    )


def table_case_queryset(*, user, action: Action = Action.MANAGE_TABLE_CASES) -> QuerySet[TableCase]:
    """Plaatsingstafel cases: SWV staff see their SWV's (schools and boards see their
    admissions, not the table)."""
    return TableCase.objects.filter(permissions.swv_case_scope_q(user, action)).select_related(
        "swv", "pupil", "outcome_school"
    )


def list_audit(*, context: AuditContext, kind: str, rows: list, criteria: dict | None = None, allowed=True) -> None:
    """One audit row for a list, naming every case and pupil it showed."""
    audit_event_record(
        context=context,
        action=AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS if allowed else AuditOutcome.DENIED,
        object_type=kind,
        access_basis=Basis.SCOPE if allowed else Basis.NONE,
        detail={
            "criteria": {k: str(v) for k, v in (criteria or {}).items()},
            "ids": [row.pk for row in rows],
            "pupil_ids": [pupil_id_of(row) for row in rows],
        },
    )


def timeline(obj) -> list[TimelineEvent]:
    """The events of an admission, objection or table case, oldest first."""
    return list(obj.events.select_related("actor").order_by("recorded_at", "id"))
