"""Every error cyberkg raises on purpose derives from :class:`CyberkgError`.

The library never prints and never exits: the CLI turns these into one sentence and an exit code
(2 for usage errors, 1 for data errors).
"""

from __future__ import annotations


class CyberkgError(Exception):
    """Base class: its message is one sentence a user can act on."""

    exit_code = 1


class UsageError(CyberkgError):
    """The user asked for something that cannot be: a missing path, an unknown name, a bad option."""

    exit_code = 2


class DocumentError(CyberkgError):
    """A source document cannot be read (missing, unreadable, binary, empty…)."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class StoreError(CyberkgError):
    """The built graph cannot be found or opened."""


class QueryError(CyberkgError):
    """A query is malformed, has a missing parameter or fails on its endpoint."""

    exit_code = 2
