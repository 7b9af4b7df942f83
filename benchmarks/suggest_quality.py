"""Leave-one-document-out quality benchmark of ``suggest`` on the shipped curated data.

For each chapter: the lexicon (KnownConcept list), the examples and the training documents (full text,
concepts and curated relations, for the learnt pair ranking) come from the OTHER chapter only (a
concept belongs to a chapter when one of that chapter's relations uses it); ``suggest`` runs on the
held-out chapter's text; its output is scored against the held-out chapter's curated concepts and
relations, relations as unordered concept pairs.

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

Run: .venv/bin/python benchmarks/suggest_quality.py (from the repository, whose project it reads)
"""

from __future__ import annotations

import time
from collections import Counter

from graph.curation import Vocabulary, load_curated, load_ontology
from graph.paths import find_project
from graph.suggest import Example, KnownConcept, TrainingDocument, suggest
from graph.suggest.lexicon import Lexicon, name_key
from graph.suggest.text import blank_spans, sentences, tokens


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


def match_ids(sug: dict, key_index: dict[tuple[str, ...], set[str]], gold: set[str]) -> set[str]:
    """Curated ids a suggested concept matches."""
    out = set()
    if sug.get("id") in gold:
        out.add(sug["id"])
    for f in [sug["label"], *sug["forms"]]:
        out |= key_index.get(name_key(f), set())
    return out


def evaluate(doc: str, by_id: dict, rels: list, texts: dict) -> dict:
    other = [d for d in texts if d != doc]
    train_ids = set().union(*(chapter_ids(rels, d) for d in other))
    known = [known_concept(by_id[i]) for i in sorted(train_ids)]
    examples = [Example(x["subject"], x["type"], x["object"], x["quote"]) for x in rels if x["document"] in other]
    gold = chapter_ids(rels, doc)
    gold_pairs: dict[frozenset, set[str]] = {}
    gold_dir: dict[frozenset, set[tuple[str, str, str]]] = {}
    for x in rels:
        if x["document"] == doc:
            p = frozenset((x["subject"], x["object"]))
            gold_pairs.setdefault(p, set()).add(x["type"])
            gold_dir.setdefault(p, set()).add((x["subject"], x["type"], x["object"]))
    key_index: dict[tuple[str, ...], set[str]] = {}
    for i in gold:
        for n in names(by_id[i]):
            k = name_key(n)
            if k:
                key_index.setdefault(k, set()).add(i)

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

    # concepts
    n_top = 2 * len(gold)
    top = out["concepts"][:n_top]
    label_ids: dict[str, set[str]] = {}
    for c in out["concepts"]:
        label_ids.setdefault(c["label"], set()).update(match_ids(c, key_index, gold))
    top_hits = [match_ids(c, key_index, gold) for c in top]
    found = set().union(*top_hits) if top_hits else set()
    found_all = set().union(*label_ids.values()) if label_ids else set()

    # relations
    seen: set[frozenset] = set()
    r = len(gold_pairs)
    hits_top = 0
    type_ok = dir_ok = matched = 0
    for rank, rel in enumerate(out["relations"]):
        cands = {
            frozenset((a, b))
            for a in label_ids.get(rel["subject"], ())
            for b in label_ids.get(rel["object"], ())
            if a != b
        }
        new = sorted((p for p in cands if p in gold_pairs and p not in seen), key=sorted)
        if not new:
            continue
        p = new[0]
        seen.add(p)
        if rank < r:
            hits_top += 1
        matched += 1
        type_ok += rel["type"] in gold_pairs[p]
        subj_ids, obj_ids = label_ids[rel["subject"]], label_ids[rel["object"]]
        dir_ok += any(s in subj_ids and o in obj_ids and t == rel["type"] for s, t, o in gold_dir[p])

    ok = total = 0
    for rel in out["relations"]:
        total += 1
        ok += text[rel["start"] : rel["end"]] == rel["quote"]
    for c in out["concepts"]:
        for e in c["evidence"]:
            total += 1
            ok += (
                text[e["start"] : e["end"]] == e["quote"]
                and text[e["mention_start"] : e["mention_end"]] == e["mention"]
            )

    # baseline: known concepts named in one sentence
    sents = sentences(text)
    toks = tokens(text, sents)
    mentions = Lexicon(known).find(text, toks)
    per: dict[int, set[str]] = {}
    for m in mentions:
        per.setdefault(m.sentence, set()).add(m.concept)
    base_found = {m.concept for m in mentions} & gold
    base_concepts = {m.concept for m in mentions}
    pair_count: Counter = Counter()
    for ids in per.values():
        for a in ids:
            for b in ids:
                if a < b:
                    pair_count[frozenset((a, b))] += 1
    base_ranked = sorted(pair_count, key=lambda p: (-pair_count[p], sorted(p)))
    majority = Counter(e.type_label for e in examples).most_common(1)[0][0]
    base_hit = [p for p in base_ranked if p in gold_pairs]
    return {
        "doc": doc,
        "seconds": elapsed,
        "gold_concepts": len(gold),
        "known_given": len(known),
        "gold_pairs": r,
        "n_top": n_top,
        "c_found": len(found),
        "c_found_all": len(found_all),
        "c_top_ok": sum(1 for h in top_hits if h),
        "c_top": len(top),
        "p_found": len(seen),
        "r_hits": hits_top,
        "matched": matched,
        "type_ok": type_ok,
        "dir_ok": dir_ok,
        "quotes_ok": ok,
        "quotes": total,
        "n_relations": len(out["relations"]),
        "n_concepts": len(out["concepts"]),
        "b_c_found": len(base_found),
        "b_c_sugg": len(base_concepts),
        "b_p_found": len(base_hit),
        "b_r_hits": sum(1 for p in base_ranked[:r] if p in gold_pairs),
        "b_pairs": len(base_ranked),
        "b_type_ok": sum(1 for p in base_hit if majority in gold_pairs[p]),
    }


def row(name: str, s: dict) -> str:
    def f(a: int, b: int) -> str:
        return f"{a / b:5.2f}" if b else "  n/a"

    return (
        f"{name:8} suggest : concept R {f(s['c_found'], s['gold_concepts'])}"
        f" (all {f(s['c_found_all'], s['gold_concepts'])})"
        f"  concept P@N {f(s['c_top_ok'], s['c_top'])}  pair R {f(s['p_found'], s['gold_pairs'])}"
        f"  R-prec {f(s['r_hits'], s['gold_pairs'])}  type acc {f(s['type_ok'], s['matched'])}"
        f" (with direction {f(s['dir_ok'], s['matched'])})  verbatim {f(s['quotes_ok'], s['quotes'])}\n"
        f"{'':8} baseline: concept R {f(s['b_c_found'], s['gold_concepts'])}             "
        f"  concept P   {f(s['b_c_found'], s['b_c_sugg'])}  pair R {f(s['b_p_found'], s['gold_pairs'])}"
        f"  R-prec {f(s['b_r_hits'], s['gold_pairs'])}  type acc {f(s['b_type_ok'], s['b_p_found'])} (majority type)"
    )


def main() -> None:
    by_id, rels, texts = load()
    results = [evaluate(d, by_id, rels, texts) for d in sorted(texts)]
    for s in results:
        print(
            f"{s['doc']}: {s['gold_concepts']} curated concepts ({s['known_given']} known from the other chapter), "
            f"{s['gold_pairs']} curated pairs; suggested {s['n_concepts']} concepts, {s['n_relations']} relations; "
            f"N={s['n_top']}; suggest() {s['seconds']:.2f} s"
        )
        print(row(s["doc"], s))
    total = {k: sum(s[k] for s in results) for k in results[0] if k != "doc"}
    print(row("overall", total))


if __name__ == "__main__":
    main()
