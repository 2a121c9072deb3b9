"""The site offline (docs/contracts.md, "Diary and offline"): the service worker precaches a
small enough site, controls every page after the first visit at the root and under a sub-path,
keeps pages, search, the checker and the diary working with the server gone, and a new build
replaces the old cache as soon as the reader is online."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

from sitegen.offline import PRECACHE_BUDGET, WORKER, plan, precache_order, write_worker
from tests.helpers import real_dataset, real_editions, serve_static
from tests.test_diary import record
from tests.test_search import search

DATA = real_dataset()
EDITIONS = real_editions()
ORDER = precache_order(DATA)
CAUSE = DATA.causes.causes[0]


def published_build(site: Path) -> dict[str, Any]:
    found = re.search(r"^const BUILD = (.*);$", (site / WORKER).read_text(encoding="utf-8"), re.M)
    assert found is not None, f"{WORKER}: no BUILD"
    build: dict[str, Any] = json.loads(found.group(1))
    return build


def test_the_precache_holds_the_night_time_pages_first_within_the_budget(
    site: Path, figure: Callable[[str], None]
) -> None:
    precache = plan(site, ORDER, {})
    figure(
        f"[offline] precache: {len(precache.files)} files, {precache.gzip_bytes / 1000:.0f} KB gzip "
        f"(budget {PRECACHE_BUDGET / 1000:.0f} KB); whole site: {precache.whole_site}"
    )
    assert precache.gzip_bytes <= PRECACHE_BUDGET
    build = published_build(site)
    assert (build["version"], build["precache"]) == (precache.version, list(precache.files))
    night = ("", "triage/", "when-to-see-a-doctor/", "guides/", f"guides/{DATA.guides.guides[0].id}/")
    for page in (*night, "triage/tree.json", "diary/diary.json"):
        assert page in precache.files, page
    assert not [f for f in precache.files if f.endswith(".map") or f.startswith("_headers")]


def test_past_the_budget_the_shell_and_the_first_pages_come_first_and_the_rest_on_first_view(site: Path) -> None:
    shell = plan(site, ORDER, {}, budget=0).gzip_bytes  # nothing fits beside the shell
    budget = shell + 70_000  # the first pages fit too (home, checker and warning signs: about 60 KB)
    precache = plan(site, ORDER, {}, budget=budget)
    assert not precache.whole_site
    assert precache.gzip_bytes <= budget
    for needed in ("", "triage/", "when-to-see-a-doctor/", "diary/diary.json", "pagefind/pagefind.js"):
        assert needed in precache.files, needed
    assert f"causes/{CAUSE.id}/" not in precache.files
    assert not [f for f in precache.files if f.startswith(("pagefind/fragment/", "pagefind/index/"))]


def test_any_change_to_the_build_changes_the_worker_s_version(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert plan(copy, ORDER, {}).version == plan(site, ORDER, {}).version, "the same build, the same version"
    page = copy / "causes" / CAUSE.id / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (revised)</h1>", 1), encoding="utf-8")
    assert plan(copy, ORDER, {}).version != plan(site, ORDER, {}).version


# -- in Chromium --------------------------------------------------------------------------------


@pytest.fixture
def worker_context(browser: Browser) -> Iterator[object]:
    """A fresh browser context that lets the site's service worker run."""
    context = browser.new_context(service_workers="allow")
    yield context
    context.close()


CONTROLLED = """async () => {
  const registration = await navigator.serviceWorker.ready;  // installed: the precache is in
  if (!navigator.serviceWorker.controller) {
    const changed = (resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
    await new Promise(changed);
  }
  const script = navigator.serviceWorker.controller.scriptURL;
  return { scope: registration.scope, script, caches: await caches.keys() };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("where", ["root", "subpath"])
def test_after_a_first_visit_every_page_kind_works_with_the_server_gone(
    worker_context: BrowserContext, site: Path, tmp_path: Path, where: str
) -> None:
    www = tmp_path / "www"
    path = "spasms/" if where == "subpath" else ""
    shutil.copytree(site, www / path)
    guide = DATA.guides.guides[0]
    with serve_static(www) as (address, server):
        base = address + path
        page = worker_context.new_page()
        page.goto(base)
        worker = page.evaluate(CONTROLLED)
        assert worker["scope"] == base, "the worker is scoped to the site's root"
        assert worker["script"] == base + WORKER
        # Past the budget, a page outside the precache and the index chunks a query needs are
        # kept as the reader first opens or searches them.
        page.goto(base + f"causes/{CAUSE.id}/")
        assert search(page, "charley horse"), "online, the search finds it"
        server.shutdown()
        worker_context.set_offline(True)

        page.goto(base + f"guides/{guide.id}/")
        assert page.locator("h1").inner_text().startswith(guide.name), "a precached guide, never opened"

        page.goto(base + f"causes/{CAUSE.id}/")
        assert page.locator("h1").inner_text().startswith(CAUSE.name), "a page opened once"

        page.goto(base + "triage/")
        first = DATA.triage.questions[0].none_label
        page.get_by_role("button", name=first).click()
        assert page.locator("#triage-heading").inner_text() == DATA.triage.questions[1].text

        results = search(page, "charley horse")
        assert results, "the search runs offline, index and all"
        page.locator("[data-site-search-results] a").first.click()
        page.wait_for_load_state()
        assert page.locator("article h1").count() == 1

        for edition in EDITIONS:  # a page never opened: the offline page, in the edition's language
            page.goto(base + edition.prefix + "no-such-page/")
            assert page.evaluate("document.documentElement.lang") == edition.lang
            assert page.locator("h1").inner_text() == edition.t("offline.heading")
            assert page.locator("p a").get_attribute("href") == base + edition.prefix

        page.goto(base + "diary/")
        page.get_by_role("button", name="Save entry").wait_for()
        record(page, note="recorded offline")
        page.reload()
        page.get_by_role("heading", name="Your entries (1)").wait_for()
        assert "recorded offline" in page.locator(".diary__entry").inner_text()


@pytest.mark.browser
def test_a_new_build_replaces_the_old_cache_and_no_reader_sees_a_stale_page(
    worker_context: BrowserContext, site: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    shutil.copytree(site, www)
    with serve_static(www) as (base, _):
        page = worker_context.new_page()
        page.goto(base)
        old = page.evaluate(CONTROLLED)["caches"]
        assert len(old) == 1

        home = www / "index.html"
        home.write_text(home.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
        new_version = write_worker(www, ORDER, {}).version
        page.reload()
        assert "(new build)" in page.locator("h1").first.inner_text(), "online, the page is the server's"
        page.wait_for_function(
            "async (version) => { const names = await caches.keys(); "
            "return names.length === 1 && names[0].endsWith(' ' + version); }",
            arg=new_version,
        )


def test_the_web_app_manifest_is_linked_from_every_page_and_its_icons_exist(site: Path) -> None:
    import struct

    from tests.site_html import attribute, html_pages, soup

    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["scope"] == "./", "relative: works under a sub-path"
    for icon in manifest["icons"]:
        data = (site / icon["src"]).read_bytes()
        if icon["type"] == "image/png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n"), icon["src"]
            width, height = struct.unpack(">II", data[16:24])
            assert f"{width}x{height}" == icon["sizes"], icon["src"]
    for path in html_pages(site):
        link = soup(path).select_one('link[rel="manifest"]')
        href = attribute(link, "href")
        assert link is not None and not href.startswith("/"), path
        assert (path.parent / href).resolve() == (site / "manifest.json").resolve(), path


def test_each_edition_s_offline_page_is_in_its_language(site: Path) -> None:
    pages = published_build(site)["offline"]
    assert sorted(pages) == sorted(edition.prefix for edition in EDITIONS)
    for edition in EDITIONS:
        words = pages[edition.prefix]
        assert (words["lang"], words["heading"]) == (edition.lang, edition.t("offline.heading"))
        link = re.search(r'<a href="\{home\}">([^<]+)</a>', words["text"])
        assert link is not None and link.group(1) in edition.t("offline.text"), edition.lang
