"""Every linking sentence of the shipped texts is accounted for: each suggestion is accepted or rejected."""

from __future__ import annotations

import pytest
import yaml

from graph.paths import find_project
from graph.review import review_entries, suggestions_for
from tests.repository import DATA_DIR, ROOT


@pytest.mark.parametrize("document", ["ch03", "ch13"])
def test_no_suggestion_on_a_shipped_document_is_left_undecided(document: str) -> None:
    """What `leadgraph suggest DOC --format yaml` would put in a review file: nothing, once all is decided.

    An accepted suggestion missing from the data would be proposed again, and so would a new one.
    """
    suggestions, _ = suggestions_for(document, find_project(start=ROOT))
    left = review_entries(suggestions, document)
    assert [c["label"] for c in left["concepts"]] == []
    assert [(r["subject"], r["type"], r["object"]) for r in left["relations"]] == []


def test_every_rejection_keeps_its_reason() -> None:
    rejected = yaml.safe_load((DATA_DIR / "review" / "rejected.yaml").read_text(encoding="utf-8"))["rejected"]
    assert rejected and all(str(entry.get("reason") or "").strip() for entry in rejected)
    assert {entry["document"] for entry in rejected} <= {"ch03", "ch13"}


@pytest.mark.parametrize("document", ["ch03", "ch13"])
def test_no_review_file_of_a_shipped_document_holds_a_pending_entry(document: str) -> None:
    path = DATA_DIR / "review" / f"{document}.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    assert [e for key in ("concepts", "relations") for e in (content.get(key) or [])] == []
