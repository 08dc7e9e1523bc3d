"""The database goes away under load and comes back: requests fail cleanly (503 with
Retry-After, never a 500 or a hang), nothing is half-written, and the running app recovers
without a restart.

Real parts only: a real PostgreSQL and a real gunicorn server. Between them sits a small TCP
relay that this test can cut — exactly what a database restart or failover looks like to the
app: every open connection dropped, new ones refused for a while.
"""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.postgresql


class Relay:
    """A TCP relay on 127.0.0.1 to the database server that can be cut and restored."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open.is_set():
                client.close()  # the database "is restarting": connection refused at once
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self) -> None:
        self.open.clear()
        with self.lock:
            for end in self.sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
            self.sockets.clear()

    def restore(self) -> None:
        self.open.set()

    def close(self) -> None:
        self.cut()
        self.listener.close()


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def database():
    """A throw-away PostgreSQL database next to the test database, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the outage test needs PostgreSQL (DATABASE_URL=postgres://…)")
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    name = f"dekkend_fault_{secrets.token_hex(4)}"
    admin = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield settings, name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def site(database, tmp_path_factory):
    """gunicorn on 127.0.0.1 with the demo loaded, talking to PostgreSQL through the relay."""
    settings, name = database
    credentials = f"{settings['USER']}:{settings['PASSWORD']}"
    host, port = settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)
    var_dir = tmp_path_factory.mktemp("dekkend-faults")
    env = {
        **os.environ,
        "DEKKEND_ENV": "test",
        "DEKKEND_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"postgres://{credentials}@{host}:{port}/{name}",
        "PYTHONPATH": str(ROOT / "src"),
    }
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "load_demo", "--pupils", "200")
    token = (
        _manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from rest_framework.authtoken.models import Token; from dekkend.accounts.models import User;"
            "print(Token.objects.get_or_create(user=User.objects.get(username='secretariaat'))[0].key)",
        )
        .strip()
        .splitlines()[-1]
    )
    relay = Relay((host, port))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        server_port = probe.getsockname()[1]
    served_env = {**env, "DATABASE_URL": f"postgres://{credentials}@127.0.0.1:{relay.port}/{name}"}
    server = subprocess.Popen(  # noqa: S603 -- our own gunicorn with fixed arguments
        [
            str(BIN / "gunicorn"),
            "dekkend.wsgi",
            f"--bind=127.0.0.1:{server_port}",
            "--workers=2",
            "--threads=4",
            "--worker-class=gthread",
            "--timeout=30",
        ],
        env=served_env,
        cwd=ROOT,
        stdout=(var_dir / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{server_port}"
    try:
        deadline = time.monotonic() + 60
        while _call(url, "/health/")[0] != 200:
            assert server.poll() is None and time.monotonic() < deadline, (var_dir / "server.log").read_text()
            time.sleep(0.3)
        yield url, token, relay, env
    finally:
        server.terminate()
        server.wait(timeout=20)
        relay.close()


def _call(url: str, path: str, token: str = "", method: str = "GET", body: dict | None = None):
    request = urllib.request.Request(  # noqa: S310 -- loopback URL built by the test
        url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **({"Authorization": f"Token {token}"} if token else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, {}, b""


def _count(env: dict, model: str, **filters) -> int:
    app, name = model.split(".")
    code = (
        f"from django.apps import apps; print(apps.get_model({app!r}, {name!r}).objects.filter(**{filters!r}).count())"
    )
    return int(_manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def test_an_outage_under_load_fails_cleanly_writes_nothing_and_heals_itself(site):
    url, token, relay, env = site
    pupil = json.loads(_call(url, "/api/v1/pupils/?page_size=1", token)[2])["results"][0]["id"]
    grants_before = _count(env, "pupils.PupilAccessGrant", pupil_id=pupil)

    statuses: list[int] = []
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            statuses.append(_call(url, "/api/v1/pupils/", token)[0])

    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(4):
            pool.submit(keep_reading)
        time.sleep(1.5)
        relay.cut()
        time.sleep(1.0)
        during = _call(url, "/api/v1/pupils/", token)
        write = _call(
            url,
            f"/api/v1/pupils/{pupil}/emergency-access/",
            token,
            "POST",
            {"reason": "Outage test: this access must not be half-saved."},
        )
        time.sleep(1.0)
        relay.restore()
        time.sleep(2.0)
        stop.set()

    assert during[0] == 503, during
    assert during[1].get("Retry-After") == "30"
    assert "database" in json.loads(during[2])["detail"]
    assert write[0] == 503, write
    assert 503 in statuses and 200 in statuses
    assert set(statuses) <= {200, 503}, f"only clean answers under the outage, got {sorted(set(statuses))}"

    # Healed without a restart: the same server answers again.
    assert _call(url, "/api/v1/pupils/", token)[0] == 200
    # Nothing half-written: the refused emergency access left no grant, and the audit chain holds.
    assert _count(env, "pupils.PupilAccessGrant", pupil_id=pupil) == grants_before
    assert "Audit chain intact" in _manage(env, "audit_verify")
