"""Reads of the indicator catalogue and the computed values.

:func:`indicator_values` computes one indicator for one SWV and period at one level of
detail, from the units of :mod:`dekkend.monitoring.indicators`: schools (rolled up to boards
and the whole SWV) or home areas (rolled up to districts). Who may see what is asked of
:func:`dekkend.core.permissions.indicator_access`; partners get suppressed figures
(:mod:`dekkend.monitoring.suppression`). No pupil is ever listed: only counts leave this module.
"""

import statistics
from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dekkend.core import permissions
from dekkend.core.permissions import Action, IndicatorAccess
from dekkend.organisations.models import Area, School, Swv

from . import indicators as functions
from .indicators import Grouping, Query, Unit
from .models import Indicator, Level, NationalFigure, Snapshot, SnapshotCell
from .models import Unit as UnitOfMeasure
from .periods import Period
from .suppression import suppress

OTHER = "other"
UNKNOWN = "unknown"
shared_queries = functions.shared_queries
CITY = "city"
# A filter of one hierarchy narrows the levels of the same hierarchy in Python; a filter of the
# other hierarchy (a district filter with the school levels, or the reverse) narrows the SQL.
SCHOOL_LEVELS = (Level.CITY, Level.BOARD, Level.SCHOOL)


@dataclass
class Cell:
    key: str
    label: str
    group: str
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    suppressed: bool = False
    units: list[Unit] = field(default_factory=list, repr=False)


@dataclass
class Filters:
    board_id: int | None = None
    school_id: int | None = None
    district_id: int | None = None


@dataclass
class IndicatorValues:
    indicator: Indicator
    swv: Swv
    period: Period
    level: str
    cells: list[Cell]
    total: Cell
    suppressed_view: bool
    target: float | None
    teldatum: object = None


# --- catalogue ------------------------------------------------------------------------------


def indicator_swvs(*, user) -> QuerySet[Swv]:
    return Swv.objects.filter(pk__in=permissions.swv_ids_for(user, Action.VIEW_INDICATORS)).order_by("name")


def indicator_list(*, user, swv: Swv | None = None) -> list[Indicator]:
    """The catalogue entries the user may see (for ``swv``: those that apply to it)."""
    if not permissions.has_action(user, Action.VIEW_INDICATORS):
        raise PermissionDenied
    audiences = {permissions.indicator_access(user, swv_id).audience for swv_id in _swv_ids(user, swv)}
    entries = [entry for entry in Indicator.objects.all() if audiences & set(entry.audience)]
    if swv is not None:
        entries = [entry for entry in entries if applies_to(entry, swv)]
    return entries


def _swv_ids(user, swv: Swv | None) -> set[int]:
    ids = permissions.swv_ids_for(user, Action.VIEW_INDICATORS)
    return {swv.pk} & ids if swv is not None else ids


def applies_to(entry: Indicator, swv: Swv) -> bool:
    """Every indicator of the SWV's sector applies (a plan's own indicator too: the others may
    measure it); its history and targets only to the SWV whose plan published them."""
    return not entry.sector or entry.sector == swv.sector


def own_plan(entry: Indicator, swv: Swv) -> bool:
    return not entry.swv_code or entry.swv_code == swv.code


def indicator_get(*, user, code: str) -> Indicator:
    """One catalogue entry the user may see (404 when it does not exist or is not for them)."""
    if not permissions.has_action(user, Action.VIEW_INDICATORS):
        raise PermissionDenied
    entry = Indicator.objects.filter(code=code).first()
    audiences = {permissions.indicator_access(user, swv_id).audience for swv_id in _swv_ids(user, None)}
    if entry is None or not audiences & set(entry.audience):
        raise Http404
    return entry


# --- national figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalValue:
    """The national figure of an indicator in a year: the one the SWV recorded, else the
    catalogue's (``recorded`` False), with its source. Not pupil data: never suppressed."""

    value: float
    source: str
    recorded: bool


def national_indicators(*, swv: Swv) -> list[Indicator]:
    """The indicators of ``swv`` that may get a national figure: computed, in percent."""
    return [
        entry
        for entry in Indicator.objects.filter(unit=UnitOfMeasure.PERCENT).exclude(function="")
        if applies_to(entry, swv)
    ]


def national_figure_allowed(*, indicator_code: str, swv: Swv) -> bool:
    return any(entry.code == indicator_code for entry in national_indicators(swv=swv))


def national_values(*, swv: Swv, entries: list[Indicator]) -> dict[str, dict[int, NationalValue]]:
    """Per indicator of ``entries`` and year the national figure: the SWV's recorded figure where
    it has one, else the catalogue's (``benchmark`` with ``benchmark_source``). One query."""
    result = {
        entry.code: {
            int(year): NationalValue(value, entry.benchmark_source, False) for year, value in entry.benchmark.items()
        }
        for entry in entries
    }
    recorded = NationalFigure.objects.filter(
        swv=swv, is_current=True, value__isnull=False, indicator_code__in=list(result)
    ).values_list("indicator_code", "year", "value", "source")
    for code, year, value, source in recorded:
        result[code][year] = NationalValue(float(value), source, True)
    return result


def national_value(*, indicator: Indicator, swv: Swv, year: int) -> NationalValue | None:
    return national_values(swv=swv, entries=[indicator])[indicator.code].get(year)


@dataclass
class NationalRow:
    indicator: Indicator
    figures: list[tuple[int, NationalValue]]  # per year, oldest first: what the dashboard shows
    history: list[NationalFigure]  # every recorded version, newest first


def national_figure_overview(*, user, swv: Swv) -> list[NationalRow]:
    """For the policy officer's page: per indicator that may get one, the national figures per
    year (recorded or the catalogue's) and every recorded version with who and when."""
    if swv.pk not in permissions.national_figure_swv_ids(user):
        raise PermissionDenied
    entries = national_indicators(swv=swv)
    values = national_values(swv=swv, entries=entries)
    versions: dict[str, list[NationalFigure]] = {}
    for version in (
        NationalFigure.objects.filter(swv=swv)
        .select_related("recorded_by")
        .order_by("indicator_code", "-recorded_at", "-id")
    ):
        versions.setdefault(version.indicator_code, []).append(version)
    return [NationalRow(entry, sorted(values[entry.code].items()), versions.get(entry.code, [])) for entry in entries]


def national_figure_swvs(*, user) -> QuerySet[Swv]:
    return Swv.objects.filter(pk__in=permissions.national_figure_swv_ids(user)).order_by("name")


# --- organisation maps ----------------------------------------------------------------------


@dataclass
class OrgMaps:
    schools: dict[int, tuple[str, int]]  # school id -> (name, board id)
    boards: dict[int, str]
    district_of: dict[int, int]  # area id -> district id
    districts: dict[int, str]


def org_maps(swv: Swv) -> OrgMaps:
    schools = {
        pk: (name, board) for pk, name, board in School.objects.filter(swv=swv).values_list("id", "name", "board_id")
    }
    boards = dict(School.objects.filter(swv=swv).values_list("board_id", "board__name").distinct().order_by())
    areas = {
        pk: (parent, kind, name)
        for pk, parent, kind, name in Area.objects.values_list("id", "parent_id", "kind", "name")
    }
    district_of: dict[int, int] = {}
    for pk in areas:
        node = pk
        # A district is an area directly below a municipality (in Almere: the stadsdelen).
        while areas[node][0] is not None and areas[areas[node][0]][1] != Area.Kind.MUNICIPALITY:
            node = areas[node][0]
        if areas[node][0] is not None or areas[node][1] != Area.Kind.MUNICIPALITY:
            district_of[pk] = node
    districts = {pk: areas[pk][2] for pk in set(district_of.values())}
    return OrgMaps(schools, boards, district_of, districts)


def district_area_ids(maps: OrgMaps, district_id: int) -> tuple[int, ...]:
    return tuple(pk for pk, district in maps.district_of.items() if district == district_id)


# --- cells ------------------------------------------------------------------------------------


def _cell_key(level: str, unit_key, maps: OrgMaps) -> tuple[str, str, str]:
    """(key, label, group) of the cell a unit belongs to at ``level``."""
    if level == Level.CITY:
        return CITY, "", ""
    if level == Level.DISTRICT:
        district = maps.district_of.get(unit_key) if unit_key is not None else None
        if district is None:
            return UNKNOWN, _("Unknown district"), CITY
        return str(district), maps.districts[district], CITY
    school = maps.schools.get(unit_key) if unit_key is not None else None
    if school is None:
        return OTHER, _("Other or no school"), CITY if level == Level.BOARD else OTHER
    name, board = school
    if level == Level.BOARD:
        return str(board), maps.boards.get(board, ""), CITY
    return str(unit_key), name, str(board)


def _finish(cell: Cell, spec: functions.Spec) -> Cell:
    if spec.kind == "durations":
        days = sorted(day for unit in cell.units for day in unit.durations)
        cell.numerator = len(days)
        if days:
            cell.value = round(statistics.fmean(days), 1)
            cell.p25, cell.median, cell.p75 = (
                [float(days[0])] * 3 if len(days) == 1 else statistics.quantiles(days, n=4, method="inclusive")
            )
        return cell
    cell.numerator = sum(unit.numerator for unit in cell.units)
    if spec.kind == "sum":
        cell.value = float(cell.numerator)
        return cell
    cell.denominator = sum(unit.denominator or 0 for unit in cell.units)
    cell.value = round(cell.numerator * spec.scale / cell.denominator, 2) if cell.denominator else None
    return cell


def level_cells(units: list[Unit], level: str, maps: OrgMaps, spec: functions.Spec) -> list[Cell]:
    """The cells of a whole level, with their groups (for suppression), sorted by label."""
    cells: dict[str, Cell] = {}
    for unit in units:
        key, label, group = _cell_key(level, unit.key, maps)
        cells.setdefault(key, Cell(key, label or _("Whole samenwerkingsverband"), group)).units.append(unit)
    if level == Level.CITY and not cells:
        cells[CITY] = Cell(CITY, _("Whole samenwerkingsverband"), "")
    finished = [_finish(cell, spec) for cell in cells.values()]
    return sorted(finished, key=lambda cell: (cell.key in (OTHER, UNKNOWN), cell.group, cell.label))


def _hidden(cell: Cell) -> Cell:
    return replace(cell, numerator=None, denominator=None, value=None, p25=None, median=None, p75=None, units=[])


# --- values -----------------------------------------------------------------------------------


def filters_allowed(entry: Indicator, filters: Filters) -> bool:
    """A filter needs the indicator at the filter's level (a city-only figure has no boards)."""
    needed = {
        Level.BOARD: filters.board_id,
        Level.SCHOOL: filters.school_id,
        Level.DISTRICT: filters.district_id,
    }
    return all(level in entry.levels for level, value in needed.items() if value)


def _check_request(access: IndicatorAccess, entry: Indicator, level: str, period: Period, filters: Filters) -> None:
    if level not in entry.levels or not filters_allowed(entry, filters):
        raise ValidationError({"level": _("This indicator is not available at this level of detail.")})
    if not access.suppressed:
        return
    if not period.is_whole_year:
        raise ValidationError({"period": _("Partners see whole years only.")})
    if filters.district_id and (level in (Level.BOARD, Level.SCHOOL) or _school_filter(filters)):
        raise ValidationError({"district": _("Partners can combine a district only with the level city or district.")})
    if (filters.board_id or filters.school_id) and level == Level.DISTRICT:
        raise ValidationError({"board": _("Partners can combine a board or school only with the school levels.")})


def indicator_values(
    *,
    user,
    indicator: Indicator,
    swv: Swv,
    period: Period,
    level: str = Level.CITY,
    filters: Filters | None = None,
    maps: "OrgMaps | None" = None,
    units: list[Unit] | None = None,
) -> IndicatorValues:
    """One indicator for ``swv`` and ``period`` at ``level``, narrowed by ``filters``.

    ``PermissionDenied`` without the right to see indicators of that SWV (or this indicator);
    ``ValidationError`` for a level the catalogue does not allow or (for partners) a request
    that could undo the suppression. ``units``: already computed for the whole SWV (a trend).
    """
    filters = filters or Filters()
    access = _access(user, indicator, swv, period, level, filters)
    if access.board_id is not None:
        filters = _within_board(access.board_id, level, filters)
    function, spec = functions.REGISTRY[indicator.function]
    maps = maps or org_maps(swv)
    # The whole SWV narrowed to one district is that district's cell.
    by_district = level == Level.DISTRICT or (
        level == Level.CITY and filters.district_id and not _school_filter(filters)
    )
    hierarchy = Level.DISTRICT if by_district else Level.SCHOOL
    grouping = Grouping.HOME_AREA if hierarchy == Level.DISTRICT else Grouping.SCHOOL
    if level == Level.CITY and not filters.district_id and not _school_filter(filters):
        grouping = Grouping.NONE  # one aggregate, no GROUP BY
    query = Query(swv=swv, period=period, grouping=grouping)
    # A filter of the other hierarchy narrows the SQL (staff only; refused for partners above).
    if hierarchy == Level.SCHOOL and filters.district_id:
        query = replace(query, area_ids=district_area_ids(maps, filters.district_id))
    if hierarchy == Level.DISTRICT and (filters.board_id or filters.school_id):
        query = replace(query, school_ids=_filter_school_ids(maps, filters))
    if units is None or grouping != Grouping.NONE:
        units = function(query)
    cells, total = _select(
        units, level, hierarchy, filters, maps, spec, suppressed=access.suppressed and spec.suppressible
    )
    return _values(indicator, swv, period, level, cells, total, access)


def _access(user, indicator: Indicator, swv: Swv, period: Period, level: str, filters: Filters) -> IndicatorAccess:
    """The user's access to ``indicator`` of ``swv``, after the checks of :func:`indicator_values`."""
    access = permissions.indicator_access(user, swv.pk)
    if not access.allowed or access.audience not in indicator.audience or not indicator.is_computed:
        raise PermissionDenied
    _check_request(access, indicator, level, period, filters)
    return access


def _values(indicator, swv, period, level, cells, total, access: IndicatorAccess) -> IndicatorValues:
    target = indicator.target_for(period.year) if own_plan(indicator, swv) else None
    sector = indicator.sector or swv.sector
    return IndicatorValues(
        indicator=indicator,
        swv=swv,
        period=period,
        level=level,
        cells=cells,
        total=total,
        suppressed_view=access.suppressed,
        target=target,
        teldatum=period.teldatum(sector),
    )


def _stored_values(*, user, indicator: Indicator, swv: Swv, period: Period, stored: SnapshotCell) -> IndicatorValues:
    """The whole SWV's figure of a closed ``period`` as its current snapshot stored it (``stored``:
    the city cell), with the checks and the suppression of :func:`indicator_values`."""
    access = _access(user, indicator, swv, period, Level.CITY, Filters())
    total = _from_snapshot(stored, suppressed=access.suppressed)
    return _values(indicator, swv, period, Level.CITY, [total], total, access)


def _within_board(board_id: int, level: str, filters: Filters) -> Filters:
    """A board sees the whole SWV and the districts, and its own board and schools."""
    if level in (Level.BOARD, Level.SCHOOL) or filters.board_id or filters.school_id:
        if filters.board_id and filters.board_id != board_id:
            raise PermissionDenied
        return replace(filters, board_id=board_id)
    return filters


def _filter_school_ids(maps: OrgMaps, filters: Filters) -> tuple[int, ...]:
    if filters.school_id:
        return (filters.school_id,)
    return tuple(pk for pk, (_name, board) in maps.schools.items() if board == filters.board_id)


def _any_filter(filters: Filters | None) -> bool:
    return filters is not None and bool(filters.board_id or filters.school_id or filters.district_id)


def _school_filter(filters: Filters) -> bool:
    return bool(filters.board_id or filters.school_id)


def _select(
    units, level, hierarchy, filters: Filters, maps: OrgMaps, spec, *, suppressed: bool
) -> tuple[list[Cell], Cell]:
    """The cells of ``level`` that the same-hierarchy filter keeps, and their total (the cell of
    the filtered object, or of the whole SWV). Suppression is decided on whole levels."""

    def whole(at: str) -> list[Cell]:
        cells = level_cells(units, at, maps, spec)
        if suppressed:
            suppress(cells)
        return cells

    def find(cells: list[Cell], key: str) -> Cell:
        return next(
            (cell for cell in cells if cell.key == key), Cell(key, "", "", 0, 0 if spec.kind == "ratio" else None)
        )

    total = whole(Level.CITY)[0]
    cells = whole(level)
    if hierarchy == Level.DISTRICT and filters.district_id:
        total = find(whole(Level.DISTRICT), str(filters.district_id))
        cells = [total]
    elif level in SCHOOL_LEVELS and filters.school_id:
        total = find(whole(Level.SCHOOL), str(filters.school_id))
        cells = [total]
    elif level in SCHOOL_LEVELS and filters.board_id:
        total = find(whole(Level.BOARD), str(filters.board_id))
        cells = [cell for cell in cells if cell.group == str(filters.board_id)] if level == Level.SCHOOL else [total]
    elif level == Level.CITY:
        cells = [total]
    if suppressed:
        cells = [_hidden(cell) if cell.suppressed else cell for cell in cells]
        total = _hidden(total) if total.suppressed else total
    return cells, total


def indicator_trend(
    *, user, indicator: Indicator, swv: Swv, years: list[int], filters: Filters | None = None
) -> list[IndicatorValues]:
    """The indicator for the whole SWV (or the filtered object) per year."""
    return [
        indicator_values(
            user=user, indicator=indicator, swv=swv, period=Period(year), level=Level.CITY, filters=filters
        )
        for year in years
    ]


def default_period() -> Period:
    """The current calendar year (up to today)."""
    from django.utils import timezone

    return Period(timezone.localdate().year)


# --- dashboard ------------------------------------------------------------------------------

TREND_YEARS = 5


@dataclass
class TrendPoint:
    year: int
    measured: Cell | None
    published: float | None
    target: float | None
    benchmark: float | None  # the national figure (recorded by the SWV, else the catalogue's)
    benchmark_source: str = ""


@dataclass
class IndicatorTrend:
    indicator: Indicator
    current: IndicatorValues
    points: list[TrendPoint]


# --- snapshots ------------------------------------------------------------------------------


def whole_level_cells(*, indicator: Indicator, swv: Swv, period: Period, level: str, maps: OrgMaps) -> list[Cell]:
    """Every cell of ``level`` with its figures, ``suppressed`` marking what partners may not
    see (decided on the whole level, as on the pages). No permission check and no pupil: for
    the snapshot service, which stores aggregates only."""
    function, spec = functions.REGISTRY[indicator.function]
    grouping = {Level.CITY: Grouping.NONE, Level.DISTRICT: Grouping.HOME_AREA}.get(level, Grouping.SCHOOL)
    cells = level_cells(function(Query(swv=swv, period=period, grouping=grouping)), level, maps, spec)
    if spec.suppressible:
        suppress(cells)
    return cells


def current_snapshot(*, indicator_code: str, swv: Swv, period: Period, level: str) -> Snapshot | None:
    return (
        Snapshot.objects.filter(indicator_code=indicator_code, swv=swv, period=period.code, level=level)
        .filter(is_current=True)
        .prefetch_related("cells")
        .first()
    )


def snapshot_periods(*, swv: Swv) -> set[str]:
    """The codes of the periods of which ``swv`` has a current snapshot (for the daily job)."""
    current = Snapshot.objects.filter(swv=swv, is_current=True).order_by()
    return set(current.values_list("period", flat=True).distinct())


def snapshot_history(*, user, indicator: Indicator, swv: Swv, level: str = Level.CITY) -> list[Snapshot]:
    """Every snapshot of an indicator for an SWV at a level, newest first, with what changed
    (staff only: partners and boards see the current figures)."""
    access = permissions.indicator_access(user, swv.pk)
    if not access.allowed or access.suppressed or access.board_id is not None:
        raise PermissionDenied
    return list(
        Snapshot.objects.filter(indicator_code=indicator.code, swv=swv, level=level)
        .select_related("taken_by")
        .order_by("-year", "-months", "-taken_at")
    )


def closed(period: Period) -> bool:
    from django.utils import timezone

    return period.end < timezone.localdate()


def _snapshot_cells(swv: Swv, periods: list[Period]) -> dict[tuple[str, str], SnapshotCell]:
    """The current whole-SWV cells of the closed ``periods``, by (indicator code, period code),
    in one query."""
    codes = [period.code for period in periods if closed(period)]
    if not codes:
        return {}
    # From the snapshots (indexed by SWV and period) to their cells, not the other way round.
    rows = Snapshot.objects.filter(swv=swv, period__in=codes, is_current=True, level=Level.CITY).values_list(
        "indicator_code",
        "period",
        "cells__numerator",
        "cells__denominator",
        "cells__value",
        "cells__p25",
        "cells__median",
        "cells__p75",
        "cells__partner_suppressed",
    )
    return {(row[0], row[1]): SnapshotCell(
        numerator=row[2], denominator=row[3], value=row[4], p25=row[5], median=row[6], p75=row[7],
        partner_suppressed=row[8],
    ) for row in rows}  # fmt: skip


def _from_snapshot(stored: SnapshotCell, *, suppressed: bool) -> Cell:
    cell = Cell(
        CITY,
        "",  # the trend shows years, not the cell's name
        "",
        stored.numerator,
        stored.denominator,
        stored.value,
        stored.p25,
        stored.median,
        stored.p75,
    )
    if suppressed and stored.partner_suppressed:
        return _hidden(replace(cell, suppressed=True))
    return cell


def dashboard(
    *,
    user,
    swv: Swv,
    period: Period,
    filters: Filters | None = None,
    sector: str = "",
    maps: OrgMaps | None = None,
    entries: list[Indicator] | None = None,
) -> list[IndicatorTrend]:
    """Every computed indicator of ``swv`` the user may see, for ``period`` and the years
    before it (for the trend), narrowed by ``filters``; ``sector`` keeps the indicators of one
    sector (and those of both). ``entries``: the user's catalogue, when already read."""
    trends = []
    maps = maps or org_maps(swv)
    periods = [Period(year, period.months) for year in range(period.year - TREND_YEARS + 1, period.year + 1)]
    # Closed periods of the whole SWV come from their snapshots (one query for all indicators).
    stored = {} if _any_filter(filters) else _snapshot_cells(swv, periods)
    suppressed = permissions.indicator_access(user, swv.pk).suppressed
    entries = entries if entries is not None else indicator_list(user=user, swv=swv)
    national = national_values(swv=swv, entries=entries)
    for entry in entries:
        if not entry.is_computed or (sector and entry.sector and entry.sector != sector):
            continue
        if filters is not None and not filters_allowed(entry, filters):
            continue  # a figure of the whole SWV only, while a board, school or district is chosen
        live = [p for p in periods if (entry.code, p.code) not in stored]
        whole = functions.Query(swv=swv, period=period, grouping=Grouping.NONE)
        # Without filters the trend of the whole SWV is one query per indicator for all years.
        units = {} if _any_filter(filters) or not live else functions.units_per_period(entry.function, whole, live)
        if period in live:
            current = indicator_values(
                user=user, indicator=entry, swv=swv, period=period, filters=filters, maps=maps, units=units.get(period)
            )
        else:
            current = _stored_values(
                user=user, indicator=entry, swv=swv, period=period, stored=stored[entry.code, period.code]
            )
        published = own_plan(entry, swv)
        points = []
        for year_period in periods:
            if year_period == period:
                measured = current.total
            elif year_period not in live:
                measured = _from_snapshot(stored[entry.code, year_period.code], suppressed=suppressed)
            else:
                measured = indicator_values(
                    user=user,
                    indicator=entry,
                    swv=swv,
                    period=year_period,
                    filters=filters,
                    maps=maps,
                    units=units.get(year_period),
                ).total
            year = year_period.year
            figure = national[entry.code].get(year)
            points.append(
                TrendPoint(
                    year=year,
                    measured=measured,
                    published=entry.history.get(str(year)) if published else None,
                    target=entry.targets.get(str(year)) if published else None,
                    benchmark=figure.value if figure else None,
                    benchmark_source=figure.source if figure else "",
                )
            )
        trends.append(IndicatorTrend(entry, current, points))
    return trends


# --- thuiszitters: per quarter, duration quartiles and top reasons --------------------------

TOP_REASONS = 3  # MEASURES.md (absence): "top three reasons"


@dataclass
class Figure:
    """A count or duration shown on the dashboard; ``suppressed``: shown as "<5" to partners."""

    key: str
    label: str
    numerator: int | None
    group: str = ""
    denominator: int | None = None
    suppressed: bool = False


@dataclass
class QuarterRow:
    label: str
    reported: Figure
    active: Figure
    thuiszitters: Figure
    ended: Figure
    weeks: dict  # mean, p25, median, p75 in weeks (None when hidden or no case ended)


@dataclass
class ThuiszitterDetail:
    quarters: list[QuarterRow]
    reasons: list[Figure]  # the top reasons of the cases open in the period's last quarter
    reasons_quarter: str
    suppressed_view: bool


def thuiszitter_detail(*, user, swv: Swv, period: Period) -> ThuiszitterDetail | None:
    """The steunpunt's thuiszitter figures of ``period`` per quarter with the duration of the
    cases ended in each quarter (quartiles, in weeks) and the top reasons; ``None`` when the
    user may not see the thuiszitter indicator. Aggregates only; partners get "<5" for every
    count under 5 (the quartiles of fewer than 5 cases are hidden too)."""
    from dekkend.steunpunt.models import ThuiszitterReason

    access = permissions.indicator_access(user, swv.pk)
    entry = Indicator.objects.filter(code="thuiszitters").first()
    if not access.allowed or entry is None or access.audience not in entry.audience:
        return None
    if access.suppressed and not period.is_whole_year:
        return None  # partners see whole years only
    counts = functions.thuiszitter_quarters(swv, period)
    hide = access.suppressed
    rows = []
    for quarter in counts:
        figures = [
            Figure("reported", "", quarter.reported),
            Figure("active", "", quarter.active),
            Figure("thuiszitters", "", quarter.thuiszitters),
            Figure("ended", "", quarter.ended),
        ]
        if hide:
            # The four are not a partition (no total to subtract from): primary suppression only.
            for figure in figures:
                figure.suppressed = figure.numerator < 5
        durations = quarter.duration_days
        hidden_weeks = hide and (durations.get("n") or 0) < 5
        weeks = {
            name: None if hidden_weeks or durations.get(name) is None else round(durations[name] / 7, 1)
            for name in ("mean", "p25", "median", "p75")
        }
        rows.append(QuarterRow(quarter.label, *figures, weeks=weeks))
    last = counts[-1] if counts else None
    labels = dict(ThuiszitterReason.choices)
    reasons = [
        Figure(key, str(labels.get(key, key)), count, "reasons")
        for key, count in (last.reasons if last else {}).items()
    ]
    if hide:
        suppress(reasons)  # the reasons add up to the open cases: complementary suppression
    reasons = sorted(reasons, key=lambda figure: -figure.numerator)[:TOP_REASONS]
    return ThuiszitterDetail(rows, reasons, last.label if last else "", hide)
