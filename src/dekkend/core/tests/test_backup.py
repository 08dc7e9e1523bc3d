"""Backup and restore: a round trip keeps every row, every uploaded file and the audit chain."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.audit.models import AuditAction, AuditChainHead, AuditEvent, AuditOutcome
from dekkend.audit.services import AuditContext, audit_chain_verify, audit_event_record
from dekkend.core.backup import BackupError, backup_create, backup_restore
from dekkend.pupils.models import Pupil
from dekkend.pupils.tests.factories import PlacementFactory
from dekkend.referrals.models import ApplicationDocument
from dekkend.referrals.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

TARGET = "restore_target"
CONTEXT = AuditContext(purpose="test")


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    (settings.MEDIA_ROOT / "reports").mkdir(parents=True)
    (settings.MEDIA_ROOT / "reports" / "onderzoek.pdf").write_bytes(b"%PDF-1.7 synthetic report \x00\x01")
    return settings.MEDIA_ROOT


@pytest.fixture
def population(uploads):
    placements = PlacementFactory.create_batch(3)
    DocumentFactory()  # a row with its uploaded file under MEDIA_ROOT
    user = user_with_role(Role.SECRETARIAT, swv=placements[0].pupil.swv)
    for placement in placements:
        audit_event_record(
            context=AuditContext(user=user, purpose="test"),
            action=AuditAction.READ,
            outcome=AuditOutcome.SUCCESS,
            object_type="pupil",
            object_id=placement.pupil_id,
            pupil_id=placement.pupil_id,
        )
    return placements


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty and migrated SQLite database, as an operator would restore into."""
    connections.settings[TARGET] = connections.configure_settings(
        {
            "default": connections.settings["default"],
            TARGET: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")},
        }
    )[TARGET]
    # Connect directly: the test case only lets "default" connect on demand.
    connections[TARGET].connect()
    call_command("migrate", database=TARGET, verbosity=0)
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    del connections.settings[TARGET]


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rewrite(archive, into, name, edit, *, fix_manifest=False):
    """Copy the archive with ``edit`` applied to member ``name``; optionally with a matching manifest."""
    with tarfile.open(archive) as source:
        members = {member.name: source.extractfile(member).read() for member in source.getmembers()}
    members[name] = edit(members[name])
    if fix_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["files"][name] = hashlib.sha256(members[name]).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(into, "w:gz") as target:
        for member_name, data in members.items():
            info = tarfile.TarInfo(member_name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return into


class TestRoundTrip:
    def test_counts_files_and_audit_chain_survive(self, population, uploads, empty_database, tmp_path, settings):
        archive = tmp_path / "backup.tar.gz"
        manifest = backup_create(path=archive, context=CONTEXT)
        assert manifest["rows"]["pupils.pupil"] == Pupil.objects.count() == 4  # three placed, one applied for
        assert manifest["rows"]["audit.auditevent"] == AuditEvent.objects.count() - 1  # the backup's own row
        assert manifest["files"]["media/reports/onderzoek.pdf"] == sha256(uploads / "reports" / "onderzoek.pdf")

        settings.MEDIA_ROOT = tmp_path / "restored-uploads"
        report = backup_restore(path=archive, context=CONTEXT, using=empty_database)

        assert report.rows == manifest["rows"]
        document = ApplicationDocument.objects.get()
        assert report.files == 2
        assert manifest["missing_files"] == []
        assert (settings.MEDIA_ROOT / document.file.name).read_bytes() == (uploads / document.file.name).read_bytes()
        assert sha256(settings.MEDIA_ROOT / "reports" / "onderzoek.pdf") == sha256(
            uploads / "reports" / "onderzoek.pdf"
        )
        restored = list(Pupil.objects.using(TARGET).order_by("pk").values())
        original = list(Pupil.objects.order_by("pk").values())
        assert restored == original
        events = list(AuditEvent.objects.using(TARGET).order_by("id").values_list("id", "hash"))
        assert events == list(AuditEvent.objects.order_by("id").values_list("id", "hash"))[: len(events)]
        assert report.audit_events_checked == manifest["rows"]["audit.auditevent"]
        assert AuditChainHead.objects.using(TARGET).get(pk=1).last_hash == events[-1][1]
        assert audit_chain_verify(using=TARGET).ok

    def test_the_archive_is_readable_by_its_owner_only(self, population, uploads, tmp_path):
        archive = tmp_path / "backup.tar.gz"
        backup_create(path=archive, context=CONTEXT)
        assert archive.stat().st_mode & 0o777 == 0o600
        assert not (tmp_path / "backup.tar.gz.partial").exists()

    def test_a_backup_is_itself_in_the_audit_log(self, population, uploads, tmp_path):
        backup_create(path=tmp_path / "backup.tar.gz", context=CONTEXT)
        event = AuditEvent.objects.order_by("-id").first()
        assert (event.action, event.object_type, event.object_id) == ("export", "backup", "backup.tar.gz")
        assert audit_chain_verify().ok

    def test_a_row_whose_file_was_already_gone_is_listed(self, population, uploads, tmp_path):
        document = ApplicationDocument.objects.get()
        (uploads / document.file.name).unlink()
        manifest = backup_create(path=tmp_path / "backup.tar.gz", context=CONTEXT)
        assert manifest["missing_files"] == [document.file.name]


class TestRestoreRefuses:
    def test_a_database_that_already_holds_data(self, population, uploads, tmp_path):
        archive = tmp_path / "backup.tar.gz"
        backup_create(path=archive, context=CONTEXT)
        with pytest.raises(BackupError, match="auditgebeurtenissen"):
            backup_restore(path=archive, context=CONTEXT, force=True)

    def test_a_damaged_archive_before_writing_anything(self, population, uploads, tmp_path):
        archive = tmp_path / "backup.tar.gz"
        backup_create(path=archive, context=CONTEXT)
        tampered = rewrite(
            archive,
            tmp_path / "tampered.tar.gz",
            "database/pupils.pupil.jsonl",
            lambda data: data.replace(b"Proefleerling", b"Andereleerling"),
        )
        events_before = AuditEvent.objects.count()
        with pytest.raises(BackupError, match="controlesom"):
            backup_restore(path=tampered, context=CONTEXT)
        assert AuditEvent.objects.count() == events_before

    def test_a_doctored_audit_log_even_with_matching_checksums(
        self, population, uploads, empty_database, tmp_path, settings
    ):
        archive = tmp_path / "backup.tar.gz"
        backup_create(path=archive, context=CONTEXT)
        settings.MEDIA_ROOT = tmp_path / "restored-uploads"
        doctored = rewrite(
            archive,
            tmp_path / "doctored.tar.gz",
            "database/audit.auditevent.jsonl",
            lambda data: data.replace(b'"purpose": "test"', b'"purpose": "other"', 1),
            fix_manifest=True,
        )
        with pytest.raises(BackupError, match="auditlog klopt niet"):
            backup_restore(path=doctored, context=CONTEXT, using=empty_database)
        assert not Pupil.objects.using(TARGET).exists()
        assert not AuditEvent.objects.using(TARGET).exists()
        assert not settings.MEDIA_ROOT.exists()

    def test_a_file_that_is_not_an_archive(self, tmp_path):
        bogus = tmp_path / "backup.tar.gz"
        bogus.write_text("no archive")
        with pytest.raises(BackupError, match="kan niet worden gelezen"):
            backup_restore(path=bogus, context=CONTEXT)


class TestCommands:
    def test_backup_refuses_a_missing_folder(self, tmp_path):
        with pytest.raises(CommandError, match="bestaat niet"):
            call_command("backup", str(tmp_path / "missing" / "backup.tar.gz"))
