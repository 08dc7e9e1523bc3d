"""Reads of the plans app: the plans a user may see, one plan with its contents, and the PDCA
evaluation (counts per status per chapter, goals on course, projects within hours and budget)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from dekkend.core import permissions

from . import rules
from .models import Activity, ActivityStatus, CalendarEntry, Chapter, Goal, Indicator, Plan, StatusChange, Subsidy


def plans_for(user) -> QuerySet[Plan]:
    """The plans of the user's SWVs (a plan shared by two SWVs once)."""
    return (
        Plan.objects.filter(swvs__in=permissions.plan_swv_ids(user))
        .distinct()
        .prefetch_related("swvs")
        .order_by("organisation", "starts", "kind")
    )


def plan_get(*, user, plan_id: int, contents: bool = True) -> Plan:
    """One plan (with its chapters, goals, indicators and activities unless ``contents`` is
    false); 404 outside the user's SWVs."""
    if not contents:
        plan = plans_for(user).filter(pk=plan_id).first()
        if plan is None:
            raise Http404
        return plan
    plan = (
        plans_for(user)
        .filter(pk=plan_id)
        .prefetch_related(
            Prefetch(
                "chapters",
                queryset=Chapter.objects.order_by("position").prefetch_related(
                    Prefetch("goals", queryset=Goal.objects.order_by("position")),
                    Prefetch("indicators", queryset=Indicator.objects.order_by("position")),
                    Prefetch("activities", queryset=Activity.objects.order_by("position")),
                ),
            )
        )
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def activity_get(*, user, activity_id: int) -> Activity:
    activity = (
        Activity.objects.select_related("chapter__plan", "goal")
        .filter(pk=activity_id, chapter__plan__swvs__in=permissions.plan_swv_ids(user))
        .distinct()
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def activity_history(*, activity: Activity) -> QuerySet[StatusChange]:
    return activity.status_changes.select_related("changed_by").order_by("changed_at", "pk")


@dataclass
class ChapterEvaluation:
    chapter: Chapter
    statuses: Counter = field(default_factory=Counter)
    goals: int = 0
    goals_on_course: int = 0
    goals_off_course: int = 0
    budget_planned: Decimal = Decimal(0)
    budget_spent: Decimal = Decimal(0)

    @property
    def activities(self) -> int:
        return sum(self.statuses.values())

    def count(self, status: str) -> int:
        return self.statuses.get(status, 0)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.count(value)) for value, label in ActivityStatus.choices]


@dataclass
class PlanEvaluation:
    plan: Plan
    chapters: list[ChapterEvaluation]
    projects: int
    projects_with_hours: int
    projects_within_hours: int
    projects_with_budget: int
    projects_within_budget: int

    @property
    def statuses(self) -> Counter:
        total: Counter = Counter()
        for chapter in self.chapters:
            total.update(chapter.statuses)
        return total

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        totals = self.statuses
        return [(value, label, totals.get(value, 0)) for value, label in ActivityStatus.choices]

    @property
    def activities(self) -> int:
        return sum(self.statuses.values())

    @property
    def goals(self) -> int:
        return sum(chapter.goals for chapter in self.chapters)

    @property
    def goals_on_course(self) -> int:
        return sum(chapter.goals_on_course for chapter in self.chapters)

    @property
    def goals_assessed(self) -> int:
        return sum(chapter.goals_on_course + chapter.goals_off_course for chapter in self.chapters)

    @property
    def done_share(self):
        return rules.share(self.statuses.get(ActivityStatus.DONE, 0), self.activities)

    @property
    def hours_share(self):
        return rules.share(self.projects_within_hours, self.projects_with_hours)

    @property
    def budget_share(self):
        return rules.share(self.projects_within_budget, self.projects_with_budget)

    @property
    def done_meets_target(self):
        return rules.meets_target(self.done_share)

    @property
    def hours_meet_target(self):
        return rules.meets_target(self.hours_share)

    @property
    def budget_meets_target(self):
        return rules.meets_target(self.budget_share)


PROJECT_KINDS = (Activity.Kind.PROJECT, Activity.Kind.SUBSIDY)


def plan_evaluation(*, plan: Plan) -> PlanEvaluation:
    """The PDCA evaluation of a plan, in the shape of the tussenevaluatie (002:18-22): activities
    per status per chapter, goals on course, and the year plan's indicators "projects within
    hours" and "within budget" against 75% (000:435-438). Three queries."""
    chapters = {chapter.pk: ChapterEvaluation(chapter) for chapter in plan.chapters.order_by("position")}
    for goal in Goal.objects.filter(chapter__plan=plan).only("chapter_id", "on_course"):
        evaluation = chapters[goal.chapter_id]
        evaluation.goals += 1
        evaluation.goals_on_course += goal.on_course is True
        evaluation.goals_off_course += goal.on_course is False
    projects = with_hours = within_hours = with_budget = within_budget = 0
    for activity in Activity.objects.filter(chapter__plan=plan).only(
        "chapter_id", "kind", "status", "hours_planned", "hours_spent", "budget_planned", "budget_spent"
    ):
        evaluation = chapters[activity.chapter_id]
        evaluation.statuses[activity.status] += 1
        evaluation.budget_planned += activity.budget_planned or 0
        evaluation.budget_spent += activity.budget_spent or 0
        projects += activity.kind in PROJECT_KINDS
        # Counted for every activity whose planned and spent figures are both known: Plein 013
        # budgets its goals' activities (004:47-52) without calling them projects.
        hours = rules.within(activity.hours_planned, activity.hours_spent)
        budget = rules.within(activity.budget_planned, activity.budget_spent)
        with_hours += hours is not None
        within_hours += hours is True
        with_budget += budget is not None
        within_budget += budget is True
    return PlanEvaluation(
        plan=plan,
        chapters=list(chapters.values()),
        projects=projects,
        projects_with_hours=with_hours,
        projects_within_hours=within_hours,
        projects_with_budget=with_budget,
        projects_within_budget=within_budget,
    )


@dataclass
class CalendarSummary:
    entries: list[CalendarEntry]
    counted: int
    on_time: int

    @property
    def share(self):
        return rules.share(self.on_time, self.counted)

    @property
    def meets_target(self):
        return rules.meets_target(self.share, rules.CALENDAR_TARGET)


def plan_calendar(*, plan: Plan) -> CalendarSummary:
    """The plan's year calendar and the share of documents discussed on time (000:440-442)."""
    entries = list(plan.calendar.order_by("planned_on", "discussed_on", "pk"))
    verdicts = [rules.discussed_on_time(entry.planned_on, entry.discussed_on) for entry in entries]
    for entry, verdict in zip(entries, verdicts, strict=True):
        entry.on_time = verdict
    return CalendarSummary(
        entries=entries,
        counted=sum(verdict is not None for verdict in verdicts),
        on_time=sum(verdict is True for verdict in verdicts),
    )


def plan_subsidies(*, plan: Plan, today) -> list[Subsidy]:
    """The plan's subsidy register, each marked ``overdue`` when its accounting is late."""
    subsidies = list(plan.subsidies.order_by("accounting_due", "name"))
    for subsidy in subsidies:
        subsidy.overdue = rules.accounting_overdue(subsidy.accounting_due, subsidy.accounted_on, today)
    return subsidies
