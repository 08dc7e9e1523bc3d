"""Pages of the zelfscan: rounds, progress, filling in, reviewing and releasing, results and
the printable reports. Thin: the permissions module decides, selectors read, services write."""

import re
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.core.charts import bar_chart
from dekkend.core.pdf import pdf_response
from dekkend.core.permissions import Action
from dekkend.organisations.models import Swv
from dekkend.web.views import action_required, forbidden

from . import selectors, services
from .models import Aspect, OfferedLevel, Round, Score, Submission, Variant

ID = re.compile(r"[0-9]{1,18}")  # an id as typed: ASCII digits only, within a 64-bit integer

LEVEL_LABELS = {
    "school": gettext_lazy("school"),
    "board": gettext_lazy("school board"),
    "district": gettext_lazy("district"),
    "city": gettext_lazy("city"),
}


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


@action_required(Action.VIEW_ZELFSCAN)
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """The rounds in the user's scope; SWV staff open a new round here."""
    swvs = Swv.objects.filter(pk__in=permissions.swv_ids_for(request.user, Action.OPEN_ZELFSCAN_ROUND))
    errors: list[str] = []
    typed = {"swv": "", "variant": "", "school_year": "", "threshold": "85"}
    if request.method == "POST":
        typed = {key: request.POST.get(key, "").strip() for key in typed}
        swv = swvs.filter(pk=typed["swv"]).first() if ID.fullmatch(typed["swv"]) else None
        try:
            threshold = Decimal(typed["threshold"].replace(",", ".") or "85")
        except InvalidOperation:
            threshold = None
        if swv is None:
            errors.append(_("Choose the samenwerkingsverband."))
        if typed["variant"] not in Variant.values:
            errors.append(_("Choose for which schools the round is."))
        if len(typed["school_year"]) != 9 or typed["school_year"][4] != "-":
            errors.append(_("Give the school year as 2025-2026."))
        if threshold is None or not 0 <= threshold <= 100:
            errors.append(_("Give the threshold as a percentage from 0 to 100."))
        if not errors:
            try:
                zelfscan_round = services.round_open(
                    swv=swv,
                    variant=typed["variant"],
                    school_year=typed["school_year"],
                    threshold=threshold,
                    context=AuditContext.from_request(request),
                )
            except ValidationError as error:
                errors += _messages_of(error)
            else:
                messages.success(request, _("The round is open; the schools can fill in the zelfscan."))
                return redirect("basicsupport:round", pk=zelfscan_round.pk)
    return render(
        request,
        "basicsupport/index.html",
        {
            "rounds": selectors.rounds_for(request.user),
            "swvs": swvs,
            "variants": Variant.choices,
            "typed": typed,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@action_required(Action.VIEW_ZELFSCAN)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    progress = selectors.round_progress(user=request.user, zelfscan_round=zelfscan_round)
    return render(
        request,
        "basicsupport/round.html",
        {
            "round": zelfscan_round,
            "progress": progress,
            "done": sum(row.status != "not_started" and row.status != "draft" for row in progress),
            "may_open": permissions.may_open_zelfscan_round(request.user, zelfscan_round.swv_id),
            "may_answer": permissions.has_action(request.user, Action.ANSWER_ZELFSCAN),
        },
    )


@action_required(Action.OPEN_ZELFSCAN_ROUND)
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    services.round_close(zelfscan_round=zelfscan_round, context=AuditContext.from_request(request))
    messages.success(request, _("The round is closed."))
    return redirect("basicsupport:round", pk=pk)


def _chart(results, title: str):
    bars = [(group.name, float(group.share_sufficient or 0)) for group in results.groups[:40]]
    return bar_chart(
        title,
        bars,
        unit="%",
        target=float(results.threshold),
        target_label=_("threshold %(value)s%%") % {"value": results.threshold.normalize()},
    )


@action_required(Action.VIEW_ZELFSCAN)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    level = request.GET.get("level", "city")
    if level not in selectors.LEVELS:
        level = "city"
    figures = selectors.round_results(user=request.user, zelfscan_round=zelfscan_round, level=level)
    title = _("Share of questions voldoende or better per %(level)s") % {"level": LEVEL_LABELS[level]}
    return render(
        request,
        "basicsupport/results.html",
        {
            "round": zelfscan_round,
            "results": figures,
            "level": level,
            "level_label": LEVEL_LABELS[level],
            "levels": LEVEL_LABELS.items(),
            "chart": _chart(figures, title) if figures.groups else None,
            "chart_title": title,
        },
    )


def _typed_answers(request: HttpRequest, questions) -> tuple[dict, dict]:
    answers = {q.pk: request.POST.get(f"q-{q.pk}", "") for q in questions}
    comments = {q.pk: request.POST.get(f"c-{q.pk}", "").strip() for q in questions}
    return answers, comments


def _typed_levels(request: HttpRequest, themes) -> dict[int, int | None]:
    """The level beyond the basis typed per theme: "3", "4" or "" (the basis only)."""
    levels: dict[int, int | None] = {}
    for theme in themes:
        value = request.POST.get(f"level-{theme.pk}", "")
        levels[theme.pk] = int(value) if value in ("3", "4") else None
    return levels


def _typed_from(submission: Submission | None) -> dict:
    typed = {"answers": {}, "comments": {}, "ambitions": set(), "levels": {}, "comment": ""}
    if submission is not None:
        for answer in submission.answers.all():
            typed["answers"][answer.question_id] = str(answer.score)
            typed["comments"][answer.question_id] = answer.comment
        typed["ambitions"] = set(submission.ambitions.values_list("pk", flat=True))
        typed["levels"] = dict(submission.offered_levels.values_list("aspect_id", "level"))
        typed["comment"] = submission.comment
    return typed


def _groups(questions, typed: dict) -> list[dict]:
    """The questions per aspect or theme, each group with how many of its questions are answered."""
    groups: dict[int, dict] = {}
    for question in questions:
        group = groups.setdefault(
            question.aspect_id, {"aspect": question.aspect, "questions": [], "answered": 0, "total": 0}
        )
        value = str(typed["answers"].get(question.pk, "") or "")
        group["questions"].append(
            {"question": question, "value": value, "comment": typed["comments"].get(question.pk, "")}
        )
        group["total"] += 1
        group["answered"] += value != ""
    for group in groups.values():
        group["level"] = str(typed["levels"].get(group["aspect"].pk) or "")
    return list(groups.values())


def _fill_in_target(request: HttpRequest, pk: int, school_id: int):
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    school, submission = selectors.submission_for(
        user=request.user, zelfscan_round=zelfscan_round, school_id=school_id
    )
    return zelfscan_round, school, submission


@action_required(Action.ANSWER_ZELFSCAN)
@require_http_methods(["GET", "POST"])
def fill_in(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    """The school fills in its scan. "Save" keeps what is typed, however little; "Submit"
    saves first, then asks for every answer (naming the questions still open) and leads to a
    confirmation page: submitting cannot be undone by the school."""
    zelfscan_round, school, submission = _fill_in_target(request, pk, school_id)
    if not permissions.decide_zelfscan_answer(request.user, school).allowed:
        return forbidden(request)
    questions = selectors.round_questions(zelfscan_round)
    themes = [a for a in selectors.round_aspects(zelfscan_round) if a.kind == Aspect.Kind.THEME]
    errors: list[str] = []
    if request.method == "POST":
        answers, comments = _typed_answers(request, questions)
        ambitions = [int(value) for value in request.POST.getlist("ambition") if ID.fullmatch(value)]
        levels = _typed_levels(request, themes)
        comment = request.POST.get("comment", "")
        try:
            submission = services.submission_save(
                zelfscan_round=zelfscan_round,
                school=school,
                answers=answers,
                comments=comments,
                ambitions=ambitions,
                offered_levels=levels,
                comment=comment,
                context=AuditContext.from_request(request),
            )
            if request.POST.get("action") == "submit":
                services.submission_check_complete(submission=submission, questions=questions)
                return redirect("basicsupport:submit", pk=pk, school_id=school.pk)
            messages.success(request, _("Your answers have been saved."))
            return redirect("basicsupport:fill_in", pk=pk, school_id=school.pk)
        except ValidationError as error:
            errors = _messages_of(error)
            submission = Submission.objects.filter(round=zelfscan_round, school=school).first()
        typed = {
            "answers": answers,
            "comments": comments,
            "ambitions": set(ambitions),
            "levels": levels,
            "comment": comment,
        }
    else:
        typed = _typed_from(submission)
    locked = submission is not None and submission.status != Submission.Status.DRAFT
    groups = _groups(questions, typed)
    return render(
        request,
        "basicsupport/fill_in.html",
        {
            "round": zelfscan_round,
            "school": school,
            "submission": submission,
            "groups": groups,
            "scale": Score.choices,
            "levels": OfferedLevel.Level.choices,
            "themes": themes,
            "typed": typed,
            "errors": errors,
            "locked": locked or zelfscan_round.status != Round.Status.OPEN,
            "answered": sum(group["answered"] for group in groups),
            "total": len(questions),
        },
        status=400 if errors else 200,
    )


@action_required(Action.ANSWER_ZELFSCAN)
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    """Confirm, then submit the saved scan to the school board (the school can no longer change
    it unless the board sends it back)."""
    zelfscan_round, school, submission = _fill_in_target(request, pk, school_id)
    if not permissions.decide_zelfscan_answer(request.user, school).allowed:
        return forbidden(request)
    if submission is None or submission.status != Submission.Status.DRAFT:
        return redirect("basicsupport:school", pk=pk, school_id=school.pk)
    if request.method == "POST":
        try:
            services.submission_save(
                zelfscan_round=zelfscan_round,
                school=school,
                answers={},
                submit=True,
                context=AuditContext.from_request(request),
            )
        except ValidationError as error:
            for message in _messages_of(error):
                messages.error(request, message)
            return redirect("basicsupport:fill_in", pk=pk, school_id=school.pk)
        messages.success(request, _("Your zelfscan has been submitted to your school board."))
        return redirect("basicsupport:school", pk=pk, school_id=school.pk)
    questions = selectors.round_questions(zelfscan_round)
    groups = _groups(questions, _typed_from(submission))
    return render(
        request,
        "basicsupport/submit_confirm.html",
        {
            "round": zelfscan_round,
            "school": school,
            "submission": submission,
            "groups": groups,
            "answered": sum(group["answered"] for group in groups),
            "total": len(questions),
            "ambitions": submission.ambitions.order_by("order"),
        },
    )


@action_required(Action.VIEW_ZELFSCAN)
def school(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    """One school's scan: status, and (for whom may see them) the answers and the figures."""
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    school_, submission = selectors.submission_for(
        user=request.user, zelfscan_round=zelfscan_round, school_id=school_id
    )
    visible = selectors.may_see_answers(request.user, submission)
    report = None
    if visible and submission.status != Submission.Status.DRAFT:
        report = selectors.school_report(user=request.user, zelfscan_round=zelfscan_round, school_id=school_id)
    return render(
        request,
        "basicsupport/school.html",
        {
            "round": zelfscan_round,
            "school": school_,
            "submission": submission,
            "answers": submission.answers.select_related("question__aspect").order_by("question__order")
            if visible
            else [],
            "report": report,
            "may_fill_in": permissions.decide_zelfscan_answer(request.user, school_).allowed
            and zelfscan_round.status == Round.Status.OPEN
            and (submission is None or submission.status == Submission.Status.DRAFT),
            "may_release": permissions.decide_zelfscan_release(request.user, school_).allowed
            and submission is not None
            and submission.status == Submission.Status.SUBMITTED,
        },
    )


def _board_submission(request: HttpRequest, pk: int, school_id: int) -> Submission:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    _school, submission = selectors.submission_for(
        user=request.user, zelfscan_round=zelfscan_round, school_id=school_id
    )
    if submission is None:
        raise Http404
    return submission


@action_required(Action.RELEASE_ZELFSCAN)
@require_http_methods(["GET", "POST"])
def release(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    """Confirm, then release: the SWV sees the results from then on (cannot be undone)."""
    submission = _board_submission(request, pk, school_id)
    if not permissions.decide_zelfscan_release(request.user, submission.school).allowed:
        return forbidden(request)
    if request.method == "POST":
        try:
            services.submission_release(submission=submission, context=AuditContext.from_request(request))
        except ValidationError as error:
            for message in _messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The results have been released to the samenwerkingsverband."))
        return redirect("basicsupport:school", pk=pk, school_id=school_id)
    return render(request, "basicsupport/release_confirm.html", {"submission": submission, "round": submission.round})


@action_required(Action.RELEASE_ZELFSCAN)
@require_POST
def send_back(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    submission = _board_submission(request, pk, school_id)
    try:
        services.submission_return(submission=submission, context=AuditContext.from_request(request))
    except PermissionDenied:
        return forbidden(request)
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The zelfscan has been sent back to the school."))
    return redirect("basicsupport:school", pk=pk, school_id=school_id)


@action_required(Action.VIEW_ZELFSCAN)
def school_pdf(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    report = selectors.school_report(user=request.user, zelfscan_round=zelfscan_round, school_id=school_id)
    return pdf_response(
        "basicsupport/school_report_pdf.html",
        report,
        filename=f"zelfscan-{zelfscan_round.school_year}-{report['school'].brin}.pdf",
    )


@action_required(Action.VIEW_ZELFSCAN)
def board_pdf(request: HttpRequest, pk: int, board_id: int) -> HttpResponse:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    report = selectors.board_report(user=request.user, zelfscan_round=zelfscan_round, board_id=board_id)
    return pdf_response(
        "basicsupport/board_report_pdf.html",
        report,
        filename=f"zelfscan-{zelfscan_round.school_year}-bestuur-{board_id}.pdf",
    )


@action_required(Action.VIEW_ZELFSCAN)
def districts(request: HttpRequest, pk: int) -> HttpResponse:
    """The wijkondersteuningsprofiel input: per district what its PO schools offer per theme."""
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    profiles = selectors.district_profiles(user=request.user, zelfscan_round=zelfscan_round)
    title = _("Share of school-theme pairs at basisnorm or higher per district")
    chart = None
    if profiles.districts:
        chart = bar_chart(
            title,
            [(d.name, float(d.share_at_least_basisnorm or 0)) for d in profiles.districts[:40]],
            unit="%",
        )
    return render(
        request,
        "basicsupport/districts.html",
        {"round": zelfscan_round, "profiles": profiles, "chart": chart, "chart_title": title},
    )


@action_required(Action.VIEW_ZELFSCAN)
def districts_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
    profiles = selectors.district_profiles(user=request.user, zelfscan_round=zelfscan_round)
    return pdf_response(
        "basicsupport/districts_pdf.html",
        {"round": zelfscan_round, "profiles": profiles},
        filename=f"wijkondersteuningsprofielen-{zelfscan_round.school_year}.pdf",
    )
