"""Parameter values, from the text a person types to typed RDF terms.

``--param project=GLACY+`` becomes the IRI of GLACY+ (resolved in the graph queried),
``--param from=2016-10`` the literal ``"2016-10"^^xsd:gYearMonth``, ``--param since=2017`` the
literal ``"2017"^^xsd:gYear``. The terms are then written into the query's ``VALUES`` block by
:func:`cyberkg.queries.library.bind`; the text typed never becomes query text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from cyberkg.ontology.errors import UsageError
from cyberkg.queries.library import ENTITY_TYPES, NamedQuery, Param

if TYPE_CHECKING:
    from rdflib.term import Node

    from cyberkg.queries.backends import Backend

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def split_params(pairs: Iterable[str]) -> dict[str, list[str]]:
    """``["a=1", "b=2", "a=3"]`` -> ``{"a": ["1", "3"], "b": ["2"]}`` (a name may repeat)."""
    values: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {pair!r}: write it as name=value")
        values.setdefault(name.strip(), []).append(value)
    return values


def literal_value(param: Param, raw: str) -> Node:
    """The value of a non-entity parameter as an RDF term (a usage error when it cannot be)."""
    from rdflib import XSD, Literal

    from cyberkg.queries.entities import expand_iri

    text = raw.strip()
    kind = param.type
    wrong = f"--param {param.name}={raw!r}: "
    if kind == "iri":
        iri = expand_iri(text)
        if iri is None:
            raise UsageError(wrong + "not an IRI (write <https://…>, https://… or a prefixed "
                                     "name such as ckg:Project)")
        return iri
    if kind == "string":
        return Literal(raw)
    if kind in ("date", "year"):
        match = _DATE.match(text)
        if not match or (kind == "year" and match.group(2)):
            raise UsageError(wrong + ("not a year (YYYY)" if kind == "year" else
                                      "not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
        year, month, day = match.groups()
        try:
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise UsageError(wrong + "no such date") from None
        datatype = XSD.date if day else XSD.gYearMonth if month else XSD.gYear
        return Literal(text, datatype=datatype)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise UsageError(wrong + "not an integer")
        return Literal(int(text), datatype=XSD.integer)
    if kind == "decimal":
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise UsageError(wrong + "not a number") from None
        if not number.is_finite():
            raise UsageError(wrong + "not a finite number")
        return Literal(number, datatype=XSD.decimal)
    if kind == "boolean":
        lowered = text.lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0"):
            raise UsageError(wrong + "not a boolean (true or false)")
        return Literal(lowered in ("true", "yes", "1"), datatype=XSD.boolean)
    raise UsageError(f"parameter {param.name!r} has the unknown type {kind!r}")


def adhoc_value(raw: str) -> Node:
    """The value of a parameter of a query without header: an IRI if it is one, else a string."""
    from rdflib import Literal

    from cyberkg.queries.entities import expand_iri

    iri = expand_iri(raw)
    return iri if iri is not None else Literal(raw)


def values_for(query: NamedQuery, given: Mapping[str, list[str]],
               backend: Backend) -> dict[str, list[Node] | None]:
    """The terms to bind for each parameter of ``query``: given ones converted (entity names
    resolved on ``backend``), optional ones left out as ``None`` (UNDEF). A missing required
    parameter or an unknown one is a usage error."""
    from cyberkg.queries.entities import resolve

    declared = {p.name: p for p in query.params}
    unknown = [name for name in given if name not in declared]
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query {query.name!r} has no parameter {unknown[0]!r} "
                         f"(its parameters: {known})")
    values: dict[str, list[Node] | None] = {}
    for param in query.params:
        raws = given.get(param.name)
        if not raws:
            if param.optional:
                values[param.name] = None
                continue
            raise UsageError(f"query {query.name!r} needs --param {param.name}=… "
                             f"(a {param.type}, e.g. {param.name}={param.example})")
        if param.type in ENTITY_TYPES:
            values[param.name] = [resolve(backend, raw, ENTITY_TYPES[param.type]) for raw in raws]
        else:
            values[param.name] = [literal_value(param, raw) for raw in raws]
    return values
