"""The filter form of the dashboard and the indicator pages. It only validates input; the views
pass the cleaned values to the selectors."""

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import Sector

from .models import Level
from .periods import Period

SELECT = {"class": "utrecht-select utrecht-select--html-select"}
FIRST_YEAR = 2018  # the first year of Bijlage II


def period_choices() -> list[tuple[str, str]]:
    choices = []
    for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1):
        choices.append((str(year), str(year)))
        choices += [(f"{year}-M{months}", f"{year} M{months}") for months in (8, 4)]
    return choices


class QuickSelect(forms.Select):
    """A plain ``<select>`` written in Python: the same HTML as Django's template-rendered
    widget (``test_forms.py``), straight from the choices, without a template or an option dict
    per option (the school list of an SWV has a hundred or more options, and the dashboard is
    timed in bench/cases_monitoring.py). Flat choices only, one selected value."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = self.format_value(value)[0]
        chosen = next((str(choice) for choice, _label in self.choices if str(choice) == wanted), None)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, mark_safe(" selected") if str(choice) == chosen else "", label)
                for choice, label in self.choices
            ),
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class IndicatorFilterForm(forms.Form):
    swv = forms.TypedChoiceField(label=_("Samenwerkingsverband"), required=False, coerce=int, empty_value=None)
    period = forms.ChoiceField(
        label=_("Period"), required=False, help_text=_("A calendar year, or its first 4 or 8 months (M4, M8).")
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    board = forms.TypedChoiceField(label=_("School board"), required=False, coerce=int, empty_value=None)
    district = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, swvs, boards, districts, schools, with_level=False, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].choices = [(str(swv.pk), swv.name) for swv in swvs]
        self.fields["period"].choices = period_choices()
        self.fields["sector"].choices = [("", _("Both sectors")), *Sector.choices]
        self.fields["board"].choices = [("", _("All boards")), *((str(pk), name) for pk, name in boards)]
        self.fields["district"].choices = [("", _("All districts")), *((str(pk), name) for pk, name in districts)]
        self.fields["school"].choices = [("", _("All schools")), *((str(pk), name) for pk, name in schools)]
        if with_level:
            self.fields["level"] = forms.ChoiceField(
                label=_("Level of detail"),
                required=False,
                choices=[(value, label) for value, label in Level.choices if value in levels],
            )
        for field in self.fields.values():
            field.widget = QuickSelect(attrs={**field.widget.attrs, **SELECT}, choices=field.choices)

    def clean_period(self) -> Period | None:
        value = self.cleaned_data.get("period")
        return Period.parse(value) if value else None


TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class NationalFigureForm(forms.Form):
    """A national figure of an indicator in a year, with its source (the service validates again)."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    year = forms.IntegerField(
        label=_("Year"),
        help_text=_("The calendar year of the counting date: the school year 2021-2022 is 2022 (1 February)."),
        widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a year, for example 2025.")},
    )
    value = forms.DecimalField(
        label=_("National share (%)"),
        localize=True,
        widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter a percentage, for example 2,35.")},
    )
    source = forms.CharField(
        label=_("Source"),
        help_text=_("The publisher, the table and its address, for example OCW in cijfers, “Leerlingaantallen”."),
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(entry.code, entry.name) for entry in indicators]
        self.fields["indicator"].widget = QuickSelect(attrs=SELECT, choices=self.fields["indicator"].choices)
