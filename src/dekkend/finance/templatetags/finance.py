"""Amounts as Bijlage VII prints them: whole euros with a dot per thousand ("1.455.410")."""

from decimal import Decimal

from django import template

from dekkend.finance import rules

register = template.Library()


@register.filter
def euro(value) -> str:
    """Whole euros, halves away from zero, thousands with dots; "—" for no amount."""
    if value is None or value == "":
        return "—"
    rounded = rules.round_euro(Decimal(value))
    return f"{rounded:,.0f}".replace(",", ".")


@register.filter
def ratio(value) -> str:
    """Two decimals with a decimal comma ("3,36")."""
    if value is None:
        return "—"
    return f"{rules.round_ratio(Decimal(value)):.2f}".replace(".", ",")


@register.filter
def euro_cents(value) -> str:
    """Euros and cents, Dutch notation ("4.250,00"); "—" for no amount."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value):,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@register.filter
def percent(value) -> str:
    """A share as a percentage with one decimal ("42,5%"); "—" when there is none."""
    if value is None:
        return "—"
    return f"{Decimal(value) * 100:.1f}%".replace(".", ",")
