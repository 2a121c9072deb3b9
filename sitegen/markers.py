"""Markers that let a hand-written page show a fact kept in data, so the fact lives once.

    <!-- data: tip heel-press -->     the text of an action-plan tip
    <!-- data: intro causes -->      the introduction of a data file

An unknown marker, or one naming a record that does not exist, is an error, not silence.
"""

from __future__ import annotations

import re

from sitegen.dataset import Dataset
from sitegen.problems import Problem, did_you_mean

MARKER = re.compile(r"<!--\s*data:\s*(?P<kind>[\w-]+)\s+(?P<name>[\w-]+)\s*-->")
INTROS = ("causes", "conditions", "red_flags", "specialists", "action_plan", "triage")


class MarkerError(ValueError):
    """A marker that names nothing; the message carries the line."""


def expand_markers(markdown: str, dataset: Dataset, *, where: str, first_line: int = 1) -> str:
    """Replace every data marker in `markdown`, whose first line is line `first_line` of `where`."""

    def replace(match: re.Match[str]) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        try:
            return _resolve(match["kind"], match["name"], dataset)
        except LookupError as error:
            raise MarkerError(f"{where}:{line}: {match[0]}: {error.args[0]}") from None

    return MARKER.sub(replace, markdown)


def marker_problems(markdown: str, dataset: Dataset, *, where: str, first_line: int = 1) -> list[Problem]:
    """Every marker in `markdown` that names nothing, as `where:line: <marker>: message`."""
    problems = []
    for match in MARKER.finditer(markdown):
        try:
            _resolve(match["kind"], match["name"], dataset)
        except LookupError as error:
            line = first_line + markdown.count("\n", 0, match.start())
            problems.append(Problem(where, line, match[0], error.args[0]))
    return problems


def _resolve(kind: str, name: str, dataset: Dataset) -> str:
    if kind == "tip":
        tips = {tip.id: tip for section in dataset.action_plan.sections for tip in section.tips}
        if name not in tips:
            raise LookupError(f"no action-plan tip has the id '{name}'{did_you_mean(name, list(tips))}")
        return tips[name].text
    if kind == "intro":
        if name not in INTROS:
            raise LookupError(f"no data file has an intro called '{name}'{did_you_mean(name, list(INTROS))}")
        return getattr(dataset, name).intro
    raise LookupError(f"unknown marker kind '{kind}'; use tip or intro")
