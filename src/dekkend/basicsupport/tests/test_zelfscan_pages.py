"""The zelfscan in the browser: a school fills it in (saved as typed), submits, its board
releases after confirming; the pages follow the permissions module."""

import pytest
from django.urls import reverse

from dekkend.basicsupport.models import Answer, Submission
from dekkend.basicsupport.selectors import round_questions

from .helpers import scan

pytestmark = pytest.mark.django_db


def fill_url(world, school="a1"):
    return reverse("basicsupport:fill_in", args=[world["round"].pk, world[school].pk])


class FillInPageTests:
    def test_the_form_shows_every_question_with_the_scale(self, client, world):
        client.force_login(world["school_a1"])
        response = client.get(fill_url(world))
        assert response.status_code == 200
        questions = round_questions(world["round"])
        body = response.content.decode()
        themes = {q.aspect_id for q in questions if q.aspect.kind == "theme"}
        assert body.count('type="radio"') == 4 * len(questions) + 3 * len(themes)
        assert f'for="q-{questions[0].pk}-3"' in body

    def test_save_keeps_a_partial_scan_and_submit_names_what_is_missing(self, client, world):
        client.force_login(world["school_a1"])
        questions = round_questions(world["round"])
        data = {f"q-{q.pk}": "3" for q in questions[:5]}
        data[f"c-{questions[0].pk}"] = "Zie schoolgids"
        response = client.post(fill_url(world), {**data, "action": "submit"})
        assert response.status_code == 400
        assert Answer.objects.filter(submission__school=world["a1"]).count() == 5
        body = response.content.decode()
        assert f"{questions[5].pk}" in body
        assert 'value="Zie schoolgids"' in body  # what was typed is still there
        assert Submission.objects.get(school=world["a1"]).status == "draft"

    def test_a_value_off_the_scale_keeps_the_form_and_stores_nothing(self, client, world):
        client.force_login(world["school_a1"])
        first = round_questions(world["round"])[0]
        response = client.post(fill_url(world), {f"q-{first.pk}": "7", "comment": "Ons verhaal", "action": "save"})
        assert response.status_code == 400
        assert "Ons verhaal" in response.content.decode()
        assert not Answer.objects.exists()

    def test_a_complete_scan_is_submitted_to_the_board_after_a_confirmation(self, client, world):
        client.force_login(world["school_a1"])
        questions = round_questions(world["round"])
        theme = world["round"].norm_version.aspects.get(code="rekenen")
        data = {f"q-{q.pk}": "4" for q in questions}
        response = client.post(fill_url(world), {**data, "ambition": [theme.pk], "action": "submit"})
        confirm_url = reverse("basicsupport:submit", args=[world["round"].pk, world["a1"].pk])
        assert response.status_code == 302 and response.url == confirm_url
        submission = Submission.objects.get(school=world["a1"])
        assert submission.status == "draft"  # saved, not yet submitted
        assert list(submission.ambitions.all()) == [theme]
        confirm = client.get(confirm_url)
        assert "Ja, indienen bij het schoolbestuur" in confirm.content.decode()
        assert client.post(confirm_url).status_code == 302
        assert Submission.objects.get(school=world["a1"]).status == "submitted"

    def test_the_confirmation_refuses_an_incomplete_scan(self, client, world):
        client.force_login(world["school_a1"])
        first = round_questions(world["round"])[0]
        client.post(fill_url(world), {f"q-{first.pk}": "3", "action": "save"})
        confirm_url = reverse("basicsupport:submit", args=[world["round"].pk, world["a1"].pk])
        assert "Ja, indienen" not in client.get(confirm_url).content.decode()
        client.post(confirm_url)
        assert Submission.objects.get(school=world["a1"]).status == "draft"

    def test_progress_per_part_counts_the_answers_of_each_theme(self, client, world):
        client.force_login(world["school_a1"])
        questions = round_questions(world["round"])
        reading = [q for q in questions if q.aspect.code == "lezen"]
        client.post(fill_url(world), {**{f"q-{q.pk}": "3" for q in reading[:4]}, "action": "save"})
        groups = {g["aspect"].code: g for g in client.get(fill_url(world)).context["groups"]}
        assert (groups["lezen"]["answered"], groups["lezen"]["total"]) == (4, len(reading))
        assert groups["rekenen"]["answered"] == 0
        assert sum(g["total"] for g in groups.values()) == len(questions)

    def test_the_level_offered_per_theme_is_saved_and_shown_again(self, client, world):
        client.force_login(world["school_a1"])
        theme = world["round"].norm_version.aspects.get(code="rekenen")
        client.post(fill_url(world), {f"level-{theme.pk}": "4", "action": "save"})
        submission = Submission.objects.get(school=world["a1"])
        assert list(submission.offered_levels.values_list("aspect__code", "level")) == [("rekenen", 4)]
        body = client.get(fill_url(world)).content.decode()
        assert f'id="level-{theme.pk}-4" name="level-{theme.pk}" value="4" checked' in body
        client.post(fill_url(world), {f"level-{theme.pk}": "", "action": "save"})
        assert not submission.offered_levels.exists()

    def test_another_school_does_not_find_it_and_a_board_gets_the_403_page(self, client, world):
        client.force_login(world["school_b1"])
        assert client.get(fill_url(world)).status_code == 404
        client.force_login(world["board_user_a"])
        assert client.get(fill_url(world)).status_code == 403


class ReleasePageTests:
    def test_the_board_confirms_then_releases(self, client, world):
        scan(world["round"], world["a1"], 0, user=world["school_a1"])
        client.force_login(world["board_user_a"])
        url = reverse("basicsupport:release", args=[world["round"].pk, world["a1"].pk])
        assert client.get(url).status_code == 200
        assert Submission.objects.get(school=world["a1"]).status == "submitted"
        assert client.post(url).status_code == 302
        assert Submission.objects.get(school=world["a1"]).status == "released"

    def test_another_board_cannot_even_find_the_school(self, client, world):
        scan(world["round"], world["a1"], 0, user=world["school_a1"])
        client.force_login(world["board_user_b"])
        url = reverse("basicsupport:release", args=[world["round"].pk, world["a1"].pk])
        assert client.post(url).status_code == 404
        assert Submission.objects.get(school=world["a1"]).status == "submitted"


class VisibilityTests:
    def test_the_swv_sees_progress_but_not_the_answers_before_release(self, client, world):
        scan(world["round"], world["a1"], 3, user=world["school_a1"])
        client.force_login(world["secretariat"])
        page = client.get(reverse("basicsupport:school", args=[world["round"].pk, world["a1"].pk]))
        assert page.status_code == 200
        assert page.context["answers"] == [] and page.context["report"] is None
        results = client.get(reverse("basicsupport:results", args=[world["round"].pk]))
        assert results.context["results"].total.schools == 0

    def test_after_release_the_swv_sees_the_results(self, client, world):
        scan(world["round"], world["a1"], 3, user=world["school_a1"], release_by=world["board_user_a"])
        client.force_login(world["secretariat"])
        results = client.get(reverse("basicsupport:results", args=[world["round"].pk]) + "?level=district")
        assert results.status_code == 200
        assert [g.name for g in results.context["results"].groups] == ["Haven"]
        assert b"<svg" in results.content and b"<caption" in results.content

    def test_another_swv_and_a_partner(self, client, world):
        url = reverse("basicsupport:round", args=[world["round"].pk])
        client.force_login(world["secretariat_elsewhere"])
        assert client.get(url).status_code == 404
        client.force_login(world["partner"])
        assert client.get(url).status_code == 403

    def test_the_secretariat_opens_a_round_in_the_browser(self, client, world):
        client.force_login(world["secretariat"])
        response = client.post(
            reverse("basicsupport:index"),
            {"swv": world["swv"].pk, "variant": "vo", "school_year": "2025-2026", "threshold": "80"},
        )
        assert response.status_code == 302
        bad = client.post(
            reverse("basicsupport:index"),
            {"swv": world["swv"].pk, "variant": "vo", "school_year": "volgend jaar", "threshold": "80"},
        )
        assert bad.status_code == 400
        assert 'value="volgend jaar"' in bad.content.decode()

    def test_the_round_page_lists_progress_for_the_board(self, client, world):
        client.force_login(world["board_user_a"])
        page = client.get(reverse("basicsupport:round", args=[world["round"].pk]))
        assert [row.school.name for row in page.context["progress"]] == ["De Aak", "De Boei"]
