"""Readers' stories walked through the symptom checker's tree, as such a reader would answer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STORIES_FILE = Path(__file__).with_name("triage_stories.yaml")


@dataclass(frozen=True)
class Story:
    story: str
    expected: str
    recognises: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    """Other readings: the words of another answer the same reader could recognise."""

    def readings(self) -> list[Story]:
        """The story as each of its other readings would walk it."""
        return [Story(self.story, self.expected, words) for words in self.alternatives]


def load_stories() -> list[Story]:
    raw = yaml.safe_load(STORIES_FILE.read_text(encoding="utf-8"))["stories"]
    return [
        Story(s["story"], s["expected"], tuple(s["recognises"]), tuple(tuple(a) for a in s.get("alternatives", ())))
        for s in raw
    ]


def choose(question: dict[str, Any], story: Story) -> int:
    """The first answer with words the reader recognises, else "None of these"."""
    labels = [answer["label"].lower() for answer in question["answers"]]
    for index, label in enumerate(labels):
        if any(word.lower() in label for word in story.recognises):
            return index
    for index, label in enumerate(labels):
        if label.startswith("none of these"):
            return index
    raise LookupError(f"{story.story!r}: no answer fits {question['text']!r}: {labels}")


def walk(tree: dict[str, Any], story: Story) -> tuple[list[tuple[str, int]], str]:
    """The (question id, answer index) steps the reader takes, and the outcome they reach."""
    node_id, steps = tree["start"], []
    while tree["nodes"][node_id]["kind"] == "question":
        index = choose(tree["nodes"][node_id], story)
        steps.append((node_id, index))
        node_id = tree["nodes"][node_id]["answers"][index]["next"]
    return steps, node_id
