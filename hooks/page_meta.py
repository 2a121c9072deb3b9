"""MkDocs adapter: what every page carries besides its text.

Data markers in hand-written pages (sitegen.markers), sources and "last reviewed" (from
the page's front matter, checked against sources.yaml), glossary tooltips, and JSON-LD.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import date
from pathlib import Path

import jinja2
from data_pages import dataset_of, project_root
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitegen.markers import MarkerError, expand_markers
from sitegen.pages import template_environment
from sitegen.problems import did_you_mean
from sitegen.provenance import feedback_link, next_review
from sitegen.structured_data import page_json_ld


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    dataset = dataset_of(config)
    try:
        markdown = expand_markers(
            markdown,
            dataset,
            where=f"content/{page.file.src_uri}",
            templates=project_root(config) / "overrides" / "generated",
            first_line=_body_line(page, markdown),
        )
    except MarkerError as error:
        raise PluginError(str(error)) from None
    sources = _page_sources(page, dataset.by_id["sources"])
    reviewed = _reviewed(page)
    title = str(page.meta.get("title") or page.title or config.site_name)
    footer = (
        _environment(project_root(config) / "overrides" / "generated")
        .get_template("_provenance.md")
        .render(
            sources=[dataset.by_id["sources"][s] for s in sources],
            reviewed=reviewed,
            next_review=next_review(reviewed, dataset.sources.review_interval_months),
            clinical_review=_clinical_review(page, dataset),
            feedback=feedback_link(str(config.extra["feedback_url"]), title=title, url=page.canonical_url or ""),
            glossary=dataset.glossary.terms,
        )
    )
    return f"{markdown.rstrip()}\n\n{footer}"


@functools.lru_cache(maxsize=1)
def _environment(templates: Path) -> jinja2.Environment:
    # One environment for every page: a new one per page compiled the footer template again
    # each time (a fifth of a 1,000-record build, ./site-build.sh bench). It still reloads a
    # template edited under `serve`, and MkDocs loads this module afresh on each rebuild.
    return template_environment(templates)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    context["json_ld"] = page_json_ld(page.meta, url=page.canonical_url or "", dataset=dataset_of(config))
    # Material prints the description into an attribute without escaping it; a quote in the
    # data must not end that attribute.
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = escape(page.meta["description"])
    return context


def _clinical_review(page: Page, dataset: object) -> object:
    """A generated page's clinical review comes from its data file; hand-written pages have none yet."""
    stem = page.meta.get("data_file")
    return getattr(getattr(dataset, stem), "clinical_review", None) if isinstance(stem, str) else None


def _page_sources(page: Page, known: Collection[str]) -> list[str]:
    """Every page names its sources; a hand-written page's front matter is checked like data."""
    sources = page.meta.get("sources")
    where = f"content/{page.file.src_uri}:{_front_matter_line(page, 'sources')}"
    if not isinstance(sources, list) or not sources:
        raise PluginError(
            f"{where}: sources: every page lists its sources (ids from data/sources.yaml) in its front matter"
        )
    for source in sources:
        if source not in known:
            hint = did_you_mean(str(source), list(known))
            raise PluginError(f"{where}: sources: no source has the id '{source}'{hint}")
    return sources


def _reviewed(page: Page) -> date:
    value = page.meta.get("reviewed")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        line = _front_matter_line(page, "reviewed")
        raise PluginError(
            f"content/{page.file.src_uri}:{line}: reviewed: "
            "expected the date a person last checked this page, as YYYY-MM-DD"
        ) from None


def _front_matter_line(page: Page, key: str) -> int:
    """The line of `key:` in the page's front matter, or 1 when it is absent."""
    for number, line in enumerate(page.file.content_string.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _body_line(page: Page, markdown: str) -> int:
    """The file line where the body starts, after the front matter MkDocs took off."""
    return page.file.content_string.count("\n") - markdown.count("\n") + 1
