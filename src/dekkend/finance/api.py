"""Finance over the API: the reserves table per SWV and the controller's what-if on the
signalling value for excessive reserves. No pupil data; who may read finances is decided by
:mod:`dekkend.core.permissions` (``Action.VIEW_FINANCE``, scoped to the caller's SWVs)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dekkend.api.permissions import HasAction
from dekkend.core.permissions import Action

from . import rules, selectors

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
