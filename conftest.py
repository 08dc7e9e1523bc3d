"""Fixtures shared by every app's tests."""

import pytest
from rest_framework.test import APIClient

pytest_plugins = ["dekkend.core.tests.authorisation_matrix"]


@pytest.fixture(autouse=True)
def _forget_roles_read():
    """Each test's database is rolled back: roles a process remembered belong to the last test."""
    from dekkend.core.permissions import forget_roles_read

    forget_roles_read()


@pytest.fixture(autouse=True)
def denials_inside_transactions(monkeypatch):
    """docs/principles.md "Audit": a refusal is recorded before any transaction opens. A DENIED
    row written inside ``transaction.atomic`` is rolled back with the refusal raised after it,
    and the attempt leaves no trace; this fails the test that writes one. The test's own
    transaction (Django's TestCase marks it ``_from_testcase``) does not count.

    Checked here, not in ``audit_event_record``: in production a refused user would get a
    server error instead of a 403, and the row would be lost all the same. Yields the list of
    misplaced events (a test of this check empties it)."""
    import traceback

    from django.db import connections, router

    from dekkend.audit import services as audit_services
    from dekkend.audit.models import AuditEvent, AuditOutcome

    append = audit_services._append
    misplaced: list[tuple[AuditEvent, str]] = []

    def checked_append(event: AuditEvent) -> None:
        if event.outcome == AuditOutcome.DENIED:
            connection = connections[router.db_for_write(AuditEvent)]
            if any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks):
                ours = [frame for frame in traceback.extract_stack()[:-1] if "/dekkend/" in frame.filename]
                misplaced.append((event, "".join(traceback.format_list(ours))))
        append(event)

    monkeypatch.setattr(audit_services, "_append", checked_append)
    yield misplaced
    if misplaced:
        event, stack = misplaced[0]
        pytest.fail(
            f"{len(misplaced)} DENIED audit row(s) written inside transaction.atomic, e.g. "
            f"{event.object_type} {event.object_id!r}: decide and record the refusal before the "
            f"transaction opens (it is rolled back with the refusal).\n{stack}",
            pytrace=False,
        )


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_client_for(db):
    """``api_client_for(user)`` returns an API client authenticated with a real token."""
    from rest_framework.authtoken.models import Token

    def make(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
