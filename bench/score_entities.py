"""Score newspage's entities against plain jieba.posseg on annotated sentences.

    python bench/score_entities.py [--misses] [--pages]

Reads tests/data/entity_sentences.json (gold [surface, type] per sentence) and prints, per
entity type, precision and recall of

* newspage: ``newspage.entities.find(text)`` (bylines found by pattern, as on a bare string);
* jieba: plain ``jieba.posseg`` (default dictionary, no domain words) with nr/nrfg/nrt -> person,
  ns -> place, nt -> org (jieba has no document or programme tags).

A predicted entity counts as correct when a gold entity of the same sentence has the same
surface and type (multiset match).  ``--misses`` lists each system's errors.

``--pages`` scores whole development pages instead: tests/data/dev_pages/NAME.txt against the mentions
annotated by hand in tests/data/dev_pages/entities/NAME_entities.json (written before the extractor
ever ran on them), newspage through ``read_page(...).entities`` (bylines from the page's credits)
and jieba.posseg on ``page.text``; per type and per page, and for newspage the share of found
people whose role is right (the gold role, or org + role, is one of the annotated readings).
"""
from __future__ import annotations

import json
import logging
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


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "lib"))
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
