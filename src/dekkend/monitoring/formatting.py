"""How a figure is shown: Dutch number format, the unit, and "<5" for a suppressed cell (the
same text on the pages, in the CSV export, the PDF report and the API)."""

from django.utils.translation import gettext as _

from .models import Unit
from .suppression import SUPPRESSED_TEXT


def number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return text


def value_display(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == Unit.PERCENT:
        return f"{number(value, 2)}%"
    if unit == Unit.DAYS:
        return _("%(days)s days") % {"days": number(value, 1)}
    if unit in (Unit.PER_100, Unit.PER_1000):
        return number(value, 2)
    return number(value, 0)


def cell_display(cell, unit: str) -> str:
    return SUPPRESSED_TEXT if cell.suppressed else value_display(cell.value, unit)


def cell_count_display(cell) -> str:
    if cell.suppressed:
        return SUPPRESSED_TEXT
    return "–" if cell.numerator is None else number(cell.numerator, 0)
