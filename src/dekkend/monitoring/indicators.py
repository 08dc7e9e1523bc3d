"""One function per computed indicator, each citing its definition (``data/indicators.yaml``
holds the catalogue entry with the full definition and the seed line).

Every function takes a :class:`Query` (SWV, period, how to group, SQL filters) and returns
:class:`Unit` rows: one per *unit* — a school (for the levels city, board and school, rolled
up by :mod:`dekkend.monitoring.selectors`) or a home area (for the level district). Counting is
done by SQL aggregates (``GROUP BY`` with ``COUNT``/``SUM``); only for lead times are the day
counts fetched, because quartiles have no portable SQL aggregate (PostgreSQL has
``percentile_cont``, SQLite has none).

Placements: a placement is *active on* a day when it started on or before that day and has not
ended by then (``end_date`` is the day the next placement starts). So a placement starting on
the teldatum counts on the teldatum; one starting the day after does not.
"""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from django.db import connections, router
from django.db.models import Case, Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum, When
from django.db.models.functions import Coalesce

from dekkend.network.models import ProvisionGroup
from dekkend.organisations.models import Provision, School, SchoolType, Sector, Swv
from dekkend.pupils.models import Placement
from dekkend.referrals.models import Application, ApplicationType

from .periods import Period

PO_TYPES = (SchoolType.BAO, SchoolType.SBO, SchoolType.SO)
VO_TYPES = (SchoolType.VO, SchoolType.VSO, SchoolType.PRO)
REGULAR_TYPES = (SchoolType.BAO, SchoolType.VO)
SPECIAL_TYPES = (SchoolType.SBO, SchoolType.SO, SchoolType.VSO, SchoolType.PRO)
TLV_TYPES = (ApplicationType.TLV, ApplicationType.TLV_VERLENGING)
# Requests for extra support counted by the application rate (seeds/004:93: "aanmeldingspercentage").
SUPPORT_REQUEST_TYPES = (*TLV_TYPES, ApplicationType.ONDERWIJSARRANGEMENT)
# A change of location: a new placement after an earlier one. The first enrolment and the
# ordinary transition from primary to secondary are not changes; a TLV renewal makes no placement.
CHANGE_REASONS = (
    Placement.Reason.MOVE,
    Placement.Reason.TLV,
    Placement.Reason.RETURN,
    Placement.Reason.PARENTS_CHOICE,
)
SEASON_MONTHS = (5, 6, 7)  # May to July


class Grouping:
    NONE = "none"  # one unit: the whole SWV (the level city without a filter)
    SCHOOL = "school"  # unit = the school (rolled up to board and city)
    HOME_AREA = "home_area"  # unit = the pupil's home area (rolled up to district)


@dataclass(frozen=True)
class Query:
    swv: Swv
    period: Period
    grouping: str = Grouping.SCHOOL
    school_ids: tuple[int, ...] | None = None  # restrict to these schools (a board or a school)
    area_ids: tuple[int, ...] | None = None  # restrict to pupils living in these areas (a district)


@dataclass
class Unit:
    key: int | None  # school id or home area id (None: unknown)
    numerator: int = 0
    denominator: int | None = None
    durations: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Spec:
    """How a function's units become a figure."""

    kind: str  # "ratio" (numerator / denominator × scale), "durations" or "sum"
    scale: int = 100
    suppressible: bool = True  # counts of pupils or their applications (places are not)


REGISTRY: dict[str, tuple[Callable[[Query], list[Unit]], Spec]] = {}
# For the trend of the whole SWV: one query for several periods (conditional aggregates).
MULTI: dict[str, Callable[[Query, list[Period]], dict[Period, list[Unit]]]] = {}


def indicator(spec: Spec):
    def register(function):
        REGISTRY[function.__name__] = (function, spec)
        return function

    return register


# --- queries several indicators share (the dashboard) ----------------------------------------

_SHARED: ContextVar[dict | None] = ContextVar("monitoring_shared_queries", default=None)


@contextmanager
def shared_queries():
    """Within this block a query that several indicators share runs once (the referral
    percentages of one sector, the steunpunt's quarter counts). Only for one request: the memo
    is dropped at the end of the block."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _shared(key: tuple, compute: Callable):
    memo = _SHARED.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# Compiled SQL of the whole-SWV aggregates, per process. The SQL of an aggregate depends only on
# its inputs (function, SWV, periods), never on the data, so after the first request the ORM's
# building and compiling (most of the dashboard's time above the database) is skipped and the
# same statement runs again with the same parameters.
_SQL_CACHE: dict[tuple, tuple[str, tuple, list[str]]] = {}
_SQL_CACHE_SIZE = 2048


def _aggregate(key: tuple, build: Callable[[], tuple[QuerySet, dict]]) -> dict:
    """``queryset.aggregate(**aggregates)`` for ``build() -> (queryset, aggregates)``, compiled
    once per ``key`` (which must name everything the SQL depends on)."""
    connection = connections[router.db_for_read(Placement)]
    key = (connection.alias, connection.vendor, *key)
    cached = _SQL_CACHE.get(key)
    if cached is not None:
        sql, params, names = cached
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(zip(names, cursor.fetchone(), strict=True))
    queryset, aggregates = build()
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        row = queryset.aggregate(**aggregates)
    if len(statements) == 1:  # (none when the ORM knew the answer without asking)
        if len(_SQL_CACHE) >= _SQL_CACHE_SIZE:
            _SQL_CACHE.clear()
        _SQL_CACHE[key] = (statements[0][0], tuple(statements[0][1] or ()), list(row))
    return row


def thuiszitter_quarters(swv: Swv, period: Period):
    """The steunpunt's quarter counts of the period (shared by three figures of the dashboard)."""
    from dekkend.steunpunt.selectors import thuiszitter_counts

    return _shared(
        ("thuiszitters", swv.pk, period.start, period.end),
        lambda: thuiszitter_counts(swv=swv, start=period.start, end=period.end),
    )


# --- helpers --------------------------------------------------------------------------------


def active_on(day: datetime.date, prefix: str = "") -> Q:
    """Placements running on ``day``: started on or before it, not yet ended."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": day})
    )


def _pupil_filter(query: Query, prefix: str = "pupil__") -> Q:
    condition = Q()
    if query.area_ids is not None:
        condition &= Q(**{f"{prefix}home_area_id__in": query.area_ids})
    return condition


def _grouped(queryset: QuerySet, query: Query, school_key, pupil_prefix: str = "pupil__", **aggregates) -> list[dict]:
    """``GROUP BY`` the unit of ``query.grouping``: ``school_key`` (a field or an expression)
    or the pupil's home area."""
    if query.school_ids is not None:
        queryset = queryset.annotate(_school=school_key).filter(_school__in=query.school_ids)
    queryset = queryset.filter(_pupil_filter(query, pupil_prefix))
    if query.grouping == Grouping.NONE:
        return [{"unit": None, **queryset.aggregate(**aggregates)}]
    key = F(f"{pupil_prefix}home_area_id") if query.grouping == Grouping.HOME_AREA else school_key
    return list(queryset.annotate(unit=key).values("unit").annotate(**aggregates).order_by())


def _ratio_units(rows: list[dict]) -> list[Unit]:
    return [Unit(row["unit"], row["n"] or 0, row["d"] or 0) for row in rows]


def _duration_units(rows, query: Query) -> list[Unit]:
    units: dict[int | None, Unit] = {}
    for key, start, end in rows:
        if start is None or end is None or end < start:
            continue
        units.setdefault(key, Unit(key)).durations.append((end - start).days)
    return list(units.values())


# --- referral percentages (Bijlage II) -----------------------------------------------------


def _origin_school():
    """The school that referred a pupil in special education: the last regular school before
    the special placement began; for a pupil in regular education, the school itself."""
    previous = (
        Placement.objects.filter(
            pupil_id=OuterRef("pupil_id"),
            start_date__lt=OuterRef("start_date"),
            school__school_type__in=REGULAR_TYPES,
        )
        .order_by("-start_date", "-id")
        .values("school_id")[:1]
    )
    return Case(
        When(school__school_type__in=SPECIAL_TYPES, then=Subquery(previous)),
        default=F("school_id"),
        output_field=IntegerField(),
    )


def _referral(query: Query, sector: str, types: tuple[str, ...]) -> list[Unit]:
    """Pupils on a school of ``types`` on the teldatum / all pupils on a school of the sector.
    Per school the unit is the referring school (see :func:`_origin_school`)."""
    day = query.period.teldatum(sector)
    sector_types = PO_TYPES if sector == Sector.PO else VO_TYPES
    placements = Placement.objects.filter(active_on(day), school__swv=query.swv, school__school_type__in=sector_types)
    rows = _grouped(
        placements,
        query,
        _origin_school(),
        n=Count("pupil_id", distinct=True, filter=Q(school__school_type__in=types)),
        d=Count("pupil_id", distinct=True),
    )
    return _ratio_units(rows)


@indicator(Spec("ratio"))
def referral_so(query: Query) -> list[Unit]:
    """Percentage Speciaal Onderwijs, PO, teldatum 1 February (seeds/001_28cb0100de53310c.txt:1243)."""
    return _referral(query, Sector.PO, (SchoolType.SO,))


@indicator(Spec("ratio"))
def referral_sbo(query: Query) -> list[Unit]:
    """Percentage Speciaal Basisonderwijs, PO, teldatum 1 February (seeds/001_28cb0100de53310c.txt:1245)."""
    return _referral(query, Sector.PO, (SchoolType.SBO,))


@indicator(Spec("ratio"))
def referral_vso(query: Query) -> list[Unit]:
    """Percentage Voortgezet Speciaal Onderwijs, VO, teldatum 1 October (seeds/001_28cb0100de53310c.txt:1247)."""
    return _referral(query, Sector.VO, (SchoolType.VSO,))


@indicator(Spec("ratio"))
def referral_pro(query: Query) -> list[Unit]:
    """Percentage Praktijkonderwijs, VO, teldatum 1 October (seeds/001_28cb0100de53310c.txt:1249)."""
    return _referral(query, Sector.VO, (SchoolType.PRO,))


@indicator(Spec("ratio"))
def referral_sbo_so(query: Query) -> list[Unit]:
    """Deelname S(B)O, PO, teldatum 1 February (seeds/004_1b42683098db768b.txt:58)."""
    return _referral(query, Sector.PO, (SchoolType.SBO, SchoolType.SO))


# --- toeleiding: lead times, season, statutory term -----------------------------------------


def _tlv_applications(query: Query) -> QuerySet[Application]:
    return Application.objects.filter(swv=query.swv, type__in=TLV_TYPES)


def _in_period(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def _application_durations(query: Query, queryset: QuerySet, start: str, end: str) -> list[Unit]:
    if query.school_ids is not None:
        queryset = queryset.filter(school_id__in=query.school_ids)
    queryset = queryset.filter(_pupil_filter(query))
    if query.grouping == Grouping.NONE:
        return _duration_units(((None, *dates) for dates in queryset.values_list(start, end)), query)
    key = "pupil__home_area_id" if query.grouping == Grouping.HOME_AREA else "school_id"
    return _duration_units(queryset.values_list(key, start, end), query)


@indicator(Spec("durations"))
def lead_time_to_complete(query: Query) -> list[Unit]:
    """Days from receipt to a complete dossier, TLVs complete in the period
    (seeds/004_1b42683098db768b.txt:89; MEASURES.md lead times)."""
    queryset = _tlv_applications(query).filter(_in_period("complete_on", query.period))
    return _application_durations(query, queryset, "submitted_on", "complete_on")


@indicator(Spec("durations"))
def lead_time_to_decision(query: Query) -> list[Unit]:
    """Days from a complete dossier to the decision, TLVs decided in the period
    (seeds/001_28cb0100de53310c.txt:6409-6411: at most 6 weeks)."""
    queryset = _tlv_applications(query).filter(_in_period("decided_on", query.period))
    return _application_durations(query, queryset, "complete_on", "decided_on")


@indicator(Spec("durations"))
def lead_time_total(query: Query) -> list[Unit]:
    """Days from receipt to the decision, TLVs decided in the period (MEASURES.md lead times)."""
    queryset = _tlv_applications(query).filter(_in_period("decided_on", query.period))
    return _application_durations(query, queryset, "submitted_on", "decided_on")


def _placed_applications(query: Query) -> QuerySet[Application]:
    """Granted TLV applications with the start of the pupil's first placement with a TLV on or
    after the application."""
    placed_on = (
        Placement.objects.filter(
            pupil_id=OuterRef("pupil_id"), reason=Placement.Reason.TLV, start_date__gte=OuterRef("submitted_on")
        )
        .order_by()
        .values("pupil_id")
        .annotate(first=Min("start_date"))
        .values("first")[:1]
    )
    return (
        _tlv_applications(query)
        .filter(type=ApplicationType.TLV, outcome=Application.Outcome.GRANTED)
        .annotate(placed_on=Subquery(placed_on))
    )


@indicator(Spec("durations"))
def lead_time_to_placement(query: Query) -> list[Unit]:
    """Days from the TLV application to the placement with a TLV, placements begun in the period
    (seeds/000_3b7fd33ccc1b5778.txt:160-161)."""
    queryset = _placed_applications(query).filter(_in_period("placed_on", query.period))
    return _application_durations(query, queryset, "submitted_on", "placed_on")


def _application_counts(query: Query, queryset: QuerySet, **aggregates) -> list[Unit]:
    if query.school_ids is not None:
        queryset = queryset.filter(school_id__in=query.school_ids)
    queryset = queryset.filter(_pupil_filter(query))
    if query.grouping == Grouping.NONE:
        row = queryset.aggregate(**aggregates)
        return [Unit(None, row["n"] or 0, row["d"] or 0)]
    key = "pupil__home_area_id" if query.grouping == Grouping.HOME_AREA else "school_id"
    rows = queryset.values(key).annotate(**aggregates).order_by()
    return [Unit(row[key], row["n"] or 0, row["d"] or 0) for row in rows]


@indicator(Spec("ratio"))
def seasonal_share(query: Query) -> list[Unit]:
    """Share of the period's TLV applications submitted in May–July (MEASURES.md)."""
    queryset = _tlv_applications(query).filter(_in_period("submitted_on", query.period))
    return _application_counts(
        query, queryset, n=Count("id", filter=Q(submitted_on__month__in=SEASON_MONTHS)), d=Count("id")
    )


@indicator(Spec("ratio"))
def decided_within_term(query: Query) -> list[Unit]:
    """Share of the period's TLV decisions made on or before the (extended) due date
    (seeds/001_28cb0100de53310c.txt:6409-6418). A decision on the due date itself is in time."""
    due = Coalesce(F("decision_extended_to"), F("decision_due"))
    queryset = (
        _tlv_applications(query)
        .filter(_in_period("decided_on", query.period), decision_due__isnull=False)
        .exclude(outcome="")
    )
    return _application_counts(query, queryset, n=Count("id", filter=Q(decided_on__lte=due)), d=Count("id"))


# --- placements: changes, regular settings, outside the region ------------------------------


@indicator(Spec("ratio"))
def location_changes(query: Query) -> list[Unit]:
    """Changes of location in the period per 100 pupils on the teldatum
    (seeds/000_3b7fd33ccc1b5778.txt:158; seeds/001_28cb0100de53310c.txt:1284-1286). A change is
    counted at the school the pupil moved to; the base is a count on one day, so that it adds up
    over schools (each pupil has one placement on a day)."""
    period = query.period
    day = period.teldatum(query.swv.sector)
    placements = Placement.objects.filter(school__swv=query.swv).filter(
        active_on(day) | Q(reason__in=CHANGE_REASONS, start_date__gte=period.start, start_date__lte=period.end)
    )
    rows = _grouped(
        placements,
        query,
        F("school_id"),
        n=Count(
            "id",
            filter=Q(reason__in=CHANGE_REASONS, start_date__gte=period.start, start_date__lte=period.end),
        ),
        d=Count("pupil_id", distinct=True, filter=active_on(day)),
    )
    return _ratio_units(rows)


def _specialised_on(day: datetime.date, prefix: str = "") -> Q:
    return active_on(day, prefix) & Q(**{f"{prefix}school__school_type__in": SPECIAL_TYPES})


def _arrangement_on(day: datetime.date, prefix: str = "") -> Q:
    return active_on(day, prefix) & Q(**{f"{prefix}provision__kind": Provision.Kind.ARRANGEMENT})


@indicator(Spec("ratio"))
def outside_region(query: Query) -> list[Unit]:
    """Of the SWV's pupils in specialised education on the teldatum, the share on a school of
    another SWV (seeds/000_3b7fd33ccc1b5778.txt:164-166; seeds/002_db4167b82468325d.txt:601)."""
    day = query.period.teldatum(query.swv.sector)
    placements = Placement.objects.filter(_specialised_on(day), pupil__swv=query.swv)
    rows = _grouped(
        placements,
        query,
        F("school_id"),
        n=Count("pupil_id", distinct=True, filter=~Q(school__swv=query.swv)),
        d=Count("pupil_id", distinct=True),
    )
    return _ratio_units(rows)


@indicator(Spec("ratio"))
def supported_in_regular(query: Query) -> list[Unit]:
    """Of the pupils supported in a specialised setting on the teldatum, the share in an
    arrangement in or near a regular school building (seeds/001_28cb0100de53310c.txt:1467-1479)."""
    day = query.period.teldatum(query.swv.sector)
    placements = Placement.objects.filter(pupil__swv=query.swv).filter(_specialised_on(day) | _arrangement_on(day))
    rows = _grouped(
        placements,
        query,
        F("school_id"),
        n=Count("pupil_id", distinct=True, filter=Q(provision__kind=Provision.Kind.ARRANGEMENT)),
        d=Count("pupil_id", distinct=True),
    )
    return _ratio_units(rows)


@indicator(Spec("ratio"))
def shift_to_regular(query: Query) -> list[Unit]:
    """Of the pupils on a specialised school on the previous teldatum, the share in an
    arrangement in or near a regular building on this teldatum (goal: at least 5% a year;
    seeds/000_3b7fd33ccc1b5778.txt:237-241; seeds/001_28cb0100de53310c.txt:1445-1449)."""
    sector = query.swv.sector
    day, before = query.period.teldatum(sector), query.period.previous_year().teldatum(sector)

    def placements():
        moved = Placement.objects.filter(_arrangement_on(day), pupil_id=OuterRef("pupil_id"))
        return Placement.objects.filter(_specialised_on(before), pupil__swv=query.swv).annotate(moved=Exists(moved))

    def aggregates():
        return {"n": Count("pupil_id", distinct=True, filter=Q(moved=True)), "d": Count("pupil_id", distinct=True)}

    if _whole(query):
        row = _aggregate(("shift_to_regular", query.swv.pk, day, before), lambda: (placements(), aggregates()))
        return [Unit(None, row["n"] or 0, row["d"] or 0)]
    return _ratio_units(_grouped(placements(), query, F("school_id"), **aggregates()))


@indicator(Spec("ratio"))
def application_rate(query: Query) -> list[Unit]:
    """Requests for extra support (TLV, onderwijsarrangement) in the period per 100 pupils on the
    teldatum (seeds/004_1b42683098db768b.txt:93)."""
    day = query.period.teldatum(query.swv.sector)
    if _whole(query):
        row = _aggregate(
            ("application_rate", query.swv.pk, query.period.code),
            lambda: (
                Application.objects.filter(
                    swv=query.swv, type__in=SUPPORT_REQUEST_TYPES, submitted_on__gte=query.period.start
                ).filter(submitted_on__lte=query.period.end),
                {"n": Count("id")},
            ),
        )
        return [Unit(None, row["n"] or 0, _pupils_on(query, day))]
    pupils = _grouped(
        Placement.objects.filter(active_on(day), school__swv=query.swv),
        query,
        F("school_id"),
        d=Count("pupil_id", distinct=True),
    )
    requests = _application_counts(
        query,
        Application.objects.filter(
            swv=query.swv, type__in=SUPPORT_REQUEST_TYPES, submitted_on__gte=query.period.start
        ).filter(submitted_on__lte=query.period.end),
        n=Count("id"),
        d=Count("id"),
    )
    units = {row["unit"]: Unit(row["unit"], 0, row["d"] or 0) for row in pupils}
    for unit in requests:
        units.setdefault(unit.key, Unit(unit.key, 0, 0)).numerator += unit.numerator
    return list(units.values())


@indicator(Spec("sum", suppressible=False))
def arrangement_places(query: Query) -> list[Unit]:
    """Places in the groups of city-wide arrangements in the school year that begins in the
    period's year (seeds/000_3b7fd33ccc1b5778.txt:261-262)."""
    year = query.period.year
    groups = ProvisionGroup.objects.filter(
        provision__swv=query.swv, provision__kind=Provision.Kind.ARRANGEMENT, school_year=f"{year}-{year + 1}"
    )
    if query.area_ids is not None:
        groups = groups.filter(provision__area_id__in=query.area_ids)
    key = "provision__area_id" if query.grouping == Grouping.HOME_AREA else "location__school_id"
    rows = groups.values(key).annotate(
        n=Sum(F("places_without_category") + F("places_category_1") + F("places_category_2") + F("places_category_3"))
    )
    return [Unit(row[key], row["n"] or 0, None) for row in rows.order_by()]


# --- steunpunt: thuiszitters and escalations (through the steunpunt's selectors) ------------


def _whole(query: Query) -> bool:
    """The whole SWV without a filter: one aggregate whose SQL can be reused."""
    return query.grouping == Grouping.NONE and query.school_ids is None and query.area_ids is None


def _pupils_on(query: Query, day: datetime.date) -> int:
    """Pupils with a placement at a school of the SWV on ``day`` (the base of the rates per 100
    and per 1,000; shared by them on one page)."""
    return _shared(("pupils_on", query.swv.pk, day), lambda: _count_pupils_on(query, day))


def _count_pupils_on(query: Query, day: datetime.date) -> int:
    row = _aggregate(
        ("pupils_on", query.swv.pk, day),
        lambda: (
            Placement.objects.filter(active_on(day), school__swv=query.swv),
            {"n": Count("pupil_id", distinct=True)},
        ),
    )
    return row["n"] or 0


@indicator(Spec("ratio", scale=1000))
def thuiszitters_per_1000(query: Query) -> list[Unit]:
    """Thuiszitters (absolute absence and formal thuiszitters) on the last day of the period's
    last quarter per 1,000 pupils on the teldatum (seeds/000_3b7fd33ccc1b5778.txt:329;
    seeds/004_1b42683098db768b.txt:76; MEASURES.md). The register is the steunpunt's."""
    quarters = thuiszitter_quarters(query.swv, query.period)
    count = quarters[-1].thuiszitters if quarters else 0
    return [Unit(None, count, _pupils_on(query, query.period.teldatum(query.swv.sector)))]


@indicator(Spec("sum"))
def thuiszitter_reports(query: Query) -> list[Unit]:
    """New reports of (threatened) thuiszitters in the period (seeds/002_db4167b82468325d.txt:364)."""
    quarters = thuiszitter_quarters(query.swv, query.period)
    return [Unit(None, sum(quarter.reported for quarter in quarters), None)]


@indicator(Spec("ratio"))
def escalations_within_48_hours(query: Query) -> list[Unit]:
    """Of the impasses opened in the period and solved, the share solved within 48 hours
    (target 80%; seeds/001_28cb0100de53310c.txt:1611-1615)."""
    from dekkend.steunpunt.selectors import escalation_fast_share

    shares = escalation_fast_share(swv=query.swv, start=query.period.start, end=query.period.end)
    return [Unit(None, sum(s.solved_fast for s in shares), sum(s.solved for s in shares))]


# --- several periods in one query (the trend of the whole SWV) ------------------------------


def units_per_period(name: str, query: Query, periods: list[Period]) -> dict[Period, list[Unit]]:
    """The units of ``name`` for each period: one query for all periods where the function has a
    multi-period form and the query is for the whole SWV, else one query per period."""
    if name in MULTI and query.grouping == Grouping.NONE and query.school_ids is None and query.area_ids is None:
        return MULTI[name](query, periods)
    function = REGISTRY[name][0]
    return {period: function(replace(query, period=period)) for period in periods}


def _multi(name: str):
    def register(function):
        MULTI[name] = function
        return function

    return register


# The referral percentages of one sector share one scan of the placements (one query for the
# numerators of every percentage and the common base, per teldatum).
REFERRAL_TYPES = {
    Sector.PO: ((SchoolType.SO,), (SchoolType.SBO,), (SchoolType.SBO, SchoolType.SO)),
    Sector.VO: ((SchoolType.VSO,), (SchoolType.PRO,)),
}


def _referral_counts(swv: Swv, sector: str, days: tuple[datetime.date, ...]) -> dict:
    def build():
        sector_types = PO_TYPES if sector == Sector.PO else VO_TYPES
        placements = Placement.objects.filter(
            school__swv=swv, school__school_type__in=sector_types, start_date__lte=max(days)
        ).filter(Q(end_date__isnull=True) | Q(end_date__gt=min(days)))
        aggregates = {}
        for index, day in enumerate(days):
            for number, types in enumerate(REFERRAL_TYPES[sector]):
                aggregates[f"n{index}_{number}"] = Count(
                    "pupil_id", distinct=True, filter=active_on(day) & Q(school__school_type__in=types)
                )
            aggregates[f"d{index}"] = Count("pupil_id", distinct=True, filter=active_on(day))
        return placements, aggregates

    return _aggregate(("referral", swv.pk, sector, days), build)


def _school_placement_counts(swv: Swv, periods: tuple[Period, ...]) -> dict:
    """One scan of the placements at the SWV's schools for ``periods`` (the indicators of the
    SWV's own sector): per teldatum ``i`` the pupils (``d{i}``), those on a school of the sector
    (``s{i}``) and on a school of each referral group (``n{i}_{k}``), and per period the changes
    of location (``c{i}``). Shared by the referral percentages, the location changes and the
    pupil base of the rates, which would otherwise each scan the same placements."""
    days = tuple(period.teldatum(swv.sector) for period in periods)
    first = min(*days, *(period.start for period in periods))
    last = max(*days, *(period.end for period in periods))

    def build():
        sector_types = PO_TYPES if swv.sector == Sector.PO else VO_TYPES
        placements = Placement.objects.filter(school__swv=swv, start_date__lte=last).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first)
        )
        aggregates = {}
        for index, (day, period) in enumerate(zip(days, periods, strict=True)):
            aggregates[f"d{index}"] = Count("pupil_id", distinct=True, filter=active_on(day))
            aggregates[f"s{index}"] = Count(
                "pupil_id", distinct=True, filter=active_on(day) & Q(school__school_type__in=sector_types)
            )
            for number, types in enumerate(REFERRAL_TYPES[swv.sector]):
                aggregates[f"n{index}_{number}"] = Count(
                    "pupil_id", distinct=True, filter=active_on(day) & Q(school__school_type__in=types)
                )
            # Placements counted by their pupil (never empty), not their id: every column the
            # scan needs is then in the covering index by school and start date, which
            # PostgreSQL reads without visiting the table (half the time at 50,000 pupils).
            changes = Q(reason__in=CHANGE_REASONS, start_date__gte=period.start, start_date__lte=period.end)
            aggregates[f"c{index}"] = Count("pupil_id", filter=changes)
        return placements, aggregates

    row = _shared(
        ("school_placements", swv.pk, tuple(period.code for period in periods)),
        lambda: _aggregate(("school_placements", swv.pk, swv.sector, tuple(p.code for p in periods)), build),
    )
    memo = _SHARED.get()
    if memo is not None:  # the pupil base of the rates on these days is known now
        for index, day in enumerate(days):
            memo.setdefault(("pupils_on", swv.pk, day), row[f"d{index}"] or 0)
    return row


def _referral_multi(query: Query, periods: list[Period], sector: str, types: tuple[str, ...]):
    number = REFERRAL_TYPES[sector].index(types)
    if sector == query.swv.sector:
        row = _school_placement_counts(query.swv, tuple(periods))
        return {
            period: [Unit(None, row[f"n{index}_{number}"] or 0, row[f"s{index}"] or 0)]
            for index, period in enumerate(periods)
        }
    days = tuple(period.teldatum(sector) for period in periods)
    row = _shared(("referral", query.swv.pk, sector, days), lambda: _referral_counts(query.swv, sector, days))
    return {
        period: [Unit(None, row[f"n{index}_{number}"] or 0, row[f"d{index}"] or 0)]
        for index, period in enumerate(periods)
    }


_multi("referral_so")(lambda query, periods: _referral_multi(query, periods, Sector.PO, (SchoolType.SO,)))
_multi("referral_sbo")(lambda query, periods: _referral_multi(query, periods, Sector.PO, (SchoolType.SBO,)))
_multi("referral_vso")(lambda query, periods: _referral_multi(query, periods, Sector.VO, (SchoolType.VSO,)))
_multi("referral_pro")(lambda query, periods: _referral_multi(query, periods, Sector.VO, (SchoolType.PRO,)))
_multi("referral_sbo_so")(
    lambda query, periods: _referral_multi(query, periods, Sector.PO, (SchoolType.SBO, SchoolType.SO))
)


def _bounds(periods: list[Period]) -> list[tuple[Period, datetime.date, datetime.date]]:
    return [(period, period.start, period.end) for period in periods]


def _tlv_dates(query: Query, periods: list[Period]) -> list[tuple]:
    """The receipt, complete and decision dates of the TLVs complete or decided in ``periods``:
    one read shared by the three lead times (per request)."""
    first, last = min(period.start for period in periods), max(period.end for period in periods)
    return _shared(
        ("tlv_dates", query.swv.pk, first, last),
        lambda: list(
            _tlv_applications(query)
            .filter(Q(complete_on__gte=first, complete_on__lte=last) | Q(decided_on__gte=first, decided_on__lte=last))
            .order_by()
            .values_list("submitted_on", "complete_on", "decided_on")
        ),
    )


def _durations_multi(query: Query, periods: list[Period], on: int, start: int, end: int):
    """The day counts from date ``start`` to date ``end`` (indexes into :func:`_tlv_dates`'s
    rows) of the TLVs whose date ``on`` falls in each period."""
    result: dict[Period, list[Unit]] = {period: [Unit(None)] for period in periods}
    bounds = _bounds(periods)
    for dates in _tlv_dates(query, periods):
        day, begin, finish = dates[on], dates[start], dates[end]
        if day is None or begin is None or finish is None or finish < begin:
            continue
        for period, first, last in bounds:
            if first <= day <= last:
                result[period][0].durations.append((finish - begin).days)
    return result


SUBMITTED, COMPLETE, DECIDED = range(3)  # the columns of _tlv_dates


@_multi("lead_time_to_complete")
def _lead_time_to_complete_multi(query: Query, periods: list[Period]):
    return _durations_multi(query, periods, COMPLETE, SUBMITTED, COMPLETE)


@_multi("lead_time_to_decision")
def _lead_time_to_decision_multi(query: Query, periods: list[Period]):
    return _durations_multi(query, periods, DECIDED, COMPLETE, DECIDED)


@_multi("lead_time_total")
def _lead_time_total_multi(query: Query, periods: list[Period]):
    return _durations_multi(query, periods, DECIDED, SUBMITTED, DECIDED)


def _periods_key(name: str, query: Query, periods: list[Period]) -> tuple:
    return (name, query.swv.pk, query.swv.sector, tuple(period.code for period in periods))


def _counts_multi(key: tuple, queryset: Callable[[], QuerySet], periods: list[Period], on: str, numerator):
    def build():
        aggregates = {}
        for index, period in enumerate(periods):
            within = Q(**{f"{on}__gte": period.start, f"{on}__lte": period.end})
            aggregates[f"n{index}"] = Count("id", filter=within & numerator())
            aggregates[f"d{index}"] = Count("id", filter=within)
        return queryset(), aggregates

    row = _aggregate(key, build)
    return {period: [Unit(None, row[f"n{index}"] or 0, row[f"d{index}"] or 0)] for index, period in enumerate(periods)}


@_multi("seasonal_share")
def _seasonal_share_multi(query: Query, periods: list[Period]):
    return _counts_multi(
        _periods_key("seasonal_share", query, periods),
        lambda: _tlv_applications(query),
        periods,
        "submitted_on",
        lambda: Q(submitted_on__month__in=SEASON_MONTHS),
    )


@_multi("decided_within_term")
def _decided_within_term_multi(query: Query, periods: list[Period]):
    return _counts_multi(
        _periods_key("decided_within_term", query, periods),
        lambda: _tlv_applications(query).filter(decision_due__isnull=False).exclude(outcome=""),
        periods,
        "decided_on",
        lambda: Q(decided_on__lte=Coalesce(F("decision_extended_to"), F("decision_due"))),
    )


def _flag(condition: Q) -> Max:
    """1 when any of a pupil's placements meets ``condition``, else 0 (per pupil, ``GROUP BY``)."""
    return Max(Case(When(condition, then=1), default=0, output_field=IntegerField()))


def _special_placement_counts(swv: Swv, periods: tuple[Period, ...]) -> dict:
    """One read of the SWV's pupils' placements in specialised education (a special school of any
    SWV) or in an arrangement, per teldatum ``i``: the pupils in an arrangement (``a{i}``), in
    either (``e{i}``), on a special school (``s{i}``) and on one of another SWV (``o{i}``); and of
    the pupils on a special school on the teldatum a year earlier (``b{i}``), those in an
    arrangement on this one (``m{i}``). Shared by the share outside the region, the share
    supported in regular settings and the shift to regular settings.

    The placements are grouped per pupil with a 0/1 flag per condition and day, so that a sum of
    flags counts pupils (as ``COUNT(DISTINCT pupil)`` would) and the shift, which needs two
    placements of one pupil, is a product of two flags instead of an ``EXISTS`` per pupil.
    The special schools and the arrangements are named by id (two small reads), so that the
    placements are found through their indexes: an OR over two joined tables makes PostgreSQL
    read every placement in the country. The ids are part of the key of the compiled SQL."""
    days = tuple(period.teldatum(swv.sector) for period in periods)
    earlier = tuple(period.previous_year().teldatum(swv.sector) for period in periods)
    every = sorted({*days, *earlier})

    def compute():
        special = School.objects.filter(school_type__in=SPECIAL_TYPES).order_by("id")
        schools = tuple(special.values_list("id", flat=True))
        own = tuple(special.filter(swv=swv).values_list("id", flat=True))
        arrangements = tuple(
            Provision.objects.filter(kind=Provision.Kind.ARRANGEMENT).order_by("id").values_list("id", flat=True)
        )

        def build():
            placements = (
                Placement.objects.filter(pupil__swv=swv, start_date__lte=every[-1])
                .filter(Q(end_date__isnull=True) | Q(end_date__gt=every[0]))
                .filter(Q(school_id__in=schools) | Q(provision_id__in=arrangements))
            )
            flags = {}  # per day (its index in ``every``) the conditions asked of it
            for day in sorted(set(days)):
                at = every.index(day)
                flags[f"arrangement{at}"] = _flag(active_on(day) & Q(provision_id__in=arrangements))
                flags[f"either{at}"] = _flag(active_on(day))
                flags[f"outside{at}"] = _flag(active_on(day) & Q(school_id__in=schools) & ~Q(school_id__in=own))
            for day in every:
                flags[f"special{every.index(day)}"] = _flag(active_on(day) & Q(school_id__in=schools))
            per_pupil = placements.order_by().values("pupil_id").annotate(**flags)
            aggregates = {}
            for index, (day, before) in enumerate(zip(days, earlier, strict=True)):
                at, then = every.index(day), every.index(before)
                aggregates[f"a{index}"] = Sum(f"arrangement{at}")
                aggregates[f"e{index}"] = Sum(f"either{at}")
                aggregates[f"s{index}"] = Sum(f"special{at}")
                aggregates[f"o{index}"] = Sum(f"outside{at}")
                aggregates[f"b{index}"] = Sum(f"special{then}")
                aggregates[f"m{index}"] = Sum(F(f"special{then}") * F(f"arrangement{at}"))
            return per_pupil, aggregates

        key = ("special_placements", swv.pk, swv.sector, tuple(p.code for p in periods), schools, own, arrangements)
        return _aggregate(key, build)

    return _shared(("special_placements", swv.pk, tuple(period.code for period in periods)), compute)


@_multi("outside_region")
def _outside_region_multi(query: Query, periods: list[Period]):
    row = _special_placement_counts(query.swv, tuple(periods))
    return {period: [Unit(None, row[f"o{index}"] or 0, row[f"s{index}"] or 0)] for index, period in enumerate(periods)}


@_multi("supported_in_regular")
def _supported_in_regular_multi(query: Query, periods: list[Period]):
    row = _special_placement_counts(query.swv, tuple(periods))
    return {period: [Unit(None, row[f"a{index}"] or 0, row[f"e{index}"] or 0)] for index, period in enumerate(periods)}


@_multi("shift_to_regular")
def _shift_to_regular_multi(query: Query, periods: list[Period]):
    """From the read of the special placements that the share outside the region shares."""
    row = _special_placement_counts(query.swv, tuple(periods))
    return {period: [Unit(None, row[f"m{index}"] or 0, row[f"b{index}"] or 0)] for index, period in enumerate(periods)}


@_multi("location_changes")
def _location_changes_multi(query: Query, periods: list[Period]):
    """From the scan of the SWV's placements that the referral percentages share."""
    row = _school_placement_counts(query.swv, tuple(periods))
    return {period: [Unit(None, row[f"c{index}"] or 0, row[f"d{index}"] or 0)] for index, period in enumerate(periods)}


@_multi("lead_time_to_placement")
def _lead_time_to_placement_multi(query: Query, periods: list[Period]):
    """As :func:`lead_time_to_placement`, from two indexed reads (the granted TLVs, the placements
    with a TLV of their pupils) instead of a subquery per application, which the SQL repeats for
    the filter and the value (and PostgreSQL compiles just in time at 20,000 applications)."""
    granted = _tlv_applications(query).filter(type=ApplicationType.TLV, outcome=Application.Outcome.GRANTED)
    starts: dict[int, list[datetime.date]] = {}
    placements = Placement.objects.filter(reason=Placement.Reason.TLV, pupil_id__in=granted.values("pupil_id"))
    # No ordering: the model's default (by pupil name) would join every pupil for nothing.
    for pupil_id, start in placements.order_by().values_list("pupil_id", "start_date"):
        starts.setdefault(pupil_id, []).append(start)
    result: dict[Period, list[Unit]] = {period: [Unit(None)] for period in periods}
    bounds = _bounds(periods)
    for pupil_id, submitted in granted.order_by().values_list("pupil_id", "submitted_on"):
        placed = min((start for start in starts.get(pupil_id, ()) if submitted and start >= submitted), default=None)
        if placed is None:
            continue
        for period, first, last in bounds:
            if first <= placed <= last:
                result[period][0].durations.append((placed - submitted).days)
    return result


# --- objections (admissions) and waiting lists (network) ------------------------------------


@indicator(Spec("ratio"))
def objections_rate(query: Query) -> list[Unit]:
    """Complaints about procedures (the complaint register) plus objections against TLV
    decisions, received in the period, per 100 TLV decisions of the period: the complaints about
    procedures as a part of all procedures (seeds/000_3b7fd33ccc1b5778.txt:156;
    seeds/001_28cb0100de53310c.txt:1278-1280; seeds/002_db4167b82468325d.txt:70).

    An objection counts at the school of its application; a complaint at the school it names
    (by default its application's school). A complaint without a school counts only for the
    whole SWV (at board and school level it is in the "other or no school" cell); by district a
    complaint counts at its pupil's home area when it names an application, else as "unknown"."""
    from dekkend.admissions.models import Objection
    from dekkend.complaints.models import Complaint

    received = {"received_on__gte": query.period.start, "received_on__lte": query.period.end}
    objections = Objection.objects.filter(swv=query.swv, **received)
    complaints = Complaint.objects.filter(swv=query.swv, **received)
    if query.school_ids is not None:
        objections = objections.filter(application__school_id__in=query.school_ids)
        complaints = complaints.filter(school_id__in=query.school_ids)
    objections = objections.filter(_pupil_filter(query, "application__pupil__"))
    complaints = complaints.filter(_pupil_filter(query, "application__pupil__"))
    decisions = _application_counts(
        query,
        _tlv_applications(query).filter(_in_period("decided_on", query.period)).exclude(outcome=""),
        n=Count("id"),
        d=Count("id"),
    )
    units = {unit.key: Unit(unit.key, 0, unit.denominator) for unit in decisions}
    if query.grouping == Grouping.NONE:
        counted = [(None, objections.count()), (None, complaints.count())]
    else:
        by_area = query.grouping == Grouping.HOME_AREA
        counted = []
        for rows, key in (
            (objections, "application__pupil__home_area_id" if by_area else "application__school_id"),
            (complaints, "application__pupil__home_area_id" if by_area else "school_id"),
        ):
            counted += [(row[key], row["n"]) for row in rows.values(key).annotate(n=Count("id")).order_by()]
    for key, count in counted:
        units.setdefault(key, Unit(key, 0, 0)).numerator += count
    return list(units.values())


@indicator(Spec("sum"))
def special_waiting_lists(query: Query) -> list[Unit]:
    """Pupils on the waiting lists of the groups of specialised provisions (sbo, so, vso, pro)
    in the school year that begins in the period's year (seeds/004_1b42683098db768b.txt:59)."""
    year = query.period.year
    groups = ProvisionGroup.objects.filter(
        provision__swv=query.swv,
        provision__kind__in=(Provision.Kind.SBO, Provision.Kind.SO, Provision.Kind.VSO, Provision.Kind.PRO),
        school_year=f"{year}-{year + 1}",
    )
    if query.area_ids is not None:
        groups = groups.filter(provision__area_id__in=query.area_ids)
    if _whole(query):
        key = ("special_waiting_lists", query.swv.pk, year)
        return [Unit(None, _aggregate(key, lambda: (groups, {"n": Sum("waiting_list")}))["n"] or 0, None)]
    if query.grouping == Grouping.NONE:
        return [Unit(None, groups.aggregate(n=Sum("waiting_list"))["n"] or 0, None)]
    key = "provision__area_id" if query.grouping == Grouping.HOME_AREA else "location__school_id"
    rows = groups.values(key).annotate(n=Sum("waiting_list")).order_by()
    return [Unit(row[key], row["n"] or 0, None) for row in rows]
