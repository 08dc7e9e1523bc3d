"""The indicator catalogue: every indicator named in the SWV's plans, as data.

The catalogue is kept in ``data/indicators.yaml`` and loaded into :class:`Indicator` by
:func:`dekkend.monitoring.services.catalogue_load` (after every migrate). Values are computed
live from the system's own records by :mod:`dekkend.monitoring.indicators`; a
:class:`Snapshot` stores them per period (``./dekkend manage snapshot_indicators``) so that the
history of a closed period survives later data corrections, with a note of what changed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    DAYS = "days", _("days")
    PER_100 = "per_100", _("per 100 pupils")
    PER_1000 = "per_1000", _("per 1,000 pupils")
    COUNT = "count", _("number")
    PLACES = "places", _("places")


class Direction(models.TextChoices):
    INCREASE = "increase", _("should increase")
    DECREASE = "decrease", _("should decrease")
    TARGET = "target", _("should meet the target of the year")


class Level(models.TextChoices):
    CITY = "city", _("whole samenwerkingsverband")
    DISTRICT = "district", _("district")
    BOARD = "board", _("school board")
    SCHOOL = "school", _("school")


class Audience(models.TextChoices):
    STAFF = "staff", _("SWV staff")
    BOARD = "board", _("school boards")
    PARTNER = "partner", _("partners (aggregates, small numbers suppressed)")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    definition = models.TextField(_("definition"))
    formula = models.TextField(_("formula"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("desired direction"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(
        _("baseline (0-meting)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    baseline_label = models.CharField(_("baseline label"), max_length=100, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=9, decimal_places=2, null=True, blank=True)
    target_label = models.CharField(_("target label"), max_length=100, blank=True)
    history = models.JSONField(_("history (year: value)"), default=dict, blank=True)
    targets = models.JSONField(_("targets (year: value)"), default=dict, blank=True)
    benchmark = models.JSONField(_("national benchmark (year: value)"), default=dict, blank=True)
    benchmark_source = models.TextField(
        _("source of the national benchmark"), blank=True, help_text=_("Publisher, table or article, and address.")
    )
    source = models.CharField(_("source"), max_length=300, help_text=_("Seed file and lines."))
    swv_code = models.CharField(
        _("SWV whose plan sets it"), max_length=40, blank=True, help_text=_("Empty: every samenwerkingsverband.")
    )
    sector = models.CharField(_("sector"), max_length=2, blank=True)
    levels = models.JSONField(_("levels of detail allowed"), default=list)
    audience = models.JSONField(_("who may see it"), default=list)
    function = models.CharField(_("computing function"), max_length=60, blank=True)
    status = models.TextField(_("status"), blank=True, help_text=_("Why it is not computed yet."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return bool(self.function)

    def target_for(self, year: int):
        value = self.targets.get(str(year))
        return float(value) if value is not None else None


class Snapshot(models.Model):
    """The values of one indicator for one SWV, period and level as computed at one moment.

    Only the newest snapshot of a (indicator, SWV, period, level) is ``is_current``; an older
    one stays as history. A new snapshot is stored only when a figure differs from the current
    one, and ``changes`` then says which (cell, old → new), with who took it and why.
    The indicator is kept by code (not a foreign key): history outlives a catalogue change.
    """

    indicator_code = models.SlugField(_("indicator"), max_length=60)
    swv = models.ForeignKey("organisations.Swv", models.PROTECT, related_name="+", verbose_name=_("SWV"))
    period = models.CharField(_("period"), max_length=10, help_text=_("2025, 2025-M4 or 2025-M8."))
    year = models.PositiveSmallIntegerField(_("year"))
    months = models.PositiveSmallIntegerField(_("months"), default=12)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    taken_at = models.DateTimeField(_("taken at"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("taken by")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changes = models.JSONField(_("changes against the previous snapshot"), default=list, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["indicator_code", "swv", "period", "level", "-taken_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_code", "swv", "period", "level"],
                condition=models.Q(is_current=True),
                name="monitoring_one_current_snapshot",
            )
        ]
        indexes = [models.Index(fields=["swv", "period", "is_current"], name="monitoring_snapshot_lookup")]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.period} {self.level}"


class SnapshotCell(models.Model):
    """One cell of a snapshot (the whole SWV, a district, a board or a school), never a pupil.
    ``partner_suppressed``: partners see "<5" here (small-cell and complementary suppression,
    decided on the whole level as on the pages)."""

    snapshot = models.ForeignKey(Snapshot, models.CASCADE, related_name="cells", verbose_name=_("snapshot"))
    key = models.CharField(_("key"), max_length=40)
    label = models.CharField(_("name"), max_length=200, blank=True)
    group = models.CharField(_("group"), max_length=40, blank=True)
    numerator = models.IntegerField(_("count"), null=True, blank=True)
    denominator = models.IntegerField(_("base"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    p25 = models.FloatField("P25", null=True, blank=True)
    median = models.FloatField(_("median"), null=True, blank=True)
    p75 = models.FloatField("P75", null=True, blank=True)
    partner_suppressed = models.BooleanField(_("suppressed for partners"), default=False)

    class Meta:
        verbose_name = _("snapshot cell")
        verbose_name_plural = _("snapshot cells")
        ordering = ["snapshot", "key"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "key"], name="monitoring_snapshot_cell_unique")]

    def __str__(self) -> str:
        return f"{self.snapshot} {self.key}"


class NationalFigure(models.Model):
    """A national figure of one indicator in one year (a share in percent: OCW, DUO), recorded
    by the SWV with its source, because such figures are published yearly outside the system.

    Every change is a new row: the newest of an (indicator, SWV, year) is ``is_current``, the
    older ones stay as history (as snapshots do). A withdrawn figure is a current row without a
    value. Not pupil data: every role that sees the indicator sees it, without suppression. The
    indicator is kept by code (not a foreign key): the history outlives a catalogue change."""

    indicator_code = models.SlugField(_("indicator"), max_length=60)
    swv = models.ForeignKey("organisations.Swv", models.PROTECT, related_name="+", verbose_name=_("SWV"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(
        _("national share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the figure was withdrawn."),
    )
    source = models.TextField(_("source"), blank=True, help_text=_("Publisher, table and address."))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("national figure")
        verbose_name_plural = _("national figures")
        ordering = ["indicator_code", "swv", "year", "-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_code", "swv", "year"],
                condition=models.Q(is_current=True),
                name="monitoring_one_current_national_figure",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0, value__lte=100),
                name="monitoring_national_figure_share",
            ),
        ]
        indexes = [models.Index(fields=["swv", "is_current"], name="monitoring_national_lookup")]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.year}: {self.value}"
