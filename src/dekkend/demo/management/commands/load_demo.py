from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dekkend.demo.population import DEFAULT_SEED, DEFAULT_TOTAL
from dekkend.demo.services import DemoRefused, demo_load, demo_present


class Command(BaseCommand):
    help = "Load the demo: public data, a synthetic population and the demo accounts (never in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pupils", type=int, default=DEFAULT_TOTAL, help=f"Total number of pupils (default {DEFAULT_TOTAL})."
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed; the same seed, the same demo."
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the demo is already present.")

    def handle(self, *args, **options):
        if options["if_empty"] and demo_present():
            self.stdout.write(_("The demo is already present; nothing loaded."))
            return
        try:
            report = demo_load(pupils=options["pupils"], seed=options["seed"], progress=self.stdout.write)
        except DemoRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo loaded in %(seconds).1f s: %(pupils)d pupils, %(placements)d placements, "
                    "%(schools)d schools, %(boards)d boards, %(users)d demo accounts."
                )
                % report.__dict__
            )
        )
