"""The import pages: upload → preview with the row-by-row report → confirm → stored (a long
import in the background, its progress polled with htmx), and the TLV/DUO reconciliation with
its CSV and XLSX export. Thin: the services and selectors decide and audit."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dekkend.audit.services import AuditContext
from dekkend.core.permissions import Action
from dekkend.web.views import action_required, forbidden

from . import selectors, services
from .forms import ReconciliationForm, UploadForm
from .models import ImportKind

PAGE_SIZE = 25


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@action_required(Action.VIEW_IMPORTS)
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    kinds = selectors.import_kinds(user=request.user)
    swvs = selectors.import_swvs(user=request.user)
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds, swvs=swvs)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_upload(
                kind=form.cleaned_data["kind"],
                swv_id=form.cleaned_data["swv"].pk,
                upload=form.cleaned_data["file"],
                context=AuditContext.from_request(request),
            )
        except PermissionDenied:
            return forbidden(request)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect("imports:detail", pk=run.pk)
    page = Paginator(selectors.import_run_queryset(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "imports/index.html",
        {
            "form": form,
            "page": page,
            "kinds": ImportKind,
            "may_reconcile": bool(selectors.import_swvs(user=request.user, kind=ImportKind.FUNDING)),
        },
        status=400 if form.errors else 200,
    )


def _run_or_response(request: HttpRequest, pk: int, *, audit_success: bool = True):
    try:
        return selectors.import_run_get(
            run_id=pk, context=AuditContext.from_request(request), audit_success=audit_success
        ), None
    except PermissionDenied:
        return None, forbidden(request)


@action_required(Action.VIEW_IMPORTS)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    run, response = _run_or_response(request, pk)
    if response is not None:
        return response
    return render(request, "imports/detail.html", {"run": run, "kinds": ImportKind})


@action_required(Action.VIEW_IMPORTS)
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The status line of a run for htmx polling: no pupil data, so only a denied read is audited."""
    run, response = _run_or_response(request, pk, audit_success=False)
    if response is not None:
        return response
    return render(request, "imports/_progress.html", {"run": run})


def _step(request: HttpRequest, pk: int, step) -> HttpResponse:
    try:
        run = step(run_id=pk, context=AuditContext.from_request(request))
    except PermissionDenied:
        return forbidden(request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("imports:detail", pk=pk)
    return redirect("imports:detail", pk=run.pk)


@action_required(Action.VIEW_IMPORTS)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.import_confirm)


@action_required(Action.VIEW_IMPORTS)
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, services.import_cancel)


EXPORT_HEADER = (
    "afwijking",
    "beschikkingsnummer",
    "tlv_id",
    "leerling_id",
    "leerlingnummer",
    "leerling_duo",
    "geboortedatum",
    "soort_duo",
    "categorie_duo",
    "soort_hier",
    "categorie_hier",
    "ingangsdatum",
    "einddatum",
)


def _export_rows(result) -> list[list]:
    return [
        [
            line.issue_label,
            line.decision_number,
            line.application_id,
            line.pupil_id,
            line.pupil_number,
            line.duo_pupil,
            line.birth_date,
            line.duo_type,
            line.duo_category,
            line.our_type,
            line.our_category,
            line.valid_from,
            line.valid_until,
        ]
        for line in result.all_lines
    ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    # A cell starting with = + - @ would be a formula in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _export(result, export_format: str) -> HttpResponse:
    name = f"afstemming-tlv-duo-{result.swv.code}-{result.on.isoformat()}"
    rows = _export_rows(result)
    if export_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("afstemming")
        sheet.append(list(EXPORT_HEADER))
        for row in rows:
            sheet.append([_csv_cell(value) if isinstance(value, str) else value for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(EXPORT_HEADER)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@action_required(Action.IMPORT_FUNDING)
@require_GET
def reconciliation(request: HttpRequest) -> HttpResponse:
    swvs = selectors.import_swvs(user=request.user, kind=ImportKind.FUNDING)
    form = ReconciliationForm(request.GET or None, swvs=swvs)
    swv, on = swvs.first(), timezone.localdate()
    if form.is_bound and form.is_valid():
        swv = form.cleaned_data["swv"] or swv
        on = form.cleaned_data["on"] or on
    result = None
    if swv is not None and not form.errors:
        export_format = request.GET.get("format", "")
        try:
            result = selectors.reconciliation_get(
                swv_id=swv.pk,
                on=on,
                context=AuditContext.from_request(request),
                export=export_format in ("csv", "xlsx"),
            )
        except PermissionDenied:
            return forbidden(request)
        if export_format in ("csv", "xlsx"):
            return _export(result, export_format)
    return render(
        request,
        "imports/reconciliation.html",
        {"form": form, "result": result, "issues": selectors.ISSUES, "swv": swv, "on": on},
        status=400 if form.errors else 200,
    )
