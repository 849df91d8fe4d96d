"""Execute the notebooks and render the site: ``newspage build``.

The runner, in order:

1. lists ``notebooks/NN-name.ipynb`` and computes for each a key: the hash of the notebook, every
   file of the library (``lib/newspage``), every page in ``seeds/``, the page given with ``--page``
   and the parameters it injects.  A notebook whose key and outputs (figures, tables, HTML page)
   are unchanged since its last successful run is skipped (``.build-cache/NAME.json``).
2. executes the others headless with nbclient, ``jobs`` at a time, each worker process owning one
   ``python3`` kernel.  The kernel starts in the project root with ``NEWSPAGE_ROOT`` set, is
   warmed once (the heavy imports, the CJK font, the word segmenter), and between two notebooks
   its namespace is reset (``%reset -f``), figures closed, the working folder and matplotlib's
   settings restored, so every notebook sees the same fresh state.  A cell that runs longer than
   ``timeout`` seconds fails its notebook.
3. injects the parameters papermill-style: a cell tagged ``injected-parameters`` right after the
   cell tagged ``parameters``.  The notebook writes its figures and tables into a staging folder;
   only when it has run through are they moved into ``figures/`` and ``data/NAME/``, so a failing
   or interrupted notebook leaves the previous outputs as they were.
4. normalises the executed notebook (sequential execution counts, no timing or kernel metadata),
   renders ``site/NAME.html`` (nbconvert, code folded in ``<details>``, no CDN scripts, a local
   copy of the CJK font) and ``site/index.html`` from ``notebooks/notebooks.csv``.

Every file is written to a temporary file and renamed.  Two builds of the same inputs give the
same bytes.  Progress goes to stderr, one line per notebook.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .tables import to_csv_bytes, write_bytes_atomic, write_text_atomic

CACHE_DIR = ".build-cache"
KERNEL = "python3"
NB_NAME = re.compile(r"^(\d\d)-[a-z0-9][a-z0-9-]*$")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
TEMPLATES = Path(__file__).parent / "templates"
FONT_FAMILY = "NewspageSC"
# the shipped font serves Chinese characters and punctuation; Latin text keeps the system fonts
CJK_RANGES = "U+2010-2027, U+2030-205E, U+2E80-2FDF, U+3000-33FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FA1F"
BUILD_FORMAT = "1"  # bump when the runner's output format changes


class BuildError(Exception):
    """A problem with the project itself (no notebooks folder, bad notebook); one line."""


# the notebooks' helpers live in newspage.report; these names stay importable from here
from .report import esc, project_root, write_table  # noqa: E402,F401


# ---------------------------------------------------------------------------
# Planning: which notebooks, their keys, the cache
# ---------------------------------------------------------------------------

@dataclass
class Edition:
    """Where one language of one page goes."""
    lang: str
    site: Path                # the site root of this page's editions (assets/, data/ live here)
    html: Path                # where NAME.html and index.html go (site, or site/en)
    figures: Path             # figures of this language
    data: Path                # data/<notebook>/ tables (shared by the languages)
    cache: Path               # manifests and executed notebooks
    page: Path | None = None  # the page the notebooks read (None: their default)
    write_data: bool = True   # the first language of a build writes the tables


@dataclass
class Task:
    name: str                 # file stem, e.g. "01-zombie-enterprise-revival"
    path: Path                # the notebook file
    params: dict              # parameters as the reader sees them (final folders)
    stage_params: dict        # parameters injected for the run (staging folders)
    stage: Path               # staging folder
    key: str = ""
    edition: Edition | None = None

    @property
    def label(self) -> str:
        """The name in the build's log and the cache: ``NAME`` (Chinese) or ``NAME.en``."""
        return self.name if self.edition is None or self.edition.lang == "zh" else f"{self.name}.{self.edition.lang}"


@dataclass
class Result:
    name: str
    status: str               # cached | done | failed | skipped (written for another page)
    seconds: float = 0.0
    error: str = ""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ran(self) -> list[str]:
        return [r.name for r in self.results if r.status not in ("cached", "skipped")]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return _sha(path.read_bytes())
    except OSError:
        return None


def _tree_digest(folder: Path, patterns=("*",)) -> str:
    h = hashlib.sha256()
    if folder.is_dir():
        files = sorted({p for pat in patterns for p in folder.rglob(pat) if p.is_file()
                        and "__pycache__" not in p.parts and not p.name.endswith((".pyc", ".tmp"))})
        for p in files:
            h.update(p.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _rel(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it (portable, no machine paths), else absolute."""
    path = Path(os.path.abspath(path))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def list_notebooks(root: Path) -> list[Path]:
    nbdir = root / "notebooks"
    if not nbdir.is_dir():
        raise BuildError(f"{nbdir}: no notebooks folder")
    return sorted(p for p in nbdir.glob("*.ipynb") if NB_NAME.match(p.stem))


def plan(root: Path, out: Path, notebooks: list[Path], page: Path | None,
         editions: list[Edition] | None = None) -> list[Task]:
    """One task per notebook and edition (language), each with its cache key."""
    lib_digest = _tree_digest(Path(__file__).parent)
    seeds_digest = _tree_digest(root / "seeds", ("*.txt",))
    page_digest = _file_sha(page) if page is not None else ""
    if editions is None:
        editions = [Edition("zh", out / "site", out / "site", out / "figures", out / "data", out / CACHE_DIR, page)]
    tasks = []
    for ed in editions:
        for nb in notebooks:
            name = nb.stem
            if not NB_NAME.match(name):
                raise BuildError(f"{nb}: notebook names must look like NN-some-name.ipynb")
            params = {"figures_dir": _rel(ed.figures, root), "data_dir": _rel(ed.data / name, root), "lang": ed.lang}
            if page is not None:
                params = {"page_path": _rel(page, root), **params}
            label = name if ed.lang == "zh" else f"{name}.{ed.lang}"
            stage = ed.cache / "stage" / label
            stage_params = dict(params, figures_dir=_rel(stage / "figures", root),
                                data_dir=_rel(stage / "data" / name, root))
            t = Task(name, nb, params, stage_params, stage, edition=ed)
            h = hashlib.sha256()
            for part in (BUILD_FORMAT, sys.version, nb.read_bytes().hex(), lib_digest, seeds_digest,
                         page_digest or "", json.dumps(params, sort_keys=True), ed.write_data):
                h.update(str(part).encode() + b"\0")
            t.key = h.hexdigest()
            tasks.append(t)
    return tasks


def _cache_of(task: Task, out: Path) -> Path:
    return task.edition.cache if task.edition is not None else out / CACHE_DIR


def _manifest_path(cache: Path, label: str) -> Path:
    return cache / f"{label}.json"


def _load_manifest(cache: Path, label: str) -> dict | None:
    try:
        return json.loads(_manifest_path(cache, label).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _is_fresh(task: Task, out: Path) -> bool:
    cache = _cache_of(task, out)
    m = _load_manifest(cache, task.label)
    if not m or m.get("key") != task.key:
        return False
    for rel, sha in m.get("outputs", {}).items():
        if _file_sha(out / rel) != sha:
            return False
    return (cache / f"{task.label}.ipynb").is_file()


# ---------------------------------------------------------------------------
# Executing (in worker processes, one kernel each)
# ---------------------------------------------------------------------------

WARM_UP = """
import io, os, sys, types, warnings
import matplotlib
import matplotlib.pyplot as plt
_k = sys.modules.setdefault("_newspage_kernel", types.ModuleType("_newspage_kernel"))
_k.rc0 = dict(matplotlib.rcParams)   # what a notebook sees after its own imports
_k.cwd0 = os.getcwd()
import pandas as pd
import newspage, newspage.plotting
newspage.plotting.use_style()
_fig, _ax = plt.subplots(); _ax.set_title("中文 warm-up"); _ax.plot([0, 1], [0, 1])
_fig.savefig(io.BytesIO(), format="png"); _fig.savefig(io.BytesIO(), format="svg"); plt.close("all")
try:
    newspage.read_page(text="热身\\n\\n本报讯 记者张三报道：2024年3月，某公司产量达到5万吨，同比增长10%。").tables()
except Exception:
    pass
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    matplotlib.rcParams.update(_k.rc0)
del _fig, _ax, _k
get_ipython().run_line_magic("reset", "-f")
"""

RESET = """
import matplotlib as __m, matplotlib.pyplot as __plt, os as __os, warnings as __w, pandas as __pd
import _newspage_kernel as __k
__plt.close("all")
with __w.catch_warnings():
    __w.simplefilter("ignore")
    __m.rcParams.update(__k.rc0)
    __pd.reset_option("all")
__os.chdir(__k.cwd0)
get_ipython().run_line_magic("reset", "-f")
"""


def _params_source(params: dict) -> str:
    lines = ["# Parameters injected by `newspage build`"]
    lines += [f"{k} = {v!r}" for k, v in params.items()]
    return "\n".join(lines) + "\n"


def inject(nb, params: dict):
    """Insert the injected-parameters cell after the cell tagged ``parameters`` (papermill style)."""
    import nbformat

    idx = next((i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if idx is None:
        raise BuildError("no cell tagged 'parameters'")
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_code_cell(_params_source(params), metadata={"tags": ["injected-parameters"]})
    cell["id"] = "injected-parameters"
    nb.cells.insert(idx + 1, cell)
    return nb


def normalise_executed(nb) -> None:
    """Make an executed notebook byte-stable: counts 1..n, no timings, no volatile metadata."""
    n = 0
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type != "code":
            continue
        n += 1
        cell["execution_count"] = n
        for o in cell.get("outputs", []):
            if "execution_count" in o:
                o["execution_count"] = n
            if o.get("output_type") == "stream":
                o["text"] = o["text"]
    for k in ("widgets", "papermill"):
        nb.metadata.pop(k, None)
    li = nb.metadata.get("language_info")
    if li:
        nb.metadata["language_info"] = {k: li[k] for k in ("name", "file_extension", "mimetype") if k in li}


def _first_error(exc: BaseException) -> str:
    name = type(exc).__name__
    msg = str(exc)
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}".splitlines()[0][:300]
    if name == "CellTimeoutError" or "timed out" in msg.lower():
        return "cell timed out: " + msg.strip().splitlines()[-1][:200] if msg.strip() else "cell timed out"
    lines = [ln for ln in msg.strip().splitlines() if ln.strip()]
    return f"{name}: {lines[-1] if lines else ''}"[:300]


def _worker(root: str, tasks_q, results_q, timeout: int) -> None:
    """One worker process: one kernel, notebooks from the queue until it is empty."""
    import asyncio
    import queue as _queue
    import signal

    signal.signal(signal.SIGTERM, lambda *a: (_ for _ in ()).throw(SystemExit(143)))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it stops workers with SIGTERM
    state: dict = {}

    async def run() -> None:
        import nbformat
        from jupyter_client.manager import AsyncKernelManager
        from nbclient import NotebookClient

        env = dict(os.environ, NEWSPAGE_ROOT=root, PYTHONHASHSEED="0", MPLBACKEND=INLINE_BACKEND,
                   JUPYTER_PLATFORM_DIRS="1", PYDEVD_DISABLE_FILE_VALIDATION="1")
        env.pop("NEWSPAGE_FIGURES", None)
        import tempfile
        sock_dir = tempfile.mkdtemp(prefix="newspage-kernel-")  # ipc sockets: private, no TCP ports
        km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(sock_dir, "k"),
                                connection_file=os.path.join(sock_dir, "kernel.json"))
        state["sock_dir"] = sock_dir
        await km.start_kernel(cwd=root, env=env,
                              extra_arguments=["--HistoryManager.hist_file=:memory:", "--HistoryManager.enabled=False"])
        state["pid"] = getattr(getattr(km.provisioner, "process", None), "pid", None)
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=120)

            async def run_code(code: str) -> None:
                reply = await kc.execute_interactive(code, store_history=False, timeout=max(timeout, 120),
                                                     output_hook=lambda msg: None)
                if reply["content"]["status"] != "ok":
                    c = reply["content"]
                    raise RuntimeError(f"kernel set-up failed: {c.get('ename')}: {c.get('evalue')}")

            await run_code(WARM_UP)
            while True:
                try:
                    item = tasks_q.get_nowait()
                except _queue.Empty:
                    return
                name, path, params, shown_params, title, opts = item
                results_q.put((name, "start", 0.0, ""))
                t0 = time.perf_counter()
                nb = None
                try:
                    await run_code(RESET)
                    nb = nbformat.read(path, as_version=4)
                    inject(nb, params)
                    client = NotebookClient(nb, km=km, timeout=timeout, kernel_name=KERNEL,
                                            record_timing=False, allow_errors=False, interrupt_on_timeout=True,
                                            resources={"metadata": {"path": root}})
                    client.kc = kc
                    await client.async_execute()
                    normalise_executed(nb)
                    nb_json = nbformat.writes(nb)
                    body = render_notebook_html(nb_json, title, shown_params, **opts)
                    results_q.put((name, "ok", time.perf_counter() - t0, (nb_json, body)))
                except BaseException as exc:  # noqa: BLE001 - reported, the build goes on
                    where = ""
                    if nb is not None:
                        bad = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                               and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
                        if bad:
                            where = f"cell {bad[0]}: "
                    msg = _first_error(exc)
                    if msg.startswith("KeyboardInterrupt"):  # only nbclient interrupts: on a timeout
                        msg = f"cell ran over the {timeout}s timeout and was interrupted"
                    results_q.put((name, "failed", time.perf_counter() - t0, where + msg))
                    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                        raise
                    # the kernel may be stuck or half-set-up: start the next notebook on a fresh one
                    await km.restart_kernel(now=True)
                    await kc.wait_for_ready(timeout=120)
                    state["pid"] = getattr(getattr(km.provisioner, "process", None), "pid", None)
                    await run_code(WARM_UP)
        finally:
            try:
                kc.stop_channels()
            finally:
                await km.shutdown_kernel(now=True)
                # the kernel is reaped: its pid may soon belong to another process, never kill it later
                state["pid"] = None
                shutil.rmtree(sock_dir, ignore_errors=True)

    try:
        asyncio.run(run())
    except (KeyboardInterrupt, SystemExit):
        pass
    except BaseException as exc:  # noqa: BLE001 - the kernel did not start: fail what is left
        msg = _first_error(exc)
        while True:
            try:
                name = tasks_q.get_nowait()[0]
            except Exception:  # noqa: BLE001
                break
            results_q.put((name, "failed", 0.0, msg))
        results_q.put((None, "worker-error", 0.0, msg))
    finally:  # whatever happened, leave no kernel behind
        pid = state.get("pid")
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if state.get("sock_dir"):
            shutil.rmtree(state["sock_dir"], ignore_errors=True)


# ---------------------------------------------------------------------------
# Committing outputs and rendering the site
# ---------------------------------------------------------------------------

def _commit(task: Task, out: Path, root: Path) -> dict[str, str]:
    """Move the staged figures and tables into place; return {relpath: sha} of the outputs."""
    outputs: dict[str, str] = {}
    ed = task.edition
    prev = (_load_manifest(_cache_of(task, out), task.label) or {}).get("outputs", {})
    moves = []
    pairs = [(task.stage / "figures", ed.figures)]
    if ed.write_data:
        pairs.append((task.stage / "data" / task.name, ed.data / task.name))
    for src, dest in pairs:
        if not src.is_dir():
            continue
        for f in sorted(src.rglob("*")):
            if f.is_file() and not f.name.endswith(".tmp"):
                moves.append((f, dest / f.relative_to(src)))
    for src, dest in moves:
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = src.read_bytes()
        if _file_sha(dest) != _sha(data):
            os.replace(src, dest)
        outputs[dest.relative_to(out).as_posix()] = _sha(data)
    for rel in prev:  # outputs of the last run that this run no longer makes (its figures on the site stay
        # until the page is rewritten: another edition may share an identical image)
        if rel not in outputs and not rel.endswith(".html") and "/img/fig-" not in f"/{rel}":
            try:
                (out / rel).unlink()
            except OSError:
                pass
    shutil.rmtree(task.stage, ignore_errors=True)
    return outputs


def _lab_css() -> str:
    """The notebook CSS of nbconvert's lab template, once, for site/assets/notebook.css."""
    from jupyter_core.paths import jupyter_path

    for d in jupyter_path("nbconvert", "templates", "lab", "static"):
        p = Path(d)
        if (p / "index.css").is_file():
            parts = [(p / "index.css").read_text("utf-8")]
            if (p / "theme-light.css").is_file():
                parts.append((p / "theme-light.css").read_text("utf-8"))
            return "\n".join(parts)
    return ""


_EXPORTER = None


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter
        from traitlets.config import Config

        cfg = Config()
        # a cell tagged `prose` (or `hide-input`) shows its output only: no code toggle on the site
        cfg.TagRemovePreprocessor.remove_input_tags = {"prose", "hide-input"}
        cfg.TagRemovePreprocessor.enabled = True
        ex = HTMLExporter(config=cfg, template_name="lab", extra_template_paths=[str(TEMPLATES)],
                          template_file="notebook.html.j2")
        ex.exclude_input_prompt = False
        # False: with True, nbconvert's Markdown renderer moves the text of an inline <span> (nb.src()'s
        # quotations) out of it, leaving the span empty; figures are outputs, not Markdown images, and
        # become files beside the page anyway (_images_to_files)
        ex.embed_images = False
        _EXPORTER = ex
    return _EXPORTER


def _drop_other_languages(nb, lang: str) -> None:
    """Markdown cells tagged ``lang-XX`` are shown only in the edition of language XX."""
    keep = []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        langs = [t[5:] for t in tags if t.startswith("lang-")]
        if langs and lang not in langs:
            continue
        keep.append(cell)
    nb.cells = keep


def render_notebook_html(nb_json: str, title: str, params: dict, *, lang: str = "zh", prefix: str = "",
                         data_href: str = "data/") -> str:
    """The site page of one executed notebook: the other language's prose dropped, the reader's
    parameters shown, links to full tables pointed at the site's copy (``data_href`` + table),
    assets found at ``prefix`` (``../`` for the English edition)."""
    import nbformat

    from . import messages

    nb = nbformat.reads(nb_json, as_version=4)
    _drop_other_languages(nb, lang)
    for cell in nb.cells:  # show the parameters the reader cares about: the final folders
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = _params_source(params)
    nb.metadata["title"] = title
    words = {k: messages.text(k, lang) for k in ("site_contents", "site_code")}
    html_lang = "zh-CN" if lang == "zh" else "en"
    body, _ = _exporter().from_notebook_node(nb, resources={
        "metadata": {"name": title}, "language_code": html_lang, "np": dict(words, prefix=prefix)})
    # the exporter writes its own language_code trait (ISO 639-1, "en" by default) over the one given
    body = re.sub(r'<html lang="[^"]*">', f'<html lang="{html_lang}">', body, count=1)

    def link(m: re.Match) -> str:
        table = html.unescape(m.group(1))
        return f'data-table="{m.group(1)}" href="{html.escape(data_href + table)}"'

    body = re.sub(r'data-table="([^"]*)" href="[^"]*"', link, body)
    return body


def finding_of(nb_json: str, tag: str = "finding") -> str:
    """The one-line finding: the first paragraph of the first Markdown output of the cell tagged
    ``tag`` (plain text: Markdown marks and HTML tags removed)."""
    try:
        nb = json.loads(nb_json)
    except ValueError:
        return ""
    for cell in nb.get("cells", []):
        if tag not in cell.get("metadata", {}).get("tags", []):
            continue
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            text = data.get("text/markdown") or data.get("text/plain")
            if text:
                text = "".join(text) if isinstance(text, list) else text
                para = text.strip().split("\n\n")[0]
                para = re.sub(r"^#+\s*", "", para)
                para = re.sub(r"<[^>]+>", "", para)
                para = re.sub(r"\\([\\`*_\[\]#|~])", r"\1", para.replace("**", ""))
                return html.unescape(" ".join(para.split()))
    return ""


def read_catalogue(root: Path) -> dict[str, dict]:
    """notebooks/notebooks.csv: file, title, title_en, finding_tag (the tag of the cell whose
    Markdown output opens with the one-line finding), figure (the main figure's name, shown as the
    thumbnail), page (the page a story notebook is written for; empty: any page; ``archive``: a
    notebook that reads a folder of pages, skipped when the build is given one page)."""
    path = root / "notebooks" / "notebooks.csv"
    rows: dict[str, dict] = {}
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                stem = Path(row.get("file", "")).stem
                if stem:
                    rows[stem] = row
    return rows


def _write_if_changed(path: Path, data: bytes) -> None:
    if _file_sha(path) != _sha(data):
        write_bytes_atomic(path, data)


def _shipped_fonts() -> list[Path]:
    """newspage.plotting.shipped_font_files() without importing matplotlib (a no-op build stays fast)."""
    import importlib.util

    spec = importlib.util.find_spec("pylopdf_fonts_zh_cn")
    if spec is None or not spec.origin:
        return []
    d = Path(spec.origin).parent
    return sorted(p for p in d.iterdir() if p.suffix.lower() in (".otf", ".ttf", ".ttc") and "Sans" in p.name)


SUBSET_NAME = "NewspageSC-subset.otf"


def site_characters(site: Path) -> str:
    """Every character a reader of the site can be shown: the text of its HTML pages (the page
    editions under ``pages/`` have their own font), sorted."""
    chars: set[str] = set()
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).parts
        if rel and rel[0] == "pages":
            continue
        chars.update(html.unescape(p.read_text("utf-8")))
    chars.update(" ，。、；：？！“”‘’（）《》—…·")
    return "".join(sorted(c for c in chars if ord(c) >= 0x20))


def subset_font(font: Path, text: str) -> bytes:
    """``font`` cut down to the glyphs of ``text`` (fontTools), deterministic bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.layout_features = ["*"]
    f = TTFont(str(font), lazy=False)
    sub = subset.Subsetter(options=opts)
    sub.populate(text=text)
    sub.subset(f)
    buf = io.BytesIO()
    f.save(buf)
    return buf.getvalue()


def write_assets(site: Path, cache: Path | None = None) -> None:
    """``site/assets``: the CSS and the CJK font cut to the characters the site uses."""
    assets = site / "assets"
    fonts = _shipped_fonts()
    font_css = ""
    if fonts:
        font = fonts[0]
        dest = assets / SUBSET_NAME
        text = site_characters(site)
        key = _sha((_file_sha(font) or "").encode() + text.encode("utf-8"))
        stamp = (cache or assets) / "font-subset.json"
        try:
            known = json.loads(stamp.read_text("utf-8"))
        except (OSError, ValueError):
            known = {}
        if known.get("key") != key or _file_sha(dest) != known.get("sha"):
            data = subset_font(font, text)
            _write_if_changed(dest, data)
            write_text_atomic(stamp, json.dumps({"key": key, "sha": _sha(data)}))
        for old in assets.glob("*.otf"):  # the full font of earlier builds
            if old.name != SUBSET_NAME:
                old.unlink()
        font_css = (f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{SUBSET_NAME}") format("opentype"); '
                    f"font-display: block; unicode-range: {CJK_RANGES}; }}\n")
    css = font_css + (TEMPLATES / "site.css").read_text("utf-8")
    _write_if_changed(assets / "newspage.css", css.encode("utf-8"))
    _write_if_changed(assets / "notebook.css", _lab_css().encode("utf-8"))


def _thumbnail(png: Path, width: int = 480) -> bytes:
    """A smaller copy of a figure for the index (twice the 240 px it is shown at)."""
    from PIL import Image

    im = Image.open(png).convert("RGB")
    if im.width > width:
        im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
    im = im.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)  # as the figures
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def page_metadata(page: Path | None, cache: Path) -> dict:
    """What the index says about the page: paper, date and where it came from, page number,
    SHA-256 (from ``page.pages`` when the library has it), cached by the file's SHA-256."""
    if page is None or not page.is_file():
        return {}
    sha = _file_sha(page) or ""
    lib = _tree_digest(Path(__file__).parent, ("*.py",))  # the date rules may change with the library
    stamp = cache / f"page-{_sha((sha + lib).encode())[:16]}.json"
    try:
        return json.loads(stamp.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    from .page import read_page

    p = read_page(page)
    meta = {"page_id": p.page_id, "sha256": sha, "file": page.name}
    pages = getattr(p, "pages", None)
    if pages is not None and len(pages):
        row = pages.iloc[0]
        for k in ("paper", "date", "date_source", "date_rule", "page_number", "section"):
            v = row.get(k) if k in pages.columns else None
            meta[k] = "" if v is None or (isinstance(v, float) and v != v) or str(v) in ("<NA>", "nan") else str(v)
    else:
        meta["date"] = p.date.isoformat() if p.date else ""
        meta["date_source"] = "inferred" if p.date else ""
    write_text_atomic(stamp, json.dumps(meta, ensure_ascii=False, sort_keys=True))
    return meta


_INDEX_TEMPLATE = None


def render_index(root: Path, ed: Edition, names: list[str], *, other: str = "", meta: dict | None = None,
                 data_dir: Path | None = None) -> None:
    """``index.html`` of one edition: the page it describes, a card per notebook that ran."""
    import jinja2

    from . import messages

    lang = ed.lang
    cat = read_catalogue(root)
    order = [n for n in cat if n in names] + [n for n in names if n not in cat]
    entries = []
    stamp = ed.cache / f"thumbnails-{lang}.json"
    try:
        thumbs = json.loads(stamp.read_text("utf-8"))
    except (OSError, ValueError):
        thumbs = {}
    before = dict(thumbs)
    for name in order:
        row = cat.get(name, {})
        label = name if lang == "zh" else f"{name}.{lang}"
        nb_path = ed.cache / f"{label}.ipynb"
        nb_json = nb_path.read_text("utf-8") if nb_path.is_file() else ""
        html_ok = (ed.html / f"{name}.html").is_file()
        thumb = ""
        fig = (row.get("figure") or "").strip()
        if fig and (ed.figures / f"{fig}.png").is_file():
            src, dest = ed.figures / f"{fig}.png", ed.html / "img" / f"{fig}.png"
            key = _file_sha(src)
            if thumbs.get(dest.as_posix()) != [key, _file_sha(dest)]:  # made again only when its figure changed
                _write_if_changed(dest, _thumbnail(src))
                thumbs[dest.as_posix()] = [key, _file_sha(dest)]
            thumb = f"img/{fig}.png"
        title = (row.get("title") if lang == "zh" else row.get(f"title_{lang}")) or row.get("title") or name
        entries.append({
            "name": name, "href": f"{name}.html" if html_ok else "", "title": title,
            "finding": finding_of(nb_json, (row.get("finding_tag") or "finding").strip()) if nb_json else "",
            "thumb": thumb,
        })
    if thumbs != before:
        write_text_atomic(stamp, json.dumps(thumbs, sort_keys=True))
    meta = meta or {}
    words = {k: messages.text(k, lang) for k in ("index_title", "index_intro", "index_other", "index_page",
                                                   "index_missing", "index_paper", "index_date", "index_number",
                                                   "index_sha")}
    date_source = ""
    if meta.get("date_source"):
        try:
            date_source = messages.label("date_source", meta["date_source"], lang)
        except KeyError:
            date_source = meta["date_source"]
    global _INDEX_TEMPLATE
    if _INDEX_TEMPLATE is None:  # compiled once per process, for every edition
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                 keep_trailing_newline=True)
        _INDEX_TEMPLATE = env.get_template("site-index.html.j2")
    prefix = "" if ed.html == ed.site else "../"
    page = _INDEX_TEMPLATE.render(
        entries=entries, lang=lang, html_lang="zh-CN" if lang == "zh" else "en", words=words, other=other,
        meta=meta, date_source=date_source, prefix=prefix)
    _write_if_changed(ed.html / "index.html", page.encode("utf-8"))


def _copy_tables(ed: Edition, names: list[str]) -> None:
    """The seed edition's tables (``data/<notebook>/``) copied into ``site/data/`` so the links
    from the site reach them when the site is shared on its own."""
    dest_root = ed.site / "data"
    if ed.data.resolve() == dest_root.resolve():
        return
    for name in names:
        src = ed.data / name
        if not src.is_dir():
            continue
        for f in sorted(src.glob("*")):
            if f.is_file() and not f.name.startswith("."):
                _write_if_changed(dest_root / name / f.name, f.read_bytes())


# ---------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------

LANGS = ("zh", "en")


def default_page(root: Path, notebooks: list[Path]) -> Path | None:
    """The page the notebooks read by default (their ``page_path`` parameter)."""
    for nb in notebooks:
        try:
            cells = json.loads(nb.read_text("utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        for c in cells:
            if "parameters" in c.get("metadata", {}).get("tags", []):
                m = re.search(r"""^page_path\s*=\s*["']([^"']+)["']""", "".join(c["source"]), re.M)
                if m:
                    return (root / m.group(1)).resolve()
    return None


def editions_for(root: Path, out: Path, page: Path | None, langs) -> tuple[Path, list[Edition]]:
    """Where each language goes: the seed's site at ``site/`` (Chinese) and ``site/en/``; another
    page's under ``site/pages/<page_id>/`` (figures and tables inside it), never touching the
    seed's ``figures/``, ``data/`` or ``site/`` pages."""
    if page is None:
        site, figures, data, cache = out / "site", out / "figures", out / "data", out / CACHE_DIR
    else:
        from .page import read_page  # noqa: F401 - the page id is the file's stem, as read_page gives it

        page_id = page.stem
        site = out / "site" / "pages" / page_id
        figures, data, cache = site / "figures", site / "data", out / CACHE_DIR / "pages" / page_id
    eds = []
    for i, lang in enumerate(langs):
        eds.append(Edition(lang, site, site if lang == "zh" else site / lang,
                           figures if lang == "zh" else figures / lang, data, cache, page, write_data=(i == 0)))
    return site, eds


ARCHIVE = "archive"  # notebooks.csv's page column for a notebook that reads a folder of pages


def applies(root: Path, name: str, page: Path | None) -> str:
    """'' when notebook ``name`` runs on ``page``, else the one-line reason it is skipped."""
    if page is None:
        return ""
    declared = (read_catalogue(root).get(name, {}).get("page") or "").strip()
    if not declared:
        return ""
    if declared == ARCHIVE:  # about many pages (its corpus_dir parameter): one page is not its input
        return "reads an archive of pages, not one page"
    target = (root / declared)
    if _file_sha(target) == _file_sha(page):
        return ""
    return f"written for {declared}, not this page"


def build(root: str | os.PathLike = ".", *, out: str | os.PathLike | None = None, jobs: int = 0,
          force: bool = False, timeout: int = 300, page: str | os.PathLike | None = None,
          notebooks: list[str | os.PathLike] | None = None, langs=None, stream=None) -> Report:
    """Execute what changed, render the site; return a :class:`Report` (raises :class:`BuildError`)."""
    from .messages import check_lang

    t_start = time.perf_counter()
    stream = stream if stream is not None else sys.stderr
    root = Path(root).resolve()
    if not (root / "pyproject.toml").is_file() and not (root / "notebooks").is_dir():
        raise BuildError(f"{root}: not a newspage project (no pyproject.toml or notebooks/)")
    out = Path(out).resolve() if out is not None else root
    page_path = Path(page).resolve() if page is not None else None
    if page_path is not None and not page_path.is_file():
        raise BuildError(f"{page}: page file not found")
    langs = list(langs or LANGS)
    for lang in langs:
        try:
            check_lang(lang)
        except ValueError as exc:
            raise BuildError(str(exc)) from None
    nbs = [Path(p).resolve() for p in notebooks] if notebooks is not None else list_notebooks(root)
    for p in nbs:
        if not p.is_file():
            raise BuildError(f"{p}: notebook not found")
    report = Report()
    runnable = []
    for nb in nbs:
        reason = applies(root, nb.stem, page_path)
        if reason:
            report.results.append(Result(nb.stem, "skipped", 0.0, reason))
            print(f"  {nb.stem}: skipped: {reason}", file=stream, flush=True)
        else:
            runnable.append(nb)
    site, eds = editions_for(root, out, page_path, langs)
    tasks = plan(root, out, runnable, page_path, eds)
    todo = []
    for t in tasks:
        if not force and _is_fresh(t, out):
            report.results.append(Result(t.label, "cached"))
            print(f"  {t.label}: cached", file=stream, flush=True)
        else:
            todo.append(t)
    if todo:
        _run(todo, root, out, jobs, timeout, report, stream)
    names = [nb.stem for nb in runnable]
    meta = page_metadata(page_path or default_page(root, nbs), eds[0].cache)
    all_langs = [ed.lang for ed in eds]
    for ed in eds:
        if ed.write_data:
            _copy_tables(ed, names)
    for ed in eds:
        others = [lang for lang in LANGS if lang != ed.lang]
        other = ""
        for lang in others:  # link the other edition when it exists (built now or before)
            target = ed.site if lang == "zh" else ed.site / lang
            if lang in all_langs or (target / "index.html").is_file():
                other = ("en/index.html" if ed.lang == "zh" else "../index.html")
        render_index(root, ed, names, other=other, meta=meta)
    for ed in eds:
        _drop_unused_images(ed)
    write_assets(site, eds[0].cache)
    report.seconds = time.perf_counter() - t_start
    order = {t.label: i for i, t in enumerate(tasks)}
    report.results.sort(key=lambda r: order.get(r.name, -1 if r.status == "skipped" else 1 << 30))
    return report


def _run(todo: list[Task], root: Path, out: Path, jobs: int, timeout: int, report: Report, stream) -> None:
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    n = max(1, min(jobs or (os.cpu_count() or 1), len(todo)))
    tasks_q, results_q = ctx.Queue(), ctx.Queue()
    by_name = {t.label: t for t in todo}
    cat = read_catalogue(root)
    # the same notebook's editions one after the other: a worker's kernel has its page read already
    for t in sorted(todo, key=lambda t: (t.name, LANGS.index(t.edition.lang) if t.edition.lang in LANGS else 9)):
        (t.stage).mkdir(parents=True, exist_ok=True)
        shutil.rmtree(t.stage, ignore_errors=True)
        lang = t.edition.lang
        row = cat.get(t.name, {})
        title = (row.get("title") if lang == "zh" else row.get(f"title_{lang}")) or row.get("title") or t.name
        prefix = "" if t.edition.html == t.edition.site else "../"
        opts = {"lang": lang, "prefix": prefix, "data_href": prefix + "data/"}
        tasks_q.put((t.label, str(t.path), t.stage_params, t.params, title, opts))
    # let the queue's feeder thread flush before workers look at it
    time.sleep(0.05)
    procs = [ctx.Process(target=_worker, args=(str(root), tasks_q, results_q, timeout), daemon=True)
             for _ in range(n)]
    for p in procs:
        p.start()
    pending = set(by_name)
    try:
        while pending:
            try:
                name, status, secs, payload = results_q.get(timeout=1.0)
            except Exception:  # noqa: BLE001 - queue.Empty
                if not any(p.is_alive() for p in procs):
                    for name in sorted(pending):
                        report.results.append(Result(name, "failed", 0.0, "worker stopped"))
                        print(f"  {name}: FAILED: worker stopped", file=stream, flush=True)
                    break
                continue
            if name is None:
                continue
            if status == "start":
                print(f"  {name}: running", file=stream, flush=True)
                continue
            pending.discard(name)
            task = by_name[name]
            if status == "ok":
                try:
                    _finish(task, payload, root, out)
                except Exception as exc:  # noqa: BLE001
                    status, payload = "failed", f"rendering: {_first_error(exc)}"
            if status == "ok":
                report.results.append(Result(name, "done", secs))
                print(f"  {name}: done in {secs:.1f}s", file=stream, flush=True)
            else:
                shutil.rmtree(task.stage, ignore_errors=True)
                report.results.append(Result(name, "failed", secs, payload))
                print(f"  {name}: FAILED: {payload}", file=stream, flush=True)
    finally:
        for p in procs:
            p.join(timeout=10 if not pending else 0.1)
            if p.is_alive():
                p.terminate()
                p.join(timeout=10)


def _images_to_files(body: str, ed: Edition, outputs: dict[str, str], out: Path) -> str:
    """Figures embedded as base64 become files beside the page (a third smaller, cached by the
    browser): ``img/fig-<sha>.png``."""
    def repl(m: re.Match) -> str:
        import base64

        data = base64.b64decode(m.group(1))
        rel = f"img/fig-{_sha(data)[:16]}.png"
        _write_if_changed(ed.html / rel, data)
        outputs[(ed.html / rel).relative_to(out).as_posix()] = _sha(data)
        return f'src="{rel}"'

    return re.sub(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"', repl, body)


def _drop_unused_images(ed: Edition) -> None:
    """Figures of earlier runs that no page of this edition shows any more."""
    folder = ed.html / "img"
    if not folder.is_dir():
        return
    used: set[str] = set()
    for page in ed.html.glob("*.html"):
        used.update(re.findall(r'src="img/(fig-[0-9a-f]{16}\.png)"', page.read_text("utf-8")))
    for f in folder.glob("fig-*.png"):
        if f.name not in used:
            f.unlink()


def _finish(task: Task, payload: tuple[str, str], root: Path, out: Path) -> None:
    nb_json, body = payload
    outputs = _commit(task, out, root)
    body = _images_to_files(body, task.edition, outputs, out)
    html_path = task.edition.html / f"{task.name}.html"
    _write_if_changed(html_path, body.encode("utf-8"))
    outputs[html_path.relative_to(out).as_posix()] = _sha(body.encode("utf-8"))
    cache = _cache_of(task, out)
    write_text_atomic(cache / f"{task.label}.ipynb", nb_json)
    manifest = {"key": task.key, "outputs": dict(sorted(outputs.items()))}
    write_text_atomic(_manifest_path(cache, task.label), json.dumps(manifest, indent=1, sort_keys=True))


def main(root: str | os.PathLike = ".", jobs: int = 0, force: bool = False, timeout: int = 300, *,
         out: str | os.PathLike | None = None, page: str | os.PathLike | None = None,
         notebooks: list | None = None, langs=None, stream=None) -> int:
    """``newspage build``: 0 when every notebook ran, was cached or does not apply to the page,
    1 when one failed, 2 for a bad project."""
    stream = stream if stream is not None else sys.stderr
    try:
        report = build(root, out=out, jobs=jobs, force=force, timeout=timeout, page=page,
                       notebooks=notebooks, langs=langs, stream=stream)
    except BuildError as exc:
        print(f"newspage build: error: {exc}", file=stream)
        return 2
    ran = len(report.ran)
    cached = len([r for r in report.results if r.status == "cached"])
    skipped = len([r for r in report.results if r.status == "skipped"])
    base = (Path(out) if out else Path(root)).resolve() / "site"
    if page is not None:
        base = base / "pages" / Path(page).stem
    print(f"newspage build: {ran} executed, {cached} cached, {len(report.failed)} failed"
          + (f", {skipped} skipped" if skipped else "")
          + f" in {report.seconds:.1f}s; site at {_rel(base, Path(root).resolve())}/index.html",
          file=stream)
    for r in report.failed:
        print(f"newspage build: {r.name} failed: {r.error}", file=stream)
    return 1 if report.failed else 0
