"""The dashboard's trend (one query per indicator for all years) gives the same figures as
asking each year on its own."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import dashboard, indicator_values

from .factories import pupil_at, tlv, world

pytestmark = pytest.mark.django_db
D = datetime.date


def test_every_year_of_the_trend_equals_the_figure_of_that_year():
    w = world()
    s = w["schools"]
    for year in (2021, 2022, 2023, 2024, 2025):
        for _ in range(3):
            pupil_at(s["a1"], start=D(year - 1, 8, 20))
        pupil_at(s["so"], origin=s["a2"], moved_on=D(year, 2, 1))
        pupil_at(s["sbo"], origin=s["a1"], moved_on=D(year, 2, 2))
        tlv(s["a1"], submitted=D(year, 5, 3), complete=D(year, 5, 20), due=D(year, 7, 1), decided=D(year, 7, 1))
        tlv(s["a2"], submitted=D(year, 1, 3), complete=D(year, 2, 20), due=D(year, 4, 3), decided=D(year, 4, 20))
    user = user_with_role(Role.DIRECTOR, swv=w["swv"])
    for months in (12, 4):
        trends = dashboard(user=user, swv=w["swv"], period=Period(2025, months))
        assert len(trends) >= 10
        for trend in trends:
            for point in trend.points:
                alone = indicator_values(
                    user=user, indicator=trend.indicator, swv=w["swv"], period=Period(point.year, months)
                ).total
                measured = point.measured
                assert (measured.numerator, measured.denominator, measured.value, measured.median) == (
                    alone.numerator,
                    alone.denominator,
                    alone.value,
                    alone.median,
                ), (trend.indicator.code, point.year, months)


def test_the_trend_of_days_to_placement_equals_each_year_asked_alone():
    from dekkend.pupils.models import Placement

    w = world()
    s = w["schools"]
    for year in (2022, 2023, 2024, 2025):
        pupil = pupil_at(s["so"], origin=s["a1"], moved_on=D(year, 8, 25))
        tlv(s["a1"], pupil=pupil, submitted=D(year, 5, year - 2010), complete=D(year, 6, 1), decided=D(year, 7, 1))
    # An earlier placement with a TLV (before the application) does not count; the first one after it does.
    again = pupil_at(s["sbo"], origin=s["a2"], moved_on=D(2021, 9, 1))
    Placement.objects.filter(pupil=again, school=s["sbo"]).update(end_date=D(2024, 1, 8))
    Placement.objects.create(pupil=again, school=s["so"], start_date=D(2024, 1, 8), reason=Placement.Reason.TLV)
    tlv(s["a2"], pupil=again, submitted=D(2023, 11, 1), complete=D(2023, 11, 20), decided=D(2023, 12, 1))
    user = user_with_role(Role.DIRECTOR, swv=w["swv"])
    trend = next(
        t for t in dashboard(user=user, swv=w["swv"], period=Period(2025)) if t.indicator.code == "tlv-tot-plaatsing"
    )
    for point in trend.points:
        alone = indicator_values(user=user, indicator=trend.indicator, swv=w["swv"], period=Period(point.year)).total
        assert (point.measured.numerator, point.measured.value) == (alone.numerator, alone.value), point.year
    by_year = {point.year: (point.measured.numerator, point.measured.value) for point in trend.points}
    assert by_year[2024] == (2, (103 + 68) / 2)  # 14 May → 25 August 2024; 1 November 2023 → 8 January 2024
    assert by_year[2022] == (1, 105.0)  # 12 May → 25 August 2022
    assert by_year[2021] == (0, None)  # the SBO placement of 2021 came before any application
