"""Writes of monitoring: loading the indicator catalogue from ``data/indicators.yaml``."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from .indicators import REGISTRY
from .models import Indicator

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
