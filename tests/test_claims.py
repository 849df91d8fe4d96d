"""Claims: the seed page's checkable claims, altered pages caught, composed pages per pattern."""
from __future__ import annotations

import json
from fractions import Fraction

import pandas as pd
import pytest

import newspage
from newspage import claims
from newspage.claims import Qty, detect, judge, stated_interval
from conftest import DATA, SEED, run_cli

SEED_DATA = json.loads((DATA / "claims_seed.json").read_text(encoding="utf-8"))
# composed cases, one file per relation kind beside the finder that reads it (tests/data/claims/<kind>.json),
# plus precision.json (false-alarm classes) and no_claim.json (figures that state nothing to check)
CASES = [c for f in sorted((DATA / "claims").glob("*.json"))
         for c in json.loads(f.read_text(encoding="utf-8"))["cases"]]
HEADLINE = "标题行用于测试页面"


def _rows(df: pd.DataFrame) -> list[list]:
    return [[r.kind, r.verdict, None if pd.isna(r.stated) else float(r.stated), round(float(r.computed), 4)]
            for r in df.itertuples()]


def _page(body: str, headline: str = HEADLINE):
    return newspage.read_page(text=f"{headline}\n\n{body}")


# --- the seed page ---------------------------------------------------------------

def test_seed_claims_exactly(seed_page):
    got = [[r.story_id, r.kind, r.verdict, None if pd.isna(r.stated) else float(r.stated),
            round(float(r.computed), 4)] for r in seed_page.claims.itertuples()]
    want = [row[:5] for row in SEED_DATA["claims"]]
    assert got == want
    for r, row in zip(seed_page.claims.itertuples(), SEED_DATA["claims"]):
        assert r.statement.startswith(row[5]), (r.claim_id, r.statement)


def test_seed_has_no_inconsistent_claim(seed_page):
    assert "inconsistent" not in set(seed_page.claims["verdict"])
    text, bad = claims.report(seed_page)
    assert bad == 0


def test_seed_rows_keep_provenance(seed_page):
    c = seed_page.claims
    q = seed_page.quantities.set_index("qty_id")
    assert list(c.columns[:4]) == ["page_id", "claim_id", "story_id", "kind"]
    assert c["claim_id"].is_unique
    for r in c.itertuples():
        assert seed_page.text[r.start:r.end] == r.statement
        ids = r.inputs.split(";")
        assert ids and all(i in q.index for i in ids), r.inputs
        # every input lies in the claim's story
        assert set(q.loc[ids, "story_id"]) == {r.story_id}
        if not pd.isna(r.stated_qty):
            assert ids[0] == r.stated_qty
            assert float(q.loc[r.stated_qty, "value"]) == r.stated
        assert r.kind in claims.KINDS and r.verdict in claims.VERDICTS
        assert (r.verdict == "derived") == (r.kind == "derived")
        assert isinstance(r.explanation, str) and r.explanation.endswith(".")


def test_seed_rounding_intervals(seed_page):
    c = seed_page.claims.set_index("formula")
    r70 = c.loc["23 / 33 × 100"]
    assert (r70.stated_low, r70.stated_high, r70.tolerance) == (69.5, 70.5, 0.5)
    assert "69.70%" in r70.explanation and "rounds to the stated 70%" in r70.explanation
    r60 = c.loc["1415.56 / 2326.33 × 100"]           # 超60%: more than 60, no upper bound
    assert r60.stated_low == 60 and pd.isna(r60.stated_high)
    d17 = c.loc["58.7万 − 41.7万"]                    # 17万 stands for [16.5万, 17.5万)
    assert (d17.stated_low, d17.stated_high, d17.tolerance) == (165000, 175000, 5000)
    s121 = c.loc["26 + 72 + 3 + 1 + 10 + 7 + 1 + 1"]   # a count is exact
    assert s121.tolerance == 0 and s121.stated_low == s121.stated_high == 121


def test_seed_report_is_grouped_by_story(seed_page):
    text, bad = claims.report(seed_page)
    assert bad == 0
    lines = text.splitlines()
    assert lines[0].startswith(f"== {SEED.stem}: 20 claims: 10 consistent, 4 rounding, 0 inconsistent, "
                               "1 needs_context, 5 derived")
    heads = [l for l in lines if l[:1] == "s" and l[3:5] == "  "]
    assert heads == ["s01  破“僵”焕新 盘活存量", "s02  新疆16个部门联合出台《措施》",
                     "s03  新疆下放121项林草行政职权事项", "s04  首批农机购置补贴资金足额到位",
                     "s07  昌吉州牵头完成首个跨区域远程评标工程建设项目"]
    assert any(l.startswith("  ~= s01c04 rate") for l in lines)
    assert any("stated 17万平方米 vs computed 17万平方米" in l for l in lines)
    assert lines[-1] == f"{SEED.stem}: 0 inconsistent claim(s)" and text.endswith("\n")


# --- altered pages ---------------------------------------------------------------------

@pytest.mark.parametrize("alt", SEED_DATA["altered"], ids=lambda a: "→".join(a["replace"]))
def test_altered_seed_is_caught(seed_page, alt):
    old, new = alt["replace"]
    assert old in seed_page.text
    page = newspage.read_page(text=seed_page.text.replace(old, new))
    c = page.claims
    bad = c[(c.verdict == "inconsistent") & (c.story_id == alt["story"]) & (c.kind == alt["kind"])]
    assert len(bad) >= 1, _rows(c)
    assert alt["stated"] in set(bad["stated"])
    assert claims.report(page)[1] == int((c.verdict == "inconsistent").sum()) >= 1


def test_check_strict_exit_codes(tmp_path):
    ok = run_cli("check", "--strict", SEED)
    assert ok.returncode == 0, ok.stderr
    assert "0 inconsistent" in ok.stdout and "盘活率70%" in ok.stdout
    text = SEED.read_text(encoding="utf-8")
    for old, new in (("盘活率70%", "盘活率75%"), ("121", "120"), ("剩余17万", "剩余19万")):
        path = tmp_path / f"altered_{len(old)}_{new[-2:]}.txt"
        path.write_text(text.replace(old, new), encoding="utf-8")
        r = run_cli("check", "--strict", path)
        assert r.returncode == 1, (old, r.stdout[-400:])
        assert "XX" in r.stdout and "1 inconsistent claim(s)" in r.stdout
        assert run_cli("check", path).returncode == 0      # without --strict it only reports


# --- composed pages, one pattern each -------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_composed(case):
    page = _page(case["text"], case.get("headline", HEADLINE))
    ignore = set(case.get("ignore_kinds", ()))   # rows a case is not about (its "why" says so)
    assert [r for r in _rows(page.claims) if r[0] not in ignore] == case["expect"]
    for r in page.claims.itertuples():
        assert page.text[r.start:r.end] == r.statement


def test_pairing_uses_the_total_of_each_clause_group():
    page = _page("全市排查企业120家，整改到位96家，整改率80%；排查个体户50户，整改到位30户，整改率60%。")
    q = page.quantities.set_index("surface")["qty_id"]
    c = page.claims
    assert c["inputs"].tolist() == [f"{q['80%']};{q['120家']};{q['96家']}", f"{q['60%']};{q['50户']};{q['30户']}"]
    assert c["formula"].tolist() == ["96 / 120 × 100", "30 / 50 × 100"]


def test_shares_of_one_total_use_that_total():
    page = _page("全市共有企业200家，其中国有企业150家，占75%，民营企业50家，占25%。")
    # (and the two parts add up to the total: 150 + 50 = 200)
    assert page.claims["formula"].tolist() == ["150 / 200 × 100", "150 + 50", "50 / 200 × 100"]


def test_named_share_picks_the_matching_part():
    page = _page("本次共清理文件80件，其中规章20件、规范性文件60件。清理的文件中，75%为规范性文件。")
    share = page.claims[page.claims.kind == "share"].iloc[0]
    assert share.formula == "60 / 80 × 100"
    assert share.statement == "75%为规范性文件"


def test_explanations_say_why():
    c = _page("全区有闲置厂房30万平方米，已盘活18万平方米。将聚焦剩余15万平方米闲置厂房。").claims
    d = c[c.kind == "difference"].iloc[0]
    # English writes the page's 万 figures in Western form; Chinese quotes them as the page does
    assert d.explanation == ("300,000 m² less 180,000 m² leaves 120,000 m², not the stated 150,000 m² "
                             "(which stands for 145,000 to 155,000 m²).")
    assert d.explanation_zh == "30万平方米减去18万平方米剩12万平方米，与所述15万平方米不符（15万平方米代表14.5万至15.5万平方米）。"
    g = _page("园区共有企业7家，其中50%已上市。").claims.iloc[0]
    assert "no whole number of the 7 gives 50%" in g.explanation and "3 of 7, is 42.86%" in g.explanation


def test_empty_page_keeps_columns():
    c = _page("园区坚持分类施策，持续优化营商环境。").claims
    assert c.empty and list(c.columns) == ["page_id"] + claims.COLUMNS
    text, bad = claims.report(_page("园区坚持分类施策。"))
    assert bad == 0 and "0 claims" in text


# --- verdicts and intervals -----------------------------------------------------------------

def _q(surface, value, unit="%", family="percent", qualifier="exact", **kw):
    return Qty(qty_id="x", start=0, end=len(surface), surface=surface, value=Fraction(value), unit=unit,
               family=family, qualifier=qualifier, **kw)


@pytest.mark.parametrize("surface,value,unit,family,half", [
    ("70%", 70, "%", "percent", Fraction(1, 2)),
    ("59.5%", Fraction(119, 2), "%", "percent", Fraction(1, 20)),
    ("17万平方米", 170000, "平方米", "area", 5000),
    ("58.7万平方米", 587000, "平方米", "area", 500),
    ("2326.33亩", Fraction(232633, 100), "亩", "area", Fraction(1, 200)),
    ("121项", 121, "项", "count", 0),
    ("五种", 5, "种", "count", 0),
    ("1.2万家", 12000, "家", "count", 500),
    ("12000吨", 12000, "吨", "mass", Fraction(1, 2)),
])
def test_half_unit(surface, value, unit, family, half):
    assert _q(surface, value, unit, family).half == half


@pytest.mark.parametrize("surface,qualifier,point,verdict", [
    ("70%", "exact", Fraction(70), "consistent"),
    ("70%", "exact", Fraction(23 * 100, 33), "rounding"),
    ("70%", "exact", Fraction(141, 2), "inconsistent"),          # 70.5 rounds to 71
    ("70%", "exact", Fraction(139, 2), "rounding"),              # 69.5 rounds to 70
    ("75%", "exact", Fraction(23 * 100, 33), "inconsistent"),
    ("超60%", "more_than", Fraction(60), "inconsistent"),
    ("超60%", "more_than", Fraction(6001, 100), "consistent"),
    ("不低于70%", "at_least", Fraction(70), "consistent"),
    ("不低于70%", "at_least", Fraction(6999, 100), "inconsistent"),
    ("不到70%", "less_than", Fraction(70), "inconsistent"),
    ("约70%", "approx", Fraction(6960, 100), "rounding"),       # 约: only 70 itself is consistent
    ("约70%", "approx", Fraction(70), "consistent"),
    ("约70%", "approx", Fraction(68), "rounding"),
    ("约70%", "approx", Fraction(60), "inconsistent"),
])
def test_judge(surface, qualifier, point, verdict):
    q = _q(surface, 70 if "70" in surface else 75 if "75" in surface else 60, qualifier=qualifier)
    assert judge(point, point, point, q)[0] == verdict


def test_judge_allows_for_rounded_inputs():
    # 58.7万 − 41.6万 = 17.1万 against a stated 17.1万: exact; against 17.2万 only via the inputs' rounding?
    q = _q("17.2万平方米", 172000, "平方米", "area")
    point = Fraction(171000)
    assert judge(point, point, point, q)[0] == "inconsistent"
    assert judge(point, Fraction(170900), Fraction(171100), q)[0] == "inconsistent"
    assert judge(point, Fraction(170900), Fraction(171600), q)[0] == "rounding"


def test_range_interval():
    q = _q("60%至80%", 60, qualifier="range", value_high=Fraction(80))
    iv = stated_interval(q)
    assert (iv.lo, iv.hi) == (Fraction(119, 2), Fraction(161, 2))


def test_detect_works_on_hand_made_records():
    text = "园区33家企业已盘活23家，盘活率70%。"
    recs = [
        {"qty_id": "a", "start": 2, "end": 5, "surface": "33家", "value": 33.0, "unit": "家", "family": "count",
         "classifier": "家", "qualifier": "exact"},
        {"qty_id": "b", "start": 10, "end": 13, "surface": "23家", "value": 23.0, "unit": "家", "family": "count",
         "classifier": "家", "qualifier": "exact"},
        {"qty_id": "c", "start": 17, "end": 20, "surface": "70%", "value": 70.0, "unit": "%", "family": "percent",
         "qualifier": "exact"},
    ]
    for r in recs:
        assert text[r["start"]:r["end"]] == r["surface"]
    (c,) = detect(text, recs)
    assert (c.kind, c.verdict, c.inputs, c.formula) == ("rate", "rounding", ["c", "a", "b"], "23 / 33 × 100")
    assert c.statement == "园区33家企业已盘活23家，盘活率70%"
    # the same records with 75%: inconsistent
    recs[2] = dict(recs[2], value=75.0, surface="75%")
    (c,) = detect(text.replace("70%", "75%"), recs)
    assert c.verdict == "inconsistent"


# --- changes, multiples, shares that add up, yearly averages --------------------------------

def test_change_rows_name_both_levels():
    page = _page("全市地区生产总值达到1200亿元，比上年增长9.1%。上年全市地区生产总值为1100亿元。")
    q = page.quantities.set_index("surface")["qty_id"]
    (c,) = page.claims.itertuples()
    assert c.inputs == f"{q['9.1%']};{q['1100亿元']};{q['1200亿元']}"
    assert c.stated_qty == q["9.1%"] and c.formula == "(1200亿 − 1100亿) / 1100亿 × 100"
    assert c.statement == "全市地区生产总值达到1200亿元，比上年增长9.1%"   # the sentence that states it
    assert (c.stated_low, c.stated_high) == (9.05, 9.15)


def test_points_written_as_percent_is_explained():
    (c,) = _page("城镇化率由70.2%提高到71.7%，提高1.5%。").claims.itertuples()
    assert c.verdict == "inconsistent"
    assert c.explanation == ("70.2% to 71.7% is a rise of 1.5 percentage points, a relative rise of 2.14%: "
                             "the stated 1.5% is a change in percentage points written as a percent.")


def test_growth_by_n_times_is_read_strictly_and_loose_reading_needs_context():
    strict = _page("全市粮食产量增长2倍，由10万吨增长到30万吨。").claims.iloc[0]
    loose = _page("全市粮食产量增长2倍，由10万吨增长到20万吨。").claims.iloc[0]
    to = _page("全市粮食产量由10万吨增长到20万吨，增长到2倍。").claims.iloc[0]
    assert (strict.verdict, strict.formula, strict.computed) == ("consistent", "30万 / 10万 − 1", 2.0)
    assert (loose.verdict, loose.computed) == ("needs_context", 1.0)
    assert "strictly means 3 times" in loose.explanation
    assert (to.verdict, to.formula, to.computed) == ("consistent", "20万 / 10万", 2.0)


def test_words_as_stated_figure_have_no_qty_id():
    page = _page("全市网购金额翻了一番，由50亿元增至100亿元。")
    q = page.quantities.set_index("surface")["qty_id"]
    (c,) = page.claims.itertuples()
    assert pd.isna(c.stated_qty) and c.stated == 2.0
    assert c.inputs == f"{q['50亿元']};{q['100亿元']}"
    assert c.statement == "全市网购金额翻了一番，由50亿元增至100亿元"
    text, _ = claims.report(page)
    assert "stated 翻了一番 vs computed 2倍" in text
    shares = _page("全市三次产业结构中，第一产业占10%，第二产业占40%，第三产业占50%。")
    (s,) = shares.claims.itertuples()
    assert pd.isna(s.stated_qty) and (s.stated, s.stated_low, s.stated_high) == (100.0, 100.0, 100.0)
    assert len(s.inputs.split(";")) == 3


def test_named_multiple_pairs_by_name_not_by_order():
    # 出口额 and 进口额 share 口额: the pairing must follow the distinct part of each name
    page = _page("进口额30亿元，出口额90亿元。出口额是进口额的3倍。")
    q = page.quantities.set_index("surface")["qty_id"]
    (c,) = page.claims.itertuples()
    assert c.formula == "90亿 / 30亿" and c.inputs == f"{q['3倍']};{q['30亿元']};{q['90亿元']}"
    flipped = _page("出口额30亿元，进口额90亿元。出口额是进口额的3倍。").claims.iloc[0]
    assert (flipped.formula, flipped.verdict) == ("30亿 / 90亿", "inconsistent")


def test_listed_changes_go_to_their_pairs_in_order():
    c = _page("产量由10万吨增至30万吨，销售额由5亿元增至8亿元，分别增长200%和60%。").claims
    assert c["formula"].tolist() == ["(30万 − 10万) / 10万 × 100", "(8亿 − 5亿) / 5亿 × 100"]
    assert "derived" not in set(c["kind"])       # levels of a change are not per-unit inputs


@pytest.mark.parametrize("text,years", [
    ("2021年至2025年，全市累计完成投资500亿元，年均投资100亿元。", 5),
    ("2016—2020年，全市累计完成投资500亿元，年均投资100亿元。", 5),
    ("三年来，全市累计完成投资300亿元，年均投资100亿元。", 3),
    ("“十三五”期间，全市累计完成投资500亿元，年均投资100亿元。", 5),
])
def test_year_spans(text, years):
    (c,) = _page(text).claims.itertuples()
    assert c.kind == "average" and c.verdict == "consistent" and c.formula.endswith(f" / {years}")


def test_docstring_states_the_verdict_rule():
    doc = claims.__doc__
    for word in ("change", "multiple", "percentage points", "增长N倍", "100%"):
        assert word in doc


def test_比上年_in_another_clause_does_not_mark_a_prior_level():
    # 蔬菜产量30万吨 follows 比上年增长10% in its sentence, but it is this year's figure
    page = _page("今年该县粮食产量55万吨，比上年增长10%，蔬菜产量30万吨。\n\n今年该县蔬菜产量30万吨，同比增长20%。")
    assert page.claims.empty


def test_averages_stay_in_their_paragraph():
    page = _page("全县常住人口50万人，居民收入总额100亿元。\n\n农村居民人均可支配收入1.9万元。")
    assert "average" not in set(page.claims["kind"])
    # one total and head count make one average: the general one, whichever comes first
    for body in ("全县常住人口50万人，居民收入总额100亿元，人均收入2万元，城镇居民人均收入2.6万元。",
                 "全县常住人口50万人，居民收入总额100亿元，城镇居民人均收入2.6万元，人均收入2万元。"):
        c = _page(body).claims
        assert c["stated"].tolist() == [20000.0] and c["verdict"].tolist() == ["consistent"]


@pytest.mark.parametrize("headline, body, verdict", [
    ("全省外贸进出口突破5000亿元", "全省外贸进出口额突破7000亿元", "consistent"),   # a bound, not a rounding
    ("全省外贸进出口突破5000亿元", "全省外贸进出口额达4900亿元", "inconsistent"),
    ("全省外贸进出口5000亿元", "全省外贸进出口额为5012亿元", "rounding"),          # trailing zeros round
    ("全省外贸进出口5000亿元", "全省外贸进出口额为5600亿元", "inconsistent"),
    ("全省新增就业12万人", "全省新增就业12.4万人", "rounding"),
    ("全省新增就业120万人", "全省新增就业134万人", "inconsistent"),
])
def test_headline_repeat_bounds_and_rounding(headline, body, verdict):
    page = newspage.read_page(text=f"{headline}\n\n本报讯 今年一季度，{body}，同比增长5%。")
    rep = page.claims[page.claims.kind == "repeat"]
    assert rep["verdict"].tolist() == [verdict]


# --- structured columns: what notebooks read instead of parsing the explanation -------------

def test_structured_columns_of_a_rate_and_a_count():
    page = _page("园区有闲置企业33家，已盘活23家，盘活率70%。形成同业式、链接式、帮扶式三种模式。")
    q = page.quantities.set_index("surface")["qty_id"]
    rate, count = page.claims.itertuples()
    assert rate.roles == f"{q['33家']}=total;{q['23家']}=part;{q['70%']}=rate"
    assert (rate.whole_qty, rate.part_qtys, rate.stated_surface, rate.confidence) == (q["33家"], q["23家"], "70%", "sure")
    assert rate.explanation == "23 of 33 is 69.70%, which rounds to the stated 70%."
    assert rate.explanation_zh == "23家占33家的69.70%，四舍五入后即所述70%。"
    assert count.names == "同业式;链接式;帮扶式" and count.stated_surface == "三种"
    assert count.explanation_zh == "列出3项（同业式、链接式、帮扶式），与所述三种一致。"


def test_structured_columns_of_a_sum_and_a_derived_row():
    page = _page("全县种植蔬菜4.6万亩，其中辣椒2.1万亩、甘蓝1.5万亩、萝卜1.0万亩。")
    q = page.quantities.set_index("surface")["qty_id"]
    (s,) = page.claims.itertuples()
    assert s.whole_qty == q["4.6万亩"] and s.part_qtys == f"{q['2.1万亩']};{q['1.5万亩']};{q['1.0万亩']}"
    assert s.explanation == "The 3 listed parts add up to 46,000 mu, exactly the stated 46,000 mu."
    assert s.explanation_zh == "所列3项合计4.6万亩，与所述4.6万亩完全一致。"
    d = _page("全区有闲置厂房30万平方米，已盘活18万平方米。").claims.iloc[0]
    assert d.kind == "derived" and pd.isna(d.confidence) and pd.isna(d.stated_surface)
    assert d.explanation_zh == "文中未写：18万平方米占30万平方米的60.00%。"


# --- newspage check: --accept, --date, pages without Chinese ---------------------------------

def test_check_accept_file_signs_off_a_claim(tmp_path):
    import hashlib
    altered = tmp_path / "altered.txt"
    altered.write_text(SEED.read_text(encoding="utf-8").replace("盘活率70%", "盘活率75%"), encoding="utf-8")
    sha = hashlib.sha256(altered.read_bytes()).hexdigest()
    accept = tmp_path / "accept.csv"
    accept.write_text("# reviewed on the proof\npage_sha256,claim_id,reason\n"
                      f"{sha},s01c04,\"the bureau counts two more firms, 25 of 33\"\n", encoding="utf-8")
    r = run_cli("check", "--strict", "--accept", accept, altered)
    assert r.returncode == 0, r.stdout[-600:]
    assert f"page sha256 {sha}" in r.stdout
    assert "  AC s01c04 rate" in r.stdout and "accepted: the bureau counts two more firms, 25 of 33" in r.stdout
    assert "altered: 1 inconsistent claim(s) (1 sure, 0 likely; 1 accepted)" in r.stdout
    # a row for another page's hash accepts nothing here
    accept.write_text("page_sha256,claim_id,reason\n" + "0" * 64 + ",s01c04,other page\n", encoding="utf-8")
    assert run_cli("check", "--strict", "--accept", accept, altered).returncode == 1
    accept.write_text("page_sha256,claim_id,reason\nabc,s01c04,too short\n", encoding="utf-8")
    bad = run_cli("check", "--accept", accept, altered)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip() == (f"newspage check: error: --accept: {accept}: line 2: page_sha256 must be 64 "
                                  "hexadecimal digits, got 'abc'")


def test_bad_date_names_the_flag_and_a_page_without_chinese_warns(tmp_path):
    en = tmp_path / "english.txt"
    en.write_text("Quarterly report\n\nSales rose 12% to 3.4 million dollars.\n", encoding="utf-8")
    r = run_cli("check", "--date", "2025-13-01", en)
    assert r.returncode == 2
    assert r.stderr.strip() == "newspage check: error: --date: '2025-13-01' is not a date written YYYY-MM-DD (e.g. 2026-04-14)"
    r = run_cli("check", en)
    assert r.returncode == 0 and "english: 0 inconsistent claim(s)" in r.stdout
    assert r.stderr.strip() == (f"newspage check: warning: {en}: no Chinese text on this page; its tables "
                                "will be mostly empty")


def test_english_explanations_quote_only_page_text(seed_page):
    """An English sentence has Chinese only where it quotes the page (listed names, a label)."""
    import re as _re
    from conftest import COMPOSED
    for page in (seed_page, newspage.read_page(text=COMPOSED)):
        for r in page.claims.itertuples():
            for run in _re.findall(r"[\u4e00-\u9fff]+", r.explanation):
                assert run in page.text, (r.claim_id, run, r.explanation)
    avg = _page("全县共有农户2000户，分红资金1000万元，户均5000元。").claims
    assert avg.explanation.tolist() == ["10 million yuan over 2,000 is 5,000 yuan per household, exactly the stated "
                                        "5,000 yuan."]


def test_stop_positions_and_stretch_bounds_match_a_plain_scan():
    """claims finds a figure's clause and sentence from the positions of stop characters, kept per text
    in one table shared by every stop set (ids given as sets are first asked about).  On random texts
    (astral characters, a lone surrogate) and stop sets asked in turn, some with characters never seen
    before, some with an astral one: the same positions, stretch starts and ends as a scan."""
    import random

    from newspage.claims import _back, _fwd, _stops

    rnd = random.Random(11)
    alphabet = "甲乙丙，。；、！？：,;.\n 1２𠀀"
    sets = ["，。", "。！？", "；;", "、，,", "\n", "：:", "。𠀀", "丙", "，。；、"]
    for n in range(400):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        if n % 50 == 0:
            text += "\ud800"                        # a lone surrogate: no code point array
        for stops in rnd.sample(sets, 4):
            want = [i for i, c in enumerate(text) if c in stops]
            assert _stops(text, stops) == want
            lo, hi = sorted(rnd.randint(0, len(text)) for _ in range(2))
            for pos in range(lo, hi + 1):
                back = next((i + 1 for i in range(pos - 1, lo - 1, -1) if text[i] in stops), lo)
                fwd = next((i for i in range(pos, hi) if text[i] in stops), hi)
                assert (_back(text, pos, lo, stops), _fwd(text, pos, hi, stops)) == (back, fwd)
