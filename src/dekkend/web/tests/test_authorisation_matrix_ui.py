"""The authorisation matrix of the API, checked against the pages: the same role × scope table
must give the same answer (200, 404 or 403) and exactly one complete audit row per request."""

import pytest

from dekkend.accounts.models import Role
from dekkend.core.tests.authorisation_matrix import (
    OTHER_SCHOOL,
    OTHER_SWV,
    OWN,
    PUPIL_MATRIX,
    assert_one_complete_audit_row,
    expected_detail_status,
    expected_list_ids,
    last_event_id,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
@pytest.mark.parametrize("scope", [OWN, OTHER_SCHOOL, OTHER_SWV])
def test_pupil_page_per_role_and_scope(role, scope, matrix_world, client):
    user = make_user(role, matrix_world)
    pupil = matrix_world["targets"][scope]
    expected = expected_detail_status(role, scope)
    client.force_login(user)
    before = last_event_id()

    response = client.get(f"/leerlingen/{pupil.pk}/")

    assert response.status_code == expected
    event = assert_one_complete_audit_row(before, user, "success" if expected == 200 else "denied")
    assert event.pupil_id == pupil.pk
    assert (pupil.last_name in response.content.decode()) == (expected == 200)


@pytest.mark.parametrize("role", list(PUPIL_MATRIX))
def test_pupil_list_page_per_role(role, matrix_world, client):
    user = make_user(role, matrix_world)
    client.force_login(user)
    before = last_event_id()
    expected_ids = expected_list_ids(role, matrix_world)

    response = client.get("/leerlingen/")

    if expected_ids is None:
        assert response.status_code == 403
        assert_one_complete_audit_row(before, user, "denied")
        return
    assert {p.pk for p in response.context["page"]} == expected_ids
    event = assert_one_complete_audit_row(before, user, "success")
    assert set(event.detail["pupil_ids"]) == expected_ids


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.SECRETARIAT, Role.PARTNER, Role.SCHOOL, Role.ADMIN])
def test_audit_log_pages_only_for_the_privacy_officer(role, matrix_world, client):
    client.force_login(make_user(role, matrix_world))
    expected = 200 if role == Role.PRIVACY_OFFICER else 403
    assert client.get("/privacy/auditlog/").status_code == expected
    assert client.get("/privacy/auditlog/export.csv").status_code == expected
