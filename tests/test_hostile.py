"""Broken, huge and hostile documents: each gives facts or one clear error, never a crash, a hang
or a half-written graph.

The bad documents are made here, in a temporary folder; the whole lot is built at once by the
real command, in a child process with a time bound (a hang fails the test instead of stopping
the test run).
"""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest

from cyberkg.loaders.formats import read_source
from cyberkg.loaders.text import MAX_BYTES
from cyberkg.ontology.errors import DocumentError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ANNEX = CORPUS / "fr_cproc_activity_report_2016-2017.txt"
XSD = "http://www.w3.org/2001/XMLSchema#"
SLOW = pytest.mark.skipif(not os.environ.get("CYBERKG_SLOW_TESTS"),
                          reason="minutes long: set CYBERKG_SLOW_TESTS=1 to run it")
ROW = "GLACY+\tAtelier sur la preuve électronique, Accra, Ghana, 3-4 octobre 2016"


def run_build(*args: str | Path, seconds: float = 300) -> subprocess.CompletedProcess[str]:
    """``cyberkg build ARGS --json`` in a child process that must finish within ``seconds``."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return subprocess.run([sys.executable, "-m", "cyberkg.cli", "build", *map(str, args),
                           "--json"], capture_output=True, text=True, timeout=seconds, env=env,
                          check=False)


def annex(*rows: str) -> str:
    return "Annexe : Inventaire des activités\n\noctobre 2016\n\n" + "\n".join(rows) + "\n"


def small_pdf(path: Path, lines: list[str]) -> bytes:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    y = 800
    for line in lines:
        page.drawString(72, y, line)
        y -= 14
    page.save()
    return path.read_bytes()


def encrypted(data: bytes, user_password: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb(path: Path) -> None:
    """A ``.docx`` whose document would unpack to 1 GB of zeros (1 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            zeros = bytes(1 << 24)
            for _ in range(64):
                stream.write(zeros)


HTML_WITH_SCRIPTS = """<!doctype html><html><head><script>alert('Serbie')</script></head><body>
<nav><a href="javascript:alert(1)">Maroc</a></nav>
<main><h1>Annexe : Inventaire des activités</h1><p>octobre 2016</p>
<script>document.write('<p>Albanie</p>')</script><iframe src="javascript:alert(2)">Tunisie</iframe>
<table><tr><td>GLACY+</td><td>Atelier sur la preuve électronique,
<a href="javascript:steal()">Accra</a>, Ghana, 3-4 octobre 2016</td></tr></table>
<p onclick="alert(3)">Le projet <a href="javascript:void(0)">iPROCEEDS</a> couvre la Turquie.</p>
<object data="x.swf">Arménie</object><style>body { background: url(javascript:alert(4)) }</style>
</main></body></html>"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of bad documents (named for what is wrong with them) and the good ones."""
    folder = tmp_path_factory.mktemp("hostile") / "docs"
    folder.mkdir()
    write = {
        "empty.txt": b"",
        "blank.md": b"  \n\n\t \r\n",
        "png-named.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
        "random-binary.txt": bytes((i * 7919) % 256 for i in range(1 << 16)),
        "invalid-utf8.txt": annex(ROW, "iPROCEEDS\tMission à Tirana, Albanie, 6 octobre 2016 "
                                       "\udcff").encode("utf-8", errors="surrogateescape"),
        "one-long-line.txt": (("Le projet GLACY+ soutient le Ghana, le Sénégal et Maurice. " * 2000)
                              .encode("utf-8")),
        "impossible-dates.txt": annex(
            "GLACY+\tAtelier sur la preuve électronique, Accra, Ghana, 31 février 2017",
            "iPROCEEDS\tMission de conseil, Tirana, Albanie, 2017-13-45",
            "CyberSouth\tRéunion régionale, Rabat, Maroc, 45-47 octobre 2016",
            ROW).encode("utf-8"),
        "odd-budgets.txt": ("GLACY+ est un projet conjoint de l'Union européenne et du Conseil de "
                            "l'Europe.\nBudget : € -5\nBudget : 1e309 euros\nBudget : "
                            "99999999999999999999999999999999 millions d'euros\nDurée : "
                            "1er mars 2016 - 29 février 2020\n").encode("utf-8"),
        "hidden-characters.txt": annex(
            "GL\u202eACY+\tAtel\u200fier sur la preuve, Acc\u0007ra, Gh\u200bana, 3-4 octobre 2016",
            "\u2067iPROCEEDS\u2069\tMission \x1b[31mrouge\x1b[0m, Tirana, Alba\u00adnie, "
            "6 octobre 2016",
            "Cyber\x00South\tRéunion, Rabat, Maroc, 10 octobre 2016").encode("utf-8"),
        "scripts.html": HTML_WITH_SCRIPTS.encode("utf-8"),
    }
    for name, data in write.items():
        (folder / name).write_bytes(data)
    pdf = small_pdf(folder / "plain.pdf", ["Annexe : Inventaire des activités", ROW])
    (folder / "encrypted.pdf").write_bytes(encrypted(pdf, user_password="secret"))
    (folder / "owner-password-only.pdf").write_bytes(encrypted(pdf, user_password=""))
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "plain.pdf").unlink()
    zip_bomb(folder / "bomb.docx")
    (folder / "spreadsheet.docx").write_bytes(_zip({"xl/workbook.xml": "<workbook/>"}))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    return folder


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


EXPECTED_ERRORS = {
    "empty.txt": "the document is empty",
    "blank.md": "the document is empty",
    "png-named.txt": "binary content (a PNG image), not text",
    "random-binary.txt": "binary content, not text",
    "encrypted.pdf": "encrypted PDF (a password is needed)",
    "truncated.pdf": "truncated PDF (its end-of-file marker is missing)",
    "bomb.docx": "refused: word/document.xml would unpack to 1073741824 bytes",
    "spreadsheet.docx": "an Excel workbook, not a Word document (.docx)",
    "broken.docx": "damaged ZIP archive",
}


@pytest.fixture(scope="module")
def hostile_build(hostile: Path) -> tuple[Path, dict[str, dict[str, object]]]:
    out = hostile.parent / "out"
    done = run_build(hostile, "--out", out)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    return out, {Path(d["source"]).name: d for d in report["documents"]}


def test_every_bad_document_is_in_the_report_read_or_failed_with_one_line(
        hostile: Path, hostile_build: tuple[Path, dict[str, dict[str, object]]]) -> None:
    _, documents = hostile_build
    assert sorted(documents) == sorted(p.name for p in hostile.iterdir())
    for name, document in documents.items():
        if document["status"] == "failed":
            error = str(document["error"])
            assert error and "\n" not in error and "Traceback" not in error, (name, error)
        else:
            assert document["status"] == "read" and document["facts"], (name, document)


@pytest.mark.parametrize(("name", "reason"), sorted(EXPECTED_ERRORS.items()))
def test_a_document_that_cannot_be_read_says_why(
        hostile_build: tuple[Path, dict[str, dict[str, object]]], name: str, reason: str) -> None:
    document = hostile_build[1][name]
    assert document["status"] == "failed"
    assert str(document["error"]).startswith(reason), document["error"]


@pytest.mark.parametrize("name", ["invalid-utf8.txt", "one-long-line.txt", "impossible-dates.txt",
                                  "odd-budgets.txt", "hidden-characters.txt", "scripts.html",
                                  "owner-password-only.pdf"])
def test_a_document_that_can_be_read_gives_facts(
        hostile_build: tuple[Path, dict[str, dict[str, object]]], name: str) -> None:
    document = hostile_build[1][name]
    assert document["status"] == "read", document["error"]
    assert int(document["facts"]) > 0  # type: ignore[call-overload]


def test_the_graph_of_a_build_with_bad_documents_is_whole_and_opens(
        hostile_build: tuple[Path, dict[str, dict[str, object]]], runner) -> None:
    from cyberkg.cli import cli

    out, documents = hostile_build
    quads = list(pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, pyoxigraph.NamedNode)}
    read = [d for d in documents.values() if d["status"] == "read"]
    assert {str(d["document"]) for d in read} <= graphs
    result = runner.invoke(cli, ["stats", "--graph", str(out), "--json"])
    assert result.exit_code == 0, result.output


def test_strict_fails_the_build_when_any_document_failed(hostile: Path, tmp_path: Path) -> None:
    done = run_build(hostile / "empty.txt", ANNEX, "--out", tmp_path / "out", "--strict")
    assert done.returncode == 1
    assert [d["status"] for d in json.loads(done.stdout)["documents"]] == ["failed", "read"]


def test_impossible_dates_and_amounts_never_become_invalid_literals(
        hostile_build: tuple[Path, dict[str, dict[str, object]]]) -> None:
    out, _ = hostile_build
    checked = 0
    for quad in pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG):
        value = quad.object
        if not isinstance(value, pyoxigraph.Literal):
            continue
        kind = value.datatype.value.removeprefix(XSD)
        if kind == "date":
            date.fromisoformat(value.value)
            checked += 1
        elif kind in ("decimal", "double", "float", "integer"):
            number = float(value.value)
            assert math.isfinite(number), quad
            if "budget" in quad.predicate.value.lower() or "amount" in quad.predicate.value.lower():
                assert number >= 0, quad
            checked += 1
    assert checked


def test_control_characters_and_direction_marks_never_reach_the_graph(
        hostile_build: tuple[Path, dict[str, dict[str, object]]]) -> None:
    out, _ = hostile_build
    text = (out / "graph.trig").read_text(encoding="utf-8")
    for hidden in ("\u202e", "\u200f", "\u200b", "\u2067", "\u2069", "\u00ad", "\x1b", "\x07",
                   "\\u001B", "\\u0007"):
        assert hidden not in text


def test_an_html_page_is_read_without_its_scripts_frames_or_links(hostile: Path) -> None:
    text = read_source(hostile / "scripts.html").text
    assert "Accra" in text and "iPROCEEDS" in text
    for never in ("Serbie", "Maroc", "Albanie", "Tunisie", "Arménie", "alert", "javascript",
                  "steal", "onclick", "document.write"):
        assert never not in text


def test_invalid_utf_8_is_replaced_with_a_warning_on_its_line(hostile: Path) -> None:
    read = read_source(hostile / "invalid-utf8.txt")
    assert read.warnings == ((6, "invalid UTF-8: 1 byte sequence(s) replaced by U+FFFD "
                                 "(the first on line 6)"),)
    assert "Tirana, Albanie" in read.lines[5]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # a sparse file: no disk space used
        stream.truncate(MAX_BYTES + 1)
    with pytest.raises(DocumentError, match=r"too large \(67108865 bytes; the limit is 67108864\)"):
        read_source(huge)


def test_fifty_megabytes_of_text_are_read(tmp_path: Path) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    big = tmp_path / "big.txt"
    big.write_text((text * (50 * 2**20 // len(text.encode()) + 1))[: 50 * 2**20],
                   encoding="utf-8")
    read = read_source(big)
    assert len(read.lines) > 200_000 and read.language == "fr"


def test_ten_thousand_activity_lines_are_all_read(tmp_path: Path) -> None:
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    places = [("Accra", "Ghana"), ("Tirana", "Albanie"), ("Dakar", "Sénégal"), ("Rabat", "Maroc")]
    rows = []
    for n in range(10_000):
        city, country = places[n % len(places)]
        month = months[n * 12 // 10_000]
        if n % 834 == 0:
            rows += ["", f"{month} 2017", ""]
        rows.append(f"GLACY+\tAtelier numéro {n} sur la preuve électronique, {city}, {country}, "
                    f"{n % 25 + 1}-{n % 25 + 3} {month} 2017")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "annex.txt").write_text(annex(*rows), encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr[-2000:]
    document = json.loads(done.stdout)["documents"][0]
    assert document["status"] == "read"
    quads = pyoxigraph.parse(path=str(tmp_path / "out" / "graph.trig"),
                             format=pyoxigraph.RdfFormat.TRIG)
    activities = {q.subject for q in quads if q.predicate.value.endswith("#type")
                  and q.object.value == "https://w3id.org/cyberkg#Activity"
                  and q.graph_name.value == document["document"]}
    assert len(activities) == 10_000


# Lines made to make a regular expression backtrack: long runs of what loaders' patterns repeat
# (words and separators, digits and dashes, capitalised words, brackets, spaces, tabs).
PATHOLOGICAL = [
    "Albanie, " * 3000 + "!",
    "1-" * 5000 + "x",
    "12 " * 5000 + "!",
    "Ab " * 5000 + ".",
    "de la " * 3000 + "x",
    "et " * 5000 + ":",
    "(" * 5000 + "a",
    "« " * 3000 + "x",
    " " * 50_000 + "x",
    "\t" * 5000 + "x",
    "GLACY+\t" + "Atelier, " * 3000,
    "GLACY+, " * 3000 + "\tAtelier, Accra, Ghana, 3 octobre 2016",
    "Convention " * 3000 + "n° 185",
    "Projet " * 3000 + "GLACY+",
    "31 " * 5000 + "octobre",
    "- " * 5000 + "x",
    "a" * 100_000,
    "Budget : " + "1 " * 5000 + "euros",
    "Durée : " + "1er mars 2016 - " * 2000,
]


def test_lines_made_to_backtrack_are_read_in_bounded_time(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "crafted.txt").write_text(annex(ROW, "", *PATHOLOGICAL, "", ROW),
                                                   encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out", seconds=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["documents"][0]["status"] == "read"


def test_a_cell_of_repeated_numerals_is_read_in_bounded_time(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "numerals.txt").write_text(
        annex(ROW, "II " * 40 + "x\tAtelier, Accra, Ghana, 5 octobre 2016"), encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out", seconds=15)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_long_run_of_hyphenated_words_is_read_in_bounded_time(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "dashes.txt").write_text("Le projet GLACY+ : " + "ab-" * 40_000 + "cd.\n",
                                                  encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out", seconds=15)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("phrase", [
    "financé par l'Albanie ",  # a role cue, again and again
    "les pays prioritaires sont le Ghana, ",  # a country cue
    "s'appuie sur le projet GLACY+ et ",  # a predecessor cue
    "Groupe de travail Afrique d'INTERPOL sur ",  # an unknown body, no punctuation for 200 KB
])
def test_a_sentence_of_thousands_of_cues_is_read_in_linear_time(tmp_path: Path,
                                                                 phrase: str) -> None:
    """Each cue reads only its own stretch of the sentence: 20,000 cues in one sentence (0.4 to
    0.8 MB) take about a second (minutes to hours when each cue re-read the rest of it)."""
    (tmp_path / "docs").mkdir()
    text = "Le projet GLACY+ est " + phrase * 20_000 + "fin.\n"
    (tmp_path / "docs" / "cues.txt").write_text(text, encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out", seconds=20)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["documents"][0]["status"] == "read"


@SLOW
def test_a_one_megabyte_line_is_read(tmp_path: Path) -> None:
    text = " ".join(ANNEX.read_text(encoding="utf-8").split())
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "line.txt").write_text((text * (2**20 // len(text) + 1))[: 2**20],
                                                encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out", seconds=1800)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["documents"][0]["facts"] > 0


@SLOW
def test_fifty_megabytes_of_text_are_built(tmp_path: Path) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "big.txt").write_text(
        (text * (50 * 2**20 // len(text.encode()) + 1))[: 50 * 2**20], encoding="utf-8")
    done = run_build(tmp_path / "docs", "--out", tmp_path / "out", seconds=4 * 3600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["documents"][0]["facts"] > 1000
