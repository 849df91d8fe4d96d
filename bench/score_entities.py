"""Score newspage's entities against plain jieba.posseg on annotated sentences.

    python bench/score_entities.py [--misses]

Reads tests/data/entity_sentences.json (gold [surface, type] per sentence) and prints, per
entity type, precision and recall of

* newspage: ``newspage.entities.find(text)`` (bylines found by pattern, as on a bare string);
* jieba: plain ``jieba.posseg`` (default dictionary, no domain words) with nr/nrfg/nrt -> person,
  ns -> place, nt -> org (jieba has no document or programme tags).

A predicted entity counts as correct when a gold entity of the same sentence has the same
surface and type (multiset match).  ``--misses`` lists each system's errors.
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
    out = {}
    for t in TYPES + ("all",):
        a = sum(tp.values()) if t == "all" else tp[t]
        b = sum(pred.values()) if t == "all" else pred[t]
        c = sum(gold.values()) if t == "all" else gold[t]
        out[t] = {"tp": a, "pred": b, "gold": c,
                  "precision": a / b if b else None, "recall": a / c if c else None}
    out["false_positives"] = false_pos
    out["false_negatives"] = false_neg
    return out


def _fmt(x):
    return "   -  " if x is None else f"{x:6.3f}"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "lib"))
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
