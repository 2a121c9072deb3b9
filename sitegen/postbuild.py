"""What a built site gets after any engine has written its pages: the symptom checker's
`triage/tree.json`, the Pagefind index (sitegen.search) and the security headers
(sitegen.csp), the last as it hashes the finished pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import csp, search
from sitegen.dataset import Dataset
from sitegen.triage import compile_tree, tree_json

TREE = Path("triage") / "tree.json"
"""Where the checker's script fetches its tree, relative to the site root (shared/design.md)."""


@dataclass(frozen=True)
class PostBuild:
    indexed: int
    """Pages in the search index."""
    scripts: int
    """Inline script hashes in the Content Security Policy."""


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
    indexing = search.start_index(site_dir)
    try:
        found = csp.write_headers(site_dir)  # while Pagefind indexes: both only read the pages
    except csp.CspError as error:
        indexing.kill()
        indexing.wait()
        raise PostBuildError(str(error)) from None
    try:
        types = search.finish_index(site_dir, indexing)
    except search.SearchError as error:
        raise PostBuildError(str(error)) from None
    return PostBuild(indexed=len(types), scripts=len(found.scripts))
