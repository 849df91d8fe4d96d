"""rx.gated: the same matches as the pattern as written, found without trying it at every position."""
import re

import pytest

from newspage.rx import first_chars, gated


@pytest.mark.parametrize("pattern, first", [
    ("a|b?c", {"a", "b", "c"}),
    ("(?:甲乙)?(?P<x>[0-2])年", {"甲", "0", "1", "2"}),
    ("(?<![0-9])(?=年)年初|月底", {"年", "月"}),
    ("(?P<a>今)?(?(a)天|明)", {"今", "天", "明"}),   # a superset: either branch
])
def test_first_chars(pattern, first):
    assert first_chars(pattern) == first


@pytest.mark.parametrize("pattern", ["a*", r"\d+x", "[^x]y", ".z", "(?i)ab", "a?|b"])
def test_unbounded_patterns_are_left_alone(pattern):
    assert first_chars(pattern, re.compile(pattern).flags) is None
    assert gated(re.compile(pattern)).pattern == pattern


def test_same_matches_groups_and_numbers():
    pattern = r"(?:(?P<y>[0-9]{4})年)?(?P<m>1[0-2]|[1-9])月(?:(?P<d>[0-9]{1,2})日)?|(?P<rel>今年|去年)(?P<suf>底|初)?|(?<!本)(?P<bare>月底)"
    text = "会议于2031年5月开幕，去年底完成，本月底前后，今年初到12月3日，月底再议。x9月"
    plain, fast = re.compile(pattern), gated(pattern)
    assert fast.pattern != pattern
    assert [(m.span(), m.groups(), m.groupdict()) for m in fast.finditer(text)] == \
           [(m.span(), m.groups(), m.groupdict()) for m in plain.finditer(text)]
    assert fast.groupindex == plain.groupindex


def test_verbose_trailing_comment():
    rx = gated(re.compile("ab  # a comment", re.X))
    assert rx.findall("xxabx") == ["ab"]


@pytest.mark.parametrize("pattern, pairs", [
    ("ab|ac|d", {"a": {"b", "c"}, "d": None}),                      # d can end the match
    ("(?:甲乙)?(?P<x>[0-2])年", {"甲": {"乙"}, "0": {"年"}, "1": {"年"}, "2": {"年"}}),
    ("x\\w*y|z[^q]", {"x": None, "z": None}),                        # any character may follow
    ("(?:ab){2,}|c+d", {"a": {"b"}, "c": {"c", "d"}}),
    ("(?<!q)年(?=底)底", {"年": {"底"}}),
])
def test_first_pairs(pattern, pairs):
    from newspage.rx import first_pairs
    assert first_pairs(pattern) == pairs


def test_pair_gate_same_matches():
    # a text where many positions pass the first-character gate but not the second
    pattern = (r"(?P<a>[0-9]{4})年(?:(?P<m>1[0-2]|[1-9])月)?|(?P<r>今年|去年|上半年)|(?P<s>[1-9])\s*至\s*(?P<e>[1-9])月"
               r"|(?<![0-9])(?P<d>[12]?[0-9])日|(?P<q>第[一二三四]季度?)")
    text = "今天今年去年1年 上午上半年，2031年5月12日至3 至 4月，第三季第四季度 9日下午第3名今月年9 x日 99日"
    plain, fast = re.compile(pattern), gated(pattern)
    assert "(?=[" in fast.pattern and fast.pattern.count("(?=") >= 2
    assert [(m.span(), m.groups(), m.groupdict()) for m in fast.finditer(text)] == \
           [(m.span(), m.groups(), m.groupdict()) for m in plain.finditer(text)]
    for i in range(len(text)):      # every start position, every end
        assert [m.span() for m in fast.finditer(text, i)] == [m.span() for m in plain.finditer(text, i)]


def test_spaces_are_what_the_engine_calls_white_space():
    from newspage.rx import _SPACES
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert _SPACES == frozenset(re.findall(r"\s", every))


def test_space_narrows_the_second_character():
    from newspage.rx import first_pairs
    assert first_pairs(r"[0-9]\s*[-至][0-9]月") == {str(d): set(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029"
                                                        "\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200b)))) | {"-", "至"}
                                                   for d in "0123456789"}


# ---------------------------------------------------------------------------
# needles: strings every match needs, read from the pattern
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, want", [
    (r"[0-9]{1,3}岁的", ("岁的",)),                                         # a literal run
    (r"[0-9]+个?(?:部门|单位|委办厅局|厅局)", ("单位", "厅局", "部门")),       # 委办厅局 holds 厅局
    (r"(?<=、)[\u4e00-\u9fff]{2,8}?(?=、|等)", ("、",)),                     # a lookbehind's literal
    (r"(?:^|(?<=。))[\u4e00-\u9fff]{2}(?=说|表示)", ("表示", "说")),          # a lookahead's
    (r"[\u4e00-\u9fff]+(?:[、和][\u4e00-\u9fff]+)+", ("、", "和")),          # a small class, repeated once or more
    (r"(?:国家级|省级)?(?:湿地公园|保护区)", ("保护区", "湿地公园")),         # the optional part needs nothing
])
def test_needles(pattern, want):
    from newspage.rx import needles
    assert needles(pattern) == want


@pytest.mark.parametrize("pattern", [
    r"[\u4e00-\u9fff]{2,4}",           # a wide class only
    r"(?:会议)?[0-9]+",                 # the literal is optional
    r"(?<!不)[0-9]+",                   # a negative lookbehind needs nothing
    r"甲|[0-9]+",                       # one alternative needs nothing
    r"x*y?",                            # can match empty
    r"(?i)abc",                         # case folded: not a plain substring
])
def test_no_needles(pattern):
    from newspage.rx import needles
    assert needles(pattern, re.compile(pattern).flags) is None


def test_finditer_skips_only_texts_without_a_match():
    """rx.finditer gives pattern.finditer's matches on every text, and returns nothing at once
    for a text without any needle: random texts over an alphabet of the needles' characters."""
    import random

    from newspage.rx import finditer, needles
    patterns = [r"(?P<n>[0-9]{1,3}|[一二三]{1,2})岁的", r"(?<=、)[甲乙丙]{1,2}?(?=、|等)",
                r"[甲乙]+(?:[、和][甲乙]+)+", r"(?:名叫|叫做)(?P<n>[甲乙]{1,2})(?=[，。]|$)"]
    alphabet = "0129一二三岁的、等甲乙丙和名叫做，。"
    rnd = random.Random(7)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(3000)]
    skipped = 0
    for p in patterns:
        rx_ = re.compile(p)
        need = needles(rx_)
        assert need
        for t in texts:
            want = [(m.span(), m.groups()) for m in rx_.finditer(t)]
            assert [(m.span(), m.groups()) for m in finditer(rx_, t)] == want
            if not any(x in t for x in need):
                assert want == []
                skipped += 1
    assert skipped > 1000       # the test does exercise the skip


def test_the_entity_patterns_scanned_with_needles_have_them():
    """The patterns entities scans with rx.finditer (each would otherwise be tried at every position
    of every story) each need a literal: an edit that loses it would only slow them down, silently."""
    from newspage import entities
    from newspage.rx import needles
    got = {n: needles(getattr(entities, n)) for n in ("RESERVE", "NAME_LIST", "CALLED", "OLD_YOUNG",
                                                      "SPOKEN", "AGED", "LIST_ITEM")}
    assert got == {"RESERVE": ("保护区", "地质公园", "森林公园", "湿地公园", "风景名胜区"), "NAME_LIST": ("、",),
                   "CALLED": ("人称", "叫他", "叫做", "叫她", "名叫", "名字叫", "称他", "称她"),
                   "OLD_YOUNG": ("小", "老"), "SPOKEN": ("介绍", "告诉", "坦言", "感慨", "表示", "说"),
                   "AGED": ("岁的",), "LIST_ITEM": ("、",)}
