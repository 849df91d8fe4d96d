"""Claims: every stated rate, share, sum, count, difference, change, multiple and repeated figure, recomputed.

A statcheck for news arithmetic.  ``extract(page)`` returns the ``claims`` table;
``report(page)`` the readable report used by ``newspage check``.  Detection works on the
quantities of one story (``page.quantities``), in text order, with general patterns over the
text between them -- never on the words of a particular page.

The relation model
------------------
Three things decide whether figures make a claim, and how sure the pairing is:

* **roles** (:func:`_role`, :data:`ROLES`): each figure's own cue words make it a level (or
  total, or target), an increment (同比增加N), a change rate (增长X%), a per-unit figure (人均,
  日均, 每千人口), last year's base (上年为A, 比上年末的A, 是A的N倍), a balance (顺差) or a bound
  (60家以上, 最高800万元).  A part or a whole is a level; the others enter only their own relations.
* **subjects** (:func:`_subject_strength`, :func:`_whole_matches`, :func:`_rate_names_pair`): the
  noun a figure measures (its ``what`` and the label before it), compared by head noun and the
  rest (出口总值 is 出口, not 进出口总值; 民营企业进出口 is not 民营企业).
* **scopes**: the clause, the clause group (；), the sentence, a sentence opening with 其中 (the
  total of the sentence before), the paragraph, the headline against the body, and the story
  (searches reach at most :data:`_REACH` figures, which keeps every finder near-linear).
* **units**: one unit key per family and unit (名 and 位 count people like 人); 吨 and 公斤 convert
  (:func:`_convert`); per-unit figures keep what they are per.

A finder that chooses among several candidate pairings says so: the row's ``confidence`` is
``likely``, and a likely pairing that does not fit is ``needs_context``, never ``inconsistent``;
``newspage check --strict`` fails only on ``sure`` inconsistencies not accepted by a reviewer.

One finder per relation kind, its composed cases beside it in ``tests/data/claims/<kind>.json``
(with ``precision.json`` for the false-alarm classes and ``no_claim.json``), and the corpus
(``tests/data/corpus/dev``) scored by ``bench/score_claims.py``:

* **rate** -- a total, a part of it and a stated ``…率R%`` / ``占R%`` in the same clause group
  (a stretch of text between ``；`` / ``。``): ``40家…已完成30家，完成率75%`` -> 30 / 40; after a
  total and its listed parts the rate takes the part it names (``常住人口A，其中城镇人口B，乡村人口C，
  城镇化率R%`` -> B / A); ``X占Y的比重为R%`` with no figure in its clause finds X's and Y's figures
  earlier in the story by name; ``占R%`` with only the part takes the whole named after 占 or opened
  as ``X中，`` -- never a figure of the prior period (``上年为A``, ``2024年…A`` in a 2025 story);
* **share** -- ``R%为N``: a percentage of a total whose part N the story counts elsewhere
  (``25%为审批事项`` against ``审批事项12项`` of the ``48项``); and ``其中R%`` of a counted
  whole with no count given, checked GRIM-style (is there a whole number k with k / N ≈ R%?);
* **sum** -- a total followed (``…中，`` / ``其中`` / ``包括`` / ``：``) or preceded (``共计``) by
  its listed parts with the same unit; a sentence opened by ``分产业看，`` / ``按X分，`` lists the parts
  of the nearest earlier total of this period.  Parts that fall short are needs_context (the list
  may leave some out) unless the list is complete: 其他 / 其余 / 分别, or the labels name a known
  partition once each (城镇 / 乡村, 出口 / 进口, 男 / 女, 第一 / 第二 / 第三产业 …);
* **count** -- a counted list: ``A、B、C三种`` / ``五种模式：A、B、…`` -> count the names; also
  ``“A”“B”“C”三大工程`` (a count in words the quantities table leaves out: no qty_id);
* **ratio** -- ``师生比为1:14.0`` / ``生师比16.5:1``: the two counts of the sentence whose names hold
  the side characters (师 -> 专任教师, 生 -> 在校学生); one side must be 1;
* **difference** -- a remainder (``剩余3.2万平方米``) against total minus done of an earlier
  part-whole pair with the same unit, across paragraphs;
* **change** -- a stated change between two levels of the same unit: ``从A增长到B，增长X%`` /
  ``由A降至B，下降X%`` / ``增加N`` (B − A); ``B，比上年增长X%`` / ``同比…`` / ``比2023年…`` with
  last year's level inside the clause (``比去年的A``) or elsewhere in the story in a clause that
  names the prior period (上年 / 去年同期 / 2023年) and the same thing (粮食产量 is not 蔬菜产量);
  ``分别增长X%和Y%`` after several from-to pairs, in order.  A yearly total (``全年…``) is a level;
  last year's figure may follow the change (``比上年增长X%，上年为A``), sit between level and change
  (``失业率为4.9%，上年为5.2%，比上年下降0.3%``), be named ``这一比重``, or be dated the year before
  one the story names (``2024年…为A``, same thing only); an unnamed ``上年为A`` counts only in the
  level's own paragraph.  Between two percentages a change in
  **percentage points** (``提高1.5个百分点``) is B − A; a change written as ``%`` is relative,
  (B − A) / A × 100, and when only the difference in points fits it is called inconsistent
  with that explanation (and the other way round) -- also when the relative change would fit only
  through the rounding of the two levels while the points fit the stated figure;
* **multiple** -- ``B是A的N倍`` / ``为A的N倍`` (both figures in the clause, or named and stated
  elsewhere: the distinct part of each name picks its figure); ``增长到N倍`` = ×N; ``翻一番`` = ×2,
  ``翻两番`` = ×4 (held to ±5 %, like 约); ``增长N倍`` strictly means ×(N+1): consistent when
  B / A − 1 fits N, needs_context when only the loose reading B / A ≈ N fits (or both fit only
  through rounding), inconsistent when neither does;
* **sum of shares** -- percentages of one whole side by side (``A占45%，B占30%，C占25%`` /
  ``分别占45%、30%、25%``) against an implied, exact 100%: consistent / rounding when 100 lies in
  the sum of their intervals; a list marked complete (其他 / 其余) that misses 100 is
  inconsistent; an unmarked list above 100 % is needs_context (the groups may overlap); an
  unmarked list below 100 % is no claim at all;
* **repeat** -- a figure in the headline against the same figure in the body;
* **average** -- a stated average (``平均每台1.7万元``, ``人均``, ``户均``, ``日均600吨``) against a
  total and a count, a daily figure against an annual one, and ``年均X`` against a cumulative
  total (累计 / 共) over a stated span of years (``2021年至2025年`` -> 5, ``五年来``, ``“十四五”期间``);
* **balance** (kind difference) -- 顺差 / 逆差 / 净出口 / 结余 against receipts minus payments of the
  sentence (出口A、进口B; 收入A、支出B);
* **completion** -- 完成年度目标的R% / 完成全年N目标的R% / 占计划人数的R%: the figure done over the
  target (in the clause, or a figure of the story whose clause says 计划 / 目标);
* **increment rate** (kind change) -- 达到A，比上年末增加N，增长X%: N / (A − N);
* **per unit** (kind average) -- 人均 / 户均 / 村均 / 亩产 / 日均 / 平均每家企业 / 每千人口 against the
  total of its own unit and the count it is per (the count in 按…计算 first); written as a product
  (每张200元，合计3000万元; 每生每天5元，按100天计算，共需1200万元) the total is the stated figure;
* **derived** -- what a journalist would compute where nothing is stated: the rate of a
  part-whole pair, money per item or per tonne, items per day.

Verdicts respect rounding (as statcheck does).  A stated figure stands for an interval: ``70%``
for [69.5, 70.5), ``3万`` for [2.5万, 3.5万), ``超60%`` for (60, ∞), ``不低于70%`` for
[70, ∞), ``约…`` for its rounding interval widened to ±5 %:

* ``consistent``   -- the recomputed value equals the stated one exactly, or satisfies its
  inequality;
* ``rounding``     -- it holds only because the stated figure (or an input) is rounded;
* ``inconsistent`` -- it does not hold even allowing for rounding;
* ``needs_context``-- the figures fit only under an assumption the text does not state (a part
  larger than its whole, a partial breakdown, a daily output far from the annual total / 365,
  the loose reading of 增长N倍, shares above 100% that may overlap);
* ``derived``      -- no claim is stated; the figure is computed for the reader.

A stated figure that is words or implied (翻一番 = 2, shares adding up to 100%) is exact; its
row has ``stated`` but no ``stated_qty``.  A change stated in one direction (增长) whose levels
move the other way is inconsistent.

Arithmetic is exact (:class:`fractions.Fraction`); floats appear only in the table.
"""
from __future__ import annotations

import bisect
import re
from bisect import bisect_left
from operator import attrgetter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Iterable

import pandas as pd

from . import messages, tables

__all__ = ["Qty", "Claim", "detect", "extract", "report", "SCHEMA", "KINDS", "VERDICTS"]

KINDS = ("rate", "share", "sum", "count", "difference", "change", "multiple", "ratio", "repeat", "average",
         "completion", "derived")
VERDICTS = ("consistent", "rounding", "inconsistent", "needs_context", "derived")

# The role each figure plays in a claim (the ``roles`` column).
ROLES = {
    "total": "the whole: a total, the base a part or rate is taken of",
    "part": "a part of that whole",
    "rate": "a stated rate R% = part / total",
    "share": "a stated share of a whole (占R%, R%为…)",
    "level": "a level: a figure of the period the story reports",
    "base": "the level a change or multiple is measured from (last year's figure)",
    "increment": "a stated change as an amount (增加1.8万吨)",
    "change_rate": "a stated change as a percent or percentage points (增长4.6%, 提高1.5个百分点)",
    "multiple": "a stated multiple (是…的3倍, 增长2倍)",
    "remainder": "what is left: total minus the part done (剩余3.2万平方米)",
    "count": "a count: the number of items, heads or units a total is divided by, or a listed count",
    "per_unit": "a stated average or per-unit figure (人均, 平均每台, 日均)",
    "headline": "a figure of the headline, deck or subheading repeated in the body",
}
WHOLE_ROLES = ("total", "base")
PART_ROLES = ("part",)

SCHEMA = tables.Schema(
    "claims",
    [
        tables.Column("claim_id", "str", "Claim id: story id + c + position in the story (s01c03)"),
        tables.Column("story_id", "str", "Story the claim is in"),
        tables.Column("kind", "str", "rate, share, sum, count (a counted list), difference (a remainder, or a "
                      "balance: 顺差, 逆差, 净, 结余), change, multiple, ratio (师生比 1:N), repeat (headline vs body), "
                      "average (per-unit figures, and count × per-unit = total), completion (完成年度目标的R%), "
                      "derived (computed, nothing stated)"),
        tables.Column("statement", "str", "The clause(s) making the claim, page.text[start:end]"),
        tables.Column("start", "int", "Start offset of statement in page.text", "characters"),
        tables.Column("end", "int", "End offset (exclusive) of statement in page.text", "characters"),
        tables.Column("inputs", "str", "qty_ids used (stated figure first when there is one), ';' separated"),
        tables.Column("stated_qty", "str", "qty_id of the stated figure; empty for derived and counted lists"),
        tables.Column("stated", "float", "The stated figure (in its unit as written); empty for derived", "unit"),
        tables.Column("stated_low", "float", "Low end of the interval the stated figure stands for "
                      "(rounding, qualifier); empty when unbounded", "unit"),
        tables.Column("stated_high", "float", "High end of that interval; empty when unbounded", "unit"),
        tables.Column("computed", "float", "The figure recomputed from the inputs", "unit"),
        tables.Column("unit", "str", "Unit of stated and computed (%, 项, 平方米, 元/台 ...)"),
        tables.Column("formula", "str", "How computed was obtained, e.g. 23 / 33 × 100"),
        tables.Column("tolerance", "float", "Half-width of the stated figure's rounding interval "
                      "(0 for an exact count)", "unit"),
        tables.Column("verdict", "str", "consistent, rounding (holds only because of rounding), inconsistent, "
                      "needs_context (fits only under an unstated assumption), derived"),
        tables.Column("explanation", "str", "One sentence (English) with the numbers; figures in Western form "
                      "(125,000 m², 150 million yuan)"),
        tables.Column("explanation_zh", "str", "The same sentence in Chinese: the page's figures quoted as written "
                      "(12.5万平方米), computed figures with the magnitude of the figure they are compared with"),
        tables.Column("confidence", "str", "sure (exactly one pairing of the figures fits their roles, subjects "
                      "and units) or likely (the pairing was chosen among others, or reaches outside the "
                      "sentence); empty for derived rows. `newspage check --strict` fails only on sure "
                      "inconsistent claims"),
        tables.Column("stated_surface", "str", "The stated figure as written on the page (70%, 3.2万平方米, "
                      "翻了一番, 三大); empty for derived rows and implied figures (shares adding up to 100%)"),
        tables.Column("roles", "str", "Role of each figure used, qty_id=role, ';' separated in text order "
                      "(q12=total;q13=part;q14=rate). Roles: " + ", ".join(f"{k} ({v})" for k, v in ROLES.items())),
        tables.Column("names", "str", "For a count: the names listed on the page, ';' separated, in order "
                      "(辣椒;甘蓝;萝卜); empty otherwise"),
        tables.Column("whole_qty", "str", "qty_id of the whole the claim divides or splits: the total of a sum, "
                      "rate, share, difference or average, the base level of a change or multiple; empty when "
                      "there is none or it is implied (100%)"),
        tables.Column("part_qtys", "str", "qty_ids of the parts of that whole, ';' separated: the listed parts "
                      "of a sum, the part of a rate or share, the part done of a difference, the shares adding "
                      "up to 100%"),
    ],
    sort=["story_id", "start", "claim_id"],
    description="Every arithmetic claim of the page recomputed from the quantities it uses, "
                "with a verdict that respects rounding (claims.py).",
)
COLUMNS = SCHEMA.names

# ---------------------------------------------------------------------------
# Quantity records
# ---------------------------------------------------------------------------

_HEADER_KINDS = {"kicker", "headline", "subheadline"}


class _once:
    """A property computed on first read and kept in the instance's __dict__ (what
    functools.cached_property does, without the lock Python 3.11 takes on every first read: a
    figure's key, half, lo and hi are read first a few hundred times a page)."""

    def __init__(self, fn):
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        v = obj.__dict__[self.name] = self.fn(obj)
        return v


@dataclass
class Qty:
    """One quantity, as in the ``quantities`` table, with an exact value."""
    qty_id: str
    start: int
    end: int
    surface: str
    value: Fraction
    unit: str
    family: str
    qualifier: str = "exact"
    value_high: Fraction | None = None
    what: str = ""
    per: str = ""
    classifier: str = ""
    story_id: str = "s01"
    para_id: str = ""
    numeral: str = "arabic"
    header: bool = False
    fixed_half: Fraction | None = None     # set for figures that are words or implied (100%)

    @_once
    def key(self) -> tuple[str, str]:
        """Unit key for pairing: 个部门 and 部门 are the same classifier."""
        if self.family == "count":
            c = self.classifier or self.unit
            if len(c) > 1 and c[0] == "个":
                c = c[1:]
            return ("count", _SAME_CLASSIFIER.get(c, c))
        return (self.family, self.unit)

    @_once
    def half(self) -> Fraction:
        """Half a unit of the last written digit: the rounding half-width of the figure."""
        return self.fixed_half if self.fixed_half is not None else _half_unit(self)

    @_once
    def some_more(self) -> Fraction | None:
        """The step of 多/余 after a figure's last digit (2600多 -> 100: 2600 to 2700; 40多万 -> 10万:
        40万 to 50万; 3.5万余 -> 0.1万), None for any other figure."""
        if self.qualifier != "more_than" or self.value_high is not None or not _SOME_MORE.search(self.surface) \
                or self.value <= 0:
            return None
        if self.value.denominator == 1:
            step, v = 1, self.value.numerator
            while v % (step * 10) == 0:
                step *= 10
            return Fraction(step)
        m = _ARABIC.search(self.surface)
        if m is None or "." not in m.group(0):
            return None
        number = Fraction(Decimal(m.group(0)))
        return Fraction(1, 10 ** len(m.group(0).split(".")[1])) * (self.value / number)

    @_once
    def lo(self) -> Fraction:
        if self.some_more is not None:
            return self.value
        h = self.half
        return self.value - h if h else self.value      # an exact figure: no Fraction arithmetic

    @_once
    def hi(self) -> Fraction:
        if self.some_more is not None:
            return self.value + self.some_more
        v, h = (self.value_high if self.value_high is not None else self.value), self.half
        return v + h if h else v


_ZERO = Fraction(0)
_TINY = Fraction(1, 10 ** 9)     # a divisor's floor (Fractions are immutable: one shared value)


def _fsum(xs: list) -> Fraction:
    """sum(xs, Fraction(0)): the same Fraction, added as integers when every term is whole."""
    if all(x.denominator == 1 for x in xs):
        return Fraction(sum(x.numerator for x in xs))
    return sum(xs, _ZERO)


_SOME_MORE = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿][多余]")
_EXACT_CACHE: dict[float, Fraction] = {}


def _exact(x) -> Fraction | None:
    """The exact value of a table's float: the decimal it prints as (0.1 -> 1/10), or the fraction of
    small terms a float of a division is (33.333333333333336 -> 100/3)."""
    if x is None:
        return None
    if type(x) is float:
        if x != x:
            return None
        f = _EXACT_CACHE.get(x)
        if f is None:
            if len(_EXACT_CACHE) > 100_000:
                _EXACT_CACHE.clear()
            if x.is_integer() and -1e15 < x < 1e15:
                f = Fraction(int(x))        # the decimal an integral float prints as is the integer
            else:
                r = repr(x)
                whole, dot, frac = r.partition(".")
                if dot and frac.isdigit() and (whole.lstrip("-").isdigit()):
                    f = Fraction(int(whole + frac), 10 ** len(frac))    # Fraction(Decimal(r)), without Decimal
                else:
                    f = Fraction(Decimal(r))
            if f.denominator > 10 ** 12:
                # a float of a fraction (三分之一 = 100/3 is stored as 33.333333333333336): the fraction
                g = f.limit_denominator(10 ** 4)
                if abs(g - f) <= abs(f) / 10 ** 13:
                    f = g
            _EXACT_CACHE[x] = f
        return f
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, Decimal)):
        return Fraction(x)
    return Fraction(Decimal(repr(float(x))))


_WORD_FRACTION = re.compile(r"(?P<den>[一二两三四五六七八九十千万]{1,3})分之(?P<num>[一二两三四五六七八九十]{1,3})"
                            r"|(?P<an>[0-9]{1,3})/(?P<ad>[0-9]{1,3})")


def _as_rate(q: Qty) -> Qty:
    """A rate written in words, as the claims compare it: N成 is N × 10 % (三成 stands for 25–35 %,
    8.5成 for 84.5–85.5 %), 三分之一 is exactly 100/3 % (its float is not) and stands for the
    fraction give or take half a point, 过半 is more than 50 %."""
    if q.unit == "成" and q.family == "ratio":
        m = _ARABIC.search(q.surface)
        decimals = len(m.group(0).split(".")[1]) if m and "." in m.group(0) else 0
        half = Fraction(5) / 10 ** decimals if m else (Fraction(5, 2) if "半" in q.surface else Fraction(5))
        return Qty(qty_id=q.qty_id, start=q.start, end=q.end, surface=q.surface, value=q.value * 10,
                   value_high=q.value_high * 10 if q.value_high is not None else None, unit="%", family="percent",
                   qualifier=q.qualifier, what=q.what, per=q.per, classifier="", story_id=q.story_id,
                   para_id=q.para_id, numeral=q.numeral, header=q.header, fixed_half=half)
    if q.unit == "%" and q.surface.rstrip("以上左右多").endswith(("成", "成半")):
        # quantities gives 三成 as 30 %: it stands for the nearest 成, 25–35 %
        m = _ARABIC.search(q.surface)
        decimals = len(m.group(0).split(".")[1]) if m and "." in m.group(0) else 0
        q.fixed_half = Fraction(5) / 10 ** decimals if m else (Fraction(5, 2) if "半" in q.surface else Fraction(5))
        return q
    if q.unit == "%" and ("分之" in q.surface or "/" in q.surface) and not q.surface.startswith("百分之"):
        m = _WORD_FRACTION.search(q.surface)
        if m:
            from .numerals import parse_number
            try:
                if m.group("den"):
                    d = m.group("den")
                    den = {"十": 10, "千": 1000, "万": 10000}.get(d) or int(parse_number(d))
                    num = int(parse_number(m.group("num")))
                else:
                    den, num = int(m.group("ad")), int(m.group("an"))
            except ValueError:
                return q
            if den:
                q.value = Fraction(100 * num, den)
                q.fixed_half = Fraction(1, 2)
    elif q.unit == "%" and q.surface.endswith(("过半", "一半多", "一半", "半数", "一半以上")):
        q.fixed_half = Fraction(0)
    return q


def make_qty(rec: dict, header: bool = False) -> Qty:
    """A :class:`Qty` from a ``quantities`` row (a dict with that table's columns)."""
    def s(name):
        v = rec.get(name)
        if type(v) is str:
            return v
        return "" if v is None or pd.isna(v) else str(v)
    return _as_rate(Qty(
        qty_id=s("qty_id"), start=int(rec["start"]), end=int(rec["end"]), surface=s("surface"),
        value=_exact(rec["value"]), value_high=_exact(rec.get("value_high")), unit=s("unit"),
        family=s("family") or "other", qualifier=s("qualifier") or "exact", what=s("what"),
        per=s("per"), classifier=s("classifier"), story_id=s("story_id") or "s01",
        para_id=s("para_id"), numeral=s("numeral") or "arabic",
        header=bool(rec.get("header", header)),
    ))


# classifiers that count the same things: 38.2万名学生 and 20.5万人
_SAME_CLASSIFIER = {"名": "人", "位": "人"}
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_MAGNITUDE_CHARS = {"万": 10 ** 4, "亿": 10 ** 8, "千": 1000, "百": 100}


# Rates written in words (quantities states them in %): the grain they are rounded to.  三成 is a whole
# number of tenths (±5 points), 六成半 of twentieths, 一半/半数 is as coarse as 五成; 千分之三 and 万分之五
# are whole units of their denominator; a fraction (三分之一, 1/4) is read as if written to the whole
# percent (its float, 33.333333333333336, is not exactly 100/3).
_WORD_RATE_HALF = (("成半", Fraction(5, 2)), ("成", Fraction(5)), ("半", Fraction(5)), ("千分之", Fraction(1, 20)),
                   ("万分之", Fraction(1, 200)))
_FRACTION_RE = re.compile(r"[0-9]/[0-9]|分之")


def _half_unit(q: Qty) -> Fraction:
    if q.family == "percent" and q.unit == "%" and not q.surface.endswith("%"):
        if _FRACTION_RE.search(q.surface) and not q.surface.startswith(("千分之", "万分之", "百分之")):
            return Fraction(1, 2)
        if _ARABIC.search(q.surface) is None:
            for word, half in _WORD_RATE_HALF:
                if word in q.surface:
                    return half
    m = _ARABIC.search(q.surface)
    if m is None:
        # a Chinese numeral: exact, unless written with 万/亿 (五万吨 -> ±0.5万)
        mag = max((v for c, v in _MAGNITUDE_CHARS.items() if c in q.surface and c in "万亿"), default=1)
        return Fraction(0) if mag == 1 else Fraction(mag, 2)
    digits = m.group(0)
    # exact integer arithmetic: the written number is n / 10**decimals, its magnitude value / number,
    # so half a unit of the last digit, 1/2 * 1/10**decimals * magnitude, is value / (2 n)
    if "." in digits:
        whole, frac = digits.split(".")
        n, decimals = int(whole + frac), len(frac)
    else:
        n, decimals = int(digits), 0
    if n == 0:
        return Fraction(0)
    v = q.value
    if q.family == "count" and decimals == 0 and v == n:
        return Fraction(0)       # 48项 is exactly 48
    return Fraction(v.numerator, v.denominator * 2 * n)


# ---------------------------------------------------------------------------
# Stated intervals and verdicts
# ---------------------------------------------------------------------------

APPROX_SHARE = Fraction(5, 100)   # 约 / 近 / 左右: within 5 % still counts as "rounding"


@dataclass
class Interval:
    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    def contains(self, x: Fraction) -> bool:
        if self.lo is not None and (x < self.lo or (self.lo_open and x == self.lo)):
            return False
        if self.hi is not None and (x > self.hi or (self.hi_open and x == self.hi)):
            return False
        return True

    def meets(self, lo: Fraction, hi: Fraction) -> bool:
        """Does [lo, hi] overlap this interval?"""
        if self.lo is not None and (hi < self.lo or (self.lo_open and hi == self.lo)):
            return False
        if self.hi is not None and (lo > self.hi or (self.hi_open and lo == self.hi)):
            return False
        return True


_TENTHS_MORE = re.compile(r"[一二两三四五六七八九]成多$")


def stated_interval(q: Qty) -> Interval:
    """The interval a stated figure stands for, given its written precision and qualifier."""
    # computed once per figure (judging a claim and writing its row both ask; nothing changes an Interval)
    iv = q.__dict__.get("_interval")
    if iv is None:
        iv = q.__dict__["_interval"] = _stated_interval(q)
    return iv


def _stated_interval(q: Qty) -> Interval:
    v, h = q.value, q.half
    if q.qualifier == "more_than":
        if q.family == "percent" and _TENTHS_MORE.search(q.surface):
            # 六成多: 多 after N成 spans the one step up to the next 成 (60 % to 70 %)
            return Interval(v, v + 10, lo_open=True, hi_open=True)
        return Interval(v, None, lo_open=True)
    if q.qualifier == "at_least":
        return Interval(v, None)
    if q.qualifier == "at_most":
        return Interval(None, v)
    if q.qualifier == "less_than":
        return Interval(None, v, hi_open=True)
    if q.qualifier == "range" and q.value_high is not None:
        return Interval(v - h, q.value_high + h)
    if q.qualifier == "approx":
        w = max(h, abs(v) * APPROX_SHARE)
        return Interval(v - w, v + w)
    if not h:
        return Interval(v, v)           # an exact figure (v - 0 and v + 0 are v)
    return Interval(v - h, v + h, hi_open=h > 0)


def _as(x: Fraction | None, q: Qty, unit: bool = True, places: int = 4) -> str:
    """``x`` written the way ``q`` is: with its 万/亿 magnitude and unit (3.2万平方米, 70%)."""
    if x is None:
        return ""
    m = _ARABIC.search(q.surface)
    mag, word = 1, ""
    if m is not None and Fraction(Decimal(m.group(0))):
        ratio = q.value / Fraction(Decimal(m.group(0)))
        for w, v in (("亿", 10 ** 8), ("万", 10 ** 4)):
            if ratio == v:
                mag, word = v, w
    elif m is None:
        for w, v in (("亿", 10 ** 8), ("万", 10 ** 4)):
            if w in q.surface:
                mag, word = v, w
                break
    return f"{_fmt(x / mag, places)}{word}" + (q.unit if unit else "")


# --- what a claim row says, in both languages --------------------------------------------
#
# Explanations are built from :data:`messages.TEXT` templates; their values are figures that
# each language writes its own way: a figure of the page is quoted as written in Chinese
# (``12.5万平方米``) and in Western form in English (``125,000 m²``); a computed figure takes the
# magnitude of the figure it is compared with in Chinese.

class Fig:
    """A figure of the page: its surface in Chinese, its value in Western form in English."""

    def __init__(self, q: Qty):
        self.q = q

    def render(self, lang: str) -> str:
        q = self.q
        if lang == "zh" or (q.family == "ratio" and not q.unit):
            return q.surface
        # written once per figure (a figure stated in several claims is rendered in each)
        en = q.__dict__.get("_fig_en")
        if en is None:
            en = q.__dict__["_fig_en"] = self._en()
        return en

    def _en(self) -> str:
        q = self.q
        if not q.qty_id and q.surface and q.unit == "倍":
            return f"{q.surface} ({messages.quantity(q.value, q.unit, 'en')})"
        v = messages.quantity(q.value, q.unit, "en", places=None)
        if q.qualifier == "range" and q.value_high is not None:
            return f"{messages.quantity(q.value, '', 'en', places=None)} to " \
                   f"{messages.quantity(q.value_high, q.unit, 'en', places=None)}"
        if q.qualifier not in ("exact", "range"):
            return f"{messages.label('qualifier', q.qualifier, 'en')} {v}"
        return v


class Val:
    """A computed figure in the unit of ``like`` (the figure it is compared with), written with
    that figure's 万/亿 in Chinese."""

    def __init__(self, x: Fraction | None, like: Qty | None = None, unit: str | None = None,
                 places: int = 4, show_unit: bool = True):
        self.x, self.like, self.places, self.show_unit = x, like, places, show_unit
        self.unit = unit if unit is not None else (like.unit if like is not None else "")

    def render(self, lang: str) -> str:
        if self.x is None:
            return ""
        unit = self.unit if self.show_unit else ""
        if lang == "zh":
            mag = messages.magnitude_of(self.like.surface) if self.like is not None else ""
            return messages.quantity(self.x, unit, "zh", magnitude=mag, places=self.places)
        return messages.quantity(self.x, unit, "en", places=self.places)


class Pct:
    """A computed percentage with two decimals (69.70%)."""

    def __init__(self, x: Fraction):
        self.x = x

    def render(self, lang: str) -> str:
        return _pct(self.x)


class Say:
    """A sentence of :data:`messages.TEXT` with its values (figures, numbers, nested sentences)."""

    def __init__(self, key: str, **values):
        if key not in messages.TEXT:
            raise KeyError(f"no text {key!r}: add it to messages.TEXT in both languages")
        self.key, self.values = key, values

    def render(self, lang: str) -> str:
        vals = {}
        for k, v in self.values.items():
            r = getattr(v, "render", None)       # one attribute lookup, not hasattr and then the call's
            vals[k] = v if r is None else r(lang)
        return messages.text(self.key, lang, **vals)

    def with_reason(self, reason: "Say") -> "Say":
        return Say(self.key, **{k: (reason if v is REASON else v) for k, v in self.values.items()})


class _Reason:
    """Placeholder for the judge's reason inside a :class:`Say`."""

    def render(self, lang: str) -> str:
        return ""


REASON = _Reason()


class Per:
    """The unit of 'per …' in an average: 吨 -> t in English; a counter (台, 人) stays as written."""

    def __init__(self, unit: str):
        self.unit = unit

    def render(self, lang: str) -> str:
        return messages.per_word(self.unit, lang)


class Names:
    """Listed names: joined with 、 (they are quoted from the page in both languages)."""

    def __init__(self, items: list[str]):
        self.items = items

    def render(self, lang: str) -> str:
        return "、".join(self.items)


def judge(point: Fraction, lo: Fraction, hi: Fraction, q: Qty, lang: str = "en") -> tuple[str, str]:
    """Verdict and a short reason (in ``lang``) for a recomputed ``point`` (range [lo, hi] given
    the rounding of the inputs) against the stated figure ``q``."""
    verdict, say = judge_say(point, lo, hi, q)
    return verdict, say.render(lang)


def judge_say(point: Fraction, lo: Fraction, hi: Fraction, q: Qty) -> tuple[str, "Say"]:
    """:func:`judge` with the reason as a :class:`Say`, rendered later in each language."""
    st = stated_interval(q)
    f = Fig(q)
    if q.qualifier == "exact":
        if point == q.value:
            return "consistent", Say("reason_exact", stated=f)
        rnd = Interval(q.value - q.half, q.value + q.half, hi_open=True)
        if q.half and rnd.contains(point):
            return "rounding", Say("reason_rounds", stated=f)
        if rnd.meets(lo, hi) or (q.half == 0 and lo <= q.value <= hi):
            return "rounding", Say("reason_inputs_rounding", stated=f, lo=Val(lo, q), hi=Val(hi, q))
        if q.half:
            return "inconsistent", Say("reason_not_interval", stated=f, lo=Val(rnd.lo, q, show_unit=False),
                                       hi=Val(rnd.hi, q))
        return "inconsistent", Say("reason_not", stated=f)
    if q.qualifier == "approx":
        # 约 says the figure is rounded: only the figure itself is consistent, the rest is rounding
        rnd = Interval(q.value - q.half, q.value + q.half, hi_open=q.half > 0)
        if point == q.value:
            return "consistent", Say("reason_approx_in", stated=f)
        if q.half and rnd.contains(point):
            return "rounding", Say("reason_rounds", stated=f)
        if st.contains(point) or st.meets(lo, hi):
            return "rounding", Say("reason_approx_near", stated=f)
        return "inconsistent", Say("reason_approx_far", stated=f)
    if st.contains(point):
        return "consistent", Say("reason_bound_fits", stated=f)
    if st.meets(lo, hi):
        return "rounding", Say("reason_bound_inputs", stated=f)
    return "inconsistent", Say("reason_bound_not", stated=f)


# ---------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------

@dataclass
class Claim:
    kind: str
    story_id: str
    start: int
    end: int
    inputs: list[str]
    stated_qty: Qty | None
    stated: Fraction | None
    computed: Fraction
    unit: str
    formula: str
    verdict: str
    say: Say | None = None
    interval: Interval | None = None
    tolerance: Fraction | None = None
    statement: str = ""
    claim_id: str = ""
    stated_surface: str = ""
    parts: list[str] = field(default_factory=list, repr=False)
    roles: dict[str, str] = field(default_factory=dict)      # qty_id -> role, in text order
    names: list[str] = field(default_factory=list)            # the listed names of a count
    confidence: str = ""                                      # sure / likely; '' for derived
    accepted: str = ""                                        # the reason a reviewer accepted it

    @property
    def explanation(self) -> str:
        return self.say.render("en") if self.say is not None else ""

    @property
    def explanation_zh(self) -> str:
        return self.say.render("zh") if self.say is not None else ""

    @property
    def whole_qty(self) -> str:
        return next((i for i, r in self.roles.items() if r in WHOLE_ROLES), "")

    @property
    def part_qtys(self) -> list[str]:
        if self.kind == "sum" and not self.whole_qty:      # shares of an implied 100%
            return [i for i, r in self.roles.items() if r == "share"]
        return [i for i, r in self.roles.items() if r in PART_ROLES]


def _fmt(x: Fraction | None, places: int = 2) -> str:
    """A number for people: integers as integers, else at most ``places`` decimals."""
    if x is None:
        return ""
    if x.denominator == 1:
        return str(x.numerator)
    d = Decimal(x.numerator) / Decimal(x.denominator)
    s = f"{d:.{places}f}".rstrip("0").rstrip(".")
    if s in ("0", "-0") and x:
        s = f"{d:.{places + 3}f}".rstrip("0").rstrip(".")
    return s


def _pct(x: Fraction) -> str:
    d = Decimal(x.numerator) / Decimal(x.denominator)
    return f"{d:.2f}%"


_NUM_WRITTEN = re.compile(r"[0-9.]+[余多]?[万亿千百]*|[〇零一二两三四五六七八九十百千万亿]+")
# a few character classes asked of the text between figures (compiled once, not looked up in re's cache)
_FULL_STOP = re.compile(r"[。！？]")
_LIST_GAP = re.compile(r"[、，,；;]")
_LIST_GAP_CONJ = re.compile(r"[、，,；;和及与]")
_SEMICOLON = re.compile(r"[；;]")


def _num(q: Qty) -> str:
    """The number of a quantity as written (without qualifier words and unit): 12.5万, 23."""
    m = _NUM_WRITTEN.search(q.surface)
    return m.group(0) if m else _fmt(q.value)


# --- text helpers -------------------------------------------------------------

_GROUP_STOP = "；;。！？!?\n"
_CLAUSE_STOP = _GROUP_STOP + "，,：:"
_SENT_STOP = "。！？!?\n"


# Where the stop characters of a text are, once per (text, stop set): a search back to the start
# of a sentence or forward to its end is then a bisection, not a walk (a page of one long line
# with no full stop would otherwise make every search as long as the page).
_STOP_CACHE: dict[tuple[str, str], list[int]] = {}


_LAST_STOPS: list = [None, {}]   # the last text asked about and its stop sets' positions (no key tuple to hash)


def _stops(text: str, stops: str) -> list[int]:
    if _LAST_STOPS[0] is text:
        pos = _LAST_STOPS[1].get(stops)
        if pos is not None:
            return pos
    key = (text, stops)
    pos = _STOP_CACHE.get(key)
    if pos is None:
        if len(_STOP_CACHE) > 32:
            _STOP_CACHE.clear()
        pos = _STOP_CACHE[key] = _positions(text, stops)
    if _LAST_STOPS[0] is not text:
        _LAST_STOPS[0], _LAST_STOPS[1] = text, {}
    _LAST_STOPS[1][stops] = pos
    return pos


_CODES: list = [None, None]     # the last text asked about and its code points (a NumPy array)

# Every stop character ever asked about gets a small id (1..255) in one table over the BMP; a text's
# stop characters of any set are then found once (their positions and ids), and a stop set's
# positions are those whose id is in the set: one pass over the text per text, not per stop set.
_STOP_ID: dict[str, int] = {}
_STOP_IDS: list = [None]        # the id table (a NumPy uint8 array over the BMP), rebuilt when a character is added
_STOP_AT: list = [None, -1, None, None]     # the text, the alphabet size then, its stop positions, their ids
_MEMBERS: dict[str, "object"] = {}          # stop set -> a boolean NumPy array over the ids


def _positions(text: str, chars: str) -> list[int]:
    """Where the characters of ``chars`` stand in ``text``, in order (found by NumPy over the text's
    code points, which a page's few stop sets share, rather than by a regex match each)."""
    import numpy as np
    if _CODES[0] is not text:
        try:
            cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            # code points above the BMP read as 0xFFFF (a noncharacter, no stop): a table lookup
            _CODES[1] = np.minimum(cps, 0xFFFF).astype(np.intp)
        except UnicodeEncodeError:      # a lone surrogate: no code point array
            _CODES[1] = None
        _CODES[0] = text
    cps = _CODES[1]
    if cps is None:
        return [m.start() for m in re.finditer("[" + re.escape(chars) + "]", text)]
    members = _MEMBERS.get(chars)
    if members is None:
        new = [c for c in dict.fromkeys(chars) if c not in _STOP_ID]
        if any(ord(c) >= 0xFFFF for c in chars) or len(_STOP_ID) + len(new) > 255:
            return [m.start() for m in re.finditer("[" + re.escape(chars) + "]", text)]
        if new or _STOP_IDS[0] is None:
            for c in new:
                _STOP_ID[c] = len(_STOP_ID) + 1
            table = np.zeros(0x10000, dtype=np.uint8)
            if _STOP_ID:
                table[[ord(c) for c in _STOP_ID]] = list(_STOP_ID.values())
            _STOP_IDS[0] = table
        members = np.zeros(256, dtype=bool)
        members[[_STOP_ID[c] for c in chars]] = True
        if len(_MEMBERS) > 64:
            _MEMBERS.clear()
        _MEMBERS[chars] = members
    if _STOP_AT[0] is not text or _STOP_AT[1] != len(_STOP_ID):
        ids = _STOP_IDS[0].take(cps)
        at = np.flatnonzero(ids)
        _STOP_AT[:] = [text, len(_STOP_ID), at, ids.take(at)]
    return _STOP_AT[2][members.take(_STOP_AT[3])].tolist()


def _back(text: str, pos: int, lo: int, stops: str) -> int:
    """The start of the stretch that holds ``pos``: just after the last stop character before
    it, or ``lo``.  A bisection in the text's stop positions (kept per text), which costs less than
    a walk of even a few characters."""
    if pos < lo:
        return pos
    p = _LAST_STOPS[1].get(stops) if _LAST_STOPS[0] is text else None
    if p is None:
        p = _stops(text, stops)
    k = bisect_left(p, pos) - 1
    return p[k] + 1 if k >= 0 and p[k] >= lo else lo


def _fwd(text: str, pos: int, hi: int, stops: str) -> int:
    """The first stop character at or after ``pos`` (or ``hi``)."""
    if pos > hi:
        return pos
    p = _LAST_STOPS[1].get(stops) if _LAST_STOPS[0] is text else None
    if p is None:
        p = _stops(text, stops)
    k = bisect_left(p, pos)
    return p[k] if k < len(p) and p[k] < hi else hi


def _count_stops(text: str, lo: int, hi: int, stops: str) -> int:
    """How many stop characters lie in text[lo:hi]."""
    p = _stops(text, stops)
    return bisect.bisect_left(p, hi) - bisect.bisect_left(p, lo)


def _lcs(a: str, b: str) -> int:
    """Length of the longest common substring."""
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


# Words in the text between a whole and its part: the part is "done" out of the whole.
_PART_MARK = re.compile(
    r"其中|已|盘活|完成|实现|解决|处置|消化|整改|办结|清理|改造|利用|使用|出租|出售|收回|回收|签约|开工|"
    r"投产|达产|落地|复工|复产|售出|交付|验收|收储|覆盖|接入|安置|纳入|录用|治理|修复|就业|入住|到位|"
    r"拨付|发放|兑现|下放|关闭|退出|注销|化解|建成|通过|合格|达标|完工|竣工")
# ... and words that say it changed instead (from A to B).
_CHANGE_MARK = re.compile(r"[增减降升涨跌扩缩]|从|由|比|较")
_GROWTH = re.compile(r"增长|增速|增幅|同比|环比|下降|提高|上升|降低|减少|增加(?!值)|涨|跌|回落|提升|下滑|扩大|缩小")
_SHARE_OR_GROWTH = re.compile(r"占|" + _GROWTH.pattern)
_RATE_WORD = re.compile(r"率|占比|比重|比例|占")
_REMAIN = re.compile(r"剩余|剩下|余下|尚余|尚有|还剩|仍有|还有|未完成|尚未|(?<![接期对招等款优善])待")
_SUM_OPEN = re.compile(r"其中|中[，,：:]|包括|包含|分别[为是]?|[：:]")
_SUM_CLOSE = re.compile(r"(?:(?:共|共计|合计|总计|累计|总共|一共|总数|总量)[为达有是]?|合计[\u4e00-\u9fff]{1,3})$")
_EXHAUSTIVE = re.compile(r"其他|其它|其余|另有|分别")
_SHARE_RIGHT = re.compile(r"^(?:的)?(?:为|是|属于|系|来自|涉及)([^，,。；;！？!?：:\n]{2,16})")
_LIST_AFTER = re.compile(r"^[^，,。；;！？!?：:\n]{0,10}?(?:[：:]|，?(?:即|分别是|分别为|包括))")
_CONJ = re.compile(r"以及|和|及|与")
_PLACE_CLASSIFIERS = {"地", "国", "省", "市", "县", "区", "村", "镇", "乡", "校", "次", "批", "轮", "届", "期"}
_SPAN_MARK = re.compile(r"(?:为期|历时|用时|仅用|耗时|连续|共用)$")
_AVG_WORD = re.compile(r"平均|人均|户均|亩均|台均|均")
_TIME_PER = {"year", "day", "month", "week", "hour"}
_AVG_PER = (("人均", "人"), ("户均", "户"), ("亩均", "亩"), ("台均", "台"))
_PER_HEAD_DAY = re.compile(r"每(?![天日])[\u4e00-\u9fff]{1,2}每[天日]|[人户生亩]均")
_DAYS_PER_YEAR = 365
_NOT_AMOUNTS = ("duration", "age", "temperature")   # 60岁以上 is a threshold, not a part of anything
_MISSING = object()
_REACH_SAME = 60  # ... and this many figures of the same unit
_REACH = 300      # story-wide searches (a whole named elsewhere, last year's figure) look this many figures away


_START_END = attrgetter("start", "end")


class _Story:
    """Quantities and text bounds of one story."""

    def __init__(self, text: str, story_id: str, lo: int, hi: int, qs: list[Qty]):
        self.text = text
        self.story_id = story_id
        self.lo, self.hi = lo, hi
        self.qs = sorted(qs, key=_START_END)
        self.body = [q for q in self.qs if not q.header]
        self.claims: list[Claim] = []
        self.sum_parts: dict[str, list[frozenset]] = {}    # qty_id -> the part sets of the sum claims holding it
        # indexes that keep every finder near-linear: figures by position, by paragraph
        self.starts = [q.start for q in self.body]
        self.index = {id(q): i for i, q in enumerate(self.body)}
        self.by_para: dict[str, list[Qty]] = {}
        self.by_key: dict[tuple[str, str], list[Qty]] = {}
        for q in self.body:
            self.by_para.setdefault(q.para_id, []).append(q)
            self.by_key.setdefault(q.key, []).append(q)
        self.key_starts = {k: [q.start for q in v] for k, v in self.by_key.items()}
        self._years: dict[str, int] | None = None
        self._left: dict[int, str] = {}
        self._groups: dict[int, tuple[int, int]] = {}
        self._sentences: dict[int, tuple[int, int]] = {}
        self._memo: dict = {}

    def within(self, lo: int, hi: int) -> list[Qty]:
        """Body figures starting in [lo, hi), in text order."""
        return self.body[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def before(self, q: Qty, n: int = 0) -> list[Qty]:
        """Body figures before ``q`` (the last ``n`` of them when n > 0: story-wide searches look
        back at most :data:`_REACH` figures, so that a story of 100,000 figures stays linear)."""
        i = self.index[id(q)]
        return self.body[max(0, i - n) if n else 0:i]

    def after(self, q: Qty, n: int = 0) -> list[Qty]:
        i = self.index[id(q)] + 1
        return self.body[i:i + n] if n else self.body[i:]

    def near(self, q: Qty, n: int = 0) -> list[Qty]:
        """Body figures within ``n`` figures either side of ``q`` (default :data:`_REACH`)."""
        n = n or _REACH
        i = self.index.get(id(q))
        if i is None:
            i = bisect.bisect_left(self.starts, q.start)
        return self.body[max(0, i - n):i + n + 1]

    def alike(self, q: Qty, before_only: bool = False, n: int = _REACH_SAME) -> list[Qty]:
        """Body figures with q's unit key (count classifier, family and unit), the nearest ``n``
        before q (and after it unless ``before_only``), in text order."""
        bucket = self.by_key.get(q.key, [])
        starts = self.key_starts.get(q.key, [])
        i = bisect.bisect_left(starts, q.start)
        return bucket[max(0, i - n):i] if before_only else bucket[max(0, i - n):i + n + 1]

    def first_year_at(self, year: str) -> int | None:
        """Where the story first names ``year`` (2024年), or None."""
        if self._years is None:
            self._years = {}
            for y in _YEAR.finditer(self.text, self.lo, self.hi):
                self._years.setdefault(y.group(1), y.start())
        return self._years.get(year)

    def group_of(self, pos: int) -> tuple[int, int]:
        g = self._groups.get(pos)        # asked again for a figure by several finders
        if g is None:
            g = self._groups[pos] = (_back(self.text, pos, self.lo, _GROUP_STOP),
                                     _fwd(self.text, pos, self.hi, _GROUP_STOP))
        return g

    def sentence_of(self, pos: int) -> tuple[int, int]:
        s = self._sentences.get(pos)
        if s is None:
            s = self._sentences[pos] = (_back(self.text, pos, self.lo, _SENT_STOP),
                                        _fwd(self.text, pos, self.hi, _SENT_STOP))
        return s

    def same(self, a: Qty, b: Qty) -> bool:
        """Same unit: equal keys, or a generic 个 whose noun is the other's classifier (16个部门 / 16部门)."""
        if a.key == b.key:
            return True
        if a.family == b.family == "count":
            for x, y in ((a, b), (b, a)):
                if x.key[1] == "个" and len(y.key[1]) > 1 and self.text.startswith(y.key[1], x.end):
                    return True
        return False

    def clause_left(self, q: Qty) -> str:
        """The clause up to ``q`` (at most 120 characters of it)."""
        key = q.start       # the clause up to a figure depends on where it starts only
        left = self._left.get(key)
        if left is None:
            left = self._left[key] = self.text[_back(self.text, q.start, max(self.lo, q.start - 120),
                                                     _CLAUSE_STOP):q.start]
        return left

    def has_any(self, chars: str) -> bool:
        """Whether one of ``chars`` stands in the story's text up to its last figure (every clause
        before a figure lies there): a cheap test that a finder's words cannot occur at all."""
        hi = max(self.hi, self.body[-1].start) if self.body else self.hi
        return any(self.text.find(c, self.lo, hi) >= 0 for c in chars)

    def memo(self, name: str, q: Qty, fn):
        """fn(self, q), computed once per figure (the prior-period tests are asked many times)."""
        key = (name, q.start, q.end)
        v = self._memo.get(key, _MISSING)
        if v is _MISSING:
            v = self._memo[key] = fn(self, q)
        return v

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Statement span: from the clause holding ``first`` to the clause end after ``last``."""
        s = _back(self.text, first, self.lo, _CLAUSE_STOP)
        e = _fwd(self.text, last, self.hi, _CLAUSE_STOP)
        while e > s and self.text[e - 1] in " \u3000":
            e -= 1
        return s, e

    def label(self, q: Qty) -> str:
        """The name printed right before a number in a list (行政处罚72项 -> 行政处罚)."""
        i = _back(self.text, q.start, max(self.lo, q.start - 16), _CLAUSE_STOP + "、")
        return self.text[i:q.start]

    def add(self, kind: str, qs_span: Iterable[Qty], inputs: list[Qty], stated: Qty | None,
            computed: Fraction, lo: Fraction, hi: Fraction, unit: str, formula: str,
            verdict: str | None = None, say: Say | None = None, span: tuple[int, int] | None = None,
            synthetic: bool = False, roles: Iterable[tuple[Qty, str]] = (), names: list[str] | None = None,
            confidence: str | None = None) -> Claim:
        """Record a claim.  ``synthetic``: the stated figure is words (翻一番) or implied (100%),
        not a quantity row; its value and interval are kept, its qty_id is not.  ``roles``: the
        role of each figure (:data:`ROLES`); ``confidence``: ``sure`` (the default: the finder
        found one pairing) or ``likely`` (it chose among several).  A likely pairing that does
        not fit is needs_context, not inconsistent."""
        qs_span = list(qs_span)
        if span is None:
            span = self.span(min(q.start for q in qs_span), max(q.end for q in qs_span))
        reason = None
        if verdict is None:
            verdict, reason = judge_say(computed, lo, hi, stated)
        if say is not None and reason is not None:
            say = say.with_reason(reason)
        ids = ([stated.qty_id] if stated is not None and not synthetic else []) + \
            [q.qty_id for q in inputs if q is not stated]
        role_map = {q.qty_id: r for q, r in sorted(roles, key=lambda x: (x[0].start, x[0].end)) if q.qty_id}
        if verdict == "derived":
            confidence = ""
        elif confidence is None:
            confidence = "sure"
        if verdict == "inconsistent" and confidence == "likely":
            # a pairing chosen among others that does not fit is as likely a wrong pairing as a
            # wrong figure: the reader is asked to look, the page is not called wrong
            verdict = "needs_context"
            say = Say("unsure_pairing", claim=say) if say is not None else None
        c = Claim(kind=kind, story_id=self.story_id, start=span[0], end=span[1], inputs=ids,
                  stated_qty=None if synthetic else stated, stated=stated.value if stated is not None else None,
                  stated_surface=stated.surface if stated is not None else "",
                  computed=computed, unit=unit, formula=formula, verdict=verdict, say=say,
                  interval=stated_interval(stated) if stated is not None else None,
                  tolerance=stated.half if stated is not None else None,
                  statement=self.text[span[0]:span[1]], parts=[q.qty_id for q in inputs],
                  roles=role_map, names=list(names or []), confidence=confidence)
        self.claims.append(c)
        if kind == "sum":
            parts = frozenset(c.part_qtys)
            for qid in parts:
                self.sum_parts.setdefault(qid, []).append(parts)
        return c

    def in_one_sum(self, a: str, b: str) -> bool:
        """Whether figures ``a`` and ``b`` are both parts of one sum claim already made (an index kept by
        :meth:`add`, so that asking it for every rate of a story stays linear)."""
        return any(b in parts for parts in self.sum_parts.get(a, ()))


# --- patterns ----------------------------------------------------------------------

def _sums(st: _Story) -> dict[str, tuple[Qty, list[Qty]]]:
    """A total and its listed parts; returns {part qty_id: (total, parts)} for shares."""
    text, qs = st.text, st.body
    part_of: dict[str, tuple[Qty, list[Qty]]] = {}
    used: set[str] = set()
    for i, t in enumerate(qs):
        if t.family in ("percent", "pp", "ratio") or t.qty_id in used or _role(st, t) == "base":
            continue       # 比上年末的80个增加5个；其中…: the base of a comparison is not the whole broken down
        s_lo, s_hi = st.sentence_of(t.start)
        # forward: 48项…中，A 12项、B 20项…
        parts: list[Qty] = []
        prev_end = t.end
        skipped = 0
        for q in st.after(t, 60):
            if q.start >= s_hi:
                break
            if q.family in _NOT_AMOUNTS and q.numeral != "arabic" and q.end < len(text) \
                    and "\u4e00" <= text[q.end] <= "\u9fff":
                continue       # 九年一贯制学校5所: a numeral inside a name
            if not st.same(q, t):
                if (q.family in ("percent", "pp") and _SHARE_OR_GROWTH.search(st.clause_left(q))
                        and "率" not in st.clause_left(q)) or _role(st, q) in ("per_unit", "increment", "base"):
                    # 20万户，比上年增长10%，其中企业5万户…; 其中A 5万户，增长8%，B 3万户: rates between parts
                    skipped += 1
                    if skipped > 4:
                        break
                    continue
                break
            if parts and _role(st, q) in ("balance", "per_unit", "increment", "base"):
                break      # 出口A，进口B，顺差C: the balance is no third part
            if _role(st, q) in ("per_unit", "increment", "base") and not parts:
                continue   # 平均亩产 before 其中: not the first part
            gap = text[prev_end:q.start]
            room = 24 * skipped
            if not parts:
                if len(gap) > 30 + room or not _SUM_OPEN.search(gap) or _FULL_STOP.search(gap):
                    break
            elif len(gap) > 20 + room or not _LIST_GAP.search(gap) or _FULL_STOP.search(gap):
                break
            parts.append(q)
            prev_end = q.end
            skipped = 0
        total = t
        if len(parts) < 2:
            # backward: A 12项、B 20项…，共计48项
            parts = []
            closing = text[max(s_lo, t.start - 8):t.start].rstrip("，,")
            continue_back = _SUM_CLOSE.search(closing)
            sibling = None
            if not continue_back:
                # 合计2万箱、70吨: the second total of one 合计
                prev = st.before(t, 1)
                if prev and text[prev[0].end:t.start] == "、" and \
                        _SUM_CLOSE.search(text[max(s_lo, prev[0].start - 8):prev[0].start].rstrip("，,")):
                    continue_back, sibling = True, prev[0]
            if not continue_back:
                continue       # no closing word: no parts before, so no sum
            named = _N_PARTS.search(closing)
            if continue_back:
                nxt = t.start
                other = 0
                for q in reversed(st.before(t, 60)):
                    if q.end <= s_lo:
                        break
                    if q is sibling:
                        nxt = q.start
                        continue
                    if not st.same(q, t):
                        # 1.2万箱、玉米糁28吨，…0.8万箱、玉米粉42吨，合计2万箱: other units interleaved
                        other += 1
                        if other > 6 or _SUM_CLOSE.search(text[max(s_lo, q.start - 8):q.start].rstrip("，,")):
                            break
                        continue
                    role = _role(st, q)
                    if role == "balance" or (role == "per_unit" and _role(st, t) != "per_unit"):
                        break
                    if role in ("increment", "base"):
                        other += 1     # …，是2020年同期196.5亿元的2.1倍；: a base between the parts
                        continue
                    gap = text[q.end:nxt]
                    if len(gap) > 24 + 24 * other or (parts and not _LIST_GAP_CONJ.search(gap)):
                        break
                    parts.insert(0, q)
                    nxt = q.start
                    other = 0
                    if named and len(parts) == _CN_DIGIT[named.group(1)]:
                        break      # 三大主导产业合计: three parts, no more
            if named and len(parts) != _CN_DIGIT[named.group(1)]:
                continue
            if len(parts) < 2:
                continue
        if _judge_sum(st, total, parts, "分别" in text[total.end:parts[0].start]):
            used.update(q.qty_id for q in parts)
            for q in parts:
                part_of[q.qty_id] = (total, parts)
    # A sentence opening with 其中 breaks down the total of the sentence before it:
    # 进出口总额1032.6亿元，比上年增长11.4%。其中，出口765.8亿元，增长13.2%；进口266.8亿元…
    summed = {c.stated_qty.qty_id for c in st.claims if c.kind == "sum" and c.stated_qty is not None}
    for m in _QIZHONG_OPEN.finditer(text, st.lo, st.hi):
        if m.start() > st.lo and text[m.start() - 1] not in _SENT_STOP:
            continue
        s_lo, s_hi = st.sentence_of(m.end())
        p_lo, _ = st.sentence_of(max(st.lo, m.start() - 1))
        if p_lo >= m.start() or "\n" in text[p_lo:m.start()]:
            continue
        prev = [q for q in st.within(p_lo, m.start()) if q.family not in _NON_LEVEL
                and _role(st, q) in ("level", "target") and q.qualifier not in _BOUNDS]
        inside = [q for q in st.within(s_lo, s_hi) if q.family not in _NON_LEVEL]
        if not prev or not inside:
            continue
        first = next((q for q in inside if _role(st, q) == "level"), None)
        if first is None:
            continue
        totals = [q for q in prev if st.same(q, first)]
        if not totals:
            continue
        total = totals[-1]
        if total.qty_id in summed or total.qty_id in used:
            continue
        parts = []
        for q in inside:
            if not st.same(q, total):
                continue
            r = _role(st, q)
            if r == "balance":
                break      # 其中，出口A；进口B；贸易顺差C: the balance closes the list
            if r != "level" or q.qualifier in _BOUNDS or q.qty_id in part_of:
                continue
            parts.append(q)
        if len(parts) < 2 or any(q.value >= total.value for q in parts):
            continue
        if _judge_sum(st, total, parts, "分别" in text[s_lo:s_hi], span=st.span(total.start, parts[-1].end),
                      confidence=None if len(totals) == 1 else "likely"):
            for q in parts:
                part_of[q.qty_id] = (total, parts)
    # 分产业看，A a亿元，B b亿元，C c亿元: a breakdown of the nearest earlier total of this period
    for m in _BREAKDOWN.finditer(text, st.lo, st.hi):
        if m.start() > st.lo and text[m.start() - 1] not in _SENT_STOP:
            continue
        s_lo, s_hi = st.sentence_of(m.end())
        inside = [q for q in st.within(s_lo, s_hi) if q.family not in _NON_LEVEL and q.qty_id not in used]
        if len(inside) < 2 or not all(st.same(q, inside[0]) for q in inside):
            continue
        gaps = [text[a.end:b.start] for a, b in zip(inside, inside[1:])]
        if any(not _LIST_GAP.search(g) or len(g) > 20 for g in gaps):
            continue
        p0 = inside[0]
        top = max(x.value for x in inside)
        totals = [q for q in st.before(p0, _REACH) if q.end <= s_lo and st.same(q, p0) and q.para_id == p0.para_id
                  and q.per in ("", "year") and q.value > top and not _is_prior(st, q)]
        if not totals or any(x.qty_id in part_of for x in inside):
            continue
        _judge_sum(st, totals[-1], inside, False, span=st.span(s_lo, inside[-1].end),
                   confidence=None if len(totals) == 1 else "likely")
    return part_of


_BOUNDS = ("at_least", "at_most", "less_than")
_QIZHONG_OPEN = re.compile(r"其中[，,：:]?")
# 三大主导产业合计, 三地合计, 两季合计: the number of parts the total sums
_N_PARTS = re.compile(r"([两二三四五六七八九十])(?:大|地|季|类|项|个|家|种|县|区|市)[^，,；;。、]{0,6}(?:合计|共计|总计)[\u4e00-\u9fff]{0,3}$")
_BREAKDOWN = re.compile(r"(?:分|按)[^，,。；;：:\n]{1,8}?(?:看|分|划分|统计)[，,：:]")
# words that together name every part of a whole: a list of exactly these parts is complete
_COMPLEMENTS = (("城镇", "乡村"), ("城镇", "农村"), ("城市", "农村"), ("男", "女"), ("出口", "进口"),
                ("公办", "民办"), ("境内", "境外"), ("国内", "国外"), ("国有", "非国有"), ("公有", "非公有"),
                ("第一产业", "第二产业", "第三产业"), ("一产", "二产", "三产"), ("一产业", "二产业", "三产业"))


def _complementary(labels: list[str]) -> bool:
    """Do the labels name each part of a known partition once (城镇人口 / 乡村人口)?"""
    for terms in _COMPLEMENTS:
        if len(terms) != len(labels):
            continue
        hit = []
        for lab in labels:
            found = [t for t in terms if t in lab and not any(u != t and t in u and u in lab for u in terms)]
            if len(found) != 1:
                break
            hit.append(found[0])
        else:
            if sorted(hit) == sorted(terms):
                return True
    return False


# classification dimensions of firms and bodies: a list whose parts come from two of them (民营企业,
# 外商投资企业 by ownership; 高新技术企业 by technology) is no partition, its parts may overlap
_DIMENSIONS = (
    re.compile(r"国有|国企|央企|民营|私营|外资|外商投资|外商|港澳台|集体|股份制|混合所有制|个体"),
    re.compile(r"高新技术|科技型|专精特新|小巨人|瞪羚|独角兽|创新型|技术先进型"),
    re.compile(r"上市|挂牌"),
    re.compile(r"规上|规模以上|限上|限额以上|龙头|示范"),
)


def _mixed_dimensions(labels: list[str]) -> bool:
    """Parts classified by two different dimensions (ownership and technology)."""
    hit = set()
    for x in labels:
        dims = {i for i, d in enumerate(_DIMENSIONS) if d.search(x)}
        if len(dims) == 1:
            hit |= dims
    return len(hit) > 1


def _ownership_classes(labels: list[str]) -> bool:
    """Parts named by ownership that mix the two ways of classing firms: by who controls them (国有控股,
    外商控股) and by how they are registered (外商投资, 民营, 股份制, 私营).  A state-controlled firm may
    be a joint-stock one, a foreign-invested one may be privately controlled: the classes overlap, so
    their sum above the total is no error.  Classes of one way (国有 / 民营 / 外商投资) are still summed."""
    if len(labels) < 2 or not all(_DIMENSIONS[0].search(x) for x in labels) or _complementary(labels):
        return False
    control = ["控股" in x for x in labels]
    return any(control) and not all(control)


_NAMED_COUNT = re.compile(r"(?P<n>[一二两三四五六七八九十]|[1-9])\s*(?:类|项|种|大类|个|家|批|所|条)"
                          r"(?=[^，,；;。、\d]{0,8}(?:合计|共计|总计|共|累计|分别|达到?|为|实现|完成)?[^，,；;。、\d]{0,4}$)")


def _judge_sum(st: _Story, total: Qty, parts: list[Qty], respectively: bool,
               span: tuple[int, int] | None = None, confidence: str | None = None) -> bool:
    """Add the sum claim of a total and its parts; False when the list may be partial.

    No claim when the figures cannot be a total and its parts: a part larger than the total
    (停车位2100个 under 48个小区), or a bound (最高800万元, 60家以上: caps and targets, not amounts).
    Parts adding up to more than the total by over a tenth, in a list not marked as a partition,
    may be overlapping categories (国有控股 / 股份制 / 民营): needs_context."""
    text = st.text
    if any(q.qualifier in _BOUNDS for q in [total] + parts) or any(q.value > total.hi for q in parts):
        return False
    if respectively:
        # 家用电器、箱包、玩具三类商品合计412.6亿元，分别为…: the named count (三类) or the names listed
        # must be the number of parts read, else the list was misread: no claim
        left = st.clause_left(total)
        named = None
        for m in _NAMED_COUNT.finditer(left):
            named = m
        if named is not None:
            g = named.group("n")
            n = int(g) if g.isdigit() else _CN_DIGIT.get(g)
            if n is not None and n != len(parts):
                return False
        nxt = st.after(parts[-1])[:1]
        if nxt and st.same(nxt[0], parts[-1]) and re.fullmatch(r"[、和及与]|以及", text[parts[-1].end:nxt[0].start]):
            return False   # 分别为50亿元、30亿元和20亿元 read as two parts: the list goes on
    point = _fsum([q.value for q in parts])
    lo = _fsum([q.lo for q in parts])
    hi = _fsum([q.hi for q in parts])
    labels = [st.label(q) for q in parts]
    formula = " + ".join(_num(q) for q in parts)
    after = text[parts[-1].end:parts[-1].end + 2]
    span_qs = [total] + parts
    unit = total.unit
    roles = [(total, "total")] + [(q, "part") for q in parts]
    if span is not None and total.start < span[0]:
        span_qs = parts
    exhaustive = any(_EXHAUSTIVE.search(x) for x in labels) or respectively or _complementary(labels)
    if point > total.hi and (point - total.value > total.value / 10 and not exhaustive or _mixed_dimensions(labels)
                             or _ownership_classes(labels)):
        st.add("sum", span_qs, parts, total, point, lo, hi, unit, formula, "needs_context",
               Say("sum_over", n=len(parts), sum=Val(point, total), total=Fig(total)), span=span,
               roles=roles, confidence=confidence)
        return False
    if point < total.lo:
        # parts short of a total (exact or approximate) cover it only when the list says so
        if not exhaustive or after.startswith("等"):
            st.add("sum", span_qs, parts, total, point, lo, hi, unit, formula, "needs_context",
                   Say("sum_short", n=len(parts), sum=Val(point, total), total=Fig(total)), span=span,
                   roles=roles, confidence=confidence)
            return False
    st.add("sum", span_qs, parts, total, point, lo, hi, unit, formula, None,
           Say("sum", n=len(parts), sum=Val(point, total), reason=REASON), span=span, roles=roles,
           confidence=confidence)
    return True


def _counted_lists(st: _Story) -> None:
    """A count right after (or before) an enumeration of names: A、B、C三种 / 三种：A、B、C."""
    text = st.text
    qstarts = [q.start for q in st.qs]
    words = []      # 三大工程: a count in words the quantities leave out (大 is no classifier)
    for m in _BIG_N.finditer(text, st.lo, st.hi):
        k = bisect.bisect_left(qstarts, m.end())
        if not any(a < m.end() and m.start() < b for a, b in ((q.start, q.end) for q in st.qs[max(0, k - 2):k])):
            words.append(_synthetic(m.group(0), Fraction(_CN_DIGIT[m.group(1)]), "大", "count"))
            words[-1].start, words[-1].end = m.start(), m.end()
    for q in sorted(st.body + words, key=lambda q: q.start):
        if q.family != "count" or q.qualifier != "exact" or q.value.denominator != 1:
            continue
        seg_lo = _back(text, q.start, max(st.lo, q.start - 120), _CLAUSE_STOP + "（(")
        seg = text[seg_lo:q.start]
        items_span = (seg_lo, q.start)
        etc = False
        quoted = _QUOTED_RUN.search(seg)
        if "、" not in seg and quoted:
            seg = "、".join(re.findall(r"“([^“”]+)”", quoted.group(0)))      # “强师”“优校”“暖心”三大工程
        elif "、" not in seg:
            m = _LIST_AFTER.match(text[q.end:q.end + 40])
            if not m:
                continue
            a = q.end + m.end()
            b = _fwd(text, a, st.hi, _GROUP_STOP + "，,")
            seg = text[a:b]
            items_span = (a, b)
            if "、" not in seg:
                continue
        seg = seg.strip()
        back = re.search(r"(?:这|这些|上述|以上)$", seg)
        if back and "、" in seg:
            seg = seg[:back.start()]     # 餐饮、住宿、家政、快递这四个行业: the names the count refers back to
        if seg.endswith("等"):
            seg, etc = seg[:-1], True
        if re.search(r"[各每均]$", seg) or "各" in seg[seg.rfind("、") + 1:]:
            continue       # 甲、乙两组各30人 / 两组各派出30人: 各 makes the figure one per name, not their number
        items = [x.strip() for x in seg.split("、")]
        last_split = [x for x in _CONJ.split(items[-1]) if x]
        conj_split = False
        if len(last_split) > 1 and all(len(x) <= 12 for x in last_split) \
                and not _inside_org(items[:-1], last_split):
            if len(items) == q.value and len(items) > 1:
                pass       # 新能源汽车技术、智慧健康养老服务与管理两个专业: the split that matches the count
            else:
                items = items[:-1] + last_split
                conj_split = True
        if any("等" in x for x in items):
            etc = True     # 王芳、李强等专家学者共12人: examples of a group, not the whole list
        if any(not x or re.search(r"[0-9]", x) for x in items) or any(len(x) > 15 for x in items[1:]):
            continue
        if "的" in items[-1] and items_span[1] == q.start:
            continue       # 至东、西方向的班列3条: the names qualify the counted noun, they are not counted
            continue
        n = len(items)
        if etc and n != q.value:
            continue   # 包含A、B等27条措施: examples, not the whole list
        others = [len(x) for x in items[1:]]
        lead = _LIST_VERB.match(items[0])
        if lead and len(items[0]) - lead.end() >= 2 and len(items[0]) > max(others):
            items[0] = items[0][lead.end():]     # 形成同业式、链接式 -> 同业式: the verb opens the list
        elif len(items[0]) > max(others) + 2:      # 创新推出同业式 -> 同业式: drop the verb before the list
            items[0] = items[0][-round(sum(others) / len(others)):]
        if n != q.value and not _clean_names(items, glued=items_span[1] == q.start):
            continue   # the list may not be one of names (陈红、王一、张三个人; clause fragments): no claim
        if n != q.value and q.value > 2 * n + 2:
            continue   # 新建、改建场馆12座: a figure far above the names counts something else
        if conj_split and n != q.value and len(items) - len(last_split) > 0:
            continue   # A、B与C两个…: 与/和 may sit inside a name; a mismatch after splitting there is unsure
        span = st.span(min(items_span[0], q.start), max(items_span[1], q.end))
        verdict = "consistent" if n == q.value else "inconsistent"
        st.add("count", [q], [q], q, Fraction(n), Fraction(n), Fraction(n), q.unit,
               f"count of names listed ({n})", verdict,
               Say("count_agree" if n == q.value else "count_disagree", n=n, names=Names(items), stated=Fig(q)),
               span=span, synthetic=not q.qty_id, roles=[(q, "count")], names=items)


_BACK_REF = re.compile(r"^(?:这|这些|上述|以上|届时|前述)?$")
_NAME_RUN = re.compile(r"(?:[\u4e00-\u9fff]{1,12}、)+[\u4e00-\u9fff]{1,16}")


def _back_counts(st: _Story) -> None:
    """A count opening a clause that refers back to the names listed at the start of an earlier
    clause of its sentence (A、B和C出口分别增长…，这四个行业…; 在A、B举办，届时两处园区…; A、B、C地区生产
    总值分别达到…，三地合计…).  The names run from the clause start to 分别 or the first digit; the
    pairing is read, not stated, so it is likely: a count that disagrees asks to look."""
    text = st.text
    counted = {c.stated_qty.qty_id for c in st.claims if c.kind == "count" and c.stated_qty is not None}
    for q in st.body:
        if q.family != "count" or q.qualifier != "exact" or q.value.denominator != 1 or q.qty_id in counted:
            continue
        if not 2 <= q.value <= 10 or q.numeral == "arabic":
            continue
        if not _BACK_REF.match(st.clause_left(q)):
            continue
        nxt = text[q.end:q.end + 1]
        if not ("\u4e00" <= nxt <= "\u9fff") or _MEASURE_NOUN.match(text, q.end):
            continue       # 两项增速: a measure (面积, 比重) or no noun after the count
        c_lo = q.start - len(st.clause_left(q))
        s_lo, _ = st.sentence_of(q.start)
        if c_lo <= s_lo:
            continue
        # the one list of names of the sentence before the count's clause
        lists = list(_NAME_RUN.finditer(text, max(s_lo, c_lo - 200), c_lo))   # bounded: a page of one line
        if len(lists) != 1:
            continue
        a = lists[0].start()
        if any(x.family == "count" for x in st.within(a, c_lo)):
            continue       # 种子、化肥、农药三项保障，两项工作已经启动: the list has its own count
        seg = re.split(r"分别", lists[0].group(0))[0]
        if "、" not in seg or "等" in seg:
            continue
        items = [x.strip() for x in seg.split("、")]
        last = [x for x in _CONJ.split(items[-1]) if x]
        if len(last) > 1:
            items = items[:-1] + last
        lead = _LIST_VERB.match(items[0])
        if lead and len(items[0]) - lead.end() >= 2:
            items[0] = items[0][lead.end():]
        if not _clean_names(items[:-1], glued=False) or not 2 <= len(items[-1]) <= 10:
            continue
        if any(_MEASURE_NOUN.search(x) for x in items[:-1]):
            continue
        n = len(items)
        st.add("count", [q], [q], q, Fraction(n), Fraction(n), Fraction(n), q.unit,
               f"count of names listed ({n})", "consistent" if n == q.value else None,
               Say("count_agree" if n == q.value else "count_disagree", n=n, names=Names(items), stated=Fig(q)),
               span=st.span(a, q.end), roles=[(q, "count")], names=items, confidence="likely")


_NOT_A_NAME = re.compile(r"[的了是在对把将被从向为以，,：:；;（）()]|其中|等|通过|进行|加快|推进|强化|完善|提升|实现|"
                        r"^(?:新建|改建|扩建|改扩建|新增|续建|在建|建成|改造|翻建)$")
# the last word of an organisation's name: 和 before it joins words inside one name (人力资源和社会保障局)
_ORG_END = re.compile(r"(?:局|厅|委员会|委|部|办公室|办|院|署|中心|集团|公司|协会|学会|联合会|银行|大学|学院)$")


def _inside_org(before: list[str], split: list[str]) -> bool:
    """Would splitting the last item on 和/及/与 cut an organisation's name in two?  Yes when the
    items before it are organisations and a piece before the 和 is no organisation by itself
    (A局、B局、C发展和改革委员会 is three names, not four; A局、B局和C海关 is three)."""
    return bool(before) and all(_ORG_END.search(x) for x in before) and \
        not all(_ORG_END.search(x) for x in split[:-1])


def _clean_names(items: list[str], glued: bool) -> bool:
    """Is the list clearly one of names, so that a count that disagrees with it is an error?  Each
    item two to ten characters with no function word or verb in it; the last item one character
    glued to the number is a name ending in a numeral (张三个人), not an item."""
    if glued and len(items[-1]) < 2:
        return False
    return all(2 <= len(x) <= 10 and not _NOT_A_NAME.search(x) for x in items)


# 一是…二是…四是 / 一候…三候 after a count: the enumeration the count announces
_ORDINALS = "一二三四五六七八九十"


def _enumerations(st: _Story) -> None:
    """A count announcing an enumeration (从四个方面提出举措：一是…；二是…；三是…；四是…, 分为三候：一候…
    二候…三候…): the markers are counted in order within the paragraph."""
    text = st.text
    counted = {c.stated_qty.qty_id for c in st.claims if c.kind == "count" and c.stated_qty is not None}
    for q in st.body:
        if q.family != "count" or q.qualifier != "exact" or q.value.denominator != 1 or q.qty_id in counted:
            continue
        n = int(q.value)
        if not 2 <= n <= 10:
            continue
        p_hi = _fwd(text, q.end, st.hi, "\n")
        head = text[q.end:min(p_hi, q.end + 40)]
        cls = (q.classifier or q.unit)[-1:]
        for word in ("是", cls):
            first = "一" + word
            k = head.find(first)
            if k < 0 or re.search(r"[。！？]", head[:k]):
                continue
            pos, found = q.end + k, 0
            for i, ch in enumerate(_ORDINALS):
                j = text.find(ch + word, pos, min(p_hi, pos + 400))
                if j < 0:
                    break
                found, pos = i + 1, j + 2
            if found < 2:
                continue
            # the enumeration goes on past the count (五是 after 四件事) or stops short of it
            end = _fwd(text, pos, p_hi, _GROUP_STOP)
            st.add("count", [q], [q], q, Fraction(found), Fraction(found), Fraction(found), q.unit,
                   f"count of items enumerated ({found})", "consistent" if found == n else "inconsistent",
                   Say("count_agree" if found == n else "count_disagree", n=found,
                       names=Names([_ORDINALS[i] + word for i in range(found)]), stated=Fig(q)),
                   span=(st.span(q.start, q.end)[0], end), roles=[(q, "count")],
                   names=[_ORDINALS[i] + word for i in range(found)])
            break


# verbs that open a list of names (形成A、B、C三种模式)
_LIST_VERB = re.compile(r"^(?:.{0,4}?)(?:形成了?|包括|包含|推出了?|推行|实施了?|开展了?|建立了?|涵盖|覆盖|涉及|"
                        r"设立了?|组建了?|打造了?|培育了?|采取了?|采用了?|围绕|聚焦|对|向|为|在)")
_BIG_N = re.compile(r"([两三四五六七八九十])大(?=[\u4e00-\u9fff])")
_QUOTED_RUN = re.compile(r"(?:“[^“”，,。]{1,12}”){2,}$")
# 师生比为1:14 / 生师比16.5:1 / 男女比例为1.05:1: two one-character sides and a ratio written a:b
_RATIO = re.compile(r"(?P<x>[\u4e00-\u9fff])(?P<y>[\u4e00-\u9fff])比(?:例)?(?:为|是|达到?|约为|约)?\s*"
                    r"(?P<a>\d+(?:\.\d+)?)\s*[:：]\s*(?P<b>\d+(?:\.\d+)?)")
# what follows the two characters: found from its literal 比 (a search of _RATIO tries every Chinese character)
_RATIO_TAIL = re.compile(r"比(?:例)?(?:为|是|达到?|约为|约)?\s*\d+(?:\.\d+)?\s*[:：]\s*\d+(?:\.\d+)?")


def _ratio_matches(text: str, lo: int, hi: int):
    """The matches of ``_RATIO.finditer(text, lo, hi)``: a match is two characters and a match of
    _RATIO_TAIL (which holds no second 比, so its matches do not overlap), tried where that is found."""
    end = lo
    for t in _RATIO_TAIL.finditer(text, lo + 2, hi):
        s = t.start() - 2
        if s < end:
            continue
        m = _RATIO.match(text, s, hi)
        if m is not None:
            end = m.end()
            yield m


def _ratios(st: _Story) -> None:
    """A ratio a:b between two counts of the same sentence, each named by one side's character
    (师 -> 专任教师, 生 -> 在校学生): one side must be 1; the other is checked within its rounding."""
    text = st.text
    for m in _ratio_matches(text, st.lo, st.hi):
        a, b = Fraction(Decimal(m.group("a"))), Fraction(Decimal(m.group("b")))
        if (a == 1) == (b == 1):
            continue
        s_lo, _ = st.sentence_of(m.start())
        sides = []
        for ch in (m.group("x"), m.group("y")):
            cands = [q for q in st.within(s_lo, m.start()) if q.end <= m.start() and q.family == "count"
                     and ch in (q.what or st.label(q)) and q not in sides]
            if not cands:
                break
            sides.append(cands[-1])
        if len(sides) != 2 or not st.same(*sides) or not all(q.value > 0 for q in sides):
            continue
        x, y = sides
        num, den, digits = (y, x, m.group("b")) if a == 1 else (x, y, m.group("a"))
        stated = Qty(qty_id="", start=m.start("a"), end=m.end("b"), surface=text[m.start("a"):m.end("b")],
                     value=Fraction(Decimal(digits)), unit="", family="ratio",
                     fixed_half=Fraction(1, 2) / 10 ** (len(digits.split(".")[1]) if "." in digits else 0))
        point = num.value / den.value
        lo, hi = num.lo / den.hi, num.hi / max(den.lo, _TINY)
        form = f"1:{_fmt(point)}" if a == 1 else f"{_fmt(point)}:1"
        st.add("ratio", [x, y, stated], [x, y], stated, point, lo, hi, "",
               f"{_num(num)} / {_num(den)}", None,
               Say("ratio", x=Fig(x), xc=m.group("x"), y=Fig(y), yc=m.group("y"), form=form, reason=REASON),
               span=st.span(min(x.start, y.start), m.end()), synthetic=True, roles=[(x, "count"), (y, "count")])


_GENERIC_CLASSIFIERS = frozenset("个项处座件次批")


def _other_things(t: Qty, p: Qty) -> bool:
    """Two counts with a generic classifier (个) whose nouns share nothing: 48个小区 and 电梯15个
    count different things."""
    if t.family != "count" or (t.classifier or t.unit) not in _GENERIC_CLASSIFIERS:
        return False
    if len(re.sub(r"截至|截止|月底|月末|年底|年末|目前|当前|今年|累计", "", _PART_MARK.sub("", p.what))) <= 1 \
            and _PART_MARK.search(p.what):
        return False       # 小区186个，截至12月底已完工158个: the part's name is only its verb
    return bool(t.what and p.what) and _lcs(t.what, p.what) == 0


def _strict_pairs(st: _Story, in_lists: set[str] = frozenset()) -> list[tuple[Qty, Qty]]:
    """Whole-part pairs: 30万平方米闲置厂房盘活18万平方米, 共30万平方米，已盘活18万平方米
    (same unit, same clause, or the next clause when it says the part was done, or 其中)."""
    text, qs = st.text, st.body
    pairs = []
    for j, p in enumerate(qs):
        if p.family in ("percent", "pp", "ratio") or p.per:
            continue
        g_lo, _ = st.group_of(p.start)
        for t in reversed(st.before(p, 40)):
            if t.start < g_lo:
                break
            if not st.same(t, p) or t.per:
                continue
            between = text[t.end:p.start]
            commas = between.count("，") + between.count(",")
            tail = between[max(between.rfind("，"), between.rfind(",")) + 1:]    # after the last comma
            if len(between) > 30 or (commas and "其中" not in between and
                                     (commas > 1 or len(between) > 20 or not _PART_MARK.search(tail))):
                break
            if p.value <= t.value and p.qty_id not in in_lists and _PART_MARK.search(between) \
                    and not _CHANGE_MARK.search(_PART_MARK.sub("", between)) and not _other_things(t, p):
                pairs.append((t, p))
            break
    return pairs


# --- roles: what each figure is, from its cue words --------------------------------------
#
# A figure's role decides which relations it can enter: a part or a whole is a level (or a
# total); an increment (同比增加1.9万标准箱), a per-unit figure (人均500元, 日均6879吨), last
# year's figure (比上年末的174.3平方公里, 上年为A) and a bound (60家以上, 最高800万元) are not.

_AVG_CUE = re.compile(r"(?:人均|户均|村均|亩均|日均|月均|年均|平均|每[人户亩天日年月台个])[^，,；;。]{0,6}$")
_BASE_CUE = re.compile(r"(?:比|较)[^，,；;。]{0,10}的$")
# last year's figure stated as such (上年为5.2%, 去年同期为…, 上年这一比重为17.2%); a sentence that opens
# with 去年 reports that year (去年全县163个行政村…): its figures are levels
_PRIOR_IS = re.compile(r"(?<![比较])(?:去年|上年|上一年|前一年)(?:同期|末|底|年末|全年)?[^，,；;。]{0,6}?(?:为|是|有)$")
_TIMES_AFTER = re.compile(r"的(?:[0-9.]+|[一二两三四五六七八九十]+)倍")
_TARGET_CUE = re.compile(r"目标|力争|计划|预计|到20\d\d年|确保")


def _role(st: _Story, q: Qty) -> str:
    """The role a figure's own cue words give it: level (or total), increment, change_rate,
    per_unit, base, bound, target."""
    key = ("role", q.start, q.end)         # st.memo, inline (asked ~200 times a page)
    v = st._memo.get(key)
    if v is None:
        v = st._memo[key] = _role_of(st, q)
    return v


def _role_of(st: _Story, q: Qty) -> str:
    left = st.clause_left(q)
    if q.qualifier in _BOUNDS:
        return "bound"
    w = st.memo("change", q, _change_word)
    if w is not None and not w[1]:
        return "change_rate" if q.family in ("percent", "pp") else "increment"
    if q.per in ("day", "month", "week", "hour") or (q.per and q.family != "count" and q.per != "year") \
            or _AVG_CUE.search(left):
        return "per_unit"
    if _BASE_CUE.search(left) or _PRIOR_IS.search(left) or _TIMES_AFTER.match(st.text, q.end):
        return "base"          # …，是2020年同期196.5亿元的2.1倍: the base of a multiple
    if _BALANCE.search(left[-8:]):
        return "balance"
    if _TARGET_CUE.search(left):
        return "target"
    return "level"


_AMOUNT_ROLES = ("level", "target")     # a target may be the whole of a completion rate


def _rate_fits(p: Qty, t: Qty, r: Qty) -> bool:
    """Does part / whole fit the stated rate r (within rounding)?"""
    if not t.value:
        return False
    point = p.value / t.value * 100
    lo, hi = max(p.lo, _ZERO) / t.hi * 100, p.hi / max(t.lo, _TINY) * 100
    return judge(point, lo, hi, r)[0] in ("consistent", "rounding")


def _whole_matches(name: str, q: Qty, st: _Story) -> bool:
    """Does a whole named in words (占社会消费品零售总额的) name this figure?  Its head noun (the
    name's last two characters) must be in the figure's name, and the names must share more."""
    name = _PLACE_HEAD.sub("", re.sub(r"^(?:全[省市县区国州])", "", name)).rstrip("的")
    if len(name) < 2:
        return False
    core = _GENERIC_HEAD.sub("", name)      # 出口总值 -> 出口: the total of 出口
    core = _WHOLE_ALIAS.get(core, core)     # 外贸总值 -> 进出口
    for n, need in ((name, 2), (core, 3 if core == name else 2)):
        if len(n) < 2:
            continue
        for have in (q.what, st.label(q)):
            if have and n[-2:] in have and _subject_strength(n, have) >= need:
                return True
    return False


_WHOLE_ALIAS = {"外贸": "进出口", "外贸进出口": "进出口", "对外贸易": "进出口"}   # one measure, two names
_GENERIC_HEAD = re.compile(r"(?:的)?(?:总值|总额|总量|总数|总和|总计|总体|总规模|面积|总面积|数量|人数|规模)$")


def _rates(st: _Story, part_of) -> set[tuple[str, str]]:
    """Stated rates …率R% / 占R%: the part and the whole they divide.

    Within the clause group before the rate, a part and a whole are levels (an increment, a
    per-unit figure or last year's figure is neither).  A part named before 占 (A类企业占…) is the
    figure of that name; a whole named after 占 (占社会消费品零售总额的) is the figure of that name,
    in the group or earlier in the story, and no other; a figure written inside the 占 clause
    (占全市2000亿元的) is the whole.  A part larger than its whole is no pairing (unless 完成 /
    超, a target overshot)."""
    text, qs = st.text, st.body
    used_pairs: set[tuple[str, str]] = set()
    share_total: dict[int, Qty] = {}
    for r in qs:
        if r.family != "percent" or r.qualifier == "range":
            continue
        left = st.clause_left(r)
        if "占" in r.surface[:3]:
            left += "占"           # 约占三成: the 占 is inside the figure's surface
        if not (_RATE_WORD.search(left) or r.what.endswith("率")) or _GROWTH.search(left + r.what):
            continue
        g_lo, _ = st.group_of(r.start)
        window = []
        for q in reversed(st.before(r, 40)):
            if q.start < g_lo or q.family in ("percent", "pp"):
                break
            cue = st.memo("percue", q, _per_cue)
            if cue is not None and cue[2] > 1:
                continue       # 每千名游客投诉0.025件: a per-thousand figure is no part of a rate
            window.insert(0, q)
        whole = _whole_name(left)
        zhan = left.rfind("占")
        part_name = ""
        if zhan > 0:
            pm = _PART_BEFORE_占.search(left[:zhan + 1])
            part_name = _PLACE_HEAD.sub("", re.sub(r"^.*其中", "", pm.group("name"))) if pm else ""
        conf = None
        t = p = None
        c_lo = r.start - len(left)
        in_zhan = [q for q in window if zhan >= 0 and q.start >= c_lo + zhan]
        amounts = [q for q in window if q not in in_zhan and _role(st, q) in _AMOUNT_ROLES
                   and q.family not in _NOT_AMOUNTS]
        if not window:
            # 第三产业增加值占地区生产总值的比重为54.4%: part and whole named, their figures stated earlier
            pt = _named_share(st, r, left, whole)
            if pt is None:
                continue
            t, p, named_sure = pt
            conf = None if named_sure else "likely"
        else:
            if len(part_name) >= 2:
                scored = [(max(_subject_strength(part_name, q.what), _subject_strength(part_name, st.label(q))), q)
                          for q in amounts]
                top = max((k for k, _ in scored), default=0)
                if top < 2:
                    continue       # 其中厨余垃圾占31.5%: the part named has no figure here
                best = [q for k, q in scored if k == top]
                p = best[-1]
                if len(best) > 1:
                    conf = "likely"
            elif amounts:
                p = amounts[-1]
            if p is None:
                continue
            if in_zhan:
                t = in_zhan[-1]          # 占全市建成区面积525平方公里的40.1%: the whole is in the 占 clause
            elif whole:
                named = [q for q in amounts if q is not p and st.same(q, p) and q.value > p.value
                         and _whole_matches(whole, q, st)]
                t = named[-1] if named else None
            elif "占" in left and p.qty_id in part_of and part_of[p.qty_id][0].end <= p.start:
                t = part_of[p.qty_id][0]   # 营业额A，其中B、C、D，D占三成: the total its list was of
            else:
                t = next((q for q in reversed(amounts) if q is not p and q.start < p.start and st.same(q, p)
                          and not q.per), None)
                if t is not None and t.value < p.value and "占" in text[t.end:p.start]:
                    t, p = p, t        # A 500亿元，占全市2000亿元的25%
            listed = _listed_part(st, window, left)
            if listed is not None and not part_name:
                t, p = listed      # 常住人口A，其中城镇人口B，乡村人口C，城镇化率R%: B of A
            if not _rate_names_pair(st, left, t or p, p):
                conf = "likely"    # 优良天数比例87.5% beside 10个城市: the rate may be of another thing
            if t is not None and st.in_one_sum(t.qty_id, p.qty_id):
                # 1024所幼儿园中，公办园412所，普惠性民办园486所，省级示范幼儿园62所，普惠性幼儿园覆盖率R%:
                # two parts of one list are siblings, not a part and its whole
                conf = "likely"
        s_lo = st.sentence_of(r.start)[0]
        if t is None and p is not None and "占" not in left:
            # 城镇常住人口279.2万人，常住人口城镇化率74.3%: the whole is named inside the rate's noun
            noun = _TIME_WORDS.sub("", left)
            wholes = [q for q in st.alike(p, before_only=True) if q is not p and q.value > p.value
                      and _role(st, q) in _AMOUNT_ROLES and not _is_prior(st, q)
                      and len(_PLACE_HEAD.sub("", q.what)) >= 2 and _PLACE_HEAD.sub("", q.what) in noun]
            if wholes:
                t = wholes[-1]
                if len(wholes) > 1:
                    conf = "likely"
        if t is None and "占" in left:
            if p.qty_id in part_of and (not whole or _whole_matches(whole, part_of[p.qty_id][0], st)):
                t = part_of[p.qty_id][0]
            elif not whole and s_lo in share_total and st.same(share_total[s_lo], p):
                t = share_total[s_lo]      # 其中A 150家，占75%，B 50家，占25%: both of the same total
            else:
                place = re.search(r"占(全[省市县区国州])", left)
                t, sure_whole = _earlier_whole(st, p, whole, broadest=bool(place),
                                               place=place.group(1) if place else "")
                # 两项指标分别达到A和B，其中…占社会消费品零售总额的比重为R%: a larger figure of the
                # group may be the whole under another name
                if not sure_whole or any(q is not t and st.same(q, p) and q.value > p.value
                                         for q in st.within(s_lo, p.start)):
                    conf = "likely"
        if t is None or t.value == 0 or p.family in _NOT_AMOUNTS or t is p:
            continue
        if "率" in left and "占" not in left and _role(st, t) != "target":
            plan = _planned_whole(st, t, p)
            if plan is not None:
                # 计划N个，已开工A个，完工B个，完工率R%: a completion rate is of the plan; another
                # rate (合格率) may be of either whole
                t, conf = plan, conf if _DONE_RATE.search(left) else "likely"
        if conf == "likely" and not _rate_fits(p, t, r):
            # a pairing chosen among others that does not fit: if exactly one other larger figure of
            # the sentence (or of the same name) fits, that is the whole the text means
            alts = [q for q in st.before(p, 40) if q is not t and q is not p and st.same(q, p)
                    and q.para_id == p.para_id and q.value > p.value and _role(st, q) in _AMOUNT_ROLES]
            fit = [q for q in alts if _rate_fits(p, q, r)]
            if len(fit) == 1:
                t = fit[0]
        larger = p.value > t.value
        if larger and "完成" not in left and "超" not in left:
            continue           # a part larger than its whole: not this pairing
        point = p.value / t.value * 100
        lo, hi = max(p.lo, _ZERO) / t.hi * 100, p.hi / max(t.lo, _TINY) * 100
        kind = "share" if "占" in left and "率" not in left else "rate"
        formula = f"{_num(p)} / {_num(t)} × 100"
        expl = Say("rate", part=Fig(p), whole=Fig(t), rate=Pct(point), reason=REASON)
        first = min(t.start, p.start)
        span = None if first >= s_lo else st.span(max(s_lo, min(p.start, r.start)), r.end)
        st.add(kind, [t, p, r], [t, p], r, point, lo, hi, "%", formula, None, expl, span=span,
               roles=[(t, "total"), (p, "part"), (r, "rate" if kind == "rate" else "share")], confidence=conf)
        used_pairs.add((t.qty_id, p.qty_id))
        if kind == "share":
            share_total.setdefault(s_lo, t)
    return used_pairs


_WHOLE_AFTER_占 = re.compile(r"占(?!比)(?:全[市县区省国州]|本[市县区]|该[市县区])?(?P<name>[^，,；;。！？!?：:\n]{2,20}?)"
                            r"(?:的)?(?:比重|比例|份额)?(?:为|达到?|约为|是)?$")
_PART_BEFORE_占 = re.compile(r"(?P<name>[^，,；;。！？!?：:\n]{2,20}?)占(?!比)")
_WHOLE_OPENER = re.compile(r"^(?P<name>[^，,；;。！？!?：:\n]{2,12}?)中[，,]")
_RATE_SUFFIX = re.compile(r"(?:化率|率|占比|比重|比例)(?:为|达到?|约为|是)?$")


_RATE_NOUN = re.compile(r"(?:化率|率|比例|比重)")


def _rate_names_pair(st: _Story, left: str, t: Qty, p: Qty) -> bool:
    """Does the rate's own noun (完成率 -> 完成, 优良天数比例 -> 优良天数) appear where the part or
    the total is stated (已盘活23家)?  A rate with no noun of its own (占比, 率) names nothing to
    check; a share with 占 names its part before 占."""
    if "占" in left:
        return True
    m = None
    for m in _RATE_NOUN.finditer(left):
        pass
    if m is None:
        return True
    noun = _PLACE_HEAD.sub("", _TIME_WORDS.sub("", left[:m.start()]).strip())
    noun = re.sub(r"^(?:其中|全年|平均|综合|整体|总体)", "", noun)
    if len(noun) < 2:
        return True
    text = st.text
    ctx = "".join(text[_back(text, q.start, st.lo, _CLAUSE_STOP):_fwd(text, q.end, st.hi, _CLAUSE_STOP)]
                  + q.what for q in (p, t))
    return _lcs(noun, ctx) >= 2


def _whole_name(left: str) -> str:
    """The whole named after 占 (占一般公共预算收入的比重为 -> 一般公共预算收入); '' for 占比 / 占R%."""
    m = _WHOLE_AFTER_占.search(left)
    return m.group("name") if m else ""


def _name_score(st: _Story, q: Qty, name: str) -> int:
    return max(_lcs(name, q.what), _lcs(name, st.label(q))) if name else 0


def _earlier_whole(st: _Story, p: Qty, name: str, broadest: bool = False, place: str = "") -> tuple[Qty | None, bool]:
    """The whole of a share whose clause gives only the part (A N人，占R%): the figure named after
    占, or opened as 'X中，' at the sentence start, else the nearest larger figure of the paragraph;
    never a figure of the prior period (上年为A), nor, for 占全区…, one whose clause names another
    whole place (占全市规模以上工业总产值2985.2亿元 is the city's, not the district's)."""
    text = st.text
    s_lo = _back(text, p.start, st.lo, _SENT_STOP)
    if not name:
        m = _WHOLE_OPENER.match(text[s_lo:p.start])
        name = m.group("name") if m else ""
        # 当晚的游客中，…: the time named is no part of the whole's name
        name = re.sub(r"^(?:当[天日晚年月]|" + _TIME_WORDS.pattern + r")的?", "", name)
    cands = [q for q in st.alike(p, before_only=True) if q.end <= p.start and q.value > p.value
             and q.per in ("", "year") and _role(st, q) in _AMOUNT_ROLES and not _is_prior(st, q)]
    if place:
        def other_place(q: Qty) -> bool:
            named = re.findall(r"全[省市县区国州]", st.clause_left(q))
            return bool(named) and named[-1] != place
        cands = [q for q in cands if not other_place(q)]
    if name:
        scored = [(_name_score(st, q, name), q.start, q) for q in cands if _whole_matches(name, q, st)]
        if scored:
            top = max(x[0] for x in scored)
            if broadest and sum(x[0] == top for x in scored) > 1:
                # 占全省外贸总值的52% after 全省进出口A … 一般贸易进出口B: the whole of the province is
                # the largest figure of that name (a likely pairing)
                return max(scored, key=lambda x: (x[2].value, x[1]))[2], False
            return max(scored, key=lambda x: x[:2])[2], sum(x[0] == top for x in scored) == 1
        return None, False     # a whole named that no figure of the story names
    # the nearest larger figure of the paragraph that is not itself a part with its own share
    same_para = [q for q in cands if q.para_id == p.para_id
                 and not re.match(r"[，,]?(?:占|比重|占比)", st.text[q.end:q.end + 3])]
    return (same_para[-1] if same_para else None), len(same_para) == 1


def _named_share(st: _Story, r: Qty, left: str, whole: str) -> tuple[Qty, Qty, bool] | None:
    """X占Y的比重为R% with no figure in its clause group: X's and Y's figures stated earlier."""
    m = _PART_BEFORE_占.search(left)
    if not whole or not m:
        return None
    part = _PLACE_HEAD.sub("", m.group("name"))
    best = {}
    sure = True
    for role, name in (("p", part), ("t", whole)):
        cands = [(_name_score(st, q, name), q.start, q) for q in st.before(r, _REACH)
                 if q.end <= r.start and q.family not in _NON_LEVEL and q.per in ("", "year")
                 and not _is_prior(st, q)]
        cands = [c for c in cands if c[0] >= max(2, len(name) - 1)]
        if not cands:
            return None
        top = max(c[0] for c in cands)
        best[role] = max(cands, key=lambda c: c[:2])[2]
        sure = sure and sum(c[0] == top for c in cands) == 1
    t, p = best["t"], best["p"]
    if t is p or not st.same(t, p) or p.value > t.value:
        return None
    return t, p, sure


def _listed_part(st: _Story, window: list[Qty], left: str) -> tuple[Qty, Qty] | None:
    """A rate after a total and its listed parts (A，其中B，C，…率R%): the part the rate names."""
    text = st.text
    for i, t in enumerate(window[:-2]):
        parts = [q for q in window[i + 1:] if st.same(q, t)]
        if len(parts) < 2 or "其中" not in text[t.end:parts[0].start]:
            continue
        noun = _RATE_SUFFIX.sub("", left.strip())
        for x in (t.what, _PLACE_HEAD.sub("", t.what)):
            if x and x in noun:
                noun = noun.replace(x, "")
        scores = [(_name_score(st, q, noun), q) for q in parts]
        top = max(sc for sc, _ in scores)
        best = [q for sc, q in scores if sc == top]
        if top >= 2 and len(best) == 1:
            return t, best[0]
        return None
    return None


def _shares(st: _Story, part_of) -> None:
    """R%为N: a percentage of a total whose part N is counted elsewhere; 其中R% checked GRIM-style."""
    text, qs = st.text, st.body
    rated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    last_part: dict[int, Qty] = {}   # sentence start -> part of the latest share in that sentence
    for k, r in enumerate(qs):
        if r.family != "percent" or r.qualifier == "range" or r.qty_id in rated:
            continue
        s_lo, s_hi = st.sentence_of(r.start)
        m = _SHARE_RIGHT.match(text[r.end:r.end + 20])
        left = st.clause_left(r)
        if m and not _GROWTH.search(left):
            name = m.group(1)
            best, score, ties = None, 0, 0
            for q in st.before(r, _REACH):
                if q.family != "count" or q.header:
                    continue
                lab = st.label(q)
                sc = max(_lcs(name, lab), _lcs(name, q.what))
                if sc > score:
                    best, score, ties = q, sc, 1
                elif sc == score and best is not None and sc:
                    best, ties = q, ties + 1
            if best is not None and score >= 3:
                p = best
                t = part_of.get(p.qty_id, (None,))[0]
                if t is None:
                    t = next((q for q in reversed(st.before(p, 40)) if st.same(q, p) and q.value > p.value), None)
                if t is not None and t.value:
                    point = p.value / t.value * 100
                    lo, hi = p.lo / t.hi * 100, p.hi / t.lo * 100 if t.lo else point
                    span = st.span(r.start, r.end + m.end())
                    st.add("share", [r], [t, p], r, point, lo, hi, "%", f"{_num(p)} / {_num(t)} × 100", None,
                           Say("share_named", part=Fig(p), name=st.label(p) or p.what, whole=Fig(t),
                               rate=Pct(point), reason=REASON),
                           span=span, roles=[(t, "total"), (p, "part"), (r, "share")],
                           confidence="sure" if ties == 1 else "likely")
                    last_part[s_lo] = p
                    continue
        if "其中" in left or "其中" in text[max(s_lo, r.start - 4):r.start]:
            rest = re.sub(r"^.*其中", "", left)
            if len(re.sub(r"^(?:有|约|近|超过|超|逾|达|共)", "", rest)) >= 2:
                continue   # 其中种粮面积占比为35%: a share of another measure, not of the counted items
            if text.startswith("的", r.end) and not _names_counted(st, text[r.end + 1:r.end + 4])[0]:
                continue   # 其中87.5%的天数: a share of days, not of the cities counted
            base = last_part.get(s_lo)
            if base is None:
                base = next((q for q in reversed(st.before(r, 40)) if q.start >= s_lo and q.family == "count"
                             and q.qualifier == "exact" and q.value.denominator == 1), None)
            if base is None or base.value <= 0:
                continue
            if text.startswith("的", r.end):
                ok, _ = _names_counted(st, text[r.end + 1:r.end + 4], base)
                if not ok:
                    continue
            _grim(st, r, base)


_RESPECTIVE_SHARES = re.compile(r"占(?P<whole>[^，,；;。！？!?：:\n]{2,20}?)的?(?:比重|比例)分别(?:为|是|达到?)$")


def _respective_shares(st: _Story) -> None:
    """占W的比重分别为R1、R2和R3 with no figure in its clause: the parts are the last k figures of
    one unit before the clause in its paragraph (A a亿元，…；B b亿元，…；C c亿元，…), the whole is
    the figure named W stated before them."""
    text = st.text
    rated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    for r in st.body:
        if r.family != "percent" or r.qty_id in rated or r.qualifier != "exact":
            continue
        left = st.clause_left(r)
        m = _RESPECTIVE_SHARES.search(left)
        if not m:
            continue
        run = [r]
        for q in st.after(r, 10):
            if q.family != "percent" or not re.fullmatch(r"[、和及]", text[run[-1].end:q.start]):
                break
            run.append(q)
        k = len(run)
        c_lo = r.start - len(left)
        p_lo = max(_back(text, r.start, st.lo, "\n"), c_lo - 600)
        levels = [q for q in st.within(p_lo, c_lo) if q.family not in _NON_LEVEL and q.per in ("", "year")
                  and _role(st, q) == "level" and q.qualifier in ("exact", "approx")]
        if k < 2 or len(levels) < k:
            continue
        parts = levels[-k:]
        if not all(st.same(q, parts[0]) for q in parts) or any(q.qty_id in rated for q in run):
            continue
        subject = left[:m.start()]
        if len(subject) >= 2 and any(_name_score(st, q, subject) < 2 for q in parts):
            continue       # 城镇、乡村居民收入占…分别为: the parts named are not the figures before
        t, sure = _earlier_whole(st, parts[0], m.group("whole"))
        if t is None or t.end > parts[0].start or t.value <= max(q.value for q in parts):
            continue
        for p, rr in zip(parts, run):
            point = p.value / t.value * 100
            lo, hi = max(p.lo, _ZERO) / t.hi * 100, p.hi / max(t.lo, _TINY) * 100
            st.add("share", [rr], [t, p], rr, point, lo, hi, "%", f"{_num(p)} / {_num(t)} × 100", None,
                   Say("rate", part=Fig(p), whole=Fig(t), rate=Pct(point), reason=REASON),
                   span=st.span(rr.start, rr.end), roles=[(t, "total"), (p, "part"), (rr, "share")],
                   confidence=None if sure else "likely")


def _names_counted(st: _Story, noun: str, base: Qty | None = None) -> tuple[bool, str]:
    """Does ``noun`` (what follows 其中R%的) name the items counted by ``base`` (its classifier or
    what), or is it at least not a measure (面积, 天数)?"""
    if _MEASURE_NOUN.match(noun):
        return False, noun
    if base is None:
        return True, noun
    names = (base.what or "") + (base.classifier or base.unit)
    return (not names or _lcs(noun[:2], names) >= 1), noun


_MEASURE_NOUN = re.compile(r"(?:面积|天数|时间|金额|资金|产量|产值|收入|投资|比重|比例|人口|人数|数量|规模|总量|总额)")


def _grim(st: _Story, r: Qty, base: Qty) -> None:
    """Is there a whole number k with k / N × 100 inside the stated percentage's interval?"""
    n = base.value.numerator
    iv = stated_interval(r)
    exact_k = r.value * n / 100
    ks = [k for k in range(max(0, int(exact_k) - 2), min(n, int(exact_k) + 3) + 1)
          if iv.contains(Fraction(k * 100, n))]
    point = exact_k
    span = st.span(r.start, r.end)
    rate = f"{_fmt(r.value)}%"
    if exact_k.denominator == 1 and iv.contains(Fraction(int(exact_k) * 100, n)):
        verdict, why = "consistent", Say("grim_exact", k=_fmt(exact_k), n=n, rate=rate)
    elif ks:
        k = min(ks, key=lambda k: abs(Fraction(k * 100, n) - r.value))
        verdict, why = "rounding", Say("grim_rounds", k=k, n=n, pct=Pct(Fraction(k * 100, n)), rate=rate)
        point = Fraction(k)
    else:
        near = int(exact_k)
        k = min((x for x in (near - 1, near, near + 1, near + 2) if 0 <= x <= n),
                key=lambda k: (abs(Fraction(k * 100, n) - r.value), k))
        verdict, why = "inconsistent", Say("grim_none", k=k, n=n, pct=Pct(Fraction(k * 100, n)), rate=rate)
        point = Fraction(k)
    st.add("share", [r], [base], r, point * 100 / n, point * 100 / n, point * 100 / n, "%",
           f"k / {n} × 100, k = {_fmt(point)}", verdict,
           Say("grim", stated=Fig(r), base=Fig(base), k=_fmt(exact_k), why=why), span=span,
           roles=[(base, "total"), (r, "share")])


def _pick(cands: list, fit, tie=None):
    """The candidate pairing that fits best, and whether it is the only one that fits that well
    (``sure``).  ``fit`` scores how well a pairing fits its roles, subjects and units; ``tie``
    breaks ties (nearest) without making the choice sure."""
    scored = sorted(((fit(c), tie(c) if tie else 0, i) for i, c in enumerate(cands)), reverse=True)
    best = scored[0]
    sure = len(scored) == 1 or scored[1][0] < best[0]
    return cands[best[2]], sure


def _clause_has(st: _Story, rx: re.Pattern, a: int, b: int) -> bool:
    """``rx.search(st.text[a:b]) is not None`` for a pattern of bounded width, asked for growing ``b``
    with one ``a`` (the figures of one clause in text order): each answer extends the last over
    the new characters only, so a clause of thousands of figures (其中A 1家、B 2家、…) is read
    once, not once per figure.  A match at ``a`` sees no character before it, as in the slice."""
    width = _WIDTH.get(rx)
    if width is None:
        width = _WIDTH[rx] = re._parser.parse(rx.pattern).getwidth()[1]
    text, cache = st.text, st._memo.setdefault(("clause_has", rx.pattern), {})
    found = rx.match(text[a:min(b, a + width)]) is not None
    last = cache.get(a)
    s0 = a + 1 if last is None or last[0] > b else max(a + 1, last[0] - width + 1)
    if not found and last is not None and last[0] <= b and last[1]:
        found = True
    if not found:
        found = rx.search(text, s0, b) is not None   # a match after a sees the text before it, as in the slice
    cache[a] = (b, found)
    return found


_WIDTH: dict = {}


def _differences(st: _Story, pairs: list[tuple[Qty, Qty]]) -> None:
    """A remainder (剩余X) against total − done of an earlier pair with the same unit."""
    text = st.text
    if not st.has_any("剩余尚还仍未待"):
        return         # every word of _REMAIN holds one of these characters
    pairs = sorted(pairs, key=lambda td: td[1].end)
    ends = [d.end for _, d in pairs]
    for q in st.body:
        if q.family in ("percent", "pp", "ratio") or q.per:
            continue
        if not _clause_has(st, _REMAIN, _back(text, q.start, st.lo, _CLAUSE_STOP), q.start):
            continue
        k = bisect.bisect_right(ends, q.start)
        cands = [(t, d) for t, d in pairs[max(0, k - _REACH):k] if st.same(t, q)]
        if not cands:
            continue
        def name(td):
            return max(_lcs(q.what, td[0].what), _lcs(q.what, td[1].what))
        sent, para = st.sentence_of(q.start), q.para_id
        (t, d), sure = _pick(cands, lambda td: (name(td) >= 2, sent[0] <= td[0].start, td[0].para_id == para,
                                                name(td)), lambda td: td[1].end)
        # a pair of another sentence that shares no name with the remainder is only a guess
        sure = sure and (sent[0] <= t.start or name((t, d)) >= 2)
        if _role(st, t) != "target":
            plan = _planned_whole(st, t, d)
            if plan is not None:
                t, sure = plan, False      # 计划N个，已开工A个，完工B个，剩余C个: what is left of the plan
        # 资金3000万元，分三批发放。第一批1200万元已核销1056万元…；第二批1000万元将于暑期发放，剩余800万元:
        # another amount of the unit between the pair and the remainder, in the remainder's sentence,
        # could be the minuend or a subtrahend of it: the pair is only a guess
        if any(st.same(x, q) and not x.per for x in st.within(max(d.end, sent[0]), q.start) if x not in (t, d)):
            sure = False
        point = t.value - d.value
        lo, hi = t.lo - d.hi, t.hi - d.lo
        unit = q.unit
        st.add("difference", [q], [t, d], q, point, lo, hi, unit, f"{_num(t)} − {_num(d)}", None,
               Say("difference", total=Fig(t), done=Fig(d), rest=Val(point, q), reason=REASON),
               span=st.span(q.start, q.end), roles=[(t, "total"), (d, "part"), (q, "remainder")],
               confidence="sure" if sure else "likely")


_DONE_RATE = re.compile(r"(?:完成|完工|竣工|建成|开工|交付|落实|实施)率")


def _planned_whole(st: _Story, t: Qty, p: Qty) -> Qty | None:
    """The one planned figure (计划, 目标) of the same unit stated before the whole ``t`` in its
    paragraph and larger than it (计划改造N个。…已开工A个，完工B个): a rate or a remainder of B may be of
    either whole; the plan is the whole a completion is measured against."""
    plans = [x for x in st.before(t, 8) if x.para_id == t.para_id and x is not p and st.same(x, t) and not x.per
             and x.value > t.value and _role(st, x) == "target"]
    return plans[0] if len(plans) == 1 else None


# a character that turns a measure into another one when written before it (进出口 is not 出口)
_OTHER_MEASURE_PREFIX = frozenset("进净非")
_MEASURE_TAIL = re.compile(r"(?:产量|产值|总值|总额|收入|面积|进出口|出口|进口|人数|数量|投资|规模|金额|比重|增加值|营收|"
                           r"利润|销售额|零售额|用量|排放|产能|成本)$")


def _subject_strength(a: str, b: str) -> int:
    """How surely two ``what`` phrases name the same thing: 3 when equal or one holds the other
    (粮食产量 / 全省粮食产量), 2 when they share a head noun of four characters or more, or of two
    with the rest sharing two characters (林草行政职权事项 / 自治区级行政职权事项), 1 when they merely
    share two characters (粮食产量 / 夏粮产量: another crop), 0 when not (or one names nothing)."""
    a, b = _PLACE_HEAD.sub("", a or ""), _PLACE_HEAD.sub("", b or "")
    if not a or not b:
        return 0
    if a == b:
        return 3
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    i = long_.find(short)
    if i >= 0:
        # 出口 in 进出口, 利润 in 净利润: another measure; 行政职权 in 林草行政职权事项: the same
        if i > 0 and long_[i - 1] in _OTHER_MEASURE_PREFIX:
            return 1
        if i == 0 and _MEASURE_TAIL.search(long_[len(short):]):
            return 1     # 民营企业 / 民营企业进出口: a measure of the thing, not the thing
        return 3 if len(short) >= 3 or i > 0 else 2
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    ra, rb = a[:len(a) - k], b[:len(b) - k]
    if (ra[-1:] in _OTHER_MEASURE_PREFIX) != (rb[-1:] in _OTHER_MEASURE_PREFIX):
        return 1
    if k >= 4 or (k >= 2 and _lcs(ra, rb) >= 2):
        return 2
    return 1 if _lcs(a, b) >= 2 else 0


def _trailing_zero_step(q) -> Fraction:
    """For a whole number written with trailing zeros (5000亿 → 5000), the place of its last nonzero
    digit in the quantity's unit (1000亿); 0 when it has none."""
    m = re.search(r"(\d+)(?:\.\d*)?", q.surface)
    if not m or "." in m.group(0) or not m.group(1).endswith("0") or m.group(1) == "0":
        return Fraction(0)
    digits = m.group(1)
    zeros = len(digits) - len(digits.rstrip("0"))
    num = Fraction(int(digits))
    return q.value / num * 10 ** zeros if num else Fraction(0)


def _repeats(st: _Story) -> None:
    """A figure in the headline must be the figure in the body."""
    for h in st.qs:
        if not h.header or h.family in ("percent",) and False:
            continue
        cands = [q for q in st.body if st.same(q, h)]
        if not cands:
            continue
        same = [q for q in cands if q.value == h.value and q.value_high == h.value_high]
        if same:
            q = same[0]
            st.add("repeat", [h], [q], h, q.value, q.lo, q.hi, h.unit, f"{q.surface} in the body",
                   "consistent", Say("repeat_same", h=Fig(h), b=Fig(q)),
                   span=st.span(h.start, h.end), roles=[(h, "headline"), (q, "level")],
                   confidence="sure" if len(same) == 1 else "likely")
            continue
        if h.qualifier in _FLOORS_CEILINGS and not _TENTHS_MORE.search(h.surface):
            if _TARGET_CUE.search(st.clause_left(h)):
                continue   # 今年预计突破3亿元: a forecast, no body figure to date can break it
            # a floor (突破, 超) is met when any body figure of its thing meets it; only body levels
            # count (千亿元以上 in the body is another bound, not a figure)
            levels = [q for q in cands if q.qualifier not in _FLOORS_CEILINGS]
            met = [q for q in cands if _subject_strength(h.what, q.what) > 0
                   and (judge_say(q.value, q.lo, q.hi, h)[0] == "consistent" if q in levels
                        else _bound_implies(q, h))]
            if met:
                q = max(met, key=lambda q: _subject_strength(h.what, q.what))
                st.add("repeat", [h], [q], h, q.value, q.lo, q.hi, h.unit, f"{q.surface} in the body",
                       "consistent", Say("repeat_bound", h=Fig(h), b=Fig(q)), span=st.span(h.start, h.end),
                       roles=[(h, "headline"), (q, "level")], confidence="likely")
                continue
            cands = levels
            if not cands:
                continue
        # the body figure of the same thing: the strongest subject match, first in the text
        strength = [_subject_strength(h.what, q.what) for q in cands]
        top = max(strength)
        best = [q for q, k in zip(cands, strength) if k == top]
        if top == 0 and len(cands) > 1:
            continue       # several body figures and none names the headline's thing
        if top > 0 or len(cands) == 1:
            q = best[0]
            verdict, reason = judge_say(q.value, q.lo, q.hi, h)
            bound = h.qualifier in ("more_than", "at_least", "less_than", "at_most", "approx", "range")
            if verdict == "consistent" and not bound:
                verdict = "rounding"
            if verdict == "inconsistent" and h.qualifier == "exact" and (h.family != "count" or h.value >= 10000):
                # (a small count of items, 120项, is a count, not a rounded figure)
                # a headline rounds harder than the body: 5000亿元 may stand for 5012亿元. Its trailing
                # zeros may be rounding, so it can stand for anything within half its last nonzero place.
                mant = _trailing_zero_step(h)
                if mant and abs(q.value - h.value) < mant / 2:
                    verdict = "rounding"
            if verdict == "inconsistent" and top < 2:
                continue   # 粮食产量突破700亿斤 over 夏粮产量280亿斤: another thing, not the same figure
            if verdict == "inconsistent" and h.qualifier in _FLOORS_CEILINGS and len(best) != 1:
                continue   # a floor broken by one of several figures of its thing: which one it means is open
            key = "repeat_disagree" if verdict == "inconsistent" else "repeat_bound" if bound else "repeat_rounds"
            st.add("repeat", [h], [q], h, q.value, q.lo, q.hi, h.unit, f"{q.surface} in the body", verdict,
                   Say(key, h=Fig(h), b=Fig(q)), span=st.span(h.start, h.end), roles=[(h, "headline"), (q, "level")],
                   confidence="sure" if top >= 2 and len(best) == 1 else "likely")


_FLOORS_CEILINGS = ("more_than", "at_least", "less_than", "at_most")


def _bound_implies(q: Qty, h: Qty) -> bool:
    """Does the body bound ``q`` imply the headline bound ``h`` (突破7000亿元 implies 突破5000亿元)?"""
    up = ("more_than", "at_least")
    if (q.qualifier in up) != (h.qualifier in up):
        return False
    if q.value == h.value:
        return q.qualifier == h.qualifier or q.qualifier in ("more_than", "less_than")
    return q.value > h.value if h.qualifier in up else q.value < h.value


def _bound_repeats(st: _Story) -> None:
    """A figure restated in the body as a bound (地区生产总值5084.6亿元，经济总量首次突破五千亿元; 全年
    进出口总额首次突破千亿元 … 进出口总额1032.6亿元): the exact figure of the same thing must fit it."""
    text = st.text
    stated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    for h in st.body:
        if h.qualifier not in ("more_than", "at_least", "at_most", "less_than") or h.qty_id in stated \
                or h.family in _NON_LEVEL or text.startswith("的", h.end) or _role(st, h) not in ("level", "bound"):
            continue
        if _TARGET_CUE.search(st.clause_left(h)) or _per_cue(st, h) is not None:
            continue
        if _TARGET_CUE.search(text[st.group_of(h.start)[0]:h.start]):
            continue       # 力争到年底，产值超10亿元企业达到60家以上: a target of its group, no restatement
        cands = []
        for q in st.alike(h):
            if q is h or q.qualifier != "exact" or q.header or _role(st, q) != "level" or not q.value:
                continue
            k = _subject_strength(h.what, q.what)
            if k < 2 or (k < 3 and q.para_id != h.para_id):
                continue       # another thing (or, in another paragraph, not plainly the same one)
            if not Fraction(1, 2) <= h.value / q.value <= 2:
                continue       # a restatement rounds the figure; far from it, it is another figure
            cands.append((k, -abs(q.start - h.start), q))
        if not cands:
            continue
        top = max(c[0] for c in cands)
        best = [c for c in cands if c[0] == top]
        q = max(best, key=lambda c: c[1])[2]
        verdict, reason = judge_say(q.value, q.lo, q.hi, h)
        key = "repeat_disagree" if verdict == "inconsistent" else "repeat_bound"
        st.add("repeat", [h], [q], h, q.value, q.lo, q.hi, h.unit, f"{q.surface} stated as {h.surface}", verdict,
               Say(key.replace("repeat_", "restate_"), h=Fig(h), b=Fig(q)), span=st.span(h.start, h.end),
               roles=[(h, "headline"), (q, "level")], confidence="sure" if len(best) == 1 else "likely")


def _averages(st: _Story) -> set[str]:
    """Stated averages against a total and a count, and daily figures against annual ones."""
    qs = st.body
    done: set[str] = set()
    found: dict[tuple[str, str], list] = {}     # (total, count) -> candidate averages
    for a in qs:
        # a daily figure against the annual one in the same paragraph
        if a.per == "day" and a.family not in ("percent", "pp", "ratio"):
            if _PER_HEAD_DAY.search(st.clause_left(a)):
                continue       # 每生每天补助5元: per head and per day; the yearly total needs the head count
            yr = [q for q in st.near(a, 60) if q.per == "year" and st.same(q, a) and q.para_id == a.para_id]
            if yr:
                y = min(yr, key=lambda q: abs(q.start - a.start))
                point = a.value * _DAYS_PER_YEAR
                lo, hi = a.lo * _DAYS_PER_YEAR, a.hi * _DAYS_PER_YEAR
                st_iv = stated_interval(y)
                days = y.value / a.value if a.value else Fraction(0)
                if st_iv.contains(point) or st_iv.meets(lo, hi):
                    verdict, why = judge_say(point, lo, hi, y)
                    expl = Say("daily_fits", daily=Fig(a), days=_DAYS_PER_YEAR, total=Val(point, y), reason=why)
                else:
                    verdict = "needs_context"
                    times = point / y.value if y.value else Fraction(0)
                    expl = Say("daily_season", daily=Fig(a), days=_DAYS_PER_YEAR, total=Val(point, y),
                               times=_fmt(times, 1), annual=Fig(y), n=_fmt(days, 0))
                st.add("average", [a, y], [a, y], y, point, lo, hi, y.unit,
                       f"{_num(a)} × {_DAYS_PER_YEAR}", verdict, expl, roles=[(a, "per_unit"), (y, "total")],
                       confidence="sure" if len(yr) == 1 else "likely")
                done.add(a.qty_id)
            continue
        # 平均每台1.7万元 / 人均…: total / count
        left = st.clause_left(a)
        if a.per in _TIME_PER or a.family in ("percent", "pp", "ratio"):
            continue
        if not (a.per or _AVG_WORD.search(left)) or re.search(r"[日月年周]均", left):
            continue
        per = a.per or next((u for w, u in _AVG_PER if w in left), "")
        if not per:
            continue
        # the total and the head count of one paragraph; a total is not itself an average
        # (an area or other measure divides only an explicit 亩均; 每亩能省20元 after 一亩地要花60元 is a saving)
        by_measure = any(w in left and u == per for w, u in _AVG_PER)
        local = [q for q in st.near(a, 60) if q.para_id == a.para_id]
        counts = [q for q in local if (q.family == "count" and q.key[1] == per
                                    or by_measure and q.unit == per and q.family != "count")
                  and q is not a and q.para_id == a.para_id and not q.per and q.qualifier != "at_least"
                  and q.value > 1]
        totals = [q for q in local if st.same(q, a) and q is not a and not q.per
                  and "均" not in st.clause_left(q) and q.value >= a.value]
        if not counts or not totals:
            continue
        # the head count of the average's own sentence, else one stated before it: never one of a
        # later sentence (旅游收入58.3亿元，游客人均花费约1200元。…共吸引1860名选手参赛)
        own = [q for q in counts if st.sentence_of(q.start) == st.sentence_of(a.start)]
        counts = own or [q for q in counts if q.start < a.start]
        if not counts:
            continue
        t = min(totals, key=lambda q: abs(q.start - a.start))
        # the head count (or area) of the total's own thing: 茶叶总收入 over 茶叶2万亩, not another crop's area
        c = min(counts, key=lambda q: (_lcs(q.what, t.what) < 2, abs(q.start - a.start)))
        if c.value == 0:
            continue
        if _third_factor(st, a, t, c):
            continue       # 每个蒙古包每晚收费680元，旺季45天下来，住宿收入就有18.36万元: × days too
        # one total and head count make one average: the most general one (人均收入 before
        # 城镇居民人均收入), then the nearest
        noun = _AVG_WORD.sub("", _TIME_WORDS.sub("", left))
        sure = len(totals) == 1 and len(counts) == 1
        found.setdefault((t.qty_id, c.qty_id), []).append((len(noun), abs(a.start - t.start), a, t, c, per, sure))
    for cands in found.values():
        _, _, a, t, c, per, sure = min(cands, key=lambda x: x[:2])
        point = t.value / c.value
        lo, hi = t.lo / c.hi, t.hi / max(c.lo, _TINY)
        st.add("average", [t, c, a], [t, c], a, point, lo, hi, f"{a.unit}/{per}", f"{_num(t)} / {_num(c)}", None,
               Say("average", total=Fig(t), count=Fig(c), avg=Val(point, a, places=2), per=Per(per), reason=REASON),
               roles=[(t, "total"), (c, "count"), (a, "per_unit")], confidence="sure" if sure else "likely")
        done.update((a.qty_id, t.qty_id, c.qty_id))
    return done


def _derived(st: _Story, pairs, used_pairs, averaged: set[str]) -> None:
    text, qs = st.text, st.body
    # part-whole pairs with no stated rate
    for t, p in pairs:
        if (t.qty_id, p.qty_id) in used_pairs or t.value == 0:
            continue
        point = p.value / t.value * 100
        st.add("derived", [t, p], [t, p], None, point, point, point, "%", f"{_num(p)} / {_num(t)} × 100",
               "derived", Say("derived_rate", part=Fig(p), whole=Fig(t), rate=Pct(point)),
               roles=[(t, "total"), (p, "part")])
    # per-unit figures inside one sentence: money per item or tonne, items per day
    for m in qs:
        if m.family not in ("money", "duration"):
            continue
        s_lo, s_hi = st.sentence_of(m.start)
        same = [q for q in st.near(m, 12) if s_lo <= q.start < s_hi and q is not m]
        if m.family == "money" and not m.per and m.value_high is None and m.qty_id not in averaged \
                and not text.startswith("的", m.end):     # 收入超10亿元的企业: a threshold, not an amount
            for fam in ("mass", "count"):
                cands = [q for q in same if q.family == fam and q.value > 0 and q.value_high is None
                         and q.key[1] not in _PLACE_CLASSIFIERS and q.qty_id not in averaged
                         and _commas_between(text, q, m) <= 1]
                if not cands:
                    continue
                d = min(cands, key=lambda q: abs(q.start - m.start))
                point = m.value / d.value
                per_unit = f"({d.key[1]}/年)" if d.per == "year" else d.key[1]
                st.add("derived", [m, d] if m.start < d.start else [d, m], [m, d], None, point, point, point,
                       f"{m.unit}/{per_unit}", f"{_num(m)} / {_num(d)}", "derived",
                       Say("derived_per_annual" if d.per == "year" else "derived_per", total=Fig(m), d=Fig(d),
                           avg=Val(point, None, m.unit, places=2), per=Per(d.key[1])),
                       roles=[(m, "total"), (d, "count")])
                break
        if m.family == "duration" and m.unit in ("天", "日", "工作日") and m.value > 0 \
                and _SPAN_MARK.search(text[max(s_lo, m.start - 3):m.start]):
            cands = [q for q in same if q.family in ("count", "mass", "area") and not q.per
                     and q.key[1] not in _PLACE_CLASSIFIERS and q.value_high is None]
            if cands:
                d = min(cands, key=lambda q: abs(q.start - m.start))
                point = d.value / m.value
                st.add("derived", [m, d] if m.start < d.start else [d, m], [d, m], None, point, point, point,
                       f"{d.key[1]}/{m.unit}", f"{_num(d)} / {_num(m)}", "derived",
                       Say("derived_per_day", d=Fig(d), days=Fig(m), avg=Val(point, None, d.key[1], places=2)),
                       roles=[(d, "total"), (m, "count")])


# --- changes, multiples, shares that add up, averages over years --------------------------------

_UP_WORDS = "增长|增加|提高|提升|上升|扩大|上涨|攀升|跃升|偏高|偏多|多出|增|升|涨"
_DOWN_WORDS = "下降|减少|降低|回落|缩小|下滑|下跌|收窄|压缩|缩短|缩减|偏低|偏少|减|降|跌"
# words of a change of magnitude: the direction follows the absolute value (a negative rate 收窄 rises)
_MAGNITUDE_WORD = re.compile(r"(?:收窄|收敛|扩大|缩小)(?:了)?(?:到|至|为)?(?:达到?|约为|为|近|约)?$")
_RATE_NOUNS = "增幅|增速|涨幅|降幅|跌幅|减幅"
# a stated change right before its number: 增长25%, 增幅达25%, 提高了1.5个百分点, 下降约3% (the
# qualifier 约 / 超 is inside the quantity's surface)
_CHG_LEFT = re.compile(rf"(?:(?P<noun>{_RATE_NOUNS})|(?P<up>{_UP_WORDS})|(?P<down>{_DOWN_WORDS}))"
                       r"(?:了)?(?P<to>到|至|为)?(?:达到?|约为|为|近|约)?$")
# from A to B: the text between A and B (从2020年的120万吨增长到2024年的150万吨 / 由70.2%提高到71.7%)
_FROM_TO = re.compile(rf"^(?:的)?(?:{_UP_WORDS}|{_DOWN_WORDS}|变化|发展|调整)了?(?:到|至|为)[^，,；;。！？!?：:\n]{{0,10}}$")
_FROM_WORD = re.compile(r"(?:从|由)[^，,；;。！？!?：:\n]{0,12}$")
# 比上年 / 同比 / 较2023年 ...: what the stated change compares against
_VERSUS = re.compile(r"(同比|环比|比|较|相比|相较)")
_PRIOR_OF = {
    "同比": re.compile(r"去年同期|上年同期|去年|上年|上一年|前一年"),
    "环比": re.compile(r"上月|上个月|上季度|上一季度|上期|上周|上一期"),
    "": re.compile(r"去年同期|上年同期|去年|上年|上一年|前一年|上年度|同期"),
}
_BEFORE_LAST = re.compile(r"前年")
_TIMES_LEFT = re.compile(r"(?:是|为|相当于|达到?)(?P<base>[^，,；;。！？!?：:\n]{0,24}?)的$")
_FANFAN = re.compile(r"翻了?(?P<n>[一两二三四]?)番(?P<more>多)?")
_SHARE_LEFT = re.compile(r"(?:占(?:比|比重)?|比重|占比)(?:为|达到?|约为|是)?$")
_SHARE_LIST_GAP = re.compile(r"^[、，,和及与]{1,2}$")
_CUMULATIVE = re.compile(r"累计|共计|合计|总计|总共|一共|共")
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:至|到|—|–|-|～|~)\s*((?:19|20)\d{2})\s*年")
_YEARS_N = re.compile(r"([一二两三四五六七八九十]|[1-9]\d?)\s*年(?:来|间|里|中|内|以来)")
_PLAN_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?(?:时期|期间|以来)")
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NON_LEVEL = ("percent", "pp", "ratio")


def _synthetic(surface: str, value: Fraction, unit: str, family: str, qualifier: str = "exact") -> Qty:
    """A stated figure that is words, not a quantity row (翻一番 = ×2, shares adding up to 100%)."""
    return Qty(qty_id="", start=0, end=0, surface=surface, value=value, unit=unit, family=family,
               qualifier=qualifier, fixed_half=Fraction(0))


def _change_word(st: _Story, q: Qty):
    """(direction, to) of the change verb right before ``q`` in its clause, or None.

    direction is +1 (增长), -1 (下降) or 0 (增幅: the sign comes from the figures); ``to`` is
    True for 增长到 / 增至 / 降为 (a level reached, not a change)."""
    m = _CHG_LEFT.search(st.clause_left(q))
    if not m:
        return None
    d = 1 if m.group("up") else -1 if m.group("down") else 0
    return d, bool(m.group("to")) and not m.group("noun")


def _from_to_pairs(st: _Story) -> list[tuple[Qty, Qty]]:
    """从A增长到B / 由A降至B / A增至B: a level before and after, same unit, one clause."""
    text, qs = st.text, st.body
    out = []
    for i, a in enumerate(qs):
        if a.family == "ratio" or a.family == "pp" or a.per in ("day", "month", "week", "hour"):
            continue
        for b in qs[i + 1:i + 3]:
            if not st.same(a, b) or b.start - a.end > 24:
                continue
            between = text[a.end:b.start]
            if not _FROM_TO.match(between):
                continue
            if not (_FROM_WORD.search(st.clause_left(a)) or _MOVED_TO.match(between)):
                continue
            out.append((a, b))
            break
    return out


# 增到 / 下降至 right after the first level (the two patterns of a from-to change, compiled once)
_MOVED_TO = re.compile(rf"^(?:的)?(?:增|降|减|升|涨|跌)(?:到|至)|^(?:的)?(?:{_UP_WORDS}|{_DOWN_WORDS})(?:到|至)")


def _clause_index(st: _Story, pos: int) -> tuple[int, int]:
    """(sentence start, number of clause stops between the sentence start and pos)."""
    s_lo, _ = st.sentence_of(pos)
    return s_lo, _count_stops(st.text, s_lo, pos, "，,；;：:")


def _stated_changes(st: _Story) -> list[tuple[Qty, int, bool]]:
    """Stated changes: (quantity, direction, multiple-to) for 增长25% / 提高1.5个百分点 / 增加30万吨 / 增长2倍."""
    out = []
    for q in st.body:
        if q.qualifier == "range" or q.per:
            continue
        w = st.memo("change", q, _change_word)
        if w is None and q.unit == "倍":
            m = _TIMES_LEFT.search(st.clause_left(q))
            base_lo = q.start - len(st.clause_left(q)) + m.start("base") if m else q.start
            if m and not st.within(base_lo, q.start):
                w = (1, True)      # 由A增加到B，是2020年的4倍
        if w is None:
            continue
        d, to = w
        if to and q.unit != "倍":
            continue          # 增长到150万吨: a level, not a change
        out.append((q, d, to))
    return out


def _changes(st: _Story) -> set[str]:
    """Growth and change: from A to B with a stated change; 比上年 / 同比 with last year's figure
    stated elsewhere; percentage points; 增长N倍 (ambiguous) and 翻番."""
    text = st.text
    used: set[str] = set()
    pairs = _from_to_pairs(st)
    stated = _stated_changes(st)
    pair_starts = [a.start for a, _ in pairs]
    stated_starts = [q.start for q, _, _ in stated]

    def clause_window(a: Qty, b: Qty, s_lo: int, s_hi: int) -> tuple[int, int]:
        """From the clause before a's to the clause after b's, inside the sentence."""
        c_lo = _back(text, a.start, s_lo, _CLAUSE_STOP)
        c_lo = _back(text, max(c_lo - 1, s_lo), s_lo, _CLAUSE_STOP)
        c_hi = _fwd(text, b.end, s_hi, _CLAUSE_STOP)
        c_hi = _fwd(text, min(c_hi + 1, s_hi), s_hi, _CLAUSE_STOP)
        return c_lo, c_hi

    # 1. from-to pairs and the stated change in the same or the adjacent clause of the sentence
    for a, b in pairs:
        s_lo, s_hi = st.sentence_of(b.start)
        _, ci_a = _clause_index(st, a.start)
        _, ci_b = _clause_index(st, b.start)
        c_lo, c_hi = clause_window(a, b, s_lo, s_hi)
        cands = []
        for q, d, to in stated[bisect.bisect_left(stated_starts, c_lo):bisect.bisect_left(stated_starts, c_hi + 1)]:
            if q.qty_id in used or not (s_lo <= q.start < s_hi) or q in (a, b):
                continue
            _, ci = _clause_index(st, q.start)
            if q.start > b.end and ci - ci_b > 1 or q.start < a.start and ci_a - ci > 1:
                continue
            # another from-to pair between them takes it
            lo_x, hi_x = min(q.end, a.start), max(q.start, b.end)
            if any(x is not a and lo_x < x.start < hi_x for x, _ in
                   pairs[bisect.bisect_right(pair_starts, lo_x):bisect.bisect_left(pair_starts, hi_x)]):
                continue
            if "分别" in st.clause_left(q):
                continue       # 分别增长…: which figure goes with which pair is a list, not this pair
            if ci != ci_b and ci != ci_a and _names_differ(st.clause_left(q), st.clause_left(a)):
                continue       # 亩均产值提高20% is not the change of 产值 from A to B
            cands.append((abs(ci - ci_b), q, d, to))
        if not cands:
            continue
        _, q, d, to = min(cands, key=lambda c: (c[0], c[1].start))
        _judge_change(st, a, b, q, d, to)
        used.add(q.qty_id)
    # 1b. A由a1增至b1，B由a2增至b2，分别增长X%和Y%: a list, matched in order
    for q0, d0, to0 in stated:
        if q0.qty_id in used or "分别" not in st.clause_left(q0):
            continue
        s_lo, _ = st.sentence_of(q0.start)
        run = _respective_run(st, q0)
        before = [(a, b) for a, b in pairs[bisect.bisect_left(pair_starts, s_lo):bisect.bisect_left(pair_starts, q0.start)]
                  if b.end <= q0.start]
        if len(run) < 2 or len(before) != len(run):
            continue
        for (a, b), q in zip(before, run):
            _judge_change(st, a, b, q, d0, to0, span=st.span(a.start, q.end))
            used.add(q.qty_id)
    # 1c. 去年同期A为a1、B为b1…，今年两项指标分别增长X%和Y%: two listed periods, matched in order
    _listed_changes(st, stated, used, {q.qty_id for ab in pairs for q in ab})
    # 2. 翻一番: a doubling in words next to a from-to pair
    for a, b in pairs:
        s_lo, s_hi = st.sentence_of(b.start)
        c_lo, c_hi = clause_window(a, b, s_lo, s_hi)
        for m in _FANFAN.finditer(text, c_lo, c_hi):
            n = _CN_DIGIT.get(m.group("n"), 1) if m.group("n") else 1
            _, ci = _clause_index(st, m.start())
            _, ci_b = _clause_index(st, b.start)
            if abs(ci - ci_b) > 1 or a.value <= 0:
                continue
            mult = Fraction(2 ** n)
            s = _synthetic(m.group(0), mult, "倍", "ratio", "more_than" if m.group("more") else "approx")
            point = b.value / a.value
            lo, hi = b.lo / a.hi, b.hi / max(a.lo, _TINY)
            span = st.span(min(a.start, m.start()), max(b.end, m.end()))
            st.add("multiple", [a, b], [a, b], s, point, lo, hi, "倍", f"{_num(b)} / {_num(a)}", None,
                   Say("fanfan", words=m.group(0), mult=_fmt(mult), b=Fig(b), a=Fig(a), ratio=_fmt(point),
                       reason=REASON),
                   span=span, synthetic=True, roles=[(a, "base"), (b, "level")])
            break
    # 2b. B，比上年的A翻了一番 / B，去年同期为A，翻了一番: a doubling against a base in the sentence
    _versus_fanfan(st, _in_pairs_of(pairs))
    # 3. 比上年增长X% / 同比增长X%: the current level right before, last year's stated elsewhere
    in_pairs = {q.qty_id for ab in pairs for q in ab}
    for q, d, to in stated:
        if q.qty_id in used or to:
            continue
        left = st.clause_left(q)
        if "分别" in left:
            continue       # 两项指标同比分别增长x%和y%: a list of changes of listed things, not of one level
        vm = None
        for vm in _VERSUS.finditer(left):
            pass
        if vm is None:
            continue
        vs_word = vm.group(1) if vm.group(1) in ("同比", "环比") else ""
        after_vs = left[vm.end():]
        year = re.match(r"((?:19|20)\d{2})年", after_vs)
        # 比前年: the base is the year before last, not a figure named 去年 (that may be this level's year)
        prior = re.compile(re.escape(year.group(0))) if year else \
            _BEFORE_LAST if after_vs.startswith("前年") else _PRIOR_OF[vs_word]
        # the level now: nearest quantity before q in this clause or the one before, same sentence
        g_lo, _ = st.group_of(q.start)
        s_lo = _back(text, q.start, st.lo, _CLAUSE_STOP)
        prev_lo = _back(text, max(s_lo - 1, g_lo), g_lo, _CLAUSE_STOP)
        between = st.within(prev_lo, s_lo)
        if between and all(_names_prior(st, x) for x in between):
            # 失业率为4.9%，上年为5.2%，比上年下降0.3%: the base sits between the level and the change
            prev_lo = _back(text, max(prev_lo - 1, g_lo), g_lo, _CLAUSE_STOP)
        elif between and any(st.memo("share_whole", x, _share_whole) for x in between) and \
                all(st.memo("share_whole", x, _share_whole) or x.family == "percent" for x in between):
            # 面积为A，占总面积W的R%，比上年末的A0增加N: the clause between is the share, A changes
            prev_lo = _back(text, max(prev_lo - 1, g_lo), g_lo, _CLAUSE_STOP)
        elif between and q.family not in ("percent", "pp", "ratio") and all(x.family == "percent" for x in between):
            # 完赛A人，完赛率R%，比去年的A0人多出N人: a rate's clause between, the count changes
            prev_lo = _back(text, max(prev_lo - 1, g_lo), g_lo, _CLAUSE_STOP)
        want_level = (lambda x: x.family == "percent") if q.family == "pp" else \
            (lambda x: x.family not in _NON_LEVEL) if q.family in ("percent", "ratio") else \
            (lambda x: st.same(x, q))
        # a level is this period's figure: a yearly total (全年…) counts, a per-day figure does not,
        # nor a figure whose own clause names the prior period (上年为A is the base, not the level)
        level_ok = (lambda x: prev_lo <= x.start < s_lo + vm.start() and x is not q and x.per in ("", "year")
                    and not st.memo("share_whole", x, _share_whole)
                    and x.qty_id not in in_pairs and _reached_or_plain(st, x) and not _prior_level(st, x))
        pool = st.within(prev_lo, s_lo + vm.start())
        level = [x for x in pool if level_ok(x) and want_level(x)]
        if not level and q.family == "percent":
            # 失业率为4.9%，上年为5.2%，比上年下降0.3%: a relative change of a percentage
            level = [x for x in pool if level_ok(x) and x.family == "percent"]
        if not level:
            continue
        b = level[-1]
        if q.family == "percent" and b.family == "percent" and not st.same(b, q):
            continue
        # last year's figure: inside 比…的A, or elsewhere in the story with a prior-period word
        a = None
        inner = [x for x in st.within(s_lo + vm.end(), q.start) if st.same(x, b) and x is not b]
        sure = True
        if inner:
            a = inner[-1]
            if _part_of_whole(st, b):
                continue       # 共设立网点68个，其中新设16个，比去年的52个增加16个: 52 may be the whole's
        else:
            cands = []
            part_noun = re.sub(r"^其中[，,：:]?", "", _noun(st, b)) if _part_of_whole(st, b) else None
            for x in st.alike(b):
                if x is b or x is q or x.per not in ("", "year") or x.qty_id in in_pairs:
                    continue
                if st.memo("change", x, _change_word) is not None:
                    continue
                if x.start < b.start and _whole_of_part(st, x, b):
                    continue       # A，其中B，比上年增加N: the whole is no earlier level of its part
                if part_noun is not None and (not part_noun or part_noun not in _noun(st, x)):
                    continue       # 上年茶园A。…茶园B，其中有机茶园C，比上年增加N: a base of the part names it
                # the prior period is named in x's own clause, or opens its sentence (去年同期，…)
                xleft = st.clause_left(x)
                named = st.memo(prior.pattern, x, lambda st, x: _prior_named(st, x, prior))
                # ... or, for 比上年, the year before one the story names (2024年…为A in a 2025 bulletin)
                by_year = not named and not year and vs_word != "环比" and _prior_year_named(st, x, b)
                if not named and not by_year:
                    continue
                if named and not by_year and _same_period_head(st, x, b, prior):
                    continue       # 去年，A为…，B为…，比上年增加…: the opening names the period of both
                same = _same_thing(st, x, b)
                if same is False or (by_year and same is not True):
                    continue       # 去年粮食产量 is not last year's 蔬菜产量
                if same is None and x.para_id != b.para_id:
                    continue       # an unnamed 上年为A far away is another figure's base
                if same is None and _SEMICOLON.search(text[min(x.end, b.end):max(x.start, b.start)]):
                    continue       # 比例73.4%，上年为71.5%，提高1.9个百分点；重污染天数比例为2.1%，比上年…:
                    #                an unnamed base beyond a semicolon belongs to the other subject
                if not year and _periods(text[_back(text, b.start, st.lo, _SENT_STOP):b.start]) != \
                        _periods(xleft) and "同期" not in xleft:
                    continue       # 今年上半年 against the whole of 去年: not the same period
                cands.append((same is True, -abs(x.start - b.start), x))
            if not cands:
                continue
            best = max(cands, key=lambda c: (c[0], c[1]))
            if not best[0] and len(cands) > 1:
                continue       # several earlier figures and none names the same thing: do not guess
            a = best[2]
            sure = len(cands) == 1 or sum(c[0] for c in cands) == 1
            if a.para_id != b.para_id and _rate_fixes_base(st, b, q, d, a):
                continue       # 存栏A，比上年同期增加N，增长R%: the sentence's own base A − N fits R; a far figure does not
        _judge_change(st, a, b, q, d, to, versus=True, confidence=None if sure else "likely")
        used.add(q.qty_id)
    # 3b. 利用率达到A，上年为B，提高N个百分点: the change stated bare, after the prior level's clause
    _bare_changes(st, stated, used, in_pairs)
    # levels of a change are not inputs for derived per-unit figures
    return in_pairs | {x for c in st.claims if c.kind in ("change", "multiple") for x in c.parts}


_SHARE_OF = re.compile(r"占(?!比)[^，,；;。！？!?：:\n]{0,16}$")


def _reached_or_plain(st: _Story, x: Qty) -> bool:
    """A level: a figure with no change verb, or one reached (提高到99元, 增加到252种), not a change."""
    w = st.memo("change", x, _change_word)
    return w is None or (w[1] and x.family not in ("percent", "pp", "ratio"))


def _share_whole(st: _Story, x: Qty) -> bool:
    """Is x the whole a share is taken of (占建成区总面积W的40%)?  It names what the share is of,
    not the level a following change speaks of."""
    if not _SHARE_OF.search(st.clause_left(x)) or not st.text.startswith("的", x.end):
        return False
    nxt = st.after(x, 1)
    return bool(nxt) and nxt[0].family == "percent" and nxt[0].start - x.end <= 4


_BARE_LEFT = re.compile(rf"^(?:今年|本年|当年|同比)?(?:{_UP_WORDS}|{_DOWN_WORDS})了?$")


def _bare_changes(st: _Story, stated: list, used: set[str], in_pairs: set[str]) -> None:
    """X达到A，上年为B，提高N个百分点: a change whose clause is the change verb and the figure alone
    (no 比, no 同比), right after a clause that is only last period's figure (上年为B, 去年同期为B),
    itself right after the clause of this period's level, all in one sentence: from B to A."""
    text = st.text
    for q, d, to in stated:
        if q.qty_id in used or to:
            continue
        left = st.clause_left(q)
        if not _BARE_LEFT.match(left.strip()):
            continue
        c_lo = q.start - len(left)
        s_lo, _ = st.sentence_of(q.start)
        if c_lo - 1 <= s_lo:
            continue
        p_lo = _back(text, c_lo - 1, s_lo, _CLAUSE_STOP)
        prior = st.within(p_lo, c_lo)
        if len(prior) == 1 and text[c_lo - 1] in "，," and p_lo - 1 > s_lo and text[p_lo - 1] in "，,":
            # 去年出栏A只，今年增加到B只，增长R%: last period's clause, then the level reached
            b = prior[0]
            w = st.memo("change", b, _change_word)
            a_lo = _back(text, p_lo - 1, s_lo, _CLAUSE_STOP)
            before = st.within(a_lo, p_lo)
            if w is not None and w[1] and b.qty_id not in in_pairs and len(before) == 1 and st.same(before[0], b) \
                    and re.match(r"(?:去年|上年|前年)", st.clause_left(before[0]).lstrip()) \
                    and _BARE_LEFT.match(re.sub(r"(?:到|至|为)$", "", st.clause_left(b).strip())) \
                    and before[0].qty_id not in in_pairs and (q.family != "pp" or b.family == "percent") \
                    and (q.family in ("percent", "pp") or st.same(q, b)):
                _judge_change(st, before[0], b, q, d, to, versus=True)
                used.add(q.qty_id)
                continue
        if len(prior) != 1 or not _prior_level(st, prior[0]) or prior[0].qty_id in in_pairs:
            continue
        a = prior[0]
        if p_lo - 1 <= s_lo:
            continue
        l_lo = _back(text, p_lo - 1, s_lo, _CLAUSE_STOP)
        if text[p_lo - 1] not in "，,":
            continue       # 上年为B；… beyond a semicolon: another subject's
        if q.family == "pp":
            want = lambda x: x.family == "percent"
        elif q.family in ("percent", "ratio"):
            want = lambda x: x.family not in _NON_LEVEL
        else:
            want = lambda x: st.same(x, q)
        level = [x for x in st.within(l_lo, p_lo) if want(x) and st.same(x, a) and x.per in ("", "year")
                 and x.qty_id not in in_pairs and st.memo("change", x, _change_word) is None and not _names_prior(st, x)]
        if not level:
            continue
        _judge_change(st, a, level[-1], q, d, to, versus=True)
        used.add(q.qty_id)


def _in_pairs_of(pairs: list[tuple[Qty, Qty]]) -> set[str]:
    return {q.qty_id for ab in pairs for q in ab}


_FANFAN_BASE = re.compile(r"(?:比|较)(?P<base>[^，,；;。！？!?：:\n比较]{0,24})$")


def _versus_fanfan(st: _Story, in_pairs: set[str]) -> None:
    """翻了一番 against a base the sentence states: B，比上年的A翻了一番 (A inside 比…的 right before the
    words, B the figure of A's unit before 比 in the clause group), or B，去年同期为A，翻了一番 (A alone in
    the clause before, last period's, and B alone before it)."""
    text = st.text
    taken = [(c.start, c.end) for c in st.claims if c.kind == "multiple"]
    for m in _FANFAN.finditer(text, st.lo, st.hi):
        if any(lo <= m.start() < hi for lo, hi in taken):
            continue
        c_lo = _back(text, m.start(), st.lo, _CLAUSE_STOP)
        g_lo, _ = st.group_of(m.start())
        s_lo, _ = st.sentence_of(m.start())
        left = text[c_lo:m.start()]
        a = b = None
        bm = _FANFAN_BASE.search(left)
        if bm:
            inside = st.within(c_lo + bm.start("base"), m.start())
            if len(inside) == 1 and inside[0].family not in _NON_LEVEL:
                a = inside[0]
                before = [x for x in st.within(g_lo, c_lo + bm.start()) if st.same(x, a) and x.per in ("", "year")
                          and x.qty_id not in in_pairs and _role(st, x) in _AMOUNT_ROLES and not _is_prior(st, x)]
                b = before[-1] if before else None
        elif re.fullmatch(r"(?:同比|今年|已经|已)?", left.strip()) and c_lo - 1 > s_lo and text[c_lo - 1] in "，,":
            p_lo = _back(text, c_lo - 1, s_lo, _CLAUSE_STOP)
            prior = st.within(p_lo, c_lo)
            if len(prior) == 1 and _prior_level(st, prior[0]) and p_lo - 1 > s_lo and text[p_lo - 1] in "，,":
                a = prior[0]
                level = st.within(_back(text, p_lo - 1, s_lo, _CLAUSE_STOP), p_lo)
                if len(level) == 1 and st.same(level[0], a) and level[0].per in ("", "year") \
                        and level[0].qty_id not in in_pairs and _role(st, level[0]) in _AMOUNT_ROLES:
                    b = level[0]
        if a is None or b is None or a.value <= 0:
            continue
        n = _CN_DIGIT.get(m.group("n"), 1) if m.group("n") else 1
        mult = Fraction(2 ** n)
        syn = _synthetic(m.group(0), mult, "倍", "ratio", "more_than" if m.group("more") else "approx")
        point = b.value / a.value
        lo, hi = b.lo / a.hi, b.hi / max(a.lo, _TINY)
        span = st.span(min(b.start, m.start()), max(b.end, m.end()))
        st.add("multiple", [a, b], [a, b], syn, point, lo, hi, "倍", f"{_num(b)} / {_num(a)}", None,
               Say("fanfan", words=m.group(0), mult=_fmt(mult), b=Fig(b), a=Fig(a), ratio=_fmt(point),
                   reason=REASON),
               span=span, synthetic=True, roles=[(a, "base"), (b, "level")])
        taken.append(span)


def _respective_run(st: _Story, q0: Qty) -> list[Qty]:
    """q0 and the figures of its family and unit listed right after it (12.5%和18.2%, 4.1%、6.3%)."""
    run = [q0]
    for q in st.after(q0, 40):
        if q.start > run[-1].end and q.family == q0.family and q.unit == q0.unit:
            if _SHARE_LIST_GAP.match(st.text[run[-1].end:q.start]):
                run.append(q)
                continue
        if q.start > run[-1].end:
            break
    return run


_LIST_PRIOR = re.compile(r"去年同期|上年同期|去年|上年|上一年|前一年|前年")
_LIST_ROLES = ("level", "base", "target")
_LIST_NOW = re.compile(r"今年|本年|当年|本期")


def _list_period(st: _Story, items: list[Qty], after: int = 0) -> tuple[int, str] | None:
    """The period a listed run of figures is dated by, from the text between its sentence start (or
    ``after``, the end of an earlier run in that sentence) and its last figure: (rank, name) with rank
    -2 for 前年, -1 for 去年 / 上年 / 去年同期, a year for 2024年, 0 when none is named (this period)."""
    text = st.text
    s_lo, _ = st.sentence_of(items[0].start)
    src = text[max(s_lo, after):items[-1].start]
    years = [m for m in _YEAR.finditer(src)]
    priors = [m for m in _LIST_PRIOR.finditer(src) if src[max(0, m.start() - 1):m.start()] not in ("比", "较")]
    if years and priors:
        return None
    if years:
        if len({m.group(1) for m in years}) > 1:
            return None
        return int(years[0].group(1)), years[0].group(0)
    if priors:
        if len({m.group(0).startswith("前年") for m in priors}) > 1:
            return None
        return (-2 if priors[0].group(0) == "前年" else -1), priors[0].group(0)
    now = _LIST_NOW.search(src)
    return 0, now.group(0) if now else ""


def _listed_changes(st: _Story, stated: list, used: set[str], in_pairs: set[str]) -> None:
    """A run of changes under 分别 (分别增长X%和Y%) over two runs of listed figures of the same units in
    order, one run dated a period before the other (去年同期…4322项、157.7亿元 after 4862项，186.4亿元;
    2024年…分别为A和B，2025年…分别完成C和D): each change is read from its base to its level.  Only when
    both runs are found whole, next to each other in the paragraph, with matching units."""
    for q0, d0, to0 in stated:
        if q0.qty_id in used or to0 or "分别" not in st.clause_left(q0):
            continue
        run = _respective_run(st, q0)
        n = len(run)
        if n < 2 or any(q.qty_id in used for q in run):
            continue
        if q0.family == "pp":
            fits = lambda x: x.family == "percent"
        elif q0.family == "percent":
            fits = lambda x: x.family not in _NON_LEVEL
        else:
            fits = lambda x: st.same(x, q0)

        def eligible(x: Qty) -> bool:
            if x.qty_id in in_pairs or x.per not in ("", "year") or x.qualifier != "exact" or not fits(x):
                return False
            if x.family == "count" and not any(c.isdigit() for c in x.surface) and x.value == n:
                return False       # 两项指标 / 两大板块: the number of things listed
            return _role(st, x) in _LIST_ROLES

        # the figures before q0 in its paragraph, at most three sentences back
        lo = q0.start
        for _ in range(3):
            lo = _back(st.text, max(lo - 1, st.lo), st.lo, _SENT_STOP)
        cands = [x for x in st.within(lo, q0.start) if x.para_id == q0.para_id and eligible(x)]
        if len(cands) < 2 * n:
            continue
        near, far = cands[-n:], cands[-2 * n:-n]
        if any(not st.same(a, b) for a, b in zip(far, near)):
            continue
        if len({st.sentence_of(x.start) for x in near}) > 1 or len({st.sentence_of(x.start) for x in far}) > 1:
            continue       # each run is listed in one sentence
        p_far, p_near = _list_period(st, far), _list_period(st, near, far[-1].end)
        if p_far is None or p_near is None or st.sentence_of(far[0].start) == st.sentence_of(near[0].start) \
                and p_near == (0, ""):
            continue       # 去年，A、B分别为…，C、D分别为…: one opening dates both runs
        if p_near[0] in (-1, -2) and p_far[0] == 0 or p_near[0] == -2 and p_far[0] == -1:
            bases, levels = near, far
        elif p_far[0] in (-1, -2) and p_near[0] == 0 or p_far[0] == -2 and p_near[0] == -1:
            bases, levels = far, near
        elif p_far[0] > 1900 and p_near[0] == p_far[0] + 1:
            bases, levels = far, near
        elif p_near[0] > 1900 and p_far[0] == p_near[0] + 1:
            bases, levels = near, far
        else:
            continue
        if any(_same_thing(st, a, b, listed=True) is False for a, b in zip(bases, levels)
               if "分别" not in st.clause_left(a) + st.clause_left(b)):
            continue       # named one by one, the names agree (a 分别 list names its items once, before)
        for a, b, q in zip(bases, levels, run):
            _judge_change(st, a, b, q, d0, False, versus=True,
                          span=st.span(min(near[0].start, q0.start), q.end))
            used.add(q.qty_id)


def _rate_fixes_base(st: _Story, b: Qty, n: Qty, d: int, a: Qty) -> bool:
    """Level b, an increment n of it and, in the next clause, a rate R% that fits n over b − n: the
    sentence states its own base.  A prior figure found in another paragraph that is not that base is
    another figure's (another subject's, another period's), so it is no base of this change."""
    if n.family in ("percent", "pp", "ratio") or not st.same(n, b):
        return False
    nxt = st.after(n, 1)
    if not nxt or nxt[0].family != "percent" or st.sentence_of(nxt[0].start) != st.sentence_of(n.start):
        return False
    r = nxt[0]
    w = st.memo("change", r, _change_word)
    if w is None or w[1] or not re.fullmatch(r"[，,]?[^，,；;。]{0,8}", st.text[n.end:r.start]):
        return False
    reading = _increment_reading(b, n, r, d, w[0] or d)
    if reading is None or judge(*reading, r)[0] not in ("consistent", "rounding"):
        return False
    base = b.value - n.value * d
    return not stated_interval(a).meets(base - n.value / 2, base + n.value / 2) and \
        not (a.lo <= base <= a.hi)


def _whole_of_part(st: _Story, x: Qty, b: Qty) -> bool:
    """Is x the whole that the 其中 before b opens (A，其中B: x is A, b is B)?"""
    g_lo, _ = st.group_of(b.start)
    if x.start < g_lo:
        return False
    return _QIZHONG_OPEN.search(st.text, x.end, b.start) is not None


def _part_of_whole(st: _Story, b: Qty) -> bool:
    """Is ``b`` a part under 其中 whose whole, a figure of its unit, is stated before 其中 in its clause
    group?  (…68个，其中新设16个: yes; …6.84万亿元；其中制造业贷款余额5380亿元: the part opens a group
    of its own, and what follows in that group is about it.)"""
    g_lo, _ = st.group_of(b.start)
    opens = [m for m in _QIZHONG_OPEN.finditer(st.text, g_lo, b.start)]
    if not opens:
        return False
    return any(st.same(x, b) for x in st.within(g_lo, opens[-1].start()))


_TIME_WORDS = re.compile(r"去年同期|上年同期|今年|去年|上年|明年|前年|同期|全年|上半年|下半年|前三季度|"
                         r"[一二三四]季度|(?:19|20)\d{2}年(?:度)?|[1-9]\d?月份?|上一年|前一年|上年度|当年|年末|年底|年初")
_PLACE_HEAD = re.compile(r"^(?:全|该|本)?(?:市|县|区|省|州|国|镇|乡|村|盟|旗)")
_VERB_TAIL = re.compile(r"(?:的|为|达到|达|是|实现|完成了|完成|共|累计|约|有|超过|突破)+$")


_SUB_YEAR = re.compile(r"[一二三四1-4]季度|上半年|下半年|前三季度|[0-9一二三四五六七八九十]{1,2}(?:—|-|至|到)?"
                       r"[0-9一二三四五六七八九十]{0,2}月(?:份)?(?![0-9一二三四五六七八九十]{1,3}[日号])")


def _periods(s: str) -> frozenset:
    """The parts of a year a stretch of text names (一季度, 上半年, 1至5月): empty for a whole year."""
    return frozenset(m.group(0) for m in _SUB_YEAR.finditer(s))


def _names_differ(stated_left: str, level_left: str) -> bool:
    """Does the clause stating a change name something other than the level it is paired with?
    (亩均产值提高20% after 产值由20亿元提高到36亿元; 出口额是… after 进口额由…增至…)"""
    a = _VERSUS.split(_TIME_WORDS.sub("", _TIMES_LEFT.sub("", stated_left)))[0]
    a = _CHG_LEFT.sub("", a)
    a = re.sub(r"(?:是|为|相当于|达到?)$", "", _PLACE_HEAD.sub("", a.strip()))
    b = _PLACE_HEAD.sub("", _FROM_WORD.sub("", _TIME_WORDS.sub("", level_left)).strip())
    if len(a) < 2 or not b:
        return False
    if ("均" in a) != ("均" in b):
        return True
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    ra, rb = a[:len(a) - k], b[:len(b) - k]
    return bool(ra and rb) and _lcs(ra, rb) < 2 or (not k and _lcs(a, b) < 2)


_DEMONSTRATIVE = re.compile(r"^(?:这一|这个|这些|该|此|其|同一)")
_SHARE_NOUN = re.compile(r"占比|比例")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _names_prior(st: _Story, x: Qty) -> bool:
    """Does x's own clause name the prior period (上年为A / 去年同期为A / 上年这一比重为A)?"""
    left = st.clause_left(x)
    m = _PRIOR_OF[""].search(left)
    return bool(m) and left[max(0, m.start() - 1):m.start()] not in ("比", "较")


def _prior_named(st: _Story, x: Qty, prior: re.Pattern) -> bool:
    """Does x's own clause, or the opening of its sentence (去年同期，…), name the prior period?"""
    text = st.text
    xleft = st.clause_left(x)
    x_s = _back(text, x.start, st.lo, _SENT_STOP)
    head = text[x_s:_fwd(text, x_s, x.start, _CLAUSE_STOP)]
    return any(pm and text[max(0, i + pm.start() - 1):i + pm.start()] not in ("比", "较")
               for i, src in ((x.start - len(xleft), xleft), (x_s, head))
               for pm in [prior.search(src)])


def _same_period_head(st: _Story, x: Qty, b: Qty, prior: re.Pattern) -> bool:
    """Is the prior period named only by the opening of x's sentence (去年，…), with the level b later
    in that sentence and no other period named between them?  Then the opening dates b as well:
    the sentence reports that period, and x is a figure of it, not b's base."""
    text = st.text
    if not (x.start < b.start) or st.sentence_of(x.start) != st.sentence_of(b.start):
        return False
    xleft = st.clause_left(x)
    if any(text[max(0, x.start - len(xleft) + m.start() - 1):x.start - len(xleft) + m.start()] not in ("比", "较")
           for m in prior.finditer(xleft)):
        return False       # x's own clause names the prior period: 上年为A
    return not _TIME_WORDS.search(text, x.end, b.start)


def _year_of(st: _Story, x: Qty) -> str | None:
    """The year x's clause (or its sentence opening) names, if any."""
    text = st.text
    x_s = _back(text, x.start, st.lo, _SENT_STOP)
    m = _YEAR.search(st.clause_left(x)) or _YEAR.search(text[x_s:_fwd(text, x_s, x.start, _CLAUSE_STOP)])
    return m.group(1) if m else None


def _prior_year_named(st: _Story, x: Qty, b: Qty) -> bool:
    """x's clause (or its sentence opening) names year Y and the story names Y + 1 before b."""
    y = st.memo("year", x, _year_of)
    if y is None:
        return False
    first = st.first_year_at(str(int(y) + 1))
    return first is not None and first < b.start


def _prior_level(st: _Story, x: Qty) -> bool:
    """x is last year's figure (上年为A, 去年同期为A), not a sentence that reports last year
    (去年共监测到鸟类286种，比2020年的245种增加41种: 286 is that year's level)."""
    if not _names_prior(st, x):
        return False
    left = st.clause_left(x)
    return bool(_PRIOR_IS.search(left)) or not re.match(r"(?:去年|上年|前年)", left.lstrip())


def _is_prior(st: _Story, x: Qty) -> bool:
    """A figure of the prior period: 上年为A, or 2024年…A in a story that has named 2025."""
    return st.memo("prior", x, lambda st, x: _names_prior(st, x) or _prior_year_named(st, x, x))


def _noun(st: _Story, x: Qty) -> str:
    """The thing a level measures, from its clause: 今年该县粮食产量55万吨 -> 粮食产量."""
    n = _TIME_WORDS.sub("", st.clause_left(x)).strip()
    n = _PLACE_HEAD.sub("", n)
    return _VERB_TAIL.sub("", n)


def _same_thing(st: _Story, x: Qty, y: Qty, listed: bool = False) -> bool | None:
    """Do two levels measure the same thing?  None when one of them names nothing.  ``listed``: the
    figures are items of 、-lists (A565万人次、旅游收入44.6亿元), each named after the last 、."""
    a, b = (_SHARE_NOUN.sub("比重", _DEMONSTRATIVE.sub("", _noun(st, v).rsplit("、", 1)[-1] if listed
                                                      else _noun(st, v))) for v in (x, y))
    if not a or not b:
        return None
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    ra, rb = a[:len(a) - k], b[:len(b) - k]
    if not ra or not rb:
        return True
    p = _common_prefix(ra, rb)
    if p >= 2 and ra[p:] and rb[p:]:
        return False       # 一般公共预算收入 / 支出, 汽车产量 / 销量: one domain, another measure at its head
    return _lcs(ra, rb) >= 2


def _common_prefix(a: str, b: str) -> int:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return i


def _judge_change(st: _Story, a: Qty, b: Qty, q: Qty, d: int, to: bool, versus: bool = False,
                  span: tuple[int, int] | None = None, confidence: str | None = None) -> None:
    """A stated change q (%, 个百分点, 倍 or an amount) from level a to level b."""
    span_qs = [a, b, q]
    thousand = [c is not None and c[2] > 1 for c in (st.memo("percue", a, _per_cue), st.memo("percue", b, _per_cue))]
    if thousand[0] != thousand[1]:
        return         # 每千名学生拥有校医0.81名，比上年末的316名: a per-thousand rate is no level of the count
    if d != 0 and q.family in ("pp", "percent") and (a.value < 0 or b.value < 0) \
            and _MAGNITUDE_WORD.search(st.clause_left(q)):
        # 涨幅由-3.1%收窄至-2.3%，收窄0.8个百分点: 收窄 / 扩大 speak of the magnitude, not the signed value
        if a.value > 0 or b.value > 0:
            return         # from a fall to a rise: the magnitude's change is no single figure
        a, b = replace(a, value=-a.value), replace(b, value=-b.value)
    if versus and abs(a.start - b.start) > 0 and st.sentence_of(a.start) != st.sentence_of(b.start):
        span = st.span(min(b.start, q.start), max(b.end, q.end))
    sign = d if d else (1 if b.value >= a.value else -1)
    opposite = d != 0 and (b.value - a.value) * d < 0
    word = Say("rise" if (sign > 0) != opposite else "fall")
    flip = Say("flip", word=Say("rise" if sign > 0 else "fall")) if opposite else ""
    roles = [(a, "base"), (b, "level"), (q, "increment" if q.family not in ("percent", "pp") else "change_rate")]
    if a.value == 0 and q.family in ("percent", "ratio"):
        return
    if q.family == "ratio" and q.unit == "倍":
        point = b.value / a.value
        lo, hi = b.lo / a.hi, b.hi / max(a.lo, _TINY)
        roles = [(a, "base"), (b, "level"), (q, "multiple")]
        if to:
            st.add("multiple", span_qs, [a, b], q, point, lo, hi, "倍", f"{_num(b)} / {_num(a)}", None,
                   Say("multiple", b=Fig(b), a=Fig(a), ratio=_fmt(point), reason=REASON), span=span, roles=roles,
                   confidence=confidence)
            return
        # 增长N倍: strictly ×(N+1); often written for ×N
        strict, why = judge_say(point - 1, lo - 1, hi - 1, q)
        loose, _ = judge_say(point, lo, hi, q)
        fits = ("consistent", "rounding")
        common = dict(b=Fig(b), a=Fig(a), ratio=_fmt(point))
        if strict == "consistent" or (strict in fits and loose not in fits):
            verdict = strict
            expl = Say("times_strict", inc=_fmt(point - 1), reason=why, **common)
        elif strict in fits:
            verdict = "needs_context"
            expl = Say("times_both", stated=Fig(q), strict=_fmt(q.value + 1), loose=_num(q), **common)
        elif loose in fits:
            verdict = "needs_context"
            expl = Say("times_loose", strict=_fmt(q.value + 1), loose=_num(q), **common)
        else:
            verdict = "inconsistent"
            expl = Say("times_neither", inc=_fmt(point - 1), stated=Fig(q), **common)
        st.add("multiple", span_qs, [a, b], q, point - 1, lo - 1, hi - 1, "倍", f"{_num(b)} / {_num(a)} − 1",
               verdict, expl, span=span, roles=roles, confidence=confidence)
        return
    if q.family == "pp":
        if a.family != "percent":
            return
        point = (b.value - a.value) * sign
        lo, hi = sorted(((b.lo - a.hi) * sign, (b.hi - a.lo) * sign))
        verdict, why = judge_say(point, lo, hi, q)
        rel = (b.value - a.value) / a.value * 100 * sign if a.value else None
        expl = Say("change_pp", a=Fig(a), b=Fig(b), word=word, pp=_fmt(abs(point)), flip=flip, reason=why)
        if verdict == "inconsistent" and rel is not None and judge(rel, rel, rel, q)[0] in ("consistent", "rounding"):
            expl = Say("change_pp_relative", a=Fig(a), b=Fig(b), word=word, pp=_fmt(point), stated=Fig(q),
                       num=_num(q), rel=Pct(rel))
        st.add("change", span_qs, [a, b], q, point, lo, hi, "个百分点", f"{_num(b)} − {_num(a)}", verdict,
               expl, span=span, roles=roles, confidence=confidence)
        return
    if q.family == "percent":
        if a.value <= 0:
            return
        point = (b.value - a.value) / a.value * 100 * sign
        ends = [(b.lo / a.hi - 1) * 100 * sign, (b.hi / max(a.lo, _TINY) - 1) * 100 * sign]
        lo, hi = min(ends), max(ends)
        verdict, why = judge_say(point, lo, hi, q)
        expl = Say("change_pct", a=Fig(a), b=Fig(b), word=word, pct=Pct(abs(point)), flip=flip, reason=why)
        pp = (b.value - a.value) * sign
        if a.family == "percent" and b.family == "percent" and verdict == "rounding" \
                and not stated_interval(q).contains(point) and stated_interval(q).contains(pp):
            verdict = "inconsistent"   # 93.2% -> 95.1%, 提高1.9%: the points, not the relative change
        if a.family == "percent" and b.family == "percent" and verdict == "inconsistent":
            if judge(pp, pp, pp, q)[0] in ("consistent", "rounding"):
                expl = Say("change_points_as_pct", a=Fig(a), b=Fig(b), word=word, pp=_fmt(pp), pct=Pct(point),
                           stated=Fig(q))
        st.add("change", span_qs, [a, b], q, point, lo, hi, "%",
               f"({_num(b)} − {_num(a)}) / {_num(a)} × 100" if sign > 0 else f"({_num(a)} − {_num(b)}) / {_num(a)} × 100",
               verdict, expl, span=span, roles=roles, confidence=confidence)
        return
    if st.same(q, b):
        point = (b.value - a.value) * sign
        lo, hi = sorted(((b.lo - a.hi) * sign, (b.hi - a.lo) * sign))
        verdict, why = judge_say(point, lo, hi, q)
        st.add("change", span_qs, [a, b], q, point, lo, hi, q.unit,
               f"{_num(b)} − {_num(a)}" if sign > 0 else f"{_num(a)} − {_num(b)}", verdict,
               Say("change_amount", a=Fig(a), b=Fig(b), word=word, amount=Val(abs(point), q), flip=flip,
                   reason=why), span=span, roles=roles, confidence=confidence)


def _label_score(st: _Story, q: Qty, noun: str) -> int:
    return max(_lcs(noun, st.label(q)), _lcs(noun, q.what))


def _multiples(st: _Story) -> None:
    """B是A的N倍 / B为A的N倍: with both figures in the sentence, or named and stated elsewhere."""
    text, qs = st.text, st.body
    rated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    for q in qs:
        if q.unit != "倍" or q.qualifier == "range" or q.qty_id in rated:
            continue
        c_lo = _back(text, q.start, st.lo, _CLAUSE_STOP)
        left = text[c_lo:q.start]
        m = _TIMES_LEFT.search(left)
        if not m:
            continue
        base_lo = c_lo + m.start("base")
        inside = [x for x in st.within(base_lo, q.start) if x.end <= q.start and x.family not in _NON_LEVEL]
        a = b = None
        sure = True
        if inside:
            a = inside[-1]
            g_lo, _ = st.group_of(q.start)
            before = [x for x in st.within(g_lo, c_lo + m.start()) if x.end <= c_lo + m.start() and st.same(x, a)
                      and x.per in ("", "year") and _role(st, x) in _AMOUNT_ROLES]
            if before:
                b = before[-1]
            elif len(noun := _PLACE_HEAD.sub("", left[:m.start()].strip())) >= 3:
                # 新能源汽车销量是去年同期1036辆的2.1倍: the level is the figure its name labels, earlier
                named = [x for x in st.near(q, 60)
                         if x.end <= c_lo and x.para_id == q.para_id and st.same(x, a) and x.per in ("", "year")
                         and _role(st, x) in _AMOUNT_ROLES and not _is_prior(st, x)
                         and _subject_strength(noun, _noun(st, x).removeprefix("其中")) == 3]
                if len(named) == 1:
                    b = named[0]       # one figure, named as the multiple's subject (or within its name)
        elif _PRIOR_OF[""].fullmatch(m.group("base").strip()):
            # 今年出口额5.6亿元，是上年的2.5倍，上年出口额为2.2亿元: the base is last year's figure
            g_lo, _ = st.group_of(q.start)
            levels = [x for x in st.within(g_lo, c_lo) if x.end <= c_lo and x.family not in _NON_LEVEL
                      and x.per in ("", "year") and not _names_prior(st, x)]
            if levels:
                b = levels[-1]
                cands = [x for x in st.near(q, 60) if x is not b and st.same(x, b) and x.para_id == b.para_id
                         and x.per in ("", "year") and _names_prior(st, x) and _same_thing(st, x, b) is not False]
                if cands:
                    a = min(cands, key=lambda x: abs(x.start - q.start))
                    sure = len(cands) == 1
        else:
            noun_a = m.group("base")
            noun_b = left[:m.start()].strip() or text[_back(text, max(c_lo - 1, st.lo), st.lo, _CLAUSE_STOP):max(c_lo - 1, st.lo)]
            if len(noun_a) < 2 or len(noun_b) < 2:
                continue
            pool = [x for x in st.near(q) if x.family not in _NON_LEVEL and not x.per]
            ca = [(_label_score(st, x, noun_a), -abs(x.start - q.start), x) for x in pool
                  if _label_score(st, x, noun_a) >= 2 and _label_score(st, x, noun_a) > _label_score(st, x, noun_b)]
            cb = [(_label_score(st, x, noun_b), -abs(x.start - q.start), x) for x in pool
                  if _label_score(st, x, noun_b) >= 2 and _label_score(st, x, noun_b) > _label_score(st, x, noun_a)]
            if ca and cb:
                a = max(ca, key=lambda c: c[:2])[2]
                b = max(cb, key=lambda c: c[:2])[2]
                sure = sum(c[0] == max(x[0] for x in ca) for c in ca) == 1 and \
                    sum(c[0] == max(x[0] for x in cb) for c in cb) == 1
                if not st.same(a, b):
                    a = b = None
        if a is None or b is None or a.value <= 0:
            continue
        point = b.value / a.value
        lo, hi = b.lo / a.hi, b.hi / max(a.lo, _TINY)
        st.add("multiple", [a, b, q], [a, b], q, point, lo, hi, "倍", f"{_num(b)} / {_num(a)}", None,
               Say("multiple", b=Fig(b), a=Fig(a), ratio=_fmt(point), reason=REASON),
               roles=[(a, "base"), (b, "level"), (q, "multiple")], confidence=None if sure else "likely")


def _share_sets(st: _Story) -> None:
    """Shares of one whole stated side by side (A占45%，B占30%，C占25% / 分别占45%、30%、25%)
    must add up to 100% within rounding.  Only a complete list (其他 / 其余) is held to it when
    it falls short; a set above 100% may be overlapping groups, which the text would have to say."""
    text, qs = st.text, st.body
    rated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    groups: list[list[Qty]] = []
    cur: list[Qty] = []
    cur_sent = None
    for q in qs:
        if q.family != "percent":
            continue
        sent = st.sentence_of(q.start)
        left = st.clause_left(q)
        is_share = bool(_SHARE_LEFT.search(left)) and not _GROWTH.search(left) and q.qualifier != "range"
        listed = cur and sent == cur_sent and _SHARE_LIST_GAP.match(text[cur[-1].end:q.start] or "x")
        if is_share or listed:
            if cur and sent != cur_sent:
                groups.append(cur)
                cur = []
            cur.append(q)
            cur_sent = sent
        else:
            if cur:
                groups.append(cur)
            cur, cur_sent = [], None
    if cur:
        groups.append(cur)
    for g in groups:
        if len(g) < 2 or all(q.qty_id in rated for q in g):
            continue
        point = sum((q.value for q in g), Fraction(0))
        lo = sum((stated_interval(q).lo or q.value for q in g), Fraction(0))
        hi = sum((q.hi for q in g), Fraction(0))
        labels = [st.label(q) for q in g]
        complete = any(_EXHAUSTIVE.search(x) and "分别" not in x for x in labels)
        hundred = _synthetic("100%", Fraction(100), "%", "percent")
        formula = " + ".join(_num(q) for q in g)
        if lo <= 100 <= hi or point > 100 or complete:
            verdict, why = judge_say(point, lo, hi, hundred)
            if verdict == "inconsistent" and point > 100 and not complete:
                verdict = "needs_context"
                why = Say("reason_shares_over")
            st.add("sum", g, g, hundred, point, lo, hi, "%", formula, verdict,
                   Say("shares_100", n=len(g), sum=f"{_fmt(point)}%", reason=why), synthetic=True,
                   roles=[(q, "share") for q in g])


def _years_in(text: str, lo: int, hi: int) -> int | None:
    """Number of years a stretch of text spans: 2021年至2025年 -> 5, 五年来 -> 5, “十四五”期间 -> 5."""
    m = _YEAR_SPAN.search(text, lo, hi)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return b - a + 1 if b > a else None
    m = _YEARS_N.search(text, lo, hi)
    if m:
        g = m.group(1)
        return int(g) if g.isdigit() else _CN_DIGIT.get(g)
    if _PLAN_PERIOD.search(text, lo, hi):
        return 5
    return None


def _year_averages(st: _Story) -> None:
    """年均X against a cumulative total over a stated span of years (2021年至2025年累计500亿元)."""
    text, qs = st.text, st.body
    for a in qs:
        if a.per != "year" or a.family in _NON_LEVEL or a.qualifier == "range":
            continue
        if not re.search(r"年均|平均每年|每年平均", st.clause_left(a)):
            continue
        s_lo, s_hi = st.sentence_of(a.start)
        totals = [t for t in st.near(a, 30) if s_lo <= t.start < s_hi and t is not a and st.same(t, a) and not t.per
                  and _CUMULATIVE.search(st.clause_left(t))]
        if not totals:
            continue
        t = min(totals, key=lambda t: abs(t.start - a.start))
        p_lo = max(_back(text, s_lo, st.lo, "\n"), s_lo - 300)
        n = _years_in(text, max(s_lo, a.start - 300), min(s_hi, a.end + 300)) or _years_in(text, p_lo, s_lo)
        if not n:
            continue
        point = t.value / n
        st.add("average", [t, a], [t], a, point, t.lo / n, t.hi / n, a.unit, f"{_num(t)} / {n}", None,
               Say("year_average", total=Fig(t), n=n, avg=Val(point, a), reason=REASON),
               roles=[(t, "total"), (a, "per_unit")])


# --- balances: receipts minus payments ----------------------------------------------------------
#
# 顺差 / 逆差 / 净流入 / 净出口 / 结余 is the difference of two figures of the same unit stated
# before it in its sentence (出口A、进口B; 收入A、支出B; 结汇A、售汇B): receipts minus payments (逆差,
# 净流出: payments minus receipts).  Which figure is which comes from their names; with no names
# the first is taken as the receipts (likely).

_BALANCE = re.compile(r"(?P<neg>逆差|净流出)|顺差|净流入|净出口|净进口|结余|净额|净增加?")
_RECEIPT = re.compile(r"出口|收入|结汇|流入|收|卖出|销售|增加|新增|新登记")
_PAYMENT = re.compile(r"进口|支出|售汇|流出|付款|付|买入|采购|减少|注销")


def _balances(st: _Story) -> None:
    if not st.has_any("差净结"):
        return         # every word of _BALANCE holds one of these characters
    for c in st.body:
        if c.family in _NON_LEVEL or c.qualifier in _BOUNDS:
            continue
        left = st.clause_left(c)[-12:]
        bm = None
        for bm in _BALANCE.finditer(left):
            pass
        if bm is None:
            continue
        s_lo, _ = st.sentence_of(c.start)
        def sides(lo: int, hi: int) -> list[Qty]:
            return [q for q in st.within(lo, hi) if st.same(q, c) and _role(st, q) in ("level", "target")
                    and q.qualifier not in _BOUNDS and not _BALANCE.search(st.clause_left(q)[-12:])]
        prior = sides(s_lo, c.start)
        across = False
        if not prior and s_lo > st.lo:
            # 其中，出口A，…；进口B，…。进出口相抵，实现贸易顺差C: the two sides are the sentence before's
            b_lo, _ = st.sentence_of(s_lo - 1)
            if "\n" not in st.text[b_lo:s_lo] and not any(st.same(q, c) for q in st.within(s_lo, c.start)):
                prior, across = sides(b_lo, s_lo), True
        if len(prior) < 2 or (across and len(prior) != 2):
            continue
        x, y = prior[-2], prior[-1]
        names = [st.clause_left(q)[-10:] + " " + q.what for q in (x, y)]
        rx, ry = bool(_RECEIPT.search(names[0])), bool(_RECEIPT.search(names[1]))
        px, py = bool(_PAYMENT.search(names[0])), bool(_PAYMENT.search(names[1]))
        if "进出口" in names[0] or "进出口" in names[1]:
            continue       # a total of trade, not one side of it
        sure = True
        if ry and px and not (rx or py):
            rec, pay = y, x
        elif rx and py and not (ry or px):
            rec, pay = x, y
        else:
            rec, pay, sure = x, y, False
        if across and not sure:
            continue       # two figures of the sentence before whose names say no receipts and payments
        neg = bool(bm.group("neg")) or "净进口" in bm.group(0)
        a, b = (pay, rec) if neg else (rec, pay)
        point = a.value - b.value
        lo, hi = a.lo - b.hi, a.hi - b.lo
        st.add("difference", [x, y, c], [a, b], c, point, lo, hi, c.unit, f"{_num(a)} − {_num(b)}", None,
               Say("balance", a=Fig(a), b=Fig(b), rest=Val(point, c), reason=REASON),
               roles=[(a, "level"), (b, "level"), (c, "remainder")], confidence=None if sure else "likely")


# --- completion: the part done of a target ---------------------------------------------------------
#
# 完成年度目标的58.1% / 完成全年1200万人目标的57.9% / 占计划人数的32.3%: the figure done (the level
# before it in its sentence) over the target (the figure inside the clause, else a figure of the
# story whose clause says 计划 / 目标, same unit, the nearest before).

_COMPLETION = re.compile(r"(?:完成|达到|占)了?(?P<body>[^，,；;。]{0,14}?)(?:目标|计划|任务)(?:任务|数|人数|总量|投资)?"
                         r"(?P<tail>[^，,；;。]{0,10})的$")


def _completions(st: _Story) -> None:
    rated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    completed: list = []
    for r in st.body:
        if r.family != "percent" or r.qualifier == "range" or r.qty_id in rated:
            continue
        left = st.clause_left(r)
        m = _COMPLETION.search(left)
        if not m:
            continue
        c_lo = r.start - len(left)
        s_lo, _ = st.sentence_of(r.start)
        inside = [q for q in st.within(c_lo + m.start(), r.start) if q.family not in _NON_LEVEL]
        done = [q for q in st.within(s_lo, c_lo) if q.family not in _NON_LEVEL and q.qualifier not in _BOUNDS
                and _role(st, q) in ("level",)]
        if not done:
            continue
        p = done[-1]
        sure = True
        if inside:
            t = inside[-1]
        else:
            targets = [q for q in st.alike(p, before_only=True) if q is not p and q.start < p.start
                       and (_TARGET_CUE.search(st.clause_left(q)) or _role(st, q) == "target"
                            or (q.qualifier == "at_least" and "目标" in st.clause_left(q)))]
            if not targets:
                continue
            t = targets[-1]
            sure = len(targets) == 1
        if not st.same(t, p) or t.value <= 0:
            continue
        point = p.value / t.value * 100
        lo, hi = p.lo / t.hi * 100, p.hi / max(t.lo, _TINY) * 100
        st.add("completion", [p, t, r] if t.start < r.start else [p, r], [t, p], r, point, lo, hi, "%",
               f"{_num(p)} / {_num(t)} × 100", None,
               Say("completion", done=Fig(p), target=Fig(t), rate=Pct(point), reason=REASON),
               span=st.span(min(p.start, r.start), r.end),
               roles=[(t, "total"), (p, "part"), (r, "rate")], confidence=None if sure else "likely")
        completed.append((t, p, r, sure))
    _completion_remainders(st, completed)


def _completion_remainders(st: _Story, completed: list) -> None:
    """剩余X after a completion (计划改造3200座。…已完成1860座，完成年度目标的58.1%，剩余1340座): the
    remainder is the target less the done of that completion, when the remainder follows its rate
    in the same sentence and no difference was read for it already."""
    text = st.text
    stated = {c.stated_qty.qty_id for c in st.claims if c.kind == "difference" and c.stated_qty is not None}
    for q in st.body:
        if q.family in _NON_LEVEL or q.per or q.qty_id in stated or q.qualifier not in ("exact", "approx"):
            continue
        left = st.clause_left(q)
        if not left.strip().startswith(("剩余", "剩下", "余下", "尚余", "还剩")):
            continue
        s_lo, _ = st.sentence_of(q.start)
        mine = [(t, p, r, sure) for t, p, r, sure in completed if s_lo <= r.start < q.start and st.same(t, q)
                and not _SEMICOLON.search(text[r.end:q.start])]
        if len(mine) != 1:
            continue
        t, p, r, sure = mine[0]
        st.add("difference", [q], [t, p], q, t.value - p.value, t.lo - p.hi, t.hi - p.lo, q.unit,
               f"{_num(t)} − {_num(p)}", None,
               Say("difference", total=Fig(t), done=Fig(p), rest=Val(t.value - p.value, q), reason=REASON),
               span=st.span(q.start, q.end), roles=[(t, "total"), (p, "part"), (q, "remainder")],
               confidence="sure" if sure else "likely")


# --- a change stated as an increment and a rate ----------------------------------------------------
#
# 达到1168家，比上年末增加96家，增长9.0%: last year's level is the level less the increment, and
# the rate is the increment over it.

# the base a stated change compares against (比年初增加…, 同比增长…): an increment since the start of
# the year and a year-on-year rate have two bases, so the rate is not the increment over the level
_PRIOR_YEAR_BASE = re.compile(r"^(?:去年|上年|上一年)同期$")


def _versus_base(st: _Story, q: Qty) -> str:
    """The comparison phrase of the change verb before ``q``: '同比', '环比', the base named after 比/较
    (年初, 上年, 2020年), or '' when the clause names none."""
    left = st.clause_left(q)
    m = _CHG_LEFT.search(left)
    head = left[:m.start()] if m else left
    found = [v for v in _VERSUS.finditer(head) if not (v.group(1) == "比" and v.start() > 0
                                                      and head[v.start() - 1] in "占对好正")]
    if not found:
        return ""
    v = found[-1]
    if v.group(1) in ("同比", "环比"):
        return v.group(1)
    base = head[v.end():].strip().removesuffix("的").removeprefix("于")
    if not base or len(base) > 10:
        return ""
    return "同比" if _PRIOR_YEAR_BASE.match(base) else base


def _increment_rates(st: _Story, used: set[str]) -> None:
    rated = {c.stated_qty.qty_id for c in st.claims if c.stated_qty is not None}
    for q in st.body:
        if q.family != "percent" or q.qty_id in rated or q.qty_id in used or q.qualifier == "range":
            continue
        w = st.memo("change", q, _change_word)
        if w is None or w[1]:
            continue
        g_lo, _ = st.group_of(q.start)
        before = st.within(g_lo, q.start)
        inc = [x for x in before[-2:] if _role(st, x) == "increment" and x.family not in _NON_LEVEL]
        if not inc:
            continue
        n = inc[-1]
        rate_base = _versus_base(st, q)
        if rate_base and rate_base != _versus_base(st, n):
            continue        # 比年初增加4120亿元，同比增长8.7%: the rate is not over the level less the increment
        levels = [x for x in st.within(g_lo, n.start) if st.same(x, n)
                  and _role(st, x) in ("level", "target", "per_unit")]     # 平均浓度31.4微克/立方米 changes too
        if not levels:
            continue
        b = levels[-1]
        nd = st.memo("change", n, _change_word)[0] or 1
        # 增长X% / 下降X% state the direction; 增幅 / 降幅 X% only the size
        d = w[0] or nd
        confidence = None
        if _role(st, b) == "per_unit":
            # 共发送A，日均B，比去年同期增加N，同比增长R%: the increment may be the whole period's (of A)
            # or the per-day figure's (of B); the reading that fits is taken, and when neither does the
            # pairing is not sure
            totals = [x for x in levels if x.start < b.start and _role(st, x) != "per_unit"]
            if totals:
                t = totals[-1]
                fit_t, fit_b = (_increment_reading(lv, n, q, nd, d) for lv in (t, b))
                fits = ("consistent", "rounding")
                if fit_t is not None and judge(*fit_t, q)[0] in fits:
                    b = t
                elif fit_b is None or judge(*fit_b, q)[0] not in fits:
                    b, confidence = t, "likely"
        reading = _increment_reading(b, n, q, nd, d)
        if reading is None:
            continue
        point, lo, hi = reading
        base = b.value - n.value * nd
        st.add("change", [b, n, q], [b, n], q, point, lo, hi, "%",
               f"{_num(n)} / ({_num(b)} {'−' if nd > 0 else '+'} {_num(n)}) × 100", None,
               Say("increment_rate", level=Fig(b), inc=Fig(n), base=Val(base, b), pct=Pct(abs(point)),
                   word=Say("rise" if nd > 0 else "fall"), reason=REASON),
               roles=[(b, "level"), (n, "increment"), (q, "change_rate")], confidence=confidence)
        used.add(q.qty_id)


def _increment_reading(b: Qty, n: Qty, q: Qty, nd: int, d: int) -> tuple[Fraction, Fraction, Fraction] | None:
    """The rate an increment n makes over the level b less n: (point, lo, hi), None without a base."""
    base = b.value - n.value * nd
    if base <= 0:
        return None
    point = n.value * nd / base * 100 * d
    lo_b, hi_b = b.lo - n.hi * nd, b.hi - n.lo * nd
    ends = [n.lo * nd / max(hi_b, _TINY) * 100 * d, n.hi * nd / max(lo_b, _TINY) * 100 * d]
    return point, min(ends), max(ends)


# --- per-unit figures: an average against its total and what it is per -------------------------
#
# A per-unit figure (人均, 户均, 村均, 亩均/亩产, 日均, 平均每家企业, 每千人口, 每张, 每人) is the
# total of its own thing divided by the count it is per: total / count (× 1000 per thousand).
# The count is found by what the cue names (人 -> a head count, 户 -> households, 亩 -> an area,
# 日 -> days of a stated period, 每千名儿童 -> the number of children), preferably given in
# 按…计算; the total is a figure of the per-unit figure's own family and unit (吨 and 公斤 convert)
# that is not itself per unit.  Written the other way (每张200元，合计3000万元, 按每人1500元计，发放
# 资金28.05亿元) the total is the stated figure: count × per-unit.

_PER_KILO = {"千": 1000, "万": 10000, "百": 100}
_PER_THOUSAND = re.compile(r"每(?P<k>[千万百])(?:名|个|位|户)?(?P<noun>[\u4e00-\u9fff]{1,4})")
_PER_AVG_CHAR = re.compile(r"(?P<c>[人户村亩家校台店床场笔班])均")
_PER_EACH = re.compile(r"(?:平均)?每(?:个|名|位|支)?(?P<c>家|户|人|名|张|只|台|亩|个|位|所|座|辆|套|村|天|日|批|次|"
                       r"班|组|趟|场|列|笔|队)"
                       r"(?P<noun>[\u4e00-\u9fff]{0,6})")
_PER_DAY = re.compile(r"日均|平均每[天日]|每天平均")
_PER_MASS = re.compile(r"每(?P<u>公斤|千克|斤|吨)")
_PER_AREA = re.compile(r"(?:平均)?亩产|单产")
_BY_COUNT = re.compile(r"按(?:照)?(?P<body>[^，,；;。]{1,16}?)计算")
_PEOPLE = ("人", "名", "人次", "位")
_CLASS_OF = {"人": _PEOPLE, "名": _PEOPLE, "位": _PEOPLE, "户": ("户", "家"), "家": ("家", "户"),
             "村": ("村", "个"), "校": ("所", "个"), "所": ("所",), "店": ("家", "个"), "床": ("张",)}
_TOTAL_CUE = re.compile(r"共|合计|总计|累计|总|全年|就是|发放|共需|需要|筹集|达到?|营业额|销售额|营收")
_BASE_FACTOR: dict[str, Fraction] = {}


def _factor(unit: str) -> Fraction | None:
    """The factor from ``unit`` to its family's base unit (公斤 -> 1/1000 吨), None when it has none."""
    if not _BASE_FACTOR:
        from .quantities import UNITS
        for u, (_, stored, _, f) in UNITS.items():
            if f is not None:
                _BASE_FACTOR.setdefault(stored, Fraction(f))
    return _BASE_FACTOR.get(unit)


def _convert(x: Fraction, unit: str, to: str) -> Fraction | None:
    """x in ``unit`` written in ``to`` (same family): 780 吨 -> 780000 公斤; None when not convertible."""
    if unit == to:
        return x
    a, b = _factor(unit), _factor(to)
    if a is None or b is None:
        return None
    return x * a / b


def _third_factor(st: _Story, a: Qty, t: Qty, c: Qty) -> bool:
    """A count of days (nights, months) in the sentence between a per-unit figure and its total, or a
    per-time cue (每晚) on the per-unit figure: the total is no count × price of two figures."""
    s = st.sentence_of(a.start)
    lo_, hi_ = min(a.start, t.start, c.start), max(a.end, t.end, c.end)
    durs = [q for q in st.body if _time_count(st, q) and lo_ <= q.start < hi_ and q not in (a, t, c)
            and st.sentence_of(q.start) == s]
    return bool(durs) or bool(_PER_TIME.search(st.clause_left(a)))


_TIME_COUNT_UNITS = ("天", "日", "晚", "夜", "个月", "月", "周", "星期", "学期", "个学期", "季度", "个季度")
_TERM_AFTER = re.compile(r"(?:个)?(?:学期|季度)")


def _time_count(st: _Story, q: Qty) -> bool:
    """A count of days, nights, months, terms (两个学期: the quantity is 两个, the term follows it)."""
    return q.unit in _TIME_COUNT_UNITS or (q.family == "count" and bool(_TERM_AFTER.match(st.text, q.end)))


_ONE_DAY = re.compile(r"单日|当天|当日|单天|一天|一日(?!游)")
_PER_TIME = re.compile(r"每(?:天|日|晚|夜|月|个月|周|学期|个学期|季度|个季度)")


def _per_cue(st: _Story, a: Qty) -> tuple[str, str, int] | None:
    """What a per-unit figure is per: (kind, noun, multiplier) with kind people / classifier / area /
    day, or None when its clause says no per."""
    left = st.clause_left(a)[-24:]
    if "每" not in left and "均" not in left and "产" not in left and a.per != "day":
        return None         # every cue below holds 每, 均 or 产 (亩产, 单产): most figures have none
    m = _PER_THOUSAND.search(left)
    if m:
        noun = m.group("noun")
        return ("people" if noun.startswith(("人", "常住")) else "noun"), noun, _PER_KILO[m.group("k")]
    if _PER_DAY.search(left) or a.per == "day":
        return "day", "", 1
    if _PER_AREA.search(left):
        return "area", "亩", 1
    m = None
    for m in _PER_MASS.finditer(left):
        pass
    if m and len(left) - m.end() <= 6:
        return "mass", m.group("u"), 1       # 按每公斤60元, 平均每公斤收购价48元: a price per unit of mass
    m = None
    for m in _PER_AVG_CHAR.finditer(left):
        pass
    if m:
        c = m.group("c")
        return ("area", "亩", 1) if c == "亩" else (("people", "", 1) if c == "人" else ("classifier", c, 1))
    m = None
    for m in _PER_EACH.finditer(left):
        pass
    if m:
        c = m.group("c")
        if c in ("天", "日"):
            return "day", "", 1
        if c == "亩":
            return "area", "亩", 1
        return ("people", m.group("noun"), 1) if c in ("人", "名", "位") else ("classifier", c + m.group("noun"), 1)
    return None


_CAP_LEFT = re.compile(r"最高|最多|上限|不超过")


def _sibling_price(st: _Story, sent: list[Qty], a: Qty, t: Qty, d: Qty) -> bool:
    """Another figure of the per-unit figure's kind between it and its count or total (对A每家奖补20万元，
    B最高奖补50万元，两类共150家): the total is spread over several prices (one perhaps a cap), so it
    is no count × one price."""
    for q in sent:
        if q in (a, t, d) or not st.same(q, a):
            continue
        if q.qualifier not in ("at_most", "less_than") and not _CAP_LEFT.search(st.clause_left(q)) \
                and st.memo("percue", q, _per_cue) is None:
            continue       # only another price (每家10万元) or a cap (最高50万元) is a sibling
        if _SEMICOLON.search(st.text[min(a.end, q.end):max(a.start, q.start)]):
            continue       # …每家10万元，共3000万元；…每家20万元: another clause group's price
        if any(a.end <= q.start < y.start for y in (t, d)) or t.end <= q.start < a.start < d.start:
            return True    # after the price, before its count or total, or between a total stated first and
            #                the price with the count after both (每张满200元减50元 after the count is one
            #                price; 每千人口医师3.0人、护士3.6人 each over its own total)
    return False


def _per_units(st: _Story, done: set[str]) -> set[str]:
    text = st.text
    used: set[str] = set()
    pairs_used: set[tuple[str, str]] = set()
    for a in st.body:
        if a.qty_id in done or a.family in _NON_LEVEL or a.qualifier == "range" or a.value <= 0:
            continue
        cue = _per_cue(st, a)
        if cue is None:
            continue
        kind, noun, mult = cue
        s_lo, s_hi = st.sentence_of(a.start)
        p_lo = _back(text, a.start, st.lo, "\n")
        p_hi = _fwd(text, a.end, st.hi, "\n")
        sent = [q for q in st.within(s_lo, s_hi) if q is not a]
        para = [q for q in st.within(max(p_lo, a.start - 400), min(p_hi, a.end + 200)) if q is not a]
        # the count it is per
        explicit = []
        for bm in _BY_COUNT.finditer(text, s_lo, a.start):
            explicit += [q for q in sent if bm.start() <= q.start < bm.end() and q.family == "count"]

        def is_count(q: Qty) -> bool:
            if q.per or q.qualifier in _BOUNDS or _role(st, q) not in ("level", "target"):
                return False
            if kind == "people" and mult > 1 and st.memo("percue", q, _per_cue) is not None:
                return False       # 每千名常住人口拥有医师3.0人、护士3.6人: 3.0 is another per-thousand figure
            if kind == "area":
                return q.family == "area"
            if kind == "mass":
                return q.family == "mass" and _convert(Fraction(1), q.unit, noun) is not None \
                    and st.memo("percue", q, _per_cue) is None
            if kind == "day":
                return q.family == "duration" and q.unit in ("天", "日")
            if q.family != "count":
                return False
            c = q.classifier or q.unit
            if kind == "people":
                return c in _PEOPLE and (not noun or _lcs(noun, q.what + st.label(q)) >= 1 or noun.startswith("人"))
            if kind == "noun":
                named = q.what + st.label(q)
                # 每千名老年人 over 户籍老人196万人: a people noun shortened to its first and last character
                head = noun[:noun.find("人", 1) + 1]     # 老年人拥(有): the noun ends at its 人
                return _lcs(noun, named) >= 2 or (len(head) > 2 and c in _PEOPLE and head[0] + "人" in named)
            cls = noun[:1]
            if c == "个" and cls != "个" and re.match(r"[\u4e00-\u9fff]{0,4}" + cls + r"(?![\u4e00-\u9fff])", text[q.end:q.end + 6]):
                return True        # 6个教学班 … 平均每班45人: the noun after 个 ends in the classifier
            return c in _CLASS_OF.get(cls, (cls,)) and (len(noun) < 3 or _lcs(noun[1:], q.what + st.label(q)) >= 2
                                                        or c == cls)

        def is_total(q: Qty) -> bool:
            if q.qualifier in _BOUNDS or q.per or _role(st, q) not in ("level", "target"):
                return False
            if q.family != a.family or _convert(q.value, q.unit, a.unit) is None and not st.same(q, a):
                return False
            if a.family == "count" and not st.same(q, a) and not {q.key[1], a.key[1]} <= {"人", "人次"}:
                return False       # 平均每家单位约40个岗位 is of 岗位 (1.26万个), not of 就业意向2870人
            if st.memo("percue", q, _per_cue) is not None or text.startswith("的", q.end):
                return False       # another per-unit figure (再生季亩产348.6公斤), a threshold (超过50万元的村)
            if kind == "day" and _ONE_DAY.search(text[slice(*st.sentence_of(q.start))]):
                return False       # 230辆新车下线，创单日产量新高: one day's figure is no total of 日均
            lo_, hi_ = (q.end, a.start) if q.start < a.start else (a.end, q.start)
            if re.fullmatch(r"[和、与及]|元?和", text[lo_:hi_]):
                return False       # 分别为54321元和30537元: a sibling in a list of per-unit figures
            if q.start > a.end and "、" in text[lo_:hi_] and not re.search(r"[，,；;。！？]", text[lo_:hi_]):
                return False       # 每千名常住人口拥有医师3.86人、注册护士4.76人: the list goes on
            return True

        # a count of another sentence only before the per-unit figure (…每千名老年人拥有养老床位42张。全市…
        # 已有1183个设立老年助餐点: a later sentence's count is another thing's)
        counts = explicit or [q for q in sent if is_count(q)] or [q for q in para if is_count(q) and q.end <= a.start]
        if kind == "people" and noun.endswith("人口") and not explicit:
            # 每千人口: the population, not another head count of the sentence (儿童, 医师)
            pop = [q for q in counts if "人口" in q.what + st.label(q)] or \
                [q for q in st.before(a, 200) if is_count(q) and "人口" in q.what + st.label(q)]
            # the population itself (年末全市常住人口), not a group of it (城镇常住人口), when named so
            exact = [q for q in pop if _PLACE_HEAD.sub("", _TIME_WORDS.sub("", q.what)) == noun]
            counts = exact[-1:] or pop[-1:]
        if kind == "day" and not counts:
            counts = [q for q in st.before(a, 60) if is_count(q)][-1:]
        # the count nearest before the per-unit figure (163个行政村…村均26万元，…其中…的村有21个)
        before_a = [q for q in counts if q.start < a.start]
        if before_a:
            counts = before_a
        extra = None
        if re.search(r"每[生人户名]每[天日]", st.clause_left(a)):
            # 2.4万名学生每生每天补助5元，按100天计算，共需1200万元: students × days × each
            people = [q for q in sent if q.family == "count" and (q.classifier or q.unit) in _PEOPLE + ("户",)
                      and q.start < a.start]
            days = [q for q in sent if q.family == "duration" and q.unit in ("天", "日")]
            if not people or not days:
                continue
            counts, extra = people[-1:], days[-1]
        totals = [q for q in sent if is_total(q) and q not in counts] or \
            [q for q in para if is_total(q) and q not in counts and q.end <= a.start]
        if not counts or not totals:
            continue
        # the total: one stated after the per-unit figure with 共/合计 makes it a product (stated total)
        after = [q for q in totals if q.start > a.end and _TOTAL_CUE.search(st.clause_left(q))
                 and not _SEMICOLON.search(text[a.end:q.start])]   # …日均4万人次；元宵节…累计9万人次: another total
        product = bool(after)
        cands_t = after if product else [q for q in totals if q.end <= a.start] or totals
        named_sure = False
        if not product and kind == "people" and noun.endswith("人口") and mult > 1:
            # 每千名常住人口拥有执业医师3.86人: the total is the figure named like the per-unit one
            # (执业医师1.45万人), not the group it is part of (卫生技术人员3.92万人)
            best = max(_lcs(q.what, a.what) for q in cands_t)
            top = [q for q in cands_t if _lcs(q.what, a.what) == best]
            t = top[-1]
            named_sure = best >= 2 and len(top) == 1 and len(counts) == 1
        else:
            t = cands_t[0] if product else max(cands_t, key=lambda q: (bool(_TOTAL_CUE.search(st.clause_left(q))),
                                                                        _lcs(q.what, a.what), q.start))
        d = counts[-1] if not product else max(counts, key=lambda q: q.start if q.start < a.start else -1)
        if d is t or d.value <= 1:
            continue       # 浇一亩地要花60元，每亩能省20元: a count of one is "per one", a saving is no average
        if extra is None and d is not t:
            # 6个蒙古包，每个蒙古包每晚收费680元，旺季45天下来，住宿收入就有18.36万元: a count of days
            # (nights, months) between the per-unit figure and its total is a third factor: multiplied in
            # when the per-unit figure is per day (每晚) and it is the one such count, else no claim
            lo_, hi_ = (a.end, t.start) if t.start > a.end else (t.end, a.start)
            durs = [q for q in sent if _time_count(st, q) and lo_ <= q.start < hi_
                    and q not in (a, t, d)]
            if durs:
                if len(durs) != 1 or not _PER_TIME.search(st.clause_left(a)) or t.start < a.end:
                    continue
                extra, product = durs[0], True
        if extra is not None and not product:
            continue
        if _sibling_price(st, sent, a, t, d):
            continue
        if (t.qty_id in done and d.qty_id in done) or (t.qty_id, d.qty_id) in pairs_used:
            continue       # one total and count make one average (城镇居民人均 is a subgroup's)
        pairs_used.add((t.qty_id, d.qty_id))
        if not (s_lo <= t.start < s_hi and s_lo <= d.start < s_hi) and _lcs(t.what, a.what) < 2:
            continue       # figures of other sentences that name another thing
        tv = _convert(t.value, t.unit, a.unit) if t.unit != a.unit else t.value
        if tv is None:
            continue
        if kind == "mass":
            if not (s_lo <= t.start < s_hi and s_lo <= d.start < s_hi):
                continue       # a price per mass only against a mass and a sum of its own sentence
            if t.start < a.start and "均" not in st.clause_left(a):
                continue       # 成交额A，…，收盘价为每吨P: a price after the sum is no mean unless it says so
            mult = 1 / _convert(Fraction(1), d.unit, noun)      # 62吨 at 每斤1.23元: 124000斤 × 1.23元
        sure = (len(counts) == 1 and len(cands_t) == 1) or named_sure
        f = _convert(Fraction(1), t.unit, a.unit) or Fraction(1)
        unit = f"{a.unit}/{noun or d.key[1]}" if kind != "day" else f"{a.unit}/天"
        if product:
            k = extra.value if extra is not None else 1
            point = a.value * d.value * k / mult / f
            lo = a.lo * d.lo * (extra.lo if extra is not None else 1) / mult / f
            hi = a.hi * d.hi * (extra.hi if extra is not None else 1) / mult / f
            formula = f"{_num(d)} × {_num(a)}" + (f" × {_num(extra)}" if extra is not None else "") + \
                (f" / {mult}" if mult != 1 else "")
            if kind == "mass":
                formula = f"{_fmt(d.value / mult)}{noun} ({_num(d)}) × {_num(a)}"
            ins = [d, a] + ([extra] if extra is not None else [])
            st.add("average", ins + [t], ins, t, point, lo, hi, t.unit, formula, None,
                   Say("product", count=Fig(d), each=Fig(a), total=Val(point, t), reason=REASON)
                   if extra is None else
                   Say("product3" if extra.unit in ("天", "日", "晚", "夜") else "product_periods", count=Fig(d),
                       each=Fig(a), days=Fig(extra), total=Val(point, t), reason=REASON),
                   roles=[(d, "count"), (a, "per_unit"), (t, "total")] + ([(extra, "count")] if extra else []),
                   confidence=None if sure else "likely")
        else:
            point = tv / d.value * mult
            lo = t.lo * f / d.hi * mult
            hi = t.hi * f / max(d.lo, _TINY) * mult
            formula = f"{_num(t)} / {_num(d)}" + (f" × {mult}" if mult != 1 else "")
            if kind == "mass":
                formula = f"{_num(t)} / {_fmt(d.value / mult)}{noun} ({_num(d)})"
            # per thousand of a population stated elsewhere: the statement is the per-unit sentence
            per_pop = kind == "people" and noun.endswith("人口") and mult > 1 and \
                not (s_lo <= t.start < s_hi and s_lo <= d.start < s_hi)
            st.add("average", [t, d, a], [t, d], a, point, lo, hi, unit, formula, None,
                   Say("average", total=Fig(t), count=Fig(d), avg=Val(point, a, places=2),
                       per=Per(noun[:1] if kind == "classifier" else ("天" if kind == "day" else d.key[1])),
                       reason=REASON),
                   roles=[(t, "total"), (d, "count"), (a, "per_unit")], confidence=None if sure else "likely",
                   span=st.span(s_lo, a.end) if per_pop else None)
        used.update((a.qty_id, t.qty_id, d.qty_id))
    return used


# --- daily averages over a day count written in words ----------------------------------------
#
# 春运前22天……累计达到48.62亿人次，日均2.21亿人次: the day count is text, not a figure row (前22天
# is no quantity), or a figure of another sentence of the paragraph (春节9天假期，…。假期全市…累计
# 412.6万辆次，日均45.8万辆次).  The total is the nearest cumulative figure (累计/共) of the same
# unit before the daily one in its sentence, with no other level or daily figure of that unit
# between them (…日均6879吨，其中厨余垃圾…日均2167吨: the second daily figure is a part's); the day
# count is the one value of days written in the paragraph before the daily figure, or a whole year
# (全年/去年: 365 or 366 days) named in the total's clause.  Two day counts, or none: no claim.

_DAYS_IN_TEXT = re.compile(r"(?<![\d.第])(?P<n>[1-9]\d{0,2}|[一二两三四五六七八九十]{1,3})\s*(?:个)?(?:天|日)(?!后|以后|以上|以下|以内|内|起|前|电|讯)")
_WHOLE_YEAR = re.compile(r"全年|去年(?!同期)|上年(?!同期)|上一年(?!同期)")


def _cn_small(g: str) -> int | None:
    """1-999 in digits, or 一..九十九 in characters."""
    if g.isdigit():
        return int(g)
    if len(g) == 1:
        return _CN_DIGIT.get(g)
    if len(g) == 2 and g[0] == "十":
        return 10 + _CN_DIGIT.get(g[1], 0) if g[1] in _CN_DIGIT else None
    if len(g) == 2 and g[1] == "十":
        return 10 * _CN_DIGIT[g[0]] if g[0] in _CN_DIGIT and g[0] != "十" else None
    if len(g) == 3 and g[1] == "十" and g[0] in _CN_DIGIT and g[2] in _CN_DIGIT:
        return 10 * _CN_DIGIT[g[0]] + _CN_DIGIT[g[2]]
    return None


def _days_before(st: _Story, lo: int, hi: int) -> set[int]:
    """Day counts written in text[lo:hi] (春运前22天, 春节9天假期, 为期三天), as figures or words;
    a date (23日) is no day count."""
    text = st.text
    out: set[int] = set()
    for q in st.within(lo, hi):
        if q.family == "duration" and q.unit in ("天", "日") and q.qualifier == "exact" and q.end <= hi:
            out.add(int(q.value)) if q.value.denominator == 1 else out.add(-1)
    dates = [(q.start, q.end) for q in st.within(lo, hi) if q.family not in ("duration",)]
    for m in _DAYS_IN_TEXT.finditer(text, lo, hi):
        if m.group(0).endswith("日") and not re.search(r"[为历用共连续前后近这那]$", text[max(lo, m.start() - 1):m.start()]):
            continue       # 2月23日: a date
        if any(a <= m.start() < b for a, b in dates):
            continue
        n = _cn_small(m.group("n"))
        if n:
            out.add(n)
    return out


# a sentence that opens with one month (6月份，… / 今年3月，…): the days of that month
_ONE_MONTH = re.compile(r"(?:(?:今年|去年|(?:19|20)\d{2}年)?)(?P<m>1[0-2]|[1-9])月份?[，,]")


def _day_averages(st: _Story, done: set[str]) -> set[str]:
    text = st.text
    used: set[str] = set()
    for a in st.body:
        if a.qty_id in done or a.family in _NON_LEVEL or a.qualifier not in ("exact", "approx") or a.value <= 0:
            continue
        if not (_PER_DAY.search(st.clause_left(a)[-8:]) or a.per == "day"):
            continue
        s_lo, _ = st.sentence_of(a.start)
        s_lo = max(s_lo, a.start - 300)        # bounded: a page of one line has one sentence
        before = [q for q in st.within(s_lo, a.start) if q is not a]
        alike = [q for q in before if q.family == a.family and st.same(q, a) and not q.per
                 and q.qualifier in ("exact", "approx") and _role(st, q) == "level"]
        totals = [q for q in alike if _CUMULATIVE.search(st.clause_left(q))]
        month = _ONE_MONTH.match(text, s_lo)
        if not totals and month and len(alike) == 1 and not _days_before(st, s_lo, a.start):
            totals = alike     # 6月份，全国快递业务量完成172.3亿件，日均5.74亿件: the month's one total
        if not totals:
            continue
        t = totals[-1]
        between = [q for q in st.within(t.end, a.start) if st.same(q, a) and _role(st, q) not in ("base", "increment")]
        if between or re.search(r"其中|分别", text[t.end:a.start]):
            continue
        p_lo = max(_back(text, a.start, st.lo, "\n"), a.start - 400)
        days = _days_before(st, p_lo, a.start)
        if len(days) > 1 or -1 in days:
            continue
        if days:
            n = days.pop()
            lo_n = hi_n = Fraction(n)
        elif month and not _WHOLE_YEAR.search(text[s_lo:t.start]):
            m_ = int(month.group("m"))
            n = 31 if m_ in (1, 3, 5, 7, 8, 10, 12) else 30 if m_ != 2 else 28
            lo_n, hi_n = Fraction(n), Fraction(29 if m_ == 2 else n)
        elif _WHOLE_YEAR.search(st.clause_left(t)) or _WHOLE_YEAR.search(text[s_lo:t.start]):
            n, lo_n, hi_n = 365, Fraction(365), Fraction(366)
        else:
            continue
        if n < 2:
            continue
        point = t.value / n
        st.add("average", [t, a], [t], a, point, t.lo / hi_n, t.hi / lo_n, f"{a.unit}/天", f"{_num(t)} / {n}",
               None, Say("day_average", total=Fig(t), n=n, avg=Val(point, a, places=2), reason=REASON),
               roles=[(t, "total"), (a, "per_unit")])
        used.update((a.qty_id, t.qty_id))
    return used


def _commas_between(text: str, a: Qty, b: Qty) -> int:
    lo, hi = (a.end, b.start) if a.start < b.start else (b.end, a.start)
    if hi <= lo:
        return 0
    return _count_stops(text, lo, hi, "，,") + (99 if _count_stops(text, lo, hi, "；;。") else 0)


def detect_story(text: str, story_id: str, lo: int, hi: int, qs: list[Qty]) -> list[Claim]:
    """All claims of one story, in text order, with claim ids."""
    st = _Story(text, story_id, lo, hi, qs)
    part_of = _sums(st)
    _counted_lists(st)
    _enumerations(st)
    _back_counts(st)
    used_pairs = _rates(st, part_of)
    _shares(st, part_of)
    _respective_shares(st)
    in_lists = {qid for c in st.claims if c.kind == "sum" for qid in c.parts}
    pairs = _strict_pairs(st, in_lists)
    _differences(st, pairs)
    _repeats(st)
    _bound_repeats(st)
    in_changes = _changes(st)
    _multiples(st)
    _share_sets(st)
    _ratios(st)
    _year_averages(st)
    _balances(st)
    _completions(st)
    _increment_rates(st, in_changes)
    averaged = _averages(st) | in_changes
    averaged |= _per_units(st, averaged)
    averaged |= _day_averages(st, averaged)
    _derived(st, pairs, used_pairs, averaged)
    claims = sorted(st.claims, key=lambda c: (c.start, c.end, KINDS.index(c.kind), c.inputs))
    for n, c in enumerate(claims, 1):
        c.claim_id = f"{story_id}c{n:02d}"
    return claims


def detect(text: str, records: Iterable[dict | Qty], stories: Iterable[tuple[str, int, int]] | None = None
           ) -> list[Claim]:
    """Claims over quantity records (rows of the ``quantities`` table, or :class:`Qty`).

    ``stories`` gives (story_id, start, end) bounds; without it each story_id spans the text.
    """
    qs = [r if isinstance(r, Qty) else make_qty(r) for r in records]
    by_story: dict[str, list[Qty]] = {sid: [] for sid, _, _ in (stories or [])}
    for q in qs:
        by_story.setdefault(q.story_id, []).append(q)
    bounds = {sid: (a, b) for sid, a, b in (stories or [])}
    out: list[Claim] = []
    for sid in sorted(by_story):
        lo, hi = bounds.get(sid, (0, len(text)))
        out.extend(detect_story(text, sid, lo, hi, by_story[sid]))
    return out


# ---------------------------------------------------------------------------
# The page table and the report
# ---------------------------------------------------------------------------

def page_claims(page) -> list[Claim]:
    qt = page.quantities
    paras = page.paragraphs
    # column lists, not to_dict("records"): pandas boxes every cell of an extension column

    # each column's array read from the frame without building a Series (tables._values)
    def raw_strs(c, df):
        arr = tables._values(df, c)
        if isinstance(arr.dtype, pd.StringDtype):
            # a string column's own list (str or a missing value), not a copy as objects first; an
            # Arrow string column's straight from its Arrow array (half the time of pandas' tolist)
            pa_arr = getattr(arr, "_pa_array", None)
            return pa_arr.to_pylist() if pa_arr is not None else arr.tolist()
        return df[c].astype(object).tolist()

    def strs(c, default="", df=qt):
        if c not in df:
            return [default] * len(df)
        return [v if type(v) is str and v else default for v in raw_strs(c, df)]

    def nums(c, df=qt):
        if c not in df:
            return [None] * len(df)
        arr = tables._values(df, c)
        if isinstance(arr, (pd.arrays.IntegerArray, pd.arrays.FloatingArray)):
            # Python ints and floats, None where masked (what tolist gives, without its pd.NA boxing)
            return [None if m else v for v, m in zip(arr._data.tolist(), arr._mask.tolist())]
        col = df[c]
        return col.astype(object).where(col.notna(), None).tolist()

    header = {pid for kind, pid in zip(raw_strs("kind", paras), raw_strs("para_id", paras))
              if type(kind) is str and kind in _HEADER_KINDS}

    recs = [_as_rate(Qty(qty_id=i, start=int(a), end=int(b), surface=sf, value=_exact(v), value_high=_exact(vh),
                         unit=u, family=f, qualifier=ql, what=w, per=pr, classifier=cl, story_id=sid, para_id=pid,
                         numeral=nm, header=pid in header))
            for i, a, b, sf, v, vh, u, f, ql, w, pr, cl, sid, pid, nm in zip(
                strs("qty_id"), nums("start"), nums("end"), strs("surface"), nums("value"), nums("value_high"),
                strs("unit"), strs("family", "other"), strs("qualifier", "exact"), strs("what"), strs("per"),
                strs("classifier"), strs("story_id", "s01"), strs("para_id"), strs("numeral", "arabic"))]
    sto = page.stories
    stories = [(str(s), int(a), int(b)) for s, a, b in
               zip(raw_strs("story_id", sto), nums("start", sto), nums("end", sto))]
    return detect(page.text, recs, stories)


def _float(x: Fraction | None):
    return None if x is None else float(x)


def to_frame(claims: list[Claim]) -> pd.DataFrame:
    from .tables import frame
    return frame(to_columns(claims))


def to_columns(claims: list[Claim]) -> dict[str, list]:
    """The ``claims`` table of ``claims`` as column lists (in the order of :data:`COLUMNS`)."""
    rows = []
    for c in claims:
        iv = c.interval
        rows.append((
            c.claim_id, c.story_id, c.kind, c.statement, c.start, c.end, ";".join(c.inputs),
            c.stated_qty.qty_id if c.stated_qty is not None else None,
            _float(c.stated),
            _float(iv.lo) if iv is not None else None,
            _float(iv.hi) if iv is not None else None,
            _float(c.computed), c.unit, c.formula,
            _float(c.tolerance), c.verdict, c.explanation,
            c.explanation_zh, c.confidence or None,
            c.stated_surface or None,
            ";".join(f"{i}={r}" for i, r in c.roles.items()) or None,
            ";".join(c.names) or None, c.whole_qty or None,
            ";".join(c.part_qtys) or None,
        ))
    return tables.columns_of(rows, COLUMNS)


def extract(page) -> pd.DataFrame:
    """The ``claims`` table of a page (without page_id)."""
    return to_frame(page_claims(page))


def columns(page) -> dict[str, list]:
    """The ``claims`` table of a page as column lists (without page_id)."""
    return to_columns(page_claims(page))


MARKS = {"consistent": "ok", "rounding": "~=", "inconsistent": "XX", "needs_context": "??", "derived": "=>"}
ACCEPT_HEADER = ("page_sha256", "claim_id", "reason")


class AcceptError(ValueError):
    """A malformed accept file; the message names the line."""


def read_accepted(path) -> dict[tuple[str, str], str]:
    """The reviewed claims of an accept file: {(page SHA-256, claim_id): reason}.

    The file is CSV (UTF-8) with the header ``page_sha256,claim_id,reason``; one row per claim a
    reviewer signed off; lines starting with ``#`` are comments.  The SHA-256 is the page file's
    (printed by ``newspage check`` in each page's header line), so an edited page needs a new
    review.  Every field is required.
    """
    import csv
    from pathlib import Path

    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AcceptError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AcceptError(f"{path}: is a directory") from None
    except UnicodeDecodeError:
        raise AcceptError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise AcceptError(f"{path}: cannot read: {exc.strerror or exc}") from None
    lines = [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise AcceptError(f"{path}: empty; expected the header {','.join(ACCEPT_HEADER)}")
    rows = list(csv.reader([line for _, line in lines]))
    if tuple(x.strip() for x in rows[0]) != ACCEPT_HEADER:
        raise AcceptError(f"{path}: line {lines[0][0]}: expected the header {','.join(ACCEPT_HEADER)}")
    out: dict[tuple[str, str], str] = {}
    for (n, _), row in zip(lines[1:], rows[1:]):
        if len(row) != 3:
            raise AcceptError(f"{path}: line {n}: expected 3 fields (page_sha256, claim_id, reason), got {len(row)}")
        sha, cid, reason = (x.strip() for x in row)
        if not re.fullmatch(r"[0-9a-fA-F]{64}", sha):
            raise AcceptError(f"{path}: line {n}: page_sha256 must be 64 hexadecimal digits, got {sha!r}")
        if not re.fullmatch(r"s\d+c\d+", cid):
            raise AcceptError(f"{path}: line {n}: claim_id must look like s01c03, got {cid!r}")
        if not reason:
            raise AcceptError(f"{path}: line {n}: a reason is required")
        out[(sha.lower(), cid)] = reason
    return out


def report(page, accepted: dict[tuple[str, str], str] | None = None) -> tuple[str, int]:
    """The readable report of a page's claims, grouped by story, and the number inconsistent."""
    text, summary = report_details(page, accepted)
    return text, summary["inconsistent"]


def report_details(page, accepted: dict[tuple[str, str], str] | None = None) -> tuple[str, dict]:
    """The report and its figures: inconsistent claims, how many are sure, accepted, and
    ``failing`` (sure, not accepted: what makes ``newspage check --strict`` exit 1)."""
    claims = page_claims(page)
    sha = getattr(page, "sha256", "") or ""
    for c in claims:
        c.accepted = (accepted or {}).get((sha, c.claim_id), "")
    counts = {v: sum(c.verdict == v for c in claims) for v in VERDICTS}
    bad = [c for c in claims if c.verdict == "inconsistent"]
    summary = {"inconsistent": len(bad), "sure": sum(c.confidence == "sure" for c in bad),
               "accepted": sum(bool(c.accepted) for c in bad),
               "failing": sum(c.confidence == "sure" and not c.accepted for c in bad)}
    heads = {str(s): (str(h) if isinstance(h, str) and h else "") for s, h in
             zip(page.stories["story_id"], page.stories["headline"])}
    lines = [f"== {page.page_id}: {len(claims)} claims: " + ", ".join(f"{counts[v]} {v}" for v in VERDICTS)]
    lines.append(f"   page sha256 {sha}")
    lines.append("   marks: ok consistent | ~= rounding | XX inconsistent | ?? needs context | => derived | "
                 "AC inconsistent, accepted by a reviewer")
    for sid in sorted({c.story_id for c in claims}):
        lines.append("")
        lines.append(f"{sid}  {heads.get(sid, '') or '(no headline)'}")
        for c in (c for c in claims if c.story_id == sid):
            stmt = c.statement if len(c.statement) <= 40 else c.statement[:39] + "…"
            unit = c.unit
            if c.stated_qty is not None:
                q = c.stated_qty
                comp = _as(c.computed, q, places=2) if c.unit == q.unit else f"{_fmt(c.computed)}{unit}"
                nums = f"stated {q.surface} vs computed {comp}"
            elif c.stated is not None:
                nums = f"stated {c.stated_surface} vs computed {_fmt(c.computed)}{unit}"
            else:
                nums = f"computed {_fmt(c.computed)}{unit}"
            mark = "AC" if c.accepted and c.verdict == "inconsistent" else MARKS[c.verdict]
            conf = f" ({c.confidence})" if c.verdict == "inconsistent" else ""
            lines.append(f"  {mark} {c.claim_id} {c.kind:<10} {stmt} | {nums} [{c.formula}] "
                         f"{c.explanation}{conf}")
            if c.accepted:
                lines.append(f"     accepted: {c.accepted}")
    lines.append("")
    n = summary["inconsistent"]
    tail = ""
    if n:
        tail = (f" ({summary['sure']} sure, {n - summary['sure']} likely; {summary['accepted']} accepted)"
                + (" -- check them" if summary["failing"] else ""))
    lines.append(f"{page.page_id}: {n} inconsistent claim(s)" + tail)
    lines.append("")
    return "\n".join(lines), summary
