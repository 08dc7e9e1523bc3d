"""The admissions, objections and plaatsingstafel API: who may do what (403 for a role without
the action, 404 out of scope, both audited), Dutch 400s for steps out of order and bad dates."""

import datetime

import pytest

from dekkend.admissions import services
from dekkend.admissions.models import Admission, Objection, TableCase
from dekkend.audit.models import AuditEvent
from dekkend.referrals.tests.factories import ApplicationFactory

from .conftest import REGISTERED, ctx

D = datetime.date


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


@pytest.fixture
def decided_tlv(world):
    return ApplicationFactory(
        pupil=world["pupil"], status="refused", outcome="refused", decided_on=D(2025, 4, 2), motivation="x"
    )


class AdmissionApiTests:
    def test_a_school_registers_by_pupil_number_and_date_of_birth(self, world, api_client_for):
        pupil = world["pupil"]
        response = api_client_for(world["regular_user"]).post(
            "/api/v1/admissions/",
            {
                "school": world["regular"].pk,
                "pupil_number": pupil.pupil_number,
                "birth_date": pupil.birth_date.isoformat(),
                "date": REGISTERED.isoformat(),
            },
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["decision_due"] == "2025-04-14"
        assert body["final_due"] == "2025-05-12"
        assert body["next_deadline"]["in_words"].endswith("te laat")

    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("regular_user", {True}),
            ("secretariat", {True}),
            ("manager", {True}),
            ("special_user", set()),
            ("board", set()),
            ("other_secretariat", set()),
        ],
    )
    def test_the_list_shows_only_the_admissions_in_scope(self, world, admission, api_client_for, role, expected):
        before = AuditEvent.objects.count()
        response = api_client_for(world[role]).get("/api/v1/admissions/")
        assert response.status_code == 200
        assert {row["id"] == admission.pk for row in response.json()["results"]} == expected
        event = AuditEvent.objects.order_by("-id").first()
        assert AuditEvent.objects.count() == before + 1
        assert event.object_type == "admission" and event.action == "search"
        assert event.detail["pupil_ids"] == ([admission.pupil_id] if expected else [])

    @pytest.mark.parametrize("role", ["policy"])
    def test_a_role_without_the_action_gets_403_and_is_audited(self, world, api_client_for, role):
        response = api_client_for(world[role]).get("/api/v1/admissions/")
        assert response.status_code == 403
        assert AuditEvent.objects.filter(object_type="admission", outcome="denied").exists()

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("regular_user", 200),
            ("secretariat", 200),
            ("special_user", 404),
            ("other_secretariat", 404),
            ("policy", 403),
        ],
    )
    def test_the_detail_per_role(self, world, admission, api_client_for, role, status):
        response = api_client_for(world[role]).get(f"/api/v1/admissions/{admission.pk}/")
        assert response.status_code == status
        outcome = "success" if status == 200 else "denied"
        assert AuditEvent.objects.filter(
            object_type="admission",
            object_id=str(admission.pk),
            outcome=outcome,
        ).exists()

    def test_only_the_school_of_registration_takes_the_steps(self, world, admission, api_client_for):
        url = f"/api/v1/admissions/{admission.pk}/decide/"
        data = {"outcome": "placed", "date": "2025-04-01"}
        assert api_client_for(world["secretariat"]).post(url, data).status_code == 403
        assert api_client_for(world["special_user"]).post(url, data).status_code == 404
        response = api_client_for(world["regular_user"]).post(url, data)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "admitted"

    def test_an_extension_after_six_weeks_is_a_dutch_400_and_changes_nothing(self, world, admission, api_client_for):
        response = api_client_for(world["regular_user"]).post(
            f"/api/v1/admissions/{admission.pk}/extend/",
            {"reason": "Onderzoek", "parents_notified_on": "2025-04-10", "date": "2025-04-15"},
        )
        assert response.status_code == 400
        assert "verlenging" in response.json()["date"][0]
        admission.refresh_from_db()
        assert admission.extended_to is None

    def test_placing_before_the_decision_is_a_dutch_400(self, world, admission, api_client_for):
        response = api_client_for(world["regular_user"]).post(
            f"/api/v1/admissions/{admission.pk}/place/", {"placement_date": "2025-04-01"}
        )
        assert response.status_code == 400
        assert "niet mogelijk" in str(response.json())

    def test_a_future_date_is_a_dutch_400(self, world, admission, api_client_for):
        response = api_client_for(world["regular_user"]).post(
            f"/api/v1/admissions/{admission.pk}/decide/", {"outcome": "placed", "date": "2999-01-01"}
        )
        assert response.status_code == 400
        assert "toekomst" in response.json()["date"][0]

    def test_decide_place_and_handover_through_the_api(self, world, admission, api_client_for):
        client = api_client_for(world["regular_user"])
        assert (
            client.post(
                f"/api/v1/admissions/{admission.pk}/decide/", {"outcome": "placed", "date": "2025-04-01"}
            ).status_code
            == 200
        )
        response = client.post(f"/api/v1/admissions/{admission.pk}/place/", {"placement_date": "2025-04-22"})
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "placed"
        response = client.post(
            f"/api/v1/admissions/{admission.pk}/handover/",
            {
                "conversation_on": "2025-04-15",
                "parents_present": True,
                "goals": "Doelen",
                "parents_consent_documents": True,
                "documents_shared_on": "2025-04-15",
            },
            format="json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["handover_missing"] == []
        world["pupil"].refresh_from_db()
        assert world["pupil"].school_id == world["regular"].pk


class ObjectionApiTests:
    def test_a_late_objection_is_registered_and_flagged(self, world, decided_tlv, api_client_for):
        response = api_client_for(world["secretariat"]).post(
            "/api/v1/objections/",
            {
                "application": decided_tlv.pk,
                "objector": "parents",
                "grounds": "Niet eens.",
                "received_on": "2025-05-15",
            },
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["term_ends_on"] == "2025-05-14"
        assert body["is_late"] is True

    def test_an_objection_in_time_and_its_handling(self, world, decided_tlv, api_client_for):
        secretariat = api_client_for(world["secretariat"])
        response = secretariat.post(
            "/api/v1/objections/",
            {
                "application": decided_tlv.pk,
                "objector": "parents",
                "grounds": "Niet eens.",
                "received_on": "2025-05-14",
            },
        )
        assert response.json()["is_late"] is False
        assert response.json()["decision_due"] == "2025-06-25"
        pk = response.json()["id"]
        decide = {"outcome": "ongegrond", "motivation": "Besluit blijft.", "date": "2025-06-20"}
        assert secretariat.post(f"/api/v1/objections/{pk}/decide/", decide).status_code == 403
        manager = api_client_for(world["manager"])
        response = manager.post(f"/api/v1/objections/{pk}/decide/", decide)
        assert response.status_code == 400
        assert "hearing" in response.json()
        hearing = {"hearing_on": "2025-06-02", "notes": "Ouders lichtten bezwaar toe."}
        assert secretariat.post(f"/api/v1/objections/{pk}/hearing/", hearing).status_code == 200
        response = manager.post(f"/api/v1/objections/{pk}/decide/", decide)
        assert response.status_code == 200, response.content
        assert Objection.objects.get(pk=pk).outcome == "ongegrond"

    def test_no_objection_against_an_intended_refusal(self, world, api_client_for):
        intended = ApplicationFactory(pupil=world["pupil"], status="refusal_intended")
        response = api_client_for(world["secretariat"]).post(
            "/api/v1/objections/",
            {"application": intended.pk, "objector": "parents", "grounds": "x", "received_on": "2025-05-01"},
        )
        assert response.status_code == 400
        assert "voornemen" in response.json()["application"][0]

    @pytest.mark.parametrize(
        ("role", "status"), [("secretariat", 200), ("regular_user", 403), ("other_secretariat", 404)]
    )
    def test_objections_are_swv_business(self, world, decided_tlv, api_client_for, role, status):
        objection = services.objection_register(
            application_id=decided_tlv.pk,
            objector="parents",
            grounds="x",
            received_on=D(2025, 5, 1),
            context=ctx(world["secretariat"]),
        )
        assert api_client_for(world[role]).get(f"/api/v1/objections/{objection.pk}/").status_code == status
        listed = api_client_for(world[role]).get("/api/v1/objections/")
        if listed.status_code == 200:
            assert (objection.pk in [row["id"] for row in listed.json()["results"]]) is (status == 200)

    def test_postponed_once_and_committee_advice(self, world, decided_tlv, api_client_for):
        client = api_client_for(world["secretariat"])
        pk = client.post(
            "/api/v1/objections/",
            {
                "application": decided_tlv.pk,
                "objector": "school",
                "grounds": "x",
                "received_on": "2025-05-01",
                "advisory_committee": True,
            },
        ).json()["id"]
        assert Objection.objects.get(pk=pk).decision_due == D(2025, 8, 6)
        assert (
            client.post(
                f"/api/v1/objections/{pk}/extend/", {"weeks": 7, "reason": "x", "date": "2025-06-01"}
            ).status_code
            == 400
        )
        assert (
            client.post(
                f"/api/v1/objections/{pk}/extend/", {"weeks": 6, "reason": "x", "date": "2025-06-01"}
            ).status_code
            == 200
        )
        assert (
            client.post(
                f"/api/v1/objections/{pk}/extend/", {"weeks": 1, "reason": "x", "date": "2025-06-02"}
            ).status_code
            == 400
        )
        response = client.post(
            f"/api/v1/objections/{pk}/advice/",
            {"advice_outcome": "ongegrond", "advice": "Advies", "date": "2025-06-10"},
        )
        assert response.status_code == 200
        assert response.json()["advice_outcome"] == "ongegrond"


class PlacementTableApiTests:
    def test_a_case_is_tabled_and_decided_with_doorzettingsmacht_by_the_manager(
        self, world, admission, api_client_for
    ):
        secretariat = api_client_for(world["secretariat"])
        response = secretariat.post(
            "/api/v1/placement-table/",
            {"admission": admission.pk, "reason": "dispute", "parties": "Bestuur A, Bestuur B", "date": "2025-04-20"},
        )
        assert response.status_code == 400
        assert "boards_disagreed" in response.json()
        response = secretariat.post(
            "/api/v1/placement-table/",
            {
                "admission": admission.pk,
                "reason": "dispute",
                "boards_disagreed": True,
                "parties": "Bestuur A, Bestuur B",
                "date": "2025-04-20",
            },
        )
        assert response.status_code == 201, response.content
        pk = response.json()["id"]
        outcome = {
            "outcome": "SBO De Proef",
            "outcome_school": world["special"].pk,
            "by_doorzettingsmacht": True,
            "date": "2025-05-01",
        }
        assert secretariat.post(f"/api/v1/placement-table/{pk}/outcome/", outcome).status_code == 400
        response = api_client_for(world["manager"]).post(f"/api/v1/placement-table/{pk}/outcome/", outcome)
        assert response.status_code == 200, response.content
        assert TableCase.objects.get(pk=pk).status == "closed"

    @pytest.mark.parametrize(("role", "status"), [("regular_user", 403), ("board", 403), ("other_secretariat", 200)])
    def test_the_table_is_for_swv_staff(self, world, admission, api_client_for, role, status):
        response = api_client_for(world[role]).get("/api/v1/placement-table/")
        assert response.status_code == status
        if status == 200:
            assert response.json()["results"] == []

    def test_another_swv_cannot_table_our_admission(self, world, admission, api_client_for):
        response = api_client_for(world["other_secretariat"]).post(
            "/api/v1/placement-table/", {"admission": admission.pk, "reason": "no_fitting_place", "parties": "x"}
        )
        assert response.status_code == 404
        assert not TableCase.objects.exists()
        assert Admission.objects.count() == 1
