"""Input forms of the complaint pages. Forms only validate input; the views pass the cleaned
values to the services, which check the rules (same SWV, dates, outcome)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.web.forms import SELECT, TEXTBOX

from .models import SUMMARY_MAX_LENGTH, Complaint

DATE = forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d")
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _choice(label, choices, required=True, empty=""):
    field = forms.ChoiceField(label=label, required=required, widget=forms.Select(attrs=SELECT))
    field.choices = [("", empty or _("Choose")), *choices]
    return field


def _id_choice(label, required=False):
    return forms.TypedChoiceField(
        label=label, required=required, coerce=int, empty_value=None, widget=forms.Select(attrs=SELECT)
    )


def _years() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year, this_year - 6, -1)]


class ComplaintFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("Open complaints")),
            ("", _("All complaints")),
            *((value, label) for value, label in Complaint.Status.choices),
        ],
        widget=forms.Select(attrs=SELECT),
    )
    procedure = _choice(_("Procedure"), Complaint.Procedure.choices, required=False, empty=_("All procedures"))
    complainant = _choice(_("Complaint from"), Complaint.Complainant.choices, required=False, empty=_("Everyone"))
    year = forms.TypedChoiceField(
        label=_("Received in"), required=False, coerce=int, empty_value=None, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Every year")), *_years()]


class ComplaintForm(forms.Form):
    swv = _id_choice(_("Samenwerkingsverband"), required=True)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    complainant = _choice(_("Complaint from"), Complaint.Complainant.choices)
    procedure = _choice(_("About the procedure"), Complaint.Procedure.choices)
    application = forms.IntegerField(
        label=_("Application number (optional)"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.NumberInput(attrs=TEXTBOX),
        help_text=_("The number of the TLV dossier or application the complaint is about, if any."),
    )
    school = _id_choice(_("School (optional)"))
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_(
            "What is the complaint about, in a few sentences. Do not write health data or diagnoses here, "
            "and no more about the child than needed: the letters themselves stay in the archive."
        ),
    )
    handler = _id_choice(_("Handler"))

    def __init__(self, *args, swvs=(), schools=(), handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].choices = [(swv.pk, swv.name) for swv in swvs]
        if len(swvs) == 1:
            self.fields["swv"].widget = forms.HiddenInput()
            self.fields["swv"].initial = swvs[0].pk
        self.fields["school"].choices = [("", _("No school")), *((s.pk, s.name) for s in schools)]
        self.fields["handler"].choices = [("", _("Nobody yet")), *((u.pk, u.get_full_name()) for u in handlers)]


class HandleForm(forms.Form):
    handler = _id_choice(_("Handler"))
    acknowledged_on = forms.DateField(
        label=_("Receipt acknowledged on"),
        required=False,
        widget=DATE,
        help_text=_("The day the complainant was told the complaint was received."),
    )
    outcome = _choice(
        _("Outcome"), Complaint.Outcome.choices, required=False, empty=_("Not yet: the complaint stays open")
    )
    handled_on = forms.DateField(label=_("Handled on"), required=False, widget=DATE)
    explanation = forms.CharField(
        label=_("Explanation of the outcome"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("No health data."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the outcome: closing the complaint cannot be undone"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", _("Nobody yet")), *((u.pk, u.get_full_name()) for u in handlers)]

    def clean(self):
        data = super().clean()
        if data.get("outcome") and not data.get("confirm"):
            self.add_error("confirm", _("Confirm that the complaint is closed with this outcome."))
        return data
