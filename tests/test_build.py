"""`cyberkg build`: the bundled corpus builds, validates, is deterministic and incremental;
bad input gets one clear line and never spoils what was built before."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from cyberkg.cli import cli
from cyberkg.loaders.build import build
from cyberkg.ontology import ONTOLOGY_GRAPH, REFERENCE_GRAPH, document_iri

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))


def graphs_of(out: Path) -> Dataset:
    return Dataset().parse(out / "graph.trig", format="trig")


def test_the_bundled_corpus_is_the_five_documents() -> None:
    assert STEMS == ["fr_cproc_activity_report_2016-2017", "fr_cproc_factsheet_2023",
                     "fr_glacy-e_page", "fr_glacy_summary", "fr_iproceeds_page"]


def test_build_writes_the_graph_files_the_store_and_a_report(built_corpus: Path) -> None:
    for name in ("graph.trig", "graph.ttl", "report.json"):
        assert (built_corpus / name).stat().st_size > 0
    assert (built_corpus / "store").is_symlink()
    report = json.loads((built_corpus / "report.json").read_text(encoding="utf-8"))
    assert [Path(d["source"]).stem for d in report["documents"]] == STEMS
    assert all(d["status"] == "read" for d in report["documents"])
    assert report["failed"] == 0


def test_every_document_has_its_own_named_graph(built_corpus: Path) -> None:
    names = {str(g.identifier) for g in graphs_of(built_corpus).graphs()}
    expected = {str(document_iri(s)) for s in STEMS} | {str(REFERENCE_GRAPH), str(ONTOLOGY_GRAPH)}
    assert expected <= names


def test_document_nodes_say_title_language_hash_and_source(corpus_dataset) -> None:
    rows = list(corpus_dataset.query("""
        PREFIX ckg: <https://w3id.org/cyberkg#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?doc ?title ?lang ?sha ?source WHERE { GRAPH ?doc {
            ?doc a ckg:Document ; dcterms:title ?title ; dcterms:language ?lang ;
                 ckg:sha256 ?sha ; dcterms:source ?source } }"""))
    languages: dict[str, set[str]] = {}
    for row in rows:
        languages.setdefault(str(row.doc).rsplit("/", 1)[-1], set()).add(str(row.lang))
    assert set(languages) == set(STEMS)
    assert languages.pop("fr_iproceeds_page") == {"fr", "en"}  # French page, English news item
    assert all(langs == {"fr"} for langs in languages.values())
    assert all(len(str(r.sha)) == 64 for r in rows)


def test_the_merged_graph_is_the_union_of_the_named_graphs(built_corpus: Path) -> None:
    from rdflib import Graph

    merged = Graph().parse(built_corpus / "graph.ttl")
    union = Graph()
    for s, p, o, _ in graphs_of(built_corpus).quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(merged, union)


def test_the_merged_graph_states_each_triple_once(built_corpus: Path) -> None:
    statements = [line for line in (built_corpus / "graph.ttl").read_text(encoding="utf-8")
                  .splitlines() if line.startswith("\t")]
    assert len(statements) == len(set(statements))
    assert "\tproject:glacy-plus rdf:type ckg:Project .\n" in (
        built_corpus / "graph.ttl").read_text(encoding="utf-8")  # stated by several documents


def test_the_store_holds_what_graph_trig_holds(built_corpus: Path) -> None:
    import pyoxigraph

    written = set(pyoxigraph.parse(path=str(built_corpus / "graph.trig"),
                                   format=pyoxigraph.RdfFormat.TRIG))
    store = pyoxigraph.Store.read_only(str(built_corpus / "store"))
    assert set(store) == written
    report = json.loads((built_corpus / "report.json").read_text(encoding="utf-8"))
    assert report["triples"] == len(written)


def test_a_long_document_is_handed_to_the_store_in_parts_while_it_is_read(
        built_corpus: Path) -> None:
    """The activity report's graph reaches graph.trig (and the store's loader) in several
    blocks, written as its facts are read; each statement once."""
    trig = (built_corpus / "graph.trig").read_text(encoding="utf-8")
    graph = "document:fr_cproc_activity_report_2016-2017"
    parts = [block.split("\n}\n")[0] for block in trig.split(f"\n{graph} {{\n")[1:]]
    assert len(parts) >= 3
    statements = [line for part in parts for line in part.splitlines()]
    assert len(statements) == len(set(statements)) > 10_000


def test_the_bundled_corpus_validates_with_no_violation(built_corpus: Path, runner) -> None:
    result = runner.invoke(cli, ["validate", "--graph", str(built_corpus)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 violation(s)")


def test_validate_names_node_rule_and_document(tmp_path: Path, runner) -> None:
    doc = tmp_path / "bad.txt"
    doc.write_text("Un document sans projet.\n", encoding="utf-8")
    out = tmp_path / "out"
    build([doc], out)
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    # Break one rule on purpose: a country with two ISO codes, stated in the document's graph.
    broken = trig + ('\n<https://w3id.org/cyberkg/id/document/bad> { '
                     '<https://w3id.org/cyberkg/id/country/FR> '
                     '<https://w3id.org/cyberkg#iso2> "FX" . }\n')
    import pyoxigraph

    from cyberkg.ontology.store import new_store

    with new_store(out) as store:
        store.load(broken.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    result = runner.invoke(cli, ["validate", "--graph", str(out)])
    assert result.exit_code == 1
    assert "country/FR ckg:iso2" in result.output
    assert "[MaxCountConstraintComponent; bad]" in result.output


def test_builds_are_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build([CORPUS], first)
    build([CORPUS], second)
    one, two = graphs_of(first), graphs_of(second)
    names = sorted(str(g.identifier) for g in one.graphs())
    assert names == sorted(str(g.identifier) for g in two.graphs())
    for name in names:
        assert isomorphic(one.graph(URIRef(name)), two.graph(URIRef(name))), name
    assert (first / "graph.ttl").read_bytes() == (second / "graph.ttl").read_bytes()


def test_a_rebuild_rereads_only_the_documents_that_changed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    build([corpus], out)
    again = build([corpus], out)
    assert {d.status for d in again.documents} == {"cached"}
    changed = corpus / "fr_glacy_summary.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUne ligne de plus.\n",
                       encoding="utf-8")
    third = build([corpus], out)
    statuses = {Path(d.source).stem: d.status for d in third.documents}
    assert statuses.pop("fr_glacy_summary") == "read"
    assert set(statuses.values()) == {"cached"}
    assert isomorphic_datasets(graphs_of(out), graphs_of(_fresh_build(corpus, tmp_path)))


def _fresh_build(corpus: Path, tmp_path: Path) -> Path:
    out = tmp_path / "fresh"
    build([corpus], out)
    return out


def isomorphic_datasets(one: Dataset, two: Dataset) -> bool:
    names = {str(g.identifier) for g in one.graphs()}
    return names == {str(g.identifier) for g in two.graphs()} and all(
        isomorphic(one.graph(URIRef(n)), two.graph(URIRef(n))) for n in names)


def test_a_missing_path_is_a_usage_error_naming_it(tmp_path: Path, runner) -> None:
    result = runner.invoke(cli, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file or folder"
    assert not (tmp_path / "o").exists()


def test_an_empty_folder_is_a_usage_error(tmp_path: Path, runner) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["build", str(tmp_path / "empty"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "empty: the folder holds no document" in result.output


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "the document is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content (a PNG image), not text"),
])
def test_a_bad_document_is_reported_and_the_others_still_build(
        tmp_path: Path, runner, content: bytes, reason: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "broken.txt").write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"error: {corpus / 'broken.txt'}: {reason}" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {Path(d["source"]).name: d["status"] for d in report["documents"]}
    assert statuses.pop("broken.txt") == "failed"
    assert set(statuses.values()) == {"read"}
    strict = runner.invoke(cli, ["build", str(corpus), "--out", str(out), "--strict"])
    assert strict.exit_code == 1


def test_a_failed_build_leaves_the_previous_outputs_intact(tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    build([CORPUS], out)
    before = {name: (out / name).read_bytes() for name in ("graph.trig", "graph.ttl", "report.json")}
    store_before = (out / "store").resolve()
    result = runner.invoke(cli, ["build", str(CORPUS), str(tmp_path / "missing"), "--out", str(out)])
    assert result.exit_code == 2
    assert {name: (out / name).read_bytes() for name in before} == before
    assert (out / "store").resolve() == store_before
    assert runner.invoke(cli, ["stats", "--graph", str(out)]).exit_code == 0


def test_commands_on_a_folder_with_no_build_say_so(tmp_path: Path, runner) -> None:
    result = runner.invoke(cli, ["stats", "--graph", str(tmp_path)])
    assert result.exit_code == 1
    assert f"no built graph in {tmp_path}/" in result.output


def test_the_graph_folder_can_come_from_the_environment(built_corpus: Path, runner) -> None:
    result = runner.invoke(cli, ["stats", "--json"], env={"CYBERKG_GRAPH": str(built_corpus)})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["graphs"] == 7
    assert {row["document"] for row in figures["documents"]} == set(STEMS)


def test_help_answers_without_loading_the_graph_libraries() -> None:
    code = ("import sys; from cyberkg.cli import cli\n"
            "try: cli(['--help'])\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyvis', 'pyshacl') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert "HEAVY []" in output
