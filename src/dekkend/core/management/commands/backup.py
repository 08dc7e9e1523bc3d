from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext
from dekkend.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write one archive (tar.gz) with a consistent database dump, the uploaded files and a manifest."

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to write, for example backups/dekkend-2026-11-25.tar.gz.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
        context = AuditContext(purpose="manage backup", extra={"via": "management command"})
        try:
            manifest = backup_create(path=path, context=context)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s (rows: %(rows)d, uploaded files: %(files)d).")
                % {
                    "path": path,
                    "rows": sum(manifest["rows"].values()),
                    "files": sum(1 for name in manifest["files"] if name.startswith("media/")),
                }
            )
        )
