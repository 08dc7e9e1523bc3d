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

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.core.prepared import PreparedRead
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
    RECORD_HEARING = "applications.record_hearing"
    VIEW_APPLICATION_DOCUMENTS = "applications.documents"
    VIEW_NOTICES = "applications.notices"
    # [admissions] actions
    VIEW_ADMISSIONS = "admissions.view"
    MANAGE_ADMISSION = "admissions.manage"
    MANAGE_TABLE_CASES = "admissions.placement_table"
    FORCE_TABLE_OUTCOME = "admissions.placement_table_force"
    VIEW_OBJECTIONS = "objections.view"
    HANDLE_OBJECTION = "objections.handle"
    DECIDE_OBJECTION = "objections.decide"
    # [network] actions
    VIEW_NETWORK_COVERAGE = "network.view_coverage"
    VIEW_NETWORK_FUNDING = "network.view_funding"
    RECORD_SUPPORT_PROFILE = "network.record_support_profile"
    PLAN_NETWORK = "network.plan"
    SET_NETWORK_TARIFFS = "network.set_tariffs"
    # [basicsupport] actions
    VIEW_ZELFSCAN = "zelfscan.view"
    OPEN_ZELFSCAN_ROUND = "zelfscan.open_round"
    ANSWER_ZELFSCAN = "zelfscan.answer"
    RELEASE_ZELFSCAN = "zelfscan.release"
    # [monitoring] actions
    VIEW_INDICATORS = "indicators.view"
    EXPORT_INDICATORS = "indicators.export"
    RECORD_NATIONAL_FIGURES = "indicators.record_national"
    # [plans] actions
    VIEW_PLANS = "plans.view"
    EDIT_PLANS = "plans.edit"
    # [finance] actions
    VIEW_FINANCE = "finance.view"
    EDIT_BUDGET = "finance.edit_budget"
    VIEW_VANGNET = "finance.view_vangnet"
    DECLARE_VANGNET = "finance.declare_vangnet"
    VERIFY_VANGNET = "finance.verify_vangnet"
    VIEW_ARRANGEMENT_FUNDS = "finance.view_arrangement_funds"
    MANAGE_ARRANGEMENT_FUNDS = "finance.manage_arrangement_funds"
    # [steunpunt] actions
    VIEW_THUISZITTERS = "thuiszitters.view"
    REGISTER_THUISZITTERS = "thuiszitters.register"
    VIEW_ESCALATIONS = "escalations.view"
    MANAGE_ESCALATIONS = "escalations.manage"
    VIEW_QUESTIONS = "steunpunt.view_questions"
    HANDLE_QUESTIONS = "steunpunt.handle_questions"
    MANAGE_SURVEYS = "steunpunt.manage_surveys"
    # [imports] actions
    VIEW_IMPORTS = "imports.view"
    IMPORT_COUNTS = "imports.counts"
    IMPORT_FUNDING = "imports.funding"
    IMPORT_THUISZITTERS = "imports.thuiszitters"
    # [complaints] actions
    VIEW_COMPLAINTS = "complaints.view"
    MANAGE_COMPLAINTS = "complaints.manage"


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
    Action.RECORD_HEARING: _("Plan and record the hearing with school and parents after an intended refusal"),
    Action.VIEW_APPLICATION_DOCUMENTS: _("Download the documents of an application"),
    Action.VIEW_NOTICES: _("See your own reminders (notices) about applications"),
    Action.DECIDE: _("Decide on an application"),
    # [admissions] descriptions
    Action.VIEW_ADMISSIONS: _("View registrations (aanmeldingen), placements and plaatsingstafel cases"),
    Action.MANAGE_ADMISSION: _("Register a pupil at your school, extend, decide, place and record the handover"),
    Action.MANAGE_TABLE_CASES: _("Put a case on the plaatsingstafel and record its outcome"),
    Action.FORCE_TABLE_OUTCOME: _("Decide a plaatsingstafel case without agreement (doorzettingsmacht)"),
    Action.VIEW_OBJECTIONS: _("View objections against TLV decisions"),
    Action.HANDLE_OBJECTION: _("Register an objection, its hearing, the committee's advice and a postponement"),
    Action.DECIDE_OBJECTION: _("Decide on an objection"),
    # [network] descriptions
    Action.VIEW_NETWORK_COVERAGE: _("View the coverage of the network and its gaps (aggregates), try a what-if"),
    Action.VIEW_NETWORK_FUNDING: _("View the funding of the network's groups and arrangements"),
    Action.RECORD_SUPPORT_PROFILE: _("Record a pupil's support-need profile (Almeerse Matrix)"),
    Action.PLAN_NETWORK: _("Save, reopen and delete named what-if scenarios for the coverage of the network"),
    Action.SET_NETWORK_TARIFFS: _("Set the funding tariffs per place and school year of the network"),
    # [basicsupport] descriptions
    Action.VIEW_ZELFSCAN: _("View zelfscan rounds, progress and the results in your scope"),
    Action.OPEN_ZELFSCAN_ROUND: _("Open and close a zelfscan round of the samenwerkingsverband"),
    Action.ANSWER_ZELFSCAN: _("Fill in your school's zelfscan"),
    Action.RELEASE_ZELFSCAN: _("Release your schools' zelfscan results to the samenwerkingsverband"),
    # [monitoring] descriptions
    Action.VIEW_INDICATORS: _("View indicators and dashboards (partners: small numbers suppressed)"),
    Action.EXPORT_INDICATORS: _("Export indicator values (CSV, PDF report)"),
    Action.RECORD_NATIONAL_FIGURES: _("Record the national figures of the indicators (OCW, DUO) with their source"),
    # [plans] descriptions
    Action.VIEW_PLANS: _("View the support plan, year plans, goals, activities and their evaluation"),
    Action.EDIT_PLANS: _("Update the status, hours and spending of plan activities"),
    # [finance] descriptions
    Action.VIEW_FINANCE: _("View budgets and reserves, and calculate the reserves' signalling value"),
    Action.EDIT_BUDGET: _("Change the amount of a budget line (controller); every change is kept"),
    Action.VIEW_VANGNET: _("View vangnet declarations in your scope"),
    Action.DECLARE_VANGNET: _("Prepare and submit your school's vangnet declaration"),
    Action.VERIFY_VANGNET: _("Verify a vangnet declaration: approve or reject it with reasons"),
    Action.VIEW_ARRANGEMENT_FUNDS: _("View arrangement funds per school and the yearly agreements per board"),
    Action.MANAGE_ARRANGEMENT_FUNDS: _("Record a board's agreement on arrangement funds and its accountability"),
    # [steunpunt] descriptions
    Action.VIEW_THUISZITTERS: _("View the register of (threatened) thuiszitters"),
    Action.REGISTER_THUISZITTERS: _("Register a (threatened) thuiszitter, the plan and the follow-up"),
    Action.VIEW_ESCALATIONS: _("View escalations (oplossingsroutes) and the impasse clock"),
    Action.MANAGE_ESCALATIONS: _("Open, escalate and solve escalations"),
    Action.VIEW_QUESTIONS: _("View questions to the steunpunt"),
    Action.HANDLE_QUESTIONS: _("Take in and answer questions to the steunpunt, plan call-backs"),
    Action.MANAGE_SURVEYS: _("Send satisfaction surveys and see their results in aggregate"),
    # [imports] descriptions
    Action.VIEW_IMPORTS: _("View the imports of outside data and their validation reports"),
    Action.IMPORT_COUNTS: _("Import pupil counts per school location and counting date (DUO)"),
    Action.IMPORT_FUNDING: _("Import DUO's funded pupils and reconcile them with the granted TLVs"),
    Action.IMPORT_THUISZITTERS: _("Import the municipality's thuiszitter list into the register"),
    # [complaints] descriptions
    Action.VIEW_COMPLAINTS: _("View the complaint register of your samenwerkingsverband"),
    Action.MANAGE_COMPLAINTS: _("Register complaints, follow them up and close them with an outcome"),
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
        {
            Action.VIEW_APPLICATIONS,
            Action.CHECK_COMPLETENESS,
            Action.ASSIGN_EXPERTS,
            Action.EXTEND_DECISION,
            Action.RECORD_HEARING,
        }
    ),
    Role.EXPERT: frozenset({Action.VIEW_APPLICATIONS, Action.ADVISE}),
    Role.MANAGER: frozenset(
        {
            Action.VIEW_APPLICATIONS,
            Action.CHECK_COMPLETENESS,
            Action.ASSIGN_EXPERTS,
            Action.EXTEND_DECISION,
            Action.DECIDE,
            Action.RECORD_HEARING,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            Action.VIEW_APPLICATIONS,
            Action.CHECK_COMPLETENESS,
            Action.ASSIGN_EXPERTS,
            Action.EXTEND_DECISION,
            Action.DECIDE,
            Action.RECORD_HEARING,
        }
    ),
}
# Everyone who works on a dossier may download its documents (within the dossier's scope) and
# sees their own reminders.
_DOSSIER_WORK = frozenset({Action.VIEW_APPLICATION_DOCUMENTS, Action.VIEW_NOTICES})
for _role in (Role.SCHOOL, Role.SECRETARIAT, Role.EXPERT, Role.MANAGER, Role.DIRECTOR):
    _APPLICATION_ACTIONS[_role] = _APPLICATION_ACTIONS[_role] | _DOSSIER_WORK
del _role


def _grant(role_actions: dict[str, frozenset[Action]]) -> None:
    """Add a domain's actions to the roles (each domain keeps its own table, below)."""
    for role, actions in role_actions.items():
        ROLE_ACTIONS[role] = ROLE_ACTIONS[role] | actions


_grant(_APPLICATION_ACTIONS)
# [admissions] role actions
# After the decision: the school of registration registers and decides for its own school; a
# board sees its schools' registrations; SWV staff see their SWV's and run the plaatsingstafel,
# where the manager toeleiding has doorzettingsmacht; the SWV handles objections (bezwaar)
# against its TLV decisions, and the director or the manager decides on them.
_ADMISSIONS_SWV_STAFF = frozenset(
    {
        Action.VIEW_ADMISSIONS,
        Action.MANAGE_TABLE_CASES,
        Action.VIEW_OBJECTIONS,
        Action.HANDLE_OBJECTION,
    }
)
_ADMISSIONS_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: frozenset({Action.VIEW_ADMISSIONS, Action.MANAGE_ADMISSION}),
    Role.BOARD: frozenset({Action.VIEW_ADMISSIONS}),
    Role.SECRETARIAT: _ADMISSIONS_SWV_STAFF,
    Role.MANAGER: _ADMISSIONS_SWV_STAFF | {Action.FORCE_TABLE_OUTCOME, Action.DECIDE_OBJECTION},
    Role.DIRECTOR: _ADMISSIONS_SWV_STAFF | {Action.FORCE_TABLE_OUTCOME, Action.DECIDE_OBJECTION},
}
_grant(_ADMISSIONS_ACTIONS)
# [network] role actions
# Coverage is aggregated (partners and boards see cells under 5 as "<5", see the scope below);
# funding is for the SWV's staff and the boards; profiles are recorded by those who work on a
# pupil's case, within their normal pupil scope.
_NETWORK_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: frozenset({Action.RECORD_SUPPORT_PROFILE}),
    Role.CONSULTANT: frozenset({Action.RECORD_SUPPORT_PROFILE}),
    Role.BOARD: frozenset({Action.VIEW_NETWORK_COVERAGE, Action.VIEW_NETWORK_FUNDING}),
    Role.SECRETARIAT: frozenset(
        {Action.VIEW_NETWORK_COVERAGE, Action.VIEW_NETWORK_FUNDING, Action.RECORD_SUPPORT_PROFILE}
    ),
    Role.MANAGER: frozenset(
        {
            Action.VIEW_NETWORK_COVERAGE,
            Action.VIEW_NETWORK_FUNDING,
            Action.RECORD_SUPPORT_PROFILE,
            Action.PLAN_NETWORK,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            Action.VIEW_NETWORK_COVERAGE,
            Action.VIEW_NETWORK_FUNDING,
            Action.RECORD_SUPPORT_PROFILE,
            Action.PLAN_NETWORK,
        }
    ),
    # The policy officer in the controller's seat (DESIGN.md "beleid / controller": plan, budget)
    # plans the network and sets its tariffs.
    Role.POLICY: frozenset(
        {Action.VIEW_NETWORK_COVERAGE, Action.VIEW_NETWORK_FUNDING, Action.PLAN_NETWORK, Action.SET_NETWORK_TARIFFS}
    ),
    Role.PARTNER: frozenset({Action.VIEW_NETWORK_COVERAGE}),
}
_grant(_NETWORK_ACTIONS)
# [basicsupport] role actions
# Zelfscan ANB (001_28cb0100de53310c.txt:4622-4645): the SWV opens the round, the school fills it
# in, the board makes the results available to the SWV; consultants see released results of
# their schools for the conversation.
_BASICSUPPORT_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: frozenset({Action.VIEW_ZELFSCAN, Action.ANSWER_ZELFSCAN}),
    Role.BOARD: frozenset({Action.VIEW_ZELFSCAN, Action.RELEASE_ZELFSCAN}),
    Role.CONSULTANT: frozenset({Action.VIEW_ZELFSCAN}),
    Role.SECRETARIAT: frozenset({Action.VIEW_ZELFSCAN, Action.OPEN_ZELFSCAN_ROUND}),
    Role.MANAGER: frozenset({Action.VIEW_ZELFSCAN, Action.OPEN_ZELFSCAN_ROUND}),
    Role.DIRECTOR: frozenset({Action.VIEW_ZELFSCAN, Action.OPEN_ZELFSCAN_ROUND}),
    Role.POLICY: frozenset({Action.VIEW_ZELFSCAN, Action.OPEN_ZELFSCAN_ROUND}),
}
_grant(_BASICSUPPORT_ACTIONS)
# [monitoring] role actions
# Monitoring: everyone who sees aggregates sees the indicators; partners only suppressed figures
# and boards their own schools (see indicator_access below).
_MONITORING_ACTIONS: dict[str, frozenset[Action]] = {
    role: frozenset({Action.VIEW_INDICATORS, Action.EXPORT_INDICATORS})
    for role in (Role.BOARD, Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR, Role.POLICY, Role.PARTNER)
}
# The policy officer (DESIGN.md "beleid / controller": plan, indicators) records the national
# figures that OCW and DUO publish yearly outside the system (docs/monitoring.md).
_MONITORING_ACTIONS[Role.POLICY] |= {Action.RECORD_NATIONAL_FIGURES}
_grant(_MONITORING_ACTIONS)
# [plans] role actions
# Plans are read by the SWV's staff and its boards; the manager and the policy officer keep
# the activities up to date (docs/plans.md).
_PLANS_ACTIONS: dict[str, frozenset[Action]] = {
    Role.BOARD: frozenset({Action.VIEW_PLANS}),
    Role.SECRETARIAT: frozenset({Action.VIEW_PLANS}),
    Role.CONSULTANT: frozenset({Action.VIEW_PLANS}),
    Role.DIRECTOR: frozenset({Action.VIEW_PLANS}),
    Role.MANAGER: frozenset({Action.VIEW_PLANS, Action.EDIT_PLANS}),
    Role.POLICY: frozenset({Action.VIEW_PLANS, Action.EDIT_PLANS}),
}
_grant(_PLANS_ACTIONS)
# [finance] role actions
# Budgets and reserves are for the director-bestuurder, the manager and the policy officer in
# the controller's seat (DESIGN.md: "beleid / controller"); see docs/finance.md.
# Vangnet (001_28cb0100de53310c.txt:4079-4141): the school (or its board) declares, the SWV's
# staff verify. Arrangement funds (Bijlage X, 4143-4270): boards see their own schools.
_FINANCE_SWV_STAFF = frozenset(
    {
        Action.VIEW_FINANCE,
        Action.VIEW_VANGNET,
        Action.VERIFY_VANGNET,
        Action.VIEW_ARRANGEMENT_FUNDS,
    }
)
_FINANCE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: frozenset({Action.VIEW_VANGNET, Action.DECLARE_VANGNET, Action.VIEW_ARRANGEMENT_FUNDS}),
    Role.BOARD: frozenset({Action.VIEW_VANGNET, Action.DECLARE_VANGNET, Action.VIEW_ARRANGEMENT_FUNDS}),
    Role.DIRECTOR: _FINANCE_SWV_STAFF,
    Role.MANAGER: _FINANCE_SWV_STAFF | {Action.EDIT_BUDGET, Action.MANAGE_ARRANGEMENT_FUNDS},
    Role.POLICY: _FINANCE_SWV_STAFF | {Action.EDIT_BUDGET, Action.MANAGE_ARRANGEMENT_FUNDS},
}
_grant(_FINANCE_ACTIONS)
# [steunpunt] role actions
# Steunpunt staff are the SWV's secretariat and consultants (the ouderconsulenten of the
# spreekuur), with the manager and the director: they see the steunpunt questions of their SWV.
# Thuiszitters and escalations are case data about pupils: a school and a consultant see those of
# their own school(s), a board those of its schools, SWV staff their SWV (see the scope below).
# Policy and partners see only the counts (VIEW_AGGREGATES, small numbers suppressed).
_STEUNPUNT_CASES = frozenset(
    {Action.VIEW_THUISZITTERS, Action.REGISTER_THUISZITTERS, Action.VIEW_ESCALATIONS, Action.MANAGE_ESCALATIONS}
)
_STEUNPUNT_QUESTIONS = frozenset({Action.VIEW_QUESTIONS, Action.HANDLE_QUESTIONS})
# Satisfaction surveys are sent by the SWV's office (secretariat, manager, director); their results
# are aggregates only (cells under 5 suppressed), never one recipient's answers.
_STEUNPUNT_SURVEYS = frozenset({Action.MANAGE_SURVEYS})
_STEUNPUNT_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SCHOOL: _STEUNPUNT_CASES,
    Role.BOARD: frozenset({Action.VIEW_THUISZITTERS, Action.VIEW_ESCALATIONS}),
    Role.SECRETARIAT: _STEUNPUNT_CASES | _STEUNPUNT_QUESTIONS | _STEUNPUNT_SURVEYS,
    Role.CONSULTANT: _STEUNPUNT_CASES | _STEUNPUNT_QUESTIONS,
    Role.MANAGER: _STEUNPUNT_CASES | _STEUNPUNT_QUESTIONS | _STEUNPUNT_SURVEYS,
    Role.DIRECTOR: _STEUNPUNT_CASES | _STEUNPUNT_QUESTIONS | _STEUNPUNT_SURVEYS,
}
_grant(_STEUNPUNT_ACTIONS)
# [imports] role actions
# Imports are SWV business: the secretariat, the manager and the director import every kind; the
# policy officer (controller) imports the counts it computes shares from. The funded-pupil list
# and the thuiszitter list name pupils, so they stay with the roles that see the SWV's pupils.
_IMPORTS_ALL = frozenset(
    {Action.VIEW_IMPORTS, Action.IMPORT_COUNTS, Action.IMPORT_FUNDING, Action.IMPORT_THUISZITTERS}
)
_IMPORTS_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SECRETARIAT: _IMPORTS_ALL,
    Role.MANAGER: _IMPORTS_ALL,
    Role.DIRECTOR: _IMPORTS_ALL,
    Role.POLICY: frozenset({Action.VIEW_IMPORTS, Action.IMPORT_COUNTS}),
}
_grant(_IMPORTS_ACTIONS)
# [complaints] role actions
# The complaint register is the SWV office's: the secretariat, the manager and the director see
# and handle the complaints of their own SWV. Schools, boards, consultants, policy and partners do
# not see complaints (the indicator shows their number, dekkend.monitoring).
_COMPLAINTS_STAFF = frozenset({Action.VIEW_COMPLAINTS, Action.MANAGE_COMPLAINTS})
_COMPLAINTS_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SECRETARIAT: _COMPLAINTS_STAFF,
    Role.MANAGER: _COMPLAINTS_STAFF,
    Role.DIRECTOR: _COMPLAINTS_STAFF,
}
_grant(_COMPLAINTS_ACTIONS)


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


# The role assignments this process read, per user: (the user's roles_version then, the roles).
# Every request reads the user row anyway (session or token); a change to any of the user's
# assignments raises roles_version in the same transaction (a trigger, accounts migration 0003),
# so the next request sees a new number and reads the roles again. This saves a query, and its
# compilation, on every request.
_roles_read: dict[tuple, tuple[int, list[RoleAssignment]]] = {}
_ROLES_READ_LIMIT = 10_000


def active_roles(user) -> list[RoleAssignment]:
    """The user's active role assignments. A revoked role or a disabled account takes effect on
    the next request (the user row is read per request; see ``_roles_read``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_dekkend_active_roles", None)
    if cached is None:
        key = (user.pk, user.date_joined)  # date_joined: an id reused after a rollback is another user
        remembered = _roles_read.get(key)
        if remembered is not None and remembered[0] == user.roles_version:
            cached = remembered[1]
        else:
            cached = list(RoleAssignment.objects.active().filter(user=user).select_related("swv", "school", "board"))
            if len(_roles_read) >= _ROLES_READ_LIMIT:
                _roles_read.clear()
            _roles_read[key] = (user.roles_version, cached)
        user._dekkend_active_roles = cached
    return cached


def forget_roles_read() -> None:
    """Empty this process's roles memory (tests start from a clean database each time)."""
    _roles_read.clear()


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
    return _active_grants(user.pk, timezone.now())


def _active_grants(user_id: int, now: datetime.datetime) -> QuerySet[PupilAccessGrant]:
    return PupilAccessGrant.objects.filter(user_id=user_id, revoked_at__isnull=True, expires_at__gt=now)


# Read on every pupil list and search: prepared (core/prepared.py).
_GRANTED_PUPIL_IDS = PreparedRead(
    PupilAccessGrant,
    lambda user_id, now: _active_grants(user_id, now).values_list("pupil_id"),
    int,
    datetime.datetime,
)


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
        granted = [pupil_id for (pupil_id,) in _GRANTED_PUPIL_IDS.rows(user.pk, timezone.now())]
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


def notice_owner_id(user) -> int | None:
    """Whose in-app notices (deadline reminders) the user may see: only their own, and only
    with a role that works on dossiers; None: no notices at all."""
    return user.pk if has_action(user, Action.VIEW_NOTICES) else None


def notice_scope_q(user) -> Q:
    owner_id = notice_owner_id(user)
    return Q(pk__in=[]) if owner_id is None else Q(user_id=owner_id)


# --- [admissions] scope -------------------------------------------------------------------


def _admission_scope_q(assignment: RoleAssignment) -> Q | None:
    """The admissions a role sees: a school those at its own school (as the school of
    registration); a board those at its schools; SWV staff their SWV's."""
    if assignment.role == Role.SCHOOL:
        return Q(school_id=assignment.school_id)
    if assignment.role == Role.BOARD:
        return Q(swv_id=assignment.swv_id, school__board_id=assignment.board_id)
    if assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
        return Q(swv_id=assignment.swv_id)
    return None


def admission_scope_q(user, action: Action) -> Q:
    """A filter for the admissions on which the user may do ``action``."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        scope = _admission_scope_q(assignment)
        if scope is not None:
            condition |= scope
    return condition


def decide_admission(user, action: Action, admission) -> Decision:
    """May the user do ``action`` on this admission (a new one: at this school), and on what basis?"""
    for assignment in roles_for(user, action):
        if assignment.role == Role.SCHOOL and admission.school_id == assignment.school_id:
            return Decision(True, Basis.SCOPE, assignment)
        if (
            assignment.role == Role.BOARD
            and admission.swv_id == assignment.swv_id
            and admission.school.board_id == assignment.board_id
        ):
            return Decision(True, Basis.SCOPE, assignment)
        if (
            assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR)
            and admission.swv_id == assignment.swv_id
        ):
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def swv_case_scope_q(user, action: Action) -> Q:
    """Objections and plaatsingstafel cases are SWV business: the SWVs where the user holds a
    role allowing ``action``."""
    return Q(swv_id__in=sorted(swv_ids_for(user, action)))


def decide_swv_case(user, action: Action, case) -> Decision:
    """May the user do ``action`` on this objection or table case (its SWV)?"""
    for assignment in roles_for(user, action):
        if assignment.swv_id and assignment.swv_id == case.swv_id:
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


# --- [network] scope -------------------------------------------------------------------

# Roles that see the coverage of a whole SWV with exact small numbers.
_NETWORK_UNSUPPRESSED_ROLES = (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR, Role.POLICY)


def network_swv_ids(user, action: Action) -> set[int]:
    """The SWVs whose network figures the user may see for ``action``."""
    return swv_ids_for(user, action)


def network_coverage_suppressed(user, swv_id: int) -> bool:
    """Must pupil counts under 5 be shown as "<5" to this user for this SWV? Yes for partners
    and boards (DESIGN: partners get aggregates with small numbers suppressed); no for the
    SWV's own staff."""
    return not any(
        assignment.swv_id == swv_id and assignment.role in _NETWORK_UNSUPPRESSED_ROLES
        for assignment in roles_for(user, Action.VIEW_NETWORK_COVERAGE)
    )


def network_may(user, action: Action, swv_id: int) -> bool:
    """May the user do ``action`` (planning, setting tariffs) for this SWV? Only in the SWVs
    where they hold a role with that action: a scenario or tariff of another SWV is unseen."""
    return swv_id in swv_ids_for(user, action)


def may_record_support_profile(user, pupil: Pupil) -> Decision:
    """Recording a profile is work on the pupil's case: a role with the action, and the pupil
    in that role's normal scope (a grant to view does not allow writing)."""
    for assignment in roles_for(user, Action.RECORD_SUPPORT_PROFILE):
        if _in_pupil_scope(assignment, pupil):
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


# --- [basicsupport] scope -------------------------------------------------------------------

_ZELFSCAN_SWV_ROLES = (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR, Role.POLICY)
_ZELFSCAN_COMPLETE = ("submitted", "released")


def zelfscan_round_scope_q(user) -> Q:
    """The zelfscan rounds the user sees: those of the SWVs they hold a zelfscan role in."""
    return Q(swv_id__in=swv_ids_for(user, Action.VIEW_ZELFSCAN))


def _zelfscan_school_q(assignment: RoleAssignment, prefix: str) -> Q | None:
    if assignment.role in (Role.SCHOOL, Role.CONSULTANT):
        return Q(**{f"{prefix}id": assignment.school_id})
    if assignment.role == Role.BOARD:
        return Q(**{f"{prefix}swv_id": assignment.swv_id, f"{prefix}board_id": assignment.board_id})
    if assignment.role in _ZELFSCAN_SWV_ROLES:
        return Q(**{f"{prefix}swv_id": assignment.swv_id})
    return None


def zelfscan_progress_scope_q(user, prefix: str = "") -> Q:
    """The schools whose progress (status, number answered; not the answers) the user sees:
    a school its own, a board its schools, SWV staff every school of the SWV. ``prefix``
    names the path to the school (e.g. ``"school__"``)."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, Action.VIEW_ZELFSCAN):
        scope = _zelfscan_school_q(assignment, prefix)
        if scope is not None:
            condition |= scope
    return condition


def zelfscan_results_scope_q(user) -> Q:
    """The submissions whose answers count in the user's results. The results stay the
    school's until its board releases them (001_28cb0100de53310c.txt:4633-4634): a school and
    its board see them once submitted; a consultant and the SWV only when released."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, Action.VIEW_ZELFSCAN):
        scope = _zelfscan_school_q(assignment, "school__")
        if scope is None:
            continue
        if assignment.role in (Role.SCHOOL, Role.BOARD):
            condition |= scope & Q(status__in=_ZELFSCAN_COMPLETE)
        else:
            condition |= scope & Q(status="released")
    return condition


def decide_zelfscan_answer(user, school) -> Decision:
    """Only the school itself fills in its zelfscan."""
    for assignment in roles_for(user, Action.ANSWER_ZELFSCAN):
        if assignment.role == Role.SCHOOL and assignment.school_id == school.pk:
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def decide_zelfscan_release(user, school) -> Decision:
    """Only the school's own board releases its results to the SWV."""
    for assignment in roles_for(user, Action.RELEASE_ZELFSCAN):
        if assignment.role == Role.BOARD and (assignment.board_id, assignment.swv_id) == (
            school.board_id,
            school.swv_id,
        ):
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def may_open_zelfscan_round(user, swv_id: int) -> bool:
    return swv_id in swv_ids_for(user, Action.OPEN_ZELFSCAN_ROUND)


# --- [monitoring] scope -------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorAccess:
    """How a user may see the indicators of one SWV: ``audience`` matches the catalogue's
    "who may see it" (staff, board, partner); ``suppressed``: small numbers shown as "<5";
    ``board_id``: a board sees the whole SWV and the districts, and only its own schools."""

    allowed: bool
    audience: str = ""
    suppressed: bool = False
    board_id: int | None = None


def indicator_access(user, swv_id: int) -> IndicatorAccess:
    """The widest of the user's roles in that SWV decides: SWV staff, then a board, then a partner."""
    roles = [assignment for assignment in roles_for(user, Action.VIEW_INDICATORS) if assignment.swv_id == swv_id]
    if any(assignment.role not in (Role.BOARD, Role.PARTNER) for assignment in roles):
        return IndicatorAccess(True, "staff")
    board = next((assignment for assignment in roles if assignment.role == Role.BOARD), None)
    if board is not None:
        return IndicatorAccess(True, "board", board_id=board.board_id)
    if roles:
        return IndicatorAccess(True, "partner", suppressed=True)
    return IndicatorAccess(False)


# --- [plans] scope -------------------------------------------------------------------


def plan_swv_ids(user, action: Action = Action.VIEW_PLANS) -> set[int]:
    """The SWVs whose plans the user may ``action`` (read or edit): their own SWVs."""
    return swv_ids_for(user, action)


def may_edit_plan(user, plan) -> bool:
    """A plan may be edited by a manager or policy officer of one of the SWVs it belongs to."""
    swv_ids = swv_ids_for(user, Action.EDIT_PLANS)
    return bool(swv_ids) and plan.swvs.filter(pk__in=swv_ids).exists()


# --- [finance] scope -------------------------------------------------------------------


def finance_swv_ids(user) -> set[int]:
    """The SWVs whose budgets and reserves the user may read: their own SWVs."""
    return swv_ids_for(user, Action.VIEW_FINANCE)


def national_figure_swv_ids(user) -> set[int]:
    """The SWVs whose national figures the user records (the policy officer's seat)."""
    return swv_ids_for(user, Action.RECORD_NATIONAL_FIGURES)


def budget_edit_swv_ids(user) -> set[int]:
    """The SWVs whose budget lines the user may change (the controller's seat)."""
    return swv_ids_for(user, Action.EDIT_BUDGET)


def _finance_school_q(assignment: RoleAssignment, prefix: str) -> Q | None:
    """A school sees its own rows, a board its schools in that SWV, SWV staff the whole SWV."""
    if assignment.role == Role.SCHOOL:
        return Q(**{f"{prefix}school_id": assignment.school_id})
    if assignment.role == Role.BOARD:
        return Q(**{f"{prefix}swv_id": assignment.swv_id, f"{prefix}school__board_id": assignment.board_id})
    if assignment.role in (Role.MANAGER, Role.DIRECTOR, Role.POLICY):
        return Q(**{f"{prefix}swv_id": assignment.swv_id})
    return None


def finance_school_scope_q(user, action: Action, prefix: str = "") -> Q:
    """A filter on rows with ``swv`` and ``school`` (vangnet declarations, arrangement funds)
    that the user may ``action``."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        scope = _finance_school_q(assignment, prefix)
        if scope is not None:
            condition |= scope
    return condition


def decide_vangnet_declare(user, school) -> Decision:
    """A go-school declares for itself; its board may declare for it."""
    for assignment in roles_for(user, Action.DECLARE_VANGNET):
        if assignment.role == Role.SCHOOL and assignment.school_id == school.pk:
            return Decision(True, Basis.SCOPE, assignment)
        if assignment.role == Role.BOARD and (assignment.swv_id, assignment.board_id) == (
            school.swv_id,
            school.board_id,
        ):
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def vangnet_declarable_school_q(user) -> Q:
    """A filter on schools the user may declare vangnet funding for (as ``decide_vangnet_declare``)."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, Action.DECLARE_VANGNET):
        if assignment.role == Role.SCHOOL:
            condition |= Q(pk=assignment.school_id)
        elif assignment.role == Role.BOARD:
            condition |= Q(swv_id=assignment.swv_id, board_id=assignment.board_id)
    return condition


def decide_vangnet_verify(user, declaration) -> Decision:
    """The SWV verifies (001_28cb0100de53310c.txt:4135-4137): its director, manager or controller."""
    for assignment in roles_for(user, Action.VERIFY_VANGNET):
        if assignment.swv_id == declaration.swv_id:
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def board_agreement_scope_q(user, action: Action = Action.VIEW_ARRANGEMENT_FUNDS) -> Q:
    """The yearly agreements per board (Bijlage X) the user may ``action``: a board its own,
    SWV staff their SWV's; a school sees none (they are the board's)."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        if assignment.role == Role.BOARD:
            condition |= Q(swv_id=assignment.swv_id, board_id=assignment.board_id)
        elif assignment.role in (Role.MANAGER, Role.DIRECTOR, Role.POLICY):
            condition |= Q(swv_id=assignment.swv_id)
    return condition


# --- [steunpunt] scope -------------------------------------------------------------------


def steunpunt_case_scope_q(user, action: Action) -> Q:
    """A filter for thuiszitters and escalations (rows with ``swv`` and ``school``) on which the
    user may do ``action``: a school or consultant its school(s), a board its schools, SWV staff
    their SWV."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        if assignment.role in (Role.SCHOOL, Role.CONSULTANT):
            condition |= Q(swv_id=assignment.swv_id, school_id=assignment.school_id)
        elif assignment.role == Role.BOARD:
            condition |= Q(swv_id=assignment.swv_id, school__board_id=assignment.board_id)
        elif assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
            condition |= Q(swv_id=assignment.swv_id)
    return condition


def decide_steunpunt_case(user, action: Action, case) -> Decision:
    """May the user do ``action`` on this thuiszitter or escalation (``swv_id``, ``school_id``)?"""
    for assignment in roles_for(user, action):
        if assignment.swv_id != case.swv_id:
            continue
        if assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
            return Decision(True, Basis.SCOPE, assignment)
        if assignment.role in (Role.SCHOOL, Role.CONSULTANT) and case.school_id == assignment.school_id:
            return Decision(True, Basis.SCOPE, assignment)
        if assignment.role == Role.BOARD and case.school_id and case.school.board_id == assignment.board_id:
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def steunpunt_question_swv_ids(user, action: Action) -> set[int]:
    """The SWVs whose steunpunt questions the user may ``action`` (steunpunt staff: their SWV)."""
    return swv_ids_for(user, action)


def steunpunt_aggregate_swv_ids(user) -> set[int]:
    """The SWVs whose steunpunt figures (counts, shares, clocks) the user may see."""
    return swv_ids_for(user, Action.VIEW_AGGREGATES) | swv_ids_for(user, Action.VIEW_QUESTIONS)


def steunpunt_case_school_q(user, action: Action) -> Q:
    """A filter on schools for which the user may ``action`` a thuiszitter or escalation (the
    choices of the forms): a school or consultant its school(s), a board its schools, SWV staff
    every school of their SWV."""
    condition = Q(pk__in=[])
    for assignment in roles_for(user, action):
        if assignment.role in (Role.SCHOOL, Role.CONSULTANT):
            condition |= Q(pk=assignment.school_id)
        elif assignment.role == Role.BOARD:
            condition |= Q(swv_id=assignment.swv_id, board_id=assignment.board_id)
        elif assignment.role in (Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR):
            condition |= Q(swv_id=assignment.swv_id)
    return condition


def steunpunt_survey_swv_ids(user) -> set[int]:
    """The SWVs for which the user may send satisfaction surveys and see their aggregate results."""
    return swv_ids_for(user, Action.MANAGE_SURVEYS)


# --- [imports] scope -------------------------------------------------------------------

# The action each kind of import needs (the kinds of dekkend.imports.models.ImportKind).
IMPORT_KIND_ACTIONS = {
    "counts": Action.IMPORT_COUNTS,
    "funding": Action.IMPORT_FUNDING,
    "thuiszitters": Action.IMPORT_THUISZITTERS,
}


def import_swv_ids(user, kind: str) -> set[int]:
    """The SWVs for which the user may import (and see the imports of) this kind of file."""
    action = IMPORT_KIND_ACTIONS.get(kind)
    return swv_ids_for(user, action) if action is not None else set()


def import_run_scope_q(user) -> Q:
    """The import runs the user sees: per kind, those of the SWVs where they may import that kind
    (a policy officer sees the count imports, not the lists that name pupils)."""
    condition = Q(pk__in=[])
    for kind in IMPORT_KIND_ACTIONS:
        swv_ids = import_swv_ids(user, kind)
        if swv_ids:
            condition |= Q(kind=kind, swv_id__in=sorted(swv_ids))
    return condition


def decide_import(user, kind: str, swv_id: int) -> Decision:
    """May the user import (or confirm, or read the report of) this kind of file for this SWV?"""
    action = IMPORT_KIND_ACTIONS.get(kind)
    for assignment in roles_for(user, action) if action is not None else []:
        if assignment.swv_id and assignment.swv_id == swv_id:
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def reconciliation_swv_ids(user) -> set[int]:
    """The SWVs whose TLV/DUO reconciliation the user may see: those they import funding for."""
    return swv_ids_for(user, Action.IMPORT_FUNDING)


# --- [complaints] scope -------------------------------------------------------------------


def complaint_scope_q(user, action: Action) -> Q:
    """The complaints on which the user may do ``action``: those of the SWVs where they hold a
    role allowing it (complaints are SWV business, like objections)."""
    return Q(swv_id__in=sorted(swv_ids_for(user, action)))


def decide_complaint(user, action: Action, complaint) -> Decision:
    """May the user do ``action`` on this complaint (its SWV; a new one: the SWV it is for)?"""
    for assignment in roles_for(user, action):
        if assignment.swv_id and assignment.swv_id == complaint.swv_id:
            return Decision(True, Basis.SCOPE, assignment)
    return Decision(False, Basis.NONE, primary_role(user))


def complaint_swv_ids(user, action: Action = Action.MANAGE_COMPLAINTS) -> set[int]:
    """The SWVs for which the user may ``action`` complaints (the choice of a new complaint's SWV)."""
    return swv_ids_for(user, action)


def complaint_handler_ids(swv_id: int) -> set[int]:
    """The users who may handle a complaint of this SWV (the choices for its handler)."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if Action.MANAGE_COMPLAINTS in actions]
    return set(
        RoleAssignment.objects.active()
        .filter(swv_id=swv_id, role__in=roles, user__is_active=True)
        .values_list("user_id", flat=True)
    )
