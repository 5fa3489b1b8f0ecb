"""The build's Oxigraph store, filled by a helper process while the loaders read.

Writing statements into the on-disk store costs about 5 µs each on one core: for the bundled corpus
about as long as reading its largest document. A build therefore hands the store to a helper
process (this file, run by the same interpreter: it imports only pyoxigraph and starts in about
15 ms) that works on the machine's other core:

- the build appends each named graph's block to ``graph.trig`` and tells the helper, on its
  standard input, how far the file is now whole (one byte offset per line: the pipe never fills);
- the helper streams the file into pyoxigraph's bulk loader as it grows (the loader parses while
  the build reads). A load ends at a block boundary once it holds :data:`FIRST_LOAD` bytes, or as
  much as all the loads before it, up to :data:`MAX_LOAD`: writing a load's files then starts
  while the build still reads, the loads stay few (about 40 for a gigabyte) and the helper's
  memory bounded;
- at ``end`` it loads the rest, compacts a store of more than :data:`COMPACT_AFTER` loads, writes
  the number of quads stored and exits.

Compaction makes queries faster (at 1,000 synthetic documents, 7 loads: the named queries took
30 % less time after it, for 1.2 s of compaction) but costs as much as a whole small build (35 ms
on the bundled corpus, for queries that then take a millisecond less), hence the threshold.

A helper that fails exits with one line on its standard error, which the build raises as a
:class:`~cyberkg.ontology.errors.StoreError`; a helper whose build stops without saying ``end``
(killed) just exits. Where no helper can be started, the build loads ``graph.trig`` itself once
it is written (:class:`InProcess`): the store is the same either way.
"""

from __future__ import annotations

import bisect
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, cast

FIRST_LOAD = 1 << 20  # bytes of graph.trig in the first bulk load; each next one at least doubles,
MAX_LOAD = 32 << 20  # up to this (the bulk loader's memory grows with the load: ~3 × its bytes)
COMPACT_AFTER = 2  # loads a store may take before it is compacted (optimize) at the end


class Helper:
    """The parent's side: a helper process loading ``trig`` into a new store at ``store``."""

    def __init__(self, store: Path, trig: Path, header: int, first_load: int = FIRST_LOAD) -> None:
        self.store = store
        self.loads = 0  # bulk loads the helper made (known once finished)
        self.process = subprocess.Popen(
            [sys.executable, "-P", __file__, str(store), str(trig), str(header), str(first_load)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=_environment(),
        )

    def written(self, offset: int) -> None:
        """``graph.trig`` is complete (and flushed) up to byte ``offset``."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(b"%d\n" % offset)
            self.process.stdin.flush()
        except BrokenPipeError:  # the helper stopped: finish() says why
            pass

    def finish(self) -> int:
        """Wait for the helper to load the rest; the number of quads in the store."""
        from cyberkg.ontology.errors import StoreError

        out, err = self.process.communicate(b"end\n")  # (a helper that stopped: no error)
        figures = out.split()
        if self.process.returncode != 0 or len(figures) != 2 or not all(
                figure.isdigit() for figure in figures):
            reason = err.decode("utf-8", "replace").strip().splitlines() or [
                f"the loading process ended with code {self.process.returncode}"]
            raise StoreError(f"{self.store}: the store could not be written ({reason[-1]})")
        count, self.loads = map(int, figures)
        return count

    def abort(self) -> None:
        """Stop the helper (the build failed: its folder is about to be removed)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


class InProcess:
    """The same job done by the build itself, once ``graph.trig`` is whole."""

    def __init__(self, store: Path, trig: Path, header: int) -> None:
        self.store, self.trig = store, trig
        self.loads = 1

    def written(self, offset: int) -> None:
        pass

    def finish(self) -> int:
        import pyoxigraph

        store = pyoxigraph.Store(str(self.store))
        store.bulk_load(path=str(self.trig), format=pyoxigraph.RdfFormat.TRIG)
        return _close(store, 1)

    def abort(self) -> None:
        pass


def start(store: Path, trig: Path, header: int) -> Helper | InProcess:
    """A helper process if one can be started, else the build loads the store itself."""
    if not sys.executable:
        return InProcess(store, trig, header)
    try:
        return Helper(store, trig, header)
    except OSError:
        return InProcess(store, trig, header)


def _environment() -> dict[str, str]:
    """The helper's environment: ours, with pyoxigraph's folder on its path (the build may run
    where pyoxigraph was found through ``sys.path`` rather than the interpreter's site)."""
    import pyoxigraph

    folder = str(Path(pyoxigraph.__file__).resolve().parent.parent)
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [folder] + [p for p in environment.get("PYTHONPATH", "").split(os.pathsep) if p])
    return environment


def _close(store: object, loads: int) -> int:
    """Make the store whole on disk; the number of quads it holds."""
    store.flush()  # type: ignore[attr-defined]
    if loads > COMPACT_AFTER:
        store.optimize()  # type: ignore[attr-defined]
    return len(store)  # type: ignore[arg-type]


class _Feed:
    """What the build says on the helper's standard input: how far graph.trig is complete."""

    def __init__(self, commands: int) -> None:
        self.commands = commands
        self.boundaries: list[int] = []  # where the named graphs' blocks end, in order
        self.complete = 0  # the last of them: graph.trig is whole up to there
        self.ended = False
        self.unread = b""

    def wait(self) -> None:
        """Block until the build says more."""
        news = os.read(self.commands, 65536)
        if not news:
            raise SystemExit(1)  # the build stopped without saying end: leave quietly
        *lines, self.unread = (self.unread + news).split(b"\n")
        for line in lines:
            if line == b"end":
                self.ended = True
            else:
                self.complete = int(line)
                self.boundaries.append(self.complete)


class _Load(io.RawIOBase):
    """One bulk load's input: the file's prefixes, then graph.trig from ``start`` as the build
    completes it, up to the first block boundary at least ``size`` bytes on (or the end)."""

    def __init__(self, trig: io.BufferedReader, header: bytes, feed: _Feed, start: int,
                 size: int) -> None:
        self.trig, self.feed, self.target = trig, feed, start + size
        self.prefix = header
        self.position = start
        del feed.boundaries[: bisect.bisect_right(feed.boundaries, start)]  # loaded already
        trig.seek(start)

    def readable(self) -> bool:
        return True

    def stop(self) -> int | None:
        """Where this load ends, once the build has written that far."""
        feed = self.feed
        found = bisect.bisect_left(feed.boundaries, self.target)
        if found < len(feed.boundaries):
            return feed.boundaries[found]
        return feed.complete if feed.ended else None

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        if self.prefix:
            count = min(len(view), len(self.prefix))
            view[:count], self.prefix = self.prefix[:count], self.prefix[count:]
            return count
        while True:
            stop = self.stop()
            end = self.feed.complete if stop is None else stop
            if self.position < end:
                count = self.trig.readinto(view[: end - self.position])
                self.position += count
                return count
            if stop is not None:
                return 0  # this load's end
            self.feed.wait()


def _serve(store_path: str, trig_path: str, header_length: int, first_load: int) -> str:
    """The helper's side: load ``trig_path`` as the build reports it complete, in loads that
    at least double (few loads, so the store stays compact; the first soon, so that most of the
    writing happens while the build still reads); the quads the store holds and the loads."""
    import pyoxigraph

    store = pyoxigraph.Store(store_path)
    feed = _Feed(sys.stdin.fileno())
    loads = 0
    with open(trig_path, "rb") as trig:
        header = trig.read(header_length)
        loaded = header_length  # bytes of graph.trig in the store
        while not (feed.ended and loaded >= feed.complete):
            size = min(max(first_load, loaded - header_length), MAX_LOAD)
            load = _Load(trig, header, feed, loaded, size)
            store.bulk_load(cast(IO[bytes], load), format=pyoxigraph.RdfFormat.TRIG)  # a reader
            loaded = load.position
            loads += 1
    count = _close(store, loads)
    del store
    return f"{count} {loads}"


if __name__ == "__main__":
    try:
        print(_serve(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    except (OSError, ValueError, SyntaxError) as error:
        print(f"{type(error).__name__}: {error}".replace("\n", " "), file=sys.stderr)
        sys.exit(1)
