"""Every built HTML page read once, for what the post-build steps need of it (sitegen.postbuild),
and during a build as the engine writes it.

An engine renders on one core while the build's own process only waits for it.
`PageReader.following` reads each page the engine finishes on a thread of its own, on another
core, so when the engine exits only the pages it wrote last are left to read. What was read is
checked against the file as it is at the end (`Stamp`): a page the engine was still writing,
or wrote again, is read again, so the result is that of reading the finished site once.

Each page marked for search goes to Pagefind (sitegen.indexing) once read, so Pagefind parses it
while the engine writes the rest. Pagefind numbers pages in the order they come, so each
edition's pages go in the order `following` was given, whatever order the engine wrote them in
(one written early waits for those before it), and the rest in the site's file order (`pages`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sitegen import content_api, csp, offline, search
from sitegen.editions import Edition
from sitegen.indexing import Indexer

Stamp = tuple[int, int, int, int]
"""A file's inode, size, and modification and change times in ns: the same for a file nobody wrote since."""

POLL_SECONDS = 0.2
"""How often `following` looks for the pages an engine has written, while it writes them."""
MOST_SECONDS = 1.6
"""How long `following` waits at most between looks, while nothing is written."""
STALE_MARGIN_NS = 10_000_000
"""File times come from a clock up to a few ms behind `time.time_ns()`."""


@dataclass
class Pages:
    """What the post-build steps need of the built pages."""

    inline: csp.InlineCode = field(default_factory=csp.InlineCode)
    """Their inline code, for the Content Security Policy."""
    marked: int = 0
    """How many the theme marked for search."""
    digests: dict[str, str] = field(default_factory=dict)
    """Each one's part of the offline worker's version, by site-root-relative path."""
    api: list[content_api.ApiPage | content_api.ContentApiError] = field(default_factory=list)
    """Each marked page as the content API publishes it, or why it cannot (sitegen.content_api)."""


@dataclass(frozen=True)
class _Page:
    stamp: Stamp
    inline: csp.InlineCode
    marked: bool
    digest: str
    api: content_api.ApiPage | content_api.ContentApiError | None


def stamp_of(path: str) -> Stamp:
    status = os.stat(path)
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


class PageReader:
    """The built pages' findings, by site-root-relative path, each read once while its file stays
    as it was; each page marked for search added to `indexer` as it is, and read for the content
    API of its edition (one of `editions`, English first)."""

    def __init__(self, indexer: Indexer, editions: list[Edition]) -> None:
        self.indexer = indexer
        self.editions = editions
        self._pages: dict[str, _Page] = {}
        self._indexed: dict[str, Stamp] = {}
        """Each page added to the index, with the stamp of the file whose bytes were added."""

    def _read(self, path: str, relative: str, stamp: Stamp) -> bytes:
        """`stamp`: the file's, taken before reading it, so that a file still growing differs from it later."""
        raw = Path(path).read_bytes()
        inline = csp.InlineCode()
        csp.scan_page(raw, relative, inline)
        marked = search.BUNDLE not in relative.split("/") and search.is_marked(raw)
        # Parsed here, while the engine writes the other pages: about 1 ms a page, after it, would
        # be seconds of a 4,000-page build (./site-build.sh bench).
        api = content_api.read_page(raw, relative, self.editions) if marked else None
        self._pages[relative] = _Page(stamp, inline, marked, offline.file_digest(raw), api)
        return raw

    def _index(self, path: str, relative: str, raw: bytes | None = None, *, in_order: bool = False) -> None:
        """Add the page at `relative` to the index, unless added as it is now: if it is marked, or
        it takes its place `in_order` (read half-written, unmarked yet: Pagefind drops it if it stays
        so, and a later add replaces it in that place); `raw`: its bytes as just read, else read again."""
        page = self._pages[relative]
        if self._indexed.get(relative) == page.stamp:
            return
        if not (page.marked or in_order or relative in self._indexed):
            return
        if raw is None:
            stamp = stamp_of(path)
            raw = Path(path).read_bytes()
        else:
            stamp = page.stamp
        self.indexer.add(relative, raw)
        self._indexed[relative] = stamp

    @contextmanager
    def following(self, folder: Path, expected: Iterable[str], prefix: str = "") -> Iterator[None]:
        """While the block runs (an engine writing into `folder`), read the pages at `expected`
        (paths relative to `folder`, listed on the reading thread) as they appear; `prefix`:
        `folder`'s path in the site."""
        stop = threading.Event()
        thread = threading.Thread(target=self._follow, args=(folder, expected, prefix, stop), daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _follow(self, folder: Path, expected: Iterable[str], prefix: str, stop: threading.Event) -> None:
        order = list(expected)
        pending = order
        indexed = 0  # how many of `order` went to the index
        # An engine cleans its folder as it starts: a page older than that is the last build's.
        since = time.time_ns() - STALE_MARGIN_NS
        wait = POLL_SECONDS
        while pending and not stop.wait(wait):
            left = []
            just_read: dict[str, bytes] = {}
            for relative in pending:
                path = f"{folder}/{relative}"
                try:
                    stamp = stamp_of(path)
                    if stamp[2] < since:
                        left.append(relative)
                    else:
                        just_read[relative] = self._read(path, prefix + relative, stamp)
                except FileNotFoundError:
                    left.append(relative)
                except (OSError, ValueError):
                    continue  # read again, and reported, by `pages`
            while indexed < len(order) and prefix + order[indexed] in self._pages:
                relative = order[indexed]
                self._index(f"{folder}/{relative}", prefix + relative, just_read.get(relative), in_order=True)
                indexed += 1
            # Most of an engine's time goes before it writes its first page: look less often until then.
            wait = POLL_SECONDS if len(left) < len(pending) else min(2 * wait, MOST_SECONDS)
            pending = left
        # The engine is done: the rest of the index's pages, in the same order whatever was read in time.
        for relative in order[indexed:]:
            path = f"{folder}/{relative}"
            try:
                if prefix + relative not in self._pages:
                    self._read(path, prefix + relative, stamp_of(path))
                self._index(path, prefix + relative, in_order=True)
            except (OSError, ValueError):
                continue  # read again, and reported, by `pages`

    def pages(self, site_dir: Path) -> Pages:
        """Every HTML page of the built site: each read now unless it was read as it still is.
        No post-build step changes a page (Pagefind writes only into its bundle), so what this
        returns holds until the offline worker is written."""
        result = Pages()
        for relative in offline.site_files(site_dir):
            if not relative.endswith(".html"):
                continue
            path = f"{site_dir}/{relative}"
            known = self._pages.get(relative)
            stamp = stamp_of(path)
            raw = self._read(path, relative, stamp) if known is None or known.stamp != stamp else None
            self._index(path, relative, raw)
            page = self._pages[relative]
            result.inline.scripts |= page.inline.scripts
            result.inline.styles |= page.inline.styles
            result.inline.problems += page.inline.problems
            result.marked += page.marked
            result.digests[relative] = page.digest
            if page.api is not None:
                result.api.append(page.api)
        return result
