"""Every relation is grounded in a verbatim quote, found where the graph says it is."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.build import BuildResult
from graph.curation import unnamed_ends
from graph.curation.quotes import normalise_whitespace
from tests.repository import DATA_DIR

EVIDENCE = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?claim ?url ?exact ?prefix ?suffix ?start ?end WHERE {
  ?annotation oa:hasBody ?claim ; oa:hasTarget ?target .
  ?target oa:hasSource ?document ; oa:hasSelector ?quote, ?position .
  ?quote oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
  ?position oa:start ?start ; oa:end ?end .
  ?document dcterms:source ?url .
}"""


def _texts_by_url(built: BuildResult) -> dict[str, str]:
    """The shipped source texts, read from disk (not from the graph), keyed by source URL."""
    return {d.url: Path(d.path).read_text(encoding="utf-8") for d in built.curated.documents.values()}


def test_every_quote_is_in_its_document_at_the_recorded_offsets(built: BuildResult, kg: Graph) -> None:
    texts = _texts_by_url(built)
    rows = list(kg.query(EVIDENCE))
    assert len(rows) == len(built.curated.evidence)
    for row in rows:
        text = texts[str(row.url)]
        start, end = int(row.start), int(row.end)
        assert text[start:end] == str(row.exact)
        assert text[:start].endswith(str(row.prefix))
        assert text[end:].startswith(str(row.suffix))


def test_every_recorded_quote_is_the_curated_quote_up_to_whitespace(built: BuildResult) -> None:
    import yaml

    entries = yaml.safe_load((DATA_DIR / "relations.yaml").read_text(encoding="utf-8"))["relations"]
    assert len(entries) == len(built.curated.evidence)
    for entry, evidence in zip(entries, built.curated.evidence, strict=True):
        assert normalise_whitespace(evidence.passage.exact) == normalise_whitespace(entry["quote"])


def test_every_quote_names_both_ends_of_its_relation_or_says_where_they_are_named(
        built: BuildResult) -> None:
    missing = [(e.line, e.subject, e.type_label, e.object, end) for e, end in unnamed_ends(built.curated)]
    assert missing == []


def test_no_quote_comes_from_the_site_navigation(built: BuildResult) -> None:
    furniture = ["Table of Contents", "Previous Section", "Westside Toastmasters"]
    for evidence in built.curated.evidence:
        assert not any(line in evidence.passage.exact for line in furniture), evidence.line


def test_every_concept_takes_part_in_a_relation(built: BuildResult) -> None:
    related = {e.subject for e in built.curated.evidence} | {e.object for e in built.curated.evidence}
    assert sorted(set(built.curated.concepts) - related) == []


def test_the_graph_covers_both_texts_at_full_scale(built: BuildResult) -> None:
    curated = built.curated
    relations = {(e.subject, e.type_label, e.object) for e in curated.evidence}
    concepts = [c for c in curated.concepts.values() if c.class_label != "cited work"]
    assert len(concepts) > 60
    assert len(relations) > 120
    per_document = {doc: sum(e.document == doc for e in curated.evidence) for doc in curated.documents}
    assert min(per_document.values()) >= 60, per_document
