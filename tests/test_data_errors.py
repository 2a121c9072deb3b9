"""Broken data gets a clean `file:line: field: message`, exit non-zero, and site/ stays as it was."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.__main__ import main
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
        'summary: "Losing more fluid',
        'sumary: "Losing more fluid',
        "sumary:",
        "causes[1].sumary: unknown key (did you mean 'summary'?)",
    ),
    (
        "missing required field",
        "causes.yaml",
        "    mechanism: |-\n      Dehydration means",
        "    x-mechanism: |-\n      Dehydration means",
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
        "reviewed: 2026-12-01\n\nfaqs",
        "reviewed: 2026-02-30\n\nfaqs",
        "reviewed: 2026-02-30",
        "reviewed: cannot read value '2026-02-30': day is out of range for month",
    ),
    (
        "level outside the set",
        "red_flags.yaml",
        "\n    level: urgent\n",
        "\n    level: soon\n",
        "level: soon",
        "red_flags[17].level: Input should be 'emergency', 'urgent' or 'doctor' (got 'soon')",
    ),
    (
        "a word YAML reads as true or false",
        "faqs.yaml",
        'question: "Why do I get leg cramps only at night?"',
        "question: no",
        "question: no",
        "faqs[0].question: expected text: unquoted, YAML reads yes, no, on, off, true and false"
        " as true or false; quote it",
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
        'label: "Pee like cola, or pain far worse than expected", next: urgent-dark-urine}',
        'label: "Pee like cola, or pain far worse than expected", next: general-self-care}',
        "next: general-self-care}",
        "questions[11].flags[4].next: unsafe: answer 'Pee like cola, or pain far worse than expected' "
        "asserts red flag 'dark-urine' (urgent) but can end at outcome 'general-self-care' (self-care); path: "
        "emergency-signs -> 'None of these' -> main-problem -> 'Something else' -> other-signs -> 'Pee like "
        "cola, or pain far worse than expected' -> general-self-care",
    ),
    (
        "screen asking about a sign more urgent than its own level",
        "triage.yaml",
        '{flag: dvt-calf, label: "One leg swollen',
        '{flag: dvt-with-breathlessness, label: "One leg swollen',
        '{flag: dvt-with-breathlessness, label: "One leg',
        "questions[2].flags[0].flag: red flag 'dvt-with-breathlessness' is emergency, but this screen asks about "
        "urgent signs",
    ),
    (
        "self-care advice watching for a sign its route never asks",
        "triage.yaml",
        "leg-numbness-or-swelling, dvt-calf, dvt-with-breathlessness]",
        "leg-numbness-or-swelling, dvt-calf, dvt-with-breathlessness, calf-pain-walking]",
        "calf-pain-walking]",
        "outcomes[31].watch_for: self-care outcome 'night-cramps' tells readers to watch for 'calf-pain-walking', "
        "which the route emergency-signs -> main-problem -> legs-at-rest -> night-cramps never asks about: ask it on "
        "the way",
    ),
    (
        "ICD-10-CM code not in the table",
        "guides.yaml",
        '{code: G47.62, title: "Sleep related leg cramps"}',
        '{code: G47.68, title: "Sleep related leg cramps"}',
        "code: G47.68",
        "guides[0].icd10cm[0].code: G47.68 is not a code of the ICD-10-CM table (April 2026) "
        "(codes under G47.6: G47.61, G47.62, G47.63, G47.69)",
    ),
    (
        "ICD-10-CM title not the table's",
        "conditions.yaml",
        '{code: G25.81, title: "Restless legs syndrome"}',
        '{code: G25.81, title: "Restless leg syndrome"}',
        "code: G25.81",
        "conditions[4].icd10cm[0].title: the ICD-10-CM table's title for G25.81 is 'Restless legs syndrome', not "
        "'Restless leg syndrome': copy the table's title word for word",
    ),
    (
        "ICD-10-CM code with an encounter's 7th character",
        "conditions.yaml",
        '{code: T67.0, title: "Heatstroke and sunstroke"}',
        '{code: T67.01XA, title: "Heatstroke and sunstroke, initial encounter"}',
        "code: T67.01XA",
        "conditions[8].icd10cm[0].code: T67.01XA adds a 7th character, which records an encounter, not a condition: "
        "name T67.01 ('Heatstroke and sunstroke')",
    ),
    (
        "ICD-10-CM code not written as the table writes it",
        "guides.yaml",
        "{code: M62.830,",
        "{code: m62.830,",
        "code: m62.830",
        "guides[6].icd10cm[0].code: must be an ICD-10-CM code as its table writes it, such as 'G47.62' (got 'm62.830')",
    ),
    (
        "codes in a translation, which keeps the English file's",
        "es/conditions.yaml",
        "  - id: tetanus\n",
        '  - id: tetanus\n    icd10cm: [{code: A35, title: "Otro tétanos"}]\n',
        "icd10cm: [",
        "conditions[6].icd10cm: not a translatable text of the English file",
    ),
    (
        "diary names an unknown red flag",
        "diary.yaml",
        "red_flags: [weakness-or-numbness]",
        "red_flags: [weakness-or-numbnes]",
        "[weakness-or-numbnes]",
        "signs[0].red_flags[0]: no red flags has the id 'weakness-or-numbnes' (did you mean 'weakness-or-numbness'?)",
    ),
    (
        "diary duration limit not the red flag's own",
        "diary.yaml",
        "{over_minutes: 10, red_flags: [long-cramp-not-easing, long-cramps]}",
        "{over_minutes: 10, red_flags: [heavy-drinking]}",
        "over_minutes: 10, red_flags: [heavy",
        "durations[0].red_flags[0]: red flag 'heavy-drinking' does not name a limit of 10 minutes "
        "in its text ('Cramps, and you drink a lot of alcohol'); use the red flag's own limit",
    ),
]


# Data that would reach a reader's browser as something else than text, or mislead, same shape.
CASES += [
    (
        "a source address that ends its link",
        "sources.yaml",
        'url: "https://nidirect.gov.uk/node/10453"',
        'url: "https://nidirect.gov.uk/node/10453)[more](java&#x09;script:alert(1)"',
        'url: "https://nidirect.gov.uk/node/10453)',
        "sources[…].url: must be a web address starting with http:// or https://, without spaces, quotes, brackets…",
    ),
    (
        "a source address on this computer",
        "sources.yaml",
        'url: "https://nidirect.gov.uk/node/10453"',
        'url: "http://localhost:8000/admin"',
        'url: "http://localhost',
        "sources[…].url: 'localhost' is not a public web site's name",
    ),
    (
        # A browser drops line breaks and tabs from a URL: "java⏎script:" runs as "javascript:".
        "a script URL split by a line break",
        "causes.yaml",
        'name: "Dehydration"',
        'name: "[Dehydration](java\\nscript:alert(1))"',
        'name: "[Dehydration]',
        "causes[…].name: script URLs are not allowed",
    ),
    (
        "a carriage return in a one-line text",
        "causes.yaml",
        'name: "Dehydration"',
        'name: "Dehydration\\r# Cramps are harmless"',
        'name: "Dehydration\\r',
        "causes[…].name: control characters are not allowed; type the text itself",
    ),
    (
        "a price past any visit's",
        "specialists.yaml",
        "min: 75",
        "min: 100000000000000000000000000",
        "min: 1000000",
        "specialists[…].cost.min: Input should be less than or equal to 100000",
    ),
    (
        # Every page explains each place a glossary term appears: an everyday word would be everywhere.
        "a glossary term that is a word",
        "glossary.yaml",
        'term: "ALS"',
        'term: "emergency"',
        'term: "emergency"',
        "terms[0].term: 'emergency' is not an abbreviation in capitals, such as DVT; every page would explain it",
    ),
    (
        "not a number",
        "action_plan.yaml",
        "- value: 5\n",
        "- value: .nan\n",
        "- value: .nan",
        "sections[0].tips[…].quantities[1].value: Input should be a finite number",
    ),
    (
        "a review in the future",
        "glossary.yaml",
        "reviewed: 2026-12-06",
        "reviewed: 2099-12-01",
        "reviewed: 2099-12-01",
        "reviewed: 2099-12-01 is in the future: give the day it happened",
    ),
    (
        # The engine would stop on it too, naming the generated page, not this line.
        "a link to no page",
        "faqs.yaml",
        "      Night cramps often have no clear cause.",
        "      Night cramps ([why](/guides/night-cramps.md)) often have no clear cause.",
        "    answer: |-\n      Night cramps ([why]",
        "faqs[0].answer: the link '/guides/night-cramps.md' leads to no page of the site; link a page by its file…",
    ),
    (
        "answers on a screen",
        "triage.yaml",
        '  - id: eyelid\n    text: "Do any of these fit?"\n',
        '  - id: eyelid\n    text: "Do any of these fit?"\n    answers: [{label: Droop, next: eyelid-twitch}]\n',
        "  - id: eyelid",
        "questions[…]: a screen asks its flags, not answers: move the answers to a question of their own",
    ),
]

# The clinical-safety rules (sitegen/checks.py), same shape.
CASES += [
    (
        "red flag with no clinical source",
        "red_flags.yaml",
        '    evidence:\n      - {source: merck-muscle-cramps, level: urgent}\n    lay_terms: ["arm cramp"',
        '    evidence:\n      - {source: seed-article, level: urgent}\n    lay_terms: ["arm cramp"',
        '    evidence:\n      - {source: seed-article, level: urgent}\n    lay_terms: ["arm cramp"',
        "red_flags[24].evidence: red flag 'cramps-in-arms-or-belly' has no clinical source: add evidence naming a "
        "reputable source (not a blog post) and the level it gives",
    ),
    (
        "red flag with no evidence at all",
        "red_flags.yaml",
        '    evidence:\n      - {source: merck-muscle-cramps, level: doctor}\n    lay_terms: ["alcohol"',
        '    lay_terms: ["alcohol"',
        "id: heavy-drinking",
        "red_flags[45].id: red flag 'heavy-drinking' has no clinical source: add evidence naming a reputable source "
        "(not a blog post) and the level it gives",
    ),
    (
        "level below its source's",
        "red_flags.yaml",
        "    level: urgent\n    level_reason: >-\n      The NHS says to get an urgent",
        "    level: doctor\n    level_reason: >-\n      The NHS says to get an urgent",
        "    level: doctor\n    level_reason: >-\n      The NHS says to get an urgent",
        "red_flags[19].level: red flag 'dvt-calf' is doctor, below the level its source 'nhs-dvt' gives "
        "(urgent, evidence[0]): raise the level to at least urgent",
    ),
    (
        "self-care outcome without a safety net",
        "triage.yaml",
        "    safety_net: >-\n      See a doctor if it lasts more than 2 weeks, the eyelid closes completely\n"
        "      with each twitch or slowly starts to droop, the twitch spreads to other\n"
        "      parts of your face, or the eye becomes red, swollen or sticky. If one side\n"
        "      of the face droops suddenly, call the emergency number.\n",
        "",
        "id: eyelid-twitch",
        "outcomes[34].id: self-care outcome 'eyelid-twitch' has no safety_net: say when to come back and get help",
    ),
    (
        "self-care outcome without signs to watch for",
        "triage.yaml",
        "    watch_for: [twitching-that-lasts, face-or-mouth, twitch-spreading-face, eye-red-or-sticky, stroke-signs]\n"
        "    links:\n",
        "    links:\n",
        "id: eyelid-twitch",
        "outcomes[34].id: self-care outcome 'eyelid-twitch' has no watch_for: name the red flags to look out for",
    ),
    (
        "caution without a clinical source",
        "action_plan.yaml",
        "          sources: [mayo-hyperkalemia, fss-potassium]",
        "          sources: [seed-article]",
        "          sources: [seed-article]",
        "sections[2].tips[0].caution.sources: the caution on tip 'potassium' needs at least one clinical source",
    ),
    (
        "FAQ answer backed by the blog post alone",
        "faqs.yaml",
        "    sources: [nhs-leg-cramps, patient-leg-cramps]",
        "    sources: [seed-article]",
        "    sources: [seed-article]",
        "faqs[13].sources: FAQ 'does-stretching-help' has no clinical source: the blog post alone cannot back "
        "medical advice; add a reputable source you read (sources.yaml)",
    ),
    (
        "tip backed by the blog post alone",
        "action_plan.yaml",
        "        sources: [fss-potassium, mayo-news-night-leg-cramps]",
        "        sources: [seed-article]",
        "        sources: [seed-article]",
        "sections[2].tips[0].sources: tip 'potassium' has no clinical source: name a reputable source you read, "
        "and keep what only the blog post says as the tip's `experience`",
    ),
    (
        "clinical source never read",
        "sources.yaml",
        '    url: "https://www2.hse.ie/conditions/chest-pain"\n    read: 2026-12-01\n',
        "",
        "id: hse-chest-pain",
        "sources[13]: a clinical source needs the url it was read at and the date it was read",
    ),
]


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `python -m sitegen check` (the first step of ./site-build.sh) prints of `project`,
    run in-process; it must exit 1 and print no traceback."""
    capsys.readouterr()
    assert Path.cwd() == project, "the `project` fixture runs each test in its copy"
    code = main(["check"])
    stderr = capsys.readouterr().err
    assert code == 1, stderr
    assert "Traceback" not in stderr
    return stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of what `check` reads: data/, content/ and mkdocs.yml, in the current folder as
    ./site-build.sh runs it there."""
    copy = tmp_path / "project"
    for folder in ("data", "content"):
        shutil.copytree(ROOT / folder, copy / folder)
    shutil.copy(ROOT / "mkdocs.yml", copy)
    monkeypatch.chdir(copy)
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
def test_broken_data_is_reported_on_its_line(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    file: str,
    old: str,
    new: str,
    marker: str,
    expected: str,
) -> None:
    text = break_file(project / "data" / file, old, new)
    stderr = check(project, capsys)
    # A duplicate names where the first one stands: the first occurrence of what was written.
    first = line_of(text, new.strip().splitlines()[0].strip()) if new.strip() else 0
    assert_reported(stderr, f"data/{file}:{line_of(text, marker)}: {expected.format(first=first)}")
    assert_reported(stderr, "…problem(s) in data/; nothing was built.")


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
        # A value that holds itself never ends; a few that hold each other spell billions of values.
        (
            "an alias",
            b"sources: [seed-article]\nreviewed: 2026-11-25\nterms: &loop\n  - term: PAD\n    meaning: [*loop]\n",
            "data/glossary.yaml:3: terms[0].meaning[0]: YAML anchors and aliases (&name, *name) are not allowed"
            " in data; write the value out",
        ),
        (
            "nested past reason",
            b"sources: [seed-article]\nreviewed: 2026-11-25\nterms: " + b"[" * 500 + b"]" * 500 + b"\n",
            "data/glossary.yaml:1: (document): values are nested more than 100 deep; data never needs that",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "",
)
def test_unreadable_file_is_reported_cleanly(
    project: Path, capsys: pytest.CaptureFixture[str], case: str, content: bytes, expected: str
) -> None:
    (project / "data" / "glossary.yaml").write_bytes(content)
    assert expected in check(project, capsys)


def test_every_problem_is_reported_in_one_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_file(project / "data" / "specialists.yaml", "min: 75", 'min: "75"')
    break_file(project / "data" / "faqs.yaml", "id: pickle-juice", "id: Pickle_Juice")
    stderr = check(project, capsys)
    assert_reported(stderr, "data/specialists.yaml:…: specialists[0].cost.min: …")
    assert_reported(stderr, "data/faqs.yaml:…: faqs[3].id: …")
    assert_reported(stderr, "2 problem(s) in data/; nothing was built.")


def test_a_problem_found_across_files_names_its_line_in_every_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = []
    for path in sorted((project / "data").glob("*.yaml")):
        if "[seed-article" in path.read_text(encoding="utf-8"):
            text = break_file(path, "[seed-article", "[seed-artcle")
            line = line_of(text, "[seed-artcle")
            hint = "(did you mean 'seed-article'?)"
            expected.append(f"data/{path.name}:{line}: …: no sources has the id 'seed-artcle' {hint}")
    assert len(expected) > 2
    stderr = check(project, capsys)
    for reported in expected:
        assert_reported(stderr, reported)
    assert_reported(stderr, f"{len(expected)} problem(s) in data/; nothing was built.")


def test_a_missing_data_file_is_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "data" / "faqs.yaml").unlink()
    assert "data/faqs.yaml:1: (file): file is missing" in check(project, capsys)


def test_a_folder_in_place_of_a_data_file_is_named_as_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "data" / "faqs.yaml").unlink()
    (project / "data" / "faqs.yaml").mkdir()
    assert "data/faqs.yaml:1: (file): a folder, where the data file should be" in check(project, capsys)


# -- the whole ./site-build.sh ------------------------------------------------------------------


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def site_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    return subprocess.run(["./site-build.sh"], cwd=project, capture_output=True, text=True, env=env, check=False)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("broken", "file", "old", "new", "expected"),
    [
        # Refused by the first step, before anything is built...
        ("data", "data/specialists.yaml", "min: 75", 'min: "75"', ["data/specialists.yaml:"]),
        # ...and by the last, after the engine has written a whole site beside site/: the
        # Content Security Policy step, naming the page and what in it the policy refuses.
        (
            "post-build",
            "overrides/main.html",
            "{% block content %}\n  {{ super() }}\n",
            "{% block content %}\n  {{ super() }}\n  <script>alert(1)</script>\n",
            [
                "inline code that a strict Content Security Policy refuses:",
                "index.html:",
                "an inline <script> in the page's content",
            ],
        ),
    ],
)
def test_a_failed_site_build_leaves_the_last_good_site_byte_identical(
    tmp_path: Path, site: Path, broken: str, file: str, old: str, new: str, expected: list[str]
) -> None:
    project = tmp_path / "project"
    ignored = shutil.ignore_patterns(".venv", "site", ".git", ".site-build.*", "__pycache__", "bench", ".mypy_cache")
    shutil.copytree(ROOT, project, ignore=ignored)
    (project / ".venv").symlink_to(ROOT / ".venv")
    shutil.copytree(site, project / "site")  # the last good build: the session's, as it is the same tree
    before = tree_digest(project / "site")

    break_file(project / file, old, new)
    result = site_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-build.*")), "the failed build's folder was left behind"
