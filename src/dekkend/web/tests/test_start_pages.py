"""Each role lands on a start page that shows what that role works on, and only that."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import UserFactory
from dekkend.audit.models import AuditEvent
from dekkend.pupils.models import PupilAccessGrant

pytestmark = pytest.mark.django_db


def h1(response) -> str:
    html = response.content.decode()
    start = html.index('<h1 class="utrecht-heading-1">') + len('<h1 class="utrecht-heading-1">')
    return html[start : html.index("</h1>", start)]


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("school", "Uw school"),
        ("consultant", "Uw school"),
        ("board", "Scholen van uw bestuur"),
        ("secretariat", "Overzicht van het samenwerkingsverband"),
        ("manager", "Overzicht van het samenwerkingsverband"),
        ("director", "Overzicht van het samenwerkingsverband"),
        ("expert", "Uw dossiers"),
        ("policy", "Cijfers"),
        ("partner", "Cijfers"),
        ("privacy", "Privacy en auditlog"),
        ("admin", "Beheer"),
    ],
)
def test_each_role_gets_its_own_start_page(world, client_for, role, heading):
    response = client_for(world.users[role]).get(reverse("web:home"))
    assert response.status_code == 200
    assert h1(response) == heading


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_user_without_role_is_told_to_ask_for_one(db, client_for):
    response = client_for(UserFactory()).get(reverse("web:home"))
    assert "heeft nog geen rol" in response.content.decode()


class SchoolStartTests:
    def test_shows_own_school_with_pupil_count_and_link_to_its_pupils(self, world, client_for):
        html = client_for(world.users["school"]).get(reverse("web:home")).content.decode()
        assert "De Regenboog" in html
        assert f"{reverse('web:pupil_list')}?school={world.school.pk}" in html
        assert ">6<" in html
        assert "Het Anker" not in html

    def test_consultant_sees_every_assigned_school(self, world, client_for):
        consultant = world.users["consultant"]
        consultant.role_assignments.create(role=Role.CONSULTANT, swv=world.swv, school=world.other_school)
        html = client_for(consultant).get(reverse("web:home")).content.decode()
        assert "De Regenboog" in html and "Het Anker" in html


def test_board_start_lists_its_schools_only(world, client_for):
    html = client_for(world.users["board"]).get(reverse("web:home")).content.decode()
    assert "De Regenboog" in html and "De Zon" in html
    assert "Het Anker" not in html


def test_swv_start_shows_figures_and_only_a_neutral_line_about_the_work_queue(world, client_for):
    html = client_for(world.users["secretariat"]).get(reverse("web:home")).content.decode()
    assert "Passend Onderwijs Almere PO" in html
    assert "SWV Elders" not in html
    assert "Werkvoorraad toeleiding volgt." in html


def test_expert_sees_the_number_of_dossiers_assigned_to_them(world, client_for):
    expert = world.users["expert"]
    later = timezone.now() + timedelta(days=30)
    PupilAccessGrant.objects.create(user=expert, pupil=world.pupil, basis="assignment", reason="TLV", expires_at=later)
    PupilAccessGrant.objects.create(
        user=expert, pupil=world.other_pupil, basis="assignment", reason="TLV", expires_at=later
    )
    PupilAccessGrant.objects.create(
        user=expert, pupil=world.sister_pupil, basis="emergency", reason="spoed", expires_at=later
    )
    html = client_for(expert).get(reverse("web:home")).content.decode()
    assert "2 dossiers zijn aan u toegewezen." in html


class AggregateStartTests:
    def test_partner_sees_small_numbers_suppressed_and_no_names(self, world, client_for):
        html = client_for(world.users["partner"]).get(reverse("web:home")).content.decode()
        # bao: De Regenboog (6) + Het Anker (1) = 7 pupils; sbo: De Zon has 1 pupil.
        assert ">7<" in html
        assert "&lt;5" in html
        assert world.pupil.last_name not in html

    def test_no_total_row_from_which_a_small_cell_could_be_worked_out(self, world, client_for):
        html = client_for(world.users["policy"]).get(reverse("web:home")).content.decode()
        assert ">8<" not in html


class PrivacyStartTests:
    def test_lists_emergency_accesses_and_records_that_the_log_was_read(self, world, client_for):
        from dekkend.audit.services import AuditContext
        from dekkend.pupils.services import emergency_access_grant

        emergency_access_grant(
            pupil_id=world.other_pupil.pk,
            reason="Ouder belt in paniek over plaatsing",
            context=AuditContext(user=world.users["school"]),
        )
        before = AuditEvent.objects.filter(object_type="audit_log").count()
        html = client_for(world.users["privacy"]).get(reverse("web:home")).content.decode()
        assert "Ouder belt in paniek over plaatsing" in html
        assert AuditEvent.objects.filter(object_type="audit_log").count() == before + 1

    def test_chain_check_on_request_reports_an_intact_log(self, world, client_for):
        client = client_for(world.users["privacy"])
        response = client.post(reverse("web:audit_verify"), follow=True)
        assert "De auditlog is intact" in response.content.decode()

    def test_chain_check_is_not_for_school_users(self, world, client_for):
        response = client_for(world.users["school"]).post(reverse("web:audit_verify"))
        assert response.status_code == 403


def test_admin_start_links_to_management(world, client_for):
    html = client_for(world.users["admin"]).get(reverse("web:home")).content.decode()
    assert 'href="/beheer/"' in html


class NavigationTests:
    def labels(self, response) -> list[str]:
        link = r'<a class="nav-link" href="[^"]*"(?: aria-current="page")?>([^<]*)</a>'
        return re.findall(link, response.content.decode())

    def test_school_user_gets_pupils_but_not_the_audit_log(self, world, client_for):
        labels = self.labels(client_for(world.users["school"]).get(reverse("web:home")))
        assert labels == [
            "Start",
            "Organisaties",
            "Leerlingen",
            "Toeleiding",
            "Aanmeldingen",
            "Dekkend netwerk",
            "Zelfscan",
            "Vangnetdeclaraties",
            "Arrangementsmiddelen",
            "Thuiszitters",
        ]

    def test_privacy_officer_gets_the_audit_log_but_not_pupils(self, world, client_for):
        labels = self.labels(client_for(world.users["privacy"]).get(reverse("web:home")))
        assert labels == ["Start", "Organisaties", "Auditlog", "Dekkend netwerk"]

    def test_current_page_is_marked_for_screen_readers(self, world, client_for):
        html = client_for(world.users["school"]).get(reverse("web:network")).content.decode()
        assert f'href="{reverse("network:home")}" aria-current="page"' in html  # the provision list is part of it

    def test_every_page_of_an_app_with_one_menu_item_marks_that_item(self, world, client_for):
        html = client_for(world.users["secretariat"]).get(reverse("referrals:notice_list")).content.decode()
        assert f'href="{reverse("referrals:application_list")}" aria-current="page"' in html
        assert html.count('aria-current="page"') == 1

    def test_page_shows_user_role_and_organisation_and_a_post_logout(self, world, client_for):
        html = client_for(world.users["school"]).get(reverse("web:home")).content.decode()
        assert "De Regenboog" in html
        assert f'method="post" action="{reverse("accounts:logout")}"' in html


def test_every_page_has_landmarks_and_a_skip_link(world, client_for):
    html = client_for(world.users["secretariat"]).get(reverse("web:home")).content.decode()
    assert html.index('href="#main"') < html.index("<header")
    for landmark in ('<main id="main"', "<nav ", "<header", "<footer"):
        assert landmark in html
    assert "<caption" in html and 'scope="col"' in html


def test_no_inline_scripts_or_styles(world, client_for):
    """The Content Security Policy forbids them; pages must not depend on them."""
    for role in ("school", "privacy", "partner"):
        html = client_for(world.users[role]).get(reverse("web:home")).content.decode()
        assert "<style" not in html and " style=" not in html
        assert "<script>" not in html and "<script " not in html.replace('<script src="', "")
