"""Reads and figures of the steunpunt. A read of one case (thuiszitter, escalation) or a list of
them is permission-checked by :mod:`dekkend.core.permissions` and written to the audit log,
allowed or denied, like a pupil read. The aggregates (``*_counts``, ``*_share``) hold no pupil
data and take the SWV; the caller decides who may see them (small numbers: see
``dekkend.web.selectors.suppress_small``).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.http import Http404
from django.utils import timezone

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action

from . import rules
from .models import (
    Escalation,
    EscalationLevel,
    EscalationStep,
    ParentHours,
    Question,
    SurveyAnswer,
    SurveyAudience,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
    Theme,
    Thuiszitter,
)

MAX_ID = 2**63 - 1  # ids are 64-bit; a larger one in a path is simply not found


# --- one case, audited ----------------------------------------------------------------------


def _audit(context, action, outcome, object_type, object_id, **fields) -> None:
    audit_event_record(
        context=context, action=action, outcome=outcome, object_type=object_type, object_id=object_id, **fields
    )


def case_get(
    *,
    model: type[Model],
    object_type: str,
    object_id: int,
    context: AuditContext,
    action: Action,
    read_action: Action,
    audit_success: bool = True,
):
    """One thuiszitter or escalation for ``context.user``, checked for ``action``.

    ``PermissionDenied`` when the user's roles never allow ``action``; ``Http404`` when the row
    does not exist or lies outside the user's scope. Denials are always audited; a successful
    read too unless ``audit_success`` is off (a service writes its own event).
    """
    user = context.user
    audit_action = AuditAction.READ if action == read_action else AuditAction.UPDATE
    if not permissions.has_action(user, action):
        _audit(context, audit_action, AuditOutcome.DENIED, object_type, object_id, access_basis=permissions.Basis.NONE)
        raise PermissionDenied
    row = None
    if 0 < object_id <= MAX_ID:
        row = model.objects.select_related("swv", "school", "pupil").filter(pk=object_id).first()
    if row is None:
        _audit(context, audit_action, AuditOutcome.ERROR, object_type, object_id)
        raise Http404
    decision = permissions.decide_steunpunt_case(user, action, row)
    if not decision.allowed or audit_success:
        _audit(
            context,
            audit_action,
            AuditOutcome.SUCCESS if decision.allowed else AuditOutcome.DENIED,
            object_type,
            row.pk,
            pupil_id=row.pupil_id,
            swv_id=row.swv_id,
            role=decision.role,
            access_basis=decision.basis,
        )
    if not decision.allowed:
        raise Http404
    return row


def case_list_audit(*, context: AuditContext, object_type: str, rows: list, allowed: bool = True) -> None:
    """One audit row for a list of cases, naming every case and pupil it showed."""
    audit_event_record(
        context=context,
        action=AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS if allowed else AuditOutcome.DENIED,
        object_type=object_type,
        access_basis=permissions.Basis.SCOPE if allowed else permissions.Basis.NONE,
        detail={f"{object_type}_ids": [r.pk for r in rows], "pupil_ids": [r.pupil_id for r in rows if r.pupil_id]},
    )


# --- Thuiszitters ---------------------------------------------------------------------------


def thuiszitter_get(
    *, thuiszitter_id: int, context: AuditContext, action: Action = Action.VIEW_THUISZITTERS, audit_success=True
) -> Thuiszitter:
    return case_get(
        model=Thuiszitter,
        object_type="thuiszitter",
        object_id=thuiszitter_id,
        context=context,
        action=action,
        read_action=Action.VIEW_THUISZITTERS,
        audit_success=audit_success,
    )


def thuiszitter_queryset(*, user, open_only: bool = False) -> QuerySet[Thuiszitter]:
    """The thuiszitter cases the user may see (not audited by itself: call
    :func:`case_list_audit` with the rows shown)."""
    queryset = Thuiszitter.objects.filter(
        permissions.steunpunt_case_scope_q(user, Action.VIEW_THUISZITTERS)
    ).select_related("swv", "school", "pupil")
    if open_only:
        queryset = queryset.filter(ended_on__isnull=True)
    return queryset


@dataclass
class QuarterCount:
    """The thuiszitter figures of one quarter of one SWV (no pupil data)."""

    label: str
    start: datetime.date
    end: datetime.date
    reported: int = 0  # new reports in the quarter
    active: int = 0  # open on some day of the quarter
    ended: int = 0  # ended in the quarter
    by_category: dict[str, int] = field(default_factory=dict)  # on the quarter's last day (or today)
    reasons: dict[str, int] = field(default_factory=dict)  # of the active cases
    duration_days: dict = field(default_factory=dict)  # quartiles of the cases ended in the quarter

    @property
    def thuiszitters(self) -> int:
        """Absolute absence plus thuiszitters (the "formal" count), on the quarter's last day."""
        return self.by_category.get(rules.Category.ABSOLUTE, 0) + self.by_category.get(rules.Category.THUISZITTER, 0)

    @property
    def threatened(self) -> int:
        return self.by_category.get(rules.Category.THREATENED, 0)


def thuiszitter_counts(
    *, swv, start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> list[QuarterCount]:
    """Thuiszitter figures per calendar quarter overlapping [start, end] for one SWV.

    For monitoring (004_1b42683098db768b.txt:76: the list is updated per quarter). The category
    of each open case is taken on the quarter's last day, or ``today`` for the running quarter.
    """
    today = today or timezone.localdate()
    swv_id = getattr(swv, "pk", swv)
    quarters = rules.quarters_between(start, end)
    if not quarters:
        return []
    rows = list(
        Thuiszitter.objects.filter(swv_id=swv_id, reported_on__lte=quarters[-1][1])
        .exclude(ended_on__lt=quarters[0][0])
        .values("kind", "absent_since", "reported_on", "ended_on", "reason")
    )
    result = []
    for q_start, q_end in quarters:
        count = QuarterCount(label=rules.quarter_label(q_start), start=q_start, end=q_end)
        on = min(q_end, today)
        categories: Counter = Counter()
        reasons: Counter = Counter()
        durations = []
        for row in rows:
            if q_start <= row["reported_on"] <= q_end:
                count.reported += 1
            if row["ended_on"] and q_start <= row["ended_on"] <= q_end:
                count.ended += 1
                durations.append(
                    rules.duration_days(reported_on=row["reported_on"], ended_on=row["ended_on"], on=row["ended_on"])
                )
            if rules.active_in(reported_on=row["reported_on"], ended_on=row["ended_on"], start=q_start, end=q_end):
                count.active += 1
                reasons[row["reason"]] += 1
                if row["reported_on"] <= on:
                    category = rules.thuiszitter_category(
                        kind=row["kind"], absent_since=row["absent_since"], on=on, ended_on=row["ended_on"]
                    )
                    if category != rules.Category.ENDED:
                        categories[category] += 1
        count.by_category = dict(categories)
        count.reasons = dict(reasons.most_common())
        count.duration_days = rules.quartiles(durations)
        result.append(count)
    return result


# --- Escalations ----------------------------------------------------------------------------


def escalation_get(
    *, escalation_id: int, context: AuditContext, action: Action = Action.VIEW_ESCALATIONS, audit_success=True
) -> Escalation:
    return case_get(
        model=Escalation,
        object_type="escalation",
        object_id=escalation_id,
        context=context,
        action=action,
        read_action=Action.VIEW_ESCALATIONS,
        audit_success=audit_success,
    )


def escalation_queryset(*, user, open_only: bool = False) -> QuerySet[Escalation]:
    """The escalations the user may see (not audited by itself: call :func:`case_list_audit`)."""
    queryset = Escalation.objects.filter(
        permissions.steunpunt_case_scope_q(user, Action.VIEW_ESCALATIONS)
    ).select_related("swv", "school", "level")
    if open_only:
        queryset = queryset.filter(solved_at__isnull=True)
    return queryset


def escalation_steps(*, escalation: Escalation) -> list[EscalationStep]:
    return list(escalation.steps.select_related("from_level", "to_level", "by"))


def ladder(*, swv) -> list[EscalationLevel]:
    """The SWV's escalatieladder, lowest level first (organisation data, not case data)."""
    return list(EscalationLevel.objects.filter(swv_id=getattr(swv, "pk", swv)).order_by("order"))


@dataclass
class ClockShare:
    """The impasse clock over one period (escalations opened in it) of one SWV."""

    label: str
    start: datetime.date
    end: datetime.date
    opened: int = 0
    solved: int = 0
    solved_fast: int = 0  # within 48 hours
    solved_in_week: int = 0  # within 7 days (includes the fast ones)
    open_overdue: int = 0  # still open after more than a week

    @property
    def fast_share(self) -> float | None:
        """Share of the solved escalations solved within 48 hours (target 80%)."""
        return self.solved_fast / self.solved if self.solved else None

    @property
    def target_met(self) -> bool | None:
        return rules.fast_share_met(self.solved_fast, self.solved)


def escalation_fast_share(
    *, swv, start: datetime.date, end: datetime.date, period: str = "quarter", now: datetime.datetime | None = None
) -> list[ClockShare]:
    """Per month or quarter: escalations opened, solved, solved within 48 hours and within a week,
    and still open past the week (001_28cb0100de53310c.txt:1611-1615). For monitoring."""
    now = now or timezone.now()
    swv_id = getattr(swv, "pk", swv)
    periods = rules.periods_between(start, end, period)
    if not periods:
        return []
    tz = timezone.get_current_timezone()
    rows = list(
        Escalation.objects.filter(
            swv_id=swv_id, opened_at__date__gte=periods[0][1], opened_at__date__lte=periods[-1][2]
        ).values_list("opened_at", "solved_at")
    )
    result = []
    for label, first, last in periods:
        share = ClockShare(label=label, start=first, end=last)
        for opened_at, solved_at in rows:
            if not first <= opened_at.astimezone(tz).date() <= last:
                continue
            share.opened += 1
            if solved_at is not None:
                share.solved += 1
                share.solved_fast += rules.solved_within_48_hours(opened_at, solved_at)
                share.solved_in_week += rules.solved_within_week(opened_at, solved_at)
            elif rules.clock_state(opened_at, None, now) == rules.Clock.OVERDUE:
                share.open_overdue += 1
        result.append(share)
    return result


# --- Steunpunt questions --------------------------------------------------------------------


def question_queryset(*, user, action: Action = Action.VIEW_QUESTIONS) -> QuerySet[Question]:
    """The questions of the SWVs whose steunpunt the user works for (not audited by itself)."""
    swv_ids = permissions.steunpunt_question_swv_ids(user, action)
    return Question.objects.filter(swv_id__in=swv_ids).select_related("swv", "school")


def question_get(
    *, question_id: int, context: AuditContext, action: Action = Action.VIEW_QUESTIONS, audit_success=True
) -> Question:
    """One question for steunpunt staff of its SWV: 403 without the role, 404 outside the SWV;
    audited like a case (a question holds a parent's personal data)."""
    user = context.user
    audit_action = AuditAction.READ if action == Action.VIEW_QUESTIONS else AuditAction.UPDATE
    if not permissions.has_action(user, action):
        _audit(
            context, audit_action, AuditOutcome.DENIED, "question", question_id, access_basis=permissions.Basis.NONE
        )
        raise PermissionDenied
    question = None
    if 0 < question_id <= MAX_ID:
        question = Question.objects.select_related("swv", "school", "pupil").filter(pk=question_id).first()
    if question is None:
        _audit(context, audit_action, AuditOutcome.ERROR, "question", question_id)
        raise Http404
    allowed = question.swv_id in permissions.steunpunt_question_swv_ids(user, action)
    if not allowed or audit_success:
        _audit(
            context,
            audit_action,
            AuditOutcome.SUCCESS if allowed else AuditOutcome.DENIED,
            "question",
            question.pk,
            pupil_id=question.pupil_id,
            swv_id=question.swv_id,
            access_basis=permissions.Basis.SCOPE if allowed else permissions.Basis.NONE,
        )
    if not allowed:
        raise Http404
    return question


def parent_hours_slots(*, swv) -> list[tuple[int, datetime.time, datetime.time]]:
    return list(ParentHours.objects.filter(swv_id=getattr(swv, "pk", swv)).values_list("weekday", "starts", "ends"))


@dataclass
class QuestionPeriod:
    """The steunpunt's figures over one period (questions received in it) of one SWV."""

    label: str
    start: datetime.date
    end: datetime.date
    received: int = 0
    answered: int = 0
    lead_time_hours: dict = field(default_factory=dict)  # quartiles (Snel)
    wanted_result_share: float | None = None  # Goed
    not_wanted: int = 0  # answered, but not the wanted result (informatieknooppunt)
    themes: dict[str, int] = field(default_factory=dict)


def question_figures(
    *, swv, start: datetime.date, end: datetime.date, period: str = "quarter"
) -> list[QuestionPeriod]:
    """Per month or quarter: questions received and answered, the lead time question -> answer
    (quartiles, hours), the share with the wanted result and the count per theme
    (001_28cb0100de53310c.txt:1787-1815; trend of themes: 004_1b42683098db768b.txt:109)."""
    periods = rules.periods_between(start, end, period)
    if not periods:
        return []
    tz = timezone.get_current_timezone()
    rows = list(
        Question.objects.filter(
            swv_id=getattr(swv, "pk", swv),
            received_at__date__gte=periods[0][1],
            received_at__date__lte=periods[-1][2],
        ).values_list("received_at", "answered_at", "wanted_result", "theme")
    )
    result = []
    for label, first, last in periods:
        figures = QuestionPeriod(label=label, start=first, end=last)
        in_period = [row for row in rows if first <= row[0].astimezone(tz).date() <= last]
        figures.received = len(in_period)
        lead_times = [rules.lead_time_hours(r, a) for r, a, _w, _t in in_period if a is not None]
        figures.answered = len(lead_times)
        figures.lead_time_hours = rules.quartiles(lead_times)
        outcomes = [w for _r, a, w, _t in in_period if a is not None]
        figures.wanted_result_share = rules.wanted_result_share(outcomes)
        figures.not_wanted = sum(1 for w in outcomes if w is False)
        figures.themes = dict(Counter(t for *_rest, t in in_period))
        result.append(figures)
    return result


def theme_labels() -> dict[str, str]:
    return dict(Theme.choices)


# --- Satisfaction surveys -------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyRecipient:
    school_id: int
    school_name: str
    pupil_id: int | None = None
    pupil_name: str = ""
    pupil_number: str = ""


def survey_recipients(
    *, swv_id: int, audience: str, period_start: datetime.date, period_end: datetime.date
) -> list[SurveyRecipient]:
    """Who gets a link: the parents of every pupil whose TLV or arrangement was granted in the
    period (004_1b42683098db768b.txt:108), or every school that applied for a TLV in it (004:89).
    Not audited by itself: :func:`dekkend.steunpunt.services.survey_round_send` records the
    pupils in its audit event."""
    from dekkend.referrals.models import Application

    applications = Application.objects.filter(swv_id=swv_id)
    if audience == SurveyAudience.PARENTS:
        rows = (
            applications.filter(
                type__in=rules.SURVEY_TYPES_PARENTS, outcome="granted", decided_on__range=(period_start, period_end)
            )
            .order_by("school__name", "pupil__last_name", "pupil_id")
            .values_list(
                "pupil_id",
                "pupil__school_id",
                "pupil__school__name",
                "pupil__first_name",
                "pupil__last_name",
                "pupil__pupil_number",
            )
            .distinct()
        )
        seen: set[int] = set()
        recipients = []
        for pupil_id, school_id, school_name, first, last, number in rows:
            if pupil_id not in seen:
                seen.add(pupil_id)
                recipients.append(SurveyRecipient(school_id, school_name, pupil_id, f"{first} {last}", number))
        return recipients
    rows = (
        applications.filter(type__in=rules.SURVEY_TYPES_SCHOOLS, submitted_on__range=(period_start, period_end))
        .order_by("school__name", "school_id")
        .values_list("school_id", "school__name")
        .distinct()
    )
    return [SurveyRecipient(school_id, name) for school_id, name in rows]


def survey_round_queryset(*, user) -> QuerySet[SurveyRound]:
    """The rounds of the SWVs the user may send surveys for (no pupil data)."""
    return SurveyRound.objects.filter(swv_id__in=permissions.steunpunt_survey_swv_ids(user)).select_related("swv")


def survey_round_get(*, user, round_id: int) -> SurveyRound:
    """One round for its SWV's office: 403 without the action, 404 outside the SWV."""
    if not permissions.has_action(user, Action.MANAGE_SURVEYS):
        raise PermissionDenied
    found = survey_round_queryset(user=user).filter(pk=round_id).first() if 0 < round_id <= MAX_ID else None
    if found is None:
        raise Http404
    return found


@dataclass
class StatementResult:
    """One statement of a round in aggregate: counts per score with small cells suppressed."""

    code: str
    label: str
    answers: int
    cells: dict[int, int | None]
    agree_share: float | None
    mean: float | None

    @property
    def answers_shown(self) -> int | None:
        return self.answers if self.answers >= rules.SURVEY_SMALL_CELL else None


@dataclass
class SurveyResults:
    round: SurveyRound
    responses: int
    used: int
    statements: list[StatementResult]

    @property
    def response_rate(self) -> float | None:
        return self.used / self.round.invited if self.round.invited else None


def survey_results(*, survey: SurveyRound) -> SurveyResults:
    """The round's answers in aggregate only: per statement the count per score (cells under 5
    shown as "<5", see :func:`rules.survey_suppress`), the share that agrees and the mean (none
    under 5 answers). Two queries; no row of one respondent leaves this function."""
    counts: dict[str, Counter] = {}
    for statement, score, number in (
        SurveyAnswer.objects.filter(response__round=survey)
        .values_list("statement", "score")
        .annotate(number=Count("id"))
        .order_by()
    ):
        counts.setdefault(statement, Counter())[score] = number
    statements = []
    for code, label in rules.SURVEY_STATEMENTS[survey.audience]:
        scores = dict(counts.get(code, Counter()))
        statements.append(
            StatementResult(
                code=code,
                label=str(label),
                answers=sum(scores.values()),
                cells=rules.survey_suppress(scores),
                agree_share=rules.survey_agree_share(scores),
                mean=rules.survey_mean(scores),
            )
        )
    return SurveyResults(
        round=survey,
        responses=SurveyResponse.objects.filter(round=survey).count(),
        used=SurveyInvitation.objects.filter(round=survey, used=True).count(),
        statements=statements,
    )
