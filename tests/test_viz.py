"""`cyberkg viz`: the graph read from the store, the views of it, and the page written from them."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from cyberkg.cli import cli
from cyberkg.ontology import CKG, mint
from cyberkg.ontology.errors import UsageError
from cyberkg.queries.library import all_queries, load
from cyberkg.viz.network import read_graph
from cyberkg.viz.page import memberships, page_data, render, write_page
from cyberkg.viz.synthetic import synthetic_graph
from cyberkg.viz.timeline import as_date, timeline_rows, write_timeline
from cyberkg.viz.views import (
    country_projection,
    find_node,
    fold_activities,
    make_view,
    partner_network,
    project_projection,
)
from rdflib import Literal, URIRef

HOSTILE_PROJECT = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = "<script>alert(1)</script> Rapport d'activité"
GLACY = mint("project", "GLACY+")
HOSTILE = mint("project", "hostile")
CI, GH, BA, MD, FR = (mint("country", code) for code in ("CI", "GH", "BA", "MD", "FR"))
INTERPOL = mint("organisation", "INTERPOL")


@pytest.fixture(scope="module")
def dataset(viz_sample):
    return viz_sample.dataset()


@pytest.fixture(scope="module")
def graph(dataset) -> nx.DiGraph:
    return read_graph(dataset, lang="fr")


@pytest.fixture(scope="module")
def sample_dir(viz_sample, tmp_path_factory) -> Path:
    return viz_sample.write(tmp_path_factory.mktemp("viz") / "out")


# ---- the named queries ----

def test_the_viz_queries_are_named_queries_with_headers() -> None:
    names = {q.name for q in all_queries()}
    for name in ("viz-nodes", "viz-names", "viz-attributes", "viz-edges", "viz-sources",
                 "viz-vocabulary"):
        assert name in names
        query = load(name)
        assert query.title and query.description and query.examples == (f"cyberkg query {name}",)


def test_the_viz_queries_run_on_the_built_corpus(corpus_dataset) -> None:
    for name in ("viz-nodes", "viz-names", "viz-attributes", "viz-edges", "viz-sources",
                 "viz-vocabulary"):
        assert list(corpus_dataset.query(load(name).text)) is not None
    assert len(list(corpus_dataset.query(load("viz-vocabulary").text))) > 50


# ---- RDF rows -> networkx ----

def test_nodes_are_the_rdf_terms_themselves(graph) -> None:
    assert all(isinstance(node, URIRef) for node in graph)
    assert GLACY in graph and str(GLACY) not in graph


def test_labels_are_in_the_chosen_language_then_the_other(dataset, graph) -> None:
    assert graph.nodes[BA]["label"] == "Bosnie-Herzégovine"
    assert graph.nodes[MD]["label"] == "Moldova, République de"
    assert read_graph(dataset, lang="en").nodes[BA]["label"] == "Bosnia and Herzegovina"
    # The hostile project has an English label only: French falls back to it, as text.
    assert graph.nodes[HOSTILE]["label"] == HOSTILE_PROJECT
    assert graph.nodes[GLACY]["short"] == "GLACY+"


def test_only_what_documents_speak_of_is_drawn_with_the_regions_of_its_countries(graph) -> None:
    assert FR not in graph  # reference data only
    kinds = nx.get_node_attributes(graph, "kind")
    regions = {graph.nodes[n]["label"] for n, k in kinds.items() if k == "Region"}
    assert regions == {"Europe du Sud-Est", "Afrique de l'Ouest", "Partenariat oriental"}
    assert "Document" not in kinds.values()


def test_documents_are_drawn_on_request(dataset) -> None:
    with_documents = read_graph(dataset, documents=True)
    documents = [n for n, d in with_documents.nodes(data=True) if d["kind"] == "Document"]
    assert [with_documents.nodes[d]["label"] for d in documents] == [HOSTILE_TITLE]
    assert with_documents.has_edge(documents[0], GLACY)


def test_a_link_implied_by_another_is_drawn_once(graph) -> None:
    # priorityCountry implies beneficiaryCountry; only the specific one is drawn.
    assert graph.edges[GLACY, GH]["properties"] == (CKG.priorityCountry,)
    assert graph.edges[GLACY, GH]["label"] == "pays prioritaire"
    # precededBy and its inverse followedBy are one link.
    assert graph.has_edge(HOSTILE, GLACY) != graph.has_edge(GLACY, HOSTILE)


def test_links_carry_their_evidence(graph) -> None:
    evidence = graph.edges[GLACY, INTERPOL]["evidence"]
    assert evidence == ((HOSTILE_TITLE, 6,
                         "<script>alert('evidence')</script> GLACY+ travaille avec INTERPOL."),)


def test_key_facts_and_sources(graph) -> None:
    glacy = graph.nodes[GLACY]
    assert (glacy["start"], glacy["end"], glacy["years"]) == ("2016-03", "2024", (2016, 2024))
    assert glacy["budget"] == 18_500_000.0
    assert glacy["sources"] == (HOSTILE_TITLE,)
    activity = graph.nodes[mint("activity", "abidjan")]
    assert activity["years"] == (2018, 2018) and activity["activity_type"] == "atelier"


def test_an_unresolved_name_is_drawn_and_marked(graph) -> None:
    unresolved = [d for _, d in graph.nodes(data=True) if d.get("unresolved")]
    assert [d["label"] for d in unresolved] == ["Bureau des <i>Programmes</i>"]


# ---- views ----

@pytest.mark.parametrize("name", ["Cote d'Ivoire", "côte d’ivoire", "CÔTE D'IVOIRE",
                                  "moldova, republique de", "Republic of Moldova",
                                  "Bosnie Herzégovine", "glacy+", str(GLACY)])
def test_focus_finds_a_node_by_any_of_its_names(graph, name: str) -> None:
    assert find_node(graph, name) in (CI, MD, BA, GLACY)


def test_focus_on_an_unknown_name_is_a_usage_error_with_suggestions(graph) -> None:
    with pytest.raises(UsageError, match=r"no node named 'GLACY' .*did you mean GLACY\+"):
        find_node(graph, "GLACY")


def test_an_ego_view_keeps_what_lies_within_depth(graph) -> None:
    one = make_view(graph, focus="GLACY+", depth=1, lang="fr")
    assert set(one.graph) == {GLACY, *nx.all_neighbors(graph, GLACY)}
    assert "GLACY+" in one.title and "profondeur 1" in one.title
    assert make_view(graph, focus="GLACY+", depth=0).graph.number_of_nodes() == 1


def test_countries_are_linked_by_the_projects_they_share(graph) -> None:
    countries = country_projection(graph)
    assert set(countries) == {CI, GH, BA, MD}
    assert countries.edges[CI, GH]["weight"] == 1
    assert countries.edges[CI, GH]["shared"] == ("GLACY+",)
    assert not countries.has_edge(CI, BA)


def test_projects_are_linked_by_the_partners_they_share(graph) -> None:
    projects = project_projection(graph)
    assert projects.edges[GLACY, HOSTILE]["weight"] == 1
    assert projects.edges[GLACY, HOSTILE]["shared"] == ("INTERPOL",)


def test_the_partner_network_is_bipartite(graph) -> None:
    partners = partner_network(graph)
    assert nx.is_bipartite(partners)
    sides = nx.get_node_attributes(partners, "bipartite")
    assert {n for n, side in sides.items() if side == 0} == {GLACY, HOSTILE}
    assert INTERPOL in partners and sides[INTERPOL] == 1


def test_folding_activities_counts_them_on_the_links(graph) -> None:
    folded = fold_activities(graph)
    assert not [n for n, d in folded.nodes(data=True) if d["kind"] == "Activity"]
    assert folded.edges[GLACY, CI]["activities"] == 1
    assert folded.nodes[GLACY]["activities"] == 2


def test_a_view_above_the_limit_is_folded_with_a_note_or_refused(graph) -> None:
    view = make_view(graph, max_nodes=graph.number_of_nodes() - 1)
    assert view.graph.number_of_nodes() == graph.number_of_nodes() - 3
    assert "activities are folded into their projects" in view.notes[0]
    with pytest.raises(UsageError, match="narrow it with --focus"):
        make_view(graph, max_nodes=3)


def test_an_unknown_view_is_a_usage_error(graph) -> None:
    with pytest.raises(UsageError, match="unknown view 'map'"):
        make_view(graph, "map")


# ---- the page ----

def test_filters_follow_links_through_activities_and_countries(graph) -> None:
    members = memberships(graph)
    abidjan = mint("activity", "abidjan")
    assert members[abidjan]["Country"] == {CI}
    assert members[abidjan]["Project"] == {GLACY}
    # An activity has no convention of its own: it takes its project's.
    assert members[abidjan]["Convention"] == {mint("convention", "ets-185")}
    # Regions come through countries: the Sarajevo mission is in South-East Europe.
    assert members[mint("activity", "sarajevo")]["Region"] == {
        mint("region", "South-East Europe")}
    assert members[CI]["Country"] == {CI}


def test_page_data_has_a_legend_filters_and_years(graph) -> None:
    data = page_data(make_view(graph, lang="fr"))
    page = data["page"]
    assert [entry["name"] for entry in page["legend"]] == [
        "Projet", "Activité", "Pays", "Organisation", "Convention", "Région"]
    assert [f["kind"] for f in page["filters"]] == ["Project", "Country", "Convention", "Region"]
    countries = {label: i for i, label in page["filters"][1]["options"]}
    assert {"Bosnie-Herzégovine", "Côte d'Ivoire", "Moldova, République de"} <= set(countries)
    assert page["years"] == [2016, 2024]
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    glacy = next(n for n in data["nodes"] if n["tip"]["iri"] == str(GLACY))
    assert ["Budget", "18\u202f500\u202f000\u00a0€"] in glacy["tip"]["facts"]
    # Node size follows the budget for projects: GLACY+ is the largest project.
    assert glacy["size"] == max(n["size"] for n in data["nodes"] if n["kind"] == "Project")


def test_the_page_holds_document_text_only_as_escaped_data(graph) -> None:
    html = render(make_view(graph, lang="fr"))
    for hostile in (HOSTILE_PROJECT, HOSTILE_TITLE, "<script>alert('evidence')",
                    "<b>régional</b>", "<i>Programmes</i>"):
        assert hostile not in html
    # Three script elements: the data block, vis-network, the page's code.
    assert html.count("</script>") == 3
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    data = re.search(r'<script type="application/json" id="cyberkg-data">(.*?)</script>', html,
                     re.DOTALL)
    assert data is not None
    labels = {node["tip"]["label"] for node in json.loads(data.group(1))["nodes"]}
    assert HOSTILE_PROJECT in labels


def test_an_escaped_title_and_a_focus_name_reach_the_title_as_text(graph) -> None:
    view = make_view(graph, focus="<img src=x onerror=alert(1)>", depth=1)
    html = render(view)
    assert "<title>The cyberkg graph — Around &lt;img src=x onerror=alert(1)&gt; (depth 1)" \
        in html


def test_the_page_fetches_nothing_and_runs_only_its_own_scripts(graph) -> None:
    html = render(make_view(graph))
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_write_page_needs_an_html_file(graph, tmp_path) -> None:
    with pytest.raises(UsageError, match="an .html file"):
        write_page(make_view(graph), tmp_path / "graph.png")


# ---- the timeline ----

def test_dates_keep_their_precision() -> None:
    assert str(as_date("2016")) == "2016-07-15"
    assert str(as_date("2016", end=True)) == "2016-12-28"
    assert str(as_date("2016-03")) == "2016-03-15"
    assert str(as_date("2018-05-14")) == "2018-05-14"
    assert as_date("en 2016") is None and as_date(None) is None


def test_the_timeline_has_a_row_per_project_with_its_dated_activities(graph, tmp_path) -> None:
    rows = {row.label: row for row in timeline_rows(graph)}
    assert len(rows["GLACY+"].activities) == 2
    assert len(rows[HOSTILE_PROJECT].activities) == 1
    path = tmp_path / "timeline.png"
    assert write_timeline(graph, path, "fr") == 2
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---- the command ----

def test_viz_writes_one_offline_page(runner, sample_dir, tmp_path) -> None:
    out = tmp_path / "graph.html"
    result = runner.invoke(cli, ["viz", "--graph", str(sample_dir), "-o", str(out),
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"{re.escape(str(out))}: 16 nodes, \d+ links \(\d\.\d MB, works "
                        r"offline\)\n", result.output)
    assert "vis.Network" in out.read_text(encoding="utf-8")


def test_viz_around_one_entity(runner, viz_sample, sample_dir, tmp_path) -> None:
    out = tmp_path / "glacy.html"
    result = runner.invoke(cli, ["viz", "--graph", str(sample_dir), "--focus", "GLACY+",
                                 "--depth", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    around = nx.ego_graph(read_graph(viz_sample.dataset()), GLACY, radius=1, undirected=True)
    assert around.number_of_nodes() == 10  # GLACY+, 2 countries, 2 partners, 2 activities…
    assert f": 10 nodes, {around.number_of_edges()} links" in result.output


@pytest.mark.parametrize("view", ["countries", "projects", "partners"])
def test_viz_draws_each_projection(runner, sample_dir, tmp_path, view: str) -> None:
    out = tmp_path / f"{view}.html"
    result = runner.invoke(cli, ["viz", "--graph", str(sample_dir), "--view", view, "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500_000  # vis-network is inside


def test_viz_timeline(runner, sample_dir, tmp_path) -> None:
    out = tmp_path / "timeline.svg"
    result = runner.invoke(cli, ["viz", "--graph", str(sample_dir), "--view", "timeline",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}: activities of 2 project(s)\n"
    svg = out.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg and "<img" not in svg


def test_viz_folds_a_large_graph_and_says_so(runner, tmp_path_factory) -> None:
    folder = synthetic_graph(400, seed=3).write(tmp_path_factory.mktemp("big") / "out")
    out = tmp_path_factory.mktemp("page") / "big.html"
    result = runner.invoke(cli, ["viz", "--graph", str(folder), "--max-nodes", "200", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "activities are folded into their projects" in notes[0]
    refused = runner.invoke(cli, ["viz", "--graph", str(folder), "--max-nodes", "20"])
    assert refused.exit_code == 2
    assert refused.output.startswith("Error: ") and "--focus NAME" in refused.output


def test_viz_on_an_unknown_focus_fails_in_one_line(runner, sample_dir) -> None:
    result = runner.invoke(cli, ["viz", "--graph", str(sample_dir), "--focus", "Atlantis"])
    assert result.exit_code == 2
    assert result.output == "Error: no node named 'Atlantis' in the graph\n"


def test_viz_without_a_built_graph_fails_in_one_line(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["viz", "--graph", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no built graph in ")


def test_viz_on_the_built_corpus(runner, built_corpus, tmp_path) -> None:
    out = tmp_path / "corpus.html"
    result = runner.invoke(cli, ["viz", "--graph", str(built_corpus), "-o", str(out),
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_literal_and_iri_ids_never_merge() -> None:
    from cyberkg.viz.export import node_id

    assert node_id(Literal("1990")) == '"1990"'
    assert node_id(URIRef("1990")) == "1990"


def test_the_vendored_vis_network_is_the_one_recorded() -> None:
    from cyberkg.viz.page import assets_dir

    recorded = dict(line.split()[::-1] for line in
                    (assets_dir() / "VENDOR.md").read_text(encoding="utf-8").splitlines()
                    if re.fullmatch(r"\s+[0-9a-f]{64}\s+\S+", line))
    assert set(recorded) == {"vis-network.min.js", "vis-network.css"}
    for name, digest in recorded.items():
        assert hashlib.sha256((assets_dir() / name).read_bytes()).hexdigest() == digest
    assert "sourceMappingURL" not in (assets_dir() / "vis-network.min.js").read_text()
