"""Writes of the plans app: loading the published plans, and the PDCA steps on an activity
(status with evidence, hours and spending). Each asks the permissions module and is audited."""

import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.organisations.models import Swv

from . import rules
from .models import (
    Activity,
    ActivityStatus,
    Body,
    CalendarEntry,
    Chapter,
    Goal,
    Indicator,
    Plan,
    StatusChange,
    Subsidy,
)

DATA = Path(__file__).resolve().parent / "data"
PLAN_FILES = (
    "almere_ondersteuningsplan_2023_2027.yaml",
    "almere_jaarplan_2025_2026.yaml",
    "plein013_jaarplan_2025.yaml",
)


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@transaction.atomic
def plan_load(*, path: Path, context: AuditContext) -> Plan | None:
    """Load one plan file for the SWVs of it that exist here; None when none exists or the plan
    is already there (loading is idempotent)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)["plan"]
    swvs = list(Swv.objects.filter(code__in=data["swvs"]))
    if not swvs or Plan.objects.filter(organisation=data["organisation"], title=data["title"]).exists():
        return None
    parent = None
    if data.get("parent"):
        parent = Plan.objects.filter(organisation=data["organisation"], title=data["parent"]).first()
    plan = Plan.objects.create(
        kind=data["kind"],
        parent=parent,
        title=data["title"],
        organisation=data["organisation"],
        starts=_date(data["starts"]),
        ends=_date(data["ends"]),
        source=data.get("source", ""),
        evaluation_source=data.get("evaluation_source", ""),
    )
    plan.swvs.set(swvs)
    changes = []
    for chapter_position, item in enumerate(data["chapters"], start=1):
        chapter = Chapter.objects.create(
            plan=plan,
            kind=item.get("kind", Chapter.Kind.CHAPTER),
            position=chapter_position,
            title=item["title"],
            description=item.get("description", ""),
            source=item.get("source", ""),
        )
        indicator_position = 0
        activity_position = 0
        for goal_position, goal_data in enumerate(item.get("goals", []), start=1):
            goal = Goal.objects.create(
                chapter=chapter, position=goal_position, text=goal_data["text"], source=goal_data.get("source", "")
            )
            for indicator in goal_data.get("indicators", []):
                indicator_position += 1
                Indicator.objects.create(
                    chapter=chapter,
                    goal=goal,
                    position=indicator_position,
                    text=indicator["text"],
                    code=indicator.get("code", ""),
                    target=indicator.get("target", ""),
                    progress=indicator.get("progress", ""),
                    source=indicator.get("source", ""),
                )
            if goal_data.get("activity"):
                activity_position += 1
                activity = goal_data["activity"]
                Activity.objects.create(
                    chapter=chapter,
                    goal=goal,
                    position=activity_position,
                    text=activity["text"],
                    indicator_text=activity.get("indicator_text", ""),
                    budget_planned=_amount(activity.get("budget_planned")),
                    budget_note=activity.get("budget_note", ""),
                    source=goal_data.get("source", ""),
                )
        for indicator in item.get("indicators", []):
            indicator_position += 1
            Indicator.objects.create(
                chapter=chapter,
                position=indicator_position,
                text=indicator["text"],
                code=indicator.get("code", ""),
                target=indicator.get("target", ""),
                progress=indicator.get("progress", ""),
                source=indicator.get("source", ""),
            )
        for activity in item.get("activities", []):
            activity_position += 1
            created = Activity.objects.create(
                chapter=chapter,
                position=activity_position,
                kind=activity.get("kind", Activity.Kind.ACTIVITY),
                name=activity.get("name", ""),
                text=activity["text"],
                status=activity.get("status", ActivityStatus.PLANNED),
                status_text=activity.get("status_text", ""),
                source=activity.get("source", ""),
            )
            if created.status != ActivityStatus.PLANNED:
                changes.append(
                    StatusChange(
                        activity=created,
                        old_status=ActivityStatus.PLANNED,
                        new_status=created.status,
                        evidence=_("As reported in the evaluation: %(text)s") % {"text": created.status_text},
                        source=activity.get("status_source", ""),
                    )
                )
    StatusChange.objects.bulk_create(changes)
    CalendarEntry.objects.bulk_create(
        CalendarEntry(
            plan=plan,
            document=entry["document"],
            body=entry["body"],
            planned_on=_date(entry["planned_on"]) if entry.get("planned_on") else None,
            discussed_on=_date(entry["discussed_on"]) if entry.get("discussed_on") else None,
            outcome=entry.get("outcome", ""),
            source=entry.get("source", ""),
        )
        for entry in data.get("calendar", [])
    )
    Subsidy.objects.bulk_create(
        Subsidy(
            plan=plan,
            name=item["name"],
            status=item["status"],
            funder=item.get("funder", ""),
            amount_granted=_amount(item.get("amount_granted")),
            goals=item.get("goals", ""),
            accounting_due=_date(item["accounting_due"]) if item.get("accounting_due") else None,
            source=item.get("source", ""),
        )
        for item in data.get("subsidies", [])
    )
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="plan",
        object_id=plan.pk,
        swv_id=swvs[0].pk,
        detail={"title": plan.title, "source": plan.source},
    )
    return plan


def plans_load(*, context: AuditContext) -> list[Plan]:
    """Load every published plan in ``data/`` (in order: a year plan after its support plan)."""
    return [plan for name in PLAN_FILES if (plan := plan_load(path=DATA / name, context=context)) is not None]


def _editable_activity(activity_id: int, context: AuditContext) -> Activity:
    activity = Activity.objects.select_related("chapter__plan").filter(pk=activity_id).first()
    user = context.user
    if activity is None or activity.chapter.plan.swvs.filter(pk__in=permissions.plan_swv_ids(user)).count() == 0:
        raise Http404
    if not permissions.may_edit_plan(user, activity.chapter.plan):
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            object_type="plan_activity",
            object_id=activity_id,
        )
        raise PermissionDenied(_("Your role does not allow changing this plan."))
    return activity


def activity_status_change(*, activity_id: int, status: str, evidence: str, context: AuditContext) -> Activity:
    """Change an activity's status; closing it (done, not achieved, not feasible) needs evidence.
    Every change is kept in the history and the audit log (a refused attempt too)."""
    activity = _editable_activity(activity_id, context)
    with transaction.atomic():
        return _status_change(activity, status, evidence, context)


def _status_change(activity: Activity, status: str, evidence: str, context: AuditContext) -> Activity:
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    problem = rules.evidence_problem(status, evidence)
    if problem:
        raise ValidationError({"evidence": problem})
    if status == activity.status:
        raise ValidationError({"status": _("The activity already has this status.")})
    old = activity.status
    activity.status = status
    activity.status_text = ""
    activity.save(update_fields=["status", "status_text"])
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    StatusChange.objects.create(
        activity=activity, old_status=old, new_status=status, changed_by=user, evidence=evidence.strip()
    )
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="plan_activity",
        object_id=activity.pk,
        detail={"old_status": old, "new_status": status},
    )
    return activity


def activity_progress_record(
    *,
    activity_id: int,
    owner: str,
    hours_planned: Decimal | None,
    hours_spent: Decimal | None,
    budget_planned: Decimal | None,
    budget_spent: Decimal | None,
    context: AuditContext,
) -> Activity:
    """Record the owner, hours and money of an activity. Amounts may not be negative."""
    activity = _editable_activity(activity_id, context)
    with transaction.atomic():
        return _progress_record(activity, owner, hours_planned, hours_spent, budget_planned, budget_spent, context)


def _progress_record(activity, owner, hours_planned, hours_spent, budget_planned, budget_spent, context) -> Activity:
    values = {
        "hours_planned": hours_planned,
        "hours_spent": hours_spent,
        "budget_planned": budget_planned,
        "budget_spent": budget_spent,
    }
    errors = {name: _("May not be negative.") for name, value in values.items() if value is not None and value < 0}
    if errors:
        raise ValidationError(errors)
    old = {name: str(getattr(activity, name)) for name in [*values, "owner"]}
    for name, value in values.items():
        setattr(activity, name, value)
    activity.owner = owner.strip()
    activity.full_clean()
    activity.save(update_fields=[*values, "owner"])
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="plan_activity",
        object_id=activity.pk,
        detail={"old": old, "new": {name: str(getattr(activity, name)) for name in old}},
    )
    return activity


def _editable_plan(plan_id: int, context: AuditContext) -> Plan:
    user = context.user
    plan = Plan.objects.filter(pk=plan_id, swvs__in=permissions.plan_swv_ids(user)).distinct().first()
    if plan is None:
        raise Http404
    if not permissions.may_edit_plan(user, plan):
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            object_type="plan_calendar",
            object_id=plan_id,
        )
        raise PermissionDenied(_("Your role does not allow changing this plan."))
    return plan


def calendar_entry_add(
    *,
    plan_id: int,
    document: str,
    body: str,
    planned_on: datetime.date,
    discussed_on: datetime.date | None = None,
    outcome: str = "",
    today: datetime.date | None = None,
    context: AuditContext,
) -> CalendarEntry:
    """Put a document on the year calendar for a body. The planned date lies in the plan's
    period; a discussion cannot be dated in the future."""
    plan = _editable_plan(plan_id, context)
    today = today or timezone.localdate()
    errors = {}
    if body not in Body.values:
        errors["body"] = _("Choose one of the bodies.")
    if not document.strip():
        errors["document"] = _("Name the document.")
    if not plan.starts <= planned_on <= plan.ends:
        errors["planned_on"] = _("Choose a date within the plan's period (%(starts)s to %(ends)s).") % {
            "starts": plan.starts.strftime("%d-%m-%Y"),
            "ends": plan.ends.strftime("%d-%m-%Y"),
        }
    if discussed_on is not None and discussed_on > today:
        errors["discussed_on"] = _("A discussion cannot lie in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = CalendarEntry.objects.create(
            plan=plan,
            document=document.strip(),
            body=body,
            planned_on=planned_on,
            discussed_on=discussed_on,
            outcome=outcome.strip(),
        )
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="plan_calendar",
            object_id=entry.pk,
            detail={"plan": plan.pk, "body": body, "planned_on": planned_on.isoformat()},
        )
    return entry
