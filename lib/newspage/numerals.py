"""Arabic, Chinese and mixed numerals to exact numbers.

Everything is computed with :class:`decimal.Decimal` (or ``int``), never with floats, so
``16.4亿`` is exactly 1640000000 and never 1639999999.99.

Forms understood
----------------
* Arabic: ``2600``, ``12,000`` / ``12，000`` (thousands separators), ``58.7``, full-width
  digits ``２６００`` and the full-width point ``．``.
* Chinese: 一二三四五六七八九十百千万亿, 两, 〇/零, capital 壹贰叁肆伍陆柒捌玖拾佰仟,
  digit strings such as ``二〇二五``, decimals with 点 (``三点五``), ``半`` (0.5), the
  colloquial elision of the last unit (``一百五`` = 150, ``两万五`` = 25000), and the contracted
  tens 廿 (20), 卅 (30), 卌 (40) at the start of a numeral (``廿三`` = 23, ``卅年``).
* Mixed: Arabic digits with Chinese units and magnitudes (``1.5亿``, ``12.5万``, ``3千万``,
  ``13万2`` = 132000).
* Approximate forms (:func:`read_numeral`): ``三十几`` / ``十多`` / ``20余`` (more_than),
  adjacent digits ``两三`` / ``七八十`` (range).

Chosen over cn2an for the Chinese part (see ``tests/test_numerals.py`` and
``bench/bench_quantities.py`` for the measured comparison): the same values on plain numerals,
plus 半, 几/多/余, adjacent-digit ranges and thousands separators, exact Decimals for
decimals, and about an order of magnitude faster on single numerals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "NumeralError", "Numeral", "parse_number", "parse_chinese", "parse_arabic",
    "read_numeral", "numeral_kind", "as_number", "CN_DIGITS", "CN_UNITS", "CN_MAGNITUDES", "CN_TENS",
    "NUMERAL_CHARS", "FULLWIDTH", "to_simplified", "T2S",
]


class NumeralError(ValueError):
    """The string is not a numeral this module can read."""


CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_MAGNITUDES = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
# Contracted tens: 廿 = 二十, 卅 = 三十, 卌 = 四十; only at the start of a numeral (廿三, 卅五, 廿余)
CN_TENS = {"廿": "二十", "卄": "二十", "卅": "三十", "卌": "四十"}
NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(CN_MAGNITUDES) + "".join(CN_TENS) + "点半"

# Full-width digits, point, comma and percent to ASCII (the Page already does this for page.text;
# plain strings handed to this module may not have been normalised).
FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# Traditional characters are read through a same-length simplified shadow (hanzi.py), so a
# pattern can run on the shadow of a traditional page and its offsets still point into the original.
from .hanzi import T2S  # noqa: E402


def to_simplified(text: str) -> str:
    """``text`` with traditional characters in simplified form; same length."""
    return text.translate(T2S)


_ARABIC_RE = re.compile(r"[0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?")
_TOKEN_RE = re.compile(r"[0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?|.", re.S)
_ZERO = Decimal(0)
_HAS_DIGIT = re.compile("[0-9０-９]").search
_HAS_CN = re.compile("[" + "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(CN_MAGNITUDES) + "".join(CN_TENS)
                     + "点半]").search


def as_number(d: Decimal) -> int | Decimal:
    """``int`` when the Decimal is integral, else the Decimal with trailing zeros removed."""
    if d == d.to_integral_value():
        return int(d)
    return d.normalize()


def parse_arabic(s: str) -> Decimal:
    """``'12,000'`` -> 12000, ``'58.7'`` -> Decimal('58.7'); full-width digits accepted."""
    t = s.translate(FULLWIDTH).strip()
    if not _ARABIC_RE.fullmatch(t):
        raise NumeralError(f"not an Arabic numeral: {s!r}")
    return Decimal(t.replace(",", "").replace("，", ""))


def numeral_kind(s: str) -> str:
    """``arabic`` (digits only), ``chinese`` (no digits) or ``mixed`` (both)."""
    has_digit = _HAS_DIGIT(s) is not None
    has_cn = _HAS_CN(s) is not None
    if has_digit and has_cn:
        return "mixed"
    return "arabic" if has_digit else "chinese"


def parse_chinese(s: str) -> Decimal:
    """A numeral written (at least partly) in Chinese characters, e.g. ``三千五百万``."""
    return parse_number(s)


def parse_number(s: str) -> Decimal:
    """Exact value of an Arabic, Chinese or mixed numeral (no qualifiers, no units)."""
    t = s.translate(FULLWIDTH).strip()
    if not t:
        raise NumeralError("empty numeral")
    if t == "半":
        return Decimal("0.5")
    if t[0] in CN_TENS:
        t = CN_TENS[t[0]] + t[1:]          # 廿三 -> 二十三
    if any(c in CN_TENS for c in t):
        raise NumeralError(f"廿/卅/卌 only start a numeral: {s!r}")
    if _ARABIC_RE.fullmatch(t):
        return Decimal(t.replace(",", "").replace("，", ""))
    if "点" in t:
        ipart, _, fpart = t.partition("点")
        if not ipart or not fpart or any(c not in CN_DIGITS for c in fpart):
            raise NumeralError(f"bad decimal part in {s!r}")
        frac = "".join(str(CN_DIGITS[c]) for c in fpart)
        whole = _integer(ipart, s)
        return whole + Decimal("0." + frac)
    return _integer(t, s)


def _integer(t: str, orig: str) -> Decimal:
    toks = _TOKEN_RE.findall(t)
    # Pure digit string such as 二〇二五 or 一二: read digit by digit.
    if len(toks) > 1 and all(c in CN_DIGITS and c not in "两兩" for c in toks):
        return Decimal("".join(str(CN_DIGITS[c]) for c in toks))
    hi = _ZERO          # the part counted in 亿
    mid = _ZERO         # the part counted in 万
    section = _ZERO     # below 万
    number: Decimal | None = None
    last_scale = 0      # scale of the unit just before a trailing bare digit (elision)
    prev_was_scale = False
    zero_seen = False
    for tok in toks:
        if tok[0].isdigit():
            if number is not None:
                raise NumeralError(f"two numbers in a row in {orig!r}")
            number = Decimal(tok.replace(",", "").replace("，", ""))
            prev_was_scale = False
        elif tok in CN_DIGITS:
            d = CN_DIGITS[tok]
            if d == 0:
                zero_seen = True
                if number is not None:
                    raise NumeralError(f"misplaced zero in {orig!r}")
                continue
            if number is not None:
                raise NumeralError(f"two digits in a row in {orig!r}")
            number = Decimal(d)
            prev_was_scale = False
        elif tok in CN_UNITS:
            u = CN_UNITS[tok]
            if number is None:
                if u != 10:   # 十 alone means 一十; 百/千 need a digit before them
                    raise NumeralError(f"unit without digit in {orig!r}")
                number = Decimal(1)
            section += number * u
            number = None
            last_scale = u
            prev_was_scale = True
            zero_seen = False
        elif tok in CN_MAGNITUDES:
            m = CN_MAGNITUDES[tok]
            part = section + (number or _ZERO)
            if m == 10 ** 4:
                if part == 0 and mid == 0:
                    raise NumeralError(f"magnitude without digits in {orig!r}")
                mid = (mid + part) * m
            else:
                if part == 0 and mid == 0 and hi == 0:
                    raise NumeralError(f"magnitude without digits in {orig!r}")
                hi = (hi + mid + part) * m
                mid = _ZERO
            section = _ZERO
            number = None
            last_scale = m
            prev_was_scale = True
            zero_seen = False
        else:
            raise NumeralError(f"not a numeral character {tok!r} in {orig!r}")
    rest = number or _ZERO
    if number is not None and prev_was_scale is False and last_scale >= 100 and not zero_seen \
            and number == number.to_integral_value() and 0 < number < 10 and _last_is_scale_then_digit(toks):
        rest = number * last_scale / 10   # 一百五 = 150, 两万五 = 25000, 13万2 = 132000
    total = hi + mid + section + rest
    if not toks:
        raise NumeralError(f"empty numeral {orig!r}")
    return total


def _last_is_scale_then_digit(toks: list[str]) -> bool:
    return len(toks) >= 2 and (toks[-2] in CN_UNITS or toks[-2] in CN_MAGNITUDES)


# ---------------------------------------------------------------------------
# Approximate numerals
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Numeral:
    value: Decimal
    high: Decimal | None = None
    qualifier: str = "exact"   # exact, more_than, range
    kind: str = "arabic"       # arabic, chinese, mixed


_ADJ_RE = re.compile(r"([一二两三四五六七八九])([一二三四五六七八九])(.*)")


def read_numeral(s: str) -> Numeral:
    """Like :func:`parse_number` but also reads approximate forms.

    ``三十几`` / ``十多`` / ``20余`` / ``10来`` -> more_than the stated base (几/多/余/来 after the
    last unit); ``两三`` -> range 2..3, ``七八十`` -> 70..80, ``三四千万`` -> 30..40 million.
    """
    t = s.translate(FULLWIDTH).strip()
    kind = numeral_kind(t)
    # more_than: 三十几, 十多, 20余, 一百多万 (the marker may sit before a magnitude)
    m = re.fullmatch(r"(.+?)[几多余来]([万亿]*)", t)
    if m and m.group(1):
        base = parse_number(m.group(1) + m.group(2))
        return Numeral(base, None, "more_than", kind)
    m = _ADJ_RE.fullmatch(t)
    if m:
        a, b = CN_DIGITS[m.group(1)], CN_DIGITS[m.group(2)]
        tail = m.group(3)
        if b == a + 1:
            if tail:
                lo = parse_number(m.group(1) + tail)
                hi = parse_number(m.group(2) + tail)
            else:
                lo, hi = Decimal(a), Decimal(b)
            return Numeral(lo, hi, "range", kind)
    return Numeral(parse_number(t), None, "exact", kind)
