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
import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
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


def _scope_q(user) -> Q:
    """The applications the user sees on the worklist (the permissions module decides)."""
    scope = permissions.application_scope_q(user, Action.VIEW_APPLICATIONS)
    if any(a.role == Role.EXPERT for a in permissions.roles_for(user, Action.VIEW_APPLICATIONS)):
        # An expert's scope joins the assignments: select the ids first so no row is doubled.
        scope = Q(pk__in=Application.objects.filter(scope).values("pk"))
    return scope


def worklist_queryset(*, user) -> QuerySet[Application]:
    """The user's worklist as one query annotated with ``sort_on`` (the next statutory date, or
    UNDATED), most urgent first. Not audited by itself: use :func:`worklist_for` to show it."""
    return _sorted(Application.objects.filter(on_worklist_q(), _scope_q(user)).only(*_WORKLIST_FIELDS))


def worklist_queryset_all() -> QuerySet[Application]:
    """Every SWV's worklist at once, for the reminder task (no user, not audited)."""
    return _sorted(Application.objects.filter(on_worklist_q()))


def _sorted(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related("pupil", "school").annotate(sort_on=worklist_sort_on()).order_by("sort_on", "id")


# --- A page of the worklist: one query, rows from tuples ------------------------------------
#
# A page is what a worklist request is about, so its Python cost is kept to a minimum (the
# issue's target: at most 3x the SQL the request needs; bench/cases_referrals.py). The same
# query as worklist_queryset(), but its constant part -- the columns, the joins, the next-date
# expression and the on-the-worklist condition -- is compiled by Django once per database
# from the same expressions as the worklist index (so PostgreSQL still reads a page straight
# from application_worklist_idx); the user's scope (permissions.application_scope_q, asked on
# every request) is compiled once per distinct scope; the rows are tuples instead of ~150
# model instances. test_worklist.py checks that a page lists what worklist_queryset() lists.


class WorklistRow(NamedTuple):
    """The dossier of a worklist row: what the row shows and what next_kind() reads."""

    pk: int
    swv_id: int
    pupil_id: int
    school_id: int
    type: str
    status: str
    decision_extended_to: datetime.date | None
    pupil_first_name: str
    pupil_last_name: str
    school_name: str


_ROW_COLUMNS = (
    "id",
    "swv_id",
    "pupil_id",
    "school_id",
    "type",
    "status",
    "decision_extended_to",
    "pupil__first_name",
    "pupil__last_name",
    "school__name",
)


@dataclass(frozen=True)
class _PageSql:
    select: str  # SELECT <row columns>, <sort_on> FROM <application, pupil, school> WHERE (<on worklist>)
    params: tuple
    sort_on: str  # the next-date expression, for the keyset and overdue conditions
    sort_params: tuple
    id_column: str


_PAGE_SQL: dict[str, _PageSql] = {}


def _page_sql(connection) -> _PageSql:
    compiled = _PAGE_SQL.get(connection.alias)
    if compiled is None:
        query = (
            Application.objects.annotate(sort_on=worklist_sort_on())
            .order_by()
            .values_list(*_ROW_COLUMNS, "sort_on")
            .query
        )
        compiler = query.get_compiler(connection=connection)
        select, params = compiler.as_sql()
        sort_on, sort_params = compiler.compile(query.annotations["sort_on"])
        on_list, on_list_params = _where_sql(on_worklist_q(), connection)
        table = connection.ops.quote_name(Application._meta.db_table)
        compiled = _PageSql(
            select=f"{select} WHERE ({on_list})",
            params=(*params, *on_list_params),
            sort_on=sort_on,
            sort_params=tuple(sort_params),
            id_column=f"{table}.{connection.ops.quote_name('id')}",
        )
        _PAGE_SQL[connection.alias] = compiled
    return compiled


def _where_sql(condition: Q, connection) -> tuple[str, list]:
    """A condition on applications as SQL on the application table (a condition that needs a
    join becomes an ``id IN (subquery)``); EmptyResultSet when it matches nothing."""
    query = Application.objects.filter(condition).query
    if any(count for alias, count in query.alias_refcount.items() if alias != query.base_table):
        query = Application.objects.filter(pk__in=Application.objects.filter(condition).values("pk")).query
    return query.get_compiler(connection=connection).compile(query.where)


@functools.lru_cache(maxsize=4096)
def _scope_sql(alias: str, scope: Q) -> tuple[str, tuple] | None:
    """The user's scope (a Q from the permissions module) as SQL, compiled once per distinct
    scope: the same Q always compiles to the same SQL. A scope that joins (an expert's
    assignments) becomes ``id IN (subquery)``, so no row is doubled. None: it matches nothing."""
    try:
        sql, params = _where_sql(scope, connections[alias])
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", ()
    return sql, tuple(params)


def _as_date(value) -> datetime.date | None:
    """A date column as the database driver returns it (SQLite: ISO text)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _page_rows(
    user, *, today: datetime.date, after: tuple[datetime.date, int] | None, limit: int, overdue_only: bool
) -> list[tuple[WorklistRow, datetime.date]]:
    """One page of the user's worklist as (row, sort_on) pairs, in worklist order."""
    connection = connections[Application.objects.db]
    page = _page_sql(connection)
    scope_q = permissions.application_scope_q(user, Action.VIEW_APPLICATIONS)
    try:
        scope_sql = _scope_sql(connection.alias, scope_q)
    except TypeError:  # a scope with an unhashable value: compiled each time
        scope_sql = _scope_sql.__wrapped__(connection.alias, scope_q)
    if scope_sql is None:
        return []
    scope, scope_params = scope_sql
    adapt = connection.ops.adapt_datefield_value
    sql = [page.select, f" AND ({scope})"]
    params = [*page.params, *scope_params]
    if overdue_only:
        sql.append(f" AND {page.sort_on} < %s")
        params += [*page.sort_params, adapt(today)]
    if after:
        sql.append(f" AND ({page.sort_on} > %s OR ({page.sort_on} = %s AND {page.id_column} > %s))")
        params += [*page.sort_params, adapt(after[0]), *page.sort_params, adapt(after[0]), after[1]]
    sql.append(f" ORDER BY {len(_ROW_COLUMNS) + 1} ASC, 1 ASC LIMIT %s")
    params.append(limit)
    with connection.cursor() as cursor:
        # Only Django-compiled SQL and fixed text are joined; every value is a parameter.
        cursor.execute("".join(sql), params)
        rows = cursor.fetchall()
    return [(WorklistRow(*row[:6], _as_date(row[6]), *row[7:10]), _as_date(row[10])) for row in rows]


@dataclass(frozen=True)
class WorklistItem:
    application: Application | WorklistRow  # a row of a worklist page; the model elsewhere
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


def item_for(application: Application | WorklistRow, today: datetime.date, sort_on=None) -> WorklistItem:
    """A row of a worklist query: its next date (none when sorted last, UNDATED) and its kind.
    ``sort_on`` defaults to the application's annotation (worklist_queryset)."""
    sort_on = application.sort_on if sort_on is None else sort_on
    due = sort_on if sort_on != UNDATED else None
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
    rows = _page_rows(
        user, today=today, after=parse_cursor(after), limit=max(1, min(limit, 500)), overdue_only=overdue_only
    )
    items = [item_for(row, today, sort_on) for row, sort_on in rows]
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
