"""Where the built graph lives on disk, and how it is replaced without ever being half-written.

A graph folder (``out/``) looks like this::

    out/current -> .build-<id>          the one link a build swaps
    out/.build-<id>/graph.trig, graph.ttl, report.json, store/ (Oxigraph, RocksDB), text/
    out/graph.trig -> current/graph.trig   (and graph.ttl, report.json, store, text)
    out/cache/                           what the next build may reuse

A build writes every output into a new ``.build-<id>`` folder, then replaces ``current`` with one
atomic rename: a reader, or a build killed at any moment, sees all the outputs of the previous
build or all those of the new one, never a mix. The fixed links beside ``current`` let people and
tools open ``out/graph.ttl`` and ``out/store`` as before. Single files elsewhere (the cache) are
written with :func:`atomic_write`: a temporary file in the same folder, fsync, rename.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from functools import lru_cache
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.ontology.errors import StoreError

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset

STORE_LINK = "store"
ENV_GRAPH = "CYBERKG_GRAPH"
DEFAULT_GRAPH_DIR = "out"


def graph_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the built graph: ``--graph``, else ``$CYBERKG_GRAPH``, else ``out/``."""
    chosen = explicit or os.environ.get(ENV_GRAPH) or DEFAULT_GRAPH_DIR
    return Path(chosen)


def store_path(directory: Path) -> Path:
    return directory / STORE_LINK


def open_store(directory: Path) -> pyoxigraph.Store:
    """The built store of ``directory``, opened read-only (several readers may share it)."""
    import pyoxigraph

    link = store_path(directory)
    if not link.exists():
        raise StoreError(
            f"no built graph in {directory}/ (run `cyberkg build` first, or point --graph or "
            f"${ENV_GRAPH} at the folder it wrote)"
        )
    try:
        return pyoxigraph.Store.read_only(str(link.resolve()))
    except OSError as error:
        raise StoreError(f"{link}: the store cannot be opened ({error})") from error


def open_dataset(directory: Path) -> Dataset:
    """The built graph as an rdflib Dataset (read-only, Oxigraph underneath).

    The default graph is the union of the named graphs, so a query without GRAPH sees every fact.
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    return Dataset(store=OxigraphStore(store=open_store(directory)), default_union=True)


CURRENT_LINK = "current"
OUTPUTS = ("graph.trig", "graph.ttl", "report.json", STORE_LINK, "text")


@contextlib.contextmanager
def new_build(directory: Path) -> Iterator[Path]:
    """A fresh folder to write a build's outputs in; on success it becomes ``directory/current``.

    On any error the new folder is removed and the previous build is left as it was.
    """
    directory.mkdir(parents=True, exist_ok=True)
    name = f".build-{uuid.uuid4().hex[:12]}"
    staging = directory / name
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_tree(staging)
    _replace_link(directory / CURRENT_LINK, name)
    for output in OUTPUTS:
        link = directory / output
        if (staging / output).exists():
            if not (link.is_symlink() and os.readlink(link) == f"{CURRENT_LINK}/{output}"):
                if link.is_dir() and not link.is_symlink():
                    shutil.rmtree(link)
                _replace_link(link, f"{CURRENT_LINK}/{output}")
        elif link.is_symlink():
            link.unlink()
    remove_stale_builds(directory)


@contextlib.contextmanager
def new_store(directory: Path) -> Iterator[pyoxigraph.Store]:
    """A fresh store to fill, alone in a new build of ``directory`` (tests, synthetic graphs)."""
    import pyoxigraph

    with new_build(directory) as staging:
        store = pyoxigraph.Store(str(staging / STORE_LINK))
        try:
            yield store
            store.flush()
        finally:
            del store


def _replace_link(link: Path, target: str) -> None:
    temporary = link.parent / f".{link.name}-{uuid.uuid4().hex[:8]}.lnk"
    os.symlink(target, temporary)
    os.replace(temporary, link)
    _fsync_dir(link.parent)


def remove_stale_builds(directory: Path) -> None:
    """Delete build folders no link points to, and temporary files (left by killed builds)."""
    current = directory / CURRENT_LINK
    keep = os.readlink(current) if current.is_symlink() else None
    for entry in list(directory.glob(".build-*")) + list(directory.glob(".store-*")):
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)
    for entry in directory.glob(".*.lnk"):
        entry.unlink(missing_ok=True)
    for entry in directory.glob(".*.tmp"):
        entry.unlink(missing_ok=True)


def _fsync_tree(folder: Path) -> None:
    """Flush the files of a finished build to disk before it becomes the current one."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with contextlib.suppress(OSError):
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
    _fsync_dir(folder)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old bytes or the new, never a part.

    ``durable=False`` skips the fsyncs: the rename still protects against a killed process, not
    against a power cut (right for caches, whose lost entries are only misses).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@lru_cache(maxsize=262144)
def to_oxigraph(term: object) -> object:
    """An rdflib term as a pyoxigraph term (IRIs repeat: conversions are remembered).

    Both libraries are imported whole (``import rdflib``): ``from rdflib import URIRef`` would run
    the import machinery again for every term converted.
    """
    import pyoxigraph
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=262144)
def from_oxigraph(term: object) -> object:
    """A pyoxigraph term as an rdflib term (plain literals stay plain: no explicit xsd:string)."""
    import pyoxigraph
    import rdflib

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")
