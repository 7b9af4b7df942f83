"""Read a curated YAML file so that every entry knows its line, and collect faults per file.

Every mapping gets the line it starts on under the key :data:`LINE`, so a fault is reported as
``file:line: entry: what is wrong``; the helpers here check the common field shapes (text, lists of
text, unknown fields) the same way for every file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from graph.curation.yamlnodes import KEY_LINES, LINE, UnsupportedYamlError, compose, marked_values, unbuildable_scalar
from graph.errors import CurationError, CurationFault
from graph.files import read_text
from graph.memory import paused_gc

__all__ = ["KEY_LINES", "LINE", "MARKS", "Faults", "check_top_level", "closest_hint", "entries", "plain",
           "read_plain_yaml", "read_yaml",
           "string_list", "text_field", "unknown_keys"]

MARKS = (LINE, KEY_LINES)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A YAML loader that records, in each mapping, the line the mapping starts on and the line of each key.

    It parses with libyaml when PyYAML has it (several times faster) and constructs in Python. The
    reference for :func:`~graph.curation.yamlnodes.marked_values`, and what reads the YAML that function
    leaves to PyYAML.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        mapping[KEY_LINES] = {self.construct_object(key, deep=deep): key.start_mark.line + 1
                              for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
        return mapping


class Faults:
    """Collects faults for one file while it is being checked."""

    def __init__(self, path: Path):
        self.path = path
        self.found: list[CurationFault] = []

    def add(self, line: int | None, entry: str, message: str) -> None:
        self.found.append(CurationFault(self.path, line, entry, message))


def read_yaml(path: Path, top_level: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Parse a YAML file whose top level is a mapping; malformed YAML names its line.

    With ``top_level``, a key outside it stops the reading at once (see :func:`check_top_level`).
    """
    content = _parse(path, _load_marked)
    if not isinstance(content, dict):
        raise CurationError([CurationFault(path, 1, "", "expected a mapping at the top level")])
    if top_level is not None:
        check_top_level(content, top_level, path)
    return content


def read_plain_yaml(path: Path) -> Any:
    """Parse a YAML file without line marks (libyaml's fast loader when PyYAML has it); malformed YAML
    names its line. For files read whole and never reported entry by entry, such as the rejections."""
    return _parse(path, lambda text: yaml.load(text, Loader=_BaseLoader))


def _load_marked(text: str) -> Any:
    """The values of a YAML text with line marks in every mapping: libyaml's nodes walked by
    :func:`~graph.curation.yamlnodes.marked_values`, or PyYAML's constructor for what it leaves."""
    with paused_gc():
        root = compose(text)
        try:
            return marked_values(root)
        except (UnsupportedYamlError, RecursionError):  # nesting deeper than the walker's recursion
            return yaml.load(text, Loader=_LineLoader)


def _parse(path: Path, load: Callable[[str], Any]) -> Any:
    """The content of the YAML file ``path``, or a one-line fault naming the file and the line."""
    if not path.is_file():
        raise CurationError([CurationFault(path, None, "", "file not found")])
    text = read_text(path, "YAML file")
    try:
        return load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise CurationError([CurationFault(path, line, "", f"malformed YAML: {problem}")]) from None
    except (ValueError, TypeError, OverflowError) as error:  # a date or number PyYAML matched but cannot build
        node = unbuildable_scalar(text)
        line = node.start_mark.line + 1 if node is not None else None
        value = f" {node.value!r}" if node is not None else ""
        raise CurationError([CurationFault(path, line, "", f"malformed YAML: cannot read the value{value} "
                                                           f"({error})")]) from None


def check_top_level(content: dict[str, Any], allowed: tuple[str, ...], path: Path) -> None:
    """Stop at once on a top-level key the file does not have, naming the closest one.

    A misspelt ``concept:`` would otherwise leave the real list empty and bury the cause under
    hundreds of follow-on faults.
    """
    lines = content.get(KEY_LINES, {})
    found = []
    for key in content:
        if key in MARKS or key in allowed:
            continue
        hint = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else f" (the keys are: {', '.join(allowed)})"
        found.append(CurationFault(path, lines.get(key), "", f"unknown top-level key {key!r}{suggestion}"))
    if found:
        raise CurationError(found)


def plain(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry without the line marks :func:`read_yaml` adds."""
    return {k: v for k, v in entry.items() if k not in MARKS}


def entries(content: dict[str, Any], key: str, faults: Faults, required: bool = False) -> list[dict[str, Any]]:
    """The list of mappings under ``key``; anything else is a fault, and so is none at all when ``required``."""
    entries = content.get(key) or []
    if required and not entries:
        faults.add(content.get(KEY_LINES, {}).get(key), key, f"no {key}: the file needs at least one entry")
    if not isinstance(entries, list):
        faults.add(content.get(LINE), key, "expected a list of entries")
        return []
    good = []
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            good.append(entry)
        else:
            faults.add(content.get(LINE), f"{key} entry {number}", "expected a mapping of fields")
    return good


def text_field(entry: dict[str, Any], key: str, name: str, faults: Faults,
                required: bool = True) -> str | None:
    """A non-empty string field, or a fault naming the entry and the field."""
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            faults.add(entry[LINE], name, f"missing {key}")
        return None
    if not isinstance(value, (str, int, float)):
        faults.add(entry[LINE], name, f"{key} must be text")
        return None
    return str(value).strip()


def unknown_keys(entry: dict[str, Any], allowed: set[str], name: str, faults: Faults) -> None:
    """Report fields the format does not know, which are usually misspellings."""
    for key in sorted(set(entry) - allowed - set(MARKS), key=str):
        hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        faults.add(entry.get(KEY_LINES, {}).get(key, entry[LINE]), name, f"unknown field {key!r}{suggestion}")


def closest_hint(name: str, known: list[str]) -> str:
    """A ' (closest: a, b, c)' hint for an unknown name."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    return f" (closest: {', '.join(close)})" if close else ""


# "or economic rewards": what is left of "tangible, physical, or economic rewards" after YAML's flow list
# cut it at its commas
_SPLIT_NAME = re.compile(r"\s*(?:and|or|nor)\s", re.IGNORECASE)


def string_list(entry: dict[str, Any], key: str, name: str, faults: Faults) -> tuple[str, ...]:
    """A list of non-empty strings (synonyms, forms)."""
    values = entry.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        faults.add(entry[LINE], name, f"{key} must be a list of non-empty texts")
        return ()
    for v in values:
        if _SPLIT_NAME.match(v):
            line = entry.get(KEY_LINES, {}).get(key, entry[LINE])
            faults.add(line, name, f"{key} item {v.strip()!r} starts with a conjunction: a comma inside an "
                                   "unquoted [...] list splits a name in two; put that name in quotes")
    return tuple(v.strip() for v in values)
