"""The imports API: upload (checked, nothing stored), read the report, confirm, the reconciliation;
per role, per SWV, with one audit row per request (denied ones too)."""

import pytest
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.imports.models import ImportRun, ImportStatus, PupilCount

from .factories import COUNT_HEADER, FUNDING_HEADER, csv_bytes, granted_tlv, upload

pytestmark = pytest.mark.django_db

GOOD_COUNTS = [["12AB", "00", "01-10-2025", "312"]]


def _last_id() -> int:
    last = AuditEvent.objects.order_by("-id").first()
    return last.id if last else 0


def _post(client, kind="counts", data=None, **extra):
    body = {"kind": kind, "file": upload(data or csv_bytes(COUNT_HEADER, GOOD_COUNTS)), **extra}
    return client.post("/api/v1/imports/", body, format="multipart")


UPLOAD_STATUS = {
    Role.SCHOOL: 403,
    Role.BOARD: 403,
    Role.CONSULTANT: 403,
    Role.EXPERT: 403,
    Role.PARTNER: 403,
    Role.PRIVACY_OFFICER: 403,
    Role.SECRETARIAT: 201,
    Role.MANAGER: 201,
    Role.DIRECTOR: 201,
    Role.POLICY: 201,
}


@pytest.mark.parametrize("role", list(UPLOAD_STATUS))
def test_uploading_counts_per_role_is_audited(role, world, api_client_for):
    scope = {"school": world.school} if role in (Role.SCHOOL, Role.CONSULTANT) else {"swv": world.swv}
    if role == Role.BOARD:
        scope["board"] = world.school.board
    user = user_with_role(role, **scope)
    before = _last_id()
    response = _post(api_client_for(user))
    assert response.status_code == UPLOAD_STATUS[role]
    event = AuditEvent.objects.get(id__gt=before, object_type="import_run")
    assert event.outcome == ("success" if response.status_code == 201 else "denied")
    assert not PupilCount.objects.exists()


def test_upload_then_confirm_stores_and_reports(world, api_client_for):
    client = api_client_for(world.secretariat)
    created = _post(client).json()
    assert created["status"] == "validated" and created["can_confirm"] and created["swv"] == world.swv.pk
    assert created["preview"]["header"] == COUNT_HEADER

    confirmed = client.post(f"/api/v1/imports/{created['id']}/confirm/")

    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "stored" and confirmed.json()["rows_stored"] == 1
    assert PupilCount.objects.get().pupils == 312
    listed = client.get("/api/v1/imports/").json()["results"]
    assert [row["id"] for row in listed] == [created["id"]]


def test_a_file_with_errors_is_a_run_with_its_report_in_dutch(world, api_client_for):
    data = csv_bytes(COUNT_HEADER, [["12AB", "00", "31-09-2025", "-3"]])
    body = _post(api_client_for(world.secretariat), data=data).json()
    assert body["status"] == "invalid" and body["error_count"] == 2
    assert {(e["row"], e["column"]) for e in body["errors"]} == {(2, "PEILDATUM"), (2, "AANTAL_LEERLINGEN")}
    assert "bestaat niet" in body["errors"][0]["message"]
    confirm = api_client_for(world.secretariat).post(f"/api/v1/imports/{body['id']}/confirm/")
    assert confirm.status_code == 400


def test_a_request_without_a_file_is_a_400_in_dutch(world, api_client_for):
    response = api_client_for(world.secretariat).post("/api/v1/imports/", {"kind": "counts"}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()
    assert not ImportRun.objects.exists()


def test_the_policy_officer_may_not_upload_a_funding_list(world, api_client_for):
    data = csv_bytes(FUNDING_HEADER, [["TLV-1", "123", "01-01-2015", "SBO", "", "01-08-2025", ""]])
    assert _post(api_client_for(world.policy), kind="funding", data=data).status_code == 403


def test_another_swv_neither_reads_nor_confirms_a_run(world, api_client_for):
    run_id = _post(api_client_for(world.secretariat)).json()["id"]
    other = api_client_for(world.other_swv_secretariat)
    before = _last_id()
    assert other.get(f"/api/v1/imports/{run_id}/").status_code == 404
    assert AuditEvent.objects.get(id__gt=before).outcome == "denied"
    assert other.post(f"/api/v1/imports/{run_id}/confirm/").status_code == 404
    assert other.get("/api/v1/imports/").json()["results"] == []
    assert ImportRun.objects.get(pk=run_id).status == ImportStatus.VALIDATED


def test_a_swv_the_user_does_not_import_for_is_refused(world, api_client_for):
    response = _post(api_client_for(world.secretariat), swv=world.other_swv_school.swv_id)
    assert response.status_code == 400 and "swv" in response.json()


def test_the_policy_officer_sees_count_runs_not_pupil_lists(world, api_client_for):
    data = csv_bytes(FUNDING_HEADER, [["TLV-1", "123", "01-01-2015", "SBO", "", "01-08-2025", ""]])
    funding_id = _post(api_client_for(world.secretariat), kind="funding", data=data).json()["id"]
    counts_id = _post(api_client_for(world.secretariat)).json()["id"]
    policy = api_client_for(world.policy)
    assert [row["id"] for row in policy.get("/api/v1/imports/").json()["results"]] == [counts_id]
    assert policy.get(f"/api/v1/imports/{funding_id}/").status_code == 404


def test_the_reconciliation_names_both_ways_and_is_audited(world, api_client_for):
    tlv = granted_tlv(world.pupil, provision_type="so", category=2)
    data = csv_bytes(FUNDING_HEADER, [["TLV-999999", "987654321", "01-01-2014", "SO", "1", "01-08-2025", ""]])
    client = api_client_for(world.secretariat)
    run_id = _post(client, kind="funding", data=data).json()["id"]
    client.post(f"/api/v1/imports/{run_id}/confirm/")
    before = _last_id()

    body = client.get("/api/v1/imports/reconciliation/", {"on": "2025-10-01"}).json()

    assert body["import_run"] == run_id and body["matched"] == 0
    assert {(line["issue"], line["decision_number"]) for line in body["lines"]} == {
        ("funded_not_granted", "TLV-999999"),
        ("granted_not_funded", f"TLV-{tlv.pk}"),
    }
    event = AuditEvent.objects.get(id__gt=before)
    assert event.object_type == "tlv_reconciliation" and event.detail["pupil_ids"] == [world.pupil.pk]


@pytest.mark.parametrize("who", ["policy", "school_user", "other_swv_secretariat"])
def test_the_reconciliation_is_not_for_other_roles_or_swvs(who, world, api_client_for):
    granted_tlv(world.pupil)
    client = api_client_for(getattr(world, who))
    before = _last_id()
    response = client.get("/api/v1/imports/reconciliation/", {"swv": world.swv.pk})
    assert response.status_code == 403
    assert AuditEvent.objects.get(id__gt=before).outcome == "denied"


def test_the_reconciliation_date_must_be_a_date(world, api_client_for):
    response = api_client_for(world.secretariat).get("/api/v1/imports/reconciliation/", {"on": "2025-02-30"})
    assert response.status_code == 400


def test_today_is_the_default_reconciliation_date(world, api_client_for):
    body = api_client_for(world.secretariat).get("/api/v1/imports/reconciliation/").json()
    assert body["on"] == timezone.localdate().isoformat() and body["import_run"] is None
