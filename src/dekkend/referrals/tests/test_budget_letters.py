"""The decision letter for a maatwerkbudget, an onderwijsarrangement, an overbruggingsbudget and
action-oriented support: B1 Dutch (the steunpunt's Flesch-Douma check), its own terms per type,
no motivation (it may hold health data), and only once decided."""

import datetime

import pytest
from django.urls import reverse

from dekkend.core.tests.pdf import pdf_text
from dekkend.referrals import letters
from dekkend.referrals.models import Application, ApplicationType
from dekkend.steunpunt.readability import flesch_douma

from .factories import ApplicationFactory

D = datetime.date
Status = Application.Status
HEALTH_NOTE = "Diagnose autisme (synthetisch)"

# type -> (reference prefix, a sentence only that type's letter has)
TERMS = {
    ApplicationType.MAATWERKBUDGET: ("MWB", "hooguit 3 maanden"),
    ApplicationType.ONDERWIJSARRANGEMENT: ("OA", "Drie maanden voor het eind"),
    ApplicationType.OVERBRUGGINGSBUDGET: ("OBB", "niet thuis te zitten"),
    ApplicationType.HANDELINGSGERICHTE_ONDERSTEUNING: ("HGO", "Een consulent geeft advies"),
}


def decided(tlv, type, status=Status.GRANTED):
    granted = status == Status.GRANTED
    return ApplicationFactory(
        pupil=tlv["pupil"],
        type=type,
        requested_provision_type="",
        status=status,
        submitted_on=D(2025, 2, 10),
        complete_on=D(2025, 2, 17),
        decided_on=D(2025, 3, 3),
        outcome="granted" if granted else "refused",
        motivation=HEALTH_NOTE,
        valid_from=D(2025, 3, 3) if granted else None,
        valid_until=D(2025, 5, 31) if granted else None,
        follow_up_on=D(2025, 5, 31) if granted else None,
    )


def text_of(application) -> str:
    return " ".join(pdf_text(letters.letter_pdf(application)).split())


@pytest.mark.parametrize("type", list(TERMS))
def test_granted_letter_has_its_own_terms_dates_and_reads_at_b1(tlv, type):
    application = decided(tlv, type)
    text = text_of(application)
    prefix, sentence = TERMS[type]
    assert f"{prefix}-{application.pk}" in text
    assert sentence in text
    assert "Wij zeggen ja" in text
    assert "3 maart 2025" in text and "31 mei 2025" in text
    assert HEALTH_NOTE not in text
    score = flesch_douma(text)
    assert score.is_b1, f"{type}: {score.score}"


@pytest.mark.parametrize("type", list(TERMS))
def test_refused_letter_says_no_without_the_reasons_and_reads_at_b1(tlv, type):
    text = text_of(decided(tlv, type, Status.REFUSED))
    assert "Wij zeggen nee" in text and "Onze redenen staan in het dossier" in text
    assert HEALTH_NOTE not in text
    assert flesch_douma(text).is_b1


def test_other_types_terms_do_not_leak_into_a_letter(tlv):
    text = text_of(decided(tlv, ApplicationType.MAATWERKBUDGET))
    assert TERMS[ApplicationType.ONDERWIJSARRANGEMENT][1] not in text
    assert TERMS[ApplicationType.OVERBRUGGINGSBUDGET][1] not in text


def test_no_letter_before_the_decision(tlv):
    application = decided(tlv, ApplicationType.MAATWERKBUDGET)
    application.status = Status.COMPLETE
    assert not letters.letter_available(application)
    with pytest.raises(ValueError):
        letters.letter_context(application)


def test_the_file_name_names_the_type_not_the_pupil(tlv):
    application = decided(tlv, ApplicationType.OVERBRUGGINGSBUDGET)
    assert letters.letter_filename(application) == f"besluit-overbruggingsbudget-{application.pk}.pdf"


def test_the_school_opens_the_letter_from_the_dossier(tlv, client):
    application = decided(tlv, ApplicationType.ONDERWIJSARRANGEMENT)
    client.force_login(tlv["school_user"])
    page = client.get(reverse("referrals:application_detail", args=[application.pk])).content.decode()
    assert reverse("referrals:letter_pdf", args=[application.pk]) in page
    response = client.get(reverse("referrals:letter_pdf", args=[application.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    preview = client.get(reverse("referrals:letter_preview", args=[application.pk])).content.decode()
    assert "Wat betekent onderwijsarrangement?" in preview
