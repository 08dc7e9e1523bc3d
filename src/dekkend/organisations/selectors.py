"""Reads of organisations. Organisational data is public, but each user works inside their
own samenwerkingsverband(en): lists are limited to those (administrators see all)."""

from django.db.models import Count, Q, QuerySet

from dekkend.accounts.models import Role
from dekkend.core import permissions
from dekkend.core.permissions import Action

from .models import Area, Board, Provision, School, Swv


def swvs_for(user) -> QuerySet[Swv]:
    roles = permissions.roles_for(user, Action.VIEW_ORGANISATIONS)
    if any(r.role == Role.ADMIN for r in roles):
        return Swv.objects.all()
    return Swv.objects.filter(pk__in={r.swv_id for r in roles if r.swv_id})


def school_list(
    *, user, swv_id=None, board_id=None, area_id=None, search: str = "", count_pupils: bool = False
) -> QuerySet[School]:
    """The schools of the user's SWVs with their locations; ``count_pupils`` adds each school's
    ``pupil_count`` (the pages show it; the API does not, and the count reads every pupil)."""
    queryset = School.objects.filter(swv__in=swvs_for(user)).select_related("swv", "board")
    queryset = queryset.prefetch_related("locations__area")
    if count_pupils:
        queryset = queryset.annotate(pupil_count=Count("pupils"))
    if swv_id:
        queryset = queryset.filter(swv_id=swv_id)
    if board_id:
        queryset = queryset.filter(board_id=board_id)
    if area_id:
        queryset = queryset.filter(Q(locations__area_id=area_id) | Q(locations__area__parent_id=area_id)).distinct()
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(brin__iexact=search))
    return queryset


def board_list(*, user) -> QuerySet[Board]:
    return (
        Board.objects.filter(schools__swv__in=swvs_for(user))
        .annotate(school_count=Count("schools", distinct=True))
        .order_by("name")
    )


def area_list(*, user) -> QuerySet[Area]:
    """All areas (they are shared between the SWVs of one municipality)."""
    return Area.objects.select_related("parent").order_by("kind", "name")


def provision_list(*, user, swv_id=None, kind: str = "", area_id=None, search: str = "") -> QuerySet[Provision]:
    queryset = Provision.objects.filter(swv__in=swvs_for(user)).select_related("swv", "area", "host")
    if swv_id:
        queryset = queryset.filter(swv_id=swv_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    if area_id:
        queryset = queryset.filter(Q(area_id=area_id) | Q(area__parent_id=area_id))
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(target_group__icontains=search))
    return queryset.order_by("swv__name", "kind", "name")
