"""One tour of the site in Chromium as Debian's nginx serves it (deploy/*.conf, at the root and
under /spasms/), with the security headers the build wrote: a page of each template is opened, and
everything a reader's browser does is recorded at once.

What is recorded, on every page and in every interaction below: requests to any other host,
script errors and console errors, Content Security Policy violations, failed requests and error
responses. A request to another host shows even where the policy blocks it: Chromium reports
the attempt as a violation and as a failed request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.checker import TREE, click_through, longest_route
from tests.helpers import Deployed, real_dataset
from tests.recorder import Recorder, origin
from tests.test_accessibility import template_pages

pytestmark = pytest.mark.browser

WHERE = ["root", "subpath"]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""
"""Runs before any script of every document, so no violation goes unseen."""

SEARCH_SETTLED = "() => document.querySelector('[data-site-search-results]').getAttribute('aria-busy') === 'false'"
CITED = {source.url for source in real_dataset().sources.sources if source.url}


def violations(page: Page) -> list[str]:
    """The policy violations the current document has seen, emptied for the next check."""
    return list(page.evaluate("window.__violations.splice(0)"))


@dataclass
class Visit:
    url: str
    status: int
    header_sticky: bool
    header_icon_shown: bool
    web_fonts: list[str]
    violations: list[str]
    heading: str
    article: str


@dataclass
class Tour:
    deployed: Deployed
    visits: list[Visit]
    recorder: Recorder


def page_urls(deployed: Deployed) -> list[str]:
    """One page of each template, at the root and under the sub-path: what a page asks the
    network for comes from its template (every page's own references are read without a browser,
    on both engines' builds: tests/test_privacy.py, tests/test_csp.py, tests/test_links_http.py)."""
    pages = [page for page in template_pages(deployed.site) if page != "404.html"]
    assert len(pages) > 10, pages
    return [deployed.url + page for page in pages]


SEEN = """() => {
  const header = document.querySelector('.md-header');
  const icon = header.querySelector('svg').getBoundingClientRect();
  return {
    header_sticky: getComputedStyle(header).position === 'sticky'
      && getComputedStyle(header).backgroundColor !== 'rgba(0, 0, 0, 0)',
    // Icons are inline SVG and CSS masks: they draw without fetching anything.
    header_icon_shown: icon.width > 0 && icon.height > 0,
    web_fonts: [...document.fonts].filter(f => f.status !== 'unloaded').map(f => f.family),
    violations: window.__violations.splice(0),
    heading: document.querySelector('h1').innerText,
    article: document.querySelector('article').innerText,
  };
}"""
"""What a visit records of the page, in one call into it."""


def visit(page: Page, recorder: Recorder, url: str) -> Visit:
    response = page.goto(url, wait_until="load")
    recorder.wait_until_quiet(page)
    return Visit(url=url, status=response.status if response else 0, **page.evaluate(SEEN))


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    # The service worker is blocked so that what is recorded is what each page asks the network
    # for; test_the_offline_worker_... below runs it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture(scope="module", params=WHERE)
def tour(request: pytest.FixtureRequest, nginx: dict[str, Deployed], context: BrowserContext) -> Tour:
    deployed = nginx[request.param]
    recorder = Recorder(origin(deployed.url), missing=deployed.url + "no/such/page/")
    page = recorder.watch(context.new_page())
    visits = [visit(page, recorder, url) for url in [*page_urls(deployed), recorder.missing]]
    page.close()
    return Tour(deployed, visits, recorder)


@pytest.fixture
def watched(tour: Tour, context: BrowserContext) -> Iterator[tuple[Page, str]]:
    """A new page of the tour's address, recorded like the tour; the test fails unless it
    stays clean."""
    recorder = Recorder(origin(tour.deployed.url))
    page = recorder.watch(context.new_page())
    yield page, tour.deployed.url
    assert violations(page) == []
    page.close()
    recorder.assert_clean()


# -- every page ---------------------------------------------------------------------------------


def test_the_tour_loads_nothing_from_other_hosts_and_nothing_fails(tour: Tour) -> None:
    tour.recorder.assert_clean()
    assert {"document", "stylesheet", "script"} <= tour.recorder.kinds


def test_every_page_answers_200_and_the_missing_one_404(tour: Tour) -> None:
    *pages, missing = tour.visits
    assert [v.url for v in pages if v.status != 200] == []
    assert missing.status == 404 and "404" in missing.article


def test_no_page_violates_the_security_policy(tour: Tour) -> None:
    assert {v.url: v.violations for v in tour.visits if v.violations} == {}


def test_every_page_is_styled_with_its_icons_and_the_reader_s_own_fonts(tour: Tour) -> None:
    # Material's stylesheet applied (a sticky, coloured header) means the assets resolved at this path.
    assert [v.url for v in tour.visits if not (v.header_sticky and v.header_icon_shown)] == []
    # The site uses the reader's system fonts: no web font is ever loaded.
    assert {v.url: v.web_fonts for v in tour.visits if v.web_fonts} == {}


def test_the_home_page_opens_with_its_title(tour: Tour) -> None:
    home = next(v for v in tour.visits if v.url == tour.deployed.url)
    assert home.heading.startswith("Muscle spasms and cramps")


# -- what a reader does, under the policy -------------------------------------------------------


def test_the_emergency_block_is_a_landmark_with_the_number(watched: tuple[Page, str]) -> None:
    page, base = watched
    page.goto(base)
    emergency = page.get_by_role("complementary", name="Emergency")
    assert emergency.is_visible() and "911" in emergency.inner_text()


def test_the_palette_switches_to_dark_and_back_and_the_choice_survives_a_reload(watched: tuple[Page, str]) -> None:
    page, base = watched
    page.goto(base + "conditions/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert body.evaluate("e => getComputedStyle(e).backgroundColor") != "rgb(255, 255, 255)"
    page.reload()
    # Material's hashed inline script restores the reader's choice before the page paints.
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[for='__palette_0']").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_glossary_terms_explain_themselves_on_hover(watched: tuple[Page, str]) -> None:
    page, base = watched
    page.goto(base + "conditions/")
    abbreviation = page.locator("article abbr").first
    assert abbreviation.get_attribute("title")
    abbreviation.hover()
    page.locator(".md-tooltip2").first.wait_for()


def test_instant_navigation_follows_a_link_without_reloading(watched: tuple[Page, str]) -> None:
    page, base = watched
    # Material takes over links only once it has read sitemap.xml, after the load event.
    page.goto(base, wait_until="networkidle")
    page.evaluate("window.__same_document = true")
    page.locator("article").get_by_role("link", name="Causes").first.click()
    page.wait_for_url("**/causes/")
    assert page.evaluate("window.__same_document === true"), "loaded whole, not swapped in"
    page.locator("article h1", has_text=re.compile("^Causes")).wait_for()
    assert page.locator("article table").count() >= 2


def test_search_finds_and_opens_a_result_instantly(watched: tuple[Page, str]) -> None:
    page, base = watched
    page.goto(base, wait_until="networkidle")
    page.evaluate("window.__same_document = true")
    box = page.locator("[data-site-search-input]")
    box.click()
    box.fill("charley horse")
    page.wait_for_function(SEARCH_SETTLED)
    results = page.locator("[data-site-search-results] .site-search__result")
    assert results.count() > 0
    assert page.locator("[data-site-search-results] mark").count() > 0, "no highlighted excerpt"
    target = results.first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(base) + ".+"))
    assert page.evaluate("window.__same_document === true"), f"{target}: loaded whole, not instantly"


def test_the_symptom_checker_reached_instantly_walks_to_an_outcome_that_survives_a_reload(
    watched: tuple[Page, str],
) -> None:
    page, base = watched
    page.goto(base, wait_until="networkidle")
    # Reached by instant navigation, so Material loads the checker's module into a live page.
    page.evaluate("window.__same_document = true")
    page.locator(".md-sidebar--primary a[href$='triage/']").first.click()
    page.wait_for_url(base + "triage/")
    assert page.evaluate("window.__same_document === true")
    page.locator("#triage .triage__heading").wait_for()
    click_through(page, longest_route(TREE))
    checker = page.locator("#triage")
    checker.locator(".care-card").wait_for()
    assert checker.get_by_role("button", name="Start again", exact=True).is_visible()
    # Links to the sources leave the site when clicked, as a citation should; nothing else does.
    for link in checker.locator(".care-card a[href]").evaluate_all("as => as.map(a => a.href)"):
        if not link.startswith("tel:") and link not in CITED:
            assert origin(urljoin(base, link)) == origin(base), link
    page.reload()  # the state is in the address; a full load shows the same outcome
    checker.locator(".care-card").wait_for()


def test_the_offline_worker_installs_and_controls_pages_under_the_policy(tour: Tour, browser: Browser) -> None:
    from tests.test_offline import CONTROLLED

    base = tour.deployed.url
    context = browser.new_context(service_workers="allow")
    try:
        context.add_init_script(RECORD_VIOLATIONS)
        recorder = Recorder(origin(base))
        page = recorder.watch(context.new_page())
        page.goto(base)
        assert page.evaluate(CONTROLLED)["scope"] == base
        assert violations(page) == []
        page.goto(base + "diary/")
        page.get_by_role("button", name="Save entry").wait_for()
        assert page.evaluate("navigator.serviceWorker.controller !== null"), "the next page is the worker's"
        assert violations(page) == []
        recorder.assert_clean()
    finally:
        context.close()
