"""What a built site gets after any engine has written its pages: for each edition
(sitegen.editions) the symptom checker's `triage/tree.json` and the diary's `diary/diary.json`
(sitegen.diary) in its folder, the sitemap of every edition (sitegen.sitemaps), the Pagefind index
(sitegen.search) with its spelling vocabulary, the security headers (sitegen.csp), as it hashes the finished pages, and
the offline worker (sitegen.offline), last, as it versions every file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import csp, search
from sitegen.dataset import Dataset
from sitegen.diary import write_diary_json
from sitegen.editions import Edition
from sitegen.offline import write_worker
from sitegen.sitemaps import merge_sitemaps
from sitegen.strings import SOURCE, strings
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


def write_tree(site_dir: Path, dataset: Dataset, edition: Edition | None = None) -> None:
    """The compiled, verified triage tree, the same one the page's script runs, in the edition's folder."""
    target = site_dir / (edition.prefix if edition else "") / TREE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(tree_json(compile_tree(dataset, edition.t if edition else None)), encoding="utf-8")


def postbuild(site_dir: Path, editions: Dataset | list[Edition]) -> PostBuild:
    """Every post-build step, in order; raise PostBuildError on the first that refuses.
    `editions`: every edition the site holds, English first (a dataset alone: English only)."""
    if isinstance(editions, Dataset):
        editions = [Edition(SOURCE, editions, strings(SOURCE))]
    for edition in editions:
        write_tree(site_dir, edition.dataset, edition)
        write_diary_json(edition.dataset, site_dir / edition.prefix)
    merge_sitemaps(site_dir, {edition.lang: edition.prefix for edition in editions})
    indexing = search.start_index(site_dir)
    try:
        found = csp.write_headers(site_dir)  # while Pagefind indexes: both only read the pages
    except csp.CspError as error:
        indexing.kill()
        indexing.wait()
        raise PostBuildError(str(error)) from None
    try:
        types = search.finish_index(site_dir, indexing, editions)
    except search.SearchError as error:
        raise PostBuildError(str(error)) from None
    precache = write_worker(site_dir)  # last: it versions and precaches every file written before it
    return PostBuild(indexed=len(types), scripts=len(found.scripts), precached=len(precache.files))
