"""Demo groups for the dekkend netwerk: one group per provision of an SWV, with a plausible
matrix profile for its kind. Synthetic; called by the demo loader (not by production code)."""

import datetime
import random
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext
from dekkend.organisations.models import Area, Provision, Swv
from dekkend.pupils.models import Placement, Pupil

from .models import ProvisionGroup, ProvisionType, SupportProfile
from .rules import AREAS
from .services import funding_tariffs_load, rule_table_load

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
                "planned_without_category": places[0],
                "planned_category_1": places[1],
                "planned_category_2": places[2],
                "planned_category_3": places[3],
                "waiting_list": (index * 2) % 5 if free == 0 else 0,
            },
        )
        created += was_created
    return created


# --- Demo support profiles: the demand side of the coverage ----------------------------------

# Archetypes (levels in AREAS order: leren, werkhouding, communicatie, fysiek, context, gedrag;
# group size; EMB; IQ; learning delay). Synthetic, chosen so that each kind of provision gets
# demand: regular arrangements, so/vso category 1-3, PrO, and a few needs no criterion meets.
_BASIC = ((2, 2, 1, 1, 2, 2), None, False, None, None)
_ARRANGEMENT = ((3, 3, 2, 1, 2, 3), 16, False, None, None)
_HEAVY_ARRANGEMENT = ((4, 4, 2, 1, 3, 4), 14, False, None, None)
_SO_1 = ((5, 3, 2, 2, 2, 3), 12, False, None, None)
_SO_2 = ((3, 3, 3, 2, 4, 5), 10, False, None, None)
_SO_3 = ((6, 4, 4, 3, 3, 6), 6, False, 45, None)
_PRO = ((3, 2, 2, 1, 2, 3), 12, False, 72, 3.5)
_MAATWERK = ((2, 2, 1, 1, 6, 2), None, False, None, None)
_BY_PLACE = {
    Provision.Kind.SO: ((_SO_1, 5), (_SO_2, 4), (_SO_3, 2)),
    Provision.Kind.VSO: ((_SO_1, 5), (_SO_2, 4), (_SO_3, 2)),
    Provision.Kind.SBO: ((_ARRANGEMENT, 3), (_HEAVY_ARRANGEMENT, 2), (_SO_1, 1)),
    Provision.Kind.PRO: ((_PRO, 4), (_ARRANGEMENT, 1)),
}
_REGULAR = ((_BASIC, 60), (_ARRANGEMENT, 25), (_HEAVY_ARRANGEMENT, 8), (_SO_1, 3), (_SO_2, 2), (_MAATWERK, 2))
REGULAR_SHARE = 0.05  # of the pupils at a regular school, this share has a recorded profile
OUTSIDE_SHARE = 0.15  # of the pupils with an so/vso need at a regular school: placed outside the region
MIN_WAITING = 6  # at least this many pupils at regular schools per SWV with an so/vso need
# The districts where the demo's extra needs at regular schools cluster (so that they lack places).
_HOTSPOTS = ("Almere Buiten", "Almere Poort", "Buurt Noord (synthetisch)")


def _pick(rng: random.Random, weighted):
    return rng.choices([item for item, _weight in weighted], weights=[weight for _item, weight in weighted])[0]


def _profile_row(pupil_id: int, archetype, rng: random.Random, sector: str) -> SupportProfile:
    levels, group_size, emb, iq, delay = archetype
    levels = [max(1, min(6, level + rng.choice((0, 0, 0, -1)) if level <= 3 else level)) for level in levels]
    if sector == "po" and delay is not None:
        iq, delay = None, None
    return SupportProfile(
        pupil_id=pupil_id,
        group_size=group_size,
        emb=emb,
        iq=iq,
        learning_delay_years=Decimal(str(delay)) if delay is not None else None,
        **dict(zip(AREAS, levels, strict=True)),
    )


def _resize_groups(swv: Swv, school_year: str, rng: random.Random) -> None:
    """Give each demo group of a special school the places its provision uses now (its
    pupils) plus a few free ones, so that the demo's coverage is about real numbers."""
    placed = dict(
        Placement.objects.filter(provision__swv=swv, end_date__isnull=True)
        .values_list("provision_id")
        .annotate(n=Count("id"))
    )
    demo_groups = ProvisionGroup.objects.filter(
        provision__swv=swv,
        school_year=school_year,
        arrangement_code__startswith="DEMO-",
        provision__kind__in=list(_BY_PLACE),  # the schools pupils are placed at; arrangements keep theirs
    )
    for group in demo_groups:
        pupils = placed.get(group.provision_id, 0)
        free = rng.choice((0, 0, 1, 2))
        places = pupils + free
        if group.provision_type in (ProvisionType.SO, ProvisionType.VSO):
            third = places * 15 // 100
            second = places * 35 // 100
            group.places_without_category = 0
            group.places_category_1 = places - second - third
            group.places_category_2, group.places_category_3 = second, third
        else:
            group.places_without_category = places
        group.current_pupils, group.free_places = pupils, free
        _plan_next_year(group, rng)
        group.save()


def _plan_next_year(group: ProvisionGroup, rng: random.Random) -> None:
    """A plausible plan for next school year per funding level: mostly as now, some groups
    growing (one or two places, in so/vso mostly category 2) and a few shrinking by one."""
    planned = dict(group.places_now)
    change = rng.choice((0, 0, 0, 1, 2, -1))
    special = group.provision_type in (ProvisionType.SO, ProvisionType.VSO)
    level = rng.choice((1, 2, 2, 3)) if special else 0
    planned[level] = max(0, planned[level] + change)
    for level_no, name in enumerate(ProvisionGroup.PLANNED_FIELDS):
        setattr(group, name, planned[level_no])


def load_demo(*, context: AuditContext) -> str:
    """Demo support profiles for every SWV (deterministic): the pupils at special provisions
    and a share of the pupils at regular schools, with extra needs clustered in a few districts
    and some pupils placed outside the region, so that the coverage shows real gaps."""
    rng = random.Random(4)  # noqa: S311 -- synthetic demo data, not security
    created = outside = 0
    for swv in Swv.objects.order_by("pk"):
        groups = ProvisionGroup.objects.filter(provision__swv=swv)
        school_year = groups.order_by("-school_year").values_list("school_year", flat=True).first()
        if school_year:
            _resize_groups(swv, school_year, rng)
            funding_tariffs_load(swv=swv, context=context)
        # A special provision of another SWV: where a pupil "outside the region" is taught. The
        # pupil stays registered at the own school (the placement's school), as the demo keeps it.
        kind = Provision.Kind.SO if swv.sector == "po" else Provision.Kind.VSO
        others = Provision.objects.exclude(swv=swv).filter(kind__in=(Provision.Kind.SO, Provision.Kind.VSO))
        elsewhere = others.filter(kind=kind).order_by("pk").first() or others.order_by("pk").first()
        hotspots = set(
            Area.objects.filter(Q(name__in=_HOTSPOTS) | Q(parent__name__in=_HOTSPOTS)).values_list("pk", flat=True)
        )
        open_places = dict(
            Placement.objects.filter(pupil__swv=swv, end_date__isnull=True, provision__isnull=False).values_list(
                "pupil_id", "provision__kind"
            )
        )
        rows, moved, waiting = [], [], 0
        pupils = Pupil.objects.filter(swv=swv, support_profiles__isnull=True).order_by("pk")
        spare = []  # pupils at regular schools in a hotspot without a profile yet
        for pupil_id, sector, home_area_id in pupils.values_list("pk", "sector", "home_area_id"):
            kind = open_places.get(pupil_id)
            if kind in _BY_PLACE:
                archetype = _pick(rng, _BY_PLACE[kind])
            else:
                share = REGULAR_SHARE * (3 if home_area_id in hotspots else 1)
                if rng.random() >= share:
                    if home_area_id in hotspots:
                        spare.append((pupil_id, sector))
                    continue
                archetype = _pick(rng, _REGULAR)
                if archetype in (_SO_1, _SO_2):
                    waiting += 1
                    if elsewhere is not None and rng.random() < OUTSIDE_SHARE * 3:
                        moved.append(pupil_id)
            rows.append(_profile_row(pupil_id, archetype, rng, sector))
        # A small demo still shows a gap: at least a few pupils in a hotspot need so or vso.
        for pupil_id, sector in spare[: max(0, MIN_WAITING - waiting)]:
            rows.append(_profile_row(pupil_id, _SO_1, rng, sector))
        SupportProfile.objects.bulk_create(rows, batch_size=2000)
        created += len(rows)
        if moved and elsewhere is not None:
            moved_on = {}
            schools = {}
            for placement in Placement.objects.filter(pupil_id__in=moved, end_date__isnull=True):
                schools[placement.pupil_id] = placement.school_id
                placement.end_date = max(placement.start_date, MOVED_ON)
                moved_on[placement.pupil_id] = max(placement.end_date, moved_on.get(placement.pupil_id, MOVED_ON))
                placement.save(update_fields=["end_date"])
            Placement.objects.bulk_create(
                Placement(
                    pupil_id=pupil_id,
                    school_id=schools.get(pupil_id),
                    provision=elsewhere,
                    start_date=moved_on.get(pupil_id, MOVED_ON),
                    reason=Placement.Reason.PARENTS_CHOICE,
                )
                for pupil_id in moved
            )
            outside += len(moved)
    return _("Support profiles: %(profiles)d (of whom %(outside)d pupils placed outside the region).") % {
        "profiles": created,
        "outside": outside,
    }


MOVED_ON = datetime.date(2025, 8, 25)
