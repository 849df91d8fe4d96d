"""The notebooks: committed clean, all executed through the runner, figures and tables written,
values taken from the tables; overview and fact-check also on a second, composed page."""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import newspage
from newspage import build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
EXPECTED = ["00-page-overview", "01-zombie-enterprise-revival", "02-rural-health-measures", "03-forestry-powers",
            "04-hutubi-farm-machinery-subsidy", "05-industry-associations", "06-tbea-photo-caption",
            "07-remote-bid-evaluation", "08-fact-check", "09-corpus-archive"]
ANY_PAGE = ["00-page-overview", "08-fact-check"]

# A second page, composed for the tests: two stories, a rate, a share, an average, and markup that
# must stay text everywhere it is shown.
from conftest import COMPOSED, snap  # noqa: E402


def run_build(out: Path, **kw) -> tuple[int, str]:
    log = io.StringIO()
    rc = build.main(ROOT, out=out, stream=log, **kw)
    return rc, log.getvalue()


@pytest.fixture(scope="session")
def seed_site(seed_build):
    """All notebooks on the seed page, both editions, built once per session (conftest.seed_build,
    which tests/test_site.py shares)."""
    return seed_build


@pytest.fixture(scope="session")
def composed_site(composed_build):
    """Every notebook asked to run on a second page (conftest.composed_build): only the two any-page
    ones do, into site/pages/composed_page/ (the returned ``out``), in both languages."""
    out, page, rc, log, _ = composed_build
    return out / "site" / "pages" / "composed_page", rc, log, page


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def saved_pngs(out: Path, name: str) -> dict[str, bytes]:
    """The PNG figures notebook ``name`` saved in its last run (from the runner's manifest)."""
    manifest = json.loads((out / ".build-cache" / f"{name}.json").read_text("utf-8"))
    return {rel: (out / rel).read_bytes() for rel in manifest["outputs"]
            if rel.startswith("figures/") and rel.endswith(".png")}


def png_outputs(nb: dict) -> list[bytes]:
    return [base64.b64decode("".join(o["data"]["image/png"]) if isinstance(o["data"]["image/png"], list)
                             else o["data"]["image/png"])
            for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]


# ---------------------------------------------------------------------------
# committed notebooks
# ---------------------------------------------------------------------------

def test_the_collection_is_complete_and_catalogued():
    assert NAMES == EXPECTED
    with open(ROOT / "notebooks" / "notebooks.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [Path(r["file"]).stem for r in rows] == EXPECTED
    for r in rows:
        assert r["title"].strip()
        assert r["finding_tag"] == "finding"
        assert r["figure"].startswith(r["file"][:3]), "a notebook's figures carry its number"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_committed_clean(path):
    nb = json.loads(path.read_text("utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), "the first code cell holds the parameters"
    assert sum("parameters" in c["metadata"].get("tags", []) for c in nb["cells"]) == 1
    assert sum("finding" in c["metadata"].get("tags", []) for c in nb["cells"]) == 1
    for c in code:
        assert c["outputs"] == [] and c["execution_count"] is None, "committed without outputs"
        src = "".join(c["source"])
        assert "../data" not in src and "../figures" not in src
        assert "injected-parameters" not in c["metadata"].get("tags", [])
    params = "".join(code[0]["source"])
    for name in ("page_path", "figures_dir", "data_dir"):
        assert f"{name} = " in params
    ids = [c["id"] for c in nb["cells"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_prose_is_written_in_both_languages(path):
    """A `lang` parameter; every Markdown cell in one language, tagged lang-zh or lang-en, and as
    many in each (the site shows the edition's); generated prose comes from nb.say(zh=, en=)."""
    nb = json.loads(path.read_text("utf-8"))
    params = "".join(next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))["source"])
    assert 'lang = "zh"' in params
    langs = []
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            tags = [t for t in c["metadata"].get("tags", []) if t.startswith("lang-")]
            assert len(tags) == 1, "".join(c["source"])[:60]
            langs.append(tags[0])
    assert langs.count("lang-zh") == langs.count("lang-en") > 0


# ---------------------------------------------------------------------------
# executed on the seed page
# ---------------------------------------------------------------------------

def test_every_notebook_executes_and_writes_its_outputs(seed_site):
    out, rc, log = seed_site
    assert rc == 0, log
    assert "FAILED" not in log
    with open(ROOT / "notebooks" / "notebooks.csv", encoding="utf-8", newline="") as fh:
        figures = {Path(r["file"]).stem: r["figure"] for r in csv.DictReader(fh)}
    for name in EXPECTED:
        html = out / "site" / f"{name}.html"
        assert html.is_file() and html.stat().st_size > 5000
        executed = json.loads((out / ".build-cache" / f"{name}.ipynb").read_text("utf-8"))
        code = [c for c in executed["cells"] if c["cell_type"] == "code"]
        assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
        assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
        stderr = ["".join(o["text"]) for c in code for o in c["outputs"] if o.get("name") == "stderr"]
        # a FigureWarning is the figure test's business (test_saved_figures_are_publishable)
        assert not [t for t in stderr if "FigureWarning" not in t], f"{name} wrote to stderr"
        injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
        assert len(injected) == 1 and ".build-cache" in "".join(injected[0]["source"])  # ran in staging
        for ext in ("png", "svg", "csv"):
            assert (out / "figures" / f"{figures[name]}.{ext}").is_file(), (name, ext)
        assert read_csv(out / "figures" / f"{figures[name]}.csv").shape[0] > 0
        tables = sorted((out / "data" / name).glob("*.csv"))
        assert tables, f"{name} wrote no table"
        assert not list((out / "figures").glob("*.tmp")) and not list((out / "site").glob("*.tmp"))
    assert not (out / ".build-cache" / "stage").exists() or not any((out / ".build-cache" / "stage").iterdir())
    # the HTML shows the final folders, not the staging ones
    assert ".build-cache" not in (out / "site" / "03-forestry-powers.html").read_text("utf-8")


@pytest.mark.parametrize("name", EXPECTED)
def test_every_saved_figure_is_displayed_in_the_executed_notebook(seed_site, name):
    out, rc, log = seed_site
    assert rc == 0, log
    saved = saved_pngs(out, name)
    assert saved, f"{name} saved no figure"
    executed = json.loads((out / ".build-cache" / f"{name}.ipynb").read_text("utf-8"))
    shown = png_outputs(executed)
    digest = lambda b: hashlib.sha256(b).hexdigest()  # noqa: E731
    # each saved figure is shown once, as the very bytes that were written
    assert sorted(map(digest, shown)) == sorted(map(digest, saved.values())), sorted(saved)


@pytest.mark.parametrize("name", EXPECTED)
def test_saved_figures_are_publishable(seed_site, name):
    """Every saved figure: no text clipped or overlapping, a title with the finding, value axes
    labelled with their unit (newspage.plotting.figure_problems, recorded in the PNG by save)."""
    from newspage import plotting

    out, rc, log = seed_site
    problems = {rel: plotting.read_description(png).get("problems", ["no description recorded"])
                for rel, png in saved_pngs(out, name).items()}
    assert {rel: p for rel, p in problems.items() if p} == {}


def test_revival_measures_come_from_the_tables(seed_site):
    out, _, _ = seed_site
    m = read_csv(out / "data" / "01-zombie-enterprise-revival" / "measures.csv")
    assert m["total"].tolist() == [33, 68, 587000, 2326.33]
    assert m["revived"].tolist() == [23, 40, 417000, 1415.56]
    assert m["unit"].tolist() == ["家", "栋", "平方米", "亩"]
    assert m["verdict"].tolist() == ["rounding", "rounding", "derived", "consistent"]
    assert [round(x, 2) for x in m["computed_rate"]] == [69.70, 58.82, 71.04, 60.85]
    assert m["remaining"].round(2).tolist() == [10, 28, 170000, 910.77]
    assert m["stated_remaining"].tolist()[2:] == [170000, 910.77]  # the two 剩余 figures agree
    modes = read_csv(out / "data" / "01-zombie-enterprise-revival" / "modes.csv")
    assert modes["mode"].tolist() == ["同业式", "链接式", "帮扶式", "收储式", "依法式"]
    bars = read_csv(out / "figures" / "01-daily-vs-annual.csv")
    assert bars["tonnes"].tolist() == [50000, 219000, 250000]


def test_story_figures_match_the_page(seed_site):
    out, _, _ = seed_site
    d = out / "data"
    powers = read_csv(d / "03-forestry-powers" / "powers_by_type.csv")
    assert len(powers) == 8 and powers["n"].sum() == 121
    assert (powers["type"].iloc[0], powers["n"].iloc[0]) == ("行政处罚", 72)
    assert read_csv(d / "03-forestry-powers" / "to_county.csv")["n"].tolist() == [121, 72, 69]
    assert read_csv(d / "03-forestry-powers" / "forms.csv")["form"].tolist() == ["委托下放", "向下赋权", "重心下移"]
    hutubi = read_csv(d / "04-hutubi-farm-machinery-subsidy" / "figures.csv").set_index("item")["value"]
    assert hutubi["首批补贴资金"] == 24440000 and hutubi["本次核验使用资金"] == 6200000
    assert round(hutubi["每台补贴（推算）"], 2) == 17222.22 and hutubi["每天核验台数（推算）"] == 36
    assert round(hutubi["本次占首批比例（推算）"], 2) == 25.37
    per_year = read_csv(d / "06-tbea-photo-caption" / "per_year.csv")
    assert per_year["per_year"].tolist() == [52, 21.6] and per_year["years"].tolist() == [5, 5]
    regions = read_csv(d / "07-remote-bid-evaluation" / "regions.csv")
    assert dict(zip(regions["canonical"], regions["role"].str[:2])) == {
        "昌吉州": "主场", "喀什地区": "副场", "阿勒泰地区": "副场", "克州": "副场"}
    health = read_csv(d / "02-rural-health-measures" / "commitments.csv")
    bounds = health[health["qualifier"] != "exact"][["surface", "qualifier"]].values.tolist()
    assert bounds == [["不少于6个月", "at_least"], ["不低于70%", "at_least"], ["60%至80%", "range"]]


def test_overview_and_fact_check_agree_with_the_library(seed_site):
    out, _, _ = seed_site
    page = newspage.read_page(ROOT / "seeds" / "000_3ec54a674129ce63.txt")
    stories = read_csv(out / "data" / "00-page-overview" / "stories.csv")
    assert stories["story_id"].tolist() == page.stories["story_id"].tolist()
    assert stories["n_chars"].tolist() == page.stories["n_chars"].astype(int).tolist()
    assert stories["n_quantities"].sum() == len(page.quantities)
    claims = read_csv(out / "data" / "08-fact-check" / "claims.csv")
    assert claims["claim_id"].tolist() == page.claims["claim_id"].tolist()
    counts = read_csv(out / "data" / "08-fact-check" / "verdict_counts.csv")
    assert counts["n"].sum() == len(page.claims)
    assert dict(zip(counts["verdict"], counts["n"])) == page.claims["verdict"].value_counts().reindex(
        counts["verdict"], fill_value=0).to_dict()


def test_index_lists_every_notebook_with_its_finding(seed_site):
    out, _, _ = seed_site
    html = (out / "site" / "index.html").read_text("utf-8")
    for name in EXPECTED:
        assert f'href="{name}.html"' in html
    assert html.count('<img src="img/') == len(EXPECTED)
    # findings are sentences generated from the tables, not typed in
    assert "下放的 121 项林草行政职权中，行政处罚最多：72项，占59.5%" in html
    assert "占首批补贴资金2444万元的 25.4%" in html


# ---------------------------------------------------------------------------
# a second page
# ---------------------------------------------------------------------------

def test_overview_and_fact_check_run_on_a_composed_page(composed_site):
    out, rc, log, page_path = composed_site
    assert rc == 0, log
    page = newspage.read_page(page_path)
    stories = read_csv(out / "data" / "00-page-overview" / "stories.csv")
    assert stories["label"].tolist() == ["全市新建学校12所 <img src=x onerror=alert(2)>", "某县发放春耕补贴500万元"]
    assert stories["n_quantities"].tolist() == page.quantities["story_id"].value_counts().sort_index().tolist()
    claims = read_csv(out / "data" / "08-fact-check" / "claims.csv")
    assert len(claims) == len(page.claims) > 0
    assert set(claims["kind"]) >= {"rate", "share"}
    for fig in ("00-story-lengths", "00-quantities-by-family", "08-verdicts", "08-stated-vs-computed"):
        assert (out / "figures" / f"{fig}.png").is_file() and (out / "figures" / "en" / f"{fig}.png").is_file()
    # the story notebooks are written for the seed, the archive notebook reads many pages: each
    # skipped with one line saying why, in the reader's terms
    skipped = [ln.strip() for ln in log.splitlines() if ": skipped: " in ln]
    assert skipped == [f"{n}: skipped: written for seeds/000_3ec54a674129ce63.txt, not this page"
                       for n in EXPECTED if n not in ANY_PAGE and n != "09-corpus-archive"] + [
        "09-corpus-archive: skipped: reads an archive of pages, not one page"]
    assert "2 skipped" not in log and "8 skipped" in log and rc == 0
    assert sorted(p.name for p in out.glob("*.html")) == ["00-page-overview.html", "08-fact-check.html", "index.html"]
    assert sorted(p.name for p in (out / "en").glob("*.html")) == ["00-page-overview.html", "08-fact-check.html", "index.html"]
    index = (out / "index.html").read_text("utf-8")
    import hashlib
    assert hashlib.sha256(page_path.read_bytes()).hexdigest() in index


def test_markup_from_the_page_is_escaped_in_every_html(composed_site):
    out, _, _, _ = composed_site
    pages = sorted(out.glob("*.html")) + sorted((out / "en").glob("*.html"))
    assert len(pages) == 6
    for p in pages:
        text = p.read_text("utf-8")
        assert "<script>alert(1)" not in text and "<img src=x" not in text and "<script" not in text, p.name
    fact = (out / "08-fact-check.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fact
    assert "&lt;img src=x onerror=alert(2)&gt;" in fact


# ---------------------------------------------------------------------------
# a real Jupyter Server, as JupyterLab drives a kernel
# ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_notebook_run_through_a_jupyter_server_shows_its_figure(tmp_path):
    """Jupyter Server started headless; a session for the notebook; every code cell sent through the
    kernel's websocket, as JupyterLab does; the figure comes back as an image/png display."""
    import asyncio
    import urllib.request
    import uuid

    from tornado.websocket import websocket_connect

    port, token = _free_port(), uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "NEWSPAGE_ROOT", "NEWSPAGE_FIGURES")}
    env.update(JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_DATA_DIR=str(tmp_path / "data"), JUPYTER_PLATFORM_DIRS="1", HOME=str(tmp_path))
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
                               "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
                               f"--ServerApp.root_dir={ROOT}", "--ServerApp.open_browser=False", "--allow-root"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def api(method: str, path: str, body=None):
        req = urllib.request.Request(f"{base}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            data = r.read()
        return json.loads(data) if data else None

    nb_path = "notebooks/06-tbea-photo-caption.ipynb"
    nb = json.loads((ROOT / nb_path).read_text("utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    params = f"figures_dir = {str(tmp_path / 'figures')!r}\ndata_dir = {str(tmp_path / 'data')!r}\n"
    cells.insert(1, params)  # right after the parameters cell, as the runner injects it

    async def run_cells(kernel_id: str) -> list[dict]:
        ws = await websocket_connect(f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}")
        session, outputs = uuid.uuid4().hex, []
        for code in cells:
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session, "username": "test",
                           "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            idle = replied = False
            while not (idle and replied):
                msg = json.loads(await asyncio.wait_for(ws.read_message(), timeout=120))
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "execute_reply":
                    assert msg["content"]["status"] == "ok", msg["content"]
                    replied = True
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind in ("display_data", "execute_result", "stream", "error"):
                    outputs.append(msg)
        ws.close()
        return outputs

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                api("GET", "/api/status")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.5)
        sess = api("POST", "/api/sessions", {"path": nb_path, "type": "notebook", "name": "",
                                             "kernel": {"name": "python3"}})
        try:
            outputs = asyncio.run(run_cells(sess["kernel"]["id"]))
        finally:
            api("DELETE", f"/api/sessions/{sess['id']}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    assert not [m for m in outputs if m["header"]["msg_type"] == "error"]
    images = [base64.b64decode(m["content"]["data"]["image/png"]) for m in outputs
              if "image/png" in m["content"].get("data", {})]
    saved = (tmp_path / "figures" / "06-per-year.png").read_bytes()
    assert images == [saved]


def test_a_page_build_leaves_the_seed_edition_untouched(seed_site, composed_build):
    """`newspage build --page P` into a folder that holds the seed's build: figures/, data/ and
    the seed's site pages keep their bytes; everything new is under site/pages/<page_id>/."""
    assert seed_site[1] == 0
    copy, page, rc, log, before = composed_build
    assert rc == 0, log
    assert "site/index.html" in before and "figures/08-verdicts.png" in before  # the seed's build was there
    after = snap(copy)
    assert {k: v for k, v in after.items() if not k.startswith("site/pages/composed_page/")} == before
    assert "site/pages/composed_page/index.html" in after and "site/pages/composed_page/en/index.html" in after
    assert "site/pages/composed_page/data/08-fact-check/claims.csv" in after


@pytest.mark.parametrize("name", EXPECTED)
def test_every_written_column_is_in_the_codebook(seed_site, name):
    """data/<notebook>/README.md documents every column of every table the notebook wrote and of
    every figure CSV it saved (meaning, type, unit), none UNDOCUMENTED."""
    import re

    out, rc, _ = seed_site
    book_path = out / "data" / name / "README.md"
    assert book_path.is_file(), f"{name}: no codebook"
    book = book_path.read_text("utf-8")
    sections = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", book, flags=re.S | re.M))
    manifest = json.loads((out / ".build-cache" / f"{name}.json").read_text("utf-8"))
    csvs = {rel for rel in manifest["outputs"] if rel.endswith(".csv")}
    assert csvs
    missing = {}
    for rel in sorted(csvs):
        key = rel.split("/", 2)[-1] if rel.startswith("data/") else rel
        section = sections.get(key, "")
        documented = dict(re.findall(r"^\| `([^`]+)` \| (.*?) \|", section, flags=re.M))
        cols = pd.read_csv(out / rel, nrows=0).columns.tolist()
        lacking = [c for c in cols if not documented.get(c) or documented[c] == "UNDOCUMENTED"]
        if lacking:
            missing[rel] = lacking
    assert missing == {}
