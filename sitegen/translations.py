"""Other languages' texts for the data, and the English dataset with them in place.

A translation of `data/<file>.yaml` is `data/<lang>/<file>.yaml`: the same nesting, holding
only the reader-facing texts. Records in a list are matched by `id` (lists without ids, by
position), so levels, references, numbers and dates live once, in the English file. Every
text must be translated, and a translation must carry the same numbers as its English
original ("10 minutes", "422 mg"): a changed number is a changed medical fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

from pydantic.fields import FieldInfo

from sitegen import models
from sitegen.dataset import Dataset
from sitegen.problems import DataError, Problem
from sitegen.problems import Path as DataPath
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


def languages(data_dir: Path) -> list[str]:
    """The languages the data is translated into: its two-letter subfolders, e.g. `es`."""
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir() and re.fullmatch(r"[a-z]{2}", p.name))


def localize(dataset: Dataset, data_dir: Path, lang: str) -> Dataset:
    """`dataset` with every text in `lang`; raise DataError naming every missing or wrong one."""
    problems: list[Problem] = []
    files: dict[str, Any] = {}  # each the model models.FILES names for its stem: Dataset's field type
    for stem in models.FILES:
        english = getattr(dataset, stem)
        name = f"{data_dir.name}/{lang}/{stem}.yaml"
        path = data_dir / lang / f"{stem}.yaml"
        if not path.is_file():
            problems.append(Problem(name, 1, "(file)", f"file is missing: every data file needs its {lang} texts"))
            continue
        source = read_yaml(path, name)
        problems.extend(source.problems)
        if source.problems:
            continue
        translated, found = _translate(english, source.data if source.data is not None else {}, (), source)
        problems.extend(found)
        files[stem] = translated
    if problems:
        raise DataError(problems)
    return Dataset(**files)


def _translate(record: models.Record, given: Any, path: DataPath, source: SourceFile) -> tuple[Any, list[Problem]]:
    """A copy of `record` with the texts of `given` (its translation's mapping), and the problems."""
    problems: list[Problem] = []
    if not isinstance(given, dict):
        return record, [source.problem(path, "expected a mapping of translated texts")]
    fields = type(record).model_fields
    for key in given:
        if key != "id" and not (key in fields and _translatable(type(record), key, fields[key])):
            problems.append(source.problem((*path, key), "not a translatable text of the English file"))
    record_id = getattr(record, "id", None)
    if "id" in fields and given.get("id", record_id) != record_id:
        problems.append(source.problem((*path, "id"), f"expected the id '{record_id}' here"))
    update: dict[str, Any] = {}
    for key, info in fields.items():
        value = getattr(record, key)
        here = (*path, key)
        if _holds_text(type(record), key, info):
            new, found = _text(value, given.get(key), here, source)
        elif not _translatable(type(record), key, info):
            continue
        elif isinstance(value, models.Record):
            new, found = _translate(value, given.get(key, {}), here, source)
        elif isinstance(value, tuple) and value:
            new, found = _records(value, given.get(key, ()), here, source)
        else:
            continue
        problems.extend(found)
        update[key] = new
    return record.model_copy(update=update), problems


def _records(
    values: tuple[Any, ...], given: Any, path: DataPath, source: SourceFile
) -> tuple[tuple[Any, ...], list[Problem]]:
    """A list of records, matched to the translation's list by id, or by position without ids."""
    if not isinstance(given, tuple):
        return values, [source.problem(path, f"expected a list of {len(values)} translated entries")]
    by_id = {item.get("id"): (i, item) for i, item in enumerate(given) if isinstance(item, dict)}
    problems: list[Problem] = []
    result = []
    for index, record in enumerate(values):
        record_id = getattr(record, "id", None)
        by_position = (index, given[index]) if index < len(given) else None
        match = by_id.get(record_id) if record_id is not None else by_position
        if match is None:
            what = f"'{record_id}'" if record_id is not None else f"entry {index + 1}"
            problems.append(source.problem(path, f"{what} has no translation"))
            result.append(record)
            continue
        position, item = match
        translated, found = _translate(record, item, (*path, position), source)
        problems.extend(found)
        result.append(translated)
    return tuple(result), problems


def _text(english: Any, given: Any, path: DataPath, source: SourceFile) -> tuple[Any, list[Problem]]:
    """One text field (a string or a list of strings) in the other language."""
    if english is None or english == ():
        return english, [] if given is None else [source.problem(path, "the English file has no text here")]
    if not isinstance(english, tuple):
        return given, _one_text(english, given, path, source)
    if not isinstance(given, tuple) or not given:
        return english, [source.problem(path, "missing or empty translation")]
    if path[-1] == "lay_terms":  # readers' own words: as many as suit the language
        return given, [p for i, g in enumerate(given) for p in _one_text(None, g, (*path, i), source)]
    if len(given) != len(english):
        return english, [source.problem(path, f"expected {len(english)} translated texts, one for each English one")]
    return given, [
        p for i, (e, g) in enumerate(zip(english, given, strict=True)) for p in _one_text(e, g, (*path, i), source)
    ]


def _one_text(english: str | None, given: Any, path: DataPath, source: SourceFile) -> list[Problem]:
    if not isinstance(given, str) or not given.strip():
        return [source.problem(path, "missing or empty translation")]
    try:
        check_safe(given)
    except ValueError as error:
        return [source.problem(path, str(error))]
    if english is not None and "\n" not in english.strip() and "\n" in given.strip():
        return [source.problem(path, "must be a single line, as the English is")]
    if english is not None and Counter(NUMBER.findall(english)) != Counter(NUMBER.findall(given)):
        return [
            source.problem(
                path,
                f"the numbers differ from the English ({', '.join(NUMBER.findall(english)) or 'none'} "
                f"in '{english}'; {', '.join(NUMBER.findall(given)) or 'none'} here): keep every number the same",
            )
        ]
    return []


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
