"""The build cache, seen from outside: `newspage build` re-executes a notebook when what it reads
changes, and only then.

Each test builds a small copy of the project (one notebook that reads the page it is given) with
the real console script, then changes one input and builds again.  The copy's library is the one
imported (PYTHONPATH), so changing a file of it is a change of the library the notebook runs on.
These tests hold whatever the runner's modules are called.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow

NAME = "01-probe"
PROBE_CELLS = [
    ("page_path = 'seeds/000_3ec54a674129ce63.txt'\nfigures_dir = 'figures'\ndata_dir = 'data'", ["parameters"]),
    ("from pathlib import Path\nimport newspage\npage = newspage.read_page(page_path)\nprint('HEADLINE:', page.stories.headline.iloc[0])\nprint('LIBRARY:', Path(newspage.__file__).parent)", []),
]


def _project(tmp: Path) -> Path:
    proj = tmp / "proj"
    (proj / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", proj / "pyproject.toml")
    shutil.copytree(ROOT / "lib", proj / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    (proj / "seeds").mkdir()
    shutil.copy(SEED, proj / "seeds" / SEED.name)
    nb = nbformat.v4.new_notebook()
    for k, (src, tags) in enumerate(PROBE_CELLS):
        cell = nbformat.v4.new_code_cell(src, metadata={"tags": tags})
        cell["id"] = f"probe-{k}"
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, proj / "notebooks" / f"{NAME}.ipynb")
    return proj


def _build(proj: Path, page: Path) -> tuple[int, int, str]:
    """Run `newspage build` on the copy; return (executed, cached, the executed notebook's text)."""
    env = dict(os.environ, PYTHONPATH=str(proj / "lib"))
    exe = Path(sys.executable).parent / "newspage"
    # one edition: the cache's behaviour, not the languages
    r = subprocess.run([str(exe), "build", "--root", str(proj), "--page", str(page), "--jobs", "1", "--lang", "zh"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    m = re.search(r"(\d+) executed, (\d+) cached, 0 failed", r.stderr)
    assert m, r.stderr
    # the page's edition is where the build says its site is (site/pages/<page_id>/ for a --page build)
    site = re.search(r"site at (\S+)/index\.html", r.stderr)
    assert site, r.stderr
    html = (proj / site.group(1) / f"{NAME}.html").read_text("utf-8")
    return int(m.group(1)), int(m.group(2)), html


HEADLINE = "破“僵”焕新 盘活存量"


def _page(tmp: Path, headline: str) -> Path:
    text = SEED.read_text("utf-8")
    assert text.count(HEADLINE) == 1
    page = tmp / "page.txt"
    page.write_text(text.replace(HEADLINE, headline), encoding="utf-8")
    return page


def test_cache_reruns_when_the_page_bytes_or_the_library_change(tmp_path):
    proj = _project(tmp_path)
    page = _page(tmp_path, "标题甲 盘活存量")
    executed, cached, html = _build(proj, page)
    assert (executed, cached) == (1, 0) and "HEADLINE: 标题甲 盘活存量" in html
    assert f"LIBRARY: {proj / 'lib' / 'newspage'}" in html   # the notebook runs on the copy's library
    assert _build(proj, page)[:2] == (0, 1)          # nothing changed: cached
    # the page's bytes change at the same path, with the same size and modification time
    stat = page.stat()
    page = _page(tmp_path, "标题乙 盘活存量")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size
    executed, cached, html = _build(proj, page)
    assert (executed, cached) == (1, 0)
    assert "HEADLINE: 标题乙 盘活存量" in html and "标题甲" not in html
    # one file of the library changes (a comment: what the notebook shows stays the same)
    lib_file = proj / "lib" / "newspage" / "numerals.py"
    lib_file.write_text(lib_file.read_text("utf-8") + "\n# a change to the library\n", encoding="utf-8")
    executed, cached, html2 = _build(proj, page)
    assert (executed, cached) == (1, 0)
    assert html2 == html
