"""Reads of the network app: the rule table in force for an SWV, and the ranking of the
groups and arrangements of an SWV for one support-need profile."""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekkend.organisations import selectors as organisation_selectors
from dekkend.organisations.models import Area, Provision, Swv

from .districts import DistrictMap, district_map
from .models import ProvisionGroup, ProvisionType, RuleTable
from .rules import (
    AREA_LABELS,
    AREAS,
    PROVISION_TYPE_LABELS,
    PROVISION_TYPE_ORDER,
    Option,
    Profile,
    Rule,
    Table,
    assess,
    default_table,
)


def swvs_for(user):
    """The SWVs whose network the user may see (same scope as the organisational data)."""
    return organisation_selectors.swvs_for(user)


def rule_table_current(swv: Swv | None) -> RuleTable | None:
    if swv is None:
        return None
    return RuleTable.objects.filter(swv=swv).order_by("-published_on", "-id").first()


def table_for(swv: Swv | None) -> Table:
    """The SWV's latest published table as rules; the shipped Almere table if it has none."""
    rule_table = rule_table_current(swv)
    if rule_table is None:
        return default_table()
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
    return Table(swv=swv.code, version=rule_table.version, source=rule_table.source, rules=tuple(rules))


def assess_profile(profile: Profile, swv: Swv | None) -> tuple[Table, list[Option]]:
    table = table_for(swv)
    return table, assess(profile, table)


# --- Matching --------------------------------------------------------------------------------

SAME_AREA, SAME_STADSDEEL, ELSEWHERE, UNKNOWN = 0, 1, 2, 3


@dataclass
class Match:
    group: ProvisionGroup
    covers: bool
    shortfall: int
    surplus: int
    is_regular: bool
    type_fits: bool
    distance_class: int
    distance_km: float | None
    reasons: list[str] = field(default_factory=list)
    rank: int = 0

    def sort_key(self) -> tuple:
        return (
            not self.covers,
            self.shortfall,
            not self.type_fits,
            not self.is_regular,
            self.distance_class,
            self.distance_km if self.distance_km is not None else math.inf,
            self.group.free_places == 0,
            self.group.waiting_list,
            self.surplus,
            self.group.pk,
        )


def _stadsdeel(area_id: int | None, areas: dict[int, Area]) -> int | None:
    while area_id is not None and area_id in areas:
        if areas[area_id].kind == Area.Kind.STADSDEEL:
            return area_id
        area_id = areas[area_id].parent_id
    return None


def _distance_class(home_id: int, other_id: int | None, areas: dict[int, Area]) -> int:
    if other_id is None:
        return UNKNOWN
    if other_id == home_id:
        return SAME_AREA
    home_district = _stadsdeel(home_id, areas)
    if home_district is not None and home_district == _stadsdeel(other_id, areas):
        return SAME_STADSDEEL
    return ELSEWHERE


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
    as possible). Each match explains its rank in Dutch."""
    _table, options = assess_profile(profile, swv)
    fitting_types = {option.provision_type: option for option in options}
    areas = {area.pk: area for area in Area.objects.only("id", "kind", "parent_id")}
    groups = ProvisionGroup.objects.filter(provision__swv=swv).select_related("provision", "location")
    if school_year:
        groups = groups.filter(school_year=school_year)
    matches = []
    for group in groups:
        offer = group.offer
        gaps = {area: profile.levels[area] - offer[area] for area in AREAS if profile.levels[area] > offer[area]}
        surplus = sum(max(0, offer[area] - profile.levels[area]) for area in AREAS)
        area_id = group.provision.area_id or (group.location.area_id if group.location else None)
        distance_class = _distance_class(home_area.pk, area_id, areas)
        distance_km = None
        if home_latitude is not None and home_longitude is not None and group.location and group.location.latitude:
            distance_km = haversine_km(
                home_latitude, home_longitude, float(group.location.latitude), float(group.location.longitude)
            )
        option = fitting_types.get(group.provision_type)
        is_regular = group.provision_type in (ProvisionType.REGULAR, ProvisionType.REGULAR_PLUS)
        reasons = []
        if gaps:
            reasons.append(
                _("Offers less than needed on: %(areas)s.")
                % {
                    "areas": ", ".join(
                        f"{AREA_LABELS[area]} ({profile.levels[area]} > {offer[area]})" for area in gaps
                    )
                }
            )
        else:
            reasons.append(_("Offers at least the needed support on all six areas."))
        if option is None:
            reasons.append(_("The criteria do not point to this kind of provision for this profile."))
        else:
            reasons.append(_("The criteria allow this kind of provision."))
            if option.funding_category and group.places_for(option.funding_category) == 0:
                reasons.append(
                    _("Has no places in funding category %(category)d.") % {"category": option.funding_category}
                )
        if is_regular:
            reasons.append(_("A regular school: as close to regular education as possible."))
        reasons.append(_distance_reason(distance_class, distance_km))
        if group.free_places:
            reasons.append(
                ngettext("%(count)d free place now.", "%(count)d free places now.", group.free_places)
                % {"count": group.free_places}
            )
        else:
            reasons.append(_("No free places now."))
        if group.waiting_list:
            reasons.append(
                ngettext(
                    "%(count)d pupil on the waiting list.", "%(count)d pupils on the waiting list.", group.waiting_list
                )
                % {"count": group.waiting_list}
            )
        matches.append(
            Match(
                group=group,
                covers=not gaps,
                shortfall=sum(gaps.values()),
                surplus=surplus,
                is_regular=is_regular,
                type_fits=option is not None,
                distance_class=distance_class,
                distance_km=distance_km,
                reasons=reasons,
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
