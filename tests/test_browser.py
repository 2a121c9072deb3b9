"""The site in a real browser (Debian's Chromium): what a reader sees, and what it loads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_home_page_loads_styled_with_nothing_from_other_hosts(page: object, served: dict[str, str], where: str) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))  # type: ignore[attr-defined]
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))  # type: ignore[attr-defined]
    page.goto(served[where], wait_until="networkidle")  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text().startswith("Muscle spasms and cramps")  # type: ignore[attr-defined]
    emergency = page.get_by_role("complementary", name="Emergency")  # type: ignore[attr-defined]
    assert emergency.is_visible() and "911" in emergency.inner_text()
    # Material's stylesheet applied: the header has its colour, so assets resolved at this path.
    header_colour = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")  # type: ignore[attr-defined]
    assert header_colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert failed == []
    assert page.foreign_requests == []  # type: ignore[attr-defined]


def test_palette_toggle_switches_to_dark_mode_and_back(page: object, served: dict[str, str]) -> None:
    page.goto(served["root"])  # type: ignore[attr-defined]
    body = page.locator("body")  # type: ignore[attr-defined]
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()  # type: ignore[attr-defined]
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background = body.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.locator("label[for='__palette_0']").click()  # type: ignore[attr-defined]
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert page.foreign_requests == []  # type: ignore[attr-defined]


def test_instant_navigation_follows_a_link_without_leaving_the_site(page: object, served: dict[str, str]) -> None:
    # Material takes over links only once it has read sitemap.xml, after the load event.
    page.goto(served["root"], wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate("window.__same_document = true")  # type: ignore[attr-defined]
    page.locator("article").get_by_role("link", name="Causes").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/causes/")  # type: ignore[attr-defined]
    # Still the same document: Material swapped the page in rather than loading it whole.
    assert page.evaluate("window.__same_document === true")  # type: ignore[attr-defined]
    expect(page.locator("article h1")).to_have_text(re.compile("^Causes"))  # type: ignore[attr-defined]
    assert page.locator("article table").count() >= 2  # type: ignore[attr-defined]
    assert page.foreign_requests == []  # type: ignore[attr-defined]


def test_glossary_terms_explain_themselves_on_hover(page: object, served: dict[str, str]) -> None:
    page.goto(served["root"] + "conditions/")  # type: ignore[attr-defined]
    abbreviation = page.locator("article abbr").first  # type: ignore[attr-defined]
    assert abbreviation.get_attribute("title")
