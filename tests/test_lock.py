"""What is installed is exactly the lock: every locked package at its version, nothing unlocked.

A fresh machine takes its Python packages from requirements/ (`make build`, `make test`); these tests
fail when the environment drifted from the lock (a package upgraded by hand, a range changed in
pyproject.toml without `make lock`), so a green suite always means the locked versions.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
LOCKS = REPO / "requirements"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]+))?")
# Installed by `python -m venv` itself, not by the lock.
VENV_OWN = {"pip"}


def locked(name: str) -> dict[str, str]:
    """The packages a lock file pins for this interpreter: canonical name -> version."""
    pins: dict[str, str] = {}
    for line in (LOCKS / name).read_text(encoding="utf-8").splitlines():
        found = PIN.match(line)
        if not found:
            continue
        marker = found["marker"]
        if marker and not Marker(marker.strip()).evaluate():
            continue
        pins[canonicalize_name(found["name"])] = found["version"]
    return pins


def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def test_every_locked_package_is_installed_at_its_version():
    have = installed()
    pins = locked("test.txt")
    wrong = {name: (version, have.get(name)) for name, version in pins.items() if have.get(name) != version}
    assert wrong == {}, "installed differs from requirements/test.txt (run `make test` in a new .venv)"


def test_nothing_is_installed_that_the_lock_does_not_name():
    pins = locked("test.txt")
    extra = sorted(set(installed()) - set(pins) - VENV_OWN - {"reportgen"})
    assert extra == []


def test_the_build_lock_is_the_test_lock_without_the_test_tools():
    build, test = locked("app.txt"), locked("test.txt")
    assert {name: version for name, version in build.items() if test.get(name) != version} == {}
    tools = {canonicalize_name(Requirement(r).name) for r in metadata.requires("reportgen") or () if "extra ==" in r}
    assert tools <= set(test) - set(build)


def test_every_pin_carries_a_hash():
    for name in ("app.txt", "test.txt", "lock-tool.txt"):
        text = (LOCKS / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[-1] if text.startswith("#") else text)
        pins = [e for e in entries if PIN.match(e)]
        assert pins, name
        assert [e.split()[0] for e in pins if "--hash=sha256:" not in e] == [], name


def test_pyproject_ranges_admit_the_locked_versions():
    """pyproject.toml keeps its ranges for library users; the lock must sit inside them."""
    pins = locked("test.txt")
    for spec in metadata.requires("reportgen") or ():
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is required but not locked"
        assert req.specifier.contains(pins[name], prereleases=True), f"{req.name} {pins[name]} outside {req.specifier}"


def tiny_wheel(folder: Path) -> Path:
    """A real, minimal wheel file that no index has."""
    path = folder / "reportgen_lock_probe-1.0-py3-none-any.whl"
    info = "reportgen_lock_probe-1.0.dist-info"
    files = {
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: reportgen-lock-probe\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        archive.writestr(f"{info}/RECORD", "".join(f"{name},,\n" for name in (*files, f"{info}/RECORD")))
    return path


def dry_install(requirements: Path) -> subprocess.CompletedProcess:
    """The Makefile's locked install (its flags), without installing anything or asking an index."""
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--require-hashes"]
    return subprocess.run([*command, "-r", requirements], capture_output=True, text=True, timeout=120)


def test_pip_refuses_a_requirement_without_its_hash(tmp_path):
    wheel = tiny_wheel(tmp_path)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    listed = tmp_path / "requirements.txt"
    listed.write_text(f"{wheel}\n", encoding="utf-8")
    refused = dry_install(listed)
    assert refused.returncode != 0
    assert "hashes are required" in refused.stderr.lower()
    listed.write_text(f"{wheel} --hash=sha256:{'0' * 64}\n", encoding="utf-8")
    assert "do not match" in dry_install(listed).stderr.lower()
    listed.write_text(f"{wheel} --hash=sha256:{digest}\n", encoding="utf-8")
    accepted = dry_install(listed)
    assert accepted.returncode == 0, accepted.stderr
