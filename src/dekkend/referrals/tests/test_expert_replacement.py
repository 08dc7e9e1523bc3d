"""Replacing an assigned expert who has not advised (ill, a conflict of interest, no advice in
time), before the decision. The replacement takes the same place and meets its rules (Bijlage XII,
lines 6272-6290: the first an orthopedagoog or psycholoog, no employment with a school board of
the SWV, together with the other expert covering every development area); the replaced expert's
access to the pupil and the dossier ends at once. Refused: nothing changes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.models import PupilAccessGrant
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals import rules, selectors, services, worklist
from dekkend.referrals.models import Application, ApplicationEvent, Discipline, ExpertAssignment, Notice

from .conftest import COMPLETE, assessed_tlv, ctx
from .factories import ApplicationFactory, expert

Status = Application.Status
ON = COMPLETE + datetime.timedelta(days=7)
REASON = "Deskundige is langdurig ziek (synthetisch)."


@pytest.fixture
def assessed(tlv):
    """A TLV about gedrag and communicatie in assessment: the first expert (orthopedagoog) knows
    gedrag, the second (kinderpsychiater) communicatie. Candidates: a psycholoog with gedrag, an
    arts with communicatie, a pedagoog with leren only, and a psycholoog employed by the school's
    board who knows both."""
    swv = tlv["swv"]
    first = expert(swv, Discipline.ORTHOPEDAGOOG, areas=["gedrag"])
    second = expert(swv, Discipline.KINDERPSYCHIATER, areas=["communicatie"])
    application = assessed_tlv(tlv, ["communicatie", "gedrag"], [first, second])
    return {
        **tlv,
        "application": application,
        "first": first,
        "second": second,
        "psycholoog_gedrag": expert(swv, Discipline.PSYCHOLOOG, areas=["gedrag"]),
        "arts_communicatie": expert(swv, Discipline.ARTS, areas=["communicatie"]),
        "pedagoog_leren": expert(swv, Discipline.PEDAGOOG, areas=["leren"]),
        "board_psycholoog": expert(
            swv, Discipline.PSYCHOLOOG, board=tlv["school"].board, areas=["gedrag", "communicatie"]
        ),
    }


def replace(world, replaced, replacement, *, by="secretariat", reason=REASON, on=ON):
    return services.expert_replace(
        application_id=world["application"].pk,
        replaced=world[replaced].user_id,
        replacement=world[replacement].user_id,
        reason=reason,
        date=on,
        context=ctx(world[by]),
    )


def advise(world, name):
    services.advice_record(
        application_id=world["application"].pk,
        recommendation="refuse",
        motivation="Synthetische motivering.",
        triage="hamerstuk" if name == "first" else "",
        date=ON,
        context=ctx(world[name].user),
    )


def on_the_dossier(world) -> dict[int, int]:
    """Place → the user id of the expert who has it."""
    assignments = ExpertAssignment.objects.filter(application=world["application"]).select_related("expert")
    return {a.order: a.expert.user_id for a in assignments}


def assert_unchanged(world):
    assert on_the_dossier(world) == {1: world["first"].user_id, 2: world["second"].user_id}
    assert not ApplicationEvent.objects.filter(application=world["application"], what="expert_replaced").exists()
    assert PupilAccessGrant.objects.filter(revoked_at__isnull=True).count() == 2


class TeamRuleTests:
    def test_the_first_two_are_judged_together_a_third_alone(self, assessed):
        assigned = {1: assessed["first"], 2: assessed["second"], 3: assessed["pedagoog_leren"]}
        new = assessed["psycholoog_gedrag"]
        assert rules.team_with(assigned, 1, new) == [new, assessed["second"]]
        assert rules.team_with(assigned, 2, new) == [assessed["first"], new]
        assert rules.team_with(assigned, 3, new) == [new]

    def test_the_place_rules_are_those_of_the_assignment(self, assessed):
        areas = ["communicatie", "gedrag"]
        arts = assessed["arts_communicatie"]
        boards = selectors.swv_board_ids(swv_id=assessed["swv"].pk)
        assert rules.assignment_problems({2: arts}, [assessed["first"], arts], boards, areas) == []
        assert len(rules.assignment_problems({1: arts}, [arts, assessed["second"]], boards, areas)) == 2


class ReplaceTests:
    def test_the_replacement_takes_the_place_and_the_access(self, assessed):
        old_grant = ExpertAssignment.objects.get(application=assessed["application"], order=2).access_grant
        assignment = replace(assessed, "second", "arts_communicatie")
        assert on_the_dossier(assessed) == {1: assessed["first"].user_id, 2: assessed["arts_communicatie"].user_id}
        assert assignment.assigned_on == ON
        old_grant.refresh_from_db()
        assert old_grant.revoked_at is not None
        pupil = assessed["pupil"]
        assert not permissions.decide_pupil(assessed["second"].user, Action.VIEW_PUPIL, pupil).allowed
        assert permissions.decide_pupil(assessed["arts_communicatie"].user, Action.VIEW_PUPIL, pupil).allowed
        assert Application.objects.get(pk=assessed["application"].pk).status == Status.IN_ASSESSMENT

    def test_timeline_and_audit_say_who_replaced_whom_why_and_when(self, assessed):
        before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        replace(assessed, "first", "psycholoog_gedrag")
        event = ApplicationEvent.objects.get(application=assessed["application"], what="expert_replaced")
        expected = {
            "order": 1,
            "replaced": assessed["first"].user_id,
            "replacement": assessed["psycholoog_gedrag"].user_id,
            "reason": REASON,
        }
        assert event.detail == expected and event.on == ON and event.actor == assessed["secretariat"]
        audit = AuditEvent.objects.filter(id__gt=before, object_type="application", outcome="success").get()
        assert audit.user_id == assessed["secretariat"].pk and audit.pupil_id == assessed["pupil"].pk
        assert audit.detail["step"] == "expert_replaced" and audit.detail["on"] == ON.isoformat()
        assert {key: audit.detail[key] for key in expected} == expected

    def test_the_replaced_expert_loses_the_dossier_and_its_reminders(self, assessed):
        application = assessed["application"]
        gone, new = assessed["second"].user, assessed["arts_communicatie"].user
        other = ApplicationFactory(pupil=assessed["pupil"])
        Notice.objects.create(user=gone, application=application, message="Dossier: advies uiterlijk …")
        Notice.objects.create(user=gone, application=other, message="Een ander dossier.")
        replace(assessed, "second", "arts_communicatie")
        with pytest.raises(Http404):
            selectors.application_get(application_id=application.pk, context=ctx(gone))
        assert selectors.application_get(application_id=application.pk, context=ctx(new)).pk == application.pk
        today = timezone.localdate()
        assert [item.application.pk for item in worklist.worklist_for(user=gone, today=today)] == []
        assert [item.application.pk for item in worklist.worklist_for(user=new, today=today)] == [application.pk]
        assert list(Notice.objects.filter(user=gone).values_list("application_id", flat=True)) == [other.pk]

    def test_an_expert_who_advised_is_not_replaced_the_advice_stands(self, assessed):
        advise(assessed, "first")
        with pytest.raises(ValidationError) as refused:
            replace(assessed, "first", "psycholoog_gedrag")
        assert "blijft staan" in str(refused.value.message_dict["replaced"])
        assert_unchanged(assessed)

    def test_the_other_expert_may_be_replaced_after_one_advised(self, assessed):
        advise(assessed, "first")
        replace(assessed, "second", "arts_communicatie")
        assert on_the_dossier(assessed)[2] == assessed["arts_communicatie"].user_id

    @pytest.mark.parametrize(
        ("place", "replacement", "says"),
        [
            ("first", "arts_communicatie", "orthopedagoog of psycholoog"),
            ("second", "board_psycholoog", "niet onafhankelijk"),
            ("second", "pedagoog_leren", "communicatie"),
            ("second", "first", "nog niet op dit dossier"),
        ],
        ids=["first place needs an orthopedagoog or psycholoog", "board employee", "area uncovered", "on it"],
    )
    def test_a_replacement_who_breaks_a_rule_of_the_place_is_refused(self, assessed, place, replacement, says):
        with pytest.raises(ValidationError) as refused:
            replace(assessed, place, replacement)
        assert says in str(refused.value.message_dict["replacement"]).lower()
        assert_unchanged(assessed)

    def test_a_user_who_is_no_expert_of_the_swv_is_refused(self, assessed):
        assessed["stranger"] = expert(SwvFactory(code="elders"), Discipline.PSYCHOLOOG, areas=["gedrag"])
        with pytest.raises(ValidationError) as refused:
            replace(assessed, "first", "stranger")
        assert "replacement" in refused.value.message_dict
        assert_unchanged(assessed)

    def test_a_reason_is_required(self, assessed):
        with pytest.raises(ValidationError) as refused:
            replace(assessed, "second", "arts_communicatie", reason="  ")
        assert "reason" in refused.value.message_dict
        assert_unchanged(assessed)

    def test_not_before_the_replaced_expert_was_assigned_nor_in_the_future(self, assessed):
        for day in (COMPLETE - datetime.timedelta(days=1), timezone.localdate() + datetime.timedelta(days=1)):
            with pytest.raises(ValidationError):
                replace(assessed, "second", "arts_communicatie", on=day)
        assert_unchanged(assessed)
        replace(assessed, "second", "arts_communicatie", on=COMPLETE)  # the same day is fine
        assert on_the_dossier(assessed)[2] == assessed["arts_communicatie"].user_id

    def test_after_the_decision_no_replacement(self, dossier):
        dossier.submit().complete().assign().advise(0, recommendation="refuse").advise(1, recommendation="refuse")
        dossier.decide("refusal_intended")
        newcomer = expert(dossier.world["swv"], Discipline.PSYCHOLOOG)
        with pytest.raises(ValidationError) as refused:
            services.expert_replace(
                application_id=dossier.pk,
                replaced=dossier.world["experts"][1].user_id,
                replacement=newcomer.user_id,
                reason=REASON,
                context=ctx(dossier.world["secretariat"]),
            )
        assert "status" in str(refused.value)
        assert not ApplicationEvent.objects.filter(application=dossier.application, what="expert_replaced").exists()

    def test_only_the_secretariat_of_the_swv(self, assessed):
        with pytest.raises(PermissionDenied):
            replace(assessed, "second", "arts_communicatie", by="school_user")
        assessed["expert_user"] = assessed["first"].user
        with pytest.raises(PermissionDenied):
            replace(assessed, "second", "arts_communicatie", by="expert_user")
        assessed["elders"] = user_with_role(Role.SECRETARIAT, swv=SwvFactory(code="elders"))
        with pytest.raises(Http404):
            replace(assessed, "second", "arts_communicatie", by="elders")
        assert_unchanged(assessed)

    def test_candidates_are_those_who_may_take_the_place(self, assessed):
        application = assessed["application"]
        by_place = {
            a.order: {c.profile.pk for c in selectors.replacement_candidates(application=application, assignment=a)}
            for a in application.assignments.all()
        }
        assert by_place == {1: {assessed["psycholoog_gedrag"].pk}, 2: {assessed["arts_communicatie"].pk}}


class ExpertReplaceApiTests:
    def path(self, world) -> str:
        return f"/api/v1/applications/{world['application'].pk}/experts/replace/"

    def body(self, world, replaced="second", replacement="arts_communicatie", **extra) -> dict:
        return {
            "replaced": world[replaced].user_id,
            "replacement": world[replacement].user_id,
            "reason": REASON,
            **extra,
        }

    def test_secretariat_replaces_and_gets_the_dossier(self, assessed, api_client_for):
        response = api_client_for(assessed["secretariat"]).post(
            self.path(assessed), self.body(assessed, date=ON.isoformat()), format="json"
        )
        assert response.status_code == 200
        experts = {e["order"]: (e["expert"], e["assigned_on"]) for e in response.json()["experts"]}
        assert experts[2] == (assessed["arts_communicatie"].user_id, ON.isoformat())

    def test_advice_given_is_a_dutch_400_naming_the_field(self, assessed, api_client_for):
        advise(assessed, "second")
        response = api_client_for(assessed["secretariat"]).post(
            self.path(assessed), self.body(assessed), format="json"
        )
        assert response.status_code == 400
        assert "blijft staan" in str(response.json()["replaced"])
        assert_unchanged(assessed)

    @pytest.mark.parametrize(
        "change",
        [{"reason": ""}, {"replacement": 0}, {"replaced": "twee"}, {"date": "2025-13-01"}],
        ids=["no reason", "no user", "not a number", "not a date"],
    )
    def test_bad_input_is_a_400(self, assessed, api_client_for, change):
        body = {**self.body(assessed), **change}
        response = api_client_for(assessed["secretariat"]).post(self.path(assessed), body, format="json")
        assert response.status_code == 400 and set(change) <= set(response.json())
        assert_unchanged(assessed)

    def test_other_roles_403_other_swv_404_and_the_replaced_expert_404_after(self, assessed, api_client_for):
        body = self.body(assessed)
        school = api_client_for(assessed["school_user"])
        assert school.post(self.path(assessed), body, format="json").status_code == 403
        assert api_client_for(assessed["first"].user).post(self.path(assessed), body, format="json").status_code == 403
        other = ApplicationFactory(pupil=PupilFactory(school=SchoolFactory(swv=SwvFactory(code="elders"))))
        secretariat = api_client_for(assessed["secretariat"])
        other_path = f"/api/v1/applications/{other.pk}/experts/replace/"
        assert secretariat.post(other_path, body, format="json").status_code == 404
        assert_unchanged(assessed)
        gone = api_client_for(assessed["second"].user)
        detail = f"/api/v1/applications/{assessed['application'].pk}/"
        assert gone.get(detail).status_code == 200
        assert secretariat.post(self.path(assessed), body, format="json").status_code == 200
        assert gone.get(detail).status_code == 404
        assert gone.get(f"/api/v1/pupils/{assessed['pupil'].pk}/").status_code == 404


class ExpertReplacePageTests:
    def url(self, world, name="second") -> str:
        return reverse("referrals:expert_replace", args=[world["application"].pk, world[name].user_id])

    def detail(self, world) -> str:
        return reverse("referrals:application_detail", args=[world["application"].pk])

    def form(self, world, **extra) -> dict:
        return {"replacement": world["arts_communicatie"].user_id, "reason": REASON, **extra}

    def test_a_form_per_expert_who_has_not_advised(self, assessed, client):
        advise(assessed, "first")
        client.force_login(assessed["secretariat"])
        page = client.get(self.detail(assessed)).content.decode()
        assert self.url(assessed, "second") in page and self.url(assessed, "first") not in page
        offered = page[page.index(self.url(assessed, "second")) :]
        offered = offered[: offered.index("</select>")]
        assert assessed["arts_communicatie"].user.last_name in offered
        assert assessed["pedagoog_leren"].user.last_name not in offered

    def test_no_form_for_the_school_nor_after_the_decision(self, assessed, client):
        client.force_login(assessed["school_user"])
        assert self.url(assessed) not in client.get(self.detail(assessed)).content.decode()
        Application.objects.filter(pk=assessed["application"].pk).update(status=Status.GRANTED)
        client.force_login(assessed["secretariat"])
        assert self.url(assessed) not in client.get(self.detail(assessed)).content.decode()

    def test_confirm_first_then_replaced_and_on_the_timeline(self, assessed, client):
        client.force_login(assessed["secretariat"])
        confirm = client.post(self.url(assessed), self.form(assessed))
        assert confirm.status_code == 200 and "Bevestig de vervanging" in confirm.content.decode()
        assert str(assessed["arts_communicatie"].user) in confirm.content.decode()
        assert_unchanged(assessed)
        done = client.post(self.url(assessed), {**self.form(assessed), "confirmed": "1"})
        assert done.status_code == 302
        assert on_the_dossier(assessed)[2] == assessed["arts_communicatie"].user_id
        timeline = client.get(done.url).content.decode()
        assert "Deskundige vervangen" in timeline and f"Reden: {REASON}" in timeline
        assert f"{assessed['second'].user} vervangen door {assessed['arts_communicatie'].user}" in timeline

    def test_change_goes_back_with_what_was_typed(self, assessed, client):
        client.force_login(assessed["secretariat"])
        response = client.post(self.url(assessed), {**self.form(assessed), "edit": "1"})
        assert response.status_code == 200
        forms = {entry["assignment"].order: entry["form"] for entry in response.context["replace_forms"]}
        assert forms[2]["reason"].value() == REASON
        assert_unchanged(assessed)

    def test_a_refusal_says_why_in_dutch_and_keeps_the_reason(self, assessed, client):
        client.force_login(assessed["secretariat"])
        advise(assessed, "second")  # after the page was shown
        response = client.post(self.url(assessed), {**self.form(assessed), "confirmed": "1"})
        assert response.status_code == 400
        assert "blijft staan" in response.content.decode()
        forms = {entry["assignment"].order: entry["form"] for entry in response.context["replace_forms"]}
        assert forms[2]["reason"].value() == REASON
        assert_unchanged(assessed)

    def test_without_a_reason_or_with_an_expert_not_offered(self, assessed, client):
        client.force_login(assessed["secretariat"])
        no_reason = client.post(self.url(assessed), self.form(assessed, reason=""))
        assert no_reason.status_code == 400 and "Geef de reden van de vervanging." in no_reason.content.decode()
        not_offered = client.post(
            self.url(assessed), self.form(assessed, replacement=assessed["pedagoog_leren"].user_id)
        )
        assert (
            not_offered.status_code == 400
            and "Kies een van de aangeboden deskundigen." in not_offered.content.decode()
        )
        assert_unchanged(assessed)

    def test_the_school_sees_who_was_replaced_but_not_why(self, assessed, client):
        replace(assessed, "second", "arts_communicatie")
        client.force_login(assessed["school_user"])
        timeline = client.get(self.detail(assessed)).content.decode()
        assert f"vervangen door {assessed['arts_communicatie'].user}" in timeline and REASON not in timeline

    def test_the_replaced_expert_gets_404_and_an_empty_worklist(self, assessed, client):
        replace(assessed, "second", "arts_communicatie")
        client.force_login(assessed["second"].user)
        assert client.get(self.detail(assessed)).status_code == 404
        assert self.detail(assessed) not in client.get(reverse("referrals:application_list")).content.decode()

    def test_an_expert_may_not_replace_a_colleague(self, assessed, client):
        client.force_login(assessed["first"].user)
        response = client.post(self.url(assessed), {**self.form(assessed), "confirmed": "1"})
        assert response.status_code == 403
        assert_unchanged(assessed)
