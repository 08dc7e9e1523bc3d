"""Backup and restore: one tar.gz holding the database, the uploaded files and a manifest.

Portable on SQLite and PostgreSQL alike: every row of every model is written with Django's
JSON Lines serializer (plain primary keys, no natural keys), one file per model, inside a
single read transaction — REPEATABLE READ on PostgreSQL, a read transaction on SQLite — so
the dump is one consistent snapshot. The uploaded files under MEDIA_ROOT are copied while
that transaction is open. The manifest records the applied migrations, the row count per
model and the SHA-256 of every file in the archive.

Restore goes into an empty, migrated database of the same migration state: it checks every
checksum before writing anything, inserts every row with its original primary key in one
transaction (the audit log's rows too, with their hashes: inserting is the only thing the
append-only triggers allow), restores the audit chain head, and then checks the row counts
and the audit hash chain. Both steps leave one audit row of their own.
"""

import datetime
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import GENESIS_HASH, AuditAction, AuditChainHead, AuditEvent, AuditOutcome
from dekkend.audit.services import AuditContext, audit_chain_verify, audit_event_record

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "database"
MEDIA_DIR = "media"
CHUNK = 2000


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; the audit hashes cover microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup or restore that was refused or did not verify; the message is for the operator."""


@dataclass
class RestoreReport:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    audit_events_checked: int = 0
    created_at: str = ""


def _models():
    """Every concrete model whose rows live in the database, in a stable order."""
    return sorted(
        (m for m in apps.get_models() if m._meta.managed and not m._meta.proxy),
        key=lambda m: m._meta.label_lower,
    )


def _referenced_files(using: str) -> set[str]:
    """The names (relative to MEDIA_ROOT) of every file a row refers to."""
    names = set()
    for model in _models():
        for field_ in model._meta.get_fields():
            if isinstance(field_, models.FileField):
                rows = model._base_manager.using(using).exclude(**{field_.name: ""})
                names.update(v for v in rows.values_list(field_.name, flat=True).iterator(chunk_size=CHUNK) if v)
    return names


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _snapshot(using: str):
    """One consistent read: REPEATABLE READ on PostgreSQL (unless already inside a transaction)."""
    connection = connections[using]
    atomic = transaction.atomic(using=using)
    atomic.__enter__()
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    return atomic


def backup_create(*, path: Path, context: AuditContext, using: str = "default") -> dict:
    """Write the archive to ``path`` (via a temporary file, readable by its owner only) and
    return its manifest."""
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="dekkend-backup-") as work:
        work = Path(work)
        (work / DATA_DIR).mkdir()
        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "migrations": _applied_migrations(using),
            "rows": {},
            "files": {},
        }
        atomic = _snapshot(using)
        try:
            for model in _models():
                name = f"{DATA_DIR}/{model._meta.label_lower}.jsonl"
                queryset = model._base_manager.using(using).order_by("pk")
                with (work / name).open("w", encoding="utf-8") as stream:
                    serializers.serialize(
                        "jsonl", queryset.iterator(chunk_size=CHUNK), stream=stream, cls=ExactJSONEncoder
                    )
                manifest["rows"][model._meta.label_lower] = queryset.count()
            if media_root.is_dir():
                shutil.copytree(media_root, work / MEDIA_DIR, symlinks=False)
            # Rows whose file was already gone: reported, so that restore can tell them from damage.
            manifest["missing_files"] = sorted(
                name for name in _referenced_files(using) if not (work / MEDIA_DIR / name).is_file()
            )
        finally:
            atomic.__exit__(None, None, None)
        for file in sorted(p for p in work.rglob("*") if p.is_file()):
            manifest["files"][file.relative_to(work).as_posix()] = _sha256(file)
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")

        partial = path.with_name(path.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(work / MANIFEST, arcname=MANIFEST)
            for name in manifest["files"]:
                archive.add(work / name, arcname=name)
        os.replace(partial, path)

    audit_event_record(
        context=context,
        action=AuditAction.EXPORT,
        outcome=AuditOutcome.SUCCESS,
        object_type="backup",
        object_id=path.name[:64],
        detail={"sha256": _sha256(path), "rows": sum(manifest["rows"].values()), "files": len(manifest["files"])},
    )
    return manifest


def _extract(path: Path, into: Path) -> dict:
    try:
        with tarfile.open(path, mode="r:gz") as archive:
            archive.extractall(into, filter="data")
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, tarfile.TarError, ValueError) as error:
        raise BackupError(_("The archive cannot be read: %(error)s") % {"error": error}) from error
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(_("This archive has a format this version of Dekkend does not know."))
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(manifest["files"]):
        raise BackupError(_("The archive's files do not match its manifest."))
    for name, expected in manifest["files"].items():
        if _sha256(into / name) != expected:
            raise BackupError(_("Checksum mismatch for %(name)s: the archive is damaged.") % {"name": name})
    return manifest


# Rows that a freshly migrated database already holds; restore replaces them.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission", "audit.auditchainhead"}


def _target_is_empty(using: str, media_root: Path) -> bool:
    for model in _models():
        if model._meta.label_lower in CREATED_BY_MIGRATE:
            continue
        if model._base_manager.using(using).exists():
            return False
    head = AuditChainHead.objects.using(using).filter(pk=1).first()
    if head is not None and head.last_hash != GENESIS_HASH:
        return False
    return not (media_root.is_dir() and any(media_root.iterdir()))


def backup_restore(*, path: Path, context: AuditContext, force: bool = False, using: str = "default") -> RestoreReport:
    """Restore the archive at ``path`` into an empty, migrated database and MEDIA_ROOT."""
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="dekkend-restore-") as work:
        work = Path(work)
        manifest = _extract(Path(path), work)
        if manifest["migrations"] != _applied_migrations(using):
            raise BackupError(
                _(
                    "The database's migrations differ from the archive's. Restore with the Dekkend version "
                    "that made the backup (run migrate first), then upgrade."
                )
            )
        if AuditEvent.objects.using(using).exists():
            raise BackupError(
                _("The database already holds audit events; they can never be removed. Restore into a new database.")
            )
        if not force and not _target_is_empty(using, media_root):
            raise BackupError(_("The database or upload folder is not empty. Use --force to replace its contents."))

        model_by_label = {m._meta.label_lower: m for m in _models()}
        unknown = set(manifest["rows"]) - set(model_by_label)
        if unknown:
            raise BackupError(
                _("The archive holds tables this version does not know: %(names)s")
                % {"names": ", ".join(sorted(unknown))}
            )

        with transaction.atomic(using=using):
            # Empty every table except the append-only audit log (empty already, checked above).
            tables = [
                t
                for t in connection.introspection.django_table_names(only_existing=True)
                if t != AuditEvent._meta.db_table
            ]
            connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=False))
            for label in sorted(manifest["rows"]):
                with (work / DATA_DIR / f"{label}.jsonl").open(encoding="utf-8") as stream:
                    for item in serializers.deserialize("jsonl", stream, using=using):
                        item.save(using=using, force_insert=True)
            sequences = connection.ops.sequence_reset_sql(no_style(), list(model_by_label.values()))
            if sequences:
                with connection.cursor() as cursor:
                    for statement in sequences:
                        cursor.execute(statement)
            connection.check_constraints()

            report = RestoreReport(created_at=manifest["created_at"])
            for label, expected in manifest["rows"].items():
                count = model_by_label[label]._base_manager.using(using).count()
                if count != expected:
                    raise BackupError(
                        _("%(label)s holds %(count)d rows after restore, the archive %(expected)d.")
                        % {"label": label, "count": count, "expected": expected}
                    )
                report.rows[label] = count
            chain = audit_chain_verify(chunk_size=CHUNK, using=using)
            if not chain.ok:
                raise BackupError(
                    _("The restored audit log does not verify (event %(id)s): %(problem)s")
                    % {"id": chain.first_broken_id, "problem": chain.problem}
                )
            report.audit_events_checked = chain.checked

        if (work / MEDIA_DIR).is_dir():
            shutil.copytree(work / MEDIA_DIR, media_root, dirs_exist_ok=True)
        for name, expected in manifest["files"].items():
            if name.startswith(f"{MEDIA_DIR}/"):
                if _sha256(media_root / name.removeprefix(f"{MEDIA_DIR}/")) != expected:
                    raise BackupError(_("Uploaded file %(name)s does not match its checksum.") % {"name": name})
                report.files += 1
        missing = _referenced_files(using) - set(manifest.get("missing_files", []))
        missing = sorted(name for name in missing if not (media_root / name).is_file())
        if missing:
            raise BackupError(
                _("Rows refer to uploaded files that were not restored: %(names)s") % {"names": ", ".join(missing[:5])}
            )

    if using == "default":
        audit_event_record(
            context=context,
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="restore",
            object_id=Path(path).name[:64],
            detail={"backup_created_at": manifest["created_at"], "rows": sum(report.rows.values())},
        )
    return report
