"""newspage.report: what the notebooks share. Expected values are written by hand from the inputs
given here (the composed page in conftest, and small frames built in each test)."""
from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import newspage
from newspage import report
from conftest import COMPOSED

CSS = len(report._TABLE_CSS)


def cells(html_text: str) -> list[list[str]]:
    """The table's rows as lists of cell HTML (header row first)."""
    rows = re.findall(r"<tr>(.*?)</tr>", html_text, flags=re.S)
    return [[c.strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, flags=re.S)] for r in rows]


FRAME = pd.DataFrame({
    "what": ["企业", "厂房面积 <b>x</b>", "土地"],
    "total": [33, 587000.0, 2326.33],
    "surface": ["33家", "58.7万平方米", "2326.33亩"],
    "unit": ["家", "平方米", "亩"],
    "rate": [69.69697, None, 60.8506],
    "money": [2.444e7, float("nan"), 1234.5],
    "day": pd.to_datetime(["2026-03-13", None, "2026-04-13"]),
    "n": pd.array([1, None, 3], dtype="Int64"),
    "verdict": ["rounding", "derived", "consistent"],
})
COLS = [
    report.Col("what", "指标", "measure", source=True, meaning="What is measured"),
    report.Col("total", "总量", "total", unit_col="unit", surface_col="surface", meaning="The whole"),
    report.Col("rate", "盘活率", "rate", unit="%", places=1, meaning="Revived / total x 100"),
    report.Col("money", "金额", "amount", unit="元", meaning="Money"),
    report.Col("day", "日期", "date", meaning="Day"),
    report.Col("n", "个数", "count", meaning="A count"),
    report.Col("verdict", "结论", "verdict", label="verdict", meaning="Verdict code"),
    report.Col("unit", meaning="Unit as written"),  # written and documented, not shown
]


def test_a_table_in_chinese_reads_as_the_page_writes():
    out = report.render_table(FRAME, COLS, "zh")
    assert cells(out) == [
        ["指标", "总量", "盘活率（%）", "金额（元）", "日期", "个数", "结论"],
        ['<span class="np-src" lang="zh">企业</span>', "33家", "69.7", "24,440,000.0", "2026-03-13", "1", "四舍五入后一致"],
        ['<span class="np-src" lang="zh">厂房面积 &lt;b&gt;x&lt;/b&gt;</span>', "58.7万平方米", "—", "—", "—", "—", "推算"],
        ['<span class="np-src" lang="zh">土地</span>', "2326.33亩", "60.9", "1,234.5", "2026-04-13", "3", "一致"],
    ]
    assert "<th>" in out and 'class="np-table"' in out and "index" not in out.lower().replace("z-index", "")


def test_a_table_in_english_reads_in_western_form():
    out = report.render_table(FRAME, COLS, "en")
    assert cells(out) == [
        ["measure", "total", "rate (%)", "amount (yuan)", "date", "count", "verdict"],
        ['<span class="np-src" lang="zh">企业</span>', "33", "69.7", "24,440,000.0", "2026-03-13", "1",
         "consistent after rounding"],
        ['<span class="np-src" lang="zh">厂房面积 &lt;b&gt;x&lt;/b&gt;</span>', "587,000 m²", "—", "—", "—", "—", "derived"],
        ['<span class="np-src" lang="zh">土地</span>', "2,326.33 mu", "60.9", "1,234.5", "2026-04-13", "3", "consistent"],
    ]


def test_no_raw_pandas_text_reaches_the_reader():
    frame = pd.DataFrame({"x": [1e-7, 2.444e7, None], "y": [pd.NA, "a", None], "t": pd.to_datetime([None, None, None])})
    out = report.render_table(frame, None, "en")
    for raw in ("NaN", "<NA>", "NaT", "e+0", "e-0", "None"):
        assert raw not in out, raw
    assert cells(out)[1][0] == "0.00" and cells(out)[2][0] == "24,444,000.00".replace("24,444", "24,440")


def test_at_most_15_rows_and_the_rest_named_and_linked():
    frame = pd.DataFrame({"k": range(1, 41)})
    cols = [report.Col("k", "序号", "no.", meaning="row")]
    out = report.render_table(frame, cols, "zh", link=("08-fact-check/claims.csv", "../data/08-fact-check/claims.csv"))
    assert [r[0] for r in cells(out)[1:]] == [str(i) for i in range(1, 16)]
    assert '<p class="np-more">显示前15行，共40行。 <a class="np-data" data-table="08-fact-check/claims.csv" ' \
           'href="../data/08-fact-check/claims.csv">下载完整表格</a></p>' in out
    en = report.render_table(frame, cols, "en")
    assert '<p class="np-more">The first 15 of 40 rows.</p>' in en


def test_the_notebook_writes_the_table_and_its_codebook(tmp_path, monkeypatch):
    page = tmp_path / "page.txt"
    page.write_text(COMPOSED, encoding="utf-8")
    monkeypatch.setenv("NEWSPAGE_ROOT", str(tmp_path))
    nb = report.Notebook("page.txt", "figures", "data/99-test", "en", style=False)
    frame = FRAME.assign(story_id="s01")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nb.table(frame, "measures", COLS, description="The measures.")
    written = pd.read_csv(tmp_path / "data" / "99-test" / "measures.csv")
    assert written.columns.tolist() == FRAME.columns.tolist() + ["story_id"]
    book = (tmp_path / "data" / "99-test" / "README.md").read_text("utf-8")
    assert "## measures.csv\n\nThe measures.\n" in book
    assert "| `rate` | Revived / total x 100 | float | % |" in book
    assert "| `total` | The whole | float | per row: column `unit` |" in book
    assert "| `n` | A count | int |  |" in book
    # a page-table column is documented from the page codebook
    assert re.search(r"\| `story_id` \| .+ \(as in the page table `\w+`\) \| str \|", book)
    assert "| `surface` |" in book and "UNDOCUMENTED" not in book
    with pytest.warns(UserWarning, match=r"99-test: no meaning for column\(s\) mystery"):
        nb.table(pd.DataFrame({"mystery": [1]}), "odd")
    assert "| `mystery` | UNDOCUMENTED | int |  |" in (tmp_path / "data" / "99-test" / "README.md").read_text("utf-8")


def test_story_lookup_and_labels(tmp_path, monkeypatch):
    (tmp_path / "page.txt").write_text(COMPOSED, encoding="utf-8")
    monkeypatch.setenv("NEWSPAGE_ROOT", str(tmp_path))
    nb = report.start("page.txt", "figures", "data/99-test", "zh")
    assert nb.story("春耕") == "s02"
    assert nb.story(kind="article") == "s01"
    with pytest.raises(LookupError, match=r"^page: no story with '林草' in its headlines on this page$"):
        nb.story("林草")
    assert nb.headline("s02") == "某县发放春耕补贴500万元"
    assert nb.t("中", "en") == "中" and nb.label("verdict", "rounding") == "四舍五入后一致"
    assert nb.qty(587000, "平方米", surface="58.7万平方米") == "58.7万平方米"
    assert nb.num(1234567.891, 1) == "1234567.9"
    assert nb.src("<b>") == '<span class="np-src" lang="zh">&lt;b&gt;</span>'
    en = report.start("page.txt", "figures", "data/99-test", "en")
    assert en.qty(587000, "平方米", surface="58.7万平方米") == "587,000 m²"
    assert en.num(1234567.891, 1) == "1,234,567.9"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        report.start("page.txt", "figures", "data/99-test", "fr")


def test_pages_are_read_once_and_each_notebook_gets_its_own_copy(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(COMPOSED, encoding="utf-8")
    a = report.load_page(p)
    a.stories["headline"] = "changed"
    b = report.load_page(p)
    assert b.stories.headline.tolist() == ["全市新建学校12所 <img src=x onerror=alert(2)>", "某县发放春耕补贴500万元"]
    assert b.claims.claim_id.tolist() == newspage.read_page(p).claims.claim_id.tolist()
    p.write_text(COMPOSED.replace("12所", "13所"), encoding="utf-8")  # new content: read again
    assert "13所" in report.load_page(p).text


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_the_annotated_page_is_readable_without_hovering():
    page = newspage.read_page(text=COMPOSED)
    for lang in ("zh", "en"):
        out = report.annotated_page(page, lang)
        # markup in the page stays text
        assert "<img src=x" not in out and "&lt;img src=x onerror=alert(2)&gt;" in out
        # one article per story, headline and byline styled
        assert out.count("<article") == 2
        assert '<h3 class="np-headline">全市新建学校12所 &lt;img src=x onerror=alert(2)&gt;</h3>' not in out  # claims mark it
        assert re.search(r'<h3 class="np-headline">.*全市新建学校.*</h3>', out)
        assert '<p class="np-byline">□本报记者 王明</p>' in out
        # six claims: six badges in the text, six numbered notes with the explanation written out
        notes = re.findall(r'<li id="np-note-(\d+)">(.*?)</li>', out, flags=re.S)
        assert [n for n, _ in notes] == ["1", "2", "3", "4", "5", "6"]
        assert out.count('class="np-badge"') == 6 * 2 + 1  # in the text, in the notes, once in the legend
    en = report.annotated_page(page, "en")
    assert "12 of 20 is 60.00%, exactly the stated 60%." in en
    assert "<strong>Key:</strong>" in en and "consistent</span>" in en


def test_badges_are_large_enough_and_have_aa_contrast():
    assert re.search(r"\.np-badge\{[^}]*font-size:(\d+)px", report._PAGE_CSS.replace("\n", "")).group(1) == "12"
    for verdict, colour in report.VERDICT_COLOURS.items():
        ratio = (1.0 + 0.05) / (_luminance(colour) + 0.05)  # white text on the badge
        assert ratio >= 4.5, (verdict, colour, round(ratio, 2))


def test_esc_keeps_markup_and_markdown_as_text():
    assert report.esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert report.esc('a "b" & c') == "a &quot;b&quot; &amp; c"
    assert report.esc("**x** [l](u) `c` #h") == r"\*\*x\*\* \[l\](u) \`c\` \#h"
    assert report.esc(None) == ""


def test_shorten_marks_a_cut_with_an_ellipsis():
    assert report.shorten("破“僵”焕新 盘活存量", 7) == "破“僵”焕新…"
    assert report.shorten("短标题", 6) == "短标题"


def test_a_claim_is_explained_in_the_edition_language():
    row = {"explanation": "12 of 20 is 60.00%.", "explanation_zh": "20所中的12所为60.00%。", "stated": 60.0,
           "computed": 60.0, "unit": "%", "formula": "12 / 20 × 100"}
    assert report.claim_explanation(row, "zh") == "20所中的12所为60.00%。"
    assert report.claim_explanation(row, "en") == "12 of 20 is 60.00%."
    # without sentences: made from the columns; a formula written in words stays out of Chinese
    bare = dict(row, explanation=None, explanation_zh=None)
    assert report.claim_explanation(bare, "zh") == "原文为60%，重算为60%（12 / 20 × 100）。"
    assert report.claim_explanation(bare, "en") == "Stated 60%; recomputed 60% (12 / 20 × 100)."
    words = dict(bare, formula="count of names listed (5)", stated=5.0, computed=5.0, unit="种")
    assert report.claim_explanation(words, "zh") == "原文为5种，重算为5种。"


def test_the_codebook_takes_the_most_specific_meaning(tmp_path, monkeypatch):
    """A column's meaning: given for this table, else given earlier in the notebook, else the page
    table that shares most columns with the frame (a frame of claims: the claims' kind)."""
    monkeypatch.setenv("NEWSPAGE_ROOT", str(tmp_path))
    nb = report.start(None, "figures", "data/99-test", "en")
    assert nb.page is None  # an archive notebook reads no single page
    claims = pd.DataFrame({"claim_id": ["c1"], "kind": ["rate"], "verdict": ["consistent"], "statement": ["x"]})
    nb.table(claims, "claims", [report.Col("kind", "类型", "kind", label="kind")])
    book = (tmp_path / "data" / "99-test" / "README.md").read_text("utf-8")
    assert re.search(r"^\| `kind` \| rate, share, sum, .* \(as in the page table `claims`\) \| str \|  \|$", book, re.M)
    nb.table(pd.DataFrame({"kind": ["sum"], "n": [3]}), "kinds", [
        report.Col("kind", "类型", "kind", meaning="The kind of claim counted"),
        report.Col("n", "说法", "claims", meaning="Claims of this kind", unit="条")])
    nb.table(pd.DataFrame({"kind": ["sum"], "n": [4]}), "kinds_again", [report.Col("kind", "类型", "kind", label="kind")],
             show=False)
    book = (tmp_path / "data" / "99-test" / "README.md").read_text("utf-8")
    again = book.split("## kinds_again.csv")[1]
    assert "| `kind` | The kind of claim counted | str |  |" in again
    assert "| `n` | Claims of this kind | int | 条 |" in again
    assert (tmp_path / "data" / "99-test" / "kinds_again.csv").read_text("utf-8") == "kind,n\nsum,4\n"


def test_text_headers_are_set_left_over_jupyterlab_right_alignment():
    out = report.render_table(FRAME, COLS, "en")
    # JupyterLab's rule has specificity (0,2,1): ours for text headers must reach (0,2,3)
    assert "table.np-table thead th:not(.np-num){text-align:left;}" in out
    heads = re.findall(r"<th( class=\"np-num\")?>([^<]*)</th>", out)
    assert [(h, bool(c)) for c, h in heads] == [
        ("measure", False), ("total", True), ("rate (%)", True), ("amount (yuan)", True), ("date", True),
        ("count", True), ("verdict", False)]
