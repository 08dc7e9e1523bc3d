"""Writes of the finance app: loading the published budgets and reserves of an SWV."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import Swv

from .models import Budget, BudgetLine, ReserveYear

DATA = Path(__file__).resolve().parent / "data"
SEED = "001_28cb0100de53310c.txt"


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _load_yaml(name: str) -> dict:
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@transaction.atomic
def budgets_load(*, swv: Swv, context: AuditContext) -> int:
    """Replace ``swv``'s budgets by those of Bijlage VII (when the data has them); returns the
    number of budgets written. Idempotent."""
    data = _load_yaml("almere_budgets.yaml")
    entry = next((item for item in data["budgets"] if item["swv"] == swv.code), None)
    if entry is None:
        return 0
    budgets = []
    for index, (year, scenario) in enumerate(data["columns"]):
        budget, _created = Budget.objects.update_or_create(
            swv=swv, year=year, scenario=scenario, defaults={"source": f"{SEED}:{entry['source_lines']}"}
        )
        budget.lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(
                budget=budget,
                kind=line["kind"],
                programme=line.get("programme", ""),
                name=line["name"],
                amount=_amount(line["amounts"][index]),
                position=position,
                source=f"{SEED}:{line['line']}",
            )
            for position, line in enumerate(entry["lines"])
            if line["amounts"][index] is not None
        )
        budgets.append(budget.pk)
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="budget",
        swv_id=swv.pk,
        detail={"budget_ids": budgets, "source": SEED},
    )
    return len(budgets)


@transaction.atomic
def reserves_load(*, swv: Swv, context: AuditContext) -> int:
    """Replace ``swv``'s reserves table by that of Bijlage VII (when the data has it)."""
    entry = next((item for item in _load_yaml("reserves.yaml")["reserves"] if item["swv"] == swv.code), None)
    if entry is None:
        return 0
    ReserveYear.objects.filter(swv=swv).delete()
    rows = ReserveYear.objects.bulk_create(
        ReserveYear(
            swv=swv,
            year=year["year"],
            scenario=year["scenario"],
            baten=_amount(year["baten"]),
            result=_amount(year.get("result")),
            closing_balance=_amount(year.get("closing_balance")),
            rounding_difference=_amount(year.get("rounding_difference", 0)),
            source=year["source"],
        )
        for year in entry["years"]
    )
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="reserves",
        swv_id=swv.pk,
        detail={"years": [row.year for row in rows], "source": SEED},
    )
    return len(rows)
