"""The Spanish edition in Chromium: the language switch keeps the reader on the same page, every
route of the Spanish symptom checker clicks through to its outcome, axe finds nothing on any
Spanish page, and nothing is asked of another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import urls
from sitegen.editions import load_editions
from sitegen.triage import compile_tree
from tests.helpers import ROOT
from tests.site_html import html_pages
from tests.test_accessibility import axe_violations, report
from tests.test_triage_browser import enumerate_routes

SPANISH = load_editions(ROOT)[1]
TREE = compile_tree(SPANISH.dataset, SPANISH.t)

pytestmark = pytest.mark.browser


def watch(page: object) -> list[str]:
    """Script errors and failed or refused requests of `page`, as they happen."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))  # type: ignore[attr-defined]
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))  # type: ignore[attr-defined]
    return problems


@pytest.mark.parametrize("url", ["", urls.entity("causes", "dehydration").url, "faq/", urls.PAGES["triage"].url])
def test_the_switch_keeps_the_reader_on_the_same_page_both_ways(served: dict, page: object, url: str) -> None:
    problems = watch(page)
    page.goto(served["root"] + url)  # type: ignore[attr-defined]
    page.get_by_role("link", name=SPANISH.t("switch_label")).click()  # type: ignore[attr-defined]
    page.wait_for_url(served["root"] + "es/" + url)  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "es"  # type: ignore[attr-defined]
    page.get_by_role("link", name="Read this page in English").click()  # type: ignore[attr-defined]
    page.wait_for_url(served["root"] + url)  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
    assert problems == [] and page.foreign_requests == []  # type: ignore[attr-defined]


def test_every_route_of_the_spanish_checker_clicks_through_to_its_outcome(served: dict, page: object) -> None:
    problems = watch(page)
    routes = enumerate_routes(TREE)
    assert routes
    for steps, outcome in routes:
        page.goto(served["root"] + "es/triage/")  # type: ignore[attr-defined]
        checker = page.locator("#triage")  # type: ignore[attr-defined]
        checker.locator(".triage__heading").wait_for()
        for question, index in steps:
            label = TREE["nodes"][question]["answers"][index]["label"]
            checker.get_by_role("button", name=label, exact=True).click()
        heading = page.locator("#triage-heading")  # type: ignore[attr-defined]
        assert TREE["nodes"][outcome]["title"] in heading.text_content(), f"{steps} -> {outcome}"
    assert problems == [] and page.foreign_requests == []  # type: ignore[attr-defined]


def test_every_spanish_page_has_no_axe_violations_and_asks_no_other_host(
    site: Path, served: dict, page: object
) -> None:
    problems = watch(page)
    found: list[str] = []
    pages = [p.relative_to(site).as_posix().removesuffix("index.html") for p in html_pages(site / "es")]
    for url in pages:
        page.goto(served["root"] + url, wait_until="load")  # type: ignore[attr-defined]
        found += report(f"/{url}", axe_violations(page))
    assert found == [], "\n".join(found)
    assert problems == [] and page.foreign_requests == []  # type: ignore[attr-defined]
