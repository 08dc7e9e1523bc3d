"""One TLV walked through the real site in headless Chromium: the school applies (stating the
development area), adds the OPP and the LVS data, downloads one back and submits; the
secretariat finds it complete and assigns two experts (offered with their expertise); both
advise; the manager decides (with the confirmation step) and the letter opens as PDF."""

import datetime
import os
import tempfile

import pytest

from dekkend.core.tests.pdf import pdf_text

pytestmark = pytest.mark.browser

SCREENSHOT_DIR = os.environ.get("DEKKEND_SCREENSHOT_DIR", tempfile.gettempdir())
PDF = b"%PDF-1.4\n% synthetic document for the browser test\n%%EOF\n"

# The demo has the accounts deskundige1 (orthopedagoog) and deskundige2 (GZ-psycholoog) in
# Almere PO; their expert profiles (with expertise in gedrag, the area the school states) are
# made here when the demo does not have them yet.
EXPERT_SETUP = """
from dekkend.accounts.models import User
from dekkend.organisations.models import Swv
from dekkend.referrals.models import ExpertProfile
swv = Swv.objects.get(code='almere-po')
ids = []
for username, discipline in (('deskundige1', 'orthopedagoog'), ('deskundige2', 'psycholoog')):
    user = User.objects.get(username=username)
    profile, _ = ExpertProfile.objects.get_or_create(swv=swv, user=user, defaults={'discipline': discipline})
    if 'gedrag' not in profile.expertise_areas:
        profile.expertise_areas = [*profile.expertise_areas, 'gedrag']
        profile.save(update_fields=['expertise_areas'])
    ids.append(str(user.pk))
print(' '.join(ids))
"""


def main_text(page) -> str:
    return page.locator("main").inner_text()


def sign_in_as(page, sign_in, username: str):
    page.context.clear_cookies()
    return sign_in(username)


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(PDF)
    return str(path)


def test_one_tlv_from_application_to_letter(page, sign_in, demo_site, pdf_file):
    first_expert, second_expert = demo_site.shell(EXPERT_SETUP).split()
    document_date = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()  # noqa: DTZ011 -- the server's local date

    # The school starts a draft for one of its pupils.
    sign_in_as(page, sign_in, "school")
    page.goto("/toeleiding/")
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    assert page.locator("main h1").inner_text() == "Nieuwe aanvraag"
    page.select_option("#id_type", "tlv")
    pupil_value = page.locator("#id_pupil option").nth(1).get_attribute("value")
    pupil_label = page.locator("#id_pupil option").nth(1).inner_text()
    page.select_option("#id_pupil", pupil_value)
    page.select_option("#id_requested_provision_type", "so")
    page.check("#id_parent_consent")
    page.fill("#id_parent_view", "Wij willen dat ons kind naar het speciaal onderwijs gaat (synthetisch).")
    page.check("input[name='development_areas'][value='gedrag']")  # the area the experts are matched on
    page.get_by_role("button", name="Concept opslaan").click()
    assert "Het concept is opgeslagen" in main_text(page)
    dossier_url = page.url
    last_name = pupil_label.split(",")[0]

    # Documents: the checklist names what is missing until the OPP and the LVS data are there.
    assert "Het ontwikkelingsperspectiefplan (OPP) ontbreekt." in main_text(page)
    for kind in ("opp", "lvs"):
        page.set_input_files("#documents_file", pdf_file)
        page.select_option("#documents_kind", kind)
        page.fill("#documents_document_date", document_date)
        page.check("#documents_signed_by_parents")
        page.get_by_role("button", name="Document toevoegen").click()
        assert "Het document is toegevoegd." in main_text(page)
    assert "alle verplichte stukken zijn er" in main_text(page)
    assert "Ontwikkelingsgebieden" in main_text(page)

    # A document downloads as an attachment with a neutral name (no pupil name).
    with page.expect_download() as download:
        page.get_by_role("link", name="downloaden").first.click()
    assert download.value.suggested_filename.startswith("dossier-")
    assert last_name not in download.value.suggested_filename

    # Submitting asks for a confirmation first.
    page.get_by_role("link", name="De aanvraag indienen").click()
    assert page.locator("main h1").inner_text() == "De aanvraag indienen"
    page.get_by_role("button", name="Nu indienen").click()
    assert "Bevestig dat u de aanvraag wilt indienen." in main_text(page)
    page.check("#id_confirm")
    page.get_by_role("button", name="Nu indienen").click()
    assert "De aanvraag is ingediend." in main_text(page)

    # The secretariat finds it on the worklist, records it complete and assigns two experts.
    sign_in_as(page, sign_in, "secretariaat")
    page.goto("/toeleiding/")
    assert last_name in main_text(page)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "dekkend-tlv-worklist.png"), full_page=False)
    page.goto(dossier_url)
    page.check("#completeness_complete_0")
    page.get_by_role("button", name="Controle vastleggen").click()
    assert "De controle op volledigheid is vastgelegd." in main_text(page)
    assert "Volgende datum" in main_text(page)  # the decision is due in 6 weeks
    assert "deskundigheid: " in page.locator("#experts_second").inner_text()  # matched on gedrag
    page.select_option("#experts_first", first_expert)
    page.select_option("#experts_second", second_expert)
    page.get_by_role("button", name="Toewijzen").click()
    assert "De deskundigen zijn toegewezen." in main_text(page)

    # Both experts advise a TLV so, category 2, langdurig; the first also gives the triage.
    for username in ("deskundige1", "deskundige2"):
        sign_in_as(page, sign_in, username)
        page.goto(dossier_url)
        page.check("#advice_recommendation_0")
        page.select_option("#advice_provision_type", "so")
        page.select_option("#advice_funding_category", "2")
        page.select_option("#advice_duration", "langdurig")
        if page.locator("#advice_triage").count():
            page.select_option("#advice_triage", "hamerstuk")
        page.fill("#advice_motivation", "Synthetische motivering van het advies.")
        page.get_by_role("button", name="Mijn advies vastleggen").click()
        assert "Uw advies is vastgelegd." in main_text(page)

    # The manager decides; the decision is confirmed on a second page.
    sign_in_as(page, sign_in, "manager")
    page.goto(dossier_url)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "dekkend-tlv-dossier.png"), full_page=True)
    page.check("#decision_outcome_0")
    page.fill("#decision_motivation", "Beide deskundigen adviseren so, categorie 2, langdurig.")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    assert page.locator("main h1").inner_text() == "Bevestig het besluit"
    page.get_by_role("button", name="Besluit vastleggen").click()
    assert "Het besluit is vastgelegd." in main_text(page)
    assert "Toegekend" in page.locator("main table").last.inner_text()  # on the timeline

    # The letter: a preview in the page and a PDF for school and parents.
    page.get_by_role("link", name="De brief bekijken").click()
    assert "krijgt een TLV" in main_text(page)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "dekkend-tlv-letter.png"), full_page=True)
    pdf_href = page.get_by_role("link", name="De brief downloaden als PDF").get_attribute("href")
    response = page.request.get(pdf_href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_text(response.body()).split())
    assert last_name in text and "krijgt een TLV" in text and "bezwaar" in text
