/* leadgraph's query page: the YASGUI editor set up for this server alone, the project's saved queries
   as examples, and a plain form of our own when the editor is not installed.

   Every request goes to this page's own origin. The editor's remote defaults are switched off here:
   class and property completion (which asks lov.linkeddata.es), the CORS proxy, short links, the
   example endpoints of its endpoint list, and persistence (tabs kept in localStorage would carry one
   project's queries into another project served later on the same port). The page's
   Content-Security-Policy refuses any other connection anyway. */
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("leadgraph-config").textContent);
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const examples = new Map(config.examples.map((example) => [example.name, example]));
  const prefixLines = Object.entries(config.prefixes).map(([prefix, iri]) => prefix + ": <" + iri + ">");

  /* The editor: one tab with the starter query, and a tab per saved query opened from the list. */
  function startEditor(Yasgui) {
    Yasgui.Yasqe.forkAutocompleter("prefixes", {
      name: "leadgraphPrefixes",
      persistenceId: null,
      get: () => Promise.resolve(prefixLines),
    }, false);
    // Set on the defaults, not passed in the configuration: YASGUI merges a list given there into the
    // default list item by item, which would keep the class and property completers.
    Yasgui.defaults.yasqe.autocompleters = ["leadgraphPrefixes", "variables"];
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      persistenceId: null,
      populateFromUrl: false,
      corsProxy: undefined,
      copyEndpointOnNewTab: true,
      tabName: "Query",
      endpointCatalogueOptions: Object.assign({}, Yasgui.defaults.endpointCatalogueOptions, {
        getData: () => [{ endpoint: endpoint }],
      }),
      requestConfig: { endpoint: endpoint, method: "POST" },
      yasqe: {
        value: config.starter,
        editorHeight: "26rem",
        persistenceId: null,
        prefixCcApi: null,
        createShortLink: undefined,
      },
      yasr: { persistenceId: null, prefixes: config.prefixes },
    });
    window.leadgraphYasgui = yasgui;
    return (example) => yasgui.addTab(true, { name: example.name, yasqe: { value: example.query } },
                                      { avoidDuplicateTabs: true });
  }

  /* The plain form: a text area, and the answer as a table (or Turtle, or yes/no). */
  function startPlainForm() {
    const form = document.getElementById("plain-form");
    const text = document.getElementById("plain-query");
    const status = document.getElementById("plain-status");
    const results = document.getElementById("plain-results");
    text.value = config.starter;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      status.textContent = "Running...";
      results.replaceChildren();
      runPlainQuery(text.value).then((shown) => {
        results.append(shown.element);
        status.textContent = shown.summary;
      }, (error) => {
        status.textContent = error.message;
      });
    });
    return (example) => {
      text.value = example.query;
      text.focus();
    };
  }

  async function runPlainQuery(query) {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query: query }).toString(),
    });
    const body = await response.text();
    if (!response.ok) {
      throw new Error(response.status + ": " + body.trim().split("\n")[0]);
    }
    if (!(response.headers.get("Content-Type") || "").includes("json")) {
      const pre = document.createElement("pre");
      pre.textContent = body;
      return { element: pre, summary: "Turtle" };
    }
    const answer = JSON.parse(body);
    if (typeof answer.boolean === "boolean") {
      const line = document.createElement("p");
      line.textContent = answer.boolean ? "yes" : "no";
      return { element: line, summary: "ASK" };
    }
    return { element: resultTable(answer), summary: answer.results.bindings.length + " rows" };
  }

  function shorten(term) {
    if (term.type !== "uri") {
      return term.value;
    }
    for (const [prefix, iri] of Object.entries(config.prefixes)) {
      if (term.value.startsWith(iri)) {
        return prefix + ":" + term.value.slice(iri.length);
      }
    }
    return "<" + term.value + ">";
  }

  function resultTable(answer) {
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const name of answer.head.vars) {
      const cell = document.createElement("th");
      cell.textContent = "?" + name;
      head.append(cell);
    }
    const rows = table.createTBody();
    for (const binding of answer.results.bindings) {
      const row = rows.insertRow();
      for (const name of answer.head.vars) {
        row.insertCell().textContent = binding[name] ? shorten(binding[name]) : "";
      }
    }
    return table;
  }

  document.getElementById("endpoint").textContent = endpoint;
  const open = config.editor && window.Yasgui ? startEditor(window.Yasgui) : startPlainForm();
  for (const button of document.querySelectorAll("[data-example]")) {
    button.addEventListener("click", () => open(examples.get(button.dataset.example)));
  }
})();
