"""Synthetic data for the benchmarks: the real `data/` grown to `n` records of every entity kind.

`write_dataset(n, data_dir)` writes the files of `data/` with `n` sources, causes, red flags,
conditions, specialists, FAQs and action-plan tips (below `SMALLEST`, a kind with more real records
than `n` keeps them all, as a test's small site needs): every real record once, under its own id (so
the hand-written pages in `content/` find what they cite), then copies of the real records with ids
`<id>-<copy>`. A copy's references name the same copy of what they name where that exists, so a
clinical source stays clinical and a red flag keeps its level; the triage tree asks about each copy
of a red flag where it asks about the original, and sends it to the same place, so it passes the
verifier as the real tree does. Emergency red flags (in every page's banner), the glossary
(abbreviations on every page) and the diary stay at their real size. Copying real records rather
than writing text keeps every field as the real data fills it, and the output is the same bytes for
a given `n`.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from bench.measure import ROOT
from sitegen.checks import REFERENCE_FIELDS, SINGLE_REFERENCE_FIELDS
from sitegen.kinds import KINDS

REAL = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "data").glob("*.yaml"))}
EMERGENCY_FLAGS = sum(flag["level"] == "emergency" for flag in REAL["red_flags"]["red_flags"])
"""Emergency red flags: the real ones, never copied, as the banner on every page lists them all."""
CONTENT_TIP = "heel-press"
"""The tip `content/index.md` shows through a data marker; it must exist."""
CONTENT_SOURCE = "seed-article"
"""The blog post the hand-written pages in `content/` cite."""


def _record_lists(files: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each list of records to grow, with its kind: every kind's, and each action-plan section's tips."""
    for kind in KINDS:
        yield kind, files[kind][kind]
    for section in files["action_plan"]["sections"]:
        yield "tips", section["tips"]


def _counts(files: dict[str, Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for kind, records in _record_lists(files):
        counts[kind] += len(records)
    return counts


SMALLEST = max(_counts(REAL).values())
"""The smallest `n` with `n` records of every kind: every real record of the largest kind once."""


def _copies(files: dict[str, Any], n: int) -> dict[str, list[tuple[list[dict[str, Any]], dict[str, Any], int]]]:
    """By kind, the copies that make `n` records: (the list it joins, the original, the copy's number).
    Copies go round the kind's records (its red flags less the emergency ones) in order."""
    pools: dict[str, list[tuple[list[dict[str, Any]], dict[str, Any]]]] = {}
    for kind, records in _record_lists(files):
        pools.setdefault(kind, []).extend(
            (records, r) for r in records if r.get("level") != "emergency" or kind != "red_flags"
        )
    real = _counts(files)
    return {
        kind: [(*pool[i % len(pool)], 1 + i // len(pool)) for i in range(max(0, n - real[kind]))]
        for kind, pool in pools.items()
    }


def _renumber(value: Any, number: int, ids: dict[str, set[str]], field: str = "") -> Any:
    """`value` (a record or a part of one) with each id it refers to replaced by copy `number` of it, if any."""
    if isinstance(value, dict):
        return {key: _renumber(item, number, ids, key) for key, item in value.items()}
    kind = REFERENCE_FIELDS.get(field) or SINGLE_REFERENCE_FIELDS.get(field)
    if isinstance(value, list):
        return [_renumber(item, number, ids, field) for item in value]
    if isinstance(value, str) and kind is not None and f"{value}-{number}" in ids[kind]:
        return f"{value}-{number}"
    return value


def generate(n: int) -> dict[str, dict[str, Any]]:
    """The content of every data file, by stem, for `n` records of each kind (or every real one)."""
    files = copy.deepcopy(REAL)
    copies = _copies(files, n)
    ids = {kind: {f"{original['id']}-{number}" for _, original, number in made} for kind, made in copies.items()}
    flag_copies: defaultdict[str, list[str]] = defaultdict(list)
    for kind, made in copies.items():
        for records, original, number in made:
            records.append({**_renumber(original, number, ids), "id": f"{original['id']}-{number}"})
            if kind == "red_flags":
                flag_copies[original["id"]].append(records[-1]["id"])
    for question in files["triage"]["questions"]:
        if "flags" in question:
            question["flags"] = [
                {**e, "flag": f} for e in question["flags"] for f in (e["flag"], *flag_copies[e["flag"]])
            ]
        for answer in question.get("answers", []):
            if "red_flags" in answer:
                answer["red_flags"] = [f for flag in answer["red_flags"] for f in (flag, *flag_copies[flag])]
    return files


def write_dataset(n: int, data_dir: Path) -> list[Path]:
    """Write the data files for `n` records of each kind into `data_dir`; return their paths."""
    data_dir.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written = []
    for stem, content in generate(n).items():
        path = data_dir / f"{stem}.yaml"
        body = yaml.dump(content, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        note = f"# {stem}.yaml - data/{stem}.yaml grown to n={n} for the benchmarks (bench/synthetic.py)."
        path.write_text(f"{note}\n\n{body}", encoding="utf-8")
        written.append(path)
    return written
