"""Messages about the session that other modules show (kept here so that the accounts
catalogue translates them)."""

from django.utils.translation import gettext_lazy as _

SESSION_EXPIRED = _("Your session has expired. Sign in again to continue.")
