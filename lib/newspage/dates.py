"""Date expressions, resolved against the page's date.

``find_dates(text, ref)`` returns :class:`DateMention` objects (offsets relative to ``text``);
``extract(page)`` gives the ``dates`` table; ``infer_page_date(page_or_text)`` guesses the
page's date from its text.

What is recognised (Arabic or Chinese numerals):

* full dates ``2026年4月13日`` (day), year-months ``2025年3月`` (month), years ``2025年`` (year),
  month-days ``4月2日`` and months ``6月`` whose year comes from the sentence (an earlier
  explicit year) or the page date;
* parts: ``4月底`` / ``年末`` (qualifier end), ``初`` (start), ``上旬/中旬/下旬`` (early/mid/late),
  ``上半年/下半年``, ``一季度`` / ``前三季度`` / ``一季度末`` (periods; without a year they take the
  page's year, or the year before when that would put them more than half a year ahead);
* month ranges ``1至3月`` / ``1-2月`` / ``今年1至3月`` and year-to-date ``前4个月`` / ``今年前4个月``
  (statistics releases: months 1..N of the year, last year's when N has not ended yet);
* a bare day ``16日`` (``国家统计局16日发布``, ``北京16日电``), whose month is that of the last date
  before it in the same block, else the page date's month;
* relative: ``今年 去年 上年 明年 前年``, ``今天 昨天 明天``, ``去年8月``, ``今年6月``;
* periods: ``2021—2025年``, ``“十四五”期间`` (five-year plans: 2021–2025), ``未来三年``, ``近5年``,
  ``三年来``;
* vague words kept with an empty ISO and qualifier ``vague``: 近日, 日前, 近期, 近年来, 目前 …

``iso`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by granularity; a period has ``iso`` and
``iso_end``.  ``relative`` says whether the page date was needed to resolve it.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from dataclasses import dataclass

import pandas as pd

from . import tables
from .numerals import T2S, NumeralError, parse_number
from .rx import gated

__all__ = ["DateMention", "PageDate", "find_dates", "extract", "infer_page_date", "page_date", "present_year", "SCHEMA"]

_D = "0-9０-９"
_CD = "〇零一二三四五六七八九"
_Y = rf"(?:[{_D}]{{4}}|[{_CD}]{{4}})"
_M = rf"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])(?![{_D}])"
_DAY = rf"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_MSUF = "底|末|初|中旬|上旬|下旬|中|份"
_REL_YEAR = "今年|去年|(?<!马)上年(?!纪)|明年|前年|后年|当年"
_N = rf"(?:[{_D}]+|[一二两三四五六七八九十]+)"
# _N where the alternative begins with it (N年前, N年来): its digits only from the start of a digit
# run.  No match ends on a digit, so the regex is tried inside a run only after it failed at the
# run's start, where N年前 (to the same run end) failed too: same matches, and a long run of digits
# is scanned once instead of once from each of its digits (quadratic).
_N_LEAD = rf"(?:(?<![{_D}])[{_D}]+|[一二两三四五六七八九十]+)"
_PLAN_N = "十[一二三四五六七八九]|[一二三四五六七八九]"

_LUNAR_MONTH = "(?:正|二|三|四|五|六|七|八|九|十|十一|十二|冬|腊)"
_LUNAR_DAY = "(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|卅|十五|十)"
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_FEST_LUNAR = {"春节": (1, 1), "除夕": (12, 0), "小年": (12, 23), "元宵节": (1, 15), "元宵": (1, 15), "端午节": (5, 5),
               "端午": (5, 5), "中秋节": (8, 15), "中秋": (8, 15), "七夕节": (7, 7), "七夕": (7, 7),
               "重阳节": (9, 9), "重阳": (9, 9), "腊八节": (12, 8), "腊八": (12, 8)}
_FEST_SOLAR = {"元旦": (1, 1), "国庆节": (10, 1), "劳动节": (5, 1), "儿童节": (6, 1), "教师节": (9, 10),
               "妇女节": (3, 8), "植树节": (3, 12), "建军节": (8, 1), "建党节": (7, 1), "青年节": (5, 4)}
_FESTIVALS = "|".join(sorted(list(_FEST_LUNAR) + list(_FEST_SOLAR) + ["清明节"], key=len, reverse=True))
_TERM_NAMES = ("小寒 大寒 立春 雨水 惊蛰 春分 清明 谷雨 立夏 小满 芒种 夏至 小暑 大暑 立秋 处暑 白露 秋分 寒露 霜降 "
               "立冬 小雪 大雪 冬至").split()
# solar terms that are also ordinary words (雨水 rainwater, 大雪 heavy snow) count only with a cue after them
_TERMS_WEAK = "|".join("雨水 小满 白露 霜降 小雪 大雪 清明 小寒 大寒 小暑 大暑".split())
_TERMS = "|".join(t for t in _TERM_NAMES if t not in _TERMS_WEAK.split("|"))
# a habit, not a date: 每年6、7、8月, 每逢春节, 往年端午
_HABIT_PRE = re.compile(r"(?:每年|每逢|每到|每当|往年|历年|年年|常年|一般|通常|往往)[^，。；！？\n]{0,12}$")

_VAGUE = ("近日 日前 近期 近年来 近年 前不久 不久前 目前 截至目前 当前 眼下 如今 今后 日后 此前 "
          "近些年 这些年 连日来").split()

# gated: each position where no date can begin costs one character-class test, not a try of
# every alternative (see rx.gated)
_RE = gated(
    # five-year plans: “十四五”期间, 十四五规划
    rf"(?P<plan>[“\"‘]?(?P<pn>{_PLAN_N})五[”\"’]?)(?P<plansuf>规划期间|期间|时期|以来|末|初|开局之年)?"
    # the same period a year (or a named year) before: 去年同期, 上年同期 (the period of the last date before it)
    rf"|(?P<tq>去年|上年)同期"
    # year ranges: 2021—2025年, 2021年至2025年
    rf"|(?P<y1>{_Y})年?\s*(?:[-—－～~至到]{{1,2}})\s*(?P<y2>{_Y})年"
    # a span of days: 3月2日至18日, 3月28日—4月2日, 2025年3月1日至4日
    rf"|(?:(?P<ry1>{_Y})年|(?P<rry1>今年|去年|明年))?(?P<rm1>{_M})月(?P<rd1>{_DAY})[日号]?\s*(?:[-—－～~至到]{{1,2}})\s*(?:(?P<rm2>{_M})月)?(?P<rd2>{_DAY})[日号]"
    # festivals, solar terms, lunar days (resolved with borax)
    # (a festival or term with a year counted from the page's: 今年中秋, 去年端午节, 明年春节)
    rf"|(?P<lunar>(?:农历)?{_LUNAR_MONTH}月{_LUNAR_DAY}|大年{_LUNAR_DAY}|正月{_LUNAR_DAY})"
    # a decade of the last century: 上世纪80年代, 上世纪八十年代, 20世纪70年代 (not its part: 80年代初)
    rf"|(?P<dec>(?:上个?世纪|20世纪|二十世纪)(?P<decn>[1-9]0|[一二三四五六七八九]十)年代)(?![初末中])"
    # the joint Mid-Autumn and National Day holiday with its length: 中秋国庆8天长假 (from the earlier of the two days)
    rf"|(?P<zq>(?:中秋国庆|国庆中秋)(?P<zqn>[{_D}]{{1,2}}|[一二三四五六七八九十]{{1,2}})天(?:长假|小长假|假期|黄金周))"
    # the National Day or May Day holiday with its days in brackets after it: 国庆假期（10月1日至7日）,
    # “五一”假期（5月1日至5日） (a lunar festival's holiday stays the festival: its day is the date)
    rf"|(?P<hol>(?:中秋国庆|国庆中秋|国庆节?|劳动节|[“\"‘](?:五一|十一)[”\"’])(?:假期|小长假|长假|黄金周))"
    rf"(?=[(（](?:(?P<hy>{_Y})年)?(?P<hm1>{_M})月(?P<hd1>{_DAY})[日号]\s*(?:[-—－～~至到]{{1,2}})\s*(?:(?P<hm2>{_M})月)?(?P<hd2>{_DAY})[日号])"
    # the May Day and National Day holidays by their quoted short names: “五一”, “十一”
    rf"|(?P<qf>[“\"‘](?:五一|十一)[”\"’])"
    rf"|(?P<cry>今年|去年|明年|前年|后年)?(?:(?P<fest>{_FESTIVALS})"
    rf"|(?P<term>{_TERMS}|(?:{_TERMS_WEAK})(?=节气|时节|当天|这天|前后|之际|时分)))"
    # … but not a holiday or season named after it (今年春节档, 今年春节9天连假, 今年立春以来)
    rf"(?(cry)(?![档假连长黄期{_D}一二三四五六七八九十]|以来))"
    # N年前: a year counted back from the page's
    rf"|(?P<ago>{_N_LEAD})年前"
    rf"|(?P<relm>上个?月|本月|下个?月|当月)(?:(?P<relmd>{_DAY})[日号]|(?P<relmsuf>初|底|末|中旬|上旬|下旬))?"
    # this or last winter: December to February
    rf"|(?P<wint>今冬|去冬)(?!明春)"
    # a weekday of this, last or next week: 本周四, 下周一
    rf"|(?P<wk>本周|这周|上周|下周)(?P<wkd>[一二三四五六日天])"
    # a sexagenary year with its animal: 乙巳蛇年
    rf"|(?P<gzy>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])(?P<gza>[鼠牛虎兔龙蛇马羊猴鸡狗猪])年"
    # full date
    rf"|(?P<fy>{_Y})年(?P<fm>{_M})月(?P<fd>{_DAY})[日号]"
    # year + month (+ part)
    rf"|(?P<ymy>{_Y})年(?P<ymm>{_M})月(?P<ymsuf>{_MSUF})?"
    # (year +) half / quarter (+ part): 2025年一季度, 上年四季度, 上半年, 一季度末
    rf"|(?P<yqy>{_Y}年|{_REL_YEAR})?(?P<yq>上半年|下半年|前三季度|第?[一二三四1-4]季度|首季度?|第[一二三四]季)(?P<yqsuf>末|初|以来)?"
    # (year +) month range: 1至3月, 今年1-2月
    rf"|(?P<mry>{_Y}年|{_REL_YEAR})?(?P<mr1>{_M})月?\s*(?:[-—－～~至到]{{1,2}})\s*(?P<mr2>{_M})月(?:份)?"
    # (year +) year to date: 前4个月, 今年前两个月
    rf"|(?P<ytdy>{_Y}年|{_REL_YEAR})?前(?P<ytdn>十[一二]?|[一二两三四五六七八九]|1[0-2]|[1-9])个月"
    # year (+ part)
    rf"|(?P<yy>{_Y})年(?P<yysuf>底|末|初|以来|年底|年初|年末|度)?"
    # relative year + month-day / month
    rf"|(?P<mdrel>{_REL_YEAR})?(?P<mdm>{_M})月(?P<mdd>{_DAY})[日号]"
    rf"|(?P<mrel>{_REL_YEAR})?(?P<mm>{_M})月(?P<msuf>{_MSUF})?"
    # relative periods: 未来三年, 近5年, 过去一年, 三年来
    rf"|(?P<pp>未来|今后|近|过去|最近|前)(?P<pn2>{_N})(?P<pu>年|个月|天|周)"
    rf"|(?P<pn3>{_N_LEAD})(?P<pu3>年|个月)来"
    # a season of next year, a target's deadline: 明年春季 (March to May), 明年秋季
    rf"|(?P<sey>明年)(?P<sea>春季|夏季|秋季)"
    rf"|(?P<ry>{_REL_YEAR})(?P<rysuf>底|末|初|年底|年初|以来)?"
    rf"|(?<![0-9０-９〇零一二三四五六七八九今去明前后当上本])(?P<bare>年初|年底|年末|年中)"
    # the end of this month, no month named (将于月底前完成): the page's month
    rf"|(?<![0-9０-９〇零一二三四五六七八九十正腊冬上下本当个每岁])(?P<bmon>月底|月末)"
    rf"|(?P<rd>今天|今日|昨天|昨日|明天|明日|前天)"
    # a span of days: 22日至24日; a bare day of the month: 16日发布, 北京7日电
    rf"|(?P<dr1>3[01]|[12][0-9]|[1-9])日\s*(?:[-—－～~至到]{{1,2}})\s*(?P<dr2>3[01]|[12][0-9]|[1-9])日"
    rf"|(?P<bd>3[01]|[12][0-9]|[1-9])日(?![内游])"
    rf"|(?P<vague>{'|'.join(sorted(_VAGUE, key=len, reverse=True))})"
)
_NOT_AFTER = re.compile(rf"[{_D}.A-Za-z]$")
_PART = {"底": "end", "末": "end", "年底": "end", "年末": "end", "初": "start", "年初": "start", "年中": "mid",
         "中旬": "mid", "中": "mid", "上旬": "early", "下旬": "late", "份": "exact", "以来": "since",
         "度": "exact", "": "exact", None: "exact"}
_REL_OFFSET = {"今年": 0, "当年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2, "后年": 2}
_DAY_OFFSET = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "明天": 1, "明日": 1, "前天": -2}
_SINCE_PRE = re.compile(r"(?:自|从|自从)$")
# before a bare day these make it a count of days (近7日, 连续3日, 每5日), not a date
_BARE_DAY_NOT_PRE = set("近前后续每数第约共满期时仅只再这那等几两余多个月年号点至到—-~～.0123456789０１２３４５６７８９")
_UNTIL_PRE = re.compile(r"(?:截至|截止|截止到)$")


@dataclass
class DateMention:
    start: int
    end: int
    surface: str
    iso: str
    iso_end: str
    granularity: str     # day, month, year, period
    qualifier: str       # exact, start, end, early, mid, late, since, until, vague
    relative: bool


def _num(s: str) -> int:
    return int(parse_number(s))


def _year(s: str) -> int:
    return int(parse_number(s))


def _valid(y: int, m: int, d: int | None = None) -> bool:
    try:
        _dt.date(y, m, d or 1)
        return True
    except ValueError:
        return False


def _add_years(d: _dt.date, n: int) -> _dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:                # 29 February
        return d.replace(year=d.year + n, day=28)


def _add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    day = min(d.day, 28)
    return _dt.date(d.year + y, m + 1, day)


def _plan_years(n: int) -> tuple[int, int] | None:
    """Years of the n-th five-year plan (the 3rd began in 1966, after the 1963–65 adjustment)."""
    if n == 1:
        return 1953, 1957
    if n == 2:
        return 1958, 1962
    if n >= 3:
        s = 1966 + 5 * (n - 3)
        return s, s + 4
    return None


def _has_year(d: DateMention) -> bool:
    return not d.relative and d.iso[:4].isdigit() and d.granularity in ("day", "month", "year")


class _Found(list):
    """The dates found so far in one text, in text order, with what :func:`_sentence_year` asks
    of them kept up to date: where the text's sentences end, and the last date with an explicit
    year.  Each question is then a bisection, not a search back to the sentence start (the whole
    text on a page of one line) and over every date since."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.scanned = 0
        self.last_year: tuple[int, int] | None = None   # (start, year)

    @functools.cached_property
    def ends(self) -> list[int]:
        """Where the text's sentences end (found on first use: most paragraphs never ask)."""
        return [m.start() for m in _SENT_END.finditer(self.text)]

    def year_from(self, lo: int) -> int | None:
        for d in self[self.scanned:]:
            if _has_year(d):
                self.last_year = (d.start, int(d.iso[:4]))
        self.scanned = len(self)
        if self.last_year is not None and self.last_year[0] >= lo:
            return self.last_year[1]
        return None


_SENT_END = re.compile("[。！？\n]")


def _sentence_year(text: str, start: int, found: list[DateMention]) -> int | None:
    """The explicit year of the last date before ``start`` in the same sentence."""
    if isinstance(found, _Found):
        k = bisect.bisect_left(found.ends, start)
        return found.year_from(found.ends[k - 1] if k else -1)
    lo = max(text.rfind(c, 0, start) for c in "。！？\n")
    for d in reversed(found):
        if d.start < lo:
            break
        if _has_year(d):
            return int(d.iso[:4])
    return None


def find_dates(text: str, ref: _dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``ref`` (the page date) when needed.

    Traditional characters (近年來, 首季) are read through the same-length simplified shadow of
    the text; surfaces are as printed."""
    if _TRAD_SEARCH(text) is not None:
        out = _find_dates(text.translate(T2S), ref)
        for d in out:
            d.surface = text[d.start:d.end]
        return out
    return _find_dates(text, ref)


_TRAD_SEARCH = re.compile("[" + "".join(map(chr, T2S)) + "]").search


# a span of months that names a season of any year, not dates: 从4月到5月的一个多月, 4月中旬到10月底的旅游旺季
_SEASON_SPAN = gated(rf"(?<![{_D}年])(?:{_M})月(?:上旬|中旬|下旬|初|底|末)?\s*(?:到|至|—|－|~|～)\s*(?:{_M})月(?:上旬|中旬|下旬|初|底|末)?"
                          r"(?=的[^，。；！？\n]{0,6}?(?:旺季|淡季|高峰期?|季节|时节|一个多月|几个月|两个月|三个月))")


def _find_dates(text: str, ref: _dt.date | None) -> list[DateMention]:
    out = _Found(text)
    seasons = [(k.start(), k.end()) for k in _SEASON_SPAN.finditer(text)] if "的" in text else []
    for m in _RE.finditer(text):
        s, e = m.start(), m.end()
        if s and _NOT_AFTER.search(text, s - 1, s):
            continue
        if seasons and any(a <= s and e <= b for a, b in seasons):
            continue
        try:
            d = _resolve(text, m, ref, out)
        except (NumeralError, ValueError):
            d = None
        if d is None:
            continue
        # since / until from the preposition before
        if d.qualifier == "exact":
            if _SINCE_PRE.search(text, max(0, s - 2), s) and text.find("以来", e, e + 40) >= 0:
                d.qualifier = "since"
            elif _UNTIL_PRE.search(text, max(0, s - 3), s):
                d.qualifier = "until"
        out.append(d)
    return list(out)


def _mk(m, iso, iso_end, gran, qual, rel) -> DateMention:
    return DateMention(m.start(), m.end(), m.group(0), iso, iso_end, gran, qual, rel)


def _habit(text: str, s: int) -> bool:
    """A month or festival named as a habit (每年6、7、8月, 每逢春节), not a date."""
    return _HABIT_PRE.search(text, max(0, s - 16), s) is not None


def _lunar_day(t: str) -> int:
    if t.startswith("初"):
        return _num(t[1:])
    if t in ("三十", "卅"):
        return 30
    if t.startswith("廿"):
        return 20 + _num(t[1:])
    return _num(t)


_LUNAR_RE = re.compile(rf"(?:农历)?(?:(?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])[鼠牛虎兔龙蛇马羊猴鸡狗猪]?年)?(?:(?P<mo>{_LUNAR_MONTH})月|(?P<da>大年)|(?P<zy>正月))(?P<d>{_LUNAR_DAY})$")


def _nearest(cands: list[_dt.date], ref: _dt.date) -> _dt.date | None:
    return min(cands, key=lambda d: (abs((d - ref).days), d)) if cands else None


def _lunar_to_solar(ly: int, mo: int, d: int) -> _dt.date | None:
    """The Gregorian day of lunar year ``ly``, month ``mo``, day ``d`` (d == 0: the last day of the
    year, 除夕), by borax's calendar."""
    from borax.calendars.lunardate import LunarDate
    try:
        if d == 0:
            return LunarDate(ly + 1, 1, 1).to_solar_date() - _dt.timedelta(days=1)
        return LunarDate(ly, mo, d).to_solar_date()
    except (ValueError, TypeError):
        return None


def _year_before(m: re.Match, found: list[DateMention]) -> int | None:
    """An explicit year written right before the match (2025年春节)."""
    if found and found[-1].end == m.start() and found[-1].granularity == "year" and not found[-1].relative:
        return int(found[-1].iso[:4])
    return None


def _calendar_in(kind: str, key, yy: int) -> _dt.date | None:
    """The day of a lunar day (in lunar year ``yy``), a solar day or a solar term (in year ``yy``)."""
    if kind == "lunar":
        return _lunar_to_solar(yy, *key)
    if kind == "solar":
        return _dt.date(yy, *key) if _valid(yy, *key) else None
    from borax.calendars.lunardate import TermUtils
    try:
        return TermUtils.nth_term_day(yy, term_name=key)
    except (ValueError, KeyError, TypeError):
        return None


def _calendar_day(m, ref, found, kind: str, key) -> DateMention | None:
    """A festival, solar term or lunar day: in the year written before it, else the one nearest the page date."""
    cry = m.group("cry")
    if cry is not None:
        # 今年腊八 is the one that falls in this Gregorian year, whichever lunar year it closes
        if ref is None:
            return _mk(m, "", "", "day", "exact", True)
        gy = ref.year + _REL_OFFSET[cry]
        for yy in (gy, gy - 1) if kind == "lunar" else (gy,):
            d = _calendar_in(kind, key, yy)
            if d is not None and d.year == gy:
                return _mk(m, d.isoformat(), "", "day", "exact", True)
        return None
    y = _year_before(m, found)
    years = [y] if y is not None else ([ref.year - 1, ref.year, ref.year + 1] if ref is not None else [])
    if not years:
        return _mk(m, "", "", "day", "exact", True)
    cands = []
    for yy in years:
        d = _calendar_in(kind, key, yy)
        if d is not None:
            cands.append(d)
    best = cands[0] if y is not None and cands else (_nearest(cands, ref) if ref is not None else None)
    if best is None:
        return None
    return _mk(m, best.isoformat(), "", "day", "exact", y is None)


def _after_month(text: str, s0: int, n: int) -> bool:
    """比前两个月 in a sentence that names month n+1 (3月当月…增速比前两个月加快): the months before it are
    the first n months of the year either way."""
    if text[s0 - 1] not in "比较" or n >= 12:
        return False
    lo, hi = _sentence_bounds(text, s0)
    nxt = n + 1
    cn = "一二三四五六七八九十"[nxt - 1] if nxt <= 10 else ("十一" if nxt == 11 else "十二")
    return re.search(rf"(?<![{_D}十])(?:{nxt}|{cn})月", text[lo:s0]) is not None


def _resolve(text: str, m: re.Match, ref: _dt.date | None, found: list[DateMention]) -> DateMention | None:
    g = m.group
    if g("dec") is not None:
        k = _num(g("decn"))
        return _mk(m, f"{1900 + k:04d}", f"{1909 + k:04d}", "period", "exact", False)
    if g("zq") is not None:
        n = _num(g("zqn"))
        if ref is None or not 7 <= n <= 10:
            return _mk(m, "", "", "period", "exact", True) if ref is None else None
        y = ref.year if ref.month >= 7 else ref.year - 1      # a page before July speaks of last year's
        mid = _lunar_to_solar(y, 8, 15)
        if mid is None:
            return None
        a = min(mid, _dt.date(y, 10, 1))
        b = a + _dt.timedelta(days=n - 1)
        if not (b >= max(mid, _dt.date(y, 10, 1))):
            return None                                        # the days do not hold both festivals
        return _mk(m, a.isoformat(), b.isoformat(), "period", "exact", True)
    if g("hol") is not None:
        mo1, d1, d2 = _num(g("hm1")), _num(g("hd1")), _num(g("hd2"))
        mo2 = _num(g("hm2")) if g("hm2") else mo1
        if g("hy"):
            y, rel = _year(g("hy")), False
        else:
            y, rel = _year_for(text, m, None, ref, found, mo1, d1)
        if y is None:
            return _mk(m, "", "", "period", "exact", True)
        y2 = y + 1 if mo2 < mo1 else y
        if not (_valid(y, mo1, d1) and _valid(y2, mo2, d2)):
            return None
        a, b = _dt.date(y, mo1, d1), _dt.date(y2, mo2, d2)
        if b <= a or (b - a).days > 15:
            return None
        return _mk(m, a.isoformat(), b.isoformat(), "period", "exact", rel)
    if g("rm1") is not None:
        mo1, d1, d2 = _num(g("rm1")), _num(g("rd1")), _num(g("rd2"))
        mo2 = _num(g("rm2")) if g("rm2") else mo1
        if g("ry1"):
            y, rel = _year(g("ry1")), False
        elif g("rry1"):
            if ref is None:
                return _mk(m, "", "", "period", "exact", True)
            y, rel = ref.year + _REL_OFFSET[g("rry1")], True
        else:
            y, rel = _year_for(text, m, None, ref, found, mo1, d1)
        if y is None:
            return _mk(m, "", "", "period", "exact", True) if _valid(2000, mo1, d1) else None
        y2 = y + 1 if mo2 < mo1 else y
        if not (_valid(y, mo1, d1) and _valid(y2, mo2, d2)):
            return None
        a, b = _dt.date(y, mo1, d1), _dt.date(y2, mo2, d2)
        if b <= a:
            return None
        return _mk(m, a.isoformat(), b.isoformat(), "period", "exact", rel)
    if g("lunar") is not None or g("fest") is not None or g("term") is not None:
        if _habit(text, m.start()):
            return None
        if g("lunar") is not None:
            lm = _LUNAR_RE.match(g("lunar"))
            if lm is None:
                return None
            mo = 1 if (lm.group("da") or lm.group("zy")) else _LUNAR_MONTHS.get(lm.group("mo")) or _num(lm.group("mo"))
            if lm.group("gz"):
                # 农历乙巳年二月十九: the sexagenary year names the lunar year (cycle 1984–2043)
                sd = _lunar_to_solar(_ganzhi_year(lm.group("gz")), mo, _lunar_day(lm.group("d")))
                return None if sd is None else _mk(m, sd.isoformat(), "", "day", "exact", False)
            return _calendar_day(m, ref, found, "lunar", (mo, _lunar_day(lm.group("d"))))
        if g("fest") is not None:
            f = g("fest")
            if f == "清明节":
                return _calendar_day(m, ref, found, "term", "清明")
            if f in _FEST_SOLAR:
                return _calendar_day(m, ref, found, "solar", _FEST_SOLAR[f])
            return _calendar_day(m, ref, found, "lunar", _FEST_LUNAR[f])
        return _calendar_day(m, ref, found, "term", g("term"))
    if g("qf") is not None:
        # a habit, or a holiday followed by its own days in brackets (“五一”假期（5月1日至5日）): those are the date
        if _habit(text, m.start()) or re.match(r"(?:假期|小长假|长假|黄金周|期间)?[（(]\s*\d", text[m.end():m.end() + 8]):
            return None
        return _calendar_day(m, ref, found, "solar", (5, 1) if "五" in g("qf") else (10, 1))
    if g("ago") is not None:
        n = _num(g("ago"))
        if not 0 < n <= 200:
            return None
        if ref is None:
            return _mk(m, "", "", "year", "exact", True)
        return _mk(m, f"{ref.year - n:04d}", "", "year", "exact", True)
    if g("relm") is not None:
        if ref is None:
            return _mk(m, "", "", "month", "exact", True)
        k = -1 if g("relm").startswith("上") else 1 if g("relm").startswith("下") else 0
        d = _add_months(ref.replace(day=1), k)
        if g("relmd"):
            day = _num(g("relmd"))
            if not _valid(d.year, d.month, day):
                return None
            return _mk(m, _dt.date(d.year, d.month, day).isoformat(), "", "day", "exact", True)
        return _mk(m, f"{d.year:04d}-{d.month:02d}", "", "month", _PART[g("relmsuf")], True)
    if g("wint") is not None:
        if ref is None:
            return _mk(m, "", "", "period", "exact", True)
        y = (ref.year - 1 if ref.month <= 2 else ref.year) - (g("wint") == "去冬")
        return _mk(m, f"{y:04d}-12", f"{y + 1:04d}-02", "period", "exact", True)
    if g("wk") is not None:
        if ref is None:
            return _mk(m, "", "", "day", "exact", True)
        k = -1 if g("wk") == "上周" else 1 if g("wk") == "下周" else 0
        i = "一二三四五六".find(g("wkd")) if g("wkd") in "一二三四五六" else 6
        d = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(days=7 * k + i)
        return _mk(m, d.isoformat(), "", "day", "exact", True)
    if g("gzy") is not None:
        if _ZODIAC.index(g("gza")) != _BRANCHES.index(g("gzy")[1]):
            return None
        return _mk(m, f"{_ganzhi_year(g('gzy')):04d}", "", "year", "exact", False)
    if g("bmon") is not None:
        if ref is None:
            return _mk(m, "", "", "month", "end", True)
        return _mk(m, f"{ref.year:04d}-{ref.month:02d}", "", "month", "end", True)
    if g("bare") is not None:
        if ref is None:
            return _mk(m, "", "", "year", _PART[g("bare")], True)
        return _mk(m, f"{ref.year:04d}", "", "year", _PART[g("bare")], True)
    if g("plan") is not None:
        quoted = g("plan")[0] in "“\"‘" and g("plan")[-1] in "”\"’"
        if not quoted and not g("plansuf") and not text.startswith("规划", m.end()):
            return None
        yrs = _plan_years(_num(g("pn")))
        if yrs is None:
            return None
        qual = {"末": "end", "初": "start", "以来": "since"}.get(g("plansuf") or "", "exact")
        return _mk(m, str(yrs[0]), str(yrs[1]), "period", qual, False)
    if g("y1") is not None:
        y1, y2 = _year(g("y1")), _year(g("y2"))
        if not (1000 <= y1 < y2 <= 2199):
            return None
        return _mk(m, str(y1), str(y2), "period", "exact", False)
    if g("fy") is not None:
        y, mo, d = _year(g("fy")), _num(g("fm")), _num(g("fd"))
        if not _valid(y, mo, d):
            return None
        return _mk(m, f"{y:04d}-{mo:02d}-{d:02d}", "", "day", "exact", False)
    if g("ymy") is not None:
        y, mo = _year(g("ymy")), _num(g("ymm"))
        if not _valid(y, mo):
            return None
        return _mk(m, f"{y:04d}-{mo:02d}", "", "month", _PART[g("ymsuf")], False)
    if g("yq") is not None:
        ytxt = g("yqy")
        part = g("yq")
        qual = {"末": "end", "初": "start", "以来": "since"}.get(g("yqsuf") or "", "exact")
        if part == "上半年" and m.start() and text[m.start() - 1] == "马":
            return None
        if part in ("上半年", "下半年", "前三季度"):
            a, b = (1, 6) if part == "上半年" else (7, 12) if part == "下半年" else (1, 9)
        else:
            q = 1 if part.startswith("首") else _num(part.strip("第季度"))
            a, b = 3 * q - 2, 3 * q
        y, rel = _period_year(text, m, ytxt, ref, found, a)
        if y is None:
            return _mk(m, "", "", "period", qual, True)
        return _mk(m, f"{y:04d}-{a:02d}", f"{y:04d}-{b:02d}", "period", qual, rel)
    if g("mr1") is not None:
        if _habit(text, m.start()):
            return None
        a, b = _num(g("mr1")), _num(g("mr2"))
        if not 1 <= a < b <= 12:
            return None
        y, rel = _period_year(text, m, g("mry"), ref, found, a)
        if y is None:
            return _mk(m, "", "", "period", "exact", True)
        return _mk(m, f"{y:04d}-{a:02d}", f"{y:04d}-{b:02d}", "period", "exact", rel)
    if g("ytdn") is not None:
        n = _num(g("ytdn"))
        s0 = m.start()
        if not g("ytdy") and s0 and text[s0 - 1] not in "，。；：、 （(\n“\"" and not _after_month(text, s0, n):
            return None          # 比赛前3个月: before an event, not the first months of a year
        if not 1 <= n <= 12:
            return None
        ytxt = g("ytdy")
        if ytxt and ytxt in _REL_OFFSET:
            if ref is None:
                return _mk(m, "", "", "period", "exact", True)
            y, rel = ref.year + _REL_OFFSET[ytxt], True
        elif ytxt:
            y, rel = _year(ytxt[:-1]), False
        else:
            y = _sentence_year(text, s0, found)
            rel = y is None
            if y is None:
                if ref is None:
                    return _mk(m, "", "", "period", "exact", True)
                # the first N months are reported once they are over
                y = ref.year if n < ref.month else ref.year - 1
        return _mk(m, f"{y:04d}-01", f"{y:04d}-{n:02d}", "period", "exact", rel)
    if g("yy") is not None:
        y = _year(g("yy"))
        if not (1000 <= y <= 2199):
            return None
        if re.match(r"[代级]", text[m.end():m.end() + 1]):
            return None
        return _mk(m, f"{y:04d}", "", "year", _PART[g("yysuf")], False)
    if g("mdm") is not None:
        mo, d = _num(g("mdm")), _num(g("mdd"))
        y, rel = _year_for(text, m, g("mdrel"), ref, found, mo, d)
        if y is None:
            return _mk(m, "", "", "day", "exact", True) if _valid(2000, mo, d) else None
        if not _valid(y, mo, d):
            return None
        return _mk(m, f"{y:04d}-{mo:02d}-{d:02d}", "", "day", "exact", rel)
    if g("mm") is not None:
        mtxt = g("mm")
        if not mtxt[0].isdigit() and not (g("mrel") or g("msuf")):
            return None        # 三月 alone is too often part of a word; needs 今年/份/底 …
        s = m.start()
        if s and text[s - 1] in "个每":
            return None
        if _habit(text, s):
            return None
        mo = _num(mtxt)
        y, rel = _year_for(text, m, g("mrel"), ref, found, mo, None)
        qual = _PART[g("msuf")]
        if y is None:
            return _mk(m, "", "", "month", qual, True)
        if not _valid(y, mo):
            return None
        return _mk(m, f"{y:04d}-{mo:02d}", "", "month", qual, rel)
    if g("pp") is not None or g("pn3") is not None:
        return None      # a duration (近5年, 未来3年, 五年来): a quantity, not a date (issue 13)
    if g("pp") is not None:
        n = _num(g("pn2"))
        unit = g("pu")
        if n <= 0 or n > 100:
            return None
        if g("pp") == "前" and (m.start() == 0 or text[m.start() - 1] not in "，。；、 （(\n"):
            return None
        future = g("pp") in ("未来", "今后")
        if ref is None:
            return _mk(m, "", "", "period", "exact", True)
        other = _shift(ref, n if future else -n, unit)
        a, b = (ref, other) if future else (other, ref)
        return _mk(m, a.isoformat(), b.isoformat(), "period", "exact", True)
    if g("pn3") is not None:
        n = _num(g("pn3"))
        if n <= 0 or n > 100:
            return None
        if ref is None:
            return _mk(m, "", "", "period", "since", True)
        a = _shift(ref, -n, g("pu3"))
        return _mk(m, a.isoformat(), ref.isoformat(), "period", "since", True)
    if g("tq") is not None:
        if ref is None:
            return _mk(m, "", "", "period", "exact", True)
        tq = g("tq")
        back = 1 if tq in ("去年", "上年") else ref.year - _year(tq[:-1])
        if not 0 < back <= 50:
            return None
        return _same_period_last_year(text, m, ref, found, back, tq not in ("去年", "上年"))
    if g("sey") is not None:
        if ref is None:
            return _mk(m, "", "", "period", "exact", True)
        y = ref.year + _REL_OFFSET[g("sey")]
        a = {"春季": 3, "夏季": 6, "秋季": 9}[g("sea")]
        return _mk(m, f"{y:04d}-{a:02d}", f"{y:04d}-{a + 2:02d}", "period", "exact", True)
    if g("ry") is not None:
        qual = _PART[g("rysuf")]
        if ref is None:
            return _mk(m, "", "", "year", qual, True)
        return _mk(m, f"{ref.year + _REL_OFFSET[g('ry')]:04d}", "", "year", qual, True)
    if g("rd") is not None:
        if ref is None:
            return _mk(m, "", "", "day", "exact", True)
        return _mk(m, (ref + _dt.timedelta(days=_DAY_OFFSET[g("rd")])).isoformat(), "", "day", "exact", True)
    if g("vague") is not None:
        return _mk(m, "", "", "period", "vague", True)
    if g("bd") is not None:
        return _bare_day(text, m, ref, found)
    if g("dr1") is not None:
        a, b = int(g("dr1")), int(g("dr2"))
        if a >= b:
            return None
        first = _bare_day(text, m, ref, found, g("dr1"))
        if first is None or not first.iso:
            return None if first is None else _mk(m, "", "", "period", "exact", True)
        y, mo = int(first.iso[:4]), int(first.iso[5:7])
        if not _valid(y, mo, b):
            return None
        return _mk(m, first.iso, f"{y:04d}-{mo:02d}-{b:02d}", "period", "exact", first.relative)
    return None


def _same_period_last_year(text: str, m: re.Match, ref: _dt.date, found: list[DateMention],
                           n: int = 1, explicit: bool = False) -> DateMention:
    """去年同期 / 上年同期 (2020年同期): the last date of the present year before it in the paragraph
    (前两个月, 今年上半年, 1—10月, 9日; not a base after 比/较), ``n`` years back; the page's month
    ``n`` years back when there is none."""
    for d in reversed(found):
        if not d.iso or d.qualifier == "vague" or not d.iso[:4].isdigit() or int(d.iso[:4]) != ref.year:
            continue
        if text[max(0, d.start - 1):d.start] in ("比", "较"):     # 8月份…比7月份上涨，比去年同期: 7月份 is a base
            continue
        if len(d.iso) == 4 and not d.iso_end and d.qualifier == "start" and d.surface.endswith("年初"):
            # 年初…存栏A，比上年同期: the beginning of the year, its January a year back
            return _mk(m, f"{int(d.iso) - n:04d}-01", "", "month", "exact", not explicit)
        if len(d.iso) == 4 and not d.iso_end and d.qualifier != "since" and not text.startswith("以来", d.end):
            continue                                               # 今年首批…去年同期: 今年 names no period
        if d.iso_end and (not d.iso_end[:4].isdigit() or int(d.iso_end[:4]) != ref.year):
            continue
        if (d.qualifier == "since" or text.startswith("以来", d.end)) and len(d.iso) in (4, 7, 10):
            # 今年以来 (元旦以来, 3月以来) … 去年同期: from its start to the page's day, a year back
            a = (d.iso + "-01-01")[:10] if len(d.iso) == 4 else (d.iso + "-01")[:10]
            return _mk(m, f"{int(a[:4]) - n:04d}{a[4:]}", _add_years(ref, -n).isoformat(), "period", "exact", not explicit)

        def back(x: str) -> str:
            if len(x) == 10:
                return _add_years(_dt.date.fromisoformat(x), -n).isoformat()
            return f"{int(x[:4]) - n:04d}{x[4:]}"
        return _mk(m, back(d.iso), back(d.iso_end) if d.iso_end else "", d.granularity, "exact", not explicit)
    # no period named before it: the same time a year back, the page's month
    return _mk(m, f"{ref.year - n:04d}-{ref.month:02d}", "", "month", "exact", not explicit)


def _bare_day(text: str, m: re.Match, ref: _dt.date | None, found: list[DateMention],
              day: str | None = None) -> DateMention | None:
    s = m.start()
    prev = text[s - 1] if s else ""
    if prev in _BARE_DAY_NOT_PRE or text.startswith(("以内", "之内", "以上", "左右", "以来", "之后", "后", "前"), m.end()):
        return None
    if s >= 2 and text[s - 2:s] in ("为期", "历时", "用时", "耗时", "连续", "不到", "不足", "超过"):
        return None
    d = int(day or m.group("bd"))
    # the month of the last date before it in this text (a dateline 北京4月16日电 counts)
    for prev_d in reversed(found):
        if prev_d.granularity in ("day", "month") and len(prev_d.iso) >= 7:
            y, mo = int(prev_d.iso[:4]), int(prev_d.iso[5:7])
            return _mk(m, f"{y:04d}-{mo:02d}-{d:02d}", "", "day", "exact", prev_d.relative) \
                if _valid(y, mo, d) else None
    if ref is None:
        return _mk(m, "", "", "day", "exact", True)
    # the day of that number nearest the page date, in its month or the one before (a bare day
    # is this month's, but 30日 on the 2nd is last month's)
    best = None
    for k in (-1, 0):
        y, mo = divmod(ref.year * 12 + ref.month - 1 + k, 12)
        if _valid(y, mo + 1, d):
            cand = _dt.date(y, mo + 1, d)
            if best is None or abs((cand - ref).days) < abs((best - ref).days):
                best = cand
    if best is None:
        return None
    return _mk(m, best.isoformat(), "", "day", "exact", True)


def _period_year(text, m, ytxt, ref, found, first_month) -> tuple[int | None, bool]:
    """Year of a half, quarter or month range: stated, relative, from the sentence, or the page's."""
    if ytxt and ytxt not in _REL_OFFSET:
        return _year(ytxt[:-1]), False
    return _year_for(text, m, ytxt, ref, found, first_month, None)


def _shift(d: _dt.date, n: int, unit: str) -> _dt.date:
    if unit == "年":
        return _add_years(d, n)
    if unit == "个月":
        return _add_months(d, n)
    if unit == "周":
        return d + _dt.timedelta(weeks=n)
    return d + _dt.timedelta(days=n)


def _year_for(text, m, reltxt, ref, found, mo, d) -> tuple[int | None, bool]:
    if reltxt:
        if ref is None:
            return None, True
        return ref.year + _REL_OFFSET[reltxt], True
    y = _sentence_year(text, m.start(), found)
    if y is not None:
        return y, False
    # the Gregorian day of a festival or lunar day just named (明年春节在2月17日, 腊月廿八（2月15日）):
    # the festival's year
    if found and d and found[-1].granularity == "day" and len(found[-1].iso) == 10 and \
            re.fullmatch(r"\s*(?:[(（]|在|是|为|即)?\s*", text[found[-1].end:m.start()]) and \
            found[-1].iso[5:] == f"{mo:02d}-{d:02d}":
        return int(found[-1].iso[:4]), found[-1].relative
    if ref is None:
        return None, True
    y = ref.year
    # a month-day far after the page date belongs to the previous year (a January page citing 12月30日)
    if _valid(y, mo, d or 1) and (_dt.date(y, mo, d or 1) - ref).days > 183:
        y -= 1
    return y, True


# ---------------------------------------------------------------------------
# The page date: one set of rules for page.date and the pages table
# ---------------------------------------------------------------------------

@dataclass
class PageDate:
    """The page's date, where it comes from (given, printed, dateline, inferred) and the rule, in
    words, that gave it; ``start``/``end`` locate the expression it was read from."""
    date: _dt.date | None
    source: str | None
    rule: str
    start: int | None = None
    end: int | None = None


_FULL_RE = re.compile(rf"(?<![{_D}])(?P<y>{_Y})年(?P<m>{_M})月(?P<d>{_DAY})[日号]")
_YEAR_RE = re.compile(rf"(?<![{_D}])(?P<y>[{_D}]{{4}}|[{_CD}]{{4}})年(?![代级])")
_MD_RE = re.compile(rf"(?<![{_D}年])(?P<m>{_M})月(?P<d>{_DAY})[日号]")
_FUTURE_PRE = re.compile(r"(?:(?<!截止)到|(?<!截)至|力争|预计|计划|目标|将于|将在|争取|定于|拟于|有望|预期)$")
_RANGE_END_PRE = re.compile(rf"[{_D}]{{4}}年?\s*(?:[-—－～~至到]{{1,2}})\s*$")
# a year introduced as history (早在2008年, 曾于, 历史上, 始建于 …): never the page's year
_HISTORY_PRE = re.compile(r"(?:早在|曾经?|曾于|历史上|始建于|建于|建成于|成立于|创建于|创办于|创立于|诞生于|始于|源于|追溯到|"
                          r"上世纪|当年|那年|那时|时任|早年|回想|回忆|自|从|自从)[，,]?[^，。；！？\n]{0,6}$")
_HISTORY_POST = re.compile(r"[^，。；！？\n]{0,3}?(?:曾|就已|便已|起步|建成的|始建|成立的)")
# a year that reads as the present: the sentence speaks of now
_PRESENT_CUE = re.compile(r"今年|本年度|当前|目前|眼下|如今|现阶段|截至|截止|年初以来|正在|今年以来|当下")
_PRESENT_PERIOD_POST = re.compile(
    r"(?:第?[一二三四1-4]季度|首季|上半年|前三季度|前[一二两三四五六七八九十1-9]{1,2}个月|[1-9]\s*[-—～~至到]\s*1?[0-9]月)")
_PLAN_POST = re.compile(r"[，,]?[\u4e00-\u9fff]{0,4}?(?:计划|将|要|力争|拟|预计)")
_SAME_YEAR = re.compile(rf"今年[(（](?P<a>[{_D}]{{4}})年?[)）]|(?P<b>[{_D}]{{4}})年[(（]今年[)）]|今年是(?P<c>[{_D}]{{4}})年")
_PLAN_YEAR = re.compile(r"今年是[“\"‘]?(?P<n>十[一二三四五六七八九]|[一二三四五六七八九])五[”\"’]?(?:规划)?(?P<which>收官|开局|起步)之年")
_GANZHI_YEAR = re.compile(r"(?:今年|本年)(?:是|为|适逢|正值)?(?:农历)?(?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])(?:[鼠牛虎兔龙蛇马羊猴鸡狗猪])?年")
_STEMS, _BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"


_ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
# a sexagenary year with its animal (乙巳蛇年, 农历丙午马年): the animal must be the branch's
_ZODIAC_YEAR = re.compile(r"(?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])(?P<z>[鼠牛虎兔龙蛇马羊猴鸡狗猪])年")
_TODAY = re.compile(r"今天|今日")
_LUNAR_MD = re.compile(rf"农历(?P<mo>{_LUNAR_MONTH})月(?P<d>{_LUNAR_DAY})(?![一二三四五六七八九十])")
_WEEKDAY = re.compile(r"(?:星期|礼拜|(?<![一-龥])周)(?P<w>[一二三四五六日天])")
_TERM_ANY = re.compile("|".join(_TERM_NAMES))


def _zodiac_year(text: str) -> tuple[int, str, int, int] | None:
    """A year named by its sexagenary name and animal (乙巳蛇年) and not introduced as history."""
    for m in _ZODIAC_YEAR.finditer(text):
        gz, z = m.group("gz"), m.group("z")
        if _ZODIAC.index(z) != _BRANCHES.index(gz[1]) or _historical(text, m.start(), m.end()):
            continue
        y = _ganzhi_year(gz)
        return y, f"the text names the year {m.group()}, {y} in the cycle 1984–2043", m.start(), m.end()
    return None


def _lunar_today(text: str, year: int | None = None) -> tuple[_dt.date, int, int, str] | None:
    """Today's date from a sentence that says what today is in the lunar calendar and something
    more (今天是寒露，农历八月十七 / 今天是农历八月十七，星期三): the Gregorian day, in the lunar years
    1984–2043 (or in ``year``'s), where the lunar day falls on that solar term or weekday.  None
    unless exactly one day fits."""
    ends, seen = None, {}
    for m in _LUNAR_MD.finditer(text):
        if ends is None:
            ends = _sentence_ends(text)
        lo, hi = _sentence_bounds(text, m.start(), ends)
        sent = text[lo:hi]
        if lo not in seen:        # what a sentence says is read once, however many lunar days it holds
            today = _TODAY.search(sent) is not None
            seen[lo] = (today, [t.group() for t in _TERM_ANY.finditer(sent)] if today else [],
                        _WEEKDAY.search(sent) if today else None)
        today, terms, wm = seen[lo]
        if not today:
            continue
        if not terms and wm is None:
            continue
        mo = _LUNAR_MONTHS.get(m.group("mo")) or _num(m.group("mo"))
        d = _lunar_day(m.group("d"))
        from borax.calendars.lunardate import TermUtils
        fits = []
        for ly in ([year - 1, year] if year is not None else range(1984, 2044)):
            sd = _lunar_to_solar(ly, mo, d)
            if sd is None or (year is not None and sd.year != year):
                continue
            if wm is not None and sd.weekday() != ("一二三四五六".find(wm.group("w")) % 7 if wm.group("w") in "一二三四五六" else 6):
                continue
            if terms:
                try:
                    if all(TermUtils.nth_term_day(sd.year, term_name=t) != sd for t in terms):
                        continue
                except (ValueError, KeyError, TypeError):
                    continue
            fits.append(sd)
        if len(fits) == 1:
            return fits[0], m.start(), m.end(), sent.strip()
    return None


def _ganzhi_year(gz: str) -> int:
    """The year of a sexagenary name in the cycle 1984 (甲子) to 2043 (癸亥)."""
    s, b = _STEMS.index(gz[0]), _BRANCHES.index(gz[1])
    k = next(k for k in range(60) if k % 10 == s and k % 12 == b)
    return 1984 + k


_LAST_YEAR = re.compile(rf"去年[(（](?P<a>[{_D}]{{4}})年?[)）]|(?P<b>[{_D}]{{4}})年[(（]去年[)）]")
_DATELINE_RE = re.compile(
    rf"(?:^|(?<=[(（\n□■【\[]))\s*(?P<head>[\u4e00-\u9fff]{{2,16}}?)(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12][0-9]|0?[1-9])日(?:专)?电",
    re.M)
_WIRE_HEAD = re.compile(r"^(?:新华社|中新社|中国新闻社|人民日报|经济日报|光明日报|本报|央视新闻|中央广播电视总台|[\u4e00-\u9fff]{2,8}(?:日报|报|社|台|网))")
_FUTURE_CONTEXT = re.compile(r"(?:将于|将在|计划于|计划在|拟于|定于|预计于|预计|将|届时|(?<!截止)到|(?<!截)至)$")


def _sentence_bounds(text: str, i: int, ends: list[int] | None = None) -> tuple[int, int]:
    """``(lo, hi)`` of the sentence holding position ``i``: after the last 。！？ or line break
    before ``i``, up to the first at or after it.  ``ends``: their positions in ``text`` (from
    :func:`_sentence_ends`), for a caller asking about many positions of one text (a bisection
    each, not a search over a sentence that may be the whole page)."""
    if ends is not None:
        k = bisect.bisect_left(ends, i)
        return (ends[k - 1] + 1 if k else 0), (ends[k] if k < len(ends) else len(text))
    lo = max(text.rfind(c, 0, i) for c in "。！？\n") + 1
    his = [text.find(c, i) for c in "。！？\n"]
    hi = min([h for h in his if h >= 0], default=len(text))
    return lo, hi


def _sentence_ends(text: str) -> list[int]:
    return [m.start() for m in _SENT_END.finditer(text)]


def _not_current(text: str, start: int) -> bool:
    """A year that says nothing about when the page was printed: a target (到2030年), the end of a
    span (2024—2026年, often a plan's), or one inside a document title (《…2025年…》)."""
    if _FUTURE_PRE.search(text, max(0, start - 4), start):
        return True
    if _RANGE_END_PRE.search(text, max(0, start - 8), start):
        return True
    o = text.rfind("《", max(0, start - 60), start)
    return o >= 0 and text.rfind("》", o, start) < 0


def _historical(text: str, start: int, end: int | None = None) -> bool:
    """A year (or date) introduced as history: 早在2008年, 历史上，2010年, 2010年曾…"""
    if _HISTORY_PRE.search(text, max(0, start - 12), start) is not None:
        return True
    return end is not None and _HISTORY_POST.match(text, end) is not None


def _in_title(text: str, start: int) -> bool:
    o = text.rfind("《", max(0, start - 60), start)
    return o >= 0 and text.rfind("》", o, start) < 0


def _title_year(text: str) -> tuple[int, str, int, int] | None:
    """A year named only in a document title (《2025年铁路暑期运输工作方案》) in a paragraph that
    speaks of 今年 within a few sentences of it: the year's own work document, so the present year.
    Targets, spans, history and titles without 今年 near them never count; the latest such year."""
    best = None
    for m in _YEAR_RE.finditer(text):
        s, e = m.start(), m.end()
        if not _in_title(text, s):
            continue
        try:
            y = _year(m.group("y"))
        except (NumeralError, ValueError):
            continue
        if not 1900 <= y <= 2199 or _historical(text, s, e) or _RANGE_END_PRE.search(text, max(0, s - 8), s):
            continue
        if text[e:e + 1] in "—-－～~至到" or text.rfind("《", 0, s) < 0:
            continue
        lo = text.rfind("\n", 0, s) + 1
        hi = text.find("\n", e)
        hi = len(text) if hi < 0 else hi
        lo, hi = max(lo, s - 150), min(hi, e + 150)
        near = [k.start() for k in re.finditer("今年", text[lo:hi])]
        if not near:
            continue
        if best is None or y > best[0]:
            best = (y, f"{m.group()} in the document title {text[text.rfind('《', 0, s):text.find('》', e) + 1]} "
                       f"with 今年 in the same paragraph: the year's own work document", s, e)
    return best


# 今年是X建成20周年 (成立, 创办 … 20周年, 二十周年): the present year is a founding year plus N, when
# the same paragraph gives the founding year as history (早在2007年, 始建于2007年, 2007年建成)
_ANNIV = re.compile(r"今年(?:是|为|适逢|正值|恰逢)[^，。；！？\n]{1,30}?"
                    r"(?:建成|成立|建立|创建|创办|创立|始建|建校|建院|建厂|开通|通车|投产|投用|落成|开馆|开园|设立|组建)"
                    rf"(?P<n>[{_D}]{{1,3}}|[一二三四五六七八九十百]{{1,4}})(?:个)?周年")
_FOUNDING_PRE = re.compile(r"(?:早在|始建于|建于|建成于|成立于|创建于|创办于|创立于|诞生于|组建于|设立于)[，,]?$")
_FOUNDING_POST = re.compile(r"[，,]?[^，。；！？\n]{0,12}?(?:建成|成立|创建|创办|创立|始建|组建|设立|落成|开通|投产)")


def _anniversary_year(text: str) -> tuple[int, str, int, int] | None:
    """今年是X建成N周年 with the founding year given as history in the same paragraph (早在Y年, 始建于Y年,
    Y年…建成): the present year is Y + N.  Only when the paragraph gives exactly one such year."""
    for m in _ANNIV.finditer(text):
        try:
            n = _num(m.group("n"))
        except (NumeralError, ValueError):
            continue
        if not 1 <= n <= 300:
            continue
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.end())
        hi = len(text) if hi < 0 else hi
        founding = set()
        for y in _YEAR_RE.finditer(text, lo, hi):
            s, e = y.start(), y.end()
            if not (_FOUNDING_PRE.search(text, max(lo, s - 6), s) or _FOUNDING_POST.match(text, e)):
                continue
            try:
                founding.add((_year(y.group("y")), s, e))
            except (NumeralError, ValueError):
                continue
        if len({f[0] for f in founding}) != 1:
            continue
        y, s, e = min(founding, key=lambda f: f[1])
        if not 1900 <= y + n <= 2199:
            continue
        return (y + n, f"the text says 今年 is an anniversary ({m.group()}) of a year it gives as history "
                       f"({text[s:e]}): {y} + {n}", m.start(), m.end())
    return None


def present_year(text: str) -> tuple[int | None, str, int | None, int | None]:
    """The year that reads as the present on a page: ``(year, how, start, end)``.

    In order:

    1. a year the text equates with 今年 (今年(2025年), 2025年(今年)), or the year after the one it
       equates with 去年 (去年(2024年) -> 2025);
    2. the latest year read as the present: in a sentence about now (今年, 目前, 截至, 正在, 当前 …),
       carrying a period of the current year (2025年一季度, 2025年前5个月, 2025年1至5月), or
       followed by the year's plan (2025年全市计划…, 2025年将…);
    3. else the latest year the text reports (a year-end figure, 截至2024年底, counts for the year
       after, when it is published; 2023年以来 for 2023).

    A year introduced as history (早在, 曾, 历史上, 始建于, 成立于, 自/从 …), a target (到2030年,
    力争, 预计), the end of a span and a year inside 《》 never count.  ``(None, …)`` when no year
    is left."""
    m = _SAME_YEAR.search(text)
    if m:
        g = next(k for k in "abc" if m.group(k))
        return int(m.group(g)), f"the text says 今年 is {m.group(g)} ({m.group()})", m.start(g), m.end(g) + 1
    m = _PLAN_YEAR.search(text)
    if m:
        yrs = _plan_years(_num(m.group("n")))
        if yrs:
            y = yrs[1] if m.group("which") == "收官" else yrs[0]
            return y, f"the text says 今年 is the {'last' if y == yrs[1] else 'first'} year of a five-year plan ({m.group()})", m.start(), m.end()
    m = _GANZHI_YEAR.search(text)
    if m:
        y = _ganzhi_year(m.group("gz"))
        return y, f"the text names the year {m.group('gz')} ({m.group()}), {y} in the cycle 1984–2043", m.start(), m.end()
    m = _LAST_YEAR.search(text)
    if m:
        g = next(k for k in "ab" if m.group(k))
        y = int(m.group(g))
        return y + 1, f"the text says 去年 is {y} ({m.group()}), so the present year is {y + 1}", m.start(g), m.end(g) + 1
    strong = weak = None
    ends, cues = None, {}
    for m in _YEAR_RE.finditer(text):
        s, e = m.start(), m.end()
        try:
            y = _year(m.group("y"))
        except (NumeralError, ValueError):
            continue
        if not 1900 <= y <= 2199 or _not_current(text, s) or _historical(text, s, e):
            continue
        post = text[e:e + 10]
        if post.startswith(("底", "末", "年底", "年末", "全年")):
            cand = (y + 1, f"{m.group()}{post[:2].rstrip('，,。')}: a year-end figure, published the year after", s, e)
            if weak is None or cand[0] > weak[0]:
                weak = cand
            continue
        if ends is None:
            ends = _sentence_ends(text)
        lo, hi = _sentence_bounds(text, s, ends)
        if lo not in cues:        # one search per sentence, however many years it holds
            cues[lo] = _PRESENT_CUE.search(text, lo, hi)
        why = None
        pm = _PRESENT_PERIOD_POST.match(post)
        if pm:
            why = f"{m.group()}{pm.group()}: a period of the current year"
        elif _PLAN_POST.match(post):
            why = f"{m.group()}{_PLAN_POST.match(post).group()}: the year's plan"
        elif cues[lo]:
            why = f"{m.group()} in a sentence about the present ({cues[lo].group()})"
        if why:
            if strong is None or y > strong[0]:
                strong = (y, why, s, e)
        elif weak is None or y > weak[0]:
            weak = (y, f"no year reads as the present; {m.group()} is the latest year the text reports", s, e)
    if strong:
        return strong
    a = _anniversary_year(text)
    if a:
        return a
    t = _title_year(text)
    if t:
        return t
    z = _zodiac_year(text)
    if z:
        return z
    t = _lunar_today(text)
    if t:
        d, s, e, sent = t
        return d.year, f"the text says what today is ({sent}): only {d.isoformat()} fits in 1984–2043", s, e
    return weak or (None, "", None, None)


_LUNAR_FESTS = "|".join(sorted(_FEST_LUNAR, key=len, reverse=True))
_FEST_DAY = re.compile(rf"(?<![{_D}])(?P<m>[{_D}]{{1,2}})月(?P<d>[{_D}]{{1,2}})日[（(]?(?:农历)?(?P<f>{_LUNAR_FESTS})"
                       rf"|(?P<f2>{_LUNAR_FESTS})[（(](?P<m2>[{_D}]{{1,2}})月(?P<d2>[{_D}]{{1,2}})日")


# the year's animal alone (马年春节, 喜迎蛇年): a festival or new-year word after it, or a greeting
# before it, so that 生猪年出栏 or 蜗牛年产 never reads as one
_ANIMAL_YEAR = re.compile(r"(?<![甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥生蜗海河天野])(?P<z>[鼠牛虎兔龙蛇马羊猴鸡狗猪])年"
                          r"(?=春节|新春|春运|正月|大年|元宵|除夕|新年|伊始|开年|首)"
                          r"|(?:农历|今年是|迎来|喜迎|欢度|迎接)(?P<z2>[鼠牛虎兔龙蛇马羊猴鸡狗猪])年")
# a lunar festival with the span of its holiday (春节假期（2月15日至23日）): the festival falls inside
_FEST_SPAN = re.compile(rf"(?P<f>{'|'.join(sorted(_FEST_LUNAR, key=len, reverse=True))})(?:假期|长假|小长假|黄金周|期间)?[（(]"
                        rf"(?P<m1>[{_D}]{{1,2}})月(?P<d1>[{_D}]{{1,2}})日\s*[至到—－~～-]\s*(?:(?P<m2>[{_D}]{{1,2}})月)?"
                        rf"(?P<d2>[{_D}]{{1,2}})日")


def _animal_year(text: str) -> str | None:
    """The animal of a year named by it alone (马年春节), unless introduced as history."""
    for m in _ANIMAL_YEAR.finditer(text):
        if not _historical(text, m.start(), m.end()) and text[max(0, m.start() - 3):m.start()] not in ("上一个", "去年的"):
            return m.group("z") or m.group("z2")
    return None


def _festival_year(text: str) -> tuple[int | None, str]:
    """A year for a page that states none as the present: a lunar festival written with its
    Gregorian day (3月3日元宵节, 中秋节(9月17日)) falls on that day in few years; the first of them
    not before the latest year the text mentions (a page reports what has already happened).  None
    when the text mentions no year at all (the festival alone repeats every 19 years or so)."""
    years = []
    for m in _YEAR_RE.finditer(text):
        try:
            years.append(_year(m.group("y")))
        except (NumeralError, ValueError):
            continue
    animal = _animal_year(text)
    if animal is not None:
        floor = max(years) if years else 1984
        fits = []
        for m in _FEST_SPAN.finditer(text):
            lm, ld = _FEST_LUNAR[m.group("f")]
            m1, d1 = int(m.group("m1")), int(m.group("d1"))
            m2, d2 = int(m.group("m2") or m1), int(m.group("d2"))
            for y in range(max(floor, 1984), max(floor, 1984) + 60):
                if _BRANCHES[(y - 1984) % 12] != _BRANCHES[_ZODIAC.index(animal)] or not (_valid(y, m1, d1) and _valid(y, m2, d2)):
                    continue
                a, b = _dt.date(y, m1, d1), _dt.date(y, m2, d2)
                if any(sd is not None and a <= sd <= b for sd in (_lunar_to_solar(ly, lm, ld) for ly in (y - 1, y))):
                    fits.append((y, m.group()))
                    break
        if fits:
            y, what = min(fits)
            return y, (f"no year reads as the present; the text names the year by its animal ({animal}年) and "
                       f"{what} holds the festival in {y}, the first {animal}年 from {max(floor, 1984)} where it does")
    if not years:
        return None, ""
    floor = max(years)
    for m in _FEST_DAY.finditer(text):
        fest = m.group("f") or m.group("f2")
        mo, d = int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
        lm, ld = _FEST_LUNAR[fest]
        for y in range(floor, floor + 40):
            if not _valid(y, mo, d):
                continue
            target = _dt.date(y, mo, d)
            if any(_lunar_to_solar(ly, lm, ld) == target for ly in (y - 1, y)):
                return y, (f"no year reads as the present; {m.group()} falls on that day in {y}, the first such "
                           f"year from {floor}, the latest year the text mentions")
    return None, ""


def _datelines(text: str) -> list[tuple[int, int, int, int]]:
    """``(month, day, start, end)`` of each wire dateline (新华社北京4月13日电, 本报乌鲁木齐5月6日电),
    at the start of a block or in brackets (…(新华社北京4月13日电))."""
    out = []
    for m in _DATELINE_RE.finditer(text):
        head = m.group("head")
        if not _WIRE_HEAD.match(head):
            continue
        mo, d = int(m.group("m")), int(m.group("d"))
        if _valid(2000, mo, d):
            out.append((mo, d, m.start("head"), m.end()))
    return out


# a statistic's date: 截至2026年12月底, 截止到2025年6月30日, 截至2024年末; it is past when the page is printed
_AS_OF_RE = re.compile(rf"(?:截至|截止|截止到|截至到)\s*(?P<y>{_Y})年(?:(?P<m>{_M})月(?:(?P<d>{_DAY})[日号]|(?P<end>底|末))?"
                       rf"|(?P<yend>底|末))")


def _as_of_floor(text: str) -> tuple[_dt.date, int, int] | None:
    """The latest date a statistic of the text is given as of (截至2026年12月底: 2026-12-31; 截至2024年6月:
    the month's last day): a page cannot report a count as of a day after it was printed."""
    best = None
    for m in _AS_OF_RE.finditer(text):
        try:
            y = _year(m.group("y"))
            if m.group("m") is None:
                d = _dt.date(y, 12, 31)
            elif m.group("d") is not None:
                d = _dt.date(y, _num(m.group("m")), _num(m.group("d")))
            else:
                mo = _num(m.group("m"))
                d = _dt.date(y + (mo == 12), mo % 12 + 1, 1) - _dt.timedelta(days=1)
        except (NumeralError, ValueError):
            continue
        if best is None or d > best[0]:
            best = (d, m.start(), m.end())
    return best


def _latest_text_date(text: str, year: int) -> tuple[_dt.date, int, int] | None:
    """The latest date of ``year`` the text gives (a full date, or a month-day without a year of
    its own), leaving out targets and plans (将于6月1日, 计划到8月底)."""
    best = None
    for rx, has_year in ((_FULL_RE, True), (_MD_RE, False)):
        for m in rx.finditer(text):
            s = m.start()
            if _FUTURE_CONTEXT.search(text, max(0, s - 4), s) or _historical(text, s):
                continue
            try:
                y = _year(m.group("y")) if has_year else year
                d = _dt.date(y, _num(m.group("m")), _num(m.group("d")))
            except (NumeralError, ValueError):
                continue
            if d.year != year:
                continue
            if best is None or d > best[0]:
                best = (d, s, m.end())
    return best


def page_date(page_or_text, *, use_given: bool = True) -> PageDate:
    """The page's date and where it comes from, by these rules in order:

    1. **given**: the caller's date (``read_page(date=)``, ``newspage extract --date``);
    2. **printed**: a masthead or folio line (``2025年7月18日 星期五``, paragraphs of kind masthead);
    3. **dateline**: no printed date: the day after the latest wire dateline (``新华社北京4月13日电``),
       as dailies print wire copy the next day; its year is the present year (:func:`present_year`);
    4. **inferred**: neither: the latest date the text gives in the present year (targets and
       history left out).

    Otherwise ``date`` is None.  Works on a Page or on a str (then segmented here);
    ``use_given=False`` skips rule 1."""
    given = getattr(page_or_text, "_given_date", None) if use_given else None
    if given is not None:
        return PageDate(given, "given", "given by the caller (read_page(date=...) or --date)")
    text = getattr(page_or_text, "text", page_or_text)
    if not isinstance(text, str):
        raise TypeError("page_date takes a Page or a str")
    from . import masthead
    if hasattr(page_or_text, "paragraphs"):
        paras = page_or_text.paragraphs
    else:
        from . import segment
        paras = segment.segment(text).paragraphs
    shadow = text.translate(T2S) if _TRAD_SEARCH(text) is not None else text
    for kind, s, e in zip(paras["kind"].tolist(), paras["start"].tolist(), paras["end"].tolist()):
        if kind != "masthead":
            continue
        s, e = int(s), int(e)
        h = masthead.parse(shadow[s:e])
        if h.date is not None:
            a, b = h.date_span
            return PageDate(_dt.date(*h.date), "printed", f"printed in the masthead line “{text[s:e]}”", s + a, s + b)
    year, how, ys, ye = present_year(shadow)
    if year is None:
        year, how = _festival_year(shadow)
    lines = _datelines(shadow)
    if lines and year is not None:
        cands = []
        for mo, d, s, e in lines:
            if _valid(year, mo, d):
                cands.append((_dt.date(year, mo, d), s, e))
        if cands:
            d, s, e = max(cands)
            floor = _as_of_floor(shadow)
            if floor is not None and d < floor[0]:
                # 新华社北京1月20日电 … 截至2026年12月底: a January dateline reporting the year just ended is
                # in the next year; the present year read from the text was the year of the statistics
                later = [(_dt.date(year + 1, mo, dd), ss, ee) for mo, dd, ss, ee in lines if _valid(year + 1, mo, dd)]
                if later and max(later)[0] >= floor[0]:
                    d, s, e = max(later)
                    how = (f"the year after {year}, since the text gives a figure as of "
                           f"“{text[floor[1]:floor[2]]}”, later than the dateline's day in {year} ({how})")
                    year += 1
            return PageDate(d + _dt.timedelta(days=1), "dateline",
                            f"the day after the latest wire dateline “{text[s:e]}” (dailies print wire copy the "
                            f"next day); year {year}: {how}", s, e)
    if year is not None:
        t = _lunar_today(shadow, year)
        if t is not None:
            d, s, e, sent = t
            return PageDate(d, "inferred", f"no masthead or dateline: the text says what today is, “{sent}”, "
                            f"which is {d.isoformat()} in the present year {year} ({how})", s, e)
        best = _latest_text_date(shadow, year)
        if best is not None:
            d, s, e = best
            return PageDate(d, "inferred", f"no masthead or dateline: the latest date of the text, “{text[s:e]}”, "
                            f"in the present year {year} ({how})", s, e)
        return PageDate(None, None, f"the present year is {year} ({how}) but the text gives no day")
    if lines:
        return PageDate(None, None, "wire datelines but no year that reads as the present")
    return PageDate(None, None, "no masthead, dateline or present-year date on the page")


def infer_page_date(page_or_text) -> _dt.date | None:
    """The page's date read from its text (a Page or a str), by the rules of :func:`page_date`
    without a given date: printed, else dateline, else inferred, else None."""
    text = getattr(page_or_text, "text", page_or_text)
    if not isinstance(text, str):
        raise TypeError("infer_page_date takes a Page or a str")
    return page_date(page_or_text, use_given=False).date


# ---------------------------------------------------------------------------
# The page table
# ---------------------------------------------------------------------------

SCHEMA = tables.Schema(
    "dates",
    [
        tables.Column("date_id", "str", "Date id: paragraph id + d + number in the paragraph (s01p07d01)"),
        tables.Column("story_id", "str", "Story the date is in"),
        tables.Column("para_id", "str", "Paragraph the date is in"),
        tables.Column("start", "int", "Start offset of surface in page.text", "characters"),
        tables.Column("end", "int", "End offset (exclusive) of surface in page.text", "characters"),
        tables.Column("surface", "str", "The date expression as printed (2025年3月, 4月底, “十四五”期间, 近日)"),
        tables.Column("iso", "str", "ISO date at the stated granularity: YYYY-MM-DD, YYYY-MM or YYYY; "
                      "the start of a period; empty when it cannot be resolved (近日, or no page date)"),
        tables.Column("iso_end", "str", "End of a period (2021–2025 for “十四五”); empty otherwise"),
        tables.Column("granularity", "str", "day, month, year or period"),
        tables.Column("qualifier", "str", "exact; start (初), end (底, 末), early/mid/late (上旬/中旬/下旬); "
                      "since (自…以来), until (截至…); vague (近日, 日前, 目前 …)"),
        tables.Column("relative", "bool", "True when resolving it needed the page date (今年6月, 4月2日, 未来三年)"),
    ],
    sort=["start", "end"],
    description="Every date expression on the page, resolved against the page date "
                "(`read_page(..., date=)` or inferred by `dates.infer_page_date`).",
)
COLUMNS = SCHEMA.names


# the title of a year's statistical bulletin (某市2024年国民经济和社会发展统计公报（摘要）): the whole title
_BULLETIN_TITLE = re.compile(rf"^[\u4e00-\u9fff]{{0,20}}?(?P<y>[{_D}]{{4}})年[\u4e00-\u9fff]{{0,20}}统计公报(?:[(（]摘要[)）])?$")


_NOW_WORD = re.compile(r"今年|明年|去年|今天|昨天|目前|当前|眼下")


def _bulletin_refs(page, ref: _dt.date | None) -> dict:
    """``{story_id: date}`` for stories that are a year's statistical bulletin (kicker, headline or
    subheadline is its title, 某市2024年…统计公报): their 上年, 年末, 全年, 前三季度 and month-days speak
    of that year, not of the year the page is printed in, so they are read as of its last day (but a
    paragraph that says 今年, 去年, 目前 … speaks of the present: see :func:`extract`)."""
    out = {}
    stories = getattr(page, "stories", None)
    if stories is None or not len(stories):
        return out
    for sid, *titles in zip(*(stories[c].tolist() for c in ("story_id", "kicker", "headline", "subheadline"))):
        for t in titles:
            m = _BULLETIN_TITLE.match(str(t).strip().lstrip("—－-").strip()) if isinstance(t, str) else None
            if m is None:
                continue
            try:
                y = _year(m.group("y"))
            except (NumeralError, ValueError):
                continue
            if 1900 <= y and (ref is None or y < ref.year):
                out[sid] = _dt.date(y, 12, 31)
            break
    return out


def extract(page) -> pd.DataFrame:
    """The ``dates`` table of a page (without page_id).  Dates are resolved against the page date,
    except in a story that is a year's statistical bulletin (:func:`_bulletin_refs`)."""
    from .tables import frame
    return frame(columns(page))


def columns(page) -> dict[str, list]:
    """The ``dates`` table of a page as column lists (without page_id)."""
    ref = page.date
    rows = []
    paras = page.paragraphs
    refs = _bulletin_refs(page, ref)
    for story_id, para_id, pstart, ptext in zip(paras["story_id"].tolist(), paras["para_id"].tolist(),
                                                paras["start"].tolist(), paras["text"].tolist()):
        pstart = int(pstart)
        pref = refs.get(story_id, ref)
        if pref is not ref and _NOW_WORD.search(str(ptext)):
            pref = ref            # a bulletin's paragraph on 今年's plans speaks of the year it is printed in
        for n, d in enumerate(find_dates(str(ptext), pref), start=1):
            rows.append((
                f"{para_id}d{n:02d}", story_id, para_id, d.start + pstart, d.end + pstart, d.surface,
                d.iso, d.iso_end, d.granularity, d.qualifier, d.relative,
            ))
    return tables.columns_of(rows, COLUMNS)
