"""Organisational data through the API stays inside the caller's own samenwerkingsverband."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.models import Area, Provision, SchoolLocation
from dekkend.organisations.tests.factories import BoardFactory, ProvisionFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    return {row["name"] for row in response.json()["results"]}


@pytest.fixture
def areas():
    city = Area.objects.create(name="Almere", kind=Area.Kind.MUNICIPALITY)
    haven = Area.objects.create(name="Almere Haven", kind=Area.Kind.STADSDEEL, parent=city)
    wijk = Area.objects.create(name="De Werven", kind=Area.Kind.WIJK, parent=haven)
    return {"city": city, "haven": haven, "wijk": wijk}


class TestSwvs:
    def test_a_user_sees_only_their_own_swv(self, api_client_for, partner, world):
        response = api_client_for(partner).get("/api/v1/swvs/")
        assert response.status_code == 200
        assert names(response) == {world["swv"].name}

    def test_unauthenticated_is_401(self, api_client, world):
        assert api_client.get("/api/v1/swvs/").status_code == 401


class TestSchools:
    def test_lists_own_swv_schools_with_locations(self, api_client_for, partner, world, areas):
        SchoolLocation.objects.filter(school=world["school"]).update(area=areas["wijk"], street="Marktplein 1")
        response = api_client_for(partner).get("/api/v1/schools/")
        assert names(response) == {world["school"].name, world["neighbour"].name}
        school = next(row for row in response.json()["results"] if row["id"] == world["school"].pk)
        location = school["locations"][0]
        assert location["street"] == "Marktplein 1"
        assert location["area"]["name"] == "De Werven"
        assert location["brin_vestiging"] == f"{world['school'].brin}00"

    def test_filters_by_board_area_and_search(self, api_client_for, partner, world, areas):
        board = BoardFactory()
        other = SchoolFactory(swv=world["swv"], board=board, name="Het Baken")
        SchoolLocation.objects.filter(school=other).update(area=areas["wijk"])
        client = api_client_for(partner)
        assert names(client.get("/api/v1/schools/", {"board": board.pk})) == {"Het Baken"}
        assert names(client.get("/api/v1/schools/", {"area": areas["haven"].pk})) == {"Het Baken"}
        assert names(client.get("/api/v1/schools/", {"search": "baken"})) == {"Het Baken"}

    def test_a_school_of_another_swv_is_404(self, api_client_for, partner, world):
        elsewhere = SchoolFactory(swv=world["other_swv"])
        response = api_client_for(partner).get(f"/api/v1/schools/{elsewhere.pk}/")
        assert response.status_code == 404

    def test_own_school_detail(self, api_client_for, partner, world):
        response = api_client_for(partner).get(f"/api/v1/schools/{world['school'].pk}/")
        assert response.status_code == 200
        assert response.json()["board"]["id"] == world["school"].board_id


class TestAreas:
    def test_areas_come_with_parent_and_path(self, api_client_for, partner, areas):
        response = api_client_for(partner).get("/api/v1/areas/")
        rows = {row["name"]: row for row in response.json()["results"]}
        assert rows["De Werven"]["parent"] == areas["haven"].pk
        assert rows["De Werven"]["path"] == "Almere / Almere Haven / De Werven"
        assert rows["Almere"]["path"] == "Almere"

    def test_paths_are_complete_when_the_parent_is_on_another_page(self, api_client_for, partner, areas):
        response = api_client_for(partner).get("/api/v1/areas/", {"page_size": 1})
        first = response.json()["results"][0]
        assert first["path"].endswith(first["name"])


class TestProvisions:
    def test_lists_own_swv_provisions_with_capacity_and_host(self, api_client_for, partner, world, areas):
        host = ProvisionFactory(swv=world["swv"], name="SO De Klimop", kind=Provision.Kind.SO, places=120)
        ProvisionFactory(swv=world["swv"], name="Klimop Plus", kind=Provision.Kind.ARRANGEMENT, host=host)
        ProvisionFactory(swv=world["other_swv"], name="Elders SBO")
        response = api_client_for(partner).get("/api/v1/provisions/")
        rows = {row["name"]: row for row in response.json()["results"]}
        assert set(rows) == {"SO De Klimop", "Klimop Plus"}
        assert rows["SO De Klimop"]["places"] == 120
        assert rows["Klimop Plus"]["host"] == {"id": host.pk, "name": "SO De Klimop"}
        assert rows["Klimop Plus"]["source"]

    def test_filters_by_kind_and_area(self, api_client_for, partner, world, areas):
        ProvisionFactory(swv=world["swv"], name="SO De Klimop", kind=Provision.Kind.SO, area=areas["wijk"])
        ProvisionFactory(swv=world["swv"], name="SBO Het Anker", kind=Provision.Kind.SBO)
        client = api_client_for(partner)
        assert names(client.get("/api/v1/provisions/", {"kind": "so"})) == {"SO De Klimop"}
        assert names(client.get("/api/v1/provisions/", {"area": areas["haven"].pk})) == {"SO De Klimop"}

    def test_an_unknown_kind_is_a_400(self, api_client_for, partner):
        response = api_client_for(partner).get("/api/v1/provisions/", {"kind": "kasteel"})
        assert response.status_code == 400
        assert "kind" in response.json()

    def test_provision_of_another_swv_is_404(self, api_client_for, partner, world):
        elsewhere = ProvisionFactory(swv=world["other_swv"])
        assert api_client_for(partner).get(f"/api/v1/provisions/{elsewhere.pk}/").status_code == 404


class TestWithoutRole:
    def test_a_user_without_a_role_is_403(self, api_client_for, world):
        user = user_with_role(Role.SCHOOL, school=world["school"])
        user.role_assignments.update(revoked_at="2026-01-01T00:00:00Z")
        assert api_client_for(user).get("/api/v1/schools/").status_code == 403
