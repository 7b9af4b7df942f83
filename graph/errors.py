"""Why a build fails: faults in the curated data (with file, line and entry) or a SHACL violation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["CurationError", "CurationFault"]


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


class CurationError(Exception):
    """The curated data cannot be built; carries every fault found, not just the first."""

    def __init__(self, faults: list[CurationFault]):
        self.faults = faults
        super().__init__("\n".join(str(f) for f in faults))


class ShapeValidationError(Exception):
    """The graph breaks a SHACL shape; the message is pySHACL's readable report."""
