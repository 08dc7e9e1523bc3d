"""The daily snapshot job: which periods it stores (the last closed year, and M4/M8 of this year
once ended; once, the earlier periods of the dashboards' trend), for every SWV, and that it is
idempotent: a second run stores nothing new unless a figure changed."""

import datetime

import pytest

from dekkend.core.schedule import PERIODIC_JOBS
from dekkend.monitoring import tasks
from dekkend.monitoring.models import Snapshot
from dekkend.organisations.tests.factories import SwvFactory

from .factories import pupil_at, world

D = datetime.date


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 4, 30), ["2025"]),  # M4 ends today: not yet closed
        (D(2026, 5, 1), ["2025", "2026-M4"]),
        (D(2026, 8, 31), ["2025", "2026-M4"]),
        (D(2026, 9, 1), ["2025", "2026-M4", "2026-M8"]),
        (D(2027, 1, 1), ["2026"]),
    ],
)
def test_the_periods_of_the_day(today, expected):
    assert [period.code for period in tasks.periods_to_snapshot(today)] == expected


def test_the_earlier_periods_of_this_years_dashboards():
    assert [period.code for period in tasks.earlier_periods(D(2026, 9, 1))] == [
        f"{year}{suffix}" for year in (2022, 2023, 2024) for suffix in ("-M4", "-M8", "")
    ] + ["2025-M4", "2025-M8"]


def test_the_job_runs_daily():
    jobs = {job.task_path: job.every for job in PERIODIC_JOBS}
    assert jobs["dekkend.monitoring.tasks.take_indicator_snapshots"] == datetime.timedelta(days=1)


@pytest.mark.django_db
def test_every_swv_once_then_nothing_new_until_a_figure_changes(monkeypatch):
    monkeypatch.setattr(tasks, "_today", lambda: D(2025, 3, 1))  # one period: 2024
    w = world()
    s = w["schools"]
    for _ in range(20):
        pupil_at(s["a1"])
    pupil_at(s["so"], origin=s["a1"], moved_on=D(2023, 9, 1))
    other = SwvFactory(code="elders-po", sector="po")

    first = tasks.take_indicator_snapshots.call()
    stored = Snapshot.objects.count()
    in_2024 = Snapshot.objects.filter(period="2024").count()
    assert first["periods"] == ["2024"] and first["swvs"] == 2
    assert first["created"] == stored > 0 and first["changed"] == 0
    assert set(Snapshot.objects.values_list("swv", flat=True)) == {w["swv"].pk, other.pk}
    earlier = {period.code for period in tasks.earlier_periods(D(2025, 3, 1))}
    assert first["earlier"] == 2 * len(earlier) == 22  # 2021-2023 and M4/M8 of 2024, for both SWVs
    assert set(Snapshot.objects.values_list("period", flat=True)) == {"2024", *earlier}

    second = tasks.take_indicator_snapshots.call()
    assert (second["created"], second["changed"], second["earlier"]) == (0, 0, 0)
    assert second["unchanged"] == in_2024  # only the current period is taken again
    assert Snapshot.objects.count() == stored

    pupil_at(s["so"], origin=s["a1"], moved_on=D(2021, 9, 1))  # a late correction of 2024's records
    third = tasks.take_indicator_snapshots.call()
    assert third["changed"] > 0 and third["created"] == 0
    changed = Snapshot.objects.filter(
        swv=w["swv"], is_current=True, indicator_code="doorverwijzing-so", level="city", period="2024"
    )
    assert changed.get().changes
    assert Snapshot.objects.filter(swv=other, is_current=False).count() == 0
