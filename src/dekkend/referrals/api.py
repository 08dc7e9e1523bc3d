"""API of toeleiding: applications and the steps of their statutory workflow.

Thin views: parse input, call one service or selector, answer. Who may do what is decided by
:mod:`dekkend.core.permissions` (a role that lacks the action: 403; an application out of
scope: 404). Bad input and steps out of order: 400 with the field named, in Dutch.
"""

import functools
import re

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from dekkend.api.permissions import HasAction
from dekkend.api.serializers import NamedRefSerializer
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core.permissions import Action, Basis
from dekkend.network.rules import AREAS

from . import letters, rules, selectors, services, worklist
from .models import (
    Advice,
    ApplicationStatus,
    ApplicationType,
    DeadlineKind,
    DocumentKind,
    Duration,
    FundingCategory,
    ProvisionType,
    Triage,
)
from .selectors import MAX_ID

# --- output ---------------------------------------------------------------------------------


class DocumentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    document_date = serializers.DateField()
    signed_by_parents = serializers.BooleanField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class AssignmentOutputSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    expert = serializers.IntegerField(source="expert.user_id")
    discipline = serializers.CharField(source="expert.discipline")
    assigned_on = serializers.DateField()
    advised = serializers.SerializerMethodField()

    def get_advised(self, assignment) -> bool:
        return hasattr(assignment, "advice")


class ApplicationListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    swv = serializers.IntegerField(source="swv_id")
    pupil = serializers.IntegerField(source="pupil_id")
    school = NamedRefSerializer()
    type = serializers.ChoiceField(choices=ApplicationType.choices)
    requested_provision_type = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    submitted_on = serializers.DateField(allow_null=True)
    complete_on = serializers.DateField(allow_null=True)
    documents_due = serializers.DateField(allow_null=True)
    decision_due = serializers.DateField(allow_null=True, source="effective_decision_due")


class ExpertCandidateSerializer(serializers.Serializer):
    expert = serializers.IntegerField(source="profile.user_id", help_text=_("The expert's user id (for `experts`)."))
    name = serializers.SerializerMethodField()
    discipline = serializers.CharField(source="profile.discipline")
    expertise_areas = serializers.ListField(child=serializers.CharField(), source="profile.expertise_areas")
    matches = serializers.ListField(
        child=serializers.CharField(), help_text=_("The application's development areas the expert knows.")
    )
    may_be_first = serializers.BooleanField(help_text=_("An orthopedagoog or psycholoog: may be the first expert."))

    def get_name(self, candidate) -> str:
        user = candidate.profile.user
        return user.get_full_name() or user.get_username()


class ApplicationDetailSerializer(ApplicationListItemSerializer):
    development_areas = serializers.ListField(child=serializers.ChoiceField(choices=AREAS))
    hearing_planned_on = serializers.DateField(allow_null=True)
    hearing_held_on = serializers.DateField(allow_null=True)
    hearing_declined = serializers.BooleanField()
    hearing_attendees = serializers.CharField()
    hearing_outcome = serializers.CharField()
    parent_consent = serializers.BooleanField()
    parent_view = serializers.CharField()
    pupil_view = serializers.CharField()
    decision_due_original = serializers.DateField(allow_null=True, source="decision_due")
    decision_extended_to = serializers.DateField(allow_null=True)
    triage = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    provision_type = serializers.CharField()
    funding_category = serializers.IntegerField(allow_null=True)
    duration = serializers.CharField()
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    problems = serializers.SerializerMethodField(help_text=_("What is missing or too old in the dossier."))
    documents = DocumentOutputSerializer(many=True, source="documents.all")
    experts = AssignmentOutputSerializer(many=True, source="assignments.all")
    tlv = serializers.IntegerField(allow_null=True, source="tlv_id")
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    placement_on = serializers.DateField(allow_null=True)
    school_support_since = serializers.DateField(allow_null=True)
    prevents_tlv = serializers.BooleanField()
    prevents_absence = serializers.BooleanField()
    general_funds_spent = serializers.BooleanField()
    school_funding_explored = serializers.BooleanField()
    coordinator_reviewed_on = serializers.DateField(allow_null=True)
    follow_up_on = serializers.DateField(allow_null=True)
    follow_up_done_on = serializers.DateField(allow_null=True)
    letter = serializers.SerializerMethodField(
        help_text=_("Link to the decision letter (PDF) once there is a decision; null before.")
    )

    def get_problems(self, application) -> list[str]:
        return rules.documents_complete(application, application.submitted_on or timezone.localdate())

    def get_letter(self, application) -> str | None:
        if not letters.letter_available(application):
            return None
        path = reverse("api:application-letter", args=[application.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class WorklistItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="application.pk")
    swv = serializers.IntegerField(source="application.swv_id")
    pupil = serializers.IntegerField(source="application.pupil_id")
    school = NamedRefSerializer(source="application.school")
    type = serializers.ChoiceField(choices=ApplicationType.choices, source="application.type")
    status = serializers.CharField(source="application.status")
    status_display = serializers.CharField(source="application.get_status_display")
    next_kind = serializers.ChoiceField(choices=DeadlineKind.choices, source="kind")
    next_kind_display = serializers.CharField(source="kind_label")
    due_on = serializers.DateField(allow_null=True, help_text=_("The next statutory date; null when none."))
    days_left = serializers.IntegerField(allow_null=True, help_text=_("Negative: days overdue."))
    overdue = serializers.BooleanField()


class WorklistPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True, help_text=_("Pass as `after` for the next page; null at the end."))
    results = WorklistItemSerializer(many=True)

    def to_representation(self, page):
        # The fields above describe the schema; a worklist page writes its rows directly from
        # the worklist's tuples, each label translated once per page: DRF's field-by-field walk
        # and a translation per row cost more than the query (bench/cases_referrals.py).
        status_label = functools.cache(lambda value: str(ApplicationStatus(value).label))
        kind_label = functools.cache(lambda value: str(DeadlineKind(value).label))
        return {
            "next": page["next"],
            "results": [_worklist_row(item, status_label, kind_label) for item in page["results"]],
        }


def _worklist_row(item: worklist.WorklistItem, status_label, kind_label) -> dict:
    row = item.application
    return {
        "id": row.pk,
        "swv": row.swv_id,
        "pupil": row.pupil_id,
        "school": {"id": row.school_id, "name": row.school_name},
        "type": row.type,
        "status": row.status,
        "status_display": status_label(row.status),
        "next_kind": item.kind,
        "next_kind_display": kind_label(item.kind),
        "due_on": item.due_on.isoformat() if item.due_on else None,
        "days_left": item.days_left,
        "overdue": item.overdue,
    }


# --- input ----------------------------------------------------------------------------------


class DatedInputSerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text=_("When the step happened (default: today)."))


class ApplicationCreateInputSerializer(DatedInputSerializer):
    type = serializers.ChoiceField(choices=ApplicationType.choices)
    pupil = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    school = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    requested_provision_type = serializers.ChoiceField(choices=ProvisionType.choices, required=False, allow_blank=True)
    parent_consent = serializers.BooleanField(required=False, default=False)
    parent_view = serializers.CharField(required=False, allow_blank=True, max_length=10000, default="")
    pupil_view = serializers.CharField(required=False, allow_blank=True, max_length=10000, default="")
    development_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=AREAS),
        required=False,
        max_length=len(AREAS),
        default=list,
        help_text=_("The development areas of the support need (Almeerse Matrix)."),
    )
    tlv = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("TLV renewal: the TLV it extends. Overbruggingsbudget: the TLV it bridges."),
    )
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    placement_on = serializers.DateField(required=False, allow_null=True)
    school_support_since = serializers.DateField(required=False, allow_null=True)
    prevents_tlv = serializers.BooleanField(required=False, default=False)
    prevents_absence = serializers.BooleanField(required=False, default=False)
    general_funds_spent = serializers.BooleanField(required=False, default=False)
    school_funding_explored = serializers.BooleanField(required=False, default=False)

    SPECIFICS = (
        "period_start",
        "period_end",
        "placement_on",
        "school_support_since",
        "prevents_tlv",
        "prevents_absence",
        "general_funds_spent",
        "school_funding_explored",
    )


class DocumentInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("PDF, PNG, JPEG or an Office document; at most 10 MB."))
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    document_date = serializers.DateField()
    signed_by_parents = serializers.BooleanField(required=False, default=False)


class CompletenessInputSerializer(DatedInputSerializer):
    complete = serializers.BooleanField()


class ExpertsInputSerializer(DatedInputSerializer):
    experts = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=2
    )


class ExpertReplaceInputSerializer(DatedInputSerializer):
    replaced = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=_("User id of the assigned expert who is replaced (not yet advised).")
    )
    replacement = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=_("User id of the expert who takes the same place.")
    )
    reason = serializers.CharField(max_length=5000, help_text=_("Why the expert is replaced (timeline, audit log)."))


class AdviceInputSerializer(DatedInputSerializer):
    recommendation = serializers.ChoiceField(choices=Advice.Recommendation.choices)
    provision_type = serializers.ChoiceField(
        choices=ProvisionType.choices, required=False, allow_blank=True, default=""
    )
    funding_category = serializers.ChoiceField(choices=FundingCategory.choices, required=False, allow_null=True)
    duration = serializers.ChoiceField(choices=Duration.choices, required=False, allow_blank=True, default="")
    school_years = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=4)
    emb = serializers.BooleanField(required=False, default=False)
    triage = serializers.ChoiceField(choices=Triage.choices, required=False, allow_blank=True, default="")
    motivation = serializers.CharField(max_length=20000)


class DevelopmentAreasInputSerializer(DatedInputSerializer):
    development_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=AREAS),
        max_length=len(AREAS),
        allow_empty=True,
        help_text=_(
            "All development areas of the application after the correction (Almeerse Matrix). The experts "
            "already assigned must together still cover every area."
        ),
    )


class ExtendInputSerializer(DatedInputSerializer):
    weeks = serializers.IntegerField(min_value=-1000, max_value=1000)
    reason = serializers.CharField(max_length=5000)


class DecisionInputSerializer(DatedInputSerializer):
    outcome = serializers.ChoiceField(
        choices=[("granted", "granted"), ("refusal_intended", "refusal_intended"), ("refused", "refused")]
    )
    motivation = serializers.CharField(max_length=20000)


class HearingInputSerializer(DatedInputSerializer):
    hearing_on = serializers.DateField(help_text=_("The date of the conversation with school and parents."))


class HearingReportInputSerializer(DatedInputSerializer):
    held = serializers.BooleanField(help_text=_("False: the parents declined the conversation."))
    attendees = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    outcome = serializers.CharField(required=False, allow_blank=True, max_length=20000, default="")


class CoordinatorReviewInputSerializer(DatedInputSerializer):
    suitable = serializers.BooleanField()
    note = serializers.CharField(max_length=20000)


class BudgetDecisionInputSerializer(DatedInputSerializer):
    outcome = serializers.ChoiceField(choices=[("granted", "granted"), ("refused", "refused")])
    motivation = serializers.CharField(max_length=20000)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)


class FollowUpInputSerializer(DatedInputSerializer):
    renew = serializers.BooleanField(
        required=False, default=False, help_text=_("Onderwijsarrangement: renew for one more year.")
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


CURSOR_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{1,18}$")


class WorklistInputSerializer(serializers.Serializer):
    after = serializers.CharField(required=False, max_length=40, help_text=_("The `next` value of the previous page."))
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200, default=worklist.PAGE_SIZE)
    overdue = serializers.BooleanField(required=False, default=False, help_text=_("Only dossiers past their date."))

    def validate_after(self, value: str) -> str:
        if not CURSOR_PATTERN.match(value) or worklist.parse_cursor(value) is None:
            raise serializers.ValidationError(_("Not a valid position in the worklist."))
        return value


# --- views ----------------------------------------------------------------------------------


def _detail(application_id: int, request) -> Response:
    application = selectors.application_get(
        application_id=application_id, context=AuditContext.from_request(request), audit_success=False
    )
    return Response(ApplicationDetailSerializer(application, context={"request": request}).data)


class ApplicationListView(GenericAPIView):
    """Applications in the caller's scope (GET; one audit row names every dossier shown) and a
    new application by a school (POST)."""

    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_permissions(self):
        action = Action.CREATE_APPLICATION if self.request.method == "POST" else Action.VIEW_APPLICATIONS
        return [HasAction(action)()]

    def audit_denied(self, request) -> None:
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.CREATE if request.method == "POST" else AuditAction.SEARCH,
            outcome=AuditOutcome.DENIED,
            object_type="application",
            access_basis=Basis.NONE,
        )

    @extend_schema(operation_id="applications_list", responses=ApplicationListItemSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.application_queryset(user=request.user))
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.SUCCESS,
            object_type="application",
            access_basis=Basis.SCOPE,
            detail={"application_ids": [a.pk for a in page], "pupil_ids": [a.pupil_id for a in page]},
        )
        return self.get_paginated_response(ApplicationListItemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="applications_create",
        request=ApplicationCreateInputSerializer,
        responses={201: ApplicationDetailSerializer},
    )
    def post(self, request):
        params = ApplicationCreateInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        application = services.application_create(
            pupil_id=data["pupil"],
            school_id=data["school"],
            type=data["type"],
            requested_provision_type=data.get("requested_provision_type", ""),
            parent_consent=data["parent_consent"],
            parent_view=data["parent_view"],
            pupil_view=data["pupil_view"],
            development_areas=data["development_areas"],
            date=data.get("date"),
            context=AuditContext.from_request(request),
            tlv_id=data.get("tlv"),
            **{name: data[name] for name in ApplicationCreateInputSerializer.SPECIFICS if name in data},
        )
        return Response(
            ApplicationDetailSerializer(application, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ApplicationDetailView(GenericAPIView):
    """One dossier with its deadlines, documents and experts. Every read is audited."""

    permission_classes = [IsAuthenticated]  # application_get asks the permissions module and audits

    @extend_schema(operation_id="applications_retrieve", responses=ApplicationDetailSerializer)
    def get(self, request, pk: int):
        application = selectors.application_get(application_id=pk, context=AuditContext.from_request(request))
        return Response(ApplicationDetailSerializer(application, context={"request": request}).data)


class PDFRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


class LetterView(GenericAPIView):
    """The decision letter to school and parents as PDF (granted, refusal intended or refused);
    404 until there is a decision. The read is audited like the dossier."""

    permission_classes = [IsAuthenticated]  # application_get asks the permissions module and audits
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(
        operation_id="applications_letter_retrieve",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description=_("The letter as PDF."))
        },
    )
    def get(self, request, pk: int):
        application = selectors.application_get(application_id=pk, context=AuditContext.from_request(request))
        if not letters.letter_available(application):
            raise Http404
        response = HttpResponse(letters.letter_pdf(application), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{letters.letter_filename(application)}"'
        return response


class WorklistView(GenericAPIView):
    """The caller's worklist: open dossiers with their next statutory date, most urgent first
    (overdue first), paged by key. One audit row names every dossier shown."""

    permission_classes = [HasAction(Action.VIEW_APPLICATIONS)]
    pagination_class = None

    def audit_denied(self, request) -> None:
        audit_event_record(
            context=AuditContext.from_request(request),
            action=AuditAction.SEARCH,
            outcome=AuditOutcome.DENIED,
            object_type="application",
            access_basis=Basis.NONE,
            detail={"list": "worklist"},
        )

    @extend_schema(
        operation_id="applications_worklist", parameters=[WorklistInputSerializer], responses=WorklistPageSerializer
    )
    def get(self, request):
        params = WorklistInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        size = data["page_size"]
        items = worklist.worklist_for(
            user=request.user,
            today=timezone.localdate(),
            context=AuditContext.from_request(request),
            after=data.get("after"),
            limit=size,
            overdue_only=data["overdue"],
        )
        next_cursor = items[-1].cursor if len(items) == size else None
        return Response(WorklistPageSerializer({"next": next_cursor, "results": items}).data)


class StepView(GenericAPIView):
    """A workflow step: the service asks the permissions module (403/404) and audits."""

    permission_classes = [IsAuthenticated]
    input_serializer: type[serializers.Serializer]

    def post(self, request, pk: int):
        params = self.input_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        self.run(pk, params.validated_data, AuditContext.from_request(request))
        return _detail(pk, request)


def _step(operation_id: str, input_serializer, run, doc: str):
    def post(self, request, pk: int):
        return StepView.post(self, request, pk)

    post = extend_schema(
        operation_id=operation_id, request=input_serializer, responses={200: ApplicationDetailSerializer}
    )(post)
    return type(
        f"{operation_id}_view",
        (StepView,),
        {"input_serializer": input_serializer, "run": staticmethod(run), "__doc__": doc, "post": post},
    )


class DocumentAddView(StepView):
    """Add a document (multipart). Checked by content: PDF, PNG, JPEG or Office; at most 10 MB."""

    parser_classes = [MultiPartParser, FormParser]
    input_serializer = DocumentInputSerializer

    @extend_schema(
        operation_id="applications_documents_create",
        request={"multipart/form-data": DocumentInputSerializer},
        responses={201: DocumentOutputSerializer},
    )
    def post(self, request, pk: int):
        params = DocumentInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        document = services.document_add(
            application_id=pk, context=AuditContext.from_request(request), **params.validated_data
        )
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


SubmitView = _step(
    "applications_submit",
    DatedInputSerializer,
    lambda pk, data, context: services.application_submit(application_id=pk, context=context, **data),
    "The school submits the application.",
)
CompletenessView = _step(
    "applications_completeness",
    CompletenessInputSerializer,
    lambda pk, data, context: services.completeness_record(application_id=pk, context=context, **data),
    "The secretariat records whether the dossier is complete (incomplete: 4 weeks to supply).",
)


class ExpertsView(StepView):
    """GET: the experts who may be assigned, those with expertise in the application's
    development areas first. POST: assign two independent experts, or a third when their
    advices differ."""

    input_serializer = ExpertsInputSerializer

    @extend_schema(operation_id="applications_experts_candidates", responses=ExpertCandidateSerializer(many=True))
    def get(self, request, pk: int):
        context = AuditContext.from_request(request)
        application = selectors.application_get(
            application_id=pk, context=context, action=Action.ASSIGN_EXPERTS, audit_success=False
        )
        selectors.application_get(application_id=pk, context=context)  # the audited read
        candidates = selectors.expert_candidates(application=application)
        return Response(ExpertCandidateSerializer(candidates, many=True).data)

    @extend_schema(
        operation_id="applications_experts",
        request=ExpertsInputSerializer,
        responses={200: ApplicationDetailSerializer},
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    @staticmethod
    def run(pk, data, context):
        services.experts_assign(application_id=pk, context=context, **data)


ExpertReplaceView = _step(
    "applications_experts_replace",
    ExpertReplaceInputSerializer,
    lambda pk, data, context: services.expert_replace(application_id=pk, context=context, **data),
    "Replace an assigned expert who has not advised, before the decision: the replacement meets the rules of "
    "the same place; the replaced expert loses access to the dossier and the pupil's record.",
)
AdviceView = _step(
    "applications_advice",
    AdviceInputSerializer,
    lambda pk, data, context: services.advice_record(application_id=pk, context=context, **data),
    "An assigned expert advises; the first expert also gives the triage.",
)
DevelopmentAreasView = _step(
    "applications_development_areas",
    DevelopmentAreasInputSerializer,
    lambda pk, data, context: services.development_areas_correct(application_id=pk, context=context, **data),
    "Correct the development areas: the secretariat until the decision, the school while it is a draft.",
)
ExtendView = _step(
    "applications_extend",
    ExtendInputSerializer,
    lambda pk, data, context: services.decision_extend(application_id=pk, context=context, **data),
    "Extend the decision period once, by at most 4 weeks.",
)
DecisionView = _step(
    "applications_decision",
    DecisionInputSerializer,
    lambda pk, data, context: services.decision_record(application_id=pk, context=context, **data),
    "Decide: granted, refusal_intended (with reasons, then a hearing) or refused.",
)
HearingView = _step(
    "applications_hearing",
    HearingInputSerializer,
    lambda pk, data, context: services.hearing_schedule(application_id=pk, context=context, **data),
    "After an intended refusal: the date of the conversation with school and parents.",
)
HearingReportView = _step(
    "applications_hearing_report",
    HearingReportInputSerializer,
    lambda pk, data, context: services.hearing_record(application_id=pk, context=context, **data),
    "The conversation was held (who attended, what came out of it) or the parents declined it.",
)
CoordinatorReviewView = _step(
    "applications_coordinator_review",
    CoordinatorReviewInputSerializer,
    lambda pk, data, context: services.coordinator_review_record(application_id=pk, context=context, **data),
    "Onderwijsarrangement: the coordinator's review before the decision.",
)
BudgetDecisionView = _step(
    "applications_budget_decision",
    BudgetDecisionInputSerializer,
    lambda pk, data, context: services.budget_decision_record(application_id=pk, context=context, **data),
    "Decide on a budget, an arrangement or action-oriented support: granted for a period, or refused.",
)
FollowUpView = _step(
    "applications_follow_up",
    FollowUpInputSerializer,
    lambda pk, data, context: services.follow_up_record(application_id=pk, context=context, **data),
    "Record the follow-up after a grant (an onderwijsarrangement may be renewed for a year).",
)
