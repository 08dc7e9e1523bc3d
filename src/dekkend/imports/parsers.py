"""Reading an uploaded table: CSV (UTF-8, UTF-8 with BOM or Windows-1252; comma, semicolon or
tab) or XLSX (the first sheet). Checked by content, never by the file name.

A file that cannot be read as a table raises :class:`FileProblem` with a Dutch message that says
what to do; nothing about the rows is decided here (see :mod:`dekkend.imports.formats`).
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Ours: an import file may be at most this large (DUO's count file of the whole country is ~5 MB).
MAX_IMPORT_BYTES = 20 * 1024 * 1024

DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"


class FileProblem(Exception):
    """The file as a whole cannot be read; ``message`` is Dutch and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, the cells as text)
    file_format: str
    encoding: str = ""


def check_size(size: int) -> None:
    if size == 0:
        raise FileProblem(_("The file is empty. Choose the file with the data."))
    if size > MAX_IMPORT_BYTES:
        raise FileProblem(
            _("The file is larger than %(max)d MB. Split it into smaller files.") % {"max": MAX_IMPORT_BYTES // 2**20}
        )


def is_xlsx(data: bytes) -> bool:
    if not data.startswith(XLSX_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    return "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 with or without BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise FileProblem(
                _("The file says it is UTF-8 but is not (byte %(position)d). Save it again as CSV UTF-8.")
                % {"position": error.start + 4}
            ) from error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(_("The file is in UTF-16. Save it as CSV UTF-8 (or CSV with semicolons) and try again."))
    if b"\x00" in data:
        raise FileProblem(_("This is not a CSV or XLSX file. Export the data as CSV or as an Excel workbook (.xlsx)."))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The characters in this file cannot be read (not UTF-8 and not Windows-1252, byte %(position)d). "
                "Save it as CSV UTF-8 and try again."
            )
            % {"position": error.start + 1}
        ) from error
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise FileProblem(_("This is not a CSV or XLSX file. Export the data as CSV or as an Excel workbook (.xlsx)."))
    return text, "cp1252"


def _delimiter(first_line: str) -> str:
    return max(DELIMITERS, key=first_line.count)


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    first = next((line for line in text.split("\n", 20)[:20] if line.strip()), "")
    if not first:
        raise FileProblem(_("The file is empty. Choose the file with the data."))
    numbered: list[tuple[int, list[str]]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
        for number, cells in enumerate(reader, start=1):
            stripped = list(map(str.strip, cells))
            if any(stripped):
                numbered.append((number, stripped))
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file cannot be read: %(problem)s. Check the quotes in the file.") % {"problem": error}
        ) from error
    if not numbered:
        raise FileProblem(_("The file is empty. Choose the file with the data."))
    return Table(header=numbered[0][1], rows=numbered[1:], file_format="csv", encoding=encoding)


def cell_text(value) -> str:
    """A spreadsheet cell as the text a CSV would hold (dates as YYYY-MM-DD, 12.0 as 12)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise FileProblem(_("The Excel file cannot be opened. Save it again as .xlsx and try again.")) from error
    try:
        sheet = workbook.worksheets[0]
        numbered = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            if not _is_blank(cells):
                numbered.append((number, cells))
    finally:
        workbook.close()
    if not numbered:
        raise FileProblem(_("The file is empty. Choose the file with the data."))
    header = numbered[0][1]
    while header and not header[-1]:
        header = header[:-1]
    return Table(header=header, rows=numbered[1:], file_format="xlsx")


def read_table(data: bytes) -> Table:
    """The header and the rows of a CSV or XLSX file (the format found from its bytes)."""
    check_size(len(data))
    if data.startswith(XLSX_MAGIC):
        if not is_xlsx(data):
            raise FileProblem(_("This is a ZIP file but not an Excel workbook. Upload a .xlsx or a .csv file."))
        return read_xlsx(data)
    return read_csv(data)
