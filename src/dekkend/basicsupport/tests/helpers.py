"""Filling in a scan in tests: every question answered, a chosen number of them below voldoende."""

from dekkend.audit.services import AuditContext
from dekkend.basicsupport.selectors import round_questions
from dekkend.basicsupport.services import submission_release, submission_save


def answers_with(zelfscan_round, insufficient: int, *, low: int = 2, high: int = 3) -> dict[int, int]:
    questions = round_questions(zelfscan_round)
    return {q.pk: (low if index < insufficient else high) for index, q in enumerate(questions)}


def scan(zelfscan_round, school, insufficient: int, *, user=None, release_by=None, submit=True):
    """Fill in (and submit, and release) a school's scan with ``insufficient`` answers below voldoende."""
    submission = submission_save(
        zelfscan_round=zelfscan_round,
        school=school,
        answers=answers_with(zelfscan_round, insufficient),
        submit=submit,
        context=AuditContext(user=user, purpose="test"),
    )
    if release_by is not None:
        submission = submission_release(submission=submission, context=AuditContext(user=release_by, purpose="test"))
    return submission


def ctx_for(user):
    return AuditContext(user=user, purpose="test")
