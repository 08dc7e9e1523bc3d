"""API after the decision: admissions (aanmelding) with the zorgplicht clock, objections
(bezwaar) against TLV decisions and plaatsingstafel cases.

Thin views: parse input, call one service or selector, answer. Who may do what is decided by
:mod:`dekkend.core.permissions` (a role that lacks the action: 403; a case out of scope: 404).
Bad input and steps out of order: 400 with the field named, in Dutch.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
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
from .models import Admission, Objection, TableCase
from .selectors import MAX_ID

# --- output ---------------------------------------------------------------------------------


class DeadlineSerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    label = serializers.CharField()
    days_left = serializers.SerializerMethodField()
    in_words = serializers.SerializerMethodField()

    def get_days_left(self, deadline) -> int:
        return deadline.days_left(timezone.localdate())

    def get_in_words(self, deadline) -> str:
        return deadline.words(timezone.localdate())


class EventSerializer(serializers.Serializer):
    what = serializers.CharField()
    on = serializers.DateField()
    old_status = serializers.CharField()
    new_status = serializers.CharField()
    detail = serializers.JSONField()


class AdmissionListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    pupil = serializers.IntegerField(source="pupil_id")
    school = NamedRefSerializer()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    registered_on = serializers.DateField()
    decision_due = serializers.DateField(source="effective_decision_due")
    next_deadline = serializers.SerializerMethodField()

    @extend_schema_field(DeadlineSerializer(allow_null=True))
    def get_next_deadline(self, admission):
        deadline = rules.admission_next_deadline(admission)
        return DeadlineSerializer(deadline).data if deadline else None


class HandoverSerializer(serializers.Serializer):
    conversation_on = serializers.DateField(allow_null=True)
    parents_present = serializers.BooleanField()
    swv_present = serializers.BooleanField()
    goals = serializers.CharField()
    parents_consent_documents = serializers.BooleanField()
    documents_shared_on = serializers.DateField(allow_null=True)
    documents = serializers.CharField()


class AdmissionDetailSerializer(AdmissionListItemSerializer):
    from_school = NamedRefSerializer(allow_null=True)
    application = serializers.IntegerField(source="application_id", allow_null=True)
    decision_due_original = serializers.DateField(source="decision_due")
    extended_to = serializers.DateField(allow_null=True)
    extension_reason = serializers.CharField()
    parents_notified_on = serializers.DateField(allow_null=True)
    final_due = serializers.SerializerMethodField(help_text=_("The end of the 10 weeks."))
    temporary_placement_right = serializers.SerializerMethodField(
        help_text=_("Without a decision after 10 weeks the pupil may be placed temporarily.")
    )
    temporary_from = serializers.DateField(allow_null=True)
    decided_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    motivation = serializers.CharField()
    offer_school = NamedRefSerializer(allow_null=True)
    offer_note = serializers.CharField()
    planned_start = serializers.DateField(allow_null=True)
    placement_date = serializers.DateField(allow_null=True)
    location = serializers.IntegerField(source="location_id", allow_null=True)
    handover = serializers.SerializerMethodField()
    handover_missing = serializers.SerializerMethodField()
    events = EventSerializer(many=True, source="events.all")

    def get_final_due(self, admission) -> str:
        return rules.zorgplicht_final_due(admission.registered_on).isoformat()

    def get_temporary_placement_right(self, admission) -> bool:
        return admission.status == Admission.Status.REGISTERED and rules.temporary_placement_right(
            admission.registered_on, timezone.localdate()
        )

    @extend_schema_field(HandoverSerializer(allow_null=True))
    def get_handover(self, admission):
        handover = getattr(admission, "handover", None)
        return HandoverSerializer(handover).data if handover else None

    def get_handover_missing(self, admission) -> list[str]:
        if admission.status not in (Admission.Status.ADMITTED, Admission.Status.PLACED):
            return []
        return rules.handover_missing(getattr(admission, "handover", None))


class ObjectionListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    application = serializers.IntegerField(source="application_id")
    pupil = serializers.IntegerField(source="application.pupil_id")
    objector = serializers.CharField()
    status = serializers.CharField()
    received_on = serializers.DateField()
    term_ends_on = serializers.DateField()
    is_late = serializers.BooleanField()
    decision_due = serializers.DateField(source="effective_decision_due")
    outcome = serializers.CharField()


class ObjectionDetailSerializer(ObjectionListItemSerializer):
    grounds = serializers.CharField()
    decision_sent_on = serializers.DateField()
    posted_on = serializers.DateField(allow_null=True)
    advisory_committee = serializers.BooleanField()
    decision_due_original = serializers.DateField(source="decision_due")
    extended_to = serializers.DateField(allow_null=True)
    extension_reason = serializers.CharField()
    hearing_on = serializers.DateField(allow_null=True)
    hearing_waived = serializers.BooleanField()
    hearing_notes = serializers.CharField()
    advice_on = serializers.DateField(allow_null=True)
    advice_outcome = serializers.CharField()
    advice = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    late_excused = serializers.BooleanField()
    motivation = serializers.CharField()
    events = EventSerializer(many=True, source="events.all")


class TableCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    pupil = serializers.IntegerField(source="pupil_id")
    admission = serializers.IntegerField(source="admission_id", allow_null=True)
    reason = serializers.CharField()
    boards_disagreed = serializers.BooleanField()
    tabled_on = serializers.DateField()
    meeting_on = serializers.DateField(allow_null=True)
    parties = serializers.CharField()
    status = serializers.CharField()
    outcome = serializers.CharField()
    outcome_school = NamedRefSerializer(allow_null=True)
    by_doorzettingsmacht = serializers.BooleanField()
    follow_up = serializers.CharField()
    follow_up_on = serializers.DateField(allow_null=True)


class TableCaseDetailSerializer(TableCaseSerializer):
    events = EventSerializer(many=True, source="events.all")


# --- input ----------------------------------------------------------------------------------

ID = {"min_value": 1, "max_value": MAX_ID}


def _inline_choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field described by a pattern in the schema: several fields of the API are named
    ``outcome`` with different choices, which would collide as enum components."""
    values = [value for value, _label in choices]
    schema = {"type": "string", "pattern": f"^({'|'.join(values)})$", "description": ", ".join(values)}
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)


class DatedInputSerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text=_("When the step happened (default: today)."))


class AdmissionCreateInputSerializer(DatedInputSerializer):
    school = serializers.IntegerField(**ID)
    pupil = serializers.IntegerField(
        required=False, **ID, help_text=_("A pupil you may see; or give number and date of birth.")
    )
    pupil_number = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")
    birth_date = serializers.DateField(required=False)
    application = serializers.IntegerField(required=False, **ID, help_text=_("A granted TLV (default: the latest)."))


class AdmissionExtendInputSerializer(DatedInputSerializer):
    weeks = serializers.IntegerField(
        required=False, default=rules.MAX_EXTENSION_WEEKS, min_value=-1000, max_value=1000
    )
    reason = serializers.CharField(max_length=5000)
    parents_notified_on = serializers.DateField(required=False, allow_null=True, default=None)


class AdmissionDecideInputSerializer(DatedInputSerializer):
    outcome = _inline_choice(Admission.Outcome.choices)
    motivation = serializers.CharField(required=False, allow_blank=True, max_length=20000, default="")
    offer_school = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    offer_note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    planned_start = serializers.DateField(required=False, allow_null=True, default=None)


class AdmissionPlaceInputSerializer(serializers.Serializer):
    placement_date = serializers.DateField(required=False, help_text=_("The first school day (default: today)."))
    location = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    temporary = serializers.BooleanField(
        required=False, default=False, help_text=_("A temporary placement after 10 weeks without a decision.")
    )


class HandoverInputSerializer(serializers.Serializer):
    conversation_on = serializers.DateField(required=False, allow_null=True, default=None)
    parents_present = serializers.BooleanField(required=False, default=False)
    swv_present = serializers.BooleanField(required=False, default=False)
    goals = serializers.CharField(required=False, allow_blank=True, max_length=10000, default="")
    parents_consent_documents = serializers.BooleanField(required=False, default=False)
    documents_shared_on = serializers.DateField(required=False, allow_null=True, default=None)
    documents = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class ObjectionCreateInputSerializer(serializers.Serializer):
    application = serializers.IntegerField(**ID)
    objector = serializers.ChoiceField(choices=Objection.Objector.choices)
    grounds = serializers.CharField(max_length=20000)
    received_on = serializers.DateField(required=False, help_text=_("Date of receipt (default: today)."))
    decision_sent_on = serializers.DateField(required=False, help_text=_("Default: the date of the decision."))
    posted_on = serializers.DateField(required=False, allow_null=True, default=None)
    advisory_committee = serializers.BooleanField(required=False, default=False)


class ObjectionExtendInputSerializer(DatedInputSerializer):
    weeks = serializers.IntegerField(min_value=-1000, max_value=1000)
    reason = serializers.CharField(max_length=5000)


class ObjectionHearingInputSerializer(serializers.Serializer):
    hearing_on = serializers.DateField(required=False, allow_null=True, default=None)
    waived = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20000, default="")


class ObjectionAdviceInputSerializer(DatedInputSerializer):
    advice_outcome = _inline_choice(Objection.Outcome.choices)
    advice = serializers.CharField(max_length=20000)


class ObjectionDecideInputSerializer(DatedInputSerializer):
    outcome = _inline_choice(Objection.Outcome.choices)
    motivation = serializers.CharField(max_length=20000)
    late_excused = serializers.BooleanField(required=False, default=False)


class TableCaseCreateInputSerializer(DatedInputSerializer):
    reason = serializers.ChoiceField(choices=TableCase.Reason.choices)
    parties = serializers.CharField(max_length=5000)
    admission = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    pupil = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    boards_disagreed = serializers.BooleanField(required=False, default=False)


class TableCaseOutcomeInputSerializer(DatedInputSerializer):
    outcome = serializers.CharField(max_length=10000)
    outcome_school = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    by_doorzettingsmacht = serializers.BooleanField(required=False, default=False)
    follow_up = serializers.CharField(required=False, allow_blank=True, max_length=10000, default="")
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)


# --- views ----------------------------------------------------------------------------------


class _ListView(GenericAPIView):
    """GET: the cases in the caller's scope (one audit row names every case and pupil shown);
    POST: a new case."""

    kind: str
    view_action: Action
    create_action: Action

    def get_permissions(self):
        return [HasAction(self.create_action if self.request.method == "POST" else self.view_action)()]

    def audit_denied(self, request) -> None:
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.CREATE if request.method == "POST" else AuditAction.SEARCH,
            outcome=AuditOutcome.DENIED,
            object_type=self.kind,
            access_basis=Basis.NONE,
        )

    def list_response(self, request, queryset, serializer):
        page = self.paginate_queryset(queryset)
        selectors.list_audit(context=AuditContext.from_request(request), kind=self.kind, rows=page)
        return self.get_paginated_response(serializer(page, many=True).data)


class AdmissionListView(_ListView):
    kind = "admission"
    view_action = Action.VIEW_ADMISSIONS
    create_action = Action.MANAGE_ADMISSION

    @extend_schema(operation_id="admissions_list", responses=AdmissionListItemSerializer(many=True))
    def get(self, request):
        return self.list_response(
            request, selectors.admission_queryset(user=request.user), AdmissionListItemSerializer
        )

    @extend_schema(
        operation_id="admissions_create",
        request=AdmissionCreateInputSerializer,
        responses={201: AdmissionDetailSerializer},
    )
    def post(self, request):
        params = AdmissionCreateInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        admission = services.admission_register(
            school_id=data["school"],
            pupil_id=data.get("pupil"),
            pupil_number=data["pupil_number"],
            birth_date=data.get("birth_date"),
            application_id=data.get("application"),
            date=data.get("date"),
            context=AuditContext.from_request(request),
        )
        return Response(AdmissionDetailSerializer(admission).data, status=status.HTTP_201_CREATED)


class AdmissionDetailView(GenericAPIView):
    """One admission with its dates, outcome, handover and timeline. Every read is audited."""

    permission_classes = [IsAuthenticated]  # the selector asks the permissions module and audits

    @extend_schema(operation_id="admissions_retrieve", responses=AdmissionDetailSerializer)
    def get(self, request, pk: int):
        admission = selectors.admission_get(admission_id=pk, context=AuditContext.from_request(request))
        return Response(AdmissionDetailSerializer(admission).data)


class ObjectionListView(_ListView):
    kind = "objection"
    view_action = Action.VIEW_OBJECTIONS
    create_action = Action.HANDLE_OBJECTION

    @extend_schema(operation_id="objections_list", responses=ObjectionListItemSerializer(many=True))
    def get(self, request):
        return self.list_response(
            request, selectors.objection_queryset(user=request.user), ObjectionListItemSerializer
        )

    @extend_schema(
        operation_id="objections_create",
        request=ObjectionCreateInputSerializer,
        responses={201: ObjectionDetailSerializer},
    )
    def post(self, request):
        params = ObjectionCreateInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        objection = services.objection_register(
            application_id=data["application"],
            objector=data["objector"],
            grounds=data["grounds"],
            received_on=data.get("received_on"),
            decision_sent_on=data.get("decision_sent_on"),
            posted_on=data["posted_on"],
            advisory_committee=data["advisory_committee"],
            context=AuditContext.from_request(request),
        )
        return Response(ObjectionDetailSerializer(objection).data, status=status.HTTP_201_CREATED)


class ObjectionDetailView(GenericAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="objections_retrieve", responses=ObjectionDetailSerializer)
    def get(self, request, pk: int):
        objection = selectors.objection_get(objection_id=pk, context=AuditContext.from_request(request))
        return Response(ObjectionDetailSerializer(objection).data)


class TableCaseListView(_ListView):
    kind = "table_case"
    view_action = Action.MANAGE_TABLE_CASES
    create_action = Action.MANAGE_TABLE_CASES

    @extend_schema(operation_id="placement_table_list", responses=TableCaseSerializer(many=True))
    def get(self, request):
        return self.list_response(request, selectors.table_case_queryset(user=request.user), TableCaseSerializer)

    @extend_schema(
        operation_id="placement_table_create",
        request=TableCaseCreateInputSerializer,
        responses={201: TableCaseDetailSerializer},
    )
    def post(self, request):
        params = TableCaseCreateInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        case = services.table_case_open(
            reason=data["reason"],
            parties=data["parties"],
            admission_id=data["admission"],
            pupil_id=data["pupil"],
            boards_disagreed=data["boards_disagreed"],
            date=data.get("date"),
            context=AuditContext.from_request(request),
        )
        return Response(TableCaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)


class TableCaseDetailView(GenericAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="placement_table_retrieve", responses=TableCaseDetailSerializer)
    def get(self, request, pk: int):
        case = selectors.table_case_get(case_id=pk, context=AuditContext.from_request(request))
        return Response(TableCaseDetailSerializer(case).data)


class StepView(GenericAPIView):
    """A step: the service asks the permissions module (403/404) and audits; the answer is the
    case as it is now (read without a second audit row: the step wrote its own)."""

    permission_classes = [IsAuthenticated]
    input_serializer: type[serializers.Serializer]
    output_serializer: type[serializers.Serializer]
    getter: str

    def post(self, request, pk: int):
        params = self.input_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        context = AuditContext.from_request(request)
        self.run(pk, params.validated_data, context)
        kind = {"admission_get": "admission_id", "objection_get": "objection_id", "table_case_get": "case_id"}
        obj = getattr(selectors, self.getter)(**{kind[self.getter]: pk}, context=context, audit_success=False)
        return Response(self.output_serializer(obj).data)


def _step(operation_id: str, input_serializer, output_serializer, getter: str, run, doc: str):
    def post(self, request, pk: int):
        return StepView.post(self, request, pk)

    post = extend_schema(operation_id=operation_id, request=input_serializer, responses={200: output_serializer})(post)
    return type(
        f"{operation_id}_view",
        (StepView,),
        {
            "input_serializer": input_serializer,
            "output_serializer": output_serializer,
            "getter": getter,
            "run": staticmethod(run),
            "__doc__": doc,
            "post": post,
        },
    )


def _place(pk, data, context):
    if data["temporary"]:
        return services.admission_place_temporarily(
            admission_id=pk, location_id=data["location"], date=data.get("placement_date"), context=context
        )
    return services.admission_place(
        admission_id=pk, placement_date=data.get("placement_date"), location_id=data["location"], context=context
    )


def _decide(pk, data, context):
    return services.admission_decide(
        admission_id=pk,
        outcome=data["outcome"],
        motivation=data["motivation"],
        offer_school_id=data["offer_school"],
        offer_note=data["offer_note"],
        planned_start=data["planned_start"],
        date=data.get("date"),
        context=context,
    )


def _table_outcome(pk, data, context):
    return services.table_case_decide(
        case_id=pk,
        outcome=data["outcome"],
        outcome_school_id=data["outcome_school"],
        by_doorzettingsmacht=data["by_doorzettingsmacht"],
        follow_up=data["follow_up"],
        follow_up_on=data["follow_up_on"],
        date=data.get("date"),
        context=context,
    )


AdmissionExtendView = _step(
    "admissions_extend",
    AdmissionExtendInputSerializer,
    AdmissionDetailSerializer,
    "admission_get",
    lambda pk, data, context: services.admission_extend(admission_id=pk, context=context, **data),
    "Extend the 6 weeks once by at most 4 weeks; the parents are told in writing.",
)
AdmissionDecideView = _step(
    "admissions_decide",
    AdmissionDecideInputSerializer,
    AdmissionDetailSerializer,
    "admission_get",
    _decide,
    "Decide: placed (a special school needs a granted TLV), or refused with a school offering a fitting place.",
)
AdmissionPlaceView = _step(
    "admissions_place",
    AdmissionPlaceInputSerializer,
    AdmissionDetailSerializer,
    "admission_get",
    _place,
    "Record the placement date (the pupil's location changes), or a temporary placement after 10 weeks.",
)
AdmissionHandoverView = _step(
    "admissions_handover",
    HandoverInputSerializer,
    AdmissionDetailSerializer,
    "admission_get",
    lambda pk, data, context: services.handover_record(admission_id=pk, context=context, **data),
    "Record the warme overdracht: conversation, goals, documents shared with the parents' consent.",
)
ObjectionExtendView = _step(
    "objections_extend",
    ObjectionExtendInputSerializer,
    ObjectionDetailSerializer,
    "objection_get",
    lambda pk, data, context: services.objection_extend(objection_id=pk, context=context, **data),
    "Postpone the decision once by at most 6 weeks (AwB art. 7:10 lid 3).",
)
ObjectionHearingView = _step(
    "objections_hearing",
    ObjectionHearingInputSerializer,
    ObjectionDetailSerializer,
    "objection_get",
    lambda pk, data, context: services.objection_hear(objection_id=pk, context=context, **data),
    "Record the hearing (AwB art. 7:2) or that the objector waived it.",
)
ObjectionAdviceView = _step(
    "objections_advice",
    ObjectionAdviceInputSerializer,
    ObjectionDetailSerializer,
    "objection_get",
    lambda pk, data, context: services.objection_advice_record(objection_id=pk, context=context, **data),
    "Record the advisory committee's advice (AwB art. 7:13).",
)
ObjectionDecideView = _step(
    "objections_decide",
    ObjectionDecideInputSerializer,
    ObjectionDetailSerializer,
    "objection_get",
    lambda pk, data, context: services.objection_decide(objection_id=pk, context=context, **data),
    "Decide on the objection: gegrond, ongegrond or niet_ontvankelijk.",
)
TableCaseOutcomeView = _step(
    "placement_table_outcome",
    TableCaseOutcomeInputSerializer,
    TableCaseDetailSerializer,
    "table_case_get",
    _table_outcome,
    "Record the outcome of the plaatsingstafel (or the manager's decision without agreement).",
)
