"""Funding follows the matrix: places × tariff, the 7/12-5/12 split and the category mix."""

import datetime
from decimal import Decimal

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.services import AuditContext
from dekkend.network import selectors
from dekkend.network.models import FundingTariff, ProvisionType
from dekkend.network.rules import (
    calendar_year_amount,
    indexation_factor,
    school_year_of,
    school_years_of_calendar_year,
    tariff_for,
    yearly_amount,
)
from dekkend.network.services import funding_tariffs_load, support_profile_create
from dekkend.organisations.models import Provision
from dekkend.organisations.tests.factories import ProvisionFactory, SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PlacementFactory, PupilFactory

from .factories import ProvisionGroupFactory
from .profiles import levels

pytestmark = pytest.mark.django_db
CONTEXT = AuditContext(purpose="test")


class SchoolYearRuleTests:
    def test_the_school_year_turns_on_the_first_of_august(self):
        assert school_year_of(datetime.date(2026, 7, 31)) == "2025-2026"
        assert school_year_of(datetime.date(2026, 8, 1)) == "2026-2027"

    def test_a_calendar_year_spans_two_school_years(self):
        assert school_years_of_calendar_year(2026) == ("2025-2026", "2026-2027")


class TariffRuleTests:
    TARIFFS = {("2025-2026", 1): (Decimal("10800.00"), Decimal("11124.00")), ("2025-2026", 2): (Decimal(15600), None)}

    def test_the_tariff_set_for_the_year_wins(self):
        assert tariff_for(1, "2025-2026", self.TARIFFS) == Decimal("10800.00")

    def test_next_year_falls_back_on_the_indexed_tariff(self):
        assert tariff_for(1, "2026-2027", self.TARIFFS) == Decimal("11124.00")

    def test_no_indexed_tariff_and_no_own_tariff_is_unknown(self):
        assert tariff_for(2, "2026-2027", self.TARIFFS) is None
        assert tariff_for(3, "2025-2026", self.TARIFFS) is None


class AmountRuleTests:
    def test_yearly_amount_is_places_times_tariff_over_the_levels(self):
        places = {0: 2, 1: 3, 2: 0, 3: 1}
        tariffs = {0: Decimal(7800), 1: Decimal(10800), 2: None, 3: Decimal(22800)}
        assert yearly_amount(places, tariffs) == Decimal("2") * 7800 + 3 * 10800 + 22800

    def test_no_places_costs_nothing_even_without_tariffs(self):
        assert yearly_amount({0: 0, 1: 0}, {}) == Decimal("0.00")

    def test_places_without_a_tariff_cannot_be_calculated(self):
        assert yearly_amount({2: 1}, {2: None}) is None

    def test_calendar_year_is_seven_twelfths_plus_five_twelfths(self):
        assert calendar_year_amount(Decimal(12000), Decimal(24000)) == Decimal("17000.00")

    def test_calendar_year_rounds_to_the_cent_at_the_end(self):
        # 7/12 × 100 = 58.333…, 5/12 × 100 = 41.666…: together exactly 100.00, not 99.99.
        assert calendar_year_amount(Decimal(100), Decimal(100)) == Decimal("100.00")
        assert calendar_year_amount(Decimal(1), Decimal(0)) == Decimal("0.58")

    def test_calendar_year_unknown_when_a_school_year_is_unknown(self):
        assert calendar_year_amount(None, Decimal(1)) is None

    def test_indexation_factor_is_the_ratio_of_the_yearly_amounts(self):
        assert indexation_factor(Decimal(10800), Decimal(11124)) == Decimal("1.0300")
        assert indexation_factor(Decimal(0), Decimal(5)) is None


@pytest.fixture
def world():
    swv = SwvFactory(code="almere-po")
    funding_tariffs_load(swv=swv, context=CONTEXT)
    so = ProvisionFactory(swv=swv, kind=Provision.Kind.SO, name="SO De Rekening")
    group = ProvisionGroupFactory(
        provision=so,
        provision_type=ProvisionType.SO,
        school_year="2025-2026",
        places_category_1=4,
        places_category_2=2,
    )
    return {"swv": swv, "so": so, "group": group}


class GroupFundingTests:
    def test_loading_the_tariffs_twice_keeps_one_per_level(self, world):
        funding_tariffs_load(swv=world["swv"], context=CONTEXT)
        assert FundingTariff.objects.filter(swv=world["swv"]).count() == 4

    def test_a_group_gets_places_times_tariff_split_over_the_calendar_year(self, world):
        report = selectors.group_funding(swv=world["swv"], year=2026)

        row = report.rows[0]
        assert row.amount_first == 4 * Decimal("10800") + 2 * Decimal("15600")
        # No group recorded for 2026-2027: the same places at the indexed tariffs.
        assert row.second_assumed
        assert row.amount_second == 4 * Decimal("11124") + 2 * Decimal("16068")
        assert row.calendar_amount == calendar_year_amount(row.amount_first, row.amount_second)
        assert row.factor == Decimal("1.0300")

    def test_a_recorded_next_year_group_is_used(self, world):
        ProvisionGroupFactory(
            provision=world["so"],
            name=world["group"].name,
            provision_type=ProvisionType.SO,
            school_year="2026-2027",
            places_category_1=0,
            places_category_2=0,
        )
        row = selectors.group_funding(swv=world["swv"], year=2026).rows[0]
        assert not row.second_assumed and row.amount_second == Decimal("0.00")

    def test_a_year_without_tariffs_says_it_cannot_calculate(self, world):
        ProvisionGroupFactory(provision=world["so"], provision_type=ProvisionType.SO, school_year="2026-2027")

        report = selectors.group_funding(swv=world["swv"], year=2027)  # 2026-2027 and 2027-2028

        row = report.rows[0]
        assert row.amount_first is not None  # 2026-2027: the indexed tariff of 2025-2026
        assert row.amount_second is None and row.calendar_amount is None  # 2027-2028: no tariff
        assert report.missing_tariffs and report.total_calendar is None

    def test_the_category_mix_counts_the_pupils_placed_there_by_their_latest_profile(self, world):
        school = SchoolFactory(swv=world["swv"])
        for profile in (levels(gedrag=6), levels(gedrag=6), levels(leren=5)):
            pupil = PupilFactory(school=school)
            PlacementFactory(pupil=pupil, school=None, provision=world["so"], start_date=datetime.date(2025, 8, 25))
            support_profile_create(pupil=pupil, levels=profile, context=CONTEXT)
        unprofiled = PupilFactory(school=school)
        PlacementFactory(pupil=unprofiled, school=None, provision=world["so"], start_date=datetime.date(2025, 8, 25))

        mix = selectors.group_funding(swv=world["swv"], year=2026).rows[0].mix

        assert mix == {"2": 2, "1": 1, "unknown": 1}


class FundingPageTests:
    def _url(self, world):
        return f"/dekkend-netwerk/bekostiging/{world['swv'].code}/"

    def test_policy_staff_see_the_amounts_per_group(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))

        html = client.get(self._url(world), {"year": 2026}).content.decode()

        assert "SO De Rekening" in html
        assert "7/12" in html and "2025-2026" in html and "2026-2027" in html
        assert "1,0300" in html or "1.0300" in html

    def test_a_bad_year_falls_back_with_a_message(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        response = client.get(self._url(world), {"year": "twintig"})
        assert response.status_code == 200 and 'value="twintig"' in response.content.decode()

    def test_partners_may_not_see_the_funding(self, world, client):
        client.force_login(user_with_role(Role.PARTNER, swv=world["swv"]))
        assert client.get(self._url(world)).status_code == 403

    def test_another_swv_is_not_found(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=SwvFactory(code="elders-po")))
        assert client.get(self._url(world)).status_code == 404
