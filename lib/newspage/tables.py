"""Column contracts for every table, the codebook, and atomic writing.

Each extracting module declares a :class:`Schema`; :data:`REGISTRY` gathers them in
page order.  The contracts are what notebooks, the CLI and outside evaluations rely on:
:func:`conform` gives every table exactly its declared columns (in order, with the
declared dtypes) and a stable sort, so the same input always gives byte-identical CSV.
"""
from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}

# The version of the written tables' columns.  Bump it with an entry in docs/CHANGELOG-tables.md
# whenever a table or a column is added, removed, renamed or retyped: an archive written under
# another version is refused (`newspage extract` says so) instead of mixing rows of two layouts.
# The fingerprint (schema_fingerprint) catches a change made without the bump.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    meaning: str
    unit: str = ""

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name}: unknown dtype {self.dtype!r}")


@dataclass(frozen=True)
class Schema:
    name: str
    columns: list[Column]
    sort: list[str] | None = None
    description: str = ""
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pd.DataFrame:
        return conform(pd.DataFrame(columns=self.names), self)


PAGE_ID = Column("page_id", "str", "Identifier of the page: its path relative to the folder (or glob root) it was "
                 "found in, without .txt (2020/0102/01); the file's stem for a file named on the command line; "
                 "'text' for a string")


def conform(df: pd.DataFrame, schema: Schema, *, with_page_id: bool = False,
            page_id: str | None = None) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, dtypes and sort order.

    Missing declared columns are an error (a contract broken by the code, not the input);
    extra columns are dropped so that the written tables match the codebook.  ``page_id`` (with
    ``with_page_id``) fills the page_id column with one value, as ``df.assign(page_id=...)`` would.
    """
    cols = ([PAGE_ID] if with_page_id else []) + list(schema.columns)
    lists = isinstance(df, dict)  # columns as Python lists (what the extractors build): no frame in between
    n = (len(next(iter(df.values()))) if df else 0) if lists else len(df)
    names = df if lists else df.columns
    given = {"page_id": _page_ids(page_id, n)} if with_page_id and page_id is not None else {}
    missing = [c.name for c in cols if c.name not in names and c.name not in given]
    if missing:
        raise KeyError(f"table {schema.name}: missing columns {missing}")
    arrays = {c.name: given[c.name] if c.name in given
              else _cast_list(df[c.name], c) if lists else _cast_array(_values(df, c.name), c) for c in cols}
    # a page_id given as one value is the same in every row: sorting by it first changes nothing
    keys = (["page_id"] if with_page_id and "page_id" not in given else []) + list(schema.sort or [])
    if keys and n > 1:
        order = _stable_order([arrays[k] for k in keys])
        if order is not None:
            arrays = {name: a.take(order) for name, a in arrays.items()}
    # pd.DataFrame(arrays) without its checks of what is built here (equal-length arrays, unique names)
    return pd.DataFrame._from_arrays(list(arrays.values()), columns=_column_index(tuple(arrays)).copy(),
                                     index=pd.RangeIndex(n), verify_integrity=False)


@functools.lru_cache(maxsize=256)
def _column_index(names: tuple[str, ...]) -> pd.Index:
    """``pd.Index(names)``, built once per table layout (building it infers a dtype for the names:
    a quarter of a millisecond a table); each frame gets its own shallow copy."""
    return pd.Index(list(names))


def columns_of(rows: list[tuple], names: list[str]) -> dict[str, list]:
    """Rows (tuples in the order of ``names``) as columns: name -> list of values, what :func:`conform`
    and :func:`frame` take."""
    return dict(zip(names, map(list, zip(*rows)))) if rows else {k: [] for k in names}


def frame(columns: dict[str, list]) -> pd.DataFrame:
    """The DataFrame of ``columns`` (name -> list of values) as ``pd.DataFrame(rows, columns=names)``
    builds it from the same values row by row (the dtypes it infers are those of the row path)."""
    names = list(columns)
    return pd.DataFrame(list(zip(*columns.values())), columns=names)


def _cast_list(values: list, col: Column):
    """The declared extension array of a column given as a list of Python values: what
    ``_cast_array`` gives for the column ``pd.DataFrame(rows)`` infers from the same values.  The
    common columns (all str or None; all int, or int and None; all float or None; all bool) are
    built directly; any other column goes through the row path's inference first."""
    dtype = col.dtype
    types = set(map(type, values))
    if dtype == "str":
        if types <= _STR_TYPES:
            return _strings(values)
    elif dtype == "int":
        if types <= _INT_TYPE:
            try:
                vals = np.array(values, dtype=np.int64)
            except OverflowError:
                vals = None
            if vals is not None:
                return pd.arrays.IntegerArray(vals, np.zeros(len(vals), dtype=bool))
        elif types <= _INT_TYPES and all(-2**53 <= v <= 2**53 for v in values if v is not None):
            # the row path reads such a column as floats (NaN for None), exact below 2**53
            mask = np.array([v is None for v in values], dtype=bool)
            vals = np.array([0 if v is None else v for v in values], dtype=np.int64)
            return pd.arrays.IntegerArray(vals, mask)
    elif dtype == "float":
        if not values or types <= _FLOAT_TYPES:     # (all None: all missing, as the row path gives it)
            vals = np.array([np.nan if v is None else v for v in values] if None.__class__ in types else values,
                            dtype=np.float64)
            return pd.arrays.FloatingArray(vals, np.isnan(vals))
    elif dtype == "bool":
        if types <= _BOOL_TYPE:
            return pd.arrays.BooleanArray(np.array(values, dtype=bool), np.zeros(len(values), dtype=bool))
    one = pd.DataFrame([(v,) for v in values], columns=[col.name])
    return _cast_array(_values(one, col.name), col)


def _strings(values: list):
    """``pd.array(values, dtype="string")`` for a list of str and None, built by Arrow straight from
    the list (pandas first copies it into an object array, checking every element)."""
    import pyarrow as pa
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=_STRING)


def _page_ids(page_id, n: int):
    """``pd.array([page_id] * n, dtype="string")``; for a str, Arrow repeats it (a tenth of the time)."""
    if type(page_id) is not str:
        return pd.array([page_id] * n, dtype="string")
    import pyarrow as pa
    return pd.arrays.ArrowStringArray(pa.repeat(pa.scalar(page_id, pa.large_string()), n), dtype=_STRING)


_STR_TYPES = {str, type(None)}
_INT_TYPE = {int}
_INT_TYPES = {int, type(None)}
_FLOAT_TYPES = {float, type(None)}
_BOOL_TYPE = {bool}


def _stable_order(keys: list) -> list[int] | None:
    """The row order of a stable sort by ``keys`` (extension arrays), missing values last, as
    ``DataFrame.sort_values(keys, kind="stable", na_position="last")`` gives it; None when the
    rows are already in that order (the usual case: tables are built in page order)."""
    if _int_keys_sorted(keys):
        return None
    cols = [[(1, 0) if v is pd.NA else (0, v) for v in k.tolist()] for k in keys]
    rows = list(zip(*cols)) if len(cols) > 1 else [(v,) for v in cols[0]]
    if all(rows[i] <= rows[i + 1] for i in range(len(rows) - 1)):
        return None
    return sorted(range(len(rows)), key=rows.__getitem__)


def _int_keys_sorted(keys: list) -> bool:
    """Whether integer keys without missing values are in ascending order, row tuple by row tuple,
    compared in NumPy (the tuples of :func:`_stable_order` need a Python object per cell); False
    when some key is not such a column, or the rows are out of order."""
    if not all(isinstance(k, pd.arrays.IntegerArray) for k in keys) or any(k.isna().any() for k in keys):
        return False
    vals = [k.to_numpy(dtype=np.int64) for k in keys]
    ok = vals[-1][:-1] <= vals[-1][1:]
    for v in reversed(vals[:-1]):
        ok = (v[:-1] < v[1:]) | ((v[:-1] == v[1:]) & ok)
    return bool(ok.all())


def _values(df: pd.DataFrame, name: str):
    """The values of column ``name``: what ``df[name].to_numpy()`` gives for a NumPy column, else
    ``df[name].array``, read from the frame's block without building the Series (~15 us each)."""
    get = getattr(df, "_get_column_array", None)
    if get is not None:
        loc = df.columns.get_loc(name)
        if isinstance(loc, int):
            return get(loc)
    s = df[name]
    return s.to_numpy() if isinstance(s.dtype, np.dtype) else s.array


def _cast_array(v, col: Column):
    """The column's values ``v`` (a NumPy or extension array, see :func:`_values`) as the declared
    extension array (what :func:`_cast` gives, without its Series round trips for the common
    inputs: Python or NumPy ints, floats and strings)."""
    kind = v.dtype.kind if isinstance(v.dtype, np.dtype) else None
    if col.dtype == "int" and kind == "i":
        # what pd.array(values, dtype="Int64") gives, without its inference (a tenth of the time)
        vals = v.astype(np.int64, copy=True)
        return pd.arrays.IntegerArray(vals, np.zeros(len(vals), dtype=bool))
    if col.dtype == "int" and kind == "u":
        return pd.array(v, dtype="Int64")
    if col.dtype == "float" and kind == "f":
        vals = v.astype(np.float64, copy=True)     # NaN is missing, as pd.array makes it
        return pd.arrays.FloatingArray(vals, np.isnan(vals))
    if col.dtype == "str" and isinstance(v.dtype, pd.StringDtype):
        # pandas' own string column (pandas 3 infers one from Python strings): the same Arrow
        # data under the declared dtype, missing values NA, without a round trip through objects
        return v.astype(_STRING, copy=True)
    if col.dtype == "str" and kind == "O":
        vals = v
        missing = pd.isna(vals)
        if missing.any():
            vals = vals.copy()
            vals[missing] = None
        return pd.array(vals, dtype="string")
    return _cast(pd.Series(v, copy=True), col).array.copy()     # the frame built from it must not share the input's data


_STRING = pd.StringDtype()


def _cast(s: pd.Series, col: Column) -> pd.Series:
    target = DTYPES[col.dtype]
    if col.dtype == "int":
        s = pd.to_numeric(s, errors="raise")
    elif col.dtype == "float":
        s = pd.to_numeric(s, errors="raise")
    elif col.dtype == "str":
        s = s.astype("object").where(s.notna(), None)
    return s.astype(target).reset_index(drop=True)


def schema_fingerprint(schemas: dict[str, Schema]) -> str:
    """A short hash of every table's name, columns and dtypes, in order (changes with any of them)."""
    import hashlib
    spec = ";".join(f"{name}:" + ",".join(f"{c.name}/{c.dtype}" for c in [PAGE_ID] + s.columns)
                    for name, s in schemas.items())
    return hashlib.sha256(spec.encode("utf-8")).hexdigest()[:16]


def arrow_schema(schema: Schema, metadata: dict[str, str] | None = None):
    """The pyarrow schema of a table as written (page_id first), with ``metadata`` attached."""
    import pyarrow as pa
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    fields = [pa.field(c.name, types[c.dtype]) for c in [PAGE_ID] + schema.columns]
    return pa.schema(fields, metadata=metadata)


def registry() -> dict[str, Schema]:
    """All table schemas, in the order the codebook and the CLI list them."""
    return dict(_registry())


@functools.lru_cache(maxsize=1)
def _registry() -> dict[str, Schema]:
    from . import masthead, segment

    out: dict[str, Schema] = {}
    for mod_schemas in (masthead.SCHEMAS, segment.SCHEMAS):
        for s in mod_schemas:
            out[s.name] = s
    for modname in ("quantities", "dates", "entities", "claims", "words"):
        try:
            mod = __import__(f"newspage.{modname}", fromlist=["SCHEMAS"])
        except ModuleNotFoundError as exc:  # module not written yet in this checkout
            if exc.name != f"newspage.{modname}":
                raise
            continue
        for s in getattr(mod, "SCHEMAS", [getattr(mod, "SCHEMA", None)]):
            if s is not None:
                out[s.name] = s
    return out


# ---------------------------------------------------------------------------
# Writing: nothing half-written
# ---------------------------------------------------------------------------

@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, mode: str = "w", **kw) -> Iterator:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kw) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_path(path, "wb") as fh:
        fh.write(data)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with ``\\n`` line ends and a fixed float format: identical bytes every run."""
    return df.to_csv(index=False, lineterminator="\n", float_format="%.10g").encode("utf-8")


def write_tables(tables: dict[str, pd.DataFrame], outdir: str | os.PathLike,
                 schemas: dict[str, Schema] | None = None) -> list[Path]:
    """Write ``outdir/<name>.csv`` for each table and ``outdir/README.md`` (the codebook).

    Every file is first rendered in memory, then each is written to a temporary file and
    renamed, so a failure leaves any previous outputs intact and never a half-written file.
    """
    schemas = schemas or registry()
    outdir = Path(outdir)
    payload = {f"{name}.csv": to_csv_bytes(df) for name, df in tables.items()}
    payload["README.md"] = codebook(schemas, [n for n in tables]).encode("utf-8")
    return publish(payload, outdir)


def _defer_interrupts():
    """Block SIGINT/SIGTERM in this thread; return what to pass to :func:`_deliver_interrupts`."""
    import signal
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _deliver_interrupts(previous) -> None:
    """Restore the signal mask; an interrupt that arrived meanwhile is raised here."""
    import signal
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def publish(payload: dict[str, bytes], outdir: str | os.PathLike) -> list[Path]:
    """Write a set of files into ``outdir`` all or nothing.

    Everything is first written (and synced) into a staging folder inside ``outdir``; only when
    every file is complete are they renamed into place.  A failure while staging (a full disk,
    an interrupt) removes the staging folder and leaves the previous outputs exactly as they were.
    An interrupt is held back while the staging folder is created and while the files are renamed
    into place, so it can neither leave the staging folder behind nor a mix of old and new files.
    """
    import shutil

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    stage = None
    held = _defer_interrupts()
    try:
        stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=outdir))
        _deliver_interrupts(held)   # an interrupt that came meanwhile raises here, inside the try
        held = None
        for fname, data in payload.items():
            write_bytes_atomic(stage / fname, data)
        written = []
        held = _defer_interrupts()
        for fname in payload:
            os.replace(stage / fname, outdir / fname)
            written.append(outdir / fname)
        return written
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
        _deliver_interrupts(held)


def codebook(schemas: dict[str, Schema], names: Iterable[str] | None = None, fmt: str = "csv") -> str:
    """The codebook in Markdown: for each table, column, meaning, type and unit."""
    names = list(names) if names is not None else list(schemas)
    form = ("UTF-8 CSV, one file per table (`<table>.csv`)" if fmt == "csv" else
            "one Parquet dataset per table (`<table>/part-*.parquet`), a DuckDB view per table in "
            "`newspage.duckdb` (`newspage sql DIR \"SELECT …\"`)")
    lines = [
        "# Codebook",
        "",
        f"Tables written by `newspage extract`. One row per thing, one column per variable; {form}.",
        f"Table schema version {SCHEMA_VERSION} (docs/CHANGELOG-tables.md); `manifest.jsonl` records it with "
        "the library version and, for every page, its file, SHA-256 and status.",
        "Offsets (`start`, `end`) are character positions in the page's normalised text "
        "(`newspage.read_page(path).text`), so `text[start:end]` is the row's surface or text.",
        "Every table starts with `page_id`: the page's path relative to the folder it was found in, without "
        "`.txt` (`2020/0102/01`), or the file's stem for a file named on the command line.",
        "",
    ]
    for name in names:
        s = schemas[name]
        lines += [f"## {name}", ""]
        if s.description:
            lines += [s.description, ""]
        if s.sort:
            lines += [f"Sorted by: {', '.join(['page_id'] + s.sort)}.", ""]
        lines += ["| column | meaning | type | unit |", "| --- | --- | --- | --- |"]
        for c in [PAGE_ID] + s.columns:
            meaning = c.meaning.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{c.name}` | {meaning} | {c.dtype} | {c.unit} |")
        lines.append("")
    return "\n".join(lines)
