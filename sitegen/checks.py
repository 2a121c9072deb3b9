"""Rules that span records and files. Each rule is one function that yields problems."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen import models
from sitegen.dataset import Dataset
from sitegen.kinds import KINDS
from sitegen.problems import Path, Problem, did_you_mean
from sitegen.triage import verify_triage
from sitegen.yaml_source import SourceFile

REFERENCE_FIELDS = {name: name for name in KINDS}
"""A field named for a kind (sitegen.kinds) that holds ids refers to records of that kind."""


def check_dataset(dataset: Dataset, files: dict[str, SourceFile]) -> list[Problem]:
    problems: list[Problem] = []
    for stem, source in files.items():
        root = getattr(dataset, stem)
        problems.extend(unique_ids(root, source))
        problems.extend(references_resolve(root, (), source, dataset))
    problems.extend(verify_triage(dataset, files["triage"]))
    return problems


def _walk(value: object, path: Path) -> Iterator[tuple[Path, object]]:
    """Every record and tuple inside `value`, with its field path."""
    yield path, value
    if isinstance(value, models.Record):
        fields = type(value).model_fields
        children: Iterator[tuple[str | int, object]] = ((name, getattr(value, name)) for name in fields)
    elif isinstance(value, tuple):
        children = enumerate(value)
    else:
        return
    for key, child in children:
        # Only records and tuples hold what the rules look at; not descending into every
        # string keeps this walk a small part of validation (./site-build.sh bench).
        if isinstance(child, models.Record | tuple):
            yield from _walk(child, (*path, key))


def unique_ids(root: models.Record, source: SourceFile) -> Iterator[Problem]:
    """Ids are unique within a file, so a URL or anchor never names two records."""
    seen: dict[str, Path] = {}
    for path, value in _walk(root, ()):
        if isinstance(value, models.Record) and isinstance(getattr(value, "id", None), str):
            if value.id in seen:  # type: ignore[attr-defined]
                first = source.line_of(seen[value.id])  # type: ignore[attr-defined]
                yield source.problem((*path, "id"), f"duplicate id '{value.id}' (first used on line {first})")  # type: ignore[attr-defined]
            else:
                seen[value.id] = path  # type: ignore[attr-defined]


def references_resolve(root: models.Record, path: Path, source: SourceFile, dataset: Dataset) -> Iterator[Problem]:
    """Every id in a reference field names an existing record of the right kind."""
    for field_path, value in _walk(root, path):
        if not (isinstance(value, tuple) and field_path and field_path[-1] in REFERENCE_FIELDS):
            continue
        kind = REFERENCE_FIELDS[str(field_path[-1])]
        known = dataset.by_id[kind]
        for index, ref in enumerate(value):
            if isinstance(ref, str) and ref not in known:
                hint = did_you_mean(ref, list(known))
                yield source.problem((*field_path, index), f"no {kind.replace('_', ' ')} has the id '{ref}'{hint}")
