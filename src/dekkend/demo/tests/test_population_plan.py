"""The population plan is a pure, deterministic function of its inputs and seed."""

import pytest

from dekkend.demo.population import DEFAULT_SIZES, SPECIAL_SHARES, population_plan, split_sizes
from dekkend.demo.services import _synthetic_plein_areas, plan_inputs
from dekkend.organisations.models import SchoolType, Sector
from dekkend.organisations.services import public_data_load


@pytest.fixture
def inputs(db):
    public_data_load()
    _synthetic_plein_areas()
    provisions, areas = plan_inputs()
    return {"provisions": provisions, "areas": areas}


class TestDeterminism:
    def test_the_same_seed_gives_the_same_population(self, inputs):
        first = population_plan(**inputs, total=900, seed=7)
        second = population_plan(**inputs, total=900, seed=7)
        assert first.pupils == second.pupils
        assert first.schools == second.schools
        assert [(p.pupil_number, p.first_name, p.last_name) for p in first.pupils[:20]] == [
            (p.pupil_number, p.first_name, p.last_name) for p in second.pupils[:20]
        ]

    def test_another_seed_gives_other_pupils(self, inputs):
        first = population_plan(**inputs, total=900, seed=7)
        other = population_plan(**inputs, total=900, seed=8)
        assert [(p.first_name, p.last_name, p.birth_date) for p in first.pupils] != [
            (p.first_name, p.last_name, p.birth_date) for p in other.pupils
        ]


class TestScale:
    def test_the_default_split_is_almere_po_vo_and_plein_013(self):
        assert split_sizes(58_000) == DEFAULT_SIZES

    def test_a_smaller_total_is_split_proportionally_and_exactly(self):
        sizes = split_sizes(1001)
        assert sum(sizes.values()) == 1001
        assert sizes["almere-po"] > sizes["almere-vo"] > sizes["plein013-po"]

    def test_an_empty_population_still_has_the_schools(self, inputs):
        plan = population_plan(**inputs, total=0)
        assert plan.pupils == []
        assert len([s for s in plan.schools if s.swv == "almere-po" and not s.is_special]) == 60

    def test_special_shares_are_met_closely_at_a_larger_size(self, inputs):
        plan = population_plan(**inputs, total=20_000, seed=1)
        for swv, sector in (("almere-po", Sector.PO), ("almere-vo", Sector.VO), ("plein013-po", Sector.PO)):
            pupils = [p for p in plan.pupils if p.swv == swv]
            for school_type, share in SPECIAL_SHARES[sector].items():
                n = sum(plan.school(p.school).school_type == school_type for p in pupils)
                assert n / len(pupils) == pytest.approx(share, abs=0.001), (swv, school_type)


class TestSchools:
    def test_brin_numbers_are_unique_and_fictional(self, inputs):
        plan = population_plan(**inputs, total=0)
        brins = [(s.swv, s.brin) for s in plan.schools]
        assert len(brins) == len(set(brins))
        assert all(brin.startswith("99") and len(brin) == 4 for _swv, brin in brins)

    def test_special_schools_come_from_the_provisions_with_one_location_per_site(self, inputs):
        plan = population_plan(**inputs, total=0)
        by_name = {(s.swv, s.name): s for s in plan.schools}
        nautilus = by_name[("almere-vo", "VSO Nautilus")]
        assert nautilus.school_type == SchoolType.VSO
        assert sorted(loc.street for loc in nautilus.locations) == [
            "Lierstraat 17",
            "Paul Kleestraat 35",
            "Radioweg 35",
        ]
        assert by_name[("almere-po", "SBO De Klimop")].school_type == SchoolType.SBO
        assert len(by_name[("almere-po", "SBO De Klimop")].locations) == 2
        assert {s.school_type for s in plan.schools if s.swv == "plein013-po" and s.is_special} == {
            SchoolType.SBO,
            SchoolType.SO,
        }

    def test_every_board_of_regular_schools_has_at_least_three_schools(self, inputs):
        plan = population_plan(**inputs, total=0)
        for board in {s.board for s in plan.schools if not s.is_special}:
            assert sum(s.board == board for s in plan.schools) >= 3, board
