"""The public steunpunt pages: open without sign-in, the question form (CSRF, honeypot, rate limit,
sizes, kept input on errors, a B1 confirmation) and the staff pages that answer the question."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.steunpunt import content
from dekkend.steunpunt.models import Question
from dekkend.steunpunt.views import QUESTIONS_PER_HOUR

from .conftest import last_audit_id, user_for
from .factories import EscalationFactory, QuestionFactory, ThuiszitterFactory, almere_ladder

pytestmark = pytest.mark.django_db

VALID = {
    "asker": "parent",
    "theme": "extra_ondersteuning",
    "text": "Mijn dochter heeft moeite met lezen. Wat kan ik doen?",
    "name": "Ouder Proef",
    "email": "ouder@voorbeeld.invalid",
    "phone": "",
    "website": "",
}


def page_urls(swv):
    urls = [reverse("steunpunt:public_index"), reverse("steunpunt:public_home", kwargs={"swv_code": swv.code})]
    urls += [
        reverse("steunpunt:public_page", kwargs={"swv_code": swv.code, "slug": page.slug})
        for page in content.PAGES
        if page.slug
    ]
    urls.append(reverse("steunpunt:question_form", kwargs={"swv_code": swv.code}))
    urls.append(reverse("steunpunt:question_sent", kwargs={"swv_code": swv.code}))
    return urls


class PublicPageTests:
    def test_every_public_page_opens_without_sign_in(self, world):
        client = Client()
        for url in page_urls(world["swv"]):
            assert client.get(url).status_code == 200, url

    def test_an_unknown_region_or_page_is_not_found(self, world):
        client = Client()
        assert client.get("/steunpunt/bestaat-niet/").status_code == 404
        assert client.get(f"/steunpunt/{world['swv'].code}/bestaat-niet/").status_code == 404

    def test_the_school_page_links_to_the_public_network_map(self, world):
        response = Client().get(f"/steunpunt/{world['swv'].code}/school-vinden/")
        assert f'href="/dekkend-netwerk/kaart/{world["swv"].code}/"' in response.content.decode()

    def test_who_does_what_shows_the_ladder_of_the_region(self, world):
        almere_ladder(world["swv"])
        response = Client().get(f"/steunpunt/{world['swv'].code}/wie-doet-wat/")
        assert "Integrale Tafel Almere" in response.content.decode()

    def test_the_staff_pages_need_sign_in(self, world):
        response = Client().get(reverse("steunpunt:question_list"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


class QuestionFormTests:
    url = "/steunpunt/almere-po/vraag/"

    def test_a_question_is_stored_and_confirmed(self, world):
        response = Client().post(self.url, VALID, follow=True)
        assert response.status_code == 200
        assert str(content.CONFIRMATION[0]) in response.content.decode()
        question = Question.objects.get()
        assert (question.swv, question.channel, question.theme) == (world["swv"], "web", "extra_ondersteuning")

    def test_the_form_needs_a_csrf_token(self, world):
        client = Client(enforce_csrf_checks=True)
        assert client.post(self.url, VALID).status_code == 403
        assert not Question.objects.exists()

    def test_a_bot_filling_the_honeypot_sees_thanks_but_nothing_is_stored(self, world):
        response = Client().post(self.url, {**VALID, "website": "http://spam.invalid"})
        assert response.status_code == 302
        assert not Question.objects.exists()

    def test_an_error_keeps_what_was_typed_and_explains_in_dutch(self, world):
        response = Client().post(self.url, {**VALID, "email": "", "phone": ""})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Mijn dochter heeft moeite met lezen" in html
        assert "telefoonnummer" in html
        assert not Question.objects.exists()

    def test_too_long_a_question_is_refused(self, world):
        response = Client().post(self.url, {**VALID, "text": "a" * 5001})
        assert response.status_code == 400
        assert not Question.objects.exists()

    def test_typed_html_is_escaped_on_display(self, world):
        Client().post(self.url, {**VALID, "text": "<script>alert(1)</script>"})
        staff = Client()
        staff.force_login(world["secretariat"])
        question = Question.objects.get()
        html = staff.get(reverse("steunpunt:question_detail", kwargs={"pk": question.pk})).content.decode()
        assert "&lt;script&gt;" in html and "<script>alert" not in html

    def test_one_address_is_limited_per_hour(self, world):
        client = Client()
        for _ in range(QUESTIONS_PER_HOUR):
            assert client.post(self.url, VALID).status_code == 302
        response = client.post(self.url, VALID)
        assert response.status_code == 429
        assert VALID["text"] in response.content.decode()  # the typed question is not lost
        assert Question.objects.count() == QUESTIONS_PER_HOUR
        other = Client(REMOTE_ADDR="10.0.0.9")
        assert other.post(self.url, VALID).status_code == 302


class StaffPageTests:
    def login(self, user):
        client = Client()
        client.force_login(user)
        return client

    def test_a_parents_question_is_answered_by_staff(self, world):
        Client().post("/steunpunt/almere-po/vraag/", VALID)
        question = Question.objects.get()
        client = self.login(world["consultant"])
        assert client.get(reverse("steunpunt:question_list") + "?open=1").status_code == 200
        url = reverse("steunpunt:question_detail", kwargs={"pk": question.pk})
        response = client.post(
            url,
            {
                "form": "answer",
                "answer": "Praat eerst met de leerkracht.",
                "steps_taken": "Gemaild.",
                "wanted_result": "yes",
            },
        )
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.answer == "Praat eerst met de leerkracht." and question.wanted_result is True

    def test_an_empty_answer_keeps_the_steps_typed(self, world):
        question = QuestionFactory(swv=world["swv"])
        client = self.login(world["secretariat"])
        url = reverse("steunpunt:question_detail", kwargs={"pk": question.pk})
        response = client.post(url, {"form": "answer", "answer": "", "steps_taken": "Gebeld met school."})
        assert response.status_code == 400
        assert "Gebeld met school." in response.content.decode()

    def test_a_call_back_outside_the_hours_is_refused_on_the_page(self, world):
        question = QuestionFactory(swv=world["swv"])
        client = self.login(world["secretariat"])
        url = reverse("steunpunt:question_detail", kwargs={"pk": question.pk})
        response = client.post(url, {"form": "callback", "at": "2099-01-05T13:00"})
        assert response.status_code == 400

    @pytest.mark.parametrize("role,status", [(Role.SCHOOL, 403), (Role.PARTNER, 403), (Role.SECRETARIAT, 200)])
    def test_question_list_per_role_and_audited(self, role, status, world):
        QuestionFactory(swv=world["swv"])
        before = last_audit_id()
        response = self.login(user_for(role, world)).get(reverse("steunpunt:question_list"))
        assert response.status_code == status
        if status == 200:
            assert AuditEvent.objects.filter(id__gt=before, object_type="question").count() == 1

    def test_a_question_of_another_swv_is_not_found(self, world):
        question = QuestionFactory(swv=world["other_swv"])
        response = self.login(world["secretariat"]).get(
            reverse("steunpunt:question_detail", kwargs={"pk": question.pk})
        )
        assert response.status_code == 404

    def test_the_overview_shows_charts_with_tables_and_suppresses_for_partners(self, world):
        QuestionFactory(swv=world["swv"])
        EscalationFactory(school=world["school"])
        ThuiszitterFactory(pupil=world["pupil"], reported_on=timezone.localdate())
        staff = self.login(world["secretariat"]).get(reverse("steunpunt:overview"))
        assert staff.status_code == 200
        html = staff.content.decode()
        assert html.count("<svg") >= 4 and html.count("<table") >= 4
        partner = self.login(world["partner"]).get(reverse("steunpunt:overview")).content.decode()
        assert "&lt;5" in partner

    def test_the_overview_is_refused_to_a_school(self, world):
        assert self.login(world["school_user"]).get(reverse("steunpunt:overview")).status_code == 403
