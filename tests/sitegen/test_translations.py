"""sitegen.translations: every text of the data in each language, with the same numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.loader import load_dataset
from sitegen.problems import DataError, Problem
from sitegen.translations import languages, localize
from tests.helpers import ROOT, real_dataset

DATA = real_dataset()


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of data/ with the first `old` in data/es/<file> replaced; the line it is on."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / "es" / file
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{file}: the test's anchor {old!r} is no longer in the translation"
    text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    return data, text[: text.index(new)].count("\n") + 1


def test_the_data_is_translated_into_spanish() -> None:
    assert "es" in languages(ROOT / "data")


def test_every_record_has_its_spanish_texts_and_keeps_its_facts() -> None:
    spanish = localize(DATA, ROOT / "data", "es")
    for english, translated in zip(DATA.red_flags.red_flags, spanish.red_flags.red_flags, strict=True):
        assert (translated.id, translated.level, translated.evidence) == (english.id, english.level, english.evidence)
        assert translated.text != english.text, english.id
    assert [o.level for o in spanish.triage.outcomes] == [o.level for o in DATA.triage.outcomes]
    # A source keeps the title and address of the page that was read; only its note is translated.
    assert [(s.title, s.url, s.read) for s in spanish.sources.sources] == [
        (s.title, s.url, s.read) for s in DATA.sources.sources
    ]


@pytest.mark.parametrize(
    ("case", "file", "old", "new", "expected"),
    [
        (
            "a number changed",
            "red_flags.yaml",
            "más de 10 minutos",
            "más de 11 minutos",
            "the numbers differ from the English (10 in",
        ),
        # "10 minutes" as "10 hours" keeps the number but not the fact.
        (
            "a unit changed",
            "red_flags.yaml",
            "más de 10 minutos",
            "más de 10 horas",
            "the units differ from the English (10 minutes in",
        ),
        # The rules of a text are the English file's, from its model (sitegen.models), with its words.
        ("an empty text", "faqs.yaml", 'question: "', 'question: "" #', "faqs[0].question: must not be empty"),
        (
            "raw HTML",
            "faqs.yaml",
            'question: "',
            'question: "<b>',
            "faqs[0].question: raw HTML is not allowed in data; write Markdown",
        ),
        (
            "a number for a text",
            "faqs.yaml",
            'question: "',
            "question: 5 #",
            "faqs[0].question: Input should be a valid string (got 5)",
        ),
        (
            "two lines where the English has one",
            "red_flags.yaml",
            "level_reason: >-",
            "level_reason: |-",
            "red_flags[0].level_reason: must be a single line, as the English is",
        ),
        ("an unknown key", "causes.yaml", "    name:", "    nmae:", "causes[0].nmae: not a translatable text"),
        # An entry no English entry takes would be dropped, or published in place of the first.
        (
            "an id the English lacks",
            "faqs.yaml",
            "  - id: night-leg-cramps",
            "  - id: no-such-question\n    question: x\n    answer: x\n  - id: night-leg-cramps",
            "faqs[0].id: no English entry has the id 'no-such-question'",
        ),
        (
            "an id translated twice",
            "faqs.yaml",
            "  - id: pickle-juice",
            "  - id: night-leg-cramps\n    question: x\n    answer: x\n  - id: pickle-juice",
            "id: 'night-leg-cramps' is translated twice (first on line 8)",
        ),
        (
            "a screen's label for a sign the screen lacks",
            "triage.yaml",
            "      - flag: stroke-signs\n",
            "      - flag: stroke-sign\n",
            "questions[0].flags[0].flag: no English entry has the flag 'stroke-sign'",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else "",
)
def test_a_bad_translation_is_reported_on_its_line(
    tmp_path: Path, case: str, file: str, old: str, new: str, expected: str
) -> None:
    data, line = broken(tmp_path, file, old, new)
    with pytest.raises(DataError) as caught:
        localize(DATA, data, "es")
    lines = str(caught.value).splitlines()
    assert any(entry.startswith(f"data/es/{file}:{line}: ") and expected in entry for entry in lines), lines


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "faqs.yaml",
            "hasta 10\n      minutos.",
            "hasta 10\n      horas.",
            "answer: the units differ from the English (10 minutes in",
        ),
        (
            "guides.yaml",
            "de 500\n           mg,",
            "de 500\n           g,",
            "do_now: the units differ from the English (500 mg in",
        ),
    ],
    ids=["a time where the line breaks", "a dose"],
)
def test_a_unit_changed_in_a_long_text_is_named_on_its_field(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    data, line = broken(tmp_path, file, old, new)
    with pytest.raises(DataError) as caught:
        localize(DATA, data, "es")
    # On the field's own line, above the one changed: a long text is checked whole.
    assert [p for p in caught.value.problems if expected in str(p) and p.line < line], caught.value.problems


def test_a_text_rule_of_the_model_is_reported_once_in_its_words(tmp_path: Path) -> None:
    data, line = broken(tmp_path, "faqs.yaml", 'question: "', 'question: "Dos líneas\\n')
    with pytest.raises(DataError) as caught:
        localize(DATA, data, "es")
    assert [p for p in caught.value.problems if p.line == line] == [
        Problem("data/es/faqs.yaml", line, "faqs[0].question", "must be a single line")
    ]


def test_a_missing_text_is_named(tmp_path: Path) -> None:
    data, line = broken(tmp_path, "faqs.yaml", "    question:", "    #question:")
    with pytest.raises(DataError, match=rf"data/es/faqs.yaml:{line - 1}: faqs\[0\].question: missing translation"):
        localize(DATA, data, "es")


def test_a_missing_record_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / "es" / "glossary.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("- term:", "- x_term:", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"data/es/glossary.yaml:\d+: terms\[0\].x_term: not a translatable text"):
        localize(DATA, data, "es")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "es" / "faqs.yaml").unlink()
    with pytest.raises(DataError, match=r"data/es/faqs.yaml:1: \(file\): file is missing"):
        localize(DATA, data, "es")


def test_a_screen_s_labels_follow_their_signs_in_any_order(tmp_path: Path) -> None:
    # Matched by the red flag each stands for, not by place: moved, a label still names its sign.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / "es" / "triage.yaml"
    lines = target.read_text(encoding="utf-8").split("\n")
    a, b = lines.index("      - flag: stroke-signs"), lines.index("      - flag: chest-pain")
    lines[a : a + 2], lines[b : b + 2] = lines[b : b + 2], lines[a : a + 2]  # each sign with its label
    target.write_text("\n".join(lines), encoding="utf-8")
    screen = localize(DATA, data, "es").triage.questions[0]
    assert [flag.flag for flag in screen.flags][:2] == ["stroke-signs", "chest-pain"]  # the English order
    assert (screen.flags[0].label or "").startswith("La cara caída de repente")
    assert (screen.flags[1].label or "").startswith("Dolor o presión")


def test_an_answer_s_translation_follows_where_it_leads_when_the_english_moves(tmp_path: Path) -> None:
    # Matched by position, moving an English answer gave its Spanish label to its neighbour:
    # "cramps in the arms or belly" (urgent) led to the hand cramps questions, then self-care.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    english = data / "triage.yaml"
    text = english.read_text(encoding="utf-8")
    hands = '      - label: "Hand or finger cramps"\n        next: hands\n'
    assert hands in text
    english.write_text(
        text.replace(hands, "").replace(
            '      - label: "Something else"', hands + '      - label: "Something else"', 1
        ),
        encoding="utf-8",
    )  # noqa: E501
    question = localize(load_dataset(data), data, "es").triage.questions[1]
    labels = {answer.next: answer.label for answer in question.answers}
    assert labels["arms-or-belly"] == "Calambres en los músculos de los brazos o la barriga"
    assert labels["hands"] == "Calambres en las manos o los dedos"
