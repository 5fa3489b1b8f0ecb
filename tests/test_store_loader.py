"""The build's store is written by a helper process that loads graph.trig as the build writes it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from cyberkg.loaders import store_loader
from cyberkg.loaders.outputs import HEADER
from cyberkg.ontology.errors import StoreError


def blocks(count: int) -> list[bytes]:
    """``count`` named graphs of a few statements each, some statements shared between them."""
    return [(f"\ndocument:d{n} {{\n"
             f"\tproject:p{n % 7} rdf:type ckg:Project .\n"
             f"\tproject:p{n % 7} rdfs:label \"Projet n° {n % 7}\"@fr .\n"
             f"\tevidence:e{n} ckg:line \"{n}\"^^xsd:integer .\n"
             f"\tevidence:e{n} ckg:sentence \"Ligne {n} : « texte ».\" .\n"
             "}\n").encode("utf-8") for n in range(count)]


def write_growing(helper: store_loader.Helper | store_loader.InProcess, trig: Path,
                  parts: list[bytes]) -> None:
    """Write graph.trig as a build does: the prefixes, then each block, telling the helper."""
    with trig.open("wb") as stream:
        stream.write(HEADER.encode("utf-8"))
        written = len(HEADER.encode("utf-8"))
        for part in parts:
            stream.write(part)
            stream.flush()
            written += len(part)
            helper.written(written)


def quads_of(store_path: Path) -> set[pyoxigraph.Quad]:
    store = pyoxigraph.Store.read_only(str(store_path))
    try:
        return set(store)
    finally:
        del store


@pytest.mark.parametrize("first_load", [store_loader.FIRST_LOAD, 200, 1])
def test_the_store_holds_every_quad_of_the_file_however_the_loads_fall(
        tmp_path: Path, first_load: int) -> None:
    trig = tmp_path / "graph.trig"
    helper = store_loader.Helper(tmp_path / "store", trig, len(HEADER.encode("utf-8")),
                                 first_load=first_load)
    write_growing(helper, trig, blocks(300))
    count = helper.finish()
    written = set(pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))
    assert len(written) == 300 * 4
    assert count == len(written)
    assert quads_of(tmp_path / "store") == written


@pytest.mark.parametrize(("first_load", "fewest", "most"), [
    (store_loader.FIRST_LOAD, 1, 1),  # a small corpus: one load, nothing to compact
    (1, 8, 12),  # 300 blocks of ~250 bytes from 1 byte on, doubling: about log2(75,000 / 250)
])
def test_loads_at_least_double_so_they_stay_few(
        tmp_path: Path, first_load: int, fewest: int, most: int) -> None:
    trig = tmp_path / "graph.trig"
    helper = store_loader.Helper(tmp_path / "store", trig, len(HEADER.encode("utf-8")),
                                 first_load=first_load)
    write_growing(helper, trig, blocks(300))
    helper.finish()
    assert fewest <= helper.loads <= most


def test_the_build_loading_the_store_itself_gives_the_same_store(tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    parts = blocks(50)
    helper = store_loader.Helper(tmp_path / "helped", trig, len(HEADER.encode("utf-8")))
    write_growing(helper, trig, parts)
    helped = helper.finish()
    itself = store_loader.InProcess(tmp_path / "itself", trig, len(HEADER.encode("utf-8")))
    assert itself.finish() == helped == 200
    assert quads_of(tmp_path / "itself") == quads_of(tmp_path / "helped")


def test_a_helper_that_fails_says_why_in_one_line_naming_the_store(tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    helper = store_loader.Helper(tmp_path / "store", trig, len(HEADER.encode("utf-8")))
    write_growing(helper, trig, blocks(3) + [b"\ndocument:broken { this is not turtle }\n"])
    with pytest.raises(StoreError) as raised:
        helper.finish()
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'store'}: the store could not be written (SyntaxError")
    assert "\n" not in message


def test_a_helper_whose_build_stops_without_saying_end_exits(tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    helper = store_loader.Helper(tmp_path / "store", trig, len(HEADER.encode("utf-8")))
    write_growing(helper, trig, blocks(3))
    assert helper.process.stdin is not None
    helper.process.stdin.close()  # what a killed build leaves: the pipe's end, no "end"
    assert helper.process.wait(timeout=60) == 1
    assert helper.process.stdout is not None and helper.process.stdout.read() == b""


def test_abort_stops_the_helper(tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    helper = store_loader.Helper(tmp_path / "store", trig, len(HEADER.encode("utf-8")))
    write_growing(helper, trig, blocks(3))
    helper.abort()
    assert helper.process.returncode is not None


def test_with_no_interpreter_to_start_the_build_loads_the_store_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_loader.sys, "executable", "")
    chosen = store_loader.start(tmp_path / "store", tmp_path / "graph.trig", 10)
    assert isinstance(chosen, store_loader.InProcess)
