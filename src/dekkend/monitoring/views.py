"""Pages of monitoring: the dashboard per SWV, an indicator's definition with its values per
level, the CSV export and the periodic report as PDF. Thin: the selectors compute, the
permissions module decides (through them)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import charts
from dekkend.core.pdf import pdf_response
from dekkend.core.permissions import Action
from dekkend.web.views import action_required, forbidden

from . import exports, selectors
from .formatting import cell_count_display, cell_display, number, value_display
from .forms import IndicatorFilterForm
from .models import Level, Unit
from .selectors import Filters, IndicatorTrend

UNIT_SUFFIX = {Unit.PERCENT: "%", Unit.DAYS: "", Unit.PER_100: "", Unit.COUNT: "", Unit.PLACES: ""}


def _form(request: HttpRequest, *, with_level=False, levels=()):
    """The filter form bound to the query, the chosen SWV and its organisation maps."""
    swvs = list(selectors.indicator_swvs(user=request.user))
    if not swvs:
        raise PermissionDenied
    data = request.GET.copy()
    data.setdefault("swv", str(swvs[0].pk))
    data.setdefault("period", selectors.default_period().code)
    swv = next((swv for swv in swvs if str(swv.pk) == data.get("swv")), swvs[0])
    maps = selectors.org_maps(swv)
    form = IndicatorFilterForm(
        data,
        swvs=swvs,
        boards=sorted(maps.boards.items(), key=lambda item: item[1]),
        districts=sorted(maps.districts.items(), key=lambda item: item[1]),
        schools=sorted(((pk, name) for pk, (name, _board) in maps.schools.items()), key=lambda item: item[1]),
        with_level=with_level,
        levels=levels,
    )
    form.maps = maps
    return form, swv


def _filters(form) -> Filters:
    data = form.cleaned_data
    return Filters(board_id=data.get("board"), school_id=data.get("school"), district_id=data.get("district"))


def _chart(trend: IndicatorTrend):
    unit = trend.indicator.unit
    labels = [str(point.year) for point in trend.points]
    series = {_("Dekkend (measured)"): [_plot_value(point.measured) for point in trend.points]}
    if any(point.published is not None for point in trend.points):
        series[_("Published")] = [point.published for point in trend.points]
    if any(point.target is not None for point in trend.points):
        series[_("Target")] = [point.target for point in trend.points]
    if any(point.benchmark is not None for point in trend.points):
        series[_("National")] = [point.benchmark for point in trend.points]
    target = trend.current.target
    if (
        target is None
        and trend.indicator.target_value is not None
        and selectors.own_plan(trend.indicator, trend.current.swv)
    ):
        target = float(trend.indicator.target_value)
    return charts.line_chart(
        trend.indicator.name,
        labels,
        series,
        unit=UNIT_SUFFIX.get(unit, ""),
        target=target,
        target_label=_("target %(value)s") % {"value": value_display(target, unit)} if target is not None else "",
        description=_("Trend of %(name)s per year; the figures are in the table below the chart.")
        % {"name": trend.indicator.name},
    )


def _plot_value(cell):
    return None if cell is None or cell.suppressed else cell.value


def _rows(trend: IndicatorTrend) -> list[dict]:
    unit = trend.indicator.unit
    return [
        {
            "year": point.year,
            "measured": cell_display(point.measured, unit),
            "count": cell_count_display(point.measured),
            "published": value_display(point.published, unit) if point.published is not None else "–",
            "target": value_display(point.target, unit) if point.target is not None else "–",
            "benchmark": value_display(point.benchmark, unit) if point.benchmark is not None else "–",
        }
        for point in trend.points
    ]


def _dashboard_context(request, form, swv, *, with_charts: bool = True) -> dict:
    context = {"form": form, "swv": swv, "trends": [], "errors": []}
    if not form.is_valid():
        return context
    period = form.cleaned_data["period"] or selectors.default_period()
    entries = selectors.indicator_list(user=request.user, swv=swv)
    with selectors.shared_queries():
        try:
            trends = selectors.dashboard(
                user=request.user,
                swv=swv,
                period=period,
                filters=_filters(form),
                sector=form.cleaned_data["sector"],
                maps=form.maps,
                entries=entries,
            )
        except ValidationError as error:
            context["errors"] = [message for messages in error.message_dict.values() for message in messages]
            return context
        thuiszitters = _thuiszitter_rows(request, swv, period, form)
    context.update(
        period=period,
        trends=[
            {
                "trend": trend,
                "chart": _chart(trend) if with_charts else "",
                "rows": _rows(trend),
                "value": cell_display(trend.current.total, trend.indicator.unit),
                "target": value_display(trend.current.target, trend.indicator.unit)
                if trend.current.target is not None
                else "",
            }
            for trend in trends
        ],
        not_computed=[entry for entry in entries if not entry.is_computed],
        suppressed_view=any(trend.current.suppressed_view for trend in trends),
        thuiszitters=thuiszitters,
    )
    return context


def _figure(figure) -> str:
    return "<5" if figure.suppressed else number(figure.numerator, 0)


def _weeks(value) -> str:
    return "–" if value is None else number(value, 1)


def _thuiszitter_rows(request, swv, period, form) -> dict | None:
    """The thuiszitter quarters with duration quartiles and the top reasons (the whole SWV: the
    steunpunt's register is not split by board, school or district)."""
    if selectors._any_filter(_filters(form)):
        return None
    detail = selectors.thuiszitter_detail(user=request.user, swv=swv, period=period)
    if detail is None or not detail.quarters:
        return None
    return {
        "quarters": [
            {
                "label": row.label,
                "reported": _figure(row.reported),
                "active": _figure(row.active),
                "thuiszitters": _figure(row.thuiszitters),
                "ended": _figure(row.ended),
                **{name: _weeks(value) for name, value in row.weeks.items()},
            }
            for row in detail.quarters
        ],
        "reasons": [{"label": reason.label, "count": _figure(reason)} for reason in detail.reasons],
        "reasons_quarter": detail.reasons_quarter,
    }


@action_required(Action.VIEW_INDICATORS)
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        form, swv = _form(request)
    except PermissionDenied:
        return forbidden(request)
    return render(request, "monitoring/dashboard.html", _dashboard_context(request, form, swv))


@action_required(Action.VIEW_INDICATORS)
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        indicator = selectors.indicator_get(user=request.user, code=code)
        form, swv = _form(request, with_level=True, levels=indicator.levels)
    except PermissionDenied:
        return forbidden(request)
    context = {"indicator": indicator, "form": form, "swv": swv, "errors": []}
    if indicator.is_computed and form.is_valid():
        try:
            values = _values(request, indicator, form, swv)
        except ValidationError as error:
            context["errors"] = [message for messages in error.message_dict.values() for message in messages]
        except PermissionDenied:
            return forbidden(request)
        else:
            context.update(values=values, cells=_cell_rows(values), total=_cell_row(values.total, values))
    if indicator.is_computed:
        context["snapshots"] = _snapshot_rows(request, indicator, swv)
    return render(request, "monitoring/indicator_detail.html", context)


def _change_text(change: dict) -> str:
    old, new = change["old"] or {}, change["new"] or {}
    parts = [
        f"{label} {number(old.get(name), 2)} → {number(new.get(name), 2)}"
        for name, label in (("value", _("value")), ("numerator", _("count")), ("denominator", _("base")))
        if old.get(name) != new.get(name)
    ]
    return f"{change['label'] or _('Whole samenwerkingsverband')}: {', '.join(parts) or _('suppression')}"


def _snapshot_rows(request, indicator, swv) -> list[dict] | None:
    """The stored figures of the indicator at the level city (staff only) with what changed."""
    try:
        history = selectors.snapshot_history(user=request.user, indicator=indicator, swv=swv)
    except PermissionDenied:
        return None
    return [
        {
            "period": snapshot.period,
            "taken_at": snapshot.taken_at,
            "taken_by": str(snapshot.taken_by) if snapshot.taken_by else _("scheduled"),
            "reason": snapshot.reason,
            "current": snapshot.is_current,
            "changes": [_change_text(change) for change in snapshot.changes],
        }
        for snapshot in history
    ]


def _values(request, indicator, form, swv):
    return selectors.indicator_values(
        user=request.user,
        indicator=indicator,
        swv=swv,
        period=form.cleaned_data["period"] or selectors.default_period(),
        level=form.cleaned_data.get("level") or Level.CITY,
        filters=_filters(form),
    )


def _cell_row(cell, values) -> dict:
    unit = values.indicator.unit
    quartile = (lambda v: "<5" if cell.suppressed else number(v, 1)) if unit == Unit.DAYS else None
    return {
        "label": cell.label,
        "value": cell_display(cell, unit),
        "count": cell_count_display(cell),
        "denominator": "<5" if cell.suppressed else number(cell.denominator, 0),
        "p25": quartile(cell.p25) if quartile else "",
        "median": quartile(cell.median) if quartile else "",
        "p75": quartile(cell.p75) if quartile else "",
        "suppressed": cell.suppressed,
    }


def _cell_rows(values) -> list[dict]:
    return [_cell_row(cell, values) for cell in values.cells]


EXPORTERS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}


@action_required(Action.EXPORT_INDICATORS)
def indicator_export(request: HttpRequest, code: str, fmt: str = "csv") -> HttpResponse:
    """The values of one indicator as CSV or XLSX, with the same suppression as on the page."""
    try:
        indicator = selectors.indicator_get(user=request.user, code=code)
        form, swv = _form(request, with_level=True, levels=indicator.levels)
        if not indicator.is_computed or not form.is_valid() or fmt not in EXPORTERS:
            raise Http404
        values = _values(request, indicator, form, swv)
    except PermissionDenied:
        return forbidden(request)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain; charset=utf-8")
    _audit_export(
        request,
        object_type="indicator",
        object_id=indicator.code,
        swv=swv,
        detail={
            "period": values.period.code,
            "level": values.level,
            "suppressed": values.suppressed_view,
            "format": fmt,
        },
    )
    sheet = exports.indicator_rows(values, swv.name)
    return EXPORTERS[fmt](sheet, f"{indicator.code}-{values.period.code}-{values.level}")


@action_required(Action.EXPORT_INDICATORS)
def dashboard_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """Every figure of the dashboard (each indicator per year) as CSV or XLSX, suppressed as on
    the page."""
    try:
        form, swv = _form(request)
    except PermissionDenied:
        return forbidden(request)
    if fmt not in EXPORTERS:
        raise Http404
    context = _dashboard_context(request, form, swv, with_charts=False)
    if not form.is_valid() or context["errors"]:
        message = " ".join(context["errors"]) or _("Check the filters.")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    period = context["period"]
    _audit_export(
        request,
        object_type="indicator_dashboard",
        object_id=period.code,
        swv=swv,
        detail={"suppressed": context["suppressed_view"], "format": fmt},
    )
    sheet = exports.dashboard_rows([item["trend"] for item in context["trends"]], period)
    return EXPORTERS[fmt](sheet, f"monitoring-{swv.code}-{period.code}")


def _audit_export(request, *, object_type: str, object_id: str, swv, detail=None) -> None:
    audit_event_record(
        context=AuditContext.from_request(request),
        action=AuditAction.EXPORT,
        outcome=AuditOutcome.SUCCESS,
        object_type=object_type,
        object_id=object_id,
        swv_id=swv.pk,
        detail=detail or {},
    )


@action_required(Action.EXPORT_INDICATORS)
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The periodic report: M4, M8 or M12 (a whole year, with the annual section)."""
    try:
        form, swv = _form(request)
    except PermissionDenied:
        return forbidden(request)
    context = _dashboard_context(request, form, swv)
    if not form.is_valid() or context["errors"]:
        return render(request, "monitoring/dashboard.html", context, status=400)
    audit_event_record(
        context=AuditContext.from_request(request),
        action=AuditAction.EXPORT,
        outcome=AuditOutcome.SUCCESS,
        object_type="indicator_report",
        object_id=context["period"].code,
        swv_id=swv.pk,
    )
    return pdf_response(
        "monitoring/report_pdf.html",
        context,
        filename=f"monitoring-{swv.code}-{context['period'].code}.pdf",
    )
