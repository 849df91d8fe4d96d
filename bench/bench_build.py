"""How long the notebooks take to build: a plain nbconvert loop against `newspage build`.

    .venv/bin/python bench/bench_build.py [--runs N]

Prints, with the environment already installed:
  * plain loop: `jupyter nbconvert --execute --to html` on each notebook, one after the other
    (each in its own process and kernel; outputs pointed at a temporary folder);
  * cold build: `newspage build` into an empty output folder (no cache), in a fresh process,
    for one edition (Chinese) and for both (Chinese and English);
  * no-op build: the same again with nothing changed, in a fresh process;
  * the size of the site (both editions).
Targets: cold build <= 1/3 of the plain loop, no-op build < 1 s (issue 6); both editions <= 1.6x
one edition, site <= 4 MiB (issue 10).  Pass --skip-plain to leave out the plain loop.
Nothing is written inside the project.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

import nbformat  # noqa: E402

from newspage import build  # noqa: E402

BIN = Path(sys.executable).parent


CPU: list[float] = []  # CPU seconds of the last timed command and everything it started


def timed(cmd: list[str], env: dict) -> float:
    import resource

    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [(r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)]
    return time.perf_counter() - t0


def plain_loop(tmp: Path, env: dict) -> tuple[float, int]:
    nbs = build.list_notebooks(ROOT)
    src = tmp / "plain" / "notebooks"
    src.mkdir(parents=True)
    for p in nbs:
        nb = nbformat.read(p, as_version=4)
        build.inject(nb, {"figures_dir": str(tmp / "plain" / "figures"), "data_dir": str(tmp / "plain" / "data" / p.stem)})
        nbformat.write(nb, src / p.name)
    t0 = time.perf_counter()
    for p in sorted(src.glob("*.ipynb")):
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--execute", "--to", "html",
                        "--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.timeout=300",
                        "--output-dir", str(tmp / "plain" / "html"), str(p)],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, len(nbs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="no-op builds to time (median reported)")
    ap.add_argument("--skip-plain", action="store_true", help="do not time the plain nbconvert loop")
    args = ap.parse_args()
    env = dict(os.environ, NEWSPAGE_ROOT=str(ROOT))
    with tempfile.TemporaryDirectory(prefix="newspage-bench-") as d:
        tmp = Path(d)
        plain, n = (0.0, len(build.list_notebooks(ROOT))) if args.skip_plain else plain_loop(tmp, env)
        results = {}
        for label, langs in (("one edition (zh)", ["zh"]), ("both editions", ["zh", "en"])):
            out = tmp / f"build-{len(langs)}"
            cmd = [sys.executable, "-c",
                   "import sys; from newspage import build; "
                   f"sys.exit(build.main({str(ROOT)!r}, out={str(out)!r}, langs={langs!r}))"]
            cold = timed(cmd, env)
            cpu = CPU[0]
            noop = statistics.median(timed(cmd, env) for _ in range(args.runs))
            size = sum(p.stat().st_size for p in (out / "site").rglob("*") if p.is_file())
            results[label] = (cold, noop, size, cpu)
    cores = os.cpu_count() or 1
    print(f"notebooks: {n}, cores: {cores}")
    if plain:
        print(f"plain nbconvert loop      : {plain:6.1f} s")
    for label, (cold, noop, size, cpu) in results.items():
        print(f"cold build, {label:15s}: {cold:6.1f} s wall, {cpu:6.1f} s CPU (all processes)"
              + (f"  ({cold / plain:.2f} of the plain loop)" if plain else ""))
        print(f"no-op build, {label:14s}: {noop:6.2f} s  (median of {args.runs}; target < 1 s)")
        print(f"site, {label:21s}: {size / 2**20:6.2f} MiB")
    one, both = results["one edition (zh)"], results["both editions"]
    print(f"both editions / one       : {both[0] / one[0]:6.2f} wall, {both[3] / one[3]:.2f} CPU  (target <= 1.6; "
          "CPU is the steadier figure on a shared machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
