"""The text of a PDF document, with its tables as TAB-separated rows.

pdfplumber (on pdfminer.six) gives the words of each page with their positions; the text is
rebuilt from them:

- tables ruled with lines (pdfplumber's ``find_tables``) come out one row per line, cells joined
  by TABs, a cell's wrapped lines joined by spaces; a row that a page break cut in two is joined
  again (the next page's table starts with a row whose first cell is empty);
- the other words are grouped into lines, the lines into paragraphs (a gap wider than the line
  spacing, or a change of font size or weight, starts one), with a blank line after each; inside
  a paragraph, lines the text wrapped are joined again, and a line broken on purpose (the first
  word of the next line would have fitted on it, or the next line is a list item) stays a line,
  as in the document the PDF was made from; a paragraph cut by a page break goes on;
- a gap of more than 1.5 em inside a line (a column of a table drawn without lines) is a TAB;
- running headers and footers (the same line at the top or bottom of most pages) and page numbers
  are dropped; ligatures (ﬁ, ﬂ…) are spelled out.

A PDF is read in a child process with a memory limit and a time limit (``CYBERKG_PDF_TIMEOUT``
seconds, 300 by default): pdfminer unpacks streams without bounds, so a PDF made to hurt (a
decompression bomb, a loop in its objects) costs that child, never the build. An encrypted PDF is
read when it opens without a password, else refused; a truncated one (no ``%%EOF``) is refused.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cyberkg.ontology.errors import DocumentError

ENV_TIMEOUT = "CYBERKG_PDF_TIMEOUT"
DEFAULT_TIMEOUT = 300.0
MEMORY_LIMIT = 3 * 1024 ** 3
"""The address space the child that reads a PDF may use (bytes)."""
MAX_PAGES = 3000

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st"})
_PUNCTUATION = (".", "!", "?", ":", ";")
# A label at the start of a line: one to four words, the first capitalised, then a colon.
_FIELD = re.compile(r"[^\W\d_][\w’'-]{0,24}(?: [\w’'-]{1,24}){0,3} ?: ")
_CID = re.compile(r"\(cid:\d+\)")
# What a list item starts with (the two private-use ones are the Symbol font's bullets).
_BULLETS = ("-", "•", "·", "▪", "◦", "●", "*", "\uf0b7", "\uf0a7", "o ")
_PAGE_NUMBER = re.compile(r"(?i)^\W{0,3}(?:page|p\.)?\s{0,3}\d{1,4}(?:\s{0,3}(?:/|of|sur|de)\s{0,3}"
                          r"\d{1,4})?\W{0,3}$")
_DIGITS = re.compile(r"\d+")


def read(data: bytes, source: str) -> tuple[str, list[tuple[int, str]]]:
    """The text of the PDF ``data``, and warnings about its reading (pages without text…)."""
    check(data, source)
    seconds = timeout_seconds()
    command = [sys.executable, "-c", "from cyberkg.loaders.formats.pdf import child; child()"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=seconds, env=env,
                              check=False)
    except subprocess.TimeoutExpired as error:
        raise DocumentError(source, f"reading the PDF took more than {seconds:g} s and was "
                                    f"stopped (damaged, or made to hurt?)") from error
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        answer = None
    if not isinstance(answer, dict):
        if done.returncode < 0 or b"MemoryError" in done.stderr:
            raise DocumentError(source, "reading the PDF needed too much memory and was stopped "
                                        "(damaged, or made to hurt?)")
        last = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
        raise DocumentError(source, f"the PDF could not be read ({last[0][:200]})")
    if "error" in answer:
        raise DocumentError(source, str(answer["error"]))
    return str(answer["text"]), [(int(line), str(message)) for line, message in answer["warnings"]]


def check(data: bytes, source: str) -> None:
    """Refuse a PDF whose end is missing (a truncated download or copy)."""
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(source, "truncated PDF (its end-of-file marker is missing)")


def timeout_seconds() -> float:
    raw = os.environ.get(ENV_TIMEOUT, "")
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def child() -> None:
    """The child process: PDF bytes on stdin, ``{"text", "warnings"}`` or ``{"error"}`` as JSON."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    data = sys.stdin.buffer.read()
    try:
        text, warnings = extract(data)
        answer: dict[str, object] = {"text": text, "warnings": warnings}
    except _Refused as error:
        answer = {"error": str(error)}
    except MemoryError:
        answer = {"error": "reading the PDF needed too much memory and was stopped (damaged, or "
                           "made to hurt?)"}
    except RecursionError:
        answer = {"error": "damaged PDF (its objects nest too deeply)"}
    except Exception as error:  # noqa: BLE001 - any failure of the PDF libraries is a bad PDF
        reason = str(error).split("\n", 1)[0][:200] or type(error).__name__
        answer = {"error": f"damaged PDF ({type(error).__name__}: {reason})"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))


class _Refused(Exception):
    """A PDF that is well formed but cannot be read (encrypted, too many pages, no text)."""


def extract(data: bytes) -> tuple[str, list[tuple[int, str]]]:
    """The text of a PDF (in this process: :func:`read` calls it in a child)."""
    import io
    import logging

    import pdfplumber
    import pypdf

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - an encryption pypdf cannot undo
            raise _Refused(f"encrypted PDF (a password is needed; {error})") from error
        if not opened:
            raise _Refused("encrypted PDF (a password is needed)")
    pages = len(reader.pages)
    if pages > MAX_PAGES:
        raise _Refused(f"too many pages ({pages}; the limit is {MAX_PAGES})")
    with pdfplumber.open(io.BytesIO(data), password="") as pdf:
        layouts = [_page_layout(page) for page in pdf.pages]
    writer = _Text(right=max((layout.right for layout in layouts), default=0.0))
    repeated = _running_lines(layouts)
    for number, layout in enumerate(layouts, start=1):
        items = [item for item in layout.items
                 if not (isinstance(item, _Line) and item.margin and
                         (_PAGE_NUMBER.match(item.text) or _shape(item.text) in repeated))]
        if not items:
            writer.warn(f"page {number} has no text (a scanned image? cyberkg does not read "
                        f"images)")
        writer.page(items)
    text = writer.result()
    if _CID.search(text):
        text = _CID.sub("", text)
        writer.warnings.append((1, "some characters of the PDF have no known Unicode meaning "
                                   "and were left out"))
    if not text.strip():
        raise _Refused("the PDF holds no text (scanned pages? cyberkg does not read images)")
    return text, writer.warnings


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_width: float
    margin: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _Table:
    rows: list[list[str]]
    top: float


@dataclass
class _Layout:
    items: list[_Line | _Table]
    right: float


def _page_layout(page: object) -> _Layout:
    tables = page.find_tables()  # type: ignore[attr-defined]
    boxes = [table.bbox for table in tables]

    def inside(word: dict[str, float]) -> bool:
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    found = page.extract_words(extra_attrs=["size", "fontname"])  # type: ignore[attr-defined]
    words = [w for w in found if not inside(w)]
    lines = list(_lines(words))
    height = float(page.height)  # type: ignore[attr-defined]
    for line in lines:
        line.margin = line.bottom < 0.08 * height or line.top > 0.92 * height
    items: list[_Line | _Table] = list(lines)
    for table in tables:
        rows = [[_cell(cell) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if rows:
            items.append(_Table(rows, table.bbox[1]))
    items.sort(key=lambda item: item.top)
    body = [line for line in lines if not line.margin] or lines
    return _Layout(items, max((line.x1 for line in body), default=0.0))


def _cell(cell: str | None) -> str:
    return " ".join((cell or "").translate(_LIGATURES).split())


def _lines(words: list[dict[str, object]]) -> Iterator[_Line]:
    """Words grouped into lines (a word whose middle is above the line's bottom joins it)."""
    rows: list[list[dict[str, object]]] = []
    bottom = 0.0
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (float(word["top"]) + float(word["bottom"])) / 2
        if rows and middle <= bottom:
            rows[-1].append(word)
        else:
            rows.append([word])
            bottom = float(word["bottom"])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = statistics.median(float(w["size"]) for w in row)
        parts = [str(row[0]["text"])]
        for before, word in zip(row, row[1:], strict=False):
            gap = float(word["x0"]) - float(before["x1"])
            parts.append("\t" if gap > 1.5 * size else " ")
            parts.append(str(word["text"]))
        bold = sum(1 for w in row if "bold" in str(w["fontname"]).lower()) > len(row) / 2
        yield _Line("".join(parts).translate(_LIGATURES), float(row[0]["x0"]),
                    float(row[-1]["x1"]), min(float(w["top"]) for w in row),
                    max(float(w["bottom"]) for w in row), size, bold,
                    float(row[0]["x1"]) - float(row[0]["x0"]))


def _shape(text: str) -> str:
    """A line with its numbers blurred: running headers differ only by their page number."""
    return _DIGITS.sub("#", text.strip().lower())


def _running_lines(layouts: list[_Layout]) -> set[str]:
    """Lines in the margins that recur on at least half the pages (three pages or more)."""
    if len(layouts) < 3:
        return set()
    counts: dict[str, int] = {}
    for layout in layouts:
        shapes = {_shape(item.text) for item in layout.items
                  if isinstance(item, _Line) and item.margin}
        for shape in shapes:
            counts[shape] = counts.get(shape, 0) + 1
    return {shape for shape, n in counts.items() if n >= max(3, len(layouts) / 2)}


@dataclass
class _Text:
    """The text being written: a paragraph's lines joined where the text wrapped, kept apart where
    the line was broken on purpose; a blank line after each paragraph; table rows as TAB lines."""

    right: float
    lines: list[str] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    paragraph: list[_Line] = field(default_factory=list)
    last_row: list[str] | None = None
    last_row_at: int = 0

    def warn(self, message: str) -> None:
        self.warnings.append((len(self.lines) + 1, message))

    def page(self, items: Iterable[_Line | _Table]) -> None:
        first = True
        for item in items:
            if isinstance(item, _Table):
                self._table(item, continues=first)
            else:
                if self.paragraph and (self._broken(self.paragraph[-1], item) if first
                                       else _new_paragraph(self.paragraph[-1], item)):
                    self._end_paragraph()  # on a new page, a line broken on purpose ends one
                self.paragraph.append(item)
                self.last_row = None
            first = False

    def _broken(self, before: _Line, line: _Line) -> bool:
        """Whether the line ``before`` was broken on purpose: the first word of ``line`` would have
        fitted at its end (so the text did not wrap there), or ``line`` is a list item after a
        sentence or clause, or a field (``Donateurs : …``, ``Budget: …``) of a fact sheet."""
        if line.text.startswith(_BULLETS) and before.text.rstrip().endswith(_PUNCTUATION):
            return True
        if line.text[:1].isupper() and _FIELD.match(line.text):
            return True
        return before.x1 + 0.3 * before.size + line.first_width < self.right - 1.0

    def _end_paragraph(self) -> None:
        if not self.paragraph:
            return
        text = self.paragraph[0].text.strip()
        for before, line in zip(self.paragraph, self.paragraph[1:], strict=False):
            piece = line.text.strip()
            if self._broken(before, line):
                text += "\n" + piece
            elif text.endswith("-") and text[-2:-1].isalpha() and piece[:1].islower():
                text += piece  # a compound word cut after its hyphen: the hyphen stays
            else:
                text += " " + piece
        self.paragraph = []
        self._blank()
        self.lines.extend(text.split("\n"))
        self.lines.append("")

    def _blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def _table(self, table: _Table, *, continues: bool) -> None:
        self._end_paragraph()
        rows = table.rows
        if continues and self.last_row is not None and rows and not rows[0][0] \
                and len(rows[0]) == len(self.last_row):
            joined = [" ".join(filter(None, (a, b))) for a, b in zip(self.last_row, rows[0],
                                                                    strict=True)]
            self.lines[self.last_row_at] = _row_line(joined)
            self.last_row = joined
            rows = rows[1:]
        elif self.last_row is None:
            self._blank()
        for row in rows:
            line = _row_line(row)
            if "\t" not in line:  # a row of one cell (a heading across the table) stands alone
                self._blank()
                self.lines.extend([line, ""])
                self.last_row_at = len(self.lines) - 2
            else:
                self.lines.append(line)
                self.last_row_at = len(self.lines) - 1
            self.last_row = row

    def result(self) -> str:
        self._end_paragraph()
        return "\n".join(self.lines).strip("\n")


def _new_paragraph(before: _Line, line: _Line) -> bool:
    """A gap wider than the line spacing, or another font size or weight, starts a paragraph."""
    if line.top - before.bottom > 0.6 * min(before.height, line.height):
        return True
    return abs(line.size - before.size) > 1.0 or line.bold != before.bold


def _row_line(cells: list[str]) -> str:
    cells = [cell.replace("\t", " ") for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)
