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
