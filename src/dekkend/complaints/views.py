"""Pages of the complaint register: the list with filters and the year's counts, a new
complaint, the detail, and handling (acknowledge, handler, close after confirmation). Thin:
permissions in :mod:`dekkend.core.permissions`, reads through the audited selectors, writes
through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dekkend.accounts.models import User
from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, Swv
from dekkend.web.views import forbidden

from . import forms, selectors, services

PAGE_SIZE = 25


def _context(request) -> AuditContext:
    return AuditContext.from_request(request)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for message in field_messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _handlers(swv_ids) -> list:
    ids: set[int] = set()
    for swv_id in swv_ids:
        ids |= permissions.complaint_handler_ids(swv_id)
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name"))


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.has_action(user, Action.VIEW_COMPLAINTS):
        selectors.list_audit(context=_context(request), rows=[], allowed=False)
        return forbidden(request)
    data = request.GET.copy()
    data.setdefault("status", "open")  # open complaints unless the user chose otherwise
    form = forms.ComplaintFilterForm(data)
    cleaned = form.cleaned_data if form.is_valid() else {"status": "open"}
    criteria = {
        "status": cleaned.get("status", ""),
        "procedure": cleaned.get("procedure", ""),
        "complainant": cleaned.get("complainant", ""),
        "year": cleaned.get("year"),
    }
    queryset = selectors.complaint_queryset(user=user, **criteria).order_by("-received_on", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.list_audit(context=_context(request), rows=list(page), criteria=criteria)
    today = timezone.localdate()
    for complaint in page:
        complaint.days_open = ((complaint.handled_on or today) - complaint.received_on).days
    year = criteria["year"] or today.year
    return render(
        request,
        "complaints/complaint_list.html",
        {
            "form": form,
            "page": page,
            "year": year,
            "counts": selectors.complaint_counts(user=user, year=year),
            "may_register": permissions.has_action(user, Action.MANAGE_COMPLAINTS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.has_action(user, Action.MANAGE_COMPLAINTS):
        return forbidden(request)
    swv_ids = sorted(permissions.complaint_swv_ids(user))
    swvs = list(Swv.objects.filter(pk__in=swv_ids).order_by("name"))
    schools = School.objects.filter(swv_id__in=swv_ids).order_by("name")
    form = forms.ComplaintForm(
        request.POST or None,
        swvs=swvs,
        schools=schools,
        handlers=_handlers(swv_ids),
        initial={"received_on": timezone.localdate(), "handler": user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.complaint_register(
                swv_id=data["swv"],
                received_on=data["received_on"],
                complainant=data["complainant"],
                procedure=data["procedure"],
                application_id=data["application"],
                school_id=data["school"],
                summary=data["summary"],
                handler_id=data["handler"],
                context=_context(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            return forbidden(request)
        else:
            messages.success(request, _("The complaint is registered."))
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/complaint_form.html", {"form": form})


@login_required
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    try:
        complaint = selectors.complaint_get(complaint_id=complaint_id, context=_context(request))
    except PermissionDenied:
        return forbidden(request)
    today = timezone.localdate()
    return render(
        request,
        "complaints/complaint_detail.html",
        {
            "complaint": complaint,
            "days_open": ((complaint.handled_on or today) - complaint.received_on).days,
            "may_handle": complaint.is_open
            and permissions.decide_complaint(request.user, Action.MANAGE_COMPLAINTS, complaint).allowed,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def complaint_handle(request: HttpRequest, complaint_id: int) -> HttpResponse:
    try:
        complaint = selectors.complaint_get(
            complaint_id=complaint_id, context=_context(request), action=Action.MANAGE_COMPLAINTS
        )
    except PermissionDenied:
        return forbidden(request)
    if not complaint.is_open:
        messages.info(request, _("This complaint is closed; it cannot be changed."))
        return redirect("complaints:detail", complaint_id=complaint.pk)
    form = forms.HandleForm(
        request.POST or None,
        handlers=_handlers([complaint.swv_id]),
        initial={
            "handler": complaint.handler_id,
            "acknowledged_on": complaint.acknowledged_on or timezone.localdate(),
            "handled_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_handle(
                complaint_id=complaint.pk,
                handler_id=data["handler"],
                acknowledged_on=data["acknowledged_on"],
                close=bool(data["outcome"]),
                handled_on=data["handled_on"],
                outcome=data["outcome"],
                explanation=data["explanation"],
                context=_context(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            return forbidden(request)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/complaint_handle.html", {"form": form, "complaint": complaint})
