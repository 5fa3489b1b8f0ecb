"""A still picture of a view for reports (PNG or SVG), drawn with matplotlib at A4 landscape.

Same positions, colours and shapes as the page; every node is drawn, and the most important are
named where their name has room (projects first, then regions and countries, then the best-linked;
7 pt or more, readable on paper), with a legend of the classes. Text from the
documents is drawn as text: ``$`` is escaped so matplotlib never reads a label as mathematics.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.ontology.errors import UsageError
from cyberkg.viz.style import CLASS_ORDER, style_of
from cyberkg.viz.views import View

if TYPE_CHECKING:
    from matplotlib.figure import Figure

A4_LANDSCAPE = (11.69, 8.27)  # inches
MAX_LABELS = 80


def plain(text: str) -> str:
    """``text`` as matplotlib shows it literally (no mathtext)."""
    return text.replace("$", r"\$")


def figure(view: View) -> Figure:
    """The picture as a matplotlib Figure (not shown, not saved)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from cyberkg.viz.layout import layout
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    graph = view.graph
    fig = Figure(figsize=A4_LANDSCAPE, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(plain(view.title), fontsize=14, loc="left")
    if graph.number_of_nodes() == 0:
        return fig
    positions = layout(graph)
    n = graph.number_of_nodes()
    segments = [(positions[u], positions[v]) for u, v in graph.edges() if u != v]
    widths = [0.4 + 0.6 * math.log2(float(d.get("weight", 1) or 1))
              for u, v, d in graph.edges(data=True) if u != v]
    ax.add_collection(LineCollection(segments, colors="#8c8c8c", linewidths=widths,
                                     alpha=0.5 if n < 300 else 0.25, zorder=1))
    degree = dict(graph.degree())
    scale = max(0.25, min(1.0, 30 / math.sqrt(n)))
    handles = []
    for kind in (*CLASS_ORDER, ""):
        members = [v for v, d in graph.nodes(data=True)
                   if (d.get("kind") or "") == kind or (kind == "" and d.get("kind")
                                                        not in CLASS_ORDER)]
        if not members:
            continue
        style = style_of(kind)
        ax.scatter([positions[v][0] for v in members], [positions[v][1] for v in members],
                   s=[scale * (20 + 12 * math.sqrt(degree[v])) for v in members],
                   c=style.colour, marker=style.marker, edgecolors="#333333", linewidths=0.4,
                   zorder=2)
        handles.append(Line2D([], [], marker=style.marker, linestyle="", markersize=8,
                              markerfacecolor=style.colour, markeredgecolor="#333333",
                              label=plain(f"{style.name(view.lang)} ({len(members)})")))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
              fontsize=9)
    ax.autoscale()
    ax.set_aspect("equal", adjustable="datalim")
    ax.invert_yaxis()  # the page draws y downwards
    _label(fig, ax, graph, positions, degree)
    if view.notes:
        fig.text(0.01, 0.01, plain(" ".join(view.notes)), fontsize=7, color="#7a4b00")
    return fig


# Which names to print first: projects, then regions and countries, then the rest.
LABEL_ORDER = {"Project": 0, "Region": 1, "Country": 2, "Convention": 3, "Organisation": 3,
               "City": 4, "Activity": 5, "Document": 5}


def _label(fig: Figure, ax: Any, graph: Any, positions: dict[Any, tuple[float, float]],
           degree: dict[Any, int]) -> None:
    """Name the most important nodes whose label has room: a label that would overlap one already
    placed is left out (the page, not the picture, is where every name can be read)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # settle the layout, so positions on the page are final
    fig.set_layout_engine("none")
    renderer = canvas.get_renderer()
    placed: list[Any] = []
    candidates = sorted(graph, key=lambda v: (LABEL_ORDER.get(graph.nodes[v].get("kind"), 6),
                                              -degree[v], str(v)))
    for node in candidates:
        if len(placed) >= MAX_LABELS:
            break
        data = graph.nodes[node]
        text = ax.annotate(plain(str(data.get("short") or data.get("label") or node)),
                           positions[node], xytext=(0, 5), textcoords="offset points",
                           ha="center", va="bottom", zorder=3,
                           fontsize=9 if data.get("kind") == "Project" else 7,
                           bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                                 "edgecolor": "none", "alpha": 0.75})
        box = text.get_window_extent(renderer).expanded(1.05, 1.1)
        if any(box.overlaps(other) for other in placed):
            text.remove()
        else:
            placed.append(box)


def write_picture(view: View, path: Path, fmt: str) -> None:
    from cyberkg.ontology.store import atomic_write

    if fmt not in ("png", "svg"):
        raise UsageError(f"a picture is png or svg, not {fmt!r}")
    atomic_write(path, save(figure(view), fmt))


def save(fig: Figure, fmt: str) -> bytes:
    """``fig`` as PNG (200 dpi) or SVG bytes; an SVG keeps its words as text (editable)."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, dpi=200 if fmt == "png" else 72,
                    metadata={"Creator": "cyberkg"})
    return buffer.getvalue()
