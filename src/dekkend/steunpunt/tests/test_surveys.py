"""Satisfaction surveys (004_1b42683098db768b.txt:89, 108): who gets a one-time link, the link
works once and until it expires, the answers cannot be traced to the recipient, and the results
are shown in aggregate with cells under 5 suppressed."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals.tests.factories import ApplicationFactory
from dekkend.steunpunt import readability, rules, selectors, services
from dekkend.steunpunt.models import SurveyAnswer, SurveyInvitation, SurveyResponse, SurveyRound

from .conftest import ctx, last_audit_id, user_for

pytestmark = pytest.mark.django_db
D = datetime.date


def granted(pupil, decided_on, type="tlv"):
    return ApplicationFactory(pupil=pupil, type=type, status="granted", outcome="granted", decided_on=decided_on)


def send(world, user=None, audience="parents", **overrides):
    today = timezone.localdate()
    arguments = {
        "swv_id": world["swv"].pk,
        "audience": audience,
        "period_start": today - datetime.timedelta(days=90),
        "period_end": today,
    }
    return services.survey_round_send(**{**arguments, **overrides}, context=ctx(user or world["secretariat"]))


def answer(token, **scores):
    return services.survey_answer_submit(token=token, scores=scores or {"uitleg": 4, "gehoord": 5})


class RecipientTests:
    def test_parents_of_pupils_with_a_tlv_or_arrangement_decided_in_the_period(self, world):
        today = timezone.localdate()
        granted(world["pupil"], today - datetime.timedelta(days=10))
        granted(world["neighbour_pupil"], today - datetime.timedelta(days=20), type="onderwijsarrangement")
        granted(PupilFactory(school=world["school"]), today - datetime.timedelta(days=200))  # before the period
        ApplicationFactory(pupil=PupilFactory(school=world["school"]), status="submitted")  # not decided
        granted(world["other_swv_pupil"], today)  # another SWV
        recipients = selectors.survey_recipients(
            swv_id=world["swv"].pk,
            audience="parents",
            period_start=today - datetime.timedelta(days=90),
            period_end=today,
        )
        assert sorted(r.pupil_id for r in recipients) == sorted([world["pupil"].pk, world["neighbour_pupil"].pk])

    def test_a_pupil_with_two_decisions_gets_one_link(self, world):
        today = timezone.localdate()
        granted(world["pupil"], today - datetime.timedelta(days=10))
        granted(world["pupil"], today - datetime.timedelta(days=5), type="onderwijsarrangement")
        survey, links = send(world)
        assert survey.invited == len(links) == 1

    def test_schools_that_applied_for_a_tlv_in_the_period(self, world):
        today = timezone.localdate()
        ApplicationFactory(pupil=world["pupil"], submitted_on=today - datetime.timedelta(days=3))
        ApplicationFactory(pupil=PupilFactory(school=world["school"]), submitted_on=today)
        ApplicationFactory(pupil=world["neighbour_pupil"], submitted_on=today, type="maatwerkbudget")  # no TLV
        survey, links = send(world, audience="schools")
        assert [link.school_name for link in links] == [world["school"].name]
        assert SurveyInvitation.objects.get(round=survey).pupil_id is None

    def test_nobody_in_the_period_is_refused(self, world):
        with pytest.raises(ValidationError):
            send(world)
        assert not SurveyRound.objects.exists()


class SendTests:
    def test_only_the_hash_is_stored_and_the_round_is_audited_with_the_pupils(self, world):
        granted(world["pupil"], timezone.localdate())
        before = last_audit_id()
        survey, [link] = send(world)
        invitation = SurveyInvitation.objects.get(round=survey)
        assert invitation.token_hash == services.survey_token_hash(link.token) != link.token
        assert len(link.token) >= 40
        assert not SurveyInvitation.objects.filter(token_hash=link.token).exists()
        event = AuditEvent.objects.get(id__gt=before, object_type="survey_round")
        assert event.detail["pupil_ids"] == [world["pupil"].pk]

    @pytest.mark.parametrize("role", [Role.SCHOOL, Role.CONSULTANT, Role.PARTNER, Role.POLICY])
    def test_other_roles_cannot_send(self, role, world):
        granted(world["pupil"], timezone.localdate())
        with pytest.raises(PermissionDenied):
            send(world, user=user_for(role, world))

    def test_staff_of_another_swv_cannot_send_for_this_one(self, world):
        from dekkend.accounts.tests.factories import user_with_role

        granted(world["pupil"], timezone.localdate())
        with pytest.raises(PermissionDenied):
            send(world, user=user_with_role(Role.SECRETARIAT, swv=world["other_swv"]))

    @pytest.mark.parametrize("days,ok", [(0, False), (1, True), (90, True), (91, False)])
    def test_a_link_lives_1_to_90_days(self, days, ok, world):
        granted(world["pupil"], timezone.localdate())
        if ok:
            survey, _links = send(world, link_days=days)
            assert survey.expires_at - survey.sent_at == datetime.timedelta(days=days)
        else:
            with pytest.raises(ValidationError):
                send(world, link_days=days)


class OneTimeLinkTests:
    def test_a_link_is_used_once_and_then_refused(self, world):
        granted(world["pupil"], timezone.localdate())
        _survey, [link] = send(world)
        answer(link.token)
        with pytest.raises(services.SurveyLinkRefused) as refused:
            answer(link.token)
        assert refused.value.code == "used"
        assert SurveyResponse.objects.count() == 1

    def test_a_link_works_until_the_moment_it_expires(self, world):
        granted(world["pupil"], timezone.localdate())
        survey, [link] = send(world)
        assert services.survey_invitation_check(
            token=link.token, now=survey.expires_at - datetime.timedelta(seconds=1)
        )
        with pytest.raises(services.SurveyLinkRefused) as refused:
            services.survey_invitation_check(token=link.token, now=survey.expires_at)
        assert refused.value.code == "expired"

    def test_an_expired_link_stores_nothing(self, world):
        granted(world["pupil"], timezone.localdate())
        survey, [link] = send(world)
        SurveyRound.objects.filter(pk=survey.pk).update(
            sent_at=timezone.now() - datetime.timedelta(days=31),
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
        with pytest.raises(services.SurveyLinkRefused) as refused:
            answer(link.token)
        assert refused.value.code == "expired"
        assert not SurveyResponse.objects.exists() and not SurveyInvitation.objects.get().used

    def test_an_unknown_or_absurd_token_is_refused(self, world):
        for token in ("", "x" * 43, "x" * 5000):
            with pytest.raises(services.SurveyLinkRefused):
                services.survey_invitation_check(token=token)

    def test_a_score_outside_the_scale_or_an_unknown_statement_is_refused(self, world):
        granted(world["pupil"], timezone.localdate())
        _survey, [link] = send(world)
        for scores in ({"uitleg": 6}, {"onbekend": 3}):
            with pytest.raises(ValidationError):
                services.survey_answer_submit(token=link.token, scores=scores)
        assert not SurveyInvitation.objects.get().used


class AnonymityTests:
    def test_answers_are_not_traceable_to_the_recipient(self, world):
        granted(world["pupil"], timezone.localdate())
        granted(world["neighbour_pupil"], timezone.localdate())
        survey, links = send(world)
        before = last_audit_id()
        response = answer(links[0].token, uitleg=2)
        # the answer knows its round only; the used link forgot whom it was for
        assert [f.name for f in SurveyResponse._meta.concrete_fields] == ["id", "round"]
        assert {f.name for f in SurveyAnswer._meta.concrete_fields} == {"id", "response", "statement", "score"}
        used = SurveyInvitation.objects.get(round=survey, used=True)
        assert (used.pupil_id, used.school_id) == (None, None)
        assert SurveyInvitation.objects.get(round=survey, used=False).pupil_id is not None
        # nothing in the audit log ties the answer to a link, a pupil or an address
        assert not AuditEvent.objects.filter(id__gt=before).exists()
        assert response.answers.get(statement="uitleg").score == 2


class ResultTests:
    def fill(self, world, answers: list[dict]):
        pupils = [PupilFactory(school=world["school"]) for _ in answers]
        for pupil in pupils:
            granted(pupil, timezone.localdate())
        survey, links = send(world)
        for link, scores in zip(links, answers, strict=True):
            services.survey_answer_submit(token=link.token, scores=scores)
        return selectors.survey_results(survey=survey)

    def test_cells_under_five_are_suppressed_with_a_second_cell_when_one_is_alone(self, world):
        results = self.fill(world, [{"uitleg": 5}] * 6 + [{"uitleg": 4}] * 5 + [{"uitleg": 2}])
        uitleg = next(row for row in results.statements if row.code == "uitleg")
        # 2 (one answer) is under 5; scores 1 and 3 (zero) too, so the total cannot reveal it
        assert uitleg.cells == {1: None, 2: None, 3: None, 4: 5, 5: 6}
        assert uitleg.answers == 12 and uitleg.agree_share == pytest.approx(11 / 12)

    def test_exactly_five_is_shown(self, world):
        results = self.fill(world, [{"snel": 3}] * 5)
        snel = next(row for row in results.statements if row.code == "snel")
        assert snel.cells[3] == 5 and snel.mean == 3.0

    def test_four_answers_show_no_share_no_mean_no_count(self, world):
        results = self.fill(world, [{"past": 5}] * 4)
        past = next(row for row in results.statements if row.code == "past")
        assert (past.agree_share, past.mean, past.answers_shown) == (None, None, None)
        assert set(past.cells.values()) == {None}

    def test_a_statement_nobody_answered(self, world):
        results = self.fill(world, [{"uitleg": 5}] * 5)
        gehoord = next(row for row in results.statements if row.code == "gehoord")
        assert gehoord.answers == 0 and gehoord.agree_share is None

    def test_the_single_suppressed_cell_rule(self):
        assert rules.survey_suppress({1: 6, 2: 7, 3: 8, 4: 9, 5: 3}) == {1: None, 2: 7, 3: 8, 4: 9, 5: None}
        assert rules.survey_suppress({1: 5, 2: 5, 3: 5, 4: 5, 5: 5}) == {1: 5, 2: 5, 3: 5, 4: 5, 5: 5}


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    return client


class SurveyPageTests:
    def test_sending_confirms_first_then_shows_the_links_once(self, world):
        granted(world["pupil"], timezone.localdate())
        client = signed_in(world["secretariat"])
        today = timezone.localdate()
        data = {
            "swv": world["swv"].pk,
            "audience": "parents",
            "period_start": (today - datetime.timedelta(days=30)).isoformat(),
            "period_end": today.isoformat(),
            "link_days": 30,
        }
        confirm = client.post(reverse("steunpunt:survey_new"), data)
        assert confirm.status_code == 200 and "Er worden 1 eenmalige links gemaakt" in confirm.content.decode()
        assert not SurveyRound.objects.exists()
        links = client.post(reverse("steunpunt:survey_new"), {**data, "confirmed": "1"})
        assert links["Cache-Control"] == "no-store"
        [url] = re.findall(r"https?://[^<\s]+/steunpunt/enquete/[^<\s/]+/", links.content.decode())
        survey = SurveyRound.objects.get()
        # the results page never shows a link again
        assert url not in client.get(reverse("steunpunt:survey_results", args=[survey.pk])).content.decode()

    def test_a_bad_period_keeps_the_typed_values(self, world):
        data = {
            "swv": world["swv"].pk,
            "audience": "schools",
            "period_start": "2025-05-01",
            "period_end": "2025-04-01",
        }
        response = signed_in(world["secretariat"]).post(reverse("steunpunt:survey_new"), {**data, "link_days": 30})
        assert response.status_code == 400
        page = response.content.decode()
        assert "2025-05-01" in page and "vóór het begin" in page

    @pytest.mark.parametrize("role,status", [(Role.SECRETARIAT, 200), (Role.SCHOOL, 403), (Role.PARTNER, 403)])
    def test_who_may_open_the_surveys(self, role, status, world):
        assert signed_in(user_for(role, world)).get(reverse("steunpunt:survey_list")).status_code == status

    def test_results_of_another_swv_are_not_found(self, world):
        from dekkend.accounts.tests.factories import user_with_role

        granted(world["pupil"], timezone.localdate())
        survey, _links = send(world)
        other = user_with_role(Role.SECRETARIAT, swv=world["other_swv"])
        assert signed_in(other).get(reverse("steunpunt:survey_results", args=[survey.pk])).status_code == 404

    def test_the_results_page_has_the_chart_and_the_table(self, world):
        results_data = [{"uitleg": 5}] * 5
        pupils = [PupilFactory(school=world["school"]) for _ in results_data]
        for pupil in pupils:
            granted(pupil, timezone.localdate())
        survey, links = send(world)
        for link, scores in zip(links, results_data, strict=True):
            services.survey_answer_submit(token=link.token, scores=scores)
        page = (
            signed_in(world["secretariat"]).get(reverse("steunpunt:survey_results", args=[survey.pk])).content.decode()
        )
        assert "<svg" in page and "<table" in page and "100%" in page and "&lt;5" in page


class PublicAnswerPageTests:
    def link(self, world, audience="parents"):
        if audience == "parents":
            granted(world["pupil"], timezone.localdate())
        else:
            ApplicationFactory(pupil=world["pupil"], submitted_on=timezone.localdate())
        _survey, [link] = send(world, audience=audience)
        return reverse("steunpunt:survey_answer", args=[link.token])

    def test_a_parent_answers_without_signing_in_then_the_link_is_refused(self, world):
        url = self.link(world)
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        page = client.get(url)
        assert page.status_code == 200 and page["Cache-Control"] == "no-store"
        assert page["Referrer-Policy"] == "same-origin"  # no token in a Referer to other sites; Origin kept for CSRF
        response = client.post(url, {"uitleg": "4", "gehoord": "5", "past": "", "snel": "2"})
        assert response.status_code == 302 and response["Location"] == reverse("steunpunt:survey_thanks")
        assert sorted(SurveyAnswer.objects.values_list("statement", "score")) == [
            ("gehoord", 5),
            ("snel", 2),
            ("uitleg", 4),
        ]
        again = client.get(url)
        assert again.status_code == 410 and "al gebruikt" in again.content.decode()
        assert client.post(url, {"uitleg": "1"}).status_code == 410
        assert SurveyResponse.objects.count() == 1

    def test_a_bad_score_keeps_the_choices(self, world):
        url = self.link(world)
        response = Client(HTTP_ACCEPT_LANGUAGE="nl").post(url, {"uitleg": "9", "gehoord": "5"})
        assert response.status_code == 400
        assert re.search(r'name="gehoord" value="5"[^>]*checked', response.content.decode())
        assert not SurveyResponse.objects.exists()

    def test_an_unknown_link_is_404_and_an_expired_one_410(self, world):
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        assert client.get(reverse("steunpunt:survey_answer", args=["onbekend"])).status_code == 404
        url = self.link(world)
        SurveyRound.objects.update(
            sent_at=timezone.now() - datetime.timedelta(days=31),
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
        response = client.get(url)
        assert response.status_code == 410 and "te oud" in response.content.decode()

    @pytest.mark.parametrize("audience", ["parents", "schools"])
    def test_the_answer_page_reads_at_b1_and_every_choice_has_a_label(self, audience, world):
        url = self.link(world, audience)
        html = Client(HTTP_ACCEPT_LANGUAGE="nl").get(url).content.decode()
        score = readability.flesch_douma(readability.html_text(html))
        assert score.is_b1, score
        radios = re.findall(r'<input type="radio"[^>]*id="([^"]+)"', html)
        assert radios and all(f'for="{radio}"' in html for radio in radios)
        assert html.count("<fieldset") == len(rules.SURVEY_STATEMENTS[audience])

    def test_the_refusal_and_thanks_pages_read_at_b1(self, world):
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        for html in (
            client.get(reverse("steunpunt:survey_answer", args=["onbekend"])).content.decode(),
            client.get(reverse("steunpunt:survey_thanks")).content.decode(),
        ):
            assert readability.flesch_douma(readability.html_text(html)).is_b1

    def test_every_statement_is_translated(self):
        with translation.override("nl"):
            dutch = [str(label) for rows in rules.SURVEY_STATEMENTS.values() for _code, label in rows]
        with translation.override("en"):
            english = [str(label) for rows in rules.SURVEY_STATEMENTS.values() for _code, label in rows]
        assert all(nl != en for nl, en in zip(dutch, english, strict=True))
