"""Rules that span records and files. Each rule is one function that yields problems."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen import icd10cm, models, urls
from sitegen.dataset import Dataset
from sitegen.kinds import KINDS, records, with_pages
from sitegen.problems import Path, Problem, did_you_mean
from sitegen.triage import verify_triage
from sitegen.yaml_source import SourceFile

REFERENCE_FIELDS = {**{name: name for name in KINDS}, "watch_for": "red_flags"}
"""A field named for a kind (sitegen.kinds) that holds ids refers to records of that kind;
`watch_for` (a triage outcome's signs to look out for) holds red flag ids too."""

SINGLE_REFERENCE_FIELDS = {"source": "sources", "flag": "red_flags"}
"""The same for a field that holds one id."""


def check_dataset(dataset: Dataset, files: dict[str, SourceFile]) -> list[Problem]:
    problems: list[Problem] = []
    for stem, source in files.items():
        # One walk of the file's records for both rules: each walked them alone before, a
        # quarter of the checks at 1,000 records of each kind (./site-build.sh bench).
        walked = list(_walk(getattr(dataset, stem), ()))
        problems.extend(unique_ids(walked, source))
        problems.extend(references_resolve(walked, source, dataset))
        problems.extend(links_lead_to_pages(walked, source, dataset))
    if problems:  # the rules below look records up by id
        return problems
    problems.extend(red_flags_have_clinical_sources(dataset, files["red_flags"]))
    problems.extend(red_flag_levels_meet_their_sources(dataset, files["red_flags"]))
    problems.extend(cautions_have_clinical_sources(dataset, files["action_plan"]))
    for stem in CLINICAL_KINDS:
        problems.extend(records_have_clinical_sources(dataset, stem, files[stem]))
    problems.extend(tips_have_clinical_sources(dataset, files["action_plan"]))
    problems.extend(verify_triage(dataset, files["triage"]))
    problems.extend(diary_limits_are_the_red_flags_own(dataset, files["diary"]))
    for stem in icd10cm.CODED_KINDS:
        problems.extend(codes_are_in_the_table(dataset, stem, files[stem]))
    return problems


def diary_limits_are_the_red_flags_own(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """A diary duration rule uses the limit its red flag's text names ("longer than 10 minutes"),
    so the diary never warns on a number of its own."""
    flags = dataset.by_id["red_flags"]
    for index, rule in enumerate(dataset.diary.durations):
        for flag_index, flag_id in enumerate(rule.red_flags):
            flag = flags.get(flag_id)
            if isinstance(flag, models.RedFlag) and f"{rule.over_minutes} minute" not in flag.text:
                yield source.problem(
                    ("durations", index, "red_flags", flag_index),
                    f"red flag '{flag_id}' does not name a limit of {rule.over_minutes} minutes "
                    f"in its text ('{flag.text}'); use the red flag's own limit",
                )


def codes_are_in_the_table(dataset: Dataset, stem: str, source: SourceFile) -> Iterator[Problem]:
    """Every ICD-10-CM code is a category or subcategory of the official table (sitegen.icd10cm),
    with the table's own title, so a clinic's system and the page mean the same diagnosis."""
    for index, record in enumerate(records(dataset, stem)):
        for c_index, named in enumerate(record.icd10cm):
            path = (stem, index, "icd10cm", c_index)
            table = icd10cm.titles()
            official = table.get(named.code)
            if official is None:
                yield source.problem((*path, "code"), _not_in_table(named.code, table))
            elif named.title != official:
                yield source.problem(
                    (*path, "title"),
                    f"the ICD-10-CM table's title for {named.code} is '{official}', not '{named.title}': "
                    "copy the table's title word for word",
                )


def _not_in_table(code: str, table: dict[str, str]) -> str:
    base = icd10cm.extended(code)
    if base is not None and base in table:
        return (
            f"{code} adds a 7th character, which records an encounter, not a condition: name {base} ('{table[base]}')"
        )
    return f"{code} is not a code of the ICD-10-CM table ({icd10cm.VERSION}){_codes_under_parent(code, table)}"


def _codes_under_parent(code: str, table: dict[str, str]) -> str:
    """' (codes under G47.6: G47.61, ...)': the table's codes beside `code`, under its nearest parent."""
    parent = code
    while len(parent) > 3:
        parent = parent[:-1].rstrip(".")
        children = [known for known in table if known != parent and known[:-1].rstrip(".") == parent]
        if children:
            return f" (codes under {parent}: {', '.join(children)})"
    return ""


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


Walked = list[tuple[Path, object]]
"""A file's records and tuples with their field paths (`_walk`)."""


def unique_ids(walked: Walked, source: SourceFile) -> Iterator[Problem]:
    """Ids are unique within a file, so a URL or anchor never names two records."""
    seen: dict[str, Path] = {}
    for path, value in walked:
        record_id = getattr(value, "id", None)
        if isinstance(value, models.Record) and isinstance(record_id, str):
            if record_id in seen:
                first = source.line_of(seen[record_id])
                yield source.problem((*path, "id"), f"duplicate id '{record_id}' (first used on line {first})")
            else:
                seen[record_id] = path


def references_resolve(walked: Walked, source: SourceFile, dataset: Dataset) -> Iterator[Problem]:
    """Every id in a reference field names an existing record of the right kind."""
    for field_path, value in walked:
        if isinstance(value, models.Record):
            yield from _single_references(value, field_path, source, dataset)
        if not (isinstance(value, tuple) and field_path and field_path[-1] in REFERENCE_FIELDS):
            continue
        kind = REFERENCE_FIELDS[str(field_path[-1])]
        known = dataset.by_id[kind]
        for index, ref in enumerate(value):
            if isinstance(ref, str) and ref not in known:
                hint = did_you_mean(ref, list(known))
                yield source.problem((*field_path, index), f"no {kind.replace('_', ' ')} has the id '{ref}'{hint}")


_LINK = re.compile(r"\]\((?P<target>[^)\s]*)")
"""A Markdown link's target: `[text](/causes/dehydration.md)`."""


def links_lead_to_pages(walked: Walked, source: SourceFile, dataset: Dataset) -> Iterator[Problem]:
    """A link in a text leads to another site (`https://...`) or to a page of this one by its
    docs-root file (`/causes/dehydration.md`); the engine would stop on any other, naming the
    generated page rather than the data's line."""
    pages: set[str] | None = None
    for path, value in walked:
        if not isinstance(value, models.Record):
            continue
        for name in type(value).model_fields:
            field = getattr(value, name)
            texts = enumerate(field) if isinstance(field, tuple) else [(None, field)]
            for index, text in texts:
                if not (isinstance(text, str) and "](" in text):
                    continue
                pages = pages if pages is not None else _page_docs(dataset)
                for target in (m["target"] for m in _LINK.finditer(text)):
                    if target.startswith(("https://", "http://", "mailto:")):
                        continue
                    if target.split("#")[0] not in pages:
                        where = (*path, name) if index is None else (*path, name, index)
                        yield source.problem(
                            where,
                            f"the link '{target}' leads to no page of the site; link a page by its file from the"
                            " site's root, as /causes/dehydration.md, or another site by its https:// address",
                        )


def _page_docs(dataset: Dataset) -> set[str]:
    """Every page of the site as a link from the docs root names it: `/causes/dehydration.md`."""
    docs = {place.doc for place in urls.PAGES.values()}
    docs |= {urls.entity(kind.name, record.id).doc for kind in with_pages() for record in records(dataset, kind.name)}
    return {f"/{doc}" for doc in docs}


def _single_references(record: models.Record, path: Path, source: SourceFile, dataset: Dataset) -> Iterator[Problem]:
    fields = type(record).model_fields
    for name, kind in SINGLE_REFERENCE_FIELDS.items():
        # The field first: pydantic's getattr of a name a model lacks is slow (a tenth of loading).
        ref = getattr(record, name) if name in fields else None
        if isinstance(ref, str) and ref not in dataset.by_id[kind]:
            hint = did_you_mean(ref, list(dataset.by_id[kind]))
            yield source.problem((*path, name), f"no {kind.replace('_', ' ')} has the id '{ref}'{hint}")


def red_flags_have_clinical_sources(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """Every red flag is backed by at least one reputable clinical source, not only a blog post."""
    for index, flag in enumerate(dataset.red_flags.red_flags):
        if not _any_clinical(dataset, flag.sources):
            yield source.problem(
                ("red_flags", index, "evidence" if flag.evidence else "id"),
                f"red flag '{flag.id}' has no clinical source: add evidence naming a reputable source "
                "(not a blog post) and the level it gives",
            )


def red_flag_levels_meet_their_sources(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """A red flag is at least as urgent as the most urgent level any of its sources gives it."""
    for index, flag in enumerate(dataset.red_flags.red_flags):
        for e_index, evidence in enumerate(flag.evidence):
            if models.LEVELS.index(flag.level) > models.LEVELS.index(evidence.level):
                yield source.problem(
                    ("red_flags", index, "level"),
                    f"red flag '{flag.id}' is {flag.level}, below the level its source '{evidence.source}' gives "
                    f"({evidence.level}, evidence[{e_index}]): raise the level to at least {evidence.level}",
                )


CLINICAL_KINDS = ("guides", "conditions", "faqs")
"""Kinds whose every record gives medical advice, so each names a clinical source of its own."""


def records_have_clinical_sources(dataset: Dataset, stem: str, source: SourceFile) -> Iterator[Problem]:
    """A guide, condition or FAQ answer names a clinical source, not only the blog post."""
    for index, record in enumerate(records(dataset, stem)):
        if not _any_clinical(dataset, record.sources):
            yield source.problem(
                (stem, index, "sources"),
                f"{KINDS[stem].one} '{record.id}' has no clinical source: the blog post alone cannot back "
                "medical advice; add a reputable source you read (sources.yaml)",
            )


def tips_have_clinical_sources(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """An action-plan tip names a clinical source; one writer's experience goes in its `experience`."""
    for path, tip in _tips(dataset):
        if not _any_clinical(dataset, tip.sources):
            yield source.problem(
                (*path, "sources"),
                f"tip '{tip.id}' has no clinical source: name a reputable source you read, and keep what "
                "only the blog post says as the tip's `experience`",
            )


def cautions_have_clinical_sources(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """A caution on a tip comes from a clinical source."""
    for path, tip in _tips(dataset):
        if tip.caution and not _any_clinical(dataset, tip.caution.sources):
            yield source.problem(
                (*path, "caution", "sources"), f"the caution on tip '{tip.id}' needs at least one clinical source"
            )


def _tips(dataset: Dataset) -> Iterator[tuple[Path, models.Tip]]:
    """Every action-plan tip, with its field path in action_plan.yaml."""
    for s_index, section in enumerate(dataset.action_plan.sections):
        for t_index, tip in enumerate(section.tips):
            yield ("sections", s_index, "tips", t_index), tip


def _any_clinical(dataset: Dataset, source_ids: tuple[str, ...]) -> bool:
    return any(dataset.sources_by_id[s].clinical for s in source_ids)
