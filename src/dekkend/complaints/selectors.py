"""Reads of the complaint register. A complaint may name an application and so a pupil, and its
summary is about people: every read of one complaint is permission-checked by
:mod:`dekkend.core.permissions` and written to the audit log, allowed or denied; a list is
audited with the ids of the complaints (and pupils) it showed."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action, Basis

from .models import Complaint

MAX_ID = 2**63 - 1  # ids are 64-bit; a larger one in a path is simply not found
RELATED = ("swv", "application", "school", "handler")
KIND = "complaint"


def _audit(context: AuditContext, action, outcome, object_id, **fields) -> None:
    audit_event_record(
        context=context, action=action, outcome=outcome, object_type=KIND, object_id=object_id, **fields
    )


def complaint_get(
    *, complaint_id: int, context: AuditContext, action: Action = Action.VIEW_COMPLAINTS, audit_success: bool = True
) -> Complaint:
    """One complaint for ``context.user``: ``PermissionDenied`` when no role allows ``action``,
    ``Http404`` when it does not exist or belongs to another SWV. Denials are always audited; a
    successful read too unless ``audit_success`` is off (a service writes its own event)."""
    user = context.user
    audit_action = AuditAction.READ if action == Action.VIEW_COMPLAINTS else AuditAction.UPDATE
    if not permissions.has_action(user, action):
        _audit(context, audit_action, AuditOutcome.DENIED, complaint_id, access_basis=Basis.NONE)
        raise PermissionDenied
    complaint = (
        Complaint.objects.select_related(*RELATED).filter(pk=complaint_id).first()
        if 0 < complaint_id <= MAX_ID
        else None
    )
    if complaint is None:
        _audit(context, audit_action, AuditOutcome.ERROR, complaint_id)
        raise Http404
    decision = permissions.decide_complaint(user, action, complaint)
    if not decision.allowed or audit_success:
        _audit(
            context,
            audit_action,
            AuditOutcome.SUCCESS if decision.allowed else AuditOutcome.DENIED,
            complaint.pk,
            pupil_id=complaint.pupil_id,
            swv_id=complaint.swv_id,
            role=decision.role,
            access_basis=decision.basis,
        )
    if not decision.allowed:
        raise Http404
    return complaint


def complaint_queryset(
    *,
    user,
    status: str = "",
    procedure: str = "",
    complainant: str = "",
    year: int | None = None,
    school_id: int | None = None,
) -> QuerySet[Complaint]:
    """The complaints the user may see, narrowed by the filters (``status`` "open": not yet
    closed). Not audited by itself: the caller audits the rows it shows (:func:`list_audit`)."""
    queryset = Complaint.objects.filter(permissions.complaint_scope_q(user, Action.VIEW_COMPLAINTS))
    if status == "open":
        queryset = queryset.exclude(status=Complaint.Status.CLOSED)
    elif status:
        queryset = queryset.filter(status=status)
    if procedure:
        queryset = queryset.filter(procedure=procedure)
    if complainant:
        queryset = queryset.filter(complainant=complainant)
    if year:
        queryset = queryset.filter(
            received_on__gte=datetime.date(year, 1, 1), received_on__lte=datetime.date(year, 12, 31)
        )
    if school_id:
        queryset = queryset.filter(school_id=school_id)
    return queryset.select_related(*RELATED)


def list_audit(*, context: AuditContext, rows: list, criteria: dict | None = None, allowed: bool = True) -> None:
    """One audit row for a list, naming every complaint and linked pupil it showed."""
    audit_event_record(
        context=context,
        action=AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS if allowed else AuditOutcome.DENIED,
        object_type=KIND,
        access_basis=Basis.SCOPE if allowed else Basis.NONE,
        detail={
            "criteria": {k: str(v) for k, v in (criteria or {}).items() if v not in (None, "")},
            "ids": [row.pk for row in rows],
            "pupil_ids": [row.pupil_id for row in rows if row.application_id],
        },
    )


def complaint_counts(*, user, year: int) -> dict:
    """Counts of the user's complaints received in ``year``: total, open, and per procedure and
    outcome (the annual report's "klachten en bezwaren", seeds/001_28cb0100de53310c.txt:1946).
    Counts only: no audit row needed."""
    queryset = Complaint.objects.filter(
        permissions.complaint_scope_q(user, Action.VIEW_COMPLAINTS),
        received_on__gte=datetime.date(year, 1, 1),
        received_on__lte=datetime.date(year, 12, 31),
    )
    totals = queryset.aggregate(total=Count("id"), open=Count("id", filter=~Q(status=Complaint.Status.CLOSED)))
    by_procedure = dict(queryset.values_list("procedure").annotate(n=Count("id")).order_by())
    by_outcome = dict(queryset.exclude(outcome="").values_list("outcome").annotate(n=Count("id")).order_by())
    return {
        "total": totals["total"],
        "open": totals["open"],
        "procedures": [(label, by_procedure.get(value, 0)) for value, label in Complaint.Procedure.choices],
        "outcomes": [(label, by_outcome.get(value, 0)) for value, label in Complaint.Outcome.choices],
    }
