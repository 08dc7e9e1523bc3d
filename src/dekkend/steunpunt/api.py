"""API of the steunpunt: the thuiszitter register, escalations and steunpunt questions.

Thin views: parse input, call one service or selector, answer. Who may do what is decided by
:mod:`dekkend.core.permissions` (a role that lacks the action: 403; a case out of scope: 404).
Every list of cases is audited with the ids it showed.
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
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core.permissions import Action, Basis

from . import rules, selectors, services
from .models import AbsenceKind, Asker, Channel, Question, Theme, ThuiszitterReason
from .selectors import MAX_ID

# --- Thuiszitters ---------------------------------------------------------------------------


class ThuiszitterOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    pupil = serializers.IntegerField(source="pupil_id")
    school = NamedRefSerializer(allow_null=True)
    kind = serializers.ChoiceField(choices=AbsenceKind.choices)
    category = serializers.SerializerMethodField(help_text=_("The category today by the shared definitions."))
    absent_since = serializers.DateField(allow_null=True)
    reported_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=ThuiszitterReason.choices)
    plan = serializers.CharField()
    responsible = serializers.SerializerMethodField()
    next_follow_up = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    duration_days = serializers.SerializerMethodField()

    def _today(self):
        return self.context["today"]

    def get_category(self, case) -> str:
        return rules.thuiszitter_category(
            kind=case.kind, absent_since=case.absent_since, on=self._today(), ended_on=case.ended_on
        )

    def get_responsible(self, case) -> str:
        return case.responsible_name or (str(case.responsible) if case.responsible_id else "")

    def get_duration_days(self, case) -> int:
        return rules.duration_days(reported_on=case.reported_on, ended_on=case.ended_on, on=self._today())


class ThuiszitterFilterSerializer(serializers.Serializer):
    open = serializers.BooleanField(required=False, default=False, help_text=_("Only cases not ended."))


def _today():
    return timezone.localdate()


class _AuditedList(GenericAPIView):
    object_type = ""

    def audit_denied(self, request) -> None:
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.DENIED,
            object_type=self.object_type,
            access_basis=Basis.NONE,
        )


class ThuiszitterListView(_AuditedList):
    """The thuiszitter cases in the caller's scope; one audit row names every case and pupil shown."""

    object_type = "thuiszitter"
    permission_classes = [HasAction(Action.VIEW_THUISZITTERS)]

    @extend_schema(
        operation_id="thuiszitters_list",
        parameters=[ThuiszitterFilterSerializer],
        responses=ThuiszitterOutputSerializer(many=True),
    )
    def get(self, request):
        params = ThuiszitterFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        queryset = selectors.thuiszitter_queryset(user=request.user, open_only=params.validated_data["open"])
        page = self.paginate_queryset(queryset.select_related("responsible"))
        selectors.case_list_audit(context=AuditContext.from_request(request), object_type="thuiszitter", rows=page)
        data = ThuiszitterOutputSerializer(page, many=True, context={"today": _today()}).data
        return self.get_paginated_response(data)


class ThuiszitterDetailView(GenericAPIView):
    """One thuiszitter case. Every read is audited."""

    permission_classes = [IsAuthenticated]  # thuiszitter_get asks the permissions module and audits

    @extend_schema(operation_id="thuiszitters_retrieve", responses=ThuiszitterOutputSerializer)
    def get(self, request, pk: int):
        case = selectors.thuiszitter_get(thuiszitter_id=pk, context=AuditContext.from_request(request))
        return Response(ThuiszitterOutputSerializer(case, context={"today": _today()}).data)


# --- Escalations ----------------------------------------------------------------------------


class LevelSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = serializers.CharField()


class EscalationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    school = NamedRefSerializer(allow_null=True)
    pupil = serializers.IntegerField(source="pupil_id", allow_null=True)
    subject = serializers.CharField()
    level = LevelSerializer()
    breakthrough_officer = serializers.CharField()
    opened_at = serializers.DateTimeField()
    solved_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.SerializerMethodField(help_text=_("A week after the impasse was reported."))
    hours = serializers.SerializerMethodField(help_text=_("Hours from the impasse to the solution (or now)."))
    clock = serializers.SerializerMethodField(help_text=_("Where the case stands on the impasse clock."))

    def get_deadline(self, escalation) -> str:
        return rules.impasse_deadline(escalation.opened_at).isoformat()

    def get_hours(self, escalation) -> float:
        return rules.hours_open(escalation.opened_at, escalation.solved_at, self.context["now"])

    def get_clock(self, escalation) -> str:
        return rules.clock_state(escalation.opened_at, escalation.solved_at, self.context["now"])


class EscalationFilterSerializer(serializers.Serializer):
    open = serializers.BooleanField(required=False, default=False, help_text=_("Only escalations not solved."))


class EscalationListView(_AuditedList):
    """Escalations in the caller's scope with their impasse clock; audited like a case list."""

    object_type = "escalation"
    permission_classes = [HasAction(Action.VIEW_ESCALATIONS)]

    @extend_schema(
        operation_id="escalations_list",
        parameters=[EscalationFilterSerializer],
        responses=EscalationOutputSerializer(many=True),
    )
    def get(self, request):
        params = EscalationFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = self.paginate_queryset(
            selectors.escalation_queryset(user=request.user, open_only=params.validated_data["open"])
        )
        selectors.case_list_audit(context=AuditContext.from_request(request), object_type="escalation", rows=page)
        data = EscalationOutputSerializer(page, many=True, context={"now": timezone.now()}).data
        return self.get_paginated_response(data)


# --- Steunpunt questions --------------------------------------------------------------------


class QuestionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    channel = serializers.ChoiceField(choices=Channel.choices)
    asker = serializers.ChoiceField(choices=Asker.choices)
    theme = serializers.ChoiceField(choices=Theme.choices)
    urgency = serializers.ChoiceField(choices=Question.Urgency.choices)
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    text = serializers.CharField()
    received_at = serializers.DateTimeField()
    school = NamedRefSerializer(allow_null=True)
    pupil = serializers.IntegerField(source="pupil_id", allow_null=True)
    steps_taken = serializers.CharField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    follow_up = serializers.CharField()
    wanted_result = serializers.BooleanField(allow_null=True)
    callback_at = serializers.DateTimeField(allow_null=True)
    lead_time_hours = serializers.SerializerMethodField()

    def get_lead_time_hours(self, question) -> float | None:
        hours = rules.lead_time_hours(question.received_at, question.answered_at)
        return None if hours is None else round(hours, 1)


class QuestionInputSerializer(serializers.Serializer):
    swv = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    channel = serializers.ChoiceField(choices=Channel.choices)
    asker = serializers.ChoiceField(choices=Asker.choices)
    theme = serializers.ChoiceField(choices=Theme.choices)
    urgency = serializers.ChoiceField(choices=Question.Urgency.choices, required=False, default="normal")
    text = serializers.CharField(max_length=5000)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=200, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    received_at = serializers.DateTimeField(required=False, help_text=_("When the question came in (default: now)."))


class QuestionListView(_AuditedList):
    """Steunpunt questions of the caller's SWVs (GET; audited with the ids shown) and a question
    taken in by phone or mail (POST)."""

    object_type = "question"

    def get_permissions(self):
        action = Action.HANDLE_QUESTIONS if self.request.method == "POST" else Action.VIEW_QUESTIONS
        return [HasAction(action)()]

    @extend_schema(operation_id="steunpunt_questions_list", responses=QuestionOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.question_queryset(user=request.user))
        selectors.case_list_audit(context=AuditContext.from_request(request), object_type="question", rows=page)
        return self.get_paginated_response(QuestionOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="steunpunt_questions_create",
        request=QuestionInputSerializer,
        responses={201: QuestionOutputSerializer},
    )
    def post(self, request):
        params = QuestionInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        question = services.question_take_in(
            swv_id=data.pop("swv"), context=AuditContext.from_request(request), **data
        )
        return Response(QuestionOutputSerializer(question).data, status=status.HTTP_201_CREATED)
