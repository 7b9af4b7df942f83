"""The competency questions: each saved query answers what the source text says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from tests.repository import QUERIES_DIR

Rows = list[dict[str, str]]


def _run(kg: Graph, name: str) -> Rows:
    result = kg.query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8"))
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]


def _labels(rows: Rows, key: str = "label") -> list[str]:
    return [row[key] for row in rows]


def cq01(rows: Rows) -> None:
    assert sorted(_labels(rows)) == ["caring", "innovation", "service"]
    assert all("definitional elements of inner leadership" in row["quote"] for row in rows)


def cq02(rows: Rows) -> None:
    by_power = {row["powerLabel"]: row for row in rows}
    assert set(by_power) == {"personal power", "authority power"}
    assert by_power["personal power"]["reliedOnBy"] == "inner leader"
    assert by_power["authority power"]["reliedOnBy"] == "top leader"
    assert set(by_power["personal power"]["basedOn"].split(", ")) == {
        "personal capacities", "personality", "ideas and ideals", "expertise"}
    assert "Inner leaders use their personal power, not their authority" in by_power["personal power"]["quotes"]


def cq03(rows: Rows) -> None:
    alternatives = {row["label"] for row in rows if row["kind"] == "alternative"}
    assert alternatives == {"inspiration"}
    reasons = " ".join(row["quote"] for row in rows if row["kind"] == "reason")
    assert "So-called motivation is based primarily on tangible, physical, or economic rewards" in reasons
    assert "the only true motivation is self-motivation" in reasons


def cq04(rows: Rows) -> None:
    assert _labels(rows) == ["altering the work environment", "awakening motives", "inspiration"]
    assert rows[2]["practisedBy"] == "inner leader"
    assert "awaken a dormant motive" in rows[1]["quote"]


def cq05(rows: Rows) -> None:
    assert _labels(rows) == ["common courtesy", "management by walking around", "naive listening",
                             "using symbols", "focusing", "celebrating accomplishment"]


def cq06(rows: Rows) -> None:
    labels = _labels(rows)
    assert len(labels) == 11
    assert labels[0] == "setting and living consistent values"
    assert labels[-1] == "assuring useful service"
    assert rows[0]["quote"].startswith("A first task is setting and living a consistent set of values")
    assert rows[-1]["quote"] == "Inner leaders assure that service rendered is useful, relevant, and timely."


def cq07(rows: Rows) -> None:
    assert _labels(rows) == ["counseling"]
    assert rows[0]["practisedBy"] == "top leader"
    assert "counseling is telling" in rows[0]["quote"]
    assert "finding out together" in rows[0]["quote"]


def cq08(rows: Rows) -> None:
    assert _labels(rows) == ["task forces", "operating committees", "councils of workers"]
    assert all("institutionalize shared servanthood" in row["fostersQuote"] for row in rows)


def cq09(rows: Rows) -> None:
    assert _labels(rows) == ["personal power"]
    quotes = {row["label"]: row["quote"] for row in rows}
    assert quotes["personal power"] == "Using personal forms of power helps leaders generate and sustain trust."


def cq10(rows: Rows) -> None:
    assert [(row["rejectedLabel"], row["reliedOnLabel"]) for row in rows] == [
        ("hero leadership model", "values-based leadership")]
    assert "inner leaders rely on the theory of values-based leadership" in rows[0]["quote"]


def cq11(rows: Rows) -> None:
    cited = {(row["conceptLabel"], row["workLabel"]) for row in rows}
    assert {("servanthood", "Braham (1999)"), ("vision", "Klenke (1996)"),
            ("teaching", "Carson (2001)")} <= cited
    braham = [row for row in rows if row["workLabel"] == "Braham (1999)"]
    assert {row["year"] for row in braham} == {"1999"}
    assert any("(Braham, 1999)" in row["quote"] for row in braham)


def cq12(rows: Rows) -> None:
    texts = {}
    for path in (QUERIES_DIR.parent.parent / "data" / "sources").glob("*.txt"):
        texts[path.name] = path.read_text(encoding="utf-8")
    by_title = {"Chapter 3: Inner Leadership": texts["ch03-inner-leadership.txt"],
                "Chapter 13: Servant Leadership, Service Techniques": texts["ch13-service-techniques.txt"]}
    assert len(rows) > 200
    for row in rows:
        text = by_title[row["documentTitle"]]
        assert text[int(row["start"]):int(row["end"])] == row["quote"]
        assert row["url"].startswith("https://westsidetoastmasters.com/")


CHECKS: dict[str, Callable[[Rows], None]] = {
    "cq01-definitional-elements": cq01,
    "cq02-kinds-of-power": cq02,
    "cq03-instead-of-motivation": cq03,
    "cq04-three-sets-of-motivation": cq04,
    "cq05-staff-skills": cq05,
    "cq06-eleven-service-tasks": cq06,
    "cq07-counciling-with": cq07,
    "cq08-servanthood-structures": cq08,
    "cq09-what-builds-trust": cq09,
    "cq10-rejected-model": cq10,
    "cq11-citations": cq11,
    "cq12-relation-evidence": cq12,
}


def test_every_saved_query_states_its_question_and_is_checked() -> None:
    saved = sorted(path.stem for path in Path(QUERIES_DIR).glob("cq*.rq"))
    assert saved == sorted(CHECKS)
    for name in saved:
        header = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# Question: ")


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_competency_question_is_answered_as_the_text_says(kg: Graph, name: str) -> None:
    CHECKS[name](_run(kg, name))
