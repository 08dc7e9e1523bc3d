"""Strings defined outside this app that this app's catalogue translates: the descriptions of
the finance actions and the menu labels (dekkend/core/permissions.py and
dekkend/web/context_processors.py; makemessages run in this app's folder only reads this app's
files, so they are repeated here word for word)."""

from django.utils.translation import gettext_lazy as _

ACTION_DESCRIPTIONS = (
    _("Change the amount of a budget line (controller); every change is kept"),
    _("View vangnet declarations in your scope"),
    _("Prepare and submit your school's vangnet declaration"),
    _("Verify a vangnet declaration: approve or reject it with reasons"),
    _("View arrangement funds per school and the yearly agreements per board"),
    _("Record a board's agreement on arrangement funds and its accountability"),
)
MENU_LABELS = (_("Vangnet declarations"), _("Arrangement funds"))
