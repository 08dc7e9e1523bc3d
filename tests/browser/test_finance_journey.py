"""Finance in the browser: the controller changes a budget line and sees the derived total
change; a negative income line is refused in Dutch and keeps what was typed."""

import re

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
