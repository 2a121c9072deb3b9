"""The reader's side of the real site: what a first view downloads, and what a search costs.

The built `site/` is served on 127.0.0.1 by a small threaded server that records every path
it serves; Debian's Chromium (through Playwright) opens each page in a fresh context, so
nothing is cached, and waits until the network is idle. Bytes are the gzip-compressed size of
every body served (level 6, a web server's usual setting). The first view is measured with the
site's service worker blocked, as it only starts after the page has loaded; what the worker
then precaches is measured on its own (`precache`).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.helpers import CHROMIUM, CHROMIUM_ARGS

BLANK = "/__bench__/blank.html"
"""A page outside the site, for a search with nothing loaded before it."""


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Served:
    """Paths served since the last `take()`, with their gzip sizes."""

    site: Path
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str) -> None:
        with self.lock:
            self.paths.append(path)

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            paths, self.paths = self.paths, []
        return [(path, self.size(path)) for path in paths]

    def size(self, path: str) -> int:
        file = self.site / unquote(urlsplit(path).path).lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        return gzip_size(file.read_bytes()) if file.is_file() else 0


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, Served]]:
    served = Served(site)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            if self.path == BLANK:
                body = b"<!doctype html><title>bench</title>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            served.record(self.path)
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


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


def measure_site(site: Path, pages: dict[str, str], *, query: str) -> dict[str, object]:
    """First-view gzip bytes of each page in `pages` (name: URL path), and a Pagefind query."""
    from playwright.sync_api import sync_playwright

    report: dict[str, object] = {}
    with serve(site) as (base, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, path in pages.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                page = context.new_page()
                served.take()
                page.goto(base + "/" + path, wait_until="networkidle")
                page.wait_for_timeout(300)  # anything a script starts after idle
                loaded = served.take()
                report[name] = {"bytes": sum(size for _, size in loaded), "requests": len(loaded), "files": loaded}
                context.close()
            if (site / "sw.js").is_file():
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + "/", wait_until="load")
                served.take()  # the home page itself, measured above
                page.evaluate("navigator.serviceWorker.ready.then(() => true)")
                loaded = served.take()
                report["precache"] = {"bytes": sum(size for _, size in loaded), "requests": len(loaded)}
                context.close()
            if (site / "pagefind" / "pagefind.js").is_file():
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + BLANK)
                served.take()
                result = page.evaluate(SEARCH_SCRIPT, [query, 9])
                loaded = served.take()
                report["search"] = {
                    "query": query,
                    "results": result["results"],
                    "first_ms": result["first"],
                    "warm_ms": statistics.median(result["warm"]),
                    "bytes": sum(size for _, size in loaded),
                    "requests": len(loaded),
                }
                context.close()
        finally:
            browser.close()
    return report


def directory_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)
