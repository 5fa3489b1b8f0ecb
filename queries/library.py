"""The named queries: ``queries/*.rq``, each one question with a header that describes it.

Header lines at the top of a ``.rq`` file::

    # title: Countries of a project
    # description: Countries a project serves, with their role (beneficiary, priority, hub).
    # param: project iri GLACY+     (name, type, example)
    # example: cyberkg query project-countries --param project=GLACY+

A parameter ``name`` is bound by replacing the query's ``VALUES ?name { ... }`` block with the value
written as an RDF term (``term.n3()``): a value is never pasted into the query text as text, and the
file stays a valid query that runs as it is with its example value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from cyberkg.ontology.errors import QueryError, UsageError

_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str


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


def query_dir() -> Path:
    return Path(str(files("cyberkg.queries")))


def parse(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """Read a query file's header; a declared parameter must have a VALUES block to bind."""
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
            parts = value.split(None, 2)
            if len(parts) < 2:
                raise QueryError(f"{path or name}: a param line needs a name and a type: {line!r}")
            params.append(Param(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    if not title:
        raise QueryError(f"{path or name}: the query has no '# title:' line")
    for param in params:
        if not _values_block(param.name).search(text):
            raise QueryError(f"{path or name}: parameter {param.name!r} has no "
                             f"'VALUES ?{param.name} {{ … }}' block to bind")
    return NamedQuery(name, title, description, text, tuple(params), tuple(examples), path)


def _values_block(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^{}]*\}", re.IGNORECASE)


def load(name: str) -> NamedQuery:
    path = query_dir() / f"{name}.rq"
    if not path.is_file():
        raise UsageError(f"no query named {name!r}")
    return parse(path.read_text(encoding="utf-8"), name, path)


def all_queries() -> list[NamedQuery]:
    return [parse(p.read_text(encoding="utf-8"), p.stem, p)
            for p in sorted(query_dir().glob("*.rq"))]


def bind(query: NamedQuery, values: dict[str, object]) -> str:
    """The query text with each given parameter's VALUES block holding that RDF term."""
    text = query.text
    for name, term in values.items():
        n3 = term.n3()  # type: ignore[attr-defined]
        text = _values_block(name).sub(lambda _m: f"VALUES ?{name} {{ {n3} }}", text)
    return text
