"""Fixtures shared by every app's tests."""

import pytest
from rest_framework.test import APIClient

pytest_plugins = ["dekkend.core.tests.authorisation_matrix"]


@pytest.fixture(autouse=True)
def _forget_roles_read():
    """Each test's database is rolled back: roles a process remembered belong to the last test."""
    from dekkend.core.permissions import forget_roles_read

    forget_roles_read()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_client_for(db):
    """``api_client_for(user)`` returns an API client authenticated with a real token."""
    from rest_framework.authtoken.models import Token

    def make(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
