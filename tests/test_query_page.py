"""The query page of leadgraph serve, in Chromium with every request off this machine refused and recorded;
the prefixes the server declares for queries sent over HTTP; the fixed set of files it serves."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from graph.namespace import PREFIXES
from graph.sparql.engines import open_engine
from graph.sparql.page import CONTENT_SECURITY_POLICY, EDITOR_HELP, QueryPage
from graph.sparql.saved import saved_queries
from graph.sparql.serve import Front
from graph.sparql.syntax import with_missing_prefixes
from tests.repository import QUERIES_DIR
from tests.servers import Server, free_port, http_get, http_post

ROLES = "SELECT ?label WHERE { ?c a lg:Role ; skos:prefLabel ?label }"
"""The README's query, which uses lg: and skos: without declaring them."""


@pytest.fixture(scope="module")
def role_labels(graph_file: Path) -> set[str]:
    """The roles' labels, as rdflib reads them from the same graph file."""
    answer = open_engine("rdflib", [graph_file]).ask(ROLES).results
    return {row["label"]["value"] for row in answer["results"]["bindings"]}


@pytest.fixture(scope="module")
def plain_server(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A front whose editor files are missing (an empty vendor folder), forwarding to the running server."""
    page = QueryPage(QUERIES_DIR, vendor_dir=tmp_path_factory.mktemp("no-vendor"))
    front = Front(free_port(), server.port, timeout_s=10, page=page)
    threading.Thread(target=front.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{front.server_address[1]}"
    front.shutdown()
    front.server_close()


@dataclass
class Visit:
    """A page opened with every request recorded: those off this machine are refused and listed in
    ``outside``; requests the page's Content-Security-Policy stopped before they were sent are in
    ``refused_by_policy``; script errors in ``errors``."""

    page: Page
    outside: list[str] = field(default_factory=list)
    refused_by_policy: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_nothing_left_the_machine(self) -> None:
        assert self.outside == []
        assert self.refused_by_policy == []
        assert self.errors == []


LOCAL_HOSTS = ("127.0.0.1", "localhost")


def _visit(browser: Browser, url: str) -> Visit:
    context = browser.new_context()
    visit = Visit(context.new_page())

    def route(route: object) -> None:
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host in LOCAL_HOSTS:
            route.continue_()
        else:
            visit.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    visit.page.on("console", lambda message: visit.refused_by_policy.append(message.text)
                  if "Content Security Policy" in message.text else None)
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visit.page.goto(url)
    return visit


def _editor_text(page: Page) -> str:
    return page.evaluate("document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()")


def _shown_column(page: Page, column: int = 1) -> list[str]:
    """The values of a column of the active tab's result table, as YASR shows them (without quotes or tags)."""
    cells = page.locator(f".tabPanel.active .yasr tbody tr td:nth-child({column + 1})").all_inner_texts()
    return [cell.split('"')[1] if '"' in cell else cell for cell in cells]


# --- in the browser -------------------------------------------------------------------------------------

def test_the_page_opens_its_editor_with_our_prefixes_and_runs_the_roles_query_offline(
        browser: Browser, server: Server, role_labels: set[str]) -> None:
    visit = _visit(browser, f"{server.url}/")
    page = visit.page
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    text = _editor_text(page)
    for prefix, iri in PREFIXES.items():
        assert f"PREFIX {prefix}: <{iri}>" in text
    assert "?c a lg:Role" in text
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr tbody tr", timeout=20000)
    assert set(_shown_column(page)) == role_labels
    assert page.text_content("#endpoint") == f"{server.url}/query"
    visit.assert_nothing_left_the_machine()


def test_each_saved_query_is_offered_and_opens_in_its_own_tab(browser: Browser, server: Server) -> None:
    visit = _visit(browser, f"{server.url}/")
    page = visit.page
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    saved = saved_queries(QUERIES_DIR)
    offered = page.locator("#examples button").all_inner_texts()
    assert [" ".join(text.split()) for text in offered] == [f"{name} {query.question}" for name, query in saved.items()]
    page.click("[data-example='cq06-eleven-service-tasks']")
    page.wait_for_selector(".tab.active:has-text('cq06-eleven-service-tasks')")
    assert _editor_text(page) == saved["cq06-eleven-service-tasks"].path.read_text(encoding="utf-8")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr tbody tr", timeout=20000)
    assert page.locator(".tabPanel.active .yasr tbody tr").count() == 11
    visit.assert_nothing_left_the_machine()


def test_completion_offers_our_prefixes_and_asks_no_other_site(browser: Browser, server: Server) -> None:
    """YASGUI's own completers ask prefix.cc and lov.linkeddata.es; the page uses ours only."""
    visit = _visit(browser, f"{server.url}/")
    page = visit.page
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    page.evaluate("() => { const editor = document.querySelector('.tabPanel.active .CodeMirror').CodeMirror;"
                  " editor.setValue(''); editor.focus(); }")
    page.keyboard.type("PREFIX lg")
    page.wait_for_selector(".CodeMirror-hint")
    assert page.locator(".CodeMirror-hint").all_inner_texts()[0] == f"lg: <{PREFIXES['lg']}>"
    page.keyboard.press("Enter")
    page.keyboard.type("\nSELECT ?label WHERE { ?c a lg:Role ; skos:prefLabel ?label ; rdfs:comment ?note }")
    time.sleep(1)  # completers ask their sites as one types; give any such request the time to start
    text = _editor_text(page)
    assert f"PREFIX skos: <{PREFIXES['skos']}>" in text  # declared as it was typed
    visit.assert_nothing_left_the_machine()


def test_without_the_editor_the_page_says_how_to_get_it_and_its_plain_form_runs_queries(
        browser: Browser, plain_server: str, role_labels: set[str]) -> None:
    visit = _visit(browser, f"{plain_server}/")
    page = visit.page
    assert page.text_content("#editor-missing") == EDITOR_HELP
    assert page.locator("script[src*='yasgui']").count() == 0
    page.click("#plain-form button[type=submit]")
    page.wait_for_selector("#plain-results td")
    assert set(page.locator("#plain-results td").all_inner_texts()) == role_labels
    page.click("[data-example='cq05-staff-skills']")
    assert page.input_value("#plain-query") == (QUERIES_DIR / "cq05-staff-skills.rq").read_text(encoding="utf-8")
    page.click("#plain-form button[type=submit]")
    page.wait_for_selector("#plain-status:text-is('6 rows')")
    visit.assert_nothing_left_the_machine()


# --- prefixes over HTTP ----------------------------------------------------------------------------------

def _labels(body: bytes) -> set[str]:
    return {row["label"]["value"] for row in json.loads(body)["results"]["bindings"]}


def test_the_readme_roles_query_works_over_get_and_both_posts(server: Server, role_labels: set[str]) -> None:
    status, body = http_get(server.url, ROLES)
    assert status == 200 and _labels(body) == role_labels
    status, body = http_post(server.url, "/query", ROLES, "application/sparql-query")
    assert status == 200 and _labels(body) == role_labels
    status, body = http_post(server.url, "/sparql", urllib.parse.urlencode({"query": ROLES}),
                         "application/x-www-form-urlencoded")
    assert status == 200 and _labels(body) == role_labels


def test_a_query_declaring_lg_otherwise_keeps_its_own(server: Server) -> None:
    status, body = http_get(server.url, "PREFIX lg: <urn:another-vocabulary#> " + ROLES)
    assert status == 200 and _labels(body) == set()


def test_base_and_relative_iris_are_kept(server: Server) -> None:
    status, body = http_get(server.url, "BASE <https://w3id.org/leadgraph/concept/>\n"
                                    "SELECT ?label WHERE { <trust> skos:prefLabel ?label }")
    assert status == 200 and _labels(body) == {"trust"}


@pytest.mark.parametrize(("query", "where"), [
    ("SELECT * WHERE { ?s lg:x }", "line 1, column 26"),
    ("# a comment\nSELECT * WHERE {\n  ?s skos:x }", "line 3, column 13"),
])
def test_a_syntax_error_names_its_place_in_the_query_as_sent(server: Server, query: str, where: str) -> None:
    status, body = http_get(server.url, query)
    assert status == 400
    message = body.decode()
    assert message.startswith(f"SPARQL syntax error at {where}: ") and message.count("\n") == 1


@pytest.mark.parametrize(("query", "added"), [
    ("SELECT ?c WHERE { ?c a lg:Role }", ["lg"]),
    ("prefix LG: <urn:x#> SELECT ?c WHERE { ?c a LG:Role ; skos:prefLabel ?l }", ["skos"]),
    ("PREFIX lg: <urn:x#> SELECT ?c WHERE { ?c a lg:Role }", []),
    ('SELECT ?c WHERE { ?c rdfs:label "lg:Role" } # skos:no <owl:no>', ["rdfs"]),
    ("SELECT ?c WHERE { ?c a ex:Role }", []),
    ("BASE <urn:b/> SELECT ?c WHERE { ?c a <Role> ; a lgc:x ; a lgs:y }", ["lgc", "lgs"]),
])
def test_only_the_prefixes_a_query_uses_and_lacks_are_declared(query: str, added: list[str]) -> None:
    declared = with_missing_prefixes(query)
    assert declared.endswith(query) and "\n" not in declared.removesuffix(query)
    assert declared.removesuffix(query) == "".join(f"PREFIX {prefix}: <{PREFIXES[prefix]}> " for prefix in added)


# --- the files the front serves ------------------------------------------------------------------------

def _raw(url: str, target: str, method: str = "GET") -> http.client.HTTPResponse:
    """A request sent with its target exactly as written (no normalising of ``..``)."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=30)
    connection.request(method, target)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_the_page_is_ours_with_its_policy_and_no_cache(server: Server) -> None:
    response = _raw(server.url, "/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Security-Policy") == CONTENT_SECURITY_POLICY
    assert response.getheader("Cache-Control") == "no-cache"
    assert b"<title>leadgraph: SPARQL query page</title>" in response.body


@pytest.mark.parametrize(("name", "content_type"), [
    ("query.js", "text/javascript; charset=utf-8"), ("query.css", "text/css; charset=utf-8"),
    ("yasgui.min.js", "text/javascript; charset=utf-8"), ("yasgui.min.css", "text/css; charset=utf-8"),
])
def test_each_static_file_has_its_type_and_is_cached_under_its_version(server: Server, name: str,
                                                                       content_type: str) -> None:
    page = _raw(server.url, "/").body.decode()
    versioned = next(part.split('"')[0] for part in page.split(f"/static/{name}?v=")[1:2])
    response = _raw(server.url, f"/static/{name}?v={versioned}")
    assert response.status == 200 and response.getheader("Content-Type") == content_type
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    unversioned = _raw(server.url, f"/static/{name}")
    assert unversioned.body == response.body and unversioned.getheader("Cache-Control") == "no-cache"
    head = _raw(server.url, f"/static/{name}", "HEAD")
    assert head.status == 200 and head.body == b"" and head.getheader("Content-Length") == str(len(response.body))


@pytest.mark.parametrize("target", [
    "/static/../page.py", "/static/%2e%2e/serve.py", "/static/..%2fpage.py", "/static/vendor/yasgui.json",
    "/static/yasgui.json", "/static/", "/static/query.js/", "/static//etc/passwd", "/static/nothing.js",
])
def test_the_static_route_serves_its_fixed_files_only(server: Server, target: str) -> None:
    response = _raw(server.url, target)
    assert response.status == 404
    assert response.body.decode().startswith("no such file on this server: ")


def test_a_page_with_hostile_saved_queries_stays_inert(tmp_path: Path) -> None:
    name = 'x"><script>alert(1)<!--'
    (tmp_path / f"{name}.rq").write_text("# Question: <img src=x onerror=alert(1)> & </script>\n"
                                         "SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    html = QueryPage(tmp_path, vendor_dir=tmp_path / "no-vendor").html.decode()
    assert "<img" not in html and "<!--" not in html
    assert html.count("<script") == html.count("</script>") == 2  # the data block and query.js
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/script&gt;" in html
    assert 'data-example="x&#34;&gt;&lt;script&gt;alert(1)&lt;!--"' in html
    config = html.split('<script type="application/json" id="leadgraph-config">')[1].split("</script>")[0]
    example = json.loads(config)["examples"][0]
    assert (example["name"], example["title"]) == (name, "<img src=x onerror=alert(1)> & </script>")
