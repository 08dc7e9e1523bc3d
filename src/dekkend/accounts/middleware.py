from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from dekkend.core import permissions

from .models import STAFF_ROLES


def needs_second_factor(user) -> bool:
    """Staff roles (and Django staff/superusers, who reach the admin) must sign in with TOTP
    when the installation requires it (always in production)."""
    if not settings.DEKKEND_REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(assignment.role in STAFF_ROLES for assignment in permissions.active_roles(user))


class SecondFactorRequiredMiddleware:
    """A signed-in user who needs the second factor and has not given it yet only reaches
    the second-factor page, logout and static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and needs_second_factor(user):
            allowed = (reverse("accounts:second_factor"), reverse("accounts:logout"), settings.STATIC_URL)
            if not request.path.startswith(allowed):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("Second factor required.")}, status=403)
                return redirect(f"{allowed[0]}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
