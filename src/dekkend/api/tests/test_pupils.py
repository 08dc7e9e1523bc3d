"""Pupil records through the API: scope, denial, emergency access and the audit trail."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import ProvisionFactory
from dekkend.pupils.models import Placement
from dekkend.pupils.tests.factories import PlacementFactory, PupilFactory

LIST_URL = "/api/v1/pupils/"

pytestmark = pytest.mark.django_db


def detail_url(pupil) -> str:
    return f"/api/v1/pupils/{pupil.pk}/"


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


class TestPupilListScope:
    def test_a_school_user_lists_only_its_own_schools_pupils(self, api_client_for, school_user, world):
        response = api_client_for(school_user).get(LIST_URL)
        assert response.status_code == 200
        assert ids(response) == {p.pk for p in world["own"]}

    def test_search_narrows_within_the_scope(self, api_client_for, school_user, world):
        wanted = world["own"][0]
        response = api_client_for(school_user).get(LIST_URL, {"search": wanted.last_name})
        assert ids(response) == {wanted.pk}

    def test_searching_for_a_pupil_outside_the_scope_finds_nothing(self, api_client_for, school_user, world):
        response = api_client_for(school_user).get(LIST_URL, {"search": world["neighbour_pupil"].last_name})
        assert response.status_code == 200
        assert response.json()["results"] == []

    def test_swv_staff_list_their_whole_swv_only(self, api_client_for, world):
        secretariat = user_with_role(Role.SECRETARIAT, swv=world["swv"])
        response = api_client_for(secretariat).get(LIST_URL, {"page_size": 200})
        assert ids(response) == {*(p.pk for p in world["own"]), world["neighbour_pupil"].pk}

    def test_a_bad_filter_is_a_400_in_dutch(self, api_client_for, school_user):
        response = api_client_for(school_user).get(LIST_URL, {"school": "abc"})
        assert response.status_code == 400
        assert response.json()["school"] == ["Een geldig getal is vereist."]

    def test_pages_follow_the_cursor(self, api_client_for, school_user, world):
        client = api_client_for(school_user)
        first = client.get(LIST_URL, {"page_size": 1}).json()
        assert len(first["results"]) == 1
        second = client.get(first["next"]).json()
        assert {first["results"][0]["id"], second["results"][0]["id"]} == {p.pk for p in world["own"]}
        assert second["next"] is None

    def test_one_audit_event_per_request_names_the_pupils_on_the_page(self, api_client_for, school_user, world):
        before = AuditEvent.objects.count()
        api_client_for(school_user).get(LIST_URL, {"page_size": 1})
        assert AuditEvent.objects.count() == before + 1
        event = AuditEvent.objects.latest("id")
        assert (event.action, event.outcome, event.username) == ("search", "success", school_user.username)
        assert len(event.detail["pupil_ids"]) == 1
        assert event.detail["pupil_ids"][0] in {p.pk for p in world["own"]}


class TestPartnerGetsNoPupils:
    def test_list_is_403_and_audited_as_denied(self, api_client_for, partner):
        response = api_client_for(partner).get(LIST_URL, {"search": "Noor"})
        assert response.status_code == 403
        assert response.json()["detail"] == "Uw rol geeft geen toestemming hiervoor."
        event = AuditEvent.objects.latest("id")
        assert (event.action, event.outcome, event.username) == ("search", "denied", partner.username)
        assert event.detail["criteria"] == {"search": "Noor"}

    def test_detail_is_403_and_audited_as_denied(self, api_client_for, partner, world):
        pupil = world["own"][0]
        response = api_client_for(partner).get(detail_url(pupil))
        assert response.status_code == 403
        event = AuditEvent.objects.latest("id")
        assert (event.action, event.outcome, event.pupil_id) == ("read", "denied", pupil.pk)


class TestPupilDetail:
    def test_own_pupil_with_placement_history(self, api_client_for, school_user, world):
        pupil = world["own"][0]
        PlacementFactory(pupil=pupil)
        provision = ProvisionFactory(swv=world["swv"])
        PlacementFactory(pupil=pupil, school=None, provision=provision, reason=Placement.Reason.TLV)
        response = api_client_for(school_user).get(detail_url(pupil))
        assert response.status_code == 200
        body = response.json()
        assert body["pupil_number"] == pupil.pupil_number
        assert [p["reason"] for p in body["placements"]] == ["enrolment", "tlv"]
        assert body["placements"][1]["provision"]["name"] == provision.name
        event = AuditEvent.objects.latest("id")
        assert (event.action, event.outcome, event.access_basis) == ("read", "success", "scope")

    def test_a_pupil_of_another_swv_is_404(self, api_client_for, school_user, world):
        response = api_client_for(school_user).get(detail_url(world["other_swv_pupil"]))
        assert response.status_code == 404
        assert response.json()["detail"] == "Niet gevonden."

    def test_a_pupil_at_another_school_is_404_and_audited(self, api_client_for, school_user, world):
        pupil = world["neighbour_pupil"]
        assert api_client_for(school_user).get(detail_url(pupil)).status_code == 404
        event = AuditEvent.objects.latest("id")
        assert (event.outcome, event.pupil_id) == ("denied", pupil.pk)

    def test_an_unknown_pupil_is_404(self, api_client_for, school_user):
        assert api_client_for(school_user).get("/api/v1/pupils/999999/").status_code == 404


class TestEmergencyAccess:
    REASON = "Acute zorgmelding, ouders vragen om direct overleg met de IB'er."

    def test_break_the_glass_then_read_is_flagged_in_the_audit_log(self, api_client_for, school_user, world):
        pupil = world["neighbour_pupil"]
        client = api_client_for(school_user)
        assert client.get(detail_url(pupil)).status_code == 404

        granted = client.post(f"{detail_url(pupil)}emergency-access/", {"reason": self.REASON})
        assert granted.status_code == 201
        assert granted.json()["expires_at"]

        assert client.get(detail_url(pupil)).status_code == 200
        read = AuditEvent.objects.filter(pupil_id=pupil.pk, action="read", outcome="success").get()
        assert read.is_emergency
        assert read.reason == self.REASON

    def test_a_short_reason_is_a_400_on_the_field(self, api_client_for, school_user, world):
        response = api_client_for(school_user).post(
            f"{detail_url(world['neighbour_pupil'])}emergency-access/", {"reason": "even kijken"}
        )
        assert response.status_code == 400
        assert "reason" in response.json()

    def test_a_missing_reason_is_a_400_in_dutch(self, api_client_for, school_user, world):
        response = api_client_for(school_user).post(f"{detail_url(world['neighbour_pupil'])}emergency-access/", {})
        assert response.status_code == 400
        assert response.json()["reason"] == ["Dit veld is vereist."]

    def test_not_for_a_pupil_of_another_swv(self, api_client_for, school_user, world):
        response = api_client_for(school_user).post(
            f"{detail_url(world['other_swv_pupil'])}emergency-access/", {"reason": self.REASON}
        )
        assert response.status_code == 403

    def test_not_for_a_partner(self, api_client_for, partner, world):
        response = api_client_for(partner).post(
            f"{detail_url(world['neighbour_pupil'])}emergency-access/", {"reason": self.REASON}
        )
        assert response.status_code == 403


class TestPupilListQueryCount:
    @pytest.mark.parametrize("page_size", [5, 50])
    def test_queries_do_not_grow_with_the_page(
        self, api_client_for, school_user, world, page_size, django_assert_max_num_queries
    ):
        PupilFactory.create_batch(60, school=world["school"])
        client = api_client_for(school_user)
        # token+user, roles, the user's grants, the page, and the audit row (begin, head, insert, update, commit)
        with django_assert_max_num_queries(9):
            response = client.get(LIST_URL, {"page_size": page_size})
        assert len(response.json()["results"]) == page_size
