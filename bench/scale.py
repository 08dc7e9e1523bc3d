"""Scale generator: fill the database with many synthetic SWVs to show how cost grows with data.

    .venv/bin/python bench/scale.py --swvs 150 --pupils 2500000      # national scale
    .venv/bin/python bench/scale.py --swvs 10 --pupils 170000         # one step of the growth curve

Adds (never replaces) ``--swvs`` synthetic samenwerkingsverbanden, alternately PO and VO, each
with 8 boards, schools of about 200 pupils with one location, the pupils with one current
placement each, and three working accounts (``scale-<n>-secretariaat``, ``scale-<n>-school``,
``scale-<n>-bestuur``) with API tokens, written to ``var/scale-tokens.json`` for the load test.
On PostgreSQL pupils and placements are written with COPY (2.5 million pupils in a few
minutes); on SQLite with bulk inserts (fine up to a few hundred thousand).

Synthetic data only (``is_synthetic``); every SWV code starts with ``scale-``.

    .venv/bin/python bench/scale.py --shape monitoring                # issue 6's dashboard bench

``--shape monitoring`` migrates the database, adds 10 SWVs (alternately PO and VO) each with
50,000 pupils on every teldatum and five school years of history (pupils who came and left,
moves, placements with a TLV in SO/SBO/VSO/PrO, some in another SWV, returns, arrangements),
20,000 applications (TLVs with their lead times, renewals, refusals, open dossiers, other
support requests), objections, thuiszitters, escalations and provision groups; then takes the
snapshots the daily job holds and times the full monitoring dashboard of one PO and one VO SWV
for each kind of period against all the SQL it sends (``bench/cases_monitoring.py``,
``shape_cases``).
"""

import argparse
import datetime
import json
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOARDS_PER_SWV = 8
PUPILS_PER_SCHOOL = 200
REFERENCE_DATE = datetime.date(2026, 10, 1)


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekkend.settings")
    os.environ.setdefault("DEKKEND_ENV", "development")
    import django

    django.setup()


def _pupil_rows(swv_id: int, schools: list[tuple[int, int, str]], count: int, rng: random.Random, offset: int):
    """(swv, number, first, last, birth date, sector, school, location) rows, spread over the schools."""
    from dekkend.demo.population import FIRST_NAMES, LAST_NAMES

    for index in range(count):
        school_id, location_id, sector = schools[index % len(schools)]
        youngest, oldest = (4, 12) if sector == "po" else (12, 18)
        birth = REFERENCE_DATE - datetime.timedelta(days=rng.randint(youngest * 365, oldest * 365))
        yield (
            swv_id,
            f"S{offset + index:09d}",
            rng.choice(FIRST_NAMES),
            rng.choice(LAST_NAMES),
            birth,
            sector,
            school_id,
            location_id,
        )


def _write_pupils(swv_id: int, schools, count: int, rng: random.Random, offset: int) -> None:
    from django.db import connection

    from dekkend.pupils.models import Placement, Pupil

    rows = list(_pupil_rows(swv_id, schools, count, rng, offset))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY pupils_pupil (swv_id, pupil_number, first_name, last_name, birth_date, sector, school_id,"
                " location_id, is_synthetic) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row((*row, True))
            cursor.execute(
                "INSERT INTO pupils_placement (pupil_id, school_id, start_date, reason) "
                "SELECT id, school_id, %s, %s FROM pupils_pupil WHERE swv_id = %s",
                [REFERENCE_DATE - datetime.timedelta(days=400), Placement.Reason.ENROLMENT, swv_id],
            )
        return
    pupils = Pupil.objects.bulk_create(
        [
            Pupil(
                swv_id=swv,
                pupil_number=number,
                first_name=first,
                last_name=last,
                birth_date=birth,
                sector=sector,
                school_id=school,
                location_id=location,
            )
            for swv, number, first, last, birth, sector, school, location in rows
        ],
        batch_size=2000,
    )
    Placement.objects.bulk_create(
        [
            Placement(
                pupil_id=pupil.pk,
                school_id=pupil.school_id,
                start_date=REFERENCE_DATE - datetime.timedelta(days=400),
                reason=Placement.Reason.ENROLMENT,
            )
            for pupil in pupils
        ],
        batch_size=2000,
    )


def scale_fill(*, swvs: int, pupils: int, seed: int = 2026, progress=print) -> dict[str, str]:
    """Add ``swvs`` synthetic SWVs holding ``pupils`` pupils in all; return the load-test tokens
    (account name → API token)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from dekkend.organisations.models import Board, School, SchoolLocation, SchoolType, Swv

    rng = random.Random(seed)
    first = Swv.objects.filter(code__startswith="scale-").count()
    per_swv = max(pupils // max(swvs, 1), 1)
    unusable = make_password(None)
    tokens: dict[str, str] = {}
    began = time.monotonic()
    for number in range(first, first + swvs):
        with transaction.atomic():
            sector = "po" if number % 2 == 0 else "vo"
            swv = Swv.objects.create(
                code=f"scale-{number}",
                name=f"Schaal-SWV {number} ({sector.upper()}, synthetisch)",
                sector=sector,
                source="bench/scale.py",
            )
            boards = Board.objects.bulk_create(
                Board(name=f"Schaalbestuur {number}-{index}", is_synthetic=True, source="bench/scale.py")
                for index in range(BOARDS_PER_SWV)
            )
            school_type = SchoolType.BAO if sector == "po" else SchoolType.VO
            school_count = max(per_swv // PUPILS_PER_SCHOOL, 1)
            schools = School.objects.bulk_create(
                School(
                    swv=swv,
                    board=boards[index % BOARDS_PER_SWV],
                    brin=f"{index // 100:02d}{chr(65 + index // 10 % 10)}{index % 10}"[:4],
                    name=f"Schaalschool {number}-{index}",
                    school_type=school_type,
                    is_synthetic=True,
                )
                for index in range(school_count)
            )
            locations = SchoolLocation.objects.bulk_create(
                SchoolLocation(school=school, code="00", name=school.name) for school in schools
            )
            _write_pupils(
                swv.pk,
                [(school.pk, location.pk, sector) for school, location in zip(schools, locations, strict=True)],
                per_swv,
                rng,
                offset=number * 1_000_000,
            )
            tokens.update(_accounts(number, swv, schools[0], boards[0], unusable))
        done = number - first + 1
        if done == swvs or done % max(swvs // 10, 1) == 0:
            progress(f"{done}/{swvs} SWVs, {done * per_swv:,} pupils, {time.monotonic() - began:.0f} s")
    return tokens


def _accounts(number: int, swv, school, board, password: str, *, partner: bool = False) -> dict[str, str]:
    """The SWV's working accounts (secretariaat, school, bestuur; ``partner``: also gemeente) with
    their API tokens."""
    from rest_framework.authtoken.models import Token

    from dekkend.accounts.models import Role, RoleAssignment, User

    tokens = {}
    roles = [(Role.SECRETARIAT, {}), (Role.SCHOOL, {"school": school}), (Role.BOARD, {"board": board})]
    if partner:
        roles.append((Role.PARTNER, {}))
    for role, scope in roles:
        label = {"secretariat": "secretariaat", "school": "school", "board": "bestuur", "partner": "gemeente"}[role]
        user = User.objects.create(username=f"scale-{number}-{label}", password=password)
        RoleAssignment.objects.create(user=user, role=role, swv=swv, **scope)
        tokens[user.username] = Token.objects.create(user=user, key=secrets.token_hex(20)).key
    return tokens


# --- The monitoring dashboard at the shape (``--shape monitoring``) ------------------
#
# Issue 6: "The full dashboard for an SWV with 50,000 pupils over 5 school years and 20,000
# applications, on PostgreSQL with 10 such SWVs in the database". Each SWV gets special schools
# next to its regular ones, pupils who enter and leave over the years, moves, placements with a
# TLV (a few in another SWV's special school), returns and arrangements, the TLV applications
# before those placements with realistic lead times, renewals, refusals, open dossiers and other
# support requests up to the count, objections, thuiszitters, escalations and provision groups.

SHAPE_SWVS = 10
SHAPE_PUPILS_PER_SWV = 50_000
SHAPE_APPLICATIONS_PER_SWV = 20_000
HISTORY_START = datetime.date(2021, 8, 1)  # the school years 2021-2022 to 2025-2026, and the running one
HISTORY_END = datetime.date(2026, 11, 20)
WINDOW_DAYS = (HISTORY_END - HISTORY_START).days
SCHOOL_YEAR_START = (8, 24)
# Special school types per sector: (type, schools per SWV, share of the pupils there on a teldatum).
SPECIAL_SCHOOLS = {
    "po": (("sbo", 6, 0.022), ("so", 4, 0.016)),
    "vo": (("vso", 5, 0.035), ("pro", 4, 0.030)),
}
# A pupil with a TLV spends on average about this share of their stay in special education.
SPECIAL_SHARE_OF_STAY = 0.55
OUTSIDE_REGION_SHARE = 0.05  # of the special placements: a school of another SWV
VO_DIRECT_SHARE = 0.3  # of the VO special placements: straight from primary school (no regular VO school)
MOVE_SHARE, PARENTS_CHOICE_SHARE = 0.08, 0.02
RETURN_SHARE, ARRANGEMENT_SHARE = 0.08, 0.06  # of the special placements, after a year or two
REFUSED_TLV_SHARE, OBJECTION_SHARE = 0.06, 0.03
OTHER_TYPES = (("onderwijsarrangement", 0.7), ("handelingsgerichte_ondersteuning", 0.15), ("maatwerkbudget", 0.1))
THUISZITTER_REPORTS_PER_1000_A_YEAR = 3
ESCALATIONS_A_YEAR = 70


def _insert(model, rows: list[dict]) -> None:
    """Write ``rows`` (field attname → value) of ``model``, every other field at the model's
    default: COPY on PostgreSQL, bulk inserts elsewhere."""
    from django.db import connection

    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    template = model()
    defaults = {
        field.attname: field.get_db_prep_save(getattr(template, field.attname), connection) for field in fields
    }
    names = [field.attname for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] if name in row else defaults[name] for name in names])


def _days(day: datetime.date, count: float) -> datetime.date:
    return day + datetime.timedelta(days=int(count))


def _next_school_year(day: datetime.date) -> datetime.date:
    """The first day of the next school year on or after ``day``."""
    start = datetime.date(day.year, *SCHOOL_YEAR_START)
    return start if start >= day else datetime.date(day.year + 1, *SCHOOL_YEAR_START)


class _ShapeOrg:
    """The schools, locations and provisions of one synthetic SWV."""

    def __init__(self, number: int, sector: str, rng: random.Random, per_swv: int, password: str) -> None:
        from dekkend.organisations.models import Area, Board, Provision, School, SchoolLocation, SchoolType, Swv
        from dekkend.steunpunt.models import EscalationLevel

        self.number, self.sector = number, sector
        self.swv = Swv.objects.create(
            code=f"scale-{number}",
            name=f"Schaal-SWV {number} ({sector.upper()}, synthetisch)",
            sector=sector,
            municipality=f"Schaalstad {number}",
            source="bench/scale.py",
        )
        town = Area.objects.create(name=f"Schaalstad {number}", kind=Area.Kind.MUNICIPALITY)
        self.wijken = []
        for district in range(5):
            stadsdeel = Area.objects.create(
                name=f"Stadsdeel {number}-{district}", kind=Area.Kind.STADSDEEL, parent=town
            )
            self.wijken += Area.objects.bulk_create(
                Area(name=f"Wijk {number}-{district}-{index}", kind=Area.Kind.WIJK, parent=stadsdeel)
                for index in range(3)
            )
        boards = Board.objects.bulk_create(
            Board(name=f"Schaalbestuur {number}-{index}", is_synthetic=True, source="bench/scale.py")
            for index in range(BOARDS_PER_SWV)
        )
        special_pupils = sum(share for _type, _count, share in SPECIAL_SCHOOLS[sector])
        regular_count = max(int(per_swv * (1 - special_pupils)) // PUPILS_PER_SCHOOL, 2)
        kinds = [SchoolType.BAO if sector == "po" else SchoolType.VO] * regular_count
        for school_type, count, _share in SPECIAL_SCHOOLS[sector]:
            kinds += [school_type] * count
        schools = School.objects.bulk_create(
            School(
                swv=self.swv,
                board=boards[index % BOARDS_PER_SWV],
                brin=f"{index // 100:02d}{chr(65 + index // 10 % 10)}{index % 10}"[:4],
                name=f"Schaalschool {number}-{index} ({school_type.upper()})",
                school_type=school_type,
                is_synthetic=True,
            )
            for index, school_type in enumerate(kinds)
        )
        locations = SchoolLocation.objects.bulk_create(
            SchoolLocation(school=school, code="00", name=school.name, area=rng.choice(self.wijken))
            for school in schools
        )
        self.location_of = {school.pk: location.pk for school, location in zip(schools, locations, strict=True)}
        self.regular = [school.pk for school in schools if school.school_type in (SchoolType.BAO, SchoolType.VO)]
        self.special = {
            school_type: [school.pk for school in schools if school.school_type == school_type]
            for school_type, _count, _share in SPECIAL_SCHOOLS[sector]
        }
        source = "bench/scale.py"
        self.arrangements = Provision.objects.bulk_create(
            Provision(
                swv=self.swv,
                name=f"Arrangement {number}-{index}",
                kind=Provision.Kind.ARRANGEMENT,
                area=rng.choice(self.wijken),
                source=source,
            )
            for index in range(4)
        )
        special_provisions = Provision.objects.bulk_create(
            Provision(swv=self.swv, name=school.name, kind=school.school_type, source=source)
            for school in schools
            if school.pk not in self.regular
        )
        self._groups(rng, special_provisions, schools)
        self.level = EscalationLevel.objects.create(swv=self.swv, order=1, name="Doorbraakfunctionaris")
        self.tokens = _accounts(number, self.swv, schools[0], boards[0], password, partner=True)

    def _groups(self, rng, special_provisions, schools) -> None:
        """A group per provision and school year: places of the arrangements, waiting lists of
        the special schools."""
        from dekkend.network.models import ProvisionGroup

        special_locations = [self.location_of[school.pk] for school in schools if school.pk not in self.regular]
        rows = []
        for year in range(HISTORY_START.year, HISTORY_END.year + 1):
            school_year = f"{year}-{year + 1}"
            for provision in self.arrangements:
                rows.append(
                    {
                        "provision_id": provision.pk,
                        "name": f"{provision.name} groep",
                        "provision_type": "regulier+",
                        "school_year": school_year,
                        "location_id": self.location_of[rng.choice(self.regular)],
                        "places_without_category": rng.randint(8, 16),
                        "places_category_1": rng.randint(0, 6),
                    }
                )
            for provision, location in zip(special_provisions, special_locations, strict=True):
                rows.append(
                    {
                        "provision_id": provision.pk,
                        "name": f"{provision.name} groep",
                        "school_year": school_year,
                        "provision_type": provision.kind,
                        "location_id": location,
                        "places_category_1": rng.randint(40, 90),
                        "waiting_list": rng.randint(0, 12),
                    }
                )
        _insert(ProvisionGroup, rows)


class _Pupil:
    __slots__ = ("exit", "home", "number", "special_from", "steps")

    def __init__(self, number: str, steps: list, exit_on, home: int, special_from) -> None:
        self.number, self.steps, self.exit, self.home, self.special_from = number, steps, exit_on, home, special_from

    def school_on(self, day: datetime.date) -> int:
        school = self.steps[0][0]
        for step in self.steps:
            if step[2] > day:
                break
            school = step[0]
        return school


def _active_pupil(rng: random.Random, pupils: list[_Pupil], day: datetime.date, *, regular=False) -> _Pupil:
    """A pupil in the SWV on ``day`` (``regular``: not yet in special education)."""
    for _try in range(10_000):
        pupil = rng.choice(pupils)
        if pupil.steps[0][2] <= day < (pupil.exit or HISTORY_END + datetime.timedelta(days=1)) and not (
            regular and pupil.special_from is not None and pupil.special_from <= day
        ):
            return pupil
    return rng.choice(pupils)


def _shape_pupil(rng: random.Random, org: _ShapeOrg, number: str, special_p: float, others: dict) -> _Pupil:
    """One pupil's stay in the SWV: entry (often at the start of a school year), a stay of 6-9
    (PO) or 4-6 (VO) years, and what happened in between; placements end where the next begins."""
    stay = int(365 * (rng.uniform(6, 9) if org.sector == "po" else rng.uniform(4, 6)))
    entry = _days(HISTORY_START, rng.randint(-stay, WINDOW_DAYS - 30))
    if rng.random() < 0.7:
        entry = min(_next_school_year(entry), _days(HISTORY_END, -30))
    exit_on = _days(entry, stay)
    exit_on = None if exit_on >= HISTORY_END else max(exit_on, _days(HISTORY_START, 1))
    last = exit_on or HISTORY_END
    home = rng.choice(org.regular)
    steps = [(home, None, entry, "enrolment")]
    special_from = None
    draw = rng.random()
    if draw < special_p:
        shares = SPECIAL_SCHOOLS[org.sector]
        school_type = rng.choices([kind for kind, _c, _s in shares], weights=[share for _k, _c, share in shares])[0]
        pool = others.get(school_type) if rng.random() < OUTSIDE_REGION_SHARE else None
        special = rng.choice(pool or org.special[school_type])
        if org.sector == "vo" and rng.random() < VO_DIRECT_SHARE:
            steps = [(special, None, entry, "enrolment")]
            special_from = entry
        else:
            day = _days(entry, rng.uniform(0.1, 0.7) * stay)
            if rng.random() < 0.6:
                day = _next_school_year(day)
            if entry < day < last:
                steps.append((special, None, day, "tlv"))
                special_from = day
        after = _next_school_year(_days(special_from, 365 * rng.uniform(1, 2))) if special_from else None
        if after is not None and after < last:
            other = rng.random()
            if other < RETURN_SHARE:
                steps.append((rng.choice(org.regular), None, after, "return"))
            elif other < RETURN_SHARE + ARRANGEMENT_SHARE:
                steps.append((rng.choice(org.regular), rng.choice(org.arrangements).pk, after, "return"))
    elif draw < special_p + MOVE_SHARE + PARENTS_CHOICE_SHARE:
        day = _days(entry, rng.randint(60, stay))
        if day < last:
            reason = "move" if draw < special_p + MOVE_SHARE else "parents_choice"
            steps.append((rng.choice([pk for pk in org.regular if pk != home]), None, day, reason))
    return _Pupil(number, steps, exit_on, home, special_from)


def _application(
    pupil_id: int, school_id: int, kind: str, submitted: datetime.date, rng: random.Random, **extra
) -> dict:
    """A dossier submitted on ``submitted``: complete 1-4 weeks later, decided 1-7 weeks after that
    (the statutory term is 6 weeks, so about one in seven is late; a few got an extension); still
    open when those days are after the end of the history."""
    complete = _days(submitted, rng.randint(7, 28))
    due = _days(complete, 42)
    decided = _days(complete, rng.randint(7, 49))
    row = {
        "pupil_id": pupil_id,
        "school_id": school_id,
        "type": kind,
        "parent_consent": True,
        "submitted_on": submitted,
        "requested_provision_type": extra.pop("requested_provision_type", ""),
    }
    if complete > HISTORY_END:
        return {**row, "status": "submitted"}
    extended = _days(due, 28) if decided > due and rng.random() < 0.2 else None
    row.update(complete_on=complete, decision_due=due, decision_extended_to=extended)
    if decided > HISTORY_END:
        return {**row, "status": "in_assessment"}
    outcome = extra.pop("outcome", "granted")
    return {**row, "status": outcome, "decided_on": decided, "outcome": outcome, **extra}


def _shape_applications(rng: random.Random, org: _ShapeOrg, pupils: list[_Pupil], ids: dict, count: int) -> list[dict]:
    """The TLVs before the placements with a TLV, their renewals every two years, refused TLVs,
    and other requests for support up to ``count``."""
    from dekkend.organisations.models import School

    types = dict(School.objects.filter(swv__code__startswith="scale-").values_list("id", "school_type"))
    rows = []
    for pupil in pupils:
        for index, (school, _provision, start, reason) in enumerate(pupil.steps):
            if reason != "tlv" or start < HISTORY_START:
                continue
            submitted = _days(start, -rng.randint(42, 98))
            kind = types[school]
            rows.append(
                _application(
                    ids[pupil.number],
                    pupil.steps[index - 1][0],
                    "tlv",
                    submitted,
                    rng,
                    requested_provision_type=kind,
                    provision_type=kind,
                    valid_from=start,
                    valid_until=_days(start, 730),
                    funding_category=1 if kind in ("so", "vso") else None,
                )
            )
        if pupil.special_from is not None:
            renewal = _days(pupil.special_from, 730)
            while renewal < (pupil.exit or HISTORY_END):
                submitted = _days(renewal, -rng.randint(60, 120))
                school = pupil.school_on(submitted)
                if submitted >= HISTORY_START and types[school] not in ("bao", "vo"):
                    rows.append(
                        _application(
                            ids[pupil.number],
                            pupil.home if school not in org.location_of else school,
                            "tlv_verlenging",
                            submitted,
                            rng,
                            requested_provision_type=types[school],
                            provision_type=types[school],
                            valid_from=renewal,
                            valid_until=_days(renewal, 730),
                        )
                    )
                renewal = _days(renewal, 730)
    tlvs = len(rows)
    while len(rows) < count:
        submitted = _days(HISTORY_START, rng.randint(0, WINDOW_DAYS))
        pupil = _active_pupil(rng, pupils, submitted, regular=True)
        school = pupil.school_on(submitted)
        if len(rows) < tlvs * (1 + REFUSED_TLV_SHARE):
            wanted = rng.choice([kind for kind, _c, _s in SPECIAL_SCHOOLS[org.sector]])
            rows.append(
                _application(
                    ids[pupil.number],
                    school,
                    "tlv",
                    submitted,
                    rng,
                    outcome="refused",
                    requested_provision_type=wanted,
                )
            )
            continue
        kind = rng.choices([kind for kind, _w in OTHER_TYPES], weights=[weight for _k, weight in OTHER_TYPES])[0]
        outcome = "refused" if rng.random() < 0.1 else "granted"
        rows.append(_application(ids[pupil.number], school, kind, submitted, rng, outcome=outcome))
    for row in rows:
        row["swv_id"] = org.swv.pk
        row["created_at"] = datetime.datetime.combine(row["submitted_on"], datetime.time(9), tzinfo=datetime.UTC)
    return rows


def _shape_cases(rng: random.Random, org: _ShapeOrg, pupils: list[_Pupil], ids: dict, active: int) -> None:
    """Objections against TLV decisions, the steunpunt's thuiszitters and escalations."""
    from dekkend.admissions.models import Objection
    from dekkend.referrals.models import Application
    from dekkend.steunpunt.models import AbsenceKind, Escalation, Thuiszitter, ThuiszitterReason

    decided = list(
        Application.objects.filter(swv=org.swv, type="tlv", decided_on__isnull=False).values_list("id", "decided_on")
    )
    objections = []
    for application_id, decided_on in rng.sample(decided, int(len(decided) * OBJECTION_SHARE)):
        received = _days(decided_on, rng.randint(5, 45))
        if received > HISTORY_END:
            continue
        done = _days(received, rng.randint(30, 84))
        objections.append(
            {
                "swv_id": org.swv.pk,
                "application_id": application_id,
                "objector": "parents",
                "grounds": "Synthetisch.",
                "decision_sent_on": decided_on,
                "received_on": received,
                "term_ends_on": _days(decided_on, 42),
                "is_late": received > _days(decided_on, 42),
                "decision_due": _days(received, 42),
                **(
                    {"status": "decided", "decided_on": done, "outcome": rng.choice(["gegrond", "ongegrond"])}
                    if done <= HISTORY_END
                    else {}
                ),
            }
        )
    _insert(Objection, objections)
    reasons = [choice for choice, _label in ThuiszitterReason.choices]
    kinds = [choice for choice, _label in AbsenceKind.choices]
    cases = []
    for _index in range(int(active * THUISZITTER_REPORTS_PER_1000_A_YEAR / 1000 * WINDOW_DAYS / 365)):
        reported = _days(HISTORY_START, rng.randint(0, WINDOW_DAYS))
        pupil = _active_pupil(rng, pupils, reported)
        kind = rng.choices(kinds, weights=[2, 5, 3])[0]
        ended = _days(reported, rng.randint(14, 280))
        cases.append(
            {
                "swv_id": org.swv.pk,
                "pupil_id": ids[pupil.number],
                "kind": kind,
                "school_id": None if kind == "absoluut" else pupil.home,
                "reported_on": reported,
                "absent_since": _days(reported, -rng.randint(0, 40)),
                "reason": rng.choices(reasons, weights=[5, 4, 4, 3, 4, 2, 2, 1])[0],
                "ended_on": ended if ended <= HISTORY_END and rng.random() < 0.9 else None,
                "created_at": datetime.datetime.combine(reported, datetime.time(10), tzinfo=datetime.UTC),
            }
        )
    _insert(Thuiszitter, cases)
    escalations = []
    for _index in range(int(ESCALATIONS_A_YEAR * WINDOW_DAYS / 365)):
        day = _days(HISTORY_START, rng.randint(0, WINDOW_DAYS))
        opened = datetime.datetime.combine(day, datetime.time(rng.randint(8, 16)), tzinfo=datetime.UTC)
        hours = rng.lognormvariate(3.4, 1.0)  # median 30 hours: about two in three within 48
        solved = opened + datetime.timedelta(hours=hours) if rng.random() < 0.95 else None
        escalations.append(
            {
                "swv_id": org.swv.pk,
                "school_id": rng.choice(org.regular),
                "subject": "Synthetische impasse",
                "level_id": org.level.pk,
                "opened_at": opened,
                "solved_at": solved if solved and solved.date() <= HISTORY_END else None,
            }
        )
    _insert(Escalation, escalations)


def shape_fill(
    *,
    swvs: int = SHAPE_SWVS,
    pupils_per_swv: int = SHAPE_PUPILS_PER_SWV,
    applications_per_swv: int = SHAPE_APPLICATIONS_PER_SWV,
    seed: int = 2026,
    progress=print,
) -> list:
    """Add ``swvs`` synthetic SWVs at the issue's monitoring shape (alternately PO and VO), each
    with about ``pupils_per_swv`` pupils on every teldatum (and the pupil records of those who
    left or came during the five years); return them. Deterministic for a seed."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from dekkend.organisations.models import Swv
    from dekkend.pupils.models import Placement, Pupil
    from dekkend.referrals.models import Application

    rng = random.Random(seed)
    first = Swv.objects.filter(code__startswith="scale-").count()
    password = make_password(None)
    began = time.monotonic()
    with transaction.atomic():
        orgs = [
            _ShapeOrg(number, "po" if number % 2 == 0 else "vo", rng, pupils_per_swv, password)
            for number in range(first, first + swvs)
        ]
    for index, org in enumerate(orgs):
        # Special schools of the other SWVs of the sector: where a pupil goes outside the region.
        others = {
            kind: [
                pk for other in orgs if other is not org and other.sector == org.sector for pk in other.special[kind]
            ]
            for kind, _count, _share in SPECIAL_SCHOOLS[org.sector]
        }
        special_p = sum(share for _k, _c, share in SPECIAL_SCHOOLS[org.sector]) / SPECIAL_SHARE_OF_STAY
        # A pupil stays 7.5 (PO) or 5 (VO) years on average: so many records give ``pupils_per_swv`` on a day.
        mean_stay = 7.5 if org.sector == "po" else 5.0
        records = int(pupils_per_swv * (mean_stay + WINDOW_DAYS / 365) / mean_stay)
        pupils = [
            _shape_pupil(rng, org, f"M{org.number * 1_000_000 + count:09d}", special_p, others)
            for count in range(records)
        ]
        with transaction.atomic():
            _insert(
                Pupil,
                [
                    {
                        "swv_id": org.swv.pk,
                        "pupil_number": pupil.number,
                        "first_name": "Synthetisch",
                        "last_name": f"Leerling {pupil.number[-6:]}",
                        "sector": org.sector,
                        "birth_date": _days(pupil.steps[0][2], -365 * (4 if org.sector == "po" else 12)),
                        "school_id": school,
                        "location_id": org.location_of[school],
                        "home_area_id": rng.choice(org.wijken).pk,
                        "is_synthetic": True,
                    }
                    for pupil in pupils
                    for school in [pupil.steps[-1][0] if pupil.steps[-1][0] in org.location_of else pupil.home]
                ],
            )
            ids = dict(Pupil.objects.filter(swv=org.swv).values_list("pupil_number", "id"))
            placements = []
            for pupil in pupils:
                ends = [step[2] for step in pupil.steps[1:]] + [pupil.exit]
                for (school, provision, start, reason), end in zip(pupil.steps, ends, strict=True):
                    placements.append(
                        {
                            "pupil_id": ids[pupil.number],
                            "school_id": school,
                            "provision_id": provision,
                            "start_date": start,
                            "end_date": end,
                            "reason": reason,
                        }
                    )
            _insert(Placement, placements)
            applications = _shape_applications(rng, org, pupils, ids, applications_per_swv)
            _insert(Application, applications)
            _shape_cases(rng, org, pupils, ids, pupils_per_swv)
        progress(
            f"{index + 1}/{swvs} SWVs ({org.sector.upper()}): {len(pupils):,} pupil records, {len(placements):,}"
            f" placements, {len(applications):,} applications, {time.monotonic() - began:.0f} s"
        )
    return [org.swv for org in orgs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swvs", type=int, help="default 150 (shape monitoring: 10)")
    parser.add_argument("--pupils", type=int, help="in all; default 2,500,000 (shape monitoring: 50,000 per SWV)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--shape",
        choices=["monitoring"],
        help="monitoring: issue 6's shape (10 SWVs × 50,000 pupils with 5 school years of history and 20,000"
        " applications each), then time the dashboard of one PO and one VO SWV",
    )
    parser.add_argument("--applications", type=int, default=SHAPE_APPLICATIONS_PER_SWV, help="per SWV (shape)")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per case (shape)")
    parser.add_argument("--no-measure", action="store_true", help="shape: only fill the database")
    parser.add_argument("--no-fill", action="store_true", help="shape: only measure the scale SWVs already there")
    args = parser.parse_args()
    _setup_django()
    from django.db import connection

    if args.shape == "monitoring":
        monitoring_shape(args)
        return
    tokens = scale_fill(swvs=args.swvs or 150, pupils=args.pupils or 2_500_000, seed=args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Tokens for the load test: {write_tokens(tokens)}")


def monitoring_shape(args) -> None:
    """Migrate, fill the issue's shape, take the closed years' snapshots and time the dashboard."""
    from django.core.management import call_command
    from django.db import connection

    swvs = args.swvs or SHAPE_SWVS
    per_swv = (args.pupils // swvs) if args.pupils else SHAPE_PUPILS_PER_SWV
    from dekkend.organisations.models import Swv

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
    call_command("migrate", verbosity=0)
    if args.no_fill:
        created = list(Swv.objects.filter(code__startswith="scale-").order_by("pk"))
    else:
        began = time.monotonic()
        created = shape_fill(swvs=swvs, pupils_per_swv=per_swv, applications_per_swv=args.applications, seed=args.seed)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after the bulk load
        print(f"Filled in {time.monotonic() - began:.0f} s", flush=True)
    if args.no_measure:
        return
    import cases_monitoring
    from django.test.utils import setup_test_environment
    from run import Bench, median_ms

    # Timed as a server runs: DEBUG off (no query log, no template debugging).

    setup_test_environment(debug=False)
    cases = cases_monitoring.shape_cases(Bench(args.repeat), created)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\nMedians of {args.repeat}; targets: ≤ 300 ms server time and ≤ 3× all its SQL (issue 6)")
    print(f"{'case':58} {'ours ms':>9} {'SQL ms':>9} {'× SQL':>6}  targets")
    for case in cases:
        ours, base = median_ms(case.ours, args.repeat), median_ms(case.baseline, args.repeat)
        verdict = ("ok" if ours <= 300 else "MISS") + " / " + ("ok" if ours / base <= (case.target or 3) else "MISS")
        print(f"{case.name:58} {ours:9.1f} {base:9.1f} {ours / base:6.2f}  {verdict}", flush=True)


def write_tokens(tokens: dict[str, str]) -> Path:
    """Add the accounts' tokens to var/scale-tokens.json (read by bench/load.py), private to its owner."""
    from django.conf import settings

    path = Path(settings.VAR_DIR) / "scale-tokens.json"
    existing = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**existing, **tokens}, indent=1))
    path.chmod(0o600)
    return path


if __name__ == "__main__":
    main()
