"""Reading a source document into numbered lines of text.

Line numbers in provenance are 1-based lines of the text returned here (``cyberkg build --keep-text``
writes it beside the graph so a reader can open the line ``explain`` cites).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cyberkg.ontology.errors import DocumentError

MAX_BYTES = 64 * 1024 * 1024
_FR = frozenset("le la les des du de et est une un pour dans sur au aux par avec été sont qui "
                "projet pays atelier formation mission janvier février mars avril mai juin "
                "juillet août septembre octobre novembre décembre".split())
_EN = frozenset("the of and is a for in on with by was were are which project countries "
                "workshop training mission january february march april may june july august "
                "september october november december".split())
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class DocumentText:
    """The text of one document, ready for the loaders."""

    source: str
    stem: str
    text: str
    sha256: str
    language: str
    title: str
    languages: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, source: str) -> str:
    """Bytes to NFC text: UTF-8 (with or without BOM), else Windows-1252; binary is refused."""
    if not data.strip():
        raise DocumentError(source, "the document is empty")
    sample = data[:65536]
    if b"\x00" in sample:
        raise DocumentError(source, "binary content, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:65536] if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 20):
        raise DocumentError(source, "binary content, not text (control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _counts(text: str) -> dict[str, int]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {"fr": sum(1 for w in words if w in _FR), "en": sum(1 for w in words if w in _EN)}


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
    for line in text.split("\n"):
        cleaned = line.strip().strip("#*").strip()
        if len(cleaned) > 2:
            return cleaned[:200]
    return fallback


def from_text(text: str, *, source: str, stem: str, data: bytes | None = None) -> DocumentText:
    text = unicodedata.normalize("NFC", text)
    digest = sha256_of(data if data is not None else text.encode("utf-8"))
    languages = guess_languages(text)
    return DocumentText(source=source, stem=stem, text=text, sha256=digest,
                        language=languages[0], title=guess_title(text, stem), languages=languages)


def read_path(path: Path) -> DocumentText:
    """Read a plain-text document from disk, or raise :class:`DocumentError` saying why not."""
    if not path.exists():
        raise DocumentError(path, "no such file")
    if not path.is_file():
        raise DocumentError(path, "not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(path, f"too large ({size} bytes; the limit is {MAX_BYTES})")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(path, f"cannot be read ({error.strerror or error})") from error
    return from_text(decode(data, str(path)), source=str(path), stem=path.stem, data=data)
