"""The complaints API: the SWV office sees and handles its own SWV's complaints (keyset pages,
every read audited with the pupils it names); schools, boards, policy and partners get 403, the
office of another SWV 404."""

import datetime

import pytest
from django.utils import timezone

from dekkend.audit.models import AuditEvent
from dekkend.complaints.models import Complaint

from .factories import ComplaintFactory

URL = "/api/v1/complaints/"


def last_event():
    return AuditEvent.objects.filter(object_type="complaint").latest("id")


class ListTests:
    def test_the_office_lists_its_own_swv_only_and_the_read_is_audited(self, world, api_client_for):
        own = ComplaintFactory(swv=world["swv"], application=world["application"])
        ComplaintFactory(swv=world["other_swv"])

        response = api_client_for(world["secretariat"]).get(URL)

        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == [own.pk]
        event = last_event()
        assert (event.action, event.outcome) == ("search", "success")
        assert event.detail["ids"] == [own.pk] and event.detail["pupil_ids"] == [world["pupil"].pk]

    @pytest.mark.parametrize("role", ["school_user", "board", "policy", "partner"])
    def test_other_roles_get_403_and_the_attempt_is_audited(self, world, api_client_for, role):
        ComplaintFactory(swv=world["swv"])
        response = api_client_for(world[role]).get(URL)
        assert response.status_code == 403
        assert last_event().outcome == "denied"

    def test_keyset_pages(self, world, api_client_for):
        ComplaintFactory.create_batch(3, swv=world["swv"])
        client = api_client_for(world["manager"])
        first = client.get(URL, {"page_size": 2}).json()
        assert len(first["results"]) == 2 and first["next"]
        second = client.get(first["next"]).json()
        assert len(second["results"]) == 1 and second["next"] is None
        ids = [row["id"] for row in first["results"] + second["results"]]
        assert len(set(ids)) == 3

    def test_filters(self, world, api_client_for):
        open_one = ComplaintFactory(swv=world["swv"], procedure=Complaint.Procedure.STEUNPUNT)
        ComplaintFactory(swv=world["swv"], closed=True)
        ComplaintFactory(swv=world["swv"], received_on=datetime.date(2024, 5, 1))
        client = api_client_for(world["secretariat"])
        assert [r["id"] for r in client.get(URL, {"procedure": "steunpunt"}).json()["results"]] == [open_one.pk]
        assert len(client.get(URL, {"status": "open"}).json()["results"]) == 2
        assert len(client.get(URL, {"year": 2024}).json()["results"]) == 1
        response = client.get(URL, {"status": "lost"})
        assert response.status_code == 400 and "status" in response.json()


class CreateAndReadTests:
    def test_create_then_read(self, world, api_client_for):
        client = api_client_for(world["secretariat"])
        response = client.post(
            URL,
            {
                "complainant": "school",
                "procedure": "toeleiding",
                "application": world["application"].pk,
                "summary": "Geen bericht over de onvolledige aanvraag.",
                "handler": world["manager"].pk,
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert (body["school"]["id"], body["pupil"]) == (world["school"].pk, world["pupil"].pk)
        assert body["status"] == "received"

        detail = client.get(f"{URL}{body['id']}/")
        assert detail.status_code == 200 and detail.json()["handler"] == world["manager"].pk
        assert (last_event().action, last_event().pupil_id) == ("read", world["pupil"].pk)

    def test_bad_input_is_400_in_dutch(self, world, api_client_for):
        client = api_client_for(world["secretariat"])
        response = client.post(
            URL,
            {"complainant": "parents", "procedure": "toeleiding", "summary": "x", "school": world["other_school"].pk},
            format="json",
        )
        assert response.status_code == 400
        assert "samenwerkingsverband" in str(response.json()["school"])
        assert not Complaint.objects.exists()

    def test_a_school_cannot_create(self, world, api_client_for):
        response = api_client_for(world["school_user"]).post(
            URL, {"complainant": "parents", "procedure": "other", "summary": "x"}, format="json"
        )
        assert response.status_code == 403
        assert not Complaint.objects.exists()

    def test_another_swv_gets_404_and_a_denied_audit_row(self, world, api_client_for):
        complaint = ComplaintFactory(swv=world["swv"], summary="Vertrouwelijke samenvatting")
        response = api_client_for(world["other_secretariat"]).get(f"{URL}{complaint.pk}/")
        assert response.status_code == 404
        assert "Vertrouwelijke" not in response.content.decode()
        assert last_event().outcome == "denied"

    def test_a_huge_id_is_404(self, world, api_client_for):
        assert api_client_for(world["secretariat"]).get(f"{URL}{2**70}/").status_code == 404


class HandleTests:
    def test_acknowledge_then_close(self, world, api_client_for):
        complaint = ComplaintFactory(swv=world["swv"], received_on=timezone.localdate() - datetime.timedelta(days=9))
        client = api_client_for(world["manager"])
        url = f"{URL}{complaint.pk}/handle/"

        acknowledged = client.post(url, {"acknowledged_on": str(complaint.received_on)}, format="json")
        assert acknowledged.status_code == 200 and acknowledged.json()["status"] == "acknowledged"

        closed = client.post(
            url, {"close": True, "outcome": "deels_gegrond", "explanation": "Afspraken gemaakt."}, format="json"
        )
        assert closed.status_code == 200
        assert (closed.json()["status"], closed.json()["outcome"], closed.json()["days_open"]) == (
            "closed",
            "deels_gegrond",
            9,
        )
        again = client.post(url, {"acknowledged_on": str(complaint.received_on)}, format="json")
        assert again.status_code == 400

    def test_the_handler_can_be_removed_with_null(self, world, api_client_for):
        complaint = ComplaintFactory(swv=world["swv"], handler=world["manager"])
        response = api_client_for(world["secretariat"]).post(
            f"{URL}{complaint.pk}/handle/", {"handler": None}, format="json"
        )
        assert response.status_code == 200 and response.json()["handler"] is None

    def test_another_swv_gets_404_and_a_school_403(self, world, api_client_for):
        complaint = ComplaintFactory(swv=world["swv"])
        url = f"{URL}{complaint.pk}/handle/"
        body = {"acknowledged_on": str(complaint.received_on)}
        assert api_client_for(world["other_secretariat"]).post(url, body, format="json").status_code == 404
        assert api_client_for(world["school_user"]).post(url, body, format="json").status_code == 403
        complaint.refresh_from_db()
        assert complaint.status == Complaint.Status.RECEIVED
