"""Every word the library writes for readers, in Chinese and in English, in one place.

The site has a Chinese edition (the default) and an English one; a sentence is in one language.
Labels (verdicts, claim kinds, qualifiers, unit families), unit names and the way numbers are
written live here, so that the claims' explanations, the notebooks and the site read the same
words:

* Chinese writes a number the way the page does: with its 万/亿 magnitude and the unit as
  written (``12.5万平方米``, ``70%``, ``1.5亿元``);
* English writes it in Western form with thousands separators and a symbol or an English unit
  (``125,000 m²``, ``70%``, ``150 million yuan``); a count classifier (家, 项, 个 …) is dropped,
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
        "concentration": ("浓度", "concentration"),
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
# Units of the less common forms (quantities: currencies named by country, Latin and compound units)
UNITS_EN.update({
    "台币": "New Taiwan dollars", "新台币": "New Taiwan dollars", "澳门元": "patacas", "澳门币": "patacas",
    "新加坡元": "Singapore dollars", "新元": "Singapore dollars", "加元": "Canadian dollars",
    "加拿大元": "Canadian dollars", "澳大利亚元": "Australian dollars", "新西兰元": "New Zealand dollars",
    "瑞士法郎": "Swiss francs", "法郎": "francs", "泰铢": "baht", "卢比": "rupees", "印度卢比": "Indian rupees",
    "林吉特": "ringgit", "比索": "pesos", "墨西哥比索": "Mexican pesos", "菲律宾比索": "Philippine pesos",
    "阿根廷比索": "Argentine pesos", "智利比索": "Chilean pesos", "雷亚尔": "reais", "兰特": "rand",
    "里拉": "lira", "土耳其里拉": "Turkish lira", "越南盾": "dong", "印尼盾": "rupiah", "迪拉姆": "dirhams",
    "里亚尔": "riyals", "第纳尔": "dinars", "先令": "shillings", "克朗": "kronor", "瑞典克朗": "Swedish kronor",
    "挪威克朗": "Norwegian kroner", "丹麦克朗": "Danish kroner", "兹罗提": "zloty", "福林": "forint",
    "奈拉": "naira", "索姆": "som", "图格里克": "tugriks", "基普": "kip", "缅元": "kyat", "瑞尔": "riel",
    "塔卡": "taka", "苏姆": "sum", "马纳特": "manat", "埃及镑": "Egyptian pounds",
    "毫克": "mg", "微克": "μg", "微米": "μm", "纳米": "nm", "英里": "miles", "海里": "nautical miles",
    "瓦时": "Wh", "吉瓦时": "GWh", "伏": "V", "毫安时": "mAh", "分贝": "dB", "周年": "years",
    "微克/立方米": "μg/m³", "毫克/立方米": "mg/m³", "克/立方米": "g/m³", "微克/升": "μg/L", "毫克/升": "mg/L",
    "克/升": "g/L", "微克/毫升": "μg/mL", "毫克/毫升": "mg/mL", "克/毫升": "g/mL",
})
# Counters after "per" in English (5,000 yuan per household); an unknown counter reads "per item".
COUNTERS_EN: dict[str, str] = {
    "户": "household", "人": "person", "人次": "visit", "家": "firm", "台": "machine", "台套": "set",
    "辆": "vehicle", "所": "school", "村": "village", "个": "unit", "项": "item", "件": "item", "头": "head",
    "只": "animal", "床": "bed", "张": "bed", "座": "site", "处": "site", "栋": "building", "套": "unit",
    "名": "person", "位": "person", "批": "batch", "次": "time", "吨": "t", "亩": "mu",
}
_GLUED_EN = {"%", "‰", "°C"}          # written without a space after the number
_MONEY_EN = {"元": "yuan"}            # large sums of yuan read better as "1.5 billion yuan"

_MAGNITUDES = {"亿": 10 ** 8, "万": 10 ** 4}


def per_word(unit: str, lang: str = DEFAULT_LANG) -> str:
    """The unit after "per" (每…): the unit as written in Chinese; in English its symbol or the
    counter's noun (吨 -> t, 户 -> household), "item" for a counter without one."""
    check_lang(lang)
    if lang == "zh":
        return unit
    return UNITS_EN.get(unit) or COUNTERS_EN.get(unit) or "item"


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
    """The magnitude word a figure is written with: ``亿``, ``万`` or ``''`` (``12.5万平方米`` -> 万).

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
    """A plain number: at most ``places`` decimals, trailing zeros dropped (``places=None``: as is, but
    a fraction that does not end, 三分之一 = 100/3, with 2 decimals).

    English groups thousands with commas; Chinese does not unless ``thousands=True``.
    """
    check_lang(lang)
    d = _decimal(x)
    if places is None and d.as_tuple().exponent < -12:
        places = 2
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
    applied: ``quantity(125000, "平方米", "zh", magnitude="万")`` -> ``12.5万平方米``.
    English: ``125,000 m²``; yuan in millions and billions (``150 million yuan``).
    """
    check_lang(lang)
    if value is None:
        return ""
    unit = unit or ""
    if lang == "zh":
        div = _MAGNITUDES.get(magnitude, 1)
        return f"{number(_decimal(value) / div, 'zh', places)}{magnitude if div > 1 else ''}{unit}"
    word = UNITS_EN.get(unit, "")
    whole = value.numerator if type(value) is Fraction and value.denominator == 1 else value if type(value) is int else None
    if places is None and whole is not None and abs(whole) < 10 ** 15 and not (unit in _MONEY_EN and abs(whole) >= 10 ** 6):
        # most figures of a page: a whole number, written without the decimal round trip (same text)
        n = f"{whole:,}"
        return n if not word else f"{n}{word}" if word in _GLUED_EN else f"{n} {word}"
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
    # --- claims: why a recomputed figure does or does not fit the stated one (claims.judge) ---
    "reason_exact": ("与所述{stated}完全一致", "exactly the stated {stated}"),
    "reason_rounds": ("四舍五入后即所述{stated}", "which rounds to the stated {stated}"),
    "reason_inputs_rounding": ("考虑到各项数字的四舍五入（{lo}至{hi}）才与所述{stated}相符",
                               "which fits the stated {stated} only allowing for the rounding of the inputs "
                               "({lo} to {hi})"),
    "reason_not": ("与所述{stated}不符", "not the stated {stated}"),
    "reason_not_interval": ("与所述{stated}不符（{stated}代表{lo}至{hi}）",
                            "not the stated {stated} (which stands for {lo} to {hi})"),
    "reason_approx_in": ("与所述{stated}相符", "in line with the stated {stated}"),
    "reason_approx_near": ("与所述{stated}相差不到5%", "within 5% of the stated {stated}"),
    "reason_approx_far": ("与所述{stated}相差超过5%", "more than 5% away from the stated {stated}"),
    "reason_bound_fits": ("符合所述{stated}", "which fits the stated {stated}"),
    "reason_bound_inputs": ("考虑到各项数字的四舍五入才符合所述{stated}",
                            "which fits the stated {stated} only allowing for the rounding of the inputs"),
    "reason_bound_not": ("不符合所述{stated}", "which does not fit the stated {stated}"),
    "reason_shares_over": ("超过100%：各组可能相互重叠，也可能有数字错误，文中没有说明",
                           "more than 100%: the groups overlap or a figure is wrong, and the text does not say which"),
    "accepted": ("已核准：{reason}", "accepted: {reason}"),
    # --- claims: one sentence per relation, with the numbers a reader needs to redo it ---
    "sum": ("所列{n}项合计{sum}，{reason}。", "The {n} listed parts add up to {sum}, {reason}."),
    "sum_short": ("所列{n}项合计{sum}，少于所述总数{total}；所列可能不全。",
                  "The {n} listed parts add up to {sum}, less than the stated total {total}; "
                  "the list may leave some out."),
    "unsure_pairing": ("{claim}这些数字未必是一组（配对不确定）。",
                       "{claim} These figures may not belong together (the pairing is not certain)."),
    "sum_over": ("所列{n}项合计{sum}，比所述总数{total}多出一成以上；各类可能相互重叠。",
                 "The {n} listed parts add up to {sum}, more than a tenth above the stated total {total}; "
                 "the categories may overlap."),
    "shares_100": ("所列{n}个占比合计{sum}，{reason}。", "The {n} shares add up to {sum}, {reason}."),
    "count_agree": ("列出{n}项（{names}），与所述{stated}一致。",
                    "{n} names are listed ({names}) for the stated {stated}: they agree."),
    "count_disagree": ("列出{n}项（{names}），与所述{stated}不符。",
                       "{n} names are listed ({names}) for the stated {stated}: they do not agree."),
    "ratio": ("{x}（{xc}）与{y}（{yc}）之比为{form}，{reason}。", "{x} ({xc}) to {y} ({yc}) is {form}, {reason}."),
    "rate": ("{part}占{whole}的{rate}，{reason}。", "{part} of {whole} is {rate}, {reason}."),
    "rate_larger": ("{part}占{whole}的{rate}，{reason}；部分大于整体。",
                    "{part} of {whole} is {rate}, {reason}; the part is larger than the whole."),
    "share_named": ("{part}（{name}）占{whole}的{rate}，{reason}。",
                    "{part} ({name}) of the {whole} is {rate}, {reason}."),
    "grim": ("{base}的{stated}相当于{k}个；{why}。", "{stated} of {base} is {k} items; {why}."),
    "grim_exact": ("{n}个中的{k}个恰为{rate}", "{k} of {n} is exactly {rate}"),
    "grim_rounds": ("{n}个中的{k}个为{pct}，四舍五入后即所述{rate}",
                    "{k} of {n} is {pct}, which rounds to the stated {rate}"),
    "grim_none": ("即使考虑四舍五入，{n}个中也没有整数个能得出{rate}（最接近的是{k}个，为{pct}）",
                  "no whole number of the {n} gives {rate} even allowing for rounding "
                  "(the nearest, {k} of {n}, is {pct})"),
    "difference": ("{total}减去{done}剩{rest}，{reason}。", "{total} less {done} leaves {rest}, {reason}."),
    "balance": ("{a}减去{b}为{rest}，{reason}。", "{a} less {b} is {rest}, {reason}."),
    "repeat_same": ("标题中的{h}在正文中重复为{b}。", "The headline's {h} is repeated in the body as {b}."),
    "repeat_disagree": ("标题说{h}，正文说{b}：两者不符。", "The headline says {h} but the body says {b}: they disagree."),
    "repeat_bound": ("标题说{h}，正文说{b}：正文数字符合标题的{h}。",
                     "The headline says {h} but the body says {b}: the body's figure fits the headline's {h}."),
    "repeat_rounds": ("标题说{h}，正文说{b}：标题取了整数。",
                      "The headline says {h} but the body says {b}: the headline rounds it."),
    "restate_disagree": ("文中又写作{h}，但该数字为{b}：两者不符。",
                         "The text restates {b} as {h}: they disagree."),
    "restate_bound": ("文中又写作{h}，该数字为{b}：符合。", "The text restates {b} as {h}: it fits."),
    "daily_fits": ("每天{daily}，{days}天为{total}，{reason}。", "{daily} a day for {days} days is {total}, {reason}."),
    "daily_season": ("每天{daily}，{days}天将达{total}，是全年所述{annual}的{times}倍；"
                     "日产量只相当于约{n}天（一个季节）的产量，文中没有说明。",
                     "{daily} a day for {days} days would be {total}, {times} times the {annual} stated for the "
                     "year; the daily figure holds for about {n} days of output only (a season), which the text "
                     "does not say."),
    "average": ("{total}除以{count}，每{per}{avg}，{reason}。", "{total} over {count} is {avg} per {per}, {reason}."),
    "completion": ("{done}占目标{target}的{rate}，{reason}。", "{done} of the target {target} is {rate}, {reason}."),
    "increment_rate": ("{level}比上期{word}{inc}，上期为{base}，{word}{pct}，{reason}。",
                       "{level} after a {word} of {inc} puts the earlier level at {base}: a {word} of {pct}, "
                       "{reason}."),
    "product": ("{count}乘以每份{each}为{total}，{reason}。", "{count} at {each} each is {total}, {reason}."),
    "product3": ("{count}每天{each}，{days}共{total}，{reason}。",
                 "{count} at {each} a day for {days} is {total}, {reason}."),
    "product_periods": ("{count}每期{each}，共{days}期，合计{total}，{reason}。",
                        "{count} at {each} a period for {days} periods is {total}, {reason}."),
    "day_average": ("{total}分摊到{n}天，每天{avg}，{reason}。", "{total} over {n} days is {avg} a day, {reason}."),
    "year_average": ("{total}分摊到{n}年，每年{avg}，{reason}。", "{total} over {n} years is {avg} a year, {reason}."),
    "derived_rate": ("文中未写：{part}占{whole}的{rate}。", "Not stated: {part} of {whole} is {rate}."),
    "derived_per": ("文中未写：{total}对应{d}，每{per}{avg}。", "Not stated: {total} for {d} is {avg} per {per}."),
    "derived_per_annual": ("文中未写：{total}对应年产能{d}，每{per}{avg}。",
                           "Not stated: {total} for {d} is {avg} per {per} of annual capacity."),
    "derived_per_day": ("文中未写：{days}完成{d}，每天{avg}。", "Not stated: {d} in {days} is {avg} a day."),
    "multiple": ("{b}是{a}的{ratio}倍，{reason}。", "{b} is {ratio} times {a}, {reason}."),
    "fanfan": ("{words}即×{mult}：{b}是{a}的{ratio}倍，{reason}。",
               "{words} means ×{mult}: {b} is {ratio} times {a}, {reason}."),
    "times_strict": ("{b}是{a}的{ratio}倍，增长了{inc}倍，{reason}（“增长N倍”严格理解为×(N+1)）。",
                     "{b} is {ratio} times {a}, an increase of {inc} times, {reason} "
                     "(growth 'by N times' read strictly as ×(N+1))."),
    "times_both": ("{b}是{a}的{ratio}倍：{stated}只有考虑四舍五入才与“增长N倍”的两种理解"
                   "（严格为×{strict}，宽松为×{loose}）都相符。",
                   "{b} is {ratio} times {a}: {stated} fits both readings of growth 'by N times' (×{strict} "
                   "strictly, ×{loose} loosely) only through rounding."),
    "times_loose": ("{b}是{a}的{ratio}倍：“增长{loose}倍”严格说是{strict}倍，文中用的是宽松的理解（增长到{loose}倍）。",
                    "{b} is {ratio} times {a}: growth 'by {loose} times' strictly means {strict} times, so the "
                    "text uses the loose reading (to {loose} times)."),
    "times_neither": ("{b}是{a}的{ratio}倍，增长了{inc}倍：{stated}按严格或宽松理解都不相符。",
                      "{b} is {ratio} times {a}, an increase of {inc} times: neither the strict nor the loose "
                      "reading of {stated} fits."),
    "rise": ("上升", "rise"),
    "fall": ("下降", "fall"),
    "flip": ("，而文中说的是{word}", " while the text states a {word}"),
    "change_pp": ("从{a}到{b}，{word}{pp}个百分点{flip}，{reason}。",
                  "{a} to {b} is a {word} of {pp} percentage points{flip}, {reason}."),
    "change_pp_relative": ("从{a}到{b}，{word}{pp}个百分点，不是{stated}；{num}是相对变化（{rel}），被写成了百分点。",
                           "{a} to {b} is a {word} of {pp} percentage points, not {stated}; {num} is the relative "
                           "change ({rel}) written as percentage points."),
    "change_pct": ("从{a}到{b}，{word}{pct}{flip}，{reason}。", "{a} to {b} is a {word} of {pct}{flip}, {reason}."),
    "change_points_as_pct": ("从{a}到{b}，{word}{pp}个百分点，相对{word}{pct}：所述{stated}是把百分点写成了百分比。",
                             "{a} to {b} is a {word} of {pp} percentage points, a relative {word} of {pct}: "
                             "the stated {stated} is a change in percentage points written as a percent."),
    "change_amount": ("从{a}到{b}，{word}{amount}{flip}，{reason}。",
                      "{a} to {b} is a {word} of {amount}{flip}, {reason}."),
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
    "claim_computed_bare": ("原文未给出，推算为{computed}。", "Not stated; computed as {computed}."),
    "claim_stated_computed_bare": ("原文为{stated}，重算为{computed}。", "Stated {stated}; recomputed {computed}."),
}


def text(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """A generated sentence or heading from :data:`TEXT` in ``lang``, filled with ``values``."""
    check_lang(lang)
    try:
        zh, en = TEXT[key]
    except KeyError:
        raise KeyError(f"no text {key!r}: add it to messages.TEXT in both languages") from None
    return (zh if lang == "zh" else en).format(**values)
