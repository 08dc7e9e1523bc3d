import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals.tests.factories import ApplicationFactory

TODAY = datetime.date(2026, 11, 25)


def ctx(user) -> AuditContext:
    return AuditContext(user=user, client_address="127.0.0.1")


@pytest.fixture
def world(db):
    """An SWV with a school, an application of a pupil there, its office (secretariat, manager),
    a school user, policy and partner, and another SWV with its own secretariat and application."""
    swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere (PO)")
    school = SchoolFactory(swv=swv)
    pupil = PupilFactory(school=school)
    application = ApplicationFactory(pupil=pupil, school=school, swv=swv)
    other_swv = SwvFactory(code="elders", name="Elders")
    other_school = SchoolFactory(swv=other_swv)
    other_application = ApplicationFactory(pupil=PupilFactory(school=other_school), school=other_school, swv=other_swv)
    return {
        "swv": swv,
        "school": school,
        "pupil": pupil,
        "application": application,
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "manager": user_with_role(Role.MANAGER, swv=swv),
        "school_user": user_with_role(Role.SCHOOL, school=school),
        "board": user_with_role(Role.BOARD, swv=swv, board=school.board),
        "policy": user_with_role(Role.POLICY, swv=swv),
        "partner": user_with_role(Role.PARTNER, swv=swv),
        "other_swv": other_swv,
        "other_school": other_school,
        "other_application": other_application,
        "other_secretariat": user_with_role(Role.SECRETARIAT, swv=other_swv),
    }
