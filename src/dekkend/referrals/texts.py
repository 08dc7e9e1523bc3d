"""Strings defined outside this app that this app's catalogue translates: the descriptions of
the toeleiding actions added to dekkend/core/permissions.py (makemessages run in this app's
folder only reads this app's files, so they are repeated here word for word)."""

from django.utils.translation import gettext_lazy as _

ACTION_DESCRIPTIONS = (
    _("Plan and record the hearing with school and parents after an intended refusal"),
    _("Download the documents of an application"),
    _("See your own reminders (notices) about applications"),
)
