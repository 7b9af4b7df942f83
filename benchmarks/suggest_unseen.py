"""Quality of ``suggest`` on leadership texts it was never tuned on: ``benchmarks/unseen/*.txt`` by default.

Two folders of such texts exist. ``unseen/`` is now the development set: the team has looked at the
suggester's output on it while improving the suggester. ``heldout/`` is the test set: three more texts
(a flood case study, an essay on succession in a family bakery, an academic-style paper on a tenants'
association) with gold written the same way; it is measured once, at the end of a round of work, with
``--dir benchmarks/heldout``, and its output is never looked at while tuning.

The three texts of ``unseen/`` (a nursing essay, a software team guide, an academic-style review of volunteer
organisations) were written for this benchmark, and each one's gold concepts and relations
(``<name>.gold.yaml``) were annotated by hand before the suggester was ever run on it. Unlike
``suggest_quality.py``, which holds one shipped chapter out, none of these texts was seen while the
suggester was first developed, so the figures of the first run said how it does on a new text; since the
team now tunes while looking at ``unseen/``, only ``heldout/`` still says that.

The suggester runs exactly as ``leadgraph suggest FILE`` runs on a text file (``graph.review.suggestions_for``:
all the project's curated concepts are the known lexicon, its relations the examples, every shipped
document trains the pair ranker). Its output is scored with the same measures, matching rules and naive
baseline as ``suggest_quality.py`` (``suggest_scoring.py``; see that script's docstring for the measures),
except that the gold ids are the gold file's own: every suggested concept, known or new, matches a gold
concept by name (``name_key`` of its label or forms against the gold label, synonyms and forms).
Figures are printed per text and overall (micro-averaged).

Run: PYTHONPATH=. .venv/bin/python benchmarks/suggest_unseen.py [--dir DIR] (from the repository, whose
project it reads); DIR is a folder of ``<name>.txt`` texts, each with its ``<name>.gold.yaml``
(default ``benchmarks/unseen``; ``benchmarks/heldout`` only for the final measurement of a round).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml
from suggest_scoring import Triple, baseline, print_report, score

from graph.curation import Vocabulary, load_curated, load_ontology
from graph.paths import find_project
from graph.review import suggestions_for
from graph.suggest import Example, KnownConcept

UNSEEN = Path(__file__).resolve().parent / "unseen"


def load_gold(path: Path) -> tuple[dict[str, list[str]], list[Triple]]:
    """A gold file's concepts (id -> label, synonyms and forms) and relations (subject, type, object)."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {c["id"]: [c["label"], *(c.get("synonyms") or []), *(c.get("forms") or [])] for c in gold["concepts"]}
    relations = [(r["subject"], r["type"], r["object"]) for r in gold["relations"]]
    return names, relations


def evaluate(text_path: Path, known: list[KnownConcept], examples: list[Example]) -> dict:
    """Suggestions for one unseen text, as ``leadgraph suggest FILE`` makes them, scored with the baseline's."""
    project = find_project()
    gold_names, gold_relations = load_gold(text_path.with_name(text_path.stem + ".gold.yaml"))
    text = text_path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    out, _ = suggestions_for(str(text_path), project)
    elapsed = time.perf_counter() - t0
    return {
        "doc": text_path.stem,
        "seconds": elapsed,
        **score(text, out, gold_names, gold_relations, match_by_id=False),
        **baseline(text, known, examples, gold_names, gold_relations, match_by_id=False),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=UNSEEN, metavar="DIR",
                        help="folder of <name>.txt texts with <name>.gold.yaml gold (default: benchmarks/unseen; "
                             "benchmarks/heldout is the test set, measured once at the end of a round)")
    args = parser.parse_args(argv)
    texts = sorted(args.dir.glob("*.txt"))
    if not texts:
        parser.error(f"no .txt texts in {args.dir}")
    project = find_project()
    curated = load_curated(project.data, Vocabulary.from_graph(load_ontology(project.ontology)))
    # the baseline's lexicon and majority type: all the project's concepts and relations, as the suggester's
    known = [KnownConcept(c.id, c.label, c.synonyms, c.forms, c.class_label) for c in curated.concepts.values()]
    examples = [Example(e.subject, e.type_label, e.object, e.passage.exact) for e in curated.evidence]
    results = [evaluate(p, known, examples) for p in texts]
    print_report(results, lambda s: (
        f"{s['doc']}: {s['gold_concepts']} gold concepts, {s['gold_pairs']} gold pairs; "
        f"suggested {s['n_concepts']} concepts, {s['n_relations']} relations; "
        f"N={s['n_top']}; suggest {s['seconds']:.2f} s"
    ))


if __name__ == "__main__":
    main()
