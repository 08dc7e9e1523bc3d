"""Funding follows the matrix: places × tariff, the 7/12-5/12 split and the category mix."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.network import selectors
from dekkend.network.models import FundingTariff, ProvisionType
from dekkend.network.rules import (
    calendar_year_amount,
    indexation_factor,
    school_year_of,
    school_years_of_calendar_year,
    tariff_for,
    tariff_origin,
    yearly_amount,
)
from dekkend.network.services import funding_tariffs_load, funding_tariffs_set, support_profile_create
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
        # No group recorded for 2026-2027 and no plan: the same places at the indexed tariffs.
        assert row.second_basis == "as_now"
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
        assert row.second_basis == "recorded" and row.amount_second == Decimal("0.00")

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


class PlannedPlacesFundingTests:
    def test_next_years_budget_uses_the_planned_places_per_level(self, world):
        group = world["group"]
        group.planned_without_category, group.planned_category_1 = 0, 6
        group.planned_category_2, group.planned_category_3 = 0, 1
        group.save()

        row = selectors.group_funding(swv=world["swv"], year=2026).rows[0]

        assert row.second_basis == "planned"
        assert row.places_second == {0: 0, 1: 6, 2: 0, 3: 1}
        assert row.amount_second == 6 * Decimal("11124") + 1 * Decimal("23484")
        assert row.amount_first == 4 * Decimal("10800") + 2 * Decimal("15600")  # this year: the places now

    def test_a_plan_of_zero_places_is_a_plan_not_as_now(self, world):
        group = world["group"]
        group.planned_without_category = group.planned_category_1 = 0
        group.planned_category_2 = group.planned_category_3 = 0
        group.save()
        row = selectors.group_funding(swv=world["swv"], year=2026).rows[0]
        assert row.second_basis == "planned" and row.amount_second == Decimal("0.00")

    def test_a_recorded_next_year_group_wins_over_the_plan(self, world):
        group = world["group"]
        group.planned_without_category, group.planned_category_1 = 0, 9
        group.planned_category_2 = group.planned_category_3 = 0
        group.save()
        ProvisionGroupFactory(provision=world["so"], name=group.name, school_year="2026-2027", places_category_1=3)
        row = selectors.group_funding(swv=world["swv"], year=2026).rows[0]
        assert row.second_basis == "recorded" and row.places_second[1] == 3


class ExampleTariffTests:
    def test_the_shipped_tariffs_are_examples(self, world):
        report = selectors.group_funding(swv=world["swv"], year=2026)
        assert FundingTariff.objects.filter(swv=world["swv"], is_example=False).count() == 0
        assert report.example_tariffs
        assert all(row["first_example"] and row["second_example"] for row in report.tariffs)

    def test_a_tariff_the_swv_sets_is_its_own_and_its_index_follows(self, world):
        funding_tariffs_set(
            swv=world["swv"],
            school_year="2025-2026",
            amounts={level: (Decimal(9000), Decimal(9270)) for level in range(4)},
            context=CONTEXT,
        )
        report = selectors.group_funding(swv=world["swv"], year=2026)
        assert not report.example_tariffs
        assert report.tariffs[1]["first"] == Decimal(9000) and report.tariffs[1]["second"] == Decimal(9270)
        assert report.tariffs[1]["second_indexed"]

    def test_only_the_levels_given_are_replaced(self, world):
        funding_tariffs_set(
            swv=world["swv"], school_year="2025-2026", amounts={1: (Decimal(9000), None)}, context=CONTEXT
        )
        report = selectors.group_funding(swv=world["swv"], year=2026)
        assert not report.tariffs[1]["first_example"] and report.tariffs[2]["first_example"]
        assert report.example_tariffs

    def test_tariff_origin_says_set_indexed_or_unknown(self):
        tariffs = {("2025-2026", 1): (Decimal(1), Decimal(2), True), ("2025-2026", 2): (Decimal(1), None, False)}
        assert tariff_origin(1, "2025-2026", tariffs) == ("set", False)
        assert tariff_origin(1, "2026-2027", tariffs) == ("indexed", False)
        assert tariff_origin(2, "2025-2026", tariffs) == ("set", True)
        assert tariff_origin(2, "2026-2027", tariffs) is None

    @pytest.mark.parametrize("amount", [Decimal(0), Decimal(-5)])
    def test_a_tariff_must_be_above_zero(self, world, amount):
        with pytest.raises(ValidationError):
            funding_tariffs_set(
                swv=world["swv"], school_year="2025-2026", amounts={1: (amount, None)}, context=CONTEXT
            )

    def test_funding_page_says_example_tariff(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        html = client.get(f"/dekkend-netwerk/bekostiging/{world['swv'].code}/", {"year": 2026}).content.decode()
        assert "voorbeeldtarief" in html
        assert f"/dekkend-netwerk/bekostiging/{world['swv'].code}/tarieven/" in html


class TariffPageTests:
    def _url(self, world):
        return f"/dekkend-netwerk/bekostiging/{world['swv'].code}/tarieven/"

    def _post(self, client, world, **fields):
        data = {"school_year": "2025-2026", "amount_0": "", "amount_1": "", "amount_2": "", "amount_3": ""}
        data.update(fields)
        return client.post(self._url(world), data)

    def test_the_controller_sets_the_tariffs_of_a_school_year(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        response = self._post(client, world, amount_1="9500,00", indexed_1="9785,00", amount_2="14000")

        assert response.status_code == 302
        tariff = FundingTariff.objects.get(swv=world["swv"], school_year="2025-2026", level=1)
        assert tariff.amount == Decimal("9500.00") and tariff.indexed_next_year == Decimal("9785.00")
        assert not tariff.is_example
        assert FundingTariff.objects.get(swv=world["swv"], school_year="2025-2026", level=3).is_example
        assert AuditEvent.objects.filter(object_type="funding_tariff", swv_id=world["swv"].pk).count() == 2
        html = client.get(self._url(world)).content.decode()
        assert "vastgesteld door het samenwerkingsverband" in html and "voorbeeldtarief" in html

    @pytest.mark.parametrize("amount", ["0", "-100", "veel"])
    def test_a_tariff_that_is_not_a_positive_amount_is_refused_in_dutch(self, world, client, amount):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        response = self._post(client, world, amount_1=amount)

        html = response.content.decode()
        assert response.status_code == 200
        assert "niet opgeslagen" in html and f'value="{amount}"' in html
        assert FundingTariff.objects.get(swv=world["swv"], school_year="2025-2026", level=1).is_example

    @pytest.mark.parametrize("year", ["2025/2026", "2025-2027", "2031-2032"])
    def test_a_school_year_that_does_not_exist_is_refused(self, world, client, year):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        response = self._post(client, world, school_year=year, amount_1="9000")
        html = response.content.decode()
        assert response.status_code == 200 and "schooljaar" in html.lower() and f'value="{year}"' in html
        assert not FundingTariff.objects.filter(swv=world["swv"], school_year=year).exists()

    def test_the_next_school_year_may_be_set(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=world["swv"]))
        assert self._post(client, world, school_year="2026-2027", amount_0="8100").status_code == 302
        assert FundingTariff.objects.filter(swv=world["swv"], school_year="2026-2027", level=0).exists()

    @pytest.mark.parametrize("role", [Role.MANAGER, Role.DIRECTOR, Role.SECRETARIAT, Role.BOARD])
    def test_other_roles_may_not_set_tariffs(self, world, client, role):
        client.force_login(user_with_role(role, swv=world["swv"]))
        assert client.get(self._url(world)).status_code == 403
        assert self._post(client, world, amount_1="1").status_code == 403

    def test_the_controller_of_another_swv_finds_nothing(self, world, client):
        client.force_login(user_with_role(Role.POLICY, swv=SwvFactory(code="elders-po")))
        assert self._post(client, world, amount_1="1").status_code == 404
        assert FundingTariff.objects.get(swv=world["swv"], school_year="2025-2026", level=1).is_example
