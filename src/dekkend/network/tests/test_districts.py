import pytest

from dekkend.network.districts import district_map
from dekkend.organisations.models import Area
from dekkend.organisations.tests.factories import ProvisionFactory, SwvFactory

from .areas import almere

pytestmark = pytest.mark.django_db


def _names(dmap, ids):
    by_pk = dmap.by_pk()
    return {by_pk[pk].name for pk in ids}


class DistrictMapTests:
    def test_almere_districts_follow_the_layout_and_touching_tiles_are_adjacent(self):
        areas = almere()
        swv = SwvFactory()
        ProvisionFactory(swv=swv, area=areas["Stad 1"])

        dmap = district_map(swv)

        assert dmap.municipality == areas["Almere"]
        assert len(dmap.districts) == 6
        buiten = areas["Almere Buiten"].pk
        assert _names(dmap, dmap.adjacent[buiten]) == {"Almere Pampus", "Almere Stad", "Almere Hout"}
        assert _names(dmap, dmap.adjacent[areas["Almere Haven"].pk]) == {"Almere Stad", "Almere Poort", "Almere Hout"}
        # Haven and Buiten do not touch: not in each other's reach.
        assert buiten not in dmap.in_reach(areas["Almere Haven"].pk)

    def test_a_buurt_belongs_to_its_stadsdeel_and_its_wijk(self):
        areas = almere()
        swv = SwvFactory()
        ProvisionFactory(swv=swv, area=areas["Stad 1"])

        dmap = district_map(swv)

        assert dmap.district_for(areas["Stad 1"].pk) == areas["Almere Stad"].pk
        assert dmap.part_of_area[areas["Stad 1"].pk] == areas["Stad Oost"].pk
        assert dmap.district_for(None) is None

    def test_a_municipality_without_layout_gets_a_grid_with_neighbours(self):
        root = Area.objects.create(name="Regio Proef", kind=Area.Kind.MUNICIPALITY)
        buurten = [Area.objects.create(name=f"Buurt {n}", kind=Area.Kind.BUURT, parent=root) for n in range(4)]
        swv = SwvFactory()
        ProvisionFactory(swv=swv, area=buurten[0])

        dmap = district_map(swv)

        assert (dmap.columns, dmap.rows) == (2, 2)
        assert _names(dmap, dmap.adjacent[buurten[0].pk]) == {"Buurt 1", "Buurt 2"}

    def test_an_swv_without_areas_has_an_empty_map(self):
        dmap = district_map(SwvFactory(municipality=""))
        assert dmap.districts == [] and dmap.municipality is None
