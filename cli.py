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


def print_table(title: str, columns: list[str], rows: list[list[object]]) -> None:
    """One table in the terminal (rich), or plain tab-separated text when output is piped."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    Console(soft_wrap=False, highlight=False, markup=False).print(table)


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


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
