"""Request-wide safety measures: session timeouts and no caching of signed-in pages."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SESSION_STARTED = "dekkend_session_started"
SESSION_LAST_SEEN = "dekkend_session_last_seen"


class SessionTimeoutMiddleware:
    """Ends a session after DEKKEND_SESSION_IDLE_TIMEOUT without a request, and always after
    DEKKEND_SESSION_ABSOLUTE_TIMEOUT from sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(SESSION_STARTED, now)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            idle = settings.DEKKEND_SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.DEKKEND_SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if now - last_seen > idle or now - started > absolute:
                logout(request)
                request.session_timed_out = True
            else:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in user may hold pupil data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
