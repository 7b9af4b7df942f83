"""Cue features of a passage linking two mentions, and a relation typer calibrated on examples.

Cues are general English phrasings of each relation type (written for this module). Each cue says
which way it points: ``forward`` when the mention *before* the cue is the relation's subject ("X
requires Y"), ``reverse`` when it is the object ("X includes Y" gives Y part of X).

The typer adds, per type, hand-set weights of the cue families (so it works with no examples at all)
and the log-odds a naive-Bayes model learns at call time from the curated examples' quotes (which
cue features, mention classes and between-words go with which type).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .words import FUNCTION_WORDS, key

TYPES = (
    "contrasts with",
    "fosters",
    "reduces",
    "requires",
    "part of",
    "kind of",
    "practised by",
    "based on",
    "cited for",
)


@dataclass(frozen=True)
class Cue:
    family: str  # a relation type label
    pattern: re.Pattern
    reverse: bool
    weight: float
    tight: bool = False  # links only the two mentions right beside it, not a list on one side
    short: bool = False  # a full cue however short its match (a colon before a list)


def _cues(family: str, forward: str, reverse: str = "", weight: float = 1.0) -> list[Cue]:
    out = []
    if forward:
        out.append(Cue(family, re.compile(r"\b(?:" + forward + r")\b", re.IGNORECASE), False, weight))
    if reverse:
        out.append(Cue(family, re.compile(r"\b(?:" + reverse + r")\b", re.IGNORECASE), True, weight))
    return out


_V = r"(?:es|ed|ing|s|d|e)?"  # verb endings on a stem: "creat" + e, es, ed, ing
CUES: tuple[Cue, ...] = tuple(
    _cues(
        "contrasts with",
        r"rather than|instead of|unlike|as opposed to|opposed to|in contrast (?:to|with)|contrast(?:s|ed)? with|versus|"
        r"vs\.?|differ(?:s|ent|ently)? (?:from|than)|distinct from|distinguish\w* (?:\w+ )?from|separate from|"
        r"not\b[^.;]{0,60}\bbut|more than|less than|than|whereas|compared (?:to|with)|apart from|"
        r"not the same (?:thing )?as|no substitute for|the opposite of|at odds with|in tension with|"
        r"conflict(?:s|ed|ing)? with|clash(?:es|ed|ing)? with|not",
    )
    + _cues(
        "fosters",
        r"build"
        + _V
        + r"|creat"
        + _V
        + r"|help"
        + _V
        + r"|lead"
        + _V
        + r" to|strengthen"
        + _V
        + r"|sustain"
        + _V
        + r"|foster"
        + _V
        + r"|promot"
        + _V
        + r"|encourag"
        + _V
        + r"|enabl"
        + _V
        + r"|facilitat"
        + _V
        + r"|develop"
        + _V
        + r"|generat"
        + _V
        + r"|produc"
        + _V
        + r"|support"
        + _V
        + r"|enhanc"
        + _V
        + r"|increas"
        + _V
        + r"|improv"
        + _V
        + r"|nurtur"
        + _V
        + r"|contribut"
        + _V
        + r" to|result"
        + _V
        + r" in|bring"
        + _V
        + r" about|make"
        + _V
        + r" [\w\s-]{0,40}possible|energiz"
        + _V
        + r"|inspir"
        + _V
        + r"|unit"
        + _V
        + r"|cement"
        + _V
        + r"|attract"
        + _V
        + r"|determin"
        + _V
        + r"|grow"
        + _V
        + r"|boost"
        + _V
        + r"|cultivat"
        + _V
        + r"|instil"
        + _V
        + r"|deepen"
        + _V
        + r"|institutionaliz"
        + _V
        + r"|yield"
        + _V
        + r"|achiev"
        + _V
        + r"|secur"
        + _V,
        r"result" + _V + r" from|come" + _V + r" from|(?:is|are|be) (?:fostered|built|created|produced|sustained|"
        r"strengthened|promoted|driven) by",
    )
    + _cues(
        "reduces",
        r"reduc"
        + _V
        + r"|lessen"
        + _V
        + r"|displac"
        + _V
        + r"|replac"
        + _V
        + r"|eliminat"
        + _V
        + r"|minimiz"
        + _V
        + r"|remov"
        + _V
        + r"|diminish"
        + _V
        + r"|decreas"
        + _V
        + r"|undermin"
        + _V
        + r"|weaken"
        + _V
        + r"|prevent"
        + _V
        + r"|substitut"
        + _V
        + r" for|displacement of|erod"
        + _V
        + r"|curb"
        + _V
        + r"|in the absence of|without the need for|crowd"
        + _V
        + r" out|driv(?:e|es|en|ing) out|stifl"
        + _V
        + r"|suppress"
        + _V
        + r"|inhibit"
        + _V
        + r"|imped"
        + _V
        + r"|hinder"
        + _V
        + r"|discourag"
        + _V
        + r"|destroy"
        + _V
        + r"|damag"
        + _V
        + r"|threaten"
        + _V
        + r"|undercut"
        + _V,
        r"(?:is|are|be) (?:reduced|minimized|minimised|eliminated|displaced|replaced|lessened) (?:by|as|when)",
    )
    + _cues(
        "requires",
        r"requir" + _V + r"|need" + _V + r"|depend" + _V + r" (?:up)?on|must have|cannot\b[^.;]{0,60}\bwithout|"
        r"can(?:not|'t)? be [\w\s-]{0,30}only|only when|rel(?:y|ies|ied|ying) (?:\w+ ){0,4}on|demand"
        + _V
        + r"|presuppos"
        + _V
        + r"|necessitat"
        + _V
        + r"|calls? for|no \w+ without|must be conditioned by|"
        r"key to|essential|necessary|prerequisite|central need|key ingredient|must also be",
        r"(?:is|are) (?:required|needed|necessary|essential|key|vital|crucial) (?:for|to)|must precede|"
        r"precondition for|prerequisite for",
    )
    + _cues(
        "part of",
        r"(?:is|are) (?:a |an )?(?:part|element|component|aspect|member|piece|ingredient)s? of|part of|"
        r"(?:is|are|was|were|be|ranks?|counts?) among|one of|(?:elements|components|aspects|parts) of",
        r"includ" + _V + r"|consist" + _V + r" of|compris" + _V + r"|contain" + _V + r"|made up of|"
        r"(?:elements|components|parts|aspects|ingredients) (?:of \w+ )?(?:are|include)|has (?:\w+ )?parts|"
        r"involv" + _V,
    )
    + _cues(
        "kind of",
        r"(?:is|are) (?:a |an |one )?(?:kind|form|type|sort|variety|instance|example|case)s? of|"
        r"(?<!this )(?<!that )(?<!what )(?<!some )(?<!same )(?<!every )(?:kind|form|type) of|(?:is|are) (?:a|an)\b|"
        r"become" + _V + r"|as a",
        r"such as|like|for example|e\.g\.|take" + _V + r" the form of|may include|including|kinds of|types of",
    )
    + _cues(
        "based on",
        r"based on|bas"
        + _V
        + r" (?:\w+ )?(?:up)?on|rest"
        + _V
        + r" on|root"
        + _V
        + r" in|grounded in|grow"
        + _V
        + r" out of|come"
        + _V
        + r" out of|stem"
        + _V
        + r" from|found"
        + _V
        + r" (?:up)?on|built (?:up)?on|"
        r"deriv" + _V + r" from|center" + _V + r" on|centre" + _V + r" on|draw" + _V + r" on|at the core|"
        r"anchored in",
        r"(?:the )?basis (?:of|for)|(?:the )?foundation (?:of|for)|(?:the )?root of|upon which|on which|"
        r"platform (?:upon|on) which|(?:the )?source of|underli" + _V,
    )
    + _cues(
        "practised by",
        r"asks? (?:\w+ ){0,3}to|invit" + _V + r" (?:\w+ ){0,3}to|(?:is|are) (?:used|practi[cs]ed|applied|"
        r"exercised|shown|pursued|employed) by|by (?:\w+ ){0,2}(?:leaders|managers|coaches|members)",
        r"us"
        + _V
        + r"|practi[cs]"
        + _V
        + r"|appl"
        + r"(?:y|ies|ied|ying)|employ"
        + _V
        + r"|engag"
        + _V
        + r" in|learn"
        + _V
        + r" to|master"
        + _V
        + r"|exercis"
        + _V
        + r"|adopt"
        + _V
        + r"|perform"
        + _V
        + r"|accept"
        + _V
        + r"|occup"
        + r"(?:y|ies|ied|ying)|focus"
        + _V
        + r" on|rely on|model"
        + _V,
    )
)
# "A, not B" ("inspiration, not motivation, ..."): a comma or dash before "not" sets B against A; "not only"
# and "not just" add rather than oppose
_COMMA_NOT = re.compile(r"(?:,|;|\s-|\u2014)\s*not\b(?!\s+(?:only|just|merely|alone)\b)", re.IGNORECASE)
CUES += (Cue("contrasts with", _COMMA_NOT, False, 1.0, tight=True),)
# "X: A, B and C": a colon opening a list makes each item part of what comes before it
_ITEM = r"[^\s,.;:!?()]+(?:\s+[^\s,.;:!?()]+){0,5}"  # a list item: a short phrase
_COLON_LIST = re.compile(r":(?=\s+" + _ITEM + r"(?:\s*,\s*(?:(?:and|or)\s+)?" + _ITEM + r")+\s*[.;!?]?\s*$)")
# "Without X, Y ..." / "Without X there is no Y": Y requires X (the cue is the comma or "there is no")
_WITHOUT_LEAD = re.compile(
    r"(?<![\w,]\s)(?<![\w,])without\b[^,.;:!?]{1,80}?(?P<c>,|\s+there\s+(?:is|are|can be)\s+no\b)", re.IGNORECASE
)
CUES += (
    Cue("part of", _COLON_LIST, True, 1.0, short=True),
    Cue("requires", _WITHOUT_LEAD, True, 1.0, short=True),
)
_FAMILY_WEIGHT = {
    "contrasts with": 1.6,
    "fosters": 1.4,
    "reduces": 1.8,
    "requires": 1.6,
    "part of": 1.5,
    "kind of": 1.2,
    "practised by": 1.2,
    "based on": 2.0,
    "cited for": 0.0,
}
# Without curated examples, the types' base rates (log-odds, hand-set): a contrast or a reduction is
# marked in English ("rather than", "but", "reduces"), so two concepts linked with no such marker more
# likely state that one brings about, belongs to or needs the other. This also keeps a pair with no cue at
# all from taking whichever type the list names first.
UNMARKED_PRIOR = {
    "contrasts with": -0.6,
    "fosters": 0.3,
    "reduces": -0.6,
    "requires": 0.1,
    "part of": 0.2,
    "kind of": 0.0,
    "practised by": 0.0,
    "based on": 0.0,
    "cited for": 0.0,
}
_LISTY = re.compile(r"[\s,;]*(?:(?:and|or|as well as)\b[\s,;]*)*")


@dataclass(frozen=True)
class CueHit:
    cue: Cue
    start: int
    end: int

    @property
    def weak(self) -> bool:
        if self.cue.short:
            return False
        return self.end - self.start <= 4 or (self.cue.family == "kind of" and self.end - self.start <= 6)


@lru_cache(maxsize=256)
def sentence_cues(text: str, start: int, end: int) -> tuple[CueHit, ...]:
    """``find_cues`` of one sentence, kept for the next passage that reads the same sentence (a sentence is
    read once for its own pairs and again for each concept named before it that it is linked with)."""
    return tuple(find_cues(text, start, end))


def find_cues(text: str, start: int, end: int) -> list[CueHit]:
    """Every cue occurrence in ``text[start:end]`` (overlaps allowed; the typer weighs them)."""
    out = []
    for cue in CUES:
        # a pattern with a group "c" marks only that group as the cue, the rest is context
        group = "c" if "c" in cue.pattern.groupindex else 0
        for m in cue.pattern.finditer(text, start, end):
            out.append(CueHit(cue, m.start(group), m.end(group)))
    return out


def features(
    text: str,
    seg_start: int,
    seg_end: int,
    a: tuple[int, int],
    b: tuple[int, int],
    class_a: str,
    class_b: str,
    cite: bool,
    others: Sequence[tuple[int, int]] = (),
    hits: Sequence[CueHit] | None = None,
) -> tuple[frozenset[str], list[CueHit]]:
    """Feature set of two mentions ``a`` before ``b`` inside the passage ``[seg_start, seg_end)``.

    ``others`` are the spans of other mentions: a cue inside a mention is no cue, and a cue between
    the two ends counts fully only when no other mention separates it from one of the ends (so in
    "X includes A, B and C" the cue links X with each item, while siblings get no cue). ``hits``: the
    cues of the passage found once beforehand (``find_cues``), to avoid searching again per pair.
    """
    if hits is None:
        hits = find_cues(text, seg_start, seg_end)

    def within(lo: int, hi: int) -> list[CueHit]:
        return [h for h in hits if lo <= h.start and h.end <= hi]

    feats: set[str] = set()
    inside = [o for o in others if a[1] <= o[0] and o[1] <= b[0]]

    def free(h: CueHit) -> bool:
        return not any(o[0] < h.end and h.start < o[1] for o in others)

    hits_between = [h for h in within(a[1], b[0]) if free(h)]
    for h in hits_between:
        left_free, right_free = not any(o[1] <= h.start for o in inside), not any(o[0] >= h.end for o in inside)
        adjacent = (left_free and right_free) if h.cue.tight else (left_free or right_free)
        tag = "weak" if h.weak or not adjacent else "btw"
        feats.add(f"{h.cue.family}:{tag}")
        feats.add(f"{h.cue.family}:{tag}:{'rev' if h.cue.reverse else 'fwd'}")
    for h in within(seg_start, a[0]):
        if free(h):
            feats.add(f"{h.cue.family}:pre")
    for h in within(b[1], seg_end):
        if free(h):
            feats.add(f"{h.cue.family}:post")
    between = text[a[1] : b[0]]
    rest = between
    for o in sorted(inside, reverse=True):
        rest = rest[: o[0] - a[1]] + rest[o[1] - a[1] :]
    if _LISTY.fullmatch(rest):
        feats.add("coord")
    if inside:
        first = min(o[0] for o in inside)
        tail = text[first : b[0]]
        for o in sorted(inside, reverse=True):
            tail = tail[: o[0] - first] + tail[o[1] - first :]
        if _LISTY.fullmatch(tail) and any(h.start < first for h in hits_between):
            feats.add("listhead")
    nwords = len(rest.split())
    feats.add("near" if nwords <= 4 else "mid" if nwords <= 12 else "far")
    feats.add(f"cls1:{class_a}")
    feats.add(f"cls2:{class_b}")
    if "role" in (class_a, class_b):
        feats.add("role" if class_a != class_b else "roles")
    if cite:
        feats.add("cite")
    words = [key(w) for w in re.findall(r"[A-Za-z]+", rest.lower()) if w not in FUNCTION_WORDS]
    for w in words[:8]:
        feats.add(f"w:{w}")
    return frozenset(feats), hits_between


M_ESTIMATE = 3.0  # weight, in examples, of the overall feature rate in each type's rate


class Typer:
    """Scores relation types for a feature set: rule weights plus naive-Bayes log-odds from examples."""

    def __init__(self, labelled: Iterable[tuple[frozenset[str], str]] = ()) -> None:
        self.type_count: Counter[str] = Counter()
        self.feat_count: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
        self.total_feat: Counter[str] = Counter()
        n = 0
        for feats, t in labelled:
            if t not in self.feat_count:
                continue
            n += 1
            self.type_count[t] += 1
            for f in feats:
                self.feat_count[t][f] += 1
                self.total_feat[f] += 1
        self.n = n
        self.class_pairs: dict[frozenset[str], Counter[str]] = {}
        self._cache: dict[str, tuple[float, ...]] = {}
        self._scores: dict[frozenset[str], dict[str, float]] = {}

    def fit_class_pairs(self, examples: Iterable, classes: dict[str, str]) -> None:
        """Count the types of the examples per unordered pair of end classes (for passages without cues)."""
        for ex in examples:
            a, b = classes.get(ex.subject), classes.get(ex.object)
            if a and b and ex.type_label in self.feat_count:
                self.class_pairs.setdefault(frozenset((a, b)), Counter())[ex.type_label] += 1

    def class_prior(self, class_a: str, class_b: str) -> dict[str, float]:
        """The type distribution of curated relations between these classes, smoothed towards all types."""
        counts = self.class_pairs.get(frozenset((class_a, class_b)), Counter())
        total = sum(counts.values())
        overall = {t: (self.type_count[t] + 1) / (self.n + len(TYPES)) for t in TYPES}
        return {t: (counts[t] + 2 * overall[t]) / (total + 2) for t in TYPES}

    def rule_score(self, feats: frozenset[str], t: str) -> float:
        """Hand-set evidence for type ``t``: cue families between or around the mentions, classes."""
        s = 0.0
        w = _FAMILY_WEIGHT[t]
        if f"{t}:btw" in feats:
            s += w
        elif f"{t}:weak" in feats:
            s += 0.4 * w
        if f"{t}:pre" in feats:
            s += 0.4 * w
        if f"{t}:post" in feats:
            s += 0.25 * w
        if t == "cited for":
            s += 6.0 if "cite" in feats else -8.0
        elif "cite" in feats:
            s -= 4.0
        if t == "practised by":
            # one end a role, the other what it does: a role practised by a role is rare
            s += 0.3 if "role" in feats else -1.0 if "roles" in feats else -1.5
        if t == "part of" and "coord" in feats:
            s += 0.3
        return s

    def _feature_weights(self, f: str) -> tuple[float, ...]:
        """Smoothed log-odds of feature ``f`` under each type against all types (cached)."""
        w = self._cache.get(f)
        if w is None:
            fall = self.total_feat[f]
            if fall == 0:
                w = (0.0,) * len(TYPES)
            else:
                p_all = (fall + 0.5) / (self.n + 1.0)
                # m-estimate: a type's feature rate shrinks towards the overall rate, the more so the fewer
                # examples the type has, so that one example of a rare type does not decide
                w = tuple(
                    0.4 * math.log(((self.feat_count[t][f] + M_ESTIMATE * p_all) / (self.type_count[t] + M_ESTIMATE))
                                   / p_all)
                    for t in TYPES
                )
            self._cache[f] = w
        return w

    def scores(self, feats: frozenset[str]) -> dict[str, float]:
        """A probability per type (softmax of rule weights + example log-odds), in TYPES order."""
        cached = self._scores.get(feats)
        if cached is None:
            cached = self._scores[feats] = self._compute(feats)
        return cached

    def _compute(self, feats: frozenset[str]) -> dict[str, float]:
        logits = {}
        k = len(TYPES)
        learnt = [0.0] * k
        if self.n:
            for f in feats:
                for i, v in enumerate(self._feature_weights(f)):
                    learnt[i] += v
        for i, t in enumerate(TYPES):
            z = self.rule_score(feats, t)
            if self.n:
                z += 0.7 * math.log((self.type_count[t] + 1) / (self.n + k)) + learnt[i]
            else:
                z += UNMARKED_PRIOR[t]
            logits[t] = z
        m = max(logits.values())
        exp = {t: math.exp(v - m) for t, v in logits.items()}
        tot = sum(exp.values())
        return {t: exp[t] / tot for t in TYPES}


def direction(t: str, hits: Sequence[CueHit]) -> bool:
    """True when the later mention is the subject, judged by the strongest cue of type ``t`` between."""
    own = [h for h in hits if h.cue.family == t]
    if not own:
        return False
    best = sorted(own, key=lambda h: (-(h.end - h.start), h.start))[0]
    return best.cue.reverse
