"""Property tests: any text, mixed with page-like fragments, reads without error and keeps offsets."""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import newspage
from newspage.page import PageError

from helpers import assert_offsets_exact, assert_span_exact

FRAGMENTS = [
    "□本报记者 张某 通讯员 李某", "本报讯 通讯员王某报道：", "据某某日报报道 ", "(上接01版)", "（下转3版）",
    "——某地实践观察", "六、", "(十八)", "新华社北京4月13日电", "(新华社北京4月13日电)", "□本报记者 何某摄",
    "盘活率70%", "2600余万元", "58.7万平方米", "１２．５％", "“", "”", "（", "）", "。", "，", "、", "；",
    "\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\u200b", "<script>", "&amp;", "一企一策", "十四五",
]
alphabet = st.sampled_from(list("某县市区镇企业项目资金补贴完成盘活厂房土地新疆昌吉产能万亿元吨亩")
                           + list(string.digits) + list(string.ascii_letters[:6]))
chunk = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet, min_size=1, max_size=12),
                  st.text(min_size=1, max_size=6))
page_text = st.lists(chunk, min_size=1, max_size=40).map("".join)

settings.register_profile("newspage", deadline=None, max_examples=150,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("newspage")


def _read(text):
    try:
        return newspage.read_page(text=text)
    except PageError:
        return None


@given(page_text)
def test_any_text_reads_and_keeps_offsets(text):
    page = _read(text)
    if page is None:
        assert not text.strip(" \t\n\r\f\v\u3000\u200b\u00a0") or "\x00" in text or "\ufeff" in text
        return
    t = page.text
    for name in ("paragraphs", "sentences"):
        for r in page.table(name).itertuples():
            assert t[r.start:r.end] == r.text
            assert r.start < r.end
    for name in ("credits", "quantities", "dates", "entities"):
        for r in page.table(name).itertuples():
            assert t[r.start:r.end] == r.surface, (name, r)
    for r in page.tokens.itertuples():
        assert t[r.start:r.end] == r.token
    for r in page.claims.itertuples():
        assert t[r.start:r.end] == r.statement
    q = page.quantities
    assert q["value"].map(lambda v: v == v and abs(v) != float("inf")).all()  # finite, never NaN
    assert q["qty_id"].is_unique
    st_ = page.stories
    assert st_["story_id"].is_unique
    assert (st_["start"] <= st_["end"]).all()
    # every character of the normalised text that is not a separator maps back to the raw
    # character it came from, and a span back to exactly its raw characters
    assert_offsets_exact(page)
    for r in page.sentences.itertuples():
        assert_span_exact(page, r.start, r.end)


# The documented reading of a file's bytes, restated here: valid UTF-8 is UTF-8 unless only the
# GB18030 reading is Chinese text; a page is mostly (90%) ASCII, CJK ideographs, CJK and general
# punctuation and full-width forms; more control characters than max(8, 1 in 200) is binary data.
def _page_like(s: str) -> bool:
    common = sum(1 for c in s if ord(c) < 0x80 or 0x4E00 <= ord(c) <= 0x9FFF or 0x3000 <= ord(c) <= 0x303F
                 or 0xFF00 <= ord(c) <= 0xFFEF or 0x2010 <= ord(c) <= 0x206F)
    return 10 * common >= 9 * len(s)


def _controls(s: str) -> int:
    return sum(1 for c in s if ord(c) <= 0x08 or c == "\x0b" or 0x0E <= ord(c) <= 0x1F or c == "\x7f")


def _expected_refusal(data: bytes, text: str) -> str | None:
    """None when the GB18030 bytes of ``text`` must read back as ``text``, else the exact problem."""
    if _controls(text) > max(8, len(text) // 200):
        return f"binary data, not text: {_controls(text)} control characters"
    if not _page_like(text):
        return "cannot decode as UTF-8, and as GB18030 it is not Chinese text"
    return None


@given(page_text)
def test_gb18030_copy_reads_the_same(tmp_path_factory, text):
    page = _read(text)
    if page is None:
        return
    data = text.encode("gb18030")
    try:
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    # bytes that are valid UTF-8 and read as text that way too are ambiguous: UTF-8 wins by design
    assume(as_utf8 is None or as_utf8 == text or not _page_like(as_utf8))
    f = tmp_path_factory.mktemp("gb") / "text.txt"  # same page_id as read_page(text=...)
    f.write_bytes(data)
    problem = _expected_refusal(data, text)
    if problem is not None:
        # a text of rare symbols or control characters: refused with the exact reason, never misread
        with pytest.raises(PageError) as err:
            newspage.read_page(f)
        assert str(err.value) == f"{f}: {problem}"
        return
    other = newspage.read_page(f)
    assert other.encoding == ("utf-8" if as_utf8 == text else "gb18030")
    assert other.text == page.text
    for name in ("stories", "paragraphs", "sentences", "quantities", "dates", "claims"):
        assert other.table(name).equals(page.table(name)), name
