"""The page's own metadata: masthead and folio lines, and the ``pages`` table.

A page of a daily opens (or closes) with lines that belong to the page, not to a story: the
paper's name, the date with its day of the week, the page number and the section
(``清溪日报`` / ``2025年7月18日 星期五`` / ``第2版 要闻``, or all on one line:
``江城日报 2025年5月13日 星期二 第4版 经济``).  They are recognised by their form:

* a short line without sentence punctuation made only of masthead parts (a full date, a day of
  the week, a lunar date, a page mark ``第N版`` / ``N版`` / ``A03版``, a paper's name ending in
  日报, 晚报, 报, 新闻网 …, and at most one short word, the section), holding at least one
  strong part (a full date, a day of the week or a page mark);
* a line that is only a paper's name (``清溪日报``) next to such a line.

:func:`is_masthead_line` is what ``segment`` uses to give these lines the paragraph kind
``masthead`` (never a story's kicker or headline); :func:`parse` reads paper, date, page number
and section out of them.  The ``pages`` table (:data:`SCHEMA`, :func:`extract`) has one row per
page; its date comes from :func:`newspage.dates.page_date`, the one place the page-date rules live
(``page.date`` uses it too).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import tables

_SEP = r"[\s|｜/·•、,，:：\-—]*"
_CN4 = "〇零一二三四五六七八九"
_CNN = "一二三四五六七八九十"
FULL_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN4}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CNN}]{{1,2}})\s*月\s*(?P<d>\d{{1,2}}|[{_CNN}]{{1,3}})\s*日")
WEEKDAY = re.compile(r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|(?<![\u4e00-\u9fff])周[一二三四五六日](?![\u4e00-\u9fff])")
_GANZHI = "[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
_LUNAR_MD = ("(?:闰?(?:正|冬|腊|十[一二]?|[一二三四五六七八九])月)?"
             "(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|卅)?")
LUNAR = re.compile(rf"农历(?:{_GANZHI})?{_LUNAR_MD}|{_GANZHI}{_LUNAR_MD}")
PAGE_MARK = re.compile(
    rf"第\s*(?:[A-Za-z]\s*)?(?P<n1>\d{{1,3}}|[{_CNN}百]{{1,4}})\s*版|(?<![\d\u4e00-\u9fff])(?P<lt>[A-Za-z])?\s*(?P<n2>\d{{1,3}})\s*版"
    r"|(?<![\w])(?P<lt3>[A-Z])(?P<n3>\d{1,3})(?![\w])|(?:今日|本期)\s*\d{1,3}\s*版")
PAPER = re.compile(
    r"^(?![\u4e00-\u9fff]*(?:公报|简报|通报|汇报|情报|预报|海报|喜报|捷报|年报|季报)$)"  # 统计公报 is a section, no paper
    r"^(?P<p>[\u4e00-\u9fff]{1,12}?(?:日报|日報|晚报|晚報|早报|早報|时报|時報|商报|商報|都市报|都市報|青年报|青年報|"
    r"法治报|法制报|农民报|农民報|周报|周報|导报|導報|新闻网|新聞網|新闻|新聞|融媒|报|報))$")
EDITION = re.compile(r"^(?:今日\d{1,3}版|本版|要闻版|头版)$")
STAFF = re.compile(r"(?:责任编辑|责编|值班编辑|美术编辑|美编|编辑|校对|版式设计|版式|组版|制图|审核|审校|监制|策划|统筹)\s*[:：]\s*"
                   r"[\u4e00-\u9fff·]{2,10}")
_SENT_PUNCT = re.compile(r"[。！？；!?;，]")


@dataclass
class Masthead:
    """What one masthead or folio line says (``None`` where it says nothing)."""
    paper: str | None = None
    date: tuple[int, int, int] | None = None
    date_span: tuple[int, int] | None = None     # offsets of the date within the line
    page_number: int | None = None
    section: str | None = None


def _year(s: str) -> int:
    """A year written in digits or digit by digit in Chinese (二〇二五)."""
    return int(s) if s.isdigit() else int("".join(str(_CN_DIGIT[c]) for c in s))


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _cn_int(s: str) -> int:
    from .numerals import parse_number
    return int(parse_number(s))


def _parts(line: str) -> tuple[list[tuple[str, re.Match]], str]:
    """The masthead parts of ``line`` in order, and what is left when they are cut out."""
    found: list[tuple[str, re.Match]] = []
    rest = list(line)
    for kind, rx in (("staff", STAFF), ("date", FULL_DATE), ("weekday", WEEKDAY), ("lunar", LUNAR), ("page", PAGE_MARK)):
        for m in rx.finditer(line):
            if any(rest[k] is None for k in range(m.start(), m.end())):
                continue
            found.append((kind, m))
            for k in range(m.start(), m.end()):
                rest[k] = None
    left = "".join(c if c is not None else " " for c in rest)
    return sorted(found, key=lambda x: x[1].start()), left


def _words(left: str) -> list[str]:
    """The words left on a masthead line (· stays inside a section name: 生态·城建)."""
    return [w.strip("·•") for w in re.split(r"[\s|｜/、,，:：\-—【】\[\]()（）]+", left) if w.strip("·•")]


SPONSOR = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:出品|主办|主管|编辑出版|出版)$")
# a section label printed alone at the top of a page: two short parts joined by · (交通·文旅)
SECTION_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}·[\u4e00-\u9fff]{2,4}$")


def is_masthead_line(line: str) -> bool:
    """A line made only of masthead parts, at least one of them strong (a date, a weekday, a page mark)."""
    line = line.strip()
    if not line or len(line) > 60 or _SENT_PUNCT.search(line):
        return False
    found, left = _parts(line)
    kinds = {k for k, _ in found}
    if not kinds & {"date", "weekday", "page"}:
        return False
    if kinds == {"page"} and not any(m.group("n1") or m.group("n2") for _, m in found):
        return False          # a bare A3 is a mark only beside other masthead parts
    words = _words(left)
    papers = [w for w in words if PAPER.match(w)]
    others = [w for w in words if not PAPER.match(w) and not EDITION.match(w)]
    if len(others) > 2 or any(len(w) > 8 for w in others):
        return False
    if others and not (kinds & {"page"} or papers):
        return False          # 3月8日 + a word: a headline with a date, unless a page mark or a paper says otherwise
    if any(re.search(r"\d", w) for w in others):
        return False
    return True


def is_paper_line(line: str) -> bool:
    """A line that is only a paper's name (清溪日报) or its sponsor (某县融媒体中心出品); a masthead line
    only beside another one."""
    line = line.strip()
    return (bool(PAPER.match(line)) and len(line) <= 14) or bool(SPONSOR.match(line))


def is_section_line(line: str) -> bool:
    """A section label printed alone (交通·文旅): two short parts joined by ·."""
    return bool(SECTION_LINE.match(line.strip()))


def parse(line: str) -> Masthead:
    """Paper, date, page number and section of one masthead or folio line."""
    out = Masthead()
    if SPONSOR.match(line.strip()):
        return out
    found, left = _parts(line)
    for kind, m in found:
        if kind == "date" and out.date is None:
            try:
                y = _year(m.group("y"))
                mo, d = _cn_int(m.group("m")), _cn_int(m.group("d"))
                _dt.date(y, mo, d)
                out.date, out.date_span = (y, mo, d), (m.start(), m.end())
            except (ValueError, ArithmeticError):
                pass
        elif kind == "page" and out.page_number is None:
            n = m.group("n1") or m.group("n2") or m.group("n3")
            if n:
                try:
                    out.page_number = _cn_int(n)
                except (ValueError, ArithmeticError):
                    pass
    for w in _words(left):
        if PAPER.match(w) and out.paper is None:
            out.paper = w
        elif not EDITION.match(w) and out.section is None and not re.search(r"\d", w):
            out.section = w
    return out


# ---------------------------------------------------------------------------
# The pages table
# ---------------------------------------------------------------------------

SCHEMA = tables.Schema(
    "pages",
    [
        tables.Column("source", "str", "The page's file name (without folders); 'text' for a page given as a string"),
        tables.Column("sha256", "str", "SHA-256 of the file's raw bytes (of the UTF-8 text for a page given as a string)"),
        tables.Column("paper", "str", "The paper's name as printed in the masthead or folio (清溪日报); empty when not printed"),
        tables.Column("date", "str", "The page's publication date, YYYY-MM-DD; empty when nothing on the page tells it"),
        tables.Column("date_source", "str", "Where the date comes from: given (read_page(date=) or --date), printed "
                      "(a masthead or folio line), dateline (no printed date: the day after the latest wire dateline, "
                      "X月X日电, as dailies print wire copy the next day) or inferred (neither: the latest date of the "
                      "text in the year that reads as the present); empty when there is no date"),
        tables.Column("date_rule", "str", "The rule that gave the date, in words, with the text it was read from"),
        tables.Column("date_start", "int", "Offset in page.text of the expression the date was read from "
                      "(the masthead date, the latest dateline, the latest date of the text); empty for given", "characters"),
        tables.Column("date_end", "int", "Offset just past that expression", "characters"),
        tables.Column("page_number", "int", "The page (版) number when printed (第2版 -> 2, A03版 -> 3)"),
        tables.Column("section", "str", "The section printed in the masthead or folio (要闻, 经济); empty when not printed"),
        tables.Column("n_chars", "int", "Characters of the page's normalised text (len(page.text))", "characters"),
        tables.Column("n_stories", "int", "Number of stories (rows of the stories table)"),
    ],
    sort=[],
    description="One row per page: where it came from (file name, SHA-256), what its masthead and folio lines "
                "print (paper, page number, section), its date with where the date came from and the rule "
                "that gave it, and its size. Masthead and folio lines are paragraphs of kind masthead, no "
                "story's kicker.",
)
SCHEMAS = [SCHEMA]


def mastheads(page) -> list[tuple[int, int, Masthead]]:
    """``(start, end, parsed)`` of every masthead paragraph of ``page`` in page order."""
    paras = page.paragraphs
    out = []
    for kind, s, e, text in zip(paras["kind"].tolist(), paras["start"].tolist(), paras["end"].tolist(),
                                paras["text"].tolist()):
        if kind == "masthead":
            out.append((int(s), int(e), parse(_shadow(str(text)))))
    return out


def _shadow(text: str) -> str:
    from .hanzi import simplified
    return simplified(text)


def extract(page) -> pd.DataFrame:
    """The ``pages`` table of ``page`` (one row, without page_id)."""
    return tables.frame(columns(page))


def columns(page) -> dict[str, list]:
    """The ``pages`` table of ``page`` as column lists (one row, without page_id)."""
    from . import dates

    heads = mastheads(page)
    paper = next((page.text[s:e][_find(page.text[s:e], h.paper)] for s, e, h in heads if h.paper), None)
    number = next((h.page_number for _, _, h in heads if h.page_number is not None), None)
    section = next((h.section for _, _, h in heads if h.section), None)
    if section is not None:
        section = next(page.text[s:e][_find(page.text[s:e], h.section)] for s, e, h in heads if h.section)
    pd_ = getattr(page, "page_date", None)      # a Page keeps it (its date is read from it too)
    if pd_ is None:
        pd_ = dates.page_date(page)
    source = page.source if page.encoding == "str" else Path(page.source).name
    row = {
        "source": source, "sha256": page.sha256, "paper": paper,
        "date": pd_.date.isoformat() if pd_.date else None,
        "date_source": pd_.source, "date_rule": pd_.rule,
        "date_start": pd_.start, "date_end": pd_.end,
        "page_number": number, "section": section,
        "n_chars": len(page.text), "n_stories": len(page.stories),
    }
    return {k: [row[k]] for k in SCHEMA.names}


def _find(text: str, word_in_shadow: str) -> slice:
    """The slice of ``text`` (as printed) where ``word_in_shadow`` (read on its shadow) stands."""
    i = _shadow(text).find(word_in_shadow)
    return slice(i, i + len(word_in_shadow)) if i >= 0 else slice(0, 0)
