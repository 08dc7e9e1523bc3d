"""Recovery of background tasks whose worker died mid-task.

The database queue (django-tasks-db) marks a task RUNNING when a worker claims it and never
looks at it again: a worker killed by the OOM killer, a deploy or a power cut leaves the task
RUNNING for ever. ``tasks_requeue_abandoned`` gives such a task back to the queue once its lease
has passed, at most ``max_attempts`` times in all; after that it is marked failed, so that a
task that kills its worker every time cannot loop. Our tasks are written to be idempotent
(each records what it has done and skips it the next time), so running one again is safe.
``run_periodic_tasks`` calls this every time it runs.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class RequeueReport:
    requeued: list[str]
    given_up: list[str]


def tasks_requeue_abandoned(
    *, now: datetime | None = None, lease: timedelta | None = None, max_attempts: int = MAX_ATTEMPTS
) -> RequeueReport:
    """Put RUNNING tasks started longer than ``lease`` ago back in the queue (or fail them after
    ``max_attempts`` claims). Returns the ids of both kinds."""
    now = now or timezone.now()
    lease = lease if lease is not None else timedelta(minutes=settings.DEKKEND_TASK_LEASE_MINUTES)
    requeued, given_up = [], []
    with transaction.atomic():
        abandoned = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, started_at__lte=now - lease
        )
        for result in abandoned:
            if len(result.worker_ids) >= max_attempts:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = "dekkend.core.taskqueue.TaskAbandoned"
                result.traceback = (
                    f"Abandoned {len(result.worker_ids)} times by its worker"
                    f" (workers: {', '.join(result.worker_ids)})."
                )
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                given_up.append(str(result.pk))
            else:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                requeued.append(str(result.pk))
    return RequeueReport(requeued=requeued, given_up=given_up)
