"""The steunpunt pages.

Public (no sign-in, like every page without ``login_required`` here; the accounts middleware only
asks signed-in staff for their second factor): the information pages per SWV and the question
form (CSRF, a honeypot, a rate limit per address, sizes limited). Staff (signed in, actions from
:mod:`dekkend.core.permissions`): the questions with their answer, call-back and intake forms, and
the overview with the figures (questions, impasse clock, thuiszitters per quarter).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dekkend.accounts.client_ip import client_ip
from dekkend.audit.services import AuditContext
from dekkend.core import charts, permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, Swv
from dekkend.pupils.models import Pupil
from dekkend.web.views import action_required, forbidden

from . import content, rules, selectors, services
from .forms import (
    AnswerForm,
    CallbackForm,
    EscalationForm,
    EscalationRaiseForm,
    EscalationSolveForm,
    FollowUpForm,
    IntakeForm,
    PeriodForm,
    PublicQuestionForm,
    SurveyAnswerForm,
    SurveyRoundForm,
    ThuiszitterEndForm,
    ThuiszitterForm,
    ThuiszitterPlanForm,
)
from .models import EscalationLevel, ParentHours, SteunpuntProfile, SurveyAudience

# The public form: at most this many questions per address per hour.
QUESTIONS_PER_HOUR = 5
PAGE_SIZE = 25


# --- Public pages ---------------------------------------------------------------------------


@login_not_required
def public_index(request: HttpRequest) -> HttpResponse:
    swvs = Swv.objects.order_by("name")
    return render(request, "steunpunt/public_index.html", {"swvs": swvs})


def _public_context(swv: Swv) -> dict:
    return {
        "swv": swv,
        "profile": SteunpuntProfile.objects.filter(swv=swv).first(),
        "hours": list(ParentHours.objects.filter(swv=swv)),
        "pages": content.PAGES,
    }


@login_not_required
def public_page(request: HttpRequest, swv_code: str, slug: str = "") -> HttpResponse:
    swv = get_object_or_404(Swv, code=swv_code)
    page = content.PAGE_BY_SLUG.get(slug)
    if page is None:
        raise Http404
    context = {**_public_context(swv), "page": page}
    if "ladder" in page.show:
        context["ladder"] = selectors.ladder(swv=swv)
    if "links" in page.show:
        context["links"] = content.NATIONAL_LINKS
    if "map" in page.show:
        context["map_url"] = f"/dekkend-netwerk/kaart/{swv.code}/"
    return render(request, "steunpunt/public_page.html", context)


def _rate_key(request: HttpRequest) -> str:
    return f"steunpunt:question:{client_ip(request) or 'unknown'}"


def _over_limit(request: HttpRequest) -> bool:
    return cache.get(_rate_key(request), 0) >= QUESTIONS_PER_HOUR


def _count(request: HttpRequest) -> None:
    key = _rate_key(request)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)


@login_not_required
@require_http_methods(["GET", "POST"])
def question_form(request: HttpRequest, swv_code: str) -> HttpResponse:
    """The public question form. A bot that fills in the honeypot sees the confirmation and
    nothing is stored; too many questions from one address: a Dutch message, the text is kept."""
    swv = get_object_or_404(Swv, code=swv_code)
    form = PublicQuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _over_limit(request):
            messages.error(request, _("You have sent many questions in a short time. Please try again in an hour."))
            status = 429
        elif form.is_valid():
            _count(request)
            if not form.is_bot:
                data = form.cleaned_data
                services.question_submit_public(
                    swv_id=swv.pk,
                    asker=data["asker"],
                    theme=data["theme"],
                    text=data["text"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    context=AuditContext.from_request(request),
                )
            return redirect("steunpunt:question_sent", swv_code=swv.code)
        else:
            status = 400
    context = {**_public_context(swv), "form": form}
    return render(request, "steunpunt/question_form.html", context, status=status)


@login_not_required
def question_sent(request: HttpRequest, swv_code: str) -> HttpResponse:
    swv = get_object_or_404(Swv, code=swv_code)
    return render(request, "steunpunt/question_sent.html", {**_public_context(swv), "lines": content.CONFIRMATION})


# --- Staff: questions -----------------------------------------------------------------------


@action_required(Action.VIEW_QUESTIONS)
def question_list(request: HttpRequest) -> HttpResponse:
    open_only = request.GET.get("open") == "1"
    queryset = selectors.question_queryset(user=request.user)
    if open_only:
        queryset = queryset.filter(answered_at__isnull=True)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.case_list_audit(
        context=AuditContext.from_request(request), object_type="question", rows=list(page.object_list)
    )
    return render(
        request, "steunpunt/question_list.html", {"page": page, "open_only": open_only, **_staff_nav(request.user)}
    )


@action_required(Action.HANDLE_QUESTIONS)
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest) -> HttpResponse:
    swvs = Swv.objects.filter(pk__in=permissions.steunpunt_question_swv_ids(request.user, Action.HANDLE_QUESTIONS))
    form = IntakeForm(request.POST or None, swvs=swvs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            question = services.question_take_in(
                swv_id=data.pop("swv"), context=AuditContext.from_request(request), **data
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The question is taken in."))
            return redirect("steunpunt:question_detail", pk=question.pk)
    return render(request, "steunpunt/question_new.html", {"form": form}, status=400 if form.errors else 200)


def _errors_to_form(form, error: ValidationError, rename: dict | None = None) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            field = (rename or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = AuditContext.from_request(request)
    try:
        question = selectors.question_get(question_id=pk, context=context, audit_success=request.method == "GET")
    except PermissionDenied:
        return forbidden(request)
    may_handle = permissions.has_action(request.user, Action.HANDLE_QUESTIONS)
    answer_form = AnswerForm(
        initial={
            "steps_taken": question.steps_taken,
            "answer": question.answer,
            "follow_up": question.follow_up,
            "wanted_result": {True: "yes", False: "no"}.get(question.wanted_result, ""),
        }
    )
    callback_form = CallbackForm()
    status = 200
    if request.method == "POST":
        if not may_handle:
            return forbidden(request)
        if request.POST.get("form") == "callback":
            callback_form = CallbackForm(request.POST)
            form, run = (
                callback_form,
                lambda data: services.question_callback_plan(question_id=pk, context=context, **data),
            )
        else:
            answer_form = AnswerForm(request.POST)
            form, run = answer_form, lambda data: services.question_answer(question_id=pk, context=context, **data)
        if form.is_valid():
            try:
                run(form.cleaned_data)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("steunpunt:question_detail", pk=pk)
        status = 400
    lead = rules.lead_time_hours(question.received_at, question.answered_at)
    return render(
        request,
        "steunpunt/question_detail.html",
        {
            "question": question,
            "may_handle": may_handle,
            "answer_form": answer_form,
            "callback_form": callback_form,
            "lead_time_hours": None if lead is None else round(lead, 1),
            "hours": ParentHours.objects.filter(swv_id=question.swv_id),
        },
        status=status,
    )


# --- Staff: overview with the figures -------------------------------------------------------


def _year_back(today: datetime.date) -> datetime.date:
    """The first day of the same month a year ago (the overview shows the last twelve months)."""
    return today.replace(year=today.year - 1, day=1)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The steunpunt's figures for the user's SWV(s): questions (Snel, Goed, themes), the impasse
    clock and the thuiszitters per quarter, each as a chart with its table."""
    swv_ids = permissions.steunpunt_aggregate_swv_ids(request.user)
    if not swv_ids:
        return forbidden(request)
    swvs = list(Swv.objects.filter(pk__in=swv_ids).order_by("name"))
    chosen = request.GET.get("swv")
    swv = next((s for s in swvs if str(s.pk) == chosen), swvs[0])
    period_form = PeriodForm(request.GET or None)
    period = period_form.cleaned_data.get("period") or "quarter" if period_form.is_valid() else "quarter"
    today = timezone.localdate()
    start = _year_back(today)
    questions = selectors.question_figures(swv=swv, start=start, end=today, period=period)
    clock = selectors.escalation_fast_share(swv=swv, start=start, end=today, period=period)
    thuiszitters = selectors.thuiszitter_counts(swv=swv, start=start, end=today, today=today)
    labels = selectors.theme_labels()
    themes = sorted({theme for row in questions for theme in row.themes})
    exact = permissions.has_action(request.user, Action.VIEW_THUISZITTERS) or permissions.has_action(
        request.user, Action.VIEW_QUESTIONS
    )
    context = {
        "swvs": swvs,
        "swv": swv,
        "period_form": period_form,
        "period": period,
        "questions": questions,
        "theme_rows": [
            (labels.get(theme, theme), [row.themes.get(theme, 0) for row in questions]) for theme in themes
        ],
        "clock": clock,
        "thuiszitters": thuiszitters,
        "exact": exact,
        "fast_target": int(rules.FAST_SHARE_TARGET * 100),
        "themes_chart": charts.line_chart(
            _("Questions per theme"),
            [row.label for row in questions],
            {labels.get(theme, theme): [row.themes.get(theme, 0) for row in questions] for theme in themes},
            description=_("Number of questions per theme per period; the table below has the figures."),
        ),
        "clock_chart": charts.bar_chart(
            _("Escalations solved within 48 hours"),
            [(row.label, _pct(row.fast_share)) for row in clock],
            unit="%",
            target=rules.FAST_SHARE_TARGET * 100,
            target_label=_("target 80%"),
        ),
        "thuiszitter_chart": charts.bar_chart(
            _("Thuiszitters at the end of each quarter"),
            [(row.label, row.thuiszitters if exact else None) for row in thuiszitters],
        ),
        "wanted_chart": charts.bar_chart(
            _("Questions with the wanted result"),
            [(row.label, _pct(row.wanted_result_share)) for row in questions],
            unit="%",
        ),
        "map_url": reverse("steunpunt:public_home", kwargs={"swv_code": swv.code}),
    }
    return render(request, "steunpunt/overview.html", context)


# --- Staff: thuiszitters --------------------------------------------------------------------


def _swvs(user, action: Action):
    return Swv.objects.filter(pk__in=permissions.swv_ids_for(user, action)).order_by("name")


def _pupil_id(swv_id: int, pupil_number: str) -> int | None:
    """The pupil with this number in the SWV (the service then checks the user's scope)."""
    return Pupil.objects.filter(swv_id=swv_id, pupil_number=pupil_number.strip()).values_list("pk", flat=True).first()


def _shown(value):
    return value.strftime("%d-%m-%Y") if isinstance(value, datetime.date) else value


def _confirm(request, *, title: str, text: str, form, form_name: str, rows: list, button: str) -> HttpResponse:
    """The confirmation step before an irreversible change: what will happen, the values, and the
    choice to go on or to change them (the typed values travel as hidden fields; "Change" brings
    the form back with them)."""
    return render(
        request,
        "steunpunt/confirm.html",
        {
            "title": title,
            "text": text,
            "form": form,
            "form_name": form_name,
            "rows": [(label, _shown(value)) for label, value in rows],
            "button": button,
        },
    )


def _staff_nav(user) -> dict:
    """Which steunpunt sections the user may open (decided by the permissions module)."""
    return {
        "perms_steunpunt": {
            "questions": permissions.has_action(user, Action.VIEW_QUESTIONS),
            "thuiszitters": permissions.has_action(user, Action.VIEW_THUISZITTERS),
            "escalations": permissions.has_action(user, Action.VIEW_ESCALATIONS),
            "surveys": permissions.has_action(user, Action.MANAGE_SURVEYS),
            "figures": bool(permissions.steunpunt_aggregate_swv_ids(user)),
        }
    }


@action_required(Action.VIEW_THUISZITTERS)
def thuiszitter_list(request: HttpRequest) -> HttpResponse:
    """The register: open cases by default, with the category for today (the shared definitions),
    the duration and the next follow-up (overdue marked in words). One audit row per page."""
    show_all = request.GET.get("alle") == "1"
    queryset = selectors.thuiszitter_queryset(user=request.user, open_only=not show_all).select_related("responsible")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    selectors.case_list_audit(context=AuditContext.from_request(request), object_type="thuiszitter", rows=rows)
    today = timezone.localdate()
    items = [_thuiszitter_row(case, today) for case in rows]
    return render(
        request,
        "steunpunt/thuiszitter_list.html",
        {
            "page": page,
            "items": items,
            "show_all": show_all,
            "may_register": permissions.has_action(request.user, Action.REGISTER_THUISZITTERS),
            **_staff_nav(request.user),
        },
    )


def _thuiszitter_row(case, today: datetime.date) -> dict:
    category = rules.thuiszitter_category(
        kind=case.kind, absent_since=case.absent_since, on=today, ended_on=case.ended_on
    )
    return {
        "case": case,
        "category": rules.CATEGORY_LABELS[category],
        "days": rules.duration_days(reported_on=case.reported_on, ended_on=case.ended_on, on=today),
        "overdue": rules.follow_up_overdue(next_follow_up=case.next_follow_up, ended_on=case.ended_on, on=today),
    }


@action_required(Action.REGISTER_THUISZITTERS)
@require_http_methods(["GET", "POST"])
def thuiszitter_new(request: HttpRequest) -> HttpResponse:
    form = ThuiszitterForm(request.POST or None, swvs=_swvs(request.user, Action.REGISTER_THUISZITTERS))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        pupil_id = _pupil_id(data.pop("swv"), data.pop("pupil_number"))
        if pupil_id is None:
            form.add_error("pupil_number", _("This pupil is unknown or not in your scope."))
        else:
            try:
                case = services.thuiszitter_register(
                    pupil_id=pupil_id, context=AuditContext.from_request(request), **data
                )
            except ValidationError as error:
                _errors_to_form(form, error, {"pupil": "pupil_number"})
            else:
                messages.success(request, _("The thuiszitter is registered."))
                return redirect("steunpunt:thuiszitter_detail", pk=case.pk)
    return render(request, "steunpunt/thuiszitter_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def thuiszitter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One case: the category today, the plan and the follow-ups; with the register action also
    the forms to change the plan, record a follow-up and end the case (after a confirmation)."""
    context = AuditContext.from_request(request)
    try:
        case = selectors.thuiszitter_get(thuiszitter_id=pk, context=context, audit_success=request.method == "GET")
    except PermissionDenied:
        return forbidden(request)
    may_register = permissions.decide_steunpunt_case(request.user, Action.REGISTER_THUISZITTERS, case).allowed
    today = timezone.localdate()
    forms_ = {
        "plan": ThuiszitterPlanForm(
            prefix="plan",
            initial={
                "plan": case.plan,
                "responsible_name": case.responsible_name,
                "next_follow_up": case.next_follow_up,
            },
        ),
        "follow_up": FollowUpForm(prefix="follow_up", initial={"done_on": today}),
        "end": ThuiszitterEndForm(prefix="end", initial={"ended_on": today}),
    }
    status = 200
    if request.method == "POST":
        if not may_register:
            return forbidden(request)
        name = request.POST.get("form")
        if name not in forms_:
            return redirect("steunpunt:thuiszitter_detail", pk=pk)
        form = forms_[name] = type(forms_[name])(request.POST, prefix=name)
        if "edit" in request.POST:
            pass  # back from the confirmation: the form again, with what was typed
        elif form.is_valid():
            data = form.cleaned_data
            if name == "end" and not request.POST.get("confirmed"):
                return _confirm(
                    request,
                    title=_("End the case"),
                    text=_("You are about to end this case. An ended case cannot be changed."),
                    form=form,
                    form_name="end",
                    rows=[(form.fields[key].label, value) for key, value in data.items()],
                    button=_("End the case"),
                )
            run = {
                "plan": services.thuiszitter_plan_update,
                "follow_up": services.thuiszitter_follow_up_record,
                "end": services.thuiszitter_end,
            }[name]
            try:
                run(thuiszitter_id=pk, context=context, **data)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("steunpunt:thuiszitter_detail", pk=pk)
            status = 400
        else:
            status = 400
    return render(
        request,
        "steunpunt/thuiszitter_detail.html",
        {
            "row": _thuiszitter_row(case, today),
            "case": case,
            "follow_ups": list(case.follow_ups.select_related("recorded_by")),
            "may_register": may_register and case.is_open,
            "forms": forms_,
        },
        status=status,
    )


# --- Staff: escalations with the impasse clock ----------------------------------------------


def _clock(escalation, now: datetime.datetime) -> dict:
    """Where the escalation stands on the doorbraak clock and the hours left to 48 hours and to a
    week (negative: past; 001_28cb0100de53310c.txt:1611-1615)."""
    state = rules.clock_state(escalation.opened_at, escalation.solved_at, now)
    left_48 = rules.hours_left(escalation.opened_at, now, rules.FAST_SOLVED_WITHIN)
    left_week = rules.hours_left(escalation.opened_at, now, rules.IMPASSE_SOLVED_WITHIN)
    return {
        "state": state,
        "label": rules.CLOCK_LABELS[state],
        "open": escalation.solved_at is None,
        "hours": rules.hours_open(escalation.opened_at, escalation.solved_at, now),
        "left_48": left_48 if left_48 > 0 else None,
        "left_week": left_week if left_week > 0 else None,
        "deadline": rules.impasse_deadline(escalation.opened_at),
        "overdue": state in (rules.Clock.OVERDUE, rules.Clock.SOLVED_LATE),
    }


@action_required(Action.VIEW_ESCALATIONS)
def escalation_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("alle") == "1"
    queryset = selectors.escalation_queryset(user=request.user, open_only=not show_all)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    selectors.case_list_audit(context=AuditContext.from_request(request), object_type="escalation", rows=rows)
    now = timezone.now()
    return render(
        request,
        "steunpunt/escalation_list.html",
        {
            "page": page,
            "items": [{"escalation": row, "clock": _clock(row, now)} for row in rows],
            "show_all": show_all,
            "may_manage": permissions.has_action(request.user, Action.MANAGE_ESCALATIONS),
            **_staff_nav(request.user),
        },
    )


@action_required(Action.MANAGE_ESCALATIONS)
@require_http_methods(["GET", "POST"])
def escalation_new(request: HttpRequest) -> HttpResponse:
    swvs = list(_swvs(request.user, Action.MANAGE_ESCALATIONS))
    form = EscalationForm(
        request.POST or None,
        swvs=swvs,
        schools=School.objects.filter(permissions.steunpunt_case_school_q(request.user, Action.MANAGE_ESCALATIONS)),
        levels=EscalationLevel.objects.filter(swv__in=swvs).select_related("swv").order_by("swv__name", "order"),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        pupil_id = None
        if data["pupil_number"]:
            pupil_id = _pupil_id(data["swv"], data["pupil_number"])
            if pupil_id is None:
                form.add_error("pupil_number", _("This pupil is unknown or not in your scope."))
        if not form.errors:
            try:
                escalation = services.escalation_open(
                    swv_id=data["swv"],
                    subject=data["subject"],
                    level_id=data["level"],
                    school_id=data["school"],
                    pupil_id=pupil_id,
                    breakthrough_officer=data["breakthrough_officer"],
                    context=AuditContext.from_request(request),
                )
            except ValidationError as error:
                _errors_to_form(form, error, {"pupil": "pupil_number"})
            else:
                messages.success(request, _("The escalation is opened; the clock runs."))
                return redirect("steunpunt:escalation_detail", pk=escalation.pk)
    return render(request, "steunpunt/escalation_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def escalation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One escalation: the clock (time left to 48 hours and to a week), the steps up the ladder,
    and with the manage action: raise a level or solve it, each after a confirmation."""
    context = AuditContext.from_request(request)
    try:
        escalation = selectors.escalation_get(escalation_id=pk, context=context, audit_success=request.method == "GET")
    except PermissionDenied:
        return forbidden(request)
    may_manage = permissions.decide_steunpunt_case(request.user, Action.MANAGE_ESCALATIONS, escalation).allowed
    levels = selectors.ladder(swv=escalation.swv_id)
    above = rules.next_level(levels, escalation.level.order)
    forms_ = {"raise": EscalationRaiseForm(prefix="raise"), "solve": EscalationSolveForm(prefix="solve")}
    status = 200
    if request.method == "POST":
        if not may_manage:
            return forbidden(request)
        name = request.POST.get("form")
        if name not in forms_:
            return redirect("steunpunt:escalation_detail", pk=pk)
        form = forms_[name] = type(forms_[name])(request.POST, prefix=name)
        if "edit" in request.POST:
            pass  # back from the confirmation: the form again, with what was typed
        elif form.is_valid():
            data = form.cleaned_data
            if not request.POST.get("confirmed"):
                if name == "raise":
                    title, button = _("Raise a level"), _("Raise the level")
                    text = _("The case goes from “%(level)s” to “%(above)s”. This cannot be undone.") % {
                        "level": escalation.level,
                        "above": above or "-",
                    }
                else:
                    title, button = _("Solve the impasse"), _("Record the solution")
                    text = _("The clock stops now. A solved escalation cannot be changed.")
                return _confirm(
                    request,
                    title=title,
                    text=text,
                    form=form,
                    form_name=name,
                    rows=[(form.fields[key].label, value) for key, value in data.items()],
                    button=button,
                )
            run = services.escalation_raise if name == "raise" else services.escalation_solve
            try:
                run(escalation_id=pk, context=context, **data)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("steunpunt:escalation_detail", pk=pk)
            status = 400
        else:
            status = 400
    return render(
        request,
        "steunpunt/escalation_detail.html",
        {
            "escalation": escalation,
            "clock": _clock(escalation, timezone.now()),
            "steps": selectors.escalation_steps(escalation=escalation),
            "levels": levels,
            "above": above,
            "may_manage": may_manage and escalation.solved_at is None,
            "forms": forms_,
        },
        status=status,
    )


# --- Satisfaction surveys -------------------------------------------------------------------


@action_required(Action.MANAGE_SURVEYS)
def survey_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.survey_round_queryset(user=request.user)
    page = Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "steunpunt/survey_list.html", {"page": page, **_staff_nav(request.user)})


@action_required(Action.MANAGE_SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    """Send a round: the form, a confirmation with the number of recipients, then the one-time
    links -- shown on this response only (not stored in clear, never shown again)."""
    swvs = Swv.objects.filter(pk__in=permissions.steunpunt_survey_swv_ids(request.user)).order_by("name")
    form = SurveyRoundForm(request.POST or None, swvs=swvs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["period_end"] < data["period_start"]:
            form.add_error("period_end", _("The end of the period cannot be before its start."))
        elif "edit" in request.POST:
            pass  # back from the confirmation: the form again, with what was typed
        elif not request.POST.get("confirmed"):
            count = len(
                selectors.survey_recipients(
                    swv_id=data["swv"],
                    audience=data["audience"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                )
            )
            return _confirm(
                request,
                title=_("Send the survey"),
                text=_("%(count)d one-time links will be made. You see them once, on the next page.")
                % {"count": count},
                form=form,
                form_name="survey",
                rows=[(form.fields[key].label, _display(form, key, value)) for key, value in data.items()],
                button=_("Make the links"),
            )
        else:
            try:
                survey, links = services.survey_round_send(
                    swv_id=data.pop("swv"), context=AuditContext.from_request(request), **data
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                response = render(
                    request,
                    "steunpunt/survey_links.html",
                    {
                        "survey": survey,
                        "links": [
                            (link, request.build_absolute_uri(reverse("steunpunt:survey_answer", args=[link.token])))
                            for link in links
                        ],
                    },
                )
                response["Cache-Control"] = "no-store"
                return response
    return render(request, "steunpunt/survey_new.html", {"form": form}, status=400 if form.errors else 200)


def _display(form, key, value):
    field = form.fields[key]
    choices = dict(getattr(field, "choices", []) or [])
    return choices.get(value, choices.get(str(value), value)) if choices else value


@action_required(Action.MANAGE_SURVEYS)
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's results in aggregate only: counts per answer with cells under 5 shown as "<5",
    the share that agrees as a chart, and the table next to it."""
    try:
        survey = selectors.survey_round_get(user=request.user, round_id=pk)
    except PermissionDenied:
        return forbidden(request)
    results = selectors.survey_results(survey=survey)
    return render(
        request,
        "steunpunt/survey_results.html",
        {
            "results": results,
            "scale": list(rules.SURVEY_SCALE_LABELS.items()),
            "small": rules.SURVEY_SMALL_CELL,
            **_staff_nav(request.user),
            "chart": charts.bar_chart(
                _("Share that agrees, per statement"),
                [(row.label, _pct(row.agree_share)) for row in results.statements],
                unit="%",
                description=_("Statements with fewer than 5 answers have no bar; the table below has the figures."),
            ),
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public answer page of a one-time link (no sign-in). A used, expired or unknown link
    gets a short B1 page and nothing is stored; the answers are stored without the link."""
    try:
        survey = services.survey_invitation_check(token=token)
    except services.SurveyLinkRefused as refused:
        return _survey_refused(request, refused)
    form = SurveyAnswerForm(request.POST or None, audience=survey.audience)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer_submit(token=token, scores=form.scores())
        except services.SurveyLinkRefused as refused:
            return _survey_refused(request, refused)
        return redirect("steunpunt:survey_thanks")
    response = render(
        request,
        "steunpunt/survey_answer.html",
        {"form": form, "survey": survey, "parents": survey.audience == SurveyAudience.PARENTS},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"  # the token never leaves in a Referer; the form's Origin stays
    return response


def _survey_refused(request: HttpRequest, refused) -> HttpResponse:
    status = 404 if refused.code == "unknown" else 410
    return render(request, "steunpunt/survey_refused.html", {"reason": refused.code}, status=status)


@login_not_required
def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "steunpunt/survey_thanks.html")
