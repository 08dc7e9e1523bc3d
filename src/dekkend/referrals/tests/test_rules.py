"""Each statutory rule at its edges (rules.py; sources in docs/toeleiding.md)."""

import datetime

import pytest

from dekkend.accounts.tests.factories import UserFactory
from dekkend.organisations.tests.factories import BoardFactory
from dekkend.referrals import rules
from dekkend.referrals.models import Discipline, ExpertProfile

from .factories import ApplicationFactory, DocumentFactory

SUBMITTED = datetime.date(2025, 3, 10)  # no 29 February in the year before: 365 days = 1 year
D = datetime.date


def days_before(days: int) -> datetime.date:
    return SUBMITTED - datetime.timedelta(days=days)


@pytest.fixture
def application(db):
    application = ApplicationFactory(pupil__birth_date=D(2015, 1, 1))
    DocumentFactory(application=application, kind="lvs", document_date=days_before(10))
    return application


class DocumentAgeTests:
    @pytest.mark.parametrize(("age_in_days", "in_time"), [(364, True), (365, True), (366, False)])
    def test_opp_at_most_one_year_old(self, application, age_in_days, in_time):
        DocumentFactory(application=application, kind="opp", document_date=days_before(age_in_days))
        problems = rules.documents_complete(application, SUBMITTED)
        assert (problems == []) is in_time
        if not in_time:
            assert any("1 jaar" in p for p in problems)

    @pytest.mark.parametrize(("age_in_days", "in_time"), [(364, True), (365, True), (366, False)])
    def test_care_report_at_most_one_year_old(self, application, age_in_days, in_time):
        DocumentFactory(application=application, kind="opp", document_date=days_before(1))
        DocumentFactory(application=application, kind="hulpverleningsverslag", document_date=days_before(age_in_days))
        assert (rules.documents_complete(application, SUBMITTED) == []) is in_time

    @pytest.mark.parametrize(
        ("age", "in_time"), [(D(2023, 3, 11), True), (D(2023, 3, 10), True), (D(2023, 3, 9), False)]
    )
    def test_psychological_assessment_at_most_two_years_old(self, application, age, in_time):
        DocumentFactory(application=application, kind="opp", document_date=days_before(1))
        DocumentFactory(application=application, kind="psychologisch_onderzoek", document_date=age)
        assert (rules.documents_complete(application, SUBMITTED) == []) is in_time

    def test_missing_opp_and_lvs_named(self, db):
        problems = rules.documents_complete(ApplicationFactory(), SUBMITTED)
        assert any("OPP" in p for p in problems) and any("LVS" in p for p in problems)

    def test_unsigned_opp_accepted_when_parents_view_recorded(self, application):
        DocumentFactory(application=application, kind="opp", document_date=days_before(30), signed_by_parents=False)
        assert rules.documents_complete(application, SUBMITTED) == []
        application.parent_view = ""
        problems = rules.documents_complete(application, SUBMITTED)
        assert any("niet ondertekend" in p for p in problems)


class PupilViewTests:
    @pytest.mark.parametrize(
        ("birth_date", "required"),
        [(D(2009, 3, 11), False), (D(2009, 3, 10), True), (D(2008, 1, 1), True), (D(2010, 1, 1), False)],
    )
    def test_required_from_sixteen_on_the_submission_date(self, birth_date, required):
        assert rules.pupil_view_required(birth_date, SUBMITTED) is required

    def test_sixteen_year_old_without_view_is_incomplete(self, application):
        DocumentFactory(application=application, kind="opp", document_date=days_before(1))
        application.pupil.birth_date = D(2009, 3, 10)
        assert any("16" in p for p in rules.documents_complete(application, SUBMITTED))
        application.pupil_view = "Ik wil naar een school die bij mij past."
        assert rules.documents_complete(application, SUBMITTED) == []


class DeadlineTests:
    def test_documents_due_four_weeks_after_incomplete(self):
        assert rules.documents_due(D(2025, 3, 10)) == D(2025, 4, 7)

    def test_decision_due_six_weeks_after_complete(self):
        assert rules.decision_due(D(2025, 3, 17)) == D(2025, 4, 28)

    @pytest.mark.parametrize(
        ("on", "late"), [(D(2025, 4, 27), False), (D(2025, 4, 28), False), (D(2025, 4, 29), True)]
    )
    def test_decision_late_only_after_the_due_date(self, on, late):
        assert rules.decision_overdue(D(2025, 4, 28), on) is late

    def test_extension_of_four_weeks_allowed(self):
        assert rules.extension_problem(weeks=4, already_extended=False, due=D(2025, 4, 28), on=D(2025, 4, 28)) == ""

    def test_extension_of_five_weeks_refused(self):
        assert "4 weken" in rules.extension_problem(
            weeks=5, already_extended=False, due=D(2025, 4, 28), on=D(2025, 4, 1)
        )

    def test_second_extension_refused(self):
        assert rules.extension_problem(weeks=1, already_extended=True, due=D(2025, 4, 28), on=D(2025, 4, 1))

    def test_extension_after_the_deadline_refused(self):
        assert rules.extension_problem(weeks=2, already_extended=False, due=D(2025, 4, 28), on=D(2025, 4, 29))


class ValidityTests:
    def valid_until(self, **kwargs):
        defaults = {
            "valid_from": D(2025, 4, 1),
            "duration": "langdurig",
            "provision_type": "so",
            "birth_date": D(2015, 1, 1),
        }
        return rules.tlv_valid_until(**{**defaults, **kwargs})

    def test_long_term_four_school_years_ending_31_july(self):
        assert self.valid_until() == D(2028, 7, 31)
        assert self.valid_until(valid_from=D(2025, 8, 1)) == D(2029, 7, 31)

    @pytest.mark.parametrize(("years", "until"), [(1, D(2025, 7, 31)), (2, D(2026, 7, 31))])
    def test_activating_one_or_two_school_years(self, years, until):
        assert self.valid_until(duration="activerend", school_years=years) == until

    def test_pro_until_the_eighteenth_birthday(self):
        assert self.valid_until(provision_type="pro", birth_date=D(2012, 5, 17)) == D(2030, 5, 16)

    def test_emb_whole_school_career(self):
        assert self.valid_until(emb=True) is None


class ExpertTests:
    @pytest.mark.parametrize(
        ("discipline", "ok"),
        [(Discipline.ORTHOPEDAGOOG, True), (Discipline.PSYCHOLOOG, True), (Discipline.ARTS, False)],
    )
    def test_first_expert_orthopedagoog_or_psycholoog(self, discipline, ok):
        assert (rules.first_expert_problem(ExpertProfile(discipline=discipline)) == "") is ok

    def test_expert_employed_by_a_board_of_the_swv_is_not_independent(self, db):
        board, other = BoardFactory(), BoardFactory()
        profile = ExpertProfile(discipline="psycholoog", employed_by_board=board, user=UserFactory())
        assert rules.independence_problem(profile, {board.pk}) != ""
        assert rules.independence_problem(profile, {other.pk}) == ""


class RetentionTests:
    def test_documents_three_years_decision_seven(self):
        assert rules.documents_destroy_on(D(2025, 4, 1)) == D(2028, 4, 1)
        assert rules.decision_destroy_on(D(2025, 4, 1)) == D(2032, 4, 1)
