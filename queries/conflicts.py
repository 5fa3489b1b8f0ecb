"""Where documents disagree: two values of a single-valued property of one subject.

The named query ``conflicts`` finds every pair of different values of ckg:startDate, ckg:endDate,
ckg:budgetEUR or ckg:coeShare that two documents state about the same subject, each with its
document, line and sentence. :func:`find_conflicts` keeps the real disagreements: dates that only
differ in precision agree (2016-10-31, 2016-10 and 2016 all say October 2016 or within 2016), so
do numbers equal in value (10000000 and 10000000.0). Both values stay in the graph, each in the
graph of the document that states it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Dataset, URIRef
    from rdflib.term import Node

    from cyberkg.queries.backends import Backend

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Side:
    """One document's value, with where it says so."""

    value: Node
    document: URIRef
    line: int | None
    sentence: str | None


@dataclass(frozen=True)
class Conflict:
    """Two documents state different values of ``property`` for ``subject``."""

    subject: URIRef
    property: URIRef
    first: Side
    second: Side

    def as_dict(self) -> dict[str, object]:
        def side(s: Side) -> dict[str, object]:
            return {"value": str(s.value), "document": str(s.document), "line": s.line,
                    "sentence": s.sentence}
        return {"subject": str(self.subject), "property": str(self.property),
                "first": side(self.first), "second": side(self.second)}


def agree(a: Node, b: Node) -> bool:
    """Whether two values say the same thing: equal numbers, or dates one of which only states
    the other less precisely (``2016`` ⊇ ``2016-10`` ⊇ ``2016-10-31``)."""
    text_a, text_b = str(a), str(b)
    if text_a == text_b:
        return True
    date_a, date_b = _DATE.fullmatch(text_a), _DATE.fullmatch(text_b)
    if date_a and date_b:
        shorter, longer = sorted((text_a, text_b), key=len)
        return longer.startswith(shorter)
    try:
        return Decimal(text_a) == Decimal(text_b)
    except InvalidOperation:
        return False


def find_conflicts(dataset: Dataset | Backend) -> list[Conflict]:
    """Every real disagreement between two documents (see the module docstring)."""
    from cyberkg.queries.backends import LocalBackend
    from cyberkg.queries.library import load

    backend = dataset if hasattr(dataset, "run") else LocalBackend(dataset)  # type: ignore[arg-type]
    result = backend.run(load("conflicts").text)  # type: ignore[union-attr]
    conflicts = []
    for row in result.dicts():
        if agree(row["value1"], row["value2"]):  # type: ignore[arg-type]
            continue
        conflicts.append(Conflict(
            row["subject"], row["property"],  # type: ignore[arg-type]
            _side(row, "1"), _side(row, "2"),
        ))
    return conflicts


def _side(row: dict[str, Node | None], n: str) -> Side:
    line = row[f"line{n}"]
    sentence = row[f"sentence{n}"]
    return Side(row[f"value{n}"], row[f"document{n}"],  # type: ignore[arg-type]
                int(line.toPython()) if line is not None else None,  # type: ignore[attr-defined]
                str(sentence) if sentence is not None else None)
