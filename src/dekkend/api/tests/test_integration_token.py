"""An integration token reaches only the actions it was issued for, until it expires."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from dekkend.accounts.models import IntegrationToken, Role
from dekkend.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def issue(user, *scopes: str) -> APIClient:
    out = StringIO()
    args = ["issue_integration_token", user.username, "--description", "LVS-koppeling"]
    for scope in scopes:
        args += ["--scope", scope]
    call_command(*args, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return client


def test_token_limited_to_its_scopes_even_when_the_role_allows_more(world):
    service_account = user_with_role(Role.SCHOOL, school=world["school"])
    client = issue(service_account, "organisations.view")
    assert client.get("/api/v1/schools/").status_code == 200
    assert client.get("/api/v1/pupils/").status_code == 403
    assert client.get(f"/api/v1/pupils/{world['own'][0].pk}/").status_code == 403


def test_token_with_the_scope_sees_only_the_role_scope(world):
    service_account = user_with_role(Role.SCHOOL, school=world["school"])
    client = issue(service_account, "pupils.search")
    ids = {row["id"] for row in client.get("/api/v1/pupils/").json()["results"]}
    assert ids == {pupil.pk for pupil in world["own"]}


def test_expired_integration_token_is_refused(world):
    service_account = user_with_role(Role.SCHOOL, school=world["school"])
    client = issue(service_account, "organisations.view")
    IntegrationToken.objects.update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert client.get("/api/v1/schools/").status_code == 401
