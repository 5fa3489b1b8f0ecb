"""Splitting a document's text into sentences that remember the line they start on.

Rules, for the shapes CoE documents take once they are text:
- a table row (a line with a tab), a bullet, a heading (``#``, or a short line with no final stop
  that opens a paragraph and is followed by a capitalised line) and a field (``Durée : …``, ``Budget: …``) stand alone;
- a sentence hard-wrapped over several lines, even with blank lines between them (text taken out
  of a PDF), is joined again when a line without a final stop is followed by one that starts in
  lower case;
- within a paragraph, a sentence ends at ``.``, ``!`` or ``?`` followed by a capital or a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_ABBREVIATIONS = ("No", "no", "Nr", "nr", "n°", "N°", "art", "Art", "p", "pp", "vol", "Vol", "cf",
                  "para", "St", "Mr", "Dr", "M", "Mme", "H.E", "ch", "Ch")
_END = re.compile(
    r"(?<=[.!?])" + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS)
    + r"\s+(?=[«\"“(]?[A-ZÀ-ÖØ-Þ0-9])"
)
_FIELD = re.compile(r"^[^\W\d_][\w’'()/ -]{1,40}?\s?:\s*\S")
_TERMINAL = ".!?:;»\"”)"
_HEADING_MAX = 80


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a table row, or a heading) and the 1-based line it starts on."""

    text: str
    line: int


def paragraphs(text: str) -> Iterator[list[tuple[int, str]]]:
    """Blocks of non-blank lines with their numbers; a block whose last line runs on into a
    block starting in lower case is joined to it (a sentence wrapped across a blank line)."""
    block: list[tuple[int, str]] = []
    pending_blank = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            pending_blank = bool(block)
            continue
        if pending_blank:
            if not _runs_on(block[-1][1], stripped):
                yield block
                block = []
            pending_blank = False
        block.append((number, line))
    if block:
        yield block


def _runs_on(previous: str, following: str) -> bool:
    previous = previous.strip()
    return (bool(previous) and previous[-1] not in _TERMINAL and "\t" not in previous
            and following[:1].islower())


def _stands_alone(line: str, previous: str | None, following: str | None) -> bool:
    stripped = line.strip()
    if "\t" in line or stripped[:1] in "-•*·" or stripped.startswith("#"):
        return True
    if _FIELD.match(stripped):
        return True
    opens = previous is None or previous.strip()[-1:] in _TERMINAL
    return (opens and following is not None and len(stripped) <= _HEADING_MAX
            and stripped[-1] not in _TERMINAL + ","
            and following.strip()[:1].isupper())


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences of ``text``, each with the line its first word is on."""
    for block in paragraphs(text):
        pieces: list[tuple[int, str]] = []
        alone: list[tuple[int, str]] = []  # a bullet or a field, with the lines it runs on to
        for index, (number, line) in enumerate(block):
            previous = block[index - 1][1] if index else None
            following = block[index + 1][1] if index + 1 < len(block) else None
            stripped = line.strip()
            if alone and "\t" not in line and _runs_on(alone[-1][1], stripped):
                alone.append((number, stripped))
                continue
            yield from _split(alone)
            alone = []
            if _stands_alone(line, previous, following):
                yield from _split(pieces)
                pieces = []
                alone = [(number, stripped.lstrip("-•*·# ").strip())]
            else:
                pieces.append((number, stripped))
        yield from _split(alone)
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
