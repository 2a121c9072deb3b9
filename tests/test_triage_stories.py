"""Reader stories through the published tree: no story is under-triaged, every emergency is one."""

from __future__ import annotations

import pytest

from sitegen.loader import load_dataset
from sitegen.triage import compile_tree
from tests.helpers import ROOT
from tests.triage_stories import Story, load_stories, walk

TREE = compile_tree(load_dataset(ROOT / "data"))
STORIES = load_stories()
RANK = TREE["levels"].index


def reached(story: Story) -> str:
    level: str = TREE["nodes"][walk(TREE, story)[1]]["level"]
    return level


def test_there_are_at_least_30_stories_covering_every_level() -> None:
    assert len(STORIES) >= 30
    assert {story.expected for story in STORIES} == set(TREE["levels"])


@pytest.mark.parametrize("story", STORIES, ids=[s.story[:50] for s in STORIES])
def test_no_story_ends_less_urgent_than_its_sources_say(story: Story) -> None:
    level = reached(story)
    assert RANK(level) <= RANK(story.expected), f"under-triaged: {level} for a {story.expected} story"
    if story.expected == "emergency":
        assert level == "emergency"


def test_share_of_stories_at_exactly_their_level(capsys: pytest.CaptureFixture[str]) -> None:
    exact = [story for story in STORIES if reached(story) == story.expected]
    by_level = {
        level: (
            sum(s.expected == level and reached(s) == level for s in STORIES),
            sum(s.expected == level for s in STORIES),
        )
        for level in TREE["levels"]
    }
    with capsys.disabled():
        print(f"\ntriage stories at exactly their level: {len(exact)}/{len(STORIES)} = {len(exact) / len(STORIES):.0%}")
        print("  " + ", ".join(f"{level} {hit}/{total}" for level, (hit, total) in by_level.items()))
    assert len(exact) >= 0.9 * len(STORIES), [s.story for s in STORIES if s not in exact]
