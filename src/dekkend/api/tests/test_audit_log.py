"""The privacy officer reads, exports and verifies the audit log through the API."""

import csv
import io

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.selectors import AUDIT_EXPORT_COLUMNS

EVENTS_URL = "/api/v1/audit-events/"
EXPORT_URL = "/api/v1/audit-events/export/"

pytestmark = pytest.mark.django_db


def results(client, **params) -> list[dict]:
    response = client.get(EVENTS_URL, {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


class TestEveryPupilReadIsVisibleToThePrivacyOfficer:
    def test_list_and_detail_allowed_and_denied(self, api_client_for, school_user, partner, privacy_officer, world):
        own = world["own"][0]
        api_client_for(school_user).get("/api/v1/pupils/")
        api_client_for(school_user).get(f"/api/v1/pupils/{own.pk}/")
        api_client_for(partner).get("/api/v1/pupils/")
        api_client_for(partner).get(f"/api/v1/pupils/{own.pk}/")

        rows = results(api_client_for(privacy_officer))
        seen = {(r["username"], r["action"], r["outcome"], r["pupil_id"]) for r in rows if r["object_type"] == "pupil"}
        assert (school_user.username, "search", "success", None) in seen
        assert (school_user.username, "read", "success", own.pk) in seen
        assert (partner.username, "search", "denied", None) in seen
        assert (partner.username, "read", "denied", own.pk) in seen
        listed = next(r for r in rows if r["username"] == school_user.username and r["action"] == "search")
        assert set(listed["detail"]["pupil_ids"]) == {p.pk for p in world["own"]}

    def test_filters_by_user_pupil_and_outcome(self, api_client_for, school_user, partner, privacy_officer, world):
        own = world["own"][0]
        api_client_for(school_user).get(f"/api/v1/pupils/{own.pk}/")
        api_client_for(partner).get(f"/api/v1/pupils/{own.pk}/")
        officer = api_client_for(privacy_officer)
        assert {r["username"] for r in results(officer, pupil=own.pk)} == {school_user.username, partner.username}
        assert {r["username"] for r in results(officer, pupil=own.pk, outcome="denied")} == {partner.username}
        assert {r["outcome"] for r in results(officer, username=school_user.username)} == {"success"}

    def test_emergency_filter_shows_the_reason(self, api_client_for, school_user, privacy_officer, world):
        pupil = world["neighbour_pupil"]
        reason = "Melding veilig thuis, overleg met de zorgcoördinator vandaag nodig."
        client = api_client_for(school_user)
        client.post(f"/api/v1/pupils/{pupil.pk}/emergency-access/", {"reason": reason})
        client.get(f"/api/v1/pupils/{pupil.pk}/")
        rows = results(api_client_for(privacy_officer), emergency="true")
        assert {(r["object_type"], r["reason"]) for r in rows} == {("emergency_access", reason), ("pupil", reason)}
        assert all(r["is_emergency"] for r in rows)

    def test_an_end_date_before_the_start_is_a_400(self, api_client_for, privacy_officer):
        response = api_client_for(privacy_officer).get(
            EVENTS_URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"}
        )
        assert response.status_code == 400
        assert "date_to" in response.json()


class TestReadingTheLogIsLogged:
    def test_a_search_of_the_log_leaves_its_own_row(self, api_client_for, privacy_officer):
        api_client_for(privacy_officer).get(EVENTS_URL, {"username": "iemand"})
        event = AuditEvent.objects.latest("id")
        assert (event.object_type, event.action, event.outcome) == ("audit_log", "search", "success")
        assert event.detail["criteria"] == {"username": "iemand"}

    @pytest.mark.parametrize("role", [Role.SCHOOL, Role.PARTNER, Role.ADMIN])
    def test_other_roles_get_403_and_a_denied_row(self, api_client_for, world, role):
        user = (
            user_with_role(role, school=world["school"])
            if role == Role.SCHOOL
            else user_with_role(role, swv=world["swv"])
        )
        assert api_client_for(user).get(EVENTS_URL).status_code == 403
        event = AuditEvent.objects.latest("id")
        assert (event.object_type, event.outcome, event.username) == ("audit_log", "denied", user.username)


class TestOtherSwvsLogIsNotShown:
    def test_the_officer_sees_nothing_of_another_swv(self, api_client_for, privacy_officer, world):
        stranger = user_with_role(Role.SECRETARIAT, swv=world["other_swv"])
        api_client_for(stranger).get(f"/api/v1/pupils/{world['other_swv_pupil'].pk}/")
        rows = results(api_client_for(privacy_officer))
        assert stranger.username not in {r["username"] for r in rows}


class TestCsvExport:
    def test_header_row_and_only_own_swv_rows(self, api_client_for, school_user, privacy_officer, world):
        stranger = user_with_role(Role.SECRETARIAT, swv=world["other_swv"])
        api_client_for(stranger).get(f"/api/v1/pupils/{world['other_swv_pupil'].pk}/")
        api_client_for(school_user).get(f"/api/v1/pupils/{world['own'][0].pk}/")

        response = api_client_for(privacy_officer).get(EXPORT_URL)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = read_csv(response)
        assert rows[0] == list(AUDIT_EXPORT_COLUMNS)
        usernames = {row[AUDIT_EXPORT_COLUMNS.index("username")] for row in rows[1:]}
        assert school_user.username in usernames
        assert stranger.username not in usernames

    def test_the_export_is_itself_logged(self, api_client_for, privacy_officer):
        api_client_for(privacy_officer).get(EXPORT_URL)
        event = AuditEvent.objects.latest("id")
        assert (event.object_type, event.action, event.outcome) == ("audit_log", "export", "success")

    def test_a_typed_formula_is_not_run_by_a_spreadsheet(self, api_client_for, school_user, privacy_officer, world):
        reason = '=HYPERLINK("http://example.invalid") spoed, ouders aan de lijn'
        api_client_for(school_user).post(
            f"/api/v1/pupils/{world['neighbour_pupil'].pk}/emergency-access/", {"reason": reason}
        )
        rows = read_csv(api_client_for(privacy_officer).get(EXPORT_URL, {"emergency": "true"}))
        assert rows[1][AUDIT_EXPORT_COLUMNS.index("reason")] == f"'{reason}"

    def test_a_partner_gets_403(self, api_client_for, partner):
        assert api_client_for(partner).get(EXPORT_URL).status_code == 403


class TestVerifyChain:
    def test_the_officer_gets_the_report(self, api_client_for, school_user, privacy_officer, world):
        api_client_for(school_user).get("/api/v1/pupils/")
        response = api_client_for(privacy_officer).post("/api/v1/audit-events/verify/")
        assert response.status_code == 200
        body = response.json()
        assert body["ok"] is True
        assert body["checked"] >= 1

    def test_a_school_user_gets_403(self, api_client_for, school_user):
        assert api_client_for(school_user).post("/api/v1/audit-events/verify/").status_code == 403
