"""The imports demo: the real services run on generated files for both Almere SWVs, so the
pages show a stored import of each kind, a rejected file with its row report, one waiting for
confirmation and one cancelled; loading again adds nothing."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from dekkend.audit.services import AuditContext
from dekkend.imports import demo, rules, selectors
from dekkend.imports.models import ImportRun, ImportStatus, PupilCount
from dekkend.organisations.models import Swv
from dekkend.pupils.models import Pupil
from dekkend.steunpunt.models import Thuiszitter

pytestmark = pytest.mark.django_db

LOADERS = (
    "dekkend.referrals.demo.load_demo",
    "dekkend.steunpunt.demo.load_demo",
    "dekkend.imports.demo.load_demo",
)


@pytest.fixture
def loaded(monkeypatch):
    monkeypatch.setattr("dekkend.demo.services.DOMAIN_DEMO_LOADERS", LOADERS)
    out = StringIO()
    began = time.monotonic()
    call_command("load_demo", pupils=600, stdout=out)
    return out.getvalue(), time.monotonic() - began


def _statuses(code: str) -> list[tuple[str, str]]:
    return sorted(ImportRun.objects.filter(swv__code=code).values_list("kind", "status"))


def test_each_almere_swv_shows_every_state_and_plein_none(loaded):
    output, _seconds = loaded
    assert "Importen: 6 opgeslagen, 2 afgekeurd, 1 wacht op bevestiging, 1 geannuleerd" in output
    stored = [("counts", ImportStatus.STORED), ("funding", ImportStatus.STORED)]
    stored.append(("thuiszitters", ImportStatus.STORED))
    assert _statuses("almere-po") == sorted(
        [*stored, ("counts", ImportStatus.INVALID), ("counts", ImportStatus.VALIDATED)]
    )
    assert _statuses("almere-vo") == sorted(
        [*stored, ("counts", ImportStatus.INVALID), ("funding", ImportStatus.CANCELLED)]
    )
    assert not ImportRun.objects.filter(swv__code="plein013-po").exists()


def test_the_stored_counts_are_the_pupils_of_each_location_on_the_last_counting_date(loaded):
    last = rules.last_counting_date(timezone.localdate())
    for code in ("almere-po", "almere-vo"):
        enrolled = dict(
            Pupil.objects.filter(swv__code=code)
            .values("location_id")
            .annotate(n=Count("id"))
            .values_list("location_id", "n")
        )
        counts = PupilCount.objects.filter(swv__code=code)
        assert set(counts.values_list("counting_date", flat=True)) == {last}
        assert {count.location_id: count.pupils for count in counts if count.pupils} == enrolled
        assert counts.count() == ImportRun.objects.get(swv__code=code, kind="counts", status="stored").rows_stored


def test_the_rejected_file_names_its_rows_and_columns_and_stored_nothing(loaded):
    for code in ("almere-po", "almere-vo"):
        run = ImportRun.objects.get(swv__code=code, status=ImportStatus.INVALID)
        assert run.error_count == run.rows_invalid == 5
        assert {error["column"] for error in run.errors} == {
            "BRIN_NUMMER",
            "PEILDATUM",
            "AANTAL_LEERLINGEN",
            "",  # the repeated row
        }
        assert all(error["row"] > 1 for error in run.errors)
        assert not run.file and not PupilCount.objects.filter(import_run=run).exists()


def test_the_reconciliation_has_a_discrepancy_of_each_kind_and_a_match(loaded):
    for swv in Swv.objects.filter(code__in=("almere-po", "almere-vo")):
        result = selectors.reconcile(swv=swv, on=timezone.localdate(), run=selectors.latest_funding_run(swv_id=swv.pk))
        assert {issue: len(lines) for issue, lines in result.lines.items()} == {
            "funded_not_granted": 1,
            "granted_not_funded": 1,
            "differs": 1,
        }
        assert result.matched >= 1


def test_the_thuiszitter_list_stores_new_cases_and_warns_about_the_rest(loaded):
    for code in ("almere-po", "almere-vo"):
        run = ImportRun.objects.get(swv__code=code, kind="thuiszitters")
        assert run.rows_stored == demo.THUISZITTER_ROWS and run.rows_skipped == 2
        assert len(run.warnings) == 2 and {warning["column"] for warning in run.warnings} == {"LEERLINGNUMMER"}
        assert Thuiszitter.objects.filter(swv__code=code, responsible__username="secretariaat").count() == (
            demo.THUISZITTER_ROWS
        )


def test_loading_again_adds_nothing(loaded):
    before = (ImportRun.objects.count(), PupilCount.objects.count(), Thuiszitter.objects.count())
    line = demo.load_demo(context=AuditContext(purpose="demo"))
    assert "0 opgeslagen" in line
    assert (ImportRun.objects.count(), PupilCount.objects.count(), Thuiszitter.objects.count()) == before
