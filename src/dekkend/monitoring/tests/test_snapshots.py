"""Snapshots: the values of a period are stored per level, a recomputation after a data
correction stores a new snapshot saying what changed (old → new, who, why), and the dashboard
reads closed periods from the snapshots."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.monitoring import selectors
from dekkend.monitoring.models import Indicator, Snapshot
from dekkend.monitoring.periods import Period
from dekkend.monitoring.services import snapshot_take

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db
Y2024 = Period(2024)


@pytest.fixture
def w():
    w = world()
    s = w["schools"]
    for _ in range(30):
        pupil_at(s["a1"])
    for _ in range(3):
        pupil_at(s["so"], origin=s["a1"], moved_on=datetime.date(2023, 9, 1))
    return w


def correct_records(w, n=2):
    """A late correction: n more pupils were on the SO school since 2021."""
    for _ in range(n):
        pupil_at(w["schools"]["so"], origin=w["schools"]["a1"], moved_on=datetime.date(2021, 9, 1))


def city(code, swv, period=Y2024):
    snapshot = selectors.current_snapshot(indicator_code=code, swv=swv, period=period, level="city")
    return snapshot, snapshot.cells.get(key="city")


def so_point(user, w, year):
    trends = selectors.dashboard(user=user, swv=w["swv"], period=Period(2025))
    trend = next(t for t in trends if t.indicator.code == "doorverwijzing-so")
    return next(point.measured for point in trend.points if point.year == year)


def test_a_snapshot_stores_every_level_the_catalogue_allows(w):
    result = snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext(), reason="year closed")
    entry = Indicator.objects.get(code="doorverwijzing-so")
    stored = Snapshot.objects.filter(indicator_code="doorverwijzing-so", swv=w["swv"], period="2024")
    assert sorted(stored.values_list("level", flat=True)) == sorted(entry.levels)
    snapshot, cell = city("doorverwijzing-so", w["swv"])
    assert (cell.numerator, cell.denominator, cell.value) == (3, 33, 9.09)
    assert cell.partner_suppressed  # 3 pupils: partners see "<5"
    assert snapshot.changes == [] and result.created and not result.changed
    assert AuditEvent.objects.filter(object_type="indicator_snapshot", object_id="2024").exists()


def test_taking_it_again_without_a_correction_stores_nothing_new(w):
    first = snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    again = snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    assert again.created == [] and again.changed == []
    assert again.unchanged == len(first.created)


def test_after_a_correction_the_new_snapshot_notes_old_and_new_who_and_why(w):
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    old, _ = city("doorverwijzing-so", w["swv"])
    correct_records(w)
    secretary = user_with_role(Role.SECRETARIAT, swv=w["swv"])
    result = snapshot_take(
        swv=w["swv"], period=Y2024, context=AuditContext(user=secretary), reason="placements of SO corrected"
    )
    new, cell = city("doorverwijzing-so", w["swv"])
    assert new in result.changed and new.pk != old.pk
    assert (cell.numerator, cell.denominator) == (5, 35)
    change = next(change for change in new.changes if change["key"] == "city")
    assert (change["old"]["numerator"], change["new"]["numerator"]) == (3, 5)
    assert (change["old"]["value"], change["new"]["value"]) == (9.09, 14.29)
    assert new.taken_by == secretary and new.reason == "placements of SO corrected"
    old.refresh_from_db()
    assert not old.is_current  # kept as history
    policy = user_with_role(Role.POLICY, swv=w["swv"])
    entry = Indicator.objects.get(code="doorverwijzing-so")
    history = selectors.snapshot_history(user=policy, indicator=entry, swv=w["swv"])
    assert [s.pk for s in history] == [new.pk, old.pk]


def test_the_dashboard_reads_a_closed_period_from_its_snapshot(w):
    policy = user_with_role(Role.POLICY, swv=w["swv"])
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    correct_records(w)
    assert so_point(policy, w, 2024).value == 9.09  # the stored figure, not the corrected records
    assert so_point(policy, w, 2023).value == 5.71  # no snapshot: computed (2 of 35 on 1 February 2023)
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext(), reason="correction")
    assert so_point(policy, w, 2024).value == 14.29


def test_the_dashboard_of_a_closed_period_shows_its_stored_figure(w):
    """The chosen period too, when it has ended and has a snapshot: the same figure as its point on
    the next year's dashboard. The indicator page computes it live per level."""
    policy = user_with_role(Role.POLICY, swv=w["swv"])
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    correct_records(w)
    trends = selectors.dashboard(user=policy, swv=w["swv"], period=Y2024)
    trend = next(t for t in trends if t.indicator.code == "doorverwijzing-so")
    assert trend.current.total.value == trend.points[-1].measured.value == 9.09
    assert trend.current.target == trend.indicator.target_for(2024)
    live = selectors.indicator_values(user=policy, indicator=trend.indicator, swv=w["swv"], period=Y2024)
    assert live.total.value == 14.29


def test_partners_get_no_management_period_from_a_snapshot_either(w):
    from django.core.exceptions import ValidationError

    snapshot_take(swv=w["swv"], period=Period(2024, 4), context=AuditContext())
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    with pytest.raises(ValidationError):
        selectors.dashboard(user=partner, swv=w["swv"], period=Period(2024, 4))


def test_partners_see_less_than_5_from_a_snapshot_too(w):
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    partner = user_with_role(Role.PARTNER, swv=w["swv"])
    cell = so_point(partner, w, 2024)
    assert cell.suppressed and cell.value is None and cell.numerator is None


def test_partners_and_boards_get_no_snapshot_history(w):
    entry = Indicator.objects.get(code="doorverwijzing-so")
    with pytest.raises(PermissionDenied):
        selectors.snapshot_history(user=user_with_role(Role.PARTNER, swv=w["swv"]), indicator=entry, swv=w["swv"])


def test_the_command_takes_snapshots_of_a_period_for_one_swv(w):
    out = io.StringIO()
    call_command("snapshot_indicators", "--period", "2024", "--swv", w["swv"].code, "--reason", "yearly", stdout=out)
    assert f"{w['swv'].code} 2024:" in out.getvalue()
    assert Snapshot.objects.filter(swv=w["swv"], period="2024", reason="yearly").exists()


def test_the_indicator_page_shows_staff_what_changed_and_why(client, w):
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext())
    correct_records(w)
    snapshot_take(swv=w["swv"], period=Y2024, context=AuditContext(), reason="SO placements corrected")
    url = reverse("monitoring:indicator", args=["doorverwijzing-so"])
    client.force_login(user_with_role(Role.POLICY, swv=w["swv"]))
    html = client.get(url, {"period": "2024"}).content.decode()
    assert "SO placements corrected" in html
    assert "9,09 → 14,29" in html and "3 → 5" in html
    client.force_login(user_with_role(Role.PARTNER, swv=w["swv"]))
    assert "SO placements corrected" not in client.get(url, {"period": "2024"}).content.decode()
