"""Issue 7's catalogue of bad and awkward inputs: each gets a correct result or one clear line.

Every case runs through read_page and through `newspage extract` (exit status 2, one line naming
the file and the problem, no traceback, nothing written); awkward-but-valid input must give the
same tables as its plain counterpart.
"""
from __future__ import annotations

import hashlib

import os
from pathlib import Path
from unittest import mock

import pytest

import newspage
from newspage.page import PageError

from conftest import SEED, run_cli

SEED_TEXT = SEED.read_text(encoding="utf-8")
SMALL = "某县举办丰收节\n\n本报讯 记者张某报道：近日，某县举办农民丰收节，吸引游客1.2万人次，销售额达300万元。\n"

# name -> (bytes, expected problem text)
REFUSED = {
    "empty": (b"", "empty file"),
    "whitespace only": (b" \t\r\n\r\n\xe3\x80\x80\xe3\x80\x80\n", "only white space"),
    "binary": (bytes(range(256)) * 16, "binary data"),
    "nul bytes": ("正文，内容。".encode() + b"\x00\x00" + "更多。".encode(), "NUL"),
    "utf-16 without bom": ("Page 1 正文，内容。".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    "undecodable": (b"\xff\xfe\xfd\xfc\xfb" * 50 + b"\x81", "cannot decode"),
    "latin-1 garbage": (bytes(range(0xa0, 0x100)) * 20, "cannot decode"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_by_read_page(tmp_path, case):
    data, problem = REFUSED[case]
    f = tmp_path / "page.txt"
    f.write_bytes(data)
    with pytest.raises(PageError) as err:
        newspage.read_page(f)
    assert str(err.value).startswith(f"{f}: ") and problem in str(err.value)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_by_extract_cli(tmp_path, case):
    data, problem = REFUSED[case]
    f = tmp_path / "page.txt"
    f.write_bytes(data)
    out = tmp_path / "out"
    r = run_cli("extract", f, "-o", out)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(f) in r.stderr and problem in r.stderr
    assert "Traceback" not in r.stderr and not out.exists()


# name -> bytes that must read exactly like the UTF-8 seed
SAME_AS_SEED = {
    "utf-8 with bom": SEED_TEXT.encode("utf-8-sig"),
    "gb18030": SEED_TEXT.encode("gb18030"),
    "utf-16 with bom": SEED_TEXT.encode("utf-16"),
    "crlf": SEED_TEXT.replace("\n", "\r\n").encode(),
    "lone cr": SEED_TEXT.replace("\n", "\r").encode(),
    "indented with ideographic spaces": "\n".join("\u3000\u3000" + l if l else l for l in SEED_TEXT.split("\n")).encode(),
    "trailing spaces and nbsp": "\n".join(l + " \u00a0" if l else l for l in SEED_TEXT.split("\n")).encode(),
}


@pytest.mark.parametrize("case", sorted(SAME_AS_SEED))
def test_awkward_encodings_and_layouts_give_identical_tables(tmp_path, seed_page, case):
    f = tmp_path / f"{SEED.stem}.txt"
    f.write_bytes(SAME_AS_SEED[case])
    page = newspage.read_page(f)
    assert page.text == seed_page.text
    for name in ("stories", "paragraphs", "sentences", "credits"):
        assert page.table(name).equals(seed_page.table(name)), name


def test_fullwidth_digits_read_as_ascii():
    half = newspage.read_page(text=SMALL)
    full = newspage.read_page(text=SMALL.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％")))
    assert full.text == half.text
    assert full.raw != half.raw


def test_traditional_characters_and_emoji():
    text = "某縣舉辦豐收節 🎉\n\n本報訊 近日，某縣舉辦農民豐收節，吸引遊客1.2萬人次😀，場面熱烈。"
    page = newspage.read_page(text=text)
    assert page.stories.loc[0, "headline"] == "某縣舉辦豐收節 🎉"
    body = page.paragraphs[page.paragraphs.kind == "body"]
    assert body["text"].tolist() == [text.split("\n\n")[1]]
    assert all(page.text[r.start:r.end] == r.text for r in page.sentences.itertuples())


def test_one_2mb_line_without_breaks():
    line = ("园区盘活闲置厂房，引进新项目，新增产能，" * 110_000)[:2_000_000]
    page = newspage.read_page(text=line)
    assert len(page.text) == 2_000_000
    assert len(page.paragraphs) == 1 and page.paragraphs.loc[0, "kind"] == "body"
    assert page.sentences.loc[0, "end"] == 2_000_000


def test_5mb_page(tmp_path):
    f = tmp_path / "big.txt"
    reps = 5 * 2**20 // len(SEED_TEXT.encode()) + 1
    f.write_bytes(("\n\n".join([SEED_TEXT] * reps)).encode())
    page = newspage.read_page(f)
    assert len(page.stories) == 7 * reps
    assert page.stories["story_id"].is_unique
    assert (page.stories["headline"].iloc[7:14].tolist() == page.stories["headline"].iloc[:7].tolist())


def test_page_with_no_headline_at_all():
    text = "近日，某县召开会议，研究部署春耕工作。\n\n会议要求，各乡镇要抓好农资供应，确保不误农时。"
    page = newspage.read_page(text=text)
    assert page.stories[["headline", "kicker", "byline"]].values.tolist() == [["", "", ""]]
    assert page.stories.loc[0, "n_paragraphs"] == 2


def test_unbalanced_quotes_and_brackets():
    text = "标题“没有闭合\n\n正文（括号没有闭合，“引号也没有。第二句】。\n\n》第三段开头是书名号，内容。"
    page = newspage.read_page(text=text)
    t = page.text
    assert all(t[r.start:r.end] == r.text for r in page.sentences.itertuples())
    assert page.paragraphs["text"].str.len().sum() == len(t.replace("\n\n", ""))


def test_markup_stays_text():
    text = '网页<b>标题</b>\n\n正文<script>alert("x")</script>，图片<img src=x onerror="alert(1)">，内容。'
    page = newspage.read_page(text=text)
    assert page.stories.loc[0, "headline"] == "网页<b>标题</b>"
    assert '<script>alert("x")</script>' in page.paragraphs["text"].iloc[1]


def test_path_errors(tmp_path):
    # extract searches a folder for pages: an empty one is an input with no page (exit 2)
    for path, problem, cli_problem in [(tmp_path / "missing.txt", "no such file", "no such file"),
                                       (tmp_path, "is a directory", "the folder holds no .txt page")]:
        with pytest.raises(PageError, match=problem):
            newspage.read_page(path)
        r = run_cli("extract", path, "-o", tmp_path / "o")
        assert r.returncode == 2 and cli_problem in r.stderr and "Traceback" not in r.stderr


def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text(SMALL, encoding="utf-8")
    with mock.patch.object(Path, "read_bytes", side_effect=PermissionError(13, "Permission denied")):
        with pytest.raises(PageError, match="permission denied"):
            newspage.read_page(f)
    if os.geteuid() != 0:  # root reads anything: the mock above covers it
        f.chmod(0)
        r = run_cli("extract", f, "-o", tmp_path / "o")
        assert r.returncode == 2 and "permission denied" in r.stderr


def test_output_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    r = run_cli("extract", SEED, "-o", blocker)
    assert r.returncode == 2 and "not a folder" in r.stderr and "Traceback" not in r.stderr
    with mock.patch("os.access", return_value=False):
        from newspage import cli
        code = cli.main(["extract", str(SEED), "-o", str(tmp_path / "new")])
    assert code == 2 and not (tmp_path / "new").exists()


def test_huge_file_is_refused_before_reading(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(newspage.page.MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(PageError, match="file too large"):
        newspage.read_page(f)


def _tables(out):
    """The table files and the codebook: what `extract` publishes all or nothing (the manifest and the
    batch store beside them record finished pages, so that the next run goes on)."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".csv", ".md")}


def test_failed_write_leaves_previous_outputs(tmp_path):
    out = tmp_path / "data"
    assert run_cli("extract", SEED, "-o", out).returncode == 0
    before = _tables(out)
    from newspage import cli, tables
    real = tables.write_bytes_atomic
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, data)

    other = tmp_path / "other.txt"
    other.write_text(SMALL, encoding="utf-8")
    with mock.patch.object(tables, "write_bytes_atomic", failing):
        code = cli.main(["extract", str(other), "-o", str(out)])
    assert code == 2
    after = _tables(out)
    assert after == before  # all or nothing: no file replaced, no temporary file left behind
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".staging")]
    assert calls  # the failure really happened during the write


def test_interrupt_during_write_leaves_previous_outputs(tmp_path):
    out = tmp_path / "data"
    assert run_cli("extract", SEED, "-o", out).returncode == 0
    before = _tables(out)
    from newspage import cli, tables
    real = tables.write_bytes_atomic
    calls = []

    def interrupted(path, data):
        calls.append(path)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(path, data)

    other = tmp_path / "other.txt"
    other.write_text(SMALL, encoding="utf-8")
    with mock.patch.object(tables, "write_bytes_atomic", interrupted):
        code = cli.main(["extract", str(other), "-o", str(out)])
    assert code == 130
    assert _tables(out) == before


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_by_check_and_build(tmp_path, case, command):
    data, problem = REFUSED[case]
    f = tmp_path / "page.txt"
    f.write_bytes(data)
    from conftest import ROOT
    args = ["check", f] if command == "check" else ["build", "--root", ROOT, "--out", tmp_path / "out", "--page", f]
    r = run_cli(*args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(f) in r.stderr and problem in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == "" and not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_path_errors_for_check_and_build(tmp_path, command):
    from conftest import ROOT
    for path, problem in [(tmp_path / "missing.txt", "no such file"), (tmp_path, "is a directory")]:
        args = ["check", path] if command == "check" else ["build", "--root", ROOT, "--out", tmp_path / "o", "--page", path]
        r = run_cli(*args)
        assert r.returncode == 2 and problem in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("case", ["gb18030", "utf-16 with bom", "crlf"])
def test_check_reads_awkward_encodings_like_the_seed(tmp_path, case):
    f = tmp_path / f"{SEED.stem}.txt"
    f.write_bytes(SAME_AS_SEED[case])
    a, b = run_cli("check", f), run_cli("check", SEED)
    assert a.returncode == b.returncode == 0
    # the header names the file by its SHA-256 (what an accept file signs off): another encoding
    # is another file; everything else in the report is the same
    sha = hashlib.sha256(SAME_AS_SEED[case]).hexdigest()
    assert sha in a.stdout
    assert a.stdout.replace(sha, "SHA") == b.stdout.replace(hashlib.sha256(SEED.read_bytes()).hexdigest(), "SHA")


def test_check_on_markup_and_no_headline_pages(tmp_path):
    f = tmp_path / "odd.txt"
    f.write_text('近日，某县<script>alert(1)</script>完成造林5万亩，其中生态林3万亩、经济林2万亩。', encoding="utf-8")
    r = run_cli("check", f, "--strict")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "sum" in r.stdout and "Traceback" not in r.stderr
