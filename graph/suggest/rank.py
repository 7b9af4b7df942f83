"""A learnt pair ranker: is a candidate pair a relation the curators would record?

Features are general (cue families between the mentions, distance, clause, how known and how
term-like the ends are, how frequent the ends are in the document, how many passages state the pair,
how exclusively the two ends co-occur, the typer's confidence); the weights are fitted by a small
L2-regularised logistic regression (numpy, fixed iterations, deterministic) on candidate pairs
generated from curated training documents exactly as ``suggest`` generates them, labelled by the
documents' curated relations. Without training data the hand-set pair score is used unchanged.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .text import WORD_RE
from .words import pos_set

FEATURES = (
    "bias",
    "hand_score",
    "log_passages",
    "cue_btw",
    "cue_weak_only",
    "cue_around",
    "near",
    "mid",
    "listhead",
    "coord",
    "between",
    "cite",
    "both_known",
    "one_known",
    "min_weight",
    "max_weight",
    "min_freq_pct",
    "max_freq_pct",
    "type_conf",
    "quote_words",
    "one_clause",
    "heading",
    "crowd",
    "btw_share",
    "pmi",
    "first_in_sentence",
    "anaphor",
    "heading_link",
    "cite_prev",
    "list_link",
    "adjacent",
    "paragraph",
    "any_same_sentence",
    "verb_between",
    "min_end_rank",
    "max_end_rank",
    "cite_rank",
    "cls_role",
    "cls_model",
    "cls_value",
    "cls_technique",
    "cls_outcome",
    "same_class",
)


def pair_vector(rec: dict, freq: Counter, pct: dict[str, float], n_units: int, text: str) -> list[float]:
    """The feature vector of one merged pair record (see ``relations.merge``)."""
    ps = rec["passages"]
    best = ps[0]
    f = best.feats
    a, b = best.first, best.second
    btw = any(x.endswith(":btw") for x in f)
    weak = not btw and any(x.endswith(":weak") for x in f)
    around = any(x.endswith((":pre", ":post")) for x in f)
    fa, fb = freq.get(a.concept, 1), freq.get(b.concept, 1)
    n_known = (a.known_id is not None) + (b.known_id is not None)
    words = len(text[best.start : best.end].split())
    n_btw = sum(1 for p in ps if any(x.endswith(":btw") for x in p.feats))
    pmi = math.log((len(ps) * max(n_units, 1)) / (fa * fb)) / 5.0
    return [
        1.0,
        best.pair_score,
        math.log1p(len(ps)),
        float(btw),
        float(weak),
        float(around),
        float("near" in f),
        float("mid" in f),
        float("listhead" in f),
        float("coord" in f),
        min(best.between, 4) / 4.0,
        float("cite" in f),
        float(n_known == 2),
        float(n_known == 1),
        min(a.weight, b.weight),
        max(a.weight, b.weight),
        min(pct.get(a.concept, 0.0), pct.get(b.concept, 0.0)),
        max(pct.get(a.concept, 0.0), pct.get(b.concept, 0.0)),
        max(rec["probs"].values()),
        min(words, 40) / 40.0,
        float(best.one_clause),
        float(best.heading),
        min(best.crowd, 10) / 10.0,
        n_btw / len(ps),
        max(-2.0, min(2.0, pmi)),
        float(best.first_rank == 0),
        float(best.kind == "anaphor"),
        float(best.kind == "heading"),
        float(best.kind == "cite-prev"),
        float(best.kind == "list"),
        float(best.kind == "adjacent"),
        float(best.kind == "paragraph"),
        float(any(not p.kind for p in ps)),
        _verb_between(text, best),
    ]


def _verb_between(text: str, p) -> float:
    """1 when a word that can only be a verb stands between the two mentions: a predicate joins them."""
    lo, hi = sorted(((p.first.start, p.first.end), (p.second.start, p.second.end)))
    if p.kind or lo[1] >= hi[0]:
        return 0.0
    for w in WORD_RE.findall(text, lo[1], hi[0]):
        pos = pos_set(w.lower())
        if "VERB" in pos and not pos & {"NOUN", "ADJ"}:
            return 1.0
    return 0.0


def frequency_percentiles(freq: Counter) -> dict[str, float]:
    """Each concept's rank among the document's concepts by mention count, as 0 (rarest) .. 1 (most)."""
    if not freq:
        return {}
    values = sorted(freq.values())
    n = len(values)
    out = {}
    for c, v in freq.items():
        lo = np.searchsorted(values, v, side="left")
        hi = np.searchsorted(values, v, side="right")
        out[c] = float((lo + hi) / 2.0 / n)
    return out


class PairModel:
    """Logistic regression over ``FEATURES`` (standardised), fitted with fixed-step gradient descent."""

    def __init__(self, x: Sequence[Sequence[float]], y: Sequence[int], l2: float = 1.0, iters: int = 400) -> None:
        xa = np.asarray(x, dtype=float)
        ya = np.asarray(y, dtype=float)
        self.mean = xa.mean(axis=0)
        self.std = xa.std(axis=0)
        self.mean[0], self.std[0] = 0.0, 1.0
        self.std[self.std < 1e-9] = 1.0
        z = (xa - self.mean) / self.std
        n, d = z.shape
        # weight positives up to a quarter of the mass: they are few, and ranking is what counts
        pos = max(ya.sum(), 1.0)
        wpos = max(1.0, 0.25 * (n - pos) / pos)
        sw = np.where(ya > 0, wpos, 1.0)
        sw = sw / sw.sum()
        w = np.zeros(d)
        w[0] = math.log(pos / max(n - pos, 1.0))
        lr = 0.5
        reg = l2 / n
        for _ in range(iters):
            p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
            grad = z.T @ (sw * (p - ya))
            grad[1:] += reg * w[1:]
            w -= lr * grad
        self.w = w

    def prob(self, v: Sequence[float]) -> float:
        z = (np.asarray(v, dtype=float) - self.mean) / self.std
        return float(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, float(z @ self.w))))))

    def probs(self, vs: Sequence[Sequence[float]]) -> list[float]:
        if not len(vs):
            return []
        z = (np.asarray(vs, dtype=float) - self.mean) / self.std
        return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(z @ self.w, -30, 30)))]
