"""Shared fixtures: the bundled corpus built once per test session, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built into a fresh folder (read-only for tests: copy it to change it)."""
    from cyberkg.loaders.build import build

    out = tmp_path_factory.mktemp("built") / "out"
    report = build([CORPUS], out)
    assert not report.failed, [d.error for d in report.failed]
    return out


@pytest.fixture(scope="session")
def corpus_dataset(built_corpus: Path):
    """The built bundled corpus opened as cyberkg commands open it."""
    from cyberkg.ontology.store import open_dataset

    return open_dataset(built_corpus)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
