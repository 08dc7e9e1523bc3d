"""Texts of this domain that live in shared files (the action descriptions in
dekkend/core/permissions.py, the menu item in dekkend/web/context_processors.py), listed here so
that this app's catalogue carries their Dutch translation."""

from django.utils.translation import gettext_noop

SHARED_TEXTS = (
    gettext_noop("View zelfscan rounds, progress and the results in your scope"),
    gettext_noop("Open and close a zelfscan round of the samenwerkingsverband"),
    gettext_noop("Fill in your school's zelfscan"),
    gettext_noop("Release your schools' zelfscan results to the samenwerkingsverband"),
    gettext_noop("Zelfscan"),
)
