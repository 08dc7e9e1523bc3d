"""The thuiszitter register: who may register and see which cases, the audit trail, the plan
and follow-up, and the counts per quarter for monitoring."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.steunpunt import selectors, services
from dekkend.steunpunt.models import Thuiszitter

from .conftest import ctx, last_audit_id, user_for
from .factories import ThuiszitterFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def register(world, user, **overrides):
    arguments = {
        "pupil_id": world["pupil"].pk,
        "kind": "relatief",
        "absent_since": D(2025, 2, 3),
        "reported_on": D(2025, 2, 10),
        "reason": "wachten_op_plek",
        "plan": "Synthetisch plan.",
        "next_follow_up": D(2025, 2, 24),
    }
    return services.thuiszitter_register(**{**arguments, **overrides}, context=ctx(user))


class RegisterTests:
    def test_a_school_registers_its_own_pupil_with_an_audit_row(self, world):
        before = last_audit_id()
        case = register(world, world["school_user"])
        assert (case.swv, case.school, case.responsible) == (world["swv"], world["school"], world["school_user"])
        event = AuditEvent.objects.get(id__gt=before, object_type="thuiszitter")
        assert (event.action, event.pupil_id, event.detail["step"]) == ("create", world["pupil"].pk, "registered")

    def test_a_school_cannot_register_a_pupil_of_another_school(self, world):
        with pytest.raises(ValidationError) as error:
            register(world, world["school_user"], pupil_id=world["neighbour_pupil"].pk)
        assert "pupil" in error.value.message_dict
        assert not Thuiszitter.objects.exists()

    def test_a_partner_cannot_register(self, world):
        with pytest.raises(PermissionDenied):
            register(world, world["partner"])

    def test_absolute_absence_has_no_school_of_enrolment(self, world):
        case = register(world, world["secretariat"], kind="absoluut", absent_since=None)
        assert case.school is None

    def test_absence_after_the_report_is_refused_in_dutch_terms(self, world):
        with pytest.raises(ValidationError) as error:
            register(world, world["school_user"], absent_since=D(2025, 3, 1))
        assert "absent_since" in error.value.message_dict

    def test_a_report_in_the_future_is_refused(self, world):
        with pytest.raises(ValidationError):
            register(world, world["school_user"], reported_on=D.today() + datetime.timedelta(days=1))


class PlanTests:
    def test_follow_up_moves_the_next_date_and_is_kept(self, world):
        case = register(world, world["school_user"])
        services.thuiszitter_follow_up_record(
            thuiszitter_id=case.pk,
            done_on=D(2025, 2, 24),
            note="Gesprek met ouders (synthetisch).",
            next_follow_up=D(2025, 3, 10),
            context=ctx(world["school_user"]),
        )
        case.refresh_from_db()
        assert case.next_follow_up == D(2025, 3, 10)
        assert [f.planned_on for f in case.follow_ups.all()] == [D(2025, 2, 24)]

    def test_the_next_follow_up_must_come_after_this_one(self, world):
        case = register(world, world["school_user"])
        with pytest.raises(ValidationError):
            services.thuiszitter_follow_up_record(
                thuiszitter_id=case.pk,
                done_on=D(2025, 2, 24),
                note="",
                next_follow_up=D(2025, 2, 24),
                context=ctx(world["school_user"]),
            )

    def test_an_ended_case_cannot_be_ended_again(self, world):
        case = register(world, world["school_user"])
        services.thuiszitter_end(
            thuiszitter_id=case.pk,
            ended_on=D(2025, 4, 1),
            end_note="Terug op school.",
            context=ctx(world["school_user"]),
        )
        with pytest.raises(ValidationError):
            services.thuiszitter_end(
                thuiszitter_id=case.pk, ended_on=D(2025, 4, 2), end_note="", context=ctx(world["school_user"])
            )

    def test_the_neighbour_school_gets_not_found_and_the_attempt_is_audited(self, world):
        case = register(world, world["school_user"])
        stranger = user_for(Role.SCHOOL, {**world, "school": world["neighbour"]})
        before = last_audit_id()
        with pytest.raises(Http404):
            services.thuiszitter_end(
                thuiszitter_id=case.pk, ended_on=D(2025, 4, 1), end_note="", context=ctx(stranger)
            )
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied", object_type="thuiszitter").count() == 1
        case.refresh_from_db()
        assert case.ended_on is None


SCOPE = {  # own school / neighbour school in the SWV / other SWV
    Role.SCHOOL: (True, False, False),
    Role.CONSULTANT: (True, False, False),
    Role.BOARD: (True, False, False),
    Role.SECRETARIAT: (True, True, False),
    Role.MANAGER: (True, True, False),
    Role.DIRECTOR: (True, True, False),
    Role.EXPERT: (False, False, False),
    Role.POLICY: (False, False, False),
    Role.PARTNER: (False, False, False),
    Role.PRIVACY_OFFICER: (False, False, False),
}


@pytest.mark.parametrize("role", list(SCOPE))
def test_the_register_shows_each_role_its_scope(role, world):
    cases = [
        ThuiszitterFactory(pupil=world["pupil"]),
        ThuiszitterFactory(pupil=world["neighbour_pupil"]),
        ThuiszitterFactory(pupil=world["other_swv_pupil"]),
    ]
    visible = set(selectors.thuiszitter_queryset(user=user_for(role, world)))
    assert [case in visible for case in cases] == list(SCOPE[role])


class CountTests:
    def test_counts_per_quarter_follow_the_definitions(self, world):
        # Q1 2025: a relative absence from 6 Jan (thuiszitter by 31 Mar), a threatened case, and an
        # absolute absence ended in Q2.
        ThuiszitterFactory(pupil=world["pupil"], absent_since=D(2025, 1, 6), reported_on=D(2025, 1, 13))
        ThuiszitterFactory(pupil=world["pupil"], kind="dreigend", absent_since=None, reported_on=D(2025, 3, 31))
        ThuiszitterFactory(
            pupil=world["pupil"],
            school=None,
            kind="absoluut",
            absent_since=None,
            reported_on=D(2025, 2, 1),
            ended_on=D(2025, 5, 1),
            reason="gezondheid",
        )
        ThuiszitterFactory(pupil=world["other_swv_pupil"], reported_on=D(2025, 2, 1))  # other SWV: not counted
        q1, q2 = selectors.thuiszitter_counts(
            swv=world["swv"], start=D(2025, 1, 1), end=D(2025, 6, 30), today=D(2025, 9, 1)
        )
        assert (q1.label, q1.reported, q1.active, q1.ended) == ("2025-K1", 3, 3, 0)
        assert (q1.thuiszitters, q1.threatened) == (2, 1)
        assert (q2.label, q2.reported, q2.active, q2.ended) == ("2025-K2", 0, 3, 1)
        assert (q2.thuiszitters, q2.threatened) == (1, 1)  # the absolute case ended on 1 May
        assert q2.duration_days["median"] == (D(2025, 5, 1) - D(2025, 2, 1)).days
        assert q1.reasons == {"geen_passend_aanbod": 2, "gezondheid": 1}

    def test_no_cases_gives_zero_rows_per_quarter(self, world):
        rows = selectors.thuiszitter_counts(swv=world["swv"], start=D(2025, 1, 1), end=D(2025, 12, 31))
        assert [(r.label, r.active) for r in rows] == [("2025-K1", 0), ("2025-K2", 0), ("2025-K3", 0), ("2025-K4", 0)]
