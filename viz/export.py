"""A view written for the tools people already use: Gephi, Cytoscape, spreadsheets, reports.

- ``graphml`` and ``gexf``: Gephi opens them; networkx reads them back identical to
  :func:`export_graph` (every attribute a string, integer, float or boolean);
- ``cytoscape``: Cytoscape.js JSON (``elements``: nodes and edges with their ``data``);
- ``csv``: ``nodes.csv`` and ``edges.csv`` in a folder;
- ``png`` and ``svg``: a picture for a report, A4 landscape, drawn with matplotlib.

Node ids are the IRIs (another RDF term would be written as N-Triples, so a literal never takes an
IRI's id); ``label`` is in the view's language, ``kind`` is the class.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.ontology.errors import UsageError
from cyberkg.viz.network import local_name
from cyberkg.viz.views import View
from rdflib import URIRef

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("graphml", "gexf", "cytoscape", "csv", "png", "svg")
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".json", "csv": "",
          "png": ".png", "svg": ".svg"}
JOIN = " | "
NODE_FIELDS = ("label", "kind", "short", "start", "end", "year_start", "year_end", "budget",
               "coe_share", "iso2", "iso3", "ets", "activity_type", "activities", "unresolved",
               "bipartite", "names", "sources")
EDGE_FIELDS = ("label", "relation", "weight", "activities", "shared", "evidence")


@dataclass(frozen=True)
class ExportInfo:
    paths: tuple[Path, ...]
    nodes: int
    edges: int


def node_id(node: Hashable) -> str:
    """The id a node gets in a file: its IRI, or the N-Triples form of another term."""
    if isinstance(node, URIRef):
        return str(node)
    n3 = getattr(node, "n3", None)
    return n3() if callable(n3) else str(node)


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, tuple | list | set | frozenset):
        return JOIN.join(_scalar_text(v) for v in value)
    return str(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, tuple | list):
        return " ".join(str(v) for v in value if v not in (None, "", 0))
    return str(value)


def export_graph(view: View) -> nx.Graph:
    """The view with string ids and only string, integer, float and boolean attributes."""
    import networkx as nx

    graph = view.graph
    out: nx.Graph = nx.DiGraph() if graph.is_directed() else nx.Graph()
    for node, data in graph.nodes(data=True):
        attributes: dict[str, Any] = {"iri": node_id(node)}
        for key in NODE_FIELDS:
            if key in ("year_start", "year_end"):
                years = data.get("years") or (None, None)
                value = years[0] if key == "year_start" else years[1]
            else:
                value = data.get(key)
            if value is None or value == () or value == "":
                continue
            if key in ("budget", "coe_share"):
                value = float(value)
            attributes[key] = _scalar(value)
        out.add_node(node_id(node), **attributes)
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        attributes = {"id": str(index), "weight": float(data.get("weight", 1) or 1)}
        for key in EDGE_FIELDS:
            if key == "relation":
                value = ", ".join(local_name(p) for p in data.get("properties", ()))
            elif key == "evidence":
                value = JOIN.join(f"{doc} (line {line}): {sentence}" if line else str(doc)
                                  for doc, line, sentence in data.get("evidence", ()))
            elif key == "weight":
                continue
            else:
                value = data.get(key)
            if value is None or value == "" or value == ():
                continue
            attributes[key] = _scalar(value)
        out.add_edge(node_id(source), node_id(target), **attributes)
    return out


def cytoscape_json(graph: nx.Graph) -> dict[str, Any]:
    import networkx as nx

    return nx.cytoscape_data(graph, name="label", ident="id")


def _csv_text(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_export(view: View, fmt: str, path: Path) -> ExportInfo:
    """Write ``view`` in ``fmt`` to ``path`` (a folder for ``csv``)."""
    import networkx as nx
    from cyberkg.ontology.store import atomic_write

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    graph = export_graph(view)
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    if fmt in ("png", "svg"):
        from cyberkg.viz.picture import write_picture

        write_picture(view, path, fmt)
        return ExportInfo((path,), nodes, edges)
    if fmt == "csv":
        if path.exists() and not path.is_dir():
            raise UsageError(f"{path}: --format csv writes nodes.csv and edges.csv into a folder")
        node_rows = [{"id": n, **d} for n, d in graph.nodes(data=True)]
        edge_rows = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
        node_columns = ["id", "iri", *[f for f in NODE_FIELDS
                                       if any(f in row for row in node_rows)]]
        edge_columns = ["source", "target", "weight",
                        *[f for f in EDGE_FIELDS if f != "weight"
                          and any(f in row for row in edge_rows)]]
        atomic_write(path / "nodes.csv", _csv_text(node_rows, node_columns))
        atomic_write(path / "edges.csv", _csv_text(edge_rows, edge_columns))
        return ExportInfo((path / "nodes.csv", path / "edges.csv"), nodes, edges)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
        data = buffer.getvalue()
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer, encoding="utf-8")
        data = buffer.getvalue()
    else:
        data = json.dumps(cytoscape_json(graph), ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write(path, data)
    return ExportInfo((path,), nodes, edges)
