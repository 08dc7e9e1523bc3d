"""Reads of the audit log, for the privacy officer. Reading the log is itself logged."""

from datetime import date

from django.db.models import Q, QuerySet

from dekkend.core import permissions

from .models import AuditEvent


def audit_event_search(
    *,
    user,
    username: str = "",
    pupil_id: int | None = None,
    action: str = "",
    outcome: str = "",
    emergency_only: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """Events of the privacy officer's own SWV(s), newest first, narrowed by the filters.
    Events without an SWV (sign-ins of users without a role, denied anonymous attempts) are
    included so that nothing escapes the officer's view."""
    swv_ids = permissions.audit_swv_ids(user)
    queryset = AuditEvent.objects.filter(Q(swv_id__in=swv_ids) | Q(swv_id__isnull=True)).order_by("-id")
    if username:
        queryset = queryset.filter(username__iexact=username)
    if pupil_id:
        queryset = queryset.filter(pupil_id=pupil_id)
    if action:
        queryset = queryset.filter(action=action)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if emergency_only:
        queryset = queryset.filter(is_emergency=True)
    if date_from:
        queryset = queryset.filter(occurred_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(occurred_at__date__lte=date_to)
    return queryset


AUDIT_EXPORT_COLUMNS = (
    "event_id",
    "occurred_at",
    "action",
    "outcome",
    "username",
    "role",
    "organisation",
    "on_behalf_of",
    "pupil_id",
    "object_type",
    "object_id",
    "client_address",
    "purpose",
    "access_basis",
    "is_emergency",
    "reason",
    "hash",
)
