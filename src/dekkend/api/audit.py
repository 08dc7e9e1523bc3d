"""The audit log for the privacy officer: search, CSV export and chain verification.
Reading the log is itself logged (object type ``audit_log``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from dekkend.audit import selectors, services
from dekkend.audit.exports import audit_csv_response
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core.permissions import Action

from .pagination import KeysetPagination
from .permissions import HasAction

AUDIT_LOG = "audit_log"


class NewestFirstPagination(KeysetPagination):
    ordering = "-id"


class AuditFilterSerializer(serializers.Serializer):
    username = serializers.CharField(required=False, allow_blank=True, max_length=150)
    pupil = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1, help_text=_("Pupil id."))
    action = serializers.ChoiceField(required=False, choices=AuditAction.choices)
    outcome = serializers.ChoiceField(required=False, choices=AuditOutcome.choices)
    emergency = serializers.BooleanField(
        required=False, default=False, help_text=_("Only events of emergency access.")
    )
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs):
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": _("The end date must not be before the start date.")})
        return attrs


def _search(request, filters: dict):
    return selectors.audit_event_search(
        user=request.user,
        username=filters.get("username", "").strip(),
        pupil_id=filters.get("pupil"),
        action=filters.get("action", ""),
        outcome=filters.get("outcome", ""),
        emergency_only=filters.get("emergency", False),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )


def _audit_log_read(request, *, action: AuditAction, allowed: bool, detail: dict) -> None:
    audit_event_record(
        context=AuditContext.from_request(request),
        action=action,
        outcome=AuditOutcome.SUCCESS if allowed else AuditOutcome.DENIED,
        object_type=AUDIT_LOG,
        detail=detail,
    )


class AuditEventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event_id = serializers.UUIDField()
    occurred_at = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=AuditAction.choices)
    outcome = serializers.ChoiceField(choices=AuditOutcome.choices)
    user_id = serializers.IntegerField(allow_null=True)
    username = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField()
    swv_id = serializers.IntegerField(allow_null=True)
    on_behalf_of = serializers.CharField()
    pupil_id = serializers.IntegerField(allow_null=True)
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    client_address = serializers.IPAddressField(allow_null=True)
    purpose = serializers.CharField()
    access_basis = serializers.CharField()
    is_emergency = serializers.BooleanField()
    reason = serializers.CharField()
    detail = serializers.JSONField()
    hash = serializers.CharField()


class AuditEventListView(GenericAPIView):
    """Audit events of the caller's samenwerkingsverband, newest first."""

    permission_classes = [HasAction(Action.VIEW_AUDIT)]
    pagination_class = NewestFirstPagination

    def audit_denied(self, request) -> None:
        _audit_log_read(
            request, action=AuditAction.SEARCH, allowed=False, detail={"criteria": request.query_params.dict()}
        )

    @extend_schema(
        operation_id="audit_events_list",
        parameters=[AuditFilterSerializer],
        responses=AuditEventOutputSerializer(many=True),
    )
    def get(self, request):
        params = AuditFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = self.paginate_queryset(_search(request, params.validated_data))
        _audit_log_read(
            request,
            action=AuditAction.SEARCH,
            allowed=True,
            detail={"criteria": _criteria(params.validated_data), "event_ids": [event.pk for event in page]},
        )
        return self.get_paginated_response(AuditEventOutputSerializer(page, many=True).data)


def _criteria(filters: dict) -> dict:
    return {key: str(value) for key, value in filters.items() if value not in ("", None, False)}


class AuditEventExportView(GenericAPIView):
    """The filtered audit events as CSV (UTF-8), newest first."""

    permission_classes = [HasAction(Action.EXPORT_AUDIT)]
    pagination_class = None

    def audit_denied(self, request) -> None:
        _audit_log_read(
            request, action=AuditAction.EXPORT, allowed=False, detail={"criteria": request.query_params.dict()}
        )

    @extend_schema(
        operation_id="audit_events_export",
        parameters=[AuditFilterSerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=_("CSV with a header row."))},
    )
    def get(self, request):
        params = AuditFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        events = _search(request, params.validated_data)
        # Logged before the rows are read, so the export names itself as its newest row.
        _audit_log_read(
            request, action=AuditAction.EXPORT, allowed=True, detail={"criteria": _criteria(params.validated_data)}
        )
        return audit_csv_response(events)


class AuditVerifyOutputSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    checked = serializers.IntegerField(help_text=_("Number of events whose hash was checked."))
    first_broken_id = serializers.IntegerField(allow_null=True)
    problem = serializers.CharField(allow_blank=True)


class AuditVerifyView(GenericAPIView):
    """Recompute the hash chain of the whole audit log and report the first break, if any."""

    permission_classes = [HasAction(Action.VERIFY_AUDIT)]
    pagination_class = None

    @extend_schema(operation_id="audit_events_verify", request=None, responses=AuditVerifyOutputSerializer)
    def post(self, request):
        report = services.audit_chain_verify()
        _audit_log_read(
            request, action=AuditAction.READ, allowed=True, detail={"verify": report.ok, "checked": report.checked}
        )
        return Response(AuditVerifyOutputSerializer(report).data)
