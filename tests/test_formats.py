"""PDF, Word and HTML documents give the same text, rows and facts as the plain text they hold.

Each bundled document is written as a PDF (the tables as ruled tables: reportlab), a Word file
(python-docx) and a web page with a menu, a sidebar, scripts, an iframe and a footer around it;
each is built and compared with the .txt it was made from. The format is told by the content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pyoxigraph
import pytest

from cyberkg.cli import cli
from cyberkg.loaders.build import build
from cyberkg.loaders.formats import read_source, sniff
from cyberkg.loaders.sentences import sentences
from cyberkg.ontology import document_iri

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))
ANNEX = "fr_cproc_activity_report_2016-2017"
FORMATS = ("pdf", "docx", "html")
EVIDENCE = "https://w3id.org/cyberkg#Evidence"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# What a document node says about its file, not about its content.
FILE_FACTS = {"http://purl.org/dc/terms/source", "https://w3id.org/cyberkg#sha256"}


# -- the documents, written in each format ------------------------------------------------------

def mended(text: str) -> str:
    """The bundled text with the slips of its conversion mended: a table row cut in two by a page
    break (its second half starts with an empty cell, after a blank line) is one row again, and
    a row of dashes (a Markdown table rule) goes. The formats are compared with this text."""
    lines: list[str] = []
    for line in text.split("\n"):
        if "\t" in line and not line.replace("\t", "").strip("- "):
            continue
        if line.startswith("\t") and line.strip():
            last = len(lines) - 1
            while last >= 0 and not lines[last].strip():
                last -= 1
            if last >= 0 and "\t" in lines[last]:
                before, after = lines[last].split("\t"), line.split("\t")
                width = max(len(before), len(after))
                before += [""] * (width - len(before))
                after += [""] * (width - len(after))
                lines[last] = "\t".join(" ".join(filter(None, (a.strip(), b.strip())))
                                        for a, b in zip(before, after, strict=True))
                del lines[last + 1:]
                continue
        lines.append(line)
    return "\n".join(lines)


def blocks(text: str) -> Iterator[list[tuple[str, list[str] | str]]]:
    """The text's paragraphs (runs of non-blank lines), each as parts: ``("lines", [...])`` for
    plain lines, ``("rows", [[cell…]…])`` for table rows, ``("item", text)`` for a bullet."""
    block: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            block.append(line)
            continue
        parts: list[tuple[str, list[str] | str]] = []
        for raw in block:
            kind = "rows" if "\t" in raw else "item" if raw.lstrip()[:1] in "-•*·#" else "lines"
            value = raw.split("\t") if kind == "rows" else raw.strip()
            if kind != "item" and parts and parts[-1][0] == kind:
                parts[-1][1].append(value)  # type: ignore[union-attr]
            else:
                parts.append((kind, [value] if kind != "item" else value))
        if parts:
            yield parts
        block = []


def make_pdf(text: str, path: Path) -> None:
    """A PDF of ``text``: paragraphs, bullets, and each run of TAB lines as a ruled table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():  # reportlab's own font (no superscript digits: those words differ)
        import reportlab

        font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Body", str(font)))
    body = ParagraphStyle("body", fontName="Body", fontSize=10, leading=13, spaceAfter=8)
    cell = ParagraphStyle("cell", fontName="Body", fontSize=9, leading=11)
    width = A4[0] - 144
    story: list[object] = []
    for block in blocks(text):
        for kind, value in block:
            if kind == "lines":
                story.append(Paragraph("<br/>".join(escape(line) for line in value), body))
            elif kind == "item":
                story.append(Paragraph(escape(str(value)), body))
            else:
                columns = max(len(row) for row in value)
                data = [[Paragraph(escape(c), cell) for c in row] + [""] * (columns - len(row))
                        for row in value]
                first = 140 if columns > 1 else width
                widths = [first] + [(width - first) / max(columns - 1, 1)] * (columns - 1)
                table = Table(data, colWidths=widths)
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                story += [table, Spacer(1, 8)]
    SimpleDocTemplate(str(path), pagesize=A4, title="CoE").build(story)


def make_docx(text: str, path: Path) -> None:
    """A Word document of ``text``: paragraphs with line breaks, bullets, tables."""
    import docx

    document = docx.Document()
    for block in blocks(text):
        for kind, value in block:
            if kind == "lines":
                paragraph = document.add_paragraph()
                for i, line in enumerate(value):
                    run = paragraph.add_run(line)
                    if i < len(value) - 1:
                        run.add_break()
            elif kind == "item":
                item = str(value)
                if item.startswith("- "):
                    document.add_paragraph(item[2:], style="List Bullet")
                else:
                    document.add_paragraph(item)
            else:
                table = document.add_table(rows=0, cols=max(len(row) for row in value))
                table.style = "Table Grid"
                for row in value:
                    for target, content in zip(table.add_row().cells, row, strict=False):
                        target.text = content
    document.save(str(path))


def make_html(text: str, path: Path) -> None:
    """A web page of ``text`` with a menu, a sidebar, scripts, an iframe and a footer around it."""
    page = ['<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Conseil de '
            "l'Europe</title><script>var menu = 'Accueil Cybercriminalité';</script>"
            "<style>nav { display: flex }</style></head><body>",
            '<header><a href="/">Conseil de l\'Europe</a><nav><ul><li><a href="/fr">Accueil</a>'
            '</li><li><a href="javascript:void(0)">Convention de Budapest</a></li></ul></nav>'
            "</header>",
            '<div class="layout"><aside><h2>Liens</h2><ul><li>Octopus (Roumanie)</li></ul></aside>'
            "<main>"]
    for block in blocks(text):
        for kind, value in block:
            if kind == "lines":
                page.append("<p>" + "<br>".join(escape(line) for line in value) + "</p>")
            elif kind == "item":
                item = str(value)
                page.append(f"<ul><li>{escape(item[2:])}</li></ul>" if item.startswith("- ")
                            else f"<p>{escape(item)}</p>")
            else:
                page.append("<table>" + "".join(
                    "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                    for row in value) + "</table>")
    page.append('</main></div><footer><p>© Conseil de l\'Europe, Strasbourg, France</p>'
                '<a href="javascript:alert(document.cookie)">Contact</a></footer>'
                '<iframe src="https://example.org/tracker">Albanie</iframe>'
                "<script>document.write('Serbie')</script></body></html>")
    path.write_text("\n".join(page), encoding="utf-8")


MAKERS = {"pdf": make_pdf, "docx": make_docx, "html": make_html}


# -- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``txt/``, ``pdf/``, ``docx/`` and ``html/``: the bundled documents in each format."""
    root = tmp_path_factory.mktemp("formats")
    (root / "txt").mkdir()
    for stem in STEMS:
        text = mended((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))
        (root / "txt" / f"{stem}.txt").write_text(text, encoding="utf-8")
        for kind, make in MAKERS.items():
            (root / kind).mkdir(exist_ok=True)
            make(text, root / kind / f"{stem}.{kind}")
    return root


@pytest.fixture(scope="module")
def built(documents: Path) -> dict[str, Path]:
    """Each folder of :func:`documents` built into its own graph folder (with --keep-text)."""
    outs = {}
    for kind in ("txt", *FORMATS):
        out = documents / f"out-{kind}"
        report = build([documents / kind], out, keep_text=True)
        assert not report.failed, [(d.source, d.error) for d in report.failed]
        outs[kind] = out
    return outs


def words(text: str) -> list[str]:
    return " ".join(s.text for s in sentences(text)).split()


def facts(out: Path, stem: str) -> set[tuple[str, str, str]]:
    """What the document ``stem`` says, without its evidence (line numbers differ by format)."""
    graph = pyoxigraph.NamedNode(str(document_iri(stem)))
    quads = [q for q in pyoxigraph.parse(path=str(out / "graph.trig"),
                                         format=pyoxigraph.RdfFormat.TRIG) if q.graph_name == graph]
    evidence = {q.subject for q in quads
                if q.predicate.value == RDF_TYPE and q.object.value == EVIDENCE}
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads
            if q.subject not in evidence and q.predicate.value not in FILE_FACTS}


# -- the tests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_each_format_gives_the_words_of_the_text_in_their_order(documents: Path, kind: str,
                                                               stem: str) -> None:
    text = (documents / "txt" / f"{stem}.txt").read_text(encoding="utf-8")
    read = read_source(documents / kind / f"{stem}.{kind}")
    assert words(read.text) == words(text)


@pytest.mark.parametrize("kind", FORMATS)
def test_the_tables_come_out_row_by_row_as_in_the_text(documents: Path, kind: str) -> None:
    text = (documents / "txt" / f"{ANNEX}.txt").read_text(encoding="utf-8")
    read = read_source(documents / kind / f"{ANNEX}.{kind}")
    rows = [line for line in read.text.split("\n") if "\t" in line]
    assert rows == [line for line in text.split("\n") if "\t" in line]
    assert ("iPROCEEDS\tMission de conseil et atelier sur la fraude en ligne et d'autres mécanismes"
            " de signalement de cybercriminalité, Podgorica/Danilovgrad, Monténégro, "
            "3-4 octobre 2016") in rows


def test_a_table_row_cut_by_a_page_break_is_one_row(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    widths = [120, 330]
    story = [Table([["Projet", "Activité"],
                    ["GLACY+", "Atelier sur la preuve électronique, Accra,"]], widths, style=grid),
             PageBreak(),  # what a row too long for the page looks like: its end on the next
             Table([["", "Ghana, 3-4 mars 2017"],
                    ["iPROCEEDS", "Mission de conseil, Tirana, Albanie, 6 mars 2017"]], widths,
                   style=grid)]
    SimpleDocTemplate(str(tmp_path / "cut.pdf")).build(story)
    read = read_source(tmp_path / "cut.pdf")
    assert [line for line in read.text.split("\n") if "\t" in line] == [
        "Projet\tActivité",
        "GLACY+\tAtelier sur la preuve électronique, Accra, Ghana, 3-4 mars 2017",
        "iPROCEEDS\tMission de conseil, Tirana, Albanie, 6 mars 2017"]


@pytest.mark.parametrize("kind", FORMATS)
def test_each_format_gives_the_same_facts_as_the_text(built: dict[str, Path], kind: str) -> None:
    for stem in STEMS:
        expected = facts(built["txt"], stem)
        assert len(expected) > 5
        assert facts(built[kind], stem) == expected, stem


def test_the_web_page_gives_its_main_text_without_menus_scripts_frames_or_footer(
        documents: Path) -> None:
    text = read_source(documents / "html" / "fr_glacy-e_page.html").text
    for outside in ("Accueil", "Liens", "Octopus (Roumanie)", "Strasbourg, France", "Contact",
                    "javascript", "document.", "tracker", "Serbie", "menu"):
        assert outside not in text
    assert text.split("\n")[0].startswith("Durée : 1er mars 2024 - 31 janvier 2026")


def test_the_format_is_told_by_the_content_not_the_name(documents: Path, tmp_path: Path) -> None:
    for kind in FORMATS:
        disguised = tmp_path / f"{kind}-named.txt"
        disguised.write_bytes((documents / kind / f"fr_glacy_summary.{kind}").read_bytes())
        assert sniff(disguised.read_bytes(), disguised.name) == ("zip" if kind == "docx" else kind)
        assert words(read_source(disguised).text) == words(
            (documents / "txt" / "fr_glacy_summary.txt").read_text(encoding="utf-8"))


def test_a_folder_of_mixed_formats_builds_every_document(documents: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for stem, kind in zip(STEMS, ("pdf", "docx", "html", "txt", "pdf"), strict=True):
        (mixed / f"{stem}.{kind}").write_bytes((documents / kind / f"{stem}.{kind}").read_bytes())
    (mixed / "~$lock.docx").write_bytes(b"\x00owner")  # Word's lock file: not a document
    (mixed / "notes.json").write_text("{}", encoding="utf-8")
    report = build([mixed], tmp_path / "out")
    assert sorted(Path(d.source).name for d in report.documents) == sorted(
        f"{stem}.{kind}" for stem, kind in zip(STEMS, ("pdf", "docx", "html", "txt", "pdf"),
                                               strict=True))
    assert all(d.status == "read" and d.facts > 0 for d in report.documents)


def test_keep_text_writes_the_lines_that_the_evidence_cites(built: dict[str, Path]) -> None:
    out = built["pdf"]
    lines = (out / "text" / f"{ANNEX}.txt").read_text(encoding="utf-8").split("\n")
    graph = pyoxigraph.NamedNode(str(document_iri(ANNEX)))
    cited: dict[str, dict[str, str]] = {}
    for quad in pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG):
        if quad.graph_name == graph and quad.predicate.value.endswith(("#line", "#sentence")):
            cited.setdefault(str(quad.subject), {})[quad.predicate.value[-4:]] = quad.object.value
    assert len(cited) > 100
    for evidence in cited.values():
        line = lines[int(evidence["line"]) - 1]
        first_words = " ".join(evidence["ence"].split()[:3])
        assert first_words in " ".join(line.split()), (evidence, line)


def test_build_of_a_pdf_names_its_text_beside_the_graph(built: dict[str, Path],
                                                         runner) -> None:
    report = json.loads((built["pdf"] / "report.json").read_text(encoding="utf-8"))
    assert {Path(d["source"]).suffix for d in report["documents"]} == {".pdf"}
    assert sorted(p.name for p in (built["pdf"] / "text").iterdir()) == [f"{s}.txt" for s in STEMS]
    result = runner.invoke(cli, ["stats", "--graph", str(built["pdf"]), "--json"])
    assert result.exit_code == 0, result.output
    assert {re.sub(r".*/", "", d["document"]) for d in json.loads(result.output)["documents"]} \
        >= set(STEMS)
