"""The decision letter to school and parents (granted, refusal intended, refused), as HTML for
the preview and as PDF: for a TLV, and for a maatwerkbudget, an onderwijsarrangement, an
overbruggingsbudget or action-oriented support (granted or refused), each with its own terms.
Written at language level B1: short sentences, TLV and bezwaar
explained in plain words.

The letter holds no health data: only the pupil's name and date of birth, the school, the
kind of provision, the funding category, the duration and the validity. The motivation of the
decision stays in the dossier (it may describe the pupil's health); the letter says how to get
it. Always rendered in Dutch, whatever the reader's browser language.
"""

import datetime

from django.utils import translation

from dekkend.core.pdf import render_pdf

from .models import TLV_TYPES, Application, ApplicationType, Duration

Status = Application.Status
LETTER_STATUSES = frozenset({Status.GRANTED, Status.REFUSAL_INTENDED, Status.REFUSED})
# Awb art. 6:7 -- "De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken."
# Awb art. 6:8 -- the term starts the day after the decision is made known; we take the date of
# the decision as the day the letter is sent, so the last day is the same weekday 6 weeks later.
OBJECTION_PERIOD = datetime.timedelta(weeks=6)
LETTER_LANGUAGE = "nl"
BUDGET_TYPES = frozenset(
    {
        ApplicationType.HANDELINGSGERICHTE_ONDERSTEUNING,
        ApplicationType.MAATWERKBUDGET,
        ApplicationType.ONDERWIJSARRANGEMENT,
        ApplicationType.OVERBRUGGINGSBUDGET,
    }
)
BUDGET_LETTER_STATUSES = frozenset({Status.GRANTED, Status.REFUSED})
# The reference on the letter and in its file name (no pupil name in either).
REFERENCE_PREFIX = {
    ApplicationType.TLV: "TLV",
    ApplicationType.TLV_VERLENGING: "TLV",
    ApplicationType.MAATWERKBUDGET: "MWB",
    ApplicationType.ONDERWIJSARRANGEMENT: "OA",
    ApplicationType.OVERBRUGGINGSBUDGET: "OBB",
    ApplicationType.HANDELINGSGERICHTE_ONDERSTEUNING: "HGO",
}


def letter_available(application: Application) -> bool:
    """A TLV letter exists once there is a decision: granted, refusal intended or refused; a
    letter about a budget, an arrangement or action-oriented support once it is granted or
    refused."""
    if application.type in BUDGET_TYPES:
        return application.status in BUDGET_LETTER_STATUSES
    return application.type in TLV_TYPES and application.status in LETTER_STATUSES


def objection_deadline(decided_on: datetime.date) -> datetime.date:
    """The last day to object (bezwaar) under the Awb: 6 weeks after the letter's date."""
    return decided_on + OBJECTION_PERIOD


def letter_context(application: Application) -> dict:
    """What the letter shows. ``ValueError`` when the dossier has no decision yet."""
    if not letter_available(application):
        raise ValueError(f"application {application.pk} has no decision yet")
    pupil = application.pupil
    granted = application.status == Status.GRANTED
    final = application.status in (Status.GRANTED, Status.REFUSED)
    return {
        "application": application,
        "reference": f"{REFERENCE_PREFIX.get(application.type, 'TLV')}-{application.pk}",
        "budget": application.type in BUDGET_TYPES,
        "kind": application.type,
        "kind_label": application.get_type_display(),
        "swv": application.swv,
        "school": application.school,
        "pupil_name": pupil.full_name,
        "pupil_first_name": pupil.first_name,
        "pupil_birth_date": pupil.birth_date,
        "letter_date": application.decided_on,
        "submitted_on": application.submitted_on,
        "granted": granted,
        "refusal_intended": application.status == Status.REFUSAL_INTENDED,
        "refused": application.status == Status.REFUSED,
        "final": final,
        "hearing_on": application.hearing_held_on if application.status == Status.REFUSED else None,
        "provision_type": application.get_provision_type_display() if granted else "",
        "provision_code": application.provision_type if granted else "",
        "funding_category": application.get_funding_category_display()
        if granted and application.funding_category
        else "",
        "duration": application.get_duration_display() if granted else "",
        "long_term": application.duration == Duration.LANGDURIG,
        "valid_from": application.valid_from if granted else None,
        "valid_until": application.valid_until if granted else None,
        "whole_career": granted and application.valid_until is None,
        "objection_deadline": objection_deadline(application.decided_on) if final else None,
        "follow_up_on": application.follow_up_on if granted else None,
    }


def letter_filename(application: Application) -> str:
    # No name in the file name: it ends up in download folders and mail attachments.
    if application.type in BUDGET_TYPES:
        return f"besluit-{application.type.replace('_', '-')}-{application.pk}.pdf"
    return f"tlv-besluit-{application.pk}.pdf"


def letter_pdf(application: Application) -> bytes:
    """The letter as PDF (A4, page numbers), in Dutch."""
    with translation.override(LETTER_LANGUAGE):
        return render_pdf("referrals/letter.html", letter_context(application))
