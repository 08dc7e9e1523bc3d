"""Sign-in, sign-out and the second factor."""

from base64 import b32encode, b64encode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from dekkend.audit.services import AuditContext

from . import services
from .forms import SignInForm, TokenForm
from .middleware import needs_second_factor


class LoginView(auth_views.LoginView):
    """Django's sign-in view with our form. Failed attempts and lock-outs are counted and
    logged by django-axes (``AccessAttempt``, ``AccessLog``)."""

    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign out, by POST only (Django refuses GET), and say so on the sign-in page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have been signed out."))
        return response


def locked_out(request: HttpRequest, original_response=None, credentials=None, *args, **kwargs) -> HttpResponse:
    """Shown after too many failed sign-ins (django-axes calls this; status 429)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    message = ngettext(
        "Too many failed attempts to sign in. Wait %(minutes)d minute and try again.",
        "Too many failed attempts to sign in. Wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)


def _safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _qr_data_uri(text: str) -> str:
    """An inline SVG QR code as a data: URI (the CSP allows data: images, no inline scripts)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode("ascii")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("token")
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app (first time) or type its code (every sign-in)."""
    user = request.user
    next_url = _safe_next(request)
    if user.is_verified() or not needs_second_factor(user):
        return redirect(next_url)

    setting_up = services.confirmed_totp_device(user=user) is None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if setting_up:
            device = services.totp_device_confirm(user=user, token=token, context=AuditContext.from_request(request))
        else:
            device = services.second_factor_verify(user=user, token=token)
        if device is not None:
            request.session.cycle_key()
            django_otp.login(request, device)
            return redirect(next_url)
        form.add_error(
            "token",
            _(
                "This code is not correct or has expired. Enter the code your app shows now. "
                "After several wrong codes you have to wait a little before the next try."
            ),
        )

    context = {"form": form, "setting_up": setting_up, "next": next_url}
    if setting_up:
        device = services.totp_device_get_or_create_unconfirmed(user=user)
        context["qr_data_uri"] = _qr_data_uri(device.config_url)
        context["secret"] = _grouped(b32encode(device.bin_key).decode("ascii"))
    return render(request, "accounts/second_factor.html", context)
