"""`cyberkg analyze`: centrality, communities and bridges between regions, as tables or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from cyberkg.cli import cli
from cyberkg.ontology import mint
from cyberkg.ontology.errors import UsageError
from cyberkg.viz import analyze as analysis
from cyberkg.viz.analyze import CSV_COLUMNS, analyze, rows_for_csv
from cyberkg.viz.network import read_graph
from cyberkg.viz.views import View, make_view

GLACY = mint("project", "GLACY+")
HOSTILE = mint("project", "hostile")


@pytest.fixture(scope="module")
def graph(viz_sample) -> nx.DiGraph:
    return read_graph(viz_sample.dataset(), lang="en")


@pytest.fixture(scope="module")
def sample_dir(viz_sample, tmp_path_factory) -> Path:
    return viz_sample.write(tmp_path_factory.mktemp("analyze") / "out")


def made(edges: list[tuple[str, str]], kinds: dict[str, str] | None = None) -> View:
    graph = nx.DiGraph()
    for node in {n for edge in edges for n in edge}:
        graph.add_node(node, label=node.upper(), kind=(kinds or {}).get(node, "Project"))
    graph.add_edges_from(edges)
    return View(graph=graph, name="graph", title="test")


def test_the_hub_of_a_star_is_first_on_every_centrality() -> None:
    star = made([("hub", leaf) for leaf in "abcde"] + [("a", "b")])
    tables = analyze(star, measures=("degree", "betweenness", "eigenvector"), top=3)
    for table in tables:
        assert table.rows[0][2] == "HUB", table.measure
    degree = tables[0]
    assert degree.rows[0][4] == 1.0 and degree.rows[0][5] == "5"


def test_louvain_finds_two_cliques_joined_by_one_link() -> None:
    left = [(a, b) for i, a in enumerate("abcd") for b in "abcd"[i + 1:]]
    right = [(a, b) for i, a in enumerate("wxyz") for b in "wxyz"[i + 1:]]
    table = analyze(made(left + right + [("d", "w")]), measures=("communities",))[0]
    assert [row[4] for row in table.rows] == [4, 4]
    assert {row[2] for row in table.rows} == {"D", "W"}  # the best-linked of each
    assert table.note.startswith("2 communities, modularity 0.")


def test_communities_are_the_same_every_run(graph) -> None:
    view = make_view(graph)
    first = analyze(view, measures=("communities",))[0].rows
    assert analyze(view, measures=("communities",))[0].rows == first


def test_a_project_serving_two_regions_is_a_bridge(graph) -> None:
    table = analyze(make_view(graph), measures=("bridges",))[0]
    rows = {row[1]: row for row in table.rows}
    # The hostile project serves Bosnia and Herzegovina and Moldova: two regions.
    assert rows[str(HOSTILE)][4] == 2
    assert rows[str(HOSTILE)][5] == "Eastern Partnership, South-East Europe"
    assert str(GLACY) not in rows  # Côte d'Ivoire and Ghana: West Africa only


def test_without_regions_bridges_say_why() -> None:
    table = analyze(made([("a", "b")]), measures=("bridges",))[0]
    assert table.rows == [] and table.note == "no country of the view belongs to a region"


def test_betweenness_is_sampled_on_a_large_graph_and_says_so(monkeypatch) -> None:
    monkeypatch.setattr(analysis, "SAMPLE_ABOVE", 5)
    monkeypatch.setattr(analysis, "SAMPLE", 3)
    table = analyze(made([("hub", leaf) for leaf in "abcdefg"]), measures=("betweenness",))[0]
    assert table.note.startswith("estimated from 3 sampled sources")


def test_an_edgeless_view_has_no_eigenvector() -> None:
    view = View(graph=nx.DiGraph([("a", "b")]), name="graph", title="t")
    view.graph.remove_edge("a", "b")
    assert analyze(view, measures=("eigenvector",))[0].note == "no link in the view"


def test_unknown_measures_and_a_bad_top_are_usage_errors(graph) -> None:
    with pytest.raises(UsageError, match="unknown measure 'pagerank'"):
        analyze(make_view(graph), measures=("pagerank",))
    with pytest.raises(UsageError, match="--top must be 1 or more"):
        analyze(make_view(graph), top=0)


def test_csv_rows_have_the_csv_columns(graph) -> None:
    rows = rows_for_csv(analyze(make_view(graph), top=2))
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert {row[0] for row in rows} == {"degree", "betweenness", "eigenvector", "communities",
                                        "bridges"}


def test_analyze_prints_top_k_tables(runner, sample_dir) -> None:
    result = runner.invoke(cli, ["analyze", "--graph", str(sample_dir), "-k", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("The cyberkg graph: 16 nodes, ")
    for title in ("Degree centrality", "Betweenness centrality", "Eigenvector centrality",
                  "Communities (Louvain)", "Bridges between regions"):
        assert title in result.output
    assert "GLACY+" in result.output


def test_analyze_csv(runner, sample_dir) -> None:
    result = runner.invoke(cli, ["analyze", "--graph", str(sample_dir), "--csv", "--measure",
                                 "degree", "-k", "4"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[1] for row in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][2] in (str(GLACY), str(mint("organisation", "INTERPOL")))


def test_analyze_a_projection(runner, sample_dir) -> None:
    result = runner.invoke(cli, ["analyze", "--graph", str(sample_dir), "--view", "countries",
                                 "--measure", "degree", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "Côte d'Ivoire" in result.output and "Ghana" in result.output


def test_analyze_the_built_corpus(runner, built_corpus) -> None:
    result = runner.invoke(cli, ["analyze", "--graph", str(built_corpus), "--csv", "-k", "5"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert all(int(row[1]) <= 5 for row in rows[1:])
