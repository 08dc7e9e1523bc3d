"""The worklist: every open dossier in the user's scope with its NEXT statutory date, what that
date is, the days left and whether it has passed, most urgent first.

The next date is computed in SQL (one ``CASE`` over the status), so that a page of the worklist
is one query however many applications there are, and so that it can be paged by keyset on
``(sort_on, id)``. Dossiers without a date (a draft, a submission waiting for the completeness
check) come after every dated one. Overdue dossiers stay on the list until someone acts: nothing
passes a deadline silently.

Which date is next, per status (see docs/toeleiding.md, "Worklist"):

========================  =========================================================
status                    next date
========================  =========================================================
draft                     none (the school has not submitted yet)
submitted                 none (the secretariat checks completeness)
incomplete                ``documents_due`` (4 weeks, rules.documents_due)
complete, in_assessment   the decision date: ``decision_extended_to`` or ``decision_due``
refusal_intended          the same date: hearing and final decision
granted                   ``follow_up_on`` while not done: arrangement renewal review
                          (3 months before the end), TLV expiry, budget evaluation
========================  =========================================================
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action

from .models import (  # noqa: F401 -- OPEN_STATUSES is part of this module's interface
    OPEN_STATUSES,
    TLV_TYPES,
    UNDATED,
    Application,
    ApplicationType,
    DeadlineKind,
    on_worklist_q,
    worklist_sort_on,
)

Status = Application.Status

PAGE_SIZE = 50


def next_kind(application: Application) -> str:
    """What the next date of a dossier is (the table above), from the fields the worklist loads."""
    status = application.status
    if status in _KIND_BY_STATUS:
        return _KIND_BY_STATUS[status]
    if status in (Status.COMPLETE, Status.IN_ASSESSMENT):
        return DeadlineKind.DECISION_DUE_EXTENDED if application.decision_extended_to else DeadlineKind.DECISION_DUE
    if application.type == ApplicationType.ONDERWIJSARRANGEMENT:
        return DeadlineKind.RENEWAL_REVIEW
    return DeadlineKind.TLV_EXPIRES if application.type in TLV_TYPES else DeadlineKind.BUDGET_EVALUATION


_KIND_BY_STATUS = {
    Status.DRAFT: DeadlineKind.DRAFT,
    Status.SUBMITTED: DeadlineKind.COMPLETENESS_CHECK,
    Status.INCOMPLETE: DeadlineKind.DOCUMENTS_DUE,
    Status.REFUSAL_INTENDED: DeadlineKind.HEARING,
}

# What a worklist row shows and what next_kind() reads: loading no more keeps a page cheap.
_WORKLIST_FIELDS = (
    "swv_id",
    "type",
    "status",
    "decision_extended_to",
    "pupil__first_name",
    "pupil__last_name",
    "school__name",
)


def worklist_queryset(*, user) -> QuerySet[Application]:
    """The user's worklist as one query annotated with ``sort_on`` (the next statutory date, or
    UNDATED), most urgent first. Not audited by itself: use :func:`worklist_for` to show it."""
    scope = permissions.application_scope_q(user, Action.VIEW_APPLICATIONS)
    if any(a.role == Role.EXPERT for a in permissions.roles_for(user, Action.VIEW_APPLICATIONS)):
        # An expert's scope joins the assignments: select the ids first so no row is doubled.
        scope = Q(pk__in=Application.objects.filter(scope).values("pk"))
    return _sorted(Application.objects.filter(on_worklist_q(), scope).only(*_WORKLIST_FIELDS))


def worklist_queryset_all() -> QuerySet[Application]:
    """Every SWV's worklist at once, for the reminder task (no user, not audited)."""
    return _sorted(Application.objects.filter(on_worklist_q()))


def _sorted(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related("pupil", "school").annotate(sort_on=worklist_sort_on()).order_by("sort_on", "id")


@dataclass(frozen=True)
class WorklistItem:
    application: Application
    kind: str
    due_on: datetime.date | None
    days_left: int | None  # negative: days overdue
    overdue: bool

    @property
    def kind_label(self) -> str:
        return DeadlineKind(self.kind).label

    # Labels by enum lookup: Django's get_FOO_display() hashes every (lazily translated)
    # choice on each call, which on a page of 50 rows cost more than its query.
    @property
    def type_label(self) -> str:
        return ApplicationType(self.application.type).label

    @property
    def status_label(self) -> str:
        return Status(self.application.status).label

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.overdue else 0

    @property
    def due_today(self) -> bool:
        return self.days_left == 0

    @property
    def cursor(self) -> str:
        """The keyset position after this row, for the next page."""
        return f"{(self.due_on or UNDATED).isoformat()}_{self.application.pk}"


def parse_cursor(cursor: str | None) -> tuple[datetime.date, int] | None:
    """``"2025-04-28_17"`` -> (date, id); ``None`` for anything else (the first page)."""
    if not cursor:
        return None
    day, _sep, pk = cursor.partition("_")
    try:
        return datetime.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def item_for(application: Application, today: datetime.date) -> WorklistItem:
    """A row of a worklist query: its next date (none when sorted last, UNDATED) and its kind."""
    due = application.sort_on if application.sort_on != UNDATED else None
    days_left = (due - today).days if due else None
    return WorklistItem(
        application=application,
        kind=next_kind(application),
        due_on=due,
        days_left=days_left,
        overdue=days_left is not None and days_left < 0,
    )


def worklist_for(
    *,
    user,
    today: datetime.date,
    context: AuditContext | None = None,
    after: str | None = None,
    limit: int = PAGE_SIZE,
    overdue_only: bool = False,
) -> list[WorklistItem]:
    """One page of the user's worklist, most urgent first (overdue, then due soonest, then the
    dossiers without a date). ``after`` is the ``cursor`` of the last item of the previous page.

    Audited like the application list: one row naming every dossier shown (``context`` defaults
    to the user without a client address, e.g. in a background task); a user without the right
    to see applications gets an empty list and a denied audit row."""
    context = context or AuditContext(user=user)
    if not permissions.has_action(user, Action.VIEW_APPLICATIONS):
        audit_event_record(
            context=context,
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.DENIED,
            object_type="application",
            access_basis=permissions.Basis.NONE,
            detail={"list": "worklist"},
        )
        return []
    queryset = worklist_queryset(user=user)
    if overdue_only:
        queryset = queryset.filter(sort_on__lt=today)
    position = parse_cursor(after)
    if position:
        queryset = queryset.filter(Q(sort_on__gt=position[0]) | Q(sort_on=position[0], id__gt=position[1]))
    items = [item_for(application, today) for application in queryset[: max(1, min(limit, 500))]]
    audit_event_record(
        context=context,
        action=AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS,
        object_type="application",
        access_basis=permissions.Basis.SCOPE,
        detail={
            "list": "worklist",
            "application_ids": [item.application.pk for item in items],
            "pupil_ids": [item.application.pupil_id for item in items],
        },
    )
    return items


def worklist_counts(*, user, today: datetime.date) -> dict[str, int]:
    """How many dossiers on the worklist are overdue, due within 5 days, and in all (no pupil
    data: not audited)."""
    queryset = worklist_queryset(user=user)
    soon = today + datetime.timedelta(days=5)
    return {
        "overdue": queryset.filter(sort_on__lt=today).count(),
        "due_soon": queryset.filter(sort_on__gte=today, sort_on__lte=soon).count(),
        "total": queryset.count(),
    }
