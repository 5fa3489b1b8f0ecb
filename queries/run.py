"""Running a query: a named one with its parameters, or any SPARQL text, on any backend.

>>> result = run_named(LocalBackend(open_dataset(Path("out"))), "project-countries",
...                    {"project": ["GLACY+"]})                                # doctest: +SKIP

A query without header (``cyberkg query -e``/``-f``) may use cyberkg's prefixes (``ckg:``,
``country:``, ``rdfs:``…) without declaring them: the missing declarations are added, the same
for every backend. It is parsed first, so that a malformed query is reported with the line and
column of the text as written.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from cyberkg.queries.backends import Backend, Result, query_kind
from cyberkg.queries.library import NamedQuery, bind, bind_text, load
from cyberkg.queries.params import adhoc_value, values_for


def prefixes() -> dict[str, str]:
    from cyberkg.ontology.iri import PREFIXES

    return dict(PREFIXES)


def with_prefixes(text: str) -> str:
    """``text`` preceded by a PREFIX line for each of cyberkg's prefixes it does not declare."""
    missing = [(name, iri) for name, iri in prefixes().items()
               if not re.search(rf"PREFIX\s+{re.escape(name)}\s*:", text, re.IGNORECASE)]
    if not missing:
        return text
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in missing) + text


def prepare_named(query: NamedQuery | str, params: Mapping[str, list[str]],
                  backend: Backend) -> str:
    """The text of a named query with its parameters bound (entity names resolved on backend)."""
    named = load(query) if isinstance(query, str) else query
    text = bind(named, values_for(named, params, backend))
    query_kind(text, source=f"query {named.name!r}")
    return text


def prepare_text(text: str, params: Mapping[str, list[str]], *, source: str = "query") -> str:
    """Any query text, checked, with cyberkg's missing prefixes declared and parameters bound."""
    if not text.strip():
        from cyberkg.ontology.errors import UsageError

        raise UsageError(f"{source} is empty")
    query_kind(text, prefixes(), source=source)
    bound = bind_text(text, {name: [adhoc_value(v) for v in raws] for name, raws in params.items()})
    full = with_prefixes(bound)
    query_kind(full, source=source)
    return full


def run_named(backend: Backend, name: str, params: Mapping[str, list[str]] | None = None) -> Result:
    return backend.run(prepare_named(name, params or {}, backend))


def run_text(backend: Backend, text: str, params: Mapping[str, list[str]] | None = None, *,
             source: str = "query") -> Result:
    return backend.run(prepare_text(text, params or {}, source=source))


def open_backend(graph: Path, endpoint: str | None = None, *, timeout: float = 60.0,
                 union: bool = False) -> Backend:
    """The built graph of ``graph`` (opened as it is, not reloaded), or the remote ``endpoint``."""
    from cyberkg.queries.backends import LocalBackend, RemoteBackend

    if endpoint:
        from cyberkg.queries.remote import check_url

        return RemoteBackend(check_url(endpoint), timeout=timeout, union=union)
    from cyberkg.ontology.store import open_dataset

    return LocalBackend(open_dataset(graph), description=f"the graph in {graph}/")


def execute(backend: Backend, *, name: str | None = None, text: str | None = None,
            path: Path | None = None, params: Iterable[str] = ()) -> Result:
    """Run one named query, SPARQL text or file (exactly one) with ``name=value`` parameters."""
    from cyberkg.ontology.errors import UsageError
    from cyberkg.queries.params import split_params

    given = [x for x in (name, text, path) if x is not None]
    if len(given) != 1:
        raise UsageError("give one query: a NAME (see `cyberkg queries`), -e SPARQL or -f FILE")
    values = split_params(params)
    if name is not None:
        return run_named(backend, name, values)
    if path is not None:
        source = "stdin" if str(path) == "-" else str(path)
        try:
            body = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{source}: cannot be read ({error})") from None
        return run_text(backend, body, values, source=source)
    return run_text(backend, text or "", values, source="query")
