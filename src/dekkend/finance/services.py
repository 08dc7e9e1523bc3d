"""Writes of the finance app: loading the published budgets and reserves of an SWV, the
controller's change of a budget line, vangnet declarations and their verification, and the
arrangement funds with the yearly agreements per board."""

import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.core import permissions
from dekkend.core.permissions import Action
from dekkend.organisations.models import School, Swv

from . import rules
from .models import (
    AgreementStatus,
    Budget,
    BudgetLine,
    BudgetLineChange,
    DeclarationStatus,
    ReserveYear,
    Scenario,
    VangnetDeclaration,
    VangnetMovement,
    VangnetRate,
)

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


def _denied(
    context: AuditContext, object_type: str, object_id, swv_id: int | None = None, detail: dict | None = None
) -> PermissionDenied:
    """Record a refused write and return the exception to raise. Call it before the service's
    transaction opens: a refusal raised inside one would roll its own row back."""
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.DENIED,
        object_type=object_type,
        object_id=object_id,
        swv_id=swv_id,
        detail=detail,
    )
    return PermissionDenied


# --- Editing a budget line (the controller) --------------------------------------------------


def budget_line_amount_change(
    *, line_id: int, year: int, scenario: str, amount: Decimal, reason: str = "", context: AuditContext
) -> BudgetLine:
    """Set the amount of a line in the budget column ``year`` × ``scenario`` of the line's SWV
    (the same line by part, programme and name). Totals are never stored: they follow. Refuses
    a column that does not exist and a sign the line's part does not allow; nothing changes.
    The permission (the line's SWV, which does not change) is decided before the transaction."""
    source = BudgetLine.objects.select_related("budget").filter(pk=line_id).first()
    if source is None or source.budget.swv_id not in permissions.budget_edit_swv_ids(context.user):
        raise _denied(context, "budget_line", line_id, source.budget.swv_id if source else None)
    with transaction.atomic():
        return _line_amount_set(source, year, scenario, amount, reason, context)


def _line_amount_set(
    source: BudgetLine, year: int, scenario: str, amount: Decimal, reason: str, context: AuditContext
) -> BudgetLine:
    if scenario not in Scenario.values:
        raise ValidationError({"scenario": _("Choose budget, forecast or actuals.")})
    budget = Budget.objects.filter(swv_id=source.budget.swv_id, year=year, scenario=scenario).first()
    if budget is None:
        raise ValidationError(
            {
                "year": _("There is no %(scenario)s for %(year)s of this SWV; nothing was changed.")
                % {"scenario": Scenario(scenario).label, "year": year}
            }
        )
    line = (
        BudgetLine.objects.select_for_update()
        .filter(budget=budget, kind=source.kind, programme=source.programme, name=source.name)
        .first()
    )
    if line is None:
        raise ValidationError(
            {
                "year": _("This line is not in the %(scenario)s %(year)s.")
                % {"scenario": Scenario(scenario).label, "year": year}
            }
        )
    if not rules.amount_sign_allowed(line.kind, amount):
        raise ValidationError(
            {"amount": _("A line of %(kind)s cannot be negative.") % {"kind": line.get_kind_display()}}
        )
    old = line.amount
    if old == amount:
        return line
    line.amount = amount
    line.save(update_fields=["amount"])
    BudgetLineChange.objects.create(
        line=line, old_amount=old, new_amount=amount, reason=reason.strip(), changed_by=context.user
    )
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="budget_line",
        object_id=line.pk,
        swv_id=budget.swv_id,
        reason=reason.strip()[:200],
        detail={"budget_id": budget.pk, "old": str(old), "new": str(amount)},
    )
    return line


# --- Vangnet (Bijlage IX, 001:4045-4141) ------------------------------------------------------


@transaction.atomic
def vangnet_rates_load(*, swv: Swv, context: AuditContext) -> int:
    """Replace ``swv``'s rates table by ``data/vangnet_rates.yaml`` (one amount per support
    category and year). Idempotent."""
    data = _load_yaml("vangnet_rates.yaml")
    written = 0
    for year in data["years"]:
        for category, amount in year["rates"].items():
            VangnetRate.objects.update_or_create(
                swv=swv,
                year=year["year"],
                category=category,
                defaults={"amount": _amount(amount), "source": data["source"]},
            )
            written += 1
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="vangnet_rates",
        swv_id=swv.pk,
        detail={"rates": written},
    )
    return written


def _declaration(declaration_id: int, *, lock: bool = False) -> VangnetDeclaration:
    queryset = VangnetDeclaration.objects.select_for_update() if lock else VangnetDeclaration.objects
    declaration = queryset.select_related("school", "swv").filter(pk=declaration_id).first()
    if declaration is None:
        raise VangnetDeclaration.DoesNotExist
    return declaration


def _lock_declaration(declaration_id: int) -> VangnetDeclaration:
    return _declaration(declaration_id, lock=True)


def _may_declare(school: School, context: AuditContext, declaration_id="", **detail) -> None:
    """Refused (and audited) unless the user declares for ``school``. Decided before the
    transaction: it rests on the school's SWV and board, which the declaration's lock does not
    guard, so reading them again under that lock would add nothing."""
    if not permissions.decide_vangnet_declare(context.user, school).allowed:
        raise _denied(context, "vangnet_declaration", declaration_id, school.swv_id, detail or None)


def _declarer(declaration_id: int, context: AuditContext) -> None:
    """Refused (and audited) unless the user declares for the declaration's school."""
    declaration = _declaration(declaration_id)
    _may_declare(declaration.school, context, declaration.pk)


def _require_editable(declaration: VangnetDeclaration) -> None:
    if not declaration.editable:
        raise ValidationError(
            _("This declaration is %(status)s and can no longer be changed.")
            % {"status": declaration.get_status_display()}
        )


def vangnet_declaration_create(
    *,
    school_id: int,
    year: int,
    tlv_pupils_sep_1: int,
    tlv_pupils_feb_1: int,
    tlv_pupils_jun_1: int,
    growth_explanation: str = "",
    context: AuditContext,
) -> VangnetDeclaration:
    """Start a go-school's declaration for the counting period of ``year`` (step 1's figures)."""
    school = School.objects.filter(pk=school_id).first()
    if school is None:
        raise ValidationError({"school": _("Choose a school.")})
    _may_declare(school, context, school_id=school.pk, year=year)
    with transaction.atomic():
        return _declaration_start(
            school, year, tlv_pupils_sep_1, tlv_pupils_feb_1, tlv_pupils_jun_1, growth_explanation, context
        )


def _declaration_start(
    school: School, year: int, sep_1: int, feb_1: int, jun_1: int, growth_explanation: str, context: AuditContext
) -> VangnetDeclaration:
    if not rules.vangnet_categories(school.school_type):
        raise ValidationError(
            {"school": _("Only schools of specialised education (SBO, SO, VSO) declare vangnet funding.")}
        )
    if VangnetDeclaration.objects.filter(school=school, year=year).exists():
        raise ValidationError({"year": _("This school already has a declaration for %(year)s.") % {"year": year}})
    declaration = VangnetDeclaration.objects.create(
        swv_id=school.swv_id,
        school=school,
        year=year,
        tlv_pupils_sep_1=sep_1,
        tlv_pupils_feb_1=feb_1,
        tlv_pupils_jun_1=jun_1,
        growth_explanation=growth_explanation.strip(),
    )
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="vangnet_declaration",
        object_id=declaration.pk,
        swv_id=school.swv_id,
        detail={"school_id": school.pk, "year": year},
    )
    return declaration


def _declaration_changed(declaration: VangnetDeclaration, context: AuditContext, detail: dict) -> None:
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="vangnet_declaration",
        object_id=declaration.pk,
        swv_id=declaration.swv_id,
        detail=detail,
    )


def vangnet_movement_add(
    *, declaration_id: int, day: datetime.date, category: str, direction: str, pupils: int, context: AuditContext
) -> VangnetMovement:
    """Add pupils who came in or left on ``day``. Only days of the counting period count
    (2 February to 1 June, 001:4105); a category the school does not declare in is refused."""
    _declarer(declaration_id, context)
    with transaction.atomic():
        declaration = _lock_declaration(declaration_id)
        _require_editable(declaration)
        if day.year != declaration.year or not rules.in_vangnet_period(day):
            start, end = rules.vangnet_period(declaration.year)
            raise ValidationError(
                {
                    "day": _("Only movements from %(start)s up to and including %(end)s count.")
                    % {"start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")}
                }
            )
        if category not in rules.vangnet_categories(declaration.school.school_type):
            raise ValidationError({"category": _("This school does not declare in this support category.")})
        if pupils < 1:
            raise ValidationError({"pupils": _("Enter at least one pupil.")})
        movement = VangnetMovement.objects.create(
            declaration=declaration, day=day, category=category, direction=direction, pupils=pupils
        )
        _declaration_changed(declaration, context, {"movement_added": movement.pk})
        return movement


def vangnet_movement_remove(*, declaration_id: int, movement_id: int, context: AuditContext) -> None:
    _declarer(declaration_id, context)
    with transaction.atomic():
        declaration = _lock_declaration(declaration_id)
        _require_editable(declaration)
        deleted, _rows = VangnetMovement.objects.filter(declaration=declaration, pk=movement_id).delete()
        if deleted:
            _declaration_changed(declaration, context, {"movement_removed": movement_id})


def vangnet_declaration_submit(
    *, declaration_id: int, context: AuditContext, today: datetime.date | None = None
) -> VangnetDeclaration:
    """Send the declaration to the SWV (step 2, 001:4091-4129): only with more than average
    growth (step 1), with a rate for every category, and a total that is not negative (2d).
    The rates are copied into the declaration; a late one (after 1 October) is sent and marked."""
    from .selectors import vangnet_calculation

    _declarer(declaration_id, context)
    with transaction.atomic():
        declaration = _lock_declaration(declaration_id)
        _require_editable(declaration)
        calculation = vangnet_calculation(declaration)
        if not calculation.more_than_average_growth:
            raise ValidationError(
                _(
                    "The TLV pupils did not grow more from 2 February to 1 June (%(spring)s) than from "
                    "1 September to 1 February (%(autumn)s): there is no vangnet declaration."
                )
                % {"spring": calculation.growth_feb_jun, "autumn": calculation.growth_sep_feb}
            )
        if calculation.missing_rates:
            raise ValidationError(
                _("There is no rate for %(year)s for: %(categories)s. Ask the SWV to add it.")
                % {"year": declaration.year, "categories": ", ".join(calculation.missing_rates)}
            )
        if not rules.vangnet_declaration_allowed(calculation.total):
            raise ValidationError(
                _("The total is negative (%(total)s euros): the school sends no declaration.")
                % {"total": calculation.total}
            )
        declaration.rates = {category: str(rate) for category, rate in calculation.rates.items()}
        declaration.total_amount = calculation.total
        declaration.status = DeclarationStatus.SUBMITTED
        declaration.submitted_on = today or timezone.localdate()
        declaration.submitted_by = context.user
        declaration.decided_at = None
        declaration.decided_by = None
        declaration.save()
        _declaration_changed(declaration, context, {"status": "submitted", "total": str(calculation.total)})
        return declaration


def vangnet_declaration_verify(
    *, declaration_id: int, approve: bool, reasons: str = "", context: AuditContext
) -> VangnetDeclaration:
    """The SWV's verification against DUO's data (step 3, 001:4135-4141): approve, or reject
    with reasons (the school may then correct and send again). Only a submitted declaration;
    an approved one stays as it is."""
    declaration = _declaration(declaration_id)
    if not permissions.decide_vangnet_verify(context.user, declaration).allowed:
        raise _denied(context, "vangnet_declaration", declaration.pk, declaration.swv_id)
    with transaction.atomic():
        declaration = _lock_declaration(declaration_id)
        if declaration.status != DeclarationStatus.SUBMITTED:
            raise ValidationError(
                _("Only a submitted declaration can be verified; this one is %(status)s.")
                % {"status": declaration.get_status_display()}
            )
        if not approve and not reasons.strip():
            raise ValidationError({"reasons": _("Give the reasons for rejecting the declaration.")})
        declaration.status = DeclarationStatus.APPROVED if approve else DeclarationStatus.REJECTED
        declaration.decision_reasons = reasons.strip()
        declaration.decided_at = timezone.now()
        declaration.decided_by = context.user
        declaration.save(update_fields=["status", "decision_reasons", "decided_at", "decided_by"])
        _declaration_changed(declaration, context, {"status": declaration.status})
        return declaration


# --- Arrangement funds (Bijlage X) -------------------------------------------------------------


def board_agreement_update(
    *,
    agreement_id: int,
    status: str,
    report: str = "",
    reported_on: datetime.date | None = None,
    context: AuditContext,
):
    """Record the board's accountability (001:4266-4270) and move the agreement on: agreed →
    accounted for → evaluated. Accountability needs the report and its date."""
    from .models import BoardAgreement

    agreement = BoardAgreement.objects.filter(pk=agreement_id).first()
    if agreement is None or agreement.swv_id not in permissions.swv_ids_for(
        context.user, Action.MANAGE_ARRANGEMENT_FUNDS
    ):
        raise _denied(context, "board_agreement", agreement_id, agreement.swv_id if agreement else None)
    with transaction.atomic():
        agreement = BoardAgreement.objects.select_for_update().get(pk=agreement_id)
        if status not in AgreementStatus.values:
            raise ValidationError({"status": _("Choose a status.")})
        if status in (AgreementStatus.REPORTED, AgreementStatus.EVALUATED) and not (report.strip() and reported_on):
            raise ValidationError({"report": _("Record what the board reported and when, before this status.")})
        agreement.status = status
        agreement.report = report.strip()
        agreement.reported_on = reported_on
        agreement.save(update_fields=["status", "report", "reported_on"])
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="board_agreement",
            object_id=agreement.pk,
            swv_id=agreement.swv_id,
            detail={"status": status},
        )
        return agreement


def vangnet_rate_set(*, swv_id: int, year: int, category: str, amount: Decimal, context: AuditContext) -> VangnetRate:
    """The controller keeps the rates table (the regulation's amount per pupil per category and
    year, 001:4121-4123). A declaration already sent keeps the rates it was sent with."""
    if swv_id not in permissions.budget_edit_swv_ids(context.user):
        raise _denied(context, "vangnet_rate", "", swv_id)
    with transaction.atomic():
        if category not in rules.VANGNET_SCHOOL_CATEGORIES["sbo"] + rules.VANGNET_SCHOOL_CATEGORIES["so"]:
            raise ValidationError({"category": _("Choose a support category.")})
        if amount < 0:
            raise ValidationError({"amount": _("A rate cannot be negative.")})
        rate, created = VangnetRate.objects.select_for_update().get_or_create(
            swv_id=swv_id,
            year=year,
            category=category,
            defaults={"amount": amount, "source": _("Entered by the controller")},
        )
        old = None if created else rate.amount
        if not created:
            rate.amount = amount
            rate.source = _("Entered by the controller")
            rate.save(update_fields=["amount", "source"])
        audit_event_record(
            context=context,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            outcome=AuditOutcome.SUCCESS,
            object_type="vangnet_rate",
            object_id=rate.pk,
            swv_id=swv_id,
            detail={"year": year, "category": category, "old": None if old is None else str(old), "new": str(amount)},
        )
        return rate
