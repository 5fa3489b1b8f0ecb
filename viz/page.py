"""A view in, one self-contained HTML page out: the second pure step, drawn with pyvis.

The page works offline: vis-network's JavaScript and CSS (``assets/``, vendored from pyvis's bundled
copy) and the page's own code are inside the file, and a Content-Security-Policy forbids it to
fetch anything. Positions come from :mod:`cyberkg.viz.layout` and physics is off, so the picture
opens settled and stays still.

Text from documents never becomes markup: the graph travels as JSON inside
``<script type="application/json">`` (with ``<``, ``>``, ``&`` and ``'`` escaped by Jinja's
``tojson``), the page builds every label, tooltip, option and legend entry with ``textContent``,
and the title is escaped by the template (autoescape on).
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections.abc import Hashable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.ontology.errors import UsageError
from cyberkg.viz.style import CLASS_ORDER, TEXT, style_of, text
from cyberkg.viz.views import View, related

if TYPE_CHECKING:
    import networkx as nx

FILTER_KINDS = ("Project", "Country", "Convention", "Region")
BIG = 1000  # above this many nodes, edges are hidden while dragging and zooming
MINOR = ("Activity", "City")  # many and small: drawn small, labelled only when zoomed in
# Label sizes: labels whose on-screen size falls under 7 px are not drawn, so zoomed out the
# reader sees the projects first, then the countries and partners, then the rest.
FONT = {"Project": 24, "Country": 18, "Organisation": 16, "Region": 18, "Convention": 16,
        "City": 12, "Activity": 12, "Document": 13}


@dataclass(frozen=True)
class PageInfo:
    path: Path
    nodes: int
    edges: int
    bytes: int


def assets_dir() -> Path:
    return Path(str(files("cyberkg.viz"))) / "assets"


def _asset(name: str) -> str:
    return (assets_dir() / name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def money(amount: float, lang: str) -> str:
    whole = f"{amount:,.0f}"
    return whole.replace(",", "\u202f") + "\u00a0€" if lang == "fr" else "€" + whole


def facts_of(data: dict[str, Any], lang: str) -> list[list[str]]:
    """The key facts a tooltip lists, as (name, value) pairs of text."""
    facts: list[list[str]] = []
    if data.get("activity_type"):
        facts.append([text(lang, "activity_type"), str(data["activity_type"])])
    if data.get("start"):
        facts.append([text(lang, "start"), str(data["start"])])
    if data.get("end"):
        facts.append([text(lang, "end"), str(data["end"])])
    if data.get("budget"):
        facts.append([text(lang, "budget"), money(float(data["budget"]), lang)])
    if data.get("coe_share") not in (None, ""):
        facts.append([text(lang, "coe_share"), f"{float(data['coe_share']) * 100:g} %"])
    if data.get("iso2"):
        facts.append([text(lang, "iso"), " / ".join(str(data[k]) for k in ("iso2", "iso3")
                                                     if data.get(k))])
    if data.get("ets"):
        facts.append([text(lang, "ets"), str(data["ets"])])
    if data.get("activities"):
        facts.append([text(lang, "activities").capitalize(), str(data["activities"])])
    return facts


def memberships(graph: nx.Graph) -> dict[Hashable, dict[str, set[Hashable]]]:
    """For each node, the projects, countries, conventions and regions it belongs to: itself if it
    is one, those it is linked to directly or through an activity, the regions of its countries,
    and, for an activity, whatever its project belongs to where it has nothing of its own."""
    regions_of: dict[Hashable, set[Hashable]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "Country":
            regions_of[node] = related(graph, node, "Region")
    members: dict[Hashable, dict[str, set[Hashable]]] = {}
    for node in graph:
        own = {kind: related(graph, node, kind) for kind in FILTER_KINDS}
        for country in own["Country"]:
            own["Region"] |= regions_of.get(country, set())
        members[node] = own
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "Activity":
            continue
        for kind in ("Convention", "Region"):
            if not members[node][kind]:
                for project in members[node]["Project"]:
                    members[node][kind] |= members[project][kind]
    return members


def page_data(view: View) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (pure: no file, no pyvis)."""
    from cyberkg.viz.layout import layout

    graph, lang = view.graph, view.lang
    positions = layout(graph)
    order = sorted(graph.nodes, key=lambda n: (CLASS_ORDER.index(graph.nodes[n]["kind"])
                                               if graph.nodes[n].get("kind") in CLASS_ORDER
                                               else 99, graph.nodes[n].get("label", ""), str(n)))
    ids = {node: index for index, node in enumerate(order)}
    members = memberships(graph)
    degree = dict(graph.degree(weight="weight"))
    budgets = [float(d["budget"]) for _, d in graph.nodes(data=True) if d.get("budget")]
    top_budget = max(budgets, default=0.0)
    nodes = []
    for node in order:
        data = graph.nodes[node]
        style = style_of(data.get("kind", ""))
        minor = data.get("kind") in MINOR
        if data.get("budget") and top_budget:
            size = 12 + 28 * math.sqrt(float(data["budget"]) / top_budget)
        elif minor:
            size = min(16.0, 5 + math.sqrt(degree.get(node, 0)))
        else:
            size = min(40.0, 8 + 3 * math.sqrt(degree.get(node, 0)))
        years = data.get("years") or (None, None)
        x, y = positions[node]
        nodes.append({
            "id": ids[node], "label": data.get("short") or data.get("label") or str(node),
            "shape": style.shape, "size": round(size, 1), "x": x, "y": y,
            "font": {"size": FONT.get(data.get("kind", ""), 14)},
            "color": {"background": style.colour, "border": "#333333",
                      "highlight": {"background": style.colour, "border": "#000000"},
                      "hover": {"background": style.colour, "border": "#000000"}},
            "borderWidth": 2 if data.get("unresolved") else 1,
            "shapeProperties": {"borderDashes": [4, 3] if data.get("unresolved") else False},
            "kind": data.get("kind", ""),
            "names": sorted(set(data.get("names", ())) | {data.get("label", "")} - {""}),
            "m": {kind: sorted(ids[m] for m in found if m in ids)
                  for kind, found in members[node].items() if found},
            "y0": years[0], "y1": years[1],
            "tip": {"label": data.get("label", str(node)), "kind": style.name(lang),
                    "facts": facts_of(data, lang), "sources": list(data.get("sources", ())),
                    "iri": str(node), "unresolved": bool(data.get("unresolved"))},
        })
    edges = []
    for source, target, data in graph.edges(data=True):
        weight = float(data.get("weight", 1) or 1)
        edges.append({
            "from": ids[source], "to": ids[target],
            "width": round(1 + math.log2(weight), 2),
            "arrows": {"to": {"enabled": view.directed, "scaleFactor": 0.5}},
            "tip": {"label": data.get("label", ""),
                    "ends": [graph.nodes[source].get("label", ""),
                             graph.nodes[target].get("label", "")],
                    "evidence": [list(e) for e in data.get("evidence", ())]},
        })
    counts: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        counts[data.get("kind", "")] = counts.get(data.get("kind", ""), 0) + 1
    legend = [{"kind": kind, "name": style_of(kind).name(lang), "colour": style_of(kind).colour,
               "shape": style_of(kind).shape, "count": counts[kind]}
              for kind in CLASS_ORDER if counts.get(kind)]
    filters = [{"kind": kind, "name": style_of(kind).name(lang),
                "options": [[ids[n], graph.nodes[n].get("label", str(n))]
                            for n in order if graph.nodes[n].get("kind") == kind]}
               for kind in FILTER_KINDS if counts.get(kind)]
    all_years = [y for node in nodes for y in (node["y0"], node["y1"]) if y is not None]
    big = len(nodes) > BIG
    options = {
        "autoResize": True, "height": "100%", "width": "100%",
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": False},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 7}}},
        "edges": {"smooth": False, "selectionWidth": 2,
                  "color": {"color": "#8c8c8c", "highlight": "#1a1a1a", "hover": "#1a1a1a",
                            "opacity": 0.7}},
    }
    return {
        "nodes": nodes, "edges": edges,
        "page": {"lang": lang, "title": view.title, "directed": view.directed,
                 "ui": TEXT.get(lang, TEXT["en"]), "legend": legend, "filters": filters,
                 "years": [min(all_years), max(all_years)] if all_years else None,
                 "notes": view.notes, "options": options},
    }


class _NodeIds(list):  # type: ignore[type-arg]
    """pyvis keeps node ids in a list and looks each link's ends up in it (O(n) per link, so
    quadratic); this list answers ``in`` from a set, and is otherwise the same list."""

    def __init__(self) -> None:
        super().__init__()
        self._index: set[object] = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._index.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._index


def render(view: View) -> str:
    """The page's HTML, through pyvis's ``generate_html`` with cyberkg's own template."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup
    from pyvis.network import Network

    data = page_data(view)
    network = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    network.node_ids = _NodeIds()
    network.options = data["page"]["options"]
    for node in data["nodes"]:
        node = dict(node)
        network.add_node(node.pop("id"), label=node.pop("label"), shape=node.pop("shape"),
                         color=node.pop("color"), **node)
    for edge in data["edges"]:
        edge = dict(edge)
        network.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    vis_js, page_js = _asset("vis-network.min.js"), _asset("page.js")
    environment = Environment(loader=FileSystemLoader(str(assets_dir())),
                              autoescape=select_autoescape(default=True, default_for_string=True))
    environment.globals.update(
        page=data["page"],
        assets={"vis_js": Markup(vis_js), "page_js": Markup(page_js),
                "vis_css": Markup(_asset("vis-network.css")),
                "page_css": Markup(_asset("page.css"))},
        script_hashes=Markup(" ".join(_csp_hash(s) for s in (vis_js, page_js))),
    )
    network.templateEnv = environment
    network.path = "page.html"
    return network.generate_html()


def write_page(view: View, path: Path) -> PageInfo:
    """Write ``view`` as one HTML file at ``path`` (pyvis ``write_html``; never ``show``)."""
    from cyberkg.ontology.store import atomic_write

    if path.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"{path}: a page is written to an .html file")
    html = render(view)
    atomic_write(path, html.encode("utf-8"))
    return PageInfo(path=path, nodes=view.graph.number_of_nodes(),
                    edges=view.graph.number_of_edges(), bytes=len(html.encode("utf-8")))
