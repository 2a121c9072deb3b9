"""The engines that turn an exported tree (sitegen.export) into HTML, run as commands.

The core imports no engine: each is a command line run on the exported `mkdocs.yml`.
`build` is what `./site-build.sh` runs: for each edition (sitegen.editions) export and the
engine, English at the site root and each other language in its folder, then
sitegen.postbuild once over the whole site. The pages are read for the post-build steps as the
engine writes them (sitegen.page_reader), on the core the engine leaves idle.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sitegen.editions import load_editions
from sitegen.export import CONFIG, DOCS, SITE, export
from sitegen.offline import site_files
from sitegen.page_reader import PageReader
from sitegen.postbuild import postbuild
from sitegen.urls import url_of_doc

ENGINES = ("mkdocs", "zensical")
"""`mkdocs`: MkDocs 1.6 with Material (the default); `zensical`: Zensical (requirements/zensical.txt)."""


class EngineError(Exception):
    """The engine refused the tree; the message is its output."""


def engine_command(engine: str, tree: Path, site_dir: Path) -> list[str]:
    config = str(tree / CONFIG)
    if engine == "mkdocs":
        return [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            config,
            "--site-dir",
            str(site_dir),
        ]
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", config]
    raise ValueError(f"unknown engine '{engine}'; expected one of {', '.join(ENGINES)}")


def written_by(engine: str, tree: Path, site_dir: Path) -> Path:
    """Where `engine` writes the site while it builds: Zensical inside the tree, MkDocs where told."""
    return tree / SITE if engine == "zensical" else site_dir


def built_pages(tree: Path) -> Iterator[str]:
    """The HTML page each of the exported tree's Markdown pages becomes, relative to the site."""
    for doc in site_files(tree / DOCS):
        if doc.endswith(".md"):
            yield url_of_doc(doc) + "index.html"


def run_engine(engine: str, tree: Path, site_dir: Path) -> None:
    """Build the exported `tree` into `site_dir` with `engine`."""
    command = engine_command(engine, tree, site_dir)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if engine == "zensical" and result.returncode == 0 and _zensical_warned(output):
        result = subprocess.CompletedProcess(command, 1, result.stdout, result.stderr)
    if result.returncode != 0:
        raise EngineError(f"{engine} build failed (exit {result.returncode}):\n{output}")
    if engine == "zensical":
        # Zensical writes inside the project only (site_dir must be within it): move it out.
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(tree / SITE, site_dir)


def _zensical_warned(output: str) -> bool:
    """Whether Zensical reported a problem it did not fail on."""
    return any(word in output for word in ("Warning", "WARNING", "Error"))


MEMORY = Path("/dev/shm")
"""A memory file system, where there is one: creating the tree's 3,000 files took 1.5 s on
this machine's disk and 0.1 s there (./site-build.sh bench, N = 1,000)."""


def scratch_for(engine: str, site_dir: Path) -> Path | None:
    """Where to export the tree for `engine`: in memory for MkDocs, which writes the site
    where it is told; beside the site for Zensical, which writes it inside the tree, so that
    moving it to `site_dir` is a rename on the same file system."""
    if engine == "zensical":
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        return site_dir.parent
    return MEMORY if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) else None


def build(root: Path, site_dir: Path, *, engine: str = "mkdocs") -> int:
    """Export, build with `engine`, post-build: the whole site of the project at `root` in `site_dir`,
    every edition built by the same engine (English first: it replaces `site_dir`)."""
    editions = load_editions(root)
    langs = [edition.lang for edition in editions[1:]]
    reader = PageReader()
    for edition in editions:
        target = site_dir / edition.prefix
        with tempfile.TemporaryDirectory(prefix=".sitegen-tree-", dir=scratch_for(engine, target)) as scratch:
            tree = Path(scratch) / "tree"
            export(root, tree, edition, langs=langs)
            with reader.following(written_by(engine, tree, target), built_pages(tree), prefix=edition.prefix):
                run_engine(engine, tree, target)
    return postbuild(site_dir, editions, reader).indexed
