"""Every criterion of the Almere table, at the boundaries between categories.

Source: 001_28cb0100de53310c.txt lines 6649-6960. Each case names the row it exercises."""

import pytest

from dekkend.network.rules import Profile, assess

from .profiles import levels, options_for


class RegularSchoolTests:
    def test_age_appropriate_or_incidental_everywhere_stays_at_a_regular_school(self, table):
        assert list(options_for(table, leren=2, gedrag=2)) == ["regulier", "sbo"]

    def test_regular_need_on_any_area_is_an_arrangement_not_basic_support(self, table):
        for area in ("leren", "werkhouding", "communicatie", "fysiek", "context", "gedrag"):
            found = options_for(table, **{area: 3})
            assert "regulier" not in found and next(iter(found)) == "regulier+", area

    def test_regulier_plus_ends_at_intensive(self, table):
        assert "regulier+" in options_for(table, context=5)
        assert "regulier+" not in options_for(table, context=6)


class SboTests:
    """po-sbo (6716), po-sbo-groep (6724)."""

    @pytest.mark.parametrize("area", ["leren", "gedrag"])
    def test_incidental_to_regular_on_learning_or_behaviour(self, table, area):
        assert "sbo" in options_for(table, **{area: 2})
        assert "sbo" in options_for(table, **{area: 3})
        assert "sbo" not in options_for(table, **{area: 4})

    def test_needs_learning_or_behaviour_not_only_another_area(self, table):
        assert "sbo" not in options_for(table, communicatie=3)

    def test_group_of_sixteen(self, table):
        assert "sbo" in options_for(table, leren=3, group_size=16)
        assert "sbo" not in options_for(table, leren=3, group_size=15)


class SboPlusTests:
    """po-sbo-plus (6735), po-sbo-plus-groep (6741)."""

    def test_only_incidental_need_is_sbo_not_sbo_plus(self, table):
        found = options_for(table, leren=2, gedrag=2)
        assert "sbo" in found and "sbo+" not in found

    def test_regular_need_on_one_area_fits_both(self, table):
        found = options_for(table, leren=3)
        assert "sbo" in found and "sbo+" in found

    def test_one_area_continuous_makes_sbo_plus_not_sbo(self, table):
        found = options_for(table, leren=3, gedrag=4)
        assert "sbo+" in found and "sbo" not in found

    def test_two_areas_continuous_is_beyond_sbo_plus(self, table):
        assert "sbo+" not in options_for(table, leren=4, gedrag=4)

    def test_intensive_is_beyond_sbo_plus(self, table):
        assert "sbo+" not in options_for(table, gedrag=5)

    def test_group_of_twelve(self, table):
        assert "sbo+" in options_for(table, leren=4, group_size=12)
        assert "sbo+" not in options_for(table, leren=4, group_size=11)


class SoCategoryTests:
    """so-1 (6747-6765), so-2 (6772-6786), so-3 (6794-6816)."""

    @pytest.mark.parametrize("area", ["leren", "gedrag", "werkhouding", "fysiek"])
    def test_continuous_on_a_named_area_is_category_1(self, table, area):
        assert options_for(table, **{area: 4})["so"] == 1

    @pytest.mark.parametrize("area", ["communicatie", "context"])
    def test_areas_the_criteria_do_not_name_do_not_lead_to_so(self, table, area):
        assert "so" not in options_for(table, **{area: 4})

    def test_intensive_learning_alone_stays_category_1(self, table):
        assert options_for(table, leren=5)["so"] == 1

    def test_intensive_learning_and_continuous_behaviour_stays_category_1(self, table):
        assert options_for(table, leren=5, gedrag=4)["so"] == 1

    def test_intensive_learning_and_behaviour_is_category_2(self, table):  # so-2-b
        assert options_for(table, leren=5, gedrag=5)["so"] == 2

    def test_intensive_health_is_category_2(self, table):  # so-2-a
        assert options_for(table, fysiek=5)["so"] == 2

    def test_intensive_behaviour_alone_is_category_2(self, table):  # so-2-c ("en/of")
        assert options_for(table, gedrag=5)["so"] == 2

    def test_very_intensive_learning_is_category_3(self, table):  # so-3-f
        assert options_for(table, leren=6)["so"] == 3

    def test_very_intensive_care_is_category_3(self, table):  # so-3-e
        assert options_for(table, fysiek=6)["so"] == 3

    def test_very_intensive_behaviour_alone_is_category_2(self, table):  # so-3-d needs learning too
        assert options_for(table, gedrag=6)["so"] == 2

    def test_very_intensive_learning_and_behaviour_is_category_3(self, table):  # so-3-d
        assert options_for(table, leren=6, gedrag=6)["so"] == 3

    def test_emb_with_iq_below_35_is_category_3(self, table):  # so-3-a
        assert options_for(table, leren=4, emb=True, iq=34)["so"] == 3
        assert options_for(table, leren=4, emb=True, iq=35)["so"] == 1

    def test_emb_criterion_a_needs_emb(self, table):
        assert options_for(table, leren=4, emb=False, iq=30)["so"] == 1

    def test_emb_with_iq_35_to_70_and_physical_care_is_category_3(self, table):  # so-3-b
        assert options_for(table, fysiek=5, emb=True, iq=70)["so"] == 3
        assert options_for(table, fysiek=5, emb=True, iq=71)["so"] == 2

    def test_emb_with_iq_35_to_70_and_behaviour_is_category_3(self, table):  # so-3-c
        assert options_for(table, gedrag=5, emb=True, iq=35)["so"] == 3

    def test_group_sizes_per_category(self, table):
        assert options_for(table, leren=4, group_size=12)["so"] == 1
        assert "so" not in options_for(table, leren=4, group_size=11)
        assert options_for(table, gedrag=5, group_size=10)["so"] == 2
        assert "so" not in options_for(table, gedrag=5, group_size=9)
        assert options_for(table, leren=6, group_size=6)["so"] == 3
        assert "so" not in options_for(table, leren=6, group_size=5)


class PraktijkonderwijsTests:
    """pro-a (6833), pro-b (6835), pro-c (6847), pro-groep (6853)."""

    base = {"sector": "vo", "leren": 3, "iq": 70, "learning_delay_years": 3}

    def test_all_national_and_local_criteria_fit(self, table):
        assert "pro" in options_for(table, **self.base)

    @pytest.mark.parametrize("iq, fits", [(54, False), (55, True), (80, True), (81, False), (None, False)])
    def test_iq_between_55_and_80(self, table, iq, fits):
        assert ("pro" in options_for(table, **{**self.base, "iq": iq})) is fits

    @pytest.mark.parametrize("delay, fits", [(2.9, False), (3, True), (None, False)])
    def test_learning_delay_of_three_years(self, table, delay, fits):
        assert ("pro" in options_for(table, **{**self.base, "learning_delay_years": delay})) is fits

    def test_continuous_support_is_beyond_pro(self, table):
        assert "pro" not in options_for(table, **{**self.base, "leren": 4})

    def test_group_of_twelve(self, table):
        assert "pro" in options_for(table, **self.base, group_size=12)
        assert "pro" not in options_for(table, **self.base, group_size=11)

    def test_pro_is_not_a_primary_option(self, table):
        assert "pro" not in options_for(table, **{**self.base, "sector": "po"})


class VsoCategoryTests:
    """vso-1 (6859-6877), vso-2 (6908-6924), vso-3 (6933-6957)."""

    @pytest.mark.parametrize("area", ["leren", "gedrag", "werkhouding", "fysiek"])
    def test_continuous_on_a_named_area_is_category_1(self, table, area):
        assert options_for(table, sector="vo", **{area: 4})["vso"] == 1

    def test_repeated_category_2_heading_does_not_lift_continuous_need(self, table):
        """Lines 6880-6902 repeat the vso-1 text under "categorie 2"; they do not count."""
        assert options_for(table, sector="vo", leren=4)["vso"] == 1
        inactive = [rule.key for rule in table.rules if not rule.active]
        assert inactive == [f"vso-2-herhaling-{x}" for x in ("a", "b", "c", "d", "groep")]

    def test_intensive_health_is_category_2(self, table):  # vso-2-a
        assert options_for(table, sector="vo", fysiek=5)["vso"] == 2

    def test_intensive_learning_and_behaviour_is_category_2(self, table):  # vso-2-b
        assert options_for(table, sector="vo", leren=5, gedrag=5)["vso"] == 2
        assert options_for(table, sector="vo", leren=5, gedrag=4)["vso"] == 1

    def test_intensive_behaviour_alone_stays_category_1_in_vo(self, table):  # vso-2-c needs health "en"
        assert options_for(table, sector="vo", gedrag=5)["vso"] == 1
        assert options_for(table, sector="vo", gedrag=5, fysiek=5)["vso"] == 2

    def test_very_intensive_is_category_3(self, table):  # vso-3-d, e, f
        assert options_for(table, sector="vo", leren=6, gedrag=6)["vso"] == 3
        assert options_for(table, sector="vo", fysiek=6)["vso"] == 3
        assert options_for(table, sector="vo", leren=6)["vso"] == 3

    def test_emb_national_criteria(self, table):  # vso-3-a, b, c
        assert options_for(table, sector="vo", leren=4, emb=True, iq=20)["vso"] == 3
        assert options_for(table, sector="vo", fysiek=5, emb=True, iq=50)["vso"] == 3
        assert options_for(table, sector="vo", gedrag=5, emb=True, iq=50)["vso"] == 3

    def test_group_sizes_per_category(self, table):
        assert "vso" not in options_for(table, sector="vo", leren=4, group_size=11)
        assert options_for(table, sector="vo", fysiek=5, group_size=10)["vso"] == 2
        assert "vso" not in options_for(table, sector="vo", fysiek=5, group_size=9)
        assert options_for(table, sector="vo", fysiek=6, group_size=6)["vso"] == 3

    def test_no_sbo_in_secondary(self, table):
        found = options_for(table, sector="vo", leren=3)
        assert "sbo" not in found and "sbo+" not in found


class OptionOrderAndExplanationTests:
    def test_lightest_and_nearest_to_regular_first(self, table):
        assert list(options_for(table, leren=4)) == ["regulier+", "sbo+", "so"]

    def test_each_option_names_the_rows_that_made_it_fit(self, table):
        option = next(o for o in assess(Profile("po", levels(leren=5, gedrag=5)), table) if o.provision_type == "so")
        keys = {rule.key for rule in option.rules}
        assert {"so-2-b", "so-2-c", "so-2-groep"} <= keys
        assert all(rule.source.startswith("001_28cb0100de53310c.txt:") and rule.explanation for rule in option.rules)

    def test_nothing_fits_a_very_intensive_need_the_criteria_do_not_name(self, table):
        assert options_for(table, context=6) == {}


class SourceCoverageTests:
    def test_every_row_cites_a_line_of_the_criteria_section(self, table):
        for rule in table.rules:
            name, line = rule.source.split(":")
            if name == "001_28cb0100de53310c.txt":
                assert 6649 <= int(line) <= 6960, rule.key
            else:
                assert name == "003_d11f7d0de4f96991.txt", rule.key

    def test_every_letter_of_the_source_has_a_row(self, table):
        letters = {(rule.provision_type, rule.funding_category, rule.letter) for rule in table.rules if rule.active}
        for kind in ("so", "vso"):
            assert {(kind, 1, x) for x in "ABCD"} <= letters
            assert {(kind, 2, x) for x in "ABC"} <= letters
            assert {(kind, 3, x) for x in "ABCDEF"} <= letters
        assert {("pro", None, x) for x in "ABC"} <= letters
