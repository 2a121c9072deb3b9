"""No third-party requests at run time (docs/contracts.md, "Reader-facing promises"): no page
points the browser at another host. What pages really request in Chromium, with search, the
symptom checker, the palette and tooltips in use, is recorded by the tour (tests/test_tour.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.site_html import attribute, html_pages, soup

LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "action", "formaction")
"""Attributes whose URL a browser loads (or posts to) without the reader following a link."""


def test_no_page_points_the_browser_at_another_host(engine_site: Path) -> None:
    """What loads by itself (scripts, styles, images, fonts, preconnects) is the site's own;
    only links a reader chooses to follow may lead elsewhere. Each engine's build."""
    site = engine_site
    found = []
    for path in html_pages(site) + [site / "404.html"]:
        for element in soup(path).find_all(True):
            names = [n for n in LOADING_ATTRIBUTES if element.has_attr(n)]
            if element.name == "link" and "canonical" not in attribute(element, "rel").split():
                names.append("href")
            for name in names:
                for candidate in attribute(element, name).split(","):
                    url = candidate.strip().split(" ")[0]
                    if urlsplit(url).netloc:
                        found.append(f"{path.relative_to(site)}: <{element.name} {name}={url}>")
    assert found == []
