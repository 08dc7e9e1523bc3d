"""Periods and counting dates (teldata).

A period is a calendar year (the columns of Bijlage II are calendar years) or the first 4 or
8 months of it, the management periods M4 and M8 of a year report (seeds/004_1b42683098db768b.txt:58).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dekkend.organisations.models import Sector

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(-M(?P<months>4|8|12))?$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def teldatum(sector: str, year: int) -> datetime.date:
    """The counting date of a year: 1 February for primary, 1 October for secondary education."""
    return datetime.date(year, 2, 1) if sector == Sector.PO else datetime.date(year, 10, 1)


@dataclass(frozen=True)
class Period:
    year: int
    months: int = 12

    @classmethod
    def parse(cls, text: str) -> "Period":
        """``2025`` (the calendar year), ``2025-M4`` or ``2025-M8`` (January to April/August)."""
        match = PERIOD_PATTERN.match((text or "").strip())
        if not match or not FIRST_YEAR <= int(match["year"]) <= LAST_YEAR:
            raise ValidationError(
                {"period": _("Give a year (for example 2025) or a management period (2025-M4, 2025-M8).")}
            )
        return cls(int(match["year"]), int(match["months"] or 12))

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, self.months, calendar.monthrange(self.year, self.months)[1])

    @property
    def is_whole_year(self) -> bool:
        return self.months == 12

    @property
    def code(self) -> str:
        return str(self.year) if self.is_whole_year else f"{self.year}-M{self.months}"

    @property
    def label(self) -> str:
        return str(self.year) if self.is_whole_year else f"{self.year} M{self.months}"

    def teldatum(self, sector: str) -> datetime.date:
        """The latest counting date on or before the period's end (for M4 of a year, the VO
        teldatum is 1 October of the year before)."""
        day = teldatum(sector, self.year)
        return day if day <= self.end else teldatum(sector, self.year - 1)

    def previous_year(self) -> "Period":
        return Period(self.year - 1, self.months)
