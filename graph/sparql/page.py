"""The query page of ``leadgraph serve``: our own page around the YASGUI editor, and the few files it loads.

The page at ``/`` is rendered once, when the server starts, from ``query.html.j2`` (autoescaped): the
endpoint, the project's prefixes, and the saved queries (``ontology/queries/*.rq``) offered as examples,
each titled by the question its first line states. Under ``/static/`` the server answers a fixed set of
files only, read into memory at start: our ``query.js`` and ``query.css``, and the editor, YASGUI,
which ``make yasgui`` fetches from the npm registry into ``static/vendor/`` (it is never committed).
Any other path there is a 404, so no request can read another file.

Without the editor (an install that skipped ``make yasgui``) the page says so in one line and offers a
plain form of our own that runs queries and shows their rows.

The page allows scripts and style sheets from its own origin only and connections to it only
(:data:`CONTENT_SECURITY_POLICY`): even a query that names another endpoint cannot make the browser
send anything elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.namespace import PREFIXES
from graph.sparql.saved import saved_queries

__all__ = ["CONTENT_SECURITY_POLICY", "EDITOR_HELP", "QueryPage", "StaticFile", "starter_query"]

_HERE = Path(__file__).resolve().parent
STATIC_DIR = _HERE / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
OUR_FILES = ("query.js", "query.css")
EDITOR_FILES = ("yasgui.min.js", "yasgui.min.css")
EDITOR_RECORD = "yasgui.json"

CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

EDITOR_STYLE_HASH = "'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='"
"""The one inline style sheet the editor adds (its table's column resizer, YASGUI 4.6.2), allowed by hash;
the browser test fails on any refused style or script, so a new version with other inline styles shows."""

CONTENT_SECURITY_POLICY = (f"default-src 'self'; script-src 'self'; style-src 'self' {EDITOR_STYLE_HASH}; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
"""Everything from this origin only; no inline script (the page's data is a JSON block) and no inline style
but the editor's one, by hash."""

EDITOR_HELP = ("The YASGUI editor is not installed, so this is leadgraph's plain query form: run make yasgui "
               "in leadgraph's source folder (or python scripts/fetch_yasgui.py), then restart leadgraph serve.")
"""The one line the page shows when the editor's files are missing."""

CACHE_FOREVER = "public, max-age=31536000, immutable"
"""For a static file asked for by its current version (``?v=``), which never changes under that address."""


@dataclass(frozen=True)
class StaticFile:
    """A file served under ``/static/``: its bytes, content type, and a version from its content."""

    content: bytes
    content_type: str

    @property
    def version(self) -> str:
        """The first 16 hex digits of the content's SHA-256, added to the file's address as ``?v=``."""
        return hashlib.sha256(self.content).hexdigest()[:16]


Answer = tuple[int, list[tuple[str, str]], bytes]
"""An HTTP answer: status, headers, body."""


def starter_query() -> str:
    """The query the editor opens with: every prefix declared, then the roles of the graph.

    >>> starter_query().splitlines()[0]
    'PREFIX lg: <https://w3id.org/leadgraph/vocab#>'
    """
    declarations = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    return (declarations + "\n# The roles in the graph. Each saved query beside this editor opens in a tab.\n"
            "SELECT ?label WHERE { ?c a lg:Role ; skos:prefLabel ?label } ORDER BY ?label\n")


def _json_for_script(data: dict) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives as such.

    >>> _json_for_script({"q": "</script>"})
    '{"q":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _editor_record(vendor_dir: Path) -> dict | None:
    """What ``make yasgui`` installed (package, version, licence), or None when any file is missing."""
    try:
        record = json.loads((vendor_dir / EDITOR_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not all((vendor_dir / name).is_file() for name in EDITOR_FILES):
        return None
    return record


def _static_file(path: Path) -> StaticFile:
    return StaticFile(path.read_bytes(), CONTENT_TYPES[path.suffix])


class QueryPage:
    """The page at ``/`` and the files under ``/static/``, read once; :meth:`answer` serves them."""

    def __init__(self, queries_dir: Path | None = None, vendor_dir: Path = VENDOR_DIR, endpoint: str = "/query"):
        self.editor = _editor_record(vendor_dir)
        self.files = {name: _static_file(STATIC_DIR / name) for name in OUR_FILES}
        if self.editor:
            self.files.update({name: _static_file(vendor_dir / name) for name in EDITOR_FILES})
        examples = [{"name": saved.name, "title": saved.question or saved.name,
                     "query": saved.path.read_text(encoding="utf-8")}
                    for saved in (saved_queries(queries_dir).values() if queries_dir else [])]
        self.html = self._render(examples, endpoint).encode("utf-8")

    def _url(self, name: str) -> str:
        return f"/static/{name}?v={self.files[name].version}"

    def _render(self, examples: list[dict], endpoint: str) -> str:
        environment = Environment(loader=FileSystemLoader(_HERE), autoescape=select_autoescape(["html", "j2"]))
        editor_first = ["yasgui.min.css", "yasgui.min.js"] if self.editor else []
        config = {"endpoint": endpoint, "prefixes": PREFIXES, "starter": starter_query(),
                  "examples": examples, "editor": bool(self.editor)}
        return environment.get_template("query.html.j2").render(
            title="leadgraph: SPARQL query page", endpoint=endpoint, prefixes=list(PREFIXES),
            examples=examples, editor=self.editor, editor_help=EDITOR_HELP, config_json=_json_for_script(config),
            style_sheets=[self._url(name) for name in [*editor_first[:1], "query.css"]],
            scripts=[self._url(name) for name in [*editor_first[1:], "query.js"]])

    def answer(self, target: str) -> Answer | None:
        """The answer to a GET or HEAD of ``target`` (a path with its query string), or None for a path the
        page does not own (the SPARQL endpoint's, forwarded to Oxigraph)."""
        parts = urllib.parse.urlsplit(target)
        security = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]
        if parts.path in ("/", "/index.html"):
            return 200, [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache"),
                         ("Content-Security-Policy", CONTENT_SECURITY_POLICY), *security], self.html
        if not parts.path.startswith("/static/"):
            return None
        found = self.files.get(parts.path.removeprefix("/static/"))
        if found is None:
            return 404, [("Content-Type", "text/plain; charset=utf-8"), *security], \
                f"no such file on this server: {parts.path}\n".encode()
        current = urllib.parse.parse_qs(parts.query).get("v") == [found.version]
        return 200, [("Content-Type", found.content_type),
                     ("Cache-Control", CACHE_FOREVER if current else "no-cache"), *security], found.content
