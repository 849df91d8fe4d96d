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


# `make test` runs the suite on every core (pytest-xdist, --dist loadgroup).  A test file's
# module-scoped fixtures (a scored corpus, a built archive) are costly, so each file runs whole on one
# worker; the notebook and site tests share one group because they share the session's seed build.
SHARED_BUILD = {"test_notebooks.py", "test_site.py"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        name = item.path.name
        item.add_marker(pytest.mark.xdist_group("seed_build" if name in SHARED_BUILD else name))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_page():
    import newspage
    return newspage.read_page(SEED)


def sigint_as_in_a_terminal() -> None:
    """preexec_fn for a child that a test interrupts: SIGINT at its default disposition, as a terminal's
    program has it.  A shell's background job inherits SIGINT *ignored* (and Python then keeps ignoring
    it), so without this an interrupt test run from such a job (nohup, `&`, some CI runners) tests nothing."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(*args, cwd=None):
    """Run the installed console script; return CompletedProcess."""
    import subprocess
    exe = Path(sys.executable).parent / "newspage"
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


# A second page, composed for the notebook and site tests: two stories, a rate, a share, an average,
# and markup that must stay text everywhere it is shown.
COMPOSED = """城市新闻<script>alert(1)</script>

全市新建学校12所 <img src=x onerror=alert(2)>

——教育投入持续加大

□本报记者 王明

本报讯 2024年，全市计划新建学校20所，已建成12所，完成率60%。总投资3亿元，其中市级财政1.2亿元，占40%。

“我们将在2025年6月前完成剩余8所学校的建设。”市教育局局长李华介绍，今年还将招聘教师500名。

某县发放春耕补贴500万元

本报讯 通讯员张丽报道：3月5日，某县发放春耕补贴500万元，惠及农户1000户，户均5000元。补贴发放工作为期5天。
"""


# ---------------------------------------------------------------------------
# The notebooks built once per session, shared by tests/test_notebooks.py and tests/test_site.py
# (whichever runs first builds; pytest-randomly may put either first)
# ---------------------------------------------------------------------------

def snap(base: Path) -> dict[str, str]:
    """Every file under ``base`` but the build cache, with its SHA-256."""
    import hashlib

    return {p.relative_to(base).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file() and ".build-cache" not in p.parts}


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Every notebook on the seed page, both editions: (out, rc, log)."""
    import io

    from newspage import build

    out = tmp_path_factory.getbasetemp() / "newspage-seed-build"
    log = io.StringIO()
    rc = build.main(ROOT, out=out, stream=log)
    return out, rc, log.getvalue()


@pytest.fixture(scope="session")
def composed_build(tmp_path_factory, seed_build):
    """A copy of the seed's build, then every notebook asked to run on a second page (COMPOSED) in
    it: one build serves the composed-page tests and the check that a page build leaves the seed's
    files alone.  (out, page, rc, log, the copy's files before the page build)."""
    import io
    import shutil

    from newspage import build

    base = tmp_path_factory.getbasetemp()
    page = base / "composed_page.txt"
    page.write_text(COMPOSED, encoding="utf-8")
    out = base / "newspage-composed-build"
    seed_out, seed_rc, _ = seed_build
    if seed_rc == 0:
        shutil.copytree(seed_out, out)
    before = snap(out) if out.exists() else {}
    log = io.StringIO()
    rc = build.main(ROOT, out=out, page=page, stream=log)
    return out, page, rc, log.getvalue(), before
