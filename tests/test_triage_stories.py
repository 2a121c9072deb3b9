"""Reader stories through the published tree: no story is under-triaged, every emergency is one."""

from __future__ import annotations

import pytest

from sitegen.triage import compile_tree
from tests.helpers import real_dataset
from tests.triage_stories import Story, load_stories, walk

TREE = compile_tree(real_dataset())
STORIES = load_stories()
RANK = TREE["levels"].index


def reached(story: Story) -> str:
    level: str = TREE["nodes"][walk(TREE, story)[1]]["level"]
    return level


def test_there_are_at_least_80_stories_covering_every_level() -> None:
    assert len(STORIES) >= 80
    assert {story.expected for story in STORIES} == set(TREE["levels"])


@pytest.mark.parametrize("story", STORIES, ids=[s.story[:50] for s in STORIES])
def test_no_story_ends_less_urgent_than_its_sources_say_on_any_reading(story: Story) -> None:
    for reading in (story, *story.readings()):
        level = reached(reading)
        assert RANK(level) <= RANK(story.expected), f"under-triaged: {level} for a {story.expected} story, {reading}"
        if story.expected == "emergency":
            assert level == "emergency", reading


def test_share_of_stories_at_exactly_their_level(capsys: pytest.CaptureFixture[str]) -> None:
    exact = [story for story in STORIES if reached(story) == story.expected]
    by_level = {
        level: (
            sum(s.expected == level and reached(s) == level for s in STORIES),
            sum(s.expected == level for s in STORIES),
        )
        for level in TREE["levels"]
    }
    others = [reading for story in STORIES for reading in story.readings()]
    with capsys.disabled():
        print(f"\ntriage stories at exactly their level: {len(exact)}/{len(STORIES)} = {len(exact) / len(STORIES):.0%}")
        print("  " + ", ".join(f"{level} {hit}/{total}" for level, (hit, total) in by_level.items()))
        for name, readings in (("main readings", STORIES), ("other readings", others)):
            ranks = [RANK(reached(r)) - RANK(r.expected) for r in readings]
            print(
                f"  {name}: {len(readings)}, exact {ranks.count(0)}, more urgent {sum(r < 0 for r in ranks)}, "
                f"less urgent {sum(r > 0 for r in ranks)}"
            )
    assert len(exact) >= 0.9 * len(STORIES), [s.story for s in STORIES if s not in exact]
