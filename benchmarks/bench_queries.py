"""Median latency of every named query: the embedded store vs rdflib's default in-memory store.

For each size (100 thousand and 1 million triples by default) the script generates a synthetic
graph shaped like a cyberkg build (benchmarks/synthetic_graph.py), writes it as the build does
(an on-disk Oxigraph store behind the ``store`` link of a graph folder), opens it as
``cyberkg query`` opens it (``open_dataset``: persistent, not reloaded, queried through rdflib and
oxrdflib, results converted to rdflib terms), and loads the same quads into rdflib's default
store (``Dataset()``, Memory) in a worker process. Every named query runs with parameters the
graph holds: once to warm up ("first"), then ``--runs`` times (median). rdflib runs fewer times
when a run is slow and is stopped at ``--rdflib-timeout`` seconds. Both engines must return the
same number of rows.

    python benchmarks/bench_queries.py                      # 100k and 1M triples
    python benchmarks/bench_queries.py --sizes 100000 --markdown /tmp/bench.md

Targets at 1 million triples: a query about one entity (a project, a country) under 50 ms
median; a whole-graph aggregate under 1.5 s; every query at least 10 times faster than rdflib.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_graph import generate, parameters

ONE_ENTITY_MS = 50
AGGREGATE_S = 1.5
SPEED_UP = 10


def bound_text(query) -> str:
    from rdflib import URIRef

    from cyberkg.queries.library import ENTITY_TYPES, bind
    from cyberkg.queries.params import literal_value

    values = {}
    chosen = parameters()
    for param in query.params:
        raw = chosen[param.name]
        values[param.name] = URIRef(raw) if param.type in ENTITY_TYPES else literal_value(param, raw)
    return bind(query, values)


def kind_of(query) -> str:
    """``one entity`` (a required entity parameter: a project, a country…; or the indexed name
    lookup), ``listing`` (the viz-* queries, which return every node or link of the graph) or
    ``whole graph`` (aggregates, gap questions over every party, the case-insensitive name
    search)."""
    from cyberkg.queries.library import ENTITY_TYPES

    if query.name.startswith("viz-"):
        return "listing"
    if query.name == "resolve-entity" or any(p.type in ENTITY_TYPES and not p.optional
                                             for p in query.params):
        return "one entity"
    return "whole graph"


def rdflib_worker(path: str, connection) -> None:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    connection.send(("loaded", time.perf_counter() - started))
    while True:
        message = connection.recv()
        if message is None:
            return
        text, runs = message
        times, rows = [], 0
        try:
            for attempt in range(runs):
                started = time.perf_counter()
                rows = len(list(dataset.query(text)))
                times.append(time.perf_counter() - started)
                if attempt == 0 and times[0] > 10:
                    break
        except Exception as error:  # noqa: BLE001 - rdflib fails on some valid queries: go on
            connection.send((times or [time.perf_counter() - started], f"error: {error!r}"[:80]))
            continue
        connection.send((times, rows))


class RdflibEngine:
    """rdflib's default store in a process of its own, so that a slow query can be stopped."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.load_seconds = 0.0
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=rdflib_worker, args=(str(self.path), child),
                                       daemon=True)
        self.process.start()
        _tag, self.load_seconds = self.connection.recv()

    def run(self, text: str, runs: int) -> tuple[list[float], int] | None:
        self.connection.send((text, runs))
        if self.connection.poll(self.timeout):
            return self.connection.recv()
        self.process.kill()
        self.process.join()
        self._start()
        return None

    def close(self) -> None:
        self.connection.send(None)
        self.process.join(timeout=10)


def bench_size(size: int, runs: int, rdflib_timeout: float, only: set[str],
               with_rdflib: bool = True) -> list[dict]:
    import pyoxigraph

    from cyberkg.ontology.store import new_store, open_dataset
    from cyberkg.queries.backends import LocalBackend
    from cyberkg.queries.library import all_queries

    work = Path(tempfile.mkdtemp(prefix="bench-queries-"))
    try:
        started = time.perf_counter()
        quads = generate(size)
        nquads = work / "graph.nq"
        nquads.write_bytes(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b"")
        with new_store(work / "out") as store:
            store.extend(quads)
        print(f"# {len(quads)} triples: generated and stored in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        del quads
        opened = time.perf_counter()
        embedded = LocalBackend(open_dataset(work / "out"))
        open_ms = (time.perf_counter() - opened) * 1000
        rdflib = RdflibEngine(nquads, rdflib_timeout) if with_rdflib else None
        print(f"# rdflib loaded in {rdflib.load_seconds if rdflib else 0:.1f} s; store opened in "
              f"{open_ms:.0f} ms", file=sys.stderr)
        results = []
        for query in all_queries():
            if only and query.name not in only:
                continue
            text = bound_text(query)
            started = time.perf_counter()
            first = embedded.run(text)
            first_s = time.perf_counter() - started
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                embedded.run(text)
                times.append(time.perf_counter() - started)
            answer = rdflib.run(text, 3) if rdflib else None
            row = {
                "size": size, "query": query.name, "kind": kind_of(query),
                "rows": len(first.rows), "first": first_s, "median": statistics.median(times),
                "rdflib": statistics.median(answer[0]) if answer else None,
                "rdflib_rows": answer[1] if answer else None,
                "rdflib_ran": rdflib is not None,
            }
            results.append(row)
            print(f"{query.name:28} {row['rows']:>7} rows  first {first_s * 1000:9.1f} ms  "
                  f"median {row['median'] * 1000:9.1f} ms  rdflib "
                  f"{'%9.1f ms' % (row['rdflib'] * 1000) if answer else '   timeout' if rdflib else '-'}",
                  file=sys.stderr)
        if rdflib:
            rdflib.close()
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def verdict(row: dict) -> str:
    notes = []
    if row["size"] >= 1_000_000:
        if row["kind"] == "one entity" and row["median"] * 1000 > ONE_ENTITY_MS:
            notes.append(f"over {ONE_ENTITY_MS} ms")
        if row["kind"] != "one entity" and row["median"] > AGGREGATE_S:
            notes.append(f"over {AGGREGATE_S} s")
    if row["rdflib"] is not None and row["rdflib"] < SPEED_UP * row["median"]:
        notes.append(f"under {SPEED_UP}×")
    if isinstance(row["rdflib_rows"], str):
        notes.append(f"rdflib failed ({row['rdflib_rows']})")
    elif row["rdflib_rows"] is not None and row["rdflib_rows"] != row["rows"]:
        notes.append(f"rdflib: {row['rdflib_rows']} rows")
    return ", ".join(notes) or "ok"


def markdown(results: list[dict], timeout: float) -> str:
    def ms(seconds: float | None) -> str:
        if seconds is None:
            return f"> {timeout:g} s"
        return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"

    lines = []
    for size in sorted({r["size"] for r in results}):
        lines += [f"#### {size:,} triples", "",
                  ("| query | kind | rows | embedded, first | embedded, median | rdflib Memory, "
                   "median | × faster | targets |"),
                  "|---|---|---:|---:|---:|---:|---:|---|"]
        for row in (r for r in results if r["size"] == size):
            if not row["rdflib_ran"]:
                faster, rdflib = "", "not run"
            else:
                faster = f"{row['rdflib'] / row['median']:,.0f}" if row["rdflib"] else \
                    f"> {timeout / row['median']:,.0f}"
                rdflib = ms(row["rdflib"])
            lines.append(f"| {row['query']} | {row['kind']} | {row['rows']} | {ms(row['first'])} "
                         f"| {ms(row['median'])} | {rdflib} | {faster} | {verdict(row)} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="triples of each synthetic graph (comma-separated)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (embedded)")
    parser.add_argument("--rdflib-timeout", type=float, default=300.0,
                        help="seconds before a query on rdflib is stopped")
    parser.add_argument("--queries", default="", help="only these named queries (comma-separated)")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--no-rdflib", action="store_true",
                        help="time the embedded store only (quick checks of the targets)")
    args = parser.parse_args()
    only = {q for q in args.queries.split(",") if q}
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results += bench_size(size, args.runs, args.rdflib_timeout, only,
                              with_rdflib=not args.no_rdflib)
    text = markdown(results, args.rdflib_timeout)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
