"""PDCA: a status change needs evidence for closing statuses, is kept in the history and moves
the evaluation counts; hours and money feed the 75% indicators; only manager and policy edit."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.plans import rules, selectors, services
from dekkend.plans.models import Activity, ActivityStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_plan(plans):
    return plans["Jaarplan 2025-2026"]


@pytest.fixture
def policy(swvs):
    return user_with_role(Role.POLICY, swv=swvs["almere-po"])


def _project(plan, name="Datagestuurd werken"):
    return Activity.objects.get(chapter__plan=plan, name=name)


def test_done_without_evidence_is_refused_and_nothing_changes(year_plan, policy):
    project = _project(year_plan)
    with pytest.raises(ValidationError) as error:
        services.activity_status_change(
            activity_id=project.pk, status=ActivityStatus.DONE, evidence="  kort ", context=AuditContext(user=policy)
        )
    assert "evidence" in error.value.message_dict
    project.refresh_from_db()
    assert project.status == ActivityStatus.PLANNED
    assert project.status_changes.count() == 0


def test_evidence_of_exactly_the_minimum_length_is_enough(year_plan, policy):
    project = _project(year_plan)
    services.activity_status_change(
        activity_id=project.pk, status=ActivityStatus.DONE, evidence="x" * 10, context=AuditContext(user=policy)
    )
    assert rules.evidence_problem(ActivityStatus.DONE, "x" * 9) is not None


def test_in_progress_needs_no_evidence_and_is_kept_in_history_and_audit(year_plan, policy):
    project = _project(year_plan)
    before = selectors.plan_evaluation(plan=year_plan)

    services.activity_status_change(
        activity_id=project.pk, status=ActivityStatus.IN_PROGRESS, evidence="", context=AuditContext(user=policy)
    )

    after = selectors.plan_evaluation(plan=year_plan)
    assert after.statuses["in_progress"] == before.statuses["in_progress"] + 1
    assert after.statuses["planned"] == before.statuses["planned"] - 1
    change = project.status_changes.get()
    assert (change.old_status, change.new_status, change.changed_by) == ("planned", "in_progress", policy)
    assert AuditEvent.objects.filter(object_type="plan_activity", object_id=str(project.pk)).exists()


def test_the_same_status_again_is_refused(year_plan, policy):
    with pytest.raises(ValidationError):
        services.activity_status_change(
            activity_id=_project(year_plan).pk,
            status=ActivityStatus.PLANNED,
            evidence="",
            context=AuditContext(user=policy),
        )


@pytest.mark.parametrize("role", [Role.BOARD, Role.SECRETARIAT, Role.DIRECTOR, Role.CONSULTANT])
def test_readers_may_not_change_a_status(year_plan, swvs, role):
    reader = user_with_role(role, swv=swvs["almere-po"])
    with pytest.raises(PermissionDenied):
        services.activity_status_change(
            activity_id=_project(year_plan).pk,
            status=ActivityStatus.IN_PROGRESS,
            evidence="",
            context=AuditContext(user=reader),
        )
    assert AuditEvent.objects.filter(object_type="plan_activity", outcome="denied").exists()


def test_another_swvs_manager_does_not_find_the_activity(year_plan, swvs):
    outsider = user_with_role(Role.MANAGER, swv=swvs["plein013-po"])
    with pytest.raises(Http404):
        services.activity_status_change(
            activity_id=_project(year_plan).pk,
            status=ActivityStatus.IN_PROGRESS,
            evidence="",
            context=AuditContext(user=outsider),
        )


def test_negative_hours_are_refused(year_plan, policy):
    with pytest.raises(ValidationError) as error:
        services.activity_progress_record(
            activity_id=_project(year_plan).pk,
            owner="",
            hours_planned=Decimal(10),
            hours_spent=Decimal(-1),
            budget_planned=None,
            budget_spent=None,
            context=AuditContext(user=policy),
        )
    assert "hours_spent" in error.value.message_dict


def test_projects_within_hours_against_the_75_percent_target(year_plan, policy):
    projects = list(Activity.objects.filter(chapter__plan=year_plan, kind=Activity.Kind.PROJECT).order_by("pk"))
    assert len(projects) == 6
    spent = [80, 100, 100, 120]  # planned 100: within, exactly at, exactly at, over
    for project, hours in zip(projects, spent, strict=False):
        services.activity_progress_record(
            activity_id=project.pk,
            owner="Beleidsmedewerker",
            hours_planned=Decimal(100),
            hours_spent=Decimal(hours),
            budget_planned=None,
            budget_spent=None,
            context=AuditContext(user=policy),
        )
    evaluation = selectors.plan_evaluation(plan=year_plan)
    assert (evaluation.projects_within_hours, evaluation.projects_with_hours) == (3, 4)
    assert evaluation.hours_share == Decimal("0.75")
    assert evaluation.hours_meet_target is True
    assert evaluation.budget_meets_target is None  # nothing spent recorded yet


def test_share_and_target_edges():
    assert rules.share(0, 0) is None
    assert rules.meets_target(Decimal("0.7499")) is False
    assert rules.meets_target(Decimal("0.75")) is True
    assert rules.within(Decimal(10), None) is None
