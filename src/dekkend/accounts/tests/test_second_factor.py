"""Staff sign in with a second factor (TOTP): set-up with a QR code the first time, a
six-digit code every time after."""

import base64
import re
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dekkend.accounts import services
from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import UserFactory, user_with_role
from dekkend.audit.models import AuditEvent
from dekkend.audit.services import AuditContext

SECOND_FACTOR = reverse("accounts:second_factor")
WRONG_CODE_MESSAGE = "Deze code klopt niet of is verlopen."

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_required")]


@pytest.fixture
def second_factor_required():
    with override_settings(DEKKEND_REQUIRE_SECOND_FACTOR=True):
        yield


@pytest.fixture
def staff(client):
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)
    return user


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


def enrolled(user) -> TOTPDevice:
    return services.totp_device_enroll(user=user, context=AuditContext())


class TestSecondFactorIsRequired:
    def test_staff_are_sent_to_the_second_factor_before_any_page(self, client, staff):
        response = client.get("/organisaties/")
        assert response.status_code == 302
        assert response.url == f"{SECOND_FACTOR}?next={quote('/organisaties/', safe='')}"

    def test_the_api_answers_403_in_dutch(self, client, staff):
        response = client.get("/api/v1/")
        assert response.status_code == 403
        assert response.json() == {"detail": "Tweede factor vereist."}

    def test_partners_are_not_asked(self, client):
        client.force_login(user_with_role(Role.PARTNER))
        assert client.get("/").status_code == 200

    def test_django_staff_without_a_role_are_asked(self, client):
        client.force_login(UserFactory(is_staff=True))
        assert client.get("/beheer/").status_code == 302

    @override_settings(DEKKEND_REQUIRE_SECOND_FACTOR=False)
    def test_nobody_is_asked_when_the_setting_is_off(self, client, staff):
        assert client.get("/").status_code == 200

    def test_signing_out_stays_possible(self, client, staff):
        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302
        assert response.url == reverse("accounts:login")


class TestFirstTimeSetUp:
    def test_shows_a_qr_code_as_inline_svg_and_the_key_in_text(self, client, staff):
        response = client.get(SECOND_FACTOR)
        html = response.content.decode()
        device = TOTPDevice.objects.get(user=staff)
        assert not device.confirmed
        match = re.search(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
        assert match, "no inline QR image"
        assert base64.b64decode(match.group(1)).lstrip().startswith((b"<svg", b"<?xml"))
        secret = base64.b32encode(device.bin_key).decode()
        shown = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
        assert shown.replace(" ", "") == secret
        assert 'autocomplete="one-time-code"' in html
        assert "<script" not in html.split("<main", 1)[1]

    def test_reloading_keeps_the_same_key(self, client, staff):
        client.get(SECOND_FACTOR)
        client.get(SECOND_FACTOR)
        assert TOTPDevice.objects.filter(user=staff).count() == 1

    def test_a_wrong_code_is_refused_in_dutch_and_loses_nothing(self, client, staff):
        client.get(SECOND_FACTOR)
        device = TOTPDevice.objects.get(user=staff)
        response = client.post(f"{SECOND_FACTOR}?next=/organisaties/", {"token": wrong_code_for(device)})
        html = response.content.decode()
        assert response.status_code == 200
        assert WRONG_CODE_MESSAGE in html
        assert 'aria-describedby="id_token-errors"' in html
        assert 'value="/organisaties/"' in html
        device.refresh_from_db()
        assert not device.confirmed
        assert base64.b32encode(device.bin_key).decode() in html.replace(" ", "")
        assert not client.get("/").wsgi_request.user.is_verified()

    def test_the_right_code_confirms_the_device_and_continues(self, client, staff):
        client.get(SECOND_FACTOR)
        device = TOTPDevice.objects.get(user=staff)
        response = client.post(SECOND_FACTOR, {"token": code_for(device), "next": "/organisaties/"})
        assert response.status_code == 302
        assert response.url == "/organisaties/"
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/organisaties/").status_code == 200
        event = AuditEvent.objects.get(object_type="totp_device", object_id=str(device.pk))
        assert event.username == staff.username

    def test_a_code_with_a_space_in_the_middle_is_accepted(self, client, staff):
        client.get(SECOND_FACTOR)
        code = code_for(TOTPDevice.objects.get(user=staff))
        response = client.post(SECOND_FACTOR, {"token": f"{code[:3]} {code[3:]}"})
        assert response.status_code == 302


class TestSignInWithTheCode:
    def test_asks_for_the_code_without_showing_the_key_again(self, client, staff):
        enrolled(staff)
        html = client.get(SECOND_FACTOR).content.decode()
        assert "data:image/svg+xml" not in html
        assert "totp-secret" not in html
        assert TOTPDevice.objects.filter(user=staff, confirmed=False).count() == 0

    def test_the_right_code_signs_in_fully(self, client, staff):
        device = enrolled(staff)
        response = client.post(f"{SECOND_FACTOR}?next=/organisaties/", {"token": code_for(device)})
        assert response.url == "/organisaties/"
        assert client.get("/organisaties/").wsgi_request.user.is_verified()

    def test_letters_or_too_few_digits_are_explained(self, client, staff):
        enrolled(staff)
        for token in ("abcdef", "12345"):
            html = client.post(SECOND_FACTOR, {"token": token}).content.decode()
            assert "De code heeft 6 cijfers." in html

    def test_a_wrong_code_is_refused(self, client, staff):
        device = enrolled(staff)
        response = client.post(SECOND_FACTOR, {"token": wrong_code_for(device)})
        assert WRONG_CODE_MESSAGE in response.content.decode()
        assert client.get("/").status_code == 302

    def test_after_wrong_codes_even_the_right_one_waits(self, client, staff):
        device = enrolled(staff)
        client.post(SECOND_FACTOR, {"token": wrong_code_for(device)})
        # django-otp doubles the pause after each failure; after 5 failures it is 16 seconds.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=5)
        response = client.post(SECOND_FACTOR, {"token": code_for(device)})
        assert WRONG_CODE_MESSAGE in response.content.decode()
        assert client.get("/").status_code == 302

    def test_a_used_code_cannot_be_used_again(self, client, staff):
        device = enrolled(staff)
        code = code_for(device)
        client.post(SECOND_FACTOR, {"token": code})
        client.post(reverse("accounts:logout"))
        client.force_login(staff)
        response = client.post(SECOND_FACTOR, {"token": code})
        assert response.status_code == 200
        assert WRONG_CODE_MESSAGE in response.content.decode()

    def test_a_foreign_next_address_goes_to_the_start_page(self, client, staff):
        device = enrolled(staff)
        response = client.post(SECOND_FACTOR, {"token": code_for(device), "next": "https://evil.example.org/"})
        assert response.url == reverse("web:home")

    def test_someone_elses_device_does_not_count(self, client, staff):
        other = enrolled(user_with_role(Role.SECRETARIAT))
        enrolled(staff)
        response = client.post(SECOND_FACTOR, {"token": code_for(other)})
        assert response.status_code == 200

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client):
        response = client.get(SECOND_FACTOR)
        assert response.url.startswith(reverse("accounts:login"))


class TestTotpEnrolCommand:
    def test_prints_the_provisioning_uri_and_records_it(self, capsys):
        user = user_with_role(Role.MANAGER)
        call_command("totp_enroll", user.username)
        out = capsys.readouterr().out
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed
        assert out.startswith("otpauth://totp/Dekkend%3A")
        assert base64.b32encode(device.bin_key).decode() in out
        assert AuditEvent.objects.filter(object_type="totp_device", action="create").exists()

    def test_refuses_to_overwrite_without_replace(self):
        user = user_with_role(Role.MANAGER)
        first = enrolled(user)
        with pytest.raises(CommandError):
            call_command("totp_enroll", user.username)
        assert list(TOTPDevice.objects.filter(user=user)) == [first]

    def test_replace_removes_the_old_device(self):
        user = user_with_role(Role.MANAGER)
        first = enrolled(user)
        call_command("totp_enroll", user.username, "--replace")
        devices = list(TOTPDevice.objects.filter(user=user))
        assert len(devices) == 1
        assert devices[0].pk != first.pk

    def test_an_unknown_user_is_an_error(self):
        with pytest.raises(CommandError):
            call_command("totp_enroll", "bestaat-niet")
