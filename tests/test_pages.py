"""The pages table: masthead and folio lines, the page date and where it comes from (issue 13).

Every expected value is written by hand from the composed text of its case (paper, date, page
number and section as printed; dates by the rules: given > printed > the day after the latest wire
dateline > the latest date of the text in the year that reads as the present).
"""
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import pytest

import newspage
from newspage import dates, masthead, tables

COLUMNS = ["page_id", "source", "sha256", "paper", "date", "date_source", "date_rule", "date_start", "date_end",
           "page_number", "section", "n_chars", "n_stories"]


def _row(text: str, **kw) -> dict:
    page = newspage.read_page(text=text, **kw)
    df = page.pages
    assert list(df.columns) == COLUMNS
    assert len(df) == 1
    r = df.iloc[0].to_dict()
    return {k: (None if pd.isna(v) else v) for k, v in r.items()}


BODY = "\n\n某县春耕生产全面展开\n\n本报讯 近日，某县春耕生产全面展开，各乡镇组织农机下田。\n"


@pytest.mark.parametrize("head,paper,date,number,section", [
    ("清溪日报\n\n2025年7月18日 星期五\n\n第2版 要闻", "清溪日报", "2025-07-18", 2, "要闻"),
    ("江城日报　２０２５年５月１３日　星期二　第４版　经济", "江城日报", "2025-05-13", 4, "经济"),
    ("2024年12月2日 星期一 农历甲辰年十一月初二\n\n第3版 | 三农", None, "2024-12-02", 3, "三农"),
    ("二〇二五年七月十八日 星期五", None, "2025-07-18", None, None),
    ("香港新聞網 2025年4月19日", "香港新聞網", "2025-04-19", None, None),
    ("A03版 要闻 2025年1月6日", None, "2025-01-06", 3, "要闻"),
    ("第5版", None, None, 5, None),
    ("桐江日报\n\n2025年3月21日 星期五\n\n第8版 统计公报", "桐江日报", "2025-03-21", 8, "统计公报"),
    ("桐江晚报\n\n2025年10月9日 星期四\n\n第B12版 文体·健康", "桐江晚报", "2025-10-09", 12, "文体·健康"),
])
def test_masthead_fills_the_row_and_is_no_kicker(head, paper, date, number, section):
    text = head + BODY
    page = newspage.read_page(text=text)
    r = _row(text)
    assert (r["paper"], r["date"], r["page_number"], r["section"]) == (paper, date, number, section)
    if date:
        assert r["date_source"] == "printed"
        assert page.text[r["date_start"]:r["date_end"]].replace(" ", "") in page.text
        assert dt.date.fromisoformat(date) == page.date
    st = page.stories
    assert len(st) == 1
    assert (st.iloc[0]["kicker"], st.iloc[0]["headline"]) == ("", "某县春耕生产全面展开")
    kinds = list(page.paragraphs["kind"])
    assert kinds[-2:] == ["headline", "body"] and set(kinds[:-2]) == {"masthead"}


def test_folio_at_the_foot_and_staff_lines():
    text = "某县春耕生产全面展开\n\n本报讯 近日，某县春耕生产全面展开。\n\n责任编辑：王某 版式设计：李某\n\n2025年3月8日 星期六 第5版 综合\n"
    page = newspage.read_page(text=text)
    assert list(page.paragraphs["kind"]) == ["headline", "body", "credit", "masthead"]
    r = _row(text)
    assert (r["date"], r["date_source"], r["page_number"], r["section"]) == ("2025-03-08", "printed", 5, "综合")


def test_headlines_with_dates_are_not_mastheads():
    for line in ("3月8日 全市义务植树活动启动", "2025年全县经济工作会议召开", "第十届农民丰收节开幕"):
        assert not masthead.is_masthead_line(line), line
    assert masthead.is_masthead_line("2025年3月8日 星期六")
    assert masthead.is_masthead_line("第2版 要闻")


def test_dateline_page_is_dated_the_day_after_the_latest_dateline():
    text = ("外贸进出口稳中向好\n\n新华社北京5月6日电 海关总署6日发布数据，2025年前4个月，我国货物贸易进出口总值"
            "14.14万亿元。\n\n多地加快春播进度\n\n各地春播进度过半，农业农村部部署下一步工作。（新华社北京5月8日电）\n")
    r = _row(text)
    assert (r["date"], r["date_source"]) == ("2025-05-09", "dateline")
    page = newspage.read_page(text=text)
    assert page.text[r["date_start"]:r["date_end"]] == "新华社北京5月8日电"
    assert "5月8日" in r["date_rule"] and "2025" in r["date_rule"]
    assert page.date == dt.date(2025, 5, 9)


def test_a_dateline_before_the_day_its_figures_are_given_as_of_is_in_the_next_year():
    # a January dateline reporting the year just ended: the year the text talks about is last year
    text = ("全省公路建设再提速\n\n新华社西宁1月9日电（记者 某某）记者从省交通运输厅获悉，2025年全省完成公路投资"
            "420亿元。截至2025年12月底，全省公路总里程达8.9万公里。\n")
    r = _row(text)
    assert (r["date"], r["date_source"]) == ("2026-01-10", "dateline")
    assert "截至2025年12月底" in r["date_rule"] and "the year after 2025" in r["date_rule"]
    page = newspage.read_page(text=text)
    assert page.text[r["date_start"]:r["date_end"]] == "新华社西宁1月9日电"
    # the dates of the text follow: 9日 is in 2026
    d = page.dates
    assert d.loc[d["surface"] == "1月9日", "iso"].tolist() == ["2026-01-09"]
    # as of a day before the dateline: the year stays
    r = _row(text.replace("1月9日电", "7月9日电").replace("12月底", "6月底"))
    assert (r["date"], r["date_source"]) == ("2025-07-10", "dateline")
    # the shift is to the first year whose dateline day is not before the as-of day
    r = _row(text.replace("2025年全省", "2026年全省").replace("截至2025年12月底", "截至2026年3月底"))
    assert r["date"] == "2027-01-10"


def test_a_historical_year_is_never_the_present():
    # the only year on the page is history: no page date rather than a wrong one
    text = "老街焕新颜\n\n本报讯 早在2008年，老街就列入改造计划。今年以来，街区完成立面改造。4月2日，街区重新开放。\n"
    r = _row(text)
    assert (r["date"], r["date_source"]) == (None, None)
    # with a year that reads as the present the date is inferred in that year
    text2 = text.replace("今年以来", "截至2025年3月底")
    r = _row(text2)
    assert (r["date"], r["date_source"]) == ("2025-04-02", "inferred")
    assert dates.present_year("早在2008年建成。2019年，曾获评示范街区。去年（2024年）客流增长。")[0] == 2025
    assert dates.present_year("历史上，2010年曾发生洪水。到2030年，建成强市。")[0] is None


def test_present_year_from_an_anniversary_of_a_year_given_as_history():
    text = ("桃园二十年\n\n本报讯 今年是城南万亩桃园建成二十周年。早在2004年，村民就在荒坡上栽下第一批桃树。"
            "如今，桃园面积扩大到1万亩。截至3月26日，桃园已接待游客2.1万人次。3月20日，桃花节开幕。\n")
    y, how, s, e = dates.present_year(text)
    assert y == 2024 and "2004" in how and text[s:e] == "今年是城南万亩桃园建成二十周年"
    r = _row(text)
    assert (r["date"], r["date_source"]) == ("2024-03-26", "inferred")   # 截至 a day: a past day, no target
    assert dates.present_year("今年是合作社成立10周年。合作社2016年成立时只有社员8户。")[0] == 2026
    assert dates.present_year("今年恰逢县博物馆开馆30周年。县博物馆始建于1995年。")[0] == 2025
    # two founding years in the paragraph, or none given as history: no year rather than a wrong one
    assert dates._anniversary_year("今年是公司成立10周年。早在2015年，公司就开始筹备；2018年，公司成立。") is None
    assert dates._anniversary_year("今年是学校建校60周年。校友们从各地赶来。") is None
    assert dates._anniversary_year("今年是大桥通车20周年。2010年，大桥完成加固。") is None


def test_a_years_statistical_bulletin_reads_its_relative_dates_in_that_year():
    text = ("桐江日报\n\n2025年3月21日 星期五\n\n第8版 统计公报\n\n桐江市2024年国民经济和社会发展统计公报（摘要）\n\n"
            "桐江市统计局\n\n全年全市地区生产总值812.5亿元，比上年增长5.1%。年末全市常住人口98.2万人，比上年末增加0.3万人。"
            "前三季度，全市接待游客增长8%；10月1日至7日，全市接待游客52万人次。\n\n"
            "今年一季度，全市将开工重点项目20个。\n")
    page = newspage.read_page(text=text)
    assert page.date == dt.date(2025, 3, 21)
    d = page.dates.set_index("surface")
    got = {k: (d.loc[k, "iso"], d.loc[k, "iso_end"]) for k in ("上年", "上年末", "前三季度", "10月1日至7日", "今年一季度")}
    assert got["上年"][0] == "2023" and got["上年末"][0] == "2023"
    assert got["前三季度"] == ("2024-01", "2024-09")
    assert got["10月1日至7日"] == ("2024-10-01", "2024-10-07")
    assert got["今年一季度"] == ("2025-01", "2025-03")        # 今年 is the year the page is printed in
    for s, e, surf in zip(page.dates["start"], page.dates["end"], page.dates["surface"]):
        assert page.text[s:e] == surf
    # a news story about the bulletin keeps the page's year
    news = text.replace("桐江市2024年国民经济和社会发展统计公报（摘要）", "全市经济总量稳步增长")
    d2 = newspage.read_page(text=news).dates.set_index("surface")
    assert d2.loc["上年", "iso"] == "2024"


def test_present_year_cues():
    assert dates.present_year("2025年一季度，全市生产总值增长5%。")[0] == 2025
    assert dates.present_year("2024年，园区建成。2025年全市计划新建项目10个。")[0] == 2025
    assert dates.present_year("截至2024年底，全市建成基地32个。")[0] == 2025      # year-end figures, published the year after
    # years in a document's title and targets say nothing about the present
    assert dates.present_year("《三年行动方案（2024—2026年）》印发，力争2027年完成。")[0] is None


def test_given_date_wins_and_is_said():
    text = "江城日报 2025年5月13日 星期二 第4版 经济" + BODY
    r = _row(text, date="2025-05-20")
    assert (r["date"], r["date_source"], r["date_start"]) == ("2025-05-20", "given", None)
    assert (r["paper"], r["page_number"]) == ("江城日报", 4)


def test_source_sha256_and_size(seed_path):
    page = newspage.read_page(seed_path)
    r = {k: (None if pd.isna(v) else v) for k, v in page.pages.iloc[0].items()}
    assert r["source"] == seed_path.name
    assert r["sha256"] == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert (r["n_chars"], r["n_stories"]) == (len(page.text), 7)
    # the seed has no masthead; its latest wire dateline is 新华社北京4月13日电, so it was printed on 4月14日
    assert (r["date"], r["date_source"], r["paper"], r["page_number"]) == ("2026-04-14", "dateline", None, None)
    text = "标题\n\n正文，内容。"
    r = _row(text)
    assert (r["source"], r["sha256"]) == ("text", hashlib.sha256(text.encode("utf-8")).hexdigest())


def test_pages_is_the_first_table_of_the_codebook():
    reg = tables.registry()
    assert list(reg)[0] == "pages"
    book = tables.codebook(reg)
    assert book.index("## pages") < book.index("## stories")
    assert "`date_source`" in book and "`page_number`" in book
