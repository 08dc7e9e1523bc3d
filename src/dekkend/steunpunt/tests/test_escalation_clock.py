"""The doorbraakfunctionaris' impasse clock (001_28cb0100de53310c.txt:1611-1615): solved within a
week, 80% within 48 hours; and a stuck case going up the ladder."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.audit.models import AuditEvent
from dekkend.steunpunt import rules, selectors, services
from dekkend.steunpunt.rules import Clock

from .conftest import ctx, last_audit_id, user_for
from .factories import EscalationFactory, almere_ladder

H = datetime.timedelta(hours=1)
OPENED = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)


class ClockRuleTests:
    def test_47h59_is_within_48_hours_and_48h01_is_not(self):
        assert rules.solved_within_48_hours(OPENED, OPENED + 47 * H + datetime.timedelta(minutes=59))
        assert rules.solved_within_48_hours(OPENED, OPENED + 48 * H)
        assert not rules.solved_within_48_hours(OPENED, OPENED + 48 * H + datetime.timedelta(minutes=1))

    def test_exactly_seven_days_is_within_the_week_and_a_minute_more_is_not(self):
        assert rules.solved_within_week(OPENED, OPENED + datetime.timedelta(days=7))
        assert not rules.solved_within_week(OPENED, OPENED + datetime.timedelta(days=7, minutes=1))

    def test_unsolved_is_never_within(self):
        assert not rules.solved_within_48_hours(OPENED, None)
        assert not rules.solved_within_week(OPENED, None)

    def test_clock_states_for_open_cases(self):
        assert rules.clock_state(OPENED, None, OPENED + 48 * H) == Clock.OPEN_FAST
        assert rules.clock_state(OPENED, None, OPENED + 49 * H) == Clock.OPEN_IN_WEEK
        assert rules.clock_state(OPENED, None, OPENED + datetime.timedelta(days=7)) == Clock.OPEN_IN_WEEK
        assert rules.clock_state(OPENED, None, OPENED + datetime.timedelta(days=7, seconds=1)) == Clock.OVERDUE

    def test_clock_states_for_solved_cases(self):
        assert rules.clock_state(OPENED, OPENED + 2 * H, OPENED) == Clock.SOLVED_FAST
        assert rules.clock_state(OPENED, OPENED + 72 * H, OPENED) == Clock.SOLVED_IN_WEEK
        assert rules.clock_state(OPENED, OPENED + datetime.timedelta(days=8), OPENED) == Clock.SOLVED_LATE

    def test_the_80_percent_target_at_its_edge(self):
        assert rules.fast_share_met(4, 5) is True
        assert rules.fast_share_met(7, 9) is False  # 77.8%
        assert rules.fast_share_met(0, 0) is None

    def test_the_impasse_deadline_is_a_week_later(self):
        assert rules.impasse_deadline(OPENED) == OPENED + datetime.timedelta(days=7)


@pytest.mark.django_db
class LadderTests:
    def test_a_stuck_case_goes_up_one_level_with_its_reason(self, world):
        levels = almere_ladder(world["swv"])
        escalation = services.escalation_open(
            swv_id=world["swv"].pk,
            subject="Geen plek (synthetisch).",
            school_id=world["school"].pk,
            context=ctx(world["school_user"]),
        )
        assert escalation.level == levels[0]
        services.escalation_raise(
            escalation_id=escalation.pk, reason="Steunpunt komt er niet uit.", context=ctx(world["secretariat"])
        )
        escalation.refresh_from_db()
        assert escalation.level == levels[1]
        steps = selectors.escalation_steps(escalation=escalation)
        assert [(s.from_level, s.to_level, s.reason) for s in steps][-1] == (
            levels[0],
            levels[1],
            "Steunpunt komt er niet uit.",
        )

    def test_the_top_of_the_ladder_cannot_go_higher(self, world):
        levels = almere_ladder(world["swv"])
        escalation = EscalationFactory(school=world["school"], level=levels[-1])
        with pytest.raises(ValidationError):
            services.escalation_raise(
                escalation_id=escalation.pk, reason="Nog steeds vast.", context=ctx(world["secretariat"])
            )

    def test_going_up_needs_a_reason(self, world):
        escalation = EscalationFactory(school=world["school"])
        with pytest.raises(ValidationError) as error:
            services.escalation_raise(escalation_id=escalation.pk, reason="  ", context=ctx(world["secretariat"]))
        assert "reason" in error.value.message_dict

    def test_a_school_cannot_raise_a_case_of_another_school(self, world):
        escalation = EscalationFactory(school=world["neighbour"])
        before = last_audit_id()
        with pytest.raises(Http404):
            services.escalation_raise(escalation_id=escalation.pk, reason="x", context=ctx(world["school_user"]))
        assert AuditEvent.objects.filter(id__gt=before, outcome="denied", object_type="escalation").exists()

    def test_a_partner_cannot_open_an_escalation(self, world):
        almere_ladder(world["swv"])
        with pytest.raises(PermissionDenied):
            services.escalation_open(swv_id=world["swv"].pk, subject="x", context=ctx(world["partner"]))

    def test_an_swv_without_a_ladder_gets_a_clear_message(self, world):
        with pytest.raises(ValidationError) as error:
            services.escalation_open(swv_id=world["swv"].pk, subject="x", context=ctx(world["secretariat"]))
        assert "level" in error.value.message_dict

    def test_solving_stops_the_clock_once(self, world):
        escalation = EscalationFactory(school=world["school"], opened_at=timezone.now() - 50 * H)
        services.escalation_solve(
            escalation_id=escalation.pk, solution="Plek gevonden.", context=ctx(world["secretariat"])
        )
        escalation.refresh_from_db()
        assert rules.clock_state(escalation.opened_at, escalation.solved_at, timezone.now()) == Clock.SOLVED_IN_WEEK
        with pytest.raises(ValidationError):
            services.escalation_solve(
                escalation_id=escalation.pk, solution="Nog eens.", context=ctx(world["secretariat"])
            )


@pytest.mark.django_db
class FastShareTests:
    def test_share_within_48_hours_per_quarter(self, world):
        level = almere_ladder(world["swv"])[0]
        make = lambda opened, hours: EscalationFactory(  # noqa: E731
            school=world["school"], level=level, opened_at=opened, solved_at=opened + hours * H if hours else None
        )
        make(OPENED, 47.99)
        make(OPENED, 48)
        make(OPENED, 48.02)
        make(OPENED, 200)  # after the week
        make(OPENED, None)  # still open, long overdue
        make(OPENED.replace(month=4), 1)  # next quarter
        q1, q2 = selectors.escalation_fast_share(
            swv=world["swv"], start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30)
        )
        assert (q1.opened, q1.solved, q1.solved_fast, q1.solved_in_week, q1.open_overdue) == (5, 4, 2, 3, 1)
        assert q1.fast_share == 0.5 and q1.target_met is False
        assert (q2.opened, q2.fast_share, q2.target_met) == (1, 1.0, True)

    def test_no_escalations_gives_no_share(self, world):
        (row,) = selectors.escalation_fast_share(
            swv=world["swv"], start=datetime.date(2025, 1, 1), end=datetime.date(2025, 3, 31)
        )
        assert (row.opened, row.fast_share, row.target_met) == (0, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [
        (Role.SCHOOL, 200),
        (Role.SECRETARIAT, 200),
        (Role.BOARD, 200),
        (Role.POLICY, 403),
        (Role.PARTNER, 403),
        (Role.EXPERT, 403),
    ],
)
def test_escalation_list_api_per_role(role, status, world, api_client_for):
    own = EscalationFactory(school=world["school"])
    EscalationFactory(school=world["neighbour"])
    before = last_audit_id()
    response = api_client_for(user_for(role, world)).get("/api/v1/escalations/")
    assert response.status_code == status
    assert AuditEvent.objects.filter(id__gt=before, object_type="escalation").count() == 1
    if status == 200:
        ids = [row["id"] for row in response.json()["results"]]
        assert own.pk in ids
        assert (len(ids) == 2) == (role == Role.SECRETARIAT)
        assert response.json()["results"][0]["clock"] == Clock.OPEN_FAST
