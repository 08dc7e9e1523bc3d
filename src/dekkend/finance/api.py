"""Finance over the API: the reserves table per SWV, the controller's what-if on the signalling
value for excessive reserves, vangnet declarations with the SWV's verification, and the
arrangement funds per school. No pupil data; who may do what is decided by
:mod:`dekkend.core.permissions`."""

from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from dekkend.api.permissions import HasAction
from dekkend.audit.services import AuditContext
from dekkend.core.permissions import Action

from . import rules, selectors, services

AMOUNT = {"max_digits": 14, "decimal_places": 2}
LIMIT = Decimal("999999999999.99")


class CalculateInputSerializer(serializers.Serializer):
    baten = serializers.DecimalField(
        **AMOUNT, max_value=LIMIT, help_text=_("Total income of the year in euros (more than zero).")
    )
    eigen_vermogen = serializers.DecimalField(
        **AMOUNT, min_value=-LIMIT, max_value=LIMIT, help_text=_("Equity (reserves) in euros; may be negative.")
    )

    def validate_baten(self, value: Decimal) -> Decimal:
        if value <= 0:
            raise serializers.ValidationError(_("Total income must be more than zero."))
        return value


class CalculateOutputSerializer(serializers.Serializer):
    baten = serializers.DecimalField(**AMOUNT)
    eigen_vermogen = serializers.DecimalField(**AMOUNT, source="equity")
    signaleringswaarde = serializers.DecimalField(
        **AMOUNT, source="signalling_value", help_text=_("3.5 percent of the total income (Bijlage VII).")
    )
    bovenmatig = serializers.BooleanField(
        source="excessive", help_text=_("True when the equity is above the signalling value.")
    )
    bovenmatig_deel = serializers.DecimalField(
        **AMOUNT, source="excess", help_text=_("Equity minus the signalling value; negative when below it.")
    )
    ratio = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text=_("Equity divided by the signalling value.")
    )


class ReserveRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    scenario = serializers.CharField()
    beginstand = serializers.DecimalField(**AMOUNT, allow_null=True, source="rounded.opening")
    resultaat = serializers.DecimalField(**AMOUNT, allow_null=True, source="rounded.result")
    eindstand = serializers.DecimalField(**AMOUNT, source="rounded.closing")
    baten = serializers.DecimalField(**AMOUNT, source="rounded.baten")
    signaleringswaarde = serializers.DecimalField(**AMOUNT, source="rounded.signalling_value")
    bovenmatig_deel = serializers.DecimalField(**AMOUNT, source="rounded.excess")
    bovenmatig = serializers.BooleanField(source="excessive")
    ratio = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, source="rounded.ratio")
    source = serializers.CharField()


class SwvReservesSerializer(serializers.Serializer):
    swv = serializers.IntegerField(source="swv.pk")
    swv_name = serializers.CharField(source="swv.name")
    years = ReserveRowSerializer(many=True)


class ReservesCalculateView(APIView):
    """What-if for the controller: the signalling value for excessive reserves (3.5% of the
    total income), the excess and the ratio for a given income and equity. Nothing is stored."""

    permission_classes = [HasAction(Action.VIEW_FINANCE)]

    @extend_schema(
        operation_id="finance_reserves_calculate",
        request=CalculateInputSerializer,
        responses={200: CalculateOutputSerializer},
    )
    def post(self, request):
        params = CalculateInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        result = selectors.reserves_calculate(
            baten=params.validated_data["baten"], equity=params.validated_data["eigen_vermogen"]
        )
        data = {
            "baten": result.baten,
            "equity": result.equity,
            "signalling_value": result.signalling_value.quantize(rules.CENT),
            "excessive": result.excessive,
            "excess": result.excess.quantize(rules.CENT),
            "ratio": None if result.ratio is None else rules.round_ratio(result.ratio),
        }
        return Response(CalculateOutputSerializer(data).data)


class ReservesView(APIView):
    """The reserves table of each SWV the caller may read, as Bijlage VII prints it: whole
    euros, the ratio to two decimals."""

    permission_classes = [HasAction(Action.VIEW_FINANCE)]

    @extend_schema(
        operation_id="finance_reserves_list",
        parameters=[OpenApiParameter("swv", int, required=False, description=_("Only this SWV."))],
        responses={200: SwvReservesSerializer(many=True)},
    )
    def get(self, request):
        swvs = selectors.finance_swvs(request.user)
        wanted = request.query_params.get("swv")
        if wanted is not None:
            if not wanted.isdigit():
                raise serializers.ValidationError({"swv": [_("Give the number of an SWV.")]})
            swvs = [swv for swv in swvs if swv.pk == int(wanted)]
        data = [{"swv": swv, "years": selectors.reserves_table(swv=swv)} for swv in swvs]
        return Response(SwvReservesSerializer(data, many=True).data)


# --- Vangnet --------------------------------------------------------------------------------------


class VangnetCategorySerializer(serializers.Serializer):
    categorie = serializers.CharField(source="category")
    instroom = serializers.IntegerField(source="inflow")
    uitstroom = serializers.IntegerField(source="outflow")
    netto_instroom = serializers.IntegerField(source="net")
    bedrag_per_leerling = serializers.DecimalField(**AMOUNT, source="rate", allow_null=True)
    bedrag = serializers.DecimalField(**AMOUNT, source="amount", allow_null=True)


class VangnetDeclarationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="declaration.pk")
    swv = serializers.IntegerField(source="declaration.swv_id")
    school = serializers.IntegerField(source="declaration.school_id")
    school_naam = serializers.CharField(source="declaration.school.name")
    jaar = serializers.IntegerField(source="declaration.year")
    status = serializers.CharField(source="declaration.status")
    groei_sep_feb = serializers.IntegerField(source="calculation.growth_sep_feb")
    groei_feb_jun = serializers.IntegerField(source="calculation.growth_feb_jun")
    meer_dan_gemiddelde_groei = serializers.BooleanField(source="calculation.more_than_average_growth")
    categorieen = VangnetCategorySerializer(source="calculation.rows", many=True)
    totaal = serializers.DecimalField(**AMOUNT, source="calculation.total")
    ingediend_op = serializers.DateField(source="declaration.submitted_on", allow_null=True)
    redenen = serializers.CharField(source="declaration.decision_reasons")


def _declaration_data(declaration, rate_tables: dict | None = None) -> dict:
    return {"declaration": declaration, "calculation": selectors.vangnet_calculation(declaration, rate_tables)}


class VangnetListView(GenericAPIView):
    """The vangnet declarations in the caller's scope (a school its own, a board its schools',
    SWV staff their SWV's), with every derived figure."""

    permission_classes = [HasAction(Action.VIEW_VANGNET)]
    serializer_class = VangnetDeclarationSerializer

    @extend_schema(operation_id="finance_vangnet_list", responses=VangnetDeclarationSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(
            selectors.vangnet_declarations(request.user).prefetch_related("movements").order_by("id")
        )
        rate_tables = selectors.vangnet_rate_tables(page)
        data = [_declaration_data(declaration, rate_tables) for declaration in page]
        return self.get_paginated_response(VangnetDeclarationSerializer(data, many=True).data)


class VangnetVerifyInputSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(
        choices=[("goedkeuren", _("approve")), ("afwijzen", _("reject"))],
        help_text=_("Approve, or reject with reasons."),
    )
    redenen = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    def validate(self, attrs):
        if attrs["uitkomst"] == "afwijzen" and not attrs.get("redenen", "").strip():
            raise serializers.ValidationError({"redenen": [_("Give the reasons for rejecting the declaration.")]})
        return attrs


class VangnetVerifyView(GenericAPIView):
    """The SWV's verification of a submitted declaration (Bijlage IX step 3): approve or reject
    with reasons. An approved declaration cannot be changed."""

    permission_classes = [HasAction(Action.VERIFY_VANGNET)]
    serializer_class = VangnetVerifyInputSerializer

    @extend_schema(
        operation_id="finance_vangnet_verify",
        request=VangnetVerifyInputSerializer,
        responses={200: VangnetDeclarationSerializer},
    )
    def post(self, request, pk: int):
        if not selectors.vangnet_declarations(request.user).filter(pk=pk).exists():
            raise Http404
        params = VangnetVerifyInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        declaration = services.vangnet_declaration_verify(
            declaration_id=pk,
            approve=params.validated_data["uitkomst"] == "goedkeuren",
            reasons=params.validated_data.get("redenen", ""),
            context=AuditContext.from_request(request),
        )
        return Response(VangnetDeclarationSerializer(_declaration_data(declaration)).data)


# --- Arrangement funds ------------------------------------------------------------------------------


class SchoolFundsSerializer(serializers.Serializer):
    school = serializers.IntegerField(source="school_id")
    school_naam = serializers.CharField(source="school_name")
    bestuur = serializers.CharField(source="board_name")
    leerlingen_teldatum = serializers.IntegerField(source="pupils", allow_null=True)
    bedrag_per_leerling = serializers.DecimalField(**AMOUNT, source="rate_per_pupil", allow_null=True)
    algemeen = serializers.DecimalField(**AMOUNT, source="general")
    specifiek = serializers.DecimalField(**AMOUNT, source="specific")
    lwa = serializers.DecimalField(**AMOUNT)
    totaal = serializers.DecimalField(**AMOUNT, source="total")


class OrientationSerializer(serializers.Serializer):
    orientatie = serializers.CharField()
    bedrag = serializers.DecimalField(**AMOUNT)


class FundsOverviewSerializer(serializers.Serializer):
    jaar = serializers.IntegerField(allow_null=True)
    aandeel_gebieds_school_groepsgericht = serializers.DecimalField(
        max_digits=6,
        decimal_places=4,
        allow_null=True,
        help_text=_("Share of area-, school- and group-oriented funds."),
    )
    per_orientatie = OrientationSerializer(many=True)
    scholen = SchoolFundsSerializer(many=True)


class ArrangementFundsView(APIView):
    """The arrangement funds per school of one calendar year (Bijlage X) in the caller's scope,
    with the share of area-, school- and group-oriented funding."""

    permission_classes = [HasAction(Action.VIEW_ARRANGEMENT_FUNDS)]

    @extend_schema(
        operation_id="finance_arrangement_funds",
        parameters=[
            OpenApiParameter("jaar", int, required=False, description=_("Calendar year; default the latest."))
        ],
        responses={200: FundsOverviewSerializer},
    )
    def get(self, request):
        years = selectors.fund_years(request.user)
        wanted = request.query_params.get("jaar")
        if wanted is not None and not (wanted.isdigit() and len(wanted) == 4):
            raise serializers.ValidationError({"jaar": [_("Give a year, for example 2024.")]})
        year = int(wanted) if wanted is not None else (years[0] if years else None)
        empty = {"jaar": year, "aandeel_gebieds_school_groepsgericht": None, "per_orientatie": [], "scholen": []}
        if year is None:
            return Response(FundsOverviewSerializer(empty).data)
        overview = selectors.funds_overview(request.user, year=year)
        share = overview.oriented_share
        data = {
            "jaar": year,
            "aandeel_gebieds_school_groepsgericht": None if share is None else share.quantize(Decimal("0.0001")),
            "per_orientatie": [
                {"orientatie": value, "bedrag": amount.quantize(rules.CENT)}
                for value, _label, amount, _share in overview.orientation_rows
            ],
            "scholen": [
                {
                    "school_id": row.school_id,
                    "school_name": row.school_name,
                    "board_name": row.board_name,
                    "pupils": row.pupils,
                    "rate_per_pupil": row.rate_per_pupil,
                    "general": row.general.quantize(rules.CENT),
                    "specific": row.specific.quantize(rules.CENT),
                    "lwa": row.lwa.quantize(rules.CENT),
                    "total": row.total.quantize(rules.CENT),
                }
                for row in overview.schools
            ],
        }
        return Response(FundsOverviewSerializer(data).data)
