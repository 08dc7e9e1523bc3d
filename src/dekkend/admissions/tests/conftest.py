import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.organisations.models import SchoolType
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PlacementFactory, PupilFactory
from dekkend.referrals.tests.factories import ApplicationFactory

REGISTERED = datetime.date(2025, 3, 3)  # a Monday


def ctx(user) -> AuditContext:
    return AuditContext(user=user, client_address="127.0.0.1")


@pytest.fixture
def world(db):
    """An SWV with the pupil's current school, a regular and a special school of registration
    (with their users), SWV staff, a board user of the special school, and another SWV."""
    swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere (PO)")
    current = SchoolFactory(swv=swv)
    regular = SchoolFactory(swv=swv)
    special = SchoolFactory(swv=swv, school_type=SchoolType.SBO, name="SBO De Proef")
    pupil = PupilFactory(school=current, birth_date=datetime.date(2016, 5, 17))
    PlacementFactory(pupil=pupil, school=current, start_date=datetime.date(2020, 8, 20))
    other_swv = SwvFactory(code="elders", name="Elders")
    other_school = SchoolFactory(swv=other_swv)
    return {
        "swv": swv,
        "current": current,
        "regular": regular,
        "special": special,
        "pupil": pupil,
        "regular_user": user_with_role(Role.SCHOOL, school=regular),
        "special_user": user_with_role(Role.SCHOOL, school=special),
        "current_user": user_with_role(Role.SCHOOL, school=current),
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "manager": user_with_role(Role.MANAGER, swv=swv),
        "board": user_with_role(Role.BOARD, swv=swv, board=special.board),
        "policy": user_with_role(Role.POLICY, swv=swv),
        "other_school": other_school,
        "other_secretariat": user_with_role(Role.SECRETARIAT, swv=other_swv),
        "other_school_user": user_with_role(Role.SCHOOL, school=other_school),
    }


def granted_tlv(
    pupil, provision_type="sbo", valid_from=datetime.date(2025, 2, 1), valid_until=datetime.date(2027, 7, 31)
):
    return ApplicationFactory(
        pupil=pupil,
        requested_provision_type=provision_type,
        status="granted",
        outcome="granted",
        provision_type=provision_type,
        decided_on=valid_from,
        valid_from=valid_from,
        valid_until=valid_until,
        duration="activerend",
    )
