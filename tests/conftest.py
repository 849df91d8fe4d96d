from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_3ec54a674129ce63.txt"
DATA = Path(__file__).parent / "data"

# figures written by tests go to a temporary folder, never into the project's figures/
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_page():
    import newspage
    return newspage.read_page(SEED)


def run_cli(*args, cwd=None):
    """Run the installed console script; return CompletedProcess."""
    import subprocess
    exe = Path(sys.executable).parent / "newspage"
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)
