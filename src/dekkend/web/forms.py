"""Filter and input forms of the web pages. Forms only validate input; the views pass the
cleaned values to selectors and services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.organisations.models import Provision
from dekkend.pupils.services import EMERGENCY_REASON_MIN_LENGTH

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


def _choices(queryset, empty_label):
    return [("", empty_label), *((str(obj.pk), str(obj)) for obj in queryset)]


class SchoolFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("School name or BRIN."),
        widget=forms.TextInput(attrs={**TEXTBOX, "type": "search"}),
    )
    swv = forms.TypedChoiceField(label=_("Samenwerkingsverband"), required=False, coerce=int, empty_value=None)
    board = forms.TypedChoiceField(label=_("School board"), required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, swvs, boards, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].choices = _choices(swvs, _("All"))
        self.fields["board"].choices = _choices(boards, _("All boards"))
        self.fields["area"].choices = [("", _("All areas")), *((str(a.pk), a.path) for a in areas)]
        for name in ("swv", "board", "area"):
            self.fields[name].widget.attrs.update(SELECT)


class ProvisionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name or target group."),
        widget=forms.TextInput(attrs={**TEXTBOX, "type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Provision.Kind.choices])
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas")), *((str(a.pk), a.path) for a in areas)]
        for name in ("kind", "area"):
            self.fields[name].widget.attrs.update(SELECT)


class PupilSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or pupil number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**TEXTBOX, "type": "search"}),
    )
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = _choices(schools, _("All schools"))
        self.fields["school"].widget.attrs.update(SELECT)


class EmergencyAccessForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}),
        error_messages={"required": _("Fill in a reason.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that this access is reported to the privacy officer"),
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
        error_messages={"required": _("Confirm that you understand this access is reported.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("Why do you need this record now? At least %(n)d characters.") % {
            "n": EMERGENCY_REASON_MIN_LENGTH
        }

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < EMERGENCY_REASON_MIN_LENGTH:
            raise forms.ValidationError(
                _("The reason is too short: describe in at least %(n)d characters why you need this record now.")
                % {"n": EMERGENCY_REASON_MIN_LENGTH}
            )
        return reason


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("User"), required=False, max_length=150, widget=forms.TextInput(attrs=TEXTBOX))
    pupil = forms.IntegerField(
        label=_("Pupil id"), required=False, min_value=1, widget=forms.NumberInput(attrs=TEXTBOX)
    )
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All")), *AuditAction.choices])
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("All")), *AuditOutcome.choices])
    emergency = forms.BooleanField(
        label=_("Only emergency access"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("action", "outcome"):
            self.fields[name].widget.attrs.update(SELECT)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data

    def criteria(self) -> dict:
        """The filters as keyword arguments of ``audit_event_search``."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "username": data.get("username") or "",
            "pupil_id": data.get("pupil"),
            "action": data.get("action") or "",
            "outcome": data.get("outcome") or "",
            "emergency_only": bool(data.get("emergency")),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
