/* cyberkg viz: search, filters, legend and tooltips around a vis-network drawing.
 * Every text shown comes from the JSON data block and is put in the page with textContent:
 * nothing here parses text as HTML. */
(function () {
  "use strict";

  var raw = JSON.parse(document.getElementById("cyberkg-data").textContent);
  var page = raw.page;
  var ui = page.ui;
  var collator = new Intl.Collator(page.lang, { sensitivity: "base", numeric: true });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* A name as compared by the search: case, accents, punctuation and spacing ignored. */
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}+]+/gu, " ").trim();
  }

  function nodeTip(tip) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", tip.label));
    box.appendChild(el("div", "tip-kind", tip.kind));
    if (tip.unresolved) { box.appendChild(el("div", "tip-warn", ui.unresolved)); }
    if (tip.facts.length) {
      var list = el("dl");
      tip.facts.forEach(function (fact) {
        list.appendChild(el("dt", null, fact[0]));
        list.appendChild(el("dd", null, fact[1]));
      });
      box.appendChild(list);
    }
    if (tip.sources.length) {
      box.appendChild(el("div", "tip-kind", ui.sources));
      var sources = el("ul");
      tip.sources.forEach(function (source) { sources.appendChild(el("li", null, source)); });
      box.appendChild(sources);
    }
    box.appendChild(el("div", "tip-iri", tip.iri));
    return box;
  }

  function edgeTip(tip) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", tip.label));
    box.appendChild(el("div", "tip-kind", tip.ends[0] + " → " + tip.ends[1]));
    if (tip.evidence.length) {
      box.appendChild(el("div", "tip-kind", ui.sources));
      var list = el("ul");
      tip.evidence.slice(0, 8).forEach(function (item) {
        var where = item[1] ? item[0] + " (" + ui.line + " " + item[1] + ")" : item[0];
        var entry = el("li", null, where);
        if (item[2]) { entry.appendChild(el("div", null, "« " + item[2] + " »")); }
        list.appendChild(entry);
      });
      box.appendChild(list);
    }
    return box;
  }

  var byId = new Map();
  raw.nodes.forEach(function (node) {
    node.title = nodeTip(node.tip);
    node.iri = node.tip.iri;
    node.folded = node.names.map(fold);
    delete node.tip;
    byId.set(node.id, node);
  });
  raw.edges.forEach(function (edge, index) {
    edge.id = index;
    edge.title = edgeTip(edge.tip);
    delete edge.tip;
  });

  /* ---- what is shown ---- */
  var active = {};            // kind -> id of the chosen project, country, convention, region
  var hiddenKinds = new Set();
  var years = { from: null, to: null };
  var shown = new Set();

  function passes(node) {
    if (hiddenKinds.has(node.kind)) { return false; }
    for (var kind in active) {
      if (active[kind] === null) { continue; }
      var members = node.m[kind];
      if (!members || members.indexOf(active[kind]) < 0) { return false; }
    }
    if (years.from !== null && node.y1 !== null && node.y1 < years.from) { return false; }
    if (years.to !== null && node.y0 !== null && node.y0 > years.to) { return false; }
    return true;
  }

  function recompute() {
    shown = new Set();
    raw.nodes.forEach(function (node) { if (passes(node)) { shown.add(node.id); } });
  }
  recompute();

  var nodes = new vis.DataSet(raw.nodes);
  var edges = new vis.DataSet(raw.edges);
  var nodeView = new vis.DataView(nodes, {
    filter: function (node) { return shown.has(node.id); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) { return shown.has(edge.from) && shown.has(edge.to); }
  });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, page.options);

  var status = document.getElementById("status");
  function drawn() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }
  function showCounts() {
    var counts = drawn();
    status.textContent = format(ui.shown, { nodes: counts.nodes, total: raw.nodes.length,
                                            edges: counts.edges });
  }

  function apply() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    network.fit({ animation: false });  // frame what the filters left
    showCounts();
  }

  /* ---- filters ---- */
  var selects = {};
  var filterBox = document.getElementById("filter-selects");
  page.filters.forEach(function (filter) {
    var label = el("label", null, filter.name);
    var select = el("select");
    select.dataset.kind = filter.kind;
    select.appendChild(el("option", null, ui.all)).value = "";
    filter.options.slice().sort(function (a, b) { return collator.compare(a[1], b[1]); })
      .forEach(function (option) {
        select.appendChild(el("option", null, option[1])).value = String(option[0]);
      });
    select.addEventListener("change", function () {
      active[filter.kind] = select.value === "" ? null : Number(select.value);
      apply();
    });
    label.appendChild(select);
    filterBox.appendChild(label);
    selects[filter.kind] = select;
    active[filter.kind] = null;
  });

  var yearBox = document.getElementById("years");
  var yearFrom = document.getElementById("year-from");
  var yearTo = document.getElementById("year-to");
  if (page.years) {
    yearBox.hidden = false;
    [yearFrom, yearTo].forEach(function (input) {
      input.min = page.years[0];
      input.max = page.years[1];
      input.addEventListener("change", function () {
        setYears(yearFrom.value === "" ? null : Number(yearFrom.value),
                 yearTo.value === "" ? null : Number(yearTo.value));
      });
    });
    yearFrom.placeholder = page.years[0];
    yearTo.placeholder = page.years[1];
  }

  function setFilter(kind, id) {
    if (!(kind in selects)) { return false; }
    selects[kind].value = id === null ? "" : String(id);
    active[kind] = id;
    apply();
    return true;
  }

  function setYears(from, to) {
    years.from = from;
    years.to = to;
    yearFrom.value = from === null ? "" : String(from);
    yearTo.value = to === null ? "" : String(to);
    apply();
  }

  function reset() {
    Object.keys(active).forEach(function (kind) { active[kind] = null; selects[kind].value = ""; });
    hiddenKinds.clear();
    document.querySelectorAll("#legend-items input").forEach(function (box) {
      box.checked = true;
    });
    years.from = years.to = null;
    yearFrom.value = yearTo.value = "";
    apply();
  }
  document.getElementById("reset").addEventListener("click", reset);

  /* ---- legend (a checkbox per class shows or hides it) ---- */
  var SVG = "http://www.w3.org/2000/svg";
  function glyph(shape, colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    var points = {
      diamond: "8,1 15,8 8,15 1,8", triangle: "8,1 15,14 1,14", triangleDown: "1,2 15,2 8,15",
      star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"
    };
    var shapeNode;
    if (shape === "square") {
      shapeNode = document.createElementNS(SVG, "rect");
      shapeNode.setAttribute("x", "2"); shapeNode.setAttribute("y", "2");
      shapeNode.setAttribute("width", "12"); shapeNode.setAttribute("height", "12");
    } else if (points[shape]) {
      shapeNode = document.createElementNS(SVG, "polygon");
      shapeNode.setAttribute("points", points[shape]);
    } else {
      shapeNode = document.createElementNS(SVG, "circle");
      shapeNode.setAttribute("cx", "8"); shapeNode.setAttribute("cy", "8");
      shapeNode.setAttribute("r", "6");
    }
    shapeNode.setAttribute("fill", colour);
    shapeNode.setAttribute("stroke", "#333333");
    svg.appendChild(shapeNode);
    return svg;
  }
  var legend = document.getElementById("legend-items");
  page.legend.forEach(function (entry) {
    var item = el("li");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("aria-label", entry.name);
    box.addEventListener("change", function () {
      if (box.checked) { hiddenKinds.delete(entry.kind); } else { hiddenKinds.add(entry.kind); }
      apply();
    });
    item.appendChild(box);
    item.appendChild(glyph(entry.shape, entry.colour));
    item.appendChild(el("span", null, entry.name));
    item.appendChild(el("span", "count", entry.count));
    legend.appendChild(item);
  });
  var notes = document.getElementById("notes");
  page.notes.forEach(function (note) { notes.appendChild(el("p", null, note)); });

  /* ---- search ---- */
  var datalist = document.getElementById("search-names");
  var seen = new Set();
  raw.nodes.forEach(function (node) {
    node.names.forEach(function (name) {
      if (!seen.has(name)) { seen.add(name); datalist.appendChild(el("option")).value = name; }
    });
  });

  function find(query) {
    var wanted = fold(query);
    if (!wanted) { return null; }
    var best = null;
    var bestRank = 4;
    raw.nodes.forEach(function (node) {
      var rank = 4;
      node.folded.forEach(function (name) {
        if (name === wanted) { rank = Math.min(rank, 0); }
        else if (name.indexOf(wanted) === 0) { rank = Math.min(rank, 1); }
        else if (name.indexOf(wanted) > 0) { rank = Math.min(rank, 2); }
      });
      if (rank < bestRank || (rank === bestRank && rank < 4 && node.size > best.size)) {
        best = node;
        bestRank = rank;
      }
    });
    return best;
  }

  function search(query) {
    var node = find(query);
    if (!node) {
      status.textContent = format(ui.not_found, { query: query });
      network.unselectAll();
      return null;
    }
    if (!shown.has(node.id)) { reset(); }
    status.textContent = node.label;
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    return node.id;
  }

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("search-input").value);
  });

  window.cyberkg = {
    network: network, nodes: nodes, edges: edges, search: search, find: find,
    setFilter: setFilter, setYears: setYears, reset: reset, drawn: drawn,
    hideKind: function (kind, hidden) {
      if (hidden) { hiddenKinds.add(kind); } else { hiddenKinds.delete(kind); }
      apply();
    }
  };
  network.once("afterDrawing", function () {
    network.fit({ animation: false });
    showCounts();
    window.cyberkgReady = true;
    document.body.setAttribute("data-ready", "true");
  });
  network.fit({ animation: false });
}());
