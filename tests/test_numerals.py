"""Numerals: exact values for Arabic, Chinese and mixed forms; comparison with cn2an."""
from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from newspage.numerals import (Numeral, NumeralError, numeral_kind, parse_arabic, parse_number, read_numeral,
                               to_simplified)

# (numeral, exact value)
CASES = [
    ("0", 0), ("7", 7), ("2600", 2600), ("12,000", 12000), ("12，000", 12000), ("1,234,567", 1234567),
    ("58.7", Decimal("58.7")), ("0.25", Decimal("0.25")), ("２６００", 2600), ("１２．５", Decimal("12.5")),
    ("一", 1), ("两", 2), ("十", 10), ("十一", 11), ("一十五", 15), ("二十", 20), ("三十五", 35),
    ("九十九", 99), ("一百", 100), ("一百零五", 105), ("一百五", 150), ("一百五十", 150),
    ("两百", 200), ("三千", 3000), ("三千五", 3500), ("一千零五", 1005), ("一千零五十", 1050),
    ("一万", 10000), ("两万五", 25000), ("两万五千", 25000), ("十万", 100000), ("十三万二", 132000),
    ("五十万", 500000), ("一百万", 1000000), ("三千万", 30000000), ("一亿", 100000000),
    ("三亿五千万", 350000000), ("一万亿", 10 ** 12), ("九十九亿九千九百万", 9999000000),
    ("一千二百", 1200), ("二十五万", 250000), ("壹佰贰拾", 120), ("壹万", 10000), ("叁仟", 3000),
    ("玖拾玖", 99), ("二〇二五", 2025), ("一九九八", 1998), ("三点五", Decimal("3.5")),
    ("零点五", Decimal("0.5")), ("十二点零五", Decimal("12.05")), ("半", Decimal("0.5")),
    ("1.5亿", 150000000), ("16.4亿", 1640000000), ("58.7万", 587000), ("3千万", 30000000),
    ("1.5万亿", 1500000000000), ("13万2", 132000), ("2万5千", 25000), ("0.1亿", 10000000),
    ("2600万", 26000000), ("1,200万", 12000000), ("5千", 5000), ("12.5亿", 1250000000),
    # 廿 = 二十, 卅 = 三十, 卌 = 四十 (written in dates, ages and spans: 廿三, 卅年)
    ("廿", 20), ("廿三", 23), ("卅", 30), ("卅五", 35), ("卌", 40), ("卌八", 48), ("廿万", 200000),
]
BAD = ["", "百", "千万", "万", "亿", "一二三点", "点五", "abc", "1.2.3", "三点十", "一一十", "三廿", "廿廿"]
APPROX = [
    ("三十几", 30, None, "more_than"), ("十多", 10, None, "more_than"), ("20余", 20, None, "more_than"),
    ("一百多万", 1000000, None, "more_than"), ("10来", 10, None, "more_than"),
    ("两三", 2, 3, "range"), ("七八十", 70, 80, "range"), ("三四千万", 30000000, 40000000, "range"),
    ("五六", 5, 6, "range"), ("三十", 30, None, "exact"),
]


@pytest.mark.parametrize("s,value", CASES, ids=[c[0] for c in CASES])
def test_value(s, value):
    v = parse_number(s)
    assert isinstance(v, Decimal)
    assert v == value


@pytest.mark.parametrize("s", BAD)
def test_rejects(s):
    with pytest.raises(NumeralError):
        parse_number(s)


@pytest.mark.parametrize("s,lo,hi,q", APPROX, ids=[a[0] for a in APPROX])
def test_approx(s, lo, hi, q):
    n = read_numeral(s)
    assert (n.value, n.high, n.qualifier) == (lo, hi, q)


def test_no_float_error():
    assert parse_number("16.4亿") == 1640000000
    assert str(int(parse_number("16.4亿"))) == "1640000000"
    assert parse_number("0.3") + parse_number("0.6") == Decimal("0.9")


@pytest.mark.parametrize("s,kind", [("2600", "arabic"), ("五十万", "chinese"), ("58.7万", "mixed"), ("１２", "arabic"),
                                    ("廿三", "chinese")])
def test_kind(s, kind):
    assert numeral_kind(s) == kind


@given(st.integers(min_value=0, max_value=10 ** 15))
def test_roundtrip_arabic(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


def _to_chinese(n: int) -> str:
    """Independent writer of standard Chinese numerals (for the round-trip property)."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def four(x: int) -> str:
        out, zero = "", False
        for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, div)
            if d:
                if zero:
                    out += "零"
                out += digits[d] + unit
                zero = False
            elif out:
                zero = True
        return out

    parts = []
    for unit, div in (("亿", 10 ** 8), ("万", 10 ** 4), ("", 1)):
        d, n = divmod(n, div)
        parts.append((d, unit))
    out, need_zero = "", False
    for d, unit in parts:
        if d:
            if out and (need_zero or d < 1000):
                out += "零"
            out += four(d) + unit
            need_zero = False
        elif out:
            need_zero = True
    return out


@given(st.integers(min_value=1, max_value=10 ** 11))
def test_roundtrip_chinese(n):
    assert parse_number(_to_chinese(n)) == n


# ---------------------------------------------------------------------------
# cn2an, the peer: same values on the plain numerals, measured speed (printed, not asserted)
# ---------------------------------------------------------------------------

cn2an = pytest.importorskip("cn2an")


def _cn2an_value(s):
    try:
        return Decimal(str(cn2an.cn2an(s, "smart")))
    except Exception:
        return None


def test_compare_with_cn2an(capsys):
    ours = sum(1 for s, v in CASES if parse_number(s) == v)
    theirs = sum(1 for s, v in CASES if _cn2an_value(s) == v)
    approx_theirs = sum(1 for s, *_ in APPROX if _cn2an_value(s) is not None)
    assert ours == len(CASES)
    # cn2an cannot read 半, 几/多/余 or adjacent-digit ranges; we rely on that difference
    assert _cn2an_value("三十几") is None and _cn2an_value("半") is None
    reps = 20
    t = time.perf_counter()
    for _ in range(reps):
        for s, _v in CASES:
            parse_number(s)
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(reps):
        for s, _v in CASES:
            _cn2an_value(s)
    t_theirs = time.perf_counter() - t
    with capsys.disabled():
        print(f"\nnumerals: newspage {ours}/{len(CASES)} exact, cn2an {theirs}/{len(CASES)} "
              f"(approximate forms read by cn2an: {approx_theirs}/{len(APPROX)}); "
              f"time per numeral: newspage {t_ours / reps / len(CASES) * 1e6:.1f} us, "
              f"cn2an {t_theirs / reps / len(CASES) * 1e6:.1f} us")


# ---------------------------------------------------------------------------
# Edges the mutation run found unpinned (bench/mutation/SURVIVORS.md)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("s, value", [
    ("一百一", 110), ("两万一", 21000), ("三千一", 3100),      # the elided last unit, digit one
    ("1，200万", 12000000),                                   # a full-width thousands comma before 万
])
def test_value_edges(s, value):
    assert parse_number(s) == value


@pytest.mark.parametrize("s, message", [
    ("", "empty numeral"),
    ("三3", "two numbers in a row in '三3'"),
    ("3零", "misplaced zero in '3零'"),
    ("两三", "two digits in a row in '两三'"),
    ("百", "unit without digit in '百'"),
    ("万", "magnitude without digits in '万'"),
    ("亿", "magnitude without digits in '亿'"),
    ("三点", "bad decimal part in '三点'"),
    # two 点: the decimal part is what follows the first one, and 二点三 is not digits
    ("一点二点三", "bad decimal part in '一点二点三'"),
    ("三x", "not a numeral character 'x' in '三x'"),
])
def test_rejection_messages_name_the_numeral(s, message):
    with pytest.raises(NumeralError) as err:
        parse_number(s)
    assert str(err.value) == message


@pytest.mark.parametrize("s, value", [
    ("12,000", Decimal(12000)), ("１２，０００", Decimal(12000)), (" 58.7 ", Decimal("58.7")), ("０．２５", Decimal("0.25")),
])
def test_parse_arabic(s, value):
    assert parse_arabic(s) == value


@pytest.mark.parametrize("s", ["十二", "1.2万", "12,00", ""])
def test_parse_arabic_refuses_what_is_not_arabic(s):
    with pytest.raises(NumeralError) as err:
        parse_arabic(s)
    assert str(err.value) == f"not an Arabic numeral: {s!r}"


@pytest.mark.parametrize("s, numeral", [
    ("三十几", Numeral(Decimal(30), None, "more_than", "chinese")),
    ("20余", Numeral(Decimal(20), None, "more_than", "arabic")),
    ("两三", Numeral(Decimal(2), Decimal(3), "range", "chinese")),
    ("1.5万", Numeral(Decimal(15000), None, "exact", "mixed")),
    ("２６００", Numeral(Decimal(2600), None, "exact", "arabic")),
])
def test_read_numeral_whole(s, numeral):
    assert read_numeral(s) == numeral


def test_to_simplified_keeps_the_length():
    assert to_simplified("兩萬億噸，約") == "两万亿吨，约"
    assert to_simplified("二〇二五年") == "二〇二五年"


@pytest.mark.parametrize("s, value", [
    # a bare digit after 万/百 is elided (13万2 = 132000); two digits are not: 1万10 is 10010
    ("1万10", Decimal(10010)), ("三万10", Decimal(30010)), ("一百10", Decimal(110)),
])
def test_two_digits_after_a_scale_are_not_elided(s, value):
    assert parse_number(s) == value
