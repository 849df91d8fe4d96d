"""Corpus mode, measured in one run and printed as ratios (issue 12).

    python bench/bench_corpus.py [--pages 120] [--fresh 60] [--full] [--before-lib PATH]

On a composed archive (bench/make_archive.py):

1. one page of about 6,000 characters -> all tables, once warm (on another page): total and per table
   (median of 3, each as a page never seen: the process's memory of jieba's cuts is cleared first);
   then FRESH distinct pages read one after another in one warm process, as an archive run reads them
   (nothing of a page was seen before: no cache of any kind is warm for it): mean CPU per table and
   per 6,000 characters;
2. `newspage extract --format parquet` on K pages with --jobs 1 and --jobs 2: pages/s and the ratio, whole
   runs and past a run's fixed cost (process start, imports, jieba, warm-up: the same command on one page);
   and against --jobs 2's peer, what a user has without it: two --jobs 1 commands at once, each on half of
   the pages (the runs of these ratios are timed in turn, round after round, the fastest of each kept);
3. --engine dask (a LocalCluster of two workers) against the local engine, whole commands and past each
   engine's fixed cost (a cluster's spawned workers import everything and load jieba: a larger one);
4. a second run over the finished archive against the first;
5. peak memory (resident, the process tree summed and the largest process) for K/2 and K pages;
6. 3,000 pages: measured with --full, otherwise estimated from the --jobs 2 rate.

``--before-lib PATH`` also runs another checkout's library (e.g. a worktree of an earlier commit, its
``lib``; it must have corpus mode) on the same page and pages: its one-page split, its fresh pages and its
`newspage extract --format parquet --jobs 2` over the K pages.

The library's bytecode is written first (as an installation writes it), so that no run pays for compiling
changed modules at its start.  The machine may be shared: compare ratios measured in the same run, not
absolute times.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]

SPLIT = r"""
import json, statistics, sys, time
import newspage, newspage.words
from newspage.tables import registry
text = open(sys.argv[1], encoding="utf-8").read()
newspage.read_page(sys.argv[2]).tables()        # warm on another page: jieba, tries, patterns
runs, cpu = {}, {}
for _ in range(3):
    # what the process remembers of a page it read (jieba's cuts of unknown runs) is forgotten,
    # so that the figure is that of a page never seen, not of the same page read again
    getattr(newspage.words.tokenizer(), "_detail", {}).clear()
    page = newspage.read_page(text=text)
    for name in registry():
        t, c = time.perf_counter(), time.process_time()
        page.table(name)
        runs.setdefault(name, []).append((time.perf_counter() - t) * 1000)
        cpu.setdefault(name, []).append((time.process_time() - c) * 1000)
print(json.dumps({"wall": {k: statistics.median(v) for k, v in runs.items()},
                  "cpu": {k: statistics.median(v) for k, v in cpu.items()}}))
"""


FRESH = r"""
import json, sys, time
import newspage
from newspage.tables import registry
paths = json.loads(sys.argv[1])
newspage.read_page(paths[-1]).tables()          # warm on a page not measured
cpu, chars = {}, 0
for path in paths[:-1]:
    page = newspage.read_page(path)
    chars += len(page.text)
    for name in registry():
        c = time.process_time()
        page.table(name)
        cpu[name] = cpu.get(name, 0.0) + (time.process_time() - c) * 1000
n = len(paths) - 1
print(json.dumps({"cpu": {k: v / n for k, v in cpu.items()}, "chars": chars / n}))
"""


def _make_archive(out: Path, n: int) -> dict:
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "bench" / "make_archive.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod.make_archive(out, n, seed=1)


def measure(cmd: list[str] | list[list[str]], env: dict | None = None) -> tuple[float, float, float, int, float]:
    """Run cmd (or several commands at once: a list of them); return (seconds until all ended, peak RSS of
    the process trees summed in MB, of the largest process, status (the worst), CPU seconds of the whole
    trees: user + system of every process they started, a figure that contention on a shared machine does
    not inflate the way it inflates wall time)."""
    import resource
    cmds = cmd if cmd and isinstance(cmd[0], list) else [cmd]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for c in cmds]
    roots = [psutil.Process(p.pid) for p in procs]
    peak_sum = peak_one = 0.0
    while any(p.poll() is None for p in procs):
        rss = []
        for ps in roots:
            try:
                rss += [q.memory_info().rss for q in [ps] + ps.children(recursive=True) if q.is_running()]
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        if rss:
            peak_sum, peak_one = max(peak_sum, sum(rss)), max(peak_one, max(rss))
        time.sleep(0.05)
    errs = [p.stderr.read() for p in procs]
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    for c, p, err in zip(cmds, procs, errs):
        if p.returncode not in (0, 3):
            print(f"  ! {' '.join(c[:6])} … exited {p.returncode}: {err.strip()[-300:]}", file=sys.stderr)
    status = max((p.returncode for p in procs), key=lambda s: (s not in (0, 3), s))
    return wall, peak_sum / 2**20, peak_one / 2**20, status, cpu


def env_for(lib: str | None) -> dict:
    env = dict(os.environ)
    if lib:
        env["PYTHONPATH"] = lib
    return env


def compile_bytecode(lib: str | None) -> None:
    """Write the bytecode of the library ``lib`` (None: the one this Python imports) as an installation
    does, so that no run below compiles its changed modules again at every start (PYTHONDONTWRITEBYTECODE
    set, or a checkout whose .pyc are older than its sources: up to 0.8 s of each run's fixed cost here,
    which users of an installed package do not pay)."""
    where = subprocess.run([sys.executable, "-c", "import os, newspage; print(os.path.dirname(newspage.__file__))"],
                           env=env_for(lib), capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], stdout=subprocess.DEVNULL, check=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=120,
                    help="K, the pages of the throughput runs (default 120: enough that the workers' start-up, "
                         "a few seconds, does not dominate the rates)")
    ap.add_argument("--repeat", type=int, default=5,
                    help="rounds of the runs the ratios compare, and times each other extract is run; the least "
                         "wall time is kept (default 5: a shared machine's speed moves by up to 45%% between minutes)")
    ap.add_argument("--fresh", type=int, default=60, help="distinct pages of the fresh-page figure (default 60)")
    ap.add_argument("--full", action="store_true", help="also time 3,000 pages with --jobs 2 (long)")
    ap.add_argument("--before-lib", metavar="PATH", help="another checkout's lib/ to compare with (today's code)")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    a = ap.parse_args(argv)
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    cli = [py, "-m", "newspage.cli"]
    k = a.pages
    n_arch = 3000 if a.full else max(k, a.fresh + 1, 60)
    arch = work / "archive"
    manifest = None
    if (arch / "manifest.json").exists():   # a kept archive (--keep) serves if it is large enough
        manifest = json.loads((arch / "manifest.json").read_text(encoding="utf-8"))
    if manifest is None or len(manifest["pages"]) < n_arch:
        shutil.rmtree(arch, ignore_errors=True)
        _make_archive(arch, n_arch)
        manifest = json.loads((arch / "manifest.json").read_text(encoding="utf-8"))
    pages = manifest["pages"]
    print(f"newspage corpus benchmark: {len(pages)} composed pages, mean {statistics.mean(p['chars'] for p in pages):.0f} "
          f"characters; K = {k}; {psutil.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

    for lib in (None, a.before_lib) if a.before_lib else (None,):
        compile_bytecode(lib)

    # 1. one page -> all tables, warm
    one = min(pages[:400], key=lambda p: abs(p["chars"] - 6000))
    one_path = arch / one["path"]
    warm_path = arch / min((p for p in pages[:400] if p is not one), key=lambda p: abs(p["chars"] - 6000))["path"]
    print(f"\n1. one page ({one['chars']} characters) -> all tables, once warm (median of 3, ms; wall and CPU time; "
          f"with --before-lib the two libraries alternate, twice, and the lower figure of each is kept)")

    def split(lib):
        return json.loads(subprocess.run([py, "-c", SPLIT, str(one_path), str(warm_path)], capture_output=True,
                                         text=True, env=env_for(lib), check=True).stdout)
    libs = {"this": None, **({"before": a.before_lib} if a.before_lib else {})}
    splits: dict = {}
    for _ in range(2 if a.before_lib else 1):
        for label, lib in libs.items():
            got = split(lib)
            for kind in ("wall", "cpu"):
                col = splits.setdefault(f"{label} {kind}", {})
                for n, v in got[kind].items():
                    col[n] = min(v, col.get(n, v))
    names = list(splits["this wall"])
    cols = list(splits)
    print("   " + f"{'table':<12}" + "".join(f"{c:>13}" for c in cols))
    for n in names:
        print("   " + f"{n:<12}" + "".join(f"{splits[c].get(n, float('nan')):>13.0f}" for c in cols))
    totals = {c: sum(splits[c].values()) for c in cols}
    print("   " + f"{'total':<12}" + "".join(f"{totals[c]:>13.0f}" for c in cols))
    if a.before_lib:
        print(f"   before/this: wall {totals['before wall'] / totals['this wall']:.2f}x, "
              f"CPU {totals['before cpu'] / totals['this cpu']:.2f}x   (target: this <= 120 ms)")

    n_fresh = min(a.fresh, len(pages) - 1)
    fresh_paths = [str(arch / p["path"]) for p in pages[:n_fresh + 1]]
    print(f"\n1b. {n_fresh} distinct pages, each never seen, read one after another in one warm process "
          f"(mean CPU ms per page; per 6,000 characters at the end)")

    def fresh(lib):
        return json.loads(subprocess.run([py, "-c", FRESH, json.dumps(fresh_paths)], capture_output=True,
                                         text=True, env=env_for(lib), check=True).stdout)
    fr = {label: fresh(lib) for label, lib in libs.items()}
    print("   " + f"{'table':<12}" + "".join(f"{label + ' cpu':>13}" for label in fr))
    for n in names:
        print("   " + f"{n:<12}" + "".join(f"{fr[label]['cpu'].get(n, float('nan')):>13.1f}" for label in fr))
    ftot = {label: sum(v["cpu"].values()) for label, v in fr.items()}
    print("   " + f"{'total':<12}" + "".join(f"{ftot[label]:>13.1f}" for label in fr))
    print("   " + f"{'per 6,000 ch':<12}" + "".join(f"{ftot[label] * 6000 / fr[label]['chars']:>13.1f}" for label in fr)
          + f"   (mean page {fr['this']['chars']:.0f} characters; target <= 120 ms)")

    def copy_pages(folder: Path, chosen: list[dict]) -> Path:
        """``folder`` holding the archive's ``chosen`` pages (kept from an earlier run with --keep)."""
        if not folder.exists():
            for p in chosen:
                dst = folder / p["path"]
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(arch / p["path"], dst)
        return folder

    def command(src: Path, name: str, extra: list[str], fresh: bool = True) -> list[str]:
        """`newspage extract src` into out-NAME (emptied first when ``fresh``)."""
        out = work / f"out-{name}"
        if fresh:
            shutil.rmtree(out, ignore_errors=True)
        return cli + ["extract", str(src), "-o", str(out), "--no-progress"] + extra

    # the K pages
    sub = copy_pages(work / f"k{k}", pages[:k])
    chars = sum(p["chars"] for p in pages[:k])

    def extract(name, extra, src=sub, lib=None, fresh=True, repeat=None):
        """The run ``repeat`` times (2 unless told); the one of least wall time (a shared machine only ever
        adds time)."""
        runs = [measure(command(src, name, extra, fresh), env_for(lib)) for _ in range(repeat or min(2, a.repeat))]
        return min(runs, key=lambda r: r[0])

    # The runs the ratios compare are timed in rounds (each once a round, in turn), so that a shared
    # machine's changing speed (up to 45% between minutes here) falls on all of them alike rather than on
    # whichever ran in a slow minute.  "Two --jobs 1 at once" is the peer of --jobs 2 a user has without it:
    # the pages split in two halves by hand, one command on each, run together.
    single = copy_pages(work / "k1", pages[:1])
    halves = [copy_pages(work / f"k{k}-{i}", pages[i:k:2]) for i in (0, 1)]
    parquet1 = ["--format", "parquet", "--jobs", "1"]
    parquet2 = ["--format", "parquet", "--jobs", "2"]
    plan = {"j1": [(sub, "j1", parquet1)], "j2": [(sub, "j2", parquet2)],
            "pair": [(h, f"pair{i}", parquet1) for i, h in enumerate(halves)],
            "one1": [(single, "one1", parquet1)], "one2": [(single, "one2", parquet2)],
            "dask": [(sub, "dask", parquet2 + ["--engine", "dask"])],
            "oned": [(single, "oned", parquet2 + ["--engine", "dask"])]}
    rounds: dict = {key: [] for key in plan}
    for _ in range(a.repeat):
        for key, runs in plan.items():
            rounds[key].append(measure([command(*run) for run in runs], env_for(None)))
    best = {key: min(got, key=lambda r: r[0]) for key, got in rounds.items()}
    j1, j2, pair, f1, f2, dk, fd = (best[key] for key in ("j1", "j2", "pair", "one1", "one2", "dask", "oned"))

    def per_round(fn) -> str:
        """fn(round's results by key) in each round: their median and range (the machine's spread)."""
        got = sorted(fn({key: rounds[key][i] for key in rounds}) for i in range(a.repeat))
        return f"median of the {a.repeat} rounds {statistics.median(got):.2f}x, from {got[0]:.2f} to {got[-1]:.2f}"

    def past(r, n, one, starts=1):
        """Pages a second past the fixed cost: run ``r`` of ``n`` pages less ``one``, the same command on one
        page, paid by each of its ``starts`` processes at once."""
        return (n - starts) / (r[0] - one[0]) if r[0] > one[0] else float("nan")

    print(f"\n2-5. newspage extract on K = {k} pages ({chars / 1000:.0f} K characters), --format parquet "
          f"(each run {a.repeat} times, the fastest kept; the runs of the ratios in turn, round after round)")
    rows = [("local --jobs 1", k, j1), ("local --jobs 2", k, j2), ("two --jobs 1 at once, K/2 pages each", k, pair)]
    again = extract("j2", parquet2, fresh=False)
    rows.append(("second run (all done)", 0, again))
    rows.append(("dask LocalCluster, 2 workers", k, dk))
    half = copy_pages(work / f"k{k // 2}", pages[: k // 2])
    jh = extract("half", parquet2, src=half)
    rows.append((f"local --jobs 2, K/2 = {k // 2} pages", k // 2, jh))
    # a run's fixed cost: the same command on one page (start, imports, jieba, warm-up, one page, the views)
    rows += [("local --jobs 2, one page", 1, f2), ("local --jobs 1, one page", 1, f1), ("dask LocalCluster, one page", 1, fd)]
    csv = extract("csv", ["--jobs", "2"])
    rows.append(("local --jobs 2, --format csv", k, csv))
    if a.before_lib:  # the other library (a checkout with corpus mode), same pages, same options as --jobs 2
        before = extract("before", parquet2, lib=a.before_lib)
        rows.append(("before: the other library, --jobs 2", k, before))
    print(f"   {'run':<38}{'seconds':>9}{'CPU s':>8}{'pages/s':>9}{'peak MB (tree)':>16}{'largest process':>17}")
    for label, n, (sec, tree, largest, _, cpu) in rows:
        rate = n / sec if n else float("nan")       # a second run reads no page
        print(f"   {label:<38}{sec:>9.1f}{cpu:>8.1f}{rate:>9.2f}{tree:>16.0f}{largest:>17.0f}")
    print("\n   ratios (targets from issue 12)")
    print(f"   --jobs 2 pages/s                           {k / j2[0]:8.2f}   (target >= 15 on an idle 2-core machine)")
    print(f"   --jobs 2 / --jobs 1 speed                  {j1[0] / j2[0]:8.2f}x  (target >= 1.7x; "
          + per_round(lambda r: r["j1"][0] / r["j2"][0]) + ")")
    print(f"   dask / local time                          {dk[0] / j2[0]:8.2f}x  (target <= 1.5x; "
          + per_round(lambda r: r["dask"][0] / r["j2"][0]) + ")")
    print(f"   second run / first run time                {again[0] / j2[0]:8.1%}   (target <= 5%)")
    print(f"   peak memory K / K/2 (tree, summed)         {j2[1] / jh[1]:8.2f}x  (flat: about 1)")
    print(f"   peak memory K / K/2 (largest process)      {j2[2] / jh[2]:8.2f}x")
    print(f"   CPU per page, --jobs 1 / --jobs 2 / dask   {j1[4] / k:8.2f} / {j2[4] / k:.2f} / {dk[4] / k:.2f} s "
          f"(process start, imports and warm-up included)")
    print(f"   second run / first run, CPU                {again[4] / j2[4]:8.1%}")
    print(f"   an idle 2-core machine would give about    {2 * k / j2[4]:8.1f} pages/s (2 cores / CPU s per page, "
          f"assuming the two workers do not slow each other)")
    # A run's fixed cost (start the process, import, load jieba, warm up, write the views) is paid once
    # however many pages follow; an archive of thousands of pages runs at the rate past it: the K-page
    # run's time less that of the same command on one page, for K - 1 pages.
    steady2, steady1 = past(j2, k, f2), past(j1, k, f1)
    print(f"   past the fixed cost: --jobs 2 pages/s      {steady2:8.2f}   (K pages less one page; fixed cost of a "
          f"run {f2[0]:.1f} s; target >= 15)")
    print(f"   past the fixed cost: --jobs 2 / --jobs 1   {steady2 / steady1:8.2f}x  (--jobs 1: {steady1:.2f} pages/s, "
          f"fixed cost {f1[0]:.1f} s; target >= 1.7x; "
          + per_round(lambda r: past(r["j2"], k, r["one2"]) / past(r["j1"], k, r["one1"])) + ")")
    # the peer: two halves at once, K - 2 pages past the two processes' fixed costs (paid at the same time)
    steadyp = past(pair, k, f1, starts=2)
    print(f"   the peer, two --jobs 1 at once on halves / --jobs 1, past the fixed cost "
          f"{steadyp / steady1:.2f}x  (whole runs {j1[0] / pair[0]:.2f}x)")
    print(f"   --jobs 2 / that peer, past the fixed cost  {steady2 / steadyp:8.2f}x  (whole runs {pair[0] / j2[0]:.2f}x)")
    # a cluster's start (spawned worker processes that import everything and load jieba) is a larger
    # fixed cost than forked local workers': an archive on a cluster runs at the rate past it
    steadyd = past(dk, k, fd)
    print(f"   past the fixed cost: dask / local time     {steady2 / steadyd:8.2f}x  (dask: {steadyd:.2f} pages/s, "
          f"fixed cost {fd[0]:.1f} s; target <= 1.5x; "
          + per_round(lambda r: past(r["j2"], k, r["one2"]) / past(r["dask"], k, r["oned"])) + ")")
    if a.before_lib:
        b = rows[-1][2]
        print(f"   before / this (--jobs 2) time                  {b[0] / j2[0]:8.2f}x   CPU {b[4] / j2[4]:.2f}x")
    if a.full:
        full = extract("full", parquet2, src=arch, repeat=1)
        print(f"\n6. {len(pages):,} pages, --jobs 2 (one run): {full[0] / 60:.1f} min ({len(pages) / full[0]:.1f} pages/s), "
              f"peak {full[1]:.0f} MB, CPU {full[4]:.0f} s (target: 3,000 pages <= 4 min)")
    else:
        print(f"\n6. 3,000 pages at the --jobs 2 rates measured here: about {(f2[0] + 3000 / steady2) / 60:.1f} min "
              f"(fixed cost + 3,000 pages past it; {3000 / (k / j2[0]) / 60:.1f} min at the whole K-page run's rate; "
              f"estimated, --full measures it; target <= 4 min)")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
