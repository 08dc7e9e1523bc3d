"""Reads behind the start pages. Only aggregates and organisation data live here; every read
of an individual pupil goes through :mod:`dekkend.pupils.selectors` (audited)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.audit.selectors import audit_event_search
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, SchoolType, Sector, Swv
from dekkend.organisations.selectors import swvs_for
from dekkend.pupils.models import PupilAccessGrant

# Partners only get aggregates; any cell under this many pupils is shown as "<5".
SMALL_NUMBER_THRESHOLD = 5
AUDIT_VERIFY_TASK = "dekkend.audit.tasks.verify_audit_chain"


def suppress_small(count: int) -> str:
    """The value of one aggregate cell as a partner may see it."""
    return f"<{SMALL_NUMBER_THRESHOLD}" if count < SMALL_NUMBER_THRESHOLD else str(count)


def sees_exact_counts(user) -> bool:
    """Users who may list pupils see exact counts; everyone else sees small numbers suppressed."""
    return permissions.has_action(user, Action.SEARCH_PUPILS)


def schools_of_roles(user, roles: set[str]) -> QuerySet[School]:
    """The schools the user works at (a school user, or a consultant with one row per school),
    with their pupil counts."""
    school_ids = {a.school_id for a in permissions.active_roles(user) if a.role in roles and a.school_id}
    return (
        School.objects.filter(pk__in=school_ids)
        .select_related("swv", "board")
        .annotate(pupil_count=Count("pupils"))
        .order_by("name")
    )


def board_schools(user) -> QuerySet[School]:
    condition = Q(pk__in=[])
    for assignment in permissions.active_roles(user):
        if assignment.role == Role.BOARD:
            condition |= Q(board_id=assignment.board_id, swv_id=assignment.swv_id)
    return (
        School.objects.filter(condition).select_related("swv").annotate(pupil_count=Count("pupils")).order_by("name")
    )


@dataclass(frozen=True)
class SwvFigures:
    swv: Swv
    schools: int
    provisions: int
    pupils_po: int
    pupils_vo: int


def swv_figures(user) -> list[SwvFigures]:
    """Schools, provisions and pupils per sector of each SWV the user works in."""
    swv_ids = permissions.swv_ids_for(user, Action.VIEW_AGGREGATES)
    swvs = (
        Swv.objects.filter(pk__in=swv_ids)
        .annotate(
            school_count=Count("schools", distinct=True),
            provision_count=Count("provisions", distinct=True),
        )
        .order_by("name")
    )
    pupils = {
        row["pk"]: row
        for row in Swv.objects.filter(pk__in=swv_ids)
        .annotate(
            po=Count("pupils", filter=Q(pupils__sector=Sector.PO)),
            vo=Count("pupils", filter=Q(pupils__sector=Sector.VO)),
        )
        .values("pk", "po", "vo")
    }
    return [
        SwvFigures(swv, swv.school_count, swv.provision_count, pupils[swv.pk]["po"], pupils[swv.pk]["vo"])
        for swv in swvs
    ]


@dataclass(frozen=True)
class AggregateRow:
    label: str
    schools: int
    pupils: str


def pupils_per_school_type(user) -> list[AggregateRow]:
    """Pupils per school type in the user's SWVs, small numbers suppressed. No total is given,
    so that a suppressed cell cannot be worked out from the others."""
    swv_ids = permissions.swv_ids_for(user, Action.VIEW_AGGREGATES)
    rows = (
        School.objects.filter(swv_id__in=swv_ids)
        .values("school_type")
        .annotate(schools=Count("id", distinct=True), pupils=Count("pupils"))
        .order_by("school_type")
    )
    labels = dict(SchoolType.choices)
    return [
        AggregateRow(str(labels.get(r["school_type"], r["school_type"])), r["schools"], suppress_small(r["pupils"]))
        for r in rows
    ]


def assigned_dossier_count(user) -> int:
    """Dossiers currently assigned to the user (e.g. an expert on a TLV dossier)."""
    return permissions.active_grants(user).filter(basis=PupilAccessGrant.Basis.ASSIGNMENT).count()


def latest_emergency_events(user, limit: int = 10) -> list[AuditEvent]:
    return list(audit_event_search(user=user, emergency_only=True)[:limit])


@dataclass(frozen=True)
class VerificationResult:
    finished_at: object
    ok: bool
    checked: int


def last_chain_verification() -> VerificationResult | None:
    """The result of the newest scheduled chain check, read from the task queue's results
    (cheap; the check itself walks the whole log)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend
        return None
    result = (
        DBTaskResult.objects.filter(task_path=AUDIT_VERIFY_TASK, status="SUCCESSFUL")
        .order_by("-finished_at")
        .values("finished_at", "return_value")
        .first()
    )
    if result is None or not isinstance(result["return_value"], dict):
        return None
    value = result["return_value"]
    return VerificationResult(result["finished_at"], bool(value.get("ok")), int(value.get("checked") or 0))


def schools_visible(user) -> QuerySet[School]:
    """Schools to choose from when searching pupils: those of the user's SWVs."""
    return School.objects.filter(swv__in=swvs_for(user)).order_by("name")
