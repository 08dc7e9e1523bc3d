"""Demo groups for the dekkend netwerk: one group per provision of an SWV, with a plausible
matrix profile for its kind. Synthetic; called by the demo loader (not by production code)."""

from dekkend.audit.services import AuditContext
from dekkend.organisations.models import Provision, Swv

from .models import ProvisionGroup, ProvisionType
from .rules import AREAS
from .services import rule_table_load

# kind → (provision type, offered level per area in AREAS order, places per category 0-3)
_PROFILES = {
    Provision.Kind.SBO: (ProvisionType.SBO, (3, 3, 2, 2, 2, 3), (16, 0, 0, 0)),
    Provision.Kind.SO: (ProvisionType.SO, (5, 4, 4, 5, 4, 5), (0, 8, 4, 2)),
    Provision.Kind.VSO: (ProvisionType.VSO, (5, 4, 4, 5, 4, 5), (0, 8, 4, 2)),
    Provision.Kind.PRO: (ProvisionType.PRO, (3, 3, 2, 2, 2, 3), (14, 0, 0, 0)),
    Provision.Kind.OPDC: (ProvisionType.REGULAR_PLUS, (3, 4, 3, 2, 3, 4), (12, 0, 0, 0)),
    Provision.Kind.TAALCENTRUM: (ProvisionType.REGULAR_PLUS, (3, 3, 5, 2, 3, 3), (12, 0, 0, 0)),
    Provision.Kind.ARRANGEMENT: (ProvisionType.REGULAR_PLUS, (4, 4, 3, 3, 3, 4), (10, 0, 0, 0)),
    Provision.Kind.OTHER: (ProvisionType.REGULAR_PLUS, (3, 3, 3, 3, 3, 3), (8, 0, 0, 0)),
}


def load_matrix_demo(*, swv: Swv, school_year: str = "2025-2026", context: AuditContext | None = None) -> int:
    """Publish the Almere rule table for ``swv`` and give every provision one demo group.
    Idempotent; returns the number of groups created. Free places and waiting lists vary by
    the provision's position so that the demo shows full and open groups."""
    context = context or AuditContext(purpose="demo")
    rule_table_load(swv=swv, context=context)
    created = 0
    for index, provision in enumerate(Provision.objects.filter(swv=swv).order_by("pk")):
        provision_type, offer, places = _PROFILES[provision.kind]
        capacity = sum(places)
        free = (0, 1, 3)[index % 3] if capacity else 0
        _group, was_created = ProvisionGroup.objects.get_or_create(
            provision=provision,
            school_year=school_year,
            name=provision.name,
            defaults={
                "provision_type": provision_type,
                "arrangement_code": f"DEMO-{provision.pk}",
                **{f"offer_{area}": level for area, level in zip(AREAS, offer, strict=True)},
                "places_without_category": places[0],
                "places_category_1": places[1],
                "places_category_2": places[2],
                "places_category_3": places[3],
                "current_pupils": capacity - free,
                "free_places": free,
                "planned_places_next_year": capacity,
                "waiting_list": (index * 2) % 5 if free == 0 else 0,
            },
        )
        created += was_created
    return created
