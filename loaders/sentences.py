"""Splitting a document's text into sentences that remember the line they start on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends at . ! ? ; followed by a space and an upper-case letter, or at a blank line.
_END = re.compile(r"(?<=[.!?])\s+(?=[«\"“(]?[A-ZÀ-ÖØ-Þ])")


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a table row, or a heading) and the 1-based line it starts on."""

    text: str
    line: int


def paragraphs(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blocks of consecutive non-blank lines, with the line number of their first line."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences of ``text``; a line with a tab (a table row), a bullet or a heading stands alone.

    A sentence that runs over several lines reports the line it starts on.
    """
    for start, block in paragraphs(text):
        pieces: list[tuple[int, str]] = []
        for offset, line in enumerate(block):
            number = start + offset
            stripped = line.strip()
            if "\t" in line or stripped[:1] in "-•*·" or stripped.startswith("#"):
                yield from _split(pieces)
                pieces = []
                yield from _split([(number, stripped.lstrip("-•*·# ").strip())])
            else:
                pieces.append((number, stripped))
        yield from _split(pieces)


def _split(pieces: list[tuple[int, str]]) -> Iterator[Sentence]:
    """Split lines joined by spaces into sentences, each with the line its first word is on."""
    if not pieces:
        return
    starts: list[tuple[int, int]] = []
    joined = ""
    for number, piece in pieces:
        if joined:
            joined += " "
        starts.append((len(joined), number))
        joined += piece
    position = 0
    for part in _END.split(joined):
        begin = joined.find(part, position)
        position = begin + len(part)
        cleaned = part.strip()
        if not cleaned:
            continue
        first = begin + (len(part) - len(part.lstrip()))
        line = next(n for offset, n in reversed(starts) if offset <= first)
        yield Sentence(cleaned, line)
