"""The text of a Word document (``.docx``): its body's paragraphs and tables, in order.

- a paragraph is one line (a line break inside it starts a new line), with a blank line after it;
  a list item (numbered, bulleted, or in a list style) starts with ``- ``;
- a table row is one line with its cells joined by TABs; a cell merged with the one above it
  repeats that cell's text, so each row is whole;
- headers, footers, footnotes, comments, text boxes and deleted revisions are not read.

A ``.docx`` is a ZIP archive: before anything is unpacked, the sizes the archive declares are
checked (each part, their total, how much each is compressed), so a zip bomb is refused without
being opened. Python's ``zipfile`` never unpacks more than a part declares, so the declared sizes
bound the memory used. The XML is parsed by python-docx, which does not resolve entities.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from cyberkg.ontology.errors import DocumentError

MAX_PART = 64 * 1024 * 1024
"""The largest XML part (``word/document.xml``…) read."""
MAX_TOTAL = 512 * 1024 * 1024
"""The most bytes all the parts together may unpack to (images included)."""
MAX_RATIO = 100
"""A part larger than 1 MB compressed more than this many times is a bomb, not a document."""
MAX_PARTS = 10_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAIN = "word/document.xml"


def read(data: bytes, source: str) -> tuple[str, list[tuple[int, str]]]:
    """The text of the Word document ``data`` (a ZIP archive), and warnings about its reading."""
    check_archive(data, source)
    import docx
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, EOFError, OSError) as error:
        raise DocumentError(source, f"damaged Word document ({_why(error)})") from error
    lists = _list_styles(document)
    lines: list[str] = []
    for kind, text in _blocks(document.element.body, lists):
        if kind == "row":
            if lines and lines[-1] and "\t" not in lines[-1]:
                lines.append("")
            lines.append(text)
        else:
            if lines and lines[-1]:
                lines.append("")
            lines.extend(text.split("\n"))
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise DocumentError(source, "the Word document holds no text")
    return text, []


def check_archive(data: bytes, source: str) -> None:
    """Refuse an archive that is not a Word document, or would unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            names = {info.filename for info in parts}
            if len(parts) > MAX_PARTS:
                raise DocumentError(source, f"refused: the archive holds {len(parts)} parts "
                                            f"(at most {MAX_PARTS})")
            if _MAIN not in names:
                raise DocumentError(source, f"{_kind_of_archive(archive, names)}, "
                                            f"not a Word document (.docx)")
            total = 0
            for info in parts:
                total += info.file_size
                if info.file_size > MAX_PART and info.filename.endswith((".xml", ".rels")):
                    raise DocumentError(source, f"refused: {info.filename} would unpack to "
                                                f"{info.file_size} bytes (at most {MAX_PART})")
                if info.file_size > (1 << 20) and \
                        info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise DocumentError(source, f"refused: {info.filename} is compressed "
                                                f"{info.file_size // max(info.compress_size, 1)} "
                                                f"times (a zip bomb?)")
            if total > MAX_TOTAL:
                raise DocumentError(source, f"refused: the archive would unpack to {total} bytes "
                                            f"(at most {MAX_TOTAL}; a zip bomb?)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise DocumentError(source, f"damaged ZIP archive ({_why(error)})") from error


def _kind_of_archive(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names:
        with archive.open("mimetype") as stream:
            mimetype = stream.read(100).decode("ascii", errors="replace").strip()
        if "opendocument.text" in mimetype:
            return "an OpenDocument text (.odt: save it as .docx)"
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    return "a ZIP archive"


def _why(error: BaseException) -> str:
    return str(error).split("\n", 1)[0][:200] or type(error).__name__


def _list_styles(document: object) -> set[str]:
    """The ids of paragraph styles that make a list item (numbered, or named like a list)."""
    found = set()
    for style in document.styles:  # type: ignore[attr-defined]
        current, seen = style, 0
        while current is not None and seen < 20:
            element = current.element
            named_list = "list" in (current.name or "").lower()
            if element.find(f"{W}pPr/{W}numPr") is not None or named_list:
                found.add(style.style_id)
                break
            current, seen = getattr(current, "base_style", None), seen + 1
    return found


def _blocks(body: object, lists: set[str]) -> Iterator[tuple[str, str]]:
    """``("paragraph", text)`` and ``("row", cells joined by TABs)`` in the body's order."""
    stack = list(reversed(list(body)))  # type: ignore[call-overload]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag == f"{W}p":
            text = _paragraph_text(element)
            if text.strip():
                if _is_list_item(element, lists) and not text.lstrip().startswith(("-", "•")):
                    text = "- " + text.lstrip()
                yield "paragraph", text
        elif tag == f"{W}tbl":
            yield from _table_rows(element)
        elif tag == f"{W}sdt":
            content = element.find(f"{W}sdtContent")
            if content is not None:
                stack.extend(reversed(list(content)))


def _is_list_item(paragraph: object, lists: set[str]) -> bool:
    properties = paragraph.find(f"{W}pPr")  # type: ignore[attr-defined]
    if properties is None:
        return False
    if properties.find(f"{W}numPr") is not None:
        return True
    style = properties.find(f"{W}pStyle")
    return style is not None and style.get(f"{W}val") in lists


# What a run's children stand for in the text; anything else (drawings, fields' codes, deleted
# text) is not read.
_RUN_TEXT = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-",
             f"{W}softHyphen": ""}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = frozenset({f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}instrText",
                      f"{W}delText", f"{W}drawing", f"{W}pict", f"{W}object",
                      f"{_MC}AlternateContent",
                      f"{W}footnoteReference", f"{W}endnoteReference", f"{W}commentReference"})


def _paragraph_text(paragraph: object) -> str:
    parts: list[str] = []
    stack = list(reversed(list(paragraph)))  # type: ignore[call-overload]
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            parts.append(element.text or "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
        else:
            stack.extend(reversed(list(element)))
    return "".join(parts)


def _cell_text(cell: object) -> str:
    texts = []
    for paragraph in cell.iter(f"{W}p"):  # type: ignore[attr-defined]
        texts.append(_paragraph_text(paragraph))
    return " ".join(" ".join(texts).split())


def _table_rows(table: object) -> Iterator[tuple[str, str]]:
    above: dict[int, str] = {}
    for row in table.iterchildren(f"{W}tr"):  # type: ignore[attr-defined]
        cells: list[str] = []
        column = 0
        for cell in row.iterchildren(f"{W}tc"):
            properties = cell.find(f"{W}tcPr")
            span = 1
            merge = None
            if properties is not None:
                grid_span = properties.find(f"{W}gridSpan")
                if grid_span is not None and (grid_span.get(f"{W}val") or "").isdigit():
                    span = max(1, min(int(grid_span.get(f"{W}val")), 1000))
                merge = properties.find(f"{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                text = above.get(column, "")
            else:
                text = _cell_text(cell)
                above[column] = text
            cells.append(text)
            column += span
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) == 1:
            yield "paragraph", cells[0]
        elif any(cells):
            yield "row", "\t".join(cells)
