"""Writes of monitoring: loading the indicator catalogue from ``data/indicators.yaml``, taking
snapshots of the computed values per period, and the national figures an SWV records."""

from dataclasses import dataclass, field
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
from dekkend.organisations.models import Swv

from . import selectors
from .indicators import REGISTRY
from .models import Indicator, NationalFigure, Snapshot, SnapshotCell
from .periods import FIRST_YEAR, Period

CATALOGUE_PATH = Path(__file__).parent / "data" / "indicators.yaml"


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _years(values: dict | None) -> dict[str, float]:
    return {str(year): float(value) for year, value in (values or {}).items()}


@transaction.atomic
def catalogue_load(*, path: Path = CATALOGUE_PATH) -> int:
    """Create or update every catalogue entry from the YAML file (idempotent); entries no longer
    in the file are removed. Returns the number of entries."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    codes = []
    for order, entry in enumerate(entries):
        function = entry.get("function") or ""
        if function and function not in REGISTRY:
            raise ValueError(f"{entry['code']}: unknown function {function!r}")
        baseline, target = entry.get("baseline") or {}, entry.get("target") or {}
        indicator = Indicator(
            code=entry["code"],
            name=entry["name"],
            theme=entry.get("theme", ""),
            definition=entry["definition"].strip(),
            formula=entry["formula"].strip(),
            unit=entry["unit"],
            direction=entry["direction"],
            baseline_value=_decimal(baseline.get("value")),
            baseline_label=baseline.get("label", ""),
            target_value=_decimal(target.get("value")),
            target_label=target.get("label", ""),
            history=_years(entry.get("history")),
            targets=_years(entry.get("targets")),
            benchmark=_years(entry.get("benchmark")),
            benchmark_source=" ".join((entry.get("benchmark_source") or "").split()),
            source=entry["source"],
            swv_code=entry.get("swv", ""),
            sector=entry.get("sector", ""),
            levels=list(entry["levels"]),
            audience=list(entry["audience"]),
            function=function,
            status=entry.get("status", ""),
            order=order,
        )
        indicator.full_clean(exclude=["code"])
        defaults = {f.name: getattr(indicator, f.name) for f in Indicator._meta.fields if f.name not in ("id", "code")}
        Indicator.objects.update_or_create(code=indicator.code, defaults=defaults)
        codes.append(indicator.code)
    Indicator.objects.exclude(code__in=codes).delete()
    return len(codes)


def _acting_user(context: AuditContext):
    """The signed-in user who acts, or None (a scheduled command)."""
    return context.user if getattr(context.user, "is_authenticated", False) else None


# --- snapshots ------------------------------------------------------------------------------

FIGURES = ("numerator", "denominator", "value", "p25", "median", "p75", "partner_suppressed")


@dataclass
class SnapshotResult:
    created: list[Snapshot] = field(default_factory=list)  # first snapshot of its period and level
    changed: list[Snapshot] = field(default_factory=list)  # a new snapshot with its changes
    unchanged: int = 0  # the current snapshot still holds


def _cell_figures(cell) -> dict:
    figures = {name: getattr(cell, name, None) for name in FIGURES[:-1]}
    figures["partner_suppressed"] = bool(getattr(cell, "suppressed", getattr(cell, "partner_suppressed", False)))
    return figures


def snapshot_changes(old: list[SnapshotCell], new: list) -> list[dict]:
    """Per cell whose figures differ: its key and name with the old and new figures (a cell
    that appeared has ``old`` None, one that disappeared ``new`` None)."""
    before = {cell.key: cell for cell in old}
    after = {cell.key: cell for cell in new}
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old_figures = _cell_figures(before[key]) if key in before else None
        new_figures = _cell_figures(after[key]) if key in after else None
        if old_figures != new_figures:
            label = (after.get(key) or before.get(key)).label
            changes.append({"key": key, "label": label, "old": old_figures, "new": new_figures})
    return changes


@transaction.atomic
def snapshot_take(
    *, swv: Swv, period: Period, context: AuditContext, reason: str = "", codes: list[str] | None = None
) -> SnapshotResult:
    """Compute every computed indicator of ``swv`` (or those in ``codes``) for ``period`` at
    each level its catalogue entry allows, and store a snapshot where none exists or a figure
    differs from the current one (that one is kept as history, no longer current)."""
    result = SnapshotResult()
    maps = selectors.org_maps(swv)
    now = timezone.now()
    user = _acting_user(context)
    entries = [e for e in Indicator.objects.exclude(function="") if selectors.applies_to(e, swv)]
    for entry in entries:
        if codes is not None and entry.code not in codes:
            continue
        for level in entry.levels:
            cells = selectors.whole_level_cells(indicator=entry, swv=swv, period=period, level=level, maps=maps)
            current = selectors.current_snapshot(indicator_code=entry.code, swv=swv, period=period, level=level)
            changes = snapshot_changes(list(current.cells.all()), cells) if current else []
            if current and not changes:
                result.unchanged += 1
                continue
            if current:
                Snapshot.objects.filter(pk=current.pk).update(is_current=False)
            snapshot = Snapshot.objects.create(
                indicator_code=entry.code,
                swv=swv,
                period=period.code,
                year=period.year,
                months=period.months,
                level=level,
                taken_at=now,
                taken_by=user,
                reason=reason[:300],
                changes=changes,
            )
            SnapshotCell.objects.bulk_create(
                SnapshotCell(snapshot=snapshot, key=cell.key, label=cell.label[:200], group=cell.group,
                             **_cell_figures(cell))
                for cell in cells
            )  # fmt: skip
            (result.changed if current else result.created).append(snapshot)
    audit_event_record(
        context=context,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="indicator_snapshot",
        object_id=period.code,
        swv_id=swv.pk,
        reason=reason[:300],
        detail={"created": len(result.created), "changed": len(result.changed), "unchanged": result.unchanged},
    )
    return result


# --- national figures -------------------------------------------------------------------------

CENT = Decimal("0.01")


def _national_swv(swv_id: int, context: AuditContext, object_id: str) -> Swv:
    """The SWV whose national figures the acting user records; refused (and audited) otherwise."""
    if swv_id not in permissions.national_figure_swv_ids(context.user):
        audit_event_record(
            context=context,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            object_type="national_figure",
            object_id=object_id,
            swv_id=swv_id,
        )
        raise PermissionDenied
    return Swv.objects.get(pk=swv_id)


def _current_national(swv: Swv, indicator_code: str, year: int) -> NationalFigure | None:
    return (
        NationalFigure.objects.select_for_update()
        .filter(indicator_code=indicator_code, swv=swv, year=year, is_current=True)
        .first()
    )


def _national_version(current: NationalFigure | None, **figure) -> NationalFigure:
    """Store ``figure`` as the current version; the one it replaces stays as history."""
    if current is not None:
        NationalFigure.objects.filter(pk=current.pk).update(is_current=False)
    version = NationalFigure(**figure, recorded_at=timezone.now(), is_current=True)
    version.full_clean()
    version.save()
    return version


def national_figure_record(
    *, swv_id: int, indicator_code: str, year: int, value: Decimal, source: str, context: AuditContext
) -> NationalFigure:
    """Record the national figure of an indicator in percent of the SWV for ``year``: a share
    between 0 and 100 with at most two decimals, and its source (publisher, table, address).
    A figure or source that differs from the current one becomes a new current version (the old
    one is kept as history); the same figure again stores nothing. Bad input changes nothing.
    The permission is checked before the transaction, so that a refusal stays on record."""
    object_id = f"{indicator_code}/{year}"
    swv = _national_swv(swv_id, context, object_id)
    source = " ".join((source or "").split())
    errors = {}
    if not selectors.national_figure_allowed(indicator_code=indicator_code, swv=swv):
        errors["indicator"] = _("Choose an indicator in percent of this samenwerkingsverband.")
    last = timezone.localdate().year
    if not FIRST_YEAR <= year <= last:
        errors["year"] = _("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": last}
    if value is None or not Decimal(0) <= value <= Decimal(100):
        errors["value"] = _("Give a share between 0 and 100 percent.")
    elif value != value.quantize(CENT):
        errors["value"] = _("Give the share with at most two decimals, for example 2,35.")
    if not source:
        errors["source"] = _("Give the source: the publisher, the table and its address.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _national_store(swv, indicator_code, year, value, source, context)


def _national_store(swv: Swv, indicator_code: str, year: int, value: Decimal, source: str, context) -> NationalFigure:
    current = _current_national(swv, indicator_code, year)
    if current is not None and current.value == value and current.source == source:
        return current
    figure = _national_version(
        current,
        indicator_code=indicator_code,
        swv=swv,
        year=year,
        value=value,
        source=source,
        recorded_by=_acting_user(context),
    )
    old = current.value if current is not None else None
    audit_event_record(
        context=context,
        action=AuditAction.CREATE if old is None else AuditAction.UPDATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="national_figure",
        object_id=f"{indicator_code}/{year}",
        swv_id=swv.pk,
        detail={"old": None if old is None else str(old), "new": str(value), "source": source[:300]},
    )
    return figure


def national_figure_withdraw(*, swv_id: int, indicator_code: str, year: int, context: AuditContext) -> NationalFigure:
    """Withdraw the recorded national figure of an indicator in ``year`` (recorded for a wrong
    year or indicator): a new current version without a value, the old one kept as history. The
    catalogue's figure of that year, if any, counts again. Nothing recorded: nothing changes."""
    object_id = f"{indicator_code}/{year}"
    swv = _national_swv(swv_id, context, object_id)
    with transaction.atomic():
        return _national_remove(swv, indicator_code, year, context)


def _national_remove(swv: Swv, indicator_code: str, year: int, context) -> NationalFigure:
    current = _current_national(swv, indicator_code, year)
    if current is None or current.value is None:
        raise ValidationError(
            {"year": _("There is no national figure of this indicator recorded for %(year)s.") % {"year": year}}
        )
    figure = _national_version(
        current,
        indicator_code=indicator_code,
        swv=swv,
        year=year,
        value=None,
        source="",
        recorded_by=_acting_user(context),
    )
    audit_event_record(
        context=context,
        action=AuditAction.DELETE,
        outcome=AuditOutcome.SUCCESS,
        object_type="national_figure",
        object_id=f"{indicator_code}/{year}",
        swv_id=swv.pk,
        detail={"old": str(current.value), "new": None},
    )
    return figure
