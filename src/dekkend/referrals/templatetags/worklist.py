"""The worklist table's rows, written with ``format_html``.

A worklist page is 50 rows of eight values. Through the template engine every value cost a
context lookup, a node and an escape: together more than the page's query
(bench/cases_referrals.py). The values are prepared in ``views._worklist_rows`` and escaped
here as a template escapes them (``html.escape`` directly: Django's ``escape`` wrapper around
it cost more than the escaping of 400 short values); the markup is that of the table in
``referrals/application_list.html``.
"""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ROW = (
    '<tr class="utrecht-table__row{}">'
    '<th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" href="{}">{}</a></th>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell utrecht-table__cell--numeric-data">{}</td>'
    "</tr>"
)


def _escape(value) -> str:
    return value if isinstance(value, SafeString) else html.escape(str(value))


@register.simple_tag
def worklist_rows(rows: list[dict]) -> SafeString:
    """One ``<tr>`` per row: overdue rows marked (and said in words in the last cell), urgent
    days in bold."""
    lines = []
    for row in rows:
        days = _escape(row["days"])
        lines.append(
            _ROW.format(
                " row-emergency" if row["item"].overdue else "",
                _escape(row["url"]),
                _escape(row["pupil"]),
                _escape(row["school"]),
                _escape(row["type"]),
                _escape(row["status"]),
                _escape(row["next"]),
                f"<strong>{days}</strong>" if row["urgent"] else days,
            )
        )
    return mark_safe("\n".join(lines))  # noqa: S308 -- every value above is escaped
