"""The steunpunt pages.

Public (no sign-in, like every page without ``login_required`` here; the accounts middleware only
asks signed-in staff for their second factor): the information pages per SWV and the question
form (CSRF, a honeypot, a rate limit per address, sizes limited). Staff (signed in, actions from
:mod:`dekkend.core.permissions`): the questions with their answer, call-back and intake forms, and
the overview with the figures (questions, impasse clock, thuiszitters per quarter).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
from dekkend.organisations.models import Swv
from dekkend.web.views import action_required, forbidden

from . import content, rules, selectors, services
from .forms import AnswerForm, CallbackForm, IntakeForm, PeriodForm, PublicQuestionForm
from .models import ParentHours, SteunpuntProfile

# The public form: at most this many questions per address per hour.
QUESTIONS_PER_HOUR = 5
PAGE_SIZE = 25


# --- Public pages ---------------------------------------------------------------------------


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
    return render(request, "steunpunt/question_list.html", {"page": page, "open_only": open_only})


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


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
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
