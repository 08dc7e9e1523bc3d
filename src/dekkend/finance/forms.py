"""Input of the finance pages: the what-if on the reserves, a budget line's amount, the vangnet
declaration and its verification, and a board's accountability on its agreement."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AgreementStatus, MovementDirection, Scenario, SupportCategory

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "decimal"}
LIMIT = Decimal("999999999999.99")


class ReservesWhatIfForm(forms.Form):
    baten = forms.DecimalField(
        label=_("Total income (baten) in euros"),
        max_digits=14,
        decimal_places=2,
        max_value=LIMIT,
        localize=True,
        widget=forms.TextInput(attrs=TEXTBOX),
        error_messages={"invalid": _("Enter an amount in euros, for example 19117500 or 19117500,00.")},
    )
    eigen_vermogen = forms.DecimalField(
        label=_("Equity (eigen vermogen) in euros"),
        max_digits=14,
        decimal_places=2,
        min_value=-LIMIT,
        max_value=LIMIT,
        localize=True,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("May be negative."),
        error_messages={"invalid": _("Enter an amount in euros, for example 626205 or -12465,50.")},
    )

    def clean_baten(self) -> Decimal:
        value = self.cleaned_data["baten"]
        if value <= 0:
            raise forms.ValidationError(_("Total income must be more than zero."))
        return value


class BudgetLineForm(forms.Form):
    """The controller's change of one line: the amount in a column (year × scenario)."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a year, for example 2025.")},
    )
    scenario = forms.ChoiceField(
        label=_("Scenario"), choices=Scenario.choices, widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    amount = forms.DecimalField(
        label=_("Amount in euros"),
        max_digits=14,
        decimal_places=2,
        min_value=-LIMIT,
        max_value=LIMIT,
        localize=True,
        widget=forms.TextInput(attrs=TEXTBOX),
        error_messages={"invalid": _("Enter an amount in euros, for example 1318300 or 1318300,50.")},
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )


DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox utrecht-textbox--html-input"})
COUNT_INPUT = forms.NumberInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "min": "0"})


class VangnetDeclarationForm(forms.Form):
    """Step 1 (001:4079-4089): the school's own counts of pupils with a TLV."""

    school = forms.ModelChoiceField(
        label=_("School"), queryset=None, widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    year = forms.IntegerField(
        label=_("Year of the counting period (2 February to 1 June)"),
        min_value=2020,
        max_value=2100,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a year, for example 2025.")},
    )
    tlv_pupils_sep_1 = forms.IntegerField(
        label=_("Pupils with a TLV on 1 September of the year before"), min_value=0, widget=COUNT_INPUT
    )
    tlv_pupils_feb_1 = forms.IntegerField(label=_("Pupils with a TLV on 1 February"), min_value=0, widget=COUNT_INPUT)
    tlv_pupils_jun_1 = forms.IntegerField(label=_("Pupils with a TLV on 1 June"), min_value=0, widget=COUNT_INPUT)
    growth_explanation = forms.CharField(
        label=_("Explanation of the growth"),
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
        help_text=_("Counts include residential pupils, not pupils registered at a JJI or GJI."),
    )

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class VangnetMovementForm(forms.Form):
    """Pupils who came in (new TLV or residential pupil) or left on one day (001:4103-4113)."""

    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    category = forms.ChoiceField(
        label=_("Support category"), choices=(), widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    direction = forms.ChoiceField(
        label=_("Inflow or outflow"),
        choices=MovementDirection.choices,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    pupils = forms.IntegerField(
        label=_("Number of pupils"), min_value=1, max_value=1000, initial=1, widget=COUNT_INPUT
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SupportCategory.choices)
        self.fields["category"].choices = [(category, labels[category]) for category in categories]


class VangnetVerifyForm(forms.Form):
    """The SWV's verification (001:4135-4141)."""

    outcome = forms.ChoiceField(
        label=_("Outcome of the verification"),
        choices=[("approve", _("Approve: the figures match DUO's data")), ("reject", _("Reject, with reasons"))],
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
        help_text=_("Required when you reject the declaration."),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "reject" and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("Give the reasons for rejecting the declaration."))
        return data


class BoardAgreementForm(forms.Form):
    """The board's accountability on its agreement (001:4266-4270)."""

    status = forms.ChoiceField(
        label=_("Status"), choices=AgreementStatus.choices, widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    report = forms.CharField(
        label=_("What the board reported"),
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 4}),
    )
    reported_on = forms.DateField(label=_("Reported on"), required=False, widget=DATE_INPUT)


class VangnetRateForm(forms.Form):
    """One amount of the rates table (the controller)."""

    swv = forms.ModelChoiceField(
        label=_("Samenwerkingsverband"), queryset=None, widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a year, for example 2025.")},
    )
    category = forms.ChoiceField(
        label=_("Support category"),
        choices=SupportCategory.choices,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    amount = forms.DecimalField(
        label=_("Amount per pupil in euros"),
        max_digits=10,
        decimal_places=2,
        max_value=Decimal("99999999.99"),
        localize=True,
        widget=forms.TextInput(attrs=TEXTBOX),
        error_messages={"invalid": _("Enter an amount in euros, for example 11600 or 11600,50.")},
    )

    def __init__(self, *args, swvs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].queryset = swvs
