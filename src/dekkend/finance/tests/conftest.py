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


@pytest.fixture
def vangnet_swv(db):
    """An SWV with the example rates table, an SO school and an SBO school of one board."""
    from dekkend.finance.services import vangnet_rates_load
    from dekkend.organisations.models import SchoolType
    from dekkend.organisations.tests.factories import BoardFactory, SchoolFactory

    swv = SwvFactory(code="vangnet-test", name="SWV Vangnet", sector=Sector.PO)
    vangnet_rates_load(swv=swv, context=AuditContext(purpose="test"))
    board = BoardFactory()
    swv.so_school = SchoolFactory(swv=swv, board=board, school_type=SchoolType.SO, name="SO De Brug")
    swv.sbo_school = SchoolFactory(swv=swv, board=board, school_type=SchoolType.SBO, name="SBO Het Anker")
    swv.bao_school = SchoolFactory(swv=swv, board=board, school_type=SchoolType.BAO, name="Basisschool Regulier")
    swv.board = board
    return swv
