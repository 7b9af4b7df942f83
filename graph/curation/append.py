"""Add entries to a curated YAML file as text, so that its comments, order and layout stay as written.

The curated files are written by people: their comments explain the fields and their entries are
grouped by hand. Re-serialising them through a YAML library would reflow all of that, so new entries
are rendered on their own and inserted after the last entry of their list (``concepts``, ``works``,
``relations``, ``documents``), with the list's own indentation. The result is parsed again and checked
to hold exactly the old entries followed by the new ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

__all__ = ["append_entries", "render_entries"]

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")


class _Dumper(yaml.SafeDumper):
    """Block style, lists of names kept on one line as the hand-written files have them."""


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = all(isinstance(item, str) and len(item) < 60 for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def render_entries(entries: Sequence[dict[str, Any]], indent: int = 2) -> str:
    """Entries as the items of a YAML block list, each indented by ``indent`` and followed by a blank line.

    >>> print(render_entries([{"id": "trust", "synonyms": ["reliance"]}]), end="")
      - id: trust
        synonyms: [reliance]
    <BLANKLINE>
    """
    blocks = []
    for entry in entries:
        text = yaml.dump([entry], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000,
                         default_flow_style=False)
        blocks.append("".join(" " * indent + line + "\n" for line in text.splitlines()) + "\n")
    return "".join(blocks)


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """The line range ``[start, end)`` of the top-level ``key`` and its block, or None when absent."""
    start = next((i for i, line in enumerate(lines) if (m := _TOP_KEY.match(line)) and m[1] == key), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    return start, end


def append_entries(text: str, key: str, entries: Sequence[dict[str, Any]]) -> str:
    """``text`` with ``entries`` added at the end of the top-level list ``key`` (created when missing).

    >>> text = "# my concepts\\nconcepts:\\n  - id: a\\n    label: a  # first\\n\\nworks:\\n  - id: w\\n"
    >>> print(append_entries(text, "concepts", [{"id": "b", "label": "b"}]), end="")
    # my concepts
    concepts:
      - id: a
        label: a  # first
    <BLANKLINE>
      - id: b
        label: b
    <BLANKLINE>
    works:
      - id: w
    """
    if not entries:
        return text
    before = (yaml.safe_load(text) or {}).get(key) or []
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    span = _block(lines, key)
    if span is None:
        new = "".join(lines) + ("\n" if lines and lines[-1].strip() else "") + f"{key}:\n" + render_entries(entries)
    else:
        start, end = span
        if _TOP_KEY.match(lines[start])[2].strip() not in ("", "[]"):  # type: ignore[index]
            raise ValueError(f"the top-level key {key!r} is not a block list")
        items = [line for line in lines[start + 1:end] if re.match(r"^\s+- ", line)]
        indent = len(items[0]) - len(items[0].lstrip()) if items else 2
        # after the list's last non-blank, non-comment line: comments before the next key belong to it
        last = max((i for i in range(start, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                   default=start)
        head = lines[:last + 1]
        if head[-1].rstrip().endswith("[]"):
            head[-1] = head[-1].replace("[]", "", 1).rstrip() + "\n"
        rest = "".join(lines[last + 1:]).lstrip("\n")
        new = "".join(head) + "\n" + render_entries(entries, indent) + rest
        if not rest:
            new = new.rstrip("\n") + "\n"
    after = (yaml.safe_load(new) or {}).get(key) or []
    if after != [*before, *entries]:
        raise ValueError(f"adding to {key!r} would change the file's other entries")
    return new
