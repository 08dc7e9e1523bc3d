"""The production profile passes Django's deployment checks and refuses unsafe configuration."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[4] / "manage.py"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DEKKEND_", "SECRET_KEY"))}
    environment.pop("ALLOWED_HOSTS", None)
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, str(MANAGE), *args], env=environment, capture_output=True, text=True, timeout=120
    )


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        "DEKKEND_ENV": "production",
        "SECRET_KEY": random_secret_key(),
        "ALLOWED_HOSTS": "dekkend.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }
    env.update(overrides)
    return env


class TestProductionSettings:
    def test_deploy_check_passes_without_warnings(self, tmp_path):
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path))
        assert result.returncode == 0, result.stdout + result.stderr

    def test_the_default_secret_key_refuses_to_start(self, tmp_path):
        env = production_env(tmp_path)
        del env["SECRET_KEY"]
        result = run_manage("check", **env)
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_a_short_secret_key_refuses_to_start(self, tmp_path):
        result = run_manage("check", **production_env(tmp_path, SECRET_KEY="too-short"))
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_missing_allowed_hosts_refuses_to_start(self, tmp_path):
        result = run_manage("check", **production_env(tmp_path, ALLOWED_HOSTS=""))
        assert result.returncode != 0
        assert "ALLOWED_HOSTS" in result.stderr

    def test_the_second_factor_cannot_be_switched_off(self, tmp_path):
        env = production_env(tmp_path, DEKKEND_REQUIRE_SECOND_FACTOR="false")
        result = run_manage(
            "shell", "-c", "from django.conf import settings; print(settings.DEKKEND_REQUIRE_SECOND_FACTOR)", **env
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "True"
