"""The project's own documents: the README stays a front door that opens with the two commands
that work on a fresh machine, every link in it and in docs/ leads somewhere that exists, and
nothing in the repository cites a file outside it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT

README = ROOT / "README.md"
DOCUMENTS = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_LINES_MAX = 150
LINE_CHARS_MAX = 400
OPENING_COMMANDS = ["./site-build.sh", "./site-build.sh test"]

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")
CODE_SPAN = re.compile(r"`[^`]*`")
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")

OUTSIDE = ("../shared", "shared/design.md")
"""How a citation of the team's shared folder, which is not in the repository, would read."""
CITING_FOLDERS = ("sitegen", "tests", "hooks", "bench", "overrides", "content", "deploy", "docs", ".ci")
CITING_FILES = ("README.md", "site-build.sh", "mkdocs.yml", "pyproject.toml")
NOT_THE_PROJECT = ("bench/work", "bench/lighthouse/node_modules")
"""Folders git ignores that hold others' files or scratch copies (.gitignore)."""
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".js", ".mjs", ".html", ".css", ".conf", ".sh", ".toml", ".json"}


def prose_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Each line outside fenced code blocks, with its number."""
    fenced = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fence = FENCE.match(line)
        if fence and fenced is None:
            fenced = fence.group(1)[0]
        elif fence and fence.group(1)[0] == fenced:
            fenced = None
        elif fenced is None:
            yield number, line


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces as
    hyphens, and a heading met again numbered (`-1`, `-2`, ...)."""
    seen: Counter[str] = Counter()
    for _, line in prose_lines(path):
        heading = HEADING.match(line)
        if heading:
            seen[re.sub(r"[^\w\- ]", "", heading.group("text").lower()).replace(" ", "-")] += 1
    return {slug + (f"-{n}" if n else "") for slug, count in seen.items() for n in range(count)}


def relative_links(path: Path) -> Iterator[tuple[int, str]]:
    """Each link target in the file's prose that is not an address on the web or a mail address."""
    for number, line in prose_lines(path):
        for link in LINK.finditer(CODE_SPAN.sub("", line)):
            target = link.group("target")
            if not re.match(r"[a-z][a-z0-9+.-]*:", target):
                yield number, target


def broken_link(path: Path, target: str) -> str | None:
    """What is wrong with a relative link from `path`, or None when it leads somewhere."""
    file_part, _, anchor = target.partition("#")
    linked = (path.parent / file_part).resolve() if file_part else path
    if not linked.is_relative_to(ROOT):
        return "leads outside the repository"
    if not linked.exists():
        return "no such file"
    if anchor and (linked.suffix != ".md" or anchor not in anchors(linked)):
        return f"no heading with the anchor #{anchor} in {linked.relative_to(ROOT)}"
    return None


def test_readme_is_a_short_front_door() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_LINES_MAX, f"README.md has {len(lines)} lines; move detail to docs/"
    long = {number: len(line) for number, line in enumerate(lines, start=1) if len(line) > LINE_CHARS_MAX}
    assert not long, f"README.md lines over {LINE_CHARS_MAX} characters (line: length): {long}"


def test_readme_opens_with_the_build_and_test_commands() -> None:
    """Below the title, the first thing a newcomer reads is a code block of exactly the two
    commands, and the CI runs the second of them as it is."""
    lines = [line for line in README.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0].startswith("# "), "README.md starts with its title"
    assert FENCE.match(lines[1]), f"README.md: after the title comes a code block, not {lines[1]!r}"
    block = lines[2 : next(i for i in range(2, len(lines)) if FENCE.match(lines[i]))]
    commands = [line.split("#", 1)[0].strip() for line in block]
    assert commands == OPENING_COMMANDS
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.startswith("./")]
    assert ci == [OPENING_COMMANDS[1]], ".ci/run runs exactly the README's test command"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document: Path) -> None:
    broken = [
        f"{document.relative_to(ROOT)}:{number}: {target}: {problem}"
        for number, target in relative_links(document)
        if (problem := broken_link(document, target))
    ]
    assert not broken, "\n".join(broken)


def test_nothing_cites_a_file_outside_the_repository() -> None:
    files = [ROOT / name for name in CITING_FILES] + [
        path
        for folder in CITING_FOLDERS
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in TEXT_SUFFIXES
        and path != Path(__file__).resolve()
        and not any(path.is_relative_to(ROOT / ignored) for ignored in NOT_THE_PROJECT)
    ]
    citing = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(outside in line for outside in OUTSIDE)
    ]
    assert not citing, "cite the document in docs/ that holds it instead:\n" + "\n".join(citing)
