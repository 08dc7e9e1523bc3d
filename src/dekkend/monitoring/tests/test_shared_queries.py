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


def _school_scans(captured) -> list[str]:
    """The queries that read the placements at the SWV's schools (not through the pupils)."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "pupils_placement"' in query["sql"]
        and '"organisations_school"."swv_id" =' in query["sql"]
        and "pupils_pupil" not in query["sql"]
    ]


def test_referrals_location_changes_and_the_pupil_base_share_one_scan_of_the_placements():
    w = world()
    s = w["schools"]
    for _ in range(8):
        pupil_at(s["a1"])
    pupil_at(s["a2"], origin=s["a1"], moved_on=D(2025, 3, 1), reason="move")  # a change in 2025, after 1 February
    pupil_at(s["so"], origin=s["b1"], moved_on=D(2024, 9, 1))  # in SO on 1 February 2025
    user = user_with_role(Role.POLICY, swv=w["swv"])
    with CaptureQueriesContext(connection) as captured:
        result = figures(user, w)
    assert len(_school_scans(captured)) == 1  # not one each for referrals, changes and the base of the rates
    assert result["doorverwijzing-so"][-1] == (1, 10)
    assert result["locatiewisselingen"][-1] == (1, 10)  # the move of 1 March 2025; 10 pupils on 1 February
    assert result["locatiewisselingen"][-2] == (1, 10)  # 2024: the placement in SO of 1 September
    assert result["aanvraagpercentage"][-1] == (0, 10)  # its base: the same 10 pupils


def test_supported_in_regular_counts_arrangements_and_special_schools_of_any_swv():
    from dekkend.organisations.models import Provision
    from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
    from dekkend.pupils.models import Placement, Pupil

    w = world()
    s = w["schools"]
    other = SchoolFactory(swv=SwvFactory(sector="po"), school_type="sbo")
    arrangement = Provision.objects.create(swv=w["swv"], name="Arrangement", kind="arrangement", source="test")
    pupil_at(s["so"], origin=s["a1"], moved_on=D(2023, 9, 1))
    outside = pupil_at(other, origin=s["a1"], moved_on=D(2023, 9, 1))
    Pupil.objects.filter(pk=outside.pk).update(swv=w["swv"])  # our pupil, in another SWV's SBO
    in_arrangement = pupil_at(s["a2"], start=D(2021, 8, 20))
    Placement.objects.filter(pupil=in_arrangement).update(end_date=D(2024, 12, 1))
    Placement.objects.create(
        pupil=in_arrangement, school=s["a2"], provision=arrangement, start_date=D(2024, 12, 1), reason="return"
    )
    user = user_with_role(Role.POLICY, swv=w["swv"])
    result = figures(user, w)
    assert result["ondersteund-in-regulier"][-1] == (1, 3)  # 1 February 2025
    assert result["ondersteund-in-regulier"][-2] == (0, 2)  # 1 February 2024: not yet in the arrangement


def _jit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT compiling is PostgreSQL's")
def test_postgresql_connections_do_not_compile_just_in_time():
    """The dashboard's aggregates are estimated as costly; compiling them took longer than
    running them (settings: options -c jit=off)."""
    assert _jit() == "off"
