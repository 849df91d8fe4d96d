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


# ---------------------------------------------------------------------------
# Synchronising with a running process on its own signals, never on a sleep
# ---------------------------------------------------------------------------
#
# An interrupt test must hit the process at a known point whatever the machine's load: it waits
# for something the process itself does (a line it prints, a file or folder it creates) and only
# then acts.  ``wait_for_line`` reads the process's stderr (or stdout) line by line;
# ``wait_for_entry`` blocks on inotify (Linux) until a name matching a pattern appears in a folder,
# falling back on polling elsewhere.  Both give up when the process exits first or after
# ``timeout`` seconds, returning None, so a test never hangs.

import ctypes
import ctypes.util
import fnmatch
import os
import re
import select
import struct
import time


def wait_for_line(stream, pattern: str, timeout: float = 120.0) -> str | None:
    """Read lines from ``stream`` (a process's text pipe) until one matches the regex ``pattern``;
    return that line, or None at the end of the stream or after ``timeout`` seconds.  The lines
    read are consumed."""
    rx = re.compile(pattern)
    deadline = time.monotonic() + timeout
    fd = stream.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], min(1.0, max(0.0, deadline - time.monotonic())))
        if not ready:
            continue
        line = stream.readline()
        if not line:
            return None
        if rx.search(line):
            return line
    return None


_IN_CREATE, _IN_MOVED_TO, _IN_NONBLOCK = 0x100, 0x80, 0o4000


def _inotify():
    name = ctypes.util.find_library("c")
    if not name or not hasattr(os, "fork"):
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return libc if hasattr(libc, "inotify_init1") else None
    except OSError:
        return None


def wait_for_entry(folder, pattern: str, proc=None, timeout: float = 120.0):
    """Block until a name matching the glob ``pattern`` exists in ``folder`` (which may not exist
    yet); return its Path, or None when ``proc`` (a Popen) exits first or after ``timeout`` seconds."""
    from pathlib import Path
    folder = Path(folder)
    deadline = time.monotonic() + timeout
    while not folder.is_dir():  # the folder itself may be the process's to create
        if time.monotonic() > deadline or (proc is not None and proc.poll() is not None):
            return None
        time.sleep(0.001)

    def present():
        for name in os.listdir(folder):
            if fnmatch.fnmatch(name, pattern):
                return folder / name
        return None

    libc = _inotify()
    fd = libc.inotify_init1(_IN_NONBLOCK) if libc else -1
    if fd < 0:  # no inotify: poll every millisecond
        while time.monotonic() < deadline:
            hit = present()
            if hit is not None or (proc is not None and proc.poll() is not None):
                return hit
            time.sleep(0.001)
        return None
    try:
        if libc.inotify_add_watch(fd, os.fsencode(folder), _IN_CREATE | _IN_MOVED_TO) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")
        hit = present()  # created before the watch was set
        while hit is None and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                buf = os.read(fd, 65536)
                i = 0
                while i < len(buf):
                    _, _, _, n = struct.unpack_from("iIII", buf, i)
                    name = buf[i + 16:i + 16 + n].rstrip(b"\0").decode()
                    i += 16 + n
                    if fnmatch.fnmatch(name, pattern):
                        hit = folder / name
                        break
            elif proc is not None and proc.poll() is not None:
                return present()
        return hit
    finally:
        os.close(fd)
