"""Property tests: any text, mixed with page-like fragments, reads without error and keeps offsets."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newspage
from newspage.page import PageError

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
    # every character of the normalised text that is not a separator maps back to the raw text
    for i in range(0, len(t), max(1, len(t) // 50)):
        j = page.raw_offset(i)
        assert 0 <= j <= len(page.raw)


@given(page_text)
def test_gb18030_copy_reads_the_same(tmp_path_factory, text):
    page = _read(text)
    if page is None:
        return
    f = tmp_path_factory.mktemp("gb") / "text.txt"  # same page_id as read_page(text=...)
    f.write_bytes(text.encode("gb18030"))
    try:
        other = newspage.read_page(f)
    except PageError as exc:
        # a text of only rare symbols can look like binary once encoded: refused clearly, never misread
        assert "not" in str(exc) or "binary" in str(exc)
        return
    assert other.text == page.text
    for name in ("stories", "paragraphs", "sentences", "quantities", "dates", "claims"):
        assert other.table(name).equals(page.table(name)), name
