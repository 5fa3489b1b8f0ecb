"""The named queries: ``queries/*.rq``, each one question with a header that describes it.

Header lines at the top of a ``.rq`` file::

    # title: Countries of a project
    # description: Countries a project serves, with their role (beneficiary, priority, hub).
    # param: project project GLACY+     (name, type, example; a type ending in ? is optional)
    # example: cyberkg query project-countries --param project=GLACY+

A parameter ``name`` is bound by replacing the query's ``VALUES ?name { ... }`` block with the value
written as an RDF term (N-Triples syntax, escaped by pyoxigraph): a value is never pasted into the
query text as text, and the file stays a valid query that runs as it is with its example value. An
optional parameter that is not given becomes ``VALUES ?name { UNDEF }``: it matches anything.

The header is checked when the file is read: a title, a description, an example invocation, and for
each declared parameter a known type and a ``VALUES`` block to bind.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from cyberkg.ontology.errors import QueryError, UsageError

_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")

#: Entity parameters: the value may be an IRI, a slug, an acronym, a code or a name (resolved in
#: the graph queried), and must name a node of this class (``entity``: of any class).
ENTITY_TYPES = {
    "project": "Project", "country": "Country", "organisation": "Organisation",
    "convention": "Convention", "region": "Region", "activity": "Activity", "city": "City",
    "document": "Document", "entity": None,
}
#: Value parameters: the value is written as a literal of this kind (or an IRI for ``iri``).
VALUE_TYPES = ("iri", "string", "date", "year", "integer", "decimal", "boolean")
PARAM_TYPES = tuple(ENTITY_TYPES) + VALUE_TYPES


@dataclass(frozen=True)
class Param:
    """A declared parameter: ``# param: name type example`` (``type?`` when it may be left out)."""

    name: str
    type: str
    example: str
    optional: bool = False

    @property
    def is_entity(self) -> bool:
        return self.type in ENTITY_TYPES


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name (the file stem), header and text."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default=())
    examples: tuple[str, ...] = field(default=())
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def query_dir() -> Path:
    return Path(str(files("cyberkg.queries")))


def parse(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """Read a query file's header; a declared parameter must have a VALUES block to bind."""
    where = path or name
    title = description = ""
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        elif key == "example":
            examples.append(value)
        else:
            params.append(_param(value, line, where))
    if not title:
        raise QueryError(f"{where}: the query has no '# title:' line")
    for param in params:
        if not _values_block(param.name).search(text):
            raise QueryError(f"{where}: parameter {param.name!r} has no "
                             f"'VALUES ?{param.name} {{ … }}' block to bind")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{where}: a parameter is declared twice ({', '.join(names)})")
    return NamedQuery(name, title, description, text, tuple(params), tuple(examples), path)


def _param(value: str, line: str, where: object) -> Param:
    parts = value.split(None, 2)
    if len(parts) < 2:
        raise QueryError(f"{where}: a param line needs a name, a type and an example: {line!r}")
    name, kind = parts[0], parts[1]
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"{where}: {name!r} is not a SPARQL variable name")
    if kind not in PARAM_TYPES:
        raise QueryError(f"{where}: parameter {name!r} has the unknown type {kind!r} "
                         f"(known: {', '.join(PARAM_TYPES)})")
    return Param(name, kind, parts[2].strip() if len(parts) > 2 else "", optional)


def _values_block(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^{}]*\}", re.IGNORECASE)


def names() -> list[str]:
    return sorted(p.stem for p in query_dir().glob("*.rq"))


def load(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name is a usage error that lists the close matches."""
    path = query_dir() / f"{name}.rq"
    if "/" in name or not path.is_file():
        known = names()
        close = difflib.get_close_matches(name, known, n=4, cutoff=0.5)
        close += [n for n in known if name and name in n and n not in close][:4 - len(close)]
        hint = (f"did you mean {', '.join(close)}?" if close
                else "`cyberkg queries` lists them")
        raise UsageError(f"no query named {name!r}: {hint}")
    return parse(path.read_text(encoding="utf-8"), name, path)


def all_queries() -> list[NamedQuery]:
    return [parse(p.read_text(encoding="utf-8"), p.stem, p)
            for p in sorted(query_dir().glob("*.rq"))]


def sparql_term(term: object) -> str:
    """An RDF term (rdflib or pyoxigraph) in SPARQL syntax, escaped: the only way values enter a
    query. A string that is not a valid IRI never becomes one (pyoxigraph checks it)."""
    import pyoxigraph

    from cyberkg.ontology.store import to_oxigraph

    if not isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.Literal, pyoxigraph.BlankNode)):
        try:
            term = to_oxigraph(term)
        except ValueError as error:
            raise UsageError(f"{term!s} is not a valid IRI ({error})") from error
    if isinstance(term, pyoxigraph.BlankNode):
        raise UsageError("a blank node cannot be bound as a parameter")
    return str(term)


def _values_text(name: str, terms: Iterable[object] | None) -> str:
    if terms is None:
        return f"VALUES ?{name} {{ UNDEF }}"
    written = " ".join(sparql_term(t) for t in terms)
    return f"VALUES ?{name} {{ {written} }}"


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for re.sub that inserts ``text`` as it is (no backslash escapes read)."""
    return lambda _match: text


def _as_list(value: object) -> list[object] | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def bind(query: NamedQuery, values: Mapping[str, Any]) -> str:
    """The query text with each given parameter's VALUES block holding those RDF terms.

    A value may be one term, a list of terms (any of them matches) or ``None`` (``UNDEF``: any
    value matches). Parameters not in ``values`` keep the block of the file.
    """
    text = query.text
    for name, value in values.items():
        block = _values_text(name, _as_list(value))
        text = _values_block(name).sub(_literally(block), text)
    return text


def bind_text(text: str, values: Mapping[str, Any]) -> str:
    """Bind parameters in a query that has no header (``-e``, ``-f``).

    A variable with a ``VALUES ?name { … }`` block gets its terms there; any other becomes a
    trailing ``VALUES`` clause, which SPARQL joins with the solutions of the WHERE clause (as
    ``initBindings`` would).
    """
    trailing: dict[str, list[object] | None] = {}
    for name, value in values.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError(f"{name!r} is not a SPARQL variable name")
        pattern = _values_block(name)
        if pattern.search(text):
            block = _values_text(name, _as_list(value))
            text = pattern.sub(_literally(block), text)
        else:
            trailing[name] = _as_list(value)
    if trailing:
        text = text.rstrip() + "\n" + _trailing_values(trailing) + "\n"
    return text


def _trailing_values(values: Mapping[str, list[object] | None]) -> str:
    """One trailing ``VALUES (?a ?b) { … }`` clause: every combination of the given terms."""
    import itertools

    columns = [[sparql_term(t) for t in terms] if terms is not None else ["UNDEF"]
               for terms in values.values()]
    rows = " ".join("(" + " ".join(row) + ")" for row in itertools.product(*columns))
    heads = " ".join(f"?{name}" for name in values)
    return f"VALUES ({heads}) {{ {rows} }}"


def listing(queries: Iterable[NamedQuery]) -> Any:
    """The named queries as a result table: name, title and parameters (``name?`` if optional)."""
    from rdflib import Literal

    from cyberkg.queries.backends import Result

    rows = [(Literal(q.name), Literal(q.title),
             Literal(", ".join(f"{p.name}{'?' if p.optional else ''}" for p in q.params)))
            for q in queries]
    return Result("select", ["name", "title", "parameters"], rows)  # type: ignore[arg-type]
