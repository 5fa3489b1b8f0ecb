"""Lines made for the loaders' patterns to backtrack on are read, and read right.

Each document below holds one long crafted line (a run of what a pattern of the loaders repeats:
spaces, brackets, capitals, groups of digits, words a cue starts with…) next to a sentence or a
row that states a fact. Every document is read by the loaders in a child process that must
finish within 30 seconds; before the loaders were made linear, most of them took minutes (the
cell of roman numerals for ever). The test checks the facts the document states, so a pattern
made fast by reading less fails too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

ANNEX = "Annexe : Inventaire des activités\n\noctobre 2016\n\n"
GHANA = "Le projet GLACY+ couvre le Ghana.\n"
JOINT = "The GLACY+ project is an EU/CoE joint project.\n"

#: name: (document, facts it states, each "predicate object" as the child prints them)
CRAFTED: dict[str, tuple[str, set[str]]] = {
    # activity_rows: _NUMERALS_CELL (exponential), _PIPE_ROW, a wrapped row, _CONNECTORS
    "a table cell of roman numerals that ends in a word": (
        ANNEX + "GLACY+\t" + "II " * 40 + "x\tAtelier, Accra, Ghana, 5 octobre 2016\n"
        "GLACY+\tAtelier sur la preuve électronique, Accra, Ghana, 3-4 octobre 2016\n",
        {"startDate 2016-10", "heldIn country/GH", "startDate 2016-10-03"}),
    "indented lines before a row written with pipes": (
        ANNEX + (" " * 2390 + "x\n") * 400
        + "| GLACY+ | Atelier sur la preuve électronique, Accra, Ghana, 5 octobre 2016 |\n",
        {"heldIn country/GH", "startDate 2016-10-05", "partOfProject project/glacy-plus"}),
    "a row wrapped over thousands of lines": (
        ANNEX + "GLACY+\tAtelier sur la preuve\n" + "\tsuite du titre\n" * 12_000
        + "\nGLACY+\tAtelier sur la preuve électronique, Accra, Ghana, 3-4 octobre 2016\n",
        {"heldIn country/GH", "startDate 2016-10-03"}),
    "a place written after many connecting words": (
        ANNEX + "GLACY+\tAtelier, " + "et " * 790 + "Accra, Ghana, 5 octobre 2016\n",
        {"heldIn country/GH", "city city/accra-gh"}),
    # project_facts: _JOINT_BEFORE, the "supports" cue, _SHARES, _SUCCESSOR
    "a long hyphenated word before a joint project": (
        "Le projet GLACY+ : " + "ab-" * 40_000 + "cd.\n\n" + JOINT,
        {"fundedBy organisation/eu", "fundedBy organisation/coe"}),
    "a long list of slashes before a joint project": (
        "Le projet GLACY+ : " + "ab / " * 20_000 + "cd.\n\n" + JOINT,
        {"fundedBy organisation/eu", "fundedBy organisation/coe"}),
    "spaces after a verb of support": (
        "Le projet GLACY+ soutient" + " " * 50_000 + "!\n\nLe projet GLACY+ soutient le Ghana.\n",
        {"beneficiaryCountry country/GH"}),
    "a word of many cofinanc": (
        "Le projet GLACY+ est " + "cofinanc" * 12_000 + " à 10 % par le CdE.\n",
        {"coeShare 0.1"}),
    "a word of many prolong": (
        "Le projet GLACY est " + "prolong" * 14_000 + " par le projet GLACY+.\n",
        {"precededBy project/glacy", "followedBy project/glacy-plus"}),
    # lists: brackets that never close, a long aside, many items with brackets
    "brackets that never close before a funder": (
        "Le projet GLACY+ est financé par " + "(" * 20_000 + "l'Union européenne.\n",
        {"fundedBy organisation/eu"}),
    "a long aside between two funders": (
        "Le projet GLACY+ est financé par l'Union européenne (" + "a" * 60_000
        + ") et le Conseil de l'Europe.\n",
        {"fundedBy organisation/eu", "fundedBy organisation/coe"}),
    "thousands of partners with their agencies in brackets": (
        "Projet GLACY+\n\nLes partenaires du projet sont " + "la Roumanie (DIICOT), " * 4000
        + "et l'Estonie.\n",
        {"partner country/RO", "partner organisation/diicot", "partner country/EE"}),
    # names: _LINK, the project words that end a name (_TRAILING_WORDS_BACKWARDS)
    "square brackets before a link": (
        "[" * 50_000 + " [GLACY+](#) couvre le Ghana.\n", {"beneficiaryCountry country/GH"}),
    "a first cell of many articles": (
        "Le" + " le" * 30_000 + " x\t2016-2020\t1 000 000 euros\n"
        "GLACY+\t2016-2020\t2 000 000 euros\n",
        {"budgetEUR 2000000", "startDate 2016", "endDate 2020"}),
    # amounts: _AFTER
    "groups of digits before an amount": (
        "Projet GLACY+\n\nBudget : " + "123 " * 25_000 + "1 000 000 euros\n",
        {"budgetEUR 1000000"}),
    "thousands of budgets in one sentence": (
        "Le projet GLACY+ a un " + "budget 1 EUR " * 8000 + ".\n", {"budgetEUR 1"}),
    # conventions: _SERIES, _PLURAL_EN
    "spaces after a treaty series": (
        "Le projet GLACY+ promeut la STE" + " " * 50_000 + "x et la STE 185.\n",
        {"relatedConvention convention/ets-185"}),
    "a long capitalised word before conventions": (
        "The GLACY+ project promotes the " + "Ab" * 30_000 + " Budapest and Lanzarote "
        "Conventions.\n", {"relatedConvention convention/ets-201"}),
    # project_context: _AFTER_WORD (cubic), _BEFORE_WORD, _ENUM_GAP, acronyms in brackets
    "spaces after the word projet": (
        "le projet" + " " * 3000 + "!\n\n" + GHANA, {"beneficiaryCountry country/GH"}),
    "spaces after a project's name": (
        "GLACY+" + " " * 50_000 + "x.\n\n" + GHANA, {"beneficiaryCountry country/GH"}),
    "spaces between two projects": (
        "GLACY+" + " " * 50_000 + "x iPROCEEDS couvre le Ghana.\n",
        {"beneficiaryCountry country/GH"}),
    "thousands of names in brackets": (
        "Le projet GLACY+ couvre le Ghana " + "(Albanie) " * 10_000 + ".\n",
        {"beneficiaryCountry country/GH"}),
    "thousands of projects with their dates": (
        "Le projet GLACY+ (2016-2020) " + "GLACY+ (2016-2020) " * 5000 + ".\n",
        {"startDate 2016", "endDate 2020"}),
}

READ = """
import json, sys
from cyberkg.loaders.background import load_background
from cyberkg.loaders.extract import extract
from cyberkg.loaders.text import from_text
from rdflib import Literal

def short(node):
    return str(node) if isinstance(node, Literal) else "/".join(str(node).split("/")[-2:])

facts = extract(from_text(sys.stdin.read(), source="crafted.txt", stem="crafted"),
                load_background()[1])
print(json.dumps(sorted({f"{str(p).rsplit('#', 1)[-1]} {short(o)}" for s, p, o in facts.triples
                         if "/evidence/" not in str(s)})))
"""


def read_in_child(document: str) -> set[str]:
    """The facts the loaders read in ``document`` (as "predicate object"), in a child process
    that must finish within 30 seconds."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run([sys.executable, "-c", READ], input=document, capture_output=True,
                          text=True, timeout=30, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout))


@pytest.fixture(scope="module")
def read_crafted() -> dict[str, set[str] | BaseException]:
    """Every crafted document read, two at a time; a child that ran out of time gives its error."""
    def attempt(document: str) -> set[str] | BaseException:
        try:
            return read_in_child(document)
        except (subprocess.TimeoutExpired, AssertionError) as error:
            return error

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(attempt, [document for document, _ in CRAFTED.values()])
        return dict(zip(CRAFTED, results, strict=True))


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_line_is_read_in_bounded_time_and_its_document_states_its_facts(
        read_crafted: dict[str, set[str] | BaseException], name: str) -> None:
    found = read_crafted[name]
    if isinstance(found, BaseException):
        raise found
    expected = CRAFTED[name][1]
    assert expected <= found, sorted(expected - found)
