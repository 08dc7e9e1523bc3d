"""The audit log, in the spirit of NEN 7513: who did what with which pupil's data, when, from
where, on what basis and for what purpose — successful and denied attempts alike.

Rows are append-only (database triggers refuse UPDATE, DELETE and TRUNCATE) and hash-chained:
each row's hash covers its own content and the previous row's hash, so any later change or
removal breaks the chain, which :func:`dekkend.audit.services.audit_chain_verify` detects.
User and pupil are stored as plain ids and names, not foreign keys, so that deleting a user or
purging a pupil never touches the log.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditAction(models.TextChoices):
    CREATE = "create", _("create")
    READ = "read", _("read")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    SEARCH = "search", _("search")
    EXPORT = "export", _("export")


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("success")
    DENIED = "denied", _("denied")
    ERROR = "error", _("error")


class AuditEvent(models.Model):
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AuditOutcome.choices)
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    username = models.CharField(_("user"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=30, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    swv_id = models.BigIntegerField(_("samenwerkingsverband id"), null=True, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    pupil_id = models.BigIntegerField(_("pupil id"), null=True, blank=True)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=100, blank=True)
    access_basis = models.CharField(_("access basis"), max_length=20, blank=True)
    is_emergency = models.BooleanField(_("emergency access"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["pupil_id", "-id"], name="audit_pupil_idx"),
            models.Index(fields=["user_id", "-id"], name="audit_user_idx"),
            models.Index(fields=["swv_id", "-id"], name="audit_swv_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.object_type}"


class AuditChainHead(models.Model):
    """A single row holding the hash of the newest event; locking it serialises appends."""

    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return self.last_hash
