"""Talking to SPARQL 1.1 endpoints: queries (SPARQLWrapper), credentials, and what errors say.

Credentials come, in this order, from
1. ``CYBERKG_ENDPOINT_TOKEN`` (sent as ``Authorization: Bearer …``),
2. ``CYBERKG_ENDPOINT_USER`` and ``CYBERKG_ENDPOINT_PASSWORD`` (HTTP basic),
3. the user and password written in the URL (``https://user:secret@host/sparql``),
4. ``~/.netrc`` (or the file ``$NETRC`` names), for the endpoint's host.

They are never printed: every message names the endpoint by :func:`redact`, without its user
information, and HTTP errors quote at most the first line of the server's answer.
"""

from __future__ import annotations

import base64
import json
import netrc
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cyberkg.ontology.errors import CyberkgError, QueryError

if TYPE_CHECKING:
    from rdflib.term import Node

    from cyberkg.queries.backends import Result

ENV_TOKEN = "CYBERKG_ENDPOINT_TOKEN"
ENV_USER = "CYBERKG_ENDPOINT_USER"
ENV_PASSWORD = "CYBERKG_ENDPOINT_PASSWORD"
USER_AGENT = "cyberkg (SPARQLWrapper)"


class EndpointError(CyberkgError):
    """A remote endpoint cannot be reached, refuses the request or answers with an error."""


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> str | None:
        """The value of the Authorization header, or None."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None and self.password is not None:
            pair = f"{self.user}:{self.password}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return f"Credentials(user={self.user!r}, password={'***' if self.password else None}, " \
               f"token={'***' if self.token else None})"


def redact(url: str) -> str:
    """The URL without its user information (``user:password@``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def check_url(url: str) -> str:
    """The URL, if it is an http(s) URL; else a usage error."""
    from cyberkg.ontology.errors import UsageError

    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{redact(url)} is not an http(s) URL of a SPARQL endpoint")
    return url


def credentials_for(url: str) -> Credentials:
    """The credentials to send to ``url`` (see the module docstring for where they come from)."""
    token = os.environ.get(ENV_TOKEN)
    if token:
        return Credentials(token=token)
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user is not None and password is not None:
        return Credentials(user=user, password=password)
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None:
        return Credentials(user=urllib.parse.unquote(parts.username),
                           password=urllib.parse.unquote(parts.password or ""))
    try:
        found = netrc.netrc(os.environ.get("NETRC")).authenticators(parts.hostname or "")
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        found = None
    if found:
        login, _account, secret = found
        return Credentials(user=login, password=secret or "")
    return Credentials()


def _first_line(data: bytes | str | None) -> str:
    if data is None:
        return ""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    text = text.strip().splitlines()[0] if text.strip() else ""
    return text[:300]


def query_endpoint(url: str, text: str, kind: str, *, timeout: float = 60.0,
                   default_graphs: list[str] | None = None) -> Result:
    """Run ``text`` (a query of form ``kind``) on the endpoint ``url`` and read its answer."""
    from SPARQLWrapper import JSON, N3, POST, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import (
        EndPointInternalError,
        EndPointNotFound,
        QueryBadFormed,
        SPARQLWrapperException,
        Unauthorized,
    )

    check_url(url)
    where = redact(url)
    client = SPARQLWrapper(where, agent=USER_AGENT)
    client.setQuery(text)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setOnlyConneg(True)
    client.timeout = timeout  # type: ignore[assignment]  # setTimeout() would round to whole seconds
    for graph in default_graphs or ():
        client.addParameter("default-graph-uri", graph)
        client.addParameter("named-graph-uri", graph)
    if kind == "graph":
        client.setReturnFormat(N3)
        client.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
    else:
        client.setReturnFormat(JSON)
    authorization = credentials_for(url).header()
    if authorization:
        client.addCustomHttpHeader("Authorization", authorization)
    try:
        answer = client.query()
        body = answer.response.read()
        content_type = answer.response.headers.get("Content-Type", "")
    except QueryBadFormed as error:
        raise QueryError(f"{where} refused the query as malformed: "
                         f"{_first_line(_detail(error))}") from None
    except Unauthorized:
        raise EndpointError(f"{where} refused the credentials (HTTP 401); set "
                            f"{ENV_USER}/{ENV_PASSWORD}, {ENV_TOKEN} or ~/.netrc") from None
    except EndPointNotFound:
        raise EndpointError(f"{where}: no SPARQL endpoint there (HTTP 404)") from None
    except EndPointInternalError as error:
        raise EndpointError(f"{where} failed on the query (HTTP 500): "
                            f"{_first_line(_detail(error))}") from None
    except urllib.error.HTTPError as error:
        raise EndpointError(f"{where} answered HTTP {error.code}: "
                            f"{_first_line(error.read())}") from None
    except TimeoutError:
        raise EndpointError(f"{where} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise EndpointError(f"{where} did not answer within {timeout:g} s") from None
        raise EndpointError(f"{where} cannot be reached ({error.reason})") from None
    except (SPARQLWrapperException, OSError) as error:
        raise EndpointError(f"{where}: {_first_line(str(error))}") from None
    return read_answer(body, content_type, kind, where)


def _detail(error: Exception) -> str:
    text = str(error)
    marker = "Response:\n"
    return text.split(marker, 1)[1] if marker in text else text


def read_answer(body: bytes, content_type: str, kind: str, where: str) -> Result:
    """A SPARQL answer (JSON results, or RDF for CONSTRUCT/DESCRIBE) as a :class:`Result`."""
    from cyberkg.queries.backends import Result

    if kind == "graph":
        from rdflib import Graph

        fmt = "nt" if "n-triples" in content_type else "turtle"
        graph = Graph()
        try:
            graph.parse(data=body.decode("utf-8"), format=fmt)
        except Exception as error:  # noqa: BLE001 - rdflib raises many kinds of parser errors
            raise EndpointError(f"{where} sent RDF that cannot be read ({error})") from None
        from cyberkg.queries.backends import normal_term

        normal = Graph()
        for s, p, o in graph:
            normal.add((s, p, normal_term(o)))
        return Result("graph", graph=normal)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EndpointError(f"{where} did not send SPARQL JSON results: "
                            f"{_first_line(body)}") from None
    return json_result(data)


def json_result(data: dict[str, Any]) -> Result:
    """W3C SPARQL 1.1 JSON results as a :class:`Result` (terms normalised)."""
    from cyberkg.queries.backends import Result

    if "boolean" in data:
        return Result("ask", boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    rows = [tuple(json_term(binding.get(v)) for v in variables)
            for binding in data.get("results", {}).get("bindings", [])]
    return Result("select", variables, rows)


def json_term(value: dict[str, str] | None) -> Node | None:
    """One value of W3C JSON results as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    from cyberkg.queries.backends import normal_term

    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        if lang:
            return Literal(value["value"], lang=lang)
        datatype = value.get("datatype")
        return normal_term(Literal(value["value"], datatype=URIRef(datatype) if datatype else None))
    if kind == "triple":
        raise EndpointError("RDF-star triples in results are not supported")
    raise EndpointError(f"unknown kind of value in the results: {kind!r}")


def http_request(url: str, *, method: str, data: bytes | None = None,
                 content_type: str | None = None, timeout: float = 60.0,
                 accept: str | None = None) -> bytes:
    """One HTTP request to an endpoint (for push), with credentials; errors say what failed."""
    check_url(url)
    parts = urllib.parse.urlsplit(url)
    clean = redact(url)
    request = urllib.request.Request(clean, data=data, method=method)
    request.add_header("User-Agent", USER_AGENT)
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    authorization = credentials_for(url).header()
    if authorization:
        request.add_header("Authorization", authorization)
    where = f"{method} {urllib.parse.urlunsplit((parts.scheme, parts.netloc.rpartition('@')[2], parts.path, '', ''))}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        if error.code == 401:
            raise EndpointError(f"{where} refused the credentials (HTTP 401); set "
                                f"{ENV_USER}/{ENV_PASSWORD}, {ENV_TOKEN} or ~/.netrc") from None
        raise EndpointError(f"{where} answered HTTP {error.code}: "
                            f"{_first_line(error.read())}") from None
    except TimeoutError:
        raise EndpointError(f"{where} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise EndpointError(f"{where} did not answer within {timeout:g} s") from None
        raise EndpointError(f"{where} cannot be reached ({error.reason})") from None
    except OSError as error:
        raise EndpointError(f"{where} failed ({error})") from None
