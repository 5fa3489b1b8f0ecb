"""The page ``cyberkg serve`` shows: pick a named query, edit it, see the results as a table.

Self-contained (no CDN, no external font or script: it works offline) and strict about data: the
script writes every value with ``textContent``, never as HTML, and the Content-Security-Policy
allows no inline script and nothing from another origin.
"""

from __future__ import annotations

import html
from typing import Any

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
       "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def page_html(limits: Any) -> str:
    """The page, with the limits of the server written in it."""
    seconds = html.escape(f"{limits.time_limit:g}")
    rows = html.escape(f"{limits.row_limit:,}")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cyberkg SPARQL endpoint</title>
<link rel="stylesheet" href="app.css">
<script src="app.js" defer></script>
</head>
<body>
<header>
  <h1>cyberkg</h1>
  <p>Questions about the Council of Europe's work against cybercrime. SPARQL 1.1 endpoint:
  <code id="endpoint">/sparql</code> (read-only; at most {rows} rows, {seconds} s per query).</p>
</header>
<main>
  <section class="pick">
    <label for="named">Question</label>
    <select id="named"><option value="">Loading the questions…</option></select>
    <p id="description"></p>
  </section>
  <section class="edit">
    <label for="query">SPARQL</label>
    <textarea id="query" spellcheck="false" rows="16"></textarea>
    <div class="actions">
      <button id="run" type="button">Run</button>
      <span class="hint">Ctrl+Enter runs the query</span>
      <span id="status" role="status"></span>
    </div>
  </section>
  <section class="results">
    <table id="results"><thead></thead><tbody></tbody></table>
  </section>
</main>
</body>
</html>
"""


STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f7f8fa; }
header { background: #0b3d75; color: #fff; padding: 0.6rem 1.2rem; }
header h1 { margin: 0; font-size: 1.3rem; }
header p { margin: 0.2rem 0 0; font-size: 0.9rem; }
header code { background: rgba(255,255,255,0.15); padding: 0 0.3rem; border-radius: 3px; }
main { padding: 1rem 1.2rem; max-width: 90rem; }
label { display: block; font-weight: 600; margin: 0.6rem 0 0.2rem; }
select { width: 100%; max-width: 40rem; padding: 0.3rem; font: inherit; }
#description { color: #4a5562; margin: 0.4rem 0; max-width: 60rem; }
textarea { width: 100%; box-sizing: border-box; font: 13px/1.45 ui-monospace, monospace;
           padding: 0.5rem; border: 1px solid #c5cbd3; border-radius: 4px; }
.actions { display: flex; gap: 1rem; align-items: center; margin: 0.5rem 0; }
button { font: inherit; padding: 0.35rem 1.2rem; background: #0b3d75; color: #fff;
         border: 0; border-radius: 4px; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: wait; }
.hint { color: #6b7580; font-size: 0.85rem; }
#status { font-size: 0.9rem; }
#status.error { color: #a0141e; white-space: pre-wrap; }
.results { overflow-x: auto; }
table { border-collapse: collapse; background: #fff; font-size: 0.88rem; }
th, td { border: 1px solid #dde1e6; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; position: sticky; top: 0; }
td.uri { color: #0b3d75; }
td.unbound { background: #fafafa; }
"""


SCRIPT = r"""
"use strict";
(function () {
  const PREFIXES = [
    ["ckg:", "https://w3id.org/cyberkg#"],
    ["country:", "https://w3id.org/cyberkg/id/country/"],
    ["project:", "https://w3id.org/cyberkg/id/project/"],
    ["organisation:", "https://w3id.org/cyberkg/id/organisation/"],
    ["convention:", "https://w3id.org/cyberkg/id/convention/"],
    ["region:", "https://w3id.org/cyberkg/id/region/"],
    ["city:", "https://w3id.org/cyberkg/id/city/"],
    ["activity:", "https://w3id.org/cyberkg/id/activity/"],
    ["activitytype:", "https://w3id.org/cyberkg/id/activity-type/"],
    ["document:", "https://w3id.org/cyberkg/id/document/"],
    ["evidence:", "https://w3id.org/cyberkg/id/evidence/"],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
    ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
    ["skos:", "http://www.w3.org/2004/02/skos/core#"],
  ];
  const $ = (id) => document.getElementById(id);
  let queries = [];

  function short(iri) {
    for (const [prefix, base] of PREFIXES) {
      if (iri.startsWith(base) && /^[\w.%-]+$/.test(iri.slice(base.length))) {
        return prefix + iri.slice(base.length);
      }
    }
    return iri;
  }

  function setStatus(text, isError) {
    const status = $("status");
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function clearTable() {
    const table = $("results");
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
  }

  function cell(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;  // values are data, never markup
    if (className) element.className = className;
    return element;
  }

  function showSelect(data, truncated) {
    const table = $("results");
    const vars = data.head.vars || [];
    const head = document.createElement("tr");
    for (const name of vars) head.appendChild(cell("th", name));
    table.tHead.appendChild(head);
    const body = table.tBodies[0];
    for (const binding of data.results.bindings) {
      const row = document.createElement("tr");
      for (const name of vars) {
        const value = binding[name];
        if (!value) { row.appendChild(cell("td", "", "unbound")); continue; }
        const text = value.type === "uri" ? short(value.value) : value.value;
        const td = cell("td", text, value.type === "uri" ? "uri" : "");
        if (value.type === "uri") td.title = value.value;
        else if (value["xml:lang"]) td.title = "@" + value["xml:lang"];
        else if (value.datatype) td.title = short(value.datatype);
        row.appendChild(td);
      }
      body.appendChild(row);
    }
    const count = data.results.bindings.length;
    setStatus(count + (count === 1 ? " row" : " rows") +
              (truncated ? " (cut at the row limit of " + truncated + ")" : ""), false);
  }

  function showTriples(text, truncated) {
    const table = $("results");
    const head = document.createElement("tr");
    head.appendChild(cell("th", "N-Triples"));
    table.tHead.appendChild(head);
    const lines = text.split("\n").filter((line) => line.trim());
    for (const line of lines) {
      const row = document.createElement("tr");
      row.appendChild(cell("td", line));
      table.tBodies[0].appendChild(row);
    }
    setStatus(lines.length + " triples" +
              (truncated ? " (cut at the row limit of " + truncated + ")" : ""), false);
  }

  async function run() {
    const text = $("query").value;
    clearTable();
    setStatus("Running…", false);
    $("run").disabled = true;
    const started = performance.now();
    try {
      const response = await fetch("sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
        body: text,
      });
      const body = await response.text();
      if (!response.ok) { setStatus("HTTP " + response.status + ": " + body.trim(), true); return; }
      const truncated = response.headers.get("X-Cyberkg-Truncated");
      const type = response.headers.get("Content-Type") || "";
      if (type.startsWith("application/sparql-results+json")) {
        const data = JSON.parse(body);
        if ("boolean" in data) setStatus("ASK: " + data.boolean, false);
        else showSelect(data, truncated);
      } else {
        showTriples(body, truncated);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      $("status").textContent += " in " + seconds + " s";
    } catch (error) {
      setStatus("The request failed: " + error, true);
    } finally {
      $("run").disabled = false;
    }
  }

  function pick() {
    const chosen = queries.find((q) => q.name === $("named").value);
    if (!chosen) return;
    $("query").value = chosen.text;
    const params = chosen.params.map((p) =>
      p.name + " (" + p.type + (p.optional ? ", optional" : "") + ", e.g. " + p.example + ")");
    $("description").textContent = chosen.description +
      (params.length ? " Parameters, in the VALUES blocks: " + params.join("; ") + "." : "");
    const url = new URL(window.location.href);
    url.hash = chosen.name;
    history.replaceState(null, "", url);
  }

  async function load() {
    $("endpoint").textContent = new URL("sparql", window.location.href).href;
    try {
      const response = await fetch("queries.json");
      queries = await response.json();
    } catch (error) {
      setStatus("The questions cannot be loaded: " + error, true);
      return;
    }
    const select = $("named");
    select.replaceChildren();
    for (const q of queries) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.title + " — " + q.name;
      select.appendChild(option);
    }
    const wanted = decodeURIComponent(window.location.hash.slice(1));
    if (queries.some((q) => q.name === wanted)) select.value = wanted;
    pick();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("named").addEventListener("change", pick);
    $("run").addEventListener("click", run);
    $("query").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
    });
    load();
  });
})();
"""
