"""Time and peak memory of reading and extracting pages of 17 KB, 1 MB and 50 MB.

Each measurement runs in a fresh process so that peak resident memory (ru_maxrss) belongs to it
alone; the baseline is the same process after importing newspage and pandas.  Pages are built from
the seed by repetition (each copy keeps its seven stories).

    .venv/bin/python bench/bench_size.py            # 17 KB, 1 MB, 50 MB
    .venv/bin/python bench/bench_size.py --quick    # 17 KB, 1 MB, 5 MB
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_3ec54a674129ce63.txt"

CHILD = r"""
import json, resource, sys, time
import pandas, newspage
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path, stages = sys.argv[1], sys.argv[2].split(",")
t0 = time.perf_counter()
page = newspage.read_page(path)
times = {"read_page": time.perf_counter() - t0}
rows = {}
for st in stages:
    t = time.perf_counter()
    df = page.table(st)
    times[st] = time.perf_counter() - t
    rows[st] = len(df)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"times": times, "rows": rows, "peak_mb": (peak - base) / 1024, "chars": len(page.text)}))
"""


def run(path: Path, stages: list[str]) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, str(path), ",".join(stages)],
                       capture_output=True, text=True, timeout=3600)
    if r.returncode:
        raise SystemExit(r.stderr)
    return json.loads(r.stdout)


def main() -> None:
    quick = "--quick" in sys.argv
    seed = SEED.read_text(encoding="utf-8")
    sizes = [("17 KB", 1), ("1 MB", None), ("5 MB" if quick else "50 MB", None)]
    targets = {"17 KB": 17_140, "1 MB": 2**20, "5 MB": 5 * 2**20, "50 MB": 50 * 2**20}
    import newspage.tables as tables
    all_tables = list(tables.registry())
    heavy = {"tokens", "keywords"}  # jieba over the whole page: measured up to 1 MB
    print(f"{'size':>6} {'bytes':>10} {'stage':>12} {'seconds':>9} {'rows':>9} {'MB/s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, _ in sizes:
            reps = max(1, targets[label] // len(seed.encode()))
            f = Path(tmp) / f"page_{label.replace(' ', '')}.txt"
            f.write_text("\n\n".join([seed] * reps), encoding="utf-8")
            nbytes = f.stat().st_size
            stages = [s for s in all_tables if label in ("17 KB", "1 MB") or s not in heavy]
            res = run(f, stages)
            for st, sec in res["times"].items():
                print(f"{label:>6} {nbytes:>10} {st:>12} {sec:>9.3f} {res['rows'].get(st, ''):>9} "
                      f"{nbytes / 2**20 / sec if sec else float('inf'):>7.1f}")
            total = sum(res["times"].values())
            print(f"{label:>6} {nbytes:>10} {'TOTAL':>12} {total:>9.3f}   peak memory over baseline: "
                  f"{res['peak_mb']:.0f} MB ({res['peak_mb'] / (nbytes / 2**20):.1f} x the input)\n")


if __name__ == "__main__":
    main()
