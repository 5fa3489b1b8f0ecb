"""Documents in every supported format, read into :class:`~cyberkg.loaders.text.DocumentText`.

The format is told by the content, not by the name (a PDF named ``.txt`` is read as a PDF):

===============================================  ==========================================
what the bytes hold                              read by
===============================================  ==========================================
``%PDF-`` in the first 1024 bytes                :mod:`.pdf` (tables come out as TAB rows)
a ZIP archive (``word/document.xml`` in it)      :mod:`.docx` (sizes checked before unzipping)
``<!doctype html`` or ``<html`` at the start     :mod:`.html` (main text, no menus or scripts)
anything else                                    :func:`~cyberkg.loaders.text.decode` (text)
===============================================  ==========================================

An ``http://`` or ``https://`` source is fetched first (:mod:`.web`), then read the same way.
Every reader gives plain text whose lines the loaders number: a paragraph is one line, paragraphs
are separated by a blank line, a table row is one line with its cells joined by TABs.
"""

from __future__ import annotations

import re
from pathlib import Path

from cyberkg.loaders.text import MAX_BYTES, DocumentText, decode_with_warnings, from_text
from cyberkg.ontology.errors import DocumentError

MAX_CHARS = MAX_BYTES
"""The most characters of text a document may give (a small file can unpack to a lot of text)."""

_URL = re.compile(r"(?i)https?://")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_LEADING_MARKUP = re.compile(r"\s*(?:<\?xml[^>]{0,200}\?>\s*|<!--.{0,2000}?-->\s*)*", re.DOTALL)


def is_url(source: object) -> bool:
    """Whether ``source`` is an ``http://`` or ``https://`` address (a str, not a path)."""
    return isinstance(source, str) and not isinstance(source, Path) and bool(_URL.match(source))


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: ``"pdf"``, ``"zip"``, ``"html"`` or ``"text"``.

    ``name`` (a file name or URL) only helps with HTML: a ``.html`` file that starts with a tag is
    HTML even without ``<html>`` or a doctype.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    start = _head_text(head)
    lowered = _LEADING_MARKUP.sub("", start, count=1).lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return "html"
    suffix = Path(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower() if name else ""
    if suffix in _HTML_SUFFIXES and lowered.startswith("<"):
        return "html"
    return "text"


def _head_text(head: bytes) -> str:
    """The first bytes as text, good enough to see markup (ASCII in any common encoding)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def source_bytes(source: str | Path) -> bytes:
    """The bytes of a file (at most :data:`MAX_BYTES`), or of a URL fetched with limits."""
    if is_url(source):
        from cyberkg.loaders.formats.web import fetch

        return fetch(str(source))
    path = Path(source)
    if not path.exists():
        raise DocumentError(path, "no such file")
    if path.is_dir():
        raise DocumentError(path, "is a folder, not a document")
    if not path.is_file():
        raise DocumentError(path, "not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(path, too_large(size))
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise DocumentError(path, f"cannot be read ({error.strerror or error})") from error
    if len(data) > MAX_BYTES:
        raise DocumentError(path, too_large(len(data)))
    return data


def too_large(size: int) -> str:
    return f"too large ({size} bytes; the limit is {MAX_BYTES})"


def stem_of(source: str | Path) -> str:
    """The name a document is known by: a file's stem, a URL's last path segment (or host)."""
    if is_url(source):
        from cyberkg.loaders.formats.web import Url

        return Url(str(source)).stem
    return Path(source).stem


def read_source(source: str | Path, *, data: bytes | None = None) -> DocumentText:
    """The text of a file or URL in any supported format, or :class:`DocumentError` saying why not.

    ``data``, when given, are the source's bytes already read (a build reads them once, to key its
    cache, and a URL is fetched only once).
    """
    name = str(source)
    if data is None:
        data = source_bytes(source)
    if len(data) > MAX_BYTES:
        raise DocumentError(name, too_large(len(data)))
    warnings: list[tuple[int, str]]
    kind = sniff(data, name)
    if kind == "pdf":
        from cyberkg.loaders.formats import pdf

        text, warnings = pdf.read(data, name)
    elif kind == "zip":
        from cyberkg.loaders.formats import docx

        text, warnings = docx.read(data, name)
    elif kind == "html":
        from cyberkg.loaders.formats import html

        text, warnings = html.read(data, name)
    else:
        text, warnings = decode_with_warnings(data, name)
    if len(text) > MAX_CHARS:
        raise DocumentError(name, f"too much text ({len(text)} characters; the limit is "
                                  f"{MAX_CHARS})")
    return from_text(text, source=name, stem=stem_of(source), data=data, warnings=warnings)
