"""The import pages: upload → preview with the report → confirm → stored; a bad file shows its
errors in Dutch and keeps the choices typed; progress polled by htmx; the reconciliation and its
exports."""

import io

import pytest
from openpyxl import load_workbook

from dekkend.audit.models import AuditEvent
from dekkend.imports import rules
from dekkend.imports.models import ImportRun, ImportStatus, PupilCount

from .factories import COUNT_HEADER, FUNDING_HEADER, csv_bytes, granted_tlv, upload

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    client.force_login(user)
    return client


def _upload(client, world, data, kind="counts"):
    return client.post("/import/", {"kind": kind, "swv": world.swv.pk, "file": upload(data)})


def test_upload_preview_confirm_stored(client, world):
    _signed_in(client, world.secretariat)
    response = _upload(client, world, csv_bytes(COUNT_HEADER, [["12AB", "00", "01-10-2025", "312"]]))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/import/{run.pk}/"

    page = client.get(f"/import/{run.pk}/").content.decode()
    assert "Dit bestand opslaan?" in page and "312" in page  # the preview
    assert not PupilCount.objects.exists()

    response = client.post(f"/import/{run.pk}/bevestigen/")
    assert response.status_code == 302
    assert PupilCount.objects.get().pupils == 312
    assert "1 rij opgeslagen." in client.get(f"/import/{run.pk}/").content.decode()


def test_a_bad_file_shows_every_error_by_row_and_column_in_dutch(client, world):
    _signed_in(client, world.secretariat)
    rows = [["12AB", "00", "01-10-2025", "3"], ["99ZZ", "00", "30-02-2025", "-1"]]
    client.post("/import/", {"kind": "counts", "swv": world.swv.pk, "file": upload(csv_bytes(COUNT_HEADER, rows))})
    page = client.get(f"/import/{ImportRun.objects.get().pk}/").content.decode()
    assert "Er is niets opgeslagen" in page
    assert "School 99ZZ is niet van dit samenwerkingsverband." in page
    assert "De datum 30-02-2025 bestaat niet." in page
    assert "Bevestigen en opslaan" not in page


def test_a_missing_file_keeps_the_choices_made(client, world):
    _signed_in(client, world.secretariat)
    response = client.post("/import/", {"kind": "funding", "swv": world.swv.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Niet geüpload" in page
    assert '<option value="funding" selected>' in page


def test_a_long_import_shows_its_progress_for_htmx(client, world, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(rules, "BACKGROUND_THRESHOLD", 1)
    _signed_in(client, world.secretariat)
    rows = [["12AB", "00", "01-10-2025", "3"], ["12AB", "01", "01-10-2025", "4"]]
    _upload(client, world, csv_bytes(COUNT_HEADER, rows))
    run = ImportRun.objects.get()
    client.post(f"/import/{run.pk}/bevestigen/")
    assert ImportRun.objects.get().status == ImportStatus.QUEUED
    fragment = client.get(f"/import/{run.pk}/voortgang/").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<progress" in fragment


def test_a_school_user_gets_the_dutch_403_page(client, world):
    _signed_in(client, world.school_user)
    assert client.get("/import/").status_code == 403


def test_another_swv_gets_404_and_the_attempt_is_audited(client, world):
    _signed_in(client, world.secretariat)
    _upload(client, world, csv_bytes(COUNT_HEADER, [["12AB", "00", "01-10-2025", "3"]]))
    run = ImportRun.objects.get()
    client.logout()
    _signed_in(client, world.other_swv_secretariat)
    assert client.get(f"/import/{run.pk}/").status_code == 404
    assert client.post(f"/import/{run.pk}/bevestigen/").status_code == 404
    assert AuditEvent.objects.filter(object_type="import_run", object_id=str(run.pk), outcome="denied").count() == 2


def test_the_reconciliation_page_and_its_exports(client, world):
    tlv = granted_tlv(world.pupil)
    _signed_in(client, world.secretariat)
    _upload(
        client,
        world,
        csv_bytes(FUNDING_HEADER, [["TLV-777777", "=cmd", "01-01-2014", "SBO", "", "01-08-2025", ""]]),
        "funding",
    )
    client.post(f"/import/{ImportRun.objects.get().pk}/bevestigen/")

    page = client.get("/import/afstemming-tlv/", {"on": "2025-10-01"}).content.decode()
    assert f"TLV-{tlv.pk}" in page and "TLV-777777" in page
    assert "Hier afgegeven, niet bekostigd door DUO (1)" in page

    csv_text = client.get("/import/afstemming-tlv/", {"on": "2025-10-01", "format": "csv"}).content.decode("utf-8-sig")
    assert f"TLV-{tlv.pk}" in csv_text and "'=cmd" in csv_text  # no formula injection
    xlsx = client.get("/import/afstemming-tlv/", {"format": "xlsx", "on": "2025-10-01"}).content
    workbook = load_workbook(io.BytesIO(xlsx))
    values = list(workbook.active.iter_rows(values_only=True))
    assert values[0][1] == "beschikkingsnummer" and len(values) == 3
    assert AuditEvent.objects.filter(object_type="tlv_reconciliation", action="export").count() == 2


def test_the_policy_officer_cannot_open_the_reconciliation(client, world):
    _signed_in(client, world.policy)
    assert client.get("/import/afstemming-tlv/").status_code == 403
    assert client.get("/import/").status_code == 200
