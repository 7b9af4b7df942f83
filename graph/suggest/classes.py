"""Proposing a concept class for a new term from its head noun, its suffix and the known concepts.

General English cue words per class (written for this module), plus a prior: known concepts whose
names end in the same head noun vote for their own class. Neither is specific to any text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .words import key, lemmas

CLASS_LABELS = (
    "leadership model",
    "role",
    "value or vision",
    "technique or practice",
    "power and influence",
    "structure",
    "outcome",
    "personal quality",
    "cited work",
)

_HEAD_CUES: dict[str, str] = {}
# the cue words as written: "mentoring" is a practice though its key, "mentor", is a role
_HEAD_WORDS: dict[str, str] = {}
for _cls, _words in {
    "role": "leader follower manager member person individual staff employee worker boss coach player partner "
    "servant volunteer stakeholder customer client owner officer executive director supervisor subordinate "
    "colleague peer mentor teacher student parent child citizen gardener captain athlete team-mate teammate "
    "coworker helper founder agent expert professional patient nurse doctor physician engineer developer tenant "
    "resident neighbour neighbor pupil user donor guest",
    "leadership model": "leadership model theory approach style paradigm philosophy framework school doctrine",
    "power and influence": "power influence authority motivation inspiration motive drive incentive reward "
    "persuasion coercion force control pressure sanction leverage clout charisma trust",
    "value or vision": "value vision ideal belief principle ethic ethics mission purpose goal agenda "
    "aspiration commitment meaning integrity justice fairness respect dignity care caring service",
    "structure": "structure organization organisation system community culture team group committee council "
    "hierarchy network policy procedure relationship partnership unit institution bureaucracy "
    "department division alliance rule arrangement environment forum board club league",
    "outcome": "success performance productivity result outcome growth excellence effectiveness efficiency "
    "compliance cooperation satisfaction independence obedience waste change improvement profit loss "
    "harvest yield win victory morale engagement loyalty development transformation",
    "personal quality": "quality trait character personality attitude capacity expertise competence "
    "skill talent humility courage honesty empathy maturity spirituality self-esteem confidence "
    "knowledge wisdom patience temperament virtue",
    "technique or practice": "technique method practice tool task listening coaching teaching delegation "
    "planning management training feedback communication modeling counseling mentoring drill exercise "
    "routine habit strategy tactic process procedure-set empowerment pruning watering",
}.items():
    for _w in _words.split():
        _HEAD_CUES.setdefault(key(_w), _cls)
        _HEAD_WORDS.setdefault(_w, _cls)

_SUFFIX_CUES = (
    (("ship", "ism", "hood"), "leadership model"),
    (("ness", "ity"), "personal quality"),
    (("ist", "ant", "ee"), "role"),
    (("ing", "tion", "sion", "ment", "ance"), "technique or practice"),
)
_RELATIONAL_SHIP = ("relationship", "partnership", "membership", "ownership", "friendship", "fellowship")


def _agent_noun(hk: str) -> bool:
    """``hk`` (a head noun's key) names a doer: a verb with "-er" or "-or" ("teacher", "coordinator"), not
    any word ending so ("handover", "paper")."""
    if not hk.endswith(("er", "or")) or len(hk) < 6:
        return False  # "error": a three-letter stem is no verb's doer
    stem = hk[:-2]
    return any(stem + e in (lemmas(stem + e).get("VERB") or ()) for e in ("", "e", stem[-1:]))


def propose_class(words: Sequence[str], known_heads: dict[str, Counter[str]] | None = None,
                  person: bool = False) -> str:
    """A class label for a term given its lower-case words (head last) and known heads' classes.

    ``person``: the text uses the term as a person ("a nurse who ..."), which votes for a role.
    """
    if not words:
        return "technique or practice"
    head = words[-1]
    hk = key(head)
    votes: Counter[str] = Counter()
    if person:
        votes["role"] += 2.5
    if _agent_noun(hk):
        votes["role"] += 1.0
    if known_heads and hk in known_heads:
        for cls, n in known_heads[hk].items():
            votes[cls] += min(n, 3) * 0.8
    if head in _HEAD_WORDS or hk in _HEAD_CUES:
        votes[_HEAD_WORDS.get(head) or _HEAD_CUES[hk]] += 2.0
    elif head in _RELATIONAL_SHIP or hk in {key(w) for w in _RELATIONAL_SHIP}:
        votes["structure"] += 2.0
    else:
        for suffixes, cls in _SUFFIX_CUES:
            if head.endswith(suffixes):
                votes[cls] += 1.0
                break
    # a role noun before a "-ship" head ("leader" in "servant leadership") hints at a model
    if head.endswith("ship") and head not in _RELATIONAL_SHIP:
        votes["leadership model"] += 1.0
    if not votes:
        return "technique or practice" if len(words) > 1 and words[0].endswith("ing") else "outcome"
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def known_head_classes(known: Sequence) -> dict[str, Counter[str]]:
    """Head-noun key -> Counter of the classes of known concepts whose label ends in that head."""
    from .lexicon import name_key

    out: dict[str, Counter[str]] = {}
    for k in known:
        for name in (k.label, *k.synonyms):
            kk = name_key(name)
            if kk:
                out.setdefault(kk[-1], Counter())[k.class_label] += 1
    return out
