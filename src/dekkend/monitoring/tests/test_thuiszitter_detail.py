"""The dashboard's thuiszitter section: per quarter the reports, open cases and the duration of
the cases ended (quartiles in weeks), and the top reasons of the open cases; partners "<5"."""

import datetime

import pytest
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import thuiszitter_detail
from dekkend.steunpunt.models import Thuiszitter

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db
D = datetime.date


def case(w, reason, reported, ended=None):
    pupil = pupil_at(w["schools"]["a1"])
    Thuiszitter.objects.create(
        swv=w["swv"], pupil=pupil, kind="absoluut", reported_on=reported, ended_on=ended, reason=reason
    )


@pytest.fixture
def w():
    w = world()
    for weeks in range(1, 7):  # six cases reported 31 March, ended after 1 to 6 weeks (in Q2)
        case(w, "geen_passend_aanbod", D(2025, 3, 31), D(2025, 3, 31) + datetime.timedelta(weeks=weeks))
    for _ in range(6):
        case(w, "wachten_op_plek", D(2025, 10, 1))
    for _ in range(2):
        case(w, "gezondheid", D(2025, 10, 1))
    case(w, "gedrag", D(2025, 10, 1))
    return w


YEAR = Period(2025)


def detail(w, role, period=YEAR):
    return thuiszitter_detail(user=user_with_role(role, swv=w["swv"]), swv=w["swv"], period=period)


def test_the_duration_of_ended_cases_in_quartiles_of_weeks(w):
    q2 = detail(w, Role.POLICY).quarters[1]
    assert q2.label == "2025-K2" and q2.ended.numerator == 6
    assert q2.weeks == {"mean": 3.5, "p25": 2.2, "median": 3.5, "p75": 4.8}  # 1..6 weeks, inclusive


def test_the_top_three_reasons_of_the_last_quarter(w):
    result = detail(w, Role.POLICY)
    assert result.reasons_quarter == "2025-K4"
    assert [(reason.key, reason.numerator) for reason in result.reasons] == [
        ("wachten_op_plek", 6),
        ("gezondheid", 2),
        ("gedrag", 1),
    ]


def test_partners_get_less_than_5_for_small_counts_and_reasons(w):
    result = detail(w, Role.PARTNER)
    q3, q4 = result.quarters[2], result.quarters[3]
    assert q3.reported.suppressed and q3.reported.numerator == 0  # shown as "<5"
    assert not q4.reported.suppressed  # 9 new reports
    shown = {reason.key: reason.suppressed for reason in result.reasons}
    assert shown == {"wachten_op_plek": False, "gezondheid": True, "gedrag": True}
    assert result.quarters[0].weeks["median"] is None  # no case ended in Q1


def test_partners_get_no_management_period_and_roles_without_indicators_nothing(w):
    assert detail(w, Role.PARTNER, Period(2025, 8)) is None
    assert detail(w, Role.SCHOOL) is None


def test_the_dashboard_shows_the_section_with_less_than_5_for_partners(client, w):
    client.force_login(user_with_role(Role.PARTNER, swv=w["swv"]))
    html = client.get(reverse("monitoring:dashboard"), {"period": "2025"}).content.decode()
    assert 'id="thuiszitters-detail"' in html
    assert "2025-K2" in html and "3,5" in html
    assert "&lt;5" in html


def test_a_board_filter_hides_the_section(client, w):
    client.force_login(user_with_role(Role.POLICY, swv=w["swv"]))
    html = client.get(reverse("monitoring:dashboard"), {"period": "2025", "board": w["boards"]["a"].pk}).content
    assert b'id="thuiszitters-detail"' not in html


def test_the_periodic_report_has_the_thuiszitter_quarters(client, w):
    from dekkend.core.tests.pdf import pdf_text

    client.force_login(user_with_role(Role.DIRECTOR, swv=w["swv"]))
    response = client.get(reverse("monitoring:report"), {"period": "2025"})
    text = pdf_text(response.content)
    assert "Thuiszitters per kwartaal" in text and "2025-K2" in text
