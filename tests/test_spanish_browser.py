"""The Spanish edition in Chromium: the language switch keeps the reader on the same page, every
question and outcome of the Spanish symptom checker shows in Spanish on a route clicked through to
it, with Spanish announcements and a Spanish print summary, axe finds nothing on a Spanish page of
each template, and nothing is asked of another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from sitegen import urls
from sitegen.script_strings import SECTION
from sitegen.triage import compile_tree
from tests.checker import Step, all_routes, answer, checker_session, click_through, hash_of, label, start_again
from tests.helpers import NARROW, real_editions
from tests.recorder import Recorder
from tests.test_accessibility import AXE_TAGS, COLOUR_RULES, axe_violations, reflow, report, template_pages

SPANISH = real_editions()[1]
TREE: dict[str, Any] = compile_tree(SPANISH.dataset, SPANISH.t)
NODES: dict[str, Any] = TREE["nodes"]


def routes_showing_every_node(tree: dict[str, Any]) -> list[tuple[list[Step], str]]:
    """Routes, longest first, until every question and every outcome has been on screen.

    tests/test_triage_browser.py clicks every route of the English tree, and the Spanish tree has
    the same nodes and answers (sitegen/editions.py verifies it as it does the English): the
    script walks both alike, so what the Spanish walk adds is the words. Each question's text
    and all its answers' labels, and each outcome's card, are checked on screen here; clicking
    every route again in Spanish (90 of them, not 45) proved nothing more."""
    shown: set[str] = set()
    chosen = []
    for steps, outcome in sorted(all_routes(tree), key=lambda route: -len(route[0])):
        nodes = {question for question, _ in steps} | {outcome}
        if not nodes <= shown:
            chosen.append((steps, outcome))
            shown |= nodes
    return chosen


ROUTES = routes_showing_every_node(TREE)

pytestmark = pytest.mark.browser


WORDS: dict[str, str] = SPANISH.t[SECTION]
"""The page scripts' words in Spanish (sitegen/strings/es.yaml)."""


@pytest.mark.parametrize("url", ["", urls.entity("causes", "dehydration").url, "faq/", urls.PAGES["triage"].url])
def test_the_switch_keeps_the_reader_on_the_same_page_both_ways(
    served: dict[str, str], page: Page, recorded: Recorder, url: str
) -> None:
    page.goto(served["root"] + url)
    page.get_by_role("link", name=SPANISH.t("switch_label")).click()
    page.wait_for_url(served["root"] + "es/" + url)
    assert page.evaluate("document.documentElement.lang") == "es"
    page.get_by_role("link", name="Read this page in English").click()
    page.wait_for_url(served["root"] + url)
    assert page.evaluate("document.documentElement.lang") == "en"
    recorded.assert_clean()


# -- the Spanish symptom checker ----------------------------------------------------------------


@pytest.fixture(scope="module")
def spanish_checker_page(browser: Browser, served: dict[str, str]) -> Iterator[tuple[Page, Recorder]]:
    with checker_session(browser, served["root"] + "es/triage/") as session:
        yield session


@pytest.fixture
def checker(spanish_checker_page: tuple[Page, Recorder]) -> Iterator[Page]:
    """The Spanish checker back at its first question; fails the test on what a reader would
    not want (tests/recorder.py)."""
    page, recorder = spanish_checker_page
    start_again(page, recorder, TREE)
    yield page
    recorder.assert_clean()


@pytest.mark.parametrize(("steps", "outcome"), ROUTES, ids=[f"{hash_of(s) or '#'}->{o}" for s, o in ROUTES])
def test_every_question_and_outcome_of_the_spanish_checker_shows_in_spanish_on_a_route_to_it(
    checker: Page, steps: list[Step], outcome: str
) -> None:
    for step in steps:
        question = NODES[step[0]]
        expect(checker.locator("#triage-heading")).to_have_text(question["text"])
        expect(checker.locator("#triage .triage__answer")).to_have_text([a["label"] for a in question["answers"]])
        answer(checker, label(step, TREE))
    node = NODES[outcome]
    level = TREE["level_text"][node["level"]]["label"]
    card = checker.locator(f"#triage .care-card.care-card--{node['level']}")
    expect(checker.locator("#triage-heading")).to_have_text(f"{level}: {node['title']}")
    expect(card).to_contain_text(node["advice"])
    expect(card).to_contain_text(node["safety_net"])
    summary = checker.locator("#triage .triage__summary li")
    expect(summary).to_have_text([f"{NODES[q]['text']} {label((q, i), TREE)}" for q, i in steps])


def test_each_change_is_announced_in_spanish(checker: Page) -> None:
    live = checker.locator("#triage [aria-live=polite]")
    steps, outcome = max(ROUTES, key=lambda route: len(route[0]))
    for n, step in enumerate(steps):
        question, index = step
        answer(checker, label(step, TREE))
        following = NODES[question]["answers"][index]["next"]
        if NODES[following]["kind"] == "question":
            number = WORDS["triage.question"].format(number=n + 2)
            expect(live).to_have_text(f"{number}: {NODES[following]['text']}")
    level = TREE["level_text"][NODES[outcome]["level"]]["label"]
    expect(live).to_have_text(WORDS["triage.result"].format(label=level, title=NODES[outcome]["title"]))


def test_the_print_summary_is_in_spanish(checker: Page) -> None:
    steps, outcome = next(r for r in ROUTES if NODES[r[1]]["level"] == "self-care" and len(r[0]) >= 2)
    click_through(checker, steps, TREE)
    checker.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 } }")
    checker.locator("#triage").get_by_role("button", name=WORDS["triage.print"]).click()
    assert checker.evaluate("window.__printed") == 1
    checker.emulate_media(media="print")
    printed = checker.locator("#triage").inner_text()
    for step in steps:
        assert NODES[step[0]]["text"] in printed and label(step, TREE) in printed
    node = NODES[outcome]
    made_on, emergency = WORDS["triage.made-on"].strip(), WORDS["triage.emergency"].format(number="911")
    for text in (node["title"], node["advice"], node["safety_net"], made_on, emergency):
        assert text in printed, text
    for english in ("Summary made on", "In an emergency", "Your answers"):
        assert english not in printed, english


# -- axe and other hosts ------------------------------------------------------------------------


def test_a_spanish_page_of_each_template_on_a_phone_has_no_axe_violations_and_asks_no_other_host(
    site: Path, served: dict[str, str], page: Page, recorded: Recorder
) -> None:
    """At a phone's width, where Spanish's longer words are likeliest to break the layout. Every
    rule on the home page; elsewhere every rule but colour's: the Spanish pages are the English
    templates with the same stylesheet, whose colours tests/test_accessibility.py reads."""
    page.set_viewport_size({"width": NARROW[0], "height": NARROW[1]})
    found: list[str] = []
    colour: list[str] | None = None
    for url in sorted(template_pages(site / "es"), key=bool):  # the home page ("") first
        page.goto(f"{served['root']}es/{url}", wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "es", url
        found += report(f"/es/{url}", axe_violations(page, without=colour)) + reflow(f"/es/{url}", page)
        colour = colour or page.evaluate(COLOUR_RULES, AXE_TAGS)
    assert found == [], "\n".join(found)
    recorded.assert_clean()


# -- the Spanish diary --------------------------------------------------------------------------


def test_the_spanish_diary_records_an_episode_and_shows_its_warning_in_spanish(
    served: dict[str, str], page: Page, recorded: Recorder
) -> None:
    words = WORDS
    sign = next(s for s in SPANISH.dataset.diary.signs if s.red_flags)
    flag = SPANISH.dataset.red_flags_by_id[sign.red_flags[0]]
    page.goto(served["root"] + "es/diary/")
    page.get_by_label(words["diary.date"], exact=True).fill("2026-11-20")
    page.get_by_label(words["diary.time"], exact=True).fill("03:10")
    page.get_by_label(words["diary.place"]).select_option("calf")
    page.get_by_label(sign.label, exact=True).check()
    page.get_by_role("button", name=words["diary.save"]).click()
    card = page.locator(f".diary__result .care-card--{flag.level}")
    expect(card.get_by_role("link", name=flag.text)).to_have_attribute(
        "href", f"{served['root']}es/when-to-see-a-doctor/#{flag.id}"
    )
    expect(card.get_by_role("link", name=words["diary.check"])).to_have_attribute("href", f"{served['root']}es/triage/")
    expect(card).to_contain_text(TREE["level_text"][flag.level]["label"])
    expect(page.locator(".diary__result")).to_contain_text(words["diary.warning"])
    recorded.assert_clean()
