"""The toeleiding pages: the list (a worklist sorted by urgency for SWV staff), a new
application, the dossier with its action forms, and the decision letter.

Thin views: who may do what is asked of :mod:`dekkend.core.permissions`; every read of a
dossier goes through the audited selectors; every step calls its workflow service, whose Dutch
error is shown on the form that was sent (with what was typed kept).
"""

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action, Basis
from dekkend.pupils.selectors import pupil_queryset, pupil_search_audit

from . import letters, rules, selectors, services, worklist
from .forms import (
    AdviceForm,
    ApplicationForm,
    BudgetDecisionForm,
    CompletenessForm,
    CoordinatorReviewForm,
    DecisionForm,
    DevelopmentAreasForm,
    DocumentForm,
    ExpertReplaceForm,
    ExpertsForm,
    ExtendForm,
    FollowUpForm,
    HearingPlanForm,
    HearingReportForm,
    SubmitForm,
    expert_choices,
    replacement_choices,
)
from .models import TLV_TYPES, Application, ApplicationType, DeadlineKind
from .uploads import download_name

Status = Application.Status
PAGE_SIZE = 50

# The timeline's steps in words (ApplicationEvent.what); an unknown step shows its code.
EVENT_LABELS = {
    "created": gettext_lazy("Application started"),
    "document_added": gettext_lazy("Document added"),
    "submitted": gettext_lazy("Submitted by the school"),
    "incomplete": gettext_lazy("Incomplete: documents requested"),
    "complete": gettext_lazy("Complete: the decision period starts"),
    "experts_assigned": gettext_lazy("Experts assigned"),
    "advised": gettext_lazy("Advice given"),
    "decision_extended": gettext_lazy("Decision period extended"),
    "granted": gettext_lazy("Granted"),
    "refusal_intended": gettext_lazy("Refusal intended"),
    "refused": gettext_lazy("Refused"),
    "coordinator_reviewed": gettext_lazy("Reviewed by the coordinator"),
    "arrangement_renewed": gettext_lazy("Arrangement renewed"),
    "follow_up_done": gettext_lazy("Follow-up done"),
    "hearing_planned": gettext_lazy("Conversation with school and parents planned"),
    "hearing_held": gettext_lazy("Conversation with school and parents held"),
    "hearing_declined": gettext_lazy("The parents declined the conversation"),
    "areas_corrected": gettext_lazy("Development areas corrected"),
    "expert_replaced": gettext_lazy("Expert replaced"),
}


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "web/forbidden.html", status=403)


def _context(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


def _get(request: HttpRequest, pk: int, *, audit_success: bool = True) -> Application:
    """The dossier for the signed-in user (403 when the role never sees dossiers, 404 out of
    scope); audited by the selector."""
    return selectors.application_get(application_id=pk, context=_context(request), audit_success=audit_success)


def _denied_as_403(view: Callable) -> Callable:
    """A ``PermissionDenied`` from a selector or service becomes the Dutch 403 page."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return login_required(wrapper)


# --- List and worklist ----------------------------------------------------------------------


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The worklist: open dossiers with their next statutory date, the most urgent first
    (:func:`dekkend.referrals.worklist.worklist_for`, paged by key); or the closed dossiers.
    A school sees its own (drafts too), SWV staff their SWV, an expert the dossiers assigned to
    them. One audit row names every dossier and pupil shown."""
    user = request.user
    context = _context(request)
    today = timezone.localdate()
    if not permissions.has_action(user, Action.VIEW_APPLICATIONS):
        worklist.worklist_for(user=user, today=today, context=context)  # writes the denied row
        return forbidden(request)
    closed = request.GET.get("afgerond") == "1"
    page = None
    items: list = []
    if closed:
        queryset = (
            selectors.application_queryset(user=user)
            .filter(status__in=[Status.GRANTED, Status.REFUSED])
            .order_by("-decided_on", "-id")
        )
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        shown = list(page.object_list)
        audit_event_record(
            context=context,
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.SUCCESS,
            object_type="application",
            access_basis=Basis.SCOPE,
            detail={
                "list": "closed",
                "application_ids": [a.pk for a in shown],
                "pupil_ids": [a.pupil_id for a in shown],
            },
        )
    else:
        after = request.GET.get("na")
        items = worklist.worklist_for(user=user, today=today, context=context, after=after, limit=PAGE_SIZE)
    return render(
        request,
        "referrals/application_list.html",
        {
            "closed": closed,
            "page": page,
            "rows": _worklist_rows(items),
            "next_cursor": items[-1].cursor if len(items) == PAGE_SIZE else None,
            "is_first": not request.GET.get("na"),
            "today": today,
            "may_create": permissions.has_action(user, Action.CREATE_APPLICATION),
            "unread_notices": _unread_notices(user),
        },
    )


def _worklist_rows(items: list) -> list[dict]:
    """What each row of the worklist table shows, prepared here rather than in the template:
    the link, the labels, the date and the days in words are each made once per distinct value
    on the page (a page is 50 rows; a URL reversal, a ``blocktranslate`` and a date format per
    row cost more than the page's query, see bench/cases_referrals.py)."""
    marker = 2**62  # no application has this id
    detail_url = reverse("referrals:application_detail", args=[marker]).replace(str(marker), "{}")
    type_label = functools.cache(lambda value: str(ApplicationType(value).label))
    status_label = functools.cache(lambda value: capfirst(str(Status(value).label)))
    kind_label = functools.cache(lambda value: capfirst(str(DeadlineKind(value).label)))
    day = functools.cache(lambda value: formats.date_format(value, "j F Y"))
    overdue = functools.cache(
        lambda days: ngettext("Overdue by %(n)s day", "Overdue by %(n)s days", days) % {"n": days}
    )
    rows = []
    for item in items:
        application = item.application
        if item.overdue:
            days, urgent = overdue(-item.days_left), True
        elif item.due_today:
            days, urgent = _("Due today"), True
        else:
            days, urgent = ("—" if item.days_left is None else item.days_left), False
        kind = kind_label(item.kind)
        rows.append(
            {
                "item": item,
                "url": detail_url.format(application.pk),
                "pupil": f"{application.pupil_last_name}, {application.pupil_first_name}",
                "school": application.school_name,
                "type": type_label(application.type),
                "status": status_label(application.status),
                "next": f"{kind}: {day(item.due_on)}" if item.due_on else kind,
                "days": days,
                "urgent": urgent,
            }
        )
    return rows


# --- New application ------------------------------------------------------------------------


def _own_pupils(request: HttpRequest) -> list:
    """The pupils of the schools the user may apply for, read through the audited pupil selector."""
    school_ids = {
        role.school_id for role in permissions.roles_for(request.user, Action.CREATE_APPLICATION) if role.school_id
    }
    pupils = list(
        pupil_queryset(user=request.user).filter(school_id__in=school_ids).order_by("last_name", "first_name", "id")
    )
    pupil_search_audit(context=_context(request), criteria={"purpose": "application_new"}, pupils=pupils)
    return pupils


@require_http_methods(["GET", "POST"])
@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    """A school starts an application (a draft) for one of its own pupils."""
    if not permissions.has_action(request.user, Action.CREATE_APPLICATION):
        return forbidden(request)
    today = timezone.localdate()
    pupils = _own_pupils(request)
    form = ApplicationForm(request.POST or None, pupils=pupils, today=today)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            pupil = next(p for p in pupils if p.pk == data["pupil"])
            try:
                application = services.application_create(
                    pupil_id=pupil.pk,
                    school_id=pupil.school_id,
                    type=data["type"],
                    requested_provision_type=data["requested_provision_type"],
                    parent_consent=data["parent_consent"],
                    parent_view=data["parent_view"],
                    pupil_view=data["pupil_view"],
                    development_areas=data["development_areas"],
                    context=_context(request),
                    **form.specifics(),
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            except PermissionDenied:
                return forbidden(request)
            else:
                messages.success(request, _("The draft is saved. Add the documents, then submit the application."))
                return redirect("referrals:application_detail", pk=application.pk)
    return render(request, "referrals/application_new.html", {"form": form, "pupils": pupils}, status=status)


def _errors_to_form(form, error: ValidationError) -> None:
    """Put a service's Dutch error on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Dossier --------------------------------------------------------------------------------


def _unread_notices(user) -> int | None:
    """The number of unread notices for the header link; None for a role without notices."""
    if not permissions.has_action(user, Action.VIEW_NOTICES):
        return None
    return selectors.notice_unread_count(user=user)


def _allowed(user, action: Action, application: Application) -> bool:
    return permissions.decide_application(user, action, application).allowed


def _steps(user, application: Application) -> dict[str, bool]:
    """Which action forms the dossier page offers: the role may (permissions module) and the
    step is possible in the dossier's status (the service checks both again)."""
    status = application.status
    is_tlv = application.type in TLV_TYPES
    own_assignment = application.assignments.filter(expert__user=user).select_related("advice").first()
    advices = selectors.application_advices(application=application)
    third = is_tlv and status == Status.IN_ASSESSMENT and rules.third_expert_needed(advices)
    third_assigned = any(a.order == 3 for a in application.assignments.all())
    return {
        "documents": status in (Status.DRAFT, Status.SUBMITTED, Status.INCOMPLETE)
        and _allowed(user, Action.CREATE_APPLICATION, application),
        "submit": status == Status.DRAFT and _allowed(user, Action.CREATE_APPLICATION, application),
        "completeness": status in (Status.SUBMITTED, Status.INCOMPLETE)
        and _allowed(user, Action.CHECK_COMPLETENESS, application),
        "experts": is_tlv
        and (status == Status.COMPLETE or (third and not third_assigned))
        and _allowed(user, Action.ASSIGN_EXPERTS, application),
        "advice": status == Status.IN_ASSESSMENT
        and own_assignment is not None
        and not hasattr(own_assignment, "advice")
        and _allowed(user, Action.ADVISE, application),
        "extend": status in (Status.COMPLETE, Status.IN_ASSESSMENT)
        and application.decision_extended_to is None
        and _allowed(user, Action.EXTEND_DECISION, application),
        "decision": (
            status == Status.IN_ASSESSMENT or (status == Status.REFUSAL_INTENDED and application.hearing_done)
        )
        and _allowed(user, Action.DECIDE, application),
        "hearing_plan": status == Status.REFUSAL_INTENDED
        and not application.hearing_done
        and _allowed(user, Action.RECORD_HEARING, application),
        "hearing_report": status == Status.REFUSAL_INTENDED
        and not application.hearing_done
        and _allowed(user, Action.RECORD_HEARING, application),
        "coordinator_review": application.type == ApplicationType.ONDERWIJSARRANGEMENT
        and status == Status.COMPLETE
        and application.coordinator_reviewed_on is None
        and _allowed(user, Action.CHECK_COMPLETENESS, application),
        "budget_decision": application.type in services.BUDGET_TYPES
        and status == Status.COMPLETE
        and _allowed(user, Action.DECIDE, application),
        "follow_up": status == Status.GRANTED
        and application.follow_up_on is not None
        and application.follow_up_done_on is None
        and _allowed(user, Action.DECIDE, application),
        "areas": services.development_areas_may_correct(user, application),
        "replace": is_tlv and status == Status.IN_ASSESSMENT and _allowed(user, Action.ASSIGN_EXPERTS, application),
        "third": third,
        "first_expert": own_assignment is not None and own_assignment.order == 1,
    }


def _oversees_experts(user, application: Application) -> bool:
    """SWV staff who assign the experts or decide on their advice."""
    return _allowed(user, Action.ASSIGN_EXPERTS, application) or _allowed(user, Action.DECIDE, application)


def _visible_advices(user, application: Application, advices: list) -> list:
    """SWV staff who assign experts or decide see every advice; an expert sees their own (the
    experts advise independently); the school sees them once the dossier is closed."""
    if _oversees_experts(user, application):
        return advices
    if application.is_closed and _allowed(user, Action.CREATE_APPLICATION, application):
        return advices
    return [advice for advice in advices if advice.assignment.expert.user_id == user.pk]


def _auto_id(form_name: str) -> str:
    """Each form on the dossier page gets its own element ids (labels stay linked to their
    field when several forms show a date); the field names stay the same."""
    return f"{form_name}_%s"


def _experts_form(application: Application, data=None, *, third: bool) -> ExpertsForm:
    first, other = expert_choices(application)
    return ExpertsForm(data, first_choices=first, other_choices=other, third=third, auto_id=_auto_id("experts"))


def _replace_form(application: Application, assignment, data=None) -> ExpertReplaceForm:
    return ExpertReplaceForm(
        data,
        choices=replacement_choices(application, assignment),
        auto_id=_auto_id(f"replace_{assignment.expert.user_id}"),
    )


def _replace_forms(application: Application, assignments: list, steps: dict, bound: dict) -> list[dict]:
    """A replacement form per expert who has not advised (SWV staff, while the experts assess);
    a form sent back with an error is shown even when its expert has advised since."""
    shown = []
    for assignment in assignments:
        form = bound.get(f"replace_{assignment.expert.user_id}")
        if form is None and steps["replace"] and not hasattr(assignment, "advice"):
            form = _replace_form(application, assignment)
        if form is not None:
            shown.append({"assignment": assignment, "form": form})
    return shown


def _render_detail(
    request: HttpRequest, application: Application, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    steps = _steps(user, application)
    bound = bound or {}
    forms = {
        "documents": lambda: DocumentForm(auto_id=_auto_id("documents")),
        "completeness": lambda: CompletenessForm(auto_id=_auto_id("completeness")),
        "experts": lambda: _experts_form(application, third=steps["third"]),
        "advice": lambda: AdviceForm(first_expert=steps["first_expert"], auto_id=_auto_id("advice")),
        "extend": lambda: ExtendForm(auto_id=_auto_id("extend")),
        "decision": lambda: DecisionForm(status=application.status, auto_id=_auto_id("decision")),
        "coordinator_review": lambda: CoordinatorReviewForm(auto_id=_auto_id("coordinator_review")),
        "budget_decision": lambda: BudgetDecisionForm(auto_id=_auto_id("budget_decision")),
        "follow_up": lambda: FollowUpForm(arrangement=_is_arrangement(application), auto_id=_auto_id("follow_up")),
        "hearing_plan": lambda: HearingPlanForm(
            initial={"hearing_on": application.hearing_planned_on}, auto_id=_auto_id("hearing_plan")
        ),
        "hearing_report": lambda: HearingReportForm(auto_id=_auto_id("hearing_report")),
        "areas": lambda: DevelopmentAreasForm(
            initial={"development_areas": application.development_areas}, auto_id=_auto_id("areas")
        ),
    }
    # A form sent back with an error is shown even when its step is no longer offered.
    shown_forms = {name: bound.get(name) or make() for name, make in forms.items() if steps[name] or name in bound}
    assignments = list(application.assignments.select_related("expert__user", "advice"))
    advices = selectors.application_advices(application=application)
    on_worklist = worklist.worklist_queryset(user=user).filter(pk=application.pk).first()
    check_on = application.submitted_on or today
    return render(
        request,
        "referrals/application_detail.html",
        {
            "application": application,
            "pupil": application.pupil,
            "today": today,
            "steps": steps,
            "forms": shown_forms,
            "problems": rules.documents_complete(application, check_on),
            "check_on": check_on,
            "pupil_view_required": rules.pupil_view_required(application.pupil.birth_date, check_on),
            "documents": application.documents.all(),
            "assignments": assignments,
            "replace_forms": _replace_forms(application, assignments, steps, bound),
            "advices": _visible_advices(user, application, advices),
            "events": _timeline(application, user),
            "deadline": worklist.item_for(on_worklist, today) if on_worklist else None,
            "letter": letters.letter_available(application),
            "unread_notices": _unread_notices(user),
            "may_download": _allowed(user, Action.VIEW_APPLICATION_DOCUMENTS, application),
        },
        status=status,
    )


def _timeline(application: Application, user) -> list:
    statuses = dict(Status.choices)
    events = list(application.events.select_related("actor"))
    replaced = [event for event in events if event.what == "expert_replaced"]
    ids = {event.detail.get(key) for event in replaced for key in ("replaced", "replacement")}
    names = selectors.user_names(user_ids=ids) if replaced else {}
    with_reason = bool(replaced) and _oversees_experts(user, application)
    for event in events:
        event.label = EVENT_LABELS.get(event.what, event.what)
        event.status_label = statuses.get(event.new_status, event.new_status)
        event.note = _replacement_note(event, names, with_reason) if event.what == "expert_replaced" else ""
    return events


def _replacement_note(event, names: dict, with_reason: bool) -> str:
    """Who replaced whom; the reason only for SWV staff who oversee the experts (it may say why
    an expert could not advise, which is not for the school or the other experts)."""
    detail = event.detail
    note = _("expert %(order)s: %(replaced)s replaced by %(replacement)s") % {
        "order": detail.get("order"),
        "replaced": names.get(detail.get("replaced"), "—"),
        "replacement": names.get(detail.get("replacement"), "—"),
    }
    if with_reason:
        note += ". " + _("Reason: %(reason)s") % {"reason": detail.get("reason", "")}
    return note


@_denied_as_403
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get(request, pk))


def _step(
    request: HttpRequest,
    pk: int,
    *,
    name: str,
    make_form: Callable[[Application], object],
    run: Callable[[dict, AuditContext], object],
    done: str,
) -> HttpResponse:
    """Validate the step's form, call its service; on an error show the dossier again with the
    form as sent and the error in Dutch (HTTP 400); the service changed nothing."""
    application = _get(request, pk, audit_success=False)
    form = make_form(application)
    if form.is_valid():
        try:
            run(form.cleaned_data, _context(request))
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect("referrals:application_detail", pk=pk)
    return _render_detail(request, _get(request, pk), bound={name: form}, status=400)


@require_POST
@_denied_as_403
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="documents",
        make_form=lambda application: DocumentForm(request.POST, request.FILES, auto_id=_auto_id("documents")),
        run=lambda data, context: services.document_add(application_id=pk, context=context, **data),
        done=_("The document is added."),
    )


@require_http_methods(["GET", "POST"])
@_denied_as_403
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submitting cannot be undone: a page with the checklist and a confirmation first."""
    application = _get(request, pk)
    if not _steps(request.user, application)["submit"]:
        if not _allowed(request.user, Action.CREATE_APPLICATION, application):
            return forbidden(request)
        messages.error(request, _("This application cannot be submitted now."))
        return redirect("referrals:application_detail", pk=pk)
    form = SubmitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.application_submit(
                    application_id=pk, date=form.cleaned_data["date"], context=_context(request)
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(
                    request, _("The application is submitted. The secretariat checks whether it is complete.")
                )
                return redirect("referrals:application_detail", pk=pk)
    check_on = timezone.localdate()
    return render(
        request,
        "referrals/application_submit.html",
        {
            "application": application,
            "form": form,
            "problems": rules.documents_complete(application, check_on),
            "check_on": check_on,
        },
        status=status,
    )


@require_POST
@_denied_as_403
def completeness_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="completeness",
        make_form=lambda application: CompletenessForm(request.POST, auto_id=_auto_id("completeness")),
        run=lambda data, context: services.completeness_record(application_id=pk, context=context, **data),
        done=_("The completeness check is recorded."),
    )


@require_POST
@_denied_as_403
def experts_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def make_form(application):
        third = application.status == Status.IN_ASSESSMENT
        return _experts_form(application, request.POST, third=third)

    def run(data, context):
        form_experts = [data["third"]] if "third" in data else [data["first"], data["second"]]
        services.experts_assign(application_id=pk, experts=form_experts, date=data.get("date"), context=context)

    return _step(request, pk, name="experts", make_form=make_form, run=run, done=_("The experts are assigned."))


@require_POST
@_denied_as_403
def expert_replace(request: HttpRequest, pk: int, expert: int) -> HttpResponse:
    """Replace an assigned expert (user id ``expert``) who has not advised, in two steps like a
    decision: the form on the dossier, then a confirmation page; "Change" goes back with the form
    as typed. A refusal by the service is shown on the form, with what was typed."""
    application = selectors.application_get(
        application_id=pk, context=_context(request), action=Action.ASSIGN_EXPERTS, audit_success=False
    )
    assignments = application.assignments.select_related("expert__user")
    assignment = assignments.filter(expert__user_id=expert).first() if expert <= selectors.MAX_ID else None
    if assignment is None:  # replaced since the page was shown, or never on this dossier
        messages.error(request, _("This expert is no longer on this dossier."))
        return redirect("referrals:application_detail", pk=pk)
    form = _replace_form(application, assignment, request.POST)
    name = f"replace_{expert}"
    if not form.is_valid() or "edit" in request.POST:
        return _render_detail(request, _get(request, pk), bound={name: form}, status=400 if form.errors else 200)
    data = form.cleaned_data
    if request.POST.get("confirmed") != "1":
        rows = [
            (_("Expert"), f"{assignment.order}. {assignment.expert.user}"),
            (form["replacement"].label, _display(form, "replacement")),
            (form["reason"].label, data["reason"]),
            (_("Date"), _display(form, "date") if data["date"] else _("today")),
        ]
        return render(
            request,
            "referrals/expert_replace_confirm.html",
            {
                "application": _get(request, pk),
                "form": form,
                "rows": rows,
                "action": reverse("referrals:expert_replace", args=[pk, expert]),
            },
        )
    try:
        services.expert_replace(application_id=pk, replaced=expert, context=_context(request), **data)
    except ValidationError as error:
        _errors_to_form(form, error)
        return _render_detail(request, _get(request, pk), bound={name: form}, status=400)
    messages.success(request, _("The expert is replaced. The new expert can now see the dossier."))
    return redirect("referrals:application_detail", pk=pk)


@require_POST
@_denied_as_403
def advice_record(request: HttpRequest, pk: int) -> HttpResponse:
    def make_form(application):
        own = application.assignments.filter(expert__user=request.user).first()
        return AdviceForm(request.POST, first_expert=own is None or own.order == 1, auto_id=_auto_id("advice"))

    def run(data, context):
        data = {**data, "triage": data.get("triage", "")}
        services.advice_record(application_id=pk, context=context, **data)

    return _step(request, pk, name="advice", make_form=make_form, run=run, done=_("Your advice is recorded."))


@require_POST
@_denied_as_403
def development_areas_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="areas",
        make_form=lambda application: DevelopmentAreasForm(request.POST, auto_id=_auto_id("areas")),
        run=lambda data, context: services.development_areas_correct(application_id=pk, context=context, **data),
        done=_("The development areas are corrected."),
    )


@require_POST
@_denied_as_403
def decision_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="extend",
        make_form=lambda application: ExtendForm(request.POST, auto_id=_auto_id("extend")),
        run=lambda data, context: services.decision_extend(application_id=pk, context=context, **data),
        done=_("The decision period is extended. Tell the school the new date."),
    )


@require_POST
@_denied_as_403
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision, in two steps: the form, then a confirmation page; only the confirmed post
    records it. "Change" goes back to the dossier with the form as typed."""
    application = _get(request, pk, audit_success=False)
    form = DecisionForm(request.POST, status=application.status, auto_id=_auto_id("decision"))
    if not form.is_valid() or "edit" in request.POST:
        return _render_detail(request, _get(request, pk), bound={"decision": form}, status=400 if form.errors else 200)
    data = form.cleaned_data
    if request.POST.get("confirmed") != "1":
        advices = selectors.application_advices(application=application)
        return render(
            request,
            "referrals/decision_confirm.html",
            {
                "application": _get(request, pk),
                "form": form,
                "outcome_label": dict(form.fields["outcome"].choices).get(data["outcome"]),
                "advice": rules.decisive_advice(advices),
                "advices": advices,
            },
        )
    try:
        services.decision_record(application_id=pk, context=_context(request), **data)
    except ValidationError as error:
        _errors_to_form(form, error)
        return _render_detail(request, _get(request, pk), bound={"decision": form}, status=400)
    messages.success(request, _("The decision is recorded. The letter is ready."))
    return redirect("referrals:application_detail", pk=pk)


@require_POST
@_denied_as_403
def hearing_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="hearing_plan",
        make_form=lambda application: HearingPlanForm(request.POST, auto_id=_auto_id("hearing_plan")),
        run=lambda data, context: services.hearing_schedule(application_id=pk, context=context, **data),
        done=_("The date of the conversation is recorded. Invite the school and the parents."),
    )


@require_POST
@_denied_as_403
def hearing_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="hearing_report",
        make_form=lambda application: HearingReportForm(request.POST, auto_id=_auto_id("hearing_report")),
        run=lambda data, context: services.hearing_record(application_id=pk, context=context, **data),
        done=_("The conversation is recorded. You can now take the final decision."),
    )


# --- Budgets and arrangements ---------------------------------------------------------------


def _is_arrangement(application: Application) -> bool:
    return application.type == ApplicationType.ONDERWIJSARRANGEMENT


@require_POST
@_denied_as_403
def coordinator_review_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        name="coordinator_review",
        make_form=lambda application: CoordinatorReviewForm(request.POST, auto_id=_auto_id("coordinator_review")),
        run=lambda data, context: services.coordinator_review_record(application_id=pk, context=context, **data),
        done=_("The coordinator's review is recorded."),
    )


@require_POST
@_denied_as_403
def budget_decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision on a budget or an arrangement, confirmed on a second page like a TLV decision."""
    _get(request, pk, audit_success=False)  # 403/404 (audited) before anything is shown
    form = BudgetDecisionForm(request.POST, auto_id=_auto_id("budget_decision"))
    if not form.is_valid() or "edit" in request.POST:
        bound = {"budget_decision": form}
        return _render_detail(request, _get(request, pk), bound=bound, status=400 if form.errors else 200)
    if request.POST.get("confirmed") != "1":
        rows = [
            (form[name].label, _display(form, name))
            for name in ("outcome", "motivation", "valid_from", "valid_until", "date")
            if form.cleaned_data.get(name) not in (None, "")
        ]
        return render(
            request,
            "referrals/confirm.html",
            {
                "application": _get(request, pk),
                "form": form,
                "rows": rows,
                "action": reverse("referrals:budget_decision_record", args=[pk]),
            },
        )
    try:
        services.budget_decision_record(application_id=pk, context=_context(request), **form.cleaned_data)
    except ValidationError as error:
        _errors_to_form(form, error)
        return _render_detail(request, _get(request, pk), bound={"budget_decision": form}, status=400)
    messages.success(request, _("The decision is recorded."))
    return redirect("referrals:application_detail", pk=pk)


def _display(form, name: str) -> str:
    value = form.cleaned_data[name]
    if hasattr(value, "strftime"):
        return formats.date_format(value, "j F Y")
    choices = dict(getattr(form.fields[name], "choices", ()) or ())  # keyed by the value as sent
    return str(choices.get(str(value), value))


@require_POST
@_denied_as_403
def follow_up_record(request: HttpRequest, pk: int) -> HttpResponse:
    def make_form(application):
        return FollowUpForm(request.POST, arrangement=_is_arrangement(application), auto_id=_auto_id("follow_up"))

    def run(data, context):
        services.follow_up_record(application_id=pk, context=context, **{"renew": False, **data})

    return _step(request, pk, name="follow_up", make_form=make_form, run=run, done=_("The follow-up is recorded."))


# --- Documents ------------------------------------------------------------------------------


@_denied_as_403
def document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """A document of the dossier as a download (never shown inline): the stored content type,
    a neutral file name, not cached. Checked and audited by the selector."""
    document = selectors.application_document_get(
        application_id=pk, document_id=document_pk, context=_context(request)
    )
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=download_name(document), content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Notices --------------------------------------------------------------------------------


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's reminders ("Meldingen"): unread first, each with a link to its
    dossier (which checks and audits the read as usual) and a button to mark it read."""
    if not permissions.has_action(request.user, Action.VIEW_NOTICES):
        return forbidden(request)
    page = Paginator(selectors.notice_queryset(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/notice_list.html",
        {"page": page, "unread": selectors.notice_unread_count(user=request.user)},
    )


@require_POST
@_denied_as_403
def notice_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    count = services.notices_mark_read(context=_context(request), notice_id=pk)
    if pk is None:
        messages.success(request, _("All notices are marked as read."))
    elif count:
        messages.success(request, _("The notice is marked as read."))
    return redirect("referrals:notice_list")


# --- Letter ---------------------------------------------------------------------------------


def _decided(request: HttpRequest, pk: int) -> Application:
    application = _get(request, pk)
    if not letters.letter_available(application):
        raise Http404
    return application


@_denied_as_403
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    application = _decided(request, pk)
    with translation.override(letters.LETTER_LANGUAGE):  # the letter is Dutch, as in the PDF
        return render(
            request,
            "referrals/letter_preview.html",
            {**letters.letter_context(application), "pdf_url": reverse("referrals:letter_pdf", args=[pk])},
        )


@_denied_as_403
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    application = _decided(request, pk)
    response = HttpResponse(letters.letter_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters.letter_filename(application)}"'
    return response
