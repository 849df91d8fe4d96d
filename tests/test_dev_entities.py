"""Entities of the development pages (tests/data/dev_pages), annotated by hand before the extractor
ever ran on them (tests/data/dev_pages/entities/NAME_entities.json).

The first run's figures are kept in tests/data/dev_pages/FIRST_RUN_ENTITIES.txt (the only held-out
result these pages gave: all types P 0.814 R 0.576, plain jieba.posseg P 0.492 R 0.596).  The
library was then fixed on these pages for the general causes found there (bodies named by their
level, 和 inside a body's name, media suffixes, traditional characters, a byline name run into its
dateline place, staff lines, people before a verb of speech, X新区, short names of places named in
full ...).  The floors below are development floors: the figures after those fixes, guarding
them; they say nothing about accuracy on pages nobody has seen.

``python bench/score_entities.py --pages --misses`` prints the figures and every error.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newspage import entities

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("score_entities", ROOT / "bench" / "score_entities.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.fixture(scope="module")
def pages(bench):
    return bench.load_pages()


@pytest.fixture(scope="module")
def ours(bench, pages):
    return bench.score_pages(pages, bench.page_newspage)


@pytest.fixture(scope="module")
def theirs(bench, pages):
    return bench.score_pages(pages, bench.page_jieba)


# Real entities still missed, with the reason (written by hand from the pages).  The list is exact:
# a fix turns test_misses_are_the_known_ones red until its entry is deleted.
KNOWN_MISSES = {
    ("b_provincial", "张掖", "place"): "a bare city name the page never writes in full (张掖市)",
    ("d_county", "田集镇", "place"): "jieba cuts 田|集镇 (集镇 is a common word)",
    ("f_traditional", "港珠澳大橋", "place"): "bridges and other structures are not a pattern",
}


def test_seven_pages_annotated(pages):
    assert [name for name, _, _ in pages] == ["a_national_economy", "b_provincial", "c_hard_wrapped", "d_county",
                                              "e_fullwidth", "f_traditional", "g_court_city_weather"]
    assert sum(len(g) for _, _, g in pages) == 99


# Development floors: just under the figures reached after fixing on these pages (all: P 1.000 R 0.960);
# the first, held-out run gave P 0.814 R 0.576 (FIRST_RUN_ENTITIES.txt).
@pytest.mark.parametrize("etype,p_floor,r_floor", [
    ("person", 0.97, 0.97),
    ("org", 0.96, 0.96),
    ("place", 0.95, 0.84),
    ("document", 1.0, 1.0),
    ("programme", 1.0, 1.0),
    ("all", 0.97, 0.93),
])
def test_dev_floors_per_type(ours, etype, p_floor, r_floor):
    assert ours[etype]["precision"] >= p_floor, ours[etype]
    assert ours[etype]["recall"] >= r_floor, ours[etype]


def test_every_page_has_high_precision(ours):
    for name, fig in ours["pages"].items():
        assert fig["precision"] >= 0.95, (name, fig)
        assert fig["recall"] >= 0.85, (name, fig)


def test_roles_of_the_people_found(ours):
    r = ours["roles"]
    assert r["people"] >= 35
    assert r["right"] == r["people"], r["errors"]


def test_beats_plain_jieba(ours, theirs, capsys):
    def f1(x):
        p, r = x["precision"] or 0, x["recall"] or 0
        return 2 * p * r / (p + r) if p + r else 0
    for t in ("person", "org", "place", "all"):
        assert f1(ours[t]) > f1(theirs[t]), t
    assert f1(ours["all"]) - f1(theirs["all"]) > 0.3
    with capsys.disabled():
        print(f"\ndev pages  newspage P={ours['all']['precision']:.3f} R={ours['all']['recall']:.3f} | "
              f"jieba P={theirs['all']['precision']:.3f} R={theirs['all']['recall']:.3f}")


def test_misses_are_the_known_ones(ours):
    missed = {(name, s, t) for name, s, t, _ in ours["false_negatives"]}
    # exact: a new miss fails, and so does a fixed one (then delete its entry)
    assert missed == set(KNOWN_MISSES), (sorted(missed - set(KNOWN_MISSES)), sorted(set(KNOWN_MISSES) - missed))
    assert ours["false_positives"] == []


def test_provenance_and_traditional_surfaces(pages):
    for name, page, _ in pages:
        ent = page.entities
        for s, e, surface in zip(ent["start"], ent["end"], ent["surface"]):
            assert page.text[s:e] == surface, (name, s, e, surface)
    trad = dict((n, p) for n, p, _ in pages)["f_traditional"].entities
    rows = {(s, t): r for s, t, r in zip(trad["surface"], trad["type"], trad["role"])}
    assert ("陳家明", "person") in rows and ("廣州", "place") in rows     # not 陳家明廣州報
    assert ("粵港澳大灣區", "place") in rows and ("廣東省統計局", "org") in rows
    assert ("兩市", "place") not in rows
    fw = dict((n, p) for n, p, _ in pages)["e_fullwidth"].entities
    spaced = fw[fw["surface"] == "黄 磊"]
    assert list(spaced["canonical"]) == ["黄磊"]                          # a spaced byline keeps its surface


@pytest.mark.parametrize("text,expected", [
    # a byline name run on into the place it reports from
    ("记者王海涛成都报道：近日，成都市政府发布通知。",
     [("王海涛", "person", "记者"), ("成都", "place", None), ("成都市政府", "org", None)]),
    # the same in traditional characters, read through the simplified shadow
    ("記者陳立新香港報道：香港特區政府公佈數據。",
     [("陳立新", "person", "记者"), ("香港", "place", None), ("香港特區政府", "org", None)]),
    ("责任编辑：周敏 版式：许可", [("周敏", "person", "责任编辑"), ("许可", "person", "版式")]),
    ("李国强表示，今年将继续加大投入。", [("李国强", "person", None)]),
    ("居民刘大爷说，小区变美了。", [("刘大爷", "person", "居民")]),
    ("被告人张某以投资为名骗取钱财，法院判处张某有期徒刑五年。",
     [("张某", "person", "被告人"), ("张某", "person", "被告人")]),
    ("记者从市人力资源和社会保障局获悉。", [("市人力资源和社会保障局", "org", None)]),
    ("区委书记赵刚主持召开区委常委会会议。",
     [("区委", "org", None), ("赵刚", "person", "书记"), ("区委常委会", "org", None)]),
    ("记者从兰州新区获悉，园区新开通班列3条。", [("兰州新区", "place", None)]),
    ("新华社北京5月10日电 国家统计局发布数据。",
     [("新华社", "org", None), ("北京", "place", None), ("国家统计局", "org", None)]),
    ("本报讯 近年来，南溪市大力发展茶叶，南溪红茶远销东南亚。",
     [("南溪市", "place", None), ("南溪", "place", None), ("东南亚", "place", None)]),
    ("在江北区青柳新村，居民正在排队。", [("江北区", "place", None), ("青柳新村", "place", None)]),
    ("经珠海公路口岸出入境的车辆增加。", [("珠海公路口岸", "place", None)]),
    ("清河日报 2025年6月1日", [("清河日报", "org", None)]),
])
def test_patterns_behind_the_fixes(text, expected):
    assert [(e.surface, e.type, e.role) for e in entities.find(text)] == expected


@pytest.mark.parametrize("text", [
    "全市新建停车场3个，新区建设加快。",       # 新区 alone, 全市, 新建 (jieba: ns)
    "冷链物流补上了产业链的关键一环。",         # not a company (物流 after a common word)
    "高度评价说明了问题。",                     # a surname-initial word before a verb is no name
    "两市首季外贸总额增长。",                   # a count of cities is no place
    "电力公司投资12.5亿元。",                   # a bare back-reference is no name
])
def test_no_entities_in_these(text):
    assert entities.find(text) == []
