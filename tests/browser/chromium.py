"""Open a page in Debian's headless Chromium with the network cut off, and watch what it does.

Chromium is driven by Playwright (``playwright`` from PyPI) through ``executable_path``:
Playwright's own browser download cannot run here, and is not needed. The flags are those that
work on these machines (no sandbox as root, no GPU, none of Chromium's background connections),
with a new empty profile for each page (a new browser context).

"Network off": every request whose URL is not ``file:`` or ``data:`` (or ``about:``/``blob:``) is
aborted and recorded in :attr:`PageSession.blocked`, so a test fails on any fetch at all.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL = ("file:", "data:", "about:", "blob:")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        return ("Debian's chromium is not installed (apt-get install chromium chromium-driver; "
                ".ci/run installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install playwright)"
    return None


@dataclass
class PageSession:
    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    load_seconds: float = 0.0
    ready_seconds: float = 0.0

    def eval(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path


class Chromium:
    """One headless Chromium; each page opens in a new, empty browser context."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        executable = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
        self._playwright = sync_playwright().start()
        try:
            self.browser = self._playwright.chromium.launch(executable_path=executable,
                                                            args=FLAGS, headless=True)
        except BaseException:
            self._playwright.stop()
            raise

    def close(self) -> None:
        try:
            self.browser.close()
        finally:
            self._playwright.stop()

    @contextlib.contextmanager
    def open(self, path: Path, *, timeout: float = 120.0, width: int = 1400,
             height: int = 900) -> Iterator[PageSession]:
        """``path`` opened offline, once the page says it has drawn (``window.cyberkgReady``)."""
        context = self.browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            session = PageSession(page=page)

            def route(route: Any) -> None:
                url = route.request.url
                if url.startswith(LOCAL):
                    route.continue_()
                else:
                    session.blocked.append(url)
                    route.abort()

            def dialog(d: Any) -> None:
                session.dialogs.append(d.message)
                d.dismiss()

            context.route("**/*", route)
            page.on("request", lambda request: session.requests.append(request.url))
            page.on("console", lambda message: session.console_errors.append(message.text)
                    if message.type == "error" else None)
            page.on("pageerror", lambda error: session.console_errors.append(str(error)))
            page.on("dialog", dialog)
            started = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout * 1000)
            session.load_seconds = time.perf_counter() - started
            page.wait_for_function("window.cyberkgReady === true", timeout=timeout * 1000,
                                   polling=50)
            session.ready_seconds = time.perf_counter() - started
            yield session
        finally:
            context.close()


@contextlib.contextmanager
def open_page(path: Path, **options: Any) -> Iterator[PageSession]:
    """``path`` in a Chromium of its own (see :meth:`Chromium.open`)."""
    browser = Chromium()
    try:
        with browser.open(path, **options) as session:
            yield session
    finally:
        browser.close()


def outside_requests(session: PageSession) -> list[str]:
    """Every URL the page asked for that is not local (file:, data:…)."""
    return sorted({url for url in session.requests + session.blocked
                   if not url.startswith(LOCAL)})
