"""Corpus mode: `newspage extract` over files, folders and globs; bad pages recorded and skipped; Ctrl-C at
several moments followed by a resume equal to an uninterrupted run; Parquet/DuckDB equal to CSV; Dask equal
to local; versions recorded; the archive generator.

Pages come from bench/make_archive.py (composed, arithmetically correct); expected page ids come from the
generator's own manifest (where it wrote each file), never from the library's output.  Interrupts are
timing-free: at a named moment (an import, a commit) the process runs its own SIGINT handler, or a worker
sends SIGINT to its parent while the parent waits for pages.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, run_cli, sigint_as_in_a_terminal

FAST = "stories,paragraphs"                  # segmentation only: the interrupt tests
SOME = "stories,paragraphs,quantities"       # + patterns: parquet/dask equality


def _load_make_archive():
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "bench" / "make_archive.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Four composed pages in paper/YYYY/MMDD/NN.txt folders, and the generator's manifest."""
    folder = tmp_path_factory.mktemp("archive") / "pages"
    manifest = _load_make_archive().make_archive(folder, 4, seed=7)
    return folder, manifest


def _ids(manifest) -> list[str]:
    return sorted(p["path"][: -len(".txt")] for p in manifest["pages"])


def _tables(out: Path) -> dict[str, bytes]:
    """The table files and the codebook (what a reader uses), by name."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".csv", ".md")}


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory):
    """An uninterrupted run (one process) over the archive: the tables every resumed run must equal."""
    folder, _ = archive
    out = tmp_path_factory.mktemp("ref") / "out"
    r = run_cli("extract", folder, "-o", out, "--tables", FAST, "--jobs", "1")
    assert r.returncode == 0, r.stderr
    return _tables(out)


# ---------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------

def test_discover_files_folders_and_globs(tmp_path):
    from newspage.corpus import ArchiveError, discover
    for rel in ("a/2020/0102/01.txt", "a/2020/0103/01.txt", "a/.hidden/x.txt", "a/notes.md", "b/p.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    ids = lambda srcs: [s.page_id for s in srcs]  # noqa: E731
    assert ids(discover([tmp_path / "a"])) == ["2020/0102/01", "2020/0103/01"]
    assert ids(discover([str(tmp_path / "a" / "**" / "*.txt")])) == ["2020/0102/01", "2020/0103/01"]
    assert ids(discover([str(tmp_path / "a" / "2020" / "*" / "01.txt")])) == ["0102/01", "0103/01"]
    assert ids(discover([tmp_path / "b" / "p.txt", tmp_path / "b", tmp_path / "b" / "p.txt"])) == ["p"]
    assert ids(discover([tmp_path / "missing.txt"])) == ["missing"]  # reported later as a failed page
    with pytest.raises(ArchiveError, match=r"would both be page '01'"):
        discover([tmp_path / "a/2020/0102/01.txt", tmp_path / "a/2020/0103/01.txt"])
    with pytest.raises(ArchiveError, match="no file matches"):
        discover([str(tmp_path / "a" / "*.pdf")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArchiveError, match="holds no .txt page"):
        discover([tmp_path / "empty"])


def test_start_up_imports_nothing_heavy():
    from newspage import corpus, page
    assert corpus.MAX_BYTES == page.MAX_BYTES
    code = "import sys, newspage.cli; print(sorted(m for m in ('pandas', 'jieba', 'pyarrow', 'duckdb') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stderr


def test_folder_of_pages_gets_ids_from_paths_and_no_bar_off_a_terminal(archive, tmp_path):
    folder, manifest = archive
    out = tmp_path / "out"
    r = run_cli("extract", folder, "-o", out, "--tables", "stories", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    st = pd.read_csv(out / "stories.csv", keep_default_na=False)
    assert sorted(st["page_id"].unique()) == _ids(manifest)
    assert pd.read_csv(out / "errors.csv").empty
    assert "\r" not in r.stderr and "page/s" not in r.stderr  # tqdm stays quiet when stderr is a pipe
    assert r.stderr.count("\n") == 1 and "4 page(s): 4 read" in r.stderr
    again = run_cli("extract", folder, "-o", out, "--tables", "stories", "--jobs", "2")
    assert again.returncode == 0 and "0 read (0 characters), 4 already done" in again.stderr
    assert _tables(out)["stories.csv"] == (out / "stories.csv").read_bytes()


def test_a_bad_page_among_good_ones(archive, tmp_path):
    folder, manifest = archive
    pages = tmp_path / "pages"
    good = sorted(folder.rglob("*.txt"))[:2]
    (pages / "good").mkdir(parents=True)
    for i, f in enumerate(good):
        shutil.copy(f, pages / "good" / f"{i}.txt")
    (pages / "bad").mkdir()
    (pages / "bad" / "empty.txt").write_bytes(b"")
    (pages / "bad" / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    r = run_cli("extract", pages, missing, "-o", out, "--tables", "stories", "--jobs", "2")
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert errors.values.tolist() == [
        ["bad/empty", str(pages / "bad" / "empty.txt"), "empty file"],
        ["bad/img", str(pages / "bad" / "img.txt"), "binary data, not text: contains NUL bytes"],
        ["missing", str(missing), "no such file"],
    ]
    for path, problem in [(pages / "bad" / "empty.txt", "empty file"), (missing, "no such file")]:
        assert f"{path}: {problem}" in r.stderr
    st = pd.read_csv(out / "stories.csv", keep_default_na=False)
    assert sorted(st["page_id"].unique()) == ["good/0", "good/1"]


def test_only_bad_input_could_not_start(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    r = run_cli("extract", bad, "-o", out)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"newspage extract: {bad}: empty file"]
    assert not out.exists()


# ---------------------------------------------------------------------------
# Ctrl-C at several moments, then the same command again
# ---------------------------------------------------------------------------

RUNNER = r"""
import os, signal, sys
moment, argv = sys.argv[1], sys.argv[2:]


def sigint():
    # what a SIGINT does in this process, run at this very point: its handler (the command's, or
    # Python's default one that raises KeyboardInterrupt), called synchronously so no timing decides
    signal.getsignal(signal.SIGINT)(signal.SIGINT, None)


if moment == "start-up":            # while the command imports pandas
    class Hook:
        def find_spec(self, name, path=None, target=None):
            if name == "pandas":
                sigint()
            return None
    sys.meta_path.insert(0, Hook())

from newspage import cli, corpus

if moment == "after-a-batch":       # between two batches
    real = corpus.Archive.commit
    def commit(self, results):
        real(self, results)
        if results:
            sigint()
    corpus.Archive.commit = commit
elif moment == "inside-a-commit":   # while the first batch's parts are being written
    real_meta, calls = corpus.Archive._meta, []
    def meta(self, name):
        calls.append(name)
        if len(calls) == 2:
            sigint()
        return real_meta(self, name)
    corpus.Archive._meta = meta
elif moment == "in-a-worker":       # a worker process, on the third page, interrupts its parent
    real_page = corpus.extract_page
    def extract_page(data, source, page_id, *a, **k):
        if page_id == sys.argv[-1]:
            os.kill(os.getppid(), signal.SIGINT)
        return real_page(data, source, page_id, *a, **k)
    corpus.extract_page = extract_page
    argv = argv[:-1]
elif moment == "killed-in-a-commit":  # the process dies between renaming parts and the manifest line
    real_replace, seen = os.replace, []
    def replace(src, dst):
        real_replace(src, dst)
        if str(dst).endswith(".parquet") and "part-" in str(dst):
            seen.append(dst)
            if len(seen) == 4:      # first table of the second batch renamed, its manifest line not written
                os._exit(9)
    corpus.os.replace = replace
sys.exit(cli.main(argv))
"""


@pytest.mark.parametrize("moment", ["start-up", "after-a-batch", "inside-a-commit", "in-a-worker", "killed-in-a-commit"])
def test_interrupt_then_resume_equals_an_uninterrupted_run(archive, reference, tmp_path, moment):
    folder, manifest = archive
    out = tmp_path / "out"
    jobs = "2" if moment == "in-a-worker" else "1"
    argv = ["extract", str(folder), "-o", str(out), "--tables", FAST, "--jobs", jobs, "--batch", "2"]
    extra = [_ids(manifest)[2]] if moment == "in-a-worker" else []
    r = subprocess.run([sys.executable, "-c", RUNNER, moment, *argv, *extra], capture_output=True, text=True, timeout=300,
                       preexec_fn=sigint_as_in_a_terminal)
    assert "Traceback" not in r.stderr, r.stderr
    if moment == "killed-in-a-commit":
        assert r.returncode == 9
        done = [json.loads(x)["page_id"] for x in (out / "manifest.jsonl").read_text().splitlines()[1:]]
        assert done == _ids(manifest)[:2]  # the first batch only; the second never committed
    else:
        assert r.returncode == 130, r.stderr
        assert r.stderr.strip().splitlines()[-1].startswith("newspage extract: interrupted")
    if moment == "start-up":
        assert r.stderr.strip().splitlines() == ["newspage extract: interrupted; outputs already written are "
                                                 "complete, the rest untouched"]
        assert not out.exists()
    if moment in ("after-a-batch", "inside-a-commit"):
        st = pd.read_csv(out / "stories.csv", keep_default_na=False)  # the finished batch is readable now
        assert sorted(st["page_id"].unique()) == _ids(manifest)[:2]
    again = run_cli(*argv)
    assert again.returncode == 0, again.stderr
    assert _tables(out) == reference
    assert not list(out.rglob("*.tmp"))


def test_a_worker_ends_when_the_run_that_started_it_is_gone():
    """A Ctrl-C that lands while the run forks its workers can leave one the pool never recorded, so never
    stops: it must not outlive the run (it would wait for work forever and hold the terminal's output
    open, so that a caller reading the run's output never sees it end).  Here the run starts its workers
    as an extract does and vanishes without stopping them: the output must close within seconds."""
    import time

    code = (
        "import os\n"
        "from newspage import corpus\n"
        "eng = corpus.LocalEngine(2, ['stories'])\n"
        "eng.start()\n"
        "fs = [eng.pool.submit(os.getpid) for _ in range(4)]\n"
        "print(sorted({f.result() for f in fs}), flush=True)\n"
        "os._exit(0)\n")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0 and r.stdout.startswith("["), r.stderr
    assert time.monotonic() - t0 < 60
    def running(pid):  # an exiting process closes its files first, then frees its memory: allow for that
        stat = Path(f"/proc/{pid}/stat")
        try:
            return stat.read_text().split()[2] not in ("Z", "X")
        except (FileNotFoundError, ProcessLookupError):
            return False
    pids = json.loads(r.stdout)
    deadline = time.monotonic() + 20
    while any(running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if running(p)], "a worker outlived its run"


def test_ctrl_c_from_the_terminal_then_resume(archive, reference, tmp_path):
    """What a terminal's Ctrl-C does: SIGINT to the whole process group, sent from outside at a moment
    the run announces.  The fifth page is a named pipe, named on the command line (a folder's walk
    takes regular files only: inside the folder it would be no page at all, and the run could end
    before the interrupt): the run reads it once to hash it (the test writes it then), commits the
    four pages before it (their lines in manifest.jsonl are the announcement) and blocks reading it
    again, so the interrupt lands exactly there."""
    import signal
    import threading
    import time

    folder, manifest = archive
    pages = tmp_path / "pages"
    shutil.copytree(folder, pages)
    last = tmp_path / "zz_last.txt"           # its id, zz_last, sorts after every paper folder
    content = (folder / manifest["pages"][0]["path"]).read_bytes()
    os.mkfifo(last)
    threading.Thread(target=lambda: last.write_bytes(content), daemon=True).start()  # pass 1 reads it once
    out = tmp_path / "out"
    argv = ["extract", str(pages), str(last), "-o", str(out), "--tables", FAST, "--jobs", "1", "--batch", "2"]
    exe = Path(sys.executable).parent / "newspage"
    proc = subprocess.Popen([str(exe), *argv], stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=sigint_as_in_a_terminal)
    deadline = time.monotonic() + 240
    done = lambda: (out / "manifest.jsonl").exists() and len((out / "manifest.jsonl").read_text().splitlines()) == 5  # noqa: E731
    while not done() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # polling the announcement; no timing decides the outcome
    assert done(), "the run never committed the four pages before the pipe"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("newspage extract: interrupted")
    st = pd.read_csv(out / "stories.csv", keep_default_na=False)
    assert sorted(st["page_id"].unique()) == _ids(manifest)  # the four pages before the pipe, whole
    last.unlink()
    last.write_bytes(content)                 # the same page, now a plain file
    again = run_cli(*argv)
    assert again.returncode == 0, again.stderr
    assert "1 read" in again.stderr and "4 already done" in again.stderr
    st = pd.read_csv(out / "stories.csv", keep_default_na=False)
    twin = manifest["pages"][0]["path"][: -len(".txt")]
    first = st[st.page_id == twin].drop(columns="page_id").reset_index(drop=True)
    copy = st[st.page_id == "zz_last"].drop(columns="page_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(first, copy)  # the resumed page reads like its twin
    without = {k: v for k, v in _tables(out).items() if k != "README.md"}
    for name, data in without.items():        # and every other row equals the uninterrupted run's
        rows = [ln for ln in data.decode().splitlines() if not ln.startswith("zz_last,")]
        assert rows == reference[name].decode().splitlines(), name


# ---------------------------------------------------------------------------
# Parquet + DuckDB, Dask, versions
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def local_csv(archive, tmp_path_factory):
    from newspage import corpus
    folder, _ = archive
    out = tmp_path_factory.mktemp("csv") / "out"
    s = corpus.run([folder], out, tables=SOME.split(","), jobs=1)
    assert (s.read, s.failed) == (4, 0)
    return out


def test_parquet_and_duckdb_equal_csv_row_for_row(archive, local_csv, tmp_path):
    import pyarrow.parquet as pq

    from newspage import corpus, tables
    folder, manifest = archive
    out = tmp_path / "pq"
    s = corpus.run([folder], out, fmt="parquet", tables=SOME.split(","), jobs=2, batch=4)
    assert (s.read, s.failed) == (4, 0)
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "errors", "manifest.jsonl", "newspage.duckdb",
                                                     "paragraphs", "quantities", "stories"]
    schemas = corpus.table_schemas(SOME.split(","))
    con = corpus.connect(out)
    for name, schema in schemas.items():
        via_sql = tables.conform(con.execute(f"SELECT * FROM {name}").df(), schema, with_page_id=True)
        assert tables.to_csv_bytes(via_sql) == (local_csv / f"{name}.csv").read_bytes(), name
    con.close()
    # the Parquet files record the table schema and library versions
    meta = json.loads(pq.read_schema(next((out / "stories").glob("part-*.parquet"))).metadata[b"newspage"])
    assert meta["table"] == "stories" and meta["schema_version"] == tables.SCHEMA_VERSION
    assert meta["library"].startswith(__import__("newspage").__version__ + "+")
    # the database opens from anywhere (paths resolve inside the archive)
    r = run_cli("sql", out, "SELECT count(DISTINCT page_id) AS pages FROM stories", cwd="/")
    assert r.returncode == 0 and r.stdout.split() == ["pages", "4"], r.stderr
    r = run_cli("sql", out, "SELECT page_id FROM stories GROUP BY 1 ORDER BY 1", "--csv")
    assert r.stdout.splitlines() == ["page_id"] + _ids(manifest)
    r = run_cli("sql", out, "SELECT nonsense FROM stories")
    assert r.returncode == 2 and r.stderr.startswith("newspage sql: error: query failed:") and r.stderr.count("\n") == 1
    r = run_cli("sql", tmp_path, "SELECT 1")
    assert r.returncode == 2 and "no newspage.duckdb" in r.stderr


def test_a_run_in_this_process_leaves_the_garbage_collector_as_it_found_it(archive, tmp_path):
    # corpus.run with one job extracts in the caller's process (a notebook, a script) and tunes the
    # collector while it does; the caller's settings come back afterwards, also when a page fails
    import gc

    from newspage import corpus
    folder, _ = archive
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        assert gc.get_freeze_count() == 0
        seen = []
        s = corpus.run([folder], tmp_path / "out", tables=["stories"], jobs=1,
                       on_result=lambda res: seen.append((gc.get_threshold(), gc.get_freeze_count() > 0)))
        assert (s.read, s.failed) == (4, 0)
        assert seen == [(corpus.GC_THRESHOLD, True)] * 4
        assert gc.get_threshold() == (900, 11, 12) and gc.get_freeze_count() == 0
        # objects the caller froze stay frozen (gc.unfreeze() would have thawed them all: count 0)
        gc.freeze()
        s = corpus.run([folder], tmp_path / "again", tables=["stories"], jobs=1)
        assert s.read == 4 and gc.get_freeze_count() > 0 and gc.get_threshold() == (900, 11, 12)
        gc.unfreeze()
    finally:
        gc.set_threshold(*before)


@pytest.fixture(scope="session")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=40)
    yield cluster.scheduler_address
    cluster.close()


def test_dask_writes_the_same_tables_as_local(archive, local_csv, dask_scheduler, tmp_path):
    from newspage import corpus
    folder, _ = archive
    out = tmp_path / "dask"
    s = corpus.run([folder], out, tables=SOME.split(","), engine="dask", scheduler=dask_scheduler, jobs=2, batch=3)
    assert (s.read, s.failed) == (4, 0)
    assert _tables(out) == _tables(local_csv)


def test_changed_page_is_read_again_and_replaces_its_rows(archive, tmp_path):
    from newspage import corpus
    folder, manifest = archive
    pages = tmp_path / "pages"
    shutil.copytree(folder, pages)
    out = tmp_path / "out"
    assert corpus.run([pages], out, tables=["stories"], jobs=1).read == 4
    before = pd.read_csv(out / "stories.csv", keep_default_na=False)
    target = _ids(manifest)[0]
    with open(pages / f"{target}.txt", "a", encoding="utf-8") as fh:
        fh.write("\n某县举办丰收节\n\n本报讯 近日，某县举办丰收节，吸引游客1万人次。\n")
    s = corpus.run([pages], out, tables=["stories"], jobs=1)
    assert (s.read, s.skipped) == (1, 3)
    after = pd.read_csv(out / "stories.csv", keep_default_na=False)
    n = lambda df: df.groupby("page_id").size().to_dict()  # noqa: E731
    assert n(after) == {**n(before), target: n(before)[target] + 1}
    assert after.loc[after.page_id == target, "headline"].iloc[-1] == "某县举办丰收节"
    assert not after.duplicated(["page_id", "story_id"]).any()


def test_an_archive_of_another_schema_version_is_refused(archive, tmp_path):
    folder, _ = archive
    out = tmp_path / "out"
    assert run_cli("extract", folder, "-o", out, "--tables", "stories", "--jobs", "1").returncode == 0
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    head = json.loads(lines[0])
    head["schema_version"] = 0             # as written by an older newspage: another schema, another library
    head["library"] = "0.0.1+0000000000"
    (out / "manifest.jsonl").write_text("\n".join([json.dumps(head)] + lines[1:]) + "\n", encoding="utf-8")
    before = _tables(out)
    extra = out.parent / "extra.txt"
    extra.write_text("某县举办丰收节\n\n本报讯 近日，某县举办丰收节，吸引游客1万人次。", encoding="utf-8")
    r = run_cli("extract", folder, extra, "-o", out, "--tables", "stories", "--jobs", "1")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "table schema version 0" in r.stderr and "never mixed" in r.stderr
    assert _tables(out) == before
    r = run_cli("extract", folder, "-o", out, "--tables", "stories,paragraphs", "--jobs", "1")
    assert r.returncode == 2  # another schema version is refused before anything else


def test_changelog_covers_the_current_schema_version():
    from newspage.tables import SCHEMA_VERSION
    log = (ROOT / "docs" / "CHANGELOG-tables.md").read_text(encoding="utf-8")
    assert re.search(rf"^## Schema version {SCHEMA_VERSION}\b", log, re.M)


# ---------------------------------------------------------------------------
# the archive generator
# ---------------------------------------------------------------------------

def _value(surface: str) -> tuple[Decimal, Decimal]:
    """The number of a stated surface in the library's convention, and half a unit of its last digit."""
    m = re.search(r"\d+(?:\.\d+)?", surface)
    digits = m.group()
    mult = Decimal(10) ** 8 if "亿" in surface[m.end():] else Decimal(10) ** 4 if "万" in surface[m.end():] else 1
    dec = len(digits.split(".")[1]) if "." in digits else 0
    return Decimal(digits) * mult, Decimal(5) * Decimal(10) ** (-dec - 1) * mult


def test_make_archive_pages_are_distinct_deterministic_and_correct(archive, tmp_path):
    folder, manifest = archive
    mk = _load_make_archive()
    again = mk.make_archive(tmp_path / "again", 4, seed=7)
    assert again["pages"] == manifest["pages"]
    fewer = mk.make_archive(tmp_path / "fewer", 2, seed=7)
    assert fewer["pages"] == manifest["pages"][:2]  # page i does not depend on how many follow
    shas = [p["sha256"] for p in manifest["pages"]]
    assert len(set(shas)) == 4
    for p in manifest["pages"]:
        data = (folder / p["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == p["sha256"]
        text = data.decode("utf-8")
        d = dt.date.fromisoformat(p["date"])
        head = "\n".join(text.split("\n\n")[:4])
        assert f"{d.year}年{d.month}月{d.day}日" in head and p["paper"] in head
        assert "星期" + "一二三四五六日"[d.weekday()] in head
        assert p["path"] == f"{p['path'].split('/')[0]}/{d.year}/{d:%m%d}/{p['page_number']:02d}.txt"
        for c in p["claims"]:
            assert text.count(c["excerpt"]) == 1
            if not p["stories"][c["story"] - 1]["source"].startswith("template:"):
                continue  # the dev corpus's own claims, checked by hand when it was written
            if c["relation"] == "count" or c["stated"] is None:
                continue
            stated, half = _value(c["stated_surface"])
            assert Decimal(str(c["stated"])) == stated, c
            if "超" in c["excerpt"] and c["relation"] == "repeat":
                assert Decimal(str(c["computed"])) > stated, c  # 超N: more than N
            else:
                assert abs(Decimal(str(c["computed"])) - stated) <= half, c
            assert c["verdict"] in (["consistent"], ["rounding"])
    assert not any("heldout" in s for s in manifest["material"])


def test_a_pages_tables_cross_to_arrow_as_pandas_would_write_them(seed_page):
    """The worker's fast path (the stored arrays, column by column) gives the Arrow table that
    pa.Table.from_pandas gives for every table of a page: same values, types, schema and pandas metadata;
    a frame whose columns are in another order still comes out in the written order."""
    import pyarrow as pa

    from newspage import corpus
    from newspage.tables import registry

    for name in registry():
        df = seed_page.table(name)
        schema = corpus._written_schema(name)
        want = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
        got = corpus.to_arrow(name, df)
        assert got.equals(want) and got.schema.equals(want.schema, check_metadata=True), name
        shuffled = corpus.to_arrow(name, df[list(reversed(df.columns))])
        assert shuffled.equals(want) and shuffled.schema.names == schema.names, name
