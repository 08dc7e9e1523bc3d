"""API of monitoring: the indicator catalogue and the computed values per level and period.

Thin views: parse the query, call one selector, answer. Partners get the same suppression as
on the pages and in the exports: a cell about fewer than 5 pupils has no numbers, only
``"display": "<5"``.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from dekkend.api.permissions import HasAction
from dekkend.core.permissions import Action

from . import selectors
from .formatting import cell_count_display, cell_display
from .models import Direction, Level, Unit
from .periods import Period

MAX_ID = 2**63 - 1


class SwvInputSerializer(serializers.Serializer):
    swv = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Samenwerkingsverband (default: your first).")
    )


class ValuesInputSerializer(SwvInputSerializer):
    level = serializers.ChoiceField(choices=Level.choices, required=False, default=Level.CITY)
    period = serializers.CharField(
        required=False, max_length=10, help_text=_("A year (2025) or a management period (2025-M4, 2025-M8).")
    )
    board = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    school = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    district = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class IndicatorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    theme = serializers.CharField()
    definition = serializers.CharField()
    formula = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    direction = serializers.ChoiceField(choices=Direction.choices)
    baseline = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    history = serializers.DictField(child=serializers.FloatField(), help_text=_("Published figures per year."))
    targets = serializers.DictField(child=serializers.FloatField(), help_text=_("Targets per year."))
    benchmark = serializers.DictField(child=serializers.FloatField(), help_text=_("National share per year."))
    source = serializers.CharField()
    sector = serializers.CharField()
    levels = serializers.ListField(child=serializers.ChoiceField(choices=Level.choices))
    audience = serializers.ListField(child=serializers.CharField())
    computed = serializers.BooleanField(source="is_computed")
    status = serializers.CharField()

    def get_baseline(self, indicator) -> dict:
        value = indicator.baseline_value
        return {"value": float(value) if value is not None else None, "label": indicator.baseline_label}

    def get_target(self, indicator) -> dict:
        value = indicator.target_value
        return {"value": float(value) if value is not None else None, "label": indicator.target_label}


class CellOutputSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Id of the district, board or school; 'other', 'unknown' or 'city'."))
    label = serializers.CharField()
    suppressed = serializers.BooleanField(help_text=_("Fewer than 5 pupils (or hidden so that it cannot be derived)."))
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True, help_text=_("The pupils or applications counted."))
    denominator = serializers.IntegerField(allow_null=True)
    p25 = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    p75 = serializers.FloatField(allow_null=True)
    display = serializers.SerializerMethodField(help_text=_("The value as shown, '<5' when suppressed."))
    count_display = serializers.SerializerMethodField(help_text=_("The count as shown, '<5' when suppressed."))

    def get_display(self, cell) -> str:
        return cell_display(cell, self.context["unit"])

    def get_count_display(self, cell) -> str:
        return cell_count_display(cell)


class NationalOutputSerializer(serializers.Serializer):
    value = serializers.FloatField(help_text=_("National share in percent."))
    source = serializers.CharField()
    recorded = serializers.BooleanField(help_text=_("Recorded by the samenwerkingsverband (else the catalogue's)."))


class ValuesOutputSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    swv = serializers.IntegerField(source="swv.pk")
    period = serializers.CharField(source="period.code")
    level = serializers.ChoiceField(choices=Level.choices)
    teldatum = serializers.DateField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    suppressed_view = serializers.BooleanField(help_text=_("Small numbers are suppressed for your role."))
    total = serializers.SerializerMethodField()
    cells = serializers.SerializerMethodField()
    national = serializers.SerializerMethodField(
        help_text=_("The national figure of the period's year (not suppressed: not pupil data); null when none.")
    )

    @extend_schema_field(NationalOutputSerializer(allow_null=True))
    def get_national(self, values) -> dict | None:
        figure = self.context["national"]
        return (
            None if figure is None else {"value": figure.value, "source": figure.source, "recorded": figure.recorded}
        )

    @extend_schema_field(CellOutputSerializer)
    def get_total(self, values) -> dict:
        return cell_data(values.total, values.indicator.unit)

    @extend_schema_field(CellOutputSerializer(many=True))
    def get_cells(self, values) -> list:
        return [cell_data(cell, values.indicator.unit) for cell in values.cells]


def cell_data(cell, unit: str) -> dict:
    """A cell as :class:`CellOutputSerializer` describes it (built directly: a level can have a
    hundred schools, and a serializer per cell costs more than the query)."""
    return {
        "key": cell.key,
        "label": cell.label,
        "suppressed": cell.suppressed,
        "value": cell.value,
        "numerator": cell.numerator,
        "denominator": cell.denominator,
        "p25": cell.p25,
        "median": cell.median,
        "p75": cell.p75,
        "display": cell_display(cell, unit),
        "count_display": cell_count_display(cell),
    }


def swv_for(user, swv_id: int | None):
    """The requested SWV among the user's, or the first of them; 404 outside them."""
    swvs = selectors.indicator_swvs(user=user)
    swv = swvs.filter(pk=swv_id).first() if swv_id else swvs.first()
    if swv is None:
        raise Http404
    return swv


class IndicatorListView(GenericAPIView):
    """The indicator catalogue: every indicator of the plans you may see, with its definition,
    formula, source line, baseline and targets (computed or not yet)."""

    permission_classes = [HasAction(Action.VIEW_INDICATORS)]
    pagination_class = None

    @extend_schema(
        operation_id="indicators_list", parameters=[SwvInputSerializer], responses=IndicatorOutputSerializer(many=True)
    )
    def get(self, request):
        params = SwvInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        swv_id = params.validated_data.get("swv")
        swv = swv_for(request.user, swv_id) if swv_id else None
        entries = selectors.indicator_list(user=request.user, swv=swv)
        return Response(IndicatorOutputSerializer(entries, many=True).data)


class IndicatorValuesView(GenericAPIView):
    """The values of one indicator for an SWV and period, at the level city, district, board or
    school, optionally narrowed to a board, school or district."""

    permission_classes = [HasAction(Action.VIEW_INDICATORS)]
    pagination_class = None

    @extend_schema(
        operation_id="indicators_values", parameters=[ValuesInputSerializer], responses=ValuesOutputSerializer
    )
    def get(self, request, code: str):
        params = ValuesInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        indicator = selectors.indicator_get(user=request.user, code=code)
        if not indicator.is_computed:
            raise Http404
        swv = swv_for(request.user, data.get("swv"))
        period = Period.parse(data["period"]) if data.get("period") else selectors.default_period()
        values = selectors.indicator_values(
            user=request.user,
            indicator=indicator,
            swv=swv,
            period=period,
            level=data["level"],
            filters=selectors.Filters(
                board_id=data.get("board"), school_id=data.get("school"), district_id=data.get("district")
            ),
        )
        national = selectors.national_value(indicator=indicator, swv=swv, year=period.year)
        return Response(ValuesOutputSerializer(values, context={"national": national}).data)
