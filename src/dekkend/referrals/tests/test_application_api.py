"""The applications API: scope per role (404 out of scope, 403 when the role lacks the
action), audited reads, Dutch 400s naming the field, and one TLV walked through."""

import datetime

import pytest
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory

from .conftest import Dossier
from .factories import ApplicationFactory, pdf_upload


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def scoped(tlv):
    """One application at the school, one at a neighbour school, one in another SWV."""
    neighbour = SchoolFactory(swv=tlv["swv"])
    other_school = SchoolFactory(swv=SwvFactory(code="elders"))
    return {
        "own": ApplicationFactory(pupil=tlv["pupil"]),
        "neighbour": ApplicationFactory(pupil=PupilFactory(school=neighbour)),
        "other_swv": ApplicationFactory(pupil=PupilFactory(school=other_school)),
    }


def user_for(role, tlv):
    if role == Role.SCHOOL:
        return tlv["school_user"]
    if role == "assigned_expert":
        return tlv["experts"][0].user
    if role == Role.ADMIN:
        return user_with_role(role)
    return user_with_role(role, swv=tlv["swv"])


DETAIL = {  # own school / other school in the SWV / other SWV
    Role.SCHOOL: (200, 404, 404),
    Role.SECRETARIAT: (200, 200, 404),
    Role.MANAGER: (200, 200, 404),
    Role.DIRECTOR: (200, 200, 404),
    Role.EXPERT: (404, 404, 404),
    "assigned_expert": (200, 404, 404),
    Role.POLICY: (403, 403, 403),
    Role.PARTNER: (403, 403, 403),
    Role.PRIVACY_OFFICER: (403, 403, 403),
    Role.ADMIN: (403, 403, 403),
}


class ScopeTests:
    @pytest.mark.parametrize("role", list(DETAIL))
    def test_detail_per_role_and_scope_with_one_audit_row(self, role, tlv, scoped, api_client_for):
        from dekkend.referrals.models import ExpertAssignment

        ExpertAssignment.objects.create(
            application=scoped["own"], expert=tlv["experts"][0], order=1, assigned_on=datetime.date(2025, 3, 1)
        )
        client = api_client_for(user_for(role, tlv))
        for target, expected in zip(("own", "neighbour", "other_swv"), DETAIL[role], strict=True):
            application = scoped[target]
            before = last_audit_id()
            response = client.get(f"/api/v1/applications/{application.pk}/")
            assert response.status_code == expected, (role, target)
            events = list(AuditEvent.objects.filter(id__gt=before))
            assert len(events) == 1 and events[0].object_type == "application"
            assert events[0].outcome == ("success" if expected == 200 else "denied")
            if expected == 200:
                assert events[0].pupil_id == application.pupil_id

    @pytest.mark.parametrize(
        ("role", "visible"),
        [(Role.SCHOOL, {"own"}), (Role.SECRETARIAT, {"own", "neighbour"}), (Role.EXPERT, set())],
    )
    def test_list_stays_in_scope(self, role, visible, tlv, scoped, api_client_for):
        response = api_client_for(user_for(role, tlv)).get("/api/v1/applications/")
        assert response.status_code == 200
        assert {row["id"] for row in response.json()["results"]} == {scoped[name].pk for name in visible}

    def test_list_refused_for_partner_and_audited(self, tlv, api_client_for):
        before = last_audit_id()
        assert api_client_for(user_for(Role.PARTNER, tlv)).get("/api/v1/applications/").status_code == 403
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied", object_type="application").count() == 1

    @pytest.mark.parametrize(
        ("role", "path", "body"),
        [
            (Role.SCHOOL, "decision", {"outcome": "granted", "motivation": "x"}),
            (Role.SCHOOL, "completeness", {"complete": True}),
            (Role.SECRETARIAT, "decision", {"outcome": "granted", "motivation": "x"}),
            (Role.MANAGER, "advice", {"recommendation": "grant", "motivation": "x"}),
            (Role.SECRETARIAT, "submit", {}),
        ],
    )
    def test_role_without_the_action_gets_403(self, role, path, body, tlv, scoped, api_client_for):
        before = last_audit_id()
        response = api_client_for(user_for(role, tlv)).post(
            f"/api/v1/applications/{scoped['own'].pk}/{path}/", body, format="json"
        )
        assert response.status_code == 403
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied").count() == 1

    def test_step_on_another_swv_is_404(self, tlv, scoped, api_client_for):
        client = api_client_for(tlv["secretariat"])
        response = client.post(
            f"/api/v1/applications/{scoped['other_swv'].pk}/completeness/", {"complete": False}, format="json"
        )
        assert response.status_code == 404

    def test_school_cannot_apply_for_another_school(self, tlv, scoped, api_client_for):
        other = scoped["neighbour"]
        response = api_client_for(tlv["school_user"]).post(
            "/api/v1/applications/",
            {"type": "tlv", "pupil": other.pupil_id, "school": other.school_id, "requested_provision_type": "sbo"},
            format="json",
        )
        assert response.status_code == 400 and "school" in response.json()


class BadInputTests:
    def test_unknown_type_names_the_field_in_dutch(self, tlv, api_client_for):
        response = api_client_for(tlv["school_user"]).post(
            "/api/v1/applications/",
            {"type": "vakantie", "pupil": tlv["pupil"].pk, "school": tlv["school"].pk},
            format="json",
        )
        assert response.status_code == 400
        assert "ongeldige keuze" in str(response.json()["type"])

    def test_step_out_of_order_is_400_and_changes_nothing(self, tlv, scoped, api_client_for):
        application = scoped["own"]
        response = api_client_for(tlv["secretariat"]).post(
            f"/api/v1/applications/{application.pk}/completeness/", {"complete": True}, format="json"
        )
        assert response.status_code == 400
        assert "Deze stap" in str(response.json())
        application.refresh_from_db()
        assert application.status == "draft"

    def test_extension_over_four_weeks_is_400(self, dossier, api_client_for):
        dossier.submit().complete()
        response = api_client_for(dossier.world["manager"]).post(
            f"/api/v1/applications/{dossier.pk}/extend/",
            {"weeks": 5, "reason": "Te veel dossiers.", "date": "2025-04-20"},
            format="json",
        )
        assert response.status_code == 400 and "weeks" in response.json()

    def test_renamed_executable_upload_is_400(self, dossier, api_client_for):
        upload = pdf_upload("opp.pdf", b"MZ" + b"\x00" * 100)
        response = api_client_for(dossier.world["school_user"]).post(
            f"/api/v1/applications/{dossier.pk}/documents/",
            {"file": upload, "kind": "opp", "document_date": "2025-02-01"},
            format="multipart",
        )
        assert response.status_code == 400 and "file" in response.json()


class WalkThroughTests:
    def test_one_tlv_from_application_to_decision(self, tlv, api_client_for):
        school = api_client_for(tlv["school_user"])
        response = school.post(
            "/api/v1/applications/",
            {
                "type": "tlv",
                "pupil": tlv["pupil"].pk,
                "school": tlv["school"].pk,
                "requested_provision_type": "so",
                "parent_consent": True,
                "parent_view": "Wij steunen de aanvraag.",
                "date": "2025-03-01",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        for kind in ("opp", "lvs"):
            response = school.post(
                f"/api/v1/applications/{pk}/documents/",
                {"file": pdf_upload(), "kind": kind, "document_date": "2025-02-01", "signed_by_parents": True},
                format="multipart",
            )
            assert response.status_code == 201, response.json()
        assert (
            school.post(f"/api/v1/applications/{pk}/submit/", {"date": "2025-03-10"}, format="json").status_code == 200
        )
        secretariat = api_client_for(tlv["secretariat"])
        response = secretariat.post(
            f"/api/v1/applications/{pk}/completeness/", {"complete": True, "date": "2025-03-17"}, format="json"
        )
        assert response.json()["decision_due"] == "2025-04-28"
        experts = [e.user_id for e in tlv["experts"][:2]]
        response = secretariat.post(
            f"/api/v1/applications/{pk}/experts/", {"experts": experts, "date": "2025-03-17"}, format="json"
        )
        assert response.status_code == 200, response.json()
        for index, triage in ((0, "bespreekdossier"), (1, "")):
            response = api_client_for(tlv["experts"][index].user).post(
                f"/api/v1/applications/{pk}/advice/",
                {
                    "recommendation": "grant",
                    "provision_type": "so",
                    "funding_category": 1,
                    "duration": "activerend",
                    "school_years": 2,
                    "triage": triage,
                    "motivation": "Synthetisch advies.",
                    "date": "2025-03-24",
                },
                format="json",
            )
            assert response.status_code == 200, response.json()
        manager = api_client_for(tlv["manager"])
        response = manager.post(
            f"/api/v1/applications/{pk}/decision/",
            {"outcome": "granted", "motivation": "Conform advies.", "date": "2025-04-01"},
            format="json",
        )
        assert response.status_code == 200, response.json()
        detail = manager.get(f"/api/v1/applications/{pk}/").json()
        assert detail["status"] == "granted" and detail["complete_on"] == "2025-03-17"
        assert (detail["valid_from"], detail["valid_until"]) == ("2025-04-01", "2026-07-31")
        assert detail["triage"] == "bespreekdossier" and detail["problems"] == []

    def test_schema_lists_the_application_routes(self, tlv, api_client_for):
        schema = api_client_for(tlv["manager"]).get("/api/v1/schema/").content.decode()
        assert "/api/v1/applications/{id}/decision/" in schema


def test_dossier_helper_is_synthetic(dossier):
    assert isinstance(dossier, Dossier) and dossier.world["pupil"].is_synthetic


def test_an_oversized_id_is_not_found(tlv, api_client_for):
    client = api_client_for(tlv["secretariat"])
    assert client.get(f"/api/v1/applications/{2**70}/").status_code == 404
    assert (
        client.post(f"/api/v1/applications/{2**70}/completeness/", {"complete": True}, format="json").status_code
        == 404
    )


class LetterApiTests:
    def decided(self, dossier):
        return dossier.submit().complete().assign().advise(0).advise(1).decide().refresh()

    def test_detail_links_the_letter_only_after_the_decision(self, dossier, api_client_for):
        client = api_client_for(dossier.world["school_user"])
        assert client.get(f"/api/v1/applications/{dossier.pk}/").json()["letter"] is None
        self.decided(dossier)
        link = client.get(f"/api/v1/applications/{dossier.pk}/").json()["letter"]
        assert link.endswith(f"/api/v1/applications/{dossier.pk}/letter/")

    def test_letter_is_a_pdf_naming_the_pupil_and_the_decision(self, dossier, api_client_for):
        from dekkend.core.tests.pdf import pdf_text

        application = self.decided(dossier)
        response = api_client_for(dossier.world["school_user"]).get(f"/api/v1/applications/{dossier.pk}/letter/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = " ".join(pdf_text(response.content).split())
        assert application.pupil.full_name in text and "krijgt een TLV" in text

    def test_letter_is_404_before_the_decision(self, dossier, api_client_for):
        dossier.submit()
        response = api_client_for(dossier.world["manager"]).get(f"/api/v1/applications/{dossier.pk}/letter/")
        assert response.status_code == 404

    @pytest.mark.parametrize(
        ("role", "expected"),
        [(Role.SCHOOL, 404), (Role.SECRETARIAT, 404), (Role.EXPERT, 404), (Role.PARTNER, 403), (Role.POLICY, 403)],
    )
    def test_letter_outside_scope_or_role_is_refused_and_audited(self, dossier, api_client_for, role, expected):
        self.decided(dossier)
        if role == Role.SCHOOL:
            user = user_with_role(role, school=SchoolFactory(swv=dossier.world["swv"]))
        elif role == Role.SECRETARIAT:
            user = user_with_role(role, swv=SwvFactory(code="elders"))
        else:
            user = user_with_role(role, swv=dossier.world["swv"])  # an expert not assigned to this dossier
        before = last_audit_id()
        response = api_client_for(user).get(f"/api/v1/applications/{dossier.pk}/letter/")
        assert response.status_code == expected
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied", object_type="application").count() == 1


class WorklistApiTests:
    def test_overdue_first_then_by_date_with_days_left(self, tlv, api_client_for):
        today = timezone.localdate()
        later = ApplicationFactory(
            pupil=PupilFactory(school=tlv["school"]),
            status="complete",
            decision_due=today + datetime.timedelta(days=9),
        )
        late = ApplicationFactory(
            pupil=PupilFactory(school=tlv["school"]), status="incomplete", documents_due=today - datetime.timedelta(1)
        )
        response = api_client_for(tlv["secretariat"]).get("/api/v1/applications/worklist/")
        assert response.status_code == 200
        rows = response.json()["results"]
        assert [row["id"] for row in rows] == [late.pk, later.pk]
        assert rows[0]["overdue"] is True and rows[0]["days_left"] == -1
        assert rows[1]["days_left"] == 9 and rows[1]["next_kind"] == "decision_due"

    def test_pages_by_key_without_repeats(self, tlv, api_client_for):
        today = timezone.localdate()
        made = [
            ApplicationFactory(
                pupil=PupilFactory(school=tlv["school"]), status="complete", decision_due=today + datetime.timedelta(n)
            )
            for n in range(3)
        ]
        client = api_client_for(tlv["secretariat"])
        first = client.get("/api/v1/applications/worklist/", {"page_size": 2}).json()
        second = client.get("/api/v1/applications/worklist/", {"page_size": 2, "after": first["next"]}).json()
        assert [r["id"] for r in first["results"] + second["results"]] == [a.pk for a in made]
        assert second["next"] is None

    def test_a_forged_cursor_is_a_dutch_400(self, tlv, api_client_for):
        response = api_client_for(tlv["secretariat"]).get(
            "/api/v1/applications/worklist/", {"after": "2025-01-01_99999999999999999999999"}
        )
        assert response.status_code == 400 and "after" in response.json()

    def test_school_sees_only_its_own_and_partner_is_refused_and_audited(self, tlv, scoped, api_client_for):
        rows = api_client_for(tlv["school_user"]).get("/api/v1/applications/worklist/").json()["results"]
        assert {row["id"] for row in rows} == {scoped["own"].pk}
        partner = user_with_role(Role.PARTNER, swv=tlv["swv"])
        before = last_audit_id()
        assert api_client_for(partner).get("/api/v1/applications/worklist/").status_code == 403
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied", object_type="application").count() == 1


class BudgetApiTests:
    """Onderwijsarrangement through the API: the type's fields, the coordinator's review, the
    decision for a period and the renewal at the follow-up."""

    def arrangement(self, tlv, api_client_for):
        school = api_client_for(tlv["school_user"])
        response = school.post(
            "/api/v1/applications/",
            {
                "type": "onderwijsarrangement",
                "pupil": tlv["pupil"].pk,
                "school": tlv["school"].pk,
                "parent_consent": True,
                "parent_view": "Wij steunen het arrangement.",
                "period_start": "2025-03-01",
                "period_end": "2026-07-31",
                "school_support_since": "2024-09-01",
                "date": "2025-02-20",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["period_end"] == "2026-07-31" and body["school_support_since"] == "2024-09-01"
        pk = body["id"]
        for kind in ("opp", "lvs"):
            school.post(
                f"/api/v1/applications/{pk}/documents/",
                {"file": pdf_upload(), "kind": kind, "document_date": "2025-02-01", "signed_by_parents": True},
                format="multipart",
            )
        school.post(f"/api/v1/applications/{pk}/submit/", {"date": "2025-03-01"}, format="json")
        api_client_for(tlv["secretariat"]).post(
            f"/api/v1/applications/{pk}/completeness/", {"complete": True, "date": "2025-03-01"}, format="json"
        )
        return pk

    def test_review_then_decision_then_renewal(self, tlv, api_client_for):
        pk = self.arrangement(tlv, api_client_for)
        manager = api_client_for(tlv["manager"])
        decision = {"outcome": "granted", "motivation": "Past goed.", "date": "2025-03-05"}
        response = manager.post(f"/api/v1/applications/{pk}/budget-decision/", decision, format="json")
        assert response.status_code == 400 and "coördinator" in str(response.json())
        response = api_client_for(tlv["secretariat"]).post(
            f"/api/v1/applications/{pk}/coordinator-review/",
            {"suitable": True, "note": "Het arrangement past.", "date": "2025-03-04"},
            format="json",
        )
        assert response.status_code == 200 and response.json()["coordinator_reviewed_on"] == "2025-03-04"
        response = manager.post(f"/api/v1/applications/{pk}/budget-decision/", decision, format="json")
        body = response.json()
        assert body["status"] == "granted" and body["valid_until"] == "2026-07-31"
        assert body["follow_up_on"] == "2026-04-30"
        assert body["letter"].endswith(f"/api/v1/applications/{pk}/letter/")  # the decision letter (B1)
        response = manager.post(
            f"/api/v1/applications/{pk}/follow-up/", {"renew": True, "date": "2025-03-06"}, format="json"
        )
        assert response.status_code == 200 and response.json()["valid_until"] == "2027-07-31"

    @pytest.mark.parametrize(
        ("role", "path", "body"),
        [
            (Role.SCHOOL, "budget-decision", {"outcome": "granted", "motivation": "x"}),
            (Role.SECRETARIAT, "budget-decision", {"outcome": "granted", "motivation": "x"}),
            (Role.SCHOOL, "coordinator-review", {"suitable": True, "note": "x"}),
            (Role.SECRETARIAT, "follow-up", {"renew": False}),
        ],
    )
    def test_roles_without_the_action_get_403_and_are_audited(self, role, path, body, tlv, api_client_for):
        pk = self.arrangement(tlv, api_client_for)
        before = last_audit_id()
        response = api_client_for(user_for(role, tlv)).post(f"/api/v1/applications/{pk}/{path}/", body, format="json")
        assert response.status_code == 403
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied").count() == 1

    def test_other_swv_is_404(self, tlv, api_client_for):
        pk = self.arrangement(tlv, api_client_for)
        stranger = user_with_role(Role.MANAGER, swv=SwvFactory(code="elders"))
        response = api_client_for(stranger).post(
            f"/api/v1/applications/{pk}/budget-decision/", {"outcome": "refused", "motivation": "x"}, format="json"
        )
        assert response.status_code == 404
