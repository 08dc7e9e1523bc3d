"""Helpers to build import files (synthetic data only) and granted TLVs to reconcile."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from dekkend.referrals.models import ApplicationStatus
from dekkend.referrals.tests.factories import ApplicationFactory

COUNT_HEADER = ["BRIN_NUMMER", "VESTIGINGSNUMMER", "PEILDATUM", "AANTAL_LEERLINGEN"]
FUNDING_HEADER = [
    "BESCHIKKINGSNUMMER",
    "LEERLING",
    "GEBOORTEDATUM",
    "SOORT_ONDERWIJS",
    "CATEGORIE",
    "INGANGSDATUM",
    "EINDDATUM",
]
THUISZITTER_HEADER = ["LEERLINGNUMMER", "GEBOORTEDATUM", "SOORT_VERZUIM", "GEMELD_OP", "VERZUIM_SINDS", "REDEN"]


def csv_bytes(header: list[str], rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(str(cell) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "lijst.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def granted_tlv(pupil, *, provision_type="so", category=2, valid_from=None, valid_until=None, **fields):
    """A granted TLV of ``pupil`` (decided, with its terms), without running the workflow."""
    valid_from = valid_from or datetime.date(2025, 8, 1)
    values = {
        "status": ApplicationStatus.GRANTED,
        "outcome": "granted",
        "decided_on": valid_from - datetime.timedelta(days=14),
        "provision_type": provision_type,
        "funding_category": category,
        "duration": "langdurig",
        "valid_from": valid_from,
        "valid_until": valid_until or datetime.date(2029, 7, 31),
        **fields,
    }
    return ApplicationFactory(pupil=pupil, requested_provision_type=provision_type, **values)
