"""A task left running by a dead worker goes back to the queue once its lease has passed, and
is given up after three claims (tests/faults/ kills a real worker)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dekkend.audit.tasks import verify_audit_chain
from dekkend.core.taskqueue import RequeueReport, tasks_requeue_abandoned

pytestmark = pytest.mark.django_db
LEASE = timedelta(minutes=30)


def running_task(*, started: timedelta, claims: int = 1) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=verify_audit_chain.enqueue().id)
    result.status = TaskResultStatus.RUNNING
    result.started_at = timezone.now() - started
    result.worker_ids = [f"worker-{number}" for number in range(claims)]
    result.save()
    return result


def test_a_task_running_exactly_as_long_as_its_lease_is_queued_again():
    now = timezone.now()
    task = running_task(started=LEASE)
    report = tasks_requeue_abandoned(now=now + timedelta(seconds=1), lease=LEASE)
    task.refresh_from_db()
    assert report.requeued == [str(task.pk)]
    assert task.status == TaskResultStatus.READY and task.started_at is None


def test_a_task_within_its_lease_is_left_to_its_worker():
    task = running_task(started=LEASE - timedelta(seconds=5))
    assert tasks_requeue_abandoned(lease=LEASE).requeued == []
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_that_lost_its_worker_three_times_is_given_up_with_a_reason():
    task = running_task(started=LEASE * 2, claims=3)
    report = tasks_requeue_abandoned(lease=LEASE)
    task.refresh_from_db()
    assert report.given_up == [str(task.pk)] and report.requeued == []
    assert task.status == TaskResultStatus.FAILED
    assert "Abandoned 3 times" in task.traceback


def test_finished_and_waiting_tasks_are_not_touched():
    waiting = DBTaskResult.objects.get(pk=verify_audit_chain.enqueue().id)
    assert tasks_requeue_abandoned(lease=timedelta(0)) == RequeueReport(requeued=[], given_up=[])
    waiting.refresh_from_db()
    assert waiting.status == TaskResultStatus.READY
