"""Other languages' texts for the data, and the English dataset with them in place.

A translation of `data/<file>.yaml` is `data/<lang>/<file>.yaml`: the same nesting, holding
only the reader-facing texts. Records in a list are matched by `id` (a screen's flags by
`flag`, answers by `next`, the levels by `level`; lists with none of these, by position), so
levels, references, numbers and dates live once, in the English file. Every
text must be translated, and a translation must carry the same numbers as its English
original ("10 minutes", "422 mg"), each with the same unit ("10 minutos", not "10 horas"): a
changed number or unit is a changed medical fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError
from pydantic.fields import FieldInfo

from sitegen import models
from sitegen.dataset import Dataset
from sitegen.loader import error_path, problem_from
from sitegen.problems import DataError, Problem
from sitegen.problems import Path as DataPath
from sitegen.strings import SOURCE, Strings, strings
from sitegen.text import check_safe
from sitegen.yaml_source import SourceFile, read_yaml

NOT_TRANSLATED = {
    (models.Source, "title"),
    (models.Source, "publisher"),
    (models.Source, "author"),
    (models.Icd10cmCode, "title"),
}
"""Texts that name something in its own language (a source page's title, a code's official
title) or a person."""

NUMBER = re.compile(r"\d+")
QUANTITY = re.compile(r"(\d+(?:[.,]\d+)*)\s*-?\s*(°?[^\W\d_]+|%)")
"""A number and the word right after it, which may be its unit: "10 minutes", "40 °C", "30-second",
and "10⏎minutes" where a long text breaks its line."""
UNIT = "unit."
"""The keys of sitegen/strings/<lang>.yaml naming the words a language writes a unit of time with."""
SYMBOLS = {"mg": "mg", "mcg": "mcg", "g": "g", "kg": "kg", "ml": "ml", "mmol": "mmol", "%": "%"}
SYMBOLS |= {name: "°" + scale for scale in "CF" for name in (scale.lower(), "°" + scale.lower())}
"""Units written alike in every language, lowercase: "40C" and "40 °C" are the same."""


def languages(data_dir: Path) -> list[str]:
    """The languages the data is translated into: its two-letter subfolders, e.g. `es`."""
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir() and re.fullmatch(r"[a-z]{2}", p.name))


def localize(dataset: Dataset, data_dir: Path, lang: str) -> Dataset:
    """`dataset` with every text in `lang`; raise DataError naming every missing or wrong one.

    Each file's texts are put in place of the English ones and the whole validated as the
    English file is (sitegen.models), so each rule of a text holds in every language, written once."""
    problems: list[Problem] = []
    files: dict[str, Any] = {}  # each the model models.FILES names for its stem: Dataset's field type
    unit_words = (units(strings(SOURCE)), units(strings(lang)))
    for stem, model in models.FILES.items():
        name = f"{data_dir.name}/{lang}/{stem}.yaml"
        path = data_dir / lang / f"{stem}.yaml"
        if not path.is_file():
            problems.append(Problem(name, 1, "(file)", f"file is missing: every data file needs its {lang} texts"))
            continue
        source = read_yaml(path, name)
        problems.extend(source.problems)
        if source.problems:
            continue
        merge = _Merge(source, unit_words)
        data = merge.record(getattr(dataset, stem), source.data if source.data is not None else {}, ())
        wrong: set[DataPath] = set()
        try:
            files[stem] = model.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                wrong.add(error_path(detail))
                problems.append(problem_from(source, model, detail, merge.in_file(error_path(detail))))
        problems.extend(merge.problems)
        problems.extend(merge.compared(wrong))
    if problems:
        raise DataError(problems)
    return Dataset(**files)


@dataclass
class _Merge:
    """One translation file's texts put in place of the English ones, as data for the English
    file's model, and the problems of its shape."""

    source: SourceFile
    units: tuple[dict[str, str], dict[str, str]]
    """The unit each word names (`units`), in English and in the translation's language."""
    problems: list[Problem] = field(default_factory=list)
    entries: dict[DataPath, DataPath] = field(default_factory=dict)
    """Where each English list entry's translation is in the file (entries are matched by id)."""
    texts: list[tuple[DataPath, str, Any]] = field(default_factory=list)
    """Each translated text, where it is, with its English, for `compared`."""

    def in_file(self, path: DataPath) -> DataPath:
        """Where `path`, a place in the English data, is in the translation file."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.entries:
                return (*self.entries[path[:end]], *path[end:])
        return path

    def problem(self, path: DataPath, message: str) -> None:
        self.problems.append(self.source.problem(self.in_file(path), message))

    def record(self, record: models.Record, given: Any, path: DataPath) -> Any:
        """`record`'s fields with the texts of `given` (its translation's mapping) in their place;
        `record` itself where there is no mapping."""
        if not isinstance(given, dict):
            self.problem(path, "expected a mapping of translated texts")
            return record
        fields = type(record).model_fields
        named_by = _key(type(record))
        for key in given:
            if key != named_by and not (key in fields and _translatable(type(record), key, fields[key])):
                self.problem((*path, key), "not a translatable text of the English file")
        if named_by is not None and given.get(named_by, getattr(record, named_by)) != getattr(record, named_by):
            self.problem((*path, named_by), f"expected the {named_by} '{getattr(record, named_by)}' here")
        data: dict[str, Any] = {}
        for key, info in fields.items():
            value = getattr(record, key)
            here = (*path, key)
            if _holds_text(type(record), key, info):
                value = self.text(value, given.get(key), here)
            elif not _translatable(type(record), key, info):
                pass
            elif isinstance(value, models.Record):
                value = self.record(value, given.get(key, {}), here)
            elif isinstance(value, tuple) and value:
                value = self.records(value, given.get(key, ()), here)
            data[key] = value
        return data

    def records(self, values: tuple[Any, ...], given: Any, path: DataPath) -> tuple[Any, ...]:
        """A list of records, matched to the translation's list by id (or the field `_key` names),
        or by position where there is none."""
        if not isinstance(given, tuple):
            self.problem(path, f"expected a list of {len(values)} translated entries")
            return values
        named_by = _key(type(values[0])) if isinstance(values[0], models.Record) else None
        if named_by and len({getattr(record, named_by) for record in values}) < len(values):
            named_by = None  # two answers leading to one place: told apart by their order only
        by_id = {item.get(named_by): (i, item) for i, item in enumerate(given) if isinstance(item, dict)}
        self.unmatched(values, given, path, named_by)
        result = []
        for index, record in enumerate(values):
            record_id = getattr(record, named_by) if named_by else None
            by_position = (index, given[index]) if index < len(given) else None
            match = by_id.get(record_id) if record_id is not None else by_position
            if match is None:
                what = f"'{record_id}'" if record_id is not None else f"entry {index + 1}"
                self.problem(path, f"{what} has no translation")
                result.append(record)
                continue
            position, item = match
            self.entries[(*path, index)] = (*self.in_file(path), position)
            result.append(self.record(record, item, (*path, index)))
        return tuple(result)

    def unmatched(self, values: tuple[Any, ...], given: tuple[Any, ...], path: DataPath, named_by: str | None) -> None:
        """Translated entries no English entry takes: an id the English list lacks, an id given
        twice (only the later would be published), or, in a list without ids, more entries."""
        where = self.in_file(path)
        if named_by is None:
            if len(given) > len(values):
                message = f"{len(given)} translated entries; the English has {len(values)}, matched in order"
                self.problems.append(self.source.problem((*where, len(values)), message))
            return
        ids = {getattr(record, named_by) for record in values}
        first: dict[Any, int] = {}
        for position, item in enumerate(given):
            item_id = item.get(named_by) if isinstance(item, dict) else None
            if item_id in first:
                line = self.source.line_of((*where, first[item_id]))
                message = f"'{item_id}' is translated twice (first on line {line})"
                self.problems.append(self.source.problem((*where, position, named_by), message))
            elif item_id not in ids:
                message = f"no English entry has the {named_by} '{item_id}'" if item_id else f"expected the {named_by}"
                self.problems.append(self.source.problem((*where, position, named_by), message))
            first.setdefault(item_id, position)

    def text(self, english: Any, given: Any, path: DataPath) -> Any:
        """One text field (a string or a list of strings) in the other language."""
        if english is None or english == ():
            if given is not None:
                self.problem(path, "the English file has no text here")
            return english
        if not isinstance(english, tuple):
            if given is None:
                self.problem(path, "missing translation")
                return english
            self.texts.append((path, english, given))
            return given
        if not isinstance(given, tuple) or not given:
            self.problem(path, "missing or empty translation")
            return english
        if path[-1] == "lay_terms":  # readers' own words: as many as suit the language
            return given
        if len(given) != len(english):
            self.problem(path, f"expected {len(english)} translated texts, one for each English one")
            return english
        self.texts.extend(((*path, i), e, g) for i, (e, g) in enumerate(zip(english, given, strict=True)))
        return given

    def compared(self, wrong: set[DataPath]) -> Iterator[Problem]:
        """Each valid translated text that says something else than its English: another number
        (a changed medical fact), or more than one line where the English has one."""
        for path, english, given in self.texts:
            if path in wrong or not isinstance(given, str):
                continue
            where = self.in_file(path)
            if "\n" not in english.strip() and "\n" in given.strip():
                yield self.source.problem(where, "must be a single line, as the English is")
            elif Counter(NUMBER.findall(english)) != Counter(NUMBER.findall(given)):
                yield self.source.problem(
                    where,
                    f"the numbers differ from the English ({', '.join(NUMBER.findall(english)) or 'none'} "
                    f"in '{english}'; {', '.join(NUMBER.findall(given)) or 'none'} here): keep every number the same",
                )
            elif lost := quantities(english, self.units[0]) - quantities(given, self.units[1]):
                yield self.source.problem(
                    where,
                    f"the units differ from the English ({', '.join(f'{n} {u}' for n, u in lost.elements())} in"
                    f" '{english}' is not here with that unit): keep each number's unit, in the words"
                    " sitegen/strings/<lang>.yaml gives it",
                )


def units(t: Strings) -> dict[str, str]:
    """The unit each word of `t`'s language names after a number, lowercase: "minutos": "minutes"."""
    words = {word.lower(): key.removeprefix(UNIT) for key in t if key.startswith(UNIT) for word in t[key].split()}
    return SYMBOLS | words


def quantities(text: str, unit_of: dict[str, str]) -> Counter[tuple[str, str]]:
    """Each number in `text` written with a unit, and that unit: ("10", "minutes"); "1,5" is "1.5"."""
    found = ((number.replace(",", "."), unit_of.get(word.lower())) for number, word in QUANTITY.findall(text))
    return Counter((number, unit) for number, unit in found if unit)


def _key(model: type[models.Record]) -> str | None:
    """The field a translated entry names its English entry by: `id`, or the record's own
    `KEY` (a screen's flag by its red flag, an answer by where it leads, a level by its level);
    None: matched by position."""
    return "id" if "id" in model.model_fields else getattr(model, "KEY", None)


def _translatable(model: type, name: str, info: FieldInfo) -> bool:
    """A field of text, or of records that hold some text somewhere inside."""
    return _holds_text(model, name, info) or any(_has_text(r) for r in _record_types(info.annotation))


def _has_text(model: type[models.Record]) -> bool:
    return any(_translatable(model, name, info) for name, info in model.model_fields.items())


def _record_types(annotation: Any) -> Iterator[type[models.Record]]:
    for arg in _flatten(annotation):
        if isinstance(arg, type) and issubclass(arg, models.Record):
            yield arg


def _holds_text(model: type, name: str, info: FieldInfo) -> bool:
    """A field of reader-facing text (Markdown or plain text, or a list of them)."""
    if (model, name) in NOT_TRANSLATED:
        return False
    return any(_is_text(arg) for arg in _flatten(info.annotation)) or _is_text_info(info)


def _is_text_info(info: FieldInfo) -> bool:
    return any(getattr(m, "func", None) is check_safe for m in info.metadata)


def _is_text(annotation: Any) -> bool:
    return any(getattr(m, "func", None) is check_safe for m in getattr(annotation, "__metadata__", ()))


def _flatten(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in get_args(annotation):
        if getattr(arg, "__metadata__", None) is not None:
            yield arg
        else:
            yield from _flatten(arg)
