"""Deadline reminders: 5 working days and 1 day before, and the day after; once each; to the
users who must act; an in-app notice and an e-mail; overdue dossiers always reported."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext
from dekkend.core.schedule import PERIODIC_JOBS
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals import rules
from dekkend.referrals.models import Application, DeadlineReminder, ExpertAssignment, Notice
from dekkend.referrals.services import deadline_reminders_send
from dekkend.referrals.tasks import send_deadline_reminders

from .factories import ApplicationFactory, expert

D = datetime.date
DUE = D(2025, 5, 21)  # a Wednesday
Status = Application.Status
SYSTEM = AuditContext(purpose="test")

pytestmark = pytest.mark.django_db


class ReminderStageRuleTests:
    @pytest.mark.parametrize(
        ("today", "stage"),
        [
            (D(2025, 5, 13), None),  # 6 working days before
            (D(2025, 5, 14), "five_working_days"),  # 5 working days before
            (D(2025, 5, 19), "five_working_days"),  # 2 days before
            (D(2025, 5, 20), "one_day"),  # the day before
            (D(2025, 5, 21), "one_day"),  # the day itself: still in time
            (D(2025, 5, 22), "overdue"),  # the day after
        ],
    )
    def test_stage_at_the_edges(self, today, stage):
        assert rules.reminder_stage(DUE, today) == stage

    def test_working_days_skip_the_weekend(self):
        monday = D(2025, 5, 19)
        assert rules.working_days_before(monday, 5) == D(2025, 5, 12)
        assert rules.working_days_before(monday, 1) == D(2025, 5, 16)  # the Friday


@pytest.fixture
def world():
    swv = SwvFactory()
    school = SchoolFactory(swv=swv)
    users = {
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "manager": user_with_role(Role.MANAGER, swv=swv),
        "school_user": user_with_role(Role.SCHOOL, school=school),
        "other_secretariat": user_with_role(Role.SECRETARIAT, swv=SwvFactory()),
    }
    for user in users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])
    return {"swv": swv, "school": school, **users}


def app(world, status, **fields):
    return ApplicationFactory(pupil=PupilFactory(school=world["school"]), status=status, **fields)


def notified(application):
    return set(Notice.objects.filter(application=application).values_list("user_id", flat=True))


def test_decision_reminder_goes_to_secretariat_and_manager_once(world, django_capture_on_commit_callbacks):
    application = app(world, Status.COMPLETE, decision_due=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        report = deadline_reminders_send(today=D(2025, 5, 14), context=SYSTEM)
    assert report["reminders"] == 1
    assert notified(application) == {world["secretariat"].pk, world["manager"].pk}
    assert len(mail.outbox) == 2 and all(len(m.to) == 1 for m in mail.outbox)
    assert str(application.pk) in mail.outbox[0].body
    assert application.pupil.last_name not in mail.outbox[0].body  # no pupil name in an e-mail
    with django_capture_on_commit_callbacks(execute=True):
        again = deadline_reminders_send(today=D(2025, 5, 14), context=SYSTEM)
    assert again["reminders"] == 0 and len(mail.outbox) == 2
    assert Notice.objects.filter(application=application).count() == 2


def test_nothing_before_five_working_days(world):
    app(world, Status.COMPLETE, decision_due=DUE)
    assert deadline_reminders_send(today=D(2025, 5, 13), context=SYSTEM)["reminders"] == 0
    assert not Notice.objects.exists()


def test_each_stage_once_over_the_days(world):
    application = app(world, Status.IN_ASSESSMENT, decision_due=DUE)
    for day in range(10, 28):
        deadline_reminders_send(today=D(2025, 5, day), context=SYSTEM)
    stages = list(DeadlineReminder.objects.filter(application=application).values_list("stage", "sent_on"))
    assert sorted(stages) == sorted(
        [("five_working_days", D(2025, 5, 14)), ("one_day", D(2025, 5, 20)), ("overdue", D(2025, 5, 22))]
    )


def test_documents_due_goes_to_the_school(world):
    application = app(world, Status.INCOMPLETE, documents_due=DUE)
    deadline_reminders_send(today=D(2025, 5, 20), context=SYSTEM)
    assert notified(application) == {world["school_user"].pk}


def test_overdue_also_tells_the_secretariat_and_is_always_reported(world):
    application = app(world, Status.INCOMPLETE, documents_due=DUE)
    first = deadline_reminders_send(today=D(2025, 6, 30), context=SYSTEM)
    assert notified(application) == {world["school_user"].pk, world["secretariat"].pk}
    second = deadline_reminders_send(today=D(2025, 7, 1), context=SYSTEM)
    assert first["overdue"] == second["overdue"] == [application.pk]
    assert second["reminders"] == 0


def test_experts_who_have_not_advised_are_reminded(world):
    application = app(world, Status.IN_ASSESSMENT, decision_due=DUE)
    profile = expert(world["swv"])
    ExpertAssignment.objects.create(application=application, expert=profile, order=1, assigned_on=D(2025, 5, 1))
    deadline_reminders_send(today=D(2025, 5, 20), context=SYSTEM)
    assert profile.user_id in notified(application)


def test_extension_gives_new_reminders_for_the_new_date(world):
    application = app(world, Status.IN_ASSESSMENT, decision_due=DUE)
    deadline_reminders_send(today=D(2025, 5, 20), context=SYSTEM)
    Application.objects.filter(pk=application.pk).update(decision_extended_to=DUE + datetime.timedelta(weeks=2))
    deadline_reminders_send(today=D(2025, 6, 3), context=SYSTEM)
    assert DeadlineReminder.objects.filter(application=application).count() == 2


def test_closed_and_undated_dossiers_get_nothing(world):
    app(world, Status.REFUSED, decision_due=DUE)
    app(world, Status.SUBMITTED)
    assert deadline_reminders_send(today=D(2025, 5, 22), context=SYSTEM) == {
        "reminders": 0,
        "notices": 0,
        "emails": 0,
        "overdue": [],
    }


def test_every_reminder_is_audited(world):
    application = app(world, Status.COMPLETE, decision_due=DUE)
    deadline_reminders_send(today=D(2025, 5, 20), context=SYSTEM)
    event = AuditEvent.objects.get(object_type="deadline_reminder")
    assert event.detail["application"] == application.pk
    assert sorted(event.detail["recipients"]) == sorted([world["secretariat"].pk, world["manager"].pk])


def test_task_runs_the_service_and_is_scheduled(world):
    app(world, Status.COMPLETE, decision_due=timezone.localdate() - datetime.timedelta(days=1))
    result = send_deadline_reminders.call()
    assert result["overdue"] == 1 and result["reminders"] == 1
    scheduled = {job.task_path: job.every for job in PERIODIC_JOBS}
    assert scheduled["dekkend.referrals.tasks.send_deadline_reminders"] == datetime.timedelta(days=1)
    assert scheduled["dekkend.referrals.tasks.apply_retention"] == datetime.timedelta(days=1)
