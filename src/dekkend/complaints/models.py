"""The complaint register (klachten): complaints about the SWV's procedures, received by the
secretariat, followed up and closed with an outcome.

The plans count "klachten/bezwaren over procedures" as an indicator
(seeds/000_3b7fd33ccc1b5778.txt:156; seeds/002_db4167b82468325d.txt:70) and report on
"klachten en bezwaren" every year (seeds/001_28cb0100de53310c.txt:1946). Objections against a
TLV decision are not complaints: they live in :mod:`dekkend.admissions` (``Objection``).

Every row belongs to one samenwerkingsverband. A complaint may name an application (and so a
pupil): every read is audited (:mod:`dekkend.complaints.selectors`). The summary is short and
must not hold health data (the form says so).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import School, Swv
from dekkend.referrals.models import Application

SUMMARY_MAX_LENGTH = 1000


class Complaint(models.Model):
    class Complainant(models.TextChoices):
        PARENTS = "parents", _("parents or guardians")
        SCHOOL = "school", _("a school")
        OTHER = "other", _("someone else")

    class Procedure(models.TextChoices):
        TOELEIDING = "toeleiding", _("toeleiding (application for extra support, TLV)")
        PLACEMENT = "placement", _("placement (plaatsing)")
        STEUNPUNT = "steunpunt", _("the steunpunt")
        SUPPORT = "support", _("support (ondersteuning)")
        OTHER = "other", _("something else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ACKNOWLEDGED = "acknowledged", _("acknowledged, being handled")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        GEGROND = "gegrond", _("well-founded (gegrond)")
        DEELS_GEGROND = "deels_gegrond", _("partly well-founded (deels gegrond)")
        ONGEGROND = "ongegrond", _("unfounded (ongegrond)")
        INGETROKKEN = "ingetrokken", _("withdrawn (ingetrokken)")
        OPGELOST = "opgelost", _("resolved by agreement (opgelost in overleg)")

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="complaints", verbose_name=_("samenwerkingsverband"))
    received_on = models.DateField(_("received on"))
    complainant = models.CharField(_("complaint from"), max_length=10, choices=Complainant.choices)
    procedure = models.CharField(_("about the procedure"), max_length=12, choices=Procedure.choices)
    application = models.ForeignKey(
        Application,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("application"),
        help_text=_("The application (TLV dossier) the complaint is about, if any."),
    )
    school = models.ForeignKey(
        School,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("school"),
        help_text=_("The school the complaint is about, if any (default: the school of the application)."),
    )
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["swv", "status", "id"], name="complaint_swv_status_idx"),
            models.Index(fields=["swv", "received_on"], name="complaint_swv_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{_('Complaint')} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    @property
    def pupil_id(self) -> int | None:
        return self.application.pupil_id if self.application_id else None
