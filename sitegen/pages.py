"""Data becomes pages: each generated page is a Jinja template in `sitegen/templates/`
rendered with typed records into Markdown with front matter, which the engine then builds
like any hand-written page (sitegen.export)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from sitegen import models, urls
from sitegen.dataset import Dataset
from sitegen.kinds import KINDS, PAGE, records, with_pages
from sitegen.provenance import cited_sources
from sitegen.strings import SOURCE, Strings, strings
from sitegen.triage import all_paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The Markdown templates of the generated pages, and of the footer every page carries."""


@dataclass(frozen=True)
class GeneratedPage:
    doc: str  # the Markdown path the engine knows it by, e.g. causes/dehydration.md
    meta: dict[str, Any]  # its front matter
    body: str

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body."""
        return with_front_matter(self.meta, self.body)


def template_environment(templates: Path = TEMPLATES, t: Strings | None = None) -> jinja2.Environment:
    """Markdown templates: no autoescape (the output is Markdown, not HTML), strict undefined, and
    `t`, the words of the page's language (sitegen.strings; English by default)."""
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
    t = t or strings(SOURCE)
    # Sources keep their own (English) titles: marked so a screen reader says them in English.
    in_english = "" if t.lang == SOURCE else '{: lang="en" }'
    env.globals.update(doc=doc_link, page=urls.PAGES, entity=urls.entity, t=t, in_english=in_english)
    return env


def render_pages(
    dataset: Dataset, *, emergency_number: str, templates: Path = TEMPLATES, t: Strings | None = None
) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order, in `t`'s language (English by default)."""
    return [make() for make in page_makers(dataset, emergency_number=emergency_number, templates=templates, t=t)]


def page_makers(
    dataset: Dataset, *, emergency_number: str, templates: Path = TEMPLATES, t: Strings | None = None
) -> list[Callable[[], GeneratedPage]]:
    """What renders each page of `render_pages`, in its order, one call each: the set-up shared
    by all pages (templates, back-links) done once, so the pages can be rendered apart."""
    t = t or strings(SOURCE)
    env = template_environment(templates, t)
    levels = {t.level: t for t in dataset.triage.levels}
    env.globals.update(
        data=dataset,
        by_id=dataset.by_id,
        backlinks=backlinks(dataset),
        emergency_number=emergency_number,
        levels=levels,
    )
    page = partial(partial, _page, env)  # page(...): what renders that fixed page, once called
    makers: list[Callable[[], GeneratedPage]] = [
        *(
            page(kind.overview, f"{kind.name}.md", PAGE, getattr(dataset, kind.name), title=t(f"title.{kind.overview}"))
            for kind in with_pages()
            if kind.overview
        ),
        page("faq", "faq.md", "faq", dataset.faqs, title=t("title.faq"), schema="FAQPage"),
        page("when-to-see-a-doctor", "red_flags.md", PAGE, dataset.red_flags, title=t("title.when-to-see-a-doctor")),
        page("action-plan", "action_plan.md", PAGE, dataset.action_plan, title=t("title.action-plan")),
        page("triage", "triage.md", PAGE, dataset.triage, title=t("title.triage"), also=dataset.red_flags),
        page(
            "triage-paths",
            "triage_paths.md",
            PAGE,
            dataset.triage,
            title=t("title.triage-paths"),
            also=dataset.red_flags,
            paths=all_paths(dataset),
        ),
    ]
    for kind in with_pages():
        for record in records(dataset, kind.name):
            makers.append(partial(_entity_page, env, kind.name, record))
    return makers


def backlinks(dataset: Dataset) -> dict[str, dict[str, list[Any]]]:
    """Which records name each record, in data order: `backlinks["faqs_by_cause"]["dehydration"]`.

    Built once per render, so an entity page looks up its back-links instead of scanning every
    record of another kind (that scan made rendering quadratic in the data, ./site-build.sh bench).
    """
    index: dict[str, dict[str, list[Any]]] = {}
    tips = [tip for section in dataset.action_plan.sections for tip in section.tips]
    named = [("tips", tips), *((kind, records(dataset, kind)) for kind in KINDS if kind != "sources")]
    for name, collection in named:
        for record in collection:
            for field in type(record).model_fields:
                target = KINDS.get(field)
                if target is None or not target.section:
                    continue
                by_target = index.setdefault(f"{name}_by_{target.one}", {})
                for target_id in dict.fromkeys(getattr(record, field)):  # a record names another at most once
                    by_target.setdefault(target_id, []).append(record)
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
    return GeneratedPage(place.doc, meta, body)


def _entity_page(env: jinja2.Environment, kind: str, record: Any) -> GeneratedPage:
    spec = KINDS[kind]
    meta = {
        "title": record.name,
        "data_file": kind,
        "id": record.id,
        "type": spec.search_type,
        "schema": spec.schema,
        "keywords": list(record.lay_terms),
        "description": spec.description(record) if spec.description else "",
        "sources": list(dict.fromkeys(cited_sources(record))),
        "reviewed": record.reviewed.isoformat(),
    }
    body = env.get_template(spec.template).render(record=record)
    return GeneratedPage(urls.entity(kind, record.id).doc, meta, body)


def with_front_matter(meta: dict[str, Any], body: str) -> str:
    """A Markdown file: `meta` as front matter, then `body`.

    The front matter is JSON, which is YAML too (every engine reads it as YAML): quoted
    throughout, so no text can break out of it, and written by the C encoder (YAML's
    representer took a sixth of an export at N = 1,000, ./site-build.sh bench), on one
    line, as json's `indent` would hand it to the Python encoder (three times slower).
    """
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True, default=_iso)
    return f"---\n{front}\n---\n\n{body}"


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in front matter")


def doc_link(kind_or_page: str, entity_id: str | None = None) -> str:
    """A docs-root link MkDocs checks and makes relative: `/causes/dehydration.md`."""
    place = urls.PAGES[kind_or_page] if entity_id is None else urls.entity(kind_or_page, entity_id)
    return "/" + place.doc


def table_cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")
