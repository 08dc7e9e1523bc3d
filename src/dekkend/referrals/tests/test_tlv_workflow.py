"""The TLV workflow through its services: step order, advice, experts, deadlines, access."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dekkend.audit.models import AuditEvent
from dekkend.pupils.models import PupilAccessGrant
from dekkend.referrals import services
from dekkend.referrals.models import Application, ApplicationEvent, Discipline

from .conftest import COMPLETE, ctx
from .factories import expert

D = datetime.date


def state(application: Application) -> dict:
    application.refresh_from_db()
    return {f.name: getattr(application, f.name) for f in Application._meta.concrete_fields}


class HappyPathTests:
    def test_granted_tlv_with_deadlines_and_validity(self, dossier):
        dossier.submit().complete().assign().advise(0).advise(1).decide()
        application = dossier.refresh()
        assert application.status == "granted"
        assert application.complete_on == COMPLETE and application.decision_due == D(2025, 4, 28)
        assert (application.provision_type, application.funding_category, application.duration) == (
            "so",
            2,
            "langdurig",
        )
        assert application.valid_from == D(2025, 4, 1) and application.valid_until == D(2028, 7, 31)
        assert application.triage == "hamerstuk"
        steps = list(ApplicationEvent.objects.filter(application=application).values_list("what", flat=True))
        assert steps == ["created", "submitted", "complete", "experts_assigned", "advised", "advised", "granted"]
        assert AuditEvent.objects.filter(object_type="application", object_id=str(application.pk)).count() >= 7

    def test_incomplete_gives_four_weeks_once(self, dossier):
        dossier.submit()
        secretariat = ctx(dossier.world["secretariat"])
        services.completeness_record(
            application_id=dossier.pk, complete=False, date=D(2025, 3, 12), context=secretariat
        )
        services.completeness_record(
            application_id=dossier.pk, complete=False, date=D(2025, 3, 20), context=secretariat
        )
        assert dossier.refresh().documents_due == D(2025, 4, 9)
        assert dossier.application.status == "incomplete"

    def test_complete_refused_while_documents_are_missing(self, dossier):
        dossier.application.documents.filter(kind="lvs").delete()
        dossier.submit()
        before = state(dossier.application)
        with pytest.raises(ValidationError) as error:
            dossier.complete()
        assert "complete" in error.value.message_dict
        assert state(dossier.application) == before


class StepOrderTests:
    def test_completeness_before_submit_refused_and_nothing_changes(self, dossier):
        before = state(dossier.application)
        events = ApplicationEvent.objects.count()
        with pytest.raises(ValidationError):
            dossier.complete()
        assert state(dossier.application) == before
        assert ApplicationEvent.objects.count() == events

    def test_submit_twice_refused(self, dossier):
        dossier.submit()
        with pytest.raises(ValidationError):
            dossier.submit()

    def test_experts_before_complete_refused(self, dossier):
        dossier.submit()
        with pytest.raises(ValidationError):
            dossier.assign()
        assert dossier.refresh().status == "submitted"

    def test_final_refusal_needs_an_intended_refusal_first(self, dossier):
        dossier.submit().complete().assign().advise(0, "refuse").advise(1, "refuse")
        with pytest.raises(ValidationError):
            dossier.decide("refused")
        dossier.decide("refusal_intended")
        assert dossier.refresh().status == "refusal_intended"
        with pytest.raises(ValidationError) as error:
            dossier.decide("refused", on=D(2025, 4, 10))
        assert "outcome" in error.value.message_dict  # the conversation is not recorded yet
        dossier.hear(on=D(2025, 4, 8)).decide("refused", on=D(2025, 4, 10))
        assert dossier.refresh().status == "refused" and dossier.application.outcome == "refused"


class AdviceTests:
    def test_decision_without_two_advices_refused(self, dossier):
        dossier.submit().complete().assign().advise(0)
        before = state(dossier.application)
        with pytest.raises(ValidationError) as error:
            dossier.decide()
        assert "twee" in str(error.value)
        assert state(dossier.application) == before

    def test_third_expert_when_the_advices_differ(self, dossier):
        dossier.submit().complete().assign().advise(0).advise(1, "refuse")
        with pytest.raises(ValidationError) as error:
            dossier.decide()
        assert "derde" in str(error.value)
        services.experts_assign(
            application_id=dossier.pk,
            experts=[dossier.world["experts"][2].user_id],
            date=D(2025, 3, 25),
            context=ctx(dossier.world["secretariat"]),
        )
        dossier.advise(2, date=D(2025, 3, 26))
        dossier.decide()
        assert dossier.refresh().status == "granted"

    def test_no_third_expert_when_the_advices_agree(self, dossier):
        dossier.submit().complete().assign().advise(0).advise(1)
        with pytest.raises(ValidationError):
            services.experts_assign(
                application_id=dossier.pk,
                experts=[dossier.world["experts"][2].user_id],
                context=ctx(dossier.world["secretariat"]),
            )

    def test_first_expert_must_give_the_triage(self, dossier):
        dossier.submit().complete().assign()
        with pytest.raises(ValidationError) as error:
            dossier.advise(0, triage="")
        assert "triage" in error.value.message_dict

    def test_so_advice_needs_a_funding_category(self, dossier):
        dossier.submit().complete().assign()
        with pytest.raises(ValidationError) as error:
            dossier.advise(0, funding_category=None)
        assert "funding_category" in error.value.message_dict


class ExpertAssignmentTests:
    def test_first_expert_must_be_orthopedagoog_or_psycholoog(self, dossier):
        dossier.submit().complete()
        with pytest.raises(ValidationError):
            dossier.assign(first=1, second=0)  # the kinderpsychiater first
        assert dossier.refresh().status == "complete"

    def test_expert_employed_by_a_board_of_the_swv_refused(self, dossier):
        dossier.submit().complete()
        employed = expert(dossier.world["swv"], Discipline.PSYCHOLOOG, board=dossier.world["school"].board)
        dossier.world["experts"].append(employed)
        with pytest.raises(ValidationError) as error:
            dossier.assign(first=3, second=1)
        assert "niet onafhankelijk" in str(error.value)
        assert not PupilAccessGrant.objects.exists()

    def test_experts_get_access_until_the_dossier_closes(self, dossier):
        dossier.submit().complete().assign()
        grants = PupilAccessGrant.objects.filter(pupil=dossier.world["pupil"], basis="assignment")
        assert grants.count() == 2 and not grants.filter(revoked_at__isnull=False).exists()
        dossier.advise(0).advise(1).decide()
        assert grants.filter(revoked_at__isnull=True).count() == 0


class ExtensionTests:
    def test_four_weeks_once(self, dossier):
        dossier.submit().complete()
        manager = ctx(dossier.world["manager"])
        services.decision_extend(
            application_id=dossier.pk, weeks=4, reason="Deskundige ziek.", date=D(2025, 4, 20), context=manager
        )
        assert dossier.refresh().decision_extended_to == D(2025, 5, 26)
        with pytest.raises(ValidationError):
            services.decision_extend(
                application_id=dossier.pk, weeks=1, reason="Nog eens.", date=D(2025, 4, 21), context=manager
            )
        assert dossier.refresh().decision_extended_to == D(2025, 5, 26)

    def test_five_weeks_refused(self, dossier):
        dossier.submit().complete()
        with pytest.raises(ValidationError) as error:
            services.decision_extend(
                application_id=dossier.pk,
                weeks=5,
                reason="Te lang.",
                date=D(2025, 4, 20),
                context=ctx(dossier.world["manager"]),
            )
        assert "weeks" in error.value.message_dict
        assert dossier.refresh().decision_extended_to is None

    def test_late_decision_is_recorded_as_late(self, dossier):
        dossier.submit().complete().assign().advise(0).advise(1).decide(on=D(2025, 4, 29))
        event = ApplicationEvent.objects.get(application=dossier.application, what="granted")
        assert event.detail["late"] is True
