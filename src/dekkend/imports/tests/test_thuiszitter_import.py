"""The municipality's thuiszitter list into the steunpunt register: pupils matched by pupil number
and date of birth, unmatched rows reported and left out, every row through the steunpunt's own
service, and all rows or none."""

import datetime

import pytest

from dekkend.imports import services
from dekkend.imports.models import ImportStatus
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.steunpunt import services as steunpunt_services
from dekkend.steunpunt.models import Thuiszitter
from dekkend.steunpunt.tests.factories import ThuiszitterFactory

from .conftest import ctx
from .factories import THUISZITTER_HEADER, csv_bytes, upload

pytestmark = pytest.mark.django_db


def _run(world, rows):
    return services.import_upload(
        kind="thuiszitters", upload=upload(csv_bytes(THUISZITTER_HEADER, rows)), context=ctx(world.secretariat)
    )


def _row(pupil, birth="04-03-2012", kind="relatief", reported="03-11-2025", since="20-10-2025", reason="gedrag"):
    return [pupil.pupil_number, birth, kind, reported, since, reason]


def test_matched_rows_enter_the_register_and_unmatched_are_reported(world):
    second = PupilFactory(school=world.school, birth_date=datetime.date(2011, 1, 2))
    run = _run(
        world,
        [
            _row(world.pupil),
            _row(second, birth="02-01-2011", kind="absoluut", reason=""),
            _row(second, birth="03-01-2011"),  # right number, wrong date of birth
        ],
    )
    assert run.status == ImportStatus.VALIDATED
    assert (run.rows_valid, run.rows_skipped) == (2, 1)
    assert run.warnings[0]["row"] == 4 and "geboortedatum" in run.warnings[0]["message"]
    assert not Thuiszitter.objects.exists()

    run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))

    assert run.status == ImportStatus.STORED and run.rows_stored == 2
    cases = {case.pupil_id: case for case in Thuiszitter.objects.all()}
    assert set(cases) == {world.pupil.pk, second.pk}
    assert cases[second.pk].school is None and cases[second.pk].reason == "overig"
    assert cases[world.pupil.pk].absent_since == datetime.date(2025, 10, 20)


def test_a_pupil_with_an_open_case_is_left_out(world):
    ThuiszitterFactory(pupil=world.pupil)
    run = _run(world, [_row(world.pupil)])
    assert run.status == ImportStatus.INVALID and run.rows_skipped == 1
    assert "al in het register" in run.warnings[0]["message"]


def test_a_pupil_of_another_swv_is_not_matched(world):
    stranger = PupilFactory(school=world.other_swv_school, birth_date=datetime.date(2012, 3, 4))
    run = _run(world, [_row(stranger)])
    assert run.rows_valid == 0 and run.rows_skipped == 1


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"kind": "soms"}, "SOORT_VERZUIM"),
        ({"reported": "01-01-2999"}, "GEMELD_OP"),
        ({"since": "04-11-2025"}, "VERZUIM_SINDS"),
        ({"reason": "verveling"}, "REDEN"),
        ({"birth": "29-02-2013"}, "GEBOORTEDATUM"),
    ],
)
def test_impossible_values_are_named(world, changes, column):
    run = _run(world, [_row(world.pupil, **changes)])
    assert run.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in run.errors] == [(2, column)]


def test_the_same_pupil_twice_is_a_duplicate(world):
    run = _run(world, [_row(world.pupil), _row(world.pupil, kind="dreigend")])
    assert [(e["row"], e["column"]) for e in run.errors] == [(3, "")]


def test_one_row_refused_by_the_register_stores_no_row(world, monkeypatch):
    second = PupilFactory(school=world.school, birth_date=datetime.date(2011, 1, 2))
    run = _run(world, [_row(world.pupil), _row(second, birth="02-01-2011")])
    real = steunpunt_services.thuiszitter_register
    calls = []

    def second_refused(**kwargs):
        calls.append(kwargs["pupil_id"])
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError({"pupil": "Deze leerling is onbekend of valt buiten uw bereik."})
        return real(**kwargs)

    monkeypatch.setattr(steunpunt_services, "thuiszitter_register", second_refused)
    run = services.import_confirm(run_id=run.pk, context=ctx(world.secretariat))

    assert run.status == ImportStatus.FAILED
    assert run.errors == [
        {"row": 3, "column": "LEERLINGNUMMER", "message": "Deze leerling is onbekend of valt buiten uw bereik."}
    ]
    assert not Thuiszitter.objects.exists()
