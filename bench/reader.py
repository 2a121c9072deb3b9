"""The reader's side of the real site: what a first view downloads, and what a search costs.

The built site is served on 127.0.0.1 by a server that records every path it serves; Debian's
Chromium opens each page in a fresh context, so nothing is cached, and waits until the network
is idle. Bytes are what every body served costs on the wire, as sitegen/offline.py counts
it: gzip level 6 (a web server's usual setting), Pagefind's files and images as they are.
The first view is measured with the site's service worker blocked, as it only starts after the
page has loaded; what the worker then precaches is measured on its own (`precache`).
"""

from __future__ import annotations

import statistics
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sitegen.offline import transfer_size
from tests.helpers import QuietHandler, launch_chromium, serve_static

BLANK = "/__bench__/blank.html"
"""A page outside the site (Playwright answers it), for a search with nothing loaded before it."""

SEARCH_SCRIPT = """
async ([query, repeats]) => {
  const start = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.options({ baseUrl: "/", noWorker: true });
  await pagefind.init();
  const search = async () => {
    const found = await pagefind.search(query);
    await Promise.all(found.results.slice(0, 5).map((result) => result.data()));
    return found.results.length;
  };
  const results = await search();
  const first = performance.now() - start;
  const warm = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await search();
    warm.push(performance.now() - t);
  }
  return { results, first, warm };
}
"""


def directory_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


Served = list[tuple[str, int]]


@contextmanager
def recording(site: Path) -> Iterator[tuple[str, Callable[[], Served]]]:
    """`site` served, and `take()`: the paths served since the last take, with their gzip sizes."""
    paths: list[str] = []
    lock = threading.Lock()

    class Recorder(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            with lock:
                paths.append(self.path)
            return super().do_GET()

    def size(path: str) -> int:
        file = site / unquote(urlsplit(path).path).lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        return transfer_size(file) if file.is_file() else 0

    def take() -> Served:
        with lock:
            taken = paths[:]
            paths.clear()
        return [(path, size(path)) for path in taken]

    with serve_static(site, Recorder) as (base, _):
        yield base.rstrip("/"), take


def measure_site(site: Path, pages: dict[str, str], *, query: str) -> dict[str, Any]:
    """First-view gzip bytes of each page in `pages` (name: URL path), the precache, and a Pagefind query."""
    from playwright.sync_api import sync_playwright

    report: dict[str, Any] = {}
    with recording(site) as (base, take), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, path in pages.items():
            page = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block").new_page()
            take()
            page.goto(f"{base}/{path}", wait_until="networkidle")
            page.wait_for_timeout(300)  # anything a script starts after idle
            loaded = take()
            report[name] = {"bytes": sum(size for _, size in loaded), "requests": len(loaded), "files": loaded}
            page.context.close()
        page = browser.new_context().new_page()
        page.goto(f"{base}/", wait_until="load")
        take()  # the home page itself, measured above
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        loaded = take()
        report["precache"] = {"bytes": sum(size for _, size in loaded), "requests": len(loaded)}
        page.context.close()
        page = browser.new_context().new_page()  # nothing cached, no worker: the search's own cost
        page.route(base + BLANK, lambda route: route.fulfill(body="<!doctype html><title>bench</title>"))
        page.goto(base + BLANK)
        take()
        result = page.evaluate(SEARCH_SCRIPT, [query, 9])
        loaded = take()
        report["search"] = {
            "query": query,
            "results": result["results"],
            "first_ms": result["first"],
            "warm_ms": statistics.median(result["warm"]),
            "bytes": sum(size for _, size in loaded),
            "requests": len(loaded),
        }
        browser.close()
    return report
