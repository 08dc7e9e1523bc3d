"""The authorisation matrix shared by the API and the page tests: role × scope (own school,
other school of the same SWV, other SWV) with the expected answer, and the world it is tried
on. Loaded as a pytest plugin from the root conftest.py."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory

OWN, OTHER_SCHOOL, OTHER_SWV = "own", "other_school", "other_swv"

# role → (detail status for own / other school / other SWV, list shows which scopes)
PUPIL_MATRIX = {
    Role.SCHOOL: ((200, 404, 404), {OWN}),
    Role.CONSULTANT: ((200, 404, 404), {OWN}),
    Role.BOARD: ((200, 404, 404), {OWN}),
    Role.SECRETARIAT: ((200, 200, 404), {OWN, OTHER_SCHOOL}),
    Role.MANAGER: ((200, 200, 404), {OWN, OTHER_SCHOOL}),
    Role.DIRECTOR: ((200, 200, 404), {OWN, OTHER_SCHOOL}),
    Role.EXPERT: ((404, 404, 404), None),  # may view assigned dossiers only; may not search
    Role.POLICY: ((403, 403, 403), None),
    Role.PARTNER: ((403, 403, 403), None),
    Role.PRIVACY_OFFICER: ((403, 403, 403), None),
    Role.ADMIN: ((403, 403, 403), None),
}


@pytest.fixture
def matrix_world(db):
    """Two SWVs; in the first a school with two pupils and a neighbouring school with one."""
    swv = SwvFactory(code="matrix-po", name="Passend Onderwijs Matrix (PO)")
    other_swv = SwvFactory(code="matrix-elders", name="SWV Elders")
    school = SchoolFactory(swv=swv)
    neighbour = SchoolFactory(swv=swv)
    own = [PupilFactory(school=school), PupilFactory(school=school)]
    neighbour_pupil = PupilFactory(school=neighbour)
    other_swv_pupil = PupilFactory(school=SchoolFactory(swv=other_swv))
    return {
        "swv": swv,
        "school": school,
        "own": own,
        "neighbour_pupil": neighbour_pupil,
        "other_swv_pupil": other_swv_pupil,
        "targets": {OWN: own[0], OTHER_SCHOOL: neighbour_pupil, OTHER_SWV: other_swv_pupil},
    }


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def expected_detail_status(role: str, scope: str) -> int:
    return PUPIL_MATRIX[role][0][[OWN, OTHER_SCHOOL, OTHER_SWV].index(scope)]


def expected_list_ids(role: str, world: dict) -> set[int] | None:
    """The pupil ids a role's list shows, or None when the role may not list pupils."""
    scopes = PUPIL_MATRIX[role][1]
    if scopes is None:
        return None
    ids = {p.pk for p in world["own"]}
    if OTHER_SCHOOL in scopes:
        ids.add(world["neighbour_pupil"].pk)
    return ids


def make_user(role, world):
    school = world["school"]
    if role in (Role.SCHOOL, Role.CONSULTANT):
        return user_with_role(role, school=school)
    if role == Role.BOARD:
        return user_with_role(role, swv=world["swv"], board=school.board)
    if role == Role.ADMIN:
        return user_with_role(role)
    return user_with_role(role, swv=world["swv"])


def assert_one_complete_audit_row(before: int, user, expected_outcome: str) -> AuditEvent:
    new = list(AuditEvent.objects.filter(id__gt=before).order_by("id"))
    assert len(new) == 1, [(e.action, e.object_type) for e in new]
    event = new[0]
    assert event.username == user.username and event.role and event.object_type == "pupil"
    assert event.client_address and event.event_id and event.hash
    assert event.outcome == expected_outcome
    return event
