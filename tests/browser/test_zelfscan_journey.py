"""The zelfscan in the browser: the school answers the questions of a theme on the scale, saves,
sees its progress per theme, leaves and comes back to find everything as typed, completes the
scan and submits it after a confirmation; its board releases it after a confirmation; the SWV
then finds the school in the results and in the wijkondersteuningsprofielen."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def page(browser, demo_site):
    """As the shared ``page``, but axe-core may be injected (the CSP forbids inline scripts)."""
    context = browser.new_context(
        base_url=demo_site.url, locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _axe_violations(page) -> list[str]:
    """WCAG 2.1 AA violations axe-core finds on the current page (none when axe is not installed)."""
    if not AXE.exists():
        return []
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [f"{v['id']}: {' '.join(v['nodes'][0]['target'])}" for v in result["violations"]]


def _ids(demo_site) -> tuple[int, int, str]:
    """The open PO round and the demo school account's school (still filling in)."""
    line = demo_site.shell(
        "from dekkend.accounts.models import RoleAssignment\n"
        "from dekkend.basicsupport.models import Round\n"
        "school = RoleAssignment.objects.get(user__username='school').school\n"
        "r = Round.objects.get(swv=school.swv, school_year='2025-2026')\n"
        "print(r.pk, school.pk, school.name, sep='|')"
    )
    round_id, school_id, name = line.split("|")
    return int(round_id), int(school_id), name


def _part(page, code: str) -> str:
    return page.locator(f"main .zelfscan-progress li[data-aspect={code}]").inner_text()


def _answered(page) -> int:
    return int(re.match(r"(\d+)", page.locator("#progress").inner_text()).group(1))


def test_a_school_fills_in_the_board_releases_and_the_swv_sees_the_school(page, sign_in, demo_site):
    round_id, school_id, school_name = _ids(demo_site)
    school_url = f"/basisondersteuning/rondes/{round_id}/scholen/{school_id}/"

    sign_in("school")
    page.goto(school_url)
    page.get_by_role("link", name="Zelfscan invullen").click()
    fill_url = page.url
    before = _answered(page)
    assert _axe_violations(page) == []
    assert "0 van 11" in _part(page, "lezen")

    # One theme on the scale, a comment, the level offered and an ambition; then save.
    for radio in page.locator("fieldset.zelfscan-question[data-aspect=lezen] input[value='3']").all():
        radio.check()
    first_comment = page.locator("fieldset.zelfscan-question[data-aspect=lezen] input.utrecht-textbox").first
    first_comment.fill("Zie ons leesplan 2026")
    page.locator("fieldset.zelfscan-level[data-aspect=lezen] input[value='3']").check()
    ambition = page.locator("input[name=ambition]").nth(1)
    ambition.check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    assert "Uw antwoorden zijn opgeslagen." in page.locator("main").inner_text()
    assert _answered(page) == before + 11
    assert "11 van 11" in _part(page, "lezen") and "compleet" in _part(page, "lezen")

    # Leave and come back: everything as typed.
    page.goto("/")
    page.goto(fill_url)
    reading = page.locator("fieldset.zelfscan-question[data-aspect=lezen] input[value='3']")
    assert all(radio.is_checked() for radio in reading.all())
    assert first_comment.input_value() == "Zie ons leesplan 2026"
    assert page.locator("fieldset.zelfscan-level[data-aspect=lezen] input[value='3']").is_checked()
    assert ambition.is_checked()

    # Complete the scan, then submit after the confirmation.
    open_questions = page.locator("fieldset.zelfscan-question:not(:has(input:checked)) input[value='4']")
    while open_questions.count():
        open_questions.first.check()  # each check takes one question off the list
    page.get_by_role("button", name=re.compile("Opslaan en indienen")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zelfscan indienen"
    assert _axe_violations(page) == []
    page.get_by_role("button", name="Ja, indienen bij het schoolbestuur").click()
    assert "Uw zelfscan is ingediend bij uw schoolbestuur." in page.locator("main").inner_text()

    # The board releases it after a confirmation.
    page.context.clear_cookies()
    sign_in("bestuur")
    page.goto(school_url)
    page.get_by_role("link", name="Vrijgeven aan het samenwerkingsverband").click()
    page.get_by_role("button", name="Ja, resultaten vrijgeven").click()
    assert "De resultaten zijn vrijgegeven aan het samenwerkingsverband." in page.locator("main").inner_text()

    # The SWV sees the school in the results and in its district's profile.
    page.context.clear_cookies()
    sign_in("secretariaat")
    page.goto(f"/basisondersteuning/rondes/{round_id}/resultaten/?level=school")
    assert page.get_by_role("link", name=school_name).count() == 1
    page.goto(f"/basisondersteuning/rondes/{round_id}/wijkprofielen/")
    assert school_name in page.locator("main").inner_text()
    assert _axe_violations(page) == []
