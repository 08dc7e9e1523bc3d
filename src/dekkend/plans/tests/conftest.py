import pytest

from dekkend.audit.services import AuditContext
from dekkend.organisations.models import Sector
from dekkend.organisations.tests.factories import SwvFactory
from dekkend.plans.services import plans_load


@pytest.fixture
def swvs(db):
    return {
        "almere-po": SwvFactory(code="almere-po", name="Passend Onderwijs Almere PO", sector=Sector.PO),
        "almere-vo": SwvFactory(code="almere-vo", name="Passend Onderwijs Almere VO", sector=Sector.VO),
        "plein013-po": SwvFactory(code="plein013-po", name="Plein 013", sector=Sector.PO),
    }


@pytest.fixture
def plans(swvs):
    loaded = plans_load(context=AuditContext(purpose="test"))
    return {plan.title: plan for plan in loaded}
