"""A database that is gone for a moment answers 503 with Retry-After, in Dutch; any other
failure a plain 500 without internals. (tests/faults/ cuts a real PostgreSQL connection.)"""

from unittest import mock

import pytest
from django.db import OperationalError

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.tests.factories import SwvFactory

pytestmark = pytest.mark.django_db

GONE = OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.fixture
def api_client(client):
    client.force_login(user_with_role(Role.POLICY, swv=SwvFactory()))
    return client


def test_a_page_says_the_database_is_away_and_nothing_was_saved(client):
    with mock.patch("dekkend.core.views.connection.cursor", side_effect=GONE):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "database" in text and "niet opgeslagen" in text
    assert "closed the connection" not in text  # no internals


def test_the_api_answers_json(api_client):
    with mock.patch("dekkend.api.organisations.SwvListView.get", side_effect=GONE):
        response = api_client.get("/api/v1/swvs/")
    assert response.status_code == 503
    assert "niet opgeslagen" in response.json()["detail"]


def test_any_other_failure_is_a_500_without_retry_after(api_client):
    with mock.patch("dekkend.api.organisations.SwvListView.get", side_effect=ZeroDivisionError):
        response = api_client.get("/api/v1/swvs/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "ZeroDivisionError" not in response.content.decode()
