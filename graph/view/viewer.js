// leadgraph view: search, filters, neighbourhood highlight and the details panel.
// Every text from the data reaches the page through textContent or an attribute value, never as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);
  const state = { network: network, nodes: nodes, edges: edges, data: data, firstDrawMs: null, selected: null };
  window.leadgraph = state;

  network.once("afterDrawing", function () {
    state.firstDrawMs = performance.now();
    document.body.dataset.drawn = "true";
  });

  // --- helpers ------------------------------------------------------------------------------------
  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function swatch(colour) {
    const box = el("span", null, "swatch");
    box.style.backgroundColor = colour;
    return box;
  }

  function lineSample(type) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "10");
    svg.setAttribute("class", "line-sample");
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "33"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", type.color);
    line.setAttribute("stroke-width", String(Math.max(1.5, type.width)));
    if (Array.isArray(type.dashes)) line.setAttribute("stroke-dasharray", type.dashes.join(" "));
    svg.appendChild(line);
    return svg;
  }

  const relationsByConcept = {};
  Object.keys(data.relations).forEach(function (edgeId) {
    const relation = data.relations[edgeId];
    [relation.subject, relation.object].forEach(function (concept) {
      (relationsByConcept[concept] = relationsByConcept[concept] || []).push(edgeId);
    });
  });

  // --- details panel ------------------------------------------------------------------------------
  const panel = document.getElementById("panel-body");

  function conceptButton(id) {
    const button = el("button", data.concepts[id].label, "concept-link");
    button.type = "button";
    button.addEventListener("click", function () { focusConcept(id); });
    return button;
  }

  function evidenceList(relation) {
    const list = el("div", null, "evidence");
    relation.evidence.forEach(function (item) {
      const figure = el("figure");
      figure.appendChild(el("blockquote", item.quote.replace(/\s+/g, " ")));
      const caption = el("figcaption");
      const url = safeUrl(item.url);
      if (url) {
        const link = el("a", item.document_title);
        link.href = url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        caption.appendChild(link);
      } else {
        caption.appendChild(el("span", item.document_title));
      }
      caption.appendChild(el("span", ", characters " + item.start + "\u2013" + item.end));
      if (item.context) caption.appendChild(el("span", " (" + item.context + ")", "context"));
      figure.appendChild(caption);
      list.appendChild(figure);
    });
    return list;
  }

  function relationHeading(relation, tag) {
    const heading = el(tag, null, "relation");
    heading.appendChild(conceptButton(relation.subject));
    heading.appendChild(el("span", " " + relation.type + " ", "relation-type"));
    heading.appendChild(conceptButton(relation.object));
    return heading;
  }

  function showConcept(id) {
    const concept = data.concepts[id];
    panel.replaceChildren();
    panel.appendChild(el("h2", concept.label, "concept-title"));
    const classLine = el("p", null, "class-line");
    const colour = (data.classes.find(function (c) { return c.label === concept.class; }) || {}).colour;
    classLine.appendChild(swatch(colour || "#999"));
    classLine.appendChild(el("span", concept.class));
    panel.appendChild(classLine);
    if (concept.synonyms.length) panel.appendChild(el("p", "Also called: " + concept.synonyms.join(", "), "synonyms"));
    panel.appendChild(el("p", concept.definition, "definition"));
    const figures = el("table", null, "figures");
    const m = concept.measures;
    [["degree", m.degree + " (in " + m.in_degree + ", out " + m.out_degree + ")"],
     ["betweenness", m.betweenness], ["closeness", m.closeness], ["PageRank", m.pagerank],
     ["eigenvector", m.eigenvector], ["k-core", m.core_number], ["community", concept.community]
    ].forEach(function (row) {
      const tr = el("tr");
      tr.appendChild(el("th", row[0]));
      tr.appendChild(el("td", row[1]));
      figures.appendChild(tr);
    });
    panel.appendChild(figures);
    const ids = relationsByConcept[id] || [];
    panel.appendChild(el("h3", ids.length + " relation" + (ids.length === 1 ? "" : "s")));
    ids.forEach(function (edgeId) {
      const relation = data.relations[edgeId];
      const item = el("section", null, "relation-item");
      item.appendChild(relationHeading(relation, "h4"));
      item.appendChild(evidenceList(relation));
      panel.appendChild(item);
    });
  }

  function showRelation(edgeId) {
    const relation = data.relations[edgeId];
    if (!relation) return;
    panel.replaceChildren();
    panel.appendChild(relationHeading(relation, "h2"));
    const count = relation.evidence.length;
    panel.appendChild(el("p", count + " passage" + (count === 1 ? " states" : "s state") + " this relation.", "hint"));
    panel.appendChild(evidenceList(relation));
  }

  // --- neighbourhood highlight --------------------------------------------------------------------
  const highlight = document.getElementById("highlight");

  function clearHighlight() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1, font: { color: "#222222" } }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: { opacity: 1 } }; }));
  }

  function highlightAround(id) {
    if (!highlight.checked) return;
    const near = new Set(network.getConnectedNodes(id));
    near.add(id);
    const incident = new Set(network.getConnectedEdges(id));
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: near.has(n.id) ? 1 : 0.15, font: { color: near.has(n.id) ? "#222222" : "#dddddd" } };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: { opacity: incident.has(e.id) ? 1 : 0.08 } };
    }));
  }

  highlight.addEventListener("change", function () {
    if (highlight.checked && state.selected) highlightAround(state.selected); else clearHighlight();
  });

  // --- selection ------------------------------------------------------------------------------------
  function focusConcept(id) {
    state.selected = id;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    showConcept(id);
    highlightAround(id);
  }
  state.focusConcept = focusConcept;

  network.on("click", function (params) {
    if (params.nodes.length) {
      state.selected = params.nodes[0];
      showConcept(params.nodes[0]);
      highlightAround(params.nodes[0]);
    } else if (params.edges.length) {
      showRelation(params.edges[0]);
    } else if (state.selected) {
      state.selected = null;
      clearHighlight();
    }
  });

  // --- search ---------------------------------------------------------------------------------------
  const names = [];
  Object.keys(data.concepts).forEach(function (id) {
    const concept = data.concepts[id];
    names.push([concept.label, id, 0]);
    concept.synonyms.forEach(function (s) { names.push([s, id, 1]); });
    concept.forms.forEach(function (f) { names.push([f, id, 2]); });
  });
  const datalist = document.getElementById("concept-names");
  names.filter(function (n) { return n[2] < 2; }).forEach(function (n) {
    const option = document.createElement("option");
    option.value = n[0];
    datalist.appendChild(option);
  });

  function findConcept(query) {
    const wanted = query.trim().replace(/\s+/g, " ").toLowerCase();
    if (!wanted) return null;
    const tests = [
      function (name) { return name === wanted; },
      function (name) { return name.startsWith(wanted); },
      function (name) { return name.indexOf(wanted) !== -1; },
    ];
    for (const test of tests) {
      const hits = names.filter(function (n) { return test(n[0].toLowerCase()); });
      if (hits.length) {
        hits.sort(function (a, b) { return a[2] - b[2] || a[0].length - b[0].length; });
        return hits[0][1];
      }
    }
    return null;
  }
  state.findConcept = findConcept;

  const status = document.getElementById("status");
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    const query = document.getElementById("search").value;
    const id = findConcept(query);
    if (!id) {
      status.textContent = "No concept is called \u201c" + query + "\u201d.";
      return;
    }
    if (nodes.get(id).hidden) {
      status.textContent = data.concepts[id].label + " is hidden by a filter.";
      return;
    }
    status.textContent = "";
    focusConcept(id);
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });

  // --- filters and legend ---------------------------------------------------------------------------
  const shown = { classes: {}, types: {}, documents: {} };

  function filterRow(container, kind, key, label, count, marker) {
    shown[kind][key] = true;
    const row = el("label", null, "filter");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.kind = kind;
    box.dataset.key = key;
    box.addEventListener("change", function () { shown[kind][key] = box.checked; applyFilters(); });
    row.appendChild(box);
    if (marker) row.appendChild(marker);
    row.appendChild(el("span", label));
    if (count !== null) row.appendChild(el("span", " " + count, "count"));
    container.appendChild(row);
  }

  data.classes.forEach(function (c) {
    filterRow(document.getElementById("class-filters"), "classes", c.label, c.label, c.count, swatch(c.colour));
  });
  data.types.forEach(function (t) {
    filterRow(document.getElementById("type-filters"), "types", t.label, t.label, t.count, lineSample(t));
  });
  data.documents.forEach(function (d) {
    filterRow(document.getElementById("document-filters"), "documents", d.id, d.title, null, null);
  });
  document.getElementById("size-measure").textContent = data.sizeMeasure;

  function applyFilters() {
    const hiddenNodes = new Set();
    nodes.update(data.nodes.map(function (n) {
      const hidden = !shown.classes[data.concepts[n.id].class];
      if (hidden) hiddenNodes.add(n.id);
      return { id: n.id, hidden: hidden };
    }));
    edges.update(data.edges.map(function (e) {
      const relation = data.relations[e.id];
      const fromShownDocument = relation.evidence.some(function (item) { return shown.documents[item.document]; });
      const hidden = !shown.types[relation.type] || !fromShownDocument ||
        hiddenNodes.has(relation.subject) || hiddenNodes.has(relation.object);
      return { id: e.id, hidden: hidden };
    }));
  }
  state.applyFilters = applyFilters;
})();
