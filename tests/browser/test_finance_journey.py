"""Finance in the browser: the controller changes a budget line and sees the derived total
change; a negative income line is refused in Dutch and keeps what was typed."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _euros(text: str) -> int:
    return int(text.strip().replace(".", ""))


def test_controller_edits_a_budget_line_and_the_total_follows(page, sign_in, demo_site):
    sign_in("beleid")
    page.goto("/financien/")
    page.get_by_role("link", name=re.compile(r"begroting 2024", re.IGNORECASE)).first.click()
    budget_url = page.url
    before = _euros(page.locator("main [data-total=needed]").inner_text())
    row = page.locator("main tr", has=page.get_by_role("rowheader", name="Algemene arrangementsmiddelen", exact=True))
    amount = _euros(row.locator("td.utrecht-table__cell--numeric-data").first.inner_text())

    row.get_by_role("link", name=re.compile("Wijzigen")).click()
    page.fill("#id_amount", "abc")
    page.get_by_role("button", name="Bedrag opslaan").click()
    assert "Vul een bedrag in euro in" in page.locator("main").inner_text()
    assert page.input_value("#id_amount") == "abc"

    page.fill("#id_amount", str(amount + 1000))
    page.fill("#id_reason", "Meer leerlingen op de teldatum")
    page.get_by_role("button", name="Bedrag opslaan").click()

    assert page.url == budget_url
    assert "Het bedrag is gewijzigd" in page.locator("main").inner_text()
    assert _euros(page.locator("main [data-total=needed]").inner_text()) == before + 1000


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def axe_page(browser, demo_site):
    """A page that may inject axe-core although the site's CSP forbids foreign scripts."""
    if not AXE.exists():
        pytest.skip("axe-core is missing: run ./dekkend setup (npm ci)")
    context = browser.new_context(base_url=demo_site.url, locale="nl-NL", bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _violations(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [
        f"{path}: [{violation['impact']}] {violation['id']}: {violation['help']}" for violation in result["violations"]
    ]


def test_the_finance_pages_meet_wcag_aa(axe_page):
    axe_page.goto("/account/inloggen/")
    axe_page.fill("#id_username", "beleid")
    axe_page.fill("#id_password", "dekkend-demo")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state("domcontentloaded")
    violations = _violations(axe_page, "/financien/vangnet/")
    detail = axe_page.locator("main table a.utrecht-link").first.get_attribute("href")
    violations += _violations(axe_page, "/financien/arrangementsmiddelen/")
    agreement = axe_page.locator("main a[href*='/afspraak/']").first.get_attribute("href")
    violations += _violations(axe_page, detail)
    violations += _violations(axe_page, agreement)
    axe_page.goto("/financien/")
    axe_page.get_by_role("link", name=re.compile(r"begroting 2024", re.IGNORECASE)).first.click()
    edit = axe_page.locator("main a[href*='/regel/']").first.get_attribute("href")
    violations += _violations(axe_page, edit)
    assert not violations, "\n".join(violations)
