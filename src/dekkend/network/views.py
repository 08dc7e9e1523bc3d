"""Pages of the dekkend netwerk. Thin: permissions are asked of dekkend.core.permissions,
reads go through selectors, writes through services.

The network map is public (organisational data only, no pupil data): it needs no sign-in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.core.charts import bar_chart
from dekkend.core.permissions import Action
from dekkend.organisations.models import Swv
from dekkend.pupils.selectors import pupil_get

from . import selectors
from .forms import SECTOR_LABELS, CoverageForm, FundingForm, MapFilterForm, SupportProfileForm, WhatIfForm
from .presenters import CoverageReport
from .rules import AREA_LABELS, AREAS, PROVISION_TYPE_LABELS, Profile, suppress
from .services import support_profile_create
from .svg import network_map_svg


def _staff(request: HttpRequest) -> bool:
    return permissions.has_action(request.user, Action.VIEW_ORGANISATIONS)


def home(request: HttpRequest) -> HttpResponse:
    """The maps of every SWV (public) and, for staff, the network's other pages."""
    user = request.user
    return render(
        request,
        "network/home.html",
        {
            "swvs": Swv.objects.order_by("name"),
            "staff": _staff(request),
            "coverage_swvs": Swv.objects.filter(
                pk__in=permissions.network_swv_ids(user, Action.VIEW_NETWORK_COVERAGE)
            ).order_by("name"),
            "funding_swvs": Swv.objects.filter(
                pk__in=permissions.network_swv_ids(user, Action.VIEW_NETWORK_FUNDING)
            ).order_by("name"),
        },
    )


def network_map(request: HttpRequest, swv_code: str) -> HttpResponse:
    """Kaart dekkend netwerk: every provision of the SWV on a schematic map of its districts,
    with the same data as a list. Public."""
    swv = get_object_or_404(Swv, code=swv_code)
    years = selectors.school_years(swv)
    form = MapFilterForm(request.GET or None, school_years=years)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    dmap, entries = selectors.network_map(
        swv=swv,
        school_year=filters.get("school_year") or (years[0] if years else None),
        provision_type=filters.get("provision_type", ""),
        sector=filters.get("sector", ""),
        free_only=filters.get("free_only", False),
    )
    title = _("Network map of %(swv)s") % {"swv": swv.name}
    return render(
        request,
        "network/map.html",
        {
            "swv": swv,
            "form": form,
            "entries": entries,
            "svg": network_map_svg(dmap, entries, title=title),
            "title": title,
            "districts": dmap.districts,
            "adjacent": {
                district.name: sorted(dmap.by_pk()[pk].name for pk in dmap.adjacent.get(district.pk, ()))
                for district in dmap.districts
            },
            "staff": _staff(request),
            "sector_label": SECTOR_LABELS.get(swv.sector, ""),
            "others": Swv.objects.exclude(pk=swv.pk).order_by("name"),
        },
    )


def _scoped_swv(request: HttpRequest, swv_code: str, action: Action) -> Swv:
    swv = get_object_or_404(Swv, code=swv_code)
    if swv.pk not in permissions.network_swv_ids(request.user, action):
        raise Http404
    return swv


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "web/forbidden.html", status=403)


@login_required
def coverage(request: HttpRequest, swv_code: str) -> HttpResponse:
    """Coverage and gaps per district and kind of provision, with a what-if (nothing saved)."""
    if not permissions.has_action(request.user, Action.VIEW_NETWORK_COVERAGE):
        return _forbidden(request)
    swv = _scoped_swv(request, swv_code, Action.VIEW_NETWORK_COVERAGE)
    sector_form = CoverageForm(request.GET or None, initial={"sector": swv.sector})
    sector = sector_form.cleaned_data["sector"] if sector_form.is_bound and sector_form.is_valid() else swv.sector
    years = selectors.school_years(swv)
    school_year = years[0] if years else ""
    groups = selectors.coverage_groups(swv=swv, school_year=school_year)
    whatif_form = WhatIfForm(request.GET if "group" in request.GET else None, groups=groups)
    base = selectors.coverage(swv=swv, sector=sector, school_year=school_year)
    suppressed = permissions.network_coverage_suppressed(request.user, swv.pk)
    scenario = None
    if whatif_form.is_bound and whatif_form.is_valid() and whatif_form.cleaned_data.get("group"):
        data = whatif_form.cleaned_data
        changes = {(data["group"], data["level"]): data["places"]}
        scenario = selectors.coverage(swv=swv, sector=sector, school_year=school_year, changes=changes)
    view = CoverageReport(base, suppressed=suppressed)
    return render(
        request,
        "network/coverage.html",
        {
            "swv": swv,
            "sector_form": sector_form,
            "whatif_form": whatif_form,
            "view": view,
            "scenario": CoverageReport(scenario, suppressed=suppressed) if scenario else None,
            "chart": bar_chart(
                _("Pupils without a place in or next to their district"),
                view.chart_bars(),
                description=_("Per district: pupils whose need finds no place in or next to their own district."),
            ),
            "suppressed": suppressed,
        },
    )


@login_required
def funding(request: HttpRequest, swv_code: str) -> HttpResponse:
    """Arrangement funding follows the matrix: places × tariff per group, split over the
    calendar year, and the funding-category mix of the pupils placed there."""
    if not permissions.has_action(request.user, Action.VIEW_NETWORK_FUNDING):
        return _forbidden(request)
    swv = _scoped_swv(request, swv_code, Action.VIEW_NETWORK_FUNDING)
    this_year = timezone.localdate().year
    form = FundingForm(request.GET or None, initial={"year": this_year})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else this_year
    report = selectors.group_funding(swv=swv, year=year)
    suppressed = permissions.network_coverage_suppressed(request.user, swv.pk)
    mix_keys = (("none", _("no category")), ("1", _("cat. 1")), ("2", _("cat. 2")), ("3", _("cat. 3")))
    rows = [
        {
            "funding": row,
            "mix": [(label, suppress(row.mix.get(key, 0), suppressed=suppressed)) for key, label in mix_keys]
            + [(_("unknown"), suppress(row.mix.get("unknown", 0), suppressed=suppressed))],
        }
        for row in report.rows
    ]
    return render(
        request,
        "network/funding.html",
        {"swv": swv, "form": form, "report": report, "rows": rows, "suppressed": suppressed, "mix_keys": mix_keys},
    )


@login_required
def pupil_profile(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """A pupil's support-need profile: its history, the assessment and the match ranking of the
    latest, and a form to record a new version (previewed and confirmed before it is saved)."""
    context = AuditContext.from_request(request, purpose="support profile")
    pupil = pupil_get(pupil_id=pupil_id, context=context)  # audited; 403/404 outside the scope
    may_record = permissions.may_record_support_profile(request.user, pupil).allowed
    form = SupportProfileForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST":
        if not may_record:
            return _forbidden(request)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("confirm") == "1":
                support_profile_create(
                    pupil=pupil,
                    levels=form.levels(),
                    group_size=data["group_size"],
                    emb=data["emb"],
                    iq=data["iq"],
                    learning_delay_years=data["learning_delay_years"],
                    context=context,
                )
                messages.success(request, _("The support profile has been recorded as a new version."))
                return redirect("network:profile", pupil_id=pupil.pk)
            delay = data["learning_delay_years"]
            entered = Profile(
                sector=pupil.sector,
                levels=form.levels(),
                group_size=data["group_size"],
                emb=data["emb"],
                iq=data["iq"],
                learning_delay_years=float(delay) if delay is not None else None,
            )
            preview = selectors.assess_profile(entered, pupil.swv)[1]
    history = selectors.support_profile_history(pupil)
    latest = history[0] if history else None
    options, matches = [], []
    if latest is not None:
        profile = selectors.profile_of(latest, pupil.sector)
        if pupil.home_area_id:
            options, matches = selectors.match_groups(swv=pupil.swv, profile=profile, home_area=pupil.home_area)
        else:
            options = selectors.assess_profile(profile, pupil.swv)[1]
    return render(
        request,
        "network/profile.html",
        {
            "pupil": pupil,
            "form": form,
            "may_record": may_record,
            "preview": preview,
            "history": [
                {"profile": item, "levels": [(AREA_LABELS[area], item.levels[area]) for area in AREAS]}
                for item in history
            ],
            "latest": latest,
            "options": [(PROVISION_TYPE_LABELS[o.provision_type], o) for o in options],
            "preview_options": [(PROVISION_TYPE_LABELS[o.provision_type], o) for o in preview or []],
            "matches": matches[:10],
            "area_labels": [AREA_LABELS[area] for area in AREAS],
        },
    )
