from django import forms
from django.utils.translation import gettext_lazy as _

from .parsers import MAX_IMPORT_BYTES


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"))
    swv = forms.ModelChoiceField(queryset=None, label=_("Samenwerkingsverband"), empty_label=None)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or Excel (.xlsx); at most %(max)d MB.")
        % {"max": MAX_IMPORT_BYTES // 2**20},
    )

    def __init__(self, *args, kinds, swvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["swv"].queryset = swvs
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.xlsx"


class ReconciliationForm(forms.Form):
    swv = forms.ModelChoiceField(queryset=None, label=_("Samenwerkingsverband"), empty_label=None, required=False)
    on = forms.DateField(
        label=_("TLVs in force on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Granted TLVs that are in force on this date should be funded by DUO (default: today)."),
    )

    def __init__(self, *args, swvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].queryset = swvs
