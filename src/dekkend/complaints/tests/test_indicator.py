"""The indicator klachten-bezwaren counts complaints about procedures plus objections, per 100
TLV decisions of the period; complaints count at the school they name, those without a school
only for the whole SWV."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.admissions.models import Objection
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import indicator_values
from dekkend.monitoring.tests.factories import tlv, world

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CODE = "klachten-bezwaren"


def values(w, level="city", year=2025):
    user = user_with_role(Role.POLICY, swv=w["swv"])
    return indicator_values(
        user=user, indicator=Indicator.objects.get(code=CODE), swv=w["swv"], period=Period(year), level=level
    )


def decisions(w, *schools):
    return [
        tlv(w["schools"][key], submitted=D(2025, 1, 6), complete=D(2025, 1, 20), decided=D(2025, 3, 1))
        for key in schools
    ]


def object_to(application, received_on):
    return Objection.objects.create(
        swv=application.swv,
        application=application,
        objector=Objection.Objector.PARENTS,
        grounds="Synthetisch bezwaar.",
        decision_sent_on=application.decided_on,
        received_on=received_on,
        term_ends_on=application.decided_on + datetime.timedelta(weeks=6),
        decision_due=received_on + datetime.timedelta(weeks=6),
    )


def test_empty_no_complaints_no_objections_is_zero_per_100_decisions():
    w = world()
    decisions(w, "a1", "b1")
    total = values(w).total
    assert (total.numerator, total.denominator, total.value) == (0, 2, 0.0)


def test_without_decisions_there_is_no_value():
    w = world()
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 4, 1))
    total = values(w).total
    assert (total.numerator, total.denominator, total.value) == (1, 0, None)


def test_complaints_only_within_the_period():
    w = world()
    decisions(w, "a1", "a1", "a1", "b1")
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 1, 1))
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 12, 31), school=w["schools"]["a1"])
    ComplaintFactory(swv=w["swv"], received_on=D(2024, 12, 31))  # last year's
    ComplaintFactory(swv=w["swv"], received_on=D(2026, 1, 1))  # next year's
    total = values(w).total
    assert (total.numerator, total.denominator, total.value) == (2, 4, 50.0)


def test_complaints_and_objections_together_by_school():
    w = world()
    a1, b1 = w["schools"]["a1"], w["schools"]["b1"]
    decided = decisions(w, "a1", "a1", "a1", "a1", "b1")
    object_to(decided[0], D(2025, 3, 20))
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 5, 1), application=decided[4], school=b1)
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 6, 1), school=a1)
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 7, 1))  # no school: the SWV only
    other_swv_complaint = ComplaintFactory(received_on=D(2025, 7, 1))
    assert other_swv_complaint.swv != w["swv"]

    total = values(w).total
    assert (total.numerator, total.denominator, total.value) == (4, 5, 80.0)
    cells = {cell.key: cell for cell in values(w, level="school").cells}
    assert (cells[str(a1.pk)].numerator, cells[str(a1.pk)].denominator) == (2, 4)
    assert (cells[str(b1.pk)].numerator, cells[str(b1.pk)].denominator) == (1, 1)
    assert sum(cell.numerator for cell in cells.values() if cell.key in (str(a1.pk), str(b1.pk))) == 3
    boards = {cell.key: cell for cell in values(w, level="board").cells}
    assert boards[str(w["boards"]["a"].pk)].numerator == 2


def test_the_catalogue_names_complaints_and_objections():
    entry = Indicator.objects.get(code=CODE)
    assert "klachten" in entry.name.lower() and "bezwaren" in entry.name.lower()
    assert "002_db4167b82468325d.txt:70" in entry.source


def test_by_district_at_the_pupils_home_area_and_without_application_unknown():
    from dekkend.monitoring.selectors import UNKNOWN
    from dekkend.pupils.tests.factories import PupilFactory

    w = world()
    a1 = w["schools"]["a1"]
    north_pupil = PupilFactory(school=a1, home_area=w["areas"]["north_wijk"])
    decided = tlv(a1, submitted=D(2025, 1, 6), complete=D(2025, 1, 20), decided=D(2025, 3, 1), pupil=north_pupil)
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 5, 1), application=decided, school=a1)
    ComplaintFactory(swv=w["swv"], received_on=D(2025, 5, 2), school=a1)  # no application: no home area

    cells = {cell.key: cell for cell in values(w, level="district").cells}
    assert cells[str(w["areas"]["north"].pk)].numerator == 1
    assert cells[UNKNOWN].numerator == 1
