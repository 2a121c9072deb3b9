"""What a built site gets after any engine has written its pages: for each edition
(sitegen.editions) the symptom checker's `triage/tree.json` and the diary's `diary/diary.json`
(sitegen.diary) in its folder, the sitemap of every edition (sitegen.sitemaps), the pages as a
content API (sitegen.content_api), the Pagefind index
(sitegen.search) with its spelling vocabulary, the security headers (sitegen.csp), as it hashes the finished pages, and
the offline worker (sitegen.offline), last, as it versions every file.
Each edition's folder gets the codes API too (sitegen.codes_api).

Pagefind runs in a process of its own (sitegen.indexing), given each page as it is read once for
what every step needs of it (sitegen.page_reader: during a build most pages were read, and
indexed, as the engine wrote them); this process then reads Pagefind's fragments as Pagefind
writes the index (sitegen.search `Fragments`), so little is left to do once it is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import content_api, csp, offline, questionnaire, search
from sitegen.codes_api import write_codes_api
from sitegen.dataset import Dataset
from sitegen.diary import write_diary_json
from sitegen.editions import Edition
from sitegen.indexing import Indexer
from sitegen.page_reader import PageReader
from sitegen.sitemaps import merge_sitemaps
from sitegen.strings import SOURCE, strings
from sitegen.triage import compile_tree, tree_json

TREE = Path("triage") / "tree.json"
"""Where the checker's script fetches its tree, relative to the site root (docs/contracts.md, "Triage tree")."""


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


def postbuild(site_dir: Path, editions: Dataset | list[Edition], reader: PageReader | None = None) -> PostBuild:
    """Every post-build step, in order; raise PostBuildError on the first that refuses.
    `editions`: every edition the site holds, English first (a dataset alone: English only);
    `reader`: the pages already read (and indexed) while the engine wrote them (sitegen.page_reader),
    with the Pagefind service it fed (its `indexer`), if any."""
    if isinstance(editions, Dataset):
        editions = [Edition(SOURCE, editions, strings(SOURCE))]
    if reader is None or reader.indexer is None:
        with Indexer() as indexer:
            return postbuild(site_dir, editions, PageReader(indexer))
    # The files Pagefind does not read (sitegen.search), then every page, each indexed as it is read.
    for edition in editions:
        write_tree(site_dir, edition.dataset, edition)
        write_diary_json(edition.dataset, site_dir / edition.prefix)
        write_codes_api(site_dir, edition)
    questionnaire.write_resources(site_dir, editions)  # the checker as FHIR, beside each tree.json
    merge_sitemaps(site_dir, {edition.lang: edition.prefix for edition in editions})
    pages = reader.pages(site_dir)
    try:
        content_api.write_content_api(site_dir, editions)
        found = csp.write_headers(site_dir, pages.inline)
        index = search.finish_index(
            site_dir, reader.indexer.write, editions, marked=pages.marked, digest=offline.file_digest
        )
    except (content_api.ContentApiError, csp.CspError, search.SearchError) as error:
        raise PostBuildError(str(error)) from None
    # Last: it versions and precaches every file written before it.
    order = offline.precache_order(editions[0].dataset)
    precache = offline.write_worker(site_dir, order, {**pages.digests, **index.digests})
    return PostBuild(indexed=len(index.types), scripts=len(found.scripts), precached=len(precache.files))
