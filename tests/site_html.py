"""Reading the built site the way a test needs it: pages, their text, links and anchors."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import markdown
from bs4 import BeautifulSoup, Tag

from sitegen.translations import languages


def page_file(site: Path, url: str) -> Path:
    """The HTML file a site-root-relative URL like `causes/dehydration/` is served from."""
    address = url.split("#")[0]
    return site / address / "index.html" if address.endswith("/") or address == "" else site / address


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str) -> Tag:
    """The page's main content, without header, navigation and footer."""
    found = soup(page_file(site, url)).select_one("article")
    assert found is not None, f"{url}: no <article>"
    return found


def words(text: str) -> str:
    return " ".join(text.split())


def _tight(text: str) -> str:
    """Words as read, with no space inside brackets or before punctuation: an inline element
    such as a glossary <abbr> is its own text node, joined to its neighbours by a space."""
    return re.sub(r" ([),.:;?!])", r"\1", re.sub(r"\( ", "(", words(text)))


def text_of(node: Tag | None) -> str:
    """The text a reader sees, without the pilcrows of heading permalinks."""
    assert node is not None, "no such element on the page"
    # Set aside in one pass: asking each text node for a permalink among its parents took seconds.
    permalinks = {id(s) for link in node.find_all(class_="headerlink") for s in link.find_all(string=True)}
    return _tight(" ".join(s for s in node.find_all(string=True) if id(s) not in permalinks))


def markdown_text(source: str) -> str:
    """What a reader sees of a Markdown data field."""
    return _tight(BeautifulSoup(markdown.markdown(source), "html.parser").get_text(" "))


def json_ld(site: Path, url: str) -> dict[str, Any]:
    script = soup(page_file(site, url)).select_one('script[type="application/ld+json"]')
    assert script is not None, f"{url}: no JSON-LD"
    data: dict[str, Any] = json.loads(script.string or "")
    return data


def attribute(node: Tag | None, name: str) -> str:
    """An attribute's value as written, '' when absent (bs4 gives `class` and `rel` as lists: joined)."""
    value = node.get(name) if node is not None else None
    return " ".join(value) if isinstance(value, list) else value or ""


EDITIONS = tuple(languages(Path(__file__).resolve().parent.parent / "data"))
"""The other editions' folders in a built site (sitegen.editions): `es`."""


def html_pages(site: Path) -> list[Path]:
    """Every content page of the edition at `site` (the English site root, or `site / "es"`),
    without the other editions' folders. 404.html is left out: a server shows it at any depth, so
    MkDocs gives it links from the root of SITE_URL, which is where a self-hoster sets the sub-path."""

    def inside(path: Path) -> bool:
        parts = path.relative_to(site).parts
        return "pagefind" not in parts and parts[0] not in EDITIONS and path.name != "404.html"

    return sorted(p for p in site.rglob("*.html") if inside(p))


def every_edition(site: Path) -> list[Path]:
    """The roots of every edition in a built site: the site itself, then `site / "es"`, ..."""
    return [site, *(site / folder for folder in EDITIONS)]
