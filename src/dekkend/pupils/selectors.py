"""Reads of pupil data. Every read goes through here so that it is permission-checked (by
:mod:`dekkend.core.permissions`) and written to the audit log, allowed or denied."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action

from .models import Pupil

PUPIL_RELATED = ("swv", "school", "school__board", "location", "location__area", "home_area")
# A list row shows only the school and location; fewer joins also keep query planning cheap.
PUPIL_LIST_RELATED = ("school", "location")


def pupil_get(*, pupil_id: int, context: AuditContext, action: Action = Action.VIEW_PUPIL) -> Pupil:
    """One pupil's record, for ``context.user``.

    Raises ``PermissionDenied`` when the user's roles never allow ``action``, and ``Http404``
    when the pupil does not exist or lies outside the user's scope (so that existence is not
    revealed). Every outcome is audited.
    """
    user = context.user
    audit_action = AuditAction.EXPORT if action == Action.EXPORT_PUPILS else AuditAction.READ
    if not permissions.has_action(user, action):
        audit_event_record(
            context=context,
            action=audit_action,
            outcome=AuditOutcome.DENIED,
            object_type="pupil",
            object_id=pupil_id,
            pupil_id=pupil_id,
            access_basis=permissions.Basis.NONE,
        )
        raise PermissionDenied
    pupil = Pupil.objects.select_related(*PUPIL_RELATED).filter(pk=pupil_id).first()
    if pupil is None:
        audit_event_record(
            context=context, action=audit_action, outcome=AuditOutcome.ERROR, object_type="pupil", object_id=pupil_id
        )
        raise Http404
    decision = permissions.decide_pupil(user, action, pupil)
    audit_event_record(
        context=context,
        action=audit_action,
        outcome=AuditOutcome.SUCCESS if decision.allowed else AuditOutcome.DENIED,
        object_type="pupil",
        object_id=pupil.pk,
        pupil_id=pupil.pk,
        swv_id=pupil.swv_id,
        role=decision.role,
        access_basis=decision.basis,
        reason=_emergency_reason(user, pupil) if decision.basis == permissions.Basis.EMERGENCY else "",
    )
    if not decision.allowed:
        raise Http404
    return pupil


def _emergency_reason(user, pupil: Pupil) -> str:
    grant = (
        permissions.active_grants(user)
        .filter(pupil=pupil, basis="emergency")
        .order_by("-granted_at")
        .values_list("reason", flat=True)
        .first()
    )
    return grant or ""


def pupil_queryset(*, user, action: Action = Action.SEARCH_PUPILS, search: str = "", school_id=None) -> QuerySet:
    """The pupils the user may list, optionally narrowed by a name/number search or a school.
    Not audited by itself: call :func:`pupil_search_audit` with the rows actually shown."""
    queryset = permissions.visible_pupils(user, action).select_related(*PUPIL_LIST_RELATED)
    if search:
        for term in search.split()[:4]:
            queryset = queryset.filter(
                Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(pupil_number__iexact=term)
            )
    if school_id:
        queryset = queryset.filter(school_id=school_id)
    return queryset


def pupil_search_audit(
    *,
    context: AuditContext,
    criteria: dict,
    pupils: Iterable[Pupil] = (),
    pupil_ids: Iterable[int] = (),
    export: bool = False,
    allowed: bool = True,
) -> None:
    """One audit row for a search, list or export, naming every pupil it showed (as records or,
    for lists read as values, by id)."""
    audit_event_record(
        context=context,
        action=AuditAction.EXPORT if export else AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS if allowed else AuditOutcome.DENIED,
        object_type="pupil",
        access_basis=permissions.Basis.SCOPE if allowed else permissions.Basis.NONE,
        detail={
            "criteria": {k: str(v) for k, v in criteria.items()},
            "pupil_ids": [*(p.pk for p in pupils), *pupil_ids],
        },
    )
