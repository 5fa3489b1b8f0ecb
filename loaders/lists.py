"""Enumerations of names: "l'Albanie, la Serbie et le Kosovo*", "UE/CdE", "Estonie (ministère…), …".

:func:`split_items` cuts a text at the separators of a list (``,`` ``;`` ``/`` ``et`` ``and`` ``&``
``ainsi que`` ``as well as``) outside brackets, quotes and dash-set-off asides, keeping what stands
in brackets with the item it follows (``Union européenne (l'instrument de stabilité, IdS)``).
:func:`read_list` walks those items from a cue (forward, or backward towards the start of a clause)
and resolves each one with the gazetteer; the list ends at the first item that is neither a known
name nor looks like a proper name, so the rest of the sentence never leaks into the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from cyberkg.loaders.gazetteer import Entry, Gazetteer, Mention, strip_accents
from cyberkg.loaders.lookup import find_all

_OPEN = {"(": ")", "[": "]"}
_CLOSED_BY = {closing: opening for opening, closing in _OPEN.items()}
_BRACKET = re.compile(r"[][()]")
_QUOTES = frozenset('«»“”"')
# (never tried from the middle of a run of spaces: its first space reaches every separator in it,
# and a long run of spaces, such as a long aside blanked out, took quadratic time)
_SEPARATORS = re.compile(
    r"(?!(?<=\s)\s)\s*(?:[,;/]|\s(?:et|and|&|ainsi\s+qu['’]e?|ainsi\s+que|as\s+well\s+as|"
    r"along\s+with)(?=[\s'’]))\s*",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s[–—-]\s")
_WORD = re.compile(r"[^\W_]+(?:[-*+@][^\W_]*)*|[+@&]")

#: Words that hold no name: articles, prepositions, conjunctions (folded, no accents).
FUNCTION_WORDS = frozenset(
    ["le", "la", "les", "l", "de", "du", "des", "d", "au", "aux", "a", "en", "dans", "et", "ou", "and", "or", "the", "of", "in", "at", "on", "to", "for", "pour", "sur", "par", "by", "with", "avec", "y", "s", "qu", "que", "ainsi", "as", "well", "from", "chez", "entre", "among", "un", "une", "an"])
#: Words that may stand between a cue and the first name of its list ("étaient l'Estonie…").
CONNECTORS = frozenset(
    ["sont", "etaient", "seront", "est", "etait", "sera", "figurent", "figuraient", "comprennent", "comprenaient", "incluent", "include", "includes", "included", "including", "are", "were", "is", "was", "will", "be", "been", "being", "notamment", "comme", "such", "namely", "initiaux", "initiales", "initial", "actuels", "actuelles", "current", "suivants", "suivantes", "following", "il", "agit", "ce", "c", "these", "they", "those", "them", "concernes", "concerned", "respectivement", "respectively", "y", "compris", "also", "aussi", "egalement", "outre", "besides", "addition", "plus", "tels", "telles", "que", "following", "ont", "a", "ete", "have", "has", "had", "entre", "temps", "deja", "already", "now", "desormais", "since", "lors"])


@dataclass(frozen=True)
class Item:
    """One element of an enumeration: its text without bracketed parts, and those parts."""

    text: str
    begin: int
    stop: int
    groups: tuple[str, ...] = ()


@dataclass
class Listed:
    """What one item of a list names: known entities, or a name the reference data lacks."""

    item: Item
    entries: list[Entry] = field(default_factory=list)
    unknown: str | None = None


def fold(word: str) -> str:
    """``word`` (or any text) case-folded, without accents: "États" -> "etats"."""
    return strip_accents(word.casefold())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _closing_dash(text: str, start: int) -> int | None:
    """The end of an aside opened by a dash at ``start`` (`` – … – ``), if it closes before ``.``."""
    match = _DASH.search(text, start + 2)
    if match is None:
        return None
    if any(c in text[start:match.start()] for c in ".;"):
        return None
    return match.start()


def _closers(text: str) -> dict[int, int]:
    """Where each bracket of ``text`` that is closed closes (brackets of one kind nest; the other
    kind is not counted), found in one pass instead of a search to the end from every bracket."""
    closers: dict[int, int] = {}
    open_at: dict[str, list[int]] = {opening: [] for opening in _OPEN}
    for match in _BRACKET.finditer(text):
        char = match.group()
        if char in _OPEN:
            open_at[char].append(match.start())
        elif open_at[_CLOSED_BY[char]]:
            closers[open_at[_CLOSED_BY[char]].pop()] = match.start()
    return closers


def split_groups(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with bracketed parts and dash asides blanked out, and the spans of their contents."""
    chars = list(text)
    spans: list[tuple[int, int]] = []
    closers = _closers(text)
    i = 0
    while i < len(text):
        char = text[i]
        if char in _OPEN:
            if i in closers:
                j = closers[i] + 1
                spans.append((i + 1, j - 1))
                for k in range(i, j):
                    chars[k] = " "
                i = j
                continue
        elif char in "–—-" and 0 < i < len(text) - 1 and text[i - 1] == " " and text[i + 1] == " ":
            end = _closing_dash(text, i - 1)
            if end is not None:
                spans.append((i + 1, end))
                for k in range(i, end + 2):
                    chars[k] = " "
                i = end + 2
                continue
        elif char in _QUOTES:
            chars[i] = " "  # quotes around a name: keep the name, drop the quotes
        i += 1
    return "".join(chars), spans


def split_items(text: str) -> list[Item]:
    """The items of an enumeration, left to right (empty ones dropped)."""
    blanked, spans = split_groups(text)
    items: list[Item] = []
    position = 0
    first_span = 0  # the spans (in text order) before it belong to earlier items
    for match in list(_SEPARATORS.finditer(blanked)) + [None]:
        end = match.start() if match is not None else len(blanked)
        if match is not None and match.group().strip() == "," and _between_digits(blanked, match):
            continue
        piece = blanked[position:end]
        after = match.end() if match is not None else len(blanked)
        last_span = first_span
        while last_span < len(spans) and spans[last_span][0] < after:
            last_span += 1
        groups = tuple(text[a:b].strip() for a, b in spans[first_span:last_span])
        first_span = last_span
        cleaned = " ".join(piece.split())
        if cleaned or groups:
            items.append(Item(cleaned, position, end, groups))
        position = match.end() if match is not None else len(blanked)
    return items


def _between_digits(text: str, match: re.Match[str]) -> bool:
    return (match.start() > 0 and text[match.start() - 1].isdigit()
            and match.end() < len(text) and text[match.end()].isdigit())


#: Capitalised words that are no name on their own ("d'États invités à adhérer").
GENERIC_WORDS = frozenset(
    ["etats", "etat", "parties", "partie", "pays", "state", "states", "party", "countries", "country", "gouvernement", "government", "gouvernements", "governments", "membres", "members", "signataires", "signatories", "observateurs", "observers", "autorites", "authorities", "organisations", "organizations", "nations", "region", "regions"])
_NO_NAME_WORDS = GENERIC_WORDS | FUNCTION_WORDS


def name_like(text: str) -> bool:
    """Does ``text`` read as a proper name (``Narnia``, ``Contoso Ltd``), not as a phrase?"""
    tokens = words(text)
    while tokens and fold(tokens[0]) in FUNCTION_WORDS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 6 or not tokens[0][:1].isupper():
        return False
    if all(fold(t) in _NO_NAME_WORDS for t in tokens):
        return False
    content = 0
    for token in tokens:
        if fold(token) in FUNCTION_WORDS:
            continue
        if not (token[:1].isupper() or any(c.isupper() for c in token[1:])):
            return False
        if token.isdigit():
            return False
        content += 1
    return content > 0


def _junk(text: str) -> list[str]:
    return [w for w in words(text) if fold(w) not in FUNCTION_WORDS]


def only_connectors(tokens: list[str]) -> bool:
    return all(fold(w) in CONNECTORS or fold(w) in FUNCTION_WORDS for w in tokens)


@dataclass
class _Reading:
    entries: list[Entry]
    lead: list[str]
    trail: list[str]
    inner: list[str]


def _read_item(gazetteer: Gazetteer, text: str, kinds: frozenset[str]) -> _Reading:
    whole = gazetteer.resolve(text, kinds) if text else None
    if whole is not None:
        return _Reading([whole], [], [], [])
    mentions: list[Mention] = find_all(gazetteer, text)
    wanted = [m for m in mentions if m.entry.kind in kinds]
    if not wanted:
        return _Reading([], _junk(text), [], [])
    lead = _junk(text[:wanted[0].start])
    trail = _junk(text[wanted[-1].end:])
    inner: list[str] = []
    for left, right in pairwise(wanted):
        inner += _junk(text[left.end:right.start])
    entries: list[Entry] = []
    for mention in wanted:
        if mention.entry not in entries:
            entries.append(mention.entry)
    return _Reading(entries, lead, trail, inner)


def _other_kind(gazetteer: Gazetteer, text: str, kinds: frozenset[str]) -> bool:
    return any(m.entry.kind not in kinds for m in find_all(gazetteer, text))


def read_list(gazetteer: Gazetteer, text: str, kinds: set[str] | frozenset[str], *,
              backward: bool = False) -> list[Listed]:
    """The names of ``kinds`` enumerated in ``text`` from its start (or, ``backward``, its end).

    The item next to the cue may be preceded (forward) or followed (backward) by connecting words
    ("étaient", "ont été"); an item with other words on its far side is the last one of the list;
    an item that names nothing ends the list unless it reads as a proper name, which is returned
    as ``unknown`` so that the caller can warn and keep it.
    """
    wanted = frozenset(kinds)
    if not backward:
        head, colon, tail = text.partition(":")
        if colon and len(head) <= 80 and not re.search(r"[,;()]", head) and not any(
                m.entry.kind in wanted for m in find_all(gazetteer, head)):
            text = tail  # "covers the Eastern Partnership countries: Armenia, …"
    items = split_items(text)
    if backward:
        items.reverse()
    found: list[Listed] = []
    for index, item in enumerate(items):
        if not item.text:
            if item.groups:
                break
            continue
        reading = _read_item(gazetteer, item.text, wanted)
        near, far = (reading.trail, reading.lead) if backward else (reading.lead, reading.trail)
        if reading.entries:
            if near and not (index == 0 and only_connectors(near)):
                break  # other words between the cue (or the previous name) and this one
            found.append(Listed(item, reading.entries))
            if far or not only_connectors(reading.inner):
                break
            continue
        if name_like(item.text) and not _other_kind(gazetteer, item.text, wanted):
            found.append(Listed(item, [], _clean_name(item.text)))
            continue
        break
    if backward:
        found.reverse()
    return found


def _clean_name(text: str) -> str:
    tokens = text.split()
    while tokens and fold(tokens[0].rstrip("'’")) in FUNCTION_WORDS | {"l", "d"}:
        tokens = tokens[1:]
    cleaned = " ".join(tokens)
    cleaned = re.sub(r"^(?:l|d)['’]", "", cleaned)
    return cleaned.strip(" .:;,«»\"“”'")


def first_bracketed(text: str, start: int, reach: int = 120) -> tuple[int, int] | None:
    """The span inside the first brackets opening within ``reach`` characters after ``start``
    (nested brackets included), unless a sentence break comes first; None when there is none."""
    window = text[start:start + reach + 1]
    open_at = window.find("(")
    if open_at == -1 or re.search(r"[.;]", window[:open_at]):
        return None
    depth = 0
    for i in range(start + open_at, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return start + open_at + 1, i
    return None
