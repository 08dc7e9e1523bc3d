"""Background work for toeleiding. Tasks are thin: they call a service and report. Both run
daily through ``core.schedule.PERIODIC_JOBS`` (``./dekkend manage run_periodic_tasks``)."""

import logging

from django_tasks import task

from dekkend.audit.services import AuditContext

logger = logging.getLogger(__name__)
SYSTEM = AuditContext(purpose="scheduled task")


@task()
def send_deadline_reminders() -> dict:
    """Daily: remind the responsible users of near and passed deadlines (each once). Overdue
    dossiers are logged every day, reminded before or not."""
    from .services import deadline_reminders_send

    report = deadline_reminders_send(context=SYSTEM)
    if report["overdue"]:
        logger.warning("Toeleiding: %d dossier(s) past a deadline: %s", len(report["overdue"]), report["overdue"])
    return {**report, "overdue": len(report["overdue"])}


@task()
def apply_retention() -> dict:
    """Daily: destroy what the retention periods say must go (audited)."""
    from .retention import retention_apply

    report = retention_apply(context=SYSTEM)
    return report.summary()
