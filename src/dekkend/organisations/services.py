"""Writes of organisational data. The public data of the seed documents (SWVs, the area tree
and the provisions of the dekkend netwerk) is loaded from one hand-checked YAML file."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Area, Board, Provision, Swv

DEFAULT_PUBLIC_DATA = Path(__file__).resolve().parent / "data" / "public_organisations.yaml"

# Text fields of a provision: ``null`` in the file becomes "" (blank) in the database.
_PROVISION_TEXT_FIELDS = ("number", "street", "postcode", "city", "target_group")


class PublicDataError(ValidationError):
    """The public data file cannot be loaded as it is; nothing has been changed."""


@dataclass
class LoadReport:
    """What a load created and updated, per kind of row."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    unresolved_hosts: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        bucket = getattr(self, outcome)
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(report: LoadReport, kind: str, model, lookup: dict, values: dict):
    """Create the row found by ``lookup`` or bring its ``values`` up to date; count the outcome."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        report.count(kind, "created")
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save(update_fields=changed)
        report.count(kind, "updated")
    else:
        report.count(kind, "unchanged")
    return instance


def _entry_label(entry: dict) -> str:
    return f"{entry.get('swv', '?')} / {entry.get('name', '?')} ({entry.get('source', '?')})"


def _load_areas(report: LoadReport, nodes: list, parent: Area | None, by_name: dict[str, Area]) -> None:
    for node in nodes or []:
        if node.get("kind") not in Area.Kind.values:
            raise PublicDataError(
                _("Area %(name)s has an unknown kind %(kind)s.") % {"name": node.get("name"), "kind": node.get("kind")}
            )
        area = _upsert(report, "area", Area, {"parent": parent, "name": node["name"]}, {"kind": node["kind"]})
        if area.name in by_name and by_name[area.name].pk != area.pk:
            raise PublicDataError(_("The area name %(name)s occurs twice in the file.") % {"name": area.name})
        by_name[area.name] = area
        _load_areas(report, node.get("children"), area, by_name)


def _validate_provisions(entries: list[dict], swv_codes: set[str], area_names: set[str]) -> None:
    """Check every entry before anything is written, naming the entry that is wrong."""
    seen: set[tuple] = set()
    for entry in entries:
        label = _entry_label(entry)
        if entry.get("kind") not in Provision.Kind.values:
            raise PublicDataError(
                _("Provision %(entry)s has kind %(kind)s, which is not one of: %(kinds)s.")
                % {"entry": label, "kind": entry.get("kind"), "kinds": ", ".join(Provision.Kind.values)}
            )
        if entry.get("swv") not in swv_codes:
            raise PublicDataError(_("Provision %(entry)s names an unknown samenwerkingsverband.") % {"entry": label})
        if not entry.get("name") or not entry.get("source"):
            raise PublicDataError(_("Provision %(entry)s needs a name and a source.") % {"entry": label})
        if entry.get("area") and entry["area"] not in area_names:
            raise PublicDataError(
                _("Provision %(entry)s lies in area %(area)s, which is not in the area tree.")
                % {"entry": label, "area": entry["area"]}
            )
        key = (entry["swv"], entry["source"], entry["name"])
        if key in seen:
            raise PublicDataError(_("Provision %(entry)s occurs twice in the file.") % {"entry": label})
        seen.add(key)


@transaction.atomic
def public_data_load(*, path: Path | str = DEFAULT_PUBLIC_DATA) -> LoadReport:
    """Load the public organisational data, idempotently: a second load changes nothing.

    SWVs are matched by code, areas by parent and name, boards by name and provisions by
    SWV, source line and name. A provision's ``host`` is resolved by name within its own
    SWV once every provision exists; a host that is not a provision of that SWV (a regular
    school, which the seed documents do not list) is reported in ``unresolved_hosts``.
    Any error leaves the database as it was.
    """
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    report = LoadReport()

    swvs: dict[str, Swv] = {}
    for entry in data.get("swvs") or []:
        values = {
            "name": entry["name"],
            "sector": entry["sector"],
            "municipality": entry.get("municipality") or "",
            "source": entry.get("source") or "",
        }
        swvs[entry["code"]] = _upsert(report, "swv", Swv, {"code": entry["code"]}, values)

    areas: dict[str, Area] = {}
    _load_areas(report, data.get("areas"), None, areas)

    for entry in data.get("boards") or []:
        values = {"source": entry.get("source") or "", "is_synthetic": False}
        _upsert(report, "board", Board, {"name": entry["name"]}, values)

    entries = data.get("provisions") or []
    _validate_provisions(entries, set(swvs), set(areas))
    provisions: list[tuple[Provision, dict]] = []
    for entry in entries:
        values = {name: entry.get(name) or "" for name in _PROVISION_TEXT_FIELDS}
        values.update(
            kind=entry["kind"],
            places=entry.get("places"),
            area=areas.get(entry.get("area") or ""),
            host_name=entry.get("host") or "",
        )
        lookup = {"swv": swvs[entry["swv"]], "source": entry["source"], "name": entry["name"]}
        provisions.append((_upsert(report, "provision", Provision, lookup, values), entry))

    # Hosts: by name within the same SWV; the first entry in the file wins when a name has
    # several locations (e.g. SBO De Klimop, 001:2007 and 2011).
    by_name: dict[tuple[int, str], Provision] = {}
    for provision, _entry in provisions:
        by_name.setdefault((provision.swv_id, provision.name), provision)
    for provision, entry in provisions:
        host = by_name.get((provision.swv_id, entry["host"])) if entry.get("host") else None
        if entry.get("host") and host is None:
            report.unresolved_hosts.append(f"{_entry_label(entry)} → {entry['host']}")
        if provision.host_id != (host.pk if host else None):
            provision.host = host
            provision.full_clean()
            provision.save(update_fields=["host"])
            report.count("provision host", "updated")
    return report
