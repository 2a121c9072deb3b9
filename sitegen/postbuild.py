"""What a built site gets after any engine has written its pages: for each edition
(sitegen.editions) the symptom checker's `triage/tree.json` and the diary's `diary/diary.json`
(sitegen.diary) in its folder, each edition's codes API (sitegen.codes_api), the checker as a FHIR
Questionnaire (sitegen.questionnaire), the sitemap of every edition (sitegen.sitemaps), the pages
as a content API (sitegen.content_api), the Pagefind index (sitegen.search) with its spelling
vocabulary, the security headers (sitegen.csp), as it hashes the finished pages, and the offline
worker (sitegen.offline), last, as it versions every file.

Pagefind runs in a process of its own (sitegen.indexing), given each page as it is read once for
what every step needs of it (sitegen.page_reader: during a build most pages were read, and
indexed, as the engine wrote them). `python -m sitegen postbuild SITE` runs the same steps over a
finished site, which it leaves as the build left it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import content_api, csp, offline, questionnaire, search
from sitegen.codes_api import write_codes_api
from sitegen.diary import write_diary_json
from sitegen.editions import Edition
from sitegen.page_reader import PageReader
from sitegen.published import published_json
from sitegen.sitemaps import merge_sitemaps
from sitegen.triage import compile_tree

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


def write_tree(site_dir: Path, edition: Edition) -> None:
    """The compiled, verified triage tree, the same one the page's script runs, in the edition's folder."""
    target = site_dir / edition.prefix / TREE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(published_json(compile_tree(edition.dataset, edition.t)), encoding="utf-8")


def postbuild(site_dir: Path, editions: list[Edition], reader: PageReader) -> PostBuild:
    """Every post-build step, in order; raise PostBuildError on the first that refuses.
    `editions`: every edition the site holds, English first (sitegen.editions); `reader`: what
    reads the pages and feeds them to Pagefind (sitegen.page_reader), whatever it has read already."""
    pages = reader.pages(site_dir)  # every page read, and those marked for search indexed
    # Pagefind builds its index in its own process while the files it does not read are written.
    write_index = reader.indexer.ask_for_index()
    for edition in editions:
        write_tree(site_dir, edition)
        write_diary_json(edition.dataset, site_dir / edition.prefix)
        write_codes_api(site_dir, edition)
    questionnaire.write_resources(site_dir, editions)  # the checker as FHIR, beside each tree.json
    merge_sitemaps(site_dir, {edition.lang: edition.prefix for edition in editions})
    try:
        content_api.write_content_api(site_dir, pages.api)
        csp.write_headers(site_dir, pages.inline)
        types = search.finish_index(site_dir, write_index, editions, pages.marked)
    except (content_api.ContentApiError, csp.CspError, search.SearchError) as error:
        raise PostBuildError(str(error)) from None
    # Last: it versions and precaches every file written before it.
    precache = offline.write_worker(site_dir, offline.precache_order(editions[0].dataset), pages.digests)
    return PostBuild(indexed=len(types), scripts=len(pages.inline.scripts), precached=len(precache.files))
