"""Walking the symptom checker: the tree the build publishes, the routes through it, and
clicking a route in the page. Every browser test that answers the checker goes through here."""

from __future__ import annotations

import collections
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, Page

from sitegen.triage import compile_tree
from tests.helpers import real_dataset
from tests.recorder import Recorder

TREE: dict[str, Any] = compile_tree(real_dataset())
NODES: dict[str, Any] = TREE["nodes"]

Step = tuple[str, int]
"""One click: the question's id and the index of the answer chosen."""


def all_routes(tree: dict[str, Any] = TREE) -> list[tuple[list[Step], str]]:
    """Every route from the start to an outcome, and the outcome it ends at."""
    routes: list[tuple[list[Step], str]] = []

    def walk(node_id: str, steps: list[Step]) -> None:
        node = tree["nodes"][node_id]
        if node["kind"] == "outcome":
            routes.append((steps, node_id))
            return
        for index, answer in enumerate(node["answers"]):
            walk(answer["next"], [*steps, (node_id, index)])

    walk(tree["start"], [])
    return routes


def shortest_routes(tree: dict[str, Any] = TREE) -> dict[str, list[Step]]:
    """The fewest clicks from the start to each node."""
    routes: dict[str, list[Step]] = {tree["start"]: []}
    queue = collections.deque([tree["start"]])
    while queue:
        node_id = queue.popleft()
        for index, answer in enumerate(tree["nodes"][node_id].get("answers", [])):
            if answer["next"] not in routes:
                routes[answer["next"]] = [*routes[node_id], (node_id, index)]
                queue.append(answer["next"])
    return routes


def longest_route(tree: dict[str, Any] = TREE) -> list[Step]:
    """The route with the most questions, the one that exercises the page the most."""
    return max((steps for steps, _ in all_routes(tree)), key=len)


def label(step: Step, tree: dict[str, Any] = TREE) -> str:
    question, index = step
    return str(tree["nodes"][question]["answers"][index]["label"])


def hash_of(steps: list[Step]) -> str:
    """The page's address fragment after these clicks (the checker keeps its state there)."""
    return "#a=" + ".".join(str(index) for _, index in steps) if steps else ""


def open_checker(page: Page, url: str) -> None:
    """Load the checker at `url` (the triage page, perhaps with a fragment) and wait for it."""
    page.goto(url)
    page.locator("#triage .triage__heading").wait_for()


def answer(page: Page, text: str) -> None:
    page.locator("#triage").get_by_role("button", name=text, exact=True).first.click()


def click_through(page: Page, steps: list[Step], tree: dict[str, Any] = TREE) -> None:
    """Answer each step in turn, as a reader clicks."""
    for step in steps:
        answer(page, label(step, tree))


@contextmanager
def checker_session(browser: Browser, url: str) -> Iterator[tuple[Page, Recorder]]:
    """The checker at `url` in a context of its own, recorded (tests/recorder.py), for a module's
    tests: loading the page once and starting again between tests is what a reader does, and
    much quicker."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        recorder = Recorder()
        recorder.watch(page)
        open_checker(page, url)
        yield page, recorder
    finally:
        context.close()


def start_again(page: Page, recorder: Recorder, tree: dict[str, Any] = TREE) -> None:
    """Back at the first question, on screen, with nothing recorded yet: as the next test needs it."""
    page.emulate_media(media="screen")
    page.evaluate("location.hash = ''")
    page.locator("#triage-heading", has_text=tree["nodes"][tree["start"]]["text"]).wait_for()
    recorder.problems.clear()
