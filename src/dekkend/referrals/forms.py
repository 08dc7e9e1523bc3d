"""Input forms of the toeleiding pages. Forms only validate the shape of the input; the views
pass the cleaned values to the workflow services, which check the rules and the order of steps
(their Dutch errors are put back on these forms, so nothing typed is lost)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dekkend.network.rules import AREA_LABELS, AREAS

from . import rules
from .models import (
    Advice,
    Application,
    ApplicationType,
    DocumentKind,
    Duration,
    FundingCategory,
    ProvisionType,
    Triage,
)
from .uploads import MAX_UPLOAD_BYTES

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


class StepForm(forms.Form):
    """No ``required`` attribute (the browser would mark an untouched field as wrong before
    anything was sent); ``aria-required`` tells assistive technology instead, and the server
    gives the Dutch message."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-required"] = "true"

    def add_error(self, field, error):
        """Also mark the field invalid for assistive technology and link its error message
        (the ``<id>_error`` element of ``web/_field.html``)."""
        super().add_error(field, error)
        names = error.error_dict.keys() if field is None and hasattr(error, "error_dict") else [field]
        for name in names:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"


def _date_field(label, *, required=False, help_text=None):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, for example 01-03-2025.")},
    )


def _step_date():
    return _date_field(_("Date"), help_text=_("Leave empty for today. Fill in an earlier date to record history."))


def _text(label, *, required=False, rows=4, max_length=20000, help_text=None, required_message=None):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": rows}),
        error_messages={"required": required_message or _("This field is required.")},
    )


class ApplicationForm(StepForm):
    """A school starts an application for one of its own pupils (a draft until submitted)."""

    type = forms.ChoiceField(
        label=_("Kind of application"),
        choices=ApplicationType.choices,
        initial=ApplicationType.TLV,
        widget=forms.Select(attrs=SELECT),
    )
    pupil = forms.TypedChoiceField(
        label=_("Pupil"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Choose the pupil."), "invalid_choice": _("Choose a pupil of your school.")},
    )
    requested_provision_type = forms.ChoiceField(
        label=_("Requested type of provision"),
        required=False,
        choices=[("", _("— not applicable —")), *ProvisionType.choices],
        help_text=_("Required for a TLV or a TLV renewal."),
        widget=forms.Select(attrs=SELECT),
    )
    parent_consent = forms.BooleanField(
        label=_("The parents agree with this application"),
        required=False,
        help_text=_("Needed before you can submit."),
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    parent_view = _text(_("The parents' view (zienswijze)"), max_length=10000, rows=5)
    pupil_view = _text(
        _("The pupil's own view"),
        max_length=10000,
        rows=5,
        help_text=_("Mandatory when the pupil is 16 or older on the day you submit."),
    )
    development_areas = forms.MultipleChoiceField(
        label=_("Development areas of the support need"),
        required=False,
        choices=[(area, AREA_LABELS[area]) for area in AREAS],
        help_text=_("For a TLV: the dossier goes to experts with expertise in these areas (Almeerse Matrix)."),
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )

    # Only for some types (the service checks them when the school submits; rules.type_problems).
    tlv_id = forms.IntegerField(
        label=_("Number of the TLV dossier"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("TLV renewal: the TLV it extends. Overbruggingsbudget: the TLV it bridges."),
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    period_start = _date_field(_("Requested from"), help_text=_("Maatwerkbudget, arrangement or budget."))
    period_end = _date_field(_("Requested until"), help_text=_("A maatwerkbudget lasts at most 3 months."))
    placement_on = _date_field(
        _("Expected placement date"), help_text=_("Overbruggingsbudget: when the pupil can start at the new school.")
    )
    school_support_since = _date_field(
        _("Extra support at school since"), help_text=_("Maatwerkbudget: at least half a year.")
    )
    prevents_tlv = forms.BooleanField(
        label=_("The budget prevents a TLV application"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )
    prevents_absence = forms.BooleanField(
        label=_("The budget prevents the pupil from staying at home (thuiszitten)"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    general_funds_spent = forms.BooleanField(
        label=_("The general arrangement funds are spent"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )
    school_funding_explored = forms.BooleanField(
        label=_("Funding by the school and its board has been explored"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    SPECIFICS = (
        "tlv_id",
        "period_start",
        "period_end",
        "placement_on",
        "school_support_since",
        "prevents_tlv",
        "prevents_absence",
        "general_funds_spent",
        "school_funding_explored",
    )

    def specifics(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.SPECIFICS}

    def __init__(self, *args, pupils, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— choose a pupil —"))]
        for pupil in pupils:
            label = f"{pupil.last_name}, {pupil.first_name} ({pupil.pupil_number})"
            if rules.pupil_view_required(pupil.birth_date, today):
                label += " · " + str(_("16 or older: the pupil's view is mandatory"))
            choices.append((str(pupil.pk), label))
        self.fields["pupil"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("type") in (ApplicationType.TLV, ApplicationType.TLV_VERLENGING) and not data.get(
            "requested_provision_type"
        ):
            self.add_error("requested_provision_type", _("A TLV application needs the requested type."))
        return data


class DocumentForm(StepForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG or an Office document; at most %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20},
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-file-input"}),
        error_messages={"required": _("Choose a file to upload."), "empty": _("The file is empty.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"), choices=DocumentKind.choices, widget=forms.Select(attrs=SELECT)
    )
    document_date = _date_field(
        _("Date of the document"), required=True, help_text=_("The date on the document itself, not today.")
    )
    signed_by_parents = forms.BooleanField(
        label=_("Signed by the parents (for the action part of the OPP)"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_date"].error_messages["required"] = _("Fill in the date of the document.")


class SubmitForm(StepForm):
    date = _step_date()
    confirm = forms.BooleanField(
        label=_("I have checked the dossier. After submitting, it can no longer be changed."),
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        error_messages={"required": _("Confirm that you want to submit the application.")},
    )


class CompletenessForm(StepForm):
    complete = forms.TypedChoiceField(
        label=_("Is the dossier complete?"),
        coerce=lambda value: value == "1",
        choices=[
            ("1", _("Complete: the 6 weeks for the decision start")),
            ("0", _("Incomplete: ask the school for the missing documents (at most 4 weeks)")),
        ],
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose complete or incomplete.")},
    )
    date = _step_date()


class ExpertsForm(StepForm):
    """Two experts for a complete dossier, or one third expert when the two advices differ.
    Only eligible experts are offered (the service checks again)."""

    date = _step_date()

    def __init__(self, *args, first_choices=(), other_choices=(), third: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.third = third
        empty = [("", _("— choose an expert —"))]
        if third:
            self.fields["third"] = forms.TypedChoiceField(
                label=_("Third expert"),
                coerce=int,
                choices=[*empty, *other_choices],
                widget=forms.Select(attrs=SELECT),
            )
        else:
            self.fields["first"] = forms.TypedChoiceField(
                label=_("First expert (orthopedagoog or psycholoog)"),
                coerce=int,
                choices=[*empty, *first_choices],
                widget=forms.Select(attrs=SELECT),
            )
            self.fields["second"] = forms.TypedChoiceField(
                label=_("Second expert"),
                coerce=int,
                choices=[*empty, *other_choices],
                widget=forms.Select(attrs=SELECT),
            )
        for name in ("first", "second", "third"):
            if name in self.fields:
                self.fields[name].error_messages.update(
                    {"required": _("Choose an expert."), "invalid_choice": _("Choose one of the experts offered.")}
                )
        self.order_fields(["first", "second", "third", "date"])

    def clean(self):
        data = super().clean()
        if not self.third and data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose two different experts."))
        return data

    def experts(self) -> list[int]:
        if self.third:
            return [self.cleaned_data["third"]]
        return [self.cleaned_data["first"], self.cleaned_data["second"]]


class ExpertReplaceForm(StepForm):
    """Replace one assigned expert who has not advised; only the experts who may take that place
    are offered (``selectors.replacement_candidates``; ``expert_replace`` checks again)."""

    replacement = forms.TypedChoiceField(
        label=_("Replace by"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Choose an expert."), "invalid_choice": _("Choose one of the experts offered.")},
    )
    reason = _text(
        _("Reason"),
        required=True,
        rows=3,
        max_length=5000,
        help_text=_(
            "For example: ill, a conflict of interest, no advice in time. It is shown on the timeline and kept in "
            "the audit log."
        ),
        required_message=_("Give the reason for the replacement."),
    )
    date = _step_date()

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].choices = [("", _("— choose an expert —")), *choices]


class AdviceForm(StepForm):
    recommendation = forms.ChoiceField(
        label=_("Your advice"),
        choices=[
            (Advice.Recommendation.GRANT, _("Grant the TLV")),
            (Advice.Recommendation.REFUSE, _("Do not grant the TLV")),
        ],
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose your advice.")},
    )
    provision_type = forms.ChoiceField(
        label=_("Type of provision"),
        required=False,
        choices=[("", _("— when granting —")), *ProvisionType.choices],
        widget=forms.Select(attrs=SELECT),
    )
    funding_category = forms.TypedChoiceField(
        label=_("Funding category (so and vso only)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— none —")), *FundingCategory.choices],
        widget=forms.Select(attrs=SELECT),
    )
    duration = forms.ChoiceField(
        label=_("Duration"),
        required=False,
        choices=[("", _("— when granting —")), *Duration.choices],
        widget=forms.Select(attrs=SELECT),
    )
    school_years = forms.TypedChoiceField(
        label=_("School years (activerend: 1 or 2)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— standard —")), ("1", "1"), ("2", "2"), ("4", "4")],
        widget=forms.Select(attrs=SELECT),
    )
    emb = forms.BooleanField(
        label=_("Severe multiple disabilities (EMB): valid for the whole school career"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    triage = forms.ChoiceField(
        label=_("Triage (first expert only)"),
        required=False,
        choices=[("", _("— choose —")), *Triage.choices],
        widget=forms.Select(attrs=SELECT),
    )
    motivation = _text(
        _("Motivation"), required=True, rows=6, required_message=_("Give the motivation of your advice.")
    )
    date = _step_date()

    def __init__(self, *args, first_expert: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not first_expert:
            del self.fields["triage"]


class DevelopmentAreasForm(StepForm):
    """Correct the development areas of an application (the service checks that the experts
    already assigned still cover every area)."""

    development_areas = forms.MultipleChoiceField(
        label=_("Development areas of the support need"),
        required=False,
        choices=[(area, AREA_LABELS[area]) for area in AREAS],
        help_text=_("Tick every area that applies. The experts already assigned must know about each area."),
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    date = _step_date()


class ExtendForm(StepForm):
    weeks = forms.TypedChoiceField(
        label=_("Extend by"),
        coerce=int,
        choices=[(str(n), str(n)) for n in range(1, rules.MAX_EXTENSION_WEEKS + 1)],
        widget=forms.Select(attrs=SELECT),
        help_text=_("At most 4 weeks, and only once. The school is told the new date."),
    )
    reason = _text(
        _("Reason"), required=True, rows=3, max_length=5000, required_message=_("Give the reason for the extension.")
    )
    date = _step_date()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weeks"].choices = [
            (str(n), ngettext("%(n)d week", "%(n)d weeks", n) % {"n": n})
            for n in range(1, rules.MAX_EXTENSION_WEEKS + 1)
        ]


class CoordinatorReviewForm(StepForm):
    suitable = forms.TypedChoiceField(
        label=_("Does the arrangement suit the pupil?"),
        coerce=lambda value: value == "1",
        choices=[("1", _("Yes, it suits")), ("0", _("No, it does not suit"))],
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose yes or no.")},
    )
    note = _text(
        _("Assessment of the coordinator"),
        required=True,
        rows=4,
        required_message=_("Write down the coordinator's assessment."),
    )
    date = _step_date()


class BudgetDecisionForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("granted", _("Grant")), ("refused", _("Refuse"))],
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose a decision.")},
    )
    motivation = _text(
        _("Motivation"), required=True, rows=5, required_message=_("Give the motivation of the decision.")
    )
    valid_from = _date_field(_("Valid from"), help_text=_("Empty: the requested start, or the date of the decision."))
    valid_until = _date_field(_("Valid until"), help_text=_("Empty: the requested end."))
    date = _step_date()


class FollowUpForm(StepForm):
    renew = forms.BooleanField(
        label=_("Renew the arrangement for one more year"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    note = _text(_("Note"), rows=3, max_length=500)
    date = _step_date()

    def __init__(self, *args, arrangement: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not arrangement:
            del self.fields["renew"]


DECISION_CHOICES = {
    Application.Status.IN_ASSESSMENT: [
        ("granted", _("Grant the TLV (following the experts' advice)")),
        ("refusal_intended", _("Intend to refuse (first a conversation with school and parents)")),
    ],
    Application.Status.REFUSAL_INTENDED: [
        ("refused", _("Refuse finally (after the conversation)")),
        ("granted", _("Grant after all (after the conversation)")),
    ],
}


class DecisionForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose a decision.")},
    )
    motivation = _text(
        _("Motivation"), required=True, rows=6, required_message=_("Give the motivation of the decision.")
    )
    date = _step_date()

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = DECISION_CHOICES.get(status, [])

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


class HearingPlanForm(StepForm):
    hearing_on = _date_field(
        _("Date of the conversation with school and parents"),
        required=True,
        help_text=_("The invitation to the conversation (hoorgesprek) after the intended refusal."),
    )


class HearingReportForm(StepForm):
    held = forms.TypedChoiceField(
        label=_("The conversation"),
        choices=[("1", _("took place")), ("0", _("did not take place: the parents declined"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Choose whether the conversation took place.")},
    )
    attendees = _text(_("Who attended"), max_length=2000, rows=2)
    outcome = _text(_("What came out of the conversation"), max_length=20000, rows=5)
    date = _step_date()

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


def expert_choices(application) -> tuple[list, list]:
    """The experts that may be offered for ``application``: (first-expert choices, other
    choices) as (user id, label), those with expertise in the application's development areas
    first (``selectors.expert_candidates``). ``experts_assign`` checks all of this again."""
    from .selectors import expert_candidates

    first, other = [], []
    for candidate in expert_candidates(application=application):
        choice = _expert_choice(application, candidate)
        other.append(choice)
        if candidate.may_be_first:
            first.append(choice)
    return first, other


def replacement_choices(application, assignment) -> list:
    """The experts who may take the place of ``assignment``'s expert, as (user id, label)."""
    from .selectors import replacement_candidates

    candidates = replacement_candidates(application=application, assignment=assignment)
    return [_expert_choice(application, candidate) for candidate in candidates]


def _expert_choice(application, candidate) -> tuple[str, str]:
    """(user id, label): the name, the discipline and the expertise in the application's areas."""
    profile = candidate.profile
    label = f"{profile.user.get_full_name() or profile.user.get_username()} ({profile.get_discipline_display()})"
    if application.development_areas:
        if candidate.matches:
            label += " — " + _("expertise: %(areas)s") % {"areas": rules._area_names(candidate.matches)}
        else:
            label += " — " + _("no expertise in these areas")
    return str(profile.user_id), label
