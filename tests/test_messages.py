"""The words and numbers the library writes for readers, in both languages (messages.py).

Expected values are written by hand: how a Chinese page writes a figure (58.7万平方米) and how an
English reader expects it (587,000 m²).
"""
from fractions import Fraction

import pytest

from newspage import messages as m


@pytest.mark.parametrize("key,zh,en", [
    ("consistent", "一致", "consistent"),
    ("rounding", "四舍五入后一致", "consistent after rounding"),
    ("inconsistent", "不一致", "inconsistent"),
    ("needs_context", "需要上下文", "needs context"),
    ("derived", "推算", "derived"),
])
def test_verdict_labels(key, zh, en):
    assert m.label("verdict", key, "zh") == zh
    assert m.label("verdict", key, "en") == en


def test_every_label_exists_in_both_languages_and_chinese_has_no_latin_letters():
    for group, entries in m.LABELS.items():
        for key, (zh, en) in entries.items():
            assert zh and en, (group, key)
            assert not any("a" <= c.lower() <= "z" for c in zh), (group, key, zh)
            assert not any("\u4e00" <= c <= "\u9fff" for c in en), (group, key, en)


def test_every_family_kind_and_verdict_the_library_writes_has_a_label():
    """A notebook labels the tables' codes (an archive's quantities include concentrations)."""
    from newspage import claims, quantities

    assert [f for f in quantities.FAMILIES if f not in m.LABELS["family"]] == []
    assert [k for k in claims.KINDS if k not in m.LABELS["kind"]] == []
    assert [v for v in claims.VERDICTS if v not in m.LABELS["verdict"]] == []
    assert m.label("family", "concentration", "zh") == "浓度"


def test_unknown_label_and_language_are_clear_errors():
    with pytest.raises(KeyError, match="add it to messages.LABELS"):
        m.label("verdict", "maybe")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        m.label("verdict", "consistent", "fr")
    assert m.label("verdict", None) == ""


@pytest.mark.parametrize("surface,mag", [
    ("58.7万平方米", "万"), ("1.5亿元", "亿"), ("2600余万元", "万"), ("70%", ""),
    ("一万二千人", ""), ("三万", "万"), ("121项", ""), ("", ""), (None, ""),
])
def test_magnitude_of(surface, mag):
    assert m.magnitude_of(surface) == mag


@pytest.mark.parametrize("value,unit,lang,mag,out", [
    (587000, "平方米", "zh", "万", "58.7万平方米"),
    (587000, "平方米", "en", "", "587,000 m²"),
    (170000, "平方米", "zh", "万", "17万平方米"),
    (Fraction(2300, 33), "%", "zh", "", "69.7%"),
    (Fraction(2300, 33), "%", "en", "", "69.7%"),
    (150000000, "元", "zh", "亿", "1.5亿元"),
    (150000000, "元", "en", "", "150 million yuan"),
    (2444000000, "元", "en", "", "2.44 billion yuan"),
    (17222.2, "元", "en", "", "17,222.2 yuan"),
    (23, "家", "zh", "", "23家"),
    (23, "家", "en", "", "23"),
    (1415.56, "亩", "en", "", "1,415.56 mu"),
    (-61000, "吨", "zh", "万", "-6.1万吨"),
    (-61000, "吨", "en", "", "-61,000 t"),
    (1.5, "个百分点", "en", "", "1.5 percentage points"),
    (0, "%", "en", "", "0%"),
    (None, "吨", "zh", "", ""),
])
def test_quantity(value, unit, lang, mag, out):
    assert m.quantity(value, unit, lang, magnitude=mag) == out


def test_number_places_and_grouping():
    assert m.number(Fraction(1, 3), "en", 4) == "0.3333"
    assert m.number(1234567.891, "en") == "1,234,567.89"
    assert m.number(1234567.891, "zh") == "1234567.89"
    assert m.number(1234567, "zh", thousands=True) == "1,234,567"
    assert m.number(2.5, "en", 0) == "2"          # half to even, as the verdicts' intervals assume nothing else


def test_text_is_filled_in_the_language_asked():
    assert m.text("rate_of", "zh", part="23家", whole="33家", rate="69.7%") == "23家占33家的69.7%"
    assert m.text("rate_of", "en", part="23", whole="33", rate="69.7%") == "23 of 33 is 69.7%"
    with pytest.raises(KeyError, match="both languages"):
        m.text("no such sentence")
