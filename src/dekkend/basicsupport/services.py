"""Writes of basisondersteuning: publishing a norm version, opening a zelfscan round, a school
saving and submitting its answers, its board releasing them to the SWV.

Who may do what is asked of :mod:`dekkend.core.permissions`; a context without a signed-in user
is the system itself (the loader command, the demo). Every change leaves an audit event."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.organisations.models import School, Swv

from . import rules
from .models import Answer, Aspect, CardLevel, NormVersion, OfferedLevel, Question, Round, Submission
from .selectors import round_questions, round_schools


def _user(context: AuditContext):
    return context.user if getattr(context.user, "is_authenticated", False) else None


def _audit(context, action, object_type, object_id, swv_id, outcome=AuditOutcome.SUCCESS, **detail) -> None:
    audit_event_record(
        context=context,
        action=action,
        outcome=outcome,
        object_type=object_type,
        object_id=object_id,
        swv_id=swv_id,
        detail=detail,
    )


@transaction.atomic
def norm_version_load(*, path: Path | None = None, context: AuditContext) -> NormVersion:
    """Publish the norm in ``path`` (default: the current version). Idempotent: a version
    already published is returned unchanged. A new version is new rows; rounds of an older
    version keep theirs."""
    norm = rules.norm_file_read(path)
    existing = NormVersion.objects.filter(code=norm.code, version=norm.version).first()
    if existing is not None:
        return existing
    version = NormVersion(
        code=norm.code,
        version=norm.version,
        title=norm.title,
        published_on=norm.published_on,
        source=norm.source,
        variants=list(norm.variants),
        knowledge_card=norm.knowledge_card,
    )
    version.full_clean()
    version.save()
    CardLevel.objects.bulk_create(
        CardLevel(
            norm_version=version,
            level=item["level"],
            norm=item["norm"],
            title=item["title"],
            description=item["description"],
            source=item["source"],
        )
        for item in norm.levels
    )
    order = 0
    for position, data in enumerate(norm.aspects, start=1):
        aspect = Aspect.objects.create(
            norm_version=version,
            code=data.code,
            kind=data.kind,
            title=data.title,
            variants=list(data.variants),
            order=position,
            source=data.source,
        )
        questions = []
        for item in data.questions:
            order += 1
            questions.append(
                Question(
                    aspect=aspect,
                    code=item.code,
                    text=item.text,
                    quote=item.quote,
                    source=item.source,
                    level=item.level,
                    variants=list(item.variants),
                    order=order,
                )
            )
        Question.objects.bulk_create(questions)
    _audit(context, AuditAction.CREATE, "norm_version", version.pk, None, version=norm.version, questions=order)
    return version


def _previous_round(swv: Swv, variant: str, school_year: str) -> Round | None:
    return Round.objects.filter(swv=swv, variant=variant, school_year__lt=school_year).order_by("-school_year").first()


def round_open(
    *,
    swv: Swv,
    variant: str,
    school_year: str,
    title: str = "",
    threshold: Decimal = rules.DEFAULT_THRESHOLD,
    norm_version: NormVersion | None = None,
    opened_on: date | None = None,
    closes_on: date | None = None,
    context: AuditContext,
) -> Round:
    """The SWV opens a zelfscan round for one variant; it is compared with the previous round
    of the same variant. Default norm: the newest published version that has the variant."""
    user = _user(context)
    if user is not None and not permissions.may_open_zelfscan_round(user, swv.pk):
        _audit(context, AuditAction.CREATE, "zelfscan_round", "", swv.pk, AuditOutcome.DENIED)
        raise PermissionDenied
    with transaction.atomic():  # a denied attempt above is logged on its own
        if norm_version is None:
            candidates = [v for v in NormVersion.objects.order_by("-published_on", "-id") if variant in v.variants]
            norm_version = candidates[0] if candidates else None
        if norm_version is None:
            raise ValidationError({"norm_version": _("No published norm has questions for this group of schools.")})
        if variant not in norm_version.variants:
            raise ValidationError(
                {
                    "variant": _("Norm %(version)s has no questions for this group of schools.")
                    % {"version": norm_version}
                }
            )
        if Round.objects.filter(swv=swv, variant=variant, school_year=school_year).exists():
            raise ValidationError(
                {"school_year": _("There already is a round for this school year and these schools.")}
            )
        zelfscan_round = Round(
            swv=swv,
            norm_version=norm_version,
            variant=variant,
            school_year=school_year,
            title=title or _("Zelfscan %(year)s") % {"year": school_year},
            threshold=threshold,
            opened_on=opened_on or timezone.localdate(),
            closes_on=closes_on,
            previous=_previous_round(swv, variant, school_year),
            opened_by=user,
        )
        zelfscan_round.full_clean()
        zelfscan_round.save()
        _audit(context, AuditAction.CREATE, "zelfscan_round", zelfscan_round.pk, swv.pk, variant=variant)
        return zelfscan_round


def round_close(*, zelfscan_round: Round, context: AuditContext) -> Round:
    """Close a round: no more answers; results stay."""
    user = _user(context)
    if user is not None and not permissions.may_open_zelfscan_round(user, zelfscan_round.swv_id):
        _audit(
            context,
            AuditAction.UPDATE,
            "zelfscan_round",
            zelfscan_round.pk,
            zelfscan_round.swv_id,
            AuditOutcome.DENIED,
        )
        raise PermissionDenied
    with transaction.atomic():  # a denied attempt above is logged on its own
        zelfscan_round.status = Round.Status.CLOSED
        zelfscan_round.save(update_fields=["status"])
        _audit(
            context, AuditAction.UPDATE, "zelfscan_round", zelfscan_round.pk, zelfscan_round.swv_id, status="closed"
        )
        return zelfscan_round


def _question_label(question: Question) -> str:
    return _("question %(number)s (%(aspect)s: “%(text)s”)") % {
        "number": question.pk,
        "aspect": question.aspect.title,
        "text": question.text[:80],
    }


def _check_answers(questions: dict[int, Question], answers: dict) -> dict[int, int | None]:
    """Answers keyed by question id, each on the scale; a Dutch error naming the question."""
    clean: dict[int, int | None] = {}
    for key, value in answers.items():
        try:
            question_id = int(key)
        except (TypeError, ValueError):
            question_id = None
        if question_id not in questions:
            raise ValidationError({"answers": _("Question %(id)s is not part of this zelfscan.") % {"id": key}})
        if value in (None, ""):
            clean[question_id] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int | str) or str(value) not in {"1", "2", "3", "4"}:
            raise ValidationError(
                {
                    "answers": _("Choose an answer from 1 to 4 for %(question)s.")
                    % {"question": _question_label(questions[question_id])}
                }
            )
        clean[question_id] = int(value)
    return clean


def _answerable(zelfscan_round: Round, school: School, context: AuditContext) -> None:
    user = _user(context)
    if user is not None and not permissions.decide_zelfscan_answer(user, school).allowed:
        _audit(
            context,
            AuditAction.UPDATE,
            "zelfscan_submission",
            "",
            school.swv_id,
            AuditOutcome.DENIED,
            school=school.pk,
        )
        raise PermissionDenied(_("Only the school itself fills in its zelfscan."))
    if zelfscan_round.status != Round.Status.OPEN:
        raise ValidationError({"round": _("This round is closed.")})
    if not round_schools(zelfscan_round).filter(pk=school.pk).exists():
        raise ValidationError({"school": _("This school does not take part in this round.")})


def submission_save(
    *,
    zelfscan_round: Round,
    school: School,
    answers: dict,
    comments: dict[int, str] | None = None,
    ambitions: list[int] | None = None,
    offered_levels: dict[int, int | None] | None = None,
    comment: str | None = None,
    submit: bool = False,
    context: AuditContext,
) -> Submission:
    """The school saves what it has typed (any part of the scan); with ``submit`` the scan
    goes to the board, which needs every question answered. ``offered_levels`` maps a theme
    to the level beyond the basis the school offers (3 or 4; None: the basis only). Bad input
    stores nothing."""
    _answerable(zelfscan_round, school, context)
    with transaction.atomic():  # a denied attempt above is logged on its own
        questions = {q.pk: q for q in round_questions(zelfscan_round)}
        clean = _check_answers(questions, answers)
        submission, _created = Submission.objects.select_for_update().get_or_create(
            round=zelfscan_round, school=school
        )
        if submission.status != Submission.Status.DRAFT:
            raise ValidationError(
                {"status": _("This zelfscan has been submitted already and can no longer be changed.")}
            )
        comments = comments or {}
        existing = {a.question_id: a for a in submission.answers.all()}
        to_create, to_update, to_delete = [], [], []
        for question_id, score in clean.items():
            note = (comments.get(question_id) or "")[:2000]
            answer = existing.get(question_id)
            if score is None:
                if answer is not None:
                    to_delete.append(answer.pk)
            elif answer is None:
                to_create.append(Answer(submission=submission, question_id=question_id, score=score, comment=note))
            elif (answer.score, answer.comment) != (score, note):
                answer.score, answer.comment = score, note
                to_update.append(answer)
        Answer.objects.filter(pk__in=to_delete).delete()
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(to_update, ["score", "comment"])
        if ambitions is not None:
            themes = set(
                Aspect.objects.filter(
                    norm_version=zelfscan_round.norm_version, kind=Aspect.Kind.THEME, pk__in=ambitions
                ).values_list("pk", flat=True)
            )
            unknown = set(ambitions) - themes
            if unknown:
                raise ValidationError(
                    {"ambitions": _("Theme %(id)s is not part of this norm.") % {"id": min(unknown)}}
                )
            submission.ambitions.set(themes)
        if offered_levels is not None:
            _offered_levels_set(submission, offered_levels)
        fields = ["updated_at"]
        if comment is not None:
            submission.comment = comment[:10000]
            fields.append("comment")
        if submit:
            submission_check_complete(submission=submission, questions=list(questions.values()))
            submission.status = Submission.Status.SUBMITTED
            submission.submitted_at = timezone.now()
            fields += ["status", "submitted_at"]
        submission.save(update_fields=fields)
        _audit(
            context,
            AuditAction.UPDATE,
            "zelfscan_submission",
            submission.pk,
            zelfscan_round.swv_id,
            answers=len(clean),
            status=submission.status,
        )
        return submission


def submission_check_complete(*, submission: Submission, questions: list[Question]) -> None:
    """A scan is submitted only when every question is answered; the message names the
    first open questions."""
    answered = set(submission.answers.values_list("question_id", flat=True))
    missing = [q for q in questions if q.pk not in answered]
    if missing:
        raise ValidationError(
            {
                "answers": _("Not answered yet: %(questions)s.")
                % {"questions": "; ".join(_question_label(q) for q in missing[:3])}
                + (" " + _("And %(count)d more.") % {"count": len(missing) - 3} if len(missing) > 3 else "")
            }
        )


def _offered_levels_set(submission: Submission, offered_levels: dict[int, int | None]) -> None:
    themes = {
        a.pk
        for a in Aspect.objects.filter(norm_version_id=submission.round.norm_version_id, kind=Aspect.Kind.THEME)
        if submission.round.variant in a.variants
    }
    unknown = set(offered_levels) - themes
    if unknown:
        raise ValidationError({"offered_levels": _("Theme %(id)s is not part of this norm.") % {"id": min(unknown)}})
    off_scale = [pk for pk, level in offered_levels.items() if level not in (None, *OfferedLevel.Level.values)]
    if off_scale:
        raise ValidationError({"offered_levels": _("Give level 3 or 4 for theme %(id)s.") % {"id": min(off_scale)}})
    OfferedLevel.objects.filter(submission=submission, aspect_id__in=list(offered_levels)).delete()
    OfferedLevel.objects.bulk_create(
        OfferedLevel(submission=submission, aspect_id=pk, level=level)
        for pk, level in offered_levels.items()
        if level is not None
    )


def _for_board(submission: Submission, context: AuditContext) -> None:
    user = _user(context)
    if user is not None and not permissions.decide_zelfscan_release(user, submission.school).allowed:
        _audit(
            context,
            AuditAction.UPDATE,
            "zelfscan_submission",
            submission.pk,
            submission.round.swv_id,
            AuditOutcome.DENIED,
        )
        raise PermissionDenied(_("Only the school's own board releases its results."))


def submission_release(*, submission: Submission, context: AuditContext) -> Submission:
    """The board makes a submitted scan available to the SWV (001_28cb0100de53310c.txt:4633-4634).
    Cannot be undone: from now on the SWV counts it."""
    _for_board(submission, context)
    with transaction.atomic():  # a denied attempt above is logged on its own
        if submission.status != Submission.Status.SUBMITTED:
            raise ValidationError({"status": _("Only a submitted zelfscan can be released.")})
        submission.status = Submission.Status.RELEASED
        submission.released_at = timezone.now()
        submission.released_by = _user(context)
        submission.save(update_fields=["status", "released_at", "released_by"])
        _audit(
            context,
            AuditAction.UPDATE,
            "zelfscan_submission",
            submission.pk,
            submission.round.swv_id,
            status="released",
        )
        return submission


def submission_return(*, submission: Submission, context: AuditContext) -> Submission:
    """The board sends a submitted scan back to the school to change it (answers kept)."""
    _for_board(submission, context)
    with transaction.atomic():  # a denied attempt above is logged on its own
        if submission.status != Submission.Status.SUBMITTED:
            raise ValidationError({"status": _("Only a submitted zelfscan can be sent back.")})
        submission.status = Submission.Status.DRAFT
        submission.submitted_at = None
        submission.save(update_fields=["status", "submitted_at"])
        _audit(
            context, AuditAction.UPDATE, "zelfscan_submission", submission.pk, submission.round.swv_id, status="draft"
        )
        return submission
