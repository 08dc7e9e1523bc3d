"""Reads of applications. Every read of one dossier is permission-checked by
:mod:`dekkend.core.permissions` and written to the audit log, allowed or denied, like a
pupil read."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action

from .models import Advice, Application

APPLICATION_RELATED = ("swv", "pupil", "school")
MAX_ID = 2**63 - 1  # ids are 64-bit; a larger one in a path is simply not found


def application_get(
    *, application_id: int, context: AuditContext, action: Action = Action.VIEW_APPLICATIONS, audit_success=True
) -> Application:
    """One application for ``context.user``, checked for ``action``.

    ``PermissionDenied`` when the user's roles never allow ``action``; ``Http404`` when the
    application does not exist or lies outside the user's scope. Denials are always audited; a
    successful read too unless ``audit_success`` is off (a service writes its own event).
    """
    user = context.user
    audit_action = AuditAction.READ if action == Action.VIEW_APPLICATIONS else AuditAction.UPDATE
    if not permissions.has_action(user, action):
        _audit(context, audit_action, AuditOutcome.DENIED, application_id, access_basis=permissions.Basis.NONE)
        raise PermissionDenied
    application = None
    if 0 < application_id <= MAX_ID:
        application = Application.objects.select_related(*APPLICATION_RELATED).filter(pk=application_id).first()
    if application is None:
        _audit(context, audit_action, AuditOutcome.ERROR, application_id)
        raise Http404
    decision = permissions.decide_application(user, action, application)
    if not decision.allowed or audit_success:
        _audit(
            context,
            audit_action,
            AuditOutcome.SUCCESS if decision.allowed else AuditOutcome.DENIED,
            application.pk,
            pupil_id=application.pupil_id,
            swv_id=application.swv_id,
            role=decision.role,
            access_basis=decision.basis,
        )
    if not decision.allowed:
        raise Http404
    return application


def _audit(context, action, outcome, object_id, **fields) -> None:
    audit_event_record(
        context=context, action=action, outcome=outcome, object_type="application", object_id=object_id, **fields
    )


def application_queryset(*, user, action: Action = Action.VIEW_APPLICATIONS) -> QuerySet[Application]:
    """The applications the user may see (not audited by itself)."""
    return (
        Application.objects.filter(permissions.application_scope_q(user, action))
        .distinct()
        .select_related(*APPLICATION_RELATED)
    )


def application_advices(*, application: Application) -> list[Advice]:
    return list(
        Advice.objects.filter(assignment__application=application)
        .select_related("assignment", "assignment__expert")
        .order_by("assignment__order")
    )
