"""Benchmarks: each figure is a ratio against a baseline measured in the same run.

    ./dekkend bench [--pupils N] [--repeat R]

Builds a fresh database (SQLite in a temporary folder, or the PostgreSQL of DATABASE_URL),
loads the demo population, then times the endpoints below against the raw SQL each one needs
and against a minimal Django view (the request overhead every endpoint pays anyway).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_ms(function, repeat: int) -> float:
    function()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pupils", type=int, default=58000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    os.environ["DEKKEND_VAR_DIR"] = tempfile.mkdtemp(prefix="dekkend-bench-")
    os.environ.setdefault("DEKKEND_ENV", "development")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['DEKKEND_VAR_DIR']}/bench.sqlite3"
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekkend.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.authtoken.models import Token

    from dekkend.accounts.models import User

    setup_test_environment()
    print(f"Database: {connection.vendor}; loading the demo with {args.pupils} pupils …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", pupils=args.pupils, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load, as autovacuum would give

    def client_for(username: str) -> Client:
        token, _ = Token.objects.get_or_create(user=User.objects.get(username=username))
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    def get_ok(client: Client, url: str):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    def raw(sql: str, params: list):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        return run

    secretariat = User.objects.get(username="secretariaat")
    school_user = User.objects.get(username="school")
    swv_ids = list(secretariat.role_assignments.values_list("swv_id", flat=True))
    school_id = school_user.role_assignments.get().school_id
    page_sql = (
        "SELECT p.id, p.pupil_number, p.first_name, p.last_name, p.birth_date, p.sector, s.name, l.name "
        "FROM pupils_pupil p JOIN organisations_school s ON s.id = p.school_id "
        "JOIN organisations_schoollocation l ON l.id = p.location_id "
        "WHERE {where} ORDER BY p.id LIMIT 51"
    )
    placeholders = ", ".join(["%s"] * len(swv_ids))
    cases = [
        (
            "pupil list, SWV-wide role (secretariaat)",
            get_ok(client_for("secretariaat"), "/api/v1/pupils/"),
            raw(page_sql.format(where=f"p.swv_id IN ({placeholders})"), swv_ids),
        ),
        (
            "pupil list, school role (school)",
            get_ok(client_for("school"), "/api/v1/pupils/"),
            raw(page_sql.format(where="p.school_id = %s"), [school_id]),
        ),
        (
            "provision list (network page data)",
            get_ok(client_for("secretariaat"), "/api/v1/provisions/"),
            raw(
                f"SELECT * FROM organisations_provision WHERE swv_id IN ({placeholders}) ORDER BY id LIMIT 51",
                swv_ids,
            ),
        ),
    ]
    overhead = median_ms(get_ok(Client(), "/health/"), args.repeat)
    print(f"\nMinimal Django view (request overhead baseline): {overhead:.2f} ms")
    print(f"{'benchmark':45} {'ours ms':>9} {'raw SQL ms':>11} {'× SQL':>7} {'× overhead':>11}")
    for name, ours, baseline in cases:
        ours_ms = median_ms(ours, args.repeat)
        sql_ms = median_ms(baseline, args.repeat)
        print(f"{name:45} {ours_ms:9.2f} {sql_ms:11.3f} {ours_ms / sql_ms:7.1f} {ours_ms / overhead:11.1f}")


if __name__ == "__main__":
    main()
