"""Growth curve: how the cost of the main lists grows with the data, on PostgreSQL.

    DATABASE_URL=postgres://… .venv/bin/python bench/growth.py --steps 1,10,50,150 [--pupils-per-swv 16667]

Starts from an empty database, adds synthetic SWVs (bench/scale.py) up to each step and, after
each, times the lists for the accounts of the first scale SWV — an SWV-wide role and a school
role — against the raw SQL each needs, in the same run. A flat line is the goal: a list
costs what one page costs, whatever the size of the country.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Bench, median_ms
from scale import _setup_django, scale_fill, write_tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", default="1,10,50,150", help="numbers of SWVs to measure at")
    parser.add_argument("--pupils-per-swv", type=int, default=16_667)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to an empty PostgreSQL database.")
    _setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from dekkend.organisations.models import Swv
    from dekkend.pupils.models import Pupil

    # Timed as a server runs: DEBUG off (no query log, no template debugging).

    setup_test_environment(debug=False)
    call_command("migrate", verbosity=0)
    if Swv.objects.exists():
        raise SystemExit("The database is not empty: the growth curve starts from nothing.")
    bench = Bench(args.repeat)
    steps = [int(step) for step in args.steps.split(",")]
    page_sql = (
        "SELECT p.id, p.pupil_number, p.first_name, p.last_name, p.birth_date, p.sector, s.name, l.name "
        "FROM pupils_pupil p JOIN organisations_school s ON s.id = p.school_id "
        "JOIN organisations_schoollocation l ON l.id = p.location_id WHERE {where} ORDER BY p.id LIMIT 51"
    )
    print(f"{'SWVs':>5} {'pupils':>10}  {'case':34} {'ours ms':>8} {'SQL ms':>8} {'× SQL':>6}")
    for step in steps:
        missing = step - Swv.objects.count()
        if missing > 0:
            tokens = scale_fill(swvs=missing, pupils=missing * args.pupils_per_swv, progress=lambda line: None)
            write_tokens(tokens)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        swv = Swv.objects.get(code="scale-0")
        school_id = swv.schools.order_by("id").values_list("id", flat=True).first()
        cases = [
            (
                "pupil list, SWV-wide role",
                bench.get_ok(bench.client_for("scale-0-secretariaat"), "/api/v1/pupils/"),
                bench.raw(page_sql.format(where="p.swv_id = %s"), [swv.pk]),
            ),
            (
                "pupil list, school role",
                bench.get_ok(bench.client_for("scale-0-school"), "/api/v1/pupils/"),
                bench.raw(page_sql.format(where="p.school_id = %s"), [school_id]),
            ),
            (
                "pupil search 'de', SWV-wide role",
                bench.get_ok(bench.client_for("scale-0-secretariaat"), "/api/v1/pupils/?search=de"),
                bench.raw(
                    page_sql.format(where="p.swv_id = %s AND (p.last_name ILIKE %s OR p.first_name ILIKE %s)"),
                    [swv.pk, "%de%", "%de%"],
                ),
            ),
        ]
        total = Pupil.objects.count()
        for name, ours, baseline in cases:
            ours_ms, sql_ms = median_ms(ours, args.repeat), median_ms(baseline, args.repeat)
            print(f"{step:5} {total:10,}  {name:34} {ours_ms:8.2f} {sql_ms:8.3f} {ours_ms / sql_ms:6.1f}", flush=True)


if __name__ == "__main__":
    main()
