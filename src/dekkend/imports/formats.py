"""The formats of the three imports and the row-by-row check of a file against them.

Each format names its columns (the header we document, with the other spellings we accept);
other columns are ignored. A check never writes: it returns a :class:`Report` with the clean
records, every error (row, column, message in Dutch) and the warnings (rows that will not be
stored, and why). The lookups it needs (schools, pupils) are read once by the caller.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from django.utils.translation import gettext as _

from dekkend.steunpunt.models import AbsenceKind, ThuiszitterReason

from . import rules
from .parsers import Table

# Ours: the report keeps this many errors and warnings row by row (the totals are always counted).
MAX_REPORTED = 1000
PREVIEW_ROWS = 10
PROGRESS_EVERY = 5000


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True


@dataclass
class Report:
    header: list[str] = field(default_factory=list)
    rows_total: int = 0
    records: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    rows_invalid: int = 0
    warnings: list[dict] = field(default_factory=list)
    rows_skipped: int = 0
    preview: dict = field(default_factory=dict)

    def error(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append({"row": row, "column": column, "message": str(message)})

    def warn(self, row: int, column: str, message: str) -> None:
        self.rows_skipped += 1
        if len(self.warnings) < MAX_REPORTED:
            self.warnings.append({"row": row, "column": column, "message": str(message)})

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def normal_header(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", text.strip().upper()).strip("_")


def map_columns(header: list[str], columns: tuple[Column, ...], report: Report) -> dict[str, int] | None:
    """Where each column is; None (and an error on the header row) when one is missing or twice."""
    positions: dict[str, int] = {}
    seen: dict[str, int] = {}
    for index, title in enumerate(header):
        normal = normal_header(title)
        for column in columns:
            if normal == column.name or normal in column.aliases:
                if column.name in seen:
                    report.error(1, column.name, _("The column %(column)s appears twice.") % {"column": column.name})
                seen[column.name] = index
                positions[column.name] = index
    missing = [column.name for column in columns if column.required and column.name not in positions]
    if missing:
        report.error(
            1,
            ", ".join(missing),
            _("Missing column(s): %(missing)s. The first row of the file must name the columns; it has: %(found)s.")
            % {"missing": ", ".join(missing), "found": ", ".join(title for title in header if title) or "-"},
        )
    return None if report.error_count else positions


DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), (1, 2, 3)),
)


class CellError(ValueError):
    pass


def parse_date(text: str) -> datetime.date:
    for pattern, (year, month, day) in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(int(match.group(year)), int(match.group(month)), int(match.group(day)))
            except ValueError:
                raise CellError(_("The date %(value)s does not exist.") % {"value": text}) from None
    raise CellError(_("%(value)s is not a date; write it as DD-MM-YYYY or YYYY-MM-DD.") % {"value": text})


def parse_count(text: str) -> int:
    match = re.fullmatch(r"([+-]?\d{1,9})(?:[.,]0+)?", text)
    if not match:
        raise CellError(_("%(value)s is not a whole number.") % {"value": text})
    value = int(match.group(1))
    if value < 0:
        raise CellError(_("A number of pupils cannot be negative (%(value)s).") % {"value": text})
    if not rules.is_plausible_count(value):
        raise CellError(
            _("%(value)s pupils at one school location is not possible (at most %(max)d).")
            % {"value": text, "max": rules.MAX_PUPILS_PER_LOCATION}
        )
    return value


def _cells(cells: list[str], positions: dict[str, int]) -> dict[str, str]:
    return {name: (cells[index] if index < len(cells) else "") for name, index in positions.items()}


def _row_reader(positions: dict[str, int]) -> Callable[[list[str]], dict[str, str]]:
    """Cells by column name; a short row (fewer cells than the header) reads as empty cells."""
    names = list(positions)
    indexes = list(positions.values())
    width = max(indexes) + 1
    pick = itemgetter(*indexes) if len(indexes) > 1 else (lambda cells: (cells[indexes[0]],))

    def read(cells: list[str]) -> dict[str, str]:
        if len(cells) >= width:
            return dict(zip(names, pick(cells)))  # noqa: B905 -- itemgetter gives one value per name
        return _cells(cells, positions)

    return read


def _required(values: dict[str, str], name: str) -> str:
    value = values.get(name, "")
    if not value:
        raise CellError(_("This cell is empty; fill it in."))
    return value


def check_table(
    table: Table,
    columns: tuple[Column, ...],
    check_row: Callable[[int, dict[str, str], Report], dict | None],
    *,
    key: Callable[[dict], object],
    duplicate_message: str,
    on_progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Check every row; duplicates by ``key`` are errors naming the first row."""
    report = Report(header=table.header, rows_total=len(table.rows))
    report.preview = {"header": table.header, "rows": [cells for _number, cells in table.rows[:PREVIEW_ROWS]]}
    positions = map_columns(table.header, columns, report)
    if positions is None:
        report.rows_invalid = len(table.rows)
        return report
    if not table.rows:
        report.error(None, "", _("The file has a header but no rows. Nothing to import."))
        return report
    first_row_of: dict[object, int] = {}
    read = _row_reader(positions)
    for done, (number, cells) in enumerate(table.rows, start=1):
        errors_before = report.error_count
        record = check_row(number, read(cells), report)
        if record is not None and report.error_count == errors_before:
            record_key = key(record)
            if record_key in first_row_of:
                report.error(number, "", duplicate_message % {"row": first_row_of[record_key]})
            else:
                first_row_of[record_key] = number
                record["row"] = number
                report.records.append(record)
        if report.error_count > errors_before:
            report.rows_invalid += 1
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(done, len(table.rows))
    return report


def _field(report: Report, number: int, column: str, parse: Callable[[], object]):
    try:
        return parse()
    except CellError as error:
        report.error(number, column, str(error))
        return None


# --- a. pupil counts per school location (the shape of DUO's open data per vestiging) ----------

COUNT_COLUMNS = (
    Column("BRIN_NUMMER", ("BRIN", "BRINNUMMER", "BRIN_NR", "INSTELLINGSCODE")),
    Column("VESTIGINGSNUMMER", ("VESTIGING", "VESTIGINGSNR", "VESTIGINGSCODE", "VESTIGINGS_NUMMER")),
    Column("PEILDATUM", ("TELDATUM", "PEILDATUM_LEERLINGEN")),
    Column("AANTAL_LEERLINGEN", ("TOTAAL", "AANTAL", "LEERLINGEN", "TOTAAL_AANTAL_LEERLINGEN", "TOTAAL_LEERLINGEN")),
)


@dataclass(frozen=True)
class CountLookup:
    """The SWV's schools by BRIN and their locations by (BRIN, two-digit code)."""

    brins: frozenset[str]
    locations: dict[tuple[str, str], tuple[int, int]]  # (brin, code) → (school id, location id)


def _location_code(brin: str, text: str) -> str:
    compact = text.replace(" ", "").upper()
    if len(compact) == 6 and compact.startswith(brin):
        compact = compact[4:]
    if compact.isdigit() and len(compact) <= 2:
        return compact.zfill(2)
    raise CellError(
        _("%(value)s is not a vestiging number; write the two digits (00) or BRIN and digits (%(brin)s00).")
        % {"value": text, "brin": brin or "12AB"}
    )


def _where(lookup: CountLookup, brin_text: str, code_text: str) -> tuple:
    """(school id, location id) of a BRIN and vestiging as written, or (column, message) of the
    first problem."""
    if not brin_text:
        return ("BRIN_NUMMER", _("This cell is empty; fill it in."))
    brin = brin_text.upper()
    if brin not in lookup.brins:
        return ("BRIN_NUMMER", _("School %(brin)s is not a school of this samenwerkingsverband.") % {"brin": brin})
    if not code_text:
        return ("VESTIGINGSNUMMER", _("This cell is empty; fill it in."))
    try:
        code = _location_code(brin, code_text)
    except CellError as error:
        return ("VESTIGINGSNUMMER", str(error))
    where = lookup.locations.get((brin, code))
    if where is None:
        return ("VESTIGINGSNUMMER", _("School %(brin)s has no location %(code)s.") % {"brin": brin, "code": code})
    return where


def _counting_date(text: str) -> datetime.date | str:
    """The counting date, or the message saying what is wrong with it."""
    if not text:
        return _("This cell is empty; fill it in.")
    try:
        day = parse_date(text)
    except CellError as error:
        return str(error)
    if not rules.is_counting_date(day):
        return _("%(date)s is not a counting date; pupils are counted on 1 February and 1 October.") % {
            "date": day.strftime("%d-%m-%Y")
        }
    return day


def count_row(lookup: CountLookup) -> Callable[[int, dict[str, str], Report], dict | None]:
    # A file repeats the same schools and dates thousands of times: each distinct value is
    # checked once (the messages are the same for every row that has it).
    locations: dict[tuple[str, str], tuple] = {}
    dates: dict[str, datetime.date | str] = {}

    def check(number: int, values: dict[str, str], report: Report) -> dict | None:
        key = (values["BRIN_NUMMER"], values["VESTIGINGSNUMMER"])
        where = locations.get(key)
        if where is None:
            where = locations[key] = _where(lookup, *key)
        if isinstance(where[1], str):
            report.error(number, where[0], where[1])
        date_text = values["PEILDATUM"]
        day = dates.get(date_text)
        if day is None:
            day = dates[date_text] = _counting_date(date_text)
        if isinstance(day, str):
            report.error(number, "PEILDATUM", day)
        count_text = values["AANTAL_LEERLINGEN"]
        if count_text.isdigit() and len(count_text) <= 4:
            pupils = int(count_text)
            if pupils > rules.MAX_PUPILS_PER_LOCATION:
                pupils = _field(report, number, "AANTAL_LEERLINGEN", lambda: parse_count(count_text))
        else:
            pupils = _field(
                report, number, "AANTAL_LEERLINGEN", lambda: parse_count(_required(values, "AANTAL_LEERLINGEN"))
            )
        if isinstance(where[1], str) or isinstance(day, str) or pupils is None:
            return None
        return {"school_id": where[0], "location_id": where[1], "counting_date": day, "pupils": pupils}

    return check


def check_counts(table: Table, lookup: CountLookup, on_progress=None) -> Report:
    return check_table(
        table,
        COUNT_COLUMNS,
        count_row(lookup),
        key=lambda record: (record["location_id"], record["counting_date"]),
        duplicate_message=_("This row repeats row %(row)s: the same school location and counting date."),
        on_progress=on_progress,
    )


# --- b. DUO's funded pupils (TLVs) --------------------------------------------------------------

FUNDING_COLUMNS = (
    Column("BESCHIKKINGSNUMMER", ("BESLUITNUMMER", "TLV_NUMMER", "TLVNUMMER", "NUMMER_TLV", "KENMERK")),
    Column("LEERLING", ("ONDERWIJSNUMMER", "BSN", "LEERLINGNUMMER", "PGN", "PERSOONSGEBONDEN_NUMMER")),
    Column("GEBOORTEDATUM", ("GEBOREN",)),
    Column("SOORT_ONDERWIJS", ("ONDERWIJSSOORT", "SOORT", "ONDERWIJSTYPE")),
    Column("CATEGORIE", ("BEKOSTIGINGSCATEGORIE", "CATEGORIE_TLV", "ONDERSTEUNINGSCATEGORIE")),
    Column("INGANGSDATUM", ("BEGINDATUM", "DATUM_INGANG", "GELDIG_VAN", "STARTDATUM")),
    Column("EINDDATUM", ("DATUM_EINDE", "GELDIG_TOT"), required=False),
)
PROVISION_TYPES = {"SBO": "sbo", "SO": "so", "VSO": "vso", "PRO": "pro"}
CATEGORIES = {"1": 1, "2": 2, "3": 3, "LAAG": 1, "MIDDEN": 2, "HOOG": 3}


def _provision_type(text: str) -> str:
    value = PROVISION_TYPES.get(text.replace(" ", "").upper())
    if value is None:
        raise CellError(_("%(value)s is not a type of education; write SBO, SO, VSO or PRO.") % {"value": text})
    return value


def funding_row(today: datetime.date) -> Callable[[int, dict[str, str], Report], dict | None]:
    def check(number: int, values: dict[str, str], report: Report) -> dict | None:
        decision = _field(report, number, "BESCHIKKINGSNUMMER", lambda: _required(values, "BESCHIKKINGSNUMMER"))
        if decision is not None and len(decision) > 40:
            report.error(number, "BESCHIKKINGSNUMMER", _("A decision number has at most 40 characters."))
            decision = None
        pupil_key = _field(report, number, "LEERLING", lambda: _required(values, "LEERLING"))
        if pupil_key is not None and len(pupil_key) > 40:
            report.error(number, "LEERLING", _("A pupil number has at most 40 characters."))
            pupil_key = None
        birth_date = _field(report, number, "GEBOORTEDATUM", lambda: parse_date(_required(values, "GEBOORTEDATUM")))
        if birth_date is not None and birth_date > today:
            report.error(number, "GEBOORTEDATUM", _("A date of birth cannot be in the future."))
        provision_type = _field(
            report, number, "SOORT_ONDERWIJS", lambda: _provision_type(_required(values, "SOORT_ONDERWIJS"))
        )
        category_text = values.get("CATEGORIE", "").upper()
        category = None
        if category_text:
            category = CATEGORIES.get(category_text)
            if category is None:
                report.error(
                    number,
                    "CATEGORIE",
                    _("%(value)s is not a funding category; write 1, 2 or 3 (laag, midden, hoog).")
                    % {"value": values.get("CATEGORIE")},
                )
        if provision_type is not None and category_text and category is not None:
            if not rules.needs_funding_category(provision_type):
                report.error(
                    number, "CATEGORIE", _("Only a TLV for SO or VSO has a funding category; leave it empty.")
                )
        elif provision_type is not None and rules.needs_funding_category(provision_type) and not category_text:
            report.error(number, "CATEGORIE", _("A TLV for SO or VSO needs a funding category (1, 2 or 3)."))
        valid_from = _field(report, number, "INGANGSDATUM", lambda: parse_date(_required(values, "INGANGSDATUM")))
        until_text = values.get("EINDDATUM", "")
        valid_until = _field(report, number, "EINDDATUM", lambda: parse_date(until_text)) if until_text else None
        if valid_from and valid_until and valid_until < valid_from:
            report.error(number, "EINDDATUM", _("The end date is before the start date."))
        if None in (decision, pupil_key, birth_date, provision_type, valid_from) or (until_text and not valid_until):
            return None
        return {
            "decision_number": rules.normal_decision_number(decision),
            "pupil_key": pupil_key,
            "birth_date": birth_date,
            "provision_type": provision_type,
            "funding_category": category,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }

    return check


def check_funding(table: Table, today: datetime.date, on_progress=None) -> Report:
    return check_table(
        table,
        FUNDING_COLUMNS,
        funding_row(today),
        key=lambda record: record["decision_number"],
        duplicate_message=_("This row repeats row %(row)s: the same decision number."),
        on_progress=on_progress,
    )


# --- c. the municipality's thuiszitter list ----------------------------------------------------

THUISZITTER_COLUMNS = (
    Column("LEERLINGNUMMER", ("LEERLING_NUMMER", "LEERLING")),
    Column("GEBOORTEDATUM", ("GEBOREN",)),
    Column("SOORT_VERZUIM", ("VERZUIM", "SOORT", "SOORT_THUISZITTER")),
    Column("GEMELD_OP", ("MELDDATUM", "DATUM_MELDING", "GEMELD")),
    Column("VERZUIM_SINDS", ("THUIS_SINDS", "SINDS", "AFWEZIG_SINDS"), required=False),
    Column("REDEN", ("REDEN_CODE",), required=False),
)
ABSENCE_KINDS = {
    "ABSOLUUT": AbsenceKind.ABSOLUUT,
    "ABSOLUUT_VERZUIM": AbsenceKind.ABSOLUUT,
    "RELATIEF": AbsenceKind.RELATIEF,
    "RELATIEF_VERZUIM": AbsenceKind.RELATIEF,
    "DREIGEND": AbsenceKind.DREIGEND,
    "DREIGEND_THUISZITTER": AbsenceKind.DREIGEND,
}
REASONS = {normal_header(value): value for value in ThuiszitterReason.values}


@dataclass(frozen=True)
class PupilLookup:
    """The SWV's pupils named in the file, by (pupil number, date of birth), and those with an open case."""

    pupils: dict[tuple[str, datetime.date], int]
    open_cases: frozenset[int]


def thuiszitter_row(lookup: PupilLookup, today: datetime.date) -> Callable[[int, dict[str, str], Report], dict | None]:
    def check(number: int, values: dict[str, str], report: Report) -> dict | None:
        pupil_number = _field(report, number, "LEERLINGNUMMER", lambda: _required(values, "LEERLINGNUMMER"))
        birth_date = _field(report, number, "GEBOORTEDATUM", lambda: parse_date(_required(values, "GEBOORTEDATUM")))
        kind_text = _field(report, number, "SOORT_VERZUIM", lambda: _required(values, "SOORT_VERZUIM"))
        kind = ABSENCE_KINDS.get(normal_header(kind_text)) if kind_text else None
        if kind_text and kind is None:
            report.error(
                number,
                "SOORT_VERZUIM",
                _("%(value)s is not a kind of absence; write absoluut, relatief or dreigend.") % {"value": kind_text},
            )
        reported_on = _field(report, number, "GEMELD_OP", lambda: parse_date(_required(values, "GEMELD_OP")))
        if reported_on is not None and reported_on > today:
            report.error(number, "GEMELD_OP", _("The report date cannot be in the future."))
        since_text = values.get("VERZUIM_SINDS", "")
        absent_since = _field(report, number, "VERZUIM_SINDS", lambda: parse_date(since_text)) if since_text else None
        if absent_since and reported_on and absent_since > reported_on:
            report.error(number, "VERZUIM_SINDS", _("The absence cannot start after the report date."))
        reason_text = values.get("REDEN", "")
        reason = REASONS.get(normal_header(reason_text)) if reason_text else ThuiszitterReason.OTHER
        if reason is None:
            report.error(
                number,
                "REDEN",
                _("%(value)s is not a reason code; use one of: %(codes)s.")
                % {"value": reason_text, "codes": ", ".join(ThuiszitterReason.values)},
            )
        if None in (pupil_number, birth_date, kind, reported_on, reason) or (since_text and not absent_since):
            return None
        pupil_id = lookup.pupils.get(rules.thuiszitter_match_key(pupil_number, birth_date))
        if pupil_id is None:
            report.warn(
                number,
                "LEERLINGNUMMER",
                _("No pupil with this pupil number and date of birth in the samenwerkingsverband: not imported."),
            )
            return None
        if pupil_id in lookup.open_cases:
            report.warn(
                number, "LEERLINGNUMMER", _("This pupil is already in the register (open case): not imported.")
            )
            return None
        return {
            "pupil_id": pupil_id,
            "kind": kind,
            "reported_on": reported_on,
            "absent_since": absent_since,
            "reason": reason,
        }

    return check


def check_thuiszitters(table: Table, lookup: PupilLookup, today: datetime.date, on_progress=None) -> Report:
    return check_table(
        table,
        THUISZITTER_COLUMNS,
        thuiszitter_row(lookup, today),
        key=lambda record: record["pupil_id"],
        duplicate_message=_("This row repeats row %(row)s: the same pupil."),
        on_progress=on_progress,
    )
