"""Steunpunt and oplossingsroutes: the register of (threatened) thuiszitters, escalations with
the doorbraakfunctionaris' impasse clock, and the questions of parents, youth and professionals.

Every row belongs to one samenwerkingsverband. The rules live in :mod:`dekkend.steunpunt.rules`
(each citing its seed line), the writes in :mod:`dekkend.steunpunt.services`, the reads and
figures in :mod:`dekkend.steunpunt.selectors`. ``docs/steunpunt.md`` maps every rule.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import School, Swv
from dekkend.pupils.models import Pupil

# --- Thuiszitters ---------------------------------------------------------------------------


class AbsenceKind(models.TextChoices):
    """How the pupil is absent, in the terms of the Leerplichtwet (national, not from the seeds)."""

    ABSOLUUT = "absoluut", _("absolute absence (not enrolled at any school)")
    RELATIEF = "relatief", _("relative absence (enrolled, absent without permission)")
    DREIGEND = "dreigend", _("threatened (still at school, at risk of staying home)")


class ThuiszitterReason(models.TextChoices):
    """Coded reasons (our list; the seeds name none), so the top reasons can be counted."""

    NO_FITTING_OFFER = "geen_passend_aanbod", _("no fitting offer of education")
    WAITING_FOR_PLACE = "wachten_op_plek", _("waiting for a place (waiting list)")
    HEALTH = "gezondheid", _("physical or mental health")
    BEHAVIOUR = "gedrag", _("behaviour, suspension or removal")
    SCHOOL_REFUSAL = "schoolweigering", _("school refusal or anxiety")
    HOME_SITUATION = "thuissituatie", _("home situation")
    CARE_NOT_AVAILABLE = "jeugdhulp", _("youth care not available in time")
    OTHER = "overig", _("other")


class Thuiszitter(models.Model):
    """A (threatened) thuiszitter: a pupil of compulsory school age without (enough) education.

    Whether the case counts as a thuiszitter on a day follows from the shared definitions in
    :func:`dekkend.steunpunt.rules.thuiszitter_category` (enrolled or not, absent since when).
    """

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="thuiszitters", verbose_name=_("samenwerkingsverband"))
    pupil = models.ForeignKey(Pupil, models.PROTECT, related_name="thuiszitter_cases", verbose_name=_("pupil"))
    school = models.ForeignKey(
        School,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="thuiszitter_cases",
        verbose_name=_("school"),
        help_text=_("The school of enrolment; empty for absolute absence."),
    )
    kind = models.CharField(_("kind of absence"), max_length=10, choices=AbsenceKind.choices)
    absent_since = models.DateField(_("absent since"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"))
    reason = models.CharField(_("reason"), max_length=30, choices=ThuiszitterReason.choices)
    plan = models.TextField(_("plan"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    responsible_name = models.CharField(_("responsible person (name and organisation)"), max_length=200, blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.CharField(_("how it ended"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("thuiszitter")
        verbose_name_plural = _("thuiszitters")
        ordering = ["-reported_on", "-id"]
        indexes = [
            models.Index(fields=["swv", "reported_on"], name="thuiszitter_swv_reported_idx"),
            models.Index(fields=["school", "id"], name="thuiszitter_school_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("reported_on")),
                name="thuiszitter_ended_after_reported",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def clean(self) -> None:
        if self.pupil_id and self.swv_id and self.pupil.swv_id != self.swv_id:
            raise ValidationError({"pupil": _("The pupil must belong to the samenwerkingsverband.")})
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})
        if self.kind != AbsenceKind.ABSOLUUT and not self.school_id:
            raise ValidationError({"school": _("An enrolled pupil needs the school of enrolment.")})
        if self.absent_since and self.reported_on and self.absent_since > self.reported_on:
            raise ValidationError({"absent_since": _("The absence cannot start after the report.")})
        if self.ended_on and self.reported_on and self.ended_on < self.reported_on:
            raise ValidationError({"ended_on": _("The end cannot be before the report.")})

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class ThuiszitterFollowUp(models.Model):
    """A follow-up moment of a thuiszitter's plan: planned on a date, done with a note."""

    thuiszitter = models.ForeignKey(
        Thuiszitter, models.CASCADE, related_name="follow_ups", verbose_name=_("thuiszitter")
    )
    planned_on = models.DateField(_("planned on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["thuiszitter", "planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.planned_on}"
