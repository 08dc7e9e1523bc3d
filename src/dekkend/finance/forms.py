"""Input of the finance pages: the what-if on the reserves."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

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
