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
"""
from __future__ import annotations

import sys
from collections import OrderedDict

_FRESH = "jieba.posseg" not in sys.modules
import jieba.posseg as _posseg  # noqa: E402  (its import builds jieba.posseg.dt: the word-tag table, ~0.5 s)
from jieba._compat import resolve_filename as _resolve  # noqa: E402

# The word-tag table jieba.posseg.dt has just read from the main dictionary, taken while it is certainly
# untouched (jieba.posseg imported here for the first time), so that the tokenizer of this module does not
# read and parse the same file a second time: (file name, table).  Handed over once, then None.
_BASE_TAGS: tuple[str, dict] | None = None
if _FRESH:
    try:
        _fh = _posseg.dt.tokenizer.get_dict_file()
        _BASE_TAGS = (_resolve(_fh), dict(_posseg.dt.word_tag_tab))
        _fh.close()
    except Exception:  # pragma: no cover - a jieba without these: read the file as jieba does
        _BASE_TAGS = None

MIN_FLOAT = -3.14e100
DETAIL_CACHE = 50_000

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


class POSTokenizer(_posseg.POSTokenizer):
    """jieba.posseg.POSTokenizer with :func:`viterbi` and a per-process memory of detailed cuts."""

    def __init__(self, tokenizer=None):
        super().__init__(tokenizer)
        self._detail: OrderedDict = OrderedDict()

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
        prob, pos_list = viterbi(sentence)
        begin, nexti = 0, 0
        pair = _posseg.pair
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield pair(sentence[begin:i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield pair(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield pair(sentence[nexti:], pos_list[nexti][1])

    def _POSTokenizer__cut_detail(self, sentence):
        hit = self._detail.get(sentence)
        if hit is None:
            hit = [(p.word, p.flag) for p in super()._POSTokenizer__cut_detail(sentence)]
            self._detail[sentence] = hit
            if len(self._detail) > DETAIL_CACHE:
                self._detail.popitem(last=False)
        pair = _posseg.pair
        return (pair(w, f) for w, f in hit)


def supported() -> bool:
    """Whether the installed jieba has the private methods this module replaces."""
    base = _posseg.POSTokenizer
    return all(hasattr(base, n) for n in ("_POSTokenizer__cut", "_POSTokenizer__cut_detail",
                                          "_POSTokenizer__cut_DAG")) \
        and hasattr(_posseg, "char_state_tab_P") and hasattr(_posseg, "pair")
