"""The held-out sets of the composed corpus: their first-run figures as floors.

``tests/data/corpus/heldout`` … ``heldout5`` were each written by two writers who neither read ``lib/`` nor
ran newspage, committed before any run (commits 764c7c7, 957652a, 1d0bd25, 54643f0, efab03f), then run once; that
run's figures are in each set's FIRST_RUN.md (raw output in ``first_run/``) and are the floors below,
copied from it, not from a later run.  The library was fixed against what the first set's run found
before the second set was run, and against the second set's false alarms after its run; the third set
was run after both, and fixed on after its run; the fourth was run after that, and its five false alarms
were fixed on it after its run (development on a spent set), so it is in ``ALARMS_FIXED`` too; the fifth
was run after those fixes, and its five false alarms and four distractor violations were fixed on it after
its run, so it is in ``ALARMS_FIXED`` as well.  All five are spent now, so these floors only keep the library from falling below what it did on text it had never
seen.  The zero-false-alarm bar is held on the sets whose alarms were all fixed afterwards (``ALARMS_FIXED``: no false alarm, no distractor called
inconsistent, ``newspage check --strict`` passing on every correct page).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"

# FIRST_RUN.md of each set, three decimals as printed there
FIRST_RUN = {
    "heldout": {
        "size": (12, 322, 36, 610, 237),
        "claims": {"found": 224, "right": 209, "caught": 21},
        "entities": {"person": (0.935, 0.787), "org": (0.852, 0.722), "place": (0.839, 0.715),
                     "document": (0.875, 0.875), "programme": (0.792, 0.613), "all": (0.866, 0.733)},
        "dates": {"surface_recall": 0.848, "surface_precision": 0.882, "value_recall": 0.722,
                  "value_precision": 0.750, "not_dates_violated": 2, "page_date": 11},
        "quantities": (147, 0.898),
    },
    "heldout2": {
        "size": (12, 369, 36, 662, 280),
        "claims": {"found": 237, "right": 226, "caught": 19},
        "entities": {"person": (0.946, 0.762), "org": (0.813, 0.711), "place": (0.865, 0.628),
                     "document": (1.000, 0.562), "programme": (0.379, 0.355), "all": (0.846, 0.666)},
        "dates": {"surface_recall": 0.829, "surface_precision": 0.903, "value_recall": 0.786,
                  "value_precision": 0.856, "not_dates_violated": 1, "page_date": 12},
        "quantities": (151, 0.931),
    },
    "heldout3": {
        "size": (12, 413, 36, 723, 254),
        "claims": {"found": 262, "right": 252, "caught": 23},
        "entities": {"person": (0.941, 0.914), "org": (0.892, 0.773), "place": (0.812, 0.736),
                     "document": (1.000, 0.733), "programme": (0.580, 0.547), "all": (0.850, 0.775)},
        # surface_precision: 0.881 at the first run; its floor is 0.860 since the fixes made on this set
        # (entsfix3): 去年同期/上年同期 are now dates, which the first two sets' writers mark and this set's
        # writers do not, and its two undated pages got their dates, so all their dates resolve (surface
        # recall 0.760 -> 0.917, value precision 0.772 -> 0.779)
        "dates": {"surface_recall": 0.760, "surface_precision": 0.860, "value_recall": 0.665,
                  "value_precision": 0.772, "not_dates_violated": 0, "page_date": 10, "date_source": 10},
        "quantities": (144, 0.979),
    },
    "heldout4": {
        "size": (12, 358, 36, 535, 235),
        "claims": {"found": 206, "right": 195, "caught": 19},
        "entities": {"person": (0.947, 0.869), "org": (0.875, 0.734), "place": (0.862, 0.764),
                     "document": (1.000, 0.818), "programme": (0.269, 0.438), "all": (0.859, 0.776)},
        "dates": {"surface_recall": 0.915, "surface_precision": 0.885, "value_recall": 0.745,
                  "value_precision": 0.720, "not_dates_violated": 1, "page_date": 11, "date_source": 12},
        "quantities": (116, 0.969),
    },
    "heldout5": {
        "size": (12, 294, 36, 568, 212),
        "claims": {"found": 191, "right": 186, "caught": 21},
        "entities": {"person": (0.964, 0.847), "org": (0.804, 0.757), "place": (0.867, 0.730),
                     "document": (1.000, 0.800), "programme": (0.533, 0.500), "all": (0.868, 0.764)},
        "dates": {"surface_recall": 0.821, "surface_precision": 0.921, "value_recall": 0.722,
                  "value_precision": 0.810, "not_dates_violated": 2, "page_date": 10, "date_source": 10},
        "quantities": (117, 0.978),
    },
}
# the sets whose first-run false alarms were all fixed afterwards (development on a spent set): on them
# the zero-false-alarm bar is held as well
ALARMS_FIXED = {"heldout", "heldout2", "heldout3", "heldout4", "heldout5"}
SETS = [s for s in FIRST_RUN if any((CORPUS / s).glob("*.json"))]

pytestmark = pytest.mark.skipif(not SETS, reason="no held-out set in this checkout")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def ent_bench():
    return _load("score_entities")


_pages: dict = {}


def pages_of(ent_bench, name):
    if name not in _pages:
        _pages[name] = ent_bench.load_corpus(CORPUS / name)
    return _pages[name]


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_the_one_that_was_run(ent_bench, name):
    pages = pages_of(ent_bench, name)
    n, claims, planted, ents, dates = FIRST_RUN[name]["size"]
    assert len(pages) == n
    assert sum(len(g["claims"]) for _, _, g in pages) == claims
    assert sum(len(g["planted"]) for _, _, g in pages) == planted
    assert sum(len(g["entities"]) for _, _, g in pages) == ents
    assert sum(len(g["dates"]) for _, _, g in pages) == dates


@pytest.mark.parametrize("name", SETS)
def test_claims_first_run_floors(name):
    _, t = _load("score_claims").score_folder(CORPUS / name)
    floor = FIRST_RUN[name]["claims"]
    assert t["found"] >= floor["found"], t
    assert t["right"] >= floor["right"], t
    assert t["caught"] >= floor["caught"] and t["caught_sure"] == t["caught"], t
    if name in ALARMS_FIXED:
        # fixed on after its first run: no false alarm, no distractor called inconsistent
        assert t["false_alarms"] == 0 and t["distractor_violations"] == 0, t


def test_check_strict_passes_every_correct_page_of_the_sets_fixed_on(capsys):
    from newspage import cli
    fixed = [s for s in SETS if s in ALARMS_FIXED]
    pages = sorted(str(p) for s in fixed for p in (CORPUS / s).glob("*.txt"))
    assert cli.main(["check", "--strict", *pages]) == 0
    assert capsys.readouterr().out.count(": 0 inconsistent claim(s)") == 12 * len(fixed)


@pytest.mark.parametrize("name", SETS)
def test_entity_and_date_first_run_floors(ent_bench, name):
    pages = pages_of(ent_bench, name)
    ents = ent_bench.corpus_entities(pages, lambda p: list(zip(p.entities["surface"], p.entities["type"])))
    for etype, (p_floor, r_floor) in FIRST_RUN[name]["entities"].items():
        assert round(ents[etype]["precision"], 3) >= p_floor, (etype, ents[etype])
        assert round(ents[etype]["recall"], 3) >= r_floor, (etype, ents[etype])
    d = ent_bench.corpus_dates(pages)
    floor = FIRST_RUN[name]["dates"]
    for k in ("surface_recall", "surface_precision", "value_recall", "value_precision"):
        assert round(d[k], 3) >= floor[k], (k, d)
    assert d["not_dates_violated"] <= floor["not_dates_violated"], d["violated"]
    pg = ent_bench.corpus_pages(pages)
    assert pg["date"] >= floor["page_date"], pg["rows"]
    assert pg["date_source"] >= floor.get("date_source", 12), pg["rows"]


@pytest.mark.parametrize("name", SETS)
def test_quantities_first_run_floor(ent_bench, name):
    sq = _load("score_quantities")
    found = gold = right = rows = 0
    for _, page, meta in pages_of(ent_bench, name):
        r = sq.score_page(page, meta)
        found += len(r["found"])
        gold += len(r["found"]) + len(r["missed"])
        right += r["right"]
        rows += r["right"] + len(r["wrong"])
    p, rc, f = sq.prf(found, gold, right, rows)
    n_gold, f_floor = FIRST_RUN[name]["quantities"]
    assert gold == n_gold
    assert round(f, 3) >= f_floor, (p, rc, f)
