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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cues import TYPES, CueHit, Typer, direction, features, sentence_cues
from .text import Sentence, Span

# A sentence opening with a pronoun that points back, but not "It is clear that..." (no antecedent) nor a
# cleft "It is attitude ... that determines ..." (the pronoun stands for what follows, not what came before)
ANAPHOR_RE = re.compile(
    r"[\"'\u201c\u2018(]*(?:(?:each|all|both|some|many|most|none|several|any|either|neither|one) of\s+)?"
    r"(this|these|that|those|it|they|such|its|their|he|she|his|her)\b(?!\s*(?:is|was)\s+(?:not\s+)?"
    r"(?:clear|true|important|essential|necessary|possible|likely|easy|hard|difficult)\b)"
    r"(?!\s+(?:is|was)\s+(?!(?:a|an|the|not)\b)[^.;!?]{1,80}?\s(?:that|who)\b)",
    re.IGNORECASE,
)
MAX_LINKS = 3  # a cross-sentence anchor pairs with at most this many mentions of the linked sentence

MAX_GAP = 5  # pair mentions at most this many mentions apart (citations pair with the whole sentence)
MIN_NODE_WEIGHT = 0.06  # new terms scored lower than this take part in no relation
MAX_PASSAGES_PER_PAIR = 8  # later passages of a pair are skipped (bounds the work on long texts)


def _room(seen: dict | None, a: Node, b: Node) -> bool:
    """Count one more passage of the pair (a, b); False when the pair already has enough."""
    if seen is None:
        return True
    k = (a.concept, b.concept) if a.concept < b.concept else (b.concept, a.concept)
    n = seen.get(k, 0)
    if n >= MAX_PASSAGES_PER_PAIR:
        return False
    seen[k] = n + 1
    return True


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
    feats: frozenset[str] = frozenset()
    between: int = 0  # mentions between the two ends
    one_clause: bool = False  # the passage is a single clause
    heading: bool = False  # the sentence is a heading
    crowd: int = 0  # mentions in the sentence
    first_rank: int = 0  # how many mentions precede the first end in the sentence
    kind: str = ""  # "" same sentence; across sentences: "anaphor", "heading", "cite-prev"
    context: str = ""  # for a cross-sentence pair: where the passage names its other end


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


def sentence_passages(
    text: str, sent: Sentence, nodes: Sequence[Node], typer: Typer, seen: dict | None = None
) -> list[Passage]:
    """Every candidate passage of one sentence (nodes sorted by position); ``seen`` counts passages per pair."""
    out = []
    sent_hits: Sequence[CueHit] | None = None  # found on the first pair that needs them
    for i, a in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            b = nodes[j]
            if a.concept == b.concept or a.end > b.start or (a.cite and b.cite):
                continue  # a head and the longer mention that holds it are no pair, nor two citations
            if j - i > MAX_GAP and not (a.cite or b.cite):
                continue
            if any(n.concept in (a.concept, b.concept) and a.end <= n.start and n.end <= b.start
                   for n in nodes[i + 1 : j]):
                continue  # "high X fosters A, and low X reduces B": the nearer mention of X is the one linked to B
            if min(a.weight, b.weight) < MIN_NODE_WEIGHT or not _room(seen, a, b):
                continue
            qs, qe = passage_span(text, sent, a, b)
            if sent_hits is None:
                sent_hits = sentence_cues(text, sent.start, sent.end)
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
            one = any(c.start <= qs and qe <= c.end + 1 for c in sent.clauses)
            out.append(
                Passage(a, b, qs, qe, ps, typer.scores(feats), hits, feats, between, one, sent.heading, len(nodes), i)
            )
    return out


def _closed(text: str, sent: Sentence, qs: int, qe: int) -> int:
    """``qe`` moved past the closing bracket of a bracket ``text[qs:qe]`` leaves open ("(Crosby" -> "(Crosby)")."""
    if text.count("(", qs, qe) > text.count(")", qs, qe):
        close = text.find(")", qe, sent.end)
        if close >= 0:
            return close + 1
    return qe


def linked_passages(
    text: str,
    sent: Sentence,
    anchor: Node,
    nodes: Sequence[Node],
    typer: Typer,
    kind: str,
    context: str,
    seen: dict | None = None,
) -> list[Passage]:
    """Passages pairing ``anchor``, named outside ``sent`` (sentence before, heading), with mentions of ``sent``.

    The passage runs from the sentence start to the end of the clause holding the mention, so the quote
    stays one verbatim span of ``sent``; the anaphor or the start of the sentence stands in for the anchor.
    """
    out = []
    m = ANAPHOR_RE.match(text, sent.start, sent.end)
    lead = (m.start(1), m.end(1)) if m else (sent.start, sent.start)
    hits: Sequence[CueHit] | None = None
    count = 0
    for i, b in enumerate(nodes):
        if count >= MAX_LINKS:
            break
        if b.concept == anchor.concept or min(anchor.weight, b.weight) < MIN_NODE_WEIGHT or b.start < lead[1]:
            continue
        if anchor.cite and b.cite:
            continue
        count += 1
        if not _room(seen, anchor, b):
            continue
        qe = _closed(text, sent, sent.start, next((c.end for c in sent.clauses if c.end >= b.end), sent.end))
        if qe < sent.end and text[qe] in ".!?" and qe + 1 == sent.end:
            qe += 1
        qs = sent.start
        if hits is None:
            hits = sentence_cues(text, sent.start, sent.end)
        others = [(n.start, n.end) for n in nodes if n is not b]
        feats, hits_b = features(
            text, qs, qe, lead, (b.start, b.end), anchor.class_label, b.class_label, anchor.cite or b.cite, others, hits
        )
        feats = feats | {f"link:{kind}"}
        ps = 0.5 * pair_score(feats, anchor, b, i)
        one = any(c.start <= qs and qe <= c.end + 1 for c in sent.clauses)
        out.append(
            Passage(
                anchor,
                b,
                qs,
                qe,
                ps,
                typer.scores(feats),
                hits_b,
                feats,
                i,
                one,
                sent.heading,
                len(nodes),
                i,
                kind,
                context,
            )
        )
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
    if p.kind in ("heading", "list") and t in ("part of", "kind of"):
        return b, a  # what is listed under a heading is part or a kind of what the heading names
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
        # the type is read from the passages that name both ends when there are any: a passage that names
        # one end only (the other is further back) says less about how the two are related
        typed = [p for p in ps if not p.kind] or ps
        wsum = sum(p.pair_score for p in typed)
        probs = {t: sum(p.pair_score * p.probs[t] for p in typed) / wsum for t in TYPES}
        out.append({"key": k, "passages": ps, "confidence": conf, "probs": probs})
    return out
