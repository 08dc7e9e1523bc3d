"""Named what-if scenarios for the coverage: saved per SWV, reopened, compared with now,
deleted after confirmation; never visible to another SWV."""

import pytest
from django.core.exceptions import ValidationError

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.network import selectors
from dekkend.network.models import CoverageScenario, ProvisionType, ScenarioChange
from dekkend.network.services import coverage_scenario_create, coverage_scenario_delete, support_profile_create
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory

from .areas import almere
from .factories import ProvisionGroupFactory
from .profiles import levels

pytestmark = pytest.mark.django_db
CONTEXT = AuditContext(purpose="test")
SO_2 = levels(gedrag=6)
API = "/api/v1/network/scenarios/"


@pytest.fixture
def world():
    areas = almere()
    swv = SwvFactory(code="almere-po")
    school = SchoolFactory(swv=swv)
    haven = ProvisionFactory(swv=swv, name="SO Haven", kind=Provision.Kind.SO, area=areas["Almere Haven"])
    buiten = ProvisionFactory(swv=swv, name="SO Buiten", kind=Provision.Kind.SO, area=areas["Almere Buiten"])
    offer = {f"offer_{area}": 6 for area in SO_2}
    group = ProvisionGroupFactory(
        provision=haven, provision_type=ProvisionType.SO, places_category_1=0, places_category_2=2, **offer
    )
    empty = ProvisionGroupFactory(
        provision=buiten, provision_type=ProvisionType.SO, places_category_1=0, places_category_2=0, **offer
    )
    for _ in range(3):  # three pupils in Almere Buiten need so category 2: a gap there
        pupil = PupilFactory(school=school, home_area=areas["Buiten 1"])
        support_profile_create(pupil=pupil, levels=SO_2, context=CONTEXT)
    return {"swv": swv, "school": school, "group": group, "empty": empty}


def _scenario(world, name="Extra so in Buiten", places=3):
    return coverage_scenario_create(
        swv=world["swv"],
        name=name,
        sector="po",
        school_year="2025-2026",
        changes=[(world["empty"].pk, 2, places)],
        context=CONTEXT,
    )


class ScenarioServiceTests:
    def test_a_saved_scenario_reopens_with_its_changes_and_compares_with_now(self, world):
        scenario = _scenario(world)

        now, changed = selectors.coverage_of_scenario(
            selectors.coverage_scenario_get(swv=world["swv"], scenario_id=scenario.pk)
        )

        assert scenario.as_changes() == {(world["empty"].pk, 2): 3}
        assert now.total("not_near") == 3 and changed.total("not_near") == 0
        assert len(now.gaps()) == 1 and changed.gaps() == []
        world["empty"].refresh_from_db()
        assert world["empty"].places_category_2 == 0  # a scenario never changes the group
        assert AuditEvent.objects.filter(object_type="coverage_scenario", action="create").count() == 1

    def test_removing_places_makes_the_gap_larger(self, world):
        scenario = coverage_scenario_create(
            swv=world["swv"],
            name="Haven dicht",
            sector="po",
            school_year="2025-2026",
            changes=[(world["group"].pk, 2, -2)],
            context=CONTEXT,
        )
        now, changed = selectors.coverage_of_scenario(scenario)
        assert changed.total("without_place") == 3 > now.total("without_place")

    def test_names_are_unique_per_swv_whatever_the_case(self, world):
        _scenario(world)
        with pytest.raises(ValidationError) as error:
            _scenario(world, name="EXTRA SO IN BUITEN")
        assert "name" in error.value.message_dict

    def test_a_group_of_another_swv_cannot_be_part_of_a_scenario(self, world):
        foreign = ProvisionGroupFactory(provision=ProvisionFactory(swv=SwvFactory(code="elders-po")))
        with pytest.raises(ValidationError):
            coverage_scenario_create(
                swv=world["swv"],
                name="Leen",
                sector="po",
                school_year="2025-2026",
                changes=[(foreign.pk, 1, 2)],
                context=CONTEXT,
            )
        assert not CoverageScenario.objects.exists()

    def test_a_scenario_without_changes_is_refused(self, world):
        with pytest.raises(ValidationError):
            coverage_scenario_create(
                swv=world["swv"], name="Leeg", sector="po", school_year="2025-2026", changes=[], context=CONTEXT
            )

    def test_deleting_removes_the_changes_and_is_logged(self, world):
        scenario = _scenario(world)
        coverage_scenario_delete(scenario=scenario, context=CONTEXT)
        assert not CoverageScenario.objects.exists() and not ScenarioChange.objects.exists()
        assert AuditEvent.objects.filter(object_type="coverage_scenario", action="delete").count() == 1

    def test_another_swv_never_sees_them(self, world):
        _scenario(world)
        other = SwvFactory(code="elders-po")
        assert selectors.coverage_scenarios(other) == []
        assert selectors.coverage_scenario_get(swv=other, scenario_id=CoverageScenario.objects.get().pk) is None


class ScenarioPageTests:
    def _base(self, world):
        return f"/dekkend-netwerk/dekking/{world['swv'].code}/scenario/"

    def _form(self, world, **given):
        data = {"name": "Meer so in Buiten", "sector": "po", "note": ""}
        for index in range(1, 6):
            data.update({f"group_{index}": "", f"level_{index}": "0", f"places_{index}": ""})
        data.update({"group_1": str(world["empty"].pk), "level_1": "2", "places_1": "3"})
        data.update(given)
        return data

    def test_a_planner_saves_reopens_and_compares(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))

        response = client.post(self._base(world) + "nieuw/", self._form(world))

        scenario = CoverageScenario.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/scenario/{scenario.pk}/")
        html = client.get(response["Location"]).content.decode()
        assert "Meer so in Buiten" in html and "Met het scenario" in html
        assert "+3" in html  # the change and the difference in pupils near a place
        listing = client.get(f"/dekkend-netwerk/dekking/{world['swv'].code}/").content.decode()
        assert "Bewaarde scenario" in listing and "Meer so in Buiten" in listing

    def test_bad_input_keeps_what_was_typed_and_says_why_in_dutch(self, world, client):
        client.force_login(user_with_role(Role.MANAGER, swv=world["swv"]))
        response = client.post(self._base(world) + "nieuw/", self._form(world, places_1="", note="mijn notitie"))
        html = response.content.decode()
        assert response.status_code == 200 and not CoverageScenario.objects.exists()
        assert "niet bewaard" in html and "mijn notitie" in html and 'value="Meer so in Buiten"' in html

    def test_a_duplicate_name_is_refused_in_dutch(self, world, client):
        _scenario(world, name="Meer so in Buiten")
        client.force_login(user_with_role(Role.DIRECTOR, swv=world["swv"]))
        html = client.post(self._base(world) + "nieuw/", self._form(world)).content.decode()
        assert "bestaat al een scenario" in html and CoverageScenario.objects.count() == 1

    def test_the_what_if_prefills_a_new_scenario(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        html = client.get(
            self._base(world) + "nieuw/", {"group": world["empty"].pk, "level": 2, "places": 4}
        ).content.decode()
        assert 'value="4"' in html and f'value="{world["empty"].pk}" selected' in html

    def test_delete_asks_first_then_deletes(self, world, client):
        scenario = _scenario(world)
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        url = f"{self._base(world)}{scenario.pk}/verwijderen/"

        ask = client.get(url)
        assert ask.status_code == 200 and "niet ongedaan" in ask.content.decode()
        assert CoverageScenario.objects.exists()

        assert client.post(url).status_code == 302
        assert not CoverageScenario.objects.exists()

    def test_a_planner_of_another_swv_gets_not_found(self, world, client):
        scenario = _scenario(world)
        client.force_login(user_with_role(Role.POLICY, swv=SwvFactory(code="elders-po")))
        assert client.get(f"{self._base(world)}{scenario.pk}/").status_code == 404
        assert client.post(f"{self._base(world)}{scenario.pk}/verwijderen/").status_code == 404
        assert CoverageScenario.objects.exists()

    @pytest.mark.parametrize("role", [Role.PARTNER, Role.BOARD, Role.SECRETARIAT])
    def test_roles_that_do_not_plan_may_not_open_scenarios(self, world, client, role):
        scenario = _scenario(world)
        client.force_login(user_with_role(role, swv=world["swv"]))
        assert client.get(f"{self._base(world)}{scenario.pk}/").status_code == 403
        assert client.get(self._base(world) + "nieuw/").status_code == 403
        assert "Bewaarde scenario" not in client.get(f"/dekkend-netwerk/dekking/{world['swv'].code}/").content.decode()


class ScenarioApiTests:
    def _body(self, world, **given):
        body = {
            "name": "API-scenario",
            "sector": "po",
            "changes": [{"group": world["empty"].pk, "level": 2, "places": 3}],
        }
        body.update(given)
        return body

    def test_create_list_detail_delete(self, world, api_client_for):
        client = api_client_for(user_with_role(Role.POLICY, swv=world["swv"]))

        created = client.post(API, self._body(world), format="json")
        assert created.status_code == 201
        scenario_id = created.json()["id"]
        assert [s["name"] for s in client.get(API).json()] == ["API-scenario"]

        detail = client.get(f"{API}{scenario_id}/").json()
        assert detail["totals_now"]["not_near"] == 3 and detail["totals_with_scenario"]["not_near"] == 0
        assert detail["gaps_now"] and detail["gaps_with_scenario"] == []
        assert next(r for r in detail["comparison"] if r["key"] == "not_near")["difference"] == -3

        assert client.delete(f"{API}{scenario_id}/").status_code == 204
        assert client.get(f"{API}{scenario_id}/").status_code == 404

    @pytest.mark.parametrize(
        ("change", "field"),
        [({"group": 1, "level": 5, "places": 1}, "level"), ({"group": 1, "level": 1, "places": 0}, "places")],
    )
    def test_bad_changes_are_refused_naming_the_field(self, world, api_client_for, change, field):
        client = api_client_for(user_with_role(Role.POLICY, swv=world["swv"]))
        response = client.post(API, self._body(world, changes=[change]), format="json")
        assert response.status_code == 400 and field in str(response.json()["changes"])

    def test_missing_name_is_refused(self, world, api_client_for):
        client = api_client_for(user_with_role(Role.POLICY, swv=world["swv"]))
        body = self._body(world)
        del body["name"]
        response = client.post(API, body, format="json")
        assert response.status_code == 400 and "name" in response.json()

    def test_another_swvs_scenarios_are_invisible(self, world, api_client_for):
        scenario = _scenario(world)
        client = api_client_for(user_with_role(Role.POLICY, swv=SwvFactory(code="elders-po")))
        assert client.get(API).json() == []
        assert client.get(f"{API}{scenario.pk}/").status_code == 404
        assert client.delete(f"{API}{scenario.pk}/").status_code == 404
        # and a group of this SWV cannot be used from the other one
        response = client.post(API, self._body(world), format="json")
        assert response.status_code == 400 and CoverageScenario.objects.count() == 1

    @pytest.mark.parametrize("role", [Role.PARTNER, Role.BOARD, Role.SECRETARIAT, Role.SCHOOL])
    def test_roles_that_do_not_plan_are_refused(self, world, api_client_for, role):
        user = (
            user_with_role(role, school=world["school"])
            if role == Role.SCHOOL
            else user_with_role(role, swv=world["swv"])
        )
        client = api_client_for(user)
        assert client.get(API).status_code == 403
        assert client.post(API, self._body(world), format="json").status_code == 403
