"""Pages after the decision: registrations with their next statutory date, the detail with its
timeline and a page per step (a confirmation before anything irreversible), objections and
the plaatsingstafel. Thin: permissions in :mod:`dekkend.core.permissions`, reads through the
audited selectors, writes through the services."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dekkend.accounts.models import Role
from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, SchoolLocation
from dekkend.web.views import forbidden

from . import forms, rules, selectors, services
from .models import Admission, Objection, TableCase

PAGE_SIZE = 25
OPEN = (Admission.Status.REGISTERED, Admission.Status.TEMPORARY, Admission.Status.ADMITTED)


def _context(request) -> AuditContext:
    return AuditContext.from_request(request)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _with_deadlines(rows, deadline_of):
    today = timezone.localdate()
    for row in rows:
        deadline = deadline_of(row)
        row.deadline = deadline
        row.deadline_words = deadline.words(today) if deadline else ""
        row.overdue = bool(deadline and deadline.days_left(today) < 0)
    return rows


def _swv_schools(user):
    return School.objects.filter(swv_id__in=permissions.swv_ids_for(user, Action.VIEW_ORGANISATIONS)).order_by("name")


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages_:
                form.add_error(target if field != NON_FIELD_ERRORS else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- lists ------------------------------------------------------------------------------------


@login_required
def admission_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.has_action(user, Action.VIEW_ADMISSIONS):
        selectors.list_audit(context=_context(request), kind="admission", rows=[], allowed=False)
        return forbidden(request)
    form = forms.AdmissionFilterForm(request.GET or None)
    state = form.cleaned_data.get("state") if form.is_valid() else "open"
    queryset = selectors.admission_queryset(user=user)
    if state != "all":
        queryset = queryset.filter(status__in=OPEN)
    queryset = queryset.annotate(due=Coalesce(F("extended_to"), F("decision_due"))).order_by("due", "id")
    page = _page(request, queryset)
    selectors.list_audit(context=_context(request), kind="admission", rows=list(page), criteria={"state": state})
    _with_deadlines(page, rules.admission_next_deadline)
    return render(
        request,
        "admissions/admission_list.html",
        {
            "form": form,
            "page": page,
            "may_register": permissions.has_action(user, Action.MANAGE_ADMISSION),
            "may_see_objections": permissions.has_action(user, Action.VIEW_OBJECTIONS),
            "may_see_table": permissions.has_action(user, Action.MANAGE_TABLE_CASES),
        },
    )


@login_required
def objection_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.has_action(user, Action.VIEW_OBJECTIONS):
        selectors.list_audit(context=_context(request), kind="objection", rows=[], allowed=False)
        return forbidden(request)
    queryset = selectors.objection_queryset(user=user).order_by("status", "decision_due", "id")
    page = _page(request, queryset)
    selectors.list_audit(context=_context(request), kind="objection", rows=list(page))
    _with_deadlines(page, rules.objection_next_deadline)
    return render(
        request,
        "admissions/objection_list.html",
        {"page": page, "may_register": permissions.has_action(user, Action.HANDLE_OBJECTION)},
    )


@login_required
def table_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.has_action(user, Action.MANAGE_TABLE_CASES):
        selectors.list_audit(context=_context(request), kind="table_case", rows=[], allowed=False)
        return forbidden(request)
    page = _page(request, selectors.table_case_queryset(user=user).order_by("status", "-tabled_on", "id"))
    selectors.list_audit(context=_context(request), kind="table_case", rows=list(page))
    return render(request, "admissions/table_list.html", {"page": page})


# --- details ----------------------------------------------------------------------------------


def _get_or_page(request, getter: Callable, **kwargs):
    """The case, or the 403/404 page (the selector has audited the attempt)."""
    try:
        return getter(context=_context(request), **kwargs), None
    except PermissionDenied:
        return None, forbidden(request)


@login_required
def admission_detail(request: HttpRequest, admission_id: int) -> HttpResponse:
    admission, refused = _get_or_page(request, selectors.admission_get, admission_id=admission_id)
    if refused:
        return refused
    today = timezone.localdate()
    deadline = rules.admission_next_deadline(admission)
    may_manage = permissions.decide_admission(request.user, Action.MANAGE_ADMISSION, admission).allowed
    handover = getattr(admission, "handover", None)
    status = admission.status
    temporary_right = status == Admission.Status.REGISTERED and rules.temporary_placement_right(
        admission.registered_on, today
    )
    return render(
        request,
        "admissions/admission_detail.html",
        {
            "admission": admission,
            "events": selectors.timeline(admission),
            "deadline": deadline,
            "deadline_words": deadline.words(today) if deadline else "",
            "overdue": bool(deadline and deadline.days_left(today) < 0),
            "final_due": rules.zorgplicht_final_due(admission.registered_on),
            "temporary_right": temporary_right,
            "handover": handover,
            "handover_missing": rules.handover_missing(handover) if status in ("admitted", "placed") else [],
            "may_extend": may_manage and status == "registered" and admission.extended_to is None,
            "may_decide": may_manage and status in ("registered", "temporary"),
            "may_place": may_manage and (status == "admitted" or temporary_right),
            "may_handover": may_manage and status in ("admitted", "placed"),
            "may_table": permissions.decide_admission(request.user, Action.MANAGE_TABLE_CASES, admission).allowed,
        },
    )


@login_required
def objection_detail(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection, refused = _get_or_page(request, selectors.objection_get, objection_id=objection_id)
    if refused:
        return refused
    today = timezone.localdate()
    deadline = rules.objection_next_deadline(objection)
    user = request.user
    may_handle = permissions.decide_swv_case(user, Action.HANDLE_OBJECTION, objection).allowed
    is_open = objection.is_open
    return render(
        request,
        "admissions/objection_detail.html",
        {
            "objection": objection,
            "events": selectors.timeline(objection),
            "deadline": deadline,
            "deadline_words": deadline.words(today) if deadline else "",
            "overdue": bool(deadline and deadline.days_left(today) < 0),
            "may_extend": may_handle and is_open and objection.extended_to is None,
            "may_hear": may_handle and objection.status == Objection.Status.RECEIVED,
            "may_advise": may_handle and is_open and objection.advisory_committee and not objection.advice_on,
            "may_decide": is_open and permissions.decide_swv_case(user, Action.DECIDE_OBJECTION, objection).allowed,
        },
    )


@login_required
def table_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case, refused = _get_or_page(request, selectors.table_case_get, case_id=case_id)
    if refused:
        return refused
    return render(
        request,
        "admissions/table_detail.html",
        {"case": case, "events": selectors.timeline(case), "may_decide": case.status == TableCase.Status.OPEN},
    )


# --- steps ------------------------------------------------------------------------------------


def _step(
    request,
    *,
    form: object,
    run: Callable,
    done: Callable,
    title: str,
    intro: str,
    back: str,
    subject=None,
    submit: str = "",
) -> HttpResponse:
    """Show the form; on a valid POST run the service; a refusal by a rule shows its Dutch
    message on the form, which keeps what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            return forbidden(request)
        else:
            messages.success(request, _("Saved."))
            return done(result)
    return render(
        request,
        "admissions/step.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "back": back,
            "subject": subject,
            "submit": submit or _("Save"),
        },
    )


def _admission_step(request, admission_id: int, action: Action = Action.MANAGE_ADMISSION):
    try:
        return selectors.admission_get(admission_id=admission_id, context=_context(request), action=action), None
    except PermissionDenied:
        return None, forbidden(request)


@require_http_methods(["GET", "POST"])
@login_required
def admission_register(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.has_action(user, Action.MANAGE_ADMISSION):
        return forbidden(request)
    schools = School.objects.filter(
        pk__in=[r.school_id for r in permissions.roles_for(user, Action.MANAGE_ADMISSION) if r.role == Role.SCHOOL]
    )
    form = forms.RegisterForm(request.POST or None, schools=schools, initial={"date": timezone.localdate()})
    return _step(
        request,
        form=form,
        run=lambda data: services.admission_register(
            school_id=data["school"],
            pupil_number=data["pupil_number"],
            birth_date=data["birth_date"],
            date=data["date"],
            context=_context(request),
        ),
        done=lambda admission: redirect("admissions:detail", admission_id=admission.pk),
        title=_("Register a pupil"),
        intro=_(
            "Record the parents' written registration. From that day your school board has the zorgplicht: "
            "you decide within 6 weeks."
        ),
        back="admissions:list",
    )


@require_http_methods(["GET", "POST"])
@login_required
def admission_extend(request: HttpRequest, admission_id: int) -> HttpResponse:
    admission, refused = _admission_step(request, admission_id)
    if refused:
        return refused
    form = forms.ExtendForm(request.POST or None, initial={"date": timezone.localdate()})
    return _step(
        request,
        form=form,
        run=lambda data: services.admission_extend(admission_id=admission.pk, context=_context(request), **data),
        done=lambda _r: redirect("admissions:detail", admission_id=admission.pk),
        title=_("Extend the decision period"),
        intro=_("Once, within the 6 weeks, by at most 4 weeks. Tell the parents in writing first."),
        back="admissions:list",
        subject=admission,
    )


@require_http_methods(["GET", "POST"])
@login_required
def admission_decide(request: HttpRequest, admission_id: int) -> HttpResponse:
    admission, refused = _admission_step(request, admission_id)
    if refused:
        return refused
    form = forms.DecideForm(
        request.POST or None,
        schools=_swv_schools(request.user).exclude(pk=admission.school_id),
        initial={"date": timezone.localdate()},
    )

    def run(data):
        return services.admission_decide(
            admission_id=admission.pk,
            outcome=data["outcome"],
            motivation=data["motivation"],
            offer_school_id=data["offer_school"],
            offer_note=data["offer_note"],
            planned_start=data["planned_start"],
            date=data["date"],
            context=_context(request),
        )

    return _step(
        request,
        form=form,
        run=run,
        done=lambda _r: redirect("admissions:detail", admission_id=admission.pk),
        title=_("Decide on the placement"),
        intro=_(
            "Placed: a place at an sbo, so, vso or pro school needs a granted TLV. Refused: name the school that "
            "does offer a fitting place (zorgplicht)."
        ),
        back="admissions:list",
        subject=admission,
        submit=_("Record the decision"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def admission_place(request: HttpRequest, admission_id: int) -> HttpResponse:
    admission, refused = _admission_step(request, admission_id)
    if refused:
        return refused
    temporary = admission.status == Admission.Status.REGISTERED
    form = forms.PlaceForm(
        request.POST or None,
        locations=SchoolLocation.objects.filter(school=admission.school).order_by("code", "id"),
        initial={"placement_date": timezone.localdate()},
    )

    def run(data):
        if temporary:
            return services.admission_place_temporarily(
                admission_id=admission.pk,
                location_id=data["location"],
                date=data["placement_date"],
                context=_context(request),
            )
        return services.admission_place(
            admission_id=admission.pk,
            placement_date=data["placement_date"],
            location_id=data["location"],
            context=_context(request),
        )

    return _step(
        request,
        form=form,
        run=run,
        done=lambda _r: redirect("admissions:detail", admission_id=admission.pk),
        title=_("Temporary placement") if temporary else _("Record the placement"),
        intro=_("No decision after 10 weeks: the pupil is placed temporarily at your school.")
        if temporary
        else _("Record the first school day. The pupil's placement history is updated."),
        back="admissions:list",
        subject=admission,
        submit=_("Record the placement"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def admission_handover(request: HttpRequest, admission_id: int) -> HttpResponse:
    admission, refused = _admission_step(request, admission_id)
    if refused:
        return refused
    handover = getattr(admission, "handover", None)
    initial = {}
    if handover:
        initial = {name: getattr(handover, name) for name in forms.HandoverForm.base_fields}
    form = forms.HandoverForm(request.POST or None, initial=initial)
    return _step(
        request,
        form=form,
        run=lambda data: services.handover_record(admission_id=admission.pk, context=_context(request), **data),
        done=lambda _r: redirect("admissions:detail", admission_id=admission.pk),
        title=_("Warm handover"),
        intro=_(
            "The current and the new school talk with the parents about the goals and the way back to regular "
            "education. Documents go to the new school only with the parents' consent."
        ),
        back="admissions:list",
        subject=admission,
    )


def _objection_step(request, objection_id: int, action: Action):
    try:
        return selectors.objection_get(objection_id=objection_id, context=_context(request), action=action), None
    except PermissionDenied:
        return None, forbidden(request)


@require_http_methods(["GET", "POST"])
@login_required
def objection_register(request: HttpRequest) -> HttpResponse:
    if not permissions.has_action(request.user, Action.HANDLE_OBJECTION):
        return forbidden(request)
    form = forms.ObjectionForm(request.POST or None, initial={"received_on": timezone.localdate()})
    return _step(
        request,
        form=form,
        run=lambda data: services.objection_register(
            context=_context(request), application_id=data.pop("application"), **data
        ),
        done=lambda objection: redirect("admissions:objection_detail", objection_id=objection.pk),
        title=_("Register an objection"),
        intro=_(
            "An objection against a TLV decision is registered with its date of receipt. One that came in after "
            "the 6 weeks is registered too, and marked late."
        ),
        back="admissions:objection_list",
    )


def _objection_page(form_class, service, title, intro, action=Action.HANDLE_OBJECTION, submit=""):
    @require_http_methods(["GET", "POST"])
    @login_required
    def view(request: HttpRequest, objection_id: int) -> HttpResponse:
        objection, refused = _objection_step(request, objection_id, action)
        if refused:
            return refused
        form = form_class(request.POST or None, initial={"date": timezone.localdate()})
        return _step(
            request,
            form=form,
            run=lambda data: service(
                objection_id=objection.pk,
                context=_context(request),
                **{name: value for name, value in data.items() if name != "confirm"},
            ),
            done=lambda _r: redirect("admissions:objection_detail", objection_id=objection.pk),
            title=title,
            intro=intro,
            back="admissions:objection_list",
            subject=objection,
            submit=submit,
        )

    return view


objection_extend = _objection_page(
    forms.ObjectionExtendForm,
    services.objection_extend,
    gettext_lazy("Postpone the decision"),
    gettext_lazy("Once, by at most 6 weeks, before the term ends (AwB art. 7:10). Tell the objector in writing."),
)
objection_hearing = _objection_page(
    forms.HearingForm,
    services.objection_hear,
    gettext_lazy("Hearing"),
    gettext_lazy("The objector is heard before the decision (AwB art. 7:2), unless they waive it."),
)
objection_advice = _objection_page(
    forms.AdviceForm,
    services.objection_advice_record,
    gettext_lazy("Advice of the committee"),
    gettext_lazy("The advisory committee advises before the decision (AwB art. 7:13)."),
)
objection_decide = _objection_page(
    forms.ObjectionDecideForm,
    services.objection_decide,
    gettext_lazy("Decide on the objection"),
    gettext_lazy(
        "Gegrond, ongegrond or niet-ontvankelijk. A late objection is decided on its merits only when excused."
    ),
    action=Action.DECIDE_OBJECTION,
    submit=gettext_lazy("Record the decision"),
)


@require_http_methods(["GET", "POST"])
@login_required
def table_open(request: HttpRequest) -> HttpResponse:
    if not permissions.has_action(request.user, Action.MANAGE_TABLE_CASES):
        return forbidden(request)
    initial = {"date": timezone.localdate(), "admission": request.GET.get("aanmelding")}
    form = forms.TableCaseForm(request.POST or None, initial=initial)
    return _step(
        request,
        form=form,
        run=lambda data: services.table_case_open(
            reason=data["reason"],
            parties=data["parties"],
            admission_id=data["admission"],
            pupil_id=data["pupil"],
            boards_disagreed=data["boards_disagreed"],
            date=data["date"],
            context=_context(request),
        ),
        done=lambda case: redirect("admissions:table_detail", case_id=case.pk),
        title=_("Put on the plaatsingstafel"),
        intro=_(
            "For a pupil without a fitting place, or when the school boards could not agree "
            "on the most fitting school."
        ),
        back="admissions:table_list",
    )


@require_http_methods(["GET", "POST"])
@login_required
def table_outcome(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = selectors.table_case_get(case_id=case_id, context=_context(request))
    except PermissionDenied:
        return forbidden(request)
    form = forms.TableOutcomeForm(
        request.POST or None, schools=_swv_schools(request.user), initial={"date": timezone.localdate()}
    )

    def run(data):
        data.pop("confirm")
        return services.table_case_decide(
            case_id=case.pk, outcome_school_id=data.pop("outcome_school"), context=_context(request), **data
        )

    return _step(
        request,
        form=form,
        run=run,
        done=lambda _r: redirect("admissions:table_detail", case_id=case.pk),
        title=_("Outcome of the plaatsingstafel"),
        intro=_("Without agreement the manager toeleiding decides (doorzettingsmacht)."),
        back="admissions:table_list",
        subject=case,
        submit=_("Record the outcome"),
    )
