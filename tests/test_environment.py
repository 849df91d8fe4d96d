"""environment.yml (conda) and pyproject.toml name the same packages; the lock pins them all."""
from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\s\[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = list(meta["dependencies"]) + [d for extra in meta["optional-dependencies"].values() for d in extra]
    return {_name(d) for d in deps}


def _environment() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:"):].splitlines():
        if line.strip().endswith(":"):
            continue
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+[^#]*)", line)
        if not m or line.strip().startswith("- -e"):
            continue
        n = _name(m.group(1))
        if n not in ("python", "pip"):
            names.add(n)
    return names


def test_environment_yml_matches_pyproject():
    assert _environment() == _pyproject()


def test_lock_pins_every_dependency():
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line:
            n, v = line.split("==", 1)
            pins[_name(n)] = v
    missing = sorted(_pyproject() - set(pins))
    assert not missing, f"not pinned in requirements.lock: {missing}"


def test_seed_provenance_checksum():
    import hashlib
    readme = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        assert hashlib.sha256(f.read_bytes()).hexdigest() in readme, f.name
