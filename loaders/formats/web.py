"""Fetching a document from an ``http(s)://`` address, with limits a hostile server cannot stretch.

- a connect and read timeout (``CYBERKG_HTTP_TIMEOUT`` seconds, 20 by default) and a deadline for
  the whole download (three times the timeout), so a server that never answers, or answers one
  byte at a time, gives up in bounded time;
- at most :data:`MAX_REDIRECTS` redirects (a page that redirects forever is an error);
- at most :data:`~cyberkg.loaders.text.MAX_BYTES` bytes, counted while streaming: the download
  stops as soon as it passes the limit, whatever ``Content-Length`` said.

Every failure is one :class:`DocumentError` naming the URL.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from cyberkg.loaders.text import MAX_BYTES
from cyberkg.ontology.errors import DocumentError

ENV_TIMEOUT = "CYBERKG_HTTP_TIMEOUT"
DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5
_STEM_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class Url(str):
    """A document's address: a string that a build names like a file (``stem``, ``parent``)."""

    __slots__ = ()

    @property
    def stem(self) -> str:
        """The last segment of the path without its extension, else the host: file-name safe."""
        path, host = self._parts()
        segments = [s for s in unquote(path).split("/") if s]
        name = PurePosixPath(segments[-1]).stem if segments else ""
        stem = _STEM_UNSAFE.sub("-", name or host or "page").strip("-.")
        return stem[:80] or "page"

    @property
    def parent(self) -> PurePosixPath:
        return PurePosixPath(_STEM_UNSAFE.sub("-", self._parts()[1] or "web"))

    def _parts(self) -> tuple[str, str]:
        try:
            parts = urlsplit(self)
            return parts.path, parts.hostname or ""
        except ValueError:  # a malformed address: fetching it says what is wrong
            return "", ""

    def resolve(self) -> Url:
        return self


def timeout_seconds() -> float:
    """The connect and read timeout: ``$CYBERKG_HTTP_TIMEOUT``, else 20 s."""
    raw = os.environ.get(ENV_TIMEOUT, "")
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def fetch(url: str, *, timeout: float | None = None, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS) -> bytes:
    """The body of ``url`` (after redirects), or :class:`DocumentError` saying why not."""
    import httpx

    from cyberkg import __version__

    seconds = timeout if timeout is not None else timeout_seconds()
    deadline = time.monotonic() + 3 * seconds
    headers = {"User-Agent": f"cyberkg/{__version__}", "Accept-Encoding": "gzip, deflate"}
    try:
        with httpx.Client(follow_redirects=True, max_redirects=max_redirects,
                          timeout=httpx.Timeout(seconds), headers=headers) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise DocumentError(url, f"the server answered {response.status_code} "
                                             f"{printable(response.reason_phrase)}".rstrip())
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise DocumentError(url, f"too large ({declared} bytes announced; the limit "
                                             f"is {max_bytes})")
                chunks: list[bytes] = []
                received = 0
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        raise DocumentError(url, f"too large (more than {max_bytes} bytes; the "
                                                 f"download was stopped)")
                    if time.monotonic() > deadline:
                        raise DocumentError(url, f"the download took more than {3 * seconds:g} s "
                                                 f"and was stopped")
                    chunks.append(chunk)
    except httpx.TooManyRedirects as error:
        raise DocumentError(url, f"too many redirects (more than {max_redirects})") from error
    except httpx.TimeoutException as error:
        raise DocumentError(url, f"no answer within {seconds:g} s "
                                 f"({type(error).__name__})") from error
    except httpx.UnsupportedProtocol as error:
        raise DocumentError(url, "cannot be fetched: only http and https are read "
                                 f"({printable(str(error))})") from error
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:
        reason = printable(str(error)) or type(error).__name__
        raise DocumentError(url, f"cannot be fetched ({reason})") from error
    return b"".join(chunks)


def printable(text: str, limit: int = 200) -> str:
    """A server's words made safe for a terminal: printable characters only, and not too many."""
    return "".join(c if c.isprintable() else " " for c in text[:limit]).strip()
