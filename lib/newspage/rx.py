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

__all__ = ["gated", "first_chars"]

_REPEATS = () if _C is None else (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT))
_WIDE = 4096     # a range wider than this is not expanded: no gate


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


def _item(item) -> tuple[set, bool] | None:
    op, av = item
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op is _C.IN:
        chars: set = set()
        for o, a in av:
            if o is _C.LITERAL:
                chars.add(chr(a))
            elif o is _C.RANGE and a[1] - a[0] < _WIDE:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:                      # NEGATE, CATEGORY (\d \w \s), a wide range
                return None
        return chars, False
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
    if flags & re.IGNORECASE or _P is None:
        return None
    try:
        got = _seq(_P.parse(pattern, flags))
    except Exception:                  # pragma: no cover - a parser that changed: no gate, same matches
        return None
    if got is None or got[1] or not got[0]:
        return None
    return frozenset(got[0])


def gated(pattern: str | re.Pattern, flags: int = 0) -> re.Pattern:
    """``pattern`` compiled with a lookahead for its first characters in front (see the module)."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    first = first_chars(pattern, flags)
    if first is None:
        return re.compile(pattern, flags)
    cls = "".join(re.escape(c) for c in sorted(first))
    end = "\n)" if flags & re.VERBOSE else ")"      # a trailing comment must not swallow the ")"
    try:
        return re.compile(f"(?=[{cls}])(?:{pattern}{end}", flags)
    except re.error:                   # inline global flags, which must stay first
        return re.compile(pattern, flags)
