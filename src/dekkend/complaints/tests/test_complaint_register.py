"""Registering a complaint: the SWV office of the own SWV only, links within that SWV, a date
not in the future, a summary; every attempt in the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dekkend.audit.models import AuditEvent
from dekkend.complaints.models import Complaint
from dekkend.complaints.services import complaint_register

from .conftest import ctx


def register(user, **fields):
    values = {
        "complainant": Complaint.Complainant.PARENTS,
        "procedure": Complaint.Procedure.TOELEIDING,
        "summary": "Het besluit liet lang op zich wachten.",
        **fields,
    }
    return complaint_register(context=ctx(user), **values)


class RegisterTests:
    def test_the_secretariat_registers_a_complaint_about_an_application_counted_at_its_school(self, world):
        complaint = register(world["secretariat"], application_id=world["application"].pk)

        assert complaint.swv == world["swv"]
        assert complaint.school_id == world["school"].pk
        assert complaint.status == Complaint.Status.RECEIVED
        assert complaint.received_on == timezone.localdate()
        event = AuditEvent.objects.filter(object_type="complaint").latest("id")
        assert (event.action, event.outcome, event.pupil_id) == ("create", "success", world["pupil"].pk)

    def test_a_named_school_wins_over_the_application_school(self, world):
        from dekkend.organisations.tests.factories import SchoolFactory

        elsewhere = SchoolFactory(swv=world["swv"])
        complaint = register(world["manager"], application_id=world["application"].pk, school_id=elsewhere.pk)
        assert complaint.school_id == elsewhere.pk

    def test_a_complaint_without_application_or_school(self, world):
        complaint = register(world["secretariat"], procedure=Complaint.Procedure.STEUNPUNT)
        assert (complaint.application_id, complaint.school_id) == (None, None)

    def test_an_application_of_another_swv_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            register(world["secretariat"], application_id=world["other_application"].pk)
        assert "application" in error.value.message_dict
        assert not Complaint.objects.exists()

    def test_a_school_of_another_swv_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            register(world["secretariat"], school_id=world["other_school"].pk)
        assert "school" in error.value.message_dict

    def test_another_swv_cannot_be_chosen(self, world):
        with pytest.raises(ValidationError) as error:
            register(world["secretariat"], swv_id=world["other_swv"].pk)
        assert "swv" in error.value.message_dict

    def test_today_is_allowed_tomorrow_is_not(self, world):
        today = timezone.localdate()
        assert register(world["secretariat"], received_on=today).received_on == today
        with pytest.raises(ValidationError) as error:
            register(world["secretariat"], received_on=today + datetime.timedelta(days=1))
        assert "received_on" in error.value.message_dict

    def test_an_empty_or_too_long_summary_is_refused(self, world):
        with pytest.raises(ValidationError):
            register(world["secretariat"], summary="   ")
        with pytest.raises(ValidationError) as error:
            register(world["secretariat"], summary="x" * 1001)
        assert "summary" in error.value.message_dict
        assert register(world["secretariat"], summary="x" * 1000).pk

    def test_unknown_choices_are_refused(self, world):
        with pytest.raises(ValidationError):
            register(world["secretariat"], complainant="neighbour")
        with pytest.raises(ValidationError):
            register(world["secretariat"], procedure="weather")

    def test_the_handler_must_work_at_the_swv_office(self, world):
        assert register(world["secretariat"], handler_id=world["manager"].pk).handler == world["manager"]
        for outsider in ("school_user", "policy", "other_secretariat"):
            with pytest.raises(ValidationError) as error:
                register(world["secretariat"], handler_id=world[outsider].pk)
            assert "handler" in error.value.message_dict

    @pytest.mark.parametrize("role", ["school_user", "board", "policy", "partner"])
    def test_schools_boards_policy_and_partners_cannot_register(self, world, role):
        with pytest.raises(PermissionDenied):
            register(world[role])
        event = AuditEvent.objects.filter(object_type="complaint").latest("id")
        assert event.outcome == "denied"
        assert not Complaint.objects.exists()
