"""Toeleiding: applications for extra support (Bijlage XII), their documents, the independent
experts assigned to them, the experts' advice and the dossier's timeline.

Every row belongs to one samenwerkingsverband (directly or through its application). The
statutory rules live in :mod:`dekkend.referrals.rules`; the workflow steps in
:mod:`dekkend.referrals.services`. Uploaded files are stored under ``MEDIA_ROOT`` (outside the
web root) and are never served directly.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.network.rules import AREA_LABELS, AREAS
from dekkend.organisations.models import Board, School, Swv
from dekkend.pupils.models import Pupil, PupilAccessGrant


class ApplicationType(models.TextChoices):
    HANDELINGSGERICHTE_ONDERSTEUNING = "handelingsgerichte_ondersteuning", _("action-oriented support")
    MAATWERKBUDGET = "maatwerkbudget", _("maatwerkbudget")
    ONDERWIJSARRANGEMENT = "onderwijsarrangement", _("onderwijsarrangement")
    TLV = "tlv", _("TLV (toelaatbaarheidsverklaring)")
    TLV_VERLENGING = "tlv_verlenging", _("TLV renewal")
    OVERBRUGGINGSBUDGET = "overbruggingsbudget", _("overbruggingsbudget")


TLV_TYPES = frozenset({ApplicationType.TLV, ApplicationType.TLV_VERLENGING})


class ProvisionType(models.TextChoices):
    SBO = "sbo", _("special primary (sbo)")
    SO = "so", _("special education (so)")
    VSO = "vso", _("special secondary (vso)")
    PRO = "pro", _("practical education (pro)")


# Types for which the TLV carries a bekostigingscategorie (1 laag, 2 midden, 3 hoog).
FUNDED_BY_CATEGORY = frozenset({ProvisionType.SO, ProvisionType.VSO})


class Duration(models.TextChoices):
    ACTIVEREND = "activerend", _("activating (1 to 2 school years)")
    LANGDURIG = "langdurig", _("long-term (4 school years)")


class Triage(models.TextChoices):
    HAMERSTUK = "hamerstuk", _("clear-cut case (hamerstuk)")
    BESPREEKDOSSIER = "bespreekdossier", _("case for discussion (bespreekdossier)")


class FundingCategory(models.IntegerChoices):
    LAAG = 1, _("1 (low)")
    MIDDEN = 2, _("2 (medium)")
    HOOG = 3, _("3 (high)")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    INCOMPLETE = "incomplete", _("incomplete: documents requested")
    COMPLETE = "complete", _("complete")
    IN_ASSESSMENT = "in_assessment", _("with the experts")
    REFUSAL_INTENDED = "refusal_intended", _("refusal intended")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


# --- The worklist's next date, in SQL (see worklist.py); also the expression of its index. ---

OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.INCOMPLETE,
    ApplicationStatus.COMPLETE,
    ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.REFUSAL_INTENDED,
)
# Dossiers without a date sort after every dated one (keyset-friendly: never NULL).
UNDATED = datetime.date(9999, 12, 31)


def on_worklist_q() -> models.Q:
    """Open dossiers, and granted ones whose follow-up is still to be done."""
    return models.Q(status__in=OPEN_STATUSES) | models.Q(
        status=ApplicationStatus.GRANTED, follow_up_on__isnull=False, follow_up_done_on__isnull=True
    )


def worklist_next_on() -> Case:
    """The next statutory date of a dossier, by its status."""
    decision = Coalesce(F("decision_extended_to"), F("decision_due"))
    return Case(
        When(status=ApplicationStatus.INCOMPLETE, then=F("documents_due")),
        When(
            status__in=(
                ApplicationStatus.COMPLETE,
                ApplicationStatus.IN_ASSESSMENT,
                ApplicationStatus.REFUSAL_INTENDED,
            ),
            then=decision,
        ),
        When(status=ApplicationStatus.GRANTED, then=F("follow_up_on")),
        default=Value(None, output_field=models.DateField()),
        output_field=models.DateField(),
    )


def worklist_sort_on() -> Coalesce:
    return Coalesce(worklist_next_on(), Value(UNDATED, output_field=models.DateField()))


class Application(models.Model):
    Status = ApplicationStatus

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="applications", verbose_name=_("samenwerkingsverband"))
    pupil = models.ForeignKey(Pupil, models.PROTECT, related_name="applications", verbose_name=_("pupil"))
    school = models.ForeignKey(School, models.PROTECT, related_name="applications", verbose_name=_("school"))
    type = models.CharField(_("type"), max_length=40, choices=ApplicationType.choices)
    requested_provision_type = models.CharField(
        _("requested provision type"), max_length=3, choices=ProvisionType.choices, blank=True
    )
    parent_consent = models.BooleanField(_("parents' consent"), default=False)
    parent_view = models.TextField(_("parents' view"), blank=True)
    pupil_view = models.TextField(_("pupil's view"), blank=True)
    development_areas = models.JSONField(
        _("development areas"),
        default=list,
        blank=True,
        help_text=_("Areas of the Almeerse Matrix: leren, werkhouding, communicatie, fysiek, context, gedrag."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    complete_on = models.DateField(_("complete on"), null=True, blank=True)
    documents_due = models.DateField(_("missing documents due"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    decision_extended_to = models.DateField(_("decision extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    triage = models.CharField(_("triage"), max_length=20, choices=Triage.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    motivation = models.TextField(_("motivation of the decision"), blank=True)
    # After an intended refusal: the conversation with school and parents (hoorgesprek).
    hearing_planned_on = models.DateField(_("hearing planned on"), null=True, blank=True)
    hearing_held_on = models.DateField(_("hearing held on"), null=True, blank=True)
    hearing_declined = models.BooleanField(_("the parents declined the hearing"), default=False)
    hearing_attendees = models.TextField(_("who attended the hearing"), blank=True)
    hearing_outcome = models.TextField(_("outcome of the hearing"), blank=True)
    provision_type = models.CharField(
        _("granted provision type"), max_length=3, choices=ProvisionType.choices, blank=True
    )
    funding_category = models.PositiveSmallIntegerField(
        _("funding category"), choices=FundingCategory.choices, null=True, blank=True
    )
    duration = models.CharField(_("duration"), max_length=10, choices=Duration.choices, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    # Application-type specifics (Bijlage XII; see rules.py).
    tlv = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("TLV extended or bridged"),
        help_text=_("A TLV renewal: the TLV it extends. An overbruggingsbudget: the TLV it bridges."),
    )
    period_start = models.DateField(_("requested from"), null=True, blank=True)
    period_end = models.DateField(_("requested until"), null=True, blank=True)
    placement_on = models.DateField(_("expected placement date"), null=True, blank=True)
    school_support_since = models.DateField(_("extra support at school since"), null=True, blank=True)
    prevents_tlv = models.BooleanField(_("prevents a TLV application"), default=False)
    prevents_absence = models.BooleanField(_("prevents the pupil from staying at home (thuiszitten)"), default=False)
    general_funds_spent = models.BooleanField(_("the general arrangement funds are spent"), default=False)
    school_funding_explored = models.BooleanField(
        _("funding by the school and its board has been explored"), default=False
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    coordinator_reviewed_on = models.DateField(_("reviewed by the coordinator on"), null=True, blank=True)

    # After the decision: the next date someone must act on (renewal review, expiry, evaluation).
    follow_up_on = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)

    # Retention (rules.documents_destroy_on / decision_destroy_on).
    documents_destroyed_on = models.DateField(_("documents destroyed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["swv", "status", "id"], name="application_swv_status_idx"),
            models.Index(fields=["school", "id"], name="application_school_idx"),
            # The worklist: open dossiers per SWV/school, then their statutory dates.
            models.Index(fields=["swv", "status", "documents_due", "id"], name="application_swv_docs_due_idx"),
            models.Index(fields=["school", "status", "id"], name="application_school_status_idx"),
            models.Index(
                fields=["swv", "follow_up_on", "id"],
                name="application_follow_up_idx",
                condition=models.Q(follow_up_on__isnull=False, follow_up_done_on__isnull=True),
            ),
            models.Index(
                fields=["decided_on", "id"],
                name="application_retention_idx",
                condition=models.Q(status="granted"),
            ),
            # The worklist in order of urgency: a page is read straight from this index.
            models.Index(worklist_sort_on(), F("id"), name="application_worklist_idx", condition=on_worklist_q()),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funding_category__isnull=True) | models.Q(funding_category__in=[1, 2, 3]),
                name="application_funding_category_1_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} #{self.pk}"

    def clean(self) -> None:
        if self.pupil_id and self.swv_id and self.pupil.swv_id != self.swv_id:
            raise ValidationError({"pupil": _("The pupil must belong to the samenwerkingsverband.")})
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})
        if self.type in TLV_TYPES and not self.requested_provision_type:
            raise ValidationError({"requested_provision_type": _("A TLV application needs the requested type.")})
        if not isinstance(self.development_areas, list) or set(self.development_areas) - set(AREAS):
            raise ValidationError(
                {"development_areas": _("Choose development areas from: %(areas)s.") % {"areas": ", ".join(AREAS)}}
            )

    @property
    def development_area_labels(self) -> list[str]:
        return [str(AREA_LABELS[area]) for area in AREAS if area in (self.development_areas or [])]

    @property
    def hearing_done(self) -> bool:
        """The hearing after an intended refusal was held, or the parents declined it."""
        return self.hearing_held_on is not None or self.hearing_declined

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.GRANTED, self.Status.REFUSED)

    @property
    def effective_decision_due(self):
        return self.decision_extended_to or self.decision_due


class DocumentKind(models.TextChoices):
    OPP = "opp", _("development plan (OPP)")
    LVS = "lvs", _("pupil monitoring system data (LVS)")
    HULPVERLENINGSVERSLAG = "hulpverleningsverslag", _("care report")
    PSYCHOLOGISCH_ONDERZOEK = "psychologisch_onderzoek", _("psychological assessment")
    PSYCHIATRISCH_ONDERZOEK = "psychiatrisch_onderzoek", _("psychiatric assessment")
    OVERIG = "overig", _("other")


def _document_path(instance, filename) -> str:
    # A random name: the original file name (often the pupil's name) stays out of the file system.
    return f"referrals/{instance.application.swv_id}/{uuid.uuid4().hex}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        Application, models.CASCADE, related_name="documents", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    document_date = models.DateField(_("document date"))
    signed_by_parents = models.BooleanField(_("signed by the parents"), default=False)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind", "-document_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.document_date})"


class Discipline(models.TextChoices):
    ORTHOPEDAGOOG = "orthopedagoog", _("remedial educationalist (orthopedagoog)")
    PSYCHOLOOG = "psycholoog", _("psychologist")
    KINDER_JEUGDPSYCHOLOOG = "kinder_jeugdpsycholoog", _("child and youth psychologist")
    PEDAGOOG = "pedagoog", _("educationalist (pedagoog)")
    KINDERPSYCHIATER = "kinderpsychiater", _("child psychiatrist")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("social worker")
    ARTS = "arts", _("doctor")


class ExpertProfile(models.Model):
    """An independent expert (onafhankelijk deskundige) who may advise on TLV dossiers."""

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="experts", verbose_name=_("samenwerkingsverband"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="expert_profiles", verbose_name=_("user")
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    expertise_areas = models.JSONField(
        _("areas of expertise"), default=list, blank=True, help_text=_("Development areas, e.g. leren, gedrag.")
    )
    employed_by_board = models.ForeignKey(
        Board,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employed by school board"),
        help_text=_("Experts employed by a school board of the samenwerkingsverband cannot be assigned."),
    )

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        constraints = [models.UniqueConstraint(fields=["swv", "user"], name="expert_profile_unique_per_swv")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_discipline_display()})"

    @property
    def expertise_labels(self) -> list[str]:
        return [str(AREA_LABELS[area]) for area in AREAS if area in (self.expertise_areas or [])]


class ExpertAssignment(models.Model):
    application = models.ForeignKey(
        Application, models.CASCADE, related_name="assignments", verbose_name=_("application")
    )
    expert = models.ForeignKey(ExpertProfile, models.PROTECT, related_name="assignments", verbose_name=_("expert"))
    order = models.PositiveSmallIntegerField(_("order"), choices=[(1, "1"), (2, "2"), (3, "3")])
    assigned_on = models.DateField(_("assigned on"))
    access_grant = models.OneToOneField(
        PupilAccessGrant,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("access to the pupil's record"),
    )

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["application", "order"]
        constraints = [
            models.UniqueConstraint(fields=["application", "order"], name="assignment_unique_order"),
            models.UniqueConstraint(fields=["application", "expert"], name="assignment_unique_expert"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.order}. {self.expert}"


class Advice(models.Model):
    class Recommendation(models.TextChoices):
        GRANT = "grant", _("grant")
        REFUSE = "refuse", _("refuse")

    assignment = models.OneToOneField(
        ExpertAssignment, models.CASCADE, related_name="advice", verbose_name=_("assignment")
    )
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices)
    provision_type = models.CharField(_("provision type"), max_length=3, choices=ProvisionType.choices, blank=True)
    funding_category = models.PositiveSmallIntegerField(
        _("funding category"), choices=FundingCategory.choices, null=True, blank=True
    )
    duration = models.CharField(_("duration"), max_length=10, choices=Duration.choices, blank=True)
    school_years = models.PositiveSmallIntegerField(_("school years"), null=True, blank=True)
    emb = models.BooleanField(_("severe multiple disabilities (EMB)"), default=False)
    triage = models.CharField(_("triage"), max_length=20, choices=Triage.choices, blank=True)
    motivation = models.TextField(_("motivation"))
    advised_on = models.DateField(_("advised on"))

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advices")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.recommendation}"

    def terms(self) -> tuple:
        """What the advice says, for comparing two advices."""
        if self.recommendation == self.Recommendation.REFUSE:
            return (self.recommendation,)
        return (self.recommendation, self.provision_type, self.funding_category, self.duration, self.emb)


class ApplicationEvent(models.Model):
    """The dossier's timeline: who did what when, with the status before and after."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="events", verbose_name=_("application"))
    swv = models.ForeignKey(Swv, models.PROTECT, related_name="+", verbose_name=_("samenwerkingsverband"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    what = models.CharField(_("what"), max_length=40)
    on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    old_status = models.CharField(_("old status"), max_length=20, blank=True)
    new_status = models.CharField(_("new status"), max_length=20, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["application", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.on} {self.what}"


class DeadlineKind(models.TextChoices):
    """What the next date of a dossier is (the worklist and the reminders)."""

    DRAFT = "draft", _("draft: not yet submitted")
    COMPLETENESS_CHECK = "completeness_check", _("check completeness")
    DOCUMENTS_DUE = "documents_due", _("missing documents due")
    DECISION_DUE = "decision_due", _("decision due")
    DECISION_DUE_EXTENDED = "decision_due_extended", _("decision due (extended)")
    HEARING = "hearing", _("hearing and final decision due")
    RENEWAL_REVIEW = "renewal_review", _("renewal review due")
    TLV_EXPIRES = "tlv_expires", _("TLV expires: renewal needed?")
    BUDGET_EVALUATION = "budget_evaluation", _("evaluation of the budget due")


class DeadlineReminder(models.Model):
    """One reminder sent for one date of one dossier at one stage, recorded once: running the
    reminder task again sends nothing twice."""

    class Stage(models.TextChoices):
        FIVE_WORKING_DAYS = "five_working_days", _("5 working days before")
        ONE_DAY = "one_day", _("1 day before")
        OVERDUE = "overdue", _("overdue")

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="reminders", verbose_name=_("application")
    )
    swv = models.ForeignKey(Swv, models.PROTECT, related_name="+", verbose_name=_("samenwerkingsverband"))
    kind = models.CharField(_("kind"), max_length=30, choices=DeadlineKind.choices)
    due_on = models.DateField(_("due on"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "due_on", "stage"], name="deadline_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.due_on} {self.stage}"


class Notice(models.Model):
    """An in-app notice for one user (a deadline reminder); read when the user opens it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="referral_notices", verbose_name=_("user")
    )
    application = models.ForeignKey(Application, models.CASCADE, related_name="notices", verbose_name=_("application"))
    reminder = models.ForeignKey(
        DeadlineReminder, models.CASCADE, null=True, blank=True, related_name="notices", verbose_name=_("reminder")
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notice_user_unread_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.message[:40]}"
