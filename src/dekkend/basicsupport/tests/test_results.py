"""Results per school, board, district and city, checked against a hand computation; only
released scans count for the SWV; a round compared with the previous one."""

from decimal import Decimal

import pytest

from dekkend.basicsupport import rules
from dekkend.basicsupport.models import Round
from dekkend.basicsupport.selectors import round_questions, round_results

from .factories import RoundFactory, norm_2024
from .helpers import scan

pytestmark = pytest.mark.django_db


class ThresholdRuleTests:
    def test_exactly_the_threshold_meets_it(self):
        assert rules.meets_threshold(17, 20, Decimal("85"))
        assert not rules.meets_threshold(16, 20, Decimal("85"))

    def test_just_below_does_not_meet_even_if_it_rounds_up(self):
        assert not rules.meets_threshold(1699, 2000, Decimal("85"))  # 84.95%
        assert rules.share(1699, 2000) == Decimal("85.0")

    def test_no_questions_never_meets(self):
        assert not rules.meets_threshold(0, 0)
        assert rules.share(0, 0) is None

    def test_voldoende_is_the_cut(self):
        assert [rules.is_sufficient(score) for score in (1, 2, 3, 4)] == [False, False, True, True]


@pytest.fixture
def released(world):
    """a1: 10 of 121 below voldoende (91.7%), a2: 19 (84.3%, just misses), b1: 18 (85.1%, just meets)."""
    zelfscan_round = world["round"]
    assert len(round_questions(zelfscan_round)) == 121  # the PO questions of the 2025 norm
    scan(zelfscan_round, world["a1"], 10, user=world["school_a1"], release_by=world["board_user_a"])
    scan(zelfscan_round, world["a2"], 19, release_by=world["board_user_a"])
    scan(zelfscan_round, world["b1"], 18, user=world["school_b1"], release_by=world["board_user_b"])
    return zelfscan_round


def figures(results):
    return {
        g.name: (g.schools, g.schools_meeting, g.share_schools_meeting, g.share_sufficient) for g in results.groups
    }


class ResultsLevelTests:
    def test_per_school(self, world, released):
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="school")
        assert figures(results) == {
            "De Aak": (1, 1, Decimal("100.0"), Decimal("91.7")),
            "De Boei": (1, 0, Decimal("0.0"), Decimal("84.3")),
            "De Cirkel": (1, 1, Decimal("100.0"), Decimal("85.1")),
        }

    def test_per_board(self, world, released):
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="board")
        assert figures(results) == {
            "Bestuur A": (2, 1, Decimal("50.0"), Decimal("88.0")),  # 213 / 242
            "Bestuur B": (1, 1, Decimal("100.0"), Decimal("85.1")),
        }

    def test_per_district_of_the_school_location(self, world, released):
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="district")
        assert figures(results) == {
            "Haven": (2, 2, Decimal("100.0"), Decimal("88.4")),  # 214 / 242
            "Stad": (1, 0, Decimal("0.0"), Decimal("84.3")),
        }

    def test_for_the_city(self, world, released):
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="city")
        assert figures(results) == {"Almere": (3, 2, Decimal("66.7"), Decimal("87.1"))}  # 316 / 363
        assert (results.total.schools, results.total.sufficient, results.total.questions) == (3, 316, 363)

    def test_per_aspect_and_theme(self, world, released):
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="city")
        by_code = {f.aspect.code: f for f in results.total.aspect_list}
        # the low answers are the first questions in the norm's order: basiskwaliteit (2),
        # ondersteuningsbeleid (8), then ondersteuningsstructuur
        assert by_code["basiskwaliteit"].share == Decimal("0.0")
        assert by_code["ondersteuningsbeleid"].share == Decimal("0.0")
        assert by_code["nt2"].share == Decimal("100.0")

    def test_a_higher_threshold_per_round(self, world, released):
        Round.objects.filter(pk=released.pk).update(threshold=Decimal("90"))
        released.refresh_from_db()
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="city")
        assert results.total.schools_meeting == 1


class ReleaseCountsTests:
    def test_the_swv_counts_only_released_scans_the_board_its_submitted_ones(self, world):
        zelfscan_round = world["round"]
        scan(zelfscan_round, world["a1"], 0, user=world["school_a1"], release_by=world["board_user_a"])
        scan(zelfscan_round, world["a2"], 50)  # submitted, not released
        scan(zelfscan_round, world["b1"], 0, submit=False)  # draft
        swv = round_results(user=world["secretariat"], zelfscan_round=zelfscan_round, level="school")
        assert [g.name for g in swv.groups] == ["De Aak"]
        board = round_results(user=world["board_user_a"], zelfscan_round=zelfscan_round, level="school")
        assert [g.name for g in board.groups] == ["De Aak", "De Boei"]
        school = round_results(user=world["school_b1"], zelfscan_round=zelfscan_round, level="school")
        assert school.groups == []
        elsewhere = round_results(user=world["secretariat_elsewhere"], zelfscan_round=zelfscan_round, level="city")
        assert elsewhere.total.schools == 0


class ComparisonTests:
    def test_the_second_round_against_the_0_meting(self, world, released):
        zero = RoundFactory(
            swv=world["swv"],
            norm_version=norm_2024(),
            school_year="2024-2025",
            reported_schools_meeting=Decimal("82.2"),
            reported_questions_sufficient=Decimal("90.4"),
            reported_source="002_db4167b82468325d.txt:168-176",
        )
        assert len(round_questions(zero)) == 99
        scan(zero, world["a1"], 0, user=world["school_a1"], release_by=world["board_user_a"])
        Round.objects.filter(pk=released.pk).update(previous=zero)
        released.refresh_from_db()
        results = round_results(user=world["secretariat"], zelfscan_round=released, level="school")
        by_name = {g.name: g for g in results.groups}
        assert by_name["De Aak"].previous.share_sufficient == Decimal("100.0")
        assert by_name["De Boei"].previous is None
        assert results.reported["schools_meeting"] == Decimal("82.2")
        city = round_results(user=world["secretariat"], zelfscan_round=released, level="city")
        assert city.total.previous.schools == 1
