"""The admission pages for signed-in roles: the list with the next statutory date in words,
the detail with its timeline, a step with its confirmation, and the denied cases."""

import datetime

import pytest
from django.test import Client

from dekkend.admissions import services
from dekkend.admissions.models import Admission
from dekkend.audit.models import AuditEvent

from .conftest import REGISTERED, ctx


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admission(world):
    pupil = world["pupil"]
    return services.admission_register(
        school_id=world["regular"].pk,
        pupil_number=pupil.pupil_number,
        birth_date=pupil.birth_date,
        date=REGISTERED,
        context=ctx(world["regular_user"]),
    )


class AdmissionPageTests:
    def test_the_list_says_overdue_in_words_and_is_audited(self, world, admission):
        response = client_for(world["regular_user"]).get("/aanmelding/")
        assert response.status_code == 200
        content = response.content.decode()
        assert world["pupil"].last_name in content
        assert "dagen te laat" in content
        event = AuditEvent.objects.filter(object_type="admission", action="search").latest("id")
        assert event.detail["pupil_ids"] == [world["pupil"].pk]

    def test_the_menu_shows_registrations(self, world, admission):
        content = client_for(world["secretariat"]).get("/aanmelding/").content.decode()
        assert 'href="/aanmelding/"' in content

    def test_the_detail_shows_the_timeline_and_the_right_to_temporary_placement(self, world, admission):
        content = client_for(world["regular_user"]).get(f"/aanmelding/{admission.pk}/").content.decode()
        assert "Tijdlijn" in content
        assert "recht op een tijdelijke plaatsing" in content

    def test_another_school_gets_404_and_the_attempt_is_audited(self, world, admission):
        response = client_for(world["special_user"]).get(f"/aanmelding/{admission.pk}/")
        assert response.status_code == 404
        assert AuditEvent.objects.filter(object_type="admission", outcome="denied").exists()

    def test_a_role_without_the_action_gets_403(self, world):
        assert client_for(world["policy"]).get("/aanmelding/").status_code == 403

    def test_the_decision_needs_confirmation_and_keeps_what_was_typed(self, world, admission):
        client = client_for(world["regular_user"])
        url = f"/aanmelding/{admission.pk}/besluit/"
        data = {"outcome": "refused", "motivation": "Geen passend aanbod hier.", "date": "2025-04-01"}
        response = client.post(url, data)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Bevestig deze stap" in content
        assert "Geen passend aanbod hier." in content
        response = client.post(url, {**data, "confirm": "on"})
        assert "noem de school die wel een passende plek biedt" in response.content.decode()
        admission.refresh_from_db()
        assert admission.status == Admission.Status.REGISTERED
        response = client.post(url, {**data, "confirm": "on", "offer_school": world["special"].pk})
        assert response.status_code == 302
        admission.refresh_from_db()
        assert admission.status == Admission.Status.REFUSED

    def test_a_pupil_is_registered_through_the_form(self, world):
        pupil = world["pupil"]
        response = client_for(world["regular_user"]).post(
            "/aanmelding/nieuw/",
            {
                "school": world["regular"].pk,
                "pupil_number": pupil.pupil_number,
                "birth_date": pupil.birth_date.isoformat(),
                "date": datetime.date(2025, 9, 1).isoformat(),
            },
        )
        assert response.status_code == 302
        assert Admission.objects.get().decision_due == datetime.date(2025, 10, 13)


class ObjectionAndTablePageTests:
    def test_the_secretariat_sees_objections_and_the_table(self, world):
        client = client_for(world["secretariat"])
        assert client.get("/aanmelding/bezwaren/").status_code == 200
        assert client.get("/aanmelding/plaatsingstafel/").status_code == 200
        assert client.get("/aanmelding/bezwaren/nieuw/").status_code == 200

    def test_a_school_does_not_see_objections_or_the_table(self, world):
        client = client_for(world["regular_user"])
        assert client.get("/aanmelding/bezwaren/").status_code == 403
        assert client.get("/aanmelding/plaatsingstafel/").status_code == 403


class ObjectionAndTableStepPageTests:
    @pytest.fixture
    def decided_tlv(self, world):
        from dekkend.referrals.tests.factories import ApplicationFactory

        return ApplicationFactory(
            pupil=world["pupil"], status="refused", outcome="refused", decided_on=datetime.date(2025, 4, 2)
        )

    def test_a_late_objection_is_registered_through_the_form_and_marked_late(self, world, decided_tlv):
        client = client_for(world["secretariat"])
        response = client.post(
            "/aanmelding/bezwaren/nieuw/",
            {
                "application": decided_tlv.pk,
                "objector": "parents",
                "grounds": "Wij zijn het niet eens.",
                "received_on": "2025-05-15",
            },
        )
        assert response.status_code == 302
        content = client.get(response["Location"]).content.decode()
        assert "Te laat: de bezwaartermijn eindigde op 14 mei 2025" in content

    def test_the_decision_on_an_objection_asks_for_confirmation_and_a_hearing(self, world, decided_tlv):
        objection = services.objection_register(
            application_id=decided_tlv.pk,
            objector="parents",
            grounds="x",
            received_on=datetime.date(2025, 5, 1),
            context=ctx(world["secretariat"]),
        )
        client = client_for(world["manager"])
        url = f"/aanmelding/bezwaren/{objection.pk}/besluit/"
        data = {"outcome": "ongegrond", "motivation": "Blijft.", "date": "2025-06-01", "confirm": "on"}
        content = client.post(url, data).content.decode()
        assert "eerst worden gehoord" in content
        assert client_for(world["secretariat"]).get(url).status_code == 403

    def test_a_registration_is_put_on_the_table_from_its_page(self, world, admission):
        client = client_for(world["secretariat"])
        assert f"?aanmelding={admission.pk}" in client.get(f"/aanmelding/{admission.pk}/").content.decode()
        response = client.post(
            "/aanmelding/plaatsingstafel/nieuw/",
            {
                "admission": admission.pk,
                "reason": "no_fitting_place",
                "parties": "Scholen en ouders",
                "date": "2025-05-01",
            },
        )
        assert response.status_code == 302
        case_url = response["Location"]
        response = client.post(
            case_url + "uitkomst/",
            {"outcome": "Afgesproken", "by_doorzettingsmacht": "on", "date": "2025-05-10", "confirm": "on"},
        )
        assert "Alleen de manager Toeleiding" in response.content.decode()
