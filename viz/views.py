"""What to draw: the whole graph, the graph around one entity, or a projection of it.

Every view is a networkx graph (pure functions of the graph :mod:`cyberkg.viz.network` reads):

- ``graph``: everything (directed: each link keeps its direction);
- ``countries``: countries linked by the projects they share (weight = shared projects);
- ``projects``: projects linked by the partners they share (partners, implementers, donors);
- ``partners``: the bipartite network of organisations (and states) and the projects they serve in.

``--focus NAME --depth N`` keeps what lies within N links of one entity before projecting.
A view of more than ``max_nodes`` nodes folds each activity into its project (a link from the
project to each place, with the number of activities on it); if that is still too many, it asks
for a filter.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cyberkg.ontology import CKG
from cyberkg.ontology.errors import UsageError
from cyberkg.viz.style import text

if TYPE_CHECKING:
    import networkx as nx

VIEWS = ("graph", "countries", "projects", "partners")
MAX_NODES = 2000
# The links that make an organisation (or a state) a project's partner, with their sub-properties.
PARTNER_PROPERTIES = frozenset({CKG.partner, CKG.implementedBy, CKG.fundedBy})


@dataclass
class View:
    """A graph ready to draw, its title, and what a reader should be told about it."""

    graph: nx.Graph
    name: str
    title: str
    lang: str = "en"
    notes: list[str] = field(default_factory=list)
    directed: bool = True


def fold(name: str) -> str:
    """A name as compared for search: case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w+]+", " ", bare).split())


def find_node(graph: nx.Graph, name: str) -> Hashable:
    """The node called ``name`` (a label in any language, an acronym, or the IRI).

    Raises :class:`UsageError` with the closest names when nothing matches.
    """
    wanted = fold(name)
    exact: list[Hashable] = []
    by_label: list[Hashable] = []
    for node, data in graph.nodes(data=True):
        if str(node) == name:
            return node
        if fold(data.get("label", "")) == wanted or fold(data.get("short", "")) == wanted:
            by_label.append(node)
        elif any(fold(n) == wanted for n in data.get("names", ())):
            exact.append(node)
    found = by_label or exact
    if found:
        # Two nodes with one name: the one with more links is the likelier meaning.
        return max(found, key=lambda n: (graph.degree(n), str(n)))
    known = sorted({data.get("short", "") for _, data in graph.nodes(data=True)} - {""})
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UsageError(f"no node named {name!r} in the graph{hint}")


def ego(graph: nx.Graph, center: Hashable, depth: int) -> nx.Graph:
    """The nodes within ``depth`` links of ``center`` (links followed both ways)."""
    import networkx as nx

    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    return nx.ego_graph(graph, center, radius=depth, undirected=True).copy()


def related(graph: nx.Graph, node: Hashable, kind: str) -> set[Hashable]:
    """The nodes of ``kind`` linked to ``node``, directly or through one of its activities."""
    kinds = graph.nodes
    if kinds[node].get("kind") == kind:
        return {node}
    found: set[Hashable] = set()
    for neighbour in _neighbours(graph, node):
        neighbour_kind = kinds[neighbour].get("kind")
        if neighbour_kind == kind:
            found.add(neighbour)
        elif neighbour_kind == "Activity":
            found.update(m for m in _neighbours(graph, neighbour) if kinds[m].get("kind") == kind)
    return found


def _neighbours(graph: nx.Graph, node: Hashable) -> Iterable[Hashable]:
    if graph.is_directed():
        yield from graph.successors(node)
        yield from graph.predecessors(node)
    else:
        yield from graph.neighbors(node)


def _of_kind(graph: nx.Graph, kind: str) -> list[Hashable]:
    return [n for n, d in graph.nodes(data=True) if d.get("kind") == kind]


def _projection(graph: nx.Graph, members: dict[Hashable, set[Hashable]], keep: list[Hashable],
                lang: str, what: str) -> nx.Graph:
    """``keep`` nodes linked by the ``members`` (node -> the things it belongs to) they share."""
    import networkx as nx

    projected = nx.Graph()
    for node in keep:
        projected.add_node(node, **graph.nodes[node])
    by_thing: dict[Hashable, list[Hashable]] = defaultdict(list)
    for node in keep:
        for thing in members.get(node, ()):
            by_thing[thing].append(node)
    shared: dict[tuple[Hashable, Hashable], set[Hashable]] = defaultdict(set)
    for thing, nodes in by_thing.items():
        nodes = sorted(nodes, key=str)
        for i, first in enumerate(nodes):
            for second in nodes[i + 1:]:
                shared[(first, second)].add(thing)
    for (first, second), things in shared.items():
        names = sorted(graph.nodes[t].get("short", str(t)) for t in things)
        projected.add_edge(first, second, weight=len(things), shared=tuple(names),
                           label=f"{len(things)} {what} {text(lang, 'shared')}: {', '.join(names)}",
                           properties=(), evidence=())
    return projected


def country_projection(graph: nx.Graph, lang: str = "en") -> nx.Graph:
    """Countries linked by the projects they share; ``weight`` counts the shared projects."""
    countries = _of_kind(graph, "Country")
    members = {c: related(graph, c, "Project") for c in countries}
    words = {"en": "project(s)", "fr": "projet(s)"}
    return _projection(graph, members, countries, lang, words.get(lang, words["en"]))


def partners_of(graph: nx.Graph, project: Hashable) -> set[Hashable]:
    """Who takes part in ``project``: its partners, implementers and donors."""
    found = set()
    for neighbour in _neighbours(graph, project):
        data = graph.get_edge_data(project, neighbour) or graph.get_edge_data(neighbour, project)
        if data and any(p in PARTNER_PROPERTIES for p in data.get("properties", ())):
            found.add(neighbour)
    return found


def project_projection(graph: nx.Graph, lang: str = "en") -> nx.Graph:
    """Projects linked by the partners they share; ``weight`` counts the shared partners."""
    projects = _of_kind(graph, "Project")
    members = {p: partners_of(graph, p) for p in projects}
    words = {"en": "partner(s)", "fr": "partenaire(s)"}
    return _projection(graph, members, projects, lang, words.get(lang, words["en"]))


def partner_network(graph: nx.Graph) -> nx.Graph:
    """The bipartite graph of projects (``bipartite=0``) and their partners (``bipartite=1``)."""
    import networkx as nx

    bipartite = nx.Graph()
    for project in _of_kind(graph, "Project"):
        bipartite.add_node(project, **graph.nodes[project], bipartite=0)
        for partner in partners_of(graph, project):
            bipartite.add_node(partner, **graph.nodes[partner], bipartite=1)
            data = graph.get_edge_data(project, partner) or graph.get_edge_data(partner, project)
            bipartite.add_edge(project, partner, **data)
    return bipartite


def fold_activities(graph: nx.DiGraph, lang: str = "en") -> nx.DiGraph:
    """Each activity folded into its projects: a link from the project to each of the activity's
    places (country, city…) with ``activities`` (and ``weight``) counting them."""
    folded = graph.copy()
    counts: Counter[tuple[Hashable, Hashable]] = Counter()
    per_project: Counter[Hashable] = Counter()
    for activity in _of_kind(graph, "Activity"):
        projects = [n for n in _neighbours(graph, activity)
                    if graph.nodes[n].get("kind") == "Project"]
        places = [n for n in _neighbours(graph, activity)
                  if graph.nodes[n].get("kind") not in ("Project", "Activity", "Document")]
        for project in projects:
            per_project[project] += 1
            for place in places:
                counts[(project, place)] += 1
        folded.remove_node(activity)
    word = text(lang, "activities")
    for (project, place), count in counts.items():
        if folded.has_edge(project, place):
            data = folded.edges[project, place]
            data["activities"] = count
            data["weight"] = data.get("weight", 1) + count
            data["label"] = f"{data['label']}; {count} {word}"
        else:
            folded.add_edge(project, place, properties=(), evidence=(), activities=count,
                            weight=count, label=f"{count} {word}")
    for project, count in per_project.items():
        folded.nodes[project]["activities"] = count
    return folded


def make_view(graph: nx.DiGraph, view: str = "graph", *, focus: str | None = None,
              depth: int = 2, lang: str = "en", max_nodes: int | None = MAX_NODES) -> View:
    """The view ``view`` of ``graph``, around ``focus`` if given, folded or refused if too big."""
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    title = text(lang, view)
    if focus:
        center = find_node(graph, focus)
        graph = ego(graph, center, depth)
        title = f"{title} — " + text(lang, "ego", name=graph.nodes[center]["short"], depth=depth)
    result: Any
    if view == "countries":
        result = country_projection(graph, lang)
    elif view == "projects":
        result = project_projection(graph, lang)
    elif view == "partners":
        result = partner_network(graph)
    else:
        result = graph
    result.graph.update(graph.graph)
    notes: list[str] = []
    if result.number_of_nodes() == 0:
        notes.append("the view holds no node: build the graph from documents first, or widen "
                     "--focus/--depth")
    if max_nodes is not None and result.number_of_nodes() > max_nodes:
        total = result.number_of_nodes()
        if view == "graph":
            result = fold_activities(result, lang)
        if result.number_of_nodes() > max_nodes:
            raise UsageError(
                f"{result.number_of_nodes():,} nodes to draw, more than {max_nodes:,} "
                f"(a page that large is unreadable): narrow it with --focus NAME --depth N, "
                f"or raise --max-nodes")
        notes.append(f"{total:,} nodes is more than {max_nodes:,}: activities are folded into "
                     f"their projects ({result.number_of_nodes():,} nodes left, counts on the "
                     f"links); use --focus NAME to see them, or raise --max-nodes")
    return View(graph=result, name=view, title=title, lang=lang, notes=notes,
                directed=result.is_directed())


def open_view(dataset: Any, view: str = "graph", *, focus: str | None = None, depth: int = 2,
              lang: str = "en", documents: bool = False,
              max_nodes: int | None = MAX_NODES) -> View:
    """Read the graph from ``dataset`` (the ``viz-*`` queries) and make the view of it."""
    from cyberkg.viz.network import read_graph

    if lang not in ("en", "fr"):
        raise UsageError(f"--lang is en or fr, not {lang!r}")
    return make_view(read_graph(dataset, lang=lang, documents=documents), view, focus=focus,
                     depth=depth, lang=lang, max_nodes=max_nodes)
