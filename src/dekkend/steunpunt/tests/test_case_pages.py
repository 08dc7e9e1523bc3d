"""The staff pages of the thuiszitter register and the escalations: register with the shared
definitions, record follow-ups, end after a confirmation; open an escalation, raise it a level
after a confirmation, solve it; the impasse clock on the list and the case page; who may do what,
Dutch messages, and typed input kept on errors."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.steunpunt.models import Escalation, Thuiszitter

from .conftest import last_audit_id, user_for
from .factories import EscalationFactory, ThuiszitterFactory, almere_ladder

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    return client


def register_data(world, **overrides):
    today = timezone.localdate()
    data = {
        "swv": world["swv"].pk,
        "pupil_number": world["pupil"].pupil_number,
        "kind": "relatief",
        "absent_since": (today - datetime.timedelta(days=10)).isoformat(),
        "reported_on": today.isoformat(),
        "reason": "wachten_op_plek",
        "plan": "Dagdeel per week terug naar school (synthetisch).",
        "responsible_name": "",
        "next_follow_up": (today + datetime.timedelta(days=14)).isoformat(),
    }
    return {**data, **overrides}


class ThuiszitterPageTests:
    def test_a_school_registers_its_pupil_and_lands_on_the_case(self, world):
        client = signed_in(world["school_user"])
        response = client.post(reverse("steunpunt:thuiszitter_new"), register_data(world))
        case = Thuiszitter.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "steunpunt:thuiszitter_detail", args=[case.pk]
        )
        assert (case.pupil, case.school, case.responsible) == (world["pupil"], world["school"], world["school_user"])
        page = client.get(response["Location"]).content.decode()
        assert "dreigend" in page.lower()  # 10 days absent: threatened, by the shared definitions

    def test_an_unknown_pupil_number_keeps_what_was_typed(self, world):
        client = signed_in(world["school_user"])
        data = register_data(world, pupil_number="NIET-BESTAAND")
        response = client.post(reverse("steunpunt:thuiszitter_new"), data)
        assert response.status_code == 400
        page = response.content.decode()
        assert "onbekend" in page and data["plan"] in page and "NIET-BESTAAND" in page
        assert not Thuiszitter.objects.exists()

    def test_a_school_cannot_register_a_pupil_of_another_school(self, world):
        client = signed_in(world["school_user"])
        data = register_data(world, pupil_number=world["neighbour_pupil"].pupil_number)
        response = client.post(reverse("steunpunt:thuiszitter_new"), data)
        assert response.status_code == 400
        assert not Thuiszitter.objects.exists()

    def test_a_future_report_date_is_refused_in_dutch(self, world):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        client = signed_in(world["school_user"])
        response = client.post(reverse("steunpunt:thuiszitter_new"), register_data(world, reported_on=tomorrow))
        assert response.status_code == 400 and "toekomst" in response.content.decode()

    @pytest.mark.parametrize(
        "role,status",
        [(Role.SCHOOL, 200), (Role.BOARD, 200), (Role.SECRETARIAT, 200), (Role.PARTNER, 403), (Role.EXPERT, 403)],
    )
    def test_who_sees_the_register(self, role, status, world):
        assert signed_in(user_for(role, world)).get(reverse("steunpunt:thuiszitter_list")).status_code == status

    def test_the_list_shows_own_cases_with_an_overdue_follow_up_in_words_and_is_audited(self, world):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        own = ThuiszitterFactory(pupil=world["pupil"], next_follow_up=yesterday)
        other = ThuiszitterFactory(pupil=world["neighbour_pupil"])
        before = last_audit_id()
        page = signed_in(world["school_user"]).get(reverse("steunpunt:thuiszitter_list")).content.decode()
        assert world["pupil"].last_name in page and world["neighbour_pupil"].last_name not in page
        assert "te laat" in page
        event = AuditEvent.objects.get(id__gt=before, object_type="thuiszitter")
        assert event.detail["thuiszitter_ids"] == [own.pk] and other.pk not in event.detail["thuiszitter_ids"]

    def test_another_schools_case_is_not_found(self, world):
        case = ThuiszitterFactory(pupil=world["neighbour_pupil"])
        response = signed_in(world["school_user"]).get(reverse("steunpunt:thuiszitter_detail", args=[case.pk]))
        assert response.status_code == 404

    def test_a_follow_up_is_recorded_and_the_next_one_planned(self, world):
        case = ThuiszitterFactory(pupil=world["pupil"], reported_on=timezone.localdate() - datetime.timedelta(days=20))
        today = timezone.localdate()
        response = signed_in(world["school_user"]).post(
            reverse("steunpunt:thuiszitter_detail", args=[case.pk]),
            {
                "form": "follow_up",
                "follow_up-done_on": today.isoformat(),
                "follow_up-note": "Gesprek met ouders (synthetisch).",
                "follow_up-next_follow_up": (today + datetime.timedelta(days=7)).isoformat(),
            },
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.next_follow_up == today + datetime.timedelta(days=7)
        assert case.follow_ups.get().note == "Gesprek met ouders (synthetisch)."

    def test_a_next_follow_up_before_this_one_is_refused_and_the_note_kept(self, world):
        case = ThuiszitterFactory(pupil=world["pupil"], reported_on=timezone.localdate() - datetime.timedelta(days=20))
        today = timezone.localdate()
        response = signed_in(world["school_user"]).post(
            reverse("steunpunt:thuiszitter_detail", args=[case.pk]),
            {
                "form": "follow_up",
                "follow_up-done_on": today.isoformat(),
                "follow_up-note": "Notitie die blijft staan.",
                "follow_up-next_follow_up": today.isoformat(),
            },
        )
        assert response.status_code == 400
        assert "Notitie die blijft staan." in response.content.decode()
        assert not case.follow_ups.exists()

    def test_ending_asks_for_a_confirmation_first(self, world):
        case = ThuiszitterFactory(pupil=world["pupil"], reported_on=timezone.localdate() - datetime.timedelta(days=20))
        client = signed_in(world["school_user"])
        url = reverse("steunpunt:thuiszitter_detail", args=[case.pk])
        data = {"form": "end", "end-ended_on": timezone.localdate().isoformat(), "end-end_note": "Terug naar school."}
        confirm = client.post(url, data)
        assert confirm.status_code == 200 and "Terug naar school." in confirm.content.decode()
        case.refresh_from_db()
        assert case.ended_on is None
        back = client.post(url, {**data, "edit": "1"})
        assert back.status_code == 200
        assert re.search(r">\s*Terug naar school.</textarea>", back.content.decode())  # the typed note is kept
        assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
        case.refresh_from_db()
        assert case.ended_on == timezone.localdate()

    def test_a_board_sees_a_case_but_cannot_change_it(self, world):
        case = ThuiszitterFactory(pupil=world["pupil"])
        client = signed_in(user_for(Role.BOARD, world))
        page = client.get(reverse("steunpunt:thuiszitter_detail", args=[case.pk]))
        assert page.status_code == 200 and 'name="form" value="end"' not in page.content.decode()
        response = client.post(reverse("steunpunt:thuiszitter_detail", args=[case.pk]), {"form": "plan"})
        assert response.status_code == 403


def escalation_data(world, **overrides):
    almere_ladder(world["swv"])
    data = {
        "swv": world["swv"].pk,
        "school": world["school"].pk,
        "pupil_number": "",
        "subject": "Geen plek in het sbo gevonden (synthetisch).",
        "level": "",
        "breakthrough_officer": "",
    }
    return {**data, **overrides}


class EscalationPageTests:
    def test_a_school_opens_an_escalation_on_the_lowest_level_and_the_clock_starts(self, world):
        client = signed_in(world["school_user"])
        response = client.post(reverse("steunpunt:escalation_new"), escalation_data(world))
        escalation = Escalation.objects.get()
        assert response.status_code == 302
        assert (escalation.school, escalation.level.order) == (world["school"], 1)
        page = client.get(response["Location"]).content.decode()
        assert "uur over tot 48 uur" in page and "uur over tot een week" in page

    def test_a_school_cannot_open_one_for_another_school(self, world):
        client = signed_in(world["school_user"])
        response = client.post(
            reverse("steunpunt:escalation_new"), escalation_data(world, school=world["neighbour"].pk)
        )
        assert response.status_code == 400
        assert "Geen plek in het sbo gevonden (synthetisch)." in response.content.decode()
        assert not Escalation.objects.exists()

    def test_an_empty_impasse_is_refused_in_dutch(self, world):
        response = signed_in(world["secretariat"]).post(
            reverse("steunpunt:escalation_new"), escalation_data(world, subject="")
        )
        assert response.status_code == 400 and "Dit veld is vereist." in response.content.decode()

    def test_the_list_shows_the_time_left_and_a_week_past_in_words(self, world):
        now = timezone.now()
        EscalationFactory(school=world["school"], opened_at=now - datetime.timedelta(hours=10))
        EscalationFactory(school=world["school"], opened_at=now - datetime.timedelta(days=8))
        page = signed_in(world["secretariat"]).get(reverse("steunpunt:escalation_list")).content.decode()
        assert "38,0 uur over tot 48 uur" in page or "38.0 uur over tot 48 uur" in page
        assert "voorbij de week" in page

    def test_raising_a_level_asks_for_a_confirmation_then_goes_one_up(self, world):
        escalation = EscalationFactory(school=world["school"])
        client = signed_in(world["secretariat"])
        url = reverse("steunpunt:escalation_detail", args=[escalation.pk])
        data = {"form": "raise", "raise-reason": "School en ouders komen er niet uit."}
        confirm = client.post(url, data)
        assert confirm.status_code == 200 and "Integrale Tafel Almere" in confirm.content.decode()
        escalation.refresh_from_db()
        assert escalation.level.order == 1
        assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
        escalation.refresh_from_db()
        assert escalation.level.order == 2
        assert escalation.steps.last().reason == "School en ouders komen er niet uit."

    def test_solving_stops_the_clock(self, world):
        escalation = EscalationFactory(school=world["school"])
        client = signed_in(world["secretariat"])
        url = reverse("steunpunt:escalation_detail", args=[escalation.pk])
        data = {"form": "solve", "solve-solution": "Plek gevonden.", "confirmed": "1"}
        assert client.post(url, data).status_code == 302
        escalation.refresh_from_db()
        assert escalation.solved_at is not None and escalation.solution == "Plek gevonden."
        assert "binnen 48 uur" in client.get(url).content.decode()

    def test_a_partner_is_refused_and_a_neighbour_school_does_not_find_it(self, world):
        escalation = EscalationFactory(school=world["school"])
        url = reverse("steunpunt:escalation_detail", args=[escalation.pk])
        assert signed_in(world["partner"]).get(url).status_code == 403
        neighbour_user = user_for(Role.SCHOOL, {**world, "school": world["neighbour"]})
        assert signed_in(neighbour_user).get(url).status_code == 404
