"""Pupil search, the pupil record and emergency access: scope, denial and the audit trail."""

import pytest
from django.urls import reverse

from dekkend.audit.models import AuditEvent
from dekkend.pupils.models import PupilAccessGrant

pytestmark = pytest.mark.django_db

REASON = "Acute zorgmelding, moeder belt over veiligheid"


class PupilSearchTests:
    def test_school_user_lists_only_own_pupils_and_the_search_is_audited(self, world, client_for):
        user = world.users["school"]
        response = client_for(user).get(reverse("web:pupil_list"))
        shown = {p.pk for p in response.context["page"]}
        assert shown == {p.pk for p in world.pupils}
        event = AuditEvent.objects.filter(user_id=user.pk, action="search", object_type="pupil").latest("id")
        assert event.outcome == "success"
        assert set(event.detail["pupil_ids"]) == shown

    def test_search_by_name_narrows_the_list(self, world, client_for):
        response = client_for(world.users["secretariat"]).get(
            reverse("web:pupil_list"), {"q": world.other_pupil.last_name}
        )
        assert [p.pk for p in response.context["page"]] == [world.other_pupil.pk]

    def test_empty_result_says_so(self, world, client_for):
        response = client_for(world.users["school"]).get(reverse("web:pupil_list"), {"q": "Niemand"})
        assert "Geen leerlingen gevonden." in response.content.decode()

    @pytest.mark.parametrize("role", ["partner", "policy", "privacy", "expert"])
    def test_roles_without_pupil_search_are_refused_and_the_attempt_is_logged(self, world, client_for, role):
        user = world.users[role]
        response = client_for(user).get(reverse("web:pupil_list"))
        assert response.status_code == 403
        assert AuditEvent.objects.filter(user_id=user.pk, object_type="pupil", outcome="denied").exists()

    def test_list_is_paginated_by_key_without_gaps_or_repeats(self, world, client_for, monkeypatch):
        monkeypatch.setattr("dekkend.web.views.PAGE_SIZE", 4)
        client = client_for(world.users["school"])
        first = client.get(reverse("web:pupil_list")).context["page"]
        second = client.get(reverse("web:pupil_list"), {"na": first.next_cursor})
        page = second.context["page"]
        assert len(first) == 4 and len(page) == 2 and not page.has_next
        assert {p.pk for p in first}.isdisjoint(p.pk for p in page)
        assert "Eerste pagina" in second.content.decode()

    def test_a_damaged_cursor_starts_at_the_first_page(self, world, client_for):
        response = client_for(world.users["school"]).get(reverse("web:pupil_list"), {"na": "kapot!"})
        assert response.status_code == 200 and response.context["page"].is_first


class PupilRecordTests:
    def test_in_scope_record_shows_placements_and_is_audited(self, world, client_for):
        user = world.users["school"]
        response = client_for(user).get(reverse("web:pupil_detail", args=[world.pupil.pk]))
        assert response.status_code == 200
        assert world.pupil.pupil_number in response.content.decode()
        assert len(response.context["placements"]) == 1
        event = AuditEvent.objects.filter(user_id=user.pk, pupil_id=world.pupil.pk).latest("id")
        assert (event.action, event.outcome, event.access_basis) == ("read", "success", "scope")

    def test_another_schools_pupil_looks_not_found_and_offers_emergency_access(self, world, client_for):
        user = world.users["school"]
        response = client_for(user).get(reverse("web:pupil_detail", args=[world.other_pupil.pk]))
        assert response.status_code == 404
        html = response.content.decode()
        assert world.other_pupil.last_name not in html
        assert reverse("web:pupil_emergency", args=[world.other_pupil.pk]) in html
        event = AuditEvent.objects.filter(user_id=user.pk, pupil_id=world.other_pupil.pk).latest("id")
        assert event.outcome == "denied"

    def test_a_missing_pupil_looks_the_same_as_one_out_of_scope(self, world, client_for):
        client = client_for(world.users["school"])
        missing = client.get(reverse("web:pupil_detail", args=[999999]))
        out_of_scope = client.get(reverse("web:pupil_detail", args=[world.other_pupil.pk]))
        assert missing.status_code == out_of_scope.status_code == 404
        assert missing.templates[0].name == out_of_scope.templates[0].name

    def test_board_is_not_offered_emergency_access(self, world, client_for):
        response = client_for(world.users["board"]).get(reverse("web:pupil_detail", args=[world.other_pupil.pk]))
        assert response.status_code == 404
        assert "noodtoegang" not in response.content.decode()

    def test_partner_is_refused_outright(self, world, client_for):
        response = client_for(world.users["partner"]).get(reverse("web:pupil_detail", args=[world.pupil.pk]))
        assert response.status_code == 403


class EmergencyAccessTests:
    def url(self, pupil):
        return reverse("web:pupil_emergency", args=[pupil.pk])

    def test_too_short_reason_shows_a_dutch_error_and_keeps_the_text(self, world, client_for):
        response = client_for(world.users["school"]).post(
            self.url(world.other_pupil), {"reason": "Spoed", "confirm": "on"}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "De reden is te kort" in html
        assert "Spoed</textarea>" in html
        assert not PupilAccessGrant.objects.exists()

    def test_confirmation_is_required(self, world, client_for):
        response = client_for(world.users["school"]).post(self.url(world.other_pupil), {"reason": REASON})
        html = response.content.decode()
        assert "Bevestig dat u begrijpt" in html
        assert REASON in html
        assert not PupilAccessGrant.objects.exists()

    def test_granted_access_opens_the_record_and_is_flagged(self, world, client_for):
        user = world.users["school"]
        client = client_for(user)
        response = client.post(self.url(world.other_pupil), {"reason": REASON, "confirm": "on"}, follow=True)
        assert response.status_code == 200
        assert response.context["emergency"] is True
        assert "noodtoegang" in response.content.decode()
        grant = PupilAccessGrant.objects.get(user=user, pupil=world.other_pupil)
        assert grant.basis == "emergency"
        read = AuditEvent.objects.filter(user_id=user.pk, pupil_id=world.other_pupil.pk, action="read").latest("id")
        assert read.is_emergency and read.reason == REASON

    def test_pupil_of_another_swv_is_refused_and_logged(self, world, client_for):
        user = world.users["school"]
        response = client_for(user).post(self.url(world.elsewhere_pupil), {"reason": REASON, "confirm": "on"})
        assert response.status_code == 403
        assert not PupilAccessGrant.objects.exists()
        assert AuditEvent.objects.filter(
            user_id=user.pk, object_type="emergency_access", outcome="denied", pupil_id=world.elsewhere_pupil.pk
        ).exists()

    def test_roles_without_emergency_access_do_not_get_the_form(self, world, client_for):
        response = client_for(world.users["board"]).get(self.url(world.other_pupil))
        assert response.status_code == 403
