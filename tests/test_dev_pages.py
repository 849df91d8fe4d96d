"""Development pages (tests/data/dev_pages): composed pages unlike the seed, used for fixing.

The expectations were written by hand before any run.  Round 1 (a-e) was measured, then the
library was fixed; round 2 (f, g) was written after those fixes and measured once before the
next ones.  tests/data/dev_pages/FIRST_RUN.txt keeps both first runs, the only held-out figures
these pages gave.  The library was fixed on all seven since, so the exact assertions below are
development floors that guard those fixes, not a measure of accuracy on unseen pages (see
tests/data/dev_pages/README.md).

tests/data/dev_pages/NAME.txt is a page; NAME.json lists what a careful reader finds on it:
the stories (headline, byline, source …, each found by an ``anchor`` string of its body),
every quantity (surface, value, unit, qualifier[, value_high]) and every date (surface, iso,
iso_end), plus ``optional_*`` items that are neither required nor counted as errors.

Run ``python tests/test_dev_pages.py`` to print the per-page figures (story fields right,
quantity precision/recall, dates right) and every mismatch.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "dev_pages"
NAMES = sorted(p.stem for p in DATA.glob("*.json"))
# Failures whose cause lies outside the modules measured here, with the reason.  A fix there
# turns these into a strict XPASS, which fails: then delete the entry.
KNOWN_GAPS: dict[tuple[str, str], str] = {}

STORY_FIELDS = ("headline", "byline", "source", "kicker", "subheadline", "reporters", "continued_to",
                "kind", "dateline")


def load(name: str):
    import newspage
    exp = json.loads((DATA / f"{name}.json").read_text("utf-8"))
    page = newspage.read_page(DATA / exp["page"])
    return page, exp


def _qkey(r) -> tuple:
    return (r["surface"], round(float(r["value"]), 6), r["unit"], r["qualifier"])


def _dkey(r) -> tuple:
    return (r["surface"], r["iso"], r.get("iso_end", "") or "")


def _match(found: list[tuple], expected: list[tuple], optional: list[tuple]) -> dict:
    f, e, o = Counter(found), Counter(expected), Counter(optional)
    tp = f & e
    rest = f - tp
    opt = rest & o
    fp = rest - opt
    fn = e - tp
    n_tp = sum(tp.values())
    n_found = n_tp + sum(fp.values())
    return {
        "tp": n_tp, "expected": sum(e.values()), "found": n_found,
        "precision": n_tp / n_found if n_found else 1.0,
        "recall": n_tp / sum(e.values()) if e else 1.0,
        "fp": sorted(fp.elements()), "fn": sorted(fn.elements()),
    }


def score_quantities(page, exp) -> dict:
    q = page.quantities
    found = [_qkey(r) for r in q.to_dict("records")]
    m = _match(found, [_qkey(r) for r in exp["quantities"]], [_qkey(r) for r in exp.get("optional_quantities", [])])
    # ranges: the high end too
    highs = {}
    for r in q.to_dict("records"):
        if r["qualifier"] == "range":
            highs.setdefault(r["surface"], round(float(r["value_high"]), 6))
    m["bad_high"] = [r["surface"] for r in exp["quantities"] if "value_high" in r
                     and highs.get(r["surface"]) not in (None, round(float(r["value_high"]), 6))]
    return m


def score_dates(page, exp) -> dict:
    found = [_dkey(r) for r in page.dates.to_dict("records")]
    return _match(found, [_dkey(r) for r in exp["dates"]], [_dkey(r) for r in exp.get("optional_dates", [])])


def score_stories(page, exp) -> dict:
    st = page.stories.to_dict("records")
    text = page.text
    right = Counter()
    total = Counter()
    wrong = []
    matched = set()
    for e in exp["stories"]:
        pos = text.find(e["anchor"])
        s = next((s for s in st if s["start"] <= pos < s["end"]), None) if pos >= 0 else None
        if s is not None:
            matched.add(s["story_id"])
        for f in STORY_FIELDS:
            if f not in e:
                continue
            total[f] += 1
            got = "" if s is None else str(s[f] if s[f] is not None else "")
            if got == e[f]:
                right[f] += 1
            else:
                wrong.append((e["anchor"], f, e[f], got))
    extra = [s["headline"] or s["kind"] for s in st if s["story_id"] not in matched]
    return {"right": right, "total": total, "wrong": wrong, "extra": extra,
            "n_found": len(st), "n_expected": len(exp["stories"])}


# ---------------------------------------------------------------------------
# Tests: the final expectations
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module", params=NAMES)
def loaded(request):
    return request.param, *load(request.param)


def test_pages_present():
    # round 1: five pages of 1.5-4 KB (a-e); round 2: two shorter ones (f, g)
    assert len(NAMES) == 7
    for n in NAMES:
        b = (DATA / f"{n}.txt").read_bytes()
        assert (1500 if n < "f" else 700) <= len(b) <= 4096, n


def _known_gap(request, name, what):
    reason = KNOWN_GAPS.get((name, what))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


def test_page_date_inferred(loaded, request):
    name, page, exp = loaded
    _known_gap(request, name, "dates")
    assert page.date == dt.date.fromisoformat(exp["page_date"])


def test_stories(loaded):
    name, page, exp = loaded
    s = score_stories(page, exp)
    assert s["wrong"] == []
    assert s["extra"] == []
    assert s["n_found"] == s["n_expected"]


def test_quantities(loaded):
    name, page, exp = loaded
    m = score_quantities(page, exp)
    assert (m["fp"], m["fn"], m["bad_high"]) == ([], [], [])


def test_dates(loaded, request):
    name, page, exp = loaded
    _known_gap(request, name, "dates")
    m = score_dates(page, exp)
    assert (m["fp"], m["fn"]) == ([], [])


def test_offsets_invariant(loaded):
    name, page, exp = loaded
    for table in (page.quantities, page.dates, page.credits):
        for r in table.to_dict("records"):
            assert page.text[r["start"]:r["end"]] == r["surface"]
    for r in page.paragraphs.to_dict("records"):
        assert page.text[r["start"]:r["end"]] == r["text"]


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

def main() -> None:
    sys.path.insert(0, str(HERE.parent / "lib"))
    tot = Counter()
    for name in NAMES:
        page, exp = load(name)
        s, q, d = score_stories(page, exp), score_quantities(page, exp), score_dates(page, exp)
        pd_ok = page.date == dt.date.fromisoformat(exp["page_date"])
        print(f"== {name}: page date {page.date} ({'right' if pd_ok else 'WRONG, expected ' + exp['page_date']}); "
              f"stories found {s['n_found']} / expected {s['n_expected']}")
        print("   story fields right: " + ", ".join(f"{f} {s['right'][f]}/{s['total'][f]}" for f in STORY_FIELDS if s["total"][f]))
        print(f"   quantities: precision {q['precision']:.3f} ({q['tp']}/{q['found']}), recall {q['recall']:.3f} "
              f"({q['tp']}/{q['expected']}); ranges with wrong high end: {q['bad_high']}")
        print(f"   dates: precision {d['precision']:.3f} ({d['tp']}/{d['found']}), recall {d['recall']:.3f} ({d['tp']}/{d['expected']})")
        for w in s["wrong"]:
            print("   STORY", w)
        for x in s["extra"]:
            print("   EXTRA STORY", x)
        for x in q["fn"]:
            print("   Q missed", x)
        for x in q["fp"]:
            print("   Q wrong ", x)
        for x in d["fn"]:
            print("   D missed", x)
        for x in d["fp"]:
            print("   D wrong ", x)
        for k in ("tp", "found", "expected"):
            tot["q" + k] += q[k]
            tot["d" + k] += d[k]
        tot["h_right"] += s["right"]["headline"]
        tot["h_total"] += s["total"]["headline"]
        for f in ("byline", "source"):
            tot[f + "_right"] += s["right"][f]
            tot[f + "_total"] += s["total"][f]
        tot["pd"] += pd_ok
    print(f"== ALL: page dates {tot['pd']}/{len(NAMES)}; headlines {tot['h_right']}/{tot['h_total']}; "
          f"bylines {tot['byline_right']}/{tot['byline_total']}; sources {tot['source_right']}/{tot['source_total']}; "
          f"quantities P {tot['qtp'] / max(1, tot['qfound']):.3f} R {tot['qtp'] / tot['qexpected']:.3f} "
          f"({tot['qtp']}/{tot['qfound']} found, {tot['qexpected']} expected); "
          f"dates P {tot['dtp'] / max(1, tot['dfound']):.3f} R {tot['dtp'] / tot['dexpected']:.3f} "
          f"({tot['dtp']}/{tot['dfound']} found, {tot['dexpected']} expected)")


if __name__ == "__main__":
    main()
