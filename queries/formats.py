"""Writing a :class:`~cyberkg.queries.backends.Result` in the formats ``cyberkg query`` offers.

SELECT and ASK: ``table`` (the terminal), ``md`` (Markdown), and the W3C SPARQL 1.1 results
formats ``json`` (application/sparql-results+json), ``csv`` and ``tsv``. CONSTRUCT and DESCRIBE:
``ttl``, ``nt`` and ``jsonld``.

Values are data, never markup: the terminal table is printed without rich markup, and Markdown
escapes every character Markdown or HTML would read as syntax.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import IO, TYPE_CHECKING, Any

from cyberkg.ontology.errors import UsageError

if TYPE_CHECKING:
    from rdflib.term import Node

    from cyberkg.queries.backends import Result

ROW_FORMATS = ("table", "csv", "tsv", "json", "md")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
FORMATS = ROW_FORMATS + GRAPH_FORMATS
_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def check_format(result: Result, fmt: str | None) -> str:
    """The format to write ``result`` in (the default for its kind when ``fmt`` is None)."""
    if fmt is None:
        return "ttl" if result.kind == "graph" else "table"
    if result.kind == "graph" and fmt not in GRAPH_FORMATS:
        raise UsageError(f"--format {fmt} is for SELECT and ASK results; a CONSTRUCT or DESCRIBE "
                         f"query writes {', '.join(GRAPH_FORMATS)}")
    if result.kind != "graph" and fmt not in ROW_FORMATS:
        raise UsageError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results; a "
                         f"{result.kind.upper()} query writes {', '.join(ROW_FORMATS)}")
    return fmt


def write(result: Result, fmt: str | None, stream: IO[str], *, width: int | None = None) -> None:
    """Write ``result`` to ``stream`` in ``fmt`` (see the module docstring)."""
    fmt = check_format(result, fmt)
    if result.kind == "graph":
        stream.write(graph_text(result, fmt))
    elif fmt == "json":
        stream.write(json.dumps(sparql_json(result), ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        stream.write(sparql_csv(result))
    elif fmt == "tsv":
        stream.write(sparql_tsv(result))
    elif fmt == "md":
        stream.write(markdown(result))
    else:
        table(result, stream, width=width)


def render(result: Result, fmt: str | None = None) -> str:
    stream = io.StringIO()
    write(result, fmt, stream)
    return stream.getvalue()


# ---- W3C SPARQL 1.1 results formats ------------------------------------------------------------

def json_term(term: Node) -> dict[str, str]:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        value: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype is not None:
            value["datatype"] = str(term.datatype)
        return value
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def sparql_json(result: Result) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {
        "head": {"vars": list(result.variables)},
        "results": {"bindings": [
            {var: json_term(term) for var, term in zip(result.variables, row) if term is not None}
            for row in result.rows
        ]},
    }


def sparql_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV Format (values only, RFC 4180 quoting, CRLF)."""
    from rdflib import BNode

    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
        return stream.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t)
                         for t in row])
    return stream.getvalue()


def tsv_term(term: Node | None) -> str:
    """A term in SPARQL/Turtle syntax, with tabs and line breaks escaped (TSV format)."""
    if term is None:
        return ""
    from cyberkg.queries.library import sparql_term
    from rdflib import BNode

    if isinstance(term, BNode):
        return f"_:{term}"
    return sparql_term(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def sparql_tsv(result: Result) -> str:
    """SPARQL 1.1 Query Results TSV Format (terms in SPARQL syntax, LF)."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def graph_text(result: Result, fmt: str) -> str:
    from cyberkg.ontology.iri import PREFIXES

    graph = result.graph
    assert graph is not None
    if fmt != "nt":
        for name, iri in PREFIXES.items():
            graph.bind(name, iri, override=True, replace=True)
    text = graph.serialize(format=_RDFLIB_FORMAT[fmt])
    return text if text.endswith("\n") else text + "\n"


# ---- For people ---------------------------------------------------------------------------------

def short(term: Node | None) -> str:
    """A term as a person reads it: ``country:MK``, ``ckg:partner``, a literal's text."""
    from rdflib import BNode, Literal

    from cyberkg.ontology.iri import PREFIXES

    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    best = ""
    for name, iri in PREFIXES.items():
        if text.startswith(iri) and len(iri) > len(PREFIXES.get(best, "")):
            local = text[len(iri):]
            if local and re.fullmatch(r"[\w.%-]+", local) and not local.endswith("."):
                best = name
    return f"{best}:{text[len(PREFIXES[best]):]}" if best else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_cell(text: str) -> str:
    """A value in a Markdown table cell: escaped so that it renders as the text it is."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(result: Result) -> str:
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    head = "| " + " | ".join(md_cell(v) for v in result.variables) + " |"
    rule = "|" + "|".join("---" for _ in result.variables) + "|"
    rows = ["| " + " | ".join(md_cell(short(t)) for t in row) + " |" for row in result.rows]
    return "\n".join([head, rule, *rows]) + "\n"


def table(result: Result, stream: IO[str], *, width: int | None = None) -> None:
    """A table for the terminal (rich, no markup read in values), and the number of rows."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, soft_wrap=False, highlight=False, markup=False, emoji=False,
                      width=width)
    if result.kind == "ask":
        console.print("true" if result.boolean else "false")
        return
    grid = Table(show_edge=False)
    for variable in result.variables:
        grid.add_column(variable, overflow="fold")
    for row in result.rows:
        grid.add_row(*(short(t) for t in row))
    console.print(grid)
    count = len(result.rows)
    console.print(f"{count} row{'' if count == 1 else 's'}")
