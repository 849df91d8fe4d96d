"""Mutation testing of the library's decision functions: ``make mutation`` (on demand, not in CI).

Mutates the functions listed in bench/mutation/targets.toml with mutmut and runs, for each mutant,
the in-process tests that executed that function in a clean run; prints the share of mutants the
tests kill, per module and per function, and writes the survivors to
``.mutation/survivors.txt`` (explained, or to be killed, in bench/mutation/SURVIVORS.md).

    python bench/mutation/run.py [--sample N] [--seed S] [--only MODULE ...] [--jobs N]

mutmut copies the code into a work folder (``.mutation/``, kept between runs so an unchanged
function is not run again).  Two things make it work on this project:

* mutmut knows a package under ``src/`` (or the top level) but not under ``lib/``: the work folder
  holds the package as ``src/newspage``;
* mutmut passes test ids back to pytest, which escapes non-ASCII parametrize ids (``\\u4e00``) and
  then cannot find them: the work folder's pytest configuration keeps ids as written.

Sampling: ``sample`` mutants per module, drawn with ``random.Random(f"{seed}:{module}")`` from the
sorted names of the module's listed functions (0 in targets.toml: all of them); one generator a
module, so a change to one module's code does not change the other modules' samples.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORK = Path(os.environ.get("NEWSPAGE_MUTATION_WORK", ROOT / ".mutation"))
PACKAGE = "newspage"


def load_targets(path: Path = HERE / "targets.toml") -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def prefix(module_file: str, function: str) -> str:
    """mutmut's name prefix for a function (``x_decode``) or a method (``xǁOffsetMapǁ__call__``)."""
    module = module_file.removesuffix(".py").replace("/", ".")
    if "." in function:
        cls, meth = function.split(".", 1)
        return f"{module}.x\u01c1{cls}\u01c1{meth}__mutmut_"
    return f"{module}.x_{function}__mutmut_"


def _sync(source: Path, dest: Path) -> None:
    """Make ``dest`` a copy of ``source`` (no caches), rewriting only files whose bytes differ."""
    skip = {"__pycache__", ".hypothesis"}
    wanted = set()
    for p in source.rglob("*"):
        if skip & set(p.relative_to(source).parts) or not p.is_file() or p.suffix == ".pyc":
            continue
        rel = p.relative_to(source)
        wanted.add(rel)
        d = dest / rel
        data = p.read_bytes()
        if not d.is_file() or d.read_bytes() != data:
            d.parent.mkdir(parents=True, exist_ok=True)
            d.write_bytes(data)
    if dest.is_dir():
        for d in sorted(dest.rglob("*"), reverse=True):
            rel = d.relative_to(dest)
            if d.is_file() and rel not in wanted and not skip & set(rel.parts):
                d.unlink()


def prepare(targets: dict, modules: list[str]) -> None:
    """The work folder: src/newspage, tests, seeds and the configuration mutmut reads."""
    WORK.mkdir(exist_ok=True)
    # refresh the copies, touching only changed files: mutmut's own mutants/ folder stays and
    # regenerates only what changed
    for source, dest in ((ROOT / "lib" / PACKAGE, WORK / "src" / PACKAGE), (ROOT / "tests", WORK / "tests"),
                         (ROOT / "seeds", WORK / "seeds")):
        _sync(source, dest)
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    pyproject = pyproject.replace(
        "[tool.pytest.ini_options]\n",
        "[tool.pytest.ini_options]\ndisable_test_id_escaping_and_forfeit_all_rights_to_community_support = true\n")
    (WORK / "pyproject.toml").write_text(pyproject, "utf-8")
    # every listed file, whichever modules this run names: mutmut rewrites an unlisted file of its
    # mutants/ folder as a plain copy newer than its source and never regenerates it, so a run with
    # --only would leave the other modules without mutants for the next run
    files = [spec["file"] for spec in targets["modules"].values()]
    tests: list[str] = []
    for m in modules:
        tests += [t for t in targets["modules"][m]["tests"] if t not in tests]

    def block(values):
        return "".join(f"\n    {v}" for v in values)
    (WORK / "setup.cfg").write_text(
        "[mutmut]\nsource_paths=src\n"
        f"only_mutate={block('src/' + f for f in files)}\n"
        f"pytest_add_cli_args={block(['-p', 'no:cacheprovider', '-q'])}\n"
        f"pytest_add_cli_args_test_selection={block(tests)}\n"
        "also_copy=seeds\n", "utf-8")


def mutmut(*args: str, log=None) -> int:
    exe = Path(sys.executable).parent / "mutmut"
    r = subprocess.run([str(exe), *args], cwd=WORK, stdout=log, stderr=subprocess.STDOUT)
    return r.returncode


def statuses() -> dict[str, str]:
    exe = Path(sys.executable).parent / "mutmut"
    out = subprocess.run([str(exe), "results", "--all", "true"], cwd=WORK, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+__mutmut_\d+): (.+)$", line)
        if m:
            res[m.group(1)] = m.group(2).strip()
    return res


def _failed(log, t0: float) -> int:
    """mutmut stopped before testing mutants (a test that fails or is not collected in the work
    folder): no score, the end of its log instead."""
    log.close()
    lines = [ln for ln in (WORK / "mutmut.log").read_text("utf-8", "replace").splitlines()
             if "Generating mutants" not in ln and "Running" not in ln[:12]]
    print("\n".join(lines[-25:]), file=sys.stderr)
    print(f"mutmut failed after {time.monotonic() - t0:.0f} s: no score (full log in "
          f"{(WORK / 'mutmut.log').relative_to(ROOT)})", file=sys.stderr)
    return 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, help="mutants per module (default: targets.toml)")
    ap.add_argument("--seed", type=int, help="sampling seed (default: targets.toml)")
    ap.add_argument("--only", nargs="*", help="modules to run (default: all in targets.toml)")
    ap.add_argument("--jobs", type=int, default=0, help="mutmut workers (default: cores)")
    ap.add_argument("--targets", type=Path, default=HERE / "targets.toml", help="the list of functions and tests")
    ap.add_argument("--survivors-only", action="store_true",
                    help="run again only the sampled mutants not killed last time (after adding tests)")
    args = ap.parse_args(argv)
    targets = load_targets(args.targets)
    modules = args.only or list(targets["modules"])
    sample = targets.get("sample", 0) if args.sample is None else args.sample
    seed = targets.get("seed", 0) if args.seed is None else args.seed
    t0 = time.monotonic()
    prepare(targets, modules)
    log = open(WORK / "mutmut.log", "w", encoding="utf-8")
    # 1. generate every mutant of the listed files and record which tests run which function.
    # mutmut has no generate-only command and runs every mutant when a pattern matches none, so
    # this first call names one mutant (the first of the first listed function; with sampling off,
    # all of them)
    globs = [prefix(targets["modules"][m]["file"], f) + "*" for m in modules
             for f in targets["modules"][m]["functions"]]
    first = prefix(targets["modules"][modules[0]]["file"], targets["modules"][modules[0]]["functions"][0]) + "1"
    if mutmut("run", *(globs if not sample else [first]), log=log) != 0:
        return _failed(log, t0)
    names = sorted(statuses())
    by_function: dict[tuple[str, str], list[str]] = {}
    for m in modules:
        spec = targets["modules"][m]
        for f in spec["functions"]:
            p = prefix(spec["file"], f)
            by_function[(m, f)] = [n for n in names if n.startswith(p) and n[len(p):].isdigit()]
            if not by_function[(m, f)]:
                print(f"warning: no mutants for {m}.{f} (renamed or moved? adjust targets.toml)", file=sys.stderr)
    chosen: list[str] = []
    for m in modules:
        # one generator a module, so that a change in one module's mutants leaves the others' sample
        rng = random.Random(f"{seed}:{m}")
        pool = sorted(n for (mm, _), ns in by_function.items() if mm == m for n in ns)
        chosen += pool if not sample or sample >= len(pool) else sorted(rng.sample(pool, sample))
    # 2. run the chosen mutants
    if args.survivors_only:
        before = statuses()
        chosen_run = [n for n in chosen if before.get(n) not in ("killed", "timeout")]
    else:
        chosen_run = chosen
    if chosen_run:
        extra = ["--max-children", str(args.jobs)] if args.jobs else []
        if mutmut("run", *extra, *chosen_run, log=log) != 0:
            return _failed(log, t0)
    log.close()
    st = statuses()
    survivors = []
    print(f"mutation score (killed / mutants run) on the listed functions; seed {seed}, "
          f"{'all mutants' if not sample else f'{sample} sampled per module'}; {time.monotonic() - t0:.0f} s")
    total_k = total_n = 0
    chosen_set = set(chosen)
    for m in modules:
        counts = defaultdict(lambda: [0, 0])
        for (mm, f), ns in by_function.items():
            if mm != m:
                continue
            for n in ns:
                if n not in chosen_set:
                    continue
                s = st.get(n, "not checked")
                counts[f][1] += 1
                if s == "killed" or s == "timeout":
                    counts[f][0] += 1
                else:
                    survivors.append(f"{n}: {s}")
        k = sum(c[0] for c in counts.values())
        n = sum(c[1] for c in counts.values())
        total_k += k
        total_n += n
        print(f"  {m:12} {k:4d}/{n:<4d} {100 * k / n if n else 0:5.1f}%")
        for f, (fk, fn) in sorted(counts.items()):
            print(f"      {f:28} {fk:4d}/{fn:<4d} {100 * fk / fn if fn else 0:5.1f}%")
    print(f"  {'all':12} {total_k:4d}/{total_n:<4d} {100 * total_k / total_n if total_n else 0:5.1f}%")
    (WORK / "survivors.txt").write_text("".join(s + "\n" for s in survivors), "utf-8")
    print(f"{len(survivors)} survivors listed in {(WORK / 'survivors.txt').relative_to(ROOT)}; "
          f"`cd .mutation && mutmut show NAME` shows one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
