"""Quantities: data-driven cases, the seed page, properties.

tests/data/quantities_cases.jsonl: one case a line, ``{"text": ..., "expect": [...]}``; every
expected quantity lists surface, value, unit, qualifier and optionally other columns.  The
quantities found must be exactly the expected ones (same surfaces, in order): an empty
``expect`` is a negative case that must yield nothing.  Sentences are our own; every expected
value is written by hand from the text (never from the library's output).  The cases of the forms
of issue 11 (negative numbers, 廿/卅, currency signs and prefixes, 万分之/千分之, N成, discounts,
Latin and compound units, currencies named by country, fractions, halves, durations, and forms that
are not quantities) also carry ``class`` and ``note``: the class of form and what the case shows.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings, HealthCheck
from hypothesis import strategies as st

from newspage import quantities
from newspage.quantities import find_quantities

DATA = Path(__file__).parent / "data"
CASES = [json.loads(line) for line in (DATA / "quantities_cases.jsonl").read_text("utf-8").splitlines() if line.strip()]
FLOATS = {"value", "value_high", "base_value", "base_value_high"}


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def check_case(case) -> list[str]:
    """Differences between what is found in case['text'] and case['expect'] (empty if none)."""
    text = case["text"]
    found = find_quantities(text)
    problems = []
    for q in found:
        if text[q.start:q.end] != q.surface:
            problems.append(f"offsets of {q.surface!r} do not match the text")
    got = [q.surface for q in found]
    want = [e["surface"] for e in case["expect"]]
    if got != want:
        return problems + [f"surfaces {got} != expected {want}"]
    for q, e in zip(found, case["expect"]):
        for key, val in e.items():
            have = getattr(q, key)
            if key in FLOATS:
                if not _close(have, val):
                    problems.append(f"{q.surface}: {key} {have!r} != {val!r}")
            elif have != val:
                problems.append(f"{q.surface}: {key} {have!r} != {val!r}")
    return problems


def test_enough_cases():
    assert len(CASES) >= 250
    assert sum(1 for c in CASES if not c["expect"]) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_case(case):
    assert check_case(case) == []


def accuracy() -> tuple[int, int]:
    ok = sum(1 for c in CASES if not check_case(c))
    return ok, len(CASES)


# ---------------------------------------------------------------------------
# Exactness and specific behaviour
# ---------------------------------------------------------------------------

def test_exact_decimal_value():
    (q,) = find_quantities("营业额16.4亿元")
    assert q.exact_value == 1640000000
    assert q.value == 1640000000.0
    (q,) = find_quantities("0.1亿元")
    assert q.value == 10000000.0


def test_mu_to_square_metres_is_exact_fraction():
    (q,) = find_quantities("3亩")
    assert q.base_value == 2000.0
    (q,) = find_quantities("15亩")
    assert q.base_value == 10000.0


def test_range_borrows_magnitude_only_when_first_has_none():
    (q,) = find_quantities("10万至15万吨")
    assert (q.value, q.value_high) == (100000.0, 150000.0)
    (q,) = find_quantities("4-5亿元")
    assert (q.value, q.value_high) == (400000000.0, 500000000.0)


def test_descending_pair_is_not_a_range():
    assert [q.surface for q in find_quantities("比分3-1家")] == ["1家"]


def test_surface_covers_qualifiers():
    text = "盘活率超60%，约6500万元，不低于70%，5万元以上"
    assert [q.surface for q in find_quantities(text)] == ["超60%", "约6500万元", "不低于70%", "5万元以上"]


def test_percentage_points_differ_from_percent():
    a, b = find_quantities("增长5%，提高5个百分点")
    assert (a.unit, a.family) == ("%", "percent")
    assert (b.unit, b.family) == ("个百分点", "pp")


def test_offsets_shift_with_leading_text():
    text = "前言。" * 5 + "投资3亿元"
    (q,) = find_quantities(text)
    assert text[q.start:q.end] == "3亿元" and q.start == 17


# ---------------------------------------------------------------------------
# The seed page
# ---------------------------------------------------------------------------

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_3ec54a674129ce63.txt"


@pytest.fixture(scope="module")
def seed_page():
    import newspage
    return newspage.read_page(SEED)


def test_seed_quantities_exactly(seed_page):
    expected = json.loads((DATA / "seed_quantities.json").read_text("utf-8"))
    df = seed_page.quantities
    got = [(r.para_id, r.surface) for r in df.itertuples()]
    want = [(e["para_id"], e["surface"]) for e in expected]
    assert got == want
    for r, e in zip(df.itertuples(), expected):
        assert r.value == pytest.approx(e["value"], rel=1e-12), r.surface
        assert (r.unit, r.qualifier) == (e["unit"], e["qualifier"]), r.surface
        if "value_high" in e:
            assert r.value_high == e["value_high"]
        else:
            assert r.value_high is pd_NA or r.value_high != r.value_high  # missing
        for key in ("per", "what", "family", "classifier"):
            if key in e:
                assert getattr(r, key) == e[key], (r.surface, key)


pd_NA = __import__("pandas").NA


def test_seed_table_invariants(seed_page):
    df = seed_page.quantities
    text = seed_page.text
    assert list(df.columns) == ["page_id"] + quantities.SCHEMA.names
    assert df["qty_id"].is_unique
    for r in df.itertuples():
        assert text[r.start:r.end] == r.surface
        assert r.qty_id.startswith(r.para_id + "q")
        assert r.family in quantities.FAMILIES
        assert r.numeral in ("arabic", "chinese", "mixed")


def test_seed_deterministic(seed_page):
    import newspage
    again = newspage.read_page(SEED).quantities
    assert again.equals(seed_page.quantities)


def test_empty_page_keeps_columns():
    import newspage
    page = newspage.read_page(text="没有数字的一段话。")
    assert list(page.quantities.columns) == ["page_id"] + quantities.SCHEMA.names
    assert len(page.quantities) == 0


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("0123456789.,，%％万亿千百十一二两三四五六七八九零〇半点年月日个家吨元亩"
                                 "平方米公里约超近余多不低于到至—-～第、（）()《》“”的是在和企业盘活率 \n"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ALPHABET, max_size=60))
def test_property_any_text(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.surface
        assert 0 <= q.start < q.end <= len(text)
        assert math.isfinite(q.value)
        for v in (q.value_high, q.base_value, q.base_value_high):
            assert v is None or math.isfinite(v)
        assert q.qualifier in ("exact", "approx", "more_than", "at_least", "at_most", "less_than", "range")
        if q.qualifier == "range":
            assert q.value_high is not None and q.value_high > q.value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_property_arbitrary_unicode(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.surface
        assert math.isfinite(q.value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10 ** 12), st.sampled_from(["元", "吨", "家", "亩", "%"]))
def test_property_arabic_roundtrip(n, unit):
    text = f"共计{n}{unit}。"
    (q,) = [q for q in find_quantities(text)]
    assert q.value == float(n)


# ---------------------------------------------------------------------------
# What is counted: tests/data/what_cases.json
# ---------------------------------------------------------------------------
# One case: {"text", "surface", "what", "also": [other phrases counted as exact]}; the quantity is
# the first one in text with that surface.  "exact": what is the expected phrase (or one of
# "also"); "acceptable": exact, or one of the two phrases (both non-empty, the shorter of two
# characters or more) ends or starts the other (行政职权事项 for 自治区级行政职权事项).

WHAT_CASES = json.loads((DATA / "what_cases.json").read_text("utf-8"))


def _what_of(case) -> str | None:
    for q in find_quantities(case["text"]):
        if q.surface == case["surface"]:
            return q.what
    return None


def _acceptable(got: str, want: str) -> bool:
    if not got or not want:
        return got == want
    short, long_ = sorted((got, want), key=len)
    return len(short) >= 2 and (long_.endswith(short) or long_.startswith(short))


def what_scores() -> tuple[int, int, int, list[tuple[str, str, str | None]]]:
    """(exact, acceptable, cases, misses as (text, expected, got)) on what_cases.json."""
    exact = acc = 0
    misses = []
    for c in WHAT_CASES:
        got = _what_of(c)
        wants = [c["what"], *c.get("also", [])]
        if got in wants:
            exact += 1
            acc += 1
            continue
        if got is not None and any(_acceptable(got, w) for w in wants):
            acc += 1
        misses.append((c["text"], c["what"], got))
    return exact, acc, len(WHAT_CASES), misses


if __name__ == "__main__":
    e, a, n, misses = what_scores()
    for text, want, got in misses:
        print(f"{'~' if got is not None and _acceptable(got, want) else 'x'} {want!r:16} got {got!r:16} {text}")
    print(f"what: exact {e}/{n} = {e / n:.1%}, acceptable {a}/{n} = {a / n:.1%}")


# Figures (exact / acceptable):
#   batch 1 (181 cases, written first): old rule 116 (64.1%) / 170 (93.9%); reworked rule 178 (98.3%) / 181 (100%)
#   batch 2 (60 cases, written after the rework, first run before any change for them): old rule
#   23 (38.3%) / 49 (81.7%); reworked rule 43 (71.7%) / 57 (95.0%); after changes they prompted 58 / 60
#   all 241: 236 (97.9%) / 241 (100%)
WHAT_EXACT_FLOOR = 0.97
WHAT_ACCEPTABLE_FLOOR = 1.0
# Known-wrong answers, by (text, surface): the phrase found holds the right one but is longer.  Each
# is an xfail(strict) test with the right expected value, so a fix turns it red until its entry goes.
WHAT_KNOWN_WRONG = {
    ("为企业减税降费超过120亿元。", "超过120亿元"): "企业减税降费: the beneficiary stays",
    ("救援队伍连续奋战72小时。", "72小时"): "a duration of an activity: the whole clause",
    ("累计帮助企业融资35亿元。", "35亿元"): "企业融资: the beneficiary stays",
    ("该企业研发投入占营业收入的比重为4.2%。", "4.2%"): "企业研发投入: the demonstrative's noun stays",
    ("该园区入驻企业已达230家。", "230家"): "园区入驻企业: the demonstrative's noun stays",
    ("全年旅游收入120亿元，比上年增长15.2%。", "120亿元"): "全年旅游收入: the time word 全年 is not trimmed",
    ("全年旅游收入120亿元，比上年增长15.2%。", "15.2%"): "全年旅游收入: the time word 全年 is not trimmed",
}


def test_what_cases_enough():
    assert len(WHAT_CASES) >= 120
    assert all(_what_of(c) is not None for c in WHAT_CASES), [c["text"] for c in WHAT_CASES if _what_of(c) is None]
    assert set(WHAT_KNOWN_WRONG) <= {(c["text"], c["surface"]) for c in WHAT_CASES}


def test_what_accuracy_floor():
    exact, acc, n, misses = what_scores()
    assert exact / n >= WHAT_EXACT_FLOOR, misses
    assert acc / n >= WHAT_ACCEPTABLE_FLOOR, misses


def _what_param(c):
    key = (c["text"], c["surface"])
    marks = [pytest.mark.xfail(strict=True, reason=WHAT_KNOWN_WRONG[key])] if key in WHAT_KNOWN_WRONG else []
    return pytest.param(c, marks=marks, id=f"{c['text'][:20]}|{c['surface']}")


@pytest.mark.parametrize("case", [_what_param(c) for c in WHAT_CASES])
def test_what_case(case):
    assert _what_of(case) in [case["what"], *case.get("also", [])]


@pytest.mark.parametrize("key", sorted(WHAT_KNOWN_WRONG))
def test_known_wrong_whats_still_hold_the_right_phrase(key):
    case = next(c for c in WHAT_CASES if (c["text"], c["surface"]) == key)
    got = _what_of(case)
    assert any(_acceptable(got, w) for w in [case["what"], *case.get("also", [])]), got


@pytest.mark.parametrize("text,surface,what", [
    # the weak cases of the first version
    ("上年…地区生产总值为1100亿元。", "1100亿元", "地区生产总值"),     # a verb inside a measure noun
    ("该县去年粮食产量为50万吨。", "50万吨", "粮食产量"),            # demonstrative + place, time word
    ("从2020年的120万吨增加到150万吨。", "120万吨", ""),           # no subject: nothing, not 年的
    ("产量从2020年的120万吨增加到150万吨。", "120万吨", "产量"),
    ("产量从2020年的120万吨增加到150万吨。", "150万吨", "产量"),
    ("重工业占60%，轻工业占15%，其他占25%。", "25%", "其他"),
    ("出口额是进口额的3倍。", "3倍", "出口额"),
    ("四地公共资源交易中心顺利完成评标。", "四地", "公共资源交易中心"),
    ("四地迅速行动。", "四地", "地"),                                  # no organisation named
    ("产品远销中亚五国。", "五国", "国家"),
    # negative: time words and comparisons are no noun
    ("上年四季度环比增长1.6%。", "1.6%", ""),
    ("比上年同期增长3.1%。", "3.1%", ""),
    ("2025年一季度增长5%。", "5%", ""),
    # 其中 without a total before it names nothing of its own
    ("其中96%重心下移。", "96%", "重心"),
    # a share clause without a subject, after another sentence: not carried across 。
    ("营业收入3.6亿元。同比增长12.5%。", "12.5%", ""),
])
def test_what_rules(text, surface, what):
    assert _what_of({"text": text, "surface": surface}) == what


def test_what_is_lazy_and_needs_no_recursion():
    # thousands of numbers in one paragraph, each falling back on the previous one's what
    text = "企业营收" + "、".join(f"{i}万元" for i in range(1, 4000))
    qs = find_quantities(text)
    assert len(qs) == 3999 and qs[-1].what == "企业营收"


def test_bare_zero_before_a_shared_unit_does_not_raise():
    # found by fuzzing: "0亿" is no numeral; the 0 stays bare and the quantity after it is kept
    from newspage.quantities import find_quantities
    assert [(q.surface, q.value, q.unit) for q in find_quantities("0和5亿元")] == [("5亿元", 500000000.0, "元")]
    assert [q.surface for q in find_quantities("0与3万吨")] == ["3万吨"]


def test_long_chain_of_shared_units_is_linear():
    # a bare number before 和/、 takes the next unit; a 30,000-link chain must not go quadratic
    from newspage.quantities import find_quantities
    text = "产值5亿元和4.4、3.2万吨，" * 10_000
    qs = find_quantities(text)
    assert len(qs) == 30_000
    assert [(q.surface, q.value, q.unit) for q in qs[:4]] == [
        ("5亿元", 5e8, "元"), ("4.4", 44000.0, "吨"), ("3.2万吨", 32000.0, "吨"), ("5亿元", 5e8, "元")]


@pytest.mark.parametrize("text, expected", [
    ("全市有九年一贯制学校12所，普通高中2所。", [("12所", "九年一贯制学校"), ("2所", "普通高中")]),   # 九年一贯制 is no duration
    ("实行三年制教学，共培养学生300名。", [("300名", "学生")]),
    ("本科及以上学历教师占比达到65%。", [("65%", "本科及以上学历教师占比")]),                # 本科: 本 is not "this"
    ("上年这一比重为17.2%。", [("17.2%", "比重")]),
    ("2024年全市地区生产总值为3000亿元。", [("3000亿元", "地区生产总值")]),                # the date's 年 is no part of it
])
def test_what_and_attribute_years(text, expected):
    from newspage.quantities import find_quantities
    assert [(q.surface, q.what) for q in find_quantities(text)] == expected


# ---------------------------------------------------------------------------
# The development corpus: the unusual quantities its writers annotated by hand
# ---------------------------------------------------------------------------
# bench/score_quantities.py scores the quantities table on tests/data/corpus/dev/*.json
# `quantities` (negative numbers, 廿/卅, currency signs, 万分之五, N成, discounts, Latin and compound
# units, foreign currencies, fractions, durations).  Figures (value-F1, all 114 gold items): before
# issue 11's forms 0.685 (precision 0.880, recall 0.561); after 0.987 (1.000, 0.974).  The three
# misses are two lunar days inside dates (腊月廿三: the dates table's) and a ratio 1:12 (claims read
# ratios).  The dev half was fixed on: these are regression floors, not a measure on unseen pages.

DEV_CORPUS = DATA / "corpus" / "dev"


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="no development corpus")
def test_dev_corpus_unusual_quantities():
    import importlib.util
    import newspage
    spec = importlib.util.spec_from_file_location(
        "score_quantities", Path(__file__).resolve().parents[1] / "bench" / "score_quantities.py")
    sq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sq)
    found = missed = right = wrong = 0
    misses = []
    for jp, meta in sq.load_pages(DEV_CORPUS):
        res = sq.score_page(newspage.read_page(jp.with_suffix(".txt")), meta)
        found += len(res["found"])
        missed += len(res["missed"]) + len(res["unplaced"])
        right += res["right"]
        wrong += len(res["wrong"])
        misses += [(jp.stem[:2], i["gold"]["surface"]) for i in res["missed"]]
    assert wrong == 0, wrong
    assert set(misses) <= {("04", "廿三"), ("04", "廿九"), ("06", "1:12")}, misses
    assert found >= 111 and right >= 115


# ---------------------------------------------------------------------------
# Rates in words as claims read them (quantities states them in %; claims give them their grain)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, verdict", [
    ("全村186户中有62户加入合作社，占三分之一。", "consistent"),      # 62/186 is exactly 1/3
    ("全村260户中有78户加入合作社，占三成。", "consistent"),          # 30 % exactly
    ("全村260户中有80户加入合作社，占三成。", "rounding"),            # 30.77 %: 三成 is 25-35 %
    ("全村260户中有100户加入合作社，占三成。", "inconsistent"),       # 38.46 %
    ("全村200户中有60户加入合作社，占三分之一。", "inconsistent"),    # 30 %: 三分之一 is 32.83-33.83 %
    ("全村200户中有130户加入合作社，占六成半。", "consistent"),       # 65 %
    ("全镇1.46万户中，已有7800户参加保险，参保率过半。", "consistent"),  # 53.4 % > 50 %
])
def test_word_rates_in_claims(text, verdict):
    import newspage
    claims = newspage.read_page(text=text).claims
    assert claims["verdict"].tolist() == [verdict]


# ---------------------------------------------------------------------------
# Decision helpers at their edges (the survivors of `make mutation`, bench/mutation/SURVIVORS.md)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("core, mag", [
    ("8万", 10 ** 4), ("15百", 100), ("2千万", 10 ** 7), ("3.5亿", 10 ** 8), ("12十", 10),
    ("三万", 1),      # no Arabic digit before the magnitude: none borrowed
    ("万", 1), ("12", 1),
])
def test_magnitude_of_trailing_units(core, mag):
    assert quantities._magnitude_of(core) == mag


def test_a_number_between_two_titles_is_not_inside_one():
    # 十四五 is part of a title's name; 3项 stands after the first title closed, before the second
    text = "根据《十四五规划》，今年完成3项任务，详见《实施方案》。"
    assert [q.surface for q in find_quantities(text)] == ["3项"]


@pytest.mark.parametrize("text, first", [
    # the bare 3 takes the unit after 和, and with it the unit's base (公斤 in 吨) and numeral kind
    ("分别为3和5公斤。", dict(surface="3", value=3.0, unit="公斤", base_value=0.003, base_unit="吨", numeral="arabic")),
    ("分别为3万和5万吨。", dict(surface="3万", value=30000.0, unit="吨", base_value=30000.0, numeral="mixed")),
    ("新建3和5个。", dict(surface="3", value=3.0, unit="个", base_value=3.0, family="count", numeral="arabic")),
    ("价格为3和5元/吨。", dict(surface="3", value=3.0, unit="元", per="吨", numeral="arabic")),
    # a currency is its own base: the shared 3 is 3 of it
    ("分别为3和5美元。", dict(surface="3", value=3.0, base_value=3.0, numeral="arabic")),
])
def test_a_bare_number_before_a_connector_shares_the_unit_after_it(text, first):
    q = find_quantities(text)[0]
    assert {k: getattr(q, k) for k in first} == first


def test_a_number_next_to_an_idiom_but_outside_it_is_read():
    # 一企一策 is an idiom (no number); 三家 right after it is a count
    assert [q.surface for q in find_quantities("落实一企一策，三家企业受益。")] == ["三家"]


# ---------------------------------------------------------------------------
# Survivors of the 16:41 mutation run of _build and _in_title (bench/mutation/SURVIVORS.md)
# ---------------------------------------------------------------------------

def _read(text):
    return [(q.surface, q.value, q.value_high, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    # fractions: one digit over 2 to 10
    ("占1/2的比重", [("1/2", 50.0, None, "%", "exact")]),
    ("占1/11的比重", []),
    # 每 before Arabic digits is a rate's period, not a reason to drop the number
    ("每3天一次", [("3天", 3.0, None, "天", "exact")]),
    ("每3至5天一次", [("3至5天", 3.0, 5.0, "天", "range")]),
    # 四周 with 时间 after it is four weeks
    ("四周时间完成", [("四周", 4.0, None, "周", "exact")]),
    # 来 after a duration belongs to it, also when the text starts with 来自
    ("来自企业的数据显示，三年来产值增长。", [("三年来", 3.0, None, "年", "exact")]),
    # minutes after hours are read only under 60
    ("用时2小时28分", [("2小时28分", 148.0, None, "分钟", "exact")]),
    ("用时2小时75分", [("2小时", 2.0, None, "小时", "exact")]),
    # 左右 after a range keeps the range
    ("3至5年左右", [("3至5年左右", 3.0, 5.0, "年", "range")]),
    # 以上 after 多 keeps more_than
    ("20多年以上", [("20多年以上", 20.0, None, "年", "more_than")]),
    # 约 before 余: more than, not approximately
    ("约3万余元", [("约3万余元", 30000.0, None, "元", "more_than")]),
    # 零下 is a minus; 零上 and 下 alone are not
    ("零上5℃", [("5℃", 5.0, None, "℃", "exact")]),
    ("南下5公里", [("5公里", 5.0, None, "公里", "exact")]),
    # a minus after a letter is a hyphen, also two characters into the text
    ("A-5吨", [("5吨", 5.0, None, "吨", "exact")]),
    # 约占三成 at the very start: 约 still qualifies the number
    ("约占三成。", [("三成", 30.0, None, "%", "approx")]),
    # 多 after a count that starts the next word (多元化, 多样化) is no qualifier: the count ends before it
    ("全县有3家多元化企业", [("3家", 3.0, None, "家", "exact")]),
    ("引进5个多样化品种", [("5个", 5.0, None, "个", "exact")]),
    # a 《 whose 》 is more than 60 characters after the number is no title
    ("《标题" + "好" * 10 + "3家" + "好" * 70 + "》", [("3家", 3.0, None, "家", "exact")]),
])
def test_build_edges(text, expected):
    assert _read(text) == expected


def test_half_a_year_is_a_chinese_numeral():
    (q,) = find_quantities("用了半年时间")
    assert (q.surface, q.value, q.unit, q.numeral) == ("半年", 0.5, "年", "chinese")


def test_only_counts_have_a_classifier():
    (q,) = find_quantities("5吨")
    assert (q.family, q.classifier) == ("mass", "")
    (q,) = find_quantities("3家")
    assert q.classifier == "家"


def test_base_values_of_a_range_in_a_unit_with_a_factor():
    (q,) = find_quantities("3至5公里")
    assert (q.base_value, q.base_value_high, q.base_unit) == (3000.0, 5000.0, "米")
    (q,) = find_quantities("3至5周")
    assert (q.base_value, q.base_value_high, q.base_unit) == (21.0, 35.0, "天")
