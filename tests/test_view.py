"""The HTML view in a real browser: offline, complete, searchable, clickable, and inert to hostile text.

These tests start Debian's Chromium through Playwright; `make test` installs Chromium when it is missing,
and they are never skipped.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
import yaml
from playwright.sync_api import Browser, Page

from graph.analysis.concept_graph import undirected
from graph.analysis.paths import concept_paths
from graph.build import BuildResult, build
from graph.curation.quotes import normalise_whitespace
from graph.paths import VIEW_FILE

TRUST = "https://w3id.org/leadgraph/concept/trust"
PERSONAL_POWER = "https://w3id.org/leadgraph/concept/personal-power"
SERVICE_TECHNIQUES = "https://w3id.org/leadgraph/concept/service-techniques"


class Visit:
    """A page opened on a view file, with every request, console message and page error recorded."""

    def __init__(self, browser: Browser, path: Path, width: int = 1400, height: int = 900):
        self.page: Page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.problems.append(f"{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-drawn='true']", state="attached", timeout=15000)

    def click_concept(self, concept: str) -> None:
        """Click where the concept is drawn on the canvas, as a user would."""
        point = self.page.evaluate(
            "(id) => { const n = window.leadgraph.network;"
            " return n.canvasToDOM(n.getPositions([id])[id]); }", concept)
        box = self.page.locator("#network canvas").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def panel_quotes(self) -> list[str]:
        return self.page.locator("#panel-body blockquote").all_inner_texts()

    def js(self, expression: str, argument: object = None) -> object:
        return self.page.evaluate(expression, argument)

    def visible_nodes(self) -> set[str]:
        return set(self.js("window.leadgraph.visibleNodeIds()"))

    def undimmed_nodes(self) -> set[str]:
        return set(self.js("window.leadgraph.nodes.get({filter: n => n.hidden !== true && n.opacity !== 0.15})"
                           ".map(n => n.id)"))


def document_text(built: BuildResult, iri: str) -> str:
    """The curated text of a source document, by the document's IRI."""
    return next(d.text for d in built.curated.documents.values() if iri.endswith("/" + d.id))


@pytest.fixture(scope="module")
def view_file(built: BuildResult) -> Path:
    return next(path for path in built.files if path.name == VIEW_FILE)


@pytest.fixture
def visit(browser: Browser, view_file: Path) -> Iterator[Visit]:
    visit = Visit(browser, view_file)
    yield visit
    visit.page.close()


def test_the_view_opens_offline_with_no_request_and_no_console_error(visit: Visit) -> None:
    assert visit.requests == [visit.url]
    assert visit.problems == []


def test_every_concept_is_drawn(visit: Visit, built: BuildResult) -> None:
    drawn = visit.page.evaluate("window.leadgraph.network.body.nodeIndices.length")
    assert drawn == len(built.curated.concepts)
    legend = visit.page.locator("#class-filters .filter").all_inner_texts()
    assert any("technique or practice" in item for item in legend)


def test_searching_trust_focuses_it(visit: Visit) -> None:
    visit.page.fill("#search", "trust")
    visit.page.press("#search", "Enter")
    assert visit.page.evaluate("window.leadgraph.network.getSelectedNodes()") == [TRUST]
    assert visit.page.locator("#panel-body h2").inner_text() == "trust"
    centre = visit.page.evaluate("window.leadgraph.network.getViewPosition()")
    position = visit.page.evaluate(f"window.leadgraph.network.getPositions(['{TRUST}'])['{TRUST}']")
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1


def test_search_finds_a_concept_by_a_synonym(visit: Visit) -> None:
    visit.page.fill("#search", "servant leadership")
    visit.page.press("#search", "Enter")
    assert visit.page.locator("#panel-body h2").inner_text() == "servanthood"


def test_clicking_a_concept_shows_quotes_that_are_in_the_source_text(visit: Visit, built: BuildResult) -> None:
    visit.click_concept(PERSONAL_POWER)
    assert visit.page.locator("#panel-body h2").inner_text() == "personal power"
    quotes = visit.panel_quotes()
    texts = [normalise_whitespace(d.text) for d in built.curated.documents.values()]
    assert quotes and all(any(normalise_whitespace(q) in text for text in texts) for q in quotes)
    assert "Using personal forms of power helps leaders generate and sustain trust." in quotes
    link = visit.page.locator("#panel-body figcaption a").first
    assert link.get_attribute("href").startswith("https://westsidetoastmasters.com/")
    assert visit.problems == []


def test_clicking_a_relation_shows_its_quotes(visit: Visit) -> None:
    edge = visit.page.evaluate(
        "() => window.leadgraph.edges.get().find(e => e.from.endsWith('/personal-power')"
        " && e.to.endsWith('/authority-power')).id")
    visit.page.evaluate(f"window.leadgraph.network.focus('{PERSONAL_POWER}', {{scale: 1.5, animation: false}})")
    point = visit.page.evaluate(
        "(id) => { const n = window.leadgraph.network; const p = n.body.edges[id].edgeType.getPoint(0.5);"
        " return n.canvasToDOM(p); }", edge)
    box = visit.page.locator("#network canvas").bounding_box()
    visit.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert visit.page.locator("#panel-body h2").inner_text() == "personal power contrasts with authority power"
    assert "Inner leaders use their personal power, not their authority" in visit.panel_quotes()


def test_filters_hide_a_class_and_highlight_dims_the_rest(visit: Visit) -> None:
    visit.page.locator("#class-filters input[data-key='cited work']").uncheck()
    hidden = visit.page.evaluate("window.leadgraph.nodes.get({filter: n => n.hidden}).length")
    assert hidden == 23
    visit.page.locator("#type-filters input[data-key='cited for']").uncheck()
    visit.click_concept(TRUST)
    dimmed = visit.page.evaluate("window.leadgraph.nodes.get({filter: n => n.opacity < 1}).length")
    neighbours = visit.page.evaluate(f"window.leadgraph.network.getConnectedNodes('{TRUST}').length")
    concepts = visit.page.evaluate("window.leadgraph.nodes.length")
    assert concepts > 100 and dimmed == concepts - neighbours - 1


def test_edges_keep_their_relation_colour_after_click_and_search(visit: Visit, built: BuildResult) -> None:
    """Regression: dimming once made every edge inherit the colour of its start concept for good."""
    visit.click_concept(PERSONAL_POWER)
    visit.page.fill("#search", "trust")
    visit.page.press("#search", "Enter")
    visit.page.keyboard.press("Escape")
    visit.click_concept(TRUST)
    legend = visit.js("Object.fromEntries(window.leadgraph.data.types.map(t => [t.label, t.color]))")
    sample = visit.js("Array.from(document.querySelectorAll('#type-filters .filter')).map(row =>"
                      " [row.querySelector('input').dataset.key, row.querySelector('line').getAttribute('stroke')])")
    assert dict(sample) == legend
    drawn = visit.js("Object.entries(window.leadgraph.network.body.edges).map(([id, e]) =>"
                     " [window.leadgraph.edges.get(id).relation, e.options.color.color, e.options.color.inherit])")
    assert len(drawn) == built.analysis.G.number_of_edges()
    assert all(colour == legend[relation] and inherit is False for relation, colour, inherit in drawn)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_labels_are_legible_and_never_overlap_at_the_fitted_zoom(browser: Browser, view_file: Path,
                                                                  size: tuple[int, int]) -> None:
    visit = Visit(browser, view_file, *size)
    try:
        visit.page.click("#fit")
        visit.page.wait_for_timeout(200)
        boxes = visit.js("window.leadgraph.labelBoxes")
        labels = {visit.js("(id) => window.leadgraph.data.concepts[id].label", b["id"]) for b in boxes}
        assert len(boxes) >= 8 and "inner leader" in labels
        assert min(b["px"] for b in boxes) >= 11
        canvas = visit.page.locator("#network canvas").bounding_box()
        for i, a in enumerate(boxes):
            assert a["x"] >= 0 and a["x"] + a["w"] <= canvas["width"] and a["y"] + a["h"] <= canvas["height"]
            for b in boxes[i + 1:]:
                overlap = (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                           and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
                assert not overlap, (a, b)
        # zooming in shows more labels (small ones wait until there is room)
        visit.js("window.leadgraph.network.moveTo({scale: window.leadgraph.network.getScale() * 3})")
        visit.page.wait_for_timeout(100)
        assert visit.js("window.leadgraph.labelBoxes.length") > 0
        assert visit.problems == []
    finally:
        visit.page.close()


def test_show_in_text_marks_exactly_the_quoted_characters(visit: Visit, built: BuildResult) -> None:
    visit.click_concept(PERSONAL_POWER)
    show = visit.page.locator("#panel-body button.show-in-text").first
    passage_id = show.get_attribute("data-passage")
    show.click()
    assert visit.page.locator("#reader").is_visible()
    passage = visit.js("(p) => window.leadgraph.data.passages[p]", passage_id)
    text = document_text(built, passage["document"])
    current = visit.page.locator("#reader-text mark.current")
    assert current.count() >= 1
    assert "".join(current.all_text_contents()) == text[passage["start"]:passage["end"]]
    assert visit.js("document.querySelector('#reader-text mark.current') === document.activeElement")
    box, pane = current.first.bounding_box(), visit.page.locator("#reader-text").bounding_box()
    assert pane["y"] <= box["y"] <= pane["y"] + pane["height"]
    # the reader shows the document's own characters, paragraphs and numbered lists untouched
    assert visit.js("document.getElementById('reader-text').textContent") == text
    assert visit.js("getComputedStyle(document.getElementById('reader-text')).whiteSpace") == "pre-wrap"
    assert visit.problems == []


def test_clicking_a_mark_lists_its_relations_and_selects_them(visit: Visit) -> None:
    visit.page.click("#open-reader")
    visit.page.select_option("#reader-document", index=1)
    mark = visit.page.locator("#reader-text mark:not(.nested)").nth(5)
    passages = mark.get_attribute("data-passages").split()
    mark.click()
    expected = visit.js("(ps) => [...new Set(ps.flatMap(p => window.leadgraph.data.passages[p].relations))]", passages)
    listed = visit.page.locator("#panel-body .relation-item").evaluate_all("items => items.map(i => i.dataset.edge)")
    assert listed == expected and expected
    assert sorted(visit.js("window.leadgraph.network.getSelectedEdges()")) == sorted(expected)
    assert "relation" in visit.page.locator("#panel-body h2").inner_text()


def test_unticking_a_document_hides_concepts_left_alone_and_show_all_fits_the_rest(visit: Visit) -> None:
    everything = visit.visible_nodes()
    visit.page.locator("#document-filters input").nth(1).uncheck()
    shown = visit.visible_nodes()
    assert len(shown) < len(everything)
    with_relation = set(visit.js("window.leadgraph.edges.get({filter: e => e.hidden !== true})"
                                 ".flatMap(e => [e.from, e.to])"))
    assert shown == with_relation
    visit.page.click("#fit")
    canvas = visit.page.locator("#network canvas").bounding_box()
    points = visit.js("(ids) => { const n = window.leadgraph.network; const p = n.getPositions(ids);"
                      " return ids.map(id => n.canvasToDOM(p[id])); }", sorted(shown))
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    assert min(xs) >= 0 and max(xs) <= canvas["width"] and min(ys) >= 0 and max(ys) <= canvas["height"]
    assert max((max(xs) - min(xs)) / canvas["width"], (max(ys) - min(ys)) / canvas["height"]) > 0.7


def test_relations_are_grouped_by_type_in_the_order_of_the_text(visit: Visit, built: BuildResult) -> None:
    visit.js("(id) => window.leadgraph.focusConcept(id)", SERVICE_TECHNIQUES)
    groups = visit.page.locator("#panel-body .relation-group").all_inner_texts()
    parts = sum(1 for *_, key in built.analysis.G.in_edges(SERVICE_TECHNIQUES, keys=True) if key == "part of")
    assert parts >= 11  # the eleven service tasks at least
    assert groups == sorted(groups) and f"part of ({parts})" in groups
    edges = visit.page.locator("#panel-body [data-type='part of'] .relation-item").evaluate_all(
        "items => items.map(i => i.dataset.edge)")
    relations = [visit.js("(e) => window.leadgraph.data.relations[e]", e) for e in edges]
    tasks = [r for r in relations if r["object"] == SERVICE_TECHNIQUES]
    assert len(tasks) == 11
    starts = [r["evidence"][0]["start"] for r in tasks]
    assert starts == sorted(starts)


def test_a_misspelt_search_suggests_the_closest_names(visit: Visit) -> None:
    visit.page.fill("#search", "trsut")
    visit.page.press("#search", "Enter")
    assert "No concept is called" in visit.page.locator("#status").inner_text()
    suggestion = visit.page.locator("#status button.suggestion", has_text="trust").first
    suggestion.click()
    assert visit.js("window.leadgraph.network.getSelectedNodes()") == [TRUST]


def test_hops_widen_the_highlighted_neighbourhood(visit: Visit, built: BuildResult) -> None:
    visit.click_concept(TRUST)
    H = undirected(built.analysis.G)
    for hops in (1, 2, 3):
        visit.page.locator(f"#panel-body input[name='hops'][value='{hops}']").check()
        assert visit.undimmed_nodes() == set(nx.ego_graph(H, TRUST, radius=hops))


def test_the_path_box_shows_each_chain_with_its_quotes(visit: Visit, built: BuildResult) -> None:
    visit.page.fill("#path-from", "personal power")
    visit.page.fill("#path-to", "staff skills")
    visit.page.press("#path-to", "Enter")
    expected = concept_paths(built.analysis.G, PERSONAL_POWER, "https://w3id.org/leadgraph/concept/staff-skills")
    label = built.analysis.label
    chains = visit.page.locator("#panel-body .path-chain").all_inner_texts()
    assert chains == [" \u2192 ".join(label(c) for c in path.concepts) for path in expected]
    quotes = {" ".join(e["quote"].split()) for path in expected for hop in path.hops for s in hop for e in s.evidence}
    assert quotes == set(visit.panel_quotes())
    assert visit.undimmed_nodes() == {c for path in expected for c in path.concepts}


def test_the_techniques_preset_shows_techniques_and_the_roles_that_practise_them(visit: Visit,
                                                                                  built: BuildResult) -> None:
    visit.page.locator("#preset-techniques").check()
    classes = visit.js("window.leadgraph.visibleNodeIds().map(id => window.leadgraph.data.concepts[id].class)")
    assert set(classes) == {"technique or practice", "role"}
    techniques = [n for n, d in built.analysis.G.nodes(data=True) if d["cls"] == "technique or practice"
                  and built.analysis.G.degree(n) > 0]
    assert classes.count("technique or practice") == len(techniques)
    shown = visit.js("window.leadgraph.edges.get({filter: e => e.hidden !== true}).map(e => {"
                     " const r = window.leadgraph.data.relations[e.id], c = window.leadgraph.data.concepts;"
                     " return [c[r.subject].class, r.type, c[r.object].class]; })")
    technique = "technique or practice"
    assert shown and all(s == o == technique or (s, t, o) == (technique, "practised by", "role") for s, t, o in shown)
    assert any(t == "practised by" for _, t, _ in shown)


def test_export_png_downloads_what_is_on_screen(visit: Visit, tmp_path: Path) -> None:
    with visit.page.expect_download() as download:
        visit.page.click("#export-png")
    target = tmp_path / "view.png"
    download.value.save_as(target)
    assert download.value.suggested_filename == "leadgraph.png"
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 20000
    assert visit.requests == [visit.url] and visit.problems == []


def test_keyboard_reaches_search_filters_and_panel_links_and_escape_clears(visit: Visit) -> None:
    visit.js("(id) => window.leadgraph.focusConcept(id)", TRUST)
    visit.page.focus("#search")
    reached = set()
    for _ in range(120):
        visit.page.keyboard.press("Tab")
        reached.add(visit.js("(() => { const a = document.activeElement;"
                             " return a.id || a.className || a.dataset.kind || a.tagName; })()"))
    assert {"preset-techniques", "classes", "types", "documents", "concept-link", "show-in-text"} <= reached
    visit.page.keyboard.press("Escape")
    assert visit.js("window.leadgraph.network.getSelectedNodes()") == []
    assert visit.js("window.leadgraph.selected") is None
    assert visit.undimmed_nodes() == visit.visible_nodes()


# --- hostile text ---------------------------------------------------------------------------------------

HOSTILE = "<img src=x onerror=\"window.__xss='img'\">"
SCRIPT_BREAK = "</script><script>window.__xss='script'</script>"


@pytest.fixture(scope="module")
def hostile_view(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build whose data holds markup and a script-closing tag in a label, a definition and a quote."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    source = data / "sources" / "ch03-inner-leadership.txt"
    sentence = f"Hostile trust {HOSTILE} {SCRIPT_BREAK} fosters hostile caring."
    text = source.read_text(encoding="utf-8")
    marker = "Westside Toastmasters on Meetup"
    source.write_text(text.replace(marker, sentence + "\n\n" + marker), encoding="utf-8")
    concept = {"id": "hostile-concept", "label": HOSTILE, "synonyms": [SCRIPT_BREAK], "class": "cited work",
               "definition": f"A definition with {SCRIPT_BREAK} and {HOSTILE} in it."}
    relation = {"subject": "hostile-concept", "type": "cited for", "object": "caring", "document": "ch03",
                "quote": sentence, "context": "a test fixture, not part of the text"}
    for name, entry in (("concepts.yaml", concept), ("relations.yaml", relation)):
        with (data / name).open("a", encoding="utf-8") as stream:
            stream.write("\n" + textwrap.indent(yaml.safe_dump([entry], allow_unicode=True, width=1000), "  "))
    build(data_dir=data, out_dir=root / "build")
    return root / "build" / VIEW_FILE


def test_hostile_labels_and_quotes_stay_inert_text(browser: Browser, hostile_view: Path) -> None:
    visit = Visit(browser, hostile_view)
    try:
        visit.click_concept("https://w3id.org/leadgraph/concept/hostile-concept")
        visit.page.wait_for_timeout(300)
        assert visit.page.evaluate("window.__xss") is None
        assert visit.dialogs == []
        assert visit.page.locator("img").count() == 0
        assert visit.page.locator("#panel-body h2").inner_text() == HOSTILE
        assert SCRIPT_BREAK in visit.page.locator("#panel-body").inner_text()
        assert any(HOSTILE in quote for quote in visit.panel_quotes())
        visit.page.fill("#search", SCRIPT_BREAK)
        visit.page.press("#search", "Enter")
        assert visit.page.evaluate("window.__xss") is None
        # the reader: the hostile sentence is marked as a quote and stays text
        visit.click_concept("https://w3id.org/leadgraph/concept/hostile-concept")
        visit.page.locator("#panel-body button.show-in-text").first.click()
        current = "".join(visit.page.locator("#reader-text mark.current").all_text_contents())
        assert HOSTILE in current and SCRIPT_BREAK in current
        visit.page.locator("#reader-text mark.current").first.click()
        visit.page.wait_for_timeout(300)
        assert visit.page.locator("img, #reader-text script, #reader-text *:not(mark)").count() == 0
        assert visit.page.evaluate("window.__xss") is None
        assert visit.dialogs == []
        assert visit.requests == [visit.url]
        assert visit.problems == []
    finally:
        visit.page.close()
