from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from dekkend.accounts.backends import USER_COLUMNS
from dekkend.accounts.models import User
from dekkend.conf import env_int
from dekkend.core.prepared import PreparedRead

TOKEN_LIFETIME = timedelta(hours=env_int("DEKKEND_TOKEN_HOURS", 12, help="Hours an API token stays valid."))

# One prepared read (core/prepared.py) for the token, its user and its integration limits:
# every API request starts with it.
_TOKEN_COLUMNS = ("created", "integration__id", "integration__expires_at", "integration__scopes")
_TOKEN_BY_KEY = PreparedRead(
    Token,
    lambda key: Token.objects.filter(key=key).values_list(
        *_TOKEN_COLUMNS, *(f"user__{column}" for column in USER_COLUMNS)
    ),
    str,
)


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …``; a token expires TOKEN_LIFETIME after it was issued. An
    integration token has its own expiry and limits the user to its scopes (the permissions
    module reads them from the user object)."""

    def authenticate_credentials(self, key):
        rows = _TOKEN_BY_KEY.rows(key)
        if not rows:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        created, integration_id, integration_expires_at, integration_scopes, *user_values = rows[0]
        user = User.from_db(User.objects.db, USER_COLUMNS, user_values)
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(Token.objects.db, ("key", "user_id", "created"), (key, user.pk, created))
        Token._meta.get_field("user").set_cached_value(token, user)
        if integration_id is not None:
            if integration_expires_at <= timezone.now():
                raise exceptions.AuthenticationFailed(_("The token has expired; request a new one."))
            user.token_scopes = frozenset(integration_scopes)
            return user, token
        if created < timezone.now() - TOKEN_LIFETIME:
            raise exceptions.AuthenticationFailed(_("The token has expired; request a new one."))
        return user, token
