"""The named queries: every .rq file is a complete, runnable question, and the answers are right.

The answers are checked on the sample graph of test_queries_sample.py, whose facts are known.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from cyberkg.ontology import mint
from cyberkg.ontology.errors import QueryError, UsageError
from cyberkg.queries.backends import LocalBackend, query_kind
from cyberkg.queries.library import (
    ENTITY_TYPES,
    all_queries,
    bind,
    bind_text,
    load,
    parse,
    sparql_term,
)

QUERIES = all_queries()
NAMES = [q.name for q in QUERIES]
INJECTIONS = ['x" } ; DROP ALL #', "x' } DROP ALL #", "x\n} } DELETE WHERE { ?s ?p ?o }",
              'x\\" } #', '"""', "\u0000\u2028\t<>"]
# The questions issue 4 asks for, each answered by a named query.
REQUIRED = {
    "project-countries", "country-projects", "project-partners", "convention-projects",
    "country-activities", "project-activities", "activities-per-country",
    "activities-per-project", "activities-per-year", "activities-per-type",
    "budgets-by-project", "budgets-by-funder", "budgets-per-year", "shared-partners",
    "co-participation", "project-lineage", "convention-statuses", "organisations-by-projects",
    "hub-countries", "entity-facts", "conflicts", "unresolved-names",
    "parties-without-activity", "invited-not-served", "projects-missing-data",
}


@pytest.fixture(scope="module")
def sample(sample_dataset) -> LocalBackend:
    return LocalBackend(sample_dataset, description="the sample graph")


def rows(backend: LocalBackend, name: str, **params: str | list[str]) -> list[dict]:
    from cyberkg.queries.run import run_named

    given_ = {k: (v if isinstance(v, list) else [v]) for k, v in params.items()}
    return run_named(backend, name, given_).values()


def example_params(query) -> dict[str, list[str]]:
    return {p.name: [p.example] for p in query.params}


# ---- Every .rq file ----------------------------------------------------------------------------

def test_every_question_of_the_issue_has_its_named_query() -> None:
    assert REQUIRED <= set(NAMES), REQUIRED - set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_header_says_title_description_parameters_and_an_example(name: str) -> None:
    query = load(name)
    assert query.title and query.description.endswith((".", ")")), query.description
    assert query.examples, f"{name}: no '# example:' line"
    for example in query.examples:
        assert example.startswith(f"cyberkg query {name}"), example
    for param in query.params:
        assert param.example, f"{name}: parameter {param.name} has no example"
        if not param.optional:
            assert f"{param.name}=" in query.examples[0], (name, param.name)


@pytest.mark.parametrize("name", NAMES)
def test_the_query_parses_on_its_own_with_no_default_prefix(name: str) -> None:
    import pyoxigraph

    pyoxigraph.Store().query(load(name).text)  # raises SyntaxError on any undeclared prefix


@pytest.mark.parametrize("name", NAMES)
def test_the_file_runs_as_it_is_with_its_example_value(name: str, sample: LocalBackend) -> None:
    result = sample.run(load(name).text)
    assert result.kind == "select"
    assert result.variables


@pytest.mark.parametrize("name", NAMES)
def test_the_example_value_of_the_header_is_the_one_in_the_values_block(
        name: str, sample: LocalBackend) -> None:
    import pyoxigraph

    from cyberkg.ontology.store import to_oxigraph
    from cyberkg.queries.entities import resolve
    from cyberkg.queries.params import literal_value

    query = load(name)
    for param in query.params:
        if param.type in ENTITY_TYPES:
            term = resolve(sample, param.example, ENTITY_TYPES[param.type])
        else:
            term = literal_value(param, param.example)
        block = re.search(r"VALUES\s+\?" + param.name + r"\s*\{[^{}]*\}", query.text)
        assert block, (name, param.name)
        prologue = "".join(line + "\n" for line in query.text.splitlines()
                           if line.startswith("PREFIX"))
        [value] = list(pyoxigraph.Store().query(
            f"{prologue}SELECT * WHERE {{ {block.group(0)} }}"))
        assert value[param.name] == to_oxigraph(term), (name, param.name, term)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("value", INJECTIONS)
def test_an_injection_string_is_only_an_unusual_value(name: str, value: str,
                                                      sample: LocalBackend) -> None:
    """Every parameter bound to a hostile string: the query still parses and runs, unchanged."""
    query = load(name)
    bound = bind(query, {p.name: Literal(value) for p in query.params})
    assert query_kind(bound) == "select"
    sample.run(bound)
    # The value is one escaped term where a harmless one would be: nothing else changed.
    harmless = bind(query, {p.name: Literal("harmless") for p in query.params})
    assert bound.replace(sparql_term(Literal(value)), "@") == \
        harmless.replace(sparql_term(Literal("harmless")), "@")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_bound_comes_back_as_the_same_literal(text: str) -> None:
    import pyoxigraph

    query = bind_text("SELECT ?v WHERE { VALUES ?v { \"\" } }", {"v": Literal(text)})
    [solution] = list(pyoxigraph.Store().query(query))
    assert solution["v"].value == text


def test_a_string_that_is_not_an_iri_never_becomes_one() -> None:
    with pytest.raises(UsageError, match="not a valid IRI"):
        sparql_term(URIRef("http://x> } DROP ALL #"))


def test_several_values_of_a_parameter_match_any_of_them(sample: LocalBackend) -> None:
    found = rows(sample, "project-countries", project=["GLACY", "iPROCEEDS"])
    assert {r["iso2"] for r in found} >= {"ZA", "AL", "BA"}


def test_a_parameter_left_out_of_a_query_without_header_becomes_a_trailing_values_clause() -> None:
    text = bind_text("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("http://x/a"),
                                                      "o": [Literal("1"), Literal("2")]})
    assert text.rstrip().endswith('VALUES (?s ?o) { (<http://x/a> "1") (<http://x/a> "2") }')
    assert query_kind(text) == "select"


# ---- The library of queries ----------------------------------------------------------------------

def test_an_unknown_name_lists_the_close_matches() -> None:
    with pytest.raises(UsageError, match="did you mean project-countries"):
        load("projet-countries")


@pytest.mark.parametrize("text, message", [
    ("SELECT * WHERE { ?s ?p ?o }", "no '# title:'"),
    ("# title: T\n# param: project project GLACY+\nSELECT * WHERE { ?project ?p ?o }",
     "has no 'VALUES [?]project"),
    ("# title: T\n# param: x colour red\nSELECT * WHERE { VALUES ?x { 1 } }", "unknown type"),
    ("# title: T\n# param: x\nSELECT * WHERE { VALUES ?x { 1 } }", "needs a name, a type"),
])
def test_a_bad_header_is_refused_when_the_file_is_read(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(text, "bad")


def test_an_optional_parameter_left_out_matches_anything(sample: LocalBackend) -> None:
    everything = rows(sample, "convention-statuses")
    one_country = rows(sample, "convention-statuses", country="Maurice")
    assert {r["iso2"] for r in one_country} == {"MU"}
    assert {r["iso2"] for r in everything} >= {"MU", "LK", "TO", "CV", "GH", "NG", "BF"}


def test_a_missing_required_parameter_is_a_usage_error(sample: LocalBackend) -> None:
    with pytest.raises(UsageError, match=r"needs --param project=… \(a project, e.g. project=GLACY\+\)"):
        rows(sample, "project-countries")


@pytest.mark.parametrize("raw, expected", [
    ("2016", Literal("2016", datatype=ns.XSD.gYear)),
    ("2016-10", Literal("2016-10", datatype=ns.XSD.gYearMonth)),
    ("2016-10-31", Literal("2016-10-31", datatype=ns.XSD.date)),
])
def test_a_date_parameter_keeps_the_precision_it_is_given(raw: str, expected: Literal) -> None:
    from cyberkg.queries.library import Param
    from cyberkg.queries.params import literal_value

    assert literal_value(Param("from", "date", ""), raw) == expected


@pytest.mark.parametrize("kind, raw", [("date", "2016-13"), ("date", "octobre"), ("year", "2016-10"),
                                       ("integer", "1.5"), ("iri", "not an iri"),
                                       ("boolean", "perhaps"), ("decimal", "NaN")])
def test_a_value_of_the_wrong_type_is_a_usage_error(kind: str, raw: str) -> None:
    from cyberkg.queries.library import Param
    from cyberkg.queries.params import literal_value

    with pytest.raises(UsageError, match=r"--param x="):
        literal_value(Param("x", kind, ""), raw)


# ---- Names to nodes -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed, cls, expected", [
    ("GLACY+", "Project", mint("project", "GLACY+")),
    ("glacy-plus", "Project", mint("project", "GLACY+")),
    ("project:glacy-plus", "Project", mint("project", "GLACY+")),
    ("https://w3id.org/cyberkg/id/project/glacy-plus", None, mint("project", "GLACY+")),
    ("Action globale sur la cybercriminalité élargie", "Project", mint("project", "GLACY+")),
    ("MK", "Country", mint("country", "MK")),
    ("mk", "Country", mint("country", "MK")),
    ("Bosnie-Herzégovine", "Country", mint("country", "BA")),
    ("bosnie herzegovine", "Country", mint("country", "BA")),
    ("Bosnia and Herzegovina", "Country", mint("country", "BA")),
    ("185", "Convention", mint("convention", "ets-185")),
    ("STE n° 185", "Convention", mint("convention", "ets-185")),
    ("Convention de Budapest", None, mint("convention", "ets-185")),
])
def test_an_entity_is_found_by_iri_slug_acronym_code_or_name_in_either_language(
        typed: str, cls: str | None, expected: URIRef, sample: LocalBackend) -> None:
    from cyberkg.queries.entities import resolve

    assert resolve(sample, typed, cls) == expected


def test_a_name_that_designates_nothing_suggests_the_close_ones(sample: LocalBackend) -> None:
    from cyberkg.queries.entities import resolve

    with pytest.raises(UsageError, match="no country named 'Bosnie'.*Bosnie-Herzégovine"):
        resolve(sample, "Bosnie", "Country")
    with pytest.raises(UsageError, match="close matches: GLACY"):
        resolve(sample, "GLACYY", "Project")


# ---- The answers ----------------------------------------------------------------------------------

def test_countries_of_a_project_by_role(sample: LocalBackend) -> None:
    found = {(r["role"], r["iso2"]) for r in rows(sample, "project-countries", project="GLACY+")}
    assert found == {("hub", c) for c in ("MU", "PH", "SN", "LK", "TO", "MA")} | \
        {("priority", c) for c in ("GH", "CV", "NG")}
    beneficiaries = rows(sample, "project-countries", project="iPROCEEDS")
    assert {r["role"] for r in beneficiaries} == {"beneficiary"}
    assert [r["role"] for r in rows(sample, "project-countries", project="GLACY+")][:6] == ["hub"] * 6


def test_projects_of_a_country_with_role_and_dates(sample: LocalBackend) -> None:
    found = rows(sample, "country-projects", country="Maurice")
    assert [(r["role"], r["name"], r["start"], r["end"]) for r in found] == [
        ("hub", "GLACY+", "2016-03", "2020-02"), ("priority", "GLACY", "2013-11", "2016-11")]


def test_partners_and_donors_of_a_project(sample: LocalBackend) -> None:
    found = {(r["role"], str(r["party"]).rsplit("/", 1)[1])
             for r in rows(sample, "project-partners", project="GLACY+")}
    assert ("implementer", "coe") in found and ("donor", "eu") in found
    assert ("partner", "interpol") in found and ("partner", "FR") in found


def test_projects_implementing_a_convention(sample: LocalBackend) -> None:
    assert [r["name"] for r in rows(sample, "convention-projects", convention="185")] == \
        ["GLACY", "iPROCEEDS", "GLACY+"]


@pytest.mark.parametrize("params, expected", [
    ({"from": "2016-10", "to": "2017-09"}, ["a3", "a2"]),  # 2017 overlaps the range
    ({"from": "2017-03-16"}, ["a3", "a2"]),  # a2 ends on 2017-03-16
    ({"to": "2016-12"}, ["a1"]),
    ({}, ["a1", "a3", "a2"]),  # a6 has no date: not on a timeline; 2017 sorts before 2017-03
])
def test_activities_of_a_project_over_a_date_range(params: dict, expected: list[str],
                                                   sample: LocalBackend) -> None:
    found = rows(sample, "project-activities", project="iPROCEEDS", **params)
    assert [str(r["activity"]).rsplit("-", 1)[1] for r in found] == expected


def test_activities_in_a_country(sample: LocalBackend) -> None:
    [found] = rows(sample, "country-activities", country="Bosnie-Herzégovine")
    assert (found["start"], found["end"], found["projects"]) == ("2017-03-15", "2017-03-16",
                                                                 "iPROCEEDS")
    assert found["city"] == "Sarajevo"


def test_activity_counts(sample: LocalBackend) -> None:
    per_project = {r["name"]: (r["activities"], r["first"]) for r in
                   rows(sample, "activities-per-project")}
    assert per_project["iPROCEEDS"] == (4, "2016-06")  # the undated one counts, not in dates
    assert [(r["year"], r["activities"]) for r in rows(sample, "activities-per-year")] == \
        [("2015", 1), ("2016", 1), ("2017", 4)]
    per_type = {str(r["type"]).rsplit("/", 1)[1]: r["activities"]
                for r in rows(sample, "activities-per-type")}
    assert per_type == {"conference": 2, "workshop": 2, "training": 2, "advisory-mission": 1}
    assert len(rows(sample, "activities-per-country")) == 7


def test_budgets_by_project_by_funder_and_over_time(sample: LocalBackend) -> None:
    from decimal import Decimal

    by_project = {r["name"]: r for r in rows(sample, "budgets-by-project")}
    assert by_project["GLACY+"]["budget_eur"] == Decimal(10000000)
    assert by_project["GLACY+"]["coe_eur"] == Decimal(1000000)
    by_funder = {r["acronym"]: (r["projects"], r["budget_eur"])
                 for r in rows(sample, "budgets-by-funder")}
    assert by_funder == {"EU": (2, Decimal(15560000)), "CoE": (1, Decimal(10000000))}
    per_year = {r["year"]: (r["running"], r["budget_running_eur"])
                for r in rows(sample, "budgets-per-year")}
    assert per_year[2016] == (3, Decimal(18910000)) and per_year[2013] == (1, Decimal(3350000))


def test_projects_sharing_partners_and_countries_sharing_projects(sample: LocalBackend) -> None:
    [pair] = rows(sample, "shared-partners")
    assert (pair["name_a"], pair["name_b"], pair["shared"]) == ("GLACY", "GLACY+", 3)
    assert set(pair["partners"].split("; ")) == {"EUROPOL", "FR", "RO"}
    pairs = {(r["iso2_a"], r["iso2_b"]): r["shared"] for r in rows(sample, "co-participation")}
    assert pairs[("MU", "PH")] == 2 and pairs[("AL", "BA")] == 1 and ("AL", "MU") not in pairs


def test_project_lineage_both_ways(sample: LocalBackend) -> None:
    assert [(r["relation"], r["name"]) for r in rows(sample, "project-lineage", project="GLACY+")] \
        == [("predecessor", "GLACY")]
    assert [(r["relation"], r["name"]) for r in rows(sample, "project-lineage", project="GLACY")] \
        == [("successor", "GLACY+")]


def test_gap_questions(sample: LocalBackend) -> None:
    quiet = rows(sample, "parties-without-activity", convention="185", since="2017")
    assert [(r["iso2"], r["last_activity"]) for r in quiet] == [("LK", "2015-05"), ("TO", None)]
    assert [r["iso2"] for r in rows(sample, "invited-not-served", convention="185")] == ["BF"]
    missing = {r["name"]: r["missing"] for r in rows(sample, "projects-missing-data")}
    assert missing["Cybercrime@Octopus"] == "budget, start date, end date"
    assert "GLACY+" not in missing


def test_hub_countries(sample: LocalBackend) -> None:
    hubs = rows(sample, "hub-countries")
    assert {r["iso2"] for r in hubs} == {"MU", "PH", "SN", "LK", "TO", "MA"}


def test_facts_about_an_entity_with_document_and_line(sample: LocalBackend) -> None:
    found = rows(sample, "entity-facts", entity="Bosnie-Herzégovine")
    assert {(r["position"], r["line"]) for r in found} == {("object", 262), ("object", 301)}
    assert all(r["sentence"] for r in found)


def test_unresolved_names_are_listed(sample: LocalBackend) -> None:
    assert [r["name"] for r in rows(sample, "unresolved-names")] == \
        ["Organisation internationale des procureurs"]


# ---- Conflicts and explain -------------------------------------------------------------------------

def test_conflicts_keep_real_disagreements_and_drop_differences_of_precision(sample_dataset) -> None:
    from cyberkg.queries.conflicts import find_conflicts

    found = {(str(c.first.value), str(c.second.value)) for c in find_conflicts(sample_dataset)}
    # 2016-10 (report) vs 2016-10-31 (summary) agree; 2016-11 (page) disagrees with both.
    assert found == {("2016-10", "2016-11"), ("2016-11", "2016-10-31")}
    [conflict] = [c for c in find_conflicts(sample_dataset) if str(c.first.value) == "2016-10"]
    assert conflict.subject == mint("project", "GLACY")
    assert (conflict.first.line, conflict.second.line) == (150, 7)
    assert conflict.second.sentence == "Durée : novembre 2013 – novembre 2016"


@pytest.mark.parametrize("a, b, same", [
    ("2016-10-31", "2016-10", True), ("2016-10", "2016", True), ("2016-10-31", "2016", True),
    ("2016-10", "2016-11", False), ("2016", "2017-01", False),
    ("10000000", "10000000.0", True), ("0.1", "0.10", True), ("0.1", "0.2", False),
])
def test_values_agree_when_they_only_differ_in_precision(a: str, b: str, same: bool) -> None:
    from cyberkg.queries.conflicts import agree

    assert agree(Literal(a), Literal(b)) is same


def test_explain_gives_each_fact_with_document_line_and_sentence(sample_dataset) -> None:
    from cyberkg.queries.explain import explain

    facts = explain(sample_dataset, "GLACY+")
    assert {f.position for f in facts} == {"subject", "object"}
    budget = [f for f in facts if str(f.predicate).endswith("#budgetEUR")]
    assert {(f.document.rsplit("/", 1)[1], f.line) for f in budget} == {
        ("fr_sample_activity_report_2016-2017", 151), ("fr_sample_glacy_summary", 9)}
    assert explain(sample_dataset, "glacy-plus") == facts
    assert explain(sample_dataset, "https://w3id.org/cyberkg/id/project/glacy-plus") == facts


def test_explain_of_an_unknown_entity_is_a_usage_error_with_close_matches(sample_dataset) -> None:
    from cyberkg.queries.explain import explain

    with pytest.raises(UsageError, match="close matches: GLACY"):
        explain(sample_dataset, "GLACYY")
    with pytest.raises(UsageError, match="is not in"):
        explain(sample_dataset, "https://example.org/nothing")


# ---- Formats -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, parser", [("json", "JSON"), ("tsv", "TSV"), ("csv", None)])
def test_the_w3c_formats_read_back_as_the_same_results(fmt: str, parser: str | None,
                                                       sample: LocalBackend) -> None:
    import csv
    import io

    import pyoxigraph

    from cyberkg.ontology.store import from_oxigraph
    from cyberkg.queries.formats import render

    result = sample.run(load("entity-facts").text)
    text = render(result, fmt)
    if parser:
        parsed = pyoxigraph.parse_query_results(text, getattr(pyoxigraph.QueryResultsFormat, parser))
        back = [tuple(from_oxigraph(s[v]) if s[v] is not None else None for v in result.variables)
                for s in parsed]
        assert back == result.rows
    else:
        assert text.endswith("\r\n")
        back = list(csv.reader(io.StringIO(text)))
        assert back[0] == result.variables
        assert [r[1] for r in back[1:]] == [str(row[1]) for row in result.rows]


def test_markdown_shows_markup_in_values_as_text() -> None:
    from cyberkg.queries.backends import Result
    from cyberkg.queries.formats import render

    result = Result("select", ["v"], [(Literal("<script>alert(1)</script> | *x* [a](b)"),)])
    text = render(result, "md")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert r"\| \*x\* \[a\](b)" in text


def test_a_graph_result_has_its_own_formats(sample: LocalBackend) -> None:
    from cyberkg.queries.formats import render

    result = sample.run("PREFIX ckg: <https://w3id.org/cyberkg#> "
                        "CONSTRUCT { ?p ckg:acronym ?a } WHERE { ?p ckg:acronym ?a }")
    assert "GLACY+" in render(result, "nt") and "ckg:acronym" in render(result, "ttl")
    with pytest.raises(UsageError, match="--format csv is for SELECT"):
        render(result, "csv")


def test_graph_stats_still_reads_the_stats_queries(sample_dataset) -> None:
    from cyberkg.queries.stats import graph_stats

    figures = graph_stats(sample_dataset)
    assert figures["graphs"] == 5 and figures["triples"] > 1000
    assert figures["unresolved"][0]["name"] == "Organisation internationale des procureurs"


def test_malformed_sparql_is_reported_with_line_and_column() -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        query_kind("SELECT * WHERE {\n ?s ?p ?o FILTER( }")
    with pytest.raises(QueryError, match="unknown prefix 'foo:'"):
        query_kind("SELECT * WHERE { ?s foo:bar ?o }")


def test_the_query_files_are_the_ones_on_disk() -> None:
    from cyberkg.queries.library import query_dir

    assert sorted(p.stem for p in Path(query_dir()).glob("*.rq")) == sorted(NAMES)
