"""The main text of a web page: what a reader reads, without menus, banners, footers or scripts.

- the content is ``<main>`` (or ``role="main"``, or the page's only ``<article>``), else ``<body>``
  less its ``<header>``, ``<footer>``, ``<nav>`` and ``<aside>`` (and their ARIA roles);
- scripts, styles, iframes, embedded objects, form controls and hidden elements are never read
  (a ``<form>`` itself is read: some sites wrap the whole page in one); a link is
  its text (``javascript:`` or not, its target is not read);
- a paragraph, heading or other block is one line, with a blank line after it; a list item is a
  line starting with ``- ``; a table row is one line with its cells joined by TABs (a table that
  holds another table is page layout: its cells are read as blocks).

The page is parsed with lxml (libxml2's HTML parser, which mends broken markup and caps nesting)
and walked without recursion, so no page is too deep to read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from cyberkg.loaders.text import decode_with_warnings
from cyberkg.ontology.errors import DocumentError

SKIPPED = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "video", "audio", "map", "button", "input",
    "select", "textarea", "label", "dialog", "head", "title", "meta", "link", "base",
})
AROUND = frozenset({"header", "footer", "nav", "aside"})
SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                           "menu", "menubar", "dialog", "alert"})
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "legend", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "ul", "html", "td", "th",
})
LINES = frozenset({"li", "dt", "dd", "tr"})
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML white space: a no-break space stays
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                      re.IGNORECASE)


def read(data: bytes, source: str) -> tuple[str, list[tuple[int, str]]]:
    """The main text of the HTML page ``data``, and warnings about its reading."""
    from lxml import etree

    text, warnings = decode(data, source)
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                              no_network=True)
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except (etree.LxmlError, ValueError) as error:
        raise DocumentError(source, f"damaged HTML ({error})") from error
    if root is None:
        raise DocumentError(source, "the page holds no text")
    content = main_content(root)
    lines = "\n".join(_Writer().write(content))
    if not lines.strip():
        raise DocumentError(source, "the page holds no text (outside menus, scripts and footers)")
    return lines, warnings


def decode(data: bytes, source: str) -> tuple[str, list[tuple[int, str]]]:
    """A page's text: a byte order mark, else UTF-8 when it is valid, else the charset its
    ``<meta>`` declares, else what the bytes look like (as for plain text)."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-8"), []
        except UnicodeDecodeError:
            pass
        declared = _CHARSET.search(data[:4096])
        if declared:
            try:
                name = codecs.lookup(declared.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                name = ""
            if name in ("latin-1", "iso8859-1", "ascii", "cp1252", "iso8859-15"):
                name = "cp1252"
            if name and not name.startswith("utf-16") and not name.startswith("utf-32"):
                return data.decode(name, errors="replace"), []
    return decode_with_warnings(data, source)


def _role(element: object) -> str:
    return (element.get("role") or "").strip().lower()  # type: ignore[attr-defined]


def _hidden(element: object) -> bool:
    get = element.get  # type: ignore[attr-defined]
    return (get("hidden") is not None or (get("aria-hidden") or "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(get("style") or "")))


def main_content(root: object) -> object:
    """The element holding the page's main content (see the module docstring)."""
    for path in ("//main", "//*[@role='main']"):
        found = root.xpath(path)  # type: ignore[attr-defined]
        if found:
            return found[0]
    articles = root.xpath("//article")  # type: ignore[attr-defined]
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")  # type: ignore[attr-defined]
    return body if body is not None else root


def _skipped(element: object, content: object) -> bool:
    tag = element.tag  # type: ignore[attr-defined]
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    tag = tag.lower()
    if tag in SKIPPED or _role(element) in SKIPPED_ROLES or _hidden(element):
        return True
    if element is content:
        return False
    if tag in ("nav", "aside"):
        return True
    # A header or footer of the page is skipped; one inside the main content (an article's title
    # in its <header>) is read, unless it is the page's own, read from <body>.
    return tag in AROUND and getattr(content, "tag", "") in ("body", "html")


class _Writer:
    """Turns an element into lines (see the module docstring)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.words: list[str] = []
        self.pre = 0

    def write(self, content: object) -> list[str]:
        self._walk(content, content)
        self._paragraph()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return self.lines

    def _text(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:
            first, *rest = text.split("\n")
            self.words.append(first)
            for line in rest:
                self._newline()
                self.words.append(line)
        else:
            self.words.append(_SPACES.sub(" ", text))

    def _newline(self) -> None:
        line = _SPACES.sub(" ", "".join(self.words)).strip() if not self.pre else \
            "".join(self.words).rstrip()
        self.words = []
        if line:
            self.lines.append(line)

    def _paragraph(self) -> None:
        self._newline()
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def _walk(self, content: object, start: object) -> None:
        from lxml import etree

        walker = etree.iterwalk(start, events=("start", "end"))
        opaque: set[object] = set()  # elements not walked into (kept alive so `in` is identity)
        for event, element in walker:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if _skipped(element, content):
                    opaque.add(element)
                    walker.skip_subtree()
                elif tag == "table" and element is not start and not _has_table(element):
                    opaque.add(element)
                    self._table(element, content)
                    walker.skip_subtree()
                else:
                    self._open(tag)
                    self._text(element.text)
            else:
                if element not in opaque:
                    self._close(tag)
                if element is not start:
                    self._text(element.tail)

    def _open(self, tag: str) -> None:
        if tag == "br":
            self._newline()
        elif tag in BLOCKS:
            self._paragraph()
            if tag == "pre":
                self.pre += 1
        elif tag in LINES:
            self._newline()
            if tag == "li":
                self.words.append("- ")

    def _close(self, tag: str) -> None:
        if tag in BLOCKS:
            self._paragraph()
            if tag == "pre":
                self.pre -= 1
        elif tag in LINES:
            self._newline()

    def _table(self, table: object, content: object) -> None:
        self._paragraph()
        for row in _rows(table):
            cells = [_cell_text(cell, content) for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                self.lines.append("\t".join(cells))
        self._paragraph()


def _has_table(table: object) -> bool:
    return any(True for _ in table.iterdescendants("table"))  # type: ignore[attr-defined]


def _rows(table: object) -> Iterator[list[object]]:
    for row in table.iter("tr"):  # type: ignore[attr-defined]
        yield [cell for cell in row
               if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]


def _cell_text(cell: object, content: object) -> str:
    writer = _Writer()
    writer._walk(content, cell)
    writer._paragraph()
    return _SPACES.sub(" ", " ".join(line for line in writer.lines if line)).strip()
