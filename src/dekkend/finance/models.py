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
