from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from dekkend.conf import env_int

TOKEN_LIFETIME = timedelta(hours=env_int("DEKKEND_TOKEN_HOURS", 12, help="Hours an API token stays valid."))


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …``; a token expires TOKEN_LIFETIME after it was issued. An
    integration token has its own expiry and limits the user to its scopes (the permissions
    module reads them from the user object)."""

    def authenticate_credentials(self, key):
        # One query for the token, its user and its integration scopes (DRF's own lookup plus ours).
        token = self.get_model().objects.select_related("user", "integration").filter(key=key).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        integration = getattr(token, "integration", None)  # RelatedObjectDoesNotExist is an AttributeError
        if integration is not None:
            if integration.expires_at <= timezone.now():
                raise exceptions.AuthenticationFailed(_("The token has expired; request a new one."))
            user.token_scopes = frozenset(integration.scopes)
            return user, token
        if token.created < timezone.now() - TOKEN_LIFETIME:
            raise exceptions.AuthenticationFailed(_("The token has expired; request a new one."))
        return user, token
