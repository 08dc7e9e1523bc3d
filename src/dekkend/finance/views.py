"""Finance pages: the reserves tables with the controller's what-if, and the programme budgets
with a chart. Thin: the permissions module decides, the selectors derive every figure."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dekkend.core import charts, permissions
from dekkend.core.permissions import Action
from dekkend.web.views import action_required

from . import selectors
from .forms import ReservesWhatIfForm
from .models import Budget


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
    return render(request, "finance/budget_detail.html", {"overview": overview, "budget": budget, "chart": chart})
