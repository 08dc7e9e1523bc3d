"""POST /api/v1/matrix/assess/ and /api/v1/matrix/match/."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.network.models import ProvisionType
from dekkend.organisations.models import Area, Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SchoolFactory, SwvFactory

from .factories import ProvisionGroupFactory
from .profiles import levels

pytestmark = pytest.mark.django_db
ASSESS, MATCH = "/api/v1/matrix/assess/", "/api/v1/matrix/match/"


@pytest.fixture
def swv():
    return SwvFactory(code="almere-po")


@pytest.fixture
def client(swv, api_client_for):
    return api_client_for(user_with_role(Role.SECRETARIAT, swv=swv))


class AssessTests:
    def test_answers_the_options_lightest_first_with_their_rules(self, client):
        response = client.post(ASSESS, {"sector": "po", "levels": levels(leren=5, gedrag=5)}, format="json")

        assert response.status_code == 200
        body = response.json()
        assert [o["provision_type"] for o in body["options"]] == ["regulier+", "so"]
        so = body["options"][1]
        assert so["funding_category"] == 2
        assert {"so-2-b", "so-2-c"} <= {rule["key"] for rule in so["rules"]}
        assert all(rule["source"].startswith("001_28cb0100de53310c.txt:") for rule in so["rules"])
        assert body["levels"]["leren"]["label"] == "intensief"
        assert body["explanation"].startswith("Lichtste passende mogelijkheid")

    def test_optional_facts_are_used(self, client):
        body = client.post(
            ASSESS,
            {"sector": "vo", "levels": levels(leren=3), "iq": 70, "learning_delay_years": "3.0", "group_size": 14},
            format="json",
        ).json()
        assert "pro" in [o["provision_type"] for o in body["options"]]

    def test_nothing_fits_says_so_in_dutch(self, client):
        body = client.post(ASSESS, {"sector": "po", "levels": levels(context=6)}, format="json").json()
        assert body["options"] == [] and "maatwerk" in body["explanation"]

    @pytest.mark.parametrize("role", [Role.PARTNER, Role.POLICY, Role.SCHOOL, Role.EXPERT, Role.PRIVACY_OFFICER])
    def test_every_role_that_sees_organisations_may_assess(self, role, swv, api_client_for):
        user = (
            user_with_role(role, school=SchoolFactory(swv=swv))
            if role == Role.SCHOOL
            else user_with_role(role, swv=swv)
        )
        response = api_client_for(user).post(ASSESS, {"sector": "po", "levels": levels()}, format="json")
        assert response.status_code == 200

    def test_signed_out_is_refused(self, api_client):
        response = api_client.post(ASSESS, {"sector": "po", "levels": levels()}, format="json")
        assert response.status_code in (401, 403)

    def test_is_not_logged_as_a_pupil_read(self, client):
        before = AuditEvent.objects.count()
        client.post(ASSESS, {"sector": "po", "levels": levels(leren=4)}, format="json")
        assert AuditEvent.objects.filter(object_type="pupil").count() == 0
        assert AuditEvent.objects.count() == before


class AssessBadInputTests:
    @pytest.mark.parametrize("value", [0, 7, "hoog", None])
    def test_a_level_outside_1_to_6_names_the_area(self, client, value):
        response = client.post(ASSESS, {"sector": "po", "levels": {**levels(), "gedrag": value}}, format="json")
        assert response.status_code == 400
        assert "gedrag" in response.json()["levels"]

    def test_an_unknown_area_is_named(self, client):
        response = client.post(ASSESS, {"sector": "po", "levels": {**levels(), "lezen": 3}}, format="json")
        assert response.status_code == 400
        assert response.json()["levels"]["lezen"] == [
            "Onbekend ontwikkelingsgebied. Gebruik: leren, werkhouding, communicatie, fysiek, context, gedrag."
        ]

    def test_a_missing_area_is_named(self, client):
        incomplete = levels()
        del incomplete["fysiek"]
        response = client.post(ASSESS, {"sector": "po", "levels": incomplete}, format="json")
        assert response.status_code == 400 and "fysiek" in response.json()["levels"]

    def test_a_missing_sector_is_named_in_dutch(self, client):
        response = client.post(ASSESS, {"levels": levels()}, format="json")
        assert response.status_code == 400
        assert response.json()["sector"] == ["Dit veld is vereist."]

    def test_levels_must_be_an_object(self, client):
        response = client.post(ASSESS, {"sector": "po", "levels": [1, 2, 3]}, format="json")
        assert response.status_code == 400 and "levels" in response.json()


@pytest.fixture
def town():
    almere = Area.objects.create(name="Almere", kind=Area.Kind.MUNICIPALITY)
    stad = Area.objects.create(name="Almere Stad", kind=Area.Kind.STADSDEEL, parent=almere)
    buiten = Area.objects.create(name="Almere Buiten", kind=Area.Kind.STADSDEEL, parent=almere)
    return {
        "home": Area.objects.create(name="Centrum", kind=Area.Kind.WIJK, parent=stad),
        "neighbour": Area.objects.create(name="Parkwijk", kind=Area.Kind.WIJK, parent=stad),
        "far": Area.objects.create(name="Regenboogbuurt", kind=Area.Kind.WIJK, parent=buiten),
    }


def group(swv, area, provision_type, offer, **fields):
    kind = {"regulier+": Provision.Kind.ARRANGEMENT, "sbo": Provision.Kind.SBO}.get(provision_type, Provision.Kind.SO)
    provision = ProvisionFactory(swv=swv, area=area, kind=kind, name=fields.pop("name"))
    return ProvisionGroupFactory(
        provision=provision, provision_type=provision_type, **{f"offer_{a}": v for a, v in offer.items()}, **fields
    )


class MatchTests:
    def test_regular_arrangement_before_specialised_then_nearest_then_free_places(self, client, swv, town):
        need = levels(leren=4, gedrag=3)
        strong = levels(leren=5, gedrag=5, werkhouding=4, fysiek=4, context=4, communicatie=4)
        so_far = group(swv, town["far"], ProvisionType.SO, strong, name="SO ver weg")
        so_near_full = group(swv, town["home"], ProvisionType.SO, strong, name="SO vol", free_places=0, waiting_list=4)
        so_near = group(swv, town["neighbour"], ProvisionType.SO, strong, name="SO dichtbij")
        regular = group(swv, town["far"], ProvisionType.REGULAR_PLUS, strong, name="Basisschool met arrangement")
        too_light = group(swv, town["home"], ProvisionType.SBO, levels(leren=3, gedrag=3), name="SBO om de hoek")
        group(SwvFactory(code="elders"), town["home"], ProvisionType.SO, strong, name="SO in een ander SWV")

        response = client.post(MATCH, {"sector": "po", "levels": need, "home_area": town["home"].pk}, format="json")

        assert response.status_code == 200
        ranked = [row["group"]["id"] for row in response.json()["results"]]
        assert ranked == [regular.pk, so_near_full.pk, so_near.pk, so_far.pk, too_light.pk]

    def test_same_district_with_free_places_before_a_full_one(self, client, swv, town):
        strong = levels(leren=5, gedrag=5)
        full = group(swv, town["home"], ProvisionType.SO, strong, name="Vol", free_places=0)
        free = group(swv, town["home"], ProvisionType.SO, strong, name="Vrij", free_places=3)
        body = client.post(
            MATCH, {"sector": "po", "levels": levels(leren=4), "home_area": town["home"].pk}, format="json"
        ).json()
        assert [row["group"]["id"] for row in body["results"]] == [free.pk, full.pk]

    def test_each_rank_explains_itself_in_dutch(self, client, swv, town):
        group(swv, town["neighbour"], ProvisionType.SO, levels(leren=3), name="Te licht", waiting_list=2)
        body = client.post(
            MATCH, {"sector": "po", "levels": levels(leren=4), "home_area": town["home"].pk}, format="json"
        ).json()
        reasons = body["results"][0]["reasons"]
        assert reasons[0].startswith("Biedt minder dan nodig op: leren en cognitie (4 > 3)")
        assert "In hetzelfde stadsdeel als thuis." in reasons
        assert "2 leerlingen op de wachtlijst." in reasons
        assert body["results"][0]["covers_need"] is False

    def test_geographic_distance_when_coordinates_are_known(self, client, swv, town):
        g = group(swv, town["far"], ProvisionType.SO, levels(leren=5), name="Met adres")
        school = SchoolFactory(swv=swv)
        location = school.locations.get()
        location.latitude, location.longitude = 52.3700, 5.2200
        location.save()
        g.location = location
        g.save()
        body = client.post(
            MATCH,
            {
                "sector": "po",
                "levels": levels(leren=4),
                "home_area": town["home"].pk,
                "home_latitude": 52.3508,
                "home_longitude": 5.2647,
            },
            format="json",
        ).json()
        assert 3 < body["results"][0]["distance_km"] < 4

    def test_another_swv_is_refused(self, client, town):
        other = SwvFactory(code="elders-2")
        response = client.post(
            MATCH, {"sector": "po", "levels": levels(), "home_area": town["home"].pk, "swv": other.pk}, format="json"
        )
        assert response.status_code == 400 and "swv" in response.json()

    def test_an_unknown_home_area_is_named(self, client):
        response = client.post(MATCH, {"sector": "po", "levels": levels(), "home_area": 999999}, format="json")
        assert response.status_code == 400 and "home_area" in response.json()

    def test_a_role_without_an_swv_is_refused(self, api_client_for, town):
        user = user_with_role(Role.ADMIN)
        response = api_client_for(user).post(
            MATCH, {"sector": "po", "levels": levels(), "home_area": town["home"].pk}, format="json"
        )
        assert response.status_code in (400, 403)
