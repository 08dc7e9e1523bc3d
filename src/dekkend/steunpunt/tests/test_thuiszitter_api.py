"""GET /api/v1/thuiszitters/: scope per role, an audit row naming the cases shown, 404 out of scope."""

import pytest

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent

from .conftest import last_audit_id, user_for
from .factories import ThuiszitterFactory

pytestmark = pytest.mark.django_db

LIST_STATUS = {
    Role.SCHOOL: 200,
    Role.BOARD: 200,
    Role.SECRETARIAT: 200,
    Role.CONSULTANT: 200,
    Role.MANAGER: 200,
    Role.DIRECTOR: 200,
    Role.EXPERT: 403,
    Role.POLICY: 403,
    Role.PARTNER: 403,
    Role.PRIVACY_OFFICER: 403,
    Role.ADMIN: 403,
}


@pytest.mark.parametrize("role", list(LIST_STATUS))
def test_thuiszitter_list_per_role_is_audited(role, world, api_client_for):
    own = ThuiszitterFactory(pupil=world["pupil"])
    ThuiszitterFactory(pupil=world["other_swv_pupil"])
    before = last_audit_id()
    response = api_client_for(user_for(role, world)).get("/api/v1/thuiszitters/")
    assert response.status_code == LIST_STATUS[role]
    event = AuditEvent.objects.get(id__gt=before, object_type="thuiszitter")
    if response.status_code == 200:
        assert [row["id"] for row in response.json()["results"]] == [own.pk]
        assert event.detail["pupil_ids"] == [world["pupil"].pk]
        assert response.json()["results"][0]["category"] == "thuiszitter"
    else:
        assert event.outcome == "denied"


def test_detail_of_a_neighbour_case_is_not_found(world, api_client_for):
    case = ThuiszitterFactory(pupil=world["neighbour_pupil"])
    client = api_client_for(world["school_user"])
    assert client.get(f"/api/v1/thuiszitters/{case.pk}/").status_code == 404
    assert api_client_for(world["secretariat"]).get(f"/api/v1/thuiszitters/{case.pk}/").status_code == 200


def test_unauthenticated_is_refused(world, api_client):
    assert api_client.get("/api/v1/thuiszitters/").status_code in (401, 403)
