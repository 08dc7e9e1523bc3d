"""The lock file installs on the pip the machines ship (23.2), whatever PyPI publishes next.

pip 23.2 resolves a dependency requested with extras (``fonttools[woff]`` by WeasyPrint) apart
from its pinned base: once a newer release is out, it picks that one and ``--require-hashes``
refuses it as unpinned, so a fresh set-up fails. Pinning such a package with its extras
(``fonttools[woff]==4.68.0``) keeps the resolution inside the lock.
"""

import re
from importlib.metadata import distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK_FILE = Path(__file__).resolve().parents[2] / "requirements.lock"
PINNED_LINE = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)(?:\[(?P<extras>[^\]]+)\])?==")


def _pins_with_extras() -> dict[str, set[str]]:
    pins = {}
    for line in LOCK_FILE.read_text().splitlines():
        if match := PINNED_LINE.match(line):
            extras = match["extras"] or ""
            pins[canonicalize_name(match["name"])] = {e.strip() for e in extras.split(",") if e.strip()}
    return pins


def _extras_requested_by_installed_packages() -> dict[str, set[str]]:
    """Extras asked for unconditionally by the installed packages (no ``extra == …`` marker)."""
    requested: dict[str, set[str]] = {}
    for dist in distributions():
        for spec in dist.requires or ():
            requirement = Requirement(spec)
            if requirement.extras and not (requirement.marker and "extra" in str(requirement.marker)):
                requested.setdefault(canonicalize_name(requirement.name), set()).update(requirement.extras)
    return requested


def test_every_package_requested_with_extras_is_pinned_with_them():
    pins = _pins_with_extras()
    missing = {
        name: sorted(extras - pins[name])
        for name, extras in _extras_requested_by_installed_packages().items()
        if name in pins and not extras <= pins[name]
    }
    assert missing == {}, f"pin these with their extras in requirements.lock: {missing}"


def test_the_lock_pins_psycopg_with_its_binary_extra_as_requirements_in_asks():
    assert "binary" in _pins_with_extras()["psycopg"]
