"""Reading a page: decode, normalise, rejoin broken paragraphs, keep a map to raw offsets.

``read_page(path)`` returns a :class:`Page`.  ``page.text`` is the normalised text that every
table's offsets refer to; ``page.raw`` is the decoded file as it was, and
``page.raw_span(start, end)`` maps an interval of ``page.text`` back to ``page.raw``.

Normalisation is deliberately narrow (no NFKC, which would turn ``，`` into ``,``):

* full-width digits, ``％``, ``＋``, ``－``, ``＝``, ``／`` and the minus sign become ASCII;
  ``．`` becomes ``.`` only between digits; these keep the length, so offsets shift nowhere;
* CRLF and lone CR become LF; zero-width characters and a BOM are dropped;
* each line is stripped of leading and trailing spaces (ASCII, ideographic, no-break) and runs
  of spaces inside a line become one space;
* paragraphs (blocks of text between line breaks) are separated by exactly one blank line;
* a paragraph that a column or page break cut in the middle of a word or sentence is rejoined
  with its continuation (see :func:`continues`).
"""
from __future__ import annotations

import bisect
import codecs
import datetime as _dt
import hashlib
import os
import re
from array import array
from functools import cached_property
from pathlib import Path
from typing import Iterable

import pandas as pd

MAX_BYTES = 256 * 1024 * 1024  # a page larger than this is refused, not half-read


class PageError(ValueError):
    """Input that is not a readable page.  ``str(err)`` is one line: ``SOURCE: problem``."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode a page's bytes; return ``(text, encoding)`` or raise :class:`PageError`.

    Accepts UTF-8 (with or without BOM), UTF-16/32 with a BOM, and GB18030 (which includes GBK
    and GB2312).  Refuses empty, binary and undecodable input.
    """
    if not data:
        raise PageError(source, "empty file")
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None:
        if b"\x00" in data[:65536]:
            nul_share = data[:65536].count(0) / min(len(data), 65536)
            hint = " (looks like UTF-16 without a byte-order mark)" if 0.2 < nul_share < 0.6 else ""
            raise PageError(source, f"binary data, not text: contains NUL bytes{hint}")
        for enc in ("utf-8", "gb18030"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            encoding = enc
            break
        else:
            raise PageError(source, "cannot decode as UTF-8 or GB18030 (not a text page?)")
        if encoding == "utf-8" and not text.isascii() and _implausible(text[:200_000]):
            # GB18030 bytes can form valid UTF-8 by accident (C4 A3 …): prefer the reading that is text
            try:
                alt = data.decode("gb18030")
            except UnicodeDecodeError:
                alt = None
            if alt is not None and not _implausible(alt[:200_000]):
                text, encoding = alt, "gb18030"
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            # the utf-8-sig codec counts from after the BOM, utf-16/32 from the file's start
            at = exc.start + (len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)
            raise PageError(source, f"cannot decode: invalid {encoding.upper()} after its byte-order mark at byte {at}") from None
    if "\x00" in text:
        raise PageError(source, "binary data, not text: contains NUL characters")
    sample = text[:200_000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 200):
        raise PageError(source, f"binary data, not text: {controls} control characters")
    if encoding == "gb18030" and _implausible(sample):
        raise PageError(source, "cannot decode as UTF-8, and as GB18030 it is not Chinese text")
    if encoding in ("utf-16", "utf-32") and _implausible(sample):
        raise PageError(source, f"cannot decode: as {encoding.upper()} (byte-order mark) it is not readable text")
    if not text.strip(_SPACE_CHARS + "\n\r\f\v"):
        raise PageError(source, "no text: the file holds only white space")
    return text, encoding


def _implausible(sample: str) -> bool:
    """Random bytes often decode as GB18030; real pages are mostly common CJK, ASCII and punctuation."""
    if not sample:
        return False
    common = sum(1 for c in sample if c < "\u0080" or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                 or "\uff00" <= c <= "\uffef" or "\u2010" <= c <= "\u206f")
    return common / len(sample) < 0.9


# ---------------------------------------------------------------------------
# Normalisation with an offset map
# ---------------------------------------------------------------------------

_SPACE_CHARS = " \t\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ONE_TO_ONE = {ord(a): b for a, b in zip("０１２３４５６７８９％＋－＝／−﹪", "0123456789%+-=/-%")}
_ONE_TO_ONE.update({ord(c): " " for c in "\t\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000"})
_FW_DOT = re.compile(r"(?<=[0-9])[．·](?=[0-9])")
_INNER_SPACES = re.compile(r" {2,}")
_ZW = re.compile(f"[{_ZERO_WIDTH}]")


class OffsetMap:
    """Piecewise map from normalised offsets to raw offsets.

    Stored as breakpoints (normalised start, raw start, linear?) so that memory grows with the
    number of edits, not with the text.  Inside a linear piece one normalised character is one
    raw character; a non-linear piece (an inserted paragraph separator) maps every position to
    its raw start.
    """

    def __init__(self) -> None:
        self.norm = array("q")
        self.raw = array("q")
        self.linear = array("b")
        self.length = 0
        self.raw_length = 0

    def add(self, norm_start: int, raw_start: int, linear: bool) -> None:
        if self.norm and self.norm[-1] == norm_start:
            self.raw[-1], self.linear[-1] = raw_start, int(linear)
            return
        if self.norm and self.linear[-1] and linear and \
                raw_start - self.raw[-1] == norm_start - self.norm[-1]:
            return  # continues the previous linear piece
        self.norm.append(norm_start)
        self.raw.append(raw_start)
        self.linear.append(int(linear))

    def __call__(self, i: int) -> int:
        if i >= self.length:
            return self.raw_length
        k = bisect.bisect_right(self.norm, i) - 1
        if k < 0:
            return 0
        return self.raw[k] + (i - self.norm[k] if self.linear[k] else 0)


def continues(prev: str, nxt: str) -> bool:
    """Does paragraph ``nxt`` continue ``prev``, cut by a column or page break?

    ``prev`` must read as running text (long enough and containing clause punctuation) and end
    without closing its sentence; ``nxt`` must not open a new block (a list marker, a byline or
    photo mark, a continuation mark, a subheadline) and must itself read as running text, or
    start with the punctuation that continues a clause.
    """
    if not prev or not nxt:
        return False
    if prev[-1] in _TERMINAL or (prev[-1] in _CLOSERS and len(prev) > 1 and prev[-2] in _TERMINAL):
        return False
    if prev[-1] in ")）]】" or prev[-1] in _SPACE_CHARS:
        return False
    if len(prev) < 16 or not any(c in prev for c in "，。；！？,"):
        return False
    if _NEW_BLOCK.match(nxt):
        return False
    if nxt[0] in _CONTINUING:
        return True
    return any(c in nxt for c in "，。；！？") or len(nxt) >= 30


_TERMINAL = set("。！？!?…；;：:")
_CLOSERS = set("”’」』》)）\"'")
_CONTINUING = set("，。、；：！？”’」』》）),.;:!?%")
_NEW_BLOCK = re.compile(
    r"(?:[□■●◆◇▲△★☆▶►]|——|—|本报讯|据\S{1,15}?(?:报道|消息)|"
    r"[(（]\s*(?:上接|下转|转自|接第|紧接)|"
    r"[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d{1,3}[、.．](?!\d)|"
    r"(?:本报)?(?:记者|通讯员|特约记者|实习生)\s)"
)


def normalise(raw: str) -> tuple[str, OffsetMap]:
    """Return the normalised text and the map from its offsets to ``raw`` offsets."""
    omap = OffsetMap()
    omap.raw_length = len(raw)
    # 1. one-to-one replacements keep every offset.
    t = raw.translate(_ONE_TO_ONE)
    t = _FW_DOT.sub(".", t)
    # 2. every non-empty line is a paragraph; rejoin those a break cut in two.
    lines = []  # (pieces, text, indented, blank_before)
    blank = False
    for raw_start, line in _lines(t):
        pieces = _clean_line(line, raw_start)
        if not pieces:
            blank = True
            continue
        lines.append((pieces, "".join(p for _, p in pieces), line[:1] in (" ", "\t"), blank))
        blank = False
    layout = _Layout(lines)
    paras: list[list[tuple[int, str]]] = []
    para_text: list[str] = []
    first_indented: list[bool] = []
    last_line = ""
    for pieces, text, indented, blank_before in lines:
        if paras and (layout.wrapped(para_text[-1], last_line, first_indented[-1], text, indented, blank_before)
                      or continues(para_text[-1], text)):
            paras[-1].extend(pieces)
            para_text[-1] += text
        else:
            paras.append(pieces)
            para_text.append(text)
            first_indented.append(indented)
        last_line = text
    # 3. assemble with "\n\n" between paragraphs.
    out: list[str] = []
    pos = 0
    for k, pieces in enumerate(paras):
        if k:
            sep_raw = pieces[0][0] - 1 if pieces[0][0] > 0 else 0
            omap.add(pos, sep_raw, False)
            out.append("\n\n")
            pos += 2
        for raw_start, piece in pieces:
            omap.add(pos, raw_start, True)
            out.append(piece)
            pos += len(piece)
    omap.length = pos
    return "".join(out), omap


class _Layout:
    """How a page lays out its paragraphs, read from all its lines at once.

    Text copied from a PDF or a typeset column is often hard-wrapped: every line is cut at a fixed
    width, and a new paragraph is marked by indentation (two ideographic spaces) rather than by a
    blank line.  Such a page shows itself by many lines of one length, or by indented lines
    followed by unindented ones.  On such a page a line continues the paragraph above it when no
    blank line stands between them and either the paragraph above began indented and this line
    does not (indentation marks paragraph starts), or the line above is full width and does not
    close its sentence.
    """

    def __init__(self, lines) -> None:
        n = len(lines)
        n_ind = sum(1 for _, _, ind, _ in lines if ind)
        self.indent = n_ind >= 3 and n_ind < n * 0.9 and \
            sum(1 for k in range(1, n) if lines[k - 1][2] and not lines[k][2] and not lines[k][3]) >= 2
        lengths = [len(t) for _, t, _, _ in lines if len(t) >= 12]
        self.width = 0
        if len(lengths) >= 6:
            from collections import Counter
            counts = Counter(lengths)
            w, _ = max(counts.items(), key=lambda kv: (kv[1] + counts.get(kv[0] - 1, 0) + counts.get(kv[0] + 1, 0), kv[0]))
            near = sum(c for L, c in counts.items() if abs(L - w) <= 1)
            if near >= max(5, 0.4 * len(lengths)) and w <= 60:
                self.width = w

    def wrapped(self, para: str, last_line: str, para_indented: bool, line: str, indented: bool,
                blank_before: bool) -> bool:
        if blank_before or indented or _NEW_BLOCK.match(line):
            return False
        if self.indent and para_indented:
            return True
        if self.width and len(last_line) >= self.width - 1 and last_line[-1] not in _TERMINAL \
                and not (last_line[-1] in _CLOSERS and len(last_line) > 1 and last_line[-2] in _TERMINAL):
            return True
        return False


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(t: str) -> Iterable[tuple[int, str]]:
    for m in _LINE.finditer(t):
        s = m.group()
        if not s:
            if m.start() >= len(t):
                break
            continue
        yield m.start(), s.rstrip("\r\n")


def _clean_line(line: str, raw_start: int) -> list[tuple[int, str]]:
    """Strip a line, drop zero-width characters, fold inner space runs; keep raw positions."""
    pieces: list[tuple[int, str]] = []
    start, end = 0, len(line)
    while start < end and line[start] in " " + _ZERO_WIDTH:
        start += 1
    while end > start and line[end - 1] in " " + _ZERO_WIDTH:
        end -= 1
    if start >= end:
        return pieces
    seg = line[start:end]
    if not (_ZW.search(seg) or "  " in seg):
        return [(raw_start + start, seg)]
    # split at deletions: zero-width chars and the extra spaces of a run
    i = 0
    buf_start = 0
    while i < len(seg):
        c = seg[i]
        drop = c in _ZERO_WIDTH or (c == " " and i > 0 and seg[i - 1] == " ")
        if drop:
            if i > buf_start:
                pieces.append((raw_start + start + buf_start, seg[buf_start:i]))
            buf_start = i + 1
        i += 1
    if buf_start < len(seg):
        pieces.append((raw_start + start + buf_start, seg[buf_start:]))
    # a zero-width char between two spaces could leave a double space: fold again
    merged: list[tuple[int, str]] = []
    for rs, p in pieces:
        if merged and merged[-1][1].endswith(" ") and p.startswith(" "):
            p, rs = p[1:], rs + 1
            if not p:
                continue
        merged.append((rs, p))
    return merged


# ---------------------------------------------------------------------------
# The Page
# ---------------------------------------------------------------------------

class Page:
    """One newspaper page: its text and, computed on first use, its tables."""

    def __init__(self, raw: str, *, source: str = "text", page_id: str | None = None,
                 encoding: str = "str", date: _dt.date | str | None = None,
                 sha256: str | None = None):
        self.raw = raw
        self.source = source
        self.page_id = page_id or "text"
        self.encoding = encoding
        self.sha256 = sha256 or hashlib.sha256(raw.encode("utf-8")).hexdigest()
        self.text, self._map = normalise(raw)
        if not self.text:
            raise PageError(source, "no text after normalisation")
        if isinstance(date, str):
            try:
                date = _dt.date.fromisoformat(date)
            except ValueError:
                raise PageError(source, f"page date {date!r} is not YYYY-MM-DD") from None
        self._given_date = date

    def __repr__(self) -> str:
        return f"<Page {self.page_id}: {len(self.text)} chars, {len(self.stories)} stories>"

    # -- offsets -------------------------------------------------------------
    def raw_offset(self, i: int) -> int:
        """Raw offset of normalised offset ``i``."""
        return self._map(i)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw interval that the normalised interval ``[start, end)`` came from."""
        if end <= start:
            r = self._map(start)
            return r, r
        return self._map(start), self._map(end - 1) + 1

    # -- date ------------------------------------------------------------------
    @cached_property
    def date(self) -> _dt.date | None:
        """The page's date: given by the caller, else printed in its masthead, else the day after
        its latest wire dateline, else inferred from the text (or None); the rules are
        :func:`newspage.dates.page_date`'s, the same that fill the ``pages`` table."""
        return self.page_date.date

    @cached_property
    def page_date(self):
        """:class:`newspage.dates.PageDate`: the date, its source (given, printed, dateline,
        inferred) and the rule that gave it."""
        from . import dates
        return dates.page_date(self)

    # -- tables ----------------------------------------------------------------
    @cached_property
    def _segments(self):
        from . import segment
        return segment.segment(self.text)

    @cached_property
    def pages(self) -> pd.DataFrame:
        """One row: the page's source, SHA-256, paper, date (with its source and rule), page number,
        section, size (:mod:`newspage.masthead`)."""
        from . import masthead
        return self._finish("pages", masthead.columns(self))

    @cached_property
    def stories(self) -> pd.DataFrame:
        return self._finish("stories", self._segments.columns["stories"])

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        return self._finish("paragraphs", self._segments.columns["paragraphs"])

    @cached_property
    def sentences(self) -> pd.DataFrame:
        return self._finish("sentences", self._segments.columns["sentences"])

    @cached_property
    def credits(self) -> pd.DataFrame:
        return self._finish("credits", self._segments.columns["credits"])

    @cached_property
    def quantities(self) -> pd.DataFrame:
        from . import quantities
        return self._finish("quantities", quantities.columns(self))

    @cached_property
    def dates(self) -> pd.DataFrame:
        from . import dates
        return self._finish("dates", dates.columns(self))

    @cached_property
    def entities(self) -> pd.DataFrame:
        from . import entities
        return self._finish("entities", entities.extract(self))

    @cached_property
    def claims(self) -> pd.DataFrame:
        from . import claims
        return self._finish("claims", claims.columns(self))

    @cached_property
    def tokens(self) -> pd.DataFrame:
        from . import words
        return self._finish("tokens", words.extract_tokens(self, as_columns=True))

    @cached_property
    def keywords(self) -> pd.DataFrame:
        from . import words
        return self._finish("keywords", words.extract_keywords(self, as_columns=True))

    def _finish(self, name: str, df: pd.DataFrame) -> pd.DataFrame:
        from .tables import conform, registry
        out = conform(df, registry()[name], with_page_id=True, page_id=self.page_id)
        return out

    def table(self, name: str) -> pd.DataFrame:
        """A table by name (``page.table('quantities')`` is ``page.quantities``)."""
        from .tables import registry
        if name not in registry():
            raise KeyError(f"no table {name!r}; tables: {', '.join(registry())}")
        return getattr(self, name)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table this installation knows, by name, in codebook order."""
        from .tables import registry
        return {name: getattr(self, name) for name in registry()}


def read_page(path=None, *, text: str | None = None, date: _dt.date | str | None = None,
              page_id: str | None = None) -> Page:
    """Read a page from a file (or from ``text``) and return a :class:`Page`.

    ``date`` fixes the page's date (``datetime.date`` or ``"YYYY-MM-DD"``); without it the date
    is inferred from the text.  Raises :class:`PageError` with a one-line message for input
    that is not a readable page (missing, a directory, unreadable, empty, binary, undecodable,
    too large).
    """
    if text is not None:
        if path is not None:
            raise TypeError("give a path or text=, not both")
        if not isinstance(text, str):
            raise TypeError("text= takes a str; pass bytes through a file path")
        src = page_id or "text"
        if not text.strip(_SPACE_CHARS + _ZERO_WIDTH + "\n\r\f\v"):
            raise PageError(src, "no text" if not text else "no text: only white space")
        if "\x00" in text:
            raise PageError(src, "binary data, not text: contains NUL characters")
        return Page(text, source=src, page_id=page_id or "text", date=date)
    if path is None:
        raise TypeError("read_page needs a path or text=")
    if isinstance(path, (bytes, bytearray)):
        raise TypeError("read_page takes a path; for a page in memory use read_page(text=...)")
    p = Path(os.fspath(path))
    src = str(p)
    try:
        if p.is_dir():
            raise PageError(src, "is a directory, not a page file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise PageError(src, f"file too large ({size / 2**20:.0f} MiB; the limit is {MAX_BYTES // 2**20} MiB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise PageError(src, "no such file") from None
    except PermissionError:
        raise PageError(src, "permission denied (cannot read the file)") from None
    except IsADirectoryError:
        raise PageError(src, "is a directory, not a page file") from None
    except OSError as exc:
        raise PageError(src, f"cannot read: {exc.strerror or exc}") from None
    raw, enc = decode(data, src)
    return Page(raw, source=src, page_id=page_id or p.stem, encoding=enc, date=date,
                sha256=hashlib.sha256(data).hexdigest())
