"""After the decision (Bijlage XII): the registration (aanmelding) of a pupil at a school with
its zorgplicht clock, the placement and the warme overdracht, the plaatsingstafel for disputes
and pupils without a fitting place, and objections (bezwaar) against a TLV decision.

Every row belongs to one samenwerkingsverband. The statutory rules live in
:mod:`dekkend.admissions.rules`; the steps in :mod:`dekkend.admissions.services`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import School, SchoolLocation, Swv
from dekkend.pupils.models import Pupil
from dekkend.referrals.models import Application


class Admission(models.Model):
    """A pupil's written registration at a school (the school of registration), from which
    that school's board has the zorgplicht until a decision and, when placed, the start at
    the school."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered: the school is looking into it")
        TEMPORARY = "temporary", _("temporarily placed (no decision after 10 weeks)")
        ADMITTED = "admitted", _("admitted: placement date to be set")
        PLACED = "placed", _("placed")
        REFUSED = "refused", _("refused, with an offer elsewhere")

    class Outcome(models.TextChoices):
        PLACED = "placed", _("placed")
        REFUSED = "refused", _("refused")

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="admissions", verbose_name=_("samenwerkingsverband"))
    pupil = models.ForeignKey(Pupil, models.PROTECT, related_name="admissions", verbose_name=_("pupil"))
    school = models.ForeignKey(
        School, models.PROTECT, related_name="admissions", verbose_name=_("school of registration")
    )
    from_school = models.ForeignKey(
        School,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current school"),
        help_text=_("The school the pupil attended when registered."),
    )
    application = models.ForeignKey(
        Application,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="admissions",
        verbose_name=_("TLV"),
        help_text=_("A granted TLV the registration relies on, if any."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    registered_on = models.DateField(_("registered on"))
    decision_due = models.DateField(_("decision due"))
    extended_to = models.DateField(_("decision extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    parents_notified_on = models.DateField(_("parents told in writing on"), null=True, blank=True)
    temporary_from = models.DateField(_("temporarily placed from"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    offer_school = models.ForeignKey(
        School,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school offering a fitting place"),
    )
    offer_note = models.TextField(_("the offer"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    placement_date = models.DateField(_("placement date"), null=True, blank=True)
    location = models.ForeignKey(
        SchoolLocation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("location")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("admission")
        verbose_name_plural = _("admissions")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["swv", "status", "id"], name="admission_swv_status_idx"),
            models.Index(fields=["school", "id"], name="admission_school_idx"),
        ]

    def __str__(self) -> str:
        return f"{_('Admission')} #{self.pk}"

    def clean(self) -> None:
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})
        if self.location_id and self.school_id and self.location.school_id != self.school_id:
            raise ValidationError({"location": _("The location must belong to the school of registration.")})

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REGISTERED, self.Status.TEMPORARY, self.Status.ADMITTED)

    @property
    def effective_decision_due(self):
        return self.extended_to or self.decision_due


class Handover(models.Model):
    """The warme overdracht between the current and the new school, with the parents."""

    admission = models.OneToOneField(Admission, models.CASCADE, related_name="handover", verbose_name=_("admission"))
    conversation_on = models.DateField(_("conversation held on"), null=True, blank=True)
    parents_present = models.BooleanField(_("parents took part"), default=False)
    swv_present = models.BooleanField(_("the samenwerkingsverband took part"), default=False)
    goals = models.TextField(_("goals discussed and the way back to regular education"), blank=True)
    parents_consent_documents = models.BooleanField(_("parents consent to sharing the documents"), default=False)
    documents_shared_on = models.DateField(_("documents shared on"), null=True, blank=True)
    documents = models.TextField(_("documents shared"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("warm handover")
        verbose_name_plural = _("warm handovers")

    def __str__(self) -> str:
        return f"{self.admission_id}: {self.conversation_on}"

    @property
    def is_done(self) -> bool:
        return bool(self.conversation_on and self.parents_present and self.documents_shared_on)


class TableCase(models.Model):
    """A case on the plaatsingstafel: a dispute on the most fitting school, or a pupil
    without a fitting place."""

    class Reason(models.TextChoices):
        DISPUTE = "dispute", _("the boards disagree on the most fitting school")
        NO_FITTING_PLACE = "no_fitting_place", _("no fitting place found")
        ZORGPLICHT = "zorgplicht", _("the zorgplicht rules are not followed")

    class Status(models.TextChoices):
        OPEN = "open", _("on the table")
        CLOSED = "closed", _("decided")

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="table_cases", verbose_name=_("samenwerkingsverband"))
    pupil = models.ForeignKey(Pupil, models.PROTECT, related_name="table_cases", verbose_name=_("pupil"))
    admission = models.ForeignKey(
        Admission, models.PROTECT, null=True, blank=True, related_name="table_cases", verbose_name=_("admission")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    boards_disagreed = models.BooleanField(_("the school boards could not agree"), default=False)
    tabled_on = models.DateField(_("put on the table on"))
    meeting_on = models.DateField(_("discussed on"), null=True, blank=True)
    parties = models.TextField(_("parties at the table"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_school = models.ForeignKey(
        School, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("school agreed on")
    )
    by_doorzettingsmacht = models.BooleanField(
        _("decided by the manager toeleiding (doorzettingsmacht)"), default=False
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("placement table case")
        verbose_name_plural = _("placement table cases")
        ordering = ["-id"]
        indexes = [models.Index(fields=["swv", "status", "id"], name="tablecase_swv_status_idx")]

    def __str__(self) -> str:
        return f"{_('Placement table')} #{self.pk}"


class Objection(models.Model):
    """An objection (bezwaar, Algemene wet bestuursrecht) against a TLV decision."""

    class Objector(models.TextChoices):
        PARENTS = "parents", _("parents or guardians")
        PUPIL = "pupil", _("the pupil")
        SCHOOL = "school", _("the school")
        OTHER = "other", _("another interested party")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        HEARD = "heard", _("heard")
        DECIDED = "decided", _("decided")

    class Outcome(models.TextChoices):
        GEGROND = "gegrond", _("well-founded (gegrond)")
        ONGEGROND = "ongegrond", _("unfounded (ongegrond)")
        NIET_ONTVANKELIJK = "niet_ontvankelijk", _("inadmissible (niet-ontvankelijk)")

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="objections", verbose_name=_("samenwerkingsverband"))
    application = models.ForeignKey(
        Application, models.PROTECT, related_name="objections", verbose_name=_("TLV decision")
    )
    objector = models.CharField(_("objector"), max_length=10, choices=Objector.choices)
    grounds = models.TextField(_("grounds"))
    decision_sent_on = models.DateField(_("decision letter sent on"))
    received_on = models.DateField(_("received on"))
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    term_ends_on = models.DateField(_("objection term ends on"))
    is_late = models.BooleanField(_("received after the objection term"), default=False)
    advisory_committee = models.BooleanField(_("an advisory committee gives advice"), default=False)
    decision_due = models.DateField(_("decision due"))
    extended_to = models.DateField(_("decision extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    hearing_on = models.DateField(_("hearing on"), null=True, blank=True)
    hearing_waived = models.BooleanField(_("the objector waived the hearing"), default=False)
    hearing_notes = models.TextField(_("report of the hearing"), blank=True)
    advice_on = models.DateField(_("committee advice on"), null=True, blank=True)
    advice_outcome = models.CharField(_("committee advises"), max_length=20, choices=Outcome.choices, blank=True)
    advice = models.TextField(_("committee advice"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    late_excused = models.BooleanField(_("lateness excused"), default=False)
    motivation = models.TextField(_("motivation"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-id"]
        indexes = [models.Index(fields=["swv", "status", "id"], name="objection_swv_status_idx")]

    def __str__(self) -> str:
        return f"{_('Objection')} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DECIDED

    @property
    def effective_decision_due(self):
        return self.extended_to or self.decision_due


class TimelineEvent(models.Model):
    """Who did what when on an admission, an objection or a placement table case."""

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="+", verbose_name=_("samenwerkingsverband"))
    admission = models.ForeignKey(
        Admission, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("admission")
    )
    objection = models.ForeignKey(
        Objection, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("objection")
    )
    table_case = models.ForeignKey(
        TableCase, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("table case")
    )
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
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(admission__isnull=False)
                | models.Q(objection__isnull=False)
                | models.Q(table_case__isnull=False),
                name="admissions_event_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.what}"
