import pytest
from django.core.cache import cache

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """The token endpoint's rate limit counts in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """Two SWVs; in the first a school with two pupils and a second school with one."""
    swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere (PO)")
    other_swv = SwvFactory(code="elders-po", name="SWV Elders")
    school = SchoolFactory(swv=swv)
    neighbour = SchoolFactory(swv=swv)
    return {
        "swv": swv,
        "other_swv": other_swv,
        "school": school,
        "neighbour": neighbour,
        "own": [PupilFactory(school=school), PupilFactory(school=school)],
        "neighbour_pupil": PupilFactory(school=neighbour),
        "other_swv_pupil": PupilFactory(school=SchoolFactory(swv=other_swv)),
    }


@pytest.fixture
def school_user(world):
    return user_with_role(Role.SCHOOL, school=world["school"])


@pytest.fixture
def partner(world):
    return user_with_role(Role.PARTNER, swv=world["swv"], organisation_name="Gemeente Almere")


@pytest.fixture
def privacy_officer(world):
    return user_with_role(Role.PRIVACY_OFFICER, swv=world["swv"])
