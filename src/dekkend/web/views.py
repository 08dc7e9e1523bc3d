"""The server-rendered pages. Views are thin: they check the action with
:mod:`dekkend.core.permissions`, read through selectors, write through services."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dekkend.accounts.models import Role
from dekkend.audit.exports import audit_csv_response
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.selectors import audit_event_search
from dekkend.audit.services import AuditContext, audit_chain_verify, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action, Basis
from dekkend.organisations.models import Provision
from dekkend.organisations.selectors import area_list, board_list, provision_list, school_list, swvs_for
from dekkend.pupils.selectors import pupil_get, pupil_queryset, pupil_search_audit
from dekkend.pupils.services import emergency_access_grant

from . import selectors
from .forms import AuditFilterForm, EmergencyAccessForm, ProvisionFilterForm, PupilSearchForm, SchoolFilterForm
from .pagination import keyset_page

PAGE_SIZE = 25
# Matches the (school, last_name, id) and (swv, last_name, id) indexes on Pupil.
PUPIL_LIST_ORDER = ("last_name", "id")
AUDIT_PAGE_SIZE = 50

# Which start page a role gets.
START_PAGES = {
    Role.SCHOOL: "school",
    Role.CONSULTANT: "school",
    Role.BOARD: "board",
    Role.SECRETARIAT: "swv",
    Role.MANAGER: "swv",
    Role.DIRECTOR: "swv",
    Role.EXPERT: "expert",
    Role.POLICY: "aggregates",
    Role.PARTNER: "aggregates",
    Role.PRIVACY_OFFICER: "privacy",
    Role.ADMIN: "admin",
}


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "web/forbidden.html", status=403)


def action_required(action: Action) -> Callable:
    """Signed in and allowed ``action`` in some scope; otherwise a Dutch 403 page."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not permissions.has_action(request.user, action):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _page(request: HttpRequest, queryset, size: int | None = None):
    return Paginator(queryset, size or PAGE_SIZE).get_page(request.GET.get("page"))


# --- Start ----------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = permissions.primary_role(user)
    kind = START_PAGES.get(role.role) if role else None
    context: dict = {"start": kind, "role": role}
    if kind == "school":
        context["schools"] = selectors.schools_of_roles(user, {Role.SCHOOL, Role.CONSULTANT})
    elif kind == "board":
        context["schools"] = selectors.board_schools(user)
    elif kind == "swv":
        context["figures"] = selectors.swv_figures(user)
    elif kind == "expert":
        context["assigned_count"] = selectors.assigned_dossier_count(user)
    elif kind == "aggregates":
        context["rows"] = selectors.pupils_per_school_type(user)
    elif kind == "privacy":
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.READ,
            outcome=AuditOutcome.SUCCESS,
            object_type="audit_log",
            detail={"view": "start", "emergency_only": True},
        )
        context["emergency_events"] = selectors.latest_emergency_events(user)
        context["last_verification"] = selectors.last_chain_verification()
    return render(request, "web/home.html", context)


@require_POST
@action_required(Action.VERIFY_AUDIT)
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Recompute the audit log's hash chain now (walks the whole log)."""
    report = audit_chain_verify()
    audit_event_record(
        context=AuditContext.from_request(request),
        action=AuditAction.READ,
        outcome=AuditOutcome.SUCCESS,
        object_type="audit_log",
        detail={"verify": {"ok": report.ok, "checked": report.checked, "first_broken_id": report.first_broken_id}},
    )
    if report.ok:
        messages.success(request, _("The audit log is intact: %(n)d events checked.") % {"n": report.checked})
    else:
        messages.error(
            request,
            _("The audit log is NOT intact: the chain breaks at event %(id)s after %(n)d correct events.")
            % {"id": report.first_broken_id or "-", "n": report.checked},
        )
    return redirect("web:home")


# --- Organisations and network --------------------------------------------------------------


@action_required(Action.VIEW_ORGANISATIONS)
def organisations(request: HttpRequest) -> HttpResponse:
    user = request.user
    swvs = swvs_for(user)
    boards = board_list(user=user)
    areas = area_list(user=user)
    form = SchoolFilterForm(request.GET or None, swvs=swvs, boards=boards, areas=areas)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    schools = school_list(
        user=user,
        swv_id=filters.get("swv"),
        board_id=filters.get("board"),
        area_id=filters.get("area"),
        search=filters.get("q", ""),
        count_pupils=True,
    ).order_by("name", "id")
    return render(
        request,
        "web/organisations.html",
        {
            "form": form,
            "swvs": swvs,
            "boards": boards,
            "page": _page(request, schools),
            "exact_counts": selectors.sees_exact_counts(user),
        },
    )


@action_required(Action.VIEW_ORGANISATIONS)
def school_detail(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_list(user=request.user, count_pupils=True).filter(pk=school_id).first()
    if school is None:
        raise Http404
    return render(
        request,
        "web/school_detail.html",
        {
            "school": school,
            "locations": school.locations.all(),
            "exact_counts": selectors.sees_exact_counts(request.user),
            "may_search_pupils": permissions.has_action(request.user, Action.SEARCH_PUPILS),
        },
    )


@action_required(Action.VIEW_ORGANISATIONS)
def network(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProvisionFilterForm(request.GET or None, areas=area_list(user=user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    provisions = provision_list(
        user=user, kind=filters.get("kind", ""), area_id=filters.get("area"), search=filters.get("q", "")
    )
    groups: dict[str, list[Provision]] = {}
    for provision in provisions:
        groups.setdefault(provision.kind, []).append(provision)
    labels = dict(Provision.Kind.choices)
    grouped = [(kind, labels[kind], groups[kind]) for kind in Provision.Kind.values if kind in groups]
    return render(
        request,
        "web/network.html",
        {
            "form": form,
            "groups": grouped,
            "total": sum(len(items) for items in groups.values()),
            "several_swvs": swvs_for(user).count() > 1,
        },
    )


@action_required(Action.VIEW_ORGANISATIONS)
def provision_detail(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = provision_list(user=request.user).filter(pk=provision_id).first()
    if provision is None:
        raise Http404
    return render(
        request,
        "web/provision_detail.html",
        {"provision": provision, "hosted": provision.hosted.order_by("name")},
    )


# --- Pupils ---------------------------------------------------------------------------------


@login_required
def pupil_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = AuditContext.from_request(request)
    if not permissions.has_action(user, Action.SEARCH_PUPILS):
        pupil_search_audit(context=context, criteria=dict(request.GET.items()), pupils=[], allowed=False)
        return forbidden(request)
    form = PupilSearchForm(request.GET or None, schools=selectors.schools_visible(user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    pupils = pupil_queryset(user=user, search=filters.get("q", ""), school_id=filters.get("school"))
    page = keyset_page(pupils, cursor=request.GET.get("na"), size=PAGE_SIZE, order=PUPIL_LIST_ORDER)
    pupil_search_audit(
        context=context,
        criteria={
            "q": filters.get("q", ""),
            "school": filters.get("school") or "",
            "after": request.GET.get("na", ""),
        },
        pupils=list(page.object_list),
    )
    return render(request, "web/pupil_list.html", {"form": form, "page": page})


@login_required
def pupil_detail(request: HttpRequest, pupil_id: int) -> HttpResponse:
    user = request.user
    try:
        pupil = pupil_get(pupil_id=pupil_id, context=AuditContext.from_request(request))
    except PermissionDenied:
        return forbidden(request)
    except Http404:
        # The same page whether the pupil does not exist or lies outside the scope, so that
        # existence is not revealed; roles that may break the glass get that route.
        return render(
            request,
            "web/pupil_not_found.html",
            {"pupil_id": pupil_id, "may_take_emergency_access": permissions.has_action(user, Action.EMERGENCY_ACCESS)},
            status=404,
        )
    decision = permissions.decide_pupil(user, Action.VIEW_PUPIL, pupil)
    placements = pupil.placements.select_related("school", "provision").order_by("-start_date")
    return render(
        request,
        "web/pupil_detail.html",
        {
            "pupil": pupil,
            "placements": placements,
            "emergency": decision.basis == Basis.EMERGENCY,
            "assignment": decision.basis == Basis.ASSIGNMENT,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@action_required(Action.EMERGENCY_ACCESS)
def pupil_emergency(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """Break the glass: open a record outside the normal scope with a typed reason."""
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency_access_grant(
                pupil_id=pupil_id, reason=form.cleaned_data["reason"], context=AuditContext.from_request(request)
            )
        except PermissionDenied:
            return render(request, "web/emergency_refused.html", {"pupil_id": pupil_id}, status=403)
        except ValidationError as error:
            for message in error.message_dict.get("reason", error.messages):
                form.add_error("reason", message)
        else:
            messages.warning(
                request,
                _("Emergency access is open for 8 hours. The privacy officer has been notified."),
            )
            return redirect("web:pupil_detail", pupil_id=pupil_id)
    return render(request, "web/pupil_emergency.html", {"form": form, "pupil_id": pupil_id})


# --- Audit log (privacy officer) ------------------------------------------------------------


def _audit_denied(request: HttpRequest, action: AuditAction) -> HttpResponse:
    audit_event_record(
        context=AuditContext.from_request(request),
        action=action,
        outcome=AuditOutcome.DENIED,
        object_type="audit_log",
        access_basis=Basis.NONE,
    )
    return forbidden(request)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not permissions.has_action(request.user, Action.VIEW_AUDIT):
        return _audit_denied(request, AuditAction.SEARCH)
    form = AuditFilterForm(request.GET or None)
    criteria = form.criteria()
    audit_event_record(
        context=AuditContext.from_request(request),
        action=AuditAction.SEARCH,
        outcome=AuditOutcome.SUCCESS,
        object_type="audit_log",
        detail={"criteria": {k: str(v) for k, v in criteria.items() if v}},
    )
    page = _page(request, audit_event_search(user=request.user, **criteria), AUDIT_PAGE_SIZE)
    return render(
        request,
        "web/audit_log.html",
        {"form": form, "page": page, "may_export": permissions.has_action(request.user, Action.EXPORT_AUDIT)},
    )


@login_required
def audit_log_export(request: HttpRequest) -> HttpResponse:
    if not permissions.has_action(request.user, Action.EXPORT_AUDIT):
        return _audit_denied(request, AuditAction.EXPORT)
    form = AuditFilterForm(request.GET or None)
    criteria = form.criteria()
    events = audit_event_search(user=request.user, **criteria)
    audit_event_record(
        context=AuditContext.from_request(request),
        action=AuditAction.EXPORT,
        outcome=AuditOutcome.SUCCESS,
        object_type="audit_log",
        detail={"criteria": {k: str(v) for k, v in criteria.items() if v}},
    )
    return audit_csv_response(events)
