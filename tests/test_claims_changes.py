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
