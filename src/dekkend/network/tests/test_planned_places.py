"""Places per funding level now and planned for next school year, free places now and
planned: on the group page, the map list and the groups API; the migration keeps a total."""

from importlib import import_module

import pytest
from django.core.exceptions import ValidationError

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.network.models import ProvisionType
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SwvFactory

from .factories import ProvisionGroupFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/network/groups/"


@pytest.fixture
def group():
    swv = SwvFactory(code="almere-po")
    provision = ProvisionFactory(swv=swv, name="SO De Zandloper", kind=Provision.Kind.SO)
    return ProvisionGroupFactory(
        provision=provision,
        name="Onderbouw",
        provision_type=ProvisionType.SO,
        places_category_1=8,
        places_category_2=4,
        current_pupils=11,
        free_places=1,
        planned_without_category=0,
        planned_category_1=6,
        planned_category_2=7,
        planned_category_3=2,
    )


class PlannedPlacesModelTests:
    def test_a_plan_per_level_gives_the_total_and_the_free_places_next_year(self, group):
        assert group.places_planned == {0: 0, 1: 6, 2: 7, 3: 2}
        assert group.planned_places_next_year == 15
        assert group.free_places_planned == 15 - 11

    def test_without_a_plan_next_year_counts_as_now(self, group):
        group.planned_without_category = group.planned_category_1 = None
        group.planned_category_2 = group.planned_category_3 = None
        assert not group.has_plan
        assert group.places_planned == group.places_now == {0: 0, 1: 8, 2: 4, 3: 0}
        assert group.free_places_planned == 12 - 11

    def test_fewer_planned_places_than_pupils_leaves_no_free_place_not_a_negative(self, group):
        group.planned_category_1, group.planned_category_2, group.planned_category_3 = 5, 0, 0
        assert group.free_places_planned == 0

    def test_a_plan_for_only_some_levels_is_refused_in_dutch(self, group):
        group.planned_category_3 = None
        with pytest.raises(ValidationError) as error:
            group.full_clean()
        assert "planned_category_3" in error.value.message_dict


class GroupPageTests:
    def test_the_public_sees_places_per_level_now_and_planned(self, group, client):
        html = client.get(f"/dekkend-netwerk/groep/{group.pk}/").content.decode()
        assert "Plaatsen per bekostigingsniveau" in html
        assert "Gepland (2026-2027)" in html and "Nu (2025-2026)" in html
        assert "Vrije plaatsen gepland voor volgend schooljaar" in html
        assert ">15<" in html and ">12<" in html  # totals planned and now

    def test_the_map_links_each_group_and_shows_free_places_next_year(self, group, client):
        html = client.get(f"/dekkend-netwerk/kaart/{group.provision.swv.code}/").content.decode()
        assert f"/dekkend-netwerk/groep/{group.pk}/" in html and "Vrij volgend schooljaar" in html

    def test_an_unknown_group_is_not_found(self, client):
        assert client.get("/dekkend-netwerk/groep/999999/").status_code == 404


class GroupApiTests:
    def test_places_now_and_planned_per_level(self, group, api_client_for):
        client = api_client_for(user_with_role(Role.SECRETARIAT, swv=group.provision.swv))

        body = client.get(API).json()

        item = body["results"][0]
        assert item["places_now"] == {
            "without_category": 0,
            "category_1": 8,
            "category_2": 4,
            "category_3": 0,
            "total": 12,
        }
        assert item["places_planned_next_year"]["category_2"] == 7
        assert item["places_planned_next_year"]["total"] == 15 and item["places_planned_next_year"]["recorded"]
        assert (item["free_places_now"], item["free_places_planned_next_year"]) == (1, 4)

    def test_groups_of_another_swv_are_not_listed(self, group, api_client_for):
        client = api_client_for(user_with_role(Role.SECRETARIAT, swv=SwvFactory(code="elders-po")))
        assert client.get(API).json()["results"] == []
        assert client.get(API, {"swv": group.provision.swv_id}).json()["results"] == []

    def test_a_bad_school_year_is_refused_naming_the_field(self, group, api_client_for):
        client = api_client_for(user_with_role(Role.SECRETARIAT, swv=group.provision.swv))
        response = client.get(API, {"school_year": "vorig jaar"})
        assert response.status_code == 400 and "school_year" in response.json()


class MigrationTests:
    """0003 turns the planned total into a plan per level and back (reversible)."""

    def _migration(self):
        return import_module("dekkend.network.migrations.0003_planned_places_scenarios_tariff_origin")

    def test_forward_puts_the_difference_at_the_largest_level(self, group):
        class Row:
            places_without_category, places_category_1, places_category_2, places_category_3 = 0, 8, 4, 0
            planned_places_next_year = 15
            planned_without_category = planned_category_1 = planned_category_2 = planned_category_3 = None

            def save(self, update_fields, using):
                self.saved = update_fields

        row = Row()
        fake = type("Apps", (), {"get_model": lambda self, app, name: type("M", (), {"objects": Objects([row])})})()
        self._migration().plan_per_level(fake, SCHEMA_EDITOR)
        assert (row.planned_without_category, row.planned_category_1, row.planned_category_2) == (0, 11, 4)
        assert row.planned_category_3 == 0

    def test_backward_sums_the_plan_or_the_places_now(self, group):
        class Planned:
            places_without_category, places_category_1, places_category_2, places_category_3 = 0, 8, 4, 0
            planned_without_category, planned_category_1, planned_category_2, planned_category_3 = 0, 6, 7, 2

            def save(self, update_fields, using):
                pass

        class Unplanned(Planned):
            planned_without_category = planned_category_1 = planned_category_2 = planned_category_3 = None

        rows = [Planned(), Unplanned()]
        fake = type("Apps", (), {"get_model": lambda self, app, name: type("M", (), {"objects": Objects(rows)})})()
        self._migration().plan_total(fake, SCHEMA_EDITOR)
        assert [row.planned_places_next_year for row in rows] == [15, 12]


class Objects:
    """The historical model's manager, as far as the migration uses it (on the migrated database)."""

    def __init__(self, rows):
        self.rows = rows

    def using(self, alias):
        assert alias == "default"
        return self.rows


SCHEMA_EDITOR = type("SchemaEditor", (), {"connection": type("Connection", (), {"alias": "default"})()})()
