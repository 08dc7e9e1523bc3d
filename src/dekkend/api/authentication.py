from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from dekkend.conf import env_int

TOKEN_LIFETIME = timedelta(hours=env_int("DEKKEND_TOKEN_HOURS", 12, help="Hours an API token stays valid."))


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …``; a token expires TOKEN_LIFETIME after it was issued."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - TOKEN_LIFETIME:
            raise exceptions.AuthenticationFailed(_("The token has expired; request a new one."))
        return user, token
