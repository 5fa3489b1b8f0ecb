"""`cyberkg push` into a real Oxigraph server, then every named query through `--endpoint`.

The servers are real (pip package `oxigraph`, in memory, on a free port of 127.0.0.1). The built
bundled corpus goes in with the Graph Store HTTP Protocol to a server whose default graph is the
union of its graphs; the sample graph goes in with SPARQL 1.1 Update to a plain server, queried
with --union. Either way, every named query answers remotely what it answers locally.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cyberkg.cli import cli
from cyberkg.queries.backends import LocalBackend, RemoteBackend, Result
from cyberkg.queries.library import all_queries
from cyberkg.queries.push import push
from cyberkg.queries.run import run_named

pytestmark = pytest.mark.server
QUERIES = all_queries()


def comparable(result: Result) -> list[tuple]:
    """Rows with each term as (kind, text, datatype or language); lists made by GROUP_CONCAT
    (whose order SPARQL leaves open) sorted."""
    from rdflib import BNode, Literal

    def term(t: object) -> tuple | None:
        if t is None:
            return None
        if isinstance(t, Literal):
            text = "; ".join(sorted(str(t).split("; ")))
            return ("literal", text, t.language or str(t.datatype or ""))
        if isinstance(t, BNode):
            return ("bnode",)
        return ("iri", str(t))

    return [tuple(term(t) for t in row) for row in result.rows]


def assert_same(name: str, remote: Result, local: Result) -> None:
    """The same rows; in the same order too where the query's ORDER BY is total (rows that tie
    may come in any order, and the viz-* queries of cyberkg viz order loosely)."""
    assert sorted(comparable(remote), key=repr) == sorted(comparable(local), key=repr)
    if not name.startswith("viz-"):
        assert comparable(remote) == comparable(local)


@pytest.fixture(scope="module")
def corpus_endpoint(oxigraph_server, built_corpus: Path, tmp_path_factory) -> str:
    """The bundled corpus pushed (Graph Store Protocol) to a union-default-graph server."""
    graph_dir = tmp_path_factory.mktemp("pushed") / "out"
    shutil.copytree(built_corpus, graph_dir, symlinks=True)
    base = oxigraph_server("--union-default-graph")
    report = push(graph_dir, f"{base}/query", graph_store=f"{base}/store", batch_size=500)
    assert report.sent and not report.kept
    return f"{base}/query"


@pytest.fixture(scope="module")
def sample_endpoint(oxigraph_server, sample_graph: Path, tmp_path_factory) -> str:
    """The sample graph pushed (SPARQL Update) to a plain server."""
    graph_dir = tmp_path_factory.mktemp("pushed-sample") / "out"
    shutil.copytree(sample_graph, graph_dir, symlinks=True)
    base = oxigraph_server()
    push(graph_dir, f"{base}/query", update_endpoint=f"{base}/update", batch_size=700)
    return f"{base}/query"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_named_query_answers_the_same_on_the_server_as_locally(
        query, corpus_endpoint: str, corpus_dataset) -> None:
    params = {p.name: [p.example] for p in query.params}
    local = run_named(LocalBackend(corpus_dataset), query.name, params)
    remote = run_named(RemoteBackend(corpus_endpoint), query.name, params)
    assert remote.variables == local.variables
    assert_same(query.name, remote, local)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_the_same_through_sparql_update_and_union(query, sample_endpoint: str,
                                                  sample_dataset) -> None:
    params = {p.name: [p.example] for p in query.params}
    local = run_named(LocalBackend(sample_dataset), query.name, params)
    remote = run_named(RemoteBackend(sample_endpoint, union=True), query.name, params)
    assert_same(query.name, remote, local)
    if query.name in ("project-countries", "conflicts", "entity-facts"):
        assert local.rows, query.name  # the sample answers these: the comparison means something


def test_a_named_query_runs_on_the_endpoint_from_the_command_line(sample_endpoint: str) -> None:
    result = CliRunner().invoke(cli, ["query", "country-projects", "-p", "country=Maurice",
                                      "--endpoint", sample_endpoint, "--union", "--format", "json"])
    assert result.exit_code == 0, result.output
    projects = [b["name"]["value"] for b in json.loads(result.output)["results"]["bindings"]]
    assert projects == ["GLACY+", "GLACY"]


def test_a_second_push_sends_only_what_changed(oxigraph_server, sample_graph: Path,
                                               tmp_path: Path) -> None:
    from test_queries_sample import build_sample, sample_documents

    graph_dir = tmp_path / "out"
    shutil.copytree(sample_graph, graph_dir, symlinks=True)
    base = oxigraph_server()
    store = f"{base}/store"
    foreign = "http://example.org/someone-else"
    from cyberkg.queries.remote import http_request

    http_request(f"{store}?graph={foreign}", method="PUT", data=b'<http://x/a> <http://x/b> "1" .\n',
                 content_type="application/n-triples")
    first = push(graph_dir, f"{base}/query", graph_store=store)
    assert len(first.sent) == 5
    again = push(graph_dir, f"{base}/query", graph_store=store)
    assert again.sent == [] and len(again.kept) == 5 and again.requests == 0

    # The build changes: one document is gone. Its graph is dropped, the others stay.
    documents = sample_documents()
    gone = documents[2].document
    build_sample(graph_dir, documents[:2])
    third = push(graph_dir, f"{base}/query", graph_store=store)
    assert third.dropped == [str(gone)] and third.sent == []
    from cyberkg.queries.push import remote_counts

    counts = remote_counts(f"{base}/query", 10)
    assert str(gone) not in counts and counts[foreign] == 1
    forced = push(graph_dir, f"{base}/query", graph_store=store, force=True)
    assert len(forced.sent) == 4


def test_push_from_the_command_line(oxigraph_server, sample_graph: Path, tmp_path: Path) -> None:
    graph_dir = tmp_path / "out"
    shutil.copytree(sample_graph, graph_dir, symlinks=True)
    base = oxigraph_server()
    result = CliRunner().invoke(cli, ["push", "--endpoint", f"{base}/query", "--graph-store",
                                      f"{base}/store", "--graph", str(graph_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 graph(s) sent (")
    assert "0 unchanged, 0 dropped" in result.output


@pytest.mark.parametrize("args, code, message", [
    (["--update-endpoint", "http://127.0.0.1:1/u", "--graph-store", "http://127.0.0.1:1/s"], 2,
     "not both"),
    (["--batch-size", "0"], 2, "at least 1"),
    ([], 1, "cannot be reached"),
])
def test_push_errors(args: list[str], code: int, message: str, sample_graph: Path) -> None:
    from cyberkg.queries.serve import free_port

    endpoint = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(cli, ["push", "--endpoint", endpoint, *args, "--graph",
                                      str(sample_graph), "--timeout", "3"])
    assert result.exit_code == code, result.output
    assert message in result.output
