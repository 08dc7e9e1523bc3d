"""Input of the plan pages: an activity's status with evidence, and its hours and money."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityStatus, Body

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
NUMBER = {**TEXTBOX, "inputmode": "decimal"}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=ActivityStatus.choices, widget=forms.Select(attrs=SELECT)
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Needed for done, not achieved and not feasible: what was delivered, or why not."),
    )


def _amount(label, digits, places, help_text=""):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=digits,
        decimal_places=places,
        min_value=0,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs=NUMBER),
        error_messages={
            "invalid": _("Enter a number, for example 120 or 120,5."),
            "min_value": _("May not be negative."),
        },
    )


class ProgressForm(forms.Form):
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXTBOX))
    hours_planned = _amount(_("Hours planned"), 8, 1)
    hours_spent = _amount(_("Hours spent"), 8, 1)
    budget_planned = _amount(_("Budget planned (euros)"), 12, 2)
    budget_spent = _amount(_("Spent (euros)"), 12, 2)


class CalendarEntryForm(forms.Form):
    document = forms.CharField(label=_("Document"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX))
    body = forms.ChoiceField(label=_("Body"), choices=Body.choices, widget=forms.Select(attrs=SELECT))
    planned_on = forms.DateField(
        label=_("Planned for"),
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 2026-03-15.")},
    )
    discussed_on = forms.DateField(
        label=_("Discussed on"),
        required=False,
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 2026-03-15.")},
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, max_length=300, widget=forms.TextInput(attrs=TEXTBOX)
    )
