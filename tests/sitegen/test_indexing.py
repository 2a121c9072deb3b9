"""sitegen/indexing.py: pages fed to Pagefind as an engine writes them give one index, whatever the
order they were written in, and the same one as their whole pages would; Pagefind's failures are
errors, not a hang."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from sitegen import indexing, search
from sitegen.indexing import Indexer
from sitegen.page_reader import POLL_SECONDS, PageReader
from tests.helpers import real_editions

EDITIONS = real_editions()
"""The site's editions, whose content API the reader reads marked pages for."""

PAGES = [f"causes/cause-{number}/index.html" for number in range(6)]


def page(words: str) -> str:
    body = f'<article data-pagefind-body data-pagefind-meta="type:cause"><h1>{words}</h1><p>{words}</p></article>'
    return f'<html lang="en"><head><title>{words}</title></head><body>{body}</body></html>'


def built_index(site: Path, written_order: list[str], *, half_written: str = "") -> dict[str, bytes]:
    """The bundle Pagefind writes for PAGES, the engine writing them in `written_order`, a few looks
    apart; the page at `half_written` is seen for a while with its head only (unmarked yet)."""
    with Indexer() as indexer:
        reader = PageReader(indexer, EDITIONS)
        with reader.following(site, PAGES):
            for number, relative in enumerate(written_order):
                whole = page(f"cramp number {PAGES.index(relative)}")
                (site / relative).parent.mkdir(parents=True, exist_ok=True)
                with (site / relative).open("w") as out:
                    if relative == half_written:
                        out.write(whole[: whole.index("<body>")])
                        out.flush()
                        time.sleep(3 * POLL_SECONDS)
                    out.write(whole[out.tell() :])
                if number % 2:
                    time.sleep(2 * POLL_SECONDS)
        reader.pages(site)
        indexer.ask_for_index()(site / search.BUNDLE)
    bundle = site / search.BUNDLE
    return {str(path.relative_to(bundle)): path.read_bytes() for path in sorted(bundle.rglob("*")) if path.is_file()}


def test_the_index_is_the_same_whatever_order_the_engine_wrote_the_pages_in(tmp_path: Path) -> None:
    in_order = built_index(tmp_path / "a", PAGES)
    backwards = built_index(tmp_path / "b", PAGES[::-1], half_written=PAGES[0])
    assert in_order == backwards
    entry = json.loads(in_order[search.ENTRY])
    assert entry["languages"]["en"]["page_count"] == len(PAGES)


def bundle_of(pages: dict[str, bytes], bundle: Path) -> dict[str, object]:
    """The bundle Pagefind writes for `pages`, its entry file's languages in any order (sitegen.search `sort_entry`)."""
    with Indexer() as indexer:
        for relative, html in pages.items():
            indexer.add(relative, html)
        written = indexer.ask_for_index()(bundle)
    files: dict[str, object] = {
        path.relative_to(bundle).as_posix(): path.read_bytes() for path in sorted(bundle.rglob("*")) if path.is_file()
    }
    assert written == files, "what writing the index returns is what it wrote, for the build to read in memory"
    return {**files, search.ENTRY: json.loads((bundle / search.ENTRY).read_text(encoding="utf-8"))}


def test_the_index_of_the_built_site_is_the_one_its_whole_pages_give(
    engine_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {
        str(path.relative_to(engine_site)): path.read_bytes()
        for path in sorted(engine_site.rglob("*.html"))
        if search.BUNDLE not in path.relative_to(engine_site).parts
    }
    sent = [indexing.what_pagefind_reads(html) for html in pages.values()]
    assert sum(len(html) for html in sent) < sum(len(html) for html in pages.values()) / 2
    cut = bundle_of(pages, tmp_path / "cut")
    monkeypatch.setattr(indexing, "what_pagefind_reads", lambda page: page)
    assert cut == bundle_of(pages, tmp_path / "whole")


def test_a_page_with_pagefind_attributes_outside_its_marked_region_is_indexed_whole(tmp_path: Path) -> None:
    header = '<header data-pagefind-filter="section:guides">Guides</header>'
    html = page("night cramps").replace("<body>", f"<body>{header}").encode()
    assert indexing.what_pagefind_reads(html) == html
    bundle_of({"index.html": html}, tmp_path)
    (fragment,) = (search.page_of(f.read_bytes(), f.name) for f in (tmp_path / "fragment").iterdir())
    assert fragment["filters"] == {"section": ["guides"]}


def test_a_page_written_again_after_it_was_indexed_is_indexed_as_it_ends_once(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    with Indexer() as indexer:
        reader = PageReader(indexer, EDITIONS)
        with reader.following(tmp_path, ["index.html"]):
            target.write_text(page("first draft"))
            time.sleep(3 * POLL_SECONDS)
            target.write_text(page("final words"))
        reader.pages(tmp_path)
        indexer.ask_for_index()(tmp_path / search.BUNDLE)
    fragments = [search.page_of(f.read_bytes(), f.name) for f in (tmp_path / search.BUNDLE / "fragment").iterdir()]
    entry = json.loads((tmp_path / search.BUNDLE / search.ENTRY).read_text())
    assert entry["languages"]["en"]["page_count"] == 1
    assert [fragment["meta"]["title"] for fragment in fragments if fragment["url"] == "/"] == ["final words"]


def test_pagefind_stopping_is_an_error_that_says_so(tmp_path: Path) -> None:
    with Indexer() as indexer:
        indexer.add("index.html", page("cramp").encode())
        assert indexer._process is not None
        indexer._process.kill()
        with pytest.raises(search.SearchError, match="Pagefind stopped"):
            for _ in range(100):  # the pipe takes a few pages before it notices
                indexer.add("index.html", page("cramp").encode())
            indexer.ask_for_index()(tmp_path / search.BUNDLE)


def test_a_request_pagefind_cannot_read_is_an_error_that_says_so_not_a_hang(tmp_path: Path) -> None:
    with Indexer() as indexer:
        indexer.add("index.html", page("cramp").encode())
        assert indexer._process is not None and indexer._process.stdin is not None
        indexer._process.stdin.write(b"not base64 at all,")  # as a request of another Pagefind version would be
        indexer._process.stdin.flush()
        with pytest.raises(search.SearchError, match="could not read"):
            indexer.ask_for_index()(tmp_path / search.BUNDLE)
