"""WCAG 2.1 AA, checked by axe-core in Chromium on every page each role can reach.

For each demo role (and for a visitor without an account) the test signs in and walks the site
from the start page like a user would: it follows every link in the menu and on the pages
(GET only: it never submits a form), visits one page per URL shape (``/x/12/`` and ``/x/13/``
are the same template), runs axe-core with the WCAG 2.0/2.1 A and AA rules on each, and lists
every violation with the page, the rule and the elements. axe cannot judge everything (plain
language, sensible focus order, meaningful alt texts); it catches what a machine can: contrast,
names and labels, landmarks, headings, ARIA, language, tables.
"""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_PAGES = 60
NOT_PAGES = re.compile(r"/(api|beheer|static)/|\.(csv|pdf|json)$|/export|uitloggen|logout")
ROLES = ["school", "secretariaat", "deskundige1", "manager", "bestuur", "beleid", "gemeente", "privacy"]
PUBLIC_STARTS = ["/account/inloggen/", "/steunpunt/", "/dekkend-netwerk/"]


def page_shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(page, starts: list[str]) -> tuple[list[str], list[str]]:
    """Visit the site from ``starts``; returns the pages checked and the violations found."""
    queue, shapes, checked, violations = deque(starts), set(), [], []
    while queue and len(checked) < MAX_PAGES:
        path = queue.popleft()
        if page_shape(path) in shapes:
            continue
        shapes.add(page_shape(path))
        response = page.goto(path)
        if response is None or response.status >= 400 or "text/html" not in response.headers.get("content-type", ""):
            continue
        checked.append(path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
        )
        for violation in result["violations"]:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            violations.append(f"{path}: [{violation['impact']}] {violation['id']}: {violation['help']} — {targets}")
        for href in page.eval_on_selector_all(
            "a[href]", "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)"
        ):
            parts = urlsplit(href)
            if parts.netloc == urlsplit(page.url).netloc and not NOT_PAGES.search(parts.path):
                queue.append(parts.path)
    return checked, violations


@pytest.fixture
def axe_page(browser, demo_site):
    """A page that may inject axe-core although the site's CSP forbids foreign scripts."""
    if not AXE.exists():
        pytest.skip("axe-core is missing: run ./dekkend setup (npm ci)")
    context = browser.new_context(base_url=demo_site.url, locale="nl-NL", bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_meets_wcag_aa(axe_page, username):
    axe_page.goto("/account/inloggen/")
    axe_page.fill("#id_username", username)
    axe_page.fill("#id_password", "dekkend-demo")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state("domcontentloaded")
    checked, violations = crawl(axe_page, ["/"])
    assert len(checked) >= 2, f"the crawl for {username} reached almost nothing: {checked}"
    assert not violations, f"{len(violations)} WCAG 2.1 AA violations for {username}:\n" + "\n".join(violations)


def test_every_public_page_meets_wcag_aa(axe_page):
    checked, violations = crawl(axe_page, PUBLIC_STARTS)
    assert checked, "no public page was reached"
    assert not violations, f"{len(violations)} WCAG 2.1 AA violations on public pages:\n" + "\n".join(violations)
