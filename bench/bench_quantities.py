"""Benchmark: newspage quantities vs cn2an.transform on >= 5 MB of news-style text.

Usage: .venv/bin/python bench/bench_quantities.py [--mb 5] [--cn2an-mb 5]

The corpus is the seed page plus every sentence of the test case files
(tests/data/quantities_cases.jsonl, dates_cases.json), repeated until it reaches --mb MB
(UTF-8).  Both tools see the same lines: newspage's find_quantities runs on each line
(the way extract() runs on each paragraph), cn2an.transform(line, "cn2an") on each line.
Prints chars/s for both (best of --repeat runs, the two tools interleaved so that load from other
processes hits both alike), the ratio, what each found, and peak memory.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from newspage.quantities import find_quantities  # noqa: E402


def corpus(mb: float) -> list[str]:
    import newspage
    seed = newspage.read_page(ROOT / "seeds" / "000_3ec54a674129ce63.txt").text
    lines = [l for l in seed.split("\n") if l.strip()]
    for line in (ROOT / "tests" / "data" / "quantities_cases.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            lines.append(json.loads(line)["text"])
    for c in json.loads((ROOT / "tests" / "data" / "dates_cases.json").read_text("utf-8")):
        lines.append(c["text"])
    unit = "\n".join(lines)
    target = int(mb * 1024 * 1024)
    reps = max(1, target // len(unit.encode("utf-8")) + 1)
    return lines * reps


def seed_corpus(mb: float) -> list[str]:
    """The seed page's paragraphs only, repeated: the number density of a real page."""
    import newspage
    seed = newspage.read_page(ROOT / "seeds" / "000_3ec54a674129ce63.txt").text
    paras = [p for p in seed.split("\n") if p.strip()]
    reps = int(mb * 1024 * 1024) // len(seed.encode("utf-8")) + 1
    return paras * reps


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--cn2an-mb", type=float, default=None, help="run cn2an on this many MB (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool, interleaved; the best counts")
    ap.add_argument("--corpus", choices=["mixed", "seed", "both"], default="both",
                    help="mixed: seed + test sentences (dense in numbers); seed: the seed page's paragraphs")
    args = ap.parse_args()
    for name in (["mixed", "seed"] if args.corpus == "both" else [args.corpus]):
        print(f"=== corpus {name} ===")
        run(corpus(args.mb) if name == "mixed" else seed_corpus(args.mb), args)


def run(lines: list[str], args) -> None:
    n_chars = sum(len(l) for l in lines)
    n_bytes = sum(len(l.encode("utf-8")) + 1 for l in lines)
    print(f"corpus: {len(lines)} lines, {n_chars:,} characters, {n_bytes / 1024 / 1024:.2f} MB UTF-8")

    try:
        import cn2an
    except ImportError:
        cn2an = None
        print("cn2an not installed: no comparison")
    sub = lines
    if args.cn2an_mb:
        k = max(1, int(len(lines) * args.cn2an_mb / args.mb))
        sub = lines[:k]
    sub_chars = sum(len(l) for l in sub)

    def ours() -> tuple[float, int]:
        t = time.perf_counter()
        found = 0
        for line in lines:
            found += len(find_quantities(line))
        return time.perf_counter() - t, found

    def ours_with_what() -> tuple[float, int]:
        # `what` is computed on first use; a page's table reads it for every row
        t = time.perf_counter()
        found = 0
        for line in lines:
            for q in find_quantities(line):
                q.what
                found += 1
        return time.perf_counter() - t, found

    def theirs() -> tuple[float, list[str]]:
        t = time.perf_counter()
        converted = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)   # cn2an warns on every unreadable 万/亿; counted below
            for line in sub:
                converted.append(cn2an.transform(line, "cn2an"))
        return time.perf_counter() - t, converted

    # Best of --repeat runs each, interleaved (ours, theirs, ours, theirs …) so that a busy machine
    # slows both alike; the best run is the one least disturbed by other processes.
    best = best_c = best_w = None
    converted: list[str] = []
    found = 0
    for _ in range(args.repeat):
        dt, found = ours()
        best = dt if best is None else min(best, dt)
        dt_w, _ = ours_with_what()
        best_w = dt_w if best_w is None else min(best_w, dt_w)
        if cn2an is not None:
            dt_c, converted = theirs()
            best_c = dt_c if best_c is None else min(best_c, dt_c)
    ours_rate = n_chars / best
    print(f"newspage find_quantities: {best:.2f} s, {ours_rate / 1e6:.2f} M chars/s, {found:,} quantities "
          f"(best of {args.repeat})")

    # newspage on the whole corpus as one string (no per-line calls)
    whole = "\n".join(lines)
    t = time.perf_counter()
    found_whole = len(find_quantities(whole))
    dt_whole = time.perf_counter() - t
    print(f"newspage on one {len(whole):,}-char string: {len(whole) / dt_whole / 1e6:.2f} M chars/s, {found_whole:,} quantities")

    if cn2an is not None:
        digits = re.compile(r"\d+(?:\.\d+)?")
        before = sum(len(digits.findall(l)) for l in sub)
        after = sum(len(digits.findall(l)) for l in converted)
        theirs_rate = sub_chars / best_c
        print(f"cn2an.transform(line, 'cn2an'): {best_c:.2f} s on {sub_chars:,} chars, {theirs_rate / 1e6:.3f} M chars/s "
              f"(best of {args.repeat}), {after:,} numbers in its output ({after - before:,} converted from Chinese; "
              f"no units, qualifiers or dates told apart)")
        print(f"ratio newspage / cn2an: {ours_rate / theirs_rate:.1f}x (value, unit, qualifier); "
              f"{n_chars / best_w / theirs_rate:.1f}x with `what` read for every quantity "
              f"({n_chars / best_w / 1e6:.2f} M chars/s)")

    # memory
    tracemalloc.start()
    for line in lines[: len(lines) // 5]:
        find_quantities(line)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory during extraction (1/5 of corpus, per line): {peak / 1024:.0f} KiB; "
          f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
