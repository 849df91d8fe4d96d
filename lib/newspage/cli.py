"""The ``newspage`` command.

    newspage extract PATH... -o DIR    every table of every page (files, folders, globs) into DIR
    newspage sql DIR "SELECT …"        query an archive written with --format parquet
    newspage check PAGE... [--strict] [--accept FILE]
                                       a readable report of every arithmetic claim and its verdict
    newspage build                     execute the notebooks and render the site

``extract`` reads pages in parallel, streams their rows to DIR in batches and goes on past a bad
page (recorded in the ``errors`` table): exit status 0 when every page was read, 3 when some failed,
2 when the run could not start (no readable input, an output folder that cannot be written) and 130
when interrupted (pages already finished are kept; the same command again goes on).  ``check`` and
``build`` refuse bad input with one line on stderr and status 2.

Imports are lazy: this module loads only the standard library, so a Ctrl-C at any moment of start-up
ends in one line, never a traceback from inside pandas or jieba.
"""
from __future__ import annotations

import sys

EXIT_USAGE = 2
EXIT_SOME_FAILED = 3


class CliError(Exception):
    """A one-line error for the user; the command exits with status 2."""


def _parser():
    import argparse

    p = argparse.ArgumentParser(
        prog="newspage",
        description="Turn the plain text of a Chinese newspaper page into tidy tables and audit its numbers.",
        epilog="Tables: stories, paragraphs, sentences, credits, quantities, dates, entities, claims, "
               "tokens, keywords, and errors for an archive. See DIR/README.md after `newspage extract` "
               "for the codebook.",
    )
    from . import __version__

    p.add_argument("--version", action="version", version=f"newspage {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser(
        "extract", help="write every table of one or many pages (files, folders, globs), with a codebook",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read every PATH (a page file; a folder, searched for *.txt below it; or a quoted glob such as "
                    "'archive/**/*.txt') and write the tables of all pages into DIR, told apart by page_id: the "
                    "page's path relative to the folder or glob root without .txt (2020/0102/01), or the stem of "
                    "a file named on its own.\n\n"
                    "Pages are read in parallel (--jobs) and their rows written to DIR in batches, so memory stays "
                    "flat however many pages there are. A page that cannot be read is recorded in the errors "
                    "table (file, problem) and the run goes on; each page's rows are written whole or not at all. "
                    "Ctrl-C keeps the pages already finished; the same command again skips every page already "
                    "done (same SHA-256, same library version) and reads the rest.\n\n"
                    "Exit status: 0 every page read; 3 some pages failed (see the errors table); 2 the run could "
                    "not start (no readable input, an output folder that cannot be written, an archive written "
                    "by another table schema); 130 interrupted.")
    ex.add_argument("pages", nargs="+", metavar="PATH", help="page files, folders or quoted globs")
    ex.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created if missing)")
    ex.add_argument("--format", choices=["csv", "parquet"], default="csv",
                    help="csv (default): DIR/<table>.csv, for a handful of pages; parquet: DIR/<table>/*.parquet "
                         "and DIR/newspage.duckdb with a view per table, for an archive (query it with `newspage sql`)")
    ex.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes, one warm worker per core "
                    "(default: all cores)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local (default): worker processes on this machine; dask: the same function on "
                         "dask.distributed (a LocalCluster of --jobs workers, or --scheduler)")
    ex.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: a running scheduler, e.g. tcp://10.0.0.5:8786")
    ex.add_argument("--date", metavar="YYYY-MM-DD", help="the page's date, when it cannot be inferred from the text")
    ex.add_argument("--tables", metavar="NAMES", help="comma-separated subset of tables to write (default: all)")
    ex.add_argument("--batch", type=int, default=0, metavar="N", help="pages written per commit (default: 32 per "
                    "worker, at least 64; a batch is also written every minute)")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar (it is shown only on a terminal anyway)")

    sq = sub.add_parser(
        "sql", help="run a SQL query on an archive written with --format parquet and print the result",
        description="Open DIR/newspage.duckdb (a view per table over its Parquet dataset) and print the result of "
                    "QUERY as a table, e.g. newspage sql DIR \"SELECT unit, count(*) n FROM quantities GROUP BY 1 "
                    "ORDER BY n DESC LIMIT 10\".")
    sq.add_argument("archive", metavar="DIR", help="an archive folder written by `newspage extract --format parquet`")
    sq.add_argument("query", metavar="QUERY", help="one SQL statement (DuckDB dialect)")
    sq.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")
    sq.add_argument("--max-rows", type=int, default=100, metavar="N", help="rows to print (default 100; 0: all)")

    ck = sub.add_parser(
        "check", help="report every arithmetic claim (rates, shares, sums, differences) with its verdict",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Recompute every stated rate, share, sum, difference and repeated total of each PAGE "
                    "and print a report grouped by story.\n\n"
                    "Exit status 0; with --strict 1 when a claim is inconsistent with confidence 'sure' (exactly "
                    "one pairing of the figures fits) and not accepted; 2 for bad input.",
        epilog="Accept file (--accept FILE): CSV, UTF-8, one row per claim a reviewer signed off, '#' lines "
               "are comments:\n\n"
               "  page_sha256,claim_id,reason\n"
               "  3ec54a67…(64 hex digits),s01c04,\"checked with the bureau: the total includes two closed firms\"\n\n"
               "page_sha256 is the page file's SHA-256, printed in each page's header by `newspage check`; "
               "an accepted claim is shown as AC with its reason and no longer fails --strict.")
    ck.add_argument("pages", nargs="+", metavar="PAGE", help="page text file(s)")
    ck.add_argument("--strict", action="store_true",
                    help="exit with status 1 when a claim is inconsistent for sure and not accepted")
    ck.add_argument("--accept", metavar="FILE",
                    help="CSV of reviewed claims (page_sha256,claim_id,reason): accepted claims do not fail --strict")
    ck.add_argument("--date", metavar="YYYY-MM-DD", help="the page's date, when it cannot be inferred")

    bd = sub.add_parser(
        "build", help="execute the notebooks (parallel, cached) and render the site",
        description="Execute every notebook in notebooks/ headless with a per-cell timeout, skipping those "
                    "whose inputs have not changed, then render site/ with an index.")
    bd.add_argument("--root", default=".", metavar="DIR", help="project root (default: current folder)")
    bd.add_argument("--jobs", type=int, default=0, metavar="N", help="notebooks run at once (default: cores)")
    bd.add_argument("--force", action="store_true", help="re-execute even when nothing changed")
    bd.add_argument("--timeout", type=int, default=300, metavar="SECONDS", help="per-cell timeout (default 300)")
    bd.add_argument("--page", metavar="PAGE", help="build an edition for this page under site/pages/<page_id>/ "
                    "with the notebooks that apply to any page (the story notebooks are skipped); the seed's "
                    "figures/, data/ and site/ pages are left as they are")
    bd.add_argument("--lang", default="all", choices=["zh", "en", "all"],
                    help="the edition to build: zh (site/), en (site/en/) or all (default)")
    bd.add_argument("--out", metavar="DIR", help="write data/, figures/ and site/ under DIR (default: the root)")
    bd.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                    help="only these notebooks (names with or without .ipynb; default: all)")
    return p


def _check_date(date):
    """A bad --date is the flag's fault, not the page's: say so before reading any page."""
    if date is None:
        return None
    import datetime as dt
    try:
        return dt.date.fromisoformat(date.strip())
    except ValueError:
        raise CliError(f"--date: {date!r} is not a date written YYYY-MM-DD (e.g. 2026-04-14)") from None


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


def _read_all(paths, date=None, command=""):
    from .page import read_page

    date = _check_date(date)
    pages = []
    for path in paths:
        page = read_page(path, date=date)
        if not _has_chinese(page.text):
            print(f"newspage {command}: warning: {path}: no Chinese text on this page; its tables will be "
                  f"mostly empty", file=sys.stderr)
        pages.append(page)
    return pages


def _check_outdir(out) -> None:
    import os
    probe = out
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise CliError(f"{out}: output path is not a folder ({probe} is a file)")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise CliError(f"{out}: output folder cannot be written (permission denied on {probe})")


def cmd_extract(args) -> int:
    from pathlib import Path

    from . import corpus

    out = Path(args.output)
    _check_outdir(out)
    names = None
    if args.tables:
        from .tables import registry
        schemas = registry()
        wanted = [n.strip() for n in args.tables.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in schemas]
        if unknown:
            raise CliError(f"--tables: unknown table {unknown[0]!r}; tables: {', '.join(schemas)}")
        names = [n for n in schemas if n in wanted]
    if args.scheduler and args.engine != "dask":
        raise CliError("--scheduler goes with --engine dask")
    if args.jobs < 0:
        raise CliError("--jobs: give a number of worker processes (0: all cores)")
    _check_date(args.date)
    if args.batch < 0:
        raise CliError("--batch: give a number of pages (0: the default)")
    shield = corpus.Shield().install()  # SIGINT waits while a batch is committed
    try:
        s = corpus.run(args.pages, out, fmt=args.format, tables=names, date=args.date, jobs=args.jobs,
                       engine=args.engine, scheduler=args.scheduler, batch=args.batch,
                       progress=False if args.no_progress else None, shield=shield)
    except corpus.ArchiveError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{out}: cannot write: {exc.strerror or exc}") from None
    finally:
        shield.uninstall()
    shown = s.errors[:10]
    for path, problem in shown:
        print(f"newspage extract: {path}: {problem}", file=sys.stderr)
    if len(s.errors) > len(shown):
        print(f"newspage extract: … and {len(s.errors) - len(shown)} more failed pages (the errors table lists them all)",
              file=sys.stderr)
    if s.interrupted:
        print(f"newspage extract: interrupted; {s.read} page(s) finished in this run are kept in {out}/; "
              "run the same command again to go on", file=sys.stderr)
        return 130
    if s.status == EXIT_USAGE:
        return EXIT_USAGE
    rate = s.read / s.seconds if s.seconds > 0 else 0.0
    done = f", {s.skipped} already done" if s.skipped else ""
    failed = f", {s.failed} failed (errors table)" if s.failed else ""
    print(f"newspage extract: {s.pages} page(s): {s.read} read ({s.chars} characters){failed}{done}; "
          f"{s.seconds:.1f} s ({rate:.1f} pages/s) into {out}/", file=sys.stderr)
    return s.status


def cmd_sql(args) -> int:
    from . import corpus

    try:
        con = corpus.connect(args.archive)
    except corpus.ArchiveError as exc:
        raise CliError(str(exc)) from None
    import duckdb
    try:
        df = con.execute(args.query).df()
    except duckdb.Error as exc:
        raise CliError("query failed: " + " ".join(str(exc).split())) from None
    finally:
        con.close()
    if args.csv:
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
        return 0
    import pandas as pd
    limit = None if args.max_rows == 0 else args.max_rows
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 60, "display.unicode.east_asian_width", True):
        shown = df if limit is None or len(df) <= limit else df.head(limit)
        sys.stdout.write(shown.to_string(index=False) + "\n")
    if limit is not None and len(df) > limit:
        print(f"({len(df)} rows; the first {limit} shown; --max-rows 0 shows all)", file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    from . import claims

    accepted = {}
    if args.accept:
        try:
            accepted = claims.read_accepted(args.accept)
        except claims.AcceptError as exc:
            raise CliError(f"--accept: {exc}") from None
    pages = _read_all(args.pages, args.date, "check")
    failing = 0
    for page in pages:
        report, summary = claims.report_details(page, accepted)
        sys.stdout.write(report)
        failing += summary["failing"]
    return 1 if (args.strict and failing) else 0


def cmd_build(args) -> int:
    from pathlib import Path

    from . import build
    from .page import read_page

    nbs = None
    if args.notebooks:
        nbs = []
        for name in args.notebooks:
            cands = [Path(name), Path(args.root) / "notebooks" / name, Path(args.root) / "notebooks" / f"{name}.ipynb"]
            found = next((c for c in cands if c.is_file() and c.suffix == ".ipynb"), None)
            if found is None:
                raise CliError(f"{name}: no such notebook in {Path(args.root) / 'notebooks'}")
            nbs.append(found)
    if args.page:
        read_page(args.page)  # a bad page is refused here, in one line, before any kernel starts
    langs = None if args.lang == "all" else [args.lang]
    return build.main(root=args.root, jobs=args.jobs, force=args.force, timeout=args.timeout,
                      out=args.out, page=args.page, notebooks=nbs, langs=langs)


def main(argv: list[str] | None = None) -> int:
    command = "newspage"
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return EXIT_USAGE
        command = f"newspage {args.command}"
        try:
            return {"extract": cmd_extract, "sql": cmd_sql, "check": cmd_check,
                    "build": cmd_build}[args.command](args)
        except CliError as exc:
            print(f"{command}: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except ValueError as exc:  # PageError is a ValueError; importing it up front would load pandas
            from .page import PageError
            if not isinstance(exc, PageError):
                raise
            print(f"{command}: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{command}: interrupted; outputs already written are complete, the rest untouched", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
