"""Change relations that must not pair figures the text does not pair (issue #11: zero false alarms on
correct pages), each with a planted error of the same shape that must still be caught when the pairing
is unambiguous.  Every sentence here is made up."""
from __future__ import annotations

import pytest

import newspage

HEADLINE = "标题行用于测试页面"


def _changes(body: str) -> list[tuple[str, str, float, float]]:
    page = newspage.read_page(text=f"{HEADLINE}\n\n{body}")
    for r in page.claims.itertuples():
        assert page.text[r.start:r.end] == r.statement
    return [(r.verdict, r.confidence, float(r.stated), round(float(r.computed), 2))
            for r in page.claims.itertuples() if r.kind == "change"]


# --- subject agreement across sentences: one domain, another measure at the head ---------------

@pytest.mark.parametrize("body", [
    "上年该县财政收入为8.2亿元。今年该县财政支出为12.5亿元，比上年增长6%。",
    "上年全市新能源汽车产量为20万辆。今年全市新能源汽车销量为30万辆，比上年增长12%。",
    "上年全省货物出口额为500亿元。今年全省货物进口额为600亿元，比上年增长5%。",
    "去年，全县一般公共预算收入完成31.5亿元，同比增长3%。全县一般公共预算支出72.4亿元，同比增长4.1%。",
])
def test_a_prior_figure_of_another_measure_is_no_base(body):
    assert _changes(body) == []


@pytest.mark.parametrize("body, expect", [
    # the same measure (or the same with 总 added) is still paired, and a wrong rate is still caught
    ("上年该县财政支出为11亿元。今年该县财政支出为12.5亿元，比上年增长6%。", [("inconsistent", "sure", 6.0, 13.64)]),
    ("上年全市新能源汽车产量为20万辆。今年全市新能源汽车总产量为24万辆，比上年增长20%。",
     [("consistent", "sure", 20.0, 20.0)]),
    ("上年全省货物进口额为500亿元。今年全省货物进口额为600亿元，比上年增长25%。",
     [("inconsistent", "sure", 25.0, 20.0)]),
])
def test_a_prior_figure_of_the_same_measure_is_still_the_base(body, expect):
    assert _changes(body) == expect


# --- one sentence, one period: 去年，… opening a sentence dates every figure in it -------------------

@pytest.mark.parametrize("body", [
    "去年，全市发放贷款900亿元，其中向中小企业发放贷款500亿元；向小微企业发放贷款320亿元，比上年增加40亿元。",
    "去年，该市新增就业岗位8.6万个，其中新增高校毕业生就业岗位3.1万个；新增退役军人就业岗位0.9万个，比上年增加0.2万个。",
])
def test_a_figure_dated_by_the_sentence_opening_is_no_base_of_a_later_figure_of_that_sentence(body):
    assert _changes(body) == []


@pytest.mark.parametrize("body, expect", [
    # the prior period opens another sentence: its figure is the base, and a wrong increment is caught
    ("上年，全市向小微企业发放贷款280亿元。去年，全市向小微企业发放贷款320亿元，比上年增加50亿元。",
     [("inconsistent", "sure", 5e9, 4e9)]),
    ("上年，全市向小微企业发放贷款280亿元。去年，全市向小微企业发放贷款320亿元，比上年增加40亿元。",
     [("consistent", "sure", 4e9, 4e9)]),
    # in one sentence, another period named between the two figures
    ("去年同期，该区集装箱吞吐量为120万标箱；今年以来，该区集装箱吞吐量为150万标箱，比去年同期增长20%。",
     [("inconsistent", "sure", 20.0, 25.0)]),
])
def test_a_prior_figure_in_its_own_sentence_or_period_is_still_the_base(body, expect):
    assert _changes(body) == expect


# --- the whole of a share is not the level a following change speaks of ----------------------------

@pytest.mark.parametrize("body, expect", [
    ("截至去年底，全县森林面积为36万亩，占全县国土面积120万亩的30%，比上年末的33万亩增加3万亩。",
     [("consistent", "sure", 3e4, 3e4)]),
    ("年末该区绿地面积为5.6平方公里，占城区总面积28平方公里的20%，比上年末的5.1平方公里增加0.5平方公里。",
     [("consistent", "sure", 0.5, 0.5)]),
    # the planted error of the same shape: the level (not the share's whole) against the base
    ("截至去年底，全县森林面积为36万亩，占全县国土面积120万亩的30%，比上年末的33万亩增加5万亩。",
     [("inconsistent", "sure", 5e4, 3e4)]),
    ("年末该区绿地面积为5.6平方公里，占城区总面积28平方公里的20%，比上年末的5.1平方公里增加0.8平方公里。",
     [("inconsistent", "sure", 0.8, 0.5)]),
    # no stated base: no claim, and the share's whole is never read as the level
    ("今年全县耕地流转面积12万亩，占耕地总面积40万亩的30%，比上年增加2万亩。", []),
])
def test_a_change_after_a_share_is_of_the_part_not_of_the_shares_whole(body, expect):
    assert _changes(body) == expect


# --- 分别增长x%和y%: a run of changes over listed things, never over one level -----------------------

@pytest.mark.parametrize("body", [
    # no listed levels of this period: nothing to read the rates over (two is the number of indicators)
    "去年同期，全区受理专利申请3150件、授权专利1280件，今年两项指标同比分别增长9.5%和11.2%。",
    "去年全县出栏生猪52.4万头、肉牛3.1万头，分别比上年增长4.6%和8.3%。",
    # both runs dated by one sentence opening: no base
    "去年，全区受理专利申请3150件、授权专利1280件，两项指标分别增长9.5%和11.2%。",
])
def test_respective_changes_without_two_listed_periods_make_no_claim(body):
    assert _changes(body) == []


@pytest.mark.parametrize("body, expect", [
    # the base run in the sentence after the level run
    ("今年前三季度，全区受理专利申请3450件，授权专利1425件。去年同期，全区受理专利申请3150件、授权专利1280件，"
     "今年两项指标同比分别增长9.5%和11.3%。", [("rounding", "sure", 9.5, 9.52), ("rounding", "sure", 11.3, 11.33)]),
    # the base run dated by a year, the level run by the next year, in one sentence
    ("2023年，全县粮食、油料产量分别为48万吨和6万吨；2024年两项产量分别达到50.4万吨和6.6万吨，分别增长5%和10%。",
     [("consistent", "sure", 5.0, 5.0), ("consistent", "sure", 10.0, 10.0)]),
    # a planted error of the same shape is caught, the other rate still fits
    ("今年前三季度，全区受理专利申请3450件，授权专利1425件。去年同期，全区受理专利申请3150件、授权专利1280件，"
     "今年两项指标同比分别增长9.5%和13.3%。", [("rounding", "sure", 9.5, 9.52), ("inconsistent", "sure", 13.3, 11.33)]),
    ("2023年，全县粮食、油料产量分别为48万吨和6万吨；2024年两项产量分别达到50.4万吨和6.6万吨，分别增长7%和10%。",
     [("inconsistent", "sure", 7.0, 5.0), ("consistent", "sure", 10.0, 10.0)]),
])
def test_respective_changes_pair_two_listed_periods_in_order(body, expect):
    assert _changes(body) == expect


# --- 日均B，比去年同期增加N，同比增长R%: the increment may be the whole period's ---------------------------

@pytest.mark.parametrize("body, expect", [
    # the increment is the period total's: 50 / (600 - 50)
    ("假期5天，全市景区共接待游客600万人次，日均120万人次，比去年同期增加50万人次，同比增长9.1%。",
     [("rounding", "sure", 9.1, 9.09)]),
    ("节日期间，全市共发送旅客2000万人次，日均400万人次，比去年同期增加100万人次，同比增长5.3%。",
     [("rounding", "sure", 5.3, 5.26)]),
    # the increment is the per-day figure's: 10 / (120 - 10)
    ("假期5天，全市景区共接待游客600万人次，日均120万人次，比去年同期增加10万人次，同比增长9.1%。",
     [("rounding", "sure", 9.1, 9.09)]),
    # neither reading fits: which figure grew is not sure, so the page is not called wrong
    ("假期5天，全市景区共接待游客600万人次，日均120万人次，比去年同期增加50万人次，同比增长12%。",
     [("needs_context", "likely", 12.0, 9.09)]),
    # with the per-day figure alone the pairing is unambiguous and a wrong rate is caught
    ("假期期间，全市景区日均接待游客120万人次，比去年同期增加10万人次，同比增长12%。",
     [("inconsistent", "sure", 12.0, 9.09)]),
])
def test_an_increment_after_a_per_day_figure_may_be_the_period_totals(body, expect):
    assert _changes(body) == expect


# --- 利用率达到A，上年为B，提高N个百分点: a bare change after last period's clause -----------------------

@pytest.mark.parametrize("body, expect", [
    ("全县秸秆综合利用率达到92.4%，上年为90.1%，提高2.3个百分点。", [("consistent", "sure", 2.3, 2.3)]),
    ("全市城镇登记失业率为3.6%，去年同期为3.9%，下降0.3个百分点。", [("consistent", "sure", 0.3, 0.3)]),
    ("全区居民平均寿命达到80.2岁，上年为79.8岁，提高0.4岁。", [("consistent", "sure", 0.4, 0.4)]),
    ("全县粮食产量达到52万吨，上年为48万吨，增长8.3%。", [("rounding", "sure", 8.3, 8.33)]),
    # planted errors of the same shape are caught
    ("全县秸秆综合利用率达到92.4%，上年为90.1%，提高3.3个百分点。", [("inconsistent", "sure", 3.3, 2.3)]),
    ("全区居民平均寿命达到80.2岁，上年为79.8岁，提高0.6岁。", [("inconsistent", "sure", 0.6, 0.4)]),
    # last year's figure beyond a semicolon, or a change clause naming something else: no pairing
    ("全县秸秆综合利用率达到92.4%；上年为90.1%，提高2.3个百分点。", []),
    ("全县秸秆综合利用率达到92.4%，上年为90.1%，畜禽粪污利用率提高3.3个百分点。", []),
])
def test_a_bare_change_after_last_periods_clause_reads_from_it_to_the_level_before(body, expect):
    assert _changes(body) == expect


@pytest.mark.parametrize("body, expect", [
    # a 、-list of the prior run: each item is named after the last 、
    ("春节假期，全县共接待游客82.5万人次，实现旅游收入6.82亿元。去年春节假期，全县接待游客75万人次、旅游收入6.2亿元。"
     "今年假期两项指标分别增长10%和10%。", [("consistent", "sure", 10.0, 10.0), ("consistent", "sure", 10.0, 10.0)]),
    ("春节假期，全县共接待游客82.5万人次，实现旅游收入6.82亿元。去年春节假期，全县接待游客75万人次、旅游收入6.2亿元。"
     "今年假期两项指标分别增长10%和12%。", [("consistent", "sure", 10.0, 10.0), ("inconsistent", "sure", 12.0, 10.0)]),
    # 去年… ；今年… in one sentence: 今年 dates the second run
    ("去年上半年，两家工厂产值分别为40亿元和25.2亿元；今年上半年，两家工厂产值分别达到46亿元和27.72亿元，分别增长15%和10%。",
     [("consistent", "sure", 15.0, 15.0), ("consistent", "sure", 10.0, 10.0)]),
    ("去年上半年，两家工厂产值分别为40亿元和25.2亿元；今年上半年，两家工厂产值分别达到46亿元和27.72亿元，分别增长15%和12%。",
     [("consistent", "sure", 15.0, 15.0), ("inconsistent", "sure", 12.0, 10.0)]),
    # no period named before the second run of the sentence: the opening dates both, no claim
    ("去年上半年，两家工厂产值分别为40亿元和25亿元，营收分别为46亿元和27.5亿元，分别增长15%和10%。", []),
])
def test_respective_changes_read_listed_names_and_a_period_named_inside_the_sentence(body, expect):
    assert _changes(body) == expect


# --- a level reached (提高到99元) is the level of 比…的A增加N --------------------------------------------

@pytest.mark.parametrize("body, expect", [
    ("今年全县低保标准提高到760元，比去年的720元提高40元。", [("consistent", "sure", 40.0, 40.0)]),
    ("全市已建成的口袋公园增加到185个，比2022年的140个增加45个。", [("consistent", "sure", 45.0, 45.0)]),
    # planted errors of the same shape
    ("今年全县低保标准提高到760元，比去年的720元提高60元。", [("inconsistent", "sure", 60.0, 40.0)]),
    ("全市已建成的口袋公园增加到185个，比2022年的140个增加55个。", [("inconsistent", "sure", 55.0, 45.0)]),
])
def test_a_level_reached_is_the_level_of_the_change_after_it(body, expect):
    assert _changes(body) == expect


# --- a rate's clause between the level and 比去年的A0多出N --------------------------------------------------

@pytest.mark.parametrize("body, expect", [
    ("今年共有3200名考生报名，录取率65%，比去年的2900名增加300名。", [("consistent", "sure", 300.0, 300.0)]),
    ("半程马拉松共有8450人完赛，完赛率97.1%，比去年的7900人多出550人。", [("consistent", "sure", 550.0, 550.0)]),
    # planted errors of the same shape
    ("今年共有3200名考生报名，录取率65%，比去年的2900名增加400名。", [("inconsistent", "sure", 400.0, 300.0)]),
    ("半程马拉松共有8450人完赛，完赛率97.1%，比去年的7900人多出650人。", [("inconsistent", "sure", 650.0, 550.0)]),
])
def test_a_rate_clause_between_a_count_and_its_change_is_stepped_over(body, expect):
    assert _changes(body) == expect


# --- 去年A，今年增加到B，增长R%: last period's clause, the level reached, a bare change -------------------

@pytest.mark.parametrize("body, expect", [
    ("去年合作社种植蓝莓80亩，今年扩大到120亩，增加40亩。", [("consistent", "sure", 40.0, 40.0)]),
    ("去年这家农场养殖肉鸽1500羽，今年增加到1800羽，增长20%。", [("consistent", "sure", 20.0, 20.0)]),
    # planted errors of the same shape
    ("去年合作社种植蓝莓80亩，今年扩大到120亩，增加30亩。", [("inconsistent", "sure", 30.0, 40.0)]),
    ("去年这家农场养殖肉鸽1500羽，今年增加到1800羽，增长25%。", [("inconsistent", "sure", 25.0, 20.0)]),
    # last year's clause names nothing before its figure's period word: not the prior period's
    ("合作社种植蓝莓80亩，今年扩大到120亩，增加40亩。", []),
])
def test_a_bare_change_after_last_years_figure_and_the_level_reached(body, expect):
    assert _changes(body) == expect


# --- B是A的N倍: a yearly (全年) level, or the level named as the multiple's subject ---------------------

def _multiples(body: str) -> list[tuple[str, str, float, float]]:
    page = newspage.read_page(text=f"{HEADLINE}\n\n{body}")
    return [(r.verdict, r.confidence, float(r.stated), round(float(r.computed), 2))
            for r in page.claims.itertuples() if r.kind == "multiple"]


@pytest.mark.parametrize("body, expect", [
    ("全年全县农产品网络零售额48.6亿元，比上年增长12%，是2020年16.2亿元的3倍。", [("consistent", "sure", 3.0, 3.0)]),
    ("全年全县农产品网络零售额48.6亿元，比上年增长12%，是2020年16.2亿元的4倍。", [("inconsistent", "sure", 4.0, 3.0)]),
    ("今年前三季度，全市出口机电产品860亿元，其中工业机器人43亿元；工业机器人出口额是去年同期21.5亿元的2倍。",
     [("consistent", "sure", 2.0, 2.0)]),
    ("今年前三季度，全市出口机电产品860亿元，其中工业机器人43亿元；工业机器人出口额是去年同期21.5亿元的2.5倍。",
     [("inconsistent", "sure", 2.5, 2.0)]),
    # the subject named only inside a sum of two (A和B合计): not its level, no claim
    ("风电和水电合计装机9.6亿千瓦，占总装机的40%。水电装机是2015年3.2亿千瓦的1.5倍。", []),
])
def test_a_multiples_level_is_a_yearly_figure_or_the_one_its_subject_names(body, expect):
    assert _multiples(body) == expect


@pytest.mark.parametrize("body, expect", [
    ("全县线上销售额2.4亿元，比3年前的1.2亿元翻了一番。", [("consistent", "sure", 2.0, 2.0)]),
    ("全市充电桩保有量5.2万个，比上年的2.3万个翻了一番多。", [("consistent", "sure", 2.0, 2.26)]),
    ("一季度，景区接待游客30.4万人次，去年同期为15.2万人次，翻了一番。", [("consistent", "sure", 2.0, 2.0)]),
    # planted errors of the same shape
    ("全县线上销售额2.4亿元，比3年前的1.6亿元翻了一番。", [("inconsistent", "sure", 2.0, 1.5)]),
    ("一季度，景区接待游客40.4万人次，去年同期为15.2万人次，翻了一番。", [("inconsistent", "sure", 2.0, 2.66)]),
    # no base stated: no claim
    ("全县线上销售额2.4亿元，比3年前翻了一番。", []),
])
def test_a_doubling_in_words_against_a_base_the_sentence_states(body, expect):
    assert _multiples(body) == expect


# --- a dateline's day (3月11日电) is no part of a year -----------------------------------------------------

@pytest.mark.parametrize("body, expect", [
    ("本报南昌3月11日电 2025年，全省数字经济核心产业增加值占比达到9.46%，比上年提高0.31个百分点。"
     "2024年，全省数字经济核心产业增加值占比为9.15%。", [("consistent", "sure", 0.31, 0.31)]),
    ("本报南昌3月11日电 2025年，全省数字经济核心产业增加值占比达到9.46%，比上年提高0.41个百分点。"
     "2024年，全省数字经济核心产业增加值占比为9.15%。", [("inconsistent", "sure", 0.41, 0.31)]),
    # a real part of a year (1至5月) against last year's whole stays unpaired
    ("2025年1至5月，全省数字经济核心产业增加值占比达到9.46%，比上年提高0.31个百分点。"
     "2024年，全省数字经济核心产业增加值占比为9.15%。", []),
])
def test_a_datelines_day_is_not_a_period_of_the_year(body, expect):
    assert _changes(body) == expect
