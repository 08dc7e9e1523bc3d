"""The Almeerse Matrix as rules: which provision types fit a support-need profile.

The criteria themselves are data (``network/data/<swv>.yaml``, loaded into ``RuleTable`` and
``Criterion``); this module only knows how to read a row. Source: "Criteria voor extra
ondersteuning in een stedelijke voorziening", 001_28cb0100de53310c.txt lines 6649-6960, and the
guiding statement "zo licht, tijdelijk en thuisnabij mogelijk" (003_d11f7d0de4f96991.txt:17,25).

A provision type with a funding category fits when every ``required`` row fits and, if it has
``alternative`` rows (letters A, B, C ... joined by "en/of"), at least one of them does. For
types with funding categories (so, vso) the option carries the highest category that fits.
Options are ordered lightest and nearest to regular first.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

AREAS = ("leren", "werkhouding", "communicatie", "fysiek", "context", "gedrag")
LEVELS = range(1, 7)

# Source 001_28cb0100de53310c.txt lines 6691-6701.
LEVEL_LABELS = {
    1: pgettext_lazy("intensity", "age-appropriate or on call"),
    2: pgettext_lazy("intensity", "incidental"),
    3: pgettext_lazy("intensity", "regular"),
    4: pgettext_lazy("intensity", "continuous"),
    5: pgettext_lazy("intensity", "intensive"),
    6: pgettext_lazy("intensity", "very intensive"),
}
AREA_LABELS = {
    "leren": _("learning and cognition"),
    "werkhouding": _("work attitude and task approach"),
    "communicatie": _("communication and language"),
    "fysiek": _("physical and motor development"),
    "context": _("context and system"),
    "gedrag": _("social-emotional development and behaviour"),
}

# Lightest and nearest to regular first (003_d11f7d0de4f96991.txt:25: "zo thuisnabij mogelijk").
PROVISION_TYPE_ORDER = ("regulier", "regulier+", "sbo", "sbo+", "pro", "so", "vso")
PROVISION_TYPE_LABELS = {
    "regulier": _("regular school (basic support)"),
    "regulier+": _("regular school with an arrangement (regulier+)"),
    "sbo": _("special primary school (sbo)"),
    "sbo+": _("sbo with extra funding (sbo+)"),
    "pro": _("practical education (PrO)"),
    "so": _("special school (so)"),
    "vso": _("special secondary school (vso)"),
}
SECTORS = ("po", "vo")
REQUIRED, ALTERNATIVE = "required", "alternative"
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Rule:
    """One criterion row, as read from the data file or the database."""

    key: str
    sectors: tuple[str, ...]
    provision_type: str
    funding_category: int | None
    source: str
    explanation: str
    role: str = ALTERNATIVE
    letter: str = ""
    active: bool = True
    all_of: dict = field(default_factory=dict)
    any_of: dict = field(default_factory=dict)
    max_level: int | None = None
    max_areas_at_max: int | None = None
    emb: bool | None = None
    iq: tuple[int, int] | None = None
    learning_delay_years_min: float | None = None
    min_group_size: int | None = None
    unchecked: str = ""

    @classmethod
    def from_dict(cls, row: dict) -> "Rule":
        sector = row.get("sector", list(SECTORS))
        return cls(
            key=row["key"],
            sectors=tuple([sector] if isinstance(sector, str) else sector),
            provision_type=row["provision_type"],
            funding_category=row.get("funding_category"),
            source=row["source"],
            explanation=" ".join(str(row["explanation"]).split()),
            role=row.get("role", ALTERNATIVE),
            letter=row.get("letter", ""),
            active=row.get("active", True),
            all_of={area: tuple(bounds) for area, bounds in (row.get("all_of") or {}).items()},
            any_of={area: tuple(bounds) for area, bounds in (row.get("any_of") or {}).items()},
            max_level=row.get("max_level"),
            max_areas_at_max=row.get("max_areas_at_max"),
            emb=row.get("emb"),
            iq=tuple(row["iq"]) if row.get("iq") else None,
            learning_delay_years_min=row.get("learning_delay_years_min"),
            min_group_size=row.get("min_group_size"),
            unchecked=row.get("unchecked", ""),
        )

    def as_conditions(self) -> dict:
        """The conditions only, for storing in ``Criterion.conditions``."""
        conditions = {
            "all_of": {area: list(bounds) for area, bounds in self.all_of.items()},
            "any_of": {area: list(bounds) for area, bounds in self.any_of.items()},
            "max_level": self.max_level,
            "max_areas_at_max": self.max_areas_at_max,
            "emb": self.emb,
            "iq": list(self.iq) if self.iq else None,
            "learning_delay_years_min": self.learning_delay_years_min,
            "min_group_size": self.min_group_size,
        }
        return {name: value for name, value in conditions.items() if value not in (None, {}, [])}


@dataclass(frozen=True)
class Table:
    swv: str
    version: str
    source: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Profile:
    sector: str
    levels: dict
    group_size: int | None = None
    emb: bool | None = None
    iq: int | None = None
    learning_delay_years: float | None = None


@dataclass
class Option:
    provision_type: str
    funding_category: int | None
    rules: list[Rule]

    @property
    def weight(self) -> tuple[int, int]:
        return (PROVISION_TYPE_ORDER.index(self.provision_type), self.funding_category or 0)


def validate_data(data: dict) -> list[str]:
    """Problems in a rule table file (empty when it is sound)."""
    problems = []
    for row in data.get("criteria", []):
        key = row.get("key", "?")
        if row.get("provision_type") not in PROVISION_TYPE_ORDER:
            problems.append(f"{key}: unknown provision_type {row.get('provision_type')!r}")
        if row.get("funding_category") not in (None, 1, 2, 3):
            problems.append(f"{key}: funding_category must be empty, 1, 2 or 3")
        for name in ("all_of", "any_of"):
            for area, bounds in (row.get(name) or {}).items():
                if area not in AREAS:
                    problems.append(f"{key}: unknown area {area!r}")
                if len(bounds) != 2 or not 1 <= bounds[0] <= bounds[1] <= 6:
                    problems.append(f"{key}: {area} bounds must be [min, max] within 1-6")
        if not row.get("source") or not row.get("explanation"):
            problems.append(f"{key}: needs a source and an explanation")
    return problems


def load_table_file(path: Path) -> tuple[dict, Table]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = validate_data(data)
    if problems:
        raise ValueError("; ".join(problems))
    rules = tuple(Rule.from_dict(row) for row in data["criteria"])
    return data, Table(swv=data["swv"], version=str(data["version"]), source=data["source"], rules=rules)


@cache
def default_table() -> Table:
    """The Almere table shipped with Dekkend (used when an SWV has not published its own).
    Read once per process: the file is part of the release."""
    return load_table_file(DATA_DIR / "almere.yaml")[1]


def _within(level: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= level <= bounds[1]


def rule_fits(rule: Rule, profile: Profile) -> bool:
    levels = profile.levels
    if rule.all_of and not all(_within(levels[area], bounds) for area, bounds in rule.all_of.items()):
        return False
    if rule.any_of and not any(_within(levels[area], bounds) for area, bounds in rule.any_of.items()):
        return False
    if rule.max_level is not None:
        if max(levels.values()) > rule.max_level:
            return False
        at_max = sum(1 for level in levels.values() if level == rule.max_level)
        if rule.max_areas_at_max is not None and at_max > rule.max_areas_at_max:
            return False
    if rule.emb is not None and profile.emb is not rule.emb:
        return False
    if rule.iq is not None and (profile.iq is None or not _within(profile.iq, rule.iq)):
        return False
    if rule.learning_delay_years_min is not None and (
        profile.learning_delay_years is None or profile.learning_delay_years < rule.learning_delay_years_min
    ):
        return False
    # An unknown group size is not held against the pupil; the explanation says it was not checked.
    if rule.min_group_size is not None and profile.group_size is not None:
        return profile.group_size >= rule.min_group_size
    return True


_COMPILED: dict[tuple[int, str], tuple] = {}


def _compiled(table: Table, sector: str) -> list[tuple[tuple[str, int | None], list[Rule], list[Rule]]]:
    """The active rows of ``table`` for ``sector`` per (type, category), split into required
    rows and alternatives; worked out once per table (tables are never changed)."""
    key = (id(table), sector)
    found = _COMPILED.get(key)
    if found is None or found[0] is not table:
        groups: dict[tuple[str, int | None], list[Rule]] = {}
        for rule in table.rules:
            if rule.active and sector in rule.sectors:
                groups.setdefault((rule.provision_type, rule.funding_category), []).append(rule)
        compiled = [
            (group, [r for r in rules if r.role == REQUIRED], [r for r in rules if r.role != REQUIRED])
            for group, rules in groups.items()
        ]
        if len(_COMPILED) > 256:
            _COMPILED.clear()
        found = _COMPILED[key] = (table, compiled)
    return found[1]


def assess(profile: Profile, table: Table) -> list[Option]:
    """The provision types that fit ``profile``, lightest and nearest to regular first, each
    with the funding category it needs (the highest that fits) and the rows that made it fit."""
    best: dict[str, Option] = {}
    for (provision_type, category), required, alternatives in _compiled(table, profile.sector):
        if not all(rule_fits(rule, profile) for rule in required):
            continue
        matched = [rule for rule in alternatives if rule_fits(rule, profile)]
        if alternatives and not matched:
            continue
        option = Option(provision_type, category, matched + required)
        current = best.get(provision_type)
        if current is None or (category or 0) > (current.funding_category or 0):
            best[provision_type] = option
    return sorted(best.values(), key=lambda option: option.weight)


def lightest(profile: Profile, table: Table) -> tuple[int, int] | None:
    options = assess(profile, table)
    return options[0].weight if options else None


# --- Coverage: which kind of provision a pupil's need asks of the network ---------------------


def target_group(options: list[Option], offered: set[tuple[str, int | None]]) -> tuple[str, int | None] | None:
    """The kind of provision (type, funding category) a pupil's need asks of the network.

    "Zo licht, tijdelijk en thuisnabij mogelijk" (003_d11f7d0de4f96991.txt:17,25): the lightest
    option the criteria allow that the network offers (``offered``: the types and categories
    for which some group offers at least this need on every area). Basic support at the
    pupil's own school (the lightest option is ``regulier``) asks nothing of the network: None.
    When the criteria allow nothing the answer is maatwerk (``("maatwerk", None)``); when the
    network offers none of the allowed options, the lightest allowed option (a gap)."""
    if not options:
        return (MAATWERK, None)
    if options[0].provision_type == "regulier":
        return None
    for option in options:
        if (option.provision_type, option.funding_category) in offered:
            return (option.provision_type, option.funding_category)
    return (options[0].provision_type, options[0].funding_category)


MAATWERK = "maatwerk"


def target_group_key(provision_type: str, funding_category: int | None) -> str:
    return f"{provision_type}-{funding_category}" if funding_category else provision_type


def covers(offer: dict[str, int], need: dict[str, int]) -> bool:
    """A group covers a need when it offers at least the needed intensity on every area
    (MEASURES.md: "the pupil's need per domain against the offer per domain")."""
    return all(offer[area] >= need[area] for area in AREAS)


# Districts a place is "near" (see districts.py): the pupil's own district, then the adjacent ones.
IN_DISTRICT, ADJACENT, ELSEWHERE_IN_REGION = 0, 1, 2
SMALL_CELL = 5


def suppress(count: int, *, suppressed: bool) -> int | str:
    """Partners see any cell under 5 pupils as "<5" (DESIGN.md, data and privacy rules)."""
    return "<5" if suppressed and count < SMALL_CELL else count


def allocate(
    demand: dict[int | None, int], capacity: dict[int | None, int], adjacent: dict[int, set[int]]
) -> dict[int | None, list[int]]:
    """Share the places of one kind of provision among the districts' demand, nearest first:
    own district, then adjacent districts, then anywhere else in the region. Returns per
    district ``[in district, adjacent, elsewhere, without a place]``. Pupils whose district is
    not known (None) only get places elsewhere. Deterministic: districts in id order, the
    adjacent district with the most places left first."""
    left = {district: places for district, places in capacity.items() if places > 0}
    result: dict[int | None, list[int]] = {district: [0, 0, 0, 0] for district in demand}
    rest = dict(demand)
    order = sorted(demand, key=lambda district: (district is None, district or 0))
    for district in order:
        if district is None:
            continue
        take = min(rest[district], left.get(district, 0))
        result[district][IN_DISTRICT] += take
        rest[district] -= take
        if district in left:
            left[district] -= take
    for district in order:
        if district is None:
            continue
        for neighbour in sorted(adjacent.get(district, ()), key=lambda other: (-left.get(other, 0), other)):
            take = min(rest[district], left.get(neighbour, 0))
            if take:
                result[district][ADJACENT] += take
                rest[district] -= take
                left[neighbour] -= take
    for district in order:
        for other in sorted(left, key=lambda other: (-left[other], other or 0)):
            take = min(rest[district], left[other])
            if take:
                result[district][ELSEWHERE_IN_REGION] += take
                rest[district] -= take
                left[other] -= take
        result[district][3] = rest[district]
    return result


# --- Funding: arrangement funding follows the matrix -------------------------------------------
# 000_3b7fd33ccc1b5778.txt:182-183 "De financiering van de onderwijsarrangementen is gekoppeld
# aan de Almeerse matrix." The arithmetic is the SWV's own (MEASURES.md lines 17-26).

FUNDING_LEVELS = (0, 1, 2, 3)  # 0: a place without TLV category
FIRST_PART, SECOND_PART = Decimal(7) / Decimal(12), Decimal(5) / Decimal(12)
CENT = Decimal("0.01")


def school_year_of(day: date) -> str:
    """The school year a day falls in: it starts on 1 August (WPO/WVO; the 5/12 part of the
    calendar year runs August-December, MEASURES.md:22-23)."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def school_years_of_calendar_year(year: int) -> tuple[str, str]:
    """January-July of ``year`` lie in the school year that started the year before;
    August-December in the one that starts in ``year`` (MEASURES.md:22-23)."""
    return f"{year - 1}-{year}", f"{year}-{year + 1}"


def tariff_origin(level: int, school_year: str, tariffs: dict[tuple[str, int], tuple]) -> tuple[str, bool] | None:
    """Where the tariff for ``level`` in ``school_year`` comes from: ("set", …) when one is set
    for that year, ("indexed", …) when it is the indexed next-year tariff of the year before
    (MEASURES.md:21-22), None when unknown. The second part says whether that tariff is the
    SWV's own (True) or a shipped example (False): ``tariffs`` values may carry a third item,
    ``is_example``."""
    own = tariffs.get((school_year, level))
    if own is not None:
        return "set", not (len(own) > 2 and own[2])
    start = int(school_year[:4])
    before = tariffs.get((f"{start - 1}-{start}", level))
    if before is not None and before[1] is not None:
        return "indexed", not (len(before) > 2 and before[2])
    return None


def tariff_for(level: int, school_year: str, tariffs: dict[tuple[str, int], tuple]) -> Decimal | None:
    """The tariff per place for ``level`` in ``school_year``: the one set for that year, else
    the indexed next-year tariff of the year before (MEASURES.md:21-22), else unknown (None).
    ``tariffs``: {(school year, level): (amount, indexed next-year amount or None[, is_example])}."""
    origin = tariff_origin(level, school_year, tariffs)
    if origin is None:
        return None
    if origin[0] == "set":
        return tariffs[(school_year, level)][0]
    start = int(school_year[:4])
    return tariffs[(f"{start - 1}-{start}", level)][1]


def is_school_year(value: str) -> bool:
    """A school year is written "2025-2026": two consecutive years (it starts on 1 August,
    MEASURES.md:22-23)."""
    if len(value) != 9 or value[4] != "-" or not (value[:4].isdigit() and value[5:].isdigit()):
        return False
    return int(value[5:]) == int(value[:4]) + 1


def next_school_year(school_year: str) -> str:
    start = int(school_year[:4]) + 1
    return f"{start}-{start + 1}"


def yearly_amount(places: dict[int, int], tariffs: dict[int, Decimal | None]) -> Decimal | None:
    """Places × tariff, summed over the funding levels (MEASURES.md:21-22 "yearly amount =
    places × tariff"). None when a level with places has no tariff."""
    total = Decimal(0)
    for level, count in places.items():
        if not count:
            continue
        tariff = tariffs.get(level)
        if tariff is None:
            return None
        total += count * tariff
    return total.quantize(CENT)


def calendar_year_amount(first_school_year: Decimal | None, second_school_year: Decimal | None) -> Decimal | None:
    """The amount for a calendar-year budget: 7/12 of the school year that ends in July and
    5/12 of the one that starts in August (MEASURES.md:22-24). Rounded to the cent at the end."""
    if first_school_year is None or second_school_year is None:
        return None
    return (first_school_year * FIRST_PART + second_school_year * SECOND_PART).quantize(CENT, ROUND_HALF_UP)


def indexation_factor(this_year: Decimal | None, next_year: Decimal | None) -> Decimal | None:
    """The ratio of the two yearly amounts (MEASURES.md:24); unknown when this year is 0."""
    if not this_year or next_year is None:
        return None
    return (next_year / this_year).quantize(Decimal("0.0001"), ROUND_HALF_UP)
