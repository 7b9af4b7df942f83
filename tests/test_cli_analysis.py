"""The analysis commands: what a user types, what they get back."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from graph.build import BuildResult

FIELDS = {"concept", "label", "class", "degree", "betweenness", "closeness", "pagerank", "eigenvector",
          "community", "in_degree", "out_degree", "core_number", "articulation_point", "rank"}


Run = Callable[..., tuple[int, str, str]]


def test_analyse_json_gives_every_concept_every_field(leadgraph: Run, graph_file: Path, built: BuildResult) -> None:
    code, out, _ = leadgraph("analyse", "--format", "json", "--graph", str(graph_file))
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == len(built.curated.concepts)
    assert all(set(row) == FIELDS for row in rows)
    assert rows[0]["label"] == "inner leader" and rows[0]["rank"] == 1
    assert {row["concept"] for row in rows} == {f"https://w3id.org/leadgraph/concept/{c}"
                                                for c in built.curated.concepts}


def test_analyse_csv_ranks_by_the_chosen_measure(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("analyse", "--format", "csv", "--measure", "pagerank", "--graph", str(graph_file))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    pageranks = [float(row["pagerank"]) for row in rows]
    assert pageranks == sorted(pageranks, reverse=True)


def test_analyse_table_shows_the_top_concepts_and_filters_by_class(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("analyse", "--top", "3", "--class", "technique or practice", "--wide",
                             "--graph", str(graph_file))
    assert code == 0
    assert "staff skills" in out and "inner leader " not in out
    code, _, err = leadgraph("analyse", "--class", "techniques", "--graph", str(graph_file))
    assert code == 1 and "unknown class 'techniques'; the classes are:" in err


def test_path_prints_each_step_with_its_quote(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("path", "personal power", "service excellence", "--graph", str(graph_file))
    assert code == 0
    assert "personal power - inner leader - service excellence" in out
    assert '"Inner leaders use their personal power"' in out
    assert "Chapter 3: Inner Leadership, characters" in out


def test_path_names_concepts_by_any_synonym_in_any_case(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("path", "CEO", "Servant Leadership", "--format", "json", "--graph", str(graph_file))
    assert code == 0
    paths = json.loads(out)
    assert paths[0]["concepts"][0]["label"] == "top leader"
    assert paths[0]["concepts"][-1]["label"] == "servanthood"
    assert all(step[0]["evidence"][0]["quote"] for step in paths[0]["steps"])


def test_an_unknown_concept_lists_the_closest_labels(leadgraph: Run, graph_file: Path) -> None:
    code, _, err = leadgraph("path", "personel power", "trust", "--graph", str(graph_file))
    assert code == 1
    assert "no concept is called 'personel power'; the closest are: personal power" in err


def test_gaps_and_documents_print_json(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("gaps", "--format", "json", "--graph", str(graph_file))
    gaps = json.loads(out)
    assert code == 0 and gaps[0]["links"] <= gaps[-1]["links"]
    assert all({"first", "second", "links", "density", "brokers"} <= set(g) for g in gaps)
    code, out, _ = leadgraph("documents", "--format", "json", "--graph", str(graph_file))
    rows = json.loads(out)
    staff = [row for row in rows if row["label"] == "staff skills"]
    assert code == 0 and [row["in_other_documents"] for row in staff] == [False]


def test_concept_shows_its_relations_with_quotes(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("concept", "counciling-with", "--graph", str(graph_file))
    assert code == 0
    assert "counciling-with contrasts with counseling" in out
    assert "counseling is telling" in out


def test_a_missing_graph_file_is_a_clear_error(leadgraph: Run, tmp_path: Path) -> None:
    code, _, err = leadgraph("analyse", "--graph", str(tmp_path / "missing.ttl"))
    assert code == 1 and "graph file not found" in err


def test_gaps_names_the_relations_whose_loss_would_cut_concepts_off(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("gaps", "--graph", str(graph_file))
    assert code == 0
    text = " ".join(out.split())  # the line may be wrapped to the terminal's width
    assert "Relations whose loss would cut concepts off (how many): " in text
    assert "follower - volunteer (2)" in text.split("Relations whose loss would cut concepts off")[1]


def _widest(text: str) -> int:
    return max(len(line.rstrip()) for line in text.splitlines())


def test_every_table_fits_80_columns_and_never_splits_a_number(leadgraph: Run, graph_file: Path, built: BuildResult,
                                                               monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    for command in (["analyse", "--top", "0"], ["analyse", "--measure", "in_degree"], ["gaps", "--top", "0"],
                    ["documents"], ["query", "cq12-relation-evidence"]):
        code, out, _ = leadgraph(*command, "--graph", str(graph_file))
        assert code == 0 and _widest(out) <= 80, command
    code, out, _ = leadgraph("analyse", "--top", "0", "--graph", str(graph_file))
    lines = out.splitlines()
    for rank, node in enumerate(built.analysis.ranked("betweenness"), start=1):
        m = built.analysis.measures[node]
        first_word = built.analysis.label(node).split()[0]
        # the concept's row holds every one of its numbers whole, on the line where its label starts
        row = next(line for line in lines if re.match(rf"\s*{rank}\s+{re.escape(first_word)}", line))
        assert all(f"{value:.3f}" in row for value in (m.betweenness, m.closeness, m.pagerank, m.eigenvector))


def test_narrow_terminals_drop_columns_and_say_so_wide_shows_everything(leadgraph: Run, graph_file: Path,
                                                                       monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = leadgraph("analyse", "--graph", str(graph_file))
    assert code == 0 and _widest(out) <= 60
    assert "Left out to fit 60 columns:" in out and "--wide shows them" in out
    code, out, _ = leadgraph("analyse", "--wide", "--graph", str(graph_file))
    assert code == 0 and _widest(out) > 80
    assert "betweenness rank" in out and "core_number" in out and "eigenvector" in out


def test_ranks_say_what_they_rank_under_a_filter(leadgraph: Run, graph_file: Path, monkeypatch,
                                                 built: BuildResult) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = leadgraph("analyse", "--class", "role", "--top", "5", "--measure", "pagerank",
                             "--graph", str(graph_file))
    assert code == 0
    assert "PR rank" in out
    total = len(built.curated.concepts)
    roles = sum(1 for c in built.curated.concepts.values() if c.class_label == "role")
    assert f"{roles} of {total} concepts (class role), top 5 shown; rank is among all {total} concepts" in \
        " ".join(out.split())


def test_filters_that_match_nothing_and_invalid_numbers_are_refused(leadgraph: Run, graph_file: Path,
                                                                   built: BuildResult) -> None:
    code, out, err = leadgraph("analyse", "--community", "99", "--graph", str(graph_file))
    assert code == 1 and not out and "there is no community 99; the communities are numbered 0 to" in err
    analysis = built.analysis
    # a class and a community with no concept of that class (which ones depends on the data)
    classes = sorted({analysis.G.nodes[n]["cls"] for n in analysis.G.nodes})
    cls, empty = next((c, i) for c in classes for i in range(len(analysis.communities))
                      if not any(analysis.G.nodes[n]["cls"] == c for n in analysis.communities[i]))
    code, _, err = leadgraph("analyse", "--class", cls, "--community", str(empty), "--graph", str(graph_file))
    assert code == 1 and f"no concept of class {cls!r} is in community {empty}" in err
    for command in ("analyse", "gaps", "documents"):
        code, _, err = leadgraph(command, "--top", "-3", "--graph", str(graph_file))
        assert code == 2 and "-3 is not in the range x>=0" in err
