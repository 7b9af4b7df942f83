"""Print rows as a table, JSON, CSV or TSV: every result a person can see, a program can read."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table

__all__ = ["FORMATS", "console", "emit"]

FORMATS = ("table", "json", "csv", "tsv")


def console(stream: IO[str] | None = None) -> Console:
    """A rich console that does not squeeze tables to 80 columns when output is piped."""
    stream = stream or sys.stdout
    return Console(file=stream, width=None if stream.isatty() else 200, soft_wrap=False)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if value is None:
        return ""
    return str(value)


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str = "table",
         title: str | None = None, stream: IO[str] | None = None) -> None:
    """Write ``rows`` (dicts) with the given ``columns`` in ``fmt``.

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
    elif fmt in ("csv", "tsv"):
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore",
                                delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in columns:
            numeric = bool(rows) and isinstance(rows[0].get(column), (int, float))
            table.add_column(column, justify="right" if numeric else "left", overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        console(stream).print(table)
