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
import subprocess
import sys
import time
import urllib.request
from typing import Any

from bench.measure import ROOT
from bench.projects import LOGS, WORK, linked_project
from tests.helpers import free_port

TIMEOUT = 120.0


def wait_for(url: str, text: str, *, since: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds from `since` until `url` contains `text`."""
    while time.perf_counter() - since < TIMEOUT:
        if server.poll() is not None:
            raise RuntimeError(f"the preview server stopped (exit {server.returncode}); see {LOGS / 'preview.log'}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                if text in response.read().decode("utf-8", errors="replace"):
                    return time.perf_counter() - since
        except OSError:  # not serving yet, or mid-rebuild (URLError is an OSError)
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def measure_preview(rounds: int = 3) -> dict[str, Any]:
    print("Live preview: editing data/causes.yaml under ./site-build.sh serve ...", file=sys.stderr, flush=True)
    project = linked_project(WORK / "preview")
    shutil.copytree(ROOT / "data", project / "data")
    causes = project / "data" / "causes.yaml"
    original = causes.read_text(encoding="utf-8")
    match = re.search(r'^  - id: (?P<id>[a-z0-9-]+)\n(?:    .*\n)*?    summary: "(?P<summary>[^"\n]*)"', original, re.M)
    if match is None:
        raise RuntimeError("no cause with a quoted summary in data/causes.yaml to edit")
    port = free_port()
    url = f"http://127.0.0.1:{port}/causes/{match['id']}/"
    LOGS.mkdir(parents=True, exist_ok=True)
    with (LOGS / "preview.log").open("w") as log:
        server = subprocess.Popen(
            ["./site-build.sh", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,
        )
        try:
            first = wait_for(url, match["summary"], since=time.perf_counter(), server=server)
            seconds = []
            for round_number in range(rounds):
                time.sleep(1.0)  # let the watcher settle after the last build
                # Letters only: data/es/ must keep the English text's numbers, so a digit is an error.
                marker = "Preview marker " + "".join(chr(ord("a") + int(d)) for d in f"{round_number}{time.time_ns()}")
                saved = time.perf_counter()
                edited = original.replace(f'summary: "{match["summary"]}"', f'summary: "{marker}"', 1)
                causes.write_text(edited, encoding="utf-8")
                seconds.append(wait_for(url, marker, since=saved, server=server))
            return {"first_build_s": first, "rounds_s": seconds, "page": f"causes/{match['id']}/"}
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
