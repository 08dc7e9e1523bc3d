"""The audit log is append-only and hash-chained; a change or removal is detected."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditAction, AuditEvent, AuditOutcome
from dekkend.audit.services import AuditContext, audit_chain_verify, audit_event_record, event_hash
from dekkend.organisations.tests.factories import SwvFactory

pytestmark = pytest.mark.django_db


def record(n: int = 1, **kwargs) -> list[AuditEvent]:
    user = kwargs.pop("user", None)
    context = AuditContext(user=user, client_address="127.0.0.1", purpose="test")
    return [
        audit_event_record(
            context=context,
            action=AuditAction.READ,
            outcome=AuditOutcome.SUCCESS,
            object_type="pupil",
            object_id=i,
            pupil_id=i,
            detail={"i": i},
        )
        for i in range(n)
    ]


def test_an_empty_log_verifies():
    report = audit_chain_verify()
    assert report.ok and report.checked == 0


def test_events_form_a_chain_that_verifies():
    first, second, third = record(3)
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    report = audit_chain_verify()
    assert report.ok and report.checked == 3


def test_stored_hash_is_the_documented_hash_also_for_text_beyond_ascii():
    """On PostgreSQL the database computes the hash in the append statement; the verifier
    recomputes it in Python: both must hash the same UTF-8 text (names like Çelik, ë, ’)."""
    context = AuditContext(user=None, client_address="127.0.0.1", purpose="leerlingdossier inzien")
    event = audit_event_record(
        context=context,
        action=AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS,
        object_type="pupil",
        reason="Zoeken naar ‘Çelik’ — één leerling",
        detail={"criteria": {"search": 'Zoë\n"Ünal"'}},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.hash == event.hash == event_hash(stored, stored.previous_hash)
    assert audit_chain_verify().ok


def test_event_carries_who_where_and_role():
    swv = SwvFactory()
    user = user_with_role(Role.SECRETARIAT, swv=swv)
    (event,) = record(1, user=user)
    event.refresh_from_db()
    assert (event.username, event.role, event.swv_id, event.client_address) == (
        user.username,
        Role.SECRETARIAT,
        swv.id,
        "127.0.0.1",
    )
    assert event.organisation == swv.name


@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET username = 'x'", "DELETE FROM audit_auditevent"])
def test_database_refuses_update_and_delete(statement):
    record(2)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 2


def test_orm_update_is_refused_too():
    (event,) = record(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="weggepoetst")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL only")
def test_postgresql_refuses_truncate():
    record(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")


def _tamper(sql: str, params: list) -> None:
    """Simulate an attacker with direct database access who disables the guard."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(sql, params)


def test_changed_row_breaks_the_chain_at_that_row():
    events = record(4)
    _tamper("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["iemand-anders", events[2].id])
    report = audit_chain_verify()
    assert not report.ok and report.first_broken_id == events[2].id and report.checked == 2


def test_removed_row_breaks_the_chain_at_the_next_row():
    events = record(4)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].id])
    report = audit_chain_verify()
    assert not report.ok and report.first_broken_id == events[2].id


def test_removed_newest_row_is_detected_through_the_head():
    events = record(3)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[2].id])
    report = audit_chain_verify()
    assert not report.ok and "newest" in report.problem


def test_verify_command_fails_loudly_on_a_broken_chain():
    events = record(2)
    call_command("audit_verify")
    _tamper("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["x", events[0].id])
    with pytest.raises(Exception, match="broken"):
        call_command("audit_verify")
