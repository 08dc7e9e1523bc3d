"""A production installation never lets a demo account or the public demo password in."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings

from dekkend.accounts.backends import DekkendModelBackend
from dekkend.accounts.tests.factories import PASSWORD, UserFactory
from dekkend.accounts.validators import DEMO_PASSWORD, DemoPasswordValidator

pytestmark = pytest.mark.django_db


def authenticate(username: str, password: str):
    return DekkendModelBackend().authenticate(RequestFactory().post("/"), username=username, password=password)


class TestDemoAccountsInProduction:
    @override_settings(DEKKEND_ENV="production")
    def test_a_demo_account_is_refused_even_with_its_password(self):
        user = UserFactory(is_demo=True)
        assert authenticate(user.username, PASSWORD) is None

    @override_settings(DEKKEND_ENV="production")
    def test_the_demo_password_is_refused_for_any_account(self):
        user = UserFactory(password=DEMO_PASSWORD)
        assert authenticate(user.username, DEMO_PASSWORD) is None

    @override_settings(DEKKEND_ENV="production")
    def test_an_existing_demo_session_is_not_honoured(self):
        user = UserFactory(is_demo=True)
        assert DekkendModelBackend().get_user(user.pk) is None

    @override_settings(DEKKEND_ENV="production")
    def test_a_real_account_signs_in(self):
        user = UserFactory()
        assert authenticate(user.username, PASSWORD) == user

    @override_settings(DEKKEND_ENV="development")
    def test_the_demo_signs_in_outside_production(self):
        user = UserFactory(is_demo=True, password=DEMO_PASSWORD)
        assert authenticate(user.username, DEMO_PASSWORD) == user


class TestDemoPasswordValidator:
    @override_settings(DEKKEND_ENV="production")
    def test_the_demo_password_cannot_be_chosen_in_production(self):
        with pytest.raises(ValidationError) as error:
            DemoPasswordValidator().validate(DEMO_PASSWORD)
        assert error.value.code == "demo_password"

    @override_settings(DEKKEND_ENV="production")
    def test_another_password_is_fine(self):
        DemoPasswordValidator().validate("een-ander-lang-wachtwoord")
