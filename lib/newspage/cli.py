"""The ``newspage`` command.

    newspage extract PAGE... -o DIR    write DIR/<table>.csv for every table and DIR/README.md
    newspage check PAGE... [--strict] [--accept FILE]
                                       a readable report of every arithmetic claim and its verdict
    newspage build                     execute the notebooks and render the site

Bad input (a missing, unreadable, empty, binary or undecodable page, an output folder that
cannot be written) exits with status 2 and one line on stderr, and writes nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .page import PageError, read_page

EXIT_USAGE = 2


class CliError(Exception):
    """A one-line error for the user; the command exits with status 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newspage",
        description="Turn the plain text of a Chinese newspaper page into tidy tables and audit its numbers.",
        epilog="Tables: stories, paragraphs, sentences, credits, quantities, dates, entities, claims, "
               "tokens, keywords. See DIR/README.md after `newspage extract` for the codebook.",
    )
    p.add_argument("--version", action="version", version=f"newspage {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser(
        "extract", help="write every table of one or more pages as CSV, with a codebook",
        description="Read each PAGE (UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030 text) and write "
                    "DIR/<table>.csv for every table plus DIR/README.md, the codebook. With several pages "
                    "the rows of all pages go into the same files, told apart by page_id. All pages are "
                    "read before anything is written: bad input writes nothing.")
    ex.add_argument("pages", nargs="+", metavar="PAGE", help="page text file(s)")
    ex.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created if missing)")
    ex.add_argument("--date", metavar="YYYY-MM-DD", help="the page's date, when it cannot be inferred from the text")
    ex.add_argument("--tables", metavar="NAMES", help="comma-separated subset of tables to write (default: all)")

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
    date = _check_date(date)
    pages = []
    for path in paths:
        page = read_page(path, date=date)
        if not _has_chinese(page.text):
            print(f"newspage {command}: warning: {path}: no Chinese text on this page; its tables will be "
                  f"mostly empty", file=sys.stderr)
        pages.append(page)
    return pages


def _check_outdir(out: Path) -> None:
    probe = out
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise CliError(f"{out}: output path is not a folder ({probe} is a file)")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise CliError(f"{out}: output folder cannot be written (permission denied on {probe})")


def cmd_extract(args) -> int:
    import pandas as pd

    from .tables import registry, write_tables

    out = Path(args.output)
    _check_outdir(out)
    pages = _read_all(args.pages, args.date, "extract")
    ids = [p.page_id for p in pages]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise CliError(f"{dup[0]}: two pages have the same file name stem; page ids must be unique")
    schemas = registry()
    names = list(schemas)
    if args.tables:
        wanted = [n.strip() for n in args.tables.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in schemas]
        if unknown:
            raise CliError(f"--tables: unknown table {unknown[0]!r}; tables: {', '.join(schemas)}")
        names = [n for n in names if n in wanted]
    tables = {}
    for name in names:
        frames = [p.table(name) for p in pages]
        tables[name] = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    try:
        write_tables(tables, out, schemas)
    except OSError as exc:
        raise CliError(f"{out}: cannot write: {exc.strerror or exc}") from None
    total = sum(len(p.text) for p in pages)
    print(f"wrote {len(tables)} tables for {len(pages)} page(s) ({total} characters) to {out}/", file=sys.stderr)
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
    from . import build

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
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return {"extract": cmd_extract, "check": cmd_check, "build": cmd_build}[args.command](args)
    except (PageError, CliError) as exc:
        print(f"newspage {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"newspage {args.command}: interrupted; outputs already written are complete, the rest untouched",
              file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
