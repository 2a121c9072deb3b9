"""Broken data gets a clean `file:line: field: message`, exit non-zero, and site/ stays as it was."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

# (case, file, text to find, replacement, expected line is that of this text in the result, expected error)
# The error is `<field>: <message>` without the `data/<file>:<line>: ` prefix, which the test builds;
# `…` stands for wording that is the YAML parser's own.
CASES = [
    (
        "yaml syntax",
        "causes.yaml",
        'name: "Dehydration"',
        "name: Dehydration: again",
        "name: Dehydration: again",
        "(syntax): YAML syntax error: mapping values are not allowed…",
    ),
    (
        "tab indentation",
        "faqs.yaml",
        "\n  - id: anxiety-and-spasms",
        "\n\t- id: anxiety-and-spasms",
        "\t- id: anxiety",
        "(syntax): YAML syntax error: …tab… (tabs cannot indent YAML; use spaces)",
    ),
    (
        "duplicate id",
        "causes.yaml",
        "id: muscle-overuse",
        "id: dehydration",
        'id: dehydration\n    kind: core\n    name: "Muscle',
        "causes[2].id: duplicate id 'dehydration' (first used on line {first})",
    ),
    (
        "unknown key",
        "causes.yaml",
        'summary: "Not enough fluid',
        'sumary: "Not enough fluid',
        "sumary:",
        "causes[1].sumary: unknown key (did you mean 'summary'?)",
    ),
    (
        "missing required field",
        "causes.yaml",
        '    mechanism: "Dehydration reduces',
        '    x-mechanism: "Dehydration reduces',
        "  - id: dehydration",
        "causes[1].mechanism: required field is missing",
    ),
    (
        "wrong type",
        "specialists.yaml",
        "min: 75",
        'min: "75"',
        'min: "75"',
        "specialists[0].cost.min: Input should be a valid integer (got '75')",
    ),
    (
        "dangling reference",
        "conditions.yaml",
        "specialists: [neurologist]",
        "specialists: [neurologst]",
        "[neurologst]",
        "conditions[2].specialists[0]: no specialists has the id 'neurologst' (did you mean 'neurologist'?)",
    ),
    (
        "impossible date",
        "faqs.yaml",
        "reviewed: 2026-11-25\n\nfaqs",
        "reviewed: 2026-02-30\n\nfaqs",
        "reviewed: 2026-02-30",
        "reviewed: cannot read value '2026-02-30': day is out of range for month",
    ),
    (
        "level outside the set",
        "red_flags.yaml",
        "level: urgent",
        "level: soon",
        "level: soon",
        "red_flags[6].level: Input should be 'emergency', 'urgent' or 'doctor' (got 'soon')",
    ),
    (
        "raw HTML",
        "causes.yaml",
        '"Cramps after intense sweating during sports."',
        '"Cramps <img src=x onerror=alert(1)>"',
        "<img",
        "causes[0].example: raw HTML is not allowed in data; write Markdown",
    ),
    (
        "id not kebab-case",
        "faqs.yaml",
        "id: pickle-juice",
        "id: Pickle_Juice",
        "Pickle_Juice",
        "faqs[3].id: must be a lowercase-kebab id such as 'poor-circulation'",
    ),
    (
        "duplicate key",
        "faqs.yaml",
        "  - id: pickle-juice\n",
        "  - id: pickle-juice\n    id: pickle-juice-2\n",
        "id: pickle-juice-2",
        "faqs[3].id: duplicate key (first given on line {first})",
    ),
    (
        "unsafe triage edge",
        "triage.yaml",
        "if_any: see-doctor-today",
        "if_any: general-self-care",
        "if_any: general-self-care",
        "questions[1].if_any: unsafe: answer 'Dark urine after intense exercise' asserts red flag "
        "'dark-urine-after-exercise' (urgent) but can end at outcome 'general-self-care' (self-care); "
        "path: emergency-signs -> 'I have none of these' -> urgent-signs "
        "-> 'Dark urine after intense exercise' -> general-self-care",
    ),
]


def run_build(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    return subprocess.run(["./site-build.sh"], cwd=project, capture_output=True, text=True, env=env, check=False)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project sharing the installed .venv, with a previous site/ to protect."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", "site", ".git", ".site-build.*", "__pycache__", "bench")
    )
    (copy / ".venv").symlink_to(ROOT / ".venv")
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text("<p>the last good build</p>\n")
    return copy


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def break_file(path: Path, old: str, new: str) -> str:
    """Replace the first `old` with `new`; return the broken text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: the test's anchor text {old!r} is no longer in the data"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize(("case", "file", "old", "new", "marker", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_data_is_reported_on_its_line_and_site_is_untouched(
    project: Path, case: str, file: str, old: str, new: str, marker: str, expected: str
) -> None:
    text = break_file(project / "data" / file, old, new)
    before = tree_digest(project / "site")
    result = run_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # A duplicate names where the first one stands: the first occurrence of what was written.
    first = line_of(text, new.strip().splitlines()[0].strip())
    assert_reported(result.stderr, f"data/{file}:{line_of(text, marker)}: {expected.format(first=first)}")

    assert tree_digest(project / "site") == before


def assert_reported(stderr: str, expected: str) -> None:
    """One line of `stderr` reads `expected`, where `…` may stand for any words."""
    parts = [re.escape(part) for part in expected.split("…")]
    pattern = re.compile("^" + ".*".join(parts) + ("" if expected.endswith("…") else "$"), re.M)
    assert pattern.search(stderr), f"expected a line {expected!r} in:\n{stderr}"


@pytest.mark.parametrize(
    ("case", "content", "expected"),
    [
        ("empty file", b"", "data/glossary.yaml:1: (document): the file is empty; expected a mapping"),
        (
            "only comments",
            b"# nothing here\n",
            "data/glossary.yaml:1: (document): the file is empty; expected a mapping",
        ),
        (
            "not UTF-8",
            b"sources: [seed-article]\nreviewed: 2026-11-25\nterms:\n  - term: caf\xe9\n",
            "data/glossary.yaml:4: (file): not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        ),
        (
            "wrong top-level type",
            b"- term: PAD\n",
            "data/glossary.yaml:1: (document): expected a mapping with the keys",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "",
)
def test_unreadable_file_is_reported_cleanly(project: Path, case: str, content: bytes, expected: str) -> None:
    (project / "data" / "glossary.yaml").write_bytes(content)
    before = tree_digest(project / "site")
    result = run_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert tree_digest(project / "site") == before


def test_every_problem_is_reported_in_one_run(project: Path) -> None:
    break_file(project / "data" / "specialists.yaml", "min: 75", 'min: "75"')
    break_file(project / "data" / "faqs.yaml", "id: pickle-juice", "id: Pickle_Juice")
    result = run_build(project)
    assert_reported(result.stderr, "data/specialists.yaml:…: specialists[0].cost.min: …")
    assert_reported(result.stderr, "data/faqs.yaml:…: faqs[3].id: …")
    assert_reported(result.stderr, "2 problem(s) in data/; nothing was built.")


def test_a_missing_data_file_is_named(project: Path) -> None:
    (project / "data" / "faqs.yaml").unlink()
    result = run_build(project)
    assert result.returncode != 0
    assert "data/faqs.yaml:1: (file): file is missing" in result.stderr
