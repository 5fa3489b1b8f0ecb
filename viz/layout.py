"""Positions for every node, computed once in Python so the page opens already settled.

Each connected component is laid out on its own (force-directed: networkx's ``spring_layout`` for a
small one; for a large one the same Fruchterman–Reingold forces with the repulsion limited to each
node's nearest neighbours, found with a k-d tree: near-linear where the exact forces are
quadratic), then the components are packed in rows, largest first, so none overlaps another. The
page turns physics off: what the reader sees is this layout, frozen.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

EDGE_LENGTH = 80.0  # pixels between linked nodes, about
SMALL = 250  # components up to this many nodes use networkx's exact forces


def layout(graph: nx.Graph, *, seed: int = 42) -> dict[Hashable, tuple[float, float]]:
    """x, y of every node of ``graph`` (in pixels, y downwards as the page draws them)."""
    import networkx as nx

    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    components = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)),
                        key=lambda c: (-len(c), str(c[0])))
    placed: list[tuple[dict[Hashable, tuple[float, float]], float, float]] = []
    for nodes in components:
        positions = _component(undirected.subgraph(nodes), seed)
        xs = [x for x, _ in positions.values()]
        ys = [y for _, y in positions.values()]
        left, top = min(xs), min(ys)
        shifted = {n: (x - left, y - top) for n, (x, y) in positions.items()}
        placed.append((shifted, max(xs) - left, max(ys) - top))
    return _pack(placed)


def _component(graph: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    import networkx as nx

    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    if n <= SMALL:
        raw = nx.spring_layout(graph, seed=seed, iterations=100)
        # spring_layout fits [-1, 1]; give each node about (2 x EDGE_LENGTH)² of room, so the
        # labels of a small graph do not sit on each other.
        scale = EDGE_LENGTH * max(1.5, math.sqrt(n))
        return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in raw.items()}
    return _fruchterman_reingold(graph, seed)


def _fruchterman_reingold(graph: nx.Graph, seed: int,
                          iterations: int | None = None) -> dict[Hashable, tuple[float, float]]:
    """Force-directed layout with repulsion only from each node's nearest neighbours."""
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    # Past a few thousand nodes the picture is a hairball whatever the care: fewer steps.
    iterations = iterations or (80 if n <= 4000 else 50)
    k = EDGE_LENGTH
    edges = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64)
    edges = edges.reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = k * math.sqrt(n) * 1.5
    pos = rng.uniform(0, side, size=(n, 2))
    temperature = side / 8
    neighbours = min(n - 1, 16)
    for step in range(iterations):
        disp = np.zeros((n, 2))
        # Repulsion from the nearest neighbours only: a bounded cost per node however dense.
        _, near = cKDTree(pos).query(pos, k=neighbours + 1)
        delta = pos[:, None, :] - pos[near[:, 1:]]
        distance2 = np.maximum((delta * delta).sum(axis=2), 1e-4)
        disp += ((k * k / distance2)[:, :, None] * delta).sum(axis=1)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            distance = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            pull = (distance / k)[:, None] * delta
            disp += _gather(edges[:, 1], pull, n) - _gather(edges[:, 0], pull, n)
        # A weak pull to the centre keeps loosely linked parts from drifting off.
        disp -= (pos - pos.mean(axis=0)) * 0.01
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 0.01)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(k / 10, temperature * (1 - 1.5 / iterations) if step else temperature)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for node, i in index.items()}


def _gather(index: Any, values: Any, n: int) -> Any:
    """Sum ``values`` (m x 2) into n rows by ``index``: np.add.at, but with bincount's speed."""
    import numpy as np

    return np.stack([np.bincount(index, weights=values[:, 0], minlength=n),
                     np.bincount(index, weights=values[:, 1], minlength=n)], axis=1)


def _pack(parts: list[tuple[dict[Hashable, tuple[float, float]], float, float]]
          ) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about as wide as the largest one (or the square root of
    the total area), two edge lengths apart (one for lone nodes)."""
    if not parts:
        return {}
    def margin(part: dict[Hashable, tuple[float, float]]) -> float:
        return EDGE_LENGTH if len(part) == 1 else 2 * EDGE_LENGTH  # lone nodes sit closer

    area = sum((w + margin(p)) * (h + margin(p)) for p, w, h in parts)
    row_width = max(max(w for _, w, _ in parts), math.sqrt(area))
    positions: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, width, height in parts:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + margin(part), 0.0
        positions.update({n: (px + x, py + y) for n, (px, py) in part.items()})
        x += width + margin(part)
        row_height = max(row_height, height)
    # Centre on the origin, which is where the page looks first.
    cx = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
    cy = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
    return {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in positions.items()}
