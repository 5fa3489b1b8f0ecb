"""The ``cyberkg`` command: each command parses its options, calls one library function, prints.

Heavy modules (rdflib, pyoxigraph, networkx, pyvis) are imported inside the commands that need them,
so ``cyberkg --help`` answers at once.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cyberkg import __version__
from cyberkg.ontology.errors import CyberkgError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def library_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a library error into one line on stderr and its exit code (2 usage, 1 data)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CyberkgError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)

    return wrapper


def graph_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--graph", "graph", metavar="DIR", envvar="CYBERKG_GRAPH", default="out",
        show_default=True, type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the built graph (or set CYBERKG_GRAPH).",
    )(command)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="cyberkg")
def cli() -> None:
    """A knowledge graph of the Council of Europe's work against cybercrime.

    Build the graph from CoE documents, then query it, explain where each fact comes from,
    validate it and draw it.
    """


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--out", "out", metavar="DIR", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write graph.trig, graph.ttl, report.json and the store to.")
@click.option("--keep-text", is_flag=True,
              help="Also write the text read from each document to DIR/text/ (the lines "
                   "`explain` cites).")
@click.option("--strict", is_flag=True, help="Exit 1 if any document failed.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@library_errors
def build(paths: tuple[str, ...], out: Path, keep_text: bool, strict: bool, as_json: bool) -> None:
    """Build the graph from documents (default: corpus/, else the bundled corpus).

    PATH may be files or folders. Documents whose bytes did not change since the last build are
    taken from the cache in DIR/cache/.
    """
    from cyberkg.loaders.build import build as run_build
    from cyberkg.loaders.build import bundled_corpus

    if not paths:
        paths = ("corpus",) if Path("corpus").is_dir() else (str(bundled_corpus()),)
    report = run_build(paths, out, keep_text=keep_text)
    if as_json:
        echo_json(report.as_dict())
    else:
        print_build_report(report.as_dict())
    if strict and report.failed:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@library_errors
def stats(graph: Path, as_json: bool) -> None:
    """Triples, nodes per class, facts per document and unresolved names of the built graph."""
    from cyberkg.ontology.store import open_dataset
    from cyberkg.queries.stats import graph_stats

    figures = graph_stats(open_dataset(graph))
    if as_json:
        echo_json(figures)
    else:
        print_stats(figures)


# ---- Queries (issue 4): query, queries, push, serve --------------------------------------------

QUERY_FORMATS = ("table", "csv", "tsv", "json", "md", "ttl", "nt", "jsonld")


def result_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--format and --output, shared by the commands that print a query's result."""
    command = click.option(
        "-o", "--output", "output", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
        help="Write the result to FILE instead of the terminal.")(command)
    return click.option(
        "--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
        help="SELECT/ASK: table (default), csv, tsv, json (W3C SPARQL results), md. "
             "CONSTRUCT/DESCRIBE: ttl (default), nt, jsonld.")(command)


def emit_result(result: Any, fmt: str | None, output: Path | None) -> None:
    """Print a query result in one of QUERY_FORMATS, to the terminal or to a file."""
    import io

    from cyberkg.ontology.errors import UsageError
    from cyberkg.queries.formats import write

    if output is None:
        stream = io.StringIO()
        write(result, fmt, stream, width=None if sys.stdout.isatty() else 200)
        click.echo(stream.getvalue(), nl=False)
        return
    stream = io.StringIO()
    write(result, fmt, stream, width=200)
    try:
        output.write_text(stream.getvalue(), encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{output}: cannot be written ({error.strerror or error})") from None


@cli.command("query", context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("-e", "--execute", "text", metavar="SPARQL", help="Run this SPARQL query.")
@click.option("-f", "--file", "path", metavar="FILE",
              type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
              help="Run the SPARQL query in FILE (- reads it from stdin).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter, bound as a typed RDF term (repeat it for several values).")
@result_options
@click.option("--endpoint", metavar="URL",
              help="Run on this SPARQL 1.1 endpoint instead of the built graph (credentials: "
                   "CYBERKG_ENDPOINT_USER/PASSWORD, CYBERKG_ENDPOINT_TOKEN or ~/.netrc).")
@click.option("--union", is_flag=True,
              help="With --endpoint: name every graph of the endpoint in the request, so that "
                   "the default graph is their union on any server.")
@click.option("--timeout", type=float, default=60.0, show_default=True, metavar="SECONDS",
              help="With --endpoint: how long to wait for the answer.")
@graph_option
@library_errors
def query(name: str | None, text: str | None, path: Path | None, params: tuple[str, ...],
          fmt: str | None, output: Path | None, endpoint: str | None, union: bool,
          timeout: float, graph: Path) -> None:
    """Run a named query (see `cyberkg queries`), -e SPARQL or -f FILE.

    Parameters are bound as RDF terms, never pasted into the query: an entity parameter takes an
    IRI, a slug, an acronym, a code or a name in any language (--param project=GLACY+,
    --param "country=Bosnie-Herzégovine"), a date parameter YYYY, YYYY-MM or YYYY-MM-DD.
    """
    from cyberkg.queries.run import execute, open_backend

    backend = open_backend(graph, endpoint, timeout=timeout, union=union)
    emit_result(execute(backend, name=name, text=text, path=path, params=params), fmt, output)


@cli.command("queries", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print every header field as JSON.")
@click.option("--format", "fmt", type=click.Choice(("table", "md", "csv", "tsv")), default=None,
              help="table (default), md, csv or tsv.")
@library_errors
def list_queries(as_json: bool, fmt: str | None) -> None:
    """The named queries: the questions `cyberkg query NAME --param name=value` answers.

    A parameter marked ? may be left out.
    """
    from cyberkg.queries.library import all_queries, listing

    found = all_queries()
    if as_json:
        echo_json([{"name": q.name, "title": q.title, "description": q.description,
                    "params": [{"name": p.name, "type": p.type, "example": p.example,
                                "optional": p.optional} for p in q.params],
                    "examples": list(q.examples)} for q in found])
        return
    emit_result(listing(found), fmt, None)


@cli.command(context_settings=CONTEXT)
@click.option("--endpoint", required=True, metavar="URL",
              help="The SPARQL query endpoint of the store (push reads what it holds).")
@click.option("--update-endpoint", metavar="URL",
              help="Send SPARQL 1.1 Update requests here (default: the --endpoint URL).")
@click.option("--graph-store", metavar="URL",
              help="Send the graphs with the SPARQL 1.1 Graph Store HTTP Protocol here instead.")
@click.option("--batch-size", type=int, default=50_000, show_default=True, metavar="TRIPLES",
              help="Triples per request.")
@click.option("--force", is_flag=True, help="Send every graph, even those the store already has.")
@click.option("--timeout", type=float, default=120.0, show_default=True, metavar="SECONDS",
              help="How long to wait for each request.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@graph_option
@library_errors
def push(endpoint: str, update_endpoint: str | None, graph_store: str | None, batch_size: int,
         force: bool, timeout: float, as_json: bool, graph: Path) -> None:
    """Upload the built graph to a triple store, each named graph replacing its previous upload.

    Only the graphs that changed since the last push to that store are sent; credentials come
    from CYBERKG_ENDPOINT_USER/PASSWORD, CYBERKG_ENDPOINT_TOKEN or ~/.netrc, never the output.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from cyberkg.queries.push import push as run_push

    console = Console(stderr=True)
    with Progress(TextColumn("push"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("push", total=None)

        def progress(done: int, total: int, _graph: str) -> None:
            bar.update(task, completed=done, total=total)

        report = run_push(graph, endpoint, update_endpoint=update_endpoint,
                          graph_store=graph_store, batch_size=batch_size, force=force,
                          timeout=timeout, progress=progress)
    if as_json:
        echo_json(report.as_dict())
        return
    click.echo(f"{len(report.sent)} graph(s) sent ({report.triples} triples, "
               f"{report.requests} request(s)), {len(report.kept)} unchanged, "
               f"{len(report.dropped)} dropped, to {report.target} ({report.protocol}) "
               f"in {report.seconds:.2f} s")


@cli.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (only this machine by default).")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0: any free one).")
@click.option("--timeout", "time_limit", type=float, default=30.0, show_default=True,
              metavar="SECONDS", help="Time limit of a query.")
@click.option("--limit", "row_limit", type=int, default=10_000, show_default=True, metavar="ROWS",
              help="Most rows (or triples) in an answer.")
@click.option("--workers", type=int, default=8, show_default=True,
              help="Queries answered at once.")
@click.option("--log", is_flag=True, help="Log each request on stderr.")
@graph_option
@library_errors
def serve(host: str, port: int, time_limit: float, row_limit: int, workers: int, log: bool,
          graph: Path) -> None:
    """Open the built graph to SPARQL tools: a read-only SPARQL 1.1 endpoint and a query page.

    The engine is Oxigraph's server over the same store; updates are refused.
    """
    import ipaddress
    import signal

    from cyberkg.queries.serve import Limits, start

    running = start(graph, host=host, port=port, log=log,
                    limits=Limits(time_limit=time_limit, row_limit=row_limit, workers=workers))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if not ipaddress.ip_address(running.httpd.server_address[0]).is_loopback:
            click.echo(f"warning: listening on {host}: whoever reaches this machine can query "
                       "the graph", err=True)
    except ValueError:
        pass
    click.echo(f"Serving {graph}/ at {running.url} (SPARQL endpoint: {running.endpoint}, "
               f"{time_limit:g} s and {row_limit} rows per query); Ctrl+C stops.")
    try:
        running.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


VIEW_CHOICES = ("graph", "countries", "projects", "partners")


def view_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--view, --focus, --depth, --lang and --documents, shared by viz, analyze and export."""
    for option in reversed((
        click.option("--view", default="graph", show_default=True,
                     type=click.Choice(VIEW_CHOICES + ("timeline",)
                                       if command.__name__ == "viz" else VIEW_CHOICES),
                     help="graph: everything; countries: countries linked by shared projects; "
                          "projects: projects linked by shared partners; partners: organisations "
                          "and their projects"
                          + ("; timeline: activities per project (.png/.svg)."
                             if command.__name__ == "viz" else ".")),
        click.option("--focus", metavar="NAME",
                     help="Keep only what lies around this entity (a label in either language, "
                          "an acronym or an IRI)."),
        click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
                     help="With --focus: how many links away from it to keep."),
        click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
                     help="Language of the labels (falls back to the other one)."),
        click.option("--documents", is_flag=True,
                     help="Also draw the source documents and what each mentions."),
    )):
        command = option(command)
    return command


@cli.command(context_settings=CONTEXT)
@graph_option
@view_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Page to write (default: VIEW.html; VIEW.png for the timeline).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Above this many nodes, fold activities into their projects (or ask for "
                   "--focus).")
@library_errors
def viz(graph: Path, view: str, focus: str | None, depth: int, lang: str, documents: bool,
        output: Path | None, max_nodes: int) -> None:
    """Draw the graph as one interactive HTML page that works offline.

    Colours and shapes per class with a legend, a search box, filters by project, country,
    convention, region and years, tooltips with the key facts and their source documents.
    `--view timeline` draws the activities of each project as a picture instead.
    """
    from cyberkg.ontology.store import open_dataset
    from cyberkg.viz.views import open_view

    dataset = open_dataset(graph)
    if view == "timeline":
        from cyberkg.viz.timeline import write_timeline

        timeline = open_view(dataset, "graph", focus=focus, depth=depth, lang=lang,
                             max_nodes=None)
        path = output or Path("timeline.png")
        rows = write_timeline(timeline.graph, path, lang)
        click.echo(f"{path}: activities of {rows} project(s)")
        return
    from cyberkg.viz.page import write_page

    chosen = open_view(dataset, view, focus=focus, depth=depth, lang=lang, documents=documents,
                       max_nodes=max_nodes)
    for note in chosen.notes:
        click.echo(f"note: {note}", err=True)
    info = write_page(chosen, output or Path(f"{view}.html"))
    click.echo(f"{info.path}: {info.nodes} nodes, {info.edges} links "
               f"({info.bytes / 1e6:.1f} MB, works offline)")


@cli.command(context_settings=CONTEXT)
@graph_option
@view_options
@click.option("--measure", "measures", multiple=True, metavar="NAME",
              type=click.Choice(["degree", "betweenness", "eigenvector", "communities",
                                 "bridges"]),
              help="Only this measure (repeatable; default: all).")
@click.option("-k", "--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Rows per table.")
@click.option("--csv", "as_csv", is_flag=True,
              help="Print one CSV table (measure, rank, node, name, kind, value, detail).")
@library_errors
def analyze(graph: Path, view: str, focus: str | None, depth: int, lang: str, documents: bool,
            measures: tuple[str, ...], top: int, as_csv: bool) -> None:
    """Central nodes (degree, betweenness, eigenvector), communities and bridges between regions."""
    from cyberkg.ontology.store import open_dataset
    from cyberkg.viz.analyze import CSV_COLUMNS, MEASURES, rows_for_csv
    from cyberkg.viz.analyze import analyze as run_analysis
    from cyberkg.viz.views import open_view

    chosen = open_view(open_dataset(graph), view, focus=focus, depth=depth, lang=lang,
                       documents=documents, max_nodes=None)
    tables = run_analysis(chosen, measures=measures or MEASURES, top=top)
    if as_csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows_for_csv(tables))
        return
    click.echo(f"{chosen.title}: {chosen.graph.number_of_nodes()} nodes, "
               f"{chosen.graph.number_of_edges()} links")
    for table in tables:
        columns = ["#", "name", "kind", table.value_name] + (
            [table.detail_name] if table.detail_name else [])
        print_table(table.title, columns, [[rank, label, kind, value, detail][:len(columns)]
                                           for rank, _node, label, kind, value, detail
                                           in table.rows])
        if table.note:
            click.echo(f"  ({table.note})")


@cli.command(context_settings=CONTEXT)
@graph_option
@view_options
@click.option("-f", "--format", "fmt", required=True,
              type=click.Choice(["graphml", "gexf", "cytoscape", "csv", "png", "svg"]),
              help="graphml/gexf for Gephi, cytoscape (JSON), csv (nodes.csv and edges.csv in a "
                   "folder), png/svg (an A4 picture).")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="PATH",
              help="File to write (a folder for csv; default: VIEW.EXT, or VIEW-csv/).")
@library_errors
def export(graph: Path, view: str, focus: str | None, depth: int, lang: str, documents: bool,
           fmt: str, output: Path | None) -> None:
    """Write the graph (or a view of it) for Gephi, Cytoscape, a spreadsheet or a report."""
    from cyberkg.ontology.store import open_dataset
    from cyberkg.viz.export import SUFFIX, write_export
    from cyberkg.viz.views import MAX_NODES, open_view

    chosen = open_view(open_dataset(graph), view, focus=focus, depth=depth, lang=lang,
                       documents=documents,
                       max_nodes=MAX_NODES if fmt in ("png", "svg") else None)
    for note in chosen.notes:
        click.echo(f"note: {note}", err=True)
    path = output or Path(f"{view}-csv" if fmt == "csv" else f"{view}{SUFFIX[fmt]}")
    info = write_export(chosen, fmt, path)
    click.echo(f"{', '.join(map(str, info.paths))}: {info.nodes} nodes, {info.edges} links")


def print_table(title: str, columns: list[str], rows: list[list[object]]) -> None:
    """One table in the terminal (rich); piped output is not folded to 80 columns."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, overflow="fold", no_wrap=index == 0)
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    console = Console(highlight=False, markup=False)
    if not console.is_terminal:
        console = Console(highlight=False, markup=False, width=160)
    console.print(table)


def print_build_report(report: dict[str, Any]) -> None:
    rows = []
    for doc in report["documents"]:
        detail = doc["error"] or f"{len(doc['warnings'])} warning(s)"
        rows.append([Path(doc["source"]).name, doc["status"], doc["facts"], doc["triples"], detail])
    print_table("Documents", ["document", "status", "facts", "triples", "notes"], rows)
    for doc in report["documents"]:
        if doc["error"]:
            click.echo(f"error: {doc['source']}: {doc['error']}", err=True)
        for warning in doc["warnings"]:
            click.echo(f"warning: {doc['source']}:{warning['line']}: {warning['message']}",
                       err=True)
    click.echo(f"{len(report['documents'])} document(s), {report['failed']} failed; "
               f"{report['triples']} triples in {report['out']}/ "
               f"(graph.trig, graph.ttl, store, report.json) in {report['seconds']:.2f} s")


def print_stats(figures: dict[str, Any]) -> None:
    click.echo(f"{figures['triples']} triples in {figures['graphs']} named graphs")
    print_table("Nodes per class", ["class", "nodes"],
                [[row["class"], row["nodes"]] for row in figures["classes"]])
    print_table("Facts per document", ["document", "facts", "evidence"],
                [[row["document"], row["facts"], row["evidence"]] for row in figures["documents"]])
    print_table("Unresolved names", ["kind", "name", "document"],
                [[row["kind"], row["name"], row["document"]] for row in figures["unresolved"]])


@cli.command(context_settings=CONTEXT)
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the violations as JSON.")
@library_errors
def validate(graph: Path, as_json: bool) -> None:
    """Check the built graph against the SHACL shapes (ontology/shapes.ttl).

    Prints each violation with the node, the rule and the document it came from;
    exits 1 when there is any.
    """
    from cyberkg.ontology.store import open_dataset
    from cyberkg.ontology.validation import validate as run_validate

    violations = run_validate(open_dataset(graph))
    if as_json:
        echo_json([v.as_dict() for v in violations])
    else:
        for v in violations:
            where = ", ".join(v.documents) or "reference data"
            path = f" {v.path}" if v.path else ""
            value = f" = {v.value}" if v.value is not None else ""
            click.echo(f"{v.focus}{path}{value}: {v.message} [{v.rule}; {where}]")
        click.echo(f"{len(violations)} violation(s)")
    if violations:
        sys.exit(1)


def compact(term: object) -> str:
    """An IRI written with the prefixes of the graph files (ckg:, country:, project:…)."""
    from cyberkg.ontology.iri import PREFIXES

    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and text != namespace:
            return f"{prefix}:{text[len(namespace):]}"
    return text


@cli.command(context_settings=CONTEXT)
@click.argument("entity")
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@library_errors
def explain(entity: str, graph: Path, as_json: bool) -> None:
    """Every fact about ENTITY with the document, line and sentence that state it.

    ENTITY is an IRI, a slug (glacy-plus), an acronym (GLACY+), an ISO code (MK) or a name in
    English or French (Bosnie-Herzégovine).
    """
    from cyberkg.ontology.store import open_dataset
    from cyberkg.queries.explain import explain as run_explain

    facts = run_explain(open_dataset(graph), entity)
    if as_json:
        echo_json([fact.as_dict() for fact in facts])
        return
    for fact in facts:
        where = f"{compact(fact.document).split(':', 1)[-1]}:{fact.line}"
        if fact.position == "subject":
            statement = f"{compact(fact.predicate)} {compact(fact.object)}"
        else:
            statement = f"{compact(fact.subject)} {compact(fact.predicate)} (this)"
        click.echo(f"{statement}\n    {where}  {fact.sentence or ''}")
    click.echo(f"{len(facts)} fact(s)")


@cli.command(context_settings=CONTEXT)
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the conflicts as JSON.")
@library_errors
def conflicts(graph: Path, as_json: bool) -> None:
    """Facts on which two documents disagree (dates, budgets, CoE share), with both sources.

    A value that only says less than the other (2016-10 and 2016-10-31) is no conflict.
    """
    from cyberkg.ontology.store import open_dataset
    from cyberkg.queries.conflicts import find_conflicts

    found = find_conflicts(open_dataset(graph))
    if as_json:
        echo_json([c.as_dict() for c in found])
        return
    for conflict in found:
        click.echo(f"{compact(conflict.subject)} {compact(conflict.property)}")
        for side in (conflict.first, conflict.second):
            document = compact(side.document).split(":", 1)[-1]
            click.echo(f"    {side.value}  {document}:{side.line}  {side.sentence or ''}")
    click.echo(f"{len(found)} conflict(s)")


def main() -> None:
    cli(prog_name="cyberkg")


if __name__ == "__main__":
    main()
