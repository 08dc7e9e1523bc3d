"""API of the complaint register: list (keyset pages, filters), register, read one, handle.

Thin views: parse input, call one service or selector, answer. Who may do what is decided by
:mod:`dekkend.core.permissions` (a role without the action: 403; a complaint of another SWV:
404). Every read is audited (a list names every complaint and pupil shown). Bad input: 400 with
the field named, in Dutch.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from dekkend.api.permissions import HasAction
from dekkend.api.serializers import NamedRefSerializer
from dekkend.audit.models import AuditAction
from dekkend.audit.services import AuditContext
from dekkend.core.permissions import Action

from . import selectors, services
from .models import SUMMARY_MAX_LENGTH, Complaint

ID = {"min_value": 1, "max_value": selectors.MAX_ID}

# --- output ---------------------------------------------------------------------------------


class ComplaintListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    received_on = serializers.DateField()
    complainant = serializers.CharField()
    procedure = serializers.CharField()
    application = serializers.IntegerField(source="application_id", allow_null=True)
    school = NamedRefSerializer(allow_null=True)
    status = serializers.CharField()
    outcome = serializers.CharField()
    days_open = serializers.SerializerMethodField()

    def get_days_open(self, complaint) -> int:
        """Days from receipt to closing (or to today while open)."""
        end = complaint.handled_on or timezone.localdate()
        return (end - complaint.received_on).days


class ComplaintDetailSerializer(ComplaintListItemSerializer):
    pupil = serializers.IntegerField(source="pupil_id", allow_null=True)
    summary = serializers.CharField()
    handler = serializers.IntegerField(source="handler_id", allow_null=True)
    handler_name = serializers.SerializerMethodField()
    acknowledged_on = serializers.DateField(allow_null=True)
    handled_on = serializers.DateField(allow_null=True)
    explanation = serializers.CharField()

    def get_handler_name(self, complaint) -> str:
        return complaint.handler.get_full_name() if complaint.handler_id else ""


# --- input ----------------------------------------------------------------------------------


class ComplaintFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("open", _("open")), *Complaint.Status.choices], required=False, default=""
    )
    procedure = serializers.ChoiceField(choices=Complaint.Procedure.choices, required=False, default="")
    complainant = serializers.ChoiceField(choices=Complaint.Complainant.choices, required=False, default="")
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False, default=None)


class ComplaintCreateInputSerializer(serializers.Serializer):
    swv = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("Needed when you work for several SWVs."), **ID
    )
    received_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Default: today."))
    complainant = serializers.ChoiceField(choices=Complaint.Complainant.choices)
    procedure = serializers.ChoiceField(choices=Complaint.Procedure.choices)
    application = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    school = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    summary = serializers.CharField(
        max_length=SUMMARY_MAX_LENGTH, help_text=_("A short summary of the complaint: no health data.")
    )
    handler = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)


class ComplaintHandleInputSerializer(serializers.Serializer):
    handler = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Leave out to keep the handler; null removes it."), **ID
    )
    acknowledged_on = serializers.DateField(required=False, allow_null=True, default=None)
    close = serializers.BooleanField(
        required=False, default=False, help_text=_("Close the complaint with its outcome; it cannot be undone.")
    )
    handled_on = serializers.DateField(required=False, allow_null=True, default=None)
    outcome = serializers.ChoiceField(choices=Complaint.Outcome.choices, required=False, default="")
    explanation = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


# --- views ----------------------------------------------------------------------------------


class ComplaintListView(GenericAPIView):
    """GET: the complaints of the caller's SWV(s) in order of registration, page by page
    (keyset); POST: a new complaint."""

    def get_permissions(self):
        action = Action.MANAGE_COMPLAINTS if self.request.method == "POST" else Action.VIEW_COMPLAINTS
        return [HasAction(action)()]

    def audit_denied(self, request) -> None:
        if request.method == "POST":
            services._denied(AuditContext.from_request(request), AuditAction.CREATE)
        else:
            selectors.list_audit(context=AuditContext.from_request(request), rows=[], allowed=False)

    @extend_schema(
        operation_id="complaints_list",
        parameters=[ComplaintFilterSerializer],
        responses=ComplaintListItemSerializer(many=True),
    )
    def get(self, request):
        params = ComplaintFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        queryset = selectors.complaint_queryset(user=request.user, **params.validated_data)
        page = self.paginate_queryset(queryset)
        selectors.list_audit(context=AuditContext.from_request(request), rows=page, criteria=params.validated_data)
        return self.get_paginated_response(ComplaintListItemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="complaints_create",
        request=ComplaintCreateInputSerializer,
        responses={201: ComplaintDetailSerializer},
    )
    def post(self, request):
        params = ComplaintCreateInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        complaint = services.complaint_register(
            swv_id=data["swv"],
            received_on=data["received_on"],
            complainant=data["complainant"],
            procedure=data["procedure"],
            application_id=data["application"],
            school_id=data["school"],
            summary=data["summary"],
            handler_id=data["handler"],
            context=AuditContext.from_request(request),
        )
        return Response(ComplaintDetailSerializer(complaint).data, status=status.HTTP_201_CREATED)


class ComplaintDetailView(GenericAPIView):
    """One complaint. Every read is audited."""

    permission_classes = [IsAuthenticated]  # complaint_get asks the permissions module and audits

    @extend_schema(operation_id="complaints_retrieve", responses=ComplaintDetailSerializer)
    def get(self, request, pk: int):
        complaint = selectors.complaint_get(complaint_id=pk, context=AuditContext.from_request(request))
        return Response(ComplaintDetailSerializer(complaint).data)


class ComplaintHandleView(GenericAPIView):
    """Follow a complaint up: handler, date of acknowledgement, and (``close``) the outcome."""

    permission_classes = [IsAuthenticated]  # the service asks the permissions module and audits

    @extend_schema(
        operation_id="complaints_handle",
        request=ComplaintHandleInputSerializer,
        responses={200: ComplaintDetailSerializer},
    )
    def post(self, request, pk: int):
        params = ComplaintHandleInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        context = AuditContext.from_request(request)
        extra = {"handler_id": data.pop("handler")} if "handler" in data else {}
        services.complaint_handle(complaint_id=pk, context=context, **data, **extra)
        complaint = selectors.complaint_get(complaint_id=pk, context=context, audit_success=False)
        return Response(ComplaintDetailSerializer(complaint).data)
