"""Pupil counts per school location and counting date: checked row by row, nothing stored before
confirmation, nothing at all when one row is wrong."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekkend.audit.models import AuditEvent
from dekkend.imports import parsers, rules, services
from dekkend.imports.models import ImportRun, ImportStatus, PupilCount

from .conftest import ctx
from .factories import COUNT_HEADER, csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _upload(world, rows, header=COUNT_HEADER, user=None, **kwargs):
    return services.import_upload(
        kind="counts", upload=upload(csv_bytes(header, rows, **kwargs)), context=ctx(user or world.secretariat)
    )


def _errors(run):
    return [(error["row"], error["column"]) for error in run.errors]


class CheckBeforeStoringTests:
    def test_a_good_file_is_checked_and_nothing_is_stored_until_confirmed(self, world):
        run = _upload(world, [["12AB", "00", "01-10-2025", "312"], ["12AB", "01", "2025-10-01", "40"]])
        assert run.status == ImportStatus.VALIDATED
        assert (run.rows_total, run.rows_valid, run.error_count) == (2, 2, 0)
        assert run.preview["rows"][0] == ["12AB", "00", "01-10-2025", "312"]
        assert not PupilCount.objects.exists()

        run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))

        assert run.status == ImportStatus.STORED and run.rows_stored == 2
        counts = dict(PupilCount.objects.values_list("location__code", "pupils"))
        assert counts == {"00": 312, "01": 40}
        assert not run.file  # the upload is gone, the hash stays
        assert len(run.file_sha256) == 64
        events = AuditEvent.objects.filter(object_type="import_run", object_id=str(run.pk))
        assert [e.detail["event"] for e in events.order_by("id")] == ["uploaded", "confirmed", "stored"]

    def test_an_xlsx_file_is_read_like_a_csv(self, world):
        data = xlsx_bytes(COUNT_HEADER, [["12AB", "00", datetime.date(2025, 10, 1), 312]])
        run = services.import_upload(kind="counts", upload=upload(data, "tel.xlsx"), context=ctx(world.secretariat))
        assert run.status == ImportStatus.VALIDATED and run.file_format == "xlsx"

    def test_duo_spellings_of_the_columns_and_the_vestiging_with_brin_are_accepted(self, world):
        run = _upload(world, [["12AB", "12AB01", "20251001", "7"]], header=["BRIN", "VESTIGING", "TELDATUM", "TOTAAL"])
        assert run.status == ImportStatus.VALIDATED

    def test_a_later_import_replaces_the_count_of_the_same_location_and_date(self, world):
        for pupils in ("100", "120"):
            run = _upload(world, [["12AB", "00", "01-10-2025", pupils]])
            services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert list(PupilCount.objects.values_list("pupils", flat=True)) == [120]


class BadInputTests:
    def test_an_empty_file_is_rejected(self, world):
        run = services.import_upload(kind="counts", upload=upload(b""), context=ctx(world.secretariat))
        assert run.status == ImportStatus.INVALID
        assert "leeg" in run.errors[0]["message"]

    def test_a_header_without_rows_is_rejected(self, world):
        run = _upload(world, [])
        assert run.status == ImportStatus.INVALID
        assert run.rows_total == 0 and "geen rijen" in run.errors[0]["message"]

    def test_missing_columns_are_named_with_the_columns_found(self, world):
        run = _upload(world, [["12AB", "00", "300"]], header=["BRIN_NUMMER", "VESTIGINGSNUMMER", "AANTAL"])
        assert run.status == ImportStatus.INVALID
        assert run.errors[0]["row"] == 1
        assert "PEILDATUM" in run.errors[0]["message"] and "BRIN_NUMMER" in run.errors[0]["message"]

    def test_one_bad_row_among_many_stores_nothing_and_names_its_row_and_column(self, world):
        rows = [["12AB", "00", f"01-10-{year}", "300"] for year in range(1800, 2000)]
        rows[123][3] = "-4"
        run = _upload(world, rows)
        assert run.status == ImportStatus.INVALID
        assert _errors(run) == [(125, "AANTAL_LEERLINGEN")]
        assert "negatief" in run.errors[0]["message"]
        assert run.rows_valid == 199 and run.rows_invalid == 1
        with pytest.raises(ValidationError):
            services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert not PupilCount.objects.exists()
        assert not run.file  # a rejected file is not kept

    def test_a_duplicate_row_names_the_row_it_repeats(self, world):
        run = _upload(
            world,
            [["12AB", "00", "01-10-2025", "3"], ["12AB", "01", "01-10-2025", "3"], ["12ab", "00", "2025-10-01", "4"]],
        )
        assert _errors(run) == [(4, "")]
        assert "rij 2" in run.errors[0]["message"]

    @pytest.mark.parametrize(
        ("row", "column", "words"),
        [
            (["99ZZ", "00", "01-10-2025", "3"], "BRIN_NUMMER", "niet van dit samenwerkingsverband"),
            (["56EF", "00", "01-10-2025", "3"], "BRIN_NUMMER", "niet van dit samenwerkingsverband"),
            (["12AB", "07", "01-10-2025", "3"], "VESTIGINGSNUMMER", "geen vestiging 07"),
            (["12AB", "00", "30-02-2025", "3"], "PEILDATUM", "bestaat niet"),
            (["12AB", "00", "2-10-2025", "3"], "PEILDATUM", "geen teldatum"),
            (["12AB", "00", "gisteren", "3"], "PEILDATUM", "geen datum"),
            (["12AB", "00", "01-10-2025", "drie"], "AANTAL_LEERLINGEN", "geen geheel getal"),
            (["12AB", "00", "01-10-2025", "5001"], "AANTAL_LEERLINGEN", "niet mogelijk"),
            (["12AB", "00", "01-10-2025", ""], "AANTAL_LEERLINGEN", "leeg"),
        ],
    )
    def test_impossible_values_are_named_by_row_and_column(self, world, row, column, words):
        run = _upload(world, [row])
        assert run.status == ImportStatus.INVALID
        assert _errors(run) == [(2, column)]
        assert words in run.errors[0]["message"]

    @pytest.mark.parametrize(("day", "ok"), [("31-01-2025", False), ("01-02-2025", True), ("02-02-2025", False)])
    def test_the_counting_date_at_its_edges(self, world, day, ok):
        run = _upload(world, [["12AB", "00", day, "3"]])
        assert (run.status == ImportStatus.VALIDATED) is ok

    @pytest.mark.parametrize(
        ("pupils", "ok"), [("0", True), (str(rules.MAX_PUPILS_PER_LOCATION), True), ("-1", False)]
    )
    def test_the_count_at_its_edges(self, world, pupils, ok):
        run = _upload(world, [["12AB", "00", "01-10-2025", pupils]])
        assert (run.status == ImportStatus.VALIDATED) is ok

    def test_a_file_of_exactly_the_size_limit_is_accepted_one_byte_more_is_refused(self, world, monkeypatch):
        data = csv_bytes(COUNT_HEADER, [["12AB", "00", "01-10-2025", "3"]])
        monkeypatch.setattr(parsers, "MAX_IMPORT_BYTES", len(data))
        run = services.import_upload(kind="counts", upload=upload(data), context=ctx(world.secretariat))
        assert run.status == ImportStatus.VALIDATED
        with pytest.raises(ValidationError) as error:
            services.import_upload(kind="counts", upload=upload(data + b"\r\n"), context=ctx(world.secretariat))
        assert "file" in error.value.message_dict
        assert ImportRun.objects.count() == 1

    def test_a_windows_1252_file_with_accents_is_read(self, world):
        header = [*COUNT_HEADER, "INSTELLINGSNAAM"]
        run = _upload(world, [["12AB", "00", "01-10-2025", "3", "Basisschool Één"]], header=header, encoding="cp1252")
        assert run.status == ImportStatus.VALIDATED and run.file_encoding == "cp1252"


class StoreTests:
    def test_a_school_gone_between_check_and_confirm_fails_and_stores_nothing(self, world):
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"], ["34CD", "00", "01-10-2025", "4"]])
        world.other_school.brin = "34CE"
        world.other_school.save()
        run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert run.status == ImportStatus.FAILED
        assert _errors(run) == [(3, "BRIN_NUMMER")]
        assert not PupilCount.objects.exists()

    def test_a_failure_while_storing_stores_nothing(self, world, monkeypatch):
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"], ["12AB", "01", "01-10-2025", "4"]])

        def broken(run, records, context):
            PupilCount.objects.create(
                swv=world.swv,
                school=world.school,
                location=world.location,
                counting_date=datetime.date(2025, 10, 1),
                pupils=3,
                import_run=run,
            )
            raise RuntimeError("disk full")

        monkeypatch.setitem(services.STORERS, "counts", broken)
        run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert run.status == ImportStatus.FAILED
        assert "niets opgeslagen" in run.errors[0]["message"]
        assert not PupilCount.objects.exists()

    def test_a_database_error_in_the_bulk_upsert_stores_nothing_and_the_next_import_stores(self, world, monkeypatch):
        # The statement after the rows were sent (COPY on PostgreSQL, executemany elsewhere) fails.
        monkeypatch.setattr(services, "COUNT_UPSERT_STAGE", "INSERT INTO imports_no_such_table SELECT 1")
        monkeypatch.setattr(
            services, "COUNT_UPSERT_VALUES", "INSERT INTO imports_no_such_table VALUES (%s, %s, %s, %s, %s, %s)"
        )
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"], ["12AB", "01", "01-10-2025", "4"]])
        run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert run.status == ImportStatus.FAILED and run.rows_stored == 0
        assert not PupilCount.objects.exists()

        monkeypatch.undo()
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"], ["12AB", "01", "01-10-2025", "4"]])
        run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert run.status == ImportStatus.STORED
        assert sorted(PupilCount.objects.values_list("pupils", flat=True)) == [3, 4]

    def test_storing_twice_does_nothing_the_second_time(self, world):
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"]])
        services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        again = services.import_store(run_id=run.pk)
        assert again.status == ImportStatus.STORED
        assert PupilCount.objects.count() == 1

    def test_a_confirmed_run_cannot_be_confirmed_again(self, world):
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"]])
        services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        with pytest.raises(ValidationError):
            services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))

    def test_a_cancelled_run_stores_nothing_and_loses_its_file(self, world):
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"]])
        run = services.import_cancel(run_id=run.pk, context=ctx(world.secretariat))
        assert run.status == ImportStatus.CANCELLED and not ImportRun.objects.get(pk=run.pk).file
        with pytest.raises(ValidationError):
            services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))


class BackgroundTests:
    def test_a_long_import_is_queued_and_stored_by_the_task(
        self, world, monkeypatch, settings, django_capture_on_commit_callbacks
    ):
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        monkeypatch.setattr(rules, "BACKGROUND_THRESHOLD", 1)
        run = _upload(world, [["12AB", "00", "01-10-2025", "3"], ["12AB", "01", "01-10-2025", "4"]])
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            queued = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))
        assert queued.status == ImportStatus.QUEUED and not PupilCount.objects.exists()
        for callback in callbacks:
            callback()
        run.refresh_from_db()
        assert run.status == ImportStatus.STORED and run.progress == 100
        assert PupilCount.objects.count() == 2


class PermissionTests:
    def test_a_school_may_not_import(self, world):
        with pytest.raises(PermissionDenied):
            _upload(world, [["12AB", "00", "01-10-2025", "3"]], user=world.school_user)
        assert AuditEvent.objects.filter(object_type="import_run", outcome="denied").exists()

    def test_the_policy_officer_imports_counts(self, world):
        assert _upload(world, [["12AB", "00", "01-10-2025", "3"]], user=world.policy).status == ImportStatus.VALIDATED

    def test_another_swv_cannot_confirm_or_read_the_run(self, world):
        from django.http import Http404

        run = _upload(world, [["12AB", "00", "01-10-2025", "3"]])
        with pytest.raises(Http404):
            services.import_confirm(run_id=run.pk, context=ctx(world.other_swv_secretariat))
        assert ImportRun.objects.get(pk=run.pk).status == ImportStatus.VALIDATED

    def test_the_schools_of_another_swv_are_unknown(self, world):
        run = _upload(world, [["56EF", "00", "01-10-2025", "3"]], user=world.other_swv_secretariat)
        assert run.swv_id == world.other_swv_school.swv_id and run.status == ImportStatus.VALIDATED


class LastCountingDateTests:
    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            (datetime.date(2026, 10, 1), datetime.date(2026, 10, 1)),
            (datetime.date(2026, 9, 30), datetime.date(2026, 2, 1)),
            (datetime.date(2026, 2, 1), datetime.date(2026, 2, 1)),
            (datetime.date(2026, 1, 31), datetime.date(2025, 10, 1)),
            (datetime.date(2026, 11, 25), datetime.date(2026, 10, 1)),
        ],
    )
    def test_the_last_counting_date_is_the_latest_1_february_or_1_october_on_or_before_the_day(self, on, expected):
        assert rules.last_counting_date(on) == expected
