"""Benchmark (not a test) of `cyberkg viz`: time to write the page, and until Chromium draws it.

For each size, a synthetic graph shaped like cyberkg's (viz/synthetic.py: ~2 % projects, ~70 %
activities, countries, partners, cities, conventions, regions, each fact with its evidence) is put
in an in-memory Oxigraph store, then:

- read: the ``viz-*`` named queries and the networkx graph built from their rows;
- write: layout + page data + pyvis ``generate_html`` + the file (what `cyberkg viz` does next);
- Chromium load: headless Debian Chromium, network cut off, until the ``load`` event;
- Chromium drawn: until the page has drawn its first frame (physics is off: the layout is
  computed in Python, so the first frame is the settled picture).

Sizes above 2,000 nodes are also drawn the way `cyberkg viz` does by default (activities folded into
their projects); ``raw`` rows draw every node (``--max-nodes`` raised).

    PYTHONPATH=/tmp/pkg python benchmarks/bench_viz.py            # 500, 2,000, 10,000 nodes
    PYTHONPATH=/tmp/pkg python benchmarks/bench_viz.py 500 2000   # chosen sizes
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.chromium import Chromium, missing, outside_requests
from cyberkg.viz.layout import layout
from cyberkg.viz.network import read_graph
from cyberkg.viz.page import write_page
from cyberkg.viz.synthetic import synthetic_graph
from cyberkg.viz.views import MAX_NODES, make_view

REPEATS = 3


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main(sizes: list[int]) -> None:
    reason = missing()
    browser = None if reason else Chromium()
    # Warm up: the first layout and page pay for importing numpy, scipy, pyvis and jinja.
    write_page(make_view(read_graph(synthetic_graph(50).dataset())),
               Path(tempfile.gettempdir()) / "cyberkg-bench-warmup.html")
    if reason:
        print(f"(no browser timings: {reason})")
    print("| nodes asked | drawn | links | read (s) | layout (s) | write page (s) | page (MB) "
          "| Chromium load (s) | Chromium drawn (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for size in sizes:
                dataset = synthetic_graph(size, seed=1).dataset()
                graph, read_seconds = timed(read_graph, dataset, lang="fr")
                modes = [("raw", None)] if size <= MAX_NODES else [("folded", MAX_NODES),
                                                                   ("raw", None)]
                for mode, limit in modes:
                    view = make_view(graph, lang="fr", max_nodes=limit)
                    _, layout_seconds = timed(layout, view.graph)
                    path = Path(folder) / f"page-{size}-{mode}.html"
                    writes = [timed(write_page, view, path)[1] for _ in range(REPEATS)]
                    loads, readies = [], []
                    if browser:
                        for _ in range(REPEATS):
                            with browser.open(path, timeout=600) as session:
                                assert not outside_requests(session), outside_requests(session)
                                assert not session.console_errors, session.console_errors
                                drawn = session.eval("window.cyberkg.drawn()")
                                assert drawn == {"nodes": view.graph.number_of_nodes(),
                                                 "edges": view.graph.number_of_edges()}
                                loads.append(session.load_seconds)
                                readies.append(session.ready_seconds)
                    label = f"{size:,}" + (f" ({mode})" if size > MAX_NODES else "")
                    browser_cells = (f"{statistics.median(loads):.2f} | "
                                     f"{statistics.median(readies):.2f}" if loads else "– | –")
                    print(f"| {label} | {view.graph.number_of_nodes():,} | "
                          f"{view.graph.number_of_edges():,} | {read_seconds:.2f} | "
                          f"{layout_seconds:.2f} | {statistics.median(writes):.2f} | "
                          f"{path.stat().st_size / 1e6:.1f} | {browser_cells} |", flush=True)
    finally:
        if browser:
            browser.close()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 2000, 10000])
