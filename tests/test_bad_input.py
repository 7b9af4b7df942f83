"""Every bad input a one-line answer: faulty curated files and command-line mistakes, never a traceback."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.curation.quotes import TextIndex
from tests.editing import replace_once

Run = Callable[..., tuple[int, str, str]]


def _build(data: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_non_utf8_byte_in_a_yaml_file_names_file_line_and_column(data_copy: Path, tmp_path: Path) -> None:
    concepts = data_copy / "concepts.yaml"
    line = replace_once(concepts, "    label: caring\n", "    label: caring\n")
    data = concepts.read_bytes().replace(b"    label: caring\n", b"    label: car\xe9ing\n", 1)
    concepts.write_bytes(data)
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 2
    assert f"{concepts}:{line}:15: not UTF-8 text (byte 0xe9)" in output
    assert "Traceback" not in output and not (tmp_path / "out").exists()


def test_non_utf8_byte_in_a_source_text_names_file_line_and_column(data_copy: Path, tmp_path: Path) -> None:
    text = data_copy / "sources" / "ch13-service-techniques.txt"
    text.write_bytes(text.read_bytes().replace(b"Servanthood", b"Serv\xffanthood", 1))
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 2 and f"{text}:" in output and "not UTF-8 text (byte 0xff)" in output
    assert len(output.strip().splitlines()) == 1


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("relations.yaml", "relations:\n", "relation:\n", "unknown top-level key 'relation' (did you mean 'relations'?)"),
    ("concepts.yaml", "concepts:\n", "concept:\n", "unknown top-level key 'concept' (did you mean 'concepts'?)"),
    ("sources.yaml", "documents:\n", "document:\n", "unknown top-level key 'document' (did you mean 'documents'?)"),
])
def test_a_misspelt_top_level_key_is_named_and_stops_there(data_copy: Path, tmp_path: Path, file: str, old: str,
                                                           new: str, expected: str) -> None:
    line = replace_once(data_copy / file, old, new)
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 1
    assert f"{data_copy / file}:{line}: {expected}" in output
    assert "1 fault(s)" in output  # the cause only, no follow-on faults


def test_an_empty_relations_list_is_a_fault_not_a_crash(data_copy: Path, tmp_path: Path) -> None:
    relations = data_copy / "relations.yaml"
    relations.write_text("# nothing yet\nrelations: []\n", encoding="utf-8")
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 1 and f"{relations}:2: relations: no relations: the file needs at least one entry" in output


def test_a_misspelt_field_is_reported_on_its_own_line_and_no_none_leaks(data_copy: Path, tmp_path: Path) -> None:
    relations = data_copy / "relations.yaml"
    text = relations.read_text(encoding="utf-8")
    old = "  - subject: personal-power\n    type: fosters\n    object: trust\n"
    line = text.index(old)
    relations.write_text(text.replace(old, "  - subject: personal-power\n    type: fosters\n    objet: trust\n", 1),
                         encoding="utf-8")
    field_line = text[:line].count("\n") + 3
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 1
    assert f"{relations}:{field_line}: relation 'personal-power fosters ?': unknown field 'objet' " \
           "(did you mean 'object'?)" in output
    assert "None" not in output


@pytest.mark.parametrize("url", ["data:text/plain,hello", "https://example.org/a page", "javascript:alert(1)",
                                 "ftp://example.org/ch03"])
def test_a_document_url_must_be_http(data_copy: Path, tmp_path: Path, url: str) -> None:
    sources = data_copy / "sources.yaml"
    line = replace_once(sources, "url: https://westsidetoastmasters.com/resources/inner_leadership/ch03.html",
                    f"url: {url!r}")
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 1
    entry = max(i for i, row in enumerate(sources.read_text(encoding="utf-8").splitlines()[:line], 1)
                if row.lstrip().startswith("- id:"))
    assert f"{sources}:{entry}: document 'ch03': url must be an http(s) address" in output


def test_a_concept_appended_under_works_or_left_without_relations_is_warned_about(
        data_copy: Path, tmp_path: Path) -> None:
    concepts = data_copy / "concepts.yaml"
    text = concepts.read_text(encoding="utf-8")
    concepts.write_text(text.rstrip("\n") + "\n\n  - id: quiet-courage\n    label: quiet courage\n"
                        "    class: personal quality\n    definition: Steadiness that needs no audience.\n",
                        encoding="utf-8")
    line = text.rstrip("\n").count("\n") + 3
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 0
    assert f"warning: {concepts}:{line}: work 'quiet-courage': listed under 'works' but its class is " \
           "'personal quality'; move it under 'concepts'" in output
    assert f"warning: {concepts}:{line}: concept 'quiet-courage': no relation names it" in output


def test_an_overlong_quote_is_refused_at_once_and_echoed_short(data_copy: Path, tmp_path: Path) -> None:
    relations = data_copy / "relations.yaml"
    long_quote = "Using personal forms of power helps leaders generate and sustain trust. " * 300
    replace_once(relations, 'quote: "Using personal forms of power helps leaders generate and sustain trust."',
             f'quote: "{long_quote}"')
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 1 and "characters long" in output and "at most 2,000 characters" in output
    assert len(output) < 2_000


def test_the_closest_passage_of_a_mistyped_quote_is_found_and_cut(data_copy: Path, tmp_path: Path) -> None:
    relations = data_copy / "relations.yaml"
    paragraph = next(line for line in (data_copy / "sources" / "ch03-inner-leadership.txt").read_text(
        encoding="utf-8").splitlines() if line.startswith("Inner leaders use their personal power"))
    assert len(paragraph) > 400
    replace_once(relations, 'quote: "Using personal forms of power helps leaders generate and sustain trust."',
             f'quote: "{paragraph.replace("authority", "authorty")}"')
    code, output = _build(data_copy, tmp_path / "out")
    assert code == 1 and "quote not found" in output and "the closest passage is: 'Inner leaders use" in output
    assert len(output) < 1_500


def test_closest_passage_search_handles_a_long_quote_in_a_long_text() -> None:
    text = "Trust grows slowly among people who keep their word. " * 20_000  # about 1 MB
    index = TextIndex(text + "Personal power helps leaders sustain trust.")
    assert index.closest("Personal power helps leaders sustian trust.") == "Personal power helps leaders sustain trust."


@pytest.mark.parametrize("content", [b"Trust builds teams.\n", bytes(range(256)) * 4, b""])
def test_graph_option_pointing_at_a_non_graph_file_is_one_line(leadgraph: Run, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "graph.ttl"
    path.write_bytes(content)
    for engine in ("rdflib", "oxigraph"):
        code, _, err = leadgraph("query", "ASK { ?s ?p ?o }", "--engine", engine, "--graph", str(path))
        assert code == 1 and err.startswith(f"leadgraph: {path}") and len(err.strip().splitlines()) == 1
    code, _, err = leadgraph("analyse", "--graph", str(path))
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_graph_option_pointing_at_a_directory_is_one_line(leadgraph: Run, tmp_path: Path) -> None:
    code, _, err = leadgraph("concept", "trust", "--graph", str(tmp_path))
    assert code == 1 and err.strip() == f"leadgraph: not a graph file: {tmp_path} is a directory"


def test_an_empty_concept_name_is_asked_for(leadgraph: Run, graph_file: Path) -> None:
    code, _, err = leadgraph("concept", "", "--graph", str(graph_file))
    assert code == 1 and err.strip() == "leadgraph: give a concept's name: its label, a synonym or its id"


# --- fuzz ------------------------------------------------------------------------------------------

MUTANTS = 200


def _mutate(text: str, rng: random.Random) -> str:
    """One random edit of a YAML file: a line dropped, doubled, re-indented, cut, or a character changed."""
    lines = text.splitlines(keepends=True)
    # an edit inside a comment or a blank line changes nothing: mutate the entries
    at = rng.choice([i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")])
    kind = rng.randrange(6)
    if kind == 0:
        del lines[at]
    elif kind == 1:
        lines.insert(at, lines[at])
    elif kind == 2:
        lines[at] = " " * rng.choice([0, 1, 3, 6]) + lines[at].lstrip(" ")
    elif kind == 3:
        lines[at] = lines[at][:rng.randrange(len(lines[at]) + 1)] + "\n"
    elif kind == 4 and lines[at].strip():
        position = rng.randrange(len(lines[at]))
        lines[at] = lines[at][:position] + rng.choice(":-[]{}#&*!|>'\"%@`, \tx0é") + lines[at][position + 1:]
    else:
        key, _, value = lines[at].partition(":")
        lines[at] = key[::-1] + ":" + value if value else lines[at]
    return "".join(lines)


def test_fuzz_every_mutation_of_the_curated_files_builds_or_is_reported(tmp_path: Path) -> None:
    """Seeded random mutations: each ends in a build, or in `file:line: ...` faults with exit status 1 or 2;
    never a traceback, and a failed build leaves the previous output untouched."""
    from tests.repository import DATA_DIR

    rng = random.Random(20261124)
    data = tmp_path / "data"
    out = tmp_path / "out"
    shutil.copytree(DATA_DIR, data)
    code, _ = _build(data, out)
    assert code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    originals = {name: (data / name).read_text(encoding="utf-8")
                 for name in ("concepts.yaml", "relations.yaml", "sources.yaml")}
    outcomes = {0: 0, 1: 0, 2: 0}
    for _ in range(MUTANTS):
        name = rng.choice(sorted(originals))
        mutated = _mutate(originals[name], rng)
        (data / name).write_text(mutated, encoding="utf-8")
        result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out)])
        assert isinstance(result.exception, SystemExit | None), (name, result.exception, mutated[:200])
        assert "Traceback" not in result.output
        assert result.exit_code in outcomes, result.output
        outcomes[result.exit_code] += 1
        if result.exit_code != 0:
            assert result.output.startswith("leadgraph: ") and f"{data}" in result.output
            assert {p.name: p.read_bytes() for p in out.iterdir()} == before
        else:
            before = {p.name: p.read_bytes() for p in out.iterdir()}
        (data / name).write_text(originals[name], encoding="utf-8")
    assert outcomes[1] > MUTANTS // 4 and outcomes[0] > 0  # the mutations do reach both outcomes
