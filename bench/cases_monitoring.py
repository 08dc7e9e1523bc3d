"""Monitoring: the dashboard of an SWV and the indicator values API, against the SQL they run.

The demo's toeleiding dossiers are a few dozen per SWV, so this module first adds a synthetic
history: for every placement with a TLV whose pupil has no granted TLV yet, a granted application
submitted 6 to 14 weeks before it, complete after 1 to 4 weeks and decided 1 to 7 weeks later
(deterministic, seeded).

The closed years of the dashboard are read from snapshots (taken here for 2022-2025 as the
yearly command would); the M8 dashboard has no snapshots and computes all five years live.

Baseline: all the SQL statements the request runs (``Bench.request_sql``: captured once, then
executed raw through the cursor), so that the ratio is what the ORM, the roll-up to levels, the
suppression and the template add on top of the database's own work (the issue's target: ≤ 3×).
"""

import datetime
import random
import time

from run import Bench, Case


def _add_applications() -> int:
    from dekkend.pupils.models import Placement
    from dekkend.referrals.models import Application, ApplicationType

    rng = random.Random(2026)
    rows = []
    granted = Application.objects.filter(type=ApplicationType.TLV, status=Application.Status.GRANTED)
    placements = (
        Placement.objects.filter(reason=Placement.Reason.TLV)
        .exclude(pupil_id__in=granted.values("pupil_id"))
        .select_related("pupil", "school")
    )
    for placement in placements.iterator():
        submitted = placement.start_date - datetime.timedelta(days=rng.randint(42, 98))
        complete = submitted + datetime.timedelta(days=rng.randint(7, 28))
        decided = complete + datetime.timedelta(days=rng.randint(7, 49))
        rows.append(
            Application(
                swv_id=placement.pupil.swv_id,
                pupil_id=placement.pupil_id,
                school_id=placement.pupil.school_id,
                type=ApplicationType.TLV,
                requested_provision_type=placement.school.school_type,
                parent_consent=True,
                status=Application.Status.GRANTED,
                submitted_on=submitted,
                complete_on=complete,
                decision_due=complete + datetime.timedelta(weeks=6),
                decided_on=decided,
                outcome=Application.Outcome.GRANTED,
                provision_type=placement.school.school_type,
                valid_from=placement.start_date,
            )
        )
    Application.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _take_snapshots(swv, years) -> int:
    """The yearly snapshots of the closed years, as ``./dekkend manage snapshot_indicators`` takes them."""
    from dekkend.audit.services import AuditContext
    from dekkend.monitoring.periods import Period
    from dekkend.monitoring.services import snapshot_take

    taken = 0
    for year in years:
        result = snapshot_take(swv=swv, period=Period(year), context=AuditContext(purpose="bench"))
        taken += len(result.created) + len(result.changed)
    return taken


def cases(bench: Bench) -> list[Case]:
    from dekkend.organisations.models import Swv

    added = _add_applications()
    print(f"  monitoring: {added} synthetic TLV applications added", flush=True)
    swv = Swv.objects.get(code="almere-po")
    started = time.perf_counter()
    taken = _take_snapshots(swv, range(2022, 2026))
    print(f"  monitoring: {taken} snapshots of 2022-2025 in {time.perf_counter() - started:.1f} s", flush=True)
    # 2026: the closed years 2022-2025 come from the snapshots, 2026 is computed live.
    dashboard_url = f"/monitoring/?swv={swv.pk}&period=2026"
    # M8: no snapshots of management periods, every year computed live (one query per indicator).
    live_url = f"/monitoring/?swv={swv.pk}&period=2026-M8"
    values_url = f"/api/v1/indicators/doorverwijzing-so/values/?swv={swv.pk}&period=2026&level=school"
    lead_url = f"/api/v1/indicators/tlv-doorlooptijd-totaal/values/?swv={swv.pk}&period=2025&level=board"
    staff_page = bench.get_ok(bench.client_for("secretariaat", session=True), dashboard_url)
    staff_live = bench.get_ok(bench.client_for("secretariaat", session=True), live_url)
    staff_values = bench.get_ok(bench.client_for("secretariaat"), values_url)
    partner_values = bench.get_ok(bench.client_for("gemeente"), values_url)
    staff_lead = bench.get_ok(bench.client_for("beleid"), lead_url)
    return [
        Case(
            "monitoring dashboard, 5 years (secretariaat)",
            staff_page,
            bench.request_sql(staff_page),
            target=3.0,
            baseline_name="all its SQL, raw",
        ),
        Case(
            "monitoring dashboard M8, 5 years all live (secretariaat)",
            staff_live,
            bench.request_sql(staff_live),
            target=3.0,
            baseline_name="all its SQL, raw",
        ),
        Case(
            "referral % per school (secretariaat)",
            staff_values,
            bench.request_sql(staff_values),
            target=3.0,
            baseline_name="all its SQL, raw",
        ),
        Case(
            "referral % per school, suppressed (gemeente)",
            partner_values,
            bench.request_sql(partner_values),
            target=3.0,
            baseline_name="all its SQL, raw",
        ),
        Case(
            "TLV lead time per board (beleid)",
            staff_lead,
            bench.request_sql(staff_lead),
            target=3.0,
            baseline_name="all its SQL, raw",
        ),
    ]


def _take_job_snapshots(swv) -> int:
    """The snapshots the daily job holds for ``swv`` today (``monitoring.tasks``): the current
    periods and the earlier ones of this year's dashboards, whole years and M4/M8."""
    from django.utils import timezone

    from dekkend.audit.services import AuditContext
    from dekkend.monitoring import tasks
    from dekkend.monitoring.selectors import snapshot_periods
    from dekkend.monitoring.services import snapshot_take

    today, stored, taken = timezone.localdate(), snapshot_periods(swv=swv), 0
    for period in [*tasks.periods_to_snapshot(today), *tasks.earlier_periods(today)]:
        if period.code not in stored:
            result = snapshot_take(swv=swv, period=period, context=AuditContext(purpose="bench"))
            taken += len(result.created) + len(result.changed)
    return taken


def _as_on(day: datetime.date, request):
    """``request`` as on ``day``: only the periods ended before it are read from their snapshots
    (``datetime.date.min``: none, every year is computed live)."""
    from unittest import mock

    from dekkend.monitoring import selectors

    def closed(period) -> bool:
        return period.end < day

    def run():
        with mock.patch.object(selectors, "closed", closed):
            return request()

    return run


def shape_cases(bench: Bench, swvs: list) -> list[Case]:
    """Issue 6's shape (``bench/scale.py --shape monitoring``): the full dashboard of the first PO
    and the first VO SWV as their secretariaat opens it, with the snapshots the daily job holds
    (taken here first): 2026 (the running year live, 2022-2025 from snapshots); 2026-M8 today
    (ended, all five from snapshots), as on 15 August (running: live, the earlier M8s from
    snapshots) and without any snapshot (all five live); and the values API. Each against all
    the SQL it sends."""
    from dekkend.organisations.models import Sector

    measured = [swv for sector in (Sector.PO, Sector.VO) for swv in swvs[:2] if swv.sector == sector]
    for swv in measured:
        started = time.perf_counter()
        taken = _take_job_snapshots(swv)
        if taken:
            print(f"  monitoring: {taken} snapshots for {swv.code} in {time.perf_counter() - started:.0f} s")
    cases = []
    august, never = datetime.date(2026, 8, 15), datetime.date.min
    for swv in measured:
        staff = bench.client_for(f"{swv.code}-secretariaat", session=True)
        label = f"{swv.code} ({swv.sector.upper()})"
        for name, url, day in (
            (f"dashboard 2026, {label}", f"/monitoring/?swv={swv.pk}&period=2026", None),
            (f"dashboard 2026-M8, ended: all 5 stored, {label}", f"/monitoring/?swv={swv.pk}&period=2026-M8", None),
            (f"dashboard 2026-M8 on 15 Aug: M8 live, {label}", f"/monitoring/?swv={swv.pk}&period=2026-M8", august),
            (f"dashboard 2026-M8, no snapshots: 5 live, {label}", f"/monitoring/?swv={swv.pk}&period=2026-M8", never),
        ):
            page = bench.get_ok(staff, url)
            if day is not None:
                page = _as_on(day, page)
            cases.append(Case(name, page, bench.request_sql(page), target=3.0, baseline_name="all its SQL, raw"))
    swv = measured[0]
    referral = "doorverwijzing-so" if swv.sector == Sector.PO else "doorverwijzing-vso"
    for name, username, url in (
        ("values API: referral % per school (secretariaat)", "secretariaat",
         f"/api/v1/indicators/{referral}/values/?swv={swv.pk}&period=2026&level=school"),
        ("values API: referral % per school, suppressed (gemeente)", "gemeente",
         f"/api/v1/indicators/{referral}/values/?swv={swv.pk}&period=2026&level=school"),
        ("values API: TLV lead time per board (secretariaat)", "secretariaat",
         f"/api/v1/indicators/tlv-doorlooptijd-totaal/values/?swv={swv.pk}&period=2025&level=board"),
    ):  # fmt: skip
        call = bench.get_ok(bench.client_for(f"{swv.code}-{username}"), url)
        cases.append(Case(f"{name}, {swv.code}", call, bench.request_sql(call), target=3.0))
    return cases
