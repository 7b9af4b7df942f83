"""Bad curated data stops the build with a message naming the file, the line and the fault."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from tests.editing import replace_once


def _entry_line(path: Path, inner_line: int) -> int:
    """The line of the ``- `` that opens the YAML list entry containing ``inner_line``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in range(inner_line, 0, -1):
        if lines[number - 1].lstrip().startswith("- "):
            return number
    raise AssertionError("no entry found")


def _build(data: Path, out: Path, ontology: Path | None = None) -> tuple[int, str]:
    args = ["build", "--data", str(data), "--out", str(out)]
    if ontology is not None:
        args += ["--ontology", str(ontology)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


# Each case: the file to break, the text to replace and its replacement, and what the report must say
# after "<file>:<line of the entry>:".
FAULTS = {
    "a mistyped quote, with the closest passage": (
        "relations.yaml", "helps leaders generate and sustain trust", "helps leaders create and sustain trust",
        ["relation 'personal-power fosters trust'", "quote not found in ch03-inner-leadership.txt",
         "closest passage is: 'Using personal forms of power helps leaders generate and sustain trust.'"]),
    "an unknown concept, with the closest ids": (
        "relations.yaml", "subject: personal-power\n    type: fosters", "subject: personal-powr\n    type: fosters",
        ["unknown concept 'personal-powr' (closest: personal-power"]),
    "an unknown relation type, with the known types": (
        "relations.yaml", "type: fosters", "type: nurtures",
        ["unknown relation type 'nurtures'; the types are: based on, cited for, contrasts with"]),
    "a quote that occurs twice without an occurrence": (
        "relations.yaml",
        '    quote: "Inner leaders occupy a unique culture, unlike that of their bosses."\n    occurrence: 1\n',
        '    quote: "Inner leaders occupy a unique culture, unlike that of their bosses."\n',
        ["quote occurs 2 times in ch03-inner-leadership.txt; add 'occurrence: N'"]),
    "a quote from the site navigation": (
        "relations.yaml", 'quote: "Using personal forms of power helps leaders generate and sustain trust."',
        'quote: "Westside Toastmasters is located in Los Angeles"',
        ["quote comes from the site's navigation lines"]),
    "a misspelt field, with a suggestion": (
        "concepts.yaml", "    synonyms: [interpersonal trust", "    synonym: [interpersonal trust",
        ["concept 'trust': unknown field 'synonym' (did you mean 'synonyms'?)"]),
    "a name split at its commas by an unquoted flow list": (
        "concepts.yaml", 'synonyms: [external inducements, "tangible, physical, or economic rewards"]',
        "synonyms: [external inducements, tangible, physical, or economic rewards]",
        ["concept 'rewards': synonyms item 'or economic rewards' starts with a conjunction", "in quotes"]),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_is_reported_with_its_file_line_and_entry_and_nothing_is_written(
        data_copy: Path, out: Path, fault: str) -> None:
    name, old, new, expected = FAULTS[fault]
    path = data_copy / name
    line = replace_once(path, old, new)
    code, output = _build(data_copy, out)
    assert code == 1
    assert "fault(s) in the curated data; nothing was written" in output
    # a misspelt field is reported on the field's own line, every other fault on its entry's line
    where = line if "field" in expected[0] or " item " in expected[0] else _entry_line(path, line)
    report = next(row for row in output.splitlines() if f"{name}:{where}:" in row)
    assert all(message in report for message in expected), report
    assert not out.exists()


def test_a_duplicate_concept_id_names_both_lines(data_copy: Path, out: Path) -> None:
    concepts = data_copy / "concepts.yaml"
    first = replace_once(concepts, "  - id: caring\n", "  - id: trust\n")
    second = concepts.read_text(encoding="utf-8").splitlines().index("  - id: trust", first) + 1
    code, output = _build(data_copy, out)
    assert code == 1
    assert f"concepts.yaml:{second}: concept 'trust': duplicate id (first used on line {first})" in output


def test_a_concept_without_a_label_is_refused(data_copy: Path, out: Path) -> None:
    concepts = data_copy / "concepts.yaml"
    line = replace_once(concepts, "    label: caring\n", "")
    code, output = _build(data_copy, out)
    assert code == 1
    assert f"concepts.yaml:{line - 1}: concept 'caring': missing label" in output


def test_malformed_yaml_names_the_line(data_copy: Path, out: Path) -> None:
    concepts = data_copy / "concepts.yaml"
    line = replace_once(concepts, "    label: caring\n", "    label: [caring\n")
    code, output = _build(data_copy, out)
    assert code == 1
    assert "concepts.yaml:" in output and "malformed YAML" in output
    reported = int(output.split("concepts.yaml:")[1].split(":")[0])
    assert line <= reported <= line + 2


def test_every_fault_is_reported_in_one_run(data_copy: Path, out: Path) -> None:
    relations = data_copy / "relations.yaml"
    replace_once(relations, "object: trust", "object: trusst")
    replace_once(relations, "type: requires", "type: needs")
    code, output = _build(data_copy, out)
    assert code == 1
    assert "2 fault(s)" in output


def test_a_failed_build_leaves_earlier_outputs_untouched(data_copy: Path, out: Path) -> None:
    assert _build(data_copy, out)[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    replace_once(data_copy / "relations.yaml", "object: trust", "object: trusst")
    assert _build(data_copy, out)[0] == 1
    after = {path.name: path.read_bytes() for path in out.iterdir()}
    assert after == before


def test_a_shape_violation_stops_the_build_with_a_readable_report(data_copy: Path, ontology_copy: Path,
                                                                  out: Path) -> None:
    shapes = ontology_copy / "shapes.ttl"
    replace_once(shapes, "sh:datatype rdf:langString ; sh:minLength 10 ;",
             "sh:datatype rdf:langString ; sh:minLength 1000 ;")
    code, output = _build(data_copy, out, ontology_copy)
    assert code == 1
    assert "breaks the SHACL shapes; nothing was written" in output
    assert "A concept needs exactly one definition" in output
    assert not out.exists()


def test_a_quote_that_does_not_name_an_end_is_a_warning_with_its_line(data_copy: Path, out: Path) -> None:
    relations = data_copy / "relations.yaml"
    line = replace_once(relations, "  - subject: inspiration\n    type: fosters\n    object: follower-obedience",
                    "  - subject: inspiration\n    type: fosters\n    object: compliance")
    code, output = _build(data_copy, out)
    assert code == 0
    assert (f"warning: {relations}:{_entry_line(relations, line)}: relation 'inspiration fosters compliance': "
            "the quote does not name 'compliance'") in output
