"""Exports of indicator figures as CSV and XLSX, with the suppression of the page.

Both formats are written from the same rows (:func:`indicator_rows`, :func:`dashboard_rows`):
a suppressed cell is the text ``"<5"`` in either file, never a number. In the XLSX file the
other figures are numbers (so that a spreadsheet or BI tool can compute with them); in the CSV
file they are written as on the page (Dutch decimal comma, ``;`` as separator).
"""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .formatting import number
from .models import Level, Unit
from .suppression import SUPPRESSED_TEXT

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list]  # str, int, float, None or SUPPRESSED_TEXT


def _figure(value, suppressed: bool, decimals: int = 2):
    if suppressed:
        return SUPPRESSED_TEXT
    if value is None:
        return None
    return round(float(value), decimals)


def _count(value, suppressed: bool):
    if suppressed:
        return SUPPRESSED_TEXT
    return None if value is None else int(value)


def indicator_rows(values, swv_name: str) -> Sheet:
    """One row per cell of the level (and the total), as on the indicator page."""
    indicator = values.indicator
    durations = indicator.unit == Unit.DAYS
    header = [_("indicator"), _("period"), _("level"), _("key"), _("name"), _("value"), _("count"), _("base")]
    if durations:
        header += ["P25", _("median"), "P75"]
    cells = [*values.cells, values.total] if values.level != Level.CITY else [values.total]
    rows = []
    for cell in cells:
        hidden = cell.suppressed
        row = [indicator.code, values.period.code, values.level, cell.key, cell.label or swv_name]
        row += [_figure(cell.value, hidden), _count(cell.numerator, hidden), _count(cell.denominator, hidden)]
        if durations:
            row += [_figure(cell.p25, hidden, 1), _figure(cell.median, hidden, 1), _figure(cell.p75, hidden, 1)]
        rows.append(row)
    return Sheet(indicator.code[:31], header, rows)


def dashboard_rows(trends, period) -> Sheet:
    """One row per indicator and year of the dashboard: measured, count, published, target and
    national figure with its source."""
    header = [
        _("indicator"),
        _("name"),
        _("unit"),
        _("year"),
        _("measured"),
        _("count"),
        _("base"),
        _("published"),
        _("target"),
        _("national"),
        _("national source"),
    ]
    rows = []
    for trend in trends:
        for point in trend.points:
            cell = point.measured
            hidden = bool(cell and cell.suppressed)
            rows.append(
                [
                    trend.indicator.code,
                    trend.indicator.name,
                    trend.indicator.unit,
                    point.year,
                    _figure(cell.value if cell else None, hidden),
                    _count(cell.numerator if cell else None, hidden),
                    _count(cell.denominator if cell else None, hidden),
                    _figure(point.published, False),
                    _figure(point.target, False),
                    _figure(point.benchmark, False),
                    point.benchmark_source,
                ]
            )
    return Sheet(_("Dashboard %(period)s") % {"period": period.label}, header, rows)


def _csv_text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return number(value, 2)
    return str(value)


def csv_response(sheet: Sheet, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_csv_text(value) for value in row])
    return response


def xlsx_bytes(sheet: Sheet) -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet.title[:31]
    worksheet.append(sheet.header)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        worksheet.append(row)
    worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheet: Sheet, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
