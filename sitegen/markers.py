"""Markers that let a hand-written page show a fact kept in data, so the fact lives once.

    <!-- data: tip heel-press -->     the text of an action-plan tip
    <!-- data: intro causes -->      the introduction of a data file
    <!-- data: terms diary -->       readers' own words for the page of a data file, for search only
    <!-- data: list sources -->      every source, linked where it was read (_sources.md)
    <!-- data: list guides -->       every situation guide, as a card (_guides.md)
    <!-- data: signs emergency -->   the red flags of a level, each a link to its place

An unknown marker, or one naming a record that does not exist, is an error, not silence.
"""

from __future__ import annotations

import re

from sitegen import models, urls
from sitegen.dataset import Dataset
from sitegen.pages import template_environment
from sitegen.problems import Problem, did_you_mean
from sitegen.strings import Strings

MARKER = re.compile(r"<!--\s*data:\s*(?P<kind>[\w-]+)\s+(?P<name>[\w-]+)\s*-->")
PAGE_FILES = tuple(stem for stem, model in models.FILES.items() if issubclass(model, models.PageFile))
"""The data files that are pages too: each has an intro and readers' words for its page."""
LISTS = {"sources": "_sources.md", "guides": "_guides.md"}
"""Lists a page can show, by name, and the template in the page templates that renders each."""


class MarkerError(ValueError):
    """A marker that names nothing; the message carries the line."""


def expand_markers(
    markdown: str, dataset: Dataset, *, where: str, first_line: int = 1, t: Strings | None = None
) -> str:
    """Replace every data marker in `markdown`, whose first line is line `first_line` of `where`,
    with the data in `dataset`'s language, whose words are `t` (English by default)."""

    def replace(match: re.Match[str]) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        try:
            return _resolve(match["kind"], match["name"], dataset, t)
        except LookupError as error:
            raise MarkerError(f"{where}:{line}: {match[0]}: {error.args[0]}") from None

    return MARKER.sub(replace, markdown)


MARKER_LIKE = re.compile(r"<!--\s*data\b[^\n]*", re.I)
"""A comment that starts as a marker does: one that is not quite one would be left out unseen."""


def marker_problems(markdown: str, dataset: Dataset, *, where: str, first_line: int = 1) -> list[Problem]:
    """Every marker in `markdown` that names nothing, or is not written as one, as
    `where:line: <marker>: message`."""
    problems = []
    for match in MARKER_LIKE.finditer(markdown):
        if not MARKER.match(markdown, match.start()):
            line = first_line + markdown.count("\n", 0, match.start())
            message = (
                "not a data marker, which is written <!-- data: <kind> <name> --> in lower case; it would be left out"
            )
            problems.append(Problem(where, line, match[0].strip(), message))
    for match in MARKER.finditer(markdown):
        try:
            _resolve(match["kind"], match["name"], dataset)
        except LookupError as error:
            line = first_line + markdown.count("\n", 0, match.start())
            problems.append(Problem(where, line, match[0], error.args[0]))
    return problems


def _resolve(kind: str, name: str, dataset: Dataset, t: Strings | None = None) -> str:
    if kind == "tip":
        tips = {tip.id: tip for section in dataset.action_plan.sections for tip in section.tips}
        if name not in tips:
            raise LookupError(f"no action-plan tip has the id '{name}'{did_you_mean(name, list(tips))}")
        return tips[name].text
    if kind in ("intro", "terms"):
        if name not in PAGE_FILES:
            raise LookupError(f"no data file that is a page is called '{name}'{did_you_mean(name, list(PAGE_FILES))}")
        page: models.PageFile = getattr(dataset, name)
        if kind == "intro":
            return page.intro
        return template_environment(t=t).get_template("_terms.md").render(terms=page.lay_terms)
    if kind == "list":
        if name not in LISTS:
            raise LookupError(f"no list is called '{name}'{did_you_mean(name, list(LISTS))}")
        return template_environment(t=t).get_template(LISTS[name]).render(data=dataset)
    if kind == "signs":
        if name not in models.LEVELS[:-1]:
            raise LookupError(f"no red flag level is called '{name}'{did_you_mean(name, list(models.LEVELS[:-1]))}")
        flags = [f for f in dataset.red_flags.red_flags if f.level == name]
        return "\n".join(f"- [{f.text}](/{urls.entity('red_flags', f.id).doc})" for f in flags)
    raise LookupError(f"unknown marker kind '{kind}'; use tip, intro, terms, list or signs")
