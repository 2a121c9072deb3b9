"""The live preview (`./site-build.sh serve`, hooks/preview.py): what `mkdocs serve` shows, and
that an edit shows once the preview has rebuilt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import ROOT, free_port

LINKED = ("content", "data", "hooks", "sitegen", "mkdocs.yml")
"""What a preview project links from the repository; its `overrides/` is a copy, to edit."""


@contextmanager
def serving(project: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`mkdocs serve` of `project` on a free port, rebuilding on edits as `./site-build.sh serve`
    does: its address, and the server."""
    address = f"http://127.0.0.1:{free_port()}/"
    with (
        log.open("w") as output,
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address[7:-1]],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": address},
            stdout=output,
            stderr=subprocess.STDOUT,
        ) as server,
    ):
        try:
            yield address, server
        finally:
            server.terminate()
            server.wait(timeout=10)


def fetched_once(url: str, containing: bytes, server: subprocess.Popen[bytes], log: Path) -> bytes:
    """What `url` serves once it holds `containing`, within a minute."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                body: bytes = response.read()
            if containing in body:
                return body
        except OSError:  # not serving yet, or mid-rebuild
            pass
        assert server.poll() is None, log.read_text()
        assert time.monotonic() < deadline, f"{url} not as expected from mkdocs serve in 60 s:\n{log.read_text()}"
        time.sleep(0.3)


def test_the_live_preview_builds_the_search_index_too(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with serving(ROOT, log) as (address, server):
        entry = json.loads(fetched_once(f"{address}pagefind/pagefind-entry.json", b"page_count", server, log))
    assert entry["languages"]["en"]["page_count"] > 0


def test_an_edit_to_the_theme_shows_on_every_rebuild(tmp_path: Path) -> None:
    # The preview keeps the theme's compiled templates between rebuilds: an edited one must not be served stale.
    project = tmp_path / "project"
    project.mkdir()
    for name in LINKED:
        (project / name).symlink_to(ROOT / name)
    overrides = project / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    emergency = overrides / "partials" / "emergency.html"
    original = emergency.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(project, log) as (address, server):
        fetched_once(address, b'class="emergency"', server, log)
        for marker in (b"First preview edit", b"Second preview edit"):
            emergency.write_text(original.replace("<p>", f"<p>{marker.decode()}", 1), encoding="utf-8")
            fetched_once(address, marker, server, log)
