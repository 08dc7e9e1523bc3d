"""The Almeerse Matrix over the API: assess a support-need profile against the SWV's rule
table, and rank the SWV's groups and arrangements for it. Neither holds pupil data (the
profile is sent without a name), so neither is logged as a pupil read."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from dekkend.api.pagination import KeysetPagination
from dekkend.api.permissions import HasAction
from dekkend.audit.services import AuditContext
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import Area, Swv

from . import selectors
from .models import ProvisionType
from .presenters import CoverageReport
from .rules import AREA_LABELS, AREAS, LEVEL_LABELS, PROVISION_TYPE_LABELS, SECTORS, Option, Profile
from .services import coverage_scenario_create, coverage_scenario_delete

# --- Input -------------------------------------------------------------------------------------


class LevelsSerializer(serializers.Serializer):
    """Exactly the six areas of the matrix, each an intensity 1-6."""

    leren = serializers.IntegerField(min_value=1, max_value=6)
    werkhouding = serializers.IntegerField(min_value=1, max_value=6)
    communicatie = serializers.IntegerField(min_value=1, max_value=6)
    fysiek = serializers.IntegerField(min_value=1, max_value=6)
    context = serializers.IntegerField(min_value=1, max_value=6)
    gedrag = serializers.IntegerField(min_value=1, max_value=6)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(AREAS))
            if unknown:
                raise serializers.ValidationError(
                    {key: [_("Unknown area. Use: %(areas)s.") % {"areas": ", ".join(AREAS)}] for key in unknown}
                )
        return super().to_internal_value(data)


class ProfileInputSerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=SECTORS)
    levels = LevelsSerializer()
    group_size = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=40,
        help_text=_("The largest group the pupil can function in."),
    )
    emb = serializers.BooleanField(required=False, default=False)
    iq = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=200)
    learning_delay_years = serializers.DecimalField(
        required=False, allow_null=True, max_digits=3, decimal_places=1, min_value=0
    )
    swv = serializers.IntegerField(
        required=False, min_value=1, help_text=_("The SWV whose rules apply, when you work in more than one.")
    )

    def to_profile(self) -> Profile:
        data = self.validated_data
        delay = data.get("learning_delay_years")
        return Profile(
            sector=data["sector"],
            levels=dict(data["levels"]),
            group_size=data.get("group_size"),
            emb=data.get("emb", False),
            iq=data.get("iq"),
            learning_delay_years=float(delay) if delay is not None else None,
        )


class MatchInputSerializer(ProfileInputSerializer):
    home_area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    home_latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    home_longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)
    school_year = serializers.RegexField(r"^\d{4}-\d{4}$", required=False)


# --- Output ------------------------------------------------------------------------------------


class RuleOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    letter = serializers.CharField()
    source = serializers.CharField()
    explanation = serializers.CharField()
    unchecked = serializers.CharField(help_text=_("What the experts judge and the data cannot."))


class OptionOutputSerializer(serializers.Serializer):
    provision_type = serializers.ChoiceField(choices=ProvisionType.choices)
    provision_type_display = serializers.SerializerMethodField()
    funding_category = serializers.IntegerField(allow_null=True)
    rules = RuleOutputSerializer(many=True)

    def get_provision_type_display(self, option: Option) -> str:
        return str(PROVISION_TYPE_LABELS[option.provision_type])


def _scoped_swv(request, serializer, *, required: bool):
    """The SWV the request is about, within the caller's scope."""
    swvs = list(selectors.swvs_for(request.user))
    wanted = serializer.validated_data.get("swv")
    if wanted is not None:
        chosen = next((swv for swv in swvs if swv.pk == wanted), None)
        if chosen is None:
            raise serializers.ValidationError({"swv": [_("Unknown samenwerkingsverband.")]})
        return chosen
    if len(swvs) == 1:
        return swvs[0]
    if required and not swvs:
        raise PermissionDenied(_("You do not work in a samenwerkingsverband."))
    if required:
        raise serializers.ValidationError({"swv": [_("Choose the samenwerkingsverband.")]})
    return None


def _assessment_payload(profile: Profile, table, options: list[Option]) -> dict:
    payload = {
        "sector": profile.sector,
        "levels": {
            area: {"level": level, "label": str(LEVEL_LABELS[level]), "area": str(AREA_LABELS[area])}
            for area, level in profile.levels.items()
        },
        "rule_table": {"swv": table.swv, "version": table.version, "source": table.source},
        "options": OptionOutputSerializer(options, many=True).data,
        "explanation": "",
    }
    if options:
        first = options[0]
        payload["explanation"] = str(
            _("Lightest fitting option: %(option)s. Options run from lightest and nearest to regular to heaviest.")
            % {"option": PROVISION_TYPE_LABELS[first.provision_type]}
        )
    else:
        payload["explanation"] = str(
            _(
                "No provision in the rule table fits this profile. Discuss a tailor-made solution with the "
                "samenwerkingsverband."
            )
        )
    return payload


class AssessView(APIView):
    """Which provision types fit a support-need profile, lightest first, with the funding
    category each would need and the criteria (with their source lines) that made it fit."""

    permission_classes = [HasAction(Action.VIEW_ORGANISATIONS)]

    @extend_schema(operation_id="matrix_assess", request=ProfileInputSerializer, responses=dict)
    def post(self, request):
        serializer = ProfileInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = serializer.to_profile()
        table, options = selectors.assess_profile(profile, _scoped_swv(request, serializer, required=False))
        return Response(_assessment_payload(profile, table, options))


class MatchView(APIView):
    """The groups and arrangements of the caller's SWV ranked for a profile and a home area,
    each with the reasons for its place."""

    permission_classes = [HasAction(Action.VIEW_ORGANISATIONS)]

    @extend_schema(operation_id="matrix_match", request=MatchInputSerializer, responses=dict)
    def post(self, request):
        serializer = MatchInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        swv = _scoped_swv(request, serializer, required=True)
        profile = serializer.to_profile()
        data = serializer.validated_data
        options, matches = selectors.match_groups(
            swv=swv,
            profile=profile,
            home_area=data["home_area"],
            home_latitude=data.get("home_latitude"),
            home_longitude=data.get("home_longitude"),
            school_year=data.get("school_year"),
        )
        table = selectors.table_for(swv)
        payload = _assessment_payload(profile, table, options)
        payload["home_area"] = {"id": data["home_area"].pk, "name": data["home_area"].name}
        payload["results"] = [
            {
                "rank": match.rank,
                "group": {
                    "id": match.group.pk,
                    "name": match.group.name,
                    "arrangement_code": match.group.arrangement_code,
                    "provision_type": match.group.provision_type,
                    "school_year": match.group.school_year,
                    "offer": match.group.offer,
                },
                "provision": {"id": match.group.provision_id, "name": match.group.provision.name},
                "covers_need": match.covers,
                "shortfall": match.shortfall,
                "criteria_allow": match.type_fits,
                "is_regular": match.is_regular,
                "distance_km": round(match.distance_km, 1) if match.distance_km is not None else None,
                "free_places": match.group.free_places,
                "waiting_list": match.group.waiting_list,
                "reasons": match.reasons,
            }
            for match in matches
        ]
        return Response(payload)


# --- Coverage --------------------------------------------------------------------------------


class CoverageQuerySerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=SECTORS)
    swv = serializers.IntegerField(
        required=False, min_value=1, help_text=_("The SWV, when you see the coverage of more than one.")
    )
    school_year = serializers.RegexField(r"^\d{4}-\d{4}$", required=False)


class CoverageApiView(APIView):
    """Coverage and gaps per district and kind of provision: aggregates only (no pupil rows,
    so no pupil read is logged). Partners and boards see pupil counts under 5 as "<5"."""

    permission_classes = [HasAction(Action.VIEW_NETWORK_COVERAGE)]

    @extend_schema(
        operation_id="network_coverage",
        parameters=[CoverageQuerySerializer],
        responses=dict,
    )
    def get(self, request):
        query = CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        allowed = permissions.network_swv_ids(request.user, Action.VIEW_NETWORK_COVERAGE)
        swvs = list(Swv.objects.filter(pk__in=allowed).order_by("pk"))
        if "swv" in data:
            swv = next((swv for swv in swvs if swv.pk == data["swv"]), None)
            if swv is None:
                raise serializers.ValidationError({"swv": [_("Unknown samenwerkingsverband.")]})
        else:
            candidates = [swv for swv in swvs if swv.sector == data["sector"]] or swvs
            if len(candidates) != 1:
                raise serializers.ValidationError({"swv": [_("Choose the samenwerkingsverband.")]})
            swv = candidates[0]
        result = selectors.coverage(swv=swv, sector=data["sector"], school_year=data.get("school_year"))
        report = CoverageReport(result, suppressed=permissions.network_coverage_suppressed(request.user, swv.pk))
        return Response(
            {
                "swv": {"id": swv.pk, "code": swv.code, "name": swv.name},
                "sector": result.sector,
                "school_year": result.school_year,
                "small_numbers_suppressed": report.suppressed,
                "totals": report.totals(),
                "gaps": report.gap_sentences(),
                "rows": report.rows(),
            }
        )


# --- Groups with their places now and planned ---------------------------------------------------


def _levels_payload(places: dict[int, int]) -> dict:
    return {
        "without_category": places[0],
        "category_1": places[1],
        "category_2": places[2],
        "category_3": places[3],
        "total": sum(places.values()),
    }


class PlacesSerializer(serializers.Serializer):
    without_category = serializers.IntegerField()
    category_1 = serializers.IntegerField()
    category_2 = serializers.IntegerField()
    category_3 = serializers.IntegerField()
    total = serializers.IntegerField()


class PlannedPlacesSerializer(PlacesSerializer):
    recorded = serializers.BooleanField(help_text=_("False: no plan recorded, the next school year counts as now."))


class GroupOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    arrangement_code = serializers.CharField()
    provision = serializers.SerializerMethodField()
    provision_type = serializers.ChoiceField(choices=ProvisionType.choices)
    school_year = serializers.CharField()
    offer = serializers.DictField(child=serializers.IntegerField(), help_text=_("Intensity offered per area (1-6)."))
    places_now = serializers.SerializerMethodField()
    places_planned_next_year = serializers.SerializerMethodField()
    current_pupils = serializers.IntegerField()
    free_places_now = serializers.IntegerField(source="free_places")
    free_places_planned_next_year = serializers.IntegerField(
        source="free_places_planned", help_text=_("Planned places minus the pupils there now.")
    )
    waiting_list = serializers.IntegerField()

    def get_provision(self, group) -> dict:
        return {"id": group.provision_id, "name": group.provision.name}

    @extend_schema_field(PlacesSerializer)
    def get_places_now(self, group) -> dict:
        return _levels_payload(group.places_now)

    @extend_schema_field(PlannedPlacesSerializer)
    def get_places_planned_next_year(self, group) -> dict:
        return {**_levels_payload(group.places_planned), "recorded": group.has_plan}


class GroupFilterSerializer(serializers.Serializer):
    swv = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    school_year = serializers.RegexField(r"^\d{4}-\d{4}$", required=False)


class GroupListView(GenericAPIView):
    """The groups and arrangements of the caller's SWV(s): matrix profile, places per funding
    level now and planned for the next school year, free places now and planned. Organisational
    data (no pupil is read)."""

    permission_classes = [HasAction(Action.VIEW_ORGANISATIONS)]
    pagination_class = KeysetPagination

    @extend_schema(
        operation_id="network_groups_list",
        parameters=[GroupFilterSerializer],
        responses=GroupOutputSerializer(many=True),
    )
    def get(self, request):
        params = GroupFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        groups = selectors.groups_for(
            swvs=selectors.swvs_for(request.user), swv_id=filters.get("swv"), school_year=filters.get("school_year")
        )
        page = self.paginate_queryset(groups)
        return self.get_paginated_response(GroupOutputSerializer(page, many=True).data)


# --- Saved what-if scenarios ---------------------------------------------------------------------


class ScenarioChangeSerializer(serializers.Serializer):
    group = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    level = serializers.IntegerField(
        min_value=0, max_value=3, default=0, help_text=_("Funding level: 0 without TLV category, 1-3.")
    )
    places = serializers.IntegerField(min_value=-500, max_value=500, help_text=_("Negative: remove places."))

    def validate_places(self, value):
        if value == 0:
            raise serializers.ValidationError(_("Give the number of places to add or remove."))
        return value


class ScenarioInputSerializer(serializers.Serializer):
    swv = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text=_("The SWV, when you plan for more than one.")
    )
    name = serializers.CharField(max_length=120)
    sector = serializers.ChoiceField(choices=SECTORS, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    changes = ScenarioChangeSerializer(many=True, allow_empty=False, max_length=50)


class ScenarioOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.SerializerMethodField()
    name = serializers.CharField()
    sector = serializers.CharField()
    school_year = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    changes = serializers.SerializerMethodField()

    def get_swv(self, scenario) -> dict:
        return {"id": scenario.swv_id, "name": scenario.swv.name}

    @extend_schema_field(ScenarioChangeSerializer(many=True))
    def get_changes(self, scenario) -> list[dict]:
        return [
            {"group": change.group_id, "level": change.level, "places": change.places}
            for change in scenario.changes.all()
        ]


class ScenarioFilterSerializer(serializers.Serializer):
    swv = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


def _plannable_swvs(request) -> list[Swv]:
    return list(Swv.objects.filter(pk__in=permissions.swv_ids_for(request.user, Action.PLAN_NETWORK)).order_by("pk"))


class ScenarioListView(APIView):
    """Saved what-ifs of the SWVs the caller plans for (never another SWV's); POST saves one."""

    permission_classes = [HasAction(Action.PLAN_NETWORK)]

    @extend_schema(
        operation_id="network_scenarios_list",
        parameters=[ScenarioFilterSerializer],
        responses=ScenarioOutputSerializer(many=True),
    )
    def get(self, request):
        params = ScenarioFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        swvs = _plannable_swvs(request)
        if "swv" in params.validated_data:
            swvs = [swv for swv in swvs if swv.pk == params.validated_data["swv"]]
        scenarios = [scenario for swv in swvs for scenario in selectors.coverage_scenarios(swv)]
        return Response(ScenarioOutputSerializer(scenarios, many=True).data)

    @extend_schema(
        operation_id="network_scenarios_create",
        request=ScenarioInputSerializer,
        responses={201: ScenarioOutputSerializer},
    )
    def post(self, request):
        serializer = ScenarioInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        swvs = _plannable_swvs(request)
        if "swv" in data:
            swv = next((swv for swv in swvs if swv.pk == data["swv"]), None)
            if swv is None:
                raise serializers.ValidationError({"swv": [_("Unknown samenwerkingsverband.")]})
        elif len(swvs) == 1:
            swv = swvs[0]
        else:
            raise serializers.ValidationError({"swv": [_("Choose the samenwerkingsverband.")]})
        years = selectors.school_years(swv)
        try:
            scenario = coverage_scenario_create(
                swv=swv,
                name=data["name"],
                sector=data.get("sector") or swv.sector,
                school_year=years[0] if years else "",
                changes=[(c["group"], c["level"], c["places"]) for c in data["changes"]],
                note=data.get("note", ""),
                context=AuditContext.from_request(request, purpose="coverage scenario"),
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        scenario = selectors.coverage_scenario_get(swv=swv, scenario_id=scenario.pk)
        return Response(ScenarioOutputSerializer(scenario).data, status=201)


class ScenarioDetailView(APIView):
    """A saved what-if with the coverage now and with its changes; DELETE removes it."""

    permission_classes = [HasAction(Action.PLAN_NETWORK)]

    def _get(self, request, pk: int):
        for swv in _plannable_swvs(request):
            scenario = selectors.coverage_scenario_get(swv=swv, scenario_id=pk)
            if scenario is not None:
                return scenario
        raise Http404

    @extend_schema(operation_id="network_scenarios_retrieve", responses=dict)
    def get(self, request, pk: int):
        scenario = self._get(request, pk)
        now, changed = selectors.coverage_of_scenario(scenario)
        suppressed = permissions.network_coverage_suppressed(request.user, scenario.swv_id)
        now_report = CoverageReport(now, suppressed=suppressed)
        changed_report = CoverageReport(changed, suppressed=suppressed)
        payload = dict(ScenarioOutputSerializer(scenario).data)
        payload.update(
            {
                "comparison": now_report.compare(changed_report),
                "totals_now": now_report.totals(),
                "totals_with_scenario": changed_report.totals(),
                "gaps_now": now_report.gap_sentences(),
                "gaps_with_scenario": changed_report.gap_sentences(),
            }
        )
        return Response(payload)

    @extend_schema(operation_id="network_scenarios_destroy", responses={204: None})
    def delete(self, request, pk: int):
        scenario = self._get(request, pk)
        coverage_scenario_delete(
            scenario=scenario, context=AuditContext.from_request(request, purpose="coverage scenario")
        )
        return Response(status=204)
