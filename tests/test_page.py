"""read_page: decoding, refusal of bad input, normalisation, offsets, paragraph rejoining."""
from __future__ import annotations

import pytest

import newspage
from newspage.page import PageError, continues, decode, normalise

from conftest import SEED


def test_seed_decodes_as_utf8(seed_page):
    assert seed_page.encoding == "utf-8"
    assert seed_page.page_id == "000_3ec54a674129ce63"
    assert seed_page.sha256 == "d11cfe0990bf699c60562c7716aa9c952313aab384818de317994a8c9b5016e2"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("utf-16", "utf-16"),
])
def test_encodings_give_identical_tables(tmp_path, seed_page, encoding, expected):
    text = SEED.read_text(encoding="utf-8")
    f = tmp_path / f"{SEED.stem}.txt"
    f.write_bytes(text.encode(encoding))
    page = newspage.read_page(f)
    assert page.encoding == expected
    assert page.text == seed_page.text
    for name in ("stories", "paragraphs", "sentences", "credits"):
        assert page.table(name).equals(seed_page.table(name)), name


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"   \n\t\r\n\xe3\x80\x80\n", "only white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
    (b"abc\x00def", "NUL"),
    (bytes(range(256)) * 4, "binary data"),
    (b"\xff\xfe\xfd\xfc" * 100, "cannot decode"),
    (b"\xef\xbb\xbf", "only white space"),
], ids=["empty", "white space", "png", "nul", "all bytes", "undecodable", "bom only"])
def test_bad_input_is_refused_with_one_line(tmp_path, data, problem):
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(PageError) as err:
        newspage.read_page(f)
    msg = str(err.value)
    assert msg.startswith(str(f) + ": ")
    assert problem in msg
    assert "\n" not in msg


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(PageError, match="no such file"):
        newspage.read_page(tmp_path / "nope.txt")
    with pytest.raises(PageError, match="is a directory"):
        newspage.read_page(tmp_path)


def test_text_argument():
    page = newspage.read_page(text="标题一行\n\n正文第一句，有逗号。第二句。")
    assert page.page_id == "text"
    assert list(page.paragraphs["kind"]) == ["headline", "body"]
    with pytest.raises(PageError, match="no text"):
        newspage.read_page(text=" \n\u3000 ")


def test_normalise_maps_fullwidth_digits_and_signs_only():
    raw = "增长１２．５％，达到３０００元，ＡＢＣ，逗号，不变"
    text, omap = normalise(raw)
    assert text == "增长12.5%，达到3000元，ＡＢＣ，逗号，不变"
    assert len(text) == len(raw)
    assert all(omap(i) == i for i in range(len(text)))


def test_normalise_line_endings_spaces_and_offset_map():
    raw = "\r\n\u3000\u3000第一段，文字在这里。 \r\n\r\n  第二段  有  空格。\r第三段。\u200b"
    text, omap = normalise(raw)
    assert text == "第一段，文字在这里。\n\n第二段 有 空格。\n\n第三段。"
    # every character of the normalised text maps back to the same character of the raw text
    for i, c in enumerate(text):
        if c != "\n":
            assert raw[omap(i)] == c, (i, c)


def test_raw_span_round_trip(seed_page):
    raw = seed_page.raw
    for row in seed_page.paragraphs.itertuples():
        rs, re_ = seed_page.raw_span(row.start, row.end)
        # rejoined paragraphs span a break in the raw text; their characters all come from it
        assert raw[rs:re_].replace("\n", "") == row.text


@pytest.mark.parametrize("prev, nxt, joined", [
    ("产品基本实现当日生产，预计全年产量可达5万吨，产品基本实现当日生", "产、当日发出，重点保障需求。", True),
    ("园区推动产业提质升级，持续优化营商环境，推动产业提质升级、", "转换发展动能的生动实践。", True),
    ("昌吉州公共资源交易中心按照要求，认真组织，切", "实履行主体责任，牵头负责评标统筹。", True),
    ("这是一个完整的句子，到此为止。", "下一段开始了，内容很长。", False),
    ("高质量发展看昌吉", "新视界·疆内新闻纵览", False),
    ("会议强调，要抓好以下工作，具体包括", "六、优化行业协会商会发展环境", False),
    ("会议强调，要抓好以下工作，具体包括", "□本报记者 张三", False),
    ("会议强调，要抓好以下工作，具体包括", "(下转02版)", False),
    ("会议强调，要抓好以下工作。”", "他说，这是第二段。", False),
    ("会议强调，要抓好以下工作，具体包括", "智造争先", False),
])
def test_continues(prev, nxt, joined):
    assert continues(prev, nxt) is joined


def test_seed_breaks_are_rejoined(seed_page):
    texts = list(seed_page.paragraphs["text"])
    for fragment in ["当日生产、当日发出", "精细加工", "产业提质升级、转换发展动能", "重心下移至县市级",
                     "“自主购机、定额补贴", "建立向行业协会商会", "四地公共资源交易中心于3月13日",
                     "切实履行主体责任", "四地贯彻落实《自治区"]:
        assert sum(fragment in t for t in texts) == 1, fragment
    assert not any(t.endswith("当日生") for t in texts)
    assert len(seed_page.paragraphs) == 51


def test_offsets_invariant_for_structure_tables(seed_page):
    t = seed_page.text
    for name in ("paragraphs", "sentences"):
        df = seed_page.table(name)
        assert all(t[r.start:r.end] == r.text for r in df.itertuples()), name
    cr = seed_page.credits
    assert all(t[r.start:r.end] == r.surface for r in cr.itertuples())


def test_date_argument_validated():
    with pytest.raises(PageError, match="YYYY-MM-DD"):
        newspage.read_page(text="标题\n\n正文，内容。", date="April 2026")
    import datetime
    p = newspage.read_page(text="标题\n\n正文，内容。", date="2026-04-14")
    assert p.date == datetime.date(2026, 4, 14)


def test_decode_utf16_without_bom_is_named():
    with pytest.raises(PageError, match="UTF-16 without a byte-order mark"):
        decode("Page 1: 中文文本，内容。".encode("utf-16-le"), "x.txt")


HARD_WRAPPED = """\
某市推进老旧小区改造
本报记者 某某某
　　今年以来，我市加快推进城镇老旧小区改造。
全市计划改造老旧小区126个，涉及居民2.8万户，
截至5月底，已开工项目98个，开工率77.8
%，累计完成投资9.6亿元。
　　据介绍，今年的改造将更加注重“一老一小”需
求，力争6月底前完成全部项目的方案设计。

地铁建设全面提速
　　本报讯（通讯员 某某 记者 某某）6月5
日，市地铁集团召开工作部署会。
"""


def test_hard_wrapped_page_rejoined_by_indentation_and_width():
    page = newspage.read_page(text=HARD_WRAPPED)
    p = page.paragraphs
    assert p[["kind", "text"]].values.tolist() == [
        ["headline", "某市推进老旧小区改造"],
        ["byline", "本报记者 某某某"],
        ["body", "今年以来，我市加快推进城镇老旧小区改造。全市计划改造老旧小区126个，涉及居民2.8万户，"
                 "截至5月底，已开工项目98个，开工率77.8%，累计完成投资9.6亿元。"],
        ["body", "据介绍，今年的改造将更加注重“一老一小”需求，力争6月底前完成全部项目的方案设计。"],
        ["headline", "地铁建设全面提速"],
        ["body", "本报讯（通讯员 某某 记者 某某）6月5日，市地铁集团召开工作部署会。"],
    ]


def test_fixed_width_wrapping_without_indentation():
    body = ("园区通过租金入股、产业链招商、纾困帮扶、土地收储等多种方式激活存量资源让每一寸土地都发挥最大效益"
            "全年新增项目12个总投资3亿元新增产值5亿元带动就业800人园区经济持续向好发展势头强劲"
            "下一步园区将聚焦主导产业精准对接上下游优质项目全程做好服务保障加快项目改造落地达产。")
    lines = [body[i:i + 20] for i in range(0, len(body), 20)]
    page = newspage.read_page(text="园区经济持续向好\n\n" + "\n".join(lines) + "\n\n第二条消息，内容很短。")
    assert page.paragraphs["text"].tolist() == ["园区经济持续向好", body, "第二条消息，内容很短。"]


def test_short_lines_of_a_list_are_not_joined():
    text = "会议议程\n\n一、审议工作报告\n二、审议财务报告\n三、选举理事会\n四、其他事项\n五、闭幕\n六、合影留念"
    page = newspage.read_page(text=text)
    assert len(page.paragraphs) == 7


# ---------------------------------------------------------------------------
# Offsets back to the raw text, exactly, on pages with every kind of edit
# ---------------------------------------------------------------------------

_SEED_TEXT = SEED.read_text(encoding="utf-8")
_FULLWIDTH = str.maketrans("0123456789%.+-=/", "０１２３４５６７８９％．＋－＝／")
EDITED = {
    "full-width digits and signs": _SEED_TEXT.translate(_FULLWIDTH),
    "crlf": _SEED_TEXT.replace("\n", "\r\n"),
    "lone cr": _SEED_TEXT.replace("\n", "\r"),
    "stray spaces": "\n".join(f"\u3000\u3000{ln.replace('，', '，  ', 3)} \u00a0\t" if ln else "  "
                              for ln in _SEED_TEXT.split("\n")),
    "zero-width characters": "".join(c + ("\u200b" if k % 37 == 0 else "\u2060" if k % 101 == 0 else "")
                                     for k, c in enumerate(_SEED_TEXT)),
    "bom": "\ufeff" + _SEED_TEXT.replace("本报讯", "\ufeff本报讯", 1),
    "rejoined paragraphs (hard-wrapped)": HARD_WRAPPED,
    "everything at once": "\ufeff" + "\r\n".join(
        f"\u3000{ln[:40]}\u200b  {ln[40:]} " for ln in _SEED_TEXT.translate(_FULLWIDTH).split("\n")),
}


@pytest.mark.parametrize("case", list(EDITED))
def test_every_character_maps_back_to_the_raw_text_exactly(case):
    from helpers import assert_offsets_exact, assert_span_exact
    page = newspage.read_page(text=EDITED[case])
    assert page.raw == EDITED[case]
    n = assert_offsets_exact(page)
    assert n == len(page.text) - page.text.count("\n")
    for table in (page.paragraphs, page.sentences):
        for r in table.itertuples():
            assert_span_exact(page, r.start, r.end)


def test_rejoined_paragraph_spans_the_break_in_the_raw_text():
    page = newspage.read_page(text=HARD_WRAPPED)
    body = page.paragraphs.iloc[2]
    a, b = page.raw_span(body.start, body.end)
    assert HARD_WRAPPED[a:b] == ("今年以来，我市加快推进城镇老旧小区改造。\n全市计划改造老旧小区126个，涉及居民2.8万户，\n"
                                 "截至5月底，已开工项目98个，开工率77.8\n%，累计完成投资9.6亿元。")
    # a quantity cut by the break maps back to both of its lines
    i = page.text.index("77.8%")
    assert page.raw_span(i, i + 5) == (HARD_WRAPPED.index("77.8\n%"), HARD_WRAPPED.index("77.8\n%") + 6)


# Characters that GB18030 has and GBK does not: 䶮 (two bytes, FE9F), 𠮷 and 㐀 (four bytes), €.
GB18030_ONLY = """南汉二陵博物馆推出刘䶮特展

本报讯 记者王某报道：近日，南汉二陵博物馆推出“南汉高祖刘䶮”特展，展出文物300余件，其中一级文物12件。

□本报记者 王某

𠮷野家在本市新开门店3家，每家面积约200平方米，人均消费约30元（约合3.9€）。
"""


def test_a_gb18030_page_with_characters_gbk_lacks_reads(tmp_path):
    data = GB18030_ONLY.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")          # the point of the test: a GBK reader refuses these bytes
    f = tmp_path / "gb.txt"
    f.write_bytes(data)
    page = newspage.read_page(f)
    assert page.encoding == "gb18030"
    assert page.raw == GB18030_ONLY
    assert "刘䶮" in page.stories.loc[0, "headline"] and "𠮷野家" in page.text
    utf8 = tmp_path / "u8.txt"
    utf8.write_text(GB18030_ONLY, encoding="utf-8")
    same = newspage.read_page(utf8)
    assert page.text == same.text
    assert page.quantities.drop(columns="page_id").equals(same.quantities.drop(columns="page_id"))


# ---------------------------------------------------------------------------
# Decisions of reading at their edges (the survivors of `make mutation`, bench/mutation/SURVIVORS.md)
# ---------------------------------------------------------------------------

def test_gb18030_bytes_that_are_also_valid_utf8_read_as_gb18030():
    # 一些专业 in GB18030 is D2BB D0A9 D7A8 D2B5: valid UTF-8 too, as Cyrillic and Hebrew (һЩרҵ)
    data = "一些专业".encode("gb18030")
    assert data.decode("utf-8") == "һЩרҵ"      # the point of the test: UTF-8 reads these bytes
    assert decode(data, "x") == ("一些专业", "gb18030")


@pytest.mark.parametrize("data, message", [
    (b"\xff\xff\xff\xff", "x: cannot decode as UTF-8 or GB18030 (not a text page?)"),
    # GB18030 81 30 81 30 is U+0080, a C1 control: decodable, and no Chinese text
    (b"\x81\x30\x81\x30" * 10, "x: cannot decode as UTF-8, and as GB18030 it is not Chinese text"),
    # the byte named is the file's: after the 3 bytes of the BOM and the 6 of 正文
    (b"\xef\xbb\xbf" + "正文".encode() + b"\xff", "x: cannot decode: invalid UTF-8-SIG after its byte-order mark at byte 9"),
    (b"\xff\xfe" + "正文".encode("utf-16-le") + b"\x00\xd8", "x: cannot decode: invalid UTF-16 after its byte-order mark at byte 6"),
], ids=["neither", "gb18030 not chinese", "utf-8 bom", "utf-16 bom"])
def test_decode_refusals_name_the_problem(data, message):
    with pytest.raises(PageError) as err:
        decode(data, "x")
    assert str(err.value) == message


def test_implausible_counts_the_general_punctuation_block_to_its_ends():
    from newspage.page import _implausible
    # U+2010 (hyphen) to U+206F are common punctuation, both ends included
    assert _implausible("\u2010" * 10) is False
    assert _implausible("\u206f" * 10) is False
    assert _implausible("\u2070" * 10) is True


def test_a_zero_width_character_between_two_spaces_leaves_one_space():
    text, omap = normalise("甲 \u200b 乙")
    assert text == "甲 乙"
    assert [omap(i) for i in range(3)] == [0, 1, 4]
    text, omap = normalise("甲 \u200b \u200b 乙X")
    assert text == "甲 乙X"
    assert [omap(i) for i in range(4)] == [0, 1, 6, 7]


@pytest.mark.parametrize("prev, nxt, joined", [
    # a sentence closed inside quotes: 。” ends it
    ("他说，这是一段足够长的文字，到此结束。”", "下一段开始，内容。", False),
    # a new sentence already begun after the full stop: cut in the middle of it
    ("这是一段足够长的文字，后面还有内容。另", "起一行，继续写。", True),
    # ends with a space: not a cut word
    ("这是一段足够长的文字，后面还有内容没有结束 ", "继续写，内容。", False),
])
def test_continues_after_closing_quotes_and_spaces(prev, nxt, joined):
    assert continues(prev, nxt) is joined


def _paragraphs(text):
    return newspage.read_page(text=text).paragraphs["text"].tolist()


# twenty characters a line, no clause punctuation (continues() never joins these: only the width does)
_W20 = ["园区通过租金入股产业链招商纾困帮扶土地收", "储等多种方式激活存量资源让每一寸土地都发",
        "挥最大效益全年新增项目十二个总投资三亿元", "新增产值五亿元带动就业八百人园区经济持续",
        "向好发展势头强劲下一步园区将聚焦主导产业"]


def test_six_lines_of_one_width_are_a_hard_wrapped_column():
    assert all(len(line) == 20 for line in _W20)
    # six lines of at least 12 characters, five of them 20 wide: a wrapped column, rejoined
    body = _W20 + ["精准对接上下游优质项目加快落地"]
    assert _paragraphs("标题一行\n" + "\n".join(body)) == ["标题一行", "".join(body)]


def test_a_full_width_line_that_closes_its_sentence_ends_the_paragraph():
    first = _W20[:2] + ["挥最大效益全年新增项目十二个总投资三亿。"]
    second = _W20[3:] + ["精准对接上下游优质项目加快落地"]
    assert _paragraphs("\n".join(first + second)) == ["".join(first), "".join(second)]
    # closed inside quotes (。” at the end) likewise
    first = _W20[:2] + ["挥最大效益全年新增项目十二个总投资三。”"]
    assert _paragraphs("\n".join(first + second)) == ["".join(first), "".join(second)]


def test_indentation_marks_paragraphs_only_when_fewer_than_nine_lines_in_ten_are_indented():
    # 20 lines, 18 indented (9 in 10), each a sentence: indentation marks nothing, every line is a
    # paragraph; with 17 of 19 indented it marks paragraph starts and the unindented lines continue
    starts = [f"\u3000\u3000第{n}条规定内容。" for n in "一二三四五六七八九十"] + \
             [f"\u3000\u3000第十{n}条规定内容。" for n in "一二三四五六七八"]
    lines = starts[:9] + ["续写的文字内容。"] + starts[9:] + ["续写的文字内容。"]
    assert len(lines) == 20 and len(_paragraphs("\n".join(lines))) == 20
    lines = starts[:9] + ["续写的文字内容。"] + starts[9:17] + ["续写的文字内容。"]
    assert len(lines) == 19 and len(_paragraphs("\n".join(lines))) == 17


def test_the_utf16_hint_measures_nul_bytes_in_the_first_64_kib_only():
    # 13107 NUL bytes in the first 65536 (0.19999, not over 0.2): no UTF-16 hint, whatever follows
    data = (b"\x00aaaa" * 13107) + b"a" + b"\x00"
    assert len(data) == 65537
    with pytest.raises(PageError) as err:
        decode(data, "x")
    assert str(err.value) == "x: binary data, not text: contains NUL bytes"


# ---------------------------------------------------------------------------
# Survivors of the second full run (bench/mutation/SURVIVORS.md, run of 16:41)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    # a NUL decoded from UTF-16 (with its BOM): the NUL-byte check is for BOM-less bytes only
    (b"\xff\xfe" + "正\x00文".encode("utf-16-le"), "x: binary data, not text: contains NUL characters"),
    # 9 control characters in a short text: over the floor of 8
    ("正文\x01\x01\x01\x01\x01\x01\x01\x01\x01".encode(), "x: binary data, not text: 9 control characters"),
    ("\u3000 \n\t\r\n".encode(), "x: no text: the file holds only white space"),
    # NUL bytes 3 in 5 (0.6, not under it): no UTF-16 hint; all NUL (1.0): none either
    (b"\x00a\x00a\x00", "x: binary data, not text: contains NUL bytes"),
    (b"\x00\x00\x00\x00", "x: binary data, not text: contains NUL bytes"),
    # 39322 NUL bytes in the first 65536 of a longer file: 0.600003 of 64 KiB, no hint
    ((b"\x00" * 39322 + b"a" * 26214) + b"a" * 10, "x: binary data, not text: contains NUL bytes"),
], ids=["nul characters", "controls", "white space", "nul 3 in 5", "all nul", "nul 0.6 of 64 KiB"])
def test_decode_refusals_exact_messages(data, message):
    with pytest.raises(PageError) as err:
        decode(data, "x")
    assert str(err.value) == message


def test_decode_utf16_hint_just_under_six_in_ten():
    # 2 NUL bytes in 4 (0.5): the hint
    with pytest.raises(PageError) as err:
        decode(b"a\x00b\x00", "x")
    assert str(err.value) == "x: binary data, not text: contains NUL bytes (looks like UTF-16 without a byte-order mark)"


def test_decode_a_text_of_xs_is_text():
    # X is not white space
    assert decode(b"XX", "x") == ("XX", "utf-8")


def test_implausible_counts_the_cjk_punctuation_and_full_width_blocks_to_their_ends():
    from newspage.page import _implausible
    assert _implausible("\u3000" * 10) is False
    assert _implausible("\u303f" * 10) is False
    assert _implausible("\uff00" * 10) is False
    assert _implausible("\uffef" * 10) is False
    assert _implausible("\u3040" * 10) is True


def test_offsets_after_two_dropped_zero_width_characters():
    # 甲 ZW 乙 ZW ZW 丙: 乙 is raw 2, 丙 raw 5
    text, omap = normalise("甲\u200b乙\u200b\u200b丙")
    assert text == "甲乙丙"
    assert [omap(i) for i in range(3)] == [0, 2, 5]


_W12 = [line[:12] for line in _W20] + ["精准对接上下游优质项目加"]


def test_six_lines_of_twelve_characters_are_a_hard_wrapped_column():
    # 12 characters is the shortest line that counts towards a column width
    assert all(len(line) == 12 for line in _W12) and len(_W12) == 6
    body = _W12 + ["加快落地"]
    assert _paragraphs("\n".join(body)) == ["".join(body)]


def test_the_column_width_is_the_most_common_length_not_the_longest():
    # one longer line (24, a sentence of its own) does not set the width: 20 does
    first = "这是一行比较长的标题行文字内容到了这里就结束了。"
    assert len(first) == 24
    body = _W20 + ["精准对接上下游优质项目加快落地"]
    assert _paragraphs(first + "\n" + "\n".join(body)) == [first, "".join(body)]


def _wide(n):
    s = "".join(_W20)
    return [(s[k:] + s[:k])[:n] for k in (0, 7, 14, 21, 28, 35)]


def test_a_column_sixty_wide_is_rejoined_sixty_one_is_not():
    lines = _wide(60)
    assert all(len(line) == 60 for line in lines)
    assert _paragraphs("\n".join(lines)) == ["".join(lines)]
    lines = _wide(61)
    assert _paragraphs("\n".join(lines)) == lines


def test_a_full_width_line_with_a_new_sentence_begun_continues():
    # 。另 at the end: the sentence before is closed, the next one cut by the width
    lines = _W20[:2] + ["挥最大效益全年新增项目十二个总投资三。另"] + _W20[3:] + ["精准对接上下游优质项目加快落地"]
    assert len(lines[2]) == 20
    assert _paragraphs("\n".join(lines)) == ["".join(lines)]


def test_a_sentence_cut_by_a_line_break_is_rejoined_without_any_layout():
    # two lines, no column width, no indentation: only continues() joins them
    text = "他说，这是一段足够长的文字，后面还有内容没有\n结束，继续写。"
    assert _paragraphs(text) == ["他说，这是一段足够长的文字，后面还有内容没有结束，继续写。"]
