from django.conf import settings
from django.core.management.base import BaseCommand

from dekkend.conf import REGISTRY


class Command(BaseCommand):
    help = "Print every environment variable Dekkend reads, with its default and purpose (Markdown)."

    def handle(self, *args, **options):
        self.stdout.write("| variable | default | purpose |\n|---|---|---|")
        for var in sorted(REGISTRY.values(), key=lambda v: v.name):
            default = "" if var.default is None else f"`{var.default.replace(str(settings.BASE_DIR), '.')}`"
            if var.name == "SECRET_KEY":
                default = "(development only)"
            self.stdout.write(f"| `{var.name}` | {default} | {var.help} |")
