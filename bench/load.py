"""Load test: Locust against Dekkend under gunicorn on 127.0.0.1, on the scale data.

    DATABASE_URL=postgres://… .venv/bin/python bench/scale.py --swvs 150 --pupils 2500000
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py [--duration 30] [--workers 4] [--worker-class sync]
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py --soak 30     # minutes, memory over time

Runs each scenario as an SWV-wide role and as a school role (so the cost of permission
filtering shows) at 1 and 16 users without think time, then the role mix at 50 users with
think time; prints requests per second, median, p95 and errors per scenario. The server runs
with the production settings (TLS ends at a proxy: the requests say X-Forwarded-Proto: https),
listens on 127.0.0.1 only and is stopped at the end. Bounded: every scenario stops by itself.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCENARIOS = [
    ("SWV-wide role, 1 user", ["SwvUser"], 1),
    ("school role, 1 user", ["SchoolUser"], 1),
    ("SWV-wide role, 16 users", ["SwvUser"], 16),
    ("school role, 16 users", ["SchoolUser"], 16),
    ("role mix, 50 users, think time 1–5 s", ["MixSwvUser", "MixSchoolUser", "MixBoardUser"], 50),
]


def start_server(port: int, workers: int, threads: int, worker_class: str, var_dir: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DEKKEND_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEKKEND_VAR_DIR": var_dir,
        "PYTHONPATH": str(ROOT / "src"),
    }
    server = subprocess.Popen(  # noqa: S603 -- our own gunicorn, fixed arguments
        [
            str(BIN / "gunicorn"),
            "dekkend.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--worker-class={worker_class}",
            f"--threads={threads}",
            "--log-level=warning",
        ],
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(60):
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/health/", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("The server did not answer /health/ within 30 s.")


def run_locust(port: int, classes: list[str], users: int, seconds: int, environment: dict) -> dict:
    """Run one scenario; per request name (and "Aggregated"): Locust's client-side figures plus
    the server's own median and p95 from the Server-Timing headers."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = f"{folder}/run"
        subprocess.run(  # noqa: S603 -- our own locust, fixed arguments
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                f"--users={users}",
                f"--spawn-rate={users}",
                f"--run-time={seconds}s",
                f"--host=http://127.0.0.1:{port}",
                f"--csv={prefix}",
                "--only-summary",
                "--loglevel=ERROR",
                *classes,
            ],
            env={**environment, "LOAD_SERVER_TIMES_FILE": f"{folder}/server.json"},
            check=False,
            capture_output=True,
        )
        with open(f"{prefix}_stats.csv") as handle:
            rows = {row["Name"]: row for row in csv.DictReader(handle)}
        server_times = json.loads(Path(f"{folder}/server.json").read_text())
    server_times["Aggregated"] = [time for times in server_times.values() for time in times]
    for name, row in rows.items():
        row["server p50"], row["server p95"] = _percentiles(server_times.get(name, []))
    return rows


def _percentiles(samples: list[float]) -> tuple[str, str]:
    if len(samples) < 2:
        return "-", "-"
    cuts = statistics.quantiles(samples, n=20)
    return f"{statistics.median(samples):.1f}", f"{cuts[18]:.1f}"


def memory_mb(server: subprocess.Popen) -> float:
    import psutil

    process = psutil.Process(server.pid)
    return sum(part.memory_info().rss for part in [process, *process.children(recursive=True)]) / 2**20


def print_rows(title: str, rows: dict) -> None:
    print(f"\n{title}")
    print(
        f"  {'request':24} {'count':>6} {'errors':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'server p50':>10} {'server p95':>10}"
    )
    for name, row in rows.items():
        print(
            f"  {name:24} {row['Request Count']:>6} {row['Failure Count']:>6} {float(row['Requests/s']):6.1f}"
            f" {row['50%']:>7} {row['95%']:>7} {row['server p50']:>10} {row['server p95']:>10}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=30, help="seconds per scenario")
    # The configuration docs/operations.md recommends for two cores (docs/performance.md compares others).
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    # sync: a worker takes a connection only when it is free, so requests queue fairly in the
    # listening socket; gthread keeps each client's connection with the worker that accepted it.
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"], help="gunicorn worker type")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--soak", type=int, default=0, help="minutes of the role mix, with memory sampled")
    parser.add_argument("--swv", default="scale-0", help="the scale SWV whose accounts make the requests")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database filled by bench/scale.py.")
    var_dir = os.environ.get("DEKKEND_VAR_DIR", str(ROOT / "var"))
    tokens = json.loads((Path(var_dir) / "scale-tokens.json").read_text())
    environment = {
        **os.environ,
        "LOAD_TOKEN_SWV": tokens[f"{args.swv}-secretariaat"],
        "LOAD_TOKEN_SCHOOL": tokens[f"{args.swv}-school"],
        "LOAD_TOKEN_BOARD": tokens[f"{args.swv}-bestuur"],
    }
    server = start_server(args.port, args.workers, args.threads, args.worker_class, var_dir)
    try:
        if args.soak:
            soak(server, args, environment)
            return
        for title, classes, users in SCENARIOS:
            print_rows(title, run_locust(args.port, classes, users, args.duration, environment))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def soak(server: subprocess.Popen, args: argparse.Namespace, environment: dict) -> None:
    """The role mix for ``--soak`` minutes in one-minute runs, the server's memory after each."""
    print(f"{'minute':>6} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'server p50':>10} {'MB':>7}")
    print(f"{0:6} {'':>9} {'':>7} {'':>7} {'':>7} {'':>10} {memory_mb(server):7.1f}")
    classes = ["MixSwvUser", "MixSchoolUser", "MixBoardUser"]
    for minute in range(1, args.soak + 1):
        total = run_locust(args.port, classes, 50, 60, environment)["Aggregated"]
        print(
            f"{minute:6} {total['Request Count']:>9} {total['Failure Count']:>7} {total['50%']:>7} {total['95%']:>7}"
            f" {total['server p50']:>10} {memory_mb(server):7.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
