"""Inconsistent verdicts per 100 correct pages, over pages composed by bench/make_archive.py.

    .venv/bin/python bench/bench_claims_precision.py [-n 300] [--seed 1] [--show 20]

make_archive.py composes distinct pages whose arithmetic is correct by construction (the dev corpus
as written, the seed, the composed test pages with their planted errors corrected, and templates
whose stated figures are derived from the printed inputs).  Every ``inconsistent`` claim on them
is therefore a false alarm.  Printed: pages, claims, inconsistent claims (all, and ``sure`` ones:
what makes ``newspage check --strict`` fail) per 100 pages, pages that would fail ``--strict``,
the false alarms grouped by the story they come from, and the first ``--show`` of them.
The goal is under 1 per 100 pages.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))


def _make_archive():
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "bench" / "make_archive.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_archive"] = mod
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=300, help="pages to compose (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=20, help="false alarms to print (default 20)")
    args = ap.parse_args()
    import json

    import newspage

    mk = _make_archive()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "archive"
        mk.make_archive(out, args.n, args.seed)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        pages = manifest["pages"]
        n_claims = n_bad = n_sure = 0
        failing = 0
        alarms = []
        by_source: Counter = Counter()
        t0 = time.perf_counter()
        for rec in pages:
            path = out / rec["path"]
            page = newspage.read_page(path)
            c = page.claims
            n_claims += len(c)
            bad = c[c.verdict == "inconsistent"]
            n_bad += len(bad)
            sure = int((bad.confidence == "sure").sum())
            n_sure += sure
            failing += sure > 0
            for r in bad.itertuples():
                src = next((s["source"] for s in rec["stories"] if s["start"] <= r.start < s["end"]), "?")
                by_source[src] += 1
                alarms.append((rec["path"], src, r.claim_id, r.kind, r.confidence, r.statement[:60], r.explanation))
        secs = time.perf_counter() - t0
    n = len(pages)
    print(f"{n} correct pages (make_archive seed {args.seed}), {n_claims} claims, {secs:.0f} s")
    print(f"inconsistent claims: {n_bad} ({100 * n_bad / n:.2f} per 100 pages); sure: {n_sure} "
          f"({100 * n_sure / n:.2f} per 100 pages); pages failing --strict: {failing}")
    if by_source:
        print("false alarms by story source:")
        for src, k in by_source.most_common():
            print(f"  {k:4d}  {src}")
    for a in alarms[:args.show]:
        print("  ", a)


if __name__ == "__main__":
    main()
