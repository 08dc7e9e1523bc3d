"""The zelfscan API: questions and results per role and scope, and a school system posting
answers (Dutch 400s naming the field, 403 for another school, nothing stored on bad input)."""

import pytest

from dekkend.basicsupport.models import Answer, Submission
from dekkend.basicsupport.selectors import round_questions

from .helpers import answers_with, scan

pytestmark = pytest.mark.django_db
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def questions_url(world):
    return f"/api/v1/zelfscan/rounds/{world['round'].pk}/questions/"


def results_url(world, level="city"):
    return f"/api/v1/zelfscan/rounds/{world['round'].pk}/results/?level={level}"


class QuestionsApiTests:
    def test_a_school_reads_the_questions_with_their_source(self, api_client_for, world):
        response = api_client_for(world["school_a1"]).get(questions_url(world))
        assert response.status_code == 200
        body = response.json()
        assert len(body["questions"]) == len(round_questions(world["round"]))
        assert body["questions"][0]["source"].startswith("001_28cb0100de53310c.txt:")
        assert body["scale"]["3"].startswith("3")

    @pytest.mark.parametrize(("who", "status"), [("secretariat_elsewhere", 404), ("partner", 403)])
    def test_other_swv_and_roles_without_the_zelfscan(self, api_client_for, world, who, status):
        assert api_client_for(world[who]).get(questions_url(world)).status_code == status


class ResultsApiTests:
    def test_results_per_level_for_the_swv_count_released_scans_only(self, api_client_for, world):
        scan(world["round"], world["a1"], 0, user=world["school_a1"], release_by=world["board_user_a"])
        scan(world["round"], world["b1"], 0, user=world["school_b1"])
        client = api_client_for(world["secretariat"])
        for level in ("school", "board", "district", "city"):
            body = client.get(results_url(world, level)).json()
            assert body["level"] == level
            assert body["total"]["schools"] == 1
        school = client.get(results_url(world, "school")).json()
        assert [g["name"] for g in school["groups"]] == ["De Aak"]
        assert school["groups"][0]["share_sufficient"] == 100.0
        assert {a["code"] for a in school["groups"][0]["aspects"]} >= {"basiskwaliteit", "nt2"}

    def test_an_unknown_level_is_a_dutch_400_naming_the_field(self, api_client_for, world):
        response = api_client_for(world["secretariat"]).get(results_url(world, "provincie"), **NL)
        assert response.status_code == 400
        assert "level" in response.json()

    def test_another_swv_does_not_find_the_round(self, api_client_for, world):
        assert api_client_for(world["secretariat_elsewhere"]).get(results_url(world)).status_code == 404


class ResponsesApiTests:
    def post(self, client, world, school="a1", **extra):
        payload = {"round": world["round"].pk, "school": world[school].pk, **extra}
        return client.post("/api/v1/zelfscan/responses/", payload, format="json", **NL)

    def test_a_school_system_submits_a_complete_scan(self, api_client_for, world):
        answers = {str(k): v for k, v in answers_with(world["round"], 3).items()}
        response = self.post(api_client_for(world["school_a1"]), world, answers=answers, submit=True)
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["status"] == "submitted"
        assert body["answered"] == body["questions"] == len(answers)

    def test_a_partial_save_without_submit(self, api_client_for, world):
        first = round_questions(world["round"])[0]
        response = self.post(api_client_for(world["school_a1"]), world, answers={str(first.pk): 2})
        assert response.status_code == 200
        assert response.json()["status"] == "draft" and response.json()["answered"] == 1

    def test_submit_with_open_questions_is_a_400_and_stores_nothing(self, api_client_for, world):
        first = round_questions(world["round"])[0]
        response = self.post(api_client_for(world["school_a1"]), world, answers={str(first.pk): 3}, submit=True)
        assert response.status_code == 400
        assert "Nog niet beantwoord" in response.json()["answers"][0]
        assert not Answer.objects.exists()

    def test_a_value_off_the_scale_names_the_question(self, api_client_for, world):
        first = round_questions(world["round"])[0]
        response = self.post(api_client_for(world["school_a1"]), world, answers={str(first.pk): 9})
        assert response.status_code == 400
        assert str(first.pk) in response.json()["answers"]
        assert not Answer.objects.exists()

    def test_the_level_offered_per_theme_is_saved_and_a_non_theme_is_refused(self, api_client_for, world):
        client = api_client_for(world["school_a1"])
        theme = world["round"].norm_version.aspects.get(code="nt2")
        aspect = world["round"].norm_version.aspects.get(code="basiskwaliteit")
        response = self.post(client, world, answers={}, offered_levels={str(theme.pk): 3})
        assert response.status_code == 200
        submission = Submission.objects.get(school=world["a1"])
        assert list(submission.offered_levels.values_list("aspect_id", "level")) == [(theme.pk, 3)]
        refused = self.post(client, world, answers={}, offered_levels={str(aspect.pk): 4})
        assert refused.status_code == 400 and "offered_levels" in refused.json()
        off_scale = self.post(client, world, answers={}, offered_levels={str(theme.pk): 2})
        assert off_scale.status_code == 400
        assert list(submission.offered_levels.values_list("level", flat=True)) == [3]

    def test_an_unknown_question_is_a_400(self, api_client_for, world):
        response = self.post(api_client_for(world["school_a1"]), world, answers={"999999": 3})
        assert response.status_code == 400
        assert "999999" in response.json()["answers"][0]

    def test_an_unknown_round_or_school_names_the_field(self, api_client_for, world):
        client = api_client_for(world["school_a1"])
        response = client.post(
            "/api/v1/zelfscan/responses/",
            {"round": 999999, "school": world["a1"].pk, "answers": {}},
            format="json",
            **NL,
        )
        assert response.status_code == 400 and "round" in response.json()
        response = client.post(
            "/api/v1/zelfscan/responses/", {"round": world["round"].pk, "school": 999999, "answers": {}}, format="json"
        )
        assert response.status_code == 400 and "school" in response.json()

    def test_a_school_answering_for_another_school_gets_403(self, api_client_for, world):
        first = round_questions(world["round"])[0]
        response = self.post(api_client_for(world["school_a1"]), world, school="b1", answers={str(first.pk): 3})
        assert response.status_code == 403
        assert not Submission.objects.exists()

    @pytest.mark.parametrize("who", ["board_user_a", "secretariat", "partner"])
    def test_roles_that_do_not_fill_in_get_403(self, api_client_for, world, who):
        response = self.post(api_client_for(world[who]), world, answers={})
        assert response.status_code == 403
