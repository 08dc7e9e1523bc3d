"""Strings defined outside this app that this app's catalogue translates: the description of the
monitoring action added with the national figures (dekkend/core/permissions.py; makemessages run
in this app's folder only reads this app's files, so it is repeated here word for word)."""

from django.utils.translation import gettext_lazy as _

ACTION_DESCRIPTIONS = (_("Record the national figures of the indicators (OCW, DUO) with their source"),)
