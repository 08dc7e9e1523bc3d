"""Background work for the audit log. Tasks are thin: they call a service and report."""

import logging

from django_tasks import task

from .services import audit_chain_verify

logger = logging.getLogger(__name__)


@task()
def verify_audit_chain() -> dict:
    """Nightly: recompute the hash chain; a break is logged as an error for the operators."""
    report = audit_chain_verify()
    if not report.ok:
        logger.error("Audit chain broken at event %s: %s", report.first_broken_id, report.problem)
    return {"ok": report.ok, "checked": report.checked, "first_broken_id": report.first_broken_id}
