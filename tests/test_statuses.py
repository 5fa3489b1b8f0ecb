"""Which countries became Parties to a convention, signed it, or were invited to accede."""

from __future__ import annotations

from pathlib import Path

import pytest
from cyberkg.loaders.background import load_background
from cyberkg.loaders.extract import extract
from cyberkg.loaders.facts import DocumentFacts
from cyberkg.loaders.text import from_text, read_path
from cyberkg.ontology import CKG, mint
from rdflib import URIRef

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "fr_cproc_activity_report_2016-2017.txt"
NEWSLETTER = Path(__file__).resolve().parent / "data" / "newsletter_en_statuses.txt"
BUDAPEST = mint("convention", "ets-185")


def countries(facts: DocumentFacts, predicate: URIRef, convention: URIRef = BUDAPEST) -> set[str]:
    return {str(s).rsplit("/", 1)[-1] for s, p, o in facts.triples
            if p == predicate and o == convention}


@pytest.fixture(scope="module")
def gazetteer():
    return load_background()[1]


@pytest.fixture(scope="module")
def report(gazetteer) -> DocumentFacts:
    return extract(read_path(REPORT), gazetteer.fork())


@pytest.fixture(scope="module")
def newsletter(gazetteer) -> DocumentFacts:
    return extract(read_path(NEWSLETTER), gazetteer.fork())


def read(gazetteer, text: str) -> DocumentFacts:
    return extract(from_text(text, source="test", stem="test"), gazetteer.fork())


def test_chile_costa_rica_and_tonga_became_parties_to_the_budapest_convention(report) -> None:
    assert {"CL", "CR", "TO"} <= countries(report, CKG.partyTo)


def test_cabo_verde_and_nigeria_were_invited_to_accede(report) -> None:
    assert {"CV", "NG"} <= countries(report, CKG.invitedToAccede)


def test_every_status_of_the_activity_report(report) -> None:
    # "– outre Andorre, la Grèce et Monaco – le Chili, le Costa-Rica et le Tonga sont devenues
    # Parties…"; "L'Ile Maurice, le Sri Lanka et le Tonga sont devenus Parties…"; "d'autres États
    # parties à la Convention de Budapest (à l'heure actuelle, l'Estonie, la France, l'Allemagne,
    # le Royaume-Uni et les États-Unis)"
    assert countries(report, CKG.partyTo) == {"AD", "GR", "MC", "CL", "CR", "TO", "MU", "LK",
                                              "EE", "FR", "DE", "GB", "US"}
    # "…le Cap Vert et le Nigéria ont été invités à y adhérer"; "…invités à adhérer à la
    # Convention (le Cap Vert, le Ghana et le Nigéria)"; "Le Maroc a été invité à adhérer…";
    # the annex row "Le Nigéria invité à adhérer à la Convention de Budapest"
    assert countries(report, CKG.invitedToAccede) == {"CV", "NG", "GH", "MA"}
    assert countries(report, CKG.signatoryOf) == set()


def test_a_status_keeps_its_line_and_sentence(report) -> None:
    evidence = [s for s, p, o in report.triples if p == CKG.line and o.toPython() == 233]
    sentences = {str(o) for s, p, o in report.triples if p == CKG.sentence and s in evidence}
    assert any("sont devenus Parties" in s for s in sentences)


def test_statuses_in_english(newsletter) -> None:
    assert countries(newsletter, CKG.partyTo) == {"CM", "CR", "KI", "SL", "GD", "BJ"}
    assert countries(newsletter, CKG.invitedToAccede) == {"UG", "RW", "NG"}
    protocol = mint("convention", "ets-224")
    assert countries(newsletter, CKG.signatoryOf, protocol) == {"BR"}


def test_the_convention_alone_is_not_a_protocol_named_before(newsletter) -> None:
    """"Brazil signed the Second Additional Protocol … Benin acceded to the Convention.\""""
    assert "BJ" not in countries(newsletter, CKG.partyTo, mint("convention", "ets-224"))


def test_a_count_of_states_names_no_country(gazetteer) -> None:
    facts = read(gazetteer, "68 États sont parties à la Convention. 2 États ont signé la Convention. "
                            "21 États ont été invités à adhérer.")
    assert not [t for t in facts.triples if t[1] in (CKG.partyTo, CKG.signatoryOf,
                                                     CKG.invitedToAccede)]


@pytest.mark.parametrize(("text", "predicate", "expected"), [
    ("Le Maroc a été invité à adhérer à la Convention de Budapest.", CKG.invitedToAccede, {"MA"}),
    (("Dans la lutte contre la cybercriminalité, le Chili et le Costa-Rica ont adhéré à la "
      "Convention."), CKG.partyTo, {"CL", "CR"}),
    ("Ghana ratified the Budapest Convention in 2018.", CKG.partyTo, {"GH"}),
    ("Japan signed the Convention on Cybercrime.", CKG.signatoryOf, {"JP"}),
    ("Tonga has become a Party to ETS No. 185.", CKG.partyTo, {"TO"}),
    ("Benin became the 76th Party to the Budapest Convention.", CKG.partyTo, {"BJ"}),
    ("Cameroon deposited its instrument of accession to the Convention on Cybercrime.",
     CKG.partyTo, {"CM"}),
    ("Le Ghana a déposé son instrument d'adhésion à la Convention de Budapest.", CKG.partyTo,
     {"GH"}),
    ("Le Sénégal a été invité à y adhérer.", CKG.invitedToAccede, set()),
])
def test_one_status_sentence(gazetteer, text: str, predicate: URIRef, expected: set[str]) -> None:
    assert countries(read(gazetteer, text), predicate) == expected


def test_y_stands_for_the_convention_named_before(gazetteer) -> None:
    facts = read(gazetteer, "Les Philippines sont devenues Parties à la Convention de Lanzarote, "
                            "et le Ghana a été invité à y adhérer.")
    lanzarote = mint("convention", "ets-201")
    assert countries(facts, CKG.partyTo, lanzarote) == {"PH"}
    assert countries(facts, CKG.invitedToAccede, lanzarote) == {"GH"}


def test_the_convention_alone_is_the_last_one_named(gazetteer) -> None:
    facts = read(gazetteer, "Le projet promeut la Convention de Lanzarote.\n\n"
                            "Le Maroc a adhéré à la Convention en 2019.")
    assert countries(facts, CKG.partyTo, mint("convention", "ets-201")) == {"MA"}


def test_the_convention_alone_outside_cybercrime_is_nothing(gazetteer) -> None:
    facts = read(gazetteer, "Le Maroc a adhéré à la Convention en 2019.")
    assert not [t for t in facts.triples if t[1] == CKG.partyTo]


def test_an_unknown_country_is_reported_and_the_others_are_read(gazetteer) -> None:
    facts = read(gazetteer, "Narnia, Ghana and Tonga became Parties to the Budapest Convention.")
    assert countries(facts, CKG.partyTo) == {"GH", "TO"}
    assert any("Narnia" in w.message and w.line == 1 for w in facts.warnings)
