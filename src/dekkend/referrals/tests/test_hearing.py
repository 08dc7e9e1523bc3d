"""The conversation with school and parents after an intended refusal (Bijlage XII, lines
6430-6446): it gets a date, it is recorded (who attended, what came out of it) or the parents
declined it, it shows on the timeline, and the final decision cannot come before it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.organisations.tests.factories import SwvFactory
from dekkend.referrals import letters, retention, services
from dekkend.referrals.models import Application

from .conftest import ctx

D = datetime.date
INTENDED = D(2025, 4, 1)
Status = Application.Status


@pytest.fixture
def intended(dossier):
    """Two experts advise refusal; the manager intends to refuse on 1 April 2025."""
    dossier.submit().complete().assign().advise(0, "refuse").advise(1, "refuse")
    dossier.decide("refusal_intended", on=INTENDED)
    return dossier


def plan(dossier, hearing_on, user="secretariat", on=INTENDED):
    return services.hearing_schedule(
        application_id=dossier.pk, hearing_on=hearing_on, date=on, context=ctx(dossier.world[user])
    )


class HearingPlanTests:
    def test_the_date_is_stored_and_on_the_timeline(self, intended):
        plan(intended, D(2025, 4, 8))
        application = intended.refresh()
        assert application.hearing_planned_on == D(2025, 4, 8)
        event = application.events.latest("id")
        assert event.what == "hearing_planned" and event.detail["hearing_on"] == "2025-04-08"

    def test_on_the_day_of_the_intended_refusal_is_allowed_the_day_before_is_not(self, intended):
        with pytest.raises(ValidationError) as error:
            plan(intended, INTENDED - datetime.timedelta(days=1))
        assert "hearing_on" in error.value.message_dict
        assert intended.refresh().hearing_planned_on is None
        plan(intended, INTENDED)
        assert intended.refresh().hearing_planned_on == INTENDED

    def test_a_date_in_the_future_may_be_planned(self, intended):
        future = timezone.localdate() + datetime.timedelta(days=14)
        plan(intended, future)
        assert intended.refresh().hearing_planned_on == future

    def test_no_hearing_before_an_intended_refusal(self, dossier):
        dossier.submit().complete().assign().advise(0, "refuse").advise(1, "refuse")
        with pytest.raises(ValidationError):
            plan(dossier, D(2025, 4, 8))

    def test_a_held_hearing_cannot_be_moved(self, intended):
        intended.hear(on=D(2025, 4, 8))
        with pytest.raises(ValidationError):
            plan(intended, D(2025, 4, 20))


class HearingReportTests:
    def test_a_held_hearing_names_who_attended_and_its_outcome(self, intended):
        with pytest.raises(ValidationError) as error:
            services.hearing_record(
                application_id=intended.pk,
                held=True,
                attendees=" ",
                outcome="",
                date=D(2025, 4, 8),
                context=ctx(intended.world["secretariat"]),
            )
        assert set(error.value.message_dict) == {"attendees", "outcome"}
        assert intended.refresh().hearing_held_on is None

    def test_parents_who_decline_need_no_report(self, intended):
        intended.hear(on=D(2025, 4, 8), held=False)
        application = intended.refresh()
        assert application.hearing_declined and application.hearing_held_on is None
        assert application.events.latest("id").what == "hearing_declined"

    def test_not_before_the_intended_refusal(self, intended):
        with pytest.raises(ValidationError):
            intended.hear(on=INTENDED - datetime.timedelta(days=1))

    def test_recorded_once(self, intended):
        intended.hear(on=D(2025, 4, 8))
        with pytest.raises(ValidationError):
            intended.hear(on=D(2025, 4, 9))


class FinalDecisionTests:
    def test_no_final_refusal_before_the_hearing_is_recorded(self, intended):
        with pytest.raises(ValidationError) as error:
            intended.decide("refused", on=D(2025, 4, 10))
        assert "outcome" in error.value.message_dict
        assert intended.refresh().status == Status.REFUSAL_INTENDED

    def test_not_granted_after_all_before_the_hearing_either(self, dossier):
        dossier.submit().complete().assign().advise(0).advise(1)
        dossier.decide("refusal_intended", on=INTENDED)
        with pytest.raises(ValidationError):
            dossier.decide("granted", on=D(2025, 4, 10))
        dossier.hear(on=D(2025, 4, 8)).decide("granted", on=D(2025, 4, 10))
        assert dossier.refresh().status == Status.GRANTED

    def test_the_day_before_the_hearing_is_refused_the_day_itself_is_allowed(self, intended):
        intended.hear(on=D(2025, 4, 8))
        with pytest.raises(ValidationError):
            intended.decide("refused", on=D(2025, 4, 7))
        intended.decide("refused", on=D(2025, 4, 8))
        assert intended.refresh().status == Status.REFUSED

    def test_after_the_parents_declined_the_final_decision_may_follow(self, intended):
        intended.hear(on=D(2025, 4, 8), held=False).decide("refused", on=D(2025, 4, 10))
        assert intended.refresh().status == Status.REFUSED

    def test_the_letter_names_the_day_of_the_hearing(self, intended):
        intended.hear(on=D(2025, 4, 8)).decide("refused", on=D(2025, 4, 10))
        assert letters.letter_context(intended.refresh())["hearing_on"] == D(2025, 4, 8)


class HearingPermissionTests:
    @pytest.mark.parametrize(("who", "error"), [("school", PermissionDenied), ("other_swv", Http404)])
    def test_school_and_other_swv_cannot_record_and_are_audited(self, intended, who, error):
        user = {
            "school": lambda: intended.world["school_user"],
            "other_swv": lambda: user_with_role(Role.SECRETARIAT, swv=SwvFactory(code="elders")),
        }[who]()
        with pytest.raises(error):
            services.hearing_record(application_id=intended.pk, held=False, date=D(2025, 4, 8), context=ctx(user))
        assert AuditEvent.objects.filter(user_id=user.pk, outcome="denied").exists()
        assert not intended.refresh().hearing_declined


class HearingApiAndPageTests:
    def test_api_plans_and_records_the_hearing(self, intended, api_client_for):
        client = api_client_for(intended.world["secretariat"])
        base = f"/api/v1/applications/{intended.pk}"
        response = client.post(f"{base}/hearing/", {"hearing_on": "2025-04-08", "date": "2025-04-02"}, format="json")
        assert response.status_code == 200 and response.json()["hearing_planned_on"] == "2025-04-08"
        bad = client.post(f"{base}/hearing-report/", {"held": True, "date": "2025-04-08"}, format="json")
        assert bad.status_code == 400 and intended.refresh().hearing_held_on is None
        body = {"held": True, "attendees": "Ouders", "outcome": "Toegelicht", "date": "2025-04-08"}
        response = client.post(f"{base}/hearing-report/", body, format="json")
        assert response.status_code == 200 and response.json()["hearing_held_on"] == "2025-04-08"

    def test_api_denies_the_school(self, intended, api_client_for):
        client = api_client_for(intended.world["school_user"])
        response = client.post(f"/api/v1/applications/{intended.pk}/hearing/", {"hearing_on": "2025-04-08"})
        assert response.status_code == 403

    def test_the_dossier_page_shows_the_hearing_and_the_timeline(self, intended, client):
        plan(intended, D(2025, 4, 8))
        intended.hear(on=D(2025, 4, 8))
        client.force_login(intended.world["manager"])
        page = client.get(reverse("referrals:application_detail", args=[intended.pk])).content.decode()
        assert "Gesprek met school en ouders" in page
        assert "8 april 2025" in page and "Ouders lichtten hun zienswijze toe" in page

    def test_a_report_without_attendees_keeps_what_was_typed(self, intended, client):
        client.force_login(intended.world["secretariat"])
        data = {"held": "1", "attendees": "", "outcome": "Wat ik typte", "date": "2025-04-08"}
        response = client.post(reverse("referrals:hearing_record", args=[intended.pk]), data)
        assert response.status_code == 400
        assert "Wat ik typte" in response.content.decode()
        assert intended.refresh().hearing_held_on is None


def test_retention_removes_the_hearing_report_with_the_documents(dossier):
    dossier.submit().complete().assign().advise(0).advise(1)
    dossier.decide("refusal_intended", on=INTENDED)
    dossier.hear(on=D(2025, 4, 8)).decide("granted", on=D(2025, 4, 10))
    retention.retention_apply(today=D(2028, 4, 10), context=AuditContext(purpose="test"))
    application = dossier.refresh()
    assert application.documents_destroyed_on == D(2028, 4, 10)
    assert application.hearing_attendees == "" and application.hearing_outcome == ""
