"""Data becomes pages: each generated page is a Jinja template in `sitegen/templates/`
rendered with typed records into Markdown with front matter, which the engine then builds
like any hand-written page (sitegen.export)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from sitegen import urls
from sitegen.dataset import Dataset
from sitegen.front_matter import FrontMatter, with_front_matter
from sitegen.kinds import KINDS, PAGE, records, with_pages
from sitegen.provenance import cited_sources
from sitegen.strings import SOURCE, Strings, strings
from sitegen.triage import all_paths

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The Markdown templates of the generated pages, and of the footer every page carries."""


@dataclass(frozen=True)
class GeneratedPage:
    doc: str  # the Markdown path the engine knows it by, e.g. causes/dehydration.md
    front: FrontMatter
    body: str

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body."""
        return with_front_matter(self.front.as_data(), self.body)


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
    t = t or strings(SOURCE)
    env = template_environment(templates, t)
    levels = {t.level: t for t in dataset.triage.levels}
    env.globals.update(
        data=dataset,
        by_id=dataset.by_id,
        named=partial(named, places(dataset), dataset),
        backlinks=backlinks(dataset),
        emergency_number=emergency_number,
        levels=levels,
    )
    page = partial(_page, env)
    pages = [
        *(
            page(kind.overview, f"{kind.name}.md", PAGE, kind.name, title=t(f"title.{kind.overview}"))
            for kind in with_pages()
            if kind.overview
        ),
        page("faq", "faq.md", "faq", "faqs", title=t("title.faq"), schema_type="FAQPage"),
        page("when-to-see-a-doctor", "red_flags.md", PAGE, "red_flags", title=t("title.when-to-see-a-doctor")),
        page("action-plan", "action_plan.md", PAGE, "action_plan", title=t("title.action-plan")),
        page("triage", "triage.md", PAGE, "triage", title=t("title.triage"), also=dataset.red_flags),
        page(
            "triage-paths",
            "triage_paths.md",
            PAGE,
            "triage",
            title=t("title.triage-paths"),
            also=dataset.red_flags,
            paths=all_paths(dataset),
        ),
    ]
    for kind in with_pages():
        pages.extend(_entity_page(env, kind.name, record) for record in records(dataset, kind.name))
    return pages


def named(places: dict[str, dict[str, int]], dataset: Dataset, kind: str, ids: tuple[str, ...]) -> list[Any]:
    """The records of `kind` that `ids` name, each once, in data order (`places`: each record's
    position in its kind): what filtering every record of the kind by id gives, without reading
    every record for every page (that made rendering quadratic in the data, ./site-build.sh bench)."""
    place = places[kind]
    return [dataset.by_id[kind][i] for i in sorted(set(ids) & place.keys(), key=place.__getitem__)]


def places(dataset: Dataset) -> dict[str, dict[str, int]]:
    """Each record's position among its kind's, by kind and id."""
    return {kind: {record_id: n for n, record_id in enumerate(by_kind)} for kind, by_kind in dataset.by_id.items()}


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
    data_file: str,
    *,
    title: str,
    schema_type: str = "MedicalWebPage",
    also: Any = None,
    **context: Any,
) -> GeneratedPage:
    """The fixed page `page_id`, showing the data file `data_file`; `also`: another record whose
    facts the page shows, so its sources are the page's too."""
    record = getattr(env.globals["data"], data_file)
    front = FrontMatter(
        title=title,
        data_file=data_file,
        type=page_type,
        schema_type=schema_type,
        sources=tuple(dict.fromkeys([*cited_sources(record), *(cited_sources(also) if also else ())])),
        reviewed=record.reviewed,
    )
    body = env.get_template(template).render(record=record, title=title, **context)
    return GeneratedPage(urls.PAGES[page_id].doc, front, body)


def _entity_page(env: jinja2.Environment, kind: str, record: Any) -> GeneratedPage:
    spec = KINDS[kind]
    front = FrontMatter(
        title=record.name,
        data_file=kind,
        id=record.id,
        type=spec.search_type,
        schema_type=spec.schema,
        keywords=record.lay_terms,
        description=spec.description(record) if spec.description else None,
        sources=tuple(dict.fromkeys(cited_sources(record))),
        reviewed=record.reviewed,
    )
    body = env.get_template(spec.template).render(record=record)
    return GeneratedPage(urls.entity(kind, record.id).doc, front, body)


def doc_link(kind_or_page: str, entity_id: str | None = None) -> str:
    """A docs-root link MkDocs checks and makes relative: `/causes/dehydration.md`."""
    place = urls.PAGES[kind_or_page] if entity_id is None else urls.entity(kind_or_page, entity_id)
    return "/" + place.doc


def table_cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")
