"""The steunpunt in headless Chromium: a parent asks a question on the public pages (no sign-in)
and a consultant answers it; the answer shows in the staff list."""

import uuid

import pytest

pytestmark = pytest.mark.browser


def test_a_parent_asks_and_a_consultant_answers(browser, demo_site, page):
    marker = f"Mijn zoon leest nog moeilijk ({uuid.uuid4().hex[:6]})."
    page.goto("/steunpunt/almere-po/")
    assert page.locator("main h1").inner_text() == "Zo helpen we jou"
    page.get_by_role("link", name="Stel ons een vraag.").click()

    page.check("input[name=asker][value=parent]")
    page.select_option("#id_theme", "extra_ondersteuning")
    page.fill("#id_text", marker)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "telefoonnummer" in page.locator("main [role=alert]").inner_text()  # no e-mail or phone yet
    assert page.input_value("#id_text") == marker  # the typed question is kept
    page.fill("#id_email", "ouder@voorbeeld.invalid")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "Dank je wel. We hebben je vraag." in page.locator("main").inner_text()

    staff = browser.new_context(base_url=demo_site.url, locale="nl-NL")
    tab = staff.new_page()
    tab.goto("/account/inloggen/")
    tab.fill("#id_username", "consulent")
    tab.fill("#id_password", "dekkend-demo")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state("domcontentloaded")
    tab.goto("/steunpunt/intern/vragen/?open=1")
    with tab.expect_navigation():
        tab.locator("main table tbody tr a").first.click()
    assert marker in tab.locator("main").inner_text()
    tab.fill("#id_steps_taken", "Ouder gebeld.")
    tab.fill("#id_answer", "Praat eerst met de leerkracht. Wij denken mee.")
    tab.select_option("#id_wanted_result", "yes")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Antwoord opslaan").click()
    assert "Opgeslagen." in tab.locator("main").inner_text()
    assert "Beantwoord" in tab.locator("main dl").inner_text()
    staff.close()


def _signed_in(browser, demo_site, username):
    context = browser.new_context(base_url=demo_site.url, locale="nl-NL")
    tab = context.new_page()
    tab.goto("/account/inloggen/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", "dekkend-demo")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state("domcontentloaded")
    return context, tab


def test_the_secretary_registers_a_thuiszitter_and_raises_an_escalation(browser, demo_site):
    swv_id, number = demo_site.shell(
        "from dekkend.pupils.models import Pupil; "
        "p = Pupil.objects.filter(swv__code='almere-po', thuiszitter_cases__isnull=True).order_by('id').first(); "
        "print(p.swv_id, p.pupil_number)"
    ).split()
    context, tab = _signed_in(browser, demo_site, "secretariaat")
    tab.goto("/steunpunt/intern/thuiszitters/nieuw/")
    if tab.locator("select#id_swv").count():
        tab.select_option("#id_swv", swv_id)
    tab.fill("#id_pupil_number", "BESTAAT-NIET")
    tab.check("input[name=kind][value=relatief]")
    tab.fill("#id_reported_on", "2025-01-20")
    tab.fill("#id_absent_since", "2025-01-06")
    tab.fill("#id_plan", "Twee ochtenden per week naar school (synthetisch).")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Melden").click()
    assert "onbekend" in tab.locator("main").inner_text()
    assert tab.input_value("#id_plan") == "Twee ochtenden per week naar school (synthetisch)."  # kept
    tab.fill("#id_pupil_number", number)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Melden").click()
    assert "De thuiszitter is gemeld." in tab.locator("main").inner_text()
    assert "thuiszitter (ingeschreven" in tab.locator("main dl").inner_text().lower()  # absent > 4 weeks

    tab.fill("#id_end-end_note", "Terug naar school (synthetisch).")
    with tab.expect_navigation():
        tab.get_by_role("button", name="De zaak beëindigen…").click()
    assert tab.locator("main h1").inner_text() == "De zaak beëindigen"  # the confirmation step
    with tab.expect_navigation():
        tab.get_by_role("button", name="De zaak beëindigen").click()
    assert "Beëindigd op" in tab.locator("main dl").inner_text()

    tab.goto("/steunpunt/intern/escalaties/nieuw/")
    if tab.locator("select#id_swv").count():
        tab.select_option("#id_swv", swv_id)
    tab.fill("#id_subject", "Geen passende plek gevonden (synthetisch).")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Escalatie openen").click()
    assert "uur over tot 48 uur" in tab.locator("main dl").inner_text()
    tab.fill("#id_raise-reason", "Op school lukt het niet (synthetisch).")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Een niveau hoger…").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Niveau verhogen").click()
    assert "Integrale Tafel Almere" in tab.locator("main dl").inner_text()
    context.close()


def test_a_parent_answers_a_survey_by_keyboard_once(browser, demo_site, page):
    token = demo_site.shell(
        "import datetime; from django.utils import timezone; "
        "from dekkend.accounts.models import User; from dekkend.audit.services import AuditContext; "
        "from dekkend.organisations.models import Swv; from dekkend.pupils.tests.factories import PupilFactory; "
        "from dekkend.referrals.tests.factories import ApplicationFactory; from dekkend.steunpunt import services; "
        "swv = Swv.objects.get(code='almere-po'); pupil = swv.pupils.order_by('id').first(); "
        "ApplicationFactory(pupil=pupil, status='granted', outcome='granted', decided_on=timezone.localdate()); "
        "today = timezone.localdate(); "
        "r, links = services.survey_round_send(swv_id=swv.pk, audience='parents', "
        "period_start=today, period_end=today, "
        "context=AuditContext(user=User.objects.get(username='secretariaat'))); "
        "print(links[0].token)"
    )
    page.goto(f"/steunpunt/enquete/{token}/")
    assert page.locator("main h1").inner_text() == "Zeg wat je ervan vindt"
    page.locator("#id_uitleg_3").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the next question's group
    page.keyboard.press("Space")
    assert page.locator("#id_uitleg_3").is_checked()
    page.get_by_role("button", name="Versturen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "We hebben je antwoorden." in page.locator("main").inner_text()
    page.goto(f"/steunpunt/enquete/{token}/")
    assert "al gebruikt" in page.locator("main").inner_text()
