"""The words the site itself says, outside the data, in each language: `sitegen/strings/<lang>.yaml`.

English (`en.yaml`) names every key. Another language's file must give every one of them, with
text wherever English has some, the same `{placeholders}` and no key English lacks; a problem
reads `sitegen/strings/<lang>.yaml:<line>: <key>: <message>`. Its `scripts` section holds the
page scripts' words, given to them at export (sitegen.script_strings). Templates call the table:
`t("cause.how")`, `t("red_flags.emergency", number="911")`; numbers, money and dates are
written by its `number`, `money` and `date` methods, so each language formats them its own way.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sitegen.problems import DataError, Problem
from sitegen.text import markup_in
from sitegen.yaml_source import read_yaml

FOLDER = Path(__file__).resolve().parent / "strings"
SOURCE = "en"
"""The language the data is written in, and whose table names every key."""
SECTION = "scripts"
"""The section of sitegen/strings/<lang>.yaml that the page scripts get (sitegen.script_strings)."""


class Strings(Mapping[str, Any]):
    """One language's table: a mapping of key to text, callable to fill in placeholders."""

    def __init__(self, lang: str, table: dict[str, Any]) -> None:
        self.lang = lang
        self._table = table

    def __getitem__(self, key: str) -> Any:
        return self._table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __call__(self, key: str, **values: Any) -> str:
        if key not in self._table:  # a template names a key the table lacks: said, not a traceback
            where = f"sitegen/strings/{self.lang}.yaml"
            raise DataError([Problem(where, 1, key, "missing: a page template uses this key; add its text")])
        text: str = self._table[key]
        return text.format(**values) if values else text

    def number(self, value: float) -> str:
        """`3,500`, `10,000` and `1.5` in English; `3500`, `10 000` and `1,5` in Spanish."""
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
        thousands = self._table["number.thousands"]
        if thousands.isspace() and abs(value) < 10_000:  # a space groups only five digits or more: 3500, 10 000
            thousands = ""
        swap = {",": thousands, ".": self._table["number.decimal"]}
        return "".join(swap.get(char, char) for char in text)

    def money(self, cost: Any) -> str:
        """`$75–$150 per session` (English), `US$75–150 por sesión` (Spanish) from a Cost."""
        return self(
            "money",
            symbol=self._table[f"money.{cost.currency}"],
            min=self.number(cost.min),
            max=self.number(cost.max),
            per=self._table[f"per.{cost.per}"],
        )

    def amount(self, quantity: Any) -> str:
        """`2–3 L a day`, `422 mg of potassium` (English); `2–3 L al día`, `422 mg de potasio`."""
        if quantity.value is not None:
            text = self.number(quantity.value)
        else:
            text = f"{self.number(quantity.min)}–{self.number(quantity.max)}"
        text += f" {quantity.unit}"
        if quantity.of:
            text += self("amount.of", of=quantity.of)
        if quantity.per:
            text += self._table[f"amount.{quantity.per}"]
        return text

    def date(self, day: date) -> str:
        """`1 December 2026`, `1 de diciembre de 2026`."""
        return self("date", day=day.day, month=self._table["months"][day.month - 1], year=day.year)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def check_table(english: dict[str, Any], given: Any, source: Any, path: tuple[str, ...] = ()) -> list[Problem]:
    """Every key of `english` in `given` with text where English has some, the same placeholders,
    lists of the same length, sections (`scripts`) checked alike, and no key English lacks."""
    if not isinstance(given, dict):
        return [source.problem(path, "expected a mapping of keys to texts")]
    problems = [
        source.problem((*path, key), "not a key of sitegen/strings/en.yaml") for key in given if key not in english
    ]
    for key, text in english.items():
        value = given.get(key)
        if key not in given:
            problems.append(source.problem(path, f"'{key}' is missing: every key of en.yaml needs a text here"))
        elif isinstance(text, dict):
            problems.extend(check_table(text, value, source, (*path, key)))
        elif isinstance(text, tuple):
            if not isinstance(value, tuple) or len(value) != len(text) or not all(isinstance(v, str) for v in value):
                problems.append(source.problem((*path, key), f"expected a list of {len(text)} texts, as in en.yaml"))
        elif not isinstance(value, str) or (text and not value):
            problems.append(source.problem((*path, key), "missing or empty text"))
        elif _placeholders(value) != _placeholders(text):
            want = ", ".join(sorted(f"{{{p}}}" for p in _placeholders(text))) or "none"
            problems.append(source.problem((*path, key), f"the placeholders differ from en.yaml (expected {want})"))
        elif found := markup_in(value) or _quote_in(value, path):
            problems.append(source.problem((*path, key), found))
    return problems


def _quote_in(text: str, path: tuple[str, ...]) -> str | None:
    # The theme prints interface words into HTML attributes unescaped (Material's templates, in
    # both engines), where a straight double quote ends the attribute and the rest becomes markup.
    # The page scripts' words are set as text, where it is only a character.
    if '"' in text and path[:1] != (SECTION,):
        return (
            'straight double quotes (") are not allowed here: the theme prints these words into'
            " HTML attributes, where one ends the attribute; write “ ” or « »"
        )
    return None


@functools.lru_cache(maxsize=8)
def strings(lang: str, folder: Path = FOLDER) -> Strings:
    """The checked table of `lang`; DataError names every problem."""
    english = read_yaml(folder / f"{SOURCE}.yaml", f"sitegen/strings/{SOURCE}.yaml")
    if english.problems:
        raise DataError(english.problems)
    if lang == SOURCE:
        # Checked against itself: its texts follow the same rules (no markup) as a translation's.
        problems = check_table(english.data, english.data, english)
        if problems:
            raise DataError(problems)
        return Strings(lang, english.data)
    path = folder / f"{lang}.yaml"
    name = f"sitegen/strings/{lang}.yaml"
    if not path.is_file():
        raise DataError([Problem(name, 1, "(file)", f"file is missing: the {lang} edition needs its interface texts")])
    given = read_yaml(path, name)
    problems = given.problems or check_table(english.data, given.data, given)
    if problems:
        raise DataError(problems)
    return Strings(lang, given.data)


def page_titles(table: Mapping[str, Any]) -> dict[str, str]:
    """The fixed pages' navigation titles, by page id (sitegen.urls.PAGES)."""
    return {key.removeprefix("page."): text for key, text in table.items() if key.startswith("page.")}
