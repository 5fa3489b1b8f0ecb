"""A timeline of activities per project: one row per project, its span as a bar, each dated
activity as a mark coloured by its type; PNG or SVG at A4 landscape (matplotlib).

Dates keep the precision the documents state: a year is drawn at its middle, a month at its 15th.
Activities without a date are counted in the row's label, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.ontology.errors import UsageError
from cyberkg.viz.picture import A4_LANDSCAPE, plain, save
from cyberkg.viz.views import _neighbours

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

_DATE = re.compile(r"^\s*(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
MAX_ROWS = 40
TITLE = {"en": "Activities per project", "fr": "Activités par projet"}
UNDATED = {"en": "{count} undated", "fr": "{count} sans date"}


def as_date(text: str | None, *, end: bool = False) -> date | None:
    """The day a (possibly partial) xsd date stands for; a year's middle, a month's 15th."""
    match = _DATE.match(text or "")
    if not match:
        return None
    year = int(match.group(1))
    if not 1 <= year <= 9999:
        return None
    month = int(match.group(2)) if match.group(2) else (12 if end else 7)
    day = int(match.group(3)) if match.group(3) else (28 if end and not match.group(2) else 15)
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 1)


@dataclass
class Row:
    project: Hashable
    label: str
    start: date | None
    end: date | None
    activities: list[tuple[date, str]] = field(default_factory=list)
    undated: int = 0


def timeline_rows(graph: nx.Graph) -> list[Row]:
    """Each project with dated activities or dates of its own, earliest first."""
    by_project: dict[Hashable, Row] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "Project":
            by_project[node] = Row(node, str(data.get("short") or data.get("label") or node),
                                   as_date(data.get("start")), as_date(data.get("end"), end=True))
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "Activity":
            continue
        when = as_date(data.get("start"))
        kind = str(data.get("activity_type") or "")
        for project in {n for n in _neighbours(graph, node) if n in by_project}:
            if when:
                by_project[project].activities.append((when, kind))
            else:
                by_project[project].undated += 1
    rows = [r for r in by_project.values() if r.activities or r.start or r.end]
    return sorted(rows, key=lambda r: (min([d for d in (r.start, *(a for a, _ in r.activities))
                                            if d] or [date.max]), r.label))


def figure(graph: nx.Graph, lang: str = "en", title: str | None = None) -> Figure:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.dates import AutoDateFormatter, AutoDateLocator, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    rows = timeline_rows(graph)[:MAX_ROWS]
    fig = Figure(figsize=A4_LANDSCAPE, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(plain(title or TITLE.get(lang, TITLE["en"])), fontsize=14, loc="left")
    if not rows:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "—", ha="center", va="center")
        return fig
    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
               "#000000"]
    kinds = sorted({k for row in rows for _, k in row.activities})
    # Eight colours, then the same colours with another shape: every type has its own mark.
    colour = {k: palette[i % len(palette)] for i, k in enumerate(kinds)}
    marker = {k: "os^D"[(i // len(palette)) % 4] for i, k in enumerate(kinds)}
    labels = []
    for y, row in enumerate(rows):
        if row.start or row.end:
            dates = [d for d in (row.start, row.end) if d] + [a for a, _ in row.activities]
            first, last = row.start or min(dates), row.end or max(dates)
            ax.plot(date2num([first, last]), [y, y], color="#E69F00", linewidth=8, alpha=0.35,
                    solid_capstyle="butt", zorder=1)
        for when, kind in row.activities:
            ax.plot(date2num([when]), [y], marker=marker.get(kind, "o"), markersize=5,
                    linestyle="",
                    color=colour.get(kind, "#555555"), markeredgecolor="#222222",
                    markeredgewidth=0.4, zorder=2)
        label = row.label
        if row.undated:
            label += " (" + UNDATED.get(lang, UNDATED["en"]).format(count=row.undated) + ")"
        labels.append(plain(label))
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(AutoDateFormatter(locator))
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd")
    ax.tick_params(axis="x", labelsize=8)
    if kinds:
        ax.legend(handles=[Line2D([], [], marker=marker[k], linestyle="", color=colour[k],
                                  markeredgecolor="#222222", label=plain(k or "—"))
                           for k in kinds], loc="upper left", bbox_to_anchor=(1.0, 1.0),
                  frameon=False, fontsize=8)
    return fig


def write_timeline(graph: nx.Graph, path: Path, lang: str = "en",
                   title: str | None = None) -> int:
    """Write the timeline to ``path`` (.png or .svg); returns the number of project rows."""
    from cyberkg.ontology.store import atomic_write

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise UsageError(f"{path}: a timeline is written to a .png or .svg file")
    atomic_write(path, save(figure(graph, lang, title), fmt))
    return min(len(timeline_rows(graph)), MAX_ROWS)
