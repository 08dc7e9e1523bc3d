"""Writes of the network app: publishing a rule table and recording a support profile."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.organisations.models import Swv

from .models import Criterion, FundingTariff, RuleTable, SupportProfile
from .rules import AREAS, DATA_DIR, REQUIRED, load_table_file


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
