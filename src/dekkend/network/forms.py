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


LEVEL_CHOICES = [
    ("0", _("without TLV category")),
    ("1", _("category 1")),
    ("2", _("category 2")),
    ("3", _("category 3")),
]
SCENARIO_ROWS = 5  # change rows on the scenario form; empty rows are left out


class ScenarioForm(forms.Form):
    """A named what-if: a name, a sector, a note and up to five changes of places at groups."""

    name = forms.CharField(label=_("Name of the scenario"), max_length=120)
    sector = forms.ChoiceField(label=_("Sector"), choices=[(key, SECTOR_LABELS[key]) for key in SECTORS])
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        group_choices = [
            ("", _("Choose a group")),
            *((str(group.pk), f"{group.provision.name} – {group.name}") for group in groups),
        ]
        self.fields["name"].widget.attrs.update(TEXTBOX)
        self.fields["sector"].widget.attrs.update(SELECT)
        self.fields["note"].widget.attrs.update({"class": "utrecht-textarea", "rows": 3})
        for index in range(1, SCENARIO_ROWS + 1):
            group = forms.TypedChoiceField(
                label=_("Change %(n)d: group or arrangement") % {"n": index},
                choices=group_choices,
                coerce=int,
                required=False,
                empty_value=None,
            )
            level = forms.TypedChoiceField(
                label=_("Change %(n)d: funding level") % {"n": index},
                choices=LEVEL_CHOICES,
                coerce=int,
                required=False,
                empty_value=0,
            )
            places = forms.IntegerField(
                label=_("Change %(n)d: places to add (negative: remove)") % {"n": index},
                required=False,
                min_value=-500,
                max_value=500,
            )
            group.widget.attrs.update(SELECT)
            level.widget.attrs.update(SELECT)
            places.widget.attrs.update(TEXTBOX)
            self.fields[f"group_{index}"] = group
            self.fields[f"level_{index}"] = level
            self.fields[f"places_{index}"] = places

    def rows(self):
        """The bound fields per change row, for the template."""
        return [
            (self[f"group_{index}"], self[f"level_{index}"], self[f"places_{index}"])
            for index in range(1, SCENARIO_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        changes = []
        for index in range(1, SCENARIO_ROWS + 1):
            group, places = data.get(f"group_{index}"), data.get(f"places_{index}")
            if group and not places:
                self.add_error(f"places_{index}", _("Give the number of places to add or remove."))
            elif places and not group:
                self.add_error(f"group_{index}", _("Choose the group whose places change."))
            elif group and places:
                changes.append((group, data.get(f"level_{index}") or 0, places))
        if not changes and not self.errors:
            self.add_error("group_1", _("Give at least one change of places."))
        data["changes"] = changes
        return data


class AmountField(forms.DecimalField):
    """An amount in euros as Dutch users type it: a decimal comma (9500,00) or point."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").strip().replace(",", ".")
        return super().to_python(value)


class TariffForm(forms.Form):
    """The SWV's own tariffs per place for one school year, per funding level."""

    school_year = forms.CharField(
        label=_("School year"),
        max_length=9,
        help_text=_("For example 2026-2027: a school year with groups, or the next."),
    )

    def __init__(self, *args, school_years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.school_years = school_years
        self.fields["school_year"].widget.attrs.update(TEXTBOX)
        for value, label in LEVEL_CHOICES:
            amount = AmountField(
                label=_("Tariff per place, %(level)s (€)") % {"level": label},
                required=False,
                max_digits=10,
                decimal_places=2,
            )
            indexed = AmountField(
                label=_("Indexed tariff for the next school year, %(level)s (€, optional)") % {"level": label},
                required=False,
                max_digits=10,
                decimal_places=2,
            )
            amount.widget.attrs.update(TEXTBOX)
            indexed.widget.attrs.update(TEXTBOX)
            self.fields[f"amount_{value}"] = amount
            self.fields[f"indexed_{value}"] = indexed

    def clean_school_year(self):
        from .rules import is_school_year

        value = self.cleaned_data["school_year"].strip()
        if not is_school_year(value):
            raise forms.ValidationError(_("Write the school year as two consecutive years, for example 2026-2027."))
        if value not in self.school_years:
            raise forms.ValidationError(
                _("This school year is not known here. Choose one of: %(years)s.")
                % {"years": ", ".join(self.school_years)}
            )
        return value

    def clean(self):
        data = super().clean()
        amounts = {}
        for value, _label in LEVEL_CHOICES:
            amount, indexed = data.get(f"amount_{value}"), data.get(f"indexed_{value}")
            if amount is not None and amount <= 0:
                self.add_error(f"amount_{value}", _("A tariff is an amount above zero."))
            if indexed is not None and indexed <= 0:
                self.add_error(f"indexed_{value}", _("A tariff is an amount above zero."))
            if indexed is not None and amount is None:
                self.add_error(f"amount_{value}", _("Give the tariff for this school year too."))
            if amount is not None and amount > 0:
                amounts[int(value)] = (amount, indexed if indexed is not None and indexed > 0 else None)
        if not amounts and not self.errors:
            self.add_error("amount_0", _("Give at least one tariff."))
        data["amounts"] = amounts
        return data

    def level_rows(self):
        return [(label, self[f"amount_{value}"], self[f"indexed_{value}"]) for value, label in LEVEL_CHOICES]
