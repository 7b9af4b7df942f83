"""The HTML view in a real browser: offline, complete, searchable, clickable, and inert to hostile text.

These tests start Debian's Chromium through Playwright; `make test` installs Chromium when it is missing,
and they are never skipped.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from graph.build import BuildResult, build
from graph.curation.quotes import normalise_whitespace
from graph.paths import VIEW_FILE
from tests.browser import CHROMIUM, CHROMIUM_ARGS

TRUST = "https://w3id.org/leadgraph/concept/trust"
PERSONAL_POWER = "https://w3id.org/leadgraph/concept/personal-power"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened on a view file, with every request, console message and page error recorded."""

    def __init__(self, browser: Browser, path: Path):
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 900})
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
        assert visit.requests == [visit.url]
        assert visit.problems == []
    finally:
        visit.page.close()
