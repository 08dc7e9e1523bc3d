"""Uploads are checked by their bytes, not their name: PDF, PNG, JPEG or Office; at most 10 MB."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dekkend.referrals import services
from dekkend.referrals.models import ApplicationDocument
from dekkend.referrals.uploads import MAX_UPLOAD_BYTES

from .conftest import ctx
from .factories import PDF_BYTES, pdf_upload


def add(dossier, upload):
    return services.document_add(
        application_id=dossier.pk,
        file=upload,
        kind="overig",
        document_date=datetime.date(2025, 2, 1),
        context=ctx(dossier.world["school_user"]),
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class UploadTests:
    def test_pdf_stored_outside_the_web_root_under_a_random_name(self, dossier):
        document = add(dossier, pdf_upload("Noor Proefleerling OPP.pdf"))
        path = Path(document.file.path)
        assert path.is_relative_to(Path(settings.MEDIA_ROOT)) and path.read_bytes() == PDF_BYTES
        assert "Noor" not in path.name and document.content_type == "application/pdf"
        assert document.original_name == "Noor Proefleerling OPP.pdf"

    @pytest.mark.parametrize(
        ("content", "content_type"),
        [
            (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png"),
            (b"\xff\xd8\xff\xe0" + b"0" * 20, "image/jpeg"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 20, "application/x-ole-storage"),
        ],
    )
    def test_images_and_office_files_accepted_by_content(self, dossier, content, content_type):
        assert add(dossier, SimpleUploadedFile("bijlage", content)).content_type == content_type

    def test_docx_accepted(self, dossier):
        document = add(dossier, SimpleUploadedFile("verslag.docx", docx_bytes()))
        assert document.content_type.endswith("wordprocessingml.document")

    def test_exe_renamed_pdf_refused(self, dossier):
        upload = SimpleUploadedFile("opp.pdf", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/pdf")
        with pytest.raises(ValidationError) as error:
            add(dossier, upload)
        assert "file" in error.value.message_dict
        assert not ApplicationDocument.objects.filter(kind="overig").exists()

    def test_plain_zip_refused(self, dossier):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("payload.exe", "MZ")
        with pytest.raises(ValidationError):
            add(dossier, SimpleUploadedFile("opp.docx", buffer.getvalue()))

    def test_at_the_size_limit_accepted_over_it_refused(self, dossier):
        at_limit = PDF_BYTES + b"0" * (MAX_UPLOAD_BYTES - len(PDF_BYTES))
        assert add(dossier, pdf_upload(content=at_limit)).size == MAX_UPLOAD_BYTES
        with pytest.raises(ValidationError) as error:
            add(dossier, pdf_upload(content=at_limit + b"0"))
        assert "file" in error.value.message_dict

    def test_no_documents_after_the_dossier_is_complete(self, dossier):
        dossier.submit().complete()
        with pytest.raises(ValidationError):
            add(dossier, pdf_upload())
