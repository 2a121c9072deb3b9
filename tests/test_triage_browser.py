"""The symptom checker in a real browser (Debian's Chromium): every route clicked through, and
the promises of docs/contracts.md ("Triage tree") and issue 4 checked as a reader meets them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.checker import (
    NODES,
    TREE,
    Step,
    all_routes,
    answer,
    checker_session,
    click_through,
    hash_of,
    label,
    open_checker,
    start_again,
)
from tests.helpers import follow_instant_navigation, own_modules, real_dataset
from tests.recorder import Recorder
from tests.triage_stories import Story, load_stories, walk

pytestmark = pytest.mark.browser
SOURCES = real_dataset().sources_by_id


def routes_to_click(tree: dict[str, Any], limit: int = 60) -> list[tuple[list[Step], str]]:
    """All routes while the tree is small; past `limit`, every red-flag route and one per outcome."""
    routes = all_routes(tree)
    if len(routes) <= limit:
        return routes
    flagged = [r for r in routes if any(tree["nodes"][q]["answers"][i]["red_flags"] for q, i in r[0])]
    first_per_outcome = {end: r for r in reversed(routes) for end in [r[1]]}
    return flagged + [r for r in first_per_outcome.values() if r not in flagged]


ROUTES = routes_to_click(TREE)


@pytest.fixture(scope="module")
def checker_page(browser: Browser, served: dict[str, str]) -> Iterator[tuple[Page, Recorder]]:
    with checker_session(browser, served["root"] + "triage/") as session:
        yield session


@pytest.fixture
def checker(checker_page: tuple[Page, Recorder]) -> Iterator[Page]:
    """The triage page at the site root, back at the first question; fails the test on what a
    reader would not want (tests/recorder.py)."""
    page, recorder = checker_page
    start_again(page, recorder)
    yield page
    recorder.assert_clean()


def heading(page: Page) -> Locator:
    return page.locator("#triage-heading")


# -- every route ----------------------------------------------------------------------------


@pytest.mark.parametrize(("steps", "outcome"), ROUTES, ids=[f"{hash_of(s) or '#'}->{o}" for s, o in ROUTES])
def test_every_route_clicks_through_to_its_outcome(
    checker: Page, served: dict[str, str], steps: list[Step], outcome: str
) -> None:
    page = checker
    done: list[tuple[str, int]] = []
    for step in steps:
        expect(heading(page)).to_have_text(NODES[step[0]]["text"])
        answer(page, label(step))
        done.append(step)
        expect(page).to_have_url(re.compile(re.escape(hash_of(done)) + "$"))
    node = NODES[outcome]
    level = TREE["level_text"][node["level"]]["label"]
    card = page.locator(f"#triage .care-card.care-card--{node['level']}")
    expect(heading(page)).to_have_text(f"{level}: {node['title']}")
    expect(card.locator(".care-card__label")).to_have_text(level)
    expect(card.locator("h2 .visually-hidden")).to_have_text(f"{level}: ")
    expect(card).to_contain_text(node["advice"])
    expect(card).to_contain_text(node["safety_net"])
    watched = card.locator(".triage__watch li")
    expect(watched).to_have_count(len(node["watch_for"]))
    for item, flag_id in zip(watched.all(), node["watch_for"], strict=True):
        expect(item).to_contain_text(TREE["red_flags"][flag_id]["text"])
    sources = [SOURCES[source_id] for source_id in node["sources"]]
    cited = card.locator(".triage__sources a").evaluate_all("links => links.map(a => a.href)")
    assert cited == [source.url for source in sources if source.url], "sources not linked"
    for source in sources:
        expect(card.locator(".triage__sources")).to_contain_text(source.title)
    hrefs = card.locator(".triage__links a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    assert hrefs == [[link["title"], served["root"] + link["url"]] for link in node["links"]]
    summary = page.locator("#triage .triage__summary li")
    expect(summary).to_have_text([f"{NODES[q]['text']} {label((q, i))}" for q, i in steps])


def sample_stories() -> list[Story]:
    """An emergency story, then one story for each main problem (the answers of the question
    after the emergency screen), the first in tests/triage_stories.yaml that takes it."""
    stories = load_stories()
    problems = NODES[TREE["start"]]["answers"][-1]["next"]
    taken = {story: dict(walk(TREE, story)[0]).get(problems) for story in stories}
    sample = [next(s for s in stories if s.expected == "emergency")]
    for index in range(len(NODES[problems]["answers"])):
        sample += [s for s in stories if taken[s] == index][:1]
    return sample


SAMPLE_STORIES = sample_stories()


@pytest.mark.parametrize("story", SAMPLE_STORIES, ids=[s.story[:40] for s in SAMPLE_STORIES])
def test_a_reader_story_clicked_through_the_page_ends_at_its_level(checker: Page, story: Story) -> None:
    page = checker
    steps, outcome = walk(TREE, story)
    for step in steps:
        expect(heading(page)).to_have_text(NODES[step[0]]["text"])
        answer(page, label(step))
    level = TREE["level_text"][NODES[outcome]["level"]]["label"]
    expect(heading(page)).to_have_text(f"{level}: {NODES[outcome]['title']}")
    assert NODES[outcome]["level"] == story.expected


def test_each_answer_is_a_button_named_by_its_label(checker: Page) -> None:
    page = checker
    start = NODES[TREE["start"]]
    buttons = page.locator("#triage .triage__answers button")
    assert buttons.count() == len(start["answers"])
    for option in start["answers"]:
        assert page.locator("#triage").get_by_role("button", name=option["label"], exact=True).count() == 1


def test_emergency_outcome_offers_the_emergency_number(checker: Page) -> None:
    page = checker
    emergency = next(a for a in NODES[TREE["start"]]["answers"] if NODES[a["next"]].get("level") == "emergency")
    answer(page, emergency["label"])
    call = page.locator("#triage").get_by_role("link", name="Call 911")
    expect(call).to_be_visible()
    assert call.get_attribute("href") == "tel:911"


# -- moving around --------------------------------------------------------------------------


def first_route_of_length(length: int) -> list[tuple[str, int]]:
    return next(steps for steps, _ in ROUTES if len(steps) >= length)[:length]


def test_back_and_start_again(checker: Page) -> None:
    page = checker
    steps = first_route_of_length(3)
    click_through(page, steps)
    page.locator("#triage").get_by_role("button", name="Back", exact=True).click()
    expect(heading(page)).to_have_text(NODES[steps[2][0]]["text"])
    expect(page).to_have_url(re.compile(re.escape(hash_of(steps[:2])) + "$"))
    page.locator("#triage").get_by_role("button", name="Start again", exact=True).click()
    expect(heading(page)).to_have_text(NODES[TREE["start"]]["text"])
    assert page.evaluate("location.hash") == ""
    # At the start there is nothing to go back to or start again from.
    assert page.locator("#triage").get_by_role("button", name="Back", exact=True).count() == 0


def test_the_browsers_back_button_steps_back_a_question(checker: Page) -> None:
    page = checker
    steps = first_route_of_length(2)
    click_through(page, steps)
    page.go_back()
    expect(heading(page)).to_have_text(NODES[steps[1][0]]["text"])
    page.go_back()
    expect(heading(page)).to_have_text(NODES[TREE["start"]]["text"])


@pytest.mark.parametrize(("steps", "outcome"), [ROUTES[0], ROUTES[-1]], ids=["first-route", "last-route"])
def test_a_shared_or_reloaded_link_keeps_the_state(
    page: Page, served: dict[str, str], steps: list[Step], outcome: str
) -> None:
    open_checker(page, served["root"] + "triage/" + hash_of(steps))
    expect(heading(page)).to_contain_text(NODES[outcome]["title"])
    page.reload()
    expect(heading(page)).to_contain_text(NODES[outcome]["title"])
    expect(page.locator("#triage .triage__summary li")).to_have_count(len(steps))


def test_a_hash_the_tree_does_not_have_stops_at_the_last_valid_question(page: Page, served: dict[str, str]) -> None:
    steps = first_route_of_length(2)
    open_checker(page, served["root"] + "triage/" + f"{hash_of(steps[:1])}.999.3")
    expect(heading(page)).to_have_text(NODES[steps[1][0]]["text"])


def test_a_link_to_a_heading_on_the_page_still_shows_the_first_question(page: Page, served: dict[str, str]) -> None:
    open_checker(page, served["root"] + "triage/#signs-urgent")
    expect(heading(page)).to_have_text(NODES[TREE["start"]]["text"])


# -- keyboard, focus, announcements ---------------------------------------------------------


def focused_text(page: Page) -> str:
    text: str = page.evaluate("document.activeElement ? document.activeElement.textContent.trim() : ''")
    return text


def tab_to(page: Page, text: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_keyboard_only_run_moves_focus_to_each_new_question(checker: Page) -> None:
    page = checker
    steps, outcome = max(ROUTES, key=lambda route: len(route[0]))
    for n, step in enumerate(steps):
        tab_to(page, label(step))
        page.keyboard.press("Enter" if n % 2 == 0 else "Space")
        expect(page.locator("#triage-heading:focus")).to_have_count(1)
    assert NODES[outcome]["title"] in focused_text(page)
    tab_to(page, "Start again")
    page.keyboard.press("Enter")
    expect(page.locator("#triage-heading:focus")).to_have_text(NODES[TREE["start"]]["text"])


def test_each_change_is_announced_politely(checker: Page) -> None:
    page = checker
    live = page.locator("#triage [aria-live=polite]")
    expect(live).to_have_count(1)
    steps, outcome = ROUTES[-1]
    for n, step in enumerate(steps):
        question, index = step
        answer(page, label(step))
        nxt = NODES[question]["answers"][index]["next"]
        if NODES[nxt]["kind"] == "question":
            expect(live).to_have_text(f"Question {n + 2}: {NODES[nxt]['text']}")
    level = TREE["level_text"][NODES[outcome]["level"]]["label"]
    expect(live).to_have_text(f"Result: {level}. {NODES[outcome]['title']}")


# -- print ----------------------------------------------------------------------------------


def test_print_summary_holds_questions_answers_outcome_date_and_safety_net(checker: Page) -> None:
    page = checker
    steps, outcome = next(r for r in ROUTES if NODES[r[1]]["level"] == "self-care" and len(r[0]) >= 3)
    click_through(page, steps)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 } }")
    page.locator("#triage").get_by_role("button", name="Print or save this summary").click()
    assert page.evaluate("window.__printed") == 1

    page.emulate_media(media="print")
    printed = page.locator("#triage").inner_text()
    for step in steps:
        assert NODES[step[0]]["text"] in printed
        assert label(step) in printed
    node = NODES[outcome]
    for text in (node["title"], node["advice"], node["safety_net"], "Summary made on", "In an emergency call 911"):
        assert text in printed, text
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()] })()")
    assert page.locator("#triage time").get_attribute("datetime") == "{:04d}-{:02d}-{:02d}".format(*today)
    for furniture in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".triage__actions",
        ".triage-fallback",
        ".provenance",
    ):
        assert not page.locator(furniture).first.is_visible(), f"{furniture} is printed"
    assert page.locator("article h1").is_visible()
    assert page.locator("#triage .care-card__label").is_visible()


def test_printed_urgency_survives_grey_scale_as_border_width_or_style(page: Page, served: dict[str, str]) -> None:
    borders = {}
    for steps, outcome in ROUTES:
        level = NODES[outcome]["level"]
        if level in borders:
            continue
        open_checker(page, served["root"] + "triage/" + hash_of(steps))
        page.emulate_media(media="print")
        card = page.locator("#triage .care-card")
        style = "e => [parseFloat(getComputedStyle(e).borderLeftWidth), getComputedStyle(e).borderTopStyle]"
        borders[level] = tuple(card.evaluate(style))
        assert card.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(0, 0, 0)"
        page.emulate_media(media="screen")
    ranked = [borders[level] for level in TREE["levels"] if level in borders]
    widths = [width for width, _ in ranked]
    # More urgent is never thinner, and no two levels look the same in black and white.
    assert widths == sorted(widths, reverse=True) and len(set(ranked)) == len(ranked), borders


# -- without JavaScript, privacy, sub-path, instant navigation, dark mode --------------------


def test_without_javascript_the_page_shows_the_emergency_signs_and_red_flags(
    browser: Browser, served: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served["root"] + "triage/")
    emergency = page.locator(".triage-fallback .care-card--emergency")
    assert emergency.is_visible()
    assert "Call 911 now if you have" in emergency.inner_text()
    fallback = page.locator(".triage-fallback").inner_text()
    for flag in TREE["red_flags"].values():
        assert flag["text"] in fallback
    assert page.locator(".triage-nojs").is_visible()
    assert not page.locator("#triage").is_visible()
    context.close()


def test_with_javascript_the_warning_signs_stay_below_the_checker(checker: Page) -> None:
    page = checker
    assert page.locator(".triage-fallback .care-card--emergency").is_visible()
    assert not page.locator(".triage-nojs").is_visible()


def test_if_the_tree_cannot_load_the_signs_remain_and_the_reader_is_told(page: Page, served: dict[str, str]) -> None:
    page.route("**/tree.json", lambda route: route.abort())
    page.goto(served["root"] + "triage/")
    expect(page.locator("#triage .triage__error")).to_be_visible()
    assert page.locator(".triage-fallback .care-card--emergency").is_visible()


def test_answers_stay_on_the_device(page: Page, recorded: Recorder, served: dict[str, str]) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_checker(page, served["root"] + "triage/")
    storage = "JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage), document.cookie])"
    before = page.evaluate(storage)
    loaded = len(requests)
    steps, _ = ROUTES[-1]
    click_through(page, steps)
    expect(page.locator("#triage .triage__summary")).to_be_visible()
    # Chromium asks for the favicon again on each same-document navigation; nothing else may go out.
    assert [u for u in requests[loaded:] if not u.endswith("/assets/favicon.svg")] == [], "answering made requests"
    assert [u for u in requests if u.endswith("tree.json")] == [served["root"] + "triage/tree.json"]
    assert all(u.startswith(served["root"]) for u in requests)
    recorded.assert_clean()
    assert page.evaluate(storage) == before


def test_works_under_the_sub_path(page: Page, recorded: Recorder, served: dict[str, str]) -> None:
    base = served["subpath"]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    steps, outcome = next(r for r in ROUTES if NODES[r[1]]["links"])
    open_checker(page, base + "triage/")
    click_through(page, steps)
    link = NODES[outcome]["links"][0]
    target = page.locator("#triage .triage__links a").first
    assert target.get_attribute("href") == base + link["url"]
    assert base + "triage/tree.json" in requests
    target.click()
    page.wait_for_url(base + link["url"])
    expect(page.locator("article h1")).to_contain_text(link["title"].split(" ")[0])
    recorded.assert_clean()


def test_instant_navigation_in_and_out_keeps_one_working_checker(
    page: Page, recorded: Recorder, site: Path, served: dict[str, str]
) -> None:
    base = served["subpath"]
    follow_instant_navigation(page, site, base)
    page.goto(base)
    page.evaluate("window.__same_document = true")
    nav = page.locator(".md-sidebar--primary")
    first, second = first_route_of_length(2)
    for _ in range(2):  # in, out and back in: the module runs once, the page is set up each time
        nav.get_by_role("link", name="Symptom checker").first.click()
        page.wait_for_url(base + "triage/")
        expect(heading(page)).to_have_text(NODES[TREE["start"]]["text"])
        answer(page, label(first))
        expect(heading(page)).to_have_text(NODES[second[0]]["text"])
        nav.get_by_role("link", name="Action plan").first.click()
        page.wait_for_url(base + "action-plan/")
    page.go_back()
    expect(heading(page)).to_have_text(NODES[second[0]]["text"])
    expect(page.locator("#triage-heading:focus")).to_have_count(1)
    answer(page, label(second))
    expect(page).to_have_url(re.compile(re.escape(hash_of([first, second])) + "$"))
    page.go_back()  # one answer, one history entry: no duplicate handlers
    expect(page).to_have_url(re.compile(re.escape(hash_of([first])) + "$"))
    expect(heading(page)).to_have_text(NODES[second[0]]["text"])
    assert page.evaluate("window.__same_document") is True, "instant navigation fell back to a full load"
    assert page.locator("#triage [aria-live]").count() == 1
    recorded.assert_clean()


def test_the_scripts_are_small_and_store_nothing(site: Path) -> None:
    """triage.js and every module it loads, as served, less those every page script shares."""
    import gzip

    own = [module.read_bytes() for module in own_modules(site / "assets" / "triage.js")]
    assert sum(len(gzip.compress(script, 9)) for script in own) <= 6 * 1024
    for text in (script.decode() for script in own):
        assert "innerHTML" not in text and "eval(" not in text and "localStorage" not in text and "cookie" not in text
    json.loads((site / "triage" / "tree.json").read_text())
