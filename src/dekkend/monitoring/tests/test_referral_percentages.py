"""Referral percentages (Bijlage II): pupils on a special school on the teldatum, per level."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import Filters, indicator_values

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def values(w, code="doorverwijzing-so", year=2025, level="city", **filters):
    user = user_with_role(Role.POLICY, swv=w["swv"])
    indicator = Indicator.objects.get(code=code)
    return indicator_values(
        user=user, indicator=indicator, swv=w["swv"], period=Period(year), level=level, filters=Filters(**filters)
    )


def test_share_of_so_pupils_on_1_february(w):
    schools = w["schools"]
    for _ in range(18):
        pupil_at(schools["a1"])
    pupil_at(schools["so"], origin=schools["a1"], moved_on=datetime.date(2022, 3, 1))
    pupil_at(schools["sbo"], origin=schools["a1"], moved_on=datetime.date(2022, 3, 1))
    result = values(w)
    assert (result.total.numerator, result.total.denominator) == (1, 20)
    assert result.total.value == 5.0
    assert result.teldatum == datetime.date(2025, 2, 1)
    assert values(w, "doorverwijzing-sbo").total.value == 5.0


def test_a_placement_starting_on_the_teldatum_counts_and_the_day_after_does_not(w):
    schools = w["schools"]
    pupil_at(schools["a1"])
    pupil_at(schools["so"], origin=schools["a1"], moved_on=datetime.date(2025, 2, 1))
    pupil_at(schools["so"], origin=schools["a2"], moved_on=datetime.date(2025, 2, 2))
    total = values(w).total
    # The second pupil is still at regular school a2 on 1 February: counted, but not as SO.
    assert (total.numerator, total.denominator) == (1, 3)


def test_a_placement_ending_on_the_teldatum_no_longer_counts(w):
    from dekkend.pupils.models import Placement

    pupil = pupil_at(w["schools"]["so"])
    Placement.objects.filter(pupil=pupil).update(end_date=datetime.date(2025, 2, 1))
    pupil_at(w["schools"]["a1"])
    assert values(w).total.numerator == 0


def test_an_empty_period_has_no_value_and_no_cells(w):
    result = values(w, year=2010, level="school")
    assert result.cells == []
    assert (result.total.numerator, result.total.denominator, result.total.value) == (0, 0, None)


def test_per_school_the_referring_school_counts(w):
    schools = w["schools"]
    for _ in range(3):
        pupil_at(schools["a1"])
    pupil_at(schools["b1"])
    pupil_at(schools["so"], origin=schools["a1"], moved_on=datetime.date(2023, 9, 1))
    pupil_at(schools["so"])  # straight into SO: no referring school
    cells = {cell.key: cell for cell in values(w, level="school").cells}
    assert (cells[str(schools["a1"].pk)].numerator, cells[str(schools["a1"].pk)].denominator) == (1, 4)
    assert (cells[str(schools["b1"].pk)].numerator, cells[str(schools["b1"].pk)].denominator) == (0, 1)
    assert (cells["other"].numerator, cells["other"].denominator) == (1, 1)
    boards = {cell.key: cell for cell in values(w, level="board").cells}
    assert boards[str(w["boards"]["a"].pk)].numerator == 1
    filtered = values(w, level="school", board_id=w["boards"]["a"].pk)
    assert {cell.key for cell in filtered.cells} == {str(schools["a1"].pk)}
    assert filtered.total.numerator == 1 and filtered.total.denominator == 4


def test_per_district_by_the_pupils_home(w):
    schools, areas = w["schools"], w["areas"]
    pupil_at(schools["a1"], home=areas["north_wijk"])
    pupil_at(schools["so"], origin=schools["a1"], moved_on=datetime.date(2023, 9, 1), home=areas["north"])
    pupil_at(schools["a1"], home=areas["south"])
    pupil_at(schools["a1"])
    cells = {cell.key: cell for cell in values(w, level="district").cells}
    assert (cells[str(areas["north"].pk)].numerator, cells[str(areas["north"].pk)].denominator) == (1, 2)
    assert cells[str(areas["south"].pk)].denominator == 1
    assert cells["unknown"].denominator == 1
    narrowed = values(w, level="school", district_id=areas["north"].pk)
    assert narrowed.total.denominator == 2


def test_history_and_targets_of_bijlage_ii_are_in_the_catalogue():
    so = Indicator.objects.get(code="doorverwijzing-so")
    assert so.history["2018"] == 1.29 and so.targets["2026"] == 1.69
    assert Indicator.objects.get(code="doorverwijzing-pro").targets["2027"] == 3.56
