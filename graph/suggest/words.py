"""Word-level knowledge: lemma keys, coarse parts of speech, function words and generic nouns.

Lemmas and the possible parts of speech of a word come from lemminflect's dictionary (data inside the
package, no download). A word's *key* is the alphabetically smallest of all its lemmas over every part
of speech, so that "serving", "serves" and "serve" or "values" and "value" share one key whichever
part of speech the text uses; both the lexicon and the text go through the same function, so the
choice only has to be consistent.

How common a word is in general English comes from wordfreq's English word list (data inside the
package, no download): a term made of rare words is more likely a concept of the text than one made of
everyday words.

The function-word and generic-noun lists are ordinary English, written for this module.
"""

from __future__ import annotations

from functools import lru_cache

import lemminflect
from wordfreq import zipf_frequency

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "such",
        "some",
        "any",
        "each",
        "every",
        "either",
        "neither",
        "no",
        "none",
        "all",
        "both",
        "half",
        "several",
        "many",
        "much",
        "more",
        "most",
        "few",
        "fewer",
        "less",
        "least",
        "other",
        "another",
        "same",
        "own",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "us",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "one",
        "ones",
        "oneself",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "whatever",
        "whoever",
        "whichever",
        "where",
        "when",
        "why",
        "how",
        "whether",
        "and",
        "or",
        "nor",
        "but",
        "yet",
        "so",
        "for",
        "if",
        "then",
        "than",
        "because",
        "since",
        "while",
        "whereas",
        "although",
        "though",
        "unless",
        "until",
        "as",
        "at",
        "by",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "per",
        "to",
        "toward",
        "towards",
        "under",
        "up",
        "upon",
        "with",
        "within",
        "without",
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "amongst",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "down",
        "during",
        "except",
        "inside",
        "like",
        "near",
        "outside",
        "past",
        "through",
        "throughout",
        "till",
        "via",
        "despite",
        "unlike",
        "versus",
        "vs",
        "be",
        "am",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "can",
        "cannot",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "ought",
        "need",
        "needs",
        "not",
        "n't",
        "very",
        "too",
        "also",
        "just",
        "only",
        "even",
        "still",
        "already",
        "always",
        "never",
        "often",
        "sometimes",
        "usually",
        "really",
        "quite",
        "rather",
        "perhaps",
        "here",
        "there",
        "now",
        "today",
        "thus",
        "hence",
        "therefore",
        "however",
        "indeed",
        "moreover",
        "furthermore",
        "instead",
        "otherwise",
        "else",
        "ever",
        "again",
        "once",
        "twice",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "last",
        "next",
        "yes",
        "well",
        "often",
        "let",
        "lets",
    ]
)

# Nouns too general to name a concept on their own.
GENERIC_NOUNS = frozenset(
    [
        "way",
        "ways",
        "thing",
        "things",
        "people",
        "person",
        "persons",
        "time",
        "times",
        "part",
        "parts",
        "kind",
        "kinds",
        "type",
        "types",
        "sort",
        "sorts",
        "fact",
        "facts",
        "case",
        "cases",
        "point",
        "points",
        "lot",
        "lots",
        "number",
        "numbers",
        "example",
        "examples",
        "area",
        "areas",
        "level",
        "levels",
        "form",
        "forms",
        "aspect",
        "aspects",
        "idea",
        "ideas",
        "matter",
        "matters",
        "issue",
        "issues",
        "question",
        "questions",
        "answer",
        "answers",
        "something",
        "anything",
        "everything",
        "nothing",
        "someone",
        "anyone",
        "everyone",
        "somebody",
        "anybody",
        "everybody",
        "place",
        "places",
        "day",
        "days",
        "year",
        "years",
        "side",
        "sides",
        "end",
        "ends",
        "term",
        "terms",
        "word",
        "words",
        "sense",
        "bit",
        "deal",
        "instance",
        "instances",
        "manner",
        "respect",
        "regard",
        "result",
        "results",
        "reason",
        "reasons",
        "chapter",
        "chapters",
        "section",
        "page",
        "pages",
        "table",
        "contents",
        "figure",
        "note",
        "notes",
        "item",
        "items",
        "list",
        "lists",
        "element",
        "elements",
        "hand",
        "hands",
        "use",
        "uses",
        "others",
        "other",
        "world",
        "life",
        "lives",
        "man",
        "men",
        "woman",
        "women",
        "group",
        "groups",
        "member",
        "members",
        "situation",
        "situations",
        "context",
        "contexts",
        "focus",
        "range",
        "variety",
        "set",
        "sets",
        "series",
        "means",
        "need",
        "needs",
        "activity",
        "activities",
        "effort",
        "efforts",
        "work",
        "task",
        "tasks",
        "job",
        "jobs",
        "step",
        "steps",
        "attention",
        # the vocabulary a text uses to talk about itself and its argument (meta-discourse): a term of a
        # field needs more than these ("traditional leadership theory" stays, "theory" alone does not)
        "definition",
        "definitions",
        "dimension",
        "dimensions",
        "characteristic",
        "characteristics",
        "feature",
        "features",
        "method",
        "methods",
        "difference",
        "differences",
        "similarity",
        "similarities",
        "course",
        "literature",
        "overview",
        "summary",
        "introduction",
        "conclusion",
        "discussion",
        "instruction",
        "instructions",
        "exercise",
        "understanding",
        "perspective",
        "experience",
        "action",
        "actions",
        "core",
        "middle",
        "objective",
        "objectives",
        "mind",
        "minds",
        "percent",
        "percentage",
        "theory",
        "theories",
        "concept",
        "concepts",
        "notion",
        "role",
        "roles",
        "relationship",
        "relationships",
    ]
)

_SUFFIX_NOUN = ("tion", "sion", "ment", "ness", "ity", "ship", "ism", "ance", "ence", "hood", "ure", "ist")


@lru_cache(maxsize=131072)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """All lemmas of a lower-case word by universal part of speech; empty for unknown words."""
    return lemminflect.getAllLemmas(word)


@lru_cache(maxsize=131072)
def key(word: str) -> str:
    """The matching key of a word: the smallest of its lemmas, or the word for unknown words."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if "-" in w:
        parts = w.split("-")
        return "-".join(key(p) if p else p for p in parts)
    found = lemmas(w)
    if not found:
        if len(w) > 4 and w.endswith("ies"):
            return w[:-3] + "y"
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return w[:-1]
        return w
    return min(lem.lower() for group in found.values() for lem in group)


@lru_cache(maxsize=131072)
def exact_key(word: str) -> str:
    """A stricter key that keeps nouns apart from their verbs ("mentoring" vs "mentor").

    The noun lemma when the word can be a noun, else the word itself.
    """
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    noun = lemmas(w).get("NOUN")
    return noun[0].lower() if noun else w


def exact_phrase_key(norms: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``phrase_key`` with ``exact_key``: used to break ties between names sharing a phrase key."""
    return tuple(exact_key(p) for n in norms for p in n.split("-") if p)


def phrase_key(norms: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Key of a phrase given its normalised tokens: hyphenated words count as separate words."""
    out: list[str] = []
    for n in norms:
        for part in n.split("-"):
            if part:
                out.append(key(part))
    return tuple(out)


@lru_cache(maxsize=131072)
def pos_set(word: str) -> frozenset[str]:
    """Possible coarse parts of speech: FUNC, NOUN, VERB, ADJ, ADV or NUM (guessed for unknown words)."""
    w = word.lower()
    if w in FUNCTION_WORDS:
        return frozenset({"FUNC"})
    if w.isdigit():
        return frozenset({"NUM"})
    parts = w.split("-")
    if len(parts) > 1:
        # A hyphenated compound behaves like its last part, but "-based", "-oriented" make adjectives.
        last = pos_set(parts[-1]) if parts[-1] else frozenset()
        if parts[-1].endswith(("ed", "ing")):
            return frozenset({"ADJ"}) | (last & {"NOUN"})
        return last - {"FUNC"} or frozenset({"NOUN", "ADJ"})
    found = set(lemmas(w))
    found.discard("PROPN")
    if "AUX" in found:
        return frozenset({"FUNC"})
    if not found:
        if w.endswith("ly"):
            return frozenset({"ADV"})
        if w.endswith(_SUFFIX_NOUN) or w.endswith("s"):
            return frozenset({"NOUN"})
        if w.endswith(("ed", "ing")):
            return frozenset({"VERB", "ADJ"})
        if w.endswith(("ive", "ous", "al", "ic", "ful", "less", "able", "ible")):
            return frozenset({"ADJ"})
        return frozenset({"NOUN"})
    return frozenset(found)


def is_nounish(word: str) -> bool:
    """Can be the head of a noun phrase."""
    p = pos_set(word)
    return "NOUN" in p or (word.lower().endswith("ing") and "VERB" in p)


def is_modifier(word: str) -> bool:
    """Can stand before a head noun inside a noun phrase (adjective, noun, participle)."""
    p = pos_set(word)
    if "FUNC" in p or "NUM" in p:
        return False
    if p & {"NOUN", "ADJ"}:
        return True
    return word.lower().endswith(("ed", "ing"))


def is_generic(word: str) -> bool:
    """A noun too general to be a concept by itself."""
    return word.lower() in GENERIC_NOUNS or key(word) in GENERIC_NOUNS


RARE_ZIPF = 3.0  # wordfreq's small English list holds the words at least this common


@lru_cache(maxsize=131072)
def commonness(word: str) -> float:
    """How common ``word`` is in general English, on the Zipf scale: log10 of its uses per billion words
    (about 7 for "the", 5 for "team", 3.8 for "hierarchy"); ``RARE_ZIPF`` for any rarer word ("handover",
    "servanthood"). The small list loads in a tenth of the time of the large one, and telling rare words
    apart is not needed."""
    return max(zipf_frequency(word, "en", wordlist="small"), RARE_ZIPF)
