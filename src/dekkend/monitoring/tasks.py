"""Background work for monitoring. Tasks are thin: they decide what is due and call a service.
``take_indicator_snapshots`` runs daily through ``core.schedule.PERIODIC_JOBS``
(``./dekkend manage run_periodic_tasks``); ``./dekkend manage snapshot_indicators`` stays for a
snapshot by hand (another period, a reason)."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from dekkend.audit.services import AuditContext

from .periods import Period

logger = logging.getLogger(__name__)
SYSTEM = AuditContext(purpose="scheduled task")


def _today() -> datetime.date:
    return timezone.localdate()


def periods_to_snapshot(today: datetime.date) -> list[Period]:
    """The current reporting periods whose figures are stored: the last closed calendar year and
    the management periods M4 and M8 of this year once they have ended (before ``today``). The
    running year is not stored: its figures still change every day and the dashboard computes
    it live (docs/monitoring.md)."""
    periods = [Period(today.year - 1)]
    periods += [Period(today.year, months) for months in (4, 8) if Period(today.year, months).end < today]
    return periods


def earlier_periods(today: datetime.date) -> list[Period]:
    """The other closed periods that this year's dashboards show: the whole years and M4 and M8
    of the years before this one in the trend (five years), except the current ones. They are
    stored once for an SWV that has no snapshot of them (a new installation or SWV), so that a
    dashboard reads its earlier years instead of computing them; a later correction of them is
    stored by hand (``snapshot_indicators --period … --reason …``)."""
    from .selectors import TREND_YEARS

    current = periods_to_snapshot(today)
    return [
        Period(year, months)
        for year in range(today.year - TREND_YEARS + 1, today.year)
        for months in (4, 8, 12)
        if Period(year, months) not in current
    ]


@task()
def take_indicator_snapshots() -> dict:
    """Daily: a snapshot of the current periods for every SWV, and of the earlier periods of the
    dashboards' trend that the SWV has none of yet. Idempotent: a snapshot is stored only where
    none exists or a figure changed since the current one (``snapshot_take``), so a second run
    on the same day stores nothing new; a correction of past records shows up the next day as a
    new snapshot with its changes."""
    from dekkend.organisations.models import Swv

    from .selectors import snapshot_periods
    from .services import snapshot_take

    periods = periods_to_snapshot(_today())
    earlier = earlier_periods(_today())
    report = {
        "periods": [period.code for period in periods],
        "swvs": 0,
        "earlier": 0,
        "created": 0,
        "changed": 0,
        "unchanged": 0,
    }
    for swv in Swv.objects.order_by("code"):
        report["swvs"] += 1
        stored = snapshot_periods(swv=swv)
        missing = [period for period in earlier if period.code not in stored]
        report["earlier"] += len(missing)
        for period in [*periods, *missing]:
            result = snapshot_take(swv=swv, period=period, context=SYSTEM)
            report["created"] += len(result.created)
            report["changed"] += len(result.changed)
            report["unchanged"] += result.unchanged
    if report["changed"]:
        logger.info("Monitoring: %d snapshot(s) changed since the last run", report["changed"])
    return report
