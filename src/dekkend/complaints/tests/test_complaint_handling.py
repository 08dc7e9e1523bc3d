"""Following a complaint up and closing it: dates in order, an outcome with its explanation,
closed means final; only the office of the complaint's SWV."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from dekkend.audit.models import AuditEvent
from dekkend.complaints.models import Complaint
from dekkend.complaints.services import complaint_handle

from .conftest import ctx
from .factories import ComplaintFactory

D = datetime.date


@pytest.fixture
def complaint(world):
    return ComplaintFactory(swv=world["swv"], received_on=timezone.localdate() - datetime.timedelta(days=30))


def handle(user, complaint, **fields):
    return complaint_handle(complaint_id=complaint.pk, context=ctx(user), **fields)


class FollowUpTests:
    def test_acknowledging_sets_the_date_and_the_status(self, world, complaint):
        on = complaint.received_on + datetime.timedelta(days=2)
        handled = handle(world["secretariat"], complaint, acknowledged_on=on, handler_id=world["manager"].pk)
        assert (handled.status, handled.acknowledged_on, handled.handler) == (
            Complaint.Status.ACKNOWLEDGED,
            on,
            world["manager"],
        )
        event = AuditEvent.objects.filter(object_type="complaint", action="update").latest("id")
        assert event.detail["changes"]["status"] == {"old": "received", "new": "acknowledged"}

    def test_acknowledged_on_the_day_of_receipt_but_not_the_day_before(self, world, complaint):
        with pytest.raises(ValidationError) as error:
            handle(world["secretariat"], complaint, acknowledged_on=complaint.received_on - datetime.timedelta(days=1))
        assert "acknowledged_on" in error.value.message_dict
        assert handle(world["secretariat"], complaint, acknowledged_on=complaint.received_on).acknowledged_on

    def test_nothing_to_record_is_refused(self, world, complaint):
        with pytest.raises(ValidationError):
            handle(world["secretariat"], complaint)


class CloseTests:
    def test_closing_needs_an_outcome_and_an_explanation(self, world, complaint):
        with pytest.raises(ValidationError) as error:
            handle(world["secretariat"], complaint, close=True, explanation="Gesprek gevoerd.")
        assert "outcome" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            handle(world["secretariat"], complaint, close=True, outcome=Complaint.Outcome.GEGROND)
        assert "explanation" in error.value.message_dict
        complaint.refresh_from_db()
        assert complaint.status == Complaint.Status.RECEIVED

    @pytest.mark.parametrize("outcome", Complaint.Outcome.values)
    def test_every_outcome_closes_the_complaint(self, world, complaint, outcome):
        closed = handle(world["manager"], complaint, close=True, outcome=outcome, explanation="Toegelicht.")
        assert (closed.status, closed.outcome, closed.handled_on) == (
            Complaint.Status.CLOSED,
            outcome,
            timezone.localdate(),
        )

    def test_handled_not_before_the_acknowledgement(self, world, complaint):
        acknowledged = complaint.received_on + datetime.timedelta(days=5)
        handle(world["secretariat"], complaint, acknowledged_on=acknowledged)
        with pytest.raises(ValidationError) as error:
            handle(
                world["secretariat"],
                complaint,
                close=True,
                outcome=Complaint.Outcome.OPGELOST,
                explanation="Opgelost.",
                handled_on=acknowledged - datetime.timedelta(days=1),
            )
        assert "handled_on" in error.value.message_dict
        closed = handle(
            world["secretariat"],
            complaint,
            close=True,
            outcome=Complaint.Outcome.OPGELOST,
            explanation="Opgelost.",
            handled_on=acknowledged,
        )
        assert closed.handled_on == acknowledged

    def test_a_closed_complaint_cannot_be_changed(self, world):
        closed = ComplaintFactory(swv=world["swv"], closed=True)
        with pytest.raises(ValidationError):
            handle(world["secretariat"], closed, acknowledged_on=closed.received_on)
        closed.refresh_from_db()
        assert closed.outcome == Complaint.Outcome.ONGEGROND


class DeniedTests:
    def test_the_office_of_another_swv_gets_not_found(self, world, complaint):
        with pytest.raises(Http404):
            handle(world["other_secretariat"], complaint, acknowledged_on=complaint.received_on)
        event = AuditEvent.objects.filter(object_type="complaint").latest("id")
        assert (event.outcome, event.object_id) == ("denied", str(complaint.pk))

    @pytest.mark.parametrize("role", ["school_user", "policy", "partner"])
    def test_other_roles_are_refused(self, world, complaint, role):
        with pytest.raises(PermissionDenied):
            handle(world[role], complaint, acknowledged_on=complaint.received_on)
        complaint.refresh_from_db()
        assert complaint.acknowledged_on is None
