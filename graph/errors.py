"""Every error leadgraph reports to a user, under one root, :class:`LeadgraphError`.

The command line catches :class:`LeadgraphError` in one place (``graph.cli``), prints ``leadgraph:`` and
the message, and exits with the error's ``status``: 2 for a query that does not parse or an input text
that cannot be read, 1 for everything else (a fault in the data, an unknown name, a server that cannot
start). Library callers and notebooks catch the specific class, or its builtin base where it has one
(``LookupError``, ``ValueError``, ``OSError``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CredentialsError",
    "CurationError",
    "CurationFault",
    "EndpointError",
    "GraphFileError",
    "InputFileError",
    "LeadgraphError",
    "PortInUseError",
    "ProjectError",
    "ServerError",
    "ShapeValidationError",
    "SparqlSyntaxError",
    "StoreError",
    "UnknownConceptError",
    "UsageError",
]


class LeadgraphError(Exception):
    """The root of leadgraph's errors: a message a user can act on, and the exit status it gives."""

    status = 1


class UsageError(LeadgraphError, ValueError):
    """A command asked for something that does not exist: an unknown class, query name or engine."""


@dataclass(frozen=True)
class CurationFault:
    """One fault in a curated file: where it is and what is wrong."""

    path: Path
    line: int | None
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        entry = f" {self.entry}:" if self.entry else ""
        return f"{where}:{entry} {self.message}"


class CurationError(LeadgraphError):
    """The curated data cannot be built; carries every fault found, not just the first."""

    def __init__(self, faults: list[CurationFault]):
        self.faults = faults
        listed = "".join(f"\n  {fault}" for fault in faults)
        super().__init__(f"{len(faults)} fault(s) in the curated data; nothing was written.{listed}")


class ShapeValidationError(LeadgraphError):
    """The graph breaks a SHACL shape; the message is the validator's readable report."""

    def __init__(self, report: str):
        self.report = report
        super().__init__(f"the graph breaks the SHACL shapes; nothing was written.\n{report}")


class ProjectError(LeadgraphError):
    """No project folder where one is needed, or a project folder that cannot be created."""


class InputFileError(LeadgraphError):
    """An input file that is missing, empty, binary or not UTF-8 text; the message names the file."""

    status = 2


class GraphFileError(LeadgraphError, FileNotFoundError):
    """A graph file that is missing or cannot be read as RDF."""


class UnknownConceptError(LeadgraphError, LookupError):
    """No concept goes by the name; the message lists the closest labels."""


class SparqlSyntaxError(LeadgraphError, ValueError):
    """A query that does not parse, with the line and column (in the user's own text) where it fails."""

    status = 2

    def __init__(self, message: str, line: int, column: int):
        self.line, self.column = line, column
        super().__init__(f"SPARQL syntax error at line {line}, column {column}: {message}")


class EndpointError(LeadgraphError, ConnectionError):
    """A remote endpoint refused a request or could not be reached."""


class CredentialsError(EndpointError):
    """A server that asks for credentials was given none, or refused the ones given."""


class StoreError(LeadgraphError, OSError):
    """An on-disk store that is missing, is not a leadgraph store, cannot be opened, or cannot be written."""


class ServerError(LeadgraphError):
    """The Oxigraph server could not be prepared or started."""


class PortInUseError(LeadgraphError, OSError):
    """The requested port is taken."""
