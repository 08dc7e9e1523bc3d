"""The workflow of an application (Bijlage XII, "Stappenplan aanvraag TLV"), one function per
step. Each step checks the order of steps (out of order: a Dutch ``ValidationError`` and
nothing changes), writes the dossier's timeline (``ApplicationEvent``) and an audit event in
the same transaction. Each takes an optional ``date`` (default today) so history can be
entered. The rules themselves live in :mod:`dekkend.referrals.rules`.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.network.rules import AREAS
from dekkend.organisations.models import School
from dekkend.pupils.models import Pupil, PupilAccessGrant

from . import rules, selectors
from .models import (
    TLV_TYPES,
    Advice,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationType,
    DeadlineKind,
    DeadlineReminder,
    ExpertAssignment,
    ExpertProfile,
    Notice,
)
from .uploads import upload_check

Status = Application.Status
EXPERT_ACCESS_DURATION = datetime.timedelta(days=365)


# --- helpers --------------------------------------------------------------------------------


def _on(date: datetime.date | None, *, not_before: datetime.date | None = None, field: str = "date") -> datetime.date:
    today = timezone.localdate()
    on = date or today
    if on > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before and on < not_before:
        raise ValidationError(
            {field: _("The date cannot be before %(day)s.") % {"day": not_before.strftime("%d-%m-%Y")}}
        )
    return on


def _authorise(application_id: int, action: Action, context: AuditContext) -> None:
    """403/404 unless the user may do ``action`` on the application. Runs outside the step's
    transaction, so that a denied attempt stays in the audit log."""
    selectors.application_get(application_id=application_id, context=context, action=action, audit_success=False)


def _lock(application_id: int) -> Application:
    return Application.objects.select_for_update().select_related("swv", "pupil", "school").get(pk=application_id)


def _require_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise ValidationError(
            _("This step is not possible now: the application has the status “%(status)s”.")
            % {"status": application.get_status_display()}
        )


def _record(
    application: Application, context: AuditContext, what: str, on: datetime.date, old_status: str, **detail
) -> None:
    ApplicationEvent.objects.create(
        application=application,
        swv_id=application.swv_id,
        actor=context.user if getattr(context.user, "is_authenticated", False) else None,
        what=what,
        on=on,
        old_status=old_status,
        new_status=application.status,
        detail=detail,
    )
    audit_event_record(
        context=context,
        action=AuditAction.CREATE if what == "created" else AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="application",
        object_id=application.pk,
        pupil_id=application.pupil_id,
        swv_id=application.swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={
            "step": what,
            "on": on.isoformat(),
            "old_status": old_status,
            "new_status": application.status,
            **detail,
        },
    )


def _save(application: Application, fields: list[str]) -> None:
    application.full_clean()
    application.save(update_fields=fields)


# --- steps ----------------------------------------------------------------------------------


def application_create(
    *,
    pupil_id: int,
    school_id: int,
    type: str,
    requested_provision_type: str = "",
    parent_consent: bool = False,
    parent_view: str = "",
    pupil_view: str = "",
    development_areas: list[str] | None = None,
    date: datetime.date | None = None,
    context: AuditContext,
    **specifics,
) -> Application:
    """A school starts an application (a draft) for one of its pupils. ``specifics`` are the
    fields of the application types (``TYPE_FIELDS``: the TLV renewed or bridged, the period,
    the maatwerkbudget conditions); they are checked when the school submits."""
    user = context.user
    if not permissions.has_action(user, Action.CREATE_APPLICATION):
        raise PermissionDenied
    school = School.objects.filter(pk=school_id).first()
    pupil = Pupil.objects.select_related("school").filter(pk=pupil_id).first()
    draft = Application(swv_id=school.swv_id if school else None, school=school)
    if school is None or not permissions.decide_application(user, Action.CREATE_APPLICATION, draft).allowed:
        raise ValidationError({"school": _("You cannot apply on behalf of this school.")})
    if pupil is None or not permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil).allowed:
        raise ValidationError({"pupil": _("This pupil is unknown or not at your school.")})
    on = _on(date)
    with transaction.atomic():
        application = Application(
            swv_id=school.swv_id,
            pupil=pupil,
            school=school,
            type=type,
            requested_provision_type=requested_provision_type,
            parent_consent=parent_consent,
            parent_view=parent_view,
            pupil_view=pupil_view,
            development_areas=list(dict.fromkeys(development_areas or [])),
            **_specifics(specifics, pupil),
        )
        application.full_clean()
        application.save()
        _record(application, context, "created", on, "", type=type)
    return application


TYPE_FIELDS = frozenset(
    {
        "tlv_id",
        "period_start",
        "period_end",
        "placement_on",
        "school_support_since",
        "prevents_tlv",
        "prevents_absence",
        "general_funds_spent",
        "school_funding_explored",
    }
)


def _specifics(specifics: dict, pupil: Pupil) -> dict:
    unknown = set(specifics) - TYPE_FIELDS
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    tlv_id = specifics.get("tlv_id")
    if tlv_id is not None and not Application.objects.filter(pk=tlv_id, pupil=pupil).exists():
        raise ValidationError({"tlv": _("Choose a TLV of this pupil.")})
    return specifics


def document_add(
    *,
    application_id: int,
    file,
    kind: str,
    document_date: datetime.date,
    signed_by_parents: bool = False,
    context: AuditContext,
) -> ApplicationDocument:
    """The school adds a document to its dossier, before submitting or when documents were
    requested. The file is checked by its content (PDF, image or Office; at most 10 MB)."""
    content_type = upload_check(file)
    _on(document_date, field="document_date")
    _authorise(application_id, Action.CREATE_APPLICATION, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.DRAFT, Status.SUBMITTED, Status.INCOMPLETE)
        document = ApplicationDocument(
            application=application,
            kind=kind,
            document_date=document_date,
            signed_by_parents=signed_by_parents,
            original_name=(getattr(file, "name", "") or "")[:200],
            content_type=content_type,
            size=file.size,
            uploaded_by=context.user,
        )
        document.file = file
        document.full_clean()
        document.save()
        _record(
            application,
            context,
            "document_added",
            timezone.localdate(),
            application.status,
            document=document.pk,
            kind=kind,
        )
    return document


def application_submit(
    *, application_id: int, date: datetime.date | None = None, context: AuditContext
) -> Application:
    """The school submits its application; the secretariat then checks completeness."""
    # 001_28cb0100de53310c.txt:6266-6268 -- "School vraagt een TLV aan"
    _authorise(application_id, Action.CREATE_APPLICATION, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.DRAFT)
        on = _on(date)
        if not application.parent_consent:
            raise ValidationError({"parent_consent": _("The parents' consent is needed before submitting.")})
        problems = rules.type_problems(application, on)
        if problems:
            raise ValidationError(problems)
        old = application.status
        application.status = Status.SUBMITTED
        application.submitted_on = on
        _save(application, ["status", "submitted_on"])
        _record(application, context, "submitted", on, old)
    return application


def completeness_record(
    *, application_id: int, complete: bool, date: datetime.date | None = None, context: AuditContext
) -> Application:
    """The secretariat records whether the mandatory documents are there. Incomplete: the
    school has 4 weeks to supply them. Complete: the 6-week decision period starts."""
    # 001_28cb0100de53310c.txt:6270 and :5714-5716
    _authorise(application_id, Action.CHECK_COMPLETENESS, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.SUBMITTED, Status.INCOMPLETE)
        on = _on(date, not_before=application.submitted_on)
        old = application.status
        if complete:
            problems = rules.documents_complete(application, application.submitted_on)
            if problems:
                raise ValidationError({"complete": problems})
            application.status = Status.COMPLETE
            application.complete_on = on
            application.decision_due = rules.decision_due(on)
            _save(application, ["status", "complete_on", "decision_due"])
            _record(application, context, "complete", on, old, decision_due=application.decision_due.isoformat())
        else:
            if application.documents_due is None:  # the 4 weeks are given once, not renewed
                application.documents_due = rules.documents_due(on)
            application.status = Status.INCOMPLETE
            _save(application, ["status", "documents_due"])
            problems = rules.documents_complete(application, application.submitted_on)
            _record(
                application,
                context,
                "incomplete",
                on,
                old,
                documents_due=application.documents_due.isoformat(),
                problems=problems,
            )
    return application


# Until the decision the development areas may be corrected; the school only its draft.
AREAS_CORRECTABLE = (Status.DRAFT, Status.SUBMITTED, Status.INCOMPLETE, Status.COMPLETE, Status.IN_ASSESSMENT)


def development_areas_may_correct(user, application: Application) -> bool:
    """The secretariat (SWV staff who check dossiers) until the decision; the school while
    the application is its draft. Who may check or create is asked of the permissions module."""
    if application.status not in AREAS_CORRECTABLE:
        return False
    if permissions.decide_application(user, Action.CHECK_COMPLETENESS, application).allowed:
        return True
    return application.status == Status.DRAFT and (
        permissions.decide_application(user, Action.CREATE_APPLICATION, application).allowed
    )


def development_areas_correct(
    *,
    application_id: int,
    development_areas: list[str],
    date: datetime.date | None = None,
    context: AuditContext,
) -> Application:
    """Correct the development areas of an application after it was made. The experts already
    assigned must still cover every area (rules.areas_correction_problem); a dossier without
    experts may get any areas. On the timeline, with the areas before and after."""
    # 001_28cb0100de53310c.txt:6284-6286
    user = context.user
    # SWV staff correct as part of checking dossiers; a school as the maker of its draft.
    checks = permissions.has_action(user, Action.CHECK_COMPLETENESS)
    _authorise(application_id, Action.CHECK_COMPLETENESS if checks else Action.CREATE_APPLICATION, context)
    with transaction.atomic():
        application = _lock(application_id)
        if not development_areas_may_correct(user, application):
            if application.status in AREAS_CORRECTABLE:  # the school, after submitting
                raise ValidationError(
                    {
                        "development_areas": _(
                            "The application is submitted: ask the secretariat of the samenwerkingsverband "
                            "to correct the development areas."
                        )
                    }
                )
            _require_status(application, *AREAS_CORRECTABLE)
        on = _on(date, not_before=timezone.localdate(application.created_at))
        unknown = sorted(set(development_areas) - set(AREAS))
        if unknown:
            raise ValidationError(
                {"development_areas": _("Choose development areas from: %(areas)s.") % {"areas": ", ".join(AREAS)}}
            )
        areas = [area for area in AREAS if area in set(development_areas)]
        if areas == list(application.development_areas or []):
            raise ValidationError({"development_areas": _("These are already the development areas.")})
        profiles = [a.expert for a in application.assignments.select_related("expert__user")]
        problem = rules.areas_correction_problem(profiles, areas)
        if problem:
            raise ValidationError({"development_areas": problem})
        before = list(application.development_areas or [])
        application.development_areas = areas
        _save(application, ["development_areas"])
        _record(application, context, "areas_corrected", on, application.status, before=before, after=areas)
    return application


def _expert_profile(user_id: int, application: Application, field: str = "experts") -> ExpertProfile:
    profile = ExpertProfile.objects.select_related("user").filter(swv_id=application.swv_id, user_id=user_id).first()
    is_expert = RoleAssignment.objects.active().filter(user_id=user_id, role=Role.EXPERT, swv_id=application.swv_id)
    if profile is None or not is_expert.exists():
        raise ValidationError(
            {field: _("User %(id)s is not an expert of this samenwerkingsverband.") % {"id": user_id}}
        )
    return profile


def _grant_access(profile: ExpertProfile, application: Application) -> PupilAccessGrant:
    now = timezone.now()
    return PupilAccessGrant.objects.create(
        user=profile.user,
        pupil=application.pupil,
        basis=PupilAccessGrant.Basis.ASSIGNMENT,
        reason=f"application:{application.pk}",
        granted_at=now,
        expires_at=now + EXPERT_ACCESS_DURATION,
    )


def experts_assign(
    *, application_id: int, experts: list[int], date: datetime.date | None = None, context: AuditContext
) -> list[ExpertAssignment]:
    """Two independent experts for a complete TLV application (the first an orthopedagoog or
    psycholoog; together with expertise in every development area of the application), or a
    third one (with expertise in at least one of the areas) when the first two advices differ.
    Each gets access to the pupil's record until the dossier closes."""
    # 001_28cb0100de53310c.txt:6272-6290 and :6418-6420
    _authorise(application_id, Action.ASSIGN_EXPERTS, context)
    with transaction.atomic():
        application = _lock(application_id)
        if application.type not in TLV_TYPES:
            raise ValidationError(_("Experts are assigned to TLV applications only."))
        _require_status(application, Status.COMPLETE, Status.IN_ASSESSMENT)
        on = _on(date, not_before=application.complete_on)
        existing = list(application.assignments.select_related("expert"))
        if application.status == Status.COMPLETE:
            if len(experts) != 2 or experts[0] == experts[1]:
                raise ValidationError({"experts": _("Assign two different experts.")})
            orders = [1, 2]
        else:
            advices = selectors.application_advices(application=application)
            if len(existing) != 2 or not rules.third_expert_needed(advices):
                raise ValidationError(
                    {"experts": _("A third expert is assigned only when the first two advices differ.")}
                )
            if len(experts) != 1 or experts[0] in {a.expert.user_id for a in existing}:
                raise ValidationError({"experts": _("Assign one expert who has not yet advised.")})
            orders = [3]
        profiles = [_expert_profile(user_id, application) for user_id in experts]
        problems = rules.assignment_problems(
            dict(zip(orders, profiles, strict=True)),
            profiles,
            selectors.swv_board_ids(swv_id=application.swv_id),
            application.development_areas,
        )
        if problems:
            raise ValidationError({"experts": problems})
        old = application.status
        assignments = []
        for order, profile in zip(orders, profiles, strict=True):
            assignment = ExpertAssignment(
                application=application,
                expert=profile,
                order=order,
                assigned_on=on,
                access_grant=_grant_access(profile, application),
            )
            assignment.full_clean()
            assignment.save()
            assignments.append(assignment)
        application.status = Status.IN_ASSESSMENT
        _save(application, ["status"])
        _record(
            application,
            context,
            "experts_assigned",
            on,
            old,
            experts={str(o): p.user_id for o, p in zip(orders, profiles, strict=True)},
        )
    return assignments


def expert_replace(
    *,
    application_id: int,
    replaced: int,
    replacement: int,
    reason: str,
    date: datetime.date | None = None,
    context: AuditContext,
) -> ExpertAssignment:
    """Before the decision, replace an assigned expert who has not advised (ill, a conflict of
    interest, no advice in time) by another expert, with the reason. The replacement takes the
    same place and must meet its rules (``rules.assignment_problems``). The replaced expert's
    access to the pupil's record ends at once, as does their view of the dossier and its
    reminders; the new expert gets access. An expert who has advised is not replaced: the
    advice stands. ``replaced`` and ``replacement`` are user ids."""
    # 001_28cb0100de53310c.txt:6272-6290 (the rules of each place); replacing is our choice
    _authorise(application_id, Action.ASSIGN_EXPERTS, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.IN_ASSESSMENT)
        assignments = list(application.assignments.select_related("expert__user", "advice"))
        assignment = next((a for a in assignments if a.expert.user_id == replaced), None)
        if assignment is None:
            raise ValidationError({"replaced": _("User %(id)s is not an expert on this dossier.") % {"id": replaced}})
        if hasattr(assignment, "advice"):
            raise ValidationError(
                {
                    "replaced": _(
                        "%(expert)s has already advised on this dossier. That advice stands: an expert who has "
                        "advised cannot be replaced."
                    )
                    % {"expert": assignment.expert.user}
                }
            )
        on = _on(date, not_before=assignment.assigned_on)
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the replacement.")})
        if any(a.expert.user_id == replacement for a in assignments):
            raise ValidationError({"replacement": _("Choose an expert who is not yet on this dossier.")})
        profile = _expert_profile(replacement, application, field="replacement")
        assigned = {a.order: a.expert for a in assignments}
        problems = rules.assignment_problems(
            {assignment.order: profile},
            rules.team_with(assigned, assignment.order, profile),
            selectors.swv_board_ids(swv_id=application.swv_id),
            application.development_areas,
        )
        if problems:
            raise ValidationError({"replacement": problems})
        _revoke_access([assignment.access_grant_id])
        Notice.objects.filter(user_id=replaced, application=application).delete()
        assignment.expert = profile
        assignment.assigned_on = on
        assignment.access_grant = _grant_access(profile, application)
        assignment.full_clean()
        assignment.save(update_fields=["expert", "assigned_on", "access_grant"])
        _record(
            application,
            context,
            "expert_replaced",
            on,
            application.status,
            order=assignment.order,
            replaced=replaced,
            replacement=replacement,
            reason=reason.strip(),
        )
    return assignment


def advice_record(
    *,
    application_id: int,
    recommendation: str,
    motivation: str,
    provision_type: str = "",
    funding_category: int | None = None,
    duration: str = "",
    school_years: int | None = None,
    emb: bool = False,
    triage: str = "",
    date: datetime.date | None = None,
    context: AuditContext,
) -> Advice:
    """An assigned expert advises. The first expert also marks the dossier hamerstuk or
    bespreekdossier."""
    # 001_28cb0100de53310c.txt:6292-6294 (triage) and :6371-6405 (what the advice covers)
    _authorise(application_id, Action.ADVISE, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.IN_ASSESSMENT)
        assignment = application.assignments.filter(expert__user=context.user).first()
        if assignment is None:
            raise PermissionDenied
        if hasattr(assignment, "advice"):
            raise ValidationError(_("You have already advised on this application."))
        on = _on(date, not_before=assignment.assigned_on)
        errors = rules.advice_terms_problem(
            recommendation=recommendation,
            provision_type=provision_type,
            funding_category=funding_category,
            duration=duration,
            school_years=school_years,
        )
        if assignment.order == 1 and not triage:
            errors["triage"] = _("As the first expert, mark the dossier as hamerstuk or bespreekdossier.")
        if assignment.order != 1 and triage:
            errors["triage"] = _("Only the first expert marks the dossier as hamerstuk or bespreekdossier.")
        if not motivation.strip():
            errors["motivation"] = _("Give the motivation of your advice.")
        if errors:
            raise ValidationError(errors)
        grant = recommendation == Advice.Recommendation.GRANT
        advice = Advice(
            assignment=assignment,
            recommendation=recommendation,
            provision_type=provision_type if grant else "",
            funding_category=funding_category if grant else None,
            duration=duration if grant else "",
            school_years=school_years if grant else None,
            emb=emb if grant else False,
            triage=triage,
            motivation=motivation,
            advised_on=on,
        )
        advice.full_clean()
        advice.save()
        fields = []
        if triage:
            application.triage = triage
            fields.append("triage")
            _save(application, fields)
        _record(
            application,
            context,
            "advised",
            on,
            application.status,
            order=assignment.order,
            recommendation=recommendation,
        )
    return advice


def decision_extend(
    *, application_id: int, weeks: int, reason: str, date: datetime.date | None = None, context: AuditContext
) -> Application:
    """Once, before the 6 weeks have passed, the decision period may be extended by at most 4
    weeks; the school is told the new date."""
    # 001_28cb0100de53310c.txt:6411-6418
    _authorise(application_id, Action.EXTEND_DECISION, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.COMPLETE, Status.IN_ASSESSMENT)
        on = _on(date, not_before=application.complete_on)
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the extension.")})
        problem = rules.extension_problem(
            weeks=weeks,
            already_extended=application.decision_extended_to is not None,
            due=application.decision_due,
            on=on,
        )
        if problem:
            raise ValidationError({"weeks": problem})
        application.decision_extended_to = application.decision_due + datetime.timedelta(weeks=weeks)
        application.extension_reason = reason
        _save(application, ["decision_extended_to", "extension_reason"])
        _record(
            application,
            context,
            "decision_extended",
            on,
            application.status,
            weeks=weeks,
            new_due=application.decision_extended_to.isoformat(),
        )
    return application


def _advice_problem(advices: list[Advice]) -> str:
    if len([a for a in advices if a.assignment.order in (1, 2)]) < 2:
        return _("A decision needs the advice of two independent experts.")
    if rules.third_expert_needed(advices) and not any(a.assignment.order == 3 for a in advices):
        return _("The two advices differ: a decision needs the advice of a third expert.")
    return ""


def _close(application: Application) -> None:
    """The dossier is closed: the experts' access to the pupil's record ends."""
    _revoke_access(application.assignments.exclude(access_grant=None).values_list("access_grant_id", flat=True))


def _revoke_access(grant_ids) -> None:
    PupilAccessGrant.objects.filter(pk__in=list(grant_ids), revoked_at__isnull=True).update(revoked_at=timezone.now())


def decision_record(
    *,
    application_id: int,
    outcome: str,
    motivation: str,
    date: datetime.date | None = None,
    context: AuditContext,
) -> Application:
    """The director (or the delegated manager toeleiding) decides on the experts' advice.
    A refusal is first an *intended* refusal with reasons; after the hearing with school and
    parents (``hearing_record``; or the parents declined it) it becomes final, or the TLV is
    granted after all. The final decision cannot come before the hearing."""
    # 001_28cb0100de53310c.txt:6407-6411 (who decides), :6430-6442 (intended refusal, hearing), :6444-6446 (final)
    _authorise(application_id, Action.DECIDE, context)
    with transaction.atomic():
        application = _lock(application_id)
        if not motivation.strip():
            raise ValidationError({"motivation": _("Give the motivation of the decision.")})
        if outcome == "refused":
            _require_status(application, Status.REFUSAL_INTENDED)
        elif outcome == "refusal_intended":
            _require_status(application, Status.IN_ASSESSMENT)
        elif outcome == "granted":
            _require_status(application, Status.IN_ASSESSMENT, Status.REFUSAL_INTENDED)
        else:
            raise ValidationError({"outcome": _("Choose granted, refusal_intended or refused.")})
        if application.status == Status.REFUSAL_INTENDED:
            problem = rules.final_decision_problem(application)
            if problem:
                raise ValidationError({"outcome": problem})
        on = _on(date, not_before=application.hearing_held_on or application.complete_on)
        advices = selectors.application_advices(application=application)
        problem = _advice_problem(advices)
        if problem:
            raise ValidationError(problem)
        old = application.status
        late = rules.decision_overdue(application.effective_decision_due, on)
        if outcome == "granted":
            advice = rules.decisive_advice(advices)
            if advice is None or advice.recommendation != Advice.Recommendation.GRANT:
                raise ValidationError(
                    {"outcome": _("No agreed advice recommends granting; the terms of the TLV are unknown.")}
                )
            application.status = Status.GRANTED
            application.outcome = Application.Outcome.GRANTED
            application.provision_type = advice.provision_type
            application.funding_category = advice.funding_category
            application.duration = advice.duration
            application.valid_from = on
            application.valid_until = rules.tlv_valid_until(
                valid_from=on,
                duration=advice.duration,
                provision_type=advice.provision_type,
                birth_date=application.pupil.birth_date,
                school_years=advice.school_years,
                emb=advice.emb,
            )
            application.follow_up_on = rules.follow_up_on(application.type, application.valid_until)
            if application.tlv_id:  # a renewal: the renewed TLV needs no follow-up any more
                Application.objects.filter(pk=application.tlv_id, follow_up_done_on__isnull=True).update(
                    follow_up_done_on=on
                )
        elif outcome == "refusal_intended":
            application.status = Status.REFUSAL_INTENDED
        else:
            application.status = Status.REFUSED
            application.outcome = Application.Outcome.REFUSED
        application.decided_on = on
        application.motivation = motivation
        _save(
            application,
            [
                "status",
                "outcome",
                "provision_type",
                "funding_category",
                "duration",
                "valid_from",
                "valid_until",
                "decided_on",
                "motivation",
                "follow_up_on",
            ],
        )
        if application.is_closed:
            _close(application)
        _record(application, context, outcome, on, old, late=late)
    return application


def hearing_schedule(
    *, application_id: int, hearing_on: datetime.date, date: datetime.date | None = None, context: AuditContext
) -> Application:
    """After an intended refusal the SWV invites the school and the parents to a conversation
    (hoorgesprek): its date (it may lie in the future), on or after the intended refusal.
    It can be moved until it has been held."""
    # 001_28cb0100de53310c.txt:6434-6436
    _authorise(application_id, Action.RECORD_HEARING, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.REFUSAL_INTENDED)
        if application.hearing_done:
            raise ValidationError(_("The hearing has already been recorded."))
        on = _on(date, not_before=application.decided_on)
        if hearing_on < application.decided_on:
            raise ValidationError(
                {
                    "hearing_on": _("The hearing cannot be before the intended refusal of %(day)s.")
                    % {"day": application.decided_on.strftime("%d-%m-%Y")}
                }
            )
        application.hearing_planned_on = hearing_on
        _save(application, ["hearing_planned_on"])
        _record(application, context, "hearing_planned", on, application.status, hearing_on=hearing_on.isoformat())
    return application


def hearing_record(
    *,
    application_id: int,
    held: bool,
    attendees: str = "",
    outcome: str = "",
    date: datetime.date | None = None,
    context: AuditContext,
) -> Application:
    """The hearing was held (on ``date``: who attended and what came out of it), or the parents
    declined the invitation. Either way the final decision can then be taken; what was said
    is weighed in it."""
    # 001_28cb0100de53310c.txt:6434-6442
    _authorise(application_id, Action.RECORD_HEARING, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.REFUSAL_INTENDED)
        if application.hearing_done:
            raise ValidationError(_("The hearing has already been recorded."))
        on = _on(date, not_before=application.decided_on)
        errors = rules.hearing_report_problems(held=held, attendees=attendees, outcome=outcome)
        if errors:
            raise ValidationError(errors)
        if held:
            application.hearing_held_on = on
        else:
            application.hearing_declined = True
        application.hearing_attendees = attendees.strip()
        application.hearing_outcome = outcome.strip()
        _save(
            application,
            ["hearing_held_on", "hearing_declined", "hearing_attendees", "hearing_outcome"],
        )
        _record(application, context, "hearing_held" if held else "hearing_declined", on, application.status)
    return application


# --- Maatwerkbudget, onderwijsarrangement, overbruggingsbudget -------------------------------

BUDGET_TYPES = frozenset(
    {
        ApplicationType.HANDELINGSGERICHTE_ONDERSTEUNING,
        ApplicationType.MAATWERKBUDGET,
        ApplicationType.ONDERWIJSARRANGEMENT,
        ApplicationType.OVERBRUGGINGSBUDGET,
    }
)


def coordinator_review_record(
    *, application_id: int, suitable: bool, note: str, date: datetime.date | None = None, context: AuditContext
) -> Application:
    """The coordinator of an onderwijsarrangement (PO: the SWV's coordinator; VO: the
    orthopedagoog or zorgcoördinator of the school with the arrangement, recorded by SWV staff)
    reviews whether the arrangement suits the pupil, before the decision."""
    # 001_28cb0100de53310c.txt:6061-6069 (PO) and :6148-6156 (VO)
    _authorise(application_id, Action.CHECK_COMPLETENESS, context)
    with transaction.atomic():
        application = _lock(application_id)
        if application.type != ApplicationType.ONDERWIJSARRANGEMENT:
            raise ValidationError(_("Only an onderwijsarrangement has a coordinator review."))
        _require_status(application, Status.COMPLETE)
        if application.coordinator_reviewed_on:
            raise ValidationError(_("The coordinator has already reviewed this application."))
        on = _on(date, not_before=application.complete_on)
        if not note.strip():
            raise ValidationError({"note": _("Write down the coordinator's assessment.")})
        application.coordinator = context.user
        application.coordinator_reviewed_on = on
        _save(application, ["coordinator", "coordinator_reviewed_on"])
        _record(
            application,
            context,
            "coordinator_reviewed",
            on,
            application.status,
            suitable=suitable,
            reviewer=rules.arrangement_reviewer(application.swv.sector),
        )
    return application


def budget_decision_record(
    *,
    application_id: int,
    outcome: str,
    motivation: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    date: datetime.date | None = None,
    context: AuditContext,
) -> Application:
    """The manager (PO: of the stadsdeel; VO: the coördinator steunpunt) decides on a
    maatwerkbudget, an overbruggingsbudget, an onderwijsarrangement or action-oriented support:
    granted for a period (a maatwerkbudget at most 3 months), or refused with reasons. An
    onderwijsarrangement needs the coordinator's review first."""
    # 001_28cb0100de53310c.txt:5986-6002 (maatwerkbudget), :6061-6069 (arrangement), :6623-6640 (overbrugging)
    _authorise(application_id, Action.DECIDE, context)
    with transaction.atomic():
        application = _lock(application_id)
        if application.type not in BUDGET_TYPES:
            raise ValidationError(_("A TLV is decided on the experts' advice, not here."))
        _require_status(application, Status.COMPLETE)
        if not motivation.strip():
            raise ValidationError({"motivation": _("Give the motivation of the decision.")})
        if application.type == ApplicationType.ONDERWIJSARRANGEMENT and not application.coordinator_reviewed_on:
            raise ValidationError(_("The coordinator reviews an onderwijsarrangement before the decision."))
        on = _on(date, not_before=application.complete_on)
        old = application.status
        due = application.effective_decision_due
        late = due is not None and rules.decision_overdue(due, on)
        if outcome == "granted":
            application.period_start = valid_from or application.period_start or on
            application.period_end = valid_until or application.period_end
            max_months = rules.MAATWERK_MAX_MONTHS if application.type == ApplicationType.MAATWERKBUDGET else None
            errors = rules.period_problems(application, max_months)
            if errors:
                raise ValidationError(errors)
            application.status = Status.GRANTED
            application.outcome = Application.Outcome.GRANTED
            application.valid_from = application.period_start
            application.valid_until = application.period_end
            application.follow_up_on = rules.follow_up_on(application.type, application.valid_until)
        elif outcome == "refused":
            application.status = Status.REFUSED
            application.outcome = Application.Outcome.REFUSED
        else:
            raise ValidationError({"outcome": _("Choose granted or refused.")})
        application.decided_on = on
        application.motivation = motivation
        _save(
            application,
            [
                "status",
                "outcome",
                "period_start",
                "period_end",
                "valid_from",
                "valid_until",
                "follow_up_on",
                "decided_on",
                "motivation",
            ],
        )
        _record(application, context, outcome, on, old, late=late)
    return application


def follow_up_record(
    *, application_id: int, renew: bool, note: str = "", date: datetime.date | None = None, context: AuditContext
) -> Application:
    """The follow-up after a grant is done. An onderwijsarrangement renewed runs one more year
    (its next review 3 months before the new end); otherwise the dossier leaves the worklist
    (a TLV: the school decided with the parents whether to request a renewal; a budget: it has
    been evaluated)."""
    # 001_28cb0100de53310c.txt:6103-6109 / :6187-6195 (arrangement), :6547-6549 (TLV), :6004-6010 (evaluation)
    _authorise(application_id, Action.DECIDE, context)
    with transaction.atomic():
        application = _lock(application_id)
        _require_status(application, Status.GRANTED)
        if application.follow_up_on is None or application.follow_up_done_on:
            raise ValidationError(_("There is no follow-up to record for this application."))
        on = _on(date, not_before=application.decided_on)
        if renew and application.type == ApplicationType.ONDERWIJSARRANGEMENT:
            application.valid_until = rules.arrangement_renewed_until(application.valid_until)
            application.follow_up_on = rules.follow_up_on(application.type, application.valid_until)
            _save(application, ["valid_until", "follow_up_on"])
            what = "arrangement_renewed"
        elif renew:
            raise ValidationError(
                {"renew": _("A TLV is renewed through a new application (TLV renewal); record the follow-up as done.")}
            )
        else:
            application.follow_up_done_on = on
            _save(application, ["follow_up_done_on"])
            what = "follow_up_done"
        _record(application, context, what, on, application.status, note=note[:500])
    return application


# --- Deadline reminders ---------------------------------------------------------------------

# Who acts on which date. SWV staff: by role in the dossier's SWV; the school: its users.
_SWV_STAFF = {
    DeadlineKind.DOCUMENTS_DUE: (),
    DeadlineKind.DECISION_DUE: (Role.SECRETARIAT, Role.MANAGER),
    DeadlineKind.DECISION_DUE_EXTENDED: (Role.SECRETARIAT, Role.MANAGER),
    DeadlineKind.HEARING: (Role.SECRETARIAT, Role.MANAGER),
    DeadlineKind.RENEWAL_REVIEW: (Role.MANAGER,),
    DeadlineKind.TLV_EXPIRES: (Role.SECRETARIAT,),
    DeadlineKind.BUDGET_EVALUATION: (Role.MANAGER,),
}
_SCHOOL_ACTS = {
    DeadlineKind.DOCUMENTS_DUE,
    DeadlineKind.RENEWAL_REVIEW,
    DeadlineKind.TLV_EXPIRES,
    DeadlineKind.BUDGET_EVALUATION,
}
# How far ahead the first reminder can fall: 5 working days are at most 7 calendar days.
_REMINDER_HORIZON = datetime.timedelta(days=7)


def _responsible_users(application: Application, kind: str, stage: str) -> list:
    """The users who must act on this date: by role in the dossier's SWV or school, the assigned
    experts who have not advised yet, and the coordinator. When overdue the secretariat too."""
    roles = set(_SWV_STAFF.get(kind, ()))
    if stage == DeadlineReminder.Stage.OVERDUE:
        roles.add(Role.SECRETARIAT)
    assignments = RoleAssignment.objects.active().select_related("user")
    users = {a.user for a in assignments.filter(role__in=roles, swv_id=application.swv_id)}
    if kind in _SCHOOL_ACTS:
        users |= {a.user for a in assignments.filter(role=Role.SCHOOL, school_id=application.school_id)}
    if application.status == Status.IN_ASSESSMENT:
        users |= {a.expert.user for a in application.assignments.select_related("expert__user") if not _advised(a)}
    if application.coordinator_id and kind in (DeadlineKind.RENEWAL_REVIEW, DeadlineKind.BUDGET_EVALUATION):
        users.add(application.coordinator)
    return sorted((user for user in users if user.is_active), key=lambda user: user.pk)


def _advised(assignment: ExpertAssignment) -> bool:
    return Advice.objects.filter(assignment=assignment).exists()


def _reminder_text(application: Application, kind: str, due: datetime.date, today: datetime.date) -> str:
    """No pupil name: the notice and the e-mail name the dossier number, the step and the date."""
    days = (due - today).days
    if days < 0:
        when = _("%(days)d day(s) overdue") % {"days": -days}
    elif days == 0:
        when = _("due today")
    else:
        when = _("%(days)d day(s) left") % {"days": days}
    return _("Dossier %(id)s (%(type)s): %(what)s on %(due)s, %(when)s.") % {
        "id": application.pk,
        "type": application.get_type_display(),
        "what": DeadlineKind(kind).label,
        "due": due.strftime("%d-%m-%Y"),
        "when": when,
    }


def deadline_reminders_send(*, today: datetime.date | None = None, context: AuditContext) -> dict:
    """Remind the responsible users of every deadline 5 working days and 1 day before it and
    the day after it passed: an in-app ``Notice`` each and an e-mail (Django's mail API). Each
    (dossier, date, stage) is reminded once: a second run the same day sends nothing. Returns
    how many reminders, notices and e-mails went out, and the ids of the overdue dossiers
    (all of them, reminded before or not: nothing passes a deadline silently)."""
    from django.core.mail import send_mass_mail

    from .worklist import item_for, worklist_queryset_all

    today = today or timezone.localdate()
    candidates = worklist_queryset_all().filter(sort_on__lte=today + _REMINDER_HORIZON)
    sent = {"reminders": 0, "notices": 0, "emails": 0, "overdue": []}
    for application in candidates.iterator(chunk_size=500):
        item = item_for(application, today)
        due, kind = item.due_on, item.kind
        if due is None:
            continue
        if due < today:
            sent["overdue"].append(application.pk)
        stage = rules.reminder_stage(due, today)
        if stage is None:
            continue
        with transaction.atomic():
            reminder, created = DeadlineReminder.objects.get_or_create(
                application=application,
                kind=kind,
                due_on=due,
                stage=stage,
                defaults={"swv_id": application.swv_id, "sent_on": today},
            )
            if not created:
                continue
            users = _responsible_users(application, kind, stage)
            message = _reminder_text(application, kind, due, today)
            Notice.objects.bulk_create(
                [Notice(user=user, application=application, reminder=reminder, message=message) for user in users]
            )
            reminder.recipients = len(users)
            reminder.save(update_fields=["recipients"])
            audit_event_record(
                context=context,
                action=AuditAction.CREATE,
                outcome=AuditOutcome.SUCCESS,
                object_type="deadline_reminder",
                object_id=reminder.pk,
                swv_id=application.swv_id,
                access_basis=permissions.Basis.SCOPE,
                detail={
                    "application": application.pk,
                    "kind": kind,
                    "due_on": due.isoformat(),
                    "stage": stage,
                    "recipients": [user.pk for user in users],
                },
            )
            recipients = [user.email for user in users if user.email]
            if recipients:
                # One e-mail per recipient: colleagues do not see each other's addresses.
                mails = tuple((_("Dekkend: a deadline is near"), message, None, [r]) for r in recipients)
                transaction.on_commit(lambda mails=mails: send_mass_mail(mails, fail_silently=True))
        sent["reminders"] += 1
        sent["notices"] += len(users)
        sent["emails"] += len(recipients)
    return sent


# --- Notices --------------------------------------------------------------------------------


def notices_mark_read(*, context: AuditContext, notice_id: int | None = None) -> int:
    """The user marks one of their own notices as read (``notice_id``), or all of them. Another
    user's notice is not found (``Http404``). Returns how many were marked."""
    from django.http import Http404

    user = context.user
    if not permissions.has_action(user, Action.VIEW_NOTICES):
        raise PermissionDenied
    notices = Notice.objects.filter(permissions.notice_scope_q(user), read_at__isnull=True)
    if notice_id is not None:
        if not Notice.objects.filter(permissions.notice_scope_q(user), pk=notice_id).exists():
            raise Http404
        notices = notices.filter(pk=notice_id)
    return notices.update(read_at=timezone.now())
