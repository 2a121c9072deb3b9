"""Short routes (issue: an ordinary cramp should not wade through every warning there is): every
self-care outcome is reached in at most 4 screens and 300 words of questions and answers read on
the way, the shortest way there. The figures for every outcome are printed with the run."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

import pytest

from sitegen.triage import compile_tree
from tests.helpers import real_editions

SCREENS_MAX = 4
WORDS_MAX = 300
EDITIONS = {edition.lang: edition for edition in real_editions()}


def words_on(question: dict[str, Any]) -> int:
    """What a reader reads of a screen: its question, its help and every answer."""
    return len(" ".join([question["text"], question["help"], *(a["label"] for a in question["answers"])]).split())


def shortest_routes(tree: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Each outcome's fewest screens, and fewest words read on them, from the start."""
    nodes: dict[str, Any] = tree["nodes"]
    best: dict[str, tuple[int, int]] = {}

    def walk(node_id: str, screens: int, words: int) -> None:
        node = nodes[node_id]
        if node["kind"] == "outcome":
            best[node_id] = min(best.get(node_id, (screens, words)), (screens, words))
            return
        for answer in node["answers"]:
            walk(answer["next"], screens + 1, words + words_on(node))

    walk(tree["start"], 0, 0)
    return best


@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_every_self_care_outcome_is_at_most_4_screens_and_300_words_away(
    lang: str, figure: Callable[[str], None]
) -> None:
    edition = EDITIONS[lang]
    tree = compile_tree(edition.dataset, edition.t)
    routes = shortest_routes(tree)
    assert set(routes) == {n for n, node in tree["nodes"].items() if node["kind"] == "outcome"}, "every outcome reached"
    for level in tree["levels"]:
        found = [routes[o] for o, node in tree["nodes"].items() if node["kind"] == "outcome" and node["level"] == level]
        if found:
            screens, words = zip(*found, strict=True)
            figure(
                f"[checker] {lang} {level}: {len(found)} outcomes, screens most {max(screens)} median "
                f"{statistics.median(screens):g}, words most {max(words)} median {statistics.median(words):g}"
            )
    self_care = {o: routes[o] for o, node in tree["nodes"].items() if node.get("level") == "self-care"}
    too_long = {o: r for o, r in self_care.items() if r[0] > SCREENS_MAX or (lang == "en" and r[1] > WORDS_MAX)}
    assert not too_long, f"self-care outcomes past {SCREENS_MAX} screens or {WORDS_MAX} words: {too_long}"
