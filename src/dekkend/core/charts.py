"""Small accessible SVG charts, rendered on the server.

No JavaScript and no inline styles (the CSP forbids them): presentation attributes only. Each
chart carries a ``<title>`` and a ``<desc>`` for screen readers; pages show the figures as a
table next to the chart as well, so nothing is in the picture alone.
"""

from collections.abc import Sequence
from itertools import cycle

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), distinguishable in grey too.
PALETTE = ("#1f4e79", "#c45a00", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c")
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


def _number(value: float, unit: str) -> str:
    text = f"{value:,.1f}".replace(",", "·").replace(".", ",").replace("·", ".").removesuffix(",0")
    return f"{text}{unit}"


def _scale(max_value: float) -> float:
    """A round top for the axis, at or above ``max_value``."""
    if max_value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(max_value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= max_value:
            return step * magnitude
    return 10 * magnitude


def _frame(title: str, description: str, body: SafeString, top: float, unit: str) -> SafeString:
    plot_height = HEIGHT - TOP - BOTTOM
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d0d0" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#333">{}</text>',
        (
            (
                LEFT,
                WIDTH - RIGHT,
                TOP + plot_height * (1 - fraction),
                TOP + plot_height * (1 - fraction),
                LEFT - 6,
                TOP + plot_height * (1 - fraction) + 4,
                _number(top * fraction, unit),
            )
            for fraction in (0, 0.25, 0.5, 0.75, 1)
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}{}</svg>',
        WIDTH,
        HEIGHT,
        _id(title),
        _id(title),
        _id(title),
        title,
        _id(title),
        description,
        grid,
        body,
    )


def _id(title: str) -> str:
    return "chart-" + "".join(character if character.isalnum() else "-" for character in title.lower())[:40]


def _target_line(target: float | None, top: float, label: str) -> SafeString:
    if target is None:
        return mark_safe("")
    y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - target / top)
    return format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b00020" stroke-width="2" stroke-dasharray="6 4"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#b00020">{}</text>',
        LEFT,
        WIDTH - RIGHT,
        y,
        y,
        WIDTH - RIGHT,
        y - 4,
        label,
    )


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, float | None]],
    *,
    unit: str = "",
    target: float | None = None,
    target_label: str = "",
    description: str = "",
) -> SafeString:
    """Vertical bars, one per (label, value); a value of None (suppressed or unknown) leaves a
    gap with its label. An optional dashed target line."""
    values = [value for _, value in bars if value is not None]
    top = _scale(max([*values, target or 0, 0]))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(bars), 1)
    parts = []
    for index, (label, value) in enumerate(bars):
        x = LEFT + index * slot + slot * 0.15
        if value is not None:
            height = plot_height * value / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                    x,
                    TOP + plot_height - height,
                    slot * 0.7,
                    height,
                    PALETTE[0],
                    label,
                    _number(value, unit),
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#333">{}</text>',
                x + slot * 0.35,
                HEIGHT - BOTTOM + 16,
                label[:14],
            )
        )
    body = mark_safe("".join(parts) + _target_line(target, top, target_label))  # noqa: S308 -- escaped parts
    return _frame(title, description or title, body, top, unit)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    unit: str = "",
    target: float | None = None,
    target_label: str = "",
    description: str = "",
) -> SafeString:
    """One line per series over the shared ``labels`` (periods); None breaks the line. A legend
    under the chart names each series; an optional dashed target line."""
    values = [value for points in series.values() for value in points if value is not None]
    top = _scale(max([*values, target or 0, 0]))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(labels) - 1, 1)
    parts = [
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#333">{}</text>',
            LEFT + index * step,
            HEIGHT - BOTTOM + 16,
            label,
        )
        for index, label in enumerate(labels)
    ]
    for (name, points), colour, position in zip(series.items(), cycle(PALETTE), range(len(series)), strict=False):
        segment: list[str] = []
        runs: list[list[str]] = [segment]
        for index, value in enumerate(points):
            if value is None:
                segment = []
                runs.append(segment)
                continue
            x, y = LEFT + index * step, TOP + plot_height * (1 - value / top)
            segment.append(f"{x:.1f},{y:.1f}")
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="3.5" fill="{}"><title>{} {}: {}</title></circle>',
                    x,
                    y,
                    colour,
                    name,
                    labels[index],
                    _number(value, unit),
                )
            )
        parts.extend(
            format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>', " ".join(run), colour)
            for run in runs
            if len(run) > 1
        )
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="#333">{}</text>',
                LEFT + position * 150,
                HEIGHT - 18,
                colour,
                LEFT + position * 150 + 16,
                HEIGHT - 8,
                name,
            )
        )
    body = mark_safe("".join(parts) + _target_line(target, top, target_label))  # noqa: S308 -- escaped parts
    return _frame(title, description or title, body, top, unit)
