"""Tokens and keywords: one quiet jieba per process, a shipped domain dictionary, numbers whole."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import newspage
from newspage import words

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_3ec54a674129ce63.txt"


@pytest.fixture(scope="module")
def page():
    return newspage.read_page(SEED)


# ---------------------------------------------------------------------------
# The tokenizer
# ---------------------------------------------------------------------------

def test_one_tokenizer_per_process():
    assert words.tokenizer() is words.tokenizer()


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSPAGE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert words.cache_dir() == tmp_path / "newspage"
    monkeypatch.setenv("NEWSPAGE_CACHE", str(tmp_path / "own"))
    assert words.cache_dir() == tmp_path / "own"


def test_start_up_is_silent_and_caches_in_the_user_folder(tmp_path):
    env = dict(os.environ, NEWSPAGE_CACHE=str(tmp_path), PYTHONPATH=str(ROOT / "lib"))
    code = "from newspage import words; print(words.tokenizer().tokenizer.tmp_dir)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert r.stderr == ""
    assert r.stdout.strip() == str(tmp_path)
    assert (tmp_path / "jieba.cache").is_file()
    assert not Path(r.stdout.strip()).samefile(tempfile.gettempdir())


# A process that builds the tokenizer, then builds the same tables the plain jieba way (its own classes,
# the dictionary file parsed again) and says whether each is equal, in the same order.
_SAME_AS_JIEBA = """
import json, os, jieba
from newspage import words
t = words.tokenizer()
import jieba.posseg
ptok = jieba.Tokenizer()
ptok.FREQ, ptok.total = jieba.Tokenizer.gen_pfdict(ptok.get_dict_file())
ptok.initialized = True
plain_tags = jieba.posseg.POSTokenizer(ptok).word_tag_tab
pp = jieba.posseg.POSTokenizer(ptok)
pp.load_userdict(str(words.USERDICT))
pp.makesure_userdict_loaded()
t.makesure_userdict_loaded()
print(json.dumps({
    "freq": list(t.tokenizer.FREQ.items()) == list(ptok.FREQ.items()),
    "total": t.tokenizer.total == ptok.total,
    "tags": list(t.word_tag_tab.items()) == list(pp.word_tag_tab.items()),
    "posseg_dt": list(jieba.posseg.dt.word_tag_tab.items()) == list(plain_tags.items()),
    "unpatched": "get_dict_file" not in vars(jieba.dt),
    "cut": t.lcut_pairs("某市高新区今年新建了三座桥") == [(p.word, p.flag) for p in pp.cut("某市高新区今年新建了三座桥")],
}))
"""


def _run(code, cache):
    env = dict(os.environ, NEWSPAGE_CACHE=str(cache), PYTHONPATH=str(ROOT / "lib"))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert r.stderr == ""
    return r.stdout


def _dict_cache(folder):
    return sorted(folder.glob("newspage-dict.*.cache"))


def test_dictionary_cache_is_used_and_equal_to_jiebas_tables(tmp_path):
    import json
    first = json.loads(_run(_SAME_AS_JIEBA, tmp_path))      # no cache yet: jieba's way, then cached
    assert first == dict.fromkeys(first, True)
    assert len(_dict_cache(tmp_path)) == 1
    (tmp_path / "jieba.cache").unlink()
    second = json.loads(_run(_SAME_AS_JIEBA, tmp_path))     # from the cache
    assert second == dict.fromkeys(second, True)
    assert not (tmp_path / "jieba.cache").exists()         # jieba never loaded (nor rebuilt) its own


def test_dictionary_cache_read_back_is_exact(tmp_path):
    import jieba
    import jieba.posseg

    from newspage import fastcut
    name = fastcut._dict_name()
    freq, total = jieba.Tokenizer.gen_pfdict(open(name, "rb"))
    plain = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    plain.load_word_tag(open(name, "rb"))
    assert fastcut._read_cache(name, str(tmp_path)) is None
    assert fastcut._write_cache(name, freq, total, plain.word_tag_tab, str(tmp_path))
    got = fastcut._read_cache(name, str(tmp_path))
    assert list(got[0].items()) == list(freq.items()) and got[1] == total
    assert list(got[2].items()) == list(plain.word_tag_tab.items())
    assert fastcut._read_cache(name, str(tmp_path / "elsewhere")) is None
    (cache,) = _dict_cache(tmp_path)
    good = cache.read_bytes()
    for bad in (b"", b"not marshal at all", good[: len(good) // 3], __import__("marshal").dumps((1, 2, 3, 4))):
        cache.write_bytes(bad)
        assert fastcut._read_cache(name, str(tmp_path)) is None
    cache.write_bytes(good)
    # another dictionary file (or the same file changed) does not match
    other = tmp_path / "dict.txt"
    other.write_bytes(open(name, "rb").read())
    assert fastcut._read_cache(str(other), str(tmp_path)) is None


def test_a_damaged_dictionary_cache_is_ignored_and_written_again(tmp_path):
    code = "from newspage import words; print(words.tokenizer().lcut_pairs('某市高新区今年新建了三座桥'))"
    want = _run(code, tmp_path)
    (cache,) = _dict_cache(tmp_path)
    good = cache.read_bytes()
    cache.write_bytes(good[: len(good) // 2])
    assert _run(code, tmp_path) == want
    assert cache.read_bytes() == good


def test_an_unwritable_cache_folder_still_works(tmp_path, monkeypatch):
    import jieba

    from newspage import fastcut
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setattr(fastcut, "_cache_dir", lambda: str(blocked / "cache"))    # cannot exist
    monkeypatch.setattr(fastcut, "_BASE_FREQ", None)
    monkeypatch.setattr(fastcut, "_BASE_TAGS", None)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    fastcut.load_dictionary(tok)
    assert tok.initialized
    ref = jieba.Tokenizer()
    ref.tmp_dir = str(tmp_path)
    ref.initialize()
    assert list(tok.FREQ.items()) == list(ref.FREQ.items()) and tok.total == ref.total
    assert fastcut._BASE_TAGS is not None and fastcut._BASE_TAGS[1]
    assert not fastcut._write_cache(fastcut._dict_name(), {}, 0, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "jieba.cache"]


def test_jieba_is_imported_without_pkg_resources_and_nothing_is_left_behind(tmp_path):
    code = ("import sys; before = list(sys.meta_path); from newspage import words; words.tokenizer(); "
            "import jieba._compat as c; "
            "print('pkg_resources' in sys.modules, sys.meta_path == before, c.get_module_res('dict.txt').name)")
    absent, same, name = _run(code, tmp_path).split()
    assert (absent, same) == ("False", "True")
    import jieba
    assert os.path.samefile(name, os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))


def test_pkg_resources_fails_only_for_the_importing_thread():
    import threading

    from newspage import fastcut
    finder = fastcut._NoPkgResources(threading.get_ident())
    with pytest.raises(ImportError):
        finder.find_spec("pkg_resources")
    assert finder.find_spec("json") is None
    seen = []
    t = threading.Thread(target=lambda: seen.append(finder.find_spec("pkg_resources")))
    t.start()
    t.join()
    assert seen == [None]


def test_user_dictionary_is_clean():
    raw = words.USERDICT.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    assert len(lines) >= 100
    seen = set()
    for line in lines:
        parts = line.split(" ")
        assert 1 <= len(parts) <= 3, line
        word = parts[0]
        assert re.fullmatch(r"[\u4e00-\u9fff]+", word), line  # no punctuation, digits or spaces
        assert word not in seen, f"duplicate {word}"
        seen.add(word)
        if len(parts) > 1:
            assert re.fullmatch(r"[a-z]+", parts[-1]), line


@pytest.mark.parametrize("text,word", [
    ("昌都高新区盘活闲置厂房", "高新区"),
    ("处置僵尸企业的盘活率达到", "盘活率"),
    ("推进紧密型县域医共体建设", "医共体"),
    ("办理行政许可事项", "行政许可"),
    ("发放农机购置补贴资金", "农机购置补贴"),
    ("全州公共资源交易中心完成评标", "公共资源交易中心"),
    ("一批僵尸企业退出市场", "僵尸企业"),
])
def test_domain_words_stay_whole(text, word):
    toks = [w for _, _, w, _ in words.tokenize(text)]
    assert word in toks, toks


def test_plain_jieba_would_cut_them(tmp_path):
    """The dictionary matters: without it jieba splits these words."""
    import jieba
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(tmp_path)
    cut = list(plain.cut("盘活率和农机购置补贴"))
    assert cut[:2] == ["盘活", "率"] and "农机购置补贴" not in cut


def test_the_fast_cut_is_jiebas_cut():
    """words' cut (fastcut: one pass over jieba's DAG, the Viterbi on planned steps) gives exactly the
    (word, tag) list of jieba's own POSTokenizer over the same dictionaries: the seed page, text with
    white space, Latin letters, digits and symbols, and runs of characters jieba's dictionary does not
    know (the HMM's part), each cut twice (the second from the per-process memory)."""
    import jieba.posseg

    fast = words.tokenizer()
    if not hasattr(fast, "lcut_pairs"):
        pytest.skip("this jieba lacks what fastcut replaces")
    fast.makesure_userdict_loaded()
    ref = jieba.posseg.POSTokenizer(fast.tokenizer)
    ref.word_tag_tab = dict(fast.word_tag_tab)
    texts = [SEED.read_text(encoding="utf-8"), "", " \r\n\t", "GDP增长5.2%，A股+#&_上涨 3.5 个百分点\r\n",
             "叶嘉莹讲座在钱塘江畔举行", "犇羴鱻猋骉", "甲乙丙丁戊己庚辛壬癸子丑寅卯", "ＡＢＣ１２３，。、"]
    for text in texts:
        want = [(p.word, p.flag) for p in ref.cut(text)]
        assert fast.lcut_pairs(text) == want
        assert fast.lcut_pairs(text) == want
        assert [(p.word, p.flag) for p in fast.cut(text)] == want


def test_the_fast_viterbi_is_jiebas_viterbi_to_the_last_bit():
    """fastcut.viterbi_fast (numpy steps over planned blocks of the transition matrix) returns jieba's
    own posseg Viterbi result, the log probability bit for bit and the route state for state: every
    run of Han characters of the seed page, 3,000 random runs of its characters (1-12 long, seeded),
    characters jieba's HMM has never seen, a single character; each twice (plans made, then reused),
    and once more after the plans are forgotten."""
    import random

    import jieba.posseg as P
    from jieba.posseg.viterbi import viterbi

    from newspage import fastcut

    text = SEED.read_text(encoding="utf-8")
    runs = sorted(set(re.findall("[\u4e00-\u9fff]+", text)))
    han = sorted(set("".join(runs)))
    rnd = random.Random(20261203)
    runs += ["".join(rnd.choice(han) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]
    runs += ["犇羴鱻猋骉", "甲乙丙丁戊己庚辛壬癸子丑寅卯", "𠀀𠀁", "县"]
    want = [viterbi(r, P.char_state_tab_P, P.start_P, P.trans_P, P.emit_P) for r in runs]
    for _ in range(2):
        got = [fastcut.viterbi_fast(r) for r in runs]
        assert [g[1] for g in got] == [w[1] for w in want]
        assert [g[0].hex() for g in got] == [w[0].hex() for w in want]
        assert all(type(g[0]) is float for g in got)
    fastcut._reset()
    assert [fastcut.viterbi_fast(r) for r in runs[:200]] == want[:200]


# ---------------------------------------------------------------------------
# Numbers are never cut by jieba
# ---------------------------------------------------------------------------

def test_digit_runs_are_single_tokens_on_a_bare_string():
    toks = words.tokenize("盘活率70%，面积58.7万平方米，第2326.33亩")
    assert ("70%", "m") in [(w, p) for _, _, w, p in toks]
    assert ("58.7", "m") in [(w, p) for _, _, w, p in toks]
    assert ("2326.33", "m") in [(w, p) for _, _, w, p in toks]
    assert not any(re.search(r"[0-9]", w) and not re.fullmatch(r"[0-9.,]+%?", w) for _, _, w, _ in toks)


def test_protected_spans_become_one_token():
    text = "投资2600余万元建成"
    toks = words.tokenize(text, [(2, 9, "m")])
    assert [(w, p) for _, _, w, p in toks] == [("投资", "vn"), ("2600余万元", "m"), ("建成", "v")]


def test_page_tokens_take_quantities_whole(page):
    tk = page.tokens
    spans = set(zip(tk["start"], tk["end"], tk["pos"]))
    q = page.quantities
    for s, e in zip(q["start"], q["end"]):
        assert (s, e, "m") in spans
    toks = list(tk["token"])
    for qs in ("2326.33亩", "58.7万平方米", "70%", "2600余万元"):
        assert qs in toks
    # no jieba token contains a digit: every digit is inside a quantity, date or digit-run token
    jieba_toks = tk[~tk["pos"].isin(["m", "t"])]
    assert not jieba_toks["token"].str.contains(r"[0-9]").any()


def test_page_tokens_cover_every_sentence(page):
    tk = page.tokens
    assert list(tk.columns) == ["page_id"] + words.TOKENS.names
    for s, e, w in zip(tk["start"], tk["end"], tk["token"]):
        assert page.text[s:e] == w and w.strip() == w and w
    assert list(tk["start"]) == sorted(tk["start"])
    ends = dict(zip(tk["start"], tk["end"]))
    for sent in page.sentences.itertuples(index=False):
        covered = [(s, ends[s]) for s in tk["start"] if sent.start <= s < sent.end]
        pos = sent.start
        for s, e in covered:
            assert page.text[pos:s].strip() == ""  # only white space between tokens
            pos = e
        assert pos <= sent.end and page.text[pos:sent.end].strip() == ""


# ---------------------------------------------------------------------------
# Keywords
# ---------------------------------------------------------------------------

def test_keywords_table(page):
    kw = page.keywords
    assert list(kw.columns) == ["page_id"] + words.KEYWORDS.names
    assert set(kw["story_id"]) == set(page.stories["story_id"])
    for sid, g in kw.groupby("story_id"):
        assert list(g["rank"]) == list(range(1, len(g) + 1)) and len(g) == words.TOP_K
        assert list(g["score"]) == sorted(g["score"], reverse=True)
    assert not kw["keyword"].str.contains(r"[0-9%，。、“”《》]").any()
    assert not kw["keyword"].isin(words.STOP_WORDS).any()
    assert (kw["keyword"].str.len() >= 2).all()


def test_keywords_distinguish_the_stories(page):
    kw = page.keywords
    top = {sid: list(g.sort_values("rank")["keyword"]) for sid, g in kw.groupby("story_id")}
    headlines = dict(zip(page.stories["story_id"], page.stories["headline"]))
    by_headline = {headlines[s]: v for s, v in top.items()}
    assert by_headline["首批农机购置补贴资金足额到位"][0] == "农机购置补贴"
    assert "措施" in by_headline["新疆16个部门联合出台《措施》"][:3]
    assert "评标" in by_headline["昌吉州牵头完成首个跨区域远程评标工程建设项目"][:5]
    assert "行政职权" in by_headline["新疆下放121项林草行政职权事项"][:5]


def test_keywords_are_deterministic(page):
    a = words.extract_keywords(page)
    b = words.extract_keywords(page)
    assert a.equals(b)


def test_a_word_in_every_document_ranks_below_a_distinctive_one():
    rows = words.rank_keywords({"a": ["企业", "企业", "棉花"], "b": ["企业", "钢材"], "c": ["企业", "医院"]})
    a = {w: score for d, _, w, score in rows if d == "a"}
    # tf(企业)=2/3, idf=1 -> 0.667; tf(棉花)=1/3, idf=ln(4/2)+1=1.693 -> 0.564
    assert a["企业"] == pytest.approx(2 / 3)
    assert a["棉花"] == pytest.approx((1 / 3) * (1 + 0.6931471805599453))
    rows = words.rank_keywords({"a": ["企业", "棉花"], "b": ["企业"], "c": ["企业"]})
    assert [w for d, r, w, s in rows if d == "a"] == ["棉花", "企业"]
