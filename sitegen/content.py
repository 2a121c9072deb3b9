"""Hand-written pages (`content/*.md`): their front matter, read and checked like data into
the record every page carries (sitegen.front_matter).

Every page has a `title`, names its `sources` (ids from data/sources.yaml) and the date a
person last `reviewed` it; its `description` and `type` (a search type, sitegen.kinds) are
optional, and any other key is refused as a likely typo. Problems read
`content/<file>.md:<line>: <field>: <message>`, reported with the data's by `sitegen check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sitegen.dataset import Dataset
from sitegen.front_matter import FrontMatter
from sitegen.markers import marker_problems
from sitegen.page_html import html_problems
from sitegen.problems import DataError, Problem, did_you_mean
from sitegen.yaml_source import parse_yaml, read_text

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML between `---` lines at the top of a page, as MkDocs and Zensical read it."""
OPENED = re.compile(r"\A-{3}[ \t]*\n")
"""The first line of front matter, closed or not."""

WRITTEN = ("title", "description", "sources", "reviewed", "type")
"""The front matter a hand-written page sets; the rest of a FrontMatter is the page makers'."""

MESSAGES = {
    "sources": "every page lists its sources (ids from data/sources.yaml) in its front matter",
    "reviewed": "expected the date a person last checked this page, as YYYY-MM-DD",
}
"""What a maintainer is told of a key that is missing or wrong, whatever is wrong with it."""


@dataclass(frozen=True)
class ContentPage:
    doc: str
    """Its path under content/, as the engine knows it: `about.md`."""
    text: str
    """The whole file."""
    meta: dict[str, Any]
    """Its front matter as read."""
    body: str
    body_line: int
    """The file line the body starts on, after the front matter."""
    folder: str = "content"
    """Where it lives in the project: `content`, or `content/es` for a Spanish page."""
    unreadable: tuple[Problem, ...] = ()
    """Why its front matter could not be read, if it could not."""

    @property
    def where(self) -> str:
        return f"{self.folder}/{self.doc}"

    @property
    def front(self) -> FrontMatter:
        """Its front matter as the record every page carries; DataError naming its problems if it has any."""
        front, problems = self._validated
        if front is None:
            raise DataError(problems)
        return front

    @property
    def front_problems(self) -> list[Problem]:
        """Every problem of its front matter on its own, without the data."""
        return self._validated[1]

    @cached_property
    def _validated(self) -> tuple[FrontMatter | None, list[Problem]]:
        if self.unreadable:
            return None, list(self.unreadable)
        problems = [
            self.problem(str(key), "unknown key" + did_you_mean(str(key), list(WRITTEN)))
            for key in self.meta
            if key not in WRITTEN
        ]
        try:
            front = FrontMatter.model_validate({k: v for k, v in self.meta.items() if k in WRITTEN})
        except ValidationError as error:
            problems.extend(
                self._problem_from(detail["loc"], detail["type"], detail["msg"]) for detail in error.errors()
            )
            return None, list(dict.fromkeys(problems))
        return (None if problems else front), problems

    def _problem_from(self, loc: tuple[int | str, ...], kind: str, message: str) -> Problem:
        key = str(loc[0]) if loc else "(front matter)"
        if key in MESSAGES and kind != "value_error":  # a rule's own words say more than the general hint
            message = MESSAGES[key]
        elif kind == "missing":
            message = "required field is missing"
        return self.problem(key, message.removeprefix("Value error, "))

    def line_of(self, key: str) -> int:
        """The line of `key:` in the front matter, or 1 when it is absent."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if line.startswith(f"{key}:"):
                return number
        return 1

    def problem(self, key: str, message: str) -> Problem:
        return Problem(self.where, self.line_of(key), key, message)


def read_page(path: Path, doc: str, folder: str = "content") -> ContentPage:
    text = read_text(path, f"{folder}/{doc}")
    if isinstance(text, Problem):
        return ContentPage(doc, "", {}, "", 1, folder, (text,))
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the engines read it: a Windows editor's too
    match = FRONT_MATTER.match(text)
    if not match and OPENED.match(text):
        # Read as no front matter at all, it would be reported as a page missing every field.
        unclosed = "never closed: end it with a line of three dashes (---)"
        return ContentPage(doc, text, {}, text, 1, folder, (Problem(f"{folder}/{doc}", 1, "(front matter)", unclosed),))
    if not match:
        return ContentPage(doc, text, {}, text, 1, folder)
    body = text[match.end() :]
    line = text.count("\n", 0, match.end()) + 1
    # Read as data is (duplicate keys and impossible dates are problems), a line down so that its
    # lines are the file's: the front matter starts on line 2.
    source = parse_yaml("\n" + match["yaml"], f"{folder}/{doc}")
    problems = source.problems
    if source.data is not None and not isinstance(source.data, dict):
        problems.append(Problem(f"{folder}/{doc}", 2, "(front matter)", "expected keys and values, as `title: ...`"))
    meta = source.data if isinstance(source.data, dict) else {}
    return ContentPage(doc, text, meta, body, line, folder, tuple(problems))


def content_pages(content_dir: Path, folder: str = "content", skip: tuple[str, ...] = ()) -> list[ContentPage]:
    """Every hand-written page under `content_dir` (`folder` in the project), in a stable order,
    leaving out the top-level folders in `skip` (the other languages' pages)."""
    paths = (p for p in sorted(content_dir.rglob("*.md")) if p.relative_to(content_dir).parts[0] not in skip)
    return [read_page(p, p.relative_to(content_dir).as_posix(), folder) for p in paths]


def check_page(page: ContentPage, dataset: Dataset | None) -> list[Problem]:
    """Every problem of one hand-written page's front matter and data markers, in line order;
    without a dataset (the data has problems of its own), what can be checked without it."""
    problems = [*page.front_problems, *html_problems(page.body, page.where, page.body_line)]
    if page.unreadable or dataset is None:
        return sorted(problems)
    sources = page.meta.get("sources")
    known = dataset.by_id["sources"]
    for source in sources if isinstance(sources, tuple) else ():
        if source not in known:
            hint = did_you_mean(str(source), list(known))
            problems.append(page.problem("sources", f"no source has the id '{source}'{hint}"))
    problems.extend(marker_problems(page.body, dataset, where=page.where, first_line=page.body_line))
    return sorted(problems)


def check_content(
    content_dir: Path, dataset: Dataset | None, folder: str = "content", skip: tuple[str, ...] = ()
) -> list[Problem]:
    """Every problem of every hand-written page."""
    pages = content_pages(content_dir, folder, skip)
    return [problem for page in pages for problem in check_page(page, dataset)]
