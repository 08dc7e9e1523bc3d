"""Writes of imports: upload and check (nothing stored but the run and its report), confirm,
store (all rows in one transaction, or nothing), cancel.

The flow: :func:`import_upload` reads the file, checks every row and records an
:class:`ImportRun` with the report; the file is kept (under a random name) only when it can be
stored. :func:`import_confirm` stores it at once, or queues a background task for a long file
(``rules.BACKGROUND_THRESHOLD``). :func:`import_store` checks the file again (hash, rows, the
user's rights today) and stores every row in one transaction; any problem stores nothing.
"""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions

from . import formats, parsers, rules, selectors
from .models import FundedPupil, ImportKind, ImportRun, ImportStatus

logger = logging.getLogger(__name__)


class RowFailed(Exception):
    def __init__(self, row: int, column: str, message: str) -> None:
        super().__init__(message)
        self.problem = {"row": row, "column": column, "message": message}


def _problem(message: str) -> dict:
    """A problem of the file as a whole (no row, no column)."""
    return {"row": None, "column": "", "message": str(message)}


def _record(context: AuditContext, run: ImportRun, action: AuditAction, event: str, **detail) -> None:
    audit_event_record(
        context=context,
        action=action,
        outcome=AuditOutcome.SUCCESS,
        object_type="import_run",
        object_id=run.pk,
        swv_id=run.swv_id,
        access_basis=permissions.Basis.SCOPE,
        detail={"event": event, "kind": run.kind, **detail},
    )


def _check(kind: str, table: parsers.Table, *, swv_id: int, user, on_progress=None) -> formats.Report:
    today = timezone.localdate()
    if kind == ImportKind.COUNTS:
        return formats.check_counts(table, selectors.count_lookup(swv_id=swv_id), on_progress)
    if kind == ImportKind.FUNDING:
        return formats.check_funding(table, today, on_progress)
    positions = {formats.normal_header(title): index for index, title in enumerate(table.header)}
    column = next(
        (positions[name] for name in ("LEERLINGNUMMER", *formats.THUISZITTER_COLUMNS[0].aliases) if name in positions),
        None,
    )
    numbers = [cells[column] for _number, cells in table.rows if column is not None and column < len(cells)]
    lookup = selectors.pupil_lookup(swv_id=swv_id, pupil_numbers=numbers, user=user)
    return formats.check_thuiszitters(table, lookup, today, on_progress)


def _swv_for(user, kind: str, swv_id: int | None) -> int:
    allowed = permissions.import_swv_ids(user, kind)
    if swv_id is None and len(allowed) == 1:
        return next(iter(allowed))
    if swv_id is None:
        raise ValidationError({"swv": _("Choose the samenwerkingsverband the file is for.")})
    if swv_id not in allowed:
        raise ValidationError({"swv": _("You cannot import for this samenwerkingsverband.")})
    return swv_id


def _audit_denied(context: AuditContext, kind: str) -> None:
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.DENIED,
        object_type="import_run",
        access_basis=permissions.Basis.NONE,
        detail={"kind": kind},
    )


def _read_upload(upload) -> bytes:
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload.")})
    if upload.size is not None and upload.size > parsers.MAX_IMPORT_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(max)d MB. Split it into smaller files.")
                % {"max": parsers.MAX_IMPORT_BYTES // 2**20}
            }
        )
    upload.seek(0)
    return upload.read(parsers.MAX_IMPORT_BYTES + 1)


def import_upload(*, kind: str, upload, context: AuditContext, swv_id: int | None = None) -> ImportRun:
    """Check an uploaded file row by row and record the run with its report. Nothing of the file
    is stored; the file itself is kept (under a random name) only when it can be confirmed."""
    user = context.user
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Choose the kind of file.")})
    if not permissions.import_swv_ids(user, kind):
        _audit_denied(context, kind)
        raise PermissionDenied
    swv_id = _swv_for(user, kind, swv_id)
    data = _read_upload(upload)
    run = ImportRun(
        swv_id=swv_id,
        kind=kind,
        created_by=user,
        file_name=(getattr(upload, "name", "") or "")[:200],
        file_sha256=hashlib.sha256(data).hexdigest(),
        file_size=len(data),
    )
    report = None
    try:
        table = parsers.read_table(data)
        run.file_format, run.file_encoding = table.file_format, table.encoding
        report = _check(kind, table, swv_id=swv_id, user=user)
    except parsers.FileProblem as problem:
        run.errors, run.error_count = [_problem(problem.message)], 1
    if report is not None:
        run.rows_total, run.rows_valid = report.rows_total, len(report.records)
        run.rows_invalid, run.rows_skipped = report.rows_invalid, report.rows_skipped
        run.errors, run.error_count, run.warnings = report.errors, report.error_count, report.warnings
        run.preview = report.preview
    if run.error_count == 0 and run.rows_valid == 0:
        run.message = _("No row of this file can be stored; see the warnings.")
    run.status = ImportStatus.VALIDATED if run.error_count == 0 and run.rows_valid else ImportStatus.INVALID
    with transaction.atomic():
        if run.status == ImportStatus.VALIDATED:
            run.file.save("upload", ContentFile(data), save=False)
        run.full_clean(exclude=["file"])
        run.save()
        _record(
            context,
            run,
            AuditAction.CREATE,
            "uploaded",
            status=run.status,
            sha256=run.file_sha256,
            rows=run.rows_total,
            errors=run.error_count,
        )
    if kind == ImportKind.THUISZITTERS and report is not None and report.records:
        # Matching the list searched the SWV's pupils: one row names every pupil it found.
        audit_event_record(
            context=context,
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.SUCCESS,
            object_type="pupil",
            swv_id=swv_id,
            access_basis=permissions.Basis.SCOPE,
            detail={"import_run": run.pk, "pupil_ids": [record["pupil_id"] for record in report.records]},
        )
    return run


def import_confirm(*, run_id: int, context: AuditContext) -> ImportRun:
    """The user confirms a checked run: stored now, or queued for the background worker when long."""
    selectors.import_run_get(run_id=run_id, context=context, audit_success=False)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.status != ImportStatus.VALIDATED:
            raise ValidationError(
                _("This import cannot be confirmed: its status is “%(status)s”.")
                % {"status": run.get_status_display()}
            )
        run.confirmed_by = context.user
        run.confirmed_at = timezone.now()
        background = run.rows_valid > rules.BACKGROUND_THRESHOLD
        run.status = ImportStatus.QUEUED if background else ImportStatus.RUNNING
        run.save(update_fields=["confirmed_by", "confirmed_at", "status"])
        _record(context, run, AuditAction.UPDATE, "confirmed", background=background)
        if background:
            from .tasks import store_import

            transaction.on_commit(lambda: store_import.enqueue(run.pk))
    if not background:
        run = import_store(run_id=run.pk)
    return run


def import_cancel(*, run_id: int, context: AuditContext) -> ImportRun:
    """Drop a checked run before it is confirmed (its file is deleted)."""
    selectors.import_run_get(run_id=run_id, context=context, audit_success=False)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.status != ImportStatus.VALIDATED:
            raise ValidationError(_("Only an import that waits for confirmation can be cancelled."))
        run.status = ImportStatus.CANCELLED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        _record(context, run, AuditAction.UPDATE, "cancelled")
    _drop_file(run)
    return run


def _drop_file(run: ImportRun) -> None:
    """Ours: the uploaded file goes once the run is finished; the run keeps its hash and report."""
    if run.file:
        run.file.delete(save=False)
        ImportRun.objects.filter(pk=run.pk).update(file="")


def _set_progress(run_id: int, percent: int) -> None:
    ImportRun.objects.filter(pk=run_id).update(progress=min(percent, 100))


def _fail(run: ImportRun, context: AuditContext, errors: list[dict], error_count: int | None = None) -> ImportRun:
    run.status = ImportStatus.FAILED
    run.errors = errors[: formats.MAX_REPORTED]
    run.error_count = error_count if error_count is not None else len(errors)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "errors", "error_count", "finished_at"])
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.ERROR,
        object_type="import_run",
        object_id=run.pk,
        swv_id=run.swv_id,
        detail={"event": "failed", "kind": run.kind, "errors": run.error_count},
    )
    _drop_file(run)
    return run


def import_store(*, run_id: int) -> ImportRun:
    """Store a confirmed run: all rows in one transaction, or nothing. Idempotent: a run that is
    no longer queued or running is returned as it is (a retried task does nothing twice)."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update(of=("self",)).select_related("confirmed_by").get(pk=run_id)
        if run.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return run
        run.status = ImportStatus.RUNNING
        run.progress = 0
        run.save(update_fields=["status", "progress"])
    context = AuditContext(user=run.confirmed_by, purpose="import")
    user = run.confirmed_by
    if not permissions.decide_import(user, run.kind, run.swv_id).allowed:
        return _fail(run, context, [_problem(_("You may no longer import this file."))])
    try:
        run.file.open("rb")
        try:
            data = run.file.read()
        finally:
            run.file.close()
    except (OSError, ValueError):
        return _fail(run, context, [_problem(_("The uploaded file is gone; upload it again."))])
    if hashlib.sha256(data).hexdigest() != run.file_sha256:
        return _fail(
            run,
            context,
            [_problem(_("The file changed after it was checked; upload it again."))],
        )
    try:
        table = parsers.read_table(data)
        report = _check(
            run.kind,
            table,
            swv_id=run.swv_id,
            user=user,
            on_progress=lambda done, total: _set_progress(run.pk, done * 50 // max(total, 1)),
        )
    except parsers.FileProblem as problem:
        return _fail(run, context, [_problem(problem.message)])
    if not report.ok:
        # The data changed since the check (a school or a pupil is gone): nothing is stored.
        return _fail(run, context, report.errors, report.error_count)
    _set_progress(run.pk, 50)
    try:
        with transaction.atomic():
            stored = STORERS[run.kind](run, report.records, context)
            run.status = ImportStatus.STORED
            run.rows_stored = stored
            run.rows_skipped = report.rows_skipped
            run.warnings = report.warnings
            run.progress = 100
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "rows_stored", "rows_skipped", "warnings", "progress", "finished_at"])
            _record(context, run, AuditAction.CREATE, "stored", rows=stored)
    except RowFailed as failure:
        run.refresh_from_db()
        return _fail(run, context, [failure.problem])
    except Exception:
        logger.exception("Import %s could not be stored", run.pk)
        run.refresh_from_db()
        return _fail(
            run,
            context,
            [_problem(_("Storing failed on the server; nothing was stored."))],
        )
    _drop_file(run)
    return run


# One upsert for all rows: a later import replaces the count of the same location and date.
COUNT_UPSERT_VALUES = (
    "INSERT INTO imports_pupilcount (swv_id, school_id, location_id, counting_date, pupils, import_run_id) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (location_id, counting_date) DO UPDATE SET "
    "swv_id = EXCLUDED.swv_id, school_id = EXCLUDED.school_id, pupils = EXCLUDED.pupils, "
    "import_run_id = EXCLUDED.import_run_id"
)
COUNT_STAGE_CREATE = (
    "CREATE TEMPORARY TABLE imports_pupilcount_stage (swv_id bigint, school_id bigint, location_id bigint, "
    "counting_date date, pupils integer, import_run_id bigint) ON COMMIT DROP"
)
COUNT_STAGE_COPY = (
    "COPY imports_pupilcount_stage (swv_id, school_id, location_id, counting_date, pupils, import_run_id) FROM STDIN"
)
COUNT_UPSERT_STAGE = (
    "INSERT INTO imports_pupilcount (swv_id, school_id, location_id, counting_date, pupils, import_run_id) "
    "SELECT swv_id, school_id, location_id, counting_date, pupils, import_run_id FROM imports_pupilcount_stage "
    "ON CONFLICT (location_id, counting_date) DO UPDATE SET "
    "swv_id = EXCLUDED.swv_id, school_id = EXCLUDED.school_id, pupils = EXCLUDED.pupils, "
    "import_run_id = EXCLUDED.import_run_id"
)
COUNT_STAGE_DROP = "DROP TABLE imports_pupilcount_stage"


def _store_counts(run: ImportRun, records: list[dict], context: AuditContext) -> int:
    """Ours: a later import replaces the count of the same location and counting date. One
    upsert for all rows: on PostgreSQL the rows are copied (``COPY``) into a temporary table and
    upserted from there in one statement; elsewhere one ``executemany`` of the same upsert."""
    params = [
        (run.swv_id, record["school_id"], record["location_id"], record["counting_date"], record["pupils"], run.pk)
        for record in records
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_counts(cursor, params)
        else:
            cursor.executemany(COUNT_UPSERT_VALUES, params)
    return len(params)


def _copy_counts(cursor, params: list[tuple]) -> None:
    """PostgreSQL's bulk path: ``COPY`` into a temporary table (dropped again at once, and at the
    latest at commit), then one ``INSERT … SELECT … ON CONFLICT``. Runs inside the store's
    transaction: a failure leaves neither the table nor any row."""
    cursor.execute(COUNT_STAGE_CREATE)
    with cursor.copy(COUNT_STAGE_COPY) as copy:
        for row in params:
            copy.write_row(row)
    cursor.execute(COUNT_UPSERT_STAGE)
    cursor.execute(COUNT_STAGE_DROP)


def _store_funding(run: ImportRun, records: list[dict], context: AuditContext) -> int:
    FundedPupil.objects.bulk_create(
        [FundedPupil(import_run_id=run.pk, swv_id=run.swv_id, **record) for record in records], batch_size=2000
    )
    return len(records)


def _store_thuiszitters(run: ImportRun, records: list[dict], context: AuditContext) -> int:
    """Each row through the steunpunt's own service (its rules, its permission check, its audit)."""
    from dekkend.steunpunt.services import thuiszitter_register

    for record in records:
        try:
            thuiszitter_register(
                pupil_id=record["pupil_id"],
                kind=record["kind"],
                reported_on=record["reported_on"],
                reason=record["reason"],
                absent_since=record["absent_since"],
                context=context,
            )
        except (ValidationError, PermissionDenied) as error:
            message = "; ".join(getattr(error, "messages", [])) or _("You cannot register this pupil.")
            raise RowFailed(record["row"], "LEERLINGNUMMER", message) from error
    return len(records)


STORERS = {
    ImportKind.COUNTS: _store_counts,
    ImportKind.FUNDING: _store_funding,
    ImportKind.THUISZITTERS: _store_thuiszitters,
}
