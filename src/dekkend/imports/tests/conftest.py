import datetime
from dataclasses import dataclass

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.organisations.models import SchoolLocation
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory

TELDATUM = datetime.date(2025, 10, 1)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def ctx(user) -> AuditContext:
    return AuditContext(user=user, client_address="127.0.0.1")


@dataclass
class World:
    swv: object
    school: object
    location: object
    second_location: object
    other_school: object
    secretariat: object
    policy: object
    school_user: object
    other_swv_secretariat: object
    pupil: object
    other_swv_school: object


@pytest.fixture
def world(db) -> World:
    """An SWV with two schools (BRIN 12AB with locations 00 and 01; 34CD), its staff, a school
    user and a pupil; and another SWV with its own school of the same BRIN and its secretariat."""
    swv = SwvFactory(code="swv-import")
    school = SchoolFactory(swv=swv, brin="12AB")
    second = SchoolLocation.objects.create(school=school, code="01", name="Dependance", city="Almere")
    other_school = SchoolFactory(swv=swv, brin="34CD")
    other_swv = SwvFactory(code="swv-elders")
    other_swv_school = SchoolFactory(swv=other_swv, brin="56EF")
    return World(
        swv=swv,
        school=school,
        location=school.locations.get(code="00"),
        second_location=second,
        other_school=other_school,
        secretariat=user_with_role(Role.SECRETARIAT, swv=swv),
        policy=user_with_role(Role.POLICY, swv=swv),
        school_user=user_with_role(Role.SCHOOL, school=school),
        other_swv_secretariat=user_with_role(Role.SECRETARIAT, swv=other_swv),
        pupil=PupilFactory(school=school, pupil_number="GEM-000001", birth_date=datetime.date(2012, 3, 4)),
        other_swv_school=other_swv_school,
    )
