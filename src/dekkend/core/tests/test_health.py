import pytest


@pytest.mark.django_db
def test_health_answers_without_signing_in(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
