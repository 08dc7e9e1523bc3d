"""The admissions demo: every state for the Almere SWVs, objections, plaatsingstafel cases,
consistent placement histories, visible to the demo school account."""

import itertools
from io import StringIO

import pytest
from django.core.management import call_command

from dekkend.accounts.models import User
from dekkend.admissions.models import Admission, Objection, TableCase
from dekkend.admissions.selectors import admission_queryset
from dekkend.pupils.models import Pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr("dekkend.demo.services.DOMAIN_DEMO_LOADERS", ("dekkend.admissions.demo.load_demo",))
    out = StringIO()
    call_command("load_demo", pupils=600, stdout=out)
    return out.getvalue()


class AdmissionsDemoTests:
    def test_every_state_in_both_almere_swvs(self, demo):
        for code in ("almere-po", "almere-vo"):
            states = set(Admission.objects.filter(swv__code=code).values_list("status", flat=True))
            assert states >= {"registered", "temporary", "admitted", "placed", "refused"}
            assert Admission.objects.filter(swv__code=code).exclude(extended_to=None).exists()
        assert "Aanmelding:" in demo

    def test_objections_and_table_cases_are_there(self, demo):
        assert Objection.objects.filter(is_late=True).exists()
        assert set(Objection.objects.values_list("status", flat=True)) >= {"received", "heard", "decided"}
        assert TableCase.objects.filter(status="open").exists()
        assert TableCase.objects.filter(by_doorzettingsmacht=True).exists()

    def test_placed_pupils_are_at_their_new_school_with_one_open_placement(self, demo):
        for admission in Admission.objects.filter(status__in=["placed", "temporary"]).select_related("pupil"):
            pupil = Pupil.objects.get(pk=admission.pupil_id)
            assert pupil.school_id == admission.school_id
            history = list(pupil.placements.order_by("start_date", "id"))
            assert [p.end_date for p in history].count(None) == 1 and history[-1].end_date is None
            for previous, following in itertools.pairwise(history):
                assert previous.end_date == following.start_date  # no gap, no overlap

    def test_the_demo_school_account_sees_registrations_at_its_school(self, demo):
        assert admission_queryset(user=User.objects.get(username="school")).count() >= 5
