"""Stories, blocks, sentences and credits: the seed page and composed pages of the same tradition."""
from __future__ import annotations

import pytest

import newspage
from newspage.segment import classify, parse_credits, split_sentences


def cols(df, *names):
    return [tuple(r) for r in df[list(names)].itertuples(index=False)]


def test_seed_has_seven_items(seed_page):
    st = seed_page.stories
    assert cols(st, "story_id", "kind", "headline") == [
        ("s01", "article", "破“僵”焕新 盘活存量"),
        ("s02", "article", "新疆16个部门联合出台《措施》"),
        ("s03", "article", "新疆下放121项林草行政职权事项"),
        ("s04", "article", "首批农机购置补贴资金足额到位"),
        ("s05", "continuation", ""),
        ("s06", "photo", "智造争先"),
        ("s07", "article", "昌吉州牵头完成首个跨区域远程评标工程建设项目"),
    ]


def test_seed_header_fields(seed_page):
    st = seed_page.stories.set_index("story_id")
    assert st.loc["s01", "kicker"] == "高质量发展看昌吉 | 新视界·疆内新闻纵览"
    assert st.loc["s01", "subheadline"] == "——昌吉国家高新区盘活“僵尸企业”赋能经济高质量发展实践观察"
    assert st.loc["s02", "subheadline"] == "全面提升乡村医疗卫生服务能力"
    assert st.loc["s04", "kicker"] == "呼图壁县"
    assert st.loc["s07", "subheadline"] == "喀什地区、阿勒泰地区、克州协同配合 确保评标流程高效推进"
    assert st.loc["s07", "kicker"] == "聚力建设“典范营商环境”"


def test_seed_bylines_and_sources(seed_page):
    st = seed_page.stories
    assert cols(st, "byline", "source", "reporters") == [
        ("□本报记者 刘茜 通讯员 李晓旭", "本报", "记者:刘茜;通讯员:李晓旭"),
        ("据新疆日报报道", "新疆日报", ""),
        ("据新疆日报报道", "新疆日报", ""),
        ("本报讯 通讯员吾拉恩·巴合提努尔、王晓爽报道", "本报", "通讯员:吾拉恩·巴合提努尔;通讯员:王晓爽"),
        ("", "新华社", ""),
        ("□本报记者 何龙摄", "本报", "摄影:何龙"),
        ("本报讯 通讯员刘芳报道", "本报", "通讯员:刘芳"),
    ]
    s05 = st.set_index("story_id").loc["s05"]
    assert (s05["continued_from"], s05["dateline"]) == ("01版", "北京4月13日")


def test_seed_paragraph_kinds(seed_page):
    p = seed_page.paragraphs
    counts = p.groupby("story_id")["kind"].apply(lambda s: ",".join(s)).to_dict()
    assert counts["s05"] == "marker,heading,body,heading,body"
    assert counts["s06"] == "headline,caption,byline"
    assert list(seed_page.stories["n_paragraphs"]) == [12, 6, 5, 3, 4, 1, 4]


def test_sentences(seed_page):
    s = seed_page.sentences
    assert len(s) == 113
    first = s[s.para_id == "s01p09"]["text"].tolist()
    assert first[0].startswith("“眼下企业所有生产线") and first[0].endswith("预计全年产量可达5万吨。”")
    assert first[1].startswith("新疆云图水溶肥有限公司总经理林兴文介绍")
    assert split_sentences("他说：“好。”然后走了！最后……还有") == [(0, 7), (7, 12), (12, 16), (16, 18)]


@pytest.mark.parametrize("line, form", [
    ("(上接01版)", "marker"), ("（下转第3版）", "marker"),
    ("□本报记者 刘某 通讯员 李某", "byline"), ("本报记者 张某 报道", "byline"), ("□本报记者 某某摄", "byline"),
    ("——某某区推进改革实践观察", "subheadline"),
    ("六、优化发展环境", "heading"), ("(十八)优化支持政策", "heading"),
    ("某县首批补贴资金足额到位", "title"), ("稳增长，促发展", "title"),
    ("本报讯 近日，某县召开会议。", "body"), ("据某某日报报道 日前，某地印发措施。", "body"),
    ("(新华社北京4月13日电)", "source"), ("来源：人民日报", "source"),
    ("他说，今年要抓好三件事，一是稳就业，二是保民生。", "body"),
])
def test_classify(line, form):
    assert classify(line) == form


@pytest.mark.parametrize("byline, expected", [
    ("□本报记者 刘某 通讯员 李某某", [("刘某", "记者"), ("李某某", "通讯员")]),
    ("本报讯 通讯员吾某·巴某某、王某某报道", [("吾某·巴某某", "通讯员"), ("王某某", "通讯员")]),
    ("□本报记者 何某摄", [("何某", "摄影")]),
    ("(记者 张某 实习生 赵某某)", [("张某", "记者"), ("赵某某", "实习生")]),
    ("文/图 本报记者 孙某某", [("孙某某", "记者")]),
    ("本报讯 记者王某涛成都报道", [("王某涛", "记者")]),       # a name run on into the dateline place
])
def test_parse_credits(byline, expected):
    got = parse_credits(byline)
    assert [(n, r) for n, r, _, _ in got] == expected
    assert all(byline[s:e] == n for n, _, s, e in got)


COMPOSED = """\
要闻·本地

某市新建三座污水处理厂

——城市环境治理实践观察

□本报记者 王某某 通讯员 赵某

本月以来，某市新建三座污水处理厂，日处理能力达到5万吨，覆盖人口超过20万人。市住建局负责人表示，今年还将再建两座。

“我们会持续推进。”该负责人说。

某县

春耕备耕全面展开

本报讯 记者李某某报道：近日，某县春耕备耕全面展开，全县已储备化肥1.2万吨。

各乡镇组织农技人员深入田间地头，指导农户科学施肥。

外省新闻速览

据某某日报报道 某省日前印发意见，提出十条措施，支持民营经济发展。

(下转04版)

新华社北京5月1日电（记者 孙某 周某某）某部门1日发布数据，一季度全国快递业务量同比增长20%。
"""


def test_composed_page_every_form():
    page = newspage.read_page(text=COMPOSED)
    st = page.stories
    assert cols(st, "kicker", "headline", "subheadline", "source") == [
        ("", "某市新建三座污水处理厂", "——城市环境治理实践观察", "本报"),
        ("某县", "春耕备耕全面展开", "", "本报"),
        ("", "外省新闻速览", "", "某某日报"),
        ("", "", "", "新华社"),
    ]
    assert list(st["continued_to"]) == ["", "", "04版", ""]
    assert list(st["dateline"]) == ["", "", "", "北京5月1日"]
    assert cols(page.credits, "story_id", "name", "role") == [
        ("s01", "王某某", "记者"), ("s01", "赵某", "通讯员"), ("s02", "李某某", "记者"),
        ("s04", "孙某", "记者"), ("s04", "周某某", "记者")]
    assert list(st["n_paragraphs"]) == [2, 2, 1, 1]
    # the label alone at the top of the page is the page's section (issue 13), not the first story's kicker
    assert page.pages.iloc[0]["section"] == "要闻·本地"


def test_single_story_page_without_byline():
    page = newspage.read_page(text="某地举办农民丰收节\n\n9月23日，某地举办农民丰收节，吸引游客1万人次。活动持续3天。")
    assert cols(page.stories, "story_id", "headline", "byline", "source", "n_paragraphs") == [
        ("s01", "某地举办农民丰收节", "", "", 1)]
    assert len(page.sentences[page.sentences.para_id == "s01p02"]) == 2


def test_stories_without_bylines():
    text = ("简讯一则\n\n某县完成植树造林5万亩，成活率达到90%以上。\n\n"
            "简讯二则\n\n某镇新建卫生院一所，服务群众2万人，方便就医。\n\n"
            "简讯三则\n\n某乡修建道路10公里，惠及村民。")
    page = newspage.read_page(text=text)
    assert list(page.stories["headline"]) == ["简讯一则", "简讯二则", "简讯三则"]
    assert list(page.stories["byline"]) == ["", "", ""]
    assert list(page.stories["n_paragraphs"]) == [1, 1, 1]


def test_page_starting_with_body_and_hard_wrapped_lines():
    text = "市政府召开常务会议，研究部署下一阶段重点\n工作，会议强调要抓好安全生产，确保\n全年目标任务顺利完成。\n会议还研究了其他事项。"
    page = newspage.read_page(text=text)
    assert page.paragraphs["text"].tolist() == [
        "市政府召开常务会议，研究部署下一阶段重点工作，会议强调要抓好安全生产，确保全年目标任务顺利完成。",
        "会议还研究了其他事项。"]
    assert list(page.stories["headline"]) == [""]


# ---------------------------------------------------------------------------
# Forms met on other pages (tests/test_dev_pages.py measures whole pages)
# ---------------------------------------------------------------------------

def _page(text):
    return newspage.read_page(text=text)


def test_own_dateline_lead_in():
    p = _page("某市经济稳中有进\n\n本报上海5月3日电（记者 周某某）某市统计局3日发布数据，经济平稳。\n")
    st = p.stories.iloc[0]
    assert (st["byline"], st["source"], st["dateline"], st["reporters"]) == (
        "本报上海5月3日电（记者 周某某）", "本报", "上海5月3日", "记者:周某某")
    p = _page("某县召开会议\n\n本报某某讯（通讯员 李某）近日，某县召开会议。\n")
    assert tuple(p.stories.iloc[0][["byline", "source", "dateline"]]) == ("本报某某讯（通讯员 李某）", "本报", "某某")


def test_inline_continuation_marks():
    p = _page("某地产业加快发展\n\n本报讯 近日，某地产业加快发展。产值提高到60%以上。（下转第3版）\n\n"
              "另一条新闻标题在此\n\n本报讯 某县召开会议。\n")
    st = p.stories
    assert list(st["continued_to"]) == ["3版", ""]
    assert list(st["headline"]) == ["某地产业加快发展", "另一条新闻标题在此"]
    p = _page("（上接1版）会议指出，要加快发展。\n\n会议强调，要守住底线。\n")
    assert tuple(p.stories.iloc[0][["kind", "continued_from"]]) == ("continuation", "1版")
    assert len(p.stories) == 1


def test_masthead_lines_are_not_headlines():
    p = _page("某某日报\n\n2025年3月8日 星期六\n\n第5版 综合\n\n某县春耕生产全面展开\n\n本报讯 近日，某县春耕生产全面展开。\n")
    st = p.stories.iloc[0]
    assert st["headline"] == "某县春耕生产全面展开"
    # masthead and folio lines belong to the page (the pages table), not to the story's kicker (issue 13)
    assert st["kicker"] == ""
    assert list(p.paragraphs["kind"])[:4] == ["masthead", "masthead", "masthead", "headline"]
    # without a masthead the first long title line is still the headline
    p = _page("某县春耕生产全面展开\n\n本报讯 近日，某县春耕生产全面展开。\n")
    assert p.stories.iloc[0]["headline"] == "某县春耕生产全面展开"


def test_inline_photo_credit():
    body = "本报讯 近日，某县召开会议，部署重点工作。\n\n会议要求，各部门要抓好落实。\n\n"
    # after an article's body: its own photo item
    p = _page("某县部署重点工作\n\n" + body + "3月2日，工人在车间作业。（本报记者 张某某 摄）\n\n下一条新闻的标题\n\n本报讯 某地开会。\n")
    assert list(p.stories["kind"]) == ["article", "photo", "article"]
    ph = p.stories.iloc[1]
    assert (ph["headline"], ph["byline"], ph["source"], ph["reporters"]) == ("", "（本报记者 张某某 摄）", "本报", "摄影:张某某")
    assert list(p.paragraphs[p.paragraphs.story_id == "s02"]["kind"]) == ["caption"]
    # a captioned photo with a title
    p = _page("春耕忙\n\n3月2日，农民在田间播种。（新华社记者 王某 摄）\n")
    st = p.stories.iloc[0]
    assert (st["kind"], st["headline"], st["source"], st["reporters"]) == ("photo", "春耕忙", "新华社", "摄影:王某")
    # not a credit: brackets that do not end with 摄
    p = _page("某县部署重点工作\n\n" + body + "会议由某某主持（某县县长）。\n")
    assert list(p.stories["kind"]) == ["article"]


def test_page_credit_line_is_no_story():
    p = _page("某县部署重点工作\n\n本报讯 近日，某县召开会议。\n\n责任编辑：王某 版式：李某\n")
    assert len(p.stories) == 1
    assert p.stories.iloc[0]["byline"] == "本报讯"
    assert list(p.paragraphs["kind"]) == ["headline", "body", "credit"]
    assert classify("编辑：王某") == "credit"
    assert classify("本报记者 王某") == "byline"


def test_spaced_two_character_name():
    p = _page("某县部署重点工作\n\n本报记者　黄　磊\n\n近日，某县召开会议。\n")
    c = p.credits.iloc[0]
    assert (c["name"], c["role"], c["surface"]) == ("黄磊", "记者", "黄 磊")
    assert p.stories.iloc[0]["reporters"] == "记者:黄磊"
    assert parse_credits("记者 王 丹 实习生 林悦") == [("王丹", "记者", 3, 6), ("林悦", "实习生", 11, 13)]


def test_line_after_open_clause_is_not_a_headline():
    # a hard line break left a short line without punctuation after a comma
    p = _page("地铁建设全面提速\n\n本报讯 九条线路已全部开工，总里程约一百公里。其中，\n\n"
              "四号线二期、十号线一期预计年底前开通\n\n运营。\n")
    assert len(p.stories) == 1
    assert list(p.paragraphs["kind"]) == ["headline", "body", "body", "body"]


def test_traditional_characters_read_through_a_shadow():
    p = _page("某市經濟穩中向好\n\n【本報訊】記者王某某報道：近日，某市統計局公佈數據。\n")
    st = p.stories.iloc[0]
    assert (st["headline"], st["byline"], st["source"]) == ("某市經濟穩中向好", "【本報訊】記者王某某報道", "本报")
    c = p.credits.iloc[0]
    assert (c["name"], c["role"], c["surface"]) == ("王某某", "記者".translate({ord("記"): "记"}), "王某某")
    assert p.paragraphs.iloc[1]["text"].startswith("【本報訊】")


def test_traditional_credit_run_into_place():
    page = newspage.read_page(text="某市舉辦展覽\n\n本報訊 記者陳某明廣州報道：近日，某市舉辦展覽，吸引觀眾1萬人次。")
    assert [(r.name, r.role, r.surface) for r in page.credits.itertuples()] == [("陳某明", "记者", "陳某明")]
