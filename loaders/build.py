"""``cyberkg build``: documents in, graph files and a persistent store out.

The build
1. collects the documents (files, folders; a path that does not exist is a usage error),
2. reads each one into its own named graph (or takes it from the cache when its bytes and the
   loaders are unchanged: a rebuild re-reads only the documents whose content changed),
3. adds the ontology and the reference data, each in its own named graph,
4. writes ``graph.trig`` (every named graph), ``graph.ttl`` (merged), ``report.json`` and the
   Oxigraph store into a new build folder that replaces the previous one in one atomic step
   (:func:`cyberkg.ontology.store.new_build`): a build killed at any moment leaves the previous
   outputs whole.

One bad document never stops the others: it is reported with its reason and the build goes on.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    for path in sorted(loader_dir.rglob("*.py")) + ontology_files() + reference_files():
        digest.update(str(path.relative_to(path.parent.parent)).encode())
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
        atomic_write(cached, json.dumps(gazetteer.to_json(), ensure_ascii=False).encode("utf-8"),
                     durable=False)
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
    """Build the graph of ``paths`` into ``out``; see the module docstring for what is written.

    Each document's quads go into the new store as soon as they are read, so memory holds one
    document at a time (plus Oxigraph's compact merged graph), whatever the size of the corpus.
    """
    from cyberkg.ontology.store import new_build

    started = time.perf_counter()
    documents = collect(paths)
    fingerprint = loaders_fingerprint()
    cache = _Cache(out / "cache", fingerprint)
    background, gazetteer = load_background(cache.folder, fingerprint)
    reports: list[DocumentReport] = []
    stems = _unique_stems(documents)
    with new_build(out) as staging, _Outputs(staging) as outputs:
        outputs.add(background)
        for path in documents:
            if progress:
                progress(str(path))
            report, doc_quads, text = _read_document(path, stems[path], gazetteer, cache,
                                                     keep_text=keep_text)
            reports.append(report)
            outputs.add(doc_quads)
            if text is not None:
                outputs.text(stems[path], text)
        report = BuildReport(out=out, documents=reports)
        report.triples = outputs.finish()
        report.seconds = time.perf_counter() - started
        (staging / "report.json").write_bytes(
            json.dumps(report.as_dict(), indent=2, ensure_ascii=False).encode("utf-8"))
    cache.prune()
    return report


class _Outputs:
    """The store, graph.trig, graph.ttl and texts of one build, written in its staging folder."""

    BATCH = 200_000

    def __init__(self, staging: Path) -> None:
        self.staging = staging

    def __enter__(self) -> _Outputs:
        import pyoxigraph

        from cyberkg.ontology.store import STORE_LINK

        self.store = pyoxigraph.Store(str(self.staging / STORE_LINK))
        self.merged = pyoxigraph.Store()  # the union of the graphs, in memory, for graph.ttl
        self.pending: list[pyoxigraph.Quad] = []
        return self

    def add(self, quads: list[pyoxigraph.Quad]) -> None:
        import pyoxigraph

        self.pending.extend(quads)
        self.merged.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object) for q in quads)
        if len(self.pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.store.bulk_extend(self.pending)
            self.pending = []

    def text(self, stem: str, text: str) -> None:
        folder = self.staging / "text"
        folder.mkdir(exist_ok=True)
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")

    def finish(self) -> int:
        """Write graph.trig and graph.ttl; the number of quads in the store."""
        import pyoxigraph

        self._flush()
        self.store.flush()
        self.store.optimize()
        (self.staging / "graph.trig").write_bytes(
            self.store.dump(format=pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES))
        (self.staging / "graph.ttl").write_bytes(self.merged.dump(
            format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph(),
            prefixes=PREFIXES))
        return len(self.store)

    def __exit__(self, *exc: object) -> None:
        del self.store, self.merged  # closes the store before the build folder becomes current


class _Cache:
    """What earlier builds read, one JSON file per document (its quads and its report), keyed by
    the document's bytes, its stem and the fingerprint of the loaders: written in one atomic step,
    so a killed build leaves an entry whole or absent, and an unreadable entry is just a miss."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.used = {f"gazetteer-{fingerprint}.json"}

    def key(self, data: bytes, stem: str) -> str:
        return f"{hashlib.sha256(data).hexdigest()}-{self.fingerprint}-{stem}"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self.folder / f"doc-{key}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            entry["document"], entry["facts"], entry["warnings"], entry["nquads"]  # noqa: B018
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.used.add(path.name)
        return entry  # type: ignore[no-any-return]

    def put(self, key: str, entry: dict[str, Any]) -> None:
        from cyberkg.ontology.store import atomic_write

        path = self.folder / f"doc-{key}.json"
        atomic_write(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"), durable=False)
        self.used.add(path.name)

    def prune(self) -> None:
        """Forget entries no input of this build used (keeps the cache from growing)."""
        if self.folder.exists():
            for entry in self.folder.iterdir():
                if entry.name not in self.used and entry.suffix in (".json", ".nq"):
                    entry.unlink(missing_ok=True)


def _read_document(path: Path, stem: str, gazetteer: Gazetteer, cache: _Cache, *,
                   keep_text: bool) -> tuple[DocumentReport, list[pyoxigraph.Quad], str | None]:
    """One document's report, quads and (with ``keep_text``) text: from the cache when its bytes
    and the loaders are unchanged, else read; a document that cannot be read is reported failed."""
    import pyoxigraph

    from cyberkg.loaders.extract import extract
    from cyberkg.loaders.formats import read_source, source_bytes
    from cyberkg.ontology.store import to_oxigraph

    report = DocumentReport(source=str(path), status="read")
    try:
        data = source_bytes(path)
        key = cache.key(data, stem)
        entry = cache.get(key)
        text = None
        if entry is not None:
            report.status = "cached"
            doc_quads = list(pyoxigraph.parse(entry["nquads"],
                                              format=pyoxigraph.RdfFormat.N_QUADS))
            if keep_text:
                text = read_source(path, data=data).text
        else:
            doc = replace(read_source(path, data=data), stem=stem)
            facts = extract(doc, gazetteer.fork())
            graph = pyoxigraph.NamedNode(str(facts.document))
            doc_quads = [pyoxigraph.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
                         for s, p, o in facts.triples]
            entry = {"document": str(facts.document), "facts": facts.facts,
                     "warnings": [w.as_dict() for w in facts.warnings],
                     "nquads": pyoxigraph.serialize(
                         doc_quads, format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8")}
            cache.put(key, entry)
            text = doc.text if keep_text else None
        report.document = entry["document"]
        report.facts = entry["facts"]
        report.warnings = entry["warnings"]
        report.triples = len(doc_quads)
        return report, doc_quads, text
    except CyberkgError as error:
        report.status = "failed"
        report.error = error.reason if isinstance(error, DocumentError) else str(error)
        return report, [], None


