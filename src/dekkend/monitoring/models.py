"""The indicator catalogue: every indicator named in the SWV's plans, as data.

The catalogue is kept in ``data/indicators.yaml`` and loaded into :class:`Indicator` by
:func:`dekkend.monitoring.services.catalogue_load` (after every migrate). Values are not stored:
:mod:`dekkend.monitoring.indicators` computes them live from the system's own records.
"""

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
