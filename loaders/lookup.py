"""Known names found in a text, looked up once per text while one loader reads a document.

The project and status loaders look at the same sentence many times (project names, countries of a
list, regions, conventions, organisations); :func:`find_all` asks the gazetteer once per text, for
every kind at once, so that a longer name of one kind shadows a shorter one of another
(``Comité de la Convention sur la cybercriminalité`` is an organisation, not the convention).
The memory lives from :func:`reading_scope`'s start to its end, and is dropped whenever a name is
taught to the gazetteer, so that it never answers with what the gazetteer knew before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cyberkg.loaders.gazetteer import Gazetteer, Mention

KINDS = frozenset({"project", "organisation", "country", "region", "convention"})
_memory: dict[tuple[int, str], list[Mention]] = {}
_depth = 0


def find_all(gazetteer: Gazetteer, text: str) -> list[Mention]:
    """Every known name of ``text`` (any kind), left to right, longest first."""
    if _depth == 0:
        return gazetteer.find(text, kinds=KINDS)
    key = (id(gazetteer), text)
    found = _memory.get(key)
    if found is None:
        found = gazetteer.find(text, kinds=KINDS)
        _memory[key] = found
    return found


def forget() -> None:
    """The gazetteer learnt a name: what was found before may be incomplete."""
    _memory.clear()


@contextmanager
def reading_scope() -> Iterator[None]:
    """Remember look-ups while a loader reads one document."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            _memory.clear()
