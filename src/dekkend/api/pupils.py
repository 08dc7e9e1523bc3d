"""Pupil records. Every read goes through :mod:`dekkend.pupils.selectors`, which decides by
:mod:`dekkend.core.permissions` and writes the audit log — allowed and denied alike."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from dekkend.audit.services import AuditContext
from dekkend.core.permissions import Action
from dekkend.pupils import selectors, services
from dekkend.pupils.models import Placement

from .permissions import HasAction
from .serializers import NamedRefSerializer


class PupilFilterSerializer(serializers.Serializer):
    search = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text=_("Name or pupil number.")
    )
    school = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class PupilListItemSerializer(serializers.Serializer):
    """The schema of a list row; the list builds its rows with :func:`_list_row`."""

    id = serializers.IntegerField()
    pupil_number = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField()
    sector = serializers.CharField()
    swv = serializers.IntegerField(source="swv_id")
    school = NamedRefSerializer()
    location = NamedRefSerializer()


class PlacementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    school = NamedRefSerializer(allow_null=True)
    provision = NamedRefSerializer(allow_null=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    reason = serializers.ChoiceField(choices=Placement.Reason.choices)
    reason_display = serializers.CharField(source="get_reason_display")


class PupilDetailSerializer(PupilListItemSerializer):
    home_area = NamedRefSerializer(allow_null=True)
    placements = serializers.SerializerMethodField()

    @extend_schema_field(PlacementOutputSerializer(many=True))
    def get_placements(self, pupil) -> list[dict]:
        placements = pupil.placements.select_related("school", "provision").order_by("start_date", "id")
        return PlacementOutputSerializer(placements, many=True).data


# The columns of a list row, read as values: a page of 50 pupils would otherwise build 150
# model instances and walk DRF's fields for each, costing more than the query (bench/).
LIST_COLUMNS = (
    *("id", "pupil_number", "first_name", "last_name", "birth_date", "sector", "swv_id"),
    *("school_id", "school__name", "location_id", "location__name"),
)


def _list_row(row: dict) -> dict:
    return {
        "id": row["id"],
        "pupil_number": row["pupil_number"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "birth_date": row["birth_date"].isoformat(),
        "sector": row["sector"],
        "swv": row["swv_id"],
        "school": {"id": row["school_id"], "name": row["school__name"]},
        "location": {"id": row["location_id"], "name": row["location__name"]},
    }


class PupilListView(GenericAPIView):
    """Pupils the caller may see, by the scope of their role. One audit event per request names
    every pupil on the page."""

    permission_classes = [HasAction(Action.SEARCH_PUPILS)]

    def audit_denied(self, request) -> None:
        selectors.pupil_search_audit(
            context=AuditContext.from_request(request),
            criteria=request.query_params.dict(),
            pupils=[],
            allowed=False,
        )

    @extend_schema(
        operation_id="pupils_list", parameters=[PupilFilterSerializer], responses=PupilListItemSerializer(many=True)
    )
    def get(self, request):
        params = PupilFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        criteria = params.validated_data
        queryset = selectors.pupil_queryset(
            user=request.user, search=criteria.get("search", "").strip(), school_id=criteria.get("school")
        )
        page = self.paginate_queryset(queryset.values(*LIST_COLUMNS))
        selectors.pupil_search_audit(
            context=AuditContext.from_request(request), criteria=criteria, pupil_ids=[row["id"] for row in page]
        )
        return self.get_paginated_response([_list_row(row) for row in page])


class PupilDetailView(GenericAPIView):
    """One pupil's record with the placement history. 404 when outside the caller's scope."""

    permission_classes = [IsAuthenticated]  # pupil_get asks the permissions module and audits

    @extend_schema(operation_id="pupils_retrieve", responses=PupilDetailSerializer)
    def get(self, request, pk: int):
        pupil = selectors.pupil_get(pupil_id=pk, context=AuditContext.from_request(request))
        return Response(PupilDetailSerializer(pupil).data)


class EmergencyAccessInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text=_("Why you need this record now; shown to the privacy officer.")
    )


class EmergencyAccessOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    pupil = serializers.IntegerField(source="pupil_id")
    reason = serializers.CharField()
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


class EmergencyAccessView(GenericAPIView):
    """ "Break the glass": open a pupil's record outside your normal scope for a working day,
    with a reason. Flagged in the audit log."""

    permission_classes = [IsAuthenticated]  # emergency_access_grant asks the permissions module and audits

    @extend_schema(
        operation_id="pupils_emergency_access_create",
        request=EmergencyAccessInputSerializer,
        responses={201: EmergencyAccessOutputSerializer},
    )
    def post(self, request, pk: int):
        params = EmergencyAccessInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        grant = services.emergency_access_grant(
            pupil_id=pk, reason=params.validated_data["reason"], context=AuditContext.from_request(request)
        )
        return Response(EmergencyAccessOutputSerializer(grant).data, status=status.HTTP_201_CREATED)
