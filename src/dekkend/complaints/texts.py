"""Strings defined outside this app that this app's catalogue translates: the descriptions of the
complaint actions in dekkend/core/permissions.py and the menu label in
dekkend/web/context_processors.py (makemessages run in this app's folder only reads this app's
files, so they are repeated here word for word)."""

from django.utils.translation import gettext_lazy as _

ACTION_DESCRIPTIONS = (
    _("View the complaint register of your samenwerkingsverband"),
    _("Register complaints, follow them up and close them with an outcome"),
)
MENU = (_("Complaints"),)
