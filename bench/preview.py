"""Live preview: seconds from saving a YAML edit to the rebuilt page in `./site-build.sh serve`.

A copy of the project (its own `data/`, the code linked) is served on a free port; each round
changes one cause's summary to a new marker, then polls that cause's page until the marker is
there. The loops are bounded; the server is stopped by its process group id.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from bench.measure import ROOT
from bench.projects import WORK, linked_project

TIMEOUT = 120.0
POLL = 0.05


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, *, since: float, server: subprocess.Popen) -> float:
    """Seconds from `since` until `url` contains `text`."""
    while time.perf_counter() - since < TIMEOUT:
        if server.poll() is not None:
            raise RuntimeError(f"the preview server stopped (exit {server.returncode})")
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - since
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def measure_preview(rounds: int = 3) -> dict[str, object]:
    project = linked_project(WORK / "preview")
    shutil.copytree(ROOT / "data", project / "data")
    causes = project / "data" / "causes.yaml"
    original = causes.read_text(encoding="utf-8")
    match = re.search(r'^  - id: (?P<id>[a-z0-9-]+)\n(?:    .*\n)*?    summary: "(?P<summary>[^"\n]*)"', original, re.M)
    if match is None:
        raise RuntimeError("no cause with a quoted summary in data/causes.yaml to edit")
    port = free_port()
    url = f"http://127.0.0.1:{port}/causes/{match['id']}/"
    log = (WORK / "logs" / "preview.log").open("w")
    server = subprocess.Popen(
        ["./site-build.sh", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        started = time.perf_counter()
        first = wait_for(url, match["summary"], since=started, server=server)
        time.sleep(1.0)  # let the watcher settle after the first build
        seconds = []
        for round_number in range(rounds):
            marker = f"Preview marker {round_number} {time.time_ns()}"
            edited = original.replace(f'summary: "{match["summary"]}"', f'summary: "{marker}"', 1)
            saved = time.perf_counter()
            causes.write_text(edited, encoding="utf-8")
            seconds.append(wait_for(url, marker, since=saved, server=server))
            time.sleep(1.0)
        return {"first_build_s": first, "rounds_s": seconds, "page": f"causes/{match['id']}/"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
