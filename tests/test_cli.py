"""The newspage command: extract writes tables and a codebook; a bad page among good ones is recorded in the
errors table and the run exits 3; input with no readable page exits 2, one line, writes nothing."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from conftest import SEED, run_cli


def test_help_explains_itself():
    r = run_cli("--help")
    assert r.returncode == 0
    for word in ("extract", "sql", "check", "build", "codebook"):
        assert word in r.stdout
    r = run_cli("extract", "--help")
    text = " ".join(r.stdout.split())
    assert r.returncode == 0 and "-o DIR" in text
    for words in ("recorded in the errors table", "whole or not at all", "3 some pages failed",
                  "2 the run could not start", "skips every page already done", "--format {csv,parquet}",
                  "--engine {local,dask}", "--scheduler ADDRESS", "--jobs N"):
        assert words in text, words


def test_extract_writes_tables_and_codebook(tmp_path):
    out = tmp_path / "data"
    r = run_cli("extract", SEED, "-o", out)
    assert r.returncode == 0, r.stderr
    for name in ("stories", "paragraphs", "sentences", "credits"):
        df = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        assert df.columns[0] == "page_id"
        assert (df["page_id"] == SEED.stem).all()
    stories = pd.read_csv(out / "stories.csv", keep_default_na=False)
    assert len(stories) == 7
    assert stories.loc[2, "headline"] == "新疆下放121项林草行政职权事项"
    book = (out / "README.md").read_text(encoding="utf-8")
    assert "## stories" in book and "| `headline` |" in book and "| column | meaning | type | unit |" in book
    assert "## errors" in book and "Table schema version" in book
    # the store that makes a run resumable is the one hidden entry; nothing temporary is left
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".parts"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".staging")]


def test_extract_is_byte_identical_across_runs(tmp_path):
    import json
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("extract", SEED, "-o", a).returncode == 0
    assert run_cli("extract", SEED, "-o", b).returncode == 0
    tables = sorted(f.name for f in a.iterdir() if f.suffix in (".csv", ".md"))
    assert len(tables) == 13  # 11 page tables (pages … keywords), errors, the codebook
    for name in tables:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    # the manifest differs only by the name of the batch file that holds each page
    lines = lambda d: [{k: v for k, v in json.loads(x).items() if k != "part"}  # noqa: E731
                       for x in (d / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines(a) == lines(b)


def _bad(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "x.txt").mkdir()  # a folder named like a page
    return {"missing": (tmp_path / "missing.txt", "no such file"),
            "empty": (empty, "empty file"),
            "binary": (binary, "binary data"),
            "directory": (folder / "x.txt", "the folder holds no .txt page")}  # a folder is searched for pages


@pytest.mark.parametrize("case", ["missing", "empty", "binary"])
def test_bad_page_among_good_ones_exit_3_recorded_run_goes_on(tmp_path, case):
    path, problem = _bad(tmp_path)[case]
    out = tmp_path / "out"
    r = run_cli("extract", SEED, path, "-o", out, "--tables", "stories")
    assert r.returncode == 3, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2, r.stderr  # the failed page, then the summary
    assert str(path) in lines[0] and problem in lines[0]
    assert "1 failed (errors table)" in lines[1]
    assert "Traceback" not in r.stderr
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert errors[["page_id", "file"]].values.tolist() == [[path.stem, str(path)]] and problem in errors.loc[0, "problem"]
    stories = pd.read_csv(out / "stories.csv", keep_default_na=False)
    assert set(stories["page_id"]) == {SEED.stem} and len(stories) == 7


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "directory"])
def test_no_readable_page_exit_2_one_line_nothing_written(tmp_path, case):
    path, problem = _bad(tmp_path)[case]
    out = tmp_path / "out"
    r = run_cli("extract", path, "-o", out)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(path) in lines[0] and problem in lines[0]
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_unwritable_output_folder(tmp_path):
    target = tmp_path / "file-not-dir"
    target.write_text("x")
    r = run_cli("extract", SEED, "-o", target / "sub")
    assert r.returncode == 2 and "not a folder" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    if os.geteuid() != 0:  # root can write anywhere; the file case above covers it
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        r = run_cli("extract", SEED, "-o", ro / "out")
        assert r.returncode == 2 and "cannot be written" in r.stderr


def test_unknown_table_and_no_command(tmp_path):
    r = run_cli("extract", SEED, "-o", tmp_path / "o", "--tables", "stories,nonsense")
    assert r.returncode == 2 and "unknown table 'nonsense'" in r.stderr
    assert not (tmp_path / "o").exists()
    r = run_cli()
    assert r.returncode == 2 and "extract" in r.stdout


def test_two_pages_share_the_files(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("某县举办丰收节\n\n本报讯 近日，某县举办丰收节，吸引游客1万人次。", encoding="gb18030")
    out = tmp_path / "o"
    r = run_cli("extract", SEED, other, "-o", out, "--tables", "stories")
    assert r.returncode == 0, r.stderr
    st = pd.read_csv(out / "stories.csv", keep_default_na=False)
    assert st.groupby("page_id").size().to_dict() == {SEED.stem: 7, "other": 1}


def test_build_refuses_bad_page_and_unknown_notebook(tmp_path):
    from conftest import ROOT
    r = run_cli("build", "--root", ROOT, "--out", tmp_path / "o", "--page", tmp_path / "missing.txt")
    assert r.returncode == 2 and "missing.txt: no such file" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("build", "--root", ROOT, "--out", tmp_path / "o", "no-such-notebook")
    assert r.returncode == 2 and "no-such-notebook: no such notebook" in r.stderr
    assert not (tmp_path / "o").exists()
