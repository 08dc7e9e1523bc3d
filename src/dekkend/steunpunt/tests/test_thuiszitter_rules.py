"""The shared thuiszitter definitions and the quarter arithmetic, at their edges."""

import datetime

from dekkend.steunpunt import rules
from dekkend.steunpunt.rules import Category

D = datetime.date


class CategoryTests:
    def test_relative_absence_of_exactly_four_weeks_is_still_threatened(self):
        assert rules.thuiszitter_category(kind="relatief", absent_since=D(2025, 1, 1), on=D(2025, 1, 29)) == (
            Category.THREATENED
        )

    def test_relative_absence_of_four_weeks_and_a_day_is_a_thuiszitter(self):
        assert rules.thuiszitter_category(kind="relatief", absent_since=D(2025, 1, 1), on=D(2025, 1, 30)) == (
            Category.THUISZITTER
        )

    def test_absolute_absence_counts_from_the_first_day(self):
        assert rules.thuiszitter_category(kind="absoluut", absent_since=None, on=D(2025, 1, 1)) == Category.ABSOLUTE

    def test_threatened_without_absence_stays_threatened(self):
        assert rules.thuiszitter_category(kind="dreigend", absent_since=None, on=D(2026, 1, 1)) == Category.THREATENED

    def test_relative_absence_without_a_start_date_is_threatened(self):
        assert rules.thuiszitter_category(kind="relatief", absent_since=None, on=D(2026, 1, 1)) == Category.THREATENED

    def test_a_case_ended_on_the_day_is_ended_and_the_day_before_not(self):
        args = {"kind": "absoluut", "absent_since": None, "ended_on": D(2025, 3, 1)}
        assert rules.thuiszitter_category(on=D(2025, 3, 1), **args) == Category.ENDED
        assert rules.thuiszitter_category(on=D(2025, 2, 28), **args) == Category.ABSOLUTE


class DurationTests:
    def test_open_case_counts_to_today(self):
        assert rules.duration_days(reported_on=D(2025, 1, 1), ended_on=None, on=D(2025, 1, 31)) == 30

    def test_ended_case_counts_to_its_end(self):
        assert rules.duration_days(reported_on=D(2025, 1, 1), ended_on=D(2025, 1, 11), on=D(2025, 6, 1)) == 10


class QuarterTests:
    def test_quarter_edges(self):
        assert rules.quarter_of(D(2025, 3, 31)) == (D(2025, 1, 1), D(2025, 3, 31))
        assert rules.quarter_of(D(2025, 4, 1)) == (D(2025, 4, 1), D(2025, 6, 30))
        assert rules.quarter_of(D(2025, 12, 31)) == (D(2025, 10, 1), D(2025, 12, 31))

    def test_quarters_between_spans_a_year_end(self):
        labels = [rules.quarter_label(start) for start, _ in rules.quarters_between(D(2025, 11, 5), D(2026, 2, 1))]
        assert labels == ["2025-K4", "2026-K1"]

    def test_active_in_a_quarter_at_its_edges(self):
        quarter = {"start": D(2025, 4, 1), "end": D(2025, 6, 30)}
        assert rules.active_in(reported_on=D(2025, 6, 30), ended_on=None, **quarter)
        assert not rules.active_in(reported_on=D(2025, 7, 1), ended_on=None, **quarter)
        assert rules.active_in(reported_on=D(2025, 1, 1), ended_on=D(2025, 4, 1), **quarter)
        assert not rules.active_in(reported_on=D(2025, 1, 1), ended_on=D(2025, 3, 31), **quarter)


class FollowUpTests:
    def test_the_planned_day_itself_is_not_overdue(self):
        assert not rules.follow_up_overdue(next_follow_up=D(2025, 5, 1), ended_on=None, on=D(2025, 5, 1))
        assert rules.follow_up_overdue(next_follow_up=D(2025, 5, 1), ended_on=None, on=D(2025, 5, 2))

    def test_an_ended_case_is_never_overdue(self):
        assert not rules.follow_up_overdue(next_follow_up=D(2025, 5, 1), ended_on=D(2025, 5, 1), on=D(2025, 9, 1))


class QuartileTests:
    def test_empty(self):
        assert rules.quartiles([])["median"] is None

    def test_four_values(self):
        figures = rules.quartiles([1, 2, 3, 4])
        assert (figures["p25"], figures["median"], figures["p75"], figures["mean"]) == (1.75, 2.5, 3.25, 2.5)
