"""The Pagefind index of the built pages, fed page by page while the engine still writes the rest.

The pinned Pagefind binary (`pagefind-bin`) runs as a service (`--service`): each page is
parsed as soon as it is added, in Pagefind's own process, on the core the engine leaves free,
and only the index is left to build and write once the last page is in. At N = 1,000 (3,011
pages), the post-build steps after the engine took 5.1 and 6.8 s with Pagefind's command line
run over the finished site, and 2.7 and 2.9 s fed this way (two builds each, this machine).

Pagefind numbers a language's pages in the order they are added, and the index's bytes follow
those numbers: callers add each edition's pages in one fixed order (sitegen.page_reader), so two
builds of the same site are byte-identical. A page added again replaces the first, in its place.

The protocol (pagefind/src/service/mod.rs): each message, either way, is base64-encoded JSON
ended by a comma; the service answers each in the order sent, under its `message_id`.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.search import EXCLUDE_SELECTORS, MARK, SearchError, pagefind_environment

UNREAD = 0
"""Where an answer without a message id is kept: Pagefind's error for a message it could not
decode, so its answer will never come (message ids start at 1)."""


class Indexer:
    """A Pagefind service holding one index; `add` pages, then `write` the bundle once. The service
    starts with the first page added."""

    def __init__(self) -> None:
        self._starting = threading.Lock()
        self._sending = threading.Lock()  # each edition's pages are added from a thread of its own
        self._process: subprocess.Popen[bytes] | None = None
        self._last_id = 0
        self._pages: dict[int, str] = {}
        """Each page added, by its message's id, until Pagefind answers."""
        self._errors: list[str] = []
        self._answered: dict[int, dict[str, Any]] = {}
        self._answer = threading.Condition()
        self._index = 0

    def _started(self) -> subprocess.Popen[bytes]:
        with self._starting:
            if self._process is None:
                # What Pagefind says outside the protocol, for errors; closed by `close`.
                self._log = tempfile.TemporaryFile()  # noqa: SIM115
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "pagefind_bin", "--service"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self._log,
                    env=pagefind_environment(),
                )
                self._listening = threading.Thread(target=self._listen, args=(self._process,), daemon=True)
                self._listening.start()
                config = {"exclude_selectors": list(EXCLUDE_SELECTORS)}
                self._index = self._ask({"type": "NewIndex", "config": config}, self._process)["index_id"]
            return self._process

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def add(self, relative: str, page: bytes) -> None:
        """Index the page at `relative` (its path in the site, which gives its URL) with the HTML `page`."""
        html = what_pagefind_reads(page).decode("utf-8", errors="replace")
        payload = {"type": "AddFile", "index_id": self._index, "file_path": relative, "file_contents": html}
        self._send(payload, self._started(), page=relative)

    def ask_for_index(self) -> Callable[[Path], dict[str, bytes]]:
        """Ask for the index of every page added, and return what writes it into a bundle: Pagefind
        builds it in its own process (3 s of the 4,013 pages of N = 1,000), while the build
        writes its other files (sitegen.postbuild)."""
        asked = self._send({"type": "GetFiles", "index_id": self._index}, self._started())
        return functools.partial(self._write, asked)

    def _write(self, asked: int, bundle: Path) -> dict[str, bytes]:
        """Write the index `asked` for into `bundle`; return its files' bytes by path in it
        (`a/b`), for what the build reads of them (sitegen.search); SearchError if any page, or
        the index, failed.

        The service hands the files over (`GetFiles`) and they are written here: its own
        `WriteFiles` answers before its writes are done, and it exits at the end of its input
        without finishing them."""
        answer = self._answer_to(asked, self._started())
        if self._errors or answer.get("type") != "GetFiles":
            problems = [*self._errors, str(answer.get("message", "")), self._said()]
            raise SearchError("Pagefind could not index the site:\n" + "\n".join(filter(None, problems)))
        files = {PurePosixPath(file["path"]): base64.b64decode(file["content"]) for file in answer["files"]}
        if outside := [str(path) for path in files if path.is_absolute() or ".." in path.parts]:
            raise SearchError(f"Pagefind named files outside its bundle: {', '.join(outside)}")
        for folder in sorted({path.parent for path in files}):  # once each, not once a file
            (bundle / folder).mkdir(parents=True, exist_ok=True)
        for path, content in files.items():
            (bundle / path).write_bytes(content)
        return {path.as_posix(): content for path, content in files.items()}

    def close(self) -> None:
        """Stop the service, if it started (at the end of its input it exits)."""
        process = self._process
        if process is None:
            return
        if process.stdin and not process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._listening.join()
        if process.stdout:
            process.stdout.close()
        self._log.close()

    def _send(self, payload: dict[str, Any], process: subprocess.Popen[bytes], *, page: str | None = None) -> int:
        assert process.stdin is not None
        with self._sending:
            self._last_id += 1
            message = {"message_id": self._last_id, "payload": payload}
            if page is not None:
                self._pages[self._last_id] = page
            try:
                process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
                process.stdin.flush()
            except BrokenPipeError:
                raise SearchError(f"Pagefind stopped (exit {process.wait()}):\n{self._said()}") from None
            return self._last_id

    def _ask(self, payload: dict[str, Any], process: subprocess.Popen[bytes]) -> dict[str, Any]:
        """Send `payload` and wait for its answer."""
        return self._answer_to(self._send(payload, process), process)

    def _answer_to(self, sent: int, process: subprocess.Popen[bytes]) -> dict[str, Any]:
        """Wait for the answer to the message `sent`."""
        with self._answer:
            self._answer.wait_for(
                lambda: sent in self._answered or UNREAD in self._answered or not self._listening.is_alive()
            )
        if unread := self._answered.get(UNREAD):
            raise SearchError(f"Pagefind could not read what it was sent: {unread.get('message')}")
        if sent not in self._answered:
            raise SearchError(f"Pagefind stopped (exit {process.wait()}):\n{self._said()}")
        return self._answered.pop(sent)

    def _listen(self, process: subprocess.Popen[bytes]) -> None:
        """Take each answer as it comes: a page's error is kept, the rest handed to `_ask`."""
        assert process.stdout is not None
        pending = bytearray()  # the index's files come in one message of many MB: no copying per read
        while chunk := os.read(process.stdout.fileno(), 1 << 20):
            pending += chunk
            if b"," not in chunk:
                continue
            *messages, rest = bytes(pending).split(b",")
            pending = bytearray(rest)
            if not self._took(messages, process):
                break
        with self._answer:
            self._answer.notify_all()

    def _took(self, messages: list[bytes], process: subprocess.Popen[bytes]) -> bool:
        """Take each message; False, the service stopped, on one that is no answer: after a message
        it cannot decode, Pagefind reads no more and sends `null`s without end."""
        for message in map(json.loads, map(base64.b64decode, messages)):
            if not isinstance(message, dict):
                process.kill()
                return False
            self._take(message)
        return True

    def _take(self, message: dict[str, Any]) -> None:
        number, payload = message.get("message_id"), message.get("payload", {})
        page = self._pages.pop(number, None) if number is not None else None
        if payload.get("type") == "Error":
            self._errors.append(f"{page or 'Pagefind'}: {payload.get('message')}")
        if page is None:
            with self._answer:
                self._answered[UNREAD if number is None else number] = payload
                self._answer.notify_all()

    def _said(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")


def what_pagefind_reads(page: bytes) -> bytes:
    """`page` without the parts of its body around the region marked for search, which Pagefind
    skips but still parses: the navigation, header and footer, four fifths of a page at N = 1,000.
    Cut away, Pagefind's parse of the 3,011 pages took 2.0 s of CPU instead of 5.3 s, for an index
    the same to the byte, and the engine beside it ran faster too (./site-build.sh bench, this
    machine). The head stays, and the whole page goes if any `data-pagefind-` attribute lies in
    the part cut away."""
    mark = page.find(MARK)
    body = page.find(b"<body")
    body_end = page.find(b">", body) + 1
    start = page.rfind(b"<article", body_end, mark)
    end = page.rfind(b"</article>")
    if min(mark, body, start) < 0 or end < mark:
        return page
    kept = page[:body_end] + page[start : end + len(b"</article>")] + b"</body></html>"
    return kept if kept.count(PAGEFIND_ATTRIBUTE) == page.count(PAGEFIND_ATTRIBUTE) else page


PAGEFIND_ATTRIBUTE = b"data-pagefind-"
"""What each of Pagefind's own attributes starts with (a filter, a sort, metadata outside the body...)."""
