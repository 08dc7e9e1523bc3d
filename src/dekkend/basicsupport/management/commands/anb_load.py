"""Publish the Almeerse Norm Basisondersteuning from its data files (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from dekkend.audit.services import AuditContext
from dekkend.basicsupport.rules import DATA_DIR
from dekkend.basicsupport.services import norm_version_load

NORM_FILES = ("anb-2024.yaml", "anb-2025.yaml")


class Command(BaseCommand):
    help = "Publish the ANB norm versions in basicsupport/data (or one --file); existing versions stay."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="A norm file; default: every version in basicsupport/data.")

    def handle(self, *args, file: Path | None = None, **options):
        for path in [file] if file else [DATA_DIR / name for name in NORM_FILES]:
            version = norm_version_load(path=path, context=AuditContext(purpose="anb_load"))
            self.stdout.write(f"{version} ({version.aspects.count()} aspects and themes)")
