"""No third-party requests at run time (shared/design.md, "Reader-facing promises"): every page
in Chromium, with its fonts, icons, search, symptom checker, palette and tooltips in use,
asks only the site's own server for anything.

The pages are served without a Content Security Policy (the `served` fixture), so a request
that the policy would block still shows here as the page trying to make it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sitegen.loader import load_dataset
from sitegen.triage import compile_tree
from tests.helpers import ROOT
from tests.site_html import html_pages, soup

pytestmark = pytest.mark.browser

LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "action", "formaction")
"""Attributes whose URL a browser loads (or posts to) without the reader following a link."""


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def recorded(page: object, served: dict[str, str]) -> Iterator[object]:
    """A page that records every request it makes which does not go to the site's own server.
    `data:` and `blob:` URLs are the page's own bytes, not requests."""
    own = origin(served["root"])
    page.elsewhere = []  # type: ignore[attr-defined]
    page.kinds = set()  # type: ignore[attr-defined]

    def record(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        page.kinds.add(request.resource_type)  # type: ignore[attr-defined]
        if not url.startswith(("data:", "blob:")) and origin(url) != own:
            page.elsewhere.append(f"{request.resource_type} {url} (from {page.url})")  # type: ignore[attr-defined]

    page.on("request", record)  # type: ignore[attr-defined]
    yield page
    assert page.elsewhere == []  # type: ignore[attr-defined]
    assert page.foreign_requests == []  # type: ignore[attr-defined]


def test_no_page_points_the_browser_at_another_host(engine_site: Path) -> None:
    """What loads by itself (scripts, styles, images, fonts, preconnects) is the site's own;
    only links a reader chooses to follow may lead elsewhere. Each engine's build."""
    site = engine_site
    found = []
    for path in html_pages(site) + [site / "404.html"]:
        for element in soup(path).find_all(True):
            names = [n for n in LOADING_ATTRIBUTES if element.has_attr(n)]
            if element.name == "link" and "canonical" not in element.get("rel", []):
                names.append("href")
            for name in names:
                for candidate in element[name].split(","):
                    url = candidate.strip().split(" ")[0]
                    if urlsplit(url).netloc:
                        found.append(f"{path.relative_to(site)}: <{element.name} {name}={url}>")
    assert found == []


def test_every_page_loads_only_from_the_site(recorded: object, site: Path, served: dict[str, str]) -> None:
    page = recorded
    for path in html_pages(site):
        url = served["root"] + path.relative_to(site).as_posix().removesuffix("index.html")
        page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        # Icons are inline SVG and CSS masks: they draw without fetching anything.
        assert page.locator(".md-header svg").first.is_visible(), url  # type: ignore[attr-defined]
        fonts = page.evaluate("[...document.fonts].filter(f => f.status !== 'unloaded').map(f => f.family)")  # type: ignore[attr-defined]
        assert fonts == [], f"{url}: web fonts {fonts} (the site uses the reader's system fonts)"
    assert {"document", "stylesheet", "script"} <= page.kinds  # type: ignore[attr-defined]


def test_search_and_the_symptom_checker_load_only_from_the_site(recorded: object, served: dict[str, str]) -> None:
    page = recorded
    page.goto(served["subpath"] + "conditions/")  # type: ignore[attr-defined]
    page.locator("label[for='__palette_1']").click()  # type: ignore[attr-defined]
    page.locator("article abbr").first.hover()  # type: ignore[attr-defined]
    box = page.locator("[data-site-search-input]")  # type: ignore[attr-defined]
    box.click()
    box.fill("leg cramps at night")
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelectorAll('[data-site-search-results] .site-search__result').length > 0"
    )
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]

    tree = compile_tree(load_dataset(ROOT / "data"))
    page.goto(served["subpath"] + "triage/")  # type: ignore[attr-defined]
    node = tree["nodes"][tree["start"]]
    while node["kind"] == "question":
        answer = node["answers"][-1]
        page.locator("#triage").get_by_role("button", name=answer["label"], exact=True).first.click()  # type: ignore[attr-defined]
        node = tree["nodes"][answer["next"]]
    page.locator("#triage .care-card").wait_for()  # type: ignore[attr-defined]
    links = page.locator("#triage .care-card a[href]").evaluate_all("as => as.map(a => a.href)")  # type: ignore[attr-defined]
    # Links to the sources leave the site when clicked, as a citation should; nothing loads from them.
    cited = {source.url for source in load_dataset(ROOT / "data").sources.sources}
    for link in links:
        if not link.startswith("tel:") and link not in cited:
            assert origin(link) == origin(urljoin(served["subpath"], link)) == origin(served["root"]), link
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert {"fetch", "script"} <= page.kinds  # type: ignore[attr-defined]
