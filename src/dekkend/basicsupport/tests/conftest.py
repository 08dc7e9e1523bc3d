import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.models import Area, SchoolLocation
from dekkend.organisations.tests.factories import AreaFactory, BoardFactory, SchoolFactory, SwvFactory

from .factories import RoundFactory


@pytest.fixture
def world(db):
    """One PO SWV with two boards: board A has schools a1 (Haven) and a2 (Stad), board B has b1
    (Haven); a VO school and a school of another SWV; a round for PO; users per role."""
    swv = SwvFactory(code="bs-po", name="Passend Onderwijs Proef PO", municipality="Almere")
    other_swv = SwvFactory(code="bs-elders", name="SWV Elders")
    board_a, board_b = BoardFactory(name="Bestuur A"), BoardFactory(name="Bestuur B")
    haven, stad = (
        AreaFactory(name="Haven", kind=Area.Kind.STADSDEEL),
        AreaFactory(name="Stad", kind=Area.Kind.STADSDEEL),
    )
    a1 = SchoolFactory(swv=swv, board=board_a, name="De Aak", with_location=False)
    a2 = SchoolFactory(swv=swv, board=board_a, name="De Boei", with_location=False)
    b1 = SchoolFactory(swv=swv, board=board_b, name="De Cirkel", with_location=False)
    for school, area in ((a1, haven), (a2, stad), (b1, haven)):
        SchoolLocation.objects.create(school=school, code="00", name=school.name, area=area)
    vo = SchoolFactory(swv=swv, board=board_a, secondary=True)
    elsewhere = SchoolFactory(swv=other_swv, board=board_a)
    zelfscan_round = RoundFactory(swv=swv, variant="po", school_year="2025-2026")
    return {
        "swv": swv,
        "other_swv": other_swv,
        "board_a": board_a,
        "board_b": board_b,
        "a1": a1,
        "a2": a2,
        "b1": b1,
        "vo": vo,
        "elsewhere": elsewhere,
        "haven": haven,
        "stad": stad,
        "round": zelfscan_round,
        "school_a1": user_with_role(Role.SCHOOL, school=a1),
        "school_b1": user_with_role(Role.SCHOOL, school=b1),
        "board_user_a": user_with_role(Role.BOARD, swv=swv, board=board_a),
        "board_user_b": user_with_role(Role.BOARD, swv=swv, board=board_b),
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "secretariat_elsewhere": user_with_role(Role.SECRETARIAT, swv=other_swv),
        "partner": user_with_role(Role.PARTNER, swv=swv),
    }
