"""Thuiszitters per 1,000 pupils, new reports and escalations solved within 48 hours, through
the steunpunt's selectors."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import Filters, indicator_values
from dekkend.steunpunt.models import Escalation, EscalationLevel, Thuiszitter

from .factories import pupil_at, world

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def w():
    return world()


def total(w, code, role=Role.POLICY, **filters):
    user = user_with_role(role, swv=w["swv"])
    entry = Indicator.objects.get(code=code)
    return indicator_values(user=user, indicator=entry, swv=w["swv"], period=Period(2025), filters=Filters(**filters))


def test_thuiszitters_per_1000_pupils(w):
    pupils = [pupil_at(w["schools"]["a1"]) for _ in range(40)]
    for pupil in pupils[:2]:
        Thuiszitter.objects.create(
            swv=w["swv"], pupil=pupil, kind="absoluut", reported_on=D(2025, 3, 1), reason="geen_passend_aanbod"
        )
    cell = total(w, "thuiszitters").total
    assert (cell.numerator, cell.denominator, cell.value) == (2, 40, 50.0)
    assert total(w, "meldingen-thuiszitters").total.numerator == 2
    partner = total(w, "thuiszitters", role=Role.PARTNER).total
    assert partner.suppressed and partner.value is None


def test_a_city_only_figure_refuses_a_board_filter(w):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        total(w, "thuiszitters", board_id=w["boards"]["a"].pk)


def test_escalations_solved_within_48_hours(w):
    level = EscalationLevel.objects.create(swv=w["swv"], order=1, name="Doorbraak")
    opened = datetime.datetime(2025, 5, 5, 9, 0, tzinfo=datetime.UTC)
    for hours in (10, 47, 48, 49, 100):
        Escalation.objects.create(
            swv=w["swv"],
            subject="Impasse (synthetisch)",
            level=level,
            opened_at=opened,
            solved_at=opened + datetime.timedelta(hours=hours),
        )
    cell = total(w, "escalaties-48-uur").total
    assert cell.denominator == 5
    assert cell.numerator in (2, 3)  # whether 48 hours exactly counts is the steunpunt's rule
