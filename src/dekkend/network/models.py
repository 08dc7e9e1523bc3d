"""The dekkend netwerk and the Almeerse Matrix: support-need profiles of pupils, the rule
table of an SWV, and the groups and arrangements of each provision with their own profile."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .rules import AREAS


class Intensity(models.IntegerChoices):
    """Source 001_28cb0100de53310c.txt lines 6691-6701."""

    AGE_APPROPRIATE = 1, pgettext_lazy("intensity", "age-appropriate or on call")
    INCIDENTAL = 2, pgettext_lazy("intensity", "incidental")
    REGULAR = 3, pgettext_lazy("intensity", "regular")
    CONTINUOUS = 4, pgettext_lazy("intensity", "continuous")
    INTENSIVE = 5, pgettext_lazy("intensity", "intensive")
    VERY_INTENSIVE = 6, pgettext_lazy("intensity", "very intensive")


class ProvisionType(models.TextChoices):
    REGULAR = "regulier", _("regular school (basic support)")
    REGULAR_PLUS = "regulier+", _("regular school with an arrangement (regulier+)")
    SBO = "sbo", _("special primary school (sbo)")
    SBO_PLUS = "sbo+", _("sbo with extra funding (sbo+)")
    PRO = "pro", _("practical education (PrO)")
    SO = "so", _("special school (so)")
    VSO = "vso", _("special secondary school (vso)")


class FundingCategory(models.IntegerChoices):
    LOW = 1, _("category 1 (low)")
    MIDDLE = 2, _("category 2 (middle)")
    HIGH = 3, _("category 3 (high)")


def _level_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=Intensity.choices,
        default=Intensity.AGE_APPROPRIATE,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )


class SupportProfile(models.Model):
    """One assessment of a pupil's support need. Never changed: a new assessment is a new row,
    and the latest row is the pupil's current profile."""

    pupil = models.ForeignKey("pupils.Pupil", models.PROTECT, related_name="support_profiles", verbose_name=_("pupil"))
    leren = _level_field(_("learning and cognition"))
    werkhouding = _level_field(_("work attitude and task approach"))
    communicatie = _level_field(_("communication and language"))
    fysiek = _level_field(_("physical and motor development"))
    context = _level_field(_("context and system"))
    gedrag = _level_field(_("social-emotional development and behaviour"))
    group_size = models.PositiveSmallIntegerField(
        _("group size"),
        null=True,
        blank=True,
        help_text=_("The largest group the pupil can function in (the criteria: 'at least N pupils')."),
    )
    emb = models.BooleanField(_("severe multiple disabilities (EMB)"), default=False)
    iq = models.PositiveSmallIntegerField(_("IQ"), null=True, blank=True)
    learning_delay_years = models.DecimalField(
        _("learning delay in years"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    created_at = models.DateTimeField(_("assessed at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        verbose_name = _("support profile")
        verbose_name_plural = _("support profiles")
        ordering = ["pupil", "-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.pupil_id} @ {self.created_at:%Y-%m-%d}"

    @property
    def levels(self) -> dict[str, int]:
        return {area: getattr(self, area) for area in AREAS}


class RuleTable(models.Model):
    """A published version of an SWV's criteria. A new version is a new row; old ones stay."""

    swv = models.ForeignKey(
        "organisations.Swv", models.PROTECT, related_name="rule_tables", verbose_name=_("samenwerkingsverband")
    )
    version = models.CharField(_("version"), max_length=20)
    published_on = models.DateField(_("published on"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("rule table")
        verbose_name_plural = _("rule tables")
        ordering = ["swv", "-published_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["swv", "version"], name="ruletable_unique_version_per_swv")]

    def __str__(self) -> str:
        return f"{self.swv} {self.version}"


class Criterion(models.Model):
    """One row of a rule table: a condition for a provision type and funding category, citing
    its source line and explaining itself in Dutch."""

    class Role(models.TextChoices):
        REQUIRED = "required", _("required")
        ALTERNATIVE = "alternative", _("one of the alternatives")

    table = models.ForeignKey(RuleTable, models.CASCADE, related_name="criteria", verbose_name=_("rule table"))
    key = models.SlugField(_("key"), max_length=60)
    sectors = models.JSONField(_("sectors"), default=list)
    provision_type = models.CharField(_("provision type"), max_length=10, choices=ProvisionType.choices)
    funding_category = models.PositiveSmallIntegerField(
        _("funding category"), choices=FundingCategory.choices, null=True, blank=True
    )
    letter = models.CharField(_("letter in the source"), max_length=2, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.ALTERNATIVE)
    conditions = models.JSONField(_("conditions"), default=dict)
    unchecked = models.TextField(_("judged by the experts, not checked"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(_("source"), max_length=100)
    explanation = models.TextField(_("explanation"))

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["table", "id"]
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="criterion_unique_key_per_table")]

    def __str__(self) -> str:
        return self.key


class ProvisionGroup(models.Model):
    """A group or arrangement of a provision for one school year, with the intensity it can
    offer per area (its matrix profile) and its places."""

    provision = models.ForeignKey(
        "organisations.Provision", models.CASCADE, related_name="groups", verbose_name=_("provision")
    )
    name = models.CharField(_("name"), max_length=200)
    arrangement_code = models.CharField(_("arrangement code"), max_length=40, blank=True)
    provision_type = models.CharField(_("provision type"), max_length=10, choices=ProvisionType.choices)
    school_year = models.CharField(_("school year"), max_length=9, help_text=_("For example 2025-2026."))
    location = models.ForeignKey(
        "organisations.SchoolLocation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school location"),
    )
    offer_leren = _level_field(_("offer: learning and cognition"))
    offer_werkhouding = _level_field(_("offer: work attitude and task approach"))
    offer_communicatie = _level_field(_("offer: communication and language"))
    offer_fysiek = _level_field(_("offer: physical and motor development"))
    offer_context = _level_field(_("offer: context and system"))
    offer_gedrag = _level_field(_("offer: social-emotional development and behaviour"))
    places_without_category = models.PositiveSmallIntegerField(_("places without TLV category"), default=0)
    places_category_1 = models.PositiveSmallIntegerField(_("places in category 1"), default=0)
    places_category_2 = models.PositiveSmallIntegerField(_("places in category 2"), default=0)
    places_category_3 = models.PositiveSmallIntegerField(_("places in category 3"), default=0)
    current_pupils = models.PositiveSmallIntegerField(_("current pupils"), default=0)
    free_places = models.PositiveSmallIntegerField(_("free places now"), default=0)
    # The places planned for the next school year, per funding level. Empty (all four) when no
    # plan is recorded: the next year then counts as now ("zoals nu").
    planned_without_category = models.PositiveSmallIntegerField(
        _("planned places without TLV category next school year"), null=True, blank=True
    )
    planned_category_1 = models.PositiveSmallIntegerField(
        _("planned places in category 1 next school year"), null=True, blank=True
    )
    planned_category_2 = models.PositiveSmallIntegerField(
        _("planned places in category 2 next school year"), null=True, blank=True
    )
    planned_category_3 = models.PositiveSmallIntegerField(
        _("planned places in category 3 next school year"), null=True, blank=True
    )
    waiting_list = models.PositiveSmallIntegerField(_("waiting list"), default=0)

    class Meta:
        verbose_name = _("provision group")
        verbose_name_plural = _("provision groups")
        ordering = ["provision", "school_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provision", "school_year", "name"], name="provisiongroup_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.provision} – {self.name}"

    @property
    def offer(self) -> dict[str, int]:
        return {area: getattr(self, f"offer_{area}") for area in AREAS}

    @property
    def places_total(self) -> int:
        return self.places_without_category + self.places_category_1 + self.places_category_2 + self.places_category_3

    def places_for(self, category: int | None) -> int:
        return getattr(self, f"places_category_{category}") if category else self.places_without_category

    PLANNED_FIELDS = ("planned_without_category", "planned_category_1", "planned_category_2", "planned_category_3")

    @property
    def has_plan(self) -> bool:
        """Is a plan for the next school year recorded (any of the four levels)?"""
        return any(getattr(self, name) is not None for name in self.PLANNED_FIELDS)

    @property
    def places_now(self) -> dict[int, int]:
        """Places per funding level now (0: without TLV category)."""
        return {level: self.places_for(level or None) for level in range(4)}

    @property
    def places_planned(self) -> dict[int, int]:
        """Places per funding level planned for the next school year; as now without a plan."""
        if not self.has_plan:
            return self.places_now
        return {level: getattr(self, name) or 0 for level, name in enumerate(self.PLANNED_FIELDS)}

    @property
    def planned_places_next_year(self) -> int:
        return sum(self.places_planned.values())

    @property
    def free_places_planned(self) -> int:
        """Free places next school year: the planned places minus the pupils there now (our
        reading: the pupils stay on; leavers and newcomers are not known in advance)."""
        return max(0, self.planned_places_next_year - self.current_pupils)

    def clean(self):
        super().clean()
        planned = [getattr(self, name) is None for name in self.PLANNED_FIELDS]
        if any(planned) and not all(planned):
            raise ValidationError(
                {
                    name: _("Give the planned places for every funding level (0 for none), or for none.")
                    for name in self.PLANNED_FIELDS
                    if getattr(self, name) is None
                }
            )


class FundingTariff(models.Model):
    """What the SWV pays per place per school year at one funding level, with the indexed tariff
    it expects for the next school year (MEASURES.md: "tariffs per funding level, with an
    indexed next-year tariff"). Level 0 is a place without a TLV category (an arrangement)."""

    swv = models.ForeignKey(
        "organisations.Swv", models.PROTECT, related_name="funding_tariffs", verbose_name=_("samenwerkingsverband")
    )
    school_year = models.CharField(_("school year"), max_length=9, help_text=_("For example 2025-2026."))
    level = models.PositiveSmallIntegerField(
        _("funding level"),
        choices=[(0, _("without TLV category")), *FundingCategory.choices],
        validators=[MaxValueValidator(3)],
    )
    amount = models.DecimalField(_("tariff per place per school year"), max_digits=10, decimal_places=2)
    indexed_next_year = models.DecimalField(
        _("indexed tariff for the next school year"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_example = models.BooleanField(
        _("example tariff"),
        default=False,
        help_text=_("A placeholder shipped with the software, not a tariff the SWV has set."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("funding tariff")
        verbose_name_plural = _("funding tariffs")
        ordering = ["swv", "school_year", "level"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "school_year", "level"], name="fundingtariff_unique_level"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="fundingtariff_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.swv} {self.school_year} {self.level}: {self.amount}"


class CoverageScenario(models.Model):
    """A named what-if for the coverage of an SWV: changes of places at its groups, saved to
    be reopened and compared with now. Belongs to one SWV and is never shown to another."""

    swv = models.ForeignKey(
        "organisations.Swv", models.PROTECT, related_name="coverage_scenarios", verbose_name=_("samenwerkingsverband")
    )
    name = models.CharField(_("name"), max_length=120)
    sector = models.CharField(_("sector"), max_length=2, choices=[("po", "PO"), ("vo", "VO")])
    school_year = models.CharField(_("school year"), max_length=9)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("coverage scenario")
        verbose_name_plural = _("coverage scenarios")
        ordering = ["swv", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["swv", "name"], name="coveragescenario_unique_name_per_swv")]

    def __str__(self) -> str:
        return self.name

    def as_changes(self) -> dict[tuple[int, int | None], int]:
        """The changes in the form ``selectors.coverage(changes=...)`` takes."""
        changes: dict[tuple[int, int | None], int] = {}
        for change in self.changes.all():
            key = (change.group_id, change.level or None)
            changes[key] = changes.get(key, 0) + change.places
        return changes


class ScenarioChange(models.Model):
    """Places added (positive) or removed (negative) at one group and funding level."""

    scenario = models.ForeignKey(
        CoverageScenario, models.CASCADE, related_name="changes", verbose_name=_("coverage scenario")
    )
    group = models.ForeignKey(ProvisionGroup, models.CASCADE, related_name="+", verbose_name=_("provision group"))
    level = models.PositiveSmallIntegerField(
        _("funding level"),
        choices=[(0, _("without TLV category")), *FundingCategory.choices],
        default=0,
        validators=[MaxValueValidator(3)],
    )
    places = models.SmallIntegerField(
        _("places to add (negative: remove)"), validators=[MinValueValidator(-500), MaxValueValidator(500)]
    )

    class Meta:
        verbose_name = _("scenario change")
        verbose_name_plural = _("scenario changes")
        ordering = ["scenario", "id"]

    def __str__(self) -> str:
        return f"{self.group_id}/{self.level}: {self.places:+d}"
