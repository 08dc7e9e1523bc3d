"""The root conftest's check that a refusal is recorded before any transaction opens
(docs/principles.md "Audit"): a DENIED row written inside ``transaction.atomic`` is caught,
one written outside it or a change's row inside it is not, and the test's own transaction
does not count."""

import pytest
from django.db import transaction

from dekkend.audit.models import AuditAction, AuditEvent, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record

pytestmark = pytest.mark.django_db


def _record(outcome: AuditOutcome, object_id: str) -> None:
    audit_event_record(
        context=AuditContext(purpose="test"),
        action=AuditAction.UPDATE,
        outcome=outcome,
        object_type="check",
        object_id=object_id,
    )


def test_a_denial_inside_a_transaction_is_caught(denials_inside_transactions):
    with pytest.raises(PermissionError), transaction.atomic():
        _record(AuditOutcome.DENIED, "inside")
        raise PermissionError

    assert [event.object_id for event, _stack in denials_inside_transactions] == ["inside"]
    assert not AuditEvent.objects.filter(object_id="inside").exists()  # what the check is for
    assert "test_a_denial_inside_a_transaction_is_caught" in denials_inside_transactions[0][1]
    denials_inside_transactions.clear()


def test_a_denial_in_a_nested_block_is_caught_too(denials_inside_transactions):
    with transaction.atomic(), transaction.atomic():
        _record(AuditOutcome.DENIED, "nested")

    assert [event.object_id for event, _stack in denials_inside_transactions] == ["nested"]
    denials_inside_transactions.clear()


def test_a_denial_before_the_transaction_and_a_change_inside_it_pass(denials_inside_transactions):
    _record(AuditOutcome.DENIED, "before")
    with transaction.atomic():
        _record(AuditOutcome.SUCCESS, "change")

    assert denials_inside_transactions == []
    assert AuditEvent.objects.filter(object_id__in=["before", "change"]).count() == 2
