"""The synthetic demo population, planned in memory by a pure function.

:func:`population_plan` takes the public provisions and areas (as plain values) and a seed,
and returns every synthetic board, school, pupil and placement as frozen dataclasses. It
touches no database and uses only ``random.Random(seed)``, so the same inputs and seed give
the same population on every machine. :mod:`dekkend.demo.services` writes a plan to the
database. Nothing here describes a real child: names come from small built-in lists and are
combined at random; BRIN numbers start with "99" and do not exist.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dekkend.organisations.models import Provision, SchoolType, Sector
from dekkend.pupils.models import Placement

Reason = Placement.Reason

# The demo's reference day: the VO counting date (teldatum) of school year 2026-2027.
REFERENCE_DATE = date(2026, 10, 1)

# Default size: about the pupil numbers of the two Almere SWVs and a part of Plein 013.
DEFAULT_SIZES: dict[str, int] = {"almere-po": 30_000, "almere-vo": 20_000, "plein013-po": 8_000}
DEFAULT_TOTAL = sum(DEFAULT_SIZES.values())
DEFAULT_SEED = 2026

# Doorverwijzingspercentages, Bijlage II of the Ondersteuningsplan Passend Onderwijs Almere
# (seeds/001_28cb0100de53310c.txt:1241-1249), streefcijfer for 2026:
#   1243 "Percentage Speciaal Onderwijs ... 1,69%"          (2026 column)
#   1245 "Percentage Speciaal Basisonderwijs ... 3,00%"
#   1247 "Percentage Voortgezet Speciaal Onderwijs ... 4,62%"
#   1249 "Percentage Praktijk Onderwijs (PrO) ... 3,53%"
# Plein 013 publishes no percentages (seeds/004), so the demo uses the Almere figures there too.
SPECIAL_SHARES: dict[str, dict[str, float]] = {
    Sector.PO: {SchoolType.SBO: 0.0300, SchoolType.SO: 0.0169},
    Sector.VO: {SchoolType.VSO: 0.0462, SchoolType.PRO: 0.0353},
}

# Regular schools per SWV and the sector of its pupils.
REGULAR_SCHOOLS: dict[str, int] = {"almere-po": 60, "almere-vo": 15, "plein013-po": 30}
SWV_SECTOR: dict[str, str] = {"almere-po": Sector.PO, "almere-vo": Sector.VO, "plein013-po": Sector.PO}
# The pupil number is "SYN-<swv tag>-<n>" (the field holds 20 characters).
SWV_TAGS: dict[str, str] = {"almere-po": "APO", "almere-vo": "AVO", "plein013-po": "P013"}
# BRIN numbers "99" + letter + digit; each SWV starts at its own letter so that all are unique.
BRIN_START_LETTER: dict[str, str] = {"almere-po": "A", "almere-vo": "M", "plein013-po": "R"}

BOARDS: dict[str, list[str]] = {
    "almere-po": [
        "Stichting Proefonderwijs Almere",
        "Stichting Oefenscholen Flevoland",
        "Vereniging Voorbeeldonderwijs Almere",
        "Stichting Denkbeeldig Primair Onderwijs",
        "Stichting Fictieve Basisscholen Almere",
    ],
    "almere-vo": [
        "Stichting Proefcolleges Almere",
        "Vereniging Voorbeeld Voortgezet Onderwijs",
        "Stichting Oefenlyceum Flevoland",
    ],
    "plein013-po": [
        "Stichting Proefonderwijs Plein 013",
        "Stichting Oefenscholen Midden-Brabant",
        "Vereniging Voorbeeldonderwijs 013",
    ],
}
SPECIAL_BOARDS: dict[str, str] = {
    "almere-po": "Stichting Proef Speciaal Onderwijs Almere",
    "almere-vo": "Stichting Proef Speciaal Onderwijs Almere",
    "plein013-po": "Stichting Proef Speciaal Onderwijs 013",
}

# Plein 013 names no buurten (004:37, 43), so the demo invents a few, clearly marked.
PLEIN_REGION = "Regio Plein 013 (synthetisch)"
PLEIN_BUURTEN = [f"Buurt {name} (synthetisch)" for name in ("Noord", "Oost", "Zuid", "West", "Centrum", "Haven")]
# Plein 013 publishes no special schools; two synthetic ones carry its SBO/SO pupils.
PLEIN_SPECIAL_SCHOOLS = [("SBO De Oefenkade", SchoolType.SBO), ("SO De Proefhaven", SchoolType.SO)]
# Almere Pampus is a district still in planning (001:1537): no schools there.
AREAS_WITHOUT_SCHOOLS = {"Almere Pampus"}

PROVISION_SCHOOL_TYPES = {
    Provision.Kind.SBO: SchoolType.SBO,
    Provision.Kind.SO: SchoolType.SO,
    Provision.Kind.VSO: SchoolType.VSO,
    Provision.Kind.PRO: SchoolType.PRO,
}

PO_PREFIXES = ["OBS", "CBS", "Basisschool", "IKC", "Daltonschool", "Montessorischool"]
PO_NAMES = [
    "De Proeftuin", "De Oefenhoek", "Het Denkpad", "De Leerlijn", "De Ontdekpolder", "De Rekenhaven",
    "De Taaltuin", "Het Klimrek", "De Spelwerf", "Het Zaaibed", "De Groeikas", "Het Vlinderveld",
    "De Knikkerbaan", "De Tekenplank", "De Bouwhoek", "De Leeswolk", "De Schrijfveer", "Het Telraam",
    "De Kijkdoos", "De Speurneus", "De Zwerfkei", "De Dijkpaal", "De Polderwind", "Het Meeuwennest",
    "De Lisdodde", "De Rietkraag", "De Wilgenhof", "Het Elzenhout", "De Windvaan", "De Zeilboot",
]  # fmt: skip
VO_NAMES = [
    "Proefcollege", "Oefenlyceum", "Denkpad College", "Polderwind College", "Rietkraag Lyceum",
    "Windvaan College", "Zeilboot Scholengemeenschap", "Dijkpaal College", "Leerlijn Lyceum",
    "Ontdekpolder College", "Kijkdoos Lyceum", "Groeikas College", "Meeuwennest College",
    "Wilgenhof Scholengemeenschap", "Zwerfkei Lyceum", "Speurneus College", "Elzenhout Lyceum",
]  # fmt: skip
STREETS = [
    "Oefenlaan", "Proefstraat", "Voorbeeldweg", "Denkbeeldpad", "Fictiestraat", "Schetsweg",
    "Ontwerplaan", "Modelstraat", "Testdreef", "Demoplein",
]  # fmt: skip
FIRST_NAMES = [
    "Noah", "Emma", "Liam", "Julia", "Luca", "Mila", "Sem", "Tess", "Daan", "Sophie", "Finn", "Zoë",
    "Levi", "Nora", "Milan", "Sara", "Bram", "Evi", "Jesse", "Lotte", "Thijs", "Fleur", "Mohamed",
    "Yara", "Adam", "Amira", "Ayoub", "Nour", "Mees", "Lina", "Ryan", "Sanne", "Jayden", "Isa",
    "Omar", "Fenna", "Ravi", "Priya", "Kevin", "Naomi", "Lars", "Jill", "Jan", "Anna", "Youssef",
    "Hiba", "Dex", "Liv", "Tim", "Roos", "Gijs", "Femke", "Sven", "Eline", "Mats", "Noor",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
    "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "Schouten", "Willems", "Hoekstra",
    "Koster", "Prins", "Postma", "Kuipers", "Verhoeven", "Huisman", "Kramer", "El Amrani", "Bouzid",
    "Yılmaz", "Öztürk", "Kartosen", "Sedney", "Biharie", "Ramdin", "Nguyen", "Tran", "Martina",
    "Pinas", "Bennani", "Aydın", "Doğan", "Haddou", "Sitaldin", "Koç", "Boateng", "Mensah",
]  # fmt: skip

# How often a pupil's history has a second placement.
PO_MOVE_SHARE = 0.10  # changed school within the SWV after a move
SPECIAL_VIA_REGULAR_SHARE = 0.85  # special-education pupils who started at a regular school
VO_FROM_PO_SHARE = 0.85  # VO pupils who came from a primary school of Almere PO
VO_MOVE_SHARE = 0.05
VSO_VIA_REGULAR_VO_SHARE = 0.30  # VSO/PrO pupils who first went to a regular VO school


@dataclass(frozen=True)
class ProvisionInput:
    """A public provision, as far as the demo needs it."""

    swv: str
    name: str
    kind: str
    source: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    area: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.swv, self.source, self.name)


@dataclass(frozen=True)
class LocationPlan:
    code: str
    name: str
    street: str
    postcode: str
    city: str
    area: str | None
    provision: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class SchoolPlan:
    key: str
    swv: str
    board: str
    brin: str
    name: str
    school_type: str
    locations: tuple[LocationPlan, ...]

    @property
    def is_special(self) -> bool:
        return self.school_type not in (SchoolType.BAO, SchoolType.VO)


@dataclass(frozen=True)
class PlacementPlan:
    school: str  # SchoolPlan.key
    start_date: date
    end_date: date | None
    reason: str
    provision: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class PupilPlan:
    swv: str
    pupil_number: str
    first_name: str
    last_name: str
    birth_date: date
    sector: str
    school: str  # SchoolPlan.key
    location: str  # LocationPlan.code
    home_area: str | None
    placements: tuple[PlacementPlan, ...]


@dataclass
class PopulationPlan:
    boards: list[str] = field(default_factory=list)
    schools: list[SchoolPlan] = field(default_factory=list)
    pupils: list[PupilPlan] = field(default_factory=list)

    def school(self, key: str) -> SchoolPlan:
        return self._by_key[key]

    def __post_init__(self) -> None:
        self._by_key: dict[str, SchoolPlan] = {}

    def add_school(self, school: SchoolPlan) -> None:
        self.schools.append(school)
        self._by_key[school.key] = school
        if school.board not in self.boards:
            self.boards.append(school.board)


def split_sizes(total: int) -> dict[str, int]:
    """``total`` pupils over the SWVs in the default proportions (largest remainder, exact sum)."""
    return _allocate(total, [DEFAULT_SIZES[code] for code in DEFAULT_SIZES], list(DEFAULT_SIZES))


def _allocate(total: int, weights: list[float], keys: list) -> dict:
    if not keys:
        return {}
    weight_sum = sum(weights)
    exact = [total * w / weight_sum for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(keys)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(keys, counts, strict=True))


def _brin(swv: str, index: int) -> str:
    letter = chr(ord(BRIN_START_LETTER[swv]) + index // 10)
    return f"99{letter}{index % 10}"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, month=3, day=1)


def _birth_date(rng: random.Random, youngest: int, oldest: int) -> date:
    """A birth date for an age from ``youngest`` up to and including ``oldest`` on the reference day."""
    latest = _add_years(REFERENCE_DATE, -youngest)
    earliest = _add_years(REFERENCE_DATE, -(oldest + 1)) + timedelta(days=1)
    return earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def _between(rng: random.Random, start: date, end: date, margin: int = 30) -> date | None:
    """A day at least ``margin`` days after ``start`` and before ``end``, or None if none fits."""
    span = (end - start).days
    if span <= margin + 1:
        return None
    return start + timedelta(days=rng.randint(margin, span - 1))


def _chain(steps: list[tuple]) -> tuple[PlacementPlan, ...]:
    """Placements from (school, start, reason, provision) steps: each ends when the next starts."""
    placements = []
    for i, (school, start, reason, provision) in enumerate(steps):
        end = steps[i + 1][1] if i + 1 < len(steps) else None
        placements.append(PlacementPlan(school, start, end, reason, provision))
    return tuple(placements)


def _plan_schools(
    rng: random.Random, plan: PopulationPlan, provisions: list[ProvisionInput], areas: dict[str, list[str]]
) -> None:
    po_count = sum(n for code, n in REGULAR_SCHOOLS.items() if SWV_SECTOR[code] == Sector.PO)
    po_names = rng.sample([f"{prefix} {name}" for prefix in PO_PREFIXES for name in PO_NAMES], k=po_count)
    vo_names = rng.sample(VO_NAMES, k=min(len(VO_NAMES), REGULAR_SCHOOLS["almere-vo"]))
    for swv, count in REGULAR_SCHOOLS.items():
        sector = SWV_SECTOR[swv]
        school_areas = [name for name in areas[swv] if name not in AREAS_WITHOUT_SCHOOLS]
        rng.shuffle(school_areas)
        boards = BOARDS[swv]
        city = "Almere" if swv.startswith("almere") else ""
        for i in range(count):
            name = po_names.pop() if sector == Sector.PO else vo_names[i % len(vo_names)]
            location = LocationPlan(
                code="00",
                name=name,
                street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                postcode="",
                city=city,
                area=school_areas[i % len(school_areas)],
            )
            school_type = SchoolType.BAO if sector == Sector.PO else SchoolType.VO
            plan.add_school(
                SchoolPlan(f"{swv}:{i}", swv, boards[i % len(boards)], _brin(swv, i), name, school_type, (location,))
            )
        # Special schools: the public provisions of kind sbo/so/vso/pro, grouped by school name
        # ("VSO Nautilus - Locatie Lierstraat" → "VSO Nautilus"); Plein 013 gets synthetic ones.
        groups: dict[str, list[ProvisionInput]] = {}
        for provision in provisions:
            if provision.swv == swv and provision.kind in PROVISION_SCHOOL_TYPES:
                groups.setdefault(provision.name.split(" - Locatie")[0], []).append(provision)
        special = [(name, PROVISION_SCHOOL_TYPES[members[0].kind], members) for name, members in groups.items()] or [
            (name, school_type, []) for name, school_type in PLEIN_SPECIAL_SCHOOLS if swv == "plein013-po"
        ]
        for j, (name, school_type, members) in enumerate(special):
            if members:
                locations = tuple(
                    LocationPlan(f"{k:02d}", p.name, p.street, p.postcode, p.city, p.area, p.key)
                    for k, p in enumerate(members)
                )
            else:
                locations = (LocationPlan("00", name, "", "", city, rng.choice(school_areas)),)
            index = count + j
            plan.add_school(
                SchoolPlan(f"{swv}:{index}", swv, SPECIAL_BOARDS[swv], _brin(swv, index), name, school_type, locations)
            )


def _history(
    rng: random.Random, pools: dict[str, list[SchoolPlan]], school: SchoolPlan, location: LocationPlan, birth: date
) -> tuple[PlacementPlan, ...]:
    """A plausible placement history ending at ``school`` (open-ended), consistent in time:
    each placement ends on the day the next one starts."""
    regular = pools[school.swv]
    po_schools = pools.get("almere-po", [])
    start_po = _add_years(birth, 4)
    if school.school_type == SchoolType.BAO:
        move = _between(rng, start_po, REFERENCE_DATE) if rng.random() < PO_MOVE_SHARE else None
        others = [s for s in regular if s.key != school.key] if move is not None else []
        if not others:
            return _chain([(school.key, start_po, Reason.ENROLMENT, None)])
        return _chain(
            [(rng.choice(others).key, start_po, Reason.ENROLMENT, None), (school.key, move, Reason.MOVE, None)]
        )
    if school.school_type in (SchoolType.SBO, SchoolType.SO):
        tlv = _between(rng, start_po, REFERENCE_DATE) if rng.random() < SPECIAL_VIA_REGULAR_SHARE else None
        if tlv is None or not regular:
            return _chain([(school.key, start_po, Reason.ENROLMENT, location.provision)])
        return _chain(
            [
                (rng.choice(regular).key, start_po, Reason.ENROLMENT, None),
                (school.key, tlv, Reason.TLV, location.provision),
            ]
        )
    # Secondary: the school year in which the pupil is 12 on 1 October starts on 1 September.
    transition_year = min(birth.year + 12 + ((birth.month, birth.day) > (10, 1)), REFERENCE_DATE.year)
    transition = date(transition_year, 9, 1)
    steps: list[tuple] = []
    from_po = bool(po_schools) and rng.random() < VO_FROM_PO_SHARE
    if from_po:
        steps.append((rng.choice(po_schools).key, start_po, Reason.ENROLMENT, None))
    first_reason = Reason.TRANSITION if from_po else Reason.ENROLMENT
    if school.school_type == SchoolType.VO:
        move = _between(rng, transition, REFERENCE_DATE) if rng.random() < VO_MOVE_SHARE else None
        others = [s for s in regular if s.key != school.key]
        if move is not None and others:
            steps += [(rng.choice(others).key, transition, first_reason, None), (school.key, move, Reason.MOVE, None)]
        else:
            steps.append((school.key, transition, first_reason, None))
        return _chain(steps)
    # VSO/PrO: straight from primary school with a TLV, or after a first period in regular VO.
    via_regular = _between(rng, transition, REFERENCE_DATE) if rng.random() < VSO_VIA_REGULAR_VO_SHARE else None
    if via_regular is not None and regular:
        steps += [(rng.choice(regular).key, transition, first_reason, None)]
        steps.append((school.key, via_regular, Reason.TLV, location.provision))
    else:
        steps.append((school.key, transition, Reason.TLV if from_po else Reason.ENROLMENT, location.provision))
    return _chain(steps)


def population_plan(
    *,
    provisions: list[ProvisionInput],
    areas: dict[str, list[str]],
    total: int = DEFAULT_TOTAL,
    seed: int = DEFAULT_SEED,
) -> PopulationPlan:
    """The whole synthetic population for ``total`` pupils: deterministic for a given seed.

    ``areas`` maps an SWV code to the names of the areas its schools may lie in (the leaves of
    its area tree); ``provisions`` are the public provisions (only sbo/so/vso/pro become schools).
    """
    rng = random.Random(seed)
    plan = PopulationPlan()
    _plan_schools(rng, plan, provisions, areas)
    pools: dict[str, list[SchoolPlan]] = {}
    for school in plan.schools:
        if not school.is_special:
            pools.setdefault(school.swv, []).append(school)
    for swv, count in split_sizes(total).items():
        sector = SWV_SECTOR[swv]
        schools = [s for s in plan.schools if s.swv == swv]
        # Special education: exactly the Bijlage II share of this SWV's pupils, per school type.
        per_type = {school_type: round(count * share) for school_type, share in SPECIAL_SHARES[sector].items()}
        seats: list[tuple[SchoolPlan, int]] = []
        for school_type, n in per_type.items():
            typed = [s for s in schools if s.school_type == school_type]
            seats += [(s, c) for s, c in _allocate(n, [1.0] * len(typed), typed).items()]
        regular = [s for s in schools if not s.is_special]
        sizes = [rng.uniform(0.5, 1.6) for _ in regular]
        seats += list(_allocate(count - sum(per_type.values()), sizes, regular).items())
        youngest, oldest = (4, 12) if sector == Sector.PO else (12, 17)
        number = 0
        for school, seat_count in seats:
            for k in range(seat_count):
                number += 1
                location = school.locations[k % len(school.locations)]
                birth = _birth_date(rng, youngest, oldest + (school.school_type in (SchoolType.VSO, SchoolType.PRO)))
                home = location.area if location.area and rng.random() < 0.85 else rng.choice(areas[swv])
                plan.pupils.append(
                    PupilPlan(
                        swv=swv,
                        pupil_number=f"SYN-{SWV_TAGS[swv]}-{number}",
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=rng.choice(LAST_NAMES),
                        birth_date=birth,
                        sector=sector,
                        school=school.key,
                        location=location.code,
                        home_area=home,
                        placements=_history(rng, pools, school, location, birth),
                    )
                )
    return plan
