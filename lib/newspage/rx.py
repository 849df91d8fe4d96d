"""Regular expressions that skip, in C, the positions where no match can begin.

A pattern made of many alternatives, several of which begin with an optional part
(``(?:农历)?…``, ``(?P<y>…年)?…``), is tried alternative by alternative at every position of
the text: Python's engine only skips ahead by itself when every alternative begins with a
literal character.  :func:`gated` reads the pattern's syntax tree for the set of characters a
match can begin with and puts a lookahead for that set in front, so each position that cannot
begin a match costs one character-class test.  The matches (spans, groups, group numbers and
names) are those of the pattern as written.  A pattern whose first character cannot be bounded
(a negated class, ``.``, a class like ``\\w``, a match that can be empty, case-insensitive
matching) is returned unchanged.
"""
from __future__ import annotations

import re

try:                                   # the engine's own parser (private, present since Python 3.11)
    from re import _constants as _C
    from re import _parser as _P
except ImportError:                    # pragma: no cover - then no pattern is gated
    _C = _P = None

__all__ = ["gated", "first_chars", "first_pairs", "needles", "may_match", "finditer"]

_REPEATS = () if _C is None else (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT))
_WIDE = 4096     # a range wider than this is not expanded: no gate


def _tree(pattern: str, flags: int):
    """The engine's syntax tree of ``pattern``; None when it cannot be read as plain characters
    (case-insensitive matching, no parser, or a parser that changed): then nothing is derived from it."""
    if flags & re.IGNORECASE or _P is None:
        return None
    try:
        return _P.parse(pattern, flags)
    except Exception:                  # pragma: no cover - a parser that changed: the pattern as written
        return None


def _union(alts, seq) -> set | None:
    """The union of ``seq`` over the alternatives of a branch; None when one of them gives None."""
    out: set = set()
    for alt in alts:
        got = seq(alt)
        if got is None:
            return None
        out |= got
    return out


def _seq(items) -> tuple[set, bool] | None:
    """(characters a match of the sequence can begin with, whether it can match empty), or None."""
    acc: set = set()
    for item in items:
        got = _item(item)
        if got is None:
            return None
        first, empty = got
        acc |= first
        if not empty:
            return acc, False
    return acc, True


def _class_chars(av, spaces: bool = False) -> set | None:
    """The characters a class ``[...]`` matches; None when they are not listed: a negated class, a
    category (\\d \\w; \\s too unless ``spaces``: then the characters of :data:`_SPACES`), a wide range."""
    chars: set = set()
    for o, a in av:
        if o is _C.LITERAL:
            chars.add(chr(a))
        elif o is _C.RANGE and a[1] - a[0] < _WIDE:
            chars.update(map(chr, range(a[0], a[1] + 1)))
        elif spaces and o is _C.CATEGORY and a in _SPACE_CATEGORIES:
            chars |= _SPACES
        else:
            return None
    return chars


def _item(item) -> tuple[set, bool] | None:
    op, av = item
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op is _C.IN:
        chars = _class_chars(av)
        return None if chars is None else (chars, False)
    if op is _C.BRANCH:
        chars, empty = set(), False
        for alt in av[1]:
            got = _seq(alt)
            if got is None:
                return None
            chars |= got[0]
            empty = empty or got[1]
        return chars, empty
    if op is _C.SUBPATTERN:
        return _seq(av[3])
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq(av)
    if op in _REPEATS:
        got = _seq(av[2])
        if got is None:
            return None
        return got[0], got[1] or av[0] == 0
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):   # zero-width: the next item consumes the first character
        return set(), True
    if op is _C.GROUPREF_EXISTS:
        _, yes, no = av
        a = _seq(yes)
        b = _seq(no) if no is not None else (set(), True)
        if a is None or b is None:
            return None
        return a[0] | b[0], a[1] or b[1]
    return None                        # ANY, NOT_LITERAL, a back-reference, …


def first_chars(pattern: str, flags: int = 0) -> frozenset | None:
    """The characters a non-empty match of ``pattern`` must begin with; None when not bounded."""
    tree = _tree(pattern, flags)
    got = None if tree is None else _seq(tree)
    if got is None or got[1] or not got[0]:
        return None
    return frozenset(got[0])


_MAX_PREFIXES = 20000   # more two-character beginnings than this: no second gate
_ANY = "\ud800"         # any character (\s, [^x], .): a lone surrogate stands for it (a superset if one is written)


_SPACE_CATEGORIES = () if _C is None else tuple(
    getattr(_C, n) for n in ("CATEGORY_SPACE", "CATEGORY_UNI_SPACE") if hasattr(_C, n))


# every character ``\\s`` matches in a str pattern (str.isspace: Unicode White_Space and U+001C-U+001F;
# unchanged since Unicode 6.3; ASCII's is a subset); test_rx checks it against the engine
_SPACES = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _cat(heads: set, tails: set) -> set | None:
    """The beginnings (up to two characters) of a match of one thing then another."""
    out = {h for h in heads if len(h) >= 2}
    short = [h for h in heads if len(h) < 2]
    for h in short:
        out.update((h + t)[:2] for t in tails)
        if len(out) > _MAX_PREFIXES:
            return None
    return out


def _seq2(items) -> set | None:
    """The strings (up to two characters) a match of the sequence can begin with; a shorter one
    where the match can end sooner ("" when it can be empty); None when not bounded."""
    acc: set | None = {""}
    for item in items:
        got = _item2(item)
        if got is None:
            return None
        acc = _cat(acc, got)
        if acc is None:
            return None
        if all(len(h) >= 2 for h in acc):
            break
    return acc


def _item2(item) -> set | None:
    op, av = item
    if op is _C.LITERAL:
        return {chr(av)}
    if op is _C.IN:
        chars = _class_chars(av, spaces=True)
        return {_ANY} if chars is None else chars   # NEGATE, another category, a wide range: any character
    if op is _C.ANY or op is _C.NOT_LITERAL:
        return {_ANY}
    if op is _C.BRANCH:
        return _union(av[1], _seq2)
    if op is _C.SUBPATTERN:
        return _seq2(av[3])
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq2(av)
    if op in _REPEATS:
        lo, hi = av[0], av[1]
        one = _seq2(av[2])
        if one is None:
            return None
        # k copies begin as min(k, 2) copies do (two non-empty copies already give two characters)
        out = {""} if lo == 0 else set()
        if lo <= 1 <= hi:
            out |= one
        if hi >= 2:
            two = _cat(one, one)
            if two is None:
                return None
            out |= two
        return out
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):   # zero-width: a superset
        return {""}
    if op is _C.GROUPREF_EXISTS:
        _, yes, no = av
        a = _seq2(yes)
        b = _seq2(no) if no is not None else {""}
        if a is None or b is None:
            return None
        return a | b
    return None


def first_pairs(pattern: str, flags: int = 0) -> dict | None:
    """``{first character: the characters that can follow it}`` for the non-empty matches of
    ``pattern``, None for a first character a match can end after (or be followed by anything);
    None when not bounded."""
    tree = _tree(pattern, flags)
    got = None if tree is None else _seq2(tree)
    if got is None or "" in got:
        return None
    out: dict = {}
    for h in got:
        if h[0] == _ANY:
            return None
        if len(h) == 1 or h[1] == _ANY:
            out[h[0]] = None
        elif out.get(h[0], 0) is not None:
            out.setdefault(h[0], set()).add(h[1])
    return out


def _pair_gate(pairs: dict) -> str | None:
    """A lookahead for the first two characters, grouped by what may follow; None when it would
    not narrow the first-character gate."""
    anyc = sorted(c for c, nxt in pairs.items() if nxt is None)
    groups: dict = {}
    for c, nxt in pairs.items():
        if nxt is not None:
            groups.setdefault(frozenset(nxt), []).append(c)
    if not groups:
        return None
    esc = lambda cs: "".join(re.escape(c) for c in sorted(cs))   # noqa: E731
    alts = [f"[{esc(cs)}][{esc(nxt)}]" for nxt, cs in sorted(groups.items(), key=lambda g: sorted(g[1]))]
    if anyc:
        alts.append(f"[{esc(anyc)}]")
    return "(?=" + "|".join(alts) + ")"


def gated(pattern: str | re.Pattern, flags: int = 0) -> re.Pattern:
    """``pattern`` compiled with a lookahead for its first characters in front (see the module),
    then, where that narrows it, one for its first two characters (tried only where the first
    passed: a position that passes the first but cannot begin a match costs a few tests, not a
    try of every alternative)."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    first = first_chars(pattern, flags)
    if first is None:
        return re.compile(pattern, flags)
    cls = "".join(re.escape(c) for c in sorted(first))
    end = "\n)" if flags & re.VERBOSE else ")"      # a trailing comment must not swallow the ")"
    pairs = first_pairs(pattern, flags)
    second = _pair_gate(pairs) if pairs is not None else None
    if second is not None:
        try:
            return re.compile(f"(?=[{cls}]){second}(?:{pattern}{end}", flags)
        except re.error:
            pass
    try:
        return re.compile(f"(?=[{cls}])(?:{pattern}{end}", flags)
    except re.error:                   # inline global flags, which must stay first
        return re.compile(pattern, flags)


# ---------------------------------------------------------------------------
# Strings every match needs: skip a text that holds none of them
# ---------------------------------------------------------------------------
#
# A pattern that cannot be gated by its first characters (it begins with a wide class: a run of Han
# characters, a surname out of hundreds) is tried at every position of every text.  Often it still
# needs a literal somewhere (岁的, a 、 between list items, 说 or 表示 in a lookahead): when the text
# holds none of those strings there is no match, and a few ``in`` tests (memchr-fast) skip it.  The
# strings are read from the pattern's syntax tree, so they cannot fall out of step with it.

_FEW_CHARS = 8      # a class of up to this many listed characters gives them as needles


def _needs_seq(items):
    """Strings one of which every match of the sequence contains (in the matched text or, for a
    lookaround, next to it); None when there are none.  Of the items' sets the most selective is
    kept: the longest shortest string, then the fewest strings."""
    best = None
    run = ""

    def better(a, b):
        if b is None:
            return a
        if a is None:
            return b
        ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
        return a if ka >= kb else b
    for item in items:
        if item[0] is _C.LITERAL:
            run += chr(item[1])
            continue
        if run:
            best = better(best, frozenset([run]))
            run = ""
        best = better(best, _needs_item(item))
    if run:
        best = better(best, frozenset([run]))
    return best


def _needs_item(item):
    op, av = item
    if op is _C.LITERAL:
        return frozenset([chr(av)])
    if op is _C.IN:
        chars = _class_chars(av)
        return frozenset(chars) if chars and len(chars) <= _FEW_CHARS else None
    if op is _C.BRANCH:
        out = _union(av[1], _needs_seq)
        return None if out is None else frozenset(out)
    if op is _C.SUBPATTERN:
        return _needs_seq(av[3])
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _needs_seq(av)
    if op in _REPEATS:
        return _needs_seq(av[2]) if av[0] >= 1 else None
    if op is _C.ASSERT:            # (?=…) (?<=…): what it needs is in the text, next to the match
        return _needs_seq(av[1])
    return None                    # a negative lookaround, an anchor, a back-reference, ANY, …


def needles(pattern: str | re.Pattern, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which the text holds wherever ``pattern`` matches (sorted; none of them
    contains another); None when the pattern needs no literal (or matching ignores case)."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    tree = _tree(pattern, flags)
    got = None if tree is None else _needs_seq(tree)
    if not got or "" in got:
        return None
    # a string holding another is found wherever that one is: keep the shorter
    return tuple(sorted(x for x in got if not any(y != x and y in x for y in got)))


_NEEDLES: dict = {}


def may_match(rx: re.Pattern, text: str) -> bool:
    """False when ``text`` holds none of the pattern's :func:`needles` (read once per pattern):
    then ``rx`` finds nothing in it; True otherwise."""
    need = _NEEDLES.get(rx, 0)
    if need == 0:
        need = _NEEDLES[rx] = needles(rx)
    if need is None:
        return True
    for x in need:
        if x in text:
            return True
    return False


def finditer(rx: re.Pattern, text: str):
    """``rx.finditer(text)``, or nothing at once when ``text`` holds none of the pattern's
    :func:`needles`."""
    return rx.finditer(text) if may_match(rx, text) else ()
