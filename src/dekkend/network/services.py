"""Writes of the network app: publishing a rule table, recording a support profile, setting
the tariffs and saving or deleting a named what-if scenario."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import Swv

from .models import (
    CoverageScenario,
    Criterion,
    FundingTariff,
    ProvisionGroup,
    RuleTable,
    ScenarioChange,
    SupportProfile,
)
from .rules import AREAS, DATA_DIR, FUNDING_LEVELS, REQUIRED, is_school_year, load_table_file


@transaction.atomic
def rule_table_load(*, swv: Swv, path: Path | None = None, context: AuditContext) -> RuleTable:
    """Publish the rule table in ``path`` (default: the Almere table) for ``swv``.

    Idempotent: loading a version that is already published returns it unchanged. A new
    version is a new table; earlier versions stay, so an old assessment can be explained."""
    data, table = load_table_file(path or DATA_DIR / "almere.yaml")
    existing = RuleTable.objects.filter(swv=swv, version=table.version).first()
    if existing is not None:
        return existing
    rule_table = RuleTable(swv=swv, version=table.version, published_on=data["published_on"], source=table.source)
    rule_table.full_clean()
    rule_table.save()
    criteria = []
    for rule in table.rules:
        criterion = Criterion(
            table=rule_table,
            key=rule.key,
            sectors=list(rule.sectors),
            provision_type=rule.provision_type,
            funding_category=rule.funding_category,
            letter=rule.letter,
            role=Criterion.Role.REQUIRED if rule.role == REQUIRED else Criterion.Role.ALTERNATIVE,
            conditions=rule.as_conditions(),
            unchecked=rule.unchecked,
            is_active=rule.active,
            source=rule.source,
            explanation=rule.explanation,
        )
        criterion.full_clean(exclude=["table"])
        criteria.append(criterion)
    Criterion.objects.bulk_create(criteria)
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="rule_table",
        object_id=rule_table.pk,
        swv_id=swv.pk,
        detail={"version": table.version, "criteria": len(criteria)},
    )
    return rule_table


@transaction.atomic
def support_profile_create(
    *,
    pupil,
    levels: dict[str, int],
    group_size: int | None = None,
    emb: bool = False,
    iq: int | None = None,
    learning_delay_years: Decimal | None = None,
    context: AuditContext,
) -> SupportProfile:
    """Record a new assessment of a pupil's support need; earlier ones stay as history.
    The caller has checked that the user may work on this pupil's record."""
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    profile = SupportProfile(
        pupil=pupil,
        group_size=group_size,
        emb=emb,
        iq=iq,
        learning_delay_years=learning_delay_years,
        created_by=user,
        **{area: levels[area] for area in AREAS},
    )
    profile.full_clean()
    profile.save()
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="support_profile",
        object_id=profile.pk,
        pupil_id=pupil.pk,
        swv_id=pupil.swv_id,
        detail={"levels": profile.levels},
    )
    return profile


@transaction.atomic
def funding_tariffs_load(*, swv: Swv, path: Path | None = None, context: AuditContext) -> int:
    """Set the SWV's tariffs per funding level and school year from a data file (default: the
    illustrative Almere file). A tariff already set for that year and level is replaced.
    Returns the number of tariffs in the file."""
    data = yaml.safe_load((path or DATA_DIR / "tariffs_almere.yaml").read_text(encoding="utf-8"))
    rows = data.get("tariffs") or []
    for row in rows:
        tariff = FundingTariff.objects.filter(swv=swv, school_year=row["school_year"], level=row["level"]).first()
        tariff = tariff or FundingTariff(swv=swv, school_year=row["school_year"], level=row["level"])
        tariff.amount = Decimal(str(row["amount"]))
        indexed = row.get("indexed_next_year")
        tariff.indexed_next_year = Decimal(str(indexed)) if indexed is not None else None
        tariff.source = data.get("source", "")
        tariff.is_example = bool(data.get("example", False))
        tariff.full_clean()
        tariff.save()
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="funding_tariff",
        swv_id=swv.pk,
        detail={"tariffs": len(rows), "source": data.get("source", "")},
    )
    return len(rows)


@transaction.atomic
def funding_tariffs_set(
    *,
    swv: Swv,
    school_year: str,
    amounts: dict[int, tuple[Decimal, Decimal | None]],
    context: AuditContext,
) -> list[FundingTariff]:
    """The SWV sets its own tariffs for ``school_year``: per funding level (0 = without TLV
    category, 1-3) the amount per place and, optionally, the indexed tariff for the next
    school year. They replace what was set for that year and level, examples included; a
    level left out keeps its tariff. The caller has checked ``permissions.network_may``."""
    if not is_school_year(school_year):
        raise ValidationError({"school_year": [_("Write the school year as 2025-2026.")]})
    saved = []
    for level, (amount, indexed) in sorted(amounts.items()):
        if level not in FUNDING_LEVELS:
            raise ValidationError({"level": [_("Unknown funding level.")]})
        if amount is None or amount <= 0 or (indexed is not None and indexed <= 0):
            raise ValidationError({"amount": [_("A tariff is an amount above zero.")]})
        tariff = FundingTariff.objects.filter(swv=swv, school_year=school_year, level=level).first()
        tariff = tariff or FundingTariff(swv=swv, school_year=school_year, level=level)
        tariff.amount, tariff.indexed_next_year = amount, indexed
        tariff.is_example = False
        tariff.source = _("set by the samenwerkingsverband")
        tariff.updated_by = context.user if getattr(context.user, "is_authenticated", False) else None
        tariff.full_clean()
        tariff.save()
        saved.append(tariff)
    audit_event_record(
        context=context,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="funding_tariff",
        swv_id=swv.pk,
        detail={
            "school_year": school_year,
            "tariffs": {
                str(t.level): [str(t.amount), str(t.indexed_next_year) if t.indexed_next_year else None] for t in saved
            },
        },
    )
    return saved


@transaction.atomic
def coverage_scenario_create(
    *,
    swv: Swv,
    name: str,
    sector: str,
    school_year: str,
    changes: list[tuple[int, int, int]],
    note: str = "",
    context: AuditContext,
) -> CoverageScenario:
    """Save a named what-if for ``swv``: ``changes`` are (group id, funding level 0-3, places
    to add or, negative, remove). Every group must be one of the SWV's groups in that school
    year. The caller has checked ``permissions.network_may(..., PLAN_NETWORK, swv.pk)``."""
    name = (name or "").strip()
    if CoverageScenario.objects.filter(swv=swv, name__iexact=name).exists():
        raise ValidationError({"name": [_("A scenario with this name already exists.")]})
    if not changes:
        raise ValidationError({"changes": [_("Give at least one change of places.")]})
    groups = set(
        ProvisionGroup.objects.filter(
            provision__swv=swv, school_year=school_year, pk__in=[group_id for group_id, _level, _places in changes]
        ).values_list("pk", flat=True)
    )
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    scenario = CoverageScenario(
        swv=swv, name=name, sector=sector, school_year=school_year, note=note or "", created_by=user
    )
    scenario.full_clean()
    scenario.save()
    rows = []
    for group_id, level, places in changes:
        if group_id not in groups:
            raise ValidationError({"changes": [_("Choose a group of this samenwerkingsverband and school year.")]})
        if not places:
            raise ValidationError({"changes": [_("Give the number of places to add or remove.")]})
        change = ScenarioChange(scenario=scenario, group_id=group_id, level=level or 0, places=places)
        change.full_clean(exclude=["scenario", "group"])
        rows.append(change)
    ScenarioChange.objects.bulk_create(rows)
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="coverage_scenario",
        object_id=scenario.pk,
        swv_id=swv.pk,
        detail={"name": name, "changes": [[c.group_id, c.level, c.places] for c in rows]},
    )
    return scenario


@transaction.atomic
def coverage_scenario_delete(*, scenario: CoverageScenario, context: AuditContext) -> None:
    """Delete a saved scenario and its changes (the page asks for confirmation first)."""
    detail = {"name": scenario.name, "changes": scenario.changes.count()}
    scenario_id, swv_id = scenario.pk, scenario.swv_id
    scenario.delete()
    audit_event_record(
        context=context,
        action=AuditAction.DELETE,
        outcome=AuditOutcome.SUCCESS,
        object_type="coverage_scenario",
        object_id=scenario_id,
        swv_id=swv_id,
        detail=detail,
    )
