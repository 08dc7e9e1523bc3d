"""Input forms of the network pages. Forms only validate; views pass the cleaned values on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import AREA_LABELS, AREAS, LEVEL_LABELS, PROVISION_TYPE_LABELS, SECTORS

SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SECTOR_LABELS = {"po": _("primary education (PO)"), "vo": _("secondary education (VO)")}


class MapFilterForm(forms.Form):
    provision_type = forms.ChoiceField(label=_("Target group (kind of provision)"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    free_only = forms.BooleanField(label=_("Only with free places now"), required=False)
    school_year = forms.ChoiceField(label=_("School year"), required=False)

    def __init__(self, *args, school_years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provision_type"].choices = [
            ("", _("All kinds")),
            *((key, label) for key, label in PROVISION_TYPE_LABELS.items() if key != "regulier"),
        ]
        self.fields["sector"].choices = [("", _("PO and VO")), *((key, SECTOR_LABELS[key]) for key in SECTORS)]
        self.fields["school_year"].choices = [(year, year) for year in school_years]
        for name in ("provision_type", "sector", "school_year"):
            self.fields[name].widget.attrs.update(SELECT)


class CoverageForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), choices=[(key, SECTOR_LABELS[key]) for key in SECTORS])


class WhatIfForm(forms.Form):
    """Add (positive) or remove (negative) places at one group; nothing is saved."""

    group = forms.TypedChoiceField(label=_("Group or arrangement"), coerce=int, required=False, empty_value=None)
    places = forms.IntegerField(
        label=_("Places to add (negative: remove)"), required=False, min_value=-500, max_value=500
    )
    level = forms.TypedChoiceField(
        label=_("Funding level of the places"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("without TLV category")),
            ("1", _("category 1")),
            ("2", _("category 2")),
            ("3", _("category 3")),
        ],
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [
            ("", _("Choose a group")),
            *((str(group.pk), f"{group.provision.name} – {group.name}") for group in groups),
        ]
        self.fields["group"].widget.attrs.update(SELECT)
        self.fields["level"].widget.attrs.update(SELECT)
        self.fields["places"].widget.attrs.update(TEXTBOX)

    def clean(self):
        data = super().clean()
        if data.get("group") and data.get("places") in (None, 0):
            self.add_error("places", _("Give the number of places to add or remove."))
        if data.get("places") and not data.get("group"):
            self.add_error("group", _("Choose the group whose places change."))
        return data


class SupportProfileForm(forms.Form):
    """A pupil's support need: intensity 1-6 per area plus the facts the criteria use."""

    group_size = forms.IntegerField(
        label=_("Largest group the pupil can function in"),
        help_text=_("The criteria say: 'can function in a group of at least N pupils'. Leave empty if unknown."),
        required=False,
        min_value=1,
        max_value=40,
    )
    emb = forms.BooleanField(label=_("Severe multiple disabilities (EMB)"), required=False)
    iq = forms.IntegerField(label=_("IQ"), required=False, min_value=0, max_value=200)
    learning_delay_years = forms.DecimalField(
        label=_("Learning delay in years"), required=False, min_value=0, max_digits=3, decimal_places=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(level, f"{level} – {label}") for level, label in LEVEL_LABELS.items()]
        for area in reversed(AREAS):
            field = forms.TypedChoiceField(label=AREA_LABELS[area], choices=choices, coerce=int)
            field.widget.attrs.update(SELECT)
            self.fields = {area: field, **self.fields}
        for name in ("group_size", "iq", "learning_delay_years"):
            self.fields[name].widget.attrs.update(TEXTBOX)

    def levels(self) -> dict[str, int]:
        return {area: self.cleaned_data[area] for area in AREAS}


class FundingForm(forms.Form):
    year = forms.IntegerField(label=_("Calendar year"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(TEXTBOX)
