from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import gettext as _

from dekkend.accounts.validators import DEMO_PASSWORD
from dekkend.demo.selectors import demo_login_rows


class Command(BaseCommand):
    help = "Print the demo accounts (username, role, organisation) and the demo password."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="The port the demo server listens on.")

    def handle(self, *args, **options):
        rows = demo_login_rows()
        if not rows:
            self.stdout.write(_("There are no demo accounts in this database (load them with: load_demo)."))
            return
        headers = (_("username"), _("role"), _("organisation"))
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(3)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
        self.stdout.write(line)
        for row in rows:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        self.stdout.write("")
        self.stdout.write(_("Password for every demo account: %(password)s") % {"password": DEMO_PASSWORD})
        self.stdout.write(
            _("Sign in at %(url)s") % {"url": f"http://127.0.0.1:{options['port']}{reverse('accounts:login')}"}
        )
