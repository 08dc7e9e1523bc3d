"""Pages of the dekkend netwerk. Thin: permissions are asked of dekkend.core.permissions,
reads go through selectors, writes through services.

The network map is public (organisational data only, no pupil data): it needs no sign-in.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import Swv

from . import selectors
from .forms import SECTOR_LABELS, MapFilterForm
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
