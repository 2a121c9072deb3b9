"""Hand-written pages (`content/*.md`): their front matter, read and checked like data.

Every page names its `sources` (ids from data/sources.yaml) and the date a person last
`reviewed` it; its `type`, when given, is a search type (sitegen.kinds). Problems read
`content/<file>.md:<line>: <field>: <message>`, reported with the data's by `sitegen check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitegen.dataset import Dataset
from sitegen.kinds import PAGE, SEARCH_TYPES
from sitegen.markers import marker_problems
from sitegen.problems import Problem, did_you_mean

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML between `---` lines at the top of a page, as MkDocs and Zensical read it."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ContentPage:
    doc: str
    """Its path under content/, as the engine knows it: `about.md`."""
    text: str
    """The whole file."""
    meta: dict[str, Any]
    body: str
    body_line: int
    """The file line the body starts on, after the front matter."""
    folder: str = "content"
    """Where it lives in the project: `content`, or `content/es` for a Spanish page."""

    @property
    def where(self) -> str:
        return f"{self.folder}/{self.doc}"

    def line_of(self, key: str) -> int:
        """The line of `key:` in the front matter, or 1 when it is absent."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if line.startswith(f"{key}:"):
                return number
        return 1

    def problem(self, key: str, message: str) -> Problem:
        return Problem(self.where, self.line_of(key), key, message)


def read_page(path: Path, doc: str, folder: str = "content") -> ContentPage:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return ContentPage(doc, text, {}, text, 1, folder)
    try:
        meta = yaml.load(match["yaml"], Loader=_Loader)  # noqa: S506 (the C safe loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        meta = {
            "(front matter)": f"not YAML: {getattr(error, 'problem', error)}",
            "_line": (mark.line + 2) if mark else 1,
        }
    body = text[match.end() :]
    line = text.count("\n", 0, match.end()) + 1
    return ContentPage(doc, text, meta if isinstance(meta, dict) else {}, body, line, folder)


def content_pages(content_dir: Path, folder: str = "content", skip: tuple[str, ...] = ()) -> list[ContentPage]:
    """Every hand-written page under `content_dir` (`folder` in the project), in a stable order,
    leaving out the top-level folders in `skip` (the other languages' pages)."""
    paths = (p for p in sorted(content_dir.rglob("*.md")) if p.relative_to(content_dir).parts[0] not in skip)
    return [read_page(p, p.relative_to(content_dir).as_posix(), folder) for p in paths]


def reviewed(page: ContentPage) -> date | None:
    value = page.meta.get("reviewed")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def check_page(page: ContentPage, dataset: Dataset | None) -> list[Problem]:
    """Every problem of one hand-written page's front matter and data markers; without a
    dataset (the data has problems of its own), what can be checked without it."""
    problems = []
    if "(front matter)" in page.meta:
        problems.append(Problem(page.where, page.meta["_line"], "(front matter)", page.meta["(front matter)"]))
        return problems
    sources = page.meta.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append(
            page.problem("sources", "every page lists its sources (ids from data/sources.yaml) in its front matter")
        )
    elif dataset is not None:
        known = dataset.by_id["sources"]
        for source in sources:
            if source not in known:
                hint = did_you_mean(str(source), list(known))
                problems.append(page.problem("sources", f"no source has the id '{source}'{hint}"))
    if reviewed(page) is None:
        problems.append(page.problem("reviewed", "expected the date a person last checked this page, as YYYY-MM-DD"))
    page_type = page.meta.get("type", PAGE)
    if page_type not in SEARCH_TYPES:
        expected = ", ".join(SEARCH_TYPES)
        problems.append(page.problem("type", f"'{page_type}' is not a search type; expected one of {expected}"))
    if dataset is not None:
        problems.extend(marker_problems(page.body, dataset, where=page.where, first_line=page.body_line))
    return problems


def check_content(
    content_dir: Path, dataset: Dataset | None, folder: str = "content", skip: tuple[str, ...] = ()
) -> list[Problem]:
    """Every problem of every hand-written page."""
    pages = content_pages(content_dir, folder, skip)
    return [problem for page in pages for problem in check_page(page, dataset)]
