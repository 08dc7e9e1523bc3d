"""Monitoring in headless Chromium: the dashboard renders its trend plots with tables, the
definition is one click away, and the partner sees suppressed figures."""

import pytest

pytestmark = pytest.mark.browser


def test_the_policy_officer_sees_plots_and_opens_a_definition(page, sign_in):
    sign_in("beleid")
    page.goto("/monitoring/?period=2026")

    assert page.locator("main h1").inner_text().startswith("Monitoring")
    chart = page.locator("main svg.chart").first
    assert chart.is_visible()
    assert chart.bounding_box()["height"] > 100
    assert page.locator("main svg.chart polyline").count() >= 1
    assert page.locator("main table caption", has_text="per jaar").count() >= 1

    page.locator("main a", has_text="Definitie en cijfers per niveau").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("main dt", has_text="Definitie").is_visible()
    assert "seeds/" in page.locator("main dl").inner_text()


def test_the_municipality_sees_aggregates_with_small_numbers_suppressed(page, sign_in):
    sign_in("gemeente")
    page.goto("/monitoring/indicatoren/doorverwijzing-so/?period=2026&level=school")

    assert page.locator("main table").is_visible()
    assert "<5" in page.locator("main table").inner_text()


def test_the_secretary_downloads_every_figure_of_the_dashboard_as_xlsx(page, sign_in):
    import io
    from pathlib import Path

    from openpyxl import load_workbook

    sign_in("secretariaat")
    page.goto("/monitoring/?period=2026")
    assert page.locator("#thuiszitters-detail").is_visible()
    assert page.locator("main table caption", has_text="Thuiszitters per kwartaal").is_visible()

    with page.expect_download() as info:
        page.locator("main a", has_text="Alle cijfers als Excel").click()
    download = info.value
    assert download.suggested_filename.endswith("-2026.xlsx")
    content = io.BytesIO(Path(download.path()).read_bytes())  # the download has no extension
    rows = list(load_workbook(content, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][0] == "indicator"
    assert {row[3] for row in rows[1:]} == set(range(2022, 2027))  # five years per indicator
    assert any(row[0] == "doorverwijzing-so" and isinstance(row[4], float) for row in rows[1:])
