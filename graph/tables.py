"""Print rows as a table, JSON, CSV or TSV: every result a person can see, a program can read.

Tables fit the terminal (80 columns when the output is not a terminal, or ``COLUMNS`` when set): text
columns wrap, numbers never do; when even wrapped text cannot fit, the columns named ``optional`` are
dropped, last first, and the table says which. ``wide=True`` prints every column at its full width.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich is imported where a table is drawn: commands that print none never load it
    from rich.console import Console
    from rich.table import Table

__all__ = ["FORMATS", "NARROW", "console", "emit", "table_width"]

FORMATS = ("table", "json", "csv", "tsv")

NARROW = 80
"""The width tables fit when the output is not a terminal (and ``COLUMNS`` is not set)."""

WIDE = 10_000


def table_width(stream: IO[str] | None = None) -> int:
    """The width tables must fit: ``COLUMNS`` when set, the terminal's width, else 80."""
    stream = stream or sys.stdout
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stream.isatty():
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError):
            pass
    return NARROW


def console(stream: IO[str] | None = None, width: int | None = None) -> Console:
    """A rich console of ``width`` columns (by default :func:`table_width`), on ``stream``."""
    from rich.console import Console
    stream = stream or sys.stdout
    return Console(file=stream, width=width or table_width(stream), soft_wrap=False, color_system=None
                   if not stream.isatty() else "auto", highlight=False)


def _cell(value: Any, digits: int) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    if value is None:
        return ""
    return str(value)


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None,
           headers: Mapping[str, str], digits: int, wide: bool) -> Table:
    from rich import box
    from rich.table import Table
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  collapse_padding=True, expand=False)
    for column in columns:
        values = [row.get(column) for row in rows]
        numeric = any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        cells = [_cell(v, digits) for v in values]
        if wide:
            table.add_column(headers.get(column, column), justify="right" if numeric else "left", no_wrap=True)
        elif numeric:  # never narrower than its numbers; the heading may wrap between words
            width = max([*(len(c) for c in cells), 1])
            table.add_column(headers.get(column, column), justify="right", overflow="fold", min_width=width)
        else:
            words = [len(w) for text in [*cells, headers.get(column, column)] for w in text.split()]
            table.add_column(headers.get(column, column), overflow="fold", min_width=min(max([*words, 1]), 16))
    for row in rows:
        table.add_row(*(_cell(row.get(c), digits) for c in columns))
    return table


def emit(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str = "table",
         title: str | None = None, stream: IO[str] | None = None, *, headers: Mapping[str, str] | None = None,
         optional: Sequence[str] = (), wide: bool = False, width: int | None = None, digits: int = 4) -> None:
    """Write ``rows`` (dicts) with the given ``columns`` in ``fmt``.

    For a table: ``headers`` gives short column headings, ``optional`` the columns that may be dropped
    (last first) to fit ``width`` (by default :func:`table_width`), ``wide`` keeps every column
    unwrapped, ``digits`` the decimals of numbers.

    >>> import io
    >>> out = io.StringIO()
    >>> emit([{"label": "trust", "degree": 10}], ["label", "degree"], "csv", stream=out)
    >>> out.getvalue().splitlines()
    ['label,degree', 'trust,10']
    """
    stream = stream or sys.stdout
    if fmt == "json":
        stream.write(json.dumps([{c: row.get(c) for c in columns} for row in rows], indent=2,
                                ensure_ascii=False) + "\n")
        return
    if fmt in ("csv", "tsv"):
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore",
                                delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.measure import Measurement
    headers = headers or {}
    width = WIDE if wide else (width or table_width(stream))
    out = console(stream, width)
    shown = list(columns)
    dropped: list[str] = []
    droppable = [c for c in reversed(optional) if c in shown]
    while True:
        table = _table(rows, shown, title, headers, digits, wide)
        if wide or Measurement.get(out, out.options.update_width(WIDE), table).minimum <= width or not droppable:
            break
        column = droppable.pop(0)
        shown.remove(column)
        dropped.insert(0, column)
    if dropped:
        table.caption = f"Left out to fit {width} columns: {', '.join(dropped)} (--wide shows them)."
        table.caption_justify = "left"
    out.print(table)
