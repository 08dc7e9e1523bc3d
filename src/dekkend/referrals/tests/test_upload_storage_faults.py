"""A full disk or an upload folder that cannot be written: a clear Dutch 503, no document row,
no partial file, the dossier unchanged. Real OS failures, no mocks: a file-size limit set on
this process (the kernel refuses writes beyond it, as on a full disk) and an upload folder
whose parent is a file (mkdir fails)."""

import datetime
import resource
import signal
from contextlib import contextmanager

import pytest

from dekkend.core.storage import UploadStorageUnavailable
from dekkend.referrals import services

from .conftest import ctx
from .factories import PDF_BYTES, pdf_upload

LIMIT = 1024 * 1024


@contextmanager
def disk_full_beyond(limit: int):
    """Writes past ``limit`` bytes fail with EFBIG, like writes to a full disk fail with ENOSPC."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def big_pdf():
    return pdf_upload("groot-verslag.pdf", PDF_BYTES + b"0" * (2 * LIMIT))


def files_in(folder) -> set:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def test_a_full_disk_leaves_no_row_and_no_partial_file(dossier, settings):
    documents, files = dossier.application.documents.count(), files_in(settings.MEDIA_ROOT)
    with disk_full_beyond(LIMIT), pytest.raises(UploadStorageUnavailable):
        services.document_add(
            application_id=dossier.pk,
            file=big_pdf(),
            kind="overig",
            document_date=datetime.date(2025, 2, 1),
            context=ctx(dossier.world["school_user"]),
        )
    assert dossier.application.documents.count() == documents
    assert files_in(settings.MEDIA_ROOT) == files  # the part written before the "disk" was full is gone


def test_the_api_answers_503_in_dutch_and_the_dossier_is_unchanged(dossier, settings, api_client_for, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the upload folder should be")
    settings.MEDIA_ROOT = blocker / "uploads"  # cannot be created: its parent is a file
    client = api_client_for(dossier.world["school_user"])
    client.raise_request_exception = False
    documents, status = dossier.application.documents.count(), dossier.refresh().status

    response = client.post(
        f"/api/v1/applications/{dossier.pk}/documents/",
        {"file": pdf_upload("opp.pdf"), "kind": "opp", "document_date": "2025-02-01"},
        format="multipart",
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "niet worden opgeslagen" in response.json()["detail"]
    assert dossier.application.documents.count() == documents
    assert dossier.refresh().status == status
