"""Claims on the development half of the composed corpus (tests/data/corpus/dev): floors and --strict.

The pages and their annotations were written by hand by the corpus writers (README.md there), never
from the library's output; bench/score_claims.py matches the library's rows against them (relation
-> claim kind, excerpt overlap, stated figure) and counts what a reader cares about.  The floors
below are the figures reached on this half (commit history of claims.py); they may only go up.
Zero false alarms on correct pages is the bar: no inconsistent claim on any correct page and none
on a distractor, and ``newspage check --strict`` exits 0 on every correct page.

The held-out half is never read here.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "corpus" / "dev"

pytestmark = pytest.mark.skipif(not any(DEV.glob("*.json")), reason="no dev corpus")


@pytest.fixture(scope="module")
def scored():
    spec = importlib.util.spec_from_file_location("score_claims", ROOT / "bench" / "score_claims.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score_claims"] = mod
    spec.loader.exec_module(mod)
    return mod.score_folder(DEV)


def test_no_false_alarm_and_no_distractor_called_inconsistent(scored):
    results, total = scored
    assert [(r["page"], a[:4]) for r in results for a in r["alarms"]] == []
    assert [(r["page"], v) for r in results for v in r["violations"]] == []


def test_floors_of_the_dev_half(scored):
    _, t = scored
    assert t["required"] == 334 and t["planted"] == 36
    assert t["found"] >= 261
    assert t["right"] >= 256
    assert t["caught"] >= 26 and t["caught_sure"] == t["caught"]


def test_check_strict_passes_every_correct_dev_page(capsys):
    from newspage import cli
    pages = sorted(str(p) for p in DEV.glob("*.txt"))
    assert len(pages) == 12
    assert cli.main(["check", "--strict", *pages]) == 0
    out = capsys.readouterr().out
    assert out.count(": 0 inconsistent claim(s)") == 12
