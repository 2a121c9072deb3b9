"""What a page in Chromium did that a reader would not want: requests to other hosts, script and
console errors, failed requests and error responses. Every browser test records through here."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response

QUIET_MS = 150
"""How long the network must stay silent before a page counts as loaded: long enough for what
Material fetches after the load event (the sitemap, for instant navigation)."""

LOCAL = ("127.0.0.1", "localhost")
"""The hosts of this machine, where the tests serve the site."""


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Recorder:
    """Everything pages of one browser context did that a reader would not want."""

    own: str = ""
    """The site's origin: a request anywhere else is foreign. Left empty, any address on this
    machine is the site's (a test's servers each have a port of their own)."""
    missing: str = ""
    """The address the tour opens to see the 404 page: its 404 is expected."""
    foreign: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    in_flight: int = 0
    last_activity: float = field(default_factory=time.monotonic)
    _watching: dict[Page, dict[str, Callable[[Any], None]]] = field(default_factory=dict, repr=False)

    def watch(self, page: Page) -> Page:
        handlers = self._handlers(page)
        page.on("request", handlers["request"])
        page.on("requestfinished", handlers["requestfinished"])
        page.on("requestfailed", handlers["requestfailed"])
        page.on("response", handlers["response"])
        page.on("pageerror", handlers["pageerror"])
        page.on("console", handlers["console"])
        return page

    def stop(self, page: Page) -> None:
        """Stops recording `page`, which goes on to another test."""
        for event, handler in self._handlers(page).items():
            page.remove_listener(event, handler)

    def _handlers(self, page: Page) -> dict[str, Callable[[Any], None]]:
        if page not in self._watching:
            self._watching[page] = {
                "request": self._request,
                "requestfinished": self._settled,
                "requestfailed": self._failed,
                "response": self._response,
                "pageerror": lambda error: self.problems.append(f"script error: {error} ({page.url})"),
                "console": lambda message: self._console(message, page),
            }
        return self._watching[page]

    def _request(self, request: Request) -> None:
        self.in_flight += 1
        self.last_activity = time.monotonic()
        self.kinds.add(request.resource_type)
        if self.is_foreign(request.url):
            self.foreign.append(f"{request.resource_type} {request.url} (from {request.frame.url})")

    def is_foreign(self, url: str) -> bool:
        # data: and blob: URLs are the page's own bytes, not requests.
        if url.startswith(("data:", "blob:")):
            return False
        return origin(url) != self.own if self.own else (urlsplit(url).hostname or "") not in LOCAL

    def _settled(self, request: Request) -> None:
        self.in_flight -= 1
        self.last_activity = time.monotonic()

    def _failed(self, request: Request) -> None:
        self._settled(request)
        # ERR_ABORTED is a request the page's own navigation cancelled (leaving a page while its
        # favicon loads); one the policy blocks fails as ERR_BLOCKED_BY_CSP and is kept.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not (response.url == self.missing and response.status == 404):
            self.problems.append(f"{response.status}: {response.url}")

    def _console(self, message: ConsoleMessage, page: Page) -> None:
        if message.type == "error" and not (page.url == self.missing and "404" in message.text):
            self.problems.append(f"console: {message.text} ({page.url})")

    def wait_until_quiet(self, page: Page) -> None:
        """Like Playwright's 'networkidle', with a shorter quiet time than its 500 ms. Events
        arrive only while a Playwright call runs, so each wait is as long as the quiet still
        missing: one call, most often, rather than one every 25 ms."""
        while (quiet := time.monotonic() - self.last_activity) < QUIET_MS / 1000 or self.in_flight > 0:
            page.wait_for_timeout(max(25, QUIET_MS - quiet * 1000))

    def assert_clean(self) -> None:
        assert self.foreign == [], "requests to other hosts"
        assert self.problems == []
