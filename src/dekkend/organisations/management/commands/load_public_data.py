from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dekkend.organisations.services import DEFAULT_PUBLIC_DATA, PublicDataError, public_data_load


def describe_load(report) -> str:
    def fmt(counts: dict[str, int]) -> str:
        return ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "-"

    return _("created: %(created)s; updated: %(updated)s; unchanged: %(unchanged)s") % {
        "created": fmt(report.created),
        "updated": fmt(report.updated),
        "unchanged": fmt(report.unchanged),
    }


class Command(BaseCommand):
    help = "Load the public organisational data (SWVs, areas, provisions) from the seed extract; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PUBLIC_DATA), help="YAML file to load.")

    def handle(self, *args, **options):
        try:
            report = public_data_load(path=options["path"])
        except PublicDataError as error:
            raise CommandError(" ".join(error.messages)) from error
        except FileNotFoundError as error:
            raise CommandError(_("File not found: %(path)s") % {"path": options["path"]}) from error
        self.stdout.write(
            self.style.SUCCESS(_("Public data loaded: %(summary)s") % {"summary": describe_load(report)})
        )
        if report.unresolved_hosts:
            self.stdout.write(
                _("%(n)d provisions are hosted by a school that is not itself a provision (kept as a name only).")
                % {"n": len(report.unresolved_hosts)}
            )
        if options["verbosity"] > 1:
            for line in report.unresolved_hosts:
                self.stdout.write(f"  {line}")
