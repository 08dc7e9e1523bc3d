"""Plans as data: an ondersteuningsplan (support plan, a period) and the year plans that refine
it; chapters or speerpunten; goals with their indicators; activities and projects with owner,
hours, budget and a status whose every change is kept with its evidence (PDCA)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dekkend.organisations.models import Swv


class PlanKind(models.TextChoices):
    SUPPORT_PLAN = "support_plan", _("support plan")
    YEAR_PLAN = "year_plan", _("year plan")


class Plan(models.Model):
    """A support plan (e.g. 2023-2027) or a year plan refining it. Almere has one plan for its
    PO and VO samenwerkingsverbanden, so a plan belongs to one or more SWVs."""

    swvs = models.ManyToManyField(Swv, related_name="plans", verbose_name=_("samenwerkingsverbanden"))
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="year_plans",
        verbose_name=_("support plan it refines"),
    )
    title = models.CharField(_("title"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    evaluation_source = models.CharField(_("source of the evaluation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["organisation", "starts", "kind"]
        constraints = [models.CheckConstraint(condition=models.Q(ends__gt=models.F("starts")), name="plan_period")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"


class Chapter(models.Model):
    """A chapter of the plan (Almere) or a speerpunt (Plein 013)."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("chapter")
        SPEERPUNT = "speerpunt", _("speerpunt")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("plan"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CHAPTER)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="goals", verbose_name=_("chapter"))
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("goal"))
    on_course = models.BooleanField(_("on course"), null=True, blank=True, help_text=_("Empty: not assessed (yet)."))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["chapter", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class Indicator(models.Model):
    """How a goal is measured. ``code`` may name an indicator of the monitoring catalogue."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("chapter")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators", verbose_name=_("goal")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("indicator"))
    code = models.SlugField(
        _("catalogue code"), max_length=80, blank=True, help_text=_("The code in the indicator catalogue, if any.")
    )
    target = models.CharField(_("target"), max_length=200, blank=True)
    progress = models.CharField(_("progress"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["chapter", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity status", "not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("activity status", "in progress")
    DONE = "done", pgettext_lazy("activity status", "done")
    NOT_ACHIEVED = "not_achieved", pgettext_lazy("activity status", "not achieved")
    NOT_FEASIBLE = "not_feasible", pgettext_lazy("activity status", "closed: not feasible")


class Activity(models.Model):
    """An activity, project or structural activity of a plan, with what it costs."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("activity")
        PROJECT = "project", _("project")
        STRUCTURAL = "structural", _("structural activity")
        SUBSIDY = "subsidy", _("subsidy project")

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="activities", verbose_name=_("chapter")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("goal")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ACTIVITY)
    name = models.CharField(_("name"), max_length=200, blank=True)
    text = models.TextField(_("description"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    hours_planned = models.DecimalField(_("hours planned"), max_digits=8, decimal_places=1, null=True, blank=True)
    hours_spent = models.DecimalField(_("hours spent"), max_digits=8, decimal_places=1, null=True, blank=True)
    budget_planned = models.DecimalField(_("budget planned"), max_digits=12, decimal_places=2, null=True, blank=True)
    budget_note = models.CharField(_("budget note"), max_length=200, blank=True)
    budget_spent = models.DecimalField(_("budget spent"), max_digits=12, decimal_places=2, null=True, blank=True)
    indicator_text = models.TextField(_("how it is checked"), blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    status_text = models.CharField(_("status as written"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["chapter", "position"]

    def __str__(self) -> str:
        return self.name or self.text[:80]


class StatusChange(models.Model):
    """One change of an activity's status, with the evidence for it; never edited."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("activity")
    )
    old_status = models.CharField(_("old status"), max_length=14, choices=ActivityStatus.choices, blank=True)
    new_status = models.CharField(_("new status"), max_length=14, choices=ActivityStatus.choices)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["activity", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.old_status} -> {self.new_status}"


class Body(models.TextChoices):
    """The bodies that must discuss a plan document (issue 7; 001:28-45 names them)."""

    ALV = "alv", _("general assembly (ALV)")
    BOARD = "bestuur", _("board")
    OPR = "opr", _("support plan council (OPR)")
    OOGO = "oogo", _("consultation with the municipality (OOGO)")
    MT = "mt", _("management team (MT)")


class CalendarEntry(models.Model):
    """The year calendar (jaarkalender): a document, the body that must discuss it, when it was
    planned and when it was discussed. The year plan wants 100% on time (000:440-442)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="calendar", verbose_name=_("plan"))
    document = models.CharField(_("document"), max_length=200)
    body = models.CharField(_("body"), max_length=10, choices=Body.choices)
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    discussed_on = models.DateField(_("discussed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        ordering = ["plan", "planned_on", "discussed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document} ({self.get_body_display()})"


class Subsidy(models.Model):
    """A subsidy the SWV applied for, received or contributes to, with its own goals and
    accounting date (the year plan keeps them apart "zodat we de subsidies goed monitoren",
    000:500-536)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied for")
        GRANTED = "granted", _("granted")
        CONTRIBUTION = "contribution", _("contributing to another's subsidy")
        ACCOUNTED = "accounted", _("accounted for")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="subsidies", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=300)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True)
    amount_granted = models.DecimalField(_("amount granted"), max_digits=12, decimal_places=2, null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True, help_text=_("As in the application and its plan of approach."))
    accounting_due = models.DateField(_("accounting due"), null=True, blank=True)
    accounted_on = models.DateField(_("accounted on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("subsidy")
        verbose_name_plural = _("subsidies")
        ordering = ["plan", "accounting_due", "name"]

    def __str__(self) -> str:
        return self.name
