"""Finance pages: the reserves tables with the controller's what-if, and the programme budgets
with a chart. Thin: the permissions module decides, the selectors derive every figure."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekkend.audit.services import AuditContext
from dekkend.core import charts, permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import Swv
from dekkend.web.views import action_required, forbidden

from . import rules, selectors, services
from .forms import (
    BoardAgreementForm,
    BudgetLineForm,
    ReservesWhatIfForm,
    VangnetDeclarationForm,
    VangnetMovementForm,
    VangnetRateForm,
    VangnetVerifyForm,
)
from .models import BoardAgreement, Budget, BudgetLine, DeclarationStatus, VangnetDeclaration


@action_required(Action.VIEW_FINANCE)
def reserves(request: HttpRequest) -> HttpResponse:
    """The reserves table of every SWV the user may read (as in Bijlage VII), the budgets,
    and a what-if: the signalling value for an income and equity the controller types in."""
    swvs = selectors.finance_swvs(request.user)
    tables = [(swv, selectors.reserves_table(swv=swv)) for swv in swvs]
    budgets = selectors.budgets_for(swv_ids=[swv.pk for swv in swvs])
    form = ReservesWhatIfForm(request.GET or None)
    calculation = None
    if form.is_valid():
        calculation = selectors.reserves_calculate(
            baten=form.cleaned_data["baten"], equity=form.cleaned_data["eigen_vermogen"]
        )
    return render(
        request,
        "finance/reserves.html",
        {"tables": tables, "budgets": budgets, "form": form, "calculation": calculation},
    )


@action_required(Action.VIEW_FINANCE)
def budget_detail(request: HttpRequest, budget_id: int) -> HttpResponse:
    """One budget column: lines per part and programme, every total derived, a bar chart of the
    programmes with the same figures in the table."""
    budget = (
        Budget.objects.select_related("swv")
        .filter(pk=budget_id, swv_id__in=permissions.finance_swv_ids(request.user))
        .first()
    )
    if budget is None:
        raise Http404
    overview = selectors.budget_overview(budget=budget)
    # A programme that returns money (a negative total, e.g. VO "Prog 5 OPDC", 001:3835) has no
    # bar: the chart's axis starts at zero. The table next to it gives every figure.
    chart = charts.bar_chart(
        _("Programmes of %(budget)s") % {"budget": budget},
        [
            (programme.name, float(programme.total) if programme.total >= 0 else None)
            for programme in overview.programmes
        ],
        unit=" €",
        description=_(
            "Amount per programme in euros; a programme with a negative total has no bar. "
            "The table below gives every figure."
        ),
    )
    may_edit = budget.swv_id in permissions.budget_edit_swv_ids(request.user)
    return render(
        request,
        "finance/budget_detail.html",
        {"overview": overview, "budget": budget, "chart": chart, "may_edit": may_edit},
    )


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _context(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


# --- Editing a budget line ---------------------------------------------------------------------


@action_required(Action.EDIT_BUDGET)
def budget_line_edit(request: HttpRequest, line_id: int) -> HttpResponse:
    """The controller changes one line's amount, in this column or another year/scenario of the
    same SWV. Totals follow from the lines; every change is kept with who, when and why."""
    line = (
        BudgetLine.objects.select_related("budget", "budget__swv")
        .filter(pk=line_id, budget__swv_id__in=permissions.budget_edit_swv_ids(request.user))
        .first()
    )
    if line is None:
        raise Http404
    initial = {"year": line.budget.year, "scenario": line.budget.scenario, "amount": line.amount}
    form = BudgetLineForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.budget_line_amount_change(
                    line_id=line.pk, context=_context(request), **form.cleaned_data
                )
            except PermissionDenied:
                return forbidden(request)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("The amount is changed; the totals are recalculated."))
                return redirect("finance:budget_detail", budget_id=changed.budget_id)
        status = 400
    return render(
        request,
        "finance/budget_line_edit.html",
        {"line": line, "form": form, "history": selectors.budget_line_history(line)},
        status=status,
    )


# --- Vangnet -------------------------------------------------------------------------------------


@action_required(Action.VIEW_VANGNET)
def vangnet_list(request: HttpRequest) -> HttpResponse:
    """The declarations in the user's scope, the form to start one (go-schools and their
    boards), and the rates table of the SWVs whose declarations the user verifies."""
    schools = selectors.vangnet_declarable_schools(request.user)
    form = None
    if permissions.has_action(request.user, Action.DECLARE_VANGNET) and schools.exists():
        form = VangnetDeclarationForm(request.POST or None, schools=schools, initial={"year": _counting_year()})
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
            data = dict(form.cleaned_data)
            school = data.pop("school")
            try:
                declaration = services.vangnet_declaration_create(
                    school_id=school.pk, context=_context(request), **data
                )
            except PermissionDenied:
                return forbidden(request)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("The declaration is started. Add the inflow and outflow."))
                return redirect("finance:vangnet_detail", declaration_id=declaration.pk)
        status = 400
    rates = selectors.vangnet_rates_per_swv(request.user)
    return render(
        request,
        "finance/vangnet_list.html",
        {
            "declarations": selectors.vangnet_declarations(request.user),
            "form": form,
            "rates": rates,
            "rate_form": _rate_form(request, None),
        },
        status=status,
    )


def _rate_form(request: HttpRequest, data) -> VangnetRateForm | None:
    swvs = Swv.objects.filter(pk__in=permissions.budget_edit_swv_ids(request.user)).order_by("name")
    if not swvs.exists():
        return None
    return VangnetRateForm(data, swvs=swvs, initial={"year": _counting_year(), "swv": swvs.first()})


@require_POST
@action_required(Action.EDIT_BUDGET)
def vangnet_rate_set(request: HttpRequest) -> HttpResponse:
    """The controller sets one amount of the rates table."""
    form = _rate_form(request, request.POST)
    if form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        swv = data.pop("swv")
        try:
            services.vangnet_rate_set(swv_id=swv.pk, context=_context(request), **data)
        except PermissionDenied:
            return forbidden(request)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The rate is saved."))
            return redirect(reverse("finance:vangnet_list") + f"#rates-{swv.pk}")
    rates = selectors.vangnet_rates_per_swv(request.user)
    return render(
        request,
        "finance/vangnet_list.html",
        {
            "declarations": selectors.vangnet_declarations(request.user),
            "form": None,
            "rates": rates,
            "rate_form": form,
        },
        status=400,
    )


def _counting_year() -> int:
    return timezone.localdate().year


def _declaration(request: HttpRequest, declaration_id: int) -> VangnetDeclaration:
    declaration = selectors.vangnet_declarations(request.user).filter(pk=declaration_id).first()
    if declaration is None:
        raise Http404
    return declaration


def _render_declaration(request, declaration, *, movement_form=None, verify_form=None, status=200):
    may_declare = permissions.decide_vangnet_declare(request.user, declaration.school).allowed
    may_verify = permissions.decide_vangnet_verify(request.user, declaration).allowed
    categories = rules.vangnet_categories(declaration.school.school_type)
    if movement_form is None and may_declare and declaration.editable:
        start, _end = rules.vangnet_period(declaration.year)
        movement_form = VangnetMovementForm(categories=categories, initial={"day": start})
    if verify_form is None and may_verify and declaration.status == DeclarationStatus.SUBMITTED:
        verify_form = VangnetVerifyForm()
    start, end = rules.vangnet_period(declaration.year)
    return render(
        request,
        "finance/vangnet_detail.html",
        {
            "declaration": declaration,
            "calculation": selectors.vangnet_calculation(declaration),
            "movements": declaration.movements.all(),
            "movement_form": movement_form,
            "verify_form": verify_form,
            "may_declare": may_declare and declaration.editable,
            "period_start": start,
            "period_end": end,
            "due": rules.vangnet_declaration_due(declaration.year),
            "late": declaration.submitted_on is not None
            and not rules.vangnet_declaration_in_time(declaration.submitted_on, declaration.year),
            "funding_year": rules.vangnet_funding_year(declaration.year),
        },
        status=status,
    )


@action_required(Action.VIEW_VANGNET)
def vangnet_detail(request: HttpRequest, declaration_id: int) -> HttpResponse:
    return _render_declaration(request, _declaration(request, declaration_id))


@require_POST
@action_required(Action.DECLARE_VANGNET)
def vangnet_movement_add(request: HttpRequest, declaration_id: int) -> HttpResponse:
    declaration = _declaration(request, declaration_id)
    form = VangnetMovementForm(request.POST, categories=rules.vangnet_categories(declaration.school.school_type))
    if form.is_valid():
        try:
            services.vangnet_movement_add(
                declaration_id=declaration.pk, context=_context(request), **form.cleaned_data
            )
        except PermissionDenied:
            return forbidden(request)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The movement is added."))
            return redirect("finance:vangnet_detail", declaration_id=declaration.pk)
    return _render_declaration(request, _declaration(request, declaration_id), movement_form=form, status=400)


@require_POST
@action_required(Action.DECLARE_VANGNET)
def vangnet_movement_remove(request: HttpRequest, declaration_id: int, movement_id: int) -> HttpResponse:
    declaration = _declaration(request, declaration_id)
    try:
        services.vangnet_movement_remove(
            declaration_id=declaration.pk, movement_id=movement_id, context=_context(request)
        )
    except PermissionDenied:
        return forbidden(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("finance:vangnet_detail", declaration_id=declaration.pk)


@action_required(Action.DECLARE_VANGNET)
def vangnet_submit(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """Sending cannot be undone by the school: a confirmation page with the figures first."""
    declaration = _declaration(request, declaration_id)
    if not permissions.decide_vangnet_declare(request.user, declaration.school).allowed:
        return forbidden(request)
    calculation = selectors.vangnet_calculation(declaration)
    error = None
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        try:
            services.vangnet_declaration_submit(declaration_id=declaration.pk, context=_context(request))
        except PermissionDenied:
            return forbidden(request)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The declaration is sent to the samenwerkingsverband."))
            return redirect("finance:vangnet_detail", declaration_id=declaration.pk)
    return render(
        request,
        "finance/vangnet_submit.html",
        {"declaration": declaration, "calculation": calculation, "error": error},
        status=400 if error else 200,
    )


@require_POST
@action_required(Action.VERIFY_VANGNET)
def vangnet_verify(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """Approve (confirmed on a second page: an approved declaration cannot be changed) or reject
    with reasons."""
    declaration = _declaration(request, declaration_id)
    if not permissions.decide_vangnet_verify(request.user, declaration).allowed:
        return forbidden(request)
    form = VangnetVerifyForm(request.POST)
    if not form.is_valid() or "edit" in request.POST:
        return _render_declaration(request, declaration, verify_form=form, status=400 if form.errors else 200)
    if request.POST.get("confirmed") != "1":
        return render(
            request,
            "finance/vangnet_verify_confirm.html",
            {
                "declaration": declaration,
                "calculation": selectors.vangnet_calculation(declaration),
                "form": form,
                "approve": form.cleaned_data["outcome"] == "approve",
            },
        )
    try:
        services.vangnet_declaration_verify(
            declaration_id=declaration.pk,
            approve=form.cleaned_data["outcome"] == "approve",
            reasons=form.cleaned_data["reasons"],
            context=_context(request),
        )
    except PermissionDenied:
        return forbidden(request)
    except ValidationError as error:
        _errors_to_form(form, error)
        return _render_declaration(request, _declaration(request, declaration_id), verify_form=form, status=400)
    messages.success(request, _("The verification is recorded."))
    return redirect("finance:vangnet_detail", declaration_id=declaration.pk)


# --- Arrangement funds ---------------------------------------------------------------------------


@action_required(Action.VIEW_ARRANGEMENT_FUNDS)
def arrangement_funds(request: HttpRequest) -> HttpResponse:
    """Per school the general (per pupil), specific and LWA funds of a year, the share of area-,
    school- and group-oriented funding, and the agreements per board with their accountability."""
    years = selectors.fund_years(request.user)
    wanted = request.GET.get("jaar", "")
    year = int(wanted) if wanted.isdigit() and int(wanted) in years else (years[0] if years else None)
    overview = selectors.funds_overview(request.user, year=year) if year is not None else None
    agreements = selectors.board_agreements(request.user, year=year) if year is not None else []
    manage_swvs = permissions.swv_ids_for(request.user, Action.MANAGE_ARRANGEMENT_FUNDS)
    chart = None
    if overview is not None and overview.schools:
        chart = charts.bar_chart(
            _("Arrangement funds per orientation, %(year)s") % {"year": year},
            [(label, float(amount)) for _value, label, amount, _share in overview.orientation_rows],
            unit=" €",
            description=_("Amount per orientation in euros; the table below gives every figure."),
        )
    return render(
        request,
        "finance/arrangement_funds.html",
        {
            "years": years,
            "year": year,
            "overview": overview,
            "agreements": agreements,
            "manage_swvs": manage_swvs,
            "chart": chart,
            "accountability": rules.accountability_period(year) if year else None,
            "agreement_due": rules.agreement_due(year) if year else None,
        },
    )


@action_required(Action.MANAGE_ARRANGEMENT_FUNDS)
def board_agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = (
        BoardAgreement.objects.select_related("board")
        .filter(pk=agreement_id, swv_id__in=permissions.swv_ids_for(request.user, Action.MANAGE_ARRANGEMENT_FUNDS))
        .first()
    )
    if agreement is None:
        raise Http404
    initial = {"status": agreement.status, "report": agreement.report, "reported_on": agreement.reported_on}
    form = BoardAgreementForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.board_agreement_update(
                    agreement_id=agreement.pk, context=_context(request), **form.cleaned_data
                )
            except PermissionDenied:
                return forbidden(request)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("The agreement is updated."))
                return redirect(reverse("finance:arrangement_funds") + f"?jaar={agreement.year}")
        status = 400
    return render(
        request,
        "finance/board_agreement_edit.html",
        {"agreement": agreement, "form": form, "in_time": _agreement_in_time(agreement)},
        status=status,
    )


def _agreement_in_time(agreement) -> bool | None:
    if agreement.agreed_on is None:
        return None
    return rules.agreement_in_time(agreement.agreed_on, agreement.year)
