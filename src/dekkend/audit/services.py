"""Writing to and checking the audit log."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC
from functools import cache

from django.db import connections, router, transaction
from django.http import HttpRequest
from django.utils import timezone

from dekkend.accounts.models import RoleAssignment

from .models import GENESIS_HASH, AuditAction, AuditChainHead, AuditEvent, AuditOutcome

# The fields covered by a row's hash, in a fixed order.
HASHED_FIELDS = (
    "event_id",
    "occurred_at",
    "action",
    "outcome",
    "user_id",
    "username",
    "role",
    "organisation",
    "swv_id",
    "on_behalf_of",
    "pupil_id",
    "object_type",
    "object_id",
    "client_address",
    "purpose",
    "access_basis",
    "is_emergency",
    "reason",
    "detail",
)


@dataclass(frozen=True)
class AuditContext:
    """Who acts, from where and why; built once per request."""

    user: object = None
    client_address: str | None = None
    purpose: str = ""
    on_behalf_of: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_request(cls, request: HttpRequest, *, purpose: str = "") -> "AuditContext":
        return cls(
            user=getattr(request, "user", None),
            client_address=request.META.get("REMOTE_ADDR") or None,
            purpose=purpose or request.headers.get("X-Dekkend-Purpose", "")[:100],
            on_behalf_of=request.headers.get("X-Dekkend-On-Behalf-Of", "")[:200],
        )


def _canonical_value(value):
    if hasattr(value, "isoformat"):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if value is None or isinstance(value, bool | int | str | dict | list):
        return value
    return str(value)


def _canonical_payload(event: AuditEvent) -> str:
    content = {name: _canonical_value(getattr(event, name)) for name in HASHED_FIELDS}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(event: AuditEvent, previous_hash: str) -> str:
    """SHA-256 over the previous hash and the row's canonical JSON."""
    return hashlib.sha256(f"{previous_hash}\n{_canonical_payload(event)}".encode()).hexdigest()


def _stored_fields() -> list:
    chained = ("previous_hash", "hash")
    return [f for f in AuditEvent._meta.concrete_fields if not f.primary_key and f.name not in chained]


@cache
def _append_sql_postgresql() -> str:
    """One statement that locks the chain head, inserts the row with its hash and moves the head.
    The hash is :func:`event_hash` computed by PostgreSQL (``sha256`` of the same UTF-8 text), so
    the verifier in Python checks rows from either path alike."""
    event_table = AuditEvent._meta.db_table
    head_table = AuditChainHead._meta.db_table
    columns = ", ".join(f'"{f.column}"' for f in _stored_fields())
    placeholders = ", ".join(["%s"] * len(_stored_fields()))
    # Only the model's own table and column names are formatted in; the values are parameters.
    return (
        f'WITH head AS (SELECT last_hash FROM "{head_table}" WHERE id = 1 FOR UPDATE), '  # noqa: S608
        f'appended AS (INSERT INTO "{event_table}" ({columns}, previous_hash, hash) '
        f"SELECT {placeholders}, head.last_hash, "
        f"encode(sha256(convert_to(head.last_hash || E'\\n' || %s, 'UTF8')), 'hex') FROM head "
        f"RETURNING id, previous_hash, hash) "
        f'UPDATE "{head_table}" SET last_hash = appended.hash FROM appended WHERE "{head_table}".id = 1 '
        f"RETURNING appended.id, appended.previous_hash, appended.hash"
    )


def _append(event: AuditEvent) -> None:
    """Give the event its place in the chain and store it. The head row's lock serialises
    appends and is held until the surrounding transaction commits, so the fewer round trips
    inside it the better: on PostgreSQL one statement, elsewhere lock, insert, move the head."""
    connection = connections[router.db_for_write(AuditEvent)]
    if connection.vendor == "postgresql":
        values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _stored_fields()]
        with connection.cursor() as cursor:
            cursor.execute(_append_sql_postgresql(), [*values, _canonical_payload(event)])
            event.pk, event.previous_hash, event.hash = cursor.fetchone()
        event._state.adding = False
        event._state.db = connection.alias
        return
    with transaction.atomic(using=connection.alias):
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        event.previous_hash = head.last_hash
        event.hash = event_hash(event, head.last_hash)
        event.save(force_insert=True)
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])


def audit_event_record(
    *,
    context: AuditContext,
    action: AuditAction,
    outcome: AuditOutcome,
    object_type: str,
    object_id: object = "",
    pupil_id: int | None = None,
    swv_id: int | None = None,
    role: RoleAssignment | None = None,
    access_basis: str = "",
    reason: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the hash chain. Inside a transaction it commits with the change it
    describes; for reads and denied attempts it commits on its own, so record those outside any
    transaction (a refusal raised inside one rolls its own row back)."""
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    if role is None and user is not None:
        from dekkend.core.permissions import primary_role

        role = primary_role(user)
    event = AuditEvent(
        occurred_at=timezone.now(),
        action=action,
        outcome=outcome,
        user_id=user.pk if user else None,
        username=user.get_username() if user else "",
        role=role.role if role else "",
        organisation=role.organisation_label if role else "",
        swv_id=swv_id if swv_id is not None else (role.swv_id if role else None),
        on_behalf_of=context.on_behalf_of,
        # An id that does not fit the column (a forged URL) cannot be a pupil: the raw value
        # stays in object_id, so the attempt is still on record.
        pupil_id=pupil_id if pupil_id is None or abs(pupil_id) < 2**63 else None,
        object_type=object_type,
        object_id=str(object_id or ""),
        client_address=context.client_address,
        purpose=context.purpose,
        access_basis=access_basis,
        is_emergency=access_basis == "emergency",
        reason=reason,
        detail={**context.extra, **(detail or {})},
    )
    _append(event)
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    problem: str = ""


def audit_chain_verify(*, chunk_size: int = 2000, using: str = "default") -> ChainReport:
    """Walk the whole log in order and recompute every hash; report the first break.
    ``using`` names another database, such as one a backup was just restored into."""
    previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.using(using).order_by("id").iterator(chunk_size=chunk_size):
        if event.previous_hash != previous:
            return ChainReport(False, checked, event.id, "previous hash does not match (row removed or reordered)")
        if event_hash(event, previous) != event.hash:
            return ChainReport(False, checked, event.id, "content does not match its hash (row changed)")
        previous = event.hash
        checked += 1
    head = AuditChainHead.objects.using(using).get(pk=1).last_hash
    if head != previous:
        return ChainReport(False, checked, None, "the newest rows are missing")
    return ChainReport(True, checked)
