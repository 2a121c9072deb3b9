"""What a built site gets after any engine has written its pages: the symptom checker's
`triage/tree.json`, the diary's `diary/diary.json` (sitegen.diary), the Pagefind index
(sitegen.search) with its spelling vocabulary, the security headers (sitegen.csp), as it hashes the finished pages, and
the offline worker (sitegen.offline), last, as it versions every file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import csp, search
from sitegen.dataset import Dataset
from sitegen.diary import write_diary_json
from sitegen.offline import write_worker
from sitegen.triage import compile_tree, tree_json

TREE = Path("triage") / "tree.json"
"""Where the checker's script fetches its tree, relative to the site root (shared/design.md)."""


@dataclass(frozen=True)
class PostBuild:
    indexed: int
    """Pages in the search index."""
    scripts: int
    """Inline script hashes in the Content Security Policy."""
    precached: int
    """Files the offline worker fetches on install."""


class PostBuildError(Exception):
    """A post-build step refused the built site; the message names every place."""


def write_tree(site_dir: Path, dataset: Dataset) -> None:
    """The compiled, verified triage tree, the same one the page's script runs."""
    target = site_dir / TREE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(tree_json(compile_tree(dataset)), encoding="utf-8")


def postbuild(site_dir: Path, dataset: Dataset) -> PostBuild:
    """Every post-build step, in order; raise PostBuildError on the first that refuses."""
    write_tree(site_dir, dataset)
    write_diary_json(dataset, site_dir)
    indexing = search.start_index(site_dir)
    try:
        found = csp.write_headers(site_dir)  # while Pagefind indexes: both only read the pages
    except csp.CspError as error:
        indexing.kill()
        indexing.wait()
        raise PostBuildError(str(error)) from None
    try:
        types = search.finish_index(site_dir, indexing, dataset)
    except search.SearchError as error:
        raise PostBuildError(str(error)) from None
    precache = write_worker(site_dir)  # last: it versions and precaches every file written before it
    return PostBuild(indexed=len(types), scripts=len(found.scripts), precached=len(precache.files))
