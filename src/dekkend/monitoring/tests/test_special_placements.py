"""The dashboard reads the SWV's pupils in specialised education and in arrangements once, grouped
per pupil, and takes from it the share outside the region, the share supported in regular
settings and the shift to regular settings. Each must equal its own definition, asked one year
at a time (``indicators.outside_region``, ``supported_in_regular``, ``shift_to_regular``), on a
history of placements that change on, just before and just after the counting dates."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.periods import Period, teldatum
from dekkend.monitoring.selectors import dashboard, indicator_values, shared_queries
from dekkend.organisations.models import Provision, SchoolType, Sector
from dekkend.organisations.tests.factories import ProvisionFactory, SchoolFactory, SwvFactory
from dekkend.pupils.models import Placement
from dekkend.pupils.tests.factories import PupilFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CODES = ("buiten-regio", "ondersteund-in-regulier", "verschuiving-regulier")


def _history(swv, other_swv, rng: random.Random, pupils: int = 60) -> None:
    """Pupils of ``swv`` (and a few of ``other_swv`` at its schools) moving between a regular
    school, an arrangement (of either SWV), a special school of ``swv`` and one of ``other_swv``,
    on dates around the counting dates of 2020-2026."""
    special, regular = (SchoolType.SO, SchoolType.BAO) if swv.sector == Sector.PO else (SchoolType.VSO, SchoolType.VO)
    schools = {
        "regular": SchoolFactory(swv=swv, school_type=regular),
        "special": SchoolFactory(swv=swv, school_type=special),
        "other_special": SchoolFactory(swv=other_swv, school_type=special),
    }
    arrangements = [
        ProvisionFactory(swv=owner, kind=Provision.Kind.ARRANGEMENT, name=f"Arrangement {owner.code}")
        for owner in (swv, other_swv)
    ]
    days = sorted(
        day + datetime.timedelta(days=shift)
        for year in range(2020, 2027)
        for day in (teldatum(Sector.PO, year), teldatum(Sector.VO, year))
        for shift in (-1, 0, 1)
    )
    for number in range(pupils):
        theirs = number % 10 == 0  # a pupil of the other SWV on this SWV's schools
        pupil = PupilFactory(school=schools["regular"], swv=other_swv if theirs else swv)
        changes = sorted([D(2019, 8, 20), *rng.sample(days, rng.randint(1, 4))])
        for start, end in zip(changes, [*changes[1:], None], strict=True):
            setting = rng.choice(("regular", "arrangement", "special", "special", "other_special"))
            Placement.objects.create(
                pupil=pupil,
                school=schools["regular" if setting == "arrangement" else setting],
                provision=rng.choice(arrangements) if setting == "arrangement" else None,
                start_date=start,
                end_date=end,
                reason=Placement.Reason.MOVE,
            )


@pytest.mark.parametrize("sector", [Sector.PO, Sector.VO])
def test_the_shared_read_gives_each_figure_of_its_definition(sector):
    swv = SwvFactory(code=f"proef-{sector}", sector=sector)
    _history(swv, SwvFactory(code=f"buur-{sector}", sector=sector), random.Random(6))
    user = user_with_role(Role.DIRECTOR, swv=swv)
    entries = list(Indicator.objects.filter(code__in=CODES))
    checked = 0
    for months in (12, 8, 4):
        with shared_queries():
            trends = dashboard(user=user, swv=swv, period=Period(2026, months), entries=entries)
        for trend in trends:
            for point in trend.points:
                alone = indicator_values(
                    user=user, indicator=trend.indicator, swv=swv, period=Period(point.year, months)
                ).total
                measured = (point.measured.numerator, point.measured.denominator, point.measured.value)
                assert measured == (alone.numerator, alone.denominator, alone.value), (
                    trend.indicator.code,
                    point.year,
                    months,
                )
                checked += bool(alone.numerator)
    assert checked >= 20  # the history is not empty: most figures count some pupils


def test_one_read_of_the_special_placements_for_all_three_figures():
    swv = SwvFactory(code="proef-po", sector=Sector.PO)
    _history(swv, SwvFactory(code="buur-po", sector=Sector.PO), random.Random(8), pupils=10)
    user = user_with_role(Role.DIRECTOR, swv=swv)
    entries = list(Indicator.objects.filter(code__in=CODES))
    with CaptureQueriesContext(connection) as captured, shared_queries():
        trends = dashboard(user=user, swv=swv, period=Period(2025), entries=entries)
    assert len(trends) == 3
    through_pupils = [q["sql"] for q in captured.captured_queries if 'INNER JOIN "pupils_pupil"' in q["sql"]]
    assert len(through_pupils) == 1  # not one for the shift and one for the other two
    assert "EXISTS" not in through_pupils[0]
