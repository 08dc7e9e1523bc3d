"""DUO's funded pupils: the rows checked (decision number, type, category, dates), stored as the
SWV's current DUO list, and reconciled both ways with the granted TLVs by decision number."""

import datetime

import pytest

from dekkend.imports import selectors, services
from dekkend.imports.models import FundedPupil, ImportStatus
from dekkend.pupils.tests.factories import PupilFactory

from .conftest import ctx
from .factories import FUNDING_HEADER, csv_bytes, granted_tlv, upload

pytestmark = pytest.mark.django_db
ON = datetime.date(2025, 10, 1)


def _run(world, rows, user=None):
    run = services.import_upload(
        kind="funding", upload=upload(csv_bytes(FUNDING_HEADER, rows)), context=ctx(user or world.secretariat)
    )
    return run


def _stored(world, rows):
    run = _run(world, rows)
    assert run.status == ImportStatus.VALIDATED, run.errors
    return services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))


def _row(decision, kind="SO", category="2", start="01-08-2025", end="31-07-2029", pupil="123456789"):
    return [decision, pupil, "04-03-2012", kind, category, start, end]


def _issues(result):
    return {issue: [line.decision_number for line in lines] for issue, lines in result.lines.items()}


class FundingRowTests:
    @pytest.mark.parametrize(
        ("row", "column", "words"),
        [
            (_row("TLV-1", kind="SO", category=""), "CATEGORIE", "heeft een bekostigingscategorie nodig"),
            (_row("TLV-1", kind="SBO", category="1"), "CATEGORIE", "Alleen een TLV voor SO of VSO"),
            (_row("TLV-1", category="4"), "CATEGORIE", "geen bekostigingscategorie"),
            (_row("TLV-1", kind="MBO"), "SOORT_ONDERWIJS", "geen onderwijssoort"),
            (_row("TLV-1", start="01-08-2025", end="31-07-2025"), "EINDDATUM", "voor de ingangsdatum"),
            (_row("TLV-1", start="31-11-2025"), "INGANGSDATUM", "bestaat niet"),
            (_row(""), "BESCHIKKINGSNUMMER", "leeg"),
        ],
    )
    def test_impossible_rows_are_named(self, world, row, column, words):
        run = _run(world, [row])
        assert run.status == ImportStatus.INVALID
        assert [(e["row"], e["column"]) for e in run.errors] == [(2, column)]
        assert words in run.errors[0]["message"]

    def test_categories_may_be_words_and_types_any_case(self, world):
        run = _run(world, [_row("TLV-1", kind="vso", category="hoog"), _row("TLV-2", kind="PrO", category="")])
        assert run.status == ImportStatus.VALIDATED

    def test_the_same_decision_number_twice_is_a_duplicate_however_written(self, world):
        run = _run(world, [_row("TLV-7"), _row("tlv 7")])
        assert [(e["row"], e["column"]) for e in run.errors] == [(3, "")]

    def test_an_end_date_on_the_start_date_is_allowed(self, world):
        assert _run(world, [_row("TLV-1", start="01-08-2025", end="01-08-2025")]).status == ImportStatus.VALIDATED

    def test_stored_rows_keep_the_pupil_as_duo_gives_it(self, world):
        _stored(world, [_row("TLV-1", pupil="ON-998877")])
        funded = FundedPupil.objects.get()
        assert (funded.pupil_key, funded.funding_category, funded.provision_type) == ("ON-998877", 2, "so")


class ReconciliationTests:
    def test_both_ways_and_the_differing_category(self, world):
        agrees = granted_tlv(world.pupil, provision_type="so", category=2)
        differs = granted_tlv(PupilFactory(school=world.school), provision_type="vso", category=3)
        not_funded = granted_tlv(PupilFactory(school=world.school), provision_type="sbo", category=None)
        _stored(
            world,
            [
                _row(f"TLV-{agrees.pk}", kind="SO", category="2"),
                _row(f"TLV-{differs.pk}", kind="VSO", category="2"),
                _row("TLV-888888", kind="SO", category="1"),
            ],
        )
        result = selectors.reconcile(swv=world.swv, on=ON, run=selectors.latest_funding_run(swv_id=world.swv.pk))
        assert _issues(result) == {
            "funded_not_granted": ["TLV-888888"],
            "granted_not_funded": [f"TLV-{not_funded.pk}"],
            "differs": [f"TLV-{differs.pk}"],
        }
        assert result.matched == 1
        line = result.lines["differs"][0]
        assert (line.duo_category, line.our_category) == (2, 3)

    @pytest.mark.parametrize(
        ("valid_until", "listed"),
        [(ON - datetime.timedelta(days=1), False), (ON, True), (ON + datetime.timedelta(days=1), True)],
    )
    def test_a_tlv_not_funded_is_listed_only_while_in_force(self, world, valid_until, listed):
        tlv = granted_tlv(world.pupil, valid_from=datetime.date(2024, 8, 1), valid_until=valid_until)
        result = selectors.reconcile(swv=world.swv, on=ON, run=None)
        assert (f"TLV-{tlv.pk}" in _issues(result)["granted_not_funded"]) is listed

    def test_a_tlv_starting_after_the_date_is_not_yet_expected(self, world):
        tlv = granted_tlv(world.pupil, valid_from=ON + datetime.timedelta(days=1))
        result = selectors.reconcile(swv=world.swv, on=ON, run=None)
        assert f"TLV-{tlv.pk}" not in _issues(result)["granted_not_funded"]

    def test_a_tlv_of_another_swv_does_not_match_a_decision_number(self, world):
        stranger = granted_tlv(PupilFactory(school=world.other_swv_school))
        _stored(world, [_row(f"TLV-{stranger.pk}")])
        result = selectors.reconcile(swv=world.swv, on=ON, run=selectors.latest_funding_run(swv_id=world.swv.pk))
        assert _issues(result)["funded_not_granted"] == [f"TLV-{stranger.pk}"]

    def test_the_newest_stored_list_counts(self, world):
        tlv = granted_tlv(world.pupil)
        _stored(world, [_row("TLV-888888")])
        _stored(world, [_row(f"TLV-{tlv.pk}")])
        result = selectors.reconcile(swv=world.swv, on=ON, run=selectors.latest_funding_run(swv_id=world.swv.pk))
        assert result.matched == 1 and not result.all_lines

    def test_a_refused_application_is_no_granted_tlv(self, world):
        refused = granted_tlv(world.pupil, status="refused", outcome="refused")
        _stored(world, [_row(f"TLV-{refused.pk}")])
        result = selectors.reconcile(swv=world.swv, on=ON, run=selectors.latest_funding_run(swv_id=world.swv.pk))
        assert _issues(result)["funded_not_granted"] == [f"TLV-{refused.pk}"]
