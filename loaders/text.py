"""Reading a source document into numbered lines of text.

Line numbers in provenance are 1-based lines of the text returned here (``cyberkg build
--keep-text`` writes it beside the graph so a reader can open the line ``explain`` cites).

Plain text is decoded here (:func:`decode`); PDF, Word and HTML documents and URLs are read by
:mod:`cyberkg.loaders.formats`, which gives their text to :func:`from_text`. Every text, whatever
its format, is cleaned the same way (:func:`clean`): one kind of line break, no invisible control
or direction characters, Unicode NFC.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cyberkg.ontology.errors import DocumentError

MAX_BYTES = 64 * 1024 * 1024
"""The largest document read (a file's size, a download, a PDF's or Word file's text)."""

_FR = frozenset("le la les des du de et est une un pour dans sur au aux par avec été sont qui "
                "projet pays atelier formation mission janvier février mars avril mai juin "
                "juillet août septembre octobre novembre décembre".split())
_EN = frozenset("the of and is a for in on with by was were are which project countries "
                "workshop training mission january february march april may june july august "
                "september october november december".split())
_WORD = re.compile(r"[^\W\d_]+")

# Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
# What a file that is not text starts with, to say what it is.
_MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"),
          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office 97-2003 file"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "an executable"),
          (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"))
# Single-byte Western encodings: their printable characters are those of Windows-1252, which is
# what a file labelled Latin-1 almost always is (as the HTML standard says).
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "ascii"})
_SAMPLE = 65536
#: Control characters (Unicode category Cc) other than tab, line feed, carriage return, form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\W\dA-Za-z_]")
# Invisible characters that would split a name in two without showing: C0 and C1 controls (but
# tab and line feed), soft hyphens, zero-width spaces and joiners, direction marks, embeddings,
# overrides and isolates, word joiners and a byte order mark left inside the text.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Characters that end a line for some programs but not for ``str.split("\n")``: made spaces, so
# that line numbers are the same for every reader of the text. No-break spaces are spaces too: a
# PDF does not keep them, a web page or a Word file does, and a name must read the same in each.
_SPACE_LIKE = re.compile("[\x0b\x0c\x85\u2028\u2029\u00a0\u2007\u202f]")


@dataclass(frozen=True)
class DocumentText:
    """The text of one document, ready for the loaders.

    ``warnings`` are ``(line, message)`` pairs about how the text was read (invalid bytes
    replaced, a PDF page with no text…), for the build report.
    """

    source: str
    stem: str
    text: str
    sha256: str
    language: str
    title: str
    languages: tuple[str, ...] = ()
    warnings: tuple[tuple[int, str], ...] = ()

    @cached_property
    def lines(self) -> list[str]:
        """The lines of the text (computed once: read them, do not change them)."""
        return self.text.split("\n")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean(text: str) -> str:
    """One kind of line break (``\\n``), plain spaces (no no-break ones), no invisible control or
    direction character, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_LIKE.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def binary_kind(data: bytes) -> str | None:
    """What a known binary format ``data`` is in (``"a PNG image"``…), or None."""
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def decode(data: bytes, source: str) -> str:
    """Bytes to clean text: a byte order mark's encoding, else UTF-8, else the legacy encoding
    that fits (Windows-1252 for Western European text); binary content is refused."""
    return decode_with_warnings(data, source)[0]


def decode_with_warnings(data: bytes, source: str) -> tuple[str, list[tuple[int, str]]]:
    """:func:`decode`, with warnings about bytes that had to be replaced."""
    if not data.strip():
        raise DocumentError(source, "the document is empty")
    kind = binary_kind(data)
    if kind is not None:
        raise DocumentError(source, f"binary content ({kind}), not text")
    warnings: list[tuple[int, str]] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise DocumentError(source, f"invalid {name} text (it starts with a {name} byte "
                                            f"order mark; bad bytes at offset {error.start})"
                                    ) from error
            return _checked(text, source), warnings
    nuls = data.count(b"\x00", 0, _SAMPLE)
    if nuls > max(8, min(len(data), _SAMPLE) // 100):
        raise DocumentError(source, "binary content, not text (NUL bytes)")
    if nuls:  # a stray NUL in a text file: removed with the other control characters
        first = data.index(b"\x00")
        removed = data.count(b"\x00")
        warnings.append((data.count(b"\n", 0, first) + 1, f"{removed} NUL byte(s) removed"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, more = _mostly_utf8(data) or _legacy(data)
        warnings += more
    return _checked(text, source), warnings


def _checked(text: str, source: str) -> str:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 20):
        raise DocumentError(source, "binary content, not text (control characters)")
    if not text.strip():
        raise DocumentError(source, "the document is empty")
    return clean(text)


def _mostly_utf8(data: bytes) -> tuple[str, list[tuple[int, str]]] | None:
    """UTF-8 with a few invalid bytes replaced by U+FFFD, when the rest is clearly UTF-8 (it has
    valid multi-byte characters, and more of them than invalid bytes); else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if good == 0 or bad > good:
        return None
    line = text.count("\n", 0, text.index("\ufffd")) + 1
    return text, [(line, f"invalid UTF-8: {bad} byte sequence(s) replaced by U+FFFD "
                         f"(the first on line {line})")]


def _legacy(data: bytes) -> tuple[str, list[tuple[int, str]]]:
    """Text in a legacy single-byte encoding: Windows-1252 when, read so, its letters are mostly
    ASCII with a few accented ones (as in French, English and every Western European language),
    else what charset-normalizer finds (Windows-1251 for Cyrillic…).

    charset-normalizer alone is not trusted for Western text: on a short French line it ranks
    Windows-1250 or a DOS code page as high as, or higher than, Windows-1252.
    """
    western = data.decode("cp1252", errors="replace")
    sample = western[:1 << 20]
    letters = len(_ASCII_LETTER.findall(sample))
    accented = len(_OTHER_LETTER.findall(sample))
    if accented <= 0.3 * (letters + accented):
        return western, []
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1 << 20]).best()
    if best is None or best.encoding in _WESTERN:
        return western, []
    return data.decode(best.encoding, errors="replace"), []


def _counts(text: str) -> dict[str, int]:
    words = Counter(map(str.lower, _WORD.findall(text)))
    return {"fr": sum(words[w] for w in _FR), "en": sum(words[w] for w in _EN)}


def guess_language(text: str) -> str:
    """``fr`` or ``en``, by counting common words of each language."""
    counts = _counts(text[:200000])
    return "fr" if counts["fr"] >= counts["en"] else "en"


def guess_languages(text: str) -> tuple[str, ...]:
    """The languages of a document: the one it opens in first, then any other with a fifth or more
    of its common words (a French page with an English news item is ``("fr", "en")``)."""
    counts = _counts(text[:200000])
    total = sum(counts.values()) or 1
    opening = guess_language(text[:1500])
    others = [lang for lang, n in sorted(counts.items(), key=lambda kv: -kv[1])
              if lang != opening and n / total >= 0.2]
    return (opening, *others)


def guess_title(text: str, fallback: str) -> str:
    for line in text.split("\n", 200)[:200]:
        cleaned = line.strip().strip("#*").strip()
        if len(cleaned) > 2:
            return cleaned[:200]
    return fallback


def from_text(text: str, *, source: str, stem: str, data: bytes | None = None,
              warnings: Iterable[tuple[int, str]] = ()) -> DocumentText:
    """A :class:`DocumentText` of ``text`` (cleaned); ``data`` are the bytes it was read from."""
    text = clean(text)
    if not text.strip():
        raise DocumentError(source, "the document holds no text")
    digest = sha256_of(data if data is not None else text.encode("utf-8"))
    languages = guess_languages(text)
    return DocumentText(source=source, stem=stem, text=text, sha256=digest,
                        language=languages[0], title=guess_title(text, stem), languages=languages,
                        warnings=tuple(warnings))


def read_path(path: Path) -> DocumentText:
    """Read a document from disk, in any format :mod:`cyberkg.loaders.formats` knows (chosen by
    its content), or raise :class:`DocumentError` saying why not."""
    from cyberkg.loaders.formats import read_source

    return read_source(Path(path))
