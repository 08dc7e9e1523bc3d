"""The rules an imported row must meet, one function per rule with its source.

Sources: the Almere ondersteuningsplan (``seeds/001_28cb0100de53310c.txt``) for the counting
dates and the funding categories; ``/work/shared/MEASURES.md`` for the reconciliation of granted
TLVs with DUO's funded pupils by decision number. What is ours and not the source's is said so
(and listed in ``docs/imports.md``).
"""

import datetime
import re

from dekkend.referrals.models import FUNDED_BY_CATEGORY

# Ours: a count above this for one school location is a typing error, not a school (the largest
# Dutch school locations have about 3,000 pupils).
MAX_PUPILS_PER_LOCATION = 5000

# Ours: imports with more rows than this are stored by a background task; smaller ones at once.
BACKGROUND_THRESHOLD = 2000

# The counting dates (teldata): seeds/001_28cb0100de53310c.txt:3899 ("op basis van de 1 februari
# telling (PO) en de 1 oktober en 1 februari telling") and :3998 ("de teldata 1 februari (vso) en
# 1 oktober (lwoo en pro)").
COUNTING_DAYS = ((2, 1), (10, 1))


def is_counting_date(day: datetime.date) -> bool:
    """A pupil count is taken on 1 February or 1 October (seeds/001_28cb0100de53310c.txt:3899, :3998)."""
    return (day.month, day.day) in COUNTING_DAYS


def last_counting_date(on: datetime.date) -> datetime.date:
    """The latest counting date on or before ``on``: 1 October or 1 February
    (seeds/001_28cb0100de53310c.txt:3899, :3998)."""
    days = [datetime.date(year, month, day) for year in (on.year - 1, on.year) for month, day in COUNTING_DAYS]
    return max(day for day in days if day <= on)


def is_plausible_count(pupils: int) -> bool:
    """A count is a whole number from 0 up to ``MAX_PUPILS_PER_LOCATION`` (ours)."""
    return 0 <= pupils <= MAX_PUPILS_PER_LOCATION


def needs_funding_category(provision_type: str) -> bool:
    """A TLV for so or vso carries a bekostigingscategorie 1 (laag), 2 (midden) or 3 (hoog); one
    for sbo or pro does not (seeds/001_28cb0100de53310c.txt:6855-6857, :6880, :6927; the same rule
    as ``dekkend.referrals.rules.advice_terms_problem``)."""
    return provision_type in FUNDED_BY_CATEGORY


# The decision number of a TLV is the reference on its decision letter ("TLV-<number>", see
# dekkend.referrals.letters); DUO's list carries the number the SWV reported.
DECISION_NUMBER = re.compile(r"^\s*TLV\s*-?\s*(\d{1,18})\s*$", re.IGNORECASE)


def decision_number(application_id: int) -> str:
    """The decision number of a granted TLV, as printed on the letter (``TLV-<id>``)."""
    return f"TLV-{application_id}"


def application_id_from(decision: str) -> int | None:
    """The TLV a decision number refers to; None when it is not one of ours (MEASURES.md:
    "the SWV's granted TLVs compared with DUO's funded pupils by decision number")."""
    match = DECISION_NUMBER.match(decision or "")
    return int(match.group(1)) if match else None


def normal_decision_number(decision: str) -> str:
    """One spelling per number, so that "tlv 12" and "TLV-12" are the same decision."""
    application_id = application_id_from(decision)
    return decision_number(application_id) if application_id is not None else decision.strip().upper()


def in_force(valid_from: datetime.date | None, valid_until: datetime.date | None, on: datetime.date) -> bool:
    """A TLV is in force from its first to its last day (ours: without an end date, from its start)."""
    if valid_from is None or valid_from > on:
        return False
    return valid_until is None or on <= valid_until


def thuiszitter_match_key(pupil_number: str, birth_date: datetime.date) -> tuple[str, datetime.date]:
    """A row of the municipality's list is the pupil with this pupil number and date of birth in
    the SWV (the brief of issue 6: both must match, so a typing error never hits another child)."""
    return (pupil_number.strip(), birth_date)
