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

import gc
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.ontology.errors import CyberkgError, DocumentError, UsageError

if TYPE_CHECKING:
    from cyberkg.loaders.facts import Triple
    from cyberkg.loaders.gazetteer import Gazetteer

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


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
    """A hash of the loaders' code and of the ontology and reference data (the city tables too):
    part of the cache key."""
    from cyberkg.ontology import cities_file, city_names_file, ontology_files, reference_files

    digest = hashlib.sha256()
    loader_dir = Path(__file__).parent
    tables = [cities_file(), city_names_file()]
    for path in sorted(loader_dir.rglob("*.py")) + ontology_files() + reference_files() + tables:
        digest.update(str(path.relative_to(path.parent.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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

    Each document's statements go to the outputs as they are read (a long document in parts), and
    a helper process loads them into the store meanwhile: memory holds one document at a time,
    whatever the size of the corpus.
    """
    from cyberkg.loaders.background import background
    from cyberkg.loaders.outputs import Outputs, prefixed
    from cyberkg.ontology.iri import document_iri
    from cyberkg.ontology.store import new_build

    started = time.perf_counter()
    documents = collect(paths)
    fingerprint = loaders_fingerprint()
    cache = _Cache(out / "cache", fingerprint)
    ready = background()
    names = ready.gazetteer
    # The modules, the reference data and the gazetteer live as long as the build: set aside from
    # the collector while it runs, they are not traversed again by every full collection. The
    # loaders make many small objects that live as long as one document and form almost no
    # cycles, so the collector also runs less often (about 7 % of a small build, measured).
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        report = BuildReport(out=out, documents=[])
        stems = _unique_stems(documents)
        with new_build(out) as staging, Outputs(staging) as outputs:
            for graph, body in ready.bodies.items():
                outputs.add(graph, body)
            for path in documents:
                if progress:
                    progress(str(path))
                graph = prefixed(f"<{document_iri(stems[path])}>")
                document, text = _read_document(
                    path, stems[path], names, cache, keep_text=keep_text,
                    hand_on=partial(outputs.add, graph))
                report.documents.append(document)
                if text is not None:
                    outputs.text(stems[path], text)
            report.triples = outputs.finish()
            report.seconds = time.perf_counter() - started
            (staging / "report.json").write_bytes(
                json.dumps(report.as_dict(), indent=2, ensure_ascii=False).encode("utf-8"))
    finally:
        # Back as it was, the young objects made old at no cost (freeze, then unfreeze, moves them
        # all to the oldest generation): collecting up to 100,000 of them at the caller's next
        # allocation would take about 6 ms, for objects that are mostly freed by then anyway.
        gc.freeze()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    cache.prune()
    return report


class _Cache:
    """What earlier builds read, one file per document, keyed by the document's bytes, its stem
    and the fingerprint of the loaders: a first line of JSON (the document's report) and then the
    body of its named graph (:mod:`cyberkg.loaders.outputs`). Each entry is written in one atomic
    step, so a killed build leaves it whole or absent, and an unreadable entry is just a miss."""

    SUFFIX = ".entry"

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.used: set[str] = set()

    def key(self, data: bytes, stem: str) -> str:
        return f"{hashlib.sha256(data).hexdigest()}-{self.fingerprint}-{stem}"

    def get(self, key: str) -> tuple[dict[str, Any], str] | None:
        """The report and the body stored under ``key``, or None."""
        path = self.folder / f"doc-{key}{self.SUFFIX}"
        try:
            header, body = path.read_text(encoding="utf-8").split("\n", 1)
            entry = json.loads(header)
            if not {"document", "facts", "warnings", "triples"} <= entry.keys():
                return None
        except (OSError, ValueError, AttributeError):  # missing, or not an entry of ours
            return None
        self.used.add(path.name)
        return entry, body

    def put(self, key: str, entry: dict[str, Any], body: str) -> None:
        from cyberkg.ontology.store import atomic_write

        path = self.folder / f"doc-{key}{self.SUFFIX}"
        header = json.dumps(entry, ensure_ascii=False)  # one line: JSON escapes line breaks
        atomic_write(path, f"{header}\n{body}".encode("utf-8"), durable=False)
        self.used.add(path.name)

    def prune(self) -> None:
        """Forget entries no input of this build used (keeps the cache from growing)."""
        if self.folder.exists():
            for entry in self.folder.iterdir():
                if entry.name not in self.used and entry.suffix in (".json", ".nq", self.SUFFIX):
                    entry.unlink(missing_ok=True)


def _read_document(path: Path, stem: str, gazetteer: Gazetteer, cache: _Cache, *,
                   keep_text: bool, hand_on: Callable[[str], None],
                   ) -> tuple[DocumentReport, str | None]:
    """One document's report and (with ``keep_text``) its text. The body of its named graph
    (Turtle statements, see :mod:`cyberkg.loaders.outputs`) goes to ``hand_on``, in parts as a
    long document is read: from the cache when its bytes and the loaders are unchanged, else read.
    A document that cannot be read is reported failed, and hands nothing on."""
    from cyberkg.loaders.extract import extract
    from cyberkg.loaders.formats import read_source, source_bytes
    from cyberkg.loaders.outputs import turtle_lines

    report = DocumentReport(source=str(path), status="read")
    try:
        data = source_bytes(path)
        key = cache.key(data, stem)
        cached = cache.get(key)
        text = None
        if cached is not None:
            report.status = "cached"
            entry, body = cached
            if keep_text:
                text = read_source(path, data=data).text
            if body:
                hand_on(body)
        else:
            doc = replace(read_source(path, data=data), stem=stem)
            parts: list[str] = []

            def sink(triples: list[Triple]) -> None:
                parts.append(turtle_lines(triples))
                hand_on(parts[-1])

            facts = extract(doc, gazetteer.fork(), sink=sink)
            entry = {"document": str(facts.document), "facts": facts.facts,
                     "triples": len(facts.triples),
                     "warnings": [w.as_dict() for w in facts.warnings]}
            cache.put(key, entry, "".join(parts))
            text = doc.text if keep_text else None
        report.document = entry["document"]
        report.facts = entry["facts"]
        report.warnings = entry["warnings"]
        report.triples = entry["triples"]
        return report, text
    except CyberkgError as error:
        report.status = "failed"
        report.error = error.reason if isinstance(error, DocumentError) else str(error)
        return report, None
