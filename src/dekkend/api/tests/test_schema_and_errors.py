"""The OpenAPI schema, the local documentation page and the shape of errors."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from dekkend.api.exceptions import exception_handler

pytestmark = pytest.mark.django_db


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    schema = (tmp_path / "schema.yaml").read_text()
    for path in ("/api/v1/pupils/{id}/emergency-access/", "/api/v1/audit-events/export/", "/api/v1/auth/token/"):
        assert path in schema


def test_the_schema_is_served(api_client):
    response = api_client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content


def test_the_docs_page_lists_operations_and_loads_nothing_from_the_internet(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/pupils/" in html
    assert "API-documentatie" in html
    assert "https://" not in html and "http://" not in html


def test_an_unknown_api_path_is_a_json_404(api_client):
    response = api_client.get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_a_wrong_method_is_a_405_in_dutch(api_client_for, school_user):
    response = api_client_for(school_user).delete("/api/v1/me/")
    assert response.status_code == 405
    assert response.json()["detail"] == 'Methode "DELETE" niet toegestaan.'


class TestDjangoValidationErrorFromAService:
    def test_field_errors_stay_on_their_field(self):
        response = exception_handler(ValidationError({"reason": "Te kort.", "__all__": "Klopt niet."}), {})
        assert response.status_code == 400
        assert response.data == {"reason": ["Te kort."], "non_field_errors": ["Klopt niet."]}

    def test_a_plain_message_becomes_a_non_field_error(self):
        response = exception_handler(ValidationError("Klopt niet."), {})
        assert response.status_code == 400
        assert response.data == {"non_field_errors": ["Klopt niet."]}
