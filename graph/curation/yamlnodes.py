"""Turn libyaml's parsed nodes into plain dicts, lists and strings with line marks, without PyYAML's constructor.

libyaml parses in C, but PyYAML then constructs every value in Python, through a generic dispatch by tag
and a generator per mapping: at 2,000 concepts that was most of the reading. The curated files use a small
part of YAML (mappings with text keys, lists, text, whole numbers, the odd empty value), so
:func:`marked_values` walks the composed nodes itself for that part and hands anything else back to the
caller (:class:`UnsupportedYamlError`), which then reads the file with PyYAML's constructor as before. The values,
the marks and every fault message are the same either way; ``tests/test_yamlnodes.py`` compares the two.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["KEY_LINES", "LINE", "UnsupportedYamlError", "compose", "marked_values", "unbuildable_scalar"]

LINE = "__line__"
"""Key under which every mapping keeps the line it starts on."""

KEY_LINES = "__key_lines__"
"""Key under which every mapping keeps the line of each of its keys."""

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"

_SCALARS = {
    _TAG + "int": SafeConstructor.construct_yaml_int,
    _TAG + "null": SafeConstructor.construct_yaml_null,
    _TAG + "bool": SafeConstructor.construct_yaml_bool,
}
"""Scalars other than text that the walker builds, each by PyYAML's own function (so ``0x1f``, ``1_000``
and ``yes`` mean what they meant); floats, dates, binary and explicit tags are left to PyYAML."""


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader (libyaml's when PyYAML has it), with PyYAML's tag resolution short-cut for the plain
    text that is most of a curated file.

    The parser asks for a tag for every node, in Python. PyYAML tries the patterns registered for a plain
    scalar's first character, and calls path hooks on the way down and up; the safe loader has no
    path hooks and no pattern for most first characters (``a``, ``s``, a quote, ...), so such a scalar is text
    without looking further. Only the safe loader's resolvers are short-cut (see :data:`_SHORT_CUT`).
    """

    _first_characters = frozenset(_SafeLoader.yaml_implicit_resolvers)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and not (implicit[0] and value[:1] in self._first_characters):
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_SHORT_CUT = (None not in _SafeLoader.yaml_implicit_resolvers and not _SafeLoader.yaml_path_resolvers
              and _SafeLoader.DEFAULT_SCALAR_TAG == _STR)
"""The short cuts hold while the safe loader has no pattern for every scalar and no path hooks (true of
PyYAML 6); otherwise the loader is used as it is."""


def compose(text: str) -> Node | None:
    """libyaml's nodes for a YAML text of one document (``None`` for an empty one); malformed YAML raises
    PyYAML's error, with its line, as loading it does."""
    loader = (_Composer if _SHORT_CUT else _SafeLoader)(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


class UnsupportedYamlError(Exception):
    """The YAML uses something the walker leaves to PyYAML: a tag it does not build, a key that is not
    text, a merge key, an alias to a mapping that contains it, or a value PyYAML's function refused."""


class _Walker:
    """One walk over a document's nodes; an alias gets the very object its anchor got, as in PyYAML."""

    def __init__(self) -> None:
        self._constructor = SafeConstructor()
        self._built: dict[int, Any] = {}
        self._nodes: list[Node] = []  # keeps every memoised node alive, so its id is not reused

    def value(self, node: Node) -> Any:
        """The plain value of any node."""
        kind = type(node)
        if kind is ScalarNode:
            return self._scalar(node)
        built = self._built.get(id(node), self)
        if built is None:
            raise UnsupportedYamlError("an alias to a collection that contains it")
        if built is not self:
            return built
        self._built[id(node)] = None  # under construction
        self._nodes.append(node)
        if kind is MappingNode and node.tag == _MAP:
            built = self._mapping(node)
        elif kind is SequenceNode and node.tag == _SEQ:
            built = [self.value(item) for item in node.value]
        else:
            raise UnsupportedYamlError(f"a collection tagged {node.tag}")
        self._built[id(node)] = built
        return built

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise UnsupportedYamlError(f"a scalar tagged {node.tag}")
        try:
            return construct(self._constructor, node)
        except Exception as error:  # PyYAML's constructor raises it again, as it always did
            raise UnsupportedYamlError(str(error)) from error

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
        """A mapping with its marks; keys must be text (what PyYAML's reading gives for them otherwise,
        and merge keys, are left to PyYAML)."""
        mapping: dict[str, Any] = {}
        lines: dict[str, int] = {}
        scalar, text = ScalarNode, _STR
        for key_node, value_node in node.value:
            if type(key_node) is not scalar or key_node.tag != text:
                raise UnsupportedYamlError("a key that is not text")
            key = key_node.value
            value = value_node.value if type(value_node) is scalar and value_node.tag == text \
                else self.value(value_node)
            mapping[key] = value
            lines[key] = key_node.start_mark.line + 1
        mapping[LINE] = node.start_mark.line + 1
        mapping[KEY_LINES] = lines
        return mapping


def marked_values(root: Node | None) -> Any:
    """The plain value of a composed document, each mapping with :data:`LINE` and :data:`KEY_LINES`.

    Raises :class:`UnsupportedYamlError` for YAML outside the part the curated files use.

    >>> import yaml
    >>> marked_values(yaml.compose("a: [x, 2]\\nb:\\n  c: ~\\n"))
    {'a': ['x', 2], 'b': {'c': None, '__line__': 3, '__key_lines__': {'c': 3}}, '__line__': 1, \
'__key_lines__': {'a': 1, 'b': 2}}
    """
    return None if root is None else _Walker().value(root)


def unbuildable_scalar(text: str) -> ScalarNode | None:
    """The first scalar of a YAML text, in reading order, that PyYAML's safe constructor cannot build, if any.

    PyYAML resolves ``2020-13-45`` as a date and ``0x_`` as a whole number by their patterns, then fails
    to build them with a plain ``ValueError`` that names no line; this finds the node, so the fault
    can. Only called once such an error has happened.

    >>> unbuildable_scalar("a: 1\\nb: [x, 2020-13-45]\\n").start_mark.line
    1
    """
    root = compose(text)
    constructor = SafeConstructor()
    waiting, seen = ([root] if root is not None else []), set()
    while waiting:
        node = waiting.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            try:
                constructor.construct_object(node)
            except (ValueError, TypeError, OverflowError):
                return node
        elif isinstance(node, MappingNode):
            waiting.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, SequenceNode):
            waiting.extend(reversed(node.value))
    return None
