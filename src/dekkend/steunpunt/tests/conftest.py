import pytest
from django.core.cache import cache

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory


def ctx(user) -> AuditContext:
    return AuditContext(user=user, client_address="127.0.0.1")


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The public question form counts per address in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """An SWV with a school (its user, a pupil), a neighbour school with a pupil, SWV staff and a
    second SWV with a pupil."""
    swv = SwvFactory(code="almere-po", name="Passend Onderwijs Almere (PO)")
    other_swv = SwvFactory(code="elders-po", name="SWV Elders")
    school = SchoolFactory(swv=swv)
    neighbour = SchoolFactory(swv=swv)
    return {
        "swv": swv,
        "other_swv": other_swv,
        "school": school,
        "neighbour": neighbour,
        "pupil": PupilFactory(school=school),
        "neighbour_pupil": PupilFactory(school=neighbour),
        "other_swv_pupil": PupilFactory(school=SchoolFactory(swv=other_swv)),
        "school_user": user_with_role(Role.SCHOOL, school=school),
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "consultant": user_with_role(Role.CONSULTANT, school=school),
        "partner": user_with_role(Role.PARTNER, swv=swv, organisation_name="Gemeente Almere"),
    }


def user_for(role, world):
    """A user holding ``role`` in the world's first SWV (at its first school where scoped)."""
    if role in (Role.SCHOOL, Role.CONSULTANT):
        return user_with_role(role, school=world["school"])
    if role == Role.BOARD:
        return user_with_role(role, swv=world["swv"], board=world["school"].board)
    if role == Role.ADMIN:
        return user_with_role(role)
    return user_with_role(role, swv=world["swv"])
