"""The zelfscan round: the SWV opens it, the school answers (partial saves kept), the board
releases; bad input stores nothing and says which question in Dutch."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.basicsupport.models import Answer, Round, Submission
from dekkend.basicsupport.selectors import round_progress, round_questions
from dekkend.basicsupport.services import round_open, submission_release, submission_return, submission_save

from .helpers import answers_with, scan

pytestmark = pytest.mark.django_db


def ctx(user):
    return AuditContext(user=user, purpose="test")


class RoundOpenTests:
    def test_the_secretariat_opens_a_round_compared_with_the_previous_one(self, world):
        new = round_open(swv=world["swv"], variant="po", school_year="2026-2027", context=ctx(world["secretariat"]))
        assert new.previous == world["round"]
        assert new.threshold == Decimal("85")
        assert new.norm_version.version == "2025-07"

    def test_a_threshold_per_round(self, world):
        new = round_open(
            swv=world["swv"],
            variant="vo",
            school_year="2026-2027",
            threshold=Decimal("80"),
            context=ctx(world["secretariat"]),
        )
        assert new.threshold == Decimal("80")

    def test_a_board_or_another_swv_may_not_open_a_round(self, world):
        for user in (world["board_user_a"], world["secretariat_elsewhere"], world["school_a1"]):
            with pytest.raises(PermissionDenied):
                round_open(swv=world["swv"], variant="po", school_year="2026-2027", context=ctx(user))
        assert Round.objects.count() == 1

    def test_one_round_per_school_year_and_variant(self, world):
        with pytest.raises(ValidationError) as error:
            round_open(swv=world["swv"], variant="po", school_year="2025-2026", context=ctx(world["secretariat"]))
        assert "school_year" in error.value.message_dict

    def test_the_2024_norm_has_no_questions_for_the_stedelijke_voorzieningen(self, world):
        from .factories import norm_2024

        with pytest.raises(ValidationError) as error:
            round_open(
                swv=world["swv"],
                variant="sv",
                school_year="2024-2025",
                norm_version=norm_2024(),
                context=ctx(world["secretariat"]),
            )
        assert "variant" in error.value.message_dict


class AnswerTests:
    def test_a_partial_save_keeps_what_was_typed(self, world):
        zelfscan_round = world["round"]
        first = round_questions(zelfscan_round)[0]
        submission = submission_save(
            zelfscan_round=zelfscan_round,
            school=world["a1"],
            answers={first.pk: 3},
            comments={first.pk: "Staat in de schoolgids"},
            context=ctx(world["school_a1"]),
        )
        assert submission.status == Submission.Status.DRAFT
        answer = Answer.objects.get(submission=submission)
        assert (answer.score, answer.comment) == (3, "Staat in de schoolgids")

    def test_submitting_with_open_questions_names_the_first_in_dutch_and_keeps_the_saved_answers(self, world):
        zelfscan_round = world["round"]
        questions = round_questions(zelfscan_round)
        partial = {q.pk: 4 for q in questions[:-1]}
        submission_save(
            zelfscan_round=zelfscan_round, school=world["a1"], answers=partial, context=ctx(world["school_a1"])
        )
        with translation.override("nl"), pytest.raises(ValidationError) as error:
            submission_save(
                zelfscan_round=zelfscan_round,
                school=world["a1"],
                answers={},
                submit=True,
                context=ctx(world["school_a1"]),
            )
        message = error.value.message_dict["answers"][0]
        assert message.startswith("Nog niet beantwoord")
        assert f"vraag {questions[-1].pk}" in message
        assert Answer.objects.filter(submission__school=world["a1"]).count() == len(questions) - 1

    def test_a_value_off_the_scale_stores_nothing_and_names_the_question(self, world):
        zelfscan_round = world["round"]
        first, second = round_questions(zelfscan_round)[:2]
        with translation.override("nl"), pytest.raises(ValidationError) as error:
            submission_save(
                zelfscan_round=zelfscan_round,
                school=world["a1"],
                answers={first.pk: 3, second.pk: 5},
                context=ctx(world["school_a1"]),
            )
        assert f"vraag {second.pk}" in error.value.message_dict["answers"][0]
        assert "1 tot en met 4" in error.value.message_dict["answers"][0]
        assert not Answer.objects.exists()

    @pytest.mark.parametrize("value", [0, 5, "3.5", True, [3]])
    def test_every_value_off_the_scale_is_refused(self, world, value):
        first = round_questions(world["round"])[0]
        with pytest.raises(ValidationError):
            submission_save(
                zelfscan_round=world["round"],
                school=world["a1"],
                answers={first.pk: value},
                context=ctx(world["school_a1"]),
            )

    def test_an_unknown_question_is_refused(self, world):
        from .factories import norm_2024

        old_question = norm_2024().aspects.first().questions.first()  # a question of another version
        with pytest.raises(ValidationError) as error:
            submission_save(
                zelfscan_round=world["round"],
                school=world["a1"],
                answers={old_question.pk: 3},
                context=ctx(world["school_a1"]),
            )
        assert "answers" in error.value.message_dict

    def test_a_vo_question_is_not_part_of_a_po_round(self, world):
        questions = {q.code for q in round_questions(world["round"])}
        assert "os-klankbordgroep" not in questions and "os-netwerk-wijk" in questions
        assert "moeilijk-lerend-n1-dossier" in questions

    def test_a_school_may_not_answer_for_another_school(self, world):
        with pytest.raises(PermissionDenied):
            scan(world["round"], world["b1"], 0, user=world["school_a1"])
        assert not Submission.objects.exists()
        assert AuditEvent.objects.filter(object_type="zelfscan_submission", outcome="denied").exists()

    def test_a_school_outside_the_variant_does_not_take_part(self, world):
        from dekkend.accounts.models import Role
        from dekkend.accounts.tests.factories import user_with_role

        with pytest.raises(ValidationError):
            scan(world["round"], world["vo"], 0, user=user_with_role(Role.SCHOOL, school=world["vo"]))

    def test_a_submitted_scan_cannot_be_changed_until_the_board_sends_it_back(self, world):
        submission = scan(world["round"], world["a1"], 0, user=world["school_a1"])
        with pytest.raises(ValidationError):
            scan(world["round"], world["a1"], 5, user=world["school_a1"], submit=False)
        submission_return(submission=submission, context=ctx(world["board_user_a"]))
        scan(world["round"], world["a1"], 5, user=world["school_a1"], submit=False)
        assert Answer.objects.filter(submission=submission, score=2).count() == 5

    def test_a_closed_round_takes_no_answers(self, world):
        Round.objects.filter(pk=world["round"].pk).update(status=Round.Status.CLOSED)
        world["round"].refresh_from_db()
        with pytest.raises(ValidationError):
            scan(world["round"], world["a1"], 0, user=world["school_a1"])

    def test_ambitions_are_themes_of_the_norm(self, world):
        zelfscan_round = world["round"]
        theme = zelfscan_round.norm_version.aspects.get(code="nt2")
        aspect = zelfscan_round.norm_version.aspects.get(code="basiskwaliteit")
        submission = submission_save(
            zelfscan_round=zelfscan_round,
            school=world["a1"],
            answers={},
            ambitions=[theme.pk],
            context=ctx(world["school_a1"]),
        )
        assert list(submission.ambitions.all()) == [theme]
        with pytest.raises(ValidationError):
            submission_save(
                zelfscan_round=zelfscan_round,
                school=world["a1"],
                answers={},
                ambitions=[aspect.pk],
                context=ctx(world["school_a1"]),
            )


class ReleaseTests:
    def test_the_board_releases_its_schools_scan(self, world):
        submission = scan(world["round"], world["a1"], 0, user=world["school_a1"], release_by=world["board_user_a"])
        assert submission.status == Submission.Status.RELEASED
        assert submission.released_by == world["board_user_a"]

    def test_another_board_may_not_release(self, world):
        submission = scan(world["round"], world["a1"], 0, user=world["school_a1"])
        for user in (world["board_user_b"], world["school_a1"], world["secretariat"]):
            with pytest.raises(PermissionDenied):
                submission_release(submission=submission, context=ctx(user))
        submission.refresh_from_db()
        assert submission.status == Submission.Status.SUBMITTED

    def test_a_draft_cannot_be_released(self, world):
        submission = scan(world["round"], world["a1"], 0, user=world["school_a1"], submit=False)
        with pytest.raises(ValidationError):
            submission_release(submission=submission, context=ctx(world["board_user_a"]))


class ProgressTests:
    def test_progress_per_school_in_scope(self, world):
        zelfscan_round = world["round"]
        first = round_questions(zelfscan_round)[:10]
        submission_save(
            zelfscan_round=zelfscan_round,
            school=world["a1"],
            answers={q.pk: 3 for q in first},
            context=ctx(world["school_a1"]),
        )
        rows = {
            row.school.name: row for row in round_progress(user=world["secretariat"], zelfscan_round=zelfscan_round)
        }
        assert set(rows) == {"De Aak", "De Boei", "De Cirkel"}
        assert (rows["De Aak"].status, rows["De Aak"].answered) == ("draft", 10)
        assert rows["De Boei"].status == "not_started"
        board_rows = round_progress(user=world["board_user_b"], zelfscan_round=zelfscan_round)
        assert [row.school.name for row in board_rows] == ["De Cirkel"]
        assert round_progress(user=world["secretariat_elsewhere"], zelfscan_round=zelfscan_round) == []


def test_answers_with_counts_the_insufficient_ones(world):
    answers = answers_with(world["round"], 7)
    assert sum(1 for value in answers.values() if value < 3) == 7
