"""jieba's part-of-speech cut, same output, less work.

jieba.posseg reads a run of characters its dictionary does not know with an HMM of 256 states
(:func:`jieba.posseg.viterbi.viterbi`).  For every character and every state it builds a tuple for
*every* previous state, including the many that cannot move to it (probability ``-inf``); that loop
was the largest single cost of reading a page.  :func:`viterbi` computes the same table: it only
looks at the previous states that have a transition to the state (the others score ``-inf`` and can
never be the maximum, because a state is kept only when some previous state leads to it), adds the
same three floats in the same order, and breaks ties the way ``max`` over ``(score, state)`` tuples
does (the larger state).  So the route, and every token, is the same.

:class:`POSTokenizer` is jieba's tokenizer with that Viterbi, and with the detailed cut of a run of
unknown characters remembered per process (:data:`DETAIL_CACHE` runs): the HMM's answer depends on
the run alone, and the same unknown names and phrases come back page after page in an archive.

Start-up: :func:`import_jieba` imports jieba without pkg_resources, and the main dictionary's tables
(jieba's prefix dictionary FREQ and total, jieba.posseg's word-tag table) come from one cache file of
this module, read at once, instead of jieba's cache and a second parse of the dictionary
(:func:`load_dictionary`; see the comments below).
"""
from __future__ import annotations

import hashlib
import importlib.util
import io
import marshal
import os
import sys
import tempfile
import threading
from collections import OrderedDict
from math import log as _log
import numpy as np

# ---------------------------------------------------------------------------
# jieba's import without pkg_resources
# ---------------------------------------------------------------------------
#
# jieba._compat imports pkg_resources (~0.3 s, a third of jieba's import) only to open the files of its
# own package; when that import fails it opens them by their path, the same files for a package that
# is a folder.  :func:`import_jieba` imports jieba with that one import failing in this thread only (a
# finder first on sys.meta_path for the time of the import, then removed): nothing else in the process
# is changed, and sys.modules holds no trace of it.  A jieba in a zip file, or a process that already
# has pkg_resources, imports jieba as usual.


class _NoPkgResources:
    def __init__(self, thread: int):
        self.thread = thread

    def find_spec(self, name, path=None, target=None):
        if name == "pkg_resources" and threading.get_ident() == self.thread:
            raise ModuleNotFoundError("pkg_resources not used by newspage's import of jieba", name=name)
        return None


def import_jieba():
    """``import jieba`` (see above); returns the module."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        spec = importlib.util.find_spec("jieba")
        if spec is not None and spec.origin and os.path.isfile(spec.origin) \
                and os.path.isfile(os.path.join(os.path.dirname(spec.origin), "dict.txt")):
            finder = _NoPkgResources(threading.get_ident())
            sys.meta_path.insert(0, finder)
            try:
                import jieba
            finally:
                sys.meta_path.remove(finder)
    import jieba
    return jieba


# ---------------------------------------------------------------------------
# The dictionary's tables, cached on disk
# ---------------------------------------------------------------------------
#
# Every process used to read jieba's main dictionary twice at start: jieba.posseg's import parses its
# ~350,000 lines for the word-tag table, and the tokenizer loads the prefix dictionary (FREQ, total)
# from jieba's cache with ``marshal.load`` on an open file, which reads the file in small pieces.  The
# three tables are kept in one cache file of this module instead (:func:`_read_cache`), written once
# after they were built the slow way, read with one ``marshal.loads`` of the whole file.  The file
# names the dictionary file, its size and modification time, jieba's and this package's versions and
# the format (:func:`_cache_key`); a file that does not match, cannot be read or is damaged is ignored
# (and written again); a folder where it cannot be written only costs the slow start.

CACHE_FORMAT = 1


def _cache_dir() -> str:
    from .words import cache_dir
    return str(cache_dir())


def _cache_key(name: str):
    """What the cached tables of dictionary file ``name`` depend on, or None (not a file)."""
    import jieba

    from . import __version__
    path = os.path.abspath(name)
    st = os.stat(path)
    return (CACHE_FORMAT, path, st.st_size, st.st_mtime_ns, getattr(jieba, "__version__", ""), __version__)


def _cache_file(folder: str, key) -> str:
    digest = hashlib.md5(key[1].encode("utf-8", "replace")).hexdigest()[:16]
    return os.path.join(folder, f"newspage-dict.{digest}.cache")


def _read_cache(name: str, folder: str | None = None):
    """``(FREQ, total, word_tag_tab)`` of dictionary file ``name`` from the cache, each a new object;
    None if there is no cache of that file (or it cannot be read, or does not match)."""
    try:
        key = _cache_key(name)
        with open(_cache_file(folder or _cache_dir(), key), "rb") as fh:
            got = marshal.loads(fh.read())
        if not (isinstance(got, tuple) and len(got) == 4 and got[0] == key and isinstance(got[1], dict)
                and isinstance(got[2], int) and isinstance(got[3], dict)):
            return None
        return got[1], got[2], got[3]
    except Exception:
        return None


def _write_cache(name: str, freq: dict, total: int, tags: dict, folder: str | None = None) -> bool:
    """Keep the tables of dictionary file ``name`` in the cache (atomically); False if that failed."""
    tmp = None
    try:
        key = _cache_key(name)
        folder = folder or _cache_dir()
        same = {w: w for w in freq}    # the tag table's words as FREQ's own strings: stored once
        tags = {same.get(w, w): sys.intern(t) for w, t in tags.items()}
        data = marshal.dumps((key, freq, total, tags))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".newspage-dict.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, _cache_file(folder, key))
        return True
    except Exception:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _dict_name() -> str:
    import jieba
    from jieba._compat import resolve_filename
    fh = jieba.dt.get_dict_file()
    try:
        return resolve_filename(fh)
    finally:
        fh.close()


def _import_posseg():
    """Import jieba.posseg (first import in this process).  Its import builds ``jieba.posseg.dt``,
    whose word-tag table it reads from the main dictionary: when the cache has the tables of that
    dictionary, that reading is skipped (the dictionary file looks empty to this thread during the
    import) and the table given from the cache.  Returns ``(file name, (FREQ, total, tags))`` of the
    cache, else ``(file name, None)``."""
    import jieba
    name = _dict_name()
    dt = jieba.dt
    got = _read_cache(name) if "get_dict_file" not in vars(dt) else None   # (not when someone replaced it)
    if got is None:
        import jieba.posseg  # noqa: F401  (the slow way: reads the file)
        return name, None
    me = threading.get_ident()
    real = dt.get_dict_file

    def get_dict_file():
        return io.BytesIO(b"") if threading.get_ident() == me else real()
    dt.get_dict_file = get_dict_file
    try:
        import jieba.posseg
    finally:
        del dt.get_dict_file
    jieba.posseg.dt.word_tag_tab = dict(got[2])   # the table its import reads from the file
    return name, got


import_jieba()
_FRESH = "jieba.posseg" not in sys.modules
_CACHED = None
if _FRESH:
    try:
        _CACHED = _import_posseg()
    except Exception:  # pragma: no cover - a jieba without these: read the file as jieba does
        _CACHED = None
import jieba.posseg as _posseg  # noqa: E402  (its import builds jieba.posseg.dt: the word-tag table, ~0.5 s)
from jieba._compat import resolve_filename as _resolve  # noqa: E402

# The word-tag table jieba.posseg.dt has just read from the main dictionary, taken while it is certainly
# untouched (jieba.posseg imported here for the first time), so that the tokenizer of this module does not
# read and parse the same file a second time: (file name, table).  Handed over once, then None.
_BASE_TAGS: tuple[str, dict] | None = None
if _FRESH:
    try:
        if _CACHED is not None and _CACHED[1] is not None:
            _BASE_TAGS = (_CACHED[0], _CACHED[1][2])
        else:
            _BASE_TAGS = (_dict_name(), dict(_posseg.dt.word_tag_tab))
    except Exception:  # pragma: no cover - a jieba without these: read the file as jieba does
        _BASE_TAGS = None
# The prefix dictionary of the same file from the cache: (file name, FREQ, total).  Handed over once.
_BASE_FREQ: tuple[str, dict, int] | None = None
if _CACHED is not None and _CACHED[1] is not None:
    _BASE_FREQ = (_CACHED[0], _CACHED[1][0], _CACHED[1][1])
del _CACHED


def load_dictionary(tok) -> None:
    """``tok.initialize()`` for jieba tokenizer ``tok``, with the prefix dictionary from the cache when it
    has the one of ``tok``'s dictionary file.  Otherwise jieba's own way, and then that dictionary's
    tables are kept in the cache for the next process.  Either way the word-tag table of the file is
    left for the next :class:`POSTokenizer` (:data:`_BASE_TAGS`), so that it does not read the file."""
    global _BASE_FREQ, _BASE_TAGS
    if tok.initialized:
        return
    base, _BASE_FREQ = _BASE_FREQ, None
    fh = tok.get_dict_file()
    name = _resolve(fh)
    fh.close()
    tags = _BASE_TAGS[1] if _BASE_TAGS is not None and _BASE_TAGS[0] == name else None
    got = base[1:] if base is not None and base[0] == name else _read_cache(name)
    if got is not None:
        tok.FREQ, tok.total = got[0], got[1]
        tok.initialized = True
        if tags is None and len(got) == 3:
            _BASE_TAGS = (name, got[2])
        return
    tok.initialize()
    if tags is None:
        plain = _posseg.POSTokenizer.__new__(_posseg.POSTokenizer)
        _posseg.POSTokenizer.load_word_tag(plain, tok.get_dict_file())
        tags = plain.word_tag_tab
        _BASE_TAGS = (name, tags)
    _write_cache(name, tok.FREQ, tok.total, tags)


MIN_FLOAT = -3.14e100
DETAIL_CACHE = 50_000
LOGP_CACHE = 200_000    # dictionary words whose log probability is kept (about 25 MB at most)
_PREFIX = object()      # in that memory: a prefix of dictionary words, not a word (frequency 0)

_PREV: dict | None = None   # state -> {previous state: log transition probability}
_NEXT: dict | None = None   # state -> frozenset of the states it can move to


def _tables():
    global _PREV, _NEXT
    if _PREV is None:
        prev: dict = {y: {} for y in _posseg.trans_P}
        for y0, row in _posseg.trans_P.items():
            for y, p in row.items():
                prev.setdefault(y, {})[y0] = p
        _NEXT = {y0: frozenset(row) for y0, row in _posseg.trans_P.items()}
        _PREV = prev
    return _PREV, _NEXT


def viterbi(obs: str, states=None, start_p=None, trans_p=None, emit_p=None):
    """``jieba.posseg.viterbi.viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)``, same result."""
    states = _posseg.char_state_tab_P if states is None else states
    start_p = _posseg.start_P if start_p is None else start_p
    trans_p = _posseg.trans_P if trans_p is None else trans_p
    emit_p = _posseg.emit_P if emit_p is None else emit_p
    rev, nxt = _tables()
    all_states = trans_p.keys()
    c = obs[0]
    V = {y: start_p[y] + emit_p[y].get(c, MIN_FLOAT) for y in states.get(c, all_states)}
    paths = [dict.fromkeys(V, "")]
    for t in range(1, len(obs)):
        c = obs[t]
        prev = [x for x in V if nxt[x]]
        expect = set().union(*(nxt[x] for x in prev))
        obs_states = expect.intersection(states.get(c, all_states))
        if not obs_states:
            if not expect:   # jieba's max() over no previous state raises here too
                raise ValueError("max() arg is an empty sequence")
            obs_states = expect
        newV, path = {}, {}
        for y in obs_states:
            e = emit_p[y].get(c, MIN_FLOAT)
            into = rev[y]
            best = best_y0 = None
            for y0 in prev:
                tp = into.get(y0)
                if tp is None:          # no transition: -inf, never the maximum
                    continue
                s = V[y0] + tp + e
                if best is None or s > best or (s == best and y0 > best_y0):
                    best, best_y0 = s, y0
            newV[y] = best
            path[y] = best_y0
        V = newV
        paths.append(path)
    prob, state = max((v, y) for y, v in V.items())
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return prob, route


def supported() -> bool:
    """Whether the installed jieba has the private methods this module replaces."""
    base = _posseg.POSTokenizer
    return all(hasattr(base, n) for n in ("_POSTokenizer__cut", "_POSTokenizer__cut_detail",
                                          "_POSTokenizer__cut_DAG")) \
        and all(hasattr(_posseg, n) for n in ("char_state_tab_P", "start_P", "trans_P", "emit_P", "pair",
                                              "re_han_detail", "re_skip_detail", "re_han_internal",
                                              "re_skip_internal", "re_eng", "re_num")) \
        and all(hasattr(_posseg.jieba.Tokenizer, n) for n in ("check_initialized", "get_DAG", "calc"))


# ---------------------------------------------------------------------------
# The same Viterbi on small integers, with each step's work planned once per (state set, character)
# ---------------------------------------------------------------------------
#
# A step of the Viterbi only depends on the set of states the previous character may be in and on the
# character: which states it may move to (jieba's ``obs_states``), and for each of those which previous
# states have a transition into it.  :func:`viterbi_fast` keeps those plans (:data:`PLAN_CACHE` of them)
# and represents a state by its rank in the sorted list of states: comparing ranks is comparing the
# ``(position, tag)`` tuples.  A step is three numpy operations on the (previous x next) block of the
# transition matrix (-inf where jieba has no transition: never the maximum): ``(V + trans) + emission``,
# the same three floats added in the same order as jieba's, and ``argmax`` over the previous states
# listed largest rank first, so that of equal scores the larger state wins, as ``max`` over
# ``(score, state)`` breaks ties.  The probabilities, the route and every token are jieba's (a loop in
# Python over the plan's pairs was ~70 microseconds a character; a new plan is now mostly the
# emission lookups).

PLAN_CACHE = 20_000   # plans (_STEP) kept: about 50 MB at most with their state sets and index arrays
                      # (measured: 2.7 kB a plan, 6,758 plans over 100 fresh archive pages); past that
                      # every plan is forgotten and made again as needed

_IDX: dict | None = None        # state -> rank
_STATES: list | None = None     # rank -> state
_SETS: dict = {}                # tuple of ranks -> id;   _SET_LIST[id] = tuple of ranks
_SET_LIST: list = []
_ROWIDX: dict = {}              # set id -> its ranks, largest first (numpy); ~set id -> its ranks
_FULL = None                    # rank -> rank: log transition probability, -inf for none (numpy)
_START: dict = {}               # char -> (set id, [scores])
_STEP: dict = {}                # (set id, char) -> (next set id, rows, columns of _FULL, emissions, last row)
_ROWS: list | None = None       # rank -> frozenset of ranks it can move to
_ALL: tuple | None = None
_CHAR: dict = {}                # char -> sorted ranks of its states (jieba's char_state_tab_P, else all)
_EXPECT: dict = {}              # set id -> frozenset of the ranks its states can move to
_SHARED: dict = {}              # an immutable value of the tables above -> itself: equal ones kept once


def _init_ranks():
    global _IDX, _STATES, _ROWS, _ALL, _FULL
    if _IDX is None:
        states = sorted(_posseg.trans_P)
        idx = {y: i for i, y in enumerate(states)}
        _ROWS = [frozenset(idx[y] for y in _posseg.trans_P[s]) for s in states]
        _ALL = tuple(sorted(idx[y] for y in _posseg.trans_P.keys()))
        full = np.full((len(states), len(states)), _NEG)
        for s, row in _posseg.trans_P.items():
            for y, p in row.items():
                full[idx[s], idx[y]] = p
        full.flags.writeable = False
        _FULL = full
        _STATES = states
        _IDX = idx


def _set_id(ranks: tuple) -> int:
    sid = _SETS.get(ranks)
    if sid is None:
        sid = _SETS[ranks] = len(_SET_LIST)
        _SET_LIST.append(ranks)
    return sid


def _char_ranks(c):
    got = _CHAR.get(c)
    if got is None:
        tab = _posseg.char_state_tab_P.get(c)
        got = _CHAR[c] = _ALL if tab is None else tuple(sorted(_IDX[y] for y in tab))
    return got


def _start(c):
    hit = _START.get(c)
    if hit is None:
        ranks = _char_ranks(c)
        start_p, emit_p = _posseg.start_P, _posseg.emit_P
        scores = [start_p[_STATES[r]] + emit_p[_STATES[r]].get(c, MIN_FLOAT) for r in ranks]
        hit = _START[c] = (_set_id(ranks), scores)
    return hit


def _expect(sid):
    """The states some state of set ``sid`` can move to (jieba's ``prev_states_expect_next``)."""
    got = _EXPECT.get(sid)
    if got is None:
        got = frozenset().union(*(_ROWS[r] for r in _SET_LIST[sid]))
        got = _EXPECT[sid] = _SHARED.setdefault(got, got)     # few distinct ones: kept once
    return got


def _index(sid, nid):
    """Where the transition matrix from the states of set ``sid`` to those of set ``nid`` lies in
    :data:`_FULL`: rows (a column vector) are the previous states, largest rank first."""
    rows = _ROWIDX.get(sid)
    if rows is None:
        rows = _ROWIDX[sid] = np.array(_SET_LIST[sid][::-1], dtype=np.intp)[:, None]
    cols = _ROWIDX.get(~nid)
    if cols is None:
        cols = _ROWIDX[~nid] = np.array(_SET_LIST[nid], dtype=np.intp)
    return rows, cols


def _step(sid, c):
    expect = _expect(sid)
    obs = expect.intersection(_char_ranks(c))
    if not obs:
        if not expect:   # jieba's max() over no previous state raises here too
            raise ValueError("max() arg is an empty sequence")
        obs = expect
    ranks = tuple(sorted(obs))
    nid = _set_id(ranks)
    emit = _posseg.emit_P
    states = _STATES
    e = np.array([emit[states[y]].get(c, MIN_FLOAT) for y in ranks])
    e.flags.writeable = False
    got = _STEP[(sid, c)] = (nid, *_index(sid, nid), e, len(_SET_LIST[sid]) - 1)
    return got


def viterbi_fast(obs: str):
    """``jieba.posseg.viterbi.viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)``, same result
    (see the comment above)."""
    _init_ranks()
    if len(_STEP) > PLAN_CACHE:
        _reset()        # memory stays bounded over an archive (between calls: set ids change)
    sid, scores = _start(obs[0])
    V = np.array(scores)
    sids = [sid]
    paths = []
    step_get = _STEP.get
    full = _FULL
    for c in obs[1:]:
        st = step_get((sid, c))
        if st is None:
            st = _step(sid, c)
        sid, rows, cols, e, last = st
        # score[j, y] = (V[j] + trans[j, y]) + e[y], the previous states largest rank first, so that
        # argmax (the first of equal maxima) picks the larger state as jieba's max over (score, state)
        m = V[::-1, None] + full[rows, cols]
        m += e
        a = m.argmax(0)
        V = m.max(0)
        paths.append(last - a)
        sids.append(sid)
    n = len(V)
    k = n - 1 - int(V[::-1].argmax())      # the best final state, ties to the larger rank
    prob = float(V[k])
    route = [None] * len(obs)
    states = _STATES
    set_list = _SET_LIST
    for t in range(len(obs) - 1, -1, -1):
        route[t] = states[set_list[sids[t]][k]]
        if t:
            k = int(paths[t - 1][k])
    return prob, route


_NEG = float("-inf")


def _reset() -> None:
    """Forget every plan and state set (they are only a memory: the results do not depend on it)."""
    _STEP.clear()
    _ROWIDX.clear()
    _START.clear()
    _EXPECT.clear()
    _SHARED.clear()
    _SETS.clear()
    _SET_LIST.clear()


class POSTokenizer(_posseg.POSTokenizer):
    """jieba.posseg.POSTokenizer with :func:`viterbi_fast` and a per-process memory of detailed cuts.

    :meth:`lcut_pairs` is ``[(p.word, p.flag) for p in self.cut(sentence)]`` in one function: jieba's
    blocks, its DAG and best route (``get_DAG`` and ``calc`` in one backward pass, the same floats added
    in the same order, ties to the longer word as ``max`` over ``(score, end)`` breaks them), its
    handling of single characters and of unknown runs (HMM, :func:`viterbi_fast`), without the generators
    and ``pair`` objects between them."""

    def __init__(self, tokenizer=None):
        super().__init__(tokenizer)
        self._detail: OrderedDict = OrderedDict()
        self._lp: dict | None = None     # see _logp
        self._lp_key = None

    def load_word_tag(self, f):
        global _BASE_TAGS
        base, _BASE_TAGS = _BASE_TAGS, None
        if base is not None and _resolve(f) == base[0]:
            f.close()
            self.word_tag_tab = base[1]   # the same file, already read (see _BASE_TAGS)
            return
        super().load_word_tag(f)

    # jieba calls these through name-mangled private names
    def _POSTokenizer__cut(self, sentence):
        pair = _posseg.pair
        return (pair(w, f) for w, f in _hmm_words(sentence))

    def _POSTokenizer__cut_detail(self, sentence):
        pair = _posseg.pair
        return (pair(w, f) for w, f in self._detail_list(sentence))

    def _detail_list(self, sentence: str) -> list:
        """jieba's ``__cut_detail(sentence)`` as (word, flag) pairs, remembered per process."""
        hit = self._detail.get(sentence)
        if hit is None:
            hit = []
            for blk in _re_han_detail.split(sentence):
                if _re_han_detail.match(blk):
                    hit.extend(_hmm_words(blk))
                else:
                    for x in _re_skip_detail.split(blk):
                        if x:
                            if _re_num.match(x):
                                hit.append((x, "m"))
                            elif _re_eng.match(x):
                                hit.append((x, "eng"))
                            else:
                                hit.append((x, "x"))
            self._detail[sentence] = hit
            if len(self._detail) > DETAIL_CACHE:
                self._detail.popitem(last=False)
        return hit

    def lcut_pairs(self, sentence: str) -> list:
        """``[(p.word, p.flag) for p in self.cut(sentence)]`` (jieba's cut with its HMM), same list."""
        self.makesure_userdict_loaded()
        out: list = []
        app = out.append
        for blk in _re_han_internal.split(sentence):
            if not blk:
                continue        # jieba yields nothing for an empty piece either
            if _re_han_internal.match(blk):
                self._cut_block(blk, out)
            else:
                for x in _re_skip_internal.split(blk):
                    if _re_skip_internal.match(x):
                        app((x, "x"))
                    else:
                        eng = _re_eng.match(x)      # jieba tests the piece, not the character, here
                        for xx in x:
                            if _re_num.match(xx):
                                app((xx, "m"))
                            elif eng:
                                app((xx, "eng"))
                            else:
                                app((xx, "x"))
        return out

    def _cut_block(self, sentence: str, out: list) -> None:
        """jieba's ``__cut_DAG(sentence)`` appended to ``out`` as (word, flag) pairs."""
        tk = self.tokenizer
        tk.check_initialized()
        freq_get = tk.FREQ.get
        logtotal = _log(tk.total)
        lp = self._logp(tk)
        lp_get = lp.get
        tags_get = self.word_tag_tab.get
        n = len(sentence)
        score = [0.0] * (n + 1)     # jieba's route[k] = (score[k], end[k]); route[n] = (0, 0)
        end = list(range(n + 1))
        for k in range(n - 1, -1, -1):
            best = None
            bx = k
            i = k
            frag = sentence[k]
            while True:             # jieba's get_DAG row k, scored as calc does
                w = lp_get(frag)
                if w is None:
                    f = freq_get(frag)
                    if f is None:
                        break
                    w = lp[frag] = (_log(f) - logtotal) if f else _PREFIX
                if w is not _PREFIX:
                    sc = w + score[i + 1]       # (log(f) - logtotal) + score: jieba's sum, same order
                    if best is None or sc >= best:      # max over (score, end): ties to the larger end
                        best, bx = sc, i
                i += 1
                if i >= n:
                    break
                frag = sentence[k:i + 1]
            if best is None:        # no word starts here: the character alone, log(1)
                best = _log(1) - logtotal + score[k + 1]
            score[k] = best
            end[k] = bx
        app = out.append
        x = 0
        buf = ""
        while x < n:
            y = end[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, out, freq_get, tags_get)
                    buf = ""
                w = sentence[x:y]
                app((w, tags_get(w, "x")))
            x = y
        if buf:
            self._flush(buf, out, freq_get, tags_get)

    def _logp(self, tk) -> dict:
        """``log(FREQ[w]) - log(total)`` of the dictionary words met so far (:data:`_PREFIX` for
        a prefix of a word, frequency 0): jieba computes it again at every position.  Kept while
        the dictionary is the same (same table, same total, same size); a word deleted after the
        first cut (jieba's ``del_word``, which keeps the total) needs ``self._lp = None``."""
        key = (id(tk.FREQ), tk.total, len(tk.FREQ))
        if self._lp is None or self._lp_key != key or len(self._lp) > LOGP_CACHE:
            self._lp, self._lp_key = {}, key
        return self._lp

    def _flush(self, buf, out, freq_get, tags_get):
        if len(buf) == 1:
            out.append((buf, tags_get(buf, "x")))
        elif not freq_get(buf):
            out.extend(self._detail_list(buf))
        else:
            for elem in buf:
                out.append((elem, tags_get(elem, "x")))


def _hmm_words(sentence: str) -> list:
    """jieba's ``POSTokenizer.__cut(sentence)`` (the HMM's words of a run of Han characters) as
    (word, flag) pairs, with :func:`viterbi_fast`."""
    prob, pos_list = viterbi_fast(sentence)
    out = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((sentence[begin:i + 1], pos_list[i][1]))
            nexti = i + 1
        elif pos == "S":
            out.append((char, pos_list[i][1]))
            nexti = i + 1
    if nexti < len(sentence):
        out.append((sentence[nexti:], pos_list[nexti][1]))
    return out


_re_han_detail = _posseg.re_han_detail
_re_skip_detail = _posseg.re_skip_detail
_re_han_internal = _posseg.re_han_internal
_re_skip_internal = _posseg.re_skip_internal
_re_eng = _posseg.re_eng
_re_num = _posseg.re_num


