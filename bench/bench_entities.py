"""Entities and tokens per page: jieba passes and milliseconds, against one plain jieba.posseg pass.

    .venv/bin/python bench/bench_entities.py [PAGE_OR_FOLDER ...]   # default: the seed, tests/data/dev_pages
                                                                     # and tests/data/corpus/dev when present

For each page it counts the characters handed to jieba (the project's POS tokenizer, wrapped)
while the ``entities`` and then the ``tokens`` table are built, divided by the page's length:
1.00 is one pass over the page.  The target (issue 13) is entities at one pass or less, tokens
sharing it (so ~0 more).  Times are the median of ``--repeat`` fresh pages (default 3) after a warm
up; ``plain`` is one plain ``jieba.posseg`` pass over the same text in the same run, the peer the
ratio is taken against.  Exit status 1 when any page needs more than one pass for entities.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))


def _pages(args: list[str]) -> list[Path]:
    if not args:
        args = [str(ROOT / "seeds" / "000_3ec54a674129ce63.txt"), str(ROOT / "tests" / "data" / "dev_pages")]
        if (ROOT / "tests" / "data" / "corpus" / "dev").is_dir():
            args.append(str(ROOT / "tests" / "data" / "corpus" / "dev"))
    out = []
    for a in args:
        p = Path(a)
        # a folder's pages; upper-case names (FIRST_RUN.txt, README) are notes, not pages
        out += sorted(x for x in p.glob("*.txt") if not x.stem[:1].isupper()) if p.is_dir() else [p]
    return [p for p in out if "heldout" not in p.parts]


def main(argv: list[str]) -> int:
    import logging

    import jieba
    import jieba.posseg

    import newspage
    from newspage import words

    repeat = 3
    if "--repeat" in argv:
        k = argv.index("--repeat")
        repeat = int(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    tok = words.tokenizer()
    orig = tok.cut
    count = [0]

    def counting(s, *a, **kw):
        count[0] += len(s)
        return orig(s, *a, **kw)

    tok.cut = counting
    jieba.setLogLevel(logging.WARNING)
    plain = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    seed = newspage.read_page(ROOT / "seeds" / "000_3ec54a674129ce63.txt")
    seed.entities, seed.tokens
    list(plain.cut(seed.text))                      # warm both dictionaries
    print(f"{'page':28} {'chars':>6} | {'ent passes':>10} {'tok passes':>10} | {'ent ms':>7} {'tok ms':>7} "
          f"{'plain ms':>8} {'ent/plain':>9}")
    worst = 0.0
    tot = {"chars": 0, "ent": 0.0, "tok": 0.0, "plain": 0.0}
    for path in _pages(argv):
        ent_t, tok_t, plain_t = [], [], []
        for _ in range(repeat):
            page = newspage.read_page(path)
            for name in ("stories", "paragraphs", "sentences", "credits", "quantities", "dates"):
                getattr(page, name)
            count[0] = 0
            t = time.perf_counter()
            page.entities
            ent_t.append(time.perf_counter() - t)
            ent_pass = count[0] / len(page.text)
            count[0] = 0
            t = time.perf_counter()
            page.tokens
            tok_t.append(time.perf_counter() - t)
            tok_pass = count[0] / len(page.text)
            t = time.perf_counter()
            list(plain.cut(page.text))
            plain_t.append(time.perf_counter() - t)
        worst = max(worst, ent_pass)
        e, k, p = (statistics.median(x) * 1000 for x in (ent_t, tok_t, plain_t))
        tot["chars"] += len(page.text)
        tot["ent"] += e
        tot["tok"] += k
        tot["plain"] += p
        print(f"{path.name[:28]:28} {len(page.text):6d} | {ent_pass:10.2f} {tok_pass:10.2f} | {e:7.1f} {k:7.1f} "
              f"{p:8.1f} {e / p:9.2f}")
    print(f"{'ALL':28} {tot['chars']:6d} | {'max ' + format(worst, '.2f'):>10} {'':>10} | {tot['ent']:7.1f} "
          f"{tot['tok']:7.1f} {tot['plain']:8.1f} {tot['ent'] / tot['plain']:9.2f}")
    print("passes: characters given to jieba / page length; ms: median of", repeat, "fresh pages (shared machine)")
    return 1 if worst > 1.0 + 1e-9 else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
