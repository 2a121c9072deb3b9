"""Lighthouse on the home page, a cause page and the symptom checker: the four category scores.

    ./site-build.sh bench                       # runs this after the reader side
    .venv/bin/python -m bench.lighthouse        # on its own; --preset desktop, --keep-reports

Lighthouse is the npm package pinned in bench/lighthouse/package-lock.json, installed there by
`npm ci` on first use (and again when the lock file changes); it drives Debian's Chromium
(CHROME_PATH), nothing is downloaded at run time. The real site is built into bench/work/
for the address it is served at (SITE_URL), and served on 127.0.0.1 with what deploy/nginx.conf
adds to a response that Lighthouse weighs: gzip for text, a year's caching for the files
named by their content, `no-cache` for the rest. Goal: 100 for accessibility, best practices and
SEO; the audits that cost points in those are listed. This prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.reader import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bench" / "lighthouse"
WORK = ROOT / "bench" / "work" / "lighthouse"
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
GOAL = ("accessibility", "best-practices", "seo")  # 100 each; performance is reported, not a goal
# Like deploy/nginx.conf: gzip for these types, a year's caching for content-named files.
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")
IMMUTABLE = re.compile(
    r"^/assets/(javascripts|stylesheets)/[^/]+\.[0-9a-f]{8}\.min\.(js|css)$|^/pagefind/(fragment|index)/"
)


def pages_to_measure() -> dict[str, str]:
    """The home page, the first cause of the data, and the symptom checker."""
    from sitegen.loader import load_dataset

    cause = load_dataset(ROOT / "data").causes.causes[0].id
    return {"home": "", f"cause ({cause})": f"causes/{cause}/", "triage": "triage/"}


# -- Lighthouse itself ------------------------------------------------------------------------


def ensure_lighthouse() -> Path:
    """bench/lighthouse/node_modules as the lock file pins it (`npm ci`, once per lock file)."""
    lock = PACKAGE / "package-lock.json"
    stamp = PACKAGE / "node_modules" / ".installed-package-lock.json"
    binary = PACKAGE / "node_modules" / ".bin" / "lighthouse"
    if not (binary.exists() and stamp.is_file() and stamp.read_bytes() == lock.read_bytes()):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed for Lighthouse (Node.js 18.16 or newer with npm)")
        print("Installing Lighthouse (npm ci in bench/lighthouse) ...", file=sys.stderr, flush=True)
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=PACKAGE,
            check=True,
            stdout=sys.stderr,
        )
        shutil.copyfile(lock, stamp)
    return binary


def lighthouse(binary: Path, url: str, report: Path, *, preset: str | None) -> dict[str, Any]:
    """One Lighthouse run of `url`: its JSON report, also written to `report`."""
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        *([f"--preset={preset}"] if preset else []),
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse {url} failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def scores(report: dict[str, Any]) -> dict[str, int]:
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def costs(report: dict[str, Any]) -> list[str]:
    """The weighed audits below full marks in the goal categories, as 'category: audit (score)'."""
    found = []
    for key in GOAL:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{CATEGORIES[key]}: {audit['title']} ({audit['score']:.2f})")
    return found


# -- the site, built and served ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site: Path, url: str) -> None:
    """The real site, built for `url` (so its canonical links and sitemap are that address)."""
    if site.exists():
        shutil.rmtree(site)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, "SOURCE_DATE_EPOCH": "1764000000"}
    command = [sys.executable, "-m", "sitegen", "build", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"sitegen build failed:\n{result.stderr[-3000:]}")


class DeployedHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses and caches as deploy/nginx.conf does."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # its redirect to the address with the slash
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        immutable = IMMUTABLE.search(urlsplit(self.path).path)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        super().end_headers()


@contextmanager
def serve(site: Path, port: int) -> Iterator[str]:
    handler = functools.partial(DeployedHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# -- the run and its table --------------------------------------------------------------------


def measure(*, preset: str | None = None, keep_reports: bool = False) -> dict[str, Any]:
    """Scores of each page, and what costs points in the goal categories."""
    binary = ensure_lighthouse()
    port = free_port()
    site = WORK / "site"
    build(site, f"http://127.0.0.1:{port}/")
    results: dict[str, Any] = {}
    with serve(site, port) as base:
        for name, path in pages_to_measure().items():
            print(f"Lighthouse: {name} ...", file=sys.stderr, flush=True)
            report_file = WORK / f"{path.strip('/').replace('/', '-') or 'home'}.report.json"
            report = lighthouse(binary, base + path, report_file, preset=preset)
            results[name] = {"path": path, "scores": scores(report), "costs": costs(report)}
            if not keep_reports:
                report_file.unlink()
    return {"version": report["lighthouseVersion"], "preset": preset or "mobile", "pages": results}


def measure_or_why() -> dict[str, Any]:
    """measure(), or why it could not run (no npm, no Chromium), so the rest of a bench run stands."""
    try:
        return measure()
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        print(f"Lighthouse did not run: {error}", file=sys.stderr)
        return {"error": str(error).splitlines()[0]}


def table(result: dict[str, Any]) -> str:
    lines = [
        f"| page | {' | '.join(CATEGORIES.values())} |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, page in result["pages"].items():
        lines.append(f"| {name} | {' | '.join(str(page['scores'][key]) for key in CATEGORIES)} |")
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """The section bench/run.py adds to bench/results.md."""
    if not result:
        return ""
    if "error" in result:
        return f"## Lighthouse\n\nDid not run: {result['error']}\n"
    lines = [
        "## Lighthouse",
        "",
        f"Lighthouse {result['version']} ({result['preset']} preset) on Debian's Chromium, the site served on"
        " 127.0.0.1 with deploy/nginx.conf's compression and caching (bench/lighthouse.py). Goal: 100 for"
        " accessibility, best practices and SEO.",
        "",
        table(result),
        "",
    ]
    misses = [(name, cost) for name, page in result["pages"].items() for cost in page["costs"]]
    lines += [f"- {name}: {cost}" for name, cost in misses] or ["- Nothing costs points in the goal categories."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--preset", choices=["desktop", "perf", "experimental"], help="Lighthouse's preset (default: mobile)"
    )
    parser.add_argument("--keep-reports", action="store_true", help="keep the JSON reports in bench/work/lighthouse/")
    args = parser.parse_args(argv)
    result = measure(preset=args.preset, keep_reports=args.keep_reports)
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
