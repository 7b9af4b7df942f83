"""Discovering new concept candidates: the noun terms a text treats as concepts.

Noun phrases are chunked with the coarse parts of speech of ``words`` (no tagger needed): runs of
modifiers ending in a noun, plus "X of Y" phrases. Every sub-phrase ending in the head is a term
candidate. Terms are ranked by a C-value style termhood (frequency, length, and how often the term
stands on its own rather than inside a longer term) plus general cue bonuses: the term is defined
("X is a ..."), heads a section, is one item of a list, or is contrasted; the proposed concepts are
ordered by that termhood and by how specific the term's words are in general English. Junk (pronouns, generic nouns,
bare adjectives, numbers) never becomes a candidate.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .acronyms import Acronym
from .classes import propose_class
from .cues import CUES, find_cues
from .lexicon import Mention
from .text import Sentence, Token, joinable
from .words import FUNCTION_WORDS, commonness, is_generic, is_modifier, is_nounish, key, lemmas, phrase_key, pos_set

MAX_TERM_WORDS = 5
COMMON_ZIPF = 5.0  # a term whose words are this common in general English ("team", "power") gets no specificity
SPECIFICITY_WEIGHT = 1.0  # termhood points per Zipf unit below COMMON_ZIPF (at most 2 units, at least -1)
_CONTRAST_RE = re.compile(
    r"\b(?:rather than|instead of|unlike|as opposed to|in contrast|versus|vs\.?|not\b[^.;]{0,60}\bbut|"
    r"differ(?:s|ent)? from|distinct from|against)\b",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(r"\s*,?\s*(?:who|whom|whose)\b", re.IGNORECASE)
_DEFINE_AFTER_RE = re.compile(
    r"^\s*(?:is|are|means|refers to|can be defined as|is defined as|describes|consists of|involves)\b", re.IGNORECASE
)
_DEFINE_BEFORE_RE = re.compile(r"\b(?:called|termed|known as|defined as|the idea of|the concept of)\s*$", re.I)
_PRONOUN_LIKE = frozenset({"one", "ones", "self", "others", "lot", "kind"})


@dataclass
class Candidate:
    """A new concept candidate and its occurrences."""

    key: tuple[str, ...]
    occurrences: list[tuple[int, int]] = field(default_factory=list)  # token index ranges [first, last]
    surfaces: Counter = field(default_factory=Counter)
    bonus: float = 0.0
    cues: set[str] = field(default_factory=set)
    score: float = 0.0  # termhood: how the text treats the phrase (the weight of its mentions as pair ends)
    rank_score: float = 0.0  # termhood and how specific its words are: the order of the proposed concepts
    label: str = ""
    class_label: str = ""
    person: bool = False  # used as a person: "a nurse who ...", "coordinators, who ..."


@lru_cache(maxsize=65536)
def _cue_verb(word: str) -> bool:
    """A verb that carries a relation ("builds", "includes", "requires"): never part of a term."""
    return "VERB" in pos_set(word) and any(
        h.start == 0 and h.end == len(word) for h in find_cues(word, 0, len(word)) if not h.weak
    )


_DETERMINERS = frozenset(
    {"the", "a", "an", "their", "his", "her", "its", "our", "your", "my", "this", "these", "those", "every", "each"}
)


def _after_determiner(toks: list[Token], i: int) -> bool:
    """``toks[i]`` follows a determiner, directly or after one adjective ("their personal power"): a noun."""
    if i < 1 or toks[i - 1].sentence != toks[i].sentence:
        return False
    if toks[i - 1].norm in _DETERMINERS:
        return True
    return (
        i >= 2
        and toks[i - 2].sentence == toks[i].sentence
        and toks[i - 2].norm in _DETERMINERS
        and "ADJ" in pos_set(toks[i - 1].norm)
        and "VERB" not in pos_set(toks[i - 1].norm)
    )


_NOUN_BEFORE = _DETERMINERS | frozenset(
    {"of", "in", "on", "without", "with", "by", "for", "through", "from", "about", "into", "upon", "among", "and"}
)
_NOUN_AFTER = frozenset({"is", "are", "was", "were", "has", "had", "can", "cannot", "will", "must", "should", "may"})


_OPEN_QUOTE = re.compile(r"[\"\u201c\u2018']\s*$")
_CLOSE_QUOTE = re.compile(r"^[,.;:!?]?[\"\u201d\u2019']")


def _quoted(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` stands alone in quotation marks ('"subordinates,"'): the writer names a term."""
    return bool(_OPEN_QUOTE.search(text, max(0, start - 3), start) and _CLOSE_QUOTE.match(text[end : end + 3]))


def _noun_context(text: str, toks: list[Token], a: int, i: int) -> bool:
    """A noun-or-verb word ``toks[i]`` (chunk start ``a``) read as a noun: it heads a longer chunk, follows a
    determiner or preposition, follows a noun and a comma ("candor, listening"), or is followed by an
    auxiliary ("Trust is ...")."""
    if i > a or _quoted(text, toks[a].start, toks[i].end):
        return True
    if i > 0 and toks[i - 1].sentence == toks[i].sentence:
        if toks[i - 1].norm in _NOUN_BEFORE:
            return True
        if "," in text[toks[i - 1].end : toks[i].start] and "NOUN" in pos_set(toks[i - 1].norm):
            return True
        if toks[i].norm.endswith("ing") and _gerund_object(text, toks, i):
            return True
    return i + 1 < len(toks) and toks[i + 1].sentence == toks[i].sentence and toks[i + 1].norm in _NOUN_AFTER


def _gerund_object(text: str, toks: list[Token], i: int, depth: int = 0) -> bool:
    """The -ing word ``toks[i]`` names an activity as the object of a verb ("includes listening, mentoring and
    advocacy"): it follows a verb that is no auxiliary ("is listening" is a verb), or it is the next item of
    a list whose item before is such an object or a noun."""
    prev = toks[i - 1]
    if prev.sentence != toks[i].sentence:
        return False
    p = pos_set(prev.norm)
    if "VERB" in p and not p & {"FUNC", "NOUN"} and not prev.norm.endswith("ing"):
        return True
    k = i - 1
    if toks[k].norm in ("and", "or"):
        k -= 1
    if k < 1 or toks[k].sentence != toks[i].sentence:
        return False
    if k == i - 1 and "," not in text[prev.end : toks[i].start]:
        return False  # no list: neither "and"/"or" nor a comma before this item
    if toks[k].norm.endswith("ing"):
        return depth < 4 and _gerund_object(text, toks, k, depth + 1)
    return "NOUN" in pos_set(toks[k].norm)


def _verb_here(toks: list[Token], i: int, end: int) -> bool:
    """A noun/verb word used as a verb: a relation verb, or followed by a determiner or pronoun."""
    p = pos_set(toks[i].norm)
    if "VERB" not in p:
        return False
    if _after_determiner(toks, i):
        return False
    if i > 0 and toks[i].norm.endswith("s") and _cue_verb(toks[i].norm):
        return True
    if i + 1 >= end or toks[i + 1].sentence != toks[i].sentence:
        return False  # the next sentence's first word says nothing of this one's ("controls. Fourth, ...")
    nxt = toks[i + 1].norm
    if nxt in _NOUN_AFTER:
        return False  # "expert power is ...": a finite verb or modal next makes this word its subject's noun
    if nxt in _RELATIVES and key(toks[i].norm) not in _THAT_VERBS:
        return False  # "job skills that determine": a relative clause after a noun
    # "to" follows nouns ("change to improve", "commitment to") as often as verbs: it marks no verb
    return nxt in FUNCTION_WORDS and nxt not in {"of", "and", "or", "for", "in", "with", "to"}


_RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})
# verbs that take a clause ("shows that ...", "knows who ..."): before a relative word they stay verbs
_THAT_VERBS = frozenset(
    ["say", "show", "mean", "suggest", "argue", "find", "note", "believe", "know", "think", "feel", "hold",
     "claim", "state", "assume", "hope", "insist", "imply", "indicate", "recognize", "realize", "learn",
     "ensure", "assure", "demonstrate", "prove", "reveal", "tell", "teach", "decide", "determine", "ask"]
)


def chunks(text: str, toks: list[Token], sents: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Noun-phrase chunks as token index ranges ``[first, last]`` (inclusive)."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(toks)
    while i < n:
        if not is_modifier(toks[i].norm) or toks[i].norm in _PRONOUN_LIKE or _cue_verb(toks[i].norm):
            i += 1
            continue
        if _verb_after_modal(text, toks, i) or _verb_after_subject(text, toks, i):
            i += 1
            continue
        j = _phrase_end(text, toks, i)
        a, b = _trim(text, toks, i, j)
        if a <= b:
            out.append((a, b))
        i = j + 1
        if i < n and (_third_person_verb(text, toks, i) or _caused_verb(text, toks, a, i)):
            i += 1  # "gardening suits small yards", "let this bug reach production": the verb opens no phrase
    return out


def _phrase_end(text: str, toks: list[Token], i: int) -> int:
    """The last token of the run of modifiers opened at ``toks[i]``, stopped before a word read as a verb, after
    a plural noun, and before an -s verb."""
    n = len(toks)
    j = i
    while (
        j + 1 < n
        and toks[j + 1].sentence == toks[i].sentence
        and joinable(text, toks[j], toks[j + 1])
        and is_modifier(toks[j + 1].norm)
        and not (j > i and _verb_here(toks, j, n) and is_nounish(toks[j - 1].norm))
        and not _plural_ends(text, toks, j)
        and not _third_person_verb(text, toks, j + 1)
        and not _caused_verb(text, toks, i, j + 1)
    ):
        j += 1
    if j > i and _verb_here(toks, j, n) and (
        _s_after_singular(toks, j) or j + 1 >= n or joinable(text, toks[j], toks[j + 1])
    ):
        j -= 1  # "... build the": the last word takes an object. Across a comma only an -s form after a
        # singular noun agrees as a verb ("the leader serves, ..."), not a plain form ("coercive power, by contrast")
    if j > i and _cue_verb(toks[j].norm) and toks[j].norm.endswith("s"):
        j -= 1
    return j


_CAUSATIVES = frozenset({"let", "lets", "letting", "make", "makes", "made", "making", "help", "helps", "helped",
                         "helping"})


def _caused_verb(text: str, toks: list[Token], i: int, j: int) -> bool:
    """``toks[j]`` is the plain verb of a phrase ``toks[i..j-1]`` that "let", "make" or "help" takes as its
    object ("let this bug reach production", "helps autonomy grow"): the verb ends the phrase. Without a
    determiner the phrase must open with a word that is no plain verb ("help build trust" is two verbs)."""
    if j <= i or j >= len(toks) or toks[j].sentence != toks[i].sentence or i < 1:
        return False
    w = toks[j].norm
    if not _plain_form(w) or not joinable(text, toks[j - 1], toks[j]):
        return False
    if j + 1 < len(toks) and joinable(text, toks[j], toks[j + 1]) and _plain_form(toks[j + 1].norm):
        return False  # "let the night shift swap duties": the verb is the last plain form of the run
    k = i - 1
    if toks[k].norm in _DETERMINERS:
        k -= 1
    elif _plain_form(toks[i].norm):
        return False
    return k >= 0 and toks[k].sentence == toks[i].sentence and toks[k].norm in _CAUSATIVES


def _plain_form(word: str) -> bool:
    """``word`` may be the plain form of a verb ("reach", "grow"; not "reaches", "growing")."""
    return word in (lemmas(word).get("VERB") or ()) and not word.endswith("ing")


def _s_after_singular(toks: list[Token], j: int) -> bool:
    """``toks[j]`` is an -s word after a singular noun-like word: it agrees with it as a verb would."""
    return j >= 1 and toks[j].norm.endswith("s") and not _plural(toks[j - 1].norm)


def _trim(text: str, toks: list[Token], i: int, j: int) -> tuple[int, int]:
    """The run ``toks[i..j]`` trimmed to end on a head noun, without leading adverb-like words, and without
    an opening verb (of a list of verb phrases, or an -ing verb before an adjective); empty when ``a > b``."""
    a, b = i, j
    while b >= a and not is_nounish(toks[b].norm):
        b -= 1
    while a <= b and ("ADV" in pos_set(toks[a].norm) and not pos_set(toks[a].norm) & {"NOUN", "ADJ"}):
        a += 1
    if a < b and (_verb_list_item(text, toks, a, b) or _gerund_with_object(toks, a)):
        a += 1
    return a, b


def _verb_or_plural(text: str, toks: list[Token], j: int) -> bool:
    """``toks[j]`` ends its phrase as a plural before more of a noun phrase, after a singular noun, and may
    be a verb: "pair rotation spreads skill" is "pair rotation" + verb or "pair rotation spreads" +
    noun; both readings are kept, and termhood decides between them."""
    w = toks[j].norm
    verbs = lemmas(w).get("VERB")
    return (
        bool(verbs) and w not in verbs and j >= 1 and is_nounish(toks[j - 1].norm) and not _plural(toks[j - 1].norm)
        and _plural_ends(text, toks, j) and j + 1 < len(toks) and toks[j + 1].sentence == toks[j].sentence
        and joinable(text, toks[j], toks[j + 1]) and is_modifier(toks[j + 1].norm)
    )


_MODALS = frozenset({"can", "cannot", "could", "may", "might", "must", "shall", "should", "will", "would"})


_ADVERBS_IN_VERB_GROUP = frozenset(
    {"not", "also", "always", "never", "often", "only", "still", "really", "sometimes", "usually", "even", "just"}
)


def _after_modal(toks: list[Token], i: int) -> bool:
    """``toks[i]`` follows a modal, directly or after an adverb ("cannot always use")."""
    k = i - 1
    if k >= 1 and (toks[k].norm in _ADVERBS_IN_VERB_GROUP or toks[k].norm.endswith("ly")):
        k -= 1
    return k >= 0 and all(toks[t].sentence == toks[i].sentence for t in range(k, i)) and toks[k].norm in _MODALS


def _phrase_follows(text: str, toks: list[Token], i: int) -> bool:
    """A noun phrase may open right after ``toks[i]`` in its sentence: the object a verb there would take."""
    nxt = i + 1
    return (
        nxt < len(toks) and toks[nxt].sentence == toks[i].sentence and joinable(text, toks[i], toks[nxt])
        and is_modifier(toks[nxt].norm)
    )


def _verb_after_modal(text: str, toks: list[Token], i: int) -> bool:
    """``toks[i]`` is a plain verb after a modal, with a noun phrase after it ("leaders can allocate needed
    rewards"): a verb and its object, not one phrase. After a modal English has a verb, whatever else the
    word may be; "to" is left alone, since it is a preposition as often ("to top leaders")."""
    w = toks[i].norm
    if i < 1 or not _after_modal(toks, i):
        return False
    if not _plain_form(w):
        return False
    return _phrase_follows(text, toks, i)


# subject words after which a word that may be a verb is the verb: "leaders who hold positional authority"
_PLAIN_SUBJECTS = frozenset({"who", "they", "we", "i", "you"})  # "they hold", "who hold"
_S_SUBJECTS = frozenset({"who", "which", "that", "he", "she", "it"})  # "who holds", "that means"
# adverbs of the verb group that come before a finite verb; not those that also modify a noun phrase
# ("only leaders", "just culture", "even trust", "not power")
_VERB_GROUP_ADVERBS = (_ADVERBS_IN_VERB_GROUP - {"only", "just", "even", "not"}) | {"longer", "rarely", "seldom"}


def _verb_after_subject(text: str, toks: list[Token], i: int) -> bool:
    """``toks[i]`` is a finite verb right after a subject pronoun, a relative word, a plural noun or an adverb of
    the verb group, with a noun phrase after it ("who hold positional authority", "it means real authority",
    "leaders coordinate teams", "mentors often shape team culture"): a verb and its object, not one phrase. The verb
    must agree with the subject word: a plain form after "they" or a plural, an -s form after "it" or
    "that" ("that leadership" stays a noun phrase)."""
    if i < 1 or toks[i - 1].sentence != toks[i].sentence or not joinable(text, toks[i - 1], toks[i]):
        return False
    w, before = toks[i].norm, toks[i - 1].norm
    verbs = lemmas(w).get("VERB") or ()
    if not verbs or w.endswith("ing"):
        return False
    plain = w in verbs
    finite = plain or w.endswith("s")
    if not (
        (plain and (before in _PLAIN_SUBJECTS or _plural(before)))  # "teacher leaders coordinate teams"
        or (not plain and w.endswith("s") and before in _S_SUBJECTS)
        or (finite and before in _VERB_GROUP_ADVERBS)  # "often shape team culture"
        or (plain and before in _FLOATING and _plural_subject(text, toks, i - 2))  # "managers all hold"
    ):
        return False
    # a subject pronoun never modifies a noun: the word after it is its verb, whatever follows ("it shows,")
    return before in _NOMINATIVE or _phrase_follows(text, toks, i)


_FLOATING = frozenset({"all", "both"})  # quantifiers that float after their subject: "the managers all hold"
_NOMINATIVE = frozenset({"he", "she", "it", "they", "we", "i"})  # "it" only before an -s form (agreement)


def _plural_subject(text: str, toks: list[Token], k: int) -> bool:
    """``toks[k]`` is a plural noun or a plural subject pronoun, joined to the word after it."""
    return (
        k >= 0 and toks[k].sentence == toks[k + 1].sentence and joinable(text, toks[k], toks[k + 1])
        and (toks[k].norm in _PLAIN_SUBJECTS or _plural(toks[k].norm))
    )


_NEXT_ITEM = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)


def _verb_list_item(text: str, toks: list[Token], a: int, b: int) -> bool:
    """The phrase ``toks[a..b]`` is an item of a list of verb phrases, opened by its verb: "They animate others,
    stop doubt, and encourage coworkers": the next item opens with the same form of a word that can only
    be a verb, or of a relation verb, so "stop" is a verb too, not part of a term; so does the item before
    ("understand and respect followership")."""
    w = toks[a].norm
    if w not in (lemmas(w).get("VERB") or ()) or a < 1 or toks[a - 1].sentence != toks[a].sentence:
        return False
    if toks[a - 1].norm in ("and", "or") and a >= 2 and _plain_verb(toks[a - 2].norm):
        return True  # "understand and respect followership": the item before is a verb of the same form
    if "," not in text[toks[a - 1].end : toks[a].start]:
        return False
    if any(_plain_verb(w) for w in _words_before_comma(text, toks, a)[:-1]):
        return True  # "observe lessons, share practice": the item before is a verb and its object
    nxt = b + 1
    while nxt < len(toks) and toks[nxt].norm in ("and", "or"):
        nxt += 1
    if nxt >= len(toks) or toks[nxt].sentence != toks[a].sentence or not _NEXT_ITEM.fullmatch(
        text, toks[b].end, toks[nxt].start
    ):
        return False
    return _plain_verb(toks[nxt].norm)


def _words_before_comma(text: str, toks: list[Token], a: int) -> list[str]:
    """The words, at most three, that run up to the comma before ``toks[a]`` without a break: the list item
    before the one opening at ``a``, with what may come before it in its clause."""
    j = a - 1
    while j > 0 and a - j < 3 and toks[j - 1].sentence == toks[a].sentence and joinable(text, toks[j - 1], toks[j]):
        j -= 1
    return [toks[t].norm for t in range(j, a)]


def _gerund_with_object(toks: list[Token], a: int) -> bool:
    """``toks[a]`` is the -ing form of a verb before an adjective ("leaping tall problems", "specifying
    specific skills"): a verb and its object. An -ing word before a noun may be an adjective ("changing
    work community"), and one the dictionary has as a noun ("planning") is a noun."""
    w = toks[a].norm
    if not w.endswith("ing") or lemmas(w).get("NOUN") or not lemmas(w).get("VERB"):
        return False
    if toks[a + 1].norm in NUMBER_WORDS or toks[a + 1].norm.isdigit():
        return True  # "leading three product teams"
    nxt = pos_set(toks[a + 1].norm)
    return "ADJ" in nxt and "VERB" not in nxt


NUMBER_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty", "hundred"}
)


def _plain_verb(word: str) -> bool:
    """``word`` is the plain form of a word that can only be a verb, or of a relation verb ("encourage")."""
    if word not in (lemmas(word).get("VERB") or ()):
        return False
    return pos_set(word) == frozenset({"VERB"}) or _cue_verb(word)


def _third_person_verb(text: str, toks: list[Token], j: int) -> bool:
    """``toks[j]``, an -s word between a singular noun and more of a noun phrase, is a verb: in "pair rotation
    spreads skill" or "the manager issues orders" a plural "spreads" would have to be a subject, and no
    verb follows it to agree with. When the next word may be a plain verb ("leadership values guide
    behavior") the -s word is read as the plural it may also be."""
    w = toks[j].norm
    verbs = lemmas(w).get("VERB")
    if not verbs or w in verbs or not w.endswith("s") or j < 1 or j + 1 >= len(toks):
        return False
    before, after = toks[j - 1], toks[j + 1]
    if before.sentence != toks[j].sentence or after.sentence != toks[j].sentence:
        return False
    if not joinable(text, before, toks[j]) or not joinable(text, toks[j], after):
        return False
    if not is_nounish(before.norm) or _plural(before.norm):
        return False
    if after.norm in _OBJECT_OPENERS:
        return True  # "the guide collects what ...", "the manager issues the orders": an object follows
    return is_modifier(after.norm) and after.norm not in (lemmas(after.norm).get("VERB") or ())


# words that open an object after a verb but never continue a noun phrase ("that" and "which" may open a
# relative clause after a plural noun: "values that guide")
_OBJECT_OPENERS = (_DETERMINERS - {"each", "every"}) | frozenset({"what", "how", "why", "whether", "them", "us"})


_POSSESSIVE = re.compile(r"['\u2019]s?\s")


def _plural(word: str) -> bool:
    """``word`` is the regular plural of a noun ("leaders", "values"), not a noun in -s ("business")."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss") or "-" in word:
        return False
    nouns = lemmas(word).get("NOUN")
    return bool(nouns) and word not in nouns


def _plural_ends(text: str, toks: list[Token], j: int) -> bool:
    """A plural noun ends its noun phrase when another word would follow it: the nouns that modify a head
    are singular in English ("team skills", not "teams skills"), so in "leaders use personal power" or
    "teach followers service values" a new phrase starts after the plural. A possessive plural
    ("leaders' goals") does modify what follows."""
    if j + 1 >= len(toks) or not _plural(toks[j].norm):
        return False
    return "'" not in text[toks[j].end : toks[j + 1].start].replace("\u2019", "'")


def _of_phrases(text: str, toks: list[Token], chunk_list: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "X of Y" phrases where X is a one or two word chunk and Y a chunk right after "of" (not the first of two
    modifiers sharing a head: "a network of known and shared norms")."""
    starts = {a: (a, b) for a, b in chunk_list}
    coordinated = {a for a, _ in _coordinated_modifiers(text, toks, chunk_list)}
    out = []
    for a, b in chunk_list:
        if b - a > 1 or b + 2 >= len(toks) or toks[b + 1].norm != "of" or b + 2 in coordinated:
            continue
        if is_generic(toks[b].norm) or toks[b].sentence != toks[b + 2].sentence:
            continue
        nxt = starts.get(b + 2)
        if nxt and nxt[1] - nxt[0] <= 2 and not text[toks[b].end : toks[b + 2].start].strip(" \n").count(","):
            out.append((a, nxt[1]))
    return out


def _coordinated_modifiers(text: str, toks: list[Token], chunk_list: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "A and B N" phrases: two adjectives joined by "and" or "or" that share the head of the phrase after
    them ("formal and informal organizational structures", "present and future values context"). The
    chunker stops at the conjunction, and leaves the first adjective out or alone."""
    out = []
    for c, e in chunk_list:
        a = c - 2
        if e == c or a < 0 or toks[c - 1].norm not in ("and", "or") or toks[a].sentence != toks[c].sentence:
            continue
        if not _SPACES.fullmatch(text, toks[a].end, toks[c - 1].start):
            continue
        if toks[a].norm.endswith("ing"):
            continue  # "caring and serving leaders": verbs, not adjectives
        if _adjective_like(toks[a].norm) and _adjective_like(toks[c].norm):
            out.append((a, e))
    return out


def _adjective_like(word: str) -> bool:
    """An adjective or a past participle ("formal", "known", "shared"): a word that may modify a noun."""
    p = pos_set(word)
    if "FUNC" in p:
        return False
    if "ADJ" in p:
        return True
    verbs = lemmas(word).get("VERB") or ()
    return bool(verbs) and word not in verbs and not word.endswith(("s", "ing"))


_SPACES = re.compile(r"[ \t]+")


# Adjectives that rate, count or point ("major", "specific", "new", "first") rather than classify: they
# open no term ("important part", "current purposes"), unlike classifying ones ("personal power")
_STOP_ADJECTIVES = frozenset(
    [
        "major", "minor", "main", "full", "current", "present", "specific", "particular", "certain", "given",
        "various", "several", "new", "good", "big", "great", "important", "critical", "real", "true", "same",
        "other", "different", "many", "much", "own", "following", "previous", "next", "first", "second", "third",
        "last", "final", "overall", "general", "simple", "useful", "large", "little", "entire", "possible",
        "necessary", "appropriate", "relevant", "significant", "typical", "usual", "eventual", "actual", "clear",
        "further", "additional",
    ]
)
_INDEFINITES = frozenset(
    [
        "someone", "anyone", "everyone", "somebody", "anybody", "everybody", "nobody", "something", "anything",
        "everything", "nothing",
    ]
)


# Light verbs: they carry little meaning of their own and take a noun for it ("take responsibility", "make
# decisions", "find support"); a phrase they open is a verb and its object, and alone they name nothing
_LIGHT_VERBS = frozenset(["make", "take", "give", "get", "put", "keep", "let", "seem", "bring", "find", "do", "go"])


def light_verb(word: str) -> bool:
    """``word`` is a form of a light verb ("makes", "taking"), unless it is also a noun of its own ("findings")."""
    found = lemmas(word)
    return bool(_LIGHT_VERBS.intersection(found.get("VERB") or ())) and not set(found.get("NOUN") or ()) - _LIGHT_VERBS


def _acceptable(words: tuple[str, ...], norms: list[str]) -> bool:
    """Filter junk: generic, function-word, pronoun, numeric or bare-adjective terms, terms opened by a
    rating adjective or a light verb."""
    if not words or any(w in FUNCTION_WORDS and w not in ("of", "and", "or") for w in words):
        return False
    if words[0] in ("of", "and", "or") or words[-1] in ("of", "and", "or"):
        return False
    if any(any(c.isdigit() for c in w) for w in norms):
        return False
    if norms[0] in NUMBER_WORDS:
        return False  # "three", "three product teams": a count is no part of a term, as digits are not
    if len(norms) > 1 and norms[0] in _STOP_ADJECTIVES:
        return False  # "major difference", "specific skills": the term, if any, is the rest
    if light_verb(norms[0]):
        return False
    if any(w in _INDEFINITES for w in norms):
        return False  # "behavior someone": a pronoun ends no noun phrase
    if len(words) == 1:
        w = norms[0]
        if len(w) < 3 or is_generic(w) or w in _PRONOUN_LIKE:
            return False
        p = pos_set(w)
        if "NOUN" not in p and not (w.endswith("ing") and "VERB" in p):
            return False
    return not all(is_generic(w) for w in norms if w != "of")


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or)\s*", re.IGNORECASE)


def _beside_known(text: str, toks: list[Token], a: int, b: int, ends: dict[int, int], starts: dict[int, int]) -> bool:
    """The term at tokens ``a..b`` is a list item next to a known concept ("caring, service, and innovation"):
    the siblings of a known concept in a list are likely concepts of the same kind."""
    before = next((t for t in (a - 1, a - 2) if t in ends), None)
    if before is not None and _LIST_JOIN.fullmatch(text[toks[before].end : toks[a].start]):
        return True
    after = next((t for t in (b + 1, b + 2) if t in starts), None)
    return after is not None and bool(_LIST_JOIN.fullmatch(text[toks[b].end : toks[after].start]))


_CUE_LEAD = re.compile(r"(?:(?:the|a|an|one)\s+)?", re.IGNORECASE)  # what may open a cue before its noun
_CUE_WORDS = frozenset(w for c in CUES for w in re.findall(r"[a-z]{3,}", c.pattern.pattern))


def _cue_nouns(text: str, toks: list[Token], chunk_list: list[tuple[int, int]]) -> set[int]:
    """Tokens of one-word chunks that are the noun of a relation cue ("the basis of", "the source of"): the
    word states how two concepts relate, so it is no concept itself, and as a mention it would hide the cue.
    Only a word the cue spells out counts (not one its wildcards match: "relies on success"), at the
    cue's start or after an article (not "asks leaders to"), and a noun that ends its cue ("used by
    leaders") names a concept and stays."""
    out: set[int] = set()
    singles = [a for a, b in chunk_list if a == b and toks[a].norm in _CUE_WORDS]
    if not singles:
        return out
    spans = sorted((h.start, h.end) for h in find_cues(text, 0, len(text)) if not h.weak)
    starts = [s for s, _ in spans]
    for i in singles:
        t = toks[i]
        k = bisect.bisect_right(starts, t.start)
        if any(spans[j][1] > t.end and _CUE_LEAD.fullmatch(text, spans[j][0], t.start)
               for j in range(max(0, k - 8), k)):
            out.add(i)
    return out


def discover(
    text: str,
    toks: list[Token],
    sents: Sequence[Sentence],
    known_mentions: Sequence[Mention],
    known_keys: set[tuple[str, ...]],
    known_heads: dict | None = None,
    masked: frozenset[int] = frozenset(),
    defined: Sequence[Acronym] = (),
) -> list[Candidate]:
    """Rank the new concept candidates of a text (best first).

    Known concepts (``known_keys``) and tokens in ``masked`` (citations, acronyms) never make a candidate.
    The uses of an acronym the text ``defined`` for a new term are occurrences of that term.
    """
    chunk_list = chunks(text, toks, sents)
    covered = [None] * len(toks)  # token -> (first, last) of the known mention covering it
    ends: dict[int, int] = {}  # last token of a known mention -> its first, and the reverse
    starts: dict[int, int] = {}
    for m in known_mentions:
        for t in range(m.first, m.last + 1):
            covered[t] = (m.first, m.last)
        ends[m.last], starts[m.first] = m.first, m.last
    cands: dict[tuple[str, ...], Candidate] = {}
    in_cue = _cue_nouns(text, toks, chunk_list)

    def add(a: int, b: int) -> None:
        norms = [toks[t].norm for t in range(a, b + 1)]
        kk = phrase_key(norms)
        if len(kk) > MAX_TERM_WORDS or not _acceptable(kk, norms) or kk in known_keys:
            return
        if a == b and a in in_cue:
            return
        if any(_POSSESSIVE.match(text, toks[t].end, toks[t + 1].start) for t in range(a, b)):
            return  # "the leader's personal agenda": the possessor is a determiner, the term is what follows
        if any(t in masked for t in range(a, b + 1)):
            return
        if covered[a] is not None and covered[a] == covered[b]:
            return  # inside one known mention: that concept already names it
        c = cands.setdefault(kk, Candidate(kk))
        c.occurrences.append((a, b))
        c.surfaces[text[toks[a].start : toks[b].end]] += 1

    for a, b in chunk_list:
        for s in range(a, b + 1):
            w = toks[s].norm
            if not is_modifier(w) or (s == b and "VERB" in pos_set(w) and not _noun_context(text, toks, a, s)):
                continue  # a lone verb form is no term; a gerund read as a noun ("those of caring") may be
            for e in range(s, b + 1):
                if e - s < MAX_TERM_WORDS and (e == b or is_nounish(toks[e].norm)) and (
                    e == b or s > a or (e == b - 1 and _verb_or_plural(text, toks, b))
                ):
                    add(s, e)
    for a, b in _of_phrases(text, toks, chunk_list):
        add(a, b)
    for a, b in _coordinated_modifiers(text, toks, chunk_list):
        if phrase_key([toks[t].norm for t in range(a + 2, b + 1)]) not in known_keys:
            add(a, b)  # "top and inner leaders", where "inner leaders" is known, names two concepts, not one

    long_forms = _long_forms(toks, cands, defined)
    for c, a in long_forms:
        c.occurrences.extend((u, u) for u in a.uses)
        c.cues.add("defined")

    # cue bonuses
    for c in cands.values():
        seen_sents: set[int] = set()
        for a, b in c.occurrences:
            si = toks[a].sentence
            s = sents[si]
            if s.heading:
                c.cues.add("heading")
            if si in seen_sents:
                continue
            seen_sents.add(si)
            sent_text = text[s.start : s.end]
            after = text[toks[b].end : s.end]
            before = text[s.start : toks[a].start]
            if _DEFINE_AFTER_RE.match(after) and len(before.split()) <= 3:
                c.cues.add("defined")
            if _DEFINE_BEFORE_RE.search(before):
                c.cues.add("defined")
            if _quoted(text, toks[a].start, toks[b].end):
                c.cues.add("quoted")
            if re.match(r"^\s*(?:,|and\b|or\b)", after) or re.search(r"(?:,|\band|\bor)\s*$", before):
                c.cues.add("listed")
                if _beside_known(text, toks, a, b, ends, starts):
                    c.cues.add("listed with a known concept")
            if _CONTRAST_RE.search(sent_text):
                c.cues.add("contrasted")
            if _PERSON_AFTER.match(after):
                c.person = True
    _score(cands, toks)
    # a head the text uses as a person makes a person of every term it heads ("charge nurse" after "a nurse who")
    person_heads = {k[-1] for k, c in cands.items() if c.person}
    for k, c in cands.items():
        c.person = c.person or k[-1] in person_heads
    for c in cands.values():
        surf = sorted(c.surfaces.items(), key=lambda kv: (-kv[1], kv[0]))
        best = surf[0][0]
        # a capitalised name is kept only when written so inside a sentence ("Whole Person" in a heading or
        # "Partnerships" opening a sentence are capitalised by position)
        mid_caps = all(w[:1].isupper() for w in best.split()) and any(
            toks[a].start != sents[toks[a].sentence].start and not sents[toks[a].sentence].heading
            and text[toks[a].start : toks[b].end] == best
            for a, b in c.occurrences
        )
        c.label = re.sub(r"\s+", " ", best if mid_caps else best.lower())
    for c, a in long_forms:  # the acronym is a form of the term, never its label
        for u in a.uses:
            c.surfaces[text[toks[u].start : toks[u].end]] += 1
    for c in cands.values():
        c.class_label = propose_class([w for w in c.label.lower().replace("-", " ").split()], known_heads, c.person)
    return sorted(cands.values(), key=lambda c: (-c.score, c.label))


def _long_forms(
    toks: list[Token], cands: dict[tuple[str, ...], Candidate], defined: Sequence[Acronym]
) -> list[tuple[Candidate, Acronym]]:
    """The candidates that are the long form of an acronym the text defines, with their acronym."""
    out = []
    for a in defined:
        c = cands.get(phrase_key([toks[t].norm for t in range(a.first, a.last + 1)]))
        if c is not None:
            out.append((c, a))
    return out


def _score(cands: dict[tuple[str, ...], Candidate], toks: list[Token]) -> None:
    """C-value termhood plus cue bonuses, squashed into [0, 1]."""
    freq = {k: len(c.occurrences) for k, c in cands.items()}
    longer: dict[tuple[str, ...], list[int]] = {}
    for k in cands:
        n = len(k)
        for i in range(n):
            for j in range(i + 1, n + 1):
                sub = k[i:j]
                if sub != k and sub in cands:
                    longer.setdefault(sub, []).append(freq[k])
    for k, c in cands.items():
        f = freq[k]
        nested = longer.get(k)
        standalone = f - (sum(nested) / len(nested) if nested else 0.0)
        standalone = max(standalone, 0.5 if f > 1 else 0.25)
        raw = math.log2(len(k) + 1) * standalone
        for cue, w in (("defined", 2.0), ("quoted", 2.0), ("heading", 1.5), ("listed", 0.8),
                       ("listed with a known concept", 1.2), ("contrasted", 0.6)):
            if cue in c.cues:
                raw += w
        if len(k) == 1 and f == 1:
            raw *= 0.5
        if len(k) > 1 and f == 1 and not c.cues:
            raw *= 0.6
        head = k[-1]
        if head.endswith(("tion", "ment", "ship", "ness", "ity", "ism", "ance", "ence", "hood")):
            raw += 0.5
        c.bonus = raw
        c.score = _squash(raw)
        c.rank_score = _squash(raw + SPECIFICITY_WEIGHT * specificity(k))


def _squash(raw: float) -> float:
    return round(1.0 - math.exp(-raw / 6.0), 4)


def specificity(words: tuple[str, ...]) -> float:
    """How much rarer than everyday English the words of a term are, on average (Zipf units below
    ``COMMON_ZIPF``, within -1..2, a rare word counting as ``words.RARE_ZIPF``): "servanthood" or "handover" more
    than "ward" or "time".

    It orders the proposed concepts only: a concept of a text can be an everyday word ("values", "power"),
    so the pair ranker keeps the text's own termhood, and a new term is never dropped for being common."""
    ws = [w for w in words if w not in ("of", "and", "or")]
    z = sum(commonness(w) for w in ws) / len(ws)
    return max(-1.0, min(2.0, COMMON_ZIPF - z))
