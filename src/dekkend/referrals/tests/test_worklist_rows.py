"""The worklist table's rows (templatetags/worklist.py): escaped as a template escapes, overdue
rows marked and said in words, urgent days in bold."""

from types import SimpleNamespace

from django.template import Context, Template


def row(**values) -> dict:
    return {
        "item": SimpleNamespace(overdue=False),
        "url": "/toeleiding/1/",
        "pupil": "Jansen, Sam",
        "school": "De Regenboog",
        "type": "TLV",
        "status": "Compleet",
        "next": "Besluit: 3 maart 2026",
        "days": 12,
        "urgent": False,
        **values,
    }


def render(rows: list[dict]) -> str:
    return Template("{% load worklist %}{% worklist_rows rows %}").render(Context({"rows": rows}))


def test_every_value_is_escaped():
    html = render([row(pupil='<script>alert("x")</script>, Sam', school="A & B", url='/x/"onclick="')])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, Sam" in html
    assert "A &amp; B" in html
    assert 'href="/x/&quot;onclick=&quot;"' in html


def test_overdue_rows_are_marked_and_urgent_days_bold():
    html = render([row(item=SimpleNamespace(overdue=True), days="3 dagen te laat", urgent=True), row()])
    overdue, ordinary = html.split("\n")
    assert 'class="utrecht-table__row row-emergency"' in overdue
    assert "<strong>3 dagen te laat</strong>" in overdue
    assert 'class="utrecht-table__row"' in ordinary and "<strong>" not in ordinary
    assert ordinary.count("<td") == 5 and ordinary.count("<th") == 1


def test_no_rows_no_markup():
    assert render([]) == ""
