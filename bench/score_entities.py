"""Score newspage's entities against plain jieba.posseg on annotated sentences.

    python bench/score_entities.py [--misses] [--pages]
    python bench/score_entities.py --corpus [FOLDER] [--misses]    # default tests/data/corpus/dev

Reads tests/data/entity_sentences.json (gold [surface, type] per sentence) and prints, per
entity type, precision and recall of

* newspage: ``newspage.entities.find(text)`` (bylines found by pattern, as on a bare string);
* jieba: plain ``jieba.posseg`` (default dictionary, no domain words) with nr/nrfg/nrt -> person,
  ns -> place, nt -> org (jieba has no document or programme tags).

A predicted entity counts as correct when a gold entity of the same sentence has the same
surface and type (multiset match).  ``--misses`` lists each system's errors.

``--corpus FOLDER`` scores a folder of the composed corpus (tests/data/corpus/README.md): entities
(distinct surface + type per page) precision, recall and F1 by type for newspage and plain
jieba.posseg; dates: recall and precision of the resolved surfaces, and of those whose iso and
iso_end are right too; not_dates that a resolved date overlaps; the page's date (an inferred date
is right when its year is), date_source, paper, page number and section.  ``--misses`` lists every
error.  Nothing in it knows a folder's pages: the integrator runs it on the held-out half.

``--pages`` scores whole development pages instead: tests/data/dev_pages/NAME.txt against the mentions
annotated by hand in tests/data/dev_pages/entities/NAME_entities.json (written before the extractor
ever ran on them), newspage through ``read_page(...).entities`` (bylines from the page's credits)
and jieba.posseg on ``page.text``; per type and per page, and for newspage the share of found
people whose role is right (the gold role, or org + role, is one of the annotated readings).
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "entity_sentences.json"
DEV_PAGES = ROOT / "tests" / "data" / "dev_pages"
TYPES = ("person", "org", "place", "document", "programme")
JIEBA_TYPES = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "org"}


def load(path: Path = DATA) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["items"]


def newspage_system(text: str) -> list[tuple[str, str]]:
    from newspage import entities
    return [(e.surface, e.type) for e in entities.find(text)]


_PLAIN = None


def jieba_system(text: str) -> list[tuple[str, str]]:
    global _PLAIN
    if _PLAIN is None:
        import jieba
        import jieba.posseg
        jieba.setLogLevel(logging.WARNING)
        _PLAIN = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    return [(p.word, JIEBA_TYPES[p.flag]) for p in _PLAIN.cut(text) if p.flag in JIEBA_TYPES]


def score(items: list[dict], system) -> dict:
    """Per type: tp, n_pred, n_gold, precision, recall, plus the misses."""
    tp, pred, gold = Counter(), Counter(), Counter()
    false_pos, false_neg = [], []
    for it in items:
        g = Counter((s, t) for s, t in it["entities"])
        p = Counter(system(it["text"]))
        for (s, t), n in p.items():
            pred[t] += n
            hit = min(n, g[(s, t)])
            tp[t] += hit
            if n > hit:
                false_pos.append((s, t, it["text"][:30]))
        for (s, t), n in g.items():
            gold[t] += n
            if n > p[(s, t)]:
                false_neg.append((s, t, it["text"][:30]))
    out = _per_type(tp, pred, gold)
    out["false_positives"] = false_pos
    out["false_negatives"] = false_neg
    return out


def _per_type(tp, pred, gold) -> dict:
    """Counts, precision and recall per type and over all types."""
    out = {}
    for t in TYPES + ("all",):
        a = sum(tp.values()) if t == "all" else tp[t]
        b = sum(pred.values()) if t == "all" else pred[t]
        c = sum(gold.values()) if t == "all" else gold[t]
        out[t] = {"tp": a, "pred": b, "gold": c,
                  "precision": a / b if b else None, "recall": a / c if c else None}
    return out


def _fmt(x):
    return "   -  " if x is None else f"{x:6.3f}"


# ---------------------------------------------------------------------------
# Whole development pages
# ---------------------------------------------------------------------------

def load_pages() -> list[tuple[str, object, list[dict]]]:
    """(name, page, gold mentions) for every annotated development page."""
    import newspage
    out = []
    for path in sorted((DEV_PAGES / "entities").glob("*_entities.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem[:-len("_entities")], newspage.read_page(DEV_PAGES / gold["page"]), gold["entities"]))
    return out


def page_newspage(page) -> list[dict]:
    ent = page.entities
    return [{"surface": s, "type": t, "role": r if isinstance(r, str) else None, "org": o if isinstance(o, str) else None}
            for s, t, r, o in zip(ent["surface"], ent["type"], ent["role"], ent["org"])]


def page_jieba(page) -> list[dict]:
    return [{"surface": s, "type": t} for s, t in jieba_system(page.text)]


def _roles(g: dict) -> list[str]:
    r = g.get("role")
    return [r] if isinstance(r, str) else list(r or [])


def score_pages(pages, system) -> dict:
    """Per type and per page: tp/pred/gold, precision, recall; people's roles; the misses."""
    tp, pred, gold = Counter(), Counter(), Counter()
    per_page = {}
    false_pos, false_neg = [], []
    roles_right = roles_n = 0
    role_errors = []
    for name, page, g in pages:
        found = system(page)
        gc = Counter((x["surface"], x["type"]) for x in g)
        pc = Counter((x["surface"], x["type"]) for x in found)
        hit = gc & pc
        for (s, t), n in pc.items():
            pred[t] += n
            if n > hit[(s, t)]:
                false_pos.append((name, s, t, n - hit[(s, t)]))
        for (s, t), n in gc.items():
            gold[t] += n
            tp[t] += hit[(s, t)]
            if n > hit[(s, t)]:
                false_neg.append((name, s, t, n - hit[(s, t)]))
        a, b, c = sum(hit.values()), sum(pc.values()), sum(gc.values())
        per_page[name] = {"tp": a, "pred": b, "gold": c, "precision": a / b if b else None,
                          "recall": a / c if c else None}
        # roles: pair found and gold people of the same surface in reading order
        found_people = [x for x in found if x["type"] == "person"]
        for x in g:
            if x["type"] != "person":
                continue
            k = next((i for i, y in enumerate(found_people) if y["surface"] == x["surface"]), None)
            if k is None:
                continue
            y = found_people.pop(k)
            roles_n += 1
            ok = y.get("role") in _roles(x) or (y.get("org") or "") + (y.get("role") or "") in _roles(x)
            roles_right += ok
            if not ok:
                role_errors.append((name, x["surface"], y.get("role"), y.get("org"), _roles(x)))
    out = _per_type(tp, pred, gold)
    out["pages"] = per_page
    out["roles"] = {"right": roles_right, "people": roles_n, "errors": role_errors}
    out["false_positives"] = false_pos
    out["false_negatives"] = false_neg
    return out


def report_pages(argv: list[str]) -> None:
    pages = load_pages()
    results = {"newspage": score_pages(pages, page_newspage), "jieba": score_pages(pages, page_jieba)}
    n_gold = sum(len(g) for _, _, g in pages)
    print(f"{len(pages)} development pages, {sum(len(p.text) for _, p, _ in pages)} characters, {n_gold} gold mentions")
    print(f"{'type':10} {'gold':>5} | {'newspage P':>10} {'R':>6} | {'jieba P':>8} {'R':>6}")
    for t in TYPES + ("all",):
        a, b = results["newspage"][t], results["jieba"][t]
        print(f"{t:10} {a['gold']:5d} | {_fmt(a['precision']):>10} {_fmt(a['recall'])} | "
              f"{_fmt(b['precision']):>8} {_fmt(b['recall'])}")
    print(f"{'page':22} {'gold':>5} | {'newspage P':>10} {'R':>6} | {'jieba P':>8} {'R':>6}")
    for name in results["newspage"]["pages"]:
        a, b = results["newspage"]["pages"][name], results["jieba"]["pages"][name]
        print(f"{name:22} {a['gold']:5d} | {_fmt(a['precision']):>10} {_fmt(a['recall'])} | "
              f"{_fmt(b['precision']):>8} {_fmt(b['recall'])}")
    r = results["newspage"]["roles"]
    print(f"newspage roles right: {r['right']}/{r['people']} of the people found")
    if "--misses" in argv:
        for name in results:
            print(f"\n== {name} false positives (page, surface, type, count)")
            for fp in results[name]["false_positives"]:
                print("  ", *fp)
            print(f"== {name} false negatives")
            for fn in results[name]["false_negatives"]:
                print("  ", *fn)
        print("\n== newspage role errors (page, name, role, org, expected)")
        for e in results["newspage"]["roles"]["errors"]:
            print("  ", *e)


# ---------------------------------------------------------------------------
# A corpus folder (tests/data/corpus/README.md): entities, dates, not_dates, page metadata
# ---------------------------------------------------------------------------

def load_corpus(folder: Path) -> list[tuple[str, object, dict]]:
    """(name, page, gold) for every NN_slug.txt + NN_slug.json of ``folder``."""
    import newspage
    out = []
    for js in sorted(Path(folder).glob("*.json")):
        txt = js.with_suffix(".txt")
        if not txt.is_file():
            continue
        out.append((js.stem, newspage.read_page(txt), json.loads(js.read_text(encoding="utf-8"))))
    return out


def _prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else None
    r = tp / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"tp": tp, "pred": pred, "gold": gold, "precision": p, "recall": r, "f1": f}


def corpus_entities(pages, system) -> dict:
    """Distinct (surface, type) per page against the gold list, per type and over all."""
    tp, pred, gold = Counter(), Counter(), Counter()
    fps, fns = [], []
    for name, page, g in pages:
        gs = {(x["surface"], x["type"]) for x in g["entities"]}
        ps = {(s, t) for s, t in system(page) if t in TYPES}
        for s, t in ps:
            pred[t] += 1
            if (s, t) in gs:
                tp[t] += 1
            else:
                fps.append((name, s, t))
        for s, t in gs:
            gold[t] += 1
            if (s, t) not in ps:
                fns.append((name, s, t))
    out = {t: _prf(tp[t], pred[t], gold[t]) for t in TYPES}
    out["all"] = _prf(sum(tp.values()), sum(pred.values()), sum(gold.values()))
    out["false_positives"], out["false_negatives"] = fps, fns
    return out


def _iso(x) -> str:
    return "" if x is None or (isinstance(x, float) and x != x) or x is getattr(__import__("pandas"), "NA") else str(x)


def _same_date(found: tuple[str, str, str], gold: tuple[str, str], page_date: str | None) -> bool:
    """Whether a found (iso, iso_end, qualifier) says the gold (iso, iso_end).  Besides equality, the
    library's way of writing a part of a month or year counts as the writer's day or span (the
    corpus writers differ among themselves here): 6月底 as 2025-06 + end for 2025-06-30; 年底 as
    2025 + end for 2025-12-31; 年初 as 2025 + start for 2025-01; 5月中旬 as 2024-05 + mid (early, late)
    for 2024-05-11…2024-05-20; 2023年以来 as 2023 + since for 2023-01-01…the page date."""
    import calendar
    iso, end, qual = found
    g_iso, g_end = gold
    if (iso, end) == (g_iso, g_end):
        return True
    if end:
        return False
    if len(iso) == 7 and qual == "end" and not g_end and len(g_iso) == 10:
        y, m = int(iso[:4]), int(iso[5:7])
        return g_iso == f"{iso}-{calendar.monthrange(y, m)[1]:02d}"
    if len(iso) == 4 and qual == "end" and not g_end:
        return g_iso == f"{iso}-12-31"
    if len(iso) == 4 and qual == "start" and not g_end:
        return g_iso in (f"{iso}-01", f"{iso}-01-01")
    if len(iso) == 7 and qual in ("early", "mid", "late") and g_end:
        y, m = int(iso[:4]), int(iso[5:7])
        a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, calendar.monthrange(y, m)[1])}[qual]
        return (g_iso, g_end) == (f"{iso}-{a:02d}", f"{iso}-{b:02d}")
    if len(iso) == 4 and qual == "since" and g_end:
        return g_iso in (iso, f"{iso}-01", f"{iso}-01-01") and g_end == page_date
    return False


def corpus_dates(pages) -> dict:
    """Dates: recall and precision of resolved surfaces (distinct per page), and of surfaces whose
    iso and iso_end are right too; not_dates that a resolved date overlaps (violated)."""
    g_n = p_n = surf_tp = val_tp = 0
    nd_n = nd_bad = 0
    misses, wrong, extra, violated = [], [], [], []
    for name, page, g in pages:
        df = page.dates
        found: dict[str, tuple[str, str, str]] = {}
        spans = []
        for s, e, surf, iso, iso_end, q in zip(df["start"], df["end"], df["surface"], df["iso"], df["iso_end"],
                                               df["qualifier"]):
            if _iso(iso):
                found.setdefault(str(surf), (_iso(iso), _iso(iso_end), _iso(q)))
                spans.append((int(s), int(e), str(surf)))
        gold = {x["surface"]: (_iso(x["iso"]), _iso(x.get("iso_end"))) for x in g["dates"]}
        g_n += len(gold)
        p_n += len(found)
        for surf, val in gold.items():
            if surf not in found:
                misses.append((name, surf, val))
                continue
            surf_tp += 1
            if _same_date(found[surf], val, g["page"].get("date")):
                val_tp += 1
            else:
                wrong.append((name, surf, found[surf], val))
        extra += [(name, s, v) for s, v in found.items() if s not in gold]
        for nd in g.get("not_dates", []):
            nd_n += 1
            occ = [m.start() for m in re.finditer(re.escape(nd), page.text)]
            hit = [surf for s, e, surf in spans for o in occ if s < o + len(nd) and o < e]
            if hit:
                nd_bad += 1
                violated.append((name, nd, hit[0]))
    return {"gold": g_n, "pred": p_n, "surface_recall": surf_tp / g_n if g_n else None,
            "surface_precision": surf_tp / p_n if p_n else None,
            "value_recall": val_tp / g_n if g_n else None, "value_precision": val_tp / p_n if p_n else None,
            "not_dates": nd_n, "not_dates_violated": nd_bad,
            "misses": misses, "wrong": wrong, "extra": extra, "violated": violated}


def corpus_pages(pages) -> dict:
    """Page metadata right: date (an inferred date counts when its year is right, as the corpus
    README says), date_source, paper, page_number, section."""
    rows = []
    for name, page, g in pages:
        exp = g["page"]
        got = page.pages.iloc[0]
        val = lambda k: None if __import__("pandas").isna(got[k]) else got[k]  # noqa: E731
        d = val("date")
        if exp.get("date_source") == "inferred":
            date_ok = d is not None and d[:4] == exp["date"][:4]
        else:
            date_ok = d == exp["date"]
        rows.append({"page": name, "date": date_ok, "date_source": val("date_source") == exp.get("date_source"),
                     "paper": val("paper") == exp.get("paper"),
                     "page_number": (None if val("page_number") is None else int(val("page_number"))) == exp.get("page_number"),
                     "section": val("section") == exp.get("section"),
                     "got": (d, val("date_source"), val("paper"), val("page_number"), val("section")),
                     "expected": (exp.get("date"), exp.get("date_source"), exp.get("paper"), exp.get("page_number"),
                                  exp.get("section"))})
    return {"rows": rows, **{k: sum(r[k] for r in rows) for k in ("date", "date_source", "paper", "page_number", "section")},
            "n": len(rows)}


def report_corpus(folder: Path, argv: list[str]) -> None:
    pages = load_corpus(folder)
    if not pages:
        raise SystemExit(f"{folder}: no NN_slug.txt + NN_slug.json pages")
    ours = corpus_entities(pages, lambda p: [(s, t) for s, t in zip(p.entities["surface"], p.entities["type"])])
    theirs = corpus_entities(pages, lambda p: jieba_system(p.text))
    print(f"{folder}: {len(pages)} pages, {sum(len(p.text) for _, p, _ in pages)} characters, "
          f"{sum(len(g['entities']) for _, _, g in pages)} distinct entities, {sum(len(g['dates']) for _, _, g in pages)} dates")
    print(f"\nentities (distinct surface+type per page)\n{'type':10} {'gold':>5} | {'newspage P':>10} {'R':>6} {'F1':>6} | "
          f"{'jieba P':>8} {'R':>6} {'F1':>6}")
    for t in TYPES + ("all",):
        a, b = ours[t], theirs[t]
        print(f"{t:10} {a['gold']:5d} | {_fmt(a['precision']):>10} {_fmt(a['recall'])} {_fmt(a['f1'])} | "
              f"{_fmt(b['precision']):>8} {_fmt(b['recall'])} {_fmt(b['f1'])}")
    d = corpus_dates(pages)
    print(f"\ndates ({d['gold']} gold, {d['pred']} resolved by newspage)")
    print(f"  surface  recall {_fmt(d['surface_recall'])}  precision {_fmt(d['surface_precision'])}")
    print(f"  iso+end  recall {_fmt(d['value_recall'])}  precision {_fmt(d['value_precision'])}")
    print(f"  not_dates violated {d['not_dates_violated']}/{d['not_dates']}")
    pg = corpus_pages(pages)
    print(f"\npage metadata right: date {pg['date']}/{pg['n']}, date_source {pg['date_source']}/{pg['n']}, "
          f"paper {pg['paper']}/{pg['n']}, page_number {pg['page_number']}/{pg['n']}, section {pg['section']}/{pg['n']}")
    for r in pg["rows"]:
        flag = "" if all(r[k] for k in ("date", "date_source", "paper", "page_number")) else "   <-- " + str(r["expected"])
        print(f"  {r['page'][:30]:30} {r['got']}{flag}")
    if "--misses" in argv:
        for label, res in (("newspage", ours), ("jieba", theirs)):
            print(f"\n== {label} entity false positives (page, surface, type)")
            for x in sorted(res["false_positives"]):
                print("  ", *x)
            print(f"== {label} entity false negatives")
            for x in sorted(res["false_negatives"]):
                print("  ", *x)
        print("\n== dates missed (page, surface, gold iso/iso_end)")
        for x in d["misses"]:
            print("  ", *x)
        print("== dates with a wrong value (page, surface, found, gold)")
        for x in d["wrong"]:
            print("  ", *x)
        print("== dates not in the gold list (page, surface, found)")
        for x in d["extra"]:
            print("  ", *x)
        print("== not_dates violated (page, not_date, date surface)")
        for x in d["violated"]:
            print("  ", *x)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "lib"))
    if "--corpus" in argv:
        k = argv.index("--corpus")
        folder = Path(argv[k + 1]) if k + 1 < len(argv) and not argv[k + 1].startswith("--") \
            else ROOT / "tests" / "data" / "corpus" / "dev"
        report_corpus(folder, argv)
        return 0
    if "--pages" in argv:
        report_pages(argv)
        return 0
    all_items = load()
    for origin in ("dev", "heldout"):
        items = [it for it in all_items if (it["origin"] == "heldout") == (origin == "heldout")]
        print(f"\n### {origin}: " + ("seed and composed sentences used while developing"
                                     if origin == "dev" else "sentences written after tuning, scored as they came"))
        report(items, argv)
    return 0


def report(items: list[dict], argv: list[str]) -> None:
    results = {}
    for name, system in (("newspage", newspage_system), ("jieba", jieba_system)):
        system(items[0]["text"])  # warm up (dictionary loading is not what we time)
        t0 = time.perf_counter()
        results[name] = score(items, system)
        results[name]["seconds"] = time.perf_counter() - t0
    n_chars = sum(len(it["text"]) for it in items)
    print(f"{len(items)} annotated sentences, {n_chars} characters, "
          f"{sum(len(it['entities']) for it in items)} gold entities")
    print(f"{'type':10} {'gold':>5} | {'newspage P':>10} {'R':>6} | {'jieba P':>8} {'R':>6}")
    for t in TYPES + ("all",):
        a, b = results["newspage"][t], results["jieba"][t]
        print(f"{t:10} {a['gold']:5d} | {_fmt(a['precision']):>10} {_fmt(a['recall'])} | "
              f"{_fmt(b['precision']):>8} {_fmt(b['recall'])}")
    for name in results:
        print(f"{name}: {results[name]['seconds'] * 1000:.1f} ms for the set "
              f"({n_chars / results[name]['seconds'] / 1000:.0f}k chars/s)")
    if "--misses" in argv:
        for name in results:
            print(f"\n== {name} false positives")
            for fp in results[name]["false_positives"]:
                print("  ", *fp)
            print(f"== {name} false negatives")
            for fn in results[name]["false_negatives"]:
                print("  ", *fn)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
