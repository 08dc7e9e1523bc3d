"""Input forms of the admission pages. Forms only validate input; the views pass the cleaned
values to the services, which check the rules and the order of steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dekkend.web.forms import SELECT, TEXTBOX

from . import rules
from .models import Admission, Objection, TableCase

DATE = forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d")
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


def _text(label, required=True, help_text="", max_length=10000):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


def _check(label, required=False, help_text=""):
    return forms.BooleanField(
        label=label, required=required, help_text=help_text, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )


def _school_choice(label, required=False):
    return forms.TypedChoiceField(label=label, required=required, coerce=int, empty_value=None)


def _confirm(label):
    return forms.BooleanField(
        label=label,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        error_messages={"required": _("Confirm this step: it cannot be undone.")},
    )


class StepForm(forms.Form):
    """Base: select widgets get the NL Design System class."""

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.widget.attrs.update(SELECT)
                if isinstance(field, forms.TypedChoiceField) and schools is not None:
                    field.choices = [("", _("Choose a school")), *((s.pk, s.name) for s in schools)]


class AdmissionFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Open registrations")), ("all", _("All registrations"))],
        widget=forms.Select(attrs=SELECT),
    )


class RegisterForm(StepForm):
    school = _school_choice(_("School of registration"), required=True)
    pupil_number = forms.CharField(
        label=_("Pupil number"),
        max_length=20,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("As on the registration form."),
    )
    birth_date = _date(_("Date of birth"))
    date = _date(_("Received in writing on"), help_text=_("The day the parents' written registration came in."))


class ExtendForm(StepForm):
    weeks = forms.IntegerField(
        label=_("Weeks"),
        min_value=1,
        max_value=rules.MAX_EXTENSION_WEEKS,
        initial=rules.MAX_EXTENSION_WEEKS,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    reason = _text(_("Reason"))
    parents_notified_on = _date(_("Parents told in writing on"))
    date = _date(_("Date of the extension"))


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Admission.Outcome.choices)
    motivation = _text(_("Motivation"), required=False, help_text=_("Required when the pupil is refused."))
    offer_school = _school_choice(_("School that offers a fitting place"))
    offer_note = _text(_("The offer"), required=False)
    planned_start = _date(_("Planned start"), required=False)
    date = _date(_("Date of the decision"))
    confirm = _confirm(_("I have checked the decision; it cannot be undone"))


class PlaceForm(StepForm):
    placement_date = _date(_("First school day"))
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, empty_value=None)
    confirm = _confirm(_("The pupil's school and location change from this date"))

    def __init__(self, *args, locations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(loc.pk, loc.name) for loc in locations]


class HandoverForm(StepForm):
    conversation_on = _date(_("Conversation held on"), required=False)
    parents_present = _check(_("The parents took part"))
    swv_present = _check(_("The samenwerkingsverband took part (on request)"))
    goals = _text(_("Goals and the way back to regular education"), required=False)
    parents_consent_documents = _check(_("The parents consent to sharing the documents"))
    documents_shared_on = _date(_("Documents shared on"), required=False)
    documents = _text(_("Which documents"), required=False, max_length=5000)


class ObjectionForm(StepForm):
    application = forms.IntegerField(
        label=_("TLV dossier number"), min_value=1, max_value=2**63 - 1, widget=forms.NumberInput(attrs=TEXTBOX)
    )
    objector = forms.ChoiceField(label=_("Objector"), choices=Objection.Objector.choices)
    grounds = _text(_("Grounds"))
    decision_sent_on = _date(
        _("Decision letter sent on"), required=False, help_text=_("Empty: the date of the decision.")
    )
    received_on = _date(_("Received on"))
    posted_on = _date(_("Postmark"), required=False, help_text=_("Only for a letter that came in after the term."))
    advisory_committee = _check(_("An advisory committee gives advice (12 weeks)"))


class ObjectionExtendForm(StepForm):
    weeks = forms.IntegerField(
        label=_("Weeks"),
        min_value=1,
        max_value=rules.MAX_HANDLING_EXTENSION_WEEKS,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    reason = _text(_("Reason"))
    date = _date(_("Date"))


class HearingForm(StepForm):
    hearing_on = _date(_("Hearing on"), required=False)
    waived = _check(_("The objector waived the hearing"))
    notes = _text(_("Report of the hearing"), required=False)


class AdviceForm(StepForm):
    advice_outcome = forms.ChoiceField(label=_("The committee advises"), choices=Objection.Outcome.choices)
    advice = _text(_("Advice"))
    date = _date(_("Date of the advice"))


class ObjectionDecideForm(StepForm):
    outcome = forms.ChoiceField(label=_("Decision on the objection"), choices=Objection.Outcome.choices)
    motivation = _text(_("Motivation"))
    late_excused = _check(_("The lateness is excused (AwB art. 6:11)"))
    date = _date(_("Date of the decision"))
    confirm = _confirm(_("I have checked the decision; it cannot be undone"))


class TableCaseForm(StepForm):
    admission = forms.IntegerField(
        label=_("Registration number"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    pupil = forms.IntegerField(
        label=_("Pupil id"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.NumberInput(attrs=TEXTBOX),
        help_text=_("Only when there is no registration."),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=TableCase.Reason.choices)
    boards_disagreed = _check(_("The school boards tried and could not agree"))
    parties = _text(_("Parties at the table"), max_length=5000)
    date = _date(_("Put on the table on"))

    def clean(self):
        data = super().clean()
        if not data.get("admission") and not data.get("pupil"):
            self.add_error("admission", _("Give the registration number or the pupil id."))
        return data


class TableOutcomeForm(StepForm):
    outcome = _text(_("Outcome"))
    outcome_school = _school_choice(_("School agreed on"))
    by_doorzettingsmacht = _check(_("Decided by the manager toeleiding without agreement (doorzettingsmacht)"))
    follow_up = _text(_("Follow-up"), required=False)
    follow_up_on = _date(_("Follow-up on"), required=False)
    date = _date(_("Date of the meeting"))
    confirm = _confirm(_("I have checked the outcome; it closes the case"))
