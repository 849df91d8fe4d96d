"""Every word the library writes for readers, in Chinese and in English, in one place.

The site has a Chinese edition (the default) and an English one; a sentence is in one language.
Labels (verdicts, claim kinds, qualifiers, unit families), unit names and the way numbers are
written live here, so that the claims' explanations, the notebooks and the site read the same
words:

* Chinese writes a number the way the page does: with its 万/亿 magnitude and the unit as
  written (``58.7万平方米``, ``70%``, ``1.5亿元``);
* English writes it in Western form with thousands separators and a symbol or an English unit
  (``587,000 m²``, ``70%``, ``150 million yuan``); a count classifier (家, 项, 个 …) is dropped,
  since the noun that says what is counted comes from the table's ``what``.

``label(group, key, lang)`` returns one label; ``quantity(value, unit, lang, magnitude=...)``
one number with its unit; ``text(key, lang, **values)`` a generated sentence or heading from
:data:`TEXT`.  Add a new generated sentence to :data:`TEXT` in both languages, never inline.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from numbers import Real

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# group -> key -> (Chinese, English)
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "verdict": {
        "consistent": ("一致", "consistent"),
        "rounding": ("四舍五入后一致", "consistent after rounding"),
        "inconsistent": ("不一致", "inconsistent"),
        "needs_context": ("需要上下文", "needs context"),
        "derived": ("推算", "derived"),
    },
    "confidence": {
        "sure": ("确定", "sure"),
        "likely": ("可能", "likely"),
    },
    "kind": {
        "rate": ("比率", "rate"),
        "share": ("占比", "share"),
        "sum": ("合计", "sum"),
        "count": ("计数", "count"),
        "difference": ("差额", "difference"),
        "change": ("增减", "change"),
        "multiple": ("倍数", "multiple"),
        "ratio": ("比例", "ratio"),
        "repeat": ("前后对照", "repeated figure"),
        "average": ("平均", "average"),
        "completion": ("完成进度", "completion"),
        "derived": ("推算", "derived"),
    },
    "qualifier": {
        "exact": ("确数", "exact"),
        "approx": ("约数", "approximately"),
        "more_than": ("超过", "more than"),
        "at_least": ("不少于", "at least"),
        "at_most": ("不超过", "at most"),
        "less_than": ("不到", "less than"),
        "range": ("区间", "range"),
    },
    "family": {
        "money": ("金额", "money"),
        "area": ("面积", "area"),
        "mass": ("重量", "mass"),
        "length": ("长度", "length"),
        "volume": ("体积", "volume"),
        "percent": ("百分比", "percentage"),
        "pp": ("百分点", "percentage points"),
        "count": ("个数", "count"),
        "duration": ("时长", "duration"),
        "ratio": ("比例", "ratio"),
        "energy": ("电量", "energy"),
        "power": ("功率", "power"),
        "temperature": ("温度", "temperature"),
        "age": ("年龄", "age"),
        "other": ("其他", "other"),
    },
    "story_kind": {
        "article": ("文章", "article"),
        "photo": ("图片新闻", "photo"),
        "continuation": ("转版续文", "continuation"),
    },
    "entity_type": {
        "person": ("人物", "person"),
        "org": ("机构", "organisation"),
        "place": ("地点", "place"),
        "document": ("文件", "document"),
        "programme": ("计划", "programme"),
    },
    "date_source": {
        "given": ("由使用者给定", "given by the user"),
        "printed": ("版面印有", "printed on the page"),
        "dateline": ("据电头推定", "from the datelines"),
        "inferred": ("据正文推断", "inferred from the text"),
    },
}

# Units as stored in the tables -> English.  Counters (家, 项, 个 ...) are absent on purpose.
UNITS_EN: dict[str, str] = {
    "元": "yuan", "美元": "US dollars", "欧元": "euros", "英镑": "pounds", "日元": "yen",
    "港元": "HK dollars", "港币": "HK dollars", "澳元": "Australian dollars", "卢布": "roubles",
    "韩元": "won", "坚戈": "tenge", "美金": "US dollars",
    "平方米": "m²", "平方公里": "km²", "公顷": "ha", "亩": "mu",
    "吨": "t", "公吨": "t", "公斤": "kg", "千克": "kg", "克": "g", "斤": "jin", "盎司": "oz",
    "公里": "km", "千米": "km", "米": "m", "厘米": "cm", "毫米": "mm",
    "立方米": "m³", "升": "L", "毫升": "mL",
    "%": "%", "‰": "‰", "个百分点": "percentage points", "倍": "times", "成": "tenths",
    "天": "days", "周": "weeks", "小时": "hours", "分钟": "minutes", "秒": "seconds",
    "年": "years", "个月": "months", "个季度": "quarters", "工作日": "working days",
    "千瓦时": "kWh", "兆瓦时": "MWh", "瓦": "W", "千瓦": "kW", "兆瓦": "MW", "吉瓦": "GW",
    "千伏": "kV", "千伏安": "kVA", "兆伏安": "MVA", "标准箱": "TEU",
    "℃": "°C", "岁": "years old",
}
_GLUED_EN = {"%", "‰", "°C"}          # written without a space after the number
_MONEY_EN = {"元": "yuan"}            # large sums of yuan read better as "1.5 billion yuan"

_MAGNITUDES = {"亿": 10 ** 8, "万": 10 ** 4}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def label(group: str, key: str | None, lang: str = DEFAULT_LANG) -> str:
    """The reader's word for ``key`` in ``group`` (``label("verdict", "rounding", "zh")``)."""
    check_lang(lang)
    if key is None or key == "":
        return ""
    try:
        zh, en = LABELS[group][key]
    except KeyError:
        raise KeyError(f"no {lang} label for {group} {key!r}: add it to messages.LABELS") from None
    return zh if lang == "zh" else en


def magnitude_of(surface: str | None) -> str:
    """The magnitude word a figure is written with: ``亿``, ``万`` or ``''`` (``58.7万平方米`` -> 万).

    A 万 inside a unit word (万元 counts, 亿元 too) is the magnitude; 万 as part of a Chinese
    numeral (一万二千) is not: then the figure is written out and no magnitude is reused.
    """
    if not surface:
        return ""
    digits = any("0" <= c <= "9" for c in surface)
    for word in ("亿", "万"):
        if word in surface and (digits or surface.rstrip().endswith(word) or f"{word}元" in surface):
            return word
    return ""


def _decimal(x) -> Decimal:
    if isinstance(x, Fraction):
        return Decimal(x.numerator) / Decimal(x.denominator)
    if isinstance(x, Decimal):
        return x
    if isinstance(x, Real):
        return Decimal(repr(float(x))) if not isinstance(x, int) else Decimal(x)
    return Decimal(str(x))


def number(x, lang: str = DEFAULT_LANG, places: int | None = 2, thousands: bool | None = None) -> str:
    """A plain number: at most ``places`` decimals, trailing zeros dropped (``places=None``: as is).

    English groups thousands with commas; Chinese does not unless ``thousands=True``.
    """
    check_lang(lang)
    d = _decimal(x)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    group = (lang == "en") if thousands is None else thousands
    if group:
        sign, body = ("-", s[1:]) if s.startswith("-") else ("", s)
        whole, _, frac = body.partition(".")
        s = sign + f"{int(whole):,}" + (f".{frac}" if frac else "")
    return s


def quantity(value, unit: str = "", lang: str = DEFAULT_LANG, *, magnitude: str = "",
             places: int | None = 2) -> str:
    """A value with its unit, as a reader of ``lang`` writes it.

    Chinese: with ``magnitude`` (``万``/``亿``, usually :func:`magnitude_of` the page's surface)
    applied: ``quantity(587000, "平方米", "zh", magnitude="万")`` -> ``58.7万平方米``.
    English: ``587,000 m²``; yuan in millions and billions (``150 million yuan``).
    """
    check_lang(lang)
    if value is None:
        return ""
    unit = unit or ""
    if lang == "zh":
        div = _MAGNITUDES.get(magnitude, 1)
        return f"{number(_decimal(value) / div, 'zh', places)}{magnitude if div > 1 else ''}{unit}"
    word = UNITS_EN.get(unit, "")
    d = _decimal(value)
    if unit in _MONEY_EN and abs(d) >= 10 ** 6:
        for scale, name in ((10 ** 9, "billion"), (10 ** 6, "million")):
            if abs(d) >= scale:
                return f"{number(d / scale, 'en', places)} {name} {word}"
    n = number(d, "en", places)
    if not word:
        return n
    return f"{n}{word}" if word in _GLUED_EN else f"{n} {word}"


# Generated sentences and headings: key -> (Chinese, English), filled with str.format.
TEXT: dict[str, tuple[str, str]] = {
    "rate_of": ("{part}占{whole}的{rate}", "{part} of {whole} is {rate}"),
    # tables (newspage.report)
    "table_more": ("显示前{shown}行，共{total}行。", "The first {shown} of {total} rows."),
    "table_all": ("共{total}行。", "{total} rows."),
    "table_full": ("下载完整表格", "Full table (CSV)"),
    # the annotated page (newspage.report)
    "page_legend": ("图例：", "Key:"),
    "page_legend_quantity": ("数量（抽取到的数字及单位）", "quantity (a number and its unit)"),
    "page_notes": ("说法注释（编号与正文标记对应）", "Notes on the claims (numbered as marked in the text)"),
    # the site (newspage.build)
    "site_contents": ("← 目录", "← Contents"),
    "site_code": ("代码", "Code"),
    "index_title": ("版面分析", "A newspaper page, audited"),
    "index_intro": ("每篇分析对应版面上的一篇报道：数字都来自从版面抽取的表格，图表标题直接说明发现。",
                    "One notebook per story: every number comes from the tables newspage extracts, "
                    "and each figure's title states what it shows."),
    "index_other": ("English edition", "中文版"),
    "index_page": ("本站分析的版面", "The page analysed here"),
    "index_paper": ("报纸", "paper"),
    "index_date": ("日期", "date"),
    "index_number": ("版次", "page"),
    "index_sha": ("文件 SHA-256", "file SHA-256"),
    "index_missing": ("（未生成）", "(not built)"),
    # a claim explained from its columns when the claims table gives no sentence in this language
    "claim_computed": ("原文未给出，推算为{computed}（{formula}）。", "Not stated; computed as {computed} ({formula})."),
    "claim_stated_computed": ("原文为{stated}，重算为{computed}（{formula}）。",
                              "Stated {stated}; recomputed {computed} ({formula})."),
}


def text(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """A generated sentence or heading from :data:`TEXT` in ``lang``, filled with ``values``."""
    check_lang(lang)
    try:
        zh, en = TEXT[key]
    except KeyError:
        raise KeyError(f"no text {key!r}: add it to messages.TEXT in both languages") from None
    return (zh if lang == "zh" else en).format(**values)
