"""Pupils (synthetic only), their placement history and the grants that open a pupil's record
to someone outside the normal scope: an assignment (e.g. an expert on a TLV dossier) or an
emergency access with a typed reason ("break the glass")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import Area, Provision, School, SchoolLocation, Sector, Swv


class Pupil(models.Model):
    swv = models.ForeignKey(Swv, models.PROTECT, related_name="pupils", verbose_name=_("samenwerkingsverband"))
    pupil_number = models.CharField(_("pupil number"), max_length=20)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)
    school = models.ForeignKey(School, models.PROTECT, related_name="pupils", verbose_name=_("school"))
    location = models.ForeignKey(
        SchoolLocation, models.PROTECT, related_name="pupils", verbose_name=_("school location")
    )
    home_area = models.ForeignKey(Area, models.PROTECT, null=True, blank=True, verbose_name=_("home area"))
    is_synthetic = models.BooleanField(_("synthetic (demo)"), default=True)

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "pupil_number"], name="pupil_unique_number_per_swv"),
        ]
        indexes = [
            models.Index(fields=["school", "last_name", "id"], name="pupil_school_name_idx"),
            models.Index(fields=["swv", "last_name", "id"], name="pupil_swv_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        if self.location_id and self.school_id and self.location.school_id != self.school_id:
            raise ValidationError({"location": _("The location must belong to the pupil's school.")})
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the pupil's samenwerkingsverband.")})

    def age_on(self, day) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


class Placement(models.Model):
    """One period of a pupil at a school or provision; the history of changes of place."""

    class Reason(models.TextChoices):
        ENROLMENT = "enrolment", _("first enrolment")
        MOVE = "move", _("moved house")
        TRANSITION = "transition", _("transition PO to VO")
        TLV = "tlv", _("placement with a TLV")
        RETURN = "return", _("return to regular education")
        PARENTS_CHOICE = "parents_choice", _("parents' choice")

    pupil = models.ForeignKey(Pupil, models.CASCADE, related_name="placements", verbose_name=_("pupil"))
    school = models.ForeignKey(School, models.PROTECT, null=True, blank=True, verbose_name=_("school"))
    provision = models.ForeignKey(Provision, models.PROTECT, null=True, blank=True, verbose_name=_("provision"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["pupil", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school__isnull=False) | models.Q(provision__isnull=False),
                name="placement_has_school_or_provision",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id}: {self.school or self.provision} ({self.start_date})"


class PupilAccessGrant(models.Model):
    """Access to one pupil's record outside the normal scope.

    An *assignment* is given by the system when someone is assigned to a case (an expert to a
    TLV dossier). An *emergency* grant is taken by the user with a typed reason and is
    flagged for the privacy officer.
    """

    class Basis(models.TextChoices):
        ASSIGNMENT = "assignment", _("assignment")
        EMERGENCY = "emergency", _("emergency access")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="pupil_grants", verbose_name=_("user")
    )
    pupil = models.ForeignKey(Pupil, models.CASCADE, related_name="access_grants", verbose_name=_("pupil"))
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pupil access grant")
        verbose_name_plural = _("pupil access grants")
        indexes = [models.Index(fields=["user", "pupil", "expires_at"], name="grant_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.pupil_id} ({self.basis})"
