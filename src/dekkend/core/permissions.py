"""The one place that decides who may do what, on which objects.

Views, API endpoints, selectors and services all ask this module; none of them decides on
its own. A decision has three parts:

* the *action* (a named permission with a Dutch description, below);
* the *role* the user holds and the organisation it is held in (``RoleAssignment``);
* the *scope* of the object: a pupil is in scope of a school user when the pupil is at that
  school, of a board when at one of its schools, of SWV staff when in that SWV.

Outside the scope, a pupil's record opens only through a ``PupilAccessGrant``: an assignment
made by the system (an expert on a dossier) or an emergency access with a typed reason.
Partners, policy staff, the privacy officer and administrators never see pupil records.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.pupils.models import Pupil, PupilAccessGrant


class Action(StrEnum):
    VIEW_ORGANISATIONS = "organisations.view"
    VIEW_PUPIL = "pupils.view"
    SEARCH_PUPILS = "pupils.search"
    EXPORT_PUPILS = "pupils.export"
    EMERGENCY_ACCESS = "pupils.emergency_access"
    VIEW_AGGREGATES = "aggregates.view"
    VIEW_AUDIT = "audit.view"
    EXPORT_AUDIT = "audit.export"
    VERIFY_AUDIT = "audit.verify"
    VIEW_APPLICATIONS = "applications.view"
    CREATE_APPLICATION = "applications.create"
    CHECK_COMPLETENESS = "applications.check_completeness"
    ASSIGN_EXPERTS = "applications.assign_experts"
    ADVISE = "applications.advise"
    EXTEND_DECISION = "applications.extend_decision"
    DECIDE = "applications.decide"
    # [admissions] actions
    # [network] actions
    # [basicsupport] actions
    # [monitoring] actions
    # [plans] actions
    # [finance] actions
    # [steunpunt] actions


ACTION_DESCRIPTIONS = {
    Action.VIEW_ORGANISATIONS: _("View organisations, schools, areas and provisions"),
    Action.VIEW_PUPIL: _("View a pupil's record"),
    Action.SEARCH_PUPILS: _("Search and list pupils"),
    Action.EXPORT_PUPILS: _("Export pupil data"),
    Action.EMERGENCY_ACCESS: _("Open a pupil's record outside the normal scope, with a reason"),
    Action.VIEW_AGGREGATES: _("View aggregate figures"),
    Action.VIEW_AUDIT: _("View the audit log"),
    Action.EXPORT_AUDIT: _("Export the audit log"),
    Action.VERIFY_AUDIT: _("Verify the audit log's hash chain"),
    Action.VIEW_APPLICATIONS: _("View applications for extra support (TLV dossiers)"),
    Action.CREATE_APPLICATION: _("Create and submit an application, add its documents"),
    Action.CHECK_COMPLETENESS: _("Check whether an application is complete"),
    Action.ASSIGN_EXPERTS: _("Assign independent experts to an application"),
    Action.ADVISE: _("Advise on an application assigned to you"),
    Action.EXTEND_DECISION: _("Extend the decision period of an application"),
    Action.DECIDE: _("Decide on an application"),
    # [admissions] descriptions
    # [network] descriptions
    # [basicsupport] descriptions
    # [monitoring] descriptions
    # [plans] descriptions
    # [finance] descriptions
    # [steunpunt] descriptions
}

_PUPIL_WORK = {Action.VIEW_PUPIL, Action.SEARCH_PUPILS, Action.EXPORT_PUPILS}

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: frozenset({Action.VIEW_ORGANISATIONS, *_PUPIL_WORK, Action.EMERGENCY_ACCESS}),
    Role.BOARD: frozenset({Action.VIEW_ORGANISATIONS, *_PUPIL_WORK, Action.VIEW_AGGREGATES}),
    Role.SECRETARIAT: frozenset({Action.VIEW_ORGANISATIONS, *_PUPIL_WORK, Action.VIEW_AGGREGATES}),
    Role.CONSULTANT: frozenset({Action.VIEW_ORGANISATIONS, *_PUPIL_WORK, Action.EMERGENCY_ACCESS}),
    Role.EXPERT: frozenset({Action.VIEW_ORGANISATIONS, Action.VIEW_PUPIL, Action.EMERGENCY_ACCESS}),
    Role.MANAGER: frozenset({Action.VIEW_ORGANISATIONS, *_PUPIL_WORK, Action.VIEW_AGGREGATES}),
    Role.DIRECTOR: frozenset({Action.VIEW_ORGANISATIONS, *_PUPIL_WORK, Action.VIEW_AGGREGATES}),
    Role.POLICY: frozenset({Action.VIEW_ORGANISATIONS, Action.VIEW_AGGREGATES}),
    Role.PARTNER: frozenset({Action.VIEW_ORGANISATIONS, Action.VIEW_AGGREGATES}),
    Role.PRIVACY_OFFICER: frozenset(
        {Action.VIEW_ORGANISATIONS, Action.VIEW_AUDIT, Action.EXPORT_AUDIT, Action.VERIFY_AUDIT}
    ),
    Role.ADMIN: frozenset({Action.VIEW_ORGANISATIONS, Action.VERIFY_AUDIT}),
}

# Toeleiding (Bijlage XII): the school applies, the secretariat checks and assigns, the experts
# advise, the director or the delegated manager toeleiding decides.
_APPLICATION_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: frozenset({Action.VIEW_APPLICATIONS, Action.CREATE_APPLICATION}),
    Role.SECRETARIAT: frozenset(
        {Action.VIEW_APPLICATIONS, Action.CHECK_COMPLETENESS, Action.ASSIGN_EXPERTS, Action.EXTEND_DECISION}
    ),
    Role.EXPERT: frozenset({Action.VIEW_APPLICATIONS, Action.ADVISE}),
    Role.MANAGER: frozenset(
        {
            Action.VIEW_APPLICATIONS,
            Action.CHECK_COMPLETENESS,
            Action.ASSIGN_EXPERTS,
            Action.EXTEND_DECISION,
            Action.DECIDE,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            Action.VIEW_APPLICATIONS,
            Action.CHECK_COMPLETENESS,
            Action.ASSIGN_EXPERTS,
            Action.EXTEND_DECISION,
            Action.DECIDE,
        }
    ),
}


def _grant(role_actions: dict[str, frozenset[Action]]) -> None:
    """Add a domain's actions to the roles (each domain keeps its own table, below)."""
    for role, actions in role_actions.items():
        ROLE_ACTIONS[role] = ROLE_ACTIONS[role] | actions


_grant(_APPLICATION_ACTIONS)
# [admissions] role actions
# [network] role actions
# [basicsupport] role actions
# [monitoring] role actions
# [plans] role actions
# [finance] role actions
# [steunpunt] role actions


class Basis(StrEnum):
    """Why access was allowed; recorded in the audit log."""

    SCOPE = "scope"
    ASSIGNMENT = "assignment"
    EMERGENCY = "emergency"
    NONE = "none"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: Basis
    role: RoleAssignment | None = None


DENIED = Decision(False, Basis.NONE)


def active_roles(user) -> list[RoleAssignment]:
    """The user's active role assignments, read once per request (so a revoked role or a
    disabled account takes effect on the next request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_dekkend_active_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.active().filter(user=user).select_related("swv", "school", "board"))
        user._dekkend_active_roles = cached
    return cached


def roles_for(user, action: Action) -> list[RoleAssignment]:
    scopes = getattr(user, "token_scopes", None)  # set when the request came with an integration token
    if scopes is not None and action not in scopes:
        return []
    return [assignment for assignment in active_roles(user) if action in ROLE_ACTIONS.get(assignment.role, ())]


def has_action(user, action: Action) -> bool:
    """May the user do ``action`` at all (in some scope)?"""
    return bool(roles_for(user, action))


def primary_role(user) -> RoleAssignment | None:
    roles = active_roles(user)
    return roles[0] if roles else None


def swv_ids_for(user, action: Action) -> set[int]:
    return {assignment.swv_id for assignment in roles_for(user, action) if assignment.swv_id}


# --- Pupils ---------------------------------------------------------------------------------


def _pupil_scope_q(assignment: RoleAssignment) -> Q | None:
    """The pupils a role sees by its normal scope; None for roles that see no pupils by scope."""
    if assignment.role in (Role.SCHOOL, Role.CONSULTANT):
        return Q(school_id=assignment.school_id)
    if assignment.role == Role.BOARD:
        return Q(swv_id=assignment.swv_id, school__board_id=assignment.board_id)
    if assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
        return Q(swv_id=assignment.swv_id)
    return None


def _in_pupil_scope(assignment: RoleAssignment, pupil: Pupil) -> bool:
    if assignment.role in (Role.SCHOOL, Role.CONSULTANT):
        return pupil.school_id == assignment.school_id
    if assignment.role == Role.BOARD:
        return pupil.swv_id == assignment.swv_id and pupil.school.board_id == assignment.board_id
    if assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
        return pupil.swv_id == assignment.swv_id
    return False


def active_grants(user) -> QuerySet[PupilAccessGrant]:
    return PupilAccessGrant.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())


def visible_pupils(user, action: Action = Action.SEARCH_PUPILS) -> QuerySet[Pupil]:
    """Every pupil the user may ``action``: by the scope of their roles and, for viewing and
    searching, the pupils opened to them by an active grant."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        scope = _pupil_scope_q(assignment)
        if scope is not None:
            condition |= scope
    if action in (Action.VIEW_PUPIL, Action.SEARCH_PUPILS) and has_action(user, Action.VIEW_PUPIL):
        # A user holds few grants: reading them first keeps the pupil query a plain indexed
        # filter (an OR with a subquery makes PostgreSQL scan every pupil of the table).
        granted = list(active_grants(user).values_list("pupil_id", flat=True))
        if granted:
            condition |= Q(pk__in=granted)
    return Pupil.objects.filter(condition)


def decide_pupil(user, action: Action, pupil: Pupil) -> Decision:
    """May the user do ``action`` on this pupil's record, and on what basis?"""
    for assignment in roles_for(user, action):
        if _in_pupil_scope(assignment, pupil):
            return Decision(True, Basis.SCOPE, assignment)
    if action == Action.VIEW_PUPIL and has_action(user, Action.VIEW_PUPIL):
        grant = active_grants(user).filter(pupil=pupil).order_by("basis").first()
        if grant is not None:
            basis = Basis.EMERGENCY if grant.basis == PupilAccessGrant.Basis.EMERGENCY else Basis.ASSIGNMENT
            return Decision(True, basis, primary_role(user))
    return Decision(False, Basis.NONE, primary_role(user))


def may_take_emergency_access(user, pupil: Pupil) -> bool:
    """Emergency access stays inside the user's own SWV and is for roles that work on cases."""
    return pupil.swv_id in swv_ids_for(user, Action.EMERGENCY_ACCESS)


# --- Audit log ------------------------------------------------------------------------------


def audit_swv_ids(user) -> set[int]:
    """The SWVs whose audit log the user may read (a privacy officer: their own SWV)."""
    return swv_ids_for(user, Action.VIEW_AUDIT)


# --- Applications (toeleiding) --------------------------------------------------------------


def _application_scope_q(assignment: RoleAssignment, user) -> Q | None:
    """The applications a role sees: a school its own; SWV staff their SWV; an expert only the
    dossiers assigned to them in that SWV."""
    if assignment.role == Role.SCHOOL:
        return Q(school_id=assignment.school_id)
    if assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
        return Q(swv_id=assignment.swv_id)
    if assignment.role == Role.EXPERT:
        return Q(swv_id=assignment.swv_id, assignments__expert__user=user)
    return None


def application_scope_q(user, action: Action) -> Q:
    """A filter for the applications on which the user may do ``action``."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        scope = _application_scope_q(assignment, user)
        if scope is not None:
            condition |= scope
    return condition


def decide_application(user, action: Action, application) -> Decision:
    """May the user do ``action`` on this application, and on what basis?"""
    for assignment in roles_for(user, action):
        if assignment.role == Role.SCHOOL and application.school_id == assignment.school_id:
            return Decision(True, Basis.SCOPE, assignment)
        if assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR) and (
            application.swv_id == assignment.swv_id
        ):
            return Decision(True, Basis.SCOPE, assignment)
        if (
            assignment.role == Role.EXPERT
            and application.swv_id == assignment.swv_id
            and application.assignments.filter(expert__user=user).exists()
        ):
            return Decision(True, Basis.ASSIGNMENT, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


# --- [admissions] scope -------------------------------------------------------------------


# --- [network] scope -------------------------------------------------------------------


# --- [basicsupport] scope -------------------------------------------------------------------


# --- [monitoring] scope -------------------------------------------------------------------


# --- [plans] scope -------------------------------------------------------------------


# --- [finance] scope -------------------------------------------------------------------


# --- [steunpunt] scope -------------------------------------------------------------------
