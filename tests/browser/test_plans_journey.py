"""Plan-do-check-act in the browser: the policy officer changes an activity's status on the year
plan and sees the evaluation counts change; a status without evidence is refused in Dutch."""

import re

import pytest

pytestmark = pytest.mark.browser


def _done_count(page, url: str) -> int:
    page.goto(url)
    return int(page.locator("main [data-total=done]").inner_text())


def test_policy_officer_updates_a_status_and_the_evaluation_counts_change(page, sign_in, demo_site):
    sign_in("beleid")
    page.goto("/plannen/")
    page.get_by_role("link", name=re.compile("Jaarplan 2025-2026")).first.click()
    plan_url = page.url
    evaluation_url = plan_url.rstrip("/") + "/evaluatie/"
    before = _done_count(page, evaluation_url)

    page.goto(plan_url)
    page.get_by_role("link", name="Datagestuurd werken").click()
    page.select_option("#id_status", "done")
    page.fill("#id_evidence", "kort")
    page.get_by_role("button", name="Status opslaan").click()
    assert "Beschrijf het bewijs" in page.locator("main").inner_text()
    assert page.input_value("#id_evidence") == "kort"

    page.fill("#id_evidence", "De werkwijze is vastgesteld in het MT; partners hebben toegang.")
    page.get_by_role("button", name="Status opslaan").click()
    assert "De status is gewijzigd." in page.locator("main").inner_text()
    assert _done_count(page, evaluation_url) == before + 1
