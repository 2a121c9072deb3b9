"""Load every file in `data/` into one validated, typed `Dataset`, or raise `DataError`.

Stages, each collecting all its problems: read YAML (syntax, encoding), validate each
file against its model (types, unknown keys), then check what spans files
(references, unique ids, triage safety).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sitegen import models
from sitegen.checks import check_dataset
from sitegen.dataset import Dataset
from sitegen.problems import DataError, Problem, did_you_mean
from sitegen.problems import Path as DataPath
from sitegen.yaml_source import SourceFile, read_yaml


def load_dataset(data_dir: Path) -> Dataset:
    """Read, validate and cross-check `data_dir`; raise `DataError` listing every problem."""
    with _collector_paused():
        return _load(data_dir)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading.

    Loading builds hundreds of thousands of small objects (YAML nodes, dicts, records) that
    form no cycles, and each burst of allocations triggered a collection that scanned all
    of them again: 5,000 records of each kind loaded in 8 s, 4 s without (./site-build.sh bench).
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(data_dir: Path) -> Dataset:
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}  # each the model models.FILES names for its stem: Dataset's field type
    sources: dict[str, SourceFile] = {}
    for stem in models.FILES:
        path = data_dir / f"{stem}.yaml"
        if not path.is_file():
            what = "a folder, where the data file should be" if path.is_dir() else "file is missing"
            problems.append(Problem(f"{data_dir.name}/{stem}.yaml", 1, "(file)", what))
            continue
        source, record, found = _read_file(path)
        sources[stem] = source
        problems.extend(found)
        if record is not None:
            parsed[stem] = record
    if problems:
        raise DataError(problems)
    dataset = Dataset(**parsed)
    problems.extend(check_dataset(dataset, sources))
    if problems:
        raise DataError(problems)
    return dataset


def _read_file(path: Path) -> tuple[SourceFile, models.Record | None, list[Problem]]:
    """A data file's source, its record if valid, and its problems."""
    source = read_yaml(path, f"{path.parent.name}/{path.name}")
    problems = list(source.problems)
    record = None
    if source.data is not None and not source.problems:
        record = _validate_file(source, models.FILES[path.stem], problems)
    return source, record, problems


def _validate_file(source: SourceFile, model: type[models.Record], problems: list[Problem]) -> models.Record | None:
    if not isinstance(source.data, dict):
        got = type(source.data).__name__
        keys = ", ".join(model.model_fields)
        problems.append(source.problem((), f"expected a mapping with the keys {keys}; got a {_yaml_type(got)}"))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(problem_from(source, model, detail) for detail in error.errors())
        return None


def _yaml_type(python_type: str) -> str:
    return {"tuple": "list", "str": "string", "int": "number", "float": "number", "bool": "true/false"}.get(
        python_type, python_type
    )


def error_path(detail: ErrorDetails) -> DataPath:
    """Where in the data a pydantic error is: its location, without the names of validators."""
    return tuple(part for part in detail["loc"] if not (isinstance(part, str) and part.startswith("function-")))


def problem_from(
    source: SourceFile, model: type[models.Record], detail: ErrorDetails, in_file: DataPath | None = None
) -> Problem:
    """Turn one pydantic error into a maintainer's sentence on the right line; `in_file`: where
    the error is in the file, when the file's entries are not where the model has them (sitegen.translations)."""
    path = error_path(detail)
    kind = detail["type"]
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        message = "unknown key" + _suggest(str(path[-1]), _allowed_keys(model, path[:-1]))
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "string_pattern_mismatch" and path and path[-1] in ("id", "start", "next", "if_any", "if_none"):
        message = "must be a lowercase-kebab id such as 'poor-circulation'"
    elif kind == "string_pattern_mismatch" and len(path) > 2 and path[-3] == "icd10cm":
        message = f"must be an ICD-10-CM code as its table writes it, such as 'G47.62' (got {detail['input']!r})"
    elif kind == "string_type" and isinstance(detail["input"], bool):
        # The maintainer wrote a word; the message would show Python's True.
        message = "expected text: unquoted, YAML reads yes, no, on, off, true and false as true or false; quote it"
    elif kind.endswith("_type") or kind == "literal_error" or kind.startswith("date"):
        message = f"{message} (got {detail['input']!r})"
    return source.problem(path if in_file is None else in_file, message)


def _allowed_keys(model: type[models.Record], path: tuple[str | int, ...]) -> list[str]:
    """The keys the model accepts at `path`, for 'did you mean'."""
    current: type | None = model
    for part in path:
        if current is None or isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = _record_type(field.annotation) if field else None
    return list(getattr(current, "model_fields", {})) if current else []


def _record_type(annotation: object) -> type | None:
    """The Record model inside an annotation such as `tuple[Cause, ...]` or `Cost | None`."""
    if isinstance(annotation, type) and issubclass(annotation, models.Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _record_type(argument)
        if found:
            return found
    return None


def _suggest(word: str, choices: list[str]) -> str:
    hint = did_you_mean(word, choices)
    return hint or (f"; allowed: {', '.join(choices)}" if choices else "")
