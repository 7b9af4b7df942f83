"""Scoring of ``suggest`` output against gold concepts and relations, and the naive baseline.

Shared by the two quality benchmarks, ``suggest_quality.py`` (leave one shipped chapter out) and
``suggest_unseen.py`` (texts written for the benchmark, never tuned on), so that both report the same
measures under the same matching rules; the measures are described in ``suggest_quality.py``.

Matching: a suggested concept matches a gold concept when one of its label/forms equals one of the gold
label/synonyms/forms after ``name_key`` (case, inflection, hyphens, possessives ignored), or, when the
gold ids are the project's own (``match_by_id``), when it is a known concept carrying the gold id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from graph.suggest import Example, KnownConcept
from graph.suggest.lexicon import Lexicon, name_key
from graph.suggest.text import sentences, tokens

Triple = tuple[str, str, str]
"""A gold relation: subject id, relation type label, object id."""


def key_index(gold_names: dict[str, list[str]]) -> dict[tuple[str, ...], set[str]]:
    """Gold ids by the name key of each of their names."""
    index: dict[tuple[str, ...], set[str]] = {}
    for i, ns in gold_names.items():
        for n in ns:
            k = name_key(n)
            if k:
                index.setdefault(k, set()).add(i)
    return index


def match_ids(sug: dict, index: dict[tuple[str, ...], set[str]], gold: set[str], match_by_id: bool = True) -> set[str]:
    """Gold ids a suggested concept (``{"label", "forms", "id"?}``) matches."""
    out = set()
    if match_by_id and sug.get("id") in gold:
        out.add(sug["id"])
    for f in [sug["label"], *sug["forms"]]:
        out |= index.get(name_key(f), set())
    return out


def gold_pairs_of(relations: Iterable[Triple]) -> tuple[dict[frozenset, set[str]], dict[frozenset, set[Triple]]]:
    """The gold relations as unordered pairs: their types, and their directed triples."""
    pairs: dict[frozenset, set[str]] = {}
    directed: dict[frozenset, set[Triple]] = {}
    for s, t, o in relations:
        p = frozenset((s, o))
        pairs.setdefault(p, set()).add(t)
        directed.setdefault(p, set()).add((s, t, o))
    return pairs, directed


def with_gold_ends_only(out: dict, gold_names: dict[str, list[str]], match_by_id: bool = True) -> dict:
    """``out`` with only the relations whose two ends both match a gold concept, in the same order.

    A diagnostic (an oracle concept filter): what the pair ranking would score if every concept it
    links were one the curators recorded.
    """
    gold, index = set(gold_names), key_index(gold_names)
    matched = {c["label"] for c in out["concepts"] if match_ids(c, index, gold, match_by_id)}
    return {**out, "relations": [r for r in out["relations"] if r["subject"] in matched and r["object"] in matched]}


def score(text: str, out: dict, gold_names: dict[str, list[str]], gold_relations: list[Triple],
          match_by_id: bool = True) -> dict[str, int]:
    """Counts for the suggester's output ``out`` on ``text`` against gold concepts (id -> names) and relations.

    Concepts are scored over the top N = 2 x gold concepts in output order; relations as unordered pairs,
    each gold pair credited once, in output order; quotes by ``text[start:end] == quote``.
    """
    gold = set(gold_names)
    index = key_index(gold_names)
    gold_pairs, gold_dir = gold_pairs_of(gold_relations)

    # concepts
    n_top = 2 * len(gold)
    top = out["concepts"][:n_top]
    label_ids: dict[str, set[str]] = {}
    for c in out["concepts"]:
        label_ids.setdefault(c["label"], set()).update(match_ids(c, index, gold, match_by_id))
    top_hits = [match_ids(c, index, gold, match_by_id) for c in top]
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
    return {
        "gold_concepts": len(gold),
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
    }


def baseline(text: str, known: list[KnownConcept], examples: list[Example], gold_names: dict[str, list[str]],
             gold_relations: list[Triple], match_by_id: bool = True) -> dict[str, int]:
    """Counts for the naive baseline: the known concepts named in ``text``, and every pair of them named in
    one sentence (ranked by how many sentences name both), each typed with the examples' most common type.

    When the gold ids are the project's own (``match_by_id``), a known concept matches its own id only, as the
    shipped benchmark has always scored it; otherwise it matches as a suggested concept does, by its label
    and the forms the text names it by.
    """
    gold = set(gold_names)
    index = key_index(gold_names)
    gold_pairs, _ = gold_pairs_of(gold_relations)
    r = len(gold_pairs)
    sents = sentences(text)
    toks = tokens(text, sents)
    mentions = Lexicon(known).find(text, toks)
    labels = {k.id: k.label for k in known}
    forms: dict[str, set[str]] = {}
    per: dict[int, set[str]] = {}
    for m in mentions:
        per.setdefault(m.sentence, set()).add(m.concept)
        forms.setdefault(m.concept, set()).add(text[m.start : m.end])
    ids = {k: ({k} & gold) if match_by_id else match_ids({"label": labels[k], "forms": sorted(f)}, index, gold)
           for k, f in forms.items()}
    base_found = set().union(*ids.values()) if ids else set()
    pair_count: Counter = Counter()
    for named in per.values():
        for a in named:
            for b in named:
                if a < b:
                    pair_count[frozenset((a, b))] += 1
    base_ranked = sorted(pair_count, key=lambda p: (-pair_count[p], sorted(p)))
    majority = Counter(e.type_label for e in examples).most_common(1)[0][0]
    seen: set[frozenset] = set()
    hits: list[tuple[int, frozenset]] = []  # (rank, gold pair credited)
    for rank, p in enumerate(base_ranked):
        a, b = sorted(p)
        new = sorted((q for q in {frozenset((x, y)) for x in ids[a] for y in ids[b] if x != y}
                      if q in gold_pairs and q not in seen), key=sorted)
        if new:
            seen.add(new[0])
            hits.append((rank, new[0]))
    return {
        "b_c_found": len(base_found),
        "b_c_sugg": len(forms),
        "b_p_found": len(hits),
        "b_r_hits": sum(1 for rank, _ in hits if rank < r),
        "b_pairs": len(base_ranked),
        "b_type_ok": sum(1 for _, q in hits if majority in gold_pairs[q]),
    }


def row(name: str, s: dict) -> str:
    """Two report lines, suggester and baseline, for one document's (or the summed) counts."""
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


def overall(results: list[dict]) -> dict[str, float]:
    """The micro-average's counts: every numeric count summed over the documents."""
    return {k: sum(s[k] for s in results) for k in results[0] if k != "doc"}


def print_report(results: list[dict], header: Callable[[dict], str]) -> None:
    """Each result's header line (``header``) and figures, then the micro-averaged overall row."""
    for s in results:
        print(header(s))
        print(row(s["doc"], s))
    print(row("overall", overall(results)))
