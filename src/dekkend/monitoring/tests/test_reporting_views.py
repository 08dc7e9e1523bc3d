"""The reporting views for BI tools (PostgreSQL only): indicator values per period and level
from the current snapshots, suppressed for partner use (NULL plus a flag), no pupil data."""

import datetime

import pytest
from django.db import connection

from dekkend.audit.services import AuditContext
from dekkend.monitoring.periods import Period
from dekkend.monitoring.services import snapshot_take

from .factories import pupil_at, world

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the reporting views exist on PostgreSQL only"),
]


def rows(sql: str, params=()) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture
def w():
    w = world()
    s = w["schools"]
    for _ in range(30):
        pupil_at(s["a1"])
    for _ in range(6):
        pupil_at(s["b1"])
    for _ in range(6):
        pupil_at(s["so"], origin=s["a1"], moved_on=datetime.date(2023, 9, 1))
    snapshot_take(swv=w["swv"], period=Period(2024), context=AuditContext())
    snapshot_take(swv=w["swv"], period=Period(2024, 4), context=AuditContext())
    return w


def values(w, level: str) -> list[dict]:
    return rows(
        "SELECT * FROM reporting.indicator_values WHERE indicator_code = %s AND swv_code = %s AND level = %s",
        ["doorverwijzing-so", w["swv"].code, level],
    )


def test_the_values_view_shows_the_figures_of_large_cells(w):
    (city,) = values(w, "city")
    assert city["period"] == "2024" and city["suppressed"] is False
    assert (city["count"], city["base"], city["value"]) == (6, 42, 14.29)  # 6 of 42 on 1 February 2024
    a1 = next(row for row in values(w, "school") if row["cell_key"] == str(w["schools"]["a1"].pk))
    assert (a1["count"], a1["base"], a1["suppressed"]) == (6, 36, False)


def test_the_values_view_hides_small_cells_as_null_with_a_flag(w):
    b1 = next(row for row in values(w, "school") if row["cell_key"] == str(w["schools"]["b1"].pk))
    assert b1["suppressed"] is True  # 0 of 6 referred: a count under 5
    assert (b1["value"], b1["count"], b1["base"], b1["median"]) == (None, None, None, None)


def test_partners_whole_years_only_and_no_pupil_columns(w):
    periods = {row["period"] for row in rows("SELECT DISTINCT period FROM reporting.indicator_values")}
    assert periods == {"2024"}  # M4 is not for partners
    columns = {row["column_name"] for row in rows(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'reporting'"
    )}  # fmt: skip
    assert not any("pupil" in column for column in columns)


def test_the_catalogue_view_lists_only_indicators_partners_may_see(w):
    codes = {row["indicator_code"] for row in rows("SELECT indicator_code FROM reporting.indicator_catalogue")}
    expected = {row["code"] for row in rows("SELECT code FROM monitoring_indicator WHERE audience::jsonb ? 'partner'")}
    assert codes == expected and codes
