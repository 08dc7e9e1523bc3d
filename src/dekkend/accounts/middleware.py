from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .models import STAFF_ROLES


def needs_second_factor(user) -> bool:
    """Staff roles must sign in with TOTP when the installation requires it (always in production)."""
    if not settings.DEKKEND_REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return user.role_assignments.active().filter(role__in=STAFF_ROLES).exists()


class SecondFactorRequiredMiddleware:
    """A signed-in staff user who has not confirmed the second factor only reaches the
    second-factor pages and logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and needs_second_factor(user):
            allowed = (reverse("accounts:second_factor"), reverse("accounts:logout"))
            if not request.path.startswith(allowed) and not request.path.startswith(settings.STATIC_URL):
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse({"detail": "Tweede factor vereist."}, status=403)
                return redirect(f"{allowed[0]}?next={request.get_full_path()}")
        return self.get_response(request)
