"""The dashboard's speed-ups change no figure: the referral percentages of a sector share one
query, and an aggregate whose SQL was compiled before still counts today's records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import dashboard, shared_queries

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db
D = datetime.date


def figures(user, w) -> dict[str, tuple]:
    with shared_queries():
        trends = dashboard(user=user, swv=w["swv"], period=Period(2025))
    return {
        trend.indicator.code: [(p.measured.numerator, p.measured.denominator) for p in trend.points]
        for trend in trends
    }


def test_so_sbo_and_sbo_so_share_one_query_of_the_placements():
    w = world()
    s = w["schools"]
    for _ in range(10):
        pupil_at(s["a1"])
    pupil_at(s["so"], origin=s["a1"], moved_on=D(2022, 9, 1))
    pupil_at(s["sbo"], origin=s["a1"], moved_on=D(2023, 9, 1))
    user = user_with_role(Role.POLICY, swv=w["swv"])
    with CaptureQueriesContext(connection) as captured:
        result = figures(user, w)
    po_scans = [query for query in captured.captured_queries if "IN ('bao', 'sbo', 'so')" in query["sql"]]
    assert len(po_scans) == 1  # not one per percentage
    assert result["doorverwijzing-so"][-1] == (1, 12)
    assert result["doorverwijzing-sbo"][-1] == (1, 12)
    assert result["deelname-sbo-so"][-1] == (2, 12)
    assert result["doorverwijzing-sbo"][-3] == (0, 12)  # 2023: the SBO pupil was still at a1 on 1 February


def test_a_compiled_aggregate_counts_the_records_added_since():
    w = world()
    for _ in range(10):
        pupil_at(w["schools"]["a1"])
    user = user_with_role(Role.POLICY, swv=w["swv"])
    before = figures(user, w)
    pupil_at(w["schools"]["so"], origin=w["schools"]["a1"], moved_on=D(2024, 9, 1))
    after = figures(user, w)
    assert before["doorverwijzing-so"][-1] == (0, 10)
    assert after["doorverwijzing-so"][-1] == (1, 11)
    assert after["buiten-regio"][-1][1] == before["buiten-regio"][-1][1] + 1  # one more in special education
