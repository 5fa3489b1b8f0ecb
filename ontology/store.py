"""Where the built graph lives on disk, and how it is replaced without ever being half-written.

``<graph dir>/store`` is a symbolic link to an Oxigraph (RocksDB) directory ``.store-<id>``. A build
writes a new directory beside it, then swaps the link with one atomic rename: a reader, or a build
killed at any moment, sees either the previous store or the new one, never a mix. Files are written
the same way (:func:`atomic_write`: a temporary file in the same folder, fsync, rename).
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


@contextlib.contextmanager
def new_store(directory: Path) -> Iterator[pyoxigraph.Store]:
    """A fresh store to fill; on success it replaces ``directory/store`` atomically.

    On any error the new store is removed and the previous one is left as it was.
    """
    import pyoxigraph

    directory.mkdir(parents=True, exist_ok=True)
    name = f".store-{uuid.uuid4().hex[:12]}"
    target = directory / name
    store = pyoxigraph.Store(str(target))
    try:
        yield store
        store.flush()
        store.optimize()
    except BaseException:
        del store
        shutil.rmtree(target, ignore_errors=True)
        raise
    del store
    link = store_path(directory)
    temporary_link = directory / f".{STORE_LINK}-{uuid.uuid4().hex[:8]}.lnk"
    os.symlink(name, temporary_link)
    os.replace(temporary_link, link)
    _fsync_dir(directory)
    remove_stale_stores(directory)


def remove_stale_stores(directory: Path) -> None:
    """Delete store directories and temporary files no link points to (left by killed builds)."""
    link = store_path(directory)
    current = os.readlink(link) if link.is_symlink() else None
    for entry in directory.glob(".store-*"):
        if entry.name != current:
            shutil.rmtree(entry, ignore_errors=True)
    for entry in directory.glob(f".{STORE_LINK}-*.lnk"):
        entry.unlink(missing_ok=True)
    for entry in directory.glob(".*.tmp"):
        entry.unlink(missing_ok=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old bytes or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
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
    """An rdflib term as a pyoxigraph term (IRIs repeat: conversions are remembered)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


@lru_cache(maxsize=262144)
def from_oxigraph(term: object) -> object:
    """A pyoxigraph term as an rdflib term (plain literals stay plain: no explicit xsd:string)."""
    import pyoxigraph
    from rdflib import XSD, BNode, Literal, URIRef

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")
