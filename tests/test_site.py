"""The site in a real headless Chromium, opened from the file system with no network: every page
loads without console errors, no broken image or link, Chinese rendered in the shipped font, and
markup from a page shows as text."""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from newspage import build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):  # pragma: no cover
    pytest.skip("needs Debian chromium and chromium-driver (installed by .ci/run)", allow_module_level=True)


@pytest.fixture(scope="module")
def seed_site(seed_build):
    # conftest.seed_build: built once per session, shared with tests/test_notebooks.py
    out, rc, log = seed_build
    assert rc == 0, log
    return out / "site"


@pytest.fixture(scope="module")
def composed_site(composed_build):
    # conftest.composed_build: the any-page notebooks (00, 08) on the composed page, both editions
    out, page, rc, log, _ = composed_build
    assert rc == 0, log
    return out / "site" / "pages" / "composed_page"


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newspage-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1600", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path) -> list[dict]:
    """Load ``path``, wait for fonts, return the console entries of this page."""
    driver.get_log("browser")  # drop what an earlier page left
    driver.get(path.resolve().as_uri())
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(() => done(true));")
    return driver.get_log("browser")


def check_page(driver, path: Path) -> None:
    logs = open_page(driver, path)
    severe = [e for e in logs if e.get("level") == "SEVERE"]
    assert not severe, (path.name, severe)
    # every image decoded
    broken = driver.execute_script(
        "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80));")
    assert broken == [], (path.name, broken)
    # every resource the page loaded came from the file system (no network, no CDN)
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name);")
    assert all(r.startswith(("file:", "data:")) for r in resources), (path.name, resources)
    scripts = driver.execute_script("return [...document.scripts].map(s => s.src || 'inline');")
    assert scripts == [], (path.name, scripts)
    # every link resolves: a file that exists (and its #fragment), or a fragment of this page
    links = driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href);")
    for href in links:
        url = urlparse(href)
        assert url.scheme == "file", (path.name, href)
        target = Path(unquote(url.path))
        assert target.is_file(), (path.name, href)
        if url.fragment and target.resolve() == path.resolve():
            # the indicated part of the document: the fragment as written, else percent-decoded
            found = driver.execute_script("return !!(document.getElementById(arguments[0]) || "
                                          "document.getElementById(arguments[1]));", url.fragment, unquote(url.fragment))
            assert found, (path.name, href)


def site_pages(site: Path) -> list[Path]:
    return [site / "index.html"] + sorted(p for p in site.glob("*.html") if p.name != "index.html")


def test_every_page_of_the_seed_site_loads_clean(browser, seed_site):
    pages = site_pages(seed_site)
    assert len(pages) == 11  # the index and notebooks 00-09
    for p in pages:
        check_page(browser, p)


def test_every_notebook_page_shows_each_of_its_figures(browser, seed_site):
    """Each figure a notebook saved is on its page, decoded by the browser with a real size."""
    import json

    out = seed_site.parent
    for page in sorted(p for p in seed_site.glob("*.html") if p.name != "index.html"):
        manifest = json.loads((out / ".build-cache" / f"{page.stem}.json").read_text("utf-8"))
        n_saved = sum(1 for rel in manifest["outputs"] if rel.startswith("figures/") and rel.endswith(".png"))
        assert n_saved >= 1, page.name
        open_page(browser, page)
        sizes = browser.execute_script(
            "return [...document.querySelectorAll('.jp-OutputArea-output img')].map("
            "i => [i.complete, i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width]);")
        assert len(sizes) == n_saved, (page.name, sizes)
        assert all(ok and w > 200 and h > 100 and shown > 200 for ok, w, h, shown in sizes), (page.name, sizes)


def test_index_links_every_notebook_and_shows_thumbnails(browser, seed_site):
    open_page(browser, seed_site / "index.html")
    with open(ROOT / "notebooks" / "notebooks.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    hrefs = browser.execute_script("return [...document.querySelectorAll('.np-card h2 a')].map(a => a.getAttribute('href'));")
    assert hrefs == [Path(r["file"]).stem + ".html" for r in rows]
    text = browser.execute_script("return document.body.innerText;")
    for r in rows:
        assert r["title"] in text
    sizes = browser.execute_script("return [...document.images].map(i => [i.naturalWidth, i.naturalHeight]);")
    assert len(sizes) == len(rows) and all(w > 100 and h > 50 for w, h in sizes)


def _font_state(driver) -> dict:
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.fonts.load('16px NewspageSC', '盘活').then(faces => done({"
        "  loaded: faces.map(f => f.family + ':' + f.status),"
        "  check: document.fonts.check('16px NewspageSC', '盘活'),"
        "  family: getComputedStyle(document.body).fontFamily}));")


def _ink(png: bytes) -> tuple[float, int]:
    """Share of non-background pixels and number of distinct colours in a screenshot."""
    from PIL import Image

    im = Image.open(io.BytesIO(png)).convert("RGB").resize((320, 400))
    colours = im.getcolors(maxcolors=320 * 400)
    background = max(n for n, _ in colours)
    return 1 - background / (320 * 400), len(colours)


@pytest.mark.parametrize("name, words", [
    ("index.html", ["版面分析", "破“僵”焕新"]),
    ("01-zombie-enterprise-revival.html", ["盘活率", "僵尸企业"]),
])
def test_screenshots_show_chinese_in_the_shipped_font(browser, seed_site, tmp_path, name, words):
    open_page(browser, seed_site / name)
    state = _font_state(browser)
    assert state["loaded"] == ["NewspageSC:loaded"] and state["check"] is True, state
    assert state["family"].split(",")[0].strip('"') == "NewspageSC"
    text = browser.execute_script("return document.body.innerText;")
    for w in words:
        assert w in text
    # the glyphs have width: the CJK line is laid out with the loaded font, not as empty boxes
    width = browser.execute_script(
        "const s = document.createElement('span'); s.style.fontFamily = 'NewspageSC'; s.style.fontSize = '20px';"
        "s.textContent = '盘活存量'; document.body.appendChild(s); const w = s.getBoundingClientRect().width;"
        "s.remove(); return w;")
    assert 70 <= width <= 90  # four full-width glyphs at 20px
    png = browser.get_screenshot_as_png()
    (tmp_path / f"{name}.png").write_bytes(png)
    ink, colours = _ink(png)
    assert ink > 0.02 and colours > 20, (ink, colours)


def test_curly_quotes_keep_their_latin_width_in_the_english_edition(browser, seed_site):
    """English prose's “quotes” in the body's font are narrow (a Latin font: ~0.3 em each), not
    the CJK font's full width (1 em); quoted Chinese keeps the CJK font and its full-width marks."""
    script = ("const s = document.createElement('span'); s.style.fontSize = '20px';"
              "if (arguments[0]) s.setAttribute('lang', 'zh'); s.textContent = '“”';"
              "document.querySelector('main, body').appendChild(s); const w = s.getBoundingClientRect().width;"
              "s.remove(); return w;")
    open_page(browser, seed_site / "en" / "08-fact-check.html")
    latin, quoted = browser.execute_script(script, False), browser.execute_script(script, True)
    assert latin <= 30 and quoted >= 36, (latin, quoted)   # two marks at 20px: full width is 40
    open_page(browser, seed_site / "08-fact-check.html")
    assert browser.execute_script(script, False) >= 36   # the Chinese edition: full-width marks


def test_text_headers_sit_left_and_numbers_right(browser, seed_site):
    open_page(browser, seed_site / "03-forestry-powers.html")
    aligns = browser.execute_script(
        "return [...document.querySelector('table.np-table thead tr').children].map("
        "th => [th.innerText, getComputedStyle(th).textAlign]);")
    assert aligns[:3] == [["职权类别", "left"], ["事项（项）", "right"], ["占全部（%）", "right"]]


def test_markup_in_a_page_renders_as_visible_text(browser, composed_site):
    pages = site_pages(composed_site)
    assert len(pages) == 3
    for p in pages:
        check_page(browser, p)  # an <img src=x> would log a failed load; a script would be listed
    open_page(browser, composed_site / "08-fact-check.html")
    text = browser.execute_script("return document.body.innerText;")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    open_page(browser, composed_site / "00-page-overview.html")
    text = browser.execute_script("return document.body.innerText;")
    assert "<img src=x onerror=alert(2)>" in text
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - no alert was ever raised


# ---------------------------------------------------------------------------
# editions: one language each, the font cut to what is shown, small enough to share
# ---------------------------------------------------------------------------

NOTEBOOK_NAMES = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
# units, file names and hashes are not English words; nor are these abbreviations
NOT_WORDS = {"km", "kg", "kWh", "MWh", "kW", "MW", "GW", "kV", "kVA", "MVA", "TEU", "SHA", "ha", "mu", "mL", "m²", "m³"}


def visible_text(driver, drop: str) -> str:
    """The page's text as a reader sees it, without the elements matching ``drop`` (quoted page
    text, code) and without the closed code toggles."""
    return driver.execute_script(
        "const root = document.body.cloneNode(true);"
        "root.querySelectorAll(arguments[0]).forEach(e => e.remove());"
        "const d = document.createElement('div'); d.style.position = 'absolute'; d.style.left = '-99999px';"
        "d.appendChild(root); document.documentElement.appendChild(d); const t = root.innerText; d.remove(); return t;",
        drop)


def english_words(text: str) -> list[str]:
    import re

    text = re.sub(r"\S+\.(?:ipynb|csv|png|svg|txt|md|html)\b", " ", text)
    text = re.sub(r"\b[0-9a-f]{16,}\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z²³]+", text) if w not in NOT_WORDS]


def cjk(text: str) -> list[str]:
    import re

    return re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text)


def _lang_pages(site: Path, lang: str) -> list[Path]:
    d = site if lang == "zh" else site / lang
    return [d / "index.html"] + [d / f"{n}.html" for n in NOTEBOOK_NAMES]


@pytest.mark.parametrize("name", ["index"] + NOTEBOOK_NAMES)
def test_the_chinese_edition_has_no_english_words(browser, seed_site, name):
    open_page(browser, seed_site / f"{name}.html")
    text = visible_text(browser, ".np-src, [lang=en], code, pre, details.np-code, .jp-InputArea")
    assert english_words(text) == []


@pytest.mark.parametrize("name", ["index"] + NOTEBOOK_NAMES)
def test_the_english_edition_has_no_chinese_outside_quoted_page_text(browser, seed_site, name):
    """Chinese in the English edition only where it quotes the page: inside marked quotations, or
    (in generated sentences such as the claims' explanations) a figure as the page writes it."""
    import re

    open_page(browser, seed_site / "en" / f"{name}.html")
    text = visible_text(browser, ".np-src, [lang=zh], [lang=zh-CN], code, pre, details.np-code, .jp-InputArea")
    page = (ROOT / "seeds" / "000_3ec54a674129ce63.txt").read_text("utf-8")
    page = re.sub(r"\s+", "", page)
    runs = re.findall(r"[0-9.]*[\u3400-\u9fff\uf900-\ufaff]+", text)
    assert [r for r in runs if r not in page] == []


def test_the_two_indexes_link_each_other(browser, seed_site):
    open_page(browser, seed_site / "index.html")
    zh = browser.execute_script("return [document.documentElement.lang, document.querySelector('.np-lang a').href];")
    assert zh[0] == "zh-CN" and zh[1].endswith("/en/index.html")
    open_page(browser, seed_site / "en" / "index.html")
    en = browser.execute_script("return [document.documentElement.lang, document.querySelector('.np-lang a').href];")
    assert en[0] == "en" and Path(unquote(urlparse(en[1]).path)).resolve() == (seed_site / "index.html").resolve()
    for p in _lang_pages(seed_site, "en"):
        check_page(browser, p)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_raw_pandas_text_or_local_path_reaches_the_reader(browser, seed_site, lang):
    bad = {}
    for p in _lang_pages(seed_site, lang):
        name = p.stem
        open_page(browser, p)
        text = visible_text(browser, "details.np-code, .jp-InputArea")
        found = [w for w in ("NaN", "<NA>", "NaT", "e+0", "e-0", "PosixPath", "/tmp/", "/home/", "/work/",
                             ".build-cache", "object at 0x") if w in text]
        if found:
            bad[name] = found
    assert bad == {}


def test_the_index_names_the_page(browser, seed_site):
    import hashlib

    sha = hashlib.sha256((ROOT / "seeds" / "000_3ec54a674129ce63.txt").read_bytes()).hexdigest()
    for p in (seed_site / "index.html", seed_site / "en" / "index.html"):
        open_page(browser, p)
        meta = browser.execute_script("return document.querySelector('.np-meta').innerText;")
        assert sha in meta
        assert "2026-04-1" in meta  # the page's date (with where it came from)


def test_every_character_on_the_site_is_in_the_font_subset(seed_site):
    from fontTools.ttLib import TTFont

    font = TTFont(str(seed_site / "assets" / build.SUBSET_NAME))
    cmap = font.getBestCmap()
    import html as _html
    import re

    ranges = [tuple(int(x, 16) for x in r.strip()[2:].split("-")) for r in build.CJK_RANGES.split(",")]
    served = lambda c: any(lo <= ord(c) <= hi for lo, hi in ranges)  # noqa: E731 - what the font is asked for
    missing = {}
    pages = [p for p in seed_site.rglob("*.html") if "pages" not in p.relative_to(seed_site).parts]
    assert len(pages) == 22  # the index and notebooks 00-09, in each edition
    for p in pages:
        text = _html.unescape(re.sub(r"<[^>]+>", " ", p.read_text("utf-8")))
        gone = sorted({c for c in text if served(c) and ord(c) not in cmap})
        if gone:
            missing[p.name] = "".join(gone[:20])
    assert missing == {}
    assert 1000 < len(cmap) < 6000  # a subset: the full Noto Sans SC maps ~ 30,000 characters


def test_both_editions_together_fit_in_4_mib(seed_site):
    total = sum(p.stat().st_size for p in seed_site.rglob("*") if p.is_file()
                and "pages" not in p.relative_to(seed_site).parts)
    assert total <= 4 * 1024 * 1024, f"{total / 2**20:.2f} MiB"
