"""Reads of applications. Every read of one dossier is permission-checked by
:mod:`dekkend.core.permissions` and written to the audit log, allowed or denied, like a
pupil read."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, QuerySet
from django.http import Http404

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.core.prepared import PreparedRead
from dekkend.organisations.models import School

from . import rules
from .models import Advice, Application, ApplicationDocument, ExpertAssignment, ExpertProfile, Notice

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


@dataclass(frozen=True)
class ExpertCandidate:
    profile: ExpertProfile
    matches: list[str]  # the application's development areas the expert has expertise in
    may_be_first: bool  # an orthopedagoog or psycholoog (rules.first_expert_problem)


def expert_candidates(*, application: Application) -> list[ExpertCandidate]:
    """The experts who may be assigned to ``application``: experts of its SWV who hold the
    expert role, are not employed by a school board of this SWV and are not yet assigned; those
    with expertise in more of the application's development areas first, then by name.
    (No pupil data: the caller has already read the dossier through ``application_get``.)"""
    swv_boards = swv_board_ids(swv_id=application.swv_id)
    active_experts = RoleAssignment.objects.active().filter(role=Role.EXPERT, swv_id=application.swv_id)
    assigned = set(application.assignments.values_list("expert__user_id", flat=True))
    profiles = (
        ExpertProfile.objects.filter(swv_id=application.swv_id, user__in=active_experts.values("user_id"))
        .exclude(user_id__in=assigned)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "id")
    )
    areas = application.development_areas or []
    candidates = [
        ExpertCandidate(
            profile=profile,
            matches=rules.expertise_matches(profile, areas),
            may_be_first=not rules.first_expert_problem(profile),
        )
        for profile in profiles
        if not rules.independence_problem(profile, swv_boards)
    ]
    return sorted(candidates, key=lambda candidate: -len(candidate.matches))  # stable: by name within


def replacement_candidates(*, application: Application, assignment: ExpertAssignment) -> list[ExpertCandidate]:
    """The experts who may take the place of ``assignment``'s expert: those of
    :func:`expert_candidates` who meet the rules of that place (``rules.assignment_problems``:
    the first place for an orthopedagoog or psycholoog; with the other expert on the dossier
    still covering every development area), in the same order."""
    assigned = {a.order: a.expert for a in application.assignments.select_related("expert")}
    swv_boards = swv_board_ids(swv_id=application.swv_id)
    return [
        candidate
        for candidate in expert_candidates(application=application)
        if not rules.assignment_problems(
            {assignment.order: candidate.profile},
            rules.team_with(assigned, assignment.order, candidate.profile),
            swv_boards,
            application.development_areas or [],
        )
    ]


def user_names(*, user_ids) -> dict[int, str]:
    """The names of users (staff and experts, no pupil data), by id."""
    return {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=user_ids)}


def swv_board_ids(*, swv_id: int) -> set[int]:
    """The school boards with a school in the SWV: their employees are not independent experts."""
    return set(School.objects.filter(swv_id=swv_id).values_list("board_id", flat=True))


# --- Notices (the reminders of services.deadline_reminders_send) ------------------------------


def notice_queryset(*, user) -> QuerySet[Notice]:
    """The user's own notices (``permissions.notice_scope_q``), unread first, then the newest.
    A notice names the dossier number, the step and the date, never the pupil."""
    return (
        Notice.objects.filter(permissions.notice_scope_q(user))
        .select_related("application")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    )


# Counted on every worklist page and dossier: prepared (core/prepared.py).
_UNREAD_NOTICES = PreparedRead(
    Notice,
    lambda owner_id: (
        Notice.objects.filter(user_id=owner_id, read_at__isnull=True)
        .values("user_id")
        .annotate(unread=Count("pk"))
        .values_list("unread")
    ),
    int,
)


def notice_unread_count(*, user) -> int:
    owner_id = permissions.notice_owner_id(user)
    rows = _UNREAD_NOTICES.rows(owner_id) if owner_id is not None else []
    return rows[0][0] if rows else 0


def application_document_get(*, application_id: int, document_id: int, context: AuditContext) -> ApplicationDocument:
    """One document of a dossier for download, checked for ``applications.documents`` (403 for a
    role without it, 404 out of scope or unknown; denials audited) and audited as a read of the
    pupil's data (object ``application_document``)."""
    application = application_get(
        application_id=application_id,
        context=context,
        action=Action.VIEW_APPLICATION_DOCUMENTS,
        audit_success=False,
    )
    document = None
    if 0 < document_id <= MAX_ID:
        document = ApplicationDocument.objects.filter(application=application, pk=document_id).first()
    decision = permissions.decide_application(context.user, Action.VIEW_APPLICATION_DOCUMENTS, application)
    audit_event_record(
        context=context,
        action=AuditAction.READ,
        outcome=AuditOutcome.SUCCESS if document else AuditOutcome.ERROR,
        object_type="application_document",
        object_id=document_id if 0 < document_id <= MAX_ID else None,
        pupil_id=application.pupil_id,
        swv_id=application.swv_id,
        role=decision.role,
        access_basis=decision.basis,
        detail={"application": application.pk, "kind": document.kind if document else None},
    )
    if document is None:
        raise Http404
    return document
