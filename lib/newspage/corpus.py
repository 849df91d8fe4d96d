"""Many pages: one pure page -> tables function mapped by an engine, streamed to disk, resumable.

    extract_page(data, source, page_id, ...)  the pure function: a page's bytes -> its tables (or an error)
    discover(inputs)                          files, folders and globs -> pages with unique ids
    run(inputs, out, ...)                     map extract_page over the pages and write the archive

The archive (``OUT``):

    OUT/manifest.jsonl      a header line (format, tables, schema version and fingerprint, options),
                            then one line per page done: page_id, file, sha256, library, status, chars, part
    OUT/README.md           the codebook
    parquet: OUT/<table>/part-*.parquet    one Parquet dataset per table (pyarrow; schema version and
                                           library version in each file's metadata)
             OUT/newspage.duckdb           a DuckDB view per table over its dataset
    csv:     OUT/<table>.csv               assembled from OUT/.parts/<table>/part-*.parquet at the end

Pages are done in batches.  A batch is committed by writing every table's part to a temporary file,
renaming them into place and then appending its pages to the manifest; a page counts as done only
once its manifest line is written, and a part no manifest line names (a crash between the renames and
the manifest) is deleted at the next start.  So each page's rows are whole or absent, Ctrl-C keeps the
pages already finished (SIGINT is held off while a batch is committed), and the same command again
skips every page whose SHA-256 and library version are already in the manifest.  A page whose file
changed, or that an older library read, is read again and its old rows are removed first.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import glob
import hashlib
import json
import os
import signal
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

ARCHIVE_FORMAT = 1          # version of the manifest layout itself
MANIFEST = "manifest.jsonl"
DUCKDB_FILE = "newspage.duckdb"
FORMATS = ("csv", "parquet")


class ArchiveError(Exception):
    """The run cannot start (or go on): one line for the user, exit status 2."""


# ---------------------------------------------------------------------------
# The errors table and versions
# ---------------------------------------------------------------------------

def errors_schema():
    from .tables import Column, Schema
    return Schema("errors", [
        Column("file", "str", "The input file as found (path as given or discovered)"),
        Column("problem", "str", "Why the page was not read, in one line (no such file, empty file, binary data …)"),
    ], sort=["file"], description="One row per input page that could not be read; the run goes on without it.")


def library_version() -> str:
    """The package version plus a short hash of the package's code and data: a page read by other code
    is read again on the next run."""
    from . import __version__
    root = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(list(root.glob("*.py")) + list(root.glob("data/*"))):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return f"{__version__}+{h.hexdigest()[:10]}"


def table_schemas(names: Iterable[str] | None = None) -> dict:
    """The schemas written to an archive: the page tables (all, or ``names``) and ``errors``."""
    from .tables import registry
    reg = registry()
    chosen = {n: s for n, s in reg.items() if names is None or n in set(names)}
    chosen["errors"] = errors_schema()
    return chosen


# ---------------------------------------------------------------------------
# Input discovery
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    path: str
    page_id: str


def _id(path: Path, base: Path) -> str:
    rel = path.relative_to(base)
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def _visible(path: Path, base: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def discover(inputs: Iterable[str]) -> list[Source]:
    """Pages named by files, folders (every ``*.txt`` below, hidden folders skipped) and globs.

    A page's id is its path relative to the folder given (or the fixed part of a glob), without
    ``.txt``: ``2020/0102/01``; a file named on its own keeps its stem.  A file named but missing stays
    in the list (it is reported as a failed page).  Two pages with one id raise :class:`ArchiveError`.
    """
    found: dict[str, Source] = {}
    by_id: dict[str, str] = {}
    for arg in inputs:
        arg = os.fspath(arg)
        if glob.has_magic(arg):
            parts = Path(arg).parts
            fixed = next((i for i, p in enumerate(parts) if glob.has_magic(p)), len(parts))
            base = Path(*parts[:fixed]) if fixed else Path(".")
            hits = [Path(h) for h in sorted(glob.glob(arg, recursive=True))]
            hits = [h for h in hits if h.is_file() and _visible(h, base)]
            if not hits:
                raise ArchiveError(f"{arg}: no file matches this pattern")
            pairs = [(h, _id(h, base)) for h in hits]
        elif Path(arg).is_dir():
            base = Path(arg)
            hits = sorted(p for p in base.rglob("*.txt") if p.is_file() and _visible(p, base))
            if not hits:
                raise ArchiveError(f"{arg}: the folder holds no .txt page")
            pairs = [(h, _id(h, base)) for h in hits]
        else:
            pairs = [(Path(arg), Path(arg).stem)]
        for path, pid in pairs:
            key = os.path.realpath(path)
            if key in found:
                continue
            if pid in by_id:
                raise ArchiveError(f"{by_id[pid]} and {path} would both be page {pid!r}: page ids must be unique "
                                   f"(give their folder instead, so that ids come from the paths below it)")
            by_id[pid] = str(path)
            found[key] = Source(str(path), pid)
    return sorted(found.values(), key=lambda s: s.page_id)


MAX_BYTES = 256 * 1024 * 1024  # newspage.page.MAX_BYTES, kept here so a run with nothing to do never loads pandas


def read_source(src: Source) -> tuple[bytes | None, str | None]:
    """``(bytes, None)`` or ``(None, problem)`` for a file that cannot be read."""
    p = Path(src.path)
    try:
        if p.is_dir():
            return None, "is a directory, not a page file"
        size = p.stat().st_size
        if size > MAX_BYTES:
            return None, f"file too large ({size / 2**20:.0f} MiB; the limit is {MAX_BYTES // 2**20} MiB)"
        return p.read_bytes(), None
    except FileNotFoundError:
        return None, "no such file"
    except PermissionError:
        return None, "permission denied (cannot read the file)"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


# ---------------------------------------------------------------------------
# The pure function
# ---------------------------------------------------------------------------

def extract_page(data: bytes, source: str, page_id: str, tables: list[str] | None = None,
                 date: str | None = None, problem: str | None = None) -> dict:
    """A page's bytes -> ``{"page_id", "file", "sha256", "status", "problem", "chars", "tables"}``.

    ``status`` is ``ok`` with ``tables`` (name -> DataFrame, as ``Page.table`` gives it), or ``error``
    with ``problem`` (one line).  Never raises for a bad page: the same input always gives the same
    result, wherever it runs (a local worker process or a Dask worker).
    """
    from .page import Page, PageError, decode
    sha = hashlib.sha256(data).hexdigest() if problem is None else None
    res = {"page_id": page_id, "file": source, "sha256": sha, "status": "ok", "problem": None, "chars": 0,
           "tables": {}}
    if problem is not None:  # the file could not be read where it was read (see read_source)
        res.update(status="error", problem=problem)
        return res
    try:
        raw, enc = decode(data, source)
        page = Page(raw, source=source, page_id=page_id, encoding=enc, date=date, sha256=sha)
        names = tables if tables is not None else list(table_schemas())[:-1]
        res["tables"] = {name: page.table(name) for name in names}
        res["chars"] = len(page.text)
    except PageError as exc:
        res.update(status="error", problem=exc.problem, tables={})
    except RecursionError:
        res.update(status="error", problem="internal error: recursion too deep on this page", tables={})
    except Exception as exc:  # a library bug on one page must not stop an archive
        msg = " ".join(str(exc).split())[:300]
        res.update(status="error", problem=f"internal error: {type(exc).__name__}: {msg}", tables={})
    return res


# ---------------------------------------------------------------------------
# Tables as Arrow, for the trip to the process that writes them
# ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _written_schema(name: str):
    """The Arrow schema a table is written with (page_id first; pandas' metadata, as
    ``pa.Table.from_pandas`` of the conformed table would give it)."""
    import pandas as pd
    import pyarrow as pa

    from .tables import arrow_schema, conform, registry
    schema = registry()[name] if name != "errors" else errors_schema()
    empty = conform(pd.DataFrame(columns=["page_id"] + schema.names), schema, with_page_id=True)
    return pa.Table.from_pandas(empty, schema=arrow_schema(schema), preserve_index=False).schema


def to_arrow(name: str, df):
    """One page's table (a conformed DataFrame) as the Arrow table it is written as.  Column by column
    from the extension arrays (no copy for strings): a third of ``pa.Table.from_pandas``'s time on
    pages' small tables; any other input goes through ``from_pandas``."""
    import pyarrow as pa
    schema = _written_schema(name)
    try:
        if list(df.columns) == schema.names:
            # the conformed layout: the stored arrays in order, without building a Series per column
            # (``df[name]`` was two thirds of this function's time)
            arrays = df._iter_column_arrays()
        else:
            arrays = (df[n].array for n in schema.names)
        cols = [a.__arrow_array__(type=f.type) for a, f in zip(arrays, schema)]
        return pa.Table.from_arrays(cols, schema=schema)
    except (AttributeError, KeyError, TypeError, pa.ArrowException):
        return pa.Table.from_pandas(df, schema=schema, preserve_index=False)


def pack(res: dict, *, ipc: bool) -> dict:
    """``res`` with its tables as Arrow tables (``ipc``: as Arrow IPC stream bytes, which cross a process
    boundary for a few percent of what pickling DataFrames costs on both sides)."""
    if not res["tables"]:
        return res
    import pyarrow as pa
    tables = {}
    for name, df in res["tables"].items():
        t = to_arrow(name, df)
        if ipc:
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, t.schema) as w:
                w.write_table(t)
            t = sink.getvalue().to_pybytes()
        tables[name] = t
    return {**res, "tables": tables}


def _unpack(t):
    import pyarrow as pa
    if isinstance(t, bytes):
        return pa.ipc.open_stream(t).read_all()
    return t


def extract_packed(*args) -> dict:
    """:func:`extract_page` with its tables packed for another process (what a worker returns)."""
    return pack(extract_page(*args), ipc=True)


def extract_pages(group: list[tuple]) -> list[dict]:
    """:func:`extract_page` on each argument tuple of ``group``, in order, packed (one remote task,
    several pages)."""
    return [extract_packed(*args) for args in group]


def _groups(tasks: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    group: list[tuple] = []
    for args in tasks:
        group.append(args)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


WARM_TEXT = "某县举办丰收节\n\n本报讯 3月5日，某县举办丰收节，吸引游客1万人次，同比增长5%。"


def warm(tables: list[str] | None = None) -> None:
    """Compute ``tables`` of a tiny page once, so the models they need (jieba) load before the first page."""
    from .page import read_page
    with contextlib.suppress(Exception):
        page = read_page(text=WARM_TEXT)
        for name in tables if tables is not None else list(table_schemas())[:-1]:
            page.table(name)


# A page allocates a few hundred thousand container objects (tokens, spans, DataFrame internals) and
# keeps almost none: with the default threshold (700) the collector runs ~25 times a page and each full
# pass walks jieba's and pandas' long-lived objects again.  Frozen after warm-up and with a larger young
# generation, collection costs ~3.7 ms a page of ~5,000 characters instead of ~10.6 (gc callbacks'
# process time over 57 archive pages) with 5,000 objects; with 50,000, 0.9-1.1 ms a page against
# 2.1-2.4 with 5,000 (150 fresh archive pages, two runs each; 3 collections instead of 140): most
# pages' net allocations never reach it.  Peak memory unchanged (364 MB either way in that run).
GC_THRESHOLD = (50000, 10, 10)


@contextlib.contextmanager
def tuned_gc():
    """While extracting in this process: long-lived objects frozen, fewer young collections; restored after."""
    before = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # unfreeze() would thaw what the caller froze: leave theirs alone
    if freeze:
        gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if freeze:
            gc.unfreeze()


def _exit_with_parent(parent: int) -> None:
    """End this worker as soon as ``parent``, the process that started it, is gone.  A Ctrl-C can reach
    the parent while it is starting its workers, between the fork and the pool's record of the new
    process: that worker is then never told to stop (nor terminated with the others), waits for work
    forever and keeps the terminal's output pipes open.  A daemon thread watching the parent ends it."""
    import threading

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch, name="newspage-parent-watch", daemon=True).start()


def warm_worker(tables: list[str] | None = None, parent: int | None = None) -> None:
    """Initialise a local worker process: ignore SIGINT (the parent decides), end with the parent, warm up,
    tune the collector (the process only extracts pages; see :data:`GC_THRESHOLD`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _exit_with_parent(parent)
    warm(tables)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def warm_dask_worker(tables: list[str] | None = None) -> None:
    """Initialise a worker of the LocalCluster this run started (its own processes): warm up, tune the
    collector as a local worker.  A user's cluster (``--scheduler``) is only warmed."""
    warm(tables)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


# ---------------------------------------------------------------------------
# Engines: each maps the pure function with its own futures API
# ---------------------------------------------------------------------------

class LocalEngine:
    """One warm worker process per core (concurrent.futures), or this process for ``jobs == 1``."""

    name = "local"

    def __init__(self, jobs: int, tables: list[str] | None = None):
        self.jobs = max(1, jobs)
        self.tables = tables
        self.pool = None

    def start(self) -> None:
        if self.jobs > 1:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor
            ctx = mp.get_context("fork") if sys.platform.startswith("linux") else None
            if ctx is not None:
                # warm up once here: forked workers inherit jieba's loaded dictionaries instead of
                # each loading them again (a few CPU seconds per worker on a machine of few cores)
                warm(self.tables)
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=warm_worker,
                                            initargs=(self.tables, os.getpid()))

    def map(self, tasks: Iterator[tuple], window: int) -> Iterator[dict]:
        if self.pool is None:
            with tuned_gc():
                for args in tasks:
                    yield pack(extract_page(*args), ipc=False)
            return
        from concurrent.futures import FIRST_COMPLETED, wait
        pending = set()
        for args in tasks:
            pending.add(self.pool.submit(extract_packed, *args))
            while len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()

    # On Ctrl-C the pages a worker already holds are finished (and dropped) for at most this long before
    # the workers are killed; a second Ctrl-C kills them at once.
    GRACE = 5.0

    def stop(self, abort: bool = False) -> None:
        pool, self.pool = self.pool, None
        if pool is None:
            return
        if not abort:
            pool.shutdown(wait=True)
            return
        # Killing a worker while it sends a result leaves half a message in the pool's result pipe: the
        # pool's manager thread then waits for the rest forever, and Python waits for that thread at exit
        # (the interrupted command never ends).  So the pages not yet started are cancelled and the
        # workers, told to stop, finish the page they hold; only past GRACE (a huge page), or at a second
        # Ctrl-C, are they killed, and then the pipe's last writer in this process is closed so that the
        # thread reads the pipe's end instead of waiting.
        manager = getattr(pool, "_executor_manager_thread", None)
        procs = list((getattr(pool, "_processes", None) or {}).values())
        results = getattr(pool, "_result_queue", None)
        pool.shutdown(wait=False, cancel_futures=True)
        if manager is None:
            return
        try:
            manager.join(self.GRACE)
        except KeyboardInterrupt:
            pass
        if not manager.is_alive():
            return
        try:
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the kill below is bounded: let it end
        except ValueError:  # not the main thread
            previous = None
        try:
            for p in procs:
                with contextlib.suppress(Exception):
                    p.terminate()
            for p in procs:
                with contextlib.suppress(Exception):
                    p.join(5)
            with contextlib.suppress(Exception):
                results._writer.close()
            manager.join(5)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)


class DaskEngine:
    """The same function on dask.distributed: a LocalCluster of ``jobs`` workers, or ``scheduler``."""

    name = "dask"
    PER_TASK = 4

    def __init__(self, jobs: int, scheduler: str | None = None, tables: list[str] | None = None):
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.tables = tables
        self.client = None
        self.cluster = None

    def start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - a dependency
            raise ArchiveError("--engine dask needs the packages dask and distributed") from None
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise ArchiveError(f"--scheduler {self.scheduler}: cannot connect ({exc})") from None
        else:
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
        # jieba loads once in each worker (SIGINT is the worker's own business)
        self.client.run(warm if self.scheduler else warm_dask_worker, self.tables)

    def map(self, tasks: Iterator[tuple], window: int) -> Iterator[dict]:
        # pages go in groups of PER_TASK: one task, one scheduler round trip and one result message per
        # group instead of per page (the scheduler's per-task cost is of the order of a page's work)
        from distributed import as_completed
        ac = as_completed()
        n = 0
        for group in _groups(tasks, self.PER_TASK):
            ac.add(self.client.submit(extract_pages, group, pure=False))
            n += 1
            while n >= window:
                f = next(ac)
                n -= 1
                yield from f.result()
                f.release()
        for f in ac:
            yield from f.result()
            f.release()

    def stop(self, abort: bool = False) -> None:
        with contextlib.suppress(Exception):
            if self.client is not None:
                self.client.close()
        with contextlib.suppress(Exception):
            if self.cluster is not None:
                self.cluster.close()
        self.client = self.cluster = None


# ---------------------------------------------------------------------------
# SIGINT: held off while a batch is committed
# ---------------------------------------------------------------------------

class Shield:
    """A SIGINT handler that raises KeyboardInterrupt, except inside ``with shield:`` blocks, where the
    interrupt waits until the block ends (a batch is committed whole)."""

    def __init__(self):
        self.depth = 0
        self.pending = False
        self.previous = None

    def install(self) -> "Shield":
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def uninstall(self) -> None:
        if self.previous is not None:
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGINT, self.previous)

    def _handler(self, signum, frame):
        if self.depth:
            self.pending = True
            return
        raise KeyboardInterrupt

    def __enter__(self):
        self.depth += 1
        return self

    def __exit__(self, *exc):
        self.depth -= 1
        if not self.depth and self.pending:
            self.pending = False
            if exc[0] is None:
                raise KeyboardInterrupt
        return False


# ---------------------------------------------------------------------------
# The archive on disk
# ---------------------------------------------------------------------------

def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Archive:
    """An output folder: its manifest, its parts, and the finished tables (CSV or DuckDB views)."""

    def __init__(self, out: str | os.PathLike, fmt: str, tables: list[str] | None, date: str | None):
        self.out = Path(out)
        self.fmt = fmt
        self.requested = list(tables) if tables is not None else None
        self.date = date
        self.library = library_version()
        self._schemas = None
        self._header = None
        self.parts_root = self.out if fmt == "parquet" else self.out / ".parts"
        self.done: dict[str, dict] = {}
        self.created = False
        self.changed = False          # anything committed or removed by this run
        self.run_id = uuid.uuid4().hex[:8]
        self.seq = 0

    @property
    def schemas(self) -> dict:
        """The schemas written (imports every extracting module: only needed when writing)."""
        if self._schemas is None:
            self._schemas = table_schemas(self.requested)
        return self._schemas

    @property
    def header(self) -> dict:
        if self._header is None:
            from .tables import SCHEMA_VERSION, schema_fingerprint
            self._header = {"newspage_archive": ARCHIVE_FORMAT, "format": self.fmt, "tables": list(self.schemas),
                            "schema_version": SCHEMA_VERSION, "schema_fingerprint": schema_fingerprint(self.schemas),
                            "date": self.date, "library": self.library}
        return self._header

    @property
    def table_names(self) -> list[str]:
        return list(self.header["tables"])

    # -- manifest -------------------------------------------------------------
    @property
    def manifest(self) -> Path:
        return self.out / MANIFEST

    def open(self) -> None:
        """Read the manifest of an existing archive (refusing another layout); clear half-done work."""
        if not self.manifest.exists():
            if self.out.exists() and any(self.out.glob("*/part-*.parquet")):
                raise ArchiveError(f"{self.out}: holds Parquet parts but no {MANIFEST}; use a new output folder")
            return
        lines = self.manifest.read_text(encoding="utf-8").splitlines()
        try:
            head = json.loads(lines[0]) if lines else {}
        except json.JSONDecodeError:
            head = {}
        if head.get("newspage_archive") is None:
            raise ArchiveError(f"{self.manifest}: not a newspage manifest; use a new output folder")
        same_code = (head.get("library") == self.library and head.get("format") == self.fmt
                     and head.get("date") == self.date and isinstance(head.get("tables"), list)
                     and (self.requested is None or head["tables"][:-1] == self.requested))
        if same_code:  # written by this very code with the same options: its layout is this code's
            self._header = dict(head)
        else:
            self._check_header(head)
        for line in lines[1:]:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:  # a line cut short by a crash: that batch never committed
                continue
            self.done[rec["page_id"]] = rec
        self._clean()
        self._finish_replacements()

    def _check_header(self, head: dict) -> None:
        mine = self.header
        if head.get("schema_version") != mine["schema_version"] or head.get("schema_fingerprint") != mine["schema_fingerprint"]:
            same = head.get("schema_version") == mine["schema_version"]
            raise ArchiveError(
                f"{self.out}: its tables were written with table schema version {head.get('schema_version')}"
                + (" (other columns)" if same else "")
                + f"; this newspage writes version {mine['schema_version']} (see docs/CHANGELOG-tables.md). "
                  "Rows of two schemas are never mixed: extract into a new folder, or remove this one")
        for key, what in (("format", "--format"), ("tables", "--tables"), ("date", "--date")):
            if head.get(key) != mine[key]:
                have = head.get(key)
                have = ",".join(have) if isinstance(have, list) else have
                raise ArchiveError(f"{self.out}: this archive was written with {what} {have or '(none)'}; "
                                   f"run with the same {what}, or extract into a new folder")

    def _table_dir(self, name: str) -> Path:
        return self.parts_root / name

    def _committed_parts(self) -> set[str]:
        return {rec["part"] for rec in self.done.values() if rec.get("part")}

    def _clean(self) -> None:
        """Delete temporary files and parts that no manifest line names (a commit cut short)."""
        keep = self._committed_parts()
        for name in self.table_names:
            d = self._table_dir(name)
            if not d.is_dir():
                continue
            for f in d.iterdir():
                if (f.name.startswith(".") and f.name.endswith(".tmp")) or (f.suffix == ".parquet" and f.stem not in keep):
                    f.unlink(missing_ok=True)
                    self.changed = True

    def _ensure(self) -> None:
        if self.manifest.exists():
            return
        if not self.out.exists():
            self.created = True
        self.out.mkdir(parents=True, exist_ok=True)
        self._write_manifest([])

    def _write_manifest(self, records: list[dict]) -> None:
        from .tables import write_text_atomic
        lines = [json.dumps(self.header, ensure_ascii=False, sort_keys=True)]
        lines += [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in sorted(records, key=lambda r: r["page_id"])]
        write_text_atomic(self.manifest, "\n".join(lines) + "\n")

    def is_done(self, page_id: str, sha: str | None) -> bool:
        rec = self.done.get(page_id)
        return bool(rec and sha and rec.get("sha256") == sha and rec.get("library") == self.library)

    @property
    def journal(self) -> Path:
        return self.parts_root / ".replaced.json"

    def _drop_rows(self, old: dict[str, set[str]]) -> None:
        """Remove from each part (name -> page ids) the rows of pages a later part replaced."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq
        for part, pages in sorted(old.items()):
            for name in self.schemas:
                f = self._table_dir(name) / f"{part}.parquet"
                if not f.exists():
                    continue
                t = pq.read_table(f)
                keep = pc.invert(pc.is_in(t["page_id"], value_set=pa.array(sorted(pages), pa.string())))
                if pc.all(keep).as_py() is False:
                    self._write_part_file(f, t.filter(keep))

    def _finish_replacements(self) -> None:
        """Complete a replacement a crash cut short (see :meth:`commit`)."""
        if self.journal.exists():
            try:
                old = {k: set(v) for k, v in json.loads(self.journal.read_text(encoding="utf-8")).items()}
            except (json.JSONDecodeError, AttributeError):
                old = {}
            self._drop_rows(old)
            self.journal.unlink(missing_ok=True)
            self.changed = True

    # -- writing a batch ----------------------------------------------------------
    def _write_part_file(self, final: Path, table) -> None:
        import pyarrow.parquet as pq
        tmp = final.parent / f".{final.name}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, final)

    def _meta(self, name: str) -> dict[str, str]:
        return {"newspage": json.dumps({"table": name, "schema_version": self.header["schema_version"],
                                        "schema_fingerprint": self.header["schema_fingerprint"],
                                        "library": self.library}, sort_keys=True)}

    def commit(self, results: list[dict]) -> None:
        """Write one batch: every table's part, then the manifest lines (the commit point)."""
        if not results:
            return
        self.changed = True
        import pandas as pd
        import pyarrow as pa

        from .tables import arrow_schema, conform
        self._ensure()
        self.seq += 1
        part = f"part-{self.run_id}-{self.seq:05d}"
        errs = errors_schema()
        staged = []
        try:
            for name, schema in self.schemas.items():
                if name == "errors":
                    rows = [{"page_id": r["page_id"], "file": r["file"], "problem": r["problem"]}
                            for r in results if r["status"] == "error"]
                    df = conform(pd.DataFrame(rows, columns=["page_id", "file", "problem"]), errs, with_page_id=True)
                    table = pa.Table.from_pandas(df, schema=arrow_schema(schema, self._meta(name)), preserve_index=False)
                else:
                    parts = [to_arrow(name, t) if isinstance(t, pd.DataFrame) else _unpack(t)
                             for t in (r["tables"][name] for r in results if r["status"] == "ok")]
                    table = (pa.concat_tables(parts).combine_chunks() if parts else _written_schema(name).empty_table())
                    table = table.replace_schema_metadata({**table.schema.metadata, **self._meta(name)})
                d = self._table_dir(name)
                d.mkdir(parents=True, exist_ok=True)
                tmp = d / f".{part}.parquet.{os.getpid()}.tmp"
                import pyarrow.parquet as pq
                pq.write_table(table, tmp, compression="zstd")
                staged.append((tmp, d / f"{part}.parquet"))
        except BaseException:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            raise
        for tmp, final in staged:
            os.replace(tmp, final)
        recs = []
        for r in results:
            rec = {"page_id": r["page_id"], "file": r["file"], "sha256": r["sha256"], "library": self.library,
                   "status": r["status"], "chars": r["chars"], "part": part}
            if r["status"] == "error":
                rec["problem"] = r["problem"]
            recs.append(rec)
        # pages read again (file changed, other library): their old rows go once the new ones count.
        # The journal names them first, so a crash after the manifest append is completed at the next start.
        old: dict[str, set[str]] = {}
        for rec in recs:
            prev = self.done.get(rec["page_id"])
            if prev and prev.get("part"):
                old.setdefault(prev["part"], set()).add(rec["page_id"])
        if old:
            from .tables import write_text_atomic
            write_text_atomic(self.journal, json.dumps({k: sorted(v) for k, v in old.items()}))
        with open(self.manifest, "a", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n" for rec in recs))
            fh.flush()
            os.fsync(fh.fileno())
        for rec in recs:
            self.done[rec["page_id"]] = rec
        if old:
            self._drop_rows(old)
            self.journal.unlink(missing_ok=True)

    # -- finishing ------------------------------------------------------------------
    def _parts(self, name: str) -> list[Path]:
        keep = self._committed_parts()
        d = self._table_dir(name)
        return sorted(f for f in d.glob("part-*.parquet") if f.stem in keep) if d.is_dir() else []

    def read_table(self, name: str):
        """One table of the archive as a pandas DataFrame in its documented order (page_id, then keys)."""
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .tables import arrow_schema, conform
        schema = self.schemas[name]
        files = self._parts(name)
        if files:
            t = pa.concat_tables([pq.read_table(f) for f in files])
        else:
            t = arrow_schema(schema).empty_table()
        df = t.to_pandas()
        if not len(df):
            df = pd.DataFrame(columns=["page_id"] + schema.names)
        return conform(df, schema, with_page_id=True)

    def outputs_exist(self) -> bool:
        if not (self.out / "README.md").exists():
            return False
        if self.fmt == "parquet":
            return (self.out / DUCKDB_FILE).exists()
        return all((self.out / f"{n}.csv").exists() for n in self.table_names)

    def finish(self) -> list[Path]:
        """Compact the manifest; write the codebook and the CSV files or the DuckDB views."""
        from .tables import codebook, publish, to_csv_bytes
        if not self.manifest.exists():
            return []
        self._write_manifest(list(self.done.values()))
        book = codebook(self.schemas, list(self.schemas), fmt=self.fmt).encode("utf-8")
        if self.fmt == "csv":
            stamp = self.parts_root / "ASSEMBLED"
            sig = hashlib.sha256(" ".join(sorted(self._committed_parts())).encode()).hexdigest()
            want = [self.out / f"{n}.csv" for n in self.schemas]
            if stamp.exists() and stamp.read_text() == sig and all(f.exists() for f in want):
                return want
            payload = {f"{name}.csv": to_csv_bytes(self.read_table(name)) for name in self.schemas}
            payload["README.md"] = book
            written = publish(payload, self.out)
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(sig)
            return written
        publish({"README.md": book}, self.out)
        self._write_duckdb()
        return [self.out / DUCKDB_FILE]

    def _write_duckdb(self) -> None:
        import duckdb
        tmp = self.out / f".{DUCKDB_FILE}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            con.execute(f"SET file_search_path = '{_sql_str(self.out.resolve())}'")
            for name in self.schemas:
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{name}/part-*.parquet')")
            con.execute("CREATE TABLE archive AS SELECT * FROM (VALUES (?, ?, ?, ?)) t(schema_version, schema_fingerprint, library, format)",
                        [self.header["schema_version"], self.header["schema_fingerprint"], self.library, self.fmt])
        finally:
            con.close()
        os.replace(tmp, self.out / DUCKDB_FILE)

    def discard_if_new(self) -> None:
        """Remove an archive this run created and filled with nothing readable."""
        import shutil
        if self.created:
            shutil.rmtree(self.out, ignore_errors=True)


def _sql_str(path) -> str:
    return str(path).replace("'", "''")


def connect(out: str | os.PathLike, *, read_only: bool = True):
    """A DuckDB connection to an archive's views (paths resolved inside ``out``)."""
    import duckdb
    out = Path(out)
    db = out / DUCKDB_FILE
    if not db.exists():
        raise ArchiveError(f"{out}: no {DUCKDB_FILE} here; run `newspage extract ... -o {out} --format parquet` first")
    con = duckdb.connect(str(db), read_only=read_only)
    con.execute(f"SET file_search_path = '{_sql_str(out.resolve())}'")
    return con


# ---------------------------------------------------------------------------
# A run
# ---------------------------------------------------------------------------

def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass
class Summary:
    pages: int = 0
    read: int = 0
    failed: int = 0
    skipped: int = 0
    chars: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status(self) -> int:
        if self.interrupted:
            return 130
        if self.failed and not (self.read or self.skipped):
            return 2
        return 3 if self.failed else 0


def run(inputs: Iterable[str], out: str | os.PathLike, *, fmt: str = "csv", tables: list[str] | None = None,
        date: str | None = None, jobs: int = 0, engine: str = "local", scheduler: str | None = None,
        batch: int = 0, progress: bool | None = None, shield: Shield | None = None,
        on_result: Callable[[dict], None] | None = None) -> Summary:
    """Extract every page of ``inputs`` into the archive ``out``; see the module docstring.

    ``jobs``: worker processes (0: all cores).  ``batch``: pages per commit (0: 32 per worker, at
    least 64; a batch is also committed every minute).  ``progress``: a bar on stderr (None: only when
    stderr is a terminal).  ``on_result``: called with each page's result as it arrives (the dict of
    :func:`extract_page`, its tables as Arrow tables or Arrow IPC bytes: see :func:`pack`).  Raises
    :class:`ArchiveError` when the run cannot start.
    """
    if fmt not in FORMATS:
        raise ArchiveError(f"--format {fmt}: use one of {', '.join(FORMATS)}")
    jobs = jobs or default_jobs()
    sources = discover(inputs)
    if not sources:
        raise ArchiveError("no page to read")
    arch = Archive(out, fmt, tables if tables is not None else None, date)
    arch.open()
    summary = Summary(pages=len(sources))
    shield = shield or Shield()
    t0 = time.monotonic()

    # pass 1: hash every input (bytes are not kept), find what is done and what must be read again
    todo: list[tuple[Source, str | None]] = []
    bad: list[dict] = []
    for src in sources:
        data, problem = read_source(src)
        if data is None:
            bad.append({"page_id": src.page_id, "file": src.path, "sha256": None, "status": "error",
                        "problem": problem, "chars": 0, "tables": {}})
            continue
        sha = hashlib.sha256(data).hexdigest()
        if arch.is_done(src.page_id, sha):
            summary.skipped += 1
        else:
            todo.append((src, sha))

    names = [n for n in arch.table_names if n != "errors"] if todo else []
    # A commit writes one Parquet file per table whatever its size (~4 ms each): 64 pages a commit cost
    # the writing process 2.5 ms a page against 4.6 with 16, and leave a quarter as many small files
    batch = batch or max(64, 32 * jobs)
    eng = (DaskEngine(jobs, scheduler, names) if engine == "dask"
           else LocalEngine(min(jobs, max(1, len(todo))), names))
    buffer: list[dict] = list(bad)
    bar = None
    last = time.monotonic()

    def record(res: dict) -> None:
        if res["status"] == "ok":
            summary.read += 1
            summary.chars += res["chars"]
        else:
            summary.failed += 1
            summary.errors.append((res["file"], res["problem"]))
        if on_result is not None:
            on_result(res)

    for res in bad:
        record(res)

    def tasks() -> Iterator[tuple]:
        for src, sha in todo:
            data, problem = read_source(src)  # None, problem: gone or unreadable since pass 1
            yield (data or b"", src.path, src.page_id, names, date, problem)

    try:
        if todo:
            eng.start()
            if progress is None:
                progress = sys.stderr.isatty()
            if progress:
                from tqdm import tqdm
                bar = tqdm(total=len(todo), unit="page", file=sys.stderr, dynamic_ncols=True, smoothing=0.05,
                           desc="newspage extract")
            for res in eng.map(tasks(), window=max(2 * eng.jobs, 4)):
                buffer.append(res)
                record(res)
                if bar is not None:
                    bar.update(1)
                    if summary.failed:
                        bar.set_postfix(failed=summary.failed, refresh=False)
                if len(buffer) >= batch or time.monotonic() - last > 60:
                    with shield:  # a Ctrl-C here waits until the batch is committed (and buffer emptied)
                        arch.commit(buffer)
                        buffer, last = [], time.monotonic()
        with shield:
            arch.commit(buffer)
            buffer = []
    except KeyboardInterrupt:
        summary.interrupted = True
        eng.stop(abort=True)
        with shield:  # keep what finished; a second Ctrl-C waits for this commit
            arch.commit(buffer)
            if bar is not None:
                bar.close()
            arch.finish()
        summary.seconds = time.monotonic() - t0
        return summary
    finally:
        if bar is not None:
            bar.close()
        if not summary.interrupted:
            eng.stop()
    if summary.failed and not (summary.read or summary.skipped):
        arch.discard_if_new()
        summary.seconds = time.monotonic() - t0
        return summary
    if arch.changed or not arch.outputs_exist():  # a run with nothing to do writes nothing
        with shield:
            arch.finish()
    summary.seconds = time.monotonic() - t0
    return summary
