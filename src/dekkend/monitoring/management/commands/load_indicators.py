from django.core.management.base import BaseCommand

from dekkend.monitoring.services import catalogue_load


class Command(BaseCommand):
    help = "Load the indicator catalogue from dekkend/monitoring/data/indicators.yaml (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{catalogue_load()} indicators loaded")
