"""The zelfscan over the API: a round's questions, its results per school, board, district or
city, and a school system submitting its answers. No pupil data. Who may do what is decided by
:mod:`dekkend.core.permissions`: a role without the zelfscan gets 403, a round outside the
caller's scope 404; bad input a Dutch 400 naming the field, and nothing is stored."""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dekkend.api.permissions import HasAction
from dekkend.audit.services import AuditContext
from dekkend.core.permissions import Action
from dekkend.organisations.models import School

from . import selectors, services
from .models import Aspect, Submission
from .selectors import LEVELS, MAX_ID

# --- Output -------------------------------------------------------------------------------------


class AspectRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=Aspect.Kind.choices)
    title = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    aspect = AspectRefSerializer()
    text = serializers.CharField()
    level = serializers.IntegerField(allow_null=True, help_text=_("Level of the ondersteuningskaart (themes)."))
    source = serializers.CharField(help_text=_("Seed file and lines the question quotes."))


class QuestionListSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    norm_version = serializers.CharField()
    scale = serializers.DictField(child=serializers.CharField(), help_text=_("The answers 1-4; 3 is voldoende."))
    questions = QuestionSerializer(many=True)


def _share_field(help_text=""):
    return serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False, allow_null=True, help_text=help_text
    )


class AspectFigureSerializer(serializers.Serializer):
    code = serializers.CharField(source="aspect.code")
    kind = serializers.CharField(source="aspect.kind")
    title = serializers.CharField(source="aspect.title")
    answers = serializers.IntegerField()
    sufficient = serializers.IntegerField()
    share = _share_field()


class FiguresSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text=_("Id of the school, board, area or SWV."))
    name = serializers.CharField()
    schools = serializers.IntegerField()
    schools_meeting = serializers.IntegerField()
    share_schools_meeting = _share_field(_("Share of schools meeting the threshold (%)."))
    questions = serializers.IntegerField(help_text=_("Questions asked: schools times the questions of the round."))
    sufficient = serializers.IntegerField()
    share_sufficient = _share_field(_("Share of questions answered voldoende or better (%)."))
    aspects = AspectFigureSerializer(many=True, source="aspect_list")


class GroupSerializer(FiguresSerializer):
    previous = FiguresSerializer(allow_null=True, help_text=_("The same group in the previous round."))


class ReportedSerializer(serializers.Serializer):
    school_year = serializers.CharField()
    schools_meeting = _share_field()
    questions_sufficient = _share_field()
    source = serializers.CharField()


class ResultsSerializer(serializers.Serializer):
    round = serializers.IntegerField(source="zelfscan_round.pk")
    level = serializers.ChoiceField(choices=LEVELS)
    threshold = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    question_count = serializers.IntegerField()
    previous_round = serializers.IntegerField(source="previous_round.pk", allow_null=True, default=None)
    published_previous = ReportedSerializer(source="reported", allow_null=True)
    total = GroupSerializer()
    groups = GroupSerializer(many=True)


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField(source="round_id")
    school = serializers.IntegerField(source="school_id")
    status = serializers.ChoiceField(choices=Submission.Status.choices)
    answered = serializers.IntegerField()
    questions = serializers.IntegerField()


class ThemeProfileSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    questions = serializers.IntegerField(help_text=_("Questions of the theme (levels 1-2 of its card)."))
    below_basisnorm = serializers.IntegerField()
    basisnorm = serializers.IntegerField()
    streefnorm = serializers.IntegerField()
    specialised = serializers.IntegerField()
    ambitions = serializers.IntegerField(help_text=_("Schools naming the theme as an ambition."))


class DistrictProfileSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text=_("Id of the area; null: no district known."))
    name = serializers.CharField()
    schools = serializers.IntegerField()
    schools_meeting = serializers.IntegerField()
    share_schools_meeting = _share_field(_("Share of schools meeting the threshold (%)."))
    share_at_least_basisnorm = _share_field(_("Share of school-theme pairs at basisnorm or higher (%)."))
    themes = ThemeProfileSerializer(many=True)


class DistrictProfilesSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    threshold = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    total = DistrictProfileSerializer()
    districts = DistrictProfileSerializer(many=True)


# Plain dictionaries in the shape of the serializers above (which document the schema): DRF's
# serializers cost a few microseconds per field, and a results answer has thousands of them.


def _number(value):
    return None if value is None else float(value)


def _figures(group) -> dict:
    return {
        "key": group.key,
        "name": group.name,
        "schools": group.schools,
        "schools_meeting": group.schools_meeting,
        "share_schools_meeting": _number(group.share_schools_meeting),
        "questions": group.questions,
        "sufficient": group.sufficient,
        "share_sufficient": _number(group.share_sufficient),
        "aspects": [
            {
                "code": figure.aspect.code,
                "kind": figure.aspect.kind,
                "title": figure.aspect.title,
                "answers": figure.answers,
                "sufficient": figure.sufficient,
                "share": _number(figure.share),
            }
            for figure in group.aspect_list
        ],
    }


def _group(group) -> dict:
    return {**_figures(group), "previous": _figures(group.previous) if group.previous else None}


def results_payload(results) -> dict:
    reported = results.reported
    return {
        "round": results.zelfscan_round.pk,
        "level": results.level,
        "threshold": float(results.threshold),
        "question_count": results.question_count,
        "previous_round": results.previous_round.pk if results.previous_round else None,
        "published_previous": {
            "school_year": reported["school_year"],
            "schools_meeting": _number(reported["schools_meeting"]),
            "questions_sufficient": _number(reported["questions_sufficient"]),
            "source": reported["source"],
        }
        if reported
        else None,
        "total": _group(results.total),
        "groups": [_group(group) for group in results.groups],
    }


def _district(district) -> dict:
    return {
        "key": district.key,
        "name": district.name,
        "schools": district.schools,
        "schools_meeting": district.schools_meeting,
        "share_schools_meeting": _number(district.share_schools_meeting),
        "share_at_least_basisnorm": _number(district.share_at_least_basisnorm),
        "themes": [
            {
                "code": theme.aspect.code,
                "title": theme.aspect.title,
                "questions": theme.questions,
                "below_basisnorm": theme.below_basisnorm,
                "basisnorm": theme.basisnorm,
                "streefnorm": theme.streefnorm,
                "specialised": theme.specialised,
                "ambitions": theme.ambitions,
            }
            for theme in district.theme_list
        ],
    }


# --- Input --------------------------------------------------------------------------------------


class ResultsQuerySerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=LEVELS, required=False, default="city")


class ResponseInputSerializer(serializers.Serializer):
    round = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    school = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    answers = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=4, allow_null=True),
        help_text=_("Question id → answer 1-4 (3 is voldoende); null clears an answer."),
    )
    comments = serializers.DictField(child=serializers.CharField(max_length=2000, allow_blank=True), required=False)
    ambitions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, max_length=50
    )
    offered_levels = serializers.DictField(
        child=serializers.IntegerField(min_value=3, max_value=4, allow_null=True),
        required=False,
        help_text=_(
            "Theme id → the level beyond the basis the school offers: 3 (streefnorm), 4 (specialised); "
            "null: the basis only."
        ),
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("Submit to the board; needs every question answered.")
    )

    def validate_offered_levels(self, value):
        if len(value) > 50 or not all(re.fullmatch(r"[0-9]{1,18}", str(key)) for key in value):
            raise serializers.ValidationError(_("Give at most 50 themes, each by its id."))
        return {int(key): level for key, level in value.items()}

    def validate_answers(self, value):
        if len(value) > 500:
            raise serializers.ValidationError(_("At most 500 answers at a time."))
        return value


# --- Views --------------------------------------------------------------------------------------


class RoundQuestionsView(APIView):
    """The questions of a round, in the norm's order, with the source each one quotes."""

    permission_classes = [HasAction(Action.VIEW_ZELFSCAN)]

    @extend_schema(operation_id="zelfscan_round_questions", responses=QuestionListSerializer)
    def get(self, request, pk: int):
        from .models import Score

        zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
        questions = [
            {
                "id": q.pk,
                "code": q.code,
                "aspect": {"code": q.aspect.code, "kind": q.aspect.kind, "title": q.aspect.title},
                "text": q.text,
                "level": q.level,
                "source": q.source,
            }
            for q in selectors.round_questions(zelfscan_round)
        ]
        return Response(
            {
                "round": zelfscan_round.pk,
                "norm_version": str(zelfscan_round.norm_version),
                "scale": {str(value): str(label) for value, label in Score.choices},
                "questions": questions,
            }
        )


class RoundResultsView(APIView):
    """The round's figures at one level, over the scans the caller may see (for the SWV only
    the released ones), each group compared with the previous round."""

    permission_classes = [HasAction(Action.VIEW_ZELFSCAN)]

    @extend_schema(
        operation_id="zelfscan_round_results",
        parameters=[OpenApiParameter("level", enum=list(LEVELS), required=False, default="city")],
        responses=ResultsSerializer,
    )
    def get(self, request, pk: int):
        query = ResultsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
        results = selectors.round_results(
            user=request.user, zelfscan_round=zelfscan_round, level=query.validated_data["level"]
        )
        return Response(results_payload(results))


class RoundDistrictProfilesView(APIView):
    """Per district (wijk) what the PO schools offer per theme, from released scans only: the
    input for their wijkondersteuningsprofiel. PO rounds only (404 otherwise)."""

    permission_classes = [HasAction(Action.VIEW_ZELFSCAN)]

    @extend_schema(operation_id="zelfscan_round_district_profiles", responses=DistrictProfilesSerializer)
    def get(self, request, pk: int):
        zelfscan_round = selectors.round_get(user=request.user, round_id=pk)
        profiles = selectors.district_profiles(user=request.user, zelfscan_round=zelfscan_round)
        return Response(
            {
                "round": zelfscan_round.pk,
                "threshold": float(profiles.threshold),
                "total": _district(profiles.total),
                "districts": [_district(district) for district in profiles.districts],
            }
        )


class ResponseCreateView(APIView):
    """A school (or its school system, with a token) saves answers; with ``submit`` the scan
    goes to the board. Only the school itself: another school gets 403."""

    permission_classes = [HasAction(Action.ANSWER_ZELFSCAN)]

    @extend_schema(
        operation_id="zelfscan_responses_create", request=ResponseInputSerializer, responses=SubmissionSerializer
    )
    def post(self, request):
        params = ResponseInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        rounds = selectors.rounds_for(request.user).filter(pk=data["round"])
        zelfscan_round = rounds.first()
        if zelfscan_round is None:
            raise ValidationError({"round": [_("There is no zelfscan round with this id for you.")]})
        school = School.objects.filter(pk=data["school"]).first()
        if school is None:
            raise ValidationError({"school": [_("There is no school with this id.")]})
        try:
            submission = services.submission_save(
                zelfscan_round=zelfscan_round,
                school=school,
                answers=data["answers"],
                comments={int(k): v for k, v in data.get("comments", {}).items() if re.fullmatch(r"[0-9]{1,18}", k)},
                ambitions=data.get("ambitions"),
                offered_levels=data.get("offered_levels"),
                comment=data.get("comment"),
                submit=data["submit"],
                context=AuditContext.from_request(request),
            )
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied) or None) from denied
        submission.answered = submission.answers.count()
        submission.questions = len(selectors.round_questions(zelfscan_round))
        return Response(SubmissionSerializer(submission).data)
