"""Checking an uploaded document by its content, never by its name or the browser's word."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls/.ppt (Office 97-2003)
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (OLE_MAGIC, "application/x-ole-storage"),
)
OOXML_TYPES = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def detect_content_type(upload) -> str | None:
    """The content type the file's bytes show: PDF, PNG, JPEG or an Office document; None for
    anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, content_type in OOXML_TYPES.items():
                if any(name.startswith(prefix) for name in names):
                    return content_type
    return None


def upload_check(upload) -> str:
    """The file's content type; ``ValidationError`` on the field ``file`` when it is too large
    or not a PDF, image or Office document."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload.")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(max)d MB. Upload a smaller file.")
                % {"max": MAX_UPLOAD_BYTES // 2**20}
            }
        )
    content_type = detect_content_type(upload)
    if content_type is None:
        raise ValidationError(
            {"file": _("This file is not a PDF, an image (PNG or JPEG) or an Office document. Upload one of those.")}
        )
    return content_type


# The extension a download gets, by the content type stored at upload (never the original name).
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/x-ole-storage": ".doc",
    OOXML_TYPES["word/"]: ".docx",
    OOXML_TYPES["xl/"]: ".xlsx",
    OOXML_TYPES["ppt/"]: ".pptx",
}


def download_name(document) -> str:
    """A neutral file name for a download: the dossier, the kind and the number, no pupil name
    (the original name often holds it and would end up in download folders)."""
    extension = EXTENSIONS.get(document.content_type, "")
    return f"dossier-{document.application_id}-{document.kind}-{document.pk}{extension}"
