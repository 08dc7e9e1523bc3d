"""Objections per 100 TLV decisions (admissions) and waiting lists of specialised provisions
(network groups)."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.admissions.models import Objection
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.periods import Period
from dekkend.monitoring.selectors import indicator_values
from dekkend.network.models import ProvisionGroup
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory

from .factories import tlv, world

pytestmark = pytest.mark.django_db
D = datetime.date


def values(w, code, level="city", year=2025):
    user = user_with_role(Role.POLICY, swv=w["swv"])
    return indicator_values(
        user=user, indicator=Indicator.objects.get(code=code), swv=w["swv"], period=Period(year), level=level
    )


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


def test_objections_per_100_decisions_per_school():
    w = world()
    a1, b1 = w["schools"]["a1"], w["schools"]["b1"]
    decided = [
        tlv(school, submitted=D(2025, 1, 6), complete=D(2025, 1, 20), decided=D(2025, 3, 1))
        for school in (a1, a1, a1, a1, b1)
    ]
    object_to(decided[0], D(2025, 3, 20))
    object_to(decided[4], D(2026, 1, 5))  # next year's figure
    total = values(w, "klachten-bezwaren").total
    assert (total.numerator, total.denominator, total.value) == (1, 5, 20.0)
    cells = {cell.key: cell for cell in values(w, "klachten-bezwaren", level="school").cells}
    assert (cells[str(a1.pk)].numerator, cells[str(a1.pk)].denominator) == (1, 4)
    assert (cells[str(b1.pk)].numerator, cells[str(b1.pk)].denominator) == (0, 1)


def test_waiting_lists_of_specialised_groups_in_the_school_year():
    w = world()
    so = ProvisionFactory(swv=w["swv"], kind=Provision.Kind.SO)
    arrangement = ProvisionFactory(swv=w["swv"], kind=Provision.Kind.ARRANGEMENT)
    ProvisionGroup.objects.create(
        provision=so, name="Groep 1", provision_type="so", school_year="2025-2026", waiting_list=4
    )
    ProvisionGroup.objects.create(
        provision=so, name="Groep 2", provision_type="so", school_year="2025-2026", waiting_list=3
    )
    ProvisionGroup.objects.create(
        provision=so, name="Groep 1", provision_type="so", school_year="2024-2025", waiting_list=9
    )
    ProvisionGroup.objects.create(
        provision=arrangement, name="Groep A", provision_type="so", school_year="2025-2026", waiting_list=8
    )
    assert values(w, "wachtlijsten-gespecialiseerd").total.value == 7
