"""API of imports: upload a file (checked row by row, nothing stored), read a run's report and
progress, confirm it, and the reconciliation of granted TLVs with DUO's funded pupils.

Thin views: parse input, call one service or selector, answer. Who may do what is decided by
:mod:`dekkend.core.permissions` (a role without imports: 403; a run out of scope: 404). A file
with errors is not a failed request: the run is created (201) with status ``invalid`` and its
report; a request without a usable file, kind or SWV is a 400 in Dutch.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from dekkend.api.pagination import KeysetPagination
from dekkend.api.permissions import HasAction
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core.permissions import Action, Basis

from . import selectors, services
from .models import ImportKind, ImportStatus
from .parsers import MAX_IMPORT_BYTES
from .selectors import MAX_ID

# --- output ---------------------------------------------------------------------------------


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text=_("The row as a spreadsheet numbers it (1: the header).")
    )
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class PreviewSerializer(serializers.Serializer):
    header = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False)
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_blank=True)), required=False
    )


class ImportRunListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    status = serializers.ChoiceField(choices=ImportStatus.choices)
    status_display = serializers.CharField(source="get_status_display")
    file_sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(source="created_by.username")
    rows_total = serializers.IntegerField()
    rows_valid = serializers.IntegerField()
    rows_stored = serializers.IntegerField()
    error_count = serializers.IntegerField()
    progress = serializers.IntegerField(help_text=_("Percent done while the run is stored in the background."))


class ImportRunSerializer(ImportRunListItemSerializer):
    file_name = serializers.CharField()
    file_size = serializers.IntegerField()
    file_format = serializers.CharField()
    file_encoding = serializers.CharField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    rows_invalid = serializers.IntegerField()
    rows_skipped = serializers.IntegerField(help_text=_("Rows that are not stored (see the warnings)."))
    message = serializers.CharField()
    errors = ProblemSerializer(many=True, help_text=_("Row by row (at most 1,000; error_count has the total)."))
    warnings = ProblemSerializer(many=True)
    preview = PreviewSerializer(help_text=_("The header and the first rows of the file."))
    can_confirm = serializers.BooleanField()


class ReconciliationLineSerializer(serializers.Serializer):
    issue = serializers.ChoiceField(choices=list(selectors.ISSUES))
    decision_number = serializers.CharField()
    application = serializers.IntegerField(source="application_id", allow_null=True)
    pupil = serializers.IntegerField(source="pupil_id", allow_null=True)
    pupil_number = serializers.CharField(allow_blank=True)
    duo_pupil = serializers.CharField(allow_blank=True)
    birth_date = serializers.DateField(allow_null=True)
    duo_type = serializers.CharField(allow_blank=True)
    duo_category = serializers.IntegerField(allow_null=True)
    our_type = serializers.CharField(allow_blank=True)
    our_category = serializers.IntegerField(allow_null=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)


class ReconciliationSerializer(serializers.Serializer):
    swv = serializers.IntegerField(source="swv.pk")
    on = serializers.DateField()
    import_run = serializers.IntegerField(source="run.pk", allow_null=True, default=None)
    matched = serializers.IntegerField()
    lines = ReconciliationLineSerializer(many=True, source="all_lines")


# --- input ----------------------------------------------------------------------------------


class UploadInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    swv = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Needed when you import for more than one SWV.")
    )
    file = serializers.FileField(
        help_text=_("CSV (UTF-8, UTF-8 with BOM or Windows-1252) or XLSX; at most %(max)d MB.")
        % {"max": MAX_IMPORT_BYTES // 2**20}
    )


class ReconciliationInputSerializer(serializers.Serializer):
    swv = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    on = serializers.DateField(required=False, help_text=_("TLVs in force on this date (default: today)."))


# --- views ----------------------------------------------------------------------------------


class NewestFirst(KeysetPagination):
    ordering = "-id"


class ImportListView(GenericAPIView):
    """The import runs in the caller's scope, newest first (GET), and a new upload (POST,
    multipart): checked row by row, nothing stored until confirmed."""

    parser_classes = [MultiPartParser, FormParser]
    pagination_class = NewestFirst

    def get_permissions(self):
        return [HasAction(Action.VIEW_IMPORTS)()]

    def audit_denied(self, request) -> None:
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.CREATE if request.method == "POST" else AuditAction.SEARCH,
            outcome=AuditOutcome.DENIED,
            object_type="import_run",
            access_basis=Basis.NONE,
        )

    @extend_schema(operation_id="imports_list", responses=ImportRunListItemSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.import_run_queryset(user=request.user))
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.SUCCESS,
            object_type="import_run",
            access_basis=Basis.SCOPE,
            detail={"import_run_ids": [run.pk for run in page]},
        )
        return self.get_paginated_response(ImportRunListItemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="imports_create",
        request={"multipart/form-data": UploadInputSerializer},
        responses={201: ImportRunSerializer},
    )
    def post(self, request):
        params = UploadInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        run = services.import_upload(
            kind=data["kind"], swv_id=data.get("swv"), upload=data["file"], context=AuditContext.from_request(request)
        )
        return Response(ImportRunSerializer(run).data, status=status.HTTP_201_CREATED)


class ImportDetailView(GenericAPIView):
    """One run: status, progress, counts, the row-by-row report and the preview. Audited."""

    permission_classes = [IsAuthenticated]  # import_run_get asks the permissions module and audits

    @extend_schema(operation_id="imports_retrieve", responses=ImportRunSerializer)
    def get(self, request, pk: int):
        run = selectors.import_run_get(run_id=pk, context=AuditContext.from_request(request))
        return Response(ImportRunSerializer(run).data)


class ImportConfirmView(GenericAPIView):
    """Confirm a checked run: stored at once (200), or queued for the background worker (202)
    when it has more rows than the threshold; poll the run for its progress."""

    permission_classes = [IsAuthenticated]  # the service asks the permissions module and audits

    @extend_schema(
        operation_id="imports_confirm", request=None, responses={200: ImportRunSerializer, 202: ImportRunSerializer}
    )
    def post(self, request, pk: int):
        run = services.import_confirm(run_id=pk, context=AuditContext.from_request(request))
        code = status.HTTP_202_ACCEPTED if run.is_open else status.HTTP_200_OK
        return Response(ImportRunSerializer(run).data, status=code)


class ReconciliationView(GenericAPIView):
    """DUO's funded pupils against the granted TLVs, both ways, by decision number. One audit row
    names every pupil shown."""

    permission_classes = [HasAction(Action.IMPORT_FUNDING)]
    pagination_class = None

    def audit_denied(self, request) -> None:
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            object_type="tlv_reconciliation",
            access_basis=Basis.NONE,
        )

    @extend_schema(
        operation_id="imports_reconciliation",
        parameters=[ReconciliationInputSerializer],
        responses=ReconciliationSerializer,
    )
    def get(self, request):
        params = ReconciliationInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        swv_id = params.validated_data.get("swv")
        if swv_id is None:
            swv = selectors.import_swvs(user=request.user, kind=ImportKind.FUNDING).first()
            swv_id = swv.pk if swv is not None else 0
        result = selectors.reconciliation_get(
            swv_id=swv_id,
            on=params.validated_data.get("on") or timezone.localdate(),
            context=AuditContext.from_request(request),
        )
        return Response(ReconciliationSerializer(result).data)
