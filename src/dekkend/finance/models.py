"""Budgets and reserves of an SWV.

A budget holds only its lines; every total (income, available for the support plan, needed
for it, the operating result) is derived from them by :mod:`dekkend.finance.rules`, never typed.
The reserves table holds per year the total income (baten) and the result; the balances, the
signalling value for excessive reserves, the excess and the ratio are derived.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import Swv


class Scenario(models.TextChoices):
    BEGROTING = "begroting", _("budget")
    PROGNOSE = "prognose", _("forecast")
    REALISATIE = "realisatie", _("actuals")


class LineKind(models.TextChoices):
    """The parts of the programme budget, in the order of Bijlage VII."""

    FUNDING = "funding", _("funding")
    SUBSIDY = "subsidy", _("subsidies")
    TRANSFER = "transfer", _("compulsory transfers")
    ORGANISATION = "organisation", _("organisation costs")
    STATUTORY_TASK = "statutory_task", _("statutory tasks")
    PROGRAMME = "programme", _("programmes")
    ADJUSTMENT = "adjustment", _("adjustments after the result")


INCOME_KINDS = (LineKind.FUNDING, LineKind.SUBSIDY)
COST_KINDS_BEFORE_PLAN = (LineKind.TRANSFER, LineKind.ORGANISATION, LineKind.STATUTORY_TASK)


class Budget(models.Model):
    """One column of the programme budget: an SWV, a calendar year and a scenario."""

    swv = models.ForeignKey(Swv, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("SWV"))
    year = models.PositiveSmallIntegerField(_("year"))
    scenario = models.CharField(_("scenario"), max_length=12, choices=Scenario.choices)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["swv", "year", "scenario"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "year", "scenario"], name="finance_budget_unique_column"),
        ]

    def __str__(self) -> str:
        return f"{self.swv} {self.get_scenario_display()} {self.year}"


class BudgetLine(models.Model):
    """One line of a budget. Costs are positive amounts; a negative amount is a credit (as
    printed in the source, e.g. a programme that returns money)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget"))
    kind = models.CharField(_("kind"), max_length=16, choices=LineKind.choices)
    programme = models.CharField(
        _("programme"), max_length=120, blank=True, help_text=_("For programme lines: the programme they belong to.")
    )
    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    position = models.PositiveIntegerField(_("position"), default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "position"]

    def __str__(self) -> str:
        return self.name


class ReserveYear(models.Model):
    """One column of the reserves table (eigen vermogen): the year's total income and result.

    The first year of a series carries its closing balance (from the annual accounts); later
    years derive theirs from the previous one plus the result. ``rounding_difference`` carries
    decimals the source does not print but its own figures show (docs/finance.md)."""

    swv = models.ForeignKey(Swv, on_delete=models.CASCADE, related_name="reserve_years", verbose_name=_("SWV"))
    year = models.PositiveSmallIntegerField(_("year"))
    scenario = models.CharField(_("scenario"), max_length=12, choices=Scenario.choices)
    baten = models.DecimalField(_("total income"), max_digits=14, decimal_places=2)
    result = models.DecimalField(_("result"), max_digits=14, decimal_places=2, null=True, blank=True)
    closing_balance = models.DecimalField(
        _("closing balance (given)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for the first year of a series, from the annual accounts."),
    )
    rounding_difference = models.DecimalField(_("rounding difference"), max_digits=6, decimal_places=2, default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reserves year")
        verbose_name_plural = _("reserves years")
        ordering = ["swv", "year"]
        constraints = [models.UniqueConstraint(fields=["swv", "year"], name="finance_reserve_year_unique")]

    def __str__(self) -> str:
        return f"{self.swv} {self.year}"


class BudgetLineChange(models.Model):
    """One change of a budget line's amount in the browser (the controller's edit): the history
    kept next to the audit log's event."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="changes", verbose_name=_("line"))
    old_amount = models.DecimalField(_("old amount"), max_digits=14, decimal_places=2)
    new_amount = models.DecimalField(_("new amount"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget line change")
        verbose_name_plural = _("budget line changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.line}: {self.old_amount} -> {self.new_amount}"


# --- Vangnet (Bijlage IX, seeds/001_28cb0100de53310c.txt:4045-4141) ---------------------------


class SupportCategory(models.TextChoices):
    """The support categories of the ministerial regulation; an SBO school has one (001:4115)."""

    SBO = "sbo", _("SBO (no category)")
    LOW = "cat1", _("category 1 (low)")
    MEDIUM = "cat2", _("category 2 (medium)")
    HIGH = "cat3", _("category 3 (high)")


class VangnetRate(models.Model):
    """The amount per pupil of one support category in one year: the rates table kept as data
    (the amounts are the ministerial regulation's, 001:4121-4123; not in the source)."""

    swv = models.ForeignKey(Swv, on_delete=models.CASCADE, related_name="vangnet_rates", verbose_name=_("SWV"))
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("support category"), max_length=4, choices=SupportCategory.choices)
    amount = models.DecimalField(_("amount per pupil"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vangnet rate")
        verbose_name_plural = _("vangnet rates")
        ordering = ["swv", "year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "year", "category"], name="finance_vangnet_rate_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="finance_vangnet_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()}: {self.amount}"


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted, awaiting verification")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class VangnetDeclaration(models.Model):
    """A go-school's declaration for the counting period 2 February - 1 June of ``year``
    (001:4079-4129). The growth figures are counts of pupils with a TLV on the three counting
    days; the net inflow comes from the movements. Amounts and total are derived; at submission
    the rates are copied so that a later change of the rates table does not change it."""

    swv = models.ForeignKey(Swv, on_delete=models.PROTECT, related_name="vangnet_declarations", verbose_name=_("SWV"))
    school = models.ForeignKey(
        "organisations.School", on_delete=models.PROTECT, related_name="vangnet_declarations", verbose_name=_("school")
    )
    year = models.PositiveSmallIntegerField(_("year of the counting period"))
    tlv_pupils_sep_1 = models.PositiveIntegerField(_("pupils with a TLV on 1 September (previous year)"))
    tlv_pupils_feb_1 = models.PositiveIntegerField(_("pupils with a TLV on 1 February"))
    tlv_pupils_jun_1 = models.PositiveIntegerField(_("pupils with a TLV on 1 June"))
    growth_explanation = models.TextField(_("explanation of the growth"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.DRAFT
    )
    rates = models.JSONField(_("rates at submission"), default=dict, blank=True)
    total_amount = models.DecimalField(_("total at submission"), max_digits=14, decimal_places=2, null=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    decision_reasons = models.TextField(_("reasons"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vangnet declaration")
        verbose_name_plural = _("vangnet declarations")
        ordering = ["-year", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="finance_vangnet_one_per_school_year"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.year}"

    @property
    def editable(self) -> bool:
        """A draft or a rejected declaration may be corrected; submitted or approved not."""
        return self.status in (DeclarationStatus.DRAFT, DeclarationStatus.REJECTED)


class MovementDirection(models.TextChoices):
    IN = "in", _("inflow")
    OUT = "out", _("outflow")


class VangnetMovement(models.Model):
    """A number of pupils that came in (new TLV or residential pupil) or left on one day, in one
    support category (001:4105-4113). No pupil is named: the SWV verifies against DUO's data."""

    declaration = models.ForeignKey(
        VangnetDeclaration, on_delete=models.CASCADE, related_name="movements", verbose_name=_("declaration")
    )
    day = models.DateField(_("date"))
    category = models.CharField(_("support category"), max_length=4, choices=SupportCategory.choices)
    direction = models.CharField(_("inflow or outflow"), max_length=3, choices=MovementDirection.choices)
    pupils = models.PositiveIntegerField(_("number of pupils"), default=1)

    class Meta:
        verbose_name = _("vangnet movement")
        verbose_name_plural = _("vangnet movements")
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.day} {self.direction} {self.category} {self.pupils}"


# --- Arrangement funds (Bijlage X, seeds/001_28cb0100de53310c.txt:4143-4270) -------------------


class FundKind(models.TextChoices):
    """The three kinds of arrangement funds a school receives (001:4160-4166)."""

    GENERAL = "general", _("general arrangement funds (amount per pupil)")
    SPECIFIC = "specific", _("specific arrangement funds (an educational arrangement)")
    LWA = "lwa", _("learning-path arrangement funds (LWA, VO)")


class Orientation(models.TextChoices):
    """How the funds are used (001:1850-1876): area-, school- or group-oriented, or not (per pupil)."""

    AREA = "area", _("area-oriented")
    SCHOOL = "school", _("school-oriented")
    GROUP = "group", _("group-oriented")
    INDIVIDUAL = "individual", _("not area-, school- or group-oriented (per pupil)")


class ArrangementFund(models.Model):
    """One allocation of arrangement funds to a school for a calendar year. A general fund is
    the amount per pupil × the pupils on the counting date (its amount is derived); a specific
    or LWA fund has its own amount."""

    swv = models.ForeignKey(Swv, on_delete=models.CASCADE, related_name="arrangement_funds", verbose_name=_("SWV"))
    school = models.ForeignKey(
        "organisations.School", on_delete=models.CASCADE, related_name="arrangement_funds", verbose_name=_("school")
    )
    year = models.PositiveSmallIntegerField(_("calendar year"))
    kind = models.CharField(_("kind"), max_length=10, choices=FundKind.choices)
    name = models.CharField(_("name"), max_length=200)
    orientation = models.CharField(_("orientation"), max_length=10, choices=Orientation.choices)
    rate_per_pupil = models.DecimalField(_("amount per pupil"), max_digits=10, decimal_places=2, null=True, blank=True)
    pupils_on_counting_date = models.PositiveIntegerField(_("pupils on the counting date"), null=True, blank=True)
    counting_date = models.DateField(_("counting date"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For specific and LWA funds; a general fund's amount is derived."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("arrangement fund")
        verbose_name_plural = _("arrangement funds")
        ordering = ["swv", "year", "school__name", "kind", "name"]
        indexes = [models.Index(fields=["swv", "year"], name="finance_fund_swv_year_idx")]

    def __str__(self) -> str:
        return f"{self.school} {self.year} {self.name}"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    AGREED = "agreed", _("agreed")
    REPORTED = "reported", _("accounted for by the board")
    EVALUATED = "evaluated", _("evaluated together")


class BoardAgreement(models.Model):
    """The yearly agreement (samenwerkingsovereenkomst) with a board on the arrangement funds of
    the coming calendar year, and its accountability (001:4258-4270)."""

    swv = models.ForeignKey(Swv, on_delete=models.CASCADE, related_name="board_agreements", verbose_name=_("SWV"))
    board = models.ForeignKey(
        "organisations.Board", on_delete=models.CASCADE, related_name="arrangement_agreements", verbose_name=_("board")
    )
    year = models.PositiveSmallIntegerField(_("calendar year"))
    goals = models.TextField(_("what was agreed (goals and criteria)"))
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    report = models.TextField(_("what was reported"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )

    class Meta:
        verbose_name = _("agreement with a board")
        verbose_name_plural = _("agreements with boards")
        ordering = ["swv", "-year", "board__name"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "board", "year"], name="finance_agreement_one_per_board_year"),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.year}"
