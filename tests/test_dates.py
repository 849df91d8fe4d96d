"""Dates: data-driven cases, the seed page, page-date inference, properties."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from newspage import dates
from newspage.dates import find_dates, infer_page_date

DATA = Path(__file__).parent / "data"
CASES = json.loads((DATA / "dates_cases.json").read_text("utf-8"))
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_3ec54a674129ce63.txt"
KEYS = ("surface", "iso", "iso_end", "granularity", "qualifier", "relative")


def check_case(case) -> list[str]:
    ref = dt.date.fromisoformat(case["ref"]) if case["ref"] else None
    found = find_dates(case["text"], ref)
    got = [{k: getattr(d, k) for k in KEYS} for d in found]
    for d in found:
        if case["text"][d.start:d.end] != d.surface:
            return [f"offsets of {d.surface!r}"]
    return [] if got == case["expect"] else [f"{got} != {case['expect']}"]


def _param(case):
    # a case with "known_wrong" holds the right value the library does not give yet
    marks = [pytest.mark.xfail(strict=True, reason=case["known_wrong"])] if "known_wrong" in case else []
    return pytest.param(case, marks=marks, id=case["text"][:20])


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case):
    assert check_case(case) == []


def test_plan_years():
    assert dates._plan_years(14) == (2021, 2025)
    assert dates._plan_years(9) == (1996, 2000)
    assert dates._plan_years(1) == (1953, 1957)


# ---------------------------------------------------------------------------
# Page date
# ---------------------------------------------------------------------------

def test_infer_seed_page_date():
    # no masthead: the day after the latest wire dateline, (新华社北京4月13日电), as dailies print
    # wire copy the next day; the year is the present one (截至2026年1月)
    import newspage
    page = newspage.read_page(SEED)
    assert infer_page_date(page) == dt.date(2026, 4, 14)
    assert infer_page_date(page.text) == dt.date(2026, 4, 14)
    assert page.date == dt.date(2026, 4, 14)


@pytest.mark.parametrize("text,expected", [
    ("2025年3月1日召开。2025年3月5日闭幕。", dt.date(2025, 3, 5)),
    ("截至2026年1月，完成任务。4月2日，记者走进车间。", dt.date(2026, 4, 2)),
    ("2024年，园区建成。3月13日签约。", dt.date(2024, 3, 13)),
    ("到2030年，建成强国。2025年5月启动。6月1日举行。", dt.date(2025, 6, 1)),
    ("没有日期的一段话。", None),
    ("4月2日，记者走进车间。", None),
    ("2025年计划完成。", None),
])
def test_infer_page_date_rules(text, expected):
    assert infer_page_date(text) == expected


# a lunar festival with its Gregorian day fixes the year when no year reads as the present: the first
# year, from the latest one the text mentions, where the festival falls on that day (元宵 on 2月24日
# is 2024; 中秋 on 9月17日 is 2024; 端午 on 5月31日 is 2025, by the lunar calendar)
@pytest.mark.parametrize("text,expected", [
    ("这座桥自2019年通车以来客流不断。2月24日元宵节当晚，游人如织。\n\n新华社南京2月25日电 灯会继续。",
     dt.date(2024, 2, 26)),
    ("这条街早在2021年就改造完成。中秋节（9月17日）当天，客流创新高。\n\n新华社杭州9月18日电 夜市火爆。",
     dt.date(2024, 9, 19)),
    ("龙舟赛场始建于2020年。5月31日端午节，上万人观赛。\n\n新华社广州6月1日电 赛事落幕。", dt.date(2025, 6, 2)),
    ("2月24日元宵节当晚，游人如织。\n\n新华社南京2月25日电 灯会继续。", None),     # no year at all: 2024, 2043 …
])
def test_page_date_year_from_a_festival_day(text, expected):
    assert infer_page_date(text) == expected


# a page whose only printed year is history (早在1986年) takes its year from a sexagenary year with its
# animal (乙巳蛇年 = 2025), never from the historical year; a sentence saying what today is in the lunar
# calendar together with a solar term or weekday gives the day itself (寒露 2025 = 10月8日 = 农历八月十七;
# 农历正月初一 2025 = 1月29日, a Wednesday)
@pytest.mark.parametrize("text,expected", [
    ("今天是寒露，农历八月十七。早在1986年，这条老街就第一次整修。乙巳蛇年的中秋，游人格外多。",
     dt.date(2025, 10, 8)),
    ("早在1990年，这里就办起了灯会。乙巳蛇年的元宵节，游人如织。2月12日晚，灯会开幕。", dt.date(2025, 2, 12)),
    ("今天是农历正月初一，星期三。早在2001年，庙会就已恢复。乙巳蛇年第一天，庙会人头攒动。", dt.date(2025, 1, 29)),
    # the lunar day and the term alone fit 2006 and 2025 both: no year, no date
    ("今天是寒露，农历八月十七。早在1986年，这条老街就第一次整修。", None),
    # a sexagenary year introduced as history, or whose animal is not its branch's, names no present year
    ("早在甲午马年，这里就办起了灯会。10月8日，灯会开幕。", None),
    ("乙巳马年的中秋，游人格外多。10月8日，灯会开幕。", None),
])
def test_page_date_when_the_only_printed_year_is_history(text, expected):
    assert infer_page_date(text) == expected


# a year named by its animal alone (蛇年春节, 马年春节) with the span of the festival's holiday: the first
# such year, from the latest year the text mentions (or 1984), whose 春节 falls inside the span (by
# borax: 春节 2001-01-24, 2013-02-10, 2025-01-29; 2002-02-12, 2014-01-31, 2026-02-17); 生猪年出栏 is
# no animal year, and a holiday span without an animal fixes nothing (1999-02-16 would fit 2月15日至23日)
@pytest.mark.parametrize("text,expected", [
    ("蛇年春节 古镇人气旺\n\n早在1998年，古镇就开始修缮。今年春节假期（1月28日至2月4日），古镇接待游客86万人次。2月5日，记者走访古镇。",
     dt.date(2025, 2, 5)),
    ("马年春节 庙会热闹\n\n早在1996年，庙会就已恢复。春节假期（2月15日至23日），庙会接待游客52万人次。2月24日，庙会闭幕。",
     dt.date(2026, 2, 24)),
    ("早在1996年，庙会就已恢复。春节假期（2月15日至23日），庙会接待游客52万人次。2月24日，庙会闭幕。", None),
    ("早在1998年，猪场就已建成。生猪年出栏12万头。春节假期（1月28日至2月4日），猪肉供应充足。2月5日，记者走访。", None),
])
def test_page_date_year_from_an_animal_year_and_a_holiday_span(text, expected):
    assert infer_page_date(text) == expected


# a wire page whose only year is in a document title: with 今年 in the same paragraph the title is the
# year's own work document (《2025年…工作方案》), and the page is the day after its latest dateline; a
# title without 今年 near it says nothing, and a year read as the present elsewhere wins over a title's
@pytest.mark.parametrize("text,expected", [
    ("新华社北京7月9日电 今年暑运自7月1日开始。按照《2025年铁路暑期运输工作方案》，铁路部门将增开夜间列车。", dt.date(2025, 7, 10)),
    ("新华社北京7月9日电 按照《2025年铁路暑期运输工作方案》，铁路部门将增开夜间列车。", None),
    ("新华社北京7月9日电 2024年上半年，客流增长。今年，铁路部门按照《2023年铁路运输工作方案》增开列车。", dt.date(2024, 7, 10)),
])
def test_page_date_year_from_a_document_title_with_jinnian(text, expected):
    assert infer_page_date(text) == expected


def test_infer_rejects_other_types():
    with pytest.raises(TypeError):
        infer_page_date(42)


def test_given_date_wins():
    import newspage
    page = newspage.read_page(SEED, date="2026-05-01")
    df = page.dates
    row = df[df["surface"] == "今年6月"].iloc[0]
    assert row["iso"] == "2026-06"
    row = df[df["surface"] == "去年8月"].iloc[0]
    assert row["iso"] == "2025-08"


def test_seed_dates_table():
    import newspage
    page = newspage.read_page(SEED)
    df = page.dates
    assert list(df.columns) == ["page_id"] + dates.SCHEMA.names
    for r in df.itertuples():
        assert page.text[r.start:r.end] == r.surface
    by = {r.surface: r for r in df.itertuples()}
    assert by["2025年3月"].iso == "2025-03"
    assert by["4月2日"].iso == "2026-04-02"
    assert (by["4月底"].iso, by["4月底"].qualifier) == ("2026-04", "end")
    assert by["去年8月"].iso == "2025-08" and by["今年6月"].iso == "2026-06"
    assert (by["近日"].iso, by["近日"].qualifier) == ("", "vague")
    assert (by["“十四五”期间"].iso, by["“十四五”期间"].iso_end) == ("2021", "2025")
    assert "未来三年" not in by          # a duration: a quantity, not a date (issue 13)
    assert "01版" not in by and "十八" not in " ".join(by)
    assert df["date_id"].is_unique


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("0123456789年月日号底初今去明近未来三年十四五“”期间个第至—-、，。上下半季度旬中以")), max_size=40),
       st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))))
def test_property_any_text(text, ref):
    for d in find_dates(text, ref):
        assert text[d.start:d.end] == d.surface
        assert d.granularity in ("day", "month", "year", "period")
        if d.iso:
            parts = d.iso.split("-")
            assert len(parts[0]) == 4
        infer_page_date(text)


# ---------------------------------------------------------------------------
# Issue 13: ranges whole, durations and habits are not dates, festivals, solar terms, lunar days
# (festival and solar-term days from bench/measure_calendars.py's TRUTH: inside the official
# holiday and confirmed by three libraries)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,ref,expected", [
    ("3月2日至18日举办", "2024-04-26", [("3月2日至18日", "2024-03-02", "2024-03-18")]),
    ("3月28日—4月2日开展", "2026-03-05", [("3月28日—4月2日", "2026-03-28", "2026-04-02")]),
    ("每年6、7、8月是汛期", "2024-10-22", []),
    ("近5年，五年来，未来3年", "2025-07-16", []),
    ("4年前开园", "2024-04-19", [("4年前", "2020", "")]),
    ("今年春节", "2025-02-20", [("今年春节", "2025-01-29", "")]),
    ("元宵节当天", "2024-03-01", [("元宵节", "2024-02-24", "")]),
    ("大年初三", "2025-02-05", [("大年初三", "2025-01-31", "")]),
    ("端午节前后", "2025-05-10", [("端午节", "2025-05-31", "")]),
    ("中秋节", "2023-09-01", [("中秋节", "2023-09-29", "")]),
    ("立春以后", "2026-02-25", [("立春", "2026-02-04", "")]),
    ("冬至这天", "2024-12-30", [("冬至", "2024-12-21", "")]),
    ("2024年端午节", "2025-01-05", [("2024年", "2024", ""), ("端午节", "2024-06-10", "")]),
    ("每逢端午节", "2025-05-10", []),
    ("雨水充足", "2025-02-20", []),
])
def test_issue13_date_forms(text, ref, expected):
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates(text, dt.date.fromisoformat(ref))]
    assert got == expected


def test_a_national_day_or_may_day_holiday_with_its_days_in_brackets_is_that_span():
    ref = dt.date(2025, 11, 3)
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("国庆假期（10月1日至8日），全县接待游客38万人次。", ref)]
    assert got == [("国庆假期", "2025-10-01", "2025-10-08"), ("10月1日至8日", "2025-10-01", "2025-10-08")]
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("去年“五一”假期（2024年5月1日至5日），景区客流增长。", ref)]
    assert got[:2] == [("去年", "2024", ""), ("“五一”假期", "2024-05-01", "2024-05-05")]
    # without the days, or a lunar festival's holiday: no span is made up
    assert "国庆假期" not in [d.surface for d in find_dates("国庆假期，全县接待游客38万人次。", ref)]
    assert [d.surface for d in find_dates("端午节假期（5月31日至6月2日），客流增长。", ref)][0] == "端午节"


def test_the_first_months_compared_with_the_month_after_them():
    ref = dt.date(2025, 4, 20)
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("3月当月，全县社零总额增长9%，增速比前两个月加快1.2个百分点。", ref)]
    assert ("前两个月", "2025-01", "2025-02") in got
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("四月份，全县用电量较前三个月明显回升。", ref)]
    assert ("前三个月", "2025-01", "2025-03") in got
    # no month after them named, or another month: 比前两个月 is no period of the year
    assert "前两个月" not in [d.surface for d in find_dates("全县社零总额增速比前两个月加快。", ref)]
    assert "前两个月" not in [d.surface for d in find_dates("6月，全县社零总额增速比前两个月加快。", ref)]


def test_the_same_period_after_the_beginning_of_the_year_is_last_january():
    ref = dt.date(2025, 4, 16)
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("年初全县肉牛存栏8.6万头，比上年同期增加0.4万头。", ref)]
    assert got == [("年初", "2025", ""), ("上年同期", "2024-01", "")]


def test_a_span_of_months_naming_a_season_is_no_date():
    ref = dt.date(2025, 4, 16)
    for t in ("农机站最忙的是从5月到6月的一个多月，天天下地。", "从5月上旬到9月底的采摘旺季，每天限流2000人次。"):
        assert find_dates(t, ref) == [], t
    # a span that is this year's months stays a date
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("5月到6月，全县完成夏播。今年5月至6月的降水偏少。", ref)]
    assert got == [("5月到6月", "2025-05", "2025-06"), ("今年5月至6月", "2025-05", "2025-06")]


def test_the_joint_mid_autumn_national_day_holiday_by_its_length():
    # 中秋 on 9月29日 (2023): the eight days start with it; on 10月6日 (2025): they start on 10月1日
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("中秋国庆8天假期里，景区接待游客12万人次。", dt.date(2023, 10, 20))]
    assert got == [("中秋国庆8天假期", "2023-09-29", "2023-10-06")]
    got = [(d.surface, d.iso, d.iso_end) for d in find_dates("中秋国庆8天长假，全县客流增长。", dt.date(2025, 10, 9))]
    assert got == [("中秋国庆8天长假", "2025-10-01", "2025-10-08")]
    # a length that cannot hold both festivals: nothing made up
    assert find_dates("中秋国庆7天假期，全县客流增长。", dt.date(2024, 10, 9)) == []


def test_a_decade_of_the_last_century():
    ref = dt.date(2025, 4, 16)
    got = [(d.surface, d.iso, d.iso_end, d.relative) for d in find_dates("这座水库修建于上世纪六十年代，厂房建于20世纪90年代。", ref)]
    assert got == [("上世纪六十年代", "1960", "1969", False), ("20世纪90年代", "1990", "1999", False)]
    assert find_dates("上世纪90年代初，厂子转制。", ref) == []      # a part of a decade: not made up
