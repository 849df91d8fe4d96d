"""Time of every table against the number of quantities in one story, with fitted exponents.

A table whose time grows faster than the text (overlap checks between all pairs of spans, a
search back to the sentence start from every number on a page with no full stop) is what makes
a real archive page of one long line never finish.  Two shapes of story are built, each with N
quantities (N = 1k, 3k, 10k, 30k, 100k):

* ``line``: "盘活率70%，" repeated on one line: no sentence end at all, every figure a rate;
* ``news``: paragraphs of varied news sentences (rates, sums with 其中, changes, shares, counts),
  so every claim finder has work to do;
* ``prose``, ``digits``, ``dates``, ``parts`` (not run by default): shapes that once made a table
  quadratic (unpunctuated prose, one run of digits, dates with no full stop, a 其中 list of N parts).

Each (shape, N, table) runs in a fresh process that first warms up (the table and its
prerequisites on a small news page: jieba's dictionary, compiled patterns, lazy imports are one-time
costs that would otherwise flatten the exponent), then builds the table's prerequisites on the
measured page (quantities before claims, tokens before keywords) and times the table alone.  The
time is the child's CPU time by default (the machine is shared: CPU time is what other processes
disturb least; ``--clock wall`` for elapsed time).  A table that takes longer than ``--cap`` seconds
is stopped and not run at larger sizes. The exponent k is the least-squares slope of log(time)
against log(N) over the sizes measured (time ~ N^k; 1 is linear).  ``--big`` also times the
1.4 M-character one-line page ("盘活率70%，" × 200,000) for every table, each in its own process as
above, and all tables in one process (``page.tables()``, prerequisites shared: what a user waits for).

    .venv/bin/python bench/bench_scaling.py                 # both shapes, 1k … 100k, cap 120 s
    .venv/bin/python bench/bench_scaling.py --tables quantities,claims --shapes line
    .venv/bin/python bench/bench_scaling.py --big --cap 300
    .venv/bin/python bench/bench_scaling.py --sizes 1000,3000,10000 --big   # when the machine is busy
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALL = ["stories", "paragraphs", "sentences", "credits", "quantities", "dates", "entities", "claims",
       "tokens", "keywords"]
# what each table reads of the others (built before the clock starts); the jieba cut of the page is
# shared by entities and tokens and counted in each when it runs alone
PREREQ = {"claims": ["stories", "paragraphs", "sentences", "quantities"], "keywords": ["tokens"],
          "entities": ["stories", "paragraphs"], "dates": ["stories", "paragraphs"],
          "quantities": ["stories", "paragraphs", "sentences"],
          "tokens": ["stories", "sentences", "quantities", "dates"]}

# sentences of the news shape; each holds the number of quantities given beside it
NEWS = [
    ("全市排查企业{a}家，整改到位{b}家，整改率{r}%。", 3),
    ("全县种植蔬菜{t}万亩，其中辣椒{p}万亩、甘蓝{q}万亩。", 3),
    ("全年地区生产总值{g}亿元，比上年增长{c}%。", 2),
    ("其中高新技术企业{b}家，占比{r}%。", 2),
    ("形成了订单式、托管式、入股式三种模式。", 1),
    ("剩余{d}万平方米厂房将于年内盘活。", 1),
]

CHILD = r"""
import json, sys, time
import newspage
path, target, prereq, warm = sys.argv[1], sys.argv[2], [x for x in sys.argv[3].split(",") if x], sys.argv[4]
if warm:
    small = newspage.read_page(text=warm)
    for name in prereq + [target]:
        small.tables() if name == "ALL" else small.table(name)
page = newspage.read_page(path)
for name in prereq:
    page.table(name)
t, c = time.perf_counter(), time.process_time()
if target == "ALL":
    df = page.tables()
    rows = sum(len(d) for d in df.values())
else:
    rows = len(page.table(target))
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "rows": rows,
                  "chars": len(page.text)}), flush=True)
"""


def line_page(n: int) -> str:
    return "盘活存量\n\n" + "盘活率70%，" * n + "\n"


def news_page(n: int) -> str:
    out, k, count, para = ["破题攻坚 盘活存量", ""], 0, 0, []
    while count < n:
        tpl, m = NEWS[k % len(NEWS)]
        i = k // len(NEWS)
        a = 100 + i % 900
        para.append(tpl.format(a=a, b=a * 4 // 5, r=80, t=4 + i % 5, p=2, q=2, g=1000 + i % 9000,
                               c=5 + i % 4, d=10 + i % 90))
        count += m
        k += 1
        if len(para) == 6:
            out += ["".join(para), ""]
            para = []
    if para:
        out.append("".join(para))
    return "\n".join(out) + "\n"


CLOCK = "cpu"
WARM = ""


# shapes that once made one table quadratic (``--shapes prose,digits,dates,parts``); N is the
# number of repeated units: a regex re-scanning a run from each of its characters, a search back
# to the sentence start for every date, a clause searched from its start for every figure
def prose_page(n: int) -> str:      # unpunctuated prose: one run of Han characters
    return "标题\n\n" + "我们一起去看看这片土地上的变化" * max(1, n // 3) + "\n"


def digits_page(n: int) -> str:     # one run of digits
    return "标题\n\n" + "1234567" * max(1, n // 2) + "\n"


def dates_page(n: int) -> str:      # dates with no full stop
    return "标题\n\n" + "2025年3月1日，" * n + "\n"


def parts_page(n: int) -> str:      # a 其中 list of n parts in one clause
    return "标题\n\n全市企业900家，其中" + "、".join(f"甲{i}类{i % 9 + 1}家" for i in range(n)) + "，合计900家。\n"


def run(path: Path, table: str, cap: float) -> dict | None:
    prereq = [p for p in PREREQ.get(table, []) if p != table]
    try:
        r = subprocess.run([sys.executable, "-c", CHILD, str(path), table, ",".join(prereq), WARM],
                           capture_output=True, text=True, timeout=cap + 120)
    except subprocess.TimeoutExpired:
        return None
    if r.returncode:
        raise SystemExit(f"{table} on {path.name}: {r.stderr[-800:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["seconds"] = out[CLOCK]
    return out if out["seconds"] <= cap else dict(out, over=True)


def exponent(points: list[tuple[int, float]]) -> float | None:
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0.02]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    ap.add_argument("--tables", default=",".join(ALL))
    ap.add_argument("--shapes", default="line,news")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds a table may take before it is stopped")
    ap.add_argument("--big", action="store_true", help="also time the 1.4 M-character one-line page")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="cpu (default): the child's CPU time; wall: elapsed time")
    ap.add_argument("--no-warm", action="store_true", help="count one-time start-up costs in the first table")
    args = ap.parse_args()
    global CLOCK, WARM
    CLOCK = args.clock
    WARM = "" if args.no_warm else news_page(60)
    sizes = [int(x) for x in args.sizes.split(",")]
    tables = [t for t in args.tables.split(",") if t]
    makers = {"line": line_page, "news": news_page, "prose": prose_page, "digits": digits_page,
              "dates": dates_page, "parts": parts_page}
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          f"(shared: figures are noisy; compare exponents, not seconds); clock: {CLOCK}"
          f"{'' if WARM else ', no warm-up'}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            print(f"\n== shape {shape}: seconds per table against quantities per story")
            print(f"{'table':>11} " + " ".join(f"{n:>9}" for n in sizes) + "   exponent")
            for table in tables:
                cells, pts, stopped = [], [], False
                for n in sizes:
                    if stopped:
                        cells.append(f"{'-':>9}")
                        continue
                    f = Path(tmp) / f"{shape}_{n}.txt"
                    if not f.exists():
                        f.write_text(makers[shape](n), encoding="utf-8")
                    res = run(f, table, args.cap)
                    if res is None or res.get("over"):
                        cells.append(f"{'>' + str(int(args.cap)):>9}")
                        stopped = True
                        continue
                    cells.append(f"{res['seconds']:9.2f}")
                    pts.append((n, res["seconds"]))
                k = exponent(pts)
                note = "" if not stopped else "  (stopped at the cap)"
                print(f"{table:>11} " + " ".join(cells) + f"   {k:8.2f}" if k is not None else
                      f"{table:>11} " + " ".join(cells) + f"   {'n/a':>8}", note, flush=True)
        if args.big:
            f = Path(tmp) / "big_line.txt"
            f.write_text(line_page(200_000), encoding="utf-8")
            print(f"\n== the one-line page: {f.stat().st_size:,} bytes, "
                  f"{len(line_page(200_000)):,} characters ('盘活率70%，' × 200,000)")
            total = 0.0
            print(f"{'table':>11} {'cpu s':>9} {'wall s':>9} {'rows':>9}")
            for table in tables:
                res = run(f, table, args.cap)
                if res is None or res.get("over"):
                    print(f"{table:>11}  > {args.cap:.0f} s (stopped)", flush=True)
                    total = math.inf
                    continue
                total += res["seconds"]
                print(f"{table:>11} {res['cpu']:9.2f} {res['wall']:9.2f} {res['rows']:>9}", flush=True)
            print(f"{'sum':>11} {total:9.2f} s ({CLOCK}, each table alone)")
            res = run(f, "ALL", args.cap * len(tables))
            if res is None:
                print(f"{'one run':>11}  stopped")
            else:
                print(f"{'one run':>11} {res['cpu']:9.2f} {res['wall']:9.2f} {res['rows']:>9}   "
                      f"(page.tables(): every table, prerequisites shared)")
            print(f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
