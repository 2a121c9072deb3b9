"""sitegen.strings: one table of the site's own words per language, checked against English,
and each language's way of writing numbers, money, amounts and dates."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Literal

import pytest

from sitegen import models
from sitegen.problems import DataError
from sitegen.strings import FOLDER, strings

EN, ES = strings("en"), strings("es")


def cost(low: int, high: int, per: Literal["session", "consult", "visit"] = "session") -> models.Cost:
    return models.Cost(min=low, max=high, currency="USD", per=per)


@pytest.mark.parametrize(
    ("quantity", "english", "spanish"),
    [
        (
            models.Quantity(min=2, max=3, unit="L", per="day", of="water"),
            "2–3 L of water a day",
            "2–3 L de water al día",
        ),
        (models.Quantity(value=3500, unit="mg", per="day"), "3,500 mg a day", "3500 mg al día"),
        (models.Quantity(value=12000, unit="mg"), "12,000 mg", "12\u00a0000 mg"),
        (models.Quantity(value=1.5, unit="L", per="hour"), "1.5 L an hour", "1,5 L por hora"),
    ],
)
def test_amounts_are_written_in_each_language_s_format(quantity: models.Quantity, english: str, spanish: str) -> None:
    assert EN.amount(quantity) == english
    assert ES.amount(quantity) == spanish


def test_money_and_dates_are_written_in_each_language_s_format() -> None:
    assert EN.money(cost(75, 150)) == "$75–$150 per session"
    assert ES.money(cost(75, 150)) == "US$75–150 por sesión"
    assert ES.money(cost(250, 500, "consult")) == "US$250–500 por consulta"
    assert EN.date(date(2026, 12, 1)) == "1 December 2026"
    assert ES.date(date(2026, 12, 1)) == "1 de diciembre de 2026"


def test_every_english_key_has_spanish_text_with_the_same_placeholders() -> None:
    assert set(ES) == set(EN)
    assert ES("red_flags.emergency", number="911") == "Llame ya al 911"


def test_a_missing_key_an_extra_key_and_a_changed_placeholder_are_refused_with_their_lines(tmp_path: Path) -> None:
    source = FOLDER
    for name in ("en.yaml", "es.yaml"):
        shutil.copy(source / name, tmp_path / name)
    text = (tmp_path / "es.yaml").read_text(encoding="utf-8")
    text = text.replace('footer.last_reviewed: "Última revisión:"\n', "")
    text = text.replace('red_flags.emergency: "Llame ya al {number}"', 'red_flags.emergency: "Llame ya"')
    text += 'footer.typo: "sobra"\n'
    (tmp_path / "es.yaml").write_text(text, encoding="utf-8")
    line = text[: text.index("red_flags.emergency")].count("\n") + 1
    with pytest.raises(DataError) as error:
        strings("es", tmp_path)
    message = str(error.value)
    assert re.search(r"^sitegen/strings/es\.yaml:\d+: \(document\): 'footer\.last_reviewed' is missing", message, re.M)
    placeholder = "red_flags.emergency: the placeholders differ from en.yaml (expected {number})"
    assert f"sitegen/strings/es.yaml:{line}: {placeholder}" in message
    assert "footer.typo: not a key of sitegen/strings/en.yaml" in message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # The header prints the site's name raw on every page, outside the article: a script there
        # would be among the theme's, whose hashes the policy allows.
        (
            'site_name: "Muscle spasms and cramps"',
            'site_name: "Muscle spasms<script>alert(1)</script>"',
            "site_name: raw HTML is not allowed in data; write Markdown",
        ),
        # Printed into aria-label="...": the quote would end the attribute, and the rest be markup.
        (
            'emergency.label: "Emergency"',
            'emergency.label: "Emergency\\" onmouseover=\\"alert(1)"',
            'emergency.label: straight double quotes (") are not allowed here',
        ),
        (
            'page.faq: "FAQ"',
            'page.faq: "[FAQ](javascript:alert(1))"',
            "page.faq: script URLs are not allowed",
        ),
        (
            'page.faq: "FAQ"',
            'page.faq: "&#x3C;img src=x&#x3E;"',
            "page.faq: HTML character references are not allowed; type the character itself",
        ),
    ],
)
def test_words_that_could_become_markup_are_refused_on_their_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    (tmp_path / "en.yaml").write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    with pytest.raises(DataError) as error:
        strings("en", tmp_path)
    assert f"sitegen/strings/en.yaml:{line}: {message}" in str(error.value)


def test_the_page_scripts_words_may_quote() -> None:
    # The scripts set their words as text, never into an attribute: there a quote is a quote.
    assert '"{value}"' in strings("en")["scripts"]["diary.invalid"]


def test_a_key_a_template_uses_but_no_table_has_is_named_not_a_traceback() -> None:
    with pytest.raises(DataError) as error:
        strings("en")("cause.hwo")
    assert str(error.value).startswith(
        "sitegen/strings/en.yaml:1: cause.hwo: missing: a page template uses this key; add its text"
    )
