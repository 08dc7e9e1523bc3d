"""Writing to and checking the audit log."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
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


def event_hash(event: AuditEvent, previous_hash: str) -> str:
    """SHA-256 over the previous hash and the row's canonical JSON."""
    content = {name: _canonical_value(getattr(event, name)) for name in HASHED_FIELDS}
    payload = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous_hash}\n{payload}".encode()).hexdigest()


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
    """Append one event to the hash chain. Runs in its own (nested) transaction so that it
    commits with the change it describes, or on its own for reads and denied attempts."""
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
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        event.previous_hash = head.last_hash
        event.hash = event_hash(event, head.last_hash)
        event.save(force_insert=True)
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
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
