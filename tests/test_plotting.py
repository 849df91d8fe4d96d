"""Figures in Chinese: a CJK font, no missing glyphs, identical bytes on every save."""
from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib import font_manager

from newspage import plotting


@pytest.fixture
def chinese_figure():
    plotting.use_style()
    data = pd.DataFrame({"类别": ["行政许可", "行政处罚", "行政强制"], "事项数": [26, 72, 10]})
    fig, ax = plt.subplots()
    ax.bar(data["类别"], data["事项数"])
    ax.set_title("行政处罚占下放事项的六成")
    ax.set_xlabel("职权类别")
    ax.set_ylabel("事项数（项）")
    ax.set_yticks([0, 20, 40, 60, 80], ["零", "二十", "四十", "六十", "八十"])
    yield fig, data
    plt.close(fig)


def test_font_is_cjk_and_covers_the_page():
    name = plotting.cjk_font()
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    from matplotlib.ft2font import FT2Font
    font = FT2Font(path)
    charmap = font.get_charmap()
    from conftest import SEED
    han = {c for c in SEED.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"}
    missing = [c for c in han if ord(c) not in charmap]
    assert not missing, missing[:10]


def test_shipped_font_is_available():
    files = plotting.shipped_font_files()
    assert files and files[0].suffix == ".otf"
    assert font_manager.FontProperties(fname=str(files[0])).get_name() == "Noto Sans SC"


def test_chinese_renders_without_warnings(tmp_path, chinese_figure):
    fig, data = chinese_figure
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = plotting.save(fig, "demo", data=data, outdir=tmp_path)
    assert sorted(p.name for p in paths.values()) == ["demo.csv", "demo.png", "demo.svg"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_save_is_deterministic(tmp_path, chinese_figure):
    fig, data = chinese_figure
    a = plotting.save(fig, "demo", data=data, outdir=tmp_path / "a")
    b = plotting.save(fig, "demo", data=data, outdir=tmp_path / "b")
    for k in a:
        assert a[k].read_bytes() == b[k].read_bytes(), k
    svg = a["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert pd.read_csv(a["csv"])["事项数"].tolist() == [26, 72, 10]


def test_save_rejects_paths(tmp_path, chinese_figure):
    fig, _ = chinese_figure
    with pytest.raises(ValueError):
        plotting.save(fig, "../escape", outdir=tmp_path)


# ---------------------------------------------------------------------------
# what a reader would stumble on
# ---------------------------------------------------------------------------

def _bars(title="处罚72项，占59.5%", xlabel="事项（项）"):
    plotting.use_style()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.barh(["行政许可", "行政处罚"], [26, 72])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return fig, ax


def test_a_clean_figure_has_no_problems():
    fig, _ = _bars()
    assert plotting.figure_problems(fig) == []
    plt.close(fig)


def test_text_running_off_the_figure_is_found():
    fig, ax = _bars()
    ax.text(60, 1, "这条注释太长了，一直写到图的右边之外还要继续写下去", fontsize=12)
    problems = plotting.layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("text '这条注释太长了") and "outside the figure" in problems[0]
    plt.close(fig)


def test_overlapping_texts_are_found():
    fig, ax = _bars()
    ax.text(10, 0, "左边的标签", fontsize=12)
    ax.text(12, 0, "右边的标签", fontsize=12)
    assert plotting.layout_problems(fig) == ["texts '左边的标签' and '右边的标签' overlap"]
    plt.close(fig)


def test_tick_labels_outside_the_view_are_not_counted():
    fig, ax = _bars()
    ax.set_xlim(0, 80)  # the ticks beyond 80 exist but are not drawn
    assert plotting.layout_problems(fig) == []
    plt.close(fig)


@pytest.mark.parametrize("title, xlabel, problem", [
    ("", "事项（项）", "no title: the title states the finding"),
    ("各类职权的数量", "事项（项）", "title '各类职权的数量' states no number: the title states the finding"),
    ("Powers by type", "powers (items)", "title 'Powers by type' states no number: the title states the finding"),
    ("处罚72项", "", "the x axis has no label: name the measure and its unit"),
    ("处罚72项", "事项数", "the x axis label '事项数' names no unit in brackets"),
])
def test_a_title_without_finding_or_an_axis_without_unit_is_found(title, xlabel, problem):
    fig, _ = _bars(title, xlabel)
    assert plotting.figure_problems(fig) == [problem]
    plt.close(fig)


def test_save_records_the_description_and_warns(tmp_path):
    fig, _ = _bars(xlabel="事项数")
    with pytest.warns(plotting.FigureWarning, match="figure demo: the x axis label '事项数' names no unit"):
        paths = plotting.save(fig, "demo", outdir=tmp_path)
    info = plotting.read_description(paths["png"].read_bytes())
    assert info["title"] == "处罚72项，占59.5%"
    assert info["axes"] == [{"x": "事项数", "y": ""}]
    assert info["problems"] == ["the x axis label '事项数' names no unit in brackets"]
    assert {"行政许可", "行政处罚", "处罚72项，占59.5%"} <= set(info["texts"])
    plt.close(fig)


def test_save_outside_a_notebook_shows_nothing_and_keeps_the_figure(tmp_path):
    fig, _ = _bars()
    plotting.save(fig, "demo", outdir=tmp_path)
    assert plt.fignum_exists(fig.number)
    plt.close(fig)


def test_importing_plotting_leaves_the_backend_alone():
    """The notebook's inline backend survives ``import newspage.plotting`` (it once forced Agg)."""
    import subprocess
    import sys

    code = ("import matplotlib; matplotlib.use('module://matplotlib_inline.backend_inline'); "
            "import newspage.plotting; print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "module://matplotlib_inline.backend_inline", out.stderr
