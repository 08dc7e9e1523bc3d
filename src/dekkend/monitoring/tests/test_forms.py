"""The filter form's selects are written in Python: the same HTML as Django's own widget."""

import re

import pytest
from django import forms
from django.utils.translation import gettext_lazy

from dekkend.monitoring.forms import QuickSelect

CHOICES = [("", gettext_lazy("All schools")), ("7", "De Proef & Zn"), ("12", "<b>Het Anker</b>"), ("70", "Zeven")]


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", "7", 7, "70", "99"])
def test_quick_select_writes_what_django_writes(value):
    attrs = {"class": "utrecht-select", "id": "id_school"}
    ours = QuickSelect(attrs=attrs, choices=CHOICES).render("school", value)
    django = forms.Select(attrs=attrs, choices=CHOICES).render("school", value)
    assert _tags(ours) == _tags(django)
    assert ours.count(" selected") == (value not in ("99",))  # "99" is no option: none is selected
