"""Lighthouse's four scores for the real site's pages (opt-in: ./site-build.sh bench --lighthouse).

Lighthouse is npm's package with every dependency pinned by bench/lighthouse/package-lock.json,
installed there by `npm ci` on first use (again when the lock changes); `npm exec` would resolve
its dependencies afresh, two of them as `latest`. It drives Debian's Chromium. The site is built
for the address it is served at, and served with what deploy/nginx.conf adds that Lighthouse
weighs: gzip for text, a year's caching for content-named files, `no-cache` for the rest.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.measure import ROOT
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, QuietHandler, build_site, serve_static

PACKAGE = ROOT / "bench" / "lighthouse"
WORK = ROOT / "bench" / "work" / "lighthouse"
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
GOAL_CATEGORIES = ("accessibility", "best-practices", "seo")
"""The categories bench/run.py's GOALS hold to its `lighthouse` target; performance is only reported."""
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")
IMMUTABLE = re.compile(
    r"^/assets/(javascripts|stylesheets)/[^/]+\.[0-9a-f]{8}\.min\.(js|css)$|^/pagefind/(fragment|index)/"
)


def ensure_lighthouse() -> Path:
    """bench/lighthouse/node_modules as the lock file pins it (`npm ci`, once per lock file)."""
    lock, stamp = PACKAGE / "package-lock.json", PACKAGE / "node_modules" / ".installed-package-lock.json"
    if not (stamp.is_file() and stamp.read_bytes() == lock.read_bytes()):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed for Lighthouse (Node.js 18.16 or newer with npm)")
        print("Installing Lighthouse (npm ci in bench/lighthouse) ...", file=sys.stderr, flush=True)
        command = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]
        subprocess.run(command, cwd=PACKAGE, check=True, stdout=sys.stderr)
        shutil.copyfile(lock, stamp)
    return PACKAGE / "node_modules" / ".bin" / "lighthouse"


class DeployedHandler(QuietHandler):
    """Compresses and caches as deploy/nginx.conf does."""

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
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


def score(binary: Path, url: str) -> dict[str, Any]:
    """One Lighthouse run of `url`: each category's score, and the weighed audits that cost goal points."""
    report_file = WORK / "report.json"
    command = [
        str(binary), url, "--quiet", "--output=json", f"--output-path={report_file}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
    ]  # fmt: skip
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if done.returncode != 0 or not report_file.is_file():
        raise RuntimeError(f"lighthouse {url} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    categories, audits = report["categories"], report["audits"]
    costs = [
        f"{CATEGORIES[key]}: {audits[ref['id']]['title']} ({audits[ref['id']]['score']:.2f})"
        for key in GOAL_CATEGORIES
        for ref in categories[key]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]
    scores = {key: round(categories[key]["score"] * 100) for key in CATEGORIES}
    return {"version": report["lighthouseVersion"], "scores": scores, "costs": costs}


def measure_or_why(pages: dict[str, str]) -> dict[str, Any]:
    """Scores of each page (name: URL path), or why Lighthouse could not run, so the rest of a bench run stands."""
    try:
        binary = ensure_lighthouse()
        site = WORK / "site"
        shutil.rmtree(site, ignore_errors=True)
        with serve_static(site, DeployedHandler) as (base, _):
            built = build_site(ROOT, site, env={"SITE_URL": base, "SOURCE_DATE_EPOCH": "1764000000"})
            if built.returncode != 0:
                raise RuntimeError(f"sitegen build failed:\n{built.stderr[-3000:]}")
            results = {}
            for name, path in pages.items():
                print(f"Lighthouse: {name} ...", file=sys.stderr, flush=True)
                results[name] = score(binary, base + path)
        return {"version": results[next(iter(results))]["version"], "pages": results}
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        print(f"Lighthouse did not run: {error}", file=sys.stderr)
        return {"error": str(error).splitlines()[0]}
