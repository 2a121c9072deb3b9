"""The engines that turn an exported tree (sitegen.export) into HTML, run as commands.

The core imports no engine: each is a command line run on the exported `mkdocs.yml`.
`build` is what `./site-build.sh` runs: for each edition (sitegen.editions) export and the
engine, English at the site root and each other language in its folder, then
sitegen.postbuild once over the whole site. An engine renders on one core: the next edition is
exported and built beside it, and the pages are read for the post-build steps, and indexed for
search, as the engines write them (sitegen.page_reader, sitegen.indexing).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sitegen.editions import Edition, load_editions
from sitegen.export import DOCS, SITE, export
from sitegen.indexing import Indexer
from sitegen.offline import site_files
from sitegen.page_reader import PageReader
from sitegen.postbuild import postbuild
from sitegen.site_config import CONFIG
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
            "--strict",  # not with --quiet, which hides the warnings strict counts (mkdocs/mkdocs#4126)
            "-f",
            config,
            "--site-dir",
            str(site_dir),
        ]
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", config]
    raise ValueError(f"unknown engine '{engine}'; expected one of {', '.join(ENGINES)}")


def built_pages(tree: Path) -> Iterator[str]:
    """The HTML page each of the exported tree's Markdown pages becomes, relative to the site."""
    for doc in site_files(tree / DOCS):
        if doc.endswith(".md"):
            yield url_of_doc(doc) + "index.html"


class EngineRun:
    """`engine` building the exported `tree` of the `lang` edition into `written`, in a process
    of its own, from entering the block to `finish`; leaving the block first stops it. Zensical
    writes inside the tree (`tree/site`) whatever `written` is."""

    def __init__(self, engine: str, tree: Path, written: Path, lang: str) -> None:
        self.engine = engine
        self.lang = lang
        self.tree = tree
        self.written = tree / SITE if engine == "zensical" else written
        self.command = engine_command(engine, tree, written)

    def __enter__(self) -> EngineRun:
        # Output to a file, not a pipe: engines run side by side, and one blocked on a full pipe would stall.
        self.log = (self.tree.parent / f"{self.tree.name}.log").open("w+", encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        try:
            self.process = subprocess.Popen(
                self.command, cwd=self.tree, env=env, stdout=self.log, stderr=subprocess.STDOUT
            )
        except BaseException:
            self.log.close()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def finish(self) -> str | None:
        """Wait for the engine; the failure's message, if it failed (or, for Zensical, warned)."""
        code = self.process.wait()
        self.log.seek(0)
        output = _COLOUR.sub("", self.log.read())
        if self.engine == "zensical" and code == 0 and _zensical_warned(output):
            code = 1
        return f"{self.engine} build of the '{self.lang}' edition failed (exit {code}):\n{output}" if code else None


def move_site(written: Path, target: Path) -> None:
    """Put the site an engine wrote at `written` at `target`, replacing what is there."""
    if written == target:
        return
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(written, target)


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
"""Terminal colour codes, which Zensical writes even into a file."""


def _zensical_warned(output: str) -> bool:
    """Whether Zensical reported a problem it did not fail on."""
    return any(word in output for word in ("Warning", "WARNING", "Error"))


MEMORY = Path("/dev/shm")
"""A memory file system, where there is one: creating the tree's 3,000 files took 1.5 s on
this machine's disk and 0.1 s there (./site-build.sh bench, N = 1,000)."""


def scratch_for(engine: str, site_dir: Path) -> Path | None:
    """Where to export the trees for `engine`: in memory for MkDocs, which writes the site
    where it is told; beside the site for Zensical, which writes it inside the tree, so that
    moving it to `site_dir` is a rename on the same file system."""
    if engine == "zensical":
        return site_dir.parent
    return MEMORY if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) else None


def build(root: Path, site_dir: Path, *, engine: str = "mkdocs") -> int:
    """Export, build with `engine`, post-build: the whole site of the project at `root` in `site_dir`,
    every edition built by the same engine. Each edition's engine starts once its tree is
    exported, so the next edition is exported and built beside it. English replaces `site_dir`
    (the old one is deleted while the engines run); the others, built beside it (MkDocs empties
    the folder it builds), move into their folders."""
    editions = load_editions(root)
    site_dir = site_dir.absolute()  # the engine runs in the tree's folder, where a relative path would lead
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # The scratch folders go while the post-build steps run; Pagefind indexes each page as it is read.
    with _deleting() as delete, Indexer() as indexer:
        reader = PageReader(indexer, editions)
        _build_editions(root, site_dir, editions, engine=engine, reader=reader, delete=delete)
        return postbuild(site_dir, editions, reader).indexed


def _build_editions(
    root: Path, site_dir: Path, editions: list[Edition], *, engine: str, reader: PageReader, delete: Delete
) -> None:
    langs = [edition.lang for edition in editions[1:]]
    with contextlib.ExitStack() as scratch:
        trees = Path(tempfile.mkdtemp(prefix=".sitegen-tree-", dir=scratch_for(engine, site_dir)))
        scratch.callback(delete, trees)
        runs: list[tuple[EngineRun, Path]] = []
        with contextlib.ExitStack() as running:
            for edition in editions:
                tree = trees / edition.lang
                export(root, tree, edition, langs=langs)
                if not runs and site_dir.exists():
                    # Deleted beside the engine: MkDocs would empty it first, on the engine's one core.
                    delete(_set_aside(site_dir))
                written = (
                    Path(scratch.enter_context(_temporary(".sitegen-site-", site_dir.parent))) if runs else site_dir
                )
                run = running.enter_context(EngineRun(engine, tree, written, edition.lang))
                running.enter_context(reader.following(run.written, built_pages(tree), prefix=edition.prefix))
                runs.append((run, site_dir / edition.prefix))
            failures = [failure for run, _ in runs if (failure := run.finish())]
        if failures:
            raise EngineError("\n".join(failures))
        for run, target in runs:
            move_site(run.written, target)


Delete = Callable[[Path], None]
"""Delete a folder (`_deleting`)."""


@contextlib.contextmanager
def _deleting() -> Iterator[Delete]:
    """A `delete(folder)` that deletes on a thread of its own while the build goes on; every
    folder is gone when the block ends. On this machine's disk, an old site of 3,000 pages took
    2.8 s to delete, and a Zensical tree 1 s (./site-build.sh bench, N = 1,000)."""
    threads: list[threading.Thread] = []

    def delete(folder: Path) -> None:
        thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True})
        thread.start()
        threads.append(thread)

    try:
        yield delete
    finally:
        for thread in threads:
            thread.join()


def _set_aside(folder: Path) -> Path:
    """`folder` renamed into a new folder beside it, to delete; that folder."""
    aside = Path(tempfile.mkdtemp(prefix=".sitegen-previous-", dir=folder.parent))
    folder.rename(aside / folder.name)
    return aside


def _temporary(prefix: str, folder: Path | None) -> tempfile.TemporaryDirectory[str]:
    # A site moved out of its folder leaves nothing to clean up.
    return tempfile.TemporaryDirectory(prefix=prefix, dir=folder, ignore_cleanup_errors=True)
