"""Tokens and the caller's own account: ``/auth/token/``, ``/auth/token/revoke/``, ``/me/``."""

from dataclasses import replace

from django.contrib.auth import authenticate, user_logged_in
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from dekkend.accounts.middleware import needs_second_factor
from dekkend.accounts.services import second_factor_is_valid
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions

from .authentication import TOKEN_LIFETIME

ERROR_SCHEMA = inline_serializer("Error", {"detail": serializers.CharField()})
# A refused sign-in answers like any validation error: messages per field.
TOKEN_ERROR_SCHEMA = inline_serializer(
    "TokenObtainError",
    {
        name: serializers.ListField(child=serializers.CharField(), required=False)
        for name in ("non_field_errors", "username", "password", "otp")
    },
)


class TokenObtainInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=200, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text=_("Six-digit code of the authenticator app.")
    )


class TokenObtainOutputSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class TokenObtainView(APIView):
    """Exchange username and password (and, for staff when required, the authenticator code)
    for a token. Each call replaces the caller's previous token."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenObtainInputSerializer,
        responses={200: TokenObtainOutputSerializer, 400: TOKEN_ERROR_SCHEMA, 429: ERROR_SCHEMA},
        auth=[],
    )
    def post(self, request):
        params = TokenObtainInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        http_request = request._request  # django-axes counts failures on the Django request
        user = authenticate(
            request=http_request,
            username=params.validated_data["username"],
            password=params.validated_data["password"],
        )
        if user is None:
            if getattr(http_request, "axes_locked_out", False):
                # Answer in JSON ourselves instead of the HTML lock-out page of the web sign-in.
                http_request.axes_locked_out = False
                return Response(
                    {"detail": _("Too many failed attempts. Wait 15 minutes and try again.")},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with this username and password.")]}
            )
        if needs_second_factor(user):
            otp = params.validated_data.get("otp", "")
            if not otp:
                raise serializers.ValidationError({"otp": [_("Enter the code from your authenticator app.")]})
            if not second_factor_is_valid(user=user, token=otp):
                raise serializers.ValidationError({"otp": [_("This code is not valid. Try the current code.")]})
        with transaction.atomic():
            Token.objects.filter(user=user).delete()
            token = Token.objects.create(user=user)
        user_logged_in.send(sender=user.__class__, request=http_request, user=user)
        audit_event_record(
            context=replace(AuditContext.from_request(request), user=user),
            action=AuditAction.CREATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="api_token",
            object_id=user.pk,
        )
        return Response({"token": token.key, "expires_at": token.created + TOKEN_LIFETIME})


class TokenRevokeView(APIView):
    """Delete the caller's token (sign out of the API)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="auth_token_revoke", request=None, responses={204: None})
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeRoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    swv = serializers.IntegerField(source="swv_id", allow_null=True)
    school = serializers.IntegerField(source="school_id", allow_null=True)
    board = serializers.IntegerField(source="board_id", allow_null=True)
    organisation = serializers.CharField(source="organisation_label")


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    roles = MeRoleSerializer(many=True)
    organisation = serializers.CharField(allow_blank=True, help_text=_("Organisation of the primary role."))


class MeView(APIView):
    """Who am I: the caller's account and active roles."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_retrieve", responses=MeOutputSerializer)
    def get(self, request):
        user = request.user
        roles = permissions.active_roles(user)
        primary = permissions.primary_role(user)
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "full_name": user.get_full_name(),
            "roles": roles,
            "organisation": primary.organisation_label if primary else "",
        }
        return Response(MeOutputSerializer(data).data)
