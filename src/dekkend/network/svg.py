"""The schematic district map as an accessible SVG, rendered on the server (no JavaScript, no
inline styles, no tiles from the internet). Each provision is a numbered marker in its district
(or its wijk); the marker links to the provision's row in the list next to the map, which
says in words everything the map shows."""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .districts import DistrictMap

CELL_W, CELL_H, GAP, LABEL_H = 210, 150, 6, 22
MARKER_R, MARKER_STEP = 12, 28
TILE_FILL, PART_FILL, STROKE, TEXT = "#eef3f8", "#dde7f1", "#1f4e79", "#1a1a1a"
MARKER_FILL = {"open": "#1f4e79", "full": "#ffffff"}


def _marker(x: float, y: float, entry) -> SafeString:
    full = entry.free_places == 0 and entry.has_groups
    fill, text = (MARKER_FILL["full"], STROKE) if full else (MARKER_FILL["open"], "#ffffff")
    return format_html(
        '<a href="#provision-{}" class="map-marker"><title>{}</title>'
        '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="2"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="bold" fill="{}">{}</text></a>',
        entry.provision.pk,
        entry.summary,
        round(x, 1),
        round(y, 1),
        MARKER_R,
        fill,
        STROKE,
        round(x, 1),
        round(y + 4, 1),
        text,
        entry.map_number,
    )


def _markers_in_box(entries, x: float, y: float, width: float, height: float) -> list[SafeString]:
    per_row = max(1, int((width - 8) // MARKER_STEP))
    parts = []
    for index, entry in enumerate(entries):
        cx = x + 6 + MARKER_R + (index % per_row) * MARKER_STEP
        cy = y + 6 + MARKER_R + (index // per_row) * MARKER_STEP
        if cy + MARKER_R > y + height:  # no room left: the list still shows it
            break
        parts.append(_marker(cx, cy, entry))
    return parts


def network_map_svg(dmap: DistrictMap, entries, *, title: str) -> SafeString:
    """``entries``: objects with ``provision``, ``district_id``, ``part_id``, ``map_number``,
    ``summary``, ``free_places`` and ``has_groups``."""
    by_district: dict[int | None, list] = {}
    for entry in entries:
        by_district.setdefault(entry.district_id, []).append(entry)
    unknown = by_district.pop(None, [])
    width = dmap.columns * CELL_W
    extra = CELL_H if unknown else 0
    height = dmap.rows * CELL_H + extra
    body: list[SafeString] = []
    for district in dmap.districts:
        x, y = district.col * CELL_W + GAP / 2, district.row * CELL_H + GAP / 2
        w, h = district.width * CELL_W - GAP, district.height * CELL_H - GAP
        body.append(
            format_html(
                '<g><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{}" stroke-width="2"/>'
                '<text x="{}" y="{}" font-size="13" font-weight="bold" fill="{}">{}</text></g>',
                x,
                y,
                w,
                h,
                TILE_FILL,
                STROKE,
                x + 8,
                y + 16,
                TEXT,
                district.name,
            )
        )
        mine = by_district.get(district.pk, [])
        inner_y, inner_h = y + LABEL_H, h - LABEL_H - 4
        parts = district.parts
        if parts:
            part_w = (w - 8) / len(parts)
            loose = [entry for entry in mine if entry.part_id not in {part.pk for part in parts}]
            for index, part in enumerate(parts):
                px = x + 4 + index * part_w
                body.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" '
                        'stroke-width="1" stroke-dasharray="4 3"/>'
                        '<text x="{}" y="{}" font-size="10" fill="{}">{}</text>',
                        round(px + 1, 1),
                        inner_y,
                        round(part_w - 2, 1),
                        inner_h,
                        PART_FILL,
                        STROKE,
                        round(px + 5, 1),
                        inner_y + 12,
                        TEXT,
                        part.name[:22],
                    )
                )
                in_part = [entry for entry in mine if entry.part_id == part.pk]
                if index == 0:
                    in_part = loose + in_part
                body += _markers_in_box(in_part, px, inner_y + 12, part_w - 2, inner_h - 12)
        else:
            body += _markers_in_box(mine, x + 4, inner_y, w - 8, inner_h)
    if unknown:
        y = dmap.rows * CELL_H + GAP / 2
        body.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#ffffff" stroke="{}" '
                'stroke-width="1" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                GAP / 2,
                y,
                width - GAP,
                CELL_H - GAP,
                STROKE,
                GAP / 2 + 8,
                y + 16,
                TEXT,
                _("District not known"),
            )
        )
        body += _markers_in_box(unknown, GAP / 2 + 4, y + LABEL_H, width - GAP - 8, CELL_H - LABEL_H - 8)
    description = _(
        "Schematic map of the districts with %(count)d provisions as numbered markers. "
        "The list next to the map shows the same data."
    ) % {"count": len(entries)}
    return format_html(
        '<svg class="network-map" viewBox="0 0 {} {}" role="group" aria-labelledby="network-map-t network-map-d" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        '<title id="network-map-t">{}</title><desc id="network-map-d">{}</desc>{}</svg>',
        width,
        height,
        title,
        description,
        mark_safe("".join(body)),  # noqa: S308 -- every part escaped by format_html
    )
