"""Experts matched to the application's development areas (Bijlage XII, lines 6284-6286:
"Dossiers worden gekoppeld aan een deskundige met de benodigde expertise op het
ontwikkelingsgebied"): the candidates with matching expertise first, and an assignment refused
when the experts together do not cover every area (nothing changes)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import SwvFactory
from dekkend.referrals import rules, selectors, services
from dekkend.referrals.models import Application, Discipline

from .conftest import COMPLETE, ctx
from .factories import ApplicationFactory, expert


@pytest.fixture
def matched(tlv):
    """A complete TLV about gedrag and communicatie, and experts with and without that expertise."""
    swv = tlv["swv"]
    experts = {
        "ortho_gedrag": expert(swv, Discipline.ORTHOPEDAGOOG, areas=["gedrag"]),
        "ortho_leren": expert(swv, Discipline.ORTHOPEDAGOOG, areas=["leren"]),
        "psychiater_communicatie": expert(swv, Discipline.KINDERPSYCHIATER, areas=["communicatie", "gedrag"]),
        "arts_fysiek": expert(swv, Discipline.ARTS, areas=["fysiek"]),
    }
    application = ApplicationFactory(
        pupil=tlv["pupil"],
        development_areas=["gedrag", "communicatie"],
        status=Application.Status.COMPLETE,
        submitted_on=datetime.date(2025, 3, 10),
        complete_on=COMPLETE,
        decision_due=COMPLETE + datetime.timedelta(weeks=6),
    )
    return {**tlv, "application": application, **experts}


def assign(world, *names, on=COMPLETE):
    return services.experts_assign(
        application_id=world["application"].pk,
        experts=[world[name].user_id for name in names],
        date=on,
        context=ctx(world["secretariat"]),
    )


class ExpertiseRuleTests:
    def test_two_experts_covering_every_area_pass(self, matched):
        profiles = [matched["ortho_gedrag"], matched["psychiater_communicatie"]]
        assert rules.expertise_problem(profiles, ["gedrag", "communicatie"]) == ""

    def test_one_area_left_uncovered_is_named(self, matched):
        problem = rules.expertise_problem(
            [matched["ortho_gedrag"], matched["arts_fysiek"]], ["gedrag", "communicatie"]
        )
        assert "communicatie" in problem.lower() or "communication" in problem.lower()

    def test_an_application_without_areas_matches_anyone(self, matched):
        assert rules.expertise_problem([matched["ortho_leren"], matched["arts_fysiek"]], []) == ""

    def test_a_third_expert_needs_at_least_one_of_the_areas(self, matched):
        areas = ["gedrag", "communicatie"]
        assert rules.expertise_problem([matched["psychiater_communicatie"]], areas) == ""
        assert rules.expertise_problem([matched["arts_fysiek"]], areas) != ""

    def test_matches_keep_the_application_order(self, matched):
        assert rules.expertise_matches(matched["psychiater_communicatie"], ["gedrag", "communicatie"]) == [
            "gedrag",
            "communicatie",
        ]


class AssignmentTests:
    def test_first_expert_without_the_areas_is_allowed_when_the_second_covers_them(self, matched):
        assignments = assign(matched, "ortho_leren", "psychiater_communicatie")
        assert [a.order for a in assignments] == [1, 2]
        assert Application.objects.get(pk=matched["application"].pk).status == Application.Status.IN_ASSESSMENT

    def test_pair_without_communication_expertise_is_refused_and_nothing_changes(self, matched):
        with pytest.raises(ValidationError) as error:
            assign(matched, "ortho_gedrag", "arts_fysiek")
        assert "experts" in error.value.message_dict
        application = Application.objects.get(pk=matched["application"].pk)
        assert application.status == Application.Status.COMPLETE and not application.assignments.exists()

    def test_the_first_expert_rule_still_holds_for_a_matching_expert(self, matched):
        with pytest.raises(ValidationError):
            assign(matched, "psychiater_communicatie", "ortho_gedrag")

    def test_candidates_with_more_matching_areas_come_first(self, matched):
        candidates = selectors.expert_candidates(application=matched["application"])
        order = [c.profile.pk for c in candidates]
        assert order[0] == matched["psychiater_communicatie"].pk  # two areas
        assert order.index(matched["ortho_gedrag"].pk) < order.index(matched["arts_fysiek"].pk)
        assert order.index(matched["ortho_gedrag"].pk) < order.index(matched["ortho_leren"].pk)
        assert all(not c.matches for c in candidates if c.profile.pk == matched["arts_fysiek"].pk)

    def test_candidates_leave_out_experts_of_a_board_of_the_swv(self, matched):
        board_expert = expert(matched["swv"], Discipline.PSYCHOLOOG, board=matched["school"].board, areas=["gedrag"])
        ids = {c.profile.pk for c in selectors.expert_candidates(application=matched["application"])}
        assert board_expert.pk not in ids and matched["ortho_gedrag"].pk in ids


class ExpertsApiTests:
    def test_secretariat_gets_the_candidates_matched_first_and_the_read_is_audited(self, matched, api_client_for):
        user = matched["secretariat"]
        response = api_client_for(user).get(f"/api/v1/applications/{matched['application'].pk}/experts/")
        assert response.status_code == 200
        first = response.json()[0]
        assert first["expert"] == matched["psychiater_communicatie"].user_id
        assert first["matches"] == ["gedrag", "communicatie"] and first["may_be_first"] is False
        event = AuditEvent.objects.filter(user_id=user.pk, object_type="application").latest("id")
        assert event.outcome == "success" and event.pupil_id == matched["application"].pupil_id

    @pytest.mark.parametrize(("who", "expected"), [("school", 403), ("other_swv", 404), ("expert", 403)])
    def test_candidates_are_denied_to_other_roles(self, matched, api_client_for, who, expected):
        user = {
            "school": lambda: matched["school_user"],
            "other_swv": lambda: user_with_role(Role.SECRETARIAT, swv=SwvFactory(code="elders")),
            "expert": lambda: matched["ortho_gedrag"].user,
        }[who]()
        response = api_client_for(user).get(f"/api/v1/applications/{matched['application'].pk}/experts/")
        assert response.status_code == expected
        assert AuditEvent.objects.filter(user_id=user.pk, outcome="denied").exists()

    def test_an_application_states_its_areas_and_an_unknown_area_is_a_400(self, tlv, api_client_for):
        client = api_client_for(tlv["school_user"])
        body = {
            "type": "tlv",
            "pupil": tlv["pupil"].pk,
            "school": tlv["school"].pk,
            "requested_provision_type": "so",
            "development_areas": ["gedrag", "leren"],
        }
        response = client.post("/api/v1/applications/", body, format="json")
        assert response.status_code == 201 and response.json()["development_areas"] == ["gedrag", "leren"]
        count = Application.objects.count()
        bad = client.post("/api/v1/applications/", {**body, "development_areas": ["rekenen"]}, format="json")
        assert bad.status_code == 400 and "development_areas" in bad.json()
        assert Application.objects.count() == count

    def test_assigning_a_pair_without_the_expertise_is_a_dutch_400(self, matched, api_client_for):
        client = api_client_for(matched["secretariat"])
        body = {"experts": [matched["ortho_gedrag"].user_id, matched["arts_fysiek"].user_id], "date": "2025-03-17"}
        response = client.post(f"/api/v1/applications/{matched['application'].pk}/experts/", body, format="json")
        assert response.status_code == 400
        assert "deskundigheid" in str(response.json()).lower()


class ExpertsPageTests:
    def test_the_form_offers_matching_experts_first_with_their_expertise(self, matched, client):
        client.force_login(matched["secretariat"])
        page = client.get(reverse("referrals:application_detail", args=[matched["application"].pk])).content.decode()
        assert "deskundigheid" in page.lower()
        second_select = page[page.index('name="second"') :]
        assert second_select.index(matched["psychiater_communicatie"].user.last_name) < second_select.index(
            matched["arts_fysiek"].user.last_name
        )
        assert "Ontwikkelingsgebieden" in page

    def test_the_new_application_page_offers_the_six_areas(self, tlv, client):
        client.force_login(tlv["school_user"])
        page = client.get(reverse("referrals:application_new")).content.decode()
        for area in ("leren", "werkhouding", "communicatie", "fysiek", "context", "gedrag"):
            assert f'value="{area}"' in page
