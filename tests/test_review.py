"""The review loop on a text of our own: add it, suggest, decide, accept, build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.repository import DATA_DIR, ROOT

Run = Callable[..., tuple[int, str, str]]

# Written for these tests; it reuses names the shipped graph knows (trust, coaching, feedback is new).
COACHING = """Coaching and Feedback

Coaching rests on trust. A coach who listens earns the trust that coaching requires.

Feedback is part of coaching. Unlike criticism, honest feedback looks forward: criticism judges
what was done, while honest feedback helps a person do better next time.

Regular feedback builds self-confidence in a team. Praise without substance reduces the value of
honest feedback, because people stop believing it.
"""


EVERY = ("--min-score", "0", "--min-concept-score", "0")
"""Put every suggestion of the short test text into the review file."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's project (its data only; the ontology is the packaged one), as the cwd."""
    root = tmp_path / "course"
    shutil.copytree(DATA_DIR, root / "data")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def coaching_text(tmp_path: Path) -> Path:
    path = tmp_path / "coaching-note.txt"
    path.write_text(COACHING, encoding="utf-8")
    return path


def _add(leadgraph: Run, text: Path) -> None:
    code, out, err = leadgraph("add-document", str(text), "--id", "coaching", "--title", "Coaching and Feedback",
                               "--url", "https://example.org/coaching", "--chapter", "5")
    assert code == 0, err
    assert "Added" in out


def test_add_document_copies_the_text_and_keeps_the_comments_of_sources_yaml(
        leadgraph: Run, project: Path, coaching_text: Path) -> None:
    before = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    _add(leadgraph, coaching_text)
    after = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # every old line, comments included, unchanged
    entry = yaml.safe_load(after)["documents"][-1]
    assert entry == {"id": "coaching", "file": "sources/coaching-note.txt", "title": "Coaching and Feedback",
                     "chapter": 5, "url": "https://example.org/coaching"}
    assert (project / "data" / "sources" / "coaching-note.txt").read_text(encoding="utf-8") == COACHING


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "ch03"], "a document with id 'ch03' is already registered"),
    (["--id", "Chapter 5"], "use lowercase words joined by hyphens"),
    (["--id", "c5", "--url", "javascript:alert(1)"], "--url must be an http(s) address"),
])
def test_add_document_refuses_bad_input_in_one_line_and_writes_nothing(
        leadgraph: Run, project: Path, coaching_text: Path, args: list[str], message: str) -> None:
    before = (project / "data" / "sources.yaml").read_bytes()
    code, _, err = leadgraph("add-document", str(coaching_text), "--title", "T", *args)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert (project / "data" / "sources.yaml").read_bytes() == before
    assert not (project / "data" / "sources" / "coaching-note.txt").exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the text file is empty"),
    (b"Trust \xff builds\n", ":1:7: not UTF-8 text (byte 0xff)"),
    (b"\x00\x01\x02binary", "a binary file, not a text file"),
])
def test_suggest_refuses_an_unreadable_text_with_status_2(leadgraph: Run, project: Path, tmp_path: Path,
                                                          content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = leadgraph("suggest", str(path))
    assert code == 2
    assert err.startswith(f"leadgraph: {path}") and message in err and len(err.strip().splitlines()) == 1


def _decide(review: Path, decide: Callable[[dict], None]) -> None:
    content = yaml.safe_load(review.read_text(encoding="utf-8"))
    decide(content)
    review.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_the_whole_loop_grows_the_graph_by_the_accepted_entries_only(
        leadgraph: Run, project: Path, coaching_text: Path, tmp_path: Path) -> None:
    _add(leadgraph, coaching_text)
    code, out, err = leadgraph("suggest", "coaching", "--format", "yaml", *EVERY)
    assert code == 0, err
    review = project / "data" / "review" / "coaching.yaml"
    content = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert content["document"] == "coaching"
    assert all(entry["decision"] == "pending" for key in ("concepts", "relations") for entry in content[key])
    labels = {c["label"] for c in content["concepts"]}
    assert "feedback" in labels or "honest feedback" in labels
    text = (project / "data" / "sources" / "coaching-note.txt").read_text(encoding="utf-8")
    assert all(" ".join(r["quote"].split()) in " ".join(text.split()) for r in content["relations"])

    feedback = next(c for c in content["concepts"] if c["label"] in ("feedback", "honest feedback"))
    relation_to_accept = next(r for r in content["relations"] if feedback["id"] in (r["subject"], r["object"]))
    relation_to_reject = next(r for r in content["relations"] if r is not relation_to_accept)

    def decide(review_content: dict) -> None:
        for concept in review_content["concepts"]:
            if concept["id"] == feedback["id"]:
                concept.update(decision="accept", definition="Telling people how their work is received, "
                               "so that they can improve it.", **{"class": "technique or practice"})
        for relation in review_content["relations"]:
            if relation == relation_to_accept:
                relation["decision"] = "accept"
            elif relation == relation_to_reject:
                relation.update(decision="reject", reason="the sentence does not state it")

    _decide(review, decide)
    concepts_before = (project / "data" / "concepts.yaml").read_text(encoding="utf-8")
    code, out, err = leadgraph("accept", "coaching")
    assert code == 0, err
    assert "Accepted 1 concept(s) and 1 relation(s); remembered 1 rejection(s)" in out
    concepts_after = (project / "data" / "concepts.yaml").read_text(encoding="utf-8")
    assert concepts_after.startswith(concepts_before[:concepts_before.index("works:")].rstrip("\n"))
    assert "# Concepts of the inner leadership texts" in concepts_after  # comments kept
    assert any(c["id"] == feedback["id"] for c in yaml.safe_load(concepts_after)["concepts"])
    relations = yaml.safe_load((project / "data" / "relations.yaml").read_text(encoding="utf-8"))["relations"]
    assert relations[-1]["subject"] == relation_to_accept["subject"] and relations[-1]["document"] == "coaching"
    rejected = yaml.safe_load((project / "data" / "review" / "rejected.yaml").read_text(encoding="utf-8"))
    assert rejected["rejected"][-1]["reason"] == "the sentence does not state it"
    assert rejected["rejected"][-1]["document"] == "coaching"
    remaining = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert all(e["decision"] == "pending" for key in ("concepts", "relations") for e in remaining[key])

    code, out, err = leadgraph("build", "--out", str(tmp_path / "build"))
    assert code == 0, err
    code, out, err = leadgraph("concept", feedback["label"], "--graph", str(tmp_path / "build" / "leadership.ttl"))
    assert code == 0 and " ".join(relation_to_accept["quote"].split()) in " ".join(out.split())

    code, out, err = leadgraph("suggest", "coaching", "--format", "json")
    proposed = json.loads(out)["relations"]
    triple = (relation_to_reject["subject"], relation_to_reject["type"], relation_to_reject["object"])
    ids = {c["label"]: c.get("id", c["label"]) for c in json.loads(out)["concepts"]}
    assert all((ids.get(r["subject"]), r["type"], ids.get(r["object"])) != triple for r in proposed)
    accepted = [r for r in proposed if (ids.get(r["subject"]), r["type"], ids.get(r["object"])) ==
                (relation_to_accept["subject"], relation_to_accept["type"], relation_to_accept["object"])]
    assert accepted and all(r["known"] for r in accepted)

    # a rejection belongs to the document it was made on: the same text read as a plain file gets it again
    def triples(result: dict) -> set[tuple[str, str, str]]:
        ids = {c["label"]: c.get("id") or "-".join(c["label"].casefold().split()) for c in result["concepts"]}
        return {(ids.get(r["subject"], ""), r["type"], ids.get(r["object"], "")) for r in result["relations"]}

    rejected_triple = (relation_to_reject["subject"], relation_to_reject["type"], relation_to_reject["object"])
    assert rejected_triple not in triples(json.loads(out))
    code, out, err = leadgraph("suggest", str(coaching_text), "--format", "json")
    assert code == 0, err
    assert rejected_triple in triples(json.loads(out))


def test_a_fault_in_the_review_file_names_its_line_and_nothing_is_written(
        leadgraph: Run, project: Path, coaching_text: Path) -> None:
    _add(leadgraph, coaching_text)
    assert leadgraph("suggest", "coaching", "--format", "yaml", *EVERY)[0] == 0
    review = project / "data" / "review" / "coaching.yaml"
    content = yaml.safe_load(review.read_text(encoding="utf-8"))
    new_ids = {c["id"] for c in content["concepts"]}
    between_known = next(r for r in content["relations"] if not {r["subject"], r["object"]} & new_ids)
    lines = review.read_text(encoding="utf-8").splitlines()
    first_quote = next(i for i, line in enumerate(lines)
                       if line.strip().startswith("quote:") and between_known["quote"] in line)
    lines[first_quote] = lines[first_quote].split("quote:")[0] + 'quote: "Coaching rests on distrust."'
    decision = next(i for i in range(first_quote, len(lines)) if lines[i].strip().startswith("decision:"))
    lines[decision] = lines[decision].replace("pending", "accept")
    review.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entry_line = max(i for i in range(first_quote) if lines[i].lstrip().startswith("- ")) + 1
    snapshot = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    code, _, err = leadgraph("accept", "coaching")
    assert code == 1
    assert f"{review}:{entry_line}: relation '" in err and "quote not found in coaching-note.txt" in err
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == snapshot


def test_suggest_refuses_to_overwrite_decisions_not_yet_accepted(
        leadgraph: Run, project: Path, coaching_text: Path) -> None:
    _add(leadgraph, coaching_text)
    assert leadgraph("suggest", "coaching", "--format", "yaml", *EVERY)[0] == 0
    review = project / "data" / "review" / "coaching.yaml"
    _decide(review, lambda c: c["relations"][0].update(decision="reject", reason="not stated"))
    code, _, err = leadgraph("suggest", "coaching", "--format", "yaml", *EVERY)
    assert code == 1 and "1 decision(s) not yet applied" in err


def test_suggest_gives_the_same_bytes_in_every_process(tmp_path: Path, coaching_text: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "graph.cli", "suggest", str(coaching_text), "--format", "json"],
                              cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    result = json.loads(outputs[0])
    assert all(COACHING[r["start"]:r["end"]] == r["quote"] for r in result["relations"])


def test_the_table_fits_an_80_column_terminal(leadgraph: Run, coaching_text: Path) -> None:
    code, out, _ = leadgraph("suggest", str(coaching_text))
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "trust" in out


def test_accepting_a_relation_to_a_concept_left_pending_says_so(leadgraph: Run, project: Path,
                                                                  coaching_text: Path) -> None:
    _add(leadgraph, coaching_text)
    assert leadgraph("suggest", "coaching", "--format", "yaml", *EVERY)[0] == 0
    review = project / "data" / "review" / "coaching.yaml"
    content = yaml.safe_load(review.read_text(encoding="utf-8"))
    new_ids = {c["id"] for c in content["concepts"]}
    relation = next(r for r in content["relations"] if {r["subject"], r["object"]} & new_ids)
    _decide(review, lambda c: next(r for r in c["relations"] if r == relation).update(decision="accept"))
    code, _, err = leadgraph("accept", "coaching")
    assert code == 1 and "is not accepted in this file; accept it too, or name an existing concept" in err


def test_a_review_entry_keeps_where_the_other_end_is_named() -> None:
    from graph.review import review_entries

    suggestions = {
        "concepts": [{"label": "trust", "id": "trust", "known": True, "score": 1.0},
                     {"label": "coaching", "id": "coaching", "known": True, "score": 1.0}],
        "relations": [{"subject": "coaching", "object": "trust", "type": "requires", "score": 0.9, "known": False,
                       "quote": "It needs trust.", "alternatives": [],
                       "context": "coaching is named in the sentence before"}],
    }
    entry = review_entries(suggestions, "doc")["relations"][0]
    assert entry["context"] == "coaching is named in the sentence before"
    assert list(entry)[:6] == ["subject", "type", "object", "document", "quote", "context"]


@pytest.mark.parametrize("content, fault", [
    ("rejected: [unclosed\n", "malformed YAML"),
    ("rejected: a text\n", "expected 'rejected:' with a list of entries"),
])
def test_a_broken_rejections_file_is_one_line_naming_it(leadgraph: Run, project: Path, content: str,
                                                         fault: str) -> None:
    rejected = project / "data" / "review" / "rejected.yaml"
    rejected.write_text(content, encoding="utf-8")
    code, out, err = leadgraph("suggest", "ch03")
    assert code == 1
    report = [line for line in (out + err).splitlines() if "rejected.yaml" in line]
    assert report and fault in report[0], out + err
    assert "Traceback" not in out + err
