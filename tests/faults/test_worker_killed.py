"""A background worker killed mid-task (kill -9: no chance to clean up): the task is not lost.
``run_periodic_tasks`` queues it again once its lease has passed, a new worker runs it, and its
work is done exactly once. Real parts: the real database queue and real worker processes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(env: dict, *args: str, timeout: int = 120) -> str:
    result = subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _task_state(env: dict, task_id: str) -> tuple[str, int]:
    code = (
        "from django_tasks_db.models import DBTaskResult; "
        f"result = DBTaskResult.objects.get(pk={task_id!r}); print(result.status, len(result.worker_ids))"
    )
    status, workers = _manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1].split()
    return status, int(workers)


@pytest.fixture
def queue(tmp_path) -> dict:
    env = {
        **os.environ,
        "DEKKEND_ENV": "test",
        "DEKKEND_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'queue.sqlite3'}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "DEKKEND_TASK_LEASE_MINUTES": "0",  # the test does not wait half an hour for the lease
    }
    _manage(env, "migrate", "--no-input", "-v", "0")
    return env


def test_a_task_whose_worker_was_killed_is_run_again_and_done_once(queue, tmp_path):
    task_id = (
        _manage(
            queue,
            "shell",
            "--no-imports",
            "-c",
            "from tests.faults.probe import slow_probe; print(slow_probe.enqueue(3).id)",
        )
        .strip()
        .splitlines()[-1]
    )
    worker = subprocess.Popen(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.2", "--no-startup-delay"],
        env=queue,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "probe-started").exists():
            assert worker.poll() is None and time.monotonic() < deadline, "the worker never started the task"
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)  # mid-task, no chance to clean up
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()

    assert _task_state(queue, task_id) == ("RUNNING", 1)  # abandoned: without recovery it stays so for ever
    assert not (tmp_path / "probe-finished").exists()

    assert f"Queued again after its worker died: task {task_id}" in _manage(queue, "run_periodic_tasks")
    _manage(queue, "db_worker", "--batch", "--interval", "0.2", "--no-startup-delay")

    assert _task_state(queue, task_id) == ("SUCCESSFUL", 2)
    assert (tmp_path / "probe-started").read_text().count("started") == 2
    assert (tmp_path / "probe-finished").read_text().count("finished") == 1
