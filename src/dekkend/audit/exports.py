"""The audit log as CSV, shared by the privacy officer's screen and the API."""

import csv
from collections.abc import Iterator
from datetime import datetime

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from .selectors import AUDIT_EXPORT_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A spreadsheet must never run a typed reason as a formula: such values are quoted."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_csv_response(events: QuerySet) -> StreamingHttpResponse:
    """Stream ``events`` as UTF-8 CSV with a header row, without holding them in memory."""
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(AUDIT_EXPORT_COLUMNS)
        for event in events.only(*AUDIT_EXPORT_COLUMNS).iterator(chunk_size=2000):
            yield writer.writerow([csv_cell(getattr(event, column)) for column in AUDIT_EXPORT_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{timezone.localdate():%Y%m%d}.csv"'
    return response
