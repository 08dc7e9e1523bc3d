import datetime

from django.core.management.base import BaseCommand, CommandError

from dekkend.audit.services import AuditContext
from dekkend.referrals.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Destroy TLV documents 3 years and decisions 7 years after the grant "
        "(Bijlage XII, Bewaartermijn). --dry-run lists what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this ISO date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="List what would go; change nothing.")

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: not an ISO date: {today}") from error
        report = retention_apply(today=day, dry_run=dry_run, context=AuditContext(purpose="apply_retention command"))
        prefix = "[dry run] " if dry_run else ""
        for item in report.items:
            self.stdout.write(f"{prefix}{item.describe()}")
        for line in report.kept:
            self.stdout.write(line)
        summary = report.summary()
        self.stdout.write(
            f"{'Dry run' if dry_run else 'Done'} for {summary['today']}: "
            f"{summary['documents_destroyed']} dossier(s) without documents, "
            f"{summary['decisions_removed']} decision(s) removed, {summary['kept']} kept."
        )
