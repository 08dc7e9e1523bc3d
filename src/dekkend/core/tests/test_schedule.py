"""The periodic scheduler enqueues each job once per period, however often cron calls it."""

import datetime

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from dekkend.core.models import PeriodicJobRun

pytestmark = pytest.mark.django_db


def test_due_job_is_enqueued_once_per_period():
    call_command("run_periodic_tasks")
    call_command("run_periodic_tasks")
    assert DBTaskResult.objects.filter(task_path="dekkend.audit.tasks.verify_audit_chain").count() == 1


def test_job_is_enqueued_again_after_its_period():
    call_command("run_periodic_tasks")
    PeriodicJobRun.objects.update(last_enqueued_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    call_command("run_periodic_tasks")
    assert DBTaskResult.objects.filter(task_path="dekkend.audit.tasks.verify_audit_chain").count() == 2


def test_audit_task_reports_the_chain():
    from dekkend.audit.tasks import verify_audit_chain

    assert verify_audit_chain.call() == {"ok": True, "checked": 0, "first_broken_id": None}
