from dekkend.core.charts import bar_chart, line_chart
from dekkend.core.pdf import pdf_response, render_pdf
from dekkend.core.tests.pdf import pdf_text


class TestPdf:
    def test_a_pdf_is_printed_with_dutch_page_numbers(self):
        pdf = render_pdf("core/pdf_base.html", {})
        assert pdf.startswith(b"%PDF")
        assert "Pagina 1 van 1" in pdf_text(pdf)

    def test_the_response_names_the_file(self):
        response = pdf_response("core/pdf_base.html", {}, filename="brief.pdf", inline=False)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="brief.pdf"'


class TestCharts:
    def test_a_bar_chart_names_each_value_for_screen_readers(self):
        svg = bar_chart("Verwijzingen", [("2024", 2.5), ("2025", None)], unit="%", target=2.0, target_label="doel")
        assert 'role="img"' in svg and "<title" in svg
        assert "2024: 2,5%" in svg
        assert svg.count("<rect") == 1  # the suppressed value leaves a gap, not a zero bar
        assert "doel" in svg

    def test_labels_are_escaped(self):
        svg = bar_chart("<script>", [("<b>", 1)])
        assert "<script>" not in svg and "&lt;b&gt;" in svg

    def test_a_line_breaks_where_a_value_is_missing(self):
        svg = line_chart("Trend", ["2023", "2024", "2025", "2026"], {"PO": [1, 2, None, 3]})
        assert svg.count("<polyline") == 1  # 2023–2024 joined; 2026 stands alone as a point
        assert svg.count("<circle") == 3

    def test_an_empty_chart_still_renders(self):
        assert "<svg" in bar_chart("Leeg", [])
        assert "<svg" in line_chart("Leeg", [], {})
