"""The build describes its dataset: licence, date of the inputs, software version, the build as a
prov:Activity, and VoID statistics; and the date is the inputs', never the clock's."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.build import BuildResult, build
from graph.rdf.dataset import DATASET, VOID, software_version, source_date


def test_the_build_describes_its_dataset_with_void_statistics(built: BuildResult) -> None:
    kg = built.kg
    assert (DATASET, RDF.type, VOID.Dataset) in kg
    assert int(kg.value(DATASET, VOID.triples)) == len(kg)
    assert int(kg.value(DATASET, VOID.classes)) == len(set(kg.objects(None, RDF.type)))
    assert int(kg.value(DATASET, VOID.properties)) == len(set(kg.predicates()))
    activity = kg.value(DATASET, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in kg
    assert {str(s) for s in kg.objects(activity, PROV.used)} == {f"https://w3id.org/leadgraph/source/{d}"
                                                                for d in built.curated.documents}
    software = kg.value(activity, PROV.wasAssociatedWith)
    assert kg.value(software, DCTERMS.hasVersion) == Literal(software_version())
    assert kg.value(DATASET, DCTERMS.created) is not None


def test_created_is_the_inputs_date_not_the_clock(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date([tmp_path]) == datetime.fromtimestamp(1700000000, UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (tmp_path / "a.txt").write_text("a")
    os.utime(tmp_path / "a.txt", (1600000000, 1600000000))
    assert source_date([tmp_path]) == datetime.fromtimestamp(1600000000, UTC)  # not a git repository


def test_a_licence_in_sources_yaml_is_the_dataset_licence(data_copy: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sources = data_copy / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("  creator: Gilbert W. Fairholm\n", "  creator: Gilbert W. Fairholm\n"
                                    "  license: https://creativecommons.org/licenses/by/4.0/\n"), encoding="utf-8")
    result = build(data_copy, out_dir=tmp_path / "build")
    graph = Graph().parse(tmp_path / "build" / "leadership.ttl")
    assert graph.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(graph.value(DATASET, DCTERMS.created)).startswith("2023-11-14T22:13:20")
    assert len(graph) == len(result.kg)
