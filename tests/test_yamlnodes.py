"""Reading the curated YAML by walking libyaml's nodes gives what PyYAML's constructor gave, marks and all."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
import yaml

from graph.curation.yamlfile import _LineLoader, read_yaml
from graph.curation.yamlnodes import KEY_LINES, LINE, UnsupportedYamlError, compose, marked_values
from graph.errors import CurationError

DATA = Path(__file__).resolve().parent.parent / "data"

WALKED = [
    "a: b\n",
    "concepts:\n  - id: x\n    label: 'quoted: text'\n    synonyms: [a, \"b, c\", d]\n  - id: y\n",
    "year: 1999\nchapter: 0x1f\nbig: 1_000\nsexagesimal: 1:30\noctal: 017\nnone: ~\nempty:\nflag: yes\n",
    "quote: >\n  folded\n  text\nblock: |\n  kept\n  lines\n",
    "same: 1\nsame: 2\nother: 3\n",  # a repeated key: the last value, the last line
    "list: &shared [x, y]\nagain: *shared\nmap: &m {k: v}\nalso: *m\n",
    "__line__: 7\nnested:\n  __key_lines__: x\n",
    "- 1\n- [2, {three: 3}]\n",
    "plain string\n",
    "'42': quoted number key\n",
    "",
]

LEFT_TO_PYYAML = [
    "when: 2020-01-02\n",  # a date
    "ratio: 0.5\n",  # a float
    "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",  # a merge key
    "1: number key\n",
    "? [a, b]\n: list key\n",
    "tagged: !!binary aGVsbG8=\n",
    "set: !!set {a, b}\n",
    "self: &s [*s]\n",
]


def _tags(node: yaml.Node | None) -> list[tuple[str, str, int]]:
    """Every node's kind, tag and line, depth first."""
    if node is None:
        return []
    found = [(type(node).__name__, node.tag, node.start_mark.line)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _tags(key) + _tags(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _tags(item)
    return found


SCALARS = ["", "~", "null", "Null", "nul", "yes", "Yes", "no", "NO", "on", "off", "Off", "true", "tRue", "y", "n",
           "0", "00", "017", "019", "0x1f", "0b101", "1_000", "1:30", "-1", "+1", "1.5", ".5", ".inf", "-.Inf",
           ".nan", "2020-01-02", "2020-1-2 10:00:00", "<<", "=", "text", "'quoted'", '"0"', "a b", "- x",
           "!!str 12", "!!int '12'", "! 12", "T", "Tea", "oops", "..."]


@pytest.mark.parametrize("scalar", SCALARS)
def test_tags_are_resolved_as_pyyaml_resolves_them(scalar: str) -> None:
    for text in (f"key: {scalar}\n", f"- {scalar}\n", f"{scalar}\n", f"? {scalar}\n: v\n"):
        try:
            expected = _tags(yaml.compose(text, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            with pytest.raises(yaml.YAMLError):
                compose(text)
            continue
        assert _tags(compose(text)) == expected, text


@pytest.mark.parametrize("name", ["concepts.yaml", "relations.yaml", "sources.yaml"])
def test_the_shipped_files_nodes_get_pyyamls_tags(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert _tags(compose(text)) == _tags(yaml.compose(text, Loader=yaml.CSafeLoader))


def _reference(text: str) -> object:
    """What PyYAML's constructor, with the line marks, gives."""
    return yaml.load(text, Loader=_LineLoader)


@pytest.mark.parametrize("text", WALKED)
def test_the_walker_gives_what_pyyaml_gave(text: str) -> None:
    assert marked_values(compose(text)) == _reference(text)


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_yaml_outside_the_curated_files_part_is_left_to_pyyaml(text: str, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedYamlError):
        marked_values(compose(text))
    if text.startswith("self"):
        return  # a list that contains itself: compared by identity below
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = _reference(text)
    except yaml.YAMLError as error:  # a list as a key: PyYAML refuses it, and so does the reading
        with pytest.raises(CurationError, match=f"malformed YAML: {getattr(error, 'problem', None)}"):
            read_yaml(path)
        return
    assert read_yaml(path) == expected


def test_a_list_that_contains_itself_is_read_by_pyyaml(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text("self: &s [*s]\n", encoding="utf-8")
    content = read_yaml(path)
    assert content["self"][0] is content["self"]


def test_an_alias_is_the_same_object_as_its_anchor() -> None:
    content = marked_values(yaml.compose("a: &x [1]\nb: *x\n", Loader=_LineLoader))
    assert content["a"] is content["b"]


def test_every_mapping_knows_its_line_and_its_keys_lines() -> None:
    content = marked_values(yaml.compose("# c\nlist:\n  - id: a\n\n    label: b\n", Loader=_LineLoader))
    entry = content["list"][0]
    assert (content[LINE], entry[LINE], entry[KEY_LINES]) == (2, 3, {"id": 3, "label": 5})


@pytest.mark.parametrize("name", ["concepts.yaml", "relations.yaml", "sources.yaml"])
def test_the_shipped_files_are_walked_and_read_as_before(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert marked_values(compose(text)) == _reference(text)


def test_a_value_pyyaml_refuses_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text("a: b\nc: !unknown x\n", encoding="utf-8")
    with pytest.raises(CurationError) as caught:
        read_yaml(path)
    assert str(caught.value.faults[0]) == (f"{path}:2: malformed YAML: could not determine a constructor for "
                                           "the tag '!unknown'")


def test_reading_leaves_the_cycle_collector_running_even_after_a_fault(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("a: b\n", encoding="utf-8")
    bad.write_text("a: [b\n", encoding="utf-8")
    assert read_yaml(good) == {"a": "b", LINE: 1, KEY_LINES: {"a": 1}}
    assert gc.isenabled()
    with pytest.raises(CurationError):
        read_yaml(bad)
    assert gc.isenabled()


def test_nesting_deeper_than_the_walker_goes_is_read_by_pyyaml(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(300)
    try:
        content = read_yaml(path)
    finally:
        sys.setrecursionlimit(limit)
    depth, value = 0, content["a"]
    while value:
        depth, value = depth + 1, value[0]
    assert depth == 399


@pytest.mark.parametrize(("value", "problem"), [("2020-13-45", "month must be in 1..12"),
                                                ("0x_", "invalid literal for int() with base 16: ''")])
def test_a_date_or_number_pyyaml_cannot_build_is_a_fault_on_its_line(tmp_path: Path, value: str,
                                                                       problem: str) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(f"concepts:\n  - id: a\n    label: {value}\n", encoding="utf-8")
    with pytest.raises(CurationError) as caught:
        read_yaml(path)
    assert [str(fault) for fault in caught.value.faults] == [
        f"{path}:3: malformed YAML: cannot read the value {value!r} ({problem})"]
