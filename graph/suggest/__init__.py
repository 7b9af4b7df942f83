"""Suggest concepts and quoted relations for a leadership text.

``suggest(text, document, known, examples, known_relations, rejected)`` returns a JSON-able dict:
the known concepts the text mentions (every mention, with offsets), new concept candidates ranked by
score with a proposed class, and relation candidates between them, each with a type, a score, the
next-best types, and the shortest verbatim passage stating it (``text[start:end] == quote``).

The method is deterministic and offline: rule-based segmentation (``text``), dictionary lemmas
(``words``, lemminflect and wordfreq), lexicon matching (``lexicon``), acronyms the text defines
(``acronyms``), termhood ranking (``terms``), cue features
and a typer calibrated on the curated examples at call time (``cues``), pairing within sentences and
across them (anaphora, headings, citations; ``relations``), and, when curated documents are passed as
``training``, a pair ranker learnt from them at call time (``rank``).
"""

from __future__ import annotations

import bisect
import itertools
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .acronyms import Acronym, acronyms
from .classes import CLASS_LABELS, known_head_classes
from .cues import TYPES, Typer, features
from .lexicon import KnownConcept, Lexicon, Mention, citations, name_key
from .rank import PairModel, frequency_percentiles, pair_vector
from .relations import ANAPHOR_RE, Node, Passage, linked_passages, merge, orient, sentence_passages
from .terms import discover, light_verb
from .text import LIST_ITEM_RE, WORD_RE, Sentence, blank_spans, sentences, tokens
from .words import lemmas, pos_set

__all__ = ["CLASS_LABELS", "TYPES", "Example", "KnownConcept", "TrainingDocument", "suggest", "train_pair_model"]

MIN_CONCEPT_SCORE = 0.08  # new candidates below this are not reported
MAX_CONCEPTS = 400
EVIDENCE_PER_NEW = 3
STRONG_TERM = 0.3  # score from which a new term may cover a known name inside it
MAX_TRAINING_CHARS = 80_000  # learn the pair ranking from at most this much curated text
HIDE_MOD, HIDE_OF = 3, 1  # hide HIDE_OF in HIDE_MOD of a training document's concepts
PAIR_L2 = 100.0  # L2 strength of the pair ranker (in units of one training pair)
TYPE_WEIGHT = 0.2  # share of a relation's score that comes from its type probability (the rest: pair score)


@dataclass(frozen=True)
class Example:
    """A curated relation: a labelled training example (subject/object are KnownConcept ids)."""

    subject: str
    type_label: str
    object: str
    quote: str


@dataclass(frozen=True)
class TrainingDocument:
    """A curated document: its full text, the known concepts it uses, and its curated relations."""

    text: str
    known: tuple[KnownConcept, ...]
    relations: tuple[Example, ...]
    furniture: tuple[tuple[int, int], ...] = ()  # spans of page navigation lines, read as blank


def _labelled(examples: Sequence[Example], known: Sequence[KnownConcept], lex: Lexicon) -> list:
    """Feature sets of the examples' quotes, located by finding both ends in each quote."""
    cls = {k.id: k.class_label for k in known}
    out = []
    for ex in sorted(examples, key=lambda e: (e.subject, e.type_label, e.object, e.quote)):
        q = ex.quote
        qs = sentences(q)
        qt = tokens(q, qs)
        found = {m.concept: m for m in reversed(lex.find(q, qt))}
        cites = citations(q)
        spans: dict[str, tuple[int, int]] = {}
        for end in (ex.subject, ex.object):
            if end in found:
                spans[end] = (found[end].start, found[end].end)
            elif cls.get(end) == "cited work" and cites:
                spans[end] = (cites[0][2], cites[0][3])
        cite = cls.get(ex.subject) == "cited work" or cls.get(ex.object) == "cited work"
        if len(spans) == 2:
            (a_id, a), (b_id, b) = sorted(spans.items(), key=lambda kv: kv[1])
            if a[1] > b[0]:
                continue
            feats, _ = features(q, 0, len(q), a, b, cls.get(a_id, ""), cls.get(b_id, ""), cite)
        else:
            feats, _ = features(q, 0, len(q), (0, 0), (len(q), len(q)), "", "", cite)
            feats = frozenset(f for f in feats if ":pre" not in f and ":post" not in f)
        out.append((feats, ex.type_label))
    return out


def _sentence_nodes(
    text: str, known_m: list[Mention], cite_nodes: list[tuple[int, Node]], cand_nodes: list
) -> dict[int, list[Node]]:
    """Mentions per sentence, not overlapping but for a known name nested as the head of a longer term:
    citations and the terms that win over known names first, then known names, then candidates by
    score."""
    per: dict[int, list[Node]] = {}
    taken: dict[int, list[tuple[int, int]]] = {}

    def put(si: int, node: Node) -> None:
        spans = taken.setdefault(si, [])
        if any(not (node.end <= a or node.start >= b) for a, b in spans):
            return
        spans.append((node.start, node.end))
        per.setdefault(si, []).append(node)

    for si, node in cite_nodes:
        put(si, node)
    for m, node in known_m:
        put(m.sentence, node)
    for si, node in cand_nodes:
        put(si, node)
    _nest_heads(text, per, [(m.sentence, n) for m, n in known_m])
    for si in per:
        per[si].sort(key=lambda n: (n.start, n.end))
    return per


_OF = re.compile(r"\bof\b", re.IGNORECASE)


def _headed_by(text: str, term: Node, end: int) -> bool:
    """A name ending at ``end`` is the head of ``term``: it ends the term, and no "of" puts the head first
    ("the basis of trust" is a basis, not a kind of trust)."""
    return end == term.end and not _OF.search(text, term.start, term.end)


def _nest_heads(text: str, per: dict[int, list[Node]], heads: list[tuple[int, Node]]) -> None:
    """Add to ``per`` each of ``heads`` (known names) that a placed mention hides as its head: "leadership"
    inside "leadership action" still pairs with the sentence's other concepts. (New terms are not nested:
    "power" inside "servant power" would pair with what the longer term relates to.)"""
    placed = {(si, n.start, n.end) for si, ns in per.items() for n in ns}
    for si, node in heads:
        if (si, node.start, node.end) not in placed and _head_of(text, node, per.get(si, ())):
            per[si].append(node)
            placed.add((si, node.start, node.end))


def _head_of(text: str, node: Node, placed: Sequence[Node]) -> bool:
    """``node`` heads a longer mention that hides it ("leadership" in "leadership action"): the head of a
    noun phrase names what the phrase is a kind of, so the phrase's relations may be the head's too."""
    return any(p.start < node.start and not p.cite and _headed_by(text, p, node.end) for p in placed)


def _analyse(text: str, known: Sequence[KnownConcept], lex: Lexicon, typer: Typer) -> dict:
    """Segmentation, mentions, candidates and candidate passages of one text (shared with training)."""
    sents = sentences(text)
    toks = tokens(text, sents)
    by_id = lex.by_id
    known_m = lex.find(text, toks)

    cite_nodes, cite_concepts, masked = _citation_nodes(text, sents, toks, lex)
    known_m = [m for m in known_m if masked.isdisjoint(range(m.first, m.last + 1))]
    defined = acronyms(text, toks)
    known_m = _with_acronym_uses(known_m, defined, toks)

    known_keys = set(lex.entries)
    new_defined = [a for a in defined if not _known_long_form(known_m, a)]
    # an acronym is never a term of its own: it names its long form, known ("(SL)" after "servant
    # leadership") or new
    masked.update(t for a in defined for t in (a.defined_at, *a.uses))
    cands = discover(text, toks, sents, known_m, known_keys, known_head_classes(known), frozenset(masked),
                     new_defined)
    cands = [c for c in cands if c.score >= MIN_CONCEPT_SCORE][:MAX_CONCEPTS]
    rel_cands = cands

    known_nodes = []
    for m in known_m:
        k = by_id[m.concept]
        cite = k.class_label == "cited work"
        known_nodes.append((m, Node(m.concept, k.label, k.class_label, k.id, m.start, m.end, cite, 1.0)))
    cand_nodes = []
    for c in rel_cands:
        ck = "new:" + " ".join(c.key)
        for a, b in c.occurrences:
            node = Node(ck, c.label, c.class_label, None, toks[a].start, toks[b].end, False, c.score)
            cand_nodes.append((toks[a].sentence, node))
    # where candidates overlap, the longest phrase is the mention ("organizational power politics", not the
    # better-known "power" inside it), as the lexicon reads the longest name
    cand_nodes.sort(key=lambda x: (-(x[1].end - x[1].start), -x[1].weight, x[1].start))
    # a well-scored longer term wins over a shorter term or a known name inside it ("philosophy of service"
    # over "service", "personal power" over "power"); any term wins over a known name that heads it
    # ("values-based leadership" over "leadership"), which stays as a nested mention (see _head_of)
    spans_known: dict[int, list[tuple[int, int]]] = {}
    for m, n in known_nodes:
        spans_known.setdefault(m.sentence, []).append((n.start, n.end))
    strong = [
        (si, n)
        for si, n in cand_nodes
        if any(n.start <= a and b <= n.end and (a, b) != (n.start, n.end)
               and (n.weight >= STRONG_TERM or _headed_by(text, n, b)) for a, b in spans_known.get(si, ()))
    ]
    per = _sentence_nodes(text, known_nodes, cite_nodes + strong, cand_nodes)

    passages = []
    seen: dict[tuple[str, str], int] = {}
    for si in sorted(per):
        passages.extend(sentence_passages(text, sents[si], per[si], typer, seen))
    cross = _cross_sentence(text, sents, per, typer, seen)
    for p in cross:
        prior = _cross_prior(p, typer)
        if prior is not None:
            p.probs = {t: CROSS_CUES * p.probs[t] + (1 - CROSS_CUES) * prior[t] for t in TYPES}
    passages.extend(cross)
    addressed = {s.start: s.end for s in sents if _addresses_reader(text, s)}
    if addressed:
        starts = sorted(addressed)
        passages = [p for p in passages if not _inside(p.start, p.end, starts, addressed)]

    return {
        "sents": sents,
        "toks": toks,
        "known_m": known_m,
        "cite_concepts": cite_concepts,
        "cands": cands,
        "per": per,
        "passages": passages,
    }


def _citation_nodes(
    text: str, sents: Sequence[Sentence], toks: list, lex: Lexicon
) -> tuple[list[tuple[int, Node]], dict[str, dict], set[int]]:
    """The citations of a text as mentions of cited works, merged with known cited works when their names
    match: per sentence the nodes, the cited works (label, forms, id, spans) and the tokens they cover.

    An author of a work cited in the text, named again without a year ("as Kelley says", "Brannigan's
    study"), is a mention of that work too: written as in the citation, and not opening a sentence when the
    name is also an English word ("Burns", "House").
    """
    cite_nodes: list[tuple[int, Node]] = []
    cite_concepts: dict[str, dict] = {}
    masked: set[int] = set()
    tok_starts = [t.start for t in toks]  # in text order
    authors_of: dict[str, str] = {}  # authors as written -> cited work

    def put(si: int, ckey: str, clabel: str, kid: str | None, a: int, b: int) -> None:
        masked.update(range(bisect.bisect_left(tok_starts, a), bisect.bisect_left(tok_starts, b)))
        cite_nodes.append((si, Node(ckey, clabel, "cited work", kid, a, b, True, 1.0)))
        entry = cite_concepts.setdefault(ckey, {"label": clabel, "forms": [], "id": kid, "spans": []})
        if text[a:b] not in entry["forms"]:
            entry["forms"].append(text[a:b])
        entry["spans"].append((si, a, b))

    for si, s in enumerate(sents):
        for label, authors, a, b in citations(text, s.start, s.end):
            kid = lex.entries.get(name_key(label), lex.entries.get(name_key(authors), (0, None)))[1]
            ckey = kid or f"cite:{label}"
            put(si, ckey, lex.by_id[kid].label if kid else label, kid, a, b)
            authors_of.setdefault(authors, ckey)
    cited = [(n.start, n.end) for _, n in cite_nodes]
    sent_starts = [s.start for s in sents]
    for authors, ckey in sorted(authors_of.items()):
        for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(authors)}(?![\w-]|['\u2019](?!s\b))", text):
            a, b = m.start(), m.end()
            si = bisect.bisect_right(sent_starts, a) - 1
            if si < 0 or a >= sents[si].end or any(x <= a < y for x, y in cited):
                continue
            possessive = text.startswith(("'s", "\u2019s"), b)
            if a == sents[si].start and not possessive and lemmas(authors.lower()):
                continue  # "Burns" opening a sentence may be the verb
            e = cite_concepts[ckey]
            put(si, ckey, e["label"], e["id"], a, b)
    return cite_nodes, cite_concepts, masked


def _known_long_form(known_m: Sequence[Mention], a: Acronym) -> Mention | None:
    """The known mention that is exactly the long form of acronym ``a``, if any."""
    return next((m for m in known_m if (m.first, m.last) == (a.first, a.last)), None)


def _with_acronym_uses(known_m: list[Mention], defined: Sequence[Acronym], toks: list) -> list[Mention]:
    """``known_m`` plus a mention at each later use of an acronym the text defines for a known name
    ("servant leadership (SL)", then "SL")."""
    out = list(known_m)
    taken = {(x.first, x.last) for x in known_m}
    for a in defined:
        m = _known_long_form(known_m, a)
        if m is not None:
            out.extend(Mention(m.concept, toks[u].start, toks[u].end, u, u, toks[u].sentence, True)
                       for u in a.uses if (u, u) not in taken)
    return sorted(out, key=lambda m: (m.first, m.last))


_SECOND_PERSON = re.compile(r"\byou(?:r|rs|rself|rselves)?\b", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def _addresses_reader(text: str, sent: Sentence) -> bool:
    """The sentence speaks to the reader ("After you have completed ...", "Share your analysis", "Describe
    the behaviour"): it instructs, and asserts no relation between the concepts it names. A "you" inside
    quotation marks (a title) does not count."""
    return bool(_SECOND_PERSON.search(_QUOTED.sub("", text[sent.start : sent.end]))) or _imperative(text, sent)


_IMPERATIVE_NEXT = frozenset(
    {"the", "a", "an", "your", "their", "his", "her", "its", "our", "one", "each", "every", "all", "it", "them",
     "him", "us", "what", "how", "why", "whether"}
)


def _imperative(text: str, sent: Sentence) -> bool:
    """The sentence opens with a verb's plain form, as a command does ("Describe the behaviour", "Give
    feedback"): a word that can only be a verb, a light verb, or a word that can be a noun too when a
    determiner or pronoun follows it (not a preposition: "Focus on change is ..." opens with a noun). A
    heading is no command."""
    if sent.heading:
        return False
    words = WORD_RE.findall(text, sent.start, min(sent.end, sent.start + 80))
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    w, nxt = words[0].lower(), words[1].lower()
    if w.endswith("ing") or w not in (lemmas(w).get("VERB") or ()) or "FUNC" in pos_set(w):
        return False  # "Over the years ...": a function word opens no command
    return pos_set(w) == frozenset({"VERB"}) or light_verb(w) or nxt in _IMPERATIVE_NEXT


def _inside(start: int, end: int, starts: list[int], spans: dict[int, int]) -> bool:
    """``[start, end)`` lies in one of ``spans`` (start -> end, not overlapping; ``starts`` their sorted keys)."""
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and end <= spans[starts[k]]


SECTION_PRIOR = {"part of": 0.7, "kind of": 0.3}  # what a heading's items are of what the heading names


def _cross_prior(p: Passage, typer: Typer) -> dict[str, float] | None:
    """The type prior of a cross-sentence passage, which names one end only.

    Under a heading, the text structure says what the relation is: the items listed under a heading, or
    the concepts its first sentences introduce, are parts (steps, elements, tasks) or kinds of what the
    heading names, unless one end is a role, which practises what the heading names rather than being
    part of it. Otherwise the prior is the types curated between the ends' classes
    (``Typer.class_prior``); None without curated examples.
    """
    if p.kind in ("heading", "list") and "role" not in (p.first.class_label, p.second.class_label):
        return {t: SECTION_PRIOR.get(t, 0.0) for t in TYPES}
    return typer.class_prior(p.first.class_label, p.second.class_label) if typer.class_pairs else None


CROSS_CUES = 0.3  # share of a cross-sentence passage's type read from its cues (the rest: the ends' classes)
HEADING_REACH = 2  # sentences after a heading that may name what the heading names


def _cross_sentence(
    text: str, sents: Sequence[Sentence], per: dict[int, list[Node]], typer: Typer, seen: dict[tuple[str, str], int]
) -> list:
    """Pairs across sentences: an anaphor and its antecedent, a heading and its first sentences or list
    items, a citation, the sentence before, and earlier sentences of the paragraph.

    The antecedent of "This/It/They ..." (and the concept a citation-only sentence supports) is taken to
    be the first concept named in the sentence before, in the same or the previous paragraph. The type of
    such a pair leans on the classes of its ends (see ``Typer.class_prior``), since its passage names one
    end only.
    """
    out = []
    heading: tuple[int, list[Node]] | None = None
    since = 0
    for si, s in enumerate(sents):
        nodes = per.get(si, [])
        if s.heading:
            heading = (si, [n for n in nodes if not n.cite][:2])
            since = 0
            continue
        since += 1
        first_of_item = _opens_list_item(text, sents, si)
        if heading and nodes and (since <= HEADING_REACH or first_of_item):
            h = sents[heading[0]]
            ctx = f'under the heading "{text[h.start : h.end].strip()[:80]}"'
            kind = "heading" if since <= HEADING_REACH else "list"
            for anchor in heading[1]:
                out.extend(linked_passages(text, s, anchor, nodes[:LIST_ITEM_LEADS], typer, kind, ctx, seen))
        if si == 0 or not nodes:
            continue
        prev = sents[si - 1]
        if prev.heading or s.block - prev.block > 1:
            continue
        before = [n for n in per.get(si - 1, []) if not n.cite]
        if not before:
            continue
        m = ANAPHOR_RE.match(text, s.start, s.end)
        own = [n for n in nodes if not n.cite]
        if m:
            for anchor in _antecedents(text, m.group(1), before):
                ctx = f'"{m.group(1)}" refers to {anchor.label}, named in the sentence before'
                out.extend(linked_passages(text, s, anchor, nodes, typer, "anaphor", ctx, seen))
        elif any(n.cite for n in nodes) and len(own) <= 1:
            ctx = f"the citation supports {before[0].label}, named in the sentence before"
            cites = [n for n in nodes if n.cite]
            out.extend(linked_passages(text, s, before[0], cites, typer, "cite-prev", ctx, seen))
        elif s.block == prev.block:
            cited = [n for n in nodes if n.cite][:1] + own  # a citation supports the sentence before too
            for anchor in before[:ADJACENT_ANCHORS]:
                ctx = f"{anchor.label} is named in the sentence before"
                out.extend(linked_passages(text, s, anchor, cited, typer, "adjacent", ctx, seen))
        out.extend(_paragraph_passages(text, sents, per, si, {n.concept for n in before[:ADJACENT_ANCHORS]}, typer,
                                       seen))
    return out


PLURAL_ANAPHORS = frozenset({"these", "those", "they", "their", "such"})
MAX_LISTED_ANTECEDENTS = 5


def _antecedents(text: str, anaphor: str, before: list[Node]) -> list[Node]:
    """What an anaphor points back to among the concepts of the sentence before: its first two concepts, or,
    for a plural ("These aspects", "Each of these"), the items of a list it holds when it holds one ("...
    includes A, B, and C. Each of these ...")."""
    if anaphor.lower() in PLURAL_ANAPHORS:
        listed = _listed(text, before)
        if listed:
            return listed[:MAX_LISTED_ANTECEDENTS]
    return before[:2]


def _listed(text: str, nodes: list[Node]) -> list[Node]:
    """The longest run of at least three mentions joined only by commas, "and" or "or" (a list)."""
    best: list[Node] = []
    run: list[Node] = nodes[:1]
    for prev, node in itertools.pairwise(nodes):
        if _LIST_GAP.fullmatch(text, prev.end, node.start):
            run.append(node)
        else:
            run = [node]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 3 else []


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)", re.IGNORECASE)


PARAGRAPH_REACH = 4  # sentences back, within a paragraph, whose first concepts pair with a sentence


def _paragraph_passages(text: str, sents: Sequence[Sentence], per: dict[int, list[Node]], si: int, done: set[str],
                        typer: Typer, seen: dict[tuple[str, str], int]) -> list:
    """Pairs of sentence ``si``'s concepts with the first concepts of earlier sentences of its paragraph
    (beyond the one before, and not in ``done``): a paragraph develops its opening concepts, and the
    sentence that links one of them to another often names it by a pronoun or not at all. The sentence's
    first citation takes part too, first: a citation supports what its paragraph is about, which its own
    sentence often names by a paraphrase ("a leader and a follower (Hughes)" in a paragraph on followership)."""
    own = [n for n in per.get(si, []) if n.cite][:1] + [n for n in per.get(si, []) if not n.cite]
    out: list = []
    k = si - 2
    while own and k >= 0 and sents[k].block == sents[si].block and si - k <= PARAGRAPH_REACH:
        for anchor in [n for n in per.get(k, []) if not n.cite][:ADJACENT_ANCHORS]:
            if anchor.concept not in done:
                done.add(anchor.concept)
                ctx = f"{anchor.label} is named earlier in the paragraph"
                out.extend(linked_passages(text, sents[si], anchor, own, typer, "paragraph", ctx, seen))
        k -= 1
    return out


LIST_ITEM_LEADS = 2  # a list item's first mentions that pair with the heading above the list
ADJACENT_ANCHORS = 2  # first concepts of a sentence that pair with the next sentence of its paragraph


def _opens_list_item(text: str, sents: Sequence[Sentence], si: int) -> bool:
    """Sentence ``si`` is the first sentence of a list item ("1. ...", "- ...")."""
    s = sents[si]
    if si > 0 and sents[si - 1].block == s.block:
        return False
    line = text.rfind("\n", 0, s.start) + 1
    return bool(LIST_ITEM_RE.match(text[line : s.start]))


def _concept_stats(per: dict[int, list[Node]]) -> tuple[Counter, dict[str, float], int]:
    """Mention counts per concept key, their percentiles, and the number of sentences with mentions."""
    freq: Counter = Counter()
    for nodes in per.values():
        for n in nodes:
            freq[n.concept] += 1
    return freq, frequency_percentiles(freq), len(per)


_RANK_CLASSES = ("role", "leadership model", "value or vision", "technique or practice", "outcome")


def _vectors(text: str, records: list[dict], per: dict[int, list[Node]]) -> list[list[float]]:
    freq, pct, n_units = _concept_stats(per)
    # how each pair ranks among the pairs of each of its ends (by hand-set confidence): competition
    by_end: dict[str, list[tuple[float, int]]] = {}
    for i, rec in enumerate(records):
        for k in rec["key"]:
            by_end.setdefault(k, []).append((-rec["confidence"], i))
    ranks: dict[tuple[str, int], int] = {}
    for k, lst in by_end.items():
        for r, (_, i) in enumerate(sorted(lst)):
            ranks[(k, i)] = r
    out = []
    for i, rec in enumerate(records):
        v = pair_vector(rec, freq, pct, n_units, text)
        best = rec["passages"][0]
        ra, rb = (ranks[(k, i)] for k in rec["key"])
        cite_end = best.first.concept if best.first.cite else best.second.concept if best.second.cite else None
        cite_rank = ranks[(cite_end, i)] if cite_end else 0
        v.extend([min(ra, rb, 5) / 5.0, min(max(ra, rb), 5) / 5.0, min(cite_rank, 3) / 3.0])
        classes = (best.first.class_label, best.second.class_label)
        v.extend(float(c in classes) for c in _RANK_CLASSES)
        v.append(float(classes[0] == classes[1]))
        out.append(v)
    return out


def _hidden(doc: TrainingDocument) -> set[str]:
    """A deterministic third of the concepts a training document's relations use, treated as unknown.

    At run time many of a new text's concepts are not yet known; hiding some when training lets the
    model learn how new-term ends behave.
    """
    used = sorted({e.subject for e in doc.relations} | {e.object for e in doc.relations})
    return {c for c in used if zlib.crc32(c.encode()) % HIDE_MOD < HIDE_OF}


def _training_set(training: Sequence[TrainingDocument]) -> list[TrainingDocument]:
    """Training documents in a stable order, capped at ``MAX_TRAINING_CHARS`` of text in all."""
    docs = sorted(training, key=lambda d: (zlib.crc32(d.text.encode()), len(d.text)))
    out, total = [], 0
    for d in docs:
        if total >= MAX_TRAINING_CHARS:
            break
        if total + len(d.text) > MAX_TRAINING_CHARS:
            cut = d.text.rfind("\n\n", 0, MAX_TRAINING_CHARS - total)
            if cut <= 0:
                continue
            d = TrainingDocument(d.text[:cut], d.known, d.relations)
        out.append(d)
        total += len(d.text)
    return out


def _ident(key: str, hidden_keys: dict[tuple[str, ...], str]) -> str:
    """The curated id a record end stands for: a new term may be a concept hidden from the lexicon."""
    if key.startswith("new:"):
        return hidden_keys.get(tuple(key[4:].split(" ")), key)
    return key


def train_pair_model(training: Sequence[TrainingDocument], typer: Typer) -> PairModel | None:
    """Fit the pair ranker on candidate pairs of curated documents, labelled by their curated pairs."""
    xs: list[list[float]] = []
    ys: list[int] = []
    for doc in _training_set(training):
        hidden = _hidden(doc)
        known = [k for k in doc.known if k.id not in hidden]
        lex = Lexicon(known)
        hidden_keys: dict[tuple[str, ...], str] = {}
        for k in sorted(doc.known, key=lambda k: k.id):
            if k.id in hidden:
                for name in (k.label, *k.synonyms, *k.forms):
                    hidden_keys.setdefault(name_key(name), k.id)
        gold = {frozenset((e.subject, e.object)) for e in doc.relations}
        a = _analyse(blank_spans(doc.text, doc.furniture), known, lex, typer)
        records = merge(a["passages"])

        xs.extend(_vectors(doc.text, records, a["per"]))
        ys.extend(int(frozenset(_ident(k, hidden_keys) for k in rec["key"]) in gold) for rec in records)
    if sum(ys) < 5 or len(ys) - sum(ys) < 5:
        return None
    return PairModel(xs, ys, l2=PAIR_L2)


def suggest(
    text: str,
    document: str,
    known: Sequence[KnownConcept] = (),
    examples: Sequence[Example] = (),
    known_relations: set[tuple[str, str, str]] = frozenset(),
    rejected: set[tuple[str, str, str]] = frozenset(),
    training: Sequence[TrainingDocument] = (),
    furniture: Sequence[tuple[int, int]] = (),
) -> dict:
    """Suggest concepts and relations for ``text`` (see the module docstring for the output).

    ``training``: curated documents (full text, their known concepts, their curated relations); when
    given, the pair ranking is learnt from them (see ``rank``), otherwise hand-set weights rank pairs.
    ``furniture``: character spans of the text that are page navigation, not content (a registered
    document's ``furniture`` lines): read as blank, so nothing is proposed from them.
    """
    lex = Lexicon(known)
    by_id = lex.by_id
    typer = Typer(_labelled(examples, known, lex))
    typer.fit_class_pairs(examples, {k.id: k.class_label for k in known})
    a = _analyse(blank_spans(text, furniture), known, lex, typer)
    sents, toks, known_m, cite_concepts, cands = a["sents"], a["toks"], a["known_m"], a["cite_concepts"], a["cands"]
    passages = a["passages"]
    model = train_pair_model(training, typer) if training else None
    records = merge(passages)
    if model is not None:
        for rec, p in zip(records, model.probs(_vectors(text, records, a["per"])), strict=True):
            rec["confidence"] = p

    relations = []
    for rec in records:
        best = rec["passages"][0]
        ranked = sorted(rec["probs"].items(), key=lambda kv: (-kv[1], TYPES.index(kv[0])))
        narrow = _narrower(best.first, best.second) if ranked[0][0] != "contrasts with" else None
        if narrow is not None:
            # "distributed leadership" and "leadership": unless the two are set against each other, the longer
            # name is a kind of the shorter, whatever else the sentence says
            ranked = [("kind of", ranked[0][1]), *((t, p) for t, p in ranked if t != "kind of")]
        chosen = None
        for t, p in ranked:
            subj, obj = orient(best, t)
            if narrow is not None and t == "kind of":
                subj, obj = narrow, (best.second if narrow is best.first else best.first)
            triple = (subj.known_id or subj.label, t, obj.known_id or obj.label)
            if triple in rejected or not _fits(t, subj, obj):
                continue
            chosen = (t, p, subj, obj, triple)
            break
        if chosen is None:
            continue
        t, p, subj, obj, triple = chosen
        conf = rec["confidence"]
        alts = [
            {"type": at, "score": round(conf * (1 - TYPE_WEIGHT + TYPE_WEIGHT * ap), 4)}
            for at, ap in ranked
            if at != t and ap >= 0.02
        ][:3]
        relations.append(
            {
                "subject": subj.label,
                "object": obj.label,
                "type": t,
                "score": round(conf * (1 - TYPE_WEIGHT + TYPE_WEIGHT * p), 4),
                "alternatives": alts,
                "quote": text[best.start : best.end],
                "start": best.start,
                "end": best.end,
                "known": triple in known_relations or (triple[2], t, triple[0]) in known_relations,
                "subject_id": subj.known_id,
                "object_id": obj.known_id,
                "type_score": round(p, 4),
                "pair_score": round(conf, 4),
                "passages": len(rec["passages"]),
            }
        )
        if best.context:
            relations[-1]["context"] = best.context
    relations.sort(key=lambda r: (-r["score"], r["subject"], r["type"], r["object"], r["start"]))

    concepts = []
    mentions_of: dict[str, list[Mention]] = {}
    for m in known_m:
        mentions_of.setdefault(m.concept, []).append(m)
    for cid in sorted(mentions_of, key=lambda c: (-len(mentions_of[c]), c)):
        k = by_id[cid]
        ms = mentions_of[cid]
        concepts.append(
            {
                "label": k.label,
                "id": k.id,
                "forms": sorted({text[m.start : m.end] for m in ms}, key=lambda f: (f.lower(), f)),
                "known": True,
                "class": k.class_label,
                "score": 1.0,
                "count": len(ms),
                "evidence": [_evidence(text, sents[m.sentence], m.start, m.end) for m in ms],
            }
        )
    for ckey in sorted(cite_concepts):
        e = cite_concepts[ckey]
        if e["id"] and e["id"] in mentions_of:
            continue
        concepts.append(
            {
                "label": e["label"],
                "id": e["id"],
                "forms": e["forms"],
                "known": bool(e["id"]),
                "class": "cited work",
                "score": 0.95,
                "count": len(e["spans"]),
                "evidence": [_evidence(text, sents[si], a, b) for si, a, b in e["spans"]],
            }
        )
    for c in cands:
        occ = c.occurrences
        concepts.append(
            {
                "label": c.label,
                "forms": sorted(c.surfaces, key=lambda f: (-c.surfaces[f], f)),
                "known": False,
                "class": c.class_label,
                "score": c.rank_score,
                "count": len(occ),
                "cues": sorted(c.cues),
                "evidence": [
                    _evidence(text, sents[toks[a].sentence], toks[a].start, toks[b].end)
                    for a, b in occ[:EVIDENCE_PER_NEW]
                ],
            }
        )
    _credit_relations(concepts, relations)
    concepts.sort(key=lambda c: (not c["known"], -c["score"], c["label"]))
    return {"document": document, "concepts": concepts, "relations": relations}


def _narrower(a: Node, b: Node) -> Node | None:
    """The end whose name is the other's name with modifiers before it ("shared vision" for "vision"), if any.

    Such a pair names a concept and a narrower one; the curated data records it as "kind of".
    """
    ka, kb = name_key(a.label), name_key(b.label)
    if not ka or not kb or len(ka) == len(kb):
        return None
    short, long_, node = (ka, kb, b) if len(ka) < len(kb) else (kb, ka, a)
    return node if long_[-len(short) :] == short else None


def _fits(t: str, subj: Node, obj: Node) -> bool:
    """The ends suit the type as the shapes require: "practised by" has a role (known, or the class proposed
    for a new term) as object, "cited for" a cited work as subject."""
    if t == "practised by":
        return obj.class_label == "role"
    if t == "cited for":
        return subj.cite
    return True


RELATION_CREDIT = 0.3  # share of a new term's score that comes from its best relation


def _credit_relations(concepts: list[dict], relations: list[dict]) -> None:
    """Blend each new term's termhood with the score of its best relation: a term the text links to other
    concepts is more likely a concept of the text than one that is only frequent."""
    best: dict[str, float] = {}
    for r in relations:
        for end in (r["subject"], r["object"]):
            best[end] = max(best.get(end, 0.0), r["score"])
    for c in concepts:
        if not c["known"]:
            c["score"] = round((1 - RELATION_CREDIT) * c["score"] + RELATION_CREDIT * best.get(c["label"], 0.0), 4)


def _evidence(text: str, sent: Sentence, start: int, end: int) -> dict:
    """One evidence item: the passage (sentence) around a mention, and the mention itself."""
    return {
        "quote": text[sent.start : sent.end],
        "start": sent.start,
        "end": sent.end,
        "mention": text[start:end],
        "mention_start": start,
        "mention_end": end,
    }
