"""Reads of the network app: the rule table in force for an SWV, and the ranking of the
groups and arrangements of an SWV for one support-need profile."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, Exists, OuterRef, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekkend.organisations import selectors as organisation_selectors
from dekkend.organisations.models import Area, Provision, School, SchoolLocation, Swv
from dekkend.pupils.models import Placement, Pupil

from .districts import DistrictMap, district_map
from .models import CoverageScenario, FundingTariff, ProvisionGroup, ProvisionType, RuleTable, SupportProfile
from .rules import (
    ADJACENT,
    AREA_LABELS,
    AREAS,
    ELSEWHERE_IN_REGION,
    FUNDING_LEVELS,
    IN_DISTRICT,
    MAATWERK,
    PROVISION_TYPE_LABELS,
    PROVISION_TYPE_ORDER,
    Option,
    Profile,
    Rule,
    Table,
    allocate,
    assess,
    calendar_year_amount,
    default_table,
    indexation_factor,
    is_school_year,
    next_school_year,
    school_years_of_calendar_year,
    target_group,
    target_group_key,
    tariff_for,
    tariff_origin,
    yearly_amount,
)


def swvs_for(user):
    """The SWVs whose network the user may see (same scope as the organisational data)."""
    return organisation_selectors.swvs_for(user)


def rule_table_current(swv: Swv | None) -> RuleTable | None:
    if swv is None:
        return None
    return RuleTable.objects.filter(swv=swv).order_by("-published_on", "-id").first()


_TABLES: dict[tuple, Table] = {}


def table_for(swv: Swv | None) -> Table:
    """The SWV's latest published table as rules; the shipped Almere table if it has none.
    A published table is never changed (a new version is a new table), so it is read from the
    database once per process."""
    rule_table = rule_table_current(swv)
    if rule_table is None:
        return default_table()
    key = (rule_table.pk, rule_table.swv_id, rule_table.version, rule_table.published_on, rule_table.source)
    table = _TABLES.get(key)
    if table is not None:
        return table
    rules = []
    for criterion in rule_table.criteria.all():
        rules.append(
            Rule.from_dict(
                {
                    "key": criterion.key,
                    "sector": criterion.sectors,
                    "provision_type": criterion.provision_type,
                    "funding_category": criterion.funding_category,
                    "source": criterion.source,
                    "explanation": criterion.explanation,
                    "role": criterion.role,
                    "letter": criterion.letter,
                    "active": criterion.is_active,
                    "unchecked": criterion.unchecked,
                    **criterion.conditions,
                }
            )
        )
    table = Table(swv=swv.code, version=rule_table.version, source=rule_table.source, rules=tuple(rules))
    _TABLES[key] = table
    return table


_ASSESSED: dict[tuple, list[Option]] = {}


def _assessed(table: Table, key: tuple, profile: Profile) -> list[Option]:
    """``assess(profile, table)``, remembered per process: a table is never changed and kept
    alive in ``_TABLES`` (or ``default_table``), so the same facts give the same options."""
    memo_key = (id(table), key)
    options = _ASSESSED.get(memo_key)
    if options is None:
        if len(_ASSESSED) > 50_000:
            _ASSESSED.clear()
        options = _ASSESSED[memo_key] = assess(profile, table)
    return options


def assess_profile(profile: Profile, swv: Swv | None) -> tuple[Table, list[Option]]:
    table = table_for(swv)
    return table, assess(profile, table)


# --- Matching --------------------------------------------------------------------------------

SAME_AREA, SAME_STADSDEEL, ELSEWHERE, UNKNOWN = 0, 1, 2, 3


_MATCH_SQL = """
    SELECT g.id, g.provision_type, {offers},
      g.places_without_category, g.places_category_1, g.places_category_2, g.places_category_3,
      g.free_places, g.waiting_list, p.area_id, h.area_id, l.area_id{coordinates}
    FROM {groups} g
      JOIN {provisions} p ON p.id = g.provision_id
      LEFT JOIN {provisions} h ON h.id = p.host_id
      LEFT JOIN {locations} l ON l.id = g.location_id
    WHERE p.swv_id = %s{year}
"""


def _match_rows(swv: Swv, school_year: str | None, *, coordinates: bool) -> list[tuple]:
    """The columns ranking needs of every group of ``swv`` (one query, no model instances)."""
    sql = _MATCH_SQL.format(  # table and column names from the models; values are parameters
        offers=", ".join(f"g.offer_{area}" for area in AREAS),
        coordinates=", l.latitude, l.longitude" if coordinates else ", NULL, NULL",
        groups=ProvisionGroup._meta.db_table,
        provisions=Provision._meta.db_table,
        locations=SchoolLocation._meta.db_table,
        year=" AND g.school_year = %s" if school_year else "",
    )
    params = [swv.pk, school_year] if school_year else [swv.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_OFFER = slice(2, 8)
_PLACES = slice(8, 12)
_FREE, _WAITING, _AREA, _HOST_AREA, _LOCATION_AREA, _LATITUDE, _LONGITUDE = range(12, 19)


class _GroupLoader:
    """Loads the ranked groups as model instances in one query, on first use (ranking itself
    needs only a few columns of each group)."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        self.groups: dict[int, ProvisionGroup] | None = None

    def get(self, pk: int) -> ProvisionGroup:
        if self.groups is None:
            self.groups = ProvisionGroup.objects.select_related("provision", "location").in_bulk(self.ids)
        return self.groups[pk]


@dataclass(slots=True)
class Match:
    group_id: int
    row: tuple
    need: dict[str, int]
    option: Option | None
    covers: bool
    shortfall: int
    surplus: int
    is_regular: bool
    distance_class: int
    distance_km: float | None
    loader: _GroupLoader
    rank: int = 0

    @property
    def group(self) -> ProvisionGroup:
        return self.loader.get(self.group_id)

    @property
    def type_fits(self) -> bool:
        return self.option is not None

    @property
    def free_places(self) -> int:
        return self.row[_FREE]

    @property
    def waiting_list(self) -> int:
        return self.row[_WAITING]

    def sort_key(self) -> tuple:
        return (
            not self.covers,
            self.shortfall,
            not self.type_fits,
            not self.is_regular,
            self.distance_class,
            self.distance_km if self.distance_km is not None else math.inf,
            self.free_places == 0,
            self.waiting_list,
            self.surplus,
            self.group_id,
        )

    @property
    def reasons(self) -> list[str]:
        """Why this group has its place, in Dutch (worked out when asked for)."""
        offer = dict(zip(AREAS, self.row[_OFFER], strict=True))
        gaps = [area for area in AREAS if self.need[area] > offer[area]]
        reasons = []
        if gaps:
            reasons.append(
                _("Offers less than needed on: %(areas)s.")
                % {"areas": ", ".join(f"{AREA_LABELS[area]} ({self.need[area]} > {offer[area]})" for area in gaps)}
            )
        else:
            reasons.append(_("Offers at least the needed support on all six areas."))
        if self.option is None:
            reasons.append(_("The criteria do not point to this kind of provision for this profile."))
        else:
            reasons.append(_("The criteria allow this kind of provision."))
            category = self.option.funding_category
            if category and self.row[_PLACES][category] == 0:
                reasons.append(_("Has no places in funding category %(category)d.") % {"category": category})
        if self.is_regular:
            reasons.append(_("A regular school: as close to regular education as possible."))
        reasons.append(_distance_reason(self.distance_class, self.distance_km))
        if self.free_places:
            reasons.append(
                ngettext("%(count)d free place now.", "%(count)d free places now.", self.free_places)
                % {"count": self.free_places}
            )
        else:
            reasons.append(_("No free places now."))
        if self.waiting_list:
            reasons.append(
                ngettext(
                    "%(count)d pupil on the waiting list.",
                    "%(count)d pupils on the waiting list.",
                    self.waiting_list,
                )
                % {"count": self.waiting_list}
            )
        return reasons


def _stadsdeel(area_id: int | None, areas: dict[int, tuple[str, int | None]]) -> int | None:
    while area_id is not None and area_id in areas:
        kind, parent = areas[area_id]
        if kind == Area.Kind.STADSDEEL:
            return area_id
        area_id = parent
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _distance_reason(distance_class: int, distance_km: float | None) -> str:
    text = {
        SAME_AREA: _("In the home district."),
        SAME_STADSDEEL: _("In the same part of town as home."),
        ELSEWHERE: _("Elsewhere in the region."),
        UNKNOWN: _("Location unknown."),
    }[distance_class]
    if distance_km is not None:
        text += " " + _("About %(km).1f km from home.") % {"km": distance_km}
    return text


def match_groups(
    *,
    swv: Swv,
    profile: Profile,
    home_area: Area,
    home_latitude: float | None = None,
    home_longitude: float | None = None,
    school_year: str | None = None,
) -> tuple[list[Option], list[Match]]:
    """Rank the groups and arrangements of ``swv`` for ``profile``: first those that offer at
    least the need on every area, then by a provision type the criteria allow, regular before
    specialised, distance from home, free places, waiting list and the least surplus (as light
    as possible). Each match explains its rank in Dutch (``Match.reasons``)."""
    _table, options = assess_profile(profile, swv)
    fitting_types = {option.provision_type: option for option in options}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, kind, parent_id FROM {Area._meta.db_table}")  # noqa: S608 -- a model's table
        areas = {pk: (kind, parent) for pk, kind, parent in cursor.fetchall()}
    home_id = home_area.pk
    home_district = _stadsdeel(home_id, areas)
    districts: dict[int, int | None] = {}
    with_home = home_latitude is not None and home_longitude is not None
    # Coordinates only when there is a home to measure from.
    rows = _match_rows(swv, school_year, coordinates=with_home)
    loader = _GroupLoader([row[0] for row in rows])
    need = profile.levels
    need_values = tuple(need[area] for area in AREAS)
    regular = (ProvisionType.REGULAR, ProvisionType.REGULAR_PLUS)
    matches = []
    for row in rows:
        shortfall = surplus = 0
        for needed, given in zip(need_values, row[_OFFER], strict=True):
            if needed > given:
                shortfall += needed - given
            else:
                surplus += given - needed
        area_id = row[_AREA] or row[_HOST_AREA] or row[_LOCATION_AREA]
        if area_id is None:
            distance_class = UNKNOWN
        elif area_id == home_id:
            distance_class = SAME_AREA
        else:
            if area_id not in districts:
                districts[area_id] = _stadsdeel(area_id, areas)
            same = home_district is not None and districts[area_id] == home_district
            distance_class = SAME_STADSDEEL if same else ELSEWHERE
        distance_km = None
        if with_home and row[_LATITUDE] is not None and row[_LONGITUDE] is not None:
            distance_km = haversine_km(home_latitude, home_longitude, float(row[_LATITUDE]), float(row[_LONGITUDE]))
        matches.append(
            Match(
                group_id=row[0],
                row=row,
                need=need,
                option=fitting_types.get(row[1]),
                covers=shortfall == 0,
                shortfall=shortfall,
                surplus=surplus,
                is_regular=row[1] in regular,
                distance_class=distance_class,
                distance_km=distance_km,
                loader=loader,
            )
        )
    matches.sort(key=Match.sort_key)
    for rank, match in enumerate(matches, start=1):
        match.rank = rank
    return options, matches


# --- The network map (public data only) -------------------------------------------------------

# Which provision types belong to a sector (001_28cb0100de53310c.txt:6703-6960: PO and VO criteria).
SECTOR_TYPES = {
    "po": ("regulier", "regulier+", "sbo", "sbo+", "so"),
    "vo": ("regulier", "regulier+", "pro", "vso"),
}


@dataclass
class MapEntry:
    provision: Provision
    groups: list[ProvisionGroup]
    district_id: int | None
    district_name: str
    part_id: int | None
    map_number: int = 0

    @property
    def has_groups(self) -> bool:
        return bool(self.groups)

    @property
    def places(self) -> int:
        return sum(group.places_total for group in self.groups)

    @property
    def free_places(self) -> int:
        return sum(group.free_places for group in self.groups)

    @property
    def planned_places(self) -> int:
        return sum(group.planned_places_next_year for group in self.groups)

    @property
    def free_places_planned(self) -> int:
        return sum(group.free_places_planned for group in self.groups)

    @property
    def waiting_list(self) -> int:
        return sum(group.waiting_list for group in self.groups)

    @property
    def type_labels(self) -> list[str]:
        return sorted({str(PROVISION_TYPE_LABELS[group.provision_type]) for group in self.groups})

    @property
    def summary(self) -> str:
        """One line for the marker's tooltip and screen readers."""
        parts = [f"{self.map_number}. {self.provision.name}", self.district_name or _("District not known")]
        if self.groups:
            free = self.free_places
            parts.append(ngettext("%(count)d free place", "%(count)d free places", free) % {"count": free})
        return " – ".join(parts)


def school_years(swv: Swv) -> list[str]:
    return list(
        ProvisionGroup.objects.filter(provision__swv=swv)
        .order_by("-school_year")
        .values_list("school_year", flat=True)
        .distinct()
    )


def network_map(
    *,
    swv: Swv,
    school_year: str | None = None,
    provision_type: str = "",
    sector: str = "",
    free_only: bool = False,
) -> tuple[DistrictMap, list[MapEntry]]:
    """Every provision of ``swv`` with its groups of ``school_year`` (the latest if not given),
    in its district, narrowed by the filters. Organisational data only: no pupil is read."""
    dmap = district_map(swv)
    if school_year is None:
        years = school_years(swv)
        school_year = years[0] if years else ""
    groups_by_provision: dict[int, list[ProvisionGroup]] = {}
    groups = ProvisionGroup.objects.filter(provision__swv=swv, school_year=school_year).order_by("name", "pk")
    for group in groups:
        groups_by_provision.setdefault(group.provision_id, []).append(group)
    types = set(PROVISION_TYPE_ORDER)
    if sector:
        types &= set(SECTOR_TYPES[sector])
    if provision_type:
        types &= {provision_type}
    filtered = bool(sector or provision_type or free_only)
    district_names = {district.pk: district.name for district in dmap.districts}
    entries = []
    provisions = Provision.objects.filter(swv=swv).select_related("area", "host").order_by("kind", "name", "pk")
    for provision in provisions:
        mine = [group for group in groups_by_provision.get(provision.pk, []) if group.provision_type in types]
        if free_only:
            mine = [group for group in mine if group.free_places > 0]
        if filtered and not mine:
            continue
        area_id = provision.area_id or (provision.host.area_id if provision.host else None)
        district_id = dmap.district_for(area_id)
        entries.append(
            MapEntry(
                provision=provision,
                groups=mine,
                district_id=district_id,
                district_name=district_names.get(district_id, ""),
                part_id=dmap.part_of_area.get(area_id) if area_id else None,
            )
        )
    order = {district.pk: index for index, district in enumerate(dmap.districts)}
    entries.sort(key=lambda entry: (order.get(entry.district_id, len(order)), entry.provision.name))
    for number, entry in enumerate(entries, start=1):
        entry.map_number = number
    return dmap, entries


# --- Coverage and gaps (aggregates only) -------------------------------------------------------


@dataclass(frozen=True)
class TargetGroup:
    provision_type: str
    funding_category: int | None

    @property
    def key(self) -> str:
        return target_group_key(self.provision_type, self.funding_category)

    @property
    def label(self) -> str:
        if self.provision_type == MAATWERK:
            return str(_("tailor-made (no criterion fits)"))
        label = str(PROVISION_TYPE_LABELS[self.provision_type])
        if self.funding_category:
            label += " " + _("category %(category)d") % {"category": self.funding_category}
        return label

    @property
    def order(self) -> tuple[int, int]:
        types = (*PROVISION_TYPE_ORDER, MAATWERK)
        return (types.index(self.provision_type), self.funding_category or 0)

    def places(self, group: ProvisionGroup, extra: dict | None = None) -> int:
        """The places of ``group`` for this kind: by funding category for so and vso."""
        if group.provision_type != self.provision_type:
            return 0
        places = group.places_total if self.funding_category is None else group.places_for(self.funding_category)
        if extra:
            levels = (None, 1, 2, 3) if self.funding_category is None else (self.funding_category,)
            places += sum(extra.get((group.pk, level), 0) for level in levels)
        return max(places, 0)


@dataclass
class CoverageRow:
    district_id: int | None
    district_name: str
    target: TargetGroup
    demand: int = 0
    outside_region: int = 0
    places_in_district: int = 0
    places_in_reach: int = 0
    served: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    @property
    def in_district(self) -> int:
        return self.served[IN_DISTRICT]

    @property
    def adjacent(self) -> int:
        return self.served[ADJACENT]

    @property
    def elsewhere(self) -> int:
        return self.served[ELSEWHERE_IN_REGION]

    @property
    def without_place(self) -> int:
        return self.served[3]

    @property
    def not_near(self) -> int:
        """Pupils without a place in or next to their district: the gap."""
        return self.elsewhere + self.without_place

    @property
    def is_gap(self) -> bool:
        return self.not_near > 0


@dataclass
class Coverage:
    swv: Swv
    sector: str
    school_year: str
    dmap: DistrictMap
    rows: list[CoverageRow]

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def served_total(self) -> int:
        return self.total("in_district") + self.total("adjacent") + self.total("elsewhere")

    @property
    def mean_travel(self) -> float | None:
        """Mean distance in district steps (0 own district, 1 next door, 2 further) of the
        pupils who get a place in the region."""
        served = self.served_total
        if not served:
            return None
        return (self.total("adjacent") + 2 * self.total("elsewhere")) / served

    @property
    def could_return(self) -> int:
        """Pupils placed outside the region for whom a place in the region is left."""
        return sum(max(0, row.outside_region - row.without_place) for row in self.rows)

    def gaps(self) -> list[CoverageRow]:
        return [row for row in self.rows if row.is_gap]

    def by_district(self) -> list[tuple[str, int]]:
        totals: dict[str, int] = {}
        for row in self.rows:
            totals[row.district_name] = totals.get(row.district_name, 0) + row.not_near
        return list(totals.items())


def _bucket(field_name: str, points: list[float], *, floor):
    """A CASE that maps a value to the highest threshold it reaches (``floor`` below all).
    The criteria only compare with these thresholds, so the bucket decides the same."""
    whens = [When(**{f"{field_name}__gte": point}, then=Value(point)) for point in sorted(points, reverse=True)]
    return Case(When(**{f"{field_name}__isnull": True}, then=Value(None)), *whens, default=Value(floor))


def _thresholds(table: Table) -> tuple[list[int], list[int], list[float]]:
    group_sizes, iq_points, delays = set(), set(), set()
    for rule in table.rules:
        if rule.min_group_size is not None:
            group_sizes.add(rule.min_group_size)
        if rule.iq is not None:
            iq_points |= {rule.iq[0], rule.iq[1] + 1}
        if rule.learning_delay_years_min is not None:
            delays.add(rule.learning_delay_years_min)
    return sorted(group_sizes), sorted(iq_points), sorted(delays)


def _case_sql(column: str, points: list, floor) -> tuple[str, list]:
    """SQL for ``_bucket``: the highest threshold the value reaches (``floor`` below all)."""
    whens, params = [f"WHEN {column} IS NULL THEN NULL"], []
    for point in sorted(points, reverse=True):
        whens.append(f"WHEN {column} >= %s THEN %s")
        params += [point, point]
    return f"CASE {' '.join(whens)} ELSE %s END", [*params, floor]


def latest_profile_counts(*, swv: Swv, sector: str, table: Table) -> list[dict]:
    """Per home area and (bucketed) profile: how many pupils of ``swv`` in ``sector`` have
    this as their latest profile, and how many of them are placed outside the region (an open
    placement at a school or provision of another SWV). One GROUP BY query, written out in SQL
    that SQLite and PostgreSQL both run; no pupil rows leave the database."""
    group_sizes, iq_points, delays = _thresholds(table)
    profiles, pupils = SupportProfile._meta.db_table, Pupil._meta.db_table
    placements, schools, provisions = Placement._meta.db_table, School._meta.db_table, Provision._meta.db_table
    size_sql, size_params = _case_sql("sp.group_size", group_sizes, 0)
    iq_sql, iq_params = _case_sql("sp.iq", iq_points, -1)
    delay_sql, delay_params = _case_sql("sp.learning_delay_years", delays, 0)
    levels = ", ".join(f"sp.{area}" for area in AREAS)
    sql = f"""
        SELECT p.home_area_id, {levels}, sp.emb, {size_sql}, {iq_sql}, {delay_sql},
          EXISTS (SELECT 1 FROM {placements} pl
                  LEFT JOIN {schools} s ON s.id = pl.school_id
                  LEFT JOIN {provisions} pr ON pr.id = pl.provision_id
                  WHERE pl.pupil_id = sp.pupil_id AND pl.end_date IS NULL
                    AND ((pl.school_id IS NOT NULL AND s.swv_id <> %s)
                      OR (pl.provision_id IS NOT NULL AND pr.swv_id <> %s))),
          COUNT(*)
        FROM {profiles} sp JOIN {pupils} p ON p.id = sp.pupil_id
        WHERE p.swv_id = %s AND p.sector = %s
          AND NOT EXISTS (SELECT 1 FROM {profiles} newer WHERE newer.pupil_id = sp.pupil_id AND newer.id > sp.id)
        GROUP BY {", ".join(str(n) for n in range(1, 13))}
    """  # noqa: S608 -- table names from the models, every value a parameter
    params = [*size_params, *iq_params, *delay_params, swv.pk, swv.pk, swv.pk, sector]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for home_area_id, *values in rows:
        levels_ = dict(zip(AREAS, values[:6], strict=True))
        emb, size, iq, delay, away, count = values[6:]
        result.append(
            {
                "pupil__home_area_id": home_area_id,
                **levels_,
                "emb": bool(emb),
                "gs": int(size) if size is not None else None,
                "iqb": int(iq) if iq is not None else None,
                "delay": float(delay) if delay is not None else None,
                "away": bool(away),
                "n": count,
            }
        )
    return result


def _group_area(group: ProvisionGroup) -> int | None:
    provision = group.provision
    if provision.area_id:
        return provision.area_id
    if provision.host_id and provision.host.area_id:
        return provision.host.area_id
    return group.location.area_id if group.location_id and group.location else None


def coverage(
    *, swv: Swv, sector: str, school_year: str | None = None, changes: dict[tuple[int, int | None], int] | None = None
) -> Coverage:
    """Demand against capacity per district and kind of provision.

    Demand: pupils whose latest profile asks the network for that kind (``rules.target_group``),
    counted in their home district, including those placed outside the region. Capacity: the
    places of the groups of that kind. ``rules.allocate`` shares the places out nearest first;
    a *gap* is a district whose pupils find no place in or next to it. ``changes`` adds or
    removes places per (group id, funding level) for a what-if; nothing is saved."""
    dmap = district_map(swv)
    table = table_for(swv)
    if school_year is None:
        years = school_years(swv)
        school_year = years[0] if years else ""
    groups = list(
        ProvisionGroup.objects.filter(provision__swv=swv, school_year=school_year)
        .select_related("provision", "provision__host", "location")
        .order_by()  # no ordering joins: the rows are summed
    )
    # Per distinct offer (the six levels a group offers): the kinds of provision it stands for.
    offer_kinds: dict[tuple[int, ...], set[tuple[str, int | None]]] = {}
    for group in groups:
        kinds = offer_kinds.setdefault(tuple(getattr(group, f"offer_{area}") for area in AREAS), set())
        kinds.add((group.provision_type, None))
        kinds |= {(group.provision_type, level) for level in (1, 2, 3) if group.places_for(level)}

    memo: dict[tuple, TargetGroup | None] = {}

    def classify(row: dict) -> TargetGroup | None:
        need = tuple(row[area] for area in AREAS)
        key = (*need, row["emb"], row["gs"], row["iqb"], row["delay"])
        if key not in memo:
            profile = Profile(
                sector=sector,
                levels=dict(zip(AREAS, need, strict=True)),
                group_size=row["gs"],
                emb=row["emb"],
                iq=row["iqb"],
                learning_delay_years=row["delay"],
            )
            offered: set[tuple[str, int | None]] = set()
            for offer, kinds in offer_kinds.items():
                if all(given >= needed for given, needed in zip(offer, need, strict=True)):  # rules.covers
                    offered |= kinds
            found = target_group(_assessed(table, (sector, *key), profile), offered)
            memo[key] = TargetGroup(*found) if found else None
        return memo[key]

    demand: dict[TargetGroup, dict[int | None, int]] = {}
    outside: dict[TargetGroup, dict[int | None, int]] = {}
    for row in latest_profile_counts(swv=swv, sector=sector, table=table):
        target = classify(row)
        if target is None:
            continue
        district = dmap.district_for(row["pupil__home_area_id"])
        demand.setdefault(target, {}).setdefault(district, 0)
        demand[target][district] += row["n"]
        if row["away"]:
            outside.setdefault(target, {}).setdefault(district, 0)
            outside[target][district] += row["n"]

    targets = set(demand)
    for group in groups:
        if group.provision_type in SECTOR_TYPES[sector]:
            if group.provision_type in ("so", "vso"):
                targets |= {TargetGroup(group.provision_type, level) for level in (1, 2, 3) if group.places_for(level)}
            elif group.provision_type != "regulier":
                targets.add(TargetGroup(group.provision_type, None))
    names = {district.pk: district.name for district in dmap.districts}
    rows = []
    for target in sorted(targets, key=lambda target: target.order):
        capacity: dict[int | None, int] = {}
        for group in groups:
            places = target.places(group, changes)
            if places:
                district = dmap.district_for(_group_area(group))
                capacity[district] = capacity.get(district, 0) + places
        wanted = demand.get(target, {})
        shares = allocate(wanted, capacity, dmap.adjacent)
        for district_id in [*names, None]:
            if district_id is None and not wanted.get(None):
                continue
            row = CoverageRow(
                district_id=district_id,
                district_name=names.get(district_id, str(_("District not known"))),
                target=target,
                demand=wanted.get(district_id, 0),
                outside_region=outside.get(target, {}).get(district_id, 0),
                places_in_district=capacity.get(district_id, 0) if district_id is not None else 0,
                places_in_reach=sum(capacity.get(d, 0) for d in dmap.in_reach(district_id)) if district_id else 0,
                served=shares.get(district_id, [0, 0, 0, 0]),
            )
            if row.demand or row.places_in_district:
                rows.append(row)
    return Coverage(swv=swv, sector=sector, school_year=school_year, dmap=dmap, rows=rows)


def coverage_groups(*, swv: Swv, school_year: str) -> list[ProvisionGroup]:
    """The groups a what-if may change (organisational data)."""
    return list(
        ProvisionGroup.objects.filter(provision__swv=swv, school_year=school_year)
        .select_related("provision")
        .order_by("provision__name", "name")
    )


# --- Funding: places × tariff per group, per calendar year --------------------------------------


@dataclass
class GroupFunding:
    group: ProvisionGroup
    places_first: dict[int, int]
    places_second: dict[int, int]
    second_basis: str  # "recorded" (a group for that year), "planned" (this group's plan), "as_now"
    amount_first: Decimal | None
    amount_second: Decimal | None
    calendar_amount: Decimal | None
    factor: Decimal | None
    mix: dict[str, int] = field(default_factory=dict)


@dataclass
class FundingReport:
    swv: Swv
    year: int
    school_years: tuple[str, str]
    tariffs: list[dict]
    rows: list[GroupFunding]

    def total(self, name: str) -> Decimal | None:
        values = [getattr(row, name) for row in self.rows]
        if any(value is None for value in values):
            return None
        return sum(values, Decimal(0))

    @property
    def total_first(self) -> Decimal | None:
        return self.total("amount_first")

    @property
    def total_second(self) -> Decimal | None:
        return self.total("amount_second")

    @property
    def total_calendar(self) -> Decimal | None:
        return self.total("calendar_amount")

    @property
    def missing_tariffs(self) -> bool:
        return any(row.calendar_amount is None for row in self.rows)

    @property
    def example_tariffs(self) -> bool:
        """Is any tariff of the two school years a shipped example rather than the SWV's own?"""
        return any(row["first_example"] or row["second_example"] for row in self.tariffs)


def _places(group: ProvisionGroup | None) -> dict[int, int]:
    if group is None:
        return dict.fromkeys(FUNDING_LEVELS, 0)
    return {
        0: group.places_without_category,
        1: group.places_category_1,
        2: group.places_category_2,
        3: group.places_category_3,
    }


MIX_NONE, MIX_UNKNOWN = "none", "unknown"


def funding_mix(*, swv: Swv, groups: list[ProvisionGroup]) -> dict[int, dict[str, int]]:
    """Per provision: how many of the pupils placed there now need which funding category by
    their latest profile (``none``: a type without category; ``unknown``: no profile, or the
    criteria do not point to this type). Aggregates only."""
    table = table_for(swv)
    group_sizes, iq_points, delays = _thresholds(table)
    types = {group.provision_id: group.provision_type for group in groups}
    newer = SupportProfile.objects.filter(pupil_id=OuterRef("pupil_id"), pk__gt=OuterRef("pk"))
    counts = (
        SupportProfile.objects.filter(
            pupil__swv=swv,
            pupil__placements__end_date__isnull=True,
            pupil__placements__provision_id__in=list(types),
        )
        .filter(~Exists(newer))
        .annotate(
            gs=_bucket("group_size", group_sizes, floor=0),
            iqb=_bucket("iq", iq_points, floor=-1),
            delay=_bucket("learning_delay_years", delays, floor=0),
        )
        .values("pupil__placements__provision_id", "pupil__sector", *AREAS, "emb", "gs", "iqb", "delay")
        .annotate(n=Count("id"))
        .order_by()
    )
    placed = dict(
        Placement.objects.filter(provision_id__in=list(types), end_date__isnull=True)
        .values_list("provision_id")
        .annotate(n=Count("pupil_id", distinct=True))
    )
    mix: dict[int, dict[str, int]] = {}
    for row in counts:
        provision_id = row["pupil__placements__provision_id"]
        profile = Profile(
            sector=row["pupil__sector"],
            levels={area: row[area] for area in AREAS},
            group_size=row["gs"],
            emb=row["emb"],
            iq=row["iqb"],
            learning_delay_years=float(row["delay"]) if row["delay"] is not None else None,
        )
        facts = (row["pupil__sector"], *(row[area] for area in AREAS), row["emb"], row["gs"], row["iqb"], row["delay"])
        options = _assessed(table, facts, profile)
        option = next((o for o in options if o.provision_type == types[provision_id]), None)
        key = MIX_UNKNOWN
        if option is not None:
            key = str(option.funding_category) if option.funding_category else MIX_NONE
        counts_for = mix.setdefault(provision_id, {})
        counts_for[key] = counts_for.get(key, 0) + row["n"]
    for provision_id, total in placed.items():
        counts_for = mix.setdefault(provision_id, {})
        counts_for[MIX_UNKNOWN] = counts_for.get(MIX_UNKNOWN, 0) + max(0, total - sum(counts_for.values()))
    return mix


def _is_example(origin: tuple[str, bool] | None) -> bool:
    return origin is not None and not origin[1]


def group_funding(*, swv: Swv, year: int) -> FundingReport:
    """Per group: places × tariff for the two school years of calendar year ``year``, the
    calendar-year amount (7/12 + 5/12), the indexation factor and the funding-category mix."""
    first, second = school_years_of_calendar_year(year)
    tariffs = {
        (tariff.school_year, tariff.level): (tariff.amount, tariff.indexed_next_year, tariff.is_example)
        for tariff in FundingTariff.objects.filter(swv=swv)
    }
    tariffs_first = {level: tariff_for(level, first, tariffs) for level in FUNDING_LEVELS}
    tariffs_second = {level: tariff_for(level, second, tariffs) for level in FUNDING_LEVELS}
    origins = {
        (year, level): tariff_origin(level, year, tariffs) for year in (first, second) for level in FUNDING_LEVELS
    }
    groups = list(
        ProvisionGroup.objects.filter(provision__swv=swv, school_year__in=(first, second))
        .select_related("provision")
        .order_by("provision__name", "name", "school_year")
    )
    by_key: dict[tuple[int, str], dict[str, ProvisionGroup]] = {}
    for group in groups:
        by_key.setdefault((group.provision_id, group.name), {})[group.school_year] = group
    mix = funding_mix(swv=swv, groups=groups)
    rows = []
    for years in by_key.values():
        current = years.get(first) or years[second]
        places_first = _places(years.get(first))
        if second in years:
            places_second, basis = _places(years[second]), "recorded"
        else:  # next school year's budget: the plan of this year's group (as now without a plan)
            places_second = years[first].places_planned
            basis = "planned" if years[first].has_plan else "as_now"
        amount_first = yearly_amount(places_first, tariffs_first)
        amount_second = yearly_amount(places_second, tariffs_second)
        rows.append(
            GroupFunding(
                group=current,
                places_first=places_first,
                places_second=places_second,
                second_basis=basis,
                amount_first=amount_first,
                amount_second=amount_second,
                calendar_amount=calendar_year_amount(amount_first, amount_second),
                factor=indexation_factor(amount_first, amount_second),
                mix=mix.get(current.provision_id, {}),
            )
        )
    tariff_rows = [
        {
            "level": level,
            "first": tariffs_first[level],
            "second": tariffs_second[level],
            "first_example": _is_example(origins[(first, level)]),
            "second_example": _is_example(origins[(second, level)]),
            "second_indexed": bool(origins[(second, level)]) and origins[(second, level)][0] == "indexed",
        }
        for level in FUNDING_LEVELS
    ]
    return FundingReport(swv=swv, year=year, school_years=(first, second), tariffs=tariff_rows, rows=rows)


# --- Tariffs and saved scenarios (organisational data, per SWV) --------------------------------


def groups_for(*, swvs, swv_id: int | None = None, school_year: str | None = None):
    """The groups of the given SWVs (a queryset for keyset pagination), optionally of one SWV
    and school year. Organisational data."""
    groups = ProvisionGroup.objects.filter(provision__swv__in=swvs).select_related("provision")
    if swv_id is not None:
        groups = groups.filter(provision__swv_id=swv_id)
    if school_year:
        groups = groups.filter(school_year=school_year)
    return groups


def funding_tariffs(swv: Swv) -> list[FundingTariff]:
    return list(FundingTariff.objects.filter(swv=swv).select_related("updated_by").order_by("-school_year", "level"))


def tariff_school_years(swv: Swv) -> list[str]:
    """The school years a tariff may be set for: those with groups or tariffs, and the one
    after the latest (next year's budget)."""
    years = set(school_years(swv)) | set(
        FundingTariff.objects.filter(swv=swv).values_list("school_year", flat=True).distinct()
    )
    years = {year for year in years if is_school_year(year)}
    if years:
        years.add(next_school_year(max(years)))
    return sorted(years, reverse=True)


def coverage_scenarios(swv: Swv) -> list[CoverageScenario]:
    """The saved what-ifs of ``swv`` (never another SWV's), with their changes."""
    return list(
        CoverageScenario.objects.filter(swv=swv)
        .select_related("created_by")
        .prefetch_related("changes__group__provision")
        .order_by("name", "pk")
    )


def coverage_scenario_get(*, swv: Swv, scenario_id: int) -> CoverageScenario | None:
    return (
        CoverageScenario.objects.filter(swv=swv, pk=scenario_id)
        .select_related("created_by")
        .prefetch_related("changes__group__provision")
        .first()
    )


def coverage_of_scenario(scenario: CoverageScenario) -> tuple[Coverage, Coverage]:
    """Now and with the scenario's changes, for its SWV, sector and school year."""
    now = coverage(swv=scenario.swv, sector=scenario.sector, school_year=scenario.school_year)
    changed = coverage(
        swv=scenario.swv, sector=scenario.sector, school_year=scenario.school_year, changes=scenario.as_changes()
    )
    return now, changed


# --- A pupil's profiles (the caller has read the pupil through pupils.selectors.pupil_get) ------


def support_profile_history(pupil) -> list[SupportProfile]:
    """Every recorded profile of ``pupil``, newest first. Call only after the audited read of
    the pupil (``pupils.selectors.pupil_get``): the history is part of that record."""
    return list(SupportProfile.objects.filter(pupil=pupil).select_related("created_by").order_by("-created_at", "-id"))


def profile_of(support_profile: SupportProfile, sector: str) -> Profile:
    delay = support_profile.learning_delay_years
    return Profile(
        sector=sector,
        levels=support_profile.levels,
        group_size=support_profile.group_size,
        emb=support_profile.emb,
        iq=support_profile.iq,
        learning_delay_years=float(delay) if delay is not None else None,
    )
