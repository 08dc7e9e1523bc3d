"""The districts of an SWV's municipality for the network map and the coverage: which district
an area lies in, which districts are adjacent, and where each district sits on the schematic
map (``data/maps.yaml``; a square grid when a municipality has no layout there).

A *district* is an area directly below the municipality in the Area tree (in Almere the
stadsdelen). Deeper areas (wijken, buurten) belong to the district above them.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import yaml

from dekkend.organisations.models import Area, Provision, SchoolLocation, Swv

from .rules import DATA_DIR


@dataclass
class District:
    area: Area
    col: int
    row: int
    width: int = 1
    height: int = 1
    parts: list[Area] = field(default_factory=list)  # the areas directly below it (wijken)

    @property
    def pk(self) -> int:
        return self.area.pk

    @property
    def name(self) -> str:
        return self.area.name

    def cells(self) -> set[tuple[int, int]]:
        return {(self.col + dx, self.row + dy) for dx in range(self.width) for dy in range(self.height)}


@dataclass
class DistrictMap:
    municipality: Area | None
    columns: int
    rows: int
    districts: list[District]
    district_of_area: dict[int, int]  # any area id below the municipality -> its district's area id
    adjacent: dict[int, set[int]]
    part_of_area: dict[int, int] = field(default_factory=dict)  # area id -> the wijk of its district

    def district_for(self, area_id: int | None) -> int | None:
        return self.district_of_area.get(area_id) if area_id is not None else None

    def by_pk(self) -> dict[int, District]:
        return {district.pk: district for district in self.districts}

    def in_reach(self, district_id: int) -> set[int]:
        """The district itself and the districts adjacent to it."""
        return {district_id, *self.adjacent.get(district_id, set())}


@cache
def _layouts() -> dict:
    return yaml.safe_load((DATA_DIR / "maps.yaml").read_text(encoding="utf-8")) or {}


def _root(area_id: int | None, areas: dict[int, Area]) -> int | None:
    seen = set()
    while area_id is not None and area_id in areas and area_id not in seen:
        seen.add(area_id)
        parent = areas[area_id].parent_id
        if parent is None:
            return area_id
        area_id = parent
    return None


def municipality_for(swv: Swv, areas: dict[int, Area]) -> Area | None:
    """The municipality (root area) where most of the SWV's provisions and school locations lie."""
    area_ids = list(Provision.objects.filter(swv=swv, area__isnull=False).values_list("area_id", flat=True))
    if not area_ids:  # an SWV without provisions on the map: where its schools are
        area_ids = list(
            SchoolLocation.objects.filter(school__swv=swv, area__isnull=False).values_list("area_id", flat=True)[:500]
        )
    roots = Counter(root for root in (_root(area_id, areas) for area_id in area_ids) if root is not None)
    if roots:
        return areas[roots.most_common(1)[0][0]]
    named = next((a for a in areas.values() if a.parent_id is None and a.name == swv.municipality), None)
    return named


def _adjacency(districts: list[District]) -> dict[int, set[int]]:
    owner = {cell: district.pk for district in districts for cell in district.cells()}
    adjacent: dict[int, set[int]] = {district.pk: set() for district in districts}
    for (col, row), pk in owner.items():
        for neighbour in ((col + 1, row), (col, row + 1)):
            other = owner.get(neighbour)
            if other is not None and other != pk:
                adjacent[pk].add(other)
                adjacent[other].add(pk)
    return adjacent


def district_map(swv: Swv) -> DistrictMap:
    areas = {area.pk: area for area in Area.objects.all()}
    municipality = municipality_for(swv, areas)
    if municipality is None:
        return DistrictMap(None, 1, 1, [], {}, {})
    children: dict[int, list[Area]] = {}
    for area in areas.values():
        if area.parent_id is not None:
            children.setdefault(area.parent_id, []).append(area)
    tops = sorted(children.get(municipality.pk, []), key=lambda area: area.name)
    layout = _layouts().get(municipality.name)
    districts: list[District] = []
    if layout:
        columns, rows = layout["columns"], layout["rows"]
        placed = layout["districts"]
        extra_row = rows
        for area in tops:
            spot = placed.get(area.name)
            if spot is None:  # a district the layout does not know yet: a row below the map
                spot = {"col": len([d for d in districts if d.row == extra_row]), "row": extra_row}
                rows = extra_row + 1
            districts.append(District(area, spot["col"], spot["row"], spot.get("width", 1), spot.get("height", 1)))
        columns = max([columns, *(d.col + d.width for d in districts)])
    else:
        columns = max(1, math.ceil(math.sqrt(len(tops))))
        rows = max(1, math.ceil(len(tops) / columns))
        districts = [District(area, index % columns, index // columns) for index, area in enumerate(tops)]
    district_of_area: dict[int, int] = {}
    part_of_area: dict[int, int] = {}
    for district in districts:
        district.parts = sorted(children.get(district.pk, []), key=lambda area: area.name)
        stack = [(district.pk, None)]
        while stack:
            current, part = stack.pop()
            district_of_area[current] = district.pk
            if part is not None:
                part_of_area[current] = part
            stack.extend((child.pk, part or child.pk) for child in children.get(current, []))
    return DistrictMap(municipality, columns, rows, districts, district_of_area, _adjacency(districts), part_of_area)
