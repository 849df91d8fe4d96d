"""Check the composed corpus against its format (README.md), without running newspage.

    python tests/data/corpus/validate.py DIR [DIR ...]

Checks that every page has its text and annotation, that every excerpt, plant and distractor is
found exactly once in the page, that planted errors change different claims and do not overlap,
that values are numbers, and that each half reaches the sizes README.md asks for.  Prints one line
per problem and the totals; exits 1 when anything is wrong.  It imports nothing from newspage, so
the writers of a held-out half can run it before any run of the library.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

RELATIONS = {"rate", "share", "sum", "shares_100", "difference", "average", "change", "multiple",
             "count", "ratio", "repeat", "completion"}
VERDICTS = {"consistent", "rounding", "needs_context"}
ENTITY_TYPES = {"person", "org", "place", "document", "programme"}
GRANULARITIES = {"day", "month", "year", "period"}
DATE_SOURCES = {"printed", "dateline", "inferred"}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "at_most", "less_than", "range"}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MIN_PER_PAGE = {"claims": 14, "distractors": 2, "entities": 18, "dates": 7, "not_dates": 2}


def check_page(txt: Path) -> tuple[list[str], dict]:
    problems: list[str] = []
    ann_path = txt.with_suffix(".json")
    name = txt.name
    if not ann_path.exists():
        return [f"{name}: no {ann_path.name}"], {}
    text = txt.read_text(encoding="utf-8")
    try:
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{ann_path.name}: not JSON: {exc}"], {}

    def once(s: str, where: str) -> int | None:
        n = text.count(s) if s else 0
        if n != 1:
            problems.append(f"{name}: {where} {s!r} occurs {n} times (must be once)")
            return None
        return text.index(s)

    for key in ("about", "style", "page", "headlines", "claims", "planted", "distractors", "entities",
                "dates", "not_dates"):
        if key not in ann:
            problems.append(f"{ann_path.name}: missing key {key!r}")
    if not (2500 <= len(text) <= 5200):
        problems.append(f"{name}: {len(text)} characters (2,500–5,000 asked)")
    page = ann.get("page", {})
    if not ISO.match(str(page.get("date", ""))) or len(str(page.get("date", ""))) != 10:
        problems.append(f"{name}: page.date {page.get('date')!r} is not YYYY-MM-DD")
    if page.get("date_source") not in DATE_SOURCES:
        problems.append(f"{name}: page.date_source {page.get('date_source')!r} not in {sorted(DATE_SOURCES)}")
    for h in ann.get("headlines", []):
        if h not in text:
            problems.append(f"{name}: headline {h!r} not in the page")
    ids = set()
    for c in ann.get("claims", []):
        cid = c.get("id")
        if cid in ids:
            problems.append(f"{name}: claim id {cid} twice")
        ids.add(cid)
        if c.get("relation") not in RELATIONS:
            problems.append(f"{name}: {cid}: relation {c.get('relation')!r} not in {sorted(RELATIONS)}")
        pos = once(c.get("excerpt", ""), f"{cid} excerpt")
        ss = c.get("stated_surface")
        if ss and pos is not None and ss not in c["excerpt"]:
            problems.append(f"{name}: {cid}: stated_surface {ss!r} not inside its excerpt")
        for k in ("stated", "computed"):
            v = c.get(k)
            if v is not None and not isinstance(v, (int, float)):
                problems.append(f"{name}: {cid}: {k} {v!r} is not a number")
        if c.get("computed") is None:
            problems.append(f"{name}: {cid}: computed is missing")
        vs = c.get("verdict")
        if not isinstance(vs, list) or not vs or not set(vs) <= VERDICTS:
            problems.append(f"{name}: {cid}: verdict {vs!r} must be a non-empty list from {sorted(VERDICTS)}")
    spans = []
    broken = set()
    for p in ann.get("planted", []):
        pos = once(p.get("find", ""), f"plant for {p.get('claim')}")
        if p.get("claim") not in ids:
            problems.append(f"{name}: plant refers to unknown claim {p.get('claim')!r}")
        if p.get("claim") in broken:
            problems.append(f"{name}: two plants break claim {p.get('claim')}")
        broken.add(p.get("claim"))
        if p.get("find") == p.get("replace"):
            problems.append(f"{name}: plant for {p.get('claim')} changes nothing")
        if pos is not None:
            spans.append((pos, pos + len(p["find"]), p.get("claim")))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            problems.append(f"{name}: plants for {a[2]} and {b[2]} overlap")
    for d in ann.get("distractors", []):
        once(d.get("excerpt", ""), "distractor excerpt")
    seen = set()
    for e in ann.get("entities", []):
        key = (e.get("surface"), e.get("type"))
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{name}: entity {e!r}: type not in {sorted(ENTITY_TYPES)}")
        if not e.get("surface") or e["surface"] not in text:
            problems.append(f"{name}: entity {e.get('surface')!r} not in the page")
        if key in seen:
            problems.append(f"{name}: entity {key} listed twice")
        seen.add(key)
    for d in ann.get("dates", []):
        if not d.get("surface") or d["surface"] not in text:
            problems.append(f"{name}: date {d.get('surface')!r} not in the page")
        if not ISO.match(str(d.get("iso", ""))):
            problems.append(f"{name}: date {d.get('surface')!r}: iso {d.get('iso')!r}")
        if d.get("iso_end") is not None and not ISO.match(str(d["iso_end"])):
            problems.append(f"{name}: date {d.get('surface')!r}: iso_end {d.get('iso_end')!r}")
        if d.get("granularity") not in GRANULARITIES:
            problems.append(f"{name}: date {d.get('surface')!r}: granularity {d.get('granularity')!r}")
    for s in ann.get("not_dates", []):
        if s not in text:
            problems.append(f"{name}: not_date {s!r} not in the page")
    for q in ann.get("quantities", []):
        if not q.get("surface") or q["surface"] not in text:
            problems.append(f"{name}: quantity {q.get('surface')!r} not in the page")
        if not isinstance(q.get("value"), (int, float)):
            problems.append(f"{name}: quantity {q.get('surface')!r}: value {q.get('value')!r} is not a number")
        if q.get("qualifier") not in QUALIFIERS:
            problems.append(f"{name}: quantity {q.get('surface')!r}: qualifier {q.get('qualifier')!r}")
    counts = {k: len(ann.get(k, [])) for k in MIN_PER_PAGE}
    counts["planted"] = len(ann.get("planted", []))
    for k, n in MIN_PER_PAGE.items():
        if counts[k] < n:
            problems.append(f"{name}: {counts[k]} {k} (at least {n} asked)")
    if not 1 <= counts["planted"] <= 3:
        problems.append(f"{name}: {counts['planted']} planted errors (1–3 asked)")
    return problems, counts


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    bad = 0
    for d in argv:
        pages = sorted(Path(d).glob("*.txt"))
        totals: dict[str, int] = {}
        for txt in pages:
            problems, counts = check_page(txt)
            for p in problems:
                print(p)
            bad += len(problems)
            for k, v in counts.items():
                totals[k] = totals.get(k, 0) + v
        print(f"{d}: {len(pages)} pages; " + ", ".join(f"{v} {k}" for k, v in totals.items()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
