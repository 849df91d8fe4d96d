"""House style for figures that read well in Chinese, and deterministic saving.

``use_style()`` picks a CJK font: first one installed on the system (in a fixed order of
preference), else the Noto Sans SC file shipped by the ``pylopdf-fonts-zh-cn`` package, which the
set-up installs, registered with matplotlib's font manager.  It sets ``axes.unicode_minus`` off
(CJK fonts often lack U+2212) and passes the font to seaborn, whose ``set_theme`` would otherwise
reset it.

``save(fig, name, data=None)`` writes ``figures/NAME.png`` and ``figures/NAME.svg`` (and
``figures/NAME.csv`` with exactly what is plotted, when ``data`` is given) with identical bytes on
every run: fixed SVG hash salt, no dates in metadata, atomic writes.  Inside a notebook (any
IPython kernel: JupyterLab, nbclient, nbconvert) it also displays the PNG it wrote, the same
bytes, and closes the figure, so the figure a reader sees is the one published whatever
matplotlib backend the kernel runs (``plt.show()`` after it shows nothing twice).

This module never chooses a matplotlib backend: importing it must not undo the notebook's inline
backend (it once called ``matplotlib.use("Agg")``, and every notebook lost its figures).

``layout_problems(fig)`` lists the text a reader could not read: any text (title, labels, tick
labels, annotations, legend entries) outside the figure, or two texts overlapping;
``figure_problems(fig)`` adds what a data journalist would not publish: a title without a finding
(no number), a value axis without a label naming its unit.  ``save`` refuses nothing but warns
(:class:`FigureWarning`) so a notebook author sees it, and records the title, labels, texts and
problems in the PNG (``read_description(png)``), where the tests read them for every figure.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
import struct
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager

from .tables import to_csv_bytes, write_bytes_atomic

# System fonts first (better hinting, the user's choice), in a fixed order.
PREFERRED = [
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN",
    "PingFang SC", "Microsoft YaHei", "SimHei", "Noto Sans CJK JP",
]
PALETTE = ["#1f5f8b", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30638e", "#7a7a7a"]
DPI = 110
_font_name: str | None = None


def shipped_font_files() -> list[Path]:
    """CJK font files that come with the project's Python dependencies."""
    try:
        import pylopdf_fonts_zh_cn as pkg
    except ImportError:
        return []
    d = Path(pkg.__file__).parent
    return sorted(p for p in d.iterdir() if p.suffix.lower() in (".otf", ".ttf", ".ttc") and "Sans" in p.name)


def cjk_font() -> str:
    """The family name of the CJK font figures use (found once per process)."""
    global _font_name
    if _font_name:
        return _font_name
    available = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED:
        if name in available:
            _font_name = name
            return name
    for path in shipped_font_files():
        font_manager.fontManager.addfont(str(path))
        name = font_manager.FontProperties(fname=str(path)).get_name()
        _font_name = name
        return name
    raise RuntimeError(
        "no CJK font: install the project's dependencies (pip install -e .) or a system font such as "
        "Debian's fonts-noto-cjk")


def use_style(context: str = "notebook") -> str:
    """Apply the house style; return the CJK font family in use."""
    import seaborn as sns

    font = cjk_font()
    sns.set_theme(context=context, style="whitegrid", palette=PALETTE,
                  font=font, rc={"axes.unicode_minus": False})
    plt.rcParams.update({
        "font.family": [font],
        "font.sans-serif": [font, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.titlesize": 13,
        "axes.titleweight": "normal",  # the shipped CJK font has no bold face
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "savefig.bbox": "tight",
        "svg.hashsalt": "newspage",
        "svg.fonttype": "path",
        "figure.figsize": (7.5, 4.2),
        "figure.constrained_layout.use": True,   # long CJK tick labels stay inside the figure
    })
    return font


def figures_dir() -> Path:
    """Where figures go: $NEWSPAGE_FIGURES, else ./figures."""
    return Path(os.environ.get("NEWSPAGE_FIGURES", "figures"))


class FigureWarning(UserWarning):
    """A figure a reader would stumble on: text clipped or overlapping, no finding in the title,
    a value axis without a label and unit."""


LayoutWarning = FigureWarning  # the first name of the class


def _texts(fig) -> list:
    """Every visible, non-empty text artist of ``fig`` (titles, labels, ticks, legends, annotations)."""
    hidden: set = set()
    for ax in fig.axes:  # tick labels of ticks outside the view limits are not drawn
        hidden |= _offview_ticklabels(ax)
    return [t for t in fig.findobj(matplotlib.text.Text)
            if t.get_visible() and t.get_text().strip() and t not in hidden]


def _offview_ticklabels(ax) -> set:
    hidden = set()
    for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            loc = tick.get_loc()
            try:
                inside = lo - 1e-9 * max(1, abs(hi - lo)) <= float(loc) <= hi + 1e-9 * max(1, abs(hi - lo))
            except (TypeError, ValueError):
                inside = True
            if not inside or not tick.get_visible():
                hidden.update((tick.label1, tick.label2))
    return hidden


def layout_problems(fig, pad: float = 0.5) -> list[str]:
    """Text a reader cannot read in ``fig``: a text that runs outside the figure, or two texts
    overlapping (by more than ``pad`` pixels each way).  An empty list means none.

    The figure's own size is the limit even though the house style saves with a tight box (which
    would grow the picture around a stray label): a figure laid out within its size reads the
    same inline, saved and on the site."""
    fig.draw_without_rendering()  # layout and tick labels as drawn, without painting a pixel
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    texts = _texts(fig)
    boxes = []
    for t in texts:
        try:
            bb = t.get_window_extent(renderer)
        except Exception:  # noqa: BLE001 - a text that cannot be laid out is not drawn
            continue
        if bb.width <= 0 or bb.height <= 0:
            continue
        boxes.append((t, bb))
    problems = []
    for t, bb in boxes:
        if bb.x0 < -pad or bb.y0 < -pad or bb.x1 > W + pad or bb.y1 > H + pad:
            problems.append(f"text {t.get_text()!r} runs outside the figure "
                            f"({bb.x0:.0f}..{bb.x1:.0f} x {bb.y0:.0f}..{bb.y1:.0f} px of {W:.0f} x {H:.0f})")
    for i in range(len(boxes)):
        ti, bi = boxes[i]
        for j in range(i + 1, len(boxes)):
            tj, bj = boxes[j]
            ox = min(bi.x1, bj.x1) - max(bi.x0, bj.x0)
            oy = min(bi.y1, bj.y1) - max(bi.y0, bj.y0)
            if ox > pad and oy > pad:
                problems.append(f"texts {ti.get_text()!r} and {tj.get_text()!r} overlap")
    return problems


_UNIT = re.compile(r"[（(][^（()）]+[）)]")
# a finding holds a number (in figures or in words) or a comparison
_FINDING = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿半]|最|高于|低于|多于|少于|超过|不到|不足|倍|"
                      r"\b(?:more|less|fewer|most|least|highest|lowest|than|twice|half|times|all|none|no)\b", re.I)


_NUMBER_LABEL = re.compile(r"^[+\-\u2212]?[0-9][0-9,.]*\s*(?:%|‰)?$")


def _axis_kind(axis) -> str:
    """``numeric`` when every drawn tick label is a number (``0.5``, ``1,200``, ``60%``), else
    ``category`` (names, dates: they need no unit).  Call after the figure is drawn."""
    labels = [t.get_text().strip() for t in axis.get_ticklabels() if t.get_visible() and t.get_text().strip()]
    if labels and all(re.fullmatch(r"(?:19|20)\d\d", x) for x in labels):
        return "category"  # years on a time axis
    if labels and all(_NUMBER_LABEL.match(x) for x in labels):
        return "numeric"
    return "category"


def figure_problems(fig) -> list[str]:
    """What keeps ``fig`` from being published: :func:`layout_problems`, a title that states no
    finding (it must hold a number, in figures or words, or a comparison), a value axis without a label naming its unit in brackets
    (``篇幅（字）``, ``share (%)``).  Date and category axes need no unit."""
    problems = layout_problems(fig)  # draws the figure: tick labels are set from here on
    titles = [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
    if getattr(fig, "_suptitle", None) is not None:
        titles.append(fig._suptitle.get_text())
    title = " ".join(t for t in titles if t.strip())
    if not title:
        problems.append("no title: the title states the finding")
    elif not _FINDING.search(title):
        problems.append(f"title {title!r} states no number: the title states the finding")
    for ax in fig.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if not axis.get_visible() or _axis_kind(axis) != "numeric":
                continue
            if not any(t.get_visible() and t.get_text().strip() for t in axis.get_ticklabels()):
                continue
            lab = axis.get_label_text().strip()
            if not lab:
                problems.append(f"the {name} axis has no label: name the measure and its unit")
            elif not _UNIT.search(lab):
                problems.append(f"the {name} axis label {lab!r} names no unit in brackets")
    return problems


def describe(fig) -> dict:
    """What a figure says in words, recorded in its PNG: the title, the axis labels, its problems."""
    problems = figure_problems(fig)  # draws first: tick labels are known from here on
    titles = [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
    return {
        "title": " ".join(t for t in titles if t.strip()),
        "axes": [{"x": ax.get_xlabel(), "y": ax.get_ylabel()} for ax in fig.axes if ax.axison],
        "texts": sorted({t.get_text() for t in _texts(fig)}),
        "problems": problems,
    }


def read_description(png: bytes) -> dict:
    """The :func:`describe` record that :func:`save` wrote into a PNG ({} when there is none)."""
    import json

    from PIL import Image

    info = Image.open(io.BytesIO(png)).text if png else {}
    try:
        return json.loads(info.get("newspage", "{}"))
    except ValueError:
        return {}


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of PNG bytes."""
    return struct.unpack(">II", png[16:24])


def compact_png(png: bytes, colours: int = 256) -> bytes:
    """``png`` with its colours cut to a palette of at most ``colours`` (no dithering: flat areas
    and the anti-aliased edges of text stay clean), text chunks and resolution kept: about a third
    of the bytes of matplotlib's RGBA PNG, the same bytes for the same input."""
    from PIL import Image, PngImagePlugin

    im = Image.open(io.BytesIO(png))
    info = PngImagePlugin.PngInfo()
    for k, v in im.text.items():  # the Title and the description (read_description)
        info.add_text(k, v)  # non-Latin-1 text goes as iTXt
    dpi = im.info.get("dpi")
    pal = im.convert("RGB").quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    pal.save(out, format="PNG", optimize=True, pnginfo=info, **({"dpi": dpi} if dpi else {}))
    return out.getvalue()


def display_png(png: bytes, alt: str = "") -> None:
    """Show PNG bytes as a notebook output: ``image/png`` only, no object repr beside it."""
    from IPython.display import display

    w, h = png_size(png)
    meta = {"image/png": {"width": w, "height": h}}
    display({"image/png": base64.b64encode(png).decode("ascii")}, raw=True, metadata=meta)


def save(fig, name: str, data=None, outdir: str | os.PathLike | None = None, *,
         show: bool | None = None, formats: tuple[str, ...] = ("png", "svg")) -> dict[str, Path]:
    """Write NAME.png and NAME.svg (and NAME.csv from ``data``) deterministically; return the paths.

    ``show`` (default: when running in a notebook kernel) displays the PNG just written and closes
    the figure.  Text outside the figure or overlapping other text gives a :class:`FigureWarning`.
    ``formats``: ``("png",)`` leaves out the SVG (the English edition, shown on the site only).

    The figure is laid out once (constrained layout, for the check), then drawn with that layout
    frozen for each format, and saved at its own size (no tight box: the check keeps every text
    inside it): a third of the drawing work of laying out again for each format.
    """
    if not name or any(c in name for c in "/\\") or name.startswith("."):
        raise ValueError(f"figure name {name!r}: give a plain file name without folders or extension")
    out = Path(outdir) if outdir is not None else figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    if "png" not in formats:
        raise ValueError("formats: the PNG is always written (it is what notebooks and the site show)")
    info = describe(fig)  # lays the figure out
    engine = fig.get_layout_engine()
    fig.set_layout_engine("none")  # keep that layout for every format
    try:
        with matplotlib.rc_context({"svg.hashsalt": "newspage", "savefig.bbox": None}):
            png = io.BytesIO()
            fig.savefig(png, format="png", dpi=DPI, metadata={
                "Software": None, "Title": info["title"],
                "newspage": json.dumps(info, ensure_ascii=False, sort_keys=True)})
            payload = {"png": compact_png(png.getvalue())}
            if "svg" in formats:
                svg = io.BytesIO()
                fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
                payload["svg"] = svg.getvalue()
    finally:
        fig.set_layout_engine(engine)
    paths = {k: out / f"{name}.{k}" for k in payload}
    if data is not None:
        paths["csv"] = out / f"{name}.csv"
        payload["csv"] = to_csv_bytes(data.reset_index(drop=True) if hasattr(data, "reset_index") else data)
    for k, p in paths.items():
        write_bytes_atomic(p, payload[k])
    problems = info["problems"]
    if problems:
        # warn_explicit: the message names the figure, not a kernel's temporary file path
        warnings.warn_explicit(f"figure {name}: " + "; ".join(problems[:3]) + (" …" if len(problems) > 3 else ""),
                               FigureWarning, filename="newspage.plotting", lineno=0)
    if show is None:
        show = _in_kernel()
    if show:
        display_png(payload["png"])
        plt.close(fig)
    return paths
