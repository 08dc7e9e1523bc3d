"""Correcting an application's development areas after it was made: the secretariat until the
decision, the school only while the application is its draft. Once experts are assigned they
must still cover every area (Bijlage XII, lines 6284-6286: "Dossiers worden gekoppeld aan een
deskundige met de benodigde expertise op het ontwikkelingsgebied"). Audited, on the timeline,
nothing changed when refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.network.rules import AREAS
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals import rules, services
from dekkend.referrals.models import Application, ApplicationEvent, Discipline

from .conftest import assessed_tlv, ctx
from .factories import ApplicationFactory, expert

Status = Application.Status


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def correct(application, user, areas, **extra):
    return services.development_areas_correct(
        application_id=application.pk, development_areas=areas, context=ctx(user), **extra
    )


def areas_of(application) -> list[str]:
    application.refresh_from_db()
    return application.development_areas


@pytest.fixture
def assessed(tlv):
    """A TLV about gedrag with two experts assigned: one knows gedrag and leren, the other
    communicatie; nobody knows fysiek."""
    swv = tlv["swv"]
    first = expert(swv, Discipline.ORTHOPEDAGOOG, areas=["gedrag", "leren"])
    second = expert(swv, Discipline.KINDERPSYCHIATER, areas=["communicatie"])
    application = assessed_tlv(tlv, ["gedrag"], [first, second])
    return {**tlv, "application": application, "assigned": [first, second]}


class CoverageRuleTests:
    def test_no_experts_yet_any_areas(self, tlv):
        assert rules.areas_correction_problem([], ["fysiek", "gedrag"]) == ""

    def test_every_area_covered_by_one_of_the_experts(self, tlv):
        profiles = [expert(tlv["swv"], areas=["gedrag"]), expert(tlv["swv"], areas=["leren"])]
        assert rules.areas_correction_problem(profiles, ["gedrag", "leren"]) == ""

    def test_an_uncovered_area_is_named_in_dutch(self, tlv):
        profiles = [expert(tlv["swv"], areas=["gedrag"])]
        problem = rules.areas_correction_problem(profiles, ["gedrag", "fysiek"])
        assert "fysiek" in problem.lower() and "geen expertise" in problem.lower()

    def test_no_areas_at_all_is_covered(self, tlv):
        assert rules.areas_correction_problem([expert(tlv["swv"], areas=["gedrag"])], []) == ""


class SecretariatCorrectsTests:
    def test_before_experts_any_areas_on_the_timeline_and_audited(self, tlv):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED, development_areas=["leren"])
        before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        correct(application, tlv["secretariat"], ["fysiek", "gedrag"])
        in_matrix_order = [area for area in AREAS if area in {"fysiek", "gedrag"}]
        assert areas_of(application) == in_matrix_order
        event = ApplicationEvent.objects.get(application=application, what="areas_corrected")
        assert event.detail == {"before": ["leren"], "after": in_matrix_order}
        assert event.actor == tlv["secretariat"]
        audit = AuditEvent.objects.filter(id__gt=before, object_type="application", outcome="success").get()
        assert audit.detail["step"] == "areas_corrected" and audit.object_id == str(application.pk)

    def test_with_experts_an_area_they_cover_may_be_added(self, assessed):
        correct(assessed["application"], assessed["secretariat"], ["gedrag", "leren", "communicatie"])
        assert areas_of(assessed["application"]) == [a for a in AREAS if a in {"gedrag", "leren", "communicatie"}]

    def test_with_experts_an_uncovered_area_is_refused_and_nothing_changes(self, assessed):
        application = assessed["application"]
        with pytest.raises(ValidationError) as refused:
            correct(application, assessed["secretariat"], ["gedrag", "fysiek"])
        assert "geen expertise" in str(refused.value.message_dict["development_areas"]).lower()
        assert areas_of(application) == ["gedrag"]
        assert not ApplicationEvent.objects.filter(application=application, what="areas_corrected").exists()

    def test_unchanged_areas_are_refused(self, assessed):
        with pytest.raises(ValidationError):
            correct(assessed["application"], assessed["secretariat"], ["gedrag"])

    def test_unknown_area_is_refused(self, tlv):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        with pytest.raises(ValidationError):
            correct(application, tlv["secretariat"], ["zwemmen"])
        assert areas_of(application) == []

    def test_after_the_decision_no_correction(self, tlv):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.GRANTED, development_areas=["leren"])
        with pytest.raises(ValidationError):
            correct(application, tlv["secretariat"], ["gedrag"])
        assert areas_of(application) == ["leren"]

    def test_a_future_date_is_refused(self, tlv):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        with pytest.raises(ValidationError):
            correct(application, tlv["secretariat"], ["gedrag"], date=timezone.localdate() + datetime.timedelta(1))

    def test_other_swv_is_not_found(self, tlv):
        other = ApplicationFactory(pupil=PupilFactory(school=SchoolFactory(swv=SwvFactory())), status=Status.SUBMITTED)
        with pytest.raises(Http404):
            correct(other, tlv["secretariat"], ["gedrag"])
        assert areas_of(other) == []


class SchoolCorrectsItsDraftTests:
    def test_draft_may_be_corrected(self, tlv):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.DRAFT, development_areas=["leren"])
        correct(application, tlv["school_user"], ["gedrag"])
        assert areas_of(application) == ["gedrag"]

    def test_submitted_is_refused_with_who_to_ask(self, tlv):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED, development_areas=["leren"])
        with pytest.raises(ValidationError) as refused:
            correct(application, tlv["school_user"], ["gedrag"])
        assert "secretariaat" in str(refused.value).lower()
        assert areas_of(application) == ["leren"]

    def test_other_school_is_not_found(self, tlv):
        neighbour = ApplicationFactory(
            pupil=PupilFactory(school=SchoolFactory(swv=tlv["swv"])), status=Status.DRAFT, development_areas=["leren"]
        )
        with pytest.raises(Http404):
            correct(neighbour, tlv["school_user"], ["gedrag"])
        assert areas_of(neighbour) == ["leren"]

    def test_an_expert_may_not_correct(self, assessed):
        with pytest.raises(PermissionDenied):
            correct(assessed["application"], assessed["assigned"][0].user, ["gedrag", "leren"])


class DevelopmentAreasApiTests:
    def path(self, application) -> str:
        return f"/api/v1/applications/{application.pk}/development-areas/"

    def test_secretariat_corrects_and_gets_the_dossier(self, tlv, api_client_for):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        response = api_client_for(tlv["secretariat"]).post(
            self.path(application), {"development_areas": ["leren", "gedrag"]}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["development_areas"] == ["leren", "gedrag"]

    def test_uncovered_area_is_a_dutch_400_naming_the_field(self, assessed, api_client_for):
        response = api_client_for(assessed["secretariat"]).post(
            self.path(assessed["application"]), {"development_areas": ["fysiek"]}, format="json"
        )
        assert response.status_code == 400
        assert "geen expertise" in str(response.json()["development_areas"]).lower()
        assert areas_of(assessed["application"]) == ["gedrag"]

    def test_unknown_area_is_a_400(self, tlv, api_client_for):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        response = api_client_for(tlv["secretariat"]).post(
            self.path(application), {"development_areas": ["zwemmen"]}, format="json"
        )
        assert response.status_code == 400

    def test_school_draft_200_submitted_400(self, tlv, api_client_for):
        client = api_client_for(tlv["school_user"])
        draft = ApplicationFactory(pupil=tlv["pupil"], status=Status.DRAFT)
        submitted = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        assert client.post(self.path(draft), {"development_areas": ["gedrag"]}, format="json").status_code == 200
        assert client.post(self.path(submitted), {"development_areas": ["gedrag"]}, format="json").status_code == 400

    def test_other_swv_404_and_role_without_the_right_403(self, tlv, api_client_for):
        other = ApplicationFactory(pupil=PupilFactory(school=SchoolFactory(swv=SwvFactory())), status=Status.SUBMITTED)
        secretariat = api_client_for(tlv["secretariat"])
        assert secretariat.post(self.path(other), {"development_areas": ["gedrag"]}, format="json").status_code == 404
        own = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        partner = api_client_for(user_with_role(Role.PARTNER, swv=tlv["swv"]))
        assert partner.post(self.path(own), {"development_areas": ["gedrag"]}, format="json").status_code == 403
        assert areas_of(own) == []


class DevelopmentAreasPageTests:
    def url(self, application) -> str:
        return reverse("referrals:development_areas_correct", args=[application.pk])

    def test_secretariat_sees_the_form_and_corrects(self, tlv, client_for):
        application = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED, development_areas=["leren"])
        client = client_for(tlv["secretariat"])
        page = client.get(reverse("referrals:application_detail", args=[application.pk])).content.decode()
        assert "Ontwikkelingsgebieden corrigeren" in page
        response = client.post(self.url(application), {"development_areas": ["gedrag"]})
        assert response.status_code == 302
        assert areas_of(application) == ["gedrag"]
        timeline = client.get(response.url).content.decode()
        assert "Ontwikkelingsgebieden gecorrigeerd" in timeline

    def test_refusal_keeps_the_ticked_areas_and_says_why(self, assessed, client_for):
        response = client_for(assessed["secretariat"]).post(
            self.url(assessed["application"]), {"development_areas": ["gedrag", "fysiek"]}
        )
        assert response.status_code == 400
        form = response.context["forms"]["areas"]
        assert form["development_areas"].value() == ["gedrag", "fysiek"]
        assert "geen expertise" in response.content.decode().lower()
        assert areas_of(assessed["application"]) == ["gedrag"]

    def test_school_sees_the_form_on_its_draft_only(self, tlv, client_for):
        client = client_for(tlv["school_user"])
        draft = ApplicationFactory(pupil=tlv["pupil"], status=Status.DRAFT)
        submitted = ApplicationFactory(pupil=tlv["pupil"], status=Status.SUBMITTED)
        detail = "referrals:application_detail"
        assert "Ontwikkelingsgebieden corrigeren" in client.get(reverse(detail, args=[draft.pk])).content.decode()
        assert (
            "Ontwikkelingsgebieden corrigeren" not in client.get(reverse(detail, args=[submitted.pk])).content.decode()
        )

    def test_expert_is_refused(self, assessed, client_for):
        response = client_for(assessed["assigned"][0].user).post(
            self.url(assessed["application"]), {"development_areas": ["gedrag", "leren"]}
        )
        assert response.status_code == 403
        assert areas_of(assessed["application"]) == ["gedrag"]
