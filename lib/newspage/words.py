"""Words: jieba tokens with numbers kept whole, and keywords per story.

One :class:`jieba.posseg.POSTokenizer` per process (:func:`tokenizer`), built lazily, with
jieba's start-up log silenced, its model cache in a user cache folder (``$NEWSPAGE_CACHE``,
else ``$XDG_CACHE_HOME/newspage``, else ``~/.cache/newspage``; never a shared ``/tmp`` file),
the main dictionary's tables cached there too (:func:`newspage.fastcut.load_dictionary`), and
the domain dictionary shipped in ``newspage/data/userdict.txt`` loaded, so that administrative
and economic terms of news text (高新区, 僵尸企业, 医共体, 农机购置补贴 ...) stay whole.

Numbers are never cut by jieba: the ``tokens`` table takes every span of the ``quantities``
table as one token with part of speech ``m``, every span of the ``dates`` table as one token
``t``, and any remaining run of digits as one token ``m``; only the text between them goes
through :func:`jieba.posseg`.  Part-of-speech tags are jieba's (ICTCLAS-style: n, v, ns, nr, x
for punctuation ...).

``keywords``: per story, the words that distinguish it from the page's other stories: content
words (nouns, verbal nouns, verbs, idioms; two characters or more; no numbers, punctuation or
stop words) ranked by TF-IDF with the page's stories as the documents.
"""
from __future__ import annotations

import bisect
import functools
import heapq
import importlib.util
import itertools
import logging
import math
import operator
import os
import re
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from . import tables

USERDICT = Path(__file__).with_name("data") / "userdict.txt"

TOKENS = tables.Schema(
    "tokens",
    [
        tables.Column("story_id", "str", "Story the token belongs to (stories.story_id)"),
        tables.Column("sent_id", "str", "Sentence the token belongs to (sentences.sent_id)"),
        tables.Column("start", "int", "Offset of the token's first character in page.text", "characters"),
        tables.Column("end", "int", "Offset just past the token's last character in page.text", "characters"),
        tables.Column("token", "str", "The token, page.text[start:end]"),
        tables.Column("pos", "str", "Part of speech: jieba's tag for words (n, v, ns, x = punctuation ...); "
                      "m for a quantity or number (taken whole from the quantities table or a digit run), "
                      "t for a date expression (from the dates table)"),
    ],
    sort=["start"],
    description="Words of every sentence, cut by jieba with the package's domain dictionary; "
                "quantities, dates and digit runs are single tokens, never cut by jieba. White space is not a token.",
)

KEYWORDS = tables.Schema(
    "keywords",
    [
        tables.Column("story_id", "str", "Story (stories.story_id)"),
        tables.Column("rank", "int", "Rank of the keyword within its story, 1 = most distinctive"),
        tables.Column("keyword", "str", "The word (a token of the story)"),
        tables.Column("score", "float", "TF-IDF: (occurrences in the story / content words of the story) "
                      "x (ln((1 + stories on the page) / (1 + stories containing the word)) + 1)"),
    ],
    sort=["story_id", "rank"],
    description="The words that set each story apart from the page's other stories: content words "
                "(two characters or more, no numbers, punctuation or stop words) ranked by TF-IDF "
                "across the page's stories; ties broken by first occurrence.",
)

SCHEMAS = [TOKENS, KEYWORDS]

TOP_K = 10

# ---------------------------------------------------------------------------
# The tokenizer: one per process
# ---------------------------------------------------------------------------

_LOCK = threading.Lock()
_POSTOK = None


def cache_dir() -> Path:
    """The folder for jieba's model cache (created if needed)."""
    candidates = []
    if os.environ.get("NEWSPAGE_CACHE"):
        candidates.append(Path(os.environ["NEWSPAGE_CACHE"]))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    candidates.append(Path(base) / "newspage")
    # last resort: a private folder per user, not jieba's shared /tmp/jieba.cache
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"newspage-{uid}")
    for c in candidates:
        try:
            c.mkdir(parents=True, exist_ok=True)
            if os.access(c, os.W_OK):
                return c
        except OSError:
            continue
    return candidates[-1]


def tokenizer():
    """The process's jieba POS tokenizer with the domain dictionary (built on first use)."""
    global _POSTOK
    if _POSTOK is not None:
        return _POSTOK
    with _LOCK:
        if _POSTOK is None:
            from . import fastcut   # first: it imports jieba, and keeps the word-tag table jieba.posseg reads
            jieba = fastcut.import_jieba()
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.tmp_dir = str(cache_dir())
            fastcut.load_dictionary(tok)   # tok.initialize(), from newspage's cache when it can
            # jieba's cut, same tokens, a faster Viterbi (see fastcut)
            cls = fastcut.POSTokenizer if fastcut.supported() else jieba.posseg.POSTokenizer
            postok = cls(tok)
            postok.load_userdict(str(USERDICT))
            _POSTOK = postok
    return _POSTOK


@functools.lru_cache(maxsize=1)
def user_words() -> tuple[tuple[str, str], ...]:
    """(word, tag) of the shipped domain dictionary."""
    out = []
    for line in USERDICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            out.append((parts[0], parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else ""))
    return tuple(out)


# Traditional characters: see hanzi.py (a same-length simplified shadow)
from .hanzi import T2S, is_traditional, simplified  # noqa: E402,F401


def cut(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    """Cut ``text`` with jieba.posseg: ``(start, end, word, pos)`` with ``start`` counted from
    ``offset``.  White space is dropped.  Numbers are *not* protected here; see :func:`tokenize`.
    Text in traditional characters is cut as its simplified shadow (:func:`simplified`); the
    words returned are the text's own."""
    out = []
    pos = 0
    shadow = simplified(text)  # a traditional page is cut as its simplified shadow
    tok = tokenizer()
    pairs = tok.lcut_pairs(shadow) if hasattr(tok, "lcut_pairs") else [(p.word, p.flag) for p in tok.cut(shadow)]
    if "".join([w for w, _ in pairs]) == shadow:
        # the words are the text, one after the other (jieba drops nothing): each word starts where
        # the one before it ends, which is where shadow.find would find it
        same = shadow is text
        app = out.append
        for w, flag in pairs:
            i = pos
            pos = i + len(w)
            if flag == "x" and not w.strip():
                continue
            app((offset + i, offset + pos, w if same else text[i:pos], flag))
        return out
    for w, flag in pairs:
        i = shadow.find(w, pos)
        if i < 0:  # jieba never drops characters; be safe anyway
            continue
        pos = i + len(w)
        if not w.strip():
            continue
        out.append((offset + i, offset + pos, text[i:pos], flag))
    return out


_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?")


def _protected(text: str, spans: Iterable[tuple[int, int, str]], offset: int = 0):
    """Merge protected spans (start, end, pos) with digit runs of ``text`` outside them: sorted,
    non-overlapping (of two overlapping spans the one starting first is kept; for one start, the
    shorter).  One sort and one sweep: linear after sorting, whatever the number of spans."""
    taken: list[tuple[int, int, str]] = []
    lo, hi = offset, offset + len(text)
    last_end = lo
    for s, e, p in sorted(spans):
        s, e = max(s, lo), min(e, hi)
        if s >= e or s < last_end:
            continue
        taken.append((s, e, p))
        last_end = e
    starts = [t[0] for t in taken]
    digits = []
    for m in _DIGITS.finditer(text):
        s, e = offset + m.start(), offset + m.end()
        k = bisect.bisect_left(starts, e)            # spans starting before e
        if k and taken[k - 1][1] > s:                 # the last of them ends after s: overlap
            continue
        digits.append((s, e, "m"))
    return list(heapq.merge(taken, digits))


def tokenize(text: str, spans: Iterable[tuple[int, int, str]] = (), offset: int = 0
             ) -> list[tuple[int, int, str, str]]:
    """Tokens of ``text`` (which starts at ``offset`` of the page): each protected span
    ``(start, end, pos)`` and each digit run is one token; jieba cuts the text between them."""
    out = []
    cur = offset
    for s, e, p in _protected(text, spans, offset):
        if s > cur:
            out.extend(cut(text[cur - offset:s - offset], cur))
        out.append((s, e, text[s - offset:e - offset], p))
        cur = e
    if cur < offset + len(text):
        out.extend(cut(text[cur - offset:], cur))
    return out


def page_cut(page) -> list[tuple[int, int, str, str]]:
    """jieba's cut of the whole ``page.text``, made once per page and shared by the entities and
    the tokens tables (kept on the page object): ``(start, end, word, pos)``."""
    cached = page.__dict__.get("_jieba_cut")
    if cached is None:
        cached = cut(page.text)
        page.__dict__["_jieba_cut"] = cached
    return cached


def overlay(toks: list[tuple[int, int, str, str]], spans: list[tuple[int, int, str]], text: str,
            offset: int = 0, recut: bool = True) -> list[tuple[int, int, str, str]]:
    """Tokens ``toks`` (jieba's, sorted) with the protected ``spans`` (sorted, non-overlapping, as
    :func:`_protected` gives them) put in whole: a token that overlaps no span stays; one that
    overlaps is dropped and what of it lies outside the spans is cut again on its own (a few
    characters at a span's edge; with ``recut=False`` that rest stays one token with the word's
    tag, so no character goes to jieba twice).  ``text`` starts at ``offset``.  Linear in tokens + spans."""
    kept: list[tuple[int, int, str, str]] = []

    def rest(a: int, b: int, pos: str):
        if recut:
            return cut(text[a - offset:b - offset], a)
        piece = text[a - offset:b - offset]
        return [(a, b, piece, pos)] if piece.strip() else []
    # Only the tokens a span overlaps are visited (found by bisection on the tokens' ends, which
    # are sorted: the tokens do not overlap); the runs of tokens between them are copied by slices,
    # not looked at one by one (a page's 3,000 tokens hold a few dozen digit runs).
    ends = list(map(operator.itemgetter(1), toks))
    n, j, i = len(spans), 0, 0      # spans before j and tokens before i are done
    ntok = len(toks)
    while j < n:
        a = bisect.bisect_right(ends, spans[j][0], i)     # the first token ending after span j starts
        if a >= ntok or toks[a][0] >= spans[j][1]:
            j += 1                                         # no token (left) overlaps span j
            continue
        kept.extend(toks[i:a])
        tok = toks[a]
        s, e = tok[0], tok[1]
        pos, k = s, j
        while k < n and spans[k][0] < e:
            if spans[k][0] > pos:
                kept.extend(rest(pos, spans[k][0], tok[3]))
            pos = max(pos, spans[k][1])
            k += 1
        if pos < e:
            kept.extend(rest(pos, e, tok[3]))
        j = k - 1 if spans[k - 1][1] > e else k           # the last span may overlap the next token too
        i = a + 1
    kept.extend(toks[i:])
    out = kept + [(s, e, text[s - offset:e - offset], p) for s, e, p in spans]
    out.sort()       # (two sorted runs, merged)
    return out


def _optional_spans(page, name: str, pos: str) -> list[tuple[int, int, str]]:
    """Spans of another module's table, or none when that module is not installed."""
    if importlib.util.find_spec(f"newspage.{name}") is None:  # not written in this checkout
        return []
    df = getattr(page, name)
    if df is None or not len(df):
        return []
    return [(int(s), int(e), pos) for s, e in zip(df["start"], df["end"])]


def extract_tokens(page, *, as_columns: bool = False) -> pd.DataFrame:
    """The ``tokens`` table of ``page`` (without page_id): the page's one jieba cut
    (:func:`page_cut`) with quantities, dates and digit runs put in whole (:func:`overlay`),
    each token given the sentence it starts in (a token running past its sentence's end, which
    jieba's cut at punctuation makes rare, is cut again at the end).  ``as_columns``: the table
    as column lists (what :func:`newspage.tables.conform` takes), not a DataFrame."""
    text = page.text
    spans = _protected(text, _optional_spans(page, "quantities", "m") + _optional_spans(page, "dates", "t"))
    toks = overlay(page_cut(page), spans, text)
    se = page.sentences
    sents = list(zip(se["story_id"].tolist(), se["sent_id"].tolist(),
                     [int(x) for x in se["start"].tolist()], [int(x) for x in se["end"].tolist()]))
    cols: tuple[list, ...] = ([], [], [], [], [], [])      # story_id, sent_id, start, end, token, pos
    k, n = 0, len(sents)

    def one(tok) -> None:
        """The row(s) of one token, by the walk over the sentences (``k``) that gives each token the
        sentence it starts in."""
        nonlocal k
        s, e = tok[0], tok[1]
        while k < n and sents[k][3] <= s:
            k += 1
        if k >= n or sents[k][2] > s:
            return                        # outside every sentence (white space between blocks)
        story_id, sent_id, s0, s1 = sents[k]
        if e <= s1:
            rows = [(story_id, sent_id, s, e, tok[2], tok[3])]
        else:
            rows = [(story_id, sent_id) + t for t in cut(text[s:s1], s)]
            # the rest belongs to the next sentence(s): cut it on its own
            for t in cut(text[s1:e], s1):
                kk = k
                while kk < n and sents[kk][3] <= t[0]:
                    kk += 1
                if kk < n and sents[kk][2] <= t[0]:
                    rows.append((sents[kk][0], sents[kk][1]) + t)
        for row in rows:
            for c, v in zip(cols, row):
                c.append(v)

    ends = [x[3] for x in sents]
    if toks and all(ends[i] <= ends[i + 1] for i in range(n - 1)):
        # sentence by sentence (their ends ascending, the tokens sorted by start): the tokens a
        # sentence holds are one run of the token list, taken whole unless one runs past its end
        tstart, tend, tword, tpos = map(list, zip(*toks))
        prev_end = None
        for j, (story_id, sent_id, s0, s1) in enumerate(sents):
            lo = s0 if prev_end is None else max(s0, prev_end)
            prev_end = s1
            i0, i1 = bisect.bisect_left(tstart, lo), bisect.bisect_left(tstart, s1)
            if i0 >= i1:
                continue
            if max(tend[i0:i1]) <= s1:
                m = i1 - i0
                cols[0].extend([story_id] * m)
                cols[1].extend([sent_id] * m)
                cols[2].extend(tstart[i0:i1])
                cols[3].extend(tend[i0:i1])
                cols[4].extend(tword[i0:i1])
                cols[5].extend(tpos[i0:i1])
            else:
                k = j
                for tok in toks[i0:i1]:
                    one(tok)
    else:
        for tok in toks:
            one(tok)
    if as_columns:
        out = dict(zip(TOKENS.names, cols))
        if hasattr(page, "__dict__"):
            page.__dict__["_token_columns"] = out    # for extract_keywords: the table's rows as lists
        return out
    if not cols[0]:
        return pd.DataFrame([], columns=TOKENS.names)
    # column by column, as the typed arrays the table is made of (a frame of row tuples infers
    # each column's type from every cell)
    arrays = [np.array(c, dtype=np.int64) if name in ("start", "end") else pd.array(c, dtype="string")
              for name, c in zip(TOKENS.names, cols)]
    return pd.DataFrame._from_arrays(arrays, columns=TOKENS.names, index=pd.RangeIndex(len(cols[0])),
                                     verify_integrity=False)


# ---------------------------------------------------------------------------
# Keywords
# ---------------------------------------------------------------------------

CONTENT_POS = re.compile(r"^(n|nr|ns|nt|nz|nrt|nrfg|ng|vn|v|vd|i|l|j|an|b|eng)$")

# Generic function-like content words of news prose that never characterise a story.
STOP_WORDS = frozenset("""
进行 实现 推进 推动 加强 提升 提高 开展 加快 确保 持续 坚持 通过 进一步 相关 有关 方面 工作 目前 今年
去年 明年 近日 日前 此次 本次 同时 此外 其中 以及 不断 全面 有效 切实 积极 充分 成为 作为 表示 介绍 指出
认为 记者 本报讯 本报记者 通讯员 报道 据悉 了解 据了解 一批 一系列 各类 各项 多个 多种 主要 重要 重点 实际
具有 能够 可以 需要 已经 正在 如今 以来 期间 之后 之前 这一 一个 一些 这些 那些 我们 他们 自身 各地 发挥
形成 做好 落实 打造 构建 建立 健全 完善 优化 强化 深化 创新 发展 高效 不仅 还是 以及 包括 其他 等等
""".split())


@functools.lru_cache(maxsize=1 << 16)   # pure; the same words come back on every page
def _is_candidate(word: str, pos: str) -> bool:
    if len(word) < 2 or word in STOP_WORDS:
        return False
    if any(c.isdigit() for c in word):
        return False
    if not CONTENT_POS.match(pos or ""):
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in word) or pos == "eng"


def rank_keywords(docs: dict[str, list[str]], top_k: int = TOP_K) -> list[tuple[str, int, str, float]]:
    """TF-IDF keywords of each document (a list of candidate words in reading order).

    Returns ``(doc_id, rank, word, score)``.  Deterministic: ties keep first occurrence.
    """
    n_docs = len(docs)
    df = Counter()
    for words in docs.values():
        df.update(set(words))
    out = []
    # a score depends on the word only through its count and its document frequency: each
    # (count, frequency) pair of a document is scored once, each frequency's idf once
    idfs: dict[int, float] = {}
    for doc_id, words in docs.items():
        if not words:
            continue
        tf = Counter(words)           # in order of first occurrence: the index is the tie-break
        total = len(words)
        scores: dict[tuple[int, int], float] = {}
        scored = []
        for i, (w, c) in enumerate(tf.items()):
            d = df[w]
            neg = scores.get((c, d))
            if neg is None:
                idf = idfs.get(d)
                if idf is None:
                    idf = idfs[d] = math.log((1 + n_docs) / (1 + d)) + 1.0
                neg = scores[(c, d)] = -round(c / total * idf, 9)
            scored.append((neg, i, w))
        scored.sort()
        for rank, (neg, _, w) in enumerate(scored[:top_k], 1):
            out.append((doc_id, rank, w, -neg))
    return out


def extract_keywords(page, top_k: int = TOP_K, *, as_columns: bool = False) -> pd.DataFrame:
    """The ``keywords`` table of ``page`` (without page_id); ``as_columns``: as column lists."""
    toks = page.tokens if hasattr(page, "tokens") else extract_tokens(page)
    docs: dict[str, list[str]] = {sid: [] for sid in page.stories["story_id"].tolist()}
    cols = getattr(page, "__dict__", {}).get("_token_columns")
    starts = cols["start"] if cols is not None else None
    if starts is not None and len(starts) == len(toks) and all(map(operator.le, starts, starts[1:])):
        # the lists the tokens table was built from, in its order (already sorted by start, conform
        # kept it): the same values without reading the table's Arrow columns back into lists
        sids, words, poss = cols["story_id"], cols["token"], cols["pos"]
    else:
        sids, words, poss = toks["story_id"].tolist(), toks["token"].tolist(), toks["pos"].tolist()
    # a story's tokens are one run: one look-up per run, not per word
    for story_id, run in itertools.groupby(itertools.compress(zip(sids, words), map(_is_candidate, words, poss)),
                                           key=operator.itemgetter(0)):
        docs.setdefault(story_id, []).extend(map(operator.itemgetter(1), run))
    rows = rank_keywords(docs, top_k)
    if as_columns:
        return tables.columns_of(rows, KEYWORDS.names)
    return pd.DataFrame(rows, columns=KEYWORDS.names)


def keywords_of(texts: dict[str, str], top_k: int = TOP_K) -> list[tuple[str, int, str, float]]:
    """Keywords of plain texts (id -> text), for use outside a Page."""
    docs = {k: [w for _, _, w, p in tokenize(t) if _is_candidate(w, p)] for k, t in texts.items()}
    return rank_keywords(docs, top_k)
