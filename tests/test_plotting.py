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
