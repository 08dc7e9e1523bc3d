"""Coverage and gaps: demand from the latest profiles against places near the pupils."""

import datetime

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.network import selectors
from dekkend.network.models import ProvisionType
from dekkend.network.rules import allocate, suppress, target_group
from dekkend.network.services import support_profile_create
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PlacementFactory, PupilFactory

from .areas import almere
from .factories import ProvisionGroupFactory
from .profiles import levels

pytestmark = pytest.mark.django_db
API = "/api/v1/network/coverage/"
CONTEXT = AuditContext(purpose="test")
SO_2 = levels(gedrag=6)  # so-1 B and so-2 C fit; regulier+ does not (a 6): the network's so, category 2


class AllocateRuleTests:
    def test_own_district_first_then_next_door_then_further_then_none(self):
        adjacent = {1: {2}, 2: {1, 3}, 3: {2}}
        shares = allocate({1: 5, 3: 4}, {1: 2, 2: 2, 3: 0, 4: 1}, adjacent)
        # District 1: 2 own, 2 from next-door district 2, 1 from district 4 (not adjacent).
        assert shares[1] == [2, 2, 1, 0]
        # District 3: district 2 is used up, district 4 too: nothing left.
        assert shares[3] == [0, 0, 0, 4]

    def test_exactly_enough_places_leaves_no_one_without(self):
        assert allocate({1: 3}, {1: 3}, {})[1] == [3, 0, 0, 0]

    def test_pupils_of_unknown_district_only_get_places_elsewhere(self):
        assert allocate({None: 2}, {1: 1}, {1: set()})[None] == [0, 0, 1, 1]

    def test_no_demand_no_rows(self):
        assert allocate({}, {1: 5}, {}) == {}


class TargetGroupRuleTests:
    def test_basic_support_asks_nothing_of_the_network(self, table):
        from dekkend.network.rules import Profile, assess

        options = assess(Profile("po", levels(leren=2)), table)
        assert target_group(options, {("regulier+", None)}) is None

    def test_no_fitting_criterion_is_maatwerk(self):
        assert target_group([], set()) == ("maatwerk", None)

    def test_lightest_option_the_network_offers(self, table):
        from dekkend.network.rules import Profile, assess

        options = assess(Profile("po", levels(leren=5, gedrag=5)), table)  # regulier+ and so 2
        assert target_group(options, {("regulier+", None), ("so", 2)}) == ("regulier+", None)
        assert target_group(options, {("so", 2)}) == ("so", 2)
        # Nothing offered: the lightest allowed option, counted as a gap.
        assert target_group(options, set()) == ("regulier+", None)


class SuppressRuleTests:
    @pytest.mark.parametrize(("count", "shown"), [(0, "<5"), (4, "<5"), (5, 5), (12, 12)])
    def test_partners_see_small_cells_as_less_than_five(self, count, shown):
        assert suppress(count, suppressed=True) == shown

    def test_staff_see_exact_numbers(self):
        assert suppress(3, suppressed=False) == 3


@pytest.fixture
def world():
    areas = almere()
    swv = SwvFactory(code="almere-po")
    school = SchoolFactory(swv=swv)
    so = ProvisionFactory(swv=swv, name="SO Haven", kind=Provision.Kind.SO, area=areas["Almere Haven"])
    group = ProvisionGroupFactory(
        provision=so,
        provision_type=ProvisionType.SO,
        places_category_1=0,
        places_category_2=2,
        **{f"offer_{area}": 6 for area in SO_2},
    )
    return {"areas": areas, "swv": swv, "school": school, "group": group}


def _pupil(world, district, profile=SO_2):
    pupil = PupilFactory(school=world["school"], home_area=world["areas"][district])
    support_profile_create(pupil=pupil, levels=profile, context=CONTEXT)
    return pupil


def _row(result, district, key="so-2"):
    return next(row for row in result.rows if row.district_name == district and row.target.key == key)


class CoverageTests:
    def test_a_district_without_places_nearby_is_a_gap(self, world):
        for _ in range(3):
            _pupil(world, "Buiten 1")  # Almere Buiten: not next to Almere Haven

        result = selectors.coverage(swv=world["swv"], sector="po")

        row = _row(result, "Almere Buiten")
        assert (row.demand, row.places_in_reach, row.elsewhere, row.without_place) == (3, 0, 2, 1)
        assert row.is_gap and row.not_near == 3
        assert result.mean_travel == 2

    def test_pupils_next_door_are_served_without_gap(self, world):
        _pupil(world, "Stad 1")  # Almere Stad touches Almere Haven

        row = _row(selectors.coverage(swv=world["swv"], sector="po"), "Almere Stad")

        assert (row.demand, row.adjacent, row.is_gap) == (1, 1, False)
        assert row.places_in_reach == 2

    def test_only_the_latest_profile_counts(self, world):
        pupil = _pupil(world, "Stad 1")
        support_profile_create(pupil=pupil, levels=levels(leren=2), context=CONTEXT)  # now basic support

        result = selectors.coverage(swv=world["swv"], sector="po")

        assert result.total("demand") == 0

    def test_pupils_placed_outside_the_region_count_in_their_home_district(self, world):
        pupil = _pupil(world, "Buiten 1")
        elsewhere = SchoolFactory(swv=SwvFactory(code="elders"))
        PlacementFactory(pupil=pupil, school=elsewhere, start_date=datetime.date(2025, 8, 25))
        PlacementFactory(pupil=_pupil(world, "Buiten 1"), start_date=datetime.date(2025, 8, 25))  # own region

        row = _row(selectors.coverage(swv=world["swv"], sector="po"), "Almere Buiten")

        assert (row.demand, row.outside_region) == (2, 1)

    def test_a_need_no_criterion_meets_is_counted_as_maatwerk(self, world):
        _pupil(world, "Stad 1", levels(context=6))

        row = _row(selectors.coverage(swv=world["swv"], sector="po"), "Almere Stad", key="maatwerk")

        assert row.demand == 1 and row.is_gap

    def test_what_if_more_places_closes_the_gap_and_shortens_travel(self, world):
        for _ in range(3):
            _pupil(world, "Buiten 1")
        buiten_so = ProvisionFactory(swv=world["swv"], kind=Provision.Kind.SO, area=world["areas"]["Almere Buiten"])
        new_group = ProvisionGroupFactory(
            provision=buiten_so,
            provision_type=ProvisionType.SO,
            places_category_1=0,
            **{f"offer_{area}": 6 for area in SO_2},
        )
        before = selectors.coverage(swv=world["swv"], sector="po")

        after = selectors.coverage(swv=world["swv"], sector="po", changes={(new_group.pk, 2): 3})

        assert _row(before, "Almere Buiten").is_gap
        assert not _row(after, "Almere Buiten").is_gap
        assert after.mean_travel == 0 < before.mean_travel
        assert new_group.places_category_2 == 0  # nothing saved
        fewer = selectors.coverage(swv=world["swv"], sector="po", changes={(world["group"].pk, 2): -2})
        assert fewer.total("without_place") == 3


class CoverageApiTests:
    def test_staff_get_the_table_with_exact_numbers(self, world, api_client_for):
        _pupil(world, "Buiten 1")
        client = api_client_for(user_with_role(Role.SECRETARIAT, swv=world["swv"]))

        body = client.get(API, {"sector": "po"}).json()

        assert body["small_numbers_suppressed"] is False
        row = next(r for r in body["rows"] if r["district"]["name"] == "Almere Buiten")
        assert row["demand"] == 1 and row["gap"] is True
        assert row["target_group"]["key"] == "so-2"
        assert body["gaps"] and body["gaps"][0].startswith("Tekort in Almere Buiten")

    def test_partners_see_cells_under_five_as_less_than_five(self, world, api_client_for):
        _pupil(world, "Buiten 1")
        client = api_client_for(user_with_role(Role.PARTNER, swv=world["swv"]))

        body = client.get(API, {"sector": "po"}).json()

        row = next(r for r in body["rows"] if r["district"]["name"] == "Almere Buiten")
        assert body["small_numbers_suppressed"] is True
        assert row["demand"] == "<5" and row["without_place"] == "<5"
        assert row["places_in_reach"] == 0  # places are not pupil data
        assert body["totals"]["demand"] == "<5"

    def test_missing_sector_is_refused_naming_the_field(self, world, api_client_for):
        client = api_client_for(user_with_role(Role.SECRETARIAT, swv=world["swv"]))
        response = client.get(API)
        assert response.status_code == 400 and "sector" in response.json()

    def test_another_swv_is_not_reachable(self, world, api_client_for):
        other = SwvFactory(code="elders-po")
        client = api_client_for(user_with_role(Role.SECRETARIAT, swv=other))
        response = client.get(API, {"sector": "po", "swv": world["swv"].pk})
        assert response.status_code == 400 and "swv" in response.json()

    @pytest.mark.parametrize("role", [Role.SCHOOL, Role.EXPERT, Role.PRIVACY_OFFICER, Role.CONSULTANT])
    def test_roles_without_aggregates_are_refused(self, role, world, api_client_for):
        user = (
            user_with_role(role, school=world["school"])
            if role in (Role.SCHOOL, Role.CONSULTANT)
            else user_with_role(role, swv=world["swv"])
        )
        assert api_client_for(user).get(API, {"sector": "po"}).status_code == 403


class CoveragePageTests:
    def _url(self, world):
        return f"/dekkend-netwerk/dekking/{world['swv'].code}/"

    def test_staff_see_the_gaps_in_words_the_chart_and_the_table(self, world, client):
        _pupil(world, "Buiten 1")
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))

        html = client.get(self._url(world)).content.decode()

        assert "Tekort in Almere Buiten" in html
        assert '<svg class="chart"' in html
        assert "Ja: tekort" in html

    def test_what_if_shows_the_effect_and_keeps_the_input(self, world, client):
        _pupil(world, "Buiten 1")
        client.force_login(user_with_role(Role.SECRETARIAT, swv=world["swv"]))

        response = client.get(self._url(world), {"group": world["group"].pk, "level": 2, "places": 5})

        html = response.content.decode()
        assert "Met de wijziging" in html
        assert 'value="5"' in html

    def test_what_if_without_a_number_explains_in_dutch(self, world, client):
        client.force_login(user_with_role(Role.SECRETARIAT, swv=world["swv"]))
        html = client.get(self._url(world), {"group": world["group"].pk, "places": ""}).content.decode()
        assert "Vul het aantal plaatsen in" in html

    def test_a_school_may_not_see_the_coverage(self, world, client):
        client.force_login(user_with_role(Role.SCHOOL, school=world["school"]))
        assert client.get(self._url(world)).status_code == 403

    def test_staff_of_another_swv_get_not_found(self, world, client):
        client.force_login(user_with_role(Role.SECRETARIAT, swv=SwvFactory(code="elders-po")))
        assert client.get(self._url(world)).status_code == 404

    def test_anonymous_visitors_are_sent_to_sign_in(self, world, client):
        response = client.get(self._url(world))
        assert response.status_code == 302 and "/account/" in response["Location"]
