"""Imports: checking and storing 50,000 pupil-count rows (issue 9: "an import of 50,000 rows").

Ours: the whole flow a user starts: the upload is read (CSV bytes), every row checked against the
SWV's schools, the run recorded; on confirmation the file is read again, checked again (hash,
rows) and all rows stored in one transaction (upsert per location and counting date; on
PostgreSQL by COPY into a temporary table and one INSERT ... SELECT ... ON CONFLICT).
Baseline: the least any import of the same 50,000 already-parsed rows costs, in one transaction,
with the same upsert statement: on PostgreSQL a raw COPY into a temporary table plus the upsert;
on SQLite (no COPY) a raw executemany of the upsert.

Measured (docs/imports.md; shared 2-core machine under load, so the ratio is what counts):
before, PostgreSQL, ours stored with executemany: 4.0-4.5x the COPY baseline (and 1.5x the
executemany baseline this case used then, which flattered us); after, with COPY: 1.7-2.2x
(target <= 3x). SQLite, --pupils 5000: 2.5x the executemany baseline.
"""

import datetime

from run import Bench, Case

ROWS = 50_000


def _rows(locations: list[tuple[int, int, str, str]]) -> list[tuple]:
    """50,000 (school, location, brin, code, date, pupils): every location on as many counting
    dates (1 February and 1 October, going back in time) as needed."""
    rows = []
    step = 0
    while len(rows) < ROWS:
        year, month = 2025 - step // 2, (10 if step % 2 == 0 else 2)
        day = datetime.date(year, month, 1)
        for school_id, location_id, brin, code in locations:
            rows.append((school_id, location_id, brin, code, day, 100 + (location_id * 7 + step) % 400))
            if len(rows) == ROWS:
                break
        step += 1
    return rows


def cases(bench: Bench) -> list[Case]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction

    from dekkend.accounts.models import User
    from dekkend.audit.services import AuditContext
    from dekkend.imports import services
    from dekkend.imports.models import ImportRun, ImportStatus
    from dekkend.organisations.models import SchoolLocation

    user = User.objects.get(username="secretariaat")
    swv_id = user.role_assignments.exclude(swv=None).values_list("swv_id", flat=True).first()
    locations = list(
        SchoolLocation.objects.filter(school__swv_id=swv_id)
        .order_by("id")
        .values_list("school_id", "id", "school__brin", "code")
    )
    rows = _rows(locations)
    lines = ["BRIN_NUMMER;VESTIGINGSNUMMER;PEILDATUM;AANTAL_LEERLINGEN"]
    lines += [f"{brin};{code};{day:%d-%m-%Y};{pupils}" for _s, _l, brin, code, day, pupils in rows]
    data = ("\r\n".join(lines) + "\r\n").encode()
    context = AuditContext(user=user, purpose="bench")
    print(f"  {len(rows)} rows over {len(locations)} locations, {len(data) / 2**20:.1f} MB", flush=True)

    def ours():
        run = services.import_upload(
            kind="counts", upload=SimpleUploadedFile("tellingen.csv", data), context=context, swv_id=swv_id
        )
        assert run.status == ImportStatus.VALIDATED, run.errors[:3]
        # What import_confirm does for a long file, with the worker's part run here and now.
        ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.QUEUED, confirmed_by=user)
        run = services.import_store(run_id=run.pk)
        assert run.status == ImportStatus.STORED and run.rows_stored == ROWS, run.errors[:3]

    baseline_run = ImportRun.objects.create(
        swv_id=swv_id, kind="counts", status=ImportStatus.STORED, created_by=user, file_sha256="0" * 64
    )
    params = [
        (swv_id, school, location, day, pupils, baseline_run.pk) for school, location, _b, _c, day, pupils in rows
    ]
    columns = "swv_id, school_id, location_id, counting_date, pupils, import_run_id"
    upsert = (
        "ON CONFLICT (location_id, counting_date) DO UPDATE SET swv_id = EXCLUDED.swv_id, "
        "school_id = EXCLUDED.school_id, pupils = EXCLUDED.pupils, import_run_id = EXCLUDED.import_run_id"
    )

    def baseline_postgresql():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_stage (swv_id bigint, school_id bigint, location_id bigint, "
                "counting_date date, pupils integer, import_run_id bigint) ON COMMIT DROP"
            )
            with cursor.copy(f"COPY bench_stage ({columns}) FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
            cursor.execute(f"INSERT INTO imports_pupilcount ({columns}) SELECT {columns} FROM bench_stage {upsert}")

    def baseline_other():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO imports_pupilcount ({columns}) VALUES (%s, %s, %s, %s, %s, %s) {upsert}", params
            )

    postgresql = connection.vendor == "postgresql"
    return [
        Case(
            "import 50,000 count rows: check, confirm, store",
            ours,
            baseline_postgresql if postgresql else baseline_other,
            target=3.0,
            baseline_name="raw COPY + upsert" if postgresql else "raw executemany upsert",
        )
    ]
