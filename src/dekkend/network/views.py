"""Pages of the dekkend netwerk. Thin: permissions are asked of dekkend.core.permissions,
reads go through selectors, writes through services.

The network map is public (organisational data only, no pupil data): it needs no sign-in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
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
from .forms import (
    SECTOR_LABELS,
    CoverageForm,
    FundingForm,
    MapFilterForm,
    ScenarioForm,
    SupportProfileForm,
    TariffForm,
    WhatIfForm,
)
from .models import ProvisionGroup
from .presenters import CoverageReport
from .rules import AREA_LABELS, AREAS, PROVISION_TYPE_LABELS, Profile, is_school_year, next_school_year, suppress
from .services import (
    coverage_scenario_create,
    coverage_scenario_delete,
    funding_tariffs_set,
    support_profile_create,
)
from .svg import network_map_svg


def _staff(request: HttpRequest) -> bool:
    return permissions.has_action(request.user, Action.VIEW_ORGANISATIONS)


@login_not_required
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


@login_not_required
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
            "may_plan": permissions.network_may(request.user, Action.PLAN_NETWORK, swv.pk),
            "scenarios": selectors.coverage_scenarios(swv)
            if permissions.network_may(request.user, Action.PLAN_NETWORK, swv.pk)
            else [],
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
        {
            "swv": swv,
            "form": form,
            "report": report,
            "rows": rows,
            "suppressed": suppressed,
            "mix_keys": mix_keys,
            "may_set_tariffs": permissions.network_may(request.user, Action.SET_NETWORK_TARIFFS, swv.pk),
        },
    )


@login_not_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    """One group or arrangement: its matrix profile, its places per funding level now and
    planned for the next school year, free places now and planned. Public, like the map
    (organisational data only)."""
    group = get_object_or_404(ProvisionGroup.objects.select_related("provision", "provision__swv"), pk=group_id)
    now, planned = group.places_now, group.places_planned
    level_labels = (_("without TLV category"), _("category 1"), _("category 2"), _("category 3"))
    return render(
        request,
        "network/group.html",
        {
            "group": group,
            "swv": group.provision.swv,
            "offer": [(AREA_LABELS[area], group.offer[area]) for area in AREAS],
            "levels": [(label, now[level], planned[level]) for level, label in enumerate(level_labels)],
            "total_now": sum(now.values()),
            "total_planned": sum(planned.values()),
            "next_year": next_school_year(group.school_year) if is_school_year(group.school_year) else "",
            "staff": _staff(request),
        },
    )


def _planning_swv(request: HttpRequest, swv_code: str, action: Action) -> Swv | None:
    """The SWV, when the user may ``action`` there; None (→ 403 or 404) otherwise."""
    swv = get_object_or_404(Swv, code=swv_code)
    if not permissions.network_may(request.user, action, swv.pk):
        if permissions.has_action(request.user, action):
            raise Http404  # another SWV's scenarios and tariffs are not shown to exist
        return None
    return swv


@login_required
def scenario_new(request: HttpRequest, swv_code: str) -> HttpResponse:
    """Save a named what-if: a name and up to five changes of places at the SWV's groups."""
    swv = _planning_swv(request, swv_code, Action.PLAN_NETWORK)
    if swv is None:
        return _forbidden(request)
    years = selectors.school_years(swv)
    school_year = years[0] if years else ""
    groups = selectors.coverage_groups(swv=swv, school_year=school_year)
    if request.method == "POST":
        form = ScenarioForm(request.POST, groups=groups)
    else:  # prefilled from the coverage page's what-if, when given
        initial = {"sector": request.GET.get("sector") or swv.sector}
        for name in ("group", "level", "places"):
            if request.GET.get(name):
                initial[f"{name}_1"] = request.GET[name]
        form = ScenarioForm(initial=initial, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scenario = coverage_scenario_create(
                swv=swv,
                name=data["name"],
                sector=data["sector"],
                school_year=school_year,
                changes=data["changes"],
                note=data["note"],
                context=AuditContext.from_request(request, purpose="coverage scenario"),
            )
        except ValidationError as error:
            for field_name, errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
        else:
            messages.success(request, _("The scenario has been saved."))
            return redirect("network:scenario", swv_code=swv.code, scenario_id=scenario.pk)
    return render(request, "network/scenario_form.html", {"swv": swv, "form": form, "school_year": school_year})


def _scenario_or_404(request: HttpRequest, swv_code: str, scenario_id: int):
    swv = _planning_swv(request, swv_code, Action.PLAN_NETWORK)
    if swv is None:
        return None, None
    scenario = selectors.coverage_scenario_get(swv=swv, scenario_id=scenario_id)
    if scenario is None:
        raise Http404
    return swv, scenario


@login_required
def scenario_detail(request: HttpRequest, swv_code: str, scenario_id: int) -> HttpResponse:
    """A saved what-if reopened: its changes, and the coverage now against with the changes."""
    swv, scenario = _scenario_or_404(request, swv_code, scenario_id)
    if scenario is None:
        return _forbidden(request)
    now, changed = selectors.coverage_of_scenario(scenario)
    suppressed = permissions.network_coverage_suppressed(request.user, swv.pk)
    now_report = CoverageReport(now, suppressed=suppressed)
    changed_report = CoverageReport(changed, suppressed=suppressed)
    return render(
        request,
        "network/scenario.html",
        {
            "swv": swv,
            "scenario": scenario,
            "comparison": now_report.compare(changed_report),
            "now": now_report,
            "changed": changed_report,
        },
    )


@login_required
def scenario_delete(request: HttpRequest, swv_code: str, scenario_id: int) -> HttpResponse:
    """Delete a saved scenario after a confirmation step (GET asks, POST deletes)."""
    swv, scenario = _scenario_or_404(request, swv_code, scenario_id)
    if scenario is None:
        return _forbidden(request)
    if request.method == "POST":
        name = scenario.name
        coverage_scenario_delete(
            scenario=scenario, context=AuditContext.from_request(request, purpose="coverage scenario")
        )
        messages.success(request, _("The scenario “%(name)s” has been deleted.") % {"name": name})
        return redirect("network:coverage", swv_code=swv.code)
    return render(request, "network/scenario_delete.html", {"swv": swv, "scenario": scenario})


@login_required
def tariffs(request: HttpRequest, swv_code: str) -> HttpResponse:
    """The SWV's controller sets its own tariffs per place and school year; until then the
    shipped tariffs are shown as examples ("voorbeeldtarief")."""
    swv = _planning_swv(request, swv_code, Action.SET_NETWORK_TARIFFS)
    if swv is None:
        return _forbidden(request)
    years = selectors.tariff_school_years(swv)
    form = TariffForm(request.POST or None, school_years=years, initial={"school_year": years[0] if years else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        funding_tariffs_set(
            swv=swv,
            school_year=data["school_year"],
            amounts=data["amounts"],
            context=AuditContext.from_request(request, purpose="funding tariffs"),
        )
        messages.success(request, _("The tariffs for %(year)s have been saved.") % {"year": data["school_year"]})
        return redirect("network:tariffs", swv_code=swv.code)
    return render(
        request,
        "network/tariffs.html",
        {"swv": swv, "form": form, "tariffs": selectors.funding_tariffs(swv), "years": years},
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
