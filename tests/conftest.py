"""Shared fixtures: the bundled corpus built once per test session, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built into a fresh folder (read-only for tests: copy it to change it)."""
    from cyberkg.loaders.build import build

    out = tmp_path_factory.mktemp("built") / "out"
    report = build([CORPUS], out)
    assert not report.failed, [d.error for d in report.failed]
    return out


@pytest.fixture(scope="session")
def corpus_dataset(built_corpus: Path):
    """The built bundled corpus opened as cyberkg commands open it."""
    from cyberkg.ontology.store import open_dataset

    return open_dataset(built_corpus)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ---- Queries (issue 4): a small graph whose answers the query tests know ----------------------

@pytest.fixture(scope="session")
def sample_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of tests/test_queries_sample.py built as a store (read-only for tests)."""
    from test_queries_sample import build_sample

    return build_sample(tmp_path_factory.mktemp("sample") / "out")


@pytest.fixture(scope="session")
def sample_dataset(sample_graph: Path):
    """The sample graph opened as `cyberkg query` opens a built graph."""
    from cyberkg.ontology.store import open_dataset

    return open_dataset(sample_graph)


@pytest.fixture(scope="session")
def viz_sample():
    """A small graph made in the test, shaped like a built one: accented country names, a project
    and a document whose names are HTML, facts with their evidence, a reference-only country."""
    from cyberkg.ontology import CKG, mint
    from cyberkg.viz.synthetic import GraphMaker
    from rdflib import Literal
    from rdflib.namespace import XSD

    maker = GraphMaker()
    ba = maker.country("BA", "Bosnia and Herzegovina", "Bosnie-Herzégovine")
    ci = maker.country("CI", "Côte d'Ivoire", "Côte d'Ivoire")
    md = maker.country("MD", "Republic of Moldova", "Moldova, République de")
    gh = maker.country("GH", "Ghana", "Ghana")
    maker.country("FR", "France", "France")  # in the reference data only: never drawn
    maker.region("South-East Europe", "Europe du Sud-Est", (ba,))
    west_africa = maker.region("West Africa", "Afrique de l'Ouest", (ci, gh))
    maker.region("Eastern Partnership", "Partenariat oriental", (md,))
    ets185 = maker.convention(185, "Convention on Cybercrime", "Convention sur la cybercriminalité")
    interpol = maker.organisation("INTERPOL", "International Criminal Police Organization",
                                  "Organisation internationale de police criminelle",
                                  acronym="INTERPOL")
    eu = maker.organisation("EU", "European Union", "Union européenne", acronym="EU")
    glacy = maker.project("GLACY+", "Global Action on Cybercrime Extended",
                          "Action globale sur la cybercriminalité élargie", acronym="GLACY+")
    hostile = maker.project("hostile", "<img src=x onerror=alert(1)>")
    workshop = maker.activity_type("workshop")

    doc = maker.document("fr_sample", "<script>alert(1)</script> Rapport d'activité")
    say = "<script>alert('evidence')</script> GLACY+ travaille avec INTERPOL."
    for kind, node in (("project", glacy), ("project", hostile), ("country", ci),
                       ("country", gh), ("country", ba), ("country", md),
                       ("organisation", interpol), ("organisation", eu),
                       ("convention", ets185), ("region", west_africa)):
        doc.entity(kind, node)
    doc.fact(glacy, CKG.startDate, Literal("2016-03", datatype=XSD.gYearMonth), line=3,
             sentence="GLACY+ a commencé en mars 2016.")
    doc.fact(glacy, CKG.endDate, Literal("2024", datatype=XSD.gYear), line=3,
             sentence="GLACY+ se termine en 2024.")
    doc.fact(glacy, CKG.budgetEUR, Literal("18500000", datatype=XSD.decimal), line=4,
             sentence="Budget : 18,5 millions d'euros.")
    doc.fact(glacy, CKG.beneficiaryCountry, ci, line=5, sentence="Pays : Côte d'Ivoire.")
    doc.fact(glacy, CKG.priorityCountry, gh, line=5, sentence="Pays prioritaire : Ghana.")
    doc.fact(glacy, CKG.partner, interpol, line=6, sentence=say)
    doc.fact(glacy, CKG.fundedBy, eu, line=7, sentence="Financé par l'Union européenne.")
    doc.fact(glacy, CKG.relatedConvention, ets185, line=8, sentence="Convention de Budapest.")
    doc.fact(glacy, CKG.region, west_africa, line=9, sentence="Afrique de l'Ouest.")
    doc.fact(hostile, CKG.beneficiaryCountry, ba, line=10, sentence="Bosnie-Herzégovine.")
    doc.fact(hostile, CKG.beneficiaryCountry, md, line=10, sentence="Moldova, République de.")
    doc.fact(hostile, CKG.partner, interpol, line=11, sentence="INTERPOL.")
    doc.fact(hostile, CKG.precededBy, glacy, line=12, sentence="Suite de GLACY+.")
    for key, label, project, country, day in (
            ("abidjan", "Atelier <b>régional</b> à Abidjan", glacy, ci, "2018-05-14"),
            ("accra", "Formation à Accra", glacy, gh, "2019-11-02"),
            ("sarajevo", "Mission à Sarajevo", hostile, ba, "2021-06-10")):
        activity = mint("activity", key)
        doc.entity("activity", activity, label, "fr")
        doc.fact(activity, CKG.partOfProject, project, line=20, sentence=label)
        doc.fact(activity, CKG.heldIn, country, line=20, sentence=label)
        doc.fact(activity, CKG.startDate, Literal(day, datatype=XSD.date), line=20,
                 sentence=label)
        doc.describe(activity, CKG.activityType, workshop)
    doc.unresolved("organisation", "Bureau des <i>Programmes</i>", line=30)
    return maker


@pytest.fixture(scope="session")
def oxigraph_server():
    """Start a real Oxigraph server (pip package `oxigraph`, in memory) on a free port of
    127.0.0.1: ``oxigraph_server("--union-default-graph")`` returns its base URL. Every server
    started is stopped at the end of the session."""
    import subprocess
    import time

    from cyberkg.queries.serve import free_port, oxigraph_executable, wait_for_port

    processes: list[subprocess.Popen[bytes]] = []

    def start(*flags: str) -> str:
        port = free_port()
        process = subprocess.Popen([oxigraph_executable(), "serve", "--bind", f"127.0.0.1:{port}",
                                    *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(process)
        wait_for_port("127.0.0.1", port, time.monotonic() + 15, process)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
