"""Strings defined outside this app that this app's catalogue translates: the descriptions of
the network actions in dekkend/core/permissions.py (makemessages run in this app's folder only
reads this app's files, so they are repeated here word for word)."""

from django.utils.translation import gettext_lazy as _

ACTION_DESCRIPTIONS = (
    _("View the coverage of the network and its gaps (aggregates), try a what-if"),
    _("View the funding of the network's groups and arrangements"),
    _("Record a pupil's support-need profile (Almeerse Matrix)"),
    _("Save, reopen and delete named what-if scenarios for the coverage of the network"),
    _("Set the funding tariffs per place and school year of the network"),
)
