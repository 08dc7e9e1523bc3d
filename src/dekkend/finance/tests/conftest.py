import pytest

from dekkend.audit.services import AuditContext
from dekkend.finance.services import budgets_load, reserves_load
from dekkend.organisations.models import Sector
from dekkend.organisations.tests.factories import SwvFactory


@pytest.fixture
def almere_po(db):
    swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere PO", sector=Sector.PO)
    budgets_load(swv=swv, context=AuditContext(purpose="test"))
    reserves_load(swv=swv, context=AuditContext(purpose="test"))
    return swv


@pytest.fixture
def almere_vo(db):
    swv = SwvFactory(code="almere-vo", name="Passend Onderwijs Almere VO", sector=Sector.VO)
    budgets_load(swv=swv, context=AuditContext(purpose="test"))
    reserves_load(swv=swv, context=AuditContext(purpose="test"))
    return swv
