"""Score newspage's claims on a folder of the composed corpus (tests/data/corpus/README.md).

    .venv/bin/python bench/score_claims.py tests/data/corpus/dev [--rows] [--misses]

For every page ``NN_slug.txt`` with its annotation ``NN_slug.json`` of the folder it prints, and
then totals over the folder:

* **found / required**: annotated claims with a row of ``page.claims`` that overlaps the excerpt,
  has a kind the relation maps to (:data:`KINDS`) and, when the annotation states a figure, that
  stated figure (within 0.1 %, so 三分之一 written 33.333 matches);
* **right verdicts**: found claims whose row has one of the annotated verdicts;
* **planted caught**: all ``planted`` edits of a page applied together to a copy; a plant is
  caught when its claim's excerpt (with the edits applied) overlaps an ``inconsistent`` row of a
  matching kind; ``caught sure`` counts those whose row is ``sure`` (``--strict`` fails on them);
* **false alarms**: ``inconsistent`` rows on the correct page, per 100 pages (all, and sure ones:
  a sure one makes ``newspage check --strict`` fail on a correct page);
* **distractor violations**: ``inconsistent`` rows overlapping a distractor's excerpt, on the
  correct page or the altered copy;
* **unexpected**: non-derived rows overlapping no annotated claim (a precision hint: the
  annotation lists every checkable claim, so these are usually pairings that are not claims);
* **quantities**: the page's annotated unusual numbers found in ``page.quantities`` with the
  annotated value and qualifier.

The relation -> kind mapping lives here, not in the library.  Expected values come from the
annotations, written by hand; nothing here reads the library's output as truth.
``--rows`` prints every row of every page; ``--misses`` the missed and wrong claims.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

# annotated relation -> the claim kinds that state it
KINDS = {
    "rate": {"rate", "share", "completion"},
    "share": {"share", "rate"},
    "sum": {"sum"},
    "shares_100": {"sum"},
    "difference": {"difference"},
    "average": {"average"},
    "change": {"change"},
    "multiple": {"multiple", "change"},
    "count": {"count"},
    "ratio": {"ratio"},
    "repeat": {"repeat"},
    "completion": {"completion", "rate"},
}


def _span(text: str, excerpt: str) -> tuple[int, int] | None:
    i = text.find(excerpt)
    return None if i < 0 else (i, i + len(excerpt))


def _stated_ok(row, stated) -> bool:
    if stated is None:
        return True
    v = row.stated
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return False
    try:
        v = float(v)
    except (TypeError, ValueError):
        return False
    return math.isclose(v, float(stated), rel_tol=1e-3, abs_tol=1e-9)


def _hits(rows, span, relation, stated):
    if span is None:
        return []
    lo, hi = span
    kinds = KINDS.get(relation, {relation})
    return [r for r in rows if r.start < hi and lo < r.end and r.kind in kinds and _stated_ok(r, stated)]


def _altered(text: str, planted: list[dict]) -> str:
    for p in planted:
        text = text.replace(p["find"], p["replace"], 1)
    return text


def _edit(excerpt: str, planted: list[dict]) -> str:
    for p in planted:
        if p["find"] in excerpt:
            excerpt = excerpt.replace(p["find"], p["replace"], 1)
    return excerpt


def _float(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def score_page(txt: Path) -> dict:
    import newspage

    ann = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    text = txt.read_text(encoding="utf-8")
    date = (ann.get("page") or {}).get("date")
    page = newspage.read_page(txt)
    rows = list(page.claims.itertuples())
    out = {"page": txt.stem, "rows": len(rows), "required": 0, "found": 0, "right": 0, "planted": 0,
           "caught": 0, "caught_sure": 0, "false_alarms": 0, "false_alarms_sure": 0, "distractors": 0,
           "distractor_violations": 0, "unexpected": 0, "quantities": 0, "quantities_found": 0,
           "missed": [], "wrong": [], "alarms": [], "violations": [], "not_caught": [], "extra": [],
           "qty_missed": [], "row_lines": []}
    used: set[str] = set()
    by_id = {c["id"]: c for c in ann.get("claims", [])}
    for c in ann.get("claims", []):
        span = _span(page.text, c["excerpt"])
        hit = _hits(rows, span, c["relation"], c.get("stated"))
        used.update(r.claim_id for r in hit)
        # a row overlapping the excerpt with the right kind but another stated figure is "used" too
        if span is not None:
            used.update(r.claim_id for r in _hits(rows, span, c["relation"], None))
        out["required"] += 1
        if hit:
            out["found"] += 1
            if any(r.verdict in c["verdict"] for r in hit):
                out["right"] += 1
            else:
                out["wrong"].append((c["id"], c["relation"], c["excerpt"][:40], sorted({r.verdict for r in hit}),
                                     c["verdict"]))
        else:
            out["missed"].append((c["id"], c["relation"], c.get("class", ""), c["excerpt"][:50]))
    for r in rows:
        if r.verdict == "inconsistent":
            out["false_alarms"] += 1
            out["false_alarms_sure"] += r.confidence == "sure"
            out["alarms"].append((r.claim_id, r.kind, r.confidence, r.statement[:50], r.explanation))
        if r.claim_id not in used and r.kind != "derived":
            out["unexpected"] += 1
            out["extra"].append((r.claim_id, r.kind, r.verdict, r.statement[:50]))
        out["row_lines"].append(f"{r.claim_id} {r.kind} {r.verdict} {r.confidence} {r.stated_surface} "
                                f"[{r.formula}] {r.statement[:60]} | {r.explanation}")
    dis = ann.get("distractors", [])
    out["distractors"] = len(dis)

    def violations(rows_, text_, tag):
        for d in dis:
            span = _span(text_, d["excerpt"])
            if span is None:
                continue
            for r in rows_:
                if r.verdict == "inconsistent" and r.start < span[1] and span[0] < r.end:
                    out["distractor_violations"] += 1
                    out["violations"].append((tag, d.get("class", ""), r.claim_id, r.kind, r.statement[:50]))

    violations(rows, page.text, "correct")
    planted = ann.get("planted", [])
    if planted:
        alt_text = _altered(text, planted)
        alt = newspage.read_page(text=alt_text, date=date)
        alt_rows = list(alt.claims.itertuples())
        for p in planted:
            out["planted"] += 1
            c = by_id.get(p["claim"])
            if c is None:
                out["not_caught"].append((p["claim"], "no such claim id"))
                continue
            span = _span(alt.text, _edit(c["excerpt"], planted))
            hit = [r for r in _hits(alt_rows, span, c["relation"], None) if r.verdict == "inconsistent"]
            if hit:
                out["caught"] += 1
                out["caught_sure"] += any(r.confidence == "sure" for r in hit)
            else:
                near = _hits(alt_rows, span, c["relation"], None)
                out["not_caught"].append((p["claim"], c["relation"], p.get("note", ""),
                                          sorted({r.verdict for r in near}) or "no row"))
        dis_rows = alt_rows
        violations(dis_rows, alt.text, "altered")
    qt = page.quantities
    rows_q = list(qt.itertuples())
    for q in ann.get("quantities", []):
        out["quantities"] += 1
        # surfaces differ by a word between writers (约占三成 / 三成, 为期3年 / 3年) and so do units
        # (六成 as 60 % or 6 成, 八五折 as 85 % or 8.5 折): a row matches when one surface holds the
        # other and its value or its base value is the annotated one, with the same qualifier
        want = float(q["value"])
        ok = [r for r in rows_q if (q["surface"] in r.surface or r.surface in q["surface"])
              and any(math.isclose(_float(v), want, rel_tol=1e-6, abs_tol=1e-9) for v in (r.value, r.base_value))
              and (not q.get("qualifier") or r.qualifier == q["qualifier"])]
        if ok:
            out["quantities_found"] += 1
        else:
            got = [(r.surface, _float(r.value), r.unit, r.qualifier) for r in qt.itertuples()
                   if q["surface"] in r.surface or r.surface in q["surface"]]
            out["qty_missed"].append((q["surface"], q["value"], q.get("unit"), got))
    return out


def score_folder(folder: Path) -> tuple[list[dict], dict]:
    pages = sorted(p for p in Path(folder).glob("*.txt") if p.with_suffix(".json").exists())
    if not pages:
        raise SystemExit(f"{folder}: no annotated pages (NN_slug.txt + NN_slug.json)")
    results = [score_page(p) for p in pages]
    keys = ("rows", "required", "found", "right", "planted", "caught", "caught_sure", "false_alarms",
            "false_alarms_sure", "distractors", "distractor_violations", "unexpected", "quantities",
            "quantities_found")
    total = {k: sum(r[k] for r in results) for k in keys}
    total["pages"] = len(results)
    total["false_alarms_per_100"] = 100 * total["false_alarms"] / len(results)
    total["false_alarms_sure_per_100"] = 100 * total["false_alarms_sure"] / len(results)
    total["strict_failing_pages"] = sum(r["false_alarms_sure"] > 0 for r in results)
    return results, total


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else f"{a}/0"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--rows", action="store_true", help="print every row of every page")
    ap.add_argument("--misses", action="store_true", help="print missed and wrong claims, alarms, violations")
    args = ap.parse_args()
    results, t = score_folder(args.folder)
    for r in results:
        print(f"== {r['page']}: {r['rows']} rows; found {_pct(r['found'], r['required'])}; right verdicts "
              f"{r['right']}; planted caught {r['caught']}/{r['planted']} (sure {r['caught_sure']}); "
              f"false alarms {r['false_alarms']} (sure {r['false_alarms_sure']}); distractor violations "
              f"{r['distractor_violations']}; unexpected {r['unexpected']}; quantities "
              f"{r['quantities_found']}/{r['quantities']}")
        if args.misses:
            for m in r["missed"]:
                print("   missed", m)
            for m in r["wrong"]:
                print("   wrong ", m)
            for m in r["alarms"]:
                print("   ALARM ", m)
            for m in r["violations"]:
                print("   DISTRACTOR", m)
            for m in r["not_caught"]:
                print("   not caught", m)
            for m in r["extra"]:
                print("   extra ", m)
            for m in r["qty_missed"]:
                print("   qty   ", m)
        if args.rows:
            for line in r["row_lines"]:
                print("   ", line)
    print()
    print(f"TOTAL over {t['pages']} pages ({args.folder}):")
    print(f"  claims found          {_pct(t['found'], t['required'])}")
    print(f"  right verdicts        {_pct(t['right'], t['required'])}")
    print(f"  planted caught        {_pct(t['caught'], t['planted'])}  (sure: {t['caught_sure']})")
    print(f"  false alarms          {t['false_alarms']} ({t['false_alarms_per_100']:.1f} per 100 pages); "
          f"sure {t['false_alarms_sure']} ({t['false_alarms_sure_per_100']:.1f} per 100 pages)")
    print(f"  pages failing --strict {t['strict_failing_pages']}/{t['pages']}")
    print(f"  distractor violations {t['distractor_violations']} (over {t['distractors']} distractors)")
    print(f"  unexpected rows       {t['unexpected']} of {t['rows']}")
    print(f"  quantities            {_pct(t['quantities_found'], t['quantities'])}")


if __name__ == "__main__":
    main()
