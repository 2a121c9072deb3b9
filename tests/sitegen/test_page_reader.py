"""sitegen/page_reader.py: pages read while an engine writes them give what reading the finished site gives."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen import csp
from sitegen.indexing import Indexer
from sitegen.page_reader import POLL_SECONDS, PageReader
from tests.helpers import real_editions

EDITIONS = real_editions()
"""The site's editions, whose content API the reader reads marked pages for."""

PAGES = ["index.html", "causes/cramp/index.html"]


def page(script: str, *, in_article: str = "") -> str:
    return f"<html><head><script>{script}</script></head><body><article>{in_article}</article></body></html>"


def a_few_looks() -> None:
    time.sleep(3 * POLL_SECONDS)


@pytest.fixture
def reader() -> Iterator[PageReader]:
    """A reader as the build has one, feeding Pagefind (which starts with the first page it is given)."""
    with Indexer() as indexer:
        yield PageReader(indexer, EDITIONS)


def test_a_page_the_engine_writes_again_after_it_was_read_counts_as_it_ends(tmp_path: Path, reader: PageReader) -> None:
    with reader.following(tmp_path, PAGES):
        for relative in PAGES:
            (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / relative).write_text(page("first()"))
        a_few_looks()
        (tmp_path / PAGES[1]).write_text(page("second()"))
    found = reader.pages(tmp_path)
    assert found.inline.scripts == {csp.sha256_source("first()"), csp.sha256_source("second()")}
    with Indexer() as indexer:
        assert found == PageReader(indexer, EDITIONS).pages(tmp_path), "the same as reading the finished site"


def test_a_page_read_while_half_written_counts_whole(tmp_path: Path, reader: PageReader) -> None:
    whole = page("whole()")
    with reader.following(tmp_path, ["index.html"]), (tmp_path / "index.html").open("w") as out:
        out.write(whole[:30])
        out.flush()
        a_few_looks()
        out.write(whole[30:])
    assert reader.pages(tmp_path).inline.scripts == {csp.sha256_source("whole()")}


def test_the_last_builds_pages_are_not_taken_for_this_ones(tmp_path: Path, reader: PageReader) -> None:
    (tmp_path / "index.html").write_text(page("last_build()"))
    (tmp_path / "gone.html").write_text(page("removed_since()"))
    with reader.following(tmp_path, ["index.html", "gone.html"]):
        a_few_looks()
        (tmp_path / "gone.html").unlink()
        (tmp_path / "index.html").write_text(page("this_build()"))
    found = reader.pages(tmp_path)
    assert found.inline.scripts == {csp.sha256_source("this_build()")}
    assert list(found.digests) == ["index.html"]


def test_a_refused_script_on_a_page_read_while_following_is_named_by_its_place_in_the_site(
    tmp_path: Path, reader: PageReader
) -> None:
    edition = tmp_path / "es"
    with reader.following(edition, ["causes/cramp/index.html"], prefix="es/"):
        (edition / "causes" / "cramp").mkdir(parents=True)
        (edition / "causes" / "cramp" / "index.html").write_text(page("ok()", in_article="<script>bad()</script>"))
        a_few_looks()
    problems = reader.pages(tmp_path).inline.problems
    assert len(problems) == 1 and problems[0].startswith("es/causes/cramp/index.html:1: an inline <script>")
