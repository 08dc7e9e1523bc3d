"""Benchmarks: each figure is a ratio against a baseline measured in the same run.

    ./dekkend bench [--pupils N] [--repeat R] [--only NAME]

Builds a fresh database (SQLite in a temporary folder, or the PostgreSQL of DATABASE_URL),
loads the demo population, then times each case against the raw SQL it needs and against a
minimal Django view (the request overhead every endpoint pays anyway).

The cases live next to this file, one module per domain (``cases_<domain>.py``), each with a
``cases(bench: Bench) -> list[Case]`` function that may first add the data it needs.
"""

import argparse
import importlib
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Event ids and chain hashes in a replayed audit row: unique columns, so each replay gets fresh ones.
UNIQUE_HEX_LITERAL = re.compile(r"'([0-9a-f]{32}|[0-9a-f]{64})'")


def _fresh_hex(match: re.Match) -> str:
    return f"'{secrets.token_hex(len(match.group(1)) // 2)}'"


def median_ms(function: Callable[[], object], repeat: int) -> float:
    function()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


@dataclass
class Case:
    name: str
    ours: Callable[[], object]
    baseline: Callable[[], object]
    target: float | None = None  # the ceiling for ours / baseline, when it names one
    baseline_name: str = "raw SQL"


class Bench:
    """What a case module needs: authenticated clients and timed callables."""

    def __init__(self, repeat: int) -> None:
        self.repeat = repeat

    def client_for(self, username: str, *, session: bool = False):
        """An API client with the user's token, or (``session``) a signed-in browser client."""
        from django.test import Client
        from rest_framework.authtoken.models import Token

        from dekkend.accounts.models import User

        user = User.objects.get(username=username)
        if session:
            client = Client()
            client.force_login(user)
            return client
        token, _ = Token.objects.get_or_create(user=user)
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    def get_ok(self, client, url: str) -> Callable[[], object]:
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    def post_ok(self, client, url: str, data: dict) -> Callable[[], object]:
        def run():
            response = client.post(url, data, content_type="application/json")
            assert response.status_code in (200, 201), (url, response.status_code, response.content[:300])
            return response

        return run

    def request_sql(self, request: Callable[[], object]) -> Callable[[], object]:
        """Every SQL statement one ``request`` (a callable from :meth:`get_ok`) runs, sent raw in
        the same order with its rows fetched: the token and role lookups, the page's queries and
        the audit row with its transaction -- all the database work the request cannot do
        without. Ours / this is the cost of Django, DRF, permissions and rendering."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        request()
        with CaptureQueriesContext(connection) as captured:
            request()
        statements = [query["sql"] for query in captured.captured_queries]

        def run():
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(UNIQUE_HEX_LITERAL.sub(_fresh_hex, sql))
                    if cursor.description:
                        cursor.fetchall()

        return run

    def raw(self, sql: str, params: list | tuple = ()) -> Callable[[], object]:
        from django.db import connection

        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return run


def case_modules(only: str | None) -> list:
    names = sorted(path.stem for path in Path(__file__).parent.glob("cases_*.py"))
    if only:
        names = [name for name in names if only in name]
    sys.path.insert(0, str(Path(__file__).parent))
    return [importlib.import_module(name) for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pupils", type=int, default=58000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--only", help="run only the case modules whose name contains this")
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

    # Timed as a server runs: DEBUG off (no query log, no template debugging).

    setup_test_environment(debug=False)
    print(f"Database: {connection.vendor}; loading the demo with {args.pupils} pupils …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", pupils=args.pupils, verbosity=0)
    bench = Bench(args.repeat)
    cases: list[Case] = []
    for module in case_modules(args.only):
        print(f"Preparing {module.__name__} …", flush=True)
        cases.extend(module.cases(bench))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk loads, as autovacuum would give

    overhead = median_ms(bench.get_ok(Client(), "/health/"), args.repeat)
    print(f"\nMinimal Django view (request overhead baseline): {overhead:.2f} ms")
    print(f"{'benchmark':52} {'ours ms':>9} {'base ms':>9} {'× base':>7} {'target':>7} {'× overhead':>11}  baseline")
    for case in cases:
        ours_ms = median_ms(case.ours, args.repeat)
        base_ms = median_ms(case.baseline, args.repeat)
        ratio = ours_ms / base_ms
        target = "" if case.target is None else (f"≤{case.target:g}" + (" ok" if ratio <= case.target else " MISS"))
        print(
            f"{case.name:52} {ours_ms:9.2f} {base_ms:9.3f} {ratio:7.1f} {target:>7} {ours_ms / overhead:11.1f}"
            f"  {case.baseline_name}"
        )


if __name__ == "__main__":
    main()
