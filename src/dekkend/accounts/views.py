"""Sign-in, sign-out and the second factor."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """Shown after too many failed sign-ins (django-axes)."""
    message = _("Too many failed attempts. Wait 15 minutes and try again.")
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)


def second_factor(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/second_factor.html", {})
