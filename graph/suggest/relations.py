"""Pairing mentions into relation candidates: which pairs, which passage, which direction, what score.

Two concepts named in one sentence form a candidate. Its passage is the shortest run of clauses that
holds both mentions; its pair score (is this a stated relation at all?) grows with a cue between the
mentions, closeness and a shared clause, and shrinks when the two are mere siblings of a list. The
type comes from ``cues.Typer``; the direction from the type (a role is the object of "practised by", a
cited work the subject of "cited for") or the cue's own direction. Passages of the same pair are
merged: the pair score is the best passage's, raised a little by repetition; the type distribution is
their score-weighted mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cues import TYPES, CueHit, Typer, direction, features, find_cues
from .text import Sentence, Span

MAX_GAP = 5  # pair mentions at most this many mentions apart (citations pair with the whole sentence)
MIN_NODE_WEIGHT = 0.12  # new terms scored lower than this take part in no relation


@dataclass(frozen=True)
class Node:
    """A mention ready for pairing: concept key, label, class, known id, character span."""

    concept: str
    label: str
    class_label: str
    known_id: str | None
    start: int
    end: int
    cite: bool
    weight: float  # the concept's own score (1 for known concepts)


@dataclass
class Passage:
    first: Node
    second: Node
    start: int
    end: int
    pair_score: float
    probs: dict[str, float]
    hits: list[CueHit]


def passage_span(text: str, sent: Sentence, a: Node, b: Node) -> tuple[int, int]:
    """The shortest run of clauses of ``sent`` that covers both mentions, brackets balanced."""
    start, end = min(a.start, b.start), max(a.end, b.end)
    clauses: Sequence[Span] = sent.clauses
    qs = next((c.start for c in reversed(clauses) if c.start <= start), sent.start)
    qe = next((c.end for c in clauses if c.end >= end), sent.end)
    qs, qe = min(qs, start), max(qe, end)
    quote = text[qs:qe]
    while quote.count("(") > quote.count(")") and qe < sent.end:
        nxt = text.find(")", qe, sent.end)
        if nxt < 0:
            break
        qe = nxt + 1
        quote = text[qs:qe]
    while quote.count(")") > quote.count("(") and qs > sent.start:
        prev = text.rfind("(", sent.start, qs)
        if prev < 0:
            break
        qs = prev
        quote = text[qs:qe]
    if qe < len(text) and qe < sent.end and text[qe] in ".!?" and qe + 1 == sent.end:
        qe += 1
    return qs, qe


def pair_score(feats: frozenset[str], a: Node, b: Node, nodes_between: int) -> float:
    """How likely the passage states some relation between the two mentions (0..1, hand-set)."""
    s = 0.22
    cue_between = any(f.endswith(":btw") for f in feats)
    if cue_between:
        s += 0.3
    elif any(f.endswith(":weak") for f in feats):
        s += 0.12
    if any(f.endswith(":pre") or f.endswith(":post") for f in feats):
        s += 0.06
    s += {"near": 0.14, "mid": 0.06, "far": -0.1}.get(next(f for f in ("near", "mid", "far") if f in feats), 0)
    if "listhead" in feats:
        s += 0.12
    else:
        if "coord" in feats:
            s -= 0.2
        s -= 0.07 * min(nodes_between, 4)
    if "cite" in feats:
        s += 0.15
    s *= 0.55 + 0.45 * min(a.weight, b.weight)
    return max(0.01, min(0.98, s))


def sentence_passages(text: str, sent: Sentence, nodes: Sequence[Node], typer: Typer) -> list[Passage]:
    """Every candidate passage of one sentence (nodes sorted by position)."""
    out = []
    sent_hits = find_cues(text, sent.start, sent.end) if len(nodes) > 1 else []
    for i, a in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            b = nodes[j]
            if a.concept == b.concept:
                continue
            if j - i > MAX_GAP and not (a.cite or b.cite):
                continue
            if min(a.weight, b.weight) < MIN_NODE_WEIGHT:
                continue
            qs, qe = passage_span(text, sent, a, b)
            others = [(n.start, n.end) for n in nodes if n is not a and n is not b]
            feats, hits = features(
                text,
                qs,
                qe,
                (a.start, a.end),
                (b.start, b.end),
                a.class_label,
                b.class_label,
                a.cite or b.cite,
                others,
                sent_hits,
            )
            between = sum(1 for n in nodes[i + 1 : j] if not n.cite)
            ps = pair_score(feats, a, b, between)
            if a.cite or b.cite:
                # a citation is evidence for the sentence's main concepts: the first ones named
                other = b if a.cite else a
                rank = sum(1 for n in nodes if not n.cite and n.start < other.start)
                ps = max(0.01, min(0.98, ps + 0.25 - 0.12 * rank))
            out.append(Passage(a, b, qs, qe, ps, typer.scores(feats), hits))
    return out


def orient(p: Passage, t: str) -> tuple[Node, Node]:
    """(subject, object) of passage ``p`` read as a relation of type ``t``."""
    a, b = p.first, p.second
    if t == "cited for":
        return (a, b) if a.cite else (b, a)
    if t == "practised by":
        if b.class_label == "role" and a.class_label != "role":
            return a, b
        if a.class_label == "role" and b.class_label != "role":
            return b, a
    if t == "contrasts with":
        return a, b
    return (b, a) if direction(t, p.hits) else (a, b)


def merge(passages: Sequence[Passage]) -> list[dict]:
    """Group passages by unordered concept pair into scored relation records (unsorted)."""
    groups: dict[tuple[str, str], list[Passage]] = {}
    for p in passages:
        k = tuple(sorted((p.first.concept, p.second.concept)))
        groups.setdefault(k, []).append(p)
    out = []
    for k in sorted(groups):
        ps = sorted(groups[k], key=lambda p: (-p.pair_score, p.start, p.end))
        # the best passage decides; each further passage adds a little (repetition is weak evidence)
        conf = 1.0 - (1.0 - ps[0].pair_score) * (1.0 - 0.08 * min(len(ps) - 1, 3))
        wsum = sum(p.pair_score for p in ps)
        probs = {t: sum(p.pair_score * p.probs[t] for p in ps) / wsum for t in TYPES}
        out.append({"key": k, "passages": ps, "confidence": conf, "probs": probs})
    return out
