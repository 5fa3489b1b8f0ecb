"""``cyberkg build``: documents in, graph files and a persistent store out.

The build
1. collects the documents (files, folders; a path that does not exist is a usage error),
2. reads each one into its own named graph (or takes it from the cache when its bytes and the
   loaders are unchanged: a rebuild re-reads only the documents whose content changed),
3. adds the ontology and the reference data, each in its own named graph,
4. writes ``graph.trig`` (every named graph), ``graph.ttl`` (merged), ``report.json`` and the
   Oxigraph store, each atomically, so a build killed at any moment leaves the previous outputs whole.

One bad document never stops the others: it is reported with its reason and the build goes on.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.ontology.errors import CyberkgError, DocumentError, UsageError

if TYPE_CHECKING:
    import pyoxigraph

    from cyberkg.loaders.gazetteer import Gazetteer

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
PREFIXES = {
    "ckg": "https://w3id.org/cyberkg#",
    "country": "https://w3id.org/cyberkg/id/country/",
    "project": "https://w3id.org/cyberkg/id/project/",
    "organisation": "https://w3id.org/cyberkg/id/organisation/",
    "convention": "https://w3id.org/cyberkg/id/convention/",
    "region": "https://w3id.org/cyberkg/id/region/",
    "city": "https://w3id.org/cyberkg/id/city/",
    "activity": "https://w3id.org/cyberkg/id/activity/",
    "activitytype": "https://w3id.org/cyberkg/id/activity-type/",
    "document": "https://w3id.org/cyberkg/id/document/",
    "evidence": "https://w3id.org/cyberkg/id/evidence/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


@dataclass
class DocumentReport:
    """What happened to one document."""

    source: str
    status: str  # "read", "cached" or "failed"
    document: str | None = None
    facts: int = 0
    triples: int = 0
    warnings: list[dict[str, object]] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source, "status": self.status, "document": self.document,
            "facts": self.facts, "triples": self.triples, "warnings": self.warnings,
            "error": self.error,
        }


@dataclass
class BuildReport:
    """What a build did: every document, the totals and where the outputs are."""

    out: Path
    documents: list[DocumentReport]
    triples: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]

    def as_dict(self) -> dict[str, object]:
        return {
            "out": str(self.out), "triples": self.triples, "seconds": round(self.seconds, 3),
            "documents": [d.as_dict() for d in self.documents],
            "failed": len(self.failed),
        }


def bundled_corpus() -> Path:
    """The five CoE documents shipped with cyberkg."""
    return Path(str(files("cyberkg"))) / "corpus"


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """The documents named by ``paths``: files as given (each read by its content, whatever its
    suffix), folders searched for the suffixes of :data:`TEXT_SUFFIXES`, ``http(s)://`` URLs as
    they are (as :class:`~cyberkg.loaders.formats.web.Url` strings, named like files).

    Raises :class:`UsageError` for a path that does not exist or a folder with no document.
    """
    from cyberkg.loaders.formats import is_url
    from cyberkg.loaders.formats.web import Url

    found: list[Path] = []
    for raw in paths:
        if is_url(raw):
            found.append(Url(raw))  # type: ignore[arg-type]  # a str named like a Path
            continue
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                            and not p.name.startswith("~$")  # Word's lock files
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not inside:
                raise UsageError(f"{path}: the folder holds no document "
                                 f"({', '.join(TEXT_SUFFIXES)})")
            found.extend(inside)
        else:
            found.append(path)
    unique: dict[object, Path] = {}
    for path in found:  # the same file named twice is read once, under the name first given
        key = path if isinstance(path, str) else path.resolve()
        unique.setdefault(key, path)
    return list(unique.values())


def loaders_fingerprint() -> str:
    """A hash of the loaders' code and of the ontology and reference data: part of the cache key."""
    from cyberkg.ontology import ontology_files, reference_files

    digest = hashlib.sha256()
    loader_dir = Path(__file__).parent
    for path in sorted(loader_dir.glob("*.py")) + ontology_files() + reference_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_background(cache_dir: Path | None = None,
                    fingerprint: str = "") -> tuple[list[pyoxigraph.Quad], Gazetteer]:
    """The ontology and reference data as quads in their graphs, and the gazetteer of their names.

    With a ``cache_dir``, the gazetteer is kept there between builds (as JSON, keyed by the
    fingerprint of the loaders and the reference data).
    """
    import pyoxigraph

    from cyberkg.loaders.gazetteer import Gazetteer
    from cyberkg.ontology import ONTOLOGY_GRAPH, REFERENCE_GRAPH, ontology_files, reference_files
    from cyberkg.ontology.store import atomic_write, from_oxigraph

    quads: list[pyoxigraph.Quad] = []
    for paths, graph in ((ontology_files(), ONTOLOGY_GRAPH), (reference_files(), REFERENCE_GRAPH)):
        target = pyoxigraph.NamedNode(str(graph))
        for path in paths:
            for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
                quads.append(pyoxigraph.Quad(triple.subject, triple.predicate, triple.object,
                                             target))
    cached = cache_dir / f"gazetteer-{fingerprint}.json" if cache_dir and fingerprint else None
    if cached is not None and cached.exists():
        return quads, Gazetteer.from_json(json.loads(cached.read_text(encoding="utf-8")))
    wanted = {pyoxigraph.NamedNode(str(p)) for p in NAME_PREDICATES}
    gazetteer = Gazetteer.from_triples(
        (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
        for q in quads if q.predicate in wanted
    )
    if cached is not None:
        atomic_write(cached, json.dumps(gazetteer.to_json(), ensure_ascii=False).encode("utf-8"))
    return quads, gazetteer


NAME_PREDICATES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
    "https://w3id.org/cyberkg#acronym",
)


def _unique_stems(paths: list[Path]) -> dict[Path, str]:
    """The stem that names each document; a stem used twice is told apart by its folder."""
    stems: dict[Path, str] = {}
    seen: dict[str, int] = {}
    for path in paths:
        stem = path.stem
        if stem in seen:
            seen[stem] += 1
            stem = f"{path.parent.name}-{path.stem}" if path.parent.name else f"{stem}-{seen[stem]}"
        else:
            seen[stem] = 1
        stems[path] = stem
    return stems


def build(
    paths: Iterable[str | Path],
    out: Path,
    *,
    keep_text: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the graph of ``paths`` into ``out``; see the module docstring for what is written."""
    import pyoxigraph

    from cyberkg.loaders.extract import extract
    from cyberkg.loaders.formats import read_source, source_bytes
    from cyberkg.ontology.store import atomic_write, new_store, to_oxigraph

    started = time.perf_counter()
    documents = collect(paths)
    fingerprint = loaders_fingerprint()
    cache_dir = out / "cache"
    quads, gazetteer = load_background(cache_dir, fingerprint)
    reports: list[DocumentReport] = []
    used_cache: set[str] = set()
    stems = _unique_stems(documents)
    for path in documents:
        if progress:
            progress(str(path))
        report = DocumentReport(source=str(path), status="read")
        reports.append(report)
        try:
            data = source_bytes(path)
            key = f"{hashlib.sha256(data).hexdigest()}-{fingerprint}-{stems[path]}"
            cached = cache_dir / f"{key}.nq"
            if cached.exists():
                used_cache.add(cached.name)
                doc_quads = list(pyoxigraph.parse(path=str(cached),
                                                  format=pyoxigraph.RdfFormat.N_QUADS))
                meta = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
                report.status = "cached"
                report.document = meta["document"]
                report.facts = meta["facts"]
                report.warnings = meta["warnings"]
            else:
                doc = read_source(path, data=data)
                doc = _restem(doc, stems[path])
                facts = extract(doc, gazetteer.fork())
                graph = pyoxigraph.NamedNode(str(facts.document))
                doc_quads = [pyoxigraph.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o),
                                             graph)
                             for s, p, o in facts.triples]
                report.document = str(facts.document)
                report.facts = facts.facts
                report.warnings = [w.as_dict() for w in facts.warnings]
                atomic_write(cached, pyoxigraph.serialize(doc_quads,
                                                          format=pyoxigraph.RdfFormat.N_QUADS))
                atomic_write(cache_dir / f"{key}.json", json.dumps(
                    {"document": report.document, "facts": report.facts,
                     "warnings": report.warnings}, ensure_ascii=False).encode("utf-8"))
                used_cache.add(cached.name)
                if keep_text:
                    atomic_write(out / "text" / f"{stems[path]}.txt", doc.text.encode("utf-8"))
            report.triples = len(doc_quads)
            quads.extend(doc_quads)
        except CyberkgError as error:
            report.status = "failed"
            report.error = error.reason if isinstance(error, DocumentError) else str(error)
    _write_outputs(out, quads, reports, started)
    _prune_cache(cache_dir, used_cache | {f"gazetteer-{fingerprint}.json"})
    report = BuildReport(out=out, documents=reports, seconds=time.perf_counter() - started)
    report.triples = len(set(quads))
    atomic_write(out / "report.json",
                 json.dumps(report.as_dict(), indent=2, ensure_ascii=False).encode("utf-8"))
    return report


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError as error:
        raise DocumentError(path, "is a folder, not a document") from error
    except OSError as error:
        raise DocumentError(path, f"cannot be read ({error.strerror or error})") from error


def _restem(doc: object, stem: str) -> object:
    from dataclasses import replace

    return replace(doc, stem=stem)  # type: ignore[type-var]


def _write_outputs(out: Path, quads: list[pyoxigraph.Quad], reports: list[DocumentReport],
                   started: float) -> None:
    import pyoxigraph

    from cyberkg.ontology.store import atomic_write, new_store

    with new_store(out) as store:
        store.bulk_extend(quads)
        trig = store.dump(format=pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
        merged = pyoxigraph.Store()
        merged.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object) for q in quads)
        turtle = merged.dump(format=pyoxigraph.RdfFormat.TURTLE,
                             from_graph=pyoxigraph.DefaultGraph(), prefixes=PREFIXES)
        atomic_write(out / "graph.trig", trig)
        atomic_write(out / "graph.ttl", turtle)


def _prune_cache(cache_dir: Path, used: set[str]) -> None:
    """Forget cached documents that no longer match any input (keeps the cache from growing)."""
    if not cache_dir.exists():
        return
    keep = used | {name[:-3] + ".json" for name in used if name.endswith(".nq")}
    for entry in cache_dir.iterdir():
        if entry.name not in keep and entry.suffix in (".nq", ".json"):
            entry.unlink(missing_ok=True)
