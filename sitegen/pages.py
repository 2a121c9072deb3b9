"""Data becomes pages: each generated page is a Jinja template in `overrides/generated/`
rendered with typed records into Markdown with front matter, which MkDocs then builds
like any hand-written page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from sitegen import models, urls
from sitegen.dataset import Dataset
from sitegen.provenance import cited_sources
from sitegen.triage import all_paths

# libyaml's safe dumper writes the same YAML as PyYAML's in a fraction of the time (front
# matter of 3,000 pages: 0.9 s of a 2 s render with the pure-Python one, ./site-build.sh bench).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

PAGE_TYPES = {"causes": "cause", "conditions": "condition", "specialists": "specialist"}
"""The search `type` of each entity kind's pages; the FAQ page is `faq`, every other page a `guide`."""


@dataclass(frozen=True)
class GeneratedPage:
    doc: str  # the Markdown path MkDocs knows it by, e.g. causes/dehydration.md
    markdown: str


def template_environment(templates: Path) -> jinja2.Environment:
    """Markdown templates: no autoescape (the output is Markdown, not HTML), strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = table_cell
    env.tests["contains"] = lambda values, item: item in values
    env.filters["money"] = money
    env.filters["amount"] = amount
    env.globals.update(doc=doc_link, page=urls.PAGES, entity=urls.entity)
    return env


def render_pages(dataset: Dataset, templates: Path, *, emergency_number: str) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    env = template_environment(templates)
    levels = {t.level: t for t in dataset.triage.levels}
    env.globals.update(
        data=dataset,
        by_id=dataset.by_id,
        backlinks=backlinks(dataset),
        emergency_number=emergency_number,
        levels=levels,
    )
    pages = [
        _page(env, "causes", "causes.md", "guide", dataset.causes, title="Causes of muscle spasms"),
        _page(env, "conditions", "conditions.md", "guide", dataset.conditions, title="Conditions that cause spasms"),
        _page(env, "specialists", "specialists.md", "guide", dataset.specialists, title="Specialists and costs"),
        _page(env, "faq", "faq.md", "faq", dataset.faqs, title="Frequently asked questions", schema="FAQPage"),
        _page(env, "when-to-see-a-doctor", "red_flags.md", "guide", dataset.red_flags, title="When to see a doctor"),
        _page(env, "action-plan", "action_plan.md", "guide", dataset.action_plan, title="Your anti-spasm action plan"),
        _page(env, "triage", "triage.md", "guide", dataset.triage, title="Symptom checker", also=dataset.red_flags),
        _page(
            env,
            "triage-paths",
            "triage_paths.md",
            "guide",
            dataset.triage,
            title="How the checker decides",
            also=dataset.red_flags,
            paths=all_paths(dataset),
        ),
    ]
    for kind, records in (
        ("causes", dataset.causes.causes),
        ("conditions", dataset.conditions.conditions),
        ("specialists", dataset.specialists.specialists),
    ):
        for record in records:
            pages.append(_entity_page(env, kind, record))
    return pages


def backlinks(dataset: Dataset) -> dict[str, dict[str, list[Any]]]:
    """Which records name each record, in data order: `backlinks["faqs_by_cause"]["dehydration"]`.

    Built once per render, so an entity page looks up its back-links instead of scanning every
    record of another kind (that scan made rendering quadratic in the data, ./site-build.sh bench).
    """
    index: dict[str, dict[str, list[Any]]] = {
        "tips_by_cause": {},
        "faqs_by_cause": {},
        "causes_by_specialist": {},
        "conditions_by_specialist": {},
    }

    def add(name: str, ids: tuple[str, ...], record: Any) -> None:
        for target in dict.fromkeys(ids):  # a record names another at most once
            index[name].setdefault(target, []).append(record)

    for section in dataset.action_plan.sections:
        for tip in section.tips:
            add("tips_by_cause", tip.causes, tip)
    for faq in dataset.faqs.faqs:
        add("faqs_by_cause", faq.causes, faq)
    for cause in dataset.causes.causes:
        add("causes_by_specialist", cause.specialists, cause)
    for condition in dataset.conditions.conditions:
        add("conditions_by_specialist", condition.specialists, condition)
    return index


def _page(
    env: jinja2.Environment,
    page_id: str,
    template: str,
    page_type: str,
    record: Any,
    *,
    title: str,
    schema: str = "MedicalWebPage",
    also: Any = None,
    **context: Any,
) -> GeneratedPage:
    """`also`: another record whose facts the page shows, so its sources are the page's too."""
    place = urls.PAGES[page_id]
    dataset = env.globals["data"]
    meta = {
        "title": title,
        "data_file": next(stem for stem in models.FILES if getattr(dataset, stem) is record),
        "type": page_type,
        "schema": schema,
        "sources": list(dict.fromkeys([*cited_sources(record), *(cited_sources(also) if also else ())])),
        "reviewed": record.reviewed.isoformat(),
    }
    body = env.get_template(template).render(record=record, title=title, **context)
    return GeneratedPage(place.doc, _with_front_matter(meta, body))


def _entity_page(env: jinja2.Environment, kind: str, record: Any) -> GeneratedPage:
    meta = {
        "title": record.name,
        "data_file": kind,
        "id": record.id,
        "type": PAGE_TYPES[kind],
        "schema": "MedicalCondition" if kind == "conditions" else "MedicalWebPage",
        "keywords": list(record.lay_terms),
        "description": getattr(record, "summary", None)
        or getattr(record, "spasm_pattern", None)
        or "; ".join(record.helps_with),
        "sources": list(dict.fromkeys(cited_sources(record))),
        "reviewed": record.reviewed.isoformat(),
    }
    body = env.get_template(f"{PAGE_TYPES[kind]}.md").render(record=record)
    return GeneratedPage(urls.entity(kind, record.id).doc, _with_front_matter(meta, body))


def _with_front_matter(meta: dict[str, Any], body: str) -> str:
    # safe_dump quotes whatever the data holds, so no text can break out of the front matter.
    return f"---\n{yaml.dump(meta, Dumper=_Dumper, sort_keys=True, allow_unicode=True)}---\n\n{body}"


def doc_link(kind_or_page: str, entity_id: str | None = None) -> str:
    """A docs-root link MkDocs checks and makes relative: `/causes/dehydration.md`."""
    place = urls.PAGES[kind_or_page] if entity_id is None else urls.entity(kind_or_page, entity_id)
    return "/" + place.doc


def table_cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def money(cost: Any) -> str:
    """`$75–$150 per session` from a Cost."""
    symbol = {"USD": "$"}[cost.currency]
    return f"{symbol}{cost.min:,}–{symbol}{cost.max:,} per {cost.per}"


def amount(quantity: Any) -> str:
    """`2–3 L a day`, `422 mg of potassium` from a Quantity."""

    def number(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"

    text = number(quantity.value) if quantity.value is not None else f"{number(quantity.min)}–{number(quantity.max)}"
    text += f" {quantity.unit}"
    if quantity.of:
        text += f" of {quantity.of}"
    if quantity.per:
        text += {"day": " a day", "hour": " an hour"}[quantity.per]
    return text
