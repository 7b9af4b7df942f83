"""The review loop: register a new text, suggest what it says, and accept the curator's decisions.

``add_document`` copies a text into the project and registers it in ``sources.yaml``;
``suggestions_for`` runs the suggester with the project's curated knowledge as its prior;
``write_review`` turns suggestions into a review file (``data/review/ID.yaml``) whose entries have the
shape of ``concepts.yaml`` and ``relations.yaml`` plus a ``decision``; ``accept`` moves the accepted
entries into the curated files, after the build's own checks, and remembers the rejected ones in
``data/review/rejected.yaml`` so that a later suggestion leaves them out. Every write is atomic and
happens only when everything checks.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.curation import Curated, load_curated
from graph.curation.append import append_entries, render_entries
from graph.curation.concepts import ID_PATTERN, check_names_unique, load_concept
from graph.curation.records import Concept
from graph.curation.relations import load_evidence
from graph.curation.sources import HTTP_URL, load_sources
from graph.curation.vocabulary import Vocabulary, load_ontology
from graph.curation.yamlfile import LINE, Faults, entries, plain, read_plain_yaml, read_yaml
from graph.errors import CurationError, CurationFault, InputFileError, LeadgraphError, UsageError
from graph.files import read_text, write_files
from graph.paths import Project

__all__ = ["DECISIONS", "AcceptResult", "accept", "add_document", "review_path", "suggestions_for",
           "write_review"]

DECISIONS = ("pending", "accept", "reject")
REVIEW_KEYS = ("document", "concepts", "relations")
REVIEW_DIR = "review"
REJECTED_FILE = "rejected.yaml"
MAX_TEXT_BYTES = 5_000_000
"""Texts above this size are refused: the suggester reads whole texts into memory."""

CONCEPT_FIELDS = ("id", "label", "synonyms", "forms", "class", "definition")
RELATION_FIELDS = ("subject", "type", "object", "document", "quote", "occurrence", "context")
REVIEW_ONLY = ("decision", "reason", "score", "alternatives", "seen_as", "first_passage", "known")

_HEADER = """\
# Suggestions for document {document!r}, made by `leadgraph suggest {document} --format yaml`.
#
# For each entry set `decision:` to `accept`, or to `reject` with a `reason:`; leave `pending` to decide
# later. Correct any field before accepting: a concept's id, label, synonyms, class and definition (write
# the definition in your own words; it is required), a relation's subject, type, object (concept ids:
# existing ones, or ids of the concepts below) and quote (the shortest verbatim passage).
# Then run `leadgraph accept {document}`: accepted entries move into concepts.yaml and relations.yaml once
# they pass the build's checks; rejected ones are remembered in review/rejected.yaml, so that suggest
# does not propose them again.
#
# score, alternatives, seen_as and first_passage are there to help you decide; accept ignores them.

document: {document}
"""


def review_path(project: Project, document: str) -> Path:
    """Where the review file of a document lives: ``data/review/ID.yaml``."""
    return project.data / REVIEW_DIR / f"{document}.yaml"


# --- add a document ------------------------------------------------------------------------------

def add_document(project: Project, file: Path, document_id: str, title: str, url: str | None = None,
                 chapter: int | None = None) -> Path:
    """Copy ``file`` under ``data/sources/`` and register it in ``sources.yaml``; return the copy's path.

    The text must be non-empty UTF-8 of at most 10 MB; the id must be new and the URL http(s). The
    entry is appended to ``sources.yaml`` as text, so the file's comments stay, and the new file is
    checked as the build checks it before anything is written.
    """
    if not ID_PATTERN.match(document_id):
        raise UsageError(f"document id {document_id!r}: use lowercase words joined by hyphens, like 'ch05'")
    if url is not None and not HTTP_URL.match(url):
        raise UsageError(f"--url must be an http(s) address without spaces, not {url[:80]!r}")
    if chapter is not None and chapter < 0:
        raise UsageError("--chapter must be a whole number, 0 or more")
    text = _read_source_text(file)
    sources_file = project.data / "sources.yaml"
    _, documents = load_sources(project.data)
    if document_id in documents:
        raise UsageError(f"{sources_file}: a document with id {document_id!r} is already registered")
    target = project.data / "sources" / Path(file).name
    if target.exists() and target.read_bytes() != Path(file).read_bytes():
        raise UsageError(f"{target} already exists with other content; rename the file")
    entry: dict[str, Any] = {"id": document_id, "file": f"sources/{target.name}", "title": title}
    if chapter is not None:
        entry["chapter"] = chapter
    if url is not None:
        entry["url"] = url
    new_sources = append_entries(read_text(sources_file, "YAML file"), "documents", [entry])
    with tempfile.TemporaryDirectory(prefix="leadgraph-check-") as folder:
        trial = Path(folder)
        (trial / "sources").mkdir()
        (trial / "sources" / target.name).write_text(text, encoding="utf-8")
        for other in documents.values():
            copy = trial / other.path.relative_to(project.data)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(other.path, copy)
        (trial / "sources.yaml").write_text(new_sources, encoding="utf-8")
        _real_paths(load_sources, trial, project.data)
    write_files({target: text.encode("utf-8"), sources_file: new_sources.encode("utf-8")})
    return target


def _read_source_text(file: Path) -> str:
    """A text to add or suggest from: UTF-8, not empty, not binary, at most :data:`MAX_TEXT_BYTES`."""
    path = Path(file)
    if path.is_file() and path.stat().st_size > MAX_TEXT_BYTES:
        raise InputFileError(f"{path}: {path.stat().st_size / 1e6:.1f} MB is more than the "
                         f"{MAX_TEXT_BYTES / 1e6:.0f} MB leadgraph reads; split the text into chapters")
    return read_text(path, "text file")


def _real_paths(check: Any, trial: Path, data: Path) -> Any:
    """Run a curation check on a trial copy of the data folder, reporting faults under the real paths."""
    try:
        return check(trial)
    except CurationError as error:
        raise CurationError([CurationFault(data / fault.path.relative_to(trial) if fault.path.is_relative_to(trial)
                                           else fault.path, fault.line, fault.entry, fault.message)
                             for fault in error.faults]) from None


# --- suggest -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prior:
    """What the project already knows, for the suggester: concepts, labelled relations, rejections."""

    curated: Curated | None
    rejected: list[dict[str, Any]]


def _prior(project: Project | None) -> Prior:
    """The curated knowledge of ``project`` (none outside a project) and its remembered rejections."""
    if project is None:
        return Prior(None, [])
    vocabulary = Vocabulary.from_graph(load_ontology(project.ontology))
    curated = load_curated(project.data, vocabulary)
    rejected_file = project.data / REVIEW_DIR / REJECTED_FILE
    rejected = read_plain_yaml(rejected_file) if rejected_file.exists() else None
    listed = rejected.get("rejected") if isinstance(rejected, dict) else None
    if rejected is not None and not isinstance(listed, list | None):
        raise CurationError([CurationFault(rejected_file, 1, "", "expected 'rejected:' with a list of entries")])
    return Prior(curated, [r for r in listed or [] if isinstance(r, dict)])


def suggestions_for(source: str, project: Project | None) -> tuple[dict, str | None]:
    """Suggestions for a registered document id or a text file, and the document id when it is registered.

    The project's concepts are the suggester's known lexicon and its relations the examples its typer
    is calibrated on; relations already curated are marked ``known``, and what was rejected for this
    document is left out (a text file has no rejections of its own).
    """
    from graph.suggest import Example, KnownConcept, TrainingDocument, suggest

    path = Path(source)
    from_file = path.is_file() or bool(path.suffix)
    # a text file is read (or refused) before the slower loading of the project
    text, name = (_read_source_text(path), path.stem) if from_file else ("", source)
    prior = _prior(project)
    curated = prior.curated
    document_id = None
    if not from_file:
        if curated is None or source not in curated.documents:
            known_ids = ", ".join(sorted(curated.documents)) if curated else "none"
            raise UsageError(f"{source!r} is neither a text file nor a registered document (documents: {known_ids})")
        document_id, text = source, curated.documents[source].text
    known, examples, relations, training = [], [], set(), []
    if curated is not None:
        known = [KnownConcept(id=c.id, label=c.label, synonyms=c.synonyms, forms=c.forms, class_label=c.class_label)
                 for c in curated.concepts.values()]
        examples = [Example(subject=e.subject, type_label=e.type_label, object=e.object, quote=e.passage.exact)
                    for e in curated.evidence]
        relations = {(e.subject, e.type_label, e.object) for e in curated.evidence}
        # every curated document teaches the pair ranker, except the one being read
        training = [TrainingDocument(text=d.text, known=tuple(known),
                                     relations=tuple(x for x, e in zip(examples, curated.evidence, strict=True)
                                                     if e.document == d.id),
                                     furniture=d.furniture)
                    for d in curated.documents.values() if d.id != document_id]
    # a rejection is remembered for the document it was made on: why a suggestion was wrong there (how the
    # sentence reads, what a word means in it) says nothing of another text
    own = [r for r in prior.rejected if document_id is not None and r.get("document") == document_id]
    rejected = {(r["subject"], r["type"], r["object"]) for r in own if r.get("kind") == "relation"}
    furniture = curated.documents[document_id].furniture if document_id else ()
    result = suggest(text, name, known=known, examples=examples, known_relations=relations, rejected=rejected,
                     training=training, furniture=furniture)
    rejected_labels = {str(r["label"]).casefold() for r in own if r.get("kind") == "concept"}
    result["concepts"] = [c for c in result["concepts"] if c["known"] or c["label"].casefold() not in rejected_labels]
    # a pair rejected for this document is not proposed again for it, whatever the type
    rejected_pairs = {frozenset((r["subject"], r["object"])) for r in own if r.get("kind") == "relation"}
    result["relations"] = [r for r in result["relations"] if frozenset(
        (r.get("subject_id") or _concept_id(r["subject"]), r.get("object_id") or _concept_id(r["object"])))
        not in rejected_pairs]
    return result, document_id


# --- the review file -----------------------------------------------------------------------------

def _concept_id(label: str) -> str:
    """An id for a new concept from its label: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", label.casefold())) or "concept"


MIN_CONCEPT_SCORE = 0.5
MIN_RELATION_SCORE = 0.45
"""The scores from which a suggestion goes into a review file: every one of them gets a decision."""


def review_entries(suggestions: dict, document: str, min_concept: float = MIN_CONCEPT_SCORE,
                   min_relation: float = MIN_RELATION_SCORE) -> dict[str, list]:
    """The review file's entries: new concepts and relations not yet curated, from the given scores up.

    Relations are kept only when both ends are known concepts or among the listed new ones. A score
    threshold, rather than a count, means that once every entry is decided, suggesting again proposes
    nothing new: what remains is below the thresholds.
    """
    ids = {c["label"]: c["id"] for c in suggestions["concepts"] if c["known"] and "id" in c}
    new = [c for c in suggestions["concepts"] if not c["known"] and c["score"] >= min_concept]
    concept_entries = []
    for candidate in new:
        concept_id = _concept_id(candidate["label"])
        ids[candidate["label"]] = concept_id
        evidence = candidate["evidence"][0]["quote"] if candidate["evidence"] else ""
        concept_entries.append({"id": concept_id, "label": candidate["label"], "class": candidate["class"],
                                "definition": "", "decision": "pending", "score": round(candidate["score"], 3),
                                "seen_as": list(candidate["forms"]), "first_passage": " ".join(evidence.split())})
    relation_entries = []
    for relation in suggestions["relations"]:
        if relation["known"] or relation["score"] < min_relation or relation["subject"] not in ids \
                or relation["object"] not in ids:
            continue
        entry = {"subject": ids[relation["subject"]], "type": relation["type"], "object": ids[relation["object"]],
                 "document": document, "quote": " ".join(relation["quote"].split())}
        if relation.get("context"):
            # the quote names one end only: where the other is named, kept as the curated entry's context
            entry["context"] = relation["context"]
        relation_entries.append({
            **entry, "decision": "pending", "score": round(relation["score"], 3),
            "alternatives": ", ".join(f"{a['type']} {a['score']:.2f}" for a in relation["alternatives"])})
    return {"concepts": concept_entries, "relations": relation_entries}


def write_review(project: Project, document: str, suggestions: dict, force: bool = False,
                 min_concept: float = MIN_CONCEPT_SCORE, min_relation: float = MIN_RELATION_SCORE) -> Path:
    """Write ``data/review/ID.yaml`` from suggestions; refuse to drop decisions not yet accepted."""
    path = review_path(project, document)
    if path.exists() and not force:
        pending = read_yaml(path)
        decided = [e for key in ("concepts", "relations") for e in (pending.get(key) or [])
                   if isinstance(e, dict) and e.get("decision") in ("accept", "reject")]
        if decided:
            raise UsageError(f"{path} holds {len(decided)} decision(s) not yet applied: run `leadgraph accept "
                             f"{document}` first, or pass --force to replace the file")
    chosen = review_entries(suggestions, document, min_concept, min_relation)
    text = _HEADER.format(document=document)
    for key in ("concepts", "relations"):
        text += f"\n{key}:\n" + (render_entries(chosen[key]) if chosen[key] else "  []\n")
    write_files({path: text.encode("utf-8")})
    return path


# --- accept --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AcceptResult:
    """What ``accept`` did: entries moved into the curated files, rejections remembered, entries left."""

    concepts: int
    relations: int
    rejected: int
    pending: int


def _decision(entry: dict[str, Any], name: str, faults: Faults) -> str | None:
    decision = entry.get("decision", "pending")
    if decision not in DECISIONS:
        faults.add(entry[LINE], name, f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
        return None
    if decision == "reject" and not str(entry.get("reason") or "").strip():
        faults.add(entry[LINE], name, "a rejection needs a reason: add 'reason: ...'")
        return None
    return str(decision)


def _curated_fields(entry: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The entry as the curated file holds it: its own fields, in their order, without empty lists."""
    return {k: entry[k] for k in fields if k in entry and entry[k] not in (None, [], "")}


def accept(project: Project, document: str) -> AcceptResult:
    """Move the accepted entries of ``data/review/DOCUMENT.yaml`` into the curated files.

    Every accepted entry is checked as the build checks it, with faults reported against the review
    file's lines; then the whole project is checked once more with the entries in place. Only when all
    is well are ``concepts.yaml``, ``relations.yaml``, the review file (keeping pending entries) and
    ``rejected.yaml`` written, together.
    """
    path = review_path(project, document)
    if not path.exists():
        raise UsageError(f"{path} not found: run `leadgraph suggest {document} --format yaml` first")
    content = read_yaml(path, REVIEW_KEYS)
    faults = Faults(path)
    vocabulary = Vocabulary.from_graph(load_ontology(project.ontology))
    curated = load_curated(project.data, vocabulary)
    if content.get("document") != document:
        faults.add(content.get(LINE), "document", f"the review file must say 'document: {document}'")
    accepted: dict[str, list[dict]] = {"concepts": [], "relations": []}
    kept: dict[str, list[dict]] = {"concepts": [], "relations": []}
    rejected: list[dict] = []
    new_concepts: list[Concept] = []
    for entry in entries(content, "concepts", faults):
        name = f"concept {entry.get('id', '?')!r}"
        decision = _decision(entry, name, faults)
        if decision == "accept":
            concept = load_concept({k: v for k, v in entry.items() if k not in REVIEW_ONLY}, vocabulary, False, faults)
            if concept is not None:
                new_concepts.append(concept)
                accepted["concepts"].append(_curated_fields(entry, CONCEPT_FIELDS))
        elif decision == "reject":
            rejected.append({"kind": "concept", "document": document, "id": entry.get("id"),
                             "label": entry.get("label"), "reason": entry["reason"]})
        else:
            kept["concepts"].append(plain(entry))
    check_names_unique([*curated.concepts.values(), *new_concepts], faults)
    concepts = {**curated.concepts, **{c.id: c for c in new_concepts}}
    undecided = {str(e.get("id")) for e in kept["concepts"]} | {str(r.get("id")) for r in rejected}
    for entry in entries(content, "relations", faults):
        name = f"relation '{entry.get('subject', '?')} {entry.get('type', '?')} {entry.get('object', '?')}'"
        decision = _decision(entry, name, faults)
        unaccepted = [end for end in (entry.get("subject"), entry.get("object"))
                      if end in undecided and end not in concepts]
        if decision == "accept" and unaccepted:
            faults.add(entry[LINE], name, f"concept {unaccepted[0]!r} is not accepted in this file; accept it too, "
                       "or name an existing concept")
        elif decision == "accept":
            item = load_evidence({k: v for k, v in entry.items() if k not in REVIEW_ONLY}, concepts,
                                 curated.documents, vocabulary, faults)
            if item is not None:
                accepted["relations"].append(_curated_fields(entry, RELATION_FIELDS))
        elif decision == "reject":
            rejected.append({"kind": "relation", "document": document, "subject": entry.get("subject"),
                             "type": entry.get("type"), "object": entry.get("object"), "reason": entry["reason"]})
        else:
            kept["relations"].append(plain(entry))
    if faults.found:
        raise CurationError(faults.found)
    files = _merged_files(project, accepted, rejected, kept, document)
    _check_merged(project, vocabulary, files)
    write_files({p: text.encode("utf-8") for p, text in files.items()})
    return AcceptResult(concepts=len(accepted["concepts"]), relations=len(accepted["relations"]),
                        rejected=len(rejected), pending=len(kept["concepts"]) + len(kept["relations"]))


def _merged_files(project: Project, accepted: dict[str, list[dict]], rejected: list[dict],
                  kept: dict[str, list[dict]], document: str) -> dict[Path, str]:
    """The new texts of every file ``accept`` changes."""
    files: dict[Path, str] = {}
    for key, name in (("concepts", "concepts.yaml"), ("relations", "relations.yaml")):
        if accepted[key]:
            target = project.data / name
            files[target] = append_entries(read_text(target, "YAML file"), key, accepted[key])
    if rejected:
        target = project.data / REVIEW_DIR / REJECTED_FILE
        current = read_text(target, "YAML file") if target.exists() else (
            "# Suggestions the curator rejected, with the reason; `leadgraph suggest` does not propose them again.\n")
        files[target] = append_entries(current, "rejected", rejected)
    remaining = _HEADER.format(document=document)
    for key in ("concepts", "relations"):
        remaining += f"\n{key}:\n" + (render_entries(kept[key]) if kept[key] else "  []\n")
    files[review_path(project, document)] = remaining
    return files


def _check_merged(project: Project, vocabulary: Vocabulary, files: dict[Path, str]) -> None:
    """Check the whole project as the build would, with the merged files in place of the old ones."""
    with tempfile.TemporaryDirectory(prefix="leadgraph-check-") as folder:
        trial = Path(folder) / "data"
        shutil.copytree(project.data, trial, ignore=shutil.ignore_patterns(REVIEW_DIR))
        for path, text in files.items():
            if path.parent == project.data:
                (trial / path.name).write_text(text, encoding="utf-8")
        try:
            _real_paths(lambda data: load_curated(data, vocabulary), trial, project.data)
        except CurationError as error:
            raise LeadgraphError(f"the accepted entries would break the curated data; nothing was written.\n{error}") \
                from None
