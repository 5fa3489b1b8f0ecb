"""`cyberkg export`: files Gephi, Cytoscape, a spreadsheet and a report can read."""

from __future__ import annotations

import csv
import json
import struct
from pathlib import Path

import networkx as nx
import pytest
from cyberkg.cli import cli
from cyberkg.ontology import mint
from cyberkg.ontology.errors import UsageError
from cyberkg.viz.export import export_graph, write_export
from cyberkg.viz.network import read_graph
from cyberkg.viz.views import make_view

GLACY = str(mint("project", "GLACY+"))
CI = str(mint("country", "CI"))


@pytest.fixture(scope="module")
def graph(viz_sample) -> nx.DiGraph:
    return read_graph(viz_sample.dataset(), lang="fr")


@pytest.fixture(scope="module")
def sample_dir(viz_sample, tmp_path_factory) -> Path:
    return viz_sample.write(tmp_path_factory.mktemp("export") / "out")


def assert_identical(read: nx.Graph, written: nx.Graph) -> None:
    assert read.is_directed() == written.is_directed()
    assert dict(read.nodes(data=True)) == dict(written.nodes(data=True))
    assert sorted(read.edges(data=True), key=repr) == sorted(written.edges(data=True), key=repr)


@pytest.mark.parametrize("view", ["graph", "countries", "projects", "partners"])
@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_identical(graph, tmp_path, view, fmt, reader) -> None:
    chosen = make_view(graph, view, lang="fr")
    path = tmp_path / f"graph.{fmt}"
    write_export(chosen, fmt, path)
    assert_identical(reader(path), export_graph(chosen))


def test_exported_nodes_have_labels_classes_and_attributes(graph) -> None:
    exported = export_graph(make_view(graph, lang="fr"))
    glacy = exported.nodes[GLACY]
    assert glacy["label"] == "Action globale sur la cybercriminalité élargie"
    assert glacy["kind"] == "Project" and glacy["short"] == "GLACY+"
    assert glacy["budget"] == 18_500_000.0 and glacy["year_start"] == 2016
    assert exported.nodes[CI]["label"] == "Côte d'Ivoire"
    edge = exported.edges[GLACY, str(mint("country", "GH"))]
    assert edge["relation"] == "priorityCountry" and edge["label"] == "pays prioritaire"
    assert edge["evidence"].startswith("<script>alert(1)</script> Rapport d'activité (line 5)")


def test_the_built_corpus_reads_back_identical(corpus_dataset, tmp_path) -> None:
    chosen = make_view(read_graph(corpus_dataset, lang="fr"), lang="fr", max_nodes=None)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        write_export(chosen, fmt, tmp_path / f"corpus.{fmt}")
        assert_identical(reader(tmp_path / f"corpus.{fmt}"), export_graph(chosen))


def test_cytoscape_json(graph, tmp_path) -> None:
    chosen = make_view(graph)
    write_export(chosen, "cytoscape", tmp_path / "graph.json")
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert len(data["elements"]["nodes"]) == graph.number_of_nodes()
    assert len(data["elements"]["edges"]) == graph.number_of_edges()
    node = next(n["data"] for n in data["elements"]["nodes"] if n["data"]["id"] == CI)
    assert node["label"] == "Côte d'Ivoire" and node["kind"] == "Country"
    assert set(nx.cytoscape_graph(data, name="label", ident="id")) == set(export_graph(chosen))


def test_csv_node_and_edge_lists(graph, tmp_path) -> None:
    info = write_export(make_view(graph, lang="fr"), "csv", tmp_path / "csv")
    assert [p.name for p in info.paths] == ["nodes.csv", "edges.csv"]
    with open(tmp_path / "csv" / "nodes.csv", encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with open(tmp_path / "csv" / "edges.csv", encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert {"Bosnie-Herzégovine", "Moldova, République de"} <= {n["label"] for n in nodes}
    assert list(edges[0])[:3] == ["source", "target", "weight"]


def test_csv_wants_a_folder(graph, tmp_path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="into a folder"):
        write_export(make_view(graph), "csv", tmp_path / "file")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_is_an_a4_picture(graph, tmp_path) -> None:
    write_export(make_view(graph, lang="fr"), "png", tmp_path / "graph.png")
    width, height = png_size(tmp_path / "graph.png")
    assert (width, height) == (2338, 1654)  # 297 x 210 mm at 200 dpi


def test_svg_draws_document_text_as_text(graph, tmp_path) -> None:
    write_export(make_view(graph), "svg", tmp_path / "graph.svg")
    svg = (tmp_path / "graph.svg").read_text(encoding="utf-8")
    assert "<script" not in svg.lower() and "<img" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg


def test_a_dollar_in_a_label_is_not_mathematics(tmp_path) -> None:
    from cyberkg.viz.picture import plain

    assert plain("$5M for $GLACY") == r"\$5M for \$GLACY"


@pytest.mark.parametrize("fmt, name", [("graphml", "graph.graphml"), ("gexf", "graph.gexf"),
                                       ("cytoscape", "graph.json"), ("png", "graph.png"),
                                       ("svg", "graph.svg")])
def test_export_command(runner, sample_dir, tmp_path, fmt, name, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["export", "--graph", str(sample_dir), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert result.output == f"{name}: 16 nodes, {export_links(sample_dir)} links\n"
    assert (tmp_path / name).stat().st_size > 0


def export_links(sample_dir: Path) -> int:
    from cyberkg.ontology.store import open_dataset

    return read_graph(open_dataset(sample_dir)).number_of_edges()


def test_export_csv_command(runner, sample_dir, tmp_path) -> None:
    result = runner.invoke(cli, ["export", "--graph", str(sample_dir), "-f", "csv", "-o",
                                 str(tmp_path / "lists"), "--view", "countries"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{tmp_path / 'lists' / 'nodes.csv'}, ")
    assert ": 4 nodes, " in result.output


def test_export_needs_a_known_format(runner, sample_dir) -> None:
    result = runner.invoke(cli, ["export", "--graph", str(sample_dir), "-f", "pdf"])
    assert result.exit_code == 2
    assert "Invalid value for '-f' / '--format'" in result.output
