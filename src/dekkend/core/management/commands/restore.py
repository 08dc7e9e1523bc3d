from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext
from dekkend.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive made by `backup` into an empty, migrated database and verify it."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by `manage backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database or upload folder that is not empty (never the audit log).",
        )

    def handle(self, *args, **options):
        context = AuditContext(purpose="manage restore", extra={"via": "management command"})
        try:
            report = backup_restore(path=Path(options["path"]), context=context, force=options["force"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(created)s (rows: %(rows)d, uploaded files: %(files)d); "
                    "audit chain verified (events: %(events)d)."
                )
                % {
                    "created": report.created_at,
                    "rows": sum(report.rows.values()),
                    "files": report.files,
                    "events": report.audit_events_checked,
                }
            )
        )
