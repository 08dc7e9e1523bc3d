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
    from rest_framework.authtoken.models import Token

    from dekkend.accounts.models import Role, RoleAssignment, User
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
            for role, scope in (
                (Role.SECRETARIAT, {}),
                (Role.SCHOOL, {"school": schools[0]}),
                (Role.BOARD, {"board": boards[0]}),
            ):
                label = {"secretariat": "secretariaat", "school": "school", "board": "bestuur"}[role]
                user = User.objects.create(username=f"scale-{number}-{label}", password=unusable)
                RoleAssignment.objects.create(user=user, role=role, swv=swv, **scope)
                tokens[user.username] = Token.objects.create(user=user, key=secrets.token_hex(20)).key
        done = number - first + 1
        if done == swvs or done % max(swvs // 10, 1) == 0:
            progress(f"{done}/{swvs} SWVs, {done * per_swv:,} pupils, {time.monotonic() - began:.0f} s")
    return tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swvs", type=int, default=150)
    parser.add_argument("--pupils", type=int, default=2_500_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    _setup_django()
    from django.db import connection

    tokens = scale_fill(swvs=args.swvs, pupils=args.pupils, seed=args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Tokens for the load test: {write_tokens(tokens)}")


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
