"""Segmenting a normalised page into stories, paragraphs (blocks) and sentences.

A page is a sequence of blocks (one per paragraph of ``page.text``).  Each block is classified
by its form, never by its words:

* ``marker``: a continuation mark, ``(上接01版)`` / ``(下转02版)``;
* ``byline``: a credit line, ``□本报记者 刘某 通讯员 李某``, ``本报记者 张某 报道``, a photo
  credit ``□本报记者 何某摄``;
* ``subheadline``: a line opening with a dash, ``——…``;
* ``heading``: a list heading inside a story, ``六、…`` / ``(十八)…`` when short;
* ``title``: a short line without sentence punctuation (resolved later into kicker, headline
  or subheadline);
* ``body``: running text.

A run of title, subheadline and byline blocks opens a story; body blocks fill it.  Within the
opening run, a title line directly above a ``——`` subheadline is the headline, and so is, without
one, the first title line of eight characters or more; shorter lines before it are kickers
(section labels, a place overline), the next title line is the subheadline, and later ones are
kickers too (campaign labels printed under a headline).  Lead-ins inside the first body block
(``本报讯 通讯员…报道：``, ``据…报道``, ``新华社北京4月13日电``) and a closing dateline
(``(新华社北京4月13日电)``) give the byline and the source.

Forms met on other pages are handled the same way, by form:

* ``本报北京4月16日电（记者 …）`` / ``本报乌鲁木齐讯（…）``: the paper's own dateline lead-in;
* a continuation mark printed inside a paragraph, ``…提高到60%以上。（下转2版）`` or
  ``（上接1版）…`` at its start;
* masthead and folio lines (``清溪日报``, ``2025年7月18日 星期五``, ``第2版 要闻``) are blocks of kind
  ``masthead`` (:mod:`newspage.masthead`), held by the story they stand in but never its kicker
  or headline; they fill the ``pages`` table;
* a paragraph ending with a photo credit in brackets, ``…（记者 黄磊 摄）``, is a photo caption:
  its own photo story when it follows an article's body, a caption block inside it otherwise;
* page credits (``责任编辑：… 版式：…``) are ``credit`` blocks, not stories;
* a short line after a paragraph that stops at a comma continues that paragraph (text copied
  from a PDF with hard line breaks), it does not open a story;
* names spaced out to two characters' width (``黄　磊``) are one name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .masthead import is_masthead_line, is_paper_line, is_section_line
from .numerals import T2S
from . import tables
from .tables import Column, Schema

# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------

STORIES = Schema("stories", [
    Column("story_id", "str", "Story identifier, s01, s02, … in page order"),
    Column("order", "int", "Position of the story on the page, from 1"),
    Column("kind", "str", "article, photo (a captioned photo) or continuation (continued from another page)"),
    Column("kicker", "str", "Section or column labels printed with the headline, joined by ' | '"),
    Column("headline", "str", "Main headline (empty when the page does not print one, e.g. a continuation)"),
    Column("subheadline", "str", "Subheadline (a line opening with —— or the line under the headline), ' | ' joined"),
    Column("byline", "str", "The credit as printed: □本报记者 …, 本报讯 通讯员…报道, 据…报道, photo credit"),
    Column("source", "str", "Who published it: 本报 for the paper's own staff, else the agency or paper (新华社, 新疆日报)"),
    Column("dateline", "str", "Place and date of a wire dateline, e.g. 北京4月13日"),
    Column("reporters", "str", "Credited people as role:name, ';' separated (see the credits table)"),
    Column("continued_from", "str", "Page the story is continued from, e.g. 01版 for (上接01版)"),
    Column("continued_to", "str", "Page the story continues on, e.g. 02版 for (下转02版)"),
    Column("start", "int", "Offset of the story's first block in the page text", "characters"),
    Column("end", "int", "Offset just past the story's last block", "characters"),
    Column("n_paragraphs", "int", "Number of body paragraphs (kinds body, heading, caption)"),
    Column("n_chars", "int", "Characters of body text (kinds body, heading, caption)", "characters"),
], sort=["order"], description="One row per story (article, photo caption or continued article) of the page.")

PARAGRAPHS = Schema("paragraphs", [
    Column("story_id", "str", "Story the block belongs to"),
    Column("para_id", "str", "Block identifier: story id + p + position in the story (s01p03)"),
    Column("kind", "str", "kicker, headline, subheadline, byline, marker, heading, body, caption, source, credit (a page credit line: 责任编辑：…) "
           "or masthead (the page's masthead or folio line: paper, date, 星期, 第N版, section; see the pages table)"),
    Column("start", "int", "Offset of the block in the page text", "characters"),
    Column("end", "int", "Offset just past the block", "characters"),
    Column("text", "str", "The block's text, page.text[start:end]; paragraphs broken by a column or page break are rejoined"),
], sort=["start"], description="One row per block of text: header lines and body paragraphs, with what each is.")

SENTENCES = Schema("sentences", [
    Column("story_id", "str", "Story of the sentence"),
    Column("para_id", "str", "Block of the sentence"),
    Column("sent_id", "str", "Sentence identifier: para id + s + position (s01p03s02)"),
    Column("start", "int", "Offset of the sentence in the page text", "characters"),
    Column("end", "int", "Offset just past the sentence", "characters"),
    Column("text", "str", "The sentence, ending with its 。！？ and any closing quote or bracket"),
], sort=["start"], description="One row per sentence; a header line is one sentence.")

CREDITS = Schema("credits", [
    Column("story_id", "str", "Story credited"),
    Column("name", "str", "Person's name as printed"),
    Column("role", "str", "记者, 通讯员, 特约记者, 实习生, 摄影 (photo credit), 编辑 …"),
    Column("start", "int", "Offset of the name in the page text", "characters"),
    Column("end", "int", "Offset just past the name", "characters"),
    Column("surface", "str", "page.text[start:end]"),
], sort=["start"], description="One row per person credited in a byline or photo credit.")

SCHEMAS = [STORIES, PARAGRAPHS, SENTENCES, CREDITS]

# ---------------------------------------------------------------------------
# Block classification
# ---------------------------------------------------------------------------

_NUM = r"[0-9一二三四五六七八九十〇零百]"
_MARKER = re.compile(rf"^[(（]\s*(?P<dir>上接|下转|转自|接上|紧接|转第|接第|转)\s*(?:第|本报)?\s*(?P<page>{_NUM}{{1,3}})\s*版\s*[)）]$")
_ROLE = r"(?:本报|新华社|中新社)?(?:首席)?(?:特约记者|实习记者|见习记者|实习生|通讯员|记者|摄影记者|摄影|评论员|编辑|撰稿|文/图|文／图|图/文|图／文|文|图)"
_BYLINE_LINE = re.compile(rf"^[□■●◆▲◇]?\s*[(（]?\s*{_ROLE}[\s:：]*[\u4e00-\u9fff·]")
_PHOTO_CREDIT = re.compile(r"(?:摄影?|供图|/摄)\s*[)）]?$")
_SUBHEAD = re.compile(r"^[—─-]{1,2}\s*\S")
_LIST_HEAD = re.compile(rf"^(?:{_NUM}+、|[(（]{_NUM}+[)）]|\d{{1,2}}[.．、](?!\d))")
_SENT_PUNCT = re.compile(r"[。！？；!?;]")
_CLAUSE_PUNCT = re.compile(r"[，,]")

# lead-ins at the start of a story's first body block
_LEAD_BENBAO = re.compile(
    rf"^(?:本报讯|【本报讯】|\[本报讯\])\s*(?:[(（](?P<paren>[^)）]{{1,40}})[)）]|(?P<plain>{_ROLE}[^：:。，,]{{1,40}}?报道)(?=[：:\s])|(?P<bare>{_ROLE}[^：:。，,]{{1,30}}?)(?=[：:]))?\s*[：:]?")
_LEAD_JU = re.compile(r"^据(?P<src>[\u4e00-\u9fffA-Za-z·]{2,16}?)(?:客户端|网站|微信公众号)?(?:报道|消息)[，,\s]?")
_WIRE = r"(?P<src>新华社|中新社|中国新闻社|人民日报|央视新闻|中央广播电视总台|天山网|新疆日报)"
_LEAD_WIRE = re.compile(rf"^{_WIRE}(?P<place>[\u4e00-\u9fff]{{2,8}}?)?(?P<date>\d{{1,2}}月\d{{1,2}}日)电\s*(?:[(（](?P<paren>[^)）]*)[)）])?\s*")
_TAIL_WIRE = re.compile(rf"[(（]\s*{_WIRE}(?P<place>[\u4e00-\u9fff]{{2,8}}?)?(?P<date>\d{{1,2}}月\d{{1,2}}日)?电\s*[)）]\s*$")
_TAIL_SOURCE = re.compile(r"[(（]\s*(?:来源|稿件来源|转自|据)[：:]?\s*(?P<src>[^)）]{2,20})[)）]\s*$")
_SOURCE_LINE = re.compile(r"^(?:来源|稿件来源|转自)[：:]\s*(?P<src>\S.{0,30})$")
_LEAD_BENBAO_DL = re.compile(
    r"^本报(?P<place>[\u4e00-\u9fff]{2,8}?)?(?P<date>\d{1,2}月\d{1,2}日)?(?:电|讯)\s*"
    r"(?:[(（](?P<paren>[^)）]{1,40})[)）])?\s*")
_INLINE_TO = re.compile(rf"\s*[(（]\s*(?:下转|转第|转)\s*(?:第|本报)?\s*(?P<page>{_NUM}{{1,3}})\s*版\s*[)）]\s*$")
_INLINE_FROM = re.compile(rf"^[(（]\s*(?:上接|接上|紧接|接第)\s*(?:第|本报)?\s*(?P<page>{_NUM}{{1,3}})\s*版\s*[)）]")
_MASTHEAD = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日|星期[一二三四五六日天]"
                       r"|第\s*[0-9一二三四五六七八九十]+\s*版|^[0-9]{1,2}\s*版")
_INLINE_PHOTO = re.compile(
    r"[(（]\s*(?P<credit>(?:本报|新华社|中新社)?(?:特约|首席)?(?:摄影记者|记者|通讯员|摄影)?\s*"
    r"[\u4e00-\u9fff·]{1,10}(?:[\s、，,][\u4e00-\u9fff·]{1,10}){0,4}\s*(?:摄|供图))\s*[)）]$")
_PAGE_CREDIT = re.compile(
    r"^(?:责任编辑|责编|值班编辑|美术编辑|美编|编辑|校对|版式设计|版式|组版|制图|审核|审校|一审|二审|三审|终审|策划|统筹)\s*[:：]")

_CREDIT_TOKEN = re.compile(
    rf"(?P<role>{_ROLE})[\s:：]*|(?P<spaced>[\u4e00-\u9fff] [\u4e00-\u9fff](?![\u4e00-\u9fff·]))|(?P<name>[\u4e00-\u9fff]{{1,6}}?(?=报道|摄|供图|整理|·|[^\u4e00-\u9fff]|$)(?:·[\u4e00-\u9fff]{{1,8}})*|[\u4e00-\u9fff]{{1,6}})|(?P<sep>[\s、，,/□■]+)|(?P<other>.)")
_NOT_NAME_TAIL = ("报道", "摄", "供图", "整理")


def classify(text: str) -> str:
    """The form of one block: marker, credit, masthead, byline, subheadline, heading, title, source or body."""
    if _MARKER.match(text):
        return "marker"
    short = len(text) <= 40
    if short and _PAGE_CREDIT.match(text) and not _SENT_PUNCT.search(text):
        return "credit"
    if short and is_masthead_line(text):
        return "masthead"
    if short and _SOURCE_LINE.match(text):
        return "source"
    if short and _TAIL_WIRE.fullmatch(text.strip()):
        return "source"
    if short and _BYLINE_LINE.match(text) and not _SENT_PUNCT.search(text) and "，" not in text:
        return "byline"
    if short and text[0] in "□■" and _PHOTO_CREDIT.search(text):
        return "byline"
    if text.startswith(("本报讯", "【本报讯】", "[本报讯]")) or _LEAD_JU.match(text) or _LEAD_WIRE.match(text):
        return "body"
    if _SUBHEAD.match(text) and len(text) <= 60 and not _SENT_PUNCT.search(text):
        return "subheadline"
    if _LIST_HEAD.match(text) and len(text) <= 30 and not _SENT_PUNCT.search(text):
        return "heading"
    if short and not _SENT_PUNCT.search(text) and len(_CLAUSE_PUNCT.findall(text)) <= 1 \
            and text[-1] not in "，、：:":
        return "title"
    return "body"


def parse_credits(text: str, offset: int = 0, photo: bool | None = None) -> list[tuple[str, str, int, int]]:
    """People credited in a byline: ``[(name, role, start, end)]`` with page offsets."""
    out: list[tuple[str, str, int, int]] = []
    role = None
    if photo is None:
        photo = bool(_PHOTO_CREDIT.search(text))
    for m in _CREDIT_TOKEN.finditer(text):
        if m.group("role"):
            r = m.group("role")
            r = re.sub(r"^(?:本报|新华社|中新社)", "", r).replace("首席", "")
            role = {"文/图": "记者", "文／图": "记者", "图/文": "记者", "图／文": "记者", "文": "记者",
                    "图": "摄影", "摄影记者": "摄影"}.get(r, r)
        elif m.group("spaced") and role:
            # a two-character name spaced out to fill three (黄　磊)
            sp = m.group("spaced")
            out.append((sp[0] + sp[2], "摄影" if photo and role == "记者" else role,
                        offset + m.start("spaced"), offset + m.end("spaced")))
        elif m.group("name") and role:
            name, s = m.group("name"), m.start("name")
            for tail in _NOT_NAME_TAIL:
                if name.endswith(tail) and len(name) > len(tail):
                    name = name[: -len(tail)]
                    break
            if name in ("报道", "摄", "供图") or len(name) < 2:
                continue
            if len(name) >= 5 and "·" not in name:
                # a name run on into the place it reports from (记者王某某成都报道): names are 2-3 characters
                name = name[:3]
            r = "摄影" if photo and role == "记者" else role
            out.append((name, r, offset + s, offset + s + len(name)))
        elif m.group("other") and m.group("other") in "：:。":
            break
    return out


# ---------------------------------------------------------------------------
# Segmentation
# ---------------------------------------------------------------------------

@dataclass
class _Story:
    blocks: list = field(default_factory=list)     # [kind, start, end]
    titles: list = field(default_factory=list)     # indices into blocks
    byline: str = ""
    byline_span: tuple | None = None
    source: str = ""
    dateline: str = ""
    credits: list = field(default_factory=list)
    continued_from: str = ""
    continued_to: str = ""
    photo: bool = False
    has_body: bool = False
    closed: bool = False            # a (下转…) mark ends the story on this page


class Segments:
    """The four tables of a page's segmentation.  ``columns[name]`` holds each as Python lists
    (name -> values, what :func:`newspage.tables.conform` takes); the attributes ``stories``,
    ``paragraphs``, ``sentences`` and ``credits`` are the DataFrames of those lists, built on first
    use."""

    def __init__(self, columns: dict[str, dict[str, list]]):
        self.columns = columns
        self._frames: dict[str, pd.DataFrame] = {}

    def _frame(self, name: str) -> pd.DataFrame:
        df = self._frames.get(name)
        if df is None:
            df = self._frames[name] = tables.frame(self.columns[name])
        return df

    stories = property(lambda self: self._frame("stories"))
    paragraphs = property(lambda self: self._frame("paragraphs"))
    sentences = property(lambda self: self._frame("sentences"))
    credits = property(lambda self: self._frame("credits"))


_BLOCK = re.compile(r"[^\n]+")


_TRAD_SEARCH = re.compile("[" + "".join(map(chr, T2S)) + "]").search


def segment(text: str) -> Segments:
    """Split normalised page text into stories, blocks, sentences and credits.

    A page in traditional characters (本報訊, 記者) is read through its simplified shadow, which has
    the same length; every string in the tables is taken from ``text`` as printed."""
    orig = text
    if _TRAD_SEARCH(text) is not None:
        text = text.translate(T2S)
    stories: list[_Story] = []
    cur: _Story | None = None

    def new_story() -> _Story:
        nonlocal cur
        cur = _Story()
        stories.append(cur)
        return cur

    blocks = [(m.start(), m.end(), m.group()) for m in _BLOCK.finditer(text)]
    forms = [classify(t) for _, _, t in blocks]
    # a line that is only a paper's name (清溪日报) belongs to the masthead beside it
    for _ in range(2):      # twice: 塬上新闻 / 某县融媒体中心出品 / 第4版 乡村振兴
        for k, (_, _, t) in enumerate(blocks):
            if forms[k] == "title" and is_paper_line(t) and (
                    (k > 0 and forms[k - 1] == "masthead") or (k + 1 < len(forms) and forms[k + 1] == "masthead")):
                forms[k] = "masthead"
    # a section label alone at the top of the page (交通·文旅) above a headline
    if len(blocks) > 1 and forms[0] in ("title", "byline") and forms[1] == "title" and is_section_line(blocks[0][2]):
        forms[0] = "masthead"
    prev_body_open = False     # the last block was body text stopping at a comma
    for (s, e, t), form in zip(blocks, forms):
        if form == "title" and prev_body_open and cur is not None and not cur.closed:
            form = "body"       # a hard line break inside a paragraph, not a headline
        prev_body_open = form == "body" and t[-1] in "，、；：（“《,"
        if form in ("credit", "masthead"):
            # page lines: the story they stand in (or the first one) holds them, never as a kicker
            st = cur or new_story()
            st.blocks.append([form, s, e])
            continue
        if form == "body" and _INLINE_FROM.match(t) and (cur is None or cur.has_body or cur.closed):
            st = new_story()
            st.continued_from = _INLINE_FROM.match(t).group("page") + "版"
        if form == "marker":
            mm = _MARKER.match(t)
            if mm.group("dir") in ("上接", "接上", "紧接", "接第"):
                st = new_story()
                st.continued_from = mm.group("page") + "版"
            else:
                st = cur or new_story()
                st.continued_to = mm.group("page") + "版"
                st.closed = True
            st.blocks.append(["marker", s, e])
            continue
        if form == "byline" and cur is not None and cur.has_body:
            # a credit after the body: the photo credit of a caption, or a closing credit
            cur.blocks.append(["byline", s, e])
            _set_byline(cur, t, s)
            if _PHOTO_CREDIT.search(t):
                cur.photo = True
            continue
        if form == "source" and cur is not None:
            cur.blocks.append(["source", s, e])
            _set_source_line(cur, t)
            continue
        if form in ("title", "subheadline", "byline", "source"):
            if cur is None or cur.has_body or cur.closed:
                new_story()
            cur.blocks.append([form, s, e])
            if form == "byline":
                _set_byline(cur, t, s)
            elif form == "source":
                _set_source_line(cur, t)
            continue
        # body or heading
        if cur is None or cur.closed:
            new_story()
        first_body = not cur.has_body
        cur.has_body = True
        cur.blocks.append([form, s, e])
        if first_body and form == "body":
            _lead_in(cur, t, s)
        if form == "body":
            _tail_source(cur, t)
            mt = _INLINE_TO.search(t)
            if mt:
                cur.continued_to = mt.group("page") + "版"
                cur.closed = True
            mp = _INLINE_PHOTO.search(t)
            if mp:
                _inline_photo(stories, cur, mp, s)
                cur = stories[-1]

    return _tables(orig, stories, text if text is not orig else None)


def _credit_source(credit: str) -> str:
    m = re.search(r"新华社|中新社", credit)
    if m:
        return m.group(0)
    return "本报" if re.search(r"本报|记者|通讯员", credit) else ""


def _inline_photo(stories: list[_Story], st: _Story, mp: re.Match, s: int) -> None:
    """A paragraph closing with ``（记者 某某 摄）`` is a photo caption."""
    block = st.blocks[-1]
    credit = mp.group(0)
    credits = parse_credits(mp.group("credit"), s + mp.start("credit"), photo=True)
    body_blocks = [b for b in st.blocks if b[0] in ("body", "heading")]
    if len(body_blocks) > 1 and not st.closed:
        # after an article's body: its own photo item
        st.blocks.pop()
        ph = _Story(photo=True, has_body=True, closed=True)
        ph.blocks.append(block)
        ph.byline, ph.source, ph.credits = credit, _credit_source(credit), credits
        stories.append(ph)
    elif len(body_blocks) == 1:
        st.photo = True
        st.byline = (st.byline + " | " if st.byline else "") + credit
        st.credits += credits
        st.source = st.source or _credit_source(credit)
    else:
        block[0] = "caption"
        st.credits += credits


def _set_byline(st: _Story, t: str, s: int) -> None:
    photo = bool(_PHOTO_CREDIT.search(t))
    st.byline = (st.byline + " | " if st.byline else "") + t
    st.credits += parse_credits(t, s, photo)
    if not st.source:
        st.source = _credit_source(t)


def _set_source_line(st: _Story, t: str) -> None:
    m = _TAIL_WIRE.search(t) or _SOURCE_LINE.match(t)
    if m:
        st.source = m.group("src").strip()
        if "place" in m.groupdict() and (m.group("place") or m.group("date")):
            st.dateline = (m.group("place") or "") + (m.group("date") or "")


def _lead_in(st: _Story, t: str, s: int) -> None:
    m = _LEAD_BENBAO_DL.match(t)
    if m and (m.group("place") or m.group("date")):
        st.byline = (st.byline + " | " if st.byline else "") + t[: m.end()].rstrip()
        st.source = "本报"
        st.dateline = (m.group("place") or "") + (m.group("date") or "")
        if m.group("paren"):
            st.credits += parse_credits(m.group("paren"), s + m.start("paren"))
        return
    m = _LEAD_BENBAO.match(t)
    if m:
        lead = t[: m.end()].rstrip("：: ")
        st.byline = (st.byline + " | " if st.byline else "") + lead
        st.source = "本报"
        k = 5 if lead[0] in "【[" else 3        # after 本报讯 / 【本报讯】
        st.credits += parse_credits(lead[k:], s + k)
        return
    m = _LEAD_JU.match(t)
    if m:
        st.byline = (st.byline + " | " if st.byline else "") + t[: m.end()].rstrip("，, ")
        st.source = m.group("src")
        return
    m = _LEAD_WIRE.match(t)
    if m:
        st.byline = (st.byline + " | " if st.byline else "") + t[: m.end()].rstrip()
        st.source = m.group("src")
        st.dateline = (m.group("place") or "") + m.group("date")
        if m.group("paren"):
            st.credits += parse_credits(m.group("paren"), s + m.start("paren"))


def _tail_source(st: _Story, t: str) -> None:
    m = _TAIL_WIRE.search(t)
    if m:
        st.source = st.source if st.source and st.source != "本报" else m.group("src")
        if m.group("place") or m.group("date"):
            st.dateline = (m.group("place") or "") + (m.group("date") or "")
        return
    m = _TAIL_SOURCE.search(t)
    if m and not st.source:
        st.source = m.group("src").strip()


def _resolve_titles(st: _Story, text: str) -> None:
    """Turn the opening run's title lines into kicker, headline and subheadline."""
    header = [b for b in st.blocks if b[0] in ("title", "subheadline")]
    if not header:
        return
    kinds = {id(b): "kicker" for b in header}
    head_idx = None
    for i, b in enumerate(header):
        if b[0] == "subheadline" and i > 0 and header[i - 1][0] == "title":
            head_idx = i - 1
            break
    titles = [i for i, b in enumerate(header) if b[0] == "title" and not _MASTHEAD.search(text[b[1]:b[2]])]
    if head_idx is None:
        long_titles = [i for i in titles if b_len(header[i]) >= 8]
        if long_titles:
            head_idx = long_titles[0]
        elif titles:
            head_idx = titles[-1]
    if head_idx is not None:
        kinds[id(header[head_idx])] = "headline"
        has_dash_sub = any(b[0] == "subheadline" for b in header)
        for i, b in enumerate(header):
            if b[0] == "subheadline":
                kinds[id(b)] = "subheadline"
            elif i == head_idx + 1 and not has_dash_sub and b[0] == "title":
                kinds[id(b)] = "subheadline"
    for b in header:
        b[0] = kinds[id(b)]


def b_len(b) -> int:
    return b[2] - b[1]


_SENT = re.compile(r"[^。！？!?…]*(?:(?:[。！？!?]+|…+)[”’」』\"')）》]*|$)")


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of one block: each ends with 。！？ (or ……) and any closing quote."""
    spans = []
    for m in _SENT.finditer(text):
        if m.end() == m.start():
            continue
        s, e = m.start(), m.end()
        seg = m.group()
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            spans.append((start + s + lead, start + e - trail))
    return spans


def _unshadow(piece: str, shadow: str, text: str, start: int) -> str:
    """The printed form of ``piece``, a string read from the shadow at or after ``start``."""
    if not piece:
        return piece
    out = []
    for part in piece.split(" | "):
        i = shadow.find(part, start)
        out.append(text[i:i + len(part)] if i >= 0 else part)
    return " | ".join(out)


def _tables(text: str, stories: list[_Story], shadow: str | None = None) -> Segments:
    srows, prows, sentrows, crows = [], [], [], []
    for n, st in enumerate(stories, 1):
        sid = f"s{n:02d}"
        _resolve_titles(st, text)
        body_kinds = ("body", "heading", "caption")
        if st.photo:
            for b in st.blocks:
                if b[0] == "body":
                    b[0] = "caption"
        kind = "photo" if st.photo else ("continuation" if st.continued_from else "article")
        parts = {"kicker": [], "headline": [], "subheadline": []}
        for b in st.blocks:
            if b[0] in parts:
                parts[b[0]].append(text[b[1]:b[2]])
        n_par = n_chars = 0
        for k, (bkind, s, e) in enumerate(st.blocks, 1):
            pid = f"{sid}p{k:02d}"
            prows.append((sid, pid, bkind, s, e, text[s:e]))
            if bkind in body_kinds:
                n_par += 1
                n_chars += e - s
            spans = split_sentences(text[s:e], s) if bkind in body_kinds else [(s, e)]
            for j, (a, z) in enumerate(spans, 1):
                sentrows.append((sid, pid, f"{pid}s{j:02d}", a, z, text[a:z]))
        if shadow is not None:
            st0 = st.blocks[0][1]
            st.byline = _unshadow(st.byline, shadow, text, st0)
            st.dateline = _unshadow(st.dateline, shadow, text, st0)
            st.credits = [(text[a:z].replace(" ", ""), r, a, z) for _, r, a, z in st.credits]
        for name, role, a, z in st.credits:
            crows.append((sid, name, role, a, z, text[a:z]))
        srows.append((          # in the order of STORIES' columns
            sid, n, kind,
            " | ".join(parts["kicker"]), " | ".join(parts["headline"]), " | ".join(parts["subheadline"]),
            st.byline, st.source, st.dateline,
            ";".join(f"{r}:{nm}" for nm, r, _, _ in st.credits),
            st.continued_from, st.continued_to,
            st.blocks[0][1], st.blocks[-1][2], n_par, n_chars))
    return Segments({
        "stories": tables.columns_of(srows, STORIES.names), "paragraphs": tables.columns_of(prows, PARAGRAPHS.names),
        "sentences": tables.columns_of(sentrows, SENTENCES.names), "credits": tables.columns_of(crows, CREDITS.names)})
