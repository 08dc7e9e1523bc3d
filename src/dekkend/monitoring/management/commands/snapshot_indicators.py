from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dekkend.audit.services import AuditContext
from dekkend.monitoring.periods import Period
from dekkend.monitoring.services import snapshot_take
from dekkend.organisations.models import Swv


class Command(BaseCommand):
    help = (
        "Store the indicator values of a period per SWV and level (snapshots). Run it yearly after "
        "a year closes (default: last year) and again after a data correction: a new snapshot is "
        "stored only where a figure changed, with the old and new figures and the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2025, 2025-M4 or 2025-M8 (default: last calendar year)")
        parser.add_argument("--swv", action="append", help="SWV code (repeatable; default: every SWV)")
        parser.add_argument("--indicator", action="append", help="indicator code (repeatable; default: all)")
        parser.add_argument("--reason", default="", help="why (for example: corrected placements of school X)")

    def handle(self, *args, **options):
        try:
            period = Period.parse(options["period"]) if options["period"] else Period(timezone.localdate().year - 1)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        swvs = Swv.objects.order_by("code")
        if options["swv"]:
            swvs = swvs.filter(code__in=options["swv"])
            if swvs.count() != len(set(options["swv"])):
                raise CommandError(f"Unknown SWV code among {options['swv']}")
        context = AuditContext(purpose="indicator snapshot")
        for swv in swvs:
            result = snapshot_take(
                swv=swv, period=period, context=context, reason=options["reason"], codes=options["indicator"]
            )
            self.stdout.write(
                f"{swv.code} {period.code}: {len(result.created)} new, {len(result.changed)} changed, "
                f"{result.unchanged} unchanged"
            )
