"""Each rule after the decision at its edges: the day before, on and after each date
(rules.py; sources in docs/admissions.md)."""

import datetime

import pytest

from dekkend.admissions import rules
from dekkend.referrals.tests.factories import ApplicationFactory

D = datetime.date
REGISTERED = D(2025, 3, 3)  # a Monday
SIX_WEEKS = D(2025, 4, 14)
TEN_WEEKS = D(2025, 5, 12)


class ZorgplichtClockTests:
    def test_the_school_decides_within_six_weeks_of_the_registration(self):
        assert rules.zorgplicht_decision_due(REGISTERED) == SIX_WEEKS

    @pytest.mark.parametrize(
        ("on", "late"),
        [
            (SIX_WEEKS - datetime.timedelta(days=1), False),
            (SIX_WEEKS, False),
            (SIX_WEEKS + datetime.timedelta(days=1), True),
        ],
    )
    def test_a_decision_after_the_due_date_is_late(self, on, late):
        assert rules.zorgplicht_decision_late(SIX_WEEKS, on) is late

    def test_the_longest_period_is_ten_weeks(self):
        assert rules.zorgplicht_final_due(REGISTERED) == TEN_WEEKS

    @pytest.mark.parametrize(
        ("on", "right"),
        [
            (TEN_WEEKS - datetime.timedelta(days=1), False),
            (TEN_WEEKS, False),
            (TEN_WEEKS + datetime.timedelta(days=1), True),
        ],
    )
    def test_temporary_placement_is_a_right_from_the_day_after_ten_weeks(self, on, right):
        assert rules.temporary_placement_right(REGISTERED, on) is right


class ZorgplichtExtensionTests:
    def problem(self, **overrides):
        arguments = {
            "weeks": 4,
            "already_extended": False,
            "registered_on": REGISTERED,
            "due": SIX_WEEKS,
            "on": SIX_WEEKS,
            "parents_notified_on": SIX_WEEKS,
        }
        return rules.zorgplicht_extension_problem(**{**arguments, **overrides})

    def test_four_weeks_on_the_last_day_with_the_parents_told_is_allowed(self):
        assert self.problem() == {}

    @pytest.mark.parametrize("weeks", [0, 5])
    def test_more_than_four_weeks_or_none_is_refused(self, weeks):
        assert "weeks" in self.problem(weeks=weeks)

    def test_a_second_extension_is_refused(self):
        assert "weeks" in self.problem(already_extended=True)

    def test_an_extension_the_day_after_the_six_weeks_is_refused(self):
        assert "date" in self.problem(on=SIX_WEEKS + datetime.timedelta(days=1))

    def test_the_parents_must_be_told_in_writing(self):
        assert "parents_notified_on" in self.problem(parents_notified_on=None)
        assert "parents_notified_on" in self.problem(parents_notified_on=SIX_WEEKS + datetime.timedelta(days=1))


class RefusalTests:
    def test_a_refusal_names_another_school_with_a_fitting_place(self):
        assert rules.refusal_problem(school_id=1, offer_school_id=2, motivation="Geen passend aanbod.") == {}

    def test_a_refusal_without_an_offer_points_to_the_plaatsingstafel(self):
        problems = rules.refusal_problem(school_id=1, offer_school_id=None, motivation="Geen plek.")
        assert "plaatsingstafel" in problems["offer_school"]

    def test_the_offer_cannot_be_the_refusing_school(self):
        assert "offer_school" in rules.refusal_problem(school_id=1, offer_school_id=1, motivation="x")

    def test_a_refusal_needs_its_reasons(self):
        assert "motivation" in rules.refusal_problem(school_id=1, offer_school_id=2, motivation=" ")


@pytest.mark.django_db
class TlvForSpecialSchoolTests:
    @pytest.fixture
    def tlv(self):
        return ApplicationFactory(
            status="granted", provision_type="sbo", valid_from=D(2025, 2, 1), valid_until=D(2027, 7, 31)
        )

    def test_a_regular_school_needs_no_tlv(self):
        assert rules.tlv_problem(school_type="bao", application=None, on=REGISTERED) == ""

    def test_a_special_school_needs_a_granted_tlv(self, tlv):
        assert rules.tlv_problem(school_type="sbo", application=None, on=REGISTERED)
        tlv.status = "refusal_intended"
        assert rules.tlv_problem(school_type="sbo", application=tlv, on=REGISTERED)

    def test_the_tlv_must_be_for_this_type_of_school(self, tlv):
        assert rules.tlv_problem(school_type="so", application=tlv, on=REGISTERED)

    @pytest.mark.parametrize(
        ("on", "fits"),
        [(D(2025, 1, 31), False), (D(2025, 2, 1), True), (D(2027, 7, 31), True), (D(2027, 8, 1), False)],
    )
    def test_the_tlv_must_be_valid_on_the_placement_date(self, tlv, on, fits):
        assert (rules.tlv_problem(school_type="sbo", application=tlv, on=on) == "") is fits

    def test_an_emb_tlv_has_no_end(self, tlv):
        tlv.valid_until = None
        assert rules.tlv_problem(school_type="sbo", application=tlv, on=D(2040, 1, 1)) == ""


class TransferNoticeTests:
    @pytest.mark.parametrize(("start", "short"), [(TEN_WEEKS - datetime.timedelta(days=1), True), (TEN_WEEKS, False)])
    def test_parents_register_at_least_ten_weeks_before_the_transfer(self, start, short):
        assert rules.transfer_notice_short(REGISTERED, start) is short


class HandoverChecklistTests:
    def test_no_handover_misses_everything(self):
        assert len(rules.handover_missing(None)) == 3

    def test_documents_are_shared_only_with_the_parents_consent(self):
        assert rules.handover_consent_problem(documents_shared_on=REGISTERED, parents_consent=False)
        assert rules.handover_consent_problem(documents_shared_on=REGISTERED, parents_consent=True) == ""
        assert rules.handover_consent_problem(documents_shared_on=None, parents_consent=False) == ""


class PlacementTableTests:
    def test_a_dispute_comes_to_the_table_only_when_the_boards_disagree(self):
        assert rules.table_problem(reason="dispute", boards_disagreed=False)
        assert rules.table_problem(reason="dispute", boards_disagreed=True) == ""

    def test_a_pupil_without_a_fitting_place_goes_to_the_table_directly(self):
        assert rules.table_problem(reason="no_fitting_place", boards_disagreed=False) == ""


SENT = D(2025, 4, 2)  # a Wednesday
TERM_END = D(2025, 5, 14)


class ObjectionTermTests:
    def test_the_objection_term_is_six_weeks_from_the_day_after_the_letter(self):
        assert rules.objection_term_end(SENT) == TERM_END

    def test_a_term_ending_on_a_saturday_ends_on_the_monday(self):
        assert rules.objection_term_end(D(2025, 4, 5)) == D(2025, 5, 19)

    @pytest.mark.parametrize(
        ("received", "timely"),
        [
            (TERM_END - datetime.timedelta(days=1), True),
            (TERM_END, True),
            (TERM_END + datetime.timedelta(days=1), False),
        ],
    )
    def test_received_after_the_term_is_late(self, received, timely):
        assert rules.objection_timely(term_end=TERM_END, received_on=received) is timely

    @pytest.mark.parametrize(("received", "timely"), [(D(2025, 5, 21), True), (D(2025, 5, 22), False)])
    def test_posted_in_time_and_received_within_a_week_is_in_time(self, received, timely):
        assert rules.objection_timely(term_end=TERM_END, received_on=received, posted_on=TERM_END) is timely

    def test_posted_after_the_term_is_late(self):
        assert not rules.objection_timely(
            term_end=TERM_END, received_on=D(2025, 5, 16), posted_on=TERM_END + datetime.timedelta(days=1)
        )


class ObjectionHandlingTermTests:
    def test_decide_within_six_weeks_after_the_objection_term(self):
        assert rules.objection_decision_due(TERM_END) == D(2025, 6, 25)

    def test_twelve_weeks_with_an_advisory_committee(self):
        assert rules.objection_decision_due(TERM_END, advisory_committee=True) == D(2025, 8, 6)

    def test_postponed_once_by_at_most_six_weeks_before_the_term_ends(self):
        due = D(2025, 6, 25)
        assert rules.objection_extension_problem(weeks=6, already_extended=False, due=due, on=due) == {}
        assert "weeks" in rules.objection_extension_problem(weeks=7, already_extended=False, due=due, on=due)
        assert "weeks" in rules.objection_extension_problem(weeks=6, already_extended=True, due=due, on=due)
        late = due + datetime.timedelta(days=1)
        assert "date" in rules.objection_extension_problem(weeks=6, already_extended=False, due=due, on=late)


class ObjectionDecisionTests:
    def problem(self, **overrides):
        arguments = {
            "outcome": "ongegrond",
            "is_late": False,
            "late_excused": False,
            "hearing_on": D(2025, 6, 1),
            "hearing_waived": False,
            "motivation": "Synthetische motivering.",
        }
        return rules.objection_decision_problem(**{**arguments, **overrides})

    def test_after_a_hearing_the_objection_can_be_decided(self):
        assert self.problem() == {}

    def test_the_objector_is_heard_first_unless_waived(self):
        assert "hearing" in self.problem(hearing_on=None)
        assert self.problem(hearing_on=None, hearing_waived=True) == {}

    def test_an_inadmissible_objection_needs_no_hearing(self):
        assert self.problem(outcome="niet_ontvankelijk", hearing_on=None, is_late=True) == {}

    def test_a_late_objection_is_decided_on_its_merits_only_when_excused(self):
        assert "late_excused" in self.problem(is_late=True)
        assert self.problem(is_late=True, late_excused=True) == {}


class DeadlineWordsTests:
    def test_overdue_is_said_in_words(self):
        deadline = rules.Deadline(SIX_WEEKS, "besluit")
        assert deadline.words(SIX_WEEKS) == "vandaag"
        assert deadline.words(SIX_WEEKS - datetime.timedelta(days=1)) == "over 1 dag"
        assert deadline.words(SIX_WEEKS + datetime.timedelta(days=3)) == "3 dagen te laat"
