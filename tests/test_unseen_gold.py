"""The gold annotations of the unseen-text benchmarks are well formed: ``benchmarks/unseen/`` (the
development set) and ``benchmarks/heldout/`` (the test set, measured once at the end of a round).

``benchmarks/suggest_unseen.py`` scores the suggester against these files (``--dir`` picks the folder),
so a quote that is not in its text, a relation end that is no declared concept, or a type or class
outside the project's vocabulary would silently distort its figures. The vocabulary is read from the
ontology as the build reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.curation.vocabulary import Vocabulary, load_ontology
from tests.repository import ONTOLOGY_DIR, ROOT

# each folder of texts and the names of its texts
FOLDERS = {
    "unseen": ["teams", "volunteers", "ward"],
    "heldout": ["crisis", "family", "organising"],
}
GOLD_FILES = sorted(p for folder in FOLDERS for p in (ROOT / "benchmarks" / folder).glob("*.gold.yaml"))


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.from_graph(load_ontology(ONTOLOGY_DIR))


def gold_faults(text: str, gold: dict[str, Any], vocabulary: Vocabulary) -> list[str]:
    """Every fault of one gold annotation against its text, as readable lines (empty when well formed)."""
    faults = []
    concepts = gold.get("concepts") or []
    relations = gold.get("relations") or []
    ids: set[str] = set()
    for c in concepts:
        cid = c.get("id")
        if not cid or cid in ids:
            faults.append(f"concept id missing or repeated: {cid!r}")
        ids.add(cid)
        if not c.get("label"):
            faults.append(f"concept {cid!r} has no label")
        if c.get("class") not in vocabulary.classes:
            faults.append(f"concept {cid!r}: class {c.get('class')!r} is not in the ontology")
        unknown = set(c) - {"id", "label", "synonyms", "forms", "class"}
        if unknown:
            faults.append(f"concept {cid!r}: unknown keys {sorted(unknown)}")
    for r in relations:
        name = f"relation {r.get('subject')} {r.get('type')} {r.get('object')}"
        for end in ("subject", "object"):
            if r.get(end) not in ids:
                faults.append(f"{name}: {end} {r.get(end)!r} is not a declared concept")
        if r.get("type") not in vocabulary.relation_types:
            faults.append(f"{name}: type {r.get('type')!r} is not a relation type of the ontology")
        unknown = set(r) - {"subject", "type", "object", "quote", "context"}
        if unknown:
            faults.append(f"{name}: unknown keys {sorted(unknown)}")
        quote = r.get("quote")
        if not quote or quote not in text:
            faults.append(f"{name}: quote not found verbatim: {quote!r}")
    return faults


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_there_are_three_texts_each_with_its_gold(folder: str) -> None:
    directory = ROOT / "benchmarks" / folder
    assert sorted(p.name for p in directory.glob("*.gold.yaml")) == [f"{n}.gold.yaml" for n in FOLDERS[folder]]
    assert sorted(p.name for p in directory.glob("*.txt")) == [f"{n}.txt" for n in FOLDERS[folder]]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_file_is_well_formed(gold_path: Path, vocabulary: Vocabulary) -> None:
    text = gold_path.with_name(gold_path.name.replace(".gold.yaml", ".txt")).read_text(encoding="utf-8")
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    assert set(gold) == {"concepts", "relations"}
    assert gold_faults(text, gold, vocabulary) == []
    assert len(gold["relations"]) >= 20
    assert len(gold["concepts"]) >= 20
    assert 600 <= len(text.split()) <= 900


def test_the_check_fails_on_a_broken_gold(vocabulary: Vocabulary) -> None:
    text = "Servant leadership rests on humility."
    gold = {
        "concepts": [{"id": "servant-leadership", "label": "servant leadership", "class": "leadership model"},
                     {"id": "humility", "label": "humility", "class": "virtue"}],
        "relations": [{"subject": "servant-leadership", "type": "rests on", "object": "humility",
                       "quote": "Servant leadership rests on humility"},
                      {"subject": "servant-leadership", "type": "based on", "object": "pride",
                       "quote": "Servant leadership rests upon humility"}],
    }
    faults = gold_faults(text, gold, vocabulary)
    assert any("class 'virtue'" in f for f in faults)
    assert any("type 'rests on'" in f for f in faults)
    assert any("object 'pride'" in f for f in faults)
    assert any("quote not found" in f for f in faults)
    assert len(faults) == 4
