"""The wijkondersteuningsprofiel: per district, what its PO schools offer per theme (below the
basisnorm, basisnorm, streefnorm, specialised; ambitions), from released scans only, checked
against a hand computation."""

from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse

from dekkend.basicsupport import rules
from dekkend.basicsupport.selectors import district_profiles, round_questions
from dekkend.basicsupport.services import submission_release, submission_save
from dekkend.core.tests.pdf import pdf_text

from .factories import RoundFactory
from .helpers import ctx_for

pytestmark = pytest.mark.django_db


class ThemeLevelRuleTests:
    def test_the_basisnorm_is_met_at_the_threshold_exactly(self):
        assert rules.theme_level(17, 20, None, Decimal("85")) == "basisnorm"
        assert rules.theme_level(16, 20, None, Decimal("85")) == "below_basisnorm"

    def test_a_declared_level_counts_only_on_top_of_the_basisnorm(self):
        assert rules.theme_level(17, 20, 3, Decimal("85")) == "streefnorm"
        assert rules.theme_level(17, 20, 4, Decimal("85")) == "specialised"
        assert rules.theme_level(16, 20, 4, Decimal("85")) == "below_basisnorm"

    def test_a_theme_without_questions_is_below(self):
        assert rules.theme_level(0, 0, 3) == "below_basisnorm"


def _scan(zelfscan_round, school, user, *, low: dict[str, int], levels: dict[str, int], ambitions: list[str]):
    """Every question voldoende (3), except the first ``low[theme]`` questions of a theme (2)."""
    themes = {a.code: a.pk for a in zelfscan_round.norm_version.aspects.filter(kind="theme")}
    answers, seen = {}, {}
    for question in round_questions(zelfscan_round):
        code = question.aspect.code
        seen[code] = seen.get(code, 0) + 1
        answers[question.pk] = 2 if seen[code] <= low.get(code, 0) else 3
    return submission_save(
        zelfscan_round=zelfscan_round,
        school=school,
        answers=answers,
        offered_levels={themes[code]: level for code, level in levels.items()},
        ambitions=[themes[code] for code in ambitions],
        submit=True,
        context=ctx_for(user),
    )


@pytest.fixture
def profiled(world):
    """Haven: a1 (reading 10 of 11 voldoende and level 3 declared; arithmetic 9 of 11 with level 4
    declared, an ambition) and b1 (all voldoende; reading level 4; ambitions arithmetic and NT2),
    both released. Stad: a2 with reading level 3, submitted but NOT released."""
    zelfscan_round = world["round"]
    a1 = _scan(
        zelfscan_round,
        world["a1"],
        world["school_a1"],
        low={"lezen": 1, "rekenen": 2},
        levels={"lezen": 3, "rekenen": 4},
        ambitions=["rekenen"],
    )
    b1 = _scan(
        zelfscan_round, world["b1"], world["school_b1"], low={}, levels={"lezen": 4}, ambitions=["rekenen", "nt2"]
    )
    _scan(zelfscan_round, world["a2"], None, low={}, levels={"lezen": 3}, ambitions=[])
    submission_release(submission=a1, context=ctx_for(world["board_user_a"]))
    submission_release(submission=b1, context=ctx_for(world["board_user_b"]))
    return zelfscan_round


def table(profile):
    return {
        t.aspect.code: (t.below_basisnorm, t.basisnorm, t.streefnorm, t.specialised, t.ambitions)
        for t in profile.theme_list
    }


class DistrictProfileTests:
    def test_the_swv_sees_each_district_as_computed_by_hand(self, world, profiled):
        profiles = district_profiles(user=world["secretariat"], zelfscan_round=profiled)
        assert [d.name for d in profiles.districts] == ["Haven"]  # Stad's scan is not released
        haven = profiles.districts[0]
        assert (haven.schools, haven.schools_meeting) == (2, 2)  # 118 and 121 of 121 voldoende
        themes = table(haven)
        assert themes["lezen"] == (0, 0, 1, 1, 0)
        assert themes["rekenen"] == (1, 1, 0, 0, 2)  # a1's level 4 does not count: 9 of 11 is below
        assert themes["nt2"] == (0, 2, 0, 0, 1)
        assert themes["langdurig-ziek"] == (0, 2, 0, 0, 0)
        assert len(themes) == 8  # the PO themes of the 2025 norm
        assert {t.questions for t in haven.theme_list} == {11}
        # 16 school-theme pairs, 15 at basisnorm or higher
        assert haven.share_at_least_basisnorm == Decimal("93.8")
        assert table(profiles.total) == themes

    def test_unreleased_scans_never_count_not_even_for_their_own_board(self, world, profiled):
        board = district_profiles(user=world["board_user_a"], zelfscan_round=profiled)
        assert [(d.name, d.schools, d.school_names) for d in board.districts] == [("Haven", 1, ["De Aak"])]
        assert table(board.districts[0])["lezen"] == (0, 0, 1, 0, 0)

    def test_a_school_sees_only_its_own_released_scan(self, world, profiled):
        own = district_profiles(user=world["school_b1"], zelfscan_round=profiled)
        assert [(d.name, d.schools) for d in own.districts] == [("Haven", 1)]

    def test_nothing_released_gives_no_districts(self, world):
        profiles = district_profiles(user=world["secretariat"], zelfscan_round=world["round"])
        assert profiles.districts == [] and profiles.total.schools == 0

    def test_only_po_rounds_have_a_profile(self, world):
        vo_round = RoundFactory(swv=world["swv"], variant="vo", school_year="2025-2026")
        with pytest.raises(Http404):
            district_profiles(user=world["secretariat"], zelfscan_round=vo_round)


class DistrictProfilePageTests:
    def test_the_page_shows_a_plot_and_the_table(self, client, world, profiled):
        client.force_login(world["secretariat"])
        response = client.get(reverse("basicsupport:districts", args=[profiled.pk]))
        assert response.status_code == 200
        body = response.content.decode()
        assert "<svg" in body and "<caption" in body and "Haven" in body and "De Boei" not in body

    def test_the_pdf_renders_each_district(self, client, world, profiled):
        client.force_login(world["secretariat"])
        response = client.get(reverse("basicsupport:districts_pdf", args=[profiled.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "Haven" in text and "Wijkondersteuningsprofiel" in text

    def test_another_swv_and_a_partner_are_refused(self, client, world, profiled):
        url = reverse("basicsupport:districts", args=[profiled.pk])
        client.force_login(world["secretariat_elsewhere"])
        assert client.get(url).status_code == 404
        client.force_login(world["partner"])
        assert client.get(url).status_code == 403


class DistrictProfileApiTests:
    def url(self, zelfscan_round):
        return f"/api/v1/zelfscan/rounds/{zelfscan_round.pk}/district-profiles/"

    def test_the_figures_match_the_hand_computation(self, api_client_for, world, profiled):
        response = api_client_for(world["secretariat"]).get(self.url(profiled))
        assert response.status_code == 200
        data = response.json()
        assert [d["name"] for d in data["districts"]] == ["Haven"]
        reading = next(t for t in data["districts"][0]["themes"] if t["code"] == "lezen")
        assert (reading["basisnorm"], reading["streefnorm"], reading["specialised"]) == (0, 1, 1)
        arithmetic = next(t for t in data["total"]["themes"] if t["code"] == "rekenen")
        assert (arithmetic["below_basisnorm"], arithmetic["ambitions"]) == (1, 2)

    def test_denied_and_not_found(self, api_client_for, world, profiled):
        assert api_client_for(world["partner"]).get(self.url(profiled)).status_code == 403
        assert api_client_for(world["secretariat_elsewhere"]).get(self.url(profiled)).status_code == 404
        vo_round = RoundFactory(swv=world["swv"], variant="vo", school_year="2025-2026")
        assert api_client_for(world["secretariat"]).get(self.url(vo_round)).status_code == 404
