"""`cyberkg query` and `cyberkg queries`, as a person types them (click's CliRunner).

Exit codes: 0 done, 2 a usage error or a malformed query (with its line and column), 1 a data
error (no built graph, an endpoint that cannot be reached).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cyberkg.cli import cli
from cyberkg.queries.library import all_queries

NAMES = [q.name for q in all_queries()]


@pytest.fixture
def run(sample_graph: Path):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, [*args, "--graph", str(sample_graph)], input=input)

    return invoke


def test_query_a_named_question_with_a_parameter(run) -> None:
    result = run("query", "project-countries", "--param", "project=GLACY+", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "| hub | country:MU | MU | Mauritius |" in result.output


def test_an_entity_parameter_takes_a_name_in_french(run) -> None:
    result = run("query", "country-projects", "-p", "country=Maurice", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith(
        "hub,https://w3id.org/cyberkg/id/project/glacy-plus,GLACY+,2016-03,2020-02")


@pytest.mark.parametrize("name", NAMES)
def test_every_example_of_every_header_runs(name: str, run) -> None:
    import shlex

    for example in next(q for q in all_queries() if q.name == name).examples:
        args = shlex.split(example)[1:]  # without "cyberkg"
        result = run(*args, "--format", "json")
        assert result.exit_code == 0, (example, result.output)
        assert "head" in json.loads(result.output)


def test_query_text_given_with_e_may_use_cyberkg_prefixes(run) -> None:
    result = run("query", "-e", "SELECT ?a WHERE { project:glacy-plus ckg:acronym ?a }",
                 "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.output == '?a\n"GLACY+"\n'


def test_query_a_file_and_stdin(run, tmp_path: Path) -> None:
    path = tmp_path / "question.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a ckg:Project }", encoding="utf-8")
    from_file = run("query", "-f", str(path), "--format", "csv")
    from_stdin = run("query", "-f", "-", "--format", "csv", input=path.read_text())
    assert from_file.exit_code == 0 and from_file.output == from_stdin.output
    assert from_file.output.startswith("n\n")  # (CliRunner shows CRLF as LF)
    target = path.with_suffix(".csv")
    run("query", "-f", str(path), "--format", "csv", "--output", str(target))
    assert target.read_bytes().startswith(b"n\r\n")  # W3C CSV ends lines with CRLF


def test_a_parameter_of_a_query_without_header_is_bound_not_pasted(run) -> None:
    result = run("query", "-e", "SELECT ?v WHERE { }", "-p", 'v=x" } ; DROP ALL #',
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"] == [
        {"v": {"type": "literal", "value": 'x" } ; DROP ALL #'}}]


def test_output_to_a_file(run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("query", "activities-per-year", "--format", "json", "--output", str(target))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(target.read_text())["head"]["vars"][0] == "year"


def test_a_construct_query_writes_rdf(run) -> None:
    result = run("query", "-e", "CONSTRUCT { ?p ckg:acronym ?a } WHERE { ?p ckg:acronym ?a }",
                 "--format", "nt")
    assert result.exit_code == 0
    assert '<https://w3id.org/cyberkg/id/project/glacy-plus> <https://w3id.org/cyberkg#acronym> ' \
           '"GLACY+" .' in result.output


def test_the_table_shows_short_names_and_counts_the_rows(run) -> None:
    result = run("query", "project-countries", "-p", "project=iPROCEEDS")
    assert result.exit_code == 0
    assert "country:BA" in result.output and result.output.rstrip().endswith("7 rows")


# ---- Errors ------------------------------------------------------------------------------------

def test_a_malformed_query_exits_2_with_line_and_column(run) -> None:
    result = run("query", "-e", "SELECT ?x WHERE {\n  ?x a ckg:Project\n  FILTER( }")
    assert result.exit_code == 2
    assert "malformed query at line 3, column" in result.output


def test_an_undeclared_prefix_is_named(run) -> None:
    result = run("query", "-e", "SELECT * WHERE { ?s foaff:name ?o }")
    assert result.exit_code == 2 and "unknown prefix 'foaff:'" in result.output


def test_an_unknown_query_name_lists_the_close_matches(run) -> None:
    result = run("query", "projet-countries")
    assert result.exit_code == 2
    assert "did you mean project-countries" in result.output


@pytest.mark.parametrize("args, message", [
    (["query", "project-countries"], "needs --param project="),
    (["query", "project-countries", "-p", "project=GLACYY"], "close matches: GLACY"),
    (["query", "project-countries", "-p", "projet=GLACY+"], "has no parameter 'projet'"),
    (["query", "project-countries", "-p", "GLACY+"], "write it as name=value"),
    (["query", "country-activities", "-p", "country=MK", "-p", "from=2016-13"], "no such date"),
    (["query", "activities-per-year", "--format", "ttl"], "--format ttl is for CONSTRUCT"),
    (["query"], "give one query"),
    (["query", "stats-size", "-e", "ASK {}"], "give one query"),
    (["query", "-e", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", "ftp://example.org/"],
     "not an http(s) URL"),
])
def test_usage_errors_exit_2_with_one_sentence(run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_no_built_graph_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "stats-size", "--graph", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no built graph" in result.output


def test_an_endpoint_that_does_not_answer_exits_1(run) -> None:
    from cyberkg.queries.serve import free_port

    result = run("query", "stats-size", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql",
                 "--timeout", "2")
    assert result.exit_code == 1
    assert "cannot be reached" in result.output


# ---- cyberkg queries -----------------------------------------------------------------------------

def test_queries_lists_every_named_query(run) -> None:
    result = CliRunner().invoke(cli, ["queries"])
    assert result.exit_code == 0
    for name in NAMES:
        assert name in result.output


def test_queries_json_gives_each_header() -> None:
    result = CliRunner().invoke(cli, ["queries", "--json"])
    listed = {q["name"]: q for q in json.loads(result.output)}
    assert set(listed) == set(NAMES)
    assert listed["country-activities"]["params"][1] == {
        "name": "from", "type": "date", "example": "2016-10", "optional": True}


@pytest.mark.parametrize("command", ["query", "queries", "push", "serve"])
def test_each_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 5


def test_help_does_not_import_the_heavy_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys; from cyberkg.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('rdflib', 'pyoxigraph', 'SPARQLWrapper', 'rich') "
            "if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "HEAVY []" in done.stdout


def test_the_readme_shows_every_named_query_and_command() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- queries:start -->")[1].split("<!-- queries:end -->")[0]
    for name in NAMES:
        assert f"$ cyberkg query {name}" in section, name
    for command in ("query", "queries", "push", "serve"):
        assert f"$ cyberkg {command}" in section, command
