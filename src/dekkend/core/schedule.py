"""The periodic jobs of Dekkend. ``./dekkend manage run_periodic_tasks`` enqueues the ones that
are due; run it from cron or a systemd timer every few minutes (docs/operations.md). The jobs
themselves run in the task worker (``./dekkend manage db_worker``)."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str
    every: timedelta


PERIODIC_JOBS = (
    PeriodicJob("audit-chain-verify", "dekkend.audit.tasks.verify_audit_chain", timedelta(days=1)),
    # [referrals] periodic jobs
    PeriodicJob("referrals-deadline-reminders", "dekkend.referrals.tasks.send_deadline_reminders", timedelta(days=1)),
    PeriodicJob("referrals-retention", "dekkend.referrals.tasks.apply_retention", timedelta(days=1)),
    # [monitoring] periodic jobs
    PeriodicJob("monitoring-snapshots", "dekkend.monitoring.tasks.take_indicator_snapshots", timedelta(days=1)),
)
