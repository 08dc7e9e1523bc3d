"""The sign-in page: clear Dutch errors, nothing typed is lost, lock-out after repeated
failures, and sign-out by POST only."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.urls import reverse

from dekkend.accounts.client_ip import client_ip
from dekkend.accounts.tests.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


class TestSignInPage:
    def test_the_form_has_real_labels_and_autocomplete_hints(self, client):
        html = client.get(LOGIN).content.decode()
        assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam</label>' in html
        assert '<label class="utrecht-form-label" for="id_password">Wachtwoord</label>' in html
        assert 'autocomplete="username"' in html
        assert 'autocomplete="current-password"' in html
        assert "aria-invalid" not in html

    def test_correct_password_signs_in_and_goes_to_the_start_page(self, client):
        user = UserFactory()
        response = sign_in(client, user.username, PASSWORD)
        assert response.status_code == 302
        assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
        assert client.get("/").wsgi_request.user == user

    def test_a_safe_next_address_is_followed(self, client):
        user = UserFactory()
        response = client.post(f"{LOGIN}?next=/organisaties/", {"username": user.username, "password": PASSWORD})
        assert response.url == "/organisaties/"

    def test_a_foreign_next_address_is_ignored(self, client):
        user = UserFactory()
        response = client.post(
            f"{LOGIN}?next=https://evil.example.org/", {"username": user.username, "password": PASSWORD}
        )
        assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


class TestWrongPassword:
    def test_says_so_in_dutch_and_keeps_the_username(self, client):
        user = UserFactory()
        response = sign_in(client, user.username, "niet-het-goede-wachtwoord")
        html = response.content.decode()
        assert response.status_code == 200
        assert "De gebruikersnaam of het wachtwoord klopt niet." in html
        assert f'value="{user.username}"' in html
        assert "niet-het-goede-wachtwoord" not in html

    def test_the_error_is_announced_and_linked_to_the_fields(self, client):
        html = sign_in(client, "onbekend", "fout").content.decode()
        assert 'role="alert" id="login-errors"' in html
        assert html.count('aria-describedby="login-errors"') == 2
        assert html.count('aria-invalid="true"') == 2

    def test_empty_fields_ask_for_them_in_dutch(self, client):
        html = sign_in(client, "", "").content.decode()
        assert "Vul je gebruikersnaam in." in html
        assert "Vul je wachtwoord in." in html

    def test_a_disabled_account_cannot_sign_in(self, client):
        user = UserFactory(is_active=False)
        response = sign_in(client, user.username, PASSWORD)
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated

    def test_every_attempt_is_logged_by_axes(self, client):
        user = UserFactory()
        sign_in(client, user.username, "fout")
        sign_in(client, user.username, PASSWORD)
        assert AccessLog.objects.filter(username=user.username).count() == 1  # the successful sign-in
        assert AccessAttempt.objects.filter(username=user.username).count() == 0  # reset on success


class TestLockout:
    def test_after_the_failure_limit_even_the_right_password_gets_a_dutch_429(self, client):
        user = UserFactory()
        limit = settings.AXES_FAILURE_LIMIT
        for _ in range(limit - 1):
            assert sign_in(client, user.username, "fout").status_code == 200
        response = sign_in(client, user.username, "fout")
        assert response.status_code == 429
        response = sign_in(client, user.username, PASSWORD)
        assert response.status_code == 429
        assert "Te veel mislukte pogingen om in te loggen. Wacht 15 minuten" in response.content.decode()
        assert not response.wsgi_request.user.is_authenticated
        assert AccessAttempt.objects.get(username=user.username).failures_since_start >= limit

    def test_other_accounts_are_not_locked(self, client):
        victim, other = UserFactory(), UserFactory()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, victim.username, "fout")
        assert sign_in(client, other.username, PASSWORD).status_code == 302


class TestSignOut:
    def test_get_does_not_sign_out(self, client):
        client.force_login(UserFactory())
        assert client.get(LOGOUT).status_code == 405
        assert client.get("/").wsgi_request.user.is_authenticated

    def test_post_signs_out_and_says_so(self, client):
        client.force_login(UserFactory())
        response = client.post(LOGOUT, follow=True)
        assert response.redirect_chain[-1][0] == LOGIN
        assert not response.wsgi_request.user.is_authenticated
        assert "Je bent uitgelogd." in response.content.decode()


class TestClientAddressBehindProxy:
    def _request(self, **meta):
        from django.test import RequestFactory

        return RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.2", **meta)

    def test_without_proxies_the_socket_address_counts(self, settings):
        settings.DEKKEND_PROXY_COUNT = 0
        request = self._request(HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert client_ip(request) == "10.0.0.2"

    def test_behind_one_proxy_the_address_it_saw_counts_and_forged_entries_do_not(self, settings):
        settings.DEKKEND_PROXY_COUNT = 1
        request = self._request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
        assert client_ip(request) == "203.0.113.9"

    def test_a_missing_header_falls_back_to_the_socket_address(self, settings):
        settings.DEKKEND_PROXY_COUNT = 1
        assert client_ip(self._request()) == "10.0.0.2"

    def test_lockout_follows_the_forwarded_address(self, client, settings):
        settings.DEKKEND_PROXY_COUNT = 1
        user = UserFactory()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(LOGIN, {"username": user.username, "password": "fout"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert AccessAttempt.objects.get(username=user.username).ip_address == "203.0.113.9"
