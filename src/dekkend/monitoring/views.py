"""Pages of monitoring: the dashboard per SWV, an indicator's definition with its values per
level, the CSV export and the periodic report as PDF. Thin: the selectors compute, the
permissions module decides (through them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import charts, permissions
from dekkend.core.pdf import pdf_response
from dekkend.core.permissions import Action
from dekkend.web.views import action_required, forbidden

from . import exports, selectors, services
from .formatting import cell_count_display, cell_display, number, value_display
from .forms import IndicatorFilterForm, NationalFigureForm
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


def _national_sources(trend: IndicatorTrend) -> list[dict]:
    """The sources of the national figures the trend shows, each with its years."""
    years: dict[str, list[str]] = {}
    for point in trend.points:
        if point.benchmark is not None:
            years.setdefault(point.benchmark_source, []).append(str(point.year))
    return [{"years": ", ".join(shown), "source": source} for source, shown in years.items()]


def _dashboard_context(request, form, swv, *, with_charts: bool = True) -> dict:
    context = {
        "form": form,
        "swv": swv,
        "trends": [],
        "errors": [],
        "records_national": swv.pk in permissions.national_figure_swv_ids(request.user),
    }
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
                "national_sources": _national_sources(trend),
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


# --- national figures (the policy officer) ---------------------------------------------------


def _national_swv(request: HttpRequest, value):
    swvs = list(selectors.national_figure_swvs(user=request.user))
    if not swvs:
        raise PermissionDenied
    return next((swv for swv in swvs if str(swv.pk) == str(value)), swvs[0]), swvs


def _errors_to_form(form, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@action_required(Action.RECORD_NATIONAL_FIGURES)
def national_figures(request: HttpRequest) -> HttpResponse:
    """The national figures of the SWV's indicators in percent per year, the form to record one
    (with its source) and every earlier version; the dashboard uses a recorded figure instead of
    the catalogue's of that year."""
    try:
        swv, swvs = _national_swv(request, request.POST.get("swv") or request.GET.get("swv"))
    except PermissionDenied:
        return forbidden(request)
    form = NationalFigureForm(request.POST or None, indicators=selectors.national_indicators(swv=swv))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                data = form.cleaned_data
                services.national_figure_record(
                    swv_id=swv.pk,
                    indicator_code=data["indicator"],
                    year=data["year"],
                    value=data["value"],
                    source=data["source"],
                    context=AuditContext.from_request(request),
                )
            except PermissionDenied:
                return forbidden(request)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("The national figure is recorded; the dashboard shows it."))
                return redirect(f"{reverse('monitoring:national_figures')}?swv={swv.pk}")
        status = 400
    context = {
        "swv": swv,
        "swvs": swvs,
        "form": form,
        "rows": selectors.national_figure_overview(user=request.user, swv=swv),
    }
    return render(request, "monitoring/national_figures.html", context, status=status)


@require_POST
@action_required(Action.RECORD_NATIONAL_FIGURES)
def national_figure_withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw a recorded figure (recorded for a wrong year or indicator)."""
    try:
        swv, _swvs = _national_swv(request, request.POST.get("swv"))
        year = int(request.POST.get("year", ""))
        services.national_figure_withdraw(
            swv_id=swv.pk,
            indicator_code=request.POST.get("indicator", ""),
            year=year,
            context=AuditContext.from_request(request),
        )
    except PermissionDenied:
        return forbidden(request)
    except (ValueError, ValidationError):
        messages.error(request, _("There is no such recorded national figure; nothing was changed."))
    else:
        messages.success(
            request, _("The national figure is withdrawn; the catalogue's figure of that year, if any, counts again.")
        )
    return redirect(f"{reverse('monitoring:national_figures')}?swv={swv.pk}")
