from django.core.management.base import BaseCommand, CommandError

from dekkend.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and report the first break (exit code 1 if broken)."

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(f"Audit chain broken at event {report.first_broken_id}: {report.problem}")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events checked."))
