"""Claims on the development pages of tests/data/dev_claims (a set used for fixing).

Four composed pages (city statistics bulletin, county farming, industrial park, education and
health) with deliberate arithmetic errors among correct statements.  The expected claims were
written by hand before the library ever ran on them; the first run (FIRST_RUN.txt: planted errors
caught 7/11, required claims found 28/40, 3 false alarms) was the only held-out measurement.
claims.py was then fixed on these pages, so the assertions below are development floors: they
hold the figures reached after fixing (FINAL_RUN.txt: 11/11, 40/40, 0 false alarms) and guard
those fixes; they say nothing about pages nobody has seen (see tests/data/dev_claims/README.md).

An expected claim matches a row of ``page.claims`` when the row's statement overlaps the excerpt,
its kind is one of those listed and (when given) its stated value is the one expected.

Run as a script to print the figures: ``python tests/test_dev_claims.py``.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "data" / "dev_claims"
PAGES = sorted(p.stem for p in HERE.glob("*.json"))


def _load(name: str):
    import newspage
    page = newspage.read_page(HERE / f"{name}.txt")
    return page, json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def _span(text: str, excerpt: str) -> tuple[int, int]:
    i = text.find(excerpt)
    assert i >= 0 and text.find(excerpt, i + 1) < 0, excerpt
    return i, i + len(excerpt)


def _matches(row, lo: int, hi: int, kinds, stated) -> bool:
    if not (row.start < hi and lo < row.end) or row.kind not in kinds:
        return False
    if stated is None:
        return True
    return not math.isnan(row.stated) and math.isclose(row.stated, stated, rel_tol=1e-9)


def score(name: str) -> dict:
    """Per page: expected claims found, verdicts right, planted errors caught, false alarms."""
    page, exp = _load(name)
    rows = list(page.claims.itertuples())
    used: set[str] = set()
    out = {"page": name, "n_rows": len(rows), "required": 0, "found": 0, "right": 0, "planted": 0, "caught": 0,
           "optional_found": 0, "missed": [], "wrong": [], "false_alarms": [], "unexpected": [], "never": []}
    planted_ids: set[str] = set()
    for c in exp["claims"]:
        lo, hi = _span(page.text, c["excerpt"])
        hit = [r for r in rows if _matches(r, lo, hi, c["kind"], c["stated"])]
        used.update(r.claim_id for r in hit)
        ok = [r for r in hit if r.verdict in c["verdict"]]
        if c["planted"]:
            out["planted"] += 1
            out["caught"] += bool(ok)
            planted_ids.update(r.claim_id for r in ok)
        if c["required"]:
            out["required"] += 1
            out["found"] += bool(hit)
        elif hit:
            out["optional_found"] += 1
        if hit and ok:
            out["right"] += 1
        if not hit and c["required"]:
            out["missed"].append(c["excerpt"])
        elif hit and not ok:
            out["wrong"].append((c["excerpt"], sorted({r.verdict for r in hit}), c["verdict"]))
    for r in rows:
        if r.verdict == "inconsistent" and r.claim_id not in planted_ids:
            out["false_alarms"].append((r.claim_id, r.kind, r.statement[:40], r.explanation))
        if r.claim_id not in used and r.kind != "derived":
            out["unexpected"].append((r.claim_id, r.kind, r.verdict, r.statement[:40]))
    for n in exp["never"]:
        lo, hi = _span(page.text, n["excerpt"])
        out["never"] += [(r.claim_id, r.kind, r.statement[:40]) for r in rows
                         if r.kind == n["kind"] and r.start < hi and lo < r.end]
    return out


@pytest.mark.parametrize("name", PAGES)
def test_every_planted_error_is_caught(name):
    s = score(name)
    assert s["planted"] >= 2
    assert s["caught"] == s["planted"], s["wrong"] + s["missed"]


@pytest.mark.parametrize("name", PAGES)
def test_no_correct_statement_called_inconsistent(name):
    s = score(name)
    assert s["false_alarms"] == []


@pytest.mark.parametrize("name", PAGES)
def test_required_claims_found_with_right_verdicts(name):
    s = score(name)
    assert s["missed"] == [] and s["wrong"] == []
    assert s["never"] == []


# Each planted error put right: the corrected page must have no inconsistent claim left, and the
# corrected statement must still be found (now consistent or rounding).
CORRECTIONS = {
    "a_city_bulletin": [("乡村人口152.2万人", "乡村人口154.2万人"), ("占比达到42.9%", "占比达到40.9%"),
                        ("比上年下降0.3%", "比上年下降0.3个百分点")],
    "b_county_farming": [("增长18.4%", "增长16.4%"), ("风险消除率78.6%", "风险消除率74.6%"),
                         ("剩余0.85万亩", "剩余0.75万亩")],
    "c_industrial_park": [("同比增长24.5%", "同比增长19.1%"), ("生产人员2150人", "生产人员2130人")],
    "d_education_health": [("生师比为16.5:1", "生师比为14.4:1"), ("提高了1.9%", "提高了1.9个百分点"),
                           ("健康管理率76.2%", "健康管理率74.0%")],
}


@pytest.mark.parametrize("name", PAGES)
def test_corrected_page_has_no_inconsistent_claim(name):
    import newspage
    page, exp = _load(name)
    text = page.text
    for old, new in CORRECTIONS[name]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    fixed = newspage.read_page(text=text)
    c = fixed.claims
    assert not (c.verdict == "inconsistent").any(), c[c.verdict == "inconsistent"].explanation.tolist()
    n_planted = sum(x["planted"] for x in exp["claims"])
    assert len(CORRECTIONS[name]) == n_planted
    for old, new in CORRECTIONS[name]:
        i = fixed.text.index(new)
        hit = c[(c.start < i + len(new)) & (c.end > i)]
        assert set(hit.verdict) & {"consistent", "rounding"}, (new, hit.verdict.tolist())


def test_strict_check_fails_on_every_dev_page():
    from conftest import run_cli
    for name in PAGES:
        r = run_cli("check", "--strict", HERE / f"{name}.txt")
        assert r.returncode == 1, name


def main() -> None:
    tot = {k: 0 for k in ("planted", "caught", "required", "found", "right")}
    fa = un = 0
    for name in PAGES:
        s = score(name)
        for k in tot:
            tot[k] += s[k]
        fa += len(s["false_alarms"])
        un += len(s["unexpected"])
        n_exp = len(json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))["claims"])
        print(f"== {name}: {s['n_rows']} rows; planted errors caught {s['caught']}/{s['planted']}; "
              f"required claims found {s['found']}/{s['required']} (optional found {s['optional_found']}); "
              f"right verdicts {s['right']}/{n_exp}; false alarms (correct called inconsistent) "
              f"{len(s['false_alarms'])}; unexpected non-derived rows {len(s['unexpected'])}")
        for x in s["missed"]:
            print("   MISSED   ", x)
        for x in s["wrong"]:
            print("   WRONG    ", x)
        for x in s["false_alarms"]:
            print("   FALSE-INC", x)
        for x in s["unexpected"]:
            print("   EXTRA    ", x)
        for x in s["never"]:
            print("   NEVER    ", x)
    print(f"TOTAL: planted caught {tot['caught']}/{tot['planted']}; required found {tot['found']}/{tot['required']}; "
          f"false alarms {fa}; unexpected rows {un}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
