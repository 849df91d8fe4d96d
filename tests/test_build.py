"""The runner: cache, reproducible bytes, failures and interruptions leave previous outputs intact."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import sigint_as_in_a_terminal
from newspage import build

ROOT = Path(__file__).resolve().parents[1]
NBDIR = ROOT / "notebooks"
SMALL = [NBDIR / "04-hutubi-farm-machinery-subsidy.ipynb", NBDIR / "06-tbea-photo-caption.ipynb"]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under data/, figures/ and site/ with its bytes."""
    files = {}
    for sub in ("data", "figures", "site"):
        for p in sorted((out / sub).rglob("*")):
            if p.is_file():
                files[p.relative_to(out).as_posix()] = p.read_bytes()
    return files


def run(out, notebooks=SMALL, **kw):
    log = io.StringIO()
    kw.setdefault("langs", ["zh"])  # one edition: the runner's behaviour, not the languages
    rc = build.main(ROOT, out=out, notebooks=notebooks, stream=log, **kw)
    return rc, log.getvalue()


def variant(tmp: Path, source: Path, extra_cells: list[str]) -> Path:
    """A copy of ``source`` (same name, so the same outputs) with code cells appended."""
    nb = nbformat.read(source, as_version=4)
    for i, src in enumerate(extra_cells):
        cell = nbformat.v4.new_code_cell(src)
        cell["id"] = f"test-extra-{i}"
        nb.cells.append(cell)
    dest = tmp / "nbs" / source.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return dest


# overwrite the main figure with other data, as a half-way change would: through what the notebooks
# use to save figures (nb = report.start(...), nb.figure), so it lands wherever the runner points them
CHANGE_FIGURE = """
fig, ax = plt.subplots()
ax.bar(["改"], [1])
ax.set_title("改了1处")
nb.figure(fig, "06-per-year", data=pd.DataFrame({"changed": [1]}), columns=[Col("changed", meaning="test")])
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    rc, log = run(out)
    assert rc == 0, log
    return out, snapshot(out)


def test_first_build_runs_everything_and_writes_outputs(built):
    out, snap = built
    assert "figures/06-per-year.png" in snap and "site/index.html" in snap
    assert "data/04-hutubi-farm-machinery-subsidy/figures.csv" in snap
    assert "site/assets/newspage.css" in snap and "site/assets/NewspageSC-subset.otf" in snap
    manifest = json.loads((out / ".build-cache" / "06-tbea-photo-caption.json").read_text("utf-8"))
    assert "figures/06-per-year.png" in manifest["outputs"] and "site/06-tbea-photo-caption.html" in manifest["outputs"]


def test_second_build_runs_nothing_and_changes_nothing(built):
    out, snap = built
    rc, log = run(out)
    assert rc == 0
    report_lines = [ln.strip() for ln in log.splitlines() if ln.startswith("  ")]
    assert report_lines == ["04-hutubi-farm-machinery-subsidy: cached", "06-tbea-photo-caption: cached"]
    assert "0 executed, 2 cached" in log
    assert snapshot(out) == snap


def test_forced_rebuild_gives_the_same_bytes(built):
    out, snap = built
    report = build.build(ROOT, out=out, langs=["zh"], notebooks=SMALL, force=True, stream=io.StringIO())
    assert sorted(report.ran) == ["04-hutubi-farm-machinery-subsidy", "06-tbea-photo-caption"]
    assert not report.failed
    after = snapshot(out)
    assert sorted(after) == sorted(snap)
    assert [k for k in snap if after[k] != snap[k]] == []


def test_a_missing_output_is_rebuilt(built):
    out, snap = built
    (out / "figures" / "06-per-year.svg").unlink()
    report = build.build(ROOT, out=out, langs=["zh"], notebooks=SMALL, stream=io.StringIO())
    assert report.ran == ["06-tbea-photo-caption"]
    assert snapshot(out) == snap


def test_a_changed_notebook_reruns_alone(built, tmp_path):
    out, snap = built
    changed = variant(tmp_path, SMALL[1], ["1 + 1"])
    report = build.build(ROOT, out=out, langs=["zh"], notebooks=[SMALL[0], changed], stream=io.StringIO())
    assert report.ran == ["06-tbea-photo-caption"]
    after = snapshot(out)
    assert after["figures/06-per-year.png"] == snap["figures/06-per-year.png"]
    assert after["site/06-tbea-photo-caption.html"] != snap["site/06-tbea-photo-caption.html"]
    # back to the committed notebook: runs again and the bytes return
    report = build.build(ROOT, out=out, langs=["zh"], notebooks=SMALL, stream=io.StringIO())
    assert report.ran == ["06-tbea-photo-caption"]
    assert snapshot(out) == snap


def test_a_failing_notebook_leaves_previous_outputs_intact(built, tmp_path):
    out, snap = built
    bad = variant(tmp_path, SMALL[1], [CHANGE_FIGURE, "raise RuntimeError('boom in the test')"])
    rc, log = run(out, notebooks=[SMALL[0], bad])
    assert rc == 1
    failures = [ln for ln in log.splitlines() if ln.startswith("newspage build: 06")]
    assert len(failures) == 1
    assert failures[0].startswith("newspage build: 06-tbea-photo-caption failed: cell ")
    assert failures[0].endswith("RuntimeError: boom in the test")
    assert snapshot(out) == snap, "the figure changed before the error must not reach figures/"
    assert not list(out.rglob("*.tmp"))
    stage = out / ".build-cache" / "stage"
    assert not stage.exists() or not any(stage.iterdir())
    # the last good run is still the cached one
    rc, log = run(out)
    assert rc == 0 and "0 executed, 2 cached" in log


def test_a_cell_over_the_timeout_fails_its_notebook_and_the_next_runs(built, tmp_path):
    out, snap = built
    slow = variant(tmp_path, SMALL[1], ["import time\ntime.sleep(60)"])
    fine = variant(tmp_path / "other", SMALL[0], ["2 + 2"])
    report = build.build(ROOT, out=out, langs=["zh"], notebooks=[slow, fine], timeout=3, jobs=1, stream=io.StringIO())
    by = {r.name: r for r in report.results}
    assert by["06-tbea-photo-caption"].status == "failed"
    assert "timed out" in by["06-tbea-photo-caption"].error.lower() or "timeout" in by["06-tbea-photo-caption"].error.lower()
    assert by["04-hutubi-farm-machinery-subsidy"].status == "done"  # same worker, restarted kernel
    after = snapshot(out)
    assert after["figures/06-per-year.png"] == snap["figures/06-per-year.png"]
    build.build(ROOT, out=out, langs=["zh"], notebooks=SMALL, stream=io.StringIO())  # restore for the next tests


def test_an_interrupted_build_leaves_previous_outputs_intact(built, tmp_path):
    out, snap = built
    signals = tmp_path / "signals"
    signals.mkdir()
    changed = variant(tmp_path, SMALL[1], [CHANGE_FIGURE, f"open({str(signals / 'figure-changed')!r}, 'w').close()",
                                           "import time\ntime.sleep(30)"])
    code = ("import sys; from newspage import build; "
            f"sys.exit(build.main({str(ROOT)!r}, out={str(out)!r}, notebooks=[{str(changed)!r}], force=True, langs=['zh']))")
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True,
                            preexec_fn=sigint_as_in_a_terminal)
    seen = []
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        seen.append(line)
        if "06-tbea-photo-caption: running" in line or time.monotonic() > deadline:
            break
    # the notebook says when it has rewritten its figure (in staging); it then sleeps
    from helpers import wait_for_entry
    assert wait_for_entry(signals, "figure-changed", proc) is not None
    staged = out / ".build-cache" / "stage" / "06-tbea-photo-caption" / "figures" / "06-per-year.csv"
    assert staged.read_text("utf-8").splitlines()[0] == "changed"   # the change is made, in staging only
    os.kill(proc.pid, signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert any("running" in ln for ln in seen), seen
    assert snapshot(out) == snap
    assert not list(out.rglob("*.tmp"))


def test_bad_project_is_one_line_and_status_2(tmp_path):
    log = io.StringIO()
    assert build.main(tmp_path / "nowhere", stream=log) == 2
    assert log.getvalue().count("\n") == 1 and "not a newspage project" in log.getvalue()
    log = io.StringIO()
    assert build.main(ROOT, out=tmp_path, page=tmp_path / "missing.txt", stream=log) == 2
    assert "missing.txt: page file not found" in log.getvalue()


# ---------------------------------------------------------------------------
# pieces
# ---------------------------------------------------------------------------

def test_inject_puts_the_parameters_right_after_the_tagged_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell("a = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print(a)")]
    build.inject(nb, {"a": 2, "figures_dir": "x/y"})
    assert [c.source for c in nb.cells][2] == "# Parameters injected by `newspage build`\na = 2\nfigures_dir = 'x/y'\n"
    assert nb.cells[2].metadata["tags"] == ["injected-parameters"] and nb.cells[2]["id"] == "injected-parameters"
    build.inject(nb, {"a": 3})  # injecting again replaces, never stacks
    assert sum("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
    nb.cells[1].metadata["tags"] = []
    with pytest.raises(build.BuildError, match="parameters"):
        build.inject(nb, {"a": 4})


def test_normalise_numbers_cells_and_drops_volatile_metadata():
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "file_extension": ".py"}
    nb.metadata["widgets"] = {"x": 1}
    c1 = nbformat.v4.new_code_cell("1", execution_count=17)
    c1.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}
    c1.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=17)]
    c2 = nbformat.v4.new_code_cell("2", execution_count=40)
    nb.cells = [nbformat.v4.new_markdown_cell("m"), c1, c2]
    build.normalise_executed(nb)
    assert [c1.execution_count, c2.execution_count, c1.outputs[0]["execution_count"]] == [1, 2, 1]
    assert "execution" not in c1.metadata and "widgets" not in nb.metadata
    assert nb.metadata["language_info"] == {"name": "python", "file_extension": ".py"}


def test_finding_is_the_first_paragraph_of_the_tagged_output():
    nb = {"cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [{"data": {"text/markdown": "not this"}}]},
        {"cell_type": "code", "metadata": {"tags": ["finding"]}, "outputs": [
            {"output_type": "display_data", "data": {"text/markdown": "本版 **7** 篇，&lt;b&gt; a\\_b\n\n- detail"}}]},
    ]}
    assert build.finding_of(json.dumps(nb)) == "本版 7 篇，<b> a_b"
    assert build.finding_of("{}") == "" and build.finding_of("not json") == ""
