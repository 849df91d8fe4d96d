"""Compose an archive of distinct, arithmetically CORRECT newspaper pages for benchmarks and tests.

    python bench/make_archive.py OUT [-n 3000] [--seed 1]

Writes ``OUT/<paper>/<YYYY>/<MMDD>/<NN>.txt`` (UTF-8, laid out like the seed page: blocks separated
by a blank line, a masthead with paper, date, 星期, 第N版 and section) and ``OUT/manifest.json``,
which says what every page holds: its paper, date, page number, section, SHA-256, its stories (where
each comes from) and the claims of the stories composed here, with their stated and recomputed
values.  The same seed gives the same bytes; page i does not depend on how many pages follow it.

Material, all the project's own:

* stories of the composed corpus's development half (``tests/data/corpus/dev/``, when present; its
  ``.txt`` pages are correct as written: plants are applied only to copies), split at the headlines
  its JSON lists;
* stories of the seed page and of the composed test pages under ``tests/data/dev_pages/`` (formerly
  ``unseen/``; written for the quantities and dates tests, no arithmetic error) and
  ``tests/data/dev_claims/`` (formerly ``heldout_claims/``; its deliberate errors are corrected here
  first, see ``CORRECTIONS``);
* story templates written here whose numbers are drawn at random with the arithmetic kept correct:
  totals are computed from the parts as printed, rates and shares from the part and the whole as
  printed, rounded half up to the printed decimals the way papers round.

No arithmetic error anywhere: a claims benchmark may count every ``inconsistent`` verdict on these
pages as a false alarm.  ``tests/data/corpus/heldout/`` is never read.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, getcontext
from pathlib import Path

getcontext().prec = 34

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GENERATOR_VERSION = 2  # bump when the same seed would give other pages

# ---------------------------------------------------------------------------
# Corrections of the deliberate errors of tests/data/dev_claims (each find occurs once).
# The corrected figure is recomputed by hand from the page's own inputs.
# ---------------------------------------------------------------------------
CORRECTIONS = {
    "a_city_bulletin.txt": [
        ("乡村人口152.2万人", "乡村人口154.2万人"),          # 332.1 + 154.2 = 486.3; 332.1 / 486.3 = 68.29% (68.3%)
        ("占比达到42.9%", "占比达到40.9%"),                  # 583 / 1426 = 40.88%
        ("比上年下降0.3%", "比上年下降0.3个百分点"),          # 5.2% → 4.9% is 0.3 points
    ],
    "b_county_farming.txt": [
        ("增长18.4%", "增长16.4%"),                          # 13085 / 11240 = +16.41%
        ("风险消除率78.6%", "风险消除率74.6%"),              # 318 / 426 = 74.65%
        ("剩余0.85万亩", "剩余0.75万亩"),                    # 3.2 − 2.45 = 0.75
    ],
    "c_industrial_park.txt": [
        ("同比增长24.5%", "同比增长19.1%"),                  # 38.6 / 32.4 = +19.14%
        ("共有员工2860人", "共有员工2880人"),                # 420 + 2150 + 310 = 2880
    ],
    "d_education_health.txt": [
        ("生师比为16.5:1", "生师比为14.4:1"),                # 28600 / 1980 = 14.44
        ("提高了1.9%", "提高了1.9个百分点"),                  # 93.2% → 95.1% is 1.9 points
        ("健康管理率76.2%", "健康管理率74.0%"),              # 3.05 / 4.12 = 74.03%
    ],
}

# Where each story of the seed page starts (its first block); the seed's JSON lists no headlines.
SEED_STARTS = ["高质量发展看昌吉", "新疆16个部门联合出台《措施》", "新疆下放121项林草行政职权事项",
               "呼图壁县", "(上接01版)", "智造争先", "昌吉州牵头完成首个跨区域远程评标工程建设项目"]

# ---------------------------------------------------------------------------
# Papers (invented), their places and sections
# ---------------------------------------------------------------------------
PAPERS = [
    {"name": "江州日报", "slug": "jiangzhou-daily", "city": "江州市", "counties": ["清溪县", "石岭县", "云溪县"], "pages": 8},
    {"name": "北湖晚报", "slug": "beihu-evening", "city": "北湖市", "counties": ["柳塘县", "平湾县"], "pages": 12},
    {"name": "明川日报", "slug": "mingchuan-daily", "city": "明川市", "counties": ["白沙县", "安河县", "凤岗县"], "pages": 8},
    {"name": "今日南屏", "slug": "jinri-nanping", "city": "南屏县", "counties": [], "pages": 4},
    {"name": "丰安农民报", "slug": "fengan-farmers", "city": "丰安市", "counties": ["禾丰县", "桑园县"], "pages": 8},
    {"name": "东陵经济报", "slug": "dongling-economic", "city": "东陵市", "counties": ["金滩县", "长宁县"], "pages": 8},
]
SECTIONS = {1: ["要闻"], 2: ["要闻", "综合"], 3: ["经济", "财经"], 4: ["民生", "社会"], 5: ["农业农村", "乡村振兴"],
            6: ["综合", "区县"], 7: ["文化", "教育"], 8: ["专题", "综合"], 9: ["城市"], 10: ["产业"], 11: ["文旅"], 12: ["综合"]}
WEEKDAYS = "一二三四五六日"
FIRST_DAY, LAST_DAY = dt.date(2023, 1, 1), dt.date(2025, 12, 31)

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田萧潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国明华伟芳敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英志红春梅海燕晓玲云峰宇鹏晨雪琳婷欣怡浩然子涵思远嘉瑞文博立新永胜德福玉兰家宁凤鸣秋实雨彤金花国庆振兴维学东海朝阳书铭"
VILLAGE_A = "柳杨桃李梨枣杏松槐竹荷"
VILLAGE_B = "树园湾坪沟庄河岭塘坝"
COMPANY_A = ["恒达", "瑞丰", "华信", "宏远", "金诚", "新源", "泰和", "润通", "卓越", "天成", "博远", "鑫隆"]
COMPANY_B = ["新能源科技", "智能装备", "食品", "纺织", "新材料", "生物科技", "农业开发", "精密制造", "电子科技", "包装材料"]


# ---------------------------------------------------------------------------
# numbers: printed the way papers print them, claims recomputed from the printed figures
# ---------------------------------------------------------------------------

def q(x, nd: int) -> Decimal:
    """Round half up to ``nd`` decimals (papers round 69.65 to 69.7)."""
    return Decimal(x).quantize(Decimal(1).scaleb(-nd), rounding=ROUND_HALF_UP)


def s(x: Decimal) -> str:
    """A printed figure without trailing zeros (12.50万亩 is printed 12.5万亩).

    Dropping a rate's trailing zero is safe: a value that rounds to 75.0 at one decimal also rounds
    to 75 at none, so the printed figure still holds."""
    return format(x.normalize(), "f")


def uni(rng: random.Random, lo, hi, nd: int) -> Decimal:
    return q(Decimal(str(rng.uniform(float(lo), float(hi)))), nd)


def verdict(stated: Decimal, computed: Decimal) -> list[str]:
    return ["consistent"] if stated == computed else ["rounding"]


def num(x: Decimal) -> float | int:
    return int(x) if x == x.to_integral_value() else float(x)


@dataclass
class Story:
    source: str                      # "template:projects", "seed:…", "test_pages:…", "test_claims:…", "dev:…"
    blocks: list[str]
    headline: str
    claims: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)


@dataclass
class Ctx:
    rng: random.Random
    date: dt.date
    place: str          # 江州市 / 清溪县
    paper: dict
    used: set = field(default_factory=set)   # filler paragraphs already on this page

    @property
    def lvl(self) -> str:          # 市 or 县
        return self.place[-1]

    @property
    def short(self) -> str:
        return self.place[:-1]

    @property
    def year(self) -> int:
        return self.date.year

    def person(self) -> str:
        r = self.rng
        given = "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))
        return r.choice(SURNAMES) + given

    def village(self) -> str:
        return self.rng.choice(VILLAGE_A) + self.rng.choice(VILLAGE_B) + "村"

    def company(self) -> str:
        return f"{self.short}{self.rng.choice(COMPANY_A)}{self.rng.choice(COMPANY_B)}有限公司"

    def recent_day(self) -> str:
        d = self.date - dt.timedelta(days=self.rng.randint(1, 5))
        return f"{d.month}月{d.day}日"

    def period(self) -> tuple[str, str]:
        """(the period the figures cover, the comparison word): 今年一季度 / 同比, or 去年 / 比上年."""
        m = self.date.month - 1
        if m < 2:
            return f"{self.year - 1}年", "比上年"
        name = {3: "一季度", 6: "上半年", 9: "前三季度"}.get(m, f"1—{m}月")
        return f"今年{name}", "同比"

    def byline(self) -> tuple[list[str], str]:
        """Blocks to put before the body and a lead-in to put before its first paragraph."""
        r, a, b = self.rng, self.person(), self.person()
        form = r.randrange(4)
        if form == 0:
            return [f"□本报记者 {a} 通讯员 {b}"], ""
        if form == 1:
            return [], f"本报讯（记者 {a}）"
        if form == 2:
            return [], f"本报讯 通讯员{b}报道："
        return [f"□本报记者 {a}"], ""


def claim(relation, cls, excerpt, stated_surface, stated, computed, formula) -> dict:
    return {"relation": relation, "class": cls, "excerpt": excerpt, "stated_surface": stated_surface,
            "stated": num(stated), "computed": num(q(computed, 6)) if computed != computed.to_integral_value() else num(computed),
            "formula": formula, "verdict": verdict(stated, computed) if relation != "count" else ["consistent"]}


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * 100


# Paragraphs without figures that lengthen a template story the way reporting does (scene, voice,
# background).  Placeholders: {place} {lvl} {short} {person} {village} {company}.
FILLERS = {
    "general": [
        "记者在采访中了解到，这项工作从年初开始谋划，{place}先后召开多次专题会议研究部署，明确责任分工和时间节点，层层压实责任。",
        "“我们把群众满意不满意作为检验工作的标准。”{place}有关负责人{person}说，工作推进过程中，坚持问需于民、问计于民，及时回应群众关切。",
        "为确保各项举措落地见效，{place}建立了定期通报和跟踪问效机制，对进度滞后的单位及时督促提醒，推动工作按计划有序推进。",
        "基层干部{person}告诉记者，政策宣传是关键一环。工作人员走村入户、逐一讲解，还通过微信群、大喇叭等方式让群众应知尽知。",
        "在{village}，记者遇到了正在忙碌的村民{person}。谈起这几年的变化，他笑着说：“日子一年比一年好，干劲也越来越足了。”",
        "下一步，{place}将总结推广好的经验做法，查找短板弱项，完善长效机制，推动相关工作提质增效，让发展成果更多更公平惠及群众。",
        "专家认为，{short}的探索具有一定示范意义：立足自身资源禀赋，找准发力点，把政策优势转化为发展优势，值得其他地方借鉴。",
        "据了解，相关部门还将组织开展“回头看”，对前期工作进行全面梳理，发现问题及时整改，确保工作质量经得起检验。",
    ],
    "economy": [
        "今年以来，{place}坚持稳中求进工作总基调，统筹推进扩大内需和深化供给侧结构性改革，出台一系列稳经济促发展政策措施，政策效应持续释放。",
        "金融支持实体经济力度加大，各项贷款余额稳步增长，制造业中长期贷款和普惠小微贷款增势较好，企业综合融资成本稳中有降。",
        "{place}发展改革部门负责人{person}表示，下阶段将紧盯全年目标任务，加力提效实施各项政策，着力扩大有效需求，推动经济持续回升向好。",
        "从需求端看，消费市场稳步回暖，重点商圈客流明显增加，新能源汽车、绿色智能家电等升级类商品销售较快增长，线上零售保持活跃。",
        "从供给端看，工业生产总体平稳，装备制造、新材料等新兴产业增势良好，规模以上工业企业产销衔接水平保持在较高区间。",
        "{place}相关部门持续开展“入企走访”活动，帮助企业协调解决融资、用工、物流等方面的困难，推动惠企政策直达快享。",
        "业内人士分析认为，{short}经济恢复向好的基础仍需巩固，外部环境复杂多变，部分行业和企业经营压力仍然较大，需要持续发力稳预期、强信心。",
        "在{company}，订单饱满的生产线正开足马力运转。企业负责人{person}说，近期新接订单明显增多，企业正加紧招聘技术工人。",
    ],
    "agriculture": [
        "眼下，{village}的合作社里一片忙碌，分拣、包装、装车，各道工序有条不紊。合作社理事长{person}说，统一品牌、统一标准以后，产品价格比过去高出不少。",
        "{place}把高标准农田建设作为保障粮食安全的重要抓手，集中连片推进土地平整、土壤改良、灌溉排水和田间道路建设，农田抗灾能力明显增强。",
        "农业社会化服务组织也在发挥作用。从耕、种、防到收，农户可以“点单”购买服务，外出务工的农民也能把地种好。",
        "走进{village}，连片的农田平整肥沃，田间道路纵横交错，灌溉渠系配套完善，大型农机在田间来回作业，一派繁忙景象。",
        "为确保颗粒归仓，{place}组织农机手开展跨区作业，农技人员深入田间地头，指导农户做好晾晒、烘干和储存，减少产后损失。",
        "{place}农业农村局还组织专家开展病虫害统防统治，推广测土配方施肥、水肥一体化等技术，良种良法良机配套更加成熟。",
        "种粮大户{person}流转了村里的土地，购置了收割机和烘干设备。“现在种地靠科技，收成有保障，心里踏实。”他说。",
        "与此同时，{short}积极发展农产品加工和冷链物流，延长产业链条，让农民更多分享产业增值收益。",
    ],
    "projects": [
        "“我们实行倒排工期、挂图作战，确保每个节点按时完成。”{company}项目经理{person}指着施工进度图说，目前主体工程已进入关键阶段。",
        "围绕产业链补链延链强链，{place}精准开展招商引资，一批投资规模大、带动能力强的产业项目相继签约落地。",
        "为加快项目建设，{place}建立重点项目领导包联制度，实行“一个项目、一名领导、一个专班”，定期调度、现场办公，协调解决堵点难点。",
        "在审批环节，{place}推行“容缺受理”“并联审批”，项目从立项到开工的时间大幅压缩，企业少跑腿、项目早落地。",
        "施工现场，各类工程机械有序作业，安全标识醒目。项目技术负责人{person}介绍，工地实行智慧化管理，扬尘、噪音实时监测。",
        "{place}有关负责人表示，将坚持“以项目论英雄”，强化要素保障，推动项目早开工、早投产、早见效。",
    ],
    "social": [
        "服务质量也在提升。{place}组织业务骨干下沉基层，开展结对帮扶和业务培训，推动优质资源向乡镇和村一级延伸。",
        "{person}是{village}的一名网格员，每天都要走访辖区群众。她说，群众有什么急难愁盼，第一时间记下来、报上去、跟到底。",
        "在{short}，一批民生项目正在加紧推进。相关部门负责人表示，将坚持尽力而为、量力而行，一件事情接着一件事情办，一年接着一年干。",
        "为把好事办好、实事办实，{place}建立民生实事项目群众评议机制，从方案制定到竣工验收，全程听取群众意见。",
        "记者在{village}看到，新建的综合服务站窗明几净，老人们在活动室里下棋聊天，工作人员耐心为前来办事的群众答疑解惑。",
        "“过去办事要跑好几趟，现在在家门口就能办好。”村民{person}说，这些年身边的变化看得见、摸得着。",
        "{place}还将相关工作纳入年度目标考核，定期开展督导检查，确保各项惠民举措落地见效、惠及群众。",
    ],
    "environment": [
        "{place}生态环境局执法人员介绍，今年以来持续开展重点行业专项执法检查，对违法排污行为保持高压态势，督促企业落实治污主体责任。",
        "在{village}附近的河道旁，新建的生态缓冲带绿意盎然，白鹭在水面上翩翩起舞。村民{person}说，小时候的清水河又回来了。",
        "业内专家指出，生态环境改善成效尚不稳固，需要坚持精准治污、科学治污、依法治污，持续巩固提升治理成效。",
        "清晨的{short}城区，天空湛蓝，空气清新，不少市民在公园里晨练、散步。市民{person}说，出门看到蓝天白云的日子越来越多了。",
        "{place}持续推进工业企业深度治理，加强建筑工地扬尘管控和道路保洁，开展柴油货车污染治理，推动空气质量稳步改善。",
        "在流域治理方面，{place}全面落实河湖长制，实施入河排污口排查整治和河道生态修复，河流生态环境明显好转。",
    ],
    "enterprise": [
        "走进{company}的智能车间，自动化设备有序运转，工人们通过数字化系统实时掌握生产进度。企业负责人说，数字化改造后生产效率明显提升。",
        "为更好服务企业，{place}建立“企业服务专员”制度，专员定期上门了解诉求，做到企业有需必应、无事不扰。",
        "金融机构也在积极创新产品，推出“科创贷”“订单贷”等信贷产品，帮助轻资产的科技型企业解决融资难题。",
        "{company}的展厅里，陈列着企业自主研发的各类新产品。技术总监{person}介绍，企业每年将相当比重的收入投入研发，与高校合作开展关键技术攻关。",
        "{place}出台支持科技创新的系列政策，对企业研发投入给予奖补，建设科技企业孵化器和众创空间，培育了一批专精特新企业。",
        "企业负责人表示，良好的营商环境是企业安心发展的底气，政府部门主动上门服务，帮助企业解决了不少实际困难。",
        "“我们瞄准细分市场，坚持做精做专。”{person}说，企业产品已进入多家行业龙头企业的供应链。",
    ],
}


def fill(ctx: "Ctx", topic: str, paras: list[str], lo: int = 3, hi: int = 6) -> list[str]:
    """Insert lo..hi figure-free paragraphs of ``topic`` before the story's last paragraph."""
    free = [f for f in FILLERS[topic] + FILLERS["general"] if f not in ctx.used]
    pool = ctx.rng.sample(free, min(len(free), ctx.rng.randint(lo, hi)))
    ctx.used.update(pool)
    extra = [f.format(place=ctx.place, lvl=ctx.lvl, short=ctx.short, person=ctx.person(), village=ctx.village(),
                      company=ctx.company()) for f in pool]
    return paras[:-1] + extra + paras[-1:]


def compose(ctx: Ctx, titles: list[str], paras: list[str], claims: list[dict], source: str, topic: str) -> Story:
    """Titles, byline, body; each claim's excerpt is checked to lie in the story."""
    pre, lead = ctx.byline()
    paras = fill(ctx, topic, list(paras))
    paras[0] = lead + paras[0]
    blocks = titles + pre + paras
    story = Story(source, blocks, next(t for t in titles if not t.startswith("——")), claims)
    text = story.text
    for c in claims:
        assert c["excerpt"] in text, (source, c["excerpt"])
    return story


# ---------------------------------------------------------------------------
# Story templates.  Each draws its numbers, derives every stated figure from the printed inputs,
# and returns the story with its claims.
# ---------------------------------------------------------------------------

def t_economy(ctx: Ctx) -> Story:
    r = ctx.rng
    period, cmp_ = ctx.period()
    prev = uni(r, 300, 3200, 1)
    gdp = q(prev * (1 + Decimal(str(r.uniform(0.03, 0.085)))), 1)
    growth = q(pct(gdp - prev, prev), 1)
    a = q(gdp * Decimal(str(r.uniform(0.05, 0.16))), 1)
    b = q(gdp * Decimal(str(r.uniform(0.30, 0.45))), 1)
    c = gdp - a - b
    share = q(pct(c, gdp), 1)
    retail, inv_g, retail_g = uni(r, 80, 900, 1), uni(r, 2, 12, 1), uni(r, 3, 9, 1)
    official = ctx.person()
    s1 = f"{period}全{ctx.lvl}实现地区生产总值{s(gdp)}亿元，{cmp_}增长{s(growth)}%"
    s2 = f"第一产业增加值{s(a)}亿元，第二产业增加值{s(b)}亿元，第三产业增加值{s(c)}亿元"
    s3 = f"第三产业增加值占地区生产总值的比重为{s(share)}%"
    paras = [
        f"{ctx.recent_day()}，记者从{ctx.place}统计局获悉，{period}全{ctx.lvl}经济运行总体平稳、稳中有进，主要指标保持在合理区间。",
        f"初步核算，{s1}，上年同期为{s(prev)}亿元。分产业看，{s2}，{s3}。",
        f"固定资产投资增长{s(inv_g)}%，其中工业投资保持较快增长。社会消费品零售总额{s(retail)}亿元，增长{s(retail_g)}%，"
        f"餐饮、住宿等接触型消费恢复明显。",
        f"“从主要指标看，全{ctx.lvl}经济回升向好的态势进一步巩固。”{ctx.place}统计局副局长{official}说，"
        f"下一步将加强经济运行监测分析，为决策提供及时准确的统计信息。",
    ]
    claims = [
        claim("change", "change: growth rate with the prior level stated", s1 + f"，上年同期为{s(prev)}亿元", f"{s(growth)}%",
              growth, pct(gdp - prev, prev), f"({s(gdp)} - {s(prev)}) / {s(prev)} × 100"),
        claim("sum", "sum: a total before the parts", s2, f"{s(gdp)}亿元", gdp * 10 ** 8, (a + b + c) * 10 ** 8,
              f"{s(a)}亿 + {s(b)}亿 + {s(c)}亿"),
        claim("share", "rate: 占…的比重 with the whole stated earlier", s3, f"{s(share)}%", share, pct(c, gdp),
              f"{s(c)} / {s(gdp)} × 100"),
    ]
    head = r.choice([f"{period}{ctx.short}经济运行稳中向好", f"{ctx.short}经济持续回升向好", f"{period}全{ctx.lvl}地区生产总值增长{s(growth)}%"])
    titles = [head] + ([f"——{ctx.place}统计局发布主要经济指标"] if r.random() < 0.5 else [])
    if head.endswith("%"):
        claims.append(claim("repeat", "repeat: a headline figure against the body's", head, f"{s(growth)}%", growth, growth,
                            "headline = body"))
    return compose(ctx, titles, paras, claims, "template:economy", "economy")


def t_grain(ctx: Ctx) -> Story:
    r = ctx.rng
    year = ctx.year - 1 if ctx.date.month < 10 else ctx.year
    when = f"{year}年" if year != ctx.year else "今年"
    wheat, corn, rice = uni(r, 10, 80, 2), uni(r, 10, 90, 2), uni(r, 2, 40, 2)
    area = wheat + corn + rice
    y_true = Decimal(str(r.uniform(380, 520)))
    out = q(area * 10 ** 4 * y_true / 1000 / 10 ** 4, 2)        # 万吨
    yld = q(out * 10 ** 7 / (area * 10 ** 4), 1)                # 公斤/亩
    inc = q(out * Decimal(str(r.uniform(0.01, 0.06))), 2)
    g = q(pct(inc, out - inc), 1)
    base = ctx.person()
    s1 = f"全{ctx.lvl}粮食播种面积{s(area)}万亩，其中小麦{s(wheat)}万亩、玉米{s(corn)}万亩、水稻{s(rice)}万亩"
    s2 = f"粮食总产量{s(out)}万吨，平均亩产{s(yld)}公斤"
    s3 = f"比上年增产{s(inc)}万吨，增长{s(g)}%"
    paras = [
        f"{when}，{ctx.place}坚持藏粮于地、藏粮于技，粮食生产再获丰收。据统计，{s1}。",
        f"{s2}，{s3}，实现面积、单产、总产“三增”。",
        f"在{ctx.village()}的高标准农田里，种粮大户{base}算了一笔账：“统一供种、统一机收以后，每亩地能省下七八十元成本。”",
        f"{ctx.place}农业农村局相关负责人介绍，下一步将继续推进高标准农田建设，稳定粮食播种面积，确保粮食生产稳中有增。",
    ]
    claims = [
        claim("sum", "sum: a total before 其中", s1, f"{s(area)}万亩", area * 10 ** 4, (wheat + corn + rice) * 10 ** 4,
              f"{s(wheat)}万 + {s(corn)}万 + {s(rice)}万"),
        claim("average", "average: 平均亩产 with 吨↔公斤", s2, f"{s(yld)}公斤", yld, out * 10 ** 7 / (area * 10 ** 4),
              f"{s(out)}万吨 × 1000 / {s(area)}万亩"),
        claim("change", "change: an increment and a rate not paired", s3, f"{s(g)}%", g, pct(inc, out - inc),
              f"{s(inc)} / ({s(out)} - {s(inc)}) × 100"),
    ]
    titles = [r.choice([f"{ctx.short}粮食生产再获丰收", f"{ctx.short}粮食总产{s(out)}万吨", "稳面积 提单产 粮食丰收有保障"])]
    if titles[0].endswith("万吨"):
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{s(out)}万吨", out * 10 ** 4,
                            out * 10 ** 4, "headline = body"))
    return compose(ctx, titles, paras, claims, "template:grain", "agriculture")


def t_projects(ctx: Ctx) -> Story:
    r = ctx.rng
    n = r.randint(40, 260)
    k = r.randint(n // 2, n - 3)
    rate = q(pct(Decimal(k), Decimal(n)), 1)
    plan = uni(r, 60, 600, 1)
    done = q(plan * Decimal(str(r.uniform(0.35, 0.85))), 1)
    share = q(pct(done, plan), 1)
    m = max(ctx.date.month - 1, 1)
    months = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    s1 = f"已开工{k}个，开工率{s(rate)}%"
    s2 = f"完成投资{s(done)}亿元，占年度计划投资的{s(share)}%"
    s3 = f"剩余{n - k}个项目"
    paras = [
        f"今年，{ctx.place}共安排重点项目{n}个，年度计划投资{s(plan)}亿元。截至{m}月底，{s1}；{s2}。",
        f"“项目建设是稳增长的‘压舱石’。”{ctx.place}发展改革委主任{ctx.person()}介绍，"
        f"{s3}正在加快办理用地、环评等前期手续，力争{months[min(m + 1, 11)]}月底前全部开工。",
        f"在{ctx.company()}的新厂区，塔吊林立、机器轰鸣，工人们正在抢抓工期。项目负责人说，项目建成后可新增就业岗位数百个。",
    ]
    claims = [
        claim("rate", "rate: a plain 率 (开工率) over part and whole", f"共安排重点项目{n}个，年度计划投资{s(plan)}亿元。截至{m}月底，{s1}",
              f"{s(rate)}%", rate, pct(Decimal(k), Decimal(n)), f"{k} / {n} × 100"),
        claim("share", "rate: 占…的R% with the whole stated earlier", s2, f"{s(share)}%", share, pct(done, plan),
              f"{s(done)} / {s(plan)} × 100"),
        claim("difference", "difference: 剩余 against a planned total", s3, f"{n - k}个", Decimal(n - k), Decimal(n - k),
              f"{n} - {k}"),
    ]
    titles = [r.choice([f"{ctx.short}重点项目建设跑出“加速度”", "抓项目 促投资 稳增长", f"{ctx.short}{n}个重点项目加速推进"])]
    return compose(ctx, titles, paras, claims, "template:projects", "projects")


def t_subsidy(ctx: Ctx) -> Story:
    r = ctx.rng
    area = uni(r, 5, 90, 2)            # 万亩
    rate = Decimal(r.choice([48, 52, 55, 60, 65, 72, 80, 95, 105]))
    total = area * rate                # 万元: 万亩 × 元/亩 = 万元
    hh = r.randint(8000, 90000)
    per = q(total * 10 ** 4 / hh, 0)
    village = ctx.village()
    s1 = f"补贴面积{s(area)}万亩，每亩补贴{rate}元，共发放补贴资金{s(total)}万元"
    s2 = f"惠及农户{hh}户，户均{s(per)}元"
    paras = [
        f"{ctx.recent_day()}，{ctx.place}{ctx.rng.choice(['耕地地力保护补贴', '实际种粮农民一次性补贴'])}全部发放到位。{s1}，{s2}。",
        f"补贴资金通过“一卡通”直接发放到农户账户，做到公开透明、精准到户。{village}村民{ctx.person()}说：“钱一到账，手机就收到了短信，买化肥的钱有着落了。”",
        f"{ctx.place}财政局有关负责人表示，将加强补贴资金监管，严禁截留、挤占、挪用，确保惠农政策落到实处。",
    ]
    claims = [
        claim("average", "average: total = count × price", s1, f"{s(total)}万元", total * 10 ** 4, area * rate * 10 ** 4,
              f"{s(area)}万亩 × {rate}元"),
        claim("average", "average: 户均 against totals stated earlier", f"共发放补贴资金{s(total)}万元，{s2}", f"{s(per)}元", per,
              total * 10 ** 4 / hh, f"{s(total)}万 / {hh}"),
    ]
    titles = [r.choice([f"{s(total)}万元惠农补贴发放到户", "惠农补贴直达农户", f"{ctx.short}发放耕地补贴{s(total)}万元"])]
    if s(total) in titles[0]:
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{s(total)}万元",
                            total * 10 ** 4, total * 10 ** 4, "headline = body"))
    return compose(ctx, titles, paras, claims, "template:subsidy", "agriculture")


def t_trade(ctx: Ctx) -> Story:
    r = ctx.rng
    period, cmp_ = ctx.period()
    exp = uni(r, 20, 600, 1)
    imp = q(exp * Decimal(str(r.uniform(0.3, 0.9))), 1)
    tot = exp + imp
    surplus = exp - imp
    prev = q(tot / Decimal(str(r.uniform(1.02, 1.15))), 1)
    g = q(pct(tot - prev, prev), 1)
    pm = q(tot * Decimal(str(r.uniform(0.45, 0.8))), 1)
    share = q(pct(pm, tot), 1)
    s1 = f"全{ctx.lvl}外贸进出口总值{s(tot)}亿元，上年同期为{s(prev)}亿元，{cmp_}增长{s(g)}%"
    s2 = f"其中，出口{s(exp)}亿元，进口{s(imp)}亿元，贸易顺差{s(surplus)}亿元"
    s3 = f"民营企业进出口{s(pm)}亿元，占全{ctx.lvl}外贸总值的{s(share)}%"
    paras = [
        f"记者从海关部门获悉，{period}，{s1}。{s2}。",
        f"从经营主体看，{s3}，民营企业外贸“主力军”作用持续显现。机电产品、劳动密集型产品出口保持增长，农产品进口较快增长。",
        f"“我们今年的订单已经排到了年底。”{ctx.company()}外贸部经理{ctx.person()}说，企业积极开拓共建“一带一路”国家市场，新兴市场订单占比明显提升。",
    ]
    claims = [
        claim("change", "change: growth rate with the prior level stated", s1, f"{s(g)}%", g, pct(tot - prev, prev),
              f"({s(tot)} - {s(prev)}) / {s(prev)} × 100"),
        claim("sum", "sum: a total before 其中", f"外贸进出口总值{s(tot)}亿元 … 出口{s(exp)}亿元，进口{s(imp)}亿元", f"{s(tot)}亿元",
              tot * 10 ** 8, (exp + imp) * 10 ** 8, f"{s(exp)}亿 + {s(imp)}亿"),
        claim("difference", "difference: 顺差/逆差/净 (receipts minus payments)", s2, f"{s(surplus)}亿元", surplus * 10 ** 8,
              (exp - imp) * 10 ** 8, f"{s(exp)}亿 - {s(imp)}亿"),
        claim("share", "rate: 占全市总值的R% with the whole stated earlier", s3, f"{s(share)}%", share, pct(pm, tot),
              f"{s(pm)} / {s(tot)} × 100"),
    ]
    claims[1]["excerpt"] = s2  # the clause of the parts; the total is in the sentence before
    titles = [r.choice([f"{period}{ctx.short}外贸进出口增长{s(g)}%", "外贸稳中提质 民企挑起大梁", f"{ctx.short}外贸进出口总值{s(tot)}亿元"])]
    if titles[0].endswith("%") or s(tot) in titles[0]:
        st = g if titles[0].endswith("%") else tot * 10 ** 8
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0],
                            f"{s(g)}%" if titles[0].endswith("%") else f"{s(tot)}亿元", st, st, "headline = body"))
    return compose(ctx, titles, paras, claims, "template:trade", "economy")


def t_jobs(ctx: Ctx) -> Story:
    r = ctx.rng
    target = uni(r, 1, 9, 1)
    done = q(target * Decimal(str(r.uniform(0.55, 1.12))), 2)
    comp = q(pct(done, target), 1)
    u0 = uni(r, 4.2, 5.8, 1)
    u = u0 - Decimal(r.choice(["0.1", "0.2", "0.3", "0.4"]))
    d = u0 - u
    train = uni(r, 1, 12, 2)
    mig = q(train * Decimal(str(r.uniform(0.3, 0.7))), 2)
    share = q(pct(mig, train), 1)
    s1 = f"全{ctx.lvl}城镇新增就业{s(done)}万人，完成年度目标任务的{s(comp)}%"
    s2 = f"城镇调查失业率为{s(u)}%，比上年同期下降{s(d)}个百分点"
    s3 = f"开展职业技能培训{s(train)}万人次，其中农民工{s(mig)}万人次，占{s(share)}%"
    paras = [
        f"今年，{ctx.place}确定城镇新增就业{s(target)}万人的年度目标。截至{max(ctx.date.month - 1, 1)}月底，{s1}。",
        f"就业形势总体稳定。上年同期全{ctx.lvl}城镇调查失业率为{s(u0)}%，{s2}。",
        f"技能培训持续发力，{s3}。{ctx.place}人力资源和社会保障局局长{ctx.person()}表示，将持续开展“春风行动”等专项服务活动，"
        f"帮助高校毕业生、农民工等重点群体就业。",
    ]
    claims = [
        claim("completion", "completion: 完成年度目标的R%", s1, f"{s(comp)}%", comp, pct(done, target),
              f"{s(done)} / {s(target)} × 100"),
        claim("change", "change: percentage points (下降0.x个百分点)", s2, f"{s(d)}个百分点", d, u0 - u, f"{s(u0)} - {s(u)}"),
        claim("share", "share: 其中 … 占R%", s3, f"{s(share)}%", share, pct(mig, train), f"{s(mig)} / {s(train)} × 100"),
    ]
    titles = [r.choice(["稳就业 惠民生", f"{ctx.short}就业形势保持总体稳定", f"{ctx.short}城镇新增就业{s(done)}万人"])]
    if "万人" in titles[0]:
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{s(done)}万人",
                            done * 10 ** 4, done * 10 ** 4, "headline = body"))
    return compose(ctx, titles, paras, claims, "template:jobs", "social")


def t_schools(ctx: Ctx) -> Story:
    r = ctx.rng
    kg, pri, mid, high, voc = (r.randint(20, 160), r.randint(30, 200), r.randint(10, 60), r.randint(3, 15), r.randint(1, 6))
    tot = kg + pri + mid + high + voc
    stu = q(Decimal(tot) * Decimal(str(r.uniform(500, 1100))) / 10 ** 4, 2)
    ratio_true = Decimal(str(r.uniform(12, 18)))
    teachers = int(q(stu * 10 ** 4 / ratio_true, 0))
    ratio = q(stu * 10 ** 4 / teachers, 1)
    ug = int(teachers * r.uniform(0.6, 0.92))
    share = q(pct(Decimal(ug), Decimal(teachers)), 1)
    s1 = f"全{ctx.lvl}共有各级各类学校{tot}所，其中幼儿园{kg}所、小学{pri}所、初中{mid}所、普通高中{high}所、中等职业学校{voc}所"
    s2 = f"在校学生{s(stu)}万人，专任教师{teachers}人，生师比为{s(ratio)}:1"
    s3 = f"本科及以上学历教师{ug}人，占专任教师总数的{s(share)}%"
    paras = [
        f"秋季学期开学以来，{ctx.place}教育资源扩容提质工作取得新进展。据统计，{s1}。",
        f"{s2}。{s3}，教师队伍结构持续优化。",
        f"“家门口就有好学校，孩子上学不用再跑远路。”{ctx.village()}学生家长{ctx.person()}说。{ctx.place}教育局负责人介绍，"
        f"今年将继续推进义务教育优质均衡发展，新建、改扩建一批中小学和幼儿园。",
    ]
    claims = [
        claim("sum", "sum: a total before 其中", s1, f"{tot}所", Decimal(tot), Decimal(kg + pri + mid + high + voc),
              f"{kg} + {pri} + {mid} + {high} + {voc}"),
        claim("ratio", "ratio: 生师比 N:1", s2, f"{s(ratio)}:1", ratio, stu * 10 ** 4 / teachers, f"{s(stu)}万 / {teachers}"),
        claim("share", "share: 占…总数的R%", s3, f"{s(share)}%", share, pct(Decimal(ug), Decimal(teachers)),
              f"{ug} / {teachers} × 100"),
    ]
    titles = [r.choice(["办好家门口的每一所学校", f"{ctx.short}教育资源扩容提质", "让孩子们在家门口上好学"])]
    return compose(ctx, titles, paras, claims, "template:schools", "social")


def t_tourism(ctx: Ctx) -> Story:
    r = ctx.rng
    period, cmp_ = ctx.period()
    v0 = uni(r, 80, 2500, 1)
    v = q(v0 * Decimal(str(r.uniform(1.03, 1.3))), 1)
    g = q(pct(v - v0, v0), 1)
    per_true = Decimal(str(r.uniform(380, 1300)))
    rev = q(v * 10 ** 4 * per_true / 10 ** 8, 2)
    per = q(rev * 10 ** 8 / (v * 10 ** 4), 0)
    s1 = f"全{ctx.lvl}共接待游客{s(v)}万人次，{cmp_}增长{s(g)}%"
    s2 = f"实现旅游收入{s(rev)}亿元，游客人均消费{s(per)}元"
    paras = [
        f"{period}，{ctx.place}文旅市场持续升温。{s1}，上年同期为{s(v0)}万人次；{s2}。",
        f"在{ctx.village()}，民宿、农家乐家家客满。民宿经营户{ctx.person()}告诉记者，周末的房间要提前半个月预订，“游客多了，土特产也跟着好卖了”。",
        f"{ctx.place}文化和旅游局有关负责人表示，将持续丰富文旅产品供给，推出更多精品线路，让游客“来了还想再来”。",
    ]
    claims = [
        claim("change", "change: growth rate with the prior level in the next clause", f"{s1}，上年同期为{s(v0)}万人次", f"{s(g)}%", g,
              pct(v - v0, v0), f"({s(v)} - {s(v0)}) / {s(v0)} × 100"),
        claim("average", "average: 人均 against totals stated earlier", f"共接待游客{s(v)}万人次", f"{s(per)}元", per,
              rev * 10 ** 8 / (v * 10 ** 4), f"{s(rev)}亿 / {s(v)}万"),
    ]
    claims[1]["excerpt"] = s2
    titles = [r.choice(["文旅市场持续升温", f"{ctx.short}乡村游火了", f"{period}{ctx.short}接待游客{s(v)}万人次"])]
    if titles[0].endswith("万人次"):
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{s(v)}万人次",
                            v * 10 ** 4, v * 10 ** 4, "headline = body"))
    return compose(ctx, titles, paras, claims, "template:tourism", "social")


def t_air_water(ctx: Ctx) -> Story:
    r = ctx.rng
    period, cmp_ = ctx.period()
    days = r.randint(80, 330)
    good = r.randint(int(days * 0.7), days - 2)
    rate = q(pct(Decimal(good), Decimal(days)), 1)
    pm0 = uni(r, 28, 55, 1)
    pm = q(pm0 * Decimal(str(r.uniform(0.85, 0.98))), 1)
    drop = q(pct(pm0 - pm, pm0), 1)
    k = r.choice([20, 25, 40, 50])
    c1 = r.randint(int(k * 0.6), k - 2)
    c4 = r.randint(1, k - c1 - 1)
    c5 = k - c1 - c4
    p1, p4, p5 = (q(pct(Decimal(x), Decimal(k)), 1) for x in (c1, c4, c5))
    s1 = f"有效监测{days}天，空气质量优良天数{good}天，优良率{s(rate)}%"
    s2 = f"细颗粒物（PM2.5）平均浓度为{s(pm)}微克/立方米，上年同期为{s(pm0)}微克/立方米，{cmp_}下降{s(drop)}%"
    s3 = f"Ⅰ～Ⅲ类水质断面{c1}个，占{s(p1)}%；Ⅳ类{c4}个，占{s(p4)}%；Ⅴ类{c5}个，占{s(p5)}%"
    paras = [
        f"{ctx.recent_day()}，{ctx.place}生态环境局通报{period}全{ctx.lvl}生态环境质量状况。{period}，城区{s1}。",
        f"{s2}。",
        f"水环境质量总体稳定。全{ctx.lvl}{k}个地表水监测断面中，{s3}。",
        f"该局负责人{ctx.person()}表示，将持续深入打好蓝天、碧水、净土保卫战，推动生态环境质量持续改善。",
    ]
    claims = [
        claim("rate", "rate: a plain 率 (优良率) over part and whole", s1, f"{s(rate)}%", rate, pct(Decimal(good), Decimal(days)),
              f"{good} / {days} × 100"),
        claim("change", "change: compound units (微克/立方米)", s2, f"{s(drop)}%", drop, pct(pm0 - pm, pm0),
              f"({s(pm0)} - {s(pm)}) / {s(pm0)} × 100"),
        claim("shares_100", "shares_100: shares across a list adding to 100%", s3, None, Decimal(100), p1 + p4 + p5,
              f"{s(p1)} + {s(p4)} + {s(p5)}"),
        claim("sum", "sum: a total before the parts", f"{k}个地表水监测断面中，" + s3, f"{k}个", Decimal(k), Decimal(c1 + c4 + c5),
              f"{c1} + {c4} + {c5}"),
    ]
    claims[2]["stated"] = None
    titles = [r.choice(["蓝天白云成为常态", f"{ctx.short}生态环境质量持续改善", f"{period}{ctx.short}空气优良率{s(rate)}%"])]
    if titles[0].endswith("%"):
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{s(rate)}%", rate, rate,
                            "headline = body"))
    return compose(ctx, titles, paras, claims, "template:air-water", "environment")


def t_market(ctx: Ctx) -> Story:
    r = ctx.rng
    ent, ind, coop = r.randint(1500, 15000), r.randint(4000, 40000), r.randint(50, 900)
    if (ent + ind + coop) % 1000 == 0:
        coop += 1                                   # 超N means more than N
    new = ent + ind + coop
    floor = new // 10000 if new >= 10000 else new // 1000 * 1000
    s0 = uni(r, 10, 90, 2)
    stock = s0 + q(Decimal(new) / 10 ** 4 * Decimal(str(r.uniform(0.3, 0.7))), 2)
    inc = stock - s0
    head_n = f"{floor}万" if new >= 10000 else f"{floor}"
    s1 = f"新增市场主体{new}户，其中新增企业{ent}户、个体工商户{ind}户、农民专业合作社{coop}户"
    s2 = f"全{ctx.lvl}实有市场主体{s(stock)}万户，比上年末的{s(s0)}万户增加{s(inc)}万户"
    paras = [
        f"{ctx.place}持续优化营商环境，经营主体活力不断释放。今年以来，全{ctx.lvl}{s1}。",
        f"截至{max(ctx.date.month - 1, 1)}月底，{s2}。",
        f"“从提交材料到拿到营业执照，只用了半天时间。”刚刚开办{ctx.company()}的{ctx.person()}说。{ctx.place}市场监管局"
        f"推行企业开办“一网通办”，平均办理时间压缩至1个工作日以内。",
    ]
    claims = [
        claim("sum", "sum: a total before 其中", s1, f"{new}户", Decimal(new), Decimal(ent + ind + coop), f"{ent} + {ind} + {coop}"),
        claim("change", "change: 比上年末的A增加N", s2, f"{s(inc)}万户", inc * 10 ** 4, (stock - s0) * 10 ** 4, f"{s(stock)}万 - {s(s0)}万"),
        claim("repeat", "repeat: subheading floors (超N against the body's figure)", f"新增市场主体超{head_n}户", f"{head_n}户",
              Decimal(floor * (10 ** 4 if new >= 10000 else 1)), Decimal(new), f"{new} > {head_n}"),
    ]
    claims[2]["verdict"] = ["consistent"]
    titles = [f"{ctx.short}新增市场主体超{head_n}户"] + (["——营商环境持续优化"] if r.random() < 0.5 else [])
    return compose(ctx, titles, paras, claims, "template:market", "enterprise")


MEASURES = ["加大财政金融支持力度", "降低企业用地用能成本", "支持企业技术改造和数字化转型", "强化用工和人才保障",
            "优化审批服务流程", "帮助企业开拓市场", "落实减税降费政策"]
ORDINALS = "一二三四五六七"


def t_measures(ctx: Ctx) -> Story:
    r = ctx.rng
    n = r.randint(3, 6)
    picked = r.sample(MEASURES, n)
    firms = r.randint(20, 300)
    loan = uni(r, 1, 30, 2)
    avg = q(loan * 10 ** 4 / firms, 1)
    items = "；".join(f"{ORDINALS[i]}是{m}" for i, m in enumerate(picked))
    nword = "三四五六"[n - 3]
    s1 = f"首批{firms}家企业获得贷款{s(loan)}亿元，户均{s(avg)}万元"
    paras = [
        f"{ctx.recent_day()}，{ctx.place}政府办公室印发《关于支持中小企业高质量发展的若干措施》，从{nword}个方面提出具体举措：{items}。",
        f"政策出台后，金融机构迅速跟进。{s1}。",
        f"“贷款到账很快，解决了我们采购原材料的燃眉之急。”{ctx.company()}财务负责人{ctx.person()}说。",
    ]
    claims = [
        claim("count", "count: 一是…N是 enumerations", f"从{nword}个方面提出具体举措：{items}", f"{nword}个", Decimal(n), Decimal(n),
              f"{n} items listed"),
        claim("average", "average: 户均 against totals stated in the clause", s1, f"{s(avg)}万元", avg * 10 ** 4,
              loan * 10 ** 8 / firms, f"{s(loan)}亿 / {firms}"),
    ]
    titles = [r.choice([f"{ctx.short}出台{nword}方面措施支持中小企业", "真金白银助企纾困", "政策“组合拳”为企业添动力"])]
    if nword + "方面" in titles[0]:
        claims.append(claim("count", "count: a headline count against the items listed", titles[0], f"{nword}方面", Decimal(n),
                            Decimal(n), "headline = body"))
    return compose(ctx, titles, paras, claims, "template:measures", "enterprise")


def t_company(ctx: Ctx) -> Story:
    r = ctx.rng
    y0 = ctx.year - r.randint(3, 5)
    x0 = uni(r, 1, 20, 2)
    mult = Decimal(str(r.uniform(1.6, 4.5)))
    x = q(x0 * mult, 2)
    m = q(x / x0, 1)
    staff = r.randint(200, 3000)
    rd = r.randint(int(staff * 0.08), int(staff * 0.3))
    share = q(pct(Decimal(rd), Decimal(staff)), 1)
    name = ctx.company()
    s1 = f"从{y0}年的{s(x0)}亿元增长到去年的{s(x)}亿元，是{y0}年的{s(m)}倍"
    s2 = f"企业现有员工{staff}人，其中研发人员{rd}人，占员工总数的{s(share)}%"
    paras = [
        f"走进{name}的生产车间，一条条自动化生产线高速运转，机械臂精准抓取、装配，工人们在控制屏前监看着各项数据。",
        f"近年来，企业坚持创新驱动，产值{s1}。",
        f"创新离不开人才。{s2}。企业与省内多所高校共建研发平台，累计获得授权专利一百余项。",
        f"“下一步，我们将加快新产品研发，力争在细分领域做到行业前列。”企业负责人{ctx.person()}说。",
    ]
    claims = [
        claim("multiple", "multiple: 是…的N倍", s1, f"{s(m)}倍", m, x / x0, f"{s(x)} / {s(x0)}"),
        claim("share", "share: 其中 … 占总数的R%", s2, f"{s(share)}%", share, pct(Decimal(rd), Decimal(staff)), f"{rd} / {staff} × 100"),
    ]
    titles = [r.choice(["创新驱动跑出发展“加速度”", "小企业长成“单项冠军”", f"{ctx.short}一家企业产值{s(m)}倍增长的背后"])]
    return compose(ctx, titles, paras, claims, "template:company", "enterprise")


def t_housing(ctx: Ctx) -> Story:
    r = ctx.rng
    n = r.randint(20, 180)
    k = r.randint(n // 3, n - 1)
    rate = q(pct(Decimal(k), Decimal(n)), 1)
    hh = r.randint(3000, 40000)
    cen = uni(r, 0.5, 6, 2)
    loc = uni(r, 0.5, 8, 2)
    tot = cen + loc
    lifts = r.randint(10, 200)
    s1 = f"今年全{ctx.lvl}计划改造老旧小区{n}个，涉及居民{hh}户。截至目前，已完工{k}个，完工率{s(rate)}%"
    s2 = f"总投资{s(tot)}亿元，其中争取中央补助资金{s(cen)}亿元、地方配套资金{s(loc)}亿元"
    paras = [
        f"{s1}。",
        f"改造资金多渠道筹措。{s2}。改造内容包括管网更新、外墙保温、道路硬化等，同步加装电梯{lifts}部。",
        f"“以前下雨天楼道漏水，现在墙面刷新了，还装上了电梯。”家住{ctx.short}{r.choice(['东苑', '西园', '南湖', '北辰'])}小区的{ctx.person()}老人说。",
    ]
    claims = [
        claim("rate", "rate: a plain 率 (完工率) over part and whole", s1, f"{s(rate)}%", rate, pct(Decimal(k), Decimal(n)),
              f"{k} / {n} × 100"),
        claim("sum", "sum: a total before 其中", s2, f"{s(tot)}亿元", tot * 10 ** 8, (cen + loc) * 10 ** 8, f"{s(cen)}亿 + {s(loc)}亿"),
    ]
    titles = [r.choice(["老旧小区换新颜", f"{ctx.short}老旧小区改造惠及{hh}户居民", "小区改造改到群众心坎上"])]
    if f"{hh}户" in titles[0]:
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{hh}户", Decimal(hh), Decimal(hh),
                            "headline = body"))
    return compose(ctx, titles, paras, claims, "template:housing", "social")


def t_health(ctx: Ctx) -> Story:
    r = ctx.rng
    pop = uni(r, 20, 600, 1)
    signed = q(pop * Decimal(str(r.uniform(0.35, 0.7))), 1)
    rate = q(pct(signed, pop), 1)
    key0 = q(pop * Decimal(str(r.uniform(0.15, 0.3))), 2)
    key = q(key0 * Decimal(str(r.uniform(0.7, 0.95))), 2)
    rate2 = q(pct(key, key0), 1)
    docs = int(pop * 10 ** 4 * Decimal(str(r.uniform(2.2, 3.6))) / 1000)
    per_k = q(Decimal(docs) / (pop * 10 ** 4) * 1000, 2)
    s1 = f"全{ctx.lvl}常住人口{s(pop)}万人，家庭医生签约服务覆盖{s(signed)}万人，签约率{s(rate)}%"
    s2 = f"老年人、慢性病患者等重点人群{s(key0)}万人，已签约{s(key)}万人，签约率{s(rate2)}%"
    s3 = f"全{ctx.lvl}有执业（助理）医师{docs}人，每千人口执业（助理）医师{s(per_k)}人"
    paras = [
        f"{ctx.recent_day()}，记者从{ctx.place}卫生健康委获悉，基层医疗卫生服务能力持续提升。{s1}。",
        f"其中，{s2}。",
        f"医疗人才队伍不断壮大。{s3}。{ctx.village()}卫生室乡村医生{ctx.person()}说，现在村民在家门口就能看上病、买到药。",
    ]
    claims = [
        claim("rate", "rate: a plain 率 (签约率) over part and whole", s1, f"{s(rate)}%", rate, pct(signed, pop),
              f"{s(signed)} / {s(pop)} × 100"),
        claim("rate", "rate: a plain 率 (签约率) over part and whole", s2, f"{s(rate2)}%", rate2, pct(key, key0),
              f"{s(key)} / {s(key0)} × 100"),
        claim("average", "average: 每千名 (per thousand)", f"常住人口{s(pop)}万人", f"{s(per_k)}人", per_k,
              Decimal(docs) / (pop * 10 ** 4) * 1000, f"{docs} / {s(pop)}万 × 1000"),
    ]
    claims[2]["excerpt"] = s3
    titles = [r.choice(["家庭医生守护群众健康", f"{ctx.short}家庭医生签约率达{s(rate)}%", "让群众在家门口看好病"])]
    if titles[0].endswith("%"):
        claims.append(claim("repeat", "repeat: a headline figure against the body's", titles[0], f"{s(rate)}%", rate, rate,
                            "headline = body"))
    return compose(ctx, titles, paras, claims, "template:health", "social")


CROPS = [("草莓", 1500, 2500), ("葡萄", 1200, 2200), ("辣椒", 2000, 3500), ("西瓜", 2500, 4000), ("苹果", 2000, 3500),
         ("猕猴桃", 1200, 2000), ("蓝莓", 400, 800), ("番茄", 4000, 7000)]


def t_photo(ctx: Ctx) -> Story:
    r = ctx.rng
    crop, lo, hi = r.choice(CROPS)
    mu = r.randint(2, 60) * 50
    yld = r.randint(lo // 50, hi // 50) * 50
    tot = Decimal(mu * yld) / 1000
    village = ctx.village()
    s1 = f"今年该村种植{crop}{mu}亩，平均亩产{yld}公斤，总产量{s(q(tot, 1))}吨"
    text = (f"{ctx.recent_day()}，{ctx.place}{village}村民在大棚里采收{crop}。{s1}，"
            f"通过电商平台销往全国各地。（{ctx.person()} 摄）")
    claims = [claim("average", "average: total = count × price (亩 × 亩产, 公斤↔吨)", s1, f"{s(q(tot, 1))}吨", q(tot, 1),
                    Decimal(mu * yld) / 1000, f"{mu}亩 × {yld}公斤 / 1000")]
    titles = [r.choice(["采摘正当时", f"{crop}丰收", "甜蜜产业富村民"])]
    story = Story("template:photo", titles + [text], titles[0], claims)
    assert claims[0]["excerpt"] in story.text
    return story


TEMPLATES = [t_economy, t_grain, t_projects, t_subsidy, t_trade, t_jobs, t_schools, t_tourism, t_air_water,
             t_market, t_measures, t_company, t_housing, t_health, t_photo]


# ---------------------------------------------------------------------------
# The project's composed material, split into stories
# ---------------------------------------------------------------------------
MASTHEAD_RE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日.*|.*星期[一二三四五六日天].*|第\s*\d+\s*版.*|[^。，；]{0,12}(?:日报|晚报|农民报|经济报|报)\s*)$")


def _blocks(text: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n[ \t\u3000]*\n", text.replace("\r\n", "\n")) if b.strip()]


def _kicker_like(block: str) -> bool:
    b = block.strip()
    return (len(b) <= 24 and not re.search(r"[。；！？]", b) and not b.startswith(("（", "(", "□"))
            and not b.endswith("摄") and "编辑" not in b and "记者" not in b)


def split_stories(text: str, starts: list[str], *, walk_back: bool) -> list[list[str]]:
    """Split a page into stories at the blocks that start with each of ``starts`` (headlines)."""
    blocks = _blocks(text)
    first = 0
    while first < len(blocks) and MASTHEAD_RE.match(blocks[first].strip()) and len(blocks[first].strip()) <= 30:
        first += 1
    idx = []
    for h in starts:
        if not h:
            continue
        key = h.strip()
        found = next((i for i in range(first, len(blocks)) if blocks[i].strip().startswith(key) and i not in idx), None)
        if found is None:
            found = next((i for i in range(first, len(blocks)) if key in blocks[i] and len(blocks[i]) < 60 and i not in idx), None)
        if found is not None:
            idx.append(found)
    idx = sorted(set(idx))
    cuts = []
    for j, i in enumerate(idx):
        lo = idx[j - 1] + 1 if j else first
        k = i
        if walk_back:
            while k - 1 >= lo and _kicker_like(blocks[k - 1]) and (j == 0 or k - 1 > idx[j - 1] + 1):
                k -= 1
        cuts.append(k if j else first)
    cuts.append(len(blocks))
    units = [blocks[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
    merged: list[list[str]] = []
    carry: list[str] = []
    for u in units:  # an overline listed as a headline has no body: it opens the next story
        if all(_kicker_like(b) or len(b) < 40 for b in u) and not any(re.search(r"[。！？]", b) for b in u):
            carry += u
            continue
        merged.append(carry + u)
        carry = []
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    return merged


def _correct(rel: str, text: str) -> str:
    for find, repl in CORRECTIONS.get(rel, []):
        assert text.count(find) == 1, (rel, find)
        text = text.replace(find, repl)
    return text


def load_material(root: Path = ROOT) -> list[Story]:
    """Every borrowed story, in a fixed order."""
    data = root / "tests" / "data"
    out: list[Story] = []
    seed = sorted((root / "seeds").glob("*.txt"))
    for p in seed:
        for bl in split_stories(p.read_text(encoding="utf-8"), SEED_STARTS, walk_back=False):
            out.append(Story(f"seed:{p.name}", bl, bl[0]))
    pages_dir = next((data / d for d in ("dev_pages", "unseen") if (data / d).is_dir()), data / "dev_pages")
    claims_dir = next((data / d for d in ("dev_claims", "heldout_claims") if (data / d).is_dir()), data / "dev_claims")
    for p in sorted(pages_dir.glob("*.txt")):
        meta = p.with_suffix(".json")
        if not meta.exists() or p.stem.isupper():
            continue
        heads = [s.get("headline", "") for s in json.loads(meta.read_text(encoding="utf-8")).get("stories", [])]
        for bl in split_stories(p.read_text(encoding="utf-8"), heads, walk_back=True):
            out.append(Story(f"test_pages:{p.name}", bl, bl[0]))
    for p in sorted(claims_dir.glob("*.txt")):
        if p.stem.isupper():
            continue
        text = _correct(p.name, p.read_text(encoding="utf-8"))  # one story a page
        first = 0
        blocks = _blocks(text)
        while first < len(blocks) and MASTHEAD_RE.match(blocks[first]) and len(blocks[first]) <= 30:
            first += 1
        out.append(Story(f"test_claims:{p.name}", blocks[first:], blocks[first]))
    dev = data / "corpus" / "dev"
    for p in sorted(dev.glob("*.txt")):
        assert "heldout" not in p.parts
        meta = p.with_suffix(".json")
        if not meta.exists():
            continue
        info = json.loads(meta.read_text(encoding="utf-8"))
        text = p.read_text(encoding="utf-8")
        for bl in split_stories(text, info.get("headlines", []), walk_back=True):
            st = Story(f"dev:{p.name}", bl, bl[0])
            body = st.text
            for c in info.get("claims", []):
                if c.get("excerpt") and body.count(c["excerpt"]) == 1:
                    st.claims.append({k: c.get(k) for k in ("relation", "class", "excerpt", "stated_surface", "stated",
                                                            "computed", "formula", "verdict")})
            out.append(st)
    return out


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

def masthead(rng: random.Random, paper: dict, date: dt.date, number: int, section: str) -> list[str]:
    wd = "星期" + WEEKDAYS[date.weekday()]
    d = f"{date.year}年{date.month}月{date.day}日"
    form = rng.randrange(4)
    if form == 0:
        return [paper["name"], f"{d} {wd}", f"第{number}版 {section}"]
    if form == 1:
        return [f"{paper['name']} {d} {wd}", f"第{number:02d}版：{section}"]
    if form == 2:
        return [f"第{number}版", section, f"{paper['name']}", f"{d}　{wd}"]
    return [f"{d} {wd} {paper['name']} 第{number}版 {section}"]


def slots(n: int, seed: int):
    """(paper, date, page number) for n pages, all distinct; prefix-stable in n."""
    rng = random.Random(f"slots:{seed}")
    seen = set()
    span = (LAST_DAY - FIRST_DAY).days
    while len(seen) < n:
        paper = rng.randrange(len(PAPERS))
        date = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        number = rng.randint(1, PAPERS[paper]["pages"])
        key = (paper, date, number)
        if key in seen:
            continue
        seen.add(key)
        yield key


def make_page(seed: int, key, material: list[Story]) -> tuple[str, dict]:
    pi, date, number = key
    paper = PAPERS[pi]
    rng = random.Random(f"page:{seed}:{paper['slug']}:{date.isoformat()}:{number}")
    section = rng.choice(SECTIONS[number])
    places = [paper["city"]] + paper["counties"]
    target = rng.randint(3500, 8500)
    stories: list[Story] = []
    if material:
        for st in rng.sample(material, rng.choice([0, 1, 2, 2, 3])):
            if len(st.text) < target * 0.8:
                stories.append(st)
    used: set = set()
    templates = list(TEMPLATES)
    rng.shuffle(templates)
    for t in templates:
        if sum(len(x.text) for x in stories) >= target or len(stories) >= 12:
            break
        ctx = Ctx(rng, date, rng.choice(places), paper, used)
        stories.append(t(ctx))
    rng.shuffle(stories)
    head = masthead(rng, paper, date, number, section)
    text = "\n\n".join(head + [st.text for st in stories]) + "\n"
    raw = text.encode("utf-8")
    info = {"path": f"{paper['slug']}/{date.year}/{date:%m%d}/{number:02d}.txt",
            "sha256": hashlib.sha256(raw).hexdigest(), "paper": paper["name"], "date": date.isoformat(),
            "weekday": "星期" + WEEKDAYS[date.weekday()], "page_number": number, "section": section,
            "date_source": "printed", "chars": len(text), "stories": [], "claims": []}
    for i, st in enumerate(stories, 1):
        start = text.index(st.text)
        info["stories"].append({"n": i, "source": st.source, "headline": st.headline, "start": start,
                                "end": start + len(st.text)})
        for c in st.claims:
            if text.count(c["excerpt"]) == 1:
                info["claims"].append({"story": i, **c})
    return text, info


def make_archive(out: str | Path, n: int, seed: int = 1, *, root: Path = ROOT) -> dict:
    """Write n pages and manifest.json under ``out`` (which must be empty or absent); return the manifest."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: not empty; give a new folder")
    material = load_material(root)
    pages = []
    for key in slots(n, seed):
        text, info = make_page(seed, key, material)
        path = out / info["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        pages.append(info)
    shas = [p["sha256"] for p in pages]
    assert len(set(shas)) == len(shas)
    manifest = {"about": "Composed by bench/make_archive.py: correct pages (no arithmetic error); claims listed are those "
                         "of the stories composed here and of the corpus's dev pages, recomputed from the printed figures.",
                "generator_version": GENERATOR_VERSION, "seed": seed, "n_pages": n,
                "material": sorted({st.source for st in material}), "pages": pages}
    head = json.dumps({k: v for k, v in manifest.items() if k != "pages"}, ensure_ascii=False, indent=1)[:-2]
    lines = ",\n".join(json.dumps(p, ensure_ascii=False) for p in pages)   # one page a line
    (out / "manifest.json").write_text(f'{head},\n "pages": [\n{lines}\n ]\n}}\n', encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output folder (new or empty)")
    ap.add_argument("-n", "--pages", type=int, default=3000, help="number of pages (default 3000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="empty OUT first")
    a = ap.parse_args(argv)
    if a.force and Path(a.out).exists():
        shutil.rmtree(a.out)
    m = make_archive(a.out, a.pages, a.seed)
    chars = sum(p["chars"] for p in m["pages"])
    print(f"wrote {len(m['pages'])} pages ({chars / 1e6:.1f} M characters, {sum(len(p['claims']) for p in m['pages'])} "
          f"annotated claims) and manifest.json to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
