from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from dekkend.core.models import PeriodicJobRun
from dekkend.core.schedule import PERIODIC_JOBS
from dekkend.core.taskqueue import tasks_requeue_abandoned


class Command(BaseCommand):
    help = "Enqueue the periodic jobs that are due (run from cron every few minutes)."

    def handle(self, *args, **options):
        now = timezone.now()
        recovered = tasks_requeue_abandoned(now=now)
        for task_id in recovered.requeued:
            self.stdout.write(f"Queued again after its worker died: task {task_id}")
        for task_id in recovered.given_up:
            self.stderr.write(f"Given up after repeated worker deaths: task {task_id}")
        for job in PERIODIC_JOBS:
            with transaction.atomic():
                run, created = PeriodicJobRun.objects.select_for_update().get_or_create(
                    name=job.name, defaults={"last_enqueued_at": now}
                )
                if not created and now - run.last_enqueued_at < job.every:
                    continue
                import_string(job.task_path).enqueue()
                run.last_enqueued_at = now
                run.save(update_fields=["last_enqueued_at"])
            self.stdout.write(f"Enqueued {job.name}")
