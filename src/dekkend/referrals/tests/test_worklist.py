"""The worklist: each open dossier with its next statutory date, most urgent first, only in the
user's scope, audited."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.organisations.tests.factories import SchoolFactory, SwvFactory
from dekkend.pupils.tests.factories import PupilFactory
from dekkend.referrals.models import Application, ExpertAssignment
from dekkend.referrals.worklist import item_for, worklist_counts, worklist_for, worklist_queryset

from .factories import ApplicationFactory, expert

D = datetime.date
TODAY = D(2025, 5, 14)
Status = Application.Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    swv = SwvFactory()
    school = SchoolFactory(swv=swv)
    return {
        "swv": swv,
        "school": school,
        "secretariat": user_with_role(Role.SECRETARIAT, swv=swv),
        "school_user": user_with_role(Role.SCHOOL, school=school),
    }


def app(world, status, school=None, **fields):
    pupil = PupilFactory(school=school or world["school"])
    return ApplicationFactory(pupil=pupil, status=status, **fields)


def by_id(items):
    return {item.application.pk: item for item in items}


def test_decision_due_today_tomorrow_yesterday(world):
    today = app(world, Status.COMPLETE, decision_due=TODAY)
    tomorrow = app(world, Status.IN_ASSESSMENT, decision_due=TODAY + datetime.timedelta(days=1))
    yesterday = app(world, Status.IN_ASSESSMENT, decision_due=TODAY - datetime.timedelta(days=1))
    items = worklist_for(user=world["secretariat"], today=TODAY)
    assert [item.application.pk for item in items] == [yesterday.pk, today.pk, tomorrow.pk]
    got = by_id(items)
    assert (got[today.pk].days_left, got[today.pk].overdue, got[today.pk].due_today) == (0, False, True)
    assert (got[tomorrow.pk].days_left, got[tomorrow.pk].overdue) == (1, False)
    assert (got[yesterday.pk].days_left, got[yesterday.pk].overdue) == (-1, True)
    assert {item.kind for item in items} == {"decision_due"}


def test_extended_decision_date_replaces_the_original(world):
    extended = app(
        world, Status.IN_ASSESSMENT, decision_due=TODAY - datetime.timedelta(days=3), decision_extended_to=TODAY
    )
    (item,) = worklist_for(user=world["secretariat"], today=TODAY)
    assert item.application.pk == extended.pk
    assert (item.kind, item.due_on, item.overdue) == ("decision_due_extended", TODAY, False)


def test_each_status_shows_what_is_next(world):
    draft = app(world, Status.DRAFT)
    submitted = app(world, Status.SUBMITTED, submitted_on=TODAY)
    incomplete = app(world, Status.INCOMPLETE, documents_due=TODAY + datetime.timedelta(days=10))
    hearing = app(world, Status.REFUSAL_INTENDED, decision_due=TODAY + datetime.timedelta(days=20))
    arrangement = app(
        world,
        Status.GRANTED,
        type="onderwijsarrangement",
        requested_provision_type="",
        follow_up_on=TODAY + datetime.timedelta(days=30),
    )
    followed_up = app(world, Status.GRANTED, follow_up_on=TODAY, follow_up_done_on=TODAY)
    refused = app(world, Status.REFUSED)
    items = worklist_for(user=world["secretariat"], today=TODAY)
    got = {item.application.pk: (item.kind, item.due_on) for item in items}
    assert got == {
        incomplete.pk: ("documents_due", TODAY + datetime.timedelta(days=10)),
        hearing.pk: ("hearing", TODAY + datetime.timedelta(days=20)),
        arrangement.pk: ("renewal_review", TODAY + datetime.timedelta(days=30)),
        draft.pk: ("draft", None),
        submitted.pk: ("completeness_check", None),
    }
    assert followed_up.pk not in got and refused.pk not in got
    # Dated items first; the undated ones last.
    assert [item.due_on is None for item in items] == [False, False, False, True, True]


def test_empty_worklist_is_empty_and_still_audited(world):
    assert worklist_for(user=world["secretariat"], today=TODAY) == []
    event = AuditEvent.objects.filter(object_type="application", action="search").latest("id")
    assert event.detail["application_ids"] == []


def test_other_school_and_other_swv_not_shown(world):
    own = app(world, Status.COMPLETE, decision_due=TODAY)
    other_school = app(world, Status.COMPLETE, decision_due=TODAY, school=SchoolFactory(swv=world["swv"]))
    other_swv = app(world, Status.COMPLETE, decision_due=TODAY, school=SchoolFactory())
    assert set(by_id(worklist_for(user=world["school_user"], today=TODAY))) == {own.pk}
    assert set(by_id(worklist_for(user=world["secretariat"], today=TODAY))) == {own.pk, other_school.pk}
    assert other_swv.pk not in by_id(worklist_for(user=world["secretariat"], today=TODAY))


def test_expert_sees_only_assigned_dossiers_once(world):
    profile = expert(world["swv"])
    assigned = app(world, Status.IN_ASSESSMENT, decision_due=TODAY)
    app(world, Status.IN_ASSESSMENT, decision_due=TODAY)
    ExpertAssignment.objects.create(application=assigned, expert=profile, order=1, assigned_on=TODAY)
    other = expert(world["swv"])
    ExpertAssignment.objects.create(application=assigned, expert=other, order=2, assigned_on=TODAY)
    items = worklist_for(user=profile.user, today=TODAY)
    assert [item.application.pk for item in items] == [assigned.pk]


def test_role_without_applications_gets_nothing_and_a_denied_audit_row(world):
    policy = user_with_role(Role.POLICY, swv=world["swv"])
    app(world, Status.COMPLETE, decision_due=TODAY)
    assert worklist_for(user=policy, today=TODAY) == []
    assert AuditEvent.objects.filter(user_id=policy.pk, outcome="denied").exists()


def test_list_is_audited_with_every_dossier_and_pupil_shown(world):
    a = app(world, Status.COMPLETE, decision_due=TODAY)
    b = app(world, Status.INCOMPLETE, documents_due=TODAY)
    worklist_for(user=world["secretariat"], today=TODAY)
    event = AuditEvent.objects.filter(object_type="application", action="search").latest("id")
    assert event.outcome == "success"
    assert sorted(event.detail["application_ids"]) == sorted([a.pk, b.pk])
    assert sorted(event.detail["pupil_ids"]) == sorted([a.pupil_id, b.pupil_id])


def test_keyset_pages_cover_everything_once_in_order(world):
    apps = [app(world, Status.COMPLETE, decision_due=TODAY + datetime.timedelta(days=i % 3)) for i in range(7)]
    seen, after = [], None
    while True:
        page = worklist_for(user=world["secretariat"], today=TODAY, after=after, limit=3)
        if not page:
            break
        seen += page
        after = page[-1].cursor
    assert sorted(item.application.pk for item in seen) == sorted(a.pk for a in apps)
    keys = [(item.due_on, item.application.pk) for item in seen]
    assert keys == sorted(keys)


def test_one_query_for_a_page_whatever_its_length(world):
    for i in range(5):
        app(world, Status.COMPLETE, decision_due=TODAY + datetime.timedelta(days=i))
    worklist_for(user=world["secretariat"], today=TODAY)  # warm the role cache
    with CaptureQueriesContext(connection) as few:
        items = [
            (i.application.pupil_last_name, i.application.school_name)
            for i in worklist_for(user=world["secretariat"], today=TODAY, limit=2)
        ]
    with CaptureQueriesContext(connection) as many:
        items = [
            (i.application.pupil_last_name, i.application.school_name)
            for i in worklist_for(user=world["secretariat"], today=TODAY)
        ]
    assert len(items) == 5
    assert len(many) == len(few)


def test_counts(world):
    app(world, Status.COMPLETE, decision_due=TODAY - datetime.timedelta(days=1))
    app(world, Status.COMPLETE, decision_due=TODAY + datetime.timedelta(days=5))
    app(world, Status.COMPLETE, decision_due=TODAY + datetime.timedelta(days=6))
    app(world, Status.SUBMITTED)
    assert worklist_counts(user=world["secretariat"], today=TODAY) == {"overdue": 1, "due_soon": 1, "total": 4}


def test_a_page_is_the_same_as_the_worklist_queryset_for_every_role(world):
    """A page is read with its own SQL (compiled once, the user's scope per request); it must
    list exactly what worklist_queryset() lists, in the same order, for every role and filter."""
    profile = expert(world["swv"])
    statuses = [Status.DRAFT, Status.SUBMITTED, Status.INCOMPLETE, Status.COMPLETE, Status.IN_ASSESSMENT]
    made = []
    for i in range(12):
        due = TODAY + datetime.timedelta(days=(i % 5) - 2)
        made.append(
            app(
                world,
                statuses[i % len(statuses)],
                school=world["school"] if i % 3 else SchoolFactory(swv=world["swv"]),
                documents_due=due,
                decision_due=due,
                decision_extended_to=due + datetime.timedelta(days=7) if i % 4 == 0 else None,
            )
        )
    app(world, Status.GRANTED, follow_up_on=TODAY)
    app(world, Status.COMPLETE, decision_due=TODAY, school=SchoolFactory())  # another SWV
    for application in made[::2]:
        ExpertAssignment.objects.create(application=application, expert=profile, order=1, assigned_on=TODAY)
    for user in (world["secretariat"], world["school_user"], profile.user):
        expected = list(worklist_queryset(user=user))
        assert expected
        got = worklist_for(user=user, today=TODAY, limit=500)
        assert [(i.application.pk, i.due_on, i.kind) for i in got] == [
            (a.pk, item_for(a, TODAY).due_on, item_for(a, TODAY).kind) for a in expected
        ]
        first = got[0]
        assert (first.application.pupil_last_name, first.application.school_name) == (
            expected[0].pupil.last_name,
            expected[0].school.name,
        )
        overdue = worklist_for(user=user, today=TODAY, overdue_only=True, limit=500)
        assert [i.application.pk for i in overdue] == [a.pk for a in expected if a.sort_on < TODAY]
        after = worklist_for(user=user, today=TODAY, after=got[2].cursor, limit=500)
        assert [i.application.pk for i in after] == [a.pk for a in expected[3:]]


@pytest.mark.parametrize("role", ["secretariat", "school_user"])
def test_a_page_filters_the_application_table_itself_for_school_and_swv(world, role):
    """The scope of a school or SWV is a plain condition on the application table (no
    ``id IN (subquery)``), so PostgreSQL reads a page in order from the worklist index."""
    app(world, Status.COMPLETE, decision_due=TODAY)
    worklist_for(user=world[role], today=TODAY)  # warm the role cache
    with CaptureQueriesContext(connection) as queries:
        worklist_for(user=world[role], today=TODAY)
    (page,) = [q["sql"] for q in queries.captured_queries if "referrals_application" in q["sql"]]
    assert " IN (SELECT" not in page.upper()
