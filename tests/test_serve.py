"""`cyberkg serve`: a read-only SPARQL 1.1 endpoint over the built store, queried as a client would
(SPARQLWrapper), with its time and row limits, and its page."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from cyberkg.queries.backends import LocalBackend
from cyberkg.queries.library import all_queries
from cyberkg.queries.remote import json_result
from cyberkg.queries.run import prepare_named
from cyberkg.queries.serve import Limits, Running, start

pytestmark = pytest.mark.server
QUERIES = all_queries()
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def served(sample_graph: Path) -> Iterator[Running]:
    running = start(sample_graph, port=0, in_thread=True,
                    limits=Limits(time_limit=30, row_limit=100_000))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def strict(sample_graph: Path) -> Iterator[Running]:
    running = start(sample_graph, port=0, in_thread=True, limits=Limits(time_limit=1, row_limit=5))
    yield running
    running.stop()


def client(endpoint: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    wrapper.setMethod("POST")
    wrapper.setTimeout(20)
    return wrapper


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_it_listens_on_127_0_0_1_by_default(served: Running) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    assert served.httpd.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_sparqlwrapper_gets_what_cyberkg_query_gets(query, served: Running,
                                                    sample_dataset) -> None:
    local = LocalBackend(sample_dataset)
    text = prepare_named(query, {p.name: [p.example] for p in query.params}, local)
    answer = client(served.endpoint, text).queryAndConvert()
    remote = json_result(answer)  # type: ignore[arg-type]
    expected = local.run(text)
    assert remote.variables == expected.variables
    assert sorted(map(repr, remote.rows)) == sorted(map(repr, expected.rows))


def test_construct_answers_in_turtle(served: Running) -> None:
    from rdflib import Graph

    data = client(served.endpoint, "CONSTRUCT WHERE { ?p <https://w3id.org/cyberkg#acronym> ?a }",
                  TURTLE).queryAndConvert()
    graph = Graph().parse(data=data, format="turtle")  # type: ignore[arg-type]
    assert len(graph) > 10


@pytest.mark.parametrize("accept, fmt", [
    ("application/sparql-results+xml", "XML"), ("text/tab-separated-values", "TSV"),
    ("application/sparql-results+json", "JSON")])
def test_the_result_formats_of_the_protocol(served: Running, accept: str, fmt: str,
                                            sample_dataset) -> None:
    import pyoxigraph

    query = "SELECT ?a WHERE { ?p <https://w3id.org/cyberkg#acronym> ?a } ORDER BY ?a LIMIT 3"
    status, headers, body = http(served.endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    parsed = list(pyoxigraph.parse_query_results(body, getattr(pyoxigraph.QueryResultsFormat, fmt)))
    expected = LocalBackend(sample_dataset).run(query)
    assert [s["a"].value for s in parsed] == [str(row[0]) for row in expected.rows]
    assert len(parsed) == 3


@pytest.mark.parametrize("how", ["sparql-update body", "update form field", "/update", "PUT"])
def test_updates_are_refused_with_403(served: Running, how: str) -> None:
    if how == "sparql-update body":
        answer = http(served.endpoint, data=b"DROP ALL",
                      headers={"Content-Type": "application/sparql-update"})
    elif how == "update form field":
        answer = http(served.endpoint, data=b"update=DROP+ALL",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "/update":
        answer = http(served.url + "update", data=b"update=DROP+ALL",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        answer = http(served.url + "store?default", data=b"", method="PUT")
    assert answer[0] == 403
    assert b"read-only" in answer[2]
    left = client(served.endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").queryAndConvert()
    assert int(left["results"]["bindings"][0]["n"]["value"]) > 1000  # type: ignore[index]


def test_a_malformed_query_is_a_400_with_line_and_column(served: Running) -> None:
    status, _headers, body = http(served.endpoint, data=b"SELECT * WHERE {\n ?s ?p ?o FILTER(}",
                                  headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    assert b"malformed query at line 2, column" in body


def test_the_row_limit_cuts_the_answer_and_says_so(strict: Running) -> None:
    status, headers, body = http(strict.endpoint + "?query=" + urllib.parse.quote(
        "SELECT ?s WHERE { ?s ?p ?o }"), headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5
    assert headers["X-Cyberkg-Truncated"] == "5"


def test_a_query_that_runs_too_long_is_cut_off_with_503(strict: Running) -> None:
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as error:
        client(strict.endpoint, HEAVY).query()
    assert error.value.code == 503
    assert b"time limit" in error.value.read()
    assert time.monotonic() - started < 10
    # The server still answers afterwards.
    assert client(strict.endpoint, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True  # type: ignore[index]


def test_the_page_works_offline_and_shows_values_as_text(served: Running) -> None:
    status, headers, page = http(served.url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert not re.search(rb"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    _status, _headers, script = http(served.url + "app.js")
    assert b"innerHTML" not in script and b"textContent" in script
    assert b"fetch(\"http" not in script
    _status, _headers, listing = http(served.url + "queries.json")
    assert {q["name"] for q in json.loads(listing)} == {q.name for q in QUERIES}


def test_serve_from_the_command_line_stops_with_its_engine(sample_graph: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg.cli", "serve", "--port", "0", "--graph", str(sample_graph)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"at (http://127\.0\.0\.1:\d+/) ", line)
        assert url, line
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert children, "the Oxigraph server runs as a child process"
        answer = client(url.group(1) + "sparql", "ASK { ?s ?p ?o }").queryAndConvert()
        assert answer["boolean"] is True  # type: ignore[index]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    assert process.returncode == 0
    for child in children:
        assert not Path(f"/proc/{child}").exists(), "the Oxigraph server was left running"
