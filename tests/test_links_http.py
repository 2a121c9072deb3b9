"""Every link, asset and anchor resolves over HTTP, at the root of a host and under a sub-path.

A crawler starts at the home page as nginx serves it (the `nginx` fixture: deploy/*.conf, each
site built for its address) and follows what a browser would: `<a href>`, `<link href>`,
`<script src>`, `<img src>`, `srcset`, `url(...)` and `@import` in the site's own CSS, the links
the symptom checker shows (triage/tree.json) and the sitemap. Each internal target must answer
200 without a redirect, stay under the site's path, and have every `#anchor` it is linked with.
tests/test_site.py checks links in the built files; this checks what a reader's browser gets.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from tests.helpers import Deployed, real_dataset

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
NOT_FETCHED = ("data:", "mailto:", "tel:", "javascript:", "blob:")


class _Page(HTMLParser):
    """The URLs one HTML page refers to, and the anchors it offers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (where, url)
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if name in values:
                self.anchors.add(values[name])
        for name in ("href", "src"):
            if name in values and (tag, name) != ("base", "href"):
                self.links.append((f"<{tag} {name}>", values[name]))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.links.append((f"<{tag} srcset>", candidate.split()[0]))


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes = field(repr=False)


@dataclass(repr=False)
class Crawl:
    base: str
    responses: dict[str, Response] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (from, what, absolute url)
    external: set[str] = field(default_factory=set)

    def inside(self, url: str) -> bool:
        return url.startswith(self.base)

    def same_host(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(self.base).netloc


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


def get(url: str) -> Response:
    try:
        with OPENER.open(url, timeout=10) as response:
            return Response(response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers.get_content_type(), b"")


def crawl(base: str) -> Crawl:
    """Fetch the site from `base`, following every reference to a page or asset on the same host."""
    state = Crawl(base)
    queue = deque([base, urljoin(base, "triage/tree.json"), urljoin(base, "sitemap.xml")])
    while queue:
        url = queue.popleft()
        if url in state.responses:
            continue
        response = state.responses[url] = get(url)
        if response.status != 200:
            continue
        for what, target in references(url, response, state):
            absolute = urljoin(url, target)
            if absolute.startswith(NOT_FETCHED):
                continue
            state.links.append((url, what, absolute))
            if not state.same_host(absolute):
                state.external.add(absolute)
            else:
                queue.append(urldefrag(absolute).url)
    return state


def references(url: str, response: Response, state: Crawl) -> list[tuple[str, str]]:
    text = response.body.decode("utf-8")
    if response.content_type == "text/html":
        page = _Page()
        page.feed(text)
        state.anchors[url] = page.anchors
        return page.links
    if response.content_type == "text/css" and state.inside(url):
        return [("css url()", m.group(2) or m.group(4)) for m in CSS_URL.finditer(text)]
    if url.endswith("triage/tree.json"):
        # The checker's outcome links are relative to the site root (docs/contracts.md, "Triage tree").
        tree = json.loads(text)
        links = [link["url"] for node in tree["nodes"].values() for link in node.get("links", [])]
        return [("triage link", urljoin(state.base, link) if link else state.base) for link in links]
    if url.endswith("sitemap.xml"):
        locs = ElementTree.fromstring(text).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        return [("sitemap <loc>", loc.text or "") for loc in locs]
    return []


@pytest.fixture(scope="module", params=["root", "subpath"])
def crawled(request: pytest.FixtureRequest, nginx: dict[str, Deployed]) -> Crawl:
    return crawl(nginx[request.param].url)


def test_the_crawl_reaches_every_page_of_the_site(crawled: Crawl, nginx: dict[str, Deployed]) -> None:
    deployed = next(d for d in nginx.values() if d.url == crawled.base)
    pages = {
        crawled.base + p.relative_to(deployed.site).as_posix().removesuffix("index.html")
        for p in deployed.site.rglob("*.html")
        if p.name != "404.html" and "pagefind" not in p.parts
    }
    assert pages - set(crawled.responses) == set()


def test_every_internal_link_and_asset_answers_200(crawled: Crawl) -> None:
    broken = sorted(
        f"{source}: {what} {target} -> {crawled.responses[urldefrag(target).url].status}"
        for source, what, target in crawled.links
        if crawled.same_host(target) and crawled.responses[urldefrag(target).url].status != 200
    )
    assert broken == []
    kinds = {r.content_type for r in crawled.responses.values()}
    assert {"text/html", "text/css", "application/javascript", "image/svg+xml", "application/json"} <= kinds


def test_no_link_leaves_the_site_s_path(crawled: Crawl) -> None:
    # Under a sub-path, a link to "/" would reach whatever else the host serves.
    escaping = sorted(f"{s}: {w} {t}" for s, w, t in crawled.links if crawled.same_host(t) and not crawled.inside(t))
    assert escaping == []


def test_every_anchor_exists_in_its_target_page(crawled: Crawl) -> None:
    missing = []
    for source, what, target in crawled.links:
        page, fragment = urldefrag(target)
        if not fragment or page not in crawled.anchors:
            continue
        if unquote(fragment) not in crawled.anchors[page]:
            missing.append(f"{source}: {what} {target}")
    assert missing == []
    assert any(urldefrag(t).fragment for _, _, t in crawled.links), "no anchored links were checked"


def test_links_to_other_sites_are_https(crawled: Crawl) -> None:
    """Except a source cited at the http address it was read at: the citation keeps it exactly."""
    cited = {source.url for source in real_dataset().sources.sources}
    assert sorted(u for u in crawled.external if not u.startswith("https://") and u not in cited) == []
    assert any(u in cited for u in crawled.external), "no source is linked where it was read"
