"""Placeholder: filled by the loaders work (issue 3)."""

from __future__ import annotations

from cyberkg.loaders.reading import Reading


def read(reading: Reading) -> None:
    """Add this loader's facts to ``reading.facts``."""
