"""The same site from either engine: Zensical's build against MkDocs' (the default), page by
page, and Zensical's in Chromium under the build's own Content Security Policy.

The record-by-record checks (tests/test_site.py), reproducibility (tests/test_build.py), CSP
headers (tests/test_csp.py) and privacy (tests/test_privacy.py) run on both builds too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from sitegen import csp, search
from sitegen.postbuild import TREE
from tests.helpers import QuietHandler, serve_static
from tests.recorder import Recorder
from tests.site_html import every_edition, html_pages, soup


def pages_of(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in html_pages(site)]


def test_both_engines_publish_the_same_pages_at_the_same_urls(mkdocs_site: Path, zensical_site: Path) -> None:
    assert pages_of(zensical_site) == pages_of(mkdocs_site)
    assert (zensical_site / "404.html").is_file()


def test_both_engines_publish_the_same_symptom_checker_tree(mkdocs_site: Path, zensical_site: Path) -> None:
    assert (zensical_site / TREE).read_bytes() == (mkdocs_site / TREE).read_bytes()


def test_both_engines_index_every_page_with_its_search_type(mkdocs_site: Path, zensical_site: Path) -> None:
    types = {
        engine: json.loads((site / search.BUNDLE / search.PAGE_TYPES).read_text(encoding="utf-8"))
        for engine, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site))
    }
    assert sorted(types["zensical"].values()) == sorted(types["mkdocs"].values())
    assert len(types["zensical"]) == sum(len(html_pages(e)) for e in every_edition(zensical_site))


@pytest.mark.parametrize("page", ["", "causes/dehydration/", "conditions/", "faq/", "triage/"])
def test_zensical_pages_carry_what_mkdocs_pages_carry(mkdocs_site: Path, zensical_site: Path, page: str) -> None:
    for site in (mkdocs_site, zensical_site):
        html = soup(site / page / "index.html")
        assert html.select_one("aside.emergency a.emergency__number"), f"{site}: {page}: no emergency block"
        assert html.select_one("article footer.provenance"), f"{site}: {page}: no provenance footer"
        assert html.select_one('script[type="application/ld+json"]'), f"{site}: {page}: no JSON-LD"
        assert html.select_one("article[data-pagefind-body]"), f"{site}: {page}: not marked for search"
        assert html.select_one("input[role=combobox][aria-controls=site-search-results]"), f"{site}: {page}"
    ours = soup(zensical_site / page / "index.html").select_one('script[type="application/ld+json"]')
    theirs = soup(mkdocs_site / page / "index.html").select_one('script[type="application/ld+json"]')
    assert ours is not None and theirs is not None, page
    assert json.loads(ours.string or "") == json.loads(theirs.string or "")


def test_zensical_gets_a_strict_policy_of_its_own(zensical_site: Path) -> None:
    policy = dict(csp.headers(csp.scan_site(zensical_site)))["Content-Security-Policy"]
    written = (zensical_site / csp.HEADERS_FILE).read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {policy}" in written
    assert "'unsafe-inline'" not in policy.split("style-src-attr")[0]
    assert "'unsafe-eval'" not in policy


def test_the_theme_overrides_are_not_published(zensical_site: Path, mkdocs_site: Path) -> None:
    for site in (zensical_site, mkdocs_site):
        assert not list(site.rglob("*.md")), f"{site}: Markdown sources published"
        assert not (site / "generated").exists()
        assert not (site / "partials").exists()


# -- Zensical's build in Chromium, served with its own security headers ------------------------


class PolicyHandler(QuietHandler):
    """Serves a built site with the headers its build wrote (`_headers`), as a host would."""

    headers_sent: list[tuple[str, str]] = []

    def end_headers(self) -> None:
        for name, value in self.headers_sent:
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module")
def zensical_served(zensical_site: Path) -> Iterator[str]:
    lines = (zensical_site / csp.HEADERS_FILE).read_text(encoding="utf-8").splitlines()[2:]
    handler = type("Handler", (PolicyHandler,), {"headers_sent": [tuple(s.strip().split(": ", 1)) for s in lines]})
    with serve_static(zensical_site, handler) as (address, _):
        yield address


@pytest.fixture
def watched(page: Page, recorded: Recorder) -> Iterator[Page]:
    """A browser page that fails the test on anything a reader would not want (tests/recorder.py),
    a policy violation included: Chromium reports one as a console error."""
    yield page
    recorded.assert_clean()


@pytest.mark.browser
def test_zensical_home_shows_the_emergency_block_styled(watched: Page, zensical_served: str) -> None:
    watched.goto(zensical_served, wait_until="networkidle")
    emergency = watched.get_by_role("complementary", name="Emergency")
    assert emergency.is_visible() and "911" in emergency.inner_text()
    header_colour = watched.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_colour not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.browser
def test_zensical_search_finds_a_page_from_a_readers_words(watched: Page, zensical_served: str) -> None:
    watched.goto(zensical_served + "causes/", wait_until="networkidle")
    box = watched.locator("input[role=combobox]")
    box.fill("charley horse")
    results = watched.locator("#site-search-results [role=option] a, #site-search-results a")
    results.first.wait_for()
    assert results.count() >= 1


@pytest.mark.browser
def test_zensical_symptom_checker_answers_its_first_question(watched: Page, zensical_served: str) -> None:
    watched.goto(zensical_served + "triage/")
    heading = watched.locator("#triage-heading")
    heading.wait_for()
    first = heading.inner_text()
    watched.locator("#triage").get_by_role("button").first.click()
    watched.wait_for_function("t => document.querySelector('#triage-heading').innerText !== t", arg=first)
