"""Writes of the steunpunt, one function per business action, named ``<noun>_<verb>``. Each
checks the permission through :mod:`dekkend.core.permissions` (outside its transaction, so a
denied attempt stays in the audit log), validates with ``full_clean()`` (bad input: a Dutch
``ValidationError`` and nothing changes) and writes its audit event in the same transaction.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School
from dekkend.pupils.models import Pupil

from . import rules, selectors
from .models import (
    AbsenceKind,
    Channel,
    Escalation,
    EscalationLevel,
    EscalationStep,
    Question,
    SurveyAnswer,
    SurveyAudience,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
    Thuiszitter,
    ThuiszitterFollowUp,
)


def _not_future(day: datetime.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _user(context: AuditContext):
    return context.user if getattr(context.user, "is_authenticated", False) else None


def _record(context: AuditContext, object_type: str, row, step: str, action=AuditAction.UPDATE, **detail) -> None:
    audit_event_record(
        context=context,
        action=action,
        outcome=AuditOutcome.SUCCESS,
        object_type=object_type,
        object_id=row.pk,
        pupil_id=getattr(row, "pupil_id", None),
        swv_id=row.swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={"step": step, **{k: str(v) for k, v in detail.items()}},
    )


# --- Thuiszitters ---------------------------------------------------------------------------


def thuiszitter_register(
    *,
    pupil_id: int,
    kind: str,
    reported_on: datetime.date,
    reason: str,
    absent_since: datetime.date | None = None,
    plan: str = "",
    responsible_name: str = "",
    next_follow_up: datetime.date | None = None,
    context: AuditContext,
) -> Thuiszitter:
    """Register a (threatened) thuiszitter for a pupil the user may see. The school is the
    pupil's school of enrolment (none for absolute absence)."""
    user = context.user
    if not permissions.has_action(user, Action.REGISTER_THUISZITTERS):
        raise PermissionDenied
    pupil = Pupil.objects.select_related("school").filter(pk=pupil_id).first() if 0 < pupil_id <= 2**63 - 1 else None
    if pupil is None or not permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil).allowed:
        raise ValidationError({"pupil": _("This pupil is unknown or not in your scope.")})
    _not_future(reported_on, "reported_on")
    _not_future(absent_since, "absent_since")
    case = Thuiszitter(
        swv_id=pupil.swv_id,
        pupil=pupil,
        school=None if kind == AbsenceKind.ABSOLUUT else pupil.school,
        kind=kind,
        absent_since=absent_since,
        reported_on=reported_on,
        reason=reason,
        plan=plan,
        responsible=_user(context) if not responsible_name else None,
        responsible_name=responsible_name,
        next_follow_up=next_follow_up,
    )
    if not permissions.decide_steunpunt_case(user, Action.REGISTER_THUISZITTERS, case).allowed:
        raise ValidationError({"pupil": _("You cannot register a thuiszitter for this pupil.")})
    with transaction.atomic():
        case.full_clean()
        case.save()
        _record(context, "thuiszitter", case, "registered", AuditAction.CREATE, kind=kind, reason=reason)
    return case


def thuiszitter_plan_update(
    *,
    thuiszitter_id: int,
    plan: str,
    responsible_name: str = "",
    next_follow_up: datetime.date | None = None,
    context: AuditContext,
) -> Thuiszitter:
    """Record the plan, the responsible person and the next follow-up date."""
    selectors.thuiszitter_get(
        thuiszitter_id=thuiszitter_id, context=context, action=Action.REGISTER_THUISZITTERS, audit_success=False
    )
    with transaction.atomic():
        case = Thuiszitter.objects.select_for_update().get(pk=thuiszitter_id)
        if case.ended_on:
            raise ValidationError(_("This case has ended; it cannot be changed."))
        case.plan = plan
        case.responsible_name = responsible_name
        case.responsible = None if responsible_name else _user(context)
        case.next_follow_up = next_follow_up
        case.full_clean()
        case.save(update_fields=["plan", "responsible_name", "responsible", "next_follow_up"])
        _record(context, "thuiszitter", case, "plan_updated", next_follow_up=next_follow_up or "")
    return case


def thuiszitter_follow_up_record(
    *,
    thuiszitter_id: int,
    done_on: datetime.date,
    note: str,
    next_follow_up: datetime.date | None = None,
    context: AuditContext,
) -> ThuiszitterFollowUp:
    """A follow-up happened: note what was done and plan the next one."""
    selectors.thuiszitter_get(
        thuiszitter_id=thuiszitter_id, context=context, action=Action.REGISTER_THUISZITTERS, audit_success=False
    )
    _not_future(done_on, "done_on")
    if next_follow_up and next_follow_up <= done_on:
        raise ValidationError({"next_follow_up": _("The next follow-up must come after this one.")})
    with transaction.atomic():
        case = Thuiszitter.objects.select_for_update().get(pk=thuiszitter_id)
        if case.ended_on:
            raise ValidationError(_("This case has ended; it cannot be changed."))
        if done_on < case.reported_on:
            raise ValidationError({"done_on": _("The follow-up cannot be before the report.")})
        follow_up = ThuiszitterFollowUp(
            thuiszitter=case,
            planned_on=case.next_follow_up or done_on,
            done_on=done_on,
            note=note,
            recorded_by=_user(context),
        )
        follow_up.full_clean()
        follow_up.save()
        case.next_follow_up = next_follow_up
        case.save(update_fields=["next_follow_up"])
        _record(context, "thuiszitter", case, "follow_up", done_on=done_on)
    return follow_up


def thuiszitter_end(
    *, thuiszitter_id: int, ended_on: datetime.date, end_note: str, context: AuditContext
) -> Thuiszitter:
    """The pupil is back in education (or the case ends otherwise)."""
    selectors.thuiszitter_get(
        thuiszitter_id=thuiszitter_id, context=context, action=Action.REGISTER_THUISZITTERS, audit_success=False
    )
    _not_future(ended_on, "ended_on")
    with transaction.atomic():
        case = Thuiszitter.objects.select_for_update().get(pk=thuiszitter_id)
        if case.ended_on:
            raise ValidationError(_("This case has already ended."))
        case.ended_on = ended_on
        case.end_note = end_note
        case.next_follow_up = None
        case.full_clean()
        case.save(update_fields=["ended_on", "end_note", "next_follow_up"])
        _record(context, "thuiszitter", case, "ended", ended_on=ended_on)
    return case


# --- Escalations ----------------------------------------------------------------------------


def escalation_open(
    *,
    swv_id: int,
    subject: str,
    level_id: int | None = None,
    school_id: int | None = None,
    pupil_id: int | None = None,
    breakthrough_officer: str = "",
    opened_at: datetime.datetime | None = None,
    context: AuditContext,
) -> Escalation:
    """A case is stuck: open an escalation on a level of the SWV's ladder (the lowest level by
    default). The impasse clock starts at ``opened_at`` (default now)."""
    user = context.user
    if not permissions.has_action(user, Action.MANAGE_ESCALATIONS):
        raise PermissionDenied
    levels = selectors.ladder(swv=swv_id)
    if not levels:
        raise ValidationError({"level": _("This samenwerkingsverband has no escalation ladder yet.")})
    level = next((lv for lv in levels if lv.pk == level_id), None) if level_id else levels[0]
    if level is None:
        raise ValidationError({"level": _("Choose a level of the ladder of this samenwerkingsverband.")})
    school = School.objects.filter(pk=school_id, swv_id=swv_id).first() if school_id else None
    if school_id and school is None:
        raise ValidationError({"school": _("This school is unknown in this samenwerkingsverband.")})
    pupil = None
    if pupil_id:
        pupil = Pupil.objects.select_related("school").filter(pk=pupil_id, swv_id=swv_id).first()
        if pupil is None or not permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil).allowed:
            raise ValidationError({"pupil": _("This pupil is unknown or not in your scope.")})
        school = school or pupil.school
    opened_at = opened_at or timezone.now()
    if opened_at > timezone.now():
        raise ValidationError({"opened_at": _("The date cannot be in the future.")})
    escalation = Escalation(
        swv_id=swv_id,
        school=school,
        pupil=pupil,
        subject=subject,
        level=level,
        breakthrough_officer=breakthrough_officer,
        opened_at=opened_at,
        created_by=_user(context),
    )
    if not permissions.decide_steunpunt_case(user, Action.MANAGE_ESCALATIONS, escalation).allowed:
        raise ValidationError({"school": _("You cannot open an escalation for this school.")})
    with transaction.atomic():
        escalation.full_clean()
        escalation.save()
        EscalationStep.objects.create(
            escalation=escalation, to_level=level, reason=subject, at=opened_at, by=_user(context)
        )
        _record(context, "escalation", escalation, "opened", AuditAction.CREATE, level=level.order)
    return escalation


def escalation_raise(*, escalation_id: int, reason: str, context: AuditContext) -> Escalation:
    """The case stays stuck at this level: it goes one level up the ladder, with the reason."""
    selectors.escalation_get(
        escalation_id=escalation_id, context=context, action=Action.MANAGE_ESCALATIONS, audit_success=False
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case goes up a level.")})
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().select_related("level").get(pk=escalation_id)
        if escalation.solved_at:
            raise ValidationError(_("This escalation is solved; it cannot go up a level."))
        above = rules.next_level(selectors.ladder(swv=escalation.swv_id), escalation.level.order)
        if above is None:
            raise ValidationError(_("This is the highest level of the ladder."))
        previous = escalation.level
        escalation.level = above
        escalation.full_clean()
        escalation.save(update_fields=["level"])
        EscalationStep.objects.create(
            escalation=escalation, from_level=previous, to_level=above, reason=reason, by=_user(context)
        )
        _record(context, "escalation", escalation, "raised", from_level=previous.order, to_level=above.order)
    return escalation


def escalation_solve(
    *, escalation_id: int, solution: str, solved_at: datetime.datetime | None = None, context: AuditContext
) -> Escalation:
    """The impasse is solved: stop the clock and record the solution."""
    selectors.escalation_get(
        escalation_id=escalation_id, context=context, action=Action.MANAGE_ESCALATIONS, audit_success=False
    )
    if not solution.strip():
        raise ValidationError({"solution": _("Describe the solution.")})
    solved_at = solved_at or timezone.now()
    if solved_at > timezone.now():
        raise ValidationError({"solved_at": _("The date cannot be in the future.")})
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().get(pk=escalation_id)
        if escalation.solved_at:
            raise ValidationError(_("This escalation is already solved."))
        escalation.solved_at = solved_at
        escalation.solution = solution
        escalation.full_clean()
        escalation.save(update_fields=["solved_at", "solution"])
        _record(
            context,
            "escalation",
            escalation,
            "solved",
            within_48_hours=rules.solved_within_48_hours(escalation.opened_at, solved_at),
        )
    return escalation


def escalation_ladder_set(*, swv, levels, context: AuditContext) -> list:
    """Set the SWV's ladder from (name, functions, meetings, source) tuples, lowest level first.
    Levels already in use keep their rows (renamed in place); nothing is deleted."""
    rows = []
    with transaction.atomic():
        for order, (name, functions, meetings, source) in enumerate(levels, start=1):
            level, _created = EscalationLevel.objects.update_or_create(
                swv=swv,
                order=order,
                defaults={"name": name, "functions": functions, "meetings": meetings, "source": source},
            )
            rows.append(level)
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="escalation_ladder",
            object_id=swv.pk,
            swv_id=swv.pk,
            detail={"levels": [row.name for row in rows]},
        )
    return rows


# --- Steunpunt questions --------------------------------------------------------------------


def _question_record(context: AuditContext, question: Question, step: str, action=AuditAction.UPDATE, **detail):
    _record(context, "question", question, step, action, **detail)


def question_submit_public(
    *,
    swv_id: int,
    asker: str,
    theme: str,
    text: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    context: AuditContext,
) -> Question:
    """A parent, young person or professional asks a question through the public web form (no
    sign-in). The form has already checked the size, the honeypot and the rate limit."""
    question = Question(
        swv_id=swv_id, channel=Channel.WEB, asker=asker, theme=theme, text=text, name=name, email=email, phone=phone
    )
    with transaction.atomic():
        question.full_clean()
        question.save()
        _question_record(context, question, "asked", AuditAction.CREATE, channel=Channel.WEB)
    return question


def question_take_in(
    *,
    swv_id: int,
    channel: str,
    asker: str,
    theme: str,
    text: str,
    urgency: str = Question.Urgency.NORMAL,
    name: str = "",
    email: str = "",
    phone: str = "",
    received_at: datetime.datetime | None = None,
    context: AuditContext,
) -> Question:
    """Steunpunt staff take in a question that came by phone, mail or web."""
    if swv_id not in permissions.steunpunt_question_swv_ids(context.user, Action.HANDLE_QUESTIONS):
        raise PermissionDenied
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The date cannot be in the future.")})
    question = Question(
        swv_id=swv_id,
        channel=channel,
        asker=asker,
        theme=theme,
        text=text,
        urgency=urgency,
        name=name,
        email=email,
        phone=phone,
        received_at=received_at,
        handled_by=_user(context),
    )
    with transaction.atomic():
        question.full_clean()
        question.save()
        _question_record(context, question, "taken_in", AuditAction.CREATE, channel=channel)
    return question


def question_link(
    *,
    question_id: int,
    consent_on: datetime.date | None,
    school_id: int | None = None,
    pupil_id: int | None = None,
    context: AuditContext,
) -> Question:
    """Link the question to a school and/or pupil: only with the asker's consent recorded, and
    only to a pupil the staff member may see."""
    question = selectors.question_get(
        question_id=question_id, context=context, action=Action.HANDLE_QUESTIONS, audit_success=False
    )
    if not rules.link_allowed(consent_on):
        raise ValidationError({"consent_on": _("Link a school or pupil only with recorded consent.")})
    _not_future(consent_on, "consent_on")
    pupil = None
    if pupil_id:
        pupil = Pupil.objects.select_related("school").filter(pk=pupil_id, swv_id=question.swv_id).first()
        if pupil is None or not permissions.decide_pupil(context.user, Action.VIEW_PUPIL, pupil).allowed:
            raise ValidationError({"pupil": _("This pupil is unknown or not in your scope.")})
    school = School.objects.filter(pk=school_id, swv_id=question.swv_id).first() if school_id else None
    if school_id and school is None:
        raise ValidationError({"school": _("This school is unknown in this samenwerkingsverband.")})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question_id)
        question.consent_on = consent_on
        question.pupil = pupil
        question.school = school or (pupil.school if pupil else None)
        question.full_clean()
        question.save(update_fields=["consent_on", "pupil", "school"])
        _question_record(context, question, "linked", school=question.school_id or "", pupil=question.pupil_id or "")
    return question


def question_answer(
    *,
    question_id: int,
    answer: str,
    steps_taken: str = "",
    follow_up: str = "",
    wanted_result: bool | None = None,
    answered_at: datetime.datetime | None = None,
    context: AuditContext,
) -> Question:
    """Record the steps taken, the answer, the follow-up and whether the asker got what they
    wanted. Answering again corrects the record (the first answer time stays)."""
    selectors.question_get(
        question_id=question_id, context=context, action=Action.HANDLE_QUESTIONS, audit_success=False
    )
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    answered_at = answered_at or timezone.now()
    if answered_at > timezone.now():
        raise ValidationError({"answered_at": _("The date cannot be in the future.")})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question_id)
        question.answer = answer
        question.steps_taken = steps_taken
        question.follow_up = follow_up
        question.wanted_result = wanted_result
        question.answered_at = question.answered_at or answered_at
        question.handled_by = question.handled_by or _user(context)
        question.full_clean()
        question.save(
            update_fields=["answer", "steps_taken", "follow_up", "wanted_result", "answered_at", "handled_by"]
        )
        _question_record(context, question, "answered", wanted_result=wanted_result)
    return question


def question_callback_plan(*, question_id: int, at: datetime.datetime, context: AuditContext) -> Question:
    """Plan a call-back appointment, only inside the SWV's parents' hours and not in the past."""
    question = selectors.question_get(
        question_id=question_id, context=context, action=Action.HANDLE_QUESTIONS, audit_success=False
    )
    if at < timezone.now():
        raise ValidationError({"at": _("A call-back cannot be planned in the past.")})
    slots = selectors.parent_hours_slots(swv=question.swv_id)
    if not rules.within_parents_hours(timezone.localtime(at), slots):
        raise ValidationError({"at": _("Plan the call-back inside the parents' hours.")})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question_id)
        question.callback_at = at
        question.save(update_fields=["callback_at"])
        _question_record(context, question, "callback_planned", at=at.isoformat())
    return question


# --- Satisfaction surveys -------------------------------------------------------------------


def survey_token_hash(token: str) -> str:
    """What is stored of a one-time link: the SHA-256 of its random token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SurveyLink:
    """A one-time link as made when a round is sent: shown once, never stored in clear."""

    token: str
    school_name: str
    pupil_id: int | None = None
    pupil_name: str = ""
    pupil_number: str = ""


def survey_round_send(
    *,
    swv_id: int,
    audience: str,
    period_start: datetime.date,
    period_end: datetime.date,
    link_days: int = rules.SURVEY_LINK_DAYS_DEFAULT,
    context: AuditContext,
) -> tuple[SurveyRound, list[SurveyLink]]:
    """Send a satisfaction survey round: one one-time link per recipient (the parents of each pupil
    who got a TLV or arrangement decided in the period, or each school that applied for a TLV in
    it; 004_1b42683098db768b.txt:89, 108). Returns the round and the links, which exist in clear
    only in this return value (the database keeps their hashes)."""
    if swv_id not in permissions.steunpunt_survey_swv_ids(context.user):
        raise PermissionDenied
    if audience not in SurveyAudience.values:
        raise ValidationError({"audience": _("Choose parents or schools.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The end of the period cannot be before its start.")})
    _not_future(period_start, "period_start")
    if not 1 <= link_days <= rules.SURVEY_LINK_DAYS_MAX:
        raise ValidationError(
            {"link_days": _("A link is valid for 1 to %(days)d days.") % {"days": rules.SURVEY_LINK_DAYS_MAX}}
        )
    recipients = selectors.survey_recipients(
        swv_id=swv_id, audience=audience, period_start=period_start, period_end=period_end
    )
    if not recipients:
        raise ValidationError(_("Nobody in this period to send the survey to."))
    now = timezone.now()
    links = []
    with transaction.atomic():
        survey = SurveyRound.objects.create(
            swv_id=swv_id,
            audience=audience,
            period_start=period_start,
            period_end=period_end,
            sent_at=now,
            expires_at=now + datetime.timedelta(days=link_days),
            invited=len(recipients),
            created_by=_user(context),
        )
        invitations = []
        for recipient in recipients:
            token = secrets.token_urlsafe(32)
            invitations.append(
                SurveyInvitation(
                    round=survey,
                    token_hash=survey_token_hash(token),
                    pupil_id=recipient.pupil_id,
                    school_id=recipient.school_id,
                )
            )
            links.append(
                SurveyLink(
                    token=token,
                    school_name=recipient.school_name,
                    pupil_id=recipient.pupil_id,
                    pupil_name=recipient.pupil_name,
                    pupil_number=recipient.pupil_number,
                )
            )
        SurveyInvitation.objects.bulk_create(invitations, batch_size=1000)
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="survey_round",
            object_id=survey.pk,
            swv_id=swv_id,
            access_basis=permissions.Basis.SCOPE,
            detail={
                "step": "sent",
                "audience": audience,
                "invited": len(recipients),
                "pupil_ids": [r.pupil_id for r in recipients if r.pupil_id],
                "school_ids": sorted({r.school_id for r in recipients if r.school_id}),
            },
        )
    return survey, links


class SurveyLinkRefused(ValidationError):
    """The link cannot be used: ``code`` is "unknown", "used" or "expired"."""


def survey_invitation_check(*, token: str, now: datetime.datetime | None = None) -> SurveyRound:
    """The round of a usable one-time link; ``SurveyLinkRefused`` otherwise (nothing changes)."""
    invitation = (
        SurveyInvitation.objects.select_related("round").filter(token_hash=survey_token_hash(token)).first()
        if token and len(token) <= 100
        else None
    )
    if invitation is None:
        raise SurveyLinkRefused(_("This link is not known."), code="unknown")
    if invitation.used:
        raise SurveyLinkRefused(_("This link has already been used."), code="used")
    if not rules.survey_link_valid(expires_at=invitation.round.expires_at, used=False, now=now or timezone.now()):
        raise SurveyLinkRefused(_("This link has expired."), code="expired")
    return invitation.round


def survey_answer_submit(*, token: str, scores: dict[str, int | None]) -> SurveyResponse:
    """Store the answers of one one-time link, anonymously: the response knows its round only;
    the link is marked used and forgets its recipient in the same transaction. No audit event
    and no request data (time, address), so nothing ties the answers to the recipient."""
    with transaction.atomic():
        invitation = (
            SurveyInvitation.objects.select_for_update()
            .select_related("round")
            .filter(token_hash=survey_token_hash(token))
            .first()
            if token and len(token) <= 100
            else None
        )
        if invitation is None:
            raise SurveyLinkRefused(_("This link is not known."), code="unknown")
        if invitation.used:
            raise SurveyLinkRefused(_("This link has already been used."), code="used")
        if not rules.survey_link_valid(expires_at=invitation.round.expires_at, used=False, now=timezone.now()):
            raise SurveyLinkRefused(_("This link has expired."), code="expired")
        statements = {code for code, _label in rules.SURVEY_STATEMENTS[invitation.round.audience]}
        if set(scores) - statements or any(v is not None and v not in rules.SURVEY_SCALE for v in scores.values()):
            raise ValidationError(_("Choose one of the answers."))
        response = SurveyResponse.objects.create(round=invitation.round)
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, statement=code, score=score)
            for code, score in sorted(scores.items())
            if score is not None
        )
        invitation.used = True
        invitation.pupil = None
        invitation.school = None
        invitation.save(update_fields=["used", "pupil", "school"])
    return response
