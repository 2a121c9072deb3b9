"""The home page starts from what a reader came for (issue 12): the quick fix for a cramp now,
the way to the symptom checker, the emergency signs, and cards for the rest; and its first view
stays small, with the offline worker's precache left until after the page has loaded."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Response

from sitegen import urls
from tests.helpers import real_dataset
from tests.site_html import article, soup, text_of

DATA = real_dataset()
FIRST_VIEW_MAX = 100_000


def test_the_home_page_opens_with_the_quick_fix_and_the_checker(site: Path) -> None:
    content = article(site, "")
    first = content.find("h2")
    assert first is not None and text_of(first) == "Cramp right now?"
    check = content.find("a", string="Check your symptoms")
    assert check is not None and check["href"] == "triage/"
    assert "md-button--primary" in check["class"]


def test_the_home_page_lists_every_emergency_sign_from_the_data(site: Path) -> None:
    card = article(site, "").select_one(".care-card--emergency")
    assert card is not None
    emergency = [f for f in DATA.red_flags.red_flags if f.level == "emergency"]
    links = {a.get_text(): a["href"] for a in card.select("li a")}
    assert links == {f.text: f"when-to-see-a-doctor/#{f.id}" for f in emergency}


@pytest.mark.parametrize("place", ["causes", "when-to-see-a-doctor", "action-plan", "diary", "faq"])
def test_the_home_page_has_a_card_for(site: Path, place: str) -> None:
    cards = article(site, "").select(".grid.cards li")
    assert urls.PAGES[place].url in [a["href"] for card in cards for a in card.find_all("a")]


def test_the_diary_is_in_the_navigation_of_every_page(site: Path) -> None:
    for path in (site / "index.html", site / "causes" / "index.html"):
        nav = soup(path).select_one("nav.md-nav--primary")
        assert nav is not None
        assert "Cramp diary" in [a.get_text(strip=True) for a in nav.find_all("a")], path


LONGEST_GUIDE = max(DATA.guides.guides, key=lambda guide: len(guide.model_dump_json())).id


@pytest.mark.browser
@pytest.mark.parametrize(
    ("name", "url"), [("home", ""), ("guide", f"guides/{LONGEST_GUIDE}/"), ("checker", "triage/")], ids=str
)
def test_a_first_view_is_at_most_100_kb_gzip(
    browser: Browser, site: Path, served: dict[str, str], figure: Callable[[str], None], name: str, url: str
) -> None:
    """Everything the page loads until it is idle, the service worker allowed: the worker's
    precache starts after `load`, so the first view counts only what the page needs."""
    context = browser.new_context()
    try:
        page = context.new_page()
        before_load: list[str] = []
        loaded = False

        def seen(response: Response) -> None:
            if not loaded:
                before_load.append(urlsplit(response.url).path)

        page.on("response", seen)
        page.goto(served["root"] + url, wait_until="load")
        loaded = True
        worker = page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)")
        assert worker == served["root"] + "sw.js", "the worker registers after the page has loaded"
    finally:
        context.close()
    files = [site / (path.removeprefix("/") or "index.html") for path in before_load]
    files = [f / "index.html" if f.is_dir() else f for f in files]
    total = sum(len(gzip.compress(f.read_bytes(), 6, mtime=0)) for f in files if f.is_file())
    assert "/sw.js" not in before_load, "nothing of the worker's before the page has loaded"
    figure(f"[{name}] first view of /{url}: {len(files)} files, {total / 1000:.1f} KB gzip")
    assert total <= FIRST_VIEW_MAX
