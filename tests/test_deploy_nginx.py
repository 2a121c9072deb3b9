"""The site as deployed: Debian's nginx running deploy/nginx.conf and deploy/nginx-subpath.conf
with the headers the build writes (every page in Chromium under that policy: tests/test_tour.py).

The `nginx` fixture (tests/conftest.py) builds the site twice, for the root of one port and for
/spasms/ on another, exactly as docs/self-hosting.md says to, and runs the
committed server blocks with only their listen address and paths changed.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitegen import csp
from tests.helpers import Deployed

WHERE = ["root", "subpath"]


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
        "a missing Spanish page": ("es/no/such/page/", 404),
    }
    wanted = expected_headers(deployed.site)
    assert wanted[0][0] == "Content-Security-Policy"
    for what, (path, status) in targets.items():
        got_status, headers, _ = fetch(deployed.url + path)
        assert got_status == status, f"{what}: {deployed.url + path}: {got_status}"
        for name, value in wanted:
            assert headers.get(name) == value, f"{what}: {name} is {headers.get(name)!r}"


@pytest.mark.parametrize("where", WHERE)
def test_another_site_may_read_the_files_published_for_reuse(nginx: dict[str, Deployed], where: str) -> None:
    """A web app elsewhere fetches the content API and the codes from its readers' browsers,
    which read a cross-origin answer only with this header (content/developers.md)."""
    deployed = nginx[where]
    code = next((deployed.site / "api" / "codes" / "icd10cm").glob("*.json")).name
    for path in ("api/manifest.json", f"api/codes/icd10cm/{code}", "triage/tree.json"):
        status, headers, _ = fetch(deployed.url + path, Origin="https://app.example.org")
        assert status == 200, path
        assert headers.get("Access-Control-Allow-Origin") == "*", f"{path}: another site's script cannot read it"


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
def test_a_missing_page_is_answered_in_its_edition_s_language(nginx: dict[str, Deployed], where: str) -> None:
    for edition, lang in (("", "en"), ("es/", "es")):
        status, _, body = fetch(f"{nginx[where].url}{edition}no/such/page/")
        assert status == 404 and f'<html lang="{lang}"'.encode() in body, f"/{edition}no/such/page/"


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
