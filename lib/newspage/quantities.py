"""Quantities: number + unit + qualifier + what is counted, one tidy row each.

``find_quantities(text)`` works on any string and returns :class:`Quantity` objects with
offsets relative to that string; ``extract(page)`` runs it on every paragraph of a page
(headlines included) and returns the ``quantities`` table.

How a quantity is found
-----------------------
One compiled regular expression, anchored on a numeral (Arabic digits, Chinese numerals,
百分之…), so text without digits or numerals is skipped at C speed.  Its first branch
swallows what is *not* a quantity but starts like one (dates such as ``2025年3月``,
``4月2日``, ``2021—2025年``, clock times), so those never reach Python.  The second branch is
``numeral [approx] [magnitude] [(unit) sep numeral…] unit [suffix qualifier]``; a numeral
with 万/亿 but no unit (``投资1.5亿``) is kept with an empty unit.

Then a few generic rules in Python reject what the pattern cannot see: ordinals (``第二次``),
a bare ``一``/``二`` before a count classifier (``一家企业`` is an article, ``二次`` an
adjective), date periods and points in time (``上半年``, ``前三年``, ``4年前``, ``一小时后``), Arabic
numbers glued to Latin letters (``5G``), ``四周`` meaning "all around", and fixed expressions that
contain numerals (a small generic lexicon: 一成不变, 三番五次, 两个维护, 一年之计 …).

Forms read beyond number + unit (README "Tables" gives the conventions): a minus sign (``-6.1万吨``;
not after a digit or a Latin letter, where a dash is a range or a name); a currency sign or name
before the number (``$25``, ``HK$120``, ``人民币1.5万元``, ``港币4900元``), tried as a bare number when
no unit follows (``_RE_BARE``); rates in words, all stated in %: ``千分之三``, ``万分之五`` (the
百分之 branch), ``三分之一`` and ``1/4`` (fractions after the numeral), ``三成``/``六成半``, discounts
(``八五折``), ``一半``/``过半``/``半数``; Latin and compound units (``168cm``, ``350km/h`` -> per hour,
``35μg/m³`` -> one unit of family concentration); durations with their period word (``未来3年``,
``五年来``, ``头十年``) and hours with minutes (``2小时28分``); 廿/卅/卌 (numerals.py).

Qualifiers before the number are read from the few characters just before it; the surface
then covers them (``约6500万元``, ``超60%``, ``不低于70%``), so ``text[start:end] == surface``.

A bare number before 和/与/、 takes the unit of the quantity after it (``4.4和3.2个百分点``).
Text in traditional characters is read through a same-length simplified shadow (numerals.T2S),
so 5.2億噸 is 520000000 吨 with its surface as printed.

What is counted (``what``) is read on first use of ``Quantity.what`` (``extract`` reads it for every
row; ``find_quantities`` alone does not pay for it).  Counts look right of the number first
(``33家“僵尸企业”``, ``年产10万吨水溶复合肥``), measures, money, rates and durations look left
(``盘活率70%``); the phrase is cut at clause punctuation and trimmed of function words, verbs before
the noun (``实现产值``), time words (``该县去年粮食产量`` -> 粮食产量), demonstratives and place levels
(``该市``, ``全省``).  The subject of a share or comparison ends before 占/比/同比/是…的, and before
从/由 for a starting value; a verb inside a measure noun stays (``地区生产总值``, ``研发投入强度``).
``其中N`` and a clause with a change verb but no subject (``，同比增长12.5%``) take the previous
quantity's ``what`` in the same sentence.  A place count names the organisations after it when
there are any (``四地公共资源交易中心``).  The rules use small generic lexicons (verbs, measure nouns,
time words); tests/data/what_cases.json measures them.

Speed: the scan visits only where a numeral can start (runs of digits or numeral characters taken
whole); literal word lists are compiled as tries (``_alt``); the common case of Arabic digits with
a unit takes a short path.  Python's regex engine rewards a few habits, kept throughout: a pattern
used to search starts with one character class or with literals (so the engine skips ahead in C),
one-character words share a class, optional groups are written ``(?:X|)``, a repeated class sits
inside its group (``(?:[^…]+|…)+``).  ``bench/bench_quantities.py`` compares with cn2an.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from . import tables
from .numerals import CN_DIGITS, CN_MAGNITUDES, CN_UNITS, FULLWIDTH, T2S, NumeralError, numeral_kind, parse_number

__all__ = ["Quantity", "find_quantities", "extract", "SCHEMA", "UNITS", "FAMILIES"]

# ---------------------------------------------------------------------------
# Units: surface -> (family, unit as stored, base unit, factor to the base unit or None)
# ---------------------------------------------------------------------------

FAMILIES = ("money", "area", "mass", "length", "volume", "percent", "pp", "count",
            "duration", "ratio", "energy", "power", "temperature", "age", "concentration", "other")

_F = Fraction
UNITS: dict[str, tuple[str, str, str, Fraction | int | None]] = {}


def _add(family: str, base: str, entries: dict[str, tuple[str, Fraction | None]]) -> None:
    for surface, (unit, factor) in entries.items():
        if factor is not None and factor.denominator == 1:
            factor = int(factor)     # whole factors as int: cheaper to compare and multiply
        UNITS[surface] = (family, unit, base if factor is not None else unit, factor)


_add("money", "元", {"元": ("元", _F(1)), "块钱": ("元", _F(1)), "元人民币": ("元", _F(1)),
                    "人民币": ("元", _F(1))})
# Foreign currencies, stored as written (no exchange rate: base_unit is the currency itself).  A
# currency named by its country (台币, 瑞士法郎) is one word, so that 5306亿台币 is no count of 台.
CURRENCIES = (
    "美元 欧元 英镑 日元 港元 港币 澳元 卢布 韩元 坚戈 美金 台币 新台币 澳门元 澳门币 新加坡元 新元 加元 加拿大元 "
    "澳大利亚元 新西兰元 瑞士法郎 法郎 泰铢 卢比 印度卢比 林吉特 比索 墨西哥比索 菲律宾比索 阿根廷比索 智利比索 "
    "雷亚尔 兰特 里拉 土耳其里拉 越南盾 印尼盾 迪拉姆 里亚尔 第纳尔 先令 克朗 瑞典克朗 挪威克朗 丹麦克朗 "
    "兹罗提 福林 奈拉 索姆 图格里克 基普 缅元 瑞尔 塔卡 苏姆 马纳特 埃及镑"
).split()
_add("money", "", {s: (s, None) for s in CURRENCIES})
_add("area", "平方米", {
    "平方米": ("平方米", _F(1)), "平米": ("平方米", _F(1)), "㎡": ("平方米", _F(1)),
    "m²": ("平方米", _F(1)), "m2": ("平方米", _F(1)), "平方公里": ("平方公里", _F(10 ** 6)),
    "km2": ("平方公里", _F(10 ** 6)),
    "平方千米": ("平方公里", _F(10 ** 6)), "km²": ("平方公里", _F(10 ** 6)),
    "公顷": ("公顷", _F(10 ** 4)), "亩": ("亩", _F(10000, 15)),
})
# Latin symbols are stored under the Chinese unit name (kg -> 千克, cm -> 厘米), so that a figure
# written either way has one unit (and claims pair 168cm with 1.68米).
_add("mass", "吨", {
    "吨": ("吨", _F(1)), "公吨": ("吨", _F(1)), "公斤": ("公斤", _F(1, 1000)),
    "千克": ("千克", _F(1, 1000)), "kg": ("千克", _F(1, 1000)), "克": ("克", _F(1, 10 ** 6)),
    "g": ("克", _F(1, 10 ** 6)), "斤": ("斤", _F(1, 2000)), "毫克": ("毫克", _F(1, 10 ** 9)),
    "mg": ("毫克", _F(1, 10 ** 9)), "微克": ("微克", _F(1, 10 ** 12)), "μg": ("微克", _F(1, 10 ** 12)),
    "µg": ("微克", _F(1, 10 ** 12)),
})
_add("length", "米", {
    "公里": ("公里", _F(1000)), "千米": ("千米", _F(1000)), "km": ("公里", _F(1000)),
    "米": ("米", _F(1)), "m": ("米", _F(1)), "厘米": ("厘米", _F(1, 100)), "cm": ("厘米", _F(1, 100)),
    "毫米": ("毫米", _F(1, 1000)), "mm": ("毫米", _F(1, 1000)), "微米": ("微米", _F(1, 10 ** 6)),
    "μm": ("微米", _F(1, 10 ** 6)), "µm": ("微米", _F(1, 10 ** 6)), "纳米": ("纳米", _F(1, 10 ** 9)),
    "nm": ("纳米", _F(1, 10 ** 9)), "英里": ("英里", _F(1609344, 1000)), "海里": ("海里", _F(1852)),
})
_add("volume", "立方米", {
    "立方米": ("立方米", _F(1)), "立方": ("立方米", _F(1)), "m³": ("立方米", _F(1)), "m3": ("立方米", _F(1)),
    "㎥": ("立方米", _F(1)),
    "升": ("升", _F(1, 1000)), "L": ("升", _F(1, 1000)), "毫升": ("毫升", _F(1, 10 ** 6)),
    "mL": ("毫升", _F(1, 10 ** 6)), "ml": ("毫升", _F(1, 10 ** 6)),
})
# Rates are stated in %: a value written in 成, 折, ‰ or ‱ is multiplied into % (_RATE_SCALE), so
# 三成 is 30 %, 八五折 85 %, 2.02‰ 0.202 % (claims compare rates in %).
_add("percent", "%", {"%": ("%", _F(1)), "％": ("%", _F(1)), "‰": ("%", _F(1)), "‱": ("%", _F(1)),
                      "成": ("%", _F(1)), "折": ("%", _F(1))})
_RATE_SCALE = {"成": Decimal(10), "‰": Decimal("0.1"), "‱": Decimal("0.01")}
_add("pp", "个百分点", {"个百分点": ("个百分点", _F(1)), "百分点": ("个百分点", _F(1))})
_add("ratio", "", {"倍": ("倍", None)})
_add("duration", "天", {
    "天": ("天", _F(1)), "周": ("周", _F(7)), "星期": ("周", _F(7)), "个星期": ("周", _F(7)),
    "小时": ("小时", _F(1, 24)), "个小时": ("小时", _F(1, 24)), "h": ("小时", _F(1, 24)),
    "分钟": ("分钟", _F(1, 1440)), "min": ("分钟", _F(1, 1440)),
    "个工作日": ("工作日", None), "工作日": ("工作日", None), "年": ("年", None),
    "个月": ("个月", None), "个多月": ("个月", None), "个季度": ("个季度", None), "秒": ("秒", _F(1, 86400)),
})
_add("energy", "千瓦时", {
    "千瓦时": ("千瓦时", _F(1)), "kWh": ("千瓦时", _F(1)), "度电": ("千瓦时", _F(1)),
    "兆瓦时": ("兆瓦时", _F(1000)), "MWh": ("兆瓦时", _F(1000)), "吉瓦时": ("吉瓦时", _F(10 ** 6)),
    "GWh": ("吉瓦时", _F(10 ** 6)), "瓦时": ("瓦时", _F(1, 1000)), "Wh": ("瓦时", _F(1, 1000)),
})
_add("power", "千瓦", {
    "瓦": ("瓦", _F(1, 1000)), "W": ("瓦", _F(1, 1000)), "千瓦": ("千瓦", _F(1)), "kW": ("千瓦", _F(1)),
    "兆瓦": ("兆瓦", _F(1000)), "MW": ("兆瓦", _F(1000)), "吉瓦": ("吉瓦", _F(10 ** 6)),
    "GW": ("吉瓦", _F(10 ** 6)),
})
_add("temperature", "", {"℃": ("℃", None), "摄氏度": ("℃", None), "°C": ("℃", None)})
# 周年 (an anniversary: 建厂4周年) is an age, not a number of weeks
_add("age", "", {"岁": ("岁", None), "周岁": ("岁", None), "周年": ("周年", None)})
_add("other", "", {"千伏": ("千伏", None), "kV": ("千伏", None), "V": ("伏", None),
                   "标准箱": ("标准箱", None), "标箱": ("标准箱", None), "TEU": ("标准箱", None),
                   "千伏安": ("千伏安", None), "兆伏安": ("兆伏安", None), "kVA": ("千伏安", None),
                   "毫安时": ("毫安时", None), "mAh": ("毫安时", None), "分贝": ("分贝", None),
                   "dB": ("分贝", None)})
# Troy or avoirdupois is not said: no conversion to 吨.
_add("mass", "", {"盎司": ("盎司", None)})

# Count classifiers (the unit is the classifier itself).
CLASSIFIERS = (
    "个 家 栋 幢 条 项 台 件 名 人 种 座 户 所 套 辆 架 艘 头 只 匹 棵 株 处 场 次 篇 部 本 份 间 "
    "层 张 位 支 起 例 宗 块 片 枚 颗 盏 根 批 组 类 轮 笔 道 款 门 口 对 双 副 首 集 节 羽 箱 袋 "
    "瓶 桶 车次 辆次 人次 户次 架次 班次 批次 台套 国 省 市 县 地 区 村 镇 乡 校 部门 粒 列 眼 车 车道 趟 "
    "代 册"
).split()
for _c in CLASSIFIERS:
    UNITS[_c] = ("count", _c, _c, 1)

# Compound units that are one unit of their own (mass per volume): μg/m³ and 微克/立方米 are both
# 微克/立方米, family concentration, base 微克/立方米.  Other denominators go to ``per``
# (吨/日 -> 吨 per day, 元/吨 -> 元 per 吨), as 日处理 and 每吨 do.
_CONCENTRATION = {"微克": 1, "毫克": 1000, "克": 10 ** 6}          # mass, in 微克
_PER_VOLUME = {"立方米": 1, "升": 1000, "毫升": 10 ** 6}            # per volume, in per 立方米
# Every unit as stored -> its entry (a few are stored under a name that is no surface: 伏)
_STORED: dict[str, tuple[str, str, str, Fraction | int | None]] = {}
for _u, _e in UNITS.items():
    _STORED.setdefault(_e[1], _e)
for _m, _fm in _CONCENTRATION.items():
    for _v, _fv in _PER_VOLUME.items():
        _STORED[f"{_m}/{_v}"] = ("concentration", f"{_m}/{_v}", "微克/立方米", _fm * _fv)

_ASCII_UNITS = {u for u in UNITS if u.isascii()}
# Units whose meaning is a count (a bare 一 before them is an article, not a number).
_COUNT_UNITS = {u for u, v in UNITS.items() if v[0] == "count"}
_DURATION_UNITS = {u for u, v in UNITS.items() if v[0] == "duration"}
_AFTER_UNIT = _DURATION_UNITS | {"成", "折"}


def _alt(words) -> str:
    """An alternation of literal words that matches the longest word first, built as a trie.

    ``增长|增加|增至`` becomes ``增(?:加|至|长)``: the engine tests one branch per character
    instead of every word in turn (and the characters that are whole words and start no longer one
    as a single class: 家|栋|条 becomes [家栋条]), and still prefers the longest word (optional tails are
    greedy) and backtracks to shorter ones in the same order as a longest-first alternation.
    ASCII words must not run on into Latin letters or digits (``kW`` is not the start of ``kWp``, ``5W1H``
    is no power).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = "(?![A-Za-z0-9])" if w.isascii() else ""

    def alternatives(node: dict) -> list[str]:
        keys = sorted(k for k in node if k)
        # characters that end a word and start no longer one (and need no guard) as one class:
        # the engine tests a branch at a time, so 家|栋|条|… costs one test per word on a miss
        leaves = [k for k in keys if node[k] == {"": ""}]
        if len(leaves) < 2:
            return [re.escape(ch) + build(node[ch]) for ch in keys]
        return ["[" + "".join(map(re.escape, leaves)) + "]"] + [
            re.escape(ch) + build(node[ch]) for ch in keys if ch not in leaves]

    def build(node: dict) -> str:
        branches = alternatives(node)
        if "" in node:
            if not branches:
                return node[""]
            if node[""]:
                return "(?:" + "|".join(branches + [node[""]]) + ")"
            return "(?:" + "|".join(branches) + "|)"      # optional (see _OPT_NOTE)
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return "|".join(alternatives(trie))


# ---------------------------------------------------------------------------
# The pattern
# ---------------------------------------------------------------------------

_D = "0-9０-９"
# _OPT_NOTE: an optional group is written (?:X|) rather than (?:X)?: the same matches in the same
# order (X first, then nothing), but the engine takes a branch where it would enter its slower
# repeat machinery (the whole pattern matches about 25% faster).
_ANUM = rf"[{_D}]+(?:[,，][{_D}]{{3}}(?![{_D}]))*(?:[.．][{_D}]+|)"
_CN_START = "一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾廿卄卅卌"
_CN_BODY = "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卄卅卌"
# 百/千 alone (近千公斤, 逾百家) is kept only after a qualifier word or with 余/多 (_build)
_CNUM = rf"(?:[{_CN_START}][{_CN_BODY}]*(?:点[〇零一二三四五六七八九]+|)|零点[〇零一二三四五六七八九]+|[百千](?:[万亿]{{1,2}}|))"
_MAG = "[十百千万亿]{0,3}?"
_NUMX = rf"(?:{_ANUM}|{_CNUM})[余多几来]?{_MAG}[余多]?"
# A unit is tried after every numeral (twice where a range may follow): one class test rejects
# the characters no unit starts with before the engine walks the trie's branches.
_UNIT = "(?=[" + "".join(sorted({re.escape(u[0]) for u in UNITS})) + "])(?:" + _alt(UNITS) + ")"
_UNIT_MATCH = re.compile(_UNIT).match
# a minus after 至/到/～ is the sign of the high end (-8～-3℃, 下降至-2.3%)
_SEP = r"[至到](?:[-−－]|)|[-—－～~〜−]{1,2}"
_MINUS = "-−－"
_POST = "左右|上下|以上|以内|以下|之内|有余|开外|多"
# Denominators after a slash: periods (吨/日, km/h) and units (元/吨, 微克/立方米, Wh/kg)
_PERIODS = {"年": "year", "a": "year", "天": "day", "日": "day", "d": "day", "月": "month", "周": "week",
            "小时": "hour", "h": "hour", "分钟": "minute", "min": "minute", "秒": "second", "s": "second"}
_PER_SUFFIX = rf"/(?:{_alt(set(_PERIODS) | set(UNITS))})|每(?:年|天|日|月|小时)"

_YEAR = rf"(?:1[0-9]|2[01])[{_D}]{{2}}"
_SKIP = (
    # dates: 2025年3月13日, 2021—2025年, 2025年度, 4月2日, 1-2月, 80年代; Chinese dates
    rf"{_YEAR}\s*(?:[-—－～~至到]{{1,2}}\s*{_YEAR}\s*|)年(?:度|代|)"
    rf"(?:[{_D}]{{1,2}}月(?:[{_D}]{{1,2}}[日号]|)|)"
    rf"|[{_D}]{{1,2}}\s*(?:[-—－～~至到]{{1,2}}\s*[{_D}]{{1,2}}\s*|)月(?:[{_D}]{{1,2}}[日号]|)"
    rf"|[{_D}]{{1,2}}[日号]"
    rf"|[{_D}]{{2}}年代"
    r"|[〇零一二三四五六七八九]{4}年"
    r"|[一二三四五六七八九十]{1,3}(?:[至到—-][一二三四五六七八九十]{1,3}|)月(?:[一二三四五六七八九十]{1,3}[日号]|)"
    # clock times 10:30, 8时30分
    rf"|[{_D}]{{1,2}}[:：][{_D}]{{2}}(?:[:：][{_D}]{{2}}|)"
    rf"|[{_D}]{{1,2}}时(?:[{_D}]{{1,2}}分|)"
)


def _qty_pattern(ranges: bool, bare: bool = False) -> str:
    # without ranges the groups u1, sep and n2 stay (so that every pattern numbers its groups alike)
    # in a branch that is never taken: the empty branch before it matches first, at no cost
    rng = rf"(?:(?:(?P<u1>{_UNIT})|)\s*(?P<sep>{_SEP})\s*(?P<n2>{_NUMX})|)" if ranges else \
        "(?:|(?!)(?P<u1>)(?P<sep>)(?P<n2>))"
    return (
        # 百分之七十, 千分之三, 万分之五 (and ranges of them)
        rf"(?P<pct>(?P<pden>[百千万])分之(?P<pnum>{_ANUM}|{_CNUM})"
        rf"(?:(?:[至到]|[-—～~])(?P=pden)分之(?P<pnum2>{_ANUM}|{_CNUM})|))"
        # 半年, 半个月; 一半, 半数, 过半 (kept or dropped in _build)
        rf"|(?P<half>(?:一|)半)(?P<hunit>个月|个小时|小时|年|天|个多月|数|)"
        rf"|(?P<n1>{_NUMX}){rng}"
        rf"(?:(?:(?P<big>大)|)(?P<unit>{_UNIT})"
        # fractions: 三分之一 (denominator first), 1/4
        rf"|分之(?P<fnum>{_ANUM}|{_CNUM})|/(?P<fden>[{_D}]{{1,3}})(?![{_D}.,/])"
        rf"|(?<=[万亿])(?![十百千万亿])" + ("|)" if bare else ")")      # bare: a number after a currency sign
    )


_HEAD = rf"(?<![{_D}.A-Za-z{_CN_BODY}])(?<![{_D}][,，])"
_TAIL = rf"(?:(?P<post>{_POST})|)(?:(?P<persuf>{_PER_SUFFIX})|)"
_RE = re.compile(rf"{_HEAD}(?:(?P<skip>{_SKIP})|{_qty_pattern(True)}){_TAIL}")
# Where a numeral can start.  A run of digits (or of Chinese numeral characters) is taken whole:
# no match can start inside one (the head lookbehind forbids it), so its inner characters are
# not visited one by one.
# One class first (the engine then skips ahead to it at C speed, which it cannot do for a choice
# of classes), the run chosen by what the first character was: digits, Chinese numerals, or 半 alone.
_START_RE = re.compile(rf"[{_D}{_CN_START}百千零〇半万]"
                       rf"(?:(?<=[{_D}])[{_D}.,，．]*|(?<=[{_CN_START}百千零〇])[{_CN_BODY}]*|(?<=半)|(?<=万)(?=分之))")
# the same groups as _RE (a skip group that never matches), so that _build reads both by position
_RE_SINGLE = re.compile(rf"{_HEAD}(?:(?P<skip>(?!))|{_qty_pattern(False)}){_TAIL}")
# A range needs one of the separator characters: in a text without any (most paragraphs) the range
# branch cannot match, and this pattern, without it, finds the same matches faster.
_RE_NORANGE = re.compile(rf"{_HEAD}(?:(?P<skip>{_SKIP})|{_qty_pattern(False)}){_TAIL}")
# A number with no unit, tried only after a currency sign or name ($25, 人民币5000)
_RE_BARE = re.compile(rf"{_HEAD}(?:(?P<skip>(?!))|{_qty_pattern(False, bare=True)}){_TAIL}")
_SEP_CHAR_SEARCH = re.compile(r"[至到\-—－～~〜−]").search
assert _RE_SINGLE.groupindex == _RE.groupindex == _RE_NORANGE.groupindex == _RE_BARE.groupindex and _RE.groups == 17 and list(_RE.groupindex) == [
    "skip", "pct", "pden", "pnum", "pnum2", "half", "hunit", "n1", "u1", "sep", "n2", "big", "unit", "fnum", "fden",
    "post", "persuf"]
_MATCH = _RE.match
_HAS_CN_NUMERAL = re.compile("[" + "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(CN_MAGNITUDES) + "点半]").search
_START_SEARCH = _START_RE.search

# Qualifier words just before the number (matched against the text that ends at the number).
_PRE = {
    "approx": "约 大约 约为 近 将近 接近 大概 大致 近乎",
    "more_than": "超 超过 逾 多于 高于 超出 突破 大于",
    "at_least": "不低于 不少于 至少 最少 起码 最低",
    "at_most": "不超过 不高于 不多于 最多 至多 最高不超过 最高",
    "less_than": "不到 不足 少于 低于 未满 小于 不满",
}
_PRE_MAP = {w: q for q, ws in _PRE.items() for w in ws.split()}
_PRE_RE = re.compile(rf"(?:{_alt(_PRE_MAP)})$")
_POST_MAP = {"左右": "approx", "上下": "approx", "以上": "at_least", "以内": "at_most",
             "以下": "at_most", "之内": "at_most", "有余": "more_than", "开外": "more_than",
             "多": "more_than"}
# A duration after these is a date period (dates.py), not a quantity.
# A duration after these is a period: 未来3年, 今后5年, 过去一年, 最近3年, 头十年, 这5年 are
# durations (the word joins the surface; 近 is read as approx); after 前/后/上/下 it is a date period
# (前三年, 上一年) and no quantity.
_PERIOD_PRE_RE = re.compile(r"未来|今后|过去|最近|近|前|后|这|上|下|头")
_PERIOD_LAST = set("来后去近前这上下头")
_PERIOD_DATES = {"前", "后", "上", "下"}
# After a duration: 4年前, 一小时后, 两年之后 are points in time (dates), not quantities
_POINT_AFTER_MATCH = re.compile(r"(?:之|以|)[前后](?![往进来列沿行夕台续勤备盾劲期])").match
# 2小时28分: hours and minutes, read as minutes
_HOUR_UNITS = {"小时", "个小时", "h"}
_MINUTES_MATCH = re.compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})分(?:钟|)(?![0-9别之])").match
# 四周 is "all around" unless a duration word is near: 为期四周, 四周内
_WEEKS_CUE_SEARCH = re.compile(r"为期|连续|持续|历时|经过|用了|用时|耗时|长达|整整|近|共|约|仅|只|短短").search
_WEEKS_AFTER = ("内", "时间", "以来", "来", "的时间", "里")
# 成 and 折 starting a word: 五成员国, 三成立, 三折叠, 折合
_CHENG_WORD_MATCH = re.compile("员国|员单位|立|果|熟|功|绩|效|型|套|群|批|倍").match
_ZHE_WORD_MATCH = re.compile("[叠合算旧射腾服]").match
# 多 after the unit is a qualifier in these families (三年多, 七成多, 30%多), elsewhere it starts a word
_MORE_FAMILIES = {"duration", "percent"}
_PER_MILLE = {"千": Decimal("0.1"), "万": Decimal("0.01")}
# units whose next characters matter: durations (4年前, 三年来, 2小时28分), 成 (六成半, 成员), 折 (折叠)
# A fraction before these is no rate: 1/4决赛 (a round of a tournament), 5/8英寸 (a measure)
_FRACTION_NOT_RATE = ("决赛", "赛", "英寸", "寸")
_MEASURES = {"length", "mass", "area", "volume", "duration", "money", "energy", "power"}

# Minus signs; the character before one must not make it a dash (3-5, G-5, 1.2-1.5)
_MINUS = "-−－"
_DASHES = "-—－−"
_NOT_BEFORE_MINUS = frozenset("0123456789.)）]_/%~～-−－—ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# Currency signs and names written before the number -> the unit stored.  ¥/￥ in a Chinese paper is
# the yuan (元); 人民币 is 元 too; another currency named before a number in 元 (港币4900元) is that
# currency.
_CUR_PRE = {
    "$": "美元", "＄": "美元", "US$": "美元", "HK$": "港元", "NT$": "新台币", "S$": "新加坡元", "A$": "澳元",
    "C$": "加元", "¥": "元", "￥": "元", "€": "欧元", "£": "英镑", "₩": "韩元", "₽": "卢布", "₹": "卢比",
    "人民币": "元", "港币": "港币", "港元": "港元", "美元": "美元", "欧元": "欧元", "日元": "日元", "英镑": "英镑",
    "新台币": "新台币", "台币": "台币", "澳门币": "澳门币", "澳门元": "澳门元", "澳元": "澳元", "加元": "加元",
    "韩元": "韩元", "卢布": "卢布",
}
_CUR_LAST = frozenset(w[-1] for w in _CUR_PRE)
_CUR_MAXLEN = max(map(len, _CUR_PRE))
_CUR_REV_MATCH = re.compile(_alt({w[::-1] for w in _CUR_PRE})).match


def _currency_before(text: str, start: int, floor: int) -> tuple[str, str] | None:
    """(sign or name, unit) of a currency written just before ``start``, or None."""
    pm = _CUR_REV_MATCH(text[max(floor, start - _CUR_MAXLEN):start][::-1])
    if pm is None:
        return None
    w = pm.group(0)[::-1]
    return w, _CUR_PRE[w]


def _discount(n1: str, value: Decimal | None) -> Decimal | None:
    """A discount as the % of the full price paid: 八五折 -> 85, 七折 -> 70, 8.8折 -> 88, 5折 -> 50.

    ``value`` is the number read from Arabic digits, or None for Chinese digits (read as a digit
    string: 八五 is 85, not a range).  None when the numeral is no discount."""
    if value is None:
        ds = [CN_DIGITS.get(c) for c in n1]
        if not 1 <= len(ds) <= 2 or None in ds or ds[0] == 0:
            return None
        return Decimal(ds[0] * 10 + (ds[1] if len(ds) == 2 else 0))
    if not 0 < value < 100:
        return None
    return value * 10 if value < 10 else value

# Fixed expressions containing numerals: never quantities.
IDIOMS = (
    "一成不变 三番五次 三番两次 三令五申 一五一十 七上八下 九牛一毛 千家万户 四面八方 五湖四海 "
    "三心二意 一举两得 一石二鸟 两面三刀 十全十美 一年一度 一年四季 三个代表 两个确立 两个维护 "
    "四个意识 四个自信 四个全面 五位一体 两个一百年 三严三实 两学一做 三个务必 八项规定 "
    "一国两制 一带一路 三天两头 三天打鱼 一日千里 一步到位 一次性 一揽子 一条龙 一站式 一把手 "
    "一张蓝图 一件事 两张皮 一口气 一部分 一批批 一项项 一个个 一座座 一栋栋 一家家 一人一策 "
    "一企一策 一户一策 一村一品 一县一业 一乡一业 百分之百 十二分 三条腿 两条腿 双一流 "
    "一年之计 一日之计 一年到头 一年半载 三年五载 十年树木 百年树人 七折八扣 一波三折"
).split()
_IDIOM_RE = re.compile(_alt(IDIOMS))
_IDIOM_SEARCH = _IDIOM_RE.search

# per-time rates stated before the number: 年产10万吨, 日均600吨, 每年…, 年产能25万吨
_PER_VERBS = ("产能 产值 产量 均 产 处理 接待 吞吐 加工 发电 销售 供应 输送 出栏 运量 客流 销量 用量 吸纳 营收 "
              "收入 减排 供水 用水 供电 供气 供热 排放 运输").split()
_PER_PRE_RE = re.compile(
    rf"(?:(?<![去今明前0-9])(?:全?年|日|月|周|天|小时)(?:{_alt(_PER_VERBS)})|每(?:年|天|日|月|周|小时)"
    r"|全年|时速)"
)
_PER_NOUN_RE = re.compile(r"每(亩|人|户|吨|公斤|千克|斤|平方米|公里|千瓦时|台|件|个)")
_PER_ANY_RE = re.compile(rf"{_PER_PRE_RE.pattern}|每(?P<noun>亩|人|户|吨|公斤|千克|斤|平方米|公里|千瓦时|台|件|个)")
_PRE_LAST = {w[-1] for w in _PRE_MAP}
_PRE_LENS = sorted({len(w) for w in _PRE_MAP}, reverse=True)
_PRE_REV_MATCH = re.compile(_alt({w[::-1] for w in _PRE_MAP})).match   # the longest qualifier ending here
_SELF_BASE = {"count", "percent", "pp", "other", "ratio", "age", "temperature", "money", "duration"}
_PER_WORD = {"年": "year", "全": "year", "日": "day", "天": "day", "月": "month", "周": "week",
             "小": "hour", "时": "hour"}

# ---------------------------------------------------------------------------
# What is counted
# ---------------------------------------------------------------------------

_CLAUSE_STOP = "，。；：！？、,;:!?()（）《》【】[]「」『』\n \u3000…—-·"
_QUOTES_OPEN = "“‘\"'「『"
_QUOTES_CLOSE = "”’\"'」』"
# Words trimmed from the end of a phrase found left of the number (猪肉产量达到 -> 猪肉产量) and
# from the start of any phrase (实现产值 -> 产值).  Single characters only where they are rarely
# part of a noun at that end.
_TAIL_WORDS = (
    "的 了 已 已经 均 都 将 可达 共 共有 共计 合计 累计 总计 达 达到 达到了 为 是 有 约 约为 近 "
    "超 超过 逾 仅 仅用 仅有 只有 完成 完成了 实现 实现了 增长 增加 下降 减少 提升 提升至 提高 提高到 "
    "降至 降低 升至 增至 突破 占 到 至 于 盘活 交货 承接 获得 荣获 获 引进 引入 新增 涉及 覆盖 "
    "带动 吸纳 使用 用 包括 包含 预计 计划 力争 分别 先后 中 为期 历时 耗时 用时 共有 拥有 具备 "
    "配备 建成 新建 改造 发放 下放 调整 帮扶 惠及 培训 接待 节约 节省 减排 达成 "
    "累计完成 已完成 已成功 部署 安排 设立 建立 落实 投放 拨付 筹集 下达 安置 招聘 培育"
).split()
# Verbs of change and level that end a subject (合格率稳定在98%, 价格同比上涨0.8%, 时限压缩至5天);
# they also stop a phrase read right of the number, but are not split inside a phrase.
_LEVEL_WORDS = (
    "稳定在 保持在 控制在 维持在 稳定 保持 压缩 压缩至 压缩到 缩短 缩短至 缩短到 延长 延长至 上涨 下跌 "
    "回落 上升 攀升 扩大 缩小 发展 发展到 同比 环比 最高可 可获得 可获 降到 增加到 减少到 减至 下降到 "
    "提升到 上升到 上升至 增长到 增长至 跃升 跃升至 稳居 位居 整改 已整改 "
    "每斤 每亩 每吨 每人 每户 每年 每天 每月 每公斤 每千克 每平方米"
).split()
_INNER_TAIL_WORDS = [w for w in _TAIL_WORDS if len(w) >= 2] + ["投入"]
_TAIL_WORDS = _TAIL_WORDS + _LEVEL_WORDS
_HEAD_WORDS = (
    "的 已 已经 将 把 被 由 让 使 令 对 向 从 以 这 该 此 各 每 其中 目前 当前 截至目前 今年 去年 "
    "同比 环比 使用 实现 完成 具备 拥有 引入 引进 落地 配套 组建 开展 推动 带来 惠及 新建 改造 建成 "
    "建立 设立 发放 下放 调整 部署 出台 印发 举办 节约 节省 和 与 及 并 且 但 而 也 又 还 "
    "再 即 就 都 均 共 累计 预计 计划 力争 先后 陆续 分别 进一步 持续 不断 逐步 全面 正式 成功 "
    "凭借 通过 为 为期 用于 属于 约 近 超 仅 包括 其余 其他 另有 另外 此外 同时 远销 销往 覆盖 "
    "涉及 带动 吸纳 帮助 培训 服务 接待 共有 合计 总计 达 达到 同期 当年 年内 "
    "届时 发现 查处 收到 收购 新增 累计 有 现有 新开工 新培育 新认定 新引进"
).split()
# A single-character head word is not cut where it starts a word (就业岗位, 从业人员, 有效投资)
_HEAD_KEEP = frozenset(
    "就业 从业 共享 再生 对外 对口 有限 有效 有机 有色 有线 有关 有害 有序 和谐 及时 还款 均价 并购 "
    "使用 以上 以下 向日 将士 再就业 建成区 新建区".split())
# Content verbs at the head of a phrase are kept before a measure noun (培训时长 stays whole);
# light verbs (实现产值, 完成投资, 新增产能) are always cut.
_HEAD_GUARDED = frozenset(
    "培训 接待 服务 发放 下放 调整 部署 节约 节省 引入 引进 新建 改造 建成 建立 设立 惠及 带动 吸纳 帮助 "
    "收购 发现 查处 收到 开通 申请 治理 兑付 提供 争取 举办 引导 吸引 招引 签约 打造 培养 认定 创建 扶持 "
    "推出 开设 组织 落地 配套 组建 开展 推动 带来 出台 印发 覆盖 涉及 远销 销往 使用".split())
# Verbs that take a measure as their object: split before a measure noun too (节约成本 -> 成本)
_LIGHT_VERBS = frozenset("实现 实现了 完成 完成了 节约 节省 减少 降低 压缩 新增 累计 突破 超过 获得 拨付 筹集 "
                         "下达 发放".split())
# What a phrase may be even though it is a function word elsewhere (其他占25% -> 其他)
_KEEP_WHOLE = frozenset(("其他", "其余", "其它"))
_FUNCTION_SET = set(_TAIL_WORDS) | set(_HEAD_WORDS) | {"成功", "生产", "建设", "服务"}
_FW_HEAD_RE = re.compile(rf"^(?:{_alt(_HEAD_WORDS)})")
_FW_TAIL_RE = re.compile(rf"(?:{_alt(_TAIL_WORDS)})$")
# Right of the unit the phrase stops at punctuation, digits or these words (after 2 characters).
_RIGHT_HARD_STOP_RE = re.compile(rf"[{re.escape(_CLAUSE_STOP)}{_CN_START}]|[0-9](?![0-9]*[A-Za-z])|不|的|之|已")
_RIGHT_STOP_RE = re.compile(
    r"均|都|将|在|和|与|及|等|为|是|被|从|到|至|于|"
    + _alt([w for w in _TAIL_WORDS if len(w) >= 2] + (
        "签订 签署 就业 下沉 入驻 进驻 走进 投用 投运 迅速 纷纷 相继 集中 正在 同时 开通 配合 做好 负责 承担 "
        "牵头 协助 "
        "盘活 实现 完成 达到 提升 用于 投产 建成 落地 开展 正式 全面 以上 左右 以下 以内 配备 配置 具备 "
        "拥有 推进 作业 落户 投入 发放 顺利 成功 先后 陆续 分别 通过 进行 获得 荣获 覆盖 带动 实施 "
        "开工 竣工 运行 运营 累计 同比 增长 下降 增加 减少 联合 出台 印发 共同 调整 下移 上移 全部 解决 参加 "
        "参与 参观 表示 认为 获评 入选 受益 享受 办理 得到 完成 落实 发挥 加入 选择 接受").split())
)
_RIGHT_TAIL_CHARS = set("中内里")
_RIGHT_HARD_SEARCH = re.compile(rf"[{re.escape(_CLAUSE_STOP)}{_CN_START}不的之已0-9]").search
_DIGITS_THEN_LATIN = re.compile("[0-9]*[A-Za-z]").match
_ASCII_DIGITS = frozenset("0123456789")
# 该县, 全市, 这个区 (a place named by its level, not a noun: 全市场, 本区域, 该市民 stay), 这些, 各类,
# 每亩, then the bare demonstratives.
_DEMONSTRATIVE_RE = re.compile(
    r"^(?:[年月日](?=[全该本各这此])|(?:该|本|此|这个?|全)[省市县区州镇乡村国](?![场域民级属长委政内外籍份])"
    r"|(?:这|那|此|每|各)[个条项家种批座栋名位次期些类级]|每(?:亩|人|户|吨|公斤|千克|斤|年|天|日|月)"
    r"|(?:这|那|此)一(?=[\u4e00-\u9fff]{2})"      # 这一比重 -> 比重
    r"|这|那|该|此|本(?![科地金土])|各|每)")        # 本科, 本地: 本 is part of the noun
_DEMONSTRATIVE_FIRST = set("这那该此本各每全年月日")
_DEMONSTRATIVE_MATCH = _DEMONSTRATIVE_RE.match       # anchored: the same as a sub with count=1
# Time words: a phrase starts after the last one (该县去年粮食产量 -> 粮食产量).  全年 stays (全年产量
# is what the year produced).
_TIME_WORD_RE = re.compile(
    r"(?:今|去|上|明|前|当|本)年(?:度|以来)?|(?:第?[一二三四]|前[二三])季度|[上下]半年"
    r"|前[一二三四五六七八九十]{1,2}个月|截至目前|目前|当前|此前|年[初底末内]|近年来?|同期|以来|当月|本月|上月")
_TIME_ONLY = re.compile(rf"(?:{_TIME_WORD_RE.pattern})+").fullmatch
_TIME_WORD_FINDITER = _TIME_WORD_RE.finditer
# every time word holds one of these: without one _after_time_word is not called
_TIME_HINT_SEARCH = re.compile("[年季月前期来]").search
_TRIM_HINT_SEARCH = re.compile("[第首的年季月前期来]").search
# Measure nouns: a verb just before one is part of the noun (地区生产总值, 棉花种植面积, 研发投入强度)
_MEASURE_HEAD_RE = re.compile(_alt(
    "值 额 量 率 面积 强度 规模 能力 时间 时长 成本 价格 效率 比例 比重 占比 收入 产值 产量 金额 周期 水平 "
    "人数 数量 次数 户数 增速 增幅 能耗 费用 指数 总值 总额 总量 总数 "
    # and nouns a verb modifies (招聘活动, 核验工作, 培训人员)
    "活动 工作 人员 行动 会 班".split())).match
# The subject of a share or comparison ends before 占 / 比 / 同比 / 是…的 (农村人口占总人口的35%,
# 增速比全国平均水平高2.4个百分点, 出口额是进口额的3倍).  Every branch starts with a literal (the
# lookbehind of 比 comes after it; 是 and 为 are two branches, not a class), so that the engine can
# skip to the candidates.
_SUBJECT_END_RE = re.compile(
    r"占(?![地用有据比])|比(?<![占对相类无好]比)(?![重例率值较赛])|同比|环比"
    r"|较(?=上年|去年|前|同期|年初|全国|全省|全市|全区|全县)|是(?=.+的$)|为(?=.+的$)")
# 从/由 opens the starting value: the subject is before it (景区门票价格由120元降至80元)
_FROM_RE = re.compile(r"从(?![业事而])|由(?![于此])")
# A verb that takes the number as its object, with the thing after 的 (获得50万元的贷款支持)
_GIVE_VERB_RE = re.compile(
    r"(?:获得|获|享受|发放|提供|给予|补贴|奖励|使用|安排|拨付|筹集|减免|带来|创造|吸引|惠及|争取|落实)$")
# Change verbs: a clause with one and no subject of its own is about the previous quantity's what
# (营业收入3.6亿元，同比增长12.5%)
_CHANGE_RE = re.compile(r"增长|下降|提高|降低|上涨|下跌|增加|减少|回落|上升|扩大|缩小|提升|增|降|高|低|多|少")
# Nouns after a place count that name what is counted (四地公共资源交易中心)
_ORG_SUFFIXES = ("中心", "局", "委", "厅", "办", "院", "站", "部门", "机构", "单位", "企业", "公司", "政府",
                 "医院", "学校", "银行", "法院", "园区", "市场", "协会", "平台", "景区")
_ORDINAL_LEAD_RE = re.compile(r"^.*(?:第[0-9一二三四五六七八九十百]+|首)[批次期届个轮项]")
_INNER_VERB_RE = re.compile(_alt(_INNER_TAIL_WORDS + [
    "发现", "推出", "建成", "收购", "生产", "出口", "种植", "新建", "实施", "培训", "救治", "接待",
    "争取", "开通", "申请", "治理", "兑付", "提供", "举办", "引导", "吸引", "招引", "打造", "培养", "认定",
    "创建", "扶持", "开设", "组织", "帮助", "新开工", "登记", "新登记", "改建", "抽检", "检查", "排查",
    "整改", "挽回", "更换", "办理", "处理", "查办", "受理", "审结", "调解", "救助", "资助", "走访", "慰问"]))
_LEFT_CHAR_RE = re.compile(rf"(?:[^{re.escape(_CLAUSE_STOP + _QUOTES_OPEN + _QUOTES_CLOSE)}0-9%]|[0-9]+(?=[A-Za-z]))+$")
# The same run read backwards from the number: one match at the start of the reversed window
# instead of a search that retries the pattern at every position.
_LEFT_CHAR_REV_MATCH = re.compile(
    rf"(?:[^{re.escape(_CLAUSE_STOP + _QUOTES_OPEN + _QUOTES_CLOSE)}0-9%]+|(?<=[A-Za-z])[0-9]+)+").match
# (the class repeated inside the group: the engine runs it in one loop rather than one group
# iteration per character)
_INNER_VERB_SEARCH = _INNER_VERB_RE.search
# Nouns that take a number directly (中亚五国, 四地, 16部门): the noun is what is counted.
_NOUN_CLASSIFIERS = {"国": "国家", "省": "省份", "市": "市", "县": "县", "地": "地", "区": "区",
                     "村": "村", "镇": "镇", "乡": "乡", "校": "学校", "部门": "部门"}
_MAX_WHAT = 12


_HEAD_SET = set(_HEAD_WORDS)
_TAIL_SET = set(_TAIL_WORDS)
_HEAD_LENS = sorted({len(w) for w in _HEAD_SET}, reverse=True)
_TAIL_LENS = sorted({len(w) for w in _TAIL_SET}, reverse=True)


# The longest head (tail) word of a phrase in one C-level match: alternatives are tried longest
# first, and tail words are matched on the reversed phrase.
_HEAD_MATCH = re.compile(_alt(_HEAD_SET)).match
_TAIL_MATCH_REV = re.compile(_alt({w[::-1] for w in _TAIL_SET})).match
_HEAD_FIRST = {w[0] for w in _HEAD_SET}
_TAIL_LAST = {w[-1] for w in _TAIL_SET}


def _cut_head(phrase: str) -> str:
    if phrase[:1] not in _HEAD_FIRST:
        return phrase
    m = _HEAD_MATCH(phrase)
    if m is None:
        return phrase
    if phrase[:m.end() + 1] in _HEAD_KEEP:      # 就业岗位, 建成区绿化覆盖率: the head word starts a word
        return phrase
    if m.end() >= 2 and phrase[:m.end()] in _HEAD_GUARDED and _MEASURE_HEAD_RE(phrase, m.end()):
        return phrase              # 培训时长, 接待人数: the verb is part of the noun
    if len(phrase) - m.end() >= 2:
        return phrase[m.end():]
    for k in _HEAD_LENS:            # the longest word leaves too little: a shorter one may not
        if k < m.end() and phrase[:k] in _HEAD_SET and len(phrase) - k >= 2:
            return phrase[k:]
    return phrase


_NOUNS_ENDING_LIKE_TAILS = ("高中", "初中", "城里", "乡里", "村里")   # 中/里 here end a noun, not a locative


def _cut_tail(phrase: str) -> str:
    if phrase[-1:] not in _TAIL_LAST or phrase.endswith(_NOUNS_ENDING_LIKE_TAILS):
        return phrase
    m = _TAIL_MATCH_REV(phrase[::-1])
    if m is None:
        return phrase
    if len(phrase) - m.end() >= 2:
        return phrase[:-m.end()]
    for k in _TAIL_LENS:
        if k < m.end() and phrase[-k:] in _TAIL_SET and len(phrase) - k >= 2:
            return phrase[:-k]
    return phrase


def _after_time_word(phrase: str) -> str:
    """The phrase after its last time word, when at least two characters follow it."""
    last = None
    for last in _TIME_WORD_FINDITER(phrase):
        pass
    if last is not None:
        if len(phrase) - last.end() >= 2:
            return phrase[last.end():]
        if _TIME_ONLY(phrase):
            return ""              # 上年四季度环比增长1.6%: a time, no noun
    return phrase


def _trim(phrase: str, tail: bool = True) -> str:
    if len(phrase) < 2:
        return ""                  # nothing below lengthens a phrase, and the result needs two characters
    if _TRIM_HINT_SEARCH(phrase) is not None:     # most phrases hold none of 第首的 nor a time word
        if "第" in phrase or "首" in phrase:
            phrase = _ORDINAL_LEAD_RE.sub("", phrase)
        if phrase.find("的", 1, len(phrase) - 1) >= 0:
            phrase = phrase.rsplit("的", 1)[1]
        if _TIME_HINT_SEARCH(phrase) is not None:
            phrase = _after_time_word(phrase)
    for _ in range(6) if (phrase[:1] in _TRIM_FIRST or (tail and phrase[-1:] in _TAIL_LAST)) else ():
        before = phrase
        first = phrase[:1]
        if first in _DEMONSTRATIVE_FIRST:
            dm = _DEMONSTRATIVE_MATCH(phrase)
            cut = phrase[dm.end():] if dm is not None else phrase
            if len(cut) >= 2:
                phrase = cut
                first = ""         # 各级各类学校: the next demonstrative on the next round, not 各 as a head word
        if first in _HEAD_FIRST:
            phrase = _cut_head(phrase)
        if tail and phrase[-1:] in _TAIL_LAST:
            phrase = _cut_tail(phrase)
        if phrase == before:
            break
    end = _TRIM_END.get(phrase)
    if end is not None:
        return end                 # 其他 kept whole; a function word alone is no phrase
    if len(phrase) < 2:
        return ""
    return phrase


_TRIM_END = {**{w: "" for w in _FUNCTION_SET}, **{w: w for w in _KEEP_WHOLE}}
_TRIM_FIRST = _DEMONSTRATIVE_FIRST | _HEAD_FIRST     # without one of these first (or a tail word last) _trim's loop changes nothing


def _right_stop(window: str, lead: int) -> int:
    # _RIGHT_HARD_STOP_RE as one class (fast to search), then its digit rule: a digit that starts
    # a Latin word (5G) is no stop
    hard = _RIGHT_HARD_SEARCH(window, lead)
    while hard is not None and window[hard.start()] in _ASCII_DIGITS and \
            _DIGITS_THEN_LATIN(window, hard.start() + 1) is not None:
        hard = _RIGHT_HARD_SEARCH(window, hard.start() + 1)
    stop = hard.start() if hard else len(window)
    soft = _RIGHT_STOP_RE.search(window, lead + 2, stop)
    return soft.start() if soft else stop


def _what_right(text: str, end: int) -> str:
    window = text[end:end + 24]
    if window[:1] in _RIGHT_STOP_FIRST:
        return ""                  # the phrase would stop before its first character
    if window[:1] in _QUOTES_OPEN:
        close = min((i for i in (window.find(c, 1) for c in _QUOTES_CLOSE) if i > 0), default=-1)
        if close > 1:
            return window[1:close][:_MAX_WHAT]
        window = window[1:]
    lead = 1 if window.startswith("的") else 0   # 不低于70%的家庭医生签约服务费
    stop = _right_stop(window, lead)
    seg = window[lead:stop]
    if seg[-1:] in _ATTRIBUTIVE_LAST and window[stop:stop + 1] in ("及", "和", "与", "、"):
        # 国家级及行业级重大科技奖项: an attributive cannot end the phrase, the noun comes after the
        # conjunction
        stop2 = _right_stop(window, stop + 1)
        whole = _trim(window[lead:stop2])
        if len(whole) > len(seg):
            return whole if len(whole) <= _MAX_WHAT + 4 else _trim(window[stop + 1:stop2])[:_MAX_WHAT]
    if seg[-1:] in _RIGHT_TAIL_CHARS and not seg.endswith(_NOUNS_ENDING_LIKE_TAILS):   # 10万吨水溶肥中 -> 水溶肥
        seg = seg[:-1]
    return _trim(seg)[:_MAX_WHAT]


_ATTRIBUTIVE_LAST = set("级型类性式")
# characters _RIGHT_HARD_STOP_RE stops at wherever they are, and the empty window (opening quotes,
# some of them clause stops too, are read as quotes first)
_RIGHT_STOP_FIRST = (frozenset(_CLAUSE_STOP + _CN_START + "不之已") - frozenset(_QUOTES_OPEN)) | {""}


def _left_raw(text: str, start: int, floor: int) -> tuple[str, int]:
    """The run of phrase characters just left of the number and where it starts."""
    lo = max(floor, start - 24)
    if start <= lo:
        return "", start
    # the window read backwards from the number, in one slice
    m = _LEFT_CHAR_REV_MATCH(text[start - 1:lo - 1 if lo else None:-1])
    if not m:
        return "", start
    return text[start - m.end():start], start - m.end()


def _what_left(text: str, start: int, floor: int) -> str:
    # _left_raw, inlined: the run of phrase characters just left of the number, starting at a
    lo = max(floor, start - 24)
    if start <= lo:
        raw, a = "", start
    else:
        lm = _LEFT_CHAR_REV_MATCH(text[start - 1:lo - 1 if lo else None:-1])
        if lm is None:
            raw, a = "", start
        else:
            a = start - lm.end()
            raw = text[a:start]
    if a > floor and a and text[a - 1] in "0123456789" and len(raw) <= 3:
        # a date or number just before (粮食产量从2020年的120万吨): the subject is before 从/由
        k = a - 1
        while k > floor and text[k - 1] in "0123456789.":
            k -= 1
        before, _ = _left_raw(text, k, floor)
        f = None
        for f in _FROM_RE.finditer(before):
            pass
        if f is None or f.start() < 2:
            return ""
        raw = before[:f.start()]
    else:
        if raw[-1:] in ("从", "由") and len(raw) >= 3 and _FROM_RE.match(raw, len(raw) - 1):
            raw = raw[:-1]         # 景区门票价格由120元降至80元
        if a > floor and text[a - 1] == "、":
            # 小麦、玉米、棉花播种面积分别为…: the items share the head (播种面积); drop the last item,
            # as long as the one before it
            i = a - 1
            j = i
            while j > floor and text[j - 1] not in _CLAUSE_STOP and not text[j - 1].isdigit():
                j -= 1
            n = i - j
            if 2 <= n <= 4 and len(raw) - n >= 2 and (j == floor or not text[j - 1].isdigit()):
                raw = raw[n:]
    if not raw:
        return ""
    s = _SUBJECT_END_RE.search(raw)
    if s is not None:
        if s.start() < 2:
            return ""          # 比上年增长15.2%: no subject in this clause
        raw = raw[:s.start()]
    phrase = _trim(raw)
    # subject + verb + object: keep the object (巡视组发现问题线索 -> 问题线索), unless the verb is
    # part of a measure noun (地区生产总值, 研发投入强度)
    if len(phrase) >= 4 and (v0 := _INNER_VERB_SEARCH(phrase)) is not None:   # most phrases have no verb
        last = None
        rate = phrase[-1] == "率"     # 产品抽检合格率: a rate names its whole phrase
        for v in _INNER_VERB_RE.finditer(phrase, v0.start()):
            if len(phrase) - v.end() >= 2 and not rate and phrase[v.start():v.end() + 1] not in _HEAD_KEEP and (
                    v.group() in _LIGHT_VERBS or _MEASURE_HEAD_RE(phrase, v.end()) is None):
                last = v
        if last is not None:
            cut = _trim(phrase[last.end():])
            if cut:
                phrase = cut
    return phrase[-_MAX_WHAT:]


# ---------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------

@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    surface: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    base_value: float | None
    base_value_high: float | None
    base_unit: str
    _what: str | None
    numeral: str
    family: str
    per: str
    classifier: str
    exact_value: Decimal = field(default=Decimal(0), repr=False)
    # what is read from the text on first use (text, start, end, family, unit, floor, previous quantity)
    _what_ctx: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def what(self) -> str:
        """Short noun phrase the number measures; found on first use, then kept."""
        if self._what is None:
            ctx = self._what_ctx
            prev = ctx[6]
            if prev is None or prev._what is not None:     # the usual case: read in order
                self._what = _what(*ctx)
                self._what_ctx = None
                return self._what
            # the previous quantity's what may be needed: compute the chain oldest first, without
            # recursion (a paragraph may hold thousands of numbers)
            chain = []
            q = self
            while q is not None and q._what is None:
                chain.append(q)
                q = q._what_ctx[6]
            for q in reversed(chain):
                q._what = _what(*q._what_ctx)
                q._what_ctx = None
        return self._what

    @what.setter
    def what(self, value: str) -> None:
        self._what, self._what_ctx = value, None


_MAGS = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}
_MAGS_WAN = {"万": 10 ** 4, "亿": 10 ** 8}
# magnitude runs after Arabic digits that read as a product (others go through parse_number)
_MAG_RUNS = {**_MAGS, "十万": 10 ** 5, "百万": 10 ** 6, "千万": 10 ** 7, "十亿": 10 ** 9, "百亿": 10 ** 10,
             "千亿": 10 ** 11, "万亿": 10 ** 12}
_ARABIC_MAG_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([余多几来]?)([十百千万亿]{1,3})([余多]?)")
_CN_SMALL: dict[str, int] = {}


def _small_chinese() -> None:
    """一 … 九十九 (and 两): the Chinese numerals news text writes most, read without parsing."""
    d = "一二三四五六七八九"
    for i, a in enumerate(d, 1):
        _CN_SMALL[a] = i
        _CN_SMALL["十" + a] = 10 + i
        _CN_SMALL[a + "十"] = 10 * i
        for j, b in enumerate(d, 1):
            _CN_SMALL[a + "十" + b] = 10 * i + j
    _CN_SMALL["十"] = 10
    _CN_SMALL["两"] = 2


_small_chinese()


def _num(s: str) -> tuple[Decimal, str, int]:
    """Value of a numeral group as matched by _NUMX, the approx marker, and the magnitude."""
    if s.isascii() and "," not in s:
        return Decimal(s), "", 1
    mag = _MAGS_WAN.get(s[-1])
    if mag is not None:
        head = s[:-1]
        if head.isascii() and head.replace(".", "", 1).isdigit():
            # 2.3万, 12亿: the commonest form with a magnitude, read as the _ARABIC_MAG_RE path below does
            return Decimal(head) * mag, "", mag
    small = _CN_SMALL.get(s)
    if small is not None:
        return Decimal(small), "", 1
    fm = _ARABIC_MAG_RE.fullmatch(s)
    if fm is not None and not (fm.group(2) and fm.group(4)):
        mag = _MAG_RUNS.get(fm.group(3))
        if mag is not None:
            # 2.3万, 2600余万, 1.5万亿: digits times the magnitude, exactly
            return Decimal(fm.group(1)) * mag, fm.group(2) or fm.group(4), mag
    approx = ""
    core = s
    if s[0] in "百千":
        core = "一" + s       # 百亿, 千万: the 一 is understood
    for ch in "余多几来":
        if ch in core:
            i = core.index(ch)
            approx = ch
            core = core[:i] + core[i + 1:]
            break
    return parse_number(core), approx, _magnitude_of(core)


def _magnitude_of(core: str) -> int:
    """Trailing 万/亿/千万… magnitude of a numeral with Arabic digits (for ranges: 5—8万)."""
    t = core.translate(FULLWIDTH)
    i = len(t)
    while i and t[i - 1] in "十百千万亿":
        i -= 1
    if i == len(t) or not t[:i] or not t[i - 1].isdigit():
        return 1
    mag = 1
    for ch in t[i:]:
        mag *= {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}[ch]
    return mag


def _has_magnitude(core: str) -> bool:
    return any(c in "万亿" for c in core)


def _f(d: Decimal | Fraction | None) -> float | None:
    return None if d is None else float(d)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with offsets relative to ``text``.

    Text in traditional characters (萬, 億, 噸, 約 …) is read through its simplified shadow, which
    has the same length: offsets and surfaces refer to ``text`` as given; units are stored in
    their simplified form (噸 -> 吨) and ``what`` is in simplified characters.
    """
    if _TRAD_SEARCH(text) is not None:
        out = _find(text.translate(T2S))
        for q in out:
            q.surface = text[q.start:q.end]
        return out
    out: list[Quantity] = []
    last_end = 0
    match = _MATCH if _SEP_CHAR_SEARCH(text) is not None else _RE_NORANGE.match
    titled = "《" in text
    share = False           # a quantity right after 和/与/、: the number before may share its unit
    # A cheap scan for where a numeral can start; the full pattern is tried only there (about 5x
    # faster than letting the big pattern search, which cannot skip ahead by itself).
    search = _START_SEARCH
    sm = search(text)
    while sm is not None:
        i = sm.start()
        m = match(text, i)
        if m is None and i and text[i - 1] in _CUR_LAST:
            m = _RE_BARE.match(text, i)       # $25, 人民币5000: a currency before a bare number
        if m is None:
            sm = search(text, sm.end())
            continue
        g = m.groups()
        if g[0] is not None:       # skip: a date or a time
            sm = search(text, m.end())
            continue
        q = _build(text, m, g, last_end, out, titled)
        if q is None and g[10] is not None:
            # not a range after all (1.2个百分点至4.8%): read the first number alone
            m1 = _RE_SINGLE.match(text, i)
            if m1 is not None:
                q = _build(text, m1, m1.groups(), last_end, out, titled)
                m = m1
        if q is None:
            sm = search(text, sm.end())
            continue
        out.append(q)
        if q.start and text[q.start - 1] in "和与及或、":
            share = True
        last_end = q.end
        e = m.end()
        sm = search(text, e if e >= q.end else q.end)     # the surface may reach past the match (三年来, 六成半)
    if share:
        _share_units(text, out)
    return out


_TRAD_SEARCH = re.compile("[" + "".join(map(chr, T2S)) + "]").search
_find = find_quantities      # on a simplified shadow the traditional branch is never taken


# 4.4和3.2个百分点, 3万与5万吨, 1、2和3个: a bare number before a connector takes the unit of the
# quantity right after it.
_LEFT_BARE_RE = re.compile(rf"(?<![{_D}.A-Za-z{_CN_BODY}第])(?<![{_D}][,，])(?P<n>{_ANUM})(?P<mag>[万亿]{{0,2}})"
                           r"(?:[和与及或、]|以及)$")
_RIGHT_NUM_RE = re.compile(rf"{_ANUM}(?P<mag>[万亿]{{0,2}})")
_SHARE_FAMILIES = {"money", "area", "mass", "length", "volume", "percent", "pp", "ratio", "energy",
                   "power", "count", "duration", "other"}


def _share_units(text: str, out: list[Quantity]) -> None:
    """A bare number before 和/与/、 takes the unit of the quantity after it (3和5万吨: 3万吨).

    Works from the right end of ``out`` with a stack, so a long chain stays linear."""
    pending = out[:]          # still to look at; the last one is the current right end
    done: list[Quantity] = []  # looked at, in reverse order
    while pending:
        q = pending.pop()
        prev = pending[-1] if pending else None
        floor = prev.end if prev is not None else 0
        rm = _RIGHT_NUM_RE.match(text, q.start)
        if (not q.unit or q.qualifier == "range" or q.family not in _SHARE_FAMILIES or rm is None
                or q.numeral == "chinese"):
            done.append(q)
            continue
        bare_prev = prev is not None and prev.unit == ""
        lm = _LEFT_BARE_RE.search(text, max(prev.start if bare_prev else floor, q.start - 24), q.start)
        prev_bare = bare_prev and lm is not None and prev.start == lm.start()
        if lm is None or (lm.start() < floor and not prev_bare):
            done.append(q)
            continue
        mag = lm.group("mag")
        try:
            value = parse_number(lm.group("n"))
            if mag:
                value = parse_number(lm.group("n") + mag)
            elif rm.group("mag"):
                value = parse_number(lm.group("n") + rm.group("mag"))   # 3和5万吨: 3万
        except NumeralError:
            done.append(q)         # 0和5亿元: 0亿 is no numeral, the 0 stays bare
            continue
        family, unit, base_unit, factor = _STORED[q.unit]
        base = None
        if factor is not None:
            base = _f(Fraction(value) * factor)
        elif family in _SELF_BASE:
            base = float(value)
        a, z = lm.start(), lm.start("n") + len(lm.group("n")) + len(mag)
        new = Quantity(a, z, text[a:z], float(value), None, q.unit, "exact", base, None, q.base_unit,
                       q.what, "mixed" if mag else "arabic", q.family, q.per, q.classifier, value)
        done.append(q)
        if prev_bare:
            pending[-1] = new
        else:
            pending.append(new)
        # the new one may itself be the right end of a chain (1、2和3个): it is looked at next
    out[:] = done[::-1]


def _build(text: str, m: re.Match, g: tuple, floor: int, prev: list[Quantity], titled: bool = True
           ) -> Quantity | None:
    """The quantity of match ``m`` of _RE or _RE_SINGLE, whose groups are ``g`` (m.groups())."""
    (_, pct, pden, pnum, pnum2, half, hunit, n1, u1, sep, n2, big, unit_surface, fnum, fden,
     post, persuf) = g
    if n2 is None and (n1 == "一" or n1 == "二") and (
            unit_surface in _COUNT_UNITS or (n1 == "二" and unit_surface in _DURATION_UNITS)):
        return None     # 一家企业 is an article, 二次 an adjective (the rule below, taken first: it is common)
    start, end = m.start(), m.end()
    prev_char = text[start - 1] if start else "\0"     # (no character: in no string of characters below)
    if prev_char == "第" or (prev_char == "/" and start >= 2 and text[start - 2] in _ASCII_DIGITS):
        return None         # 第二次; 3/4米, 2025/1/4: the number after the slash is a denominator or a day
    if titled and _in_title(text, start):
        return None
    post = post or ""
    persuf = persuf or ""
    high: Decimal | None = None
    qualifier = "exact"
    uend = -1                 # end of the unit word, for the units that look at what follows it (_AFTER_UNIT)
    # a currency sign or name just before the number ($25, ¥199, 人民币1.5万元, 港币4900元)
    cur = _currency_before(text, start, floor) if prev_char in _CUR_LAST else None
    # a minus sign (为-6.1万吨, 下降至-2.3%): not after a digit, a letter or a closing bracket (3-5, G-5)
    neg = prev_char in _MINUS and start - 1 >= floor and (start < 2 or text[start - 2] not in _NOT_BEFORE_MINUS)
    bare_hundred = False
    if pct is not None:
        try:
            value = parse_number(pnum)
            if pnum2:
                high = parse_number(pnum2)
                qualifier = "range"
        except NumeralError:
            return None
        if pden != "百":          # 千分之三 = 0.3 %, 万分之五 = 0.05 %
            k = _PER_MILLE[pden]
            value = value * k
            high = high * k if high is not None else None
        unit_surface = "%"
        kind = "chinese" if numeral_kind(pnum) == "chinese" else "mixed"
    elif half is not None:
        value = Decimal("0.5")
        if hunit == "" or hunit == "数":
            # 一半, 半数, 过半 (过半数) are rates: 50 %; 半 alone is none
            if half == "一半":
                if prev_char == "另":
                    return None         # 另一半: a person
            elif prev_char == "过":
                start -= 1
                qualifier = "more_than"
            elif hunit != "数":
                return None
            value = Decimal(50)
            unit_surface = "%"
        elif half == "一半":
            return None
        else:
            unit_surface = hunit
            uend = m.end("hunit")
            if unit_surface == "个多月":
                qualifier = "more_than"
            if prev_char and prev_char in "上下前后这头近":
                return None
            if _POINT_AFTER_MATCH(text, uend):
                return None         # 半年后: a point in time
            if prev_char == "大":
                start -= 1          # 大半年: more than half a year
                qualifier = "more_than"
        kind = "chinese"
    elif fnum is not None or fden is not None:
        # fractions as rates in %: 三分之一 (denominator first), 1/4
        if n2 is not None or big is not None or neg:
            return None
        try:
            if fden is not None:
                # one digit over at most ten (1/4, 2/3, 3/10); 2025/1/4 is a date, 9/12 may be one, 13/14 a tally
                if len(n1) != 1 or not n1.isdigit() or prev_char in "/.0123456789" or len(fden) > 2 \
                        or not 2 <= int(fden) <= 10:
                    return None
                num, den = Decimal(n1), Decimal(fden)
            else:
                num, den = parse_number(fnum), parse_number(n1)
        except NumeralError:
            return None
        if not 0 < num < den:
            return None             # 24/7 is no fraction
        if text.startswith(_FRACTION_NOT_RATE, end) or (
                (um := _UNIT_MATCH(text, end)) is not None and UNITS[um.group()][0] in _MEASURES):
            return None             # 1/4决赛 (a round), 5/8英寸 (a length)
        value = num * 100 / den
        unit_surface = "%"
        kind = numeral_kind(n1 + (fnum or ""))
    elif n2 is None and unit_surface and big is None and n1.isascii() and "," not in n1:
        # the common case, plain Arabic digits and a unit: the rules below reduce to these
        value = Decimal(n1)
        if neg:
            value = -value
            start -= 1
        kind = "arabic"
        if unit_surface in _AFTER_UNIT:
            uend = m.end("unit")
        if unit_surface == "折":
            value = _discount(n1, value)
            if value is None:
                return None
    else:
        unit_surface = unit_surface or ""
        if unit_surface in _AFTER_UNIT:
            uend = m.end("unit")
        try:
            if unit_surface == "折" and n2 is None:
                v = _discount(n1, None)
                if v is None:
                    return None
                value, approx = v, ""
            else:
                if n2 is None and len(n1) >= 2 and n1[0] in "一二两三四五六七八九" and n1[1] in "一二三四五六七八九":
                    raise NumeralError("adjacent digits")      # 两三家, 七八成, 三四十人
                value, approx, mag1 = _num(n1)
                if neg:
                    value = -value
                    start -= 1
                if n2 is not None:
                    high, approx2, mag2 = _num(n2)
                    approx = approx or approx2
                    if mag1 == 1 and mag2 > 1 and not _has_magnitude(n1) and (u1 is None):
                        value = value * mag2       # 5—8万, 4-5亿元: the first borrows the magnitude
                    if len(sep) == 2 and sep[1] in _MINUS and sep[0] not in _DASHES:
                        high = -high               # -8～-3℃, 至-3
                    if u1 is not None and UNITS[u1][0] != UNITS.get(unit_surface, ("?",))[0]:
                        return None
                    qualifier = "range"
                    if high <= value:
                        # 1-2 is a range; 2-1 is not (scores, codes, dashes between numbers)
                        return None
        except NumeralError:
            # 两三家 / 七八成: adjacent digits are a range
            from .numerals import read_numeral
            try:
                r = read_numeral(n1) if n2 is None else None
            except NumeralError:
                r = None
            if r is None or r.qualifier != "range":
                return None
            value, high, approx = r.value, r.high, ""
            qualifier = "range"
        if approx in "余多几来" and approx:
            qualifier = "more_than" if qualifier == "exact" else qualifier
        if n1.isascii() and (n2 is None or n2.isascii()):
            kind = "arabic"
        else:
            nn = n1 + (n2 or "")
            # isalpha: no digit at all; else digits, and Chinese numeral characters or not
            kind = "chinese" if nn.isalpha() else "mixed" if _HAS_CN_NUMERAL(nn) else "arabic"
        if not unit_surface and not _has_magnitude(n2 or n1) and cur is None:
            return None
        if n1[0] in "百千":
            if not unit_surface or prev_char in "数几上成好":
                return None         # 千万 (by all means), 数百亿 (several): no number
            bare_hundred = n1 == "百" or n1 == "千"     # 近千公斤, 逾百家: only after a qualifier
        if big is not None and UNITS[unit_surface][0] != "count":
            return None         # 6大类 is a count; 3大 before a measure is not one
        # rules the pattern cannot see
        if kind == "chinese" and n2 is None and len(n1) >= 2 and all(c in "〇零一二两三四五六七八九" for c in n1) \
                and qualifier != "range" and unit_surface != "折":
            return None         # 一一, 七八 read as digit strings are not counts (七八成 was read as a range above)
        if kind != "arabic":
            bare = (n2 or n1)
            if bare in ("一", "二") and n2 is None and unit_surface in _COUNT_UNITS:
                return None
            if bare == "二" and n2 is None and unit_surface in _DURATION_UNITS:
                return None
            if prev_char == "每":
                return None
            if kind == "chinese" and _in_idiom(text, start, end):
                return None         # 一企一策: a number with Arabic digits is never part of an idiom
            if n1 == "四" and unit_surface == "周" and n2 is None and not (
                    _WEEKS_CUE_SEARCH(text, max(0, start - 2), start) or text.startswith(_WEEKS_AFTER, end)):
                return None         # 四周: all around (为期四周 is four weeks)
    if uend >= 0:
        # what follows the unit word
        if unit_surface in _DURATION_UNITS:
            if _POINT_AFTER_MATCH(text, end):
                return None         # 4年前, 一小时后: points in time (dates)
            if unit_surface == "年" and uend < len(text) and (
                    text[uend] in "级代度初底末中制" or text.startswith("一贯制", uend)):
                return None     # 九年级, 三年制, 九年一贯制: an attribute, not a duration
            if prev_char in _PERIOD_LAST:
                pw = _PERIOD_PRE_RE.search(text, max(floor, start - 2), start)
                if pw is not None:
                    w = pw.group()
                    if w in _PERIOD_DATES or (w == "这" and value == 1):
                        return None     # 前三年, 上一年, 这一年: dates
                    if w != "近":       # 近 is a qualifier (approx), read below
                        start = pw.start()      # 未来3年, 头十年, 过去一年: the period word in the surface
            if text.startswith("以来", end):
                end += 2                # 五年以来, 三年来: the duration up to now
            elif text.startswith("来", end) and not text.startswith("来自", end):
                end += 1
            elif end == uend and unit_surface in _HOUR_UNITS and n2 is None:
                hm = _MINUTES_MATCH(text, uend)
                if hm is not None:       # 2小时28分 = 148 分钟
                    try:
                        minutes = parse_number(hm.group(1))
                    except NumeralError:
                        minutes = None
                    if minutes is not None and minutes < 60:
                        value = value * 60 + minutes
                        unit_surface = "分钟"
                        end = hm.end()
        elif unit_surface == "成":
            if _CHENG_WORD_MATCH(text, uend):
                return None             # 五成员国, 三成立: 成 starts a word
            if end == uend and text.startswith("半", uend):
                value += Decimal("0.5")     # 六成半 = 65 %
                end += 1
        elif unit_surface == "折" and _ZHE_WORD_MATCH(text, uend):
            return None                 # 三折叠, 五折合: 折 starts a word
    k = _RATE_SCALE.get(unit_surface)
    if k is not None:                   # 三成 -> 30 %, 2.02‰ -> 0.202 %
        value = value * k
        high = high * k if high is not None else None
    if cur is not None and (unit_surface == "" or unit_surface == "元"):
        start -= len(cur[0])
        unit_surface = cur[1]
    family, unit, base_unit, factor = UNITS.get(unit_surface, ("other", "", "", None))
    nxt = text[m.end("post"):m.end("post") + 1]
    if post == "多" and (family not in _MORE_FAMILIES or (nxt and nxt in "元样种数方彩")):
        # 多 after a count or measure starts the next word (3家多元化企业), it is no qualifier
        post, persuf = "", ""
        end = m.start("post")
    if unit_surface in ("个多月",):
        qualifier = "more_than" if qualifier == "exact" else qualifier
    if post:
        pq = _POST_MAP[post]
        if qualifier == "exact" or pq == "approx":
            qualifier = pq if qualifier != "range" else qualifier
    # prefix qualifier
    prev_char = text[start - 1] if start else "\0"     # (no character: in no string of characters below)
    pre_word = None
    if prev_char in _PRE_LAST:
        pm = _PRE_REV_MATCH(text[max(0, start - _PRE_LENS[0]):start][::-1])
        if pm is not None:
            pre_word = pm.group(0)[::-1]
    if prev_char == "下" and start >= 2 and text[start - 2] == "零":
        pre_word = None
        value, high = -value, (-high if high is not None else None)
        if high is not None:
            value, high = high, value
        start -= 2
    if pre_word is not None:
        pq = _PRE_MAP[pre_word]
        if qualifier in ("exact", "more_than") and not (pq == "approx" and qualifier == "more_than"):
            qualifier = pq
        elif qualifier == "approx":
            pass
        start -= len(pre_word)
    elif prev_char == "占" and start >= 2 and text[start - 2] in _PRE_LAST and qualifier in ("exact", "more_than"):
        # 约占三成, 近占四分之一: the qualifier qualifies the number; the surface stays on the number, so
        # that 占 stays in the text before it (a share is read from there)
        pm = _PRE_REV_MATCH(text[max(0, start - 1 - _PRE_LENS[0]):start - 1][::-1])
        if pm is not None:
            pq = _PRE_MAP[pm.group(0)[::-1]]
            if not (pq == "approx" and qualifier == "more_than"):
                qualifier = pq
        if bare_hundred:
            return None
    elif bare_hundred:
        return None             # 百年老店, 千人计划: 百/千 alone is a number only after 近, 超, 逾 …
    per = ""
    if persuf:
        if persuf[0] == "/":
            den = persuf[1:]
            per = _PERIODS.get(den, "")
            if not per:
                d_unit = UNITS[den][1]
                cf = _CONCENTRATION.get(unit)
                dv = _PER_VOLUME.get(d_unit)
                if cf is not None and dv is not None:
                    # 35μg/m³, 0.5毫克/升: one unit of mass per volume
                    family, unit, base_unit, factor = _STORED[f"{unit}/{d_unit}"]
                else:
                    per = d_unit        # 元/吨 -> per 吨, Wh/kg -> per 千克
        else:
            per = _PERIODS.get(persuf[1:], persuf[1:])     # 每年, 每小时
    else:
        # the last per word before the number in the same clause (日均600吨, 每亩增收200元)
        pm2 = None
        lo = max(floor, start - 20)
        if _PER_HINT_SEARCH(text, lo, start) is not None:
            for pm2 in _PER_ANY_RE.finditer(text, lo, start):
                pass
        if pm2 is not None and _CLAUSE_STOP_SEARCH(text, pm2.start(), start) is None:
            if pm2.group("noun"):
                per = pm2.group("noun")
            else:
                w = pm2.group(0)
                w = w[1:] if w[0] == "每" else w
                per = _PER_WORD.get(w[0], "")
    classifier = unit if family == "count" else ""
    base_value = base_high = None
    if factor is not None and factor != 1:
        shift = _POW10_SHIFT.get(factor.denominator)
        if shift is not None:       # 10000, 1/1000: exact in Decimal, and much cheaper than Fraction
            n = factor.numerator
            base_value = (value * n).scaleb(-shift)
            base_high = (high * n).scaleb(-shift) if high is not None else None
        else:
            base_value = Fraction(value) * factor
            base_high = Fraction(high) * factor if high is not None else None
    elif factor is not None or family in _SELF_BASE:
        base_value, base_high = value, high
        if factor is None:
            base_unit = unit
    fv = float(value)
    return Quantity(
        start, end, text[start:end], fv, None if high is None else float(high), unit, qualifier,
        fv if base_value is value else _f(base_value), None if base_high is None else float(base_high),
        base_unit, None, kind, family, per, classifier, value,
        (text, start, end, family, unit, floor, prev[-1] if prev else None),
    )


_CLAUSE_STOP_SEARCH = re.compile(rf"[{re.escape(_CLAUSE_STOP)}]").search
# every per word holds one of these (全年 and 时速 included): without one the per pattern is not tried
_PER_HINT_SEARCH = re.compile("[年日月周天时每]").search
_POW10_SHIFT = {10 ** k: k for k in range(0, 10)}


def _in_title(text: str, start: int) -> bool:
    """Inside 《…》 (a document or work title): numbers there are part of a name."""
    o = text.rfind("《", max(0, start - 60), start)
    if o < 0 or text.rfind("》", o, start) >= 0:
        return False
    return text.find("》", start, start + 60) >= 0


def _in_idiom(text: str, start: int, end: int) -> bool:
    lo = max(0, start - 5)
    im = _IDIOM_SEARCH(text, lo, end + 5)
    if im is None:
        return False               # the usual case, without building an iterator
    for im in _IDIOM_RE.finditer(text, im.start(), end + 5):
        if im.start() < end and im.end() > start:
            return True
    return False


_LEFT_FIRST = {"percent", "pp", "ratio", "duration", "money", "concentration"}
_SENTENCE_STOP_SEARCH = re.compile("[。；！？\n]").search


def _what(text: str, start: int, end: int, family: str, unit: str, floor: int,
          prev: "Quantity | None") -> str:
    if family == "count" and unit in _NOUN_CLASSIFIERS:
        w = _what_right(text, end)         # 四地公共资源交易中心: the organisations are counted
        if len(w) >= 3 and w.endswith(_ORG_SUFFIXES):
            return w
        return _NOUN_CLASSIFIERS[unit]
    # prev's what is already known: Quantity.what computes a chain oldest first
    same_sentence = prev is not None and prev._what != "" and \
        _SENTENCE_STOP_SEARCH(text, prev.end, start) is None
    if same_sentence and text.endswith(("其中", "其中，", "其中,"), max(0, start - 3), start):
        return prev._what                  # 其中96%: a part of the total just named
    if family in _LEFT_FIRST:
        if text.startswith("的", end) and _GIVE_VERB_RE.search(text, max(floor, start - 4), start):
            w = _what_right(text, end) or _what_left(text, start, floor)   # 获得50万元的贷款支持
        else:
            w = _what_left(text, start, floor) or _what_right(text, end)
    else:
        w = _what_right(text, end) or _what_left(text, start, floor)
    if w:
        return w
    if same_sentence:
        # A盘活B: the second number of a pair in one clause measures the same thing as the first;
        # 营业收入3.6亿元，同比增长12.5%: a change with no subject of its own is the same thing's
        if prev.unit == unit:
            return prev._what
        raw, _ = _left_raw(text, start, floor)
        if raw[:1] == "占" or _CHANGE_RE.search(raw):
            return prev._what      # ...，占耕地总面积的40%: the share of the same thing
    return ""


# ---------------------------------------------------------------------------
# The page table
# ---------------------------------------------------------------------------

SCHEMA = tables.Schema(
    "quantities",
    [
        tables.Column("qty_id", "str", "Quantity id: paragraph id + q + number in the paragraph (s01p03q02)"),
        tables.Column("story_id", "str", "Story the quantity is in"),
        tables.Column("para_id", "str", "Paragraph the quantity is in (headlines are paragraphs too)"),
        tables.Column("sent_id", "str", "Sentence the quantity starts in (empty if no sentence covers it)"),
        tables.Column("start", "int", "Start offset of surface in page.text", "characters"),
        tables.Column("end", "int", "End offset (exclusive) of surface in page.text", "characters"),
        tables.Column("surface", "str", "The text as printed, qualifier words included (约6500万元, 超60%)"),
        tables.Column("value", "float", "The number with its magnitude applied (2600余万元 -> 26000000), "
                      "the low end for a range; negative with a minus sign (-6.1万吨 -> -61000); rates in % "
                      "whatever they are written in (三成 -> 30, 八五折 -> 85, 千分之三 -> 0.3, 2.02‰ -> 0.202, "
                      "三分之一 -> 33.33…, 1/4 -> 25, 过半 -> 50 more_than)", "unit"),
        tables.Column("value_high", "float", "High end of a range (60%至80% -> 80); empty otherwise", "unit"),
        tables.Column("unit", "str", "Unit as written without the magnitude (元, 平方米, 吨, %, 个百分点, 家 ...); "
                      "Latin symbols under their Chinese name (168cm -> 厘米); a currency sign or name before the "
                      "number gives it ($25 -> 美元, ¥199 and 人民币1.5万元 -> 元, 港币4900元 -> 港币); mass per volume "
                      "is one unit (35μg/m³ -> 微克/立方米), other slashes go to per (350km/h -> 公里, per hour); "
                      "empty for a bare number with 万/亿"),
        tables.Column("qualifier", "str", "exact, approx (约, 左右, 近), more_than (余, 多, 逾, 超), at_least "
                      "(不低于, 不少于, 以上), at_most (不超过, 以内), less_than (不到, 不足), range"),
        tables.Column("base_value", "float", "value in the family's base unit: area in 平方米 (1 亩 = 10000/15 m²), "
                      "mass in 吨, money in 元 (a foreign currency in itself), length in 米, volume in 立方米, "
                      "duration in 天 where exact, energy in 千瓦时, power in 千瓦, concentration in 微克/立方米; "
                      "otherwise value itself", "base_unit"),
        tables.Column("base_value_high", "float", "value_high in the base unit", "base_unit"),
        tables.Column("base_unit", "str", "Unit of base_value"),
        tables.Column("what", "str", "Short noun phrase the number measures, taken from the sentence "
                      "(33家“僵尸企业” -> 僵尸企业; 盘活率70% -> 盘活率); empty when none is found"),
        tables.Column("numeral", "str", "How the number is written: arabic, chinese or mixed (12.5万)"),
        tables.Column("family", "str", "Kind of unit: " + ", ".join(FAMILIES)),
        tables.Column("per", "str", "Rate period or per-unit when the text states one (年产10万吨 -> year, "
                      "日均600吨 and 2万吨/日 -> day, 350km/h -> hour, 每亩 -> 亩, 3000元/吨 -> 吨); empty otherwise"),
        tables.Column("classifier", "str", "Classifier of a count (家, 栋, 项 ...); empty for measures"),
    ],
    sort=["start", "end"],
    description="Every number with a unit on the page, one row each (dates and points in time such as 4年前 "
                "are in `dates`; durations such as 未来3年 and 五年来 are quantities of family duration). "
                "Found by numerals.py + quantities.py; `value` is exact (decimal arithmetic) before being stored as float.",
)
COLUMNS = SCHEMA.names


def extract(page) -> pd.DataFrame:
    """The ``quantities`` table of a page (without page_id)."""
    from .tables import frame
    return frame(columns(page))


def columns(page) -> dict[str, list]:
    """The ``quantities`` table of a page as column lists (without page_id)."""
    rows = []
    paras = page.paragraphs
    sents = page.sentences
    sent_spans = sorted(zip(sents["start"].tolist(), sents["end"].tolist(), sents["sent_id"].tolist()))
    sent_starts = [s[0] for s in sent_spans]
    import bisect
    for story_id, para_id, pstart, ptext in zip(paras["story_id"].tolist(), paras["para_id"].tolist(),
                                                paras["start"].tolist(), paras["text"].tolist()):
        pstart = int(pstart)
        for n, q in enumerate(find_quantities(str(ptext)), start=1):
            s, e = q.start + pstart, q.end + pstart
            i = bisect.bisect_right(sent_starts, s) - 1
            sent_id = sent_spans[i][2] if i >= 0 and sent_spans[i][0] <= s < sent_spans[i][1] else None
            rows.append((
                f"{para_id}q{n:02d}", story_id, para_id, sent_id, s, e, q.surface,
                q.value, q.value_high, q.unit, q.qualifier, q.base_value, q.base_value_high,
                q.base_unit, q.what, q.numeral, q.family, q.per, q.classifier,
            ))
    return tables.columns_of(rows, COLUMNS)
