"""The authorisation matrix: role × action × scope, with the expected answer and rows.

One table decides what every role may do with pupil data in its own scope, at another school
of its SWV and in another SWV. Every request in it must leave exactly one complete audit row,
denied ones included. Every API route must appear in ``COVERED_ROUTES``: adding an endpoint
without deciding its row here fails ``test_every_api_route_is_in_the_matrix``.
"""

import pytest
from django.urls import URLPattern, get_resolver

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

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

# Every API route, with the test that covers its authorisation.
COVERED_ROUTES = {
    "token": "api/tests/test_token.py",
    "token-revoke": "api/tests/test_token.py",
    "me": "api/tests/test_token.py",
    "swv-list": "test_organisation_lists_stay_in_the_tenant",
    "school-list": "test_organisation_lists_stay_in_the_tenant",
    "school-detail": "test_organisation_lists_stay_in_the_tenant",
    "area-list": "api/tests/test_organisations.py (areas are shared public data)",
    "provision-list": "test_organisation_lists_stay_in_the_tenant",
    "provision-detail": "test_organisation_lists_stay_in_the_tenant",
    "pupil-list": "test_pupil_list_per_role",
    "pupil-detail": "test_pupil_detail_per_role_and_scope",
    "pupil-emergency-access": "api/tests/test_pupils.py",
    "audit-event-list": "test_audit_log_only_for_the_privacy_officer",
    "audit-event-export": "test_audit_log_only_for_the_privacy_officer",
    "audit-event-verify": "api/tests/test_audit_log.py",
    "schema": "api/tests/test_schema_and_errors.py",
    "docs": "api/tests/test_schema_and_errors.py",
}


@pytest.fixture
def matrix_world(world):
    pupil = world["own"][0]
    return {
        **world,
        "targets": {OWN: pupil, OTHER_SCHOOL: world["neighbour_pupil"], OTHER_SWV: world["other_swv_pupil"]},
    }


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


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
@pytest.mark.parametrize("scope", [OWN, OTHER_SCHOOL, OTHER_SWV])
def test_pupil_detail_per_role_and_scope(role, scope, matrix_world, api_client_for):
    user = make_user(role, matrix_world)
    pupil = matrix_world["targets"][scope]
    expected = PUPIL_MATRIX[role][0][[OWN, OTHER_SCHOOL, OTHER_SWV].index(scope)]
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    response = api_client_for(user).get(f"/api/v1/pupils/{pupil.pk}/")

    assert response.status_code == expected
    event = assert_one_complete_audit_row(before, user, "success" if expected == 200 else "denied")
    assert event.pupil_id == pupil.pk
    if expected == 200:
        assert response.json()["id"] == pupil.pk
    else:
        assert str(pupil.last_name) not in response.content.decode()


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
def test_pupil_list_per_role(role, matrix_world, api_client_for):
    user = make_user(role, matrix_world)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    visible_scopes = PUPIL_MATRIX[role][1]

    response = api_client_for(user).get("/api/v1/pupils/")

    if visible_scopes is None:
        assert response.status_code == 403
        assert_one_complete_audit_row(before, user, "denied")
        return
    assert response.status_code == 200
    returned = {row["id"] for row in response.json()["results"]}
    expected_ids = {p.pk for p in matrix_world["own"]} if OWN in visible_scopes else set()
    if OTHER_SCHOOL in visible_scopes:
        expected_ids.add(matrix_world["neighbour_pupil"].pk)
    assert returned == expected_ids
    event = assert_one_complete_audit_row(before, user, "success")
    assert set(event.detail["pupil_ids"]) == expected_ids


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
def test_search_never_leaks_across_scope(role, matrix_world, api_client_for):
    """Searching by the exact name or number of a pupil out of scope finds nothing."""
    user = make_user(role, matrix_world)
    other = matrix_world["other_swv_pupil"]
    for term in (other.last_name, other.pupil_number):
        response = api_client_for(user).get("/api/v1/pupils/", {"search": term})
        assert response.status_code in (200, 403)
        if response.status_code == 200:
            assert response.json()["results"] == []


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.SECRETARIAT, Role.PARTNER, Role.SCHOOL, Role.ADMIN])
def test_audit_log_only_for_the_privacy_officer(role, matrix_world, api_client_for):
    client = api_client_for(make_user(role, matrix_world))
    expected = 200 if role == Role.PRIVACY_OFFICER else 403
    assert client.get("/api/v1/audit-events/").status_code == expected
    assert client.get("/api/v1/audit-events/export/").status_code == expected


def test_organisation_lists_stay_in_the_tenant(matrix_world, api_client_for):
    client = api_client_for(make_user(Role.SECRETARIAT, matrix_world))
    other_school = matrix_world["other_swv_pupil"].school
    school_ids = {row["id"] for row in client.get("/api/v1/schools/").json()["results"]}
    assert matrix_world["school"].pk in school_ids and other_school.pk not in school_ids
    assert client.get(f"/api/v1/schools/{other_school.pk}/").status_code == 404
    swv_ids = {row["id"] for row in client.get("/api/v1/swvs/").json()["results"]}
    assert swv_ids == {matrix_world["swv"].pk}


def route_names(patterns) -> set[str]:
    """Names of every route, also those of included url modules."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            names.add(pattern.name)
        else:
            names |= route_names(pattern.url_patterns)
    return names - {None}


def test_every_api_route_is_in_the_matrix():
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    names = route_names(api.url_patterns)
    assert names == set(COVERED_ROUTES), f"decide the authorisation of: {names ^ set(COVERED_ROUTES)}"
