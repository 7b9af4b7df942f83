// leadgraph view: search, filters, focus, paths, the source-text reader and the details panel.
// Every text from the data reaches the page through textContent, text nodes or an attribute value,
// never as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const state = { network: network, nodes: nodes, edges: edges, data: data, firstDrawMs: null, selected: null,
                  hops: 1, focus: null, labelBoxes: [] };
  window.leadgraph = state;

  // Each edge's own style, restored in full on every update: an update that gives vis-network a colour
  // object without "color" makes it fall back to inheriting the colour of the start concept.
  const edgeColour = {};
  data.edges.forEach(function (e) { edgeColour[e.id] = e.color; });

  // --- helpers ------------------------------------------------------------------------------------
  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function button(text, className, onClick) {
    const b = el("button", text, className);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
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

  // Undirected adjacency: concept -> [[neighbour, edge id], ...].
  const adjacency = {};
  Object.keys(data.concepts).forEach(function (id) { adjacency[id] = []; });
  Object.keys(data.relations).forEach(function (edgeId) {
    const r = data.relations[edgeId];
    adjacency[r.subject].push([r.object, edgeId]);
    adjacency[r.object].push([r.subject, edgeId]);
  });

  // What the filters hide, kept here: DataSet.get copies an item, too slow to call per concept per draw.
  const hidden = { nodes: new Set(), edges: new Set() };
  function isHiddenNode(id) { return hidden.nodes.has(id) || !(id in data.concepts); }
  function isHiddenEdge(id) { return hidden.edges.has(id) || !(id in data.relations); }

  // --- labels: drawn by the page, sized by importance, never overlapping ---------------------------
  const byImportance = Object.keys(data.concepts).sort(function (a, b) {
    return data.concepts[b].importance - data.concepts[a].importance || (a < b ? -1 : a > b ? 1 : 0);
  });
  const nodeSize = {};
  data.nodes.forEach(function (n) { nodeSize[n.id] = n.size || 10; });
  const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";

  function labelPx(id) { return Math.round(11 + 8 * data.concepts[id].importance); }

  network.on("afterDrawing", function (ctx) {
    const scale = network.getScale();
    const ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    const width = container.clientWidth, height = container.clientHeight;
    const cell = 80, grid = new Map(), boxes = [];
    const focus = state.focus;
    const order = focus ? byImportance.filter(function (id) { return focus.has(id); }) : byImportance;
    if (state.selected && focus) order.unshift(state.selected);
    const seen = new Set();
    const positions = network.getPositions(order);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (const id of order) {
      if (seen.has(id) || !positions[id] || isHiddenNode(id)) continue;
      seen.add(id);
      const chosen = focus !== null || id === state.selected;
      // Small concepts keep their label until one zooms in far enough for it to be worth reading.
      if (!chosen && nodeSize[id] * scale < 4.5) continue;
      const p = network.canvasToDOM(positions[id]);
      const px = labelPx(id);
      ctx.font = (px >= 15 ? "600 " : "") + px + "px " + FONT;
      const text = data.concepts[id].label;
      const w = ctx.measureText(text).width + 4, h = px * 1.25;
      const box = { id: id, x: p.x - w / 2, y: p.y + nodeSize[id] * scale + 2, w: w, h: h, px: px };
      if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) continue;
      const x0 = Math.floor(box.x / cell), x1 = Math.floor((box.x + w) / cell);
      const y0 = Math.floor(box.y / cell), y1 = Math.floor((box.y + h) / cell);
      let free = true;
      for (let gx = x0; gx <= x1 && free; gx++) {
        for (let gy = y0; gy <= y1 && free; gy++) {
          for (const other of grid.get(gx + "," + gy) || []) {
            if (box.x < other.x + other.w && other.x < box.x + w && box.y < other.y + other.h && other.y < box.y + h) {
              free = false;
              break;
            }
          }
        }
      }
      if (!free) continue;
      for (let gx = x0; gx <= x1; gx++) {
        for (let gy = y0; gy <= y1; gy++) {
          const key = gx + "," + gy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(box);
        }
      }
      boxes.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, p.x, box.y + 1);
      ctx.fillStyle = "#222";
      ctx.fillText(text, p.x, box.y + 1);
    }
    ctx.restore();
    state.labelBoxes = boxes;
  });

  network.once("afterDrawing", function () {
    state.firstDrawMs = performance.now();
    document.body.dataset.drawn = "true";
  });

  // --- dimming: everything but a set of concepts and relations --------------------------------------
  function clearHighlight() {
    state.focus = null;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1 }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: Object.assign({}, edgeColour[e.id], { opacity: 1 }) };
    }));
  }

  function dimAllBut(keepNodes, keepEdges) {
    state.focus = keepNodes;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: keepNodes.has(n.id) ? 1 : 0.15 }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: Object.assign({}, edgeColour[e.id], { opacity: keepEdges.has(e.id) ? 1 : 0.08 }) };
    }));
  }
  state.clearHighlight = clearHighlight;

  // Concepts within ``hops`` relations of ``id`` (through visible relations), and those relations.
  function neighbourhood(id, hops) {
    const near = new Set([id]), incident = new Set();
    let frontier = [id];
    for (let step = 0; step < hops; step++) {
      const next = [];
      frontier.forEach(function (concept) {
        adjacency[concept].forEach(function (pair) {
          if (isHiddenEdge(pair[1])) return;
          incident.add(pair[1]);
          if (!near.has(pair[0])) { near.add(pair[0]); next.push(pair[0]); }
        });
      });
      frontier = next;
    }
    // relations among the concepts found count too
    near.forEach(function (concept) {
      adjacency[concept].forEach(function (pair) { if (near.has(pair[0]) && !isHiddenEdge(pair[1])) incident.add(pair[1]); });
    });
    return { nodes: near, edges: incident };
  }
  state.neighbourhood = neighbourhood;

  const highlight = document.getElementById("highlight");

  function highlightAround(id) {
    if (!highlight.checked) { clearHighlight(); return; }
    const around = neighbourhood(id, state.hops);
    dimAllBut(around.nodes, around.edges);
  }

  highlight.addEventListener("change", function () {
    if (highlight.checked && state.selected) highlightAround(state.selected); else clearHighlight();
  });

  // --- details panel ------------------------------------------------------------------------------
  const panel = document.getElementById("panel-body");

  function conceptButton(id) {
    return button(data.concepts[id].label, "concept-link", function () { focusConcept(id); });
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
      if (item.context) caption.appendChild(el("span", " (" + item.context + ")", "context"));
      if (data.passages[item.passage] && documentById[item.document] && documentById[item.document].segments.length) {
        const show = button("Show in text", "show-in-text", function () { showInText(item.passage); });
        show.dataset.passage = item.passage;
        caption.appendChild(show);
      }
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

  function relationItem(edgeId, tag) {
    const item = el("section", null, "relation-item");
    item.dataset.edge = edgeId;
    item.appendChild(relationHeading(data.relations[edgeId], tag));
    item.appendChild(evidenceList(data.relations[edgeId]));
    return item;
  }

  function hopsControl(id) {
    const row = el("div", null, "hops");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Neighbourhood");
    row.appendChild(el("span", "Neighbourhood:"));
    [1, 2, 3].forEach(function (hops) {
      const label = el("label");
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "hops";
      radio.value = String(hops);
      radio.checked = state.hops === hops;
      radio.addEventListener("change", function () { setHops(hops); });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + hops + (hops === 1 ? " hop" : " hops")));
      row.appendChild(label);
    });
    return row;
  }

  function setHops(hops) {
    state.hops = hops;
    if (state.selected) highlightAround(state.selected);
  }
  state.setHops = setHops;

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
    panel.appendChild(hopsControl(id));
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
    const ids = concept.relations;
    panel.appendChild(el("h3", ids.length + " relation" + (ids.length === 1 ? "" : "s")));
    // grouped by type; within a type, in the order the texts state them (the analysis sorts them so)
    let group = null;
    ids.forEach(function (edgeId) {
      const relation = data.relations[edgeId];
      if (!group || group.type !== relation.type) {
        const count = ids.filter(function (other) { return data.relations[other].type === relation.type; }).length;
        group = el("section", null, "relation-group-items");
        group.type = relation.type;
        group.dataset.type = relation.type;
        group.appendChild(el("h4", relation.type + " (" + count + ")", "relation-group"));
        panel.appendChild(group);
      }
      group.appendChild(relationItem(edgeId, "h5"));
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

  function showHint() {
    panel.replaceChildren(el("p", "Click a concept to see its definition, figures and relations with the passages " +
      "of the texts that state them. Click a relation to see its quotes.", "hint"));
  }

  // --- selection ------------------------------------------------------------------------------------
  function selectConcept(id) {
    state.selected = id;
    network.selectNodes([id]);
    showConcept(id);
    highlightAround(id);
  }

  function focusConcept(id) {
    selectConcept(id);
    network.focus(id, { scale: 1.3, animation: false });
  }
  state.focusConcept = focusConcept;

  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    clearHighlight();
    clearCurrentMarks();
    showHint();
  }
  state.clearSelection = clearSelection;

  network.on("click", function (params) {
    if (params.nodes.length) {
      selectConcept(params.nodes[0]);
    } else if (params.edges.length) {
      showRelation(params.edges[0]);
    } else if (state.selected || state.focus) {
      state.selected = null;
      clearHighlight();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") clearSelection();
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

  // Similarity as Python's difflib ratio approximates it: 1 - edit distance / longer length.
  function similarity(a, b) {
    const row = [];
    for (let j = 0; j <= b.length; j++) row.push(j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const kept = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = kept;
      }
    }
    return 1 - row[b.length] / Math.max(a.length, b.length, 1);
  }

  // The closest names (labels and synonyms) to a query that names no concept, best first.
  function closestNames(query) {
    const wanted = query.trim().replace(/\s+/g, " ").toLowerCase();
    if (!wanted) return [];
    const scored = [];
    names.forEach(function (n) {
      if (n[2] === 2) return;
      const score = similarity(wanted, n[0].toLowerCase());
      if (score >= 0.5) scored.push([score, n[0], n[1]]);
    });
    scored.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    const result = [], ids = new Set();
    scored.forEach(function (s) {
      if (result.length < 5 && !ids.has(s[2])) { ids.add(s[2]); result.push({ name: s[1], id: s[2] }); }
    });
    return result;
  }
  state.closestNames = closestNames;

  const status = document.getElementById("status");
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    const query = document.getElementById("search").value;
    const id = findConcept(query);
    status.replaceChildren();
    if (!id) {
      status.appendChild(document.createTextNode("No concept is called \u201c" + query + "\u201d."));
      const close = closestNames(query);
      if (close.length) {
        status.appendChild(document.createTextNode(" Closest:"));
        close.forEach(function (c) {
          status.appendChild(button(c.name, "suggestion concept-link", function () {
            document.getElementById("search").value = c.name;
            status.replaceChildren();
            revealAndFocus(c.id);
          }));
        });
      }
      return;
    }
    if (isHiddenNode(id)) {
      status.textContent = data.concepts[id].label + " is hidden by a filter.";
      return;
    }
    focusConcept(id);
  });

  function revealAndFocus(id) {
    if (isHiddenNode(id)) { status.textContent = data.concepts[id].label + " is hidden by a filter."; return; }
    focusConcept(id);
  }

  // --- filters, the techniques preset, and fitting what is visible ----------------------------------
  const shown = { classes: {}, types: {}, documents: {} };
  const preset = document.getElementById("preset-techniques");
  const TECHNIQUE = "technique or practice", ROLE = "role", PRACTISED_BY = "practised by";

  function filterRow(containerId, kind, key, label, count, marker) {
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
    document.getElementById(containerId).appendChild(row);
  }

  data.classes.forEach(function (c) { filterRow("class-filters", "classes", c.label, c.label, c.count, swatch(c.colour)); });
  data.types.forEach(function (t) { filterRow("type-filters", "types", t.label, t.label, t.count, lineSample(t)); });
  data.documents.forEach(function (d) { filterRow("document-filters", "documents", d.id, d.title, null, null); });
  document.getElementById("size-measure").textContent = data.sizeMeasure;

  function classOf(id) { return data.concepts[id].class; }

  function edgeAllowed(relation) {
    if (!shown.types[relation.type]) return false;
    if (!relation.evidence.some(function (item) { return shown.documents[item.document]; })) return false;
    if (!shown.classes[classOf(relation.subject)] || !shown.classes[classOf(relation.object)]) return false;
    if (preset.checked) {
      const a = classOf(relation.subject), b = classOf(relation.object);
      return (a === TECHNIQUE && b === TECHNIQUE) || (relation.type === PRACTISED_BY && a === TECHNIQUE && b === ROLE);
    }
    return true;
  }

  // A concept is shown when its class is, and (unless it never had a relation) one of its relations is.
  function applyFilters() {
    const visibleEdges = new Set(), hasVisible = new Set();
    Object.keys(data.relations).forEach(function (edgeId) {
      const relation = data.relations[edgeId];
      if (edgeAllowed(relation)) {
        visibleEdges.add(edgeId);
        hasVisible.add(relation.subject);
        hasVisible.add(relation.object);
      }
    });
    hidden.nodes.clear();
    hidden.edges.clear();
    nodes.update(data.nodes.map(function (n) {
      let visible = shown.classes[classOf(n.id)] && (hasVisible.has(n.id) || adjacency[n.id].length === 0);
      if (preset.checked) visible = hasVisible.has(n.id) || (classOf(n.id) === TECHNIQUE && shown.classes[TECHNIQUE]);
      if (!visible) hidden.nodes.add(n.id);
      return { id: n.id, hidden: !visible };
    }));
    edges.update(data.edges.map(function (e) {
      if (!visibleEdges.has(e.id)) hidden.edges.add(e.id);
      return { id: e.id, hidden: !visibleEdges.has(e.id) };
    }));
    if (state.selected && isHiddenNode(state.selected)) clearSelection();
    else if (state.selected) highlightAround(state.selected);
  }
  state.applyFilters = applyFilters;

  function visibleNodeIds() { return data.nodes.map(function (n) { return n.id; }).filter(function (id) { return !hidden.nodes.has(id); }); }
  state.visibleNodeIds = visibleNodeIds;

  function fitVisible() {
    const ids = visibleNodeIds();
    network.fit({ nodes: ids.length ? ids : undefined, animation: false });
  }
  state.fitVisible = fitVisible;

  preset.addEventListener("change", function () { applyFilters(); fitVisible(); });
  document.getElementById("fit").addEventListener("click", fitVisible);

  // --- paths between two concepts --------------------------------------------------------------------
  // Every shortest chain (up to five), following relations whichever way they read, as `leadgraph path`.
  function shortestPaths(source, target, limit) {
    const distance = {};
    distance[source] = 0;
    let frontier = [source];
    while (frontier.length && distance[target] === undefined) {
      const next = [];
      frontier.forEach(function (concept) {
        adjacency[concept].forEach(function (pair) {
          if (distance[pair[0]] === undefined) { distance[pair[0]] = distance[concept] + 1; next.push(pair[0]); }
        });
      });
      frontier = next;
    }
    if (distance[target] === undefined) return [];
    const chains = [];
    (function walk(chain) {
      const last = chain[chain.length - 1];
      if (last === source) { chains.push(chain.slice().reverse()); return; }
      const before = Array.from(new Set(adjacency[last].map(function (p) { return p[0]; })))
        .filter(function (c) { return distance[c] === distance[last] - 1; }).sort();
      before.forEach(function (c) { if (chains.length < 1000) { chain.push(c); walk(chain); chain.pop(); } });
    })([target]);
    chains.sort(function (a, b) { const x = a.join("\u0000"), y = b.join("\u0000"); return x < y ? -1 : x > y ? 1 : 0; });
    return chains.slice(0, limit);
  }

  function edgesBetween(a, b) {
    return adjacency[a].filter(function (p) { return p[0] === b; }).map(function (p) { return p[1]; })
      .filter(function (v, i, all) { return all.indexOf(v) === i; });
  }

  function findPath(fromName, toName) {
    const from = findConcept(fromName), to = findConcept(toName);
    panel.replaceChildren();
    if (!from || !to) {
      const missing = !from ? fromName : toName;
      panel.appendChild(el("p", "No concept is called \u201c" + missing + "\u201d.", "hint"));
      const close = closestNames(missing);
      if (close.length) panel.appendChild(el("p", "Closest: " + close.map(function (c) { return c.name; }).join(", "), "hint"));
      return [];
    }
    const chains = from === to ? [[from]] : shortestPaths(from, to, 5);
    const title = el("h2", null, "concept-title");
    title.appendChild(el("span", "From "));
    title.appendChild(conceptButton(from));
    title.appendChild(el("span", " to "));
    title.appendChild(conceptButton(to));
    panel.appendChild(title);
    if (!chains.length) {
      panel.appendChild(el("p", "No chain of relations links them.", "hint"));
      return [];
    }
    const hops = chains[0].length - 1;
    panel.appendChild(el("p", chains.length + " shortest chain" + (chains.length === 1 ? "" : "s") + " of " + hops +
      " step" + (hops === 1 ? "" : "s") + ".", "hint"));
    const keepNodes = new Set(), keepEdges = new Set();
    chains.forEach(function (chain) {
      const section = el("section", null, "path");
      section.appendChild(el("p", chain.map(function (c) { return data.concepts[c].label; }).join(" \u2192 "), "path-chain"));
      chain.forEach(function (c) { keepNodes.add(c); });
      for (let i = 0; i + 1 < chain.length; i++) {
        edgesBetween(chain[i], chain[i + 1]).forEach(function (edgeId) {
          keepEdges.add(edgeId);
          section.appendChild(relationItem(edgeId, "h4"));
        });
      }
      panel.appendChild(section);
    });
    state.selected = null;
    network.unselectAll();
    dimAllBut(keepNodes, keepEdges);
    return chains;
  }
  state.findPath = findPath;

  document.getElementById("path-form").addEventListener("submit", function (event) {
    event.preventDefault();
    findPath(document.getElementById("path-from").value, document.getElementById("path-to").value);
  });

  // --- the reader: each source text, every quoted passage marked ------------------------------------
  const reader = document.getElementById("reader");
  const readerText = document.getElementById("reader-text");
  const readerChoice = document.getElementById("reader-document");
  const documentById = {};
  data.documents.forEach(function (d) {
    documentById[d.id] = d;
    if (!d.segments.length) return;
    const option = document.createElement("option");
    option.value = d.id;
    option.textContent = d.title;
    readerChoice.appendChild(option);
  });
  state.readerDocument = null;

  // The text is put on the page piece by piece as text nodes; quoted pieces go inside <mark>.
  function renderDocument(id) {
    if (state.readerDocument === id) return;
    const fragment = document.createDocumentFragment();
    documentById[id].segments.forEach(function (segment) {
      if (segment.length < 2) { fragment.appendChild(document.createTextNode(segment[0])); return; }
      const mark = document.createElement("mark");
      mark.appendChild(document.createTextNode(segment[0]));
      mark.dataset.passages = segment[1];
      if (segment[1].indexOf(" ") !== -1) mark.className = "nested";
      mark.tabIndex = 0;
      fragment.appendChild(mark);
    });
    readerText.replaceChildren(fragment);
    readerText.scrollTop = 0;
    readerChoice.value = id;
    state.readerDocument = id;
  }

  function openReader(id) {
    const opening = reader.hidden;
    reader.hidden = false;
    renderDocument(id || state.readerDocument || readerChoice.value);
    network.setSize("100%", "100%");
    // the drawing area has just narrowed: keep the selected concept in sight
    if (opening && state.selected) network.focus(state.selected, { scale: network.getScale(), animation: false });
    network.redraw();
  }
  state.openReader = openReader;

  function clearCurrentMarks() {
    readerText.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
  }

  function marksOf(passage) {
    return Array.from(readerText.querySelectorAll("mark")).filter(function (m) {
      return m.dataset.passages.split(" ").indexOf(passage) !== -1;
    });
  }

  function showInText(passage) {
    openReader(data.passages[passage].document);
    clearCurrentMarks();
    const marks = marksOf(passage);
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center" });
      marks[0].focus({ preventScroll: true });
    }
    state.readerPassage = passage;
    return marks.length;
  }
  state.showInText = showInText;

  // The relations a marked piece of text grounds: listed in the panel and selected in the graph.
  function showPassages(passages) {
    const edgeIds = [];
    passages.forEach(function (p) {
      data.passages[p].relations.forEach(function (e) { if (edgeIds.indexOf(e) === -1) edgeIds.push(e); });
    });
    clearCurrentMarks();
    passages.forEach(function (p) { marksOf(p).forEach(function (m) { m.classList.add("current"); }); });
    panel.replaceChildren();
    panel.appendChild(el("h2", "This passage states " + edgeIds.length + " relation" + (edgeIds.length === 1 ? "" : "s"),
      "concept-title"));
    edgeIds.forEach(function (edgeId) { panel.appendChild(relationItem(edgeId, "h3")); });
    const keepNodes = new Set(), visible = edgeIds.filter(function (e) { return !isHiddenEdge(e); });
    edgeIds.forEach(function (e) { keepNodes.add(data.relations[e].subject); keepNodes.add(data.relations[e].object); });
    state.selected = null;
    dimAllBut(keepNodes, new Set(edgeIds));
    network.setSelection({ nodes: [], edges: visible }, { unselectAll: true, highlightEdges: false });
    return edgeIds;
  }
  state.showPassages = showPassages;

  function onMark(event) {
    const mark = event.target.closest ? event.target.closest("mark") : null;
    if (mark && readerText.contains(mark)) showPassages(mark.dataset.passages.split(" "));
  }
  readerText.addEventListener("click", onMark);
  readerText.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onMark(event); } });
  readerChoice.addEventListener("change", function () { renderDocument(readerChoice.value); });
  document.getElementById("open-reader").addEventListener("click", function () {
    if (readerChoice.value) openReader(readerChoice.value);
  });
  document.getElementById("reader-close").addEventListener("click", function () { reader.hidden = true; network.redraw(); });
  if (!readerChoice.options.length) document.getElementById("open-reader").hidden = true;

  // --- export what is on screen ---------------------------------------------------------------------
  function exportPng() {
    const source = container.querySelector("canvas");
    const copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(source, 0, 0);
    const link = document.createElement("a");
    link.download = "leadgraph.png";
    link.href = copy.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
    return link.href.length;
  }
  state.exportPng = exportPng;
  document.getElementById("export-png").addEventListener("click", exportPng);

  // The drawing area changes size when the reader opens or closes: keep the graph in view.
  if (window.ResizeObserver) new ResizeObserver(function () { network.redraw(); }).observe(container);
})();
