"""The held-out half of the composed corpus (tests/data/corpus/heldout): its first-run figures as floors.

The twelve pages were written by two writers who neither read ``lib/`` nor ran newspage, committed
before any run (commit 764c7c7), then run once; that run's figures are in FIRST_RUN.md there and are
the floors below, copied from it, not from a later run.  The library was fixed against what that run
found afterwards, so the half is spent: these floors only keep the library from falling below what it
did on text it had never seen.  ``tests/data/corpus/heldout2`` is the fresh set for the figure after
those fixes.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "corpus" / "heldout"

pytestmark = pytest.mark.skipif(not any(HELDOUT.glob("*.json")), reason="no held-out corpus")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def claims():
    return _load("score_claims").score_folder(HELDOUT)


@pytest.fixture(scope="module")
def ent_bench():
    return _load("score_entities")


@pytest.fixture(scope="module")
def pages(ent_bench):
    return ent_bench.load_corpus(HELDOUT)


def test_the_half_is_the_one_that_was_run(pages):
    assert len(pages) == 12
    assert sum(len(g["entities"]) for _, _, g in pages) == 610
    assert sum(len(g["dates"]) for _, _, g in pages) == 237


def test_claims_first_run_floors(claims):
    _, t = claims
    assert (t["required"], t["planted"]) == (322, 36)
    assert t["found"] >= 224
    assert t["right"] >= 209
    assert t["caught"] >= 21 and t["caught_sure"] == t["caught"]


@pytest.mark.parametrize("etype,p_floor,r_floor", [
    ("person", 0.935, 0.787),
    ("org", 0.852, 0.722),
    ("place", 0.839, 0.715),
    ("document", 0.875, 0.875),
    ("programme", 0.792, 0.613),
    ("all", 0.866, 0.733),
])
def test_entity_first_run_floors(ent_bench, pages, etype, p_floor, r_floor):
    ents = ent_bench.corpus_entities(pages, lambda p: list(zip(p.entities["surface"], p.entities["type"])))
    # FIRST_RUN.md prints three decimals: compare at that precision
    assert round(ents[etype]["precision"], 3) >= p_floor, ents[etype]
    assert round(ents[etype]["recall"], 3) >= r_floor, ents[etype]


def test_date_first_run_floors(ent_bench, pages):
    d = ent_bench.corpus_dates(pages)
    r3 = {k: round(v, 3) for k, v in d.items() if isinstance(v, float)}
    assert r3["surface_recall"] >= 0.848 and r3["surface_precision"] >= 0.882, d
    assert r3["value_recall"] >= 0.722 and r3["value_precision"] >= 0.750, d
    assert d["not_dates_violated"] <= 2, d["violated"]
    pg = ent_bench.corpus_pages(pages)
    assert pg["date"] >= 11 and (pg["date_source"], pg["paper"], pg["page_number"]) == (12, 12, 12)


def test_quantities_first_run_floor(pages):
    sq = _load("score_quantities")
    found = gold = right = rows = 0
    for _, page, meta in pages:
        r = sq.score_page(page, meta)
        found += len(r["found"])
        gold += len(r["found"]) + len(r["missed"])
        right += r["right"]
        rows += r["right"] + len(r["wrong"])
    p, rc, f = sq.prf(found, gold, right, rows)
    assert gold == 147
    assert round(f, 3) >= 0.898, (p, rc, f)
