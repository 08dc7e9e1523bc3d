"""Session timeouts, the end of access for disabled accounts and revoked roles, and the
security headers every page gets."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dekkend.accounts.models import Role, RoleAssignment
from dekkend.accounts.tests.factories import user_with_role
from dekkend.core import permissions
from dekkend.core.middleware import LAST_SEEN_GRAIN, SESSION_LAST_SEEN

IDLE = timedelta(minutes=30).total_seconds()
ABSOLUTE = timedelta(hours=10).total_seconds()
EXPIRED_MESSAGE = "Je sessie is verlopen"


class FakeClock:
    """Stands in for the ``time`` module inside dekkend.core.middleware."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock():
    fake = FakeClock(time.time())
    with mock.patch("dekkend.core.middleware.time", fake):
        yield fake


@pytest.fixture
def signed_in(client, db, clock):
    """A client signed in at ``clock.now``."""
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)
    client.signed_in_at = clock.now
    client.user = user
    return client


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


class TestSessionIdleTimeout:
    def test_a_request_exactly_at_the_idle_limit_is_still_served(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + IDLE
        response = signed_in.get("/")
        assert response.status_code == 200
        assert response.wsgi_request.user.is_authenticated

    def test_each_request_restarts_the_idle_period(self, signed_in, clock):
        for step in range(1, 4):
            clock.now = signed_in.signed_in_at + step * (IDLE - 60)
            assert signed_in.get("/").status_code == 200

    def test_requests_within_a_minute_of_the_written_time_do_not_write_the_session(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + 10  # signing in wrote the last-seen time
        signed_in.get("/")
        clock.now = signed_in.signed_in_at + LAST_SEEN_GRAIN - 1
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get("/").status_code == 200
        writes = [query for query in queries if query["sql"].startswith("UPDATE") and "django_session" in query["sql"]]
        assert not writes

    def test_the_idle_limit_counts_from_the_written_time_so_a_session_ends_early_never_late(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + LAST_SEEN_GRAIN - 1  # served, not written: within the minute
        assert signed_in.get("/").status_code == 200
        clock.now = signed_in.signed_in_at + IDLE + 1  # idle for less than the limit since that request
        assert signed_in.get("/").status_code == 302

    def test_one_second_past_the_idle_limit_signs_out_and_says_so_on_the_login_page(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + IDLE + 1
        response = signed_in.get("/", follow=True)
        assert response.redirect_chain == [(login_url_for("/"), 302)]
        assert not response.wsgi_request.user.is_authenticated
        assert EXPIRED_MESSAGE in response.content.decode()

    def test_after_expiry_the_old_session_stays_signed_out(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + IDLE + 1
        signed_in.get("/")
        clock.now += 1
        response = signed_in.get("/")
        assert response.status_code == 302
        assert response.url == login_url_for("/")


class TestSessionAbsoluteTimeout:
    def _recently_active(self, client, at: float) -> None:
        session = client.session
        session[SESSION_LAST_SEEN] = at - 60
        session.save()

    def test_a_request_exactly_at_the_absolute_limit_is_still_served(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + ABSOLUTE
        self._recently_active(signed_in, clock.now)
        response = signed_in.get("/")
        assert response.status_code == 200

    def test_one_second_past_the_absolute_limit_signs_out_even_when_active(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + ABSOLUTE + 1
        self._recently_active(signed_in, clock.now)
        response = signed_in.get("/", follow=True)
        assert response.redirect_chain == [(login_url_for("/"), 302)]
        assert EXPIRED_MESSAGE in response.content.decode()

    def test_signing_in_again_starts_a_new_working_day(self, signed_in, clock):
        clock.now = signed_in.signed_in_at + ABSOLUTE + 1
        signed_in.get("/")
        signed_in.force_login(signed_in.user)
        clock.now += ABSOLUTE - 5
        self._recently_active(signed_in, clock.now)
        assert signed_in.get("/").status_code == 200


class TestAccessEndsOnNextRequest:
    def test_a_disabled_account_is_anonymous_on_its_next_request(self, signed_in):
        assert signed_in.get("/").status_code == 200
        signed_in.user.is_active = False
        signed_in.user.save(update_fields=["is_active"])
        response = signed_in.get("/")
        assert response.status_code == 302
        assert response.url == login_url_for("/")

    def test_a_revoked_role_grants_nothing_on_the_next_request(self, signed_in):
        response = signed_in.get("/")
        assert permissions.has_action(response.wsgi_request.user, permissions.Action.VIEW_ORGANISATIONS)
        signed_in.user.role_assignments.update(revoked_at=timezone.now())
        response = signed_in.get("/")
        assert not permissions.has_action(response.wsgi_request.user, permissions.Action.VIEW_ORGANISATIONS)
        assert permissions.primary_role(response.wsgi_request.user) is None

    def test_a_role_given_outside_the_services_counts_on_the_next_request(self, signed_in):
        """The admin (or a restore) writes role rows directly: the database raises the user's
        roles_version, so the roles this process remembered are read again."""
        response = signed_in.get("/")
        assert not permissions.has_action(response.wsgi_request.user, permissions.Action.VIEW_AUDIT)
        swv = signed_in.user.role_assignments.get().swv
        RoleAssignment.objects.create(user=signed_in.user, role=Role.PRIVACY_OFFICER, swv=swv)
        response = signed_in.get("/")
        assert permissions.has_action(response.wsgi_request.user, permissions.Action.VIEW_AUDIT)

    def test_unchanged_roles_are_not_read_again(self, signed_in):
        signed_in.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = signed_in.get("/")
        assert permissions.has_action(response.wsgi_request.user, permissions.Action.VIEW_ORGANISATIONS)
        assert not [query for query in queries if "accounts_roleassignment" in query["sql"]]


class TestCacheControl:
    def test_signed_in_pages_are_never_stored(self, signed_in):
        response = signed_in.get("/")
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"

    def test_api_answers_are_never_stored(self, signed_in):
        response = signed_in.get("/api/v1/")
        assert response["Cache-Control"] == "no-store"

    def test_the_public_login_page_may_be_cached_by_the_rules_of_django(self, client, db):
        response = client.get(reverse("accounts:login"))
        assert response.get("Cache-Control", "") != "no-store" or "private" in response.get("Cache-Control", "")


class TestContentSecurityPolicy:
    def test_every_page_has_a_strict_policy(self, client, db):
        response = client.get(reverse("accounts:login"))
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy

    def test_pages_cannot_be_framed_or_sniffed(self, client, db):
        response = client.get(reverse("accounts:login"))
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_every_response_says_how_long_the_server_worked_on_it(client, db):
    response = client.get("/health/")
    name, duration = response["Server-Timing"].split(";dur=")
    assert name == "app"
    assert float(duration) >= 0
    assert client.get("/api/v1/does-not-exist/")["Server-Timing"].startswith("app;dur=")
