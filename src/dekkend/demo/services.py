"""Loading the demo: the public data, a synthetic population and the demo accounts.

The population is planned in memory by :func:`dekkend.demo.population.population_plan` and
written here with ``bulk_create`` in batches, inside one transaction. Every synthetic row is
marked ``is_synthetic``; demo accounts are marked ``is_demo`` and cannot sign in on a
production installation (see :mod:`dekkend.accounts.backends`).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from dekkend.accounts.models import Role, RoleAssignment, User
from dekkend.accounts.validators import DEMO_PASSWORD
from dekkend.audit.models import AuditAction, AuditOutcome
from dekkend.audit.services import AuditContext, audit_event_record
from dekkend.network.demo import load_matrix_demo
from dekkend.organisations.models import Area, Board, Provision, School, SchoolLocation, Swv
from dekkend.organisations.services import public_data_load
from dekkend.pupils.models import Placement, Pupil

from .population import (
    DEFAULT_SEED,
    DEFAULT_TOTAL,
    PLEIN_BUURTEN,
    PLEIN_REGION,
    PROVISION_SCHOOL_TYPES,
    PopulationPlan,
    ProvisionInput,
    population_plan,
)

BATCH_SIZE = 2000


class DemoRefused(Exception):
    """The demo may not be loaded here (production, or a demo is already present)."""


@dataclass
class DemoReport:
    boards: int
    schools: int
    pupils: int
    placements: int
    users: int
    seconds: float


def demo_present() -> bool:
    return User.objects.filter(is_demo=True).exists()


def _leaves(root: Area | None) -> list[str]:
    """Names of the areas without children below ``root``, in a stable order."""
    if root is None:
        return []
    children: dict[int | None, list[Area]] = {}
    for area in Area.objects.order_by("name", "id"):
        children.setdefault(area.parent_id, []).append(area)
    leaves: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop(0)
        below = children.get(node.pk, [])
        if below:
            stack.extend(below)
        elif node.pk != root.pk:
            leaves.append(node.name)
    return leaves


def _area_tree(root: Area | None) -> dict[str, Area]:
    """Every area below ``root`` (inclusive) by name."""
    if root is None:
        return {}
    found = {root.name: root}
    frontier = [root.pk]
    while frontier:
        below = list(Area.objects.filter(parent_id__in=frontier))
        found.update({area.name: area for area in below})
        frontier = [area.pk for area in below]
    return found


def _synthetic_plein_areas() -> Area:
    region, _created = Area.objects.get_or_create(
        parent=None, name=PLEIN_REGION, defaults={"kind": Area.Kind.MUNICIPALITY}
    )
    for name in PLEIN_BUURTEN:
        Area.objects.get_or_create(parent=region, name=name, defaults={"kind": Area.Kind.BUURT})
    return region


def plan_inputs() -> tuple[list[ProvisionInput], dict[str, list[str]]]:
    """The public provisions and area names the population is planned on, read from the database."""
    provisions = [
        ProvisionInput(
            swv=p.swv.code,
            name=p.name,
            kind=p.kind,
            source=p.source,
            street=p.street,
            postcode=p.postcode,
            city=p.city,
            area=p.area.name if p.area else None,
        )
        for p in Provision.objects.filter(kind__in=list(PROVISION_SCHOOL_TYPES))
        .select_related("swv", "area")
        .order_by("id")
    ]
    almere = _leaves(Area.objects.filter(parent=None, name="Almere").first())
    plein = _leaves(Area.objects.filter(parent=None, name=PLEIN_REGION).first())
    return provisions, {"almere-po": almere, "almere-vo": almere, "plein013-po": plein}


def _write_population(plan: PopulationPlan, progress: Callable[[str], None]) -> tuple[dict, int, int]:
    swvs = {swv.code: swv for swv in Swv.objects.all()}
    areas = {
        **_area_tree(Area.objects.filter(parent=None, name="Almere").first()),
        **_area_tree(Area.objects.filter(parent=None, name=PLEIN_REGION).first()),
    }
    provisions = {(p.swv.code, p.source, p.name): p for p in Provision.objects.select_related("swv")}
    boards = {}
    for name in plan.boards:
        boards[name], _created = Board.objects.get_or_create(name=name, defaults={"is_synthetic": True})

    schools = {
        plan_school.key: School(
            swv=swvs[plan_school.swv],
            board=boards[plan_school.board],
            brin=plan_school.brin,
            name=plan_school.name,
            school_type=plan_school.school_type,
            is_synthetic=True,
        )
        for plan_school in plan.schools
    }
    School.objects.bulk_create(schools.values(), batch_size=BATCH_SIZE)
    locations = {
        (plan_school.key, loc.code): SchoolLocation(
            school=schools[plan_school.key],
            code=loc.code,
            name=loc.name,
            street=loc.street,
            postcode=loc.postcode,
            city=loc.city,
            area=areas.get(loc.area) if loc.area else None,
        )
        for plan_school in plan.schools
        for loc in plan_school.locations
    }
    SchoolLocation.objects.bulk_create(locations.values(), batch_size=BATCH_SIZE)
    progress(_("Schools: %(n)d, boards: %(boards)d") % {"n": len(schools), "boards": len(boards)})

    total = len(plan.pupils)
    placements_written = 0
    for start in range(0, total, BATCH_SIZE):
        chunk = plan.pupils[start : start + BATCH_SIZE]
        pupils = [
            Pupil(
                swv=swvs[p.swv],
                pupil_number=p.pupil_number,
                first_name=p.first_name,
                last_name=p.last_name,
                birth_date=p.birth_date,
                sector=p.sector,
                school=schools[p.school],
                location=locations[(p.school, p.location)],
                home_area=areas.get(p.home_area) if p.home_area else None,
                is_synthetic=True,
            )
            for p in chunk
        ]
        Pupil.objects.bulk_create(pupils, batch_size=BATCH_SIZE)
        placements = [
            Placement(
                pupil=pupil,
                school=schools[step.school],
                provision=provisions.get(step.provision) if step.provision else None,
                start_date=step.start_date,
                end_date=step.end_date,
                reason=step.reason,
            )
            for pupil, p in zip(pupils, chunk, strict=True)
            for step in p.placements
        ]
        Placement.objects.bulk_create(placements, batch_size=BATCH_SIZE)
        placements_written += len(placements)
        progress(_("Pupils: %(done)d/%(total)d") % {"done": start + len(chunk), "total": total})
    return schools, len(boards), placements_written


# Demo accounts: (username, first name, last name, [(role, swv code, school selector)]).
# The school selector picks from the plan: "school" is the first Almere PO school, "school2"
# the first of another board, "consultant" the first five Almere PO schools.
DEMO_USERS: list[tuple[str, str, str, list[tuple[str, str | None, str | None]]]] = [
    (
        "secretariaat",
        "Sanne",
        "Jansen (secretariaat)",
        [(Role.SECRETARIAT, "almere-po", None), (Role.SECRETARIAT, "almere-vo", None)],
    ),
    ("consulent", "Karim", "Bouzid (consulent)", [(Role.CONSULTANT, "almere-po", "consultant")]),
    ("deskundige1", "Iris", "Bakker (orthopedagoog)", [(Role.EXPERT, "almere-po", None)]),
    ("deskundige2", "Tom", "Visser (GZ-psycholoog)", [(Role.EXPERT, "almere-po", None)]),
    ("deskundige3", "Esra", "Koç (orthopedagoog-generalist)", [(Role.EXPERT, "almere-vo", None)]),
    (
        "manager",
        "Marieke",
        "de Groot (manager toeleiding)",
        [(Role.MANAGER, "almere-po", None), (Role.MANAGER, "almere-vo", None)],
    ),
    (
        "directeur",
        "Hans",
        "Mulder (directeur-bestuurder)",
        [(Role.DIRECTOR, "almere-po", None), (Role.DIRECTOR, "almere-vo", None)],
    ),
    ("beleid", "Priya", "Ramdin (beleid en control)", [(Role.POLICY, "almere-po", None)]),
    ("school", "Femke", "de Wit (intern begeleider)", [(Role.SCHOOL, "almere-po", "school")]),
    ("school2", "Youssef", "El Amrani (intern begeleider)", [(Role.SCHOOL, "almere-po", "school2")]),
    ("bestuur", "Lotte", "Hendriks (bestuur)", [(Role.BOARD, "almere-po", "board")]),
    ("gemeente", "Bram", "Vos (Gemeente Almere)", [(Role.PARTNER, "almere-po", None)]),
    ("privacy", "Noor", "Smit (privacy officer)", [(Role.PRIVACY_OFFICER, "almere-po", None)]),
    ("admin", "Admin", "Beheer", [(Role.ADMIN, None, None)]),
]


def _demo_users(plan: PopulationPlan, schools: dict[str, School]) -> int:
    almere_po = [s for s in plan.schools if s.swv == "almere-po" and not s.is_special]
    first = almere_po[0]
    second = next(s for s in almere_po if s.board != first.board)
    picks = {
        "school": [schools[first.key]],
        "school2": [schools[second.key]],
        "consultant": [schools[s.key] for s in almere_po[:5]],
        "board": [schools[first.key]],
    }
    swvs = {swv.code: swv for swv in Swv.objects.all()}
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is deliberately slow
    users = [
        User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@demo.dekkend.invalid",
            password=password,
            is_demo=True,
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
        for username, first_name, last_name, _roles in DEMO_USERS
    ]
    User.objects.bulk_create(users)
    assignments = []
    for user, (_username, _first, _last, roles) in zip(users, DEMO_USERS, strict=True):
        for role, swv_code, selector in roles:
            swv = swvs[swv_code] if swv_code else None
            if selector == "board":
                board = picks["board"][0].board
                assignments.append(RoleAssignment(user=user, role=role, swv=swv, board=board))
            elif selector:
                assignments += [RoleAssignment(user=user, role=role, swv=swv, school=s) for s in picks[selector]]
            else:
                name = "Gemeente Almere" if role == Role.PARTNER else ""
                assignments.append(RoleAssignment(user=user, role=role, swv=swv, organisation_name=name))
    for assignment in assignments:
        assignment.full_clean()
    RoleAssignment.objects.bulk_create(assignments)
    return len(users)


# Each domain loads its own demo records once the population and the accounts exist, in this
# order (later domains read the records of earlier ones). A loader takes ``context`` (an
# AuditContext) and returns one progress line.
DOMAIN_DEMO_LOADERS: tuple[str, ...] = (
    # [referrals] demo loader
    "dekkend.referrals.demo.load_demo",
    # [admissions] demo loader
    "dekkend.admissions.demo.load_demo",
    # [network] demo loader
    "dekkend.network.demo.load_demo",
    # [basicsupport] demo loader
    "dekkend.basicsupport.demo.load_demo",
    # [plans] demo loader
    "dekkend.plans.demo.load_demo",
    # [finance] demo loader
    "dekkend.finance.demo.load_demo",
    # [steunpunt] demo loader
    "dekkend.steunpunt.demo.load_demo",
    # [imports] demo loader
    "dekkend.imports.demo.load_demo",
    # [monitoring] demo loader
    # [complaints] demo loader
    "dekkend.complaints.demo.load_demo",
)


@transaction.atomic
def demo_load(
    *,
    pupils: int = DEFAULT_TOTAL,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> DemoReport:
    """Load the public data, then a synthetic population of about ``pupils`` pupils and the
    demo accounts. Refused in production and when a demo is already present."""
    if settings.DEKKEND_ENV == "production":
        raise DemoRefused(_("The demo cannot be loaded on a production installation (DEKKEND_ENV=production)."))
    if demo_present():
        raise DemoRefused(
            _("The demo is already present in this database. Use --if-empty, or start from an empty database.")
        )
    if pupils < 0:
        raise DemoRefused(_("The number of pupils cannot be negative."))
    progress = progress or (lambda line: None)
    began = time.monotonic()
    public_data_load()
    _synthetic_plein_areas()
    provisions, areas = plan_inputs()
    plan = population_plan(provisions=provisions, areas=areas, total=pupils, seed=seed)
    progress(_("Population planned: %(n)d pupils.") % {"n": len(plan.pupils)})
    schools, board_count, placement_count = _write_population(plan, progress)
    user_count = _demo_users(plan, schools)
    for swv in Swv.objects.all():
        load_matrix_demo(swv=swv, context=AuditContext(purpose="demo"))
    progress(_("Matrix rule tables and demo groups loaded."))
    for dotted_path in DOMAIN_DEMO_LOADERS:
        progress(import_string(dotted_path)(context=AuditContext(purpose="demo")))
    report = DemoReport(
        boards=board_count,
        schools=len(schools),
        pupils=len(plan.pupils),
        placements=placement_count,
        users=user_count,
        seconds=time.monotonic() - began,
    )
    audit_event_record(
        context=AuditContext(purpose="demo"),
        action=AuditAction.CREATE,
        outcome=AuditOutcome.SUCCESS,
        object_type="demo_population",
        detail={"seed": seed, "pupils": report.pupils, "schools": report.schools, "users": report.users},
    )
    return report
