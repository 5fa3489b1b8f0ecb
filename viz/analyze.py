"""What a network analyst asks of a view: who is central, which groups form, who bridges regions.

Every measure runs on the view as an undirected graph (a link is a link whichever way it was
stated) and returns a :class:`Table` of the top ``k`` rows; :func:`rows_for_csv` flattens tables for
``--csv``. Nothing here prints.

- degree: the share of the other nodes a node is linked to (and the number of its links);
- betweenness: how often a node lies on the shortest paths between two others (sampled on 500
  sources above 2,000 nodes, and then said so);
- eigenvector: a node is central when it is linked to central nodes;
- communities: networkx's Louvain method (seeded, so the same graph gives the same groups);
- bridges: nodes whose countries lie in several regions (projects, partners, activities that
  connect regions), ranked by how many regions, then by betweenness.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cyberkg.ontology.errors import UsageError
from cyberkg.viz.views import View, related

if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "betweenness", "eigenvector", "communities", "bridges")
SAMPLE_ABOVE = 2000
SAMPLE = 500


@dataclass
class Table:
    """One measure's top rows: (rank, node IRI, name, kind, value, detail); the name is the
    acronym or notation where there is one (GLACY+, ETS 185), else the label."""

    measure: str
    title: str
    value_name: str
    detail_name: str
    rows: list[tuple[int, str, str, str, Any, str]] = field(default_factory=list)
    note: str = ""


def _undirected(graph: nx.Graph) -> nx.Graph:
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for source, target, data in graph.edges(data=True):
        weight = float(data.get("weight", 1) or 1)
        if simple.has_edge(source, target):
            simple.edges[source, target]["weight"] += weight
        elif source != target:
            simple.add_edge(source, target, weight=weight)
    return simple


def _row(graph: nx.Graph, rank: int, node: Hashable, value: Any,
         detail: str = "") -> tuple[int, str, str, str, Any, str]:
    data = graph.nodes[node]
    name = data.get("short") or data.get("label") or str(node)
    return (rank, str(node), name, data.get("kind", ""), value, detail)


def _top(graph: nx.Graph, scores: dict[Hashable, float], top: int,
         detail: dict[Hashable, str] | None = None) -> list[tuple[int, str, str, str, Any, str]]:
    ordered = sorted(scores, key=lambda n: (-scores[n], graph.nodes[n].get("label", ""), str(n)))
    return [_row(graph, rank, node, round(scores[node], 4), (detail or {}).get(node, ""))
            for rank, node in enumerate(ordered[:top], start=1)]


def degree(graph: nx.Graph, top: int = 10) -> Table:
    import networkx as nx

    simple = _undirected(graph)
    scores = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    links = {n: str(d) for n, d in simple.degree()}
    return Table("degree", "Degree centrality", "degree centrality", "links",
                 _top(simple, scores, top, links))


def betweenness(graph: nx.Graph, top: int = 10) -> Table:
    import networkx as nx

    simple = _undirected(graph)
    note = ""
    sample = None
    if len(simple) > SAMPLE_ABOVE:
        sample = SAMPLE
        note = (f"estimated from {SAMPLE} sampled sources ({len(simple):,} nodes is more than "
                f"{SAMPLE_ABOVE:,})")
    scores = nx.betweenness_centrality(simple, k=sample, seed=42) if len(simple) > 2 else \
        dict.fromkeys(simple, 0.0)
    return Table("betweenness", "Betweenness centrality", "betweenness", "", _top(simple, scores,
                                                                               top), note)


def eigenvector(graph: nx.Graph, top: int = 10) -> Table:
    import networkx as nx

    simple = _undirected(graph)
    if simple.number_of_edges() == 0:
        return Table("eigenvector", "Eigenvector centrality", "eigenvector", "",
                     note="no link in the view")
    try:
        scores = nx.eigenvector_centrality(simple, max_iter=1000, tol=1e-08, weight="weight")
    except nx.PowerIterationFailedConvergence:
        scores = nx.eigenvector_centrality_numpy(simple, weight="weight")
    return Table("eigenvector", "Eigenvector centrality", "eigenvector", "",
                 _top(simple, scores, top))


def communities(graph: nx.Graph, top: int = 10) -> Table:
    """Louvain communities, largest first: size, and the best-linked members of each."""
    import networkx as nx

    simple = _undirected(graph)
    if simple.number_of_edges() == 0:
        return Table("communities", "Communities (Louvain)", "size", "best-linked members",
                     note="no link in the view")
    found = nx.community.louvain_communities(simple, weight="weight", seed=42)
    modularity = nx.community.modularity(simple, found, weight="weight")
    found = sorted(found, key=lambda c: (-len(c), min(str(n) for n in c)))
    rows = []
    for rank, members in enumerate(found[:top], start=1):
        central = sorted(members, key=lambda n: (-simple.degree(n, weight="weight"), str(n)))
        names = [simple.nodes[n].get("short") or simple.nodes[n].get("label", str(n))
                 for n in central[:6]]
        more = f" … (+{len(members) - 6})" if len(members) > 6 else ""
        rows.append(_row(simple, rank, central[0], len(members), ", ".join(names) + more))
    return Table("communities", "Communities (Louvain)", "size", "best-linked members", rows,
                 f"{len(found)} communities, modularity {modularity:.3f}")


def bridges(graph: nx.Graph, top: int = 10) -> Table:
    """Nodes that connect countries of several regions."""
    import networkx as nx

    kinds = nx.get_node_attributes(graph, "kind")
    regions_of = {n: related(graph, n, "Region") for n, k in kinds.items() if k == "Country"}
    if not any(regions_of.values()):
        return Table("bridges", "Bridges between regions", "regions", "regions",
                     note="no country of the view belongs to a region")
    spans: dict[Hashable, set[Hashable]] = {}
    for node, kind in kinds.items():
        if kind in ("Country", "Region"):
            continue
        reached: set[Hashable] = set()
        for country in related(graph, node, "Country"):
            reached |= regions_of.get(country, set())
        if len(reached) >= 2:
            spans[node] = reached
    if not spans:
        return Table("bridges", "Bridges between regions", "regions", "regions",
                     note="no node links countries of two regions")
    simple = _undirected(graph)
    between = nx.betweenness_centrality(simple, k=SAMPLE if len(simple) > SAMPLE_ABOVE else None,
                                        seed=42)
    ordered = sorted(spans, key=lambda n: (-len(spans[n]), -between.get(n, 0.0), str(n)))
    rows = []
    for rank, node in enumerate(ordered[:top], start=1):
        names = sorted(graph.nodes[r].get("short") or graph.nodes[r].get("label", str(r))
                       for r in spans[node])
        rows.append(_row(graph, rank, node, len(spans[node]), ", ".join(names)))
    return Table("bridges", "Bridges between regions", "regions", "regions", rows,
                 f"{len(spans)} node(s) link countries of two regions or more")


def analyze(view: View, *, measures: tuple[str, ...] = MEASURES, top: int = 10) -> list[Table]:
    """The tables of ``measures`` for ``view``, top ``top`` rows each."""
    if top < 1:
        raise UsageError(f"--top must be 1 or more, not {top}")
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise UsageError(f"unknown measure {unknown[0]!r}: choose from {', '.join(MEASURES)}")
    functions = {"degree": degree, "betweenness": betweenness, "eigenvector": eigenvector,
                 "communities": communities, "bridges": bridges}
    return [functions[m](view.graph, top) for m in measures]


CSV_COLUMNS = ("measure", "rank", "node", "name", "kind", "value", "detail")


def rows_for_csv(tables: list[Table]) -> list[tuple[Any, ...]]:
    """Every table as rows of :data:`CSV_COLUMNS`."""
    return [(table.measure, *row) for table in tables for row in table.rows]
