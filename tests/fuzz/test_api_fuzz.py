"""Schemathesis against the live OpenAPI schema, in-process through the WSGI app.

For every operation and a token of each demo role: no server error, no response that breaks
the schema, and no data of another samenwerkingsverband (or, for a school, of another school).
Bounded and deterministic: a fixed number of examples per operation and derandomized Hypothesis.
"""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from django.utils.timezone import now
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks

from dekkend.accounts.models import RoleAssignment, User
from dekkend.audit.models import AuditEvent
from dekkend.pupils.models import Pupil, PupilAccessGrant
from dekkend.wsgi import application

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25
ROLES = ["school", "secretariaat", "deskundige1", "gemeente", "privacy", "admin"]
ROLES_THAT_SEE_PUPILS = {"school", "secretariaat"}
# Revoking the token would turn every later request of the run into a 401.
SKIPPED_OPERATIONS = {"POST /api/v1/auth/token/revoke/"}
PUPIL_PATHS = {"/api/v1/pupils/", "/api/v1/pupils/{id}/"}
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.content_type_conformance]


@pytest.fixture
def demo(db):
    call_command("load_demo", pupils=300, verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go through the real WSGI app, which closes database connections at the end of
    each request; that would close the test's transaction on PostgreSQL. Django's own test
    client disconnects the same handlers."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _swv_values(node):
    """Every samenwerkingsverband id (an integer under ``swv`` or ``swv_id``) anywhere in a response body."""
    if isinstance(node, list):
        for item in node:
            yield from _swv_values(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("swv", "swv_id"):
                candidate = value.get("id") if isinstance(value, dict) else value
                if isinstance(candidate, int) and not isinstance(candidate, bool):
                    yield candidate
            yield from _swv_values(value)


def _pupil_items(path, body):
    """The pupils a pupil list or detail response shows (an emergency grant shows only the id asked for)."""
    if path not in PUPIL_PATHS or not isinstance(body, dict):
        return []
    return body.get("results", [body] if "id" in body else [])


class TenantCheck:
    def __init__(self, user):
        assignments = RoleAssignment.objects.filter(user=user)
        self.swv_ids = {a.swv_id for a in assignments if a.swv_id}
        self.school_ids = {a.school_id for a in assignments if a.school_id}
        self.is_school = any(a.role == "school" for a in assignments)
        self.user = user
        self.pupil_ids = set(Pupil.objects.filter(school_id__in=self.school_ids).values_list("id", flat=True))
        self.pupils_seen = 0

    def __call__(self, case, response):
        try:
            body = response.json()
        except ValueError:
            return
        path = case.operation.path
        where = f"{case.method} {case.formatted_path}"
        pupils = _pupil_items(path, body)
        self.pupils_seen += len(pupils)
        if not self.swv_ids:
            assert not pupils, f"{where}: pupil data for a user without a samenwerkingsverband"
        else:
            outside = set(_swv_values(body)) - self.swv_ids
            assert not outside, f"{where}: data of another samenwerkingsverband {outside}"
        if self.is_school:
            # Besides its own pupils, a school may see a pupil it has taken emergency access to.
            grants = PupilAccessGrant.objects.filter(user=self.user, revoked_at__isnull=True, expires_at__gt=now())
            granted = set(grants.values_list("pupil_id", flat=True))
            strangers = {item.get("id") for item in pupils} - self.pupil_ids - granted
            assert not strangers, f"{where}: pupils of another school {strangers}"


@pytest.mark.parametrize("username", ROLES)
def test_every_operation_holds_for_the_role(demo, username):
    user = User.objects.get(username=username)
    token, _ = Token.objects.get_or_create(user=user)
    headers = {"Authorization": f"Token {token.key}"}
    tenant_check = TenantCheck(user)
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, headers=headers)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label in SKIPPED_OPERATIONS:
            continue

        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],  # report the failing input as found: no slow shrinking
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)
            tenant_check(case, response)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then fail once
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    if username in ROLES_THAT_SEE_PUPILS:
        assert tenant_check.pupils_seen, "the run never saw a pupil: the tenant check proved nothing"


@pytest.mark.parametrize(
    "method, path", [("get", "/api/v1/pupils/{}/"), ("post", "/api/v1/pupils/{}/emergency-access/")]
)
def test_an_oversized_pupil_id_is_refused_cleanly_and_logged(demo, api_client_for, method, path):
    """An id beyond 64 bits (a forged URL) is refused as any other, and the attempt is logged."""
    client = api_client_for(User.objects.get(username="admin"))
    response = getattr(client, method)(path.format(2**70), {"reason": "Fuzzing: an id beyond 64 bits."})
    assert response.status_code in (403, 404)
    event = AuditEvent.objects.filter(outcome="denied").latest("id")
    assert event.pupil_id is None and str(2**70) in (event.object_id, event.detail.get("requested_pupil"))


def test_an_oversized_pupil_id_is_not_found_for_a_role_with_access(demo, api_client_for):
    client = api_client_for(User.objects.get(username="secretariaat"))
    assert client.get(f"/api/v1/pupils/{2**70}/").status_code == 404
