"""Who sees which pupils by the normal scope of their role (core.permissions)."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.core.permissions import Action, Basis, decide_pupil, visible_pupils
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    swv = SwvFactory(code="almere-po")
    other_swv = SwvFactory(code="elders-po")
    school = SchoolFactory(swv=swv)
    sister = SchoolFactory(swv=swv, board=school.board)
    other_school = SchoolFactory(swv=swv)
    return {
        "swv": swv,
        "school": school,
        "own": PupilFactory(school=school),
        "sister": PupilFactory(school=sister),
        "other_school": PupilFactory(school=other_school),
        "other_swv": PupilFactory(school=SchoolFactory(swv=other_swv)),
    }


def visible_keys(user, world):
    ids = set(visible_pupils(user).values_list("id", flat=True))
    return {key for key in ("own", "sister", "other_school", "other_swv") if world[key].id in ids}


def test_school_user_sees_only_own_school(world):
    user = user_with_role(Role.SCHOOL, school=world["school"])
    assert visible_keys(user, world) == {"own"}


def test_board_sees_all_its_schools_in_the_swv(world):
    user = user_with_role(Role.BOARD, swv=world["swv"], board=world["school"].board)
    assert visible_keys(user, world) == {"own", "sister"}


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MANAGER, Role.DIRECTOR])
def test_swv_staff_see_their_whole_swv_and_no_other(world, role):
    user = user_with_role(role, swv=world["swv"])
    assert visible_keys(user, world) == {"own", "sister", "other_school"}


@pytest.mark.parametrize("role", [Role.PARTNER, Role.POLICY, Role.PRIVACY_OFFICER, Role.EXPERT])
def test_roles_without_pupil_scope_see_none(world, role):
    user = user_with_role(role, swv=world["swv"])
    assert visible_keys(user, world) == set()
    assert not decide_pupil(user, Action.VIEW_PUPIL, world["own"]).allowed


def test_revoked_role_sees_nothing_on_the_next_request(world):
    user = user_with_role(Role.SCHOOL, school=world["school"])
    assert decide_pupil(user, Action.VIEW_PUPIL, world["own"]).basis == Basis.SCOPE
    user.role_assignments.update(revoked_at="2026-01-01T00:00:00Z")
    fresh = type(user).objects.get(pk=user.pk)  # each request loads the user afresh
    assert visible_keys(fresh, world) == set()
