"""The dekkend netwerk in headless Chromium: the public map without signing in, its filters
and markers, the coverage page with its gaps and what-if for the secretariat, and a planner's
saved scenario (save, reopen, delete after confirmation)."""

import pytest

pytestmark = pytest.mark.browser


def test_the_public_map_shows_the_districts_markers_and_the_list_without_signing_in(page):
    page.goto("/dekkend-netwerk/kaart/almere-po/")

    assert "Kaart dekkend netwerk" in page.locator("main h1").inner_text()
    svg = page.locator("main svg.network-map")
    assert svg.is_visible()
    for district in ("Almere Stad", "Almere Buiten", "Almere Haven", "Almere Poort"):
        assert svg.locator("text", has_text=district).count() >= 1
    markers = svg.locator("a.map-marker")
    assert markers.count() > 10
    rows = page.locator("main table tbody tr")
    assert rows.count() >= markers.count()
    assert page.locator("header form button[type=submit]").count() == 0  # nobody signed in


def test_a_marker_leads_to_its_row_in_the_list(page):
    page.goto("/dekkend-netwerk/kaart/almere-po/")
    marker = page.locator("main svg.network-map a.map-marker").first
    target = marker.get_attribute("href")

    marker.click()

    assert page.url.endswith(target)
    assert page.locator(f"main tr{target}").is_visible()


def test_filters_narrow_the_map_to_groups_with_free_places(page):
    page.goto("/dekkend-netwerk/kaart/almere-po/")
    before = page.locator("main svg.network-map a.map-marker").count()

    page.check("#id_free_only")
    with page.expect_navigation(url="**free_only=on**"):
        page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")

    after = page.locator("main svg.network-map a.map-marker").count()
    assert 0 < after < before
    assert page.is_checked("#id_free_only")


def test_the_secretariat_sees_gaps_in_words_a_chart_and_tries_a_what_if(page, sign_in):
    sign_in("secretariaat")
    page.goto("/dekkend-netwerk/dekking/almere-po/")

    assert page.locator("main h1").inner_text().startswith("Dekking en tekorten")
    assert page.locator("main svg.chart").is_visible()
    gaps = page.locator("main li", has_text="Tekort in")
    assert gaps.count() >= 1
    assert page.locator("main tr.gap-row").count() >= 1

    page.select_option("#id_group", index=1)
    page.fill("#id_places", "20")
    page.get_by_role("button", name="Berekenen").click()
    page.wait_for_load_state("domcontentloaded")

    assert page.locator("main h3", has_text="Met de wijziging").is_visible()
    assert page.input_value("#id_places") == "20"


def test_the_network_menu_item_leads_to_the_network_pages(page, sign_in):
    sign_in("beleid")
    page.get_by_role("link", name="Dekkend netwerk").first.click()
    page.wait_for_load_state("domcontentloaded")

    assert page.locator("main h1").inner_text() == "Dekkend netwerk"
    assert page.locator("main a", has_text="Dekking en tekorten").count() >= 1


def test_a_planner_saves_a_what_if_as_a_scenario_reopens_and_deletes_it(page, sign_in):
    sign_in("beleid")
    page.goto("/dekkend-netwerk/dekking/almere-po/")
    page.select_option("#id_group", index=1)
    page.fill("#id_places", "5")
    page.get_by_role("button", name="Berekenen").click()
    page.wait_for_load_state("domcontentloaded")

    page.get_by_role("link", name="Deze wat-als bewaren als scenario met een naam").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.input_value("#id_places_1") == "5"  # prefilled from the what-if
    page.fill("#id_name", "Browserscenario")
    page.get_by_role("button", name="Scenario bewaren").click()
    page.wait_for_load_state("domcontentloaded")

    assert "Browserscenario" in page.locator("main h1").inner_text()
    assert page.locator("main table", has_text="Met het scenario").is_visible()

    page.goto("/dekkend-netwerk/dekking/almere-po/")
    page.get_by_role("link", name="Browserscenario").click()  # reopened from the saved list
    page.wait_for_load_state("domcontentloaded")
    page.get_by_role("link", name="Dit scenario verwijderen").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("main [role=alert]", has_text="niet ongedaan").is_visible()
    page.get_by_role("button", name="Ja, scenario verwijderen").click()
    page.wait_for_load_state("domcontentloaded")

    assert page.locator("main h1").inner_text().startswith("Dekking en tekorten")
    assert page.locator("main a", has_text="Browserscenario").count() == 0
