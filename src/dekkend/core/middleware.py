"""Request-wide safety measures: session timeouts and no caching of signed-in pages."""

import time
from time import perf_counter  # unaffected when tests replace the session clock (``time``)

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.functional import LazyObject, empty

from dekkend.accounts.texts import SESSION_EXPIRED

SESSION_STARTED = "dekkend_session_started"
SESSION_LAST_SEEN = "dekkend_session_last_seen"
# The last-seen time is written at most once a minute: writing it on every request saved the
# session (an UPDATE and its commit) on every page view. The idle limit then counts from a
# moment at most a minute before the last request: a session may end up to a minute early,
# never late.
LAST_SEEN_GRAIN = 60


def session_mark_started(session) -> None:
    """Called at sign-in: the absolute timeout counts from this moment."""
    now = time.time()
    session[SESSION_STARTED] = now
    session[SESSION_LAST_SEEN] = now


def session_has_expired(session, now: float) -> bool:
    """Idle for longer than DEKKEND_SESSION_IDLE_TIMEOUT, or signed in for longer than
    DEKKEND_SESSION_ABSOLUTE_TIMEOUT. Exactly at a limit the session is still valid."""
    started = session.get(SESSION_STARTED, now)
    last_seen = session.get(SESSION_LAST_SEEN, now)
    idle = settings.DEKKEND_SESSION_IDLE_TIMEOUT.total_seconds()
    absolute = settings.DEKKEND_SESSION_ABSOLUTE_TIMEOUT.total_seconds()
    return now - last_seen > idle or now - started > absolute


class SessionTimeoutMiddleware:
    """Ends a session after DEKKEND_SESSION_IDLE_TIMEOUT without a request, and always after
    DEKKEND_SESSION_ABSOLUTE_TIMEOUT from sign-in.

    The user is signed out before the view runs, so the view sees an anonymous user (a page
    that needs sign-in sends them to the sign-in page). The "session expired" message is added
    after the logout (which empties the session), in ``process_view``, once the message
    storage exists.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            if session_has_expired(request.session, now):
                logout(request)
                request.dekkend_session_timed_out = True
            else:
                request.session.setdefault(SESSION_STARTED, now)
                if now - request.session.get(SESSION_LAST_SEEN, 0) >= LAST_SEEN_GRAIN:
                    request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if getattr(request, "dekkend_session_timed_out", False) and hasattr(request, "_messages"):
            messages.warning(request, SESSION_EXPIRED)
            request.dekkend_session_timed_out = False


class ResolvedUserMiddleware:
    """Put the user itself on ``request.user`` instead of the lazy stand-in Django sets (which
    django-otp wraps once more). Every page resolves it anyway (the session timeout asks
    ``is_authenticated`` first); resolved, the few hundred reads a page makes of it
    (permissions, the menu, templates) no longer pass through two proxies each."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        while isinstance(user, LazyObject):
            if user._wrapped is empty:
                user._setup()
            user = user._wrapped
        request.user = user
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


class ServerTimingMiddleware:
    """Say how long the server worked on a request (``Server-Timing: app;dur=<ms>``), so that a
    load test, a browser's developer tools or a proxy log can tell server time from time spent
    queueing or on the network. Outermost, so it covers every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(perf_counter() - started) * 1000:.1f}"
        return response
