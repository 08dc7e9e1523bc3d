"""Imports of outside data: DUO's pupil counts per school location, DUO's funded pupils and the
municipality's thuiszitter list.

Every upload is an :class:`ImportRun`: who uploaded it, when, the file's hash, the row counts, the
row-by-row validation report and the status. Nothing of the file is stored until the run was
validated without errors and a user confirmed it; then all rows are stored in one transaction
(:func:`dekkend.imports.services.import_store`). ``docs/imports.md`` gives the formats and rules.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import School, SchoolLocation, Swv
from dekkend.referrals.models import FundingCategory, ProvisionType


class ImportKind(models.TextChoices):
    COUNTS = "counts", _("pupil counts per school location (DUO)")
    FUNDING = "funding", _("funded pupils with a TLV (DUO)")
    THUISZITTERS = "thuiszitters", _("thuiszitter list of the municipality")


class ImportStatus(models.TextChoices):
    INVALID = "invalid", _("rejected: the file has errors, nothing stored")
    VALIDATED = "validated", _("checked: waiting for confirmation")
    QUEUED = "queued", _("confirmed: waiting to be stored")
    RUNNING = "running", _("being stored")
    STORED = "stored", _("stored")
    FAILED = "failed", _("failed: nothing stored")
    CANCELLED = "cancelled", _("cancelled: nothing stored")


OPEN_STATUSES = (ImportStatus.QUEUED, ImportStatus.RUNNING)


def _import_path(instance, filename) -> str:
    # A random name: the original file name may name a pupil or a school.
    return f"imports/{instance.swv_id}/{uuid.uuid4().hex}"


class ImportRun(models.Model):
    Kind = ImportKind
    Status = ImportStatus

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="import_runs", verbose_name=_("samenwerkingsverband"))
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    file = models.FileField(_("file"), upload_to=_import_path, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_format = models.CharField(_("file format"), max_length=10, blank=True)
    file_encoding = models.CharField(_("file encoding"), max_length=20, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_valid = models.PositiveIntegerField(_("rows without errors"), default=0)
    rows_invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    rows_skipped = models.PositiveIntegerField(_("rows that will not be stored"), default=0)
    rows_stored = models.PositiveIntegerField(_("rows stored"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-id"]
        indexes = [models.Index(fields=["swv", "kind", "id"], name="importrun_swv_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.VALIDATED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PupilCount(models.Model):
    """The number of pupils of a school location on a counting date, as DUO counted them."""

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="pupil_counts", verbose_name=_("samenwerkingsverband"))
    school = models.ForeignKey(School, models.PROTECT, related_name="pupil_counts", verbose_name=_("school"))
    location = models.ForeignKey(
        SchoolLocation, models.PROTECT, related_name="pupil_counts", verbose_name=_("school location")
    )
    counting_date = models.DateField(_("counting date"))
    pupils = models.PositiveIntegerField(_("number of pupils"))
    import_run = models.ForeignKey(ImportRun, models.PROTECT, related_name="pupil_counts", verbose_name=_("import"))

    class Meta:
        verbose_name = _("pupil count")
        verbose_name_plural = _("pupil counts")
        ordering = ["-counting_date", "location_id"]
        constraints = [
            models.UniqueConstraint(fields=["location", "counting_date"], name="pupilcount_unique_location_date"),
        ]
        indexes = [models.Index(fields=["swv", "counting_date"], name="pupilcount_swv_date_idx")]

    def __str__(self) -> str:
        return f"{self.location_id} {self.counting_date}: {self.pupils}"


class FundedPupil(models.Model):
    """One line of DUO's list of pupils funded with a TLV, as DUO gives it (one list per import)."""

    import_run = models.ForeignKey(ImportRun, models.CASCADE, related_name="funded_pupils", verbose_name=_("import"))
    swv = models.ForeignKey(Swv, models.PROTECT, related_name="funded_pupils", verbose_name=_("samenwerkingsverband"))
    row = models.PositiveIntegerField(_("row in the file"))
    decision_number = models.CharField(_("decision number"), max_length=40)
    pupil_key = models.CharField(_("pupil as DUO identifies them"), max_length=40)
    birth_date = models.DateField(_("date of birth"))
    provision_type = models.CharField(_("type of education"), max_length=3, choices=ProvisionType.choices)
    funding_category = models.PositiveSmallIntegerField(
        _("funding category"), choices=FundingCategory.choices, null=True, blank=True
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("funded pupil")
        verbose_name_plural = _("funded pupils")
        ordering = ["import_run", "row"]
        constraints = [
            models.UniqueConstraint(fields=["import_run", "decision_number"], name="fundedpupil_unique_decision"),
        ]

    def __str__(self) -> str:
        return self.decision_number

    def clean(self) -> None:
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date cannot be before the start date.")})
