"""What the build accepts but a curator should look at, each as a ``file:line: entry: ...`` warning.

A quote that does not name an end of its relation, a concept with no relation at all, and a concept
listed under the other list of ``concepts.yaml`` (a concept appended at the end of the file lands under
``works``) build without fault, yet are almost always slips.
"""

from __future__ import annotations

from pathlib import Path

from graph.curation.naming import unnamed_ends
from graph.curation.records import Curated

__all__ = ["curation_warnings"]


def curation_warnings(curated: Curated, data_dir: Path) -> list[str]:
    """Every warning about ``curated`` (read from ``data_dir``), in file order."""
    concepts_file, relations_file = data_dir / "concepts.yaml", data_dir / "relations.yaml"
    warnings = []
    for concept in sorted(curated.concepts.values(), key=lambda c: c.line or 0):
        name = f"{'work' if concept.listed_as_work else 'concept'} '{concept.id}'"
        if concept.listed_as_work and concept.class_label != "cited work":
            warnings.append(f"{concepts_file}:{concept.line}: {name}: listed under 'works' but its class is "
                            f"'{concept.class_label}'; move it under 'concepts'")
        elif not concept.listed_as_work and concept.class_label == "cited work":
            warnings.append(f"{concepts_file}:{concept.line}: {name}: a cited work listed under 'concepts'; "
                            "move it under 'works'")
    related = {end for item in curated.evidence for end in (item.subject, item.object)}
    for concept in sorted(curated.concepts.values(), key=lambda c: c.line or 0):
        if concept.id not in related:
            warnings.append(f"{concepts_file}:{concept.line}: concept '{concept.id}': no relation names it; "
                            "add one, or remove the concept")
    for item, end in unnamed_ends(curated):
        warnings.append(f"{relations_file}:{item.line}: relation '{item.subject} {item.type_label} {item.object}': "
                        f"the quote does not name '{end}'; add a synonym or form to the concept, or say in "
                        "'context' where the text names it")
    return warnings
