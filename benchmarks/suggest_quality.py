"""Leave-one-document-out quality benchmark of ``suggest`` on the shipped curated data.

For each chapter: the lexicon (KnownConcept list), the examples and the training documents (full text,
concepts and curated relations, for the learnt pair ranking) come from the OTHER chapter only (a
concept belongs to a chapter when one of that chapter's relations uses it); ``suggest`` runs on the
held-out chapter's text; its output is scored against the held-out chapter's curated concepts and
relations, relations as unordered concept pairs.

Scoring and baseline are in ``suggest_scoring.py``, shared with ``suggest_unseen.py``.
Matching: a suggested concept matches a curated concept when it carries the curated id (known
concepts only) or when one of its label/forms equals one of the curated label/synonyms/forms after
lemmatising (same word keys as the suggester: case, inflection, hyphens, possessives ignored).

Figures (per chapter and overall, micro-averaged):
  concept recall    share of curated concepts matched by a suggested concept in the top N
  concept precision share of the top N suggested concepts that match some curated concept,
                    N = 2 x number of curated concepts of the chapter (suggestions in output order)
  pair recall       share of curated unordered pairs found among all suggested relation pairs
  R-precision       among the top R suggested relations (R = number of curated pairs), the share that
                    hit a curated pair not already credited
  type accuracy     matched pairs whose suggested type is one of the curated types of that pair
                    (direction-exact accuracy beside it)
  quotes verbatim   share of relation quotes and evidence with text[start:end] == quote
The naive baseline: the known concepts named in the text, and every pair of them named in one sentence
(pairs ranked by how many sentences name both), with the examples' most common type.

With --limits it also prints what bounds the R-precision: the same ranking kept to relations whose two
ends are curated concepts of the chapter (an oracle concept filter), and the ranking when the pair ranker
is fitted on the held-out chapter too (how far its features can tell curated pairs apart at all).

Run: .venv/bin/python benchmarks/suggest_quality.py [--limits] (from the repository, whose project it reads)
"""

from __future__ import annotations

import argparse
import time

from suggest_scoring import baseline, print_report, score, with_gold_ends_only  # the script's folder is on sys.path

from graph.curation import Vocabulary, load_curated, load_ontology
from graph.paths import find_project
from graph.suggest import Example, KnownConcept, TrainingDocument, suggest
from graph.suggest.text import blank_spans


def load() -> tuple[dict, list, dict]:
    """The project's curated concepts by id, its relations and its texts, read by the build's own loaders."""
    project = find_project()
    curated = load_curated(project.data, Vocabulary.from_graph(load_ontology(project.ontology)))
    by_id = {c.id: {"id": c.id, "label": c.label, "synonyms": list(c.synonyms), "forms": list(c.forms),
                    "class": c.class_label} for c in curated.concepts.values()}
    rels = [{"subject": e.subject, "type": e.type_label, "object": e.object, "document": e.document,
             "quote": e.passage.exact} for e in curated.evidence]
    # the page's navigation lines read as blank, as `leadgraph suggest ID` reads a registered document
    texts = {d.id: blank_spans(d.text, d.furniture) for d in curated.documents.values()}
    return by_id, rels, texts


def names(c: dict) -> list[str]:
    return [c["label"], *(c.get("synonyms") or []), *(c.get("forms") or [])]


def known_concept(c: dict) -> KnownConcept:
    return KnownConcept(c["id"], c["label"], tuple(c.get("synonyms") or ()), tuple(c.get("forms") or ()), c["class"])


def chapter_ids(rels: list, doc: str) -> set[str]:
    return {x[k] for x in rels if x["document"] == doc for k in ("subject", "object")}


def evaluate(doc: str, by_id: dict, rels: list, texts: dict, limits: bool = False) -> dict:
    """Run ``suggest`` on chapter ``doc`` with the other chapter as its knowledge, and score it and the baseline.

    With ``limits``, also two diagnostic R-precision counts (see ``limits_row``): ``r_oracle``, the same
    ranking kept to relations between curated concepts of the chapter, and ``r_self``, the ranking when the
    pair ranker is also fitted on the held-out chapter itself.
    """
    other = [d for d in texts if d != doc]
    train_ids = set().union(*(chapter_ids(rels, d) for d in other))
    known = [known_concept(by_id[i]) for i in sorted(train_ids)]
    examples = [Example(x["subject"], x["type"], x["object"], x["quote"]) for x in rels if x["document"] in other]
    gold = chapter_ids(rels, doc)
    gold_names = {i: names(by_id[i]) for i in gold}
    gold_relations = [(x["subject"], x["type"], x["object"]) for x in rels if x["document"] == doc]

    training = []
    for d in other:
        ids = chapter_ids(rels, d)
        training.append(
            TrainingDocument(
                texts[d],
                tuple(known_concept(by_id[i]) for i in sorted(ids)),
                tuple(Example(x["subject"], x["type"], x["object"], x["quote"]) for x in rels if x["document"] == d),
            )
        )

    text = texts[doc]
    t0 = time.perf_counter()
    out = suggest(text, doc, known, examples, training=training)
    elapsed = time.perf_counter() - t0
    result = {
        "doc": doc,
        "seconds": elapsed,
        "known_given": len(known),
        **score(text, out, gold_names, gold_relations),
        **baseline(text, known, examples, gold_names, gold_relations),
    }
    if limits:
        result["r_oracle"] = score(text, with_gold_ends_only(out, gold_names), gold_names, gold_relations)["r_hits"]
        own = TrainingDocument(
            text,
            tuple(known_concept(by_id[i]) for i in sorted(gold)),
            tuple(Example(x["subject"], x["type"], x["object"], x["quote"]) for x in rels if x["document"] == doc),
        )
        out_self = suggest(text, doc, known, examples, training=[*training, own])
        result["r_self"] = score(text, out_self, gold_names, gold_relations)["r_hits"]
    return result


def limits_row(name: str, s: dict) -> str:
    """The two diagnostics of ``--limits`` beside the R-precision itself, as counts of the R curated pairs."""
    r = s["gold_pairs"]
    return (
        f"{name:8} limits  : R-prec {s['r_hits']}/{r}; ranker also fitted on this chapter {s['r_self']}/{r}; "
        f"only relations between curated concepts {s['r_oracle']}/{r}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limits", action="store_true",
                        help="also print what bounds the R-precision: the ranking with an oracle concept filter, "
                             "and with the pair ranker fitted on the held-out chapter itself")
    args = parser.parse_args()
    by_id, rels, texts = load()
    results = [evaluate(d, by_id, rels, texts, args.limits) for d in sorted(texts)]
    print_report(results, lambda s: (
        f"{s['doc']}: {s['gold_concepts']} curated concepts ({s['known_given']} known from the other chapter), "
        f"{s['gold_pairs']} curated pairs; suggested {s['n_concepts']} concepts, {s['n_relations']} relations; "
        f"N={s['n_top']}; suggest() {s['seconds']:.2f} s"
    ))
    if args.limits:
        total = {k: sum(s[k] for s in results) for k in ("gold_pairs", "r_hits", "r_self", "r_oracle")}
        for s in [*results, {"doc": "overall", **total}]:
            print(limits_row(s["doc"], s))


if __name__ == "__main__":
    main()
