"""Organisational data, limited to the caller's samenwerkingsverband(en) by the selectors:
SWVs, schools with their locations, areas and the provisions of the dekkend netwerk."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from dekkend.core.permissions import Action
from dekkend.organisations import selectors
from dekkend.organisations.models import Area, Provision, SchoolType

from .permissions import HasAction
from .serializers import NamedRefSerializer


class OrganisationView(GenericAPIView):
    permission_classes = [HasAction(Action.VIEW_ORGANISATIONS)]

    def list_response(self, queryset, serializer_class, **context):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True, context=context).data)


# --- Samenwerkingsverbanden -----------------------------------------------------------------


class SwvOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    sector = serializers.CharField()
    sector_display = serializers.CharField(source="get_sector_display")
    municipality = serializers.CharField()


class SwvListView(OrganisationView):
    """The samenwerkingsverbanden the caller works in."""

    @extend_schema(operation_id="swvs_list", responses=SwvOutputSerializer(many=True))
    def get(self, request):
        return self.list_response(selectors.swvs_for(request.user), SwvOutputSerializer)


# --- Schools ---------------------------------------------------------------------------------


class SchoolFilterSerializer(serializers.Serializer):
    swv = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    board = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    area = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text=_("Area or its parent (e.g. a stadsdeel).")
    )
    search = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text=_("Name or BRIN."))


class SchoolLocationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    brin_vestiging = serializers.CharField()
    name = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    area = NamedRefSerializer(allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)


class SchoolOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    brin = serializers.CharField()
    name = serializers.CharField()
    school_type = serializers.CharField()
    school_type_display = serializers.CharField(source="get_school_type_display")
    sector = serializers.CharField()
    swv = NamedRefSerializer()
    board = NamedRefSerializer()
    locations = SchoolLocationOutputSerializer(many=True, source="locations.all")


_COORDINATE = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)


def _coordinate(value) -> str | None:
    return None if value is None else _COORDINATE.to_representation(value)


def _school_type_labels() -> dict[str, str]:
    return {value: str(label) for value, label in SchoolType.choices}  # in the request's language


def _school_row(school, type_labels: dict[str, str]) -> dict:
    """A school as SchoolOutputSerializer describes it, built directly: DRF's field-by-field walk
    over a page of schools and their locations cost several times the queries (bench/)."""
    return {
        "id": school.pk,
        "brin": school.brin,
        "name": school.name,
        "school_type": school.school_type,
        "school_type_display": type_labels[school.school_type],
        "sector": school.sector,
        "swv": {"id": school.swv_id, "name": school.swv.name},
        "board": {"id": school.board_id, "name": school.board.name},
        "locations": [
            {
                "id": location.pk,
                "code": location.code,
                "brin_vestiging": location.brin_vestiging,
                "name": location.name,
                "street": location.street,
                "postcode": location.postcode,
                "city": location.city,
                "area": {"id": location.area_id, "name": location.area.name} if location.area_id else None,
                "latitude": _coordinate(location.latitude),
                "longitude": _coordinate(location.longitude),
            }
            for location in school.locations.all()
        ],
    }


class SchoolListView(OrganisationView):
    """Schools of the caller's samenwerkingsverband(en), with their locations."""

    @extend_schema(
        operation_id="schools_list", parameters=[SchoolFilterSerializer], responses=SchoolOutputSerializer(many=True)
    )
    def get(self, request):
        params = SchoolFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        queryset = selectors.school_list(
            user=request.user,
            swv_id=filters.get("swv"),
            board_id=filters.get("board"),
            area_id=filters.get("area"),
            search=filters.get("search", "").strip(),
        )
        page = self.paginate_queryset(queryset)
        type_labels = _school_type_labels()
        return self.get_paginated_response([_school_row(school, type_labels) for school in page])


class SchoolDetailView(OrganisationView):
    @extend_schema(operation_id="schools_retrieve", responses=SchoolOutputSerializer)
    def get(self, request, pk: int):
        school = selectors.school_list(user=request.user).filter(pk=pk).first()
        if school is None:
            raise Http404
        return Response(_school_row(school, _school_type_labels()))


# --- Areas -----------------------------------------------------------------------------------


class AreaOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Area.Kind.choices)
    kind_display = serializers.CharField(source="get_kind_display")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    path = serializers.SerializerMethodField(help_text=_("Municipality / stadsdeel / wijk."))

    def get_path(self, area: Area) -> str:
        by_id = self.context["areas_by_id"]
        names = [area.name]
        parent_id = area.parent_id
        while parent_id is not None and parent_id in by_id:
            names.insert(0, by_id[parent_id].name)
            parent_id = by_id[parent_id].parent_id
        return " / ".join(names)


class AreaListView(OrganisationView):
    """Areas (municipality, stadsdeel, wijk, buurt) with their place in the hierarchy."""

    @extend_schema(operation_id="areas_list", responses=AreaOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.area_list(user=request.user))
        return self.get_paginated_response(
            AreaOutputSerializer(page, many=True, context={"areas_by_id": self._with_ancestors(request, page)}).data
        )

    @staticmethod
    def _with_ancestors(request, areas: list[Area]) -> dict[int, Area]:
        """The page's areas and all their ancestors, one query per level (not one per area)."""
        by_id = {area.pk: area for area in areas}
        missing = {area.parent_id for area in areas if area.parent_id} - by_id.keys()
        while missing:
            found = list(selectors.area_list(user=request.user).filter(pk__in=missing))
            by_id.update((area.pk, area) for area in found)
            missing = {area.parent_id for area in found if area.parent_id} - by_id.keys()
        return by_id


# --- Provisions ------------------------------------------------------------------------------


class ProvisionFilterSerializer(serializers.Serializer):
    swv = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    kind = serializers.ChoiceField(required=False, choices=Provision.Kind.choices)
    area = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text=_("Area or its parent (e.g. a stadsdeel).")
    )
    search = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text=_("Name or target group.")
    )


class ProvisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text=_("Number on the network map."))
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Provision.Kind.choices)
    kind_display = serializers.CharField(source="get_kind_display")
    swv = NamedRefSerializer()
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    address = serializers.CharField()
    area = NamedRefSerializer(allow_null=True)
    target_group = serializers.CharField()
    places = serializers.IntegerField(allow_null=True, help_text=_("Capacity: number of places, when known."))
    host = NamedRefSerializer(allow_null=True, help_text=_("The provision that hosts this one."))
    host_name = serializers.CharField(
        help_text=_("The host as named in the source, also when it is a regular school.")
    )
    source = serializers.CharField(help_text=_("Seed file and line this entry comes from."))


class ProvisionListView(OrganisationView):
    """Provisions of the dekkend netwerk in the caller's samenwerkingsverband(en)."""

    @extend_schema(
        operation_id="provisions_list",
        parameters=[ProvisionFilterSerializer],
        responses=ProvisionOutputSerializer(many=True),
    )
    def get(self, request):
        params = ProvisionFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        queryset = selectors.provision_list(
            user=request.user,
            swv_id=filters.get("swv"),
            kind=filters.get("kind", ""),
            area_id=filters.get("area"),
            search=filters.get("search", "").strip(),
        )
        return self.list_response(queryset, ProvisionOutputSerializer)


class ProvisionDetailView(OrganisationView):
    @extend_schema(operation_id="provisions_retrieve", responses=ProvisionOutputSerializer)
    def get(self, request, pk: int):
        provision = selectors.provision_list(user=request.user).filter(pk=pk).first()
        if provision is None:
            raise Http404
        return Response(ProvisionOutputSerializer(provision).data)
