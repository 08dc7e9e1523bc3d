"""Steunpunt questions: intake, linking only with consent, answering, call-backs inside the
parents' hours, the figures (Snel, Goed, themes) and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.steunpunt import rules, selectors, services

from .conftest import ctx, last_audit_id, user_for
from .factories import QuestionFactory, mornings

T = datetime.time
MON_9 = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)  # a Monday (local time in the rule)


class ParentsHoursRuleTests:
    slots = [(0, T(9), T(12))]

    def test_the_opening_minute_is_inside_and_the_closing_minute_outside(self):
        assert rules.within_parents_hours(MON_9, self.slots)
        assert rules.within_parents_hours(MON_9.replace(hour=11, minute=59), self.slots)
        assert not rules.within_parents_hours(MON_9.replace(hour=12), self.slots)
        assert not rules.within_parents_hours(MON_9.replace(hour=8, minute=59), self.slots)

    def test_another_weekday_is_outside(self):
        assert not rules.within_parents_hours(MON_9 + datetime.timedelta(days=1), self.slots)

    def test_no_hours_means_no_call_back(self):
        assert not rules.within_parents_hours(MON_9, [])


class FigureRuleTests:
    def test_lead_time_in_hours(self):
        assert rules.lead_time_hours(MON_9, MON_9 + datetime.timedelta(hours=26)) == 26
        assert rules.lead_time_hours(MON_9, None) is None

    def test_wanted_result_share_leaves_unknown_out(self):
        assert rules.wanted_result_share([True, False, None, True]) == pytest.approx(2 / 3)
        assert rules.wanted_result_share([None]) is None


@pytest.mark.django_db
class IntakeTests:
    def test_staff_take_in_a_phone_question_with_an_audit_row(self, world):
        before = last_audit_id()
        question = services.question_take_in(
            swv_id=world["swv"].pk,
            channel="phone",
            asker="parent",
            theme="thuiszitten",
            text="Mijn zoon zit thuis.",
            context=ctx(world["secretariat"]),
        )
        assert question.handled_by == world["secretariat"]
        assert AuditEvent.objects.filter(id__gt=before, object_type="question", action="create").count() == 1

    def test_a_school_user_cannot_take_in_questions(self, world):
        with pytest.raises(PermissionDenied):
            services.question_take_in(
                swv_id=world["swv"].pk,
                channel="phone",
                asker="parent",
                theme="overig",
                text="x",
                context=ctx(world["school_user"]),
            )

    def test_staff_of_another_swv_cannot_take_in_here(self, world):
        with pytest.raises(PermissionDenied):
            services.question_take_in(
                swv_id=world["other_swv"].pk,
                channel="phone",
                asker="parent",
                theme="overig",
                text="x",
                context=ctx(world["secretariat"]),
            )


@pytest.mark.django_db
class LinkTests:
    def test_linking_a_pupil_needs_recorded_consent(self, world):
        question = QuestionFactory(swv=world["swv"])
        with pytest.raises(ValidationError) as error:
            services.question_link(
                question_id=question.pk, consent_on=None, pupil_id=world["pupil"].pk, context=ctx(world["secretariat"])
            )
        assert "consent_on" in error.value.message_dict
        question.refresh_from_db()
        assert question.pupil is None

    def test_with_consent_the_pupil_and_its_school_are_linked(self, world):
        question = QuestionFactory(swv=world["swv"])
        services.question_link(
            question_id=question.pk,
            consent_on=datetime.date(2025, 3, 3),
            pupil_id=world["pupil"].pk,
            context=ctx(world["secretariat"]),
        )
        question.refresh_from_db()
        assert (question.pupil, question.school) == (world["pupil"], world["school"])

    def test_a_consultant_cannot_link_a_pupil_of_another_school(self, world):
        question = QuestionFactory(swv=world["swv"])
        with pytest.raises(ValidationError):
            services.question_link(
                question_id=question.pk,
                consent_on=datetime.date(2025, 3, 3),
                pupil_id=world["neighbour_pupil"].pk,
                context=ctx(world["consultant"]),
            )


@pytest.mark.django_db
class AnswerTests:
    def test_answer_records_the_lead_time_and_the_result(self, world):
        question = QuestionFactory(swv=world["swv"])
        services.question_answer(
            question_id=question.pk,
            answer="Bel de intern begeleider.",
            steps_taken="Gebeld.",
            wanted_result=True,
            context=ctx(world["consultant"]),
        )
        question.refresh_from_db()
        assert question.wanted_result is True
        assert rules.lead_time_hours(question.received_at, question.answered_at) == pytest.approx(48, abs=0.1)

    def test_an_empty_answer_is_refused(self, world):
        question = QuestionFactory(swv=world["swv"])
        with pytest.raises(ValidationError) as error:
            services.question_answer(question_id=question.pk, answer=" ", context=ctx(world["secretariat"]))
        assert "answer" in error.value.message_dict

    def test_staff_of_another_swv_get_not_found(self, world):
        question = QuestionFactory(swv=world["other_swv"])
        with pytest.raises(Http404):
            services.question_answer(question_id=question.pk, answer="x", context=ctx(world["secretariat"]))


@pytest.mark.django_db
class CallbackTests:
    def next_monday(self, hour, minute=0):
        today = timezone.localdate()
        day = today + datetime.timedelta(days=7 - today.weekday())
        return timezone.make_aware(datetime.datetime.combine(day, T(hour, minute)))

    def test_a_call_back_inside_the_parents_hours_is_planned(self, world):
        mornings(world["swv"])
        question = QuestionFactory(swv=world["swv"])
        services.question_callback_plan(
            question_id=question.pk, at=self.next_monday(11, 59), context=ctx(world["secretariat"])
        )
        question.refresh_from_db()
        assert question.callback_at == self.next_monday(11, 59)

    def test_a_call_back_at_closing_time_is_refused(self, world):
        mornings(world["swv"])
        question = QuestionFactory(swv=world["swv"])
        with pytest.raises(ValidationError) as error:
            services.question_callback_plan(
                question_id=question.pk, at=self.next_monday(12), context=ctx(world["secretariat"])
            )
        assert "at" in error.value.message_dict

    def test_a_call_back_in_the_past_is_refused(self, world):
        mornings(world["swv"])
        question = QuestionFactory(swv=world["swv"])
        with pytest.raises(ValidationError):
            services.question_callback_plan(
                question_id=question.pk,
                at=self.next_monday(10) - datetime.timedelta(days=28),
                context=ctx(world["secretariat"]),
            )


@pytest.mark.django_db
class FigureTests:
    def test_figures_per_quarter(self, world):
        tz = timezone.get_current_timezone()
        at = datetime.datetime(2025, 2, 3, 10, tzinfo=tz)
        QuestionFactory(
            swv=world["swv"],
            received_at=at,
            answered_at=at + datetime.timedelta(hours=10),
            wanted_result=True,
            theme="thuiszitten",
        )
        QuestionFactory(
            swv=world["swv"],
            received_at=at,
            answered_at=at + datetime.timedelta(hours=30),
            wanted_result=False,
            theme="thuiszitten",
        )
        QuestionFactory(swv=world["swv"], received_at=at, theme="overstap")  # open
        QuestionFactory(swv=world["other_swv"], received_at=at)  # other SWV
        q1, q2 = selectors.question_figures(
            swv=world["swv"], start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30)
        )
        assert (q1.received, q1.answered, q1.not_wanted) == (3, 2, 1)
        assert q1.lead_time_hours["median"] == 20
        assert q1.wanted_result_share == 0.5
        assert q1.themes == {"thuiszitten": 2, "overstap": 1}
        assert (q2.received, q2.wanted_result_share) == (0, None)


QUESTION_STATUS = {
    Role.SECRETARIAT: (200, 201),
    Role.CONSULTANT: (200, 201),
    Role.MANAGER: (200, 201),
    Role.DIRECTOR: (200, 201),
    Role.SCHOOL: (403, 403),
    Role.BOARD: (403, 403),
    Role.EXPERT: (403, 403),
    Role.POLICY: (403, 403),
    Role.PARTNER: (403, 403),
    Role.PRIVACY_OFFICER: (403, 403),
    Role.ADMIN: (403, 403),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(QUESTION_STATUS))
def test_question_api_per_role(role, world, api_client_for):
    own = QuestionFactory(swv=world["swv"])
    QuestionFactory(swv=world["other_swv"])
    client = api_client_for(user_for(role, world))
    before = last_audit_id()
    listing = client.get("/api/v1/steunpunt/questions/")
    assert listing.status_code == QUESTION_STATUS[role][0]
    assert AuditEvent.objects.filter(id__gt=before, object_type="question").count() == 1
    if listing.status_code == 200:
        assert [row["id"] for row in listing.json()["results"]] == [own.pk]
    created = client.post(
        "/api/v1/steunpunt/questions/",
        {"swv": world["swv"].pk, "channel": "mail", "asker": "youth", "theme": "overig", "text": "Hoe werkt dit?"},
    )
    assert created.status_code == QUESTION_STATUS[role][1]


@pytest.mark.django_db
def test_question_api_refuses_another_swv_and_bad_input(world, api_client_for):
    client = api_client_for(world["secretariat"])
    response = client.post(
        "/api/v1/steunpunt/questions/",
        {"swv": world["other_swv"].pk, "channel": "mail", "asker": "youth", "theme": "overig", "text": "x"},
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/steunpunt/questions/",
        {"swv": world["swv"].pk, "channel": "fax", "asker": "youth", "theme": "overig", "text": "x" * 5001},
    )
    assert response.status_code == 400
