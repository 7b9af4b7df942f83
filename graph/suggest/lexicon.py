"""Finding the known concepts in a text: labels, synonyms and forms, with any inflection, any case.

Each name of a known concept is turned into a sequence of word keys (see ``words.key``), so "inner
leaders", "Inner Leader's" and "inner leader" all match the label "inner leader", and "trusted" matches
the form "trusting". Matching is longest-first, left to right, never across punctuation other than a
hyphen or a possessive, and never across sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import WORD_RE, Token, joinable, normalize_word
from .words import FUNCTION_WORDS, exact_phrase_key, phrase_key, pos_set


@dataclass(frozen=True)
class KnownConcept:
    """A concept already in the graph (prior knowledge)."""

    id: str
    label: str
    synonyms: tuple[str, ...]
    forms: tuple[str, ...]
    class_label: str


@dataclass(frozen=True)
class Mention:
    """One occurrence of a concept: token range ``[first, last]`` and character span."""

    concept: str  # concept id for known concepts, candidate key string for new ones
    start: int
    end: int
    first: int
    last: int
    sentence: int
    known: bool


def name_norms(name: str) -> list[str]:
    """Normalised words of a name, possessives dropped."""
    norms = [normalize_word(m.group(0)) for m in WORD_RE.finditer(name)]
    return [n[:-2] if n.endswith("'s") else n for n in norms]


def name_key(name: str) -> tuple[str, ...]:
    """The key sequence of a concept name as written in the lexicon."""
    return phrase_key(name_norms(name))


# words that may be dropped from a name without changing what it names ("the vision" is "vision")
_ARTICLES = frozenset({"the", "a", "an", "their", "his", "her", "its", "our", "your", "my"})


def _trimmed(kk: tuple[str, ...], norms: Sequence[str] = ()) -> tuple[str, ...]:
    """A name's key without function words at either end, since they cannot start or end a match.

    When that would leave one word of a longer name, the name is kept whole unless only articles were
    trimmed: "one-on-one relationships" must not match every "relationships", nor "let them perform"
    every "performed". Nor is it trimmed to a word that, as the name writes it (``norms``), is no noun:
    "the led" names the followers, but "led" alone is a verb, and its key would match every "lead".
    """
    out = kk
    while out and out[0] in FUNCTION_WORDS:
        out = out[1:]
    while out and out[-1] in FUNCTION_WORDS:
        out = out[:-1]
    if len(out) == 1 and len(kk) > 1:
        if set(kk) - _ARTICLES - set(out):
            return kk
        written = [n for n in norms if n not in FUNCTION_WORDS]
        if len(written) == 1 and "NOUN" not in pos_set(written[0]):
            return kk
    return out


class Lexicon:
    """A trie over the key sequences of the known concepts' names."""

    def __init__(self, known: Sequence[KnownConcept]) -> None:
        self.by_id = {k.id: k for k in known}
        # key tuple -> (rank, id); rank 0 label, 1 synonym, 2 form: the best name wins a clash.
        entries: dict[tuple[str, ...], tuple[int, str]] = {}
        # key tuple -> {exact key tuple: (rank, id)}: settles clashes by the stricter key
        self.exact: dict[tuple[str, ...], dict[tuple[str, ...], tuple[int, str]]] = {}
        # key tuple -> stricter keys it must be written with (names of no noun, see below)
        self.strict: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for k in sorted(known, key=lambda c: c.id):
            for rank, names in enumerate(((k.label,), k.synonyms, k.forms)):
                for name in names:
                    norms = name_norms(name)
                    kk = phrase_key(norms)
                    if not kk or all(w in FUNCTION_WORDS for w in kk):
                        continue
                    kk = _trimmed(kk, norms)
                    if not kk:
                        continue
                    cur = entries.get(kk)
                    if cur is None or (rank, k.id) < cur:
                        entries[kk] = (rank, k.id)
                    ek = [e for e in exact_phrase_key(norms) if e not in FUNCTION_WORDS]
                    if len(kk) > 1 and not any("NOUN" in pos_set(w) for w in norms
                                               if w not in FUNCTION_WORDS):
                        # "the led": no word of it a noun, so it is matched as written, never as "the lead"
                        self.strict.setdefault(kk, set()).add(tuple(ek))
                    slot = self.exact.setdefault(kk, {})
                    if tuple(ek) not in slot or (rank, k.id) < slot[tuple(ek)]:
                        slot[tuple(ek)] = (rank, k.id)
        self.entries = entries
        self.trie: dict = {}
        for kk, (_, _cid) in entries.items():
            node = self.trie
            for w in kk:
                node = node.setdefault(w, {})
            node[None] = kk

    def _resolve(self, kk: tuple[str, ...], norms: list[str]) -> str:
        """The concept a matched key names: the one whose stricter key equals the text's, else the best."""
        slot = self.exact.get(kk, {})
        ek = tuple(e for e in exact_phrase_key(norms) if e not in FUNCTION_WORDS)
        if ek in slot:
            return slot[ek][1]
        return self.entries[kk][1]

    def find(self, text: str, toks: list[Token]) -> list[Mention]:
        """All non-overlapping mentions of known concepts in the token list (longest match first)."""
        out: list[Mention] = []
        # expand hyphenated tokens into parts so "work-community" matches "work community"
        parts: list[tuple[str, int]] = []  # (key, token index)
        for ti, t in enumerate(toks):
            for p in t.norm.split("-"):
                if p:
                    parts.append((phrase_key((p,))[0], ti))
        i = 0
        while i < len(parts):
            node = self.trie
            j = i
            best: tuple[int, str] | None = None
            while j < len(parts):
                w, ti = parts[j]
                if j > i:
                    pti = parts[j - 1][1]
                    if ti != pti and (
                        toks[ti].sentence != toks[pti].sentence or not joinable(text, toks[pti], toks[ti])
                    ):
                        break
                node = node.get(w)
                if node is None:
                    break
                if None in node:
                    best = (j, node[None])
                j += 1
            if best is not None:
                # a match must cover whole tokens
                a_ti, b_ti = parts[i][1], parts[best[0]][1]
                whole = (i == 0 or parts[i - 1][1] != a_ti) and (
                    best[0] + 1 >= len(parts) or parts[best[0] + 1][1] != b_ti
                )
                norms = [toks[t].norm for t in range(a_ti, b_ti + 1)]
                if whole and best[1] in self.strict:
                    ek = tuple(e for e in exact_phrase_key(norms) if e not in FUNCTION_WORDS)
                    whole = ek in self.strict[best[1]]
                if whole:
                    cid = self._resolve(best[1], norms)
                    out.append(Mention(cid, toks[a_ti].start, toks[b_ti].end, a_ti, b_ti, toks[a_ti].sentence, True))
                    i = best[0] + 1
                    continue
            i += 1
        return out


_CITATION_RE = re.compile(r"\(([^()]{2,120})\)")
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")
_NAME_RE = re.compile(r"^[A-Z][A-Za-z'\u2019\-]+(?:\s+[A-Z][A-Za-z'\u2019\-]+)?$")


# a year alone in parentheses, with a page or a second year at most: "(2019)", "(2019a, p. 4)", "(2011, 2014)"
_YEAR_ONLY_RE = re.compile(r"^(?:1[5-9]\d\d|20\d\d)[a-z]?(?:\s*[,:]\s*(?:pp?\.\s*)?[\d\u2013-]+[a-z]?)*$")
# the names of a narrative citation, right before its year: "Okafor and Lind", "Smith, Jones & Lee", "Kim et al."
_NARRATIVE_RE = re.compile(
    r"(?<![\w'\u2019-])([A-Z][A-Za-z'\u2019\-]+(?:(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)[A-Z][A-Za-z'\u2019\-]+)*"
    r"(?:\s+et\s+al\.?)?)\s*$"
)


def _narrative_names(text: str, paren: int, floor: int) -> tuple[str, int] | None:
    """The authors named right before the parenthesis at ``paren`` (not before ``floor``) and where they start,
    when every name is a capitalised word that is no function word ("In (2019)" cites nobody). Surnames may
    be English words ("Burns", "House"), so no dictionary check."""
    m = _NARRATIVE_RE.search(text, max(floor, paren - 120), paren)
    if not m:
        return None
    # as in parentheses: "(Kim et al., 2019)" is Kim (2019), and so is "Kim's (2019) model"
    authors = re.sub(r"\s+et\s+al\.?$|['\u2019]s$", "", m.group(1))
    names = [n for n in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", authors) if n]
    if not names or any(n.lower() in FUNCTION_WORDS for n in names):
        return None
    return authors, m.start(1)


def citations(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str, int, int]]:
    """Citations: parenthetical ``(Name, 1999)``, ``(Name and Other)``, ``(A, B, and C; D 2001)``, and narrative
    ``Name (1999)``, ``Name and Other (1999)``.

    Returns ``(label, authors, start, end)`` per cited work, the span being the work's own part of the
    parentheses, or the names and the year of a narrative citation. A quoted title in parentheses counts as
    a cited work too.
    """
    out = []
    end = len(text) if end is None else end
    for m in _CITATION_RE.finditer(text, start, end):
        inner = m.group(1)
        base = m.start(1)
        pos = 0
        for piece in inner.split(";"):
            p_start = base + pos + (len(piece) - len(piece.lstrip()))
            pos += len(piece) + 1
            raw = piece.strip()
            if not raw:
                continue
            if raw[0] in '"\u201c' and len(raw) > 4:
                title = raw.strip('"\u201c\u201d,. ')
                if title and title[0].isupper():
                    out.append((title, title, p_start, p_start + len(raw)))
                continue
            year_m = _YEAR_RE.search(raw)
            year = year_m.group(0) if year_m else ""
            if year_m and _YEAR_ONLY_RE.match(raw):
                named = _narrative_names(text, m.start(), start)
                if named:  # "Okafor and Lind (2019) found ...": the names stand before the year
                    authors, n_start = named
                    out.append((f"{authors} ({year})", authors, n_start, m.end()))
                continue
            names_part = raw[: year_m.start()] if year_m else raw
            names_part = re.sub(r"\bet al\.?", "", names_part).strip(" ,.")
            names = [n.strip() for n in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", names_part) if n.strip()]
            if not names or not all(_NAME_RE.match(n) for n in names):
                continue
            if any(n.lower() in FUNCTION_WORDS | {"see", "ibid"} for n in names):
                continue
            if not year and any(n.isupper() for n in names):
                continue  # "(CEO)", "(MBWA)": an abbreviation, not a citation
            authors = names_part
            label = f"{authors} ({year})" if year else authors
            out.append((label, authors, p_start, p_start + len(raw)))
    return out
