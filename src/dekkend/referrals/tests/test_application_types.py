"""Application types of Bijlage XII at their edges: maatwerkbudget (3 months, four conditions,
half a year of support), onderwijsarrangement (coordinator review, renewal 3 months before the
end), TLV renewal (links a granted TLV), overbruggingsbudget (TLV requested before the
voorjaarsvakantie of the region)."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from dekkend.organisations.tests.factories import SwvFactory
from dekkend.referrals import rules, services
from dekkend.referrals.models import Application
from dekkend.referrals.worklist import worklist_for

from .conftest import ctx
from .factories import ApplicationFactory

D = datetime.date


def maatwerk(**overrides):
    fields = {
        "period_start": D(2025, 3, 1),
        "period_end": D(2025, 5, 31),
        "prevents_tlv": True,
        "prevents_absence": False,
        "general_funds_spent": True,
        "school_funding_explored": True,
        "school_support_since": D(2024, 9, 1),
    }
    return SimpleNamespace(**{**fields, **overrides})


class MonthsTests:
    def test_month_arithmetic_keeps_the_day_or_takes_the_last_day(self):
        assert rules.months_after(D(2025, 3, 1), 3) == D(2025, 6, 1)
        assert rules.months_after(D(2025, 11, 30), 3) == D(2026, 2, 28)
        assert rules.months_after(D(2025, 5, 31), -3) == D(2025, 2, 28)
        assert rules.months_after(D(2024, 12, 31), 2) == D(2025, 2, 28)


class MaatwerkbudgetTests:
    def test_all_conditions_met(self):
        assert rules.maatwerkbudget_problems(maatwerk(), D(2025, 3, 1)) == {}

    def test_three_months_is_the_limit(self):
        # 1 March to 31 May is 3 months; to 1 June is one day too long.
        assert rules.maatwerkbudget_problems(maatwerk(period_end=D(2025, 5, 31)), D(2025, 3, 1)) == {}
        errors = rules.maatwerkbudget_problems(maatwerk(period_end=D(2025, 6, 1)), D(2025, 3, 1))
        assert set(errors) == {"period_end"} and "31-05-2025" in errors["period_end"]

    def test_either_preventing_a_tlv_or_staying_at_home_suffices(self):
        assert rules.maatwerkbudget_problems(maatwerk(prevents_tlv=False, prevents_absence=True), D(2025, 3, 1)) == {}
        errors = rules.maatwerkbudget_problems(maatwerk(prevents_tlv=False), D(2025, 3, 1))
        assert set(errors) == {"prevents_tlv"}

    @pytest.mark.parametrize("condition", ["general_funds_spent", "school_funding_explored"])
    def test_funds_spent_and_own_funding_explored_are_both_required(self, condition):
        errors = rules.maatwerkbudget_problems(maatwerk(**{condition: False}), D(2025, 3, 1))
        assert set(errors) == {condition}

    def test_half_a_year_of_support_at_school(self):
        on = D(2025, 3, 1)
        assert rules.maatwerkbudget_problems(maatwerk(school_support_since=D(2024, 9, 1)), on) == {}
        errors = rules.maatwerkbudget_problems(maatwerk(school_support_since=D(2024, 9, 2)), on)
        assert set(errors) == {"school_support_since"}
        assert set(rules.maatwerkbudget_problems(maatwerk(school_support_since=None), on)) == {"school_support_since"}

    def test_period_missing_or_reversed(self):
        assert set(rules.maatwerkbudget_problems(maatwerk(period_end=None), D(2025, 3, 1))) == {"period_end"}
        assert set(rules.maatwerkbudget_problems(maatwerk(period_end=D(2025, 2, 1)), D(2025, 3, 1))) == {"period_end"}


class ArrangementRuleTests:
    def test_renewal_is_decided_three_months_before_the_end(self):
        assert rules.arrangement_review_on(D(2026, 7, 31)) == D(2026, 4, 30)
        assert rules.follow_up_on("onderwijsarrangement", D(2026, 7, 31)) == D(2026, 4, 30)
        assert rules.arrangement_renewed_until(D(2026, 7, 31)) == D(2027, 7, 31)

    def test_reviewer_differs_for_po_and_vo(self):
        assert rules.arrangement_reviewer("po") != rules.arrangement_reviewer("vo")

    def test_tlv_follow_up_is_its_end(self):
        assert rules.follow_up_on("tlv", D(2028, 7, 31)) == D(2028, 7, 31)
        assert rules.follow_up_on("tlv", None) is None  # EMB: the whole school career


class HolidayTests:
    def test_regions_of_almere_and_tilburg(self):
        # Flevoland is regio noord (only Zeewolde is midden): rijksoverheid.nl, "Indeling regio's"
        assert rules.region_for(SimpleNamespace(code="almere-po", municipality="Almere")) == "noord"
        assert rules.region_for(SimpleNamespace(code="plein013", municipality="Tilburg")) == "zuid"
        assert rules.region_for(SimpleNamespace(code="x", municipality="Nergenshuizen")) is None

    @pytest.mark.parametrize("year", ["2024-2025", "2025-2026", "2026-2027"])
    def test_every_region_has_each_holiday_in_its_school_year(self, year):
        data = rules._holidays()["school_years"][year]
        first, last = (int(part) for part in year.split("-"))
        for name in ("herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie"):
            for region in ("noord", "midden", "zuid"):
                start, end = data[name][region]
                assert start <= end and (end - start).days <= 50
                assert D(first, 8, 1) <= start <= D(last, 9, 30)

    @pytest.mark.parametrize(
        ("day", "region", "first_day"),
        [
            (D(2025, 2, 1), "noord", D(2025, 2, 15)),
            (D(2025, 2, 1), "midden", D(2025, 2, 22)),
            (D(2026, 2, 1), "noord", D(2026, 2, 21)),
            (D(2026, 2, 1), "midden", D(2026, 2, 14)),
            (D(2026, 2, 1), "zuid", D(2026, 2, 14)),
            (D(2027, 2, 1), "zuid", D(2027, 2, 6)),
            # 2027: noord and midden share the week (schools' 2026-2027 calendars, see the yaml)
            (D(2027, 2, 1), "noord", D(2027, 2, 20)),
            (D(2027, 2, 1), "midden", D(2027, 2, 20)),
        ],
    )
    def test_voorjaarsvakantie_as_published_by_rijksoverheid(self, day, region, first_day):
        assert rules.holiday("voorjaarsvakantie", region, day)[0] == first_day

    @pytest.mark.parametrize(
        ("region", "days"),
        [
            ("noord", (D(2027, 7, 10), D(2027, 8, 22))),
            ("midden", (D(2027, 7, 17), D(2027, 8, 29))),
            ("zuid", (D(2027, 7, 17), D(2027, 8, 29))),
        ],
    )
    def test_zomervakantie_2027_as_the_regions_school_calendars_show(self, region, days):
        assert rules.holiday("zomervakantie", region, D(2027, 3, 1)) == days

    def test_school_year_label(self):
        assert rules.school_year_label(D(2025, 7, 31)) == "2024-2025"
        assert rules.school_year_label(D(2025, 8, 1)) == "2025-2026"


@pytest.mark.django_db
class OverbruggingTests:
    def make(self, requested):
        swv = SwvFactory(municipality="Almere")
        tlv = ApplicationFactory(pupil__school__swv=swv, status="in_assessment", submitted_on=requested)
        budget = ApplicationFactory(
            pupil=tlv.pupil,
            type="overbruggingsbudget",
            requested_provision_type="",
            tlv=tlv,
            placement_on=D(2025, 8, 25),
            prevents_absence=True,
        )
        return budget, tlv

    def test_almere_requested_the_day_before_the_voorjaarsvakantie_of_noord(self):
        budget, _tlv = self.make(D(2025, 2, 14))  # Almere is noord: voorjaarsvakantie from 15 February 2025
        assert rules.type_problems(budget, D(2025, 4, 1)) == {}

    def test_almere_requested_on_its_first_day_is_too_late(self):
        budget, _tlv = self.make(D(2025, 2, 15))
        assert set(rules.type_problems(budget, D(2025, 4, 1))) == {"tlv"}

    def test_midden_the_day_before_and_on_its_first_day(self):
        budget, tlv = self.make(D(2025, 2, 21))  # midden: voorjaarsvakantie from 22 February 2025
        assert rules.overbrugging_problems(budget, tlv, "midden") == {}
        budget, tlv = self.make(D(2025, 2, 22))
        assert set(rules.overbrugging_problems(budget, tlv, "midden")) == {"tlv"}

    def test_region_decides_noord_is_a_week_earlier(self):
        budget, tlv = self.make(D(2025, 2, 21))
        assert rules.overbrugging_problems(budget, tlv, "noord").keys() == {"tlv"}  # noord: from 15 February
        assert rules.overbrugging_problems(budget, tlv, "zuid") == {}

    def test_start_must_be_next_school_year_and_absence_prevented(self):
        budget, tlv = self.make(D(2025, 1, 10))
        budget.placement_on = D(2025, 6, 1)
        budget.prevents_absence = False
        assert set(rules.overbrugging_problems(budget, tlv, "midden")) == {"placement_on", "prevents_absence"}

    def test_unknown_school_year_is_said_not_guessed(self):
        budget, tlv = self.make(D(2023, 1, 10))
        assert "2022-2023" in rules.overbrugging_problems(budget, tlv, "midden")["tlv"]

    def test_tlv_of_another_pupil_refused(self):
        budget, _tlv = self.make(D(2025, 1, 10))
        other = ApplicationFactory(submitted_on=D(2025, 1, 10))
        assert set(rules.overbrugging_problems(budget, other, "midden")) == {"tlv"}


@pytest.mark.django_db
class TlvRenewalTests:
    def test_renewal_must_link_a_granted_tlv_of_the_pupil(self):
        granted = ApplicationFactory(status="granted")
        renewal = ApplicationFactory(pupil=granted.pupil, type="tlv_verlenging", tlv=granted)
        assert rules.tlv_renewal_problem(renewal, granted) == ""
        assert rules.tlv_renewal_problem(renewal, None)
        assert rules.tlv_renewal_problem(renewal, ApplicationFactory(pupil=granted.pupil, status="refused"))
        assert rules.tlv_renewal_problem(renewal, ApplicationFactory(status="granted"))

    def test_submit_without_the_tlv_refused(self, tlv):
        application = services.application_create(
            pupil_id=tlv["pupil"].pk,
            school_id=tlv["school"].pk,
            type="tlv_verlenging",
            requested_provision_type="so",
            parent_consent=True,
            parent_view="Synthetisch.",
            context=ctx(tlv["school_user"]),
        )
        with pytest.raises(ValidationError) as error:
            services.application_submit(application_id=application.pk, context=ctx(tlv["school_user"]))
        assert "tlv" in error.value.message_dict
        application.refresh_from_db()
        assert application.status == "draft"

    def test_create_refuses_a_tlv_of_another_pupil(self, tlv):
        other = ApplicationFactory(status="granted")
        with pytest.raises(ValidationError):
            services.application_create(
                pupil_id=tlv["pupil"].pk,
                school_id=tlv["school"].pk,
                type="tlv_verlenging",
                requested_provision_type="so",
                tlv_id=other.pk,
                context=ctx(tlv["school_user"]),
            )


@pytest.mark.django_db
class BudgetWorkflowTests:
    def arrangement(self, world, **fields):
        application = services.application_create(
            pupil_id=world["pupil"].pk,
            school_id=world["school"].pk,
            type="onderwijsarrangement",
            parent_consent=True,
            parent_view="Synthetisch.",
            period_start=D(2025, 8, 1),
            period_end=D(2026, 7, 31),
            school_support_since=D(2024, 1, 1),
            date=D(2025, 3, 1),
            context=ctx(world["school_user"]),
            **fields,
        )
        Application.objects.filter(pk=application.pk).update(
            status="complete", submitted_on=D(2025, 3, 3), complete_on=D(2025, 3, 5), decision_due=D(2025, 4, 16)
        )
        return application

    def test_arrangement_needs_the_coordinator_review_then_shows_its_renewal_on_the_worklist(self, tlv):
        application = self.arrangement(tlv)
        manager = ctx(tlv["manager"])
        with pytest.raises(ValidationError):
            services.budget_decision_record(
                application_id=application.pk, outcome="granted", motivation="M.", date=D(2025, 3, 20), context=manager
            )
        services.coordinator_review_record(
            application_id=application.pk,
            suitable=True,
            note="Past bij de leerling.",
            date=D(2025, 3, 10),
            context=ctx(tlv["secretariat"]),
        )
        services.budget_decision_record(
            application_id=application.pk, outcome="granted", motivation="M.", date=D(2025, 3, 20), context=manager
        )
        application.refresh_from_db()
        assert (application.status, application.valid_until, application.follow_up_on) == (
            "granted",
            D(2026, 7, 31),
            D(2026, 4, 30),
        )
        (item,) = worklist_for(user=tlv["secretariat"], today=D(2026, 5, 1))
        assert (item.kind, item.due_on, item.overdue) == ("renewal_review", D(2026, 4, 30), True)
        services.follow_up_record(application_id=application.pk, renew=True, date=D(2025, 4, 1), context=manager)
        application.refresh_from_db()
        assert (application.valid_until, application.follow_up_on) == (D(2027, 7, 31), D(2027, 4, 30))

    def test_maatwerk_grant_over_three_months_refused(self, tlv):
        application = services.application_create(
            pupil_id=tlv["pupil"].pk,
            school_id=tlv["school"].pk,
            type="maatwerkbudget",
            parent_consent=True,
            parent_view="Synthetisch.",
            context=ctx(tlv["school_user"]),
        )
        Application.objects.filter(pk=application.pk).update(status="complete", complete_on=D(2025, 3, 5))
        with pytest.raises(ValidationError) as error:
            services.budget_decision_record(
                application_id=application.pk,
                outcome="granted",
                motivation="M.",
                valid_from=D(2025, 3, 10),
                valid_until=D(2025, 6, 10),
                date=D(2025, 3, 10),
                context=ctx(tlv["manager"]),
            )
        assert "period_end" in error.value.message_dict
        services.budget_decision_record(
            application_id=application.pk,
            outcome="granted",
            motivation="M.",
            valid_from=D(2025, 3, 10),
            valid_until=D(2025, 6, 9),
            date=D(2025, 3, 10),
            context=ctx(tlv["manager"]),
        )
        application.refresh_from_db()
        assert application.follow_up_on == D(2025, 6, 9)  # the evaluation at its end

    def test_tlv_is_not_decided_as_a_budget(self, dossier):
        with pytest.raises(ValidationError):
            services.budget_decision_record(
                application_id=dossier.pk, outcome="granted", motivation="M.", context=ctx(dossier.world["manager"])
            )

    def test_granted_tlv_gets_its_expiry_as_follow_up_and_a_renewal_closes_it(self, dossier):
        dossier.submit().complete().assign().advise(0).advise(1).decide()
        application = dossier.refresh()
        assert application.follow_up_on == application.valid_until == D(2028, 7, 31)
