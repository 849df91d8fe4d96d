"""What the notebooks share, so that each one reads like an article: set-up, story lookup,
findings, readable tables, figures, the annotated page.

A notebook opens with its ``parameters`` cell, then one call::

    page_path = "seeds/000_3ec54a674129ce63.txt"   # parameters (``newspage build`` injects others)
    figures_dir = "figures"
    data_dir = "data/03-forestry-powers"
    lang = "zh"                                     # "zh" or "en": the edition

    from newspage import report
    nb = report.start(page_path, figures_dir, data_dir, lang)

:func:`start` finds the project root (:func:`project_root`), reads the page (once per kernel for
the same file: the tables are shared between notebooks, each notebook gets its own copies),
applies the figures' house style and returns a :class:`Notebook`:

``nb.page``, ``nb.lang``, ``nb.root``, ``nb.figures``, ``nb.data``
    the page and where outputs go (``report.start(None, ...)``: a notebook about many pages, an
    archive, reads no single page and ``nb.page`` is None).
``nb.story(contains="林草")`` / ``nb.story(kind="photo")``
    the id of one story (a one-line :class:`LookupError` when the page has none);
    ``nb.headline(story_id)`` its label (headline, else subheadline, kicker, or id and kind).
``nb.say(zh=..., en=...)``
    a finding or any prose, in Markdown, in the edition's language (both are written in the
    notebook; the build shows one).  ``nb.t(zh, en)`` picks a string without showing it.
``nb.src(text)``
    page text quoted inside prose: escaped (markup in a page stays text) and marked
    ``<span class="np-src" lang="zh">`` so the English edition may quote Chinese.
``nb.num(x, places)``, ``nb.qty(value, unit, surface=...)``, ``nb.label(group, key)``
    numbers as the edition writes them (:mod:`newspage.messages`: ``12.5万平方米`` in Chinese,
    ``125,000 m²`` in English), labels such as verdicts (一致 / consistent).
``nb.table(df, name, columns=[Col(...), ...])``
    writes ``data/<notebook>/NAME.csv`` (all columns of ``df``, unformatted) and its codebook
    entry, then shows the columns that have a header: no index, blanks as —, thousands
    separators and fixed decimals per column, 万/亿 as the page writes them, units in the
    headers, long text wrapped, at most 15 rows with the rest named and linked to the CSV.
    ``name=None`` shows without writing.
``nb.figure(fig, name, data=df, columns=[Col(...)])``
    saves PNG + SVG + the CSV of what is plotted (:func:`newspage.plotting.save`), documents
    the CSV's columns in the codebook, and shows the PNG it wrote.
``nb.annotated_page()``
    the page as a reader sees it: stories apart, headlines and bylines styled, every quantity
    highlighted, every claim underlined in its verdict's colour with a numbered badge, and the
    numbered notes below with each claim's explanation (no hovering needed), with a legend.

Every column a notebook writes needs a meaning: give it in :class:`Col` (``meaning=``, ``unit=``)
or use a column name of the page tables (``story_id``, ``qty_id``, ``surface``, ``verdict`` …),
whose meaning comes from their codebook.  ``data/<notebook>/README.md`` is generated as the
notebook writes: every table and figure CSV, every column with its meaning, type and unit.

Nothing a notebook shows carries a local path, an object repr or a stray return value: the
display helpers return ``None``; :func:`write_table` returns the path for code that wants it.

A story notebook (one page's story), in short::

    nb = report.start(page_path, figures_dir, data_dir, lang)
    sid = nb.story(contains="林草")
    cl = nb.page.claims[nb.page.claims.story_id == sid]
    share = cl[cl.kind == "share"].iloc[0]
    nb.say(zh=f"行政处罚占{nb.num(share.computed, 1)}%（原文{nb.src(share.statement)}）。",
           en=f"Penalties are {nb.num(share.computed, 1)}% (the page: {nb.src(share.statement)}).")
    nb.table(powers, "powers_by_type", columns=[
        report.Col("type", "职权类别", "type of power", meaning="Category of the delegated power", source=True),
        report.Col("n", "事项", "powers", unit="项", meaning="Number of powers of this category"),
        report.Col("share", "占比", "share", unit="%", places=1, meaning="n / all powers × 100"),
    ])

An any-page notebook (overview, fact-check) never names a story: it loops over ``page.stories``
and says "no …" in both languages when a table is empty (see ``notebooks/00-page-overview``
and ``notebooks/08-fact-check``).
"""
from __future__ import annotations

import base64
import copy
import hashlib
import html
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import messages
from .messages import check_lang
from .tables import to_csv_bytes, write_bytes_atomic

MAX_ROWS = 15
# verdict colours: each passes WCAG AA (>= 4.5:1) with white text on it
VERDICT_COLOURS = {
    "consistent": "#2e7d4f",
    "rounding": "#1f6f8b",
    "inconsistent": "#b3261e",
    "needs_context": "#8a5a00",
    "derived": "#5f6368",
}
VERDICT_ORDER = ["inconsistent", "needs_context", "rounding", "consistent", "derived"]


# ---------------------------------------------------------------------------
# Paths and plain helpers (the build runner imports these too)
# ---------------------------------------------------------------------------

def project_root(start: str | os.PathLike | None = None) -> Path:
    """The project root: ``$NEWSPAGE_ROOT``, else the nearest folder up from ``start`` (or the
    working folder) that holds ``pyproject.toml``."""
    env = os.environ.get("NEWSPAGE_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for d in [here, *here.parents]:
        if (d / "pyproject.toml").is_file():
            return d
    raise FileNotFoundError(f"{here}: no pyproject.toml here or above; set NEWSPAGE_ROOT")


def esc(value) -> str:
    """Text from the page made safe for Markdown/HTML: markup shows as text, never runs."""
    s = "" if value is None else str(value)
    s = html.escape(s, quote=True)
    # Markdown would still act on these; a backslash keeps them literal.
    return re.sub(r"([\\`*_\[\]#|~])", r"\\\1", s)


def write_table(df, name: str, outdir: str | os.PathLike) -> Path:
    """Write ``outdir/NAME.csv`` atomically with the project's fixed CSV format."""
    if not name or any(c in name for c in "/\\") or name.startswith("."):
        raise ValueError(f"table name {name!r}: give a plain file name without folders or extension")
    path = Path(outdir) / f"{name}.csv"
    write_bytes_atomic(path, to_csv_bytes(df.reset_index(drop=True)))
    return path


def mpl(s) -> str:
    """Page text for a matplotlib label: a '$' would start mathtext."""
    return str(s).replace("$", r"\$")


def shorten(s, n: int) -> str:
    """``s`` cut to at most ``n`` characters, with an ellipsis when cut."""
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: max(1, n - 1)] + "…"


def _show_markdown(md: str) -> None:
    from IPython.display import display

    display({"text/markdown": md, "text/plain": md}, raw=True)


def _show_html(body: str, plain: str = "") -> None:
    from IPython.display import display

    display({"text/html": body, "text/plain": plain or re.sub(r"<[^>]+>", "", body)[:200]}, raw=True)


# ---------------------------------------------------------------------------
# Reading a page once per kernel
# ---------------------------------------------------------------------------

_PAGES: dict = {}


def load_page(path: str | os.PathLike, date=None):
    """:func:`newspage.read_page` with every table computed once per file content and kernel;
    each call returns a page of its own (its tables are copies), so a notebook may change them."""
    import pandas as pd

    from .page import read_page

    path = Path(path)
    data = path.read_bytes() if path.is_file() else None
    if data is None:
        return read_page(path, date=date)  # its one-line error
    key = (str(path.resolve()), hashlib.sha256(data).hexdigest(), str(date))
    base = _PAGES.get(key)
    if base is None:
        base = read_page(path, date=date)
        base.tables()
        _ = base.date
        if len(_PAGES) > 8:
            _PAGES.clear()
        _PAGES[key] = base
    page = copy.copy(base)
    page.__dict__ = {k: (v.copy() if isinstance(v, pd.DataFrame) else v) for k, v in base.__dict__.items()}
    return page


# ---------------------------------------------------------------------------
# Columns: header, format, codebook
# ---------------------------------------------------------------------------

@dataclass
class Col:
    """One column of a table a notebook writes or shows.

    ``zh``/``en`` the header (a column without one is written and documented, not shown);
    ``meaning`` for the codebook (English, like the page tables' codebook); ``unit`` as stored
    (``%``, ``元``, ``项`` …, put in the header); ``unit_col`` the column holding each row's unit when
    it varies (then each cell shows its unit); ``surface_col`` a column with the page's surface of
    the number, whose 万/亿 the Chinese edition reuses; ``places`` fixed decimals (default: the
    fewest, at most 2, that show every value exactly; with ``unit_col`` each row's own); ``label`` a :data:`messages.LABELS` group
    whose label replaces the code (``verdict`` → 一致); ``source`` page text (escaped, marked as a
    quotation); ``dtype`` for the codebook when it cannot be read from the data; ``unit_en`` the
    English header's unit when :data:`messages.UNITS_EN` has none (``字`` → ``characters``)."""

    name: str
    zh: str = ""
    en: str = ""
    meaning: str = ""
    unit: str = ""
    unit_col: str = ""
    surface_col: str = ""
    places: int | None = None
    label: str = ""
    source: bool = False
    dtype: str = ""
    wide: bool = False
    unit_en: str = ""

    def header(self, lang: str) -> str:
        """The header with its unit: ``篇幅（字）``, ``share (%)``; an English counter (个, 项 …)
        is dropped, the noun says what is counted."""
        title = self.zh if lang == "zh" else self.en
        if not title:
            return ""
        if self.unit and not self.unit_col:
            u = self.unit if lang == "zh" else self.unit_english()
            if u:
                return f"{title}（{u}）" if lang == "zh" else f"{title} ({u})"
        return title

    def unit_english(self) -> str:
        return self.unit_en or messages.UNITS_EN.get(self.unit, "")


def _page_vocabulary() -> list[dict[str, tuple[str, str, str]]]:
    """Per page table (in the registry's order): column name -> (meaning, type, unit) from its codebook;
    the page id first, alone."""
    from .tables import PAGE_ID, registry

    vocabs = [{PAGE_ID.name: (PAGE_ID.meaning, PAGE_ID.dtype, PAGE_ID.unit)}]
    for schema in registry().values():
        vocabs.append({c.name: (f"{c.meaning} (as in the page table `{schema.name}`)", c.dtype, c.unit)
                       for c in schema.columns})
    return vocabs


def _lookup_vocabulary(vocabs: list[dict], columns) -> dict[str, tuple[str, str, str]]:
    """Column name -> its page-table entry for a frame with ``columns``: a name several tables
    share (kind, start, source …) takes the meaning of the table that shares most columns with the
    frame (a frame of claims gets the claims' ``kind``, not the stories'), ties in registry order."""
    cols = set(map(str, columns))
    ranked = sorted(range(len(vocabs)), key=lambda i: (-len(cols & set(vocabs[i])), i))
    out: dict[str, tuple[str, str, str]] = {}
    for i in ranked:
        for name, entry in vocabs[i].items():
            out.setdefault(name, entry)
    return out


def _dtype_name(s) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_integer_dtype(s):
        return "int"
    if pd.api.types.is_float_dtype(s):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "date"
    return "str"


def _missing(v) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _auto_places(values, cap: int = 2) -> int:
    vals = [float(v) for v in values if not _missing(v)]
    for d in range(cap + 1):
        if all(abs(round(v, d) - v) < 1e-9 * max(1.0, abs(v)) for v in vals):
            return d
    return cap


def _fixed(x, places: int, lang: str) -> str:
    """A number with ``places`` decimals (kept, even zeros), thousands separated, no exponent."""
    s = f"{float(x):,.{places}f}"
    return "0" if s in ("-0", "-0.0") else s


# ---------------------------------------------------------------------------
# The notebook
# ---------------------------------------------------------------------------

@dataclass
class _Written:
    name: str          # file name, e.g. measures.csv or ../../figures/01-x.csv (as shown)
    kind: str          # table | figure
    description: str
    columns: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, meaning, type, unit


class Notebook:
    """The set-up of one notebook run: page, language, output folders (see the module docstring)."""

    def __init__(self, page_path, figures_dir="figures", data_dir="data", lang: str = messages.DEFAULT_LANG,
                 *, date=None, style: bool = True):
        from . import plotting

        self.lang = check_lang(lang)
        self.root = project_root()
        # None: a notebook about many pages (an archive) reads no single page
        self.page_path = self.root / page_path if page_path is not None else None
        self.figures = self.root / figures_dir
        self.data = self.root / data_dir
        self.name = Path(data_dir).name
        self.page = load_page(self.page_path, date=date) if self.page_path is not None else None
        self._written: dict[str, _Written] = {}
        self._known: dict[str, Col] = {}
        self._vocab = None
        if style:
            plotting.use_style()

    # -- language ------------------------------------------------------------
    def t(self, zh: str, en: str) -> str:
        """``zh`` or ``en``, by the edition's language."""
        return zh if self.lang == "zh" else en

    def say(self, text: str | None = None, *, zh: str | None = None, en: str | None = None) -> None:
        """Show Markdown prose: ``say(zh=..., en=...)`` (both languages), or ``say(text)`` when the
        text is already in the edition's language (from :func:`messages.text`)."""
        if text is None:
            if zh is None or en is None:
                raise TypeError("say(): give the text, or both zh= and en=")
            text = self.t(zh, en)
        _show_markdown(text)

    def src(self, text) -> str:
        """Page text quoted in prose or a cell: escaped, marked as Chinese source text."""
        return f'<span class="np-src" lang="zh">{esc(text)}</span>'

    def label(self, group: str, key) -> str:
        return messages.label(group, key, self.lang)

    def text(self, key: str, **values) -> str:
        return messages.text(key, self.lang, **values)

    def num(self, x, places: int | None = None) -> str:
        """A number for prose: ``places`` fixed decimals (default: as few as show it, at most 2),
        thousands separated in English."""
        if _missing(x):
            return "—"
        if places is None:
            return messages.number(x, self.lang, 2)
        s = _fixed(x, places, self.lang)
        return s if self.lang == "en" else s.replace(",", "")

    def qty(self, value, unit: str = "", *, surface: str | None = None, places: int | None = 2) -> str:
        """A quantity as the edition writes it (Chinese reuses the 万/亿 of ``surface``)."""
        if _missing(value):
            return "—"
        mag = messages.magnitude_of(surface) if self.lang == "zh" else ""
        return messages.quantity(value, unit or "", self.lang, magnitude=mag, places=places)

    # -- stories -------------------------------------------------------------
    def story(self, contains: str | None = None, *, kind: str | None = None) -> str:
        """The id of the first story whose kicker, headline or subheadline contains ``contains``
        (and/or whose kind is ``kind``); a one-line :class:`LookupError` when there is none."""
        st = self.page.stories
        mask = st.story_id.notna()
        if contains:
            heads = st[["kicker", "headline", "subheadline"]].fillna("").astype(str).agg(" ".join, axis=1)
            mask &= heads.str.contains(contains, regex=False)
        if kind:
            mask &= st.kind == kind
        hit = st[mask]
        if hit.empty:
            what = " and ".join(x for x in (f"{contains!r} in its headlines" if contains else "",
                                            f"kind {kind!r}" if kind else "") if x)
            raise LookupError(f"{self.page.page_id}: no story with {what or 'anything'} on this page")
        return str(hit.story_id.iloc[0])

    def headline(self, story_id: str) -> str:
        """A story's label: its headline, else subheadline or kicker, else its id and kind."""
        return story_label(self.page, story_id, self.lang)

    # -- tables --------------------------------------------------------------
    def _describe_columns(self, df, columns: list[Col]) -> list[tuple[str, str, str, str]]:
        if self._vocab is None:
            self._vocab = _page_vocabulary()
        for c in columns:  # a meaning given once serves the notebook's later tables and figures
            if c.meaning:
                self._known[c.name] = c
        by = {c.name: c for c in columns}
        vocab = _lookup_vocabulary(self._vocab, df.columns)
        rows = []
        for name in df.columns:
            # the most specific meaning wins: given here, else given earlier in this notebook (a
            # Col that only sets a header or a format keeps it), else the page tables' codebook
            given = by.get(name)
            c = given if given is not None and given.meaning else self._known.get(name, given)
            known = vocab.get(name)
            meaning = (c.meaning if c and c.meaning else (known[0] if known else ""))
            unit = (c.unit if c and c.unit else ("per row: column `" + c.unit_col + "`" if c and c.unit_col else
                                                  (known[2] if known else "")))
            dtype = (c.dtype if c and c.dtype else (given.dtype if given and given.dtype else _dtype_name(df[name])))
            rows.append((str(name), meaning, dtype, unit))
        missing = [r[0] for r in rows if not r[1]]
        if missing:
            import warnings

            warnings.warn_explicit(f"{self.name}: no meaning for column(s) {', '.join(missing)}: give Col(meaning=...)",
                                   UserWarning, filename="newspage.report", lineno=0)
        return rows

    def _record(self, key: str, item: _Written) -> None:
        self._written[key] = item
        write_bytes_atomic(self.data / "README.md", self.codebook().encode("utf-8"))

    def codebook(self) -> str:
        """``data/<notebook>/README.md``: every table and figure CSV this run wrote, every column."""
        lines = [f"# Codebook: {self.name}", "",
                 "Tables and figure data written by the notebook, UTF-8 CSV, one row per thing. "
                 "Generated by `newspage.report` as the notebook runs.", ""]
        for key in sorted(self._written, key=lambda k: (self._written[k].kind != "table", k)):
            w = self._written[key]
            lines += [f"## {w.name}", ""]
            if w.description:
                lines += [w.description, ""]
            lines += ["| column | meaning | type | unit |", "| --- | --- | --- | --- |"]
            for name, meaning, dtype, unit in w.columns:
                m = (meaning or "UNDOCUMENTED").replace("|", "\\|").replace("\n", " ")
                lines.append(f"| `{name}` | {m} | {dtype} | {unit.replace('|', '/')} |")
            lines.append("")
        return "\n".join(lines)

    def table(self, df, name: str | None = None, columns: list[Col] | None = None, *,
              description: str = "", rows: int = MAX_ROWS, caption: str | None = None, view=None,
              show: bool = True) -> None:
        """Write ``df`` as ``data/<notebook>/NAME.csv`` (unless ``name`` is None) with its codebook
        entry, and show it readably (see :class:`Col`).  ``view``: a frame with the same rows and
        extra columns only for the reader (an explanation in the edition's language, say), shown
        instead of ``df``.  ``show=False`` writes and documents without showing (a long table the
        notebook summarises).  Returns nothing: nothing stray is shown."""
        columns = list(columns or [])
        link = None
        if name is not None:
            path = write_table(df, name, self.data)
            self._record(f"table:{name}", _Written(f"{name}.csv", "table", description,
                                                   self._describe_columns(df, columns)))
            link = (f"{self.name}/{name}.csv", _rel_link(path, self.root))
        if not show:
            return
        _show_html(render_table(df if view is None else view, columns, self.lang, rows=rows, link=link,
                                caption=caption, total_rows=len(df)),
                   plain=caption or name or self.t("表格", "table"))

    def figure(self, fig, name: str, data=None, columns: list[Col] | None = None, *,
               description: str = "") -> None:
        """Save ``fig`` (PNG, SVG, and ``data`` as the CSV of what is plotted), document the CSV's
        columns in the codebook, show the PNG written.  Returns nothing."""
        from . import plotting

        # the default edition's figures are also kept as SVG (print); the other edition is shown
        # on the site only, as PNG
        formats = ("png", "svg") if self.lang == messages.DEFAULT_LANG else ("png",)
        plotting.save(fig, name, data=data, outdir=self.figures, formats=formats)
        if data is not None:
            self._record(f"figure:{name}", _Written(f"figures/{name}.csv", "figure", description,
                                                    self._describe_columns(data, list(columns or []))))

    def explain(self, claim_row) -> str:
        """A claim's explanation in the edition's language (see :func:`claim_explanation`)."""
        return claim_explanation(claim_row, self.lang)

    def annotated_page(self, claims=None) -> None:
        """Show the page with quantities highlighted and claims marked and explained."""
        _show_html(annotated_page(self.page, self.lang, claims=claims), plain=self.t("版面原文", "The page"))


def start(page_path, figures_dir="figures", data_dir="data", lang: str = messages.DEFAULT_LANG, *,
          date=None) -> Notebook:
    """The set-up cell in one call: project root, page, language, output folders, house style."""
    return Notebook(page_path, figures_dir, data_dir, lang, date=date)


def _rel_link(path: Path, root: Path) -> str:
    """A link to ``path`` from a notebook in ``notebooks/`` (JupyterLab resolves it beside the file)."""
    try:
        rel = Path(os.path.relpath(Path(path).resolve(), (root / "notebooks").resolve())).as_posix()
    except ValueError:
        rel = Path(path).name
    return rel


def story_label(page, story_id: str, lang: str = messages.DEFAULT_LANG) -> str:
    """Headline, else subheadline or kicker, else the story's id and kind (in ``lang``)."""
    st = page.stories
    row = st[st.story_id == story_id]
    if row.empty:
        return story_id
    r = row.iloc[0]
    for col in ("headline", "subheadline", "kicker"):
        v = r.get(col)
        if isinstance(v, str) and v.strip():
            return v.strip()
    kind = messages.label("story_kind", r["kind"], lang) if isinstance(r["kind"], str) else ""
    cont = r.get("continued_from")
    extra = ""
    if isinstance(cont, str) and cont:
        extra = f"（上接{cont}）" if lang == "zh" else f" (continued from {cont})"
    return f"{story_id} {kind}{extra}"


# ---------------------------------------------------------------------------
# Tables a reader can read
# ---------------------------------------------------------------------------

_TABLE_CSS = (
    "<style>"
    "table.np-table{border-collapse:collapse;font-size:13px;margin:.4em 0;}"
    "table.np-table thead th{background:#f3f3ef;text-align:left;vertical-align:bottom;padding:4px 8px;"
    "border-bottom:1px solid #bbb;white-space:normal;font-weight:600;}"
    "table.np-table td{padding:3px 8px;border-bottom:1px solid #e6e6e0;vertical-align:top;}"
    # JupyterLab right-aligns every cell (:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th): text
    # headers go back to the left with a selector at least as specific, numbers' headers stay right
    "table.np-table thead th:not(.np-num){text-align:left;}"
    "table.np-table thead th.np-num{text-align:right;}"
    "table.np-table td.np-num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;}"
    "table.np-table td.np-txt{text-align:left;white-space:normal;min-width:4em;max-width:26em;}"
    "table.np-table td.np-wide{max-width:40em;}"
    "p.np-more{font-size:12px;color:#555;margin:.2em 0 .8em;}"
    "</style>")


def _cell_formatter(col: Col, series, df, lang: str):
    """A function row_index -> cell HTML for ``col``."""
    import pandas as pd

    numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    if col.label:
        return lambda i: "—" if _missing(series.iloc[i]) else html.escape(messages.label(col.label, series.iloc[i], lang)), False
    if numeric:
        places = col.places if col.places is not None else _auto_places(series)

        def fmt(i):
            v = series.iloc[i]
            if _missing(v):
                return "—"
            unit = df[col.unit_col].iloc[i] if col.unit_col else ""
            unit = "" if _missing(unit) else str(unit)
            surface = df[col.surface_col].iloc[i] if col.surface_col else None
            mag = messages.magnitude_of(surface) if (lang == "zh" and isinstance(surface, str)) else ""
            if mag:
                return html.escape(messages.quantity(v, unit, "zh", magnitude=mag, places=max(places, 2)))
            # one unit per row: each figure with the decimals it has (at most 2), as the page writes it
            body = _fixed(v, _auto_places([v]) if col.unit_col else places, lang)
            if col.unit_col and unit:
                if lang == "zh":  # a figure with its unit, as the page writes it
                    return html.escape(messages.quantity(v, unit, "zh", places=2))
                word = messages.UNITS_EN.get(unit, "")
                return html.escape(f"{body}{word}" if word in ("%", "‰", "°C") else (f"{body} {word}" if word else body))
            return html.escape(body)
        return fmt, True
    if pd.api.types.is_datetime64_any_dtype(series):
        return lambda i: "—" if _missing(series.iloc[i]) else series.iloc[i].date().isoformat(), True
    if pd.api.types.is_bool_dtype(series):
        yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
        return lambda i: "—" if _missing(series.iloc[i]) else (yes if series.iloc[i] else no), False

    def text(i):
        v = series.iloc[i]
        if _missing(v) or str(v) == "":
            return "—"
        s = html.escape(str(v))
        return f'<span class="np-src" lang="zh">{s}</span>' if col.source else s
    return text, False


def render_table(df, columns: list[Col] | None, lang: str = messages.DEFAULT_LANG, *, rows: int = MAX_ROWS,
                 link: tuple[str, str] | None = None, caption: str | None = None, total_rows: int | None = None) -> str:
    """``df`` as a reader's HTML table through pandas' Styler (see :class:`Col` for the formats).

    Columns with a header in ``lang`` are shown, in the order of ``columns``; with no ``columns``
    every column is shown under its own name.  At most ``rows`` rows; the note under the table
    says how many there are and links the full CSV (``link`` = (data-table id, href))."""
    import pandas as pd

    check_lang(lang)
    if columns is None or not columns:
        columns = [Col(str(c), zh=str(c), en=str(c)) for c in df.columns]
    shown = [c for c in columns if c.header(lang) and c.name in df.columns]
    total = len(df) if total_rows is None else total_rows
    head = df.reset_index(drop=True).iloc[:rows]
    cells, classes = {}, {}
    for c in shown:
        fmt, numeric = _cell_formatter(c, head[c.name], head, lang)
        cells[c.header(lang)] = [fmt(i) for i in range(len(head))]
        classes[c.header(lang)] = "np-num" if numeric else ("np-txt np-wide" if c.wide else "np-txt")
    view = pd.DataFrame(cells, columns=[c.header(lang) for c in shown])
    uid = "np" + hashlib.sha256(("\0".join(map(str, view.columns)) + str(len(view))).encode()).hexdigest()[:8]
    styler = view.style.hide(axis="index")
    styler.set_uuid(uid)
    styler.set_table_attributes('class="np-table"')
    styler.set_td_classes(pd.DataFrame([[classes[h] for h in view.columns]] * len(view), columns=view.columns))
    styler.format(escape=None, na_rep="—")
    if caption:
        styler.set_caption(html.escape(caption))
    table_html = styler.to_html(doctype_html=False)
    table_html = re.sub(r"<style[^>]*>.*?</style>\s*", "", table_html, flags=re.S)  # empty: our CSS is shared
    table_html = re.sub(r' id="T_[^"]*"', "", table_html)
    table_html = re.sub(r' class="([^"]*)"', _keep_np, table_html)
    table_html = table_html.replace("<th >", "<th>").replace("<td >", "<td>")
    heads = iter(classes[h] for h in view.columns)  # numbers' headers right-aligned over them
    table_html = re.sub(r"<th>", lambda m: '<th class="np-num">' if next(heads, "") == "np-num" else "<th>", table_html)
    note = ""
    if total > len(head) or link:
        if total > len(head):
            msg = messages.text("table_more", lang, shown=len(head), total=total)
        else:
            msg = messages.text("table_all", lang, total=total)
        if link:
            table_id, href = link
            msg += (f' <a class="np-data" data-table="{html.escape(table_id)}" href="{html.escape(href)}">'
                    f'{html.escape(messages.text("table_full", lang))}</a>')
        note = f'<p class="np-more">{msg}</p>'
    return _TABLE_CSS + table_html + note


def _keep_np(m) -> str:
    """Styler's positional classes are dropped, ours (np-*) kept."""
    kept = [c for c in m.group(1).split() if c.startswith("np-")]
    return f' class="{" ".join(kept)}"' if kept else ""


# ---------------------------------------------------------------------------
# The annotated page
# ---------------------------------------------------------------------------

_PAGE_CSS = """<style>
.np-page{font-size:15px;line-height:1.9;max-width:46em;color:#1a1a1a}
.np-page .np-legend{font-size:13px;line-height:1.8;margin:0 0 1em;padding:.5em .8em;background:#f6f6f3;border-radius:4px}
.np-page .np-legend span{margin-right:1em;white-space:nowrap}
.np-page article{border-top:3px double #999;padding:.6em 0 .4em;margin:0 0 .6em}
.np-page article:first-of-type{border-top:none}
.np-page .np-kicker{font-size:13px;color:#555;margin:0}
.np-page .np-headline{font-size:20px;font-weight:700;line-height:1.4;margin:.1em 0 .2em}
.np-page .np-subheadline{font-size:15px;color:#333;margin:0 0 .3em}
.np-page .np-byline{font-size:13px;color:#555;margin:0 0 .4em}
.np-page .np-caption{font-size:14px;color:#333;font-style:italic}
.np-page p{margin:0 0 .6em}
.np-page mark.np-q{background:#fde9a9;padding:0 1px;color:inherit}
.np-page .np-c{border-bottom:2px solid;padding-bottom:1px}
.np-page .np-badge{display:inline-block;color:#fff;border-radius:3px;padding:0 4px;margin:0 2px;font-size:12px;
  line-height:1.5;font-weight:600;white-space:nowrap;vertical-align:baseline}
.np-page ol.np-notes{font-size:14px;line-height:1.7;list-style:none;padding-left:0;margin:.4em 0 0}
.np-page ol.np-notes li{margin:0 0 .4em}
.np-page ol.np-notes .np-badge{margin-left:0}
</style>"""


def claim_explanation(row, lang: str = messages.DEFAULT_LANG) -> str:
    """A claim's explanation in ``lang``: the claims table's ``explanation_zh`` / ``explanation``,
    else a sentence made from its structured columns (stated, computed, unit, formula)."""
    col = "explanation_zh" if lang == "zh" else "explanation"
    v = row.get(col) if hasattr(row, "get") else getattr(row, col, None)
    if isinstance(v, str) and v.strip():
        return v.strip()
    get = (lambda k: row.get(k)) if hasattr(row, "get") else (lambda k: getattr(row, k, None))
    unit = get("unit") if isinstance(get("unit"), str) else ""
    computed = get("computed")
    if _missing(computed):
        return ""
    comp = messages.quantity(computed, unit, lang)
    formula = get("formula") if isinstance(get("formula"), str) else ""
    if lang == "zh" and re.search(r"[A-Za-z]{2,}", formula):
        formula = ""  # a formula with words in it is English: the Chinese sentence goes without it
    stated = get("stated")
    key = "claim_computed" if _missing(stated) else "claim_stated_computed"
    if not formula:
        key += "_bare"
    return messages.text(key, lang, computed=comp, formula=formula,
                         stated="" if _missing(stated) else messages.quantity(stated, unit, lang))


_explanation = claim_explanation


def annotated_page(page, lang: str = messages.DEFAULT_LANG, *, claims=None) -> str:
    """The page as HTML: one ``<article>`` per story (kicker, headline, subheadline, byline styled
    as in print), every quantity highlighted, every claim underlined in its verdict's colour with
    a numbered badge, a legend of the colours, and the numbered notes with each claim's verdict
    and explanation below.  All page text is escaped."""
    check_lang(lang)
    text = page.text
    claims = page.claims if claims is None else claims
    claims = claims.sort_values(["start", "end", "claim_id"]).reset_index(drop=True)
    number = {cid: i + 1 for i, cid in enumerate(claims.claim_id)}
    quantities = page.quantities
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    qspans = [(int(r.start), int(r.end), r) for r in quantities.itertuples()]
    cspans = [(int(r.start), int(r.end), r) for r in claims.itertuples()]
    ends: dict[int, list] = {}
    for r in claims.sort_values(["end", "start", "claim_id"]).itertuples():
        ends.setdefault(int(r.end), []).append(r)

    def badge(r) -> str:
        colour = VERDICT_COLOURS.get(r.verdict, "#5f6368")
        verdict = messages.label("verdict", r.verdict, lang)
        return (f'<span class="np-badge" style="background:{colour}" title="{html.escape(verdict)}">'
                f'{number[r.claim_id]} {html.escape(verdict)}</span>')

    def render_span(a: int, b: int) -> str:
        cuts = {a, b}
        for s, e, _ in qspans + cspans:
            for x in (s, e):
                if a < x < b:
                    cuts.add(x)
        for x in ends:
            if a < x < b:
                cuts.add(x)
        cut = sorted(cuts)
        out = []
        for x, y in zip(cut, cut[1:]):
            piece = html.escape(text[x:y]).replace("\n", "<br>")
            qs = [r for s, e, r in qspans if s <= x and y <= e]
            cs = [r for s, e, r in cspans if s <= x and y <= e]
            if qs:
                r = qs[0]
                piece = f'<mark class="np-q">{piece}</mark>'
            if cs:
                worst = min(cs, key=lambda r: rank.get(r.verdict, 9))
                piece = (f'<span class="np-c" style="border-color:{VERDICT_COLOURS.get(worst.verdict, "#5f6368")}">'
                         f'{piece}</span>')
            out.append(piece)
            for r in ends.get(y, []):
                if a < y <= b:
                    out.append(badge(r))
        return "".join(out)

    paras = page.paragraphs.sort_values("start")
    tags = {"kicker": ("p", "np-kicker"), "headline": ("h3", "np-headline"), "subheadline": ("p", "np-subheadline"),
            "byline": ("p", "np-byline"), "caption": ("p", "np-caption")}
    parts = []
    for sid, group in paras.groupby("story_id", sort=False):
        blocks = []
        for r in group.itertuples():
            tag, cls = tags.get(r.kind, ("p", f"np-{r.kind}"))
            blocks.append(f'<{tag} class="{cls}">{render_span(int(r.start), int(r.end))}</{tag}>')
        parts.append(f'<article lang="zh" data-story="{html.escape(str(sid))}">' + "".join(blocks) + "</article>")
    legend_items = [f'<span><mark class="np-q">{html.escape(messages.text("page_legend_quantity", lang))}</mark></span>']
    present = [v for v in VERDICT_ORDER if v in set(claims.verdict)]
    for v in present:
        legend_items.append(f'<span><span class="np-badge" style="background:{VERDICT_COLOURS[v]}">'
                            f'{html.escape(messages.label("verdict", v, lang))}</span></span>')
    legend = (f'<div class="np-legend"><strong>{html.escape(messages.text("page_legend", lang))}</strong> '
              + " ".join(legend_items) + "</div>")
    notes = []
    for r in claims.itertuples():
        expl = _explanation(r, lang)
        stmt = f'<span class="np-src" lang="zh">{html.escape(str(r.statement))}</span>'
        notes.append(f'<li id="np-note-{number[r.claim_id]}">{badge(r)} {stmt}'
                     + (f"<br>{html.escape(expl)}" if expl else "") + "</li>")
    notes_html = ""
    if notes:
        notes_html = (f'<h4>{html.escape(messages.text("page_notes", lang))}</h4>'
                      f'<ol class="np-notes">{"".join(notes)}</ol>')
    return _PAGE_CSS + '<div class="np-page">' + legend + "".join(parts) + notes_html + "</div>"
