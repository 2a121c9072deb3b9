"""The site as deployed: Debian's nginx running deploy/nginx.conf and deploy/nginx-subpath.conf
with the headers the build writes, and every page in Chromium under that strict policy.

The `nginx` fixture (tests/conftest.py) builds the site twice, for the root of one port and for
/spasms/ on another, exactly as the README's "Self-hosting" section says to, and runs the
committed server blocks with only their listen address and paths changed.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen import csp
from sitegen.loader import load_dataset
from sitegen.triage import compile_tree
from tests.helpers import ROOT, Deployed
from tests.site_html import html_pages

WHERE = ["root", "subpath"]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""
"""Runs before any script of every document the page opens, so no violation goes unseen."""

SEARCH_BOX = "[data-site-search-input]"
SEARCH_SETTLED = "() => document.querySelector('[data-site-search-results]').getAttribute('aria-busy') === 'false'"


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one GET, without following redirects or raising on 404."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def expected_headers(site: Path) -> list[tuple[str, str]]:
    return csp.headers(csp.scan_site(site))


def page_urls(deployed: Deployed) -> list[str]:
    """Every page of the site as nginx serves it (404.html is visited by the 404 test)."""
    pages = [p.relative_to(deployed.site).as_posix().removesuffix("index.html") for p in html_pages(deployed.site)]
    assert len(pages) > 10
    return [deployed.url + page for page in pages]


# -- what nginx sends ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", WHERE)
def test_every_kind_of_response_carries_the_policy_the_build_wrote(nginx: dict[str, Deployed], where: str) -> None:
    deployed = nginx[where]
    bundle = next((deployed.site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    fragment = next((deployed.site / "pagefind" / "fragment").glob("*.pf_fragment")).name
    targets = {
        "a page": ("", 200),
        "the triage tree": ("triage/tree.json", 200),
        "Pagefind's worker": ("pagefind/pagefind-worker.js", 200),
        "a hashed asset": (f"assets/javascripts/{bundle}", 200),
        "an index chunk": (f"pagefind/fragment/{fragment}", 200),
        "a missing page": ("no/such/page/", 404),
    }
    wanted = expected_headers(deployed.site)
    assert wanted[0][0] == "Content-Security-Policy"
    for what, (path, status) in targets.items():
        got_status, headers, _ = fetch(deployed.url + path)
        assert got_status == status, f"{what}: {deployed.url + path}: {got_status}"
        for name, value in wanted:
            assert headers.get(name) == value, f"{what}: {name} is {headers.get(name)!r}"


def test_the_policy_allows_no_inline_script_but_by_hash_and_nothing_from_elsewhere(nginx: dict[str, Deployed]) -> None:
    for deployed in nginx.values():
        directives = dict(d.strip().split(" ", 1) for d in expected_headers(deployed.site)[0][1].split(";"))
        scripts = directives["script-src"].split()
        assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert scripts[2:] and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in scripts[2:]), scripts
        for directive, sources in directives.items():
            assert "'unsafe-eval'" not in sources, directive
            assert "http" not in sources and "*" not in sources, f"{directive} allows another origin"
            if directive != "style-src-attr":
                assert "'unsafe-inline'" not in sources, directive
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert directives["connect-src"] == "'self'" and directives["base-uri"] == "'self'"


def test_the_sub_path_build_hashes_its_own_404_page(nginx: dict[str, Deployed]) -> None:
    # 404.html's script names the site's path: the policy follows SITE_URL, not a copy.
    root, sub = (set(expected_headers(nginx[w].site)[0][1].split()) for w in WHERE)
    assert root != sub


@pytest.mark.parametrize("where", WHERE)
def test_hashed_assets_are_cached_for_a_year_and_pages_revalidate(nginx: dict[str, Deployed], where: str) -> None:
    deployed = nginx[where]
    stylesheet = next((deployed.site / "assets" / "stylesheets").glob("main.*.min.css")).name
    _, headers, _ = fetch(f"{deployed.url}assets/stylesheets/{stylesheet}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", "causes/", "assets/search.js", "pagefind/pagefind-entry.json"):
        _, headers, _ = fetch(deployed.url + path)
        assert headers["Cache-Control"] == "no-cache", path


@pytest.mark.parametrize("where", WHERE)
def test_text_is_sent_gzipped(nginx: dict[str, Deployed], where: str) -> None:
    deployed = nginx[where]
    for path in ("", "assets/search.js", "triage/tree.json", "sitemap.xml"):
        status, headers, body = fetch(deployed.url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", path
        assert gzip.decompress(body), path


@pytest.mark.parametrize("where", WHERE)
def test_a_folder_without_its_slash_redirects_on_the_same_host(nginx: dict[str, Deployed], where: str) -> None:
    status, headers, _ = fetch(nginx[where].url + "causes")
    assert status == 301
    assert headers["Location"] in ("/causes/", "/spasms/causes/")
    assert headers["Location"].startswith("/spasms/" if where == "subpath" else "/")


@pytest.mark.parametrize("where", WHERE)
def test_the_build_s_header_files_are_not_served(nginx: dict[str, Deployed], where: str) -> None:
    for name in (csp.HEADERS_FILE, csp.NGINX_FILE):
        assert (nginx[where].site / name).is_file()
        status, _, _ = fetch(nginx[where].url + name)
        assert status == 404, name


# -- the site in Chromium under the policy ------------------------------------------------------


@pytest.fixture
def strict_page(page: object) -> Iterator[object]:
    """A browser page that records policy violations, script errors, failed requests and error
    responses; the test fails unless they all stay empty."""
    page.add_init_script(RECORD_VIOLATIONS)  # type: ignore[attr-defined]
    page.problems = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))  # type: ignore[attr-defined]
    page.on(  # type: ignore[attr-defined]
        "console",
        lambda m: m.type == "error" and page.problems.append(f"console: {m.text} ({page.url})"),  # type: ignore[attr-defined]
    )
    # ERR_ABORTED is a request the page's own navigation cancelled (a reload during a favicon
    # fetch); one the policy blocks fails as ERR_BLOCKED_BY_CSP and is kept.
    page.on(  # type: ignore[attr-defined]
        "requestfailed",
        lambda r: r.failure != "net::ERR_ABORTED" and page.problems.append(f"request failed: {r.url} {r.failure}"),  # type: ignore[attr-defined]
    )
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status}: {r.url}"))  # type: ignore[attr-defined]
    yield page
    assert page.problems == []  # type: ignore[attr-defined]
    assert page.foreign_requests == []  # type: ignore[attr-defined]


def violations(page: object) -> list[str]:
    """The violations the current document has seen, emptied for the next check."""
    return page.evaluate("window.__violations.splice(0)")  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize("where", WHERE)
def test_every_page_loads_without_a_policy_violation(
    nginx: dict[str, Deployed], strict_page: object, where: str
) -> None:
    page = strict_page
    found = {}
    for url in page_urls(nginx[where]):
        response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        assert response.status == 200, url
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky", url  # type: ignore[attr-defined]
        if seen := violations(page):
            found[url] = seen
    assert found == {}


@pytest.mark.browser
@pytest.mark.parametrize("where", WHERE)
def test_a_missing_page_shows_the_site_s_404_page_under_the_policy(
    nginx: dict[str, Deployed], page: object, where: str
) -> None:
    page.add_init_script(RECORD_VIOLATIONS)  # type: ignore[attr-defined]
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url))  # type: ignore[attr-defined]
    response = page.goto(nginx[where].url + "no/such/page/", wait_until="networkidle")  # type: ignore[attr-defined]
    assert response.status == 404
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"  # type: ignore[attr-defined]
    assert "404" in page.locator("article").inner_text()  # type: ignore[attr-defined]
    assert failed == [] and violations(page) == []
    assert page.foreign_requests == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize("where", WHERE)
def test_search_finds_and_opens_results_under_the_policy(
    nginx: dict[str, Deployed], strict_page: object, where: str
) -> None:
    page, base = strict_page, nginx[where].url
    page.goto(base, wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate("window.__same_document = true")  # type: ignore[attr-defined]
    box = page.locator(SEARCH_BOX)  # type: ignore[attr-defined]
    box.click()
    box.fill("charley horse")
    page.wait_for_function(SEARCH_SETTLED)  # type: ignore[attr-defined]
    results = page.locator("[data-site-search-results] .site-search__result")  # type: ignore[attr-defined]
    assert results.count() > 0, "no results under the policy"
    assert page.locator("[data-site-search-results] mark").count() > 0  # type: ignore[attr-defined]  # excerpts
    target = results.first.get_attribute("href")
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(re.escape(base) + ".+"))  # type: ignore[attr-defined]
    assert page.evaluate("window.__same_document === true"), f"{target}: loaded whole, not instantly"  # type: ignore[attr-defined]
    assert violations(page) == []


def walk_to_an_outcome() -> list[str]:
    """The answer labels of the longest route from the start to an outcome."""
    tree = compile_tree(load_dataset(ROOT / "data"))
    longest: list[str] = []

    def walk(node_id: str, labels: list[str]) -> None:
        nonlocal longest
        node = tree["nodes"][node_id]
        if node["kind"] == "outcome":
            longest = max(longest, labels, key=len)
            return
        for answer in node["answers"]:
            walk(answer["next"], [*labels, answer["label"]])

    walk(tree["start"], [])
    return longest


@pytest.mark.browser
@pytest.mark.parametrize("where", WHERE)
def test_the_symptom_checker_reaches_an_outcome_under_the_policy(
    nginx: dict[str, Deployed], strict_page: object, where: str
) -> None:
    page, base = strict_page, nginx[where].url
    page.goto(base, wait_until="networkidle")  # type: ignore[attr-defined]
    # Reached by instant navigation, so Material loads the checker's module into a live page.
    page.evaluate("window.__same_document = true")  # type: ignore[attr-defined]
    page.locator(".md-sidebar--primary a[href$='triage/']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url(base + "triage/")  # type: ignore[attr-defined]
    assert page.evaluate("window.__same_document === true")  # type: ignore[attr-defined]
    checker = page.locator("#triage")  # type: ignore[attr-defined]
    for label in walk_to_an_outcome():
        checker.get_by_role("button", name=label, exact=True).first.click()
    checker.locator(".care-card").wait_for()
    assert checker.get_by_role("button", name="Start again", exact=True).is_visible()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]  # the state is in the hash; a full load runs it again
    checker.locator(".care-card").wait_for()
    assert violations(page) == []


@pytest.mark.browser
def test_the_palette_and_tooltips_work_under_the_policy(nginx: dict[str, Deployed], strict_page: object) -> None:
    page, base = strict_page, nginx["subpath"].url
    page.goto(base + "conditions/")  # type: ignore[attr-defined]
    body = page.locator("body")  # type: ignore[attr-defined]
    page.locator("label[for='__palette_1']").click()  # type: ignore[attr-defined]
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.reload()  # type: ignore[attr-defined]
    # Material's hashed inline script restores the reader's choice before the page paints.
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("article abbr").first.hover()  # type: ignore[attr-defined]
    page.locator(".md-tooltip2").first.wait_for()  # type: ignore[attr-defined]
    assert violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("where", WHERE)
def test_the_offline_worker_installs_and_controls_pages_under_the_policy(
    nginx: dict[str, Deployed], browser: object, where: str
) -> None:
    from tests.test_offline import CONTROLLED

    context = browser.new_context(service_workers="allow")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(nginx[where].url)
        worker = page.evaluate(CONTROLLED)
        assert worker["scope"] == nginx[where].url
        assert violations(page) == []
        page.goto(nginx[where].url + "diary/")
        page.get_by_role("button", name="Save entry").wait_for()
        assert page.evaluate("navigator.serviceWorker.controller !== null"), "the next page is the worker's"
        assert violations(page) == []
        assert errors == []
    finally:
        context.close()
