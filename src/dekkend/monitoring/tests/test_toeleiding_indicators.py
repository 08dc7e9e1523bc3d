"""TLV lead times (mean and quartiles), the statutory term, the May–July share and the
application rate, computed from the applications."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import indicator_values
from dekkend.pupils.models import Placement
from dekkend.referrals.models import ApplicationType

from .factories import pupil_at, tlv, world

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def w():
    return world()


def total(w, code, period="2025", level="city"):
    user = user_with_role(Role.MANAGER, swv=w["swv"])
    return indicator_values(
        user=user, indicator=Indicator.objects.get(code=code), swv=w["swv"], period=Period.parse(period), level=level
    ).total


def test_lead_time_to_decision_mean_and_quartiles(w):
    school = w["schools"]["a1"]
    for days in (10, 20, 30, 40, 50):
        complete = D(2025, 3, 1)
        tlv(school, submitted=D(2025, 2, 1), complete=complete, decided=complete + datetime.timedelta(days=days))
    tlv(school, submitted=D(2024, 2, 1), complete=D(2024, 3, 1), decided=D(2024, 3, 11))  # another year
    cell = total(w, "tlv-doorlooptijd-besluit")
    assert cell.numerator == 5
    assert (cell.value, cell.p25, cell.median, cell.p75) == (30.0, 20.0, 30.0, 40.0)
    whole = total(w, "tlv-doorlooptijd-totaal")
    assert whole.median == 28 + 30  # 1 February to 1 March is 28 days


def test_lead_time_to_complete_counts_applications_complete_in_the_period(w):
    school = w["schools"]["a1"]
    tlv(school, submitted=D(2025, 1, 10), complete=D(2025, 1, 24))
    tlv(school, submitted=D(2024, 12, 20), complete=D(2025, 1, 3))
    tlv(school, submitted=D(2025, 1, 10))  # not complete yet: not counted
    cell = total(w, "tlv-doorlooptijd-compleet")
    assert (cell.numerator, cell.value) == (2, 14.0)


def test_an_empty_period_has_no_lead_time(w):
    cell = total(w, "tlv-doorlooptijd-besluit")
    assert (cell.numerator, cell.value, cell.median) == (0, None, None)


def test_a_decision_on_the_due_date_is_within_the_term_and_the_day_after_is_not(w):
    school = w["schools"]["a1"]
    due = D(2025, 4, 12)
    tlv(school, submitted=D(2025, 2, 1), complete=D(2025, 3, 1), due=due, decided=due)
    tlv(school, submitted=D(2025, 2, 1), complete=D(2025, 3, 1), due=due, decided=due + datetime.timedelta(days=1))
    # Extended by 4 weeks: the extended date counts.
    tlv(
        school,
        submitted=D(2025, 2, 1),
        complete=D(2025, 3, 1),
        due=due,
        extended=D(2025, 5, 10),
        decided=D(2025, 5, 10),
    )
    cell = total(w, "besluit-binnen-termijn")
    assert (cell.numerator, cell.denominator) == (2, 3)
    assert cell.value == pytest.approx(66.67)


def test_the_seasonal_share_counts_may_to_july(w):
    school = w["schools"]["a1"]
    for day in (D(2025, 4, 30), D(2025, 5, 1), D(2025, 7, 31), D(2025, 8, 1)):
        tlv(school, submitted=day)
    cell = total(w, "tlv-seizoen")
    assert (cell.numerator, cell.denominator, cell.value) == (2, 4, 50.0)
    assert total(w, "tlv-seizoen", period="2025-M4").denominator == 1  # January to April only


def test_days_from_tlv_application_to_placement(w):
    schools = w["schools"]
    pupil = pupil_at(schools["so"], origin=schools["a1"], moved_on=D(2025, 4, 1))
    tlv(schools["a1"], pupil=pupil, submitted=D(2025, 2, 1), complete=D(2025, 2, 10), decided=D(2025, 3, 1))
    cell = total(w, "tlv-tot-plaatsing")
    assert (cell.numerator, cell.value) == (1, 59.0)


def test_location_changes_per_100_pupils_exclude_first_enrolment(w):
    schools = w["schools"]
    for _ in range(8):
        pupil_at(schools["a1"])
    pupil_at(schools["a2"], origin=schools["a1"], moved_on=D(2025, 3, 1), reason=Placement.Reason.MOVE)
    pupil_at(schools["so"], origin=schools["a1"], moved_on=D(2025, 9, 1))
    cell = total(w, "locatiewisselingen")
    assert (cell.numerator, cell.denominator, cell.value) == (2, 10, 20.0)


def test_application_rate_per_100_pupils_on_the_teldatum(w):
    school = w["schools"]["a1"]
    pupils = [pupil_at(school) for _ in range(20)]
    tlv(school, pupil=pupils[0], submitted=D(2025, 3, 1))
    tlv(school, pupil=pupils[1], submitted=D(2025, 3, 1), type=ApplicationType.ONDERWIJSARRANGEMENT)
    tlv(school, pupil=pupils[2], submitted=D(2025, 3, 1), type=ApplicationType.MAATWERKBUDGET)  # not counted
    cell = total(w, "aanvraagpercentage", level="school")
    assert (cell.numerator, cell.denominator, cell.value) == (2, 20, 10.0)


def test_application_rate_of_the_whole_swv_counts_the_same_requests(w):
    school = w["schools"]["a1"]
    pupils = [pupil_at(school) for _ in range(20)]
    tlv(school, pupil=pupils[0], submitted=D(2025, 3, 1))
    tlv(school, pupil=pupils[1], submitted=D(2024, 12, 31))  # the year before: not counted
    cell = total(w, "aanvraagpercentage")
    assert (cell.numerator, cell.denominator, cell.value) == (1, 20, 5.0)


def test_shift_to_regular_counts_pupils_of_a_special_school_now_in_an_arrangement(w):
    from dekkend.organisations.models import Provision
    from dekkend.organisations.tests.factories import ProvisionFactory

    schools = w["schools"]
    arrangement = ProvisionFactory(swv=w["swv"], kind=Provision.Kind.ARRANGEMENT, name="Arrangement De Proef")
    for _ in range(3):  # stay on the SO school
        pupil_at(schools["so"], start=D(2023, 8, 20))
    moved = pupil_at(schools["so"], start=D(2023, 8, 20))
    placement = moved.placements.get()
    placement.end_date = D(2025, 1, 6)
    placement.save()
    Placement.objects.create(
        pupil=moved,
        school=schools["a1"],
        provision=arrangement,
        start_date=D(2025, 1, 6),
        reason=Placement.Reason.MOVE,
    )
    cell = total(w, "verschuiving-regulier")
    assert (cell.numerator, cell.denominator) == (1, 4)  # of 4 on the SO school on 1 February 2024
