"""Helpers shared by several test files.

Offsets: an exact check of a page's map back to its raw text, written from the documented normalisation
(page.py's docstring and the README), not from page.py's tables.

Normalisation only (a) replaces one character by one (full-width digits and signs, the minus sign,
white space of any width becoming a plain space, a full-width or middle dot between digits) and
(b) deletes characters (line breaks, zero-width characters and the BOM, spaces at the ends of a
line and the extra spaces of a run); between paragraphs it inserts ``\\n\\n``.  So every character of
``page.text`` other than a separator comes from exactly one raw character, in order, and every
raw character that maps to none is one of the deletable ones.
"""
from __future__ import annotations

# one raw character -> its normalised form (by hand from the documentation)
FOLD = {chr(0xFF10 + d): str(d) for d in range(10)}
FOLD.update({"％": "%", "﹪": "%", "＋": "+", "－": "-", "−": "-", "＝": "=", "／": "/"})
SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f"
FOLD.update({c: " " for c in SPACES if c != " "})
DOTS = "．·"                     # become "." between digits only
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
DELETABLE = set(SPACES + ZERO_WIDTH + "\r\n")


def folds_to(raw_char: str, char: str) -> bool:
    return raw_char == char or FOLD.get(raw_char) == char or (char == "." and raw_char in DOTS)


def assert_offsets_exact(page) -> int:
    """Every character of page.text maps back to the raw character it came from; returns how many
    characters were checked.  Fails on a map that is off by one anywhere."""
    raw, text = page.raw, page.text
    prev = -1
    n = 0
    for i, c in enumerate(text):
        if c == "\n":            # the only line breaks left are the inserted paragraph separators
            continue
        j = page.raw_offset(i)
        assert prev < j < len(raw), (i, c, prev, j)
        assert folds_to(raw[j], c), (i, c, j, raw[j])
        skipped = raw[prev + 1:j]
        assert set(skipped) <= DELETABLE, (i, c, skipped)
        assert page.raw_span(i, i + 1) == (j, j + 1), (i, c)
        prev = j
        n += 1
    assert set(raw[prev + 1:]) <= DELETABLE, raw[prev + 1:]
    return n


def assert_span_exact(page, start: int, end: int) -> None:
    """page.raw[page.raw_span(start, end)] is the span's own text: the same characters, in order,
    with nothing but deletable characters between them."""
    text = page.text
    a, b = page.raw_span(start, end)
    piece = page.raw[a:b]
    want = [c for c in text[start:end] if c != "\n"]
    got = []
    k = 0
    for ch in piece:
        if k < len(want) and folds_to(ch, want[k]) and not (ch in DELETABLE and want[k] != " "):
            got.append(want[k])
            k += 1
        else:
            assert ch in DELETABLE, (start, end, piece, ch)
    assert got == want, (start, end, piece, text[start:end])
    assert folds_to(piece[0], want[0]) and folds_to(piece[-1], want[-1]), (start, end, piece)
