"""Strings defined outside this app that this app's catalogue translates: the descriptions of the
import actions in dekkend/core/permissions.py and the menu label in dekkend/web/context_processors.py
(makemessages run in this app's folder only reads this app's files, so they are repeated here
word for word)."""

from django.utils.translation import gettext_lazy as _

ACTION_DESCRIPTIONS = (
    _("View the imports of outside data and their validation reports"),
    _("Import pupil counts per school location and counting date (DUO)"),
    _("Import DUO's funded pupils and reconcile them with the granted TLVs"),
    _("Import the municipality's thuiszitter list into the register"),
)
MENU = (_("Imports"),)
