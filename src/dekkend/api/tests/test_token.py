"""Getting, using, expiring and revoking an API token."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from dekkend.accounts.tests.factories import PASSWORD

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"

pytestmark = pytest.mark.django_db


def obtain(api_client, user, **extra):
    return api_client.post(TOKEN_URL, {"username": user.username, "password": PASSWORD, **extra})


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


class TestObtainToken:
    def test_right_password_gives_a_token_that_opens_the_api(self, api_client, school_user, world):
        response = obtain(api_client, school_user)
        assert response.status_code == 200
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
        me = api_client.get(ME_URL).json()
        assert me["username"] == school_user.username
        assert me["organisation"] == world["school"].name
        assert me["roles"][0]["role"] == "school"
        assert me["roles"][0]["school"] == world["school"].pk

    def test_wrong_password_is_a_400_in_dutch_and_no_token(self, api_client, school_user):
        response = api_client.post(TOKEN_URL, {"username": school_user.username, "password": "fout-wachtwoord"})
        assert response.status_code == 400
        assert "gebruikersnaam" in response.json()["non_field_errors"][0]
        assert not Token.objects.filter(user=school_user).exists()

    def test_missing_fields_are_named(self, api_client):
        response = api_client.post(TOKEN_URL, {})
        assert response.status_code == 400
        assert set(response.json()) == {"username", "password"}

    def test_a_new_token_replaces_the_old_one(self, api_client, school_user):
        first = obtain(api_client, school_user).json()["token"]
        second = obtain(api_client, school_user).json()["token"]
        assert first != second
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
        assert api_client.get(ME_URL).status_code == 401

    def test_repeated_failures_lock_the_account_with_a_json_answer(self, api_client, school_user):
        for _ in range(5):
            api_client.post(TOKEN_URL, {"username": school_user.username, "password": "fout-wachtwoord"})
        response = obtain(api_client, school_user)
        assert response.status_code == 429
        assert "15 minuten" in response.json()["detail"]

    def test_the_endpoint_is_rate_limited(self, api_client, school_user):
        statuses = [
            api_client.post(TOKEN_URL, {"username": f"onbekend{i}", "password": "x"}).status_code for i in range(11)
        ]
        assert statuses[-1] == 429
        assert statuses[:10] == [400] * 10


class TestSecondFactorForStaff:
    @pytest.fixture(autouse=True)
    def _second_factor_required(self):
        with override_settings(DEKKEND_REQUIRE_SECOND_FACTOR=True):
            yield

    @pytest.fixture
    def device(self, school_user):
        return TOTPDevice.objects.create(user=school_user, name="telefoon", confirmed=True)

    def test_staff_without_code_is_asked_for_it(self, api_client, school_user, device):
        response = obtain(api_client, school_user)
        assert response.status_code == 400
        assert "otp" in response.json()
        assert not Token.objects.filter(user=school_user).exists()

    def test_a_wrong_code_is_refused(self, api_client, school_user, device):
        response = obtain(api_client, school_user, otp="000000" if current_code(device) != "000000" else "111111")
        assert response.status_code == 400
        assert "otp" in response.json()

    def test_the_current_code_gives_a_token(self, api_client, school_user, device):
        response = obtain(api_client, school_user, otp=current_code(device))
        assert response.status_code == 200
        assert response.json()["token"]

    def test_a_partner_needs_no_second_factor(self, api_client, partner):
        assert obtain(api_client, partner).status_code == 200


class TestTokenLifetime:
    def test_an_expired_token_is_a_401(self, api_client, school_user):
        key = obtain(api_client, school_user).json()["token"]
        Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=2))
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        response = api_client.get(ME_URL)
        assert response.status_code == 401
        assert "verlopen" in response.json()["detail"]

    def test_no_token_is_a_401_in_dutch(self, api_client):
        response = api_client.get(ME_URL)
        assert response.status_code == 401
        assert response.json()["detail"] == "Authenticatiegegevens zijn niet opgegeven."

    def test_revoking_ends_the_token(self, api_client, school_user):
        key = obtain(api_client, school_user).json()["token"]
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert api_client.post("/api/v1/auth/token/revoke/").status_code == 204
        assert api_client.get(ME_URL).status_code == 401
