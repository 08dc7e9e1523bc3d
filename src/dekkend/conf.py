"""Read configuration from the environment, with a safe default and a documented purpose.

Every setting that an operator may change goes through :func:`env`, so that
``./dekkend manage env_reference`` can print the complete list (docs/operations.md).
"""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: str | None
    help: str


REGISTRY: dict[str, EnvVar] = {}


def env(name: str, default: str | None = None, *, help: str) -> str | None:
    """Return the environment variable ``name`` (or ``default``) and record that it exists."""
    REGISTRY[name] = EnvVar(name, default, help)
    return os.environ.get(name, default)


def env_bool(name: str, default: bool, *, help: str) -> bool:
    value = env(name, "true" if default else "false", help=help)
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, help: str) -> int:
    return int(env(name, str(default), help=help))


def env_list(name: str, default: str, *, help: str) -> list[str]:
    return [item.strip() for item in (env(name, default, help=help) or "").split(",") if item.strip()]
