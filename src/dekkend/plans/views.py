"""Plan pages: the plans of the user's SWVs, one plan, one activity with its status history and
the PDCA steps, and the evaluation (page and PDF). Thin: permissions decide, selectors read,
services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.core.pdf import pdf_response
from dekkend.core.permissions import Action
from dekkend.web.views import action_required, forbidden

from . import selectors, services
from .forms import CalendarEntryForm, ProgressForm, StatusForm


@action_required(Action.VIEW_PLANS)
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/plan_list.html", {"plans": selectors.plans_for(request.user)})


@action_required(Action.VIEW_PLANS)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    return render(request, "plans/plan_detail.html", {"plan": plan})


def _form_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@action_required(Action.VIEW_PLANS)
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    """An activity, its history, and (for who may edit) the status and progress forms. A failed
    form keeps what was typed and changes nothing."""
    activity = selectors.activity_get(user=request.user, activity_id=activity_id)
    may_edit = permissions.may_edit_plan(request.user, activity.chapter.plan)
    status_form = StatusForm(initial={"status": activity.status})
    progress_form = ProgressForm(
        initial={
            "owner": activity.owner,
            "hours_planned": activity.hours_planned,
            "hours_spent": activity.hours_spent,
            "budget_planned": activity.budget_planned,
            "budget_spent": activity.budget_spent,
        }
    )
    if request.method == "POST":
        if not may_edit:
            return forbidden(request)
        context = AuditContext.from_request(request)
        try:
            if request.POST.get("step") == "status":
                status_form = StatusForm(request.POST)
                if status_form.is_valid():
                    services.activity_status_change(
                        activity_id=activity.pk, context=context, **status_form.cleaned_data
                    )
                    messages.success(request, _("The status has been changed."))
                    return redirect("plans:activity_detail", activity.pk)
            else:
                progress_form = ProgressForm(request.POST)
                if progress_form.is_valid():
                    services.activity_progress_record(
                        activity_id=activity.pk, context=context, **progress_form.cleaned_data
                    )
                    messages.success(request, _("Hours and money have been saved."))
                    return redirect("plans:activity_detail", activity.pk)
        except ValidationError as error:
            _form_errors(status_form if request.POST.get("step") == "status" else progress_form, error)
        except PermissionDenied:
            return forbidden(request)
    return render(
        request,
        "plans/activity_detail.html",
        {
            "activity": activity,
            "history": selectors.activity_history(activity=activity),
            "may_edit": may_edit,
            "status_form": status_form,
            "progress_form": progress_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@action_required(Action.VIEW_PLANS)
def plan_evaluation(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id, contents=False)
    return render(request, "plans/evaluation.html", {"evaluation": selectors.plan_evaluation(plan=plan)})


@action_required(Action.VIEW_PLANS)
def plan_evaluation_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The evaluation as a document in the shape of the tussenevaluatie: per chapter its goals
    and indicators with their progress, the activities with their status, and the counts."""
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    evaluation = selectors.plan_evaluation(plan=plan)
    return pdf_response(
        "plans/evaluation_pdf.html",
        {"evaluation": evaluation, "plan": plan},
        filename=f"evaluatie-{plan.pk}.pdf",
    )


@action_required(Action.VIEW_PLANS)
def plan_calendar(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The year calendar: documents, the bodies that discuss them, planned and actual dates, and
    the share discussed on time; the manager and policy officer add entries."""
    plan = selectors.plan_get(user=request.user, plan_id=plan_id, contents=False)
    may_edit = permissions.may_edit_plan(request.user, plan)
    form = CalendarEntryForm()
    status = 200
    if request.method == "POST":
        if not may_edit:
            return forbidden(request)
        form = CalendarEntryForm(request.POST)
        if form.is_valid():
            try:
                services.calendar_entry_add(
                    plan_id=plan.pk, context=AuditContext.from_request(request), **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors(form, error)
            except PermissionDenied:
                return forbidden(request)
            else:
                messages.success(request, _("The document has been put on the calendar."))
                return redirect("plans:plan_calendar", plan.pk)
        status = 400
    return render(
        request,
        "plans/calendar.html",
        {"plan": plan, "calendar": selectors.plan_calendar(plan=plan), "form": form, "may_edit": may_edit},
        status=status,
    )


@action_required(Action.VIEW_PLANS)
def plan_subsidies(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The subsidy register of a plan: status, period, amount, goals and accounting dates."""
    plan = selectors.plan_get(user=request.user, plan_id=plan_id, contents=False)
    subsidies = selectors.plan_subsidies(plan=plan, today=timezone.localdate())
    return render(request, "plans/subsidies.html", {"plan": plan, "subsidies": subsidies})
