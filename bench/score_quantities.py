"""Score the quantities table against the hand-annotated unusual quantities of a corpus folder.

    python bench/score_quantities.py [--corpus tests/data/corpus/dev] [--misses]

Every page ``NN_slug.json`` of the folder may hold a ``quantities`` list (surface, value, unit,
qualifier), written by hand from ``NN_slug.txt`` before any run (tests/data/corpus/README.md): the
unusual forms only (negative numbers, 廿/卅, currency signs, 万分之五, N成, discounts, Latin and
compound units, foreign currencies, fractions, durations).  The page is read with
``newspage.read_page`` and its ``quantities`` table is compared with them.

Matching.  A gold item is found when a row of the table overlaps one of the places where its
surface is written on the page and has the gold value.
Values are compared in one convention, because the annotators wrote rates two ways: a value in
成 or 折 counts ×10 as %, ‰ counts ÷10 and ‱ ÷100 as % (六成 = 6 成 = 60 %, 2.02‰ = 0.202 %,
八五折 = 8.5 折 = 85 %), on both sides; equal within a relative 1e-6 (三分之一 = 33.33…%).

* recall = gold items found / gold items;
* precision = rows right / rows overlapping a place where a gold surface is written (right: its
  value is the value of a gold item written there; a row with another value, or one that splits
  the surface, is wrong; rows elsewhere on the page are out of scope, since only the unusual forms
  are annotated);
* value-F1 = their harmonic mean.

Printed as well: the same three figures without the gold items that lie inside an annotated date
(腊月廿三 is a date of the ``dates`` table, not a quantity, by the library's convention), unit and
qualifier agreement among the found items (units compared through a small table of equivalent
writings: cm = 厘米, km/h = 公里 per hour, μg/m³ = 微克/立方米), recall by rough class of form,
and the rows the table has on surfaces listed in ``not_dates`` (some of them are quantities, such
as 3个月; others, such as 四周 "all around" or 一年之计, must not be: judge them by eye).
``--misses`` lists every miss and every wrong row.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

# rates written in other units, to % (both sides)
_TO_PERCENT = {"成": 10, "折": None, "‰": 0.1, "‱": 0.01}
# equivalent writings of a unit
_UNIT_ALIASES = {
    "cm": "厘米", "mm": "毫米", "km": "公里", "m": "米", "kg": "千克", "g": "克", "μg/m³": "微克/立方米",
    "µg/m³": "微克/立方米", "km/h": "公里/小时", "m/s": "米/秒", "mg/L": "毫克/升", "ratio": "比",
    "人民币": "元", "新台币": "台币", "标箱": "标准箱",
}
_PER_UNIT = {"hour": "小时", "day": "日", "year": "年", "month": "月", "week": "周", "second": "秒",
             "minute": "分钟"}


def as_percent(value: float, unit: str) -> tuple[float, str]:
    """(value, unit) with rates written in 成, 折, ‰ or ‱ brought to %."""
    if unit == "折":
        return (value * 10 if value < 10 else value), "%"
    k = _TO_PERCENT.get(unit)
    if k is not None:
        return value * k, "%"
    return value, unit


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def canonical_unit(unit: str, per: str = "") -> str:
    u = _UNIT_ALIASES.get(unit, unit)
    if per in _PER_UNIT:
        u = f"{u}/{_PER_UNIT[per]}"
    return u.replace("/日", "/天")


def form_class(surface: str, unit: str) -> str:
    """A rough class of the form, for the recall table (not used in the score)."""
    if re.match(r"^[^0-9]*[-−－]\d", surface):
        return "negative"
    if re.search("[廿卅]", surface):
        return "廿/卅"
    if re.search(r"[$＄¥￥€£]", surface):
        return "currency sign"
    if re.match("^(人民币|港币|港元|美元|欧元|新台币)", surface):
        return "currency prefix"
    if re.search("[万千]分之|‰|‱", surface):
        return "per mille"
    if "分之" in surface or re.search(r"\d/\d", surface):
        return "fraction"
    if "折" in surface:
        return "discount"
    if "成" in surface:
        return "N成"
    if "半" in surface:
        return "half"
    if re.search("[A-Za-zμµ]", surface) or "/" in surface:
        return "Latin or compound unit"
    if re.search("台币|法郎|卢布|奈拉|坚戈|比索|韩元|美元|欧元|日元|英镑", surface):
        return "foreign currency"
    if re.search("年|个月|周|天|小时|分", unit or surface) and re.search("来|未来|近|头|为期|今后|过去", surface):
        return "duration"
    return "other"


def load_pages(folder: Path) -> list[tuple[Path, dict]]:
    pages = []
    for jp in sorted(folder.glob("*.json")):
        meta = json.loads(jp.read_text("utf-8"))
        if isinstance(meta, dict) and "quantities" in meta and jp.with_suffix(".txt").exists():
            pages.append((jp, meta))
    return pages


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    out, i = [], text.find(surface)
    while i >= 0:
        out.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return out


def score_page(page, meta: dict) -> dict:
    from newspage.page import _ONE_TO_ONE   # the page's own normalisation of digits and signs
    text = page.text
    df = page.quantities
    rows = [dict(zip(df.columns, r)) for r in df.itertuples(index=False)]
    date_spans = [o for d in meta.get("dates", []) for o in occurrences(text, d["surface"].translate(_ONE_TO_ONE))]
    found, missed, wrong, unplaced = [], [], [], []
    gold_spans: list[tuple[int, int, float]] = []     # (start, end, value in %) of every place a gold item is written
    for g in meta["quantities"]:
        spans = occurrences(text, g["surface"].translate(_ONE_TO_ONE))
        if not spans:
            unplaced.append(g)
            continue
        gv, gu = as_percent(float(g["value"]), g["unit"])
        gold_spans.extend((s, e, gv) for s, e in spans)
        in_date = any(a <= s and e <= b for s, e in spans for a, b in date_spans)
        hit = None
        for r in rows:
            if any(r["start"] < e and s < r["end"] for s, e in spans) and \
                    same_value(as_percent(float(r["value"]), r["unit"])[0], gv):
                hit = r
                break
        item = {"gold": g, "in_date": in_date, "class": form_class(g["surface"], g["unit"])}
        if hit is None:
            missed.append(item)
        else:
            item["row"] = hit
            item["unit_ok"] = canonical_unit(gu) == canonical_unit(as_percent(1, hit["unit"])[1], hit["per"] or "")
            item["qualifier_ok"] = g["qualifier"] == hit["qualifier"]
            found.append(item)
    # rows overlapping a gold surface: right when their value is the value of a gold item written there
    right = 0
    for r in rows:
        values = [gv for s, e, gv in gold_spans if r["start"] < e and s < r["end"]]
        if not values:
            continue
        if any(same_value(as_percent(float(r["value"]), r["unit"])[0], gv) for gv in values):
            right += 1
        else:
            wrong.append(r)
    # rows on not_dates surfaces
    on_not_dates = []
    for nd in meta.get("not_dates", []):
        for s, e in occurrences(text, nd.translate(_ONE_TO_ONE)):
            for r in rows:
                if r["start"] < e and s < r["end"]:
                    on_not_dates.append((nd, r["surface"], r["value"], r["unit"]))
    return {"found": found, "missed": missed, "wrong": wrong, "right": right, "unplaced": unplaced,
            "on_not_dates": on_not_dates}


def prf(tp_gold: int, n_gold: int, tp_rows: int, n_rows: int) -> tuple[float, float, float]:
    p = tp_rows / n_rows if n_rows else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "tests" / "data" / "corpus" / "dev"),
                    help="a folder of NN_slug.txt + NN_slug.json pages")
    ap.add_argument("--misses", action="store_true", help="list every miss and every wrong row")
    args = ap.parse_args()
    folder = Path(args.corpus)
    if not folder.is_dir():
        sys.exit(f"score_quantities: --corpus {folder}: no such folder")
    import newspage
    pages = load_pages(folder)
    if not pages:
        sys.exit(f"score_quantities: no page with a `quantities` list in {folder}")
    results = []
    print(f"corpus: {folder} ({len(pages)} pages with quantities)")
    print(f"{'page':34} {'gold':>4} {'found':>5} {'wrong':>5}  precision recall value-F1")
    for jp, meta in pages:
        page = newspage.read_page(jp.with_suffix(".txt"))
        res = score_page(page, meta)
        results.append((jp.stem, res))
        n_gold = len(res["found"]) + len(res["missed"])
        p, r, f = prf(len(res["found"]), n_gold + len(res["unplaced"]), res["right"],
                      res["right"] + len(res["wrong"]))
        print(f"{jp.stem:34} {n_gold + len(res['unplaced']):4} {len(res['found']):5} {len(res['wrong']):5}  "
              f"{p:9.3f} {r:6.3f} {f:8.3f}")

    found = [i for _, res in results for i in res["found"]]
    missed = [i for _, res in results for i in res["missed"]]
    wrong = [w for _, res in results for w in res["wrong"]]
    unplaced = [(name, g) for name, res in results for g in res["unplaced"]]
    n_gold = len(found) + len(missed) + len(unplaced)
    right = sum(res["right"] for _, res in results)
    p, r, f = prf(len(found), n_gold, right, right + len(wrong))
    print(f"\nall gold items: {n_gold}; found {len(found)}; missed {len(missed)}; "
          f"rows on gold surfaces {right + len(wrong)}, right {right}, wrong {len(wrong)}; "
          f"gold surfaces not on the page {len(unplaced)}")
    print(f"value-F1 (all gold): precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}")
    f_nd = [i for i in found if not i["in_date"]]
    m_nd = [i for i in missed if not i["in_date"]]
    n_nd = len(f_nd) + len(m_nd) + len(unplaced)
    p2, r2, f2 = prf(len(f_nd), n_nd, right, right + len(wrong))
    print(f"value-F1 (without the {n_gold - n_nd} gold items inside an annotated date): "
          f"precision {p2:.3f}, recall {r2:.3f}, F1 {f2:.3f}")
    if found:
        uo = sum(i["unit_ok"] for i in found)
        qo = sum(i["qualifier_ok"] for i in found)
        print(f"among found items: unit agrees {uo}/{len(found)} = {uo / len(found):.3f}, "
              f"qualifier agrees {qo}/{len(found)} = {qo / len(found):.3f}")
    by_class = Counter(i["class"] for i in found + missed)
    hit_class = Counter(i["class"] for i in found)
    print("\nrecall by form class:")
    for c, n in sorted(by_class.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {c:24} {hit_class[c]:3}/{n:<3} {hit_class[c] / n:.3f}")
    nd = [(name, x) for name, res in results for x in res["on_not_dates"]]
    print(f"\nrows on not_dates surfaces: {len(nd)} (quantities by the library's convention or not: judge by eye)")
    for name, (surface, row_surface, value, unit) in nd:
        print(f"  {name[:2]} {surface!r:12} -> {row_surface} = {value:g} {unit}")
    if args.misses:
        print("\nmisses (gold -> rows overlapping it):")
        for name, res in results:
            for i in res["missed"]:
                g = i["gold"]
                print(f"  {name[:2]} {g['surface']!r} = {g['value']} {g['unit']} {g['qualifier']}"
                      f"{' (inside a date)' if i['in_date'] else ''} [{i['class']}]")
        print("wrong rows (overlapping a gold surface, answering none):")
        for name, res in results:
            for w in res["wrong"]:
                print(f"  {name[:2]} {w['surface']!r} = {w['value']} {w['unit']} {w['qualifier']}")
        print("found with another unit or qualifier:")
        for name, res in results:
            for i in res["found"]:
                if not (i["unit_ok"] and i["qualifier_ok"]):
                    g, rw = i["gold"], i["row"]
                    print(f"  {name[:2]} {g['surface']!r}: gold {g['unit']} {g['qualifier']}; "
                          f"row {rw['surface']!r} {rw['unit']}{'/' + rw['per'] if rw['per'] else ''} {rw['qualifier']}")
        for name, g in unplaced:
            print(f"  {name[:2]} gold surface not on the page: {g['surface']!r}")


if __name__ == "__main__":
    main()
