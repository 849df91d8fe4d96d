"""House style for figures that read well in Chinese, and deterministic saving.

``use_style()`` picks a CJK font: first one installed on the system (in a fixed order of
preference), else the Noto Sans SC file shipped by the ``pylopdf-fonts-zh-cn`` package, which the
set-up installs, registered with matplotlib's font manager.  It sets ``axes.unicode_minus`` off
(CJK fonts often lack U+2212) and passes the font to seaborn, whose ``set_theme`` would otherwise
reset it.

``save(fig, name, data=None)`` writes ``figures/NAME.png`` and ``figures/NAME.svg`` (and
``figures/NAME.csv`` with exactly what is plotted, when ``data`` is given) with identical bytes on
every run: fixed SVG hash salt, no dates in metadata, atomic writes.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from .tables import to_csv_bytes, write_bytes_atomic  # noqa: E402

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
    })
    return font


def figures_dir() -> Path:
    """Where figures go: $NEWSPAGE_FIGURES, else ./figures."""
    return Path(os.environ.get("NEWSPAGE_FIGURES", "figures"))


def save(fig, name: str, data=None, outdir: str | os.PathLike | None = None) -> dict[str, Path]:
    """Write NAME.png and NAME.svg (and NAME.csv from ``data``) deterministically; return the paths."""
    if not name or any(c in name for c in "/\\") or name.startswith("."):
        raise ValueError(f"figure name {name!r}: give a plain file name without folders or extension")
    out = Path(outdir) if outdir is not None else figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": "newspage"}):
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    paths = {"png": out / f"{name}.png", "svg": out / f"{name}.svg"}
    payload = {"png": png.getvalue(), "svg": svg.getvalue()}
    if data is not None:
        paths["csv"] = out / f"{name}.csv"
        payload["csv"] = to_csv_bytes(data.reset_index(drop=True) if hasattr(data, "reset_index") else data)
    for k, p in paths.items():
        write_bytes_atomic(p, payload[k])
    return paths
